"""Draw the editorial analysis links: the block under an item, the map and the list.

The links are loaded and checked by kb.model.relations; the markup is in
kb/render/templates/analysis-*, the styles in docs/assets/site.css, the words in
kb/model/locales/<locale>/analysis.yml.
"""

from __future__ import annotations

import re
from itertools import combinations, groupby
from typing import Any

from markupsafe import Markup

from kb.model.citations import extract
from kb.model.i18n import ui
from kb.model.labels import anchor_label
from kb.model.relations import PART_ORDER, Href, Item, Relation, Relations
from kb.render.htmltext import element_end
from kb.render.templating import render

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


def _t(locale: str) -> dict[str, Any]:
    return ui(locale)["analysis"]


def stated_label(link: Relation, locale: str) -> str:
    """Whether the report itself makes a link: every link shown says which."""
    return str(_t(locale)["stated" if link.stated else "unstated"])


def map_label(relations: Relations, locale: str) -> str:
    """The map's captions say the report does not state its links (true of every one drawn)."""
    drawn = [link for link in relations.links if link.kind != "rests_on"]
    return str(_t(locale)["some_stated" if any(link.stated for link in drawn) else "none_stated"])


_DOC_LINK = Markup('<a href="{0}">{1}</a>')


def rationale_html(text: str, relations: Relations, doc_href: Href) -> Markup:
    """A rationale as HTML: each registered document it mentions links to its page."""
    out, pos = Markup(""), 0
    for citation in extract(text):
        if citation.key not in relations.document_titles:
            continue
        out += text[pos : citation.start]
        out += _DOC_LINK.format(doc_href(citation.key), citation.span)
        pos = citation.end
    return out + text[pos:]


# --- the editorial block under an item -----------------------------------------------------------


def _linked(
    relations: Relations, anchor: str, kind: str, direction: str
) -> list[tuple[str, Relation]]:
    """(other end, link) for an item's links of one kind: "out" from it, "in" to it, or
    "related" (documents the report does not name for it); items in reading order."""
    found = [
        (link.from_ if direction == "in" else link.to, link)
        for link in relations.links
        if link.kind == kind
        and (link.to if direction == "in" else link.from_) == anchor
        and (kind != "rests_on" or link.stated == (direction == "out"))
    ]
    if kind != "rests_on":  # documents keep the order the editors wrote them in
        found.sort(key=lambda pair: relations.order(pair[0]))
    return found


def _target(
    other: str, link: Relation, relations: Relations, locale: str, *, href: Href, doc_href: Href
) -> dict[str, str]:
    """One linked item or document as the templates show it: where, what, and why."""
    if link.kind == "rests_on":
        url, label = doc_href(other), relations.document_title(other, locale)
    else:
        url, label = href(other), anchor_label(other, locale)
    return {
        "url": url,
        "label": label,
        "origin": relations.origin(link),
        "stated": stated_label(link, locale),
        "rationale": rationale_html(link.rationale.text(locale), relations, doc_href),
    }


def analysis_html(
    anchor: str, relations: Relations, locale: str, href: Href, doc_href: Href
) -> str | None:
    """The collapsed editorial block for one item, or None when the item has no links.

    `href(anchor)` and `doc_href(number)` return URLs usable as they are in HTML.
    """
    t = _t(locale)
    rows = [
        (
            t["groups"][kind][direction],
            [_target(*pair, relations, locale, href=href, doc_href=doc_href) for pair in found],
        )
        for kind, direction in _GROUPS
        if (found := _linked(relations, anchor, kind, direction))
    ]
    if not rows:
        return None
    count = sum(len(found) for _, found in rows)
    return render("analysis-block.html", t=t, summary=t["summary"].format(n=count), groups=rows)


_ITEM_OPEN = re.compile(r'<(?P<tag>p|li) id="(?P<id>[^"]+)"[^>]*>')


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
        _, _, end = element_end(page_html, match.group("id"))
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


def _items_of(relations: Relations, part: str) -> list[Item]:
    return [item for item in relations.items if item.part == part]


def _short(anchor: str, locale: str) -> tuple[str, str]:
    """("III.1", "a") from "III.1 a": a group header and a narrow column label."""
    group, _, rest = anchor_label(anchor, locale).partition(" ")
    return group, rest or group


def _matrix(relations: Relations, locale: str, href: Href) -> dict[str, Any]:
    """What the matrix template needs: column groups, columns, and one row per cause."""
    causes, solutions = _items_of(relations, "ii"), _items_of(relations, "iii")
    cells = {(link.from_, link.to): link for link in relations.links if link.kind == "addressed_by"}
    by_group = groupby(solutions, key=lambda item: _short(item.anchor, locale)[0])
    groups = [(group, len(list(items))) for group, items in by_group]
    columns = [
        {
            "href": href(item.anchor),
            "label": anchor_label(item.anchor, locale),
            "short": _short(item.anchor, locale)[1],
        }
        for item in solutions
    ]
    rows = []
    for cause in causes:
        label = anchor_label(cause.anchor, locale)
        row: list[dict[str, str] | None] = []
        for solution in solutions:
            link = cells.get((cause.anchor, solution.anchor))
            if link is None:
                row.append(None)
                continue
            target = anchor_label(solution.anchor, locale)
            rationale = f"{stated_label(link, locale)} {link.rationale.text(locale)}"
            aria = f"{label} → {target}: {rationale}"
            row.append({"href": href(solution.anchor), "title": rationale, "aria": aria})
        rows.append({"href": href(cause.anchor), "label": label, "cells": row})
    return {"groups": groups, "solutions": columns, "rows": rows}


