"""Reading on a phone (390x844) and a desktop (1366x900), in both languages: the language switch
keeps the place, nothing scrolls sideways, article text is 14 px or more, tap targets are 24 px
or more, and the interface speaks the page's language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitepages import page_paths

_JS = Path(__file__).parent / "data" / "reading"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
MIN_TEXT_PX = 14
MIN_TARGET_PX = 24

# Text of the article, with its rendered size: the font size times any SVG scaling. Skipped:
# what is not rendered (closed panels, hidden elements), footnote markers, and the permalink
# controls (whose visible text is their generated code, measured as a target instead).
_SMALL_TEXT_JS = (_JS / "small_text.js").read_text(encoding="utf-8")

_OVERFLOW_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def viewport_page(request: Any, browser: Any) -> Iterator[tuple[str, Any]]:
    """One page per viewport, reused across the tests of this module."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = context.new_page()
    yield request.param, page
    context.close()


@pytest.mark.browser
def test_no_sideways_scroll_and_no_small_text(viewport_page, base_url) -> None:
    """Every page of both languages: no horizontal overflow, no article text under 14 px."""
    name, page = viewport_page
    problems = []
    for path in page_paths():
        page.goto(base_url + path)
        overflow = page.evaluate(_OVERFLOW_JS)
        if overflow > 0:
            problems.append(f"{name} /{path}: scrolls sideways by {overflow}px")
        problems += [f"{name} /{path}: {s}" for s in page.evaluate(_SMALL_TEXT_JS, MIN_TEXT_PX)]
    assert problems == [], "\n".join(problems)


_SWITCH_CASES = [
    ("bao-cao/ii-nguyen-nhan/", "ii-2-1-d", "en"),
    ("en/bao-cao/iii-nhiem-vu-giai-phap/", "iii-3-b", "vi"),
    ("bao-cao/toan-van/", "iii-1-c", "en"),
    ("en/bao-cao/toan-van/", "ii-2-2-a", "vi"),
]


def _switch_language(page: Any, lang: str) -> None:
    """Tap the switch, then the language, where they are (a locator's click would first scroll
    the page to bring the header's menu "into view", and so move the reader's place)."""
    for selector in (
        ".md-header__option .md-select button",
        f"a.md-select__link[hreflang='{lang}']",
    ):
        box = page.locator(selector).bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.mark.browser
@pytest.mark.parametrize(("start", "item", "lang"), _SWITCH_CASES)
def test_switch_from_a_mid_page_item_lands_on_it(
    viewport_page, base_url, start: str, item: str, lang: str
) -> None:
    """Scrolled (no #anchor in the address) to an item: the twin opens at that item, and the
    back button returns to it."""
    _, page = viewport_page
    page.goto(base_url + start)
    page.evaluate(
        "(id) => { const el = document.getElementById(id); window.scrollTo(0, "
        "el.getBoundingClientRect().top + window.scrollY - 70); }",
        item,
    )
    _switch_language(page, lang)
    target = ("" if lang == "vi" else "en/") + start.removeprefix("en/")
    page.wait_for_url(f"{base_url}{target}#{item}")
    assert page.locator("html").get_attribute("lang") == lang
    box = page.locator(f"[id='{item}']").bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"] / 2
    page.go_back()
    page.wait_for_url(f"{base_url}{start}#{item}")


@pytest.mark.browser
def test_switch_at_the_top_keeps_a_plain_address(viewport_page, base_url) -> None:
    _, page = viewport_page
    page.goto(base_url + "bao-cao/ii-nguyen-nhan/")
    _switch_language(page, "en")
    page.wait_for_url(f"{base_url}en/bao-cao/ii-nguyen-nhan/")


_TARGETS_JS = (_JS / "targets.js").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("bao-cao/ii-nguyen-nhan/", ".md-content .para-link[data-label]"),
        ("en/bao-cao/iv-de-xuat-kien-nghi/", ".md-content .para-link[data-label]"),
        ("bao-cao/", ".md-content .para-link"),
        ("bao-cao/ii-nguyen-nhan/", ".md-header__option .md-select button"),
        ("en/bao-cao/ii-nguyen-nhan/", ".md-content .analysis-switch"),
        ("bao-cao/ii-nguyen-nhan/", ".md-typeset details.analysis-links > summary"),
        ("phan-tich/", ".analysis-matrix td a"),
        ("en/phan-tich/", ".analysis-matrix td a"),
    ],
)
def test_tap_targets_are_24px_and_on_screen(viewport_page, base_url, path, selector) -> None:
    _, page = viewport_page
    page.goto(base_url + path)
    if selector == ".md-content .para-link":  # unlabelled signs show on hover or touch
        page.locator(selector).first.hover()
        selector = ".md-content p:hover > .para-link"
    assert page.locator(selector).count() > 0
    # The matrix scrolls in its own region on a phone: each cell is measured in view.
    if "analysis-matrix" in selector:
        sizes = page.eval_on_selector_all(
            selector, "els => els.map(e => [e.offsetWidth, e.offsetHeight])"
        )
        assert [s for s in sizes if min(s) < MIN_TARGET_PX] == []
        return
    assert page.evaluate(_TARGETS_JS, [selector, MIN_TARGET_PX]) == []


