"""Editorial analysis links between the report's items (docs/_data/relations.yml): load, check.

kb.render.analysis draws them (the block under an item, the map and the list).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kb.model.citeindex import Block, split_blocks
from kb.model.i18n import LOCALES, Bilingual
from kb.model.problems import Problem, UserError
from kb.model.registry import REGISTRY_FILE, load_registry
from kb.model.report import OVERVIEW, PARTS, paragraph_ids, report_lines
from kb.model.yamlsource import LineMap, load_yaml, schema_problems

RELATIONS_FILE = "_data/relations.yml"
_DISPLAY = f"docs/{RELATIONS_FILE}"

Kind = Literal["explained_by", "addressed_by", "follows_from", "rests_on"]
Href = Callable[[str], str]

# Which parts each kind links, from -> to. `rests_on` links any item to a document number.
KIND_PARTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "explained_by": (frozenset({"i"}), frozenset({"ii"})),
    "addressed_by": (frozenset({"ii"}), frozenset({"iii"})),
    "follows_from": (frozenset({"iv"}), frozenset({"ii", "iii"})),
}
PART_ORDER = ("i", "ii", "iii", "iv")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


Rationale = Bilingual  # why the editors see the link (the report itself does not say)


class Relation(_Model):
    from_: str = Field(alias="from")
    to: str
    kind: Kind
    stated: bool = False  # True when the report itself makes the link (e.g. cites the document)
    rationale: Rationale


class _RelationsFile(_Model):
    relations: tuple[Relation, ...]


class Item(_Model):
    """A unit of the report that analysis links join: where it is written, for messages."""

    anchor: str
    path: str  # docs-relative Markdown page, e.g. "bao-cao/ii-nguyen-nhan.md"
    line: int

    @property
    def part(self) -> str:
        return self.anchor.split("-", 1)[0]


class Relations(_Model):
    """The validated links, with what rendering needs: item order and document titles."""

    links: tuple[Relation, ...]
    items: tuple[Item, ...] = ()
    document_titles: dict[str, dict[str, str]] = {}  # number -> locale -> "Quy định số 114-QĐ/TW"
    link_lines: tuple[int, ...] = ()  # line of each link in the data file, for the site checker

    def origin(self, link: Relation) -> str:
        """`path:line` of a link's entry: the site checker names it for a broken link."""
        index = self.links.index(link)
        line = self.link_lines[index] if index < len(self.link_lines) else 1
        return f"docs/{RELATIONS_FILE}:{line}"

    def order(self, anchor: str) -> int:
        for index, item in enumerate(self.items):
            if item.anchor == anchor:
                return index
        return len(self.items)

    def document_title(self, number: str, locale: str) -> str:
        return self.document_titles.get(number, {}).get(locale, number)


# --- items of the report -------------------------------------------------------------------------

_STRUCTURED = re.compile(r"^(?:i|ii|iii|iv)(?:-\d+)*(?:-(?:[a-z]|p\d+))?$")
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
_NUMBERED_PARAGRAPH = re.compile(r"^\d+\\?\.\s")
_NUMBERED_SECTION = re.compile(r"-\d+$")


def _shape(block: Block) -> tuple[str, int]:
    """('heading' | 'list' | 'paragraph', line of the block's first line of content)."""
    lines = block.text.splitlines()
    skipped = 0
    while skipped < len(lines) - 1 and _COMMENT_LINE.match(lines[skipped]):
        skipped += 1
    first = lines[skipped] if lines else ""
    kind = "heading" if first.startswith("#") else "list" if first.startswith(("- ", "* ")) else ""
    return kind or "paragraph", block.line + skipped


def report_items(docs_dir: Path) -> tuple[Item, ...]:
    """The items of the four part pages that analysis links join, in reading order.

    The rule, derived from the pages: within the report's words of a part page, an item is a
    block with a structured permalink (`ii-2-1-b`, `iv-3`, `iii-2-p1`) that is
      1. a list item (I.1 a-d, II.1 a-c, III.1 a-c, ...), or
      2. a paragraph the report numbers itself (`1\\. ...`: IV.1-IV.4), or
      3. a paragraph of a numbered section that has no list items and no numbered paragraphs,
         i.e. the section's whole body (I.2, III.2).
    Left out: headings, the paragraphs that introduce a part (`ii-p1`, `iv-p1`) or frame a list
    (`i-1-p1` ... `i-1-p4`), footnotes, and the recipients and signature (no structured id).
    """
    items: list[Item] = []
    for path in PARTS:
        markdown = (docs_dir / path).read_text(encoding="utf-8")
        in_report = report_lines(markdown)
        sections: list[tuple[bool, list[tuple[str, Item]]]] = []
        for block in split_blocks(path, markdown):
            if block.anchor is None:
                continue
            kind, line = _shape(block)
            if kind == "heading":
                sections.append((bool(_NUMBERED_SECTION.search(block.anchor)), []))
                continue
            if line not in in_report or not _STRUCTURED.match(block.anchor) or not sections:
                continue
            if kind == "paragraph" and _NUMBERED_PARAGRAPH.match(block.text):
                kind = "numbered"
            sections[-1][1].append((kind, Item(anchor=block.anchor, path=path, line=line)))
        for numbered, blocks in sections:
            whole_body = numbered and all(kind == "paragraph" for kind, _ in blocks)
            items.extend(
                item for kind, item in blocks if kind in {"list", "numbered"} or whole_body
            )
    return tuple(items)


