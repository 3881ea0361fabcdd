"""The grammar of UN document symbols: real symbols, rejections, normalisation, properties."""

import copy
import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from apps.documents.symbols import (
    MAX_SYMBOL_LENGTH,
    NUMBERED_TYPES,
    SERIAL_TYPES,
    Modifier,
    Symbol,
    SymbolSyntaxError,
    build_symbol,
    format_symbol,
    normalize_symbol,
    parse_series,
    parse_symbol,
    roman_value,
    split_series,
)
from tests.documents.symbol_corpus import CORPUS, UNCONFIRMED, CorpusSymbol

PARTS = {
    "symbol",
    "character",
    "component",
    "series",
    "body",
    "session",
    "subsidiary",
    "document type",
    "number",
    "modifier",
    "qualifier",
}


def _canonical(entry: CorpusSymbol) -> str:
    return entry.canonical or entry.symbol


# -- the corpus of real symbols ----------------------------------------------------------------


def test_corpus_has_enough_distinct_sourced_symbols():
    symbols = [entry.symbol for entry in CORPUS]
    assert len(symbols) >= 80
    assert len(set(symbols)) == len(symbols)
    assert all(entry.source.strip() for entry in CORPUS + UNCONFIRMED)


@pytest.mark.parametrize("entry", CORPUS + UNCONFIRMED, ids=lambda e: e.symbol)
def test_corpus_symbol_round_trips(entry):
    symbol = parse_symbol(entry.symbol)
    assert format_symbol(symbol) == _canonical(entry)
    assert normalize_symbol(entry.symbol) == _canonical(entry)
    assert normalize_symbol(_canonical(entry)) == _canonical(entry)
    assert parse_symbol(_canonical(entry)) == symbol
    assert str(symbol) == _canonical(entry)


@pytest.mark.parametrize("entry", CORPUS + UNCONFIRMED, ids=lambda e: e.symbol)
def test_corpus_meeting_series_is_a_valid_series(entry):
    symbol = parse_symbol(entry.symbol)
    assert parse_series(symbol.meeting_series) == symbol.meeting_series
    if symbol.year_suffix is None and symbol.qualifier is None:
        rebuilt = build_symbol(
            symbol.meeting_series, symbol.doc_type, symbol.number, symbol.modifiers
        )
        assert rebuilt == _canonical(entry)


@pytest.mark.parametrize("entry", CORPUS + UNCONFIRMED, ids=lambda e: e.symbol)
def test_corpus_symbol_rebuilds_from_its_fields(entry):
    symbol = parse_symbol(entry.symbol)
    fields = {name: getattr(symbol, name) for name in Symbol.__dataclass_fields__}
    assert Symbol(**fields) == symbol


# -- field extraction --------------------------------------------------------------------------


def test_parse_symbol_working_paper_corrigendum_fields():
    symbol = parse_symbol("BWC/MSP/2020/MX.5/WP.5/Corr.1")
    assert symbol.series == "BWC"
    assert symbol.body == "MSP"
    assert symbol.session == "2020"
    assert symbol.subsidiary == "MX.5"
    assert symbol.doc_type == "WP"
    assert symbol.number == 5
    assert symbol.modifiers == (Modifier("Corr", 1),)
    assert symbol.year_suffix is None
    assert symbol.qualifier is None
    assert symbol.dotted_session is False
    assert symbol.meeting_series == "BWC/MSP/2020/MX.5"
    assert symbol.parent_symbol == "BWC/MSP/2020/MX.5/WP.5"
    assert symbol.base == "BWC/MSP/2020/MX.5/WP.5"
    assert symbol.is_main_document is False


def test_parse_symbol_main_document_fields():
    symbol = parse_symbol("BWC/MSP/2020/MX.5/2")
    assert (symbol.doc_type, symbol.number, symbol.modifiers) == ("", 2, ())
    assert symbol.is_main_document is True
    assert symbol.parent_symbol is None
    assert symbol.base == "BWC/MSP/2020/MX.5/2"


def test_parse_symbol_review_conference_has_dotted_session():
    symbol = parse_symbol("BWC/CONF.VIII/4")
    assert (symbol.body, symbol.session, symbol.subsidiary) == ("CONF", "VIII", None)
    assert symbol.dotted_session is True
    assert symbol.meeting_series == "BWC/CONF.VIII"


def test_parse_symbol_preparatory_committee_is_subsidiary():
    symbol = parse_symbol("BWC/CONF.IX/PC/1")
    assert (symbol.body, symbol.session, symbol.subsidiary) == ("CONF", "IX", "PC")
    assert symbol.meeting_series == "BWC/CONF.IX/PC"


def test_parse_symbol_working_group_session_is_own_component():
    symbol = parse_symbol("BWC/WG/3/WP.1")
    assert (symbol.body, symbol.session, symbol.dotted_session) == ("WG", "3", False)
    assert symbol.meeting_series == "BWC/WG/3"


