"""What a report template knows of a meeting: the report context, read in a fixed number of
queries whatever the meeting's size.

`load_meeting_data` reads the rows (thirteen queries at most, counted below); `report_context`
turns them into plain frozen dataclasses in one language: names as the meeting's documents
print them, dates as the language writes them, agenda items with who spoke and which working
papers they introduced, the participation by rule-44 category, the symbols the report cites
and Annex II.
The checks (`checks.py`) read the same rows. Nothing here writes, and nothing reads a clock:
the same data always gives the same context (the drafts' `data_hash` relies on it).

Wording stays in the templates. The context gives facts and a few forms the templates cannot
make themselves without being unreadable: a list joined as the language joins lists, a date
as the language writes it, a count in words ("twelve", "十二").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import OuterRef, Subquery

from apps.agendas.enums import InterventionKind
from apps.agendas.models import Agenda, AgendaItem, Intervention
from apps.core.i18n import localized
from apps.delegations.enums import Rule44Category
from apps.delegations.models import Delegation, DelegationMember, StatedCount
from apps.documents.annex import HEADINGS, AnnexRow, annex_rows, annex_title
from apps.documents.enums import DocumentStatus, DocumentType, Modifier
from apps.documents.models import Document
from apps.documents.selectors import documents_of
from apps.entities.enums import EntityKind
from apps.entities.models import Entity, TreatyStatus
from apps.meetings.enums import Honorific, MeetingKind, OfficerRole
from apps.meetings.models import Meeting, Officer, Postponement, PostponementLetter

from .markup import join_lines

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
NUMBER_WORDS_EN = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
)
_ZH_DIGITS = "零一二三四五六七八九"
HONORIFICS = {
    "en": {Honorific.MR: "Mr.", Honorific.MS: "Ms."},
    "zh": {Honorific.MR: "先生", Honorific.MS: "女士"},
}
MEMBER_ROLES = {
    "en": {
        "head": "Head of delegation",
        "alternate": "Alternate",
        "adviser": "Adviser",
        "member": "Member",
    },
    "zh": {"head": "代表团团长", "alternate": "副代表", "adviser": "顾问", "member": "成员"},
}
# A venue's city for mastheads ("2021 年 9 月 8 日，日内瓦"): the last part of the English venue.
CITIES_ZH = {"Geneva": "日内瓦", "New York": "纽约", "Vienna": "维也纳", "The Hague": "海牙"}
_STORED_NUMBER = re.compile(r"^(\d+)\.\s+")


# --- forms: dates, counts, lists ---------------------------------------------------------------


def format_day(value: date, lang: str) -> str:
    """A day as the language writes it: "8 September 2021"; "2021 年 9 月 8 日"."""
    if lang == "zh":
        return f"{value.year} 年 {value.month} 月 {value.day} 日"
    return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"


def format_span(start: date, end: date, lang: str, *, compact: bool = False) -> str:
    """A run of days as the language writes it, naming the month and year once where shared:
    "30 to 31 August 2021" (compact, for mastheads: "30–31 August 2021"); "2021 年 8 月 30 日至
    31 日", "2021 年 11 月 30 日至 12 月 2 日"."""
    if start == end:
        return format_day(start, lang)
    if lang == "zh":
        if start.year != end.year:
            tail = format_day(end, lang)
        elif start.month != end.month:
            tail = f"{end.month} 月 {end.day} 日"
        else:
            tail = f"{end.day} 日"
        return join_lines(f"{format_day(start, lang)}至", tail, lang)
    joiner = "\N{EN DASH}" if compact else " to "
    if start.year != end.year:
        head = format_day(start, lang)
    elif start.month != end.month:
        head = f"{start.day} {MONTHS_EN[start.month - 1]}"
    else:
        head = str(start.day)
    return f"{head}{joiner}{format_day(end, lang)}"


def number_in_words(count: int, lang: str) -> str:
    """How a report writes a small count: "one" ... "ten" then digits; "一" ... "九十九" (with
    "两" for two, as before a classifier: "两个国家") then digits."""
    if lang == "zh":
        if count == 2:
            return "两"
        if 0 < count < 10:
            return _ZH_DIGITS[count]
        if 10 <= count < 100:
            tens, units = divmod(count, 10)
            head = "十" if tens == 1 else f"{_ZH_DIGITS[tens]}十"
            return head + (_ZH_DIGITS[units] if units else "")
        return str(count)
    return NUMBER_WORDS_EN[count] if 0 <= count <= 10 else str(count)


def and_list(items: Iterable[Any], lang: str) -> str:
    """A list with "and": "A, B and C"; "A、B 和 C" (spaced only where Chinese meets Latin)."""
    names = [str(item) for item in items]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if lang == "zh":
        head = "、".join(names[:-1])
        return join_lines(join_lines(head, "和", lang), names[-1], lang)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def plain_list(items: Iterable[Any], lang: str, *, separator: str | None = None) -> str:
    """A list without a conjunction, as para. 8 lists States Parties: "A, B, C"; "A、B、C"."""
    if separator is None:
        separator = "、" if lang == "zh" else ", "
    return separator.join(str(item) for item in items)


