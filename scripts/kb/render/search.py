"""Search index per language, post-processed once every language is built.

static-i18n merges every language into one ``search/search_index.json``; this module splits it
into one index per language (``search/``, ``en/search/``), so each language searches its own
pages only. A result leads to the words that hold the hit, not to a long section: the report's
permalinked paragraphs and list items (``bao-cao/ii-nguyen-nhan/#ii-2-1-b``), glossary terms
(``<dt id>``) and the rows of tables that list pages (the documents index, the parts, the lessons;
a row leads to itself by a ``#:~:text=`` fragment) get entries of their own, and leave their
section's text. These entries carry ``unit`` ("p" or "row"): ``lunr.vi`` shows each as a result of
its own, not as one of "n more on this page". Editorial extras inside a paragraph
(``no-annotate``, ``data-search-exclude``: links to the analysis) are left out.

Every index loads Lunr support for ``vi``, which is our own ``lunr.vi``
(``overrides/assets/javascripts/lunr/min/lunr.vi.min.js``): it folds diacritics and "đ" in the
index and in the query, in the browser, so a query typed without accents still finds the words,
and results still show (and highlight) the accents. Document numbers need nothing more: folded,
"114-QĐ/TW", "114-QD/TW" and "114/QĐ-TW" are the same three terms (114, qd, tw), and a
document's page has its number in its title.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kb.model.i18n import DEFAULT_LOCALE, LOCALES
from kb.model.labels import anchor_label
from kb.model.report import PERMALINK
from kb.render.htmltext import Tag, Token, last_open, walk

INDEX = "search/search_index.json"
FOLDING_LANG = DEFAULT_LOCALE  # the Lunr language our lunr.vi.min.js defines; every index loads it

Entry = dict[str, Any]
Index = dict[str, Any]

_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S)
# Inside a paragraph, not its words: the ¶ sign, footnote numbers, editorial extras.
_SKIP_CLASSES = frozenset({"para-link", "footnote-ref", "no-annotate"})
_SKIP_TAGS = frozenset({"script", "style", "svg"})
_INLINE = frozenset(
    {"a", "abbr", "b", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong"}
    | {"sub", "sup", "u"}
)
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"})
# In Material's text of a section, a permalinked block starts with its "¶" sign.
_LINKED_START = re.compile(r"<(p|li)>¶")
_TAG = re.compile(r"<(/?)(\w+)[^>]*>")
_WORD = re.compile(r"\w")
_EMPTY_LIST = re.compile(r"<(?P<tag>ul|ol)>\s*</(?P=tag)>")


@dataclass(frozen=True)
class Paragraph:
    """A permalinked paragraph or list item: its id and its text as read (not escaped)."""

    anchor: str
    text: str


def _words(text: str) -> str:
    return " ".join(text.split())


def _skipped(tag: Tag) -> bool:
    """Not searchable text: scripts, styles, drawings, and what the page marks as excluded."""
    return tag.name in _SKIP_TAGS or "data-search-exclude" in tag.attrs


def _read(page_html: str, left_out: Callable[[Tag], object]) -> Iterator[tuple[str, Token, bool]]:
    """Each token of a page's content (its ``<article>``), with the text before it as read, and
    whether that text lies inside an element `left_out` (then the text is empty)."""
    article = _ARTICLE.search(page_html)
    content = article.group(1) if article else page_html
    pos = 0
    for token in walk(content):
        text, pos = content[pos : token.start], token.end
        hidden = any(left_out(element) for element in token.open)
        yield ("" if hidden else html.unescape(text)), token, hidden


def paragraphs(page_html: str) -> list[Paragraph]:
    """Permalinked paragraphs and list items of a page's content, in order, as read.

    >>> paragraphs('<article><p id="i-p1"><a class="para-link">¶</a>Né<br>tránh.</p></article>')
    [Paragraph(anchor='i-p1', text='Né tránh.')]
    """
    found: list[Paragraph] = []
    block: tuple[Tag, list[str]] | None = None  # the open paragraph, its text so far
    for text, token, _ in _read(page_html, lambda e: _skipped(e) or e.classes & _SKIP_CLASSES):
        tag = token.tag
        if block:
            block[1].append(text)
        if tag is None or (tag.name in _VOID and (tag.closing or not block)):
            continue
        if block and tag.closing and last_open(token.open, tag.name) is block[0]:
            found.append(Paragraph(block[0].attrs["id"], _words("".join(block[1]))))
            block = None
        elif block and tag.name not in _INLINE:
            block[1].append(" ")  # blocks and line breaks end words
        elif block is None and not tag.closing and tag.name in {"p", "li"}:
            block = (tag, []) if PERMALINK.fullmatch(tag.attrs.get("id", "")) else None
    return found


@dataclass(frozen=True)
class Term:
    """A glossary term (a ``<dt>`` with an id) and its meaning (the ``<dd>`` after it), as read."""

    anchor: str
    term: str
    meaning: str


def terms(page_html: str) -> list[Term]:
    """Glossary terms of a page's content (``<dt id>`` and the ``<dd>`` after it), in order.

    >>> terms('<dl><dt id="bcd"><b>BCĐ</b></dt><dd><b>Ban Chỉ đạo</b> — Cơ quan</dd></dl>')
    [Term(anchor='bcd', term='BCĐ', meaning='Ban Chỉ đạo — Cơ quan')]
    """
    found: list[list[str]] = []  # anchor, term, meaning
    into: int | None = None  # 1: the term, 2: its meaning
    for text, token, hidden in _read(page_html, _skipped):
        tag = token.tag
        if into:
            found[-1][into] += text
        if tag is None or hidden or _skipped(tag):
            continue
        if tag.name == "dl":
            into = None
        elif tag.closing:
            continue
        elif tag.name == "dt":
            anchor = tag.attrs.get("id", "")
            into = 1 if PERMALINK.fullmatch(anchor) else None
            if into:
                found.append([anchor, "", ""])
        elif tag.name == "dd" and found and into is not None:
            into = 2
            found[-1][2] += " "
        elif into and tag.name not in _INLINE:
            found[-1][into] += " "
    return [Term(a, _words(t), _words(m)) for a, t, m in found]


def _without(section_text: str, parts: Iterable[str]) -> str:
    """Material's text of a section, minus `parts` (they get entries of their own)."""
    text = _words(section_text)
    for part in parts:
        text = text.replace(html.escape(part, quote=False), "")
    return _words(text)


