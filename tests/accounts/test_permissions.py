import pytest
from django.contrib.auth.models import AnonymousUser

from apps.accounts.enums import Role
from apps.accounts.permissions import is_secretariat, role_of
from tests.factories.accounts import SecretariatOfficerFactory, UserFactory
from tests.factories.meetings import MeetingFactory

from .roles import client_for

pytestmark = pytest.mark.django_db


def test_role_of_anonymous_and_inactive_users_is_none():
    inactive = SecretariatOfficerFactory(is_active=False)

    assert (role_of(AnonymousUser()), role_of(inactive), role_of(None)) == (None, None, None)


def test_is_staff_alone_is_no_role_for_the_api(api_client):
    # A read-only user given the admin site's flag by hand still writes nothing.
    user = UserFactory(role=Role.READ_ONLY, is_staff=True)
    api_client.force_authenticate(user)

    response = api_client.post("/api/v1/chair-rotations/", {}, format="json")

    assert (is_secretariat(user), response.status_code) == (False, 403)
    assert response.json()["error"]["code"] == "permission_denied"


def test_default_permission_refuses_anonymous_reads_of_what_is_not_public():
    response = client_for("anonymous").get("/api/v1/entities/")

    assert response.json()["error"]["code"] == "not_authenticated"


def test_public_read_lets_anonymous_read_meetings():
    MeetingFactory()

    response = client_for("anonymous").get("/api/v1/meetings/")

    assert (response.status_code, response.json()["count"]) == (200, 1)
