import django_filters
from django.db.models import Q

from ..enums import AgendaStatus, InterventionKind
from ..models import Agenda, AgendaItem, Intervention

# Ids and numbers are 64-bit at most: larger values are a 400, not a database overflow.
ID_BOUNDS = {"min_value": 0, "max_value": 2**63 - 1}


class AgendaFilter(django_filters.FilterSet):
    meeting = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="meeting_id", label="The meeting's id."
    )
    status = django_filters.ChoiceFilter(choices=AgendaStatus.choices, label="The agenda's status.")

    class Meta:
        model = Agenda
        fields = ("meeting", "status")


class AgendaItemFilter(django_filters.FilterSet):
    agenda = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="agenda_id", label="The agenda's id."
    )
    meeting = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="agenda__meeting_id", label="The meeting's id."
    )
    search = django_filters.CharFilter(
        method="filter_search", label="Part of the item's title (English or Chinese)."
    )

    class Meta:
        model = AgendaItem
        fields = ("agenda", "meeting", "search")

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(title_en__icontains=value) | Q(title_zh__icontains=value))


class InterventionFilter(django_filters.FilterSet):
    agenda_item = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="agenda_item_id", label="The agenda item's id."
    )
    meeting = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="agenda_item__agenda__meeting_id", label="The meeting's id."
    )
    speaker = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="speaker_id", label="The speaker's id."
    )
    on_behalf_of = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="on_behalf_of_id", label="The id of the group spoken for."
    )
    kind = django_filters.ChoiceFilter(
        choices=InterventionKind.choices, label="The kind of intervention."
    )

    class Meta:
        model = Intervention
        fields = ("agenda_item", "meeting", "speaker", "on_behalf_of", "kind")
