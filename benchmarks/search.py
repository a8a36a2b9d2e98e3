"""Type search queries into Material's search box, in Chromium, and print what each one finds.

    python benchmarks/search.py                       # the built site/
    python benchmarks/search.py --before OLD_SITE     # a table with before and after columns

For each query, on a Vietnamese page and on an English page: the number of matching pages
Material reports and the first result (page and paragraph). Then the size of each language's
search index, raw and gzipped. tests/test_search.py drives the search box with the same helpers.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from kb.model.i18n import LOCALES, page_url
from kb.render.search import INDEX, gzipped_size
from kb.tools.localserver import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
PAGES = {locale: page_url("index.md", locale) for locale in LOCALES}  # where queries are typed
QUERIES = [
    "ne tranh", "né tránh", "dun day", "đùn đẩy", "so trach nhiem", "sợ trách nhiệm",
    "114", "114-QĐ/TW", "114-QD/TW", "114/QĐ-TW", "evasion", "buck-passing",
]  # fmt: skip

# Count the queries Material's page sends its search worker and the results it gets back, so a
# test can wait for the answer to the last key typed (SearchMessageType QUERY = 2, RESULT = 3).
COUNT_MESSAGES = """(() => {
  const Native = window.Worker
  let sent = 0, answered = 0
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener("message", ev => { if (ev.data && ev.data.type === 3) answered++ })
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) sent++
      return super.postMessage(message, ...rest)
    }
  }
  window.searchSettled = () => sent > 0 && sent === answered
})()"""
SEARCH_BOX = "input[data-md-component=search-query]"


@dataclass(frozen=True)
class Found:
    """What one query shows: the count Material reports and the results rendered (10 at most)."""

    count: int
    results: list[list[str]]  # per page found: its links (page first, then sections/paragraphs)
    marks: list[str]  # highlighted words in the results, as shown

    @property
    def pages(self) -> list[str]:
        return [links[0] for links in self.results]


def open_page(page: Any, url: str) -> None:
    """Load a page, counting search messages (call once per Playwright page)."""
    page.add_init_script(COUNT_MESSAGES)
    page.goto(url)


def _site_path(href: str, base_url: str) -> str:
    """`http://host/en/x/?h=a#p-1` -> `en/x/#p-1` (fragment decoded)."""
    parts = urlsplit(href)
    path = parts.path.removeprefix(urlsplit(base_url).path)
    return path + (f"#{unquote(parts.fragment)}" if parts.fragment else "")


def type_query(page: Any, query: str, base_url: str) -> Found:
    """Type a query key by key into the search box and wait for the answer to the last key."""
    box = page.locator(SEARCH_BOX)
    box.click()
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function("window.searchSettled()")
    meta = page.locator(".md-search-result__meta").inner_text()
    count = re.search(r"\d+", meta)
    results = [
        [_site_path(str(a.get_attribute("href")), base_url) for a in item.locator("a").all()]
        for item in page.locator(".md-search-result__item").all()
    ]
    marks = page.locator(".md-search-result__list mark").all_text_contents()
    return Found(int(count.group()) if count else 0, results, marks)


def run_queries(site_dir: Path, queries: list[str]) -> dict[tuple[str, str], Found]:
    from playwright.sync_api import sync_playwright

    found: dict[tuple[str, str], Found] = {}
    with serve(site_dir) as base_url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for lang, path in PAGES.items():
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            open_page(page, base_url + path)
            for query in queries:
                found[lang, query] = type_query(page, query, base_url)
            page.close()
        browser.close()
    return found


def index_sizes(site_dir: Path) -> dict[str, tuple[int, int]]:
    """Bytes each language's pages download for search: {page language: (raw, gzipped)}."""
    sizes = {}
    for lang, path in PAGES.items():
        own = site_dir / path / INDEX
        data = (own if own.exists() else site_dir / INDEX).read_bytes()  # before: one for all
        sizes[lang] = (len(data), gzipped_size(data))
    return sizes


def _cell(found: Found | None) -> str:
    if found is None:
        return "–"
    if not found.results:
        return "0"
    first = found.results[0]
    return f"{found.count} · `{first[0] or '/'}`" + (f" → `{first[1]}`" if len(first) > 1 else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the site to measure")
    parser.add_argument("--before", type=Path, help="an older build to compare with")
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args(argv)
    after = run_queries(args.site, args.queries)
    before = run_queries(args.before, args.queries) if args.before else {}
    print("| page | query | before: pages · first result | after: pages · first result |")
    print("|---|---|---|---|")
    for (lang, query), found in after.items():
        print(f"| {lang} | `{query}` | {_cell(before.get((lang, query)))} | {_cell(found)} |")
    print()
    print("| page | index before (raw / gzip) | index after (raw / gzip) |")
    print("|---|---|---|")
    sizes_after = index_sizes(args.site)
    sizes_before = index_sizes(args.before) if args.before else {}
    for lang, (raw, packed) in sizes_after.items():
        old = sizes_before.get(lang)
        old_cell = f"{old[0] / 1000:.1f} KB / {old[1] / 1000:.1f} KB" if old else "–"
        print(f"| {lang} | {old_cell} | {raw / 1000:.1f} KB / {packed / 1000:.1f} KB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
