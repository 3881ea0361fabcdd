import pytest

from apps.delegations.enums import MemberRole
from apps.delegations.models import Delegation, DelegationMember
from apps.meetings.enums import MeetingStatus
from tests.accounts.roles import ROLES, assert_error, client_for, expected
from tests.factories.attendance import AttendanceRecordFactory
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.entities import OrganizationFactory, StateFactory, TreatyStatusFactory
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db

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
# A focal point sees its own State's delegations only: another State's are not found.
SCOPED_READ = {
    "secretariat_admin": 200,
    "secretariat_officer": 200,
    "focal_point_own": 200,
    "focal_point_other": 404,
    "read_only": 200,
    "anonymous": "denied",
}
NOMINATION_WRITE = {**SECRETARIAT_WRITE, "focal_point_own": 200, "focal_point_other": 404}
# Creating names the delegation: to the focal point of another State, as an unknown one.
NOMINATION_CREATE = {**SECRETARIAT_CREATE, "focal_point_own": 201, "focal_point_other": 400}


# --- /delegations/ -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_delegation_list_shows_a_focal_point_its_own_states(role):
    own = DelegationFactory()
    other = DelegationFactory(meeting=own.meeting)

    response = client_for(role, state=own.entity).get(
        f"/api/v1/delegations/?meeting={own.meeting_id}"
    )

    if role == "anonymous":
        assert_error(response, expected(SCOPED_READ, role), "not_authenticated")
        return
    seen = {
        "focal_point_own": [own.pk],
        "focal_point_other": [],
    }.get(role, [own.pk, other.pk])
    assert sorted(row["id"] for row in response.json()["results"]) == sorted(seen)


@pytest.mark.parametrize("item_count", [5, 200])
def test_delegation_list_query_count_is_constant(item_count, django_assert_num_queries):
    meeting = MeetingFactory()
    for delegation in DelegationFactory.create_batch(item_count, meeting=meeting):
        DelegationMemberFactory.create_batch(2, delegation=delegation)
    client = client_for("read_only")

    with django_assert_num_queries(3):  # count, page (meeting and entity joined), members
        response = client.get(f"/api/v1/delegations/?meeting={meeting.pk}")

    assert [len(row["members"]) for row in response.json()["results"]] == [2] * min(item_count, 50)


def test_delegation_list_is_in_the_reports_order():
    meeting = MeetingFactory()
    io = DelegationFactory(
        meeting=meeting,
        entity=OrganizationFactory(),
        category="international_organization",
        position=1,
    )
    second = DelegationFactory(meeting=meeting, position=2)
    first = DelegationFactory(meeting=meeting, position=1)
    signatory = DelegationFactory(meeting=meeting, category="signatory", position=1)

    response = client_for("read_only").get(f"/api/v1/delegations/?meeting={meeting.pk}")

    assert [row["id"] for row in response.json()["results"]] == [
        first.pk,
        second.pk,
        signatory.pk,
        io.pk,
    ]


def test_delegation_participated_when_a_member_checked_in():
    meeting = MeetingFactory()
    attended, absent, empty = DelegationFactory.create_batch(3, meeting=meeting)
    AttendanceRecordFactory(member=DelegationMemberFactory(delegation=attended))
    DelegationMemberFactory(delegation=attended)
    DelegationMemberFactory(delegation=absent)

    listed = client_for("read_only").get(f"/api/v1/delegations/?meeting={meeting.pk}").json()
    one = client_for("read_only").get(f"/api/v1/delegations/{absent.pk}/").json()

    assert [(row["id"], row["participated"]) for row in listed["results"]] == [
        (attended.pk, True),
        (absent.pk, False),
        (empty.pk, False),
    ]
    assert one["participated"] is False


@pytest.mark.parametrize("query", ["meeting=first", "category=tourist"])
def test_delegation_list_bad_filter_is_400(query):
    response = client_for("read_only").get(f"/api/v1/delegations/?{query}")

    assert_error(response, 400, "invalid", [query.split("=")[0]])


@pytest.mark.parametrize("role", ROLES)
def test_delegation_detail_is_scoped_for_focal_points(role):
    delegation = DelegationFactory()
    DelegationMemberFactory(delegation=delegation, family_name="Pérez")

    response = client_for(role, state=delegation.entity).get(
        f"/api/v1/delegations/{delegation.pk}/"
    )

    assert response.status_code == expected(SCOPED_READ, role)
    if response.status_code == 200:
        assert [m["family_name"] for m in response.json()["members"]] == ["Pérez"]


@pytest.mark.parametrize("role", ROLES)
def test_delegation_create_is_the_secretariats(role):
    meeting = MeetingFactory()
    state = StateFactory()

    response = client_for(role, state=state).post(
        "/api/v1/delegations/", {"meeting": meeting.pk, "entity": state.pk}, format="json"
    )

    assert response.status_code == expected(SECRETARIAT_CREATE, role)