def test_parse_symbol_ad_hoc_group_keeps_spaces_and_part():
    symbol = parse_symbol("BWC/AD HOC GROUP/43 (Part II)")
    assert (symbol.body, symbol.session, symbol.subsidiary) == ("AD HOC GROUP", None, None)
    assert symbol.number == 43
    assert symbol.qualifier == "Part II"
    assert symbol.meeting_series == "BWC/AD HOC GROUP"


def test_parse_symbol_compound_number_is_str():
    symbol = parse_symbol("BWC/AD HOC GROUP/56-1")
    assert symbol.number == "56-1"
    assert symbol.is_main_document is True


def test_parse_symbol_general_assembly_resolution_session_follows_type():
    symbol = parse_symbol("A/RES/75/88")
    assert (symbol.series, symbol.body, symbol.session) == ("A", None, "75")
    assert (symbol.doc_type, symbol.number) == ("RES", 88)
    assert symbol.meeting_series == "A/75"


def test_parse_symbol_security_council_resolution_year_suffix():
    symbol = parse_symbol("S/RES/1540 (2004)")
    assert (symbol.doc_type, symbol.number, symbol.year_suffix) == ("RES", 1540, 2004)
    assert symbol.session is None
    assert symbol.meeting_series == "S"


def test_parse_symbol_year_suffix_stays_before_modifier():
    symbol = parse_symbol("S/RES/2235(2015)/Corr.1")
    assert format_symbol(symbol) == "S/RES/2235 (2015)/Corr.1"
    assert symbol.parent_symbol == "S/RES/2235 (2015)"


def test_parse_symbol_human_rights_council_resolution_body():
    symbol = parse_symbol("A/HRC/RES/46/1")
    assert (symbol.body, symbol.session, symbol.doc_type) == ("HRC", "46", "RES")
    assert symbol.meeting_series == "A/HRC/46"


def test_parse_symbol_committee_draft_body_keeps_its_number():
    symbol = parse_symbol("A/C.1/75/L.1/Rev.1")
    assert (symbol.body, symbol.session, symbol.doc_type, symbol.number) == ("C.1", "75", "L", 1)
    assert symbol.parent_symbol == "A/C.1/75/L.1"


def test_parse_symbol_multi_component_body_before_session():
    symbol = parse_symbol("E/CN.4/Sub.2/2005/1")
    assert (symbol.body, symbol.session, symbol.subsidiary) == ("CN.4/Sub.2", "2005", None)


def test_parse_symbol_year_after_full_stop_is_dotted_session():
    symbol = parse_symbol("NPT/CONF.2020/PC.I/CRP.2")
    assert (symbol.body, symbol.session, symbol.subsidiary) == ("CONF", "2020", "PC.I")
    assert symbol.dotted_session is True
    assert symbol.meeting_series == "NPT/CONF.2020/PC.I"


def test_parse_symbol_without_session_splits_body_and_subsidiary():
    symbol = parse_symbol("ST/LIB/SER.B/5/Rev.5")
    assert (symbol.body, symbol.session, symbol.subsidiary) == ("LIB", None, "SER.B")
    assert symbol.parent_symbol == "ST/LIB/SER.B/5"


def test_parse_symbol_working_party_outside_bwc_is_a_body():
    symbol = parse_symbol("ECE/TRANS/WP.29/1150")
    assert (symbol.body, symbol.subsidiary, symbol.number) == ("TRANS", "WP.29", 1150)


def test_parse_symbol_qualifier_belongs_to_last_modifier():
    symbol = parse_symbol("A/65/456/Add.2 (Part II)")
    assert symbol.modifiers == (Modifier("Add", 2),)
    assert symbol.qualifier == "Part II"
    assert symbol.base == "A/65/456"
    assert symbol.parent_symbol == "A/65/456"


def test_parse_symbol_chained_modifiers_parent_drops_last():
    symbol = parse_symbol("ST/AI/189/Add.3/Rev.2")
    assert symbol.modifiers == (Modifier("Add", 3), Modifier("Rev", 2))
    assert symbol.parent_symbol == "ST/AI/189/Add.3"
    assert symbol.base == "ST/AI/189"


def test_parse_symbol_old_resolution_session_qualifier():
    symbol = parse_symbol("A/RES/1514 (XV)")
    assert (symbol.doc_type, symbol.number, symbol.qualifier) == ("RES", 1514, "XV")


def test_parse_symbol_lettered_resolution_number_is_str():
    assert parse_symbol("A/RES/42/37 C").number == "37C"


