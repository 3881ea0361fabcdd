import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from apps.meetings.enums import OfficerRole, RotatedBody
from apps.meetings.models import ChairRotation, Meeting
from apps.meetings.selectors import chair_group_for
from tests.factories.entities import RegionalGroupFactory
from tests.factories.meetings import MeetingFactory, OfficerFactory

pytestmark = pytest.mark.django_db


def test_meeting_series_is_unique():
    MeetingFactory(series="BWC/MSP/2030/MX.1")

    with pytest.raises(IntegrityError):
        MeetingFactory(series="BWC/MSP/2030/MX.1")


def test_meeting_scheduled_dates_in_order_is_enforced_by_the_database():
    with pytest.raises(IntegrityError):
        MeetingFactory(
            scheduled_start=datetime.date(2030, 8, 26), scheduled_end=datetime.date(2030, 8, 25)
        )


def test_meeting_clean_reports_reversed_dates_with_a_message():
    meeting = MeetingFactory.build(
        scheduled_start=datetime.date(2030, 8, 26), scheduled_end=datetime.date(2030, 8, 25)
    )

    with pytest.raises(ValidationError) as error:
        meeting.full_clean()

    assert error.value.messages == ["The scheduled end comes before the scheduled start."]


def test_meeting_clean_wants_both_actual_dates_or_neither():
    meeting = MeetingFactory.build(start_date=datetime.date(2030, 8, 25))

    with pytest.raises(ValidationError) as error:
        meeting.full_clean()

    assert error.value.messages == ["Give both the start and the end date, or neither."]


def test_meeting_natural_key_is_the_series():
    meeting = MeetingFactory()

    assert meeting.natural_key() == (meeting.series,)
    assert Meeting.objects.get_by_natural_key(meeting.series) == meeting


def test_officer_one_chair_per_meeting():
    meeting = MeetingFactory()
    OfficerFactory(meeting=meeting, role=OfficerRole.CHAIR)

    with pytest.raises(IntegrityError):
        OfficerFactory(meeting=meeting, role=OfficerRole.CHAIR)


def test_officer_str_reads_as_the_report_writes():
    officer = OfficerFactory(role=OfficerRole.SECRETARY, honorific="mr", name_en="Daniel Feakes")

    assert str(officer) == "Mr. Daniel Feakes (Secretary of the meeting)"


def test_chair_group_for_answers_from_the_rotation_table():
    nam = RegionalGroupFactory(code="nam", name_en="NAM and Other States")
    western = RegionalGroupFactory(code="wg", name_en="Western Group")
    ChairRotation.objects.create(
        year=2019, body=RotatedBody.MEETING_OF_EXPERTS, mx_number=3, regional_group=nam
    )
    ChairRotation.objects.create(
        year=2019, body=RotatedBody.MEETING_OF_STATES_PARTIES, regional_group=western
    )

    answers = [
        chair_group_for(year=2019, body=RotatedBody.MEETING_OF_EXPERTS, mx_number=3),
        chair_group_for(year=2019, body=RotatedBody.MEETING_OF_STATES_PARTIES),
        chair_group_for(year=2019, body=RotatedBody.MEETING_OF_EXPERTS, mx_number=4),
    ]

    assert answers == [nam, western, None]


def test_chair_rotation_mx_number_only_for_meetings_of_experts():
    group = RegionalGroupFactory()

    with pytest.raises(IntegrityError):
        ChairRotation.objects.create(
            year=2018, body=RotatedBody.MEETING_OF_STATES_PARTIES, mx_number=1, regional_group=group
        )


def test_chair_rotation_one_group_per_meeting_and_year():
    group = RegionalGroupFactory()
    ChairRotation.objects.create(
        year=2018, body=RotatedBody.MEETING_OF_STATES_PARTIES, regional_group=group
    )

    with pytest.raises(IntegrityError):
        ChairRotation.objects.create(
            year=2018, body=RotatedBody.MEETING_OF_STATES_PARTIES, regional_group=group
        )
