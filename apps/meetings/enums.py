from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    REVIEW_CONFERENCE = "review_conference", _("Review Conference")
    PREPARATORY_COMMITTEE = "preparatory_committee", _("Preparatory Committee")
    MEETING_OF_STATES_PARTIES = "msp", _("Meeting of States Parties")
    MEETING_OF_EXPERTS = "mx", _("Meeting of Experts")
    WORKING_GROUP = "working_group", _("Working Group session")
    OTHER = "other", _("Other meeting")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    POSTPONED = "postponed", _("Postponed")
    RESCHEDULED = "rescheduled", _("Rescheduled")
    IN_SESSION = "in_session", _("In session")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class PostponementAuthority(models.TextChoices):
    SILENCE_PROCEDURE = "silence_procedure", _("Agreement of States Parties by silence procedure")
    MEETING_DECISION = "meeting_decision", _("Decision of a meeting")
    CHAIR = "chair", _("Decision of the Chair")
    OTHER = "other", _("Other")


class OfficerRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-Chair")
    SECRETARY = "secretary", _("Secretary of the meeting")
    DEPUTY_SECRETARY = "deputy_secretary", _("Deputy Secretary")
    SECRETARIAT_STAFF = "secretariat_staff", _("Secretariat staff")


class RotatedBody(models.TextChoices):
    """The meetings whose chair the 2017 rotation table assigns."""

    MEETING_OF_STATES_PARTIES = "msp", _("Meeting of States Parties")
    MEETING_OF_EXPERTS = "mx", _("Meeting of Experts")


class Honorific(models.TextChoices):
    MR = "mr", _("Mr.")
    MS = "ms", _("Ms.")
    NONE = "", _("(none)")


# The meeting's state machine: planned → (postponed → rescheduled)* → in session → closed.
# A meeting that has not sat may also be cancelled. Services change `status` only along these.
MEETING_TRANSITIONS: dict[str, frozenset[str]] = {
    MeetingStatus.PLANNED: frozenset(
        {MeetingStatus.POSTPONED, MeetingStatus.IN_SESSION, MeetingStatus.CANCELLED}
    ),
    MeetingStatus.POSTPONED: frozenset({MeetingStatus.RESCHEDULED, MeetingStatus.CANCELLED}),
    MeetingStatus.RESCHEDULED: frozenset(
        {MeetingStatus.POSTPONED, MeetingStatus.IN_SESSION, MeetingStatus.CANCELLED}
    ),
    MeetingStatus.IN_SESSION: frozenset({MeetingStatus.CLOSED}),
    MeetingStatus.CLOSED: frozenset(),
    MeetingStatus.CANCELLED: frozenset(),
}

# A meeting is open (focal points may still submit and edit their State's delegation) until it
# closes or is cancelled; late nominations during the session go through the same channel.
OPEN_STATUSES: frozenset[str] = frozenset(
    {
        MeetingStatus.PLANNED,
        MeetingStatus.POSTPONED,
        MeetingStatus.RESCHEDULED,
        MeetingStatus.IN_SESSION,
    }
)
