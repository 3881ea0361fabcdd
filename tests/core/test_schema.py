"""The OpenAPI schema: it generates without warnings, validates, documents the one error shape
on every operation, and the API keeps to it: no input the schema admits, or garbles, gets a 500.
"""

import datetime
import json
import re

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.agendas.enums import AgendaStatus
from apps.meetings.enums import MeetingStatus
from tests.accounts.roles import client_for
from tests.factories.agendas import AgendaFactory, AgendaItemFactory, InterventionFactory
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.entities import OrganizationFactory, RegionalGroupFactory, StateFactory
from tests.factories.meetings import MeetingFactory, PostponementFactory

pytestmark = pytest.mark.django_db

ERROR_STATUSES = ("400", "401", "403", "404")


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_schema_generates_and_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.json"

    # --fail-on-warn turns every drf-spectacular warning into an error; --validate checks the
    # result against the OpenAPI 3 specification.
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format",
        "openapi-json",
        "--file",
        str(target),
    )

    assert json.loads(target.read_text())["openapi"].startswith("3.")


def test_schema_documents_every_error_response_with_the_error_shape(schema):
    undocumented = [
        (method.upper(), path, status)
        for path, method, operation in _operations(schema)
        for status in ERROR_STATUSES
        if operation["responses"]
        .get(status, {})
        .get("content", {})
        .get("application/json", {})
        .get("schema")
        != {"$ref": "#/components/schemas/Error"}
    ]

    assert undocumented == []


def test_schema_error_shape_is_the_handlers(schema):
    components = schema["components"]["schemas"]

    assert components["Error"]["properties"] == {
        "error": {"$ref": "#/components/schemas/ErrorBody"}
    }
    assert sorted(components["ErrorBody"]["properties"]) == [
        "code",
        "fields",
        "message",
        "non_field_errors",
    ]
    assert sorted(components["ErrorItem"]["properties"]) == ["code", "message"]


def test_schema_transitions_document_their_conflict(schema):
    transitions = [
        path
        for path in schema["paths"]
        if re.search(r"/(postpone|reschedule|convene|close|cancel|adopt)/$", path)
    ]

    assert sorted(
        path for path in transitions if "409" in schema["paths"][path]["post"]["responses"]
    ) == sorted(transitions)
    assert {re.sub(r"\{id\}/", "", path) for path in transitions} >= {
        "/api/v1/agendas/adopt/",
        "/api/v1/meetings/postpone/",
        "/api/v1/meetings/reschedule/",
        "/api/v1/meetings/convene/",
        "/api/v1/meetings/close/",
        "/api/v1/meetings/cancel/",
        "/api/v1/registrations/close/",
    }


def test_schema_every_operation_has_a_summary_and_parameters_a_description(schema):
    missing = [
        (method.upper(), path, parameter.get("name"))
        for path, method, operation in _operations(schema)
        if path.startswith(OWN_PREFIXES)
        for parameter in [
            {"name": None, "description": operation.get("summary")},
            *operation.get("parameters", []),
        ]
        if not parameter.get("description")
    ]

    assert missing == []


# --- Fuzzing: every operation of the API built here, fed what its schema admits and garbage ---

OWN_PREFIXES = (
    "/api/v1/meetings",
    "/api/v1/chair-rotations",
    "/api/v1/agendas",
    "/api/v1/agenda-items",
    "/api/v1/interventions",
    "/api/v1/delegations",
    "/api/v1/delegation-members",
    "/api/v1/states",
    "/api/v1/entities",
    "/api/v1/regional-groups",
    "/api/v1/users",
    "/api/v1/auth",
)


def _fuzzed_operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        pytest.param(path, method, id=f"{method.upper()} {path}")
        for path, method, _ in _operations(schema)
        if path.startswith(OWN_PREFIXES) and method != "delete"
    ]


