"""Background work: each action that enqueues work sends exactly its tasks, and only once its
transaction has committed (nothing if it rolls back); the watchdog fails drafts stuck past
their lease, called directly, through its task, and on beat's schedule.

The counting tests are transactional, so commits are real and `on_commit` runs as it does in
production; `sent_tasks` records what was published to the broker (Redis, or the in-memory
broker without REDIS_URL) and whether a transaction was still open at that moment.
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.documents.models import Document
from apps.meetings.models import Meeting
from apps.reports import services, tasks
from apps.reports.enums import DraftStatus
from apps.reports.models import ReportDraft
from bwcmeet.celery import app as celery_app
from tests.factories.accounts import SecretariatOfficerFactory
from tests.factories.agendas import AgendaFactory, AgendaItemFactory
from tests.factories.meetings import MeetingFactory
from tests.reports.factories import DoneDraftFactory, ReportDraftFactory

pytestmark = pytest.mark.django_db

committed = pytest.mark.django_db(transaction=True)
DRAFTS = "/api/v1/report-drafts/"
BUILD = "reports.build_draft"


@pytest.fixture
def officer_client(db) -> APIClient:
    client = APIClient()
    client.force_authenticate(SecretariatOfficerFactory())
    return client


def _meeting(series: str = "BWC/MSP/2052/MX.1") -> Meeting:
    meeting = MeetingFactory(series=series)
    AgendaItemFactory(agenda=AgendaFactory(meeting=meeting), number=1)
    return meeting


def _request(meeting: Meeting, **options: object) -> ReportDraft:
    arguments = {"kind": "procedural_report", "lang": "en", "fmt": "txt", **options}
    return services.request_draft(meeting=meeting, actor=None, **arguments)


def _build(draft_id: int) -> dict:
    """A build task sent after the commit, as the services send it."""
    return {"task": BUILD, "kwargs": {"draft_id": draft_id}, "eta": None, "in_transaction": False}


# --- what each action sends -----------------------------------------------------------------


@committed
def test_draft_requested_through_the_api_sends_one_build_after_the_commit(
    officer_client, sent_tasks
):
    meeting = _meeting()

    response = officer_client.post(
        DRAFTS, {"meeting": meeting.pk, "lang": "en", "format": "txt"}, format="json"
    )

    assert (response.status_code, response.json()["status"]) == (202, DraftStatus.QUEUED)
    assert sent_tasks == [_build(response.json()["id"])]


@committed
def test_same_draft_requested_again_while_queued_or_done_sends_nothing_more(
    officer_client, sent_tasks
):
    meeting = _meeting()
    payload = {"meeting": meeting.pk, "lang": "en", "format": "txt"}

    first = officer_client.post(DRAFTS, payload, format="json").json()
    again = officer_client.post(DRAFTS, payload, format="json").json()
    services.build_draft(draft=ReportDraft.objects.get(pk=first["id"]))
    after_done = officer_client.post(DRAFTS, payload, format="json").json()

    assert (again["id"], after_done["id"], after_done["status"]) == (
        first["id"],
        first["id"],
        DraftStatus.DONE,
    )
    assert sent_tasks == [_build(first["id"])]


@committed
def test_failed_or_abandoned_draft_requested_again_sends_one_build_each_time(sent_tasks, settings):
    meeting = _meeting()
    draft = _request(meeting)
    services.fail_draft(draft_id=draft.pk, error="The build failed.")
    _request(meeting)
    long_ago = timezone.now() - dt.timedelta(seconds=settings.REPORTS_BUILD_LEASE_SECONDS + 1)
    ReportDraft.objects.filter(pk=draft.pk).update(
        status=DraftStatus.RENDERING, started_at=long_ago
    )

    again = _request(meeting)

    assert (again.pk, again.status) == (draft.pk, DraftStatus.QUEUED)
    assert sent_tasks == [_build(draft.pk)] * 3


@committed
def test_strict_draft_of_data_with_errors_sends_nothing(officer_client, sent_tasks):
    meeting = MeetingFactory(series="BWC/MSP/2052/MX.2")  # no Chair: an error in the data

    response = officer_client.post(
        DRAFTS,
        {"meeting": meeting.pk, "lang": "en", "format": "txt", "strict": True},
        format="json",
    )

    assert (response.status_code, response.json()["status"]) == (202, DraftStatus.FAILED)
    assert sent_tasks == []


@committed
def test_invalid_draft_request_sends_nothing_and_keeps_nothing(officer_client, sent_tasks):
    meeting = _meeting()

    response = officer_client.post(
        DRAFTS, {"meeting": meeting.pk, "lang": "fr", "format": "txt"}, format="json"
    )

    assert response.status_code == 400
    assert (sent_tasks, ReportDraft.objects.count()) == ([], 0)


@committed
def test_draft_request_rolled_back_sends_nothing_and_keeps_nothing(sent_tasks):
    meeting = _meeting()

    def request_then_fail() -> None:
        with transaction.atomic():
            _request(meeting)
            raise RuntimeError("the caller's transaction fails after the request")

    with pytest.raises(RuntimeError):
        request_then_fail()

    assert sent_tasks == []
    assert (ReportDraft.objects.count(), Document.objects.count()) == (0, 0)


@committed
def test_draft_requested_inside_a_longer_transaction_is_sent_when_it_commits(sent_tasks):
    meeting = _meeting()

    with transaction.atomic():
        draft = _request(meeting)
        inside = list(sent_tasks)

    assert (inside, sent_tasks) == ([], [_build(draft.pk)])


@committed
def test_draft_requested_in_the_admin_sends_one_build_after_the_admin_commits(
    admin_client, sent_tasks
):
    meeting = _meeting()

    response = admin_client.post(
        reverse("admin:reports_reportdraft_add"),
        {"meeting": meeting.pk, "kind": "procedural_report", "lang": "en", "fmt": "txt"},
    )

    assert response.status_code == 302
    assert sent_tasks == [_build(ReportDraft.objects.get().pk)]


@committed
def test_admin_build_again_sends_a_build_only_for_the_failed_draft(admin_client, sent_tasks):
    meeting = _meeting()
    done = _request(meeting, fmt="html")
    services.build_draft(draft=done)
    failed = _request(meeting, fmt="txt")
    services.fail_draft(draft_id=failed.pk, error="The build failed.")
    queued = _request(meeting, lang="zh")
    sent_before = list(sent_tasks)

    admin_client.post(
        reverse("admin:reports_reportdraft_changelist"),
        {"action": "build_again", "_selected_action": [done.pk, failed.pk, queued.pk]},
    )

    assert sent_before == [_build(done.pk), _build(failed.pk), _build(queued.pk)]
    assert sent_tasks[len(sent_before) :] == [_build(failed.pk)]


@committed
def test_draft_report_command_builds_in_process_and_sends_nothing(sent_tasks, tmp_path):
    meeting = _meeting()
    output = tmp_path / "draft.txt"

    call_command(
        "draft_report", meeting.series, "--lang", "en", "--format", "txt", "-o", str(output),
        "--no-progress", stderr=io.StringIO(),
    )  # fmt: skip

    assert (ReportDraft.objects.get().status, output.stat().st_size > 0) == (DraftStatus.DONE, True)
    assert sent_tasks == []


@committed
def test_build_task_that_builds_its_draft_sends_nothing(sent_tasks):
    draft = _request(_meeting())
    sent_tasks.clear()

    status = tasks.task_build_draft(draft_id=draft.pk)

    assert (status, sent_tasks) == (DraftStatus.DONE, [])


@committed
def test_build_task_finding_its_draft_held_looks_again_when_the_lease_ends(sent_tasks, settings):
    settings.REPORTS_BUILD_LEASE_SECONDS = 60
    draft = _request(_meeting())
    started = timezone.now() - dt.timedelta(seconds=10)
    ReportDraft.objects.filter(pk=draft.pk).update(
        status=DraftStatus.BUILDING, started_at=started, attempts=1
    )
    sent_tasks.clear()

    status = tasks.task_build_draft(draft_id=draft.pk)  # as a worker runs it: not eager

    (again,) = sent_tasks
    eta = dt.datetime.fromisoformat(again.pop("eta"))
    assert (status, again) == (
        DraftStatus.BUILDING,
        {"task": BUILD, "kwargs": {"draft_id": draft.pk}, "in_transaction": False},
    )
    # The lease ends 60 s after the start; the job looks again a second later.
    assert abs((eta - (started + dt.timedelta(seconds=61))).total_seconds()) < 2


# --- the watchdog ---------------------------------------------------------------------------


def _stuck(status: str, *, since: dt.datetime, started: bool = True) -> ReportDraft:
    """A draft in `status` since `since`, as a build (or the queue) left it."""
    draft = ReportDraftFactory(status=status)
    ReportDraft.objects.filter(pk=draft.pk).update(
        started_at=since if started else None, updated_at=since
    )
    return draft


def test_watchdog_fails_exactly_the_drafts_in_progress_past_their_lease(settings):
    settings.REPORTS_BUILD_LEASE_SECONDS = 900
    now = timezone.now()
    past = now - dt.timedelta(seconds=901)
    within = now - dt.timedelta(seconds=899)
    drafts = {
        "building past": _stuck(DraftStatus.BUILDING, since=past),
        "rendering past": _stuck(DraftStatus.RENDERING, since=past),
        "queued past": _stuck(DraftStatus.QUEUED, since=past, started=False),
        "building within": _stuck(DraftStatus.BUILDING, since=within),
        "queued within": _stuck(DraftStatus.QUEUED, since=within, started=False),
        "failed past": _stuck(DraftStatus.FAILED, since=past),
    }
    worker_stopped = (
        "The worker stopped while building this draft (it was still in progress after "
        "15 minutes); request it again."
    )
    no_worker = "No worker took this draft from the queue within 15 minutes; request it again."

    count = services.fail_stuck_drafts(now=now)

    states = {
        name: ReportDraft.objects.values_list("status", "error").get(pk=draft.pk)
        for name, draft in drafts.items()
    }
    assert count == 3
    assert states == {
        "building past": (DraftStatus.FAILED, worker_stopped),
        "rendering past": (DraftStatus.FAILED, worker_stopped),
        "queued past": (DraftStatus.FAILED, no_worker),
        "building within": (DraftStatus.BUILDING, ""),
        "queued within": (DraftStatus.QUEUED, ""),
        "failed past": (DraftStatus.FAILED, ""),
    }
    assert ReportDraft.objects.get(pk=drafts["building past"].pk).finished_at == now


def test_watchdog_leaves_a_finished_draft_alone():
    done = DoneDraftFactory()
    long_ago = timezone.now() - dt.timedelta(days=1)
    ReportDraft.objects.filter(pk=done.pk).update(started_at=long_ago, updated_at=long_ago)

    count = services.fail_stuck_drafts()

    assert (count, ReportDraft.objects.get(pk=done.pk).status) == (0, DraftStatus.DONE)


def test_draft_failed_by_the_watchdog_can_be_requested_again(settings):
    meeting = _meeting()
    draft = _request(meeting)
    long_ago = timezone.now() - dt.timedelta(seconds=settings.REPORTS_BUILD_LEASE_SECONDS + 1)
    ReportDraft.objects.filter(pk=draft.pk).update(status=DraftStatus.BUILDING, started_at=long_ago)
    services.fail_stuck_drafts()

    again = _request(meeting)

    assert (again.pk, again.status, again.error) == (draft.pk, DraftStatus.QUEUED, "")


def test_watchdog_task_fails_stuck_drafts_and_returns_how_many(settings):
    long_ago = timezone.now() - dt.timedelta(seconds=settings.REPORTS_BUILD_LEASE_SECONDS + 1)
    stuck = _stuck(DraftStatus.RENDERING, since=long_ago)

    result = tasks.task_fail_stuck_drafts.apply()

    assert (result.get(), ReportDraft.objects.get(pk=stuck.pk).status) == (1, DraftStatus.FAILED)


def test_watchdog_is_on_beats_schedule_every_watchdog_period(settings):
    entry = celery_app.conf.beat_schedule["reports.fail_stuck_drafts"]

    assert entry == {
        "task": "reports.fail_stuck_drafts",
        "schedule": settings.REPORTS_WATCHDOG_SECONDS,
        "options": {"expires": settings.REPORTS_WATCHDOG_SECONDS},
    }
    assert celery_app.tasks[entry["task"]].name == "reports.fail_stuck_drafts"


def test_build_limits_stay_below_the_lease_and_the_lease_below_the_visibility_timeout(settings):
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    task = tasks.task_build_draft

    assert (
        task.soft_time_limit < task.time_limit < settings.REPORTS_BUILD_LEASE_SECONDS < visibility
    )
    assert settings.REPORTS_WATCHDOG_SECONDS < settings.REPORTS_BUILD_LEASE_SECONDS


def test_lease_left_counts_down_from_the_start_of_the_build(settings):
    settings.REPORTS_BUILD_LEASE_SECONDS = 900
    now = timezone.now()
    draft = ReportDraftFactory.build(status=DraftStatus.BUILDING, started_at=now)

    left = [
        services.lease_left(draft, now=now + dt.timedelta(seconds=seconds))
        for seconds in (0, 100, 900, 1000)
    ]

    assert left == [900.0, 800.0, 0.0, 0.0]
