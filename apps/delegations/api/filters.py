import django_filters

from ..enums import MemberRole, Rule44Category
from ..models import Delegation, DelegationMember

# Ids and numbers are 64-bit at most: larger values are a 400, not a database overflow.
ID_BOUNDS = {"min_value": 0, "max_value": 2**63 - 1}


class DelegationFilter(django_filters.FilterSet):
    meeting = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="meeting_id", label="The meeting's id."
    )
    entity = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="entity_id", label="The id of the State or organization."
    )
    category = django_filters.ChoiceFilter(
        choices=Rule44Category.choices, label="The rule-44 category."
    )

    class Meta:
        model = Delegation
        fields = ("meeting", "entity", "category")


class DelegationMemberFilter(django_filters.FilterSet):
    delegation = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="delegation_id", label="The delegation's id."
    )
    meeting = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="delegation__meeting_id", label="The meeting's id."
    )
    role = django_filters.ChoiceFilter(choices=MemberRole.choices, label="The member's role.")

    class Meta:
        model = DelegationMember
        fields = ("delegation", "meeting", "role")
