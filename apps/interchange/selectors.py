"""Reads for the interchange: one meeting as a JSON-ready document, and the format's schema.

The document is described by `schema/meeting.schema.json`. Its key order and list order are part
of the format: export → import into an empty database → export again gives byte-identical JSON.
So every list is sorted here, in Python, on keys the format itself carries (positions become list
order), never on database collation, NULL placement or row ids alone.
"""

import functools
import json
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from apps.agendas.models import Agenda, AgendaItem, Intervention
from apps.delegations.enums import Rule44Category
from apps.delegations.models import Delegation, DelegationMember, StatedCount
from apps.documents.models import Document, DocumentSubmitter
from apps.entities.enums import EntityKind
from apps.entities.models import Entity, RegionalGroup
from apps.meetings.enums import OfficerRole
from apps.meetings.models import (
    Meeting,
    Officer,
    Postponement,
    PostponementLetter,
    SourceDiscrepancy,
)

FORMAT = "bwcmeet.meeting/1"
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "meeting.schema.json"

# The six UN languages in the order the format writes `<field>_<lang>` keys: English and Chinese
# (the languages of the sources) first, then the others in the models' column order.
TITLE_LANGUAGES: tuple[str, ...] = ("en", "zh", "fr", "ru", "es", "ar")

# The format's key for each rule-44 category, in the order of a report's participation section.
CATEGORY_KEYS: dict[str, str] = {
    Rule44Category.STATE_PARTY: "states_parties",
    Rule44Category.SIGNATORY: "signatories",
    Rule44Category.OBSERVER_STATE: "observer_states",
    Rule44Category.UN_ENTITY: "un_entities",
    Rule44Category.INTERNATIONAL_ORGANIZATION: "international_organizations",
    Rule44Category.NGO: "ngos",
    Rule44Category.GUEST: "guests",
}

# The meeting's own columns, in the format's order (after `format`, `series`, `kind`, `parent`).
MEETING_FIELDS: tuple[str, ...] = (
    *(f"title_{lang}" for lang in TITLE_LANGUAGES),
    "year",
    "number",
    "scheduled_start",
    "scheduled_end",
    "start_date",
    "end_date",
    "venue_en",
    "venue_zh",
    "status",
    "rules_of_procedure",
    "rules_applied_mutatis_mutandis",
    "report_adopted_on",
    "mandate_en",
    "mandate_zh",
    "chair_summary_en",
    "chair_summary_zh",
    "notes",
)
PARENT_FIELDS: tuple[str, ...] = (
    *(f"title_{lang}" for lang in TITLE_LANGUAGES),
    "year",
    "number",
    "scheduled_start",
    "scheduled_end",
    "start_date",
    "end_date",
)


