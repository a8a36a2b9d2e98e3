"""Per-language build state and page transforms, called by the MkDocs hooks."""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kb.checks.content import footnote_problems
from kb.model.citations import extract
from kb.model.citeindex import (
    Occurrence,
    backlinks,
    collect,
    report_markdown,
    report_pages,
)
from kb.model.docnumber import NUMBER_RE
from kb.model.glossary import Glossary, load_glossary
from kb.model.i18n import DEFAULT_LOCALE, LOCALES, default_path, localized_name, page_url
from kb.model.pagedates import format_date, last_changed
from kb.model.problems import UserError
from kb.model.redirects import load_redirects, write_redirects
from kb.model.registry import REGISTRY_FILE, Registry, load_registry
from kb.model.relations import Relations, load_relations
from kb.model.report import OVERVIEW, PARTS
from kb.model.typos import Typo, load_typos_located, typo_problems
from kb.render.analysis import inject_analysis, render_list, render_map
from kb.render.docpages import (
    DOCUMENTS_DIR,
    PageContext,
    json_ld,
    render_document,
    render_glossary,
    render_index,
)
from kb.render.htmltext import TextContext, rewrite_text
from kb.render.marks import abbr_transform, annotate_typos
from kb.render.search import finish_search

GLOSSARY_PAGE = "thuat-ngu.md"
HOME_PAGE = "index.md"


@dataclass
class BuildState:
    """Everything one language build reads before rendering pages."""

    locale: str
    docs_dir: Path
    registry: Registry
    typos: tuple[Typo, ...]
    occurrences: list[Occurrence]
    anchor_pages: dict[str, str]
    relations: Relations
    glossary: Glossary
    page_dates: dict[str, dt.date]
    directory_urls: bool = True
    cited: dict[str, list[Occurrence]] = field(default_factory=dict)

    @classmethod
    def collect(cls, docs_dir: Path, locale: str, *, directory_urls: bool = True) -> BuildState:
        registry = load_registry(docs_dir)
        pages = [p for p in report_pages(locale) if (docs_dir / p).exists()]
        occurrences = collect(docs_dir, pages)
        blocks = report_markdown(docs_dir)
        anchor_pages = {anchor: block.path for anchor, block in blocks.items()}
        typos, typo_lines = load_typos_located(docs_dir)
        # Dangling references would stop the build deep inside a page: name them first.
        texts = {anchor: block.text for anchor, block in blocks.items()}
        problems = registry.paragraph_problems(texts) + typo_problems(typos, typo_lines, texts)
        for page in (OVERVIEW, *PARTS, *pages):
            problems.extend(footnote_problems(page, (docs_dir / page).read_text(encoding="utf-8")))
        if problems:
            raise UserError(sorted(set(problems)))
        state = cls(
            locale,
            docs_dir,
            registry,
            typos,
            occurrences,
            anchor_pages,
            load_relations(docs_dir),
            load_glossary(docs_dir),
            last_changed(docs_dir.parent),
            directory_urls,
        )
        state.cited = backlinks(o for o in occurrences if o.anchor)
        return state

    def document_page(self, number: str, page_path: str, site_url: str | None) -> tuple[str, str]:
        doc = self.registry.get(number)
        if doc is None:
            raise KeyError(f"docs/{page_path}: document '{number}' is not in the registry")
        ctx = PageContext(self.locale, page_path, self.anchor_pages)
        prefix = "" if self.locale == DEFAULT_LOCALE else f"{self.locale}/"
        url = f"{(site_url or '/').rstrip('/')}/{prefix}{DOCUMENTS_DIR}/{doc.slug}/"
        markdown = render_document(doc, self.registry, self.cited.get(number, []), ctx)
        return markdown, json_ld(doc, self.registry, self.locale, url)

    def documents_index(self, page_path: str) -> str:
        counts = {key: len(found) for key, found in self.cited.items()}
        return render_index(
            self.registry, counts, PageContext(self.locale, page_path, self.anchor_pages)
        )

    def anchor_href(self, page_url: str) -> Callable[[str], str]:
        """URL of a report paragraph, from a page, in this build's language."""

        def href(anchor: str) -> str:
            target = self.url_of(self.anchor_pages[anchor])
            return ("" if target == page_url else relative_url(page_url, target)) + "#" + anchor

        return href

    def doc_href(self, page_url: str) -> Callable[[str], str]:
        def href(number: str) -> str:
            doc = self.registry.get(number)
            slug = doc.slug if doc else number
            return relative_url(page_url, self.url_of(f"{DOCUMENTS_DIR}/{slug}.md"))

        return href

    def url_of(self, path: str) -> str:
        """Site URL of a page (default-language path) in this build's language."""
        return page_url(path, self.locale, directory_urls=self.directory_urls)

    def last_changed(self, src_path: str, generated_from: tuple[str, ...] = ()) -> str | None:
        """When a page last changed, localised; a generated page changes with its data."""
        dates = [self.page_dates[p] for p in (src_path, *generated_from) if p in self.page_dates]
        return format_date(max(dates), self.locale) if dates else None

    def hreflang(self, src_path: str, site_url: str | None) -> list[dict[str, str]]:
        """Absolute URLs of a page's twins, and x-default (the Vietnamese original)."""
        base = (site_url or "/").rstrip("/") + "/"
        path = default_path(src_path)
        twins = [
            {
                "lang": locale,
                "href": base + page_url(path, locale, directory_urls=self.directory_urls),
            }
            for locale in LOCALES
        ]
        return [*twins, {"lang": "x-default", "href": twins[0]["href"]}]

    def glossary_page(self) -> str:
        return render_glossary(self.glossary, self.locale)

    def analysis_map(self, page_url: str) -> str:
        return render_map(self.relations, self.locale, self.anchor_href(page_url))

    def analysis_list(self, page_url: str) -> str:
        return render_list(
            self.relations,
            self.locale,
            self.anchor_href(page_url),
            self.doc_href(page_url),
        )


