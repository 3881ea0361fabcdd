"""Writes of meetings: their record, their state machine, and the chair rotation.

A meeting's status changes only through the transition services below, along
`enums.MEETING_TRANSITIONS`: planned → (postponed → rescheduled)* → in session → closed, or
cancelled before it sits. Each transition locks the meeting row, validates, saves once (so the
history holds one record per transition, with who and when) and raises `ConflictError` (409)
naming the current status when the meeting is not in a state that allows it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.errors import ConflictError, DomainError
from apps.documents import symbols
from apps.entities.models import RegionalGroup

from .enums import (
    MEETING_TRANSITIONS,
    MeetingKind,
    MeetingStatus,
    PostponementAuthority,
    RotatedBody,
)
from .models import ChairRotation, Meeting, Postponement, PostponementLetter

if TYPE_CHECKING:
    from apps.accounts.models import User

# Fields a caller sets directly; status and actual dates belong to the transitions.
MEETING_FIELDS: tuple[str, ...] = (
    "series",
    "kind",
    "parent",
    "year",
    "number",
    "title_en",
    "title_zh",
    "title_fr",
    "title_ru",
    "title_es",
    "title_ar",
    "scheduled_start",
    "scheduled_end",
    "venue_en",
    "venue_zh",
    "rules_of_procedure",
    "rules_applied_mutatis_mutandis",
    "mandate_en",
    "mandate_zh",
    "chair_summary_en",
    "chair_summary_zh",
    "notes",
)
ROTATION_FIELDS: tuple[str, ...] = ("year", "body", "mx_number", "regional_group", "decided_by")

REFUSALS = {
    MeetingStatus.POSTPONED: gettext_lazy(
        "The meeting's status is “%(status)s”; it cannot be postponed."
    ),
    MeetingStatus.RESCHEDULED: gettext_lazy(
        "The meeting's status is “%(status)s”; it cannot be rescheduled."
    ),
    MeetingStatus.IN_SESSION: gettext_lazy(
        "The meeting's status is “%(status)s”; it cannot be convened."
    ),
    MeetingStatus.CLOSED: gettext_lazy(
        "The meeting's status is “%(status)s”; it cannot be closed."
    ),
    MeetingStatus.CANCELLED: gettext_lazy(
        "The meeting's status is “%(status)s”; it cannot be cancelled."
    ),
}


def _assign(instance: Any, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise DomainError(_("These fields cannot be set: %s.") % ", ".join(unknown))
    for field, value in data.items():
        setattr(instance, field, value)


def _save(meeting: Meeting, actor: User) -> Meeting:
    meeting.full_clean()
    meeting._history_user = actor
    meeting.save()
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    """The meeting, re-read under a row lock held until commit: concurrent transitions queue."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _check_transition(meeting: Meeting, to: MeetingStatus) -> None:
    if to not in MEETING_TRANSITIONS[meeting.status]:
        raise ConflictError(
            REFUSALS[to] % {"status": MeetingStatus(meeting.status).label},
            code="invalid_transition",
        )


def current_dates(meeting: Meeting) -> tuple[date, date]:
    """The dates the meeting is to sit (or sat): the rescheduled or actual ones if set."""
    if meeting.start_date and meeting.end_date:
        return meeting.start_date, meeting.end_date
    return meeting.scheduled_start, meeting.scheduled_end


def _add_letters(
    postponement: Postponement, letters: Sequence[Mapping[str, Any]], actor: User
) -> None:
    for fields in letters:
        letter = PostponementLetter(postponement=postponement, **fields)
        letter.full_clean()
        letter._history_user = actor
        letter.save()


@transaction.atomic
def create_meeting(
    *,
    actor: User,
    series: str,
    kind: MeetingKind,
    title_en: str,
    scheduled_start: date,
    scheduled_end: date,
    **details: Any,
) -> Meeting:
    """A planned meeting. Its status and actual dates are set by the transitions; its year and
    number, if not given, are those its series carries (see `numbering_of`)."""
    meeting = Meeting(
        series=series,
        kind=kind,
        title_en=title_en,
        scheduled_start=scheduled_start,
        scheduled_end=scheduled_end,
        status=MeetingStatus.PLANNED,
    )
    _assign(meeting, details, MEETING_FIELDS)
    year, number = numbering_of(series)
    if meeting.year is None:
        meeting.year = year
    if meeting.number is None:
        meeting.number = number
    return _save(meeting, actor)


