import datetime

import pytest

from apps.attendance import services
from apps.attendance.enums import ListKind, NominationStatus, RegistrationStatus, Session
from apps.attendance.models import AttendanceRecord, Nomination, ParticipantList
from apps.core.errors import ConflictError, DomainError, NotAllowedError
from apps.delegations.enums import MemberRole, Rule44Category
from apps.documents.enums import DocumentStatus
from apps.documents.models import Document
from apps.meetings.enums import MeetingStatus
from apps.meetings.selectors import status_transitions_of
from tests.factories.accounts import FocalPointFactory, SecretariatOfficerFactory
from tests.factories.attendance import (
    AccreditedNominationFactory,
    AttendanceRecordFactory,
    NominationFactory,
    RegistrationFactory,
    SittingMeetingFactory,
)
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.entities import OrganizationFactory, StateFactory
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def officer():
    return SecretariatOfficerFactory(username="officer")


def _member_of_open_meeting(**member):
    registration = RegistrationFactory()
    delegation = DelegationFactory(meeting=registration.meeting)
    return DelegationMemberFactory(delegation=delegation, **member)


# --- Registration ----------------------------------------------------------------------------


def test_create_registration_is_not_opened(officer):
    meeting = MeetingFactory()

    registration = services.create_registration(meeting=meeting, actor=officer)

    assert (registration.status, registration.is_open, registration.opened_at) == (
        RegistrationStatus.NOT_OPENED,
        False,
        None,
    )


def test_create_registration_twice_conflicts(officer):
    registration = RegistrationFactory()

    with pytest.raises(ConflictError) as error:
        services.create_registration(meeting=registration.meeting, actor=officer)

    assert (error.value.code, error.value.field) == ("duplicate", "meeting")


def test_open_registration_records_who_and_when(officer):
    registration = services.create_registration(meeting=MeetingFactory(), actor=officer)

    registration = services.open_registration(registration=registration, actor=officer)

    assert (registration.status, registration.opened_by, registration.is_open) == (
        RegistrationStatus.OPEN,
        officer,
        True,
    )
    assert registration.opened_at is not None


def test_close_then_reopen_registration_keeps_every_transition(officer):
    registration = services.create_registration(meeting=MeetingFactory(), actor=officer)
    services.open_registration(registration=registration, actor=officer)
    services.close_registration(registration=registration, actor=officer)

    registration = services.open_registration(registration=registration, actor=officer)

    assert (registration.closed_at, registration.closed_by) == (None, None)
    assert [
        (t.from_status, t.to_status, t.by.username) for t in status_transitions_of(registration)
    ] == [
        (None, "not_opened", "officer"),
        ("not_opened", "open", "officer"),
        ("open", "closed", "officer"),
        ("closed", "open", "officer"),
    ]


@pytest.mark.parametrize(
    ("status", "service"),
    [
        (RegistrationStatus.OPEN, services.open_registration),
        (RegistrationStatus.NOT_OPENED, services.close_registration),
        (RegistrationStatus.CLOSED, services.close_registration),
    ],
)
def test_registration_transition_from_the_wrong_status_conflicts(officer, status, service):
    registration = RegistrationFactory(status=status)

    with pytest.raises(ConflictError) as error:
        service(registration=registration, actor=officer)

    assert error.value.code == "invalid_transition"


@pytest.mark.parametrize("meeting_status", [MeetingStatus.CLOSED, MeetingStatus.CANCELLED])
def test_open_registration_of_a_finished_meeting_conflicts(officer, meeting_status):
    registration = RegistrationFactory(
        status=RegistrationStatus.NOT_OPENED, meeting__status=meeting_status
    )

    with pytest.raises(ConflictError) as error:
        services.open_registration(registration=registration, actor=officer)

    assert str(error.value).startswith("The meeting's status is")


# --- Nominations -----------------------------------------------------------------------------


def test_submit_nomination_creates_a_submitted_one(officer):
    member = _member_of_open_meeting()

    nomination = services.submit_nomination(member=member, actor=officer)

    assert (nomination.status, nomination.submitted_by, nomination.late, nomination.member) == (
        NominationStatus.SUBMITTED,
        officer,
        False,
        member,
    )


