import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.core.errors import DomainError
from apps.delegations import services
from apps.delegations.enums import MemberRole, Rule44Category
from apps.delegations.models import Delegation, DelegationMember
from apps.delegations.selectors import participation_of
from apps.entities.enums import EntityKind, TreatyStatusKind
from tests.factories.accounts import SecretariatOfficerFactory
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.entities import OrganizationFactory, StateFactory, TreatyStatusFactory
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def officer():
    return SecretariatOfficerFactory()


@pytest.mark.parametrize(
    ("status", "category"),
    [
        (TreatyStatusKind.STATE_PARTY, Rule44Category.STATE_PARTY),
        (TreatyStatusKind.SIGNATORY, Rule44Category.SIGNATORY),
        (None, Rule44Category.OBSERVER_STATE),
    ],
)
def test_create_delegation_category_of_a_state_from_its_treaty_status(officer, status, category):
    meeting = MeetingFactory(scheduled_start=D(2030, 8, 25), scheduled_end=D(2030, 8, 26))
    state = StateFactory()
    if status:
        TreatyStatusFactory(entity=state, status=status, effective_from=D(2000, 1, 1))
    TreatyStatusFactory(entity=state, status="state_party", effective_from=D(2031, 1, 1))  # later

    delegation = services.create_delegation(meeting=meeting, entity=state, actor=officer)

    assert delegation.category == category


@pytest.mark.parametrize(
    ("kind", "category"),
    [
        (EntityKind.UN_ENTITY, Rule44Category.UN_ENTITY),
        (EntityKind.INTERNATIONAL_ORGANIZATION, Rule44Category.INTERNATIONAL_ORGANIZATION),
        (EntityKind.NGO, Rule44Category.NGO),
        (EntityKind.INDIVIDUAL, Rule44Category.GUEST),
    ],
)
def test_create_delegation_category_of_an_organization_from_its_kind(officer, kind, category):
    delegation = services.create_delegation(
        meeting=MeetingFactory(), entity=OrganizationFactory(kind=kind), actor=officer
    )

    assert delegation.category == category


def test_create_delegation_of_a_group_of_states_is_refused(officer):
    with pytest.raises(DomainError) as error:
        services.create_delegation(
            meeting=MeetingFactory(),
            entity=OrganizationFactory(kind=EntityKind.GROUP),
            actor=officer,
        )

    assert error.value.field == "entity"


def test_create_delegation_twice_is_refused(officer):
    delegation = DelegationFactory()

    with pytest.raises(DomainError) as error:
        services.create_delegation(
            meeting=delegation.meeting, entity=delegation.entity, actor=officer
        )

    assert error.value.field == "entity"


def test_create_delegation_category_must_admit_the_entity(officer):
    with pytest.raises(ValidationError) as error:
        services.create_delegation(
            meeting=MeetingFactory(),
            entity=StateFactory(),
            category=Rule44Category.NGO,
            actor=officer,
        )

    assert list(error.value.message_dict) == ["category"]


def test_create_delegation_places_it_last_in_its_category_and_records_who(officer):
    meeting = MeetingFactory()
    DelegationFactory(meeting=meeting, position=4)

    delegation = services.create_delegation(
        meeting=meeting, entity=StateFactory(), category=Rule44Category.STATE_PARTY, actor=officer
    )

    assert (delegation.position, delegation.history.get().history_user) == (5, officer)


def test_participation_of_a_meeting_is_in_the_reports_order():
    meeting = MeetingFactory()
    guest = DelegationFactory(
        meeting=meeting, entity=OrganizationFactory(kind="individual"), category="guest", position=1
    )
    second_party = DelegationFactory(meeting=meeting, position=2)
    io = DelegationFactory(
        meeting=meeting,
        entity=OrganizationFactory(),
        category="international_organization",
        position=1,
    )
    first_party = DelegationFactory(meeting=meeting, position=1)
    DelegationFactory()  # another meeting's

    assert list(participation_of(meeting)) == [first_party, second_party, io, guest]


def test_update_delegation_changes_category_and_place(officer):
    delegation = DelegationFactory()

    services.update_delegation(
        delegation=delegation, actor=officer, data={"category": "signatory", "position": 9}
    )

    delegation.refresh_from_db()
    assert (delegation.category, delegation.position) == ("signatory", 9)


def test_update_delegation_entity_is_fixed(officer):
    with pytest.raises(DomainError):
        services.update_delegation(
            delegation=DelegationFactory(), actor=officer, data={"entity": StateFactory()}
        )


def test_delete_delegation_records_who_deleted_its_members(officer):
    member = DelegationMemberFactory()
    member_id = member.pk

    services.delete_delegation(delegation=member.delegation, actor=officer)

    record = DelegationMember.history.filter(id=member_id).latest()
    assert (record.history_type, record.history_user, Delegation.objects.count()) == (
        "-",
        officer,
        0,
    )


def test_add_delegation_member_places_it_last(officer):
    delegation = DelegationFactory()
    DelegationMemberFactory(delegation=delegation, position=3)

    member = services.add_delegation_member(
        delegation=delegation, actor=officer, family_name="Pérez"
    )

    assert (member.position, member.role, member.history.get().history_user) == (
        4,
        "member",
        officer,
    )


def test_add_delegation_member_second_head_is_refused(officer):
    head = DelegationMemberFactory(role=MemberRole.HEAD, given_name="Ana", family_name="Pérez")

    with pytest.raises(DomainError) as error:
        services.add_delegation_member(
            delegation=head.delegation, actor=officer, family_name="Other", role=MemberRole.HEAD
        )

    assert (error.value.field, error.value.message) == (
        "role",
        "The delegation has a head already: Ana Pérez.",
    )


def test_add_delegation_member_position_taken_is_refused(officer):
    member = DelegationMemberFactory(position=1)

    with pytest.raises(DomainError) as error:
        services.add_delegation_member(
            delegation=member.delegation, actor=officer, family_name="X", position=1
        )

    assert error.value.field == "position"


def test_update_delegation_member_head_may_stay_head(officer):
    head = DelegationMemberFactory(role=MemberRole.HEAD)

    services.update_delegation_member(
        member=head, actor=officer, data={"role": MemberRole.HEAD, "title": "Ambassador"}
    )

    head.refresh_from_db()
    assert (head.role, head.title) == ("head", "Ambassador")


def test_update_delegation_member_does_not_move_it(officer):
    member = DelegationMemberFactory()

    with pytest.raises(DomainError):
        services.update_delegation_member(
            member=member, actor=officer, data={"delegation": DelegationFactory()}
        )


def test_remove_delegation_member_records_who(officer):
    member = DelegationMemberFactory()
    member_id = member.pk

    services.remove_delegation_member(member=member, actor=officer)

    assert DelegationMember.history.filter(id=member_id).latest().history_user == officer
