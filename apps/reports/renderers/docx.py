"""A `ReportDocument` as a Word file: the format the secretariat edits.

What it holds, as on the seeds' first page and body:

- the UN masthead: a two-column table ("United Nations" | the symbol; the body | Distr., date,
  language, original), with a rule under the first row, then the session lines;
- the title (style Title), section headings (Heading 1 and 2);
- numbered paragraphs as Word numbering (one list, restarted where the document restarts its
  numbers, e.g. in each annex), so that an inserted paragraph renumbers the rest as staff edit;
- real footnotes: python-docx has no footnote API, so this module adds the footnotes part
  (`word/footnotes.xml`, its relationship, the two separator notes and the footnote styles)
  itself and places `w:footnoteReference` runs at the end of the paragraph that carries them;
- tables (Annex II) with a repeated header row. Rows are built directly as XML, once each:
  python-docx's `table.cell()` and `add_row().cells` re-walk the whole grid on every call.

Text is plain: newlines inside a block become line breaks. Fonts are Times New Roman for Latin
text and SimSun for Chinese (what the UN's Chinese documents use; a machine without SimSun
substitutes its own CJK font), with the East Asian language set to zh-CN.
"""

import io
import re
from collections.abc import Iterable, Sequence

import docx as python_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from ..document import Block, BlockKind, Footnote, Masthead, ReportDocument

CONTENT_TYPE_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

LATIN_FONT = "Times New Roman"
CJK_FONT = "SimSun"
UNITED_NATIONS = {"en": "United Nations", "zh": "联合国"}
# Numbered paragraphs: the number hangs in the left margin of the text block (UN "SingleTxt").
PARAGRAPH_INDENT_TWIPS = 1134
PARAGRAPH_HANGING_TWIPS = 567
# The abstract numbering this module adds; far from the template's own ids (0-9).
ABSTRACT_NUM_ID = 90


def render_docx(document: ReportDocument) -> bytes:
    """The Word file of `document`, as bytes."""
    return _DocxWriter(document).write()


