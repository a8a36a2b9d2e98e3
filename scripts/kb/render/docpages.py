"""Pages made from data (Markdown): each cited document, the documents index, the glossary."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kb.model.citations import extract
from kb.model.citeindex import Occurrence, quotation
from kb.model.glossary import Entry, Glossary, sort_key
from kb.model.i18n import DEFAULT_LOCALE, ui
from kb.model.labels import anchor_label
from kb.model.registry import DOC_TYPES, LEVEL_NAMES, CitedDocument, Registry
from kb.render.templating import render

DOCUMENTS_DIR = "van-ban"


def _t(locale: str) -> dict[str, Any]:
    """The interface strings of these pages (kb/model/locales/<locale>/documents.yml)."""
    return ui(locale)["documents"]


_MD_SPECIAL = set("\\`*_{}[]<>()#+!|&~")


def md_text(value: str) -> str:
    """Registry text as literal Markdown: every markup character becomes a character reference.

    >>> md_text("A & <script> *b*")
    'A &#38; &#60;script&#62; &#42;b&#42;'
    """
    return "".join(f"&#{ord(c)};" if c in _MD_SPECIAL else c for c in value)


def json_ld_text(value: object) -> str:
    """JSON for a <script> element: `<`, `>` and `&` escaped so text can never close it."""
    text = json.dumps(value, ensure_ascii=False, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True)
class PageContext:
    """What a document page needs to know about the rest of the site."""

    locale: str
    page_path: str  # docs-relative path of the page being rendered, e.g. van-ban/114-qd-tw.md
    anchor_pages: Mapping[str, str]  # permalink id -> docs-relative report page (default lang)


def document_path(doc: CitedDocument) -> str:
    return f"{DOCUMENTS_DIR}/{doc.slug}.md"


def _href(ctx: PageContext, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(ctx.page_path))


def _anchor_href(ctx: PageContext, anchor: str) -> str:
    return f"{_href(ctx, ctx.anchor_pages[anchor])}#{anchor}"


def _doc_link(ctx: PageContext, doc: CitedDocument) -> str:
    return f"[{md_text(doc.title(ctx.locale))}]({_href(ctx, document_path(doc))})"


def render_document(
    doc: CitedDocument, registry: Registry, cited: Sequence[Occurrence], ctx: PageContext
) -> str:
    """A cited document's page (Markdown): facts, status, what the report says, relations."""
    t = _t(ctx.locale)
    locale = ctx.locale
    default = locale == DEFAULT_LOCALE
    issuer = registry.issuer(doc.issuer)
    subject = doc.subject_in(locale)
    source = ""  # else the template gives the source's address as a Markdown autolink
    if doc.source == "report" and doc.source_paragraph:
        source = t["source_report"].format(
            label=anchor_label(doc.source_paragraph, locale),
            href=_anchor_href(ctx, doc.source_paragraph),
        )
    status = [
        t["replaced_by"].format(doc=_doc_link(ctx, d)) for d in registry.replaced_by(doc.number)
    ]
    for relation in doc.relations:
        target = registry.get(relation.target)
        if relation.kind == "replaces" and target:
            status.append(t["replaces"].format(doc=_doc_link(ctx, target)))
    note = doc.note if default else doc.note_en
    quotes = [
        {
            "text": md_text(_quote(occurrence, doc.number)),
            "label": anchor_label(occurrence.anchor or "", locale),
            "href": _anchor_href(ctx, occurrence.anchor or ""),
        }
        for occurrence in cited
    ]
    provisions = [
        {
            "text": t["provision"].format(clause=provision.clause, article=provision.article),
            "label": anchor_label(provision.paragraph, locale),
            "href": _anchor_href(ctx, provision.paragraph),
        }
        for provision in doc.provisions
    ]
    return render(
        "document.md",
        t=t,
        title=md_text(doc.title(locale)),
        subject=md_text(subject) if subject else "",
        number=md_text(doc.number),
        doc_type=md_text(doc.doc_type if default else DOC_TYPES[doc.doc_type][0]),
        issuer=md_text(doc.issuer if default else f"{issuer.en} ({doc.issuer})"),
        iso_date=doc.date.isoformat(),
        date=f"{doc.date.day:02d}/{doc.date.month:02d}/{doc.date.year}",
        level=LEVEL_NAMES[locale][issuer.level],
        source=source,
        source_url=doc.source,
        note=md_text(note) if note else "",
        status=" ".join(status) if status else t["no_status"],
        quotes=quotes,
        provisions=provisions,
        related=_related(doc, registry, ctx),
    )


