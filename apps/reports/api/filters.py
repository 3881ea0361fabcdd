import django_filters

from apps.core.enums import UNLanguage

from ..enums import DraftFormat, DraftStatus, ReportKind
from ..models import ReportDraft, ReportTemplate

ID_BOUNDS = {"min_value": 0, "max_value": 2**63 - 1}


class ReportDraftFilter(django_filters.FilterSet):
    meeting = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="meeting_id", label="The meeting's id."
    )
    series = django_filters.CharFilter(
        field_name="meeting__series", label="The meeting's series, e.g. `BWC/MSP/2020/MX.5`."
    )
    kind = django_filters.ChoiceFilter(choices=ReportKind.choices, label="The kind of report.")
    lang = django_filters.ChoiceFilter(choices=UNLanguage.choices, label="The language.")
    # `?format=` is DRF's renderer switch, so the file format filters as `fmt`.
    fmt = django_filters.ChoiceFilter(choices=DraftFormat.choices, label="The file format.")
    status = django_filters.ChoiceFilter(choices=DraftStatus.choices, label="The job's state.")

    class Meta:
        model = ReportDraft
        fields = ("meeting", "series", "kind", "lang", "fmt", "status")


class ReportTemplateFilter(django_filters.FilterSet):
    meeting = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="meeting_id", label="The meeting's id."
    )
    series = django_filters.CharFilter(field_name="meeting__series", label="The meeting's series.")
    kind = django_filters.ChoiceFilter(choices=ReportKind.choices, label="The kind of report.")
    lang = django_filters.ChoiceFilter(choices=UNLanguage.choices, label="The language.")
    active = django_filters.BooleanFilter(label="Only active (or inactive) templates.")

    class Meta:
        model = ReportTemplate
        fields = ("meeting", "series", "kind", "lang", "active")
