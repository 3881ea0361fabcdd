"""The callers every endpoint's permission tests go through, one per role.

`focal_point_own` is the focal point of the State the object belongs to (pass it as `state`);
`focal_point_other` is the focal point of some other State.
"""

from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from tests.factories.accounts import (
    FocalPointFactory,
    ReadOnlyUserFactory,
    SecretariatAdminFactory,
    SecretariatOfficerFactory,
)
from tests.factories.entities import StateFactory

ROLES = (
    "secretariat_admin",
    "secretariat_officer",
    "focal_point_own",
    "focal_point_other",
    "read_only",
    "anonymous",
)


def user_for(role, *, state=None):
    if role == "secretariat_admin":
        return SecretariatAdminFactory()
    if role == "secretariat_officer":
        return SecretariatOfficerFactory()
    if role == "focal_point_own":
        return FocalPointFactory(entity=state or StateFactory())
    if role == "focal_point_other":
        return FocalPointFactory()
    if role == "read_only":
        return ReadOnlyUserFactory()
    assert role == "anonymous", role
    return None


def client_for(role, *, state=None):
    """An API client signed in (without a query per request) as a user of `role`."""
    client = APIClient()
    user = user_for(role, state=state)
    if user is not None:
        client.force_authenticate(user)
    return client


def anonymous_denial_status():
    """DRF answers 401 when the first authentication class can challenge (Token), else 403."""
    first = api_settings.DEFAULT_AUTHENTICATION_CLASSES[0]()
    return 401 if first.authenticate_header(None) else 403


def expected(statuses, role):
    """`statuses` maps roles to the expected status; `denied` stands for a refusal."""
    status = statuses[role]
    if status == "denied":
        return anonymous_denial_status() if role == "anonymous" else 403
    return status


def assert_error(response, status, code=None, fields=None):
    """The one error shape, with its status, its code and the names of the fields in error."""
    assert response.status_code == status, response.content
    body = response.json()
    assert sorted(body) == ["error"]
    assert sorted(body["error"]) == ["code", "fields", "message", "non_field_errors"]
    if code is not None:
        assert body["error"]["code"] == code
    if fields is not None:
        assert sorted(body["error"]["fields"]) == sorted(fields)
    return body["error"]
