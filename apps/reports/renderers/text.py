"""Plain text (UTF-8): what a report says, laid out as the seeds' text is.

The masthead first (body, symbol, distribution, date, language, original; then the session
lines), then the blocks: the title, headings, numbered paragraphs as "1. ...", unnumbered
paragraphs as they are, tables as tab-separated rows. A footnote's mark is a superscript
number at the end of its block ("报告¹"); the notes themselves stand at the foot of their page,
under a rule: before each page break (a form feed) and at the end.
"""

from ..document import Block, BlockKind, Footnote, ReportDocument

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
RULE = "_" * 20
PAGE_BREAK = "\f"


def _marks(footnotes: tuple[Footnote, ...]) -> str:
    return "".join(str(note.number).translate(SUPERSCRIPTS) for note in footnotes)


def _masthead(document: ReportDocument) -> list[str]:
    masthead = document.masthead
    lines = [
        masthead.body,
        masthead.symbol,
        f"Distr.: {masthead.distribution}" if masthead.distribution else "",
        masthead.date,
        masthead.language,
        masthead.original,
    ]
    lines = [line for line in lines if line]
    if masthead.session_lines:
        lines += ["", *masthead.session_lines]
    return lines


def _block(block: Block) -> list[str]:
    marks = _marks(block.footnotes)
    if block.kind == BlockKind.TABLE:
        return ["\t".join(row) for row in block.rows]
    if block.kind == BlockKind.PARAGRAPH:
        return [f"{block.number}. {block.text}{marks}"]
    return [f"{block.text}{marks}"]


def _notes(footnotes: list[Footnote]) -> list[str]:
    if not footnotes:
        return []
    return ["", RULE, *(f"{_marks((note,))} {note.text}" for note in footnotes)]


def render_text(document: ReportDocument) -> bytes:
    """`document` as UTF-8 plain text (see the module docstring)."""
    lines = _masthead(document)
    pending: list[Footnote] = []
    for block in document.blocks:
        if block.kind == BlockKind.PAGE_BREAK:
            lines += _notes(pending)
            pending = []
            lines += ["", PAGE_BREAK]
            continue
        if lines and lines[-1] != PAGE_BREAK:
            lines.append("")
        lines += _block(block)
        pending += block.footnotes
    lines += _notes(pending)
    return ("\n".join(lines).strip("\n") + "\n").encode("utf-8")
