"""Meetings, as the secretariat enters and reviews them.

The meeting admin is the UI of the meeting aggregate, so it shows parts that other apps own
(delegations, stated counts, the agenda). Like the meeting export, cross-app views go to the app
that owns the aggregate root; this admin imports their models, never the other way round.
"""

from django.contrib import admin, messages
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.attendance import services as attendance
from apps.attendance.enums import ListKind
from apps.core.errors import DomainError
from apps.delegations.admin import category_rank
from apps.delegations.enums import Rule44Category
from apps.delegations.models import Delegation, StatedCount
from apps.entities.admin import PreloadedAutocompleteMixin

from .enums import OfficerRole
from .models import (
    ChairRotation,
    Meeting,
    Officer,
    Postponement,
    PostponementLetter,
    SourceDiscrepancy,
)

OTHER_LANGUAGES = _("Arabic, French, Russian and Spanish")

# The short heading of each rule-44 category in the changelist's delegation column.
CATEGORY_ABBREVIATIONS = {
    Rule44Category.STATE_PARTY: _("SP"),
    Rule44Category.SIGNATORY: "44.1",
    Rule44Category.OBSERVER_STATE: "44.2",
    Rule44Category.UN_ENTITY: "44.3",
    Rule44Category.INTERNATIONAL_ORGANIZATION: "44.4",
    Rule44Category.NGO: "44.5",
    Rule44Category.GUEST: _("guests"),
}


