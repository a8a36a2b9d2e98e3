"""Walk rendered HTML as tags with their open elements: rewrite text, find elements and assets."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>", re.S)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
# Text inside these is left alone: links must not nest, code is code, headings feed the TOC.
SKIP_TAGS = frozenset(
    {"a", "abbr", "code", "pre", "script", "style", "svg", "h1", "h2", "h3", "h4", "h5", "h6"}
)
SKIP_CLASSES = frozenset({"no-annotate", "editorial-note"})


@dataclass(frozen=True)
class Tag:
    """A start or end tag of a page: its name (lower case), raw attribute values, and offsets."""

    name: str
    attrs: dict[str, str]
    closing: bool
    start: int
    end: int

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


@dataclass(frozen=True)
class Token:
    """A tag or comment at page[start:end] (tag None for a comment), and the elements open
    before it, outermost first. The last token is empty, at the end of the page."""

    start: int
    end: int
    tag: Tag | None
    open: tuple[Tag, ...]


def walk(page_html: str) -> Iterator[Token]:
    """Every tag and comment of a page in order; the text is what lies between them.

    >>> [(t.tag.name, [o.name for o in t.open]) for t in walk("<p id=a>x<br>y</p>") if t.tag]
    [('p', []), ('br', ['p']), ('p', ['p'])]
    """
    stack: list[Tag] = []
    for match in _TOKEN.finditer(page_html):
        parsed = _TAG.fullmatch(match.group(0))
        if parsed is None:
            yield Token(match.start(), match.end(), None, tuple(stack))
            continue
        closing, name, attrs = parsed.group(1), parsed.group(2).lower(), parsed.group(3)
        tag = Tag(name, _attrs(attrs), bool(closing), match.start(), match.end())
        yield Token(match.start(), match.end(), tag, tuple(stack))
        if closing:
            for index in range(len(stack) - 1, -1, -1):
                if stack[index].name == name:
                    del stack[index:]
                    break
        elif name not in _VOID and not attrs.rstrip().endswith("/"):
            stack.append(tag)
    yield Token(len(page_html), len(page_html), None, tuple(stack))


def _attrs(raw: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(raw):
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        found.setdefault(match.group(1).lower(), value)
    return found


def tags(page_html: str) -> Iterator[Tag]:
    """The start and end tags of a page, in order."""
    return (token.tag for token in walk(page_html) if token.tag is not None)


def element_end(page_html: str, ident: str) -> tuple[str, int, int]:
    """The element with id `ident`: its name, where it starts, and where its end tag starts.

    >>> element_end('<ol><li id="fn:1"><p>a</p><ol><li>b</li></ol></li></ol>', "fn:1")
    ('li', 4, 45)
    """
    element: Tag | None = None
    for token in walk(page_html):
        tag = token.tag
        if tag is None:
            continue
        if element is None:
            if not tag.closing and tag.attrs.get("id") == ident:
                element = tag
        elif tag.closing and last_open(token.open, tag.name) is element:
            return element.name, element.start, tag.start
    raise ValueError(f'<... id="{ident}"> is not closed')


def last_open(stack: tuple[Tag, ...], name: str) -> Tag | None:
    """The element an end tag of `name` closes."""
    return next((tag for tag in reversed(stack) if tag.name == name), None)


@dataclass(frozen=True)
class TextContext:
    """Where a piece of text sits: the nearest enclosing element id (a permalink)."""

    anchor: str | None


Transform = Callable[[str, TextContext], str]
"""Takes plain text (unescaped), returns HTML (escaped) to put in its place."""


def rewrite_text(page_html: str, transform: Transform) -> str:
    """Apply `transform` to every text run outside skipped elements."""
    out: list[str] = []
    pos = 0
    for token in walk(page_html):
        if token.start > pos:
            out.append(_text(page_html[pos : token.start], token.open, transform))
        out.append(page_html[token.start : token.end])
        pos = token.end
    return "".join(out)


def _skipped(tag: Tag) -> bool:
    return tag.name in SKIP_TAGS or bool(tag.classes & SKIP_CLASSES)


def _text(raw: str, stack: tuple[Tag, ...], transform: Transform) -> str:
    if not raw.strip() or any(_skipped(tag) for tag in stack):
        return raw
    anchor = next((tag.attrs["id"] for tag in reversed(stack) if tag.attrs.get("id")), None)
    return transform(html.unescape(raw), TextContext(anchor))
