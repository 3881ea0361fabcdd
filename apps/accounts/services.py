"""Writes of user accounts and their API tokens. The role decides what a user may do; the
admin site's `is_staff` flag follows from it (the secretariat's roles get it, no one else)."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework.authtoken.models import Token

from apps.entities.models import Entity

from .enums import Role
from .models import User
from .permissions import SECRETARIAT


@transaction.atomic
def create_user(
    *,
    username: str,
    role: Role,
    email: str = "",
    password: str | None = None,
    entity: Entity | None = None,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """A user with `role`; a focal point names its State in `entity`.

    Without a password the account cannot sign in with one: an integration account, which
    uses a token from `issue_token`.
    """
    user = User(
        username=username,
        email=email,
        role=role,
        entity=entity,
        first_name=first_name,
        last_name=last_name,
        is_staff=role in SECRETARIAT,
    )
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
        user.set_password(password)
    user.full_clean()
    user.save()
    return user


def issue_token(*, user: User) -> Token:
    """The user's API token, created on first request; the same token until it is revoked."""
    token, _ = Token.objects.get_or_create(user=user)
    return token


def revoke_token(*, user: User) -> None:
    """Revoke the user's token; the next `issue_token` gives a new one."""
    Token.objects.filter(user=user).delete()
