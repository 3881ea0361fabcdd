"""A `ReportDocument` as one self-contained, printable HTML page: the preview and the PDF source.

The page carries its own CSS (no external files), `lang="zh-CN"` for Chinese so that browsers
and WeasyPrint pick the Simplified Chinese glyphs, and the font stack "WenQuanYi Micro Hei",
"Noto Sans CJK SC", sans-serif. Every word is escaped.

Footnotes come in two shapes, chosen by `paged`:

- the preview (`paged=False`): a superscript link at the mark, and the notes listed at the end;
- the PDF (`paged=True`): each note is an element with CSS `float: footnote`, which WeasyPrint
  (and only a paged-media engine) sets at the foot of the page where its mark falls, numbered
  by the `footnote` counter, as in the seeds.
"""

from html import escape

from ..document import Block, BlockKind, Masthead, ReportDocument

CONTENT_TYPE_HTML = "text/html; charset=utf-8"

UNITED_NATIONS = {"en": "United Nations", "zh": "联合国"}
NOTES_HEADING = {"en": "Notes", "zh": "脚注"}
HTML_LANG = {"zh": "zh-CN"}

CJK_FONTS = '"WenQuanYi Micro Hei", "Noto Sans CJK SC"'
FONT_FAMILY = {
    "zh": f"{CJK_FONTS}, sans-serif",
    # Latin text in a serif face; Chinese names inside English text still find a CJK font.
    "en": f'"Times New Roman", "Liberation Serif", "DejaVu Serif", {CJK_FONTS}, serif',
}

STYLE = """
@page {
  size: A4;
  margin: 2.5cm 2.2cm 2.5cm 2.2cm;
  @top-right { content: "%(symbol)s"; font-size: 9pt; }
  @bottom-center { content: counter(page); font-size: 9pt; }
}
@page :first { @top-right { content: none; } }
html { font-family: %(font)s; font-size: 10.5pt; line-height: 1.45; color: #000; }
body { margin: 0 auto; max-width: 17cm; padding: 1em; }
.masthead { border-collapse: collapse; width: 100%%; margin-bottom: 1em; }
.masthead td { vertical-align: bottom; padding: 2pt 0; border-bottom: 1.5pt solid #000; }
.masthead .un { font-size: 14pt; }
.masthead .symbol { font-size: 14pt; font-weight: bold; text-align: right; white-space: nowrap; }
.masthead .body { font-size: 13pt; font-weight: bold; width: 62%%; padding-right: 1em; }
.masthead .distr { font-size: 10pt; }
.session p { margin: 0; }
.session p:first-child { font-weight: bold; margin-top: 1em; }
h1.title { font-size: 16pt; margin: 1.2em 0 0.6em; }
h2 { font-size: 12pt; margin: 1.2em 0 0.5em; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 1em 0 0.4em; page-break-after: avoid; }
p { margin: 0 0 0.5em; text-align: justify; }
/* Justifying Chinese stretches only the spaces around Latin words: set it flush left. */
html:lang(zh) p { text-align: left; }
p.numbered, p.text { padding-left: 2cm; }
p.numbered { text-indent: -1cm; }
p.numbered .num { display: inline-block; width: 1cm; text-indent: 0; }
table.grid { border-collapse: collapse; width: 100%%; margin: 0.5em 0 1em; }
table.grid th, table.grid td {
  border: 0.5pt solid #000; padding: 3pt 4pt; vertical-align: top; text-align: left;
}
table.grid thead { display: table-header-group; }
table.grid tr { page-break-inside: avoid; }
.page-break { page-break-after: always; break-after: page; height: 0; }
.notes { border-top: 0.5pt solid #000; margin-top: 2em; font-size: 9pt; }
.notes ol { padding-left: 2cm; }
sup.note-ref { font-size: 0.75em; line-height: 0; }
.footnote {
  float: footnote; font-size: 8.5pt; font-weight: normal; line-height: 1.3;
  text-indent: 0; text-align: left; padding-left: 2cm;
}
.footnote::footnote-call {
  content: attr(data-number); vertical-align: super; font-size: 7pt; font-weight: normal;
  line-height: 0;
}
.footnote::footnote-marker { content: attr(data-number) "\\a0\\a0"; }
@media screen { body { background: #fff; } }
"""


