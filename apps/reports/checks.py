"""Checks a report makes on its own data before it is drafted.

A draft should list what is wrong rather than print nonsense: a working paper introduced that
the registry does not hold, a speaker who is not a delegation of the meeting, a category of
participants with no one in it, a count the sources state that the list contradicts.
`check_report_data` reads the rows once (`context.load_meeting_data`: a fixed number of
queries) and returns every problem found, most serious first. ERROR problems make the draft
wrong; WARNING problems make it doubtful or incomplete (a gap a person should look at).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from apps.agendas.enums import InterventionKind
from apps.delegations.enums import Rule44Category
from apps.documents.enums import DocumentStatus, DocumentType
from apps.entities.enums import EntityKind, TreatyStatusKind
from apps.meetings.enums import OfficerRole
from apps.meetings.models import Meeting

from .context import MeetingData, load_meeting_data, stored_blocks


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    where: str  # what to open to fix it: "agenda item 4, intervention 2", "participation"
    severity: Severity = Severity.ERROR


# The treaty status a delegation's category requires on the meeting's first day.
CATEGORY_STATUS: dict[str, str] = {
    Rule44Category.STATE_PARTY: TreatyStatusKind.STATE_PARTY,
    Rule44Category.SIGNATORY: TreatyStatusKind.SIGNATORY,
    Rule44Category.OBSERVER_STATE: TreatyStatusKind.NON_PARTY,
}
# Interventions that name a delegation of the meeting. A briefing may come from the
# secretariat (the ISU, a United Nations entity) without a delegation of its own.
_SECRETARIAT_KINDS = {EntityKind.UN_ENTITY}


def check_report_data(
    *, meeting: Meeting, lang: str | None = None, data: MeetingData | None = None
) -> list[Problem]:
    """Every problem of `meeting`'s data that would make its report wrong or doubtful, errors
    first. With `lang`, also what that language's draft lacks (names, titles, the Chair's
    summary). Reads a fixed number of queries, whatever the meeting's size.

    Only ERROR problems make a draft wrong; a strict draft should stop on those alone. `data`
    is the meeting's rows already read (in `lang`), so that a draft reads them once."""
    if data is None:
        data = load_meeting_data(meeting=meeting, lang=lang or "en")
    problems = [
        *_working_papers(data),
        *_speakers(data),
        *_participation(data),
        *_officers(data),
        *_symbols(data),
        *_order(data),
        *(_translations(data, lang) if lang and lang != "en" else ()),
        *(_stored_texts(data, lang) if lang else ()),
    ]
    return sorted(problems, key=lambda problem: problem.severity != Severity.ERROR)


def _item_label(data: MeetingData, item_id: int) -> str:
    number = next((item.number for item in data.items if item.pk == item_id), "?")
    return f"agenda item {number}"


def _working_papers(data: MeetingData) -> list[Problem]:
    problems = []
    documents = {document.pk: document for document in data.documents}
    introduced: set[int] = set()
    for intervention in data.interventions:
        if intervention.kind != InterventionKind.WORKING_PAPER:
            continue
        where = f"{_item_label(data, intervention.agenda_item_id)}, {intervention.position}"
        linked = data.papers.get(intervention.pk, [])
        in_registry = [documents[pk] for pk in linked if pk in documents]
        introduced.update(document.pk for document in in_registry)
        if not linked:
            problems.append(
                Problem(
                    code="working_paper_not_in_registry",
                    message=(
                        f"{intervention.speaker.name_en} introduced a working paper that is not "
                        "in the registry: link the intervention to its document."
                    ),
                    where=where,
                )
            )
        elif len(in_registry) < len(linked):
            problems.append(
                Problem(
                    code="working_paper_not_in_registry",
                    message=(
                        f"{intervention.speaker.name_en} introduced a working paper registered "
                        f"for another meeting, not in the registry of {data.meeting.series}."
                    ),
                    where=where,
                )
            )
        problems.extend(
            Problem(
                code="working_paper_withdrawn",
                message=f"{document.symbol} is withdrawn but recorded as introduced.",
                where=where,
            )
            for document in in_registry
            if document.status == DocumentStatus.WITHDRAWN
        )
    problems.extend(
        Problem(
            code="working_paper_not_introduced",
            message=(
                f"{document.symbol} is in the registry but no intervention introduced it: the "
                "report will not name it under any agenda item."
            ),
            where=document.symbol,
            severity=Severity.WARNING,
        )
        for document in data.documents
        if document.doc_type == DocumentType.WORKING_PAPER
        and document.status == DocumentStatus.ISSUED
        and document.pk not in introduced
    )
    return problems


