"""Report templates overridden per meeting, and drafts: a job and the file it produced."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.enums import UNLanguage
from apps.core.models import BaseModel, acting_user
from apps.meetings.models import Meeting

from .enums import DraftFormat, DraftStatus, ReportKind


class ReportTemplate(BaseModel):
    """A meeting's own template for one kind of report in one language.

    One row per (meeting, kind, language): uploading new text bumps `version` and the history
    keeps every earlier text, so a draft's `template_version` always names text that can be
    found again. An inactive template is kept but not used: the default template applies.
    """

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="report_templates",
    )
    kind = models.CharField(_("kind of report"), max_length=32, choices=ReportKind.choices)
    lang = models.CharField(_("language"), max_length=2, choices=UNLanguage.choices)
    source = models.TextField(
        _("template"),
        help_text=_(
            "The report markup template (Jinja syntax, run in a sandbox). It is checked when "
            "saved: an error names its line."
        ),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Goes up by one each time the text changes.")
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Used for this meeting's drafts instead of the default template."),
    )
    uploaded_by = acting_user(_("uploaded by"))

    history = HistoricalRecords()

    class Meta:
        ordering = ("meeting", "kind", "lang")
        verbose_name = _("report template")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "lang"], name="report_template_once_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting.series} {self.get_kind_display()} ({self.lang}) v{self.version}"

    @property
    def template_version(self) -> str:
        """How drafts name this text: `meeting:<meeting id>:v<version>`."""
        return f"meeting:{self.meeting_id}:v{self.version}"


class ReportDraft(BaseModel):
    """One draft of a report: the request, the job that builds it, and the file.

    A draft is identified by what it is made of: the meeting, kind, language, format, the
    template's version and a hash of the meeting's data. Asking again for the same thing
    returns the same draft (the unique constraint); a change of data or template makes a new
    draft, so staff can compare drafts over time.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="report_drafts"
    )
    kind = models.CharField(_("kind of report"), max_length=32, choices=ReportKind.choices)
    lang = models.CharField(_("language"), max_length=2, choices=UNLanguage.choices)
    fmt = models.CharField(_("format"), max_length=8, choices=DraftFormat.choices)
    template_version = models.CharField(
        _("template version"),
        max_length=80,
        help_text=_(
            "`default:<sha1 of the default template>` or `meeting:<meeting id>:v<version>`."
        ),
    )
    data_hash = models.CharField(
        _("data hash"),
        max_length=64,
        help_text=_("SHA-256 of the meeting's data as the report reads it."),
    )
    symbol = models.CharField(
        _("symbol"),
        max_length=128,
        blank=True,
        help_text=_("The registry symbol the draft carries, e.g. `BWC/MSP/2020/MX.5/CRP.1`."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DraftStatus.choices, default=DraftStatus.QUEUED
    )
    progress = models.CharField(
        _("progress"), max_length=255, blank=True, help_text=_("What the job is doing now.")
    )
    error = models.TextField(_("error"), blank=True, help_text=_("Why the job failed."))
    problems = models.JSONField(
        _("problems in the data"),
        default=list,
        blank=True,
        help_text=_("What the data checks found: a list of {code, message, where}."),
    )
    strict = models.BooleanField(
        _("strict"),
        default=False,
        help_text=_("Requested so that problems in the data stop the draft."),
    )
    file = models.FileField(
        _("file"),
        upload_to="drafts/",
        blank=True,
        max_length=255,
        help_text=_("Stored as drafts/<series>/<kind>-<language>-<id>.<format>."),
    )
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    requested_by = acting_user(_("requested by"))
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("How many times a worker started the build.")
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["progress"])

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("report draft")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "lang", "fmt", "template_version", "data_hash"],
                name="report_draft_idempotency_key",
            ),
            models.CheckConstraint(
                condition=~Q(status=DraftStatus.DONE) | ~Q(file=""),
                name="report_draft_done_has_file",
                violation_error_message=_("A finished draft has its file."),
            ),
        ]
        indexes = [models.Index(fields=["meeting", "kind", "lang", "-created_at"])]

    def __str__(self) -> str:
        return (
            f"{self.meeting.series} {self.get_kind_display()} ({self.lang}, {self.fmt}) #{self.pk}"
        )

    @property
    def download_name(self) -> str:
        """The file name offered on download, e.g. `BWC-MSP-2020-MX.5-CRP.1-zh.docx`."""
        stem = (self.symbol or f"{self.meeting.series}-{self.kind}").replace("/", "-")
        return f"{stem}-{self.lang}.{self.fmt}"
