import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.models import HistoricalChanges

from apps.entities.enums import EntityKind, TreatyStatusKind
from apps.entities.models import Entity, TreatyStatus
from tests.factories.delegations import DelegationFactory
from tests.factories.entities import (
    OrganizationFactory,
    RegionalGroupFactory,
    StateFactory,
    TreatyStatusFactory,
)

pytestmark = pytest.mark.django_db

APP_LABEL = "entities"
REGISTERED = [model for model in admin.site._registry if model._meta.app_label == APP_LABEL]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def rows():
    group = RegionalGroupFactory(code="wg", name_en="Western Group", name_zh="西方集团")
    state = StateFactory(
        name_en="Panama", name_zh="巴拿马", iso3="PAN", code="PAN", regional_group=group
    )
    TreatyStatusFactory(entity=state, effective_from=datetime.date(1974, 3, 20))
    OrganizationFactory()


def test_every_entities_model_is_registered():
    concrete = {
        model
        for model in apps.get_app_config(APP_LABEL).get_models()
        if not issubclass(model, HistoricalChanges)
    }

    assert concrete == set(REGISTERED)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_admin_changelist_renders_with_rows(admin_client, rows, model):
    response = admin_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == model._default_manager.count()


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_admin_add_view_renders(admin_client, model):
    response = admin_client.get(admin_url(model, "add"))

    assert response.status_code == 200
    assert response.context["adminform"].form._meta.model == model


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_admin_change_view_renders(admin_client, rows, model):
    obj = model._default_manager.first()

    response = admin_client.get(admin_url(model, "change", obj.pk))

    assert response.status_code == 200
    assert response.context["original"] == obj


def test_entity_search_finds_a_state_by_chinese_name(admin_client):
    panama = StateFactory(name_en="Panama", name_zh="巴拿马")
    StateFactory(name_en="Peru", name_zh="秘鲁")

    response = admin_client.get(admin_url(Entity, "changelist"), {"q": "巴拿马"})

    assert list(response.context["cl"].result_list) == [panama]


def test_entity_search_finds_a_state_by_iso_code_and_an_organization_by_abbreviation(admin_client):
    panama = StateFactory(iso3="PAN", code="PAN")
    unidir = OrganizationFactory(
        kind=EntityKind.UN_ENTITY, code="UNIDIR", abbreviation_en="UNIDIR", abbreviation_zh="裁研所"
    )

    by_iso = admin_client.get(admin_url(Entity, "changelist"), {"q": "PAN"})
    by_abbreviation = admin_client.get(admin_url(Entity, "changelist"), {"q": "裁研所"})

    assert list(by_iso.context["cl"].result_list) == [panama]
    assert list(by_abbreviation.context["cl"].result_list) == [unidir]


def test_entity_filter_by_kind_and_regional_group_narrows_the_list(admin_client):
    nam = RegionalGroupFactory(code="nam")
    in_nam = StateFactory(regional_group=nam)
    StateFactory(regional_group=RegionalGroupFactory(code="eeg"))
    OrganizationFactory()

    response = admin_client.get(
        admin_url(Entity, "changelist"),
        {"kind__exact": EntityKind.STATE, "regional_group__id__exact": nam.pk},
    )

    assert list(response.context["cl"].result_list) == [in_nam]


def test_entity_changelist_shows_the_treaty_status_in_effect_today(admin_client):
    state = StateFactory()
    TreatyStatusFactory(
        entity=state, status=TreatyStatusKind.SIGNATORY, effective_from=datetime.date(1972, 4, 10)
    )
    TreatyStatusFactory(
        entity=state, status=TreatyStatusKind.STATE_PARTY, effective_from=datetime.date(1975, 3, 26)
    )

    response = admin_client.get(admin_url(Entity, "changelist"))

    [row] = response.context["cl"].result_list
    assert response.context["cl"].model_admin.treaty_status_today(row) == "State Party"


def test_entity_add_with_treaty_statuses_creates_both_and_records_who(admin_client, admin_user):
    response = admin_client.post(
        admin_url(Entity, "add"),
        {
            "code": "PAN",
            "kind": EntityKind.STATE,
            "iso2": "PA",
            "iso3": "PAN",
            "name_en": "Panama",
            "name_zh": "巴拿马",
            "treaty_statuses-TOTAL_FORMS": "1",
            "treaty_statuses-INITIAL_FORMS": "0",
            "treaty_statuses-0-effective_from": "1974-03-20",
            "treaty_statuses-0-status": TreatyStatusKind.STATE_PARTY,
            "treaty_statuses-0-source": "Depositary notification",
        },
    )

    assert response.status_code == 302
    panama = Entity.objects.get(code="PAN")
    assert list(
        TreatyStatus.objects.filter(entity=panama).values_list("status", "effective_from")
    ) == [(TreatyStatusKind.STATE_PARTY, datetime.date(1974, 3, 20))]
    assert panama.history.get().history_user == admin_user


def test_entity_autocomplete_finds_a_state_by_chinese_name(admin_client):
    panama = StateFactory(name_zh="巴拿马")
    StateFactory(name_zh="秘鲁")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "accounts", "model_name": "user", "field_name": "entity", "term": "巴拿"},
    )

    assert [row["id"] for row in response.json()["results"]] == [str(panama.pk)]


def test_entity_kind_is_fixed_once_it_has_a_delegation(admin_client):
    state = StateFactory()
    DelegationFactory(entity=state)

    response = admin_client.get(admin_url(Entity, "change", state.pk))

    assert "kind" not in response.context["adminform"].form.fields


def test_entity_changelist_query_count_is_constant(admin_client):
    def add_state():
        TreatyStatusFactory(entity=StateFactory(regional_group=RegionalGroupFactory(code="nam")))

    add_state()
    admin_client.get(admin_url(Entity, "changelist"))  # warm the session
    with CaptureQueriesContext(connection) as one:
        admin_client.get(admin_url(Entity, "changelist"))
    add_state()
    add_state()

    with CaptureQueriesContext(connection) as three:
        response = admin_client.get(admin_url(Entity, "changelist"))

    assert response.context["cl"].result_count == 3
    # session, user, the regional group filter's values, filtered count, full count, rows
    # (group joined, today's treaty status a subquery)
    assert len(one) == len(three) == 6