def _quote(occurrence: Occurrence, number: str) -> str:
    text = occurrence.block_text
    for citation in extract(text):
        if citation.key == number:
            return quotation(text, citation.start, citation.end)
    return text


def _related(doc: CitedDocument, registry: Registry, ctx: PageContext) -> list[str]:
    t = _t(ctx.locale)
    items = []
    if doc.implemented_by_report:
        items.append(f"- {t['rel_implemented']}")
    for relation in doc.relations:
        target = registry.get(relation.target)
        if target:
            items.append(f"- {t['rel_' + relation.kind]}: {_doc_link(ctx, target)}")
    for other in registry:
        for relation in other.relations:
            if relation.target == doc.number:
                word = "rel_replaced_by" if relation.kind == "replaces" else "rel_continued_by"
                items.append(f"- {t[word]}: {_doc_link(ctx, other)}")
    return items


def json_ld(doc: CitedDocument, registry: Registry, locale: str, url: str) -> str:
    """schema.org Legislation for a document page, from registry facts only."""
    issuer = registry.issuer(doc.issuer)
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": doc.title(DEFAULT_LOCALE),
        "legislationIdentifier": doc.number,
        "legislationType": doc.doc_type,
        "legislationDate": doc.date.isoformat(),
        "legislationPassedBy": {
            "@type": "Organization",
            "name": doc.issuer,
            "alternateName": issuer.en,
        },
        "inLanguage": DEFAULT_LOCALE,
        "url": url,
    }
    if doc.subject:
        data["abstract"] = doc.subject
    changes = [
        {"@type": "Legislation", "legislationIdentifier": r.target}
        for r in doc.relations
        if r.kind == "replaces"
    ]
    if changes:
        data["legislationChanges"] = changes
    if registry.replaced_by(doc.number):
        # The report states the replacement; whether it is in force otherwise is not stated.
        data["legislationLegalForce"] = "NotInForce"
    if locale != DEFAULT_LOCALE:
        data["description"] = doc.subject_en or doc.title(locale)
    return json_ld_text(data)


def render_index(registry: Registry, counts: Mapping[str, int], ctx: PageContext) -> str:
    """The documents index: a sortable table and a relations diagram drawn at build time."""
    default = ctx.locale == DEFAULT_LOCALE
    rows = []
    for doc in sorted(registry, key=lambda d: d.date):
        issuer = registry.issuer(doc.issuer)
        rows.append(
            {
                "link": _doc_link(ctx, doc),
                "doc_type": md_text(doc.doc_type if default else DOC_TYPES[doc.doc_type][0]),
                "issuer": md_text(doc.issuer if default else issuer.en),
                "iso_date": doc.date.isoformat(),
                "date": f"{doc.date:%d/%m/%Y}",
                "level": LEVEL_NAMES[ctx.locale][issuer.level],
                "count": counts.get(doc.number, 0),
            }
        )
    diagram = relations_svg(registry, ctx)
    return render("documents-index.md", t=_t(ctx.locale), rows=rows, diagram=diagram) + "\n"


