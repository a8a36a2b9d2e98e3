"""Collect every citation written in the Markdown pages, with its file, line and paragraph."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from kb.model.citations import Citation, extract
from kb.model.i18n import DEFAULT_LOCALE, localized_name
from kb.model.report import ID_ATTR, OVERVIEW, PARTS

_FOOTNOTE_DEF = re.compile(r"^\[\^(?P<n>[^\]]+)\]:\s?")
_FOOTNOTE_REF = re.compile(r"\[\^(?P<n>[^\]]+)\](?!:)")
# A page's front matter: the YAML between its first two '---' lines.
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_MARKUP = re.compile(r"\\(?=[.\-*_#])|\*\*|<br>|<[^>]+>")


@dataclass(frozen=True)
class Block:
    """A paragraph, list item or footnote of a Markdown page, with the permalink it carries."""

    path: str
    line: int
    anchor: str | None
    text: str  # Markdown source of the block, attribute list removed


@dataclass(frozen=True)
class Occurrence:
    """A citation found in a page: where it is written and which paragraph holds it."""

    path: str  # docs-relative page path, e.g. "bao-cao/i-tinh-hinh.md"
    line: int
    anchor: str | None
    citation: Citation
    block_text: str


def front_matter(markdown: str) -> dict[str, object]:
    """A page's front matter as a mapping ({} when it has none or it is not a mapping).

    >>> front_matter('---\\ndocument: "114-QĐ/TW"\\n---\\n# X\\n')
    {'document': '114-QĐ/TW'}
    """
    match = FRONT_MATTER.match(markdown)
    if not match:
        return {}
    data = yaml.safe_load(match.group(1))
    return data if isinstance(data, dict) else {}


def split_blocks(path: str, markdown: str) -> list[Block]:
    """Blocks separated by blank lines, list items and footnote definitions."""
    front = FRONT_MATTER.match(markdown)
    body_start = front.group(0).count("\n") if front else 0
    runs: list[tuple[int, list[str]]] = []  # (index of the first line, lines)
    after_blank = True
    for number, line in enumerate(markdown.splitlines()[body_start:], body_start):
        if not line.strip():
            after_blank = True
            continue
        if after_blank or line.startswith(("- ", "* ")) or _FOOTNOTE_DEF.match(line):
            runs.append((number, []))
        runs[-1][1].append(line)
        after_blank = False
    blocks: list[Block] = []
    for start, run in runs:
        source = "\n".join(run)
        anchor_match = ID_ATTR.search(source)
        anchor = anchor_match.group("id") if anchor_match else None
        text = ID_ATTR.sub("", source)
        footnote = _FOOTNOTE_DEF.match(run[0])
        if footnote:
            anchor, text = f"fn:{footnote.group('n')}", text[footnote.end() :]
        blocks.append(Block(path, start + 1, anchor, text.strip()))
    return blocks


def plain_text(markdown_text: str) -> str:
    """The words of a block without Markdown markup (footnote markers, escapes, bold, tags)."""
    text = _FOOTNOTE_REF.sub("", markdown_text)
    text = re.sub(r"^[-*] ", "", text)
    return re.sub(r"\s+", " ", _MARKUP.sub(" ", text).replace(" \n", "\n")).strip()


def collect(docs_dir: Path, paths: Iterable[str]) -> list[Occurrence]:
    """Every citation in the pages, in order of page path and place."""
    found: list[Occurrence] = []
    for path in sorted(paths):
        for block in split_blocks(path, (docs_dir / path).read_text(encoding="utf-8")):
            for citation in extract(block.text):
                line = block.line + block.text.count("\n", 0, citation.start)
                found.append(Occurrence(path, line, block.anchor, citation, plain_text(block.text)))
    return found


def markdown_pages(docs_dir: Path) -> list[str]:
    """All Markdown pages, docs-relative, data folders excluded."""
    return sorted(
        p.relative_to(docs_dir).as_posix()
        for p in docs_dir.rglob("*.md")
        if not any(part.startswith("_") for part in p.relative_to(docs_dir).parts)
    )


def report_pages(locale: str) -> list[str]:
    """The pages that hold the report's words in a language (full-text page excluded)."""
    return [localized_name(p, locale) for p in (OVERVIEW, *PARTS)]


