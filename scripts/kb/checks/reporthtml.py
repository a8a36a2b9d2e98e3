"""Extract the report's words from built HTML pages, leaving out what the site adds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from lxml import etree

# Classes of elements the site adds around the report's words: never part of the text.
ADDED_CLASSES = frozenset(
    {"para-link", "headerlink", "footnote-backref", "editorial-note", "analysis-links", "sr-only"}
)
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_BLOCK_TAGS = frozenset({"h1", "h2", "h3", "h4", "p", "li"})
_HTML = etree.HTMLParser(remove_comments=True, remove_pis=True)


@dataclass
class Block:
    tag: str
    id: str
    text: str


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def _skipped(element: etree._Element) -> bool:
    return bool(_classes(element) & ADDED_CLASSES) or element.tag in {"script", "style"}


def _text(element: etree._Element) -> str:
    """An element's words without the elements the site adds (footnote numbers superscript)."""
    table = SUPERSCRIPT if "footnote-ref" in _classes(element) else {}
    text = (element.text or "").translate(table)
    for child in element:
        text += ("" if _skipped(child) else _text(child)) + (child.tail or "").translate(table)
    return text


def _blocks(element: etree._Element, in_article: bool, skipped: bool, found: list[Block]) -> None:
    for child in element:
        tag, ident = child.tag, child.get("id") or ""
        hidden = skipped or _skipped(child)
        if in_article and tag in _BLOCK_TAGS and ident and not (tag == "li" and ident[:2] == "__"):
            found.append(Block(tag, ident, "" if hidden else _text(child)))
        else:
            _blocks(child, in_article or tag == "article", hidden, found)


def report_blocks(page_html: str) -> list[Block]:
    """Headings, paragraphs, list items and footnotes with ids, in document order."""
    found: list[Block] = []
    root = cast("etree._Element | None", etree.fromstring(page_html, _HTML))
    if root is not None:
        _blocks(root, False, False, found)
    return [b for b in found if not b.id.startswith("__")]


def squash(text: str) -> str:
    """Compare texts ignoring white space only."""
    return re.sub(r"\s+", "", text)
