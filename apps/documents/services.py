"""Writes of the document registry: minting, registering, versions and status changes.

A symbol is given out once. Minting locks the (series, type) counter row until the transaction
commits, so parallel requests queue on it and get consecutive numbers; the unique symbol
constraint is the last line of defence. A withdrawn document keeps its number and its row.
"""

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from apps.accounts.models import User
from apps.core.errors import ConflictError, DomainError
from apps.entities.models import Entity
from apps.meetings.models import Meeting

from . import symbols
from .enums import (
    STATUS_TRANSITIONS,
    DocumentStatus,
    DocumentType,
    Modifier,
    ReservedNumber,
)
from .models import Document, DocumentSubmitter, SymbolCounter


class SymbolError(DomainError):
    default_code = "invalid_symbol"


class TransitionError(ConflictError):
    default_code = "invalid_transition"


# Metadata a caller may set on a document; everything else is the registry's business.
METADATA_FIELDS: frozenset[str] = frozenset(
    {
        *(f"title_{code}" for code in ("en", "zh", "fr", "ru", "es", "ar")),
        "submitted_by",
        "on_behalf_of",
        "original_language",
        "languages",
        "language_note_en",
        "language_note_zh",
        "issue_date",
        "distribution",
        "agenda_item",
        "file",
    }
)


def _locking_enabled() -> bool:
    # Tests switch locking off once to prove the concurrency test can fail without it.
    return getattr(settings, "DOCUMENTS_LOCK_SYMBOL_COUNTERS", True)


def _counter_floor(*, series: str, doc_type: str) -> int:
    """Where a new counter starts: past every number already registered, and past `/2`."""
    registered = (
        Document.objects.filter(
            symbol__startswith=f"{series}/", doc_type=doc_type, modifier=Modifier.NONE
        ).aggregate(top=Max("number"))["top"]
        or 0
    )
    reserved = max(ReservedNumber.values) if doc_type == DocumentType.MAIN else 0
    return max(registered, reserved)


def _locked_counter(*, series: str, doc_type: str) -> SymbolCounter:
    counter = SymbolCounter.objects.filter(series=series, doc_type=doc_type).first()
    if counter is None:
        try:
            with transaction.atomic():  # a savepoint: a parallel creator may win the race
                counter = SymbolCounter.objects.create(
                    series=series,
                    doc_type=doc_type,
                    last_number=_counter_floor(series=series, doc_type=doc_type),
                )
        except IntegrityError:
            pass
    queryset = SymbolCounter.objects.filter(series=series, doc_type=doc_type)
    if _locking_enabled():
        queryset = queryset.select_for_update()
    return queryset.get()


def _apply_metadata(document: Document, metadata: dict[str, Any]) -> list[Entity]:
    unknown = sorted(set(metadata) - METADATA_FIELDS - {"submitters"})
    if unknown:
        raise DomainError(f"Unknown document fields: {', '.join(unknown)}.", field=unknown[0])
    submitters = list(metadata.get("submitters") or [])
    for name, value in metadata.items():
        if name != "submitters":
            setattr(document, name, value)
    return submitters


def _duplicate(symbol: str) -> ConflictError:
    return ConflictError(
        f"The symbol {symbol} is already registered.", code="duplicate_symbol", field="symbol"
    )


def _save_new(document: Document, *, submitters: list[Entity], actor: User | None) -> Document:
    document.full_clean(validate_unique=False)
    return _insert(document, submitters=submitters, actor=actor)


def _insert(document: Document, *, submitters: list[Entity], actor: User | None) -> Document:
    """Write a checked new document, its submitters and their history."""
    document._history_user = actor
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as error:  # a parallel request took the symbol first
        raise _duplicate(document.symbol) from error
    _set_submitters(document, submitters, actor)
    return document


def _set_submitters(document: Document, submitters: list[Entity], actor: User | None) -> None:
    """Replace the document's submitters; each link removed and added leaves a history row
    with `actor` (a bulk insert records none by itself)."""
    for link in DocumentSubmitter.objects.filter(document=document):
        link._history_user = actor
        link.delete()
    bulk_create_with_history(
        [
            DocumentSubmitter(document=document, entity=entity, position=position)
            for position, entity in enumerate(submitters, start=1)
        ],
        DocumentSubmitter,
        default_user=actor,
    )


