"""Who may call what: every route the URL resolver knows under /api/ (and /healthz), every
method it allows, every role, against a table of the statuses the rules give.

The rules (apps/accounts/permissions.py):
- anonymous callers read what is public (meetings, agendas, issued documents, the final lists
  of participants) and nothing else;
- a focal point reads the registry, meetings and agendas, and its own State's delegation (its
  members, nominations, check-ins); it adds and edits its State's members and submits or
  withdraws their nominations while the meeting is open (registration open, for nominations);
- the secretariat's officers read and write everything but user accounts and deletions;
- the administrator also deletes and manages the accounts;
- the secretariat's working material (report drafts and templates, exports with every
  delegate's e-mail address, the audit history) is not for focal points.

Each row is called with an object of the State the "own" focal point acts for (see `World`),
the write bodies being empty unless `BODIES` gives one: an allowed caller then gets the
endpoint's own answer (400 for a missing field, 409 for a transition the object's state
forbids). `no` is a refusal: 401 for an anonymous caller (it may sign in), 403 for a signed-in
one. Every row with an id in its path is called again with an id that does not exist: a
refusal stays the same refusal (no existence leaks, never a 500), the others get 404.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from bwcmeet.api import build_router
from tests.factories.accounts import (
    FocalPointFactory,
    SecretariatAdminFactory,
    SecretariatOfficerFactory,
)
from tests.factories.agendas import AgendaFactory, AgendaItemFactory, InterventionFactory
from tests.factories.attendance import (
    AttendanceRecordFactory,
    NominationFactory,
    ParticipantListFactory,
    RegistrationFactory,
)
from tests.factories.delegations import DelegationFactory, DelegationMemberFactory
from tests.factories.documents import DocumentFactory
from tests.factories.entities import RegionalGroupFactory, StateFactory
from tests.factories.meetings import ChairRotationFactory, MeetingFactory
from tests.reports.factories import ReportDraftFactory, ReportTemplateFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "focal_point_own", "focal_point_other", "officer", "administrator")

# route (url name)                      method  anon  own   other officer admin
MATRIX = """
api-index                               GET     200   200   200   200   200
schema                                  GET     200   200   200   200   200
swagger-ui                              GET     200   200   200   200   200
redoc                                   GET     200   200   200   200   200
healthz                                 GET     200   200   200   200   200
api-root                                GET     200   200   200   200   200

meeting-list                            GET     200   200   200   200   200
meeting-list                            POST    no    no    no    400   400
meeting-by-series                       GET     200   200   200   200   200
meeting-detail                          GET     200   200   200   200   200
meeting-detail                          PATCH   no    no    no    200   200
meeting-detail                          DELETE  no    no    no    no    409
meeting-cancel                          POST    no    no    no    200   200
meeting-close                           POST    no    no    no    400   400
meeting-convene                         POST    no    no    no    400   400
meeting-postpone                        POST    no    no    no    400   400
meeting-reschedule                      POST    no    no    no    400   400
meeting-transitions                     GET     no    200   200   200   200
meeting-history                         GET     no    no    no    200   200
chair-rotation-list                     GET     no    200   200   200   200
chair-rotation-list                     POST    no    no    no    400   400
chair-rotation-detail                   GET     no    200   200   200   200
chair-rotation-detail                   PATCH   no    no    no    200   200
chair-rotation-detail                   DELETE  no    no    no    no    204

agenda-list                             GET     200   200   200   200   200
agenda-list                             POST    no    no    no    400   400
agenda-detail                           GET     200   200   200   200   200
agenda-detail                           PATCH   no    no    no    200   200
agenda-detail                           DELETE  no    no    no    no    204
agenda-adopt                            POST    no    no    no    400   400
agenda-transitions                      GET     no    200   200   200   200
agenda-history                          GET     no    no    no    200   200
agenda-item-list                        GET     200   200   200   200   200
agenda-item-list                        POST    no    no    no    400   400
agenda-item-detail                      GET     200   200   200   200   200
agenda-item-detail                      PATCH   no    no    no    200   200
agenda-item-detail                      DELETE  no    no    no    no    204
agenda-item-reorder-interventions       POST    no    no    no    400   400
agenda-item-history                     GET     no    no    no    200   200
intervention-list                       GET     no    200   200   200   200
intervention-list                       POST    no    no    no    400   400
intervention-detail                     GET     no    200   200   200   200
intervention-detail                     PATCH   no    no    no    200   200
intervention-detail                     DELETE  no    no    no    no    204

