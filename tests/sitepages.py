"""The built site's pages (both languages), redirect stubs left out."""

from __future__ import annotations

from pathlib import Path

SITE = Path(__file__).resolve().parent.parent / "site"


def page_paths(site: Path = SITE) -> list[str]:
    """URL paths of every page, e.g. "" (home), "bao-cao/", "en/van-ban/114-qd-tw/"."""
    paths = []
    for index in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' in index.read_text(encoding="utf-8")[:400]:
            continue  # a redirect left at a moved page's old address
        folder = index.parent.relative_to(site).as_posix()
        paths.append("" if folder == "." else folder + "/")
    return paths
