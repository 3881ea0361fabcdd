"""Faults: a worker killed mid-build, Redis restarted with jobs queued, the database or the
broker gone. Each ends in a clear state: a draft built once with one file, or failed with its
reason; a 503 that names the part that is down; never a draft left "in progress".

The worker tests run the project's worker as separate processes (tests/reliability/
gated_worker.py, whose builds can be held before the renderer) against the test database and
Redis, and kill them with SIGKILL, as a crash or the kernel's out-of-memory killer would.
"""

import datetime as dt
import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.meetings.models import Meeting
from apps.reports import services
from apps.reports.enums import DraftStatus
from apps.reports.models import ReportDraft
from tests.factories.accounts import SecretariatOfficerFactory
from tests.factories.agendas import AgendaFactory, AgendaItemFactory
from tests.factories.meetings import MeetingFactory

from .conftest import (
    Processes,
    RedisServer,
    broker_at,
    compose_command,
    needs_postgres,
    needs_redis,
    needs_redis_server,
    wait_for,
)

pytestmark = pytest.mark.django_db

DRAFTS = "/api/v1/report-drafts/"
FINISHED = (DraftStatus.DONE, DraftStatus.FAILED)
DATABASE_DOWN = {
    "error": {
        "code": "database_unavailable",
        "message": "The database is unavailable; try again later.",
        "fields": {},
        "non_field_errors": [],
    }
}


def on_a_worker(test: Callable) -> Callable:
    """A test with worker processes: PostgreSQL and Redis, rows committed for the worker."""
    for mark in (
        pytest.mark.worker,
        needs_postgres,
        needs_redis,
        pytest.mark.django_db(transaction=True),
    ):
        test = mark(test)
    return test


@pytest.fixture
def officer_client(db) -> APIClient:
    client = APIClient()
    client.force_authenticate(SecretariatOfficerFactory())
    return client


def _meeting(series: str) -> Meeting:
    meeting = MeetingFactory(series=series)
    AgendaItemFactory(agenda=AgendaFactory(meeting=meeting), number=1)
    return meeting


def _request(client: APIClient, meeting: Meeting, **payload: str) -> dict:
    response = client.post(
        DRAFTS, {"meeting": meeting.pk, "lang": "en", "format": "txt", **payload}, format="json"
    )
    assert response.status_code == 202, response.content
    return response.json()


def _draft_once(
    pk: int, statuses: tuple[str, ...], *, processes: Processes, timeout: float = 30
) -> ReportDraft:
    """The draft once its status is one of `statuses` (the worker processes' logs if never)."""

    def reached() -> ReportDraft | None:
        draft = ReportDraft.objects.get(pk=pk)
        return draft if draft.status in statuses else None

    logs = tuple(process.log for process in processes.started)
    return wait_for(reached, what=f"draft {pk} {'/'.join(statuses)}", timeout=timeout, logs=logs)


def _files_of(media: Path, draft: ReportDraft) -> list[Path]:
    """The draft's files on disk: `<kind>-<lang>-<id>.<ext>`, or that name with a suffix that
    the storage adds when the name is taken."""
    return sorted(
        path
        for path in (media / "drafts").rglob("*")
        if path.is_file() and path.stem.split("-")[-1].split("_")[0] == str(draft.pk)
    )


# --- a worker killed in the middle of a build -------------------------------------------------


@on_a_worker
def test_worker_pool_process_killed_while_rendering_its_job_comes_back_and_builds_once(
    processes, media, officer_client
):
    worker = processes.gated_worker()
    processes.gate.unlink(missing_ok=True)
    pid_file = Path(f"{processes.gate}.pid")
    pid_file.unlink(missing_ok=True)
    meeting = _meeting("BWC/MSP/2051/MX.1")

    job = _request(officer_client, meeting)
    _draft_once(job["id"], (DraftStatus.RENDERING,), processes=processes)
    pid = wait_for(lambda: pid_file.exists() and pid_file.read_text(), what="the build's pid")
    # The pool process dies as under the out-of-memory killer; the worker puts the job back
    # at once, and its new delivery must wait for the dead build's lease to end.
    os.kill(int(pid), signal.SIGKILL)
    processes.gate.touch()
    draft = _draft_once(job["id"], FINISHED, processes=processes)

    assert (draft.status, draft.error, draft.attempts) == (DraftStatus.DONE, "", 2)
    assert ReportDraft.objects.filter(meeting=meeting).count() == 1
    assert _files_of(media, draft) == [media / draft.file.name]
    assert worker.alive


