"""Page-weight budgets of the built site, measured gzipped as a phone on a slow link gets them."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from kb.model.problems import Problem
from kb.render.htmltext import tags

HOME_BUDGET = 100 * 1024  # first visit of the home page, everything it loads
SEARCH_BUDGET = 40 * 1024  # one language's search index, with the lunr scripts it needs
PAGE_BUDGET = 30 * 1024  # any page's HTML
# The <link> kinds a browser loads (canonical, alternate, prev/next are not).
_LOADED_LINKS = frozenset({"stylesheet", "icon", "shortcut icon"})
_WORKER = re.compile(r'"search":\s*"([^"]+)"')


def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def first_visit(site_dir: Path, page: str = "index.html") -> dict[str, int]:
    """Every file the page loads on a first visit, with its gzipped size."""
    html_path = site_dir / page
    text = html_path.read_text(encoding="utf-8")
    base = "http://site/" + page
    files: dict[str, int] = {page: gzipped_size(html_path)}
    for tag in tags(text):
        if tag.closing:
            continue
        if tag.name in ("script", "img"):
            href = tag.attrs.get("src")
        elif tag.name == "link" and tag.attrs.get("rel") in _LOADED_LINKS:
            href = tag.attrs.get("href")
        else:
            continue
        if href:
            _add(site_dir, urljoin(base, href), files)
    worker = _WORKER.search(text)
    if worker:
        # The worker starts with the page; the index (and the lunr languages it names) is
        # fetched only when the reader opens search (overrides/main.html).
        _add(site_dir, urljoin(base, worker.group(1)), files)
    return files


def _lunr_scripts(site_dir: Path, prefix: str) -> list[str]:
    index = site_dir / prefix / "search" / "search_index.json"
    if not index.exists():
        return []
    langs = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", ["en"])
    scripts = ["lunr.stemmer.support", *(["lunr.multi"] if len(langs) > 1 else [])]
    scripts += [f"lunr.{lang}" for lang in langs if lang != "en"]
    return [f"assets/javascripts/lunr/min/{name}.min.js" for name in scripts]


def _add(site_dir: Path, url: str, files: dict[str, int]) -> None:
    parsed = urlparse(url)
    if parsed.netloc != "site":
        return
    path = parsed.path.lstrip("/") or "index.html"
    target = site_dir / path
    if target.is_dir():
        target = target / "index.html"
    if target.is_file():
        files[target.relative_to(site_dir).as_posix()] = gzipped_size(target)


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def check_weight(site_dir: Path, *, verbose: bool = True) -> list[Problem]:
    problems = []
    for home in ("index.html", "en/index.html"):
        files = first_visit(site_dir, home)
        total = sum(files.values())
        if verbose:
            print(f"  first visit of {home}: {_kb(total)} gzipped in {len(files)} files")
        if total > HOME_BUDGET:
            biggest = sorted(files.items(), key=lambda kv: -kv[1])[:3]
            listing = ", ".join(f"{name} {_kb(size)}" for name, size in biggest)
            over = f"over the {HOME_BUDGET // 1024} KB budget (largest: {listing})"
            problems.append(
                Problem(f"site/{home}", 1, f"first visit loads {_kb(total)} gzipped, {over}")
            )
    for prefix in ("", "en/"):
        index = f"{prefix}search/search_index.json"
        if not (site_dir / index).exists():
            problems.append(Problem(f"site/{index}", 1, "missing"))
            continue
        size = gzipped_size(site_dir / index)
        lunr = sum(gzipped_size(site_dir / p) for p in _lunr_scripts(site_dir, prefix))
        if verbose:
            print(
                f"  search index {prefix or 'vi/'}: {_kb(size)} gzipped "
                f"(+ {_kb(lunr)} lunr scripts), loaded when search opens"
            )
        if size > SEARCH_BUDGET:
            over = f"over the {SEARCH_BUDGET // 1024} KB budget"
            problems.append(
                Problem(f"site/{index}", 1, f"search index is {_kb(size)} gzipped, {over}")
            )
    heaviest = (0, "")
    for page in sorted(site_dir.rglob("*.html")):
        size = gzipped_size(page)
        name = page.relative_to(site_dir).as_posix()
        heaviest = max(heaviest, (size, name))
        if size > PAGE_BUDGET:
            over = f"over the {PAGE_BUDGET // 1024} KB budget"
            problems.append(Problem(f"site/{name}", 1, f"page HTML is {_kb(size)} gzipped, {over}"))
    if verbose:
        print(f"  heaviest page HTML: {heaviest[1]} {_kb(heaviest[0])} gzipped")
    return problems
