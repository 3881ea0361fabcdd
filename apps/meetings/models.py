"""Meetings of the Convention: when and where they sit, who chairs them, how they were moved."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import BaseModel
from apps.entities.models import Entity, RegionalGroup

from .enums import (
    Honorific,
    MeetingKind,
    MeetingStatus,
    OfficerRole,
    PostponementAuthority,
    RotatedBody,
)


class Meeting(BaseModel):
    """A Review Conference, a Meeting of States Parties, a Meeting of Experts or a WG session."""

    NATURAL_KEY = ("series",)

    series = models.CharField(
        _("symbol series"),
        max_length=128,
        unique=True,
        help_text=_("The symbol prefix of the meeting's documents, e.g. `BWC/MSP/2020/MX.5`."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=MeetingKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("A Meeting of Experts belongs to the Meeting of States Parties of its year."),
    )
    year = models.PositiveSmallIntegerField(
        _("programme year"),
        null=True,
        blank=True,
        help_text=_("The year of the intersessional programme (2020), not the year it sat."),
    )
    number = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_(
            "MX.5 is 5; the third Working Group session is 3; the Ninth Review Conference 9."
        ),
    )
    title_en = models.CharField(_("title (en)"), max_length=500)
    title_zh = models.CharField(_("title (zh)"), max_length=500, blank=True)
    title_fr = models.CharField(_("title (fr)"), max_length=500, blank=True)
    title_ru = models.CharField(_("title (ru)"), max_length=500, blank=True)
    title_es = models.CharField(_("title (es)"), max_length=500, blank=True)
    title_ar = models.CharField(_("title (ar)"), max_length=500, blank=True)
    scheduled_start = models.DateField(
        _("scheduled start"), help_text=_("First day as originally decided.")
    )
    scheduled_end = models.DateField(_("scheduled end"))
    start_date = models.DateField(
        _("start date"), null=True, blank=True, help_text=_("First day it actually sat.")
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    venue_en = models.CharField(
        _("venue (en)"), max_length=255, default="Palais des Nations, Geneva"
    )
    venue_zh = models.CharField(_("venue (zh)"), max_length=255, blank=True, default="日内瓦万国宫")
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    rules_of_procedure = models.CharField(
        _("rules of procedure"),
        max_length=128,
        blank=True,
        help_text=_("Symbol of the rules applied, e.g. `BWC/CONF.VIII/2`."),
    )
    rules_applied_mutatis_mutandis = models.BooleanField(
        _("rules applied mutatis mutandis"), default=True
    )
    report_adopted_on = models.DateField(_("report adopted on"), null=True, blank=True)
    mandate_en = models.TextField(
        _("mandate (en)"),
        blank=True,
        help_text=_("The decisions the report's introduction quotes."),
    )
    mandate_zh = models.TextField(_("mandate (zh)"), blank=True)
    chair_summary_en = models.TextField(
        _("Chair's summary (en)"),
        blank=True,
        help_text=_(
            "Annex I of the report, under the Chair's responsibility. Paragraphs separated "
            "by blank lines; a line on its own is a heading."
        ),
    )
    chair_summary_zh = models.TextField(_("Chair's summary (zh)"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("scheduled_start", "series")
        verbose_name = _("meeting")
        constraints = [
            models.CheckConstraint(
                condition=Q(scheduled_end__gte=F("scheduled_start")),
                name="meeting_scheduled_dates_in_order",
                violation_error_message=_("The scheduled end comes before the scheduled start."),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="meeting_dates_in_order",
                violation_error_message=_("The end date comes before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series}: {self.title_en}"

    def clean(self) -> None:
        if (self.start_date is None) != (self.end_date is None):
            raise ValidationError(_("Give both the start and the end date, or neither."))
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A meeting cannot be part of itself.")})


class Postponement(BaseModel):
    """One move of a meeting's dates, with who decided it and on what authority."""

    NATURAL_KEY = ("meeting__series", "position")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="postponements"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    from_start = models.DateField(_("moved from (start)"))
    from_end = models.DateField(_("moved from (end)"))
    to_start = models.DateField(
        _("moved to (start)"), null=True, blank=True, help_text=_("Empty while no new date is set.")
    )
    to_end = models.DateField(_("moved to (end)"), null=True, blank=True)
    authority = models.CharField(
        _("authority"), max_length=32, choices=PostponementAuthority.choices
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reason_en = models.TextField(_("reason (en)"), blank=True)
    reason_zh = models.TextField(_("reason (zh)"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("meeting", "position")
        verbose_name = _("postponement")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="postponement_position"),
            models.CheckConstraint(
                condition=Q(from_end__gte=F("from_start")),
                name="postponement_from_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(to_start__isnull=True)
                | Q(to_end__isnull=True)
                | Q(to_end__gte=F("to_start")),
                name="postponement_to_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        moved_to = f"{self.to_start}" if self.to_start else _("a date to be set")
        return f"{self.meeting.series}: {self.from_start} → {moved_to}"


class PostponementLetter(BaseModel):
    """A letter that announced or decided a postponement (cited in the report's footnote)."""

    NATURAL_KEY = ("postponement__meeting__series", "postponement__position", "dated")

    postponement = models.ForeignKey(
        Postponement,
        verbose_name=_("postponement"),
        on_delete=models.CASCADE,
        related_name="letters",
    )
    dated = models.DateField(_("dated"))
    author_en = models.CharField(
        _("author (en)"),
        max_length=255,
        help_text=_("e.g. `the Chair of the 2020 Meeting of States Parties`."),
    )
    author_zh = models.CharField(_("author (zh)"), max_length=255, blank=True)
    reference = models.CharField(_("reference"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("postponement", "dated")
        verbose_name = _("postponement letter")
        constraints = [
            models.UniqueConstraint(
                fields=["postponement", "dated"], name="postponement_letter_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.author_en}, {self.dated}"


class Officer(BaseModel):
    """A person who holds an office at a meeting: the Chair, a Vice-Chair, the secretariat."""

    NATURAL_KEY = ("meeting__series", "position")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="officers"
    )
    role = models.CharField(_("role"), max_length=32, choices=OfficerRole.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    honorific = models.CharField(
        _("honorific"), max_length=4, choices=Honorific.choices, blank=True
    )
    name_en = models.CharField(_("name (en)"), max_length=255)
    name_zh = models.CharField(_("name (zh)"), max_length=255, blank=True)
    title_en = models.CharField(
        _("title (en)"),
        max_length=500,
        blank=True,
        help_text=_("Post held, as the report gives it."),
    )
    title_zh = models.CharField(_("title (zh)"), max_length=500, blank=True)
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("delegation of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
        help_text=_("For a Chair or Vice-Chair: the State whose delegation they belong to."),
    )
    regional_group = models.ForeignKey(
        RegionalGroup,
        verbose_name=_("regional group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("meeting", "position")
        verbose_name = _("officer")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="officer_position"),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(role=OfficerRole.CHAIR),
                name="one_chair_per_meeting",
            ),
        ]

    def __str__(self) -> str:
        honorific = f"{self.get_honorific_display()} " if self.honorific else ""
        return f"{honorific}{self.name_en} ({self.get_role_display()})"


class ChairRotation(BaseModel):
    """Which regional group chairs which meeting in which year (2017 MSP decision, para 2(d))."""

    NATURAL_KEY = ("year", "body", "mx_number")

    year = models.PositiveSmallIntegerField(_("year"))
    body = models.CharField(_("meeting"), max_length=8, choices=RotatedBody.choices)
    mx_number = models.PositiveSmallIntegerField(
        _("Meeting of Experts number"), null=True, blank=True, help_text=_("Empty for the MSP.")
    )
    regional_group = models.ForeignKey(
        RegionalGroup, verbose_name=_("regional group"), on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.CharField(
        _("decided by"),
        max_length=255,
        blank=True,
        help_text=_("The decision that set it, e.g. `2017 Meeting of States Parties`."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("year", "body", "mx_number")
        verbose_name = _("chair rotation")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "body"],
                condition=Q(mx_number__isnull=True),
                name="rotation_msp_once",
            ),
            models.UniqueConstraint(
                fields=["year", "body", "mx_number"],
                condition=Q(mx_number__isnull=False),
                name="rotation_mx_once",
            ),
            models.CheckConstraint(
                condition=Q(body=RotatedBody.MEETING_OF_STATES_PARTIES, mx_number__isnull=True)
                | Q(body=RotatedBody.MEETING_OF_EXPERTS, mx_number__isnull=False),
                name="rotation_mx_number_only_for_mx",
            ),
        ]

    def __str__(self) -> str:
        body = f"MX.{self.mx_number}" if self.mx_number else "MSP"
        return f"{self.year} {body}: {self.regional_group}"


class SourceDiscrepancy(BaseModel):
    """Where a source document contradicts itself. The data keeps the source's words."""

    NATURAL_KEY = ("meeting__series", "position")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="discrepancies"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    source = models.CharField(
        _("source"),
        max_length=255,
        help_text=_("Document and paragraph, e.g. `BWC/MSP/2020/MX.5/2, para. 8`."),
    )
    description = models.TextField(_("description"))

    history = HistoricalRecords()

    class Meta:
        ordering = ("meeting", "position")
        verbose_name = _("source discrepancy")
        verbose_name_plural = _("source discrepancies")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="discrepancy_position"),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.description[:60]}"
