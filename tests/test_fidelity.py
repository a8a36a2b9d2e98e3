"""The built Vietnamese pages carry the report's words exactly (white space aside)."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_html import Block, report_blocks, squash
from report_source import source_paragraphs

SITE = Path(__file__).resolve().parent.parent / "site"
PART_PAGES = [
    "bao-cao/index.html",
    "bao-cao/i-tinh-hinh/index.html",
    "bao-cao/ii-nguyen-nhan/index.html",
    "bao-cao/iii-nhiem-vu-giai-phap/index.html",
    "bao-cao/iv-de-xuat-kien-nghi/index.html",
]


def first_difference(expected: list[str], actual: list[Block]) -> str | None:
    for index, text in enumerate(expected):
        if index >= len(actual):
            return f"paragraph {index + 1} missing: {text[:80]!r}"
        if squash(text) != squash(actual[index].text):
            return (
                f"paragraph {index + 1} (#{actual[index].id}) differs:\n"
                f"  source: {text[:200]!r}\n  site:   {actual[index].text.strip()[:200]!r}"
            )
    if len(actual) > len(expected):
        return f"extra paragraph #{actual[len(expected)].id}: {actual[len(expected)].text[:80]!r}"
    return None


def full_text_blocks() -> list[Block]:
    return report_blocks((SITE / "bao-cao/toan-van/index.html").read_text(encoding="utf-8"))


@pytest.mark.site
def test_full_text_page_is_verbatim() -> None:
    assert first_difference(source_paragraphs(), full_text_blocks()) is None


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
        "paragraph 2 (#b) differs:\n  source: 'ba bổn'\n  site:   'ba bốn'"
    )
    assert first_difference(["Một hai", "ba bốn", "năm"], blocks) == ("paragraph 3 missing: 'năm'")
