"""Links to other sites: where each is written, and (`sitecheck --check-external`) whether it
answers, asked over the network at most once a week (cached in .cache/)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kb.checks.sitecheck import _is_outbound, _Site
from kb.model.problems import Problem

CACHE_FILE = Path(".cache") / "external-links.json"
CACHE_MAX_AGE = 7 * 24 * 3600


def external_links(site_dir: Path, docs_dir: Path) -> list[tuple[str, Problem]]:
    """Outbound navigation links (http, https, //) and where each is written.

    Links to the site's own site_url are not outbound: check_site checks them in site_dir.
    """
    return outbound_links(_Site(site_dir, docs_dir, None))


def outbound_links(site: _Site) -> list[tuple[str, Problem]]:
    found: set[tuple[str, Problem]] = set()
    for rel in site.html_pages:
        page = site.page(rel)
        for ref in page.refs:
            url = ref.url.strip()
            if ref.kind in ("link", "lang") and _is_outbound(url) and not site.local(url):
                found.add((url, site.ref_where(page, ref, f"outbound link '{url}'")))
    return sorted(found)


def _fetch_status(url: str) -> tuple[int | None, str]:
    """HTTP status of a URL (HEAD, then GET for servers that refuse HEAD), or the error."""
    target = url.partition("#")[0]
    if target.startswith("//"):
        target = "https:" + target
    error = ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(
            target, method=method, headers={"User-Agent": "kb-sitecheck/1 (link check)"}
        )
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                return int(response.status), ""
        except urllib.error.HTTPError as err:
            if method == "HEAD" and err.code in (403, 405, 501):
                continue
            return err.code, f"HTTP {err.code}"
        except (urllib.error.URLError, OSError, ValueError) as err:
            error = str(getattr(err, "reason", err))
            break
    return None, error or "no answer"


# Replaced in tests so that no test touches the network.
FETCH: Callable[[str], tuple[int | None, str]] = _fetch_status


def check_outbound(links: list[tuple[str, Problem]], project: Path) -> list[Problem]:
    """Problems of the outbound links that fail, each asked at most once a week."""
    cache_path = project / CACHE_FILE
    cache: dict[str, dict[str, object]] = {}
    if cache_path.exists():
        loaded = json.loads(cache_path.read_text(encoding="utf-8"))
        if isinstance(loaded, dict):
            cache = {k: v for k, v in loaded.items() if isinstance(v, dict)}
    now = time.time()

    def fresh(url: str) -> bool:
        checked = cache.get(url, {}).get("checked")
        return isinstance(checked, int | float) and now - checked < CACHE_MAX_AGE

    todo = sorted({url for url, _ in links if not fresh(url)})
    if todo:
        with ThreadPoolExecutor(max_workers=8) as pool:
            for url, (status, error) in zip(todo, pool.map(FETCH, todo), strict=True):
                cache[url] = {"status": status, "error": error, "checked": now}
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        cache_path.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")
    problems = []
    for url, where in links:
        failure = cache.get(url, {}).get("error")
        if failure:
            message = f"outbound link '{url}' fails: {failure}"
            problems.append(Problem(where.path, where.line, message))
    return problems
