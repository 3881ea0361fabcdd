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

    # A new document either takes a fixed symbol or mints the next one of a meeting and type.
    symbol = forms.CharField(
        label=_("symbol"),
        max_length=128,
        required=False,
        help_text=_("Leave empty to mint the next number of the meeting and type below."),
    )
    mint_in = forms.ModelChoiceField(
        label=_("mint in meeting"), queryset=Meeting.objects.all(), required=False
    )
    mint_type = forms.TypedChoiceField(
        label=_("mint a document of type"),
        choices=[("-", "---------"), *DocumentType.choices],
        coerce=str,
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Document
        fields = ("languages",)  # the admin's fieldsets add the others

    def clean_mint_type(self):
        value = self.cleaned_data.get("mint_type")
        return None if value in (None, "-") else value

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
        """A fixed symbol gets the registry's own checks, shown as field errors; an empty one
        means "mint the next number" (see `clean`)."""
        symbol = self.cleaned_data.get("symbol", "").strip()
        if not symbol or self.instance.pk:
            return symbol
        try:
            return services.check_new_symbol(symbol).symbol
        except DomainError as error:
            raise forms.ValidationError(error.message, code=error.code) from error

    def clean(self):
        cleaned = super().clean()
        minting = not self.instance.pk and "symbol" not in self.errors and not cleaned.get("symbol")
        if minting and (not cleaned.get("mint_in") or cleaned.get("mint_type") is None):
            self.add_error(
                "symbol",
                _("Enter the symbol, or choose a meeting and a type to mint the next one."),
            )
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
                    "fields": ("symbol", ("mint_in", "mint_type"), "status"),
                    "description": _(
                        "Enter a fixed symbol (the meeting, the type, the number and any "
                        "revision, corrigendum or addendum are read from it, e.g. "
                        "BWC/MSP/2020/MX.5/WP.5/Corr.1), or leave it empty and choose a meeting "
                        "and a type to mint the next number."
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
        if form.cleaned_data["symbol"]:
            document = services.register_document(
                symbol=form.cleaned_data["symbol"],
                status=obj.status,
                actor=request.user,
                **metadata,
            )
        else:
            document = services.mint_symbol(
                meeting=form.cleaned_data["mint_in"],
                doc_type=DocumentType(form.cleaned_data["mint_type"]),
                actor=request.user,
                **metadata,
            )
            if obj.status == DocumentStatus.ISSUED:
                document = services.issue_document(
                    document=document, issue_date=document.issue_date, actor=request.user
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
