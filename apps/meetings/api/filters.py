import django_filters
from django.db.models import Q

from ..enums import MeetingKind, MeetingStatus, RotatedBody
from ..models import ChairRotation, Meeting

# Ids and numbers are 64-bit at most: larger values are a 400, not a database overflow.
ID_BOUNDS = {"min_value": 0, "max_value": 2**63 - 1}


class MeetingFilter(django_filters.FilterSet):
    series = django_filters.CharFilter(label="The exact symbol series, e.g. `BWC/MSP/2020/MX.5`.")
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices, label="The kind of meeting.")
    status = django_filters.ChoiceFilter(
        choices=MeetingStatus.choices, label="The meeting's status."
    )
    year = django_filters.NumberFilter(**ID_BOUNDS, label="The programme year, e.g. `2020`.")
    parent = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="parent_id", label="The id of the meeting it is part of."
    )
    starts_after = django_filters.DateFilter(
        field_name="scheduled_start", lookup_expr="gte", label="Scheduled to start on or after."
    )
    starts_before = django_filters.DateFilter(
        field_name="scheduled_start", lookup_expr="lte", label="Scheduled to start on or before."
    )
    search = django_filters.CharFilter(
        method="filter_search", label="Part of the series or of the title (English or Chinese)."
    )

    class Meta:
        model = Meeting
        fields = ("series", "kind", "status", "year", "parent")

    def filter_search(self, queryset, name, value):
        return queryset.filter(
            Q(series__icontains=value) | Q(title_en__icontains=value) | Q(title_zh__icontains=value)
        )


class ChairRotationFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(**ID_BOUNDS, label="The programme year.")
    body = django_filters.ChoiceFilter(
        choices=RotatedBody.choices, label="The Meeting of States Parties or of Experts."
    )
    mx_number = django_filters.NumberFilter(
        **ID_BOUNDS, label="The Meeting of Experts number, e.g. `5`."
    )
    regional_group = django_filters.CharFilter(
        field_name="regional_group__code", label="The chairing group's code, e.g. `nam`."
    )

    class Meta:
        model = ChairRotation
        fields = ("year", "body", "mx_number", "regional_group")
