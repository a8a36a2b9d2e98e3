"""Find citations of Vietnamese Party and State documents (114-QĐ/TW, 73/2023/NĐ-CP) in text."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, fields

__all__ = [
    "DOC_TYPES",
    "NUMBER_RE",
    "STATE_TYPE_CODES",
    "Citation",
    "DocumentNumber",
    "extract",
    "fold_key",
    "normalise_key",
    "parse_number",
]

# Horizontal whitespace only: a citation never continues onto the next line, and letting it
# would glue a number at the end of one list item to a date at the start of the next.
_S = r"[^\S\r\n]"
# Inside a number one line break is tolerated next to a separator: a PDF header wraps
# "Số: 16 -" and "HD/BTCTW" onto two lines.
_SB = rf"{_S}*(?:\r?\n{_S}*)?"
# Real text mixes the hyphen with the en dash, em dash and their Unicode lookalikes.
_DASH_CHARS = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_DASH = rf"{_S}*[{_DASH_CHARS}]{_S}*"
_SLASH = rf"{_S}*/{_S}*"
_DASH_B = rf"{_SB}[{_DASH_CHARS}]{_SB}"
_SLASH_B = rf"{_SB}/{_SB}"
# A code is letters (Đ, and the Icelandic Ð that PDF extraction produces for it, included),
# "&" inside (NN&PTNT, BGD&ĐT), then digits for a legislature (QH14, UBTVQH15) or for a
# footnote marker glued on by copying (TW1), which DocumentNumber strips. Codes are read in
# any case here ("05-ct/tw"); extract() keeps a code that is not written in capitals (with at
# most one lower-case letter inside: TTg, TTr, QĐi) only when a document type word or "số"
# comes before it, or when it is a code known in another spelling (Ctr for CTr).
_CAP = "A-ZĐÐƯƠÂĂÊÔ"
_LOW = "a-zđ"
_CODE = rf"[{_CAP}{_LOW}]+(?:&[{_CAP}{_LOW}]+)*\d*"
# Words that lose their space in copying and stick to the code: "QĐ/TWcủa", "NĐ-CPngày".
_GLUED_WORDS = "của|ngày|về|và|đã|được|do|năm|quy|hướng|ban|tại|thì|trong|với|nhằm|sửa|thay"
# Party type and issuer codes for numbers copied with a hyphen where the slash belongs
# ("37-QĐ-TW"); the lists keep "5-KH-TU"-like text that is not a Party number out.
_PARTY_TYPES = "NQ|QĐi|QĐ|QD|CT|KL|HD|KH|TB|BC|QC|CTr|TTr|ĐA|TT|CV"
_PARTY_ISSUERS = "TW|TƯ|TU|HU|QU|ĐU|ĐUK|BCĐ|BTCTW|VPTW|BTGTW|UBKTTW"

NUMBER_PATTERN = rf"""
    # Not the tail of a longer number, word, code, decimal or date.
    (?<![\w.,/{_DASH_CHARS}])
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