def test_submit_nomination_after_a_list_was_issued_is_late(officer):
    member = _member_of_open_meeting()
    services.issue_participant_list(
        meeting=member.delegation.meeting, kind=ListKind.PROVISIONAL, actor=officer
    )

    nomination = services.submit_nomination(member=member, actor=officer)

    assert nomination.late is True


def test_submit_nomination_by_its_states_focal_point_while_open():
    member = _member_of_open_meeting()
    focal_point = FocalPointFactory(entity=member.delegation.entity)

    nomination = services.submit_nomination(member=member, actor=focal_point)

    assert nomination.submitted_by == focal_point


def test_submit_nomination_by_another_states_focal_point_is_not_allowed():
    member = _member_of_open_meeting()

    with pytest.raises(NotAllowedError):
        services.submit_nomination(member=member, actor=FocalPointFactory())

    assert Nomination.objects.count() == 0


@pytest.mark.parametrize("registration_status", [None, "not_opened", "closed"])
def test_submit_nomination_by_a_focal_point_needs_open_registration(registration_status):
    delegation = DelegationFactory()
    if registration_status:
        RegistrationFactory(meeting=delegation.meeting, status=registration_status)
    member = DelegationMemberFactory(delegation=delegation)

    with pytest.raises(NotAllowedError) as error:
        services.submit_nomination(member=member, actor=FocalPointFactory(entity=delegation.entity))

    assert str(error.value) == f"Registration for {delegation.meeting.series} is not open."


def test_submit_nomination_by_the_secretariat_needs_no_open_registration(officer):
    member = DelegationMemberFactory()

    nomination = services.submit_nomination(member=member, actor=officer)

    assert nomination.status == NominationStatus.SUBMITTED


def test_submit_nomination_already_submitted_conflicts(officer):
    nomination = NominationFactory()

    with pytest.raises(ConflictError) as error:
        services.submit_nomination(member=nomination.member, actor=officer)

    assert str(error.value) == "The nomination is “Submitted”; it cannot be submitted."


def test_accredit_nomination_records_the_decision(officer):
    nomination = NominationFactory()

    nomination = services.accredit_nomination(nomination=nomination, actor=officer)

    assert (nomination.status, nomination.decided_by) == (NominationStatus.ACCREDITED, officer)
    assert nomination.decided_at is not None


def test_accredit_nomination_twice_conflicts(officer):
    nomination = services.accredit_nomination(nomination=NominationFactory(), actor=officer)

    with pytest.raises(ConflictError) as error:
        services.accredit_nomination(nomination=nomination, actor=officer)

    assert (error.value.code, error.value.status_code) == ("invalid_transition", 409)


def test_accredit_nomination_reads_the_status_afresh(officer):
    nomination = NominationFactory()
    stale = Nomination.objects.get(pk=nomination.pk)
    services.accredit_nomination(nomination=nomination, actor=officer)

    with pytest.raises(ConflictError):
        services.accredit_nomination(nomination=stale, actor=officer)


def test_return_nomination_needs_a_reason(officer):
    nomination = NominationFactory()

    with pytest.raises(DomainError) as error:
        services.return_nomination(nomination=nomination, actor=officer, reason="  ")

    assert (error.value.field, NominationFactory._meta.model.objects.get().status) == (
        "reason",
        NominationStatus.SUBMITTED,
    )


def test_return_then_resubmit_keeps_the_reason_in_the_history(officer):
    member = _member_of_open_meeting()
    focal_point = FocalPointFactory(entity=member.delegation.entity, username="fp")
    nomination = services.submit_nomination(member=member, actor=focal_point)
    returned = services.return_nomination(
        nomination=nomination, actor=officer, reason="Title missing."
    )
    assert (returned.status, returned.reason) == (NominationStatus.RETURNED, "Title missing.")

    resubmitted = services.submit_nomination(member=member, actor=focal_point)

    assert (resubmitted.status, resubmitted.reason, resubmitted.decided_by) == (
        NominationStatus.SUBMITTED,
        "",
        None,
    )
    assert [
        (t.from_status, t.to_status, t.by.username) for t in status_transitions_of(resubmitted)
    ] == [
        (None, "submitted", "fp"),
        ("submitted", "returned", "officer"),
        ("returned", "submitted", "fp"),
    ]
    assert [r.reason for r in resubmitted.history.order_by("history_date")] == [
        "",
        "Title missing.",
        "",
    ]


