"""Check the built site (HTML, every language) for links, fragments, assets and origins.

Each page is parsed once, by lxml; the rules then run on what the parse found.
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, cast
from urllib.parse import unquote, urlsplit

from lxml import etree

from kb.model.i18n import DEFAULT_LOCALE, LOCALES, localized_name
from kb.model.problems import Problem

# Problems that no Markdown page owns (404 pages, sitemap, theme CSS) are reported against the
# configuration that makes MkDocs generate them.
CONFIG_FILE = "mkdocs.yml"
TEMPLATE = " (link added by template)"

# <link rel> values that make the browser fetch something; other rels are metadata/navigation.
_LOAD_RELS = frozenset(
    "stylesheet icon apple-touch-icon apple-touch-icon-precomposed mask-icon manifest preload"  # noqa: SIM905
    " modulepreload prefetch preconnect dns-prefetch prerender".split()
)
# Attributes that load a resource, per element (a, link, script and style are handled apart).
_LOADS: dict[str, tuple[str, ...]] = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "object": ("data",),
    **dict.fromkeys(("audio", "track", "iframe", "embed", "input"), ("src",)),
}
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED_SCHEMES = frozenset({"mailto", "tel", "javascript", "data"})
_FNREF_ID = re.compile(r"fnref\d*:(.*)", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_REF = re.compile(
    r"""@import\s+(?:"(?P<i1>[^"]*)"|'(?P<i2>[^']*)')"""
    r"""|(?P<imp>@import\s+)?url\(\s*(?:"(?P<u1>[^"]*)"|'(?P<u2>[^']*)'|(?P<u3>[^)"'\s]*))\s*\)""",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Ref:
    """A URL found in a page: what it is for decides which rules apply to it."""

    kind: str  # link | asset | lang | alternate | fnref | fnback
    what: str  # how the page uses it, for messages: "img src", "link rel=stylesheet", ...
    url: str
    origin: str | None  # nearest data-origin="path:line" (set by hooks on generated links)
    in_content: bool  # inside the Markdown-rendered article, so findable in the source
    text: str = ""
    extra: str = ""  # hreflang for lang/alternate links, "css" for stylesheets


@dataclass(slots=True)
class _Footnote:
    id: str
    origin: str | None
    in_content: bool
    backrefs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Page:
    rel: str
    ids: set[str] = field(default_factory=set)
    refs: list[_Ref] = field(default_factory=list)
    footnotes: dict[str, _Footnote] = field(default_factory=dict)
    canonical: str | None = None
    lang: str | None = None
    has_content: bool = False  # has the article of Markdown content


class _Target(NamedTuple):
    shown: str  # site-relative path as a reader sees it: "a/b/", "./", "assets/x.css"
    file: str | None  # the file in site_dir that serves it, None when missing
    fragment: str
    outside: bool = False


_HTML = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
# What an element passes to its children: (data-origin, in article content, footnote, in the
# language selector).
_Context = tuple[str | None, bool, str | None, bool]


def _parse(rel: str, raw: bytes) -> _Page:
    """One pass over a page: ids, URLs (in CSS too) with their context, footnotes."""
    page = _Page(rel)
    try:  # (None for a file of only blanks and comments, which the stubs do not say)
        root = cast("etree._Element | None", etree.fromstring(raw, _HTML))
    except etree.XMLSyntaxError:
        return page
    if root is not None:
        _element(page, root, (None, False, None, False))
    return page


