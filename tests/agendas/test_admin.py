import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.models import HistoricalChanges

from apps.agendas.enums import AgendaStatus, InterventionKind
from apps.agendas.models import Agenda, AgendaItem, Intervention
from apps.entities.enums import EntityKind
from tests.factories.agendas import AgendaFactory, AgendaItemFactory, InterventionFactory
from tests.factories.entities import OrganizationFactory, StateFactory
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db

APP_LABEL = "agendas"
REGISTERED = [model for model in admin.site._registry if model._meta.app_label == APP_LABEL]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def rows():
    item = AgendaItemFactory()
    InterventionFactory(agenda_item=item, on_behalf_of=OrganizationFactory(kind=EntityKind.GROUP))


def test_every_agendas_model_is_registered():
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


def test_agenda_add_view_takes_the_meeting_from_the_link(admin_client):
    meeting = MeetingFactory()

    response = admin_client.get(admin_url(Agenda, "add"), {"meeting": meeting.pk})

    assert response.context["adminform"].form.initial["meeting"] == str(meeting.pk)


def test_agenda_add_with_items_creates_them(admin_client, admin_user):
    meeting = MeetingFactory(series="BWC/MSP/2020/MX.5")

    response = admin_client.post(
        admin_url(Agenda, "add"),
        {
            "meeting": meeting.pk,
            "symbol": "BWC/MSP/2020/MX.5/1",
            "status": AgendaStatus.ADOPTED,
            "adopted_on": "2021-09-01",
            "proposed_by_chair": "on",
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "0",
            "items-0-number": "1",
            "items-0-title_en": "Opening of the meeting",
            "items-0-title_zh": "会议开幕",
            "items-1-number": "2",
            "items-1-title_en": "Adoption of the agenda",
            "items-1-title_zh": "通过议程",
        },
    )

    assert response.status_code == 302
    agenda = Agenda.objects.get(meeting=meeting)
    assert (agenda.status, agenda.adopted_on) == (AgendaStatus.ADOPTED, datetime.date(2021, 9, 1))
    assert list(agenda.items.values_list("number", "title_zh")) == [
        (1, "会议开幕"),
        (2, "通过议程"),
    ]
    assert agenda.history.get().history_user == admin_user


def test_agenda_add_rejects_an_adopted_agenda_without_date(admin_client):
    meeting = MeetingFactory()

    response = admin_client.post(
        admin_url(Agenda, "add"),
        {
            "meeting": meeting.pk,
            "status": AgendaStatus.ADOPTED,
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
    )

    assert response.context["adminform"].form.errors == {
        "adopted_on": ["An adopted agenda has an adoption date; a provisional one has none."]
    }


def test_agenda_item_add_with_interventions_creates_them_in_order(admin_client):
    agenda = AgendaFactory()
    isu = OrganizationFactory(kind=EntityKind.UN_ENTITY, name_en="Implementation Support Unit")
    azerbaijan = StateFactory(name_en="Azerbaijan")
    nam = OrganizationFactory(kind=EntityKind.GROUP, name_en="Group of the NAM and Other States")

    response = admin_client.post(
        admin_url(AgendaItem, "add"),
        {
            "agenda": agenda.pk,
            "number": "5",
            "title_en": "Institutional strengthening of the Convention",
            "interventions-TOTAL_FORMS": "2",
            "interventions-INITIAL_FORMS": "0",
            "interventions-0-position": "2",
            "interventions-0-kind": InterventionKind.STATEMENT,
            "interventions-0-speaker": azerbaijan.pk,
            "interventions-0-on_behalf_of": nam.pk,
            "interventions-1-position": "1",
            "interventions-1-kind": InterventionKind.BRIEFING,
            "interventions-1-speaker": isu.pk,
        },
    )

    assert response.status_code == 302
    item = AgendaItem.objects.get(agenda=agenda, number=5)
    assert [str(intervention) for intervention in item.interventions.order_by("position")] == [
        "Briefing: Implementation Support Unit",
        "Statement: Azerbaijan on behalf of Group of the NAM and Other States",
    ]


def test_agenda_item_change_view_lists_interventions_by_position(admin_client):
    item = AgendaItemFactory()
    second = InterventionFactory(agenda_item=item, position=2)
    first = InterventionFactory(agenda_item=item, position=1)

    response = admin_client.get(admin_url(AgendaItem, "change", item.pk))

    [interventions] = response.context["inline_admin_formsets"]
    assert [form.instance for form in interventions.formset.initial_forms] == [first, second]


def test_intervention_search_finds_a_speaker_by_chinese_name(admin_client):
    china = InterventionFactory(speaker=StateFactory(name_zh="中国"))
    InterventionFactory(speaker=StateFactory(name_zh="巴拿马"))

    response = admin_client.get(admin_url(Intervention, "changelist"), {"q": "中国"})

    assert list(response.context["cl"].result_list) == [china]


def test_intervention_filter_by_kind_narrows_the_list(admin_client):
    briefing = InterventionFactory(kind=InterventionKind.BRIEFING)
    InterventionFactory(kind=InterventionKind.DISCUSSION)

    response = admin_client.get(
        admin_url(Intervention, "changelist"), {"kind__exact": InterventionKind.BRIEFING}
    )

    assert list(response.context["cl"].result_list) == [briefing]


def test_intervention_changelist_query_count_is_constant(admin_client):
    item = AgendaItemFactory()
    group = OrganizationFactory(kind=EntityKind.GROUP)
    InterventionFactory(agenda_item=item, on_behalf_of=group)
    admin_client.get(admin_url(Intervention, "changelist"))  # warm the session
    with CaptureQueriesContext(connection) as one:
        admin_client.get(admin_url(Intervention, "changelist"))
    InterventionFactory(agenda_item=item, on_behalf_of=group)
    InterventionFactory(agenda_item=AgendaItemFactory())

    with CaptureQueriesContext(connection) as three:
        response = admin_client.get(admin_url(Intervention, "changelist"))

    assert response.context["cl"].result_count == 3
    # session, user, filtered count, full count, rows (item, agenda, meeting, speaker and
    # group joined), the values of the meeting filter
    assert len(one) == len(three) == 6


def test_agenda_item_change_view_query_count_is_constant_in_its_interventions(admin_client):
    item = AgendaItemFactory()
    group = OrganizationFactory(kind=EntityKind.GROUP)
    InterventionFactory(agenda_item=item, on_behalf_of=group)
    url = admin_url(AgendaItem, "change", item.pk)
    admin_client.get(url)  # warm the session and content types
    with CaptureQueriesContext(connection) as one:
        admin_client.get(url)
    InterventionFactory(agenda_item=item, on_behalf_of=group)
    InterventionFactory(agenda_item=item)

    with CaptureQueriesContext(connection) as three:
        admin_client.get(url)

    # session, user, the item (agenda and meeting joined), the interventions (speakers and
    # groups joined), the label of the agenda's autocomplete; no query a row
    assert len(one) == len(three) == 5
