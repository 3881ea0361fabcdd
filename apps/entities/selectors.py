"""Reads of the registry of States and organizations."""

from datetime import date

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from .enums import EntityKind, TreatyStatusKind
from .models import Entity, RegionalGroup, TreatyStatus


def treaty_status_of(*, entity: Entity, on: date) -> TreatyStatusKind:
    """The State's status under the Convention on `on`; a State with no record is a non-party."""
    latest = (
        TreatyStatus.objects.filter(entity=entity, effective_from__lte=on)
        .order_by("-effective_from")
        .values_list("status", flat=True)
        .first()
    )
    return TreatyStatusKind(latest) if latest else TreatyStatusKind.NON_PARTY


def states() -> QuerySet[Entity]:
    return Entity.objects.filter(kind=EntityKind.STATE).select_related("regional_group")


def entities_for_list() -> QuerySet[Entity]:
    """Every State, organization, group and guest, by English name; one query."""
    return Entity.objects.select_related("regional_group").order_by("name_en", "code")


def states_for_list() -> QuerySet[Entity]:
    """States by English name with their regional group and treaty-status history (one prefetch).

    Pair with `with_treaty_status` for the status on a date.
    """
    return (
        states()
        .prefetch_related(
            Prefetch("treaty_statuses", queryset=TreatyStatus.objects.order_by("effective_from"))
        )
        .order_by("name_en", "code")
    )


def with_treaty_status(queryset: QuerySet[Entity], *, on: date) -> QuerySet[Entity]:
    """Annotate `treaty_status`: each State's status on `on` (non-party without a record),
    as one correlated subquery rather than a query a row."""
    in_effect = TreatyStatus.objects.filter(entity=OuterRef("pk"), effective_from__lte=on).order_by(
        "-effective_from"
    )
    return queryset.annotate(
        treaty_status=Coalesce(
            Subquery(in_effect.values("status")[:1]), Value(TreatyStatusKind.NON_PARTY.value)
        )
    )


def regional_groups_for_list() -> QuerySet[RegionalGroup]:
    """Regional groups by code with `member_count` annotated; one query."""
    return RegionalGroup.objects.annotate(member_count=Count("members")).order_by("code")
