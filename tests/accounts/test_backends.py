"""The admin's permissions follow the role: the secretariat keeps bwcmeet's records, only its
administrator deletes them and manages accounts."""

import pytest
from django.urls import reverse

from apps.accounts.enums import Role
from tests.factories.accounts import (
    FocalPointFactory,
    ReadOnlyUserFactory,
    SecretariatAdminFactory,
    SecretariatOfficerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PERMISSIONS = [
    "meetings.view_meeting",
    "meetings.add_meeting",
    "meetings.change_meeting",
    "meetings.delete_meeting",
    "reports.add_reportdraft",
    "accounts.view_user",
    "accounts.change_user",
    "authtoken.add_token",
    "auth.view_group",
    "sessions.view_session",
]


@pytest.mark.parametrize(
    ("factory", "granted"),
    [
        (
            SecretariatAdminFactory,
            [
                "meetings.view_meeting",
                "meetings.add_meeting",
                "meetings.change_meeting",
                "meetings.delete_meeting",
                "reports.add_reportdraft",
                "accounts.view_user",
                "accounts.change_user",
                "authtoken.add_token",
                "auth.view_group",
            ],
        ),
        (
            SecretariatOfficerFactory,
            [
                "meetings.view_meeting",
                "meetings.add_meeting",
                "meetings.change_meeting",
                "reports.add_reportdraft",
            ],
        ),
        (FocalPointFactory, []),
        (ReadOnlyUserFactory, []),
    ],
    ids=["secretariat_admin", "secretariat_officer", "focal_point", "read_only"],
)
def test_role_backend_grants_the_roles_permissions(factory, granted):
    user = factory()

    assert [perm for perm in PERMISSIONS if user.has_perm(perm)] == granted


def test_role_backend_gives_an_officer_the_domain_apps_only():
    officer = SecretariatOfficerFactory()

    assert [
        app for app in ("meetings", "reports", "accounts", "auth") if officer.has_module_perms(app)
    ] == ["meetings", "reports"]


def test_role_backend_grants_nothing_to_an_inactive_officer():
    officer = SecretariatOfficerFactory(is_active=False)

    assert (officer.has_perm("meetings.view_meeting"), officer.has_module_perms("meetings")) == (
        False,
        False,
    )


def test_officer_opens_the_meetings_admin_but_not_the_users(client):
    client.force_login(SecretariatOfficerFactory())

    pages = [
        client.get(reverse("admin:meetings_meeting_changelist")).status_code,
        client.get(reverse("admin:meetings_meeting_add")).status_code,
        client.get(reverse("admin:accounts_user_changelist")).status_code,
    ]

    assert pages == [200, 200, 403]


def test_staff_flag_without_a_secretariat_role_opens_nothing(client):
    client.force_login(UserFactory(is_staff=True, role=Role.READ_ONLY))

    response = client.get(reverse("admin:meetings_meeting_changelist"))

    assert response.status_code == 403
