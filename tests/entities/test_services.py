import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.core.errors import ConflictError, DomainError
from apps.entities import services
from apps.entities.enums import EntityKind, TreatyStatusKind
from apps.entities.models import Entity
from tests.factories.accounts import SecretariatOfficerFactory
from tests.factories.delegations import DelegationFactory
from tests.factories.entities import (
    OrganizationFactory,
    RegionalGroupFactory,
    StateFactory,
    TreatyStatusFactory,
)

pytestmark = pytest.mark.django_db


def test_create_entity_records_who_created_it():
    officer = SecretariatOfficerFactory()
    group = RegionalGroupFactory(code="nam")

    state = services.create_entity(
        actor=officer,
        code="PAN",
        kind=EntityKind.STATE,
        name_en="Panama",
        regional_group=group,
        iso3="PAN",
        name_zh="巴拿马",
    )

    assert (state.regional_group, state.name_zh, state.history.get().history_user) == (
        group,
        "巴拿马",
        officer,
    )


def test_create_entity_iso_code_only_for_states():
    with pytest.raises(ValidationError) as error:
        services.create_entity(
            actor=SecretariatOfficerFactory(),
            code="WHO",
            kind=EntityKind.INTERNATIONAL_ORGANIZATION,
            name_en="World Health Organization",
            iso3="WHO",
        )

    assert list(error.value.message_dict) == ["iso3"]


def test_create_entity_unknown_field_is_refused():
    with pytest.raises(DomainError):
        services.create_entity(
            actor=SecretariatOfficerFactory(), code="X", kind=EntityKind.OTHER, name_en="X", id="7"
        )


def test_update_entity_kind_is_fixed_once_it_has_delegations():
    delegation = DelegationFactory()

    with pytest.raises(ConflictError) as error:
        services.update_entity(
            entity=delegation.entity,
            actor=SecretariatOfficerFactory(),
            data={"kind": EntityKind.NGO, "iso3": ""},
        )

    assert (error.value.field, Entity.objects.get(pk=delegation.entity_id).kind) == (
        "kind",
        EntityKind.STATE,
    )


def test_update_entity_changes_names_and_records_who():
    officer = SecretariatOfficerFactory()
    state = StateFactory()

    services.update_entity(entity=state, actor=officer, data={"name_fr": "Panama"})

    state.refresh_from_db()
    assert (state.name_fr, state.history.latest().history_user) == ("Panama", officer)


def test_delete_entity_referred_to_is_a_conflict():
    delegation = DelegationFactory()

    with pytest.raises(ConflictError) as error:
        services.delete_entity(entity=delegation.entity, actor=SecretariatOfficerFactory())

    assert error.value.code == "protected"


def test_delete_entity_records_who_deleted_it():
    officer = SecretariatOfficerFactory()
    entity = OrganizationFactory()
    entity_id = entity.pk

    services.delete_entity(entity=entity, actor=officer)

    record = Entity.history.filter(id=entity_id).latest()
    assert (record.history_type, record.history_user) == ("-", officer)


def test_record_treaty_status_keeps_earlier_records():
    state = StateFactory()
    TreatyStatusFactory(
        entity=state, status=TreatyStatusKind.SIGNATORY, effective_from=datetime.date(1972, 4, 10)
    )

    services.record_treaty_status(
        state=state,
        status=TreatyStatusKind.STATE_PARTY,
        effective_from=datetime.date(1975, 3, 26),
        actor=SecretariatOfficerFactory(),
    )

    assert list(
        state.treaty_statuses.order_by("effective_from").values_list("status", flat=True)
    ) == [
        "signatory",
        "state_party",
    ]


def test_record_treaty_status_only_for_states():
    with pytest.raises(DomainError) as error:
        services.record_treaty_status(
            state=OrganizationFactory(),
            status=TreatyStatusKind.STATE_PARTY,
            effective_from=datetime.date(2020, 1, 1),
            actor=SecretariatOfficerFactory(),
        )

    assert error.value.field == "state"


def test_record_treaty_status_one_per_date():
    existing = TreatyStatusFactory(effective_from=datetime.date(2020, 1, 1))

    with pytest.raises(ValidationError):
        services.record_treaty_status(
            state=existing.entity,
            status=TreatyStatusKind.STATE_PARTY,
            effective_from=datetime.date(2020, 1, 1),
            actor=SecretariatOfficerFactory(),
        )


def test_regional_group_create_update_and_delete():
    officer = SecretariatOfficerFactory()

    group = services.create_regional_group(
        actor=officer, code="weog", name_en="Western Group", short_name_en="WEOG"
    )
    services.update_regional_group(group=group, actor=officer, data={"name_zh": "西方集团"})
    group.refresh_from_db()
    name_zh = group.name_zh
    services.delete_regional_group(group=group, actor=officer)

    assert (name_zh, type(group).objects.filter(code="weog").exists()) == ("西方集团", False)


def test_delete_regional_group_with_members_is_a_conflict():
    state = StateFactory(regional_group=RegionalGroupFactory())

    with pytest.raises(ConflictError):
        services.delete_regional_group(
            group=state.regional_group, actor=SecretariatOfficerFactory()
        )
