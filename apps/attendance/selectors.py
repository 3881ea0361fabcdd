"""Reads of the registration workflows: registrations, nominations, attendance, participation
and the issued lists of participants (with the difference between two of them)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Value,
    When,
)

from apps.delegations.enums import CATEGORY_ORDER
from apps.delegations.models import Delegation, DelegationMember
from apps.delegations.selectors import CATEGORY_RANK
from apps.documents.enums import DocumentStatus
from apps.meetings.models import Meeting

from .enums import PUBLIC_LIST_KINDS, NominationStatus
from .models import AttendanceRecord, Nomination, ParticipantList, Registration

# Documents the public may read (as the registry's API decides for every document).
PUBLIC_DOCUMENT_STATUSES = (DocumentStatus.ISSUED, DocumentStatus.SUPERSEDED)


def _member_category_rank(prefix: str) -> Case:
    """The report's rank of the category of the delegation reached through `prefix`."""
    return Case(
        *(
            When(**{f"{prefix}category": category}, then=Value(rank))
            for rank, category in enumerate(CATEGORY_ORDER)
        ),
        default=Value(len(CATEGORY_ORDER)),
        output_field=IntegerField(),
    )


# --- Registration ----------------------------------------------------------------------------


def registration_of(meeting: Meeting) -> Registration | None:
    """The meeting's registration, or None (uses a `select_related` cache where there is one)."""
    try:
        return meeting.registration
    except ObjectDoesNotExist:
        return None


def registration_is_open(meeting: Meeting) -> bool:
    """Focal points may submit nominations: registration opened and not closed, and the
    meeting neither closed nor cancelled."""
    registration = registration_of(meeting)
    return registration is not None and registration.is_open


def registrations_for_list() -> QuerySet[Registration]:
    """Registrations by meeting date, with the meeting and who opened and closed; one query."""
    return Registration.objects.select_related("meeting", "opened_by", "closed_by").order_by(
        "meeting__scheduled_start", "meeting__series"
    )


# --- Nominations -----------------------------------------------------------------------------


def nominations_for_list() -> QuerySet[Nomination]:
    """Nominations in the report's order (by the delegation's category and place, then the
    member's position), with member, delegation, State or organization, meeting, registration
    and the users joined: one query."""
    return (
        Nomination.objects.select_related(
            "member__delegation__entity",
            "member__delegation__meeting__registration",
            "submitted_by",
            "decided_by",
        )
        .annotate(category_rank=_member_category_rank("member__delegation__"))
        .order_by(
            "member__delegation__meeting__scheduled_start",
            "member__delegation__meeting__series",
            "category_rank",
            "member__delegation__position",
            "member__delegation__entity__name_en",
            "member__position",
            "pk",
        )
    )


def list_issued(meeting: Meeting) -> bool:
    """Whether any list of participants of the meeting has been issued (a later submission is
    late)."""
    return ParticipantList.objects.filter(meeting=meeting).exists()


# --- Attendance and participation ------------------------------------------------------------


def attendance_for_list() -> QuerySet[AttendanceRecord]:
    """Check-ins by day and session, then in the report's order of delegations and members;
    one query with the member, delegation, entity, meeting and recorder joined."""
    return (
        AttendanceRecord.objects.select_related(
            "member__delegation__entity", "member__delegation__meeting", "recorded_by"
        )
        .annotate(category_rank=_member_category_rank("member__delegation__"))
        .order_by(
            "member__delegation__meeting__scheduled_start",
            "day",
            "session",
            "category_rank",
            "member__delegation__position",
            "member__delegation__entity__name_en",
            "member__position",
            "pk",
        )
    )


def participated(delegation: Delegation) -> bool:
    """A delegation took part in its meeting if any of its members checked in at least once."""
    return AttendanceRecord.objects.filter(member__delegation=delegation).exists()


def participating_delegations(meeting: Meeting) -> QuerySet[Delegation]:
    """The meeting's delegations that took part (any member attended), in the report's order,
    each annotated with `attended_members` (members with a check-in) and `check_ins`; one
    query."""
    attended = AttendanceRecord.objects.filter(member__delegation=OuterRef("pk"))
    return (
        Delegation.objects.filter(meeting=meeting)
        .filter(Exists(attended))
        .select_related("entity")
        .annotate(
            category_rank=CATEGORY_RANK,
            # Both counts follow one join (members → their check-ins).
            attended_members=Count("members__attendance__member", distinct=True),
            check_ins=Count("members__attendance", distinct=True),
        )
        .order_by("category_rank", "position", "entity__name_en")
    )


def participation_by_category(meeting: Meeting) -> list[tuple[str, list[Delegation]]]:
    """(category, participating delegations) for every rule-44 category, in the report's
    order, empty categories included; one query."""
    grouped: dict[str, list[Delegation]] = {category: [] for category in CATEGORY_ORDER}
    for delegation in participating_delegations(meeting):
        grouped.setdefault(delegation.category, []).append(delegation)
    return list(grouped.items())


# --- Lists of participants -------------------------------------------------------------------


def accredited_participation(meeting: Meeting) -> QuerySet[Delegation]:
    """The meeting's delegations with at least one accredited member, in the report's order,
    each with `accredited_members` (in list order): one query plus one prefetch."""
    accredited = DelegationMember.objects.filter(
        nomination__status=NominationStatus.ACCREDITED
    ).order_by("position", "family_name", "pk")
    return (
        Delegation.objects.filter(meeting=meeting)
        .filter(
            Exists(
                Nomination.objects.filter(
                    member__delegation=OuterRef("pk"), status=NominationStatus.ACCREDITED
                )
            )
        )
        .select_related("entity")
        .annotate(category_rank=CATEGORY_RANK)
        .prefetch_related(Prefetch("members", queryset=accredited, to_attr="accredited_members"))
        .order_by("category_rank", "position", "entity__name_en")
    )


