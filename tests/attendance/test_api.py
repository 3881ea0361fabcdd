import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.attendance import services
from apps.attendance.enums import ListKind, NominationStatus, RegistrationStatus
from apps.attendance.models import AttendanceRecord, Nomination, Registration
from apps.delegations.enums import MemberRole
from apps.delegations.models import DelegationMember
from apps.documents.enums import DocumentStatus
from apps.meetings.enums import MeetingStatus
from tests.accounts.roles import ROLES, assert_error, client_for, expected
from tests.factories.accounts import SecretariatOfficerFactory
from tests.factories.attendance import (
    AccreditedNominationFactory,
    AttendanceRecordFactory,
    NominationFactory,
    ParticipantListFactory,
    RegistrationFactory,
    SittingMeetingFactory,
)
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.entities import StateFactory
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db

D = datetime.date

SIGNED_IN_READ = {
    "secretariat_admin": 200,
    "secretariat_officer": 200,
    "focal_point_own": 200,
    "focal_point_other": 200,
    "read_only": 200,
    "anonymous": "denied",
}
# A focal point sees its own State's rows only: another State's are not found.
SCOPED_READ = {**SIGNED_IN_READ, "focal_point_other": 404}
PUBLIC_READ = {**SIGNED_IN_READ, "anonymous": 200}
SECRETARIAT_WRITE = {
    "secretariat_admin": 200,
    "secretariat_officer": 200,
    "focal_point_own": "denied",
    "focal_point_other": "denied",
    "read_only": "denied",
    "anonymous": "denied",
}
SECRETARIAT_CREATE = {**SECRETARIAT_WRITE, "secretariat_admin": 201, "secretariat_officer": 201}
ADMIN_DELETE = {**SECRETARIAT_WRITE, "secretariat_admin": 204, "secretariat_officer": "denied"}
# Submitting and withdrawing: the secretariat, or the State's own focal point.
NOMINATION_WRITE = {**SECRETARIAT_WRITE, "focal_point_own": 200, "focal_point_other": 404}
# Naming another State's member, a focal point is answered as for a member that does not exist.
NOMINATION_CREATE = {**SECRETARIAT_CREATE, "focal_point_own": 201, "focal_point_other": 400}
EXPORT_READ = {**SECRETARIAT_WRITE, "read_only": 200}
IMPORT_WRITE = {**SECRETARIAT_WRITE, "secretariat_admin": 201, "secretariat_officer": 201}


def _ids(response):
    return [row["id"] for row in response.json()["results"]]


# --- /registrations/ -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_registration_list_is_for_every_signed_in_role(role):
    registration = RegistrationFactory()

    response = client_for(role).get(f"/api/v1/registrations/?meeting={registration.meeting_id}")

    assert response.status_code == expected(SIGNED_IN_READ, role)
    if response.status_code == 200:
        assert response.json()["results"] == [
            {
                "id": registration.pk,
                "meeting": registration.meeting_id,
                "meeting_series": registration.meeting.series,
                "status": "open",
                "is_open": True,
                "opened_at": response.json()["results"][0]["opened_at"],
                "opened_by": None,
                "closed_at": None,
                "closed_by": None,
            }
        ]


@pytest.mark.parametrize("item_count", [5, 200])
def test_registration_list_query_count_is_constant(item_count, django_assert_num_queries):
    RegistrationFactory.create_batch(item_count)
    client = client_for("read_only")

    with django_assert_num_queries(2):  # count, page (meeting and users joined)
        response = client.get("/api/v1/registrations/")

    assert len(_ids(response)) == min(item_count, 50)


@pytest.mark.parametrize("query", ["meeting=first", "status=ajar", "meeting=-1"])
def test_registration_list_bad_filter_is_400(query):
    response = client_for("read_only").get(f"/api/v1/registrations/?{query}")

    assert_error(response, 400, "invalid", [query.split("=")[0]])


@pytest.mark.parametrize("role", ROLES)
def test_registration_create_is_the_secretariats(role):
    meeting = MeetingFactory()

    response = client_for(role).post(
        "/api/v1/registrations/", {"meeting": meeting.pk}, format="json"
    )

    assert response.status_code == expected(SECRETARIAT_CREATE, role)
    if response.status_code == 201:
        assert (response.json()["status"], Registration.objects.get().meeting) == (
            "not_opened",
            meeting,
        )


