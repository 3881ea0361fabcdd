"""Writes for the interchange: importing a whole meeting from its JSON document.

The import is all or nothing. The document is first validated against the JSON Schema
(`schema/meeting.schema.json`), then built row by row inside one transaction, each row through
`full_clean()`; the first row the models refuse rolls everything back. Every error is an
`InterchangeError` whose message starts with the JSON path of the bad value, e.g.
`participation.states_parties.entries[3].iso3: unknown State 'XYZ'`.

Natural keys link the document to the database: entities by `code`, regional groups by `code`,
meetings by `series`, documents by `symbol`. Entities, regional groups and a parent meeting that
are missing are created from the document; existing ones are used as they are, never overwritten.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match

from apps.agendas.models import Agenda, AgendaItem, Intervention
from apps.delegations.models import Delegation, DelegationMember, StatedCount
from apps.documents.models import Document, DocumentSubmitter, SymbolCounter
from apps.documents.symbols import SymbolSyntaxError, normalize_symbol
from apps.entities.models import Entity, RegionalGroup
from apps.meetings.models import (
    Meeting,
    Officer,
    Postponement,
    PostponementLetter,
    SourceDiscrepancy,
)

from .errors import InterchangeError
from .iso3166 import ISO_3166_ALPHA3
from .selectors import (
    CATEGORY_KEYS,
    MEETING_FIELDS,
    PARENT_FIELDS,
    TITLE_LANGUAGES,
    meeting_schema,
)

JsonPath = Sequence[str | int]

# How many schema errors one message lists before it says how many more there are.
MAX_LISTED_ERRORS = 10
ENTITY_KEYS = ("code", "kind", "name_en", "name_zh", "iso3", "abbreviation_en", "abbreviation_zh")
DATE_FIELDS = frozenset(
    {
        "scheduled_start",
        "scheduled_end",
        "start_date",
        "end_date",
        "report_adopted_on",
        "from_start",
        "from_end",
        "to_start",
        "to_end",
        "decided_on",
        "dated",
        "adopted_on",
        "issue_date",
    }
)


def json_path(parts: JsonPath) -> str:
    """`["documents", 3, "parent"]` → `documents[3].parent`; `$` for the root."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "$"