# --- the context's parts --------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    value: date
    lang: str

    def __str__(self) -> str:
        return format_day(self.value, self.lang)

    @property
    def en(self) -> str:
        """The English form, which UN mastheads print in every language ("14 October 2021")."""
        return format_day(self.value, "en")

    @property
    def month_year(self) -> str:
        """The month: "November 2021"; "2021 年 11 月"."""
        if self.lang == "zh":
            return f"{self.value.year} 年 {self.value.month} 月"
        return f"{MONTHS_EN[self.value.month - 1]} {self.value.year}"

    @property
    def year(self) -> int:
        return self.value.year


@dataclass(frozen=True)
class Span:
    start: Day
    end: Day

    def __str__(self) -> str:
        return format_span(self.start.value, self.end.value, self.start.lang)

    @property
    def single(self) -> bool:
        return self.start.value == self.end.value

    @property
    def compact(self) -> str:
        return format_span(self.start.value, self.end.value, self.start.lang, compact=True)


@dataclass(frozen=True)
class Member:
    name: str  # with the honorific: "Ms. Jane Doe"
    role: str  # "Head of delegation"
    title: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Party:
    """A State, an organization, a group or a guest, named as this meeting's documents name it.

    `name` is the list form (the delegation's listed name wins: "捷克共和国", "Czech Republic");
    `in_text` the form English sentences use ("the Russian Federation", "the European Union").
    """

    code: str
    kind: str
    name: str
    in_text: str
    abbreviation: str
    category: str = ""  # the rule-44 category of its delegation; "" when it has none
    members: tuple[Member, ...] = ()

    def __str__(self) -> str:
        return self.name

    @property
    def in_text_with_abbreviation(self) -> str:
        """The running-text name with the abbreviation: "the European Union (EU)"."""
        return self._abbreviated(self.in_text)

    @property
    def with_abbreviation(self) -> str:
        """With the abbreviation: "Organization of American States (OAS)"; "美洲国家组织(美洲组织)".

        A State's abbreviation is never printed."""
        return self._abbreviated(self.name)

    def _abbreviated(self, name: str) -> str:
        if not self.abbreviation or self.abbreviation in name or self.kind == EntityKind.STATE:
            return name
        return (
            f"{name}({self.abbreviation})" if _is_chinese(name) else f"{name} ({self.abbreviation})"
        )


@dataclass(frozen=True)
class Person:
    role: str
    name: str
    honorific: str  # "Ms." / "女士"; "" when none is recorded
    title: str  # the post, as the report gives it
    state: Party | None  # the delegation a Chair or Vice-Chair belongs to
    lang: str

    def __str__(self) -> str:
        if not self.honorific:
            return self.name
        if self.lang == "zh":
            return join_lines(self.name, self.honorific, "zh")
        return f"{self.honorific} {self.name}"

    @property
    def with_title(self) -> str:
        """With the post, ready for a verb: "Mr. Daniel Feakes, Chief, Implementation Support
        Unit," ("... served as"); "日内瓦裁军事务厅执行支助股股长丹尼尔·费克斯先生"."""
        if not self.title:
            return str(self)
        if self.lang == "zh":
            return join_lines(self.title, str(self), "zh")
        return f"{self}, {self.title},"


@dataclass(frozen=True)
class Letter:
    day: Day
    author: str


@dataclass(frozen=True)
class Organization:
    """Section II: dates, postponement, Chair, agenda, rules of procedure, secretariat."""

    scheduled: Span
    held: Span | None
    venue: str
    city: str
    postponed: bool
    postponed_several_times: bool
    postponement_authority: str  # a PostponementAuthority value; "" when not postponed
    postponement_reason: str  # "the COVID-19 pandemic", "2019 冠状病毒病(COVID-19)大流行"
    letters: tuple[Letter, ...]
    letters_author: str  # the author all letters share; "" when they differ
    letter_days: str  # "28 July 2020, 23 November 2020 and 9 February 2021"
    chair: Person | None
    vice_chairs: tuple[Person, ...]
    secretary: Person | None
    deputy_secretaries: tuple[Person, ...]
    staff: tuple[Person, ...]
    agenda_symbol: str
    agenda_adopted_on: Day | None
    agenda_proposed_by_chair: bool
    rules_of_procedure: str
    rules_mutatis_mutandis: bool


@dataclass(frozen=True)
class Category:
    """One rule-44 category of participants: who was listed, and the count the report gives."""

    code: str
    members: tuple[Party, ...]
    count: int  # the members listed; where none are, the count the sources state (NGOs)
    stated: int | None  # the count the sources state, if any
    number: str  # the count as the report writes it: "twelve", "十二", "11", "96"
    lang: str

    def __bool__(self) -> bool:
        return self.count > 0

    @property
    def one(self) -> bool:
        return self.count == 1

    @property
    def names(self) -> str:
        """The members joined with "and" / "和"."""
        return and_list(self.members, self.lang)

    @property
    def names_with_abbreviations(self) -> str:
        return and_list((member.with_abbreviation for member in self.members), self.lang)

    @property
    def in_text_with_abbreviations(self) -> str:
        """The members as running text names them: "the European Union (EU), the ..."."""
        return and_list((m.in_text_with_abbreviation for m in self.members), self.lang)

    def counted(self, classifier: str) -> str:
        """The count with a Chinese classifier: "十二个", "11 个", "一名"."""
        return join_lines(self.number, classifier, self.lang)


