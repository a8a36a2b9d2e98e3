"""Links of a site opened from disk (file://): each must name a file, as a browser needs.

A browser serves `folder/index.html` for `folder/` only over HTTP. From disk, a link to a folder
opens a directory listing or nothing, and a link starting with `/` points at the disk's root.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

# Attributes that load or open another file of the site.
_LINK_ATTRS = frozenset({"href", "src", "xlink:href", "action", "poster"})
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)
_ATTR = re.compile(r"""(?P<pre>\s(?:href|src|xlink:href)=)(?P<q>["'])(?P<url>[^"']*)(?P=q)""")
# A redirect stub's <meta http-equiv="refresh" content="0; url=...">.
_REFRESH = re.compile(r"""(?P<pre>content="\d+;\s*url=)(?P<q>)(?P<url>[^"]*)(?=")""")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        refresh = named.get("content") if tag == "meta" else None
        if refresh and (named.get("http-equiv") or "").lower() == "refresh":
            self.links.append((self.getpos()[0], refresh.partition("url=")[2]))
        for name, value in attrs:
            if name in _LINK_ATTRS and value is not None:
                self.links.append((self.getpos()[0], value))


def _local(url: str) -> bool:
    return bool(url) and not url.startswith(("#", "?")) and not _EXTERNAL.match(url)


def broken_links(site: Path) -> list[str]:
    """`page.html:line: url` for every link that names no file under `site`, from disk."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        rel = page.relative_to(site).as_posix()
        for line, url in parser.links:
            if not _local(url):
                continue
            path = unquote(urlsplit(url).path)
            if path.startswith("/"):
                broken.append(f"{rel}:{line}: {url} (from disk, '/' is the disk's root)")
                continue
            target = (page.parent / path) if path else page
            if not target.is_file():
                broken.append(f"{rel}:{line}: {url}")
    return broken


def _file_url(url: str, page: Path, site: Path) -> str:
    """The link as a browser can open it from disk: a folder link names its page's file.

    `/x` becomes relative to the page; `dir/` becomes `dir/index.html`, or `dir.html` where the
    build has no directory URLs (the offline build); a link that names a file is kept.
    """
    if not _local(url):
        return url
    parts = urlsplit(url)
    path = parts.path
    if path.startswith("/"):
        depth = len(page.relative_to(site).parts) - 1
        path = ("../" * depth) + path.lstrip("/") or "./"  # "/" at the top: the home page
    if not path:
        return url
    target = page.parent / unquote(path)
    if not target.is_file():
        stem = path.rstrip("/")
        for candidate in (f"{stem}/index.html" if stem else "index.html", f"{stem}.html"):
            if (page.parent / unquote(candidate)).is_file():
                path = candidate
                break
    return urlunsplit(parts._replace(path=path))


def make_links_local(site: Path) -> None:
    """Rewrite every HTML file's links to name files."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")

        def fix(match: re.Match[str], page: Path = page) -> str:
            new = _file_url(match.group("url"), page, site)
            return f"{match.group('pre')}{match.group('q')}{new}{match.group('q')}"

        new_text = _REFRESH.sub(fix, _ATTR.sub(fix, text))
        if new_text != text:
            page.write_text(new_text, encoding="utf-8")