# -- normalisation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bwc/msp/2020/mx.5/wp.5", "BWC/MSP/2020/MX.5/WP.5"),
        ("  BWC/MSP/2020/MX.5/WP.5  ", "BWC/MSP/2020/MX.5/WP.5"),
        ("BWC / MSP / 2020 / MX.5 / WP.5", "BWC/MSP/2020/MX.5/WP.5"),
        ("BWC/MSP/2020/MX. 5/WP .5", "BWC/MSP/2020/MX.5/WP.5"),
        ("BWC/MSP/2020/MX.5/WP 5", "BWC/MSP/2020/MX.5/WP.5"),
        ("BWC/MSP/2020/MX.5/wp5", "BWC/MSP/2020/MX.5/WP.5"),
        ("BWC/MSP/2020/MX.5/INF.1/Rev 1", "BWC/MSP/2020/MX.5/INF.1/Rev.1"),
        ("BWC/MSP/2020/MX.5/INF.1/Rev1", "BWC/MSP/2020/MX.5/INF.1/Rev.1"),
        ("BWC/MSP/2020/MX.5/INF.1/REV.1", "BWC/MSP/2020/MX.5/INF.1/Rev.1"),
        ("BWC/MSP/2020/MX.5/INF.1/rev. 1", "BWC/MSP/2020/MX.5/INF.1/Rev.1"),
        ("BWC/MSP/2020/MX.5/WP.5/corr.1", "BWC/MSP/2020/MX.5/WP.5/Corr.1"),
        ("BWC/MSP/2017/3/add 1", "BWC/MSP/2017/3/Add.1"),
        ("ST/AI/2000/1/amend.1", "ST/AI/2000/1/Amend.1"),
        ("bwc/ad hoc group/43 (part ii)", "BWC/AD HOC GROUP/43 (Part II)"),
        ("BWC/AD  HOC\tGROUP/FOC/1", "BWC/AD HOC GROUP/FOC/1"),
        ("BWC/AD HOC GROUP/43(PartII)", "BWC/AD HOC GROUP/43 (Part II)"),
        ("S/RES/1540 (2004)", "S/RES/1540 (2004)"),
        ("S/RES/1540(2004)", "S/RES/1540 (2004)"),
        ("s/res/1540 ( 2004 )", "S/RES/1540 (2004)"),
        ("S/PV.6201 (resumption 1)", "S/PV.6201 (Resumption 1)"),
        ("A/CONF.151/26 (vol.I)", "A/CONF.151/26 (Vol. I)"),
        ("a/res/1514 (xv)", "A/RES/1514 (XV)"),
        ("bwc/conf.viii/4", "BWC/CONF.VIII/4"),
        ("bwc/conf . viii/4", "BWC/CONF.VIII/4"),
        ("e/cn.4/sub.2/2005/1", "E/CN.4/Sub.2/2005/1"),
        ("E/CN.4/SUB.2/2005/1", "E/CN.4/Sub.2/2005/1"),
        ("td/b/inf.222", "TD/B/INF.222"),
        ("a/res/s-26/2", "A/RES/S-26/2"),
        ("\u00a0BWC/MSP/2020/MX.5/1\u00a0", "BWC/MSP/2020/MX.5/1"),
        ("BWC/MSP/2020/MX.5/1\n", "BWC/MSP/2020/MX.5/1"),
    ],
)
def test_normalize_symbol_lenient_input_gives_canonical(text, expected):
    assert normalize_symbol(text) == expected
    assert normalize_symbol(expected) == expected


@pytest.mark.parametrize(
    "text",
    ["BWC/MSP/2020/MX.5/WP.5/Rev 1", "bwc/msp/2020/mx.5/wp.5/REV1", "BWC/MSP/2020/MX.5/WP.5/Rev.1"],
)
def test_normalize_symbol_revision_spellings_agree(text):
    assert parse_symbol(text) == parse_symbol("BWC/MSP/2020/MX.5/WP.5/Rev.1")


