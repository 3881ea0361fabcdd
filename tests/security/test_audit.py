"""The audit history: every change to meetings, delegations, documents and reports leaves a
row saying who, when and what, bulk writes included; and it is read per object through
`GET /api/v1/<resource>/{id}/history/`, by the secretariat only.

The history is django-simple-history's (signals on save and delete, and its `*_with_history`
helpers for bulk writes). A signal-based library misses `bulk_create`, `bulk_update` and
`QuerySet.update()`: `test_every_raw_bulk_write_is_known` makes each such call in apps/ a
reviewed exception, and the import tests check that what the imports write has its history.
"""

import ast
import datetime
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from apps.agendas import services as agendas
from apps.agendas.enums import AgendaStatus
from apps.attendance.models import Nomination
from apps.audit.services import audited_models, record_missing_history
from apps.delegations.models import Delegation, DelegationMember
from apps.documents import services as documents
from apps.documents.enums import DocumentType
from apps.documents.models import DocumentSubmitter
from apps.interchange.services import import_meeting_document
from apps.meetings.models import Meeting
from tests.accounts.roles import ROLES, client_for, expected
from tests.conftest import FIXTURE_FILES
from tests.factories.accounts import SecretariatOfficerFactory
from tests.factories.agendas import AgendaFactory, AgendaItemFactory, InterventionFactory
from tests.factories.delegations import DelegationFactory
from tests.factories.documents import DocumentFactory
from tests.factories.entities import StateFactory
from tests.factories.meetings import MeetingFactory
from tests.interchange.test_export import SERIES, build_meeting, export_text, flush
from tests.reports.factories import DoneDraftFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
SECRETARIAT_ONLY = {
    "secretariat_admin": 200,
    "secretariat_officer": 200,
    "focal_point_own": "denied",
    "focal_point_other": "denied",
    "read_only": "denied",
    "anonymous": "denied",
}


# --- What keeps a history -------------------------------------------------------------------


def test_every_model_of_the_domain_keeps_a_history_but_two():
    domain = {
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_config.name.startswith("apps.")
        and model._meta.app_label
        in {"meetings", "agendas", "delegations", "attendance", "documents", "reports"}
        and not model.__name__.startswith("Historical")
    }
    audited = {model._meta.label for model in audited_models()}

    # A counter is the highest number minted, and each number a Document, which has history;
    # a list of participants is a snapshot, written once with its Document and never changed.
    assert sorted(domain - audited) == ["attendance.ParticipantList", "documents.SymbolCounter"]


# Each raw bulk write in apps/ (no history row by itself), and why it may stay raw.
RAW_BULK_WRITES = {
    ("apps/agendas/services.py", "_renumber", "update"): "moves rows out of the way; the "
    "same rows' final positions are then written with bulk_update_with_history",
    ("apps/interchange/services.py", "_raise_symbol_counters", "update"): "SymbolCounter "
    "keeps no history (see its docstring)",
    ("apps/reports/services.py", "fail_stuck_drafts", "update"): "a job's state, set by the "
    "watchdog with a compare-and-set UPDATE; the draft shows it (status, error, times)",
    ("apps/reports/services.py", "_claim", "update"): "a worker claims the job with a "
    "compare-and-set UPDATE; the draft's request and result are in its history",
    ("apps/reports/services.py", "_release", "update"): "a job back in the queue for a retry",
    ("apps/reports/services.py", "fail_draft", "update"): "a job's failure, shown on the draft",
}
# Synthetic meetings are made for benchmarks only, fast and without history (its docstring).
RAW_MODULES = {"apps/interchange/synthetic.py"}
QUERYSET_METHODS = {"objects", "filter", "exclude", "all", "select_for_update", "alias"}


def _is_queryset(node: ast.AST) -> bool:
    while isinstance(node, ast.Call | ast.Attribute):
        if isinstance(node, ast.Attribute):
            if node.attr in QUERYSET_METHODS:
                return True
            node = node.value
        else:
            node = node.func
    return False


class _BulkWrites(ast.NodeVisitor):
    """The raw bulk writes of one module, as (module, enclosing function, method)."""

    def __init__(self, module: str) -> None:
        self.module, self.functions, self.found = module, [], set()

    def visit_FunctionDef(self, node):
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    def visit_Call(self, node):
        call = node.func
        if isinstance(call, ast.Attribute) and (
            call.attr in ("bulk_create", "bulk_update")
            or (call.attr == "update" and _is_queryset(call.value))
        ):
            self.found.add((self.module, self.functions[-1] if self.functions else "", call.attr))
        self.generic_visit(node)