@functools.cache
def meeting_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the format, read once per process."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def meeting_document(*, meeting: Meeting) -> dict[str, Any]:
    """The whole meeting in the interchange format, in 14 queries whatever its size.

    One query per table the meeting owns, each filtered on the meeting and joined to the rows it
    names (entities, regional groups, parents); the rows are grouped in Python. No query is
    skipped when a table is empty, so the count does not depend on the meeting's contents.
    """
    # 1: the meeting again, with its parent, so the caller's instance need not be prepared.
    meeting = Meeting.objects.select_related("parent").get(pk=meeting.pk)
    # 2-6: the meeting's own lists.
    officers = sorted(
        Officer.objects.filter(meeting=meeting).select_related("entity", "regional_group"),
        key=lambda o: o.position,
    )
    postponements = sorted(Postponement.objects.filter(meeting=meeting), key=lambda p: p.position)
    letters_by_postponement: dict[int, list[PostponementLetter]] = defaultdict(list)
    for letter in sorted(
        PostponementLetter.objects.filter(postponement__meeting=meeting), key=lambda x: x.dated
    ):
        letters_by_postponement[letter.postponement_id].append(letter)
    discrepancies = sorted(
        SourceDiscrepancy.objects.filter(meeting=meeting), key=lambda d: d.position
    )
    stated_counts = {c.category: c for c in StatedCount.objects.filter(meeting=meeting)}
    # 7-8: participation.
    delegations = sorted(
        Delegation.objects.filter(meeting=meeting).select_related("entity"),
        key=lambda d: (d.position, d.entity.name_en, d.entity.code),
    )
    members_by_delegation: dict[int, list[DelegationMember]] = defaultdict(list)
    for member in sorted(
        DelegationMember.objects.filter(delegation__meeting=meeting),
        key=lambda m: (m.position, m.family_name, m.pk),
    ):
        members_by_delegation[member.delegation_id].append(member)
    # 9-12: the agenda, its items, the interventions and the documents they concern.
    agenda = Agenda.objects.filter(meeting=meeting).first()
    items = sorted(AgendaItem.objects.filter(agenda__meeting=meeting), key=lambda i: i.number)
    interventions_by_item: dict[int, list[Intervention]] = defaultdict(list)
    for intervention in sorted(
        Intervention.objects.filter(agenda_item__agenda__meeting=meeting).select_related(
            "speaker", "on_behalf_of"
        ),
        key=lambda i: i.position,
    ):
        interventions_by_item[intervention.agenda_item_id].append(intervention)
    symbols_by_intervention: dict[int, list[tuple[tuple[Any, ...], str]]] = defaultdict(list)
    for intervention_id, symbol, annex_position in Document.interventions.through.objects.filter(
        intervention__agenda_item__agenda__meeting=meeting
    ).values_list("intervention_id", "document__symbol", "document__annex_position"):
        symbols_by_intervention[intervention_id].append(
            (_document_order(annex_position, symbol), symbol)
        )
    # 13-14: the documents and their submitters.
    documents = sorted(
        Document.objects.filter(meeting=meeting).select_related(
            "parent", "on_behalf_of", "agenda_item"
        ),
        key=lambda d: _document_order(d.annex_position, d.symbol),
    )
    submitters_by_document: dict[int, list[DocumentSubmitter]] = defaultdict(list)
    for link in sorted(
        DocumentSubmitter.objects.filter(document__meeting=meeting).select_related("entity"),
        key=lambda s: (s.position, s.pk),
    ):
        submitters_by_document[link.document_id].append(link)

    chair = next((o for o in officers if o.role == OfficerRole.CHAIR), None)
    document: dict[str, Any] = {
        "format": FORMAT,
        "series": meeting.series,
        "kind": meeting.kind,
        "parent": _parent(meeting.parent),
        **{field: _value(getattr(meeting, field)) for field in MEETING_FIELDS},
        "chair": _officer(chair) if chair else None,
        "officers": [_officer(o) for o in officers if o is not chair],
        "postponements": [_postponement(p, letters_by_postponement[p.pk]) for p in postponements],
        "discrepancies": [
            {"source": d.source, "description": d.description} for d in discrepancies
        ],
        "participation": {
            key: _category(
                stated_counts.get(category),
                [d for d in delegations if d.category == category],
                members_by_delegation,
            )
            for category, key in CATEGORY_KEYS.items()
        },
        "agenda": None,
        "documents": [_document(d, submitters_by_document[d.pk]) for d in documents],
    }
    if agenda is not None:
        document["agenda"] = {
            "symbol": agenda.symbol,
            "status": agenda.status,
            "adopted_on": _value(agenda.adopted_on),
            "proposed_by_chair": agenda.proposed_by_chair,
            "items": [
                _agenda_item(item, interventions_by_item[item.pk], symbols_by_intervention)
                for item in items
            ],
        }
    return document


def entity_description(entity: Entity) -> dict[str, Any]:
    """An entity as the format describes it wherever it appears (speaker, submitter, entry)."""
    data: dict[str, Any] = {
        "code": entity.code,
        "kind": entity.kind,
        "name_en": entity.name_en,
        "name_zh": entity.name_zh,
    }
    if entity.kind == EntityKind.STATE:
        data["iso3"] = entity.iso3 or None
    if entity.abbreviation_en:
        data["abbreviation_en"] = entity.abbreviation_en
    if entity.abbreviation_zh:
        data["abbreviation_zh"] = entity.abbreviation_zh
    return data


def _document_order(annex_position: int | None, symbol: str) -> tuple[Any, ...]:
    """Annex II order, documents without a row last, then by symbol (code-point order)."""
    return (annex_position is None, annex_position or 0, symbol)


def _value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _entity_or_none(entity: Entity | None) -> dict[str, Any] | None:
    return entity_description(entity) if entity is not None else None


