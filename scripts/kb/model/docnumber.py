"""Document numbers (114-QĐ/TW, 73/2023/NĐ-CP): their pattern, their parts, their one key.

fold() and slugify() give the diacritic-free forms that loose keys and URL slugs are built on.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

# How keys are spelled (also the epilog of scripts/citations.py --help).
KEY_HELP = """\
The key is the document number in one canonical spelling, so one document gets one key
however the text writes it:
  Party number     {n}-{type}/{issuer}          114-QĐ/TW   (also from "114 - qđ / tw",
                                                             "114-QD/TW", "114-QĐ-TW")
  State number     {n}/{year}/{type}-{issuer}   73/2023/NĐ-CP, 01/2015/TTLT-BTP-BNV
                                                (also from "73/2023/ND - CP")
                   {n}/{type}-{issuer}          1847/QĐ-TTg (also from "1847/QD-TTG")
  Law              {n}/{year}/{legislature}     59/2020/QH14 (no type code)
  Official letter  {n}/{sender}-{unit}          123/UBND-NC (no type code: the codes name
                                                the sender and the drafting unit)
Without a year, only the list of State type codes tells QĐ-TTg (a type) from UBND-NC (a sender).
Separators lose their spaces and line breaks; any dash becomes "-". Known codes take
their usual spelling (QD and qđ are QĐ, TTG is TTg, bcđ is BCĐ, "HD" stays HD); other
codes are written in capitals. A footnote digit glued to the code ("NQ/TW1") is left out
of the key.
"""

# Horizontal whitespace only: a citation never continues onto the next line, and letting it
# would glue a number at the end of one list item to a date at the start of the next.
SPACE = r"[^\S\r\n]"
# Inside a number one line break is tolerated next to a separator: a PDF header wraps
# "Số: 16 -" and "HD/BTCTW" onto two lines.
_SB = rf"{SPACE}*(?:\r?\n{SPACE}*)?"
# Real text mixes the hyphen with the en dash, em dash and their Unicode lookalikes.
DASH_CHARS = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_DASH = rf"{SPACE}*[{DASH_CHARS}]{SPACE}*"
_SLASH = rf"{SPACE}*/{SPACE}*"
_DASH_B = rf"{_SB}[{DASH_CHARS}]{_SB}"
_SLASH_B = rf"{_SB}/{_SB}"
# A code is letters (Đ, and the Icelandic Ð that PDF extraction produces for it, included),
# "&" inside (NN&PTNT, BGD&ĐT), then digits for a legislature (QH14, UBTVQH15) or for a
# footnote marker glued on by copying (TW1), which DocumentNumber strips. Codes are read in
# any case ("05-ct/tw"); see written_as_codes for when a code in lower case still counts.
CAPITALS = "A-ZĐÐƯƠÂĂÊÔ"
_LOW = "a-zđ"
_CODE = rf"[{CAPITALS}{_LOW}]+(?:&[{CAPITALS}{_LOW}]+)*\d*"
# Words that lose their space in copying and stick to the code: "QĐ/TWcủa", "NĐ-CPngày".
_GLUED_WORDS = "của|ngày|về|và|đã|được|do|năm|quy|hướng|ban|tại|thì|trong|với|nhằm|sửa|thay"
# Party type and issuer codes for numbers copied with a hyphen where the slash belongs
# ("37-QĐ-TW"); the lists keep "5-KH-TU"-like text that is not a Party number out.
_PARTY_TYPES = "NQ|QĐi|QĐ|QD|CT|KL|HD|KH|TB|BC|QC|CTr|TTr|ĐA|TT|CV"
_PARTY_ISSUERS = "TW|TƯ|TU|HU|QU|ĐU|ĐUK|BCĐ|BTCTW|VPTW|BTGTW|UBKTTW"

NUMBER_PATTERN = rf"""
    # Not the tail of a longer number, word, code, decimal or date.
    (?<![\w.,/{DASH_CHARS}])
    # A letter after the digits is part of the number: Nghị quyết 30a/2008/NQ-CP.
    (?P<number>\d{{1,5}}(?:[a-zA-Z](?=/))?)
    (?:
        # Party: {{n}}-{{type}}/{{issuer}}, e.g. 114-QĐ/TW, 01-KH/BCĐ, 30-HD/BTCTW.
        {_DASH_B} (?P<p_type>{_CODE}) {_SLASH_B} (?P<p_issuer>{_CODE}(?:-{_CODE})*)
      |
        # Party with a hyphen for the slash: 37-QĐ-TW.
        {_DASH_B} (?P<h_type>(?i:{_PARTY_TYPES})) {_DASH_B} (?P<h_issuer>(?i:{_PARTY_ISSUERS})\d*)
      |
        # State with a year: 73/2023/NĐ-CP, 01/2015/TTLT-BTP-BNV, and a law's 59/2020/QH14.
        # Only the first dash tolerates spaces: a spaced dash after a complete number is prose.
        {_SLASH_B} (?P<s_year>(?:19|20)\d\d) {_SLASH_B}
        (?P<s_codes_year>{_CODE}(?:{_DASH_B}{_CODE})?(?:-{_CODE})*)
      |
        # State without a year: 1847/QĐ-TTg, 35/CT-TTg, and an official letter's 123/UBND-NC.
        # The dash is required so that "12/A" or "24/7" style text is never a citation.
        {_SLASH_B} (?P<s_codes>{_CODE}{_DASH_B}{_CODE}(?:-{_CODE})*)
    )
    # The end of the code, or a word glued to it ("QĐ/TWcủa").
    (?:(?![\w/])|(?=(?:{_GLUED_WORDS})(?!\w)))
