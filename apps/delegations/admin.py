"""Delegations, their members and the counts a report states, as the secretariat edits them.

A list of participants names the accredited members only. Members the secretariat enters here
(from a note verbale, say) are nominated and accredited with the action on the delegations'
list, through the registration services, so that they appear on the next list issued.
"""

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from apps.attendance import services as attendance
from apps.attendance.enums import NominationStatus
from apps.core.errors import DomainError

from .enums import CATEGORY_ORDER, MemberRole
from .models import Delegation, DelegationMember, StatedCount


def category_rank():
    """A category's place in a report's participation section (the values sort otherwise)."""
    return Case(
        *(When(category=value, then=Value(rank)) for rank, value in enumerate(CATEGORY_ORDER)),
        output_field=IntegerField(),
    )


def titled_filter(title):
    """A field's list filter under `title`: two fields both named "kind" need telling apart."""

    class TitledFilter(admin.FieldListFilter):
        def __new__(cls, *args, **kwargs):
            instance = admin.FieldListFilter.create(*args, **kwargs)
            instance.title = title
            return instance

    return TitledFilter


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
        "head",
        "member_count",
        "accredited_count",
    )
    list_display_links = ("entity_name", "entity_name_zh")
    list_filter = (
        "category",
        ("meeting__kind", titled_filter(_("kind of meeting"))),
        "meeting__year",
        ("entity__kind", titled_filter(_("kind of State or organization"))),
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
    actions = ("accredit_members",)
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

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        if "_addanother" in request.POST and IS_POPUP_VAR not in request.POST:
            # A meeting's delegations are entered one after another: keep its meeting chosen.
            separator = "&" if "?" in response["Location"] else "?"
            response["Location"] += f"{separator}meeting={obj.meeting_id}"
        return response

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
                accredited_total=Count(
                    "members",
                    filter=Q(members__nomination__status=NominationStatus.ACCREDITED),
                ),
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

    @admin.display(description=_("accredited"), ordering="accredited_total")
    def accredited_count(self, obj):
        return obj.accredited_total

    @admin.action(description=_("Accredit the members of the selected delegations"))
    def accredit_members(self, request, queryset):
        """Nominate (for the secretariat) and accredit each member not yet accredited; a
        returned or withdrawn nomination is the registration desk's to reconsider."""
        members = DelegationMember.objects.filter(
            delegation__in=queryset.values("pk")
        ).select_related("delegation__meeting", "nomination")
        accredited = already = left = 0
        for member in members.order_by("delegation", "position", "pk"):
            nomination = getattr(member, "nomination", None)
            status = nomination.status if nomination else None
            try:
                if status is None:
                    nomination = attendance.submit_nomination(member=member, actor=request.user)
                elif status == NominationStatus.ACCREDITED:
                    already += 1
                    continue
                elif status != NominationStatus.SUBMITTED:
                    left += 1
                    continue
                attendance.accredit_nomination(nomination=nomination, actor=request.user)
            except DomainError as error:
                self.message_user(request, f"{member}: {error.message}", messages.ERROR)
            else:
                accredited += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d member accredited (%(already)d already accredited, %(left)d "
                "returned or withdrawn left as they are).",
                "%(count)d members accredited (%(already)d already accredited, %(left)d "
                "returned or withdrawn left as they are).",
                accredited,
            )
            % {"count": accredited, "already": already, "left": left},
            messages.SUCCESS,
        )


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
