"""Import and export of a meeting's delegations and members as spreadsheets (CSV or XLSX), in
the registration desks' form.

Columns (the first row names them, in any order, case-insensitively; `entity` and
`family_name` are required, the others may be left out):

| column        | content                                                                     |
|---------------|-----------------------------------------------------------------------------|
| `entity`      | the State's or organization's code, or a State's ISO 3166 alpha-3 code      |
| `category`    | rule-44 category (`state_party`, `signatory`, `observer_state`, `un_entity`,|
|               | `international_organization`, `ngo`, `guest`); empty: the delegation's, or  |
|               | from the State's treaty status on the meeting's first day / the kind        |
| `role`        | `head`, `alternate`, `adviser` (or `advisor`), `member`; empty: `member`    |
| `honorific`   | `Mr.`, `Ms.` or empty                                                       |
| `family_name` | required                                                                    |
| `given_name`  |                                                                             |
| `title`       | post or function, as nominated                                              |
| `email`       |                                                                             |

A CSV file is UTF-8, with or without a byte-order mark, separated by commas, semicolons or
tabs. An XLSX file is read from its first sheet. A cell that starts with "=" is refused (no
formula is evaluated, and a value that would become one elsewhere is not stored).

The import (`import_participants`) checks every row and collects every error with its row
number and column; it writes nothing unless every row is good. With `dry_run` it only reports.
Otherwise, in one transaction, it creates the missing delegations, appends the members to
their delegations and submits (or, with `accredit`, accredits) their nominations, in bulk and
with their history.

The export (`export_participants`) writes the same columns, so that an export is an import.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from apps.core.errors import ConflictError, DomainError
from apps.delegations.enums import CATEGORY_ORDER, MemberRole, Rule44Category
from apps.delegations.models import CATEGORY_KINDS, Delegation, DelegationMember
from apps.delegations.selectors import delegation_members_for_list
from apps.delegations.services import CATEGORY_OF_KIND, CATEGORY_OF_STATUS
from apps.entities.enums import EntityKind
from apps.entities.models import Entity
from apps.entities.selectors import with_treaty_status
from apps.meetings.enums import Honorific, MeetingStatus
from apps.meetings.models import Meeting
from apps.meetings.services import current_dates

from . import selectors
from .enums import NominationStatus
from .models import Nomination

if TYPE_CHECKING:
    from apps.accounts.models import User

COLUMNS: tuple[str, ...] = (
    "entity",
    "category",
    "role",
    "honorific",
    "family_name",
    "given_name",
    "title",
    "email",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("entity", "family_name")
MAX_LENGTHS = {"family_name": 255, "given_name": 255, "title": 500, "email": 254}
# A spreadsheet of more rows than any meeting's participants is a mistake (or a zip bomb).
MAX_ROWS = 10_000

ROLE_ALIASES = {
    **{role: role for role in MemberRole.values},
    "advisor": MemberRole.ADVISER,
    "head of delegation": MemberRole.HEAD,
}
HONORIFIC_ALIASES = {"": Honorific.NONE, "mr": Honorific.MR, "ms": Honorific.MS}

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the binary .xls of old Excel
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class SpreadsheetError(DomainError):
    """The file as a whole cannot be read (format, encoding, size, headings)."""

    default_code = "invalid_file"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message, code=code, field="file")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str | None
    code: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row %(row)d, %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportReport:
    series: str
    file_format: str
    dry_run: bool
    accredit: bool
    rows: int = 0
    delegations_created: int = 0
    members_created: int = 0
    written: bool = False
    errors: list[RowError] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {
            "meeting": self.series,
            "file_format": self.file_format,
            "dry_run": self.dry_run,
            "accredit": self.accredit,
            "valid": self.valid,
            "written": self.written,
            "rows": self.rows,
            "delegations_created": self.delegations_created,
            "members_created": self.members_created,
            "errors": [error.__dict__ for error in self.errors],
        }


class ImportRejectedError(DomainError):
    """Some rows are bad; nothing was written. `report.errors` lists every one."""

    default_code = "invalid_rows"

    def __init__(self, report: ImportReport) -> None:
        bad_rows = sorted({error.row for error in report.errors})
        super().__init__(
            _("%(count)d of %(total)d rows are not valid (rows %(rows)s); nothing was imported.")
            % {
                "count": len(bad_rows),
                "total": report.rows,
                "rows": ", ".join(str(row) for row in bad_rows),
            },
            field="file",
        )
        self.report = report


# --- Reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet numbers it: the headings are row 1
    values: dict[str, str]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _rows_from(table: Iterable[Sequence[Any]]) -> list[Row]:
    """Rows keyed by heading; blank rows are skipped, cells past the headings ignored."""
    iterator = iter(table)
    header = next(iterator, None)
    if header is None:
        raise SpreadsheetError(_("The file is empty."), code="empty")
    headings = [_cell_text(cell).lower().replace(" ", "_") for cell in header]
    while headings and not headings[-1]:
        headings.pop()
    if not any(headings):
        raise SpreadsheetError(_("The first row names no columns."), code="no_headings")
    if "" in headings:
        raise SpreadsheetError(
            _("Column %(number)d of the first row has no heading.")
            % {"number": headings.index("") + 1},
            code="no_headings",
        )
    unknown = [heading for heading in headings if heading not in COLUMNS]
    if unknown:
        raise SpreadsheetError(
            _("Unknown columns: %(unknown)s. The columns are: %(columns)s.")
            % {"unknown": ", ".join(unknown), "columns": ", ".join(COLUMNS)},
            code="unknown_columns",
        )
    repeated = sorted(heading for heading, seen in Counter(headings).items() if seen > 1)
    if repeated:
        raise SpreadsheetError(
            _("Columns named twice: %(columns)s.") % {"columns": ", ".join(repeated)},
            code="repeated_columns",
        )
    missing = [column for column in REQUIRED_COLUMNS if column not in headings]
    if missing:
        raise SpreadsheetError(
            _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)},
            code="missing_columns",
        )
    rows = []
    for number, cells in enumerate(iterator, start=2):
        texts = [_cell_text(cell) for cell in list(cells)[: len(headings)]]
        if not any(texts):
            continue
        if len(rows) == MAX_ROWS:
            raise SpreadsheetError(
                _("The file has more than %(max)d rows.") % {"max": MAX_ROWS}, code="too_many_rows"
            )
        texts += [""] * (len(headings) - len(texts))
        rows.append(Row(number=number, values=dict(zip(headings, texts, strict=True))))
    return rows


def _csv_table(content: bytes) -> Iterator[list[str]]:
    try:
        text = content.decode("utf-8-sig")  # with or without the byte-order mark Excel writes
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            _(
                "The CSV file is not UTF-8 (byte %(position)d cannot be read). Save it as "
                "“CSV UTF-8”, or as an Excel workbook (.xlsx)."
            )
            % {"position": error.start + 1},
            code="encoding",
        ) from error
    if "\x00" in text:
        raise SpreadsheetError(
            _("The CSV file holds NUL characters; it is not UTF-8 text."), code="encoding"
        )
    first_line = text.split("\n", 1)[0]
    # Excel writes semicolons where the comma is the decimal separator (French, Russian, ...).
    delimiter = max((",", ";", "\t"), key=first_line.count)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _xlsx_table(content: bytes) -> Iterator[tuple[Any, ...]]:
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula reads as its text ("=..."), which the rows then refuse;
        # data_only=True would hand over the result Excel cached, or nothing, unnoticed.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        rows = list(sheet.iter_rows(values_only=True, max_col=len(COLUMNS) * 4))
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise SpreadsheetError(
            _("The file is not a readable Excel workbook (.xlsx)."), code="unreadable"
        ) from error
    return iter(rows)


def read_spreadsheet(content: bytes, filename: str = "") -> tuple[str, list[Row]]:
    """(format, rows) of a CSV or XLSX file; raises SpreadsheetError naming what is wrong."""
    limit = settings.IMPORT_MAX_BYTES
    if len(content) > limit:
        raise SpreadsheetError(
            _("The file is larger than %(limit)d bytes.") % {"limit": limit}, code="too_large"
        )
    name = filename.lower()
    if content.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise SpreadsheetError(
            _("Old Excel files (.xls) are not read; save it as .xlsx or as CSV UTF-8."),
            code="unsupported_format",
        )
    if content.startswith(XLSX_MAGIC):
        return "xlsx", _rows_from(_xlsx_table(content))
    if name.endswith(".xlsx"):
        raise SpreadsheetError(
            _("The file is not a readable Excel workbook (.xlsx)."), code="unreadable"
        )
    return "csv", _rows_from(_csv_table(content))


# --- Validating ------------------------------------------------------------------------------


@dataclass
class PlannedMember:
    row: int
    entity: Entity
    category: str
    role: str
    honorific: str
    family_name: str
    given_name: str
    title: str
    email: str


def _name_key(entity_id: int, family_name: str, given_name: str) -> tuple[int, str, str]:
    return (entity_id, family_name.casefold(), given_name.casefold())


class _Checker:
    """Checks the rows of one file against one meeting with a constant number of queries."""

    def __init__(self, meeting: Meeting, rows: list[Row]) -> None:
        self.meeting = meeting
        self.rows = rows
        self.errors: list[RowError] = []
        wanted = {row.values.get("entity", "") for row in rows} - {""}
        upper = {value.upper() for value in wanted}
        entities = list(
            Entity.objects.filter(Q(code__in=wanted | upper) | Q(iso3__in=upper, kind="state"))
        )
        self.by_code = {entity.code: entity for entity in entities}
        self.by_upper = {entity.code.upper(): entity for entity in entities}
        self.by_iso3 = {entity.iso3.upper(): entity for entity in entities if entity.iso3}
        self.delegations = {
            delegation.entity_id: delegation
            for delegation in Delegation.objects.filter(meeting=meeting, entity__in=entities)
        }
        self.existing_names: set[tuple[int, str, str]] = set()
        self.heads: set[int] = set()  # entities whose delegation has a head
        for entity_id, family, given, role in DelegationMember.objects.filter(
            delegation__in=self.delegations.values()
        ).values_list("delegation__entity_id", "family_name", "given_name", "role"):
            self.existing_names.add(_name_key(entity_id, family, given))
            if role == MemberRole.HEAD:
                self.heads.add(entity_id)
        new_states = [
            entity.pk
            for entity in entities
            if entity.kind == EntityKind.STATE and entity.pk not in self.delegations
        ]
        self.treaty_status = (
            dict(
                with_treaty_status(
                    Entity.objects.filter(pk__in=new_states), on=current_dates(meeting)[0]
                ).values_list("pk", "treaty_status")
            )
            if new_states
            else {}
        )

    def error(self, row: Row, column: str | None, code: str, message: str) -> None:
        self.errors.append(RowError(row=row.number, column=column, code=code, message=message))

    def entity_of(self, value: str) -> Entity | None:
        return (
            self.by_code.get(value) or self.by_upper.get(value.upper()) or self.by_iso3.get(value)
        )

    def default_category(self, entity: Entity) -> str | None:
        if entity.pk in self.delegations:
            return self.delegations[entity.pk].category
        if entity.kind == EntityKind.STATE:
            return CATEGORY_OF_STATUS[self.treaty_status[entity.pk]]
        return CATEGORY_OF_KIND.get(entity.kind)

    def check(self) -> list[PlannedMember]:
        planned: list[PlannedMember] = []
        categories: dict[int, tuple[str, int]] = {}  # a new delegation's category, from its row
        heads: dict[int, int] = {}  # the row that named an entity's head
        names: dict[tuple[int, str, str], int] = {}
        validate_email = EmailValidator()
        for row in self.rows:
            values = row.values
            before = len(self.errors)
            for column in COLUMNS:
                if values.get(column, "").startswith("="):
                    self.error(
                        row,
                        column,
                        "formula",
                        _("“%(value)s” starts with “=”; formulas are not accepted, type the value.")
                        % {"value": values[column][:40]},
                    )
            for column, limit in MAX_LENGTHS.items():
                if len(values.get(column, "")) > limit:
                    self.error(
                        row,
                        column,
                        "too_long",
                        _("At most %(limit)d characters.") % {"limit": limit},
                    )
            family_name = values.get("family_name", "")
            if not family_name:
                self.error(row, "family_name", "required", _("The family name is required."))
            role = ROLE_ALIASES.get(values.get("role", "").lower() or MemberRole.MEMBER)
            if role is None:
                self.error(
                    row,
                    "role",
                    "invalid_choice",
                    _("“%(value)s” is not a role; use %(choices)s.")
                    % {"value": values["role"], "choices": ", ".join(MemberRole.values)},
                )
            honorific = HONORIFIC_ALIASES.get(values.get("honorific", "").lower().rstrip("."))
            if honorific is None:
                self.error(
                    row,
                    "honorific",
                    "invalid_choice",
                    _("“%(value)s” is not an honorific; use Mr., Ms. or leave it empty.")
                    % {"value": values["honorific"]},
                )
            email = values.get("email", "")
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    self.error(
                        row,
                        "email",
                        "invalid_email",
                        _("“%(value)s” is not an e-mail address.") % {"value": email[:80]},
                    )
            entity = self._check_entity(row)
            category = self._check_category(row, entity, categories) if entity else None
            if entity is not None and role == MemberRole.HEAD:
                if entity.pk in self.heads:
                    self.error(
                        row,
                        "role",
                        "second_head",
                        _("The delegation of %(name)s has a head already.")
                        % {"name": entity.name_en},
                    )
                elif entity.pk in heads:
                    self.error(
                        row,
                        "role",
                        "second_head",
                        _("Row %(row)d names the head of %(name)s already.")
                        % {"row": heads[entity.pk], "name": entity.name_en},
                    )
                else:
                    heads[entity.pk] = row.number
            if entity is not None and family_name:
                key = _name_key(entity.pk, family_name, values.get("given_name", ""))
                if key in self.existing_names:
                    self.error(
                        row,
                        "family_name",
                        "already_member",
                        _("%(person)s is a member of the delegation of %(name)s already.")
                        % {
                            "person": f"{values.get('given_name', '')} {family_name}".strip(),
                            "name": entity.name_en,
                        },
                    )
                elif key in names:
                    self.error(
                        row,
                        "family_name",
                        "duplicate_member",
                        _("Row %(row)d names the same member of %(name)s.")
                        % {"row": names[key], "name": entity.name_en},
                    )
                else:
                    names[key] = row.number
            if len(self.errors) == before:
                planned.append(
                    PlannedMember(
                        row=row.number,
                        entity=entity,
                        category=category,
                        role=role,
                        honorific=honorific,
                        family_name=family_name,
                        given_name=values.get("given_name", ""),
                        title=values.get("title", ""),
                        email=email,
                    )
                )
        return planned

    def _check_entity(self, row: Row) -> Entity | None:
        value = row.values.get("entity", "")
        if not value:
            self.error(row, "entity", "required", _("Name the State or organization."))
            return None
        if value.startswith("="):
            return None  # reported as a formula
        entity = self.entity_of(value)
        if entity is None:
            self.error(
                row,
                "entity",
                "unknown_entity",
                _("“%(value)s” is the code of no State or organization in the registry.")
                % {"value": value[:40]},
            )
            return None
        if entity.kind == EntityKind.GROUP:
            self.error(
                row,
                "entity",
                "group",
                _("%(name)s is a group of States; its members attend as delegations.")
                % {"name": entity.name_en},
            )
            return None
        return entity

    def _check_category(
        self, row: Row, entity: Entity, categories: dict[int, tuple[str, int]]
    ) -> str | None:
        value = row.values.get("category", "").lower()
        if value.startswith("="):
            return None  # reported as a formula
        if value and value not in Rule44Category.values:
            self.error(
                row,
                "category",
                "invalid_choice",
                _("“%(value)s” is not a rule-44 category; use %(choices)s.")
                % {"value": row.values["category"], "choices": ", ".join(CATEGORY_ORDER)},
            )
            return None
        category = value or self.default_category(entity)
        if entity.kind not in CATEGORY_KINDS[category]:
            self.error(
                row,
                "category",
                "wrong_category",
                _("%(category)s admits no %(kind)s such as %(name)s.")
                % {
                    "category": Rule44Category(category).label,
                    "kind": EntityKind(entity.kind).label,
                    "name": entity.name_en,
                },
            )
            return None
        delegation = self.delegations.get(entity.pk)
        if delegation is not None and delegation.category != category:
            self.error(
                row,
                "category",
                "category_mismatch",
                _("The delegation of %(name)s attends as %(category)s.")
                % {"name": entity.name_en, "category": Rule44Category(delegation.category).label},
            )
            return None
        first = categories.setdefault(entity.pk, (category, row.number))
        if first[0] != category:
            self.error(
                row,
                "category",
                "category_mismatch",
                _("Row %(row)d puts %(name)s in %(category)s.")
                % {
                    "row": first[1],
                    "name": entity.name_en,
                    "category": Rule44Category(first[0]).label,
                },
            )
            return None
        return category


# --- Writing ---------------------------------------------------------------------------------


def _write(
    meeting: Meeting,
    planned: list[PlannedMember],
    *,
    existing: dict[int, Delegation],
    actor: User | None,
    accredit: bool,
) -> tuple[int, int]:
    """Create the missing delegations, the members and their nominations, in bulk and with
    their history; (delegations created, members created). `existing`: the meeting's
    delegations of the file's entities, by entity id."""
    last_place = dict(
        Delegation.objects.filter(meeting=meeting)
        .order_by()
        .values("category")
        .annotate(last=Max("position"))
        .values_list("category", "last")
    )
    new_delegations: dict[int, Delegation] = {}
    for member in planned:
        if member.entity.pk in existing or member.entity.pk in new_delegations:
            continue
        last_place[member.category] = last_place.get(member.category, 0) + 1
        delegation = Delegation(
            meeting=meeting,
            entity=member.entity,
            category=member.category,
            position=last_place[member.category],
        )
        delegation.full_clean(exclude=["meeting", "entity"], validate_constraints=False)
        new_delegations[member.entity.pk] = delegation
    created = bulk_create_with_history(
        list(new_delegations.values()), Delegation, default_user=actor
    )
    delegations = {**existing, **{delegation.entity_id: delegation for delegation in created}}
    last_position = dict(
        DelegationMember.objects.filter(delegation__in=existing.values())
        .order_by()
        .values("delegation__entity_id")
        .annotate(last=Max("position"))
        .values_list("delegation__entity_id", "last")
    )
    members = []
    for member in planned:
        last_position[member.entity.pk] = last_position.get(member.entity.pk, 0) + 1
        row = DelegationMember(
            delegation=delegations[member.entity.pk],
            role=member.role,
            position=last_position[member.entity.pk],
            honorific=member.honorific,
            family_name=member.family_name,
            given_name=member.given_name,
            title=member.title,
            email=member.email,
        )
        row.full_clean(exclude=["delegation"], validate_constraints=False)
        members.append(row)
    members = bulk_create_with_history(members, DelegationMember, default_user=actor)
    now, late = timezone.now(), selectors.list_issued(meeting)
    decided = {"decided_at": now, "decided_by": actor} if accredit else {}
    nominations = [
        Nomination(
            member=member,
            status=NominationStatus.ACCREDITED if accredit else NominationStatus.SUBMITTED,
            late=late,
            submitted_at=now,
            submitted_by=actor,
            **decided,
        )
        for member in members
    ]
    bulk_create_with_history(nominations, Nomination, default_user=actor)
    return len(created), len(members)


