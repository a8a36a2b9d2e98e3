"""Editorial analysis links between the report's items (docs/_data/relations.yml): check, draw."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kb.citations import extract
from kb.citeindex import Block, split_blocks
from kb.i18n import Bilingual
from kb.labels import anchor_label
from kb.problems import Problem, UserError
from kb.registry import REGISTRY_FILE, Registry, load_registry
from kb.report import OVERVIEW, PARTS, paragraph_ids
from kb.yamlsource import LineMap, load_yaml, schema_problems

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
_PART_ORDER = ("i", "ii", "iii", "iv")


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


def _report_lines(markdown: str) -> set[int]:
    """1-based lines between `<!-- report:start -->` and `<!-- report:end -->` markers."""
    inside, lines = False, set()
    for number, line in enumerate(markdown.splitlines(), start=1):
        if "<!-- report:start -->" in line:
            inside = True
        elif "<!-- report:end -->" in line:
            inside = False
        elif inside:
            lines.add(number)
    return lines


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
        in_report = _report_lines(markdown)
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
    return " or ".join(p.upper() for p in _PART_ORDER if p in parts)


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
    titles = {doc.number: {loc: doc.title(loc) for loc in ("vi", "en")} for doc in registry}
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


# --- the editorial block under an item -----------------------------------------------------------

_T = {
    "vi": {
        "summary": "Liên kết phân tích ({n})",
        "editorial": "Phân tích biên tập",
        "editorial_note": "Phân tích biên tập, không phải lời của báo cáo.",
        "stated": "(báo cáo nêu)",
        "unstated": "(biên tập; báo cáo không nêu)",
        "none_stated": "(báo cáo không nêu các liên kết này)",
        "some_stated": "(báo cáo không nêu các liên kết này, trừ liên kết ghi “báo cáo nêu”)",
    },
    "en": {
        "summary": "Analysis links ({n})",
        "editorial": "Editorial analysis",
        "editorial_note": "Editorial analysis, not the report's words.",
        "stated": "(stated in the report)",
        "unstated": "(editorial; not stated in the report)",
        "none_stated": "(the report does not state these links)",
        "some_stated": "(the report does not state these links, except those marked “stated”)",
    },
}
_GROUP_LABELS: dict[str, dict[tuple[str, str], str]] = {
    "vi": {
        ("explained_by", "out"): "Được giải thích bởi nguyên nhân",
        ("explained_by", "in"): "Giải thích biểu hiện",
        ("addressed_by", "in"): "Giải quyết nguyên nhân",
        ("addressed_by", "out"): "Được giải quyết bởi",
        ("follows_from", "out"): "Xuất phát từ",
        ("follows_from", "in"): "Kiến nghị liên quan",
        ("rests_on", "out"): "Dựa trên văn bản (báo cáo nêu)",
        ("rests_on", "related"): "Văn bản có nội dung liên quan (biên tập; báo cáo không nêu)",
    },
    "en": {
        ("explained_by", "out"): "Explained by causes",
        ("explained_by", "in"): "Explains manifestations",
        ("addressed_by", "in"): "Addresses causes",
        ("addressed_by", "out"): "Addressed by solutions",
        ("follows_from", "out"): "Follows from",
        ("follows_from", "in"): "Related recommendations",
        ("rests_on", "out"): "Rests on documents (stated in the report)",
        (
            "rests_on",
            "related",
        ): "Documents on related matters (editorial; not stated in the report)",
    },
}
# Groups in the order of the chain: what explains an item, what it explains, what it answers,
# what answers it, recommendations, then the documents it rests on. A document link the report
# does not state is never shown as a basis: it has its own group ("related"), labelled editorial.
_GROUPS: tuple[tuple[str, str], ...] = (
    ("explained_by", "out"),
    ("explained_by", "in"),
    ("addressed_by", "in"),
    ("addressed_by", "out"),
    ("follows_from", "out"),
    ("follows_from", "in"),
    ("rests_on", "out"),
    ("rests_on", "related"),
)


def stated_label(link: Relation, locale: str) -> str:
    """Whether the report itself makes a link: every link shown says which."""
    return _T[locale]["stated" if link.stated else "unstated"]


def map_label(relations: Relations, locale: str) -> str:
    """The map's captions say the report does not state its links (true of every one drawn)."""
    drawn = [link for link in relations.links if link.kind != "rests_on"]
    return _T[locale]["some_stated" if any(link.stated for link in drawn) else "none_stated"]


