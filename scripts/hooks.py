"""MkDocs hooks: adapt the knowledge base in scripts/kb to MkDocs events, and nothing more."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb import report  # noqa: E402
from kb.i18n import UI, localized_path  # noqa: E402


def _locale(config: Any) -> str:
    plugin = config.plugins.get("i18n")
    return str(getattr(plugin, "current_language", None) or config.theme.get("language", "vi"))


def _read_localized(config: Any, locale: str):  # type: ignore[no-untyped-def]
    docs_dir = Path(config.docs_dir)

    def read(path: str) -> str:
        return (docs_dir / localized_path(docs_dir, path, locale)).read_text(encoding="utf-8")

    return read


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    locale = _locale(config)
    if page.meta.get("report_full_text"):
        return markdown + "\n" + report.assemble_full_text(_read_localized(config, locale))
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    locale = _locale(config)
    ui = UI[locale]
    return report.add_paragraph_links(html, lambda anchor: ui["para_link"].format(id=anchor))
