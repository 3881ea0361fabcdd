from django.db import models
from django.utils.translation import gettext_lazy as _


class Rule44Category(models.TextChoices):
    """Who may attend, by rule 44 of the rules of procedure (BWC/CONF.VIII/2)."""

    STATE_PARTY = "state_party", _("State Party")
    SIGNATORY = "signatory", _("Signatory State (rule 44.1)")
    OBSERVER_STATE = "observer_state", _("Observer State (rule 44.2)")
    UN_ENTITY = "un_entity", _("United Nations (rule 44.3)")
    INTERNATIONAL_ORGANIZATION = (
        "international_organization",
        _("International organization with observer status (rule 44.4)"),
    )
    NGO = "ngo", _("Non-governmental organization or research institute (rule 44.5)")
    GUEST = "guest", _("Guest of the meeting")


# The order in which a report's participation section takes the categories.
CATEGORY_ORDER: tuple[str, ...] = tuple(Rule44Category.values)


class MemberRole(models.TextChoices):
    HEAD = "head", _("Head of delegation")
    ALTERNATE = "alternate", _("Alternate")
    ADVISER = "adviser", _("Adviser")
    MEMBER = "member", _("Member")
