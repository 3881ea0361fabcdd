import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.core.errors import ConflictError, DomainError
from apps.meetings import services
from apps.meetings.enums import (
    MEETING_TRANSITIONS,
    MeetingKind,
    MeetingStatus,
    PostponementAuthority,
    RotatedBody,
)
from apps.meetings.models import Meeting
from apps.meetings.selectors import status_transitions_of
from tests.factories.accounts import SecretariatOfficerFactory
from tests.factories.documents import DocumentFactory
from tests.factories.entities import RegionalGroupFactory
from tests.factories.meetings import MeetingFactory, PostponementFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def officer():
    return SecretariatOfficerFactory()


def test_create_meeting_is_planned_and_records_who(officer):
    meeting = services.create_meeting(
        actor=officer,
        series="BWC/MSP/2030/MX.1",
        kind=MeetingKind.MEETING_OF_EXPERTS,
        title_en="Meeting of Experts on Cooperation and Assistance",
        scheduled_start=D(2030, 8, 25),
        scheduled_end=D(2030, 8, 26),
        year=2030,
    )

    assert (meeting.status, meeting.year, meeting.history.get().history_user) == (
        MeetingStatus.PLANNED,
        2030,
        officer,
    )


@pytest.mark.parametrize(
    ("series", "year", "number"),
    [
        ("BWC/MSP/2030/MX.4", 2030, 4),
        ("BWC/MSP/2030", 2030, None),
        ("BWC/WG/7", None, 7),
        ("BWC/CONF.XI", None, 11),
        ("BWC/CONF.XI/PC", None, 11),
    ],
)
def test_create_meeting_takes_year_and_number_from_the_series(officer, series, year, number):
    meeting = services.create_meeting(
        actor=officer,
        series=series,
        kind=MeetingKind.OTHER,
        title_en="A meeting",
        scheduled_start=D(2030, 8, 25),
        scheduled_end=D(2030, 8, 26),
    )

    meeting.refresh_from_db()
    assert (meeting.year, meeting.number) == (year, number)


def test_create_meeting_keeps_the_year_and_number_it_is_given(officer):
    # The third Working Group session sat in 2023: a year its series does not carry.
    meeting = services.create_meeting(
        actor=officer,
        series="BWC/WG/9",
        kind=MeetingKind.WORKING_GROUP,
        title_en="Working Group, ninth session",
        scheduled_start=D(2030, 8, 25),
        scheduled_end=D(2030, 8, 26),
        year=2030,
    )

    assert (meeting.year, meeting.number) == (2030, 9)


def test_create_meeting_reversed_dates_are_refused(officer):
    with pytest.raises(ValidationError):
        services.create_meeting(
            actor=officer,
            series="BWC/MSP/2030/MX.1",
            kind=MeetingKind.MEETING_OF_EXPERTS,
            title_en="X",
            scheduled_start=D(2030, 8, 26),
            scheduled_end=D(2030, 8, 25),
        )


def test_create_meeting_status_is_not_the_callers(officer):
    with pytest.raises(DomainError):
        services.create_meeting(
            actor=officer,
            series="BWC/MSP/2030/MX.1",
            kind=MeetingKind.MEETING_OF_EXPERTS,
            title_en="X",
            scheduled_start=D(2030, 8, 25),
            scheduled_end=D(2030, 8, 26),
            status=MeetingStatus.CLOSED,
        )


def test_update_meeting_scheduled_dates_after_a_postponement_is_a_conflict(officer):
    meeting = MeetingFactory()
    services.postpone_meeting(meeting=meeting, actor=officer, authority=PostponementAuthority.CHAIR)

    with pytest.raises(ConflictError) as error:
        services.update_meeting(
            meeting=meeting, actor=officer, data={"scheduled_start": D(2030, 8, 24)}
        )

    assert error.value.field == "scheduled_start"


def test_update_meeting_series_with_documents_is_a_conflict(officer):
    meeting = DocumentFactory().meeting

    with pytest.raises(ConflictError) as error:
        services.update_meeting(meeting=meeting, actor=officer, data={"series": "BWC/X"})

    assert error.value.field == "series"


def test_update_meeting_changes_the_record(officer):
    meeting = MeetingFactory()

    services.update_meeting(
        meeting=meeting,
        actor=officer,
        data={"title_fr": "Réunion d'experts", "scheduled_end": D(2030, 8, 27)},
    )

    meeting.refresh_from_db()
    assert (meeting.title_fr, meeting.scheduled_end) == ("Réunion d'experts", D(2030, 8, 27))


def test_delete_meeting_with_documents_is_a_conflict(officer):
    meeting = DocumentFactory().meeting

    with pytest.raises(ConflictError):
        services.delete_meeting(meeting=meeting, actor=officer)


