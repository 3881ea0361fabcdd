"""Upload limits: a document's file and a spreadsheet of participants are refused with a field
error (400, the one error shape) when too large or not what their name says, and nothing is
written. The type is read from the content's first bytes; the name alone proves nothing.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.delegations.models import Delegation, DelegationMember
from apps.documents import services
from apps.documents.enums import DocumentType
from tests.accounts.roles import assert_error, client_for
from tests.factories.entities import StateFactory
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
CSV = b"entity,role,family_name\nQAZ,head,Mammadov\n"


@pytest.fixture
def paper():
    meeting = MeetingFactory(series="BWC/MSP/2030/MX.4")
    document = services.mint_symbol(meeting=meeting, doc_type=DocumentType.WORKING_PAPER)
    return services.issue_document(document=document)


def _attach(document, name, content):
    return client_for("secretariat_officer").post(
        f"/api/v1/documents/{document.pk}/file/",
        {"file": SimpleUploadedFile(name, content)},
        format="multipart",
    )


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("wp1.docx", EXE, "file_content"),  # a program renamed
        ("wp1.pdf", PNG, "file_content"),  # a picture renamed
        ("wp1.doc", b"PK\x03\x04" + b"\x00" * 32, "file_content"),  # a zip is no .doc
        ("wp1.exe", EXE, "file_type"),
        ("wp1.html", b"<html><script>alert(1)</script></html>", "file_type"),
        ("wp1", b"%PDF-1.7\n", "file_type"),
    ],
)
def test_document_file_of_the_wrong_type_is_400_and_not_stored(
    paper, settings, name, content, code
):
    response = _attach(paper, name, content)

    error = assert_error(response, 400, "invalid", ["file"])
    assert [item["code"] for item in error["fields"]["file"]] == [code]
    paper.refresh_from_db()
    assert paper.file.name == ""
    assert [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()] == []


def test_document_file_over_the_limit_is_400_and_not_stored(paper, settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 64 * 1024
    content = b"%PDF-1.7\n" + b"0" * (64 * 1024)

    response = _attach(paper, "wp1.pdf", content)

    error = assert_error(response, 400, "invalid", ["file"])
    assert error["fields"]["file"] == [
        {
            "code": "file_too_large",
            "message": f"The file is {len(content)} bytes; the limit is 65536 bytes.",
        }
    ]
    paper.refresh_from_db()
    assert paper.file.name == ""


def test_document_file_at_the_limit_is_stored(paper, settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 64 * 1024
    content = b"%PDF-1.7\n" + b"0" * (64 * 1024 - 9)

    response = _attach(paper, "wp1.pdf", content)

    assert response.status_code == 200
    paper.refresh_from_db()
    assert paper.file.read() == content


@pytest.fixture
def import_meeting():
    StateFactory(code="QAZ", iso3="QAZ", name_en="Azerbaijan")
    return MeetingFactory(series="BWC/MSP/2030/MX.3")


def _import(meeting, name, content):
    return client_for("secretariat_officer").post(
        "/api/v1/participant-imports/",
        {"meeting": meeting.pk, "file": SimpleUploadedFile(name, content)},
        format="multipart",
    )


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("participants.csv", PNG, "encoding"),  # a picture sent as CSV
        ("participants.xlsx", EXE, "unreadable"),  # a program renamed
        ("participants.xlsx", PNG, "unreadable"),
        ("participants.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "unsupported_format"),
        ("participants.csv", b"entity,role\x00,family_name\nQAZ,head,M\n", "encoding"),
    ],
)
def test_spreadsheet_of_the_wrong_type_is_400_and_imports_nothing(
    import_meeting, name, content, code
):
    response = _import(import_meeting, name, content)

    error = assert_error(response, 400, code, ["file"])
    assert [item["code"] for item in error["fields"]["file"]] == [code]
    assert (Delegation.objects.count(), DelegationMember.objects.count()) == (0, 0)


def test_spreadsheet_over_the_limit_is_400_and_imports_nothing(import_meeting, settings):
    settings.IMPORT_MAX_BYTES = len(CSV) - 1

    response = _import(import_meeting, "participants.csv", CSV)

    error = assert_error(response, 400, "too_large", ["file"])
    assert error["message"] == f"The file is larger than {len(CSV) - 1} bytes."
    assert DelegationMember.objects.count() == 0


def test_spreadsheet_at_the_limit_is_imported(import_meeting, settings):
    settings.IMPORT_MAX_BYTES = len(CSV)

    response = _import(import_meeting, "participants.csv", CSV)

    assert response.status_code == 201
    assert list(DelegationMember.objects.values_list("family_name", flat=True)) == ["Mammadov"]


def test_a_real_workbook_renamed_csv_is_read_by_its_content(import_meeting):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["entity", "role", "family_name"])
    workbook.active.append(["QAZ", "head", "Aliyeva"])
    content = io.BytesIO()
    workbook.save(content)

    response = _import(import_meeting, "participants.csv", content.getvalue())

    assert response.status_code == 201
    assert list(DelegationMember.objects.values_list("family_name", flat=True)) == ["Aliyeva"]
