import csv
import io

import pytest
from docx import Document as DocxDocument
from openpyxl import load_workbook

from apps.documents import annex, services
from apps.documents.enums import DocumentType, SubmittedBy
from tests.factories.entities import StateFactory
from tests.factories.meetings import MeetingFactory


@pytest.mark.parametrize(
    ("languages", "lang", "expected"),
    [
        (["en"], "zh", "仅英文本"),
        (["en", "ru"], "zh", "仅英文和俄文本"),
        (["es", "fr", "en"], "zh", "仅英文、法文、西班牙文本"),
        (["en"], "en", "English only"),
        (["en", "ru"], "en", "English and Russian only"),
        (["en", "fr", "es"], "en", "English, French and Spanish only"),
        (["ar", "zh", "en", "fr", "ru", "es"], "en", ""),
        ([], "zh", ""),
    ],
)
def test_language_note_reads_as_the_reports_write_it(languages, lang, expected):
    assert annex.language_note(languages, lang) == expected


@pytest.fixture
def meeting(db):
    meeting = MeetingFactory(
        series="BWC/MSP/2030/MX.5", title_en="2030 Meeting of Experts", title_zh="2030 年专家会议"
    )
    russia = StateFactory(name_en="Russian Federation", name_zh="俄罗斯联邦")
    services.mint_symbol(
        meeting=meeting,
        doc_type=DocumentType.CONFERENCE_ROOM_PAPER,
        title_en="Draft report",
        title_zh="报告草案",
        submitted_by=SubmittedBy.CHAIR,
        languages=["en"],
    )
    services.mint_symbol(
        meeting=meeting,
        doc_type=DocumentType.WORKING_PAPER,
        title_en="=Proposal",
        title_zh="提案",
        submitted_by=SubmittedBy.ENTITIES,
        submitters=[russia],
        languages=["en", "ru"],
        language_note_zh="仅英文和俄文本",
    )
    return meeting


def test_annex_of_in_chinese_reads_as_the_seed(meeting):
    rows = annex.annex_of(meeting, "zh")

    assert [(row.symbol_cell(), row.title_cell("zh")) for row in rows] == [
        ("BWC/MSP/2030/MX.5/CRP.1 仅英文本", "报告草案—主席提交"),
        ("BWC/MSP/2030/MX.5/WP.1 仅英文和俄文本", "提案—俄罗斯联邦提交"),
    ]


def test_annex_of_in_english(meeting):
    rows = annex.annex_of(meeting, "en")

    assert [(row.symbol_cell(), row.title_cell("en")) for row in rows] == [
        ("BWC/MSP/2030/MX.5/CRP.1 English only", "Draft report – Submitted by the Chair"),
        (
            "BWC/MSP/2030/MX.5/WP.1 English and Russian only",
            "=Proposal – Submitted by Russian Federation",
        ),
    ]


def test_export_annex_csv_has_the_rows(meeting):
    content, content_type, filename = annex.export_annex(meeting, lang="zh", file_format="csv")

    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert (content_type, filename) == ("text/csv", "BWC-MSP-2030-MX.5-annex-II-zh.csv")
    assert rows == [
        ["文件号", "标题"],
        ["BWC/MSP/2030/MX.5/CRP.1 仅英文本", "报告草案—主席提交"],
        ["BWC/MSP/2030/MX.5/WP.1 仅英文和俄文本", "提案—俄罗斯联邦提交"],
    ]


def test_export_annex_xlsx_keeps_formula_like_titles_as_text(meeting):
    content, _, _ = annex.export_annex(meeting, lang="en", file_format="xlsx")

    sheet = load_workbook(io.BytesIO(content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1:] == [
        ["Symbol", "Title"],
        ["BWC/MSP/2030/MX.5/CRP.1 English only", "Draft report – Submitted by the Chair"],
        [
            "BWC/MSP/2030/MX.5/WP.1 English and Russian only",
            "'=Proposal – Submitted by Russian Federation",
        ],
    ]
    assert sheet["B4"].data_type == "s"


def test_export_annex_docx_has_a_table_row_per_document(meeting):
    content, _, _ = annex.export_annex(meeting, lang="zh", file_format="docx")

    table = DocxDocument(io.BytesIO(content)).tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["文件号", "标题"],
        ["BWC/MSP/2030/MX.5/CRP.1 仅英文本", "报告草案—主席提交"],
        ["BWC/MSP/2030/MX.5/WP.1 仅英文和俄文本", "提案—俄罗斯联邦提交"],
    ]
