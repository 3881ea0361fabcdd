import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from ..enums import EntityKind, TreatyStatusKind
from ..models import Entity, RegionalGroup
from ..selectors import with_treaty_status

NAME_FIELDS = ("name_en", "name_zh", "name_fr", "name_ru", "name_es", "name_ar")


def _search(queryset: QuerySet, fields: tuple[str, ...], value: str) -> QuerySet:
    query = Q()
    for field in fields:
        query |= Q(**{f"{field}__icontains": value})
    return queryset.filter(query)


class EntityFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=EntityKind.choices, label="Kind of entity.")
    code = django_filters.CharFilter(label="Exact code, e.g. `UNIDIR` or `PAN`.")
    regional_group = django_filters.CharFilter(
        field_name="regional_group__code", label="Code of the regional group, e.g. `nam`."
    )
    search = django_filters.CharFilter(
        method="filter_search",
        label="Part of a name in any UN language, of an abbreviation, or of the code.",
    )

    class Meta:
        model = Entity
        fields = ("kind", "code", "regional_group")

    def filter_search(self, queryset, name, value):
        fields = (*NAME_FIELDS, "formal_name_en", "abbreviation_en", "abbreviation_zh", "code")
        return _search(queryset, fields, value)


class StateFilter(django_filters.FilterSet):
    on = django_filters.DateFilter(
        method="filter_on",
        label="The date of `treaty_status` (and of the `treaty_status` filter); today if absent.",
    )
    treaty_status = django_filters.ChoiceFilter(
        choices=TreatyStatusKind.choices, label="Only States with this status on the date `on`."
    )
    regional_group = django_filters.CharFilter(
        field_name="regional_group__code", label="Code of the regional group, e.g. `nam`."
    )
    search = django_filters.CharFilter(
        method="filter_search",
        label="Part of a name in any UN language, or of the ISO code.",
    )

    class Meta:
        model = Entity
        fields = ("on", "treaty_status", "regional_group")

    def filter_queryset(self, queryset):
        # The status depends on the date, so it is annotated before any filter reads it.
        on = self.form.cleaned_data.get("on") or timezone.localdate()
        return super().filter_queryset(with_treaty_status(queryset, on=on))

    def filter_on(self, queryset, name, value):
        return queryset  # consumed by filter_queryset

    def filter_search(self, queryset, name, value):
        return _search(queryset, (*NAME_FIELDS, "formal_name_en", "iso3", "iso2"), value)


class RegionalGroupFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search", label="Part of the group's name or short name."
    )

    class Meta:
        model = RegionalGroup
        fields = ("search",)

    def filter_search(self, queryset, name, value):
        return _search(queryset, (*NAME_FIELDS, "short_name_en", "short_name_zh", "code"), value)
