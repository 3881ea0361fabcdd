"""The report context: what templates get, read in a fixed number of queries."""

import dataclasses
import datetime
import os
import subprocess
import sys

import pytest
from django.utils import translation

from apps.agendas.enums import InterventionKind
from apps.delegations.enums import Rule44Category
from apps.documents.enums import DocumentType, Modifier
from apps.reports.context import (
    and_list,
    context_from_data,
    format_day,
    format_span,
    number_in_words,
    report_context,
    stored_blocks,
)
from tests.factories.agendas import AgendaFactory, AgendaItemFactory, InterventionFactory
from tests.factories.delegations import DelegationFactory
from tests.factories.documents import DocumentFactory
from tests.factories.entities import OrganizationFactory, StateFactory
from tests.factories.meetings import MeetingFactory
from tests.factories.reports import report_meeting

pytestmark = pytest.mark.django_db


# --- query count ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_context_query_count_is_constant(size, lang, django_assert_num_queries):
    meeting = report_meeting(size=size)

    # meeting (parent and agenda joined), items, postponements, letters, officers,
    # delegations (treaty status annotated), members, stated counts, interventions, the groups
    # they spoke for, intervention-document links, documents, submitters (prefetch): 13.
    with django_assert_num_queries(13):
        context = report_context(meeting=meeting, lang=lang)

    assert len(context["participation"].state_party.members) == 10 * size + 1
    assert [item.number for item in context["work_items"]] == list(range(4, 4 + size))
    assert len(context["organization"].letters) == size


def test_report_context_reads_nothing_more_while_templates_use_it(django_assert_num_queries):
    meeting = report_meeting(size=2)
    context = report_context(meeting=meeting, lang="en")

    with django_assert_num_queries(0):
        text = repr(context) + "".join(str(item.discussion) for item in context["items"])

    assert "Meeting of Experts" in text


# --- the facts ----------------------------------------------------------------------------------


def _meeting_with_item():
    meeting = MeetingFactory(
        start_date=datetime.date(2030, 9, 1), end_date=datetime.date(2030, 9, 1)
    )
    item = AgendaItemFactory(agenda=AgendaFactory(meeting=meeting), number=4)
    return meeting, item


def test_working_papers_are_grouped_by_introducer_with_corrigenda_attached():
    meeting, item = _meeting_with_item()
    russia = DelegationFactory(meeting=meeting, entity=StateFactory(name_zh="俄罗斯联邦")).entity
    uk = DelegationFactory(meeting=meeting, entity=StateFactory(name_zh="联合王国")).entity
    papers = {n: DocumentFactory(meeting=meeting, number=n) for n in (1, 2, 3, 5)}
    corrigendum = DocumentFactory(
        meeting=meeting,
        number=5,
        symbol=f"{papers[5].symbol}/Corr.1",
        modifier=Modifier.CORRIGENDUM,
        modifier_number=1,
        parent=papers[5],
    )
    first = InterventionFactory(
        agenda_item=item, position=1, kind=InterventionKind.WORKING_PAPER, speaker=uk
    )
    second = InterventionFactory(
        agenda_item=item, position=2, kind=InterventionKind.WORKING_PAPER, speaker=russia
    )
    first.documents.add(papers[1])
    second.documents.add(papers[2], papers[3], papers[5], corrigendum)

    context = report_context(meeting=meeting, lang="zh")

    (run,) = context["items"][0].before
    series = meeting.series
    assert [(i.party.name, i.cited) for i in run.introductions] == [
        ("联合王国", f"{series}/WP.1"),
        ("俄罗斯联邦", f"{series}/WP.2、{series}/WP.3 以及 {series}/WP.5 和 Corr.1"),
    ]
    assert run.introductions[1].with_papers == (
        f"俄罗斯联邦({series}/WP.2、{series}/WP.3 以及 {series}/WP.5 和 Corr.1)"
    )


def test_english_papers_are_joined_with_and():
    meeting, item = _meeting_with_item()
    state = DelegationFactory(meeting=meeting).entity
    papers = [DocumentFactory(meeting=meeting, number=n) for n in (1, 2)]
    intervention = InterventionFactory(
        agenda_item=item, position=1, kind=InterventionKind.WORKING_PAPER, speaker=state
    )
    intervention.documents.add(*papers)

    context = report_context(meeting=meeting, lang="en")

    (introduction,) = context["items"][0].before[0].introductions
    assert introduction.cited == f"{papers[0].symbol} and {papers[1].symbol}"


def test_runs_split_around_the_discussion_in_position_order():
    meeting, item = _meeting_with_item()
    states = [DelegationFactory(meeting=meeting).entity for _ in range(3)]
    org = DelegationFactory(
        meeting=meeting,
        category=Rule44Category.INTERNATIONAL_ORGANIZATION,
        entity=OrganizationFactory(name_en="European Union"),
    ).entity
    kinds = [
        (InterventionKind.PRESENTATION, org),
        (InterventionKind.DISCUSSION, states[2]),
        (InterventionKind.DISCUSSION, states[0]),
        (InterventionKind.STATEMENT, org),
    ]
    for position, (kind, speaker) in enumerate(kinds, start=1):
        InterventionFactory(agenda_item=item, position=position, kind=kind, speaker=speaker)

    item_context = report_context(meeting=meeting, lang="en")["items"][0]

    assert [run.kind for run in item_context.before] == ["presentation"]
    assert [s.party.code for s in item_context.discussion] == [states[2].code, states[0].code]
    assert [run.kind for run in item_context.after] == ["statement"]
    assert item_context.after[0].speakers[0].in_text == "the European Union"


