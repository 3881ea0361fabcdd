"""A meeting's agenda, its items, and who took the floor under each item, in order."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import BaseModel
from apps.entities.models import Entity
from apps.meetings.models import Meeting

from .enums import AgendaStatus, InterventionKind


class VersionedModel(BaseModel):
    """A row that counts its saved changes, for optimistic locking.

    A client (the API, the admin's form) sends back the version it read; the write is refused
    if the row has moved on since, so that no one overwrites a change they never saw.
    """

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Goes up by one with every saved change; send it back to edit the row."),
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


class Agenda(VersionedModel):
    NATURAL_KEY = ("meeting__series",)
    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda"
    )
    symbol = models.CharField(
        _("provisional agenda symbol"),
        max_length=128,
        blank=True,
        help_text=_("e.g. `BWC/MSP/2020/MX.5/1`."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AgendaStatus.choices, default=AgendaStatus.PROVISIONAL
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    proposed_by_chair = models.BooleanField(
        _("proposed by the Chair"),
        default=True,
        help_text=_("The report says the agenda 'as proposed by the Chair'."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda")

    def __str__(self) -> str:
        return f"Agenda of {self.meeting.series}"

    def clean(self) -> None:
        if (self.status == AgendaStatus.ADOPTED) != (self.adopted_on is not None):
            raise ValidationError(
                {
                    "adopted_on": _(
                        "An adopted agenda has an adoption date; a provisional one has none."
                    )
                }
            )


class AgendaItem(VersionedModel):
    NATURAL_KEY = ("agenda__meeting__series", "number")
    agenda = models.ForeignKey(
        Agenda, verbose_name=_("agenda"), on_delete=models.CASCADE, related_name="items"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title_en = models.TextField(_("title (en)"))
    title_zh = models.TextField(_("title (zh)"), blank=True)
    title_fr = models.TextField(_("title (fr)"), blank=True)
    title_ru = models.TextField(_("title (ru)"), blank=True)
    title_es = models.TextField(_("title (es)"), blank=True)
    title_ar = models.TextField(_("title (ar)"), blank=True)
    subtopics_en = models.TextField(
        _("sub-topics (en)"), blank=True, help_text=_("One sub-topic a line.")
    )
    subtopics_zh = models.TextField(_("sub-topics (zh)"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("agenda", "number")
        verbose_name = _("agenda item")
        constraints = [
            models.UniqueConstraint(fields=["agenda", "number"], name="agenda_item_number"),
        ]

    def __str__(self) -> str:
        return f"{self.agenda.meeting.series} item {self.number}: {self.title_en[:60]}"


class Intervention(BaseModel):
    """One speaker's part under an item: a briefing, a paper introduced, a statement, ..."""

    NATURAL_KEY = ("agenda_item__agenda__meeting__series", "agenda_item__number", "position")

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="interventions",
    )
    position = models.PositiveIntegerField(
        _("position"),
        help_text=_("Order in the report; discussion speakers in English alphabetical order."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=InterventionKind.choices)
    speaker = models.ForeignKey(
        Entity, verbose_name=_("speaker"), on_delete=models.PROTECT, related_name="interventions"
    )
    on_behalf_of = models.ForeignKey(
        Entity,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions_on_behalf",
        help_text=_("The group the speaker spoke for, e.g. the NAM and Other States."),
    )
    note_en = models.CharField(_("note (en)"), max_length=500, blank=True)
    note_zh = models.CharField(_("note (zh)"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("agenda_item", "position")
        verbose_name = _("intervention")
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "position"],
                name="intervention_position",
            ),
        ]

    def __str__(self) -> str:
        behalf = f" on behalf of {self.on_behalf_of.name_en}" if self.on_behalf_of_id else ""
        return f"{self.get_kind_display()}: {self.speaker.name_en}{behalf}"

    def clean(self) -> None:
        if self.on_behalf_of_id and self.on_behalf_of_id == self.speaker_id:
            raise ValidationError(
                {"on_behalf_of": _("A speaker does not speak on behalf of itself.")}
            )
