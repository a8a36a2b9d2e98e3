"""Rewrite the text of rendered HTML (never its tags): wrap citations and abbreviations."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>", re.S)
_ATTR_ID = re.compile(r'\bid="([^"]*)"')
_ATTR_CLASS = re.compile(r'\bclass="([^"]*)"')
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
# Text inside these is left alone: links must not nest, code is code, headings feed the TOC.
SKIP_TAGS = frozenset(
    {"a", "abbr", "code", "pre", "script", "style", "svg", "h1", "h2", "h3", "h4", "h5", "h6"}
)
SKIP_CLASSES = frozenset({"no-annotate", "editorial-note"})


@dataclass(frozen=True)
class TextContext:
    """Where a piece of text sits: the nearest enclosing element id (a permalink)."""

    anchor: str | None


Transform = Callable[[str, TextContext], str]
"""Takes plain text (unescaped), returns HTML (escaped) to put in its place."""


def rewrite_text(page_html: str, transform: Transform) -> str:
    """Apply `transform` to every text run outside skipped elements."""
    out: list[str] = []
    stack: list[tuple[str, str | None, bool]] = []  # (tag, id, skipped)
    pos = 0
    for token in _TOKEN.finditer(page_html):
        if token.start() > pos:
            out.append(_text(page_html[pos : token.start()], stack, transform))
        out.append(token.group(0))
        pos = token.end()
        tag = _TAG.fullmatch(token.group(0))
        if tag is None:
            continue
        closing, name, attrs = tag.group(1), tag.group(2).lower(), tag.group(3)
        if closing:
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == name:
                    del stack[index:]
                    break
        elif name not in _VOID and not attrs.rstrip().endswith("/"):
            ident = _ATTR_ID.search(attrs)
            class_match = _ATTR_CLASS.search(attrs)
            classes = set(class_match.group(1).split()) if class_match else set()
            skipped = name in SKIP_TAGS or bool(classes & SKIP_CLASSES)
            stack.append((name, ident.group(1) if ident else None, skipped))
    if pos < len(page_html):
        out.append(_text(page_html[pos:], stack, transform))
    return "".join(out)


def _text(raw: str, stack: list[tuple[str, str | None, bool]], transform: Transform) -> str:
    if not raw.strip() or any(skipped for _, _, skipped in stack):
        return raw
    anchor = next((ident for _, ident, _ in reversed(stack) if ident), None)
    return transform(html.unescape(raw), TextContext(anchor))