@pytest.mark.browser
def test_map_diagram_on_desktop_and_list_link_on_phone(viewport_page, base_url) -> None:
    name, page = viewport_page
    page.goto(base_url + "phan-tich/")
    diagram = page.locator("figure.analysis-chain")
    phone_link = page.locator(".map-phone-view a")
    if name == "phone":
        assert not diagram.is_visible()
        assert phone_link.is_visible()
        assert phone_link.get_attribute("href") == "danh-sach/"
        assert phone_link.bounding_box()["height"] >= MIN_TARGET_PX
    else:
        assert not phone_link.is_visible()
        diagram.scroll_into_view_if_needed()
        nodes = page.eval_on_selector_all(
            "figure.analysis-chain .node rect",
            "els => els.map(e => e.getBoundingClientRect()).map(b => Math.min(b.width, b.height))",
        )
        assert nodes and min(nodes) >= MIN_TARGET_PX
        assert page.evaluate(_SMALL_TEXT_JS, MIN_TEXT_PX) == []


@pytest.mark.browser
def test_matrix_reason_shows_on_first_tap(browser, base_url) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "phan-tich/")
    cell = page.locator(".analysis-matrix td a").first
    reason = cell.get_attribute("title")
    cell.scroll_into_view_if_needed()
    cell.tap()
    assert page.locator("#kb-tooltip").inner_text() == reason
    assert page.url == base_url + "phan-tich/"
    cell.tap()
    page.wait_for_url("**/bao-cao/iii-*/#*")
    context.close()


@pytest.mark.browser
def test_analysis_switch_is_remembered_across_pages(browser, base_url) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "bao-cao/i-tinh-hinh/")
    switch = page.locator(".analysis-switch")
    assert switch.get_attribute("aria-checked") == "true"
    assert page.locator("details.analysis-links").first.is_visible()
    switch.click()
    assert switch.get_attribute("aria-checked") == "false"
    assert not page.locator("details.analysis-links").first.is_visible()
    page.goto(base_url + "en/bao-cao/iii-nhiem-vu-giai-phap/")
    assert page.locator(".analysis-switch").get_attribute("aria-checked") == "false"
    assert page.locator(".analysis-switch").inner_text() == "Analysis links"
    assert not page.locator("details.analysis-links").first.is_visible()
    page.locator(".analysis-switch").click()
    page.goto(base_url + "bao-cao/ii-nguyen-nhan/")
    assert page.locator("details.analysis-links").first.is_visible()
    context.close()


# Letters only Vietnamese uses: on an English page, a lower-case word with one of them is a leak
# (names such as Quảng Ngãi and codes such as 114-QĐ/TW are capitalised).
_VIETNAMESE_WORD = re.compile(
    r"(?<![\w])[a-zà-ỹ]*[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ][a-zà-ỹ]*"
)
# Interface text of the page (header, navigation, footer, search, the article's controls and
# their names), leaving out what is marked as another language (lang=...).
_INTERFACE_JS = (_JS / "interface_text.js").read_text(encoding="utf-8")
_ENGLISH_ON_VI = ("Made with", "Dark mode", "Light mode", "Not found", "Link to", "Analysis links")
_LANG_PAGES = ["", "bao-cao/ii-nguyen-nhan/", "phan-tich/", "van-ban/", "tap-huan/", "404.html"]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_interface_speaks_the_page_language(browser, base_url, lang: str) -> None:
    page = browser.new_page(viewport=PHONE)
    leaks = []
    for path in _LANG_PAGES:
        page.goto(base_url + ("" if lang == "vi" else "en/") + path)
        assert page.locator("html").get_attribute("lang") == lang
        for text in page.evaluate(_INTERFACE_JS, lang):
            if lang == "en" and _VIETNAMESE_WORD.search(text):
                leaks.append(f"/{path}: {text[:60]}")
            if lang == "vi" and any(word in text for word in _ENGLISH_ON_VI):
                leaks.append(f"/{path}: {text[:60]}")
    page.close()
    assert leaks == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "heading", "home"),
    [("404.html", "Không tìm thấy trang", "/"), ("en/404.html", "Page not found", "/en/")],
)
def test_not_found_page_in_each_language(browser, base_url, path, heading, home) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(base_url + path)
    assert page.locator("article h1").inner_text() == heading
    assert page.locator("article a").first.get_attribute("href") == home
    page.locator("article label.kb-search-hint").click()
    assert page.locator("#__search").is_checked()
    page.close()


@pytest.mark.browser
def test_document_numbers_do_not_break(browser, base_url) -> None:
    """At 390 px, each document number in the index and in headings sits on one line."""
    page = browser.new_page(viewport=PHONE)
    problems = []
    for path in ["van-ban/", "en/van-ban/", "van-ban/1167-qd-tu/", "bao-cao/i-tinh-hinh/"]:
        page.goto(base_url + path)
        problems += page.eval_on_selector_all(
            ".md-content .doc-number, .md-content a.cite",
            "els => els.filter(e => new Set([...e.getClientRects()].map(r => Math.round(r.top)))"
            ".size > 1).map(e => e.textContent)",
        )
    page.close()
    assert problems == []