def relative_url(from_page_url: str, to_url: str) -> str:
    """Link from a page (directory URL) to another site URL.

    >>> relative_url("bao-cao/i-tinh-hinh/", "van-ban/114-qd-tw/")
    '../../van-ban/114-qd-tw/'
    >>> relative_url("", "van-ban/114-qd-tw/")
    'van-ban/114-qd-tw/'
    >>> relative_url("bao-cao/i-tinh-hinh.html", "van-ban/114-qd-tw.html")
    '../van-ban/114-qd-tw.html'
    """
    if from_page_url.endswith("/") or not from_page_url:
        base = from_page_url.rstrip("/") or "."
    else:
        base = posixpath.dirname(from_page_url) or "."
    return posixpath.relpath(to_url, base) + ("/" if to_url.endswith("/") else "")


def annotate_page(state: BuildState, page_html: str, page_url: str, src_path: str) -> str:
    """Typo notes, citation links, analysis links and glossary tooltips on a rendered page."""
    page_html = annotate_typos(page_html, state.typos, state.locale)
    page_html = link_citations(state, page_html, page_url)
    source = default_path(src_path)
    if source in PARTS:
        page_html = inject_analysis(
            page_html,
            state.relations,
            state.locale,
            state.anchor_href(page_url),
            state.doc_href(page_url),
        )
    # The home page is the site's interface (what to read, where): no glossary marks there.
    if source not in (GLOSSARY_PAGE, HOME_PAGE):
        page_html = rewrite_text(page_html, abbr_transform(state.glossary, state.locale))
    return keep_numbers_whole(page_html)


_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_RAW = re.compile(r"<(script|style|code|pre|svg)\b", re.I)


def keep_numbers_whole(page_html: str) -> str:
    """Wrap each document number in `<span class="doc-number">`, which site.css keeps on one line.

    A browser breaks "101-QĐ/TW" after its hyphen; the report's characters (fidelity) stay as
    they are, in running text, links, headings and tables alike. Code and SVG are left alone.

    >>> keep_numbers_whole('<h1 id="x">Quy định số 101-QĐ/TW</h1><code>1-QĐ/TW</code>')
    '<h1 id="x">Quy định số <span class="doc-number">101-QĐ/TW</span></h1><code>1-QĐ/TW</code>'
    """
    out: list[str] = []
    raw_until: str | None = None
    for piece in _TAG_OR_TEXT.split(page_html):
        if piece.startswith("<"):
            out.append(piece)
            if raw_until is None and (raw := _RAW.match(piece)):
                raw_until = f"</{raw.group(1).lower()}"
            elif raw_until is not None and piece.lower().startswith(raw_until):
                raw_until = None
            continue
        if raw_until is not None or "-" not in piece:
            out.append(piece)
            continue
        out.append(NUMBER_RE.sub(lambda m: f'<span class="doc-number">{m.group(0)}</span>', piece))
    return "".join(out)


def link_citations(state: BuildState, page_html: str, page_url: str) -> str:
    """Every registered document number becomes a link to its page, titled with its subject."""

    def transform(text: str, context: TextContext) -> str:
        out: list[str] = []
        pos = 0
        for citation in extract(text):
            doc = state.registry.get(citation.key)
            if doc is None:
                continue
            target = state.url_of(f"{DOCUMENTS_DIR}/{doc.slug}.md")
            if page_url == target:
                continue  # a page does not link to itself
            subject = doc.subject_in(state.locale)
            title = doc.title(state.locale) + (f": {subject}" if subject else "")
            origin = f"docs/{REGISTRY_FILE}:{state.registry.entry_line(doc.number)}"
            out.append(html.escape(text[pos : citation.start], quote=False))
            out.append(
                f'<a class="cite" href="{relative_url(page_url, target)}" '
                f'title="{html.escape(title, quote=True)}" data-origin="{origin}">'
                f"{html.escape(citation.span, quote=False)}</a>"
            )
            pos = citation.end
        out.append(html.escape(text[pos:], quote=False))
        return "".join(out)

    return rewrite_text(page_html, transform)


def finish_site(site_dir: Path, states: Mapping[str, BuildState]) -> None:
    """Site-wide files written once every language is built: the registry with its citations."""
    if DEFAULT_LOCALE not in states:
        return
    registry = states[DEFAULT_LOCALE].registry
    data = {
        "documents": [
            {
                **doc.model_dump(mode="json"),
                "key": doc.number,
                "pages": {
                    loc: f"{'' if loc == DEFAULT_LOCALE else loc + '/'}{DOCUMENTS_DIR}/{doc.slug}/"
                    for loc in states
                },
            }
            for doc in registry
        ],
        "citations": [
            {
                "document": o.citation.key,
                "locale": loc,
                "page": page_url(localized_name(o.path, DEFAULT_LOCALE), loc),
                "anchor": o.anchor,
                "span": o.citation.span,
            }
            for loc, state in states.items()
            for o in state.occurrences
        ],
    }
    out = site_dir / DOCUMENTS_DIR / "registry.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    finish_search(site_dir)
    docs_dir = states[DEFAULT_LOCALE].docs_dir
    write_redirects(site_dir, load_redirects(docs_dir), tuple(states))
