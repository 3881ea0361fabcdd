import datetime

import pytest

from apps.agendas.enums import AgendaStatus
from apps.agendas.models import Agenda, AgendaItem, Intervention
from apps.meetings.enums import MeetingStatus
from tests.accounts.roles import ROLES, assert_error, client_for, expected
from tests.factories.agendas import AgendaFactory, AgendaItemFactory, InterventionFactory
from tests.factories.entities import OrganizationFactory, StateFactory
from tests.factories.meetings import MeetingFactory

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


def _in_session_meeting():
    return MeetingFactory(
        status=MeetingStatus.IN_SESSION, start_date=D(2030, 8, 25), end_date=D(2030, 8, 26)
    )


def _adopted_item():
    agenda = AgendaFactory(
        meeting=_in_session_meeting(), status=AgendaStatus.ADOPTED, adopted_on=D(2030, 8, 25)
    )
    return AgendaItemFactory(agenda=agenda, number=1)


# --- /agendas/ -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_agenda_list_is_public(role):
    AgendaFactory()

    response = client_for(role).get("/api/v1/agendas/")

    assert response.status_code == expected(PUBLIC_READ, role)


@pytest.mark.parametrize("item_count", [5, 200])
def test_agenda_list_query_count_is_constant(item_count, django_assert_num_queries):
    for agenda in AgendaFactory.create_batch(item_count):
        AgendaItemFactory.create_batch(2, agenda=agenda)
    client = client_for("anonymous")

    with django_assert_num_queries(3):  # count, page (meeting joined), items
        response = client.get("/api/v1/agendas/")

    assert [len(row["items"]) for row in response.json()["results"]] == [2] * min(item_count, 50)


def test_agenda_list_filters_by_meeting():
    agenda = AgendaFactory()
    AgendaFactory()

    response = client_for("anonymous").get(f"/api/v1/agendas/?meeting={agenda.meeting_id}")

    assert [row["id"] for row in response.json()["results"]] == [agenda.pk]


@pytest.mark.parametrize("role", ROLES)
def test_agenda_create_is_the_secretariats(role):
    meeting = MeetingFactory()

    response = client_for(role).post(
        "/api/v1/agendas/", {"meeting": meeting.pk, "symbol": "X/1"}, format="json"
    )

    assert response.status_code == expected(SECRETARIAT_CREATE, role)


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["meeting"]),
        ({"meeting": "first"}, ["meeting"]),
        ({"meeting": 10**20}, ["meeting"]),
        ({"meeting": "TAKEN"}, ["meeting"]),
        ({"meeting": "FREE", "status": "adopted", "symbol": "X" * 129}, ["symbol"]),
    ],
)
def test_agenda_create_bad_input_names_the_field(payload, fields):
    taken = AgendaFactory().meeting
    free = MeetingFactory()
    payload = {
        key: {"TAKEN": taken.pk, "FREE": free.pk}.get(value, value)
        if isinstance(value, str)
        else value
        for key, value in payload.items()
    }

    response = client_for("secretariat_officer").post("/api/v1/agendas/", payload, format="json")

    assert_error(response, 400, "invalid", fields)


def test_agenda_update_cannot_move_it_to_another_meeting():
    agenda = AgendaFactory()

    response = client_for("secretariat_officer").patch(
        f"/api/v1/agendas/{agenda.pk}/", {"meeting": MeetingFactory().pk}, format="json"
    )

    assert_error(response, 400, "invalid", ["meeting"])


@pytest.mark.parametrize("role", ROLES)
def test_agenda_update_is_the_secretariats(role):
    agenda = AgendaFactory()

    response = client_for(role).patch(
        f"/api/v1/agendas/{agenda.pk}/", {"proposed_by_chair": False}, format="json"
    )

    assert response.status_code == expected(SECRETARIAT_WRITE, role)


@pytest.mark.parametrize("role", ROLES)
def test_agenda_delete_is_the_administrators(role):
    agenda = AgendaFactory()

    response = client_for(role).delete(f"/api/v1/agendas/{agenda.pk}/")

    assert response.status_code == expected(ADMIN_DELETE, role)