@pytest.mark.parametrize(
    ("payload", "fields"),
    [({}, ["meeting"]), ({"meeting": "x"}, ["meeting"]), ({"meeting": 10**20}, ["meeting"])],
)
def test_registration_create_bad_input_names_the_field(payload, fields):
    response = client_for("secretariat_officer").post(
        "/api/v1/registrations/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


def test_registration_create_twice_is_409():
    registration = RegistrationFactory()

    response = client_for("secretariat_officer").post(
        "/api/v1/registrations/", {"meeting": registration.meeting_id}, format="json"
    )

    assert_error(response, 409, "duplicate", ["meeting"])


@pytest.mark.parametrize("role", ROLES)
def test_registration_open_is_the_secretariats(role):
    registration = RegistrationFactory(status=RegistrationStatus.NOT_OPENED)

    response = client_for(role).post(f"/api/v1/registrations/{registration.pk}/open/")

    assert response.status_code == expected(SECRETARIAT_WRITE, role)
    if response.status_code == 200:
        body = response.json()
        assert (
            body["transition"]["from_status"],
            body["transition"]["to_status"],
            body["registration"]["is_open"],
        ) == ("not_opened", "open", True)


@pytest.mark.parametrize("role", ROLES)
def test_registration_close_is_the_secretariats(role):
    registration = RegistrationFactory()

    response = client_for(role).post(f"/api/v1/registrations/{registration.pk}/close/")

    assert response.status_code == expected(SECRETARIAT_WRITE, role)
    if response.status_code == 200:
        assert response.json()["registration"]["status"] == "closed"


def test_registration_close_when_not_open_is_409():
    registration = RegistrationFactory(status=RegistrationStatus.CLOSED)

    response = client_for("secretariat_officer").post(
        f"/api/v1/registrations/{registration.pk}/close/"
    )

    assert_error(response, 409, "invalid_transition")


def test_registration_open_unknown_is_404():
    response = client_for("secretariat_officer").post("/api/v1/registrations/999999/open/")

    assert_error(response, 404, "not_found")


def test_registration_transitions_say_who_and_when():
    officer = SecretariatOfficerFactory(username="isu")
    client = client_for("read_only")
    registration = services.create_registration(meeting=MeetingFactory(), actor=officer)
    services.open_registration(registration=registration, actor=officer)

    response = client.get(f"/api/v1/registrations/{registration.pk}/transitions/")

    assert [(t["from_status"], t["to_status"], t["by"]["username"]) for t in response.json()] == [
        (None, "not_opened", "isu"),
        ("not_opened", "open", "isu"),
    ]


# --- /nominations/ ---------------------------------------------------------------------------


@pytest.fixture
def open_delegation():
    """A delegation of a meeting whose registration is open."""
    return DelegationFactory(meeting=RegistrationFactory().meeting)


@pytest.mark.parametrize("role", ROLES)
def test_nomination_list_shows_a_focal_point_its_own_states(role, open_delegation):
    own = NominationFactory(member__delegation=open_delegation)
    other = NominationFactory(member__delegation__meeting=open_delegation.meeting)

    response = client_for(role, state=open_delegation.entity).get(
        f"/api/v1/nominations/?meeting={open_delegation.meeting_id}"
    )

    if role == "anonymous":
        assert_error(response, expected(SIGNED_IN_READ, role), "not_authenticated")
        return
    seen = {"focal_point_own": [own.pk], "focal_point_other": []}.get(role, [own.pk, other.pk])
    assert sorted(_ids(response)) == sorted(seen)


@pytest.mark.parametrize("item_count", [5, 200])
def test_nomination_list_query_count_is_constant(item_count, django_assert_num_queries):
    meeting = RegistrationFactory().meeting
    NominationFactory.create_batch(item_count, member__delegation__meeting=meeting)
    client = client_for("read_only")

    with django_assert_num_queries(2):  # count, page (member, delegation, entity, users joined)
        response = client.get(f"/api/v1/nominations/?meeting={meeting.pk}")

    assert len(_ids(response)) == min(item_count, 50)


def test_nomination_list_filters_by_status_and_lateness(open_delegation):
    late = NominationFactory(member__delegation=open_delegation, late=True)
    NominationFactory(member__delegation=open_delegation, status=NominationStatus.ACCREDITED)
    client = client_for("read_only")

    responses = [
        client.get(f"/api/v1/nominations/?meeting={open_delegation.meeting_id}&{query}")
        for query in ("status=submitted", "late=true")
    ]

    assert [_ids(response) for response in responses] == [[late.pk], [late.pk]]


@pytest.mark.parametrize("query", ["meeting=first", "status=pending", "delegation=2e99"])
def test_nomination_list_bad_filter_is_400(query):
    response = client_for("read_only").get(f"/api/v1/nominations/?{query}")

    assert_error(response, 400, "invalid", [query.split("=")[0]])


@pytest.mark.parametrize("role", ROLES)
def test_nomination_detail_is_scoped_for_focal_points(role, open_delegation):
    nomination = NominationFactory(member__delegation=open_delegation, member__family_name="Wei")

    response = client_for(role, state=open_delegation.entity).get(
        f"/api/v1/nominations/{nomination.pk}/"
    )

    assert response.status_code == expected(SCOPED_READ, role)
    if response.status_code == 200:
        body = response.json()
        assert (body["member"]["family_name"], body["entity_code"], body["status"]) == (
            "Wei",
            open_delegation.entity.code,
            "submitted",
        )


@pytest.mark.parametrize("role", ROLES)
def test_nomination_create_by_secretariat_or_own_focal_point(role, open_delegation):
    member = DelegationMemberFactory(delegation=open_delegation)

    response = client_for(role, state=open_delegation.entity).post(
        "/api/v1/nominations/", {"member": member.pk}, format="json"
    )

    assert response.status_code == expected(NOMINATION_CREATE, role)
    if response.status_code == 201:
        assert (response.json()["status"], Nomination.objects.get().member) == (
            "submitted",
            member,
        )
    else:
        assert Nomination.objects.count() == 0


def test_nomination_create_by_another_states_focal_point_is_as_for_no_member(open_delegation):
    member = DelegationMemberFactory(delegation=open_delegation)
    client = client_for("focal_point_other")

    answers = [
        client.post("/api/v1/nominations/", {"member": pk}, format="json")
        for pk in (member.pk, 999999)
    ]

    assert [answer.status_code for answer in answers] == [400, 400]
    errors = [answer.json()["error"]["fields"]["member"][0] for answer in answers]
    assert errors[0]["code"] == errors[1]["code"] == "does_not_exist"
    assert errors[0]["message"] == errors[1]["message"].replace("999999", str(member.pk))
    assert not Nomination.objects.exists()


@pytest.mark.parametrize(
    ("registration_status", "meeting_status"),
    [
        (RegistrationStatus.NOT_OPENED, MeetingStatus.PLANNED),
        (RegistrationStatus.CLOSED, MeetingStatus.PLANNED),
        (RegistrationStatus.OPEN, MeetingStatus.CLOSED),
    ],
)
def test_nomination_create_by_focal_point_outside_registration_is_403(
    registration_status, meeting_status
):
    registration = RegistrationFactory(status=registration_status, meeting__status=meeting_status)
    member = DelegationMemberFactory(delegation__meeting=registration.meeting)

    response = client_for("focal_point_own", state=member.delegation.entity).post(
        "/api/v1/nominations/", {"member": member.pk}, format="json"
    )

    error = assert_error(response, 403, "permission_denied")
    assert error["message"].startswith("A focal point submits and edits only its own State's")


@pytest.mark.parametrize(
    ("payload", "fields"),
    [({}, ["member"]), ({"member": 10**20}, ["member"]), ({"member": [1]}, ["member"])],
)
def test_nomination_create_bad_input_names_the_field(payload, fields):
    response = client_for("secretariat_officer").post(
        "/api/v1/nominations/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


def test_nomination_create_of_a_nominated_member_is_409(open_delegation):
    nomination = NominationFactory(member__delegation=open_delegation)

    response = client_for("secretariat_officer").post(
        "/api/v1/nominations/", {"member": nomination.member_id}, format="json"
    )

    assert_error(response, 409, "invalid_transition")


@pytest.mark.parametrize("role", ROLES)
def test_nomination_accredit_is_the_secretariats(role, open_delegation):
    nomination = NominationFactory(member__delegation=open_delegation)

    response = client_for(role, state=open_delegation.entity).post(
        f"/api/v1/nominations/{nomination.pk}/accredit/"
    )

    assert response.status_code == expected(SECRETARIAT_WRITE, role)
    nomination.refresh_from_db()
    if response.status_code == 200:
        body = response.json()
        assert (body["transition"]["to_status"], body["nomination"]["status"]) == (
            "accredited",
            "accredited",
        )
    else:
        assert nomination.status == NominationStatus.SUBMITTED


def test_nomination_accredit_twice_is_409(open_delegation):
    nomination = AccreditedNominationFactory(member__delegation=open_delegation)

    response = client_for("secretariat_officer").post(
        f"/api/v1/nominations/{nomination.pk}/accredit/"
    )

    error = assert_error(response, 409, "invalid_transition")
    assert error["message"] == "The nomination is “Accredited”; it cannot be accredited."


@pytest.mark.parametrize("role", ROLES)
def test_nomination_return_is_the_secretariats(role, open_delegation):
    nomination = NominationFactory(member__delegation=open_delegation)

    response = client_for(role, state=open_delegation.entity).post(
        f"/api/v1/nominations/{nomination.pk}/return/",
        {"reason": "The title is missing."},
        format="json",
    )

    assert response.status_code == expected(SECRETARIAT_WRITE, role)
    if response.status_code == 200:
        assert (
            response.json()["nomination"]["status"],
            response.json()["nomination"]["reason"],
        ) == ("returned", "The title is missing.")


@pytest.mark.parametrize(
    ("payload", "fields"),
    [({}, ["reason"]), ({"reason": ""}, ["reason"]), ({"reason": "   "}, ["reason"])],
)
def test_nomination_return_without_a_reason_is_400(payload, fields, open_delegation):
    nomination = NominationFactory(member__delegation=open_delegation)

    response = client_for("secretariat_officer").post(
        f"/api/v1/nominations/{nomination.pk}/return/", payload, format="json"
    )

    assert_error(response, 400, None, fields)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED


@pytest.mark.parametrize("role", ROLES)
def test_nomination_resubmit_by_secretariat_or_own_focal_point(role, open_delegation):
    nomination = NominationFactory(
        member__delegation=open_delegation, status=NominationStatus.RETURNED, reason="r"
    )

    response = client_for(role, state=open_delegation.entity).post(
        f"/api/v1/nominations/{nomination.pk}/submit/"
    )

    assert response.status_code == expected(NOMINATION_WRITE, role)
    if response.status_code == 200:
        assert response.json()["transition"] == {
            **response.json()["transition"],
            "from_status": "returned",
            "to_status": "submitted",
        }


@pytest.mark.parametrize("role", ROLES)
def test_nomination_withdraw_by_secretariat_or_own_focal_point(role, open_delegation):
    nomination = AccreditedNominationFactory(member__delegation=open_delegation)

    response = client_for(role, state=open_delegation.entity).post(
        f"/api/v1/nominations/{nomination.pk}/withdraw/", {"reason": "Ill."}, format="json"
    )

    assert response.status_code == expected(NOMINATION_WRITE, role)
    if response.status_code == 200:
        assert (
            response.json()["nomination"]["status"],
            response.json()["nomination"]["reason"],
        ) == ("withdrawn", "Ill.")


def test_nomination_withdraw_by_focal_point_after_registration_closed_is_403():
    registration = RegistrationFactory(status=RegistrationStatus.CLOSED)
    nomination = AccreditedNominationFactory(member__delegation__meeting=registration.meeting)

    response = client_for("focal_point_own", state=nomination.member.delegation.entity).post(
        f"/api/v1/nominations/{nomination.pk}/withdraw/"
    )

    assert_error(response, 403, "permission_denied")


def test_nomination_withdraw_bad_reason_is_400(open_delegation):
    nomination = AccreditedNominationFactory(member__delegation=open_delegation)

    response = client_for("secretariat_officer").post(
        f"/api/v1/nominations/{nomination.pk}/withdraw/", {"reason": "x" * 2001}, format="json"
    )

    assert_error(response, 400, "invalid", ["reason"])


def test_nomination_unknown_is_404():
    response = client_for("secretariat_officer").post("/api/v1/nominations/999999/accredit/")

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("role", ROLES)
def test_nomination_transitions_are_scoped_for_focal_points(role, open_delegation):
    officer = SecretariatOfficerFactory(username="isu")
    nomination = services.submit_nomination(
        member=DelegationMemberFactory(delegation=open_delegation), actor=officer
    )
    services.accredit_nomination(nomination=nomination, actor=officer)

    response = client_for(role, state=open_delegation.entity).get(
        f"/api/v1/nominations/{nomination.pk}/transitions/"
    )

    assert response.status_code == expected(SCOPED_READ, role)
    if response.status_code == 200:
        assert [(t["from_status"], t["to_status"]) for t in response.json()] == [
            (None, "submitted"),
            ("submitted", "accredited"),
        ]


# --- /attendance/ ----------------------------------------------------------------------------


@pytest.fixture
def accredited_member():
    return AccreditedNominationFactory(member__delegation__meeting=SittingMeetingFactory()).member


@pytest.mark.parametrize("role", ROLES)
def test_attendance_list_shows_a_focal_point_its_own_states(role, accredited_member):
    own = AttendanceRecordFactory(member=accredited_member)
    other = AttendanceRecordFactory(
        member__delegation__meeting=accredited_member.delegation.meeting
    )

    response = client_for(role, state=accredited_member.delegation.entity).get(
        f"/api/v1/attendance/?meeting={accredited_member.delegation.meeting_id}"
    )

    if role == "anonymous":
        assert_error(response, expected(SIGNED_IN_READ, role), "not_authenticated")
        return
    seen = {"focal_point_own": [own.pk], "focal_point_other": []}.get(role, [own.pk, other.pk])
    assert sorted(_ids(response)) == sorted(seen)


@pytest.mark.parametrize("item_count", [5, 200])
def test_attendance_list_query_count_is_constant(item_count, django_assert_num_queries):
    meeting = SittingMeetingFactory()
    AttendanceRecordFactory.create_batch(item_count, member__delegation__meeting=meeting)
    client = client_for("read_only")

    with django_assert_num_queries(2):  # count, page (member, delegation, entity, user joined)
        response = client.get(f"/api/v1/attendance/?meeting={meeting.pk}&day=2030-08-25")

    assert len(_ids(response)) == min(item_count, 50)


@pytest.mark.parametrize("query", ["day=yesterday", "session=evening", "meeting=x"])
def test_attendance_list_bad_filter_is_400(query):
    response = client_for("read_only").get(f"/api/v1/attendance/?{query}")

    assert_error(response, 400, "invalid", [query.split("=")[0]])


@pytest.mark.parametrize("role", ROLES)
def test_attendance_detail_is_scoped_for_focal_points(role, accredited_member):
    record = AttendanceRecordFactory(member=accredited_member)

    response = client_for(role, state=accredited_member.delegation.entity).get(
        f"/api/v1/attendance/{record.pk}/"
    )

    assert response.status_code == expected(SCOPED_READ, role)


@pytest.mark.parametrize("role", ROLES)
def test_attendance_check_in_is_the_secretariats(role, accredited_member):
    response = client_for(role, state=accredited_member.delegation.entity).post(
        "/api/v1/attendance/",
        {"member": accredited_member.pk, "day": "2030-08-25", "session": "morning"},
        format="json",
    )

    assert response.status_code == expected(SECRETARIAT_CREATE, role)
    if response.status_code == 201:
        body = response.json()
        assert (body["member"]["id"], body["day"], body["session"], body["category"]) == (
            accredited_member.pk,
            "2030-08-25",
            "morning",
            "state_party",
        )
    else:
        assert AttendanceRecord.objects.count() == 0


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["day", "member"]),
        ({"day": "2030-08-25", "member": 10**20}, ["member"]),
        ({"day": "25.8.2030", "session": "evening"}, ["day", "member", "session"]),
    ],
)
def test_attendance_check_in_bad_input_names_the_field(payload, fields):
    response = client_for("secretariat_officer").post("/api/v1/attendance/", payload, format="json")

    assert_error(response, 400, "invalid", fields)


