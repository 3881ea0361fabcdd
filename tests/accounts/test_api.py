import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.accounts.enums import Role
from apps.accounts.models import User
from tests.factories.accounts import FocalPointFactory, ReadOnlyUserFactory, UserFactory
from tests.factories.entities import StateFactory

from .roles import ROLES, anonymous_denial_status, assert_error, client_for, expected, user_for

pytestmark = pytest.mark.django_db

ADMIN_ONLY = {
    "secretariat_admin": 200,
    "secretariat_officer": "denied",
    "focal_point_own": "denied",
    "focal_point_other": "denied",
    "read_only": "denied",
    "anonymous": "denied",
}


# --- POST/DELETE /auth/token/ ------------------------------------------------------------------


def test_obtain_token_gives_the_accounts_token(api_client):
    user = UserFactory(username="officer", role=Role.SECRETARIAT_OFFICER)

    response = api_client.post(
        "/api/v1/auth/token/",
        {"username": "officer", "password": "secret-pass-123"},
        format="json",
    )

    body = response.json()
    assert (response.status_code, body["token"]) == (200, Token.objects.get(user=user).key)
    assert (body["user"]["username"], body["user"]["role"]) == ("officer", "secretariat_officer")


def test_obtain_token_twice_gives_the_same_token(api_client):
    UserFactory(username="officer")
    credentials = {"username": "officer", "password": "secret-pass-123"}

    first = api_client.post("/api/v1/auth/token/", credentials, format="json").json()["token"]
    second = api_client.post("/api/v1/auth/token/", credentials, format="json").json()["token"]

    assert first == second


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"username": "officer", "password": "wrong"}, []),
        ({}, ["password", "username"]),
        ({"username": ["officer"], "password": {"a": 1}}, ["password", "username"]),
    ],
)
def test_obtain_token_bad_input_is_refused(api_client, payload, fields):
    UserFactory(username="officer")

    response = api_client.post("/api/v1/auth/token/", payload, format="json")

    assert_error(response, 400, "invalid", fields)


def test_obtain_token_inactive_user_is_refused(api_client):
    UserFactory(username="gone", is_active=False)

    response = api_client.post(
        "/api/v1/auth/token/", {"username": "gone", "password": "secret-pass-123"}, format="json"
    )

    error = assert_error(response, 400, "invalid", [])
    assert error["non_field_errors"][0]["message"] == "Unable to sign in with these credentials."


def test_token_signs_requests_in():
    user = ReadOnlyUserFactory()
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = client.get("/api/v1/auth/me/")

    assert (response.status_code, response.json()["id"]) == (200, user.pk)


def test_bad_token_is_refused_in_the_error_shape():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")

    response = client.get("/api/v1/entities/")

    assert_error(response, anonymous_denial_status(), "authentication_failed")


def test_revoke_token_deletes_the_token_the_request_is_signed_with():
    token = Token.objects.create(user=UserFactory())
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = client.delete("/api/v1/auth/token/")

    assert (response.status_code, Token.objects.filter(pk=token.pk).exists()) == (204, False)


def test_revoke_token_without_a_token_is_refused(api_client):
    response = api_client.delete("/api/v1/auth/token/")

    # This route authenticates by token only, so DRF can challenge: 401.
    assert_error(response, 401, "not_authenticated")


# --- GET /auth/me/ -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_me_shows_the_callers_role(role):
    state = StateFactory()

    response = client_for(role, state=state).get("/api/v1/auth/me/")

    if role == "anonymous":
        assert_error(response, anonymous_denial_status(), "not_authenticated")
    else:
        expected_role = "focal_point" if role.startswith("focal_point") else role
        assert (response.status_code, response.json()["role"]) == (200, expected_role)


# --- /users/ -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_user_list_is_the_administrators(role):
    response = client_for(role).get("/api/v1/users/")

    assert response.status_code == expected(ADMIN_ONLY, role)


@pytest.mark.parametrize("item_count", [5, 200])
def test_user_list_query_count_is_constant(item_count, django_assert_num_queries):
    FocalPointFactory.create_batch(item_count)
    client = client_for("secretariat_admin")

    with django_assert_num_queries(2):  # count, page of users with their State joined
        response = client.get("/api/v1/users/?page_size=500")

    assert response.json()["count"] == item_count + 1


@pytest.mark.parametrize("role", ROLES)
def test_user_create_is_the_administrators(role):
    state = StateFactory()

    response = client_for(role).post(
        "/api/v1/users/",
        {"username": "focal.pan", "role": "focal_point", "entity": state.pk},
        format="json",
    )

    assert response.status_code == expected({**ADMIN_ONLY, "secretariat_admin": 201}, role)


def test_user_create_makes_an_account_with_its_role():
    state = StateFactory()

    response = client_for("secretariat_admin").post(
        "/api/v1/users/",
        {
            "username": "focal.pan",
            "email": "focal@example.org",
            "password": "a long passphrase",
            "role": "focal_point",
            "entity": state.pk,
        },
        format="json",
    )

    user = User.objects.get(username="focal.pan")
    assert response.json() == {
        "id": user.pk,
        "username": "focal.pan",
        "email": "focal@example.org",
        "first_name": "",
        "last_name": "",
        "role": "focal_point",
        "entity": state.pk,
        "entity_code": state.code,
        "is_active": True,
        "date_joined": response.json()["date_joined"],
    }
    assert user.check_password("a long passphrase") is True


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"username": "x", "role": "emperor"}, ["role"]),
        ({"username": "x", "role": "focal_point"}, ["entity"]),
        ({"username": "x", "role": "read_only", "password": "123"}, ["password"]),
        ({"username": "taken", "role": "read_only"}, ["username"]),
        ({"username": "x", "role": "read_only", "entity": 10**12}, ["entity"]),
        ({"role": "read_only", "email": "not an email"}, ["email", "username"]),
    ],
)
def test_user_create_bad_input_names_the_field(payload, fields):
    UserFactory(username="taken")

    response = client_for("secretariat_admin").post("/api/v1/users/", payload, format="json")

    assert_error(response, 400, "invalid", fields)


def test_user_retrieve_unknown_is_404():
    response = client_for("secretariat_admin").get("/api/v1/users/999999/")

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("role", ROLES)
def test_user_token_is_issued_by_the_administrator(role):
    integration = UserFactory(role=Role.READ_ONLY)

    response = client_for(role).post(f"/api/v1/users/{integration.pk}/token/")

    assert response.status_code == expected(ADMIN_ONLY, role)
    if response.status_code == 200:
        assert response.json()["token"] == Token.objects.get(user=integration).key


def test_user_token_of_an_unknown_user_is_404():
    response = client_for("secretariat_admin").post("/api/v1/users/999999/token/")

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("role", ROLES)
def test_user_retrieve_is_the_administrators(role):
    user = UserFactory()

    response = client_for(role).get(f"/api/v1/users/{user.pk}/")

    assert response.status_code == expected(ADMIN_ONLY, role)


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_revoke_token_is_every_signed_in_users_own(role):
    token = Token.objects.create(user=user_for(role))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = client.delete("/api/v1/auth/token/")

    assert (response.status_code, Token.objects.count()) == (204, 0)