@dataclass(frozen=True)
class Participation:
    """Section III, one attribute per rule-44 category (`Rule44Category` values)."""

    state_party: Category
    signatory: Category
    observer_state: Category
    un_entity: Category
    international_organization: Category
    ngo: Category
    guest: Category
    list_symbol: str  # the list of participants the report cites (INF.1, or its revision)

    @property
    def states_parties(self) -> str:
        """The States Parties as para. 8 lists them: "A, B, C"; "A、B、C"."""
        return plain_list(self.state_party.members, self.state_party.lang)

    @property
    def delegations(self) -> tuple[Party, ...]:
        """Every delegation, category by category in the report's order."""
        return tuple(
            member
            for category in (
                self.state_party,
                self.signatory,
                self.observer_state,
                self.un_entity,
                self.international_organization,
                self.guest,
                self.ngo,
            )
            for member in category.members
        )


@dataclass(frozen=True)
class Speaker:
    party: Party
    on_behalf_of: Party | None
    note: str  # "简要介绍了最新情况", "Update on the BWC Sponsorship Programme"
    note_names_speaker: bool  # the note is a whole clause that names the speaker itself
    lang: str

    def __str__(self) -> str:
        return self.party.name

    @property
    def in_text(self) -> str:
        return self.party.in_text

    @property
    def with_group(self) -> str:
        """The speaker and the group it spoke for, as a list of speakers gives it:
        "Azerbaijan, on behalf of the Group of ..."; "阿塞拜疆(代表不结盟运动和……集团)"."""
        if self.on_behalf_of is None:
            return self.party.name
        if self.lang == "zh":
            return f"{self.party.name}(代表{self.on_behalf_of.name})"
        return f"{self.party.name}, on behalf of {self.on_behalf_of.in_text}"


@dataclass(frozen=True)
class Paper:
    """A working paper introduced, with its corrigenda and addenda ("WP.5 和 Corr.1")."""

    symbol: str
    title: str
    amendments: tuple[str, ...]  # short forms: "Corr.1"
    cited: str  # "BWC/MSP/2020/MX.5/WP.5 和 Corr.1"

    def __str__(self) -> str:
        return self.cited


@dataclass(frozen=True)
class Introduction:
    """One delegation's working papers under an item (MX.5 para. 16: "俄罗斯联邦(WP.2、WP.3
    以及 WP.5 和 Corr.1)")."""

    party: Party
    papers: tuple[Paper, ...]
    cited: str  # the papers joined: "S1、S2 以及 S3 和 Corr.1"; "S1, S2 and S3 and Corr.1"
    lang: str

    def __str__(self) -> str:
        return self.party.name

    @property
    def with_papers(self) -> str:
        """ "俄罗斯联邦(S2、S3 以及 S5 和 Corr.1)"; "the Russian Federation (S2, S3, and S5 and
        Corr.1)"."""
        if self.lang == "zh":
            return f"{self.party.name}({self.cited})"
        return f"{self.party.in_text} ({self.cited})"

    @property
    def in_text(self) -> str:
        return self.party.in_text

    @property
    def one_paper(self) -> bool:
        return len(self.papers) == 1


@dataclass(frozen=True)
class Run:
    """Consecutive interventions of one kind under an item, in the report's order."""

    kind: str  # an InterventionKind value
    speakers: tuple[Speaker, ...]
    introductions: tuple[Introduction, ...] = ()  # working papers only, grouped by introducer

    @property
    def any_note(self) -> bool:
        return any(speaker.note for speaker in self.speakers)


@dataclass(frozen=True)
class Item:
    number: int
    title: str
    subtopics: tuple[str, ...]
    before: tuple[Run, ...]  # what came before the interactive discussion
    discussion: tuple[Speaker, ...]
    after: tuple[Run, ...]  # what came after it
    papers: tuple[Paper, ...]  # every working paper introduced under the item

    @property
    def has_work(self) -> bool:
        return bool(self.before or self.discussion or self.after)


@dataclass(frozen=True)
class StoredBlock:
    """A paragraph of stored text (mandate, Chair's summary), see `stored_blocks`."""

    kind: str  # "numbered", "text", "heading" or "table"
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    stored_number: int | None = None


@dataclass(frozen=True)
class Documents:
    agenda: str  # the provisional agenda, /1
    agenda_issued: Day | None  # its issue date, when the registry has it
    crp: str  # the draft report: the first CRP not withdrawn
    final: str  # the report as issued, /2
    participants_list: str
    provisional_participants_list: str  # MISC.1
    url: str  # the meeting's documents page on meetings.unoda.org
    annex: tuple[AnnexRow, ...]
    annex_title: str
    annex_headings: tuple[str, str]


@dataclass(frozen=True)
class MeetingInfo:
    series: str
    title: str
    kind: str
    year: int | None
    number: int | None
    dates: Span  # as held, else as scheduled
    venue: str
    city: str
    first_day: Day
    closing_day: Day  # the day the report is adopted
    masthead_date: Day  # the draft's date: the CRP's issue date, else the closing day
    parent_title: str
    parent_year: int | None
    parent_dates: Span | None
    parent_city: str
    report_item: Item | None  # the item under which the meeting adopts its report