def test_listed_name_wins_and_running_text_uses_name_in_text():
    meeting = MeetingFactory()
    russia = StateFactory(name_en="Russian Federation", name_en_in_text="the Russian Federation")
    DelegationFactory(meeting=meeting, entity=russia, position=1)
    DelegationFactory(
        meeting=meeting,
        entity=StateFactory(name_en="Czechia", name_zh="捷克"),
        listed_name_en="Czech Republic",
        listed_name_zh="捷克共和国",
        position=2,
    )

    english = report_context(meeting=meeting, lang="en")["participation"].state_party.members
    chinese = report_context(meeting=meeting, lang="zh")["participation"].state_party.members

    assert [(m.name, m.in_text) for m in english] == [
        ("Russian Federation", "the Russian Federation"),
        ("Czech Republic", "Czech Republic"),
    ]
    assert [m.name for m in chinese][1] == "捷克共和国"


def test_counts_come_in_words_and_a_stated_count_alone_counts():
    meeting = MeetingFactory()
    DelegationFactory(meeting=meeting, category=Rule44Category.SIGNATORY)
    meeting.stated_counts.create(
        category=Rule44Category.NGO, count=12, wording_en="twelve", wording_zh="十二个"
    )

    english = report_context(meeting=meeting, lang="en")["participation"]
    chinese = report_context(meeting=meeting, lang="zh")["participation"]

    assert (english.signatory.number, english.signatory.one) == ("one", True)
    assert (english.ngo.count, english.ngo.number) == (12, "twelve")
    assert (chinese.signatory.counted("个"), chinese.ngo.counted("个")) == ("一个", "十二个")
    assert bool(english.guest) is False


def test_participants_list_is_the_revision_issued_by_the_closing_day():
    meeting = MeetingFactory(
        start_date=datetime.date(2030, 9, 1),
        end_date=datetime.date(2030, 9, 2),
        report_adopted_on=datetime.date(2030, 9, 2),
    )
    original = DocumentFactory(meeting=meeting, doc_type=DocumentType.INFORMATION, number=1)

    def revision(number, issued):
        return DocumentFactory(
            meeting=meeting,
            doc_type=DocumentType.INFORMATION,
            number=1,
            symbol=f"{original.symbol}/Rev.{number}",
            modifier=Modifier.REVISION,
            modifier_number=number,
            parent=original,
            issue_date=issued,
        )

    first = revision(1, datetime.date(2030, 9, 2))
    revision(2, datetime.date(2030, 10, 1))  # after the report: not what it cites

    symbol = report_context(meeting=meeting, lang="en")["participation"].list_symbol

    assert symbol == first.symbol


def test_registry_symbols_fall_back_to_the_symbols_the_report_would_take():
    meeting = MeetingFactory()

    documents = report_context(meeting=meeting, lang="en")["documents"]

    assert (documents.crp, documents.final, documents.agenda) == (
        f"{meeting.series}/CRP.1",
        f"{meeting.series}/2",
        f"{meeting.series}/1",
    )


# --- forms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "lang", "expected"),
    [
        ((2021, 9, 8), (2021, 9, 8), "zh", "2021 年 9 月 8 日"),
        ((2021, 8, 30), (2021, 8, 31), "zh", "2021 年 8 月 30 日至 31 日"),
        ((2021, 11, 30), (2021, 12, 2), "zh", "2021 年 11 月 30 日至 12 月 2 日"),
        ((2020, 12, 30), (2021, 1, 2), "zh", "2020 年 12 月 30 日至 2021 年 1 月 2 日"),
        ((2021, 9, 8), (2021, 9, 8), "en", "8 September 2021"),
        ((2021, 8, 30), (2021, 8, 31), "en", "30 to 31 August 2021"),
        ((2021, 11, 30), (2021, 12, 2), "en", "30 November to 2 December 2021"),
    ],
)
def test_format_span_names_shared_month_and_year_once(start, end, lang, expected):
    assert format_span(datetime.date(*start), datetime.date(*end), lang) == expected


def test_format_day_in_both_languages():
    day = datetime.date(2021, 2, 9)

    assert (format_day(day, "en"), format_day(day, "zh")) == (
        "9 February 2021",
        "2021 年 2 月 9 日",
    )


@pytest.mark.parametrize(
    ("count", "en", "zh"),
    [
        (1, "one", "一"),
        (2, "two", "两"),
        (10, "ten", "十"),
        (12, "12", "十二"),
        (96, "96", "九十六"),
    ],
)
def test_number_in_words(count, en, zh):
    assert (number_in_words(count, "en"), number_in_words(count, "zh")) == (en, zh)


