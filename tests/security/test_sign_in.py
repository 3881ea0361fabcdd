"""Guessing passwords: the token endpoint's rate per address, and the lockout of a username at
an address after LOGIN_FAILURE_LIMIT failures, shared by the admin's sign-in page and the API.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from tests.accounts.roles import assert_error
from tests.factories.accounts import SecretariatOfficerFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
LOGIN_URL = "/admin/login/"
PASSWORD = "secret-pass-123"
LOCKED_OUT = "Account locked: too many login attempts. Please try again later."


@pytest.fixture
def officer():
    return SecretariatOfficerFactory(username="officer")


def _token(username, password, address="192.0.2.10"):
    return APIClient(REMOTE_ADDR=address).post(
        TOKEN_URL, {"username": username, "password": password}, format="json"
    )


def _admin_login(username, password, address="192.0.2.10"):
    client = Client(REMOTE_ADDR=address)
    response = client.post(LOGIN_URL, {"username": username, "password": password})
    return client, response


# --- The rate of token requests per address --------------------------------------------------


def test_token_requests_past_the_rate_are_429_in_the_error_shape(officer):
    # A different username each time: the guesser that dodges the lockout meets the rate.
    answers = [_token(f"guess{n}", "wrong") for n in range(10)]

    eleventh = _token("guess10", "wrong")

    assert [answer.status_code for answer in answers] == [400] * 10
    error = assert_error(eleventh, 429, "throttled")
    assert error["message"].startswith("Request was throttled. Expected available in ")
    assert 1 <= int(eleventh["Retry-After"]) <= 60


def test_token_rate_is_per_address(officer):
    for n in range(10):
        _token(f"guess{n}", "wrong", address="192.0.2.10")

    elsewhere = _token("officer", PASSWORD, address="192.0.2.20")

    assert elsewhere.status_code == 200


def test_token_rate_counts_neither_revocations_nor_other_routes(officer):
    for n in range(10):
        _token(f"guess{n}", "wrong")
    client = APIClient(REMOTE_ADDR="192.0.2.10")
    client.force_authenticate(officer)

    revoked = client.delete(TOKEN_URL)
    me = client.get("/api/v1/auth/me/")

    assert (revoked.status_code, me.status_code) == (204, 200)


# --- The lockout of a username at an address --------------------------------------------------


def test_token_lockout_after_five_failures_refuses_even_the_right_password(officer):
    failures = [_token("officer", "wrong").status_code for _ in range(4)]

    fifth = _token("officer", "wrong")
    right = _token("officer", PASSWORD)

    assert failures == [400] * 4
    assert assert_error(fifth, 429, "locked_out")["message"] == LOCKED_OUT
    assert assert_error(right, 429, "locked_out")["message"] == LOCKED_OUT
    assert int(right["Retry-After"]) == 15 * 60
    assert "token" not in right.json()


def test_token_lockout_is_of_the_username_at_that_address_only(officer):
    SecretariatOfficerFactory(username="colleague")
    for _ in range(5):
        _token("officer", "wrong")

    same_user_elsewhere = _token("officer", PASSWORD, address="192.0.2.20")
    other_user_here = _token("colleague", PASSWORD)

    assert (same_user_elsewhere.status_code, other_user_here.status_code) == (200, 200)


def test_admin_login_locks_out_after_five_failures(officer):
    responses = [_admin_login("officer", "wrong")[1] for _ in range(5)]

    client, right = _admin_login("officer", PASSWORD)

    assert [response.status_code for response in responses] == [200] * 4 + [429]
    assert (right.status_code, right.content.decode()) == (429, LOCKED_OUT)
    assert int(right["Retry-After"]) == 15 * 60
    assert client.get("/admin/").status_code == 302  # still signed out: back to the login page


def test_admin_login_elsewhere_is_not_locked_out(officer):
    for _ in range(5):
        _admin_login("officer", "wrong")

    client, response = _admin_login("officer", PASSWORD, address="192.0.2.20")

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_api_failures_lock_the_admin_login_too(officer):
    for _ in range(5):
        _token("officer", "wrong")

    _, response = _admin_login("officer", PASSWORD)

    assert response.status_code == 429


def test_lockout_ends_after_the_cool_off(officer):
    for _ in range(5):
        _token("officer", "wrong")
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=15, seconds=1)
    )

    response = _token("officer", PASSWORD)

    assert response.status_code == 200


def test_a_successful_sign_in_forgets_the_earlier_failures(officer):
    for _ in range(4):
        _token("officer", "wrong")
    assert _token("officer", PASSWORD).status_code == 200

    after = [_token("officer", "wrong").status_code for _ in range(4)]

    assert after == [400] * 4
    assert AccessAttempt.objects.get().failures_since_start == 4


def test_authentication_without_a_request_is_not_counted(officer):
    # Management commands (createsuperuser, changepassword) authenticate without a request.
    for _ in range(5):
        authenticate(username="officer", password="wrong")

    assert authenticate(username="officer", password=PASSWORD) == officer
    assert AccessAttempt.objects.count() == 0


def test_schema_documents_the_token_endpoints_429():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)

    responses = schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]
    example = responses["429"]["content"]["application/json"]["examples"]["LockedOut"]
    assert example["value"]["error"]["code"] == "locked_out"


def test_behind_a_proxy_the_lockout_follows_the_address_it_forwards(officer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        _admin_login_via_proxy("officer", "wrong", forwarded="198.51.100.7, 203.0.113.5")

    _, elsewhere = _admin_login_via_proxy("officer", PASSWORD, forwarded="203.0.113.9")
    _, forged = _admin_login_via_proxy("officer", PASSWORD, forwarded="10.1.1.1, 203.0.113.5")

    assert elsewhere.status_code == 302  # another client behind the same proxy
    assert forged.status_code == 429  # a forged first address changes nothing


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(officer):
    for n in range(5):
        _admin_login_via_proxy("officer", "wrong", forwarded=f"203.0.113.{n}")

    _, response = _admin_login_via_proxy("officer", PASSWORD, forwarded="203.0.113.99")

    assert response.status_code == 429


def _admin_login_via_proxy(username, password, *, forwarded):
    client = Client(REMOTE_ADDR="172.18.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    return client, client.post(LOGIN_URL, {"username": username, "password": password})
