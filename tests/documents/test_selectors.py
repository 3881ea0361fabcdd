import pytest

from apps.documents import selectors, services
from apps.documents.enums import DocumentStatus, DocumentType, Modifier, ReservedNumber
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(series="BWC/MSP/2030/MX.5")


def _paper(meeting, **metadata):
    return services.mint_symbol(meeting=meeting, doc_type=DocumentType.WORKING_PAPER, **metadata)


def test_documents_of_follows_the_annex_order_of_the_reports(meeting):
    # Created in an order unlike the report's, to show the order comes from the selector.
    wp1 = _paper(meeting)
    wp2 = _paper(meeting)
    services.add_version(document=wp1, modifier=Modifier.CORRIGENDUM)
    inf = services.mint_symbol(meeting=meeting, doc_type=DocumentType.INFORMATION)
    services.add_version(document=inf, modifier=Modifier.REVISION)
    services.mint_symbol(meeting=meeting, doc_type=DocumentType.MISCELLANEOUS)
    services.mint_symbol(meeting=meeting, doc_type=DocumentType.CONFERENCE_ROOM_PAPER)
    services.reserve_main_document(meeting=meeting, purpose=ReservedNumber.REPORT)
    services.reserve_main_document(meeting=meeting, purpose=ReservedNumber.PROVISIONAL_AGENDA)

    symbols = [document.symbol for document in selectors.documents_of(meeting)]

    assert symbols == [
        "BWC/MSP/2030/MX.5/1",
        "BWC/MSP/2030/MX.5/2",
        "BWC/MSP/2030/MX.5/CRP.1",
        "BWC/MSP/2030/MX.5/MISC.1",
        "BWC/MSP/2030/MX.5/INF.1",
        "BWC/MSP/2030/MX.5/INF.1/Rev.1",
        "BWC/MSP/2030/MX.5/WP.1",
        "BWC/MSP/2030/MX.5/WP.1/Corr.1",
        wp2.symbol,
    ]


@pytest.mark.parametrize("item_count", [1, 5])
def test_documents_of_query_count_is_constant(meeting, item_count, django_assert_num_queries):
    for _ in range(item_count):
        _paper(meeting)

    with django_assert_num_queries(2):  # the documents, then their submitters
        documents = list(selectors.documents_of(meeting))
        [selectors.submitters_of(document) for document in documents]

    assert len(documents) == item_count


def test_versions_of_lists_the_original_and_its_versions(meeting):
    paper = _paper(meeting)
    corrigendum = services.add_version(document=paper, modifier=Modifier.CORRIGENDUM)
    _paper(meeting)  # another paper, not a version

    from_original = list(selectors.versions_of(paper))
    from_version = list(selectors.versions_of(corrigendum))

    assert from_original == from_version == [paper, corrigendum]


def test_latest_version_of_is_the_latest_issued_revision(meeting):
    paper = _paper(meeting)
    services.issue_document(document=paper)
    first = services.add_version(document=paper, modifier=Modifier.REVISION)
    services.issue_document(document=first)
    second = services.add_version(document=paper, modifier=Modifier.REVISION)  # reserved only
    services.add_version(document=paper, modifier=Modifier.CORRIGENDUM)

    assert (selectors.latest_version_of(paper), selectors.latest_version_of(second)) == (
        first,
        first,
    )


def test_latest_version_of_an_unrevised_document_is_itself(meeting):
    paper = _paper(meeting)

    assert selectors.latest_version_of(paper) == paper


def test_search_documents_finds_english_and_chinese_titles(meeting):
    gender = _paper(meeting, title_en="Strengthening gender equality", title_zh="加强性别平等")
    _paper(meeting, title_en="Concept note on an agency", title_zh="概念说明")
    queryset = selectors.documents_for_list()

    english = list(selectors.search_documents(queryset, "gender"))
    chinese = list(selectors.search_documents(queryset, "性别平等"))

    assert (english, chinese) == ([gender], [gender])


def test_search_documents_withdrawn_stay_findable(meeting):
    paper = _paper(meeting, title_en="Withdrawn idea")
    services.withdraw_document(document=paper, reason="Merged into WP.2.")

    found = list(selectors.search_documents(selectors.documents_for_list(), "idea"))

    assert [(document.symbol, document.status) for document in found] == [
        (paper.symbol, DocumentStatus.WITHDRAWN)
    ]
