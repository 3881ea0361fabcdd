"""Writes of agendas, their items and the interventions under each item.

The agenda's machine is provisional → adopted, on a day its meeting sits (`adopt_agenda`).
Items are fixed once the agenda is adopted, and who spoke is recorded under an adopted agenda.
Positions of interventions are 1..n per item, unique, and kept without gaps: every move goes
through `_renumber`, which renumbers in two phases so that no intermediate state collides.

Agendas and items are edited with optimistic locking: a client sends back the `version` it
read (`expected_version`), the row is re-read under a lock, and a write based on an older
version is refused with a ConflictError `stale_version` (409) instead of silently undoing
someone else's change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from apps.core.errors import ConflictError, DomainError
from apps.entities.models import Entity
from apps.meetings.enums import MeetingStatus
from apps.meetings.models import Meeting

from .enums import AgendaStatus, InterventionKind
from .models import Agenda, AgendaItem, Intervention

if TYPE_CHECKING:
    from apps.accounts.models import User

AGENDA_FIELDS: tuple[str, ...] = ("symbol", "proposed_by_chair")
ITEM_FIELDS: tuple[str, ...] = (
    "number",
    "title_en",
    "title_zh",
    "title_fr",
    "title_ru",
    "title_es",
    "title_ar",
    "subtopics_en",
    "subtopics_zh",
)
INTERVENTION_FIELDS: tuple[str, ...] = ("kind", "speaker", "on_behalf_of", "note_en", "note_zh")


def _assign(instance: Any, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise DomainError(_("These fields cannot be set: %s.") % ", ".join(unknown))
    for field, value in data.items():
        setattr(instance, field, value)


def _save(instance: Any, actor: User) -> Any:
    instance.full_clean()
    instance._history_user = actor
    instance.save()
    return instance


def _versions_checked() -> bool:
    # The race test of parallel edits switches the check off once, to prove it can fail.
    return getattr(settings, "AGENDAS_CHECK_VERSIONS", True)


def check_version(instance: Agenda | AgendaItem, expected_version: int | None) -> None:
    """Refuse a write based on a version the locked row has moved past; None skips the check."""
    if expected_version is None or not _versions_checked():
        return
    if instance.version != expected_version:
        raise ConflictError(
            _(
                "%(object)s was changed since you read it (version %(current)d, you sent "
                "%(expected)d); read it again and reapply your change."
            )
            % {
                "object": instance._meta.verbose_name.capitalize(),
                "current": instance.version,
                "expected": expected_version,
            },
            code="stale_version",
        )


def _check_provisional(agenda: Agenda) -> None:
    if agenda.status == AgendaStatus.ADOPTED:
        raise ConflictError(_("The agenda is adopted; its items are fixed."), code="agenda_adopted")


# --- The agenda ----------------------------------------------------------------------------


@transaction.atomic
def create_agenda(
    *, meeting: Meeting, actor: User, symbol: str = "", proposed_by_chair: bool = True
) -> Agenda:
    """The meeting's provisional agenda (one per meeting)."""
    if Agenda.objects.filter(meeting=meeting).exists():
        raise DomainError(_("The meeting has an agenda already."), field="meeting")
    agenda = Agenda(meeting=meeting, symbol=symbol, proposed_by_chair=proposed_by_chair)
    return _save(agenda, actor)


@transaction.atomic
def update_agenda(
    *,
    agenda: Agenda,
    actor: User,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> Agenda:
    """Change the agenda's symbol or proposer; refused (`stale_version`) if `expected_version`
    is not the agenda's version any more."""
    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)
    check_version(agenda, expected_version)
    _assign(agenda, data, AGENDA_FIELDS)
    return _save(agenda, actor)


@transaction.atomic
def delete_agenda(*, agenda: Agenda, actor: User, expected_version: int | None = None) -> None:
    """Delete a provisional agenda with its items; an adopted one is the meeting's record."""
    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)
    check_version(agenda, expected_version)
    _check_provisional(agenda)
    agenda._history_user = actor
    agenda.delete()


@transaction.atomic
def adopt_agenda(*, agenda: Agenda, on: date, actor: User) -> Agenda:
    """Adopt the agenda at its meeting, in session, on a day it sits (provisional → adopted)."""
    agenda = Agenda.objects.select_for_update().select_related("meeting").get(pk=agenda.pk)
    if agenda.status == AgendaStatus.ADOPTED:
        raise ConflictError(
            _("The agenda's status is “%(status)s”; it cannot be adopted again.")
            % {"status": AgendaStatus(agenda.status).label},
            code="invalid_transition",
        )
    meeting = agenda.meeting
    if meeting.status != MeetingStatus.IN_SESSION:
        raise ConflictError(
            _(
                "The meeting's status is “%(status)s”; an agenda is adopted by the meeting in "
                "session."
            )
            % {"status": MeetingStatus(meeting.status).label},
            code="invalid_transition",
        )
    if not meeting.start_date <= on <= meeting.end_date:
        raise DomainError(
            _("The agenda is adopted on a day the meeting sits (%(start)s to %(end)s).")
            % {"start": meeting.start_date, "end": meeting.end_date},
            field="on",
        )
    if not agenda.items.exists():
        raise DomainError(_("An agenda without items cannot be adopted."), code="empty_agenda")
    agenda.status = AgendaStatus.ADOPTED
    agenda.adopted_on = on
    return _save(agenda, actor)


# --- Items ---------------------------------------------------------------------------------