def import_participants(
    *,
    meeting: Meeting,
    content: bytes,
    actor: User | None,
    filename: str = "",
    dry_run: bool = False,
    accredit: bool = False,
) -> ImportReport:
    """Import a spreadsheet of delegation members into `meeting` (see the module docstring).

    Raises SpreadsheetError if the file cannot be read, ImportRejectedError (with the report) if a
    row is bad; a dry run returns the report, bad rows and all, and writes nothing. The rows
    are checked again under the meeting's lock before they are written, so that two imports
    into one meeting do not both add a head or the same person.
    """
    if meeting.status == MeetingStatus.CANCELLED:
        raise ConflictError(
            _("The meeting was cancelled; it takes no participants."), code="invalid_transition"
        )
    file_format, rows = read_spreadsheet(content, filename)
    report = ImportReport(
        series=meeting.series,
        file_format=file_format,
        dry_run=dry_run,
        accredit=accredit,
        rows=len(rows),
    )
    with transaction.atomic():
        if not dry_run:
            meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        checker = _Checker(meeting, rows)
        planned = checker.check()
        report.errors = checker.errors
        report.members_created = len(planned) if report.valid else 0
        report.delegations_created = (
            len({member.entity.pk for member in planned} - set(checker.delegations))
            if report.valid
            else 0
        )
        if dry_run:
            return report
        if not report.valid:
            raise ImportRejectedError(report)
        report.delegations_created, report.members_created = _write(
            meeting, planned, existing=checker.delegations, actor=actor, accredit=accredit
        )
        report.written = True
    return report


