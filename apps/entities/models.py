"""States, organizations and groups: a registry independent of any meeting."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import BaseModel

from .enums import EntityKind, TreatyStatusKind


class RegionalGroup(BaseModel):
    """One of the three groups among which BWC chairs rotate (paragraph 2(d) of the reports)."""

    NATURAL_KEY = ("code",)

    code = models.SlugField(_("code"), max_length=16, unique=True, help_text=_("e.g. `nam`."))
    name_en = models.CharField(_("name (en)"), max_length=255)
    name_zh = models.CharField(_("name (zh)"), max_length=255, blank=True)
    name_fr = models.CharField(_("name (fr)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (ru)"), max_length=255, blank=True)
    name_es = models.CharField(_("name (es)"), max_length=255, blank=True)
    name_ar = models.CharField(_("name (ar)"), max_length=255, blank=True)
    short_name_en = models.CharField(
        _("short name (en)"), max_length=64, blank=True, help_text=_("e.g. `NAM`.")
    )
    short_name_zh = models.CharField(_("short name (zh)"), max_length=64, blank=True)

    class Meta:
        ordering = ("code",)
        verbose_name = _("regional group")

    def __str__(self) -> str:
        return self.name_en


class Entity(BaseModel):
    """A State, an organization, a group of States or a guest: anyone who attends or submits."""

    NATURAL_KEY = ("code",)

    code = models.CharField(
        _("code"),
        max_length=64,
        unique=True,
        help_text=_("Stable key: the ISO 3166 alpha-3 code for a State, an acronym otherwise."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=EntityKind.choices)
    name_en = models.CharField(
        _("name (en)"), max_length=255, help_text=_("The UN's short name, as in lists.")
    )
    name_zh = models.CharField(_("name (zh)"), max_length=255, blank=True)
    name_fr = models.CharField(_("name (fr)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (ru)"), max_length=255, blank=True)
    name_es = models.CharField(_("name (es)"), max_length=255, blank=True)
    name_ar = models.CharField(_("name (ar)"), max_length=255, blank=True)
    name_en_in_text = models.CharField(
        _("name in running text (en)"),
        max_length=255,
        blank=True,
        help_text=_(
            "How English sentences name it where that differs from the list name, e.g. "
            "`the Russian Federation`, `the Islamic Republic of Iran`."
        ),
    )
    formal_name_en = models.CharField(
        _("formal name (en)"),
        max_length=255,
        blank=True,
        help_text=_("The UN's formal name, e.g. `the Republic of Panama`."),
    )
    formal_name_zh = models.CharField(_("formal name (zh)"), max_length=255, blank=True)
    abbreviation_en = models.CharField(
        _("abbreviation (en)"), max_length=64, blank=True, help_text=_("e.g. `UNIDIR`.")
    )
    abbreviation_zh = models.CharField(
        _("abbreviation (zh)"), max_length=64, blank=True, help_text=_("e.g. `裁研所`.")
    )
    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, blank=True)
    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, blank=True)
    regional_group = models.ForeignKey(
        RegionalGroup,
        verbose_name=_("regional group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("The BWC regional group a State Party belongs to."),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("name_en",)
        verbose_name = _("State or organization")
        verbose_name_plural = _("States and organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["iso3"], condition=~Q(iso3=""), name="entity_iso3_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind=EntityKind.STATE) | Q(iso3=""),
                name="entity_iso3_only_for_states",
            ),
        ]
        indexes = [models.Index(fields=["kind", "name_en"])]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.abbreviation_en})" if self.abbreviation_en else self.name_en

    def clean(self) -> None:
        if self.kind == EntityKind.STATE and self.iso3 and len(self.iso3) != 3:
            raise ValidationError({"iso3": _("An ISO 3166 alpha-3 code has three letters.")})
        if self.kind != EntityKind.STATE and self.iso3:
            raise ValidationError({"iso3": _("Only a State has an ISO 3166 code.")})


class TreatyStatus(BaseModel):
    """A State's status under the Convention from a date on (signature, ratification, accession)."""

    NATURAL_KEY = ("entity__code", "effective_from")

    entity = models.ForeignKey(
        Entity,
        verbose_name=_("State"),
        on_delete=models.CASCADE,
        related_name="treaty_statuses",
        limit_choices_to={"kind": EntityKind.STATE},
    )
    status = models.CharField(_("status"), max_length=16, choices=TreatyStatusKind.choices)
    effective_from = models.DateField(
        _("effective from"), help_text=_("The date from which this status holds.")
    )
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("What establishes it, e.g. a depositary notification or a meeting report."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("entity", "effective_from")
        verbose_name = _("treaty status")
        verbose_name_plural = _("treaty statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["entity", "effective_from"], name="treaty_status_one_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.entity.name_en}: {self.get_status_display()} from {self.effective_from}"
