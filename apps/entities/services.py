"""Writes of the registry: States, organizations, regional groups and treaty statuses.

Every write validates the row (`full_clean`) and records who made it in the history.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from apps.core.errors import ConflictError, DomainError

from .enums import EntityKind, TreatyStatusKind
from .models import Entity, RegionalGroup, TreatyStatus

if TYPE_CHECKING:
    from apps.accounts.models import User

ENTITY_FIELDS: tuple[str, ...] = (
    "code",
    "kind",
    "name_en",
    "name_zh",
    "name_fr",
    "name_ru",
    "name_es",
    "name_ar",
    "name_en_in_text",
    "formal_name_en",
    "formal_name_zh",
    "abbreviation_en",
    "abbreviation_zh",
    "iso2",
    "iso3",
    "regional_group",
    "notes",
)
REGIONAL_GROUP_FIELDS: tuple[str, ...] = (
    "code",
    "name_en",
    "name_zh",
    "name_fr",
    "name_ru",
    "name_es",
    "name_ar",
    "short_name_en",
    "short_name_zh",
)


def _assign(instance: Any, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise DomainError(_("These fields cannot be set: %s.") % ", ".join(unknown))
    for field, value in data.items():
        setattr(instance, field, value)


@transaction.atomic
def create_entity(
    *,
    actor: User,
    code: str,
    kind: EntityKind,
    name_en: str,
    regional_group: RegionalGroup | None = None,
    **details: str,
) -> Entity:
    """A State (with its ISO codes), an organization, a group of States or a guest."""
    entity = Entity(code=code, kind=kind, name_en=name_en, regional_group=regional_group)
    _assign(entity, details, ENTITY_FIELDS)
    entity.full_clean()
    entity._history_user = actor
    entity.save()
    return entity


@transaction.atomic
def update_entity(*, entity: Entity, actor: User, data: Mapping[str, Any]) -> Entity:
    """Change an entity's names, codes or group. Its kind is fixed once it has a delegation,
    because each delegation's rule-44 category was chosen for that kind."""
    if "kind" in data and data["kind"] != entity.kind and entity.delegations.exists():
        raise ConflictError(
            _("%(name)s has delegations; its kind cannot change.") % {"name": entity.name_en},
            field="kind",
        )
    _assign(entity, data, ENTITY_FIELDS)
    entity.full_clean()
    entity._history_user = actor
    entity.save()
    return entity


@transaction.atomic
def delete_entity(*, entity: Entity, actor: User) -> None:
    """Delete an entity nothing refers to; one with delegations, interventions or documents
    stays (409), so no meeting's record loses a name."""
    entity._history_user = actor
    try:
        entity.delete()
    except ProtectedError as error:
        raise ConflictError(
            _("%(name)s is referred to by meetings' records; it cannot be deleted.")
            % {"name": entity.name_en},
            code="protected",
        ) from error


@transaction.atomic
def record_treaty_status(
    *,
    state: Entity,
    status: TreatyStatusKind,
    effective_from: date,
    actor: User,
    source: str = "",
) -> TreatyStatus:
    """Record that `state` holds `status` from `effective_from` on (a signature, ratification
    or accession). Earlier records stay: the status belongs to the State at a date."""
    if state.kind != EntityKind.STATE:
        raise DomainError(_("Only a State has a treaty status."), field="state")
    treaty_status = TreatyStatus(
        entity=state, status=status, effective_from=effective_from, source=source
    )
    treaty_status.full_clean()
    treaty_status._history_user = actor
    treaty_status.save()
    return treaty_status


@transaction.atomic
def create_regional_group(*, actor: User, code: str, name_en: str, **details: str) -> RegionalGroup:
    group = RegionalGroup(code=code, name_en=name_en)
    _assign(group, details, REGIONAL_GROUP_FIELDS)
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def update_regional_group(
    *, group: RegionalGroup, actor: User, data: Mapping[str, Any]
) -> RegionalGroup:
    _assign(group, data, REGIONAL_GROUP_FIELDS)
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def delete_regional_group(*, group: RegionalGroup, actor: User) -> None:
    """Delete a group with no members and no place in the chair rotation (else 409)."""
    try:
        group.delete()
    except ProtectedError as error:
        raise ConflictError(
            _("%(name)s has members or chairs in the rotation; it cannot be deleted.")
            % {"name": group.name_en},
            code="protected",
        ) from error
