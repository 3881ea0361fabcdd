"""Races: parallel minting, parallel accreditation of one nomination, parallel edits of one
agenda item. Each protection is also switched off once, and the test then asserts the bad
outcome: a race test that cannot fail proves nothing.

The races are forced, not left to luck. A hook holds every request at the point between its
read and its write (`_rendezvous`) until all of them have read. With the protection on, the
first request holds the row lock there, the others cannot even read, and the hook gives up
after HOLD_SECONDS; with it off, all of them read the same old state and then all write.

Threads have their own database connections, so these run on PostgreSQL (as CI does).
"""

import contextlib
import threading
from collections import Counter

import pytest
from django.db import connection

from apps.agendas.models import AgendaItem
from apps.attendance import services as attendance
from apps.attendance.enums import NominationStatus
from apps.attendance.models import Nomination
from apps.core.errors import ConflictError
from apps.documents import services as documents
from apps.documents.enums import DocumentType
from apps.documents.models import Document, SymbolCounter
from tests.accounts.roles import assert_error, client_for
from tests.factories.accounts import SecretariatOfficerFactory
from tests.factories.agendas import AgendaItemFactory
from tests.factories.attendance import NominationFactory, RegistrationFactory
from tests.factories.delegations import DelegationFactory
from tests.factories.meetings import MeetingFactory
from tests.parallel import in_parallel

PARALLEL = 8
# How long the request holding the lock waits for others to catch up, in vain when protected.
HOLD_SECONDS = 1.0


@pytest.fixture
def postgres(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL); CI runs it")


def _rendezvous(monkeypatch, module, name: str, count: int, *, hold: float) -> None:
    """Make `module.name` wait, once it is reached, until `count` callers have reached it
    (or `hold` seconds have passed): every caller then has read before anyone writes."""
    original = getattr(module, name)
    barrier = threading.Barrier(count, timeout=hold)

    def held(*args, **kwargs):
        # Broken after `hold`: the others are blocked by a lock, so go on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, held)


# --- Minting: one number, once ---------------------------------------------------------------


def _mint_in_parallel(monkeypatch, series: str) -> tuple[list[int], list[Exception]]:
    meeting = MeetingFactory(series=series)
    # The counter exists, as it does after a series' first mint: the race is on its number.
    SymbolCounter.objects.create(series=series, doc_type=DocumentType.WORKING_PAPER)
    _rendezvous(monkeypatch, documents, "_locked_counter", PARALLEL, hold=HOLD_SECONDS)

    def mint():
        return documents.mint_symbol(meeting=meeting, doc_type=DocumentType.WORKING_PAPER).number

    return in_parallel(mint, PARALLEL)


def test_parallel_mints_with_the_counter_lock_get_consecutive_numbers(postgres, monkeypatch):
    numbers, errors = _mint_in_parallel(monkeypatch, "BWC/MSP/2041/MX.1")

    assert (sorted(numbers), errors) == (list(range(1, PARALLEL + 1)), [])
    assert SymbolCounter.objects.get(series="BWC/MSP/2041/MX.1").last_number == PARALLEL


def test_parallel_mints_without_the_counter_lock_lose_numbers(postgres, monkeypatch, settings):
    settings.DOCUMENTS_LOCK_SYMBOL_COUNTERS = False

    numbers, errors = _mint_in_parallel(monkeypatch, "BWC/MSP/2041/MX.2")

    # Every mint read the same counter: one number is given out and the rest collide on it.
    assert numbers == [1]
    assert Counter(getattr(error, "code", type(error)) for error in errors) == {
        "duplicate_symbol": PARALLEL - 1
    }
    assert SymbolCounter.objects.get(series="BWC/MSP/2041/MX.2").last_number == 1
    assert Document.objects.filter(meeting__series="BWC/MSP/2041/MX.2").count() == 1


# --- Accreditation: one transition, once -----------------------------------------------------


