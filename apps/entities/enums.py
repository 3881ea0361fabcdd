from django.db import models
from django.utils.translation import gettext_lazy as _


class EntityKind(models.TextChoices):
    STATE = "state", _("State")
    UN_ENTITY = "un_entity", _("United Nations entity")
    INTERNATIONAL_ORGANIZATION = "international_organization", _("International organization")
    NGO = "ngo", _("Non-governmental organization or research institute")
    GROUP = "group", _("Group of States")
    INDIVIDUAL = "individual", _("Individual (guest of a meeting)")
    OTHER = "other", _("Other")


class TreatyStatusKind(models.TextChoices):
    STATE_PARTY = "state_party", _("State Party")
    SIGNATORY = "signatory", _("Signatory State")
    NON_PARTY = "non_party", _("Neither party nor signatory")