# -- rejections ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("", "symbol"),
        ("   ", "symbol"),
        ("BWC", "symbol"),
        ("qwerty", "symbol"),
        ("lorem ipsum dolor", "symbol"),
        ("foo/bar", "document type"),
        ("BWC//1", "component"),
        ("/BWC/MSP/2020/1", "series"),
        ("BWC/MSP/2020/MX.5/WP.5/", "component"),
        ("BWC/MSP/2020/MX.5/WP.0", "number"),
        ("BWC/MSP/2020/MX.5/WP.05", "number"),
        ("BWC/MSP/2020/MX.5/WP.x", "number"),
        ("BWC/MSP/2020/MX.5/WP.1234567", "number"),
        ("BWC/MSP/2020/MX.5/WP", "number"),
        ("BWC/MSP/2020/MX.5/0", "number"),
        ("BWC/MSP/2020/MX.5/WP.5/Corr", "modifier"),
        ("BWC/MSP/2020/MX.5/WP.5/Corr.0", "modifier"),
        ("BWC/MSP/2020/MX.5/WP.5/Corr.x", "modifier"),
        ("BWC/MSP/2020/MX.5/Rev.1", "modifier"),
        ("BWC/Rev.1", "modifier"),
        ("BWC/MSP/2020/MX.5/WP.5/Foo.1", "modifier"),
        ("BWC/MSP/2020/MX.5/WP.5/Rev.1/Rev.2", "modifier"),
        ("BWC/MSP/2020/MX.5/WP.5/Add.1/Rev.1/Corr.1/Add.2/Rev.3", "modifier"),
        ("A/RES/75/88/Summary", "modifier"),
        ("BWC/MSP/2020/MX.5/Foo.1", "document type"),
        ("BWC/MSP/2020/MX.5", "document type"),
        ("BWC/MSP/2020", "document type"),
        ("BWC/MSP/MX.5/1", "session"),
        ("BWC/MSP/20/1", "session"),
        ("BWC/WG/WP.1", "session"),
        ("BWC/CONF/VIII/2", "session"),
        ("BWC/CONF.8/2", "session"),
        ("BWC/MSP/02020/1", "session"),
        ("BWC/MSP/2020/MX5/1", "subsidiary"),
        ("BWC/MSP/2020/MX.5/3/1", "subsidiary"),
        ("BWC/MSP/2020/WP.5/1", "document type"),
        ("BWC/MSP/2020/Add.1/1", "modifier"),
        ("A/75/RES/88", "session"),
        ("BWC2/MSP/2020/1", "series"),
        ("ABCDEFGHIJK/1", "series"),
        ("BWC/MSP/2020/MX.5/WP.5*", "character"),
        ("UNEP/FAO/RC/OEWG.1/3*", "character"),
        ("BWC/MSP/2020/MX.5/WP.5_", "character"),
        ("BWC/MSP/2020/MX.5/WP.5\u00e9", "character"),
        ("BWC/MSP/2020/MX.5/WP\u2024 5", "character"),
        ("BWC/MSP/2020/MX.5/WP.5;", "character"),
        ("BWC/MSP/2020/MX.5/" + "WP.5/" * 30 + "1", "symbol"),
        ("A/" + "B" * 130 + "/1", "symbol"),
        ("BWC/MSP/2020/MX.5/1" + " " * 2000, "symbol"),
        ("A/B/C/D/E/F/G/H/I/J/K/L/1", "symbol"),
        ("TD/B/EX(21)/L.1", "qualifier"),
        ("S/RES/2235/Corr.1 (2015)", "qualifier"),
        ("A/75/1 (Part II)/Add.1", "qualifier"),
        ("A/75/1 (Foo)", "qualifier"),
        ("S/RES/1540 (1900)", "qualifier"),
        ("S/RES/1540 (2004", "qualifier"),
        ("S/RES/(2004)", "component"),
        ("UNEP/OzL.Pro.31/9", "body"),
        ("A/C-1/75/L.1", "body"),
        ("BWC/MSP/2020/MX./1", "subsidiary"),
    ],
)
def test_parse_symbol_malformed_rejected_with_part(text, part):
    with pytest.raises(SymbolSyntaxError) as info:
        parse_symbol(text)
    error = info.value
    assert error.part == part, str(error)
    assert error.reason
    assert part in str(error)
    assert error.position is not None
    assert 0 <= error.position <= len(text)
    with pytest.raises(SymbolSyntaxError):
        normalize_symbol(text)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("BWC//1", 4),
        ("  BWC//1", 6),
        ("BWC/MSP/2020/MX.5/WP.x", 21),
        ("BWC / MSP / 2020 / MX.5 / WP.x", 29),
        ("BWC/MSP/2020/MX.5/WP.5/Corr", 27),
        ("BWC/MSP/2020/MX.5/Rev.1", 18),
        ("BWC/MSP/2020/MX.5/WP.5/Foo.1", 23),
        ("BWC/MSP/2020/MX.5/WP.5*", 22),
        ("\u00a0\u00a0BWC/MSP/2020/MX.5/WP.0", 23),
        ("", 0),
    ],
)
def test_symbol_syntax_error_position_is_offset_in_given_text(text, position):
    with pytest.raises(SymbolSyntaxError) as info:
        parse_symbol(text)
    assert info.value.position == position


def test_symbol_syntax_error_message_names_part_and_reason():
    with pytest.raises(SymbolSyntaxError) as info:
        parse_symbol("BWC/MSP/2020/MX.5/WP.0")
    message = str(info.value)
    assert "number" in message
    assert "start at 1" in message
    assert "BWC/MSP/2020/MX.5/WP.0" in message


def test_symbol_syntax_error_is_value_error_and_copies():
    with pytest.raises(ValueError, match="modifier") as info:
        parse_symbol("BWC/MSP/2020/MX.5/WP.5/Foo.1")
    clone = copy.deepcopy(info.value)  # goes through __reduce__, as pickling does
    assert (clone.part, clone.position, clone.reason, clone.text) == (
        info.value.part,
        info.value.position,
        info.value.reason,
        info.value.text,
    )


def test_parse_symbol_non_str_raises_type_error():
    with pytest.raises(TypeError):
        parse_symbol(b"BWC/MSP/2020/MX.5/1")  # type: ignore[arg-type]