def test_agenda_delete_adopted_is_409():
    item = _adopted_item()

    response = client_for("secretariat_admin").delete(f"/api/v1/agendas/{item.agenda_id}/")

    assert_error(response, 409, "agenda_adopted")


@pytest.mark.parametrize("role", ROLES)
def test_agenda_adopt_is_the_secretariats(role):
    agenda = AgendaFactory(meeting=_in_session_meeting())
    AgendaItemFactory(agenda=agenda)

    response = client_for(role).post(
        f"/api/v1/agendas/{agenda.pk}/adopt/", {"on": "2030-08-25"}, format="json"
    )

    assert response.status_code == expected(SECRETARIAT_WRITE, role)


def test_agenda_adopt_answers_with_the_transition():
    agenda = AgendaFactory(meeting=_in_session_meeting())
    AgendaItemFactory(agenda=agenda)
    client = client_for("secretariat_officer")

    body = client.post(
        f"/api/v1/agendas/{agenda.pk}/adopt/", {"on": "2030-08-25"}, format="json"
    ).json()

    assert (body["transition"]["from_status"], body["transition"]["to_status"]) == (
        "provisional",
        "adopted",
    )
    assert (body["agenda"]["status"], body["agenda"]["adopted_on"]) == ("adopted", "2030-08-25")