# --- reading the rows -----------------------------------------------------------------------

STAMPS = ("created_at", "updated_at")
# What a report prints of a delegation's members, read as plain rows: a Review Conference has
# thousands, and making a model instance of each was the largest cost of reading the meeting.
MEMBER_COLUMNS = ("delegation_id", "honorific", "given_name", "family_name", "role", "title")


def _stamps(*relations: str) -> list[str]:
    """The timestamps of the rows read and of those joined through `relations` ("": the row)."""
    return [
        f"{relation}__{name}" if relation else name for relation in relations for name in STAMPS
    ]


@dataclass
class MeetingData:
    """The rows a report reads, loaded once (see `load_meeting_data`)."""

    meeting: Meeting
    agenda: Agenda | None
    items: list[AgendaItem]
    postponements: list[Postponement]
    letters: dict[int, list[PostponementLetter]]  # by postponement pk
    officers: list[Officer]
    delegations: list[Delegation]  # the report's order: category, then position
    # by delegation pk: the members' MEMBER_COLUMNS (rows, or DelegationMember instances)
    members: dict[int, list[Any]]
    stated_counts: dict[str, StatedCount]  # by category
    interventions: list[Intervention]  # item number, then position
    papers: dict[int, list[int]]  # intervention pk -> pks of the documents it introduced
    documents: list[Document]  # every document of the meeting, Annex II order
    annex: list[AnnexRow]
    # entity pk -> its treaty status on the first day (None: no record in the registry)
    treaty_status: dict[int, str | None] = field(default_factory=dict)


def load_meeting_data(*, meeting: Meeting, lang: str) -> MeetingData:
    """Read what a report needs of `meeting`: thirteen queries at most, whatever its size.

    meeting (parent and agenda joined) 1, agenda items 1, postponements 1, their letters 1,
    officers (entity joined) 1, delegations (entity joined, treaty status annotated) 1, their
    members 1, stated counts 1, interventions 1, the speakers and groups that are no delegation
    of the meeting 1 (none if there are none), which documents each intervention introduced 1,
    documents in Annex II order 1 and their submitters 1.

    No report prints when a row was created or last changed, and reading those timestamps was
    a third of the reading: the many rows (members, delegations, interventions, documents, the
    entities they join) leave them out.
    """
    meeting = Meeting.objects.select_related("parent", "agenda").get(pk=meeting.pk)
    # Joined above; a meeting without an agenda raises an AttributeError subclass here.
    agenda: Agenda | None = getattr(meeting, "agenda", None)
    items = list(
        AgendaItem.objects.filter(agenda__meeting=meeting).defer(*STAMPS).order_by("number")
    )
    postponements = list(Postponement.objects.filter(meeting=meeting).order_by("position"))
    letters: dict[int, list[PostponementLetter]] = defaultdict(list)
    for letter in PostponementLetter.objects.filter(postponement__meeting=meeting).order_by(
        "postponement__position", "dated"
    ):
        letters[letter.postponement_id].append(letter)
    officers = list(
        Officer.objects.filter(meeting=meeting).select_related("entity").order_by("position")
    )
    on = meeting.start_date or meeting.scheduled_start
    status_then = (
        TreatyStatus.objects.filter(entity=OuterRef("entity_id"), effective_from__lte=on)
        .order_by("-effective_from")
        .values("status")[:1]
    )
    delegations = list(
        Delegation.objects.filter(meeting=meeting)
        .select_related("entity")
        .defer(*_stamps("", "entity"))
        .annotate(treaty_status=Subquery(status_then))  # None: the registry has no record
        .order_by("category", "position", "entity__name_en")
    )
    members: dict[int, list[Any]] = defaultdict(list)
    for member in (
        DelegationMember.objects.filter(delegation__meeting=meeting)
        .order_by("delegation_id", "position", "family_name")
        .values_list(*MEMBER_COLUMNS, named=True)
    ):
        members[member.delegation_id].append(member)
    stated = {count.category: count for count in StatedCount.objects.filter(meeting=meeting)}
    interventions = list(
        Intervention.objects.filter(agenda_item__agenda__meeting=meeting)
        .defer(*STAMPS)
        .order_by("agenda_item__number", "position")
    )
    _attach_speakers(
        interventions, {delegation.entity_id: delegation.entity for delegation in delegations}
    )
    papers: dict[int, list[int]] = defaultdict(list)
    links = Document.interventions.through.objects.filter(
        intervention__agenda_item__agenda__meeting=meeting
    ).values_list("intervention_id", "document_id")
    for intervention_id, document_id in links:
        papers[intervention_id].append(document_id)
    # One query and the submitters' prefetch; a report needs none of the rows a list joins.
    documents = list(documents_of(meeting).select_related(None).defer(*STAMPS))
    annex = annex_rows(
        (document for document in documents if document.status != DocumentStatus.WITHDRAWN),
        lang,
    )
    return MeetingData(
        meeting=meeting,
        agenda=agenda,
        items=items,
        postponements=postponements,
        letters=dict(letters),
        officers=officers,
        delegations=_in_category_order(delegations),
        members=dict(members),
        stated_counts=stated,
        interventions=interventions,
        papers=dict(papers),
        documents=documents,
        annex=annex,
        treaty_status={d.entity_id: d.treaty_status for d in delegations},
    )


