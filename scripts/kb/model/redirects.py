"""Redirects for moved pages, written in every language (mkdocs-redirects writes only one)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kb.model.i18n import DEFAULT_LOCALE, page_url
from kb.model.problems import Problem, UserError
from kb.model.yamlsource import load_yaml, schema_problems

REDIRECTS_FILE = "_data/redirects.yml"
_MD = r"^[^/\s][^\s]*\.md$"


class _RedirectFile(BaseModel):
    """`redirects:` maps an old page path to the new one (docs-relative Markdown paths)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    redirects: dict[Annotated[str, Field(pattern=_MD)], Annotated[str, Field(pattern=_MD)]] = {}


def load_redirects(docs_dir: Path) -> dict[str, str]:
    data, lines = load_yaml(docs_dir / REDIRECTS_FILE, f"docs/{REDIRECTS_FILE}")
    try:
        mapping = _RedirectFile.model_validate(data or {}).redirects
    except ValidationError as error:
        raise UserError(schema_problems(error, lines, "", str)) from None
    problems = []
    for old, new in mapping.items():
        where = ("redirects", old)
        if not (docs_dir / new).exists():
            problems.append(lines.problem(where, f"redirect target docs/{new} does not exist"))
        if (docs_dir / old).exists():
            problems.append(lines.problem(where, f"docs/{old} still exists: nothing to redirect"))
    if problems:
        raise UserError(problems)
    return dict(mapping)


def redirect_html(target: str, locale: str = DEFAULT_LOCALE) -> str:
    href = html.escape(target, quote=True)
    return (
        f'<!doctype html><html lang="{locale}"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={href}">'
        f'<link rel="canonical" href="{href}"><meta name="robots" content="noindex">'
        f'<title>Redirect</title></head><body><a href="{href}">{href}</a></body></html>\n'
    )


def write_redirects(site_dir: Path, mapping: dict[str, str], locales: tuple[str, ...]) -> None:
    for locale in locales:
        prefix = "" if locale == DEFAULT_LOCALE else f"{locale}/"
        for old, new in mapping.items():
            old_url = prefix + page_url(old)
            depth = old_url.count("/")
            target = "../" * depth + prefix + page_url(new)
            out = site_dir / old_url / "index.html"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(redirect_html(target or "./", locale), encoding="utf-8")


def check_redirects(root: Path) -> list[Problem]:
    try:
        load_redirects(root / "docs")
    except UserError as error:
        return error.problems
    return []
