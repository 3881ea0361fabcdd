"""The grammar of United Nations document symbols.

A document symbol identifies one UN document across all its language versions, e.g.
``BWC/MSP/2020/MX.5/WP.5/Corr.1``. This module parses, validates, normalises, formats and
builds symbols. It is plain Python, so models, forms, importers and the minting of new
symbols can all share it.

Sources
=======
* Dag Hammarskjöld Library, *UN Documentation: Overview - Document symbols*
  (https://research.un.org/en/docs/symbols) and *UN Document Symbols & Series Symbols*
  (https://research.un.org/en/docs/undocumentsymbols/symbolelements). The first component
  names the organ or a special series (``A/``, ``S/``, ``E/``, ``ST/``, ``CRC/C/``, ``TD/``).
  Secondary and tertiary components name subsidiary bodies (``AC.``, ``C.``, ``CN.``,
  ``CONF.``, ``GC.``, ``PC``, ``SC.``, ``Sub.``, ``WG.``). Special components give the nature
  of the document (``CRP.``, ``INF``, ``L.``, ``NGO``, ``PET``, ``PRST``, ``PV.``, ``R.``,
  ``RES``, ``SR.``, ``WP.``). The final component records changes to the text (``Add.``,
  ``Amend.``, ``Corr.``, ``Rev.``). Session or year components follow the body (``A/31/99``,
  ``S/1994/99``, ``E/1978/99``), and parenthesised elements mark such things as resumed
  meetings.
* ST/LIB/SER.B/5/Rev.5, *United Nations Document Series Symbols, 1946-1996*: the full list
  that those guides refer to.
* UNBIS Reference Manual, *Document series symbols*
  (https://www.un.org/depts/dhl/unbisref_manual/docseries/docseries.htm). Symbols are
  capital letters with numerals, usually Arabic. Roman numerals give the ordinal of a session
  or of a subsidiary organ. An oblique stroke separates the components. Spaces occur only
  inside compound names (``TD/B/C.1/IRON ORE``) and between words (``(Resumption 1)``).
* Dag Hammarskjöld Library, *General Assembly resolutions: numbering system*
  (https://www.un.org/depts/dhl/resguide/gares.htm). Since the 31st session (1976) the form
  is ``A/RES/<session>/<n>`` (``A/RES/44/25``, ``A/RES/S-13/2``, ``A/RES/ES-8/2``). Before
  that, the session follows in Roman numerals in parentheses (resolution 1514 (XV)), and
  resolutions adopted under one number are told apart by a capital letter (42/37 C).

Grammar
=======
The grammar below, in EBNF, describes the canonical form. ``" "`` stands for exactly one
space, and ``letter`` for a capital letter::

    symbol        = series, [ "/", path ], "/", document, { "/", modifier },
                    [ " (", qualifier, ")" ] ;
    series        = letter, { letter } ;                (* 1-10 letters: A, S, E, ST, BWC *)
    path          = component, { "/", component } ;
    component     = session | body-element ;
    session       = [ "S-" | "ES-" ], arabic ;          (* 2020, 75, 3, S-26, ES-10 *)
    body-element  = name, [ ".", ident ] ;              (* MSP, C.1, MX.5, CONF.VIII, SER.B *)
    name          = word, { " ", word } ;               (* AD HOC GROUP, IRON ORE *)
    word          = letter, { letter } ;                (* written "Sub" for the
                                                           subcommission, as the UN does *)
    ident         = arabic | letter, { letter } ;       (* Roman numerals are letters *)
    document      = main | numbered | serial ;
    main          = number, [ year ] ;                  (* BWC/MSP/2017/4, .../56-1 *)
    numbered      = numbered-type, ".", number, [ year ] ;
    numbered-type = "CRP" | "INF" | "L" | "MISC" | "PV" | "R" | "SR" | "WP" ;
    serial        = serial-type, "/", [ session, "/" ], arabic, [ letter ], [ year ] ;
    serial-type   = "RES" | "DEC" | "PRST" ;            (* A/RES/75/88, S/PRST/2004/5 *)
    number        = arabic, [ "-", arabic ] ;           (* 5, 56-1 *)
    year          = " (", ( "19" | "20" ), digit, digit, ")" ;  (* S/RES/1540 (2004) *)
    modifier      = ( "Rev" | "Corr" | "Add" | "Amend" ), ".", arabic ;
    qualifier     = [ "S-" | "ES-" ], roman             (* A/RES/1514 (XV) *)
                  | "Part ", ordinal                    (* BWC/AD HOC GROUP/43 (Part II) *)
                  | "Vol. ", ordinal                    (* A/CONF.151/26 (Vol. I) *)
                  | "Resumption", [ " ", arabic ] ;     (* S/PV.6201 (Resumption 1) *)
    ordinal       = roman | arabic ;
    arabic        = nonzero-digit, { digit } ;          (* numbers start at 1 *)

Limits: 128 characters (the width of the symbol columns), 12 components, 4 modifiers,
numbers of at most 6 digits (4 after a hyphen), sessions and body identifiers of at most 4
digits (identifiers of letters: at most 10), modifier numbers of at most 3 digits, years
from 1945 on.

Reading the path
================
The path names the body the document belongs to. It is read into the ``body``,
``session`` and ``subsidiary`` of a :class:`Symbol`:

1. A path holds at most one session. The components before it form the body, joined with
   "/" (``E/CN.4/Sub.2/2005/1`` has the body ``CN.4/Sub.2``). The components after it form
   the subsidiary body (``BWC/MSP/2020/MX.5/WP.5`` has the body ``MSP``, the session
   ``2020`` and the subsidiary ``MX.5``).
2. If the path holds no session, but its first component has a Roman numeral or a year
   after the full stop, that numeral or year is the session, written with a full stop
   (``BWC/CONF.VIII/4`` has the body ``CONF`` and the session ``VIII``;
   ``NPT/CONF.2020/PC.I/CRP.2`` has the body ``CONF``, the session ``2020`` and the
   subsidiary ``PC.I``). An Arabic number after the full stop is part of the body's name
   (``A/C.1``, ``E/CN.4``, ``A/AC.289``).
3. Otherwise the first component is the body and the rest is the subsidiary
   (``BWC/AD HOC GROUP/FOC/1``, ``ST/LIB/SER.B/5/Rev.5``).
4. A serial document (``RES``, ``DEC``, ``PRST``) carries its session after the type,
   never in the path. ``A/RES/75/88`` has the session ``75``, and ``A/HRC/RES/46/1`` has
   the body ``HRC`` and the session ``46``. If such a session is present, the whole path
   is the body.
5. In BWC symbols, ``MSP`` takes a year (``BWC/MSP/2020``), ``WG`` takes a session number
   (``BWC/WG/3``), and ``CONF`` takes a Roman numeral after a full stop (``BWC/CONF.IX``).
   In BWC symbols, a numbered document type (``WP.5``, ``INF.1``) cannot stand in the path.
   Elsewhere ``WP.n`` can name a working party (``ECE/TRANS/WP.29/1150``). Modifiers,
   serial types and the other numbered document types never stand in a path.

The *meeting series* of a symbol is its series, body, session and subsidiary, written as
a symbol prefix. Examples: ``BWC/MSP/2020/MX.5``, ``BWC/CONF.VIII``, and ``A/75`` for
``A/RES/75/88``.

Modifiers chain in the order of issue (``Add.1/Rev.1``, ``Rev.1/Corr.1``). The same kind
twice in a row (``Rev.1/Rev.2``) is rejected, because a revision is numbered on the
document it revises. A year in parentheses follows the document number
(``S/RES/2235 (2015)/Corr.1``). A qualifier closes the symbol and applies to its last
element (``A/65/456/Add.2 (Part II)``).

Canonical form and normalisation
================================
The canonical form is in capitals, with three exceptions: modifiers (``Rev.``, ``Corr.``,
``Add.``, ``Amend.``), the name ``Sub``, and the words of qualifiers (``Part``, ``Vol.``,
``Resumption``). It has no spaces except inside compound names and before "(".
:func:`normalize_symbol` also accepts these variants:

* leading, trailing and repeated whitespace, including non-breaking spaces;
* spaces around "/" and ".";
* any letter case;
* modifiers and numbered types without the full stop, or with a space instead
  (``rev 1``, ``Rev1``, ``REV.1``, ``wp 5``);
* a year or qualifier without the space before it (``1540(2004)``, ``(PartI)``);
* a space before a resolution letter (``42/37 C`` becomes ``42/37C``).

Rejected forms
==============
* An asterisk. It marks a document reissued for technical reasons, but it belongs to the
  printed page, not to the symbol.
* The ``/Summary`` version.
* Parentheses inside the path (``TD/B/EX(21)/...``).
* A year in parentheses after a modifier (``S/RES/2235/Corr.1 (2015)``), and a qualifier
  before one (``A/65/456 (Part II)/Add.2``).
* Components with more than one full stop (``UNEP/OzL.Pro.31/9``).
* Letters joined to digits without a full stop (``MX5``).
* Leading zeros, and the number zero.
* A second session in one path.
* A modifier with nothing before it to modify, and the same modifier twice in a row.
* Characters other than letters A-Z, digits, "/", ".", "-", "(", ")" and spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, NamedTuple, NoReturn

__all__ = [
    "MAX_SYMBOL_LENGTH",
    "MODIFIER_KINDS",
    "NUMBERED_TYPES",
    "SERIAL_TYPES",
    "Modifier",
    "Symbol",
    "SymbolSyntaxError",
    "build_symbol",
    "format_symbol",
    "normalize_symbol",
    "parse_series",
    "parse_symbol",
]

MAX_SYMBOL_LENGTH: Final = 128  # the width of the symbol columns in the database
MAX_COMPONENTS: Final = 12
MAX_MODIFIERS: Final = 4
_MAX_INPUT: Final = 1024  # refuse before doing any work on it

MODIFIER_KINDS: Final = ("Rev", "Corr", "Add", "Amend")
NUMBERED_TYPES: Final = frozenset({"CRP", "INF", "L", "MISC", "PV", "R", "SR", "WP"})
SERIAL_TYPES: Final = frozenset({"DEC", "PRST", "RES"})
DOCUMENT_TYPES: Final = NUMBERED_TYPES | SERIAL_TYPES | {""}

_KIND_BY_UPPER: Final = {kind.upper(): kind for kind in MODIFIER_KINDS}
_MIXED_CASE_NAMES: Final = {"SUB": "Sub"}
_FIRST_UN_YEAR: Final = 1945

# Compiled once; every pattern is applied to upper-cased, whitespace-collapsed text.
_WHITESPACE = re.compile(r"\s+")
_FORBIDDEN = re.compile(r"[^A-Za-z0-9/.() -]")
_SESSION = re.compile(r"(?:E?S-)?[1-9][0-9]{0,3}")
_BODY = re.compile(r"([A-Z]+(?: [A-Z]+)*)(?: ?\. ?([A-Z]{1,10}|[1-9][0-9]{0,3}))?")
_ROMAN = re.compile(r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_DIGITS: Final = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_NUMBER = re.compile(r"[1-9][0-9]{0,5}(-[1-9][0-9]{0,3})?")
_LETTERED = re.compile(r"([1-9][0-9]{0,5}) ?([A-Z])")
_TYPED = re.compile(r"([A-Z]+)(?: ?\. ?| (?=[0-9])|(?=[0-9]))(.*)")
_MODIFIER = re.compile(r"(REV|CORR|ADD|AMEND)(?: ?\. ?| (?=[0-9])|(?=[0-9])|$)(.*)")
_MODIFIER_NUMBER = re.compile(r"[1-9][0-9]{0,2}")
_PARENS = re.compile(r"([^()]*?) ?\( ?([^()]*?) ?\)(?: ?\( ?([^()]*?) ?\))?")
_OLD_SESSION = re.compile(r"(?:E?S-)?([A-Z]+)")
_PART = re.compile(r"PART ?([A-Z]+|[1-9][0-9]{0,2})")
_VOLUME = re.compile(r"VOL ?\.? ?([A-Z]+|[1-9][0-9]{0,2})")
_RESUMPTION = re.compile(r"RESUMPTION(?: ?([1-9][0-9]?))?")
_LETTERS_DIGITS = re.compile(r"([A-Z]+)([0-9]+)")


class SymbolSyntaxError(ValueError):
    """A symbol, or a part of one, that does not follow the grammar.

    ``part`` names the element at fault: "symbol", "character", "component", "series",
    "body", "session", "subsidiary", "document type", "number", "modifier" or "qualifier".
    ``position`` is the character offset of that element in the text as given, or None when
    the error concerns the fields of a :class:`Symbol` rather than a text.
    """

    def __init__(self, part: str, position: int | None, reason: str, text: str = "") -> None:
        self.part = part
        self.position = position
        self.reason = reason
        self.text = text
        shown = (
            text if len(text) <= 2 * MAX_SYMBOL_LENGTH else text[: 2 * MAX_SYMBOL_LENGTH] + "..."
        )
        where = "" if position is None else f" at character {position}"
        subject = f" in {shown!r}" if text else ""
        super().__init__(f"invalid {part}{subject}{where}: {reason}")

    def __reduce__(self) -> tuple[type[SymbolSyntaxError], tuple[str, int | None, str, str]]:
        # The signature differs from ValueError's, so pickling needs the real arguments.
        return (type(self), (self.part, self.position, self.reason, self.text))


class _NumberError(Exception):
    """Why a number is invalid; turned into a SymbolSyntaxError by the caller."""


@dataclass(frozen=True, slots=True)
class Modifier:
    """One final component: a revision, corrigendum, addendum or amendment and its number."""

    kind: str
    number: int

    def __post_init__(self) -> None:
        if not isinstance(self.kind, str):
            raise TypeError(f"a modifier kind is a str, not {type(self.kind).__name__}")
        kind = _KIND_BY_UPPER.get(self.kind.strip().rstrip(".").upper())
        if kind is None:
            raise SymbolSyntaxError(
                "modifier",
                None,
                f"unknown modifier {self.kind!r}: expected Rev, Corr, Add or Amend",
            )
        if not isinstance(self.number, int) or isinstance(self.number, bool):
            raise TypeError(f"a modifier number is an int, not {type(self.number).__name__}")
        if not 1 <= self.number <= 999:
            raise SymbolSyntaxError(
                "modifier", None, f"{kind}.{self.number}: modifier numbers run from 1 to 999"
            )
        object.__setattr__(self, "kind", kind)

    def __str__(self) -> str:
        return f"{self.kind}.{self.number}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Symbol:
    """A parsed document symbol. Build one with :func:`parse_symbol`, or construct it directly.

    Fields, shown for ``BWC/MSP/2020/MX.5/WP.5/Corr.1``:

    * ``series``: "BWC", the organ or special series.
    * ``body``: "MSP", or None (``A/RES/75/88``). Several components are joined with "/".
    * ``session``: "2020", "VIII", "3", "S-26", or None.
    * ``dotted_session``: whether the session follows the body after a full stop
      (``CONF.VIII``) rather than as a component of its own (``MSP/2020``).
    * ``subsidiary``: "MX.5", "PC", or None. Several components are joined with "/".
    * ``doc_type``: "WP", one of :data:`NUMBERED_TYPES` or :data:`SERIAL_TYPES`, or "" for
      a main document with a bare number.
    * ``number``: 5, an int. It is a str for compound numbers ("56-1") and lettered
      resolutions ("37C").
    * ``modifiers``: ``(Modifier("Corr", 1),)``, in the order of issue.
    * ``year_suffix``: 2004 in ``S/RES/1540 (2004)``, else None.
    * ``qualifier``: "Part II", "Vol. I", "Resumption 1", "XV", or None.

    Direct construction validates the fields: they must spell a symbol that reads back as
    the same fields. Letter case is then made canonical, and ``(kind, number)`` pairs
    become :class:`Modifier` objects. When ``dotted_session`` is left as None, it is
    inferred: True for a Roman-numeral session, False otherwise. A dotted year
    (``NPT/CONF.2020``) must be asked for explicitly.
    """

    series: str
    body: str | None = None
    session: str | None = None
    dotted_session: bool | None = None
    subsidiary: str | None = None
    doc_type: str = ""
    number: int | str
    modifiers: tuple[Modifier, ...] = ()
    year_suffix: int | None = None
    qualifier: str | None = None

    def __post_init__(self) -> None:
        _validate_fields(self)

    def __str__(self) -> str:
        return format_symbol(self)

    @property
    def meeting_series(self) -> str:
        """The prefix that identifies the meeting, e.g. ``BWC/MSP/2020/MX.5``."""
        return _render_series(
            self.series, self.body, self.session, bool(self.dotted_session), self.subsidiary
        )

    @property
    def base(self) -> str:
        """The symbol without its modifiers, and without the qualifier that belongs to them."""
        if not self.modifiers:
            return format_symbol(self)
        return _render_symbol(self, modifiers=(), qualifier=None)

    @property
    def parent_symbol(self) -> str | None:
        """The symbol without its last modifier (and the qualifier on it); None without one."""
        if not self.modifiers:
            return None
        return _render_symbol(self, modifiers=self.modifiers[:-1], qualifier=None)

    @property
    def is_main_document(self) -> bool:
        """True for a bare-number document such as the agenda (``/1``) or the report (``/2``)."""
        return self.doc_type == ""


def parse_symbol(text: str) -> Symbol:
    """Parse a document symbol, accepting the lenient input described in the module docs."""
    return _parse(text)


def normalize_symbol(text: str) -> str:
    """The canonical spelling of a symbol; raises SymbolSyntaxError if it is not one."""
    return format_symbol(_parse(text))


def format_symbol(symbol: Symbol) -> str:
    """The canonical string of a symbol."""
    return _render_symbol(symbol, symbol.modifiers, symbol.qualifier)


def parse_series(text: str) -> str:
    """Validate a meeting series such as ``bwc/msp/2020/mx.5`` and return it canonical."""
    series, body, session, dotted, subsidiary = _parse_series_fields(text)
    return _render_series(series, body, session, dotted, subsidiary)


class SeriesParts(NamedTuple):
    """A meeting series' fields, named as :class:`Symbol` names them."""

    series: str
    body: str | None
    session: str | None
    dotted_session: bool
    subsidiary: str | None