document-list                           GET     200   200   200   200   200
document-list                           POST    no    no    no    400   400
document-annex                          GET     200   200   200   200   200
document-by-symbol                      GET     200   200   200   200   200
document-mint                           POST    no    no    no    400   400
document-next-symbol                    GET     no    200   200   200   200
document-detail                         GET     200   200   200   200   200
document-detail                         PATCH   no    no    no    200   200
document-addendum                       POST    no    no    no    201   201
document-correct                        POST    no    no    no    201   201
document-revise                         POST    no    no    no    201   201
document-file                           POST    no    no    no    400   400
document-issue                          POST    no    no    no    409   409
document-versions                       GET     200   200   200   200   200
document-withdraw                       POST    no    no    no    400   400
document-history                        GET     no    no    no    200   200

delegation-list                         GET     no    200   200   200   200
delegation-list                         POST    no    no    no    400   400
delegation-detail                       GET     no    200   404   200   200
delegation-detail                       PATCH   no    no    no    200   200
delegation-detail                       DELETE  no    no    no    no    204
delegation-history                      GET     no    no    no    200   200
delegation-member-list                  GET     no    200   200   200   200
delegation-member-list                  POST    no    201   400   201   201
delegation-member-detail                GET     no    200   404   200   200
delegation-member-detail                PATCH   no    200   404   200   200
delegation-member-detail                DELETE  no    no    no    no    204

registration-list                       GET     no    200   200   200   200
registration-list                       POST    no    no    no    400   400
registration-detail                     GET     no    200   200   200   200
registration-close-registration         POST    no    no    no    200   200
registration-open-registration          POST    no    no    no    409   409
registration-transitions                GET     no    200   200   200   200
nomination-list                         GET     no    200   200   200   200
nomination-list                         POST    no    201   400   201   201
nomination-detail                       GET     no    200   404   200   200
nomination-accredit                     POST    no    no    no    200   200
nomination-return                       POST    no    no    no    400   400
nomination-submit                       POST    no    409   404   409   409
nomination-transitions                  GET     no    200   404   200   200
nomination-withdraw                     POST    no    409   404   409   409
attendance-list                         GET     no    200   200   200   200
attendance-list                         POST    no    no    no    400   400
attendance-participation                GET     no    200   200   200   200
attendance-detail                       GET     no    200   404   200   200
attendance-detail                       DELETE  no    no    no    no    204
participant-list-list                   GET     200   200   200   200   200
participant-list-issue                  POST    no    no    no    400   400
participant-list-detail                 GET     200   200   200   200   200
participant-list-diff                   GET     200   200   200   200   200
participant-import-list                 POST    no    no    no    400   400
participant-import-export               GET     no    no    no    200   200

state-list                              GET     no    200   200   200   200
state-detail                            GET     no    200   200   200   200
state-record-treaty-status              POST    no    no    no    400   400
entity-list                             GET     no    200   200   200   200
entity-list                             POST    no    no    no    400   400
entity-detail                           GET     no    200   200   200   200
entity-detail                           PATCH   no    no    no    200   200
entity-detail                           DELETE  no    no    no    no    409
regional-group-list                     GET     no    200   200   200   200
regional-group-list                     POST    no    no    no    400   400
regional-group-detail                   GET     no    200   200   200   200
regional-group-detail                   PATCH   no    no    no    200   200
regional-group-detail                   DELETE  no    no    no    no    204

auth-me                                 GET     no    200   200   200   200
auth-token                              POST    400   400   400   400   400
auth-token                              DELETE  no    204   204   204   204
user-list                               GET     no    no    no    no    200
user-list                               POST    no    no    no    no    400
user-detail                             GET     no    no    no    no    200
user-token                              POST    no    no    no    no    200