@on_a_worker
def test_worker_killed_while_rendering_its_job_is_handed_out_again_and_builds_once(
    processes, media, officer_client
):
    gated = processes.gated_worker()
    processes.gate.unlink(missing_ok=True)
    meeting = _meeting("BWC/MSP/2051/MX.2")

    job = _request(officer_client, meeting)
    rendering = _draft_once(job["id"], (DraftStatus.RENDERING,), processes=processes)
    gated.kill()  # the whole worker, its pool with it: nobody acknowledges the job
    # Redis hands the job out again once the visibility timeout has passed; the new worker
    # then finds the draft's lease ended and takes it over.
    expired = rendering.started_at + dt.timedelta(
        seconds=max(Processes.LEASE_SECONDS, Processes.VISIBILITY_SECONDS) + 0.5
    )
    time.sleep(max(0.0, (expired - timezone.now()).total_seconds()))
    stuck = ReportDraft.objects.get(pk=job["id"])
    processes.plain_worker(fresh=True)
    draft = _draft_once(job["id"], FINISHED, processes=processes)

    assert (stuck.status, stuck.attempts) == (DraftStatus.RENDERING, 1)
    assert (draft.status, draft.error, draft.attempts) == (DraftStatus.DONE, "", 2)
    assert ReportDraft.objects.filter(meeting=meeting).count() == 1
    assert _files_of(media, draft) == [media / draft.file.name]


@on_a_worker
def test_watchdog_sent_by_beat_fails_a_draft_whose_job_died_and_it_can_be_asked_again(
    processes, media, officer_client
):
    meeting = _meeting("BWC/MSP/2051/MX.3")
    job = services.request_draft(
        meeting=meeting, kind="procedural_report", lang="en", fmt="txt", actor=None, enqueue=False
    )
    # What a worker that died with its job lost leaves: the draft rendering for a minute.
    ReportDraft.objects.filter(pk=job.pk).update(
        status=DraftStatus.RENDERING,
        started_at=timezone.now() - dt.timedelta(minutes=1),
        attempts=1,
    )

    beat = processes.beat(watchdog_seconds=1)
    try:
        processes.plain_worker()  # while beat starts
        failed = _draft_once(job.pk, FINISHED, processes=processes)
    finally:
        beat.stop()
    again = _request(officer_client, meeting)
    built = _draft_once(job.pk, FINISHED, processes=processes)

    assert (failed.status, failed.progress) == (DraftStatus.FAILED, "Failed.")
    assert failed.error == (
        "The worker stopped while building this draft (it was still in progress after "
        "3 seconds); request it again."
    )
    assert (again["id"], again["status"]) == (job.pk, DraftStatus.QUEUED)
    assert (built.status, built.error, built.attempts) == (DraftStatus.DONE, "", 2)
    assert _files_of(media, built) == [media / built.file.name]


def test_build_taken_over_from_a_worker_killed_after_writing_its_file_keeps_one_file(settings):
    meeting = _meeting("BWC/MSP/2051/MX.4")
    draft = services.request_draft(
        meeting=meeting, kind="procedural_report", lang="en", fmt="txt", actor=None, enqueue=False
    )
    # The dead worker wrote the file under the draft's name but did not live to record it.
    leftover = Path(settings.MEDIA_ROOT) / "drafts" / "bwc-msp-2051-mx-4"
    leftover.mkdir(parents=True)
    (leftover / f"procedural_report-en-{draft.pk}.txt").write_bytes(b"half a dr")
    long_ago = timezone.now() - dt.timedelta(seconds=settings.REPORTS_BUILD_LEASE_SECONDS + 1)
    ReportDraft.objects.filter(pk=draft.pk).update(
        status=DraftStatus.RENDERING, started_at=long_ago, attempts=1
    )

    built = services.build_draft(draft=ReportDraft.objects.get(pk=draft.pk))

    assert (built.status, built.attempts) == (DraftStatus.DONE, 2)
    assert built.file.name == f"drafts/bwc-msp-2051-mx-4/procedural_report-en-{draft.pk}.txt"
    assert _files_of(Path(settings.MEDIA_ROOT), built) == [Path(built.file.path)]
    assert Path(built.file.path).stat().st_size == built.size > len(b"half a dr")


# --- Redis restarted with jobs queued ---------------------------------------------------------