def without_terms(section_text: str, found: list[Term]) -> str:
    """Material's text of a section, minus the glossary terms.

    >>> without_terms("Intro. BCĐ Ban Chỉ đạo", [Term("bcd", "BCĐ", "Ban Chỉ đạo")])
    'Intro.'
    """
    return _without(section_text, (f"{term.term} {term.meaning}" for term in found))


@dataclass(frozen=True)
class Row:
    """A body row of a table that lists pages, as read, with the table's header."""

    cells: tuple[str, ...]
    header: tuple[str, ...]


def rows(page_html: str) -> list[Row]:
    """Body rows of the tables that list pages: every body row's first cell holds a link.

    >>> rows('<table><thead><tr><th>Số</th><th>Loại</th></tr></thead><tbody><tr>'
    ...      '<td><a href="a/">Số <b>1-NQ/TW</b></a></td><td>Nghị quyết</td></tr></tbody></table>')
    [Row(cells=('Số 1-NQ/TW', 'Nghị quyết'), header=('Số', 'Loại'))]
    """
    tables: list[tuple[list[str], list[list[str]], list[bool]]] = []  # head, rows, linked
    cell: list[str] | None = None
    head = False
    for text, token, hidden in _read(page_html, _skipped):
        tag = token.tag
        if cell is not None:
            cell[-1] += text
        if tag is None or hidden or _skipped(tag):
            continue
        if tag.closing:
            if tag.name == "thead":
                head = False
            elif tag.name in {"td", "th"}:
                cell = None
        elif tag.name == "table":
            tables.append(([], [], []))
        elif not tables:
            continue
        elif tag.name == "thead":
            head = True
        elif tag.name == "tr" and not head:
            tables[-1][1].append([])
            tables[-1][2].append(False)
        elif tag.name in {"td", "th"}:
            table_head, body, _ = tables[-1]
            cell = table_head if head or not body else body[-1]
            cell.append("")
        elif tag.name == "a" and cell is not None and not head and len(cell) == 1:
            tables[-1][2][-1] = bool(tag.attrs.get("href"))
        elif cell is not None and tag.name not in _INLINE:
            cell[-1] += " "
    found: list[Row] = []
    for table_head, body, linked in tables:
        worded = all(_WORD.search(value) for row in body for value in row)  # not a matrix of ●
        if body and all(linked) and worded:
            header = tuple(map(_words, table_head))
            found += [Row(tuple(map(_words, row)), header) for row in body]
    return found


def text_fragment(text: str) -> str:
    """A URL fragment that scrolls to (and marks) the first occurrence of `text` on the page.

    >>> text_fragment("Số 21-NQ/TW, mới")
    ':~:text=S%E1%BB%91%2021%2DNQ%2FTW%2C%20m%E1%BB%9Bi'
    """
    return ":~:text=" + quote(text, safe="").replace("-", "%2D")


def _entry(location: str, title: str, text: str, unit: str) -> Entry:
    """An entry of its own (a paragraph, a term, a row): title and text as read, escaped."""
    return {
        "location": location,
        "title": html.escape(title, quote=False),
        "text": html.escape(text, quote=False),
        "unit": unit,
    }


def row_entry(url: str, row: Row) -> Entry:
    """A table row as a search entry: its first cell as title, the others as "header: value"."""
    pairs = zip(row.header[1:] or [""] * len(row.cells), row.cells[1:], strict=False)
    text = " · ".join(f"{name}: {value}" if name else value for name, value in pairs if value)
    return _entry(f"{url}#{text_fragment(row.cells[0])}", row.cells[0], text, "row")