def _element(page: _Page, element: etree._Element, context: _Context) -> None:
    """Record an element's ids and URLs, then its children's (libxml2 nests at most 256 deep)."""
    tag = element.tag
    a = element.attrib
    if not a and tag != "style":
        for child in element:
            _element(page, child, context)
        return
    origin, content, footnote, select = context
    ident = a.get("id")
    if ident:
        page.ids.add(ident)
    origin = a.get("data-origin") or origin
    classes = (a.get("class") or "").split()
    if "md-content__inner" in classes:
        content = page.has_content = True
    select = select or "md-select" in classes
    style = a.get("style")
    if style and ("url(" in style.lower() or "@import" in style.lower()):
        _styles(page, style, "style attribute", origin, content)
    href, hreflang = a.get("href"), a.get("hreflang") or ""
    if tag in ("a", "area"):
        if tag == "a" and a.get("name"):
            page.ids.add(a["name"])
        if href is not None:
            if "footnote-ref" in classes:
                kind, what = "fnref", "footnote reference"
            elif "footnote-backref" in classes:
                kind, what = "fnback", "footnote back-reference"
                if footnote is not None:
                    page.footnotes[footnote].backrefs.append(href)
            elif select and hreflang:
                kind, what = "lang", "language switch"
            else:
                kind, what = "link", f"{tag} href"
            text = " ".join("".join(element.itertext()).split()) if tag == "a" and content else ""
            page.refs.append(_Ref(kind, what, href, origin, content, text, hreflang))
    elif tag == "link" and href is not None:
        rels = (a.get("rel") or "").lower().split()
        what = f"link rel={' '.join(rels)}"
        if "canonical" in rels:
            page.canonical = href
        elif "alternate" in rels and hreflang:
            page.refs.append(_Ref("alternate", what, href, origin, content, extra=hreflang))
        elif _LOAD_RELS.intersection(rels):
            css = "css" if "stylesheet" in rels else ""
            page.refs.append(_Ref("asset", what, href, origin, content, extra=css))
        else:
            page.refs.append(_Ref("link", what, href, origin, content))
    elif tag == "script":
        src = a.get("src")
        if src is not None:
            page.refs.append(_Ref("asset", "script src", src, origin, content))
        elif ident == "__config":  # Material's: the search worker and index are loaded too
            for url, what in _config_urls(element.text or ""):
                page.refs.append(_Ref("asset", what, url, None, False))
    elif tag == "style":
        _styles(page, element.text or "", "<style> element", origin, content)
    elif tag == "li" and ident and ident.startswith("fn:"):
        footnote = ident
        page.footnotes[ident] = _Footnote(ident, origin, content)
    elif tag == "html":
        page.lang = a.get("lang")
    elif tag in _LOADS:
        for attr in _LOADS[tag]:
            value = a.get(attr)
            if value:
                urls = _srcset_urls(value) if attr == "srcset" else [value]
                alt = a.get("alt") or ""  # an image's alt text is what its Markdown shows
                for url in urls:
                    page.refs.append(_Ref("asset", f"{tag} {attr}", url, origin, content, alt))
    context = origin, content, footnote, select
    for child in element:
        _element(page, child, context)


def _styles(page: _Page, css: str, what: str, origin: str | None, content: bool) -> None:
    for url, is_import in _css_urls(css):
        if not url.startswith("#"):
            how = f"@import in {what}" if is_import else f"url() in {what}"
            page.refs.append(_Ref("asset", how, url, origin, content, extra="css" * is_import))


# A srcset candidate (HTML's rules): a URL (it may hold commas, as data: URIs do; trailing ones
# end it), then descriptors up to a comma outside parentheses.
_SRCSET = re.compile(r"[\s,]*([^\s,]\S*)(?<!,)(?:[^,(]|\([^)]*\)?)*")


def _srcset_urls(value: str) -> list[str]:
    return [m.group(1) for m in _SRCSET.finditer(value)]


def _css_urls(css: str) -> list[tuple[str, bool]]:
    """(url, is @import) for every url() and @import in a style sheet."""
    found: list[tuple[str, bool]] = []
    for m in _CSS_REF.finditer(_CSS_COMMENT.sub("", css)):
        group = cast("str", m.lastgroup)  # the quoted or bare URL: i1, i2, u1, u2 or u3
        found.append((m[group].strip(), group.startswith("i") or m["imp"] is not None))
    return found


def _scheme(url: str) -> str:
    """Lower-case scheme, "//" for a protocol-relative URL, "" for a URL of this site."""
    m = _SCHEME.match(url)
    return "//" if url.startswith("//") else m.group(1).lower() if m else ""


def _is_outbound(url: str) -> bool:
    return _scheme(url) in ("http", "https", "//")


def _search_keys(url: str, text: str) -> list[str]:
    """Strings whose first occurrence in the Markdown source marks where a link was written."""
    path, _, frag = url.partition("#")
    path = unquote(path.partition("?")[0])
    frag = unquote(frag)
    keys = [url]
    segs = [s for s in path.split("/") if s not in ("", ".", "..")]
    names: list[str] = []
    if segs:
        last = segs[-1]
        if path.endswith("/"):
            names = [f"{last}.md", f"{last}/index.md", f"{last}/"]
        elif last == "index.html" and len(segs) > 1:
            names = [f"{segs[-2]}/index.md", f"{segs[-2]}.md"]
        elif last.endswith(".html"):
            names = [last[:-5] + ".md", last]
        else:
            names = [last]
    if frag:
        keys += [f"{name}#{frag}" for name in names]
        if not path:
            keys += [f"(#{frag})", f'"#{frag}"', f"'#{frag}'", f"(#{frag} ", f"]: #{frag}"]
    keys += names
    if text:
        keys.append(f"[{text}]")
        if len(text) >= 4:  # a short text ("#", "1") would match almost any line
            keys.append(text)
    if frag:
        keys.append(f"#{frag}")
    return keys


