from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from apps.accounts.models import User
from apps.accounts.permissions import role_of
from apps.agendas.api.serializers import AgendaSerializer
from apps.agendas.models import Agenda
from apps.core.serializers import ModelSerializer
from apps.delegations.enums import CATEGORY_ORDER, Rule44Category
from apps.delegations.selectors import delegations_per_category
from apps.entities.models import RegionalGroup

from ..enums import PostponementAuthority
from ..models import ChairRotation, Meeting, Officer, Postponement, PostponementLetter


class UserSummarySerializer(ModelSerializer):
    class Meta:
        model = User
        fields = ("id", "username")
        read_only_fields = fields


class TransitionSerializer(serializers.Serializer):
    """A change of status, as the object's history recorded it: from what, to what, when, who."""

    from_status = serializers.CharField(
        allow_null=True, help_text="The status before; null for the record that created it."
    )
    to_status = serializers.CharField()
    at = serializers.DateTimeField()
    by = UserSummarySerializer(allow_null=True, help_text="Who made the change.")


class MeetingSerializer(ModelSerializer):
    parent_series = serializers.CharField(
        source="parent.series",
        read_only=True,
        allow_null=True,
        help_text="The series of the meeting this one is part of.",
    )

    class Meta:
        model = Meeting
        fields = (
            "id",
            "series",
            "kind",
            "status",
            "parent",
            "parent_series",
            "year",
            "number",
            "title_en",
            "title_zh",
            "title_fr",
            "title_ru",
            "title_es",
            "title_ar",
            "scheduled_start",
            "scheduled_end",
            "start_date",
            "end_date",
            "venue_en",
            "venue_zh",
            "rules_of_procedure",
            "rules_applied_mutatis_mutandis",
            "report_adopted_on",
            "mandate_en",
            "mandate_zh",
            "chair_summary_en",
            "chair_summary_zh",
            "notes",
            "created_at",
            "updated_at",
        )
        # The status and the actual dates move only through the transitions.
        read_only_fields = ("status", "start_date", "end_date", "report_adopted_on")


class PostponementLetterSerializer(ModelSerializer):
    class Meta:
        model = PostponementLetter
        fields = ("dated", "author_en", "author_zh", "reference")


class PostponementSerializer(ModelSerializer):
    letters = PostponementLetterSerializer(many=True, read_only=True)

    class Meta:
        model = Postponement
        fields = (
            "position",
            "from_start",
            "from_end",
            "to_start",
            "to_end",
            "authority",
            "decided_on",
            "reason_en",
            "reason_zh",
            "letters",
        )
        read_only_fields = fields


class OfficerSerializer(ModelSerializer):
    entity_code = serializers.CharField(source="entity.code", read_only=True, allow_null=True)
    regional_group = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Officer
        fields = (
            "position",
            "role",
            "honorific",
            "name_en",
            "name_zh",
            "title_en",
            "title_zh",
            "entity",
            "entity_code",
            "regional_group",
        )
        read_only_fields = fields


class ParticipationSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Rule44Category.choices)
    label = serializers.CharField(help_text="The category's name in the request's language.")
    delegations = serializers.IntegerField(help_text="Delegations registered in the category.")
    stated_count = serializers.IntegerField(
        allow_null=True, help_text="The number the meeting's report states, where it states one."
    )


