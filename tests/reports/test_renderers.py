"""The renderers, on ReportDocuments built by hand: DOCX, HTML, PDF (and the dispatch)."""

import io
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.table import _Cell
from lxml import etree

from apps.reports.document import Block, BlockKind, ReportDocument
from apps.reports.enums import DraftFormat
from apps.reports.renderers import render
from apps.reports.renderers.docx import render_docx
from apps.reports.renderers.html import render_html
from apps.reports.renderers.pdf import render_pdf

from .samples import ANNEX_ROWS, chinese_report, english_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="needs poppler-utils (pdftotext, pdffonts); CI installs it",
)
needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="needs LibreOffice Writer (apt-get install libreoffice-writer); CI installs it",
)


def _parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _run(*command: str) -> str:
    """A tool's standard output; the commands are this module's own, on its own files."""
    return subprocess.run(  # noqa: S603 -- fixed tools, no untrusted input
        [shutil.which(command[0]), *command[1:]],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout


def _pdf_text(path) -> str:
    return _run("pdftotext", "-layout", str(path), "-")


# --- DOCX ---------------------------------------------------------------------------------


def test_docx_every_xml_part_is_well_formed():
    parts = _parts(render_docx(chinese_report()))

    broken = []
    for name, blob in parts.items():
        if name.endswith((".xml", ".rels")):
            try:
                etree.fromstring(blob)
            except etree.XMLSyntaxError as error:
                broken.append(f"{name}: {error}")

    assert broken == []
    assert "word/footnotes.xml" in parts


def test_docx_masthead_carries_symbol_distribution_date_and_languages():
    document = docx.Document(io.BytesIO(render_docx(chinese_report())))

    masthead = document.tables[0]
    # The cells as written (a merged cell once), not the layout grid.
    cells = [[_Cell(tc, masthead).text for tc in row._tr.tc_lst] for row in masthead.rows]

    assert cells == [
        ["联合国", "BWC/MSP/2020/MX.5/CRP.1"],
        [
            "《关于禁止发展、生产和储存细菌(生物)及毒素武器和销毁此种武器的公约》缔约国会议",
            "Distr.: General\n14 October 2021\nChinese\nOriginal: English",
        ],
    ]


def test_docx_session_lines_follow_the_masthead():
    document = docx.Document(io.BytesIO(render_docx(chinese_report())))

    texts = [p.text for p in document.paragraphs[:3]]

    assert texts == ["2020 年会议", "2021 年 11 月 22 日至 25 日，日内瓦", "议程项目 5"]


def test_docx_title_and_headings_use_word_styles():
    document = docx.Document(io.BytesIO(render_docx(chinese_report())))

    styled = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name in ("Title", "Heading 1", "Heading 2")
    ]

    assert styled == [
        ("Title", "在体制上加强《公约》问题专家会议 2020 年会议报告"),
        ("Heading 1", "一. 引言"),
        ("Heading 1", "二. 组织工作"),
        ("Heading 2", "A. 议程"),
        ("Heading 1", "附件二"),
    ]


def test_docx_numbered_paragraphs_are_word_numbering_restarting_in_the_annex():
    content = render_docx(chinese_report(paragraphs=3))
    document = docx.Document(io.BytesIO(content))
    numbering = etree.fromstring(_parts(content)["word/numbering.xml"])

    numbered = []
    for paragraph in document.paragraphs:
        num_id = paragraph._p.find(f"{W}pPr/{W}numPr/{W}numId")
        if num_id is not None:
            numbered.append((num_id.get(f"{W}val"), paragraph.text))
    starts = {
        num.get(f"{W}numId"): num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val")
        for num in numbering.findall(f"{W}num")
        if num.find(f"{W}lvlOverride/{W}startOverride") is not None
    }

    body_list, annex_list = numbered[0][0], numbered[-1][0]
    assert [text for _, text in numbered] == [
        "缔约国决定召开年度会议，第 1 段。",
        "缔约国决定召开年度会议，第 2 段。",
        "缔约国决定召开年度会议，第 3 段。",
        "会议因 2019 冠状病毒病大流行而推迟。",
        "附件中的段落重新编号。",
    ]
    assert [num for num, _ in numbered] == [body_list] * 4 + [annex_list]
    assert (starts[body_list], starts[annex_list]) == ("1", "1")
    assert body_list != annex_list


def test_docx_footnotes_are_word_footnotes_referenced_from_the_text():
    parts = _parts(render_docx(chinese_report()))
    footnotes = etree.fromstring(parts["word/footnotes.xml"])
    body = etree.fromstring(parts["word/document.xml"])

    notes = {
        note.get(f"{W}id"): "".join(note.itertext()).strip()
        for note in footnotes.findall(f"{W}footnote")
        if note.get(f"{W}type") is None
    }
    references = [ref.get(f"{W}id") for ref in body.iter(f"{W}footnoteReference")]

    assert notes == {
        "1": "本文件所列任何词条都并不意味着表示任何意见。",
        "2": "2020 年 7 月 28 日缔约国会议主席的信。",
    }
    assert references == ["1", "2"]
    assert b"footnotes+xml" in parts["[Content_Types].xml"]
    assert b"relationships/footnotes" in parts["word/_rels/document.xml.rels"]


