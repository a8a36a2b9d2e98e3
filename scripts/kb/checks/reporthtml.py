"""Extract the report's words from built HTML pages, leaving out what the site adds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Classes of elements the site adds around the report's words: never part of the text.
ADDED_CLASSES = frozenset(
    {"para-link", "headerlink", "footnote-backref", "editorial-note", "analysis-links", "sr-only"}
)
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "source"})


@dataclass
class Block:
    tag: str
    id: str
    text: str


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, skipped, footnote_ref)
        self._current: Block | None = None
        self._depth_at_block = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        skip = bool(classes & ADDED_CLASSES) or tag in {"script", "style"}
        self._stack.append((tag, skip, "footnote-ref" in classes))
        ident = a.get("id") or ""
        in_report = tag in {"h1", "h2", "h3", "h4", "p", "li"} and ident and self._current is None
        in_article = any(t == "article" for t, _, _ in self._stack)
        if in_report and (tag != "li" or not ident.startswith("__")) and in_article:
            self._current = Block(tag, ident, "")
            self._depth_at_block = len(self._stack)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while self._stack:
            t, _, _ = self._stack.pop()
            if self._current is not None and len(self._stack) < self._depth_at_block:
                self.blocks.append(self._current)
                self._current = None
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._current is None or any(skip for _, skip, _ in self._stack):
            return
        if self._stack and self._stack[-1][2]:
            data = data.translate(SUPERSCRIPT)
        self._current.text += data


def report_blocks(page_html: str) -> list[Block]:
    """Headings, paragraphs, list items and footnotes with ids, in document order."""
    parser = _Extractor()
    parser.feed(page_html)
    return [b for b in parser.blocks if not b.id.startswith("__")]


def squash(text: str) -> str:
    """Compare texts ignoring white space only."""
    return re.sub(r"\s+", "", text)
