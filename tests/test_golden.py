"""Golden tests: rendered HTML in, annotated HTML out; a failure shows a readable diff.

Set UPDATE_GOLDEN=1 to rewrite the expected files after an intended change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from golden import assert_golden
from kb.model.labels import item_code
from kb.model.report import add_paragraph_links, shift_headings
from kb.render.build import BuildState, keep_numbers_whole, link_citations
from kb.render.marks import annotate_typos

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
    ("locale", "page", "expected"),
    [
        (
            "vi",
            '<li id="ii-2-1-d">Một</li>',
            '<li id="ii-2-1-d"><a class="para-link" href="#ii-2-1-d" aria-label="Đoạn ii-2-1-d" '
            'data-label="II.2.1 d">¶</a>Một</li>',
        ),
        (
            "en",
            '<p id="iii-2-p1">One</p>',
            '<p id="iii-2-p1"><a class="para-link" href="#iii-2-p1" aria-label="Đoạn iii-2-p1" '
            'data-label="III.2 para. 1">¶</a>One</p>',
        ),
        (
            "vi",
            '<p id="mo-dau">Mở đầu</p>',
            '<p id="mo-dau"><a class="para-link" href="#mo-dau" aria-label="Đoạn mo-dau">¶</a>'
            "Mở đầu</p>",
        ),
    ],
)
def test_numbered_items_carry_their_code(locale: str, page: str, expected: str) -> None:
    """The code is an attribute (shown by site.css), never text: fidelity, copy and search."""
    out = add_paragraph_links(page, lambda a: f"Đoạn {a}", lambda a: item_code(a, locale))
    assert out == expected


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "<td><a href='x/'>Quy định số 101-QĐ/TW</a></td>",
            "<td><a href='x/'>Quy định số <span class=\"doc-number\">101-QĐ/TW</span></a></td>",
        ),
        (
            '<h1 id="a">Nghị định 73/2023/NĐ-CP</h1>',
            '<h1 id="a">Nghị định <span class="doc-number">73/2023/NĐ-CP</span></h1>',
        ),
        ("<pre><code>21-NQ/TW</code></pre>", "<pre><code>21-NQ/TW</code></pre>"),
        ('<svg><text x="1">21-NQ/TW</text></svg>', '<svg><text x="1">21-NQ/TW</text></svg>'),
        ("<p>Không có số hiệu - chỉ gạch</p>", "<p>Không có số hiệu - chỉ gạch</p>"),
    ],
)
def test_document_numbers_are_kept_whole(page: str, expected: str) -> None:
    assert keep_numbers_whole(page) == expected


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
