import pytest
from django.core.exceptions import ValidationError
from rest_framework.authtoken.models import Token

from apps.accounts import services
from apps.accounts.enums import Role
from tests.factories.accounts import UserFactory
from tests.factories.entities import StateFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "is_staff"),
    [
        (Role.SECRETARIAT_ADMIN, True),
        (Role.SECRETARIAT_OFFICER, True),
        (Role.READ_ONLY, False),
    ],
)
def test_create_user_gives_the_admin_site_to_the_secretariat_only(role, is_staff):
    user = services.create_user(username="someone", role=role, password="a long passphrase")

    assert (user.role, user.is_staff, user.check_password("a long passphrase")) == (
        role,
        is_staff,
        True,
    )


def test_create_user_focal_point_acts_for_its_state():
    state = StateFactory()

    user = services.create_user(username="focal", role=Role.FOCAL_POINT, entity=state)

    assert (user.role, user.entity, user.is_staff) == (Role.FOCAL_POINT, state, False)


def test_create_user_focal_point_without_a_state_is_refused():
    with pytest.raises(ValidationError) as error:
        services.create_user(username="focal", role=Role.FOCAL_POINT)

    assert list(error.value.message_dict) == ["entity"]


def test_create_user_weak_password_is_refused_on_the_password_field():
    with pytest.raises(ValidationError) as error:
        services.create_user(username="weak", role=Role.READ_ONLY, password="123")

    assert list(error.value.message_dict) == ["password"]


def test_create_user_without_password_cannot_sign_in_with_one():
    user = services.create_user(username="docs-portal", role=Role.READ_ONLY)

    assert user.has_usable_password() is False


def test_issue_token_gives_the_same_token_until_revoked():
    user = UserFactory()

    first = services.issue_token(user=user)
    again = services.issue_token(user=user)
    services.revoke_token(user=user)
    renewed = services.issue_token(user=user)

    assert (first.key == again.key, first.key == renewed.key) == (True, False)
    assert Token.objects.filter(user=user).count() == 1