def _regional_group(group: RegionalGroup | None) -> dict[str, Any] | None:
    if group is None:
        return None
    return {
        "code": group.code,
        "name_en": group.name_en,
        "name_zh": group.name_zh,
        "short_name_en": group.short_name_en,
        "short_name_zh": group.short_name_zh,
    }


def _parent(parent: Meeting | None) -> dict[str, Any] | None:
    if parent is None:
        return None
    return {
        "series": parent.series,
        "kind": parent.kind,
        **{field: _value(getattr(parent, field)) for field in PARENT_FIELDS},
    }


def _officer(officer: Officer) -> dict[str, Any]:
    return {
        "role": officer.role,
        "honorific": officer.honorific,
        "name_en": officer.name_en,
        "name_zh": officer.name_zh,
        "title_en": officer.title_en,
        "title_zh": officer.title_zh,
        "entity": _entity_or_none(officer.entity),
        "regional_group": _regional_group(officer.regional_group),
    }


def _postponement(postponement: Postponement, letters: list[PostponementLetter]) -> dict[str, Any]:
    return {
        "from_start": _value(postponement.from_start),
        "from_end": _value(postponement.from_end),
        "to_start": _value(postponement.to_start),
        "to_end": _value(postponement.to_end),
        "authority": postponement.authority,
        "decided_on": _value(postponement.decided_on),
        "reason_en": postponement.reason_en,
        "reason_zh": postponement.reason_zh,
        "letters": [
            {
                "dated": _value(letter.dated),
                "author_en": letter.author_en,
                "author_zh": letter.author_zh,
                "reference": letter.reference,
            }
            for letter in letters
        ],
    }


def _category(
    stated: StatedCount | None,
    delegations: list[Delegation],
    members_by_delegation: dict[int, list[DelegationMember]],
) -> dict[str, Any]:
    return {
        "count": stated.count if stated else None,
        "wording_en": stated.wording_en if stated else None,
        "wording_zh": stated.wording_zh if stated else None,
        "entries": [_delegation(d, members_by_delegation[d.pk]) for d in delegations],
    }


def _delegation(delegation: Delegation, members: list[DelegationMember]) -> dict[str, Any]:
    data = entity_description(delegation.entity)
    for key in ("listed_name_en", "listed_name_zh", "notes"):
        if value := getattr(delegation, key):
            data[key] = value
    data["members"] = [
        {
            "role": m.role,
            "honorific": m.honorific,
            "family_name": m.family_name,
            "given_name": m.given_name,
            "title": m.title,
            "email": m.email,
        }
        for m in members
    ]
    return data


def _agenda_item(
    item: AgendaItem,
    interventions: list[Intervention],
    symbols_by_intervention: dict[int, list[tuple[tuple[Any, ...], str]]],
) -> dict[str, Any]:
    return {
        "number": item.number,
        **{f"title_{lang}": getattr(item, f"title_{lang}") for lang in TITLE_LANGUAGES},
        "subtopics_en": item.subtopics_en,
        "subtopics_zh": item.subtopics_zh,
        "interventions": [
            {
                "kind": i.kind,
                "speaker": entity_description(i.speaker),
                "on_behalf_of": _entity_or_none(i.on_behalf_of),
                "note_en": i.note_en,
                "note_zh": i.note_zh,
                "documents": [symbol for _, symbol in sorted(symbols_by_intervention[i.pk])],
            }
            for i in interventions
        ],
    }


def _document(document: Document, submitters: list[DocumentSubmitter]) -> dict[str, Any]:
    return {
        "symbol": document.symbol,
        "type": document.doc_type,
        "number": document.number,
        "modifier": document.modifier,
        "modifier_number": document.modifier_number,
        "parent": document.parent.symbol if document.parent else None,
        **{f"title_{lang}": getattr(document, f"title_{lang}") for lang in TITLE_LANGUAGES},
        "submitted_by": document.submitted_by,
        "submitters": [entity_description(link.entity) for link in submitters],
        "on_behalf_of": _entity_or_none(document.on_behalf_of),
        "original_language": document.original_language,
        "languages": list(document.languages or []),
        "language_note_en": document.language_note_en,
        "language_note_zh": document.language_note_zh,
        "issue_date": _value(document.issue_date),
        "distribution": document.distribution,
        "agenda_item": document.agenda_item.number if document.agenda_item else None,
        "status": document.status,
        "status_reason": document.status_reason,
        "annex_position": document.annex_position,
    }
