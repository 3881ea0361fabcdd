import datetime

import pytest

from apps.entities.enums import TreatyStatusKind
from apps.entities.models import Entity, RegionalGroup
from tests.accounts.roles import ROLES, assert_error, client_for, expected
from tests.factories.delegations import DelegationFactory
from tests.factories.entities import (
    OrganizationFactory,
    RegionalGroupFactory,
    StateFactory,
    TreatyStatusFactory,
)

pytestmark = pytest.mark.django_db

SIGNED_IN_READ = {
    "secretariat_admin": 200,
    "secretariat_officer": 200,
    "focal_point_own": 200,
    "focal_point_other": 200,
    "read_only": 200,
    "anonymous": "denied",
}
SECRETARIAT_WRITE = {
    "secretariat_admin": 200,
    "secretariat_officer": 200,
    "focal_point_own": "denied",
    "focal_point_other": "denied",
    "read_only": "denied",
    "anonymous": "denied",
}
ADMIN_DELETE = {**SECRETARIAT_WRITE, "secretariat_admin": 204, "secretariat_officer": "denied"}


# --- /entities/ ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_entity_list_is_for_signed_in_users(role):
    OrganizationFactory()

    response = client_for(role).get("/api/v1/entities/")

    assert response.status_code == expected(SIGNED_IN_READ, role)


@pytest.mark.parametrize("item_count", [5, 200])
def test_entity_list_query_count_is_constant(item_count, django_assert_num_queries):
    group = RegionalGroupFactory()
    StateFactory.create_batch(item_count, regional_group=group)
    client = client_for("read_only")

    with django_assert_num_queries(2):  # count, page (regional group joined)
        response = client.get("/api/v1/entities/")

    assert [row["name_en"] for row in response.json()["results"]] == list(
        Entity.objects.order_by("name_en").values_list("name_en", flat=True)[:50]
    )


def test_entity_list_filters_by_kind_group_and_search():
    nam = RegionalGroupFactory(code="nam")
    panama = StateFactory(name_en="Panama", regional_group=nam)
    StateFactory(name_en="Peru")
    OrganizationFactory(name_en="World Health Organization", abbreviation_en="WHO")
    client = client_for("read_only")

    by_group = client.get("/api/v1/entities/?regional_group=nam").json()["results"]
    by_kind = client.get("/api/v1/entities/?kind=international_organization").json()["results"]
    by_search = client.get("/api/v1/entities/?search=anam").json()["results"]

    assert [row["id"] for row in by_group] == [panama.pk]
    assert [row["abbreviation_en"] for row in by_kind] == ["WHO"]
    assert [row["id"] for row in by_search] == [panama.pk]


def test_entity_list_bad_filter_is_400():
    response = client_for("read_only").get("/api/v1/entities/?kind=planet")

    assert_error(response, 400, "invalid", ["kind"])


@pytest.mark.parametrize("role", ROLES)
def test_entity_create_is_the_secretariats(role):
    RegionalGroupFactory(code="nam")

    response = client_for(role).post(
        "/api/v1/entities/",
        {
            "code": "QPA",
            "kind": "state",
            "name_en": "Panama",
            "iso3": "QPA",
            "regional_group": "nam",
        },
        format="json",
    )

    assert response.status_code == expected(
        {**SECRETARIAT_WRITE, "secretariat_admin": 201, "secretariat_officer": 201}, role
    )