def numbering_of(series: str) -> tuple[int | None, int | None]:
    """The programme year and the number a meeting's series carries: BWC/MSP/2020/MX.5 is
    (2020, 5), BWC/MSP/2020 (2020, None), BWC/WG/3 (None, 3), BWC/CONF.IX (None, 9). A series
    that does not parse carries neither (the model's validation names what is wrong)."""
    try:
        parts = symbols.split_series(series)
    except symbols.SymbolSyntaxError:
        return None, None
    session = parts.session or ""
    year = int(session) if len(session) == 4 and session.isdigit() else None
    experts = re.fullmatch(r"MX\.([1-9][0-9]*)", parts.subsidiary or "")
    if experts:
        return year, int(experts.group(1))
    if year is None and session.isdigit():
        return None, int(session)
    return year, symbols.roman_value(session) if session else None


@transaction.atomic
def update_meeting(*, meeting: Meeting, actor: User, data: Mapping[str, Any]) -> Meeting:
    """Change a meeting's record.

    The scheduled dates are the dates as first decided: once the meeting has moved (or sat)
    they change only through postpone/reschedule. The series is the prefix of every symbol
    of the meeting's documents, so it is fixed once a document is registered.
    """
    meeting = _locked(meeting)
    moved = meeting.status != MeetingStatus.PLANNED or meeting.postponements.exists()
    for field in ("scheduled_start", "scheduled_end"):
        if field in data and data[field] != getattr(meeting, field) and moved:
            raise ConflictError(
                _("The meeting has moved or sat; postpone or reschedule it instead."),
                field=field,
            )
    if "series" in data and data["series"] != meeting.series and meeting.documents.exists():
        raise ConflictError(
            _("The meeting has documents under its series; the series cannot change."),
            field="series",
        )
    _assign(meeting, data, MEETING_FIELDS)
    return _save(meeting, actor)


@transaction.atomic
def delete_meeting(*, meeting: Meeting, actor: User) -> None:
    """Delete a meeting with its agenda and delegations; one with documents or meetings
    under it stays (409): symbols are never lost."""
    meeting._history_user = actor
    try:
        meeting.delete()
    except ProtectedError as error:
        raise ConflictError(
            _("The meeting has documents or meetings under it; it cannot be deleted."),
            code="protected",
        ) from error


@transaction.atomic
def postpone_meeting(
    *,
    meeting: Meeting,
    actor: User,
    authority: PostponementAuthority,
    decided_on: date | None = None,
    reason_en: str = "",
    reason_zh: str = "",
    letters: Sequence[Mapping[str, Any]] = (),
) -> Meeting:
    """Postpone a planned or rescheduled meeting: a Postponement row records the dates it moves
    from, the authority, the reason and the letters; its new dates come with `reschedule_meeting`.
    """
    meeting = _locked(meeting)
    _check_transition(meeting, MeetingStatus.POSTPONED)
    from_start, from_end = current_dates(meeting)
    last = meeting.postponements.aggregate(last=Max("position"))["last"] or 0
    postponement = Postponement(
        meeting=meeting,
        position=last + 1,
        from_start=from_start,
        from_end=from_end,
        authority=authority,
        decided_on=decided_on,
        reason_en=reason_en,
        reason_zh=reason_zh,
    )
    postponement.full_clean()
    postponement._history_user = actor
    postponement.save()
    _add_letters(postponement, letters, actor)
    meeting.status = MeetingStatus.POSTPONED
    return _save(meeting, actor)