def without_rows(section_text: str, found: list[Row]) -> str:
    """Material's text of a section, minus the rows of tables that list pages (and their header).

    >>> without_rows("Hi A B a1 b1 a2 b2", [Row(("a1", "b1"), ("A", "B")), Row(("a2", "b2"), ())])
    'Hi'
    """
    parts = {row.header for row in found} | {row.cells for row in found}
    return _without(section_text, (" ".join(part) for part in parts))


def without_paragraphs(section_text: str) -> str:
    """Material's text of a section, minus the permalinked blocks (they get entries of their own).

    >>> without_paragraphs("<p>Intro</p> <ul> <li>¶One<p>x</p></li> <li>¶Two</li> </ul> <p>¶3</p>")
    '<p>Intro</p>'
    """
    out: list[str] = []
    pos = 0
    while start := _LINKED_START.search(section_text, pos):
        out.append(section_text[pos : start.start()])
        pos = _end_of(section_text, start.group(1), start.end())
    out.append(section_text[pos:])
    return " ".join(_EMPTY_LIST.sub("", "".join(out)).split())


def _end_of(text: str, name: str, pos: int) -> int:
    """Where the element opened just before `pos` closes (nested ones of its name counted)."""
    depth = 1
    for tag in _TAG.finditer(text, pos):
        if tag.group(2) == name:
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                return tag.end()
    return len(text)


def split_location(location: str) -> tuple[str, str]:
    """The language of an entry of the merged index, and its location in that language.

    >>> split_location("en/bao-cao/#ii-1"), split_location("bao-cao/#ii-1")
    (('en', 'bao-cao/#ii-1'), ('vi', 'bao-cao/#ii-1'))
    """
    head, _, rest = location.partition("/")
    if head in LOCALES and head != DEFAULT_LOCALE:
        return head, rest
    return DEFAULT_LOCALE, location


def _page_entries(
    entries: list[Entry], locale: str, read_page: Callable[[str], str | None]
) -> Iterator[Entry]:
    """One page's entries (page entry first, as Material expects) for its language's index."""
    url = entries[0]["location"].partition("#")[0]
    page_html = read_page(url) or ""
    found, glossary, table = paragraphs(page_html), terms(page_html), rows(page_html)
    if not found and not glossary and not table:
        yield from entries
        return
    for entry in entries:
        text = without_terms(without_paragraphs(entry["text"]), glossary)
        yield {**entry, "text": without_rows(text, table)}
    for paragraph in found:
        label = anchor_label(paragraph.anchor, locale)
        yield _entry(f"{url}#{paragraph.anchor}", label, paragraph.text, "p")
    for term in glossary:
        yield _entry(f"{url}#{term.anchor}", term.term, term.meaning, "row")
    for row in table:
        yield row_entry(url, row)


def language_index(merged: Index, locale: str, read_page: Callable[[str], str | None]) -> Index:
    """The index of one language, from the merged index.

    `read_page` maps a page URL of that language (``bao-cao/ii-nguyen-nhan/``) to its HTML.
    """
    pages: dict[str, list[Entry]] = {}
    for entry in merged["docs"]:
        entry_locale, location = split_location(entry["location"])
        if entry_locale == locale:
            url = location.partition("#")[0]
            pages.setdefault(url, []).append({**entry, "location": location})
    langs = [locale] if locale == FOLDING_LANG else [locale, FOLDING_LANG]
    docs = [e for group in pages.values() for e in _page_entries(group, locale, read_page)]
    return {"config": {**merged["config"], "lang": langs}, "docs": docs}


def page_file(root: Path, url: str) -> Path:
    """The HTML file of a page URL, with or without directory URLs (offline builds have none).

    >>> [page_file(Path("s"), u).as_posix() for u in ("", "a/", "a.html")]
    ['s/index.html', 's/a/index.html', 's/a.html']
    """
    return root / url if url.endswith(".html") else root / url / "index.html"


def gzipped_size(data: bytes) -> int:
    """Size once gzipped at the highest level, as the size budget counts it."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def finish_search(site_dir: Path) -> None:
    """Replace the merged index with one index per language (and its offline script, if any)."""
    merged_path = site_dir / INDEX
    if not merged_path.exists():
        return
    merged: Index = json.loads(merged_path.read_text(encoding="utf-8"))
    offline = merged_path.with_suffix(".js").exists()  # Material's offline plugin: file:// search
    locales = {split_location(entry["location"])[0] for entry in merged["docs"]}
    for locale in sorted(locales | {DEFAULT_LOCALE}):
        root = site_dir if locale == DEFAULT_LOCALE else site_dir / locale

        def read_page(url: str, root: Path = root) -> str | None:
            page = page_file(root, url)
            return page.read_text(encoding="utf-8") if page.is_file() else None

        index = language_index(merged, locale, read_page)
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        out = root / INDEX
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        if offline:
            out.with_suffix(".js").write_bytes(b"var __index = " + data)