def test_entity_create_stores_what_was_sent():
    RegionalGroupFactory(code="nam")

    response = client_for("secretariat_officer").post(
        "/api/v1/entities/",
        {
            "code": "QPA",
            "kind": "state",
            "name_en": "Panama",
            "name_zh": "巴拿马",
            "formal_name_en": "the Republic of Panama",
            "iso2": "QP",
            "iso3": "QPA",
            "regional_group": "nam",
        },
        format="json",
    )

    state = Entity.objects.get(code="QPA")
    body = response.json()
    assert (body["id"], body["regional_group"], body["formal_name_en"]) == (
        state.pk,
        "nam",
        "the Republic of Panama",
    )
    assert (state.name_zh, state.iso3, state.regional_group.code) == ("巴拿马", "QPA", "nam")


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["code", "kind", "name_en"]),
        ({"code": "X", "kind": "planet", "name_en": "X"}, ["kind"]),
        (
            {"code": "WHO", "kind": "international_organization", "name_en": "W", "iso3": "WHO"},
            ["iso3"],
        ),
        ({"code": "X", "kind": "state", "name_en": "X", "iso3": "QQ"}, ["iso3"]),
        (
            {"code": "X", "kind": "state", "name_en": "X", "regional_group": "nowhere"},
            ["regional_group"],
        ),
        ({"code": "TAKEN", "kind": "ngo", "name_en": "X"}, ["code"]),
        ({"code": "X" * 65, "kind": "ngo", "name_en": "X"}, ["code"]),
        ({"code": "X\x00", "kind": "ngo", "name_en": "X"}, ["code"]),
    ],
)
def test_entity_create_bad_input_names_the_field(payload, fields):
    OrganizationFactory(code="TAKEN")

    response = client_for("secretariat_officer").post("/api/v1/entities/", payload, format="json")

    assert_error(response, 400, "invalid", fields)


def test_entity_create_malformed_json_is_400():
    response = client_for("secretariat_officer").post(
        "/api/v1/entities/", "{not json", content_type="application/json"
    )

    assert_error(response, 400, "parse_error")


@pytest.mark.parametrize("role", ROLES)
def test_entity_update_is_the_secretariats(role):
    entity = OrganizationFactory()

    response = client_for(role).patch(
        f"/api/v1/entities/{entity.pk}/", {"name_fr": "Organisation"}, format="json"
    )

    assert response.status_code == expected(SECRETARIAT_WRITE, role)


def test_entity_update_kind_of_an_entity_with_delegations_is_409():
    delegation = DelegationFactory()

    response = client_for("secretariat_officer").patch(
        f"/api/v1/entities/{delegation.entity_id}/", {"kind": "ngo", "iso3": ""}, format="json"
    )

    assert_error(response, 409, "conflict", ["kind"])


def test_entity_update_unknown_is_404():
    response = client_for("secretariat_officer").patch(
        "/api/v1/entities/999999/", {"name_fr": "X"}, format="json"
    )

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("role", ROLES)
def test_entity_delete_is_the_administrators(role):
    entity = OrganizationFactory()

    response = client_for(role).delete(f"/api/v1/entities/{entity.pk}/")

    assert response.status_code == expected(ADMIN_DELETE, role)


def test_entity_delete_referred_to_is_409():
    delegation = DelegationFactory()

    response = client_for("secretariat_admin").delete(f"/api/v1/entities/{delegation.entity_id}/")

    assert_error(response, 409, "protected")


# --- /states/ ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_state_list_is_for_signed_in_users(role):
    StateFactory()

    response = client_for(role).get("/api/v1/states/")

    assert response.status_code == expected(SIGNED_IN_READ, role)


@pytest.mark.parametrize("item_count", [5, 200])
def test_state_list_query_count_is_constant(item_count, django_assert_num_queries):
    for state in StateFactory.create_batch(item_count, regional_group=RegionalGroupFactory()):
        TreatyStatusFactory(entity=state)
    OrganizationFactory()  # not a State
    client = client_for("read_only")

    with django_assert_num_queries(3):  # count, page (group joined, status subquery), statuses
        response = client.get("/api/v1/states/")

    assert response.json()["count"] == item_count


def test_state_list_gives_the_treaty_status_on_a_date():
    acceded = StateFactory(name_en="Acceded")
    TreatyStatusFactory(
        entity=acceded, status="signatory", effective_from=datetime.date(1972, 4, 10)
    )
    TreatyStatusFactory(
        entity=acceded, status="state_party", effective_from=datetime.date(2021, 1, 1)
    )
    StateFactory(name_en="Never")
    client = client_for("read_only")

    in_2020 = client.get("/api/v1/states/?on=2020-06-01").json()["results"]
    parties_now = client.get("/api/v1/states/?treaty_status=state_party").json()["results"]

    assert [(row["name_en"], row["treaty_status"]) for row in in_2020] == [
        ("Acceded", "signatory"),
        ("Never", "non_party"),
    ]
    assert [row["id"] for row in parties_now] == [acceded.pk]