class MeetingDetailSerializer(MeetingSerializer):
    """A meeting with its agenda, how it moved, its officers and who takes part."""

    agenda = serializers.SerializerMethodField(help_text="Null while the meeting has none.")
    postponements = PostponementSerializer(many=True, read_only=True)
    officers = OfficerSerializer(many=True, read_only=True)
    participation = serializers.SerializerMethodField(
        help_text="Delegations per rule-44 category, in the report's order. Null for anonymous "
        "callers: the public sees participation in the final list of participants."
    )

    class Meta(MeetingSerializer.Meta):
        fields = (
            *MeetingSerializer.Meta.fields,
            "agenda",
            "postponements",
            "officers",
            "participation",
        )

    @extend_schema_field(AgendaSerializer(allow_null=True))
    def get_agenda(self, meeting):
        try:
            agenda = meeting.agenda
        except Agenda.DoesNotExist:
            return None
        return AgendaSerializer(agenda, context=self.context).data

    @extend_schema_field(ParticipationSerializer(many=True, allow_null=True))
    def get_participation(self, meeting):
        request = self.context.get("request")
        if request is None or role_of(request.user) is None:
            return None
        stated = {count.category: count.count for count in meeting.stated_counts.all()}
        # One grouped count for the meeting shown: cheaper than a subquery per category.
        counts = delegations_per_category(meeting)
        rows = [
            {
                "category": category,
                "label": Rule44Category(category).label,
                "delegations": counts.get(category, 0),
                "stated_count": stated.get(category),
            }
            for category in CATEGORY_ORDER
        ]
        return ParticipationSerializer(rows, many=True).data


class MeetingTransitionSerializer(serializers.Serializer):
    transition = TransitionSerializer()
    meeting = MeetingDetailSerializer()


class LetterInputSerializer(serializers.Serializer):
    dated = serializers.DateField()
    author_en = serializers.CharField(
        max_length=255, help_text="e.g. `the Chair of the 2020 Meeting of States Parties`."
    )
    author_zh = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    reference = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


def _letters_on_distinct_days(letters):
    days = [letter["dated"] for letter in letters]
    if len(days) != len(set(days)):
        raise serializers.ValidationError(_("Give one letter a day."))
    return letters


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "COVID-19, by silence procedure",
            value={
                "authority": "silence_procedure",
                "decided_on": "2020-07-31",
                "reason_en": "the COVID-19 pandemic",
                "letters": [
                    {
                        "dated": "2020-07-16",
                        "author_en": "the Chair of the 2020 Meeting of States Parties",
                        "reference": "BWC/MSP/2020/CRP.1",
                    }
                ],
            },
            request_only=True,
        )
    ]
)
class PostponeInputSerializer(serializers.Serializer):
    authority = serializers.ChoiceField(choices=PostponementAuthority.choices)
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)
    reason_en = serializers.CharField(required=False, allow_blank=True, default="")
    reason_zh = serializers.CharField(required=False, allow_blank=True, default="")
    letters = LetterInputSerializer(
        many=True,
        required=False,
        default=list,
        help_text="Letters that announced or decided it, one a day.",
    )

    def validate_letters(self, letters):
        return _letters_on_distinct_days(letters)


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "New dates",
            value={"start": "2021-04-01", "end": "2021-04-02"},
            request_only=True,
        )
    ]
)
class RescheduleInputSerializer(serializers.Serializer):
    start = serializers.DateField(help_text="The new first day.")
    end = serializers.DateField(help_text="The new last day.")
    letters = LetterInputSerializer(
        many=True, required=False, default=list, help_text="Letters that set the new dates."
    )

    def validate_letters(self, letters):
        return _letters_on_distinct_days(letters)

    def validate(self, attrs):
        if attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": _("The new end comes before the new start.")})
        return attrs


@extend_schema_serializer(
    examples=[OpenApiExample("First day", value={"on": "2021-04-01"}, request_only=True)]
)
class ConveneInputSerializer(serializers.Serializer):
    on = serializers.DateField(help_text="The day the meeting opens.")


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Last day",
            value={"on": "2021-04-02", "report_adopted_on": "2021-04-02"},
            request_only=True,
        )
    ]
)
class CloseInputSerializer(serializers.Serializer):
    on = serializers.DateField(help_text="The meeting's last day.")
    report_adopted_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The day the meeting adopted its report.",
    )


class ChairRotationSerializer(ModelSerializer):
    regional_group = serializers.SlugRelatedField(
        slug_field="code",
        queryset=RegionalGroup.objects.all(),
        help_text="The code of the chairing group, e.g. `nam`.",
    )

    class Meta:
        model = ChairRotation
        fields = ("id", "year", "body", "mx_number", "regional_group", "decided_by")
        validators = []  # the table's constraints are checked by the service, with reasons