@pytest.mark.parametrize(
    ("status", "to"),
    [
        (NominationStatus.RETURNED, NominationStatus.ACCREDITED),
        (NominationStatus.ACCREDITED, NominationStatus.RETURNED),
        (NominationStatus.SUBMITTED, NominationStatus.WITHDRAWN),
        (NominationStatus.WITHDRAWN, NominationStatus.ACCREDITED),
    ],
)
def test_transition_nomination_outside_the_map_conflicts(officer, status, to):
    nomination = NominationFactory(status=status, reason="r")

    with pytest.raises(ConflictError):
        services.transition_nomination(nomination=nomination, to=to, actor=officer, reason="r")


@pytest.mark.parametrize("to", [NominationStatus.ACCREDITED, NominationStatus.RETURNED])
def test_focal_point_may_not_decide_its_own_nomination(to):
    nomination = NominationFactory(member=_member_of_open_meeting())
    focal_point = FocalPointFactory(entity=nomination.member.delegation.entity)

    with pytest.raises(NotAllowedError):
        services.transition_nomination(nomination=nomination, to=to, actor=focal_point, reason="r")


def test_focal_point_withdraws_its_own_accredited_nomination():
    nomination = AccreditedNominationFactory(member=_member_of_open_meeting())
    focal_point = FocalPointFactory(entity=nomination.member.delegation.entity)

    nomination = services.withdraw_nomination(
        nomination=nomination, actor=focal_point, reason="Not travelling."
    )

    assert (nomination.status, nomination.reason, nomination.decided_by) == (
        NominationStatus.WITHDRAWN,
        "Not travelling.",
        focal_point,
    )


def test_withdrawn_nomination_may_be_submitted_again(officer):
    nomination = NominationFactory(status=NominationStatus.WITHDRAWN)

    nomination = services.submit_nomination(member=nomination.member, actor=officer)

    assert nomination.status == NominationStatus.SUBMITTED


# --- Attendance ------------------------------------------------------------------------------


def _accredited_member(meeting=None):
    meeting = meeting or SittingMeetingFactory()
    return AccreditedNominationFactory(member__delegation__meeting=meeting).member


def test_record_attendance_of_an_accredited_member(officer):
    member = _accredited_member()

    record = services.record_attendance(
        member=member, day=D(2030, 8, 25), session=Session.MORNING, actor=officer
    )

    assert (record.member, record.day, record.session, record.recorded_by) == (
        member,
        D(2030, 8, 25),
        Session.MORNING,
        officer,
    )
    assert [h.history_user for h in record.history.all()] == [officer]


@pytest.mark.parametrize(
    "status",
    [None, NominationStatus.SUBMITTED, NominationStatus.RETURNED, NominationStatus.WITHDRAWN],
)
def test_record_attendance_of_a_member_not_accredited_conflicts(officer, status):
    member = DelegationMemberFactory(delegation__meeting=SittingMeetingFactory())
    if status:
        NominationFactory(member=member, status=status, reason="r")

    with pytest.raises(ConflictError) as error:
        services.record_attendance(member=member, day=D(2030, 8, 25), actor=officer)

    assert (error.value.code, error.value.field) == ("not_accredited", "member")


@pytest.mark.parametrize(
    "status", [MeetingStatus.PLANNED, MeetingStatus.POSTPONED, MeetingStatus.CANCELLED]
)
def test_record_attendance_before_the_meeting_sits_conflicts(officer, status):
    member = _accredited_member(SittingMeetingFactory(status=status))

    with pytest.raises(ConflictError):
        services.record_attendance(member=member, day=D(2030, 8, 25), actor=officer)


def test_record_attendance_after_the_meeting_closed_is_allowed(officer):
    member = _accredited_member(SittingMeetingFactory(status=MeetingStatus.CLOSED))

    record = services.record_attendance(member=member, day=D(2030, 8, 26), actor=officer)

    assert record.day == D(2030, 8, 26)