def _speakers(data: MeetingData) -> list[Problem]:
    delegations = {delegation.entity_id for delegation in data.delegations}
    problems = []
    for intervention in data.interventions:
        speaker = intervention.speaker
        if intervention.speaker_id in delegations:
            continue
        if intervention.kind == InterventionKind.BRIEFING and speaker.kind in _SECRETARIAT_KINDS:
            continue
        problems.append(
            Problem(
                code="speaker_not_a_delegation",
                message=(
                    f"{speaker.name_en} spoke ({intervention.get_kind_display().lower()}) but is "
                    "not a delegation of this meeting: add the delegation, or correct the speaker."
                ),
                where=f"{_item_label(data, intervention.agenda_item_id)}, "
                f"intervention {intervention.position}",
            )
        )
    return problems


def _participation(data: MeetingData) -> list[Problem]:
    listed: dict[str, int] = {}
    for delegation in data.delegations:
        listed[delegation.category] = listed.get(delegation.category, 0) + 1
    problems = []
    for category, stated in data.stated_counts.items():
        label = Rule44Category(category).label
        count = listed.get(category, 0)
        if count == 0 and category != Rule44Category.NGO and stated.count > 0:
            # NGOs are counted only (the seeds name none); any other category is a list.
            problems.append(
                Problem(
                    code="category_without_members",
                    message=(
                        f"The sources state {stated.count} for “{label}” but no delegation is "
                        "listed in it: the report's paragraph would name no one."
                    ),
                    where="participation",
                )
            )
        elif count and count != stated.count:
            problems.append(
                Problem(
                    code="count_differs_from_list",
                    message=(
                        f"The sources state {stated.count} for “{label}”, but {count} "
                        f"{'is' if count == 1 else 'are'} listed."
                    ),
                    where="participation",
                )
            )
        elif stated.count == 0:
            problems.append(
                Problem(
                    code="category_without_members",
                    message=f"A count of 0 is stated for “{label}”: drop it, or correct it.",
                    where="participation",
                    severity=Severity.WARNING,
                )
            )
    if not listed.get(Rule44Category.STATE_PARTY):
        problems.append(
            Problem(
                code="category_without_members",
                message="No State Party is listed: the participation section would be empty.",
                where="participation",
            )
        )
    for delegation in data.delegations:
        required = CATEGORY_STATUS.get(delegation.category)
        status = data.treaty_status.get(delegation.entity_id)
        if required and status and status != required:
            problems.append(
                Problem(
                    code="category_contradicts_treaty_status",
                    message=(
                        f"{delegation.entity.name_en} is listed as "
                        f"“{Rule44Category(delegation.category).label}”, but the registry "
                        f"gives its status on the meeting's first day as "
                        f"“{TreatyStatusKind(status).label}”."
                    ),
                    where="participation",
                    severity=Severity.WARNING,
                )
            )
    return problems


def _officers(data: MeetingData) -> list[Problem]:
    roles = [officer.role for officer in data.officers]
    problems = []
    if OfficerRole.CHAIR not in roles:
        problems.append(
            Problem(
                code="no_chair",
                message="The meeting has no Chair: the report cannot say who presided.",
                where="officers",
            )
        )
    if OfficerRole.SECRETARY not in roles:
        problems.append(
            Problem(
                code="no_secretary",
                message="The meeting has no Secretary among its officers.",
                where="officers",
                severity=Severity.WARNING,
            )
        )
    return problems


