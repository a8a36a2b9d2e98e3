"""Fidelity: the built Vietnamese pages carry the report's words exactly (white space aside).

The report's own text is `tests/data/report-source.txt`. A difference is reported at the line of
the paragraph in the Markdown page a maintainer edits, never in the generated HTML.
"""

from __future__ import annotations

import re
from pathlib import Path

from kb.checks.reporthtml import Block, report_blocks, squash
from kb.model.citeindex import report_markdown
from kb.model.i18n import page_url
from kb.model.problems import Problem
from kb.model.report import FULL_TEXT, OVERVIEW, PARTS

SOURCE = "tests/data/report-source.txt"
FULL_TEXT_PAGE = page_url(FULL_TEXT) + "index.html"
PART_PAGES = tuple(page_url(page) + "index.html" for page in (OVERVIEW, *PARTS))
_FOOTNOTE = re.compile(r"^([¹²³⁴⁵⁶⁷⁸⁹])\s")


def source_paragraphs(path: Path) -> list[str]:
    """Paragraphs in reading order, footnotes last (where a web page renders them).

    The original was extracted from a paged PDF: a footnote block can sit between the two halves
    of a sentence, and a page break can split a sentence with no footnote at all. A block that
    starts with a lower-case letter continues the previous paragraph.
    """
    blocks = [b.strip() for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
    body: list[str] = []
    footnotes: list[str] = []
    for block in filter(None, blocks):
        if _FOOTNOTE.match(block):
            footnotes.append(block[2:])
        elif block[0].islower() and body:
            body[-1] += " " + block
        elif block.startswith("**") and block.endswith("**"):
            body.append(block.strip("*"))  # bold signature block: the asterisks are markup
        elif "\n- " in block:
            body.extend(line.removeprefix("- ") for line in block.splitlines())
        else:
            body.append(block.removeprefix("- "))
    return body + footnotes


def _excerpts(expected: str, actual: str) -> tuple[str, str]:
    """Both texts around their first difference (white space squeezed), so the change shows."""
    a, b = " ".join(expected.split()), " ".join(actual.split())
    same = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    start = max(0, same - 30)
    dots = "…" if start else ""
    return dots + a[start : same + 40], dots + b[start : same + 40]


def first_difference(expected: list[str], actual: list[Block]) -> tuple[str, str] | None:
    """(paragraph id or '', what differs) for the first paragraph that is not the report's."""
    for index, text in enumerate(expected):
        if index >= len(actual):
            return "", f"paragraph {index + 1} of the report is missing: {text[:80]!r}"
        if squash(text) != squash(actual[index].text):
            report, page = _excerpts(text, actual[index].text)
            return actual[index].id, (
                f"paragraph {index + 1} (#{actual[index].id}) differs from the report: "
                f"report {report!r}, page {page!r}"
            )
    if len(actual) > len(expected):
        extra = actual[len(expected)]
        return extra.id, f"extra paragraph #{extra.id}: {extra.text.strip()[:80]!r}"
    return None


def check_fidelity(root: Path) -> list[Problem]:
    site = root / "site"
    if not (site / FULL_TEXT_PAGE).exists():
        return [Problem(f"site/{FULL_TEXT_PAGE}", 1, "site is not built: run `make build`")]
    where = report_markdown(root / "docs")

    def at(anchor: str, message: str) -> Problem:
        if block := where.get(anchor):
            return Problem(f"docs/{block.path}", block.line, message)
        return Problem(SOURCE, 1, message)

    full = report_blocks((site / FULL_TEXT_PAGE).read_text(encoding="utf-8"))
    difference = first_difference(source_paragraphs(root / SOURCE), full)
    if difference:
        return [at(*difference)]
    expected = {b.id: b.text for b in full}
    seen: set[str] = set()
    problems = []
    for page in PART_PAGES:
        for block in report_blocks((site / page).read_text(encoding="utf-8")):
            if block.id in expected:
                seen.add(block.id)
                if squash(block.text) != squash(expected[block.id]):
                    problems.append(
                        at(block.id, f"#{block.id} on site/{page} differs from the full text")
                    )
    problems.extend(
        at(anchor, f"#{anchor} is on no part page") for anchor in sorted(set(expected) - seen)
    )
    return problems