def test_postpone_meeting_records_the_postponement_and_its_letters(officer):
    meeting = MeetingFactory(scheduled_start=D(2020, 8, 25), scheduled_end=D(2020, 8, 26))

    services.postpone_meeting(
        meeting=meeting,
        actor=officer,
        authority=PostponementAuthority.SILENCE_PROCEDURE,
        decided_on=D(2020, 7, 31),
        reason_en="the COVID-19 pandemic",
        letters=[{"dated": D(2020, 7, 16), "author_en": "the Chair"}],
    )

    meeting.refresh_from_db()
    postponement = meeting.postponements.get()
    assert meeting.status == MeetingStatus.POSTPONED
    assert (
        postponement.position,
        postponement.from_start,
        postponement.from_end,
        postponement.to_start,
        postponement.authority,
        postponement.decided_on,
        postponement.reason_en,
    ) == (
        1,
        D(2020, 8, 25),
        D(2020, 8, 26),
        None,
        "silence_procedure",
        D(2020, 7, 31),
        "the COVID-19 pandemic",
    )
    assert list(postponement.letters.values_list("dated", "author_en")) == [
        (D(2020, 7, 16), "the Chair")
    ]


def test_postpone_a_rescheduled_meeting_moves_it_from_its_new_dates(officer):
    meeting = MeetingFactory()
    services.postpone_meeting(meeting=meeting, actor=officer, authority=PostponementAuthority.CHAIR)
    services.reschedule_meeting(
        meeting=meeting, actor=officer, start=D(2030, 12, 1), end=D(2030, 12, 2)
    )

    services.postpone_meeting(meeting=meeting, actor=officer, authority=PostponementAuthority.CHAIR)

    second = meeting.postponements.get(position=2)
    assert (second.from_start, second.from_end, second.to_start) == (
        D(2030, 12, 1),
        D(2030, 12, 2),
        None,
    )


def test_reschedule_meeting_sets_the_new_dates_on_postponement_and_meeting(officer):
    meeting = MeetingFactory()
    services.postpone_meeting(meeting=meeting, actor=officer, authority=PostponementAuthority.CHAIR)

    services.reschedule_meeting(
        meeting=meeting,
        actor=officer,
        start=D(2031, 4, 1),
        end=D(2031, 4, 2),
        letters=[{"dated": D(2031, 2, 10), "author_en": "the Chair"}],
    )

    meeting.refresh_from_db()
    postponement = meeting.postponements.get()
    assert (meeting.status, meeting.start_date, meeting.end_date) == (
        MeetingStatus.RESCHEDULED,
        D(2031, 4, 1),
        D(2031, 4, 2),
    )
    assert (postponement.to_start, postponement.to_end, postponement.letters.count()) == (
        D(2031, 4, 1),
        D(2031, 4, 2),
        1,
    )


def test_reschedule_meeting_reversed_dates_are_refused(officer):
    meeting = MeetingFactory()
    services.postpone_meeting(meeting=meeting, actor=officer, authority=PostponementAuthority.CHAIR)

    with pytest.raises(DomainError) as error:
        services.reschedule_meeting(
            meeting=meeting, actor=officer, start=D(2031, 4, 2), end=D(2031, 4, 1)
        )

    assert error.value.field == "end"


def test_reschedule_meeting_without_an_open_postponement_is_a_conflict(officer):
    # A postponed status with no postponement row can come from loaded data.
    meeting = MeetingFactory(status=MeetingStatus.POSTPONED)
    PostponementFactory(meeting=meeting, to_start=D(2030, 9, 1), to_end=D(2030, 9, 2))

    with pytest.raises(ConflictError):
        services.reschedule_meeting(
            meeting=meeting, actor=officer, start=D(2031, 4, 1), end=D(2031, 4, 2)
        )


def test_convene_meeting_sets_the_first_day_and_keeps_the_planned_end(officer):
    meeting = MeetingFactory(scheduled_start=D(2030, 8, 25), scheduled_end=D(2030, 8, 27))

    services.convene_meeting(meeting=meeting, actor=officer, on=D(2030, 8, 25))

    meeting.refresh_from_db()
    assert (meeting.status, meeting.start_date, meeting.end_date) == (
        MeetingStatus.IN_SESSION,
        D(2030, 8, 25),
        D(2030, 8, 27),
    )


def test_close_meeting_before_it_convened_is_refused(officer):
    meeting = MeetingFactory()
    services.convene_meeting(meeting=meeting, actor=officer, on=D(2030, 8, 25))

    with pytest.raises(DomainError) as error:
        services.close_meeting(meeting=meeting, actor=officer, on=D(2030, 8, 24))

    assert error.value.field == "on"


def test_close_meeting_report_adopted_outside_the_meeting_is_refused(officer):
    meeting = MeetingFactory()
    services.convene_meeting(meeting=meeting, actor=officer, on=D(2030, 8, 25))

    with pytest.raises(DomainError) as error:
        services.close_meeting(
            meeting=meeting, actor=officer, on=D(2030, 8, 26), report_adopted_on=D(2030, 9, 1)
        )

    assert error.value.field == "report_adopted_on"