def split_series(text: str) -> SeriesParts:
    """The fields of a meeting series: ``BWC/MSP/2020/MX.5`` is body "MSP", session "2020",
    subsidiary "MX.5"; ``BWC/CONF.IX`` body "CONF", session "IX". Raises SymbolSyntaxError."""
    return SeriesParts(*_parse_series_fields(text))


def roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral ("IX" is 9); None if `numeral` is not one."""
    numeral = numeral.upper()
    if not _ROMAN.fullmatch(numeral):
        return None
    values = [_ROMAN_DIGITS[char] for char in numeral]
    return sum(
        -value if following > value else value
        for value, following in zip(values, [*values[1:], 0], strict=True)
    )


def build_symbol(
    series: str,
    doc_type: str,
    number: int | str,
    modifiers: Iterable[Modifier | tuple[str, int]] = (),
) -> str:
    """The canonical symbol of document ``number`` of type ``doc_type`` in a meeting series.

    ``build_symbol("BWC/MSP/2020/MX.5", "WP", 7)`` is ``BWC/MSP/2020/MX.5/WP.7``;
    ``doc_type`` "" gives a main document (``.../2``); modifiers are ``(kind, number)``
    pairs or :class:`Modifier` objects, in the order of issue.
    """
    name, body, session, dotted, subsidiary = _parse_series_fields(series)
    if not isinstance(doc_type, str):
        raise TypeError(f"a document type is a str, not {type(doc_type).__name__}")
    symbol = Symbol(
        series=name,
        body=body,
        session=session,
        dotted_session=dotted,
        subsidiary=subsidiary,
        doc_type=doc_type.strip().rstrip(".").upper(),
        number=number,
        modifiers=tuple(m if isinstance(m, Modifier) else Modifier(*m) for m in modifiers),
    )
    return format_symbol(symbol)


# -- parsing ---------------------------------------------------------------------------------

_TYPES_HINT: Final = "expected a number or one of " + ", ".join(
    f"{t}.1" for t in sorted(NUMBERED_TYPES)
)
# Readings of components that recur from symbol to symbol (MSP, 2020, MX.5, Rev.1), kept so
# that most symbols skip most pattern matching. Each table stops growing at _CACHE_SIZE.
_CACHE_SIZE: Final = 4096
_TOKEN_CACHE: dict[str, tuple[bool, str, str, str | None]] = {}
_MODIFIER_CACHE: dict[str, Modifier] = {}
_OWNER_CACHE: dict[tuple[str, ...], tuple[str, str | None, str | None, bool, str | None]] = {}


class _ComponentError(Exception):
    """A fault in one component; the caller locates it in the text as given."""

    def __init__(self, index: int, part: str, reason: str, delta: int = 0) -> None:
        super().__init__(reason)
        self.index = index
        self.part = part
        self.reason = reason
        self.delta = delta


class _BwcSessionError(_ComponentError):
    """A BWC body without the session its documents carry."""


def _parse(raw: str) -> Symbol:
    text, up = _prepare(raw)
    try:
        return _read_symbol(text, up)
    except _ComponentError as exc:
        raise _located(raw, text, exc) from None


def _parse_series_fields(raw: str) -> tuple[str, str | None, str | None, bool, str | None]:
    text, up = _prepare(raw)
    try:
        return _read_series(text, up)
    except _ComponentError as exc:
        raise _located(raw, text, exc) from None


def _prepare(raw: str) -> tuple[str, list[str]]:
    """Collapse whitespace, check characters and lengths; the upper-cased components."""
    if not isinstance(raw, str):
        raise TypeError(f"a symbol is a str, not {type(raw).__name__}")
    if len(raw) > _MAX_INPUT:
        raise SymbolSyntaxError(
            "symbol", MAX_SYMBOL_LENGTH, f"longer than {MAX_SYMBOL_LENGTH} characters", raw
        )
    if raw.isascii() and raw.isprintable() and "  " not in raw:
        text = raw.strip(" ")  # the common case: nothing to collapse
    else:
        text = _WHITESPACE.sub(" ", raw).strip()
    if not text:
        raise SymbolSyntaxError("symbol", 0, "the symbol is empty", raw)
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        raise _error(raw, bad.start(), "character", _character_reason(bad.group()))
    if len(text) > MAX_SYMBOL_LENGTH:
        raise _error(
            raw, MAX_SYMBOL_LENGTH, "symbol", f"longer than {MAX_SYMBOL_LENGTH} characters"
        )
    up = text.upper().split("/")
    if len(up) > MAX_COMPONENTS:
        raise _error(raw, 0, "symbol", f"more than {MAX_COMPONENTS} components")
    if " " in text:
        up = [c.strip(" ") for c in up]
    if "" in up:
        i = up.index("")
        at = _component_offset(text, i)
        if i == 0:
            raise _error(raw, at, "series", "the symbol starts with '/' instead of a series")
        if i == len(up) - 1:
            raise _error(raw, at, "component", "the symbol ends with '/'")
        raise _error(raw, at, "component", "empty component between two slashes")
    return text, up


def _read_symbol(text: str, up: list[str]) -> Symbol:
    n = len(up)
    if n < 2:
        raise _ComponentError(
            0, "symbol", "a symbol has a series and a document, separated by '/' (BWC/MSP/2020/1)"
        )
    year: int | None = None
    year_at = -1
    qualifier: str | None = None
    if "(" in text or ")" in text:
        year, year_at, qualifier = _read_parentheses(text, up)

    # Modifiers, read from the end.
    k = n - 1
    mods: list[Modifier] = []
    while k > 0:
        c = up[k]
        modifier = _MODIFIER_CACHE.get(c)
        if modifier is None:
            m = _MODIFIER.fullmatch(c) if c[0] in "RCAS" else None
            if m is None:
                if c == "SUMMARY":
                    raise _ComponentError(
                        k, "modifier", "summarized versions (/Summary) are not supported"
                    )
                break
            kind = _KIND_BY_UPPER[m.group(1)]
            digits = m.group(2)
            if not _MODIFIER_NUMBER.fullmatch(digits):
                reason = _modifier_number_reason(kind, digits)
                raise _ComponentError(k, "modifier", reason, m.start(2))
            modifier = _new_modifier(kind, int(digits))
            if len(_MODIFIER_CACHE) < _CACHE_SIZE:
                _MODIFIER_CACHE[c] = modifier
        mods.append(modifier)
        k -= 1
    if k == 0:
        raise _ComponentError(
            1,
            "modifier",
            f"{_original(text, 1)} has nothing to modify; a modifier follows a "
            "document (.../WP.5/Rev.1)",
        )
    if len(mods) > 1:
        mods.reverse()
        _check_modifiers(mods, k)
    if year_at >= 0 and year_at != k:
        raise _ComponentError(
            year_at,
            "qualifier",
            "a year in parentheses follows the document number (S/RES/1540 (2004))",
        )

    # The document element.
    d = up[k]
    doc_type = ""
    serial_session: str | None = None
    path_end = k
    number: int | str
    if d[0].isdigit():
        if k >= 2 and up[k - 1] in SERIAL_TYPES:
            doc_type, path_end = up[k - 1], k - 1
        elif k >= 3 and up[k - 2] in SERIAL_TYPES and _SESSION.fullmatch(up[k - 1]):
            doc_type, serial_session, path_end = up[k - 2], up[k - 1], k - 2
        if d.isdigit() and d[0] != "0" and len(d) <= 6:
            number = int(d)
        else:
            number = _document_number(text, k, d, 0, lettered=bool(doc_type))
    else:
        m = _TYPED.fullmatch(d)
        if m is None or m.group(1) not in NUMBERED_TYPES:
            _document_failure(text, up, k, mods, m)
        doc_type, digits = m.group(1), m.group(2)
        if digits.isdigit() and digits[0] != "0" and len(digits) <= 6:
            number = int(digits)
        else:
            number = _document_number(text, k, digits, m.start(2), lettered=False)

    # The series and path; one meeting's documents share them, so their reading is kept.
    serial = doc_type in SERIAL_TYPES
    key = (*up[:path_end], "/", serial_session or "") if serial else tuple(up[:path_end])
    owner = _OWNER_CACHE.get(key)
    if owner is None:
        try:
            owner = _read_owner(text, up, path_end, doc_type, serial_session)
        except _BwcSessionError:
            # BWC/MSP/2020 reads as document 2020 of a session-less MSP; say what is missing.
            if not mods and not doc_type and "(" not in text:
                body = _split_path(text, up, 1, path_end, "BWC")[0]
                if _series_body(text, up) == body:
                    raise _ComponentError(k, "document type", _no_document_reason(text)) from None
            raise
        if len(_OWNER_CACHE) < _CACHE_SIZE:
            _OWNER_CACHE[key] = owner
    series, body, session, dotted, subsidiary = owner
    return _new_symbol(
        series, body, session, dotted, subsidiary, doc_type, number, tuple(mods), year, qualifier
    )


def _read_owner(
    text: str, up: list[str], path_end: int, doc_type: str, serial_session: str | None
) -> tuple[str, str | None, str | None, bool, str | None]:
    """Series, body, session, dotted_session and subsidiary of a symbol's leading components."""
    series = up[0]
    if not (series.isalpha() and len(series) <= 10):
        raise _ComponentError(0, "series", _series_reason(_original(text, 0)))
    body, session, dotted, subsidiary = _split_path(text, up, 1, path_end, series)
    if doc_type in SERIAL_TYPES:
        if session is not None:
            raise _ComponentError(
                1,
                "session",
                f"the session of a {doc_type} symbol follows {doc_type} "
                f"({series}/{doc_type}/75/88)",
            )
        if serial_session is not None:
            body = f"{body}/{subsidiary}" if subsidiary else body
            session, subsidiary = serial_session, None
    if series == "BWC":
        _check_bwc(body, session, dotted)
    return series, body, session, dotted, subsidiary


