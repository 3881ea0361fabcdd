from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers

from apps.accounts.permissions import unknown_to_other_states
from apps.core.serializers import ModelSerializer
from apps.delegations.enums import Rule44Category
from apps.delegations.models import DelegationMember
from apps.meetings.api.serializers import TransitionSerializer, UserSummarySerializer
from apps.meetings.models import Meeting

from ..enums import ListKind, NominationStatus, RegistrationStatus, Session
from ..models import AttendanceRecord, Nomination, ParticipantList, Registration
from ..spreadsheets import COLUMNS

# Ids are 64-bit at most: larger values are a 400, not a database overflow.
ID_BOUNDS = {"min_value": 1, "max_value": 2**63 - 1}


# --- Registrations ---------------------------------------------------------------------------


class RegistrationSerializer(ModelSerializer):
    meeting_series = serializers.CharField(source="meeting.series", read_only=True)
    status = serializers.ChoiceField(choices=RegistrationStatus.choices, read_only=True)
    is_open = serializers.BooleanField(
        read_only=True,
        help_text="Whether focal points may submit now: open, and the meeting neither closed "
        "nor cancelled.",
    )
    opened_by = UserSummarySerializer(read_only=True, allow_null=True)
    closed_by = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Registration
        fields = (
            "id",
            "meeting",
            "meeting_series",
            "status",
            "is_open",
            "opened_at",
            "opened_by",
            "closed_at",
            "closed_by",
        )
        read_only_fields = fields


class CreateRegistrationInputSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(), help_text="The meeting; it has one registration."
    )


class RegistrationTransitionSerializer(serializers.Serializer):
    transition = TransitionSerializer()
    registration = RegistrationSerializer()


# --- Nominations -----------------------------------------------------------------------------


class NominatedMemberSerializer(ModelSerializer):
    class Meta:
        model = DelegationMember
        fields = ("id", "role", "position", "honorific", "family_name", "given_name", "title")
        read_only_fields = fields


class NominationSerializer(ModelSerializer):
    member = NominatedMemberSerializer(read_only=True)
    delegation = serializers.IntegerField(source="member.delegation_id", read_only=True)
    meeting = serializers.IntegerField(source="member.delegation.meeting_id", read_only=True)
    entity_code = serializers.CharField(source="member.delegation.entity.code", read_only=True)
    category = serializers.ChoiceField(
        source="member.delegation.category", choices=Rule44Category.choices, read_only=True
    )
    status = serializers.ChoiceField(choices=NominationStatus.choices, read_only=True)
    submitted_by = UserSummarySerializer(read_only=True, allow_null=True)
    decided_by = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Nomination
        fields = (
            "id",
            "member",
            "delegation",
            "meeting",
            "entity_code",
            "category",
            "status",
            "late",
            "reason",
            "submitted_at",
            "submitted_by",
            "decided_at",
            "decided_by",
        )
        read_only_fields = fields


@extend_schema_serializer(
    examples=[OpenApiExample("Nominate a member", value={"member": 812}, request_only=True)]
)
class SubmitNominationInputSerializer(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(
        queryset=DelegationMember.objects.select_related(
            "delegation__meeting__registration", "delegation__entity"
        ),
        help_text="The delegation member to nominate (added through /delegation-members/).",
    )

    def validate_member(self, member):
        unknown_to_other_states(self, "member", member, member.delegation.entity_id)
        return member


class ReturnNominationInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000, help_text="Why the nomination is returned; the focal point reads it."
    )


class WithdrawNominationInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default="", help_text="Why, if said."
    )


class NominationTransitionSerializer(serializers.Serializer):
    transition = TransitionSerializer()
    nomination = NominationSerializer()


# --- Attendance ------------------------------------------------------------------------------