def test_close_meeting_sets_the_last_day_and_the_report_adoption(officer):
    meeting = MeetingFactory()
    services.convene_meeting(meeting=meeting, actor=officer, on=D(2030, 8, 25))

    services.close_meeting(
        meeting=meeting, actor=officer, on=D(2030, 8, 26), report_adopted_on=D(2030, 8, 26)
    )

    meeting.refresh_from_db()
    assert (meeting.status, meeting.end_date, meeting.report_adopted_on) == (
        MeetingStatus.CLOSED,
        D(2030, 8, 26),
        D(2030, 8, 26),
    )


TRANSITION_CALLS = {
    MeetingStatus.POSTPONED: lambda m, a: services.postpone_meeting(
        meeting=m, actor=a, authority=PostponementAuthority.CHAIR
    ),
    MeetingStatus.RESCHEDULED: lambda m, a: services.reschedule_meeting(
        meeting=m, actor=a, start=D(2031, 1, 5), end=D(2031, 1, 6)
    ),
    MeetingStatus.IN_SESSION: lambda m, a: services.convene_meeting(
        meeting=m, actor=a, on=D(2031, 1, 5)
    ),
    MeetingStatus.CLOSED: lambda m, a: services.close_meeting(meeting=m, actor=a, on=D(2031, 1, 6)),
    MeetingStatus.CANCELLED: lambda m, a: services.cancel_meeting(meeting=m, actor=a),
}


@pytest.mark.parametrize("target", list(TRANSITION_CALLS))
@pytest.mark.parametrize("current", list(MeetingStatus))
def test_transitions_follow_the_map(officer, current, target):
    meeting = MeetingFactory(status=current, start_date=D(2031, 1, 5), end_date=D(2031, 1, 6))
    PostponementFactory(meeting=meeting)  # open: the one a reschedule completes
    allowed = target in MEETING_TRANSITIONS[current]

    if allowed:
        TRANSITION_CALLS[target](meeting, officer)
        assert Meeting.objects.get(pk=meeting.pk).status == target
    else:
        with pytest.raises(ConflictError) as error:
            TRANSITION_CALLS[target](meeting, officer)
        assert (error.value.code, f"“{current.label}”" in error.value.message) == (
            "invalid_transition",
            True,
        )
        assert Meeting.objects.get(pk=meeting.pk).status == current


def test_status_transitions_of_a_meeting_say_who_and_when(officer):
    meeting = services.create_meeting(
        actor=officer,
        series="BWC/MSP/2030/MX.1",
        kind=MeetingKind.MEETING_OF_EXPERTS,
        title_en="X",
        scheduled_start=D(2030, 8, 25),
        scheduled_end=D(2030, 8, 26),
    )
    services.update_meeting(meeting=meeting, actor=officer, data={"title_zh": "X"})  # no move
    services.convene_meeting(meeting=meeting, actor=officer, on=D(2030, 8, 25))

    transitions = status_transitions_of(meeting)

    assert [(t.from_status, t.to_status, t.by) for t in transitions] == [
        (None, "planned", officer),
        ("planned", "in_session", officer),
    ]
    assert transitions[0].at <= transitions[1].at


def test_chair_rotation_rules_are_checked_with_reasons(officer):
    group = RegionalGroupFactory()
    services.create_chair_rotation(
        actor=officer,
        year=2020,
        body=RotatedBody.MEETING_OF_EXPERTS,
        mx_number=5,
        regional_group=group,
    )

    with pytest.raises(DomainError) as no_number:
        services.create_chair_rotation(
            actor=officer, year=2020, body=RotatedBody.MEETING_OF_EXPERTS, regional_group=group
        )
    with pytest.raises(DomainError) as msp_number:
        services.create_chair_rotation(
            actor=officer,
            year=2020,
            body=RotatedBody.MEETING_OF_STATES_PARTIES,
            mx_number=1,
            regional_group=group,
        )
    with pytest.raises(DomainError) as twice:
        services.create_chair_rotation(
            actor=officer,
            year=2020,
            body=RotatedBody.MEETING_OF_EXPERTS,
            mx_number=5,
            regional_group=group,
        )

    assert (no_number.value.field, msp_number.value.field, twice.value.field) == (
        "mx_number",
        "mx_number",
        None,
    )


def test_chair_rotation_update_can_keep_its_own_place(officer):
    rotation = services.create_chair_rotation(
        actor=officer,
        year=2020,
        body=RotatedBody.MEETING_OF_STATES_PARTIES,
        regional_group=RegionalGroupFactory(),
    )
    other = RegionalGroupFactory()

    services.update_chair_rotation(rotation=rotation, actor=officer, data={"regional_group": other})

    rotation.refresh_from_db()
    assert rotation.regional_group == other