def test_attendance_check_in_on_a_day_the_meeting_does_not_sit_is_400(accredited_member):
    response = client_for("secretariat_officer").post(
        "/api/v1/attendance/", {"member": accredited_member.pk, "day": "2030-09-01"}, format="json"
    )

    assert_error(response, 400, "invalid", ["day"])


def test_attendance_check_in_of_a_member_not_accredited_is_409():
    member = NominationFactory(member__delegation__meeting=SittingMeetingFactory()).member

    response = client_for("secretariat_officer").post(
        "/api/v1/attendance/", {"member": member.pk, "day": "2030-08-25"}, format="json"
    )

    assert_error(response, 409, "not_accredited", ["member"])


def test_attendance_check_in_twice_is_409(accredited_member):
    client = client_for("secretariat_officer")
    payload = {"member": accredited_member.pk, "day": "2030-08-25"}
    client.post("/api/v1/attendance/", payload, format="json")

    response = client.post("/api/v1/attendance/", payload, format="json")

    assert_error(response, 409, "duplicate")


@pytest.mark.parametrize("role", ROLES)
def test_attendance_remove_is_the_administrators(role, accredited_member):
    record = AttendanceRecordFactory(member=accredited_member)

    response = client_for(role, state=accredited_member.delegation.entity).delete(
        f"/api/v1/attendance/{record.pk}/"
    )

    assert response.status_code == expected(ADMIN_DELETE, role)
    assert AttendanceRecord.objects.count() == (0 if response.status_code == 204 else 1)