def validate_meeting_document(*, data: Any) -> None:
    """Check `data` against the format's JSON Schema; raise `InterchangeError` naming each path."""
    validator = Draft202012Validator(
        meeting_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    lines: dict[tuple[str, str], None] = {}  # ordered and de-duplicated
    for error in validator.iter_errors(data):
        for line in _schema_error_lines(error):
            lines[line] = None
    if not lines:
        return
    ordered = sorted(lines)
    shown = [f"{path}: {message}" for path, message in ordered[:MAX_LISTED_ERRORS]]
    if len(ordered) > MAX_LISTED_ERRORS:
        shown.append(f"... and {len(ordered) - MAX_LISTED_ERRORS} more errors")
    raise InterchangeError("\n".join(shown), field=ordered[0][0])


def import_meeting_document(*, data: dict[str, Any], replace: bool = False) -> Meeting:
    """Create the meeting `data` describes, with everything it holds; all or nothing.

    A meeting whose series exists is refused, unless `replace`: then its row is kept (so other
    meetings, reports and users that point to it still do) and its fields and whole content
    (officers, postponements, discrepancies, participation, agenda, documents) are replaced in
    the same transaction. Document files are not part of the format: a document that is
    replaced keeps its file. Every row written carries the history reason `import_meeting
    <series>`.
    """
    validate_meeting_document(data=data)
    with transaction.atomic():
        return _MeetingImport(data).run(replace=replace)


def _schema_error_lines(error: SchemaError) -> Iterator[tuple[str, str]]:
    """`(path, message)` for one schema error, naming the key itself where one is missing or
    unknown, and never quoting a whole object back."""
    path = list(error.absolute_path)
    if error.context:
        # anyOf (a nullable object): report the errors of the one branch whose type the value
        # has, rather than "is not valid under any of the given schemas" or "is not null".
        branches: dict[Any, list[SchemaError]] = defaultdict(list)
        for sub in error.context:
            branches[sub.relative_schema_path[0]].append(sub)
        viable = [
            errors
            for errors in branches.values()
            if not any(e.validator == "type" and not e.relative_path for e in errors)
        ]
        if len(viable) == 1:
            for sub in viable[0]:
                yield from _schema_error_lines(sub)
        else:
            yield from _schema_error_lines(best_match(error.context))
    elif error.validator == "required" and isinstance(error.instance, dict):
        for key in error.validator_value:
            if key not in error.instance:
                yield json_path([*path, key]), "required key is missing"
    elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        for key in error.instance:
            if key not in known:
                yield json_path([*path, key]), "unknown key"
    elif error.validator == "not" and set(error.validator_value) == {"required"}:
        # The entity rule: `iso3` is for States only.
        for key in error.validator_value["required"]:
            yield json_path([*path, key]), f"not allowed for kind {error.instance.get('kind')!r}"
    elif error.validator == "type":
        yield json_path(path), f"{_shown(error.instance)} is not of type {error.validator_value!r}"
    else:
        yield json_path(path), error.message


def _shown(value: Any) -> str:
    """A value as an error message quotes it: scalars as they are, containers by their kind."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return repr(value)


def _error(path: JsonPath, message: str, *, code: str | None = None) -> InterchangeError:
    location = json_path(path)
    return InterchangeError(f"{location}: {message}", code=code, field=location)


def _model_error(
    exc: ValidationError, path: JsonPath, entry: Mapping[str, Any]
) -> InterchangeError:
    """Map a model's `ValidationError` to the JSON path of the entry (and key) it concerns."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    lines = []
    for field, messages in errors.items():
        key = {"doc_type": "type", "category": "kind", "entity": "code"}.get(field, field)
        location = [*path, key] if key in entry and field != NON_FIELD_ERRORS else list(path)
        lines.append((json_path(location), " ".join(messages)))
    lines.sort()
    return InterchangeError(
        "\n".join(f"{location}: {message}" for location, message in lines), field=lines[0][0]
    )


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _fields(entry: Mapping[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """The entry's values for model fields of the same names, dates parsed."""
    return {name: _date(entry[name]) if name in DATE_FIELDS else entry[name] for name in names}


class _MeetingImport:
    """One import: the document, and the rows already resolved or created, by natural key."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.reason = f"import_meeting {data['series']}"
        self.entities: dict[str, Entity] = {}
        self.groups: dict[str, RegionalGroup] = {}
        self.items: dict[int, AgendaItem] = {}
        self.documents: dict[str, Document] = {}
        self.links: list[tuple[Intervention, list[str], list[str | int]]] = []
        self.files: dict[str, str] = {}  # symbol → stored file of a document being replaced

    def run(self, *, replace: bool) -> Meeting:
        existing = Meeting.objects.select_for_update().filter(series=self.data["series"]).first()
        if existing is not None and not replace:
            raise _error(
                ["series"],
                f"meeting '{existing.series}' already exists; import with replace to overwrite it",
                code="meeting_exists",
            )
        self._resolve_entities()
        self._resolve_regional_groups()
        meeting = self._meeting(existing)
        self._officers(meeting)
        self._postponements(meeting)
        self._discrepancies(meeting)
        self._participation(meeting)
        self._agenda(meeting)
        self._documents(meeting)
        self._intervention_documents()
        self._raise_symbol_counters(meeting)
        return meeting

    # --- rows -------------------------------------------------------------------------------

    def _save(
        self,
        obj: models.Model,
        path: JsonPath,
        entry: Mapping[str, Any],
        *,
        exclude: Sequence[str] = (),
    ) -> None:
        """`full_clean()` then `save()`; any refusal names the entry's path."""
        try:
            obj.full_clean(exclude=exclude)
        except ValidationError as exc:
            raise _model_error(exc, path, entry) from exc
        obj._change_reason = self.reason  # the history row says where the change came from
        try:
            obj.save()
        except IntegrityError as exc:  # a constraint full_clean() could not see
            raise _error(path, str(exc)) from exc

    # --- entities and regional groups ---------------------------------------------------------

    def _entity_descriptions(self) -> Iterator[tuple[dict[str, Any], list[str | int]]]:
        """Every place the document describes an entity, in document order."""
        data = self.data
        officers = [("chair", None, data["chair"])] if data["chair"] else []
        officers += [("officers", i, o) for i, o in enumerate(data["officers"])]
        for key, index, officer in officers:
            if officer["entity"]:
                path = [key, "entity"] if index is None else [key, index, "entity"]
                yield officer["entity"], path
        for key in CATEGORY_KEYS.values():
            for i, entry in enumerate(data["participation"][key]["entries"]):
                yield entry, ["participation", key, "entries", i]
        for i, item in enumerate((data["agenda"] or {}).get("items", [])):
            for j, intervention in enumerate(item["interventions"]):
                path: list[str | int] = ["agenda", "items", i, "interventions", j]
                yield intervention["speaker"], [*path, "speaker"]
                if intervention["on_behalf_of"]:
                    yield intervention["on_behalf_of"], [*path, "on_behalf_of"]
        for i, document in enumerate(data["documents"]):
            for j, submitter in enumerate(document["submitters"]):
                yield submitter, ["documents", i, "submitters", j]
            if document["on_behalf_of"]:
                yield document["on_behalf_of"], ["documents", i, "on_behalf_of"]

    def _resolve_entities(self) -> None:
        described: dict[str, tuple[dict[str, Any], list[str | int]]] = {}
        for entry, path in self._entity_descriptions():
            description = {key: entry[key] for key in ENTITY_KEYS if key in entry}
            first = described.setdefault(entry["code"], (description, path))
            if first[0] != description:
                raise _error(
                    path,
                    f"entity '{entry['code']}' is described differently at {json_path(first[1])}",
                )
        existing = Entity.objects.in_bulk(list(described), field_name="code")
        for code, (description, path) in described.items():
            entity = existing.get(code)
            if entity is None:
                entity = self._create_entity(description, path)
            elif entity.kind != description["kind"]:
                raise _error(
                    [*path, "kind"],
                    f"'{code}' is a {entity.kind} in this database, not a {description['kind']}",
                )
            elif description.get("iso3") and entity.iso3 and entity.iso3 != description["iso3"]:
                raise _error(
                    [*path, "iso3"],
                    f"'{code}' has the ISO code '{entity.iso3}' in this database, "
                    f"not '{description['iso3']}'",
                )
            self.entities[code] = entity

    def _create_entity(self, description: dict[str, Any], path: list[str | int]) -> Entity:
        iso3 = description.get("iso3") or ""
        if iso3:
            # Only a real State may enter the registry from a file (a typo must not add one).
            if iso3 not in ISO_3166_ALPHA3:
                raise _error([*path, "iso3"], f"unknown State '{iso3}'")
            holder = Entity.objects.filter(iso3=iso3).first()
            if holder is not None:
                raise _error(
                    [*path, "iso3"],
                    f"'{iso3}' is the ISO code of '{holder.code}' in this database, "
                    f"not of '{description['code']}'",
                )
        entity = Entity(
            code=description["code"],
            kind=description["kind"],
            name_en=description["name_en"],
            name_zh=description["name_zh"],
            iso3=iso3,
            abbreviation_en=description.get("abbreviation_en", ""),
            abbreviation_zh=description.get("abbreviation_zh", ""),
        )
        self._save(entity, path, description)
        return entity

    def _resolve_regional_groups(self) -> None:
        officers = [(["chair"], self.data["chair"])] if self.data["chair"] else []
        officers += [(["officers", i], o) for i, o in enumerate(self.data["officers"])]
        described: dict[str, tuple[dict[str, Any], list[str | int]]] = {}
        for path, officer in officers:
            group = officer["regional_group"]
            if not group:
                continue
            first = described.setdefault(group["code"], (group, [*path, "regional_group"]))
            if first[0] != group:
                raise _error(
                    [*path, "regional_group"],
                    f"regional group '{group['code']}' is described differently at "
                    f"{json_path(first[1])}",
                )
        existing = RegionalGroup.objects.in_bulk(list(described), field_name="code")
        for code, (group, path) in described.items():
            if code not in existing:
                existing[code] = RegionalGroup(**group)
                self._save(existing[code], path, group)
            self.groups[code] = existing[code]

    # --- the meeting ----------------------------------------------------------------------------

    def _meeting(self, existing: Meeting | None) -> Meeting:
        data = self.data
        parent = self._parent() if data["parent"] else None
        if existing is not None:
            meeting = existing
            self._clear(meeting)
        else:
            meeting = Meeting(series=data["series"])
        meeting.kind = data["kind"]
        meeting.parent = parent
        for name, value in _fields(data, MEETING_FIELDS).items():
            setattr(meeting, name, value)
        self._save(meeting, [], data)
        return meeting

    def _parent(self) -> Meeting:
        entry = self.data["parent"]
        if entry["series"] == self.data["series"]:
            raise _error(["parent", "series"], "a meeting cannot be part of itself")
        parent = Meeting.objects.filter(series=entry["series"]).first()
        if parent is None:
            parent = Meeting(
                series=entry["series"], kind=entry["kind"], **_fields(entry, PARENT_FIELDS)
            )
            self._save(parent, ["parent"], entry)
        return parent

    def _clear(self, meeting: Meeting) -> None:
        """Delete the meeting's content before it is built again (`replace`)."""
        try:
            # Documents first: they PROTECT the meeting. A revision PROTECTs its parent, and the
            # collector refuses a parent even when its revisions go in the same delete: so
            # delete the documents nothing points to, one generation at a time.
            documents = Document.objects.filter(meeting=meeting)
            # Files are not part of the format: a replaced document keeps its file.
            self.files = dict(documents.exclude(file="").values_list("symbol", "file"))
            while (leaves := documents.filter(versions__isnull=True)).exists():
                leaves.delete()
            documents.delete()  # refused if another meeting's document revises one of these
            Agenda.objects.filter(meeting=meeting).delete()
            Delegation.objects.filter(meeting=meeting).delete()
            StatedCount.objects.filter(meeting=meeting).delete()
            Postponement.objects.filter(meeting=meeting).delete()
            Officer.objects.filter(meeting=meeting).delete()
            SourceDiscrepancy.objects.filter(meeting=meeting).delete()
        except (ProtectedError, RestrictedError) as exc:
            blocking = sorted(str(obj) for obj in exc.args[1])
            raise _error(
                ["series"],
                f"cannot replace meeting '{meeting.series}': other rows refer to its content "
                f"({', '.join(blocking[:3])}{', ...' if len(blocking) > 3 else ''})",
                code="meeting_in_use",
            ) from exc

    def _officers(self, meeting: Meeting) -> None:
        # The Chair takes the first position; the other officers follow in the document's order.
        officers = [(["chair"], self.data["chair"])] if self.data["chair"] else []
        officers += [(["officers", i], o) for i, o in enumerate(self.data["officers"])]
        for position, (path, entry) in enumerate(officers, start=1):
            officer = Officer(
                meeting=meeting,
                position=position,
                entity=self.entities[entry["entity"]["code"]] if entry["entity"] else None,
                regional_group=(
                    self.groups[entry["regional_group"]["code"]]
                    if entry["regional_group"]
                    else None
                ),
                **_fields(
                    entry, ("role", "honorific", "name_en", "name_zh", "title_en", "title_zh")
                ),
            )
            self._save(officer, path, entry)

    def _postponements(self, meeting: Meeting) -> None:
        for i, entry in enumerate(self.data["postponements"]):
            path: list[str | int] = ["postponements", i]
            postponement = Postponement(
                meeting=meeting,
                position=i + 1,
                **_fields(
                    entry,
                    (
                        "from_start",
                        "from_end",
                        "to_start",
                        "to_end",
                        "authority",
                        "decided_on",
                        "reason_en",
                        "reason_zh",
                    ),
                ),
            )
            self._save(postponement, path, entry)
            for j, letter in enumerate(entry["letters"]):
                row = PostponementLetter(
                    postponement=postponement,
                    **_fields(letter, ("dated", "author_en", "author_zh", "reference")),
                )
                self._save(row, [*path, "letters", j], letter)

    def _discrepancies(self, meeting: Meeting) -> None:
        for i, entry in enumerate(self.data["discrepancies"]):
            row = SourceDiscrepancy(
                meeting=meeting,
                position=i + 1,
                source=entry["source"],
                description=entry["description"],
            )
            self._save(row, ["discrepancies", i], entry)

    # --- participation --------------------------------------------------------------------------

    def _participation(self, meeting: Meeting) -> None:
        listed: dict[str, list[str | int]] = {}
        for category, key in CATEGORY_KEYS.items():
            block = self.data["participation"][key]
            if block["count"] is not None:
                stated = StatedCount(
                    meeting=meeting,
                    category=category,
                    count=block["count"],
                    wording_en=block["wording_en"],
                    wording_zh=block["wording_zh"],
                )
                self._save(stated, ["participation", key], block)
            for i, entry in enumerate(block["entries"]):
                path: list[str | int] = ["participation", key, "entries", i]
                if entry["code"] in listed:
                    raise _error(
                        [*path, "code"],
                        f"'{entry['code']}' already has a delegation at "
                        f"{json_path(listed[entry['code']])}",
                    )
                listed[entry["code"]] = path
                delegation = Delegation(
                    meeting=meeting,
                    entity=self.entities[entry["code"]],
                    category=category,
                    position=i + 1,
                    listed_name_en=entry.get("listed_name_en", ""),
                    listed_name_zh=entry.get("listed_name_zh", ""),
                    notes=entry.get("notes", ""),
                )
                self._save(delegation, path, entry)
                for j, member in enumerate(entry["members"]):
                    row = DelegationMember(
                        delegation=delegation,
                        position=j + 1,
                        **_fields(
                            member,
                            ("role", "honorific", "family_name", "given_name", "title", "email"),
                        ),
                    )
                    self._save(row, [*path, "members", j], member)

    # --- agenda ---------------------------------------------------------------------------------

    def _agenda(self, meeting: Meeting) -> None:
        entry = self.data["agenda"]
        if entry is None:
            return
        agenda = Agenda(
            meeting=meeting,
            **_fields(entry, ("symbol", "status", "adopted_on", "proposed_by_chair")),
        )
        self._save(agenda, ["agenda"], entry)
        titles = tuple(f"title_{lang}" for lang in TITLE_LANGUAGES)
        for i, item_entry in enumerate(entry["items"]):
            path: list[str | int] = ["agenda", "items", i]
            item = AgendaItem(
                agenda=agenda,
                **_fields(item_entry, ("number", *titles, "subtopics_en", "subtopics_zh")),
            )
            self._save(item, path, item_entry)
            self.items[item.number] = item
            for j, spoken in enumerate(item_entry["interventions"]):
                on_behalf_of = spoken["on_behalf_of"]
                intervention = Intervention(
                    agenda_item=item,
                    position=j + 1,
                    kind=spoken["kind"],
                    speaker=self.entities[spoken["speaker"]["code"]],
                    on_behalf_of=self.entities[on_behalf_of["code"]] if on_behalf_of else None,
                    note_en=spoken["note_en"],
                    note_zh=spoken["note_zh"],
                )
                self._save(intervention, [*path, "interventions", j], spoken)
                self.links.append((intervention, spoken["documents"], [*path, "interventions", j]))

    # --- documents ------------------------------------------------------------------------------

    @staticmethod
    def _check_symbol(entry: Mapping[str, Any], path: JsonPath) -> None:
        """A symbol must be valid and written canonically, so that it is found as it is typed."""
        try:
            canonical = normalize_symbol(entry["symbol"])
        except SymbolSyntaxError as error:
            raise _error(path, str(error)) from error
        if canonical != entry["symbol"]:
            raise _error(path, f"'{entry['symbol']}' is not written canonically: '{canonical}'")

    def _documents(self, meeting: Meeting) -> None:
        entries = self.data["documents"]
        index: dict[str, int] = {}
        for i, entry in enumerate(entries):
            self._check_symbol(entry, ["documents", i, "symbol"])
            if entry["symbol"] in index:
                first = index[entry["symbol"]]
                raise _error(
                    ["documents", i, "symbol"],
                    f"'{entry['symbol']}' is listed twice, first at documents[{first}]",
                )
            index[entry["symbol"]] = i
        elsewhere = self._documents_elsewhere(
            (["documents", i, "parent"], entry["parent"])
            for i, entry in enumerate(entries)
            if entry["parent"]
        )
        # A revision needs its parent's row first: create in rounds, parents before children.
        pending = list(range(len(entries)))
        while pending:
            waiting = []
            for i in pending:
                parent_symbol = entries[i]["parent"]
                if parent_symbol in index and parent_symbol not in self.documents:
                    waiting.append(i)
                    continue
                parent = None
                if parent_symbol:
                    parent = self.documents.get(parent_symbol) or elsewhere[parent_symbol]
                self._document(meeting, i, entries[i], parent)
            if len(waiting) == len(pending):  # no progress: the parents form a cycle
                raise _error(
                    ["documents", waiting[0], "parent"],
                    f"'{entries[waiting[0]]['parent']}' is, through its parents, "
                    f"a revision of '{entries[waiting[0]]['symbol']}' itself",
                )
            pending = waiting

    def _documents_elsewhere(
        self, references: Iterable[tuple[JsonPath, str]]
    ) -> dict[str, Document]:
        """Documents named by the file but not in it: they must already be in the database."""
        in_file = {entry["symbol"] for entry in self.data["documents"]}
        outside = [(path, symbol) for path, symbol in references if symbol not in in_file]
        found = Document.objects.in_bulk({symbol for _, symbol in outside}, field_name="symbol")
        for path, symbol in outside:
            if symbol not in found:
                raise _error(path, f"unknown document '{symbol}'")
        return found

    def _document(
        self, meeting: Meeting, i: int, entry: dict[str, Any], parent: Document | None
    ) -> None:
        path: list[str | int] = ["documents", i]
        agenda_item = None
        if entry["agenda_item"] is not None:
            agenda_item = self.items.get(entry["agenda_item"])
            if agenda_item is None:
                raise _error(
                    [*path, "agenda_item"], f"the agenda has no item {entry['agenda_item']}"
                )
        on_behalf_of = entry["on_behalf_of"]
        document = Document(
            meeting=meeting,
            doc_type=entry["type"],
            parent=parent,
            agenda_item=agenda_item,
            on_behalf_of=self.entities[on_behalf_of["code"]] if on_behalf_of else None,
            languages=list(entry["languages"]),
            file=self.files.get(entry["symbol"], ""),
            **_fields(
                entry,
                (
                    "symbol",
                    "number",
                    "modifier",
                    "modifier_number",
                    *(f"title_{lang}" for lang in TITLE_LANGUAGES),
                    "submitted_by",
                    "original_language",
                    "language_note_en",
                    "language_note_zh",
                    "issue_date",
                    "distribution",
                    "status",
                    "status_reason",
                    "annex_position",
                ),
            ),
        )
        # The format carries no file; a kept one was checked when it was uploaded.
        self._save(document, path, entry, exclude=["file"])
        self.documents[document.symbol] = document
        for j, submitter in enumerate(entry["submitters"]):
            if any(s["code"] == submitter["code"] for s in entry["submitters"][:j]):
                raise _error(
                    [*path, "submitters", j, "code"],
                    f"'{submitter['code']}' is already a submitter of '{document.symbol}'",
                )
            link = DocumentSubmitter(
                document=document, entity=self.entities[submitter["code"]], position=j + 1
            )
            self._save(link, [*path, "submitters", j], submitter)

    def _raise_symbol_counters(self, meeting: Meeting) -> None:
        """Keep minting past every imported number: a number is never given out twice.

        A series with no counter yet needs nothing: its counter starts past the registered
        numbers when it is first used (`apps.documents.services`).
        """
        top: dict[str, int] = {}
        for document in self.documents.values():
            if not document.modifier and document.symbol.startswith(f"{meeting.series}/"):
                top[document.doc_type] = max(top.get(document.doc_type, 0), document.number)
        for doc_type, number in top.items():
            SymbolCounter.objects.filter(
                series=meeting.series, doc_type=doc_type, last_number__lt=number
            ).update(last_number=number)

    def _intervention_documents(self) -> None:
        elsewhere = self._documents_elsewhere(
            ([*path, "documents", k], symbol)
            for _, symbols, path in self.links
            for k, symbol in enumerate(symbols)
        )
        for intervention, symbols, _ in self.links:
            if symbols:
                intervention.documents.add(
                    *(self.documents.get(s) or elsewhere[s] for s in symbols)
                )
