"""Page dates come from the last commit touching each page; no history means no dates."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from kb.model.pagedates import format_date, last_changed

D = dt.date


def git(repo: Path, *args: str, date: str = "2026-01-01T12:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def write(repo: Path, files: dict[str, str | None]) -> None:
    """Write (or, for None, delete) files, then stage everything."""
    for name, text in files.items():
        path = repo / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")


def commit(repo: Path, date: str, files: dict[str, str | None]) -> None:
    write(repo, files)
    git(repo, "commit", "-q", "-m", f"change on {date}", date=date)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A project with a history: edits, a deletion, a merge, and work not yet committed."""
    root = tmp_path / "project"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(
        root,
        "2026-01-05T09:00:00+00:00",
        {
            "README.md": "outside docs/",
            "docs/index.md": "v1",
            "docs/index.en.md": "v1",
            "docs/bao-cao/i-tinh-hinh.md": "v1",
            "docs/cu.md": "soon deleted",
            "docs/tài-liệu.md": "a non-ASCII file name",
        },
    )
    commit(root, "2026-02-10T09:00:00+00:00", {"docs/index.md": "v2", "README.md": "v2"})
    # Committed just after midnight in Vietnam: the committer's own date, not UTC's.
    commit(root, "2026-03-01T00:30:00+07:00", {"docs/bao-cao/i-tinh-hinh.md": "v2"})
    commit(root, "2026-03-02T09:00:00+00:00", {"docs/cu.md": None})
    git(root, "checkout", "-q", "-b", "topic")
    commit(root, "2026-04-01T09:00:00+00:00", {"docs/van-ban/index.md": "written on a branch"})
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", "merge", "topic", date="2026-05-01T09:00:00+00:00")
    commit(root, "2026-11-29T23:33:45+00:00", {"docs/index.en.md": "v2"})
    write(root, {"docs/moi.md": "staged, never committed", "docs/index.md": "edited, uncommitted"})
    (root / "docs" / "nhap.md").write_text("untracked", encoding="utf-8")
    return root


def test_last_changed(repo: Path) -> None:
    assert last_changed(repo) == {
        "index.md": D(2026, 2, 10),
        "index.en.md": D(2026, 11, 29),
        "bao-cao/i-tinh-hinh.md": D(2026, 3, 1),
        "tài-liệu.md": D(2026, 1, 5),
        "van-ban/index.md": D(2026, 5, 1),  # the day it reached main
    }


def test_shallow_clone_has_no_dates(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert (clone / "docs" / "index.md").exists()
    assert last_changed(clone) == {}


def test_no_repository_has_no_dates(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("from a source archive", encoding="utf-8")
    assert last_changed(tmp_path) == {}


def test_no_git_program_has_no_dates(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-such-dir"))
    assert last_changed(repo) == {}


def test_no_docs_folder_has_no_dates(tmp_path: Path) -> None:
    assert last_changed(tmp_path) == {}


@pytest.mark.parametrize(
    ("date", "locale", "expected"),
    [
        (D(2026, 11, 29), "vi", "29 tháng 11, 2026"),
        (D(2026, 11, 29), "en", "29 November 2026"),
        (D(2026, 1, 5), "vi", "5 tháng 1, 2026"),
        (D(2026, 1, 5), "en", "5 January 2026"),
        (D(2024, 2, 29), "en", "29 February 2024"),
    ],
)
def test_format_date(date: dt.date, locale: str, expected: str) -> None:
    assert format_date(date, locale) == expected


def test_format_date_unknown_locale() -> None:
    with pytest.raises(ValueError) as error:
        format_date(D(2026, 11, 29), "fr")
    assert str(error.value) == "no date format for locale 'fr'"
