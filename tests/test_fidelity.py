"""The built Vietnamese pages carry the report's words exactly (white space aside)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.checks.fidelity import (
    FULL_TEXT_PAGE,
    PART_PAGES,
    check_fidelity,
    first_difference,
    source_paragraphs,
)
from kb.checks.reporthtml import Block, report_blocks, squash

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"


def full_text_blocks() -> list[Block]:
    return report_blocks((SITE / FULL_TEXT_PAGE).read_text(encoding="utf-8"))


@pytest.mark.site
def test_fidelity_check_passes() -> None:
    assert check_fidelity(ROOT) == []


@pytest.mark.site
def test_full_text_page_is_verbatim() -> None:
    assert (
        first_difference(
            source_paragraphs(ROOT / "tests/data/report-source.txt"), full_text_blocks()
        )
        is None
    )


@pytest.mark.site
def test_part_pages_are_verbatim_and_complete() -> None:
    expected = {b.id: b.text for b in full_text_blocks()}
    seen: set[str] = set()
    problems = []
    for page in PART_PAGES:
        for block in report_blocks((SITE / page).read_text(encoding="utf-8")):
            if block.id in expected:
                seen.add(block.id)
                if squash(block.text) != squash(expected[block.id]):
                    problems.append(f"{page}#{block.id}: {block.text.strip()[:120]!r}")
    assert problems == []
    assert sorted(set(expected) - seen) == []


def test_first_difference_names_the_paragraph() -> None:
    blocks = [Block("p", "a", "Một hai"), Block("p", "b", "ba bốn")]
    assert first_difference(["Một  hai", "ba bốn"], blocks) is None
    assert first_difference(["Một hai", "ba bổn"], blocks) == (
        "b",
        "paragraph 2 (#b) differs from the report: report 'ba bổn', page 'ba bốn'",
    )
    assert first_difference(["Một hai", "ba bốn", "năm"], blocks) == (
        "",
        "paragraph 3 of the report is missing: 'năm'",
    )
