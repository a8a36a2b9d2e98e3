"""The workflows are checked by a pinned linter (zizmor, in requirements-dev.lock), not restated."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZIZMOR = str(Path(sys.executable).with_name("zizmor"))


def _zizmor(folder: Path) -> subprocess.CompletedProcess[str]:
    command = [ZIZMOR, "--offline", "--no-progress", "--format", "plain", str(folder)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_workflows_pass_the_linter() -> None:
    done = _zizmor(ROOT / ".github" / "workflows")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_linter_finds_a_planted_defect(tmp_path: Path) -> None:
    """An action pinned by tag, not commit, and a workflow with default token permissions."""
    shutil.copy(ROOT / ".github" / "workflows" / "ci.yml", tmp_path / "ci.yml")
    text = (tmp_path / "ci.yml").read_text(encoding="utf-8")
    planted = text + (
        "  extra:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
    )
    (tmp_path / "ci.yml").write_text(planted, encoding="utf-8")
    done = _zizmor(tmp_path / "ci.yml")
    assert done.returncode != 0
    assert "unpinned-uses" in done.stdout