@pytest.mark.parametrize("day", [D(2030, 8, 24), D(2030, 8, 27)])
def test_record_attendance_on_a_day_the_meeting_does_not_sit_is_invalid(officer, day):
    member = _accredited_member()

    with pytest.raises(DomainError) as error:
        services.record_attendance(member=member, day=day, actor=officer)

    assert (error.value.field, str(error.value)) == (
        "day",
        f"{member.delegation.meeting.series} sits from 2030-08-25 to 2030-08-26.",
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (Session.MORNING, Session.MORNING),
        (Session.DAY, Session.AFTERNOON),
        (Session.MORNING, Session.DAY),
    ],
)
def test_record_attendance_twice_for_one_session_conflicts(officer, first, second):
    member = _accredited_member()
    services.record_attendance(member=member, day=D(2030, 8, 25), session=first, actor=officer)

    with pytest.raises(ConflictError) as error:
        services.record_attendance(member=member, day=D(2030, 8, 25), session=second, actor=officer)

    assert error.value.code == "duplicate"


def test_record_attendance_morning_and_afternoon_are_two_records(officer):
    member = _accredited_member()

    for session in (Session.MORNING, Session.AFTERNOON):
        services.record_attendance(
            member=member, day=D(2030, 8, 25), session=session, actor=officer
        )

    assert sorted(AttendanceRecord.objects.values_list("session", flat=True)) == [
        "afternoon",
        "morning",
    ]


def test_remove_attendance_keeps_the_record_in_the_history(officer):
    record = AttendanceRecordFactory()
    record_id = record.pk

    services.remove_attendance(record=record, actor=officer)

    assert AttendanceRecord.objects.count() == 0
    assert [
        (h.history_type, h.history_user)
        for h in AttendanceRecord.history.filter(id=record_id).order_by("history_date")
    ] == [("+", None), ("-", officer)]


# --- Lists of participants -------------------------------------------------------------------


@pytest.fixture
def meeting_with_participants():
    """Two States Parties (one listed first), a signatory and an organization; one member of
    each of the first three accredited, plus members whose nominations are not."""
    meeting = SittingMeetingFactory(series="BWC/MSP/2030/MX.4")
    second = DelegationFactory(meeting=meeting, entity=StateFactory(code="QBB"), position=2)
    first = DelegationFactory(meeting=meeting, entity=StateFactory(code="QAA"), position=1)
    signatory = DelegationFactory(
        meeting=meeting,
        entity=StateFactory(code="QSG"),
        category=Rule44Category.SIGNATORY,
        position=1,
    )
    organization = DelegationFactory(
        meeting=meeting,
        entity=OrganizationFactory(code="ORGX"),
        category=Rule44Category.INTERNATIONAL_ORGANIZATION,
        position=1,
    )
    AccreditedNominationFactory(
        member=DelegationMemberFactory(
            delegation=first,
            position=1,
            role=MemberRole.HEAD,
            honorific="ms",
            given_name="Ana",
            family_name="Pérez",
            title="Ambassador",
            email="ana@example.org",
        )
    )
    NominationFactory(member=DelegationMemberFactory(delegation=first, position=2))
    AccreditedNominationFactory(
        member=DelegationMemberFactory(
            delegation=second, position=1, given_name="Li", family_name="Wei", title=""
        )
    )
    AccreditedNominationFactory(
        member=DelegationMemberFactory(
            delegation=signatory, position=1, given_name="Omar", family_name="Said", title=""
        )
    )
    NominationFactory(
        member=DelegationMemberFactory(delegation=organization),
        status=NominationStatus.RETURNED,
        reason="r",
    )
    return meeting


def test_issue_provisional_list_mints_and_issues_misc_1(officer, meeting_with_participants):
    plist = services.issue_participant_list(
        meeting=meeting_with_participants, kind=ListKind.PROVISIONAL, actor=officer
    )

    document = Document.objects.get(pk=plist.document_id)
    assert (document.symbol, document.status, document.title_en, plist.issued_by) == (
        "BWC/MSP/2030/MX.4/MISC.1",
        DocumentStatus.ISSUED,
        "Provisional list of participants",
        officer,
    )


