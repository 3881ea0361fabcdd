"""The registry's list of documents of MX.5 and MX.1 against the seeds' Annex II, row for row."""

from pathlib import Path

import pytest

from apps.documents import annex
from apps.meetings.models import Meeting

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[1] / "seed_documents"


def seed_annex_rows(seed: str) -> list[tuple[str, str]]:
    """The rows after the Annex II header line ("文件号\t标题" or "文号\t标题"), until the end."""
    lines = (SEEDS / seed).read_text(encoding="utf-8").splitlines()
    start = next(index for index, line in enumerate(lines) if line.endswith("\t标题"))
    return [tuple(line.split("\t")) for line in lines[start + 1 :] if "\t" in line]


@pytest.fixture
def meetings(real_meetings, db):
    """The real meetings, loaded once for the module (see tests/conftest.py)."""


@pytest.mark.parametrize(
    ("series", "seed", "rows"),
    [
        ("BWC/MSP/2020/MX.5", "000_36144b37bdbf70bf.txt", 13),
        ("BWC/MSP/2020/MX.1", "001_456ef976dbc0de61.txt", 12),
    ],
)
def test_annex_in_chinese_matches_the_seed_row_for_row(meetings, series, seed, rows):
    meeting = Meeting.objects.get(series=series)

    exported = [(row.symbol_cell(), row.title_cell("zh")) for row in annex.annex_of(meeting, "zh")]

    expected = seed_annex_rows(seed)
    assert len(expected) == rows
    assert exported == expected


def test_annex_csv_export_of_mx5_carries_the_seed_rows(meetings):
    meeting = Meeting.objects.get(series="BWC/MSP/2020/MX.5")

    content, _, _ = annex.export_annex(meeting, lang="zh", file_format="csv")

    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0] == "文件号,标题"
    assert len(lines) == 1 + 13
    assert lines[6] == "BWC/MSP/2020/MX.5/INF.1/Rev.1 仅英文、法文、西班牙文本,经修订的与会者名单"


def test_annex_in_english_has_a_row_per_document_with_english_notes(meetings):
    meeting = Meeting.objects.get(series="BWC/MSP/2020/MX.5")

    rows = annex.annex_of(meeting, "en")

    assert [row.symbol_cell() for row in rows][2:6] == [
        "BWC/MSP/2020/MX.5/CRP.1 English only",
        "BWC/MSP/2020/MX.5/MISC.1 English, French and Spanish only",
        "BWC/MSP/2020/MX.5/INF.1 English, French and Spanish only",
        "BWC/MSP/2020/MX.5/INF.1/Rev.1 English, French and Spanish only",
    ]
    assert all(row.title for row in rows)
