import pytest
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.enums import Role
from apps.accounts.models import User
from tests.factories.accounts import UserFactory
from tests.factories.entities import StateFactory

pytestmark = pytest.mark.django_db


def test_user_is_registered():
    assert [model for model in admin.site._registry if model._meta.app_label == "accounts"] == [
        User
    ]


def test_user_change_view_picks_the_state_of_a_focal_point_by_autocomplete(admin_client):
    focal_point = UserFactory(role=Role.FOCAL_POINT, entity=StateFactory())

    response = admin_client.get(reverse("admin:accounts_user_change", args=[focal_point.pk]))

    assert type(response.context["adminform"].form.fields["entity"].widget.widget) is (
        AutocompleteSelect
    )


def test_user_changelist_query_count_is_constant(admin_client):
    UserFactory(role=Role.FOCAL_POINT, entity=StateFactory())
    admin_client.get(reverse("admin:accounts_user_changelist"))  # warm the session
    with CaptureQueriesContext(connection) as one:
        admin_client.get(reverse("admin:accounts_user_changelist"))
    UserFactory(role=Role.FOCAL_POINT, entity=StateFactory())
    UserFactory(role=Role.FOCAL_POINT, entity=StateFactory())

    with CaptureQueriesContext(connection) as three:
        response = admin_client.get(reverse("admin:accounts_user_changelist"))

    assert response.context["cl"].result_count == 4  # the admin and three focal points
    # session, user, filtered count, full count, rows (entity joined)
    assert len(one) == len(three) == 5
