import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.documents import services
from apps.documents.enums import DocumentType, Modifier
from apps.documents.models import Document
from tests.factories.accounts import UserFactory
from tests.factories.agendas import AgendaItemFactory
from tests.factories.entities import StateFactory
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/documents/"


@pytest.fixture
def meeting():
    return MeetingFactory(series="BWC/MSP/2030/MX.5")


def _issued_paper(meeting, **metadata):
    document = services.mint_symbol(
        meeting=meeting, doc_type=DocumentType.WORKING_PAPER, **metadata
    )
    return services.issue_document(document=document)


def test_mint_returns_the_reserved_document(staff_client, meeting):
    kazakhstan = StateFactory(code="KAZ", iso3="KAZ", name_en="Kazakhstan", name_zh="哈萨克斯坦")
    item = AgendaItemFactory(agenda__meeting=meeting, number=4)

    response = staff_client.post(
        f"{URL}mint/",
        {
            "meeting": meeting.series,
            "doc_type": "WP",
            "title_en": "Concept note",
            "submitted_by": "entities",
            "submitters": ["KAZ"],
            "languages": ["en"],
            "agenda_item": item.pk,
        },
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["symbol"], body["status"], body["agenda_item_number"]) == (
        "BWC/MSP/2030/MX.5/WP.1",
        "reserved",
        4,
    )
    assert body["submitters"] == [{"code": "KAZ", "name_en": "Kazakhstan", "name_zh": "哈萨克斯坦"}]
    assert kazakhstan.submitted_documents.count() == 1


def test_mint_reserved_report_number(staff_client, meeting):
    response = staff_client.post(
        f"{URL}mint/", {"meeting": meeting.series, "doc_type": "", "reserved": 2}, format="json"
    )

    assert (response.status_code, response.json()["symbol"]) == (201, "BWC/MSP/2030/MX.5/2")


def test_mint_bad_input_gets_field_errors_and_writes_nothing(staff_client, meeting):
    other_item = AgendaItemFactory()

    response = staff_client.post(
        f"{URL}mint/",
        {
            "meeting": "BWC/NOPE/1",
            "doc_type": "XX",
            "languages": ["en", "xx"],
            "agenda_item": other_item.pk,
        },
        format="json",
    )

    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["doc_type", "languages", "meeting"]
    assert Document.objects.count() == 0


def test_mint_agenda_item_of_another_meeting_is_refused(staff_client, meeting):
    other_item = AgendaItemFactory()

    response = staff_client.post(
        f"{URL}mint/",
        {"meeting": meeting.series, "doc_type": "WP", "agenda_item": other_item.pk},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["agenda_item"] == [
        {"code": "invalid", "message": "This agenda item belongs to another meeting."}
    ]


def test_mint_anonymous_is_refused(api_client, meeting):
    response = api_client.post(
        f"{URL}mint/", {"meeting": meeting.series, "doc_type": "WP"}, format="json"
    )

    assert response.status_code in (401, 403)
    assert Document.objects.count() == 0


def test_register_explicit_symbol_normalises_it(staff_client, meeting):
    response = staff_client.post(
        URL, {"symbol": "bwc/msp/2030/mx.5/wp.3", "title_en": "Late"}, format="json"
    )

    assert (response.status_code, response.json()["symbol"], response.json()["status"]) == (
        201,
        "BWC/MSP/2030/MX.5/WP.3",
        "issued",
    )


@pytest.mark.parametrize(
    ("symbol", "code"),
    [
        ("BWC/MSP/2030/MX.5/WP.x", "invalid_symbol"),
        ("BWC/MSP/2099/MX.5/WP.1", "unknown_series"),
        ("BWC/MSP/2030/MX.5/WP.9/Rev.1", "unknown_parent"),
    ],
)
def test_register_bad_symbol_is_a_400_naming_the_symbol_field(staff_client, meeting, symbol, code):
    response = staff_client.post(URL, {"symbol": symbol}, format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], list(error["fields"])) == (code, ["symbol"])
    assert Document.objects.count() == 0


def test_register_duplicate_symbol_is_a_409(staff_client, meeting):
    _issued_paper(meeting)

    response = staff_client.post(URL, {"symbol": "BWC/MSP/2030/MX.5/WP.1"}, format="json")

    assert (response.status_code, response.json()["error"]["code"]) == (409, "duplicate_symbol")


def test_by_symbol_finds_a_corrigendum(api_client, meeting):
    paper = _issued_paper(meeting)
    corrigendum = services.issue_document(
        document=services.add_version(document=paper, modifier=Modifier.CORRIGENDUM)
    )

    response = api_client.get(f"{URL}by-symbol/BWC/MSP/2030/MX.5/WP.1/Corr.1/")

    assert (response.status_code, response.json()["id"], response.json()["parent"]) == (
        200,
        corrigendum.pk,
        "BWC/MSP/2030/MX.5/WP.1",
    )