def _accredit_in_parallel(monkeypatch) -> tuple[Nomination, list[int], list[dict]]:
    """PARALLEL officers accredit one nomination through the API at once."""
    delegation = DelegationFactory(meeting=RegistrationFactory().meeting)
    nomination = NominationFactory(member__delegation=delegation)
    _rendezvous(monkeypatch, attendance, "_save_nomination", PARALLEL, hold=HOLD_SECONDS)
    officers = SecretariatOfficerFactory.create_batch(PARALLEL)
    queue = list(officers)
    take = threading.Lock()

    def accredit():
        with take:
            officer = queue.pop()
        client = client_for("anonymous")
        client.force_authenticate(officer)
        return client.post(f"/api/v1/nominations/{nomination.pk}/accredit/")

    responses, errors = in_parallel(accredit, PARALLEL)
    assert errors == []
    statuses = sorted(response.status_code for response in responses)
    refusals = [response for response in responses if response.status_code != 200]
    return nomination, statuses, refusals


def _accreditations(nomination: Nomination) -> list[str]:
    return list(
        nomination.history.filter(status=NominationStatus.ACCREDITED).values_list(
            "history_type", flat=True
        )
    )


def test_parallel_accreditations_of_one_nomination_let_exactly_one_win(postgres, monkeypatch):
    nomination, statuses, refusals = _accredit_in_parallel(monkeypatch)

    assert statuses == [200] + [409] * (PARALLEL - 1)
    for response in refusals:
        assert assert_error(response, 409, "invalid_transition")["message"] == (
            "The nomination is “Accredited”; it cannot be accredited."
        )
    assert _accreditations(nomination) == ["~"]  # one history row of the transition


def test_parallel_accreditations_without_the_row_lock_accredit_many_times(
    postgres, monkeypatch, settings
):
    settings.ATTENDANCE_LOCK_NOMINATIONS = False

    nomination, statuses, _ = _accredit_in_parallel(monkeypatch)

    # Every request saw a submitted nomination: each "accredited" it, and the history says so.
    assert statuses == [200] * PARALLEL
    assert _accreditations(nomination) == ["~"] * PARALLEL


@pytest.mark.django_db
def test_accreditation_conflict_in_the_service_is_a_conflict_error():
    nomination = NominationFactory()
    officer = SecretariatOfficerFactory()
    attendance.accredit_nomination(nomination=nomination, actor=officer)

    with pytest.raises(ConflictError) as refused:
        attendance.accredit_nomination(nomination=nomination, actor=officer)

    assert (refused.value.code, refused.value.status_code) == ("invalid_transition", 409)


# --- Agenda edits: optimistic locking -------------------------------------------------------


def _edit_in_parallel(item: AgendaItem, titles: list[str]) -> list:
    """Both clients read the item, then both send their change based on what they read."""
    clients = [client_for("secretariat_officer") for _ in titles]
    etags = [client.get(f"/api/v1/agenda-items/{item.pk}/")["ETag"] for client in clients]
    pending = list(zip(clients, etags, titles, strict=True))
    take = threading.Lock()

    def edit():
        with take:
            client, etag, title = pending.pop()
        response = client.patch(
            f"/api/v1/agenda-items/{item.pk}/",
            {"title_en": title},
            format="json",
            HTTP_IF_MATCH=etag,
        )
        return title, response

    results, errors = in_parallel(edit, len(titles))
    assert errors == []
    return results


def test_parallel_edits_of_one_agenda_item_refuse_the_stale_one(postgres):
    item = AgendaItemFactory(title_en="Opening of the meeting")

    results = _edit_in_parallel(item, ["Opening", "Opening of the session"])

    by_status = {response.status_code: (title, response) for title, response in results}
    assert sorted(by_status) == [200, 409]
    assert_error(by_status[409][1], 409, "stale_version")
    item.refresh_from_db()
    assert (item.title_en, item.version) == (by_status[200][0], 2)