class _DocxWriter:
    def __init__(self, document: ReportDocument) -> None:
        self.report = document
        self.lang = document.lang
        self.docx: DocxDocument = python_docx.Document()
        self.body = self.docx.element.body
        self.footnotes_root = None  # the <w:footnotes> element, made at the first footnote
        self.num_id: int | None = None  # the current list of numbered paragraphs
        self.next_number: int | None = None  # the number the current list gives next
        # The styles blocks take, found once: python-docx looks a style up by name through
        # the whole styles part on every use, which cost more than writing the paragraphs.
        self.styles = {
            name: self.docx.styles[name]
            for name in ("Title", "Heading 1", "Heading 2", "Body Text")
        }

    def write(self) -> bytes:
        self._set_up_page()
        self._set_up_styles()
        self._set_properties()
        self._masthead(self.report.masthead)
        for block in self.report.blocks:
            self._block(block)
        buffer = io.BytesIO()
        self.docx.save(buffer)
        return buffer.getvalue()

    # --- the document's frame ---------------------------------------------------------------

    def _set_up_page(self) -> None:
        section = self.docx.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, as UN Geneva prints
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.left_margin = section.right_margin = Cm(2.2)
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.text = self.report.masthead.symbol  # every page after the first names the symbol
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def _set_up_styles(self) -> None:
        styles = self.docx.styles
        normal = styles["Normal"]
        normal.font.name = LATIN_FONT
        normal.font.size = Pt(10.5 if self.lang == "zh" else 10)
        r_pr = normal.element.get_or_add_rPr()
        fonts = r_pr.get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), CJK_FONT)
        language = r_pr.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            r_pr.append(language)
        language.set(qn("w:val"), "en-GB")
        language.set(qn("w:eastAsia"), "zh-CN")
        normal.paragraph_format.space_after = Pt(6)
        for name, size in (("Title", 16), ("Heading 1", 12), ("Heading 2", 11)):
            style = styles[name]
            style.font.name = LATIN_FONT
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = None
            style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CJK_FONT)
            style.paragraph_format.space_before = Pt(12)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True
        _drop_bottom_border(styles["Title"])
        body_text = styles["Body Text"]  # unnumbered paragraphs sit where numbered text does
        body_text.paragraph_format.left_indent = _twips(PARAGRAPH_INDENT_TWIPS)

    def _set_properties(self) -> None:
        masthead = self.report.masthead
        properties = self.docx.core_properties
        properties.title = masthead.symbol
        properties.subject = masthead.body
        properties.language = "zh-CN" if self.lang == "zh" else self.lang
        properties.author = "bwcmeet"
        properties.comments = f"Draft generated by bwcmeet ({masthead.date})."

    # --- the masthead -------------------------------------------------------------------------

    def _masthead(self, masthead: Masthead) -> None:
        # Three grid columns: a narrow "United Nations" beside a wide symbol on the first row,
        # a wide body beside the narrow distribution block on the second (merged cells).
        table = self.docx.add_table(rows=2, cols=3)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = (Cm(5.6), Cm(5), Cm(6))
        for grid_col, width in zip(
            table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True
        ):
            grid_col.set(qn("w:w"), str(int(width / 635)))
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        top_left = table.cell(0, 0)
        top_right = table.cell(0, 1).merge(table.cell(0, 2))
        bottom_left = table.cell(1, 0).merge(table.cell(1, 1))
        bottom_right = table.cell(1, 2)
        _cell_text(top_left, UNITED_NATIONS.get(self.lang, UNITED_NATIONS["en"]), size=14)
        _cell_text(top_right, masthead.symbol, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
        for cell in (top_left, top_right):
            _cell_border(cell, "bottom", size=12)
        _cell_text(bottom_left, masthead.body, size=13, bold=True)
        distribution = masthead.distribution
        if distribution and not distribution.startswith("Distr"):
            distribution = f"Distr.: {distribution}"
        right_lines = [distribution, masthead.date, masthead.language, masthead.original]
        first = True
        for line in right_lines:
            if not line:
                continue
            paragraph = bottom_right.paragraphs[0] if first else bottom_right.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            _add_text(paragraph, line)
            first = False
        for cell in (bottom_left, bottom_right):
            _cell_border(cell, "bottom", size=12)
        for index, line in enumerate(masthead.session_lines):
            paragraph = self.docx.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            if index == 0:
                paragraph.paragraph_format.space_before = Pt(12)
            run = _add_text(paragraph, line)
            if index == 0:
                run.bold = True

    # --- blocks -------------------------------------------------------------------------------

    def _block(self, block: Block) -> None:
        kind = block.kind
        if kind == BlockKind.PARAGRAPH:
            paragraph = self._numbered(block)
        elif kind == BlockKind.TITLE:
            paragraph = self.docx.add_paragraph(style=self.styles["Title"])
            _add_text(paragraph, block.text)
        elif kind == BlockKind.HEADING:
            paragraph = self.docx.add_paragraph(
                style=self.styles["Heading 2" if block.level > 1 else "Heading 1"]
            )
            _add_text(paragraph, block.text)
        elif kind == BlockKind.TEXT:
            paragraph = self.docx.add_paragraph(style=self.styles["Body Text"])
            _add_text(paragraph, block.text)
        elif kind == BlockKind.TABLE:
            self._table(block.rows)
            paragraph = None
        elif kind == BlockKind.PAGE_BREAK:
            self.docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            paragraph = None
        else:  # a kind this renderer does not know yet still shows its words
            paragraph = self.docx.add_paragraph()
            _add_text(paragraph, block.text)
        if block.footnotes:
            if paragraph is None:  # notes of a table or a break hang on a paragraph of their own
                paragraph = self.docx.add_paragraph()
            for note in block.footnotes:
                self._footnote(paragraph, note)

    def _numbered(self, block: Block) -> Paragraph:
        number = block.number if block.number is not None else self.next_number or 1
        if self.num_id is None or number != self.next_number:
            self.num_id = self._new_list(start=number)
        self.next_number = number + 1
        paragraph = self.docx.add_paragraph()
        p_pr = paragraph._p.get_or_add_pPr()
        num_pr = parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{self.num_id}"/></w:numPr>'
        )
        p_pr.append(num_pr)
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _add_text(paragraph, block.text)
        return paragraph

    def _new_list(self, *, start: int) -> int:
        """A new `w:num` over this module's abstract numbering, starting at `start`."""
        numbering = self.docx.part.numbering_part.element
        if self.num_id is None:  # the first list: add the abstract numbering it uses
            abstract = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ABSTRACT_NUM_ID}">'
                '<w:multiLevelType w:val="singleLevel"/>'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{PARAGRAPH_INDENT_TWIPS}"/></w:tabs>'
                f'<w:ind w:left="{PARAGRAPH_INDENT_TWIPS}" w:hanging="{PARAGRAPH_HANGING_TWIPS}"/>'
                "</w:pPr></w:lvl></w:abstractNum>"
            )
            # Every w:abstractNum must come before the first w:num.
            first_num = numbering.find(qn("w:num"))
            if first_num is None:
                numbering.append(abstract)
            else:
                first_num.addprevious(abstract)
        num_ids = [int(num.get(qn("w:numId"))) for num in numbering.findall(qn("w:num"))]
        num_id = max(num_ids, default=0) + 1
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{ABSTRACT_NUM_ID}"/>'
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                "</w:num>"
            )
        )
        return num_id

    def _table(self, rows: Sequence[Sequence[str]]) -> None:
        if not rows:
            return
        columns = max(len(row) for row in rows)
        table = self.docx.add_table(rows=0, cols=columns)
        table.style = self.docx.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        width = Cm(16.6)
        widths = _column_widths(columns, width)
        grid = table._tbl.tblGrid
        for grid_col, column_width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
            grid_col.set(qn("w:w"), str(column_width))
        tbl = table._tbl
        for index, row in enumerate(rows):
            tbl.append(_table_row(row, widths, header=index == 0))

    # --- footnotes ----------------------------------------------------------------------------

    def _footnote(self, paragraph: Paragraph, note: Footnote) -> None:
        root = self._footnotes()
        note_id = len(root.findall(qn("w:footnote"))) - 1  # the two separators take -1 and 0
        body = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{note_id}">'
            '<w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            '<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>'
        )
        _append_text(body.find(qn("w:p")), note.text)
        root.append(body)
        paragraph._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                f'<w:footnoteReference w:id="{note_id}"/></w:r>'
            )
        )

    def _footnotes(self):  # noqa: ANN202 -- an lxml element
        """The footnotes part, added with its styles and settings at the first footnote."""
        if self.footnotes_root is not None:
            return self.footnotes_root
        root = parse_xml(
            f"<w:footnotes {nsdecls('w', 'r')}>"
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            "<w:r><w:separator/></w:r></w:p></w:footnote>"
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
            "</w:footnotes>"
        )
        document_part = self.docx.part
        part = XmlPart(
            PackURI("/word/footnotes.xml"),
            CONTENT_TYPE.WML_FOOTNOTES,
            root,
            document_part.package,
        )
        document_part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
        styles = self.docx.styles.element
        styles.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="FootnoteText">'
                '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>'
                '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
                '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
                f'<w:ind w:left="{PARAGRAPH_INDENT_TWIPS}"/></w:pPr>'
                '<w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>'
            )
        )
        styles.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="character" w:styleId="FootnoteReference">'
                '<w:name w:val="footnote reference"/><w:uiPriority w:val="99"/>'
                '<w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
            )
        )
        settings = self.docx.settings.element
        settings.insert_element_before(
            parse_xml(
                f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
                "</w:footnotePr>"
            ),
            *_SETTINGS_AFTER_FOOTNOTE_PR,
        )
        self.footnotes_root = root
        return root