def test_by_symbol_unknown_is_a_404_in_the_error_shape(api_client, meeting):
    response = api_client.get(f"{URL}by-symbol/BWC/MSP/2030/MX.5/WP.404/")

    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")


def test_list_hides_reserved_and_withdrawn_documents_from_the_public(
    api_client, staff_client, meeting
):
    issued = _issued_paper(meeting)
    services.mint_symbol(meeting=meeting, doc_type=DocumentType.WORKING_PAPER)
    withdrawn = services.mint_symbol(meeting=meeting, doc_type=DocumentType.WORKING_PAPER)
    services.withdraw_document(document=withdrawn, reason="Duplicate.")

    public = [row["symbol"] for row in api_client.get(URL).json()["results"]]
    staff = [row["symbol"] for row in staff_client.get(URL).json()["results"]]

    assert public == [issued.symbol]
    assert staff == ["BWC/MSP/2030/MX.5/WP.1", "BWC/MSP/2030/MX.5/WP.2", "BWC/MSP/2030/MX.5/WP.3"]


@pytest.mark.parametrize("item_count", [5, 200])
def test_list_query_count_is_constant(api_client, meeting, item_count, django_assert_num_queries):
    russia = StateFactory()
    for _ in range(item_count):
        _issued_paper(meeting, submitters=[russia])

    with django_assert_num_queries(3):  # count, page, submitters prefetch
        response = api_client.get(URL, {"page_size": 500})

    assert len(response.json()["results"]) == item_count


def test_list_filters_by_type_submitter_language_item_and_text(staff_client, meeting):
    russia = StateFactory(code="RUS", iso3="RUS")
    item = AgendaItemFactory(agenda__meeting=meeting, number=4)
    wanted = _issued_paper(
        meeting,
        submitters=[russia],
        languages=["en", "ru"],
        agenda_item=item,
        title_en="Sochi conference",
    )
    _issued_paper(meeting, languages=["en"], title_en="Gender equality")
    services.mint_symbol(
        meeting=meeting, doc_type=DocumentType.CONFERENCE_ROOM_PAPER, languages=["ru"]
    )

    queries = [
        {"doc_type": "WP", "submitter": "RUS"},
        {"language": "ru", "doc_type": "WP"},
        {"agenda_item_number": 4},
        {"q": "sochi"},
        {"symbol_prefix": "bwc/msp/2030/mx.5/wp.1"},
    ]

    found = [
        [row["symbol"] for row in staff_client.get(URL, query).json()["results"]]
        for query in queries
    ]
    assert found == [[wanted.symbol]] * 5


def test_issue_then_revise_then_issue_supersedes(staff_client, meeting):
    document = services.mint_symbol(meeting=meeting, doc_type=DocumentType.INFORMATION)

    issued = staff_client.post(
        f"{URL}{document.pk}/issue/", {"issue_date": "2030-08-25"}, format="json"
    )
    revision = staff_client.post(
        f"{URL}{document.pk}/revise/", {"title_en": "Revised list"}, format="json"
    )
    staff_client.post(f"{URL}{revision.json()['id']}/issue/", {}, format="json")
    versions = staff_client.get(f"{URL}{document.pk}/versions/").json()

    assert (issued.json()["status"], issued.json()["issue_date"]) == ("issued", "2030-08-25")
    assert revision.json()["symbol"] == "BWC/MSP/2030/MX.5/INF.1/Rev.1"
    assert [(row["symbol"], row["status"]) for row in versions] == [
        ("BWC/MSP/2030/MX.5/INF.1", "superseded"),
        ("BWC/MSP/2030/MX.5/INF.1/Rev.1", "issued"),
    ]


def test_correct_and_addendum_actions_number_their_versions(staff_client, meeting):
    paper = _issued_paper(meeting)

    symbols = [
        staff_client.post(f"{URL}{paper.pk}/{verb}/", {}, format="json").json()["symbol"]
        for verb in ("correct", "correct", "addendum")
    ]

    assert symbols == [
        "BWC/MSP/2030/MX.5/WP.1/Corr.1",
        "BWC/MSP/2030/MX.5/WP.1/Corr.2",
        "BWC/MSP/2030/MX.5/WP.1/Add.1",
    ]


def test_withdraw_needs_a_reason_and_is_not_repeated(staff_client, meeting):
    paper = _issued_paper(meeting)

    missing = staff_client.post(f"{URL}{paper.pk}/withdraw/", {}, format="json")
    done = staff_client.post(
        f"{URL}{paper.pk}/withdraw/", {"reason": "Withdrawn by its sponsor."}, format="json"
    )
    again = staff_client.post(f"{URL}{paper.pk}/withdraw/", {"reason": "Again."}, format="json")

    assert (missing.status_code, list(missing.json()["error"]["fields"])) == (400, ["reason"])
    assert (done.status_code, done.json()["status"], done.json()["status_reason"]) == (
        200,
        "withdrawn",
        "Withdrawn by its sponsor.",
    )
    assert (again.status_code, again.json()["error"]["code"]) == (409, "invalid_transition")


