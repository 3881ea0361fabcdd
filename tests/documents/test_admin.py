import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.models import HistoricalChanges

from apps.documents import services
from apps.documents.enums import DocumentStatus, DocumentType, SubmittedBy
from apps.documents.models import Document, DocumentSubmitter, SymbolCounter
from tests.factories.agendas import AgendaItemFactory, InterventionFactory
from tests.factories.documents import DocumentFactory
from tests.factories.entities import StateFactory
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db

APP_LABEL = "documents"
REGISTERED = [model for model in admin.site._registry if model._meta.app_label == APP_LABEL]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def a_document_with_submitters(**kwargs):
    document = DocumentFactory(agenda_item=AgendaItemFactory(), **kwargs)
    for position in (1, 2):
        DocumentSubmitter.objects.create(
            document=document, entity=StateFactory(), position=position
        )
    return document


@pytest.fixture
def rows():
    document = a_document_with_submitters()
    document.interventions.add(InterventionFactory(agenda_item=document.agenda_item))
    SymbolCounter.objects.create(
        series=document.meeting.series,
        doc_type=DocumentType.WORKING_PAPER,
        last_number=document.number,
    )


def test_every_documents_model_but_the_submitter_link_is_registered():
    concrete = {
        model
        for model in apps.get_app_config(APP_LABEL).get_models()
        if not issubclass(model, HistoricalChanges)
    }

    assert concrete - {DocumentSubmitter} == set(REGISTERED)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_admin_changelist_renders_with_rows(admin_client, rows, model):
    response = admin_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == model._default_manager.count()


@pytest.mark.parametrize(
    "model",
    [m for m in REGISTERED if m is not SymbolCounter],
    ids=lambda model: model._meta.model_name,
)
def test_admin_add_view_renders(admin_client, model):
    response = admin_client.get(admin_url(model, "add"))

    assert response.status_code == 200
    assert response.context["adminform"].form._meta.model == model


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_admin_change_view_renders(admin_client, rows, model):
    obj = model._default_manager.first()

    response = admin_client.get(admin_url(model, "change", obj.pk))

    assert response.status_code == 200
    assert response.context["original"] == obj


def test_document_search_finds_a_document_by_symbol(admin_client):
    meeting = MeetingFactory(series="BWC/WG/3")
    paper = DocumentFactory(meeting=meeting, number=5)
    DocumentFactory(meeting=meeting, number=6)

    response = admin_client.get(admin_url(Document, "changelist"), {"q": "BWC/WG/3/WP.5"})

    assert list(response.context["cl"].result_list) == [paper]


def test_document_search_finds_a_document_by_chinese_title(admin_client):
    paper = DocumentFactory(title_zh="关于加强《公约》的工作文件")
    DocumentFactory(title_zh="临时议程")

    response = admin_client.get(admin_url(Document, "changelist"), {"q": "工作文件"})

    assert list(response.context["cl"].result_list) == [paper]


def test_document_filter_by_type_status_and_language_narrows_the_list(admin_client):
    meeting = MeetingFactory()
    paper = DocumentFactory(meeting=meeting, original_language="zh")
    DocumentFactory(meeting=meeting, original_language="en")
    DocumentFactory(meeting=meeting, original_language="zh", status=DocumentStatus.WITHDRAWN)
    DocumentFactory(meeting=meeting, doc_type=DocumentType.INFORMATION, original_language="zh")

    response = admin_client.get(
        admin_url(Document, "changelist"),
        {
            "doc_type__exact": DocumentType.WORKING_PAPER,
            "status__exact": DocumentStatus.ISSUED,
            "original_language__exact": "zh",
            "meeting__id__exact": meeting.pk,
        },
    )

    assert list(response.context["cl"].result_list) == [paper]


def test_document_changelist_lists_submitters_in_their_order(admin_client):
    document = DocumentFactory()
    for position, name in ((2, "Zambia"), (1, "Yemen")):
        DocumentSubmitter.objects.create(
            document=document, entity=StateFactory(name_en=name), position=position
        )

    response = admin_client.get(admin_url(Document, "changelist"))

    [row] = response.context["cl"].result_list
    assert response.context["cl"].model_admin.submitter_names(row) == "Yemen, Zambia"


def test_document_changelist_query_count_is_constant(admin_client):
    meeting = MeetingFactory()
    a_document_with_submitters(meeting=meeting)
    admin_client.get(admin_url(Document, "changelist"))  # warm the session
    with CaptureQueriesContext(connection) as one:
        admin_client.get(admin_url(Document, "changelist"))
    a_document_with_submitters(meeting=meeting)
    a_document_with_submitters(meeting=meeting)

    with CaptureQueriesContext(connection) as three:
        response = admin_client.get(admin_url(Document, "changelist"))

    assert response.context["cl"].result_count == 3
    # session, user, the meeting filter's values, filtered count, full count, rows (meeting,
    # agenda item, parent and group joined), submitters with their entities, the date
    # hierarchy's range and its years
    assert len(one) == len(three) == 9