@pytest.mark.parametrize("query", ["on=2020-13-01", "treaty_status=emperor", "on=%00"])
def test_state_list_bad_filter_is_400(query):
    response = client_for("read_only").get(f"/api/v1/states/?{query}")

    assert_error(response, 400, "invalid", [query.split("=")[0]])


def test_state_retrieve_by_iso3_in_any_case():
    state = StateFactory(iso3="QPA", code="QPA", name_en="Panama")
    TreatyStatusFactory(
        entity=state, status="state_party", effective_from=datetime.date(1974, 3, 20)
    )
    client = client_for("focal_point_other")

    upper = client.get("/api/v1/states/QPA/").json()
    lower = client.get("/api/v1/states/qpa/").json()

    assert upper == lower
    assert (upper["id"], upper["treaty_status"], upper["treaty_statuses"]) == (
        state.pk,
        "state_party",
        [
            {
                "id": state.treaty_statuses.get().pk,
                "status": "state_party",
                "effective_from": "1974-03-20",
                "source": "",
            }
        ],
    )


def test_state_retrieve_unknown_is_404():
    OrganizationFactory(code="WHO")

    response = client_for("read_only").get("/api/v1/states/WHO/")

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("role", ROLES)
def test_state_record_treaty_status_is_the_secretariats(role):
    state = StateFactory()

    response = client_for(role, state=state).post(
        f"/api/v1/states/{state.iso3}/treaty-status/",
        {"status": "state_party", "effective_from": "2024-03-01"},
        format="json",
    )

    assert response.status_code == expected(
        {**SECRETARIAT_WRITE, "secretariat_admin": 201, "secretariat_officer": 201}, role
    )