def date_span(start, end):
    """`25-26 Aug 2030` with an en dash, in the active language; None when there is no start."""
    if start is None:
        return None
    if end is None or end == start:
        return date_format(start, "j M Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}\N{EN DASH}{date_format(end, 'j M Y')}"
    return f"{date_format(start, 'j M')} \N{EN DASH} {date_format(end, 'j M Y')}"


def _delegation_count(category):
    """The number of `category` delegations of the outer meeting, as a correlated subquery."""
    counted = (
        Delegation.objects.filter(meeting=OuterRef("pk"), category=category)
        .order_by()
        .values("meeting")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _links(*links):
    """Links to a meeting's next steps, one a line."""
    return format_html_join(mark_safe("<br>"), '<a href="{}">{}</a>', links)


# --- Inlines of the meeting -------------------------------------------------------------------


class PostponementInline(admin.StackedInline):
    model = Postponement
    fields = (
        ("position", "authority", "decided_on"),
        ("from_start", "from_end"),
        ("to_start", "to_end"),
        ("reason_en", "reason_zh"),
    )
    ordering = ("position",)
    extra = 0
    show_change_link = True  # the chair's letters are entered on the postponement's own page

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("meeting")  # printed in each row


class OfficerInline(PreloadedAutocompleteMixin, admin.StackedInline):
    model = Officer
    fields = (
        ("position", "role", "honorific"),
        ("name_en", "name_zh"),
        ("title_en", "title_zh"),
        ("entity", "regional_group"),
    )
    autocomplete_fields = ("entity", "regional_group")
    ordering = ("position",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("entity", "regional_group")


class DelegationInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = Delegation
    fields = ("category", "position", "entity", "listed_name_en", "listed_name_zh")
    autocomplete_fields = ("entity",)
    extra = 1
    show_change_link = True  # members are entered on the delegation's own page

    def get_readonly_fields(self, request, obj=None):
        # A saved meeting's delegations are listed here and edited on their own pages, with
        # their members: as widgets, the 109 of MX.5 took this page 2.3 s and 610 KB to render
        # (0.8 s and 321 KB as text). A new meeting's are entered here, with it.
        return self.fields if obj is not None else ()

    def has_add_permission(self, request, obj=None):
        # Added to a saved meeting through "Add a delegation", which takes the members too.
        return obj is None and super().has_add_permission(request, obj)

    def get_queryset(self, request):
        # The entity labels its autocomplete; the change link prints `<entity> at <series>`.
        # Rows follow the report: by category in rule-44 order, then as listed.
        return (
            super()
            .get_queryset(request)
            .select_related("entity", "meeting")
            .annotate(category_rank=category_rank())
            .order_by("category_rank", "position", "entity__name_en")
        )


class StatedCountInline(admin.TabularInline):
    model = StatedCount
    fields = ("category", "count", "wording_en", "wording_zh")
    extra = 0

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("meeting")  # printed in each row
            .annotate(category_rank=category_rank())
            .order_by("category_rank")
        )


class SourceDiscrepancyInline(admin.TabularInline):
    model = SourceDiscrepancy
    fields = ("position", "source", "description")
    ordering = ("position",)
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = (
        "series",
        "title_en",
        "kind",
        "scheduled_dates",
        "held_dates",
        "status",
        "chair",
        "agenda_link",
        "delegation_counts",
    )
    list_filter = ("kind", "status", "year")
    search_fields = (
        "series",
        "title_en",
        "title_zh",
        "title_ar",
        "title_fr",
        "title_ru",
        "title_es",
        "rules_of_procedure",
    )
    ordering = ("-scheduled_start", "series")
    date_hierarchy = "scheduled_start"
    list_select_related = ("agenda",)
    autocomplete_fields = ("parent",)
    readonly_fields = (
        "agenda_link",
        "participation",
        "documents_link",
        "reports_link",
        "created_at",
        "updated_at",
    )
    save_on_top = True
    actions = ("issue_provisional_lists", "issue_final_lists", "issue_revised_lists")
    inlines = (
        PostponementInline,
        OfficerInline,
        DelegationInline,
        StatedCountInline,
        SourceDiscrepancyInline,
    )
    fieldsets = (
        (None, {"fields": ("series", ("kind", "status"), ("year", "number"), "parent")}),
        # Near the top: the meeting's page is where its paperwork starts.
        (
            _("Agenda, participation and documents"),
            {"fields": ("agenda_link", "participation", "documents_link", "reports_link")},
        ),
        (_("English and Chinese"), {"fields": ("title_en", "title_zh")}),
        (
            OTHER_LANGUAGES,
            {"fields": ("title_ar", "title_fr", "title_ru", "title_es"), "classes": ("collapse",)},
        ),
        (
            _("Dates and venue"),
            {
                "fields": (
                    ("scheduled_start", "scheduled_end"),
                    ("start_date", "end_date"),
                    ("venue_en", "venue_zh"),
                )
            },
        ),
        (
            _("Procedure"),
            {
                "fields": (
                    ("rules_of_procedure", "rules_applied_mutatis_mutandis"),
                    "report_adopted_on",
                )
            },
        ),
        (
            _("Report texts"),
            {"fields": (("mandate_en", "mandate_zh"), ("chair_summary_en", "chair_summary_zh"))},
        ),
        (_("Notes"), {"fields": ("notes",)}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # a meeting not yet saved has no agenda, delegations or documents to show
            hidden = {"agenda_link", "created_at"}
            fieldsets = [fs for fs in fieldsets if not hidden & set(fs[1]["fields"])]
        return fieldsets

    def get_queryset(self, request):
        chair = Officer.objects.filter(meeting=OuterRef("pk"), role=OfficerRole.CHAIR)
        counts = {
            f"delegations_{value}": _delegation_count(value) for value in Rule44Category.values
        }
        return (
            super()
            .get_queryset(request)
            .annotate(chair_name=Subquery(chair.values("name_en")[:1]), **counts)
        )

    @admin.display(description=_("scheduled"), ordering="scheduled_start")
    def scheduled_dates(self, obj):
        return date_span(obj.scheduled_start, obj.scheduled_end)

    @admin.display(description=_("held"), ordering="start_date")
    def held_dates(self, obj):
        return date_span(obj.start_date, obj.end_date)

    @admin.display(description=_("Chair"), ordering="chair_name")
    def chair(self, obj):
        return obj.chair_name

    @admin.display(description=_("agenda"))
    def agenda_link(self, obj):
        agenda = getattr(obj, "agenda", None)  # a missing reverse one-to-one raises AttributeError
        if agenda is None:
            url = reverse("admin:agendas_agenda_add") + f"?meeting={obj.pk}"
            return format_html('<a href="{}">{}</a>', url, _("Add the agenda"))
        url = reverse("admin:agendas_agenda_change", args=[agenda.pk])
        return format_html('<a href="{}">{}</a>', url, agenda.get_status_display())

    @admin.display(description=_("delegations"))
    def delegation_counts(self, obj):
        counts = [
            (
                Rule44Category(value).label,
                CATEGORY_ABBREVIATIONS[value],
                getattr(obj, f"delegations_{value}"),
            )
            for value in Rule44Category.values
        ]
        return (
            format_html_join(
                " · ", '<span title="{}">{}&nbsp;{}</span>', [c for c in counts if c[2]]
            )
            or None
        )

    @admin.display(description=_("delegations by category"))
    def participation(self, obj):
        changelist = reverse("admin:delegations_delegation_changelist")
        rows = [
            (
                f"{changelist}?meeting__id__exact={obj.pk}&category__exact={value}",
                Rule44Category(value).label,
                getattr(obj, f"delegations_{value}"),
            )
            for value in Rule44Category.values
        ]
        # The next steps of the list of participants, from the meeting they concern.
        links = _links(
            (f"{changelist}?meeting__id__exact={obj.pk}", _("Delegations of this meeting")),
            (
                reverse("admin:delegations_delegation_add") + f"?meeting={obj.pk}",
                _("Add a delegation"),
            ),
            (
                f"{reverse('admin:attendance_participantlist_changelist')}"
                f"?meeting__id__exact={obj.pk}",
                _("Lists of participants issued"),
            ),
        )
        return format_html(
            "<table><tbody>{}</tbody></table>{}",
            format_html_join("", '<tr><td><a href="{}">{}</a></td><td>{}</td></tr>', rows),
            links,
        )

    @admin.display(description=_("documents"))
    def documents_link(self, obj):
        return _links(
            (
                reverse("admin:documents_document_changelist") + f"?meeting__id__exact={obj.pk}",
                _("Documents of this meeting"),
            ),
            (
                reverse("admin:documents_document_add") + f"?mint_in={obj.pk}",
                _("Mint the next symbol"),
            ),
        )

    @admin.display(description=_("report drafts"))
    def reports_link(self, obj):
        return _links(
            (
                reverse("admin:reports_reportdraft_changelist") + f"?meeting__id__exact={obj.pk}",
                _("Drafts of this meeting"),
            ),
            (
                reverse("admin:reports_reportdraft_add") + f"?meeting={obj.pk}",
                _("Request a draft report"),
            ),
        )

    def _issue_lists(self, request, queryset, kind):
        """Issue a `kind` list of participants for each selected meeting: its document is
        minted and issued, and the accredited participants are frozen in it."""
        for meeting in queryset:
            try:
                issued = attendance.issue_participant_list(
                    meeting=meeting, kind=kind, actor=request.user
                )
            except DomainError as error:
                self.message_user(request, f"{meeting.series}: {error.message}", messages.ERROR)
                continue
            self.message_user(
                request,
                _(
                    "%(series)s: %(list)s issued as %(symbol)s (delegations: %(delegations)d, "
                    "participants: %(members)d)."
                )
                % {
                    "series": meeting.series,
                    "list": ListKind(kind).label,
                    "symbol": issued.document.symbol,
                    "delegations": issued.delegation_count,
                    "members": issued.member_count,
                },
                messages.SUCCESS,
            )

    @admin.action(description=_("Issue the provisional list of participants (MISC)"))
    def issue_provisional_lists(self, request, queryset):
        self._issue_lists(request, queryset, ListKind.PROVISIONAL)

    @admin.action(description=_("Issue the final list of participants (INF)"))
    def issue_final_lists(self, request, queryset):
        self._issue_lists(request, queryset, ListKind.FINAL)

    @admin.action(description=_("Issue a revision of the final list of participants"))
    def issue_revised_lists(self, request, queryset):
        self._issue_lists(request, queryset, ListKind.REVISION)


# --- Parts of a meeting, each also on its own page --------------------------------------------


class PostponementLetterInline(admin.TabularInline):
    model = PostponementLetter
    fields = ("dated", "author_en", "author_zh", "reference")
    ordering = ("dated",)
    extra = 1


@admin.register(Postponement)
class PostponementAdmin(SimpleHistoryAdmin):
    list_display = (
        "meeting_series",
        "position",
        "moved_from",
        "moved_to",
        "authority",
        "decided_on",
        "letter_count",
    )
    list_filter = ("authority",)
    list_select_related = ("meeting",)
    search_fields = ("meeting__series", "meeting__title_en", "meeting__title_zh", "reason_en")
    ordering = ("-from_start", "meeting__series", "position")
    date_hierarchy = "from_start"
    autocomplete_fields = ("meeting",)
    readonly_fields = ("created_at", "updated_at")
    inlines = (PostponementLetterInline,)
    fieldsets = (
        (None, {"fields": ("meeting", "position", "authority", "decided_on")}),
        (_("Dates"), {"fields": (("from_start", "from_end"), ("to_start", "to_end"))}),
        (_("English and Chinese"), {"fields": ("reason_en", "reason_zh")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            # Here, not only in the changelist: the autocomplete prints the meeting's series.
            .select_related(*self.list_select_related)
            .annotate(letter_total=Count("letters"))
        )

    @admin.display(description=_("meeting"), ordering="meeting__series")
    def meeting_series(self, obj):
        return obj.meeting.series

    @admin.display(description=_("moved from"), ordering="from_start")
    def moved_from(self, obj):
        return date_span(obj.from_start, obj.from_end)

    @admin.display(description=_("moved to"), ordering="to_start")
    def moved_to(self, obj):
        return date_span(obj.to_start, obj.to_end)

    @admin.display(description=_("letters"), ordering="letter_total")
    def letter_count(self, obj):
        return obj.letter_total


@admin.register(PostponementLetter)
class PostponementLetterAdmin(admin.ModelAdmin):
    list_display = ("dated", "author_en", "author_zh", "reference", "postponement")
    list_select_related = ("postponement__meeting",)
    search_fields = ("author_en", "author_zh", "reference", "postponement__meeting__series")
    ordering = ("-dated",)
    date_hierarchy = "dated"
    autocomplete_fields = ("postponement",)
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("postponement", "dated", "reference")}),
        (_("English and Chinese"), {"fields": ("author_en", "author_zh")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "postponement":  # its name reads the meeting's series
            kwargs["queryset"] = Postponement.objects.select_related("meeting")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Officer)
class OfficerAdmin(SimpleHistoryAdmin):
    list_display = ("name_en", "name_zh", "role", "meeting_series", "entity", "regional_group")
    list_filter = ("role", "meeting__kind", "meeting__year", "regional_group")
    list_select_related = ("meeting", "entity", "regional_group")
    search_fields = ("name_en", "name_zh", "title_en", "meeting__series", "entity__name_en")
    ordering = ("-meeting__scheduled_start", "meeting__series", "position")
    autocomplete_fields = ("meeting", "entity", "regional_group")
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("meeting", ("role", "position"), "honorific")}),
        (_("English and Chinese"), {"fields": (("name_en", "name_zh"), ("title_en", "title_zh"))}),
        (_("Delegation"), {"fields": ("entity", "regional_group")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )

    @admin.display(description=_("meeting"), ordering="meeting__series")
    def meeting_series(self, obj):
        return obj.meeting.series


@admin.register(ChairRotation)
class ChairRotationAdmin(admin.ModelAdmin):
    list_display = ("year", "body", "mx_number", "regional_group", "decided_by")
    list_filter = ("year", "body", "regional_group")
    list_select_related = ("regional_group",)
    search_fields = ("decided_by", "regional_group__name_en", "regional_group__short_name_en")
    ordering = ("-year", "body", "mx_number")
    autocomplete_fields = ("regional_group",)
    readonly_fields = ("created_at", "updated_at")
    fields = (
        "year",
        "body",
        "mx_number",
        "regional_group",
        "decided_by",
        "created_at",
        "updated_at",
    )


@admin.register(SourceDiscrepancy)
class SourceDiscrepancyAdmin(admin.ModelAdmin):
    list_display = ("meeting_series", "position", "source", "description")
    list_filter = ("meeting__kind", "meeting__year")
    list_select_related = ("meeting",)
    search_fields = ("source", "description", "meeting__series")
    ordering = ("meeting__series", "position")
    autocomplete_fields = ("meeting",)
    readonly_fields = ("created_at", "updated_at")
    fields = ("meeting", "position", "source", "description", "created_at", "updated_at")

    @admin.display(description=_("meeting"), ordering="meeting__series")
    def meeting_series(self, obj):
        return obj.meeting.series