def _read_series(text: str, up: list[str]) -> tuple[str, str | None, str | None, bool, str | None]:
    for i, c in enumerate(up):
        if "(" in c or ")" in c:
            raise _ComponentError(i, "qualifier", "a series has no parenthesised elements")
    series = up[0]
    if not (series.isalpha() and len(series) <= 10):
        raise _ComponentError(0, "series", _series_reason(_original(text, 0)))
    last = len(up) - 1
    if last > 0 and _MODIFIER.fullmatch(up[last]):
        raise _ComponentError(
            last,
            "modifier",
            f"{_original(text, last)}: a series carries no modifiers; they follow a document",
        )
    body, session, dotted, subsidiary = _split_path(text, up, 1, len(up), series)
    if series == "BWC":
        _check_bwc(body, session, dotted)
    return series, body, session, dotted, subsidiary


def _series_body(text: str, up: list[str]) -> str | None:
    """The body of the whole text read as a meeting series; "" if it is not one."""
    try:
        return _read_series(text, list(up))[1]
    except _ComponentError:
        return ""


def _no_document_reason(text: str) -> str:
    return (
        f"{text} ends without a document: a number or a type such as WP.1 follows the meeting "
        f"series ({text}/1)"
    )


def _read_parentheses(text: str, up: list[str]) -> tuple[int | None, int, str | None]:
    """Take the year and the qualifier out of the components ``up`` (changed in place)."""
    last = len(up) - 1
    year: int | None = None
    year_at = -1
    qualifier: str | None = None
    for i, c in enumerate(up):
        if "(" not in c and ")" not in c:
            continue
        if i == 0:
            raise _ComponentError(0, "series", "a series has no parentheses")
        m = _PARENS.fullmatch(c)
        if m is None:
            raise _ComponentError(
                i, "qualifier", "parentheses enclose one element at the end of a component"
            )
        head, inner, second = m.group(1), m.group(2), m.group(3)
        if not head:
            raise _ComponentError(i, "component", "nothing stands before the parenthesis")
        at = m.start(2)
        if second is not None and (i != last or not _YEAR.fullmatch(inner)):
            raise _ComponentError(
                i,
                "qualifier",
                "two parenthesised elements are a year and then a qualifier, "
                "at the end (S/RES/1540 (2004) (Part II))",
                at,
            )
        if _YEAR.fullmatch(inner):
            if int(inner) < _FIRST_UN_YEAR:
                raise _ComponentError(i, "qualifier", f"({inner}) is before the United Nations", at)
            if year_at >= 0:
                raise _ComponentError(
                    i, "qualifier", "a symbol carries one year in parentheses", at
                )
            year, year_at = int(inner), i
            if second is not None:
                inner, at = second, m.start(3)
        elif i != last:
            raise _ComponentError(
                i,
                "qualifier",
                "only a year in parentheses may stand before a modifier; "
                "(Part II) and the like close the symbol",
                at,
            )
        if i == last and (second is not None or year_at != i):
            qualifier = _qualifier(inner)
            if qualifier is None:
                shown = _original(text, i)[at : at + len(inner)]
                raise _ComponentError(i, "qualifier", _qualifier_reason(shown), at)
        up[i] = head
    return year, year_at, qualifier


