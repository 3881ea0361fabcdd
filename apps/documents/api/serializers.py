from rest_framework import serializers

from apps.agendas.models import AgendaItem
from apps.core.enums import UNLanguage
from apps.core.serializers import ModelSerializer
from apps.entities.models import Entity
from apps.meetings.models import Meeting

from ..enums import Distribution, DocumentStatus, DocumentType, ReservedNumber, SubmittedBy
from ..models import Document
from ..selectors import submitters_of
from ..validators import validate_document_file

TITLE_FIELDS = tuple(f"title_{code}" for code in ("en", "zh", "fr", "ru", "es", "ar"))


class EntityRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()


class DocumentSerializer(ModelSerializer):
    series = serializers.CharField(source="meeting.series", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="symbol", read_only=True)
    submitters = serializers.SerializerMethodField()
    on_behalf_of = EntityRefSerializer(read_only=True, allow_null=True)
    agenda_item_number = serializers.IntegerField(
        source="agenda_item.number", read_only=True, allow_null=True
    )

    class Meta:
        model = Document
        fields = (
            "id",
            "symbol",
            "meeting",
            "series",
            "doc_type",
            "number",
            "modifier",
            "modifier_number",
            "parent",
            *TITLE_FIELDS,
            "submitted_by",
            "submitters",
            "on_behalf_of",
            "original_language",
            "languages",
            "language_note_en",
            "language_note_zh",
            "issue_date",
            "distribution",
            "agenda_item",
            "agenda_item_number",
            "status",
            "status_reason",
            "annex_position",
            "file",
        )
        read_only_fields = fields

    def get_submitters(self, document: Document) -> list[dict[str, str]]:
        # Once per row of every list: the three columns directly, as EntityRefSerializer
        # would give them.
        return [
            {"code": entity.code, "name_en": entity.name_en, "name_zh": entity.name_zh}
            for entity in submitters_of(document)
        ]


class DocumentMetadataInputSerializer(serializers.Serializer):
    """What staff may say about a document, whoever allocates its symbol."""

    title_en = serializers.CharField(required=False, allow_blank=True)
    title_zh = serializers.CharField(required=False, allow_blank=True)
    title_fr = serializers.CharField(required=False, allow_blank=True)
    title_ru = serializers.CharField(required=False, allow_blank=True)
    title_es = serializers.CharField(required=False, allow_blank=True)
    title_ar = serializers.CharField(required=False, allow_blank=True)
    submitted_by = serializers.ChoiceField(
        choices=SubmittedBy.choices, required=False, allow_blank=True
    )
    submitters = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Entity.objects.all(),
        many=True,
        required=False,
        help_text="Entity codes (ISO3 for States), in the order the document names them.",
    )
    on_behalf_of = serializers.SlugRelatedField(
        slug_field="code", queryset=Entity.objects.all(), required=False, allow_null=True
    )
    original_language = serializers.ChoiceField(choices=UNLanguage.choices, required=False)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=UNLanguage.choices), required=False, allow_empty=True
    )
    language_note_en = serializers.CharField(required=False, allow_blank=True, max_length=128)
    language_note_zh = serializers.CharField(required=False, allow_blank=True, max_length=128)
    issue_date = serializers.DateField(required=False, allow_null=True)
    distribution = serializers.ChoiceField(choices=Distribution.choices, required=False)
    agenda_item = serializers.PrimaryKeyRelatedField(
        queryset=AgendaItem.objects.select_related("agenda"), required=False, allow_null=True
    )

    def check_agenda_item(self, attrs: dict, meeting: Meeting) -> dict:
        item = attrs.get("agenda_item")
        if item is not None and item.agenda.meeting_id != meeting.pk:
            raise serializers.ValidationError(
                {"agenda_item": "This agenda item belongs to another meeting."}
            )
        return attrs


class MintInputSerializer(DocumentMetadataInputSerializer):
    meeting = serializers.SlugRelatedField(
        slug_field="series", queryset=Meeting.objects.all(), help_text="The meeting's series."
    )
    doc_type = serializers.ChoiceField(choices=DocumentType.choices, allow_blank=True)
    reserved = serializers.ChoiceField(
        choices=ReservedNumber.choices,
        required=False,
        help_text="Take the reserved /1 (provisional agenda) or /2 (report), not the next number.",
    )

    def validate(self, attrs: dict) -> dict:
        if attrs.get("reserved") and attrs["doc_type"] != DocumentType.MAIN:
            raise serializers.ValidationError(
                {"reserved": "Only main documents have reserved numbers."}
            )
        return self.check_agenda_item(attrs, attrs["meeting"])


class RegisterInputSerializer(DocumentMetadataInputSerializer):
    symbol = serializers.CharField(max_length=128)
    status = serializers.ChoiceField(
        choices=[DocumentStatus.RESERVED, DocumentStatus.ISSUED], default=DocumentStatus.ISSUED
    )


class IssueInputSerializer(serializers.Serializer):
    issue_date = serializers.DateField(required=False, allow_null=True)


class WithdrawInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class FileInputSerializer(serializers.Serializer):
    file = serializers.FileField(validators=[validate_document_file])


class NextSymbolSerializer(serializers.Serializer):
    series = serializers.CharField()
    doc_type = serializers.ChoiceField(choices=DocumentType.choices, allow_blank=True)
    symbol = serializers.CharField(read_only=True)


class AnnexQuerySerializer(serializers.Serializer):
    series = serializers.SlugRelatedField(slug_field="series", queryset=Meeting.objects.all())
    lang = serializers.ChoiceField(choices=[("en", "English"), ("zh", "Chinese")], default="en")
    file_format = serializers.ChoiceField(choices=["json", "csv", "xlsx", "docx"], default="json")


class AnnexRowSerializer(serializers.Serializer):
    symbol = serializers.CharField()
    language_note = serializers.CharField()
    title = serializers.CharField()
    submitted_by = serializers.CharField()
