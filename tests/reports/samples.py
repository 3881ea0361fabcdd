"""ReportDocuments built by hand, shaped like the seeds, for the renderers' tests."""

from apps.reports.document import Block, BlockKind, Footnote, Masthead, ReportDocument

ANNEX_ROWS = (
    ("文件号", "标题"),
    ("BWC/MSP/2020/MX.5/1", "在体制上加强《公约》问题专家会议 2020 年会议临时议程—主席提交"),
    (
        "BWC/MSP/2020/MX.5/CRP.1\n仅英文本",
        "在体制上加强《公约》问题专家会议 2020 年会议报告草案—主席提交",
    ),
    ("BWC/MSP/2020/MX.5/WP.5/Corr.1\n仅俄文本", "第三届国际研究与实务大会—俄罗斯联邦提交"),
)


def chinese_report(*, paragraphs: int = 3) -> ReportDocument:
    masthead = Masthead(
        body="《关于禁止发展、生产和储存细菌(生物)及毒素武器和销毁此种武器的公约》缔约国会议",
        symbol="BWC/MSP/2020/MX.5/CRP.1",
        distribution="General",
        date="14 October 2021",
        language="Chinese",
        original="Original: English",
        session_lines=("2020 年会议", "2021 年 11 月 22 日至 25 日，日内瓦", "议程项目 5"),
    )
    blocks = [
        Block(
            BlockKind.TITLE,
            "在体制上加强《公约》问题专家会议 2020 年会议报告",
            footnotes=(Footnote(1, "本文件所列任何词条都并不意味着表示任何意见。"),),
        ),
        Block(BlockKind.HEADING, "一. 引言"),
    ]
    blocks += [
        Block(BlockKind.PARAGRAPH, f"缔约国决定召开年度会议，第 {n} 段。", number=n)
        for n in range(1, paragraphs + 1)
    ]
    blocks += [
        Block(BlockKind.TEXT, "(a) 确认了先前的 2003-2015 年闭会期间方案。"),
        Block(
            BlockKind.PARAGRAPH,
            "会议因 2019 冠状病毒病大流行而推迟。",
            number=paragraphs + 1,
            footnotes=(Footnote(2, "2020 年 7 月 28 日缔约国会议主席的信。"),),
        ),
        Block(BlockKind.HEADING, "二. 组织工作", level=1),
        Block(BlockKind.HEADING, "A. 议程", level=2),
        Block(BlockKind.PAGE_BREAK),
        Block(BlockKind.HEADING, "附件二"),
        Block(BlockKind.PARAGRAPH, "附件中的段落重新编号。", number=1),
        Block(BlockKind.TABLE, rows=ANNEX_ROWS),
    ]
    return ReportDocument(lang="zh", masthead=masthead, blocks=tuple(blocks))


def english_report() -> ReportDocument:
    masthead = Masthead(
        body="Meeting of the States Parties to the Convention on the Prohibition of the "
        "Development, Production and Stockpiling of Bacteriological (Biological) and Toxin "
        "Weapons and on Their Destruction",
        symbol="BWC/MSP/2020/MX.1/CRP.1",
        distribution="General",
        date="1 October 2021",
        language="",
        original="Original: English",
        session_lines=("2020 Meeting", "Geneva, 22-25 November 2021"),
    )
    blocks = (
        Block(BlockKind.TITLE, "Report of the Meeting of Experts <draft> & co"),
        Block(BlockKind.HEADING, "I. Introduction"),
        Block(BlockKind.PARAGRAPH, "The States Parties \x0bdecided.", number=1),
    )
    return ReportDocument(lang="en", masthead=masthead, blocks=blocks)
