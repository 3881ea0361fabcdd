"""The registration workflows' states and the transitions allowed between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    NOT_OPENED = "not_opened", _("Not opened")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


# Registration of a meeting: not opened → open → closed; the secretariat may reopen it.
# It is also closed, whatever its status, once the meeting closes or is cancelled.
REGISTRATION_TRANSITIONS: dict[str, frozenset[str]] = {
    RegistrationStatus.NOT_OPENED: frozenset({RegistrationStatus.OPEN}),
    RegistrationStatus.OPEN: frozenset({RegistrationStatus.CLOSED}),
    RegistrationStatus.CLOSED: frozenset({RegistrationStatus.OPEN}),
}


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCREDITED = "accredited", _("Accredited")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A nomination: submitted → accredited | returned (with a reason); returned → submitted again;
# accredited → withdrawn. A withdrawn person may be nominated again (submitted), since a
# nomination is one per delegation member and the member stays in the delegation.
NOMINATION_TRANSITIONS: dict[str, frozenset[str]] = {
    NominationStatus.SUBMITTED: frozenset({NominationStatus.ACCREDITED, NominationStatus.RETURNED}),
    NominationStatus.RETURNED: frozenset({NominationStatus.SUBMITTED}),
    NominationStatus.ACCREDITED: frozenset({NominationStatus.WITHDRAWN}),
    NominationStatus.WITHDRAWN: frozenset({NominationStatus.SUBMITTED}),
}

# What a focal point may do to its own State's nominations (while registration is open);
# accrediting and returning are the secretariat's.
FOCAL_POINT_TARGETS: frozenset[str] = frozenset(
    {NominationStatus.SUBMITTED, NominationStatus.WITHDRAWN}
)


class Session(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    DAY = "day", _("Whole day")


class ListKind(models.TextChoices):
    """A list of participants: MISC.1, INF.1, INF.1/Rev.N."""

    PROVISIONAL = "provisional", _("Provisional list of participants")
    FINAL = "final", _("List of participants")
    REVISION = "revision", _("Revised list of participants")


# What the public may read: the final list and its revisions, never the provisional one.
PUBLIC_LIST_KINDS: frozenset[str] = frozenset({ListKind.FINAL, ListKind.REVISION})