def test_and_list_spaces_chinese_only_next_to_latin():
    assert and_list(["乍得", "以色列"], "zh") == "乍得和以色列"
    assert and_list(["A", "B", "C"], "zh") == "A、B 和 C"
    assert and_list(["Chad", "Israel", "Egypt"], "en") == "Chad, Israel and Egypt"


def test_stored_blocks_number_paragraphs_keep_sub_items_and_tables():
    text = "1. First.\n\n(a) Sub-item\ncontinued.\n\n\tMSP\tMX.1\n2018\tEEG\tNAM\n\n2. Second."

    blocks = stored_blocks(text, "en")

    assert [(b.kind, b.text, b.stored_number) for b in blocks] == [
        ("numbered", "First.", 1),
        ("text", "(a) Sub-item continued.", None),
        ("table", "", None),
        ("numbered", "Second.", 2),
    ]
    assert blocks[2].rows == (("", "MSP", "MX.1"), ("2018", "EEG", "NAM"))


def test_stored_blocks_of_a_chair_summary_make_headings():
    blocks = stored_blocks("概要报告\n\n1. 主席。\n\n议程项目 4——审议", "zh", unnumbered="heading")

    assert [b.kind for b in blocks] == ["heading", "numbered", "heading"]


# --- what the data hash relies on ----------------------------------------------------------

# What `services.hash_of_context` may meet: values whose `repr` is the same for the same data
# in any process, and tuples, lists, dicts and frozen dataclasses of them.
STABLE_VALUES = (str, int, bool, type(None), datetime.date)


def _repr_lists_every_field(value) -> bool:
    """The dataclass's `repr` is the one `@dataclass` writes, every field in it."""
    fields = ", ".join(f"{f.name}={getattr(value, f.name)!r}" for f in dataclasses.fields(value))
    return repr(value) == f"{type(value).__qualname__}({fields})"


def _unstable_values(value, path="context"):
    """Where the context holds something whose `repr` could differ for the same data."""
    if type(value) in STABLE_VALUES:
        return []
    if type(value) in (tuple, list):
        return [
            bad for i, item in enumerate(value) for bad in _unstable_values(item, f"{path}[{i}]")
        ]
    if type(value) is dict:
        return [
            bad
            for key, item in value.items()
            for bad in (
                *_unstable_values(key, f"{path} key"),
                *_unstable_values(item, f"{path}[{key!r}]"),
            )
        ]
    cls = type(value)
    if (
        dataclasses.is_dataclass(cls)
        and cls.__dataclass_params__.frozen
        and _repr_lists_every_field(value)
    ):
        return [
            bad
            for field in dataclasses.fields(value)
            for bad in _unstable_values(getattr(value, field.name), f"{path}.{field.name}")
        ]
    return [f"{path}: {cls.__name__}"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_contexts_of_the_real_meetings_hold_only_values_with_a_stable_repr(real_meetings, lang):
    from apps.meetings.models import Meeting

    for meeting in Meeting.objects.all():
        assert _unstable_values(report_context(meeting=meeting, lang=lang)) == [], meeting.series


@pytest.mark.django_db
def test_context_of_a_full_meeting_holds_only_values_with_a_stable_repr():
    meeting = report_meeting(size=2)

    assert _unstable_values(report_context(meeting=meeting, lang="en")) == []


def test_the_stable_value_check_finds_what_would_break_the_hash():
    @dataclasses.dataclass(frozen=True)
    class Shown:
        value: object

    assert _unstable_values({"a": (Shown({1, 2}), Shown("x"), object())}) == [
        "context['a'][0].value: set",
        "context['a'][2]: object",
    ]


def test_the_data_hash_is_the_same_in_another_process():
    """The hash of the in-memory sample meetings, here and in a process with another string
    hash seed (which reorders sets and dicts keyed by hash, were any in the context)."""
    from apps.reports.services import hash_of_context
    from apps.reports.templating import sample_data

    script = (
        "import django; django.setup()\n"
        "from apps.reports.context import context_from_data\n"
        "from apps.reports.services import hash_of_context\n"
        "from apps.reports.templating import sample_data\n"
        "from django.utils import translation\n"
        "for lang in ('en', 'zh'):\n"
        "    with translation.override(lang):\n"
        "        for data in sample_data(lang):\n"
        "            print(hash_of_context(context_from_data(data, lang=lang)))\n"
    )
    here = []
    for lang in ("en", "zh"):
        with translation.override(lang):
            here += [hash_of_context(context_from_data(d, lang=lang)) for d in sample_data(lang)]
    env = {**os.environ, "PYTHONHASHSEED": "12345", "DJANGO_SETTINGS_MODULE": "bwcmeet.settings"}
    env.setdefault("SECRET_KEY", "a key for this check only")
    there = subprocess.run(  # noqa: S603 -- this interpreter, a fixed script
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout.split()

    assert len(set(here)) == len(here) > 1
    assert there == here
