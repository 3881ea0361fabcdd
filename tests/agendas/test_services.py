import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.agendas import services
from apps.agendas.enums import AgendaStatus, InterventionKind
from apps.agendas.models import Intervention
from apps.agendas.selectors import interventions_of
from apps.core.errors import ConflictError, DomainError
from apps.meetings.enums import MeetingStatus
from tests.factories.accounts import SecretariatOfficerFactory
from tests.factories.agendas import AgendaFactory, AgendaItemFactory, InterventionFactory
from tests.factories.entities import OrganizationFactory, StateFactory
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def officer():
    return SecretariatOfficerFactory()


def _in_session_meeting():
    return MeetingFactory(
        status=MeetingStatus.IN_SESSION, start_date=D(2030, 8, 25), end_date=D(2030, 8, 26)
    )


@pytest.fixture
def adopted_item():
    agenda = AgendaFactory(
        meeting=_in_session_meeting(), status=AgendaStatus.ADOPTED, adopted_on=D(2030, 8, 25)
    )
    return AgendaItemFactory(agenda=agenda, number=1)


def _speakers(item):
    return [(i.position, i.speaker.name_en) for i in interventions_of(item)]


def test_create_agenda_one_per_meeting(officer):
    meeting = MeetingFactory()
    services.create_agenda(meeting=meeting, actor=officer, symbol="X/1")

    with pytest.raises(DomainError) as error:
        services.create_agenda(meeting=meeting, actor=officer)

    assert error.value.field == "meeting"


def test_adopt_agenda_records_the_day_and_who(officer):
    agenda = AgendaFactory(meeting=_in_session_meeting())
    AgendaItemFactory(agenda=agenda)

    services.adopt_agenda(agenda=agenda, on=D(2030, 8, 25), actor=officer)

    agenda.refresh_from_db()
    assert (agenda.status, agenda.adopted_on, agenda.history.latest().history_user) == (
        AgendaStatus.ADOPTED,
        D(2030, 8, 25),
        officer,
    )


def test_adopt_agenda_twice_is_a_conflict(officer, adopted_item):
    with pytest.raises(ConflictError) as error:
        services.adopt_agenda(agenda=adopted_item.agenda, on=D(2030, 8, 25), actor=officer)

    assert (error.value.code, error.value.message) == (
        "invalid_transition",
        "The agenda's status is “Adopted”; it cannot be adopted again.",
    )


@pytest.mark.parametrize("status", [MeetingStatus.PLANNED, MeetingStatus.CLOSED])
def test_adopt_agenda_outside_the_session_is_a_conflict(officer, status):
    agenda = AgendaFactory(
        meeting=MeetingFactory(status=status, start_date=D(2030, 8, 25), end_date=D(2030, 8, 26))
    )
    AgendaItemFactory(agenda=agenda)

    with pytest.raises(ConflictError) as error:
        services.adopt_agenda(agenda=agenda, on=D(2030, 8, 25), actor=officer)

    assert f"“{status.label}”" in error.value.message


def test_adopt_agenda_on_a_day_the_meeting_does_not_sit_is_refused(officer):
    agenda = AgendaFactory(meeting=_in_session_meeting())
    AgendaItemFactory(agenda=agenda)

    with pytest.raises(DomainError) as error:
        services.adopt_agenda(agenda=agenda, on=D(2030, 8, 27), actor=officer)

    assert error.value.field == "on"


def test_adopt_agenda_without_items_is_refused(officer):
    agenda = AgendaFactory(meeting=_in_session_meeting())

    with pytest.raises(DomainError) as error:
        services.adopt_agenda(agenda=agenda, on=D(2030, 8, 25), actor=officer)

    assert error.value.code == "empty_agenda"


def test_delete_adopted_agenda_is_a_conflict(officer, adopted_item):
    with pytest.raises(ConflictError):
        services.delete_agenda(agenda=adopted_item.agenda, actor=officer)


def test_add_agenda_item_numbers_it_next(officer):
    agenda = AgendaFactory()
    AgendaItemFactory(agenda=agenda, number=4)

    item = services.add_agenda_item(agenda=agenda, actor=officer, title_en="Other matters")

    assert (item.number, item.title_en) == (5, "Other matters")


def test_add_agenda_item_number_taken_is_refused(officer):
    agenda = AgendaFactory()
    AgendaItemFactory(agenda=agenda, number=1)

    with pytest.raises(DomainError) as error:
        services.add_agenda_item(agenda=agenda, actor=officer, title_en="X", number=1)

    assert error.value.field == "number"


def test_add_agenda_item_to_an_adopted_agenda_is_a_conflict(officer, adopted_item):
    with pytest.raises(ConflictError):
        services.add_agenda_item(agenda=adopted_item.agenda, actor=officer, title_en="Late")


def test_update_agenda_item_of_an_adopted_agenda_text_but_not_number(officer, adopted_item):
    services.update_agenda_item(item=adopted_item, actor=officer, data={"title_fr": "Ouverture"})

    with pytest.raises(ConflictError):
        services.update_agenda_item(item=adopted_item, actor=officer, data={"number": 9})

    adopted_item.refresh_from_db()
    assert (adopted_item.title_fr, adopted_item.number) == ("Ouverture", 1)


