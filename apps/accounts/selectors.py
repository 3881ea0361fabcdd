"""Reads of user accounts."""

from django.db.models import QuerySet

from .models import User


def users_for_list() -> QuerySet[User]:
    """Users by username, with the State a focal point acts for; one query."""
    return User.objects.select_related("entity").order_by("username")
