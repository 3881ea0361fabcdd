import django_filters

from apps.delegations.enums import Rule44Category

from ..enums import ListKind, NominationStatus, RegistrationStatus, Session
from ..models import AttendanceRecord, Nomination, ParticipantList, Registration

# Ids and numbers are 64-bit at most: larger values are a 400, not a database overflow.
ID_BOUNDS = {"min_value": 0, "max_value": 2**63 - 1}


class RegistrationFilter(django_filters.FilterSet):
    meeting = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="meeting_id", label="The meeting's id."
    )
    status = django_filters.ChoiceFilter(
        choices=RegistrationStatus.choices, label="The registration's status."
    )

    class Meta:
        model = Registration
        fields = ("meeting", "status")


class NominationFilter(django_filters.FilterSet):
    meeting = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="member__delegation__meeting_id", label="The meeting's id."
    )
    delegation = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="member__delegation_id", label="The delegation's id."
    )
    entity = django_filters.NumberFilter(
        **ID_BOUNDS,
        field_name="member__delegation__entity_id",
        label="The id of the State or organization.",
    )
    category = django_filters.ChoiceFilter(
        field_name="member__delegation__category",
        choices=Rule44Category.choices,
        label="The delegation's rule-44 category.",
    )
    status = django_filters.ChoiceFilter(
        choices=NominationStatus.choices, label="The nomination's status."
    )
    late = django_filters.BooleanFilter(label="Submitted after a list of participants was issued.")

    class Meta:
        model = Nomination
        fields = ("meeting", "delegation", "entity", "category", "status", "late")


class AttendanceRecordFilter(django_filters.FilterSet):
    meeting = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="member__delegation__meeting_id", label="The meeting's id."
    )
    delegation = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="member__delegation_id", label="The delegation's id."
    )
    member = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="member_id", label="The delegation member's id."
    )
    day = django_filters.DateFilter(label="The day (YYYY-MM-DD).")
    session = django_filters.ChoiceFilter(choices=Session.choices, label="The session.")

    class Meta:
        model = AttendanceRecord
        fields = ("meeting", "delegation", "member", "day", "session")


class ParticipantListFilter(django_filters.FilterSet):
    meeting = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="meeting_id", label="The meeting's id."
    )
    kind = django_filters.ChoiceFilter(choices=ListKind.choices, label="The kind of list.")

    class Meta:
        model = ParticipantList
        fields = ("meeting", "kind")
