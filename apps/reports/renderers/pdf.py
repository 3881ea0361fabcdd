"""A `ReportDocument` as PDF: WeasyPrint lays out the HTML renderer's page (paged footnotes).

Chinese needs a CJK font on the machine (fonts-wqy-microhei or fonts-noto-cjk; see
PLATFORM.md) and, to stay fast, HarfBuzz's subsetter (libharfbuzz-subset0): WeasyPrint then
embeds only the glyphs used.
"""

import logging

from ..document import ReportDocument
from .html import render_html

CONTENT_TYPE_PDF = "application/pdf"


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint on a self-contained page; it fetches no URL (none is ever written)."""
    # WeasyPrint logs each step (even of its import) at INFO: noise in a worker's log.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    # Imported here: WeasyPrint loads Pango and the fonts, which only PDF builds need.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()


def render_pdf(document: ReportDocument) -> bytes:
    return html_to_pdf(render_html(document, paged=True))