def test_document_add_with_submitters_creates_them_in_order(admin_client, admin_user):
    meeting = MeetingFactory(series="BWC/WG/3")
    item = AgendaItemFactory(agenda__meeting=meeting, number=6)
    china, russia = StateFactory(name_en="China"), StateFactory(name_en="Russian Federation")
    introduced = InterventionFactory(agenda_item=item, speaker=china)

    response = admin_client.post(
        admin_url(Document, "add"),
        {
            "symbol": "BWC/WG/3/WP.5",
            "title_en": "Working paper submitted by China and the Russian Federation",
            "title_zh": "中国和俄罗斯联邦提交的工作文件",
            "submitted_by": SubmittedBy.ENTITIES,
            "original_language": "zh",
            "languages": ["en", "zh", "ru"],
            "language_note_en": "English, Chinese and Russian only",
            "issue_date": "2023-12-04",
            "distribution": "general",
            "status": DocumentStatus.ISSUED,
            "agenda_item": item.pk,
            "interventions": [introduced.pk],
            "submitter_links-TOTAL_FORMS": "2",
            "submitter_links-INITIAL_FORMS": "0",
            "submitter_links-0-position": "2",
            "submitter_links-0-entity": russia.pk,
            "submitter_links-1-position": "1",
            "submitter_links-1-entity": china.pk,
        },
    )

    assert response.status_code == 302
    document = Document.objects.get(symbol="BWC/WG/3/WP.5")
    assert (document.meeting, document.languages, document.issue_date, document.agenda_item) == (
        meeting,
        ["zh", "en", "ru"],
        datetime.date(2023, 12, 4),
        item,
    )
    assert list(document.interventions.all()) == [introduced]
    assert list(document.submitter_links.order_by("position").values_list("entity", flat=True)) == [
        china.pk,
        russia.pk,
    ]
    assert document.history.get().history_user == admin_user


def test_document_change_view_ticks_the_languages_it_exists_in(admin_client):
    document = DocumentFactory(languages=["en", "ru"])

    response = admin_client.get(admin_url(Document, "change", document.pk))

    assert response.context["adminform"].form["languages"].value() == ["en", "ru"]


