import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from apps.delegations.enums import MemberRole, Rule44Category
from apps.delegations.models import Delegation
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.entities import OrganizationFactory, StateFactory

pytestmark = pytest.mark.django_db


def test_delegation_one_per_entity_per_meeting():
    delegation = DelegationFactory()

    with pytest.raises(IntegrityError):
        DelegationFactory(meeting=delegation.meeting, entity=delegation.entity)


def test_delegation_category_must_admit_the_entity_kind():
    delegation = DelegationFactory.build(
        entity=OrganizationFactory(), category=Rule44Category.STATE_PARTY
    )
    delegation.meeting.save()
    delegation.meeting_id = delegation.meeting.pk

    with pytest.raises(ValidationError) as error:
        delegation.full_clean()

    assert error.value.message_dict == {
        "category": ["State Party admits no International organization."]
    }


def test_delegation_name_in_prefers_the_name_as_listed():
    delegation = DelegationFactory(
        entity=StateFactory(name_en="Czechia", name_zh="捷克"), listed_name_zh="捷克共和国"
    )

    assert [delegation.name_in("zh"), delegation.name_in("en")] == ["捷克共和国", "Czechia"]


def test_delegation_natural_key_round_trips():
    delegation = DelegationFactory()

    assert Delegation.objects.get_by_natural_key(*delegation.natural_key()) == delegation


def test_delegation_member_one_head_per_delegation():
    member = DelegationMemberFactory(role=MemberRole.HEAD)

    with pytest.raises(IntegrityError):
        DelegationMemberFactory(delegation=member.delegation, role=MemberRole.HEAD)


def test_delegation_member_str_reads_as_a_name():
    member = DelegationMemberFactory(
        honorific="ms", given_name="Grisselle", family_name="Rodriguez"
    )

    assert str(member) == "Ms. Grisselle Rodriguez"
