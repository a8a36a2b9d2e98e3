"""axe-core finds no serious or critical violation on any page, in both colour schemes."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from sitepages import page_paths

SEVERE = {"serious", "critical"}
# The rules whose outcome depends on the colour scheme: the dark scheme runs only these.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violations(browser, base_url, scheme: str) -> None:
    axe = Axe()
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    found: list[str] = []
    options: dict[str, object] = {"resultTypes": ["violations"]}
    if scheme == "dark":  # every rule in light; in dark, those that colours decide
        options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
    for path in page_paths():
        page.goto(base_url + path)
        # Content with `content-visibility: auto` (the analysis map's diagram) is laid out only
        # near the viewport, as the reader scrolls; axe measures contrast on laid-out boxes.
        page.add_style_tag(content="* { content-visibility: visible !important; }")
        results = axe.run(page, options=options)
        for violation in results.response["violations"]:
            if violation["impact"] in SEVERE:
                targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
                found.append(f"{path}: {violation['id']} ({violation['impact']}): {targets}")
    context.close()
    assert found == []


@pytest.mark.browser
def test_keyboard_reaches_search_and_language_switch(browser, base_url) -> None:
    """Tab reaches the search box and the English link of the language switch; Enter on that
    link opens the same page in English."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "bao-cao/i-tinh-hinh/")
    reached: list[str] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "(() => { const e = document.activeElement;"
                " return (e.getAttribute('hreflang') || e.getAttribute('aria-label')"
                " || e.className || e.tagName); })()"
            )
        )
    assert "md-search__input" in reached or any("search" in r.lower() for r in reached)
    assert "en" in reached, reached
    page.reload()
    for _ in range(reached.index("en") + 1):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('hreflang')") == "en"
    page.keyboard.press("Enter")
    # The switch keeps the reader's place, so the address may end with the item's #id.
    page.wait_for_url(re.compile(re.escape(f"{base_url}en/bao-cao/i-tinh-hinh/") + r"(#[\w:-]+)?$"))
    assert page.evaluate("document.documentElement.lang") == "en"
    page.close()
