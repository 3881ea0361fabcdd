"""Agendas, their items and who took the floor under each item, as the secretariat edits them."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, TextField
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.core.errors import ConflictError
from apps.entities.admin import PreloadedAutocompleteMixin

from .models import Agenda, AgendaItem, Intervention
from .services import check_version

OTHER_LANGUAGES = _("Arabic, French, Russian and Spanish")


class VersionedForm(forms.ModelForm):
    """Carries the version the page was opened with in a hidden field: a save made after
    someone else changed the row is refused with a message instead of overwriting it. The
    admin saves inside one transaction, so the row stays locked from this check to the save."""

    # Not `version`: the model's own field is not editable, so the form may not name it.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("seen_version") is not None:
            model = type(self.instance)
            current = model._base_manager.select_for_update().get(pk=self.instance.pk)
            try:
                check_version(current, cleaned["seen_version"])
            except ConflictError as error:
                raise ValidationError(
                    _("%(message)s Reload the page: your changes were not saved.")
                    % {"message": error.message},
                    code=error.code,
                ) from error
        return cleaned


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    form = VersionedForm
    # Titles and sub-topics are a line or a few; the default boxes made each item a screen high.
    formfield_overrides = {TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 80})}}
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "number",
                    ("title_en", "title_zh"),
                    ("subtopics_en", "subtopics_zh"),
                    "seen_version",
                )
            },
        ),
        (
            OTHER_LANGUAGES,
            {"fields": ("title_ar", "title_fr", "title_ru", "title_es"), "classes": ("collapse",)},
        ),
    )
    ordering = ("number",)
    extra = 1
    show_change_link = True  # interventions are entered on the item's own page

    def get_queryset(self, request):
        # The change link prints each item's name, which reads the meeting's series.
        return super().get_queryset(request).select_related("agenda__meeting")


@admin.register(Agenda)
class AgendaAdmin(SimpleHistoryAdmin):
    form = VersionedForm
    list_display = (
        "meeting_series",
        "meeting_title",
        "symbol",
        "status",
        "adopted_on",
        "item_count",
    )
    list_filter = ("status", "meeting__kind", "meeting__year")
    list_select_related = ("meeting",)
    search_fields = ("meeting__series", "meeting__title_en", "meeting__title_zh", "symbol")
    ordering = ("-meeting__scheduled_start", "meeting__series")
    date_hierarchy = "adopted_on"
    autocomplete_fields = ("meeting",)
    readonly_fields = ("created_at", "updated_at")
    inlines = (AgendaItemInline,)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "meeting",
                    "symbol",
                    ("status", "adopted_on"),
                    "proposed_by_chair",
                    "seen_version",
                )
            },
        ),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            # Here, not only in the changelist: the autocomplete prints `Agenda of <series>`.
            .select_related(*self.list_select_related)
            .annotate(item_total=Count("items"))
        )

    @admin.display(description=_("meeting"), ordering="meeting__series")
    def meeting_series(self, obj):
        return obj.meeting.series

    @admin.display(description=_("title"), ordering="meeting__title_en")
    def meeting_title(self, obj):
        return obj.meeting.title_en

    @admin.display(description=_("items"), ordering="item_total")
    def item_count(self, obj):
        return obj.item_total


class InterventionInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = Intervention
    fields = ("position", "kind", "speaker", "on_behalf_of", "note_en", "note_zh")
    autocomplete_fields = ("speaker", "on_behalf_of")
    ordering = ("position",)
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker", "on_behalf_of")


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    form = VersionedForm
    list_display = ("meeting_series", "number", "title_en", "title_zh", "intervention_count")
    list_display_links = ("number", "title_en")
    list_filter = ("agenda__meeting__kind", "agenda__meeting__year")
    list_select_related = ("agenda__meeting",)
    search_fields = ("title_en", "title_zh", "subtopics_en", "agenda__meeting__series")
    ordering = ("-agenda__meeting__scheduled_start", "agenda__meeting__series", "number")
    autocomplete_fields = ("agenda",)
    readonly_fields = ("created_at", "updated_at")
    inlines = (InterventionInline,)
    fieldsets = (
        (None, {"fields": ("agenda", "number", "seen_version")}),
        (
            _("English and Chinese"),
            {"fields": (("title_en", "title_zh"), ("subtopics_en", "subtopics_zh"))},
        ),
        (
            OTHER_LANGUAGES,
            {"fields": ("title_ar", "title_fr", "title_ru", "title_es"), "classes": ("collapse",)},
        ),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            # Here, not only in the changelist: the autocomplete prints `<series> item <n>`.
            .select_related(*self.list_select_related)
            .annotate(intervention_total=Count("interventions"))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agenda":  # its name reads the meeting's series
            kwargs["queryset"] = Agenda.objects.select_related("meeting")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("meeting"), ordering="agenda__meeting__series")
    def meeting_series(self, obj):
        return obj.agenda.meeting.series

    @admin.display(description=_("interventions"), ordering="intervention_total")
    def intervention_count(self, obj):
        return obj.intervention_total


@admin.register(Intervention)
class InterventionAdmin(SimpleHistoryAdmin):
    list_display = (
        "meeting_series",
        "item_number",
        "position",
        "kind",
        "speaker_name",
        "on_behalf_of_name",
        "note_en",
    )
    list_display_links = ("position", "kind")
    list_filter = ("kind", "agenda_item__agenda__meeting")
    list_select_related = ("agenda_item__agenda__meeting", "speaker", "on_behalf_of")
    search_fields = (
        "speaker__name_en",
        "speaker__name_zh",
        "speaker__code",
        "speaker__abbreviation_en",
        "on_behalf_of__name_en",
        "on_behalf_of__abbreviation_en",
        "note_en",
        "note_zh",
        "agenda_item__agenda__meeting__series",
    )
    ordering = (
        "-agenda_item__agenda__meeting__scheduled_start",
        "agenda_item__agenda__meeting__series",
        "agenda_item__number",
        "position",
    )
    autocomplete_fields = ("agenda_item", "speaker", "on_behalf_of")
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("agenda_item", ("position", "kind"), ("speaker", "on_behalf_of"))}),
        (_("English and Chinese"), {"fields": ("note_en", "note_zh")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        # Here, not only in the changelist: the autocomplete prints speaker and group.
        return super().get_queryset(request).select_related(*self.list_select_related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agenda_item":  # its name reads the meeting's series
            kwargs["queryset"] = AgendaItem.objects.select_related("agenda__meeting")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("meeting"), ordering="agenda_item__agenda__meeting__series")
    def meeting_series(self, obj):
        return obj.agenda_item.agenda.meeting.series

    @admin.display(description=_("item"), ordering="agenda_item__number")
    def item_number(self, obj):
        return obj.agenda_item.number

    @admin.display(description=_("speaker"), ordering="speaker__name_en")
    def speaker_name(self, obj):
        return obj.speaker.name_en

    @admin.display(description=_("on behalf of"), ordering="on_behalf_of__name_en")
    def on_behalf_of_name(self, obj):
        return obj.on_behalf_of.name_en if obj.on_behalf_of else None