@transaction.atomic
def mint_symbol(
    *, meeting: Meeting, doc_type: DocumentType, actor: User | None = None, **metadata: Any
) -> Document:
    """Give out the next number of `doc_type` in the meeting's series, as a RESERVED document.

    Main documents start at 3: `/1` (provisional agenda) and `/2` (report) are reserved and
    are taken with `reserve_main_document`.
    """
    document = Document(meeting=meeting, doc_type=doc_type, status=DocumentStatus.RESERVED)
    submitters = _apply_metadata(document, metadata)
    # Everything but the number is checked before the series' counter is locked: parallel
    # mints of the series wait on that lock until this transaction ends, so it should cover
    # the numbering and the writes alone. The symbol is well formed by construction.
    document.full_clean(exclude=["symbol", "number"], validate_unique=False)
    counter = _locked_counter(series=meeting.series, doc_type=doc_type)
    counter.last_number += 1
    counter.save(update_fields=["last_number", "updated_at"])
    document.number = counter.last_number
    document.symbol = symbols.build_symbol(meeting.series, doc_type, counter.last_number)
    return _insert(document, submitters=submitters, actor=actor)


@transaction.atomic
def reserve_main_document(
    *, meeting: Meeting, purpose: ReservedNumber, actor: User | None = None, **metadata: Any
) -> Document:
    """Take `/1` or `/2` of the meeting's series; each exists once."""
    document = Document(
        meeting=meeting,
        symbol=symbols.build_symbol(meeting.series, DocumentType.MAIN, purpose.value),
        doc_type=DocumentType.MAIN,
        number=purpose.value,
        status=DocumentStatus.RESERVED,
    )
    submitters = _apply_metadata(document, metadata)
    return _save_new(document, submitters=submitters, actor=actor)


def _parse(symbol: str) -> symbols.Symbol:
    try:
        return symbols.parse_symbol(symbol)
    except symbols.SymbolSyntaxError as error:
        raise SymbolError(str(error), field="symbol") from error


@dataclass(frozen=True)
class NewSymbol:
    """A symbol checked for registration: canonical, with its meeting and, for a version, its
    parent."""

    symbol: str
    parsed: symbols.Symbol
    meeting: Meeting
    parent: Document | None


def check_new_symbol(symbol: str) -> NewSymbol:
    """Everything that must hold before a fixed symbol enters the registry; raises SymbolError
    (field `symbol`) or ConflictError naming what is wrong."""
    parsed = _parse(symbol)
    meeting = Meeting.objects.filter(series=parsed.meeting_series).first()
    if meeting is None:
        raise SymbolError(
            f"No meeting has the series {parsed.meeting_series}.",
            code="unknown_series",
            field="symbol",
        )
    if parsed.doc_type not in DocumentType.values or isinstance(parsed.number, str):
        raise SymbolError(
            f"The registry does not number documents of type '{parsed.doc_type}'.", field="symbol"
        )
    if parsed.modifiers and parsed.modifiers[-1].kind not in Modifier.values:
        raise SymbolError(
            f"The registry does not record '{parsed.modifiers[-1].kind}' versions.", field="symbol"
        )
    parent = None
    if parsed.modifiers:
        parent = Document.objects.filter(symbol=parsed.parent_symbol).first()
        if parent is None:
            raise SymbolError(
                f"{parsed.parent_symbol} is not in the registry, so "
                f"{symbols.format_symbol(parsed)} has nothing to modify.",
                code="unknown_parent",
                field="symbol",
            )
    canonical = symbols.format_symbol(parsed)
    if Document.objects.filter(symbol=canonical).exists():
        raise _duplicate(canonical)
    return NewSymbol(symbol=canonical, parsed=parsed, meeting=meeting, parent=parent)


@transaction.atomic
def register_document(
    *,
    symbol: str,
    status: DocumentStatus = DocumentStatus.ISSUED,
    actor: User | None = None,
    **metadata: Any,
) -> Document:
    """Enter a document whose symbol is already fixed (an existing paper, an import).

    The series must be a meeting's; a Rev/Corr/Add needs its parent; the counter of the
    series moves past the number so that minting never hands it out again.
    """
    new = check_new_symbol(symbol)
    parsed, meeting = new.parsed, new.meeting
    modifier, modifier_number = Modifier.NONE, None
    if parsed.modifiers:
        modifier = Modifier(parsed.modifiers[-1].kind)
        modifier_number = parsed.modifiers[-1].number
    else:
        counter = _locked_counter(series=meeting.series, doc_type=parsed.doc_type)
        if counter.last_number < parsed.number:
            counter.last_number = parsed.number
            counter.save(update_fields=["last_number", "updated_at"])
    document = Document(
        meeting=meeting,
        symbol=new.symbol,
        doc_type=parsed.doc_type,
        number=parsed.number,
        modifier=modifier,
        modifier_number=modifier_number,
        parent=new.parent,
        status=status,
    )
    submitters = _apply_metadata(document, metadata)
    return _save_new(document, submitters=submitters, actor=actor)