report-draft-list                       GET     no    no    no    200   200
report-draft-list                       POST    no    no    no    400   400
report-draft-detail                     GET     no    no    no    200   200
report-draft-file                       GET     no    no    no    409   409
report-draft-history                    GET     no    no    no    200   200
report-template-list                    GET     no    no    no    200   200
report-template-list                    POST    no    no    no    400   400
report-template-detail                  GET     no    no    no    200   200
report-template-active                  POST    no    no    no    400   400
"""

NO = "no"
MISSING = {
    "pk": "987654321",
    "iso3": "XXX",
    "code": "no-such-group",
    "series": "BWC/NO/SUCH",
    "symbol": "BWC/NO/SUCH/1",
}
# Routes outside /api/ that are public by design and belong in the table.
OUTSIDE_THE_API = frozenset({"healthz"})


def _table() -> dict[tuple[str, str], dict[str, Any]]:
    rows = {}
    for line in MATRIX.strip().splitlines():
        if not line.strip():
            continue
        name, method, *cells = line.split()
        assert len(cells) == len(ROLES), f"{name} {method}: {len(cells)} cells"
        assert (name, method) not in rows, f"{name} {method} twice in the table"
        rows[(name, method)] = {
            role: cell if cell == NO else int(cell) for role, cell in zip(ROLES, cells, strict=True)
        }
    return rows


TABLE = _table()


# --- the routes the resolver knows -----------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # the url name, without the `v1:` namespace
    reverse_name: str
    kwargs: tuple[str, ...]  # the path's parameters
    methods: tuple[str, ...]  # what the view answers, HEAD and OPTIONS aside
    basename: str | None  # the router's basename, for a viewset's route
    answers: frozenset[str]  # of HEAD and OPTIONS, those the view answers


def _http_method_names(callback) -> tuple[str, ...]:
    """What a DRF view answers, as its class or its `as_view(http_method_names=...)` says;
    nothing for a plain Django view."""
    cls = getattr(callback, "cls", None)
    if cls is None:
        return ()
    initkwargs = getattr(callback, "initkwargs", None) or {}
    return tuple(initkwargs.get("http_method_names", cls.http_method_names))


def _methods(callback) -> tuple[str, ...]:
    cls = getattr(callback, "cls", None)
    if cls is None:  # a plain Django view: healthz and the API's index answer GET only
        return ("GET",)
    allowed = set(_http_method_names(callback)) - {"head", "options", "trace"}
    actions = getattr(callback, "actions", None)
    offered = set(actions) if actions else {m for m in allowed if hasattr(cls, m)}
    return tuple(sorted(method.upper() for method in offered & allowed))


def _meta_methods(callback) -> frozenset[str]:
    # A plain Django view (require_GET) answers neither.
    names = _http_method_names(callback)
    return frozenset(method.upper() for method in names if method in ("head", "options"))


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), namespace, pattern


def resolver_routes() -> dict[str, Route]:
    """Every named route under /api/ (and the public ones outside it); the format-suffix
    variants the router adds (`.json`) share their route's view and row."""
    basenames = {viewset: basename for _, viewset, basename in build_router().registry}
    routes = {}
    for path, namespace, pattern in _walk(get_resolver().url_patterns):
        if not (path.startswith("api/") or pattern.name in OUTSIDE_THE_API):
            continue
        groups = tuple(pattern.pattern.regex.groupindex)
        if "format" in groups:
            continue
        assert pattern.name not in routes, f"two routes are named {pattern.name}"
        routes[pattern.name] = Route(
            name=pattern.name,
            reverse_name=f"{namespace}{pattern.name}",
            kwargs=groups,
            methods=_methods(pattern.callback),
            basename=basenames.get(getattr(pattern.callback, "cls", None)),
            answers=_meta_methods(pattern.callback),
        )
    return routes


ROUTES = resolver_routes()


def test_every_route_and_method_has_a_row():
    found = {(route.name, method) for route in ROUTES.values() for method in route.methods}

    missing = sorted(f"{name} {method}" for name, method in found - set(TABLE))
    stale = sorted(f"{name} {method}" for name, method in set(TABLE) - found)
    assert missing == [], f"routes with no row in MATRIX: {missing}"
    assert stale == [], f"rows of MATRIX the resolver does not know: {stale}"


# --- the world the rows are called in --------------------------------------------------------


class World:
    """A planned meeting with open registration, and an object of every resource; those that
    belong to a State belong to `own`, the State of the `focal_point_own` caller."""

    def __init__(self):
        self.own, self.other = StateFactory(), StateFactory()
        self.users = {
            "anonymous": None,
            "focal_point_own": FocalPointFactory(entity=self.own),
            "focal_point_other": FocalPointFactory(entity=self.other),
            "officer": SecretariatOfficerFactory(),
            "administrator": SecretariatAdminFactory(),
        }
        self.meeting = MeetingFactory()
        self.registration = RegistrationFactory(meeting=self.meeting)
        agenda = AgendaFactory(meeting=self.meeting)
        self.agenda_item = AgendaItemFactory(agenda=agenda)
        self.intervention = InterventionFactory(agenda_item=self.agenda_item, speaker=self.own)
        self.delegation = DelegationFactory(meeting=self.meeting, entity=self.own)
        member = DelegationMemberFactory(delegation=self.delegation)
        self.newcomer = DelegationMemberFactory(delegation=self.delegation)  # not nominated
        self.document = DocumentFactory(meeting=self.meeting)
        self.objects = {
            "meeting": self.meeting,
            "chair-rotation": ChairRotationFactory(),
            "agenda": agenda,
            "agenda-item": self.agenda_item,
            "intervention": self.intervention,
            "document": self.document,
            "delegation": self.delegation,
            "delegation-member": member,
            "registration": self.registration,
            "nomination": NominationFactory(member=member),
            "attendance": AttendanceRecordFactory(member=member),
            "participant-list": ParticipantListFactory(meeting=self.meeting),
            "entity": self.own,
            "user": self.users["focal_point_own"],
            "report-draft": ReportDraftFactory(meeting=self.meeting),  # queued: no file yet
            "report-template": ReportTemplateFactory(meeting=self.meeting),
        }
        self.group = RegionalGroupFactory()

    def path_value(self, route: Route, kwarg: str) -> str:
        return {
            "series": lambda: self.meeting.series,
            "symbol": lambda: self.document.symbol,
            "iso3": lambda: self.own.iso3,
            "code": lambda: self.group.code,
            "pk": lambda: str(self.objects[route.basename].pk),
        }[kwarg]()

    def client(self, role: str) -> APIClient:
        client = APIClient()
        if self.users[role] is not None:
            client.force_authenticate(self.users[role])
        return client


