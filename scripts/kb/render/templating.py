"""Markup in templates (kb/render/templates/): HTML and SVG escaped by Jinja, Markdown by caller.

`.html` and `.svg` templates escape every value (autoescape); `.md` templates produce Markdown,
whose values the caller makes literal (kb.render.docpages.md_text) and whose raw HTML comes from an
included `.html` template or the `e` filter.
"""

from __future__ import annotations

from typing import Any

import jinja2

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("kb.render", "templates"),
    autoescape=jinja2.select_autoescape(enabled_extensions=("html", "svg"), default=False),
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def render(name: str, **context: Any) -> str:
    """The template `name` filled with `context` (no trailing newline)."""
    return ENV.get_template(name).render(**context)
