import datetime

import pytest

from apps.agendas.enums import AgendaStatus
from apps.delegations.enums import Rule44Category
from apps.delegations.models import StatedCount
from apps.meetings.enums import MeetingStatus, OfficerRole, RotatedBody
from apps.meetings.models import ChairRotation, Meeting
from tests.accounts.roles import ROLES, assert_error, client_for, expected
from tests.factories.agendas import AgendaFactory, AgendaItemFactory
from tests.factories.delegations import DelegationFactory
from tests.factories.documents import DocumentFactory
from tests.factories.entities import OrganizationFactory, RegionalGroupFactory
from tests.factories.meetings import MeetingFactory, OfficerFactory, PostponementFactory

pytestmark = pytest.mark.django_db

D = datetime.date
PUBLIC_READ = dict.fromkeys(ROLES, 200)
SIGNED_IN_READ = {**PUBLIC_READ, "anonymous": "denied"}
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

NEW_MEETING = {
    "series": "BWC/MSP/2030/MX.1",
    "kind": "mx",
    "year": 2030,
    "number": 1,
    "title_en": "Meeting of Experts on Cooperation and Assistance",
    "scheduled_start": "2030-08-25",
    "scheduled_end": "2030-08-26",
}


# --- GET /meetings/ ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_meeting_list_is_public(role):
    MeetingFactory()

    response = client_for(role).get("/api/v1/meetings/")

    assert response.status_code == expected(PUBLIC_READ, role)


@pytest.mark.parametrize("item_count", [5, 200])
def test_meeting_list_query_count_is_constant(item_count, django_assert_num_queries):
    parent = MeetingFactory(kind="msp", series="BWC/MSP/2030")
    MeetingFactory.create_batch(item_count, parent=parent)
    client = client_for("anonymous")

    with django_assert_num_queries(2):  # count, page (parent joined)
        response = client.get("/api/v1/meetings/")

    assert response.json()["count"] == item_count + 1
    assert {row["parent_series"] for row in response.json()["results"][1:]} == {"BWC/MSP/2030"}


def test_meeting_list_filters_by_series_status_year_and_search():
    mx5 = MeetingFactory(
        series="BWC/MSP/2020/MX.5", year=2020, title_en="Institutional strengthening"
    )
    MeetingFactory(series="BWC/MSP/2020/MX.1", year=2020, status=MeetingStatus.CLOSED)
    MeetingFactory(series="BWC/MSP/2030/MX.5", year=2030)
    client = client_for("anonymous")

    def ids(query):
        return [row["id"] for row in client.get(f"/api/v1/meetings/?{query}").json()["results"]]

    assert ids("series=BWC/MSP/2020/MX.5") == [mx5.pk]
    assert ids("series=BWC/MSP/2020") == []
    assert ids("status=planned&year=2020") == [mx5.pk]
    assert ids("search=strengthening") == [mx5.pk]


@pytest.mark.parametrize(
    "query", ["year=twenty", "status=adjourned", "starts_after=31-12-2020", "page=999"]
)
def test_meeting_list_bad_query_is_an_error_in_the_one_shape(query):
    MeetingFactory()

    response = client_for("anonymous").get(f"/api/v1/meetings/?{query}")

    if query.startswith("page"):
        assert_error(response, 404, "not_found")
    else:
        assert_error(response, 400, "invalid", [query.split("=")[0]])


# --- GET /meetings/{id}/ and /meetings/by-series/{series}/ ---------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_meeting_detail_is_public(role):
    meeting = MeetingFactory()

    response = client_for(role).get(f"/api/v1/meetings/{meeting.pk}/")

    assert response.status_code == expected(PUBLIC_READ, role)