def test_document_add_reads_the_symbol_and_moves_the_counter(admin_client):
    meeting = MeetingFactory(series="BWC/MSP/2020/MX.5")
    SymbolCounter.objects.create(
        series=meeting.series, doc_type=DocumentType.WORKING_PAPER, last_number=2
    )

    response = admin_client.post(
        admin_url(Document, "add"),
        {
            "symbol": "bwc/msp/2020/mx.5/wp.5",
            "status": DocumentStatus.ISSUED,
            "original_language": "en",
            "distribution": "general",
            "submitter_links-TOTAL_FORMS": "0",
            "submitter_links-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.symbol, document.meeting, document.doc_type, document.number) == (
        "BWC/MSP/2020/MX.5/WP.5",
        meeting,
        DocumentType.WORKING_PAPER,
        5,
    )
    assert services.next_symbol(series=meeting.series, doc_type=DocumentType.WORKING_PAPER) == (
        "BWC/MSP/2020/MX.5/WP.6"
    )


@pytest.mark.parametrize(
    ("symbol", "error"),
    [
        (
            "BWC/MSP/2031/MX.9/WP.1",
            "No meeting has the series BWC/MSP/2031/MX.9.",
        ),
        (
            "BWC/MSP/2020/MX.5/WP.1/Corr.1",
            "BWC/MSP/2020/MX.5/WP.1 is not in the registry, so "
            "BWC/MSP/2020/MX.5/WP.1/Corr.1 has nothing to modify.",
        ),
        ("BWC/MSP/2020/MX.5/WP.3", "The symbol BWC/MSP/2020/MX.5/WP.3 is already registered."),
    ],
)
def test_document_add_reports_what_the_registry_refuses(admin_client, symbol, error):
    meeting = MeetingFactory(series="BWC/MSP/2020/MX.5")
    DocumentFactory(meeting=meeting, number=3)

    response = admin_client.post(
        admin_url(Document, "add"),
        {
            "symbol": symbol,
            "status": DocumentStatus.ISSUED,
            "original_language": "en",
            "distribution": "general",
            "submitter_links-TOTAL_FORMS": "0",
            "submitter_links-INITIAL_FORMS": "0",
        },
    )

    assert response.context["adminform"].form.errors == {"symbol": [error]}
    assert Document.objects.count() == 1


def test_document_withdrawal_needs_a_reason_and_goes_through_the_registry(admin_client):
    document = DocumentFactory(status=DocumentStatus.ISSUED)
    url = admin_url(Document, "change", document.pk)
    data = {
        "status": DocumentStatus.WITHDRAWN,
        "title_en": document.title_en,
        "original_language": "en",
        "languages": ["en"],
        "distribution": "general",
        "submitter_links-TOTAL_FORMS": "0",
        "submitter_links-INITIAL_FORMS": "0",
    }

    refused = admin_client.post(url, data)
    accepted = admin_client.post(url, {**data, "status_reason": "Submitted in error."})

    assert refused.context["adminform"].form.errors == {
        "status_reason": ["Say why the document is withdrawn."]
    }
    assert accepted.status_code == 302
    document.refresh_from_db()
    assert (document.status, document.status_reason) == (
        DocumentStatus.WITHDRAWN,
        "Submitted in error.",
    )


def test_document_change_offers_only_the_moves_the_registry_allows(admin_client):
    document = DocumentFactory(status=DocumentStatus.RESERVED)

    response = admin_client.get(admin_url(Document, "change", document.pk))

    assert [value for value, _ in response.context["adminform"].form.fields["status"].choices] == [
        DocumentStatus.RESERVED,
        DocumentStatus.ISSUED,
        DocumentStatus.WITHDRAWN,
    ]


def test_document_issue_action_issues_reserved_documents_and_reports_the_others(admin_client):
    reserved = DocumentFactory(status=DocumentStatus.RESERVED)
    withdrawn = DocumentFactory(status=DocumentStatus.WITHDRAWN)

    response = admin_client.post(
        admin_url(Document, "changelist"),
        {"action": "issue_documents", "_selected_action": [reserved.pk, withdrawn.pk]},
        follow=True,
    )

    reserved.refresh_from_db()
    withdrawn.refresh_from_db()
    assert (reserved.status, withdrawn.status) == (DocumentStatus.ISSUED, DocumentStatus.WITHDRAWN)
    assert [str(message) for message in response.context["messages"]] == [
        f"{withdrawn.symbol} is withdrawn; it cannot become issued.",
        "1 document issued.",
    ]


def test_document_cannot_be_deleted_in_the_admin(admin_client):
    document = DocumentFactory()

    response = admin_client.post(admin_url(Document, "delete", document.pk), {"post": "yes"})

    assert response.status_code == 403
    assert Document.objects.filter(pk=document.pk).exists()


def test_symbol_counter_is_read_only_and_shows_the_next_symbol(admin_client):
    counter = SymbolCounter.objects.create(
        series="BWC/WG/3", doc_type=DocumentType.WORKING_PAPER, last_number=5
    )

    add = admin_client.get(admin_url(SymbolCounter, "add"))
    changelist = admin_client.get(admin_url(SymbolCounter, "changelist"))

    assert add.status_code == 403
    assert changelist.context["cl"].model_admin.next_symbol(counter) == "BWC/WG/3/WP.6"


def test_document_add_with_an_empty_symbol_mints_the_next_number(admin_client):
    meeting = MeetingFactory(series="BWC/MSP/2020/MX.5")
    DocumentFactory(meeting=meeting, number=3)

    response = admin_client.post(
        admin_url(Document, "add"),
        {
            "symbol": "",
            "mint_in": meeting.pk,
            "mint_type": "WP",
            "status": DocumentStatus.ISSUED,
            "title_en": "Minted from the admin",
            "original_language": "en",
            "distribution": "general",
            "submitter_links-TOTAL_FORMS": "0",
            "submitter_links-INITIAL_FORMS": "0",
        },
    )

    minted = Document.objects.get(title_en="Minted from the admin")
    assert response.status_code == 302
    assert (minted.symbol, minted.status) == ("BWC/MSP/2020/MX.5/WP.4", DocumentStatus.ISSUED)


def test_document_add_with_neither_symbol_nor_meeting_asks_for_one(admin_client):
    response = admin_client.post(
        admin_url(Document, "add"),
        {
            "symbol": "",
            "status": DocumentStatus.RESERVED,
            "original_language": "en",
            "distribution": "general",
            "submitter_links-TOTAL_FORMS": "0",
            "submitter_links-INITIAL_FORMS": "0",
        },
    )

    assert response.context["adminform"].form.errors == {
        "symbol": ["Enter the symbol, or choose a meeting and a type to mint the next one."]
    }
    assert Document.objects.count() == 0
