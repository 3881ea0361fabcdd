"""Reads of agendas, their items and who took the floor under each item."""

from django.db.models import Prefetch, QuerySet

from .models import Agenda, AgendaItem, Intervention


def agendas_for_list() -> QuerySet[Agenda]:
    """Agendas in their meetings' date order with the items by number: one query plus one
    prefetch."""
    return (
        Agenda.objects.select_related("meeting")
        .prefetch_related(Prefetch("items", queryset=AgendaItem.objects.order_by("number")))
        .order_by("meeting__scheduled_start", "meeting__series")
    )


def agenda_items_for_list() -> QuerySet[AgendaItem]:
    """Items by meeting, then by number, with their agenda and meeting joined; one query."""
    return AgendaItem.objects.select_related("agenda__meeting").order_by(
        "agenda__meeting__scheduled_start", "agenda__meeting__series", "number"
    )


def interventions_for_list() -> QuerySet[Intervention]:
    """Interventions in the report's order (meeting, item number, position), with the item,
    the meeting, the speaker and the group spoken for joined; one query."""
    return Intervention.objects.select_related(
        "agenda_item__agenda__meeting", "speaker", "on_behalf_of"
    ).order_by(
        "agenda_item__agenda__meeting__scheduled_start",
        "agenda_item__agenda__meeting__series",
        "agenda_item__number",
        "position",
    )


def interventions_of(item: AgendaItem) -> QuerySet[Intervention]:
    """Who took the floor under `item`, in order."""
    return interventions_for_list().filter(agenda_item=item)
