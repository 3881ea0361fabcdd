"""The task `reports.build_draft`: thin, JSON arguments, retries, limits, failure marked."""

import logging

import pytest
from django.conf import settings
from django.db import OperationalError

from apps.reports import services, tasks
from apps.reports.enums import DraftStatus
from apps.reports.models import ReportDraft
from bwcmeet.celery import app as celery_app

pytestmark = pytest.mark.django_db


def _draft(meeting):
    return services.request_draft(
        meeting=meeting, kind="procedural_report", lang="en", fmt="html", actor=None
    )


def test_task_is_registered_under_its_stable_name():
    assert celery_app.tasks["reports.build_draft"].run.__name__ == "task_build_draft"


def test_task_time_limits_stay_below_the_visibility_timeout():
    task = tasks.task_build_draft
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]

    assert task.soft_time_limit < task.time_limit < visibility
    assert task.time_limit <= settings.CELERY_TASK_TIME_LIMIT
    assert task.time_limit < settings.REPORTS_BUILD_LEASE_SECONDS


def test_task_acknowledges_late_and_retries_three_times():
    task = tasks.task_build_draft

    assert (task.acks_late, task.max_retries, task.autoretry_for) == (
        True,
        3,
        (OperationalError, tasks.InterfaceError),
    )


def test_task_takes_the_draft_id_as_json(mx5):
    draft = _draft(mx5)

    result = tasks.task_build_draft.apply(kwargs={"draft_id": draft.pk})

    draft.refresh_from_db()
    assert (result.get(), draft.status) == (DraftStatus.DONE, DraftStatus.DONE)


def test_task_run_twice_builds_once(mx5):
    draft = _draft(mx5)

    tasks.task_build_draft.apply(kwargs={"draft_id": draft.pk})
    tasks.task_build_draft.apply(kwargs={"draft_id": draft.pk})

    draft.refresh_from_db()
    assert (draft.status, draft.attempts) == (DraftStatus.DONE, 1)


def test_task_for_a_vanished_draft_logs_and_returns(caplog):
    with caplog.at_level(logging.WARNING, logger="apps.reports.tasks"):
        result = tasks.task_build_draft.apply(kwargs={"draft_id": 987654})

    assert result.get() is None
    assert caplog.messages == ["ReportDraft 987654 vanished before it could be built"]


def test_task_retries_a_transient_error_then_marks_the_draft_failed(mx5, monkeypatch):
    draft = _draft(mx5)
    celery_app.conf.task_eager_propagates = False  # eager retries chain only then (restored)

    def database_gone(*args, **kwargs):
        raise OperationalError("the database system is starting up")

    # A database outage cannot be staged here; this stands in for one, at every attempt.
    monkeypatch.setattr(services, "render", database_gone)

    result = tasks.task_build_draft.apply(kwargs={"draft_id": draft.pk}, throw=False)

    draft.refresh_from_db()
    assert (result.state, draft.status, draft.attempts) == ("FAILURE", DraftStatus.FAILED, 4)
    assert draft.error == (
        "The build failed after 4 attempt(s): OperationalError: the database system is starting up"
    )


def test_task_recovers_when_the_database_comes_back(mx5, monkeypatch):
    draft = _draft(mx5)
    celery_app.conf.task_eager_propagates = False  # eager retries chain only then (restored)
    real_render = services.render
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("the database system is starting up")
        return real_render(*args, **kwargs)

    monkeypatch.setattr(services, "render", flaky)

    tasks.task_build_draft.apply(kwargs={"draft_id": draft.pk})

    draft = ReportDraft.objects.get(pk=draft.pk)
    assert (draft.status, draft.attempts, draft.error) == (DraftStatus.DONE, 2, "")
