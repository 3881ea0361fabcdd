"""The checks a report makes on its own data before it is drafted."""

import pytest

from apps.agendas.enums import InterventionKind
from apps.delegations.enums import Rule44Category
from apps.documents.enums import DocumentStatus, DocumentType
from apps.entities.enums import EntityKind
from apps.meetings.models import Meeting
from apps.reports.checks import Problem, Severity, check_report_data
from tests.factories.agendas import AgendaFactory, AgendaItemFactory, InterventionFactory
from tests.factories.delegations import DelegationFactory
from tests.factories.documents import DocumentFactory
from tests.factories.entities import OrganizationFactory, StateFactory
from tests.factories.meetings import MeetingFactory
from tests.factories.reports import report_meeting

pytestmark = pytest.mark.django_db


def _errors(meeting, **kwargs):
    return [
        (p.code, p.where)
        for p in check_report_data(meeting=meeting, **kwargs)
        if p.severity == Severity.ERROR
    ]


def _item(meeting):
    return AgendaItemFactory(agenda=AgendaFactory(meeting=meeting), number=4)


def test_a_working_paper_introduced_but_not_in_the_registry_is_an_error():
    meeting = report_meeting(size=1)
    speaker = meeting.delegations.first().entity
    item = meeting.agenda.items.get(number=4)
    InterventionFactory(
        agenda_item=item, position=99, kind=InterventionKind.WORKING_PAPER, speaker=speaker
    )

    assert _errors(meeting) == [("working_paper_not_in_registry", "agenda item 4, 99")]


def test_a_working_paper_of_another_meeting_is_not_in_this_registry():
    meeting = report_meeting(size=1)
    item = meeting.agenda.items.get(number=4)
    intervention = InterventionFactory(
        agenda_item=item,
        position=99,
        kind=InterventionKind.WORKING_PAPER,
        speaker=meeting.delegations.first().entity,
    )
    intervention.documents.add(DocumentFactory())  # registered for a meeting of its own

    assert _errors(meeting) == [("working_paper_not_in_registry", "agenda item 4, 99")]


def test_a_speaker_that_is_not_a_delegation_of_the_meeting_is_an_error():
    meeting = report_meeting(size=1)
    outsider = StateFactory(name_en="Outsideland")
    InterventionFactory(
        agenda_item=meeting.agenda.items.get(number=4),
        position=99,
        kind=InterventionKind.DISCUSSION,
        speaker=outsider,
    )

    problems = [p for p in check_report_data(meeting=meeting) if p.severity == Severity.ERROR]

    assert [(p.code, p.where) for p in problems] == [
        ("speaker_not_a_delegation", "agenda item 4, intervention 99")
    ]
    assert "Outsideland" in problems[0].message


def test_a_briefing_by_the_secretariat_needs_no_delegation():
    meeting = MeetingFactory()
    DelegationFactory(meeting=meeting)
    InterventionFactory(
        agenda_item=_item(meeting),
        position=1,
        kind=InterventionKind.BRIEFING,
        speaker=OrganizationFactory(kind=EntityKind.UN_ENTITY, name_en="ISU"),
    )

    assert [p.code for p in check_report_data(meeting=meeting)].count(
        "speaker_not_a_delegation"
    ) == 0


def test_a_category_paragraph_with_no_members_is_an_error():
    meeting = report_meeting(size=1)
    meeting.stated_counts.create(category=Rule44Category.GUEST, count=1, wording_en="one")

    assert _errors(meeting) == [("category_without_members", "participation")]


def test_ngos_counted_only_are_not_a_category_without_members():
    meeting = report_meeting(size=1)  # states 3 NGOs, lists none

    assert _errors(meeting) == []


def test_a_stated_count_that_differs_from_the_list_is_an_error():
    meeting = report_meeting(size=1)
    meeting.stated_counts.filter(category=Rule44Category.STATE_PARTY).update(count=96)

    problems = check_report_data(meeting=meeting)

    assert [(p.code, p.message) for p in problems if p.severity == Severity.ERROR] == [
        (
            "count_differs_from_list",
            "The sources state 96 for “State Party”, but 11 are listed.",
        )
    ]


def test_errors_come_before_warnings():
    meeting = MeetingFactory()
    InterventionFactory(agenda_item=_item(meeting), position=1)

    severities = [p.severity for p in check_report_data(meeting=meeting)]

    assert severities == sorted(severities, key=lambda s: s != Severity.ERROR)
    assert {"no_chair", "speaker_not_a_delegation", "category_without_members"} <= {
        p.code for p in check_report_data(meeting=meeting) if p.severity == Severity.ERROR
    }


def test_a_complete_meeting_has_no_problem():
    meeting = report_meeting(size=2)

    assert check_report_data(meeting=meeting, lang="zh") == []


def _warnings(meeting):
    return [p.code for p in check_report_data(meeting=meeting) if p.severity == Severity.WARNING]


def _withdraw_the_list(meeting):
    meeting.documents.filter(doc_type=DocumentType.INFORMATION).update(
        status=DocumentStatus.WITHDRAWN
    )


def test_no_list_of_participants_at_all_is_a_warning():
    meeting = report_meeting(size=1)
    _withdraw_the_list(meeting)

    assert _warnings(meeting) == ["no_participants_list"]


def test_the_provisional_list_alone_is_a_list_the_report_can_cite():
    meeting = report_meeting(size=1)
    _withdraw_the_list(meeting)
    DocumentFactory(meeting=meeting, doc_type=DocumentType.MISCELLANEOUS, number=1)

    assert _warnings(meeting) == []


@pytest.mark.parametrize("size", [1, 3])
def test_check_report_data_query_count_is_constant(size, django_assert_num_queries):
    meeting = report_meeting(size=size)

    with django_assert_num_queries(13):  # the context's reads (see load_meeting_data)
        check_report_data(meeting=meeting)


def test_problem_carries_code_message_and_where():
    problem = Problem(code="no_chair", message="No Chair.", where="officers")

    assert (problem.code, problem.message, problem.where, problem.severity) == (
        "no_chair",
        "No Chair.",
        "officers",
        Severity.ERROR,
    )


# --- the real meetings --------------------------------------------------------------------------


def test_the_real_meetings_have_no_errors_and_the_known_warnings(real_meetings):
    found = {
        series: [
            (p.severity.value, p.code, p.where)
            for p in check_report_data(meeting=Meeting.objects.get(series=series), lang="zh")
        ]
        for series in ("BWC/MSP/2020/MX.5", "BWC/MSP/2020/MX.1")
    }

    assert found == {
        "BWC/MSP/2020/MX.5": [],
        # MX.1 para. 17 lists Kenya before Japan (fixtures/README.md, MX.1 discrepancy 3).
        "BWC/MSP/2020/MX.1": [("warning", "discussion_out_of_order", "agenda item 4")],
    }