def test_meeting_detail_nests_agenda_postponements_officers_and_participation():
    meeting = MeetingFactory(series="BWC/MSP/2020/MX.5")
    agenda = AgendaFactory(meeting=meeting, status=AgendaStatus.PROVISIONAL)
    first = AgendaItemFactory(agenda=agenda, number=1, title_en="Opening")
    PostponementFactory(meeting=meeting, position=1)
    OfficerFactory(meeting=meeting, role=OfficerRole.CHAIR, position=1, name_en="A. Chair")
    DelegationFactory.create_batch(3, meeting=meeting)
    DelegationFactory(
        meeting=meeting,
        entity=OrganizationFactory(),
        category=Rule44Category.INTERNATIONAL_ORGANIZATION,
    )
    StatedCount.objects.create(
        meeting=meeting, category=Rule44Category.NGO, count=12, wording_en="twelve"
    )

    body = client_for("read_only").get(f"/api/v1/meetings/{meeting.pk}/").json()

    assert body["agenda"] == {
        "id": agenda.pk,
        "meeting": meeting.pk,
        "meeting_series": "BWC/MSP/2020/MX.5",
        "symbol": "BWC/MSP/2020/MX.5/1",
        "status": "provisional",
        "adopted_on": None,
        "proposed_by_chair": True,
        "version": 1,
        "items": [
            {
                "id": first.pk,
                "number": 1,
                "title_en": "Opening",
                "title_zh": first.title_zh,
                "title_fr": "",
                "title_ru": "",
                "title_es": "",
                "title_ar": "",
                "subtopics_en": "",
                "subtopics_zh": "",
            }
        ],
    }
    assert [p["position"] for p in body["postponements"]] == [1]
    assert [(o["role"], o["name_en"]) for o in body["officers"]] == [("chair", "A. Chair")]
    assert [
        (row["category"], row["delegations"], row["stated_count"]) for row in body["participation"]
    ] == [
        ("state_party", 3, None),
        ("signatory", 0, None),
        ("observer_state", 0, None),
        ("un_entity", 0, None),
        ("international_organization", 1, None),
        ("ngo", 0, 12),
        ("guest", 0, None),
    ]


def test_meeting_detail_hides_participation_from_anonymous_callers():
    meeting = MeetingFactory()
    DelegationFactory(meeting=meeting)

    body = client_for("anonymous").get(f"/api/v1/meetings/{meeting.pk}/").json()

    assert (body["participation"], body["agenda"]) == (None, None)


@pytest.mark.parametrize("item_count", [5, 200])
def test_meeting_detail_query_count_is_constant(item_count, django_assert_num_queries):
    meeting = MeetingFactory()
    agenda = AgendaFactory(meeting=meeting)
    AgendaItemFactory.create_batch(item_count, agenda=agenda)
    DelegationFactory.create_batch(item_count, meeting=meeting)
    for position in range(1, 4):
        OfficerFactory(meeting=meeting, position=position)
    client = client_for("read_only")

    # meeting (parent and agenda joined), agenda items, postponements, officers, stated
    # counts, delegations per category; letters are not fetched when no postponement.
    with django_assert_num_queries(6):
        response = client.get(f"/api/v1/meetings/{meeting.pk}/")

    assert len(response.json()["agenda"]["items"]) == item_count
    assert response.json()["participation"][0]["delegations"] == item_count


def test_meeting_detail_unknown_is_404():
    for path in ("999999", "not-a-number", "99999999999999999999999"):
        response = client_for("anonymous").get(f"/api/v1/meetings/{path}/")

        assert_error(response, 404, "not_found")


@pytest.mark.parametrize("role", ROLES)
def test_meeting_by_series_finds_the_meeting_by_its_symbol_series(role):
    meeting = MeetingFactory(series="BWC/MSP/2020/MX.5")
    MeetingFactory(series="BWC/MSP/2020/MX.5/other")

    response = client_for(role).get("/api/v1/meetings/by-series/BWC/MSP/2020/MX.5/")

    assert (response.status_code, response.json()["id"]) == (200, meeting.pk)


@pytest.mark.parametrize("series", ["BWC/MSP/2020/MX.9", "BWC%00", "%20"])
def test_meeting_by_series_unknown_is_404(series):
    MeetingFactory(series="BWC/MSP/2020/MX.5")

    response = client_for("anonymous").get(f"/api/v1/meetings/by-series/{series}/")

    assert_error(response, 404, "not_found")


# --- POST/PATCH/DELETE /meetings/ ----------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_meeting_create_is_the_secretariats(role):
    response = client_for(role).post("/api/v1/meetings/", NEW_MEETING, format="json")

    assert response.status_code == expected(SECRETARIAT_CREATE, role)


