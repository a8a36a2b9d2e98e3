"""Check the built site (HTML, every language) for links, fragments, assets and origins."""

from __future__ import annotations

import argparse
import bisect
import gc
import html
import json
import os
import posixpath
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from kb.problems import Problem

# Problems that no Markdown page owns (404 pages, sitemap, theme CSS) are reported against the
# configuration that makes MkDocs generate them.
CONFIG_FILE = "mkdocs.yml"
TEMPLATE = " (link added by template)"
CACHE_FILE = Path(".cache") / "external-links.json"
CACHE_MAX_AGE = 7 * 24 * 3600

_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
# <link rel> values that make the browser fetch something; other rels are metadata/navigation.
_LOAD_RELS = frozenset(
    {
        "stylesheet",
        "icon",
        "apple-touch-icon",
        "apple-touch-icon-precomposed",
        "mask-icon",
        "manifest",
        "preload",
        "modulepreload",
        "prefetch",
        "preconnect",
        "dns-prefetch",
        "prerender",
    }
)
# Attributes that load a resource, per element (a, link, script and style are handled apart).
_LOADS: dict[str, tuple[str, ...]] = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
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
class _Style:
    css: str
    what: str
    origin: str | None
    in_content: bool


@dataclass(slots=True)
class _Page:
    rel: str
    ids: set[str]
    refs: list[_Ref]
    footnotes: dict[str, _Footnote]
    styles: list[_Style]
    canonical: str | None
    config: str | None
    lang: str | None
    has_content: bool


@dataclass(frozen=True, slots=True)
class _Target:
    shown: str  # site-relative path as a reader sees it: "a/b/", "./", "assets/x.css"
    file: str | None  # the file in site_dir that serves it, None when missing
    fragment: str
    outside: bool = False