def test_parallel_edits_without_version_checks_lose_an_update(postgres, settings):
    settings.AGENDAS_CHECK_VERSIONS = False
    item = AgendaItemFactory(title_en="Opening of the meeting")

    results = _edit_in_parallel(item, ["Opening", "Opening of the session"])

    # Both writers were told their change was saved; only the later one's survives.
    assert [response.status_code for _, response in results] == [200, 200]
    titles = list(item.history.order_by("history_date").values_list("title_en", flat=True))
    assert titles[0] == "Opening of the meeting"
    assert sorted(titles[1:]) == ["Opening", "Opening of the session"]
    item.refresh_from_db()
    assert (item.title_en, item.version) == (titles[-1], 3)


# --- Optimistic locking, one request after another (any database) ---------------------------


@pytest.mark.django_db
def test_agenda_item_read_carries_its_version_as_etag():
    item = AgendaItemFactory()

    response = client_for("anonymous").get(f"/api/v1/agenda-items/{item.pk}/")

    assert (response["ETag"], response.json()["version"]) == ('"1"', 1)


@pytest.mark.django_db
def test_agenda_item_edit_based_on_an_old_read_is_409_and_changes_nothing():
    item = AgendaItemFactory(title_en="Opening of the meeting")
    first, second = client_for("secretariat_officer"), client_for("secretariat_officer")
    etag = first.get(f"/api/v1/agenda-items/{item.pk}/")["ETag"]
    assert second.get(f"/api/v1/agenda-items/{item.pk}/")["ETag"] == etag

    saved = first.patch(
        f"/api/v1/agenda-items/{item.pk}/", {"title_en": "Opening"}, HTTP_IF_MATCH=etag
    )
    refused = second.patch(
        f"/api/v1/agenda-items/{item.pk}/", {"title_en": "Opening of MX.1"}, HTTP_IF_MATCH=etag
    )

    assert (saved.status_code, saved["ETag"], saved.json()["version"]) == (200, '"2"', 2)
    error = assert_error(refused, 409, "stale_version")
    assert error["message"] == (
        "Agenda item was changed since you read it (version 2, you sent 1); read it again and "
        "reapply your change."
    )
    item.refresh_from_db()
    assert (item.title_en, item.version, item.history.count()) == ("Opening", 2, 2)


@pytest.mark.django_db
def test_agenda_item_edit_without_version_checks_overwrites_silently(settings):
    settings.AGENDAS_CHECK_VERSIONS = False
    item = AgendaItemFactory(title_en="Opening of the meeting")
    client = client_for("secretariat_officer")
    url = f"/api/v1/agenda-items/{item.pk}/"

    client.patch(url, {"title_en": "Opening"}, HTTP_IF_MATCH='"1"')
    overwrite = client.patch(url, {"title_en": "Opening of MX.1"}, HTTP_IF_MATCH='"1"')

    assert overwrite.status_code == 200
    item.refresh_from_db()
    assert (item.title_en, item.version) == ("Opening of MX.1", 3)


@pytest.mark.django_db
def test_agenda_edit_with_version_in_the_body_is_checked_like_if_match():
    agenda = AgendaItemFactory().agenda
    client = client_for("secretariat_officer")
    url = f"/api/v1/agendas/{agenda.pk}/"

    saved = client.patch(url, {"symbol": "BWC/MSP/2030/MX.5/1", "version": 1}, format="json")
    refused = client.patch(url, {"symbol": "BWC/MSP/2030/MX.5/1/Rev.1", "version": 1})

    assert (saved.status_code, saved["ETag"]) == (200, '"2"')
    assert_error(refused, 409, "stale_version")
    agenda.refresh_from_db()
    assert (agenda.symbol, agenda.version) == ("BWC/MSP/2030/MX.5/1", 2)