def test_meeting_create_is_planned_whatever_the_body_says():
    response = client_for("secretariat_officer").post(
        "/api/v1/meetings/",
        {**NEW_MEETING, "status": "closed", "start_date": "2030-08-25"},
        format="json",
    )

    meeting = Meeting.objects.get()
    assert (response.json()["id"], meeting.status, meeting.start_date) == (
        meeting.pk,
        "planned",
        None,
    )
    assert meeting.history.get().history_user.role == "secretariat_officer"


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"series": None, "title_en": None}, ["series", "title_en"]),
        ({"kind": "picnic"}, ["kind"]),
        ({"scheduled_start": "2030-08-27"}, []),  # after the end: the model's constraint
        ({"scheduled_start": "25.08.2030"}, ["scheduled_start"]),
        ({"series": "BWC/TAKEN"}, ["series"]),
        ({"parent": 10**9}, ["parent"]),
        ({"year": -1}, ["year"]),
        ({"year": 10**20}, ["year"]),  # beyond any backend's integers
    ],
)
def test_meeting_create_bad_input_names_the_field(change, fields):
    MeetingFactory(series="BWC/TAKEN")
    payload = {key: value for key, value in {**NEW_MEETING, **change}.items() if value is not None}

    response = client_for("secretariat_officer").post("/api/v1/meetings/", payload, format="json")

    assert_error(response, 400, "invalid", fields)


@pytest.mark.parametrize("role", ROLES)
def test_meeting_update_is_the_secretariats(role):
    meeting = MeetingFactory()

    response = client_for(role).patch(
        f"/api/v1/meetings/{meeting.pk}/", {"title_fr": "Réunion"}, format="json"
    )

    assert response.status_code == expected(SECRETARIAT_WRITE, role)


def test_meeting_update_scheduled_dates_after_a_postponement_is_409():
    meeting = MeetingFactory(status=MeetingStatus.POSTPONED)
    PostponementFactory(meeting=meeting)

    response = client_for("secretariat_officer").patch(
        f"/api/v1/meetings/{meeting.pk}/", {"scheduled_start": "2030-08-20"}, format="json"
    )

    assert_error(response, 409, "conflict", ["scheduled_start"])


@pytest.mark.parametrize("role", ROLES)
def test_meeting_delete_is_the_administrators(role):
    meeting = MeetingFactory()

    response = client_for(role).delete(f"/api/v1/meetings/{meeting.pk}/")

    assert response.status_code == expected(ADMIN_DELETE, role)


def test_meeting_delete_with_documents_is_409():
    meeting = DocumentFactory().meeting

    response = client_for("secretariat_admin").delete(f"/api/v1/meetings/{meeting.pk}/")

    assert_error(response, 409, "protected")


# --- Transitions ---------------------------------------------------------------------------

POSTPONE = {"authority": "silence_procedure", "decided_on": "2030-07-31", "reason_en": "COVID-19"}


def _meeting_in(status):
    meeting = MeetingFactory(status=status)
    if status == MeetingStatus.POSTPONED:
        PostponementFactory(meeting=meeting)
    if status in (MeetingStatus.IN_SESSION, MeetingStatus.CLOSED):
        meeting.start_date, meeting.end_date = meeting.scheduled_start, meeting.scheduled_end
        meeting.save()
    return meeting