@pytest.mark.parametrize(
    ("payload", "fields"),
    [({}, ["on"]), ({"on": "monday"}, ["on"]), ({"on": "2030-09-01"}, ["on"])],
)
def test_agenda_adopt_bad_input_names_the_field(payload, fields):
    agenda = AgendaFactory(meeting=_in_session_meeting())
    AgendaItemFactory(agenda=agenda)

    response = client_for("secretariat_officer").post(
        f"/api/v1/agendas/{agenda.pk}/adopt/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


def test_agenda_adopt_twice_is_409():
    item = _adopted_item()

    response = client_for("secretariat_officer").post(
        f"/api/v1/agendas/{item.agenda_id}/adopt/", {"on": "2030-08-25"}, format="json"
    )

    assert_error(response, 409, "invalid_transition")


def test_agenda_adopt_before_the_meeting_convenes_is_409():
    agenda = AgendaFactory(meeting=MeetingFactory())
    AgendaItemFactory(agenda=agenda)

    response = client_for("secretariat_officer").post(
        f"/api/v1/agendas/{agenda.pk}/adopt/", {"on": "2030-08-25"}, format="json"
    )

    error = assert_error(response, 409, "invalid_transition")
    assert error["message"].startswith("The meeting's status is “Planned”")


def test_agenda_adopt_unknown_is_404():
    response = client_for("secretariat_officer").post(
        "/api/v1/agendas/999999/adopt/", {"on": "2030-08-25"}, format="json"
    )

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("role", ROLES)
def test_agenda_transitions_are_for_signed_in_users(role):
    agenda = AgendaFactory()

    response = client_for(role).get(f"/api/v1/agendas/{agenda.pk}/transitions/")

    assert response.status_code == expected(SIGNED_IN_READ, role)


@pytest.mark.parametrize("item_count", [5, 200])
def test_agenda_transitions_query_count_is_constant(item_count, django_assert_num_queries):
    agenda = AgendaFactory()
    for number in range(item_count - 1):
        agenda.status = AgendaStatus.ADOPTED if number % 2 == 0 else AgendaStatus.PROVISIONAL
        agenda.adopted_on = D(2030, 8, 25) if number % 2 == 0 else None
        agenda.save()
    client = client_for("read_only")

    with django_assert_num_queries(3):  # the agenda (meeting joined), its items, its history
        response = client.get(f"/api/v1/agendas/{agenda.pk}/transitions/")

    assert len(response.json()) == item_count


# --- /agenda-items/ ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_agenda_item_list_is_public(role):
    AgendaItemFactory()

    response = client_for(role).get("/api/v1/agenda-items/")

    assert response.status_code == expected(PUBLIC_READ, role)


@pytest.mark.parametrize("item_count", [5, 200])
def test_agenda_item_list_query_count_is_constant(item_count, django_assert_num_queries):
    agenda = AgendaFactory()
    AgendaItemFactory.create_batch(item_count, agenda=agenda)
    client = client_for("anonymous")

    with django_assert_num_queries(2):  # count, page (agenda and meeting joined)
        response = client.get(f"/api/v1/agenda-items/?meeting={agenda.meeting_id}")

    assert [row["number"] for row in response.json()["results"]] == list(
        AgendaItem.objects.order_by("number").values_list("number", flat=True)[:50]
    )


@pytest.mark.parametrize("role", ROLES)
def test_agenda_item_create_is_the_secretariats(role):
    agenda = AgendaFactory()

    response = client_for(role).post(
        "/api/v1/agenda-items/", {"agenda": agenda.pk, "title_en": "Opening"}, format="json"
    )

    assert response.status_code == expected(SECRETARIAT_CREATE, role)


def test_agenda_item_create_numbers_it_next():
    agenda = AgendaFactory()
    AgendaItemFactory(agenda=agenda, number=3)

    body = (
        client_for("secretariat_officer")
        .post(
            "/api/v1/agenda-items/",
            {"agenda": agenda.pk, "title_en": "Other matters"},
            format="json",
        )
        .json()
    )

    assert (body["number"], body["title_en"], body["meeting"]) == (
        4,
        "Other matters",
        agenda.meeting_id,
    )


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["agenda", "title_en"]),
        ({"title_en": "X", "number": 0}, ["number"]),
        ({"title_en": "X", "number": 1}, ["number"]),  # taken
        ({"title_en": ""}, ["title_en"]),
    ],
)
def test_agenda_item_create_bad_input_names_the_field(payload, fields):
    agenda = AgendaFactory()
    AgendaItemFactory(agenda=agenda, number=1)
    if payload:
        payload["agenda"] = agenda.pk

    response = client_for("secretariat_officer").post(
        "/api/v1/agenda-items/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


def test_agenda_item_create_under_an_adopted_agenda_is_409():
    item = _adopted_item()

    response = client_for("secretariat_officer").post(
        "/api/v1/agenda-items/", {"agenda": item.agenda_id, "title_en": "Late"}, format="json"
    )

    assert_error(response, 409, "agenda_adopted")


@pytest.mark.parametrize("role", ROLES)
def test_agenda_item_update_is_the_secretariats(role):
    item = AgendaItemFactory()

    response = client_for(role).patch(
        f"/api/v1/agenda-items/{item.pk}/", {"title_fr": "Ouverture"}, format="json"
    )

    assert response.status_code == expected(SECRETARIAT_WRITE, role)


def test_agenda_item_renumber_under_an_adopted_agenda_is_409():
    item = _adopted_item()

    response = client_for("secretariat_officer").patch(
        f"/api/v1/agenda-items/{item.pk}/", {"number": 7}, format="json"
    )

    assert_error(response, 409, "agenda_adopted")


@pytest.mark.parametrize("role", ROLES)
def test_agenda_item_delete_is_the_administrators(role):
    item = AgendaItemFactory()

    response = client_for(role).delete(f"/api/v1/agenda-items/{item.pk}/")

    assert response.status_code == expected(ADMIN_DELETE, role)


@pytest.mark.parametrize("role", ROLES)
def test_agenda_item_reorder_interventions_is_the_secretariats(role):
    item = _adopted_item()
    a, b = (InterventionFactory(agenda_item=item, position=n) for n in (1, 2))

    response = client_for(role).post(
        f"/api/v1/agenda-items/{item.pk}/reorder-interventions/",
        {"ordered_ids": [b.pk, a.pk]},
        format="json",
    )

    assert response.status_code == expected(SECRETARIAT_WRITE, role)
    moved = response.status_code == 200
    assert list(Intervention.objects.order_by("position").values_list("pk", flat=True)) == (
        [b.pk, a.pk] if moved else [a.pk, b.pk]
    )


@pytest.mark.parametrize(
    ("ordered_ids", "fields"),
    [
        (None, ["ordered_ids"]),
        ("1,2", ["ordered_ids"]),
        ([0], ["ordered_ids"]),
        ("ONE", ["ordered_ids"]),
    ],
)
def test_agenda_item_reorder_interventions_bad_input_names_the_field(ordered_ids, fields):
    item = _adopted_item()
    a, _ = (InterventionFactory(agenda_item=item, position=n) for n in (1, 2))
    payload = (
        {}
        if ordered_ids is None
        else {"ordered_ids": [a.pk] if ordered_ids == "ONE" else ordered_ids}
    )

    response = client_for("secretariat_officer").post(
        f"/api/v1/agenda-items/{item.pk}/reorder-interventions/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


def test_agenda_item_reorder_interventions_of_an_unknown_item_is_404():
    response = client_for("secretariat_officer").post(
        "/api/v1/agenda-items/999999/reorder-interventions/", {"ordered_ids": []}, format="json"
    )

    assert_error(response, 404, "not_found")


# --- /interventions/ -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_intervention_list_is_for_signed_in_users(role):
    InterventionFactory()

    response = client_for(role).get("/api/v1/interventions/")

    assert response.status_code == expected(SIGNED_IN_READ, role)


@pytest.mark.parametrize("item_count", [5, 200])
def test_intervention_list_query_count_is_constant(item_count, django_assert_num_queries):
    item = _adopted_item()
    nam = OrganizationFactory(kind="group")
    for position in range(1, item_count + 1):
        InterventionFactory(agenda_item=item, position=position, on_behalf_of=nam)
    client = client_for("read_only")

    with django_assert_num_queries(2):  # count, page (item, meeting, speaker, group joined)
        response = client.get(f"/api/v1/interventions/?agenda_item={item.pk}")

    assert [row["position"] for row in response.json()["results"]] == list(
        range(1, min(item_count, 50) + 1)
    )


@pytest.mark.parametrize("role", ROLES)
def test_intervention_record_is_the_secretariats(role):
    item = _adopted_item()
    speaker = StateFactory()

    response = client_for(role, state=speaker).post(
        "/api/v1/interventions/",
        {"agenda_item": item.pk, "kind": "statement", "speaker": speaker.pk},
        format="json",
    )

    assert response.status_code == expected(SECRETARIAT_CREATE, role)


def test_intervention_record_on_behalf_of_a_group_at_a_position():
    item = _adopted_item()
    first = InterventionFactory(agenda_item=item, position=1)
    azerbaijan = StateFactory(name_en="Azerbaijan")
    nam = OrganizationFactory(kind="group", code="NAM", name_en="NAM and Other States")

    body = (
        client_for("secretariat_officer")
        .post(
            "/api/v1/interventions/",
            {
                "agenda_item": item.pk,
                "kind": "statement",
                "speaker": azerbaijan.pk,
                "on_behalf_of": nam.pk,
                "position": 1,
            },
            format="json",
        )
        .json()
    )

    assert (body["position"], body["speaker"]["name_en"], body["on_behalf_of"]["code"]) == (
        1,
        "Azerbaijan",
        "NAM",
    )
    first.refresh_from_db()
    assert first.position == 2


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["agenda_item", "kind", "speaker"]),
        ({"kind": "song"}, ["kind"]),
        ({"speaker": 10**20}, ["speaker"]),
        ({"on_behalf_of": "SPEAKER"}, ["on_behalf_of"]),
        ({"position": 0}, ["position"]),
        ({"position": 5}, ["position"]),
        ({"note_en": "x" * 501}, ["note_en"]),
    ],
)
def test_intervention_record_bad_input_names_the_field(payload, fields):
    item = _adopted_item()
    speaker = StateFactory()
    base = {"agenda_item": item.pk, "kind": "statement", "speaker": speaker.pk} if payload else {}
    payload = {key: speaker.pk if value == "SPEAKER" else value for key, value in payload.items()}

    response = client_for("secretariat_officer").post(
        "/api/v1/interventions/", {**base, **payload}, format="json"
    )

    assert_error(response, 400, "invalid", fields)


