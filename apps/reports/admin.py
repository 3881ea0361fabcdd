"""Report drafts and meetings' own templates, as the secretariat requests and reviews them.

Drafts are jobs: the admin never edits one. The add form asks for the meeting, kind, language
and format and calls `services.request_draft` (which may return an existing draft: the same
request twice gives one draft); "Build again" asks again for the selected drafts' reports. The
change page shows the job's state, the problems the data checks found, the error, and a link
to download the file through the API (so the download needs no media server).

A template is validated when the form is saved: `validate_template` compiles and renders it
in the sandbox, and its error, naming the line, is shown on the field. Saving goes through
`services.upload_template`, which bumps the version.
"""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from apps.core.enums import UNLanguage

from . import services
from .enums import DRAFT_LANGUAGES, IN_PROGRESS, DraftFormat, DraftStatus, ReportKind
from .models import ReportDraft, ReportTemplate
from .templating import TemplateError, validate_template

LANGUAGE_CHOICES = [(code, UNLanguage(code).label) for code in DRAFT_LANGUAGES]
# A draft's page reloads itself this often while its job runs, so staff watch it finish.
RELOAD_SECONDS = 2


def template_error_message(error: TemplateError) -> str:
    """The template's error for a form: the line first, as staff look for it."""
    line = getattr(error, "line", None)
    if line and f"line {line}" not in error.message.lower():
        return _("Line %(line)s: %(message)s") % {"line": line, "message": error.message}
    return error.message


class ReportTemplateForm(forms.ModelForm):
    lang = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)

    class Meta:
        model = ReportTemplate
        fields = ("meeting", "kind", "lang", "source", "active")
        widgets = {
            "source": forms.Textarea(
                attrs={"rows": 30, "cols": 110, "style": "font-family: monospace"}
            )
        }

    def clean(self):
        cleaned = super().clean()
        # On the change page kind and language are read-only: the instance has them.
        kind = cleaned.get("kind") or self.instance.kind
        lang = cleaned.get("lang") or self.instance.lang
        source = cleaned.get("source")
        if kind and lang and source:
            try:
                validate_template(source, kind=kind, lang=lang)
            except TemplateError as error:
                self.add_error("source", template_error_message(error))
        return cleaned


