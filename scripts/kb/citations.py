"""Find citations of Vietnamese Party and State documents (114-QĐ/TW, 73/2023/NĐ-CP) in text."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
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
# Real text mixes the hyphen with the en dash, em dash and their Unicode lookalikes.
_DASH_CHARS = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_DASH = rf"{_S}*[{_DASH_CHARS}]{_S}*"
_SLASH = rf"{_S}*/{_S}*"
# A code is capitals (Đ, and the Icelandic Ð that PDF extraction produces for it, included),
# at most one lower-case letter inside (QĐi, TTg, TTr, QyĐ), then digits for a legislature
# (QH14, UBTVQH15). Requiring a capital first keeps out words such as "Điều" or "ngày".
_CAP = "A-ZĐÐƯƠÂĂÊÔ"
_CODE = rf"[{_CAP}]+(?:[a-z][{_CAP}]*)?\d*"

NUMBER_PATTERN = rf"""
    # Not the tail of a longer number, word, code, decimal or date.
    (?<![\w.,/{_DASH_CHARS}])
    (?P<number>\d{{1,5}})
    (?:
        # Party: {{n}}-{{type}}/{{issuer}}, e.g. 114-QĐ/TW, 01-KH/BCĐ, 30-HD/BTCTW.
        {_DASH} (?P<p_type>{_CODE}) {_SLASH} (?P<p_issuer>{_CODE}(?:-{_CODE})*)
      |
        # State with a year: 73/2023/NĐ-CP, 01/2015/TTLT-BTP-BNV, and a law's 59/2020/QH14.
        # Only the first dash tolerates spaces: a spaced dash after a complete number is prose.
        {_SLASH} (?P<s_year>(?:19|20)\d\d) {_SLASH}
        (?P<s_codes_year>{_CODE}(?:{_DASH}{_CODE})?(?:-{_CODE})*)
      |
        # State without a year: 1847/QĐ-TTg, 35/CT-TTg, and an official letter's 123/UBND-NC.
        # The dash is required so that "12/A" or "24/7" style text is never a citation.
        {_SLASH} (?P<s_codes>{_CODE}{_DASH}{_CODE}(?:-{_CODE})*)
    )
    (?![\w/])
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
    (?:(?<!\w)(?i:số){_S}*:?{_S}*)?
    {NUMBER_PATTERN}
    """,
    re.VERBOSE,
)

_DATE_TAIL_RE = re.compile(
    rf"""
    (?:{_S}*,)?{_S}+(?i:ngày){_S}+
    (?:
        (?P<d>\d{{1,2}}){_S}*(?P<sep>[/.{_DASH_CHARS}]){_S}*(?P<m>\d{{1,2}})
        {_S}*(?P=sep){_S}*(?P<y>\d{{4}})
      |
        (?P<d2>\d{{1,2}}){_S}+tháng{_S}+(?P<m2>\d{{1,2}}){_S}+năm{_S}+(?P<y2>\d{{4}})
    )
    (?!\d)
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
_DASH_SPLIT_RE = re.compile(_DASH)


def _clean_code(code: str) -> str:
    return code.replace("Ð", "Đ")


def _split_codes(codes: str) -> list[str]:
    return [_clean_code(c) for c in _DASH_SPLIT_RE.split(codes)]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("Ð", "D").replace("ð", "d").upper()


_STATE_TYPE_FOLDED = frozenset(_fold(c) for c in STATE_TYPE_CODES)


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
        number = match["number"]
        if match["p_type"] is not None:
            issuer = "-".join(_split_codes(match["p_issuer"]))
            return cls("party", number, None, _clean_code(match["p_type"]), issuer)
        if match["s_year"] is not None:
            codes = _split_codes(match["s_codes_year"])
            year = int(match["s_year"])
            if len(codes) == 1:
                return cls("state", number, year, None, codes[0])
            return cls("state", number, year, codes[0], "-".join(codes[1:]))
        codes = _split_codes(match["s_codes"])
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


def _parse_date(text: str, pos: int) -> tuple[dt.date | None, int]:
    match = _DATE_TAIL_RE.match(text, pos)
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
        number = DocumentNumber._from_match(match)
        date, after = _parse_date(text, match.end())
        issuer_name, after = _parse_issuer(text, after)
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
                span=match.group(),
                start=match.start(),
                end=match.end(),
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
