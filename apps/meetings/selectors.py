"""Reads of meetings, of their status transitions and of the chair rotation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet

from apps.entities.models import RegionalGroup

from .enums import RotatedBody
from .models import ChairRotation, Meeting, Officer, Postponement, PostponementLetter

if TYPE_CHECKING:
    from apps.accounts.models import User


@dataclass(frozen=True)
class Transition:
    """A change of an object's `status`, as its history recorded it."""

    from_status: str | None
    to_status: str
    at: datetime
    by: User | None


def chair_group_for(
    *, year: int, body: RotatedBody, mx_number: int | None = None
) -> RegionalGroup | None:
    """Which regional group chairs a meeting of the programme, per the rotation table.

    `chair_group_for(year=2019, body=RotatedBody.MEETING_OF_EXPERTS, mx_number=3)` is the NAM.
    """
    if body == RotatedBody.MEETING_OF_STATES_PARTIES:
        mx_number = None
    rotation = (
        ChairRotation.objects.select_related("regional_group")
        .filter(year=year, body=body, mx_number=mx_number)
        .first()
    )
    return rotation.regional_group if rotation else None


# What a list of other rows never shows of the meeting it joins: its timestamps (a timestamptz
# is read through Django's Python loader, dearer than the rest of a row) and its long texts.
UNLISTED_MEETING_FIELDS = (
    "created_at",
    "updated_at",
    "mandate_en",
    "mandate_zh",
    "chair_summary_en",
    "chair_summary_zh",
    "notes",
)


def meetings_for_list() -> QuerySet[Meeting]:
    """Meetings in date order with the series of the meeting they belong to; one query."""
    return Meeting.objects.select_related("parent").order_by("scheduled_start", "series")


def meetings_for_detail() -> QuerySet[Meeting]:
    """Meetings with what their detail shows: agenda and items, postponements and their
    letters, officers. One query for the meetings (parent and agenda joined) plus four
    prefetches, whatever the meeting's size."""
    return (
        meetings_for_list()
        .select_related("agenda")
        .prefetch_related(
            "agenda__items",
            Prefetch(
                "postponements",
                queryset=Postponement.objects.order_by("position").prefetch_related(
                    Prefetch("letters", queryset=PostponementLetter.objects.order_by("dated"))
                ),
            ),
            Prefetch(
                "officers",
                queryset=Officer.objects.select_related("entity", "regional_group").order_by(
                    "position"
                ),
            ),
        )
    )


def status_transitions_of(instance: Any) -> list[Transition]:
    """Every change of `instance.status`, oldest first, from its history: one query.

    The record that created the object counts as a transition from nothing.
    """
    records = instance.history.select_related("history_user").order_by("history_date", "history_id")
    transitions: list[Transition] = []
    previous: str | None = None
    for record in records:
        if record.history_type == "-" or record.status == previous:
            continue
        transitions.append(
            Transition(
                from_status=previous,
                to_status=record.status,
                at=record.history_date,
                by=record.history_user,
            )
        )
        previous = record.status
    return transitions


def chair_rotations_for_list() -> QuerySet[ChairRotation]:
    """The rotation table by year, meeting and MX number, with the groups; one query."""
    return ChairRotation.objects.select_related("regional_group").order_by(
        "year", "body", "mx_number"
    )
