"""The admin site's permissions, from the user's role (the table in `permissions.py`).

Django's admin asks `user.has_perm("<app>.<action>_<model>")` for every page and button. Rather
than keeping groups in step with roles, the role answers: the secretariat views, adds and
changes bwcmeet's records; only its administrator deletes them and manages user accounts and
tokens. Signing in stays with `ModelBackend`; this backend authenticates no one.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.backends import BaseBackend

from .permissions import ADMINISTRATORS, SECRETARIAT, role_of

# Accounts, Django's groups and the API tokens are the administrator's alone (as in the API).
ADMINISTRATOR_APPS: frozenset[str] = frozenset({"accounts", "auth", "authtoken"})


def _is_domain_app(app_label: str) -> bool:
    """One of bwcmeet's own apps (`apps.*`), whose records the secretariat keeps."""
    try:
        return apps.get_app_config(app_label).name.startswith("apps.")
    except LookupError:
        return False


class RoleBackend(BaseBackend):
    """Grants the admin's model permissions by role; an object never changes the answer."""

    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        role = role_of(user_obj)
        if role not in SECRETARIAT or "." not in perm:
            return False
        app_label, codename = perm.split(".", 1)
        if app_label in ADMINISTRATOR_APPS:
            return role in ADMINISTRATORS
        if not _is_domain_app(app_label):
            return False
        if codename.startswith("delete_"):
            return role in ADMINISTRATORS  # a delete cascades: the administrator's call
        return True

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        role = role_of(user_obj)
        if app_label in ADMINISTRATOR_APPS:
            return role in ADMINISTRATORS
        return role in SECRETARIAT and _is_domain_app(app_label)
