"""Report templates: Jinja run in a sandbox, rendering report markup (see `markup`).

The default templates are files in `report_templates/`, `<kind>.<lang>.txt.j2`; a meeting may
override one from the admin. Uploaded text is untrusted, so every template, default or not,
runs the same way:

- in Jinja's immutable sandbox: no attribute that starts with "_", no method that changes a
  list or a dict, no `include`, `import` or `extends` (and no loader: a template cannot read
  a file), `range` capped, huge `*` and `**` refused, output capped;
- with `StrictUndefined`: a name the context does not have is an error, not an empty string;
- every value printed with `{{ ... }}` is escaped for report markup (`markup.escape`), so data
  can never start a heading or split a table cell; a `None` printed is an error (the data
  lacks something the template needs: `checks.py` says what). Jinja's autoescape mode is on
  only so that macros return trusted text; nothing is ever HTML-escaped, except a value
  joined with `~` to the result of a macro or of a `{% set %}` block: print them side by
  side instead.

Filters for report text: `and_list` ("A, B and C"; "A、B 和 C"), `plain_list` ("A, B, C";
"A、B、C"; a separator may be given), `capfirst`, `a_an` ("update" → "an update"), and `blocks`
(stored text such as the mandate, as markup blocks).

`validate_template` checks a template before it is stored: it compiles it, refuses what the
sandbox forbids, and renders it against two sample meetings built in memory (one rich, one
sparse, so that both branches of "one" / "several" run), or against a given meeting.
Every error is a `TemplateError` that names the template's line.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

from django.utils import translation
from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from apps.agendas.enums import AgendaStatus, InterventionKind
from apps.agendas.models import Agenda, AgendaItem, Intervention
from apps.core.errors import DomainError
from apps.delegations.enums import MemberRole, Rule44Category
from apps.delegations.models import Delegation, DelegationMember, StatedCount
from apps.documents.annex import AnnexRow
from apps.documents.enums import DocumentType, Modifier
from apps.documents.models import Document
from apps.entities.enums import EntityKind
from apps.entities.models import Entity
from apps.meetings.enums import Honorific, MeetingKind, OfficerRole, PostponementAuthority
from apps.meetings.models import Meeting, Officer, Postponement, PostponementLetter

from . import markup
from .context import MeetingData, StoredBlock, and_list, context_from_data, plain_list
from .context import report_context as build_report_context
from .document import ReportDocument
from .enums import ReportKind

TEMPLATE_DIR = Path(__file__).resolve().parent / "report_templates"
TEMPLATE_LANGUAGES = ("en", "zh")
TEMPLATE_NAME = "<template>"  # the file name Jinja gives template frames (from_string)
MAX_OUTPUT = 2_000_000  # characters of markup: far above any report (MX.1 in Chinese: ~20 000)
MAX_RANGE = 10_000
MAX_REPEAT = 100_000  # the longest string or list `*` may make


class TemplateError(DomainError):
    """A template does not compile, uses what the sandbox forbids, or does not render.

    `line` is the line of the template's source where it went wrong (None when unknown).
    """

    default_code = "invalid_template"

    def __init__(self, message: str, *, line: int | None = None, code: str | None = None) -> None:
        super().__init__(f"Line {line}: {message}" if line else message, code=code, field="source")
        self.line = line
        self.reason = message


class _MissingValueError(Exception):
    """A template printed None: the data lacks what this part of the report needs."""


# --- the environment ---------------------------------------------------------------------


def _finalize(value: Any) -> Markup:
    if isinstance(value, Markup):
        return value  # a macro's output, or the `blocks` filter's: markup already
    if value is None:
        raise _MissingValueError("the template prints a value the meeting's data does not have")
    # Markup marks text as escaped for report markup (never HTML): Jinja leaves it alone.
    return Markup(markup.escape(str(value)))  # noqa: S704 -- escaped for report markup


def _capfirst(value: Any) -> str:
    text = str(value)
    text = text[:1].upper() + text[1:]
    # A macro's output stays markup: escaping it again would double its escapes.
    return Markup(text) if isinstance(value, Markup) else text  # noqa: S704 -- markup in, out


def _a_an(value: Any) -> str:
    """ "Update on the database" → "an update on the database"."""
    text = str(value)
    if not text:
        return text
    if not text[1:2].isupper():  # keep acronyms ("ISU report")
        text = text[:1].lower() + text[1:]
    article = "an" if text[:1].lower() in "aeiou" else "a"
    return f"{article} {text}"


def _blocks(value: Iterable[StoredBlock]) -> Markup:
    """Stored text (the mandate, the Chair's summary) as markup: "¶" for its numbered
    paragraphs, "##" for its headings, table rows, plain lines for the rest."""
    out: list[str] = []
    for block in value:
        if block.kind == "numbered":
            out.append(f"¶ {markup.escape(block.text)}")
        elif block.kind == "heading":
            out.append(f"## {markup.escape(block.text)}")
        elif block.kind == "table":
            out.append(
                "\n".join(
                    "| " + " | ".join(markup.escape(cell) for cell in row) + " |"
                    for row in block.rows
                )
            )
        else:
            out.append(markup.escape(block.text))
    return Markup("\n\n".join(out))  # noqa: S704 -- every piece escaped for report markup


class ReportEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox report templates run in; see the module docstring."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if isinstance(right, int) and abs(right) > 64:
                raise SecurityError("the exponent is too large")
            return operator.pow(left, right)
        sized = [side for side in (left, right) if isinstance(side, (str, list, tuple))]
        counts = [side for side in (left, right) if isinstance(side, int)]
        if sized and counts and len(sized[0]) * counts[0] > MAX_REPEAT:
            raise SecurityError("the result of * is too large")
        return operator.mul(left, right)


@cache
def environment(lang: str) -> ReportEnvironment:
    env = ReportEnvironment(
        undefined=StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    for name in ("lipsum", "cycler", "joiner"):
        env.globals.pop(name, None)
    env.globals["range"] = _capped_range
    env.filters.update(
        {
            "and_list": lambda items: and_list(items, lang),
            "plain_list": lambda items, separator=None: plain_list(
                items, lang, separator=separator
            ),
            "capfirst": _capfirst,
            "a_an": _a_an,
            "blocks": _blocks,
        }
    )
    return env


def _capped_range(*args: int) -> range:
    values = range(*args)
    if len(values) > MAX_RANGE:
        raise SecurityError(f"range() is limited to {MAX_RANGE} numbers in a report template")
    return values


# --- checking and rendering ----------------------------------------------------------------


def default_template_source(kind: str, lang: str) -> str:
    """The text of the default template of `kind` in `lang` (a file in the repository)."""
    _check_kind(kind, lang)
    return (TEMPLATE_DIR / f"{kind}.{lang}.txt.j2").read_text(encoding="utf-8")


def _check_kind(kind: str, lang: str) -> None:
    if kind not in ReportKind.values:
        raise TemplateError(f"There is no kind of report called “{kind}”.", code="unknown_kind")
    if lang not in TEMPLATE_LANGUAGES:
        raise TemplateError(
            f"Report templates exist in {', '.join(TEMPLATE_LANGUAGES)}, not “{lang}”.",
            code="unknown_language",
        )


def _template_line(traceback: TracebackType | None) -> int | None:
    """The template line an error was raised at: Jinja rewrites tracebacks so that template
    code appears as frames of a file named like the template."""
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == TEMPLATE_NAME:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def _forbidden(tree: nodes.Template) -> tuple[str, int] | None:
    """What a template may not write, found before it runs: `_` attributes (the way out of
    every sandbox escape), and including, importing or extending other templates."""
    for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        return (
            "a report template stands alone: it cannot include, import or extend another template.",
            node.lineno,
        )
    for node in tree.find_all(nodes.Getattr):
        if node.attr.startswith("_"):
            return _unsafe(node.attr), node.lineno
    for node in tree.find_all(nodes.Getitem):
        if isinstance(node.arg, nodes.Const) and str(node.arg.value).startswith("_"):
            return _unsafe(str(node.arg.value)), node.lineno
    for node in tree.find_all(nodes.Filter):
        if node.name == "attr" and any(
            isinstance(arg, nodes.Const) and str(arg.value).startswith("_") for arg in node.args
        ):
            return _unsafe(str(node.args[0].value)), node.lineno
    return None


def _unsafe(name: str) -> str:
    return (
        f"“{name}” reaches into Python's internals, which report templates may not use; "
        "use only the report's data (meeting, organization, participation, items, documents)."
    )


@lru_cache(maxsize=64)
def _compile(source: str, lang: str) -> Any:
    """The template of `source`, checked and compiled; kept per source and language, since
    compiling the default report template costs about as much as rendering it."""
    env = environment(lang)
    try:
        tree = env.parse(source, name=TEMPLATE_NAME)
    except TemplateSyntaxError as error:
        raise TemplateError(
            f"the template does not compile: {error.message}", line=error.lineno, code="syntax"
        ) from error
    forbidden = _forbidden(tree)
    if forbidden is not None:
        message, line = forbidden
        raise TemplateError(message, line=line, code="unsafe")
    try:
        return env.from_string(source)
    except TemplateSyntaxError as error:
        raise TemplateError(
            f"the template does not compile: {error.message}", line=error.lineno, code="syntax"
        ) from error


def _render_markup(template: Any, context: dict[str, Any]) -> str:
    chunks: list[str] = []
    size = 0
    try:
        for chunk in template.generate(context):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateError(
                    f"the template writes more than {MAX_OUTPUT} characters; a report is far "
                    "shorter (a loop that never ends?).",
                    code="too_long",
                )
    except TemplateError:
        raise
    except SecurityError as error:
        raise TemplateError(
            f"the template tried something report templates may not do: {error}",
            line=_template_line(error.__traceback__),
            code="unsafe",
        ) from error
    except _MissingValueError as error:
        raise TemplateError(
            f"{error}; test for it first ({{% if ... %}}), or complete the data (see the checks).",
            line=_template_line(error.__traceback__),
            code="missing_value",
        ) from error
    except JinjaTemplateError as error:
        raise TemplateError(
            f"the template does not render: {error}",
            line=_template_line(error.__traceback__),
            code="render",
        ) from error
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ArithmeticError) as error:
        raise TemplateError(
            f"the template does not render: {type(error).__name__}: {error}",
            line=_template_line(error.__traceback__),
            code="render",
        ) from error
    return "".join(chunks)


def _parse(text: str, lang: str) -> ReportDocument:
    try:
        return markup.parse(text, lang)
    except markup.MarkupError as error:
        lines = text.splitlines()
        shown = lines[error.line - 1].strip() if 0 < error.line <= len(lines) else ""
        raise TemplateError(
            f"the template writes markup that does not parse, at line {error.line} of its "
            f"output (“{shown[:80]}”): {error.reason}",
            code="invalid_markup",
        ) from error


def render_markup(*, source: str, context: dict[str, Any], lang: str) -> str:
    """The report markup `source` renders for `context` (the sandbox and its checks apply)."""
    return _render_markup(_compile(source, lang), context)


def render_report(
    *,
    meeting: Meeting,
    kind: str,
    lang: str,
    template_source: str | None = None,
    context: dict[str, Any] | None = None,
) -> ReportDocument:
    """The report of `kind` for `meeting` in `lang`: the context (`context.report_context`, or
    `context` if already built) rendered by the meeting's template (`template_source`) or the
    default one, in the sandbox, parsed into a `ReportDocument`. Raises `TemplateError` naming
    the template's line."""
    source = default_template_source(kind, lang) if template_source is None else template_source
    _check_kind(kind, lang)
    with translation.override(lang):
        if context is None:
            context = build_report_context(meeting=meeting, lang=lang)
        return _parse(render_markup(source=source, context=context, lang=lang), lang)


def validate_template(source: str, *, kind: str, lang: str, meeting: Meeting | None = None) -> None:
    """Refuse a template that does not compile, reaches for Python's internals, or does not
    render into valid markup, for `meeting` or else for two sample meetings built in memory
    (nothing is read or written). Raises `TemplateError` naming the line."""
    _check_kind(kind, lang)
    if not isinstance(source, str) or not source.strip():
        raise TemplateError("The template is empty.", code="empty")
    template = _compile(source, lang)
    with translation.override(lang):
        if meeting is not None:
            contexts = [build_report_context(meeting=meeting, lang=lang)]
        else:
            contexts = [context_from_data(data, lang=lang) for data in sample_data(lang)]
        for context in contexts:
            _parse(_render_markup(template, context), lang)


# --- sample meetings, built in memory ------------------------------------------------------


def sample_data(lang: str) -> list[MeetingData]:
    """Two made-up meetings for checking templates: one with every feature and several of
    everything, one with the least a report can have and one of everything. Unsaved rows:
    building them reads and writes nothing."""
    return [_sample(lang, rich=True), _sample(lang, rich=False)]


def _entity(pk: int, code: str, kind: str, en: str, zh: str, **extra: str) -> Entity:
    return Entity(pk=pk, code=code, kind=kind, name_en=en, name_zh=zh, **extra)


def _sample(lang: str, *, rich: bool) -> MeetingData:
    parent = Meeting(
        pk=900,
        series="BWC/MSP/2099",
        kind=MeetingKind.MEETING_OF_STATES_PARTIES,
        year=2099,
        title_en="2099 Meeting of States Parties",
        title_zh="2099 年缔约国会议",
        scheduled_start=date(2099, 11, 22),
        scheduled_end=date(2099, 11, 25),
    )
    meeting = Meeting(
        pk=901,
        series="BWC/MSP/2099/MX.9",
        kind=MeetingKind.MEETING_OF_EXPERTS,
        parent=parent,
        year=2099,
        number=9,
        title_en="2099 Meeting of Experts on a Sample Topic",
        title_zh="样例专题问题专家会议 2099 年会议",
        scheduled_start=date(2099, 8, 25),
        scheduled_end=date(2099, 8, 26) if rich else date(2099, 8, 25),
        start_date=date(2099, 8, 30) if rich else date(2099, 8, 25),
        end_date=date(2099, 9, 1) if rich else date(2099, 8, 25),
        rules_of_procedure="BWC/CONF.VIII/2",
        rules_applied_mutatis_mutandis=rich,
        report_adopted_on=date(2099, 9, 1) if rich else None,
        mandate_en="1. The States Parties decided ...\n\n(a) A sub-item [...]\n\n"
        "\tMSP\tMX1\n2099\tNAM\tWG\n\n2. The General Assembly ...",
        mandate_zh="1. 缔约国决定……\n\n(a) 分项 [...]\n\n\t缔约国会议\t第一次专家会议\n"
        "2099 年\t不结盟运动\t西方集团\n\n2. 大会……",
        chair_summary_en="Summary report\n\n1. The Chair ...\n\nAgenda item 4\n\n2. ..."
        if rich
        else "",
        chair_summary_zh="概要报告\n\n1. 主席……\n\n议程项目 4\n\n2. ……" if rich else "",
    )
    states = [
        _entity(1, "QAA", EntityKind.STATE, "Alphaland", "阿尔法", name_en_in_text="the Alphaland"),
        _entity(2, "QBB", EntityKind.STATE, "Betaland", "贝塔"),
        _entity(3, "QCC", EntityKind.STATE, "Gammaland (Republic of)", "伽马共和国"),
        _entity(4, "QDD", EntityKind.STATE, "Deltaland", "德尔塔"),
        _entity(5, "QEE", EntityKind.STATE, "Epsilonland", "艾普西隆"),
        _entity(6, "QFF", EntityKind.STATE, "Zetaland", "泽塔"),
    ]
    un = [
        _entity(
            11,
            "UNA",
            EntityKind.UN_ENTITY,
            "United Nations Office A",
            "联合国甲办公室",
            abbreviation_en="UNOA",
            abbreviation_zh="甲办",
        ),
        _entity(12, "UNB", EntityKind.UN_ENTITY, "United Nations Office B", "联合国乙办公室"),
    ]
    ios = [
        _entity(
            21,
            "IOA",
            EntityKind.INTERNATIONAL_ORGANIZATION,
            "Organization A",
            "甲组织",
            abbreviation_en="OA",
            abbreviation_zh="甲组",
        ),
        _entity(22, "IOB", EntityKind.INTERNATIONAL_ORGANIZATION, "Organization B", "乙组织"),
    ]
    isu = _entity(31, "SECR", EntityKind.UN_ENTITY, "Implementation Support Unit", "执行支助股")
    group = _entity(32, "GRP", EntityKind.GROUP, "Group of Sample States", "样例国家集团")
    guest = _entity(33, "GUEST", EntityKind.INDIVIDUAL, "Ms. Jane Guest", "简·嘉宾女士")

    def delegation(
        pk: int, entity: Entity, category: str, position: int, **extra: str
    ) -> Delegation:
        return Delegation(
            pk=pk, meeting=meeting, entity=entity, category=category, position=position, **extra
        )

    delegations = [
        delegation(101, states[0], Rule44Category.STATE_PARTY, 1),
        delegation(
            102,
            states[1],
            Rule44Category.STATE_PARTY,
            2,
            listed_name_en="Betaland (old)",
            listed_name_zh="旧贝塔",
        ),
        delegation(103, states[2], Rule44Category.STATE_PARTY, 3),
        delegation(104, states[3], Rule44Category.SIGNATORY, 1),
        delegation(105, states[4], Rule44Category.OBSERVER_STATE, 1),
        delegation(111, un[0], Rule44Category.UN_ENTITY, 1),
        delegation(121, ios[0], Rule44Category.INTERNATIONAL_ORGANIZATION, 1),
    ]
    if rich:
        delegations += [
            delegation(106, states[5], Rule44Category.SIGNATORY, 2),
            delegation(112, un[1], Rule44Category.UN_ENTITY, 2),
            delegation(122, ios[1], Rule44Category.INTERNATIONAL_ORGANIZATION, 2),
            delegation(131, guest, Rule44Category.GUEST, 1),
        ]
    members = {
        101: [
            DelegationMember(
                pk=1001,
                delegation=delegations[0],
                role=MemberRole.HEAD,
                position=1,
                honorific=Honorific.MS,
                family_name="Doe",
                given_name="Jane",
                title="Ambassador",
            ),
            DelegationMember(
                pk=1002,
                delegation=delegations[0],
                role=MemberRole.ADVISER,
                position=2,
                honorific=Honorific.MR,
                family_name="Roe",
                given_name="Richard",
            ),
        ]
    }
    stated = {
        Rule44Category.STATE_PARTY: StatedCount(
            meeting=meeting,
            category=Rule44Category.STATE_PARTY,
            count=3,
            wording_en="3",
            wording_zh="3",
        ),
        Rule44Category.NGO: StatedCount(
            meeting=meeting,
            category=Rule44Category.NGO,
            count=12 if rich else 1,
            wording_en="twelve" if rich else "one",
            wording_zh="十二个" if rich else "一个",
        ),
    }
    chair = Officer(
        pk=201,
        meeting=meeting,
        role=OfficerRole.CHAIR,
        position=1,
        honorific=Honorific.MS,
        name_en="Jane Chair",
        name_zh="简·主席",
        title_en="Permanent Representative of Alphaland" if rich else "",
        title_zh="阿尔法常驻代表" if rich else "",
        entity=states[0],
    )
    officers = [
        chair,
        Officer(
            pk=202,
            meeting=meeting,
            role=OfficerRole.SECRETARY,
            position=2,
            honorific=Honorific.MR,
            name_en="John Secretary",
            name_zh="约翰·秘书",
            title_en="Chief, Implementation Support Unit",
            title_zh="执行支助股股长",
        ),
    ]
    if rich:
        officers += [
            Officer(
                pk=203,
                meeting=meeting,
                role=OfficerRole.VICE_CHAIR,
                position=3,
                honorific=Honorific.MR,
                name_en="Victor Vice",
                name_zh="维克多·副",
                entity=states[1],
            ),
            Officer(
                pk=204,
                meeting=meeting,
                role=OfficerRole.DEPUTY_SECRETARY,
                position=4,
                honorific=Honorific.MR,
                name_en="Dan Deputy",
                name_zh="丹·副手",
                title_en="Political Affairs Officer",
                title_zh="政治事务干事",
            ),
            Officer(
                pk=205,
                meeting=meeting,
                role=OfficerRole.SECRETARIAT_STAFF,
                position=5,
                honorific=Honorific.MS,
                name_en="Sue Staff",
                name_zh="苏·职员",
                title_en="Political Affairs Officer",
                title_zh="政治事务干事",
            ),
            Officer(
                pk=206,
                meeting=meeting,
                role=OfficerRole.SECRETARIAT_STAFF,
                position=6,
                honorific="",
                name_en="Sam Staff",
                name_zh="萨姆·职员",
            ),
        ]
    postponements, letters = [], {}
    if rich:
        moved = Postponement(
            pk=301,
            meeting=meeting,
            position=1,
            from_start=date(2099, 8, 25),
            from_end=date(2099, 8, 26),
            to_start=date(2099, 8, 30),
            to_end=date(2099, 9, 1),
            authority=PostponementAuthority.SILENCE_PROCEDURE,
            reason_en="The sample pandemic.",
            reason_zh="样例大流行",
        )
        postponements = [moved]
        letters = {
            301: [
                PostponementLetter(
                    pk=311,
                    postponement=moved,
                    dated=date(2099, 1, 5),
                    author_en="the Chair of the 2099 Meeting of States Parties",
                    author_zh="2099 年缔约国会议主席",
                ),
                PostponementLetter(
                    pk=312,
                    postponement=moved,
                    dated=date(2099, 3, 9),
                    author_en="the Chair of the 2099 Meeting of States Parties",
                    author_zh="2099 年缔约国会议主席",
                ),
            ]
        }
    agenda = Agenda(
        pk=401,
        meeting=meeting,
        symbol="BWC/MSP/2099/MX.9/1",
        status=AgendaStatus.ADOPTED if rich else AgendaStatus.PROVISIONAL,
        adopted_on=date(2099, 8, 30) if rich else None,
    )
    items = [
        AgendaItem(
            pk=411,
            agenda=agenda,
            number=4,
            title_en="Consideration of a sample topic",
            title_zh="审议样例专题",
            subtopics_en="Sub-topic one\nSub-topic two",
            subtopics_zh="分专题一\n分专题二",
        ),
        AgendaItem(
            pk=412, agenda=agenda, number=5, title_en="Adoption of the report", title_zh="通过报告"
        ),
    ]
    if rich:
        items.insert(
            1,
            AgendaItem(
                pk=413, agenda=agenda, number=6, title_en="Another topic", title_zh="另一专题"
            ),
        )
        items.sort(key=lambda item: item.number)

    def document(
        pk: int,
        doc_type: str,
        number: int,
        *,
        parent: Document | None = None,
        modifier: str = "",
        modifier_number: int | None = None,
    ) -> Document:
        symbol = f"{meeting.series}/{doc_type + '.' if doc_type else ''}{number}"
        if parent is not None:
            symbol = f"{parent.symbol}/{modifier}.{modifier_number}"
        return Document(
            pk=pk,
            meeting=meeting,
            symbol=symbol,
            doc_type=doc_type,
            number=number,
            parent=parent,
            modifier=modifier,
            modifier_number=modifier_number,
            title_en=f"Sample document {pk}",
            title_zh=f"样例文件{pk}",
        )

    documents = [
        document(501, DocumentType.MAIN, 1),
        document(502, DocumentType.MAIN, 2),
        document(503, DocumentType.CONFERENCE_ROOM_PAPER, 1),
        document(504, DocumentType.INFORMATION, 1),
        document(505, DocumentType.WORKING_PAPER, 1),
    ]
    if rich:
        documents += [
            document(506, DocumentType.WORKING_PAPER, 2),
            document(507, DocumentType.WORKING_PAPER, 3),
        ]
        documents.append(
            document(
                508,
                DocumentType.WORKING_PAPER,
                3,
                parent=documents[-1],
                modifier=Modifier.CORRIGENDUM,
                modifier_number=1,
            )
        )

    def intervention(
        pk: int, item: AgendaItem, position: int, kind: str, speaker: Entity, **extra: Any
    ) -> Intervention:
        return Intervention(
            pk=pk, agenda_item=item, position=position, kind=kind, speaker=speaker, **extra
        )

    first = items[0]
    if rich:
        interventions = [
            intervention(
                601,
                first,
                1,
                InterventionKind.BRIEFING,
                isu,
                note_en="Update",
                note_zh="简要介绍了最新情况",
            ),
            intervention(602, first, 2, InterventionKind.WORKING_PAPER, states[0]),
            intervention(603, first, 3, InterventionKind.WORKING_PAPER, states[1]),
            intervention(604, first, 4, InterventionKind.DISCUSSION, states[0], on_behalf_of=group),
            intervention(605, first, 5, InterventionKind.DISCUSSION, states[1]),
            intervention(606, first, 6, InterventionKind.PRESENTATION, un[0]),
            intervention(
                607,
                first,
                7,
                InterventionKind.PRESENTATION,
                guest,
                note_en="Presentation as guest of the meeting",
                note_zh="简·嘉宾女士作为会议嘉宾作了介绍",
            ),
            intervention(608, first, 8, InterventionKind.STATEMENT, ios[0]),
            intervention(609, first, 9, InterventionKind.STATEMENT, ios[1]),
            intervention(610, items[1], 1, InterventionKind.PRESENTATION, ios[0]),
            intervention(611, items[1], 2, InterventionKind.PRESENTATION, ios[1]),
        ]
        papers = {602: [505], 603: [506, 507, 508]}
    else:
        interventions = [
            intervention(601, first, 1, InterventionKind.WORKING_PAPER, states[0]),
            intervention(602, first, 2, InterventionKind.DISCUSSION, states[0]),
            intervention(603, first, 3, InterventionKind.STATEMENT, ios[0]),
        ]
        papers = {601: [505]}
    annex = [
        AnnexRow(
            symbol=d.symbol,
            language_note="English only" if lang == "en" else "仅英文本",
            title=d.title_zh if lang == "zh" else d.title_en,
            submitted_by="",
        )
        for d in documents
    ]
    return MeetingData(
        meeting=meeting,
        agenda=agenda,
        items=items,
        postponements=postponements,
        letters=letters,
        officers=officers,
        delegations=delegations,
        members=members,
        stated_counts=stated,
        interventions=interventions,
        papers=papers,
        documents=documents,
        annex=annex,
    )
