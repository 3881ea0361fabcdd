import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from apps.attendance.enums import (
    NOMINATION_TRANSITIONS,
    REGISTRATION_TRANSITIONS,
    ListKind,
    NominationStatus,
    RegistrationStatus,
)
from apps.attendance.models import AttendanceRecord
from apps.meetings.enums import MeetingStatus
from tests.factories.attendance import (
    AttendanceRecordFactory,
    NominationFactory,
    ParticipantListFactory,
    RegistrationFactory,
)
from tests.factories.delegations import DelegationMemberFactory

pytestmark = pytest.mark.django_db


def test_transition_maps_cover_every_status():
    assert (set(NOMINATION_TRANSITIONS), set(REGISTRATION_TRANSITIONS)) == (
        set(NominationStatus.values),
        set(RegistrationStatus.values),
    )


def test_transition_maps_lead_only_to_known_statuses():
    targets = set().union(*NOMINATION_TRANSITIONS.values())

    assert targets == set(NominationStatus.values)


@pytest.mark.parametrize(
    ("registration_status", "meeting_status", "is_open"),
    [
        (RegistrationStatus.OPEN, MeetingStatus.PLANNED, True),
        (RegistrationStatus.OPEN, MeetingStatus.IN_SESSION, True),
        (RegistrationStatus.OPEN, MeetingStatus.CLOSED, False),
        (RegistrationStatus.OPEN, MeetingStatus.CANCELLED, False),
        (RegistrationStatus.CLOSED, MeetingStatus.PLANNED, False),
        (RegistrationStatus.NOT_OPENED, MeetingStatus.PLANNED, False),
    ],
)
def test_registration_is_open_only_while_opened_and_the_meeting_open(
    registration_status, meeting_status, is_open
):
    registration = RegistrationFactory(status=registration_status, meeting__status=meeting_status)

    assert registration.is_open is is_open


def test_registration_one_per_meeting():
    registration = RegistrationFactory()

    with pytest.raises(IntegrityError):
        RegistrationFactory(meeting=registration.meeting)


def test_registration_str_names_series_and_status():
    registration = RegistrationFactory(meeting__series="BWC/MSP/2030/MX.9")

    assert str(registration) == "BWC/MSP/2030/MX.9: Open"


def test_nomination_one_per_member():
    nomination = NominationFactory()

    with pytest.raises(IntegrityError):
        NominationFactory(member=nomination.member)


def test_nomination_returned_needs_a_reason():
    nomination = NominationFactory.build(
        member=DelegationMemberFactory(), status=NominationStatus.RETURNED, reason=""
    )

    with pytest.raises(ValidationError) as error:
        nomination.full_clean()

    assert error.value.messages == ["A returned nomination says why."]


def test_nomination_str_names_member_and_status():
    nomination = NominationFactory(
        member__honorific="ms", member__given_name="Ana", member__family_name="Pérez"
    )

    assert str(nomination) == "Ms. Ana Pérez (Submitted)"


def test_attendance_once_per_member_day_and_session():
    record = AttendanceRecordFactory()

    with pytest.raises(IntegrityError):
        AttendanceRecordFactory(member=record.member, day=record.day, session=record.session)


def test_attendance_natural_key_round_trips():
    record = AttendanceRecordFactory()

    assert AttendanceRecord.objects.get_by_natural_key(*record.natural_key()) == record


def test_participant_list_one_final_per_meeting():
    final = ParticipantListFactory()

    with pytest.raises(IntegrityError):
        ParticipantListFactory(meeting=final.meeting, kind=ListKind.FINAL)


def test_participant_list_revisions_are_many():
    final = ParticipantListFactory()

    ParticipantListFactory(meeting=final.meeting, kind=ListKind.REVISION)
    ParticipantListFactory(meeting=final.meeting, kind=ListKind.REVISION)

    assert final.meeting.participant_lists.count() == 3


def test_participant_list_str_is_its_symbol():
    plist = ParticipantListFactory(meeting__series="BWC/MSP/2030/MX.8", document__number=1)

    assert str(plist) == "BWC/MSP/2030/MX.8/INF.1"