def test_revise_a_missing_document_is_a_404(staff_client, meeting):
    response = staff_client.post(f"{URL}999999/revise/", {}, format="json")

    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")


def test_patch_changes_metadata_not_the_symbol(staff_client, meeting):
    paper = _issued_paper(meeting, title_en="Old")

    response = staff_client.patch(
        f"{URL}{paper.pk}/", {"title_en": "New", "symbol": "BWC/MSP/2030/MX.5/WP.99"}, format="json"
    )

    assert (response.status_code, response.json()["title_en"], response.json()["symbol"]) == (
        200,
        "New",
        "BWC/MSP/2030/MX.5/WP.1",
    )


def test_delete_is_not_allowed_even_for_the_administrator(api_client, meeting):
    paper = _issued_paper(meeting)
    api_client.force_authenticate(UserFactory(role="secretariat_admin", is_staff=True))

    response = api_client.delete(f"{URL}{paper.pk}/")

    assert response.status_code == 405
    assert Document.objects.filter(pk=paper.pk).exists()


def test_file_upload_accepts_a_pdf(staff_client, meeting):
    paper = _issued_paper(meeting)
    upload = SimpleUploadedFile("wp1.pdf", b"%PDF-1.7\n...", content_type="application/pdf")

    response = staff_client.post(f"{URL}{paper.pk}/file/", {"file": upload}, format="multipart")

    paper.refresh_from_db()
    assert response.status_code == 200
    assert paper.file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("wp1.exe", b"MZ....", "file_type"),
        ("wp1.pdf", b"<html>not a pdf</html>", "file_content"),
        ("wp1.pdf", b"%PDF-" + b"0" * 2048, "file_too_large"),
    ],
)
def test_file_upload_refuses_bad_files_and_writes_nothing(
    staff_client, meeting, settings, name, content, code
):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 1024
    paper = _issued_paper(meeting)

    response = staff_client.post(
        f"{URL}{paper.pk}/file/", {"file": SimpleUploadedFile(name, content)}, format="multipart"
    )

    paper.refresh_from_db()
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["file"][0]["code"] == code
    assert paper.file.name == ""


def test_next_symbol_reports_without_reserving(staff_client, meeting):
    _issued_paper(meeting)

    response = staff_client.get(f"{URL}next-symbol/", {"series": meeting.series, "doc_type": "WP"})

    assert response.json() == {
        "series": meeting.series,
        "doc_type": "WP",
        "symbol": "BWC/MSP/2030/MX.5/WP.2",
    }
    assert Document.objects.count() == 1


def test_annex_json_and_files(api_client, meeting):
    _issued_paper(meeting, title_zh="提案", languages=["en"])

    rows = api_client.get(f"{URL}annex/", {"series": meeting.series, "lang": "zh"}).json()
    xlsx = api_client.get(
        f"{URL}annex/", {"series": meeting.series, "lang": "zh", "file_format": "xlsx"}
    )

    assert rows == [
        {
            "symbol": "BWC/MSP/2030/MX.5/WP.1",
            "language_note": "仅英文本",
            "title": "提案",
            "submitted_by": "",
        }
    ]
    assert (
        xlsx["Content-Disposition"] == 'attachment; filename="BWC-MSP-2030-MX.5-annex-II-zh.xlsx"'
    )
    assert xlsx.content[:2] == b"PK"


def test_next_symbol_is_not_for_the_public(api_client, meeting):
    response = api_client.get(f"{URL}next-symbol/", {"series": meeting.series, "doc_type": "WP"})

    assert (response.status_code, response.json()["error"]["code"]) == (401, "not_authenticated")


@pytest.mark.parametrize("signed_in", [False, True])
def test_annex_shows_the_public_issued_documents_only(api_client, staff_client, meeting, signed_in):
    _issued_paper(meeting)
    client = staff_client if signed_in else api_client
    reserved = services.mint_symbol(meeting=meeting, doc_type=DocumentType.WORKING_PAPER)

    rows = client.get(f"{URL}annex/", {"series": meeting.series}).json()
    csv = client.get(f"{URL}annex/", {"series": meeting.series, "file_format": "csv"})

    assert [row["symbol"] for row in rows] == (
        ["BWC/MSP/2030/MX.5/WP.1", "BWC/MSP/2030/MX.5/WP.2"]
        if signed_in
        else ["BWC/MSP/2030/MX.5/WP.1"]
    )
    assert reserved.status == "reserved"
    assert (reserved.symbol in csv.content.decode("utf-8-sig")) is signed_in


def test_annex_unknown_series_is_a_400(api_client, meeting):
    response = api_client.get(f"{URL}annex/", {"series": "BWC/NOPE"})

    assert (response.status_code, list(response.json()["error"]["fields"])) == (400, ["series"])