def _symbols(data: MeetingData) -> list[Problem]:
    documents = data.documents
    problems = []

    def has(doc_type: str, number: int | None = None) -> bool:
        return any(
            d.doc_type == doc_type
            and (number is None or d.number == number)
            and not d.modifier
            and d.status != DocumentStatus.WITHDRAWN
            for d in documents
        )

    # Each: the documents any of which the report can cite, and what it misses without them.
    expected = [
        ([(DocumentType.CONFERENCE_ROOM_PAPER, None)], "no_crp", "a draft report (CRP)"),
        ([(DocumentType.MAIN, 2)], "no_final_symbol", "the report's own symbol (/2)"),
        (
            # The final list; before it is issued the report cites the provisional one.
            [(DocumentType.INFORMATION, 1), (DocumentType.MISCELLANEOUS, 1)],
            "no_participants_list",
            "a list of participants (INF.1, or the provisional MISC.1)",
        ),
    ]
    for citable, code, what in expected:
        if not any(has(doc_type, number) for doc_type, number in citable):
            problems.append(
                Problem(
                    code=code,
                    message=(
                        f"The registry does not hold {what}: the report cites the symbol it "
                        "would take. Register or reserve it."
                    ),
                    where="documents",
                    severity=Severity.WARNING,
                )
            )
    if not (data.agenda.symbol if data.agenda else "") and not has(DocumentType.MAIN, 1):
        problems.append(
            Problem(
                code="no_agenda_symbol",
                message="Neither the agenda nor the registry gives the provisional agenda (/1).",
                where="agenda",
                severity=Severity.WARNING,
            )
        )
    return problems


def _order(data: MeetingData) -> list[Problem]:
    """Discussion speakers out of English alphabetical order (the reports' order): kept as
    recorded, but worth a look (the MX.1 report, para. 17, lists Kenya before Japan)."""
    problems = []
    delegations = {d.entity_id: d for d in data.delegations}
    by_item: dict[int, list[tuple[int, str]]] = {}
    for intervention in data.interventions:
        if intervention.kind == InterventionKind.DISCUSSION:
            delegation = delegations.get(intervention.speaker_id)
            name = delegation.name_in("en") if delegation else intervention.speaker.name_en
            by_item.setdefault(intervention.agenda_item_id, []).append(
                (intervention.position, name)
            )
    for item_id, speakers in by_item.items():
        names = [name for _, name in speakers]
        for before, after in pairwise(names):
            if before.casefold() > after.casefold():
                problems.append(
                    Problem(
                        code="discussion_out_of_order",
                        message=(
                            f"The discussion lists {before} before {after}, out of English "
                            "alphabetical order."
                        ),
                        where=_item_label(data, item_id),
                        severity=Severity.WARNING,
                    )
                )
    return problems


def _translations(data: MeetingData, lang: str) -> list[Problem]:
    problems = []
    field = f"name_{lang}"
    for delegation in data.delegations:
        entity = delegation.entity
        if not getattr(entity, field, "") and not getattr(delegation, f"listed_{field}", ""):
            problems.append(
                Problem(
                    code="missing_translation",
                    message=f"{entity.name_en} has no name in {lang}: the English name is used.",
                    where="participation",
                    severity=Severity.WARNING,
                )
            )
    problems.extend(
        Problem(
            code="missing_translation",
            message=f"Agenda item {item.number} has no title in {lang}.",
            where=f"agenda item {item.number}",
            severity=Severity.WARNING,
        )
        for item in data.items
        if not getattr(item, f"title_{lang}", "")
    )
    return problems


def _stored_texts(data: MeetingData, lang: str) -> list[Problem]:
    """A Chair's summary missing in `lang`; stored texts whose typed paragraph numbers skip or
    repeat (the draft renumbers them)."""
    problems = []
    meeting = data.meeting
    for field, label in (("mandate", "mandate"), ("chair_summary", "Chair's summary")):
        text = getattr(meeting, f"{field}_{lang}", "") or ""
        if field == "chair_summary" and not text.strip():
            problems.append(
                Problem(
                    code="no_chair_summary",
                    message=f"The Chair's summary (annex I) has not been entered in {lang}.",
                    where="meeting",
                    severity=Severity.WARNING,
                )
            )
            continue
        typed = [b.stored_number for b in stored_blocks(text, lang) if b.kind == "numbered"]
        if typed and typed != list(range(typed[0], typed[0] + len(typed))):
            problems.append(
                Problem(
                    code="stored_numbers_out_of_sequence",
                    message=(
                        f"The {label} numbers its paragraphs {typed}; the draft numbers them "
                        "in sequence."
                    ),
                    where="meeting",
                    severity=Severity.WARNING,
                )
            )
    return problems