# What the requests carry beyond an empty body: query strings, and the bodies of the creations a
# focal point may make (of its own State's).
QUERIES = {
    "document-annex": lambda w: {"series": w.meeting.series},
    "document-next-symbol": lambda w: {"series": w.meeting.series, "doc_type": "WP"},
    "attendance-participation": lambda w: {"meeting": w.meeting.pk},
    "participant-list-diff": lambda w: {"against": w.objects["participant-list"].pk},
    "participant-import-export": lambda w: {"meeting": w.meeting.pk},
}
BODIES = {
    "delegation-member-list": lambda w: {"delegation": w.delegation.pk, "family_name": "Nuevo"},
    "nomination-list": lambda w: {"member": w.newcomer.pk},
}
MULTIPART = frozenset({"document-file", "participant-import-list"})


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Made once for the module, in a transaction rolled back when the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield World()
        transaction.set_rollback(True)


def _call(world, route, method, role, *, missing=False):
    """The status `role` gets; whatever the call writes is rolled back."""
    kwargs = {
        kwarg: MISSING[kwarg] if missing else world.path_value(route, kwarg)
        for kwarg in route.kwargs
    }
    url = reverse(route.reverse_name, kwargs=kwargs)
    query = QUERIES.get(route.name, lambda w: {})(world)
    body = BODIES.get(route.name, lambda w: {})(world)
    client = world.client(role)
    with transaction.atomic():
        if method in ("GET", "HEAD", "OPTIONS"):
            response = getattr(client, method.lower())(url, query)
        else:
            data_format = "multipart" if route.name in MULTIPART else "json"
            response = getattr(client, method.lower())(url, body, format=data_format)
        transaction.set_rollback(True)
    return response.status_code


def _expected(cell, role):
    if cell == NO:
        return 401 if role == "anonymous" else 403
    return cell


@pytest.mark.parametrize(("name", "method"), list(TABLE), ids=[" ".join(k) for k in TABLE])
def test_route_answers_each_role_as_the_table_says(world, name, method):
    route = ROUTES[name]
    row = TABLE[(name, method)]

    answered = {role: _call(world, route, method, role) for role in ROLES}

    assert answered == {role: _expected(row[role], role) for role in ROLES}
    # HEAD is GET without the body (the schema aside: generating it takes a second each time).
    if method == "GET" and "HEAD" in route.answers and name != "schema":
        assert {role: _call(world, route, "HEAD", role) for role in ROLES} == answered
    if method == "GET" and "OPTIONS" in route.answers:  # described to those who may read it
        assert {role: _call(world, route, "OPTIONS", role) for role in ROLES} == {
            role: _expected(NO, role) if row[role] == NO else 200 for role in ROLES
        }


DETAIL_ROWS = [key for key in TABLE if ROUTES[key[0]].kwargs]


@pytest.mark.parametrize(
    ("name", "method"), DETAIL_ROWS, ids=[" ".join(key) for key in DETAIL_ROWS]
)
def test_route_refuses_unknown_ids_as_it_refuses_known_ones(world, name, method):
    route = ROUTES[name]
    row = TABLE[(name, method)]

    answered = {role: _call(world, route, method, role, missing=True) for role in ROLES}

    assert answered == {role: _expected(NO, role) if row[role] == NO else 404 for role in ROLES}


NO_OPTIONS = sorted(name for name, route in ROUTES.items() if "OPTIONS" not in route.answers)


@pytest.mark.parametrize("name", NO_OPTIONS)
def test_route_without_options_says_so(world, name):
    # The docs pages render HTML templates, which cannot describe themselves: 405, not a 500.
    route = ROUTES[name]

    answered = {role: _call(world, route, "OPTIONS", role) for role in ROLES}

    assert answered == dict.fromkeys(ROLES, 405)