# -- parse_series and build_symbol ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bwc/msp/2020/mx.5", "BWC/MSP/2020/MX.5"),
        ("BWC/MSP/2017", "BWC/MSP/2017"),
        (" BWC / CONF.VIII ", "BWC/CONF.VIII"),
        ("bwc/conf.ix/pc", "BWC/CONF.IX/PC"),
        ("BWC/WG/3", "BWC/WG/3"),
        ("BWC/AD HOC GROUP", "BWC/AD HOC GROUP"),
        ("A/75", "A/75"),
        ("A/C.1/75", "A/C.1/75"),
        ("NPT/CONF.2020/PC.I", "NPT/CONF.2020/PC.I"),
        ("CD", "CD"),
    ],
)
def test_parse_series_valid_series_canonical(text, expected):
    assert parse_series(text) == expected


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("", "symbol"),
        ("BWC/MSP", "session"),
        ("BWC/MSP/2020/MX.5/WP.5", "document type"),
        ("BWC/MSP/2020/MX.5/1", "subsidiary"),
        ("BWC/MSP/2020/MX.5/Rev.1", "modifier"),
        ("BWC/MSP/2020/MX.5/", "component"),
        ("BWC/MSP/2020 (2004)", "qualifier"),
        ("A/RES/75", "document type"),
        ("BWC/CONF/IX", "session"),
        ("B1/MSP", "series"),
    ],
)
def test_parse_series_invalid_rejected_with_part(text, part):
    with pytest.raises(SymbolSyntaxError) as info:
        parse_series(text)
    assert info.value.part == part, str(info.value)


def test_build_symbol_working_paper():
    assert build_symbol("BWC/MSP/2020/MX.5", "WP", 7) == "BWC/MSP/2020/MX.5/WP.7"


def test_build_symbol_main_document():
    assert build_symbol("BWC/MSP/2020/MX.5", "", 2) == "BWC/MSP/2020/MX.5/2"


def test_build_symbol_with_revision():
    built = build_symbol("BWC/MSP/2020/MX.5", "INF", 1, (("Rev", 1),))
    assert built == "BWC/MSP/2020/MX.5/INF.1/Rev.1"


def test_build_symbol_with_chained_modifier_objects():
    built = build_symbol("BWC/MSP/2020/MX.5", "WP", 5, [Modifier("Rev", 1), Modifier("Corr", 1)])
    assert built == "BWC/MSP/2020/MX.5/WP.5/Rev.1/Corr.1"


def test_build_symbol_normalises_series_and_type():
    assert build_symbol("bwc/conf.viii", "", 4) == "BWC/CONF.VIII/4"
    assert build_symbol("bwc/msp/2020/mx.1", "crp", 1) == "BWC/MSP/2020/MX.1/CRP.1"


def test_build_symbol_resolution_session_follows_type():
    assert build_symbol("A/75", "RES", 88) == "A/RES/75/88"
    assert build_symbol("S", "RES", 1540) == "S/RES/1540"


@pytest.mark.parametrize(
    ("series", "doc_type", "number", "modifiers", "part"),
    [
        ("BWC/MSP/2020/MX.5", "XX", 1, (), "document type"),
        ("BWC/MSP/2020/MX.5", "WP", 0, (), "number"),
        ("BWC/MSP/2020/MX.5", "WP", "5x", (), "number"),
        ("BWC/MSP/2020/MX.5", "WP", 1, (("Foo", 1),), "modifier"),
        ("BWC/MSP/2020/MX.5", "WP", 1, (("Rev", 0),), "modifier"),
        ("BWC/MSP/2020/MX.5", "WP", 1, (("Rev", 1), ("Rev", 2)), "modifier"),
        ("BWC/MSP/2020/MX.5/WP.5", "WP", 1, (), "document type"),
        ("BWC/MSP", "WP", 1, (), "session"),
        ("BWC/MSP/2020/MX.5", "RES", 1, (), "subsidiary"),
    ],
)
def test_build_symbol_invalid_raises(series, doc_type, number, modifiers, part):
    with pytest.raises(SymbolSyntaxError) as info:
        build_symbol(series, doc_type, number, modifiers)
    assert info.value.part == part, str(info.value)


# -- constructing Symbol and Modifier directly ----------------------------------------------------


def test_symbol_constructor_canonicalises_case_and_infers_dotted_session():
    symbol = Symbol(series="bwc", body="conf", session="viii", number=4)
    assert symbol == parse_symbol("BWC/CONF.VIII/4")
    assert symbol.dotted_session is True


def test_symbol_constructor_accepts_modifier_pairs():
    symbol = Symbol(
        series="BWC",
        body="MSP",
        session="2020",
        subsidiary="MX.5",
        doc_type="INF",
        number=1,
        modifiers=(("rev", 1),),
    )
    assert format_symbol(symbol) == "BWC/MSP/2020/MX.5/INF.1/Rev.1"


def test_symbol_constructor_dotted_year_when_asked():
    symbol = Symbol(
        series="NPT",
        body="CONF",
        session="2020",
        dotted_session=True,
        subsidiary="PC.I",
        doc_type="CRP",
        number=2,
    )
    assert format_symbol(symbol) == "NPT/CONF.2020/PC.I/CRP.2"