@pytest.mark.parametrize("role", ROLES)
def test_attendance_participation_by_category(role, accredited_member):
    meeting = accredited_member.delegation.meeting
    AttendanceRecordFactory(member=accredited_member)
    other = AttendanceRecordFactory(member__delegation__meeting=meeting).member.delegation
    DelegationFactory(meeting=meeting)  # registered, never came

    response = client_for(role, state=accredited_member.delegation.entity).get(
        f"/api/v1/attendance/participation/?meeting={meeting.pk}"
    )

    assert response.status_code == expected(SIGNED_IN_READ, role)
    if response.status_code != 200:
        return
    delegations = [accredited_member.delegation, other]
    if role == "focal_point_own":
        delegations = [accredited_member.delegation]
    elif role == "focal_point_other":
        delegations = []
    state_parties = response.json()[0]
    assert (
        state_parties["category"],
        state_parties["count"],
        sorted(d["entity_code"] for d in state_parties["delegations"]),
    ) == ("state_party", len(delegations), sorted(d.entity.code for d in delegations))
    assert [row["count"] for row in response.json()[1:]] == [0] * 6


@pytest.mark.parametrize("query", ["", "?meeting=x", "?meeting=0"])
def test_attendance_participation_bad_query_is_400(query):
    response = client_for("read_only").get(f"/api/v1/attendance/participation/{query}")

    assert_error(response, 400, "invalid", ["meeting"])


