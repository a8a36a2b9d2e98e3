"""Golden tests: rendered HTML in, annotated HTML out; a failure shows a readable diff.

Set UPDATE_GOLDEN=1 to rewrite the expected files after an intended change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from golden import assert_golden
from kb.build import BuildState, link_citations
from kb.report import add_paragraph_links, shift_headings
from kb.typos import annotate_typos

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "fixtures" / "golden"


@pytest.fixture(scope="module")
def state_vi() -> BuildState:
    return BuildState.collect(ROOT / "docs", "vi")


def test_citations_and_typos_are_annotated(state_vi: BuildState) -> None:
    html = (GOLDEN / "annotate-in.html").read_text(encoding="utf-8")
    annotated = annotate_typos(html, state_vi.typos, "vi")
    out = link_citations(state_vi, annotated, "bao-cao/iv-de-xuat-kien-nghi/")
    assert_golden(out, GOLDEN / "annotate-out.html")


def test_paragraph_links() -> None:
    html = '<p id="iv-3">Một</p><li id="ii-2-1-b">Hai</li><p>Ba</p>'
    assert add_paragraph_links(html, lambda a: f"Đoạn {a}") == (
        '<p id="iv-3"><a class="para-link" href="#iv-3" aria-label="Đoạn iv-3">¶</a>Một</p>'
        '<li id="ii-2-1-b"><a class="para-link" href="#ii-2-1-b" aria-label="Đoạn ii-2-1-b">'
        "¶</a>Hai</li><p>Ba</p>"
    )


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# I. TÌNH HÌNH {: #i }\n", "## I. TÌNH HÌNH {: #i }\n"),
        ("### 2.1. Đối với cá nhân\ntext\n", "#### 2.1. Đối với cá nhân\ntext\n"),
        ("```\n# not a heading\n```\n", "```\n# not a heading\n```\n"),
    ],
)
def test_shift_headings(markdown: str, expected: str) -> None:
    assert shift_headings(markdown) == expected