def _check_modifiers(mods: list[Modifier], k: int) -> None:
    if len(mods) > MAX_MODIFIERS:
        raise _ComponentError(k + 1, "modifier", f"more than {MAX_MODIFIERS} modifiers")
    for j in range(1, len(mods)):
        if mods[j].kind == mods[j - 1].kind:
            raise _ComponentError(
                k + 1 + j,
                "modifier",
                f"{mods[j]} directly after {mods[j - 1]}: a "
                f"{mods[j].kind}. is numbered on the document it changes, not chained",
            )


def _document_number(text: str, k: int, digits: str, at: int, *, lettered: bool) -> int | str:
    try:
        return _number(digits, lettered=lettered)
    except _NumberError as exc:
        raise _ComponentError(k, "number", f"{_original(text, k)}: {exc}", at) from None


def _split_path(
    text: str, up: list[str], start: int, end: int, series: str
) -> tuple[str | None, str | None, bool, str | None]:
    """Read components ``start:end`` into (body, session, dotted_session, subsidiary)."""
    session_at = -1
    tokens: list[str] = []
    first_name = first_ident = None
    for i in range(start, end):
        c = up[i]
        info = _TOKEN_CACHE.get(c)
        if info is None:
            info = _read_token(c)
            if info is None:
                part = "session" if c[0].isdigit() else "subsidiary" if session_at >= 0 else "body"
                raise _ComponentError(i, part, _path_reason(_original(text, i)))
            if len(_TOKEN_CACHE) < _CACHE_SIZE:
                _TOKEN_CACHE[c] = info
        is_session, token, name, ident = info
        if is_session:
            if session_at >= 0:
                raise _ComponentError(
                    i,
                    "subsidiary",
                    f"{_original(text, i)}: a path holds one session, "
                    f"{_original(text, session_at)}; a number after it would be a document number",
                )
            session_at = i
        elif ident is not None:
            if name in _KIND_BY_UPPER:
                raise _ComponentError(
                    i, "modifier", f"{_original(text, i)} is a modifier; it only follows a document"
                )
            if name in NUMBERED_TYPES and (name != "WP" or series == "BWC"):
                raise _ComponentError(
                    i,
                    "document type",
                    f"{_original(text, i)} is a document; only modifiers follow it",
                )
        elif name in SERIAL_TYPES:
            raise _ComponentError(
                i,
                "document type",
                f"{name} is followed by the number, or by the session and the "
                f"number ({name}/75/88)",
            )
        if i == start:
            first_name, first_ident = name, ident
        tokens.append(token)

    if session_at >= 0:
        j = session_at - start
        return "/".join(tokens[:j]) or None, tokens[j], False, "/".join(tokens[j + 1 :]) or None
    if not tokens:
        return None, None, False, None
    rest = "/".join(tokens[1:]) or None
    if first_ident is not None and (_YEAR.fullmatch(first_ident) or _ROMAN.fullmatch(first_ident)):
        return first_name, first_ident, True, rest
    return tokens[0], None, False, rest