"""

# Exported for callers that scan for bare numbers; DocumentNumber documents the families.
NUMBER_RE = re.compile(NUMBER_PATTERN, re.VERBOSE)

# State type codes (Nghị định 30/2020/NĐ-CP, appendix III, plus the legislative ones). Without
# a year, "123/UBND-NC" and "1847/QĐ-TTg" have the same shape; only this list tells an official
# letter's sender code from a document type.
STATE_TYPE_CODES: frozenset[str] = frozenset(
    {
        "NQ", "NQLT", "QĐ", "QyĐ", "QC", "QyC", "CT", "CTr", "TC", "HD", "HDLT", "KH", "KL",
        "PA", "ĐA", "DA", "BC", "BB", "TTr", "HĐ", "CĐ", "TB", "GUQ", "GM", "GGT", "GNP",
        "PC", "GXN", "NĐ", "TT", "TTLT", "PL", "L", "SL", "LCT", "CV", "QĐi",
    }
)  # fmt: skip

# Codes whose spelling the key fixes, so that one document gets one key however it is typed:
# "QD" and "qđ" are QĐ, "TTG" is TTg, "bcđ" is BCĐ. A code not listed keeps its letters,
# in capitals unless written with one lower-case letter inside as the type codes are.
KNOWN_CODES: frozenset[str] = STATE_TYPE_CODES | frozenset(
    {
        "TW", "TU", "HU", "QU", "ĐU", "ĐUK", "BCĐ", "BTCTW", "VPTW", "BTGTW", "UBKTTW",
        "CP", "TTg", "UBND", "HĐND", "HĐTP", "NHNN", "VPCP", "BGDĐT", "BGD&ĐT", "BLĐTBXH",
        "BLĐTB&XH", "BNN&PTNT", "BNNPTNT", "ĐHQGHN", "UBTVQH", "QH", "MTTQ", "ĐTN",
    }
)  # fmt: skip

_DASH_SPLIT_RE = re.compile(_DASH_B)


_D_AS_D = str.maketrans("ĐđÐð", "DdDd")  # Vietnamese đ, and the look-alike Icelandic eth


def fold(text: str) -> str:
    """Text without diacritics, đ as d, case kept: the base of slugs, sorting and loose keys.

    >>> fold("Quy định 114-QĐ/TW")
    'Quy dinh 114-QD/TW'
    """
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_D_AS_D)


def slugify(text: str) -> str:
    """The URL or anchor slug of a name: a document number, a glossary term.

    >>> [slugify(t) for t in ("114-QĐ/TW", "01-KH/BCĐ", "BTV", "b/c", "P.", "né tránh")]
    ['114-qd-tw', '01-kh-bcd', 'btv', 'b-c', 'p', 'ne-tranh']
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def _fold(text: str) -> str:
    return fold(text).upper()


