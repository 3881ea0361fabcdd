"""Writes of delegations and their members.

The nominations workflow (nominated → accredited → attended) and the lists of participants
belong to the attendance app; these services are its foundation: one entry point per write,
each validated and recorded in the history with who made it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from apps.core.errors import DomainError
from apps.entities.enums import EntityKind, TreatyStatusKind
from apps.entities.models import Entity
from apps.entities.selectors import treaty_status_of
from apps.meetings.models import Meeting
from apps.meetings.services import current_dates

from .enums import MemberRole, Rule44Category
from .models import MEMBER_FIELDS, Delegation, DelegationMember

if TYPE_CHECKING:
    from apps.accounts.models import User

DELEGATION_FIELDS: tuple[str, ...] = (
    "category",
    "position",
    "listed_name_en",
    "listed_name_zh",
    "notes",
)

CATEGORY_OF_STATUS: dict[str, Rule44Category] = {
    TreatyStatusKind.STATE_PARTY: Rule44Category.STATE_PARTY,
    TreatyStatusKind.SIGNATORY: Rule44Category.SIGNATORY,
    TreatyStatusKind.NON_PARTY: Rule44Category.OBSERVER_STATE,
}
CATEGORY_OF_KIND: dict[str, Rule44Category] = {
    EntityKind.UN_ENTITY: Rule44Category.UN_ENTITY,
    EntityKind.INTERNATIONAL_ORGANIZATION: Rule44Category.INTERNATIONAL_ORGANIZATION,
    EntityKind.NGO: Rule44Category.NGO,
    EntityKind.INDIVIDUAL: Rule44Category.GUEST,
    EntityKind.OTHER: Rule44Category.GUEST,
}


def _assign(instance: Any, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise DomainError(_("These fields cannot be set: %s.") % ", ".join(unknown))
    for field, value in data.items():
        setattr(instance, field, value)


def category_for(*, entity: Entity, meeting: Meeting) -> Rule44Category:
    """The rule-44 category `entity` attends `meeting` in: for a State, from its treaty status
    on the meeting's first day; for an organization or a guest, from its kind."""
    if entity.kind == EntityKind.STATE:
        status = treaty_status_of(entity=entity, on=current_dates(meeting)[0])
        return CATEGORY_OF_STATUS[status]
    if entity.kind in CATEGORY_OF_KIND:
        return CATEGORY_OF_KIND[entity.kind]
    raise DomainError(
        _("A group of States does not attend as a delegation; its members do."), field="entity"
    )


def _save_delegation(delegation: Delegation, actor: User) -> Delegation:
    delegation.full_clean()
    delegation._history_user = actor
    delegation.save()
    return delegation


def _save_member(member: DelegationMember, actor: User) -> DelegationMember:
    if member.role == MemberRole.HEAD:
        other_head = (
            DelegationMember.objects.filter(delegation=member.delegation, role=MemberRole.HEAD)
            .exclude(pk=member.pk)
            .first()
        )
        if other_head is not None:
            raise DomainError(
                _("The delegation has a head already: %(name)s.") % {"name": other_head},
                field="role",
            )
    if (
        DelegationMember.objects.filter(delegation=member.delegation, position=member.position)
        .exclude(pk=member.pk)
        .exists()
    ):
        raise DomainError(
            _("Another member of the delegation has this position."), field="position"
        )
    member.full_clean()
    member._history_user = actor
    member.save()
    return member


@transaction.atomic
def create_delegation(
    *,
    meeting: Meeting,
    entity: Entity,
    actor: User,
    category: Rule44Category | None = None,
    position: int | None = None,
    listed_name_en: str = "",
    listed_name_zh: str = "",
    notes: str = "",
) -> Delegation:
    """The participation of `entity` in `meeting`. Without a category, the one its treaty
    status or kind gives (see `category_for`); without a position, the last of its category."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)  # positions are allocated
    if Delegation.objects.filter(meeting=meeting, entity=entity).exists():
        raise DomainError(
            _("%(name)s has a delegation at this meeting already.") % {"name": entity.name_en},
            field="entity",
        )
    category = category or category_for(entity=entity, meeting=meeting)
    if position is None:
        last = Delegation.objects.filter(meeting=meeting, category=category).aggregate(
            last=Max("position")
        )["last"]
        position = (last or 0) + 1
    delegation = Delegation(
        meeting=meeting,
        entity=entity,
        category=category,
        position=position,
        listed_name_en=listed_name_en,
        listed_name_zh=listed_name_zh,
        notes=notes,
    )
    return _save_delegation(delegation, actor)


@transaction.atomic
def update_delegation(
    *, delegation: Delegation, actor: User, data: Mapping[str, Any]
) -> Delegation:
    """Change a delegation's category, place or printed name; its meeting and State stay."""
    _assign(delegation, data, DELEGATION_FIELDS)
    return _save_delegation(delegation, actor)


@transaction.atomic
def delete_delegation(*, delegation: Delegation, actor: User) -> None:
    """Delete a delegation with its members, each deletion recorded with who made it."""
    for member in delegation.members.all():
        member._history_user = actor  # a cascade would delete them unsigned
        member.delete()
    delegation._history_user = actor
    delegation.delete()


@transaction.atomic
def add_delegation_member(
    *,
    delegation: Delegation,
    actor: User,
    family_name: str,
    role: MemberRole = MemberRole.MEMBER,
    position: int | None = None,
    given_name: str = "",
    honorific: str = "",
    title: str = "",
    email: str = "",
) -> DelegationMember:
    """A person in a delegation (a nomination); without a position, the last one. A
    delegation has at most one head."""
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if position is None:
        last = delegation.members.aggregate(last=Max("position"))["last"]
        position = (last or 0) + 1
    member = DelegationMember(
        delegation=delegation,
        role=role,
        position=position,
        family_name=family_name,
        given_name=given_name,
        honorific=honorific,
        title=title,
        email=email,
    )
    return _save_member(member, actor)


@transaction.atomic
def update_delegation_member(
    *, member: DelegationMember, actor: User, data: Mapping[str, Any]
) -> DelegationMember:
    """Change a member's name, role, title or place; a member never moves between delegations."""
    Delegation.objects.select_for_update().get(pk=member.delegation_id)
    _assign(member, data, MEMBER_FIELDS)
    return _save_member(member, actor)


@transaction.atomic
def remove_delegation_member(*, member: DelegationMember, actor: User) -> None:
    member._history_user = actor
    member.delete()