# Canonical spelling of each document type word, longest first so that "Thông tư liên tịch"
# wins over "Thông tư" and "Bộ luật" over "Luật".
DOC_TYPES: tuple[str, ...] = tuple(
    sorted(
        (
            "Quy định", "Quy chế", "Quyết định", "Nghị quyết", "Nghị quyết liên tịch",
            "Nghị định", "Kết luận", "Chỉ thị", "Kế hoạch", "Thông tư", "Thông tư liên tịch",
            "Luật", "Bộ luật", "Pháp lệnh", "Lệnh", "Công văn", "Công điện", "Hướng dẫn",
            "Hướng dẫn liên tịch", "Thông báo", "Thông báo kết luận", "Thông tri", "Báo cáo",
            "Tờ trình", "Đề án", "Phương án", "Chương trình", "Chương trình hành động",
            "Văn bản", "Điều lệ",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip
_DOC_TYPE_CANONICAL = {t.lower(): t for t in DOC_TYPES}
_DOC_TYPE_ALT = "|".join(re.escape(t).replace(r"\ ", rf"{_S}+") for t in DOC_TYPES)

_CITATION_RE = re.compile(
    rf"""
    (?:
        # Sub-reference: "khoản 5 Điều 6 " or "Điều 6 ", optionally "của" before the document.
        (?:(?<!\w)(?i:khoản){_S}+(?P<clause>\d+[a-zđ]?){_S}*,?{_S}+)?
        (?<!\w)(?i:điều){_S}+(?P<article>\d+[a-zđ]?){_S}+(?:của{_S}+)?
    )?
    (?:(?<!\w)(?P<doc_type>(?i:{_DOC_TYPE_ALT})){_S}+)?
    # "Số:" with its colon starts a document's own header, whose date is on a later line.
    (?:(?<!\w)(?P<so>(?i:số))(?P<so_colon>{_S}*:)?{_S}*)?
    {NUMBER_PATTERN}
    """,
    re.VERBOSE,
)

_DATE_CORE = rf"""
    (?:
        (?P<d>\d{{1,2}}){_S}*(?P<sep>[/.{_DASH_CHARS}]){_S}*(?P<m>\d{{1,2}})
        {_S}*(?P=sep){_S}*(?P<y>\d{{4}})
      |
        (?P<d2>\d{{1,2}}){_S}+(?i:tháng){_S}+(?P<m2>\d{{1,2}}){_S}+(?i:năm){_S}+(?P<y2>\d{{4}})
    )
    (?!\d)
"""
# No space is needed before "ngày" when copying glued it to the code ("NĐ-CPngày").
_DATE_TAIL_RE = re.compile(rf"(?:{_S}*,)?{_S}*(?i:ngày){_S}+{_DATE_CORE}", re.VERBOSE)
# A date after the document's title, as consolidated texts (văn bản hợp nhất) print it:
# "Quyết định 119/2007/QĐ-TTg Về việc thành lập Quỹ ... ban hành ngày 25/07/2007" or
# "... tại Việt Nam ngày 04/12/2000 của Thủ tướng Chính phủ". Only "ban hành ngày" or a date
# followed by "của" and a name counts ("có hiệu lực ... kể từ ngày" does not), and the title
# may not cross punctuation or a slash, so another citation's date is never taken.
_TITLE_DATE_RE = re.compile(
    rf"""
    [^,;().\n/]{{1,250}}?{_S}
    (?P<issued>(?i:ban){_S}+(?i:hành){_S}+)?(?i:ngày){_S}+{_DATE_CORE}
    (?(issued)|(?={_S}+của{_S}+[{_CAP}]))
    """,
    re.VERBOSE,
)
# A header's date: "Số: 45/2025/NĐ-CP ... Hà Nội, ngày 28 tháng 02 năm 2025", on the same line
# or up to four lines below (past the national motto), after a capitalised place name.
_HEADER_DATE_RE = re.compile(
    rf"""
    (?:[^\n]*\n){{0,5}}?[^\n]*?
    (?<!\w)[{_CAP}][^\W\d_]*(?:{_S}+[{_CAP}][^\W\d_]*){{0,3}}{_S}*,{_S}*(?i:ngày){_S}+
    {_DATE_CORE}
    """,
    re.VERBOSE,
)
_ISSUER_LEAD_RE = re.compile(rf"{_S}+của{_S}+")
# The issuer ends at punctuation, at a quoted title (“Giải pháp ...”) or at the end of line.
_ISSUER_END_RE = re.compile(r"[;,.()\[\]“”\"«»:!?…\r\n]|\s[\u2010-\u2014-]\s")
_WORD_RE = re.compile(r"\S+")
# Lower-case words that start the predicate after an issuer ("của Chính phủ quy định về ...").
# Issuers themselves are capitalised where they start ("Ban Bí thư"), so matching is exact-case.
_ISSUER_STOP_WORDS = frozenset(
    {
        "về", "đã", "đang", "sẽ", "được", "nhằm", "để", "thì", "là", "có", "ngày", "tại",
        "theo", "trong", "đến", "cho", "với", "khi", "nay", "này", "đó", "hoặc", "nêu",
    }
)  # fmt: skip
_ISSUER_STOP_PAIRS = frozenset(
    {
        ("quy", "định"), ("hướng", "dẫn"), ("ban", "hành"), ("phê", "duyệt"), ("sửa", "đổi"),
        ("bổ", "sung"), ("thay", "thế"), ("thực", "hiện"), ("triển", "khai"), ("tiếp", "tục"),
        ("thông", "qua"), ("kèm", "theo"), ("xác", "định"), ("chỉ", "đạo"),
    }
)  # fmt: skip
_DOC_TYPE_START_RE = re.compile(rf"(?i:{_DOC_TYPE_ALT}|số)(?!\w)")
# Between two numbers of one list: "101-QĐ/TW, 55-QĐ/TW" or "21-NQ/TW và 22-NQ/TW".
_LIST_GAP_RE = re.compile(rf"{_S}*(?:,|,?{_S}*(?:và|hoặc)){_S}*")
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
_WRITTEN_CODE_RE = re.compile(rf"[{_CAP}]+(?:&[{_CAP}]+)*(?:[a-z][{_CAP}]*)?\d*")
_CODE_DIGITS_RE = re.compile(r"(\D*)(\d*)")


def _clean_code(code: str) -> str:
    """Return the code's canonical spelling (see KNOWN_CODES)."""
    code = code.replace("Ð", "Đ")
    letters, digits = _CODE_DIGITS_RE.fullmatch(code).groups()  # type: ignore[union-attr]
    known = _KNOWN_UPPER.get(letters.upper()) or _KNOWN_FOLDED.get(_fold(letters))
    if known is not None:
        return known + digits
    return code if _WRITTEN_CODE_RE.fullmatch(code) else code.upper()


def _is_written_code(code: str) -> bool:
    """True if the code is written as codes are (or is a known code): not a lower-case word."""
    code = code.replace("Ð", "Đ")
    letters = _CODE_DIGITS_RE.fullmatch(code).group(1)  # type: ignore[union-attr]
    return bool(_WRITTEN_CODE_RE.fullmatch(code)) or (
        (letters.upper() in _KNOWN_UPPER or _fold(letters) in _KNOWN_FOLDED)
        and letters != letters.lower()
    )


def _split_codes(codes: str) -> list[str]:
    return [_clean_code(c) for c in _DASH_SPLIT_RE.split(codes)]


def _footnote_length(match: re.Match[str]) -> int:
    """Digits glued after the last code that are a footnote marker (TW1), not a legislature's
    number (QH14) or a unit's (BCĐ389): one or two digits after a code not ending in QH."""
    tail = re.search(r"([^\W\d_]+)(\d+)$", match.group())
    if tail is None or len(tail[2]) > 2 or tail[1].upper().endswith("QH"):
        return 0
    return len(tail[2])


@dataclass(frozen=True)
class DocumentNumber:
    """A document number split into its parts; str() gives the canonical key.

    Families and how they split (``type_code`` / ``issuer_code``):

    * Party ``{n}-{type}/{issuer}``: 114-QĐ/TW -> QĐ / TW; 01-KH/BCĐ -> KH / BCĐ.
    * State with year ``{n}/{year}/{type}-{issuer}``: 73/2023/NĐ-CP -> NĐ / CP;
      01/2015/TTLT-BTP-BNV -> TTLT / BTP-BNV. A law has no type code: 59/2020/QH14 -> None / QH14.
    * State without year ``{n}/{type}-{issuer}``: 1847/QĐ-TTg -> QĐ / TTg, when the first code
      is in STATE_TYPE_CODES.
    * Official letter ``{n}/{issuer}-{unit}``: 123/UBND-NC -> None / UBND-NC. A letter carries
      no type code; its codes name the sender and the drafting unit, kept together as issuer.

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
        """Parse a whole string as one document number; None if it is not one."""
        match = NUMBER_RE.fullmatch(text.strip())
        return None if match is None else cls._from_match(match)

    @classmethod
    def _from_match(cls, match: re.Match[str]) -> DocumentNumber:
        number = match["number"].lower()
        footnote = _footnote_length(match)

        def codes_of(group: str) -> list[str]:
            text = match[group]
            return _split_codes(text[: len(text) - footnote] if footnote else text)

        if match["p_type"] is not None:
            issuer = "-".join(codes_of("p_issuer"))
            return cls("party", number, None, _clean_code(match["p_type"]), issuer)
        if match["h_type"] is not None:
            issuer = "-".join(codes_of("h_issuer"))
            return cls("party", number, None, _clean_code(match["h_type"]), issuer)
        if match["s_year"] is not None:
            codes = codes_of("s_codes_year")
            year = int(match["s_year"])
            if len(codes) == 1:
                return cls("state", number, year, None, codes[0])
            return cls("state", number, year, codes[0], "-".join(codes[1:]))
        codes = codes_of("s_codes")
        if _fold(codes[0]) in _STATE_TYPE_FOLDED:
            return cls("state", number, None, codes[0], "-".join(codes[1:]))
        return cls("state", number, None, None, "-".join(codes))

    def __str__(self) -> str:
        if self.kind == "party":
            return f"{self.number}-{self.type_code}/{self.issuer_code}"
        codes = (
            self.issuer_code if self.type_code is None else f"{self.type_code}-{self.issuer_code}"
        )
        return (
            f"{self.number}/{codes}" if self.year is None else f"{self.number}/{self.year}/{codes}"
        )


def parse_number(text: str) -> DocumentNumber | None:
    """Parse a document number written alone, tolerating stray spaces and dash variants.

    >>> str(parse_number("1847 /QĐ-TTg"))
    '1847/QĐ-TTg'
    >>> parse_number("Quy định số 114-QĐ/TW") is None  # the number alone, not a citation
    True
    """
    return DocumentNumber.parse(text)


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


@dataclass(frozen=True)
class Citation:
    """One citation of a document in a text.

    ``span`` is ``text[start:end]``: the sub-reference ("khoản 5 Điều 6"), the document type
    word ("Quy định"), "số" and the number, as far as each is present; the date and issuer that
    follow are parsed into ``date`` and ``issuer_name`` but left out of the span. A number that
    continues a list ("các Quy định số 101-QĐ/TW, 55-QĐ/TW") inherits the list's ``doc_type``
    and its span is the number alone. ``year`` is the number's year, else the date's year.
    A footnote digit glued to the code ("27-NQ/TW1") is in neither the key nor the span; the
    span is otherwise the citation as written, spaces and line breaks included.

    The date is the one after the number ("ngày 01/11/2011", "ngày 25-10-2021", "ngày 24 tháng
    9 năm 2018"), else the one after the issuer's name when its year fits the number's, else,
    for a header's "Số:", the place-and-date line below it ("Hà Nội, ngày ..."), else the one
    after a consolidated text's title ("... ban hành ngày ...") when its year fits.
    """

    span: str
    start: int
    end: int
    key: str
    kind: str
    doc_type: str | None
    number: str
    year: int | None
    type_code: str | None
    issuer_code: str | None
    date: str | None
    issuer_name: str | None
    article: str | None
    clause: str | None

    def as_dict(self) -> dict[str, object]:
        """Return the fields as a dict, in declaration order (the CLI's JSON key order)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _parse_date(
    text: str, pos: int, pattern: re.Pattern[str] = _DATE_TAIL_RE
) -> tuple[dt.date | None, int]:
    match = pattern.match(text, pos)
    if match is None:
        return None, pos
    day, month, year = (match["d"], match["m"], match["y"])
    if day is None:
        day, month, year = (match["d2"], match["m2"], match["y2"])
    try:
        return dt.date(int(year), int(month), int(day)), match.end()
    except ValueError:
        # An impossible date (31/2/2023) is a typo we cannot repair; report no date at all.
        return None, pos


def _parse_issuer(text: str, pos: int) -> tuple[str | None, int]:
    lead = _ISSUER_LEAD_RE.match(text, pos)
    if lead is None:
        return None, pos
    start = lead.end()
    stop = _ISSUER_END_RE.search(text, start)
    limit = len(text) if stop is None else stop.start()
    words = list(_WORD_RE.finditer(text, start, limit))
    end = start
    for i, word in enumerate(words):
        token = word.group()
        following = words[i + 1].group() if i + 1 < len(words) else ""
        if token in _ISSUER_STOP_WORDS or (token, following) in _ISSUER_STOP_PAIRS:
            break
        # "và" joins two issuers ("Ban Tổ chức Trung ương và Bộ Nội vụ") but also ends the
        # issuer when another citation or a lower-case clause follows.
        if token == "và" and (
            not following[:1].isupper() or _DOC_TYPE_START_RE.match(text, words[i + 1].start())
        ):
            break
        end = word.end()
    name = text[start:end]
    if not name or not name[0].isupper():
        return None, pos
    return name, end


def extract(text: str) -> list[Citation]:
    """Return the citations in text, in order of appearance.

    Text is expected in NFC, as Vietnamese documents are normally stored; decomposed tone marks
    would not match the document type words.

    >>> [c.key for c in extract("Căn cứ Quy định số 114-QĐ/TW và Nghị định 73/2023/NĐ-CP;")]
    ['114-QĐ/TW', '73/2023/NĐ-CP']
    >>> c = extract("theo khoản 5 Điều 6 Quy định số 114-QĐ/TW ngày 11/7/2023 của Bộ Chính trị")[0]
    >>> c.span, c.date, c.issuer_name, c.article, c.clause
    ('khoản 5 Điều 6 Quy định số 114-QĐ/TW', '2023-07-11', 'Bộ Chính trị', '6', '5')
    """
    citations: list[Citation] = []
    previous_end = -1
    for match in _CITATION_RE.finditer(text):
        codes = [match[g] for g in ("p_type", "p_issuer", "h_type", "h_issuer") if match[g]]
        codes += _DASH_SPLIT_RE.split(match["s_codes_year"] or match["s_codes"] or "")
        if not (match["doc_type"] or match["so"]) and not all(
            _is_written_code(c) for c in codes if c
        ):
            continue  # "3-ngày/tuần" is prose; "chỉ thị số 05-ct/tw" is a citation
        number = DocumentNumber._from_match(match)
        end = match.end() - _footnote_length(match)
        date, after = _parse_date(text, match.end())
        issuer_name, after = _parse_issuer(text, after)
        if date is None and issuer_name is not None:
            # "Quyết định số 45/2010/QĐ-TTg của Thủ tướng Chính phủ ngày 14 tháng 6 năm 2010"
            date, after = _parse_date(text, after)
            if date is not None and number.year not in (None, date.year):
                date = None  # the date of another document, or of the issuer's own text
        if date is None and match["so_colon"]:
            date, _ = _parse_date(text, match.end(), _HEADER_DATE_RE)
        if date is None and number.year is not None:
            date, _ = _parse_date(text, match.end(), _TITLE_DATE_RE)
            if date is not None and date.year != number.year:
                date = None
        doc_type = match["doc_type"]
        if doc_type is not None:
            doc_type = _DOC_TYPE_CANONICAL[re.sub(rf"{_S}+", " ", doc_type).lower()]
        elif (
            citations
            and match["article"] is None
            and _LIST_GAP_RE.fullmatch(text, previous_end, match.start())
        ):
            doc_type = citations[-1].doc_type
        year = number.year
        if year is None and date is not None:
            year = date.year
        citations.append(
            Citation(
                span=text[match.start() : end],
                start=match.start(),
                end=end,
                key=str(number),
                kind=number.kind,
                doc_type=doc_type,
                number=number.number,
                year=year,
                type_code=number.type_code,
                issuer_code=number.issuer_code,
                date=None if date is None else date.isoformat(),
                issuer_name=issuer_name,
                article=match["article"],
                clause=match["clause"],
            )
        )
        previous_end = after
    return citations
