"""Writes of the registration workflows: a meeting's registration, nominations and their
accreditation, attendance, and the issued lists of participants.

Each machine has one transition service over its map in `enums.py`
(`transition_registration`, `transition_nomination`); the named services (`open_registration`,
`accredit_nomination`, ...) are thin wrappers. A transition re-reads its row under a lock and
checks the state inside the lock, so of two parallel identical transitions one wins and the
other gets a ConflictError (409). Every write records who made it: in the row (`*_by`) and in
its history (django-simple-history), which keeps each transition with its time.

The import of spreadsheets of participants is in `spreadsheets.py`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.permissions import is_focal_point
from apps.core.errors import ConflictError, DomainError, NotAllowedError
from apps.delegations.models import DelegationMember
from apps.documents import services as documents
from apps.documents.enums import DocumentType, Modifier, SubmittedBy
from apps.documents.models import Document
from apps.meetings.enums import OPEN_STATUSES, MeetingStatus
from apps.meetings.models import Meeting
from apps.meetings.services import current_dates

from . import selectors
from .enums import (
    FOCAL_POINT_TARGETS,
    NOMINATION_TRANSITIONS,
    REGISTRATION_TRANSITIONS,
    ListKind,
    NominationStatus,
    RegistrationStatus,
    Session,
)
from .models import AttendanceRecord, Nomination, ParticipantList, Registration

if TYPE_CHECKING:
    from apps.accounts.models import User

NOMINATION_REFUSALS = {
    NominationStatus.SUBMITTED: gettext_lazy(
        "The nomination is “%(status)s”; it cannot be submitted."
    ),
    NominationStatus.ACCREDITED: gettext_lazy(
        "The nomination is “%(status)s”; it cannot be accredited."
    ),
    NominationStatus.RETURNED: gettext_lazy(
        "The nomination is “%(status)s”; it cannot be returned."
    ),
    NominationStatus.WITHDRAWN: gettext_lazy(
        "The nomination is “%(status)s”; it cannot be withdrawn."
    ),
}
REGISTRATION_REFUSALS = {
    RegistrationStatus.OPEN: gettext_lazy("The registration is “%(status)s”; it cannot be opened."),
    RegistrationStatus.CLOSED: gettext_lazy(
        "The registration is “%(status)s”; it cannot be closed."
    ),
}
# Days on which delegates check in: the meeting sits, or has sat (sign-in sheets entered late).
SITTING_STATUSES: frozenset[str] = frozenset({MeetingStatus.IN_SESSION, MeetingStatus.CLOSED})

LIST_TITLES = {
    ListKind.PROVISIONAL: (
        gettext_lazy("Provisional list of participants"),
        "与会者临时名单",
    ),
    ListKind.FINAL: (gettext_lazy("List of participants"), "与会者名单"),
    ListKind.REVISION: (gettext_lazy("List of participants"), "与会者名单"),
}


def _locking_enabled() -> bool:
    # The accreditation race test switches the lock off once, to prove it can fail without it.
    return getattr(settings, "ATTENDANCE_LOCK_NOMINATIONS", True)


# --- Registration ----------------------------------------------------------------------------


@transaction.atomic
def create_registration(*, meeting: Meeting, actor: User | None) -> Registration:
    """The meeting's registration, not opened yet; a meeting has one."""
    if Registration.objects.filter(meeting=meeting).exists():
        raise ConflictError(
            _("The meeting has a registration already."), code="duplicate", field="meeting"
        )
    registration = Registration(meeting=meeting)
    registration.full_clean(validate_unique=False)
    registration._history_user = actor
    try:
        with transaction.atomic():  # a savepoint: a parallel request may create it first
            registration.save()
    except IntegrityError as error:
        raise ConflictError(
            _("The meeting has a registration already."), code="duplicate", field="meeting"
        ) from error
    return registration