@pytest.mark.parametrize(
    ("fields", "part"),
    [
        ({"series": "BWC", "body": "CONF.VIII", "number": 4}, "body"),
        (
            {"series": "BWC", "body": "MSP", "session": "2020", "doc_type": "WP", "number": 0},
            "number",
        ),
        (
            {"series": "BWC", "body": "MSP", "session": "2020", "doc_type": "XX", "number": 1},
            "document type",
        ),
        ({"series": "BWC", "body": "MSP", "number": 1}, "session"),
        ({"series": "B W C", "number": 1}, "series"),
        ({"series": "A", "session": "XV", "number": 1}, "session"),
        ({"series": "A", "session": "75", "doc_type": "RES", "number": "88/1"}, "number"),
        (
            {"series": "A", "body": "C.1", "session": "75", "subsidiary": "2020", "number": 1},
            "subsidiary",
        ),
    ],
)
def test_symbol_constructor_invalid_fields_raise(fields, part):
    with pytest.raises(SymbolSyntaxError) as info:
        Symbol(**fields)
    assert info.value.part == part, str(info.value)
    assert info.value.position is None


@pytest.mark.parametrize(
    "fields",
    [
        {"series": 1, "number": 1},
        {"series": "A", "number": 1.5},
        {"series": "A", "number": True},
        {"series": "A", "body": 3, "number": 1},
        {"series": "A", "number": 1, "year_suffix": "2004"},
        {"series": "A", "number": 1, "modifiers": "Rev.1"},
    ],
)
def test_symbol_constructor_wrong_types_raise_type_error(fields):
    with pytest.raises(TypeError):
        Symbol(**fields)


def test_modifier_normalises_kind_case():
    assert Modifier("rev", 1) == Modifier("Rev", 1)
    assert str(Modifier("CORR", 2)) == "Corr.2"


@pytest.mark.parametrize(("kind", "number"), [("Foo", 1), ("Rev", 0), ("Add", 1000)])
def test_modifier_invalid_raises(kind, number):
    with pytest.raises(SymbolSyntaxError) as info:
        Modifier(kind, number)
    assert info.value.part == "modifier"


def test_symbol_is_hashable_and_immutable():
    symbol = parse_symbol("BWC/MSP/2020/MX.5/WP.5")
    assert {symbol: 1}[parse_symbol("bwc/msp/2020/mx.5/wp.5")] == 1
    with pytest.raises(AttributeError):
        symbol.number = 6  # type: ignore[misc]


# -- properties ---------------------------------------------------------------------------------
# No deadlines: one example takes well under a millisecond, and a busy machine is no failure.

_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIV", "XIX"]
_KIND = st.sampled_from(["Rev", "Corr", "Add", "Amend"])
_RESERVED = NUMBERED_TYPES | SERIAL_TYPES | {"REV", "CORR", "ADD", "AMEND", "SUB", "SUMMARY", "BWC"}


@st.composite
def _modifier_chains(draw, max_size=3):
    kinds = draw(st.lists(_KIND, max_size=max_size))
    chain = [kind for i, kind in enumerate(kinds) if i == 0 or kind != kinds[i - 1]]
    return tuple(Modifier(kind, draw(st.integers(1, 999))) for kind in chain)


_YEARS = st.none() | st.integers(1945, 2099)
_QUALIFIERS = st.none() | st.sampled_from(
    ["XV", "S-VII", "ES-V", "Part I", "Part II", "Part 3", "Vol. I", "Resumption", "Resumption 1"]
)


@st.composite
def bwc_symbols(draw):
    """Symbols of the BWC's own meetings, as a dict of Symbol fields."""
    meeting = draw(st.sampled_from(["MSP", "CONF", "WG", "AD HOC GROUP", "SPCONF"]))
    fields = {"series": "BWC", "body": meeting, "session": None, "dotted_session": False}
    subsidiary = None
    if meeting == "MSP":
        fields["session"] = str(draw(st.integers(1990, 2099)))
        subsidiary = draw(st.sampled_from([None, "MX", "MX.1", "MX.2", "MX.3", "MX.4", "MX.5"]))
    elif meeting == "CONF":
        fields["session"] = draw(st.sampled_from(_ROMANS))
        fields["dotted_session"] = True
        subsidiary = draw(st.sampled_from([None, "PC", "COW", "VEREX", "DC"]))
    elif meeting == "WG":
        fields["session"] = str(draw(st.integers(1, 99)))
    elif meeting == "AD HOC GROUP":
        subsidiary = draw(st.sampled_from([None, "FOC"]))
    fields["subsidiary"] = subsidiary
    fields["doc_type"] = draw(st.sampled_from(["", "WP", "CRP", "INF", "MISC", "L", "SR"]))
    number = draw(st.integers(1, 999))
    if fields["doc_type"] == "" and draw(st.booleans()):
        number = f"{number}-{draw(st.integers(1, 9))}"
    fields["number"] = number
    fields["modifiers"] = draw(_modifier_chains())
    fields["qualifier"] = draw(st.none() | st.sampled_from(["Part I", "Part II"]))
    fields["year_suffix"] = None
    return fields