def test_delegation_create_takes_the_category_from_the_treaty_status():
    meeting = MeetingFactory()
    state = StateFactory()
    TreatyStatusFactory(entity=state, status="signatory")

    body = (
        client_for("secretariat_officer")
        .post("/api/v1/delegations/", {"meeting": meeting.pk, "entity": state.pk}, format="json")
        .json()
    )

    assert (body["category"], body["entity"]["code"], body["meeting_series"], body["members"]) == (
        "signatory",
        state.code,
        meeting.series,
        [],
    )


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["entity", "meeting"]),
        ({"entity": 10**20}, ["entity"]),
        ({"category": "tourist"}, ["category"]),
        ({"category": "ngo"}, ["category"]),  # a State is no NGO
        ({"entity": "TAKEN"}, ["entity"]),
        ({"entity": "GROUP"}, ["entity"]),
        ({"position": -1}, ["position"]),
    ],
)
def test_delegation_create_bad_input_names_the_field(payload, fields):
    taken = DelegationFactory()
    group = OrganizationFactory(kind="group")
    base = {"meeting": taken.meeting_id, "entity": StateFactory().pk} if payload else {}
    payload = {
        key: {"TAKEN": taken.entity_id, "GROUP": group.pk}.get(value, value)
        if isinstance(value, str)
        else value
        for key, value in payload.items()
    }

    response = client_for("secretariat_officer").post(
        "/api/v1/delegations/", {**base, **payload}, format="json"
    )

    assert_error(response, 400, "invalid", fields)


@pytest.mark.parametrize("role", ROLES)
def test_delegation_update_is_the_secretariats(role):
    delegation = DelegationFactory()

    response = client_for(role, state=delegation.entity).patch(
        f"/api/v1/delegations/{delegation.pk}/", {"listed_name_en": "Türkiye"}, format="json"
    )

    assert response.status_code == expected(SECRETARIAT_WRITE, role)


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"category": "ngo"}, ["category"]),
        ({"position": "last"}, ["position"]),
        ({"category": None}, ["category"]),
    ],
)
def test_delegation_update_bad_input_names_the_field(payload, fields):
    delegation = DelegationFactory()

    response = client_for("secretariat_officer").patch(
        f"/api/v1/delegations/{delegation.pk}/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


def test_delegation_update_ignores_what_does_not_change():
    delegation = DelegationFactory()
    other = MeetingFactory()

    body = (
        client_for("secretariat_officer")
        .patch(
            f"/api/v1/delegations/{delegation.pk}/",
            {"meeting": other.pk, "notes": "late"},
            format="json",
        )
        .json()
    )

    assert (body["meeting"], body["notes"]) == (delegation.meeting_id, "late")


@pytest.mark.parametrize("role", ROLES)
def test_delegation_delete_is_the_administrators(role):
    delegation = DelegationFactory()

    response = client_for(role, state=delegation.entity).delete(
        f"/api/v1/delegations/{delegation.pk}/"
    )

    assert response.status_code == expected(ADMIN_DELETE, role)


def test_delegation_unknown_is_404():
    response = client_for("secretariat_admin").delete("/api/v1/delegations/999999/")

    assert_error(response, 404, "not_found")


# --- /delegation-members/ ------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_delegation_member_list_shows_a_focal_point_its_own_states(role):
    own = DelegationMemberFactory()
    other = DelegationMemberFactory(delegation=DelegationFactory(meeting=own.delegation.meeting))

    response = client_for(role, state=own.delegation.entity).get("/api/v1/delegation-members/")

    if role == "anonymous":
        assert_error(response, expected(SCOPED_READ, role), "not_authenticated")
        return
    seen = {"focal_point_own": [own.pk], "focal_point_other": []}.get(role, [own.pk, other.pk])
    assert sorted(row["id"] for row in response.json()["results"]) == sorted(seen)


@pytest.mark.parametrize("item_count", [5, 200])
def test_delegation_member_list_query_count_is_constant(item_count, django_assert_num_queries):
    delegation = DelegationFactory()
    DelegationMemberFactory.create_batch(item_count, delegation=delegation)
    client = client_for("read_only")

    with django_assert_num_queries(2):  # count, page (delegation, meeting, entity joined)
        response = client.get(f"/api/v1/delegation-members/?meeting={delegation.meeting_id}")

    assert {row["entity_code"] for row in response.json()["results"]} == {delegation.entity.code}


@pytest.mark.parametrize("role", ROLES)
def test_delegation_member_detail_is_scoped_for_focal_points(role):
    member = DelegationMemberFactory()

    response = client_for(role, state=member.delegation.entity).get(
        f"/api/v1/delegation-members/{member.pk}/"
    )

    assert response.status_code == expected(SCOPED_READ, role)


@pytest.mark.parametrize("role", ROLES)
def test_delegation_member_create_by_secretariat_or_own_focal_point(role):
    delegation = DelegationFactory()

    response = client_for(role, state=delegation.entity).post(
        "/api/v1/delegation-members/",
        {"delegation": delegation.pk, "role": "head", "family_name": "Pérez", "given_name": "Ana"},
        format="json",
    )

    assert response.status_code == expected(NOMINATION_CREATE, role)
    assert DelegationMember.objects.count() == (1 if response.status_code == 201 else 0)


def test_delegation_member_create_by_the_focal_point_of_another_state_is_as_for_no_delegation():
    delegation = DelegationFactory()
    client = client_for("focal_point_other")

    responses = [
        client.post(
            "/api/v1/delegation-members/",
            {"delegation": pk, "family_name": "Intruder"},
            format="json",
        )
        for pk in (delegation.pk, 999999)
    ]

    assert [response.status_code for response in responses] == [400, 400]
    fields = [response.json()["error"]["fields"]["delegation"] for response in responses]
    assert fields[0][0]["code"] == fields[1][0]["code"] == "does_not_exist"
    assert fields[0][0]["message"].replace(str(delegation.pk), "N") == fields[1][0][
        "message"
    ].replace("999999", "N")
    assert not DelegationMember.objects.exists()


@pytest.mark.parametrize("status", [MeetingStatus.CLOSED, MeetingStatus.CANCELLED])
def test_delegation_member_create_by_focal_point_once_the_meeting_is_over_is_403(status):
    delegation = DelegationFactory(meeting=MeetingFactory(status=status))

    response = client_for("focal_point_own", state=delegation.entity).post(
        "/api/v1/delegation-members/",
        {"delegation": delegation.pk, "family_name": "Late"},
        format="json",
    )

    error = assert_error(response, 403, "permission_denied")
    assert error["message"].startswith("A focal point submits and edits only its own State's")


def test_delegation_member_create_by_secretariat_after_the_meeting_corrects_the_record():
    delegation = DelegationFactory(meeting=MeetingFactory(status=MeetingStatus.CLOSED))

    response = client_for("secretariat_officer").post(
        "/api/v1/delegation-members/",
        {"delegation": delegation.pk, "family_name": "Missed"},
        format="json",
    )

    assert (response.status_code, response.json()["position"]) == (201, 1)


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["delegation", "family_name"]),
        ({"role": "head"}, ["role"]),  # the delegation has a head
        ({"role": "chief"}, ["role"]),
        ({"position": 1}, ["position"]),  # taken
        ({"email": "not-an-email"}, ["email"]),
        ({"honorific": "dr"}, ["honorific"]),
        ({"family_name": ""}, ["family_name"]),
        ({"delegation": 10**20}, ["delegation"]),
    ],
)
def test_delegation_member_create_bad_input_names_the_field(payload, fields):
    head = DelegationMemberFactory(role=MemberRole.HEAD, position=1)
    base = {"delegation": head.delegation_id, "family_name": "Pérez"} if payload else {}

    response = client_for("secretariat_officer").post(
        "/api/v1/delegation-members/", {**base, **payload}, format="json"
    )

    assert_error(response, 400, "invalid", fields)