def relations_svg(registry: Registry, ctx: PageContext) -> str:
    """An SVG drawn at build time: report, documents by level, and stated relations."""
    locale = ctx.locale
    docs = sorted(registry, key=lambda d: (registry.issuer(d.issuer).level, d.date))
    width, row_h, box_w = 360, 34, 150
    box_x = width - box_w - 10
    height = row_h * len(docs) + 20
    report_y = height / 2
    y_of: dict[str, float] = {}
    nodes = []
    for index, doc in enumerate(docs):
        y = 10 + index * row_h
        y_of[doc.number] = y + 12
        href = (_href(ctx, document_path(doc)).removesuffix(".md") + "/").replace("/index/", "/")
        nodes.append(
            {
                "href": href,
                "level": registry.issuer(doc.issuer).level,
                "title": f"{doc.title(locale)} ({doc.date:%d/%m/%Y})",
                "y": y,
                "number": doc.number,
            }
        )
    edges = []
    for doc in docs:
        for relation in doc.relations:
            if relation.target in y_of:
                y1, y2 = y_of[doc.number], y_of[relation.target]
                path = f"M{box_x} {y1} C{box_x - 40} {y1} {box_x - 40} {y2} {box_x} {y2}"
                edges.append({"kind": relation.kind, "d": path})
        if doc.implemented_by_report:
            path = f"M90 {report_y} L{box_x} {y_of[doc.number]}"
            edges.append({"kind": "implements", "d": path})
    return render(
        "documents-diagram.html",
        t=_t(locale),
        width=width,
        height=height,
        box_w=box_w,
        box_x=box_x,
        text_x=width - box_w / 2 - 10,
        report_y=report_y,
        cites=[f"M90 {report_y} L{box_x} {y}" for y in y_of.values()],
        edges=edges,
        nodes=nodes,
        legend=_legend(registry, locale),
    )


def _legend(registry: Registry, locale: str) -> str:
    """The diagram's caption, from the relations the registry records."""
    words = _t(locale)["legend"]
    sentences = [words["cites"]]
    for doc in registry:
        if doc.implemented_by_report:
            sentences.append(f"{words['implements']} {doc.number}")
        for relation in doc.relations:
            verb = words["replaces"] if relation.kind == "replaces" else words["continues"]
            sentences.append(f"{doc.number} {verb} {relation.target}")
    return "; ".join(sentences) + "."


# --- the glossary page ---------------------------------------------------------------------------


def _heading(entry: Entry, locale: str) -> str:
    if entry.kind == "term" and locale != DEFAULT_LOCALE:
        return entry.en_term or entry.term
    return entry.term


def _description(entry: Entry, locale: str) -> str:
    definition = md_text(entry.definition.in_(locale))
    if entry.expansion is not None:
        expansion = f"**{md_text(entry.expansion.in_(locale))}**"
        if locale != DEFAULT_LOCALE:
            expansion += f" (*{md_text(entry.expansion.in_(DEFAULT_LOCALE))}*)"
        return f"{expansion} — {definition}"
    if locale != DEFAULT_LOCALE:
        return f"*{md_text(entry.term)}* — {definition}"
    return definition


def render_glossary(glossary: Glossary, locale: str) -> str:
    """Markdown for the glossary page: abbreviations, then terms, each a sorted definition list.

    Every entry's term carries the id `slugify(term)` in both languages (`thuat-ngu.md#btv`).
    """
    t = ui(locale)["glossary"]
    lines = [f'!!! note "{t["note_title"]}"', "", f"    {t['note']}", ""]
    for kind, title, anchor in (
        ("abbreviation", t["abbreviations"], "chu-viet-tat"),
        ("term", t["terms"], "thuat-ngu"),
    ):
        lines += [f"## {title} {{: #{anchor} }}", ""]
        entries = sorted(glossary.of_kind(kind), key=lambda e: sort_key(_heading(e, locale)))
        if not entries:
            lines += [t["none"], ""]
        for entry in entries:
            lines += [
                f"**{md_text(_heading(entry, locale))}** {{: #{entry.slug} }}",
                f":   {_description(entry, locale)}",
                "",
            ]
    return "\n".join(lines).rstrip("\n") + "\n"
