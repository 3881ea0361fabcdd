"""From a `ReportDocument` to a file: one renderer per format, chosen by `render`.

Each renderer is imported when its format is asked for: WeasyPrint (PDF) and python-docx are
heavy imports that a worker building only one format should not pay for.
"""

from ..document import ReportDocument
from ..enums import DraftFormat

CONTENT_TYPES: dict[str, str] = {
    DraftFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DraftFormat.PDF: "application/pdf",
    DraftFormat.HTML: "text/html; charset=utf-8",
    DraftFormat.TXT: "text/plain; charset=utf-8",
}


def render(document: ReportDocument, fmt: str) -> tuple[bytes, str, str]:
    """`(content, content type, file extension)` of `document` in `fmt`."""
    fmt = DraftFormat(fmt)
    if fmt == DraftFormat.DOCX:
        from .docx import render_docx

        content = render_docx(document)
    elif fmt == DraftFormat.PDF:
        from .pdf import render_pdf

        content = render_pdf(document)
    elif fmt == DraftFormat.HTML:
        from .html import render_html

        content = render_html(document).encode("utf-8")
    else:
        from .text import render_text

        content = render_text(document)
    return content, CONTENT_TYPES[fmt], fmt.value
