"""Every built page loads in Chromium with no console error, failed or foreign request."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from sitepages import page_paths


@pytest.mark.browser
def test_every_page_loads_cleanly(browser, base_url) -> None:
    origin = urlparse(base_url).netloc
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems: list[str] = []
    current = {"path": ""}
    page.on(
        "console",
        lambda m: m.type == "error" and problems.append(f"{current['path']}: console: {m.text}"),
    )
    page.on("pageerror", lambda e: problems.append(f"{current['path']}: error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"{current['path']}: failed: {r.url}"))
    page.on(
        "request",
        lambda r: (
            urlparse(r.url).netloc not in {origin, ""}
            and not r.url.startswith("data:")
            and problems.append(f"{current['path']}: other origin: {r.url}")
        ),
    )
    page.on(
        "response",
        lambda r: r.status >= 400 and problems.append(f"{current['path']}: {r.status} {r.url}"),
    )
    paths = page_paths()
    assert len(paths) > 40
    for path in paths:
        current["path"] = path
        page.goto(base_url + path, wait_until="networkidle")
    context.close()
    assert problems == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["bao-cao/i-tinh-hinh/", "en/bao-cao/i-tinh-hinh/"])
def test_report_paragraph_renders_in_one_font(browser, base_url, path: str) -> None:
    """Vietnamese letters (ơ, ư, ạ, ẩ…) must not fall back to another font mid-word."""
    page = browser.new_page()
    page.goto(base_url + path)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#i-1-b"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    families = {f["familyName"] for f in fonts}
    page.close()
    assert len(families) == 1, families


@pytest.mark.browser
@pytest.mark.parametrize(
    ("start", "lang", "expected"),
    [
        ("bao-cao/ii-nguyen-nhan/#ii-2-1-b", "en", "/en/bao-cao/ii-nguyen-nhan/#ii-2-1-b"),
        ("en/bao-cao/ii-nguyen-nhan/#ii-2-1-b", "vi", "/bao-cao/ii-nguyen-nhan/#ii-2-1-b"),
        ("van-ban/114-qd-tw/", "en", "/en/van-ban/114-qd-tw/"),
    ],
)
def test_language_switch_keeps_page_and_paragraph(
    browser, base_url, start: str, lang: str, expected: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + start)
    page.locator(".md-header__option .md-select").hover()
    # Clicked where it is: a locator's click scrolls the page first, which moves the reader's
    # place, and the switch keeps the place (tests/test_reading.py).
    box = page.locator(f"a.md-select__link[hreflang='{lang}']").bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(f"**{expected}")
    assert (
        urlparse(page.url).path + ("#" + urlparse(page.url).fragment if "#" in page.url else "")
        == expected
    )
    assert page.locator("html").get_attribute("lang") == lang
    page.close()


@pytest.mark.browser
def test_documents_index_sorts_by_date_and_issuer(browser, base_url) -> None:
    page = browser.new_page()
    page.goto(base_url + "van-ban/")
    first_cells = page.locator(".sortable-wrap tbody tr td:first-child")
    page.get_by_role("button", name="Ngày ban hành").click()
    assert first_cells.first.inner_text() == "Quy định số 101-QĐ/TW"
    page.get_by_role("button", name="Ngày ban hành").click()
    assert first_cells.first.inner_text() == "Quy định số 1167-QĐ/TU"
    page.get_by_role("button", name="Cơ quan ban hành").click()
    assert page.locator(".sortable-wrap tbody tr td:nth-child(3)").first.inner_text() == (
        "Ban Bí thư"
    )
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("home", ["", "en/"])
def test_first_visit_stays_in_budget_and_defers_the_search_index(browser, base_url, home) -> None:
    """What the browser really fetches on a first visit, gzipped as a server would send it."""
    import gzip

    site = Path(__file__).resolve().parent.parent / "site"
    context = browser.new_context()  # empty cache: a first visit
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(urlparse(r.url).path))
    page.goto(base_url + home, wait_until="networkidle")
    on_load = list(fetched)
    total = 0
    for path in on_load:
        file = site / path.lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        total += len(gzip.compress(file.read_bytes(), compresslevel=9, mtime=0))
    assert not any(p.endswith("search_index.json") for p in on_load)
    assert total <= 100 * 1024, f"{total / 1024:.1f} KB: {on_load}"
    index_url = f"{base_url}{home}search/search_index.json"
    with page.expect_request_finished(lambda r: r.url == index_url):
        page.locator(".md-search__input").focus()
    context.close()