def _read_token(c: str) -> tuple[bool, str, str, str | None] | None:
    """(is_session, canonical token, name, ident) for one upper-cased path component."""
    if _SESSION.fullmatch(c):
        return True, c, c, None
    m = _BODY.fullmatch(c)
    if m is None:
        return None
    name, ident = m.group(1), m.group(2)
    name = _MIXED_CASE_NAMES.get(name, name)
    return False, name if ident is None else f"{name}.{ident}", name, ident


def _check_bwc(body: str | None, session: str | None, dotted: bool) -> None:
    """The BWC's own bodies and how each names its sessions."""
    head = (body or "").split("/", 1)[0].split(".", 1)[0]
    rule = _BWC_SESSIONS.get(head)
    if rule is None:
        return
    form, example = rule
    if form == "year":
        ok = session is not None and not dotted and _YEAR.fullmatch(session) is not None
    elif form == "number":
        ok = session is not None and not dotted and session.isdigit()
    else:
        ok = session is not None and dotted and _ROMAN.fullmatch(session) is not None
    if not ok or body != head:
        raise _BwcSessionError(1, "session", f"BWC/{head} {example}")


_BWC_SESSIONS: Final = {
    "MSP": ("year", "is followed by the year of the meeting (BWC/MSP/2020/...)"),
    "WG": ("number", "is followed by the number of the session (BWC/WG/3/...)"),
    "CONF": ("roman", "carries the Review Conference's Roman numeral (BWC/CONF.IX/...)"),
}


