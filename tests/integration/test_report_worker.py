"""A draft end to end through the REST API, built by a real Celery worker on Redis.

The worker runs in a thread of this process (`start_worker`, solo pool) against the test
database; the test uses a transactional database so that the worker sees the committed rows,
as a worker process would. Eager mode would hide what this checks: that the task's arguments
survive JSON, that the job is only sent once the request's transaction has committed, and
that the worker reports progress the API can poll.
"""

import io
import time

import docx
import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from rest_framework.test import APIClient

from apps.reports.enums import DraftStatus
from apps.reports.models import ReportDraft
from bwcmeet.celery import app as celery_app
from tests.factories.accounts import SecretariatOfficerFactory
from tests.factories.agendas import AgendaFactory, AgendaItemFactory
from tests.factories.meetings import MeetingFactory

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.REDIS_URL, reason="needs Redis and a worker (set REDIS_URL); CI runs it"
    ),
]

POLL_SECONDS = 60


@pytest.fixture
def worker():
    with start_worker(celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        yield


def _poll(client: APIClient, url: str) -> dict:
    deadline = time.monotonic() + POLL_SECONDS
    seen = []
    while time.monotonic() < deadline:
        body = client.get(url).json()
        if not seen or seen[-1] != body["status"]:
            seen.append(body["status"])
        if body["status"] in (DraftStatus.DONE, DraftStatus.FAILED):
            body["seen"] = seen
            return body
        time.sleep(0.1)
    raise AssertionError(f"the draft is still {seen[-1]} after {POLL_SECONDS} s: {seen}")


def test_report_worker_builds_a_draft_requested_through_the_api(worker):
    meeting = MeetingFactory(series="BWC/MSP/2041/MX.1", title_en="Meeting of Experts on X")
    AgendaItemFactory(agenda=AgendaFactory(meeting=meeting), number=1)
    client = APIClient()
    client.force_authenticate(SecretariatOfficerFactory())

    response = client.post(
        "/api/v1/report-drafts/",
        {"series": meeting.series, "lang": "en", "format": "docx"},
        format="json",
    )
    job = _poll(client, response["Location"])
    download = client.get(job["download_url"])
    document = docx.Document(io.BytesIO(b"".join(download.streaming_content)))

    assert response.status_code == 202
    assert response.json()["status"] in (DraftStatus.QUEUED, DraftStatus.BUILDING)
    assert (job["status"], job["error"], job["attempts"]) == (DraftStatus.DONE, "", 1)
    assert document.tables[0].rows[0].cells[1].text == "BWC/MSP/2041/MX.1/CRP.1"
    assert ReportDraft.objects.count() == 1


def test_report_worker_same_request_twice_builds_once(worker):
    meeting = MeetingFactory(series="BWC/MSP/2041/MX.2")
    AgendaItemFactory(agenda=AgendaFactory(meeting=meeting), number=1)
    client = APIClient()
    client.force_authenticate(SecretariatOfficerFactory())
    payload = {"meeting": meeting.pk, "lang": "zh", "format": "txt"}

    first = client.post("/api/v1/report-drafts/", payload, format="json")
    job = _poll(client, first["Location"])
    second = client.post("/api/v1/report-drafts/", payload, format="json")

    assert first["Location"] == second["Location"]
    assert (job["status"], second.json()["status"], second.json()["attempts"]) == (
        DraftStatus.DONE,
        DraftStatus.DONE,
        1,
    )
