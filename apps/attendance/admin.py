"""Registrations, nominations, check-ins and issued lists, as the secretariat sees them.

Statuses change only through the services: the admin's actions call them, and the status
fields are read-only here. Issued lists are frozen: the admin shows them and changes nothing.
"""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from apps.core.errors import DomainError

from . import services
from .enums import NominationStatus
from .models import AttendanceRecord, Nomination, ParticipantList, Registration


def _apply(modeladmin, request, queryset, service, done_message, **kwargs):
    """Call `service` on each selected row; report each refusal and the number done."""
    done = 0
    for obj in queryset:
        try:
            service(actor=request.user, **{modeladmin.service_argument: obj}, **kwargs)
        except DomainError as error:
            modeladmin.message_user(request, f"{obj}: {error.message}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ("meeting", "status", "opened_at", "opened_by", "closed_at", "closed_by")
    list_filter = ("status", "meeting__kind", "meeting__year")
    list_select_related = ("meeting", "opened_by", "closed_by")
    search_fields = ("meeting__series", "meeting__title_en")
    autocomplete_fields = ("meeting",)
    readonly_fields = (
        "status",
        "opened_at",
        "opened_by",
        "closed_at",
        "closed_by",
        "created_at",
        "updated_at",
    )
    actions = ("open_registrations", "close_registrations")
    service_argument = "registration"

    def get_readonly_fields(self, request, obj=None):
        # The meeting is chosen once, when the registration is set up.
        return (*self.readonly_fields, "meeting") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            # Through the service, as every other write; the admin goes on with its row.
            created = services.create_registration(meeting=obj.meeting, actor=request.user)
            obj.pk, obj._state.adding = created.pk, False

    @admin.action(description=_("Open registration"))
    def open_registrations(self, request, queryset):
        _apply(
            self,
            request,
            queryset,
            services.open_registration,
            lambda n: ngettext(
                "%(count)d registration opened.", "%(count)d registrations opened.", n
            ),
        )

    @admin.action(description=_("Close registration"))
    def close_registrations(self, request, queryset):
        _apply(
            self,
            request,
            queryset,
            services.close_registration,
            lambda n: ngettext(
                "%(count)d registration closed.", "%(count)d registrations closed.", n
            ),
        )


class ReturnReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The focal point reads it."),
    )


@admin.register(Nomination)
class NominationAdmin(SimpleHistoryAdmin):
    list_display = (
        "member_name",
        "entity_name",
        "category",
        "meeting_series",
        "status",
        "late",
        "submitted_at",
        "decided_at",
        "decided_by",
    )
    list_filter = (
        "status",
        "late",
        "member__delegation__category",
        "member__delegation__meeting",
    )
    list_select_related = (
        "member__delegation__entity",
        "member__delegation__meeting",
        "decided_by",
    )
    search_fields = (
        "member__family_name",
        "member__given_name",
        "member__delegation__entity__name_en",
        "member__delegation__entity__code",
        "member__delegation__meeting__series",
    )
    readonly_fields = (
        "member",
        "status",
        "late",
        "reason",
        "submitted_at",
        "submitted_by",
        "decided_at",
        "decided_by",
        "created_at",
        "updated_at",
    )
    actions = ("accredit_nominations", "return_nominations")
    service_argument = "nomination"

    def has_add_permission(self, request):
        return False  # a nomination is submitted (API), or made by an import

    @admin.display(description=_("member"), ordering="member__family_name")
    def member_name(self, obj):
        return str(obj.member)

    @admin.display(description=_("State or organization"), ordering="member__delegation__entity")
    def entity_name(self, obj):
        return obj.member.delegation.entity.name_en

    @admin.display(description=_("category"), ordering="member__delegation__category")
    def category(self, obj):
        return obj.member.delegation.get_category_display()

    @admin.display(description=_("meeting"), ordering="member__delegation__meeting__series")
    def meeting_series(self, obj):
        return obj.member.delegation.meeting.series

    @admin.action(description=_("Accredit the selected nominations"))
    def accredit_nominations(self, request, queryset):
        _apply(
            self,
            request,
            queryset,
            services.accredit_nomination,
            lambda n: ngettext(
                "%(count)d nomination accredited.", "%(count)d nominations accredited.", n
            ),
        )

    @admin.action(description=_("Return the selected nominations, with a reason"))
    def return_nominations(self, request, queryset):
        form = ReturnReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            _apply(
                self,
                request,
                queryset,
                services.return_nomination,
                lambda n: ngettext(
                    "%(count)d nomination returned.", "%(count)d nominations returned.", n
                ),
                reason=form.cleaned_data["reason"],
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Return nominations"),
            "opts": self.model._meta,
            "form": form,
            "nominations": queryset.filter(status=NominationStatus.SUBMITTED),
            "selected": queryset.values_list("pk", flat=True),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/attendance/return_nominations.html", context)


@admin.register(AttendanceRecord)
class AttendanceRecordAdmin(SimpleHistoryAdmin):
    list_display = ("member", "entity_name", "day", "session", "checked_in_at", "recorded_by")
    list_filter = ("session", "day", "member__delegation__meeting")
    list_select_related = ("member__delegation__entity", "recorded_by")
    search_fields = (
        "member__family_name",
        "member__given_name",
        "member__delegation__entity__name_en",
        "member__delegation__meeting__series",
    )
    date_hierarchy = "day"
    readonly_fields = ("member", "day", "session", "checked_in_at", "recorded_by")

    def has_add_permission(self, request):
        return False  # check-ins go through the API, which checks accreditation and dates

    def delete_model(self, request, obj):
        services.remove_attendance(record=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for record in queryset:
            services.remove_attendance(record=record, actor=request.user)

    @admin.display(description=_("State or organization"), ordering="member__delegation__entity")
    def entity_name(self, obj):
        return obj.member.delegation.entity.name_en


@admin.register(ParticipantList)
class ParticipantListAdmin(admin.ModelAdmin):
    list_display = ("symbol", "kind", "delegation_count", "member_count", "issued_at", "issued_by")
    list_filter = ("kind", "meeting")
    list_select_related = ("document", "issued_by")
    search_fields = ("document__symbol", "meeting__series")
    readonly_fields = (
        "meeting",
        "document",
        "kind",
        "delegation_count",
        "member_count",
        "issued_at",
        "issued_by",
        "snapshot",
    )

    def has_add_permission(self, request):
        return False  # issued through the API, which mints and issues the document

    def has_change_permission(self, request, obj=None):
        return False  # frozen

    def has_delete_permission(self, request, obj=None):
        return False  # its document's symbol is never lost

    @admin.display(description=_("symbol"), ordering="document__symbol")
    def symbol(self, obj):
        return obj.document.symbol
