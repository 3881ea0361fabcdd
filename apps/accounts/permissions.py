"""Who may do what through the API. A user's role decides; `is_staff` alone grants nothing.

| role                | reads                           | writes                  | deletes |
|---------------------|---------------------------------|-------------------------|---------|
| secretariat_admin   | everything                      | everything              | yes     |
| secretariat_officer | everything                      | everything              | no      |
| focal_point         | registry, meetings, agendas;    | its own State's         | no      |
|   (of a State)      | its own State's delegations     | nominations, while the  |         |
|                     |                                 | meeting is open         |         |
| read_only           | everything                      | nothing                 | no      |
| anonymous           | the public: meetings, agendas,  | nothing                 | no      |
|                     | issued documents, final lists   |                         |         |
|                     | of participants                 |                         |         |

Deleting is the administrator's: a delete cascades (a meeting takes its agenda and delegations)
and the officers' corrections have dedicated, audited endpoints.

A view picks one class below. Rules that depend on the object (whose State, which meeting) are
object-level: they run in `has_object_permission`, and a view scopes its queryset for reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, serializers

from .enums import Role

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

SECRETARIAT: frozenset[str] = frozenset({Role.SECRETARIAT_ADMIN, Role.SECRETARIAT_OFFICER})
ADMINISTRATORS: frozenset[str] = frozenset({Role.SECRETARIAT_ADMIN})
EVERY_ROLE: frozenset[str] = frozenset(Role.values)


def role_of(user: Any) -> Role | None:
    """The role of a signed-in, active user; None for anyone else."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return Role(user.role)


def is_secretariat(user: Any) -> bool:
    return role_of(user) in SECRETARIAT


def is_focal_point(user: Any) -> bool:
    return role_of(user) == Role.FOCAL_POINT


def unknown_to_other_states(
    serializer: serializers.Serializer, field_name: str, row: Any, entity_id: int
) -> None:
    """Refuse `row`, named in `field_name` and belonging to the State or organization
    `entity_id`, as if it did not exist when the caller is another State's focal point: a
    focal point does not learn which rows other States have (the field's own error for an
    unknown id, so the two answers are the same)."""
    request = serializer.context.get("request")
    if request is None or not is_focal_point(request.user):
        return
    if entity_id != request.user.entity_id:
        serializer.fields[field_name].fail("does_not_exist", pk_value=row.pk)


class RolePermission(permissions.BasePermission):
    """Reads by `read_roles` (plus anyone if `public_read`), writes by `write_roles`, DELETE by
    `delete_roles`. Subclasses only change these sets."""

    public_read: bool = False
    read_roles: frozenset[str] = EVERY_ROLE
    write_roles: frozenset[str] = SECRETARIAT
    delete_roles: frozenset[str] = ADMINISTRATORS
    message = _("Your role does not allow this.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        role = role_of(request.user)
        if request.method in permissions.SAFE_METHODS:
            return self.public_read or role in self.read_roles
        if request.method == "DELETE":
            return role in self.delete_roles
        return role in self.write_roles


class SignedInReadSecretariatWrite(RolePermission):
    """The default: every role reads, the secretariat writes, the administrator deletes.
    Anonymous callers get nothing."""


class PublicReadSecretariatWrite(RolePermission):
    """What the public may read (meetings, agendas, issued documents, final lists of
    participants); writes as the default."""

    public_read = True


class SecretariatAndReaders(RolePermission):
    """The secretariat's working material (report drafts and templates, exports with every
    delegate's e-mail address): read by the secretariat and read-only accounts, not by focal
    points; written by the secretariat."""

    read_roles = SECRETARIAT | {Role.READ_ONLY}


class AdministratorOnly(RolePermission):
    """User accounts and their tokens: the secretariat administrator's alone."""

    read_roles = ADMINISTRATORS
    write_roles = ADMINISTRATORS


class NominationScope(Protocol):
    """What a view using `FocalPointNominations` tells the permission about an object."""

    def nominating_entity_id(self, obj: Any) -> int | None: ...

    def open_for_nominations(self, obj: Any) -> bool: ...


class FocalPointNominations(RolePermission):
    """A delegation's members: the secretariat as by default; a focal point also submits and
    edits its own State's nominations while the meeting is open. The view scopes a focal
    point's reads to its State and answers the object questions (see `NominationScope`)."""

    write_roles = SECRETARIAT | {Role.FOCAL_POINT}
    message = _(
        "A focal point submits and edits only its own State's nominations, and only "
        "while the meeting is open."
    )

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        if request.method in permissions.SAFE_METHODS or not is_focal_point(request.user):
            return True
        scope: NominationScope = view
        entity_id = request.user.entity_id
        return (
            entity_id is not None
            and scope.nominating_entity_id(obj) == entity_id
            and scope.open_for_nominations(obj)
        )
