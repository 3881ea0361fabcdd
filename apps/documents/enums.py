from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    """The type element of a symbol; MAIN is the bare number (`/1` agenda, `/2` report)."""

    MAIN = "", _("Main document")
    WORKING_PAPER = "WP", _("Working paper")
    CONFERENCE_ROOM_PAPER = "CRP", _("Conference room paper")
    INFORMATION = "INF", _("Information document")
    MISCELLANEOUS = "MISC", _("Miscellaneous document")
    LIMITED = "L", _("Limited distribution draft")


class Modifier(models.TextChoices):
    NONE = "", _("(none)")
    REVISION = "Rev", _("Revision")
    CORRIGENDUM = "Corr", _("Corrigendum")
    ADDENDUM = "Add", _("Addendum")


class DocumentStatus(models.TextChoices):
    RESERVED = "reserved", _("Reserved")
    ISSUED = "issued", _("Issued")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUPERSEDED = "superseded", _("Superseded")


class Distribution(models.TextChoices):
    GENERAL = "general", _("General")
    LIMITED = "limited", _("Limited")


class SubmittedBy(models.TextChoices):
    """Who a document is 'submitted by' in the report's Annex II."""

    ENTITIES = "entities", _("One or more States or organizations")
    CHAIR = "chair", _("The Chair")
    SECRETARIAT = "secretariat", _("The Implementation Support Unit")
    NONE = "", _("(not stated)")


class ReservedNumber(models.IntegerChoices):
    """Main-document numbers the secretariat keeps for fixed papers of every meeting."""

    PROVISIONAL_AGENDA = 1, _("Provisional agenda")
    REPORT = 2, _("Report")


# Allowed status transitions; a withdrawn number stays in the registry for good.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    DocumentStatus.RESERVED: frozenset({DocumentStatus.ISSUED, DocumentStatus.WITHDRAWN}),
    DocumentStatus.ISSUED: frozenset({DocumentStatus.WITHDRAWN, DocumentStatus.SUPERSEDED}),
    DocumentStatus.WITHDRAWN: frozenset(),
    DocumentStatus.SUPERSEDED: frozenset(),
}

# Annex II lists main documents, then the CRP, the participants lists, then working papers.
TYPE_ORDER: tuple[str, ...] = (
    DocumentType.MAIN,
    DocumentType.CONFERENCE_ROOM_PAPER,
    DocumentType.MISCELLANEOUS,
    DocumentType.INFORMATION,
    DocumentType.WORKING_PAPER,
    DocumentType.LIMITED,
)
MODIFIER_ORDER: tuple[str, ...] = (
    Modifier.NONE,
    Modifier.REVISION,
    Modifier.CORRIGENDUM,
    Modifier.ADDENDUM,
)
