"""`draft_report` (in-process drafts with a progress bar) and `synthesize_meeting`."""

import io

import pytest
from django.core.management import CommandError, call_command

from apps.agendas.models import Intervention
from apps.delegations.enums import Rule44Category
from apps.delegations.models import Delegation
from apps.documents.models import Document
from apps.meetings.models import Meeting
from apps.reports.enums import DraftStatus
from apps.reports.models import ReportDraft
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db


def _draft_report(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("draft_report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_draft_report_writes_the_file_and_shows_the_stages(mx5, tmp_path):
    target = tmp_path / "mx5.html"

    _, err = _draft_report(mx5.series, "--lang", "zh", "--format", "html", "-o", str(target))
    draft = ReportDraft.objects.get()
    bars = [line.split(" (")[0] for line in err.splitlines() if line.startswith("[")]

    assert target.read_bytes() == draft.file.read()
    assert bars == [
        "[######------------------] 1/4 Checking the data and the registry",
        "[############------------] 2/4 Reading the meeting's data and the template.",
        "[##################------] 3/4 Writing the HTML page.",
        "[########################] 4/4 Done.",
    ]
    assert err.splitlines()[-1] == (
        f"Draft {draft.pk} (BWC/MSP/2020/MX.5/CRP.1, {draft.size} bytes) written to {target}."
    )


def test_draft_report_twice_gives_one_draft(mx5, tmp_path):
    for name in ("first.html", "second.html"):
        _draft_report(mx5.series, "--lang", "en", "--format", "html", "-o", str(tmp_path / name))

    assert ReportDraft.objects.count() == 1
    assert (tmp_path / "first.html").read_bytes() == (tmp_path / "second.html").read_bytes()


def test_draft_report_records_the_user(mx5, tmp_path, officer):
    _draft_report(
        mx5.series,
        "--lang",
        "en",
        "--format",
        "html",
        "--user",
        officer.username,
        "--no-progress",
        "-o",
        str(tmp_path / "out.html"),
    )

    assert ReportDraft.objects.get().requested_by == officer


def test_draft_report_unknown_series_is_an_error(tmp_path, db):
    with pytest.raises(CommandError) as error:
        _draft_report("BWC/NOPE/1", "--lang", "en", "--format", "txt", "-o", str(tmp_path / "x"))

    assert str(error.value) == "No meeting has the series BWC/NOPE/1."


def test_draft_report_strict_with_problems_fails_and_lists_them(tmp_path):
    meeting = MeetingFactory(series="BWC/MSP/2034/MX.1")

    with pytest.raises(CommandError) as error:
        _draft_report(
            meeting.series,
            "--lang",
            "en",
            "--format",
            "html",
            "--strict",
            "-o",
            str(tmp_path / "x.html"),
        )

    draft = ReportDraft.objects.get()
    assert draft.status == DraftStatus.FAILED
    assert str(error.value) == f"Draft {draft.pk} failed: {draft.error}"
    assert not (tmp_path / "x.html").exists()


def test_synthesize_meeting_builds_every_category_to_size(db):
    out = io.StringIO()

    call_command(
        "synthesize_meeting",
        "--series", "BWC/CONF.XXX",
        "--states", "12",
        "--items", "3",
        "--interventions", "10",
        "--documents", "20",
        "--members-min", "2",
        "--members-max", "4",
        stdout=out,
    )  # fmt: skip
    meeting = Meeting.objects.get(series="BWC/CONF.XXX")
    categories = set(Delegation.objects.filter(meeting=meeting).values_list("category", flat=True))

    assert categories == set(Rule44Category.values)
    assert (
        Delegation.objects.filter(meeting=meeting, category=Rule44Category.STATE_PARTY).count()
        == 12
    )
    assert Intervention.objects.filter(agenda_item__agenda__meeting=meeting).count() == 30
    assert Document.objects.filter(meeting=meeting).count() == 20
    assert Document.objects.filter(meeting=meeting).exclude(modifier="").count() >= 1
    assert out.getvalue().startswith("BWC/CONF.XXX: ")


def test_synthesize_meeting_same_seed_gives_the_same_meeting(db):
    def snapshot():
        meeting = Meeting.objects.get(series="BWC/CONF.XXX")
        return (
            list(
                Intervention.objects.filter(agenda_item__agenda__meeting=meeting)
                .order_by("agenda_item__number", "position")
                .values_list("kind", "speaker__code")
            ),
            list(Document.objects.filter(meeting=meeting).order_by("symbol").values_list("symbol")),
        )

    options = ("--series", "BWC/CONF.XXX", "--states", "20", "--documents", "30", "--seed", "7")
    call_command("synthesize_meeting", *options, stdout=io.StringIO())
    first = snapshot()
    call_command("synthesize_meeting", *options, "--replace", stdout=io.StringIO())

    assert snapshot() == first


def test_synthesize_meeting_existing_series_needs_replace(db):
    call_command("synthesize_meeting", "--series", "BWC/CONF.XXX", "--states", "3",
                 "--documents", "5", stdout=io.StringIO())  # fmt: skip

    with pytest.raises(CommandError) as error:
        call_command("synthesize_meeting", "--series", "BWC/CONF.XXX", stdout=io.StringIO())

    assert str(error.value) == "BWC/CONF.XXX exists; pass --replace to build it again."
