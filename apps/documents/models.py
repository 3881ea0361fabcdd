"""The registry of a meeting's documents, each known by its UN document symbol."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.agendas.models import AgendaItem, Intervention
from apps.core.enums import UNLanguage
from apps.core.models import BaseModel
from apps.entities.models import Entity
from apps.meetings.models import Meeting

from .enums import Distribution, DocumentStatus, DocumentType, Modifier, SubmittedBy
from .validators import validate_document_file


class Document(BaseModel):
    NATURAL_KEY = ("symbol",)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="documents"
    )
    symbol = models.CharField(_("symbol"), max_length=128, unique=True)
    doc_type = models.CharField(
        _("type"), max_length=8, choices=DocumentType.choices, blank=True, default=DocumentType.MAIN
    )
    number = models.PositiveIntegerField(
        _("number"), help_text=_("The number after the type: WP.5 is 5.")
    )
    modifier = models.CharField(_("modifier"), max_length=4, choices=Modifier.choices, blank=True)
    modifier_number = models.PositiveSmallIntegerField(_("modifier number"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("revises, corrects or adds to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="versions",
    )
    title_en = models.TextField(_("title (en)"), blank=True)
    title_zh = models.TextField(_("title (zh)"), blank=True)
    title_fr = models.TextField(_("title (fr)"), blank=True)
    title_ru = models.TextField(_("title (ru)"), blank=True)
    title_es = models.TextField(_("title (es)"), blank=True)
    title_ar = models.TextField(_("title (ar)"), blank=True)
    submitted_by = models.CharField(
        _("submitted by"), max_length=16, choices=SubmittedBy.choices, blank=True
    )
    submitters = models.ManyToManyField(
        Entity,
        verbose_name=_("submitters"),
        through="DocumentSubmitter",
        related_name="submitted_documents",
        blank=True,
    )
    on_behalf_of = models.ForeignKey(
        Entity,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents_on_behalf",
    )
    original_language = models.CharField(
        _("original language"), max_length=2, choices=UNLanguage.choices, default=UNLanguage.ENGLISH
    )
    languages = models.JSONField(
        _("issued in"),
        default=list,
        blank=True,
        help_text=_("Language codes the document exists in; all six when empty."),
    )
    language_note_en = models.CharField(
        _("language note (en)"),
        max_length=128,
        blank=True,
        help_text=_("As printed, e.g. `English only`."),
    )
    language_note_zh = models.CharField(
        _("language note (zh)"),
        max_length=128,
        blank=True,
        help_text=_("As printed, e.g. `仅英文本`."),
    )
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    distribution = models.CharField(
        _("distribution"), max_length=8, choices=Distribution.choices, default=Distribution.GENERAL
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    interventions = models.ManyToManyField(
        Intervention,
        verbose_name=_("introduced in"),
        related_name="documents",
        blank=True,
        help_text=_("The interventions that introduced or concerned this document."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.ISSUED
    )
    status_reason = models.TextField(
        _("reason for the status"), blank=True, help_text=_("Why a document was withdrawn.")
    )
    annex_position = models.PositiveIntegerField(
        _("position in Annex II"),
        null=True,
        blank=True,
        help_text=_("Row in the report's list of documents."),
    )
    file = models.FileField(
        _("file"), upload_to="documents/%Y/", blank=True, validators=[validate_document_file]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ("meeting", "annex_position", "symbol")
        verbose_name = _("document")
        constraints = [
            models.CheckConstraint(
                condition=Q(modifier="", modifier_number__isnull=True, parent__isnull=True)
                | (~Q(modifier="") & Q(modifier_number__gte=1, parent__isnull=False)),
                name="document_modifier_complete",
                violation_error_message=_(
                    "A revision, corrigendum or addendum has a number and a parent document."
                ),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="document_number_positive"),
        ]
        indexes = [models.Index(fields=["meeting", "doc_type", "number"])]

    def __str__(self) -> str:
        return self.symbol

    def clean(self) -> None:
        unknown = sorted(set(self.languages or ()) - set(UNLanguage.values))
        if unknown:
            raise ValidationError(
                {"languages": _("Unknown language codes: %s.") % ", ".join(unknown)}
            )
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A document cannot modify itself.")})


class DocumentSubmitter(BaseModel):
    """A submitter of a document, in the order the document names them."""

    NATURAL_KEY = ("document__symbol", "entity__code")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="submitter_links")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ("document", "position")
        constraints = [
            models.UniqueConstraint(fields=["document", "entity"], name="document_submitter_once"),
        ]

    def __str__(self) -> str:
        return f"{self.entity.name_en} ({self.document.symbol})"


class SymbolCounter(BaseModel):
    """The last number given out in a (series, type): the row that minting locks.

    It keeps no history of its own: every number it gives out is a Document, whose history
    records who minted it and when; the counter is the highest of those numbers.
    """

    NATURAL_KEY = ("series", "doc_type")

    series = models.CharField(_("symbol series"), max_length=128)
    doc_type = models.CharField(_("type"), max_length=8, choices=DocumentType.choices, blank=True)
    last_number = models.PositiveIntegerField(_("last number given out"), default=0)

    class Meta:
        ordering = ("series", "doc_type")
        verbose_name = _("symbol counter")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "doc_type"], name="one_counter_per_series_type"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.doc_type or '(main)'}: {self.last_number}"
