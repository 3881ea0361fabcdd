"""Registration, nominations, attendance and the issued lists of participants of a meeting."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import BaseModel, acting_user
from apps.delegations.models import DelegationMember
from apps.documents.models import Document
from apps.meetings.enums import OPEN_STATUSES
from apps.meetings.models import Meeting

from .enums import ListKind, NominationStatus, RegistrationStatus, Session


class Registration(BaseModel):
    """When focal points may submit their State's nominations for a meeting."""

    NATURAL_KEY = ("meeting__series",)

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="registration"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.NOT_OPENED,
        help_text=_("Changed only by opening and closing the registration."),
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    opened_by = acting_user(_("opened by"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = acting_user(_("closed by"))

    history = HistoricalRecords()

    class Meta:
        ordering = ("meeting__scheduled_start", "meeting__series")
        verbose_name = _("registration")

    def __str__(self) -> str:
        return f"{self.meeting.series}: {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        """Focal points may submit: opened, not closed, and the meeting neither closed nor
        cancelled."""
        return self.status == RegistrationStatus.OPEN and self.meeting.status in OPEN_STATUSES


class Nomination(BaseModel):
    """A State's or organization's nomination of one delegation member, and the secretariat's
    decision on it. The history keeps every transition with who made it and when."""

    member = models.OneToOneField(
        DelegationMember,
        verbose_name=_("delegation member"),
        on_delete=models.CASCADE,
        related_name="nomination",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=NominationStatus.choices,
        default=NominationStatus.SUBMITTED,
        help_text=_("Changed only through the transitions."),
    )
    late = models.BooleanField(
        _("late"),
        default=False,
        help_text=_("Submitted after a list of participants of the meeting was issued."),
    )
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why the secretariat returned the nomination, or why it was withdrawn."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    submitted_by = acting_user(_("submitted by"))
    decided_at = models.DateTimeField(
        _("decided at"),
        null=True,
        blank=True,
        help_text=_("When it was last accredited, returned or withdrawn."),
    )
    decided_by = acting_user(_("decided by"))

    history = HistoricalRecords()

    class Meta:
        ordering = ("member__delegation", "member__position")
        verbose_name = _("nomination")
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=NominationStatus.RETURNED) | ~Q(reason=""),
                name="nomination_returned_with_reason",
                violation_error_message=_("A returned nomination says why."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_status_display()})"


class AttendanceRecord(BaseModel):
    """An accredited member's check-in on one day of the meeting, for a session or the day."""

    NATURAL_KEY = (
        "member__delegation__meeting__series",
        "member__delegation__entity__code",
        "member__position",
        "day",
        "session",
    )

    member = models.ForeignKey(
        DelegationMember,
        verbose_name=_("delegation member"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    day = models.DateField(_("day"), help_text=_("A day on which the meeting sits."))
    session = models.CharField(
        _("session"), max_length=16, choices=Session.choices, default=Session.DAY
    )
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)
    recorded_by = acting_user(_("recorded by"))

    history = HistoricalRecords()

    class Meta:
        ordering = ("day", "session", "member")
        verbose_name = _("attendance record")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "day", "session"], name="attendance_once_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.day} ({self.get_session_display()})"


class ParticipantList(BaseModel):
    """An issued list of participants: its document in the registry (MISC.1, INF.1,
    INF.1/Rev.N) and a frozen snapshot of who was accredited when it was issued."""

    NATURAL_KEY = ("document__symbol",)

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="participant_lists",
    )
    document = models.OneToOneField(
        Document,
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="participant_list",
        help_text=_("The list's record in the registry, with its symbol."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ListKind.choices)
    snapshot = models.JSONField(
        _("snapshot"),
        help_text=_(
            "Frozen when issued: the categories in the report's order, their delegations in "
            "order, and each delegation's accredited members with role and title."
        ),
    )
    delegation_count = models.PositiveIntegerField(_("delegations"), default=0)
    member_count = models.PositiveIntegerField(_("members"), default=0)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = acting_user(_("issued by"))

    class Meta:
        ordering = ("meeting", "issued_at", "pk")
        verbose_name = _("list of participants")
        verbose_name_plural = _("lists of participants")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(kind=ListKind.PROVISIONAL),
                name="one_provisional_list_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(kind=ListKind.FINAL),
                name="one_final_list_per_meeting",
            ),
        ]

    def __str__(self) -> str:
        return self.document.symbol
