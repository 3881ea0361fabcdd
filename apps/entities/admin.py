"""The registry of States, organizations and regional groups, as the secretariat edits it."""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import selectors
from .enums import EntityKind, TreatyStatusKind
from .models import Entity, RegionalGroup, TreatyStatus

OTHER_LANGUAGES = _("Arabic, French, Russian and Spanish")


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that labels its selected option with a row loaded beforehand.

    Django's widget runs one query per widget to label what is selected: a hundred queries
    for an inline of a hundred delegations. `PreloadedAutocompleteMixin` hands each widget
    its row's related object instead, which the inline's queryset has already joined.
    """

    preloaded = None

    def optgroups(self, name, value, attr=None):
        obj = self.preloaded
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if obj is None or selected != {str(obj.pk)}:  # nothing loaded, or the user changed it
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(obj)
        options.append(self.create_option(name, obj.pk, label, selected, len(options)))
        return [(None, options, 0)]


class PreloadedAutocompleteMixin:
    """For an inline whose autocomplete fields should cost no query a row.

    Its `get_queryset` must `select_related` every field in `autocomplete_fields`; the other
    apps' inlines (delegations, officers, interventions, submitters) build on this one, the
    registry's, because every app depends on the registry.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        names = tuple(self.get_autocomplete_fields(request))

        class PreloadedFormSet(formset):
            def _construct_form(self, i, **kwargs):
                form = super()._construct_form(i, **kwargs)
                if form.instance.pk is not None:
                    for name in names:
                        if name in form.fields:
                            wrapper = form.fields[name].widget  # RelatedFieldWidgetWrapper
                            widget = getattr(wrapper, "widget", wrapper)
                            widget.preloaded = getattr(form.instance, name)
                return form

        return PreloadedFormSet


@admin.register(RegionalGroup)
class RegionalGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "short_name_en", "name_zh", "members")
    search_fields = ("code", "name_en", "name_zh", "short_name_en", "short_name_zh")
    ordering = ("code",)
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("code",)}),
        (
            _("English and Chinese"),
            {"fields": (("name_en", "short_name_en"), ("name_zh", "short_name_zh"))},
        ),
        (
            OTHER_LANGUAGES,
            {"fields": ("name_ar", "name_fr", "name_ru", "name_es"), "classes": ("collapse",)},
        ),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return selectors.regional_groups_for_list()  # `member_count` annotated

    @admin.display(description=_("members"), ordering="member_count")
    def members(self, obj):
        return obj.member_count


class TreatyStatusInline(admin.TabularInline):
    model = TreatyStatus
    fields = ("effective_from", "status", "source")
    ordering = ("effective_from",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("entity")  # printed in each row


@admin.register(Entity)
class EntityAdmin(SimpleHistoryAdmin):
    list_display = (
        "name_en",
        "name_zh",
        "code",
        "kind",
        "abbreviation_en",
        "regional_group",
        "treaty_status_today",
    )
    list_display_links = ("name_en", "name_zh")
    list_filter = ("kind", "regional_group")
    list_select_related = ("regional_group",)
    search_fields = (
        "code",
        "iso2",
        "iso3",
        "name_en",
        "name_zh",
        "name_ar",
        "name_fr",
        "name_ru",
        "name_es",
        "formal_name_en",
        "formal_name_zh",
        "abbreviation_en",
        "abbreviation_zh",
    )
    ordering = ("name_en",)
    autocomplete_fields = ("regional_group",)
    readonly_fields = ("created_at", "updated_at")
    inlines = (TreatyStatusInline,)
    fieldsets = (
        (None, {"fields": ("code", "kind", ("iso2", "iso3"), "regional_group")}),
        (
            _("English and Chinese"),
            {
                "fields": (
                    ("name_en", "name_zh"),
                    ("formal_name_en", "formal_name_zh"),
                    ("abbreviation_en", "abbreviation_zh"),
                )
            },
        ),
        (
            OTHER_LANGUAGES,
            {"fields": ("name_ar", "name_fr", "name_ru", "name_es"), "classes": ("collapse",)},
        ),
        (_("Notes"), {"fields": ("notes",)}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        # Today's status as one correlated subquery, not a query a row.
        return selectors.with_treaty_status(selectors.entities_for_list(), on=timezone.localdate())

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.delegations.exists():
            # Each delegation's rule-44 category was chosen for this kind (as `update_entity`).
            return (*self.readonly_fields, "kind")
        return self.readonly_fields

    @admin.display(description=_("treaty status today"), ordering="treaty_status")
    def treaty_status_today(self, obj):
        if obj.kind != EntityKind.STATE:
            return None
        return TreatyStatusKind(obj.treaty_status).label


@admin.register(TreatyStatus)
class TreatyStatusAdmin(SimpleHistoryAdmin):
    list_display = ("entity", "status", "effective_from", "source")
    list_filter = ("status",)
    list_select_related = ("entity",)
    search_fields = ("entity__name_en", "entity__name_zh", "entity__code", "source")
    date_hierarchy = "effective_from"
    ordering = ("entity__name_en", "effective_from")
    autocomplete_fields = ("entity",)
    readonly_fields = ("created_at", "updated_at")
    fields = ("entity", "status", "effective_from", "source", "created_at", "updated_at")
