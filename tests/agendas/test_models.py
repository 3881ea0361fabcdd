import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from apps.agendas.enums import AgendaStatus
from apps.agendas.models import Intervention
from tests.factories.agendas import AgendaFactory, AgendaItemFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def test_agenda_item_number_unique_per_agenda():
    item = AgendaItemFactory(number=4)

    with pytest.raises(IntegrityError):
        AgendaItemFactory(agenda=item.agenda, number=4)


def test_agenda_adopted_needs_a_date():
    agenda = AgendaFactory(status=AgendaStatus.ADOPTED)

    with pytest.raises(ValidationError) as error:
        agenda.full_clean()

    assert list(error.value.message_dict) == ["adopted_on"]


def test_agenda_adopted_with_a_date_is_valid():
    agenda = AgendaFactory(status=AgendaStatus.ADOPTED, adopted_on=datetime.date(2021, 9, 8))

    agenda.full_clean()

    assert agenda.status == AgendaStatus.ADOPTED


def test_intervention_position_unique_per_item():
    intervention = InterventionFactory(position=1)

    with pytest.raises(IntegrityError):
        InterventionFactory(agenda_item=intervention.agenda_item, position=1)


def test_intervention_not_on_behalf_of_itself():
    intervention = InterventionFactory()
    intervention.on_behalf_of = intervention.speaker

    with pytest.raises(ValidationError) as error:
        intervention.full_clean()

    assert list(error.value.message_dict) == ["on_behalf_of"]


def test_intervention_natural_key_round_trips():
    intervention = InterventionFactory()

    assert Intervention.objects.get_by_natural_key(*intervention.natural_key()) == intervention
