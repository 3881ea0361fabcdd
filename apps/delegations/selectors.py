"""Reads of who takes part in meetings: delegations, their members, counts per category."""

from collections.abc import Iterable

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

from apps.meetings.models import Meeting
from apps.meetings.selectors import UNLISTED_MEETING_FIELDS

from .enums import CATEGORY_ORDER
from .models import MEMBER_FIELDS, Delegation, DelegationMember, StatedCount

# The rank of a category in a report's participation section (States Parties first, guests last).
CATEGORY_RANK = Case(
    *(When(category=category, then=Value(rank)) for rank, category in enumerate(CATEGORY_ORDER)),
    default=Value(len(CATEGORY_ORDER)),
    output_field=IntegerField(),
)


# Columns a list of delegations or members never shows: the timestamps of the rows it joins or
# prefetches and the meeting's long texts (see UNLISTED_MEETING_FIELDS). Only joined rows are
# slimmed, never the listed ones, which services save.
UNLISTED_JOINED = (
    *(f"meeting__{name}" for name in UNLISTED_MEETING_FIELDS),
    "entity__created_at",
    "entity__updated_at",
    "entity__notes",
)


# What a list of delegations shows of each member.
LISTED_MEMBER_FIELDS = ("id", *MEMBER_FIELDS)


def delegations_for_list() -> QuerySet[Delegation]:
    """Delegations by meeting, then in the report's order: by rule-44 category, then by place
    in the source's list, then by name, each with `participated`. One query (meeting and
    entity joined); `attach_member_rows` adds their members."""
    return (
        Delegation.objects.select_related("meeting", "entity")
        .annotate(
            category_rank=CATEGORY_RANK,
            # Took part: a member checked in at least once. Check-ins point at members from the
            # attendance app; the reverse lookup reads them without importing it.
            participated=Exists(
                DelegationMember.objects.filter(delegation=OuterRef("pk"), attendance__isnull=False)
            ),
        )
        .defer(*UNLISTED_JOINED)
        .order_by(
            "meeting__scheduled_start",
            "meeting__series",
            "category_rank",
            "position",
            "entity__name_en",
        )
    )


def attach_member_rows(delegations: Iterable[Delegation]) -> None:
    """Give each delegation `member_rows`: its members' `LISTED_MEMBER_FIELDS` as dicts, in
    list order; one query for all of them.

    Plain rows rather than a prefetch: a page of delegations nests hundreds of members, and
    making a model instance of each was the largest cost of listing them."""
    by_pk = {delegation.pk: delegation for delegation in delegations}
    for delegation in by_pk.values():
        delegation.member_rows = []
    rows = (
        DelegationMember.objects.filter(delegation_id__in=by_pk)
        .order_by("delegation_id", "position", "family_name")
        .values("delegation_id", *LISTED_MEMBER_FIELDS)
    )
    for row in rows:
        by_pk[row.pop("delegation_id")].member_rows.append(row)


def participation_of(meeting: Meeting) -> QuerySet[Delegation]:
    """The meeting's delegations by category in the report's order."""
    return delegations_for_list().filter(meeting=meeting)


def delegation_members_for_list() -> QuerySet[DelegationMember]:
    """Members by meeting, by their delegation's place in the report, then by position; one
    query with the delegation, its meeting and its State or organization joined."""
    return (
        DelegationMember.objects.select_related("delegation__meeting", "delegation__entity")
        .defer(
            "delegation__created_at",
            "delegation__updated_at",
            *(f"delegation__{name}" for name in UNLISTED_JOINED),
        )
        .annotate(
            category_rank=Case(
                *(
                    When(delegation__category=category, then=Value(rank))
                    for rank, category in enumerate(CATEGORY_ORDER)
                ),
                default=Value(len(CATEGORY_ORDER)),
                output_field=IntegerField(),
            )
        )
        .order_by(
            "delegation__meeting__scheduled_start",
            "delegation__meeting__series",
            "category_rank",
            "delegation__position",
            "delegation__entity__name_en",
            "position",
            "family_name",
        )
    )


def delegations_per_category(meeting: Meeting) -> dict[str, int]:
    """How many delegations `meeting` has in each rule-44 category it has any in; one query."""
    return dict(
        Delegation.objects.filter(meeting=meeting)
        .order_by()
        .values_list("category")
        .annotate(total=Count("pk"))
    )


def with_stated_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Prefetch the counts of participants the meetings' sources state, by category."""
    return meetings.prefetch_related(
        Prefetch("stated_counts", queryset=StatedCount.objects.order_by("category"))
    )