def test_state_record_treaty_status_answers_with_the_state():
    state = StateFactory()

    response = client_for("secretariat_officer").post(
        f"/api/v1/states/{state.iso3}/treaty-status/",
        {"status": "state_party", "effective_from": "2024-03-01", "source": "Notification"},
        format="json",
    )

    body = response.json()
    assert (
        body["treaty_status"],
        [(s["status"], s["source"]) for s in body["treaty_statuses"]],
    ) == (
        TreatyStatusKind.STATE_PARTY,
        [("state_party", "Notification")],
    )


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["effective_from", "status"]),
        ({"status": "emperor", "effective_from": "2024-03-01"}, ["status"]),
        ({"status": "state_party", "effective_from": "yesterday"}, ["effective_from"]),
    ],
)
def test_state_record_treaty_status_bad_input_names_the_field(payload, fields):
    state = StateFactory()

    response = client_for("secretariat_officer").post(
        f"/api/v1/states/{state.iso3}/treaty-status/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


def test_state_record_treaty_status_twice_on_a_date_is_400():
    existing = TreatyStatusFactory(effective_from=datetime.date(2024, 3, 1))

    response = client_for("secretariat_officer").post(
        f"/api/v1/states/{existing.entity.iso3}/treaty-status/",
        {"status": "signatory", "effective_from": "2024-03-01"},
        format="json",
    )

    error = assert_error(response, 400, "invalid")
    assert len(error["non_field_errors"]) == 1


# --- /regional-groups/ ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_regional_group_list_is_for_signed_in_users(role):
    RegionalGroupFactory()

    response = client_for(role).get("/api/v1/regional-groups/")

    assert response.status_code == expected(SIGNED_IN_READ, role)


@pytest.mark.parametrize("item_count", [5, 200])
def test_regional_group_list_query_count_is_constant(item_count, django_assert_num_queries):
    for group in RegionalGroupFactory.create_batch(item_count):
        StateFactory(regional_group=group)
    client = client_for("read_only")

    with django_assert_num_queries(2):  # count, page (member count annotated)
        response = client.get("/api/v1/regional-groups/")

    assert [row["member_count"] for row in response.json()["results"]] == [1] * min(item_count, 50)


def test_regional_group_retrieve_by_code():
    group = RegionalGroupFactory(code="nam", name_en="Group of the Non-Aligned Movement")
    StateFactory.create_batch(2, regional_group=group)

    response = client_for("read_only").get("/api/v1/regional-groups/nam/")

    body = response.json()
    assert (body["id"], body["member_count"], body["name_en"]) == (
        group.pk,
        2,
        "Group of the Non-Aligned Movement",
    )


def test_regional_group_retrieve_unknown_is_404():
    response = client_for("read_only").get("/api/v1/regional-groups/nowhere/")

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize("role", ROLES)
def test_regional_group_create_is_the_secretariats(role):
    response = client_for(role).post(
        "/api/v1/regional-groups/", {"code": "weog", "name_en": "Western Group"}, format="json"
    )

    assert response.status_code == expected(
        {**SECRETARIAT_WRITE, "secretariat_admin": 201, "secretariat_officer": 201}, role
    )


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, ["code", "name_en"]),
        ({"code": "not a slug", "name_en": "X"}, ["code"]),
        ({"code": "taken", "name_en": "X"}, ["code"]),
    ],
)
def test_regional_group_create_bad_input_names_the_field(payload, fields):
    RegionalGroupFactory(code="taken")

    response = client_for("secretariat_officer").post(
        "/api/v1/regional-groups/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


@pytest.mark.parametrize("role", ROLES)
def test_regional_group_update_is_the_secretariats(role):
    RegionalGroupFactory(code="nam")

    response = client_for(role).patch(
        "/api/v1/regional-groups/nam/", {"short_name_en": "NAM"}, format="json"
    )

    assert response.status_code == expected(SECRETARIAT_WRITE, role)
    if response.status_code == 200:
        assert RegionalGroup.objects.get(code="nam").short_name_en == "NAM"


@pytest.mark.parametrize("role", ROLES)
def test_regional_group_delete_is_the_administrators(role):
    RegionalGroupFactory(code="empty")

    response = client_for(role).delete("/api/v1/regional-groups/empty/")

    assert response.status_code == expected(ADMIN_DELETE, role)


def test_regional_group_delete_with_members_is_409():
    StateFactory(regional_group=RegionalGroupFactory(code="nam"))

    response = client_for("secretariat_admin").delete("/api/v1/regional-groups/nam/")

    assert_error(response, 409, "protected")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/entities/999999/"),
        ("delete", "/api/v1/entities/999999/"),
        ("get", "/api/v1/regional-groups/nowhere/"),
        ("patch", "/api/v1/regional-groups/nowhere/"),
        ("delete", "/api/v1/regional-groups/nowhere/"),
        ("post", "/api/v1/states/QZZ/treaty-status/"),
    ],
)
def test_unknown_registry_objects_are_404(method, path):
    response = getattr(client_for("secretariat_admin"), method)(path, {}, format="json")

    assert_error(response, 404, "not_found")


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({"code": "not a slug"}, ["code"]),
        ({"name_en": ""}, ["name_en"]),
        ({"code": "taken"}, ["code"]),
    ],
)
def test_regional_group_update_bad_input_names_the_field(payload, fields):
    RegionalGroupFactory(code="nam")
    RegionalGroupFactory(code="taken")

    response = client_for("secretariat_officer").patch(
        "/api/v1/regional-groups/nam/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


@pytest.mark.parametrize(
    ("payload", "fields"),
    [({"kind": "planet"}, ["kind"]), ({"name_en": ""}, ["name_en"]), ({"iso3": "WHO"}, ["iso3"])],
)
def test_entity_update_bad_input_names_the_field(payload, fields):
    entity = OrganizationFactory()

    response = client_for("secretariat_officer").patch(
        f"/api/v1/entities/{entity.pk}/", payload, format="json"
    )

    assert_error(response, 400, "invalid", fields)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", ["entity", "state", "regional_group"])
def test_registry_retrieve_is_for_signed_in_users(role, kind):
    state = StateFactory(regional_group=RegionalGroupFactory(code="nam"))
    path = {
        "entity": f"/api/v1/entities/{state.pk}/",
        "state": f"/api/v1/states/{state.iso3}/",
        "regional_group": "/api/v1/regional-groups/nam/",
    }[kind]

    response = client_for(role, state=state).get(path)

    assert response.status_code == expected(SIGNED_IN_READ, role)
