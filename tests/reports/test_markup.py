"""Report markup: the language templates write, parsed into a ReportDocument."""

import pytest

from apps.reports.document import Block, BlockKind, Footnote
from apps.reports.markup import MarkupError, escape, parse

SOURCE = """\
body: Meeting of the States Parties
symbol: BWC/MSP/2020/MX.5/CRP.1
distribution: General
date: 8 September 2021
original: Original: English
session: 2020 Meeting
session: Geneva, 22–25 November 2021

= Report of the Meeting[^A note on the title.]

# I. Introduction

¶ First paragraph.

(a) A sub-item.

¶ Second paragraph,
continued on a second line.[^A note on the paragraph.]

## A level-two heading

| Symbol | Title |
| BWC/MSP/2020/MX.5/1 | Provisional agenda |

---annex---
# Annex I

¶ Numbering restarts.
---pagebreak---
¶ But not at a plain page break.
"""


def test_parse_reads_the_masthead():
    document = parse(SOURCE, "en")

    masthead = document.masthead
    assert (masthead.body, masthead.symbol, masthead.distribution) == (
        "Meeting of the States Parties",
        "BWC/MSP/2020/MX.5/CRP.1",
        "General",
    )
    assert (masthead.date, masthead.language, masthead.original) == (
        "8 September 2021",
        "",
        "Original: English",
    )
    assert masthead.session_lines == ("2020 Meeting", "Geneva, 22–25 November 2021")


def test_parse_builds_the_blocks_numbering_paragraphs_and_restarting_in_an_annex():
    document = parse(SOURCE, "en")

    assert document.blocks == (
        Block(
            BlockKind.TITLE,
            "Report of the Meeting",
            footnotes=(Footnote(1, "A note on the title."),),
        ),
        Block(BlockKind.HEADING, "I. Introduction", level=1),
        Block(BlockKind.PARAGRAPH, "First paragraph.", number=1),
        Block(BlockKind.TEXT, "(a) A sub-item."),
        Block(
            BlockKind.PARAGRAPH,
            "Second paragraph, continued on a second line.",
            number=2,
            footnotes=(Footnote(2, "A note on the paragraph."),),
        ),
        Block(BlockKind.HEADING, "A level-two heading", level=2),
        Block(
            BlockKind.TABLE,
            rows=(("Symbol", "Title"), ("BWC/MSP/2020/MX.5/1", "Provisional agenda")),
        ),
        Block(BlockKind.PAGE_BREAK),
        Block(BlockKind.HEADING, "Annex I", level=1),
        Block(BlockKind.PARAGRAPH, "Numbering restarts.", number=1),
        Block(BlockKind.PAGE_BREAK),
        Block(BlockKind.PARAGRAPH, "But not at a plain page break.", number=2),
    )


def test_parse_without_a_masthead_gives_an_empty_one():
    document = parse("¶ Only a paragraph.", "en")

    assert (document.masthead.symbol, document.blocks[0].number) == ("", 1)


def test_chinese_lines_join_without_spaces_except_next_to_latin():
    document = parse(
        "¶ 会议于\n2021 年 9 月 8 日\n在 日内瓦万国宫 举行， 由 Ms. X 女士 主持。", "zh"
    )

    assert (
        document.blocks[0].text == "会议于 2021 年 9 月 8 日在日内瓦万国宫举行，由 Ms. X 女士主持。"
    )


def test_english_lines_join_with_a_space_but_not_before_punctuation():
    document = parse("¶ under the chairmanship of Ms. X\n.", "en")

    assert document.blocks[0].text == "under the chairmanship of Ms. X."


@pytest.mark.parametrize(
    "value",
    ["# not a heading", "¶ not a paragraph", "= not a title", "---annex---", "a | b", "[^no]"],
)
def test_escaped_values_stay_plain_text(value):
    document = parse(f"{escape(value)}\n\n| {escape(value)} | cell |", "en")

    assert document.blocks == (
        Block(BlockKind.TEXT, value),
        Block(BlockKind.TABLE, rows=((value, "cell"),)),
    )


def test_escape_makes_one_line_of_a_value():
    assert escape("two\nlines") == "two lines"
    assert escape("") == ""


def test_an_empty_table_cell_survives():
    document = parse("|  | MSP | MX.1 |\n| 2018 | EEG | NAM |", "en")

    assert document.blocks[0].rows == (("", "MSP", "MX.1"), ("2018", "EEG", "NAM"))


@pytest.mark.parametrize(
    ("source", "line", "fragment"),
    [
        ("body: x\nsymbl: y\n\n¶ text", 2, "“symbl” is not a masthead key"),
        ("body: x\nbody: y", 2, "gives “body” twice"),
        ("¶ text\n\n¶ a footnote [^never closed", 3, "not closed"),
        ("### too deep", 1, "level 1 (#) or 2 (##)"),
        ("¶ one\n\n¶", 3, "gives it no text"),
    ],
)
def test_errors_name_the_line(source, line, fragment):
    with pytest.raises(MarkupError) as caught:
        parse(source, "en")

    assert (caught.value.line, fragment in caught.value.message) == (line, True)
    assert caught.value.message.startswith(f"Line {line}: ")