def _attach_speakers(interventions: list[Intervention], entities: dict[int, Entity]) -> None:
    """Give each intervention its speaker and the group it spoke for: the entities of the
    delegations already read, and in one more query those that are no delegation of the meeting
    (the groups, and speakers the checks flag). Hundreds of interventions name a few dozen
    entities: joining them made an instance per intervention."""
    wanted = {i.speaker_id for i in interventions} | {
        i.on_behalf_of_id for i in interventions if i.on_behalf_of_id is not None
    }
    missing = wanted - entities.keys()
    if missing:
        entities = {**entities, **Entity.objects.defer(*STAMPS).in_bulk(missing)}
    for intervention in interventions:
        intervention.speaker = entities[intervention.speaker_id]
        if intervention.on_behalf_of_id is not None:
            intervention.on_behalf_of = entities[intervention.on_behalf_of_id]


def _in_category_order(delegations: list[Delegation]) -> list[Delegation]:
    rank = {category: index for index, category in enumerate(Rule44Category.values)}
    return sorted(
        delegations, key=lambda d: (rank.get(d.category, len(rank)), d.position, d.entity.name_en)
    )


# --- building the context ------------------------------------------------------------------


def report_context(*, meeting: Meeting, lang: str) -> dict[str, Any]:
    """Everything a report template may print about `meeting`, in `lang` (see the module
    docstring); thirteen queries at most, whatever the meeting's size."""
    return context_from_data(load_meeting_data(meeting=meeting, lang=lang), lang=lang)


build_context = report_context  # the name the drafting services call it by


def context_from_data(data: MeetingData, *, lang: str) -> dict[str, Any]:
    """The context of `report_context`, from rows already read (no query: also what the
    template checks use on rows built in memory)."""
    builder = _Builder(data, lang)
    items = builder.items()
    return {
        "lang": lang,
        "meeting": builder.meeting_info(items),
        "mandate": stored_blocks(localized(data.meeting, "mandate", lang, fallback=""), lang),
        "organization": builder.organization(),
        "participation": builder.participation(),
        "items": items,
        "work_items": tuple(item for item in items if item.has_work),
        "documents": builder.documents(),
        "chair_summary": stored_blocks(
            localized(data.meeting, "chair_summary", lang, fallback=""), lang, unnumbered="heading"
        ),
    }


def stored_blocks(text: str, lang: str, *, unnumbered: str = "text") -> tuple[StoredBlock, ...]:
    """Stored text (`Meeting.mandate_<lang>`, `chair_summary_<lang>`) as blocks.

    Paragraphs are separated by blank lines. One that starts with "1. " is a numbered paragraph
    of the report (the parser renumbers it in place; `stored_number` keeps what was typed); one
    whose lines all hold tabs is a table (the rotation table of para. 2(d)); any other is
    `unnumbered`: "text" (the mandate's "(a)" sub-items) or "heading" (the Chair's summary,
    whose unnumbered lines are its title and its agenda-item headings).
    """
    blocks: list[StoredBlock] = []
    for chunk in re.split(r"\n[ \t]*\n", text.strip("\n")):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all("\t" in line for line in lines):
            rows = tuple(tuple(cell.strip() for cell in line.split("\t")) for line in lines)
            blocks.append(StoredBlock(kind="table", rows=rows))
            continue
        joined = ""
        for line in lines:
            joined = join_lines(joined, line.strip(), lang)
        match = _STORED_NUMBER.match(joined)
        if match:
            blocks.append(
                StoredBlock(
                    kind="numbered", text=joined[match.end() :], stored_number=int(match.group(1))
                )
            )
        else:
            blocks.append(StoredBlock(kind=unnumbered, text=joined))
    return tuple(blocks)


def _is_chinese(text: str) -> bool:
    return any("\u3400" <= char <= "\u9fff" for char in text)