@pytest.mark.django_db
def test_agenda_edit_without_a_version_is_not_checked():
    agenda = AgendaItemFactory().agenda
    agenda.save()  # version 2

    response = client_for("secretariat_officer").patch(
        f"/api/v1/agendas/{agenda.pk}/", {"symbol": "BWC/MSP/2030/MX.5/1"}
    )

    assert (response.status_code, response.json()["version"]) == (200, 3)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("headers", "body", "field"),
    [
        ({"HTTP_IF_MATCH": "yesterday"}, {}, "If-Match"),
        ({"HTTP_IF_MATCH": '"1"'}, {"version": 2}, "version"),
        ({}, {"version": 0}, "version"),
    ],
)
def test_agenda_edit_with_an_unreadable_version_is_400(headers, body, field):
    item = AgendaItemFactory(title_en="Opening of the meeting")

    response = client_for("secretariat_officer").patch(
        f"/api/v1/agenda-items/{item.pk}/", {"title_en": "Opening", **body}, **headers
    )

    assert_error(response, 400, "invalid", [field])
    item.refresh_from_db()
    assert item.title_en == "Opening of the meeting"


@pytest.mark.django_db
def test_agenda_item_delete_based_on_an_old_read_is_409():
    item = AgendaItemFactory()
    item.save()  # someone changed it: version 2

    refused = client_for("secretariat_admin").delete(
        f"/api/v1/agenda-items/{item.pk}/", HTTP_IF_MATCH='"1"'
    )
    deleted = client_for("secretariat_admin").delete(
        f"/api/v1/agenda-items/{item.pk}/", HTTP_IF_MATCH='"2"'
    )

    assert_error(refused, 409, "stale_version")
    assert deleted.status_code == 204
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


@pytest.mark.django_db
def test_schema_documents_if_match_and_the_stale_version_conflict():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)

    for path in ("/api/v1/agendas/{id}/", "/api/v1/agenda-items/{id}/"):
        for method in ("patch", "delete"):
            operation = schema["paths"][path][method]
            examples = operation["responses"]["409"]["content"]["application/json"]["examples"]
            assert [p["name"] for p in operation["parameters"] if p["in"] == "header"] == [
                "If-Match"
            ]
            assert {e["value"]["error"]["code"] for e in examples.values()} == {
                "stale_version",
                "invalid_transition",
            }


def _admin_change(admin_client, item: AgendaItem, seen_version: int, title_en: str):
    return admin_client.post(
        f"/admin/agendas/agendaitem/{item.pk}/change/",
        {
            "agenda": item.agenda_id,
            "number": item.number,
            "title_en": title_en,
            "seen_version": seen_version,
            "interventions-TOTAL_FORMS": "0",
            "interventions-INITIAL_FORMS": "0",
        },
    )


@pytest.mark.django_db
def test_admin_save_after_someone_elses_change_is_refused_with_a_message(admin_client):
    item = AgendaItemFactory(title_en="Opening of the meeting")
    page = admin_client.get(f"/admin/agendas/agendaitem/{item.pk}/change/")
    seen = page.context["adminform"].form["seen_version"].value()
    client_for("secretariat_officer").patch(
        f"/api/v1/agenda-items/{item.pk}/", {"title_en": "Opening"}
    )

    response = _admin_change(admin_client, item, seen, "Opening of MX.1")

    assert (seen, response.status_code) == (1, 200)
    assert response.context["adminform"].form.non_field_errors() == [
        "Agenda item was changed since you read it (version 2, you sent 1); read it again and "
        "reapply your change. Reload the page: your changes were not saved."
    ]
    item.refresh_from_db()
    assert (item.title_en, item.version) == ("Opening", 2)


@pytest.mark.django_db
def test_admin_save_of_the_current_version_goes_through(admin_client):
    item = AgendaItemFactory(title_en="Opening of the meeting")

    response = _admin_change(admin_client, item, 1, "Opening")

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title_en, item.version) == ("Opening", 2)