def _check_number_free(item: AgendaItem) -> None:
    taken = AgendaItem.objects.filter(agenda=item.agenda, number=item.number).exclude(pk=item.pk)
    if taken.exists():
        raise DomainError(_("The agenda has an item with this number."), field="number")


@transaction.atomic
def add_agenda_item(
    *,
    agenda: Agenda,
    actor: User,
    title_en: str,
    number: int | None = None,
    **texts: str,
) -> AgendaItem:
    """An item of a provisional agenda; without a number, the next one."""
    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)  # numbers are allocated
    _check_provisional(agenda)
    if number is None:
        number = (agenda.items.aggregate(last=Max("number"))["last"] or 0) + 1
    item = AgendaItem(agenda=agenda, number=number, title_en=title_en)
    _assign(item, texts, ITEM_FIELDS)
    _check_number_free(item)
    return _save(item, actor)


@transaction.atomic
def update_agenda_item(
    *,
    item: AgendaItem,
    actor: User,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> AgendaItem:
    """Change an item's text (translations may come after adoption); its number only while
    the agenda is provisional. Refused (`stale_version`) if `expected_version` is not the
    item's version any more."""
    agenda = Agenda.objects.select_for_update().get(pk=item.agenda_id)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    check_version(item, expected_version)
    if "number" in data and data["number"] != item.number:
        _check_provisional(agenda)
    _assign(item, data, ITEM_FIELDS)
    _check_number_free(item)
    return _save(item, actor)


@transaction.atomic
def delete_agenda_item(
    *, item: AgendaItem, actor: User, expected_version: int | None = None
) -> None:
    _check_provisional(Agenda.objects.select_for_update().get(pk=item.agenda_id))
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    check_version(item, expected_version)
    item._history_user = actor
    item.delete()


# --- Interventions -------------------------------------------------------------------------


def _locked_item(item: AgendaItem) -> AgendaItem:
    """The item under a row lock held until commit: its interventions' positions are ours."""
    return AgendaItem.objects.select_for_update().select_related("agenda").get(pk=item.pk)


def _renumber(item: AgendaItem, ordered: Sequence[Intervention], actor: User) -> None:
    """Give `ordered` (all of the item's interventions) positions 1..n, in two phases.

    Positions are unique per item and the database checks each row as it is updated, so a
    direct swap would collide. Phase 1 moves the rows that change above every position in
    use; phase 2 writes their final positions, which phase 1 vacated. Only the rows that
    move get a history record.
    """
    moving = [
        intervention
        for number, intervention in enumerate(ordered, start=1)
        if intervention.position != number
    ]
    if not moving:
        return
    offset = (item.interventions.aggregate(top=Max("position"))["top"] or 0) + len(ordered)
    Intervention.objects.filter(pk__in=[i.pk for i in moving]).update(
        position=F("position") + offset
    )
    for number, intervention in enumerate(ordered, start=1):
        intervention.position = number
    bulk_update_with_history(moving, Intervention, ["position"], default_user=actor)


@transaction.atomic
def record_intervention(
    *,
    item: AgendaItem,
    actor: User,
    kind: InterventionKind,
    speaker: Entity,
    on_behalf_of: Entity | None = None,
    note_en: str = "",
    note_zh: str = "",
    position: int | None = None,
) -> Intervention:
    """Record who took the floor under `item` (and for whom): last, or at `position`, moving
    the later ones down."""
    item = _locked_item(item)
    if item.agenda.status != AgendaStatus.ADOPTED:
        raise ConflictError(
            _("The agenda is provisional; who spoke is recorded under an adopted agenda."),
            code="agenda_provisional",
        )
    existing = list(item.interventions.order_by("position"))
    if position is not None and not 1 <= position <= len(existing) + 1:
        raise DomainError(
            _("The position is between 1 and %(last)d.") % {"last": len(existing) + 1},
            field="position",
        )
    intervention = Intervention(
        agenda_item=item,
        position=len(existing) + 1,
        kind=kind,
        speaker=speaker,
        on_behalf_of=on_behalf_of,
        note_en=note_en,
        note_zh=note_zh,
    )
    _save(intervention, actor)
    if position is not None:
        existing.insert(position - 1, intervention)
        _renumber(item, existing, actor)
    return intervention


@transaction.atomic
def correct_intervention(
    *, intervention: Intervention, actor: User, data: Mapping[str, Any]
) -> Intervention:
    """Correct who spoke, for whom, or how; its place changes with `reorder_interventions`."""
    _assign(intervention, data, INTERVENTION_FIELDS)
    return _save(intervention, actor)


@transaction.atomic
def reorder_interventions(
    *, item: AgendaItem, ordered_ids: Sequence[int], actor: User
) -> list[Intervention]:
    """Put the item's interventions in the order of `ordered_ids`, which lists each of them
    exactly once."""
    item = _locked_item(item)
    current = {i.pk: i for i in item.interventions.all()}
    if len(ordered_ids) != len(current) or set(ordered_ids) != set(current):
        raise DomainError(
            _("List each intervention of the item exactly once."), field="ordered_ids"
        )
    ordered = [current[pk] for pk in ordered_ids]
    _renumber(item, ordered, actor)
    return ordered


@transaction.atomic
def delete_intervention(*, intervention: Intervention, actor: User) -> None:
    """Delete an intervention recorded by mistake; the later ones move up."""
    item = _locked_item(intervention.agenda_item)
    intervention._history_user = actor
    intervention.delete()
    _renumber(item, list(item.interventions.order_by("position")), actor)