class AttendanceRecordSerializer(ModelSerializer):
    member = NominatedMemberSerializer(read_only=True)
    delegation = serializers.IntegerField(source="member.delegation_id", read_only=True)
    meeting = serializers.IntegerField(source="member.delegation.meeting_id", read_only=True)
    entity_code = serializers.CharField(source="member.delegation.entity.code", read_only=True)
    category = serializers.ChoiceField(
        source="member.delegation.category", choices=Rule44Category.choices, read_only=True
    )
    recorded_by = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = AttendanceRecord
        fields = (
            "id",
            "member",
            "delegation",
            "meeting",
            "entity_code",
            "category",
            "day",
            "session",
            "checked_in_at",
            "recorded_by",
        )
        read_only_fields = fields


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "A morning check-in",
            value={"member": 812, "day": "2021-04-01", "session": "morning"},
            request_only=True,
        )
    ]
)
class CheckInInputSerializer(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(
        queryset=DelegationMember.objects.all(), help_text="An accredited delegation member."
    )
    day = serializers.DateField(help_text="A day on which the meeting sits.")
    session = serializers.ChoiceField(
        choices=Session.choices, required=False, default=Session.DAY, help_text="`day` if left out."
    )


class ParticipationQuerySerializer(serializers.Serializer):
    meeting = serializers.IntegerField(**ID_BOUNDS, help_text="The meeting's id.")


class ParticipatingDelegationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    entity_code = serializers.CharField(source="entity.code")
    name_en = serializers.CharField(source="entity.name_en")
    attended_members = serializers.IntegerField(help_text="Members with at least one check-in.")
    check_ins = serializers.IntegerField(help_text="Check-ins of its members, all days.")


class ParticipationCategorySerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Rule44Category.choices)
    count = serializers.IntegerField(help_text="Delegations that took part.")
    delegations = ParticipatingDelegationSerializer(many=True)


# --- Lists of participants -------------------------------------------------------------------


class ParticipantListSerializer(ModelSerializer):
    meeting_series = serializers.CharField(source="meeting.series", read_only=True)
    symbol = serializers.CharField(source="document.symbol", read_only=True)
    document = serializers.IntegerField(source="document_id", read_only=True)
    document_status = serializers.CharField(source="document.status", read_only=True)
    issued_by = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = ParticipantList
        fields = (
            "id",
            "meeting",
            "meeting_series",
            "kind",
            "symbol",
            "document",
            "document_status",
            "delegation_count",
            "member_count",
            "issued_at",
            "issued_by",
        )
        read_only_fields = fields


class SnapshotMemberSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    role = serializers.CharField()
    honorific = serializers.CharField(allow_blank=True)
    family_name = serializers.CharField()
    given_name = serializers.CharField(allow_blank=True)
    title = serializers.CharField(allow_blank=True)


class SnapshotDelegationSerializer(serializers.Serializer):
    entity_code = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField(allow_blank=True)
    position = serializers.IntegerField()
    members = SnapshotMemberSerializer(many=True)


class SnapshotCategorySerializer(serializers.Serializer):
    category = serializers.CharField()
    delegations = SnapshotDelegationSerializer(many=True)


class SnapshotCountsSerializer(serializers.Serializer):
    delegations = serializers.IntegerField()
    members = serializers.IntegerField()
    by_category = serializers.DictField(child=serializers.IntegerField())


class SnapshotSerializer(serializers.Serializer):
    """The list as issued: categories in the report's order, delegations in order, their
    accredited members."""

    symbol = serializers.CharField()
    kind = serializers.CharField()
    series = serializers.CharField()
    categories = SnapshotCategorySerializer(many=True)
    counts = SnapshotCountsSerializer()