@pytest.mark.parametrize("role", ROLES)
def test_delegation_member_update_by_secretariat_or_own_focal_point(role):
    member = DelegationMemberFactory()

    response = client_for(role, state=member.delegation.entity).patch(
        f"/api/v1/delegation-members/{member.pk}/", {"title": "Counsellor"}, format="json"
    )

    assert response.status_code == expected(NOMINATION_WRITE, role)
    member.refresh_from_db()
    assert member.title == ("Counsellor" if response.status_code == 200 else "")


def test_delegation_member_update_by_focal_point_once_the_meeting_is_over_is_403():
    member = DelegationMemberFactory(
        delegation=DelegationFactory(meeting=MeetingFactory(status=MeetingStatus.CLOSED))
    )

    response = client_for("focal_point_own", state=member.delegation.entity).patch(
        f"/api/v1/delegation-members/{member.pk}/", {"title": "Counsellor"}, format="json"
    )

    assert_error(response, 403, "permission_denied")


def test_delegation_member_update_cannot_move_it_to_another_delegation():
    member = DelegationMemberFactory()

    response = client_for("secretariat_officer").patch(
        f"/api/v1/delegation-members/{member.pk}/",
        {"delegation": DelegationFactory().pk},
        format="json",
    )

    assert_error(response, 400, "invalid", ["delegation"])


@pytest.mark.parametrize("role", ROLES)
def test_delegation_member_delete_is_the_administrators(role):
    member = DelegationMemberFactory()

    response = client_for(role, state=member.delegation.entity).delete(
        f"/api/v1/delegation-members/{member.pk}/"
    )

    assert response.status_code == expected(ADMIN_DELETE, role)
    assert Delegation.objects.count() == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/delegations/999999/"),
        ("patch", "/api/v1/delegations/999999/"),
        ("get", "/api/v1/delegation-members/999999/"),
        ("patch", "/api/v1/delegation-members/999999/"),
        ("delete", "/api/v1/delegation-members/999999/"),
    ],
)
def test_unknown_delegations_and_members_are_404(method, path):
    response = getattr(client_for("secretariat_admin"), method)(path, {}, format="json")

    assert_error(response, 404, "not_found")