def test_intervention_record_under_a_provisional_agenda_is_409():
    item = AgendaItemFactory()

    response = client_for("secretariat_officer").post(
        "/api/v1/interventions/",
        {"agenda_item": item.pk, "kind": "statement", "speaker": StateFactory().pk},
        format="json",
    )

    assert_error(response, 409, "agenda_provisional")


@pytest.mark.parametrize("role", ROLES)
def test_intervention_correct_is_the_secretariats(role):
    intervention = InterventionFactory(agenda_item=_adopted_item(), position=1)

    response = client_for(role, state=intervention.speaker).patch(
        f"/api/v1/interventions/{intervention.pk}/",
        {"note_en": "as orally corrected"},
        format="json",
    )

    assert response.status_code == expected(SECRETARIAT_WRITE, role)


def test_intervention_correct_changes_only_what_is_sent():
    intervention = InterventionFactory(agenda_item=_adopted_item(), position=1, note_en="kept")
    nam = OrganizationFactory(kind="group")

    body = (
        client_for("secretariat_officer")
        .patch(f"/api/v1/interventions/{intervention.pk}/", {"on_behalf_of": nam.pk}, format="json")
        .json()
    )

    assert (body["speaker"]["id"], body["on_behalf_of"]["id"], body["note_en"], body["kind"]) == (
        intervention.speaker_id,
        nam.pk,
        "kept",
        "discussion",
    )


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"kind": "song"}, ["kind"]),
        ({"on_behalf_of": "SPEAKER"}, ["on_behalf_of"]),
        ({"speaker": None}, ["speaker"]),
    ],
)
def test_intervention_correct_bad_input_names_the_field(payload, fields):
    intervention = InterventionFactory(agenda_item=_adopted_item(), position=1)
    payload = {
        key: intervention.speaker_id if value == "SPEAKER" else value
        for key, value in payload.items()
    }

    response = client_for("secretariat_officer").patch(
        f"/api/v1/interventions/{intervention.pk}/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


@pytest.mark.parametrize("role", ROLES)
def test_intervention_delete_is_the_administrators(role):
    intervention = InterventionFactory(agenda_item=_adopted_item(), position=1)

    response = client_for(role).delete(f"/api/v1/interventions/{intervention.pk}/")

    assert response.status_code == expected(ADMIN_DELETE, role)


def test_intervention_unknown_is_404():
    response = client_for("read_only").get("/api/v1/interventions/999999/")

    assert_error(response, 404, "not_found")


def test_agenda_unknown_is_404():
    response = client_for("anonymous").get("/api/v1/agendas/999999/")

    assert (response.status_code, Agenda.objects.count()) == (404, 0)


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"number": 0}, ["number"]),
        ({"number": 2}, ["number"]),
        ({"title_en": ""}, ["title_en"]),
        ({"agenda": "OTHER"}, ["agenda"]),
    ],
)
def test_agenda_item_update_bad_input_names_the_field(payload, fields):
    item = AgendaItemFactory(number=1)
    AgendaItemFactory(agenda=item.agenda, number=2)
    payload = {
        key: AgendaFactory().pk if value == "OTHER" else value for key, value in payload.items()
    }

    response = client_for("secretariat_officer").patch(
        f"/api/v1/agenda-items/{item.pk}/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("patch", "/api/v1/agendas/999999/"),
        ("delete", "/api/v1/agendas/999999/"),
        ("get", "/api/v1/agendas/999999/transitions/"),
        ("get", "/api/v1/agenda-items/999999/"),
        ("patch", "/api/v1/agenda-items/999999/"),
        ("delete", "/api/v1/agenda-items/999999/"),
        ("patch", "/api/v1/interventions/999999/"),
        ("delete", "/api/v1/interventions/999999/"),
    ],
)
def test_unknown_agendas_items_and_interventions_are_404(method, path):
    response = getattr(client_for("secretariat_admin"), method)(path, {}, format="json")

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", ["agendas", "agenda-items", "interventions"])
def test_agenda_resource_retrieve_by_role(role, resource):
    intervention = InterventionFactory(agenda_item=_adopted_item(), position=1)
    pk = {
        "agendas": intervention.agenda_item.agenda_id,
        "agenda-items": intervention.agenda_item_id,
        "interventions": intervention.pk,
    }[resource]

    response = client_for(role, state=intervention.speaker).get(f"/api/v1/{resource}/{pk}/")

    # Agendas and their items are public; who spoke is for signed-in users.
    assert response.status_code == expected(
        SIGNED_IN_READ if resource == "interventions" else PUBLIC_READ, role
    )