def render_html(document: ReportDocument, *, paged: bool = False) -> str:
    """The page as a string; `paged` places footnotes for WeasyPrint (see the docstring)."""
    lang = document.lang
    masthead = document.masthead
    style = STYLE % {
        "symbol": _css_string(masthead.symbol),
        "font": FONT_FAMILY.get(lang, FONT_FAMILY["en"]),
    }
    notes: list[tuple[int, str]] = []
    body = [_masthead(masthead, lang), "<main>"]
    body.extend(_block(block, paged=paged, notes=notes) for block in document.blocks)
    body.append("</main>")
    if notes and not paged:
        items = "".join(
            f'<li id="note-{number}" value="{number}">{_text(text)} '
            f'<a href="#ref-{number}" aria-label="back">↩</a></li>'
            for number, text in notes
        )
        heading = NOTES_HEADING.get(lang, NOTES_HEADING["en"])
        body.append(f'<section class="notes"><h2>{heading}</h2><ol>{items}</ol></section>')
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{HTML_LANG.get(lang, lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(masthead.symbol)}</title>\n"
        f'<meta name="description" content="{escape(masthead.body)}">\n'
        f'<meta name="generator" content="bwcmeet">\n'
        f"<style>{style}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _text(text: str) -> str:
    """Escaped, with a newline as a line break."""
    return "<br>".join(escape(line) for line in text.split("\n"))


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def _masthead(masthead: Masthead, lang: str) -> str:
    distribution = masthead.distribution
    if distribution and not distribution.startswith("Distr"):
        distribution = f"Distr.: {distribution}"
    right = "<br>".join(
        escape(line)
        for line in (distribution, masthead.date, masthead.language, masthead.original)
        if line
    )
    session = "".join(f"<p>{_text(line)}</p>" for line in masthead.session_lines)
    return (
        '<header><table class="masthead">'
        f'<tr><td class="un">{escape(UNITED_NATIONS.get(lang, UNITED_NATIONS["en"]))}</td>'
        f'<td class="symbol">{escape(masthead.symbol)}</td></tr>'
        f'<tr><td class="body">{_text(masthead.body)}</td><td class="distr">{right}</td></tr>'
        f'</table><div class="session">{session}</div></header>'
    )


def _block(block: Block, *, paged: bool, notes: list[tuple[int, str]]) -> str:
    marks = _footnotes(block, paged=paged, notes=notes)
    kind = block.kind
    if kind == BlockKind.TITLE:
        return f'<h1 class="title">{_text(block.text)}{marks}</h1>'
    if kind == BlockKind.HEADING:
        tag = "h3" if block.level > 1 else "h2"
        return f"<{tag}>{_text(block.text)}{marks}</{tag}>"
    if kind == BlockKind.PARAGRAPH:
        if block.number is None:
            return f'<p class="text">{_text(block.text)}{marks}</p>'
        return (
            f'<p class="numbered"><span class="num">{block.number}.</span>'
            f"{_text(block.text)}{marks}</p>"
        )
    if kind == BlockKind.TABLE:
        table = _table(block.rows)
        return f"{table}<p>{marks}</p>" if marks else table
    if kind == BlockKind.PAGE_BREAK:
        return '<div class="page-break"></div>'
    return f'<p class="text">{_text(block.text)}{marks}</p>'


def _footnotes(block: Block, *, paged: bool, notes: list[tuple[int, str]]) -> str:
    marks = []
    for note in block.footnotes:
        if paged:
            marks.append(
                f'<span class="footnote" data-number="{note.number}">{_text(note.text)}</span>'
            )
        else:
            notes.append((note.number, note.text))
            marks.append(
                f'<sup class="note-ref" id="ref-{note.number}">'
                f'<a href="#note-{note.number}">{note.number}</a></sup>'
            )
    return "".join(marks)


def _table(rows: tuple[tuple[str, ...], ...]) -> str:
    if not rows:
        return ""
    header, *body = rows
    head = "".join(f"<th>{_text(cell)}</th>" for cell in header)
    lines = "".join(
        "<tr>" + "".join(f"<td>{_text(cell)}</td>" for cell in row) + "</tr>" for row in body
    )
    return f'<table class="grid"><thead><tr>{head}</tr></thead><tbody>{lines}</tbody></table>'