_STATE_TYPE_FOLDED = frozenset(_fold(c) for c in STATE_TYPE_CODES)
_KNOWN_UPPER = {c.upper(): c for c in KNOWN_CODES}
# Folding is used only where it is unambiguous: HD (Hướng dẫn) and HĐ (Hợp đồng) both fold to
# HD, so "HD" keeps its own spelling and only a code written without its mark is repaired.
_FOLD_COUNTS = Counter(_fold(c) for c in KNOWN_CODES)
_KNOWN_FOLDED = {_fold(c): c for c in KNOWN_CODES if _FOLD_COUNTS[_fold(c)] == 1}
# A code as it is normally written: capitals, at most one lower-case letter inside.
_WRITTEN_CODE_RE = re.compile(rf"[{CAPITALS}]+(?:&[{CAPITALS}]+)*(?:[a-z][{CAPITALS}]*)?\d*")
_CODE_DIGITS_RE = re.compile(r"(\D*)(\d*)")


def _known_code(code: str) -> tuple[str | None, str, str]:
    """The canonical spelling of a code's letters if it is known (else None), letters, digits."""
    letters, digits = _CODE_DIGITS_RE.fullmatch(code).groups()  # type: ignore[union-attr]
    return _KNOWN_UPPER.get(letters.upper()) or _KNOWN_FOLDED.get(_fold(letters)), letters, digits


def _clean_code(code: str) -> str:
    """Return the code's canonical spelling (see KNOWN_CODES)."""
    code = code.replace("Ð", "Đ")
    known, _, digits = _known_code(code)
    if known is not None:
        return known + digits
    return code if _WRITTEN_CODE_RE.fullmatch(code) else code.upper()


def written_as_codes(match: re.Match[str]) -> bool:
    """True if every code of a number match is written as codes are, not as lower-case words.

    Written as codes are: in capitals with at most one lower-case letter inside (TTg, TTr, QĐi),
    or a known code in another spelling (Ctr for CTr). extract() takes a number whose codes are
    not so written only after a document type word or "số".
    """
    codes = [match[g] for g in ("p_type", "p_issuer", "h_type", "h_issuer") if match[g]]
    codes += _DASH_SPLIT_RE.split(match["s_codes_year"] or match["s_codes"] or "")
    for code in filter(None, (c.replace("Ð", "Đ") for c in codes)):
        known, letters, _ = _known_code(code)
        if not (_WRITTEN_CODE_RE.fullmatch(code) or (known and letters != letters.lower())):
            return False
    return True


def footnote_length(match: re.Match[str]) -> int:
    """Digits glued after the last code that are a footnote marker (TW1), not a legislature's
    number (QH14) or a unit's (BCĐ389): one or two digits after a code not ending in QH."""
    tail = re.search(r"([^\W\d_]+)(\d+)$", match.group())
    if tail is None or len(tail[2]) > 2 or tail[1].upper().endswith("QH"):
        return 0
    return len(tail[2])


