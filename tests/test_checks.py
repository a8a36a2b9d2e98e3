"""Planted defects in a copy of the project make `docs.py check` fail with exact messages."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import docs

ROOT = Path(__file__).resolve().parent.parent
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "planted-defects.yaml").read_text(encoding="utf-8")
)


def run_check(root: Path, check: str) -> subprocess.CompletedProcess[str]:
    """`scripts/docs.py check --only CHECK --root ROOT`, run in-process (its exit code, stdout
    and stderr, as the command gives them); test_real_command_fails runs the command itself."""
    argv = ["check", "--only", check, "--root", str(root)]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = docs.main(argv)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def test_real_command_fails_with_one_line(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    typos = tmp_path / "docs" / "_data" / "typos.yml"
    typos.write_text(typos.read_text(encoding="utf-8").replace("i-2-p1", "i-2-p9"), "utf-8")
    command = [sys.executable, str(ROOT / "scripts" / "docs.py"), "check", "--only", "typos"]
    result = subprocess.run(
        [*command, "--root", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        "docs/_data/typos.yml:5: typo 1: unknown paragraph 'i-2-p9'",
        "✗ typos: 1 problem(s)",
    ]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path


@pytest.mark.parametrize(
    ("check"), ["front-matter", "citations", "typos", "translations", "terms", "links"]
)
def test_clean_project_passes(project: Path, check: str) -> None:
    result = run_check(project, check)
    assert (result.stdout, result.returncode) == (f"✓ {check}: ok\n", 0)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_planted_defect_fails_with_exact_message(project: Path, case: dict[str, Any]) -> None:
    if "copy" in case:
        shutil.copy(project / case["copy"]["from"], project / case["copy"]["to"])
    for edit in case["edits"]:
        path = project / edit["file"]
        if edit["new"] is None:
            path.unlink()
            continue
        text = path.read_text(encoding="utf-8")
        if edit["old"] is None:
            text += edit["new"]
        else:
            assert edit["old"] in text, f"fixture out of date: {edit['old']!r} not in {path}"
            text = text.replace(edit["old"], edit["new"], 1)
        path.write_text(text, encoding="utf-8")
    result = run_check(project, case["check"])
    expected = case["expect"]
    summary = f"✗ {case['check']}: {len(expected)} problem(s)"
    assert result.stdout.splitlines() == [*expected, summary]
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    if case.get("build"):
        built = run_build(project)
        assert built.returncode == 1
        assert "Traceback" not in built.stdout + built.stderr
        assert "Aborted with a BuildError!" in built.stdout
        said = [
            line.removeprefix("ERROR   -  ")
            for line in built.stderr.splitlines()
            if line.strip() and not line.startswith(("INFO", "WARNING"))
        ]
        assert said
        assert set(said) <= set(expected)


def run_build(root: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of the planted copy: it must stop on the same line, without traceback."""
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "scripts").symlink_to(ROOT / "scripts")
    command = [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--quiet"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False, env=env)


@pytest.mark.site
def test_changed_report_word_fails_fidelity_at_its_markdown_line(project: Path) -> None:
    """A word of the report changed in a page: the build passes, `fidelity` names the line."""
    page = project / "docs" / "bao-cao" / "i-tinh-hinh.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("nâng cao tinh thần", "nâng cao ý thức", 1), encoding="utf-8")
    (project / "tests" / "data").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "data" / "report-source.txt", project / "tests" / "data")
    assert run_build(project).returncode == 0
    result = run_check(project, "fidelity")
    assert result.stdout.splitlines()[-1] == "✗ fidelity: 1 problem(s)"
    assert result.stdout.splitlines()[0] == (
        "docs/bao-cao/i-tinh-hinh.md:14: paragraph 6 (#i-1-p2) differs from the report: "
        "report '…của Trung ương¹ nhằm nâng cao tinh thần trách nhiệm, vai trò nêu gương', "
        "page '…của Trung ương¹ nhằm nâng cao ý thức trách nhiệm, vai trò nêu gương củ'"
    )
    assert (result.returncode, "Traceback" in result.stderr) == (1, False)


def test_term_rendered_by_meaning_is_an_exception(project: Path) -> None:
    """A paragraph listed in a term's by_meaning may render it otherwise; no other may."""
    english = project / "docs/bao-cao/iv-de-xuat-kien-nghi.en.md"
    english.write_text(
        english.read_text(encoding="utf-8").replace(
            "Provincial Party Standing Committee recommends", "Standing Committee recommends"
        ),
        encoding="utf-8",
    )
    terms = project / "docs/_data/terms.yml"
    terms.write_text(
        terms.read_text(encoding="utf-8").replace(
            '- vi: "Ban Thường vụ Tỉnh ủy"\n  en: "Provincial Party Standing Committee"\n',
            '- vi: "Ban Thường vụ Tỉnh ủy"\n  en: "Provincial Party Standing Committee"\n'
            "  by_meaning: [iv-p1]\n",
        ),
        encoding="utf-8",
    )
    assert "by_meaning: [iv-p1]" in terms.read_text(encoding="utf-8")
    result = run_check(project, "terms")
    assert (result.stdout, result.returncode) == ("✓ terms: ok\n", 0)
