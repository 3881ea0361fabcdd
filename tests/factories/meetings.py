import datetime

import factory

from apps.meetings.enums import MeetingKind, OfficerRole, RotatedBody
from apps.meetings.models import ChairRotation, Meeting, Officer, Postponement

from .entities import RegionalGroupFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    kind = MeetingKind.MEETING_OF_EXPERTS
    year = 2030
    number = factory.Sequence(lambda n: n + 1)
    series = factory.LazyAttribute(lambda m: f"BWC/MSP/{m.year}/MX.{m.number}")
    title_en = factory.Sequence(lambda n: f"Meeting of Experts on Topic {n}")
    title_zh = factory.Sequence(lambda n: f"专题{n}问题专家会议")
    scheduled_start = datetime.date(2030, 8, 25)
    scheduled_end = datetime.date(2030, 8, 26)


class PostponementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Postponement

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    from_start = factory.SelfAttribute("meeting.scheduled_start")
    from_end = factory.SelfAttribute("meeting.scheduled_end")
    authority = "silence_procedure"


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    meeting = factory.SubFactory(MeetingFactory)
    role = OfficerRole.SECRETARIAT_STAFF
    position = factory.Sequence(lambda n: n + 1)
    name_en = factory.Faker("name")


class ChairRotationFactory(factory.django.DjangoModelFactory):
    """A Meeting of Experts' chairing group, one year after another."""

    class Meta:
        model = ChairRotation

    year = factory.Sequence(lambda n: 2000 + n)
    body = RotatedBody.MEETING_OF_EXPERTS
    mx_number = 1
    regional_group = factory.SubFactory(RegionalGroupFactory)
