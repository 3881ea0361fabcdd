import datetime

import pytest

from apps.core.errors import ConflictError, DomainError
from apps.documents import services
from apps.documents.enums import DocumentStatus, DocumentType, Modifier, ReservedNumber
from apps.documents.models import Document
from apps.documents.services import SymbolError, TransitionError
from tests.factories.entities import StateFactory
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(series="BWC/MSP/2030/MX.2")


def test_mint_symbol_gives_consecutive_numbers_per_type(meeting):
    minted = [
        services.mint_symbol(meeting=meeting, doc_type=doc_type).symbol
        for doc_type in (
            DocumentType.WORKING_PAPER,
            DocumentType.WORKING_PAPER,
            DocumentType.CONFERENCE_ROOM_PAPER,
        )
    ]

    assert minted == ["BWC/MSP/2030/MX.2/WP.1", "BWC/MSP/2030/MX.2/WP.2", "BWC/MSP/2030/MX.2/CRP.1"]


def test_mint_symbol_reserves_the_document_with_its_metadata(meeting):
    russia = StateFactory(code="RUS", iso3="RUS", name_en="Russian Federation")

    document = services.mint_symbol(
        meeting=meeting,
        doc_type=DocumentType.WORKING_PAPER,
        title_en="A proposal",
        languages=["en", "ru"],
        submitted_by="entities",
        submitters=[russia],
    )

    assert (document.status, document.title_en, document.languages) == (
        DocumentStatus.RESERVED,
        "A proposal",
        ["en", "ru"],
    )
    assert list(document.submitters.all()) == [russia]


def test_mint_symbol_main_documents_start_after_the_reserved_numbers(meeting):
    document = services.mint_symbol(meeting=meeting, doc_type=DocumentType.MAIN)

    assert document.symbol == "BWC/MSP/2030/MX.2/3"


def test_reserve_main_document_takes_the_agenda_and_report_numbers_once(meeting):
    agenda = services.reserve_main_document(
        meeting=meeting, purpose=ReservedNumber.PROVISIONAL_AGENDA
    )
    report = services.reserve_main_document(meeting=meeting, purpose=ReservedNumber.REPORT)

    with pytest.raises(ConflictError) as error:
        services.reserve_main_document(meeting=meeting, purpose=ReservedNumber.REPORT)

    assert [agenda.symbol, report.symbol] == ["BWC/MSP/2030/MX.2/1", "BWC/MSP/2030/MX.2/2"]
    assert error.value.code == "duplicate_symbol"


def test_mint_symbol_refuses_unknown_metadata_and_writes_nothing(meeting):
    with pytest.raises(DomainError) as error:
        services.mint_symbol(meeting=meeting, doc_type=DocumentType.WORKING_PAPER, colour="red")

    assert (error.value.field, Document.objects.count()) == ("colour", 0)
    assert services.next_symbol(series=meeting.series, doc_type=DocumentType.WORKING_PAPER) == (
        "BWC/MSP/2030/MX.2/WP.1"
    )


def test_register_document_moves_the_counter_past_its_number(meeting):
    services.register_document(symbol="bwc/msp/2030/mx.2/wp.7", title_en="Registered late")

    minted = services.mint_symbol(meeting=meeting, doc_type=DocumentType.WORKING_PAPER)

    assert list(Document.objects.order_by("number").values_list("symbol", flat=True)) == [
        "BWC/MSP/2030/MX.2/WP.7",
        "BWC/MSP/2030/MX.2/WP.8",
    ]
    assert minted.number == 8


def test_register_document_twice_is_a_conflict(meeting):
    services.register_document(symbol="BWC/MSP/2030/MX.2/WP.1")

    with pytest.raises(ConflictError):
        services.register_document(symbol="BWC/MSP/2030/MX.2/WP.1")

    assert Document.objects.count() == 1


def test_register_document_unknown_series_names_it(meeting):
    with pytest.raises(SymbolError) as error:
        services.register_document(symbol="BWC/MSP/2031/MX.2/WP.1")

    assert (error.value.code, str(error.value)) == (
        "unknown_series",
        "No meeting has the series BWC/MSP/2031/MX.2.",
    )


def test_register_document_malformed_symbol_says_which_part(meeting):
    with pytest.raises(SymbolError) as error:
        services.register_document(symbol="BWC/MSP/2030/MX.2/WP.0")

    assert error.value.field == "symbol"
    assert "number" in str(error.value)
    assert Document.objects.count() == 0


