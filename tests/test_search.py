"""Search as Vietnamese readers type it: queries typed key by key into Material's search box.

1. With or without diacritics ("đ" as "d"), a query finds the same pages in the same order, and
   results (and the page opened from them) highlight the words as written.
2. A document number, in any form, puts that document's page first.
3. Each language searches its own pages, from its own index.
4. A paragraph of the report, a glossary term and a row of a table that lists pages are results
   of their own: a phrase's first result leads to the paragraph that holds it, and shows that
   paragraph (or row), not its whole section or table.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from kb.model.docnumber import fold_key
from kb.model.registry import load_registry
from search import open_page, type_query

ROOT = Path(__file__).resolve().parent.parent
HOME = {"vi": "", "en": "en/"}


@pytest.fixture
def search_page(browser: Any, base_url: str) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def _open(page: Any, base_url: str, lang: str) -> None:
    open_page(page, base_url + HOME[lang])


def _fold(word: str) -> str:
    return fold_key(word).lower().strip("“”‘’\"';:,.?!()")


# -- 1. diacritics ------------------------------------------------------------------------------

SAME_QUERIES = [
    ("vi", "ne tranh", "né tránh"),
    ("vi", "dun day", "đùn đẩy"),
    ("vi", "so trach nhiem", "sợ trách nhiệm"),
    ("vi", "DANG NGOC HUY", "Đặng Ngọc Huy"),
    ("vi", "mat phieu", "“mất phiếu”"),
    ("en", "Quang Ngai", "Quảng Ngãi"),
    ("en", "Dang Ngoc Huy", "Đặng Ngọc Huy"),
]


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "plain", "accented"), SAME_QUERIES)
def test_diacritics_do_not_change_results(
    search_page: Any, base_url: str, lang: str, plain: str, accented: str
) -> None:
    _open(search_page, base_url, lang)
    without = type_query(search_page, plain, base_url)
    with_marks = type_query(search_page, accented, base_url)
    assert without.count > 0
    assert without == with_marks  # same pages, same order, same links, same highlights


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "written"),
    [
        ("ne tranh", {"né", "tránh"}),
        ("dun day", {"đùn", "đẩy"}),
        ("dang ngoc", {"đặng", "ngọc"}),
    ],
)
def test_results_highlight_the_words_as_written(
    search_page: Any, base_url: str, query: str, written: set[str]
) -> None:
    _open(search_page, base_url, "vi")
    found = type_query(search_page, query, base_url)
    marks = {m.lower().strip("“”‘’;:,.?!") for m in found.marks}
    assert written <= marks
    assert not marks & set(query.split()[:-1])  # a finished word: as written, never as typed


@pytest.mark.browser
def test_a_finished_syllable_is_a_whole_word(search_page: Any, base_url: str) -> None:
    """ "dun day" finds "đùn đẩy", no longer "nội dung" or "sử dụng" (prefix of "dun")."""
    _open(search_page, base_url, "vi")
    found = type_query(search_page, "dun day", base_url)
    folded = {_fold(m) for m in found.marks}
    assert "dun" in folded
    assert all(word == "dun" or word.startswith("day") for word in folded), folded


@pytest.mark.browser
def test_opened_page_highlights_the_words_as_written(search_page: Any, base_url: str) -> None:
    _open(search_page, base_url, "vi")
    type_query(search_page, "mat phieu", base_url)
    search_page.locator(
        "a.md-search-result__link[href*='/bao-cao/ii-nguyen-nhan/?h='][href$='#ii-2-1-a']"
    ).last.click()
    search_page.wait_for_url("**/bao-cao/ii-nguyen-nhan/?h=*#ii-2-1-a")
    expect(search_page.locator("#ii-2-1-a mark[data-md-highlight]").first).to_have_text("mất phiếu")


# -- 2. document numbers -----------------------------------------------------------------------


def _number_forms() -> dict[str, str]:
    """Every document number in several forms -> the document's slug."""
    documents = list(load_registry(ROOT / "docs"))
    leading = [doc.number.split("-", 1)[0] for doc in documents]
    forms: dict[str, str] = {}
    for doc in documents:
        number = doc.number  # e.g. 114-QĐ/TW
        head, _, tail = number.partition("-")
        for form in (
            number,
            fold_key(number),  # 114-QD/TW
            number.lower(),  # 114-qđ/tw
            f"{head}/{tail.replace('/', '-')}",  # 114/QĐ-TW
        ):
            forms[form] = doc.slug
        if leading.count(head) == 1:  # "114" alone, unless another number starts the same
            forms[head] = doc.slug
    return forms


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_document_number_puts_its_page_first(search_page: Any, base_url: str, lang: str) -> None:
    forms = _number_forms()
    assert {"114", "114-QĐ/TW", "114-QD/TW", "114/QĐ-TW"} <= set(forms)
    _open(search_page, base_url, lang)
    first = {form: type_query(search_page, form, base_url).pages[0] for form in forms}
    assert first == {form: f"{HOME[lang]}van-ban/{slug}/" for form, slug in forms.items()}