def chain_columns(relations: Relations) -> list[list[Item]]:
    """The diagram's four columns, each ordered to cut crossings (barycentre heuristic).

    Part I keeps the report's order; each later column is sorted by the mean position of its
    neighbours in the columns before it, then the middle columns once more by both sides.
    Ties keep reading order.
    """
    columns = [_items_of(relations, part) for part in PART_ORDER]
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
    return sum(
        a1[0] == a2[0] and b1[0] == b2[0] and (a1[1] - a2[1]) * (b1[1] - b2[1]) < 0
        for (a1, b1), (a2, b2) in combinations(edges, 2)
    )


def _chain(relations: Relations, locale: str, href: Href) -> dict[str, Any]:
    """What the diagram template needs: geometry of the headers, edges and nodes."""
    t = _t(locale)
    names = t["columns"]
    node_w, node_h, pitch, top = 80, 20, 26, 30
    xs = (5, 115, 225, 335)
    columns = chain_columns(relations)
    rows_h = pitch * max((len(c) for c in columns), default=1)
    centre: dict[str, tuple[int, float]] = {}  # anchor -> (column, y of the middle)
    nodes = []
    for column, items in enumerate(columns):
        slot = rows_h / max(len(items), 1)
        for index, item in enumerate(items):
            y = round(top + slot * (index + 0.5) - node_h / 2, 1)
            centre[item.anchor] = (column, y + node_h / 2)
            label = anchor_label(item.anchor, locale)
            nodes.append({"href": href(item.anchor), "label": label, "column": column, "y": y})
    edges = []
    for link in relations.links:
        if link.kind == "rests_on" or link.from_ not in centre or link.to not in centre:
            continue
        # Draw from the earlier column to the later one, whatever the link's direction.
        (c1, y1), (c2, y2) = sorted((centre[link.from_], centre[link.to]))
        x1, x2 = xs[c1] + node_w, xs[c2]
        bend = (x2 - x1) / 2
        path = f"M{x1} {y1:g} C{x1 + bend:g} {y1:g} {x2 - bend:g} {y2:g} {x2} {y2:g}"
        edges.append({"kind": link.kind, "d": path})
    count = sum(1 for link in relations.links if link.kind != "rests_on")
    sizes = {part: len(column) for part, column in zip(PART_ORDER, columns, strict=True)}
    return {
        "width": 420,
        "height": f"{top + rows_h + 6:g}",
        "node_w": node_w,
        "node_h": node_h,
        "aria": t["map"]["chain_label"].format(n=count, **sizes),
        "xs": xs,
        "names": names,
        "edges": edges,
        "nodes": nodes,
        "chain_caption": t["map"]["chain_caption"].format(label=map_label(relations, locale)),
    }


def render_map(relations: Relations, locale: str, href: Href) -> str:
    """Markdown (with raw HTML blocks) for the analysis map: matrix and diagram, then a link to
    the list (LIST_PAGE, beside the map's page; see render_list).

    Links sit in raw HTML, which MkDocs does not rewrite: `href` must return the final URLs
    relative to the map page (e.g. `../bao-cao/ii-nguyen-nhan/#ii-1-c`).
    """
    m = _t(locale)["map"]
    caption = m["matrix_caption"].format(label=map_label(relations, locale))
    page = render(
        "analysis-map.md",
        m=m,
        caption=caption,
        list_page=LIST_PAGE,
        **_matrix(relations, locale, href),
        **_chain(relations, locale, href),
    )
    return page + "\n"


def _sections(relations: Relations, locale: str, href: Href, doc_href: Href) -> list[Any]:
    """The analysis chain as lists under headings, one per kind of link."""
    m = _t(locale)["map"]
    sections = (  # kind, title, part of the items it starts from, id; "related": see _linked
        ("explained_by", "list_explained", "i", "bieu-hien"),
        ("addressed_by", "list_addressed", "ii", "nguyen-nhan"),
        ("follows_from", "list_follows", "iv", "kien-nghi"),
        ("rests_on", "list_rests", "", "van-ban"),
        ("related", "list_related", "", "van-ban-lien-quan"),
    )
    out: list[dict[str, Any]] = []
    for section, title, part, section_id in sections:
        kind, direction = ("rests_on", "related") if section == "related" else (section, "out")
        entries = [
            {
                "href": href(source.anchor),
                "label": anchor_label(source.anchor, locale),
                "word": m[section],
                "targets": [
                    _target(*pair, relations, locale, href=href, doc_href=doc_href)
                    for pair in found
                ],
            }
            for source in (_items_of(relations, part) if part else relations.items)
            if (found := _linked(relations, source.anchor, kind, direction))
        ]
        if entries:
            out.append({"title": m[title], "id": section_id, "entries": entries})
    return out


def render_list(relations: Relations, locale: str, href: Href, doc_href: Href) -> str:
    """Markdown (with raw HTML blocks) for the analysis chain as a list, with each link's
    rationale: the map's text version, on a page of its own (a phone lays out the map's page
    in half the time without it). `href` and `doc_href` as for render_map, from this page."""
    sections = _sections(relations, locale, href, doc_href)
    page = render("analysis-list.md", m=_t(locale)["map"], map_page=MAP_PAGE, sections=sections)
    return page.rstrip("\n") + "\n"
