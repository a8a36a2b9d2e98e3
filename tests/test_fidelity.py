"""The built Vietnamese pages carry the report's words exactly (white space aside)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.checks.fidelity import (
    check_fidelity,
    first_difference,
)
from kb.checks.reporthtml import Block

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"


@pytest.mark.site
def test_fidelity_check_passes() -> None:
    """The full text matches the original paragraph by paragraph, and every part page matches
    the full text with no paragraph missing (kb/checks/fidelity.py does both)."""
    assert check_fidelity(ROOT) == []


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