def rationale_html(text: str, relations: Relations, doc_href: Href) -> str:
    """A rationale as HTML: each registered document it mentions links to its page."""
    out, pos = [], 0
    for citation in extract(text):
        if citation.key not in relations.document_titles:
            continue
        out.append(_e(text[pos : citation.start]))
        out.append(f'<a href="{_e(doc_href(citation.key))}">{_e(citation.span)}</a>')
        pos = citation.end
    out.append(_e(text[pos:]))
    return "".join(out)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _grouped(
    anchor: str, relations: Relations
) -> list[tuple[tuple[str, str], list[tuple[str, Relation]]]]:
    """(group, [(other end, link)]) for an item, in chain order; items in reading order."""
    groups = []
    for kind, direction in _GROUPS:
        found = [
            (link.from_ if direction == "in" else link.to, link)
            for link in relations.links
            if link.kind == kind
            and (link.to if direction == "in" else link.from_) == anchor
            and (kind != "rests_on" or link.stated == (direction == "out"))
        ]
        if kind != "rests_on":  # documents keep the order the editors wrote them in
            found.sort(key=lambda pair: relations.order(pair[0]))
        if found:
            groups.append(((kind, direction), found))
    return groups


def analysis_html(
    anchor: str, relations: Relations, locale: str, href: Href, doc_href: Href
) -> str | None:
    """The collapsed editorial block for one item, or None when the item has no links.

    `href(anchor)` and `doc_href(number)` return URLs usable as they are in HTML.
    """
    groups = _grouped(anchor, relations)
    if not groups:
        return None
    t = _T[locale]
    count = sum(len(found) for _, found in groups)
    rows = []
    for group, found in groups:
        rows.append(f"<dt>{_e(_GROUP_LABELS[locale][group])}</dt>")
        for other, link in found:
            rationale = link.rationale.text(locale)
            if link.kind == "rests_on":
                url, label = doc_href(other), relations.document_title(other, locale)
            else:
                url, label = href(other), anchor_label(other, locale)
            rows.append(
                f'<dd><a href="{_e(url)}" '
                f'data-origin="{_e(relations.origin(link))}">{_e(label)}</a> '
                f"<small>{_e(stated_label(link, locale))} "
                f"{rationale_html(rationale, relations, doc_href)}</small></dd>"
            )
    # `no-annotate`: citation links and abbreviations are not added inside editorial text.
    return (
        '<details class="analysis-links no-annotate" data-search-exclude>'
        f"<summary>{_e(t['summary'].format(n=count))} "
        f"<small>· {_e(t['editorial'])}</small></summary>\n"
        f"<p><small>{_e(t['editorial_note'])}</small></p>\n"
        "<dl>\n" + "\n".join(rows) + "\n</dl>\n</details>"
    )


_ITEM_OPEN = re.compile(r'<(?P<tag>p|li) id="(?P<id>[^"]+)"[^>]*>')
_LI_TAG = re.compile(r"<(/?)li\b[^>]*>")