def _document_failure(
    text: str, up: list[str], k: int, mods: list[Modifier], typed: re.Match[str] | None
) -> NoReturn:
    """Explain why component ``k`` is not a document element."""
    d = up[k]
    if mods:
        raise _ComponentError(
            k + 1,
            "modifier",
            f"{_original(text, k + 1)} has nothing to modify: "
            f"{_original(text, k)} is not a document ({_TYPES_HINT})",
        )
    if k == len(up) - 1 and k >= 2 and _is_numbered_document(up[k - 1]):
        raise _ComponentError(
            k,
            "modifier",
            f"unknown modifier {_original(text, k)}: a document is followed only "
            "by Rev., Corr., Add. or Amend.",
        )
    if d in NUMBERED_TYPES:
        raise _ComponentError(k, "number", f"{_original(text, k)} needs a number ({d}.1)")
    if "(" not in text and _series_body(text, up) != "":
        raise _ComponentError(k, "document type", _no_document_reason(text))
    if typed is not None:
        raise _ComponentError(
            k,
            "document type",
            f"unknown document type {_original(text, k)[: len(typed.group(1))]}: {_TYPES_HINT}",
        )
    raise _ComponentError(
        k, "document type", f"{_original(text, k)} is not a document: {_TYPES_HINT}"
    )


