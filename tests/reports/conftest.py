"""Fixtures of the reports tests: role clients, the real meetings, and eager Celery.

Drafts are built by the task `reports.build_draft`. These tests run it in-process (eager),
even when REDIS_URL is set for the run: the worker on Redis has its own test
(tests/integration/test_report_worker.py).
"""

import pytest
from rest_framework.test import APIClient

from apps.meetings.models import Meeting
from bwcmeet.celery import app as celery_app
from tests.factories.accounts import (
    FocalPointFactory,
    ReadOnlyUserFactory,
    SecretariatAdminFactory,
    SecretariatOfficerFactory,
)

MX5 = "BWC/MSP/2020/MX.5"
MX1 = "BWC/MSP/2020/MX.1"


@pytest.fixture(autouse=True)
def _eager_celery():
    saved = (celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates)
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = saved


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def officer(db):
    return SecretariatOfficerFactory()


@pytest.fixture
def officer_client(officer) -> APIClient:
    return _client(officer)


@pytest.fixture
def admin_role_client(db) -> APIClient:
    return _client(SecretariatAdminFactory())


@pytest.fixture
def read_only_client(db) -> APIClient:
    return _client(ReadOnlyUserFactory())


@pytest.fixture
def focal_point_client(db) -> APIClient:
    return _client(FocalPointFactory())


@pytest.fixture
def mx5(real_meetings, db) -> Meeting:
    """The 2020 Meeting of Experts on Institutional Strengthening, as the fixtures hold it."""
    return Meeting.objects.get(series=MX5)


@pytest.fixture
def mx1(real_meetings, db) -> Meeting:
    return Meeting.objects.get(series=MX1)