class _PageParser(HTMLParser):
    """One pass over a page: ids, URLs with their context, footnotes, styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[_Ref] = []
        self.footnotes: dict[str, _Footnote] = {}
        self.styles: list[_Style] = []
        self.canonical: str | None = None
        self.config: str | None = None
        self.lang: str | None = None
        self.has_content = False
        # Open elements with what they pass to their children:
        # (tag, data-origin, in article content, enclosing footnote id, in language selector).
        self._stack: list[tuple[str, str | None, bool, str | None, bool]] = []
        self._capture: list[str] | None = None
        self._capture_tag = ""
        self._capture_origin: str | None = None
        self._capture_content = False
        self._text: list[str] | None = None
        self._text_ref: _Ref | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._stack:
            _, origin, content, footnote, select = self._stack[-1]
        else:
            origin, content, footnote, select = None, False, None, False
        a = dict(attrs)
        ident = a.get("id")
        if ident:
            self.ids.add(ident)
        own_origin = a.get("data-origin")
        if own_origin:
            origin = own_origin
        cls = a.get("class")
        classes = cls.split() if cls else ()
        if "md-content__inner" in classes:
            content = self.has_content = True
        if "md-select" in classes:
            select = True
        style = a.get("style")
        if style and ("url(" in style.lower() or "@import" in style.lower()):
            self.styles.append(_Style(style, "style attribute", origin, content))

        if tag in ("a", "area"):
            if tag == "a" and a.get("name"):
                self.ids.add(a["name"] or "")
            href = a.get("href")
            if href is not None:
                ref = self._anchor(
                    href,
                    tag,
                    a,
                    classes=classes,
                    origin=origin,
                    content=content,
                    footnote=footnote,
                    select=select,
                )
                self.refs.append(ref)
                if tag == "a" and content:
                    self._text, self._text_ref = [], ref
        elif tag == "link":
            self._link(a, origin, content)
        elif tag == "script":
            src = a.get("src")
            if src is not None:
                self.refs.append(_Ref("asset", "script src", src, origin, content))
            elif ident == "__config":
                self._start_capture(tag, origin, content)
        elif tag == "style":
            self._start_capture(tag, origin, content)
        elif tag == "li" and ident and ident.startswith("fn:"):
            footnote = ident
            self.footnotes[ident] = _Footnote(ident, origin, content)
        elif tag == "html":
            self.lang = a.get("lang")
        elif tag in _LOADS:
            for attr in _LOADS[tag]:
                value = a.get(attr)
                if not value:
                    continue
                urls = _srcset_urls(value) if attr == "srcset" else [value]
                alt = a.get("alt") or ""  # an image's alt text is what its Markdown shows
                for url in urls:
                    self.refs.append(_Ref("asset", f"{tag} {attr}", url, origin, content, alt))
        if tag not in _VOID:
            self._stack.append((tag, origin, content, footnote, select))

    def _anchor(
        self,
        href: str,
        tag: str,
        a: dict[str, str | None],
        *,
        classes: Sequence[str],
        origin: str | None,
        content: bool,
        footnote: str | None,
        select: bool,
    ) -> _Ref:
        hreflang = a.get("hreflang") or ""
        if "footnote-ref" in classes:
            return _Ref("fnref", "footnote reference", href, origin, content)
        if "footnote-backref" in classes:
            if footnote is not None:
                self.footnotes[footnote].backrefs.append(href)
            return _Ref("fnback", "footnote back-reference", href, origin, content)
        if select and hreflang:
            return _Ref("lang", "language switch", href, origin, content, extra=hreflang)
        return _Ref("link", f"{tag} href", href, origin, content)

    def _link(self, a: dict[str, str | None], origin: str | None, content: bool) -> None:
        href = a.get("href")
        if href is None:
            return
        rels = (a.get("rel") or "").lower().split()
        what = f"link rel={' '.join(rels)}"
        if "canonical" in rels:
            self.canonical = href
        elif "alternate" in rels and a.get("hreflang"):
            lang = a.get("hreflang") or ""
            self.refs.append(_Ref("alternate", what, href, origin, content, extra=lang))
        elif _LOAD_RELS.intersection(rels):
            css = "css" if "stylesheet" in rels else ""
            self.refs.append(_Ref("asset", what, href, origin, content, extra=css))
        else:
            self.refs.append(_Ref("link", what, href, origin, content))

    def _start_capture(self, tag: str, origin: str | None, content: bool) -> None:
        self._capture, self._capture_tag = [], tag
        self._capture_origin, self._capture_content = origin, content

    def handle_endtag(self, tag: str) -> None:
        if self._capture is not None and tag == self._capture_tag:
            text = "".join(self._capture)
            if tag == "style":
                what = "<style> element"
                self.styles.append(_Style(text, what, self._capture_origin, self._capture_content))
            else:
                self.config = text
            self._capture = None
        if tag == "a" and self._text is not None and self._text_ref is not None:
            self._text_ref.text = " ".join("".join(self._text).split())
            self._text = self._text_ref = None
        stack = self._stack
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == tag:
                del stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._capture.append(data)
        if self._text is not None:
            self._text.append(data)


def _srcset_urls(value: str) -> list[str]:
    """URLs of a srcset, following the HTML parsing rules (data: URIs may contain commas)."""
    urls: list[str] = []
    i, n = 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        if i >= n:
            break
        j = i
        while j < n and not value[j].isspace():
            j += 1
        url = value[i:j]
        if url.endswith(","):
            urls.append(url.rstrip(","))
            i = j
            continue
        urls.append(url)
        depth = 0
        while j < n and not (value[j] == "," and depth == 0):
            if value[j] == "(":
                depth += 1
            elif value[j] == ")":
                depth = max(0, depth - 1)
            j += 1
        i = j + 1
    return urls


def _css_urls(css: str) -> list[tuple[str, bool]]:
    """(url, is @import) for every url() and @import in a style sheet."""
    found: list[tuple[str, bool]] = []
    for m in _CSS_REF.finditer(_CSS_COMMENT.sub("", css)):
        direct = m.group("i1") if m.group("i1") is not None else m.group("i2")
        if direct is not None:
            found.append((direct.strip(), True))
            continue
        url = next(g for g in (m.group("u1"), m.group("u2"), m.group("u3")) if g is not None)
        found.append((url.strip(), m.group("imp") is not None))
    return found


def _scheme(url: str) -> str:
    """Lower-case scheme, "//" for a protocol-relative URL, "" for a URL of this site."""
    if url.startswith("//"):
        return "//"
    if ":" not in url:
        return ""
    m = _SCHEME.match(url)
    return m.group(1).lower() if m else ""


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


# -- the fast path ------------------------------------------------------------------------------
# Material and Python-Markdown write regular HTML: every attribute value in double quotes, no
# "<" in text or values, comments and scripts with no markup in them. Such a page can be cut
# into its tags by one regular expression, which runs at C speed, and a few more then find every
# URL and a subset of the ids, many times faster than html.parser. The fast path can only clear
# a page: every URL it finds must resolve and every fragment must be among those ids; otherwise,
# or when a page is not regular, html.parser reads the page and alone reports its problems. So a
# defect can cost time, never be missed. Pages share most of their markup, so the fast path reads
# each stretch of markup once per process (see _Stretch) and resolves its URLs once per folder.

FAST_PATH = True  # tests switch it off to show that both paths report the same
# Comments and elements whose content is not markup, each to its first end (as "(.*?)" would
# find it, unrolled and possessive: a long script is read in one step, not byte by byte).
_CUT = re.compile(
    rb"<!--((?:[^-]++|-(?!->))*+)-->"
    rb"|<(script|style|title)\b([^>]*+)>((?:[^<]++|<(?!/\2\s*>))*+)</\2\s*>"
)
_CUT_MARK = re.compile(rb"<(?:!--|script|style|title)")
# html.parser reads names in any case ("HREF" is an href); the fast path reads them in lower
# case only. So a tag or attribute name with a capital makes a page irregular, but for the
# camelCase names of SVG (viewBox, ...), none of which is a name the fast path reads.
_SVG_TAGS = (  # noqa: SIM905
    "altGlyph altGlyphDef altGlyphItem animateColor animateMotion animateTransform clipPath"
    " feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting"
    " feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR"
    " feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset fePointLight"
    " feSpecularLighting feSpotLight feTile feTurbulence foreignObject glyphRef linearGradient"
    " radialGradient textPath"
).split()
_SVG_ATTRIBUTES = (  # noqa: SIM905
    "attributeName attributeType baseFrequency baseProfile calcMode clipPathUnits"
    " diffuseConstant edgeMode filterRes filterUnits glyphRef gradientTransform gradientUnits"
    " kernelMatrix kernelUnitLength keyPoints keySplines keyTimes lengthAdjust"
    " limitingConeAngle markerHeight markerUnits markerWidth maskContentUnits maskUnits"
    " numOctaves pathLength patternContentUnits patternTransform patternUnits pointsAtX"
    " pointsAtY pointsAtZ preserveAlpha preserveAspectRatio primitiveUnits refX refY"
    " repeatCount repeatDur requiredExtensions requiredFeatures specularConstant"
    " specularExponent spreadMethod startOffset stdDeviation stitchTiles surfaceScale"
    " systemLanguage tableValues targetX targetY textLength viewBox viewTarget"
    " xChannelSelector yChannelSelector zoomAndPan"
).split()
# Possessive: a tag that does not match fails at once. A name ends where an attribute's name
# may end, so that "viewBox" is not read as "view" (the SVG names are tried after).
_TAG = re.compile(
    rb"<(?:(?:[a-z][a-z0-9-]*+|"
    + "|".join(_SVG_TAGS).encode()
    + rb')(?:\s++(?:[^\sA-Z"\'<>/=]++(?=[\s/=>])|'
    + "|".join(_SVG_ATTRIBUTES).encode()
    + rb')(?:="[^"]*+")?+)*+\s*+/?+'
    rb"|/[a-zA-Z][a-zA-Z0-9-]*+\s*+|![dD][oO][cC][tT][yY][pP][eE] html)>"
)
_UNREAD_TAG = re.compile(
    rb"<(?:video|audio|object|embed|iframe|track|textarea|noscript|xmp|plaintext|noembed"
    rb"|noframes|style|title)[\s/>]"
)
_HREF = re.compile(rb'href="([^"]*)"')
_SRC = re.compile(rb'src="([^"]*)"')
_SRCSET = re.compile(rb'srcset="([^"]*)"')
_ID = re.compile(rb'id="(?<=\sid=")([^"]*)"')
_LINK_TAG = re.compile(rb'<link(?:\s+[^\s"\'<>/=]+(?:="[^"]*")?)*\s*/?>')
_PAIR = re.compile(rb'([^\s"\'<>/=]+)(?:="([^"]*)")?')
_INLINE_CSS = re.compile(rb'style="[^"]*(?i:url\(|@import)')
_BAD_ID = re.compile(rb'[\s=&<>"]')


def _value(raw: bytes) -> str:
    """An attribute value as html.parser gives it, stripped as URLs are before use."""
    text = raw.decode("utf-8", "replace")
    return (html.unescape(text) if "&" in text else text).strip()


# The pages of a site repeat most of their markup (header, navigation, footer). The fast path
# cuts a page before each "<li" (which also starts "<link") and reads each stretch once per
# process: a stretch starts with a "<", so no tag crosses a cut, and what one page's stretch
# says is what the same stretch says in every page. A stretch new to the process is cut again
# before each "<div", so that a page's own words do not make a whole header or footer new.
_CUT_BEFORE = b"<li"
_CUT_AGAIN = b"<div"
_CUT_INSIDE = re.compile(rb"<li|<div")


class _Stretch(NamedTuple):  # a tuple: made in C, one for every new stretch
    """What the fast path reads in a stretch of regular markup."""

    number: int  # order of reading in this process: a short key for what its URLs need
    ids: frozenset[str]  # a subset of its ids: those html.parser reads the same way
    notes: tuple[str, ...]  # its footnotes ("fn:..."), each holding its back-reference
    hrefs: frozenset[str]  # a superset of its href values
    loads: frozenset[str]  # a superset of the URLs it loads (src, srcset, __config)
    stylesheets: tuple[str, ...]
    alternates: tuple[str, ...]
    # Every relative URL starts with at least this many "../" (at most _MAX_UP): the stretch
    # means the same in every folder below one ancestor (the navigation of pages at one depth).
    up: int


def _stretch_tags(stretch: bytes) -> tuple[bytes, list[bytes]] | None:
    """The tags of a regular stretch, one after the other, and its __configs; None if irregular."""
    cut = _cut(stretch)
    if cut is None:
        return None
    body, scripts, config = cut
    found = _TAG.findall(body)
    # Every "<" opens a regular tag: no comment was left open (html.parser would read the rest
    # of the page as its content), no "<" is in text or in a value.
    if len(found) != body.count(b"<"):
        return None
    tags = b"".join(found)
    # Every script was closed in the stretch; no element's content is read apart.
    if tags.count(b"<script") != scripts or _UNREAD_TAG.search(tags):
        return None
    if b"style=" in tags and _INLINE_CSS.search(tags):
        return None
    return tags, config


def _read_stretch(number: int, stretch: bytes) -> _Stretch | None:
    """The fast path's view of a stretch, or None when it is not regular."""
    regular = _stretch_tags(stretch)
    if regular is None:
        return None
    tags, configs = regular
    links = _link_tags(tags) if b"<link" in tags else ((), ())
    if links is None:
        return None
    ids = [v for v in _ID.findall(tags) if not _BAD_ID.search(v)] if b"id=" in tags else []
    notes = _notes(tags, ids)
    if notes is None:
        return None
    loads: set[str] = set()
    if b"src" in tags:
        loads.update(_value(v) for v in _SRC.findall(tags))
        for value in _SRCSET.findall(tags):
            loads.update(_srcset_urls(_value(value)))
    for config in configs:  # (html.parser keeps the last: all of them is a superset)
        loads.update(url for url, _ in _config_urls(config.decode("utf-8", "replace")))
    hrefs = {_value(v) for v in _HREF.findall(tags)}
    return _Stretch(
        number,
        frozenset(v.decode("utf-8", "replace") for v in ids) if ids else _NONE,
        notes,
        frozenset(hrefs),
        frozenset(loads),
        *links,
        # (what a page's own new markup needs is not kept: no need to know how far up it goes)
        up=min(map(_ups, (*hrefs, *loads)), default=_MAX_UP) if number >= 0 else 0,
    )


