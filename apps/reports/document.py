"""The document tree every report is made of, between the templates and the renderers.

A template (Jinja, sandboxed) renders a meeting's context into report markup; `markup.parse`
turns that markup into a `ReportDocument`; each renderer (DOCX, PDF via HTML, HTML, plain
text) turns a `ReportDocument` into a file. Renderers know nothing of meetings, and templates
nothing of file formats.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    TITLE = "title"  # the document's title, once, after the masthead
    HEADING = "heading"  # a section heading ("I. Introduction"); level 1 or 2
    PARAGRAPH = "paragraph"  # a numbered paragraph of the body (number set by the parser)
    TEXT = "text"  # an unnumbered paragraph (quoted text, a sub-item such as "(a) ...")
    TABLE = "table"  # rows of cells; the first row is the header
    PAGE_BREAK = "page_break"  # before an annex


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str = ""
    level: int = 1
    number: int | None = None  # numbered paragraphs: 1, 2, 3 ... (restarting in each annex)
    footnotes: tuple[Footnote, ...] = ()  # footnotes whose marks stand at the end of `text`
    rows: tuple[tuple[str, ...], ...] = ()  # tables only


@dataclass(frozen=True)
class Masthead:
    """The first lines of a UN document, as on the seeds' first page."""

    body: str  # e.g. "Meeting of the States Parties to the Convention on the Prohibition ..."
    symbol: str  # e.g. "BWC/MSP/2020/MX.5/CRP.1"
    distribution: str  # "General" / "Limited"
    date: str  # e.g. "8 September 2021" (in the document's language)
    language: str  # e.g. "Chinese"
    original: str  # e.g. "Original: English"
    session_lines: tuple[str, ...] = ()  # meeting name, dates and place, agenda item ...


@dataclass(frozen=True)
class ReportDocument:
    lang: str  # "en" or "zh" (a UN language code)
    masthead: Masthead
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def text(self) -> str:
        """All the words, masthead included, in reading order (what tests compare)."""
        lines = [
            self.masthead.body,
            self.masthead.symbol,
            self.masthead.distribution,
            self.masthead.date,
            self.masthead.language,
            self.masthead.original,
            *self.masthead.session_lines,
        ]
        for block in self.blocks:
            if block.kind == BlockKind.TABLE:
                lines.extend("\t".join(row) for row in block.rows)
            elif block.kind == BlockKind.PARAGRAPH:
                lines.append(f"{block.number}. {block.text}")
            elif block.text:
                lines.append(block.text)
            lines.extend(f"{note.number} {note.text}" for note in block.footnotes)
        return "\n".join(lines)
