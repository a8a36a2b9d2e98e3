"""Markup in templates: HTML and SVG templates escape values; Markdown templates leave them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.render.templating import ENV

TEMPLATES = Path(__file__).resolve().parent.parent / "scripts" / "kb" / "render" / "templates"


@pytest.mark.parametrize(
    ("name", "escaped"),
    [
        ("analysis-block.html", True),
        ("analysis-chain.html", True),
        ("analysis-list.html", True),
        ("analysis-matrix.html", True),
        ("documents-diagram.html", True),
        ("analysis-list.md", False),
        ("analysis-map.md", False),
        ("analysis-note.md", False),
        ("document.md", False),
        ("documents-index.md", False),
    ],
)
def test_html_templates_escape_and_markdown_templates_do_not(name: str, escaped: bool) -> None:
    assert callable(ENV.autoescape)
    assert ENV.autoescape(name) is escaped


@pytest.mark.parametrize(
    ("name", "context", "expected"),
    [
        (
            "analysis-note.md",
            {"m": {"note_title": "A & B", "note": "*x* &#60;"}},
            '!!! note "A & B"\n\n    *x* &#60;\n',
        ),
        (
            "analysis-list.html",
            {
                "section": {
                    "entries": [{"href": "?a=1&b", "label": "<b>", "word": "'w'", "targets": []}]
                }
            },
            '<ul class="analysis-list">\n<li><a href="?a=1&amp;b">&lt;b&gt;</a> &#39;w&#39;\n'
            "<ul></ul></li>\n</ul>",
        ),
    ],
)
def test_rendering_escapes_by_kind_of_template(
    name: str, context: dict[str, object], expected: str
) -> None:
    assert ENV.get_template(name).render(**context) == expected


def test_every_template_is_listed_and_has_no_inline_style() -> None:
    names = sorted(path.name for path in TEMPLATES.iterdir())
    assert names == sorted(
        [
            "analysis-block.html",
            "analysis-chain.html",
            "analysis-list.html",
            "analysis-list.md",
            "analysis-map.md",
            "analysis-matrix.html",
            "analysis-note.md",
            "document.md",
            "documents-diagram.html",
            "documents-index.md",
        ]
    )
    styled = [n for n in names if "style=" in (TEMPLATES / n).read_text(encoding="utf-8")]
    assert styled == []
