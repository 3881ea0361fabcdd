"""Report markup: the small line-based language report templates write, and its parser.

A template (Jinja, see `templating`) renders a meeting into report markup; `parse` turns the
markup into the `ReportDocument` tree of `document.py`, which the renderers turn into files.
Staff who edit a template only ever see this language, so it stays small.

Grammar, one construct a line::

    body: Meeting of the States Parties to the Convention ...    masthead (see below)
    symbol: BWC/MSP/2020/MX.5/CRP.1

    = Report of the Meeting of Experts[^A footnote on the title.]   the title
    # I. Introduction                  heading, level 1
    ## Agenda item 4                   heading, level 2
    ¶ The Meeting of Experts ...       numbered paragraph (the parser numbers them 1, 2, 3 ...)
    (a) a sub-item, or quoted text     any other line: an unnumbered paragraph
    | Symbol | Title |                 a table row; consecutive rows make one table, and the
    | BWC/MSP/2020/MX.5/1 | ... |      first row is the header
    ---pagebreak---                    a page break
    ---annex---                        a page break that starts an annex: numbering restarts at 1

- **Masthead.** The document starts with `key: value` lines up to the first blank line. The
  keys are `body`, `symbol`, `distribution`, `date`, `language`, `original`, and `session`
  (repeatable: one line of the meeting's name, dates and place, agenda item ...). An unknown
  key is an error. A document without a masthead gets an empty one.
- **Paragraphs run on.** A plain line directly after a title, heading, paragraph or text line
  continues it (as in Markdown), so a template may spread one long paragraph over several
  lines. Lines are joined with a space in English (none before ". , ; : )"); in Chinese with
  nothing, or with a space where a Latin letter or digit meets a Chinese character ("2021 年").
  A blank line ends a paragraph.
- **Footnotes.** `[^text]` anywhere in a title, heading or paragraph is a footnote. Its text
  leaves the line; the block carries it as a `Footnote`, numbered 1, 2, 3 ... through the whole
  document (a renderer puts the mark at the end of the block's text).
- **Escapes.** A backslash makes the next character plain: `\\#`, `\\¶`, `\\|`, `\\=`, `\\-`,
  `\\[`, `\\]`, `\\^`, `\\\\`. Templates never need to write them: every value a template prints
  is escaped for it (see `escape`), so no name or title in the data can start a heading or
  split a table cell.
- Spaces inside a line collapse to one; lines are stripped. Tabs are kept. In Chinese, a space
  between two Chinese characters or next to full-width punctuation is dropped, while one
  between a Chinese character and a Latin letter or digit stays: a template may put spaces
  around every value: "会议于 {{ date }} 在 {{ venue }} 举行" gives
  "会议于 2021 年 9 月 8 日在日内瓦万国宫举行".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from apps.core.errors import DomainError

from .document import Block, BlockKind, Footnote, Masthead, ReportDocument

MASTHEAD_KEYS = ("body", "symbol", "distribution", "date", "language", "original", "session")
PAGE_BREAK = "---pagebreak---"
ANNEX_BREAK = "---annex---"

# Characters a backslash escapes; `escape` protects these in every printed value.
SPECIAL = "\\#¶|=-[]^"
_ALWAYS_ESCAPED = "\\|[]"  # anywhere in a line: escapes, table cells, footnotes
_LEADING_ESCAPED = "#¶=-"  # only where a line could start with them

_MASTHEAD_LINE = re.compile(r"^([a-z_]+):(?:\s+(.*))?$")
_SPACES = re.compile(r" {2,}")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# In Chinese, no space between two Chinese characters, nor next to full-width punctuation
# (with the curly quotes Chinese text uses).
_CJK_PUNCTUATION = "\u2018-\u201d\u3000-\u303f\uff00-\uffef"
_CJK_CLASS = f"{_CJK_PUNCTUATION}\u3400-\u9fff"
_CJK_GAP = re.compile(
    f"(?<=[{_CJK_CLASS}]) +(?=[{_CJK_CLASS}])"
    f"|(?<=[{_CJK_PUNCTUATION}]) +"
    f"| +(?=[{_CJK_PUNCTUATION}])"
)


class MarkupError(DomainError):
    """The markup does not parse. `line` is the line number in the markup."""

    default_code = "invalid_markup"

    def __init__(self, message: str, *, line: int) -> None:
        super().__init__(f"Line {line}: {message}")
        self.line = line
        self.reason = message


def escape(value: str) -> str:
    """`value` as plain text in markup: one line, and no character that means markup."""
    text = " ".join(str(value).splitlines())
    text = "".join(f"\\{char}" if char in _ALWAYS_ESCAPED else char for char in text)
    if text and text[0] in _LEADING_ESCAPED:
        text = f"\\{text}"
    return text


def join_lines(first: str, second: str, lang: str) -> str:
    """Join two pieces of running text as `lang` writes them (see the module docstring)."""
    if not first or not second:
        return first or second
    if lang != "zh":
        return first + second if second[0] in ".,;:)" else f"{first} {second}"
    before, after = first[-1], second[0]
    if _CJK.match(before) and _CJK.match(after):
        return first + second
    if (_CJK.match(before) and after.isascii() and after.isalnum()) or (
        _CJK.match(after) and before.isascii() and before.isalnum()
    ):
        return f"{first} {second}"
    return first + second


def _find_unescaped(text: str, target: str, start: int = 0) -> int:
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text.startswith(target, index):
            return index
        index += 1
    return -1


def _unescape(text: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in SPECIAL:
            out.append(text[index + 1])
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _split_cells(row: str) -> tuple[str, ...]:
    """The raw cells of "| a | b |" (split at unescaped pipes; the outer pipes frame it)."""
    cells: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(row):
        char = row[index]
        if char == "\\" and index + 1 < len(row):
            current.append(row[index : index + 2])
            index += 2
            continue
        if char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    cells.append("".join(current))
    # "| a | b |" splits into "", " a ", " b ", "": the outer pipes frame the row.
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return tuple(cells)


def _tidy(text: str, lang: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    return _CJK_GAP.sub("", text) if lang == "zh" else text


@dataclass
class _Open:
    """A block being read: its kind, its raw (still escaped) text, where it began."""

    kind: BlockKind
    raw: str
    line: int
    level: int = 1
    numbered: bool = False
    rows: list[tuple[str, ...]] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str, lang: str) -> None:
        self.lines = text.splitlines()
        self.lang = lang
        self.blocks: list[Block] = []
        self.open: _Open | None = None
        self.number = 0
        self.footnotes = 0
        self.masthead: dict[str, str] = {}
        self.session: list[str] = []

    def parse(self) -> ReportDocument:
        start = self._read_masthead()
        for index in range(start, len(self.lines)):
            self._read(self.lines[index].strip(), index + 1)
        self._close()
        masthead = Masthead(
            body=self.masthead.get("body", ""),
            symbol=self.masthead.get("symbol", ""),
            distribution=self.masthead.get("distribution", ""),
            date=self.masthead.get("date", ""),
            language=self.masthead.get("language", ""),
            original=self.masthead.get("original", ""),
            session_lines=tuple(self.session),
        )
        return ReportDocument(lang=self.lang, masthead=masthead, blocks=tuple(self.blocks))

    def _read_masthead(self) -> int:
        first = next((i for i, line in enumerate(self.lines) if line.strip()), None)
        if first is None or not _MASTHEAD_LINE.match(self.lines[first].strip()):
            return 0
        index = first
        while index < len(self.lines) and self.lines[index].strip():
            line = self.lines[index].strip()
            match = _MASTHEAD_LINE.match(line)
            if not match or match.group(1) not in MASTHEAD_KEYS:
                key = match.group(1) if match else line
                raise MarkupError(
                    f"“{key}” is not a masthead key; the masthead takes "
                    f"{', '.join(MASTHEAD_KEYS)}, then a blank line.",
                    line=index + 1,
                )
            key, value = match.group(1), _tidy(_unescape(match.group(2) or ""), self.lang)
            if key == "session":
                self.session.append(value)
            elif key in self.masthead:
                raise MarkupError(f"the masthead gives “{key}” twice.", line=index + 1)
            else:
                self.masthead[key] = value
            index += 1
        return index

    def _read(self, line: str, number: int) -> None:
        if not line:
            self._close()
        elif line in (PAGE_BREAK, ANNEX_BREAK):
            self._close()
            self.blocks.append(Block(kind=BlockKind.PAGE_BREAK))
            if line == ANNEX_BREAK:
                self.number = 0
        elif line.startswith("|"):
            if not (self.open and self.open.kind == BlockKind.TABLE):
                self._close()
                self.open = _Open(kind=BlockKind.TABLE, raw="", line=number)
            self.open.rows.append(
                tuple(_tidy(_unescape(cell), self.lang) for cell in _split_cells(line))
            )
        elif line.startswith("="):
            self._start(BlockKind.TITLE, line[1:], number)
        elif line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            if level > 2:
                raise MarkupError("a heading has level 1 (#) or 2 (##).", line=number)
            self._start(BlockKind.HEADING, line[level:], number, level=level)
        elif line.startswith("¶"):
            self._start(BlockKind.PARAGRAPH, line[1:], number)
        elif self.open and self.open.kind != BlockKind.TABLE:
            self.open.raw = join_lines(self.open.raw, line, self.lang)
        else:
            self._start(BlockKind.TEXT, line, number)

    def _start(self, kind: BlockKind, raw: str, line: int, *, level: int = 1) -> None:
        self._close()
        self.open = _Open(kind=kind, raw=raw.strip(), line=line, level=level)

    def _close(self) -> None:
        block, self.open = self.open, None
        if block is None:
            return
        if block.kind == BlockKind.TABLE:
            self.blocks.append(Block(kind=BlockKind.TABLE, rows=tuple(block.rows)))
            return
        text, notes = self._footnotes(block.raw, block.line)
        if not text and not notes:
            raise MarkupError("this line starts a block but gives it no text.", line=block.line)
        number = None
        if block.kind == BlockKind.PARAGRAPH:
            self.number += 1
            number = self.number
        self.blocks.append(
            Block(kind=block.kind, text=text, level=block.level, number=number, footnotes=notes)
        )

    def _footnotes(self, raw: str, line: int) -> tuple[str, tuple[Footnote, ...]]:
        notes: list[Footnote] = []
        kept: list[str] = []
        position = 0
        while True:
            start = _find_unescaped(raw, "[^", position)
            if start < 0:
                kept.append(raw[position:])
                break
            end = _find_unescaped(raw, "]", start + 2)
            if end < 0:
                raise MarkupError("a footnote “[^” is not closed with “]”.", line=line)
            kept.append(raw[position:start])
            self.footnotes += 1
            notes.append(
                Footnote(
                    number=self.footnotes, text=_tidy(_unescape(raw[start + 2 : end]), self.lang)
                )
            )
            position = end + 1
        return _tidy(_unescape("".join(kept)), self.lang), tuple(notes)


def parse(text: str, lang: str) -> ReportDocument:
    """The `ReportDocument` that `text` (report markup, see the module docstring) describes.

    Raises `MarkupError`, naming the line, when the markup does not parse.
    """
    return _Parser(text, lang).parse()