class ParticipantListDetailSerializer(ParticipantListSerializer):
    snapshot = SnapshotSerializer(read_only=True)

    class Meta(ParticipantListSerializer.Meta):
        fields = (*ParticipantListSerializer.Meta.fields, "snapshot")
        read_only_fields = fields


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Issue the final list (INF.1)", value={"meeting": 7, "kind": "final"}, request_only=True
        )
    ]
)
class IssueListInputSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    kind = serializers.ChoiceField(
        choices=ListKind.choices,
        help_text="`provisional` mints MISC.1, `final` INF.1, `revision` the next INF.1/Rev.N.",
    )
    issue_date = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Today if left out."
    )


class DiffQuerySerializer(serializers.Serializer):
    against = serializers.IntegerField(
        **ID_BOUNDS, help_text="The id of the other list of the same meeting (the older one)."
    )


class DiffDelegationSerializer(serializers.Serializer):
    entity_code = serializers.CharField()
    name_en = serializers.CharField(required=False)
    category = serializers.CharField(required=False)
    changes = serializers.DictField(
        child=serializers.ListField(), required=False, help_text="field: [before, after]"
    )


class DiffMemberSerializer(serializers.Serializer):
    entity_code = serializers.CharField()
    family_name = serializers.CharField()
    given_name = serializers.CharField(allow_blank=True)
    role = serializers.CharField(required=False)
    title = serializers.CharField(required=False, allow_blank=True)
    changes = serializers.DictField(
        child=serializers.ListField(), required=False, help_text="field: [before, after]"
    )


class DiffDelegationsSerializer(serializers.Serializer):
    added = DiffDelegationSerializer(many=True)
    removed = DiffDelegationSerializer(many=True)
    changed = DiffDelegationSerializer(many=True)


class DiffMembersSerializer(serializers.Serializer):
    added = DiffMemberSerializer(many=True)
    removed = DiffMemberSerializer(many=True)
    changed = DiffMemberSerializer(many=True)


class ListDiffSerializer(serializers.Serializer):
    older = ParticipantListSerializer(help_text="The list compared against (`against`).")
    newer = ParticipantListSerializer(help_text="The list asked about.")
    delegations = DiffDelegationsSerializer()
    members = DiffMembersSerializer()


# --- Import and export -----------------------------------------------------------------------


class ImportInputSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    file = serializers.FileField(
        help_text="CSV (UTF-8) or XLSX with the columns "
        + ", ".join(f"`{c}`" for c in COLUMNS)
        + "; the first row names them."
    )
    dry_run = serializers.BooleanField(
        required=False, default=False, help_text="Only check and report; write nothing."
    )
    accredit = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Accredit the imported members (a registration desk's form); otherwise "
        "their nominations are submitted.",
    )


class ImportRowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="As the spreadsheet numbers it; headings are row 1.")
    column = serializers.CharField(allow_null=True)
    code = serializers.CharField()
    message = serializers.CharField()


class ImportReportSerializer(serializers.Serializer):
    meeting = serializers.CharField(help_text="The meeting's series.")
    file_format = serializers.ChoiceField(choices=("csv", "xlsx"))
    dry_run = serializers.BooleanField()
    accredit = serializers.BooleanField()
    valid = serializers.BooleanField(help_text="Every row is good.")
    written = serializers.BooleanField()
    rows = serializers.IntegerField(help_text="Rows read (blank rows skipped).")
    delegations_created = serializers.IntegerField(help_text="Created, or to be (dry run).")
    members_created = serializers.IntegerField(help_text="Created, or to be (dry run).")
    errors = ImportRowErrorSerializer(many=True)


class ExportQuerySerializer(serializers.Serializer):
    meeting = serializers.IntegerField(**ID_BOUNDS, help_text="The meeting's id.")
    file_format = serializers.ChoiceField(
        choices=(("csv", "CSV (UTF-8 with BOM)"), ("xlsx", "XLSX")),
        default="csv",
        help_text="`csv` or `xlsx`.",
    )
    status = serializers.ChoiceField(
        choices=NominationStatus.choices,
        required=False,
        allow_null=True,
        default=None,
        help_text="Only members whose nomination has this status; all members if left out.",
    )