def test_docx_annex_table_holds_the_rows_with_a_repeated_header():
    document = docx.Document(io.BytesIO(render_docx(chinese_report())))

    table = document.tables[-1]
    rows = tuple(tuple(cell.text for cell in row.cells) for row in table.rows)
    header_flags = [row._tr.find(f"{W}trPr/{W}tblHeader") is not None for row in table.rows]

    assert rows == ANNEX_ROWS
    assert header_flags == [True, False, False, False]


def test_docx_escapes_markup_and_drops_characters_xml_cannot_hold():
    document = docx.Document(io.BytesIO(render_docx(english_report())))

    texts = [p.text for p in document.paragraphs if p.text]

    assert texts[-3:] == [
        "Report of the Meeting of Experts <draft> & co",
        "I. Introduction",
        "The States Parties decided.",
    ]


def test_docx_sets_chinese_east_asian_font_and_language():
    parts = _parts(render_docx(chinese_report()))
    styles = etree.fromstring(parts["word/styles.xml"])

    normal = next(s for s in styles.findall(f"{W}style") if s.get(f"{W}styleId") == "Normal")
    fonts = normal.find(f"{W}rPr/{W}rFonts")
    lang = normal.find(f"{W}rPr/{W}lang")

    assert (fonts.get(f"{W}eastAsia"), lang.get(f"{W}eastAsia")) == ("SimSun", "zh-CN")


def test_docx_annex_of_300_rows_builds_each_row_once():
    rows = (("Symbol", "Title"), *((f"BWC/CONF.XX/WP.{n}", f"Paper {n}") for n in range(300)))
    report = ReportDocument(
        lang="en", masthead=english_report().masthead, blocks=(Block(BlockKind.TABLE, rows=rows),)
    )

    document = docx.Document(io.BytesIO(render_docx(report)))

    assert len(document.tables[-1].rows) == 301


@needs_libreoffice
@needs_poppler
def test_docx_opens_in_libreoffice_and_converts_to_pdf(tmp_path):
    source = tmp_path / "draft.docx"
    source.write_bytes(render_docx(chinese_report()))

    _run(
        "soffice",
        f"-env:UserInstallation=file://{tmp_path}/lo-profile",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(source),
    )
    text = _pdf_text(tmp_path / "draft.pdf")

    assert [phrase in text for phrase in ("BWC/MSP/2020/MX.5/CRP.1", "一. 引言", "仅俄文本")] == [
        True,
        True,
        True,
    ]
    # The footnote is at the foot of the page, not lost.
    assert text.count("本文件所列任何词条都并不意味着表示任何意见。") == 1


# --- HTML ---------------------------------------------------------------------------------


def test_html_chinese_page_declares_zh_cn_and_the_cjk_font_stack():
    page = render_html(chinese_report())

    assert page.splitlines()[1] == '<html lang="zh-CN">'
    assert page.count('font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif;') == 1


def test_html_escapes_the_text():
    page = render_html(english_report())

    assert page.count("Report of the Meeting of Experts &lt;draft&gt; &amp; co") == 1
    assert page.count("<draft>") == 0


def test_html_preview_lists_the_footnotes_at_the_end():
    page = render_html(chinese_report())

    notes = page[page.index('<section class="notes">') :]

    assert notes.count("<li id=") == 2
    assert page.count('<sup class="note-ref" id="ref-1"><a href="#note-1">1</a></sup>') == 1


def test_html_for_print_places_footnotes_as_css_footnotes():
    page = render_html(chinese_report(), paged=True)

    assert page.count('<span class="footnote" data-number="2">') == 1
    assert page.count('<section class="notes">') == 0


# --- PDF ----------------------------------------------------------------------------------


@needs_poppler
def test_pdf_shows_the_chinese_text(tmp_path):
    path = tmp_path / "draft.pdf"
    path.write_bytes(render_pdf(chinese_report()))

    lines = [line.strip() for line in _pdf_text(path).splitlines() if line.strip()]

    assert lines[0].split() == ["联合国", "BWC/MSP/2020/MX.5/CRP.1"]
    assert lines[lines.index("一. 引言") - 1] == "在体制上加强《公约》问题专家会议 2020 年会议报告1"
    assert lines[lines.index("一. 引言") + 1].split() == [
        "1.",
        "缔约国决定召开年度会议，第",
        "1",
        "段。",
    ]


@needs_poppler
def test_pdf_embeds_a_cjk_font(tmp_path):
    path = tmp_path / "draft.pdf"
    path.write_bytes(render_pdf(chinese_report()))

    fonts = _run("pdffonts", str(path)).splitlines()[2:]
    embedded_cjk = [
        line.split()[0].split("+")[-1]
        for line in fonts
        if ("WenQuanYi" in line or "CJK" in line) and line.split()[-5] == "yes"
    ]

    assert embedded_cjk[:1] == ["WenQuanYi-Micro-Hei"]


# --- the dispatch -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        (
            DraftFormat.DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
        (DraftFormat.PDF, "application/pdf", b"%PDF"),
        (DraftFormat.HTML, "text/html; charset=utf-8", b"<!DOCTYPE html>"),
    ],
)
def test_render_dispatches_to_the_format(fmt, content_type, magic):
    content, returned_type, extension = render(chinese_report(), fmt)

    assert (returned_type, extension, content[: len(magic)]) == (content_type, fmt.value, magic)