_NONE: frozenset[str] = frozenset()
_MAX_UP = 32
_NOT_RELATIVE = ("#", "?", "/")  # this page, or from the root: the same in every folder


def _ups(url: str) -> int:
    """How many "../" a URL's path starts with; _MAX_UP if it does not depend on the folder
    (of a page named index.html, for which "./" is the page itself: see _tables_of)."""
    if not url or url == "./" or url.startswith(_NOT_RELATIVE) or _scheme(url):
        return _MAX_UP
    return min(_leading_ups(url), _MAX_UP)


def _leading_ups(url: str) -> int:
    """How many "../" a URL starts with."""
    ups = 0
    while url.startswith("../", 3 * ups):
        ups += 1
    return ups


def _cut(raw: bytes) -> tuple[bytes, int, list[bytes]] | None:
    """The markup without comments and script contents, the scripts cut, and its __configs."""
    if not _CUT_MARK.search(raw):
        return raw, 0, []
    irregular: list[bytes] = []
    configs: list[bytes] = []
    scripts: list[bytes] = []

    def keep(m: re.Match[bytes]) -> bytes:
        if m.group(2) is None:
            # html.parser also ends a comment at "--" + " >"; one holding a cut spans stretches.
            if b"--" in m.group(1) or _CUT_INSIDE.search(m.group(1)):
                irregular.append(m.group(1))
            return b""
        if m.group(2) == b"style":  # the full parse checks its url() and @import
            irregular.append(m.group(4))
            return b""
        if m.group(2) == b"title":  # html.parser reads it as text or as markup, by version
            if b"<" in m.group(4):
                irregular.append(m.group(4))
            return b""  # (a <title> left is one not closed: irregular)
        scripts.append(m.group(3))
        attrs, content = m.group(3), m.group(4)
        if b"</" in content or _CUT_INSIDE.search(content):  # html.parser ends a script at
            irregular.append(content)  # "</script >", in any case; a cut: spans stretches
        if b"__config" in attrs:
            pairs = {k.lower(): v for k, v in _PAIR.findall(attrs)}
            if pairs.get(b"id") == b"__config" and b"src" not in pairs:
                configs.append(content)
        return b"<script" + attrs + b">"  # its src and id stay visible

    body = _CUT.sub(keep, raw)
    if irregular:
        return None
    return body, len(scripts), configs


def _link_tags(tags: bytes) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Local style sheets and alternates of the <link> tags; None if one loads from elsewhere."""
    stylesheets: list[str] = []
    alternates: list[str] = []
    for tag in _LINK_TAG.findall(tags):
        attrs = dict(_PAIR.findall(tag[len(b"<link") :]))
        if b"href" not in attrs:
            continue
        href, rels = _value(attrs[b"href"]), attrs.get(b"rel", b"").decode().lower().split()
        alternate = "alternate" in rels and bool(attrs.get(b"hreflang"))
        scheme = _scheme(href.strip())
        if "canonical" in rels or scheme in _IGNORED_SCHEMES:
            continue
        if alternate:
            alternates.append(href)
        elif scheme:
            if _LOAD_RELS.intersection(rels):
                return None
        elif "stylesheet" in rels:
            stylesheets.append(href)
    return tuple(stylesheets), tuple(alternates)


def _notes(tags: bytes, ids: list[bytes]) -> tuple[str, ...] | None:
    """A stretch's footnotes, each a list item holding its back-reference; None if one is not.

    The item ends in the stretch: a stretch ends before the next "<li".
    """
    notes = [v for v in ids if v.startswith(b"fn:")]
    if tags.count(b'id="fn:') != len(notes):  # one the fast path does not read the same way
        return None
    for note in notes:
        start = tags.find(b'<li id="' + note + b'">')
        end = tags.find(b"</li>", start)
        if start < 0 or end < 0:
            return None
        inside = tags[start + 1 : end]
        if b"<li" in inside or b'class="footnote-backref"' not in inside:
            return None
    return tuple(note.decode("utf-8", "replace") for note in notes)


def _config_urls(config: str) -> list[tuple[str, str]]:
    """(url, what) of the search worker and index that Material's __config makes a page load."""
    try:
        data = json.loads(config)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    search, base = data.get("search"), data.get("base")
    if not isinstance(search, str) or not search:
        return []
    urls = [(search, "search worker in __config")]
    if isinstance(base, str):
        index = (base.rstrip("/") + "/" if base else "") + "search/search_index.json"
        urls.append((index, f"search index under __config base '{base}'"))
    return urls


