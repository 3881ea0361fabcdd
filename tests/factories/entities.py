import factory
from django.db.models import Q

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


def unused_iso3(n: int) -> str:
    """The n-th of UNASSIGNED_ISO3, or the next one no State in the database has: tests also
    give States codes of their own from the same range."""
    taken = {
        code
        for pair in Entity.objects.filter(
            Q(code__startswith="Q") | Q(iso3__startswith="Q")
        ).values_list("code", "iso3")
        for code in pair
    }
    for step in range(len(UNASSIGNED_ISO3)):
        code = UNASSIGNED_ISO3[(n + step) % len(UNASSIGNED_ISO3)]
        if code not in taken:
            return code
    raise LookupError("Every user-assigned ISO 3166 code is taken.")


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
    iso3 = factory.Sequence(unused_iso3)
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
