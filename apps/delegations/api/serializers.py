from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from apps.accounts.permissions import unknown_to_other_states
from apps.core.serializers import ModelSerializer
from apps.entities.api.serializers import EntitySummarySerializer
from apps.entities.models import Entity
from apps.meetings.models import Meeting

from ..enums import Rule44Category
from ..models import MEMBER_FIELDS, Delegation, DelegationMember
from ..selectors import LISTED_MEMBER_FIELDS


class MemberSummarySerializer(ModelSerializer):
    """A member as a delegation lists it, from a row of `selectors.attach_member_rows`."""

    class Meta:
        model = DelegationMember
        fields = LISTED_MEMBER_FIELDS
        read_only_fields = fields

    def to_representation(self, instance):
        # A page of delegations nests hundreds of members: the row's plain columns are what
        # the fields would give (strings and integers), so they go out as they are.
        return instance


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "A head of delegation",
            value={
                "delegation": 88,
                "role": "head",
                "honorific": "ms",
                "given_name": "Ana",
                "family_name": "Pérez",
                "title": "Ambassador, Permanent Representative",
            },
            request_only=True,
        )
    ]
)
class DelegationMemberSerializer(ModelSerializer):
    delegation = serializers.PrimaryKeyRelatedField(queryset=Delegation.objects.all())
    meeting = serializers.IntegerField(source="delegation.meeting_id", read_only=True)
    entity_code = serializers.CharField(source="delegation.entity.code", read_only=True)
    position = serializers.IntegerField(
        min_value=0, max_value=2_147_483_647, required=False, help_text="Last if left out."
    )

    class Meta:
        model = DelegationMember
        fields = ("id", "delegation", "meeting", "entity_code", *MEMBER_FIELDS)
        validators = []  # one head, unique positions: the service checks them with reasons

    def validate_delegation(self, delegation):
        unknown_to_other_states(self, "delegation", delegation, delegation.entity_id)
        if self.instance is not None and delegation != self.instance.delegation:
            raise serializers.ValidationError(_("A member does not move between delegations."))
        return delegation


class DelegationSerializer(ModelSerializer):
    meeting_series = serializers.CharField(source="meeting.series", read_only=True)
    entity = EntitySummarySerializer(read_only=True)
    members = MemberSummarySerializer(many=True, read_only=True, source="member_rows")
    participated = serializers.BooleanField(
        read_only=True, help_text="Whether a member checked in on any day of the meeting."
    )

    class Meta:
        model = Delegation
        fields = (
            "id",
            "meeting",
            "meeting_series",
            "entity",
            "category",
            "position",
            "listed_name_en",
            "listed_name_zh",
            "notes",
            "members",
            "participated",
        )
        read_only_fields = fields


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "A State, its category from its treaty status",
            value={"meeting": 7, "entity": 31},
            request_only=True,
        ),
        OpenApiExample(
            "An organization under rule 44.4",
            value={"meeting": 7, "entity": 204, "category": "international_organization"},
            request_only=True,
        ),
    ]
)
class CreateDelegationInputSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    entity = serializers.PrimaryKeyRelatedField(
        queryset=Entity.objects.all(), help_text="The State or organization."
    )
    category = serializers.ChoiceField(
        choices=Rule44Category.choices,
        required=False,
        allow_null=True,
        default=None,
        help_text="If left out: from the State's treaty status on the meeting's first day, or "
        "from the organization's kind.",
    )
    position = serializers.IntegerField(
        min_value=0,
        max_value=2_147_483_647,
        required=False,
        allow_null=True,
        default=None,
        help_text="Place in its category's list; last if left out.",
    )
    listed_name_en = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )
    listed_name_zh = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class UpdateDelegationInputSerializer(serializers.Serializer):
    """Any of the fields; those left out stay as they are."""

    category = serializers.ChoiceField(choices=Rule44Category.choices)
    position = serializers.IntegerField(min_value=0, max_value=2_147_483_647)
    listed_name_en = serializers.CharField(max_length=255, allow_blank=True)
    listed_name_zh = serializers.CharField(max_length=255, allow_blank=True)
    notes = serializers.CharField(allow_blank=True)
