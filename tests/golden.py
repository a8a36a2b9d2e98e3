"""The one golden-file comparison: `UPDATE_GOLDEN=1 pytest` rewrites the files."""

from __future__ import annotations

import difflib
import os
from pathlib import Path


def assert_golden(actual: str, path: Path) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"expected {path.name}",
            tofile="actual",
        )
    )
    assert actual == expected, "\n" + diff
