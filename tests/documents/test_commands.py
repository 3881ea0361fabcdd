import io
import json

import pytest
from django.core.management import CommandError, call_command

from apps.documents import services
from apps.documents.enums import DocumentType
from tests.factories.meetings import MeetingFactory


def _run(*args):
    out = io.StringIO()
    call_command("symbol", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_symbol_parse_prints_the_parts_and_canonical_form():
    (result,) = _run("parse", "bwc/msp/2020/mx.5/wp.5/corr 1")

    assert {
        key: result[key]
        for key in ("series", "doc_type", "number", "modifiers", "meeting_series", "canonical")
    } == {
        "series": "BWC",
        "doc_type": "WP",
        "number": 5,
        "modifiers": ["Corr.1"],
        "meeting_series": "BWC/MSP/2020/MX.5",
        "canonical": "BWC/MSP/2020/MX.5/WP.5/Corr.1",
    }


def test_symbol_parse_reads_stdin_and_fails_on_an_invalid_symbol(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr("sys.stdin", io.StringIO("BWC/CONF.VIII/2\nBWC/MSP/2020/MX.5/WP.0\n"))

    with pytest.raises(CommandError) as error:
        call_command("symbol", "parse", "-", stdout=out)

    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line.get("canonical") for line in lines] == ["BWC/CONF.VIII/2", None]
    assert lines[1]["part"] == "number"
    assert str(error.value) == "1 of 2 symbols are invalid."
    assert error.value.returncode == 1


@pytest.mark.django_db
def test_symbol_next_shows_what_minting_would_give():
    meeting = MeetingFactory(series="BWC/MSP/2030/MX.3")
    services.mint_symbol(meeting=meeting, doc_type=DocumentType.WORKING_PAPER)
    out = io.StringIO()

    call_command("symbol", "next", "bwc/msp/2030/mx.3", "wp", stdout=out)
    call_command("symbol", "next", "BWC/MSP/2030/MX.3", "MAIN", stdout=out)

    assert out.getvalue().splitlines() == ["BWC/MSP/2030/MX.3/WP.2", "BWC/MSP/2030/MX.3/3"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("BWC/MSP/2031/MX.3", "WP"), "No meeting has the series BWC/MSP/2031/MX.3."),
        (
            ("BWC/MSP/2030/MX.3", "XYZ"),
            "Unknown document type 'XYZ': use one of WP, CRP, INF, MISC, L, MAIN.",
        ),
    ],
)
def test_symbol_next_names_what_is_wrong(args, message):
    MeetingFactory(series="BWC/MSP/2030/MX.3")

    with pytest.raises(CommandError) as error:
        call_command("symbol", "next", *args)

    assert str(error.value) == message
