"""A schema-driven fuzz run over the whole API: schemathesis generates requests from the
OpenAPI schema, valid and not, and every answer must be no server error and match the schema.

It runs anonymously and as a secretariat officer (token); the number of examples per operation
is bounded so that CI stays fast (`FUZZ_EXAMPLES`, default 5).
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from bwcmeet.wsgi import application
from tests.factories.accounts import UserFactory
from tests.factories.meetings import MeetingFactory

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Schemathesis calls the WSGI application directly, whose request signals would close the
    connection that holds the test's transaction; Django's own test client detaches them too."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def officer_token(db):
    user = UserFactory(role="secretariat_officer", is_staff=True)
    MeetingFactory(series="BWC/MSP/2030/MX.1")  # something for lookups to find
    return Token.objects.create(user=user).key


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_answers_anonymous_requests_within_its_schema(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_answers_an_officer_within_its_schema(case, officer_token):
    case.call_and_validate(headers={"Authorization": f"Token {officer_token}"}, checks=CHECKS)