class _Builder:
    def __init__(self, data: MeetingData, lang: str) -> None:
        self.data = data
        self.lang = lang
        self.meeting = data.meeting
        self.delegation_of: dict[int, Delegation] = {d.entity_id: d for d in data.delegations}
        self.document_by_pk: dict[int, Document] = {d.pk: d for d in data.documents}
        self.annex_rank: dict[int, int] = {d.pk: i for i, d in enumerate(data.documents)}

    # names

    def party(self, entity: Entity, *, members: Sequence[DelegationMember] = ()) -> Party:
        delegation = self.delegation_of.get(entity.pk)
        if delegation is not None:
            name = delegation.name_in(self.lang)
        else:
            name = localized(entity, "name", self.lang)
        return Party(
            code=entity.code,
            kind=entity.kind,
            name=name,
            in_text=self._in_text(entity, delegation, name),
            abbreviation=localized(entity, "abbreviation", self.lang, fallback="")
            if self.lang in ("en", "zh")
            else "",
            category=delegation.category if delegation is not None else "",
            members=tuple(self.member(member) for member in members),
        )

    def _in_text(self, entity: Entity, delegation: Delegation | None, name: str) -> str:
        """The English running-text name: `Entity.name_en_in_text`, else the list name with
        "the" for organizations and groups ("the European Union")."""
        if self.lang != "en":
            return name
        listed = delegation.listed_name_en if delegation is not None else ""
        in_text = entity.name_en_in_text
        if in_text:
            # A listed name ("Czech Republic") takes the article the registry's form takes.
            if listed and listed != entity.name_en:
                takes_the = in_text.lower().startswith("the ")
                return f"the {listed}" if takes_the and not listed.startswith("the ") else listed
            return in_text
        if entity.kind in (
            EntityKind.UN_ENTITY,
            EntityKind.INTERNATIONAL_ORGANIZATION,
            EntityKind.GROUP,
        ) and not name.lower().startswith("the "):
            return f"the {name}"
        return name

    def member(self, member: DelegationMember) -> Member:
        name = f"{member.given_name} {member.family_name}".strip()
        honorific = HONORIFICS.get(self.lang, HONORIFICS["en"]).get(member.honorific, "")
        if honorific:
            name = join_lines(name, honorific, "zh") if self.lang == "zh" else f"{honorific} {name}"
        roles = MEMBER_ROLES.get(self.lang, MEMBER_ROLES["en"])
        return Member(name=name, role=roles.get(member.role, member.role), title=member.title)

    def person(self, officer: Officer) -> Person:
        return Person(
            role=officer.role,
            name=localized(officer, "name", self.lang),
            honorific=HONORIFICS.get(self.lang, HONORIFICS["en"]).get(officer.honorific, ""),
            title=localized(officer, "title", self.lang, fallback=""),
            state=self.party(officer.entity) if officer.entity_id else None,
            lang=self.lang,
        )

    def day(self, value: date | None) -> Day | None:
        return Day(value, self.lang) if value else None

    def span(self, start: date | None, end: date | None) -> Span | None:
        if start is None:
            return None
        return Span(Day(start, self.lang), Day(end or start, self.lang))

    # sections

    def meeting_info(self, items: tuple[Item, ...]) -> MeetingInfo:
        meeting, parent = self.meeting, self.meeting.parent
        dates = self.span(meeting.start_date, meeting.end_date) or self.span(
            meeting.scheduled_start, meeting.scheduled_end
        )
        closing = meeting.report_adopted_on or dates.end.value
        crp = self._crp()
        parent_dates = None
        if parent is not None:
            parent_dates = self.span(parent.start_date, parent.end_date) or self.span(
                parent.scheduled_start, parent.scheduled_end
            )
        return MeetingInfo(
            series=meeting.series,
            title=localized(meeting, "title", self.lang),
            kind=meeting.kind,
            year=meeting.year,
            number=meeting.number,
            dates=dates,
            venue=self._venue(meeting),
            city=self._city(meeting),
            first_day=dates.start,
            closing_day=Day(closing, self.lang),
            masthead_date=Day((crp.issue_date if crp else None) or closing, self.lang),
            parent_title=localized(parent, "title", self.lang) if parent else "",
            parent_year=parent.year if parent else None,
            parent_dates=parent_dates,
            parent_city=self._city(parent) if parent else "",
            report_item=self._report_item(items),
        )

    def _venue(self, meeting: Meeting) -> str:
        return localized(meeting, "venue", self.lang) if self.lang in ("en", "zh") else ""

    def _city(self, meeting: Meeting) -> str:
        city = meeting.venue_en.rsplit(",", 1)[-1].strip()
        return CITIES_ZH.get(city, meeting.venue_zh or city) if self.lang == "zh" else city

    def _report_item(self, items: tuple[Item, ...]) -> Item | None:
        final = self._main(2)
        number = final.agenda_item.number if final and final.agenda_item_id else None
        by_number = {item.number: item for item in items}
        if number in by_number:
            return by_number[number]
        return items[-1] if items else None

    def organization(self) -> Organization:
        meeting, data = self.meeting, self.data
        letters = sorted(
            (letter for p in data.postponements for letter in data.letters.get(p.pk, [])),
            key=lambda letter: letter.dated,
        )
        authors = {localized(letter, "author", self.lang) for letter in letters}
        last = data.postponements[-1] if data.postponements else None
        by_role: dict[str, list[Person]] = defaultdict(list)
        for officer in data.officers:
            by_role[officer.role].append(self.person(officer))
        agenda = data.agenda
        return Organization(
            scheduled=self.span(meeting.scheduled_start, meeting.scheduled_end),
            held=self.span(meeting.start_date, meeting.end_date),
            venue=self._venue(meeting),
            city=self._city(meeting),
            postponed=bool(data.postponements),
            postponed_several_times=len(data.postponements) > 1 or len(letters) > 1,
            postponement_authority=last.authority if last else "",
            postponement_reason=self._reason(last),
            letters=tuple(
                Letter(Day(letter.dated, self.lang), localized(letter, "author", self.lang))
                for letter in letters
            ),
            letters_author=authors.pop() if len(authors) == 1 else "",
            letter_days=and_list((Day(letter.dated, self.lang) for letter in letters), self.lang),
            chair=next(iter(by_role[OfficerRole.CHAIR]), None),
            vice_chairs=tuple(by_role[OfficerRole.VICE_CHAIR]),
            secretary=next(iter(by_role[OfficerRole.SECRETARY]), None),
            deputy_secretaries=tuple(by_role[OfficerRole.DEPUTY_SECRETARY]),
            staff=tuple(by_role[OfficerRole.SECRETARIAT_STAFF]),
            agenda_symbol=self._agenda_symbol(),
            agenda_adopted_on=self.day(agenda.adopted_on) if agenda else None,
            agenda_proposed_by_chair=agenda.proposed_by_chair if agenda else True,
            rules_of_procedure=meeting.rules_of_procedure,
            rules_mutatis_mutandis=meeting.rules_applied_mutatis_mutandis,
        )

    def _reason(self, postponement: Postponement | None) -> str:
        """The reason as a phrase: "The COVID-19 pandemic." reads "the COVID-19 pandemic"."""
        if postponement is None:
            return ""
        reason = localized(postponement, "reason", self.lang, fallback="").strip()
        reason = reason.rstrip("。.")
        if self.lang == "en" and reason.startswith("The "):
            reason = "the " + reason[4:]
        return reason

    def participation(self) -> Participation:
        by_category: dict[str, list[Party]] = defaultdict(list)
        for delegation in self.data.delegations:
            members = self.data.members.get(delegation.pk, [])
            by_category[delegation.category].append(self.party(delegation.entity, members=members))
        categories = {
            code: self.category(code, tuple(by_category.get(code, ())))
            for code in Rule44Category.values
        }
        return Participation(**categories, list_symbol=self._participants_list())

    def category(self, code: str, members: tuple[Party, ...]) -> Category:
        stated = self.data.stated_counts.get(code)
        count = len(members) or (stated.count if stated else 0)
        wording = ""
        if stated is not None and stated.count == count:
            wording = localized(stated, "wording", self.lang, fallback="")
            if self.lang == "zh":
                wording = wording.rstrip("个名 ")
        return Category(
            code=code,
            members=members,
            count=count,
            stated=stated.count if stated else None,
            number=wording or number_in_words(count, self.lang),
            lang=self.lang,
        )

    def items(self) -> tuple[Item, ...]:
        by_item: dict[int, list[Intervention]] = defaultdict(list)
        for intervention in self.data.interventions:
            by_item[intervention.agenda_item_id].append(intervention)
        return tuple(self.item(item, by_item.get(item.pk, [])) for item in self.data.items)

    def item(self, item: AgendaItem, interventions: list[Intervention]) -> Item:
        runs: list[Run] = []
        group: list[Intervention] = []
        for intervention in interventions:
            if group and group[-1].kind != intervention.kind:
                runs.append(self.run(group))
                group = []
            group.append(intervention)
        if group:
            runs.append(self.run(group))
        first = next((i for i, run in enumerate(runs) if run.kind == "discussion"), None)
        if first is None:
            before, discussion, after = runs, (), []
        else:
            before = runs[:first]
            later = runs[first:]
            discussion = tuple(s for run in later if run.kind == "discussion" for s in run.speakers)
            after = [run for run in later if run.kind != "discussion"]
        papers = tuple(
            paper
            for run in runs
            for introduction in run.introductions
            for paper in introduction.papers
        )
        subtopics = localized(item, "subtopics", self.lang, fallback="")
        return Item(
            number=item.number,
            title=localized(item, "title", self.lang),
            subtopics=tuple(line.strip() for line in subtopics.splitlines() if line.strip()),
            before=tuple(before),
            discussion=discussion,
            after=tuple(after),
            papers=papers,
        )

    def run(self, interventions: list[Intervention]) -> Run:
        kind = interventions[0].kind
        speakers = tuple(self.speaker(intervention) for intervention in interventions)
        introductions: tuple[Introduction, ...] = ()
        if kind == InterventionKind.WORKING_PAPER:
            introductions = self.introductions(interventions)
        return Run(kind=kind, speakers=speakers, introductions=introductions)

    def speaker(self, intervention: Intervention) -> Speaker:
        party = self.party(intervention.speaker)
        note = getattr(intervention, f"note_{self.lang}", "") or ""
        return Speaker(
            party=party,
            on_behalf_of=self.party(intervention.on_behalf_of)
            if intervention.on_behalf_of_id
            else None,
            note=note,
            note_names_speaker=bool(note) and party.name in note,
            lang=self.lang,
        )

    def introductions(self, interventions: list[Intervention]) -> tuple[Introduction, ...]:
        """The papers of a run of introductions, grouped by who introduced them (in order of
        their first intervention), each paper with its corrigenda and addenda."""
        by_speaker: dict[int, list[Document]] = {}
        speakers: dict[int, Entity] = {}
        for intervention in interventions:
            documents = by_speaker.setdefault(intervention.speaker_id, [])
            speakers[intervention.speaker_id] = intervention.speaker
            for pk in self.data.papers.get(intervention.pk, []):
                document = self.document_by_pk.get(pk)
                if document is not None and document not in documents:
                    documents.append(document)
        introductions = []
        for speaker_id, documents in by_speaker.items():
            documents.sort(key=lambda d: self.annex_rank.get(d.pk, 0))
            introduced = {d.pk for d in documents}
            papers = tuple(
                self.paper(document, documents)
                for document in documents
                if document.parent_id is None or document.parent_id not in introduced
            )
            cited = self._join_papers([paper.cited for paper in papers])
            introductions.append(
                Introduction(
                    party=self.party(speakers[speaker_id]),
                    papers=papers,
                    cited=cited,
                    lang=self.lang,
                )
            )
        return tuple(introductions)

    def paper(self, document: Document, introduced: list[Document]) -> Paper:
        amendments = tuple(
            d.symbol.removeprefix(f"{document.symbol}/")
            for d in introduced
            if d.parent_id == document.pk
        )
        cited = document.symbol
        if amendments:
            joiner, separator = ("和", "、") if self.lang == "zh" else ("and", ", ")
            cited = join_lines(cited, joiner, self.lang)
            cited = join_lines(cited, separator.join(amendments), self.lang)
        return Paper(
            symbol=document.symbol,
            title=localized(document, "title", self.lang),
            amendments=amendments,
            cited=cited,
        )

    def _join_papers(self, cited: list[str]) -> str:
        """ "S1、S2 以及 S3 和 Corr.1" (MX.5 para. 16); "S1, S2, and S3 and Corr.1"."""
        if len(cited) <= 1:
            return "".join(cited)
        if self.lang == "zh":
            return join_lines(join_lines("、".join(cited[:-1]), "以及", "zh"), cited[-1], "zh")
        last = cited[-1]
        joiner = ", and " if " and " in last else " and "
        return f"{', '.join(cited[:-1])}{joiner}{last}"

    def documents(self) -> Documents:
        rows = tuple(self.data.annex)
        headings = HEADINGS.get(self.lang, HEADINGS["en"])
        return Documents(
            agenda=self._agenda_symbol(),
            agenda_issued=self.day(agenda.issue_date) if (agenda := self._main(1)) else None,
            crp=self._crp().symbol if self._crp() else f"{self.meeting.series}/CRP.1",
            final=self._main(2).symbol if self._main(2) else f"{self.meeting.series}/2",
            participants_list=self._participants_list(),
            provisional_participants_list=self._misc_list(),
            url=self._url(),
            annex=rows,
            annex_title=annex_title(self.meeting, self.lang),
            annex_headings=(headings[0], headings[1]),
        )

    # symbols from the registry

    def _of_type(self, doc_type: str, number: int, modifier: str = "") -> Document | None:
        return next(
            (
                d
                for d in self.data.documents
                if d.doc_type == doc_type and d.number == number and d.modifier == modifier
            ),
            None,
        )

    def _main(self, number: int) -> Document | None:
        return self._of_type(DocumentType.MAIN, number)

    def _crp(self) -> Document | None:
        crps = sorted(
            (
                d
                for d in self.data.documents
                if d.doc_type == DocumentType.CONFERENCE_ROOM_PAPER
                and not d.modifier
                and d.status != DocumentStatus.WITHDRAWN
            ),
            key=lambda d: d.number,
        )
        return crps[0] if crps else None

    def _agenda_symbol(self) -> str:
        if self.data.agenda is not None and self.data.agenda.symbol:
            return self.data.agenda.symbol
        document = self._main(1)
        return document.symbol if document else f"{self.meeting.series}/1"

    def _participants_list(self) -> str:
        """The list of participants the report cites: INF.1, or the latest revision of it that
        was issued by the day the report is adopted.

        A revision issued later does not replace it: the MX.5 report (adopted 8 September 2021)
        cites BWC/MSP/2020/MX.5/INF.1 (para. 14) although its Annex II lists INF.1/Rev.1.
        A revision with no issue date recorded is not cited over the original.
        """
        original = self._of_type(DocumentType.INFORMATION, 1)
        if original is None:
            return self._misc_list() or f"{self.meeting.series}/INF.1"
        closing = self.meeting.report_adopted_on or self.meeting.end_date
        revisions = [
            d
            for d in self.data.documents
            if d.parent_id == original.pk
            and d.modifier == Modifier.REVISION
            and d.status in (DocumentStatus.ISSUED, DocumentStatus.SUPERSEDED)
            and d.issue_date is not None
            and (closing is None or d.issue_date <= closing)
        ]
        if revisions:
            return max(revisions, key=lambda d: d.modifier_number or 0).symbol
        return original.symbol

    def _misc_list(self) -> str:
        document = self._of_type(DocumentType.MISCELLANEOUS, 1)
        return document.symbol if document else ""

    def _url(self) -> str:
        """The meeting's documents page, as both seeds give it (para. 19 of MX.5, 26 of MX.1):
        https://meetings.unoda.org/section/bwc-mx-2020-mx5-documents/."""
        meeting = self.meeting
        if meeting.kind == MeetingKind.MEETING_OF_EXPERTS and meeting.year and meeting.number:
            return (
                "https://meetings.unoda.org/section/"
                f"bwc-mx-{meeting.year}-mx{meeting.number}-documents/"
            )
        return "https://meetings.unoda.org/"