@dataclass(frozen=True)
class DocumentNumber:
    """A document number split into its parts (see KEY_HELP); str() is its key.

    >>> n = DocumentNumber.parse("114 - QĐ /TW")
    >>> n
    DocumentNumber(kind='party', number='114', year=None, type_code='QĐ', issuer_code='TW')
    >>> str(n)
    '114-QĐ/TW'
    >>> DocumentNumber.parse("73/2023/NĐ – CP")
    DocumentNumber(kind='state', number='73', year=2023, type_code='NĐ', issuer_code='CP')
    >>> str(DocumentNumber.parse("59/2020/QH14"))
    '59/2020/QH14'
    >>> DocumentNumber.parse("123/UBND-NC")
    DocumentNumber(kind='state', number='123', year=None, type_code=None, issuer_code='UBND-NC')
    >>> DocumentNumber.parse(str(n)) == n
    True

    One document, one key, whatever the spelling (see _clean_code and KNOWN_CODES):

    >>> [str(DocumentNumber.parse(t)) for t in ("37-QĐ-TW", "37 - qđ / tw", "37-QD/TW")]
    ['37-QĐ/TW', '37-QĐ/TW', '37-QĐ/TW']
    >>> str(DocumentNumber.parse("1847/QD-TTG")), str(DocumentNumber.parse("473/TTr - NN&PTNT"))
    ('1847/QĐ-TTg', '473/TTr-NN&PTNT')
    >>> DocumentNumber.parse("10/8/2023") is None
    True
    """

    kind: str
    number: str
    year: int | None
    type_code: str | None
    issuer_code: str

    @classmethod
    def parse(cls, text: str) -> DocumentNumber | None:
        """Parse a whole string as one document number; None if it is not one.

        >>> str(DocumentNumber.parse("1847 /QĐ-TTg"))
        '1847/QĐ-TTg'
        >>> DocumentNumber.parse("Quy định số 114-QĐ/TW") is None  # a citation, not a number
        True
        """
        match = NUMBER_RE.fullmatch(text.strip())
        return None if match is None else cls.from_match(match)

    @classmethod
    def from_match(cls, match: re.Match[str]) -> DocumentNumber:
        number = match["number"].lower()
        # The last group holds the codes that a footnote digit may follow.
        last = match["p_issuer"] or match["h_issuer"] or match["s_codes_year"] or match["s_codes"]
        codes = [
            _clean_code(c) for c in _DASH_SPLIT_RE.split(last[: len(last) - footnote_length(match)])
        ]
        party_type = match["p_type"] or match["h_type"]
        if party_type is not None:
            return cls("party", number, None, _clean_code(party_type), "-".join(codes))
        year = None if match["s_year"] is None else int(match["s_year"])
        if len(codes) > 1 and (year is not None or _fold(codes[0]) in _STATE_TYPE_FOLDED):
            return cls("state", number, year, codes[0], "-".join(codes[1:]))
        return cls("state", number, year, None, "-".join(codes))

    def __str__(self) -> str:
        if self.kind == "party":
            return f"{self.number}-{self.type_code}/{self.issuer_code}"
        codes = "-".join(c for c in (self.type_code, self.issuer_code) if c is not None)
        return "/".join(str(p) for p in (self.number, self.year, codes) if p is not None)


# A document number written alone, tolerating stray spaces and dash variants.
parse_number = DocumentNumber.parse


def normalise_key(text: str) -> str:
    """Return the canonical key of a document number; ValueError if it is not one.

    Letters are kept as written (no Đ/D folding; use fold_key to compare loosely).

    >>> normalise_key(" 114 - QĐ /TW ")
    '114-QĐ/TW'
    >>> normalise_key("73/2023/NĐ - CP")
    '73/2023/NĐ-CP'
    """
    number = DocumentNumber.parse(text)
    if number is None:
        raise ValueError(f"not a document number: {text!r}")
    return str(number)


def fold_key(text: str) -> str:
    """Return a loose comparison key: no diacritics, Đ as D, upper case, canonical separators.

    Works on partial input too (a search box), where parsing would fail.

    >>> fold_key("114-QĐ/TW"), fold_key("114-QD/TW"), fold_key("114 - qđ / tw")
    ('114-QD/TW', '114-QD/TW', '114-QD/TW')
    >>> fold_key("73/2023/NĐ–CP")
    '73/2023/ND-CP'
    """
    number = DocumentNumber.parse(text)
    if number is not None:
        return _fold(str(number))
    text = re.sub(_DASH, "-", text.strip())
    text = re.sub(_SLASH, "/", text)
    return _fold(re.sub(r"\s+", " ", text))
