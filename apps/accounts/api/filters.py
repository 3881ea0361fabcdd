import django_filters

from ..enums import Role
from ..models import User

# Ids and numbers are 64-bit at most: larger values are a 400, not a database overflow.
ID_BOUNDS = {"min_value": 0, "max_value": 2**63 - 1}


class UserFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices, label="The user's role.")
    entity = django_filters.NumberFilter(
        **ID_BOUNDS, field_name="entity_id", label="The id of the State a focal point acts for."
    )
    is_active = django_filters.BooleanFilter(label="Whether the account may sign in.")

    class Meta:
        model = User
        fields = ("role", "entity", "is_active")
