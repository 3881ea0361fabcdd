from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from apps.core.serializers import ModelSerializer

from ..enums import TreatyStatusKind
from ..models import Entity, RegionalGroup, TreatyStatus


class EntitySummarySerializer(ModelSerializer):
    """An entity as other resources name it (a speaker, a delegation's State)."""

    class Meta:
        model = Entity
        fields = ("id", "code", "kind", "name_en", "name_zh", "abbreviation_en")
        read_only_fields = fields


class RegionalGroupSerializer(ModelSerializer):
    member_count = serializers.IntegerField(
        read_only=True, help_text="States of the group in the registry."
    )

    class Meta:
        model = RegionalGroup
        fields = (
            "id",
            "code",
            "name_en",
            "name_zh",
            "name_fr",
            "name_ru",
            "name_es",
            "name_ar",
            "short_name_en",
            "short_name_zh",
            "member_count",
        )


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "A State",
            value={
                "code": "PAN",
                "kind": "state",
                "name_en": "Panama",
                "name_zh": "巴拿马",
                "formal_name_en": "the Republic of Panama",
                "iso2": "PA",
                "iso3": "PAN",
                "regional_group": "nam",
            },
            request_only=True,
        ),
        OpenApiExample(
            "A United Nations entity",
            value={
                "code": "UNIDIR",
                "kind": "un_entity",
                "name_en": "United Nations Institute for Disarmament Research",
                "abbreviation_en": "UNIDIR",
                "abbreviation_zh": "裁研所",
            },
            request_only=True,
        ),
    ]
)
class EntitySerializer(ModelSerializer):
    regional_group = serializers.SlugRelatedField(
        slug_field="code",
        queryset=RegionalGroup.objects.all(),
        required=False,
        allow_null=True,
        help_text="The code of the BWC regional group a State belongs to, e.g. `nam`.",
    )

    class Meta:
        model = Entity
        fields = (
            "id",
            "code",
            "kind",
            "name_en",
            "name_zh",
            "name_fr",
            "name_ru",
            "name_es",
            "name_ar",
            "name_en_in_text",
            "formal_name_en",
            "formal_name_zh",
            "abbreviation_en",
            "abbreviation_zh",
            "iso2",
            "iso3",
            "regional_group",
            "notes",
            "created_at",
            "updated_at",
        )


class TreatyStatusSerializer(ModelSerializer):
    class Meta:
        model = TreatyStatus
        fields = ("id", "status", "effective_from", "source")
        read_only_fields = fields


class StateSerializer(ModelSerializer):
    regional_group = serializers.SlugRelatedField(slug_field="code", read_only=True)
    treaty_status = serializers.ChoiceField(
        choices=TreatyStatusKind.choices,
        read_only=True,
        help_text="The State's status under the Convention on the date `on` (today by default).",
    )
    treaty_statuses = TreatyStatusSerializer(
        many=True, read_only=True, help_text="Every recorded status, oldest first."
    )

    class Meta:
        model = Entity
        fields = (
            "id",
            "iso3",
            "iso2",
            "code",
            "name_en",
            "name_zh",
            "name_fr",
            "name_ru",
            "name_es",
            "name_ar",
            "formal_name_en",
            "formal_name_zh",
            "regional_group",
            "treaty_status",
            "treaty_statuses",
        )
        read_only_fields = fields


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "An accession",
            value={
                "status": "state_party",
                "effective_from": "2024-03-01",
                "source": "Depositary notification",
            },
            request_only=True,
        )
    ]
)
class RecordTreatyStatusInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=TreatyStatusKind.choices)
    effective_from = serializers.DateField(help_text="The date from which the status holds.")
    source = serializers.CharField(
        max_length=255,
        required=False,
        allow_blank=True,
        default="",
        help_text="What establishes it, e.g. a depositary notification.",
    )