@needs_redis_server
@on_a_worker
def test_redis_restarted_with_jobs_queued_loses_none(processes, media, officer_client, tmp_path):
    # The `redis` service's own command, with snapshots off: the append-only file alone.
    server = RedisServer(tmp_path, *compose_command("redis")[1:], "--save", "")
    server.start()
    worker = None
    try:
        meeting = _meeting("BWC/MSP/2051/MX.5")
        with broker_at(server.url):  # no worker listens there yet
            jobs = [
                _request(officer_client, meeting, lang=lang, format=fmt)
                for lang, fmt in (("en", "txt"), ("zh", "txt"), ("en", "html"))
            ]
        queued = server.client().llen("celery")
        server.restart()
        kept = server.client().llen("celery")
        worker = processes.worker(redis_url=server.url)
        drafts = [_draft_once(job["id"], FINISHED, processes=processes) for job in jobs]
        left = server.client().llen("celery")
    finally:
        if worker is not None:
            worker.stop()
        server.stop()

    assert [job["status"] for job in jobs] == [DraftStatus.QUEUED] * 3
    assert (queued, kept, left) == (3, 3, 0)
    assert [(d.status, d.attempts, d.error) for d in drafts] == [(DraftStatus.DONE, 1, "")] * 3
    assert [len(_files_of(media, draft)) for draft in drafts] == [1, 1, 1]


@needs_redis_server
@pytest.mark.django_db(transaction=True)
def test_redis_without_persistence_loses_the_jobs_queued_when_it_restarts(tmp_path):
    """Why the `redis` service must persist: the same restart, without the append-only file."""
    server = RedisServer(tmp_path, "--appendonly", "no", "--save", "")
    server.start()
    try:
        with broker_at(server.url):
            services.request_draft(
                meeting=_meeting("BWC/MSP/2051/MX.6"),
                kind="procedural_report",
                lang="en",
                fmt="txt",
                actor=None,
            )
        queued = server.client().llen("celery")
        server.restart()
        kept = server.client().llen("celery")
    finally:
        server.stop()

    assert (queued, kept) == (1, 0)


# --- the broker down when a draft is requested ------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_draft_requested_while_the_broker_is_down_fails_at_once_with_the_reason(officer_client):
    meeting = _meeting("BWC/MSP/2051/MX.7")

    with broker_at("redis://127.0.0.1:1/0"):  # nothing listens on port 1
        job = _request(officer_client, meeting)

    draft = ReportDraft.objects.get()
    assert (job["id"], job["status"], draft.status) == (draft.pk, "failed", DraftStatus.FAILED)
    assert draft.error == (
        "The build could not be queued or run: Error 111 connecting to 127.0.0.1:1. "
        "Connection refused."
    )
    assert job["error"] == draft.error


# --- the database down ------------------------------------------------------------------------


@pytest.fixture
def database_down() -> Callable:
    """A context in which the default connection points at a database that does not answer:
    nothing listens on 127.0.0.1:1 (PostgreSQL), or the file cannot be opened (SQLite).

    The test's own connection (and its transaction) is set aside, untouched, and comes back.
    """

    @contextmanager
    def down() -> Iterator[None]:
        real = connections[DEFAULT_DB_ALIAS]
        unreachable = {**real.settings_dict}
        if real.vendor == "postgresql":
            unreachable.update(HOST="127.0.0.1", PORT="1")
        else:
            unreachable["NAME"] = "/nonexistent/bwcmeet/db.sqlite3"
        connections[DEFAULT_DB_ALIAS] = real.__class__(unreachable, DEFAULT_DB_ALIAS)
        try:
            yield
        finally:
            connections[DEFAULT_DB_ALIAS].close()
            connections[DEFAULT_DB_ALIAS] = real

    return down


def test_api_with_the_database_down_answers_503_with_a_clear_error(api_client, database_down):
    token = Token.objects.create(user=SecretariatOfficerFactory())
    meeting = MeetingFactory(series="BWC/MSP/2051/MX.8")
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    with database_down():
        listing = api_client.get("/api/v1/meetings/")
        request = api_client.post(DRAFTS, {"meeting": meeting.pk, "lang": "en", "format": "txt"})

    assert (listing.status_code, listing.json()) == (503, DATABASE_DOWN)
    assert (request.status_code, request.json()) == (503, DATABASE_DOWN)
    assert api_client.get("/api/v1/meetings/").json()["count"] == 1  # and back


def test_healthz_with_the_database_down_names_the_database(client, settings, database_down):
    with database_down():
        response = client.get("/healthz")

    assert (response.status_code, response.json()) == (
        503,
        {
            "status": "unavailable",
            "database": "down: OperationalError",
            "broker": "ok" if settings.REDIS_URL else "ok (in-process)",
        },
    )


def test_healthz_with_the_database_and_the_broker_down_names_both(client, settings, database_down):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    with database_down():
        response = client.get("/healthz")

    assert (response.status_code, response.json()) == (
        503,
        {
            "status": "unavailable",
            "database": "down: OperationalError",
            "broker": "down: ConnectionError",
        },
    )