TRANSITIONS = {
    "postpone": (MeetingStatus.PLANNED, POSTPONE, MeetingStatus.IN_SESSION),
    "reschedule": (
        MeetingStatus.POSTPONED,
        {"start": "2031-04-01", "end": "2031-04-02"},
        MeetingStatus.PLANNED,
    ),
    "convene": (MeetingStatus.PLANNED, {"on": "2030-08-25"}, MeetingStatus.CLOSED),
    "close": (MeetingStatus.IN_SESSION, {"on": "2030-08-26"}, MeetingStatus.PLANNED),
    "cancel": (MeetingStatus.PLANNED, {}, MeetingStatus.IN_SESSION),
}
TARGETS = {
    "postpone": "postponed",
    "reschedule": "rescheduled",
    "convene": "in_session",
    "close": "closed",
    "cancel": "cancelled",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_meeting_transition_is_the_secretariats(name, role):
    current, payload, _ = TRANSITIONS[name]
    meeting = _meeting_in(current)

    response = client_for(role).post(
        f"/api/v1/meetings/{meeting.pk}/{name}/", payload, format="json"
    )

    assert response.status_code == expected(SECRETARIAT_WRITE, role)
    assert Meeting.objects.get(pk=meeting.pk).status == (
        TARGETS[name] if response.status_code == 200 else current
    )


@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_meeting_transition_answers_with_the_transition_and_the_meeting(name):
    current, payload, _ = TRANSITIONS[name]
    meeting = _meeting_in(current)
    client = client_for("secretariat_officer")

    body = client.post(f"/api/v1/meetings/{meeting.pk}/{name}/", payload, format="json").json()

    assert (body["transition"]["from_status"], body["transition"]["to_status"]) == (
        current,
        TARGETS[name],
    )
    assert body["transition"]["by"]["username"].startswith("user")
    assert (body["meeting"]["id"], body["meeting"]["status"]) == (meeting.pk, TARGETS[name])


@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_meeting_transition_from_the_wrong_state_is_409_naming_it(name):
    _, payload, wrong = TRANSITIONS[name]
    meeting = _meeting_in(wrong)

    response = client_for("secretariat_officer").post(
        f"/api/v1/meetings/{meeting.pk}/{name}/", payload, format="json"
    )

    error = assert_error(response, 409, "invalid_transition")
    assert f"“{MeetingStatus(wrong).label}”" in error["message"]


@pytest.mark.parametrize(
    ("name", "payload", "fields"),
    [
        ("postpone", {}, ["authority"]),
        ("postpone", {"authority": "astrology"}, ["authority"]),
        ("postpone", {**POSTPONE, "letters": "yes"}, ["letters"]),
        ("postpone", {**POSTPONE, "letters": [{"dated": "2030-07-01"}]}, ["letters"]),
        (
            "postpone",
            {**POSTPONE, "letters": [{"dated": "2030-07-01", "author_en": "a"}] * 2},
            ["letters"],
        ),
        ("reschedule", {"start": "2031-04-02", "end": "2031-04-01"}, ["end"]),
        ("reschedule", {"start": "soon"}, ["end", "start"]),
        ("convene", {}, ["on"]),
        ("convene", {"on": 20300825}, ["on"]),
        ("close", {"on": "2030-08-24"}, ["on"]),
        ("close", {"on": "2030-08-26", "report_adopted_on": "2030-09-01"}, ["report_adopted_on"]),
    ],
)
def test_meeting_transition_bad_input_names_the_field(name, payload, fields):
    current, _, _ = TRANSITIONS[name]
    meeting = _meeting_in(current)

    response = client_for("secretariat_officer").post(
        f"/api/v1/meetings/{meeting.pk}/{name}/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)
    assert Meeting.objects.get(pk=meeting.pk).status == current


@pytest.mark.parametrize("name", list(TRANSITIONS))
def test_meeting_transition_of_an_unknown_meeting_is_404(name):
    response = client_for("secretariat_officer").post(
        f"/api/v1/meetings/999999/{name}/", TRANSITIONS[name][1], format="json"
    )

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("role", ROLES)
def test_meeting_transitions_list_is_for_signed_in_users(role):
    meeting = MeetingFactory()

    response = client_for(role).get(f"/api/v1/meetings/{meeting.pk}/transitions/")

    assert response.status_code == expected(SIGNED_IN_READ, role)


@pytest.mark.parametrize("item_count", [5, 200])
def test_meeting_transitions_list_query_count_is_constant(item_count, django_assert_num_queries):
    meeting = MeetingFactory()
    for number in range(item_count - 1):
        meeting.status = MeetingStatus.POSTPONED if number % 2 == 0 else MeetingStatus.RESCHEDULED
        meeting.save()
    client = client_for("read_only")

    with django_assert_num_queries(2):  # the meeting, its history with the users joined
        response = client.get(f"/api/v1/meetings/{meeting.pk}/transitions/")

    assert len(response.json()) == item_count


# --- /chair-rotations/ ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_chair_rotation_list_is_for_signed_in_users(role):
    response = client_for(role).get("/api/v1/chair-rotations/")

    assert response.status_code == expected(SIGNED_IN_READ, role)


@pytest.mark.parametrize("item_count", [5, 200])
def test_chair_rotation_list_query_count_is_constant(item_count, django_assert_num_queries):
    group = RegionalGroupFactory(code="nam")
    for number in range(item_count):
        ChairRotation.objects.create(
            year=2000 + number // 5,
            body=RotatedBody.MEETING_OF_EXPERTS,
            mx_number=number % 5 + 1,
            regional_group=group,
        )
    client = client_for("read_only")

    with django_assert_num_queries(2):  # count, page (group joined)
        response = client.get("/api/v1/chair-rotations/")

    assert {row["regional_group"] for row in response.json()["results"]} == {"nam"}


def test_chair_rotation_list_filters_by_year_body_and_number():
    nam = RegionalGroupFactory(code="nam")
    weog = RegionalGroupFactory(code="weog")
    mx3 = ChairRotation.objects.create(year=2019, body="mx", mx_number=3, regional_group=nam)
    ChairRotation.objects.create(year=2019, body="mx", mx_number=4, regional_group=weog)
    ChairRotation.objects.create(year=2019, body="msp", regional_group=weog)
    ChairRotation.objects.create(year=2020, body="mx", mx_number=3, regional_group=weog)

    response = client_for("read_only").get("/api/v1/chair-rotations/?year=2019&body=mx&mx_number=3")

    assert response.json()["results"] == [
        {
            "id": mx3.pk,
            "year": 2019,
            "body": "mx",
            "mx_number": 3,
            "regional_group": "nam",
            "decided_by": "",
        }
    ]


@pytest.mark.parametrize("role", ROLES)
def test_chair_rotation_create_is_the_secretariats(role):
    RegionalGroupFactory(code="nam")

    response = client_for(role).post(
        "/api/v1/chair-rotations/",
        {"year": 2019, "body": "mx", "mx_number": 3, "regional_group": "nam"},
        format="json",
    )

    assert response.status_code == expected(SECRETARIAT_CREATE, role)


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["body", "regional_group", "year"]),
        ({"year": 2019, "body": "mx", "regional_group": "nam"}, ["mx_number"]),
        ({"year": 2019, "body": "msp", "mx_number": 2, "regional_group": "nam"}, ["mx_number"]),
        (
            {"year": 2019, "body": "mx", "mx_number": 3, "regional_group": "nowhere"},
            ["regional_group"],
        ),
        ({"year": 2019, "body": "mx", "mx_number": 1, "regional_group": "nam"}, []),  # taken
    ],
)
def test_chair_rotation_create_bad_input_names_the_field(payload, fields):
    nam = RegionalGroupFactory(code="nam")
    ChairRotation.objects.create(year=2019, body="mx", mx_number=1, regional_group=nam)

    response = client_for("secretariat_officer").post(
        "/api/v1/chair-rotations/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


@pytest.mark.parametrize("role", ROLES)
def test_chair_rotation_update_is_the_secretariats(role):
    RegionalGroupFactory(code="weog")
    rotation = ChairRotation.objects.create(
        year=2019, body="msp", regional_group=RegionalGroupFactory()
    )

    response = client_for(role).patch(
        f"/api/v1/chair-rotations/{rotation.pk}/", {"regional_group": "weog"}, format="json"
    )

    assert response.status_code == expected(SECRETARIAT_WRITE, role)


@pytest.mark.parametrize("role", ROLES)
def test_chair_rotation_delete_is_the_administrators(role):
    rotation = ChairRotation.objects.create(
        year=2019, body="msp", regional_group=RegionalGroupFactory()
    )

    response = client_for(role).delete(f"/api/v1/chair-rotations/{rotation.pk}/")

    assert response.status_code == expected(ADMIN_DELETE, role)


def test_chair_rotation_unknown_is_404():
    response = client_for("read_only").get("/api/v1/chair-rotations/999999/")

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"kind": "picnic"}, ["kind"]),
        ({"title_en": ""}, ["title_en"]),
        ({"parent": "SELF"}, ["parent"]),
        ({"scheduled_end": "2030-08-01"}, []),  # before the start
    ],
)
def test_meeting_update_bad_input_names_the_field(payload, fields):
    meeting = MeetingFactory()
    payload = {key: meeting.pk if value == "SELF" else value for key, value in payload.items()}

    response = client_for("secretariat_officer").patch(
        f"/api/v1/meetings/{meeting.pk}/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"year": "next"}, ["year"]),
        ({"body": "msp"}, ["mx_number"]),
        ({"regional_group": ""}, ["regional_group"]),
    ],
)
def test_chair_rotation_update_bad_input_names_the_field(payload, fields):
    rotation = ChairRotation.objects.create(
        year=2019, body="mx", mx_number=1, regional_group=RegionalGroupFactory()
    )

    response = client_for("secretariat_officer").patch(
        f"/api/v1/chair-rotations/{rotation.pk}/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("patch", "/api/v1/meetings/999999/"),
        ("delete", "/api/v1/meetings/999999/"),
        ("get", "/api/v1/meetings/999999/transitions/"),
        ("patch", "/api/v1/chair-rotations/999999/"),
        ("delete", "/api/v1/chair-rotations/999999/"),
    ],
)
def test_unknown_meetings_and_rotations_are_404(method, path):
    response = getattr(client_for("secretariat_admin"), method)(path, {}, format="json")

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("role", ROLES)
def test_chair_rotation_retrieve_is_for_signed_in_users(role):
    rotation = ChairRotation.objects.create(
        year=2019, body="msp", regional_group=RegionalGroupFactory()
    )

    response = client_for(role).get(f"/api/v1/chair-rotations/{rotation.pk}/")

    assert response.status_code == expected(SIGNED_IN_READ, role)
