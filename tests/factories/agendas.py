import factory

from apps.agendas.enums import InterventionKind
from apps.agendas.models import Agenda, AgendaItem, Intervention

from .entities import StateFactory
from .meetings import MeetingFactory


class AgendaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agenda

    meeting = factory.SubFactory(MeetingFactory)
    symbol = factory.LazyAttribute(lambda a: f"{a.meeting.series}/1")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    agenda = factory.SubFactory(AgendaFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Agenda item title {n}")
    title_zh = factory.Sequence(lambda n: f"议程项目标题{n}")


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention

    agenda_item = factory.SubFactory(AgendaItemFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = InterventionKind.DISCUSSION
    speaker = factory.SubFactory(StateFactory)
