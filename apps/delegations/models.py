"""Who a meeting's participants are: one delegation per State or organization, and its members."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import BaseModel
from apps.entities.enums import EntityKind
from apps.entities.models import Entity
from apps.meetings.enums import Honorific
from apps.meetings.models import Meeting

from .enums import MemberRole, Rule44Category

# Which kinds of entity each category admits.
CATEGORY_KINDS: dict[str, set[str]] = {
    Rule44Category.STATE_PARTY: {EntityKind.STATE},
    Rule44Category.SIGNATORY: {EntityKind.STATE},
    Rule44Category.OBSERVER_STATE: {EntityKind.STATE},
    Rule44Category.UN_ENTITY: {EntityKind.UN_ENTITY},
    Rule44Category.INTERNATIONAL_ORGANIZATION: {EntityKind.INTERNATIONAL_ORGANIZATION},
    Rule44Category.NGO: {EntityKind.NGO},
    Rule44Category.GUEST: {EntityKind.INDIVIDUAL, EntityKind.OTHER},
}


class Delegation(BaseModel):
    """The participation of one State or organization in one meeting, in one rule-44 category."""

    NATURAL_KEY = ("meeting__series", "entity__code")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="delegations"
    )
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("State or organization"),
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    category = models.CharField(_("category"), max_length=32, choices=Rule44Category.choices)
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Place in the source's list of its category.")
    )
    listed_name_en = models.CharField(
        _("name as listed (en)"),
        max_length=255,
        blank=True,
        help_text=_("Only where the meeting's documents print a name other than the registry's."),
    )
    listed_name_zh = models.CharField(_("name as listed (zh)"), max_length=255, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("meeting", "category", "position", "entity__name_en")
        verbose_name = _("delegation")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "entity"], name="one_delegation_per_entity"),
        ]
        indexes = [models.Index(fields=["meeting", "category", "position"])]

    def __str__(self) -> str:
        return f"{self.entity.name_en} at {self.meeting.series}"

    def clean(self) -> None:
        if self.entity_id and self.category:
            kinds = CATEGORY_KINDS[self.category]
            if self.entity.kind not in kinds:
                raise ValidationError(
                    {
                        "category": _("%(category)s admits no %(kind)s.")
                        % {
                            "category": Rule44Category(self.category).label,
                            "kind": EntityKind(self.entity.kind).label,
                        }
                    }
                )

    def name_in(self, lang: str) -> str:
        """The name the meeting's documents use in `lang`."""
        listed = getattr(self, f"listed_name_{lang}", "")
        return listed or getattr(self.entity, f"name_{lang}", "") or self.entity.name_en


# What is said of a member, by staff or by the State's focal point.
MEMBER_FIELDS: tuple[str, ...] = (
    "role",
    "position",
    "honorific",
    "family_name",
    "given_name",
    "title",
    "email",
)


class DelegationMember(BaseModel):
    """A person in a delegation: the head, alternates and advisers."""

    NATURAL_KEY = ("delegation__meeting__series", "delegation__entity__code", "position")

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="members"
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    honorific = models.CharField(
        _("honorific"), max_length=4, choices=Honorific.choices, blank=True
    )
    family_name = models.CharField(_("family name"), max_length=255)
    given_name = models.CharField(_("given name"), max_length=255, blank=True)
    title = models.CharField(
        _("title"), max_length=500, blank=True, help_text=_("Post or function, as nominated.")
    )
    email = models.EmailField(_("email"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("delegation", "position", "family_name")
        verbose_name = _("delegation member")
        constraints = [
            models.UniqueConstraint(fields=["delegation", "position"], name="member_position"),
            models.UniqueConstraint(
                fields=["delegation"],
                condition=Q(role=MemberRole.HEAD),
                name="one_head_per_delegation",
            ),
        ]

    def __str__(self) -> str:
        honorific = f"{self.get_honorific_display()} " if self.honorific else ""
        return f"{honorific}{self.given_name} {self.family_name}".strip()


class StatedCount(BaseModel):
    """A number the source states for a category, kept beside the list it may contradict.

    For NGOs the reports give only the number ("twelve"); for States Parties the stated count
    can differ from the names listed.
    """

    NATURAL_KEY = ("meeting__series", "category")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="stated_counts"
    )
    category = models.CharField(_("category"), max_length=32, choices=Rule44Category.choices)
    count = models.PositiveIntegerField(_("count"))
    wording_en = models.CharField(
        _("wording (en)"), max_length=64, blank=True, help_text=_("As written, e.g. `twelve`.")
    )
    wording_zh = models.CharField(_("wording (zh)"), max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("meeting", "category")
        verbose_name = _("stated count")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "category"], name="one_stated_count_per_category"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting.series}: {self.count} x {self.get_category_display()}"