@pytest.fixture
def world():
    """One of everything, so that path parameters name existing objects."""
    meeting = MeetingFactory(
        series="BWC/MSP/2020/MX.5",
        status=MeetingStatus.IN_SESSION,
        start_date=datetime.date(2030, 8, 25),
        end_date=datetime.date(2030, 8, 26),
    )
    postponed = MeetingFactory(status=MeetingStatus.POSTPONED)
    PostponementFactory(meeting=postponed)
    agenda = AgendaFactory(
        meeting=meeting, status=AgendaStatus.ADOPTED, adopted_on=meeting.start_date
    )
    item = AgendaItemFactory(agenda=agenda, number=1)
    state = StateFactory(iso3="QPA", code="QPA", regional_group=RegionalGroupFactory(code="nam"))
    intervention = InterventionFactory(agenda_item=item, position=1, speaker=state)
    delegation = DelegationFactory(meeting=meeting, entity=state)
    member = DelegationMemberFactory(delegation=delegation)
    organization = OrganizationFactory()
    client = client_for("secretariat_admin")
    user_id = client.handler._force_user.pk
    from apps.meetings.models import ChairRotation

    rotation = ChairRotation.objects.create(
        year=2020, body="msp", regional_group=state.regional_group
    )
    ids = {
        "/api/v1/meetings": meeting.pk,
        "/api/v1/chair-rotations": rotation.pk,
        "/api/v1/agendas": agenda.pk,
        "/api/v1/agenda-items": item.pk,
        "/api/v1/interventions": intervention.pk,
        "/api/v1/delegations": delegation.pk,
        "/api/v1/delegation-members": member.pk,
        "/api/v1/entities": organization.pk,
        "/api/v1/users": user_id,
    }
    known = [
        meeting.pk,
        postponed.pk,
        agenda.pk,
        item.pk,
        intervention.pk,
        delegation.pk,
        member.pk,
        state.pk,
        organization.pk,
        user_id,
    ]
    return {"client": client, "ids": ids, "known": known}


def _path_for(path, ids):
    prefix = next(
        p for p in sorted(OWN_PREFIXES, key=len, reverse=True) if path.startswith(p + "/")
    )
    return (
        path.replace("{id}", str(ids.get(prefix, 1)))
        .replace("{iso3}", "QPA")
        .replace("{code}", "nam")
        .replace("{series}", "BWC/MSP/2020/MX.5")
    )


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _strategy(schema, components, known):
    """Values for `schema`, mostly of its type (so that validation passes and the services
    run), sometimes anything at all."""
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    if "allOf" in schema or "oneOf" in schema:
        return st.one_of(
            *(_strategy(s, components, known) for s in schema.get("allOf", schema.get("oneOf")))
        )
    if "enum" in schema:
        typed = st.sampled_from(schema["enum"])
    else:
        kind = schema.get("type")
        if kind == "object" and "properties" in schema:
            properties = {
                name: _strategy(sub, components, known)
                for name, sub in schema["properties"].items()
                if not sub.get("readOnly")
            }
            required = [name for name in schema.get("required", []) if name in properties]
            optional = {name: s for name, s in properties.items() if name not in required}
            typed = st.fixed_dictionaries(
                {name: properties[name] for name in required}, optional=optional
            )
        elif kind == "array":
            typed = st.lists(_strategy(schema.get("items", {}), components, known), max_size=4)
        elif kind == "integer":
            typed = st.sampled_from(known) | st.integers(min_value=-(2**70), max_value=2**70)
        elif kind == "boolean":
            typed = st.booleans()
        elif kind == "string" and schema.get("format") == "date":
            typed = st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)).map(str)
        elif kind == "string":
            typed = st.text(max_size=schema.get("maxLength", 40) + 2)
        else:
            typed = JSON
    if schema.get("nullable"):
        typed = typed | st.none()
    return st.one_of(typed, typed, typed, JSON)


@pytest.mark.parametrize(("path", "method"), _fuzzed_operations())
def test_api_answers_any_input_without_a_server_error(world, schema, path, method):
    operation = schema["paths"][path][method]
    components = schema["components"]["schemas"]
    body_schema = (
        operation.get("requestBody", {})
        .get("content", {})
        .get("application/json", {})
        .get("schema", {"type": "object"})
    )
    body = _strategy(body_schema, components, world["known"])
    params = st.dictionaries(
        st.sampled_from(
            [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"] or ["x"]
        ),
        st.text(max_size=12)
        | st.sampled_from(["", "1", "-1", "2020-01-01", "\x00", "nam", str(10**30)]),
        max_size=3,
    )
    url = _path_for(path, world["ids"])
    client = world["client"]

    @settings(
        max_examples=20,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    @given(body=body, params=params)
    def check(body, params):
        if method == "get":
            response = client.get(url, params)
        else:
            response = getattr(client, method)(url, body, format="json")
        assert response.status_code < 500, (response.status_code, body, params)
        if response.status_code >= 400:
            error = response.json()["error"]
            assert sorted(error) == ["code", "fields", "message", "non_field_errors"]

    check()
