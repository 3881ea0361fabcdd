import django_filters
from django.db.models import Q

from apps.core.enums import UNLanguage

from ..enums import DocumentStatus, DocumentType
from ..models import Document
from ..selectors import search_documents


class DocumentFilter(django_filters.FilterSet):
    series = django_filters.CharFilter(
        field_name="meeting__series", help_text="A meeting's series."
    )
    symbol = django_filters.CharFilter(field_name="symbol", help_text="The exact symbol.")
    symbol_prefix = django_filters.CharFilter(
        field_name="symbol", lookup_expr="istartswith", help_text="e.g. `BWC/MSP/2020/MX.5/WP`."
    )
    doc_type = django_filters.ChoiceFilter(choices=DocumentType.choices)
    status = django_filters.ChoiceFilter(choices=DocumentStatus.choices)
    submitter = django_filters.CharFilter(
        method="filter_submitter", help_text="Entity code of a submitter (ISO3 for a State)."
    )
    agenda_item_number = django_filters.NumberFilter(field_name="agenda_item__number")
    language = django_filters.ChoiceFilter(
        choices=UNLanguage.choices, method="filter_language", help_text="Issued in this language."
    )
    issued_after = django_filters.DateFilter(field_name="issue_date", lookup_expr="gte")
    issued_before = django_filters.DateFilter(field_name="issue_date", lookup_expr="lte")
    q = django_filters.CharFilter(
        method="filter_text", help_text="Words of the title, or a symbol."
    )

    class Meta:
        model = Document
        fields = ("meeting", "agenda_item", "distribution", "original_language")

    def filter_submitter(self, queryset, name, value):
        return queryset.filter(
            pk__in=Document.submitters.through.objects.filter(entity__code=value).values("document")
        )

    def filter_language(self, queryset, name, value):
        # `languages` is a JSON list; an empty list means all six languages.
        return queryset.filter(Q(languages__icontains=f'"{value}"') | Q(languages=[]))

    def filter_text(self, queryset, name, value):
        return search_documents(queryset, value)
