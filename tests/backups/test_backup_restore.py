"""`manage.py backup` and `manage.py restore`: a round trip gives back the same installation,
every row of every model and every file byte for byte; and a restore refuses what it cannot
do whole."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token

from apps.backups.services import EXCLUDED, FORMAT
from apps.meetings.models import Meeting
from apps.reports import services as reports
from apps.reports.enums import DraftFormat, DraftStatus, ReportKind
from tests.accounts.roles import client_for
from tests.conftest import FIXTURE_FILES
from tests.factories.accounts import SecretariatOfficerFactory
from tests.factories.documents import DocumentFactory
from tests.reports.factories import DoneDraftFactory, ReportDraftFactory

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.7\n% a working paper\n" + bytes(range(256)) * 40


def _everything() -> dict[str, list[dict]]:
    """Every row of every model (many-to-many tables included), by primary key."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label not in EXCLUDED
    }


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def installation(settings):
    """The real meetings, an officer with a token, a working paper's file, a report draft."""
    call_command("loaddata", *FIXTURE_FILES, verbosity=0)
    officer = SecretariatOfficerFactory(username="officer")
    Token.objects.create(user=officer)
    meeting = Meeting.objects.get(series="BWC/MSP/2020/MX.5")
    paper = meeting.documents.filter(file="").exclude(status="reserved").first()
    upload = client_for("secretariat_officer").post(
        f"/api/v1/documents/{paper.pk}/file/",
        {"file": SimpleUploadedFile("paper.pdf", PDF)},
        format="multipart",
    )
    assert upload.status_code == 200, upload.content
    draft = ReportDraftFactory(
        meeting=meeting,
        kind=ReportKind.PROCEDURAL_REPORT,
        fmt=DraftFormat.TXT,
        data_hash=reports.data_hash(meeting=meeting, lang="en"),
        template_version=reports.default_template_version(
            kind=ReportKind.PROCEDURAL_REPORT, lang="en"
        ),
        requested_by=officer,
    )
    draft = reports.build_draft(draft=draft)
    assert draft.status == DraftStatus.DONE, draft.error
    return Path(settings.MEDIA_ROOT)


def _wipe(media: Path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(media.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def test_backup_wipe_restore_gives_back_every_row_and_file(installation, tmp_path):
    before, files = _everything(), _files(installation)
    archive = tmp_path / "backup.tar.gz"

    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    _wipe(installation)
    assert (Meeting.objects.count(), _files(installation)) == (0, {})
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    assert _everything() == before
    assert _files(installation) == files
    assert sorted(name.split("/")[0] for name in files) == ["documents", "drafts"]
    assert out.getvalue().endswith(f"and {len(files)} files.\n")
    _check_archive(archive, files)
    _check_it_works_on()


def _check_archive(archive: Path, files: dict[str, bytes]) -> None:
    """The manifest comes first and lists every model's rows and every file."""
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names[0] == "manifest.json"
    assert manifest["format"] == FORMAT
    assert manifest["models"]["meetings.Meeting"]["rows"] == Meeting.objects.count()
    assert "sessions.Session" not in manifest["models"]
    assert sorted(manifest["media"]) == sorted(files)
    assert [n for n in names if n.startswith("media/")] == [f"media/{n}" for n in manifest["media"]]


def _check_it_works_on() -> None:
    """The restored token signs in, and new rows get ids after the restored ones."""
    client = client_for("anonymous")
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get().key}")
    highest = max(Meeting.objects.values_list("pk", flat=True))

    created = client.post(
        "/api/v1/meetings/",
        {
            "series": "BWC/MSP/2031/MX.1",
            "kind": "mx",
            "title_en": "Meeting of Experts",
            "scheduled_start": "2031-08-25",
            "scheduled_end": "2031-08-26",
        },
        format="json",
    )

    assert created.status_code == 201, created.content
    assert created.json()["id"] > highest


@pytest.fixture
def small_installation(settings):
    """A meeting with a finished draft and a working paper's file: quick to make."""
    paper = DocumentFactory(file=ContentFile(PDF, name="paper.pdf"))
    DoneDraftFactory(meeting=paper.meeting)
    return Path(settings.MEDIA_ROOT)


def test_restore_into_a_database_with_data_is_refused_and_changes_nothing(
    small_installation, tmp_path
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    Meeting.objects.update(title_en="Changed after the backup")

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), stdout=io.StringIO())

    assert "nothing restored. The database is not empty (" in str(refused.value)
    assert Meeting.objects.get().title_en == "Changed after the backup"


def test_restore_with_wipe_replaces_what_is_there(small_installation, tmp_path):
    installation = small_installation
    before, files = _everything(), _files(installation)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    Meeting.objects.update(title_en="Changed after the backup")
    (installation / "stray.txt").write_bytes(b"not in the backup")

    call_command("restore", str(archive), "--wipe", stdout=io.StringIO())

    assert _everything() == before
    assert _files(installation) == files


def test_restore_of_a_damaged_archive_writes_nothing(small_installation, tmp_path):
    installation = small_installation
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "data/meetings.Meeting.json":
                content = content.replace(b'"series": "', b'"series": "X')
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    _wipe(installation)

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(damaged), stdout=io.StringIO())

    assert str(refused.value).endswith("data/meetings.Meeting.json is damaged in the backup.")
    assert (Meeting.objects.count(), _files(installation)) == (0, {})


def test_restore_of_something_else_is_refused(tmp_path):
    archive = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(__file__, arcname="notes.py")

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), stdout=io.StringIO())

    assert str(refused.value).endswith("This is not a bwcmeet backup: it has no manifest.")


def test_restore_into_a_database_migrated_otherwise_is_refused(small_installation, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    older = tmp_path / "older.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(older, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(content)
                manifest["migrations"]["agendas"].remove("0002_versions")
                content = json.dumps(manifest).encode()
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    _wipe(small_installation)

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(older), stdout=io.StringIO())

    assert str(refused.value).endswith(
        "The database is not migrated as the backup's was (apps: agendas). Restore with the "
        "version of bwcmeet that made the backup, then migrate."
    )
    assert Meeting.objects.count() == 0
