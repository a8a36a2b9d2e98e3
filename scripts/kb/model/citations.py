"""Find citations of Vietnamese Party and State documents (114-QĐ/TW, 73/2023/NĐ-CP) in text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass

from kb.model.docnumber import (
    CAPITALS,
    DASH_CHARS,
    NUMBER_PATTERN,
    SPACE,
    DocumentNumber,
    footnote_length,
    written_as_codes,
)

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
_DOC_TYPE_ALT = "|".join(re.escape(t).replace(r"\ ", rf"{SPACE}+") for t in DOC_TYPES)

_CITATION_RE = re.compile(
    rf"""
    (?:
        # Sub-reference: "khoản 5 Điều 6 " or "Điều 6 ", optionally "của" before the document.
        (?:(?<!\w)(?i:khoản){SPACE}+(?P<clause>\d+[a-zđ]?){SPACE}*,?{SPACE}+)?
        (?<!\w)(?i:điều){SPACE}+(?P<article>\d+[a-zđ]?){SPACE}+(?:của{SPACE}+)?
    )?
    (?:(?<!\w)(?P<doc_type>(?i:{_DOC_TYPE_ALT})){SPACE}+)?
    # "Số:" with its colon starts a document's own header, whose date is on a later line.
    (?:(?<!\w)(?P<so>(?i:số))(?P<so_colon>{SPACE}*:)?{SPACE}*)?
    {NUMBER_PATTERN}
    """,
    re.VERBOSE,
)

_DATE_CORE = rf"""
    (?:
        (?P<d>\d{{1,2}}){SPACE}*(?P<sep>[/.{DASH_CHARS}]){SPACE}*(?P<m>\d{{1,2}})
        {SPACE}*(?P=sep){SPACE}*(?P<y>\d{{4}})
      |
        (?P<d2>\d{{1,2}}){SPACE}+(?i:tháng){SPACE}+(?P<m2>\d{{1,2}})
        {SPACE}+(?i:năm){SPACE}+(?P<y2>\d{{4}})
    )
    (?!\d)
"""
# No space is needed before "ngày" when copying glued it to the code ("NĐ-CPngày").
_DATE_TAIL_RE = re.compile(rf"(?:{SPACE}*,)?{SPACE}*(?i:ngày){SPACE}+{_DATE_CORE}", re.VERBOSE)
# A date after the document's title, as consolidated texts (văn bản hợp nhất) print it:
# "Quyết định 119/2007/QĐ-TTg Về việc thành lập Quỹ ... ban hành ngày 25/07/2007" or
# "... tại Việt Nam ngày 04/12/2000 của Thủ tướng Chính phủ". Only "ban hành ngày" or a date
# followed by "của" and a name counts ("có hiệu lực ... kể từ ngày" does not), and the title
# may not cross punctuation or a slash, so another citation's date is never taken.
_TITLE_DATE_RE = re.compile(
    rf"""
    [^,;().\n/]{{1,250}}?{SPACE}
    (?P<issued>(?i:ban){SPACE}+(?i:hành){SPACE}+)?(?i:ngày){SPACE}+{_DATE_CORE}
    (?(issued)|(?={SPACE}+của{SPACE}+[{CAPITALS}]))
    """,
    re.VERBOSE,
)
# A header's date: "Số: 45/2025/NĐ-CP ... Hà Nội, ngày 28 tháng 02 năm 2025", on the same line
# or up to four lines below (past the national motto), after a capitalised place name.
_HEADER_DATE_RE = re.compile(
    rf"""
    (?:[^\n]*\n){{0,5}}?[^\n]*?
    (?<!\w)[{CAPITALS}][^\W\d_]*(?:{SPACE}+[{CAPITALS}][^\W\d_]*){{0,3}}
    {SPACE}*,{SPACE}*(?i:ngày){SPACE}+
    {_DATE_CORE}
    """,
    re.VERBOSE,
)
_ISSUER_LEAD_RE = re.compile(rf"{SPACE}+của{SPACE}+")
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
_LIST_GAP_RE = re.compile(rf"{SPACE}*(?:,|,?{SPACE}*(?:và|hoặc)){SPACE}*")


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
        return asdict(self)


def _parse_date(
    text: str, pos: int, pattern: re.Pattern[str] = _DATE_TAIL_RE, year: int | None = None
) -> tuple[dt.date | None, int]:
    """The date that pattern matches at pos and where it ends; no date if its year is not year."""
    match = pattern.match(text, pos)
    if match is None:
        return None, pos
    parts = ("d", "m", "y") if match["d"] else ("d2", "m2", "y2")
    try:
        date = dt.date(*(int(match[g]) for g in reversed(parts)))
    except ValueError:
        # An impossible date (31/2/2023) is a typo we cannot repair; report no date at all.
        return None, pos
    return (None if year not in (None, date.year) else date), match.end()


def _parse_issuer(text: str, pos: int) -> tuple[str | None, int]:
    lead = _ISSUER_LEAD_RE.match(text, pos)
    if lead is None:
        return None, pos
    start = lead.end()
    stop = _ISSUER_END_RE.search(text, start)
    words = list(_WORD_RE.finditer(text, start, len(text) if stop is None else stop.start()))
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
    return (name, end) if name[:1].isupper() else (None, pos)


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
        if not (match["doc_type"] or match["so"] or written_as_codes(match)):
            continue  # "3-ngày/tuần" is prose; "chỉ thị số 05-ct/tw" is a citation
        number = DocumentNumber.from_match(match)
        end = match.end() - footnote_length(match)
        date, after = _parse_date(text, match.end())
        issuer_name, after = _parse_issuer(text, after)
        if date is None and issuer_name is not None:
            # "Quyết định số 45/2010/QĐ-TTg của Thủ tướng Chính phủ ngày 14 tháng 6 năm 2010";
            # a date of another year is another document's, or the issuer's own text's.
            date, after = _parse_date(text, after, year=number.year)
        if date is None and match["so_colon"]:
            date, _ = _parse_date(text, match.end(), _HEADER_DATE_RE)
        if date is None and number.year is not None:
            date, _ = _parse_date(text, match.end(), _TITLE_DATE_RE, number.year)
        doc_type = match["doc_type"]
        if doc_type is not None:
            doc_type = _DOC_TYPE_CANONICAL[re.sub(rf"{SPACE}+", " ", doc_type).lower()]
        elif (
            citations
            and match["article"] is None
            and _LIST_GAP_RE.fullmatch(text, previous_end, match.start())
        ):
            doc_type = citations[-1].doc_type
        citations.append(
            Citation(
                span=text[match.start() : end],
                start=match.start(),
                end=end,
                key=str(number),
                kind=number.kind,
                doc_type=doc_type,
                number=number.number,
                year=number.year or (None if date is None else date.year),
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