def test_attendance_participation_of_an_unknown_meeting_is_404():
    response = client_for("read_only").get("/api/v1/attendance/participation/?meeting=999999")

    assert_error(response, 404, "not_found")


# --- /participant-lists/ ---------------------------------------------------------------------


@pytest.fixture
def issued_lists():
    """A meeting's MISC.1, INF.1 and INF.1/Rev.1 (one more member accredited each time)."""
    officer = SecretariatOfficerFactory()
    meeting = SittingMeetingFactory(series="BWC/MSP/2030/MX.7")
    delegation = DelegationFactory(meeting=meeting, entity=StateFactory(code="QAA"))
    lists = []
    for kind, family_name in (
        (ListKind.PROVISIONAL, "Pérez"),
        (ListKind.FINAL, "Wei"),
        (ListKind.REVISION, "Said"),
    ):
        AccreditedNominationFactory(
            member__delegation=delegation, member__family_name=family_name, member__given_name=""
        )
        lists.append(services.issue_participant_list(meeting=meeting, kind=kind, actor=officer))
    return lists


@pytest.mark.parametrize("role", ROLES)
def test_participant_list_list_shows_the_public_the_final_lists_only(role, issued_lists):
    response = client_for(role).get(
        f"/api/v1/participant-lists/?meeting={issued_lists[0].meeting_id}"
    )

    assert response.status_code == expected(PUBLIC_READ, role)
    symbols = [row["symbol"] for row in response.json()["results"]]
    if role == "anonymous":
        assert symbols == ["BWC/MSP/2030/MX.7/INF.1", "BWC/MSP/2030/MX.7/INF.1/Rev.1"]
    else:
        assert symbols == [
            "BWC/MSP/2030/MX.7/MISC.1",
            "BWC/MSP/2030/MX.7/INF.1",
            "BWC/MSP/2030/MX.7/INF.1/Rev.1",
        ]


