"""Search as Vietnamese readers type it: queries typed key by key into Material's search box.

1. With or without diacritics ("đ" as "d"), a query finds the same pages in the same order, and
   results (and the page opened from them) highlight the words as written.
2. A document number, in any form, puts that document's page first.
3. Each language searches its own pages, from its own index.
4. Results link to the paragraph that holds the hit.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from kb.model.citations import fold_key
from kb.model.registry import load_registry
from search_bench import open_page, type_query

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
    ).click()
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


# -- 4. paragraph permalinks ---------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "query", "paragraph"),
    [
        ("vi", "mat phieu", "bao-cao/ii-nguyen-nhan/#ii-2-1-a"),
        ("vi", "chinh sach tien luong", "bao-cao/ii-nguyen-nhan/#ii-1-b"),
        ("en", "losing votes", "en/bao-cao/ii-nguyen-nhan/#ii-2-1-a"),
        ("en", "salary policy", "en/bao-cao/ii-nguyen-nhan/#ii-1-b"),
    ],
)
def test_results_link_to_the_paragraph(
    search_page: Any, base_url: str, lang: str, query: str, paragraph: str
) -> None:
    _open(search_page, base_url, lang)
    found = type_query(search_page, query, base_url)
    assert paragraph in [link for links in found.results for link in links]
    page, anchor = paragraph.split("#")
    link = search_page.locator(f"a.md-search-result__link[href*='/{page}?h='][href$='#{anchor}']")
    link.evaluate("a => a.click()")  # it may sit in a closed "more on this page" list
    search_page.wait_for_url(f"**/{page}?h=*#{anchor}")
    expect(search_page.locator(f"#{anchor} mark[data-md-highlight]").first).to_be_visible()