def _is_page(rel: str) -> bool:
    return rel.endswith((".html", ".htm"))


def _has_fragment(ids: set[str], fragment: str) -> bool:
    # An empty fragment and "#top" need no id: browsers scroll to the top of the page.
    return not fragment or fragment.lower() == "top" or fragment in ids


class _Site:
    """The built site's files, its pages parsed in full (at most once each), their sources."""

    def __init__(
        self,
        site_dir: Path,
        docs_dir: Path,
        locales: Sequence[str],
        default_locale: str,
        site_url: str | None,
    ) -> None:
        self.site_dir = site_dir
        self.docs_dir = docs_dir
        self.locales = tuple(locales)
        self.default_locale = default_locale
        self.docs_prefix = docs_dir.resolve().name + "/"
        self.files = _walk(site_dir)
        self.docs_files = _walk(docs_dir)
        self.html_pages = sorted(f for f in self.files if f.endswith((".html", ".htm")))
        self._exact: dict[str, _Page] = {}
        home = self.exact("index.html") if "index.html" in self.files else None
        self.site_url = site_url or (home.canonical if home else None)
        if self.site_url and not self.site_url.endswith("/"):
            self.site_url += "/"
        self.urls = _Resolver(self.files, self.site_url)
        self._sources: dict[str, str | None] = {}
        self._texts: dict[str, tuple[str, list[int]]] = {}

    def exact(self, rel: str) -> _Page:
        """The full parse of a page (html.parser), made once and only when needed."""
        page = self._exact.get(rel)
        if page is None:
            text = (self.site_dir / rel).read_text(encoding="utf-8", errors="replace")
            page = self._exact[rel] = _parse(rel, text)
        return page

    # -- where a problem is reported ------------------------------------------------------

    def source(self, rel: str) -> str | None:
        """The docs-relative Markdown (or static) file a built page comes from."""
        if rel in self._sources:
            return self._sources[rel]
        parts = rel.split("/", 1)
        locale, rest = self.default_locale, rel
        if len(parts) == 2 and parts[0] in self.locales and parts[0] != self.default_locale:
            locale, rest = parts
        found: str | None = None
        if rest in self.docs_files:
            found = rest
        else:
            if rest.endswith("index.html"):
                stem = rest[: -len("index.html")].rstrip("/")
                bases = [f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md"]
                if not stem:
                    bases = ["index.md", "README.md"]
            elif rest.endswith(".html"):
                bases = [rest[: -len(".html")] + ".md"]
            else:
                bases = []
            for base in bases:
                stem_, _, ext = base.rpartition(".")
                twin = f"{stem_}.{locale}.{ext}"
                if locale != self.default_locale and twin in self.docs_files:
                    found = twin
                    break
                if base in self.docs_files:
                    found = base
                    break
        self._sources[rel] = found
        return found

    def line_of(self, path: str, keys: Iterable[str]) -> int | None:
        """First line of a source file holding one of the keys, tried in order."""
        if path not in self._texts:
            text = (self.docs_dir / path).read_text(encoding="utf-8")
            starts = [0] + [m.end() for m in re.finditer("\n", text)]
            self._texts[path] = (text, starts)
        text, starts = self._texts[path]
        for key in keys:
            if key:
                at = text.find(key)
                if at >= 0:
                    return bisect.bisect_right(starts, at)
        return None

    def where(
        self,
        page: _Page,
        origin: str | None,
        in_content: bool,
        keys: list[str],
        message: str,
    ) -> Problem:
        if origin:
            path, _, number = origin.rpartition(":")
            if path and number.isdigit():
                return Problem(path, int(number), message)
        src = self.source(page.rel)
        if src is None:
            return Problem(CONFIG_FILE, 1, f"{page.rel}: {message}{TEMPLATE}")
        if in_content or not page.has_content:
            line = self.line_of(src, keys)
            if line is not None:
                return Problem(self.docs_prefix + src, line, message)
        return Problem(self.docs_prefix + src, 1, message + TEMPLATE)

    def ref_where(self, page: _Page, ref: _Ref, message: str) -> Problem:
        return self.where(
            page, ref.origin, ref.in_content, _search_keys(ref.url, ref.text), message
        )


class _Resolver:
    """Where a URL of the site leads: the file that serves it, and its fragment."""

    def __init__(self, files: set[str], site_url: str | None) -> None:
        self.files = files
        self.site_url = site_url
        base = urlsplit(site_url).path if site_url else "/"
        self.base_path = base if base.endswith("/") else base + "/"
        self._origin = site_url[: len(site_url) - len(base)] if site_url else None
        self._targets: dict[tuple[str, str], tuple[str | None, str]] = {}
        self._parents: dict[str, list[str]] = {}

    def resolve(self, base_dir: str, url: str, here: str) -> _Target:
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
        return _Target(joined or "./", self.file_for(joined, is_dir), frag)

    def local(self, url: str) -> str | None:
        """An absolute URL under site_url as a path from the server root (None for others)."""
        if self.site_url and (url == self.site_url[:-1] or url.startswith(self.site_url)):
            return url[len(self._origin or "") :] or "/"
        return None

    def fast_target(self, base_dir: str, url: str) -> tuple[str | None, str]:
        """(file, fragment) of a URL with a path (stripped), shared between pages."""
        if url.startswith("../"):
            # "../x" from "a/b/" is "x" from "a/": pages of one folder share their answers.
            parents = self.parents(base_dir)
            ups = _leading_ups(url)
            if ups < len(parents):
                base_dir, url = parents[ups], url[3 * ups :]
                if not url or url[0] in "#?":
                    url = "./" + url
        key = ("", url) if url.startswith("/") else (base_dir, url)
        known = self._targets.get(key)
        if known is None:
            known = self.plain_target(*key)
            if known is None:
                target = self.resolve(key[0], url, "")
                known = (target.file, target.fragment)
            self._targets[key] = known
        return known

    def plain_target(self, base_dir: str, url: str) -> tuple[str | None, str] | None:
        """What resolve() finds for a URL whose path is plain names ("a/b/", "c.html", under
        the site's root path if absolute), found without normalising; None for other URLs."""
        path, _, fragment = url.partition("#")
        if path.startswith(self.base_path):
            base_dir, path = "", path[len(self.base_path) :]
        elif not path:
            return None
        if _UNPLAIN.search(path):
            return None
        is_dir = not path or path.endswith("/")
        return self.file_for(base_dir + path, is_dir), unquote(fragment)

    def parents(self, base_dir: str) -> list[str]:
        """The folder, its parent, ..., the root ("")."""
        known = self._parents.get(base_dir)
        if known is not None:
            return known
        parents = [base_dir]
        while parents[-1]:
            parents.append(parents[-1][: parents[-1].rstrip("/").rfind("/") + 1])
        self._parents[base_dir] = parents
        return parents

    def file_for(self, joined: str, is_dir: bool) -> str | None:
        if is_dir or not joined:
            index = joined + "index.html"
            return index if index in self.files else None
        if joined in self.files:
            return joined
        # A server redirects a directory URL without its slash to the directory's index.
        index = joined + "/index.html"
        return index if index in self.files else None


@dataclass(slots=True)
class _Cleared:
    """A page the fast path cleared, but for fragments in other pages and its style sheets."""

    ids: str  # a subset of its ids, one per line: sent from a worker as one string (no "\n" in
    # an id the fast path reads), made a set only for a page some link needs an id of
    fragments: list[tuple[str, str]]  # (page, id) that must exist for the page to be clean
    stylesheets: list[str]  # local style sheets it loads, to check once each
    alternates: list[tuple[str, _Target]]


class _FastIds:
    """The ids the fast path found in the pages it cleared (a subset of each page's), kept as
    sent and made a set when first asked for."""

    def __init__(self, cleared: dict[str, _Cleared | None]) -> None:
        self._cleared = cleared  # (read when asked: it may still be filled after this)
        self._sets: dict[str, set[str]] = {}

    def __contains__(self, rel: str) -> bool:
        return self._cleared.get(rel) is not None

    def of(self, rel: str) -> set[str]:
        """The ids found in a page; none for a page the fast path did not clear."""
        ids = self._sets.get(rel)
        if ids is None:
            known = self._cleared.get(rel)
            packed = known.ids if known else ""
            ids = self._sets[rel] = set(packed.split("\n")) if packed else set()
        return ids


class _FastPath:
    """The fast path of one process; what it learns of a stretch or a URL serves every page.

    A stretch met for the first time is read with the page's other new stretches, in one go: most
    are the page's own (its title, links, text) and will not be met again. A stretch met a second
    time is shared (navigation, header, footer): it is read alone and kept.
    """

    def __init__(self, urls: _Resolver, alternates: bool = True) -> None:
        self.urls = urls
        self.alternates = alternates  # find where each alternate leads (for sitemap.xml beside it)
        self._heads: dict[bytes, _Stretch] = {}  # regular stretches before a page's first cut
        self._stretches: dict[bytes, _Stretch] = {}  # the others, known without their "<li"
        self._parts: dict[bytes, _Stretch] = {}  # parts of new stretches (cut before "<div")
        self._seen: set[bytes] = set()  # stretches and parts met once
        self._learnt = 0
        # Stretch number -> the fragments its URLs need, (None, id) for the page itself, when
        # they all resolve: one table per (k, ancestor k levels up) of a folder, for stretches
        # whose URLs all go up k levels or more. A folder's tables by `up`: _tables[folder][up].
        self._needs: dict[tuple[int, str], dict[int, _Needs]] = {}
        self._tables: dict[tuple[str, bool], list[dict[int, _Needs]]] = {}

    def read(self, rel: str, raw: bytes) -> _Cleared | None:
        """What is left to check of a page once its own URLs resolve; None: parse it in full."""
        regular = self._regular(raw)
        if regular is None:
            return None
        stretches, ids = regular
        base_dir = posixpath.dirname(rel)
        base_dir = base_dir + "/" if base_dir else ""
        fragments = self._fragments(rel, base_dir, stretches, ids)
        if fragments is None:
            return None
        return self._cleared(rel, base_dir, ids, fragments, stretches)

    def _fragments(
        self, rel: str, base_dir: str, stretches: list[_Stretch], ids: set[str]
    ) -> list[tuple[str, str]] | None:
        """(page, id) the page's links need in other pages; None if a URL does not resolve or
        a fragment of the page itself is missing."""
        index = rel.endswith("/index.html") or rel == "index.html"
        tables = self._tables.get((base_dir, index)) or self._tables_of(base_dir, index)
        fragments: list[tuple[str, str]] = []
        for stretch in stretches:
            table = tables[stretch.up]
            needs = table.get(stretch.number)
            if needs is None:
                needs = _needs(self.urls, base_dir, stretch)
                if needs is None:
                    return None
                if stretch.number >= 0:  # (a page's own new markup is not kept)
                    table[stretch.number] = needs
            for file, fragment in needs:
                if file is not None and file != rel:
                    fragments.append((file, fragment))
                elif fragment not in ids:
                    return None
        return fragments

    def _tables_of(self, base_dir: str, index: bool) -> list[dict[int, _Needs]]:
        """A folder's needs tables, by how far up its stretches' URLs all go: from k levels
        up (k at most the folder's depth), every such folder sees the same URLs.

        "./" is the page itself in a page named index.html; it needs nothing there, in any
        folder. In another page it is another file: all its stretches are per folder.
        """
        parents = self.urls.parents(base_dir)
        depth = min(len(parents) - 1, _MAX_UP) if index else 0
        tables = [self._needs.setdefault((k, parents[k]), {}) for k in range(depth + 1)]
        tables += [tables[-1]] * (_MAX_UP + 1 - len(tables))
        self._tables[base_dir, index] = tables
        return tables

    def _regular(self, raw: bytes) -> tuple[list[_Stretch], set[str]] | None:
        """The stretches of a page and its ids, or None when the page is not regular."""
        stretches = self._stretches_of(raw)
        if stretches is None:
            return None
        ids = set().union(*(s.ids for s in stretches))
        notes = [note for s in stretches for note in s.notes]
        if notes:  # each once, and referenced
            referenced = {m.group(1) for i in ids if (m := _FNREF_ID.fullmatch(i))}
            if len(set(notes)) != len(notes) or any(n[3:] not in referenced for n in notes):
                return None
        return stretches, ids

    def _stretches_of(self, raw: bytes) -> list[_Stretch] | None:
        """The known stretches of a page and, last, one made of its new ones (in page order).

        Reading the new ones together is reading each alone: a comment or script holding a cut
        makes a stretch irregular, so no element spans two of them.
        """
        head, *rest = raw.split(_CUT_BEFORE)
        first = self._heads.get(head) or self._learn(self._heads, head, head)
        if first is None:
            return None
        stretches = [first]
        new: list[bytes] = []
        if not self._sort(rest, _CUT_BEFORE, self._stretches, stretches, new):
            return None
        if new:
            parts: list[bytes] = []
            for piece in new:
                start, *more = (_CUT_BEFORE + piece).split(_CUT_AGAIN)
                parts.append(start)
                parts += [_CUT_AGAIN + part for part in more]
            new = []
            if not self._sort(parts, b"", self._parts, stretches, new):
                return None
        if new:
            own = _read_stretch(-1, b"".join(new))
            if own is None:
                return None
            stretches.append(own)
        return stretches

    def _sort(
        self,
        keys: list[bytes],
        prefix: bytes,
        memo: dict[bytes, _Stretch],
        known: list[_Stretch],
        new: list[bytes],
    ) -> bool:
        """Add to `known` the stretches (prefix + key) met before, to `new` those met for the
        first time; False if one is irregular."""
        seen = self._seen
        for key in keys:
            stretch = memo.get(key)
            if stretch is None:
                if key not in seen:
                    seen.add(key)
                    new.append(key)
                    continue
                stretch = self._learn(memo, key, prefix + key)
                if stretch is None:
                    return False
            known.append(stretch)
        return True

    def _learn(self, memo: dict[bytes, _Stretch], key: bytes, stretch: bytes) -> _Stretch | None:
        found = _read_stretch(self._learnt, stretch)
        if found is not None:  # an irregular stretch makes its page irregular: no need to keep
            memo[key] = found
            self._learnt += 1
        return found

    def _cleared(
        self,
        rel: str,
        base_dir: str,
        ids: set[str],
        fragments: list[tuple[str, str]],
        stretches: list[_Stretch],
    ) -> _Cleared:
        """A page whose URLs resolve, with what the checker still does with it: read its style
        sheets (once each) and find the sitemap.xml beside each alternate."""
        urls = self.urls
        css = []
        for stretch in stretches:
            for url in stretch.stylesheets:
                file = urls.fast_target(base_dir, url)[0] if url and url[0] not in "#?" else rel
                if file is not None and file.endswith(".css"):
                    css.append(file)
        alternates = [
            (url, urls.resolve(base_dir, urls.local(url) or url, rel))
            for stretch in (stretches if self.alternates else ())
            for url in stretch.alternates
            if not _scheme(url) or urls.local(url)
        ]
        return _Cleared("\n".join(ids), fragments, css, alternates)


_Needs = tuple[tuple[str | None, str], ...]


def _needs(urls: _Resolver, base_dir: str, stretch: _Stretch) -> _Needs | None:
    """The fragments a stretch's URLs need in a folder, (None, id) for the page itself."""
    for url in stretch.loads:
        scheme = _scheme(url)
        if scheme in _IGNORED_SCHEMES:
            continue
        if scheme or (url and url[0] not in "#?" and urls.fast_target(base_dir, url)[0] is None):
            return None
    needs: list[tuple[str | None, str]] = []
    for url in stretch.hrefs:
        if not url or url[0] in "#?":  # this very page
            fragment = unquote(url.partition("#")[2])
            if fragment and fragment.lower() != "top":
                needs.append((None, fragment))
            continue
        if _scheme(url):
            local = urls.local(url)
            if local is None:
                continue  # navigation elsewhere; <link> loads from elsewhere failed the scan
            url = local  # noqa: PLW2901 - this site's own absolute URL, checked in site_dir
        file, fragment = urls.fast_target(base_dir, url)
        if file is None:
            return None
        if fragment and fragment.lower() != "top" and _is_page(file):
            needs.append((file, fragment))
    return tuple(needs)


# Below this many pages, starting processes costs more than it saves.
PARALLEL_MIN_PAGES = 400
_worker: tuple[Path, _FastPath] | None = None


@contextmanager
def _fast_path(
    site_dir: Path, urls: _Resolver, rels: list[str], alternates: bool
) -> Iterator[Callable[[], dict[str, _Cleared | None]]]:
    """The fast path over many pages, on every processor when there are enough pages.

    Gives a function that waits for the answers: other work can be done while worker processes
    read the pages.
    """
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or len(rels) < PARALLEL_MIN_PAGES:
        fast = _FastPath(urls, alternates)
        yield lambda: dict(_read_run(site_dir, fast, rels))
        return
    # Pages are sorted: one run of neighbouring pages per worker, so that each stretch of
    # markup is read by one worker (measured at N = 1,000: 0.46 s, 0.53 s with 16 runs).
    size = -(-len(rels) // workers)
    chunks = [rels[i : i + size] for i in range(0, len(rels), size)]
    with ProcessPoolExecutor(
        workers,
        initializer=_start_worker,
        initargs=(site_dir, urls.files, urls.site_url, alternates),
    ) as pool:
        results = pool.map(_fast_chunk, chunks)
        yield lambda: {rel: known for chunk in results for rel, known in chunk}


def _start_worker(site_dir: Path, files: set[str], site_url: str | None, alternates: bool) -> None:
    global _worker  # noqa: PLW0603 - one site per worker process, set once
    gc.disable()  # the fast path makes no cycles; collecting costs 4 % of its time for nothing
    _worker = (site_dir, _FastPath(_Resolver(files, site_url), alternates))


def _fast_chunk(rels: list[str]) -> list[tuple[str, _Cleared | None]]:
    assert _worker is not None
    return _read_run(*_worker, rels)


def _read_run(
    site_dir: Path, fast: _FastPath, rels: list[str]
) -> list[tuple[str, _Cleared | None]]:
    """A run of pages through the fast path. A fragment whose page is in the run and was
    cleared is looked up here, in that page's ids (as the checker would), and dropped when
    found: only the others are left to the checker, which has every page's answer. Likewise a
    style sheet is left to it once."""
    root = os.fspath(site_dir) + "/"
    read = [(rel, fast.read(rel, _read_file(root + rel))) for rel in rels]
    ids = _FastIds(dict(read))

    def found(page: str, fragment: str) -> bool:
        return page in ids and _has_fragment(ids.of(page), fragment)

    stylesheets: set[str] = set()  # each is checked once: the first page that loads it says so
    for _, known in read:
        if known is not None:
            known.fragments = [(f, i) for f, i in known.fragments if not found(f, i)]
            new = [css for css in known.stylesheets if css not in stylesheets]
            stylesheets.update(new)
            known.stylesheets = new
    return read


def _read_file(path: str) -> bytes:
    """A file's bytes: unbuffered, half the time of Path.read_bytes on a 45 KB page."""
    with open(path, "rb", buffering=0) as file:  # noqa: PTH123 - a Path per page is the cost
        return file.readall()


def _walk(root: Path) -> set[str]:
    """Every file below root, "/"-separated, as os.walk finds them: a link to a folder is
    neither entered nor listed, an unreadable folder is passed over. (os.walk took four times as
    long on a site of 2,000 folders.)"""
    found: set[str] = set()
    if not root.is_dir():
        return found
    folders = [(os.fspath(root), "")]
    while folders:
        path, prefix = folders.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:
            continue
        for entry in entries:
            if not entry.is_dir():
                found.add(prefix + entry.name)
            elif not entry.is_symlink():
                folders.append((entry.path, prefix + entry.name + "/"))
    return found


def _parse(rel: str, text: str) -> _Page:
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return _Page(
        rel,
        parser.ids,
        parser.refs,
        parser.footnotes,
        parser.styles,
        parser.canonical,
        parser.config,
        parser.lang,
        parser.has_content,
    )


def _shown(rel: str) -> str:
    """How a page is named in messages: its directory URL when it is an index page."""
    if rel == "index.html":
        return "./"
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


class _Checker:
    """The rules; each page is cleared by the fast path or checked on its full parse."""

    def __init__(self, site: _Site, alternate_sitemaps: bool) -> None:
        self.site = site
        self.alternate_sitemaps = alternate_sitemaps
        self.problems: list[Problem] = []
        self._css_done: set[str] = set()
        self._sitemaps: dict[str, tuple[str, str]] = {}  # sitemap -> first (alternate, page)
        self._cleared: dict[str, _Cleared | None] = {}  # pages the fast path read
        self.fast_ids = _FastIds(self._cleared)

    def run(self) -> list[Problem]:
        site = self.site
        cleared = self._cleared
        if FAST_PATH:
            rels = [rel for rel in site.html_pages if posixpath.basename(rel) != "404.html"]
            with _fast_path(site.site_dir, site.urls, rels, self.alternate_sitemaps) as answers:
                self.check_not_found_pages()  # while the pages are read
                self.check_sitemaps()
                cleared.update(answers())
        else:
            self.check_not_found_pages()
            self.check_sitemaps()

        def ids(rel: str) -> set[str]:
            return self.fast_ids.of(rel) if rel in self.fast_ids else site.exact(rel).ids

        for rel in site.html_pages:
            known = cleared.get(rel)
            if known is None or not all(_has_fragment(ids(f), i) for f, i in known.fragments):
                self.check_page(site.exact(rel))
                continue
            for css in known.stylesheets:
                self.check_css_file(css)
            if self.alternate_sitemaps:
                for url, target in known.alternates:
                    self.check_alternate_sitemap(rel, url, target)
        self.report_alternate_sitemaps()
        return self.problems

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    # -- pages --------------------------------------------------------------------------

    def check_page(self, page: _Page) -> None:
        # Material writes 404.html with absolute links from site_url, valid wherever it is
        # served; its relative links (if any) cannot be judged against one directory.
        is_404 = posixpath.basename(page.rel) == "404.html"
        base_dir = posixpath.dirname(page.rel)
        base_dir = base_dir + "/" if base_dir else ""
        for ref in page.refs:
            self.check_ref(page, base_dir, ref, is_404)
        self.check_footnotes(page)
        for style in page.styles:
            self.check_inline_css(page, base_dir, style, is_404)
        if page.config:
            self.check_config(page, base_dir, is_404)

    def check_ref(self, page: _Page, base_dir: str, ref: _Ref, is_404: bool) -> None:
        url = ref.url.strip()
        scheme = _scheme(url)
        if scheme in _IGNORED_SCHEMES:
            return
        if scheme:
            # Navigation to other sites is allowed (see external_links), and a link to this
            # site's own site_url is checked in site_dir; loading from any origin is not.
            local = self.site.urls.local(url)
            if ref.kind == "asset":
                message = f"loads '{url}' from another origin ({ref.what})"
                self.add(self.site.ref_where(page, ref, message))
            elif local is not None:
                self.check_internal(page, base_dir, ref, url, local)
        elif ref.kind in ("fnref", "fnback") and url.startswith("#"):
            pass  # check_footnotes reports these with footnote wording
        elif not is_404 or url.startswith("/"):
            self.check_internal(page, base_dir, ref, url, url)

    def check_internal(self, page: _Page, base_dir: str, ref: _Ref, url: str, path: str) -> None:
        """Check a URL of the site: `url` as written, `path` relative or from the root."""
        target = self.site.urls.resolve(base_dir, path, page.rel)
        head = _head(ref, url)
        missing = ""
        if target.outside:
            missing = f"{head} -> {target.shown} is outside the site"
        elif target.file is None:
            missing = f"{head} -> {target.shown} does not exist"
        if missing or target.file is None:
            self.add(self.site.ref_where(page, ref, missing))
            return
        if ref.kind == "asset":
            if ref.extra == "css" and target.file.endswith(".css"):
                self.check_css_file(target.file)
            return
        frag = target.fragment
        if (
            not _has_fragment(self.fast_ids.of(target.file), frag)  # a subset: enough
            and _is_page(target.file)
            and not _has_fragment(self.site.exact(target.file).ids, frag)
        ):
            self.add(self.site.ref_where(page, ref, f"{head} -> {target.shown} has no id '{frag}'"))
        if ref.kind == "alternate" and self.alternate_sitemaps:
            self.check_alternate_sitemap(page.rel, url, target)

    def check_alternate_sitemap(self, rel: str, url: str, target: _Target) -> None:
        # Material's language integration fetches sitemap.xml relative to every
        # <link rel=alternate> to map pages between languages (mkdocs-material #6582).
        shown = target.shown
        folder = shown if shown.endswith("/") else posixpath.dirname(shown) + "/"
        sitemap = "sitemap.xml" if folder in ("./", "/") else folder + "sitemap.xml"
        self._sitemaps.setdefault(sitemap, (url, rel))

    def report_alternate_sitemaps(self) -> None:
        # One problem for the whole site: the cause is one template, not each page.
        missing = sorted(s for s in self._sitemaps if s not in self.site.files)
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
            if ref.kind != "fnref" or not ref.url.startswith("#"):
                continue
            fid = unquote(ref.url[1:])
            if fid not in ids:
                label = fid.partition(":")[2] or fid
                keys = [f"[^{label}]", f"[^{ref.text}]"]
                message = f"footnote reference '{ref.url}' -> no footnote with id '{fid}'"
                self.add(self.site.where(page, ref.origin, ref.in_content, keys, message))
        if not page.footnotes:
            return
        referenced = {m.group(1) for i in ids if (m := _FNREF_ID.fullmatch(i))}
        for note in page.footnotes.values():
            label = note.id[len("fn:") :]
            keys = [f"[^{label}]:"]
            message = ""
            if label not in referenced:
                message = f"footnote '{note.id}' is never referenced (no id 'fnref:{label}')"
            elif not note.backrefs:
                message = f"footnote '{note.id}' has no back-reference"
            else:
                for back in note.backrefs:
                    if back.startswith("#") and unquote(back[1:]) not in ids:
                        message = (
                            f"footnote '{note.id}' back-reference '{back}' -> "
                            f"no id '{unquote(back[1:])}'"
                        )
                        break
            if message:
                self.add(self.site.where(page, note.origin, note.in_content, keys, message))

    def check_config(self, page: _Page, base_dir: str, is_404: bool) -> None:
        # Material's __config names the search worker and the base of the search index; the
        # worker loads both, so they are assets of the page like any <script src>.
        for url, what in _config_urls(page.config or ""):
            self.check_ref(page, base_dir, _Ref("asset", what, url, None, False), is_404)

    # -- style sheets ---------------------------------------------------------------------

    def check_inline_css(self, page: _Page, base_dir: str, style: _Style, is_404: bool) -> None:
        for url, is_import in _css_urls(style.css):
            if url.startswith("#"):
                continue
            what = f"@import in {style.what}" if is_import else f"url() in {style.what}"
            ref = _Ref("asset", what, url, style.origin, style.in_content, extra="css" * is_import)
            self.check_ref(page, base_dir, ref, is_404)

    def check_css_file(self, rel: str) -> None:
        if rel in self._css_done:
            return
        self._css_done.add(rel)
        css = (self.site.site_dir / rel).read_text(encoding="utf-8", errors="replace")
        folder = posixpath.dirname(rel)
        folder = folder + "/" if folder else ""
        for url, is_import in _css_urls(css):
            scheme = _scheme(url)
            if scheme in _IGNORED_SCHEMES or url.startswith("#") or not url:
                continue
            what = f"@import in {rel}" if is_import else f"url() in {rel}"
            if scheme:
                self.add(self.css_where(rel, url, f"loads '{url}' from another origin ({what})"))
                continue
            target = self.site.urls.resolve(folder, url, rel)
            head = f"missing asset '{url}' ({what})"
            if target.outside:
                self.add(self.css_where(rel, url, f"{head} -> {target.shown} is outside the site"))
            elif target.file is None:
                self.add(self.css_where(rel, url, f"{head} -> {target.shown} does not exist"))
            elif is_import and target.file.endswith(".css"):
                self.check_css_file(target.file)

    def css_where(self, rel: str, url: str, message: str) -> Problem:
        if rel in self.site.docs_files:
            line = self.site.line_of(rel, [url])
            return Problem(self.site.docs_prefix + rel, line or 1, message)
        return Problem(CONFIG_FILE, 1, f"{rel}: {message}")

    # -- site-wide files --------------------------------------------------------------------

    def check_not_found_pages(self) -> None:
        for locale in self.site.locales:
            rel = "404.html" if locale == self.site.default_locale else f"{locale}/404.html"
            page = self.site.exact(rel) if rel in self.site.files else None
            if page is None:
                self.add(Problem(CONFIG_FILE, 1, f"missing {rel} (not-found page of '{locale}')"))
            elif page.lang and page.lang.lower().split("-")[0] != locale.lower():
                message = f"{rel} is in language '{page.lang}', expected '{locale}'"
                self.add(Problem(CONFIG_FILE, 1, message))

    def check_sitemaps(self) -> None:
        names = ["sitemap.xml"] + [
            f"{locale}/sitemap.xml"
            for locale in self.site.locales
            if locale != self.site.default_locale
        ]
        for name in names:
            if name not in self.site.files:
                continue
            site_url = self.site.site_url
            if site_url is None:
                message = f"cannot check {name}: no site_url (index.html has no canonical link)"
                self.add(Problem(CONFIG_FILE, 1, message))
                continue
            try:
                root = ET.fromstring((self.site.site_dir / name).read_bytes())
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
        plain = self.site.urls.plain_target("", path)
        if plain is not None and plain[0] is not None:
            return
        target = self.site.urls.resolve("", path, "index.html")
        if target.file is not None and not target.outside:
            return
        message = f"{name} lists '{url}' -> {target.shown} does not exist"
        shown = target.shown
        page = shown + "index.html" if shown.endswith("/") else shown
        src = self.site.source("index.html" if shown == "./" else page)
        if src is None:
            self.add(Problem(CONFIG_FILE, 1, message))
        else:
            self.add(Problem(self.site.docs_prefix + src, 1, message))


def _head(ref: _Ref, url: str) -> str:
    if ref.kind == "asset":
        return f"missing asset '{url}' ({ref.what})"
    if ref.kind == "lang":
        return f"broken language switch '{url}' (hreflang '{ref.extra}')"
    if ref.kind == "alternate":
        return f"broken alternate link '{url}' (hreflang '{ref.extra}')"
    return f"broken link '{url}'"


# What makes a URL path more than a plain file name: a root, escapes, dot segments, a query...
_UNPLAIN = re.compile(r"^/|[%?#\\]|(?:^|/)\.\.?(?:/|$)|//")


def _sitemap_urls(root: ET.Element) -> list[str]:
    urls: list[str] = []
    for element in root.iter():
        if element.tag.endswith("}loc") or element.tag == "loc":
            if element.text and element.text.strip():
                urls.append(element.text.strip())
        elif element.tag.endswith("}link") or element.tag == "link":
            href = element.get("href")
            if href:
                urls.append(href.strip())
    return urls


def check_site(
    site_dir: Path,
    docs_dir: Path,
    *,
    locales: Sequence[str] = ("vi", "en"),
    default_locale: str = "vi",
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
    site = _Site(site_dir, docs_dir, locales, default_locale, site_url)
    problems = _Checker(site, alternate_sitemaps).run()
    if external:
        cache = docs_dir.resolve().parent / CACHE_FILE
        problems += _check_outbound(_outbound(site), cache)
    return sorted(set(problems))


def external_links(site_dir: Path, docs_dir: Path) -> list[tuple[str, Problem]]:
    """Outbound navigation links (http, https, //) and where each is written.

    Links to the site's own site_url are not outbound: check_site checks them in site_dir.
    """
    site = _Site(site_dir, docs_dir, ("vi", "en"), "vi", None)
    return _outbound(site)


def _outbound(site: _Site) -> list[tuple[str, Problem]]:
    found: set[tuple[str, Problem]] = set()
    for rel in site.html_pages:
        page = site.exact(rel)
        for ref in page.refs:
            url = ref.url.strip()
            if ref.kind in ("link", "lang") and _is_outbound(url) and not site.urls.local(url):
                found.add((url, site.ref_where(page, ref, f"outbound link '{url}'")))
    return sorted(found)


def _fetch_status(url: str) -> tuple[int | None, str]:
    """HTTP status of a URL (HEAD, then GET for servers that refuse HEAD), or the error."""
    target = url.partition("#")[0]
    if target.startswith("//"):
        target = "https:" + target
    # Imported here: only --check-external needs it, and it is a fifth of the checker's imports.
    import urllib.error
    import urllib.request

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


def _check_outbound(links: list[tuple[str, Problem]], cache_path: Path) -> list[Problem]:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--docs", type=Path, default=Path("docs"))
    parser.add_argument("--site-url", default=None)
    parser.add_argument(
        "--external", action="store_true", help="list outbound links and where they are"
    )
    parser.add_argument(
        "--check-external",
        action="store_true",
        help="also check outbound links over the network (cached in .cache/)",
    )
    parser.add_argument(
        "--no-alternate-sitemaps",
        action="store_true",
        help="do not check the sitemap.xml Material fetches beside <link rel=alternate>",
    )
    args = parser.parse_args(argv)
    if args.external:
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
    for problem in problems:
        print(problem)
    elapsed = time.perf_counter() - started
    print(f"{len(problems)} problem(s) in {elapsed:.2f} s", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