def _raw_bulk_writes() -> set[tuple[str, str, str]]:
    found = set()
    for path in sorted((ROOT / "apps").rglob("*.py")):
        module = path.relative_to(ROOT).as_posix()
        if "migrations" in path.parts or module in RAW_MODULES:
            continue
        visitor = _BulkWrites(module)
        visitor.visit(ast.parse(path.read_text()))
        found |= visitor.found
    return found


def test_every_raw_bulk_write_is_known():
    # A new bulk_create, bulk_update or QuerySet.update() writes no history: use the
    # *_with_history helpers, or add it here with the reason it may stay raw.
    assert _raw_bulk_writes() == set(RAW_BULK_WRITES)


# --- Imports and bulk writes record their history --------------------------------------------


def _history_of_rows(model, rows):
    """(history type, user, reason) of each history row of `rows`, by row."""
    records = model.history.filter(id__in=[row.pk for row in rows])
    by_row = {row.pk: [] for row in rows}
    for record in records.order_by("history_id"):
        by_row[record.id].append(
            (record.history_type, record.history_user_id, record.history_change_reason)
        )
    return by_row


def test_participants_import_gives_each_row_it_writes_one_history_row_of_its_user():
    officer = SecretariatOfficerFactory()
    meeting = MeetingFactory(series="BWC/MSP/2030/MX.3")
    one, other = StateFactory().code, StateFactory().code
    content = (
        f"entity,role,family_name\n{one},head,Mammadov\n{one},,Aliyeva\n{other},head,Nurlanov\n"
    ).encode()
    client = client_for("anonymous")
    client.force_authenticate(officer)

    response = client.post(
        "/api/v1/participant-imports/",
        {"meeting": meeting.pk, "file": SimpleUploadedFile("p.csv", content)},
        format="multipart",
    )

    assert response.status_code == 201, response.content
    written = {
        Delegation: list(Delegation.objects.filter(meeting=meeting)),
        DelegationMember: list(DelegationMember.objects.filter(delegation__meeting=meeting)),
        Nomination: list(Nomination.objects.filter(member__delegation__meeting=meeting)),
    }
    assert [len(rows) for rows in written.values()] == [2, 3, 3]
    for model, rows in written.items():
        histories = _history_of_rows(model, rows).values()
        assert {tuple(history) for history in histories} == {(("+", officer.pk, None),)}


def test_meeting_import_gives_each_row_it_writes_one_history_row_with_its_reason():
    build_meeting()
    data = json.loads(export_text())
    flush()

    import_meeting_document(data=data)

    for model in audited_models():
        rows = list(model._base_manager.all())
        for pk, history in _history_of_rows(model, rows).items():
            assert [(kind, reason) for kind, _, reason in history] == [
                ("+", f"import_meeting {SERIES}")
            ], (model._meta.label, pk)


def test_reordering_interventions_records_each_move_with_its_user():
    officer = SecretariatOfficerFactory()
    agenda = AgendaFactory(status=AgendaStatus.ADOPTED, adopted_on=datetime.date(2030, 8, 25))
    item = AgendaItemFactory(agenda=agenda)
    first, second, third = (InterventionFactory(agenda_item=item, position=n) for n in (1, 2, 3))

    agendas.reorder_interventions(
        item=item, ordered_ids=[third.pk, first.pk, second.pk], actor=officer
    )

    for intervention, position in ((third, 1), (first, 2), (second, 3)):
        last = intervention.history.latest("history_id")
        assert (last.history_type, last.position, last.history_user) == ("~", position, officer)


def test_document_submitters_written_in_bulk_have_their_history():
    officer = SecretariatOfficerFactory()
    meeting = MeetingFactory()
    china, russia, iran = StateFactory(), StateFactory(), StateFactory()
    paper = documents.mint_symbol(
        meeting=meeting,
        doc_type=DocumentType.WORKING_PAPER,
        actor=officer,
        title_en="A paper",
        submitters=[china, russia],
    )

    documents.update_document(document=paper, actor=officer, submitters=[iran])

    history = DocumentSubmitter.history.filter(document=paper).order_by("history_id")
    assert [(h.history_type, h.entity_id, h.history_user) for h in history] == [
        ("+", china.pk, officer),
        ("+", russia.pk, officer),
        ("-", china.pk, officer),
        ("-", russia.pk, officer),
        ("+", iran.pk, officer),
    ]