def _is_numbered_document(c: str) -> bool:
    m = _TYPED.fullmatch(c)
    return m is not None and m.group(1) in NUMBERED_TYPES and bool(_NUMBER.fullmatch(m.group(2)))


def _number(text: str, *, lettered: bool) -> int | str:
    """A document number: an int, or a str for compound (56-1) and lettered (37C) numbers."""
    m = _NUMBER.fullmatch(text)
    if m is not None:
        return text if m.group(1) else int(text)
    if lettered:
        m = _LETTERED.fullmatch(text)
        if m is not None:
            return m.group(1) + m.group(2)
    if not text:
        raise _NumberError("the number is missing")
    if text.strip("0") == "" or text.startswith("0-"):
        raise _NumberError("numbers start at 1")
    if text[0] == "0":
        raise _NumberError("numbers have no leading zeros")
    if text.isdigit():
        raise _NumberError("a document number has at most 6 digits")
    raise _NumberError(f"{text.lower()!r} is not a number")


def _modifier_number_reason(kind: str, digits: str) -> str:
    if not digits:
        return f"{kind}. needs a number ({kind}.1)"
    if digits.strip("0") == "":
        return f"{kind}. numbers start at 1"
    if digits[0] == "0":
        return f"{kind}. numbers have no leading zeros"
    if digits.isdigit():
        return f"{kind}. numbers have at most 3 digits"
    return f"{kind}. takes a number, not {digits.lower()!r}"


def _qualifier(inner: str) -> str | None:
    """The canonical qualifier for the upper-cased text between parentheses, or None."""
    m = _OLD_SESSION.fullmatch(inner)
    if m is not None and _ROMAN.fullmatch(m.group(1)):
        return inner
    m = _PART.fullmatch(inner)
    if m is not None and _is_ordinal(m.group(1)):
        return f"Part {m.group(1)}"
    m = _VOLUME.fullmatch(inner)
    if m is not None and _is_ordinal(m.group(1)):
        return f"Vol. {m.group(1)}"
    m = _RESUMPTION.fullmatch(inner)
    if m is not None:
        return f"Resumption {m.group(1)}" if m.group(1) else "Resumption"
    return None


def _is_ordinal(text: str) -> bool:
    return text.isdigit() or _ROMAN.fullmatch(text) is not None


def _qualifier_reason(inner: str) -> str:
    return (
        f"({inner}) is not a known parenthesised element: expected a year (2004), a session in "
        "Roman numerals (XV), Part II, Vol. I or Resumption 1"
    )


def _series_reason(comp: str) -> str:
    if not comp.isalpha():
        return f"{comp} is not a series: a series is letters only (BWC, A, S, E, ST)"
    return f"{comp} is not a series: a series has at most 10 letters"


def _path_reason(comp: str) -> str:
    c = comp.upper()
    if c.isdigit():
        if c.strip("0") == "":
            return f"{comp}: sessions start at 1"
        if c[0] == "0":
            return f"{comp}: a session has no leading zeros"
        return f"{comp}: a session number or year has at most 4 digits"
    m = _LETTERS_DIGITS.fullmatch(c)
    if m is not None:
        return f"{comp}: letters and digits are joined by a full stop ({m.group(1)}.{m.group(2)})"
    if "-" in c:
        return (
            f"{comp}: a hyphen only appears in special sessions (S-26, ES-10) and compound "
            "numbers (56-1)"
        )
    if "." in c and c.split(".", 1)[1].strip().startswith("0"):
        return f"{comp}: numbers start at 1 and have no leading zeros"
    if c.endswith(".") or ".." in c or c.startswith("."):
        return f"{comp}: a full stop stands between a name and its number (MX.5, CONF.VIII)"
    if c.count(".") > 1:
        return f"{comp}: a component has at most one full stop"
    return (
        f"{comp} is not a body or session: expected a name, optionally with a number after a "
        "full stop (MSP, C.1, MX.5, CONF.VIII), or a session (2020, 75, S-26)"
    )


def _character_reason(char: str) -> str:
    if char == "*":
        return (
            "an asterisk marks a reissued document on the printed page; it is not part of the "
            "symbol"
        )
    return (
        f"{char!r} is not allowed: a symbol uses letters A-Z, digits, '/', '.', '-', spaces "
        "and parentheses"
    )


def _error(raw: str, position: int, part: str, reason: str) -> SymbolSyntaxError:
    return SymbolSyntaxError(part, _raw_offset(raw, position), reason, raw)


def _located(raw: str, text: str, exc: _ComponentError) -> SymbolSyntaxError:
    return _error(raw, _component_offset(text, exc.index) + exc.delta, exc.part, exc.reason)


def _component_offset(text: str, index: int) -> int:
    """Where component ``index`` starts in the whitespace-collapsed text."""
    pieces = text.split("/")
    piece = pieces[index]
    return sum(len(p) + 1 for p in pieces[:index]) + len(piece) - len(piece.lstrip(" "))


def _original(text: str, index: int) -> str:
    """Component ``index`` as written, for messages."""
    return text.split("/")[index].strip(" ")


def _raw_offset(raw: str, position: int) -> int:
    """Map an offset in the whitespace-collapsed text back to the text as given."""
    i = len(raw) - len(raw.lstrip())
    end = len(raw.rstrip())
    for _ in range(position):
        if i >= end:
            break
        if raw[i].isspace():
            while i < end and raw[i].isspace():
                i += 1
        else:
            i += 1
    return i


# -- construction and rendering ----------------------------------------------------------------

_FIELDS: Final = (
    ("series", "series"),
    ("body", "body"),
    ("session", "session"),
    ("dotted_session", "session"),
    ("subsidiary", "subsidiary"),
    ("doc_type", "document type"),
    ("number", "number"),
    ("modifiers", "modifier"),
    ("year_suffix", "qualifier"),
    ("qualifier", "qualifier"),
)