_WORD = st.from_regex(r"[A-Z]{1,4}", fullmatch=True).filter(lambda w: w not in _RESERVED)
_ROMAN_IDENT = st.sampled_from(_ROMANS)
_ARABIC = st.integers(1, 9999).map(str)


@st.composite
def _names(draw):
    return " ".join(draw(st.lists(_WORD, min_size=1, max_size=2)))


@st.composite
def _tokens(draw, ident=None):
    """A body element: a name, optionally with an Arabic, Roman or letter identifier."""
    name = draw(_names())
    ident = draw(ident if ident is not None else st.none() | _ARABIC | _ROMAN_IDENT | _WORD)
    return name if ident is None else f"{name}.{ident}"


def _non_session_first_token():
    # With no session component, a Roman or year identifier on the first element is a session.
    return _tokens(ident=st.none() | st.integers(1, 999).map(str) | st.sampled_from(["B", "A"]))


def _join(tokens):
    return "/".join(tokens) or None


@st.composite
def generic_symbols(draw):
    """Symbols of any UN series other than BWC, as a dict of Symbol fields."""
    series = draw(_WORD.filter(lambda w: len(w) >= 1))
    doc_type = draw(st.sampled_from(["", *sorted(NUMBERED_TYPES), *sorted(SERIAL_TYPES)]))
    session = draw(
        st.none()
        | st.integers(1, 9999).map(str)
        | st.integers(1, 99).map(lambda n: f"S-{n}")
        | st.integers(1, 99).map(lambda n: f"ES-{n}")
    )
    fields = {"series": series, "doc_type": doc_type, "dotted_session": False}
    if doc_type in SERIAL_TYPES:
        first = draw(st.lists(_non_session_first_token(), max_size=1))
        rest = draw(st.lists(_tokens(), max_size=1)) if first else []
        if session is None:
            fields |= {"body": _join(first), "session": None, "subsidiary": _join(rest)}
        else:
            fields |= {"body": _join(first + rest), "session": session, "subsidiary": None}
        number = draw(st.integers(1, 999_999))
        if draw(st.booleans()):
            number = f"{number}{draw(st.sampled_from('ABCD'))}"
    else:
        layout = draw(st.sampled_from(["session", "dotted", "none"]))
        subsidiary = _join(draw(st.lists(_tokens(), max_size=1)))
        if layout == "session" and session is not None:
            body = _join(draw(st.lists(_tokens(), max_size=2)))
            fields |= {"body": body, "session": session, "subsidiary": subsidiary}
        elif layout == "dotted":
            dotted = draw(_ROMAN_IDENT | st.integers(1945, 2099).map(str))
            fields |= {"body": draw(_names()), "session": dotted, "subsidiary": subsidiary}
            fields["dotted_session"] = True
        else:
            body = draw(st.none() | _non_session_first_token())
            fields |= {"body": body, "session": None, "subsidiary": subsidiary if body else None}
        number = draw(st.integers(1, 999_999))
        if doc_type == "" and draw(st.booleans()):
            number = f"{number}-{draw(st.integers(1, 9999))}"
    fields["number"] = number
    fields["modifiers"] = draw(_modifier_chains())
    fields["year_suffix"] = draw(_YEARS)
    fields["qualifier"] = draw(_QUALIFIERS)
    return fields


def _check_symbol_fields(fields):
    symbol = Symbol(**fields)
    for name, value in fields.items():
        assert getattr(symbol, name) == value, name
    text = format_symbol(symbol)
    assert len(text) <= MAX_SYMBOL_LENGTH
    assert parse_symbol(text) == symbol
    assert normalize_symbol(text) == text
    assert parse_series(symbol.meeting_series) == symbol.meeting_series
    if symbol.year_suffix is None and symbol.qualifier is None:
        rebuilt = build_symbol(
            symbol.meeting_series, symbol.doc_type, symbol.number, symbol.modifiers
        )
        assert rebuilt == text
    if symbol.modifiers:
        assert parse_symbol(symbol.parent_symbol).modifiers == symbol.modifiers[:-1]
        assert parse_symbol(symbol.base).modifiers == ()
    return symbol


@given(bwc_symbols())
@settings(deadline=None)
def test_bwc_symbol_fields_round_trip(fields):
    symbol = _check_symbol_fields(fields)
    assert symbol.meeting_series.startswith("BWC/")


@given(generic_symbols())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generic_symbol_fields_round_trip(fields):
    _check_symbol_fields(fields)


