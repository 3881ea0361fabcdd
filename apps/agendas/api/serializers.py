from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from apps.core.serializers import ModelSerializer
from apps.entities.api.serializers import EntitySummarySerializer
from apps.entities.models import Entity
from apps.meetings.models import Meeting

from ..enums import InterventionKind
from ..models import Agenda, AgendaItem, Intervention

ITEM_TEXT_FIELDS = (
    "title_en",
    "title_zh",
    "title_fr",
    "title_ru",
    "title_es",
    "title_ar",
    "subtopics_en",
    "subtopics_zh",
)


class ImmutableOnUpdateMixin:
    """Fields in `Meta.immutable_fields` are set at creation and never change."""

    def validate(self, attrs):
        if self.instance is not None:
            for field in getattr(self.Meta, "immutable_fields", ()):
                if field in attrs and attrs[field] != getattr(self.instance, field):
                    raise serializers.ValidationError({field: _("This cannot change.")})
        return super().validate(attrs)


def version_field() -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1,
        required=False,
        help_text="The version you read (also its `ETag`). Sent back with a change (or as "
        "`If-Match`), the change is refused with 409 `stale_version` if someone changed the "
        "row since; left out, the change is not checked.",
    )


class AgendaItemSummarySerializer(ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ("id", "number", *ITEM_TEXT_FIELDS)
        read_only_fields = fields


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "A provisional agenda",
            value={"meeting": 7, "symbol": "BWC/MSP/2020/MX.5/1", "proposed_by_chair": True},
            request_only=True,
        )
    ]
)
class AgendaSerializer(ImmutableOnUpdateMixin, ModelSerializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    meeting_series = serializers.CharField(source="meeting.series", read_only=True)
    items = AgendaItemSummarySerializer(many=True, read_only=True)
    version = version_field()

    class Meta:
        model = Agenda
        fields = (
            "id",
            "meeting",
            "meeting_series",
            "symbol",
            "status",
            "adopted_on",
            "proposed_by_chair",
            "version",
            "items",
        )
        # Adoption is a transition: POST .../adopt/.
        read_only_fields = ("status", "adopted_on")
        immutable_fields = ("meeting",)


class AdoptInputSerializer(serializers.Serializer):
    on = serializers.DateField(help_text="The day the meeting adopted its agenda.")


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "An item",
            value={
                "agenda": 3,
                "number": 5,
                "title_en": "Institutional strengthening of the Convention",
                "title_zh": "加强《公约》的体制",
            },
            request_only=True,
        )
    ]
)
class AgendaItemSerializer(ImmutableOnUpdateMixin, ModelSerializer):
    agenda = serializers.PrimaryKeyRelatedField(queryset=Agenda.objects.all())
    meeting = serializers.IntegerField(source="agenda.meeting_id", read_only=True)
    meeting_series = serializers.CharField(source="agenda.meeting.series", read_only=True)
    number = serializers.IntegerField(
        min_value=1, max_value=32767, required=False, help_text="The next number if left out."
    )
    version = version_field()

    class Meta:
        model = AgendaItem
        fields = (
            "id",
            "agenda",
            "meeting",
            "meeting_series",
            "number",
            *ITEM_TEXT_FIELDS,
            "version",
        )
        validators = []  # a number's uniqueness in its agenda is the service's to check
        immutable_fields = ("agenda",)


class InterventionSerializer(ModelSerializer):
    meeting = serializers.IntegerField(source="agenda_item.agenda.meeting_id", read_only=True)
    item_number = serializers.IntegerField(source="agenda_item.number", read_only=True)
    speaker = EntitySummarySerializer(read_only=True)
    on_behalf_of = EntitySummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Intervention
        fields = (
            "id",
            "agenda_item",
            "meeting",
            "item_number",
            "position",
            "kind",
            "speaker",
            "on_behalf_of",
            "note_en",
            "note_zh",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class _InterventionInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=InterventionKind.choices)
    speaker = serializers.PrimaryKeyRelatedField(
        queryset=Entity.objects.all(), help_text="The entity that took the floor."
    )
    on_behalf_of = serializers.PrimaryKeyRelatedField(
        queryset=Entity.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The group it spoke for, e.g. the NAM and Other States.",
    )
    note_en = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    note_zh = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def validate(self, attrs):
        speaker = attrs.get("speaker")
        if speaker is not None and speaker == attrs.get("on_behalf_of"):
            raise serializers.ValidationError(
                {"on_behalf_of": _("A speaker does not speak on behalf of itself.")}
            )
        return attrs


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "On behalf of a group",
            value={"agenda_item": 12, "kind": "statement", "speaker": 31, "on_behalf_of": 204},
            request_only=True,
        )
    ]
)
class RecordInterventionInputSerializer(_InterventionInput):
    agenda_item = serializers.PrimaryKeyRelatedField(queryset=AgendaItem.objects.all())
    position = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        default=None,
        help_text="Where to insert it; last if left out.",
    )


class CorrectInterventionInputSerializer(_InterventionInput):
    """Any of the fields; those left out stay as they are."""


@extend_schema_serializer(
    examples=[OpenApiExample("New order", value={"ordered_ids": [31, 29, 30]}, request_only=True)]
)
class ReorderInterventionsInputSerializer(serializers.Serializer):
    ordered_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        help_text="The ids of all the item's interventions, in their new order.",
    )