def _new_symbol(
    series: str,
    body: str | None,
    session: str | None,
    dotted: bool,
    subsidiary: str | None,
    doc_type: str,
    number: int | str,
    modifiers: tuple[Modifier, ...],
    year: int | None,
    qualifier: str | None,
) -> Symbol:
    """Make a Symbol from fields the parser has already checked, skipping re-validation."""
    symbol = object.__new__(Symbol)
    setattr_ = object.__setattr__
    setattr_(symbol, "series", series)
    setattr_(symbol, "body", body)
    setattr_(symbol, "session", session)
    setattr_(symbol, "dotted_session", dotted)
    setattr_(symbol, "subsidiary", subsidiary)
    setattr_(symbol, "doc_type", doc_type)
    setattr_(symbol, "number", number)
    setattr_(symbol, "modifiers", modifiers)
    setattr_(symbol, "year_suffix", year)
    setattr_(symbol, "qualifier", qualifier)
    return symbol


def _new_modifier(kind: str, number: int) -> Modifier:
    modifier = object.__new__(Modifier)
    object.__setattr__(modifier, "kind", kind)
    object.__setattr__(modifier, "number", number)
    return modifier


def _validate_fields(symbol: Symbol) -> None:
    """Check directly constructed fields by spelling them out and reading them back."""
    setattr_ = object.__setattr__
    for name in ("series", "doc_type"):
        if not isinstance(getattr(symbol, name), str):
            raise TypeError(f"Symbol.{name} is a str")
    for name in ("body", "session", "subsidiary", "qualifier"):
        value = getattr(symbol, name)
        if value is not None and not isinstance(value, str):
            raise TypeError(f"Symbol.{name} is a str or None")
        if value is not None and not value.strip():
            setattr_(symbol, name, None)
    if isinstance(symbol.number, bool) or not isinstance(symbol.number, int | str):
        raise TypeError("Symbol.number is an int or a str")
    kind = symbol.doc_type.strip().rstrip(".").upper()
    if kind not in DOCUMENT_TYPES:
        raise SymbolSyntaxError(
            "document type", None, f"unknown document type {symbol.doc_type!r}: {_TYPES_HINT}"
        )
    if isinstance(symbol.number, str):
        number = symbol.number.strip().upper()
        if not (
            _NUMBER.fullmatch(number) or (kind in SERIAL_TYPES and _LETTERED.fullmatch(number))
        ):
            raise SymbolSyntaxError(
                "number", None, f"{symbol.number!r} is not a document number (5, 56-1, 37C)"
            )
    year = symbol.year_suffix
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise TypeError("Symbol.year_suffix is an int or None")
    if isinstance(symbol.modifiers, str | bytes):
        raise TypeError("Symbol.modifiers is a sequence of Modifier or (kind, number) pairs")
    setattr_(
        symbol,
        "modifiers",
        tuple(m if isinstance(m, Modifier) else Modifier(*m) for m in symbol.modifiers),
    )
    if symbol.dotted_session is None:
        session = (symbol.session or "").strip().upper()
        setattr_(symbol, "dotted_session", _ROMAN.fullmatch(session) is not None)
    elif not isinstance(symbol.dotted_session, bool):
        raise TypeError("Symbol.dotted_session is a bool or None")
    if symbol.dotted_session and not (symbol.body and symbol.session):
        raise SymbolSyntaxError(
            "session",
            None,
            "a session written with a full stop needs a body and a session (CONF.VIII)",
        )
    if kind in SERIAL_TYPES and symbol.dotted_session:
        raise SymbolSyntaxError(
            "session", None, f"the session of a {kind} symbol is a component of its own"
        )
    if kind in SERIAL_TYPES and symbol.session and symbol.subsidiary:
        raise SymbolSyntaxError(
            "subsidiary",
            None,
            f"a {kind} symbol with a session names no subsidiary body; the "
            f"session follows {kind} ({symbol.series}/{kind}/75/88)",
        )

    text = _render_symbol(symbol, symbol.modifiers, symbol.qualifier)
    try:
        canonical = _parse(text)
    except SymbolSyntaxError as exc:
        raise SymbolSyntaxError(
            exc.part, None, f"the fields spell {text!r}, which is not a symbol: {exc.reason}"
        ) from None
    for name, part in _FIELDS:
        given, read = getattr(symbol, name), getattr(canonical, name)
        if _comparable(given) != _comparable(read):
            raise SymbolSyntaxError(
                part,
                None,
                f"the fields spell {text!r}, which reads back with {name} {read!r}, not {given!r}",
            )
    for name, _part in _FIELDS:
        setattr_(symbol, name, getattr(canonical, name))


def _comparable(value: object) -> object:
    """A field value with letter case and incidental spacing removed, for comparison."""
    if isinstance(value, str):
        return _WHITESPACE.sub(" ", value).strip().replace(" .", ".").replace(". ", ".").upper()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _render_series(
    series: str, body: str | None, session: str | None, dotted: bool, subsidiary: str | None
) -> str:
    parts = [series]
    if body:
        parts.append(f"{body}.{session}" if dotted and session else body)
    if session and not (dotted and body):
        parts.append(session)
    if subsidiary:
        parts.append(subsidiary)
    return "/".join(parts)


def _render_symbol(symbol: Symbol, modifiers: tuple[Modifier, ...], qualifier: str | None) -> str:
    doc_type = symbol.doc_type
    if doc_type.strip().upper() in SERIAL_TYPES:
        parts = [symbol.series]
        if symbol.body:
            parts.append(symbol.body)
        if symbol.subsidiary:
            parts.append(symbol.subsidiary)
        parts.append(doc_type)
        if symbol.session:
            parts.append(symbol.session)
        document = str(symbol.number)
    else:
        parts = [
            _render_series(
                symbol.series,
                symbol.body,
                symbol.session,
                bool(symbol.dotted_session),
                symbol.subsidiary,
            )
        ]
        document = f"{doc_type}.{symbol.number}" if doc_type else str(symbol.number)
    if symbol.year_suffix is not None:
        document = f"{document} ({symbol.year_suffix})"
    parts.append(document)
    parts.extend(f"{m.kind}.{m.number}" for m in modifiers)
    text = "/".join(parts)
    return f"{text} ({qualifier})" if qualifier else text
