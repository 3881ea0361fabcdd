import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from apps.entities.enums import EntityKind, TreatyStatusKind
from apps.entities.models import Entity
from apps.entities.selectors import treaty_status_of
from tests.factories.entities import OrganizationFactory, StateFactory, TreatyStatusFactory

pytestmark = pytest.mark.django_db


def test_entity_iso3_is_unique_among_states():
    StateFactory(iso3="QQQ", code="QQQ")

    with pytest.raises(IntegrityError):
        StateFactory(iso3="QQQ", code="QQQ2")


def test_entity_organizations_share_the_empty_iso3():
    first = OrganizationFactory()
    second = OrganizationFactory()

    assert (first.iso3, second.iso3) == ("", "")


def test_entity_iso3_is_refused_for_an_organization_by_the_database():
    with pytest.raises(IntegrityError):
        Entity.objects.create(code="X", kind=EntityKind.NGO, name_en="X", iso3="XXX")


def test_entity_clean_names_the_iso3_field():
    entity = Entity(code="X", kind=EntityKind.NGO, name_en="X", iso3="XXX")

    with pytest.raises(ValidationError) as error:
        entity.full_clean()

    assert list(error.value.message_dict) == ["iso3"]


def test_entity_str_shows_the_abbreviation():
    entity = OrganizationFactory(name_en="World Health Organization", abbreviation_en="WHO")

    assert str(entity) == "World Health Organization (WHO)"


def test_entity_natural_key_finds_the_row():
    entity = StateFactory()

    assert Entity.objects.get_by_natural_key(*entity.natural_key()) == entity


def test_treaty_status_of_follows_the_dates():
    state = StateFactory()
    TreatyStatusFactory(
        entity=state, status=TreatyStatusKind.SIGNATORY, effective_from=datetime.date(1972, 4, 10)
    )
    TreatyStatusFactory(
        entity=state, status=TreatyStatusKind.STATE_PARTY, effective_from=datetime.date(2020, 1, 1)
    )

    statuses = [
        treaty_status_of(entity=state, on=day)
        for day in (datetime.date(1970, 1, 1), datetime.date(1999, 1, 1), datetime.date(2021, 9, 8))
    ]

    assert statuses == [
        TreatyStatusKind.NON_PARTY,
        TreatyStatusKind.SIGNATORY,
        TreatyStatusKind.STATE_PARTY,
    ]


def test_treaty_status_one_record_per_state_and_date():
    status = TreatyStatusFactory()

    with pytest.raises(IntegrityError):
        TreatyStatusFactory(entity=status.entity, effective_from=status.effective_from)