def test_register_document_version_of_a_missing_document_is_refused(meeting):
    with pytest.raises(SymbolError) as error:
        services.register_document(symbol="BWC/MSP/2030/MX.2/WP.5/Corr.1")

    assert error.value.code == "unknown_parent"
    assert Document.objects.count() == 0


def test_add_version_numbers_each_kind_on_its_own(meeting):
    paper = services.mint_symbol(
        meeting=meeting, doc_type=DocumentType.WORKING_PAPER, title_en="Paper"
    )

    versions = [
        services.add_version(document=paper, modifier=modifier).symbol
        for modifier in (
            Modifier.CORRIGENDUM,
            Modifier.REVISION,
            Modifier.CORRIGENDUM,
            Modifier.ADDENDUM,
        )
    ]

    assert versions == [
        "BWC/MSP/2030/MX.2/WP.1/Corr.1",
        "BWC/MSP/2030/MX.2/WP.1/Rev.1",
        "BWC/MSP/2030/MX.2/WP.1/Corr.2",
        "BWC/MSP/2030/MX.2/WP.1/Add.1",
    ]


def test_add_version_inherits_submitters_and_item(meeting):
    russia = StateFactory()
    paper = services.mint_symbol(
        meeting=meeting,
        doc_type=DocumentType.WORKING_PAPER,
        submitters=[russia],
        submitted_by="entities",
    )

    corrigendum = services.add_version(
        document=paper, modifier=Modifier.CORRIGENDUM, languages=["ru"]
    )

    assert (list(corrigendum.submitters.all()), corrigendum.parent, corrigendum.languages) == (
        [russia],
        paper,
        ["ru"],
    )


def test_issue_document_of_a_revision_supersedes_the_original(meeting):
    original = services.mint_symbol(meeting=meeting, doc_type=DocumentType.INFORMATION)
    services.issue_document(document=original, issue_date=datetime.date(2030, 8, 25))
    revision = services.add_version(document=original, modifier=Modifier.REVISION)

    services.issue_document(document=revision, issue_date=datetime.date(2030, 8, 26))

    original.refresh_from_db()
    revision.refresh_from_db()
    assert (original.status, revision.status, original.status_reason) == (
        DocumentStatus.SUPERSEDED,
        DocumentStatus.ISSUED,
        "Replaced by BWC/MSP/2030/MX.2/INF.1/Rev.1.",
    )


def test_issue_document_twice_is_a_transition_error(meeting):
    document = services.mint_symbol(meeting=meeting, doc_type=DocumentType.WORKING_PAPER)
    services.issue_document(document=document)

    with pytest.raises(TransitionError) as error:
        services.issue_document(document=document)

    assert str(error.value) == "BWC/MSP/2030/MX.2/WP.1 is issued; it cannot become issued."


def test_withdraw_document_keeps_the_number_out_of_circulation(meeting):
    first = services.mint_symbol(meeting=meeting, doc_type=DocumentType.WORKING_PAPER)

    services.withdraw_document(document=first, reason="Submitted twice.")
    second = services.mint_symbol(meeting=meeting, doc_type=DocumentType.WORKING_PAPER)

    first.refresh_from_db()
    assert (first.status, first.status_reason, second.symbol) == (
        DocumentStatus.WITHDRAWN,
        "Submitted twice.",
        "BWC/MSP/2030/MX.2/WP.2",
    )


def test_withdraw_document_needs_a_reason(meeting):
    document = services.mint_symbol(meeting=meeting, doc_type=DocumentType.WORKING_PAPER)

    with pytest.raises(DomainError) as error:
        services.withdraw_document(document=document, reason="  ")

    document.refresh_from_db()
    assert (error.value.field, document.status) == ("reason", DocumentStatus.RESERVED)


def test_next_symbol_asks_without_reserving(meeting):
    asked = [
        services.next_symbol(series=meeting.series, doc_type=DocumentType.CONFERENCE_ROOM_PAPER)
        for _ in range(2)
    ]

    assert asked == ["BWC/MSP/2030/MX.2/CRP.1", "BWC/MSP/2030/MX.2/CRP.1"]
    assert Document.objects.count() == 0


def test_update_document_changes_metadata_and_records_history(meeting, staff_user):
    document = services.mint_symbol(
        meeting=meeting, doc_type=DocumentType.WORKING_PAPER, title_en="Draft"
    )

    services.update_document(document=document, actor=staff_user, title_en="Final title")

    latest = document.history.latest()
    assert (latest.title_en, latest.history_user, latest.history_type) == (
        "Final title",
        staff_user,
        "~",
    )
