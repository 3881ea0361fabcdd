"""The document registry, as the secretariat edits it: one row per symbol, with its submitters.

The registry's rules live in `services`: a new document is entered with `register_document`
(so the series' counter moves past its number), and a status changes only through
`issue_document` and `withdraw_document`. The admin validates what it can in the form, so that
staff see field errors, and then calls those services. Symbols are never deleted.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from apps.agendas.models import AgendaItem, Intervention
from apps.core.enums import UNLanguage
from apps.core.errors import DomainError
from apps.entities.admin import PreloadedAutocompleteMixin
from apps.meetings.models import Meeting

from . import selectors, services, symbols
from .enums import STATUS_TRANSITIONS, DocumentStatus, DocumentType
from .models import Document, DocumentSubmitter, SymbolCounter

OTHER_LANGUAGES = _("Arabic, French, Russian and Spanish")

# Fixed by the symbol: read from it when a document is entered, never changed afterwards.
IDENTITY_FIELDS = ("meeting", "doc_type", "number", "modifier", "modifier_number", "parent")


class DocumentForm(forms.ModelForm):
    # Ticked boxes instead of raw JSON.
    languages = forms.MultipleChoiceField(
        label=_("issued in"),
        choices=UNLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=Document._meta.get_field("languages").help_text,
    )

    class Meta:
        model = Document
        fields = ("languages",)  # the admin's fieldsets add the others

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "status" in self.fields:
            # Offer only the moves the registry allows; a document is superseded by issuing
            # its revision, never by hand.
            current = self.instance.status
            allowed = {current} | (STATUS_TRANSITIONS[current] - {DocumentStatus.SUPERSEDED})
            self.fields["status"].choices = [
                (value, label) for value, label in DocumentStatus.choices if value in allowed
            ]

    def clean_languages(self):
        chosen = set(self.cleaned_data["languages"])
        return [code for code in UNLanguage.values if code in chosen]  # the UN's order

    def clean_symbol(self):
        """What `services.register_document` checks, as field errors (only a new document)."""
        try:
            parsed = symbols.parse_symbol(self.cleaned_data["symbol"])
        except symbols.SymbolSyntaxError as error:
            raise forms.ValidationError(str(error)) from error
        symbol = symbols.format_symbol(parsed)
        if not Meeting.objects.filter(series=parsed.meeting_series).exists():
            raise forms.ValidationError(
                _("No meeting has the series %(series)s; enter the meeting first."),
                params={"series": parsed.meeting_series},
            )
        if parsed.doc_type not in DocumentType.values or isinstance(parsed.number, str):
            raise forms.ValidationError(
                _("The registry does not number documents of type %(type)s."),
                params={"type": parsed.doc_type},
            )
        if parsed.modifiers and not Document.objects.filter(symbol=parsed.parent_symbol).exists():
            raise forms.ValidationError(
                _("%(parent)s is not in the registry; enter it first."),
                params={"parent": parsed.parent_symbol},
            )
        if Document.objects.filter(symbol=symbol).exists():
            raise forms.ValidationError(
                _("%(symbol)s is already registered."), params={"symbol": symbol}
            )
        return symbol

    def clean(self):
        cleaned = super().clean()
        withdrawing = (
            self.instance.pk
            and self.instance.status != DocumentStatus.WITHDRAWN
            and cleaned.get("status") == DocumentStatus.WITHDRAWN
        )
        if withdrawing and not (cleaned.get("status_reason") or "").strip():
            self.add_error("status_reason", _("Say why the document is withdrawn."))
        return cleaned


class DocumentSubmitterForm(forms.ModelForm):
    class Meta:
        model = DocumentSubmitter
        fields = ("position", "entity")
        labels = {"position": _("position"), "entity": _("State or organization")}


class DocumentSubmitterInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = DocumentSubmitter
    form = DocumentSubmitterForm
    verbose_name = _("submitter")
    verbose_name_plural = _("submitters, in the order the document names them")
    autocomplete_fields = ("entity",)
    ordering = ("position",)
    extra = 1

    def get_queryset(self, request):
        # The entity labels its autocomplete; each row prints `<entity> (<symbol>)`.
        return super().get_queryset(request).select_related("entity", "document")


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    form = DocumentForm
    list_display = (
        "symbol",
        "title_en",
        "doc_type",
        "status",
        "original_language",
        "language_note_en",
        "issue_date",
        "item_number",
        "submitter_names",
    )
    list_filter = ("doc_type", "status", "original_language", "distribution", "modifier", "meeting")
    search_fields = ("symbol", "title_en", "title_zh", "meeting__series")
    date_hierarchy = "issue_date"
    autocomplete_fields = ("on_behalf_of", "agenda_item", "interventions")
    save_on_top = True
    inlines = (DocumentSubmitterInline,)
    actions = ("issue_documents",)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            identity = (
                _("Symbol"),
                {
                    "fields": ("symbol", "status"),
                    "description": _(
                        "The meeting, the type, the number and any revision, corrigendum or "
                        "addendum are read from the symbol, e.g. BWC/MSP/2020/MX.5/WP.5/Corr.1."
                    ),
                },
            )
        else:
            identity = (
                _("Symbol"),
                {
                    "fields": (
                        "symbol",
                        "meeting",
                        ("doc_type", "number"),
                        ("modifier", "modifier_number"),
                        "parent",
                        ("status", "status_reason"),
                    )
                },
            )
        registry = ["issue_date", "distribution", "agenda_item", "interventions", "file"]
        if obj is not None:
            registry.insert(-1, "annex_position")  # not a service field; set once entered
        return (
            identity,
            (_("English and Chinese"), {"fields": ("title_en", "title_zh")}),
            (
                OTHER_LANGUAGES,
                {
                    "fields": ("title_ar", "title_fr", "title_ru", "title_es"),
                    "classes": ("collapse",),
                },
            ),
            (_("Submission"), {"fields": ("submitted_by", "on_behalf_of")}),
            (
                _("Languages"),
                {
                    "fields": (
                        "original_language",
                        "languages",
                        ("language_note_en", "language_note_zh"),
                    )
                },
            ),
            (_("Registry"), {"fields": registry}),
            (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ("created_at", "updated_at")
        return ("symbol", *IDENTITY_FIELDS, "created_at", "updated_at")

    def has_delete_permission(self, request, obj=None):
        return False  # a symbol is given out once: withdraw a document instead

    def get_queryset(self, request):
        # Meeting, agenda item, parent and submitters in order: a constant number of queries.
        return selectors.in_annex_order(selectors.documents_for_list())

    def get_ordering(self, request):
        # By meeting, then as the report's Annex II lists them (ranks from the selector).
        return ("meeting__series", "type_rank", "number", "modifier_rank", "modifier_number")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agenda_item":  # its name reads the meeting's series
            kwargs["queryset"] = AgendaItem.objects.select_related("agenda__meeting")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "interventions":  # their names read the speaker and the group
            kwargs["queryset"] = Intervention.objects.select_related("speaker", "on_behalf_of")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            self._register(request, obj, form)
            return
        target = obj.status
        if "status" in form.changed_data:
            obj.status = form.initial["status"]  # the service below makes the move
        super().save_model(request, obj, form, change)
        if target == DocumentStatus.ISSUED and obj.status != target:
            services.issue_document(document=obj, issue_date=obj.issue_date, actor=request.user)
        elif target == DocumentStatus.WITHDRAWN and obj.status != target:
            services.withdraw_document(document=obj, reason=obj.status_reason, actor=request.user)
        obj.status = target

    def _register(self, request, obj, form):
        metadata = {
            name: form.cleaned_data[name]
            for name in services.METADATA_FIELDS
            if name in form.cleaned_data and (name != "file" or form.cleaned_data[name])
        }
        document = services.register_document(
            symbol=obj.symbol, status=obj.status, actor=request.user, **metadata
        )
        # The admin goes on with `obj` (its submitters, interventions and log entry).
        for field in Document._meta.concrete_fields:
            setattr(obj, field.attname, getattr(document, field.attname))
        obj._state.adding = False
        obj._state.db = document._state.db

    @admin.action(description=_("Issue the selected reserved documents"))
    def issue_documents(self, request, queryset):
        issued = 0
        for document in queryset:
            try:
                services.issue_document(document=document, actor=request.user)
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                issued += 1
        if issued:
            self.message_user(
                request,
                ngettext("%(count)d document issued.", "%(count)d documents issued.", issued)
                % {"count": issued},
                messages.SUCCESS,
            )

    @admin.display(description=_("item"), ordering="agenda_item__number")
    def item_number(self, obj):
        return obj.agenda_item.number if obj.agenda_item else None

    @admin.display(description=_("submitters"))
    def submitter_names(self, obj):
        return ", ".join(entity.name_en for entity in selectors.submitters_of(obj)) or None


@admin.register(SymbolCounter)
class SymbolCounterAdmin(admin.ModelAdmin):
    """Read-only: only minting and registering move a counter, so no number is given twice."""

    list_display = ("series", "doc_type", "last_number", "next_symbol", "updated_at")
    list_filter = ("doc_type",)
    search_fields = ("series",)
    ordering = ("series", "doc_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("next symbol"))
    def next_symbol(self, obj):
        return symbols.build_symbol(obj.series, obj.doc_type, obj.last_number + 1)