@transaction.atomic
def add_version(
    *, document: Document, modifier: Modifier, actor: User | None = None, **metadata: Any
) -> Document:
    """Reserve the next Rev.N, Corr.N or Add.N of `document` (the parent row is locked)."""
    if modifier == Modifier.NONE:
        raise DomainError(
            "Say whether this is a revision, a corrigendum or an addendum.", field="modifier"
        )
    parent = Document.objects.select_for_update().get(pk=document.pk)
    if parent.status == DocumentStatus.WITHDRAWN:
        raise TransitionError(f"{parent.symbol} was withdrawn; it takes no new version.")
    last = (
        parent.versions.filter(modifier=modifier).aggregate(top=Max("modifier_number"))["top"] or 0
    )
    parsed = symbols.parse_symbol(parent.symbol)
    version = Document(
        meeting=parent.meeting,
        symbol=symbols.format_symbol(
            replace(parsed, modifiers=(*parsed.modifiers, symbols.Modifier(modifier, last + 1)))
        ),
        doc_type=parent.doc_type,
        number=parent.number,
        modifier=modifier,
        modifier_number=last + 1,
        parent=parent,
        status=DocumentStatus.RESERVED,
        agenda_item=parent.agenda_item,
        original_language=parent.original_language,
        submitted_by=parent.submitted_by,
        on_behalf_of=parent.on_behalf_of,
    )
    metadata.setdefault(
        "submitters",
        [
            link.entity
            for link in parent.submitter_links.select_related("entity").order_by("position")
        ],
    )
    submitters = _apply_metadata(version, metadata)
    return _save_new(version, submitters=submitters, actor=actor)


def _transition(
    document: Document, to: DocumentStatus, *, actor: User | None, reason: str = ""
) -> None:
    if to not in STATUS_TRANSITIONS[document.status]:
        raise TransitionError(
            f"{document.symbol} is {DocumentStatus(document.status).label.lower()}; "
            f"it cannot become {to.label.lower()}."
        )
    document.status = to
    document.status_reason = reason
    document._history_user = actor
    document.save(update_fields=["status", "status_reason", "issue_date", "updated_at"])


@transaction.atomic
def issue_document(
    *, document: Document, issue_date: date | None = None, actor: User | None = None
) -> Document:
    """Issue a reserved document. Issuing a revision supersedes what it revises."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    document.issue_date = issue_date or document.issue_date or timezone.localdate()
    _transition(document, DocumentStatus.ISSUED, actor=actor)
    if document.modifier == Modifier.REVISION:
        replaced = [
            document.parent,
            *document.parent.versions.filter(
                modifier=Modifier.REVISION, status=DocumentStatus.ISSUED
            ).exclude(pk=document.pk),
        ]
        for older in replaced:
            if older.status == DocumentStatus.ISSUED:
                _transition(
                    older,
                    DocumentStatus.SUPERSEDED,
                    actor=actor,
                    reason=f"Replaced by {document.symbol}.",
                )
    return document


@transaction.atomic
def withdraw_document(*, document: Document, reason: str, actor: User | None = None) -> Document:
    """Withdraw a document; its symbol stays registered, with the reason, and is never reused."""
    if not reason.strip():
        raise DomainError("Say why the document is withdrawn.", field="reason")
    document = Document.objects.select_for_update().get(pk=document.pk)
    _transition(document, DocumentStatus.WITHDRAWN, actor=actor, reason=reason.strip())
    return document


@transaction.atomic
def update_document(*, document: Document, actor: User | None = None, **metadata: Any) -> Document:
    """Change a document's metadata; its symbol, number and lineage never change."""
    submitters = _apply_metadata(document, metadata)
    document.full_clean()
    document._history_user = actor
    document.save()
    if "submitters" in metadata:
        _set_submitters(document, submitters, actor)
    return document


def next_symbol(*, series: str, doc_type: DocumentType) -> str:
    """The symbol `mint_symbol` would give out next (nothing is reserved by asking)."""
    counter = SymbolCounter.objects.filter(series=series, doc_type=doc_type).first()
    last = counter.last_number if counter else _counter_floor(series=series, doc_type=doc_type)
    return symbols.build_symbol(series, doc_type, last + 1)
