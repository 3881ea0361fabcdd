from django.db import models
from django.utils.translation import gettext_lazy as _


class AgendaStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional")
    ADOPTED = "adopted", _("Adopted")


class InterventionKind(models.TextChoices):
    """What a report records of who took the floor under an agenda item."""

    BRIEFING = "briefing", _("Briefing")
    WORKING_PAPER = "working_paper", _("Introduction of a working paper")
    DISCUSSION = "discussion", _("Participation in the interactive discussion")
    STATEMENT = "statement", _("Statement")
    PRESENTATION = "presentation", _("Technical presentation")