def backlinks(occurrences: Iterable[Occurrence]) -> dict[str, list[Occurrence]]:
    """Citing paragraphs per document number, one entry per (page, paragraph)."""
    grouped: dict[str, list[Occurrence]] = defaultdict(list)
    seen: set[tuple[str, str, str | None]] = set()
    for occurrence in occurrences:
        key = (occurrence.citation.key, occurrence.path, occurrence.anchor)
        if key not in seen:
            seen.add(key)
            grouped[occurrence.citation.key].append(occurrence)
    return dict(grouped)


# English names a document before its number ("Regulation No. 114-QĐ/TW"); the Vietnamese
# name ("Quy định số") is already part of the citation the parser finds.
_EN_NAMING = re.compile(r"(?:Regulation|Decision|Resolution|Conclusion|Directive|Plan)\s+No\.\s+$")
# A full stop or colon that ends a sentence: followed by white space or the end of the text,
# not the "No." of a document's name, nor the dot of a list number ("3. Sớm ...").
_SENTENCE_END = re.compile(r"(?<!\bNo)(?<!\bno)(?<![.\d])(?:\.\.\.|…|[.:])(?=\s|$)")
_LIST_NUMBER = re.compile(r"^\d+(?:\.\d+)*\\?\.\s+")


def naming_start(text: str, start: int) -> int:
    """Where the words naming a cited document begin (English puts its type before "No.")."""
    naming = _EN_NAMING.search(text, 0, start)
    return naming.start() if naming and naming.end() == start else start


def quotation(text: str, start: int, end: int) -> str:
    """The report's whole sentence, or list item, holding a citation at text[start:end].

    A list item is one of several documents named in a row ("...; Quy định số 55-QĐ/TW ...;"):
    it starts at the words naming its document and ends at the next item or the sentence's end.
    A ';' inside a document's title, or the dot of "No.", ends nothing.

    >>> quotation("A b. Quy định số 1-QĐ/TW về x; y; Quy định số 2-QĐ/TW về z. C.", 5, 23)
    'Quy định số 1-QĐ/TW về x; y;'
    >>> quotation("3. Soon apply Conclusion No. 14-KL/TW on x, to y. Z.", 29, 37)
    'Soon apply Conclusion No. 14-KL/TW on x, to y.'
    """
    items = [naming_start(text, c.start) for c in extract(text)]
    item_starts = [i for i in items if text[:i].rstrip().endswith(";")]
    sentence_starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    left = max([0, *sentence_starts, *(i for i in item_starts if i <= start)])
    stops = [m.end() for m in _SENTENCE_END.finditer(text, end)]
    stops += [text.rindex(";", 0, i) + 1 for i in item_starts if i > end]
    right = min(stops) if stops else len(text)
    quote = text[left:right].strip()
    return _LIST_NUMBER.sub("", quote) if left == 0 else quote


def report_markdown(docs: Path, locale: str = DEFAULT_LOCALE) -> dict[str, Block]:
    """The first Markdown block with each paragraph id, on the report pages of a language."""
    found: dict[str, Block] = {}
    for page in (OVERVIEW, *PARTS):
        path = localized_name(page, locale)
        for block in split_blocks(path, (docs / path).read_text(encoding="utf-8")):
            if block.anchor:
                found.setdefault(block.anchor, block)
    return found


def report_texts(docs: Path) -> dict[str, str]:
    """The Markdown text of each paragraph of the report, by its id."""
    return {anchor: block.text for anchor, block in report_markdown(docs).items()}