# -- 3. one language at a time ---------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "own", "other"),
    [("vi", "cầm chừng", "evasion"), ("en", "evasion", "cầm chừng")],
)
def test_each_language_searches_its_own_pages(
    search_page: Any, base_url: str, lang: str, own: str, other: str
) -> None:
    indexes: list[tuple[str, int]] = []

    def record(response: Any) -> None:
        if "search_index" in response.url:
            indexes.append((response.url.removeprefix(base_url), response.status))

    search_page.on("response", record)
    _open(search_page, base_url, lang)
    for query in (own, other):  # the other language's word: its pages are not searched
        pages = type_query(search_page, query, base_url).pages
        assert pages or query == other
        assert [p.startswith("en/") for p in pages] == [lang == "en"] * len(pages), pages
    assert indexes == [(f"{HOME[lang]}search/search_index.json", 200)]


# -- 4. paragraphs, terms and rows as results of their own ------------------------------------

ITEM_TEXT = """() => [...document.querySelectorAll('.md-search-result__item')].map(item => ({
  more: item.querySelectorAll('details').length,
  text: [...item.querySelectorAll('a')].map(a => a.textContent).join(' ')
}))"""


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "query", "paragraph"),
    [
        ("vi", "mất phiếu", "bao-cao/ii-nguyen-nhan/#ii-2-1-a"),
        ("vi", "mat phieu", "bao-cao/ii-nguyen-nhan/#ii-2-1-a"),
        ("vi", "chính sách tiền lương", "bao-cao/ii-nguyen-nhan/#ii-1-b"),
        ("vi", "chinh sach tien luong", "bao-cao/ii-nguyen-nhan/#ii-1-b"),
        ("en", "losing votes", "en/bao-cao/ii-nguyen-nhan/#ii-2-1-a"),
        ("en", "salary policy", "en/bao-cao/ii-nguyen-nhan/#ii-1-b"),
    ],
)
def test_a_phrase_leads_first_to_its_paragraph(
    search_page: Any, base_url: str, lang: str, query: str, paragraph: str
) -> None:
    _open(search_page, base_url, lang)
    found = type_query(search_page, query, base_url)
    assert found.results[0] == [paragraph, paragraph]  # its page's heading, then the paragraph
    first = search_page.evaluate(ITEM_TEXT)[0]
    assert first["more"] == 0  # no "n more on this page" list
    page, anchor = paragraph.split("#")
    search_page.locator(".md-search-result__item").first.locator("a").last.click()
    search_page.wait_for_url(f"**/{page}?h=*#{anchor}")
    expect(search_page.locator(f"#{anchor} mark[data-md-highlight]").first).to_be_visible()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    ("query", "slug"),
    [("21-NQ/TW", "21-nq-tw"), ("21-nq/tw", "21-nq-tw"), ("114/QĐ-TW", "114-qd-tw"),
     ("01-KH/BCĐ", "01-kh-bcd")],
)  # fmt: skip
def test_document_numbers_have_no_missing_term_note(
    search_page: Any, base_url: str, lang: str, query: str, slug: str
) -> None:
    """Material marks query words no result has as missing ("Không: ~~nq/tw~~"): none here."""
    _open(search_page, base_url, lang)
    found = type_query(search_page, query, base_url)
    assert found.pages[0] == f"{HOME[lang]}van-ban/{slug}/"
    assert search_page.locator(".md-search-result__terms").count() == 0


ROWS = [  # query -> the row's link, words of that row, words of another row of the same list
    ("vi", "BNCTW", ("thuat-ngu/#bnctw", "Ban Nội chính Trung ương", "Ban Chỉ đạo")),
    ("vi", "cấp phó", ("thuat-ngu/#cap-pho", "người đứng đầu", "chế tài")),
    ("en", "BNCTW", ("en/thuat-ngu/#bnctw", "Central Internal Affairs", "Steering Committee")),
    ("vi", "07/06/2012", ("van-ban/#:~:text=Quy định số 101-QĐ/TW", "Ban Bí thư", "Bộ Chính trị")),
    ("en", "07/06/2012", ("en/van-ban/#:~:text=Regulation No. 101-QĐ/TW", "Secretariat",
                          "Politburo")),
]  # fmt: skip


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "query", "expected"), ROWS)
def test_glossary_and_index_hits_show_their_row(
    search_page: Any, base_url: str, lang: str, query: str, expected: tuple[str, str, str]
) -> None:
    row, shown, not_shown = expected
    _open(search_page, base_url, lang)
    found = type_query(search_page, query, base_url)
    where = [i for i, links in enumerate(found.results) if links[-1] == row]
    assert where, found.results
    text = search_page.evaluate(ITEM_TEXT)[where[0]]["text"]
    assert shown in text
    assert not_shown not in text  # the row only, not the whole table