def participants_snapshot(meeting: Meeting) -> dict[str, Any]:
    """What a list of participants freezes: the categories in the report's order (those with
    a delegation), each delegation in order with its accredited members, and the counts.
    E-mail addresses stay out: final lists are public. Two queries."""
    blocks: dict[str, list[dict[str, Any]]] = {}
    members = 0
    for delegation in accredited_participation(meeting):
        blocks.setdefault(delegation.category, []).append(
            {
                "entity_code": delegation.entity.code,
                "name_en": delegation.name_in("en"),
                "name_zh": delegation.name_in("zh"),
                "position": delegation.position,
                "members": [
                    {
                        "position": member.position,
                        "role": member.role,
                        "honorific": member.honorific,
                        "family_name": member.family_name,
                        "given_name": member.given_name,
                        "title": member.title,
                    }
                    for member in delegation.accredited_members
                ],
            }
        )
        members += len(delegation.accredited_members)
    return {
        "series": meeting.series,
        "categories": [
            {"category": category, "delegations": blocks[category]}
            for category in CATEGORY_ORDER
            if category in blocks
        ],
        "counts": {
            "delegations": sum(len(block) for block in blocks.values()),
            "members": members,
            "by_category": {category: len(blocks.get(category, ())) for category in CATEGORY_ORDER},
        },
    }


def participant_lists_for_list(*, public: bool = False) -> QuerySet[ParticipantList]:
    """Issued lists by meeting and issue time, with the document and the issuer, without the
    snapshot (a list shows the counts); one query. `public`: the final lists and their
    revisions only, whose documents are issued or superseded."""
    queryset = (
        ParticipantList.objects.select_related("meeting", "document", "issued_by")
        .defer("snapshot")
        .order_by("meeting__scheduled_start", "meeting__series", "issued_at", "pk")
    )
    if public:
        queryset = queryset.filter(
            kind__in=PUBLIC_LIST_KINDS, document__status__in=PUBLIC_DOCUMENT_STATUSES
        )
    return queryset


def participant_lists_for_detail(*, public: bool = False) -> QuerySet[ParticipantList]:
    """As `participant_lists_for_list`, with the snapshot."""
    return participant_lists_for_list(public=public).defer(None)


def _members_by_key(delegation: dict[str, Any]) -> dict[tuple[str, str, int], dict[str, Any]]:
    """A delegation's members keyed by name (case-folded), the n-th bearer of one name being
    told apart by n: a member who only moves in the list is changed, not removed and added."""
    keyed: dict[tuple[str, str, int], dict[str, Any]] = {}
    seen: dict[tuple[str, str], int] = {}
    for member in delegation["members"]:
        name = (member["family_name"].casefold(), member["given_name"].casefold())
        seen[name] = seen.get(name, 0) + 1
        keyed[(*name, seen[name])] = member
    return keyed


def _delegations_by_code(snapshot: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        delegation["entity_code"]: {**delegation, "category": block["category"]}
        for block in snapshot["categories"]
        for delegation in block["delegations"]
    }


def _changes(
    before: dict[str, Any], after: dict[str, Any], fields: Iterable[str]
) -> dict[str, list[Any]]:
    return {
        field: [before.get(field), after.get(field)]
        for field in fields
        if before.get(field) != after.get(field)
    }


DELEGATION_DIFF_FIELDS = ("category", "name_en", "name_zh", "position")
MEMBER_DIFF_FIELDS = ("role", "position", "honorific", "title")


def _member_ref(code: str, member: dict[str, Any]) -> dict[str, Any]:
    return {
        "entity_code": code,
        "family_name": member["family_name"],
        "given_name": member["given_name"],
    }


def list_difference(older: ParticipantList, newer: ParticipantList) -> dict[str, Any]:
    """What changed from `older` to `newer`: delegations (keyed by the entity's code) and
    members (keyed by entity code and name) added, removed or changed, in `newer`'s order
    (removed ones in `older`'s). No query: the snapshots are compared."""
    before, after = _delegations_by_code(older.snapshot), _delegations_by_code(newer.snapshot)
    delegations: dict[str, list[Any]] = {"added": [], "removed": [], "changed": []}
    members: dict[str, list[Any]] = {"added": [], "removed": [], "changed": []}
    summary = ("entity_code", "name_en", "category")
    for code, delegation in after.items():
        old = before.get(code)
        if old is None:
            delegations["added"].append({key: delegation[key] for key in summary})
        elif changes := _changes(old, delegation, DELEGATION_DIFF_FIELDS):
            delegations["changed"].append({"entity_code": code, "changes": changes})
        old_members = _members_by_key(old) if old else {}
        for key, member in _members_by_key(delegation).items():
            was = old_members.get(key)
            if was is None:
                members["added"].append(
                    {**_member_ref(code, member), "role": member["role"], "title": member["title"]}
                )
            elif changes := _changes(was, member, MEMBER_DIFF_FIELDS):
                members["changed"].append({**_member_ref(code, member), "changes": changes})
    for code, delegation in before.items():
        new = after.get(code)
        if new is None:
            delegations["removed"].append({key: delegation[key] for key in summary})
        new_members = _members_by_key(new) if new else {}
        for key, member in _members_by_key(delegation).items():
            if key not in new_members:
                members["removed"].append(
                    {**_member_ref(code, member), "role": member["role"], "title": member["title"]}
                )
    return {"delegations": delegations, "members": members}