# --- Export ----------------------------------------------------------------------------------


def members_for_export(
    meeting: Meeting, *, status: NominationStatus | None = None
) -> QuerySet[DelegationMember]:
    """The meeting's members in the report's order; with `status`, those whose nomination has
    it. One query."""
    queryset = delegation_members_for_list().filter(delegation__meeting=meeting)
    if status:
        queryset = queryset.filter(nomination__status=status)
    return queryset


def export_rows(members: Iterable[DelegationMember]) -> Iterator[list[str]]:
    yield list(COLUMNS)
    for member in members:
        yield [
            member.delegation.entity.code,
            member.delegation.category,
            member.role,
            member.get_honorific_display() if member.honorific else "",
            member.family_name,
            member.given_name,
            member.title,
            member.email,
        ]


def _as_text(value: str) -> str:
    # A CSV cell opened in a spreadsheet program must never run as a formula.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def to_csv(rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([_as_text(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def to_xlsx(rows: Iterable[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Participants")
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # text, never a formula, whatever it starts with
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_participants(
    *, meeting: Meeting, file_format: str, status: NominationStatus | None = None
) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the meeting's members in the import's columns."""
    rows = export_rows(members_for_export(meeting, status=status))
    content = to_csv(rows) if file_format == "csv" else to_xlsx(rows)
    filename = f"{meeting.series.replace('/', '-')}-participants.{file_format}"
    return content, CONTENT_TYPES[file_format], filename