def report_anchors(docs_dir: Path) -> set[str]:
    """Every permalink id of the report's pages (overview and parts), items or not."""
    found: set[str] = set()
    for path in (OVERVIEW, *PARTS):
        found.update(paragraph_ids((docs_dir / path).read_text(encoding="utf-8")))
    return found


# --- loading and checking ------------------------------------------------------------------------


def _entry_name(data: Any, index: int) -> str:
    raw = data["relations"][index] if isinstance(data, dict) else None
    entry = raw if isinstance(raw, dict) else {}
    return f"relation {index + 1} ({entry.get('from', '?')} -> {entry.get('to', '?')})"


def _parse(docs_dir: Path) -> tuple[tuple[Relation, ...], LineMap]:
    data, lines = load_yaml(docs_dir / RELATIONS_FILE, _DISPLAY)
    try:
        return _RelationsFile.model_validate(data).relations, lines
    except ValidationError as error:
        raise UserError(
            schema_problems(error, lines, "relations", lambda index: _entry_name(data, index))
        ) from None


def _parts_text(parts: frozenset[str]) -> str:
    return " or ".join(p.upper() for p in PART_ORDER if p in parts)


def _link_problems(
    links: tuple[Relation, ...],
    lines: LineMap,
    items: tuple[Item, ...],
    anchors: set[str],
    numbers: set[str],
) -> Iterator[Problem]:
    """Anchors and documents exist, kinds fit the parts, no self links and no duplicates."""
    item_anchors = {item.anchor for item in items}
    seen: dict[tuple[str, str], int] = {}

    def anchor_problem(anchor: str) -> str | None:
        if anchor not in anchors:
            return f"anchor '{anchor}' is not in the report pages"
        if anchor not in item_anchors:
            return f"'{anchor}' is not an item of a part (list item or numbered paragraph)"
        return None

    for index, link in enumerate(links):
        loc: tuple[str | int, ...] = ("relations", index)
        name = f"relation {index + 1} ({link.from_} -> {link.to})"
        bad_from = anchor_problem(link.from_)
        if bad_from:
            yield lines.problem((*loc, "from"), f"{name}: field 'from': {bad_from}")
        kind_problem: str | None = None
        bad_to: str | None = None
        if link.kind == "rests_on":
            if link.to in anchors:
                kind_problem = f"kind 'rests_on' links an item to a document, not to '{link.to}'"
            elif link.to not in numbers:
                bad_to = f"document '{link.to}' is not in docs/{REGISTRY_FILE}"
        elif link.to in numbers:
            kind_problem = f"kind '{link.kind}' links two items, not an item to '{link.to}'"
        else:
            bad_to = anchor_problem(link.to)
        if bad_to:
            yield lines.problem((*loc, "to"), f"{name}: field 'to': {bad_to}")
        if link.from_ == link.to:
            yield lines.problem((*loc, "to"), f"{name}: links an item to itself")
        elif not kind_problem and not bad_from and not bad_to and link.kind != "rests_on":
            sources, targets = KIND_PARTS[link.kind]
            source, target = link.from_.split("-", 1)[0], link.to.split("-", 1)[0]
            if source not in sources or target not in targets:
                kind_problem = (
                    f"kind '{link.kind}' links Part {_parts_text(sources)} to Part "
                    f"{_parts_text(targets)}, not Part {source.upper()} to Part {target.upper()}"
                )
        if kind_problem:
            yield lines.problem((*loc, "kind"), f"{name}: {kind_problem}")
        key = (link.from_, link.to)
        if key in seen:
            first = seen[key]
            first_line = lines.line(("relations", first))
            yield lines.problem(
                loc, f"{name}: duplicate of relation {first + 1} (line {first_line})"
            )
        else:
            seen[key] = index


def load_relations(docs_dir: Path) -> Relations:
    """Load and validate the links; every mistake is reported with file, line, entry and field."""
    links, lines = _parse(docs_dir)
    registry = load_registry(docs_dir)
    items = report_items(docs_dir)
    numbers = {doc.number for doc in registry}
    problems = list(_link_problems(links, lines, items, report_anchors(docs_dir), numbers))
    if problems:
        raise UserError(problems)
    titles = {doc.number: {loc: doc.title(loc) for loc in LOCALES} for doc in registry}
    link_lines = tuple(lines.line(("relations", index)) for index in range(len(links)))
    return Relations(links=links, items=items, document_titles=titles, link_lines=link_lines)


def check_relations(root: Path) -> list[Problem]:
    """Problems of the links file, and every item of a part that takes part in no link."""
    docs_dir = root / "docs"
    try:
        links, lines = _parse(docs_dir)
        registry = load_registry(docs_dir)
    except UserError as error:
        return error.problems
    items = report_items(docs_dir)
    numbers = {doc.number for doc in registry}
    problems = list(_link_problems(links, lines, items, report_anchors(docs_dir), numbers))
    linked = {link.from_ for link in links} | {link.to for link in links}
    problems.extend(
        Problem(
            f"docs/{item.path}", item.line, f"item {item.anchor} takes part in no analysis link"
        )
        for item in items
        if item.anchor not in linked
    )
    return sorted(problems)
