"""The plain-text renderer."""

from apps.reports.document import Block, BlockKind, Footnote, Masthead, ReportDocument
from apps.reports.renderers import render
from apps.reports.renderers.text import render_text

from .samples import ANNEX_ROWS, chinese_report

MASTHEAD = Masthead(
    body="Meeting of the States Parties",
    symbol="BWC/MSP/2020/MX.5/CRP.1",
    distribution="General",
    date="8 September 2021",
    language="Chinese",
    original="Original: English",
    session_lines=("2020 年会议",),
)


def test_render_text_lays_out_masthead_blocks_and_footnotes_per_page():
    document = ReportDocument(
        lang="zh",
        masthead=MASTHEAD,
        blocks=(
            Block(BlockKind.TITLE, "报告", footnotes=(Footnote(1, "免责声明。"),)),
            Block(BlockKind.HEADING, "一. 引言"),
            Block(BlockKind.PARAGRAPH, "第一段。", number=1),
            Block(BlockKind.TEXT, "(a) 分项。", footnotes=(Footnote(2, "信函。"),)),
            Block(BlockKind.PAGE_BREAK),
            Block(BlockKind.HEADING, "附件二"),
            Block(BlockKind.TABLE, rows=(("文件号", "标题"), ("BWC/MSP/2020/MX.5/1", "临时议程"))),
        ),
    )

    text = render_text(document).decode("utf-8")

    assert text == (
        "Meeting of the States Parties\n"
        "BWC/MSP/2020/MX.5/CRP.1\n"
        "Distr.: General\n"
        "8 September 2021\n"
        "Chinese\n"
        "Original: English\n"
        "\n"
        "2020 年会议\n"
        "\n"
        "报告¹\n"
        "\n"
        "一. 引言\n"
        "\n"
        "1. 第一段。\n"
        "\n"
        "(a) 分项。²\n"
        "\n"
        "____________________\n"
        "¹ 免责声明。\n"
        "² 信函。\n"
        "\n"
        "\f\n"
        "附件二\n"
        "\n"
        "文件号\t标题\n"
        "BWC/MSP/2020/MX.5/1\t临时议程\n"
    )


def test_render_text_is_utf8_and_holds_every_word_of_the_document():
    document = chinese_report(paragraphs=12)

    text = render_text(document).decode("utf-8")

    assert text.endswith("\n")
    for row in ANNEX_ROWS:
        assert "\t".join(row) in text
    assert "12. 缔约国决定召开年度会议，第 12 段。" in text


def test_render_dispatches_txt_to_the_text_renderer():
    content, content_type, extension = render(chinese_report(), "txt")

    assert (content, content_type, extension) == (
        render_text(chinese_report()),
        "text/plain; charset=utf-8",
        "txt",
    )
