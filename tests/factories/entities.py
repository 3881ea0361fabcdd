import factory

from apps.entities.enums import EntityKind, TreatyStatusKind
from apps.entities.models import Entity, RegionalGroup, TreatyStatus

# ISO 3166 leaves the alpha-3 codes QAA-QZZ to users, but for Qatar's (QAT): factories take
# these, so that they never collide with the real States of the fixtures.
UNASSIGNED_ISO3: tuple[str, ...] = tuple(
    code
    for code in (
        f"Q{first}{second}"
        for first in map(chr, range(65, 91))
        for second in map(chr, range(65, 91))
    )
    if code != "QAT"
)


class RegionalGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalGroup
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"group{n}")
    name_en = factory.Sequence(lambda n: f"Regional Group {n}")


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity

    kind = EntityKind.STATE
    iso3 = factory.Sequence(lambda n: UNASSIGNED_ISO3[n % len(UNASSIGNED_ISO3)])
    code = factory.LazyAttribute(lambda e: e.iso3)
    name_en = factory.Sequence(lambda n: f"State {n:04d}")
    name_zh = factory.Sequence(lambda n: f"国家{n:04d}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity

    kind = EntityKind.INTERNATIONAL_ORGANIZATION
    code = factory.Sequence(lambda n: f"ORG{n}")
    name_en = factory.Sequence(lambda n: f"Organization {n:04d}")
    name_zh = factory.Sequence(lambda n: f"组织{n:04d}")
    abbreviation_en = factory.Sequence(lambda n: f"ORG{n}")


class TreatyStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TreatyStatus

    entity = factory.SubFactory(StateFactory)
    status = TreatyStatusKind.STATE_PARTY
    effective_from = factory.Faker("date_between", start_date="-40y", end_date="-1y")