def test_rows_loaded_raw_get_the_entry_that_creates_them():
    call_command("loaddata", *FIXTURE_FILES, verbosity=0)
    before = {model._meta.label: model.history.count() for model in audited_models()}

    created = record_missing_history(reason="load_meetings")
    again = record_missing_history(reason="load_meetings")

    assert before["meetings.Meeting"] == 0  # loaddata wrote no history
    assert created["meetings.Meeting"] == Meeting.objects.count()
    assert again == {}
    for model in audited_models():
        assert model.history.count() == model._base_manager.count(), model._meta.label
    assert set(Meeting.history.values_list("history_type", "history_change_reason")) == {
        ("+", "load_meetings")
    }


def test_load_meetings_command_starts_every_rows_history(transactional_db):
    call_command("load_meetings", verbosity=0)

    meetings = sum(
        entry["model"] == "meetings.meeting"
        for name in FIXTURE_FILES
        for entry in json.loads(Path(name).read_text())
    )
    assert Meeting.objects.count() == meetings > 0
    for model in audited_models():
        assert model.history.count() == model._base_manager.count(), model._meta.label


# --- GET /<resource>/{id}/history/ -----------------------------------------------------------


def test_meeting_history_says_who_changed_what_and_when():
    admin, officer = client_for("secretariat_admin"), client_for("secretariat_officer")
    created = admin.post(
        "/api/v1/meetings/",
        {
            "series": "BWC/MSP/2031/MX.1",
            "kind": "mx",
            "title_en": "Meeting of Experts",
            "scheduled_start": "2031-08-25",
            "scheduled_end": "2031-08-26",
        },
        format="json",
    ).json()
    officer.patch(f"/api/v1/meetings/{created['id']}/", {"title_en": "Meeting of Experts 1"})

    response = officer.get(f"/api/v1/meetings/{created['id']}/history/")

    body = response.json()
    assert (response.status_code, body["count"]) == (200, 2)
    changed, first = body["results"]
    assert (changed["action"], first["action"]) == ("changed", "created")
    assert changed["by"]["username"].startswith("user")
    assert changed["by"] != first["by"]  # the administrator created it, the officer changed it
    assert changed["changes"] == [
        {"field": "title_en", "old": "Meeting of Experts", "new": "Meeting of Experts 1"}
    ]
    assert {"field": "series", "old": None, "new": "BWC/MSP/2031/MX.1"} in first["changes"]
    assert changed["at"] >= first["at"]


@pytest.mark.parametrize(
    ("resource", "make"),
    [
        ("meetings", MeetingFactory),
        ("delegations", DelegationFactory),
        ("documents", DocumentFactory),
        ("report-drafts", DoneDraftFactory),
        ("agendas", AgendaFactory),
        ("agenda-items", AgendaItemFactory),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_history_is_the_secretariats(resource, make, role):
    obj = make()

    response = client_for(role).get(f"/api/v1/{resource}/{obj.pk}/history/")

    assert response.status_code == expected(SECRETARIAT_ONLY, role)
    if response.status_code == 200:
        assert [entry["action"] for entry in response.json()["results"]] == ["created"]


def test_history_of_an_unknown_object_is_404():
    response = client_for("secretariat_officer").get("/api/v1/documents/999999/history/")

    assert response.status_code == 404


@pytest.mark.parametrize("item_count", [1, 3])
def test_history_query_count_is_constant(item_count, django_assert_num_queries):
    officer = SecretariatOfficerFactory()
    item = AgendaItemFactory()
    for n in range(item_count):
        agendas.update_agenda_item(item=item, actor=officer, data={"title_en": f"Title {n}"})
    client = client_for("secretariat_officer")

    with django_assert_num_queries(2):  # the item, its history with the users
        response = client.get(f"/api/v1/agenda-items/{item.pk}/history/")

    assert [entry["action"] for entry in response.json()["results"]] == ["changed"] * item_count + [
        "created"
    ]
    assert response.json()["results"][0]["changes"] == [
        {
            "field": "title_en",
            "old": f"Title {item_count - 2}" if item_count > 1 else item.title_en,
            "new": f"Title {item_count - 1}",
        }
    ]
