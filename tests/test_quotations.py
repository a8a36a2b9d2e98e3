"""Document pages quote the report whole and verbatim, in each language (built site)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from kb.checks.reporthtml import report_blocks, squash

SITE = Path(__file__).resolve().parent.parent / "site"
FULL_TEXT = {"vi": "bao-cao/toan-van/index.html", "en": "en/bao-cao/toan-van/index.html"}
QUOTE = re.compile(r"<blockquote>\s*<p><em>(.*?)</em></p>", re.S)
SUBJECT_ROW = {
    "vi": re.compile(r"<td>Trích yếu \(theo lời báo cáo\)</td>\s*<td>(.*?)</td>", re.S),
    "en": re.compile(r"<td>Subject \(in the report's words\)</td>\s*<td>(.*?)</td>", re.S),
}
# Each quotation's first and last words: it starts at the words naming the document or at the
# start of the report's sentence, and ends at the end of a sentence or of a list item.
QUOTES: dict[tuple[str, str], tuple[str, str]] = {
    ("01-kh-bcd", "vi"): ("Thực hiện Kế hoạch số 01-KH/BCĐ", "phụ trách như sau:"),
    ("01-kh-bcd", "en"): (
        "Implementing Plan No. 01-KH/BCĐ",
        "and charge as follows:",
    ),
    ("01-kl-tw", "vi"): ("Kết luận số 01-KL/TW ngày", "đạo đức, phong cách Hồ Chí Minh..."),
    ("01-kl-tw", "en"): (
        "Conclusion No. 01-KL/TW dated",
        "ethics and style...",
    ),
    ("05-ct-tw", "vi"): ("Kết luận số 01-KL/TW ngày", "đạo đức, phong cách Hồ Chí Minh..."),
    ("05-ct-tw", "en"): (
        "Conclusion No. 01-KL/TW dated",
        "ethics and style...",
    ),
    ("101-qd-tw", "vi"): ("Quy định số 101-QĐ/TW ngày", "cán bộ lãnh đạo, chủ chốt các cấp;"),
    ("101-qd-tw", "en"): ("Regulation No. 101-QĐ/TW dated", "at all levels, to set an example;"),
    ("114-qd-tw", "vi"): ("Nghiêm túc trong đánh giá", "sơ trách nhiệm trong thực thi công vụ."),
    ("114-qd-tw", "en"): ("Be rigorous in annual assessment", "in performing public duties."),
    ("1167-qd-tu", "vi"): (
        "Ban Thường vụ Tỉnh ủy",
        "chức trách, nhiệm vụ được giao.",
    ),
    ("1167-qd-tu", "en"): ("The Quảng Ngãi Provincial Party", "their assigned duties and tasks."),
    ("14-kl-tw", "vi"): (
        "Sớm cụ thể hóa Kết luận số 14-KL/TW",
        "vì lợi ích chung.",
    ),
    ("14-kl-tw", "en"): (
        "Promptly concretize into law Conclusion No.",
        "for the common good.",
    ),
    ("21-kl-tw", "vi"): ("Kết luận số 21-KL/TW ngày", "“tự diễn biến”, “tự chuyên hóa”;"),
    ("21-kl-tw", "en"): (
        "Conclusion No. 21-KL/TW dated",
        "“self-transformation”;",
    ),
    ("21-nq-tw", "vi"): ("Nghị quyết số 21-NQ/TW ngày", "đội ngũ đảng viên trong giai đoạn mới;"),
    ("21-nq-tw", "en"): ("Resolution No. 21-NQ/TW dated", "of Party members in the new period;"),
    ("306-qd-tu", "vi"): (
        "Thay thế cho Quyết định số",
        "chức trách, nhiệm vụ được giao.",
    ),
    ("306-qd-tu", "en"): ("Replacing Decision No. 306-QĐ/TU", "their assigned duties and tasks."),
    ("55-qd-tw", "vi"): ("Quy định số 55-QĐ/TW ngày", "vai trò nêu gương của cán bộ, đảng viên;"),
    ("55-qd-tw", "en"): (
        "Regulation No. 55-QĐ/TW dated",
        "cadres and Party members;",
    ),
}
# A quotation ends where the report's sentence or list item does.
ENDINGS = (".", ";", ":", "...")


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def report_text(locale: str) -> list[str]:
    page = (SITE / FULL_TEXT[locale]).read_text(encoding="utf-8")
    return [" ".join(block.text.split()) for block in report_blocks(page)]


def whole_in(quote: str, paragraphs: list[str]) -> bool:
    """The quotation is in one paragraph, starting where a sentence or list item does."""
    for paragraph in paragraphs:
        at = paragraph.find(quote)
        before = paragraph[:at].rstrip()
        starts = not before or before.isdigit() or before.endswith((".", ";", ":"))
        if at != -1 and starts and not before.endswith("No."):
            return True
    return False


def page(slug: str, locale: str) -> str:
    prefix = "" if locale == "vi" else "en/"
    return (SITE / f"{prefix}van-ban/{slug}/index.html").read_text(encoding="utf-8")


@pytest.mark.site
@pytest.mark.parametrize(("slug", "locale"), sorted(QUOTES))
def test_quotation_is_whole_and_verbatim(slug: str, locale: str) -> None:
    quotes = [text_of(q) for q in QUOTE.findall(page(slug, locale))]
    first, last = QUOTES[slug, locale]
    assert [(q.startswith(first), q.endswith(last)) for q in quotes] == [(True, True)]
    assert quotes[0].endswith(ENDINGS)
    # The report's footnote markers are not quoted; the rest is the report's text exactly.
    paragraphs = [re.sub(r"(?<=\D)[¹²³⁴⁵⁶⁷⁸⁹]+", "", p) for p in report_text(locale)]
    assert whole_in(quotes[0], paragraphs), quotes[0][:80]


@pytest.mark.site
@pytest.mark.parametrize(("slug", "locale"), sorted(QUOTES))
def test_subject_is_in_the_report_words(slug: str, locale: str) -> None:
    row = SUBJECT_ROW[locale].search(page(slug, locale))
    assert row is not None
    subject = text_of(row.group(1))
    if subject in {"Báo cáo không nêu", "Not stated in the report"}:
        assert slug == "01-kh-bcd"
        return
    assert squash(subject) in squash(" ".join(report_text(locale)))


def test_whole_in_rejects_a_quotation_cut_inside_a_sentence() -> None:
    paragraphs = ["A b. Regulation No. 1 on x; y. C."]
    assert whole_in("Regulation No. 1 on x; y.", paragraphs)
    assert not whole_in("1 on x; y.", paragraphs)
    assert whole_in("A b.", paragraphs)