def test_participant_list_hides_a_withdrawn_list_from_the_public(issued_lists):
    document = issued_lists[2].document
    document.status = DocumentStatus.WITHDRAWN
    document.save()

    response = client_for("anonymous").get("/api/v1/participant-lists/")

    assert [row["symbol"] for row in response.json()["results"]] == ["BWC/MSP/2030/MX.7/INF.1"]


@pytest.mark.parametrize("role", ["read_only", "anonymous"])
@pytest.mark.parametrize("item_count", [5, 200])
def test_participant_list_list_query_count_is_constant(role, item_count, django_assert_num_queries):
    ParticipantListFactory.create_batch(item_count)
    client = client_for(role)

    with django_assert_num_queries(2):  # count, page (meeting, document and issuer joined)
        response = client.get("/api/v1/participant-lists/")

    assert len(_ids(response)) == min(item_count, 50)


@pytest.mark.parametrize("query", ["kind=draft", "meeting=one"])
def test_participant_list_list_bad_filter_is_400(query):
    response = client_for("anonymous").get(f"/api/v1/participant-lists/?{query}")

    assert_error(response, 400, "invalid", [query.split("=")[0]])


@pytest.mark.parametrize("role", ROLES)
def test_participant_list_detail_has_the_snapshot(role, issued_lists):
    final = issued_lists[1]

    response = client_for(role).get(f"/api/v1/participant-lists/{final.pk}/")

    assert response.status_code == expected(PUBLIC_READ, role)
    snapshot = response.json()["snapshot"]
    assert (snapshot["symbol"], snapshot["counts"]["members"]) == ("BWC/MSP/2030/MX.7/INF.1", 2)
    assert [m["family_name"] for m in snapshot["categories"][0]["delegations"][0]["members"]] == [
        "Pérez",
        "Wei",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_participant_list_provisional_is_not_public(role, issued_lists):
    response = client_for(role).get(f"/api/v1/participant-lists/{issued_lists[0].pk}/")

    assert response.status_code == {**SIGNED_IN_READ, "anonymous": 404}[role]


@pytest.mark.parametrize("role", ROLES)
def test_participant_list_issue_is_the_secretariats(role):
    meeting = SittingMeetingFactory(series="BWC/MSP/2030/MX.6")

    response = client_for(role).post(
        "/api/v1/participant-lists/issue/", {"meeting": meeting.pk, "kind": "final"}, format="json"
    )

    assert response.status_code == expected(SECRETARIAT_CREATE, role)
    if response.status_code == 201:
        assert (
            response.json()["symbol"],
            response.json()["document_status"],
            response.json()["snapshot"]["counts"]["delegations"],
        ) == ("BWC/MSP/2030/MX.6/INF.1", "issued", 0)


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["kind", "meeting"]),
        ({"meeting": 10**20, "kind": "final"}, ["meeting"]),
        ({"kind": "draft"}, ["kind", "meeting"]),
        ({"kind": "final", "issue_date": "soon"}, ["issue_date", "meeting"]),
    ],
)
def test_participant_list_issue_bad_input_names_the_field(payload, fields):
    response = client_for("secretariat_officer").post(
        "/api/v1/participant-lists/issue/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


def test_participant_list_issue_out_of_order_is_409():
    meeting = SittingMeetingFactory()

    response = client_for("secretariat_officer").post(
        "/api/v1/participant-lists/issue/",
        {"meeting": meeting.pk, "kind": "revision"},
        format="json",
    )

    assert_error(response, 409, "invalid_transition", ["kind"])


@pytest.mark.parametrize("role", ROLES)
def test_participant_list_diff_names_the_added_members(role, issued_lists):
    _, final, revision = issued_lists

    response = client_for(role).get(
        f"/api/v1/participant-lists/{revision.pk}/diff/?against={final.pk}"
    )

    assert response.status_code == expected(PUBLIC_READ, role)
    body = response.json()
    assert (body["older"]["symbol"], body["newer"]["symbol"]) == (
        "BWC/MSP/2030/MX.7/INF.1",
        "BWC/MSP/2030/MX.7/INF.1/Rev.1",
    )
    assert body["members"] == {
        "added": [
            {
                "entity_code": "QAA",
                "family_name": "Said",
                "given_name": "",
                "role": "member",
                "title": "",
            }
        ],
        "removed": [],
        "changed": [],
    }
    assert body["delegations"] == {"added": [], "removed": [], "changed": []}


@pytest.mark.parametrize("role", ROLES)
def test_participant_list_diff_against_the_provisional_list_is_not_public(role, issued_lists):
    provisional, final, _ = issued_lists

    response = client_for(role).get(
        f"/api/v1/participant-lists/{final.pk}/diff/?against={provisional.pk}"
    )

    assert response.status_code == {**SIGNED_IN_READ, "anonymous": 404}[role]
    if response.status_code == 200:
        assert [m["family_name"] for m in response.json()["members"]["added"]] == ["Wei"]


@pytest.mark.parametrize("query", ["", "?against=x", "?against=0", f"?against={10**20}"])
def test_participant_list_diff_bad_query_is_400(query, issued_lists):
    response = client_for("read_only").get(
        f"/api/v1/participant-lists/{issued_lists[1].pk}/diff/{query}"
    )

    assert_error(response, 400, "invalid", ["against"])


def test_participant_list_diff_against_another_meetings_list_is_400(issued_lists):
    other = ParticipantListFactory()

    response = client_for("read_only").get(
        f"/api/v1/participant-lists/{issued_lists[1].pk}/diff/?against={other.pk}"
    )

    assert_error(response, 400, "other_meeting", ["against"])


def test_participant_list_diff_against_an_unknown_list_is_404(issued_lists):
    response = client_for("read_only").get(
        f"/api/v1/participant-lists/{issued_lists[1].pk}/diff/?against=999999"
    )

    assert_error(response, 404, "not_found")


# --- /participant-imports/ -------------------------------------------------------------------


def _upload(content: bytes, name: str = "participants.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.fixture
def import_meeting():
    StateFactory(code="QAZ", iso3="QAZ", name_en="Azerbaijan")
    return MeetingFactory(series="BWC/MSP/2030/MX.3")


@pytest.mark.parametrize("role", ROLES)
def test_participant_import_is_the_secretariats(role, import_meeting):
    content = b"entity,role,family_name\nQAZ,head,Mammadov\nQAZ,,Aliyeva\n"

    response = client_for(role).post(
        "/api/v1/participant-imports/",
        {"meeting": import_meeting.pk, "file": _upload(content)},
        format="multipart",
    )

    assert response.status_code == expected(IMPORT_WRITE, role)
    if response.status_code == 201:
        assert {
            key: response.json()[key]
            for key in ("meeting", "valid", "written", "rows", "members_created", "errors")
        } == {
            "meeting": "BWC/MSP/2030/MX.3",
            "valid": True,
            "written": True,
            "rows": 2,
            "members_created": 2,
            "errors": [],
        }
    assert DelegationMember.objects.count() == (2 if response.status_code == 201 else 0)


def test_participant_import_dry_run_is_200_and_writes_nothing(import_meeting):
    response = client_for("secretariat_officer").post(
        "/api/v1/participant-imports/",
        {
            "meeting": import_meeting.pk,
            "file": _upload(b"entity,family_name\nQAZ,Mammadov\nQZZ,Nobody\n"),
            "dry_run": "true",
        },
        format="multipart",
    )

    assert response.status_code == 200
    assert (response.json()["valid"], response.json()["errors"]) == (
        False,
        [
            {
                "row": 3,
                "column": "entity",
                "code": "unknown_entity",
                "message": "“QZZ” is the code of no State or organization in the registry.",
            }
        ],
    )
    assert DelegationMember.objects.count() == 0


def test_participant_import_with_accredit_accredits(import_meeting):
    response = client_for("secretariat_officer").post(
        "/api/v1/participant-imports/",
        {
            "meeting": import_meeting.pk,
            "file": _upload(b"entity,family_name\nQAZ,Mammadov\n"),
            "accredit": "true",
        },
        format="multipart",
    )

    assert (response.status_code, Nomination.objects.get().status) == (201, "accredited")


def test_participant_import_with_bad_rows_is_400_listing_every_one(import_meeting):
    content = b"entity,role,family_name,email\nQAZ,chief,Mammadov,x\nQZZ,,Nobody,\nQAZ,,,\n"

    response = client_for("secretariat_officer").post(
        "/api/v1/participant-imports/",
        {"meeting": import_meeting.pk, "file": _upload(content)},
        format="multipart",
    )

    error = assert_error(response, 400, "invalid", ["file"])
    assert [(item["code"], item["message"]) for item in error["fields"]["file"]] == [
        (
            "invalid_choice",
            "Row 2, role: “chief” is not a role; use head, alternate, adviser, member.",
        ),
        ("invalid_email", "Row 2, email: “x” is not an e-mail address."),
        (
            "unknown_entity",
            "Row 3, entity: “QZZ” is the code of no State or organization in the registry.",
        ),
        ("required", "Row 4, family_name: The family name is required."),
    ]
    assert error["non_field_errors"] == [
        {
            "code": "invalid_rows",
            "message": "3 of 3 rows are not valid (rows 2, 3, 4); nothing was imported.",
        }
    ]
    assert DelegationMember.objects.count() == 0


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["file", "meeting"]),
        ({"meeting": "x", "file": "not a file"}, ["file", "meeting"]),
        ({"file": _upload(b"", "empty.csv")}, ["file", "meeting"]),
    ],
)
def test_participant_import_bad_input_names_the_field(payload, fields):
    response = client_for("secretariat_officer").post(
        "/api/v1/participant-imports/", payload, format="multipart"
    )

    assert_error(response, 400, "invalid", fields)


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        ("entity,family_name\nQAZ,Pérez\n".encode("latin-1"), "a.csv", "encoding"),
        (b"PK\x03\x04garbage", "a.xlsx", "unreadable"),
        (b"name,surname\nA,B\n", "a.csv", "unknown_columns"),
    ],
)
def test_participant_import_unreadable_file_is_400(import_meeting, content, name, code):
    response = client_for("secretariat_officer").post(
        "/api/v1/participant-imports/",
        {"meeting": import_meeting.pk, "file": _upload(content, name)},
        format="multipart",
    )

    assert_error(response, 400, code, ["file"])


