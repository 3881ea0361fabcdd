"""Delegations, their members and the counts a report states, as the secretariat edits them."""

from django.contrib import admin
from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .enums import CATEGORY_ORDER, MemberRole
from .models import Delegation, DelegationMember, StatedCount


def category_rank():
    """A category's place in a report's participation section (the values sort otherwise)."""
    return Case(
        *(When(category=value, then=Value(rank)) for rank, value in enumerate(CATEGORY_ORDER)),
        output_field=IntegerField(),
    )


class DelegationMemberInline(admin.TabularInline):
    model = DelegationMember
    fields = ("position", "role", "honorific", "given_name", "family_name", "title", "email")
    ordering = ("position",)
    extra = 1


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    list_display = (
        "entity_name",
        "entity_name_zh",
        "meeting_series",
        "category",
        "position",
        "listed_name_en",
        "head",
        "member_count",
    )
    list_display_links = ("entity_name", "entity_name_zh")
    list_filter = (
        "category",
        "meeting__kind",
        "meeting__year",
        "entity__kind",
        "entity__regional_group",
        "meeting",
    )
    list_select_related = ("meeting", "entity")
    search_fields = (
        "entity__name_en",
        "entity__name_zh",
        "entity__code",
        "entity__iso3",
        "entity__abbreviation_en",
        "entity__abbreviation_zh",
        "listed_name_en",
        "listed_name_zh",
        "meeting__series",
    )
    autocomplete_fields = ("meeting", "entity")
    readonly_fields = ("created_at", "updated_at")
    inlines = (DelegationMemberInline,)
    fieldsets = (
        (None, {"fields": ("meeting", "entity", ("category", "position"))}),
        (
            _("Name as the meeting's documents print it"),
            {
                "fields": ("listed_name_en", "listed_name_zh"),
                "description": _("Leave empty where the registry's name is the one printed."),
            },
        ),
        (_("Notes"), {"fields": ("notes",)}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_ordering(self, request):
        # Newest meeting first, then as the report lists participants.
        return ("-meeting__scheduled_start", "meeting__series", "category_rank", "position")

    def get_queryset(self, request):
        head = DelegationMember.objects.filter(
            delegation=OuterRef("pk"), role=MemberRole.HEAD
        ).annotate(full_name=Concat("given_name", Value(" "), "family_name"))
        # Not `super()`: it would order by `category_rank` before the annotation exists.
        return (
            Delegation.objects
            # Here, not only in the changelist: the autocomplete prints `<entity> at <series>`.
            .select_related(*self.list_select_related)
            .annotate(
                category_rank=category_rank(),
                head_name=Subquery(head.values("full_name")[:1]),
                member_total=Count("members"),
            )
            .order_by(*self.get_ordering(request))
        )

    @admin.display(description=_("State or organization"), ordering="entity__name_en")
    def entity_name(self, obj):
        return obj.entity.name_en

    @admin.display(description=_("name (zh)"), ordering="entity__name_zh")
    def entity_name_zh(self, obj):
        return obj.entity.name_zh

    @admin.display(description=_("meeting"), ordering="meeting__series")
    def meeting_series(self, obj):
        return obj.meeting.series

    @admin.display(description=_("head of delegation"), ordering="head_name")
    def head(self, obj):
        return obj.head_name

    @admin.display(description=_("members"), ordering="member_total")
    def member_count(self, obj):
        return obj.member_total


@admin.register(DelegationMember)
class DelegationMemberAdmin(SimpleHistoryAdmin):
    list_display = ("family_name", "given_name", "role", "title", "delegation")
    list_filter = ("role", "delegation__category", "delegation__meeting__year")
    list_select_related = ("delegation__entity", "delegation__meeting")
    search_fields = (
        "family_name",
        "given_name",
        "email",
        "delegation__entity__name_en",
        "delegation__entity__name_zh",
        "delegation__meeting__series",
    )
    ordering = ("delegation__meeting__series", "delegation__entity__name_en", "position")
    autocomplete_fields = ("delegation",)
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("delegation", ("role", "position"))}),
        (_("Person"), {"fields": ("honorific", ("given_name", "family_name"), "title", "email")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "delegation":  # its name reads the entity and the meeting
            kwargs["queryset"] = Delegation.objects.select_related("entity", "meeting")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(StatedCount)
class StatedCountAdmin(admin.ModelAdmin):
    list_display = ("meeting_series", "category", "count", "wording_en", "wording_zh")
    list_filter = ("category", "meeting__kind", "meeting__year")
    list_select_related = ("meeting",)
    search_fields = ("meeting__series", "wording_en", "wording_zh")
    autocomplete_fields = ("meeting",)
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("meeting", ("category", "count"))}),
        (_("English and Chinese"), {"fields": ("wording_en", "wording_zh")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        # Not `super()`: it would order by `category_rank` before the annotation exists.
        return StatedCount.objects.annotate(category_rank=category_rank()).order_by(
            *self.get_ordering(request)
        )

    def get_ordering(self, request):
        return ("meeting__series", "category_rank")

    @admin.display(description=_("meeting"), ordering="meeting__series")
    def meeting_series(self, obj):
        return obj.meeting.series