def test_issue_list_snapshot_holds_the_accredited_members_in_order(
    officer, meeting_with_participants
):
    plist = services.issue_participant_list(
        meeting=meeting_with_participants, kind=ListKind.FINAL, actor=officer
    )

    snapshot = plist.snapshot
    assert [
        (
            block["category"],
            [
                (
                    d["entity_code"],
                    [(m["family_name"], m["role"], m["title"]) for m in d["members"]],
                )
                for d in block["delegations"]
            ],
        )
        for block in snapshot["categories"]
    ] == [
        (
            "state_party",
            [("QAA", [("Pérez", "head", "Ambassador")]), ("QBB", [("Wei", "member", "")])],
        ),
        ("signatory", [("QSG", [("Said", "member", "")])]),
    ]
    assert snapshot["counts"] == {
        "delegations": 3,
        "members": 3,
        "by_category": {
            "state_party": 2,
            "signatory": 1,
            "observer_state": 0,
            "un_entity": 0,
            "international_organization": 0,
            "ngo": 0,
            "guest": 0,
        },
    }
    assert (snapshot["symbol"], snapshot["kind"], plist.delegation_count, plist.member_count) == (
        "BWC/MSP/2030/MX.4/INF.1",
        "final",
        3,
        3,
    )
    assert "email" not in snapshot["categories"][0]["delegations"][0]["members"][0]


def test_issue_list_snapshot_is_frozen(officer, meeting_with_participants):
    plist = services.issue_participant_list(
        meeting=meeting_with_participants, kind=ListKind.FINAL, actor=officer
    )
    before = dict(plist.snapshot)

    for nomination in Nomination.objects.filter(status=NominationStatus.SUBMITTED):
        services.accredit_nomination(nomination=nomination, actor=officer)

    assert ParticipantList.objects.get(pk=plist.pk).snapshot == before


def test_issue_revision_revises_inf_1_and_supersedes_it(officer, meeting_with_participants):
    final = services.issue_participant_list(
        meeting=meeting_with_participants, kind=ListKind.FINAL, actor=officer
    )
    first = services.issue_participant_list(
        meeting=meeting_with_participants, kind=ListKind.REVISION, actor=officer
    )

    second = services.issue_participant_list(
        meeting=meeting_with_participants, kind=ListKind.REVISION, actor=officer
    )

    assert [
        (d.symbol, d.status)
        for d in Document.objects.filter(
            pk__in=[final.document_id, first.document_id, second.document_id]
        ).order_by("pk")
    ] == [
        ("BWC/MSP/2030/MX.4/INF.1", DocumentStatus.SUPERSEDED),
        ("BWC/MSP/2030/MX.4/INF.1/Rev.1", DocumentStatus.SUPERSEDED),
        ("BWC/MSP/2030/MX.4/INF.1/Rev.2", DocumentStatus.ISSUED),
    ]


@pytest.mark.parametrize(
    ("issued", "kind", "message"),
    [
        (
            [ListKind.PROVISIONAL],
            ListKind.PROVISIONAL,
            "The provisional list was issued as BWC/MSP/2030/MX.4/MISC.1; issue the final list "
            "instead.",
        ),
        (
            [ListKind.FINAL],
            ListKind.PROVISIONAL,
            "The final list was issued as BWC/MSP/2030/MX.4/INF.1; issue a revision of it instead.",
        ),
        (
            [ListKind.FINAL],
            ListKind.FINAL,
            "The final list was issued as BWC/MSP/2030/MX.4/INF.1; issue a revision of it instead.",
        ),
        (
            [ListKind.PROVISIONAL],
            ListKind.REVISION,
            "A revision revises the final list, which has not been issued.",
        ),
    ],
)
def test_issue_list_out_of_order_conflicts(
    officer, meeting_with_participants, issued, kind, message
):
    for earlier in issued:
        services.issue_participant_list(
            meeting=meeting_with_participants, kind=earlier, actor=officer
        )

    with pytest.raises(ConflictError) as error:
        services.issue_participant_list(meeting=meeting_with_participants, kind=kind, actor=officer)

    assert (str(error.value), ParticipantList.objects.count()) == (message, len(issued))


def test_issue_list_of_a_cancelled_meeting_conflicts(officer):
    meeting = MeetingFactory(status=MeetingStatus.CANCELLED)

    with pytest.raises(ConflictError):
        services.issue_participant_list(meeting=meeting, kind=ListKind.FINAL, actor=officer)

    assert Document.objects.count() == 0