def test_participant_import_too_large_is_400(import_meeting, settings):
    settings.IMPORT_MAX_BYTES = 10

    response = client_for("secretariat_officer").post(
        "/api/v1/participant-imports/",
        {"meeting": import_meeting.pk, "file": _upload(b"entity,family_name\nQAZ,Mammadov\n")},
        format="multipart",
    )

    assert_error(response, 400, "too_large", ["file"])


def test_participant_import_as_json_is_415(import_meeting):
    response = client_for("secretariat_officer").post(
        "/api/v1/participant-imports/", {"meeting": import_meeting.pk}, format="json"
    )

    assert_error(response, 415, "unsupported_media_type")


@pytest.mark.parametrize("role", ROLES)
def test_participant_export_is_for_the_secretariat_and_readers(role, import_meeting):
    DelegationMemberFactory(
        delegation__meeting=import_meeting,
        delegation__entity=StateFactory(code="QXX"),
        role=MemberRole.HEAD,
        family_name="Mammadov",
        given_name="Elchin",
    )

    response = client_for(role).get(
        f"/api/v1/participant-imports/export/?meeting={import_meeting.pk}&file_format=csv"
    )

    assert response.status_code == expected(EXPORT_READ, role)
    if response.status_code == 200:
        assert (response["Content-Type"], response["Content-Disposition"]) == (
            "text/csv; charset=utf-8",
            'attachment; filename="BWC-MSP-2030-MX.3-participants.csv"',
        )
        assert response.content.decode("utf-8-sig").splitlines() == [
            "entity,category,role,honorific,family_name,given_name,title,email",
            "QXX,state_party,head,,Mammadov,Elchin,,",
        ]


def test_participant_export_xlsx(import_meeting):
    from openpyxl import load_workbook

    response = client_for("read_only").get(
        f"/api/v1/participant-imports/export/?meeting={import_meeting.pk}&file_format=xlsx"
    )

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in next(sheet.iter_rows())][:2] == ["entity", "category"]


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ("", ["meeting"]),
        ("?meeting=x", ["meeting"]),
        ("?meeting=1&file_format=pdf", ["file_format"]),
        ("?meeting=1&status=pending", ["status"]),
    ],
)
def test_participant_export_bad_query_is_400(query, fields):
    response = client_for("read_only").get(f"/api/v1/participant-imports/export/{query}")

    assert_error(response, 400, "invalid", fields)


def test_participant_export_of_an_unknown_meeting_is_404():
    response = client_for("read_only").get("/api/v1/participant-imports/export/?meeting=999999")

    assert_error(response, 404, "not_found")
