"""Render the pages of cited documents and the documents index from the registry (Markdown)."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kb.citations import extract
from kb.citeindex import Occurrence, quotation
from kb.labels import anchor_label
from kb.registry import DOC_TYPES, LEVEL_NAMES, CitedDocument, Registry

DOCUMENTS_DIR = "van-ban"

_T = {
    "vi": {
        "facts": "Thông tin văn bản",
        "field": "Mục",
        "value": "Thông tin",
        "number": "Số, ký hiệu",
        "type": "Loại văn bản",
        "issuer": "Cơ quan ban hành",
        "date": "Ngày ban hành",
        "level": "Cấp",
        "subject": "Trích yếu (theo lời báo cáo)",
        "no_subject": "Báo cáo không nêu",
        "status": "Tình trạng",
        "source": "Nguồn",
        "source_report": "Báo cáo (xem [{label}]({href}))",
        "replaced_by": "Báo cáo nêu: đã được thay thế bởi {doc}.",
        "replaces": "Báo cáo nêu: văn bản này thay thế {doc}.",
        "no_status": "Báo cáo không nêu tình trạng hiệu lực của văn bản này.",
        "says": "Báo cáo nói gì về văn bản này",
        "provisions": "Điều, khoản được báo cáo dẫn",
        "provision": "khoản {clause} Điều {article}",
        "cited_in": "Được dẫn chiếu tại",
        "related": "Văn bản liên quan",
        "rel_replaces": "Thay thế",
        "rel_replaced_by": "Được thay thế bởi",
        "rel_continues": "Tiếp tục thực hiện",
        "rel_continued_by": "Được tiếp tục thực hiện bởi",
        "rel_implemented": "Báo cáo được xây dựng để thực hiện Kế hoạch này (theo lời mở đầu).",
        "no_related": "Báo cáo không nêu quan hệ với văn bản khác.",
        "editorial": (
            "Trang này được tạo từ sổ đăng ký văn bản của trang; mọi thông tin lấy từ chính báo cáo"
            " (hoặc nguồn được ghi rõ). Trích dẫn in nghiêng là lời của báo cáo."
        ),
        "editorial_title": "Ghi chú biên tập",
        "note": "Ghi chú",
        "index_intro": "{n} văn bản được báo cáo dẫn chiếu. Bấm tiêu đề cột để sắp xếp.",
        "count": "Số lần dẫn",
        "diagram": "Sơ đồ quan hệ",
        "diagram_desc": (
            "Báo cáo và các văn bản được dẫn chiếu; mũi tên ghi quan hệ mà báo cáo nêu "
            "(thực hiện, thay thế, tiếp tục thực hiện)."
        ),
    },
    "en": {
        "facts": "Document facts",
        "field": "Item",
        "value": "Information",
        "number": "Number",
        "type": "Document type",
        "issuer": "Issued by",
        "date": "Date of issue",
        "level": "Level",
        "subject": "Subject (in the report's words)",
        "no_subject": "Not stated in the report",
        "status": "Status",
        "source": "Source",
        "source_report": "The report (see [{label}]({href}))",
        "replaced_by": "The report states: replaced by {doc}.",
        "replaces": "The report states: this document replaces {doc}.",
        "no_status": "The report does not state whether this document is in force.",
        "says": "What the report says about it",
        "provisions": "Provisions the report points at",
        "provision": "clause {clause} of Article {article}",
        "cited_in": "Cited in",
        "related": "Related documents",
        "rel_replaces": "Replaces",
        "rel_replaced_by": "Replaced by",
        "rel_continues": "Continues the implementation of",
        "rel_continued_by": "Implementation continued by",
        "rel_implemented": "The report was made to implement this Plan (per its preamble).",
        "no_related": "The report states no relation to other documents.",
        "editorial": (
            "This page is generated from the site's registry of documents; every fact comes from"
            " the report itself (or a source named here). Quotations in italics are the report's"
            " words, in unofficial translation."
        ),
        "editorial_title": "Editorial note",
        "note": "Note",
        "index_intro": "The {n} documents the report cites. Select a column header to sort.",
        "count": "Citations",
        "diagram": "Relations diagram",
        "diagram_desc": (
            "The report and the documents it cites; arrows show the relations the report states "
            "(implements, replaces, continues)."
        ),
    },
}

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
    t = _T[ctx.locale]
    locale = ctx.locale
    issuer = registry.issuer(doc.issuer)
    issuer_text = md_text(doc.issuer if locale == "vi" else f"{issuer.en} ({doc.issuer})")
    date = f"{doc.date.day:02d}/{doc.date.month:02d}/{doc.date.year}"
    subject = doc.subject_in(locale)
    doc_type = doc.doc_type if locale == "vi" else DOC_TYPES[doc.doc_type][0]
    lines = [
        f"# {md_text(doc.title(locale))}",
        "",
        f"*{md_text(subject)}*" if subject else "",
        "",
        f'!!! note "{t["editorial_title"]}"',
        "",
        f"    {t['editorial']}",
        "",
        f"## {t['facts']}",
        "",
        f"| {t['field']} | {t['value']} |",
        "|---|---|",
        f"| {t['number']} | {md_text(doc.number)} |",
        f"| {t['type']} | {md_text(doc_type)} |",
        f"| {t['issuer']} | {issuer_text} |",
        f'| {t["date"]} | <time datetime="{doc.date.isoformat()}">{date}</time> |',
        f"| {t['level']} | {LEVEL_NAMES[locale][issuer.level]} |",
        f"| {t['subject']} | {md_text(subject) if subject else t['no_subject']} |",
    ]
    if doc.source == "report" and doc.source_paragraph:
        source = t["source_report"].format(
            label=anchor_label(doc.source_paragraph, locale),
            href=_anchor_href(ctx, doc.source_paragraph),
        )
    else:
        source = f"<{doc.source}>"
    lines.append(f"| {t['source']} | {source} |")
    note = doc.note if locale == "vi" else doc.note_en
    if note:
        lines += ["", f"**{t['note']}:** {md_text(note)}"]

    lines += ["", f"## {t['status']}", ""]
    replaced_by = registry.replaced_by(doc.number)
    status = [t["replaced_by"].format(doc=_doc_link(ctx, d)) for d in replaced_by]
    for relation in doc.relations:
        target = registry.get(relation.target)
        if relation.kind == "replaces" and target:
            status.append(t["replaces"].format(doc=_doc_link(ctx, target)))
    lines.append(" ".join(status) if status else t["no_status"])

    lines += ["", f"## {t['says']}", ""]
    for occurrence in cited:
        quote = _quote(occurrence, doc.number)
        label = anchor_label(occurrence.anchor or "", locale)
        href = _anchor_href(ctx, occurrence.anchor or "")
        lines += [f"> *{md_text(quote)}*", ">", f"> — [{label}]({href})", ""]

    if doc.provisions:
        lines += [f"## {t['provisions']}", ""]
        for provision in doc.provisions:
            text = t["provision"].format(clause=provision.clause, article=provision.article)
            label = anchor_label(provision.paragraph, locale)
            lines.append(f"- {text}: [{label}]({_anchor_href(ctx, provision.paragraph)})")
        lines.append("")

    lines += [f"## {t['cited_in']}", ""]
    lines += [
        f"- [{anchor_label(o.anchor or '', locale)}]({_anchor_href(ctx, o.anchor or '')})"
        for o in cited
    ]
    lines += ["", f"## {t['related']}", ""]
    related = _related(doc, registry, ctx)
    lines += related or [t["no_related"]]
    return "\n".join(lines) + "\n"


def _quote(occurrence: Occurrence, number: str) -> str:
    text = occurrence.block_text
    for citation in extract(text):
        if citation.key == number:
            return quotation(text, citation.start, citation.end)
    return text


def _related(doc: CitedDocument, registry: Registry, ctx: PageContext) -> list[str]:
    t = _T[ctx.locale]
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
        "name": doc.title("vi"),
        "legislationIdentifier": doc.number,
        "legislationType": doc.doc_type,
        "legislationDate": doc.date.isoformat(),
        "legislationPassedBy": {
            "@type": "Organization",
            "name": doc.issuer,
            "alternateName": issuer.en,
        },
        "inLanguage": "vi",
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
    replaced = registry.replaced_by(doc.number)
    if replaced:
        # The report states the replacement; whether it is in force otherwise is not stated.
        data["legislationLegalForce"] = "NotInForce"
    if locale != "vi":
        data["description"] = doc.subject_en or doc.title(locale)
    return json_ld_text(data)


def render_index(registry: Registry, counts: Mapping[str, int], ctx: PageContext) -> str:
    """The documents index: a sortable table and a relations diagram drawn at build time."""
    t = _T[ctx.locale]
    rows = [
        t["index_intro"].format(n=len(registry.documents)),
        "",
        '<div class="sortable-wrap" markdown>',
        "",
        f"| {t['number']} | {t['type']} | {t['issuer']} | {t['date']} | {t['level']} "
        f"| {t['count']} |",
        "|---|---|---|---|---|---|",
    ]
    for doc in sorted(registry, key=lambda d: d.date):
        issuer = registry.issuer(doc.issuer)
        doc_type = doc.doc_type if ctx.locale == "vi" else DOC_TYPES[doc.doc_type][0]
        issuer_name = doc.issuer if ctx.locale == "vi" else issuer.en
        rows.append(
            f"| {_doc_link(ctx, doc)} | {md_text(doc_type)} | {md_text(issuer_name)} "
            f'| <time datetime="{doc.date.isoformat()}">{doc.date:%d/%m/%Y}</time> '
            f"| {LEVEL_NAMES[ctx.locale][issuer.level]} | {counts.get(doc.number, 0)} |"
        )
    rows += ["", "</div>", "", f"## {t['diagram']}", "", t["diagram_desc"], ""]
    rows.append(relations_svg(registry, ctx))
    return "\n".join(rows) + "\n"


def relations_svg(registry: Registry, ctx: PageContext) -> str:
    """An SVG drawn at build time: report, documents by level, and stated relations."""
    import html

    locale = ctx.locale
    docs = sorted(registry, key=lambda d: (registry.issuer(d.issuer).level, d.date))
    width, row_h, box_w = 360, 34, 150
    report_label = "Báo cáo" if locale == "vi" else "The report"
    y_of: dict[str, float] = {}
    parts = []
    height = row_h * len(docs) + 20
    report_y = height / 2
    for index, doc in enumerate(docs):
        y = 10 + index * row_h
        y_of[doc.number] = y + 12
        level = registry.issuer(doc.issuer).level
        href = html.escape(_href(ctx, document_path(doc)).removesuffix(".md") + "/", quote=True)
        href = href.replace("/index/", "/")
        title = html.escape(f"{doc.title(locale)} ({doc.date:%d/%m/%Y})", quote=True)
        parts.append(
            f'<a href="{href}" class="doc-node level-{level}"><title>{title}</title>'
            f'<rect x="{width - box_w - 10}" y="{y}" width="{box_w}" height="24" rx="4"/>'
            f'<text x="{width - box_w / 2 - 10}" y="{y + 16}" text-anchor="middle">'
            f"{html.escape(doc.number)}</text></a>"
        )
    edges = []
    for doc in docs:
        for relation in doc.relations:
            if relation.target in y_of:
                y1, y2 = y_of[doc.number], y_of[relation.target]
                x = width - box_w - 10
                edges.append(
                    f'<path class="rel rel-{relation.kind}" d="M{x} {y1} C{x - 40} {y1} '
                    f'{x - 40} {y2} {x} {y2}" marker-end="url(#arrow)"/>'
                )
        if doc.implemented_by_report:
            edges.append(
                f'<path class="rel rel-implements" d="M90 {report_y} L{width - box_w - 10} '
                f'{y_of[doc.number]}" marker-end="url(#arrow)"/>'
            )
    cite_lines = "".join(
        f'<path class="rel rel-cites" d="M90 {report_y} L{width - box_w - 10} {y}"/>'
        for y in y_of.values()
    )
    aria = html.escape(_T[locale]["diagram_desc"], quote=True)
    return (
        f'<figure class="doc-diagram"><svg viewBox="0 0 {width} {height}" role="group" '
        f'aria-label="{aria}" xmlns="http://www.w3.org/2000/svg">'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>'
        f"{cite_lines}{''.join(edges)}"
        f'<rect class="report-node" x="10" y="{report_y - 14}" width="80" height="28" rx="4"/>'
        f'<text x="50" y="{report_y + 5}" text-anchor="middle">{report_label}</text>'
        f"{''.join(parts)}</svg>"
        f"<figcaption>{html.escape(_legend(registry, locale))}</figcaption></figure>"
    )


def _legend(registry: Registry, locale: str) -> str:
    """The diagram's caption, from the relations the registry records."""
    words = {
        "vi": (
            "Nét mảnh: báo cáo dẫn chiếu",
            "báo cáo thực hiện",
            "thay thế",
            "tiếp tục thực hiện",
        ),
        "en": ("Thin lines: the report cites", "the report implements", "replaces", "continues"),
    }[locale]
    sentences = [words[0]]
    for doc in registry:
        if doc.implemented_by_report:
            sentences.append(f"{words[1]} {doc.number}")
        for relation in doc.relations:
            verb = words[2] if relation.kind == "replaces" else words[3]
            sentences.append(f"{doc.number} {verb} {relation.target}")
    return "; ".join(sentences) + "."