def _messy(text, draw):
    """The same symbol as someone might type it: any case, spaces around slashes."""
    out = []
    for char in text:
        if char == "/" and draw(st.booleans()):
            out.append(draw(st.sampled_from([" /", "/ ", " / ", "/"])))
        elif char.isalpha() and draw(st.booleans()):
            out.append(char.swapcase())
        else:
            out.append(char)
    padding = draw(st.sampled_from(["", " ", "\t", "\u00a0", "\n"]))
    return padding + "".join(out) + padding


@given(st.one_of(bwc_symbols(), generic_symbols()), st.data())
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_normalize_symbol_messy_spelling_gives_canonical(fields, data):
    text = format_symbol(Symbol(**fields))
    assert normalize_symbol(_messy(text, data.draw)) == text


@given(st.sampled_from(CORPUS), st.data())
@settings(deadline=None)
def test_normalize_symbol_messy_corpus_spelling_gives_canonical(entry, data):
    assert normalize_symbol(_messy(entry.symbol, data.draw)) == _canonical(entry)


_SYMBOL_ALPHABET = string.ascii_letters + string.digits + "/.-() " + "*_\t\u00a0\u00e9"


def _attempt(function, *args, **kwargs):
    """(result, None) or (None, the SymbolSyntaxError); any other exception propagates."""
    try:
        return function(*args, **kwargs), None
    except SymbolSyntaxError as error:
        return None, error


def _check_never_crashes(text):
    symbol, error = _attempt(parse_symbol, text)
    if error is not None:
        assert error.part in PARTS
        assert error.reason
        assert error.position is None or 0 <= error.position <= len(text)
        return
    canonical = format_symbol(symbol)
    assert normalize_symbol(canonical) == canonical
    assert parse_symbol(canonical) == symbol


@given(st.text(alphabet=_SYMBOL_ALPHABET, max_size=60))
@example("BWC/MSP/2020/MX.5/WP.5/Corr.1")
@example("BWC/ AD HOC GROUP /43 (part ii)")
@example("A/RES/42/37 C (XV)")
@example("S/RES/1540 (2004) (2004)")
@example("(2004)/1")
@example("A/(B)/1")
@settings(max_examples=500, deadline=None)
def test_parse_symbol_fuzz_raises_only_symbol_syntax_error(text):
    _check_never_crashes(text)


@given(st.text(max_size=40))
@settings(deadline=None)
def test_parse_symbol_any_text_raises_only_symbol_syntax_error(text):
    _check_never_crashes(text)


@given(st.sampled_from(CORPUS), st.integers(0, 60), st.sampled_from([*_SYMBOL_ALPHABET, ""]))
@settings(max_examples=500, deadline=None)
def test_parse_symbol_mutated_corpus_raises_only_symbol_syntax_error(entry, at, char):
    text = entry.symbol
    at = min(at, len(text))
    _check_never_crashes(text[:at] + char + text[at + 1 :])
    _check_never_crashes(text[:at] + char + text[at:])


@given(st.text(alphabet=_SYMBOL_ALPHABET, max_size=40))
@settings(deadline=None)
def test_parse_series_fuzz_raises_only_symbol_syntax_error(text):
    series, error = _attempt(parse_series, text)
    if error is not None:
        assert error.part in PARTS
        return
    assert parse_series(series) == series


@given(
    series=st.text(alphabet=_SYMBOL_ALPHABET, max_size=8),
    body=st.none() | st.text(alphabet=_SYMBOL_ALPHABET, max_size=8),
    session=st.none() | st.text(alphabet=_SYMBOL_ALPHABET, max_size=5),
    subsidiary=st.none() | st.text(alphabet=_SYMBOL_ALPHABET, max_size=8),
    doc_type=st.text(alphabet=_SYMBOL_ALPHABET, max_size=4),
    number=st.integers(-5, 10**7) | st.text(alphabet=_SYMBOL_ALPHABET, max_size=6),
)
@settings(deadline=None)
def test_symbol_constructor_fuzz_valid_or_symbol_syntax_error(
    series, body, session, subsidiary, doc_type, number
):
    symbol, error = _attempt(
        Symbol,
        series=series,
        body=body,
        session=session,
        subsidiary=subsidiary,
        doc_type=doc_type,
        number=number,
    )
    if error is not None:
        assert error.part in PARTS
        return
    assert parse_symbol(format_symbol(symbol)) == symbol


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("bwc/msp/2020/mx.5", ("BWC", "MSP", "2020", False, "MX.5")),
        ("BWC/CONF.IX", ("BWC", "CONF", "IX", True, None)),
        ("BWC/WG/3", ("BWC", "WG", "3", False, None)),
    ],
)
def test_split_series_names_the_parts(text, parts):
    assert tuple(split_series(text)) == parts


def test_split_series_refuses_what_is_no_series():
    with pytest.raises(SymbolSyntaxError):
        split_series("BWC/MSP/2020/MX.5/WP.1/Corr.1")


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("xl", 40), ("MCMXCIV", 1994), ("IIII", None)],
)
def test_roman_value(numeral, value):
    assert roman_value(numeral) == value
