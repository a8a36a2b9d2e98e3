"""Date each page was last changed, read from the Git history in one `git log` call."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from kb.model.i18n import LOCALES, ui

# One pass over the history, newest first: a NUL, the commit date, then the files it touched.
# -z keeps file names verbatim (no C-quoting of non-ASCII names). --first-parent dates a change
# by when it reached this branch (the merge), not when it was written on a side branch.
_GIT_LOG = (
    "git", "-c", "log.showSignature=false", "log", "--first-parent", "--relative",
    "--format=%x00%cI", "--name-only", "-z", "--", ".",
)  # fmt: skip


def _is_shallow(root: Path) -> bool:
    """A shallow clone (CI's default) has one commit for everything: its dates would be wrong."""
    for folder in (root, *root.parents):
        git = folder / ".git"
        if git.exists():
            return git.is_dir() and (git / "shallow").exists()
    return False


def last_changed(root: Path) -> dict[str, dt.date]:
    """Map docs-relative paths ("bao-cao/i-tinh-hinh.md") to their last commit's date.

    Files never committed get no date; without git or history the map is empty, so a build from a
    source archive still works (it just shows no dates).
    """
    docs = root / "docs"
    if not docs.is_dir() or _is_shallow(root):
        return {}
    try:
        result = subprocess.run(_GIT_LOG, cwd=docs, capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    return _parse(result.stdout.decode("utf-8", errors="surrogateescape"), docs)


def _parse(output: str, docs: Path) -> dict[str, dt.date]:
    """Tokens: "", date, "\\nfile", file, ..., "", date, ... (an empty token starts a commit)."""
    dates: dict[str, dt.date] = {}
    tokens = iter(output.split("\0"))
    current: dt.date | None = None
    for token in tokens:
        if not token:
            header = next(tokens, "")
            current = dt.date.fromisoformat(header[:10]) if header else None
            continue
        path = token.removeprefix("\n")
        # Newest first: the first date seen is the last change. A deleted file keeps no date.
        if current is not None and path not in dates and (docs / path).is_file():
            dates[path] = current
    return dates


def format_date(date: dt.date, locale: str) -> str:
    """How a page states its date: "29 tháng 11, 2026" / "29 November 2026"."""
    if locale not in LOCALES:
        raise ValueError(f"no date format for locale '{locale}'")
    dates = ui(locale)["dates"]
    month_name = dates["months"][date.month - 1]
    return str(dates["format"]).format(
        day=date.day, month=date.month, month_name=month_name, year=date.year
    )
