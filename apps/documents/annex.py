"""The list of documents of a meeting (a report's Annex II), in English or Chinese, as data
rows and as CSV, XLSX or DOCX files."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from apps.core.enums import LANGUAGE_CODES
from apps.core.i18n import localized
from apps.meetings.models import Meeting

from .enums import DocumentStatus, SubmittedBy
from .models import Document
from .selectors import documents_of, submitters_of

# Language names as a language note uses them, in the UN's English order of the six.
LANGUAGE_NAMES = {
    "en": {
        "ar": "Arabic",
        "zh": "Chinese",
        "en": "English",
        "fr": "French",
        "ru": "Russian",
        "es": "Spanish",
    },
    "zh": {
        "ar": "阿拉伯文",
        "zh": "中文",
        "en": "英文",
        "fr": "法文",
        "ru": "俄文",
        "es": "西班牙文",
    },
}
ANNEX_LANGUAGES = tuple(LANGUAGE_NAMES)
# What the public reads of the registry (as the documents' API decides for every document).
PUBLIC_STATUSES = (DocumentStatus.ISSUED, DocumentStatus.SUPERSEDED)
HEADINGS = {"en": ("Symbol", "Title"), "zh": ("文件号", "标题")}
SUBMITTED_BY = {
    "en": {
        SubmittedBy.CHAIR: "Submitted by the Chair",
        SubmittedBy.SECRETARIAT: "Submitted by the Implementation Support Unit",
    },
    "zh": {SubmittedBy.CHAIR: "主席提交", SubmittedBy.SECRETARIAT: "执行支助股提交"},
}


def language_note(languages: Iterable[str], lang: str) -> str:
    """The note a list of documents prints beside a symbol.

    "English only", "English and Russian only"; "仅英文本", "仅英文和俄文本",
    "仅英文、法文、西班牙文本".
    A document in all six languages carries no note.
    """
    present = [code for code in LANGUAGE_CODES if code in set(languages)]
    if not present or len(present) == len(LANGUAGE_CODES):
        return ""
    names = [LANGUAGE_NAMES[lang][code] for code in present]
    if lang == "zh":
        joined = (
            names[0]
            if len(names) == 1
            else ("和".join(names) if len(names) == 2 else "、".join(names))
        )
        return f"仅{joined}本"
    joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{joined} only"


def _submitter_phrase(document: Document, lang: str) -> str:
    if document.submitted_by in SUBMITTED_BY[lang]:
        return SUBMITTED_BY[lang][document.submitted_by]
    entities = submitters_of(document)
    if not entities:
        return ""
    names = [localized(entity, "name", lang) for entity in entities]
    if lang == "zh":
        return "、".join(names) + "提交"
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"Submitted by {listed}"


@dataclass(frozen=True)
class AnnexRow:
    symbol: str
    language_note: str
    title: str
    submitted_by: str

    def symbol_cell(self) -> str:
        return f"{self.symbol} {self.language_note}".strip()

    def title_cell(self, lang: str) -> str:
        if not self.submitted_by:
            return self.title
        separator = "—" if lang == "zh" else " \N{EN DASH} "
        return f"{self.title}{separator}{self.submitted_by}"


def annex_rows(documents: QuerySet[Document] | Iterable[Document], lang: str) -> list[AnnexRow]:
    rows = []
    for document in documents:
        stored_note = getattr(document, f"language_note_{lang}", "")
        rows.append(
            AnnexRow(
                symbol=document.symbol,
                language_note=stored_note or language_note(document.languages, lang),
                title=localized(document, "title", lang),
                submitted_by=_submitter_phrase(document, lang),
            )
        )
    return rows


def annex_of(meeting: Meeting, lang: str, *, public: bool = False) -> list[AnnexRow]:
    """Annex II of the meeting's report: every document except withdrawn ones; `public`: the
    issued (or superseded) ones only, as the public reads the registry."""
    documents = documents_of(meeting).exclude(status=DocumentStatus.WITHDRAWN)
    if public:
        documents = documents.filter(status__in=PUBLIC_STATUSES)
    return annex_rows(documents, lang)


def annex_title(meeting: Meeting, lang: str) -> str:
    title = localized(meeting, "title", lang)
    return f"{title}文件一览表" if lang == "zh" else f"List of documents of the {title}"


def to_csv(rows: list[AnnexRow], lang: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADINGS[lang])
    writer.writerows((row.symbol_cell(), row.title_cell(lang)) for row in rows)
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def to_xlsx(rows: list[AnnexRow], lang: str, *, title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Annex II"
    sheet.append([title])
    sheet.append(list(HEADINGS[lang]))
    for row in rows:
        # Cells are data: never let a title that starts with "=" become a formula.
        sheet.append([row.symbol_cell(), _as_text(row.title_cell(lang))])
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 110
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _as_text(value: str) -> str:
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def to_docx(rows: list[AnnexRow], lang: str, *, title: str) -> bytes:
    from docx import Document as DocxDocument

    docx = DocxDocument()
    docx.add_heading("附件二" if lang == "zh" else "Annex II", level=1)
    docx.add_paragraph(title)
    table = docx.add_table(rows=1 + len(rows), cols=2)
    table.style = "Table Grid"
    cells = table._cells  # one flat list: far faster than table.cell() per cell
    cells[0].text, cells[1].text = HEADINGS[lang]
    for index, row in enumerate(rows, start=1):
        cells[2 * index].text = row.symbol_cell()
        cells[2 * index + 1].text = row.title_cell(lang)
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


EXPORTERS = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def export_annex(
    meeting: Meeting, *, lang: str, file_format: str, public: bool = False
) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the meeting's list of documents."""
    rows = annex_of(meeting, lang, public=public)
    title = annex_title(meeting, lang)
    if file_format == "csv":
        content = to_csv(rows, lang)
    elif file_format == "xlsx":
        content = to_xlsx(rows, lang, title=title)
    else:
        content = to_docx(rows, lang, title=title)
    filename = f"{meeting.series.replace('/', '-')}-annex-II-{lang}.{file_format}"
    return content, EXPORTERS[file_format], filename