# What follows w:footnotePr in w:settings (ECMA-376 CT_Settings), so that it lands in order.
_SETTINGS_AFTER_FOOTNOTE_PR = (
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)


# --- small helpers -------------------------------------------------------------------------

# Characters XML 1.0 cannot hold (control characters other than tab, newline, return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _twips(value: int) -> int:
    return Pt(value / 20)


def _add_text(paragraph: Paragraph, text: str):  # noqa: ANN202 -- a python-docx Run
    """One run holding `text`; a newline becomes a line break."""
    run = paragraph.add_run()
    for index, line in enumerate(_clean(text).split("\n")):
        if index:
            run.add_break()
        run.add_text(line)
    return run


def _append_text(p, text: str) -> None:  # noqa: ANN001 -- an lxml w:p element
    run = OxmlElement("w:r")
    for index, line in enumerate(_clean(text).split("\n")):
        if index:
            run.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = line
        run.append(t)
    p.append(run)


def _cell_text(cell, text: str, *, size: float, bold: bool = False, align=None) -> None:  # noqa: ANN001
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    if align is not None:
        paragraph.alignment = align
    run = _add_text(paragraph, text)
    run.font.size = Pt(size)
    run.bold = bold


def _cell_border(cell, edge: str, *, size: int) -> None:  # noqa: ANN001
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    border = OxmlElement(f"w:{edge}")
    border.set(qn("w:val"), "single")
    border.set(qn("w:sz"), str(size))
    border.set(qn("w:space"), "0")
    border.set(qn("w:color"), "000000")
    borders.append(border)


def _drop_bottom_border(style) -> None:  # noqa: ANN001
    p_pr = style.element.pPr
    if p_pr is not None:
        for border in p_pr.findall(qn("w:pBdr")):
            p_pr.remove(border)


def _column_widths(columns: int, total: int) -> list[int]:
    """Widths in twips: a symbol column and a wide title column for Annex II, else equal."""
    total_twips = int(total / 635)  # EMU → twips
    if columns == 2:
        first = int(total_twips * 0.36)
        return [first, total_twips - first]
    return [total_twips // columns] * columns


def _escape(text: str) -> str:
    return _clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table_row(values: Iterable[str], widths: list[int], *, header: bool):  # noqa: ANN202
    """One `w:tr`, built as XML in one go (see the module docstring)."""
    cells = []
    for value, width in zip(values, widths, strict=False):
        lines = "".join(
            f'{"<w:br/>" if index else ""}<w:t xml:space="preserve">{_escape(line)}</w:t>'
            for index, line in enumerate(str(value).split("\n"))
        )
        bold = "<w:rPr><w:b/></w:rPr>" if header else ""
        cells.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f'<w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r>{bold}{lines}</w:r></w:p></w:tc>'
        )
    missing = len(widths) - len(cells)
    cells.extend(
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p/></w:tc>'
        for width in widths[len(widths) - missing :]
    )
    row_pr = (
        "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
        if header
        else "<w:trPr><w:cantSplit/></w:trPr>"
    )
    return parse_xml(f"<w:tr {nsdecls('w')}>{row_pr}{''.join(cells)}</w:tr>")
