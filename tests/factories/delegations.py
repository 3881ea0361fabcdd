import factory

from apps.delegations.enums import MemberRole, Rule44Category
from apps.delegations.models import Delegation, DelegationMember

from .entities import StateFactory
from .meetings import MeetingFactory


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    meeting = factory.SubFactory(MeetingFactory)
    entity = factory.SubFactory(StateFactory)
    category = Rule44Category.STATE_PARTY
    position = factory.Sequence(lambda n: n + 1)


class DelegationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationMember

    delegation = factory.SubFactory(DelegationFactory)
    role = MemberRole.MEMBER
    position = factory.Sequence(lambda n: n + 1)
    family_name = factory.Faker("last_name")
    given_name = factory.Faker("first_name")