def _config_urls(config: str) -> list[tuple[str, str]]:
    """(url, what) of the search worker and index that Material's __config makes a page load."""
    try:
        data = json.loads(config)
        search, base = data.get("search"), data.get("base")
    except (ValueError, AttributeError):  # not JSON, or not an object
        return []
    if not isinstance(search, str) or not search:
        return []
    urls = [(search, "search worker in __config")]
    if isinstance(base, str):
        index = (base.rstrip("/") + "/" if base else "") + "search/search_index.json"
        urls.append((index, f"search index under __config base '{base}'"))
    return urls


def _is_page(rel: str) -> bool:
    return rel.endswith((".html", ".htm"))


def _walk(root: Path) -> set[str]:
    """Every file below root, "/"-separated (a link to a folder is neither entered nor listed)."""
    found: set[str] = set()
    for folder, _, names in os.walk(root):
        prefix = os.path.relpath(folder, root).replace(os.sep, "/") + "/"
        found.update((prefix if prefix != "./" else "") + name for name in names)
    return found


def _shown(rel: str) -> str:
    """How a page is named in messages: its directory URL when it is an index page."""
    if rel == "index.html":
        return "./"
    return rel.removesuffix("index.html") if rel.endswith("/index.html") else rel


class _Site:
    """The built site's files, its pages parsed (at most once each), their sources, and the
    rules run on them (run)."""

    def __init__(self, site_dir: Path, docs_dir: Path, site_url: str | None) -> None:
        self.site_dir = site_dir
        self.root = os.fspath(site_dir) + "/"
        self.docs_dir = docs_dir
        self.docs_prefix = docs_dir.resolve().name + "/"
        self.files = _walk(site_dir)
        self.docs_files = _walk(docs_dir)
        self.html_pages = sorted(filter(_is_page, self.files))
        self._pages: dict[str, _Page] = {}
        self._ids: dict[str, set[str]] = {}
        home = self.page("index.html") if "index.html" in self.files else None
        self.site_url = site_url or (home.canonical if home else None)
        if self.site_url and not self.site_url.endswith("/"):
            self.site_url += "/"
        base = urlsplit(self.site_url).path if self.site_url else "/"
        self.base_path = base if base.endswith("/") else base + "/"
        self._origin = self.site_url[: len(self.site_url) - len(base)] if self.site_url else None
        self._known: dict[tuple[str, str], _Target] = {}
        self._texts: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.add = self.problems.append
        self._css_done: set[str] = set()
        self._sitemaps: dict[str, tuple[str, str]] = {}  # sitemap -> first (alternate, page)

    def page(self, rel: str) -> _Page:
        """A page's parse, made once and kept until the page is checked (see take)."""
        page = self._pages.get(rel)
        if page is None:
            with open(self.root + rel, "rb") as file:  # noqa: PTH123 - faster than a Path
                page = self._pages[rel] = _parse(rel, file.read())
        return page

    def take(self, rel: str) -> _Page:
        """A page to check: after this only its ids are kept (keeping every parse in memory
        made the check grow faster than the site)."""
        page = self.page(rel)
        del self._pages[rel]
        self._ids[rel] = page.ids
        return page

    def ids(self, rel: str) -> set[str]:
        ids = self._ids.get(rel)
        return self.page(rel).ids if ids is None else ids

    def source(self, rel: str) -> str | None:
        """The docs-relative Markdown (or static) file a built page comes from."""
        locale, _, rest = rel.partition("/")
        if not rest or locale not in LOCALES or locale == DEFAULT_LOCALE:
            locale, rest = DEFAULT_LOCALE, rel
        if rest in self.docs_files:
            return rest
        stem = rest.removesuffix("index.html").rstrip("/")
        if not rest.endswith(".html"):
            bases = []
        elif not rest.endswith("index.html"):
            bases = [rest.removesuffix(".html") + ".md"]
        else:
            bases = [f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md"] if stem else []
            bases = bases or ["index.md", "README.md"]
        for base in bases:
            for name in (localized_name(base, locale), base):
                if name in self.docs_files:
                    return name
        return None

    def line_of(self, path: str, keys: Iterable[str]) -> int | None:
        """First line of a source file holding one of the keys, tried in order."""
        if path not in self._texts:
            self._texts[path] = (self.docs_dir / path).read_text(encoding="utf-8")
        text = self._texts[path]
        for key in keys:
            at = text.find(key) if key else -1
            if at >= 0:
                return text.count("\n", 0, at) + 1
        return None

    def where(self, page: _Page, at: _Ref | _Footnote, keys: list[str], message: str) -> Problem:
        """Where a maintainer fixes what `at` (in page) is wrong about: its data-origin, else
        the first line of the page's source holding one of the keys."""
        if at.origin:
            path, _, number = at.origin.rpartition(":")
            if path and number.isdigit():
                return Problem(path, int(number), message)
        src = self.source(page.rel)
        template = TEMPLATE if _is_page(page.rel) else ""  # not for a style sheet
        if src is None:
            return Problem(CONFIG_FILE, 1, f"{page.rel}: {message}{template}")
        if at.in_content or not page.has_content:
            line = self.line_of(src, keys)
            if line is not None:
                return Problem(self.docs_prefix + src, line, message)
        return Problem(self.docs_prefix + src, 1, message + template)

    def ref_where(self, page: _Page, ref: _Ref, message: str) -> Problem:
        return self.where(page, ref, _search_keys(ref.url, ref.text), message)

    # -- where a URL of the site leads: the file that serves it, and its fragment --

    def resolve(self, base_dir: str, url: str, here: str) -> _Target:
        """The target of a URL written in a file of base_dir (`here`, for a bare fragment)."""
        if url.startswith("/"):
            base_dir = ""  # pages of every folder share the answer
        key = (base_dir, url)
        known = self._known.get(key)
        if known is None:
            known = self._resolve(base_dir, url, here)
            if known.file != here or not here:
                self._known[key] = known
        return known

    def _resolve(self, base_dir: str, url: str, here: str) -> _Target:
        path, _, frag = url.strip().partition("#")
        path = unquote(path.partition("?")[0])
        frag = unquote(frag)
        if not path:
            return _Target(_shown(here), here, frag)
        if path.startswith("/"):
            if path + "/" == self.base_path:
                path = self.base_path
            if not path.startswith(self.base_path):
                return _Target(path, None, frag, outside=True)
            rest, base = path[len(self.base_path) :], ""
        else:
            rest, base = path, base_dir
        is_dir = rest in ("", ".", "..") or rest.endswith(("/", "/.", "/.."))
        joined = posixpath.normpath(base + rest) if base + rest else "."
        if joined == ".." or joined.startswith("../"):
            return _Target(joined, None, frag, outside=True)
        if joined == ".":
            joined = ""
        if is_dir and joined:
            joined += "/"
        # A server redirects a directory URL without its slash to the directory's index.
        index = (joined if is_dir or not joined else joined + "/") + "index.html"
        file = joined if joined in self.files else index if index in self.files else None
        return _Target(joined or "./", file, frag)

    def local(self, url: str) -> str | None:
        """An absolute URL under site_url as a path from the server root (None for others)."""
        if self.site_url and (url == self.site_url[:-1] or url.startswith(self.site_url)):
            return url[len(self._origin or "") :] or "/"
        return None

    # -- the rules, run on every page's parse and on the site-wide files --

    def run(self, alternate_sitemaps: bool) -> list[Problem]:
        self.check_not_found_pages()
        self.check_sitemaps()
        for rel in self.html_pages:
            self.check_page(self.take(rel))
        if alternate_sitemaps:
            self.report_alternate_sitemaps()
        return self.problems

    def check_page(self, page: _Page) -> None:
        # Material writes 404.html with absolute links from site_url, valid wherever it is
        # served; its relative links (if any) cannot be judged against one directory.
        is_404 = posixpath.basename(page.rel) == "404.html"
        base_dir = page.rel[: page.rel.rfind("/") + 1]
        for ref in page.refs:
            self.check_ref(page, base_dir, ref, is_404)
        self.check_footnotes(page)

    def check_ref(self, page: _Page, base_dir: str, ref: _Ref, is_404: bool) -> None:
        url = ref.url.strip()
        scheme = _scheme(url)
        if scheme in _IGNORED_SCHEMES:
            return
        if scheme:
            # Navigation to other sites is allowed (see external_links), and a link to this
            # site's own site_url is checked in site_dir; loading from any origin is not.
            if ref.kind == "asset":
                message = f"loads '{url}' from another origin ({ref.what})"
                self.add(self.ref_where(page, ref, message))
            elif (local := self.local(url)) is not None:
                self.check_internal(page, base_dir, ref, url, local)
        elif ref.kind in ("fnref", "fnback") and url.startswith("#"):
            pass  # check_footnotes reports these with footnote wording
        elif not is_404 or url.startswith("/"):
            self.check_internal(page, base_dir, ref, url, url)

    def check_internal(self, page: _Page, base_dir: str, ref: _Ref, url: str, path: str) -> None:
        """Check a URL of the site: `url` as written, `path` relative or from the root."""
        target = self.resolve(base_dir, path, page.rel)
        if target.file is None:
            why = "is outside the site" if target.outside else "does not exist"
            self.add(self.ref_where(page, ref, f"{_head(ref, url)} -> {target.shown} {why}"))
            return
        if ref.kind == "asset":
            if ref.extra == "css" and target.file.endswith(".css"):
                self.check_css_file(target.file)
            return
        frag, file = target.fragment, target.file
        # "#top" needs no id: browsers scroll to the top of the page.
        if frag and frag.lower() != "top" and _is_page(file) and frag not in self.ids(file):
            message = f"{_head(ref, url)} -> {target.shown} has no id '{frag}'"
            self.add(self.ref_where(page, ref, message))
        if ref.kind == "alternate":
            # Material's language integration fetches sitemap.xml relative to every
            # <link rel=alternate> to map pages between languages (mkdocs-material #6582).
            shown = target.shown
            folder = shown if shown.endswith("/") else posixpath.dirname(shown) + "/"
            sitemap = "sitemap.xml" if folder in ("./", "/") else folder + "sitemap.xml"
            self._sitemaps.setdefault(sitemap, (url, page.rel))

    def report_alternate_sitemaps(self) -> None:
        # One problem for the whole site: the cause is one template, not each page.
        missing = sorted(s for s in self._sitemaps if s not in self.files)
        if missing:
            first = missing[0]
            url, rel = self._sitemaps[first]
            message = (
                f"Material fetches 'sitemap.xml' beside each <link rel=alternate>: "
                f"{len(missing)} of {len(self._sitemaps)} are missing, first {first} "
                f"(for '{url}' in {rel})"
            )
            self.add(Problem(CONFIG_FILE, 1, message))

    def check_footnotes(self, page: _Page) -> None:
        ids = page.ids
        for ref in page.refs:
            fid = unquote(ref.url[1:])
            if ref.kind == "fnref" and ref.url.startswith("#") and fid not in ids:
                keys = [f"[^{fid.partition(':')[2] or fid}]", f"[^{ref.text}]"]
                message = f"footnote reference '{ref.url}' -> no footnote with id '{fid}'"
                self.add(self.where(page, ref, keys, message))
        referenced = {m.group(1) for i in ids if (m := _FNREF_ID.fullmatch(i))}
        for note in page.footnotes.values():
            label = note.id[len("fn:") :]
            broken = [b for b in note.backrefs if b.startswith("#") and unquote(b[1:]) not in ids]
            if label not in referenced:
                message = f"footnote '{note.id}' is never referenced (no id 'fnref:{label}')"
            elif not note.backrefs:
                message = f"footnote '{note.id}' has no back-reference"
            elif broken:
                back = broken[0]
                message = (
                    f"footnote '{note.id}' back-reference '{back}' -> no id '{unquote(back[1:])}'"
                )
            else:
                continue
            self.add(self.where(page, note, [f"[^{label}]:"], message))

    def check_css_file(self, rel: str) -> None:
        """A style sheet's url() and @import, checked as a page's assets are."""
        if rel not in self._css_done:
            self._css_done.add(rel)
            sheet = _Page(rel)
            _styles(sheet, (self.site_dir / rel).read_text("utf-8", "replace"), rel, None, False)
            self.check_page(sheet)

    def check_not_found_pages(self) -> None:
        for locale in LOCALES:
            rel = "404.html" if locale == DEFAULT_LOCALE else f"{locale}/404.html"
            if rel not in self.files:
                self.add(Problem(CONFIG_FILE, 1, f"missing {rel} (not-found page of '{locale}')"))
            elif (lang := self.page(rel).lang) and lang.lower().split("-")[0] != locale.lower():
                message = f"{rel} is in language '{lang}', expected '{locale}'"
                self.add(Problem(CONFIG_FILE, 1, message))

    def check_sitemaps(self) -> None:
        others = [f"{lang}/" for lang in LOCALES if lang != DEFAULT_LOCALE]
        for name in [f"{folder}sitemap.xml" for folder in ["", *others]]:
            if name not in self.files:
                continue
            site_url = self.site_url
            if site_url is None:
                message = f"cannot check {name}: no site_url (index.html has no canonical link)"
                self.add(Problem(CONFIG_FILE, 1, message))
                continue
            try:
                root = ET.fromstring((self.site_dir / name).read_bytes())
            except ET.ParseError as err:
                self.add(Problem(CONFIG_FILE, 1, f"{name} is not valid XML: {err}"))
                continue
            # (each URL once: a page's alternates are other pages' <loc>, each met thrice)
            for url in dict.fromkeys(_sitemap_urls(root)):
                self.check_sitemap_url(name, site_url, url)

    def check_sitemap_url(self, name: str, site_url: str, url: str) -> None:
        if not url.startswith(site_url):
            self.add(Problem(CONFIG_FILE, 1, f"{name} lists '{url}' outside site_url '{site_url}'"))
            return
        path = url[len(site_url) :]
        target = self.resolve("", path, "index.html")
        if target.file is not None and not target.outside:
            return
        message = f"{name} lists '{url}' -> {target.shown} does not exist"
        shown = target.shown.removeprefix("./")
        src = self.source(shown + "index.html" if not shown or shown.endswith("/") else shown)
        self.add(Problem(self.docs_prefix + src if src else CONFIG_FILE, 1, message))


_HEADS = {
    "asset": "missing asset '{url}' ({what})",
    "lang": "broken language switch '{url}' (hreflang '{extra}')",
    "alternate": "broken alternate link '{url}' (hreflang '{extra}')",
}


def _head(ref: _Ref, url: str) -> str:
    return _HEADS.get(ref.kind, "broken link '{url}'").format(
        url=url, what=ref.what, extra=ref.extra
    )


def _sitemap_urls(root: ET.Element) -> Iterator[str]:
    for element in root.iter():
        name = element.tag.rpartition("}")[2]
        value = element.text if name == "loc" else element.get("href") if name == "link" else ""
        if value and value.strip():
            yield value.strip()


def check_site(
    site_dir: Path,
    docs_dir: Path,
    *,
    external: bool = False,
    site_url: str | None = None,
    alternate_sitemaps: bool = True,
) -> list[Problem]:
    """Every problem of the built site, located in the file a maintainer edits.

    `site_url` defaults to the canonical URL of the home page. `alternate_sitemaps` checks
    the sitemap.xml Material fetches beside each `<link rel=alternate>`; switch it off for a
    site that intercepts those requests. `external` also checks outbound links over the
    network, caching results in `.cache/external-links.json` next to `docs_dir`.
    """
    site = _Site(site_dir, docs_dir, site_url)
    if not external:
        return sorted(set(site.run(alternate_sitemaps)))
    from kb.checks.outbound import check_outbound, outbound_links  # the network: only when asked

    links = outbound_links(site)  # (before the check, which lets each page's parse go)
    problems = site.run(alternate_sitemaps)
    return sorted(set(problems + check_outbound(links, docs_dir.resolve().parent)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    add = parser.add_argument
    add("--site", type=Path, default=Path("site"))
    add("--docs", type=Path, default=Path("docs"))
    add("--site-url", default=None)
    add("--external", action="store_true", help="list outbound links and where they are")
    add("--check-external", action="store_true", help="also check outbound links (network)")
    add("--no-alternate-sitemaps", action="store_true", help="skip Material's sitemap fetches")
    args = parser.parse_args(argv)
    if args.external:
        from kb.checks.outbound import external_links

        for url, where in external_links(args.site, args.docs):
            print(f"{url}\t{where.path}:{where.line}")
        return 0
    started = time.perf_counter()
    problems = check_site(
        args.site,
        args.docs,
        external=args.check_external,
        site_url=args.site_url,
        alternate_sitemaps=not args.no_alternate_sitemaps,
    )
    print(*problems, sep="\n") if problems else None
    print(f"{len(problems)} problem(s) in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