@transaction.atomic
def transition_registration(
    *, registration: Registration, to: RegistrationStatus, actor: User | None
) -> Registration:
    """Open or close a meeting's registration (the row is locked). Opening needs a meeting
    that is neither closed nor cancelled."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("meeting")
        .get(pk=registration.pk)
    )
    if to not in REGISTRATION_TRANSITIONS[registration.status]:
        raise ConflictError(
            REGISTRATION_REFUSALS[to] % {"status": RegistrationStatus(registration.status).label},
            code="invalid_transition",
        )
    now = timezone.now()
    if to == RegistrationStatus.OPEN:
        if registration.meeting.status not in OPEN_STATUSES:
            raise ConflictError(
                _("The meeting's status is “%(status)s”; its registration cannot open.")
                % {"status": MeetingStatus(registration.meeting.status).label},
                code="invalid_transition",
            )
        registration.opened_at, registration.opened_by = now, actor
        registration.closed_at, registration.closed_by = None, None
    else:
        registration.closed_at, registration.closed_by = now, actor
    registration.status = to
    registration.full_clean()
    registration._history_user = actor
    registration.save()
    return registration


def open_registration(*, registration: Registration, actor: User | None) -> Registration:
    return transition_registration(
        registration=registration, to=RegistrationStatus.OPEN, actor=actor
    )


def close_registration(*, registration: Registration, actor: User | None) -> Registration:
    return transition_registration(
        registration=registration, to=RegistrationStatus.CLOSED, actor=actor
    )


# --- Nominations -----------------------------------------------------------------------------


def _authorize(actor: User | None, member: DelegationMember, to: NominationStatus) -> None:
    """A focal point submits and withdraws its own State's nominations while registration is
    open; the secretariat's other rules are the API's (roles). Checked here as well as in the
    view, because here it is checked under the lock."""
    if not is_focal_point(actor):
        return
    meeting = member.delegation.meeting
    if to not in FOCAL_POINT_TARGETS:
        raise NotAllowedError(_("Accrediting and returning nominations is the secretariat's."))
    if member.delegation.entity_id != actor.entity_id:
        raise NotAllowedError(_("A focal point acts only on its own State's nominations."))
    if not selectors.registration_is_open(meeting):
        raise NotAllowedError(
            _("Registration for %(series)s is not open.") % {"series": meeting.series}
        )


def _locked_nomination(nomination: Nomination) -> Nomination:
    queryset = Nomination.objects.select_related(
        "member__delegation__meeting__registration", "member__delegation__entity"
    )
    if _locking_enabled():
        # Only the nomination's row: the registration is an outer join, which cannot be locked.
        queryset = queryset.select_for_update(of=("self",))
    return queryset.get(pk=nomination.pk)


def _save_nomination(nomination: Nomination, actor: User | None) -> Nomination:
    nomination.full_clean(validate_unique=False)
    nomination._history_user = actor
    nomination.save()
    return nomination


@transaction.atomic
def transition_nomination(
    *, nomination: Nomination, to: NominationStatus, actor: User | None, reason: str = ""
) -> Nomination:
    """Move a nomination along NOMINATION_TRANSITIONS.

    The row is re-read under a lock and its status checked inside the lock: of two parallel
    accreditations one applies and the other gets a ConflictError. Returning needs a reason.
    A submission after a list of participants was issued is marked `late`.
    """
    nomination = _locked_nomination(nomination)
    member = nomination.member
    _authorize(actor, member, to)
    if to not in NOMINATION_TRANSITIONS[nomination.status]:
        raise ConflictError(
            NOMINATION_REFUSALS[to] % {"status": NominationStatus(nomination.status).label},
            code="invalid_transition",
        )
    reason = reason.strip()
    if to == NominationStatus.RETURNED and not reason:
        raise DomainError(_("Say why the nomination is returned."), field="reason")
    now = timezone.now()
    if to == NominationStatus.SUBMITTED:
        nomination.submitted_at, nomination.submitted_by = now, actor
        nomination.decided_at, nomination.decided_by = None, None
        nomination.late = nomination.late or selectors.list_issued(member.delegation.meeting)
        nomination.reason = ""  # the reason of the return it answers stays in the history
    else:
        nomination.decided_at, nomination.decided_by = now, actor
        nomination.reason = reason
    nomination.status = to
    return _save_nomination(nomination, actor)


@transaction.atomic
def submit_nomination(*, member: DelegationMember, actor: User | None) -> Nomination:
    """Nominate a delegation member: the first submission creates the nomination, a later one
    resubmits it (after it was returned or withdrawn)."""
    existing = Nomination.objects.filter(member=member).first()
    if existing is not None:
        return transition_nomination(
            nomination=existing, to=NominationStatus.SUBMITTED, actor=actor
        )
    _authorize(actor, member, NominationStatus.SUBMITTED)
    nomination = Nomination(
        member=member,
        status=NominationStatus.SUBMITTED,
        submitted_by=actor,
        late=selectors.list_issued(member.delegation.meeting),
    )
    nomination.full_clean(validate_unique=False)
    nomination._history_user = actor
    try:
        with transaction.atomic():  # a savepoint: a parallel submission may create it first
            nomination.save()
    except IntegrityError as error:
        raise ConflictError(
            _("%(member)s has been nominated already.") % {"member": member},
            code="duplicate",
            field="member",
        ) from error
    return nomination


def accredit_nomination(*, nomination: Nomination, actor: User | None) -> Nomination:
    return transition_nomination(nomination=nomination, to=NominationStatus.ACCREDITED, actor=actor)


def return_nomination(*, nomination: Nomination, actor: User | None, reason: str) -> Nomination:
    return transition_nomination(
        nomination=nomination, to=NominationStatus.RETURNED, actor=actor, reason=reason
    )


def withdraw_nomination(
    *, nomination: Nomination, actor: User | None, reason: str = ""
) -> Nomination:
    return transition_nomination(
        nomination=nomination, to=NominationStatus.WITHDRAWN, actor=actor, reason=reason
    )


# --- Attendance ------------------------------------------------------------------------------


@transaction.atomic
def record_attendance(
    *,
    member: DelegationMember,
    day: date,
    actor: User | None,
    session: Session = Session.DAY,
    checked_in_at: datetime | None = None,
) -> AttendanceRecord:
    """Check an accredited member in for a session (or the whole day) of a day the meeting
    sits. A whole-day check-in and one for a session of the same day exclude each other."""
    member = DelegationMember.objects.select_related("delegation__meeting").get(pk=member.pk)
    meeting = member.delegation.meeting
    if meeting.status not in SITTING_STATUSES:
        raise ConflictError(
            _("The meeting's status is “%(status)s”; no one checks in before it sits.")
            % {"status": MeetingStatus(meeting.status).label},
            code="invalid_transition",
        )
    if not Nomination.objects.filter(member=member, status=NominationStatus.ACCREDITED).exists():
        raise ConflictError(
            _("%(member)s is not accredited; only accredited members check in.")
            % {"member": member},
            code="not_accredited",
            field="member",
        )
    first, last = current_dates(meeting)
    if not first <= day <= last:
        raise DomainError(
            _("%(series)s sits from %(first)s to %(last)s.")
            % {"series": meeting.series, "first": first, "last": last},
            field="day",
        )
    overlapping = {session} | (
        {Session.MORNING, Session.AFTERNOON} if session == Session.DAY else {Session.DAY}
    )
    if AttendanceRecord.objects.filter(member=member, day=day, session__in=overlapping).exists():
        raise ConflictError(
            _("%(member)s is checked in for %(day)s already.") % {"member": member, "day": day},
            code="duplicate",
        )
    record = AttendanceRecord(
        member=member,
        day=day,
        session=session,
        checked_in_at=checked_in_at or timezone.now(),
        recorded_by=actor,
    )
    record.full_clean(validate_unique=False, validate_constraints=False)
    record._history_user = actor
    try:
        with transaction.atomic():  # a savepoint: a parallel check-in may come first
            record.save()
    except IntegrityError as error:
        raise ConflictError(
            _("%(member)s is checked in for %(day)s already.") % {"member": member, "day": day},
            code="duplicate",
        ) from error
    return record


@transaction.atomic
def remove_attendance(*, record: AttendanceRecord, actor: User | None) -> None:
    """Undo a check-in made in error; the history keeps it, with who removed it."""
    record._history_user = actor
    record.delete()


# --- Lists of participants -------------------------------------------------------------------


def _list_document(
    *, meeting: Meeting, kind: ListKind, final: ParticipantList | None, actor: User | None
) -> Document:
    title_en, title_zh = LIST_TITLES[kind]
    metadata = {
        "title_en": str(title_en),
        "title_zh": title_zh,
        "submitted_by": SubmittedBy.SECRETARIAT,
    }
    if kind == ListKind.PROVISIONAL:
        return documents.mint_symbol(
            meeting=meeting, doc_type=DocumentType.MISCELLANEOUS, actor=actor, **metadata
        )
    if kind == ListKind.FINAL:
        return documents.mint_symbol(
            meeting=meeting, doc_type=DocumentType.INFORMATION, actor=actor, **metadata
        )
    return documents.add_version(
        document=final.document, modifier=Modifier.REVISION, actor=actor, **metadata
    )


@transaction.atomic
def issue_participant_list(
    *, meeting: Meeting, kind: ListKind, actor: User | None, issue_date: date | None = None
) -> ParticipantList:
    """Issue a list of participants: its document in the registry and a frozen snapshot.

    provisional → the next MISC number (MISC.1 for a new meeting), once, and before the final
    list; final → the next INF number (INF.1), once; revision → the next Rev.N of the final
    list, which it supersedes. The document is minted and issued, and the snapshot taken, in
    one transaction, with the meeting's row locked so that one meeting's lists are issued one
    at a time.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ConflictError(
            _("The meeting was cancelled; it has no list of participants."),
            code="invalid_transition",
        )
    issued = {
        plist.kind: plist
        for plist in ParticipantList.objects.filter(
            meeting=meeting, kind__in=(ListKind.PROVISIONAL, ListKind.FINAL)
        ).select_related("document")
    }
    provisional, final = issued.get(ListKind.PROVISIONAL), issued.get(ListKind.FINAL)
    if kind == ListKind.PROVISIONAL and provisional is not None:
        raise ConflictError(
            _("The provisional list was issued as %(symbol)s; issue the final list instead.")
            % {"symbol": provisional.document.symbol},
            code="invalid_transition",
            field="kind",
        )
    if kind == ListKind.PROVISIONAL and final is not None:
        raise ConflictError(
            _("The final list was issued as %(symbol)s; issue a revision of it instead.")
            % {"symbol": final.document.symbol},
            code="invalid_transition",
            field="kind",
        )
    if kind == ListKind.FINAL and final is not None:
        raise ConflictError(
            _("The final list was issued as %(symbol)s; issue a revision of it instead.")
            % {"symbol": final.document.symbol},
            code="invalid_transition",
            field="kind",
        )
    if kind == ListKind.REVISION and final is None:
        raise ConflictError(
            _("A revision revises the final list, which has not been issued."),
            code="invalid_transition",
            field="kind",
        )
    document = _list_document(meeting=meeting, kind=kind, final=final, actor=actor)
    document = documents.issue_document(document=document, issue_date=issue_date, actor=actor)
    snapshot = selectors.participants_snapshot(meeting)
    participant_list = ParticipantList(
        meeting=meeting,
        document=document,
        kind=kind,
        snapshot={"symbol": document.symbol, "kind": kind, **snapshot},
        delegation_count=snapshot["counts"]["delegations"],
        member_count=snapshot["counts"]["members"],
        issued_by=actor,
    )
    participant_list.full_clean(validate_unique=False, validate_constraints=False)
    participant_list.save()
    return participant_list
