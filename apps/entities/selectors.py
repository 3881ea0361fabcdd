"""Reads of the registry of States and organizations."""

from datetime import date

from django.db.models import QuerySet

from .enums import EntityKind, TreatyStatusKind
from .models import Entity, TreatyStatus


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