def _element_end(page_html: str, match: re.Match[str]) -> int:
    """Offset of the element's closing tag: `</p>`, or the `</li>` that matches (lists nest)."""
    if match.group("tag") == "p":
        return page_html.index("</p>", match.end())
    depth = 1
    for tag in _LI_TAG.finditer(page_html, match.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.start()
    raise ValueError(f'<li id="{match.group("id")}"> is not closed')


def inject_analysis(
    page_html: str, relations: Relations, locale: str, href: Href, doc_href: Href
) -> str:
    """Add each linked item's block: at the end of its `<li>`, or after its `</p>`."""
    out: list[str] = []
    pos = 0
    for match in _ITEM_OPEN.finditer(page_html):
        if match.start() < pos:
            continue  # an element inside one already handled
        block = analysis_html(match.group("id"), relations, locale, href, doc_href)
        if block is None:
            continue
        end = _element_end(page_html, match)
        if match.group("tag") == "p":
            end += len("</p>")
            block = "\n" + block
        out.append(page_html[pos:end])
        out.append(block)
        pos = end
    out.append(page_html[pos:])
    return "".join(out)


# --- the map page and the list page ---------------------------------------------------------------

# The two pages, side by side in one folder (phan-tich/index.md and phan-tich/danh-sach.md).
MAP_PAGE = "index.md"
LIST_PAGE = "danh-sach.md"

_M = {
    "vi": {
        "note_title": "Phân tích biên tập",
        "note": (
            "Các liên kết dưới đây là phân tích của ban biên tập, không phải lời của báo cáo. "
            "Mỗi liên kết có một dòng lý do; bấm vào một mục để đọc nguyên văn báo cáo."
        ),
        "matrix": "Ma trận nguyên nhân × nhiệm vụ, giải pháp",
        "matrix_caption": (
            "Phân tích biên tập {label}: nguyên nhân (hàng) và nhiệm vụ, giải pháp giải quyết "
            "nguyên nhân đó (cột)"
        ),
        "legend": (
            "● : nhiệm vụ, giải pháp ở cột giải quyết nguyên nhân ở hàng (phân tích biên tập). "
            "Bấm ● để đến giải pháp; rê chuột (điện thoại: chạm lần đầu) để xem lý do (lý do "
            "của mọi liên kết có trong trang "
            "danh sách, liên kết ở cuối trang này). Trên điện thoại, vuốt ngang để xem hết các cột."
        ),
        "corner": "Nguyên nhân",
        "chain": "Sơ đồ chuỗi phân tích",
        "chain_caption": (
            "Phân tích biên tập {label}: tình hình → nguyên nhân → nhiệm vụ, giải pháp → "
            "kiến nghị. "
            "Nét đứt: kiến nghị xuất phát từ nguyên nhân. Bấm một ô để đến đoạn của báo cáo."
        ),
        "chain_label": (
            "Sơ đồ chuỗi phân tích (phân tích biên tập): {i} biểu hiện, {ii} nguyên nhân, {iii} "
            "nhiệm vụ, giải pháp, {iv} kiến nghị, {n} liên kết. Bản danh sách ở trang sau."
        ),
        "list": "Chuỗi phân tích dạng danh sách",
        "list_intro": (
            "Cùng nội dung với ma trận và sơ đồ của [bản đồ phân tích]({map}), kèm lý do của từng "
            "liên kết."
        ),
        "to_list": "Đọc cùng nội dung dưới dạng danh sách, kèm lý do của từng liên kết:",
        "list_explained": "Biểu hiện và nguyên nhân",
        "list_addressed": "Nguyên nhân và nhiệm vụ, giải pháp",
        "list_follows": "Kiến nghị và điều chúng xuất phát từ",
        "list_rests": "Văn bản làm cơ sở (báo cáo nêu)",
        "list_related": "Văn bản có nội dung liên quan (biên tập; báo cáo không nêu)",
        "explained_by": "được giải thích bởi:",
        "addressed_by": "được giải quyết bởi:",
        "follows_from": "xuất phát từ:",
        "rests_on": "dựa trên:",
        "related": "có nội dung liên quan đến:",
    },
    "en": {
        "note_title": "Editorial analysis",
        "note": (
            "The links below are the editors' analysis, not the report's words. Each link has a "
            "one-line rationale; select an item to read the report's own text."
        ),
        "matrix": "Causes × tasks and solutions matrix",
        "matrix_caption": (
            "Editorial analysis {label}: causes (rows) and the tasks and solutions that address "
            "them (columns)"
        ),
        "legend": (
            "● : the task or solution in the column addresses the cause in the row (editorial "
            "analysis). Select ● to go to the solution; hover (on a phone: tap once) to read the "
            "rationale (every "
            "rationale is also on the list page, linked at the end of this page). On a phone, "
            "swipe sideways to see every column."
        ),
        "corner": "Causes",
        "chain": "Diagram of the analysis chain",
        "chain_caption": (
            "Editorial analysis {label}: situation → causes → tasks and solutions → "
            "recommendations. "
            "Dashed: recommendations that follow from causes. Select a box to go to the report's "
            "text."
        ),
        "chain_label": (
            "Diagram of the analysis chain (editorial analysis): {i} manifestations, {ii} causes, "
            "{iii} tasks and solutions, {iv} recommendations, {n} links. A list version is on the "
            "next page."
        ),
        "list": "The analysis chain as a list",
        "list_intro": (
            "The same content as the matrix and the diagram of the [analysis map]({map}), with "
            "each link's rationale."
        ),
        "to_list": "Read the same content as a list, with each link's rationale:",
        "list_explained": "Manifestations and causes",
        "list_addressed": "Causes and tasks and solutions",
        "list_follows": "Recommendations and what they follow from",
        "list_rests": "Documents items rest on (stated in the report)",
        "list_related": "Documents on related matters (editorial; not stated in the report)",
        "explained_by": "explained by:",
        "addressed_by": "addressed by:",
        "follows_from": "follows from:",
        "rests_on": "rests on:",
        "related": "relates to:",
    },
}
_COLUMNS = {
    "vi": ("Tình hình", "Nguyên nhân", "Giải pháp", "Kiến nghị"),
    "en": ("Situation", "Causes", "Solutions", "Recommendations"),
}
_STICKY = "position:sticky;left:0;z-index:1;background:var(--md-default-bg-color);"
_CELL = "padding:.25em .4em;white-space:nowrap;"
_CORNER = "padding:.25em .4em;text-align:left"  # may wrap: the sticky column stays narrow


def _items_of(relations: Relations, part: str) -> list[Item]:
    return [item for item in relations.items if item.part == part]


def _short(anchor: str, locale: str) -> tuple[str, str]:
    """("III.1", "a") from "III.1 a": a group header and a narrow column label."""
    group, _, rest = anchor_label(anchor, locale).partition(" ")
    return group, rest or group


def _matrix(relations: Relations, locale: str, href: Href) -> str:
    m = _M[locale]
    caption = m["matrix_caption"].format(label=map_label(relations, locale))
    causes, solutions = _items_of(relations, "ii"), _items_of(relations, "iii")
    cells = {(link.from_, link.to): link for link in relations.links if link.kind == "addressed_by"}
    groups: list[tuple[str, int]] = []
    for item in solutions:
        group = _short(item.anchor, locale)[0]
        if groups and groups[-1][0] == group:
            groups[-1] = (group, groups[-1][1] + 1)
        else:
            groups.append((group, 1))
    head_groups = "".join(
        f'<th scope="colgroup" colspan="{span}" style="{_CELL}">{_e(group)}</th>'
        for group, span in groups
    )
    head_items = "".join(
        f'<th scope="col" style="{_CELL}"><a href="{_e(href(item.anchor))}" '
        f'title="{_e(anchor_label(item.anchor, locale))}" '
        f'aria-label="{_e(anchor_label(item.anchor, locale))}">'
        f"{_e(_short(item.anchor, locale)[1])}</a></th>"
        for item in solutions
    )
    rows = []
    for cause in causes:
        label = anchor_label(cause.anchor, locale)
        row = [
            f'<tr style="border-top:1px solid var(--md-default-fg-color--lightest)">'
            f'<th scope="row" style="{_STICKY}{_CELL}text-align:left">'
            f'<a href="{_e(href(cause.anchor))}">{_e(label)}</a></th>'
        ]
        for solution in solutions:
            link = cells.get((cause.anchor, solution.anchor))
            if link is None:
                row.append("<td></td>")
                continue
            target = anchor_label(solution.anchor, locale)
            rationale = f"{stated_label(link, locale)} {link.rationale.text(locale)}"
            row.append(
                f'<td><a href="{_e(href(solution.anchor))}" title="{_e(rationale)}" '
                f'aria-label="{_e(f"{label} → {target}: {rationale}")}" '
                'style="display:inline-block;min-width:1.5rem;line-height:1.5rem;'
                'text-decoration:none">●</a></td>'
            )
        rows.append("".join(row) + "</tr>")
    return (
        f'<div class="analysis-matrix" role="region" tabindex="0" '
        f'aria-label="{_e(m["matrix"])}" style="overflow-x:auto;max-width:100%">\n'
        f'<table class="analysis-matrix-table" aria-label="{_e(caption)}" '
        'style="border-collapse:collapse;font-size:.7rem;text-align:center;line-height:1.3">\n'
        f'<thead><tr><th scope="col" rowspan="2" style="{_STICKY}{_CORNER}">'
        f"{_e(m['corner'])}</th>{head_groups}</tr>\n"
        f"<tr>{head_items}</tr></thead>\n"
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>"
    )


_SVG_STYLE = (
    ".analysis-chain svg{width:100%;height:auto;max-width:36rem;display:block}"
    ".analysis-chain .edge{fill:none;stroke:var(--md-default-fg-color--light,#888);"
    "stroke-width:.8;opacity:.55}"
    ".analysis-chain .edge-follows_from{stroke-dasharray:3 2}"
    ".analysis-chain .node rect{fill:var(--md-default-bg-color,#fff);"
    "stroke:var(--md-accent-fg-color,#d32f2f);stroke-width:1}"
    ".analysis-chain .node text{fill:var(--md-default-fg-color,#000);font-size:10.5px}"
    ".analysis-chain .node:focus rect,.analysis-chain .node:hover rect{stroke-width:2.5}"
    ".analysis-chain .column{fill:var(--md-default-fg-color,#000);font-size:11px;"
    "font-weight:700}"
)


def chain_columns(relations: Relations) -> list[list[Item]]:
    """The diagram's four columns, each ordered to cut crossings (barycentre heuristic).

    Part I keeps the report's order; each later column is sorted by the mean position of its
    neighbours in the columns before it, then the middle columns once more by both sides.
    Ties keep reading order.
    """
    columns = [_items_of(relations, part) for part in _PART_ORDER]
    neighbours: dict[str, set[str]] = {}
    for link in relations.links:
        if link.kind != "rests_on":
            neighbours.setdefault(link.from_, set()).add(link.to)
            neighbours.setdefault(link.to, set()).add(link.from_)

    def reorder(index: int, sides: tuple[int, ...]) -> None:
        position = {item.anchor: rank for side in sides for rank, item in enumerate(columns[side])}

        def key(pair: tuple[int, Item]) -> tuple[float, int]:
            rank, item = pair
            found = [position[n] for n in neighbours.get(item.anchor, ()) if n in position]
            return (sum(found) / len(found) if found else rank, rank)

        columns[index] = [item for _, item in sorted(enumerate(columns[index]), key=key)]

    for index in (1, 2, 3):
        reorder(index, tuple(range(index)))
    for index in (2, 1):
        reorder(index, (index - 1, index + 1))
    return columns


def crossings(relations: Relations, columns: list[list[Item]]) -> int:
    """Pairs of diagram edges that cross (between columns next to each other or not)."""
    place = {item.anchor: (c, r) for c, items in enumerate(columns) for r, item in enumerate(items)}
    edges = sorted(
        tuple(sorted((place[link.from_], place[link.to])))
        for link in relations.links
        if link.kind != "rests_on" and link.from_ in place and link.to in place
    )
    count = 0
    for i, (a1, b1) in enumerate(edges):
        for a2, b2 in edges[i + 1 :]:
            if a1[0] == a2[0] and b1[0] == b2[0] and (a1[1] - a2[1]) * (b1[1] - b2[1]) < 0:
                count += 1
    return count


def _chain_svg(relations: Relations, locale: str, href: Href) -> str:
    m = _M[locale]
    width, node_w, node_h, pitch, top = 420, 80, 20, 26, 30
    xs = (5, 115, 225, 335)
    columns = chain_columns(relations)
    rows_h = pitch * max((len(c) for c in columns), default=1)
    height = top + rows_h + 6
    centre: dict[str, tuple[int, float]] = {}  # anchor -> (column, y of the middle)
    nodes = []
    for column, items in enumerate(columns):
        slot = rows_h / max(len(items), 1)
        for index, item in enumerate(items):
            y = round(top + slot * (index + 0.5) - node_h / 2, 1)
            centre[item.anchor] = (column, y + node_h / 2)
            label = anchor_label(item.anchor, locale)
            title = f"{label} ({_COLUMNS[locale][column]})"
            x = xs[column]
            nodes.append(
                f'<a class="node" href="{_e(href(item.anchor))}">'
                f"<title>{_e(title)}</title>"
                f'<rect x="{x}" y="{y}" width="{node_w}" height="{node_h}" rx="3"/>'
                f'<text x="{x + node_w / 2:g}" y="{y + 14:g}" text-anchor="middle">'
                f"{_e(label)}</text></a>"
            )
    edges = []
    for link in relations.links:
        if link.kind == "rests_on" or link.from_ not in centre or link.to not in centre:
            continue
        # Draw from the earlier column to the later one, whatever the link's direction.
        (c1, y1), (c2, y2) = sorted((centre[link.from_], centre[link.to]))
        x1, x2 = xs[c1] + node_w, xs[c2]
        bend = (x2 - x1) / 2
        edges.append(
            f'<path class="edge edge-{link.kind}" d="M{x1} {y1:g} C{x1 + bend:g} {y1:g} '
            f'{x2 - bend:g} {y2:g} {x2} {y2:g}"/>'
        )
    # The last header is right-aligned: "Recommendations" is wider than its column.
    headers = "".join(
        f'<text class="column" x="{x + node_w if last else x + node_w / 2:g}" y="16" '
        f'text-anchor="{"end" if last else "middle"}">{_e(name)}</text>'
        for x, name, last in zip(xs, _COLUMNS[locale], (False, False, False, True), strict=True)
    )
    count = sum(1 for link in relations.links if link.kind != "rests_on")
    aria = m["chain_label"].format(
        i=len(columns[0]), ii=len(columns[1]), iii=len(columns[2]), iv=len(columns[3]), n=count
    )
    # role="group", not "img": an image's children are hidden from assistive technology, and
    # the nodes are links (axe: nested-interactive). The list version follows for reading.
    return (
        '<figure class="analysis-chain">\n'
        f'<svg viewBox="0 0 {width} {height:g}" role="group" aria-label="{_e(aria)}" '
        'xmlns="http://www.w3.org/2000/svg">'
        f"<style>{_SVG_STYLE}</style>"
        f'{headers}<g aria-hidden="true">{"".join(edges)}</g>{"".join(nodes)}</svg>\n'
        f"<figcaption>{_e(m['chain_caption'].format(label=map_label(relations, locale)))}"
        "</figcaption>\n</figure>"
    )


def _chain_list(
    relations: Relations, registry: Registry, locale: str, href: Href, doc_href: Href
) -> list[str]:
    """The analysis chain as lists under headings, one per kind of link."""
    m = _M[locale]
    sections = (
        ("explained_by", "list_explained", "i"),
        ("addressed_by", "list_addressed", "ii"),
        ("follows_from", "list_follows", "iv"),
        ("rests_on", "list_rests", ""),
        ("related", "list_related", ""),
    )
    ids = {"explained_by": "bieu-hien", "addressed_by": "nguyen-nhan", "follows_from": "kien-nghi",
           "rests_on": "van-ban", "related": "van-ban-lien-quan"}  # fmt: skip
    out: list[str] = []
    for section, title, part in sections:
        # "related": the document links the report does not state, apart from the stated ones.
        kind = "rests_on" if section == "related" else section
        sources = _items_of(relations, part) if part else list(relations.items)
        entries = []
        for source in sources:
            found = [
                link
                for link in relations.links
                if link.kind == kind
                and link.from_ == source.anchor
                and (kind != "rests_on" or link.stated == (section == "rests_on"))
            ]
            if not found:
                continue
            if kind != "rests_on":
                found.sort(key=lambda link: relations.order(link.to))
            targets = []
            for link in found:
                if kind == "rests_on":
                    doc = registry.get(link.to)
                    url, label = doc_href(link.to), doc.title(locale) if doc else link.to
                else:
                    url, label = href(link.to), anchor_label(link.to, locale)
                rationale = rationale_html(link.rationale.text(locale), relations, doc_href)
                targets.append(
                    f'<li><a href="{_e(url)}">{_e(label)}</a> '
                    f"<small>{_e(stated_label(link, locale))} {rationale}</small></li>"
                )
            entries.append(
                f'<li><a href="{_e(href(source.anchor))}">'
                f"{_e(anchor_label(source.anchor, locale))}</a> {_e(m[section])}\n"
                f"<ul>{''.join(targets)}</ul></li>"
            )
        if entries:
            out += [f"## {m[title]} {{: #{ids[section]} }}", ""]
            out += ['<ul class="analysis-list">', *entries, "</ul>", ""]
    return out


def _note(locale: str) -> list[str]:
    m = _M[locale]
    return [f'!!! note "{m["note_title"]}"', "", f"    {m['note']}", ""]


def render_map(relations: Relations, locale: str, href: Href) -> str:
    """Markdown (with raw HTML blocks) for the analysis map: matrix and diagram, then a link to
    the list (LIST_PAGE, beside the map's page; see render_list).

    Links sit in raw HTML, which MkDocs does not rewrite: `href` must return the final URLs
    relative to the map page (e.g. `../bao-cao/ii-nguyen-nhan/#ii-1-c`).
    """
    m = _M[locale]
    lines = [
        *_note(locale),
        f"## {m['matrix']} {{: #ma-tran }}",
        "",
        f"<p><strong>{_e(m['matrix_caption'].format(label=map_label(relations, locale)))}."
        f"</strong> <small>{_e(m['legend'])}</small></p>",
        "",
        _matrix(relations, locale, href),
        "",
        f"## {m['chain']} {{: #so-do }}",
        "",
        # A phone shows the list instead of the diagram (site.css: .map-phone-view).
        f"**[{m['list']}]({LIST_PAGE})**: {m['to_list'].rstrip(':').lower()}.",
        "{: .map-phone-view }",
        "",
        _chain_svg(relations, locale, href),
        "",
        f"{m['to_list']} [{m['list']}]({LIST_PAGE}).",
    ]
    return "\n".join(lines) + "\n"


def render_list(
    relations: Relations, registry: Registry, locale: str, href: Href, doc_href: Href
) -> str:
    """Markdown (with raw HTML blocks) for the analysis chain as a list, with each link's
    rationale: the map's text version, on a page of its own (a phone lays out the map's page
    in half the time without it). `href` and `doc_href` as for render_map, from this page."""
    m = _M[locale]
    lines = [*_note(locale), m["list_intro"].format(map=MAP_PAGE), ""]
    lines += _chain_list(relations, registry, locale, href, doc_href)
    return "\n".join(lines).rstrip("\n") + "\n"
