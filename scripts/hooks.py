"""MkDocs hooks: adapt the knowledge base in scripts/kb to MkDocs events, and nothing more.

Collect, then render: the registry, typos and every citation are read from the Markdown sources
once per language build (on_pre_build), pages are rendered from that state, and site-wide files
are written when the last language is done. mkdocs-static-i18n runs one build per language, so
all state is keyed by locale and reset at the start of each build.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from kb.model import questions, report
from kb.model.i18n import DEFAULT_LOCALE, TRANSLATIONS, UI, localized_name, localized_path
from kb.model.labels import anchor_label, item_code
from kb.model.problems import UserError
from kb.render import printmarks
from kb.render.build import BuildState, annotate_page, finish_site

_STATE: dict[str, BuildState] = {}
_QUESTIONS: dict[str, list[questions.Question]] = {}

_Hook = TypeVar("_Hook", bound=Callable[..., Any])


def user_errors(hook: _Hook) -> _Hook:
    """A maintainer's mistake in the data or pages stops the build as `path:line: what`.

    MkDocs prints a PluginError as one message and exits 1, `mkdocs serve` keeps serving the
    last good site; anything else (a bug of ours) still shows its traceback.
    """

    @functools.wraps(hook)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return hook(*args, **kwargs)
        except UserError as error:
            raise PluginError("\n".join(map(str, error.problems))) from None

    return wrapper  # type: ignore[return-value]


def _locale(config: Any) -> str:
    plugin = config.plugins.get("i18n")
    return str(
        getattr(plugin, "current_language", None) or config.theme.get("language", DEFAULT_LOCALE)
    )


# Local copy of the iframe-worker shim: Material's offline plugin would add it from unpkg.com.
OFFLINE_WORKER_SHIM = "assets/vendor/iframe-worker-shim.js"


@event_priority(100)  # before Material's offline plugin looks for a shim
def on_config(config: Any) -> Any:
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if offline is not None and offline.config.enabled:
        config.extra["polyfills"] = [OFFLINE_WORKER_SHIM]
    return config


@user_errors
def on_pre_build(config: Any) -> None:
    locale = _locale(config)
    _STATE[locale] = BuildState.collect(
        Path(config.docs_dir), locale, directory_urls=bool(config.use_directory_urls)
    )
    _QUESTIONS[locale] = questions.load_bank(Path(config.docs_dir))


# Data files a generated page is rendered from: the page changes when they do.
_GENERATED_FROM = {
    "document": ("_data/documents.yml",),
    "documents_index": ("_data/documents.yml",),
    "glossary_page": ("_data/glossary.yml",),
    "analysis_map": ("_data/relations.yml",),
    "analysis_list": ("_data/relations.yml", "_data/documents.yml"),
    "quiz": (questions.BANK,),
    "report_full_text": tuple(
        localized_name(p, locale) for locale in TRANSLATIONS for p in report.PARTS
    )
    + report.PARTS
    + (report.OVERVIEW,),
}


# Pages whose body is made from data: front-matter key -> what follows the page's own Markdown.
_APPENDED: dict[str, Callable[[BuildState, Any], str]] = {
    "documents_index": lambda state, page: state.documents_index(page.file.src_uri),
    "glossary_page": lambda state, page: state.glossary_page(),
    "analysis_map": lambda state, page: state.analysis_map(page.url),
    "analysis_list": lambda state, page: state.analysis_list(page.url),
}


@user_errors
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    locale = _locale(config)
    state = _STATE[locale]
    docs_dir = Path(config.docs_dir)
    src = page.file.src_uri
    sources = tuple(p for key, paths in _GENERATED_FROM.items() if key in page.meta for p in paths)
    changed = state.last_changed(src, sources)
    if changed:
        page.meta["last_changed"] = changed
        page.meta["last_changed_label"] = UI[locale]["last_changed"]
    if page.meta.get("report_full_text"):

        def read(path: str) -> str:
            twin = localized_path(docs_dir, path, locale)
            return (docs_dir / twin).read_text(encoding="utf-8")

        return markdown + "\n" + report.assemble_full_text(read)
    if "document" in page.meta:
        rendered, jsonld = state.document_page(str(page.meta["document"]), src, config.site_url)
        page.meta["jsonld"] = jsonld
        return rendered
    for key, body in _APPENDED.items():
        if page.meta.get(key):
            return markdown + "\n" + body(state, page)
    if page.meta.get("quiz"):
        return questions.fill_quiz(markdown, str(page.meta["quiz"]), locale, _QUESTIONS[locale])
    return markdown


@user_errors
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Absolute hreflang links to every language twin of the page, and x-default."""
    page.meta["hreflang"] = _STATE[_locale(config)].hreflang(page.file.src_uri, config.site_url)
    return context


@user_errors
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    locale = _locale(config)
    ui = UI[locale]
    html = annotate_page(_STATE[locale], html, page.url, page.file.src_uri)
    html = report.name_section_links(html, ui["section_link"])
    html = report.add_paragraph_links(
        html,
        lambda anchor: ui["para_link"].format(id=anchor_label(anchor, locale)),
        lambda anchor: item_code(anchor, locale),
    )
    return _print_marks(page, config, locale) + html


# Pages a trainer hands out: printed with a QR code of their address.
_HANDOUT_PAGES = ("bao-cao/", "tap-huan/")


def _print_marks(page: Any, config: Any, locale: str) -> str:
    address = (config.site_url or "/").rstrip("/") + "/" + page.url
    stamp = date.today().isoformat()
    marks = printmarks.page_header_style(config.site_name, address, stamp, locale)
    if page.file.src_uri.startswith(_HANDOUT_PAGES):
        published = bool(os.environ.get("SITE_URL"))
        marks += printmarks.qr_block(address, config.site_name, stamp, locale, published=published)
    return marks


# Files every language build writes at the site root (MkDocs static templates). static-i18n
# keeps the site_dir of each build at the root, so the last language's copy wins and the others
# are lost. Keep each language's copy and put it in that language's folder at the end.
_ROOT_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")
_STASH: dict[str, dict[str, bytes]] = {}


@event_priority(100)  # before static-i18n starts the next language's build
def _stash_root_files(config: Any) -> None:
    site_dir = Path(config.site_dir)
    _STASH[_locale(config)] = {
        name: (site_dir / name).read_bytes() for name in _ROOT_FILES if (site_dir / name).exists()
    }


@event_priority(-200)  # after static-i18n has built every language
@user_errors
def _finish_site(config: Any) -> None:
    plugin = config.plugins.get("i18n")
    if plugin is not None and getattr(plugin, "building", False):
        return  # a nested language build: the outer build finishes the site
    site_dir = Path(config.site_dir)
    for locale, files in _STASH.items():
        folder = site_dir if locale == DEFAULT_LOCALE else site_dir / locale
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (folder / name).write_bytes(content)
    finish_site(site_dir, _STATE)


on_post_build = CombinedEvent(_stash_root_files, _finish_site)