@admin.register(ReportTemplate)
class ReportTemplateAdmin(SimpleHistoryAdmin):
    form = ReportTemplateForm
    list_display = ("meeting", "kind", "lang", "version", "active", "uploaded_by", "updated_at")
    list_filter = ("kind", "lang", "active")
    list_select_related = ("meeting", "uploaded_by")
    search_fields = ("meeting__series",)
    autocomplete_fields = ("meeting",)
    readonly_fields = ("version", "uploaded_by", "created_at", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:  # which report of which meeting a row is never changes
            return ("meeting", "kind", "lang", *self.readonly_fields)
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        saved = services.upload_template(
            meeting=obj.meeting,
            kind=obj.kind,
            lang=obj.lang,
            source=obj.source,
            actor=request.user,
        )
        if not obj.active:
            saved = services.set_template_active(template=saved, active=False, actor=request.user)
        obj.pk = saved.pk
        obj._state.adding = False
        obj.refresh_from_db()


class DraftRequestForm(forms.ModelForm):
    """The add form: what to draft, preset to the usual request (the procedural report, in
    Word). The rest is the job's."""

    lang = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = self.fields["kind"].initial or ReportKind.PROCEDURAL_REPORT
        self.fields["fmt"].initial = self.fields["fmt"].initial or DraftFormat.DOCX

    class Meta:
        model = ReportDraft
        fields = ("meeting", "kind", "lang", "fmt", "strict")


@admin.register(ReportDraft)
class ReportDraftAdmin(SimpleHistoryAdmin):
    list_display = (
        "id",
        "meeting",
        "kind",
        "lang",
        "fmt",
        "status",
        "progress",
        "problem_count",
        "created_at",
        "requested_by",
        "download",
    )
    list_filter = ("status", "kind", "lang", "fmt")
    list_select_related = ("meeting", "requested_by")
    search_fields = ("meeting__series", "symbol")
    date_hierarchy = "created_at"
    autocomplete_fields = ("meeting",)
    actions = ("build_again",)
    readonly_fields = (
        "meeting",
        "kind",
        "lang",
        "fmt",
        "strict",
        "symbol",
        "status",
        "progress",
        "error",
        "problem_list",
        "download",
        "size",
        "template_version",
        "data_hash",
        "attempts",
        "requested_by",
        "created_at",
        "started_at",
        "finished_at",
    )

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = DraftRequestForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("meeting", "kind", "lang", "fmt", "strict")
        return self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        # The change page is read-only (a job is never edited) but must open for viewing.
        return False

    def save_model(self, request, obj, form, change):
        draft = services.request_draft(
            meeting=obj.meeting,
            kind=obj.kind,
            lang=obj.lang,
            fmt=obj.fmt,
            strict=obj.strict,
            actor=request.user,
        )
        obj.pk = draft.pk
        obj._state.adding = False
        obj.refresh_from_db()

    def response_add(self, request, obj, post_url_continue=None):
        obj.refresh_from_db()  # the same request twice gives the first draft, maybe built
        if obj.status in IN_PROGRESS:
            # The job is sent once this request commits: its page shows how it goes.
            message = _("Draft %(id)s requested: its page follows the job until it is done.")
        else:
            message = _("Draft %(id)s: %(status)s.")
        messages.info(request, message % {"id": obj.pk, "status": obj.get_status_display()})
        if "_addanother" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        # To the draft's own page, which follows the job until its file can be downloaded.
        return HttpResponseRedirect(reverse("admin:reports_reportdraft_change", args=[obj.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        draft = self.get_object(request, object_id)
        running = draft is not None and draft.status in IN_PROGRESS
        extra_context = {
            **(extra_context or {}),
            "reload_seconds": RELOAD_SECONDS if running else 0,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("problems"))
    def problem_count(self, obj):
        return len(obj.problems or ())

    @admin.display(description=_("problems in the data"))
    def problem_list(self, obj):
        if not obj.problems:
            return _("None found.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li><strong>{}</strong> <code>{}</code> {} <em>({})</em></li>",
                (
                    (
                        problem.get("severity", ""),
                        problem.get("code", ""),
                        problem.get("message", ""),
                        problem.get("where", ""),
                    )
                    for problem in obj.problems
                ),
            ),
        )

    @admin.display(description=_("file"))
    def download(self, obj):
        if obj.status != DraftStatus.DONE:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("v1:report-draft-file", args=[obj.pk]),
            obj.download_name,
        )

    @admin.action(description=_("Build again"), permissions=["add"])
    def build_again(self, request, queryset):
        """Ask again for each selected draft's report: the same draft if nothing changed and
        it is built, the same draft queued again if it failed, a new draft if the data or the
        template changed."""
        outcomes = {"same": 0, "queued": 0, "new": 0}
        for draft in queryset.select_related("meeting"):
            result = services.request_draft(
                meeting=draft.meeting,
                kind=draft.kind,
                lang=draft.lang,
                fmt=draft.fmt,
                strict=draft.strict,
                actor=request.user,
            )
            if result.pk != draft.pk:
                outcomes["new"] += 1
            elif draft.status == DraftStatus.DONE:
                outcomes["same"] += 1
            else:
                outcomes["queued"] += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d draft asked again: %(new)d new, %(queued)d queued again, "
                "%(same)d already built from the same data and template.",
                "%(count)d drafts asked again: %(new)d new, %(queued)d queued again, "
                "%(same)d already built from the same data and template.",
                queryset.count(),
            )
            % {"count": queryset.count(), **outcomes},
            messages.SUCCESS,
        )