def test_record_intervention_under_a_provisional_agenda_is_a_conflict(officer):
    item = AgendaItemFactory()

    with pytest.raises(ConflictError) as error:
        services.record_intervention(
            item=item, actor=officer, kind=InterventionKind.STATEMENT, speaker=StateFactory()
        )

    assert error.value.code == "agenda_provisional"


def test_record_intervention_appends_and_inserts(officer, adopted_item):
    first, second, third = (StateFactory(name_en=name) for name in ("First", "Second", "Third"))
    services.record_intervention(item=adopted_item, actor=officer, kind="statement", speaker=first)
    services.record_intervention(item=adopted_item, actor=officer, kind="statement", speaker=third)

    services.record_intervention(
        item=adopted_item, actor=officer, kind="statement", speaker=second, position=2
    )

    assert _speakers(adopted_item) == [(1, "First"), (2, "Second"), (3, "Third")]


def test_record_intervention_on_behalf_of_a_group(officer, adopted_item):
    azerbaijan = StateFactory(name_en="Azerbaijan")
    nam = OrganizationFactory(kind="group", name_en="NAM and Other States")

    intervention = services.record_intervention(
        item=adopted_item,
        actor=officer,
        kind=InterventionKind.STATEMENT,
        speaker=azerbaijan,
        on_behalf_of=nam,
    )

    assert str(intervention) == "Statement: Azerbaijan on behalf of NAM and Other States"


@pytest.mark.parametrize("position", [0, 2])
def test_record_intervention_position_out_of_range_is_refused(officer, adopted_item, position):
    with pytest.raises(DomainError) as error:
        services.record_intervention(
            item=adopted_item,
            actor=officer,
            kind="statement",
            speaker=StateFactory(),
            position=position,
        )

    assert error.value.field == "position"


def test_record_intervention_on_behalf_of_itself_is_refused(officer, adopted_item):
    state = StateFactory()

    with pytest.raises(ValidationError) as error:
        services.record_intervention(
            item=adopted_item, actor=officer, kind="statement", speaker=state, on_behalf_of=state
        )

    assert list(error.value.message_dict) == ["on_behalf_of"]


def test_reorder_interventions_swaps_positions_without_collisions(officer, adopted_item):
    a, b, c = (
        InterventionFactory(
            agenda_item=adopted_item, position=n, speaker=StateFactory(name_en=name)
        )
        for n, name in ((1, "A"), (2, "B"), (3, "C"))
    )

    services.reorder_interventions(item=adopted_item, ordered_ids=[c.pk, a.pk, b.pk], actor=officer)

    assert _speakers(adopted_item) == [(1, "C"), (2, "A"), (3, "B")]
    assert [
        record.history_user
        for record in Intervention.history.filter(id=c.pk).order_by("history_date")
    ][-1] == officer


def test_reorder_interventions_records_only_those_that_moved(officer, adopted_item):
    a, b, c = (InterventionFactory(agenda_item=adopted_item, position=n) for n in (1, 2, 3))

    services.reorder_interventions(item=adopted_item, ordered_ids=[a.pk, c.pk, b.pk], actor=officer)

    assert [Intervention.history.filter(id=i.pk).count() for i in (a, b, c)] == [1, 2, 2]


@pytest.mark.parametrize("ids", ["missing", "duplicate", "foreign", "extra"])
def test_reorder_interventions_must_list_each_exactly_once(officer, adopted_item, ids):
    a, b = (InterventionFactory(agenda_item=adopted_item, position=n) for n in (1, 2))
    foreign = InterventionFactory()
    ordered = {
        "missing": [a.pk],
        "duplicate": [a.pk, a.pk],
        "foreign": [a.pk, foreign.pk],
        "extra": [a.pk, b.pk, foreign.pk],
    }[ids]

    with pytest.raises(DomainError) as error:
        services.reorder_interventions(item=adopted_item, ordered_ids=ordered, actor=officer)

    assert error.value.field == "ordered_ids"
    assert [i.pk for i in interventions_of(adopted_item)] == [a.pk, b.pk]


def test_correct_intervention_changes_who_spoke(officer, adopted_item):
    intervention = InterventionFactory(agenda_item=adopted_item, position=1)
    right = StateFactory(name_en="Right")

    services.correct_intervention(
        intervention=intervention, actor=officer, data={"speaker": right, "kind": "presentation"}
    )

    intervention.refresh_from_db()
    assert (
        intervention.speaker,
        intervention.kind,
        intervention.history.latest().history_user,
    ) == (
        right,
        "presentation",
        officer,
    )


def test_correct_intervention_position_is_not_corrected_here(officer, adopted_item):
    intervention = InterventionFactory(agenda_item=adopted_item, position=1)

    with pytest.raises(DomainError):
        services.correct_intervention(
            intervention=intervention, actor=officer, data={"position": 5}
        )


def test_delete_intervention_moves_the_later_ones_up(officer, adopted_item):
    a, b, c = (
        InterventionFactory(
            agenda_item=adopted_item, position=n, speaker=StateFactory(name_en=name)
        )
        for n, name in ((1, "A"), (2, "B"), (3, "C"))
    )

    services.delete_intervention(intervention=a, actor=officer)

    assert _speakers(adopted_item) == [(1, "B"), (2, "C")]
    assert (b.pk, c.pk) == tuple(i.pk for i in interventions_of(adopted_item))