@transaction.atomic
def reschedule_meeting(
    *,
    meeting: Meeting,
    actor: User,
    start: date,
    end: date,
    letters: Sequence[Mapping[str, Any]] = (),
) -> Meeting:
    """Set the new dates of a postponed meeting, on its open postponement and on the meeting
    (whose `start_date`/`end_date` are then the dates it is to sit)."""
    meeting = _locked(meeting)
    _check_transition(meeting, MeetingStatus.RESCHEDULED)
    if end < start:
        raise DomainError(_("The new end comes before the new start."), field="end")
    postponement = meeting.postponements.filter(to_start__isnull=True).order_by("-position").first()
    if postponement is None:
        raise ConflictError(
            _("The meeting has no postponement waiting for new dates."), code="invalid_transition"
        )
    postponement.to_start, postponement.to_end = start, end
    postponement.full_clean()
    postponement._history_user = actor
    postponement.save()
    _add_letters(postponement, letters, actor)
    meeting.start_date, meeting.end_date = start, end
    meeting.status = MeetingStatus.RESCHEDULED
    return _save(meeting, actor)


@transaction.atomic
def convene_meeting(*, meeting: Meeting, actor: User, on: date) -> Meeting:
    """Open the meeting's first session on `on`; it is to last until its planned end."""
    meeting = _locked(meeting)
    _check_transition(meeting, MeetingStatus.IN_SESSION)
    _, planned_end = current_dates(meeting)
    meeting.start_date, meeting.end_date = on, max(on, planned_end)
    meeting.status = MeetingStatus.IN_SESSION
    return _save(meeting, actor)


@transaction.atomic
def close_meeting(
    *, meeting: Meeting, actor: User, on: date, report_adopted_on: date | None = None
) -> Meeting:
    """Close the meeting on its last day `on`, with the day it adopted its report."""
    meeting = _locked(meeting)
    _check_transition(meeting, MeetingStatus.CLOSED)
    if meeting.start_date and on < meeting.start_date:
        raise DomainError(_("A meeting cannot close before it convened."), field="on")
    if report_adopted_on and not (meeting.start_date or on) <= report_adopted_on <= on:
        raise DomainError(
            _("The report is adopted while the meeting sits."), field="report_adopted_on"
        )
    meeting.end_date = on
    meeting.report_adopted_on = report_adopted_on
    meeting.status = MeetingStatus.CLOSED
    return _save(meeting, actor)


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, actor: User) -> Meeting:
    """Cancel a meeting that has not sat."""
    meeting = _locked(meeting)
    _check_transition(meeting, MeetingStatus.CANCELLED)
    meeting.status = MeetingStatus.CANCELLED
    return _save(meeting, actor)


def _save_rotation(rotation: ChairRotation, actor: User) -> ChairRotation:
    # The table's constraints, checked first so that the caller reads which rule and why.
    if rotation.body == RotatedBody.MEETING_OF_EXPERTS and rotation.mx_number is None:
        raise DomainError(_("A Meeting of Experts is named by its number."), field="mx_number")
    if rotation.body == RotatedBody.MEETING_OF_STATES_PARTIES and rotation.mx_number is not None:
        raise DomainError(_("The Meeting of States Parties has no number."), field="mx_number")
    taken = ChairRotation.objects.filter(
        year=rotation.year, body=rotation.body, mx_number=rotation.mx_number
    ).exclude(pk=rotation.pk)
    if taken.exists():
        raise DomainError(_("The rotation names a chairing group for this meeting already."))
    rotation.full_clean()
    rotation._history_user = actor
    rotation.save()
    return rotation


@transaction.atomic
def create_chair_rotation(
    *,
    actor: User,
    year: int,
    body: RotatedBody,
    regional_group: RegionalGroup,
    mx_number: int | None = None,
    decided_by: str = "",
) -> ChairRotation:
    """Which group chairs a meeting of a year's programme; `mx_number` only for MX meetings."""
    rotation = ChairRotation(
        year=year,
        body=body,
        mx_number=mx_number,
        regional_group=regional_group,
        decided_by=decided_by,
    )
    return _save_rotation(rotation, actor)


@transaction.atomic
def update_chair_rotation(
    *, rotation: ChairRotation, actor: User, data: Mapping[str, Any]
) -> ChairRotation:
    _assign(rotation, data, ROTATION_FIELDS)
    return _save_rotation(rotation, actor)


@transaction.atomic
def delete_chair_rotation(*, rotation: ChairRotation, actor: User) -> None:
    rotation._history_user = actor
    rotation.delete()
