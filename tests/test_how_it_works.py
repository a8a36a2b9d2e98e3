"""The maintainer guide's "how it works" page names only modules and folders that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["docs/bao-tri/cach-hoat-dong.md", "docs/bao-tri/cach-hoat-dong.en.md"]
NAMED = re.compile(r"`(scripts/[\w/]+(?:\.py|/)|benchmarks/[\w/]+\.py)`")
PACKAGES = re.compile(r"`(kb\.\w+)`")


@pytest.mark.parametrize("page", PAGES)
def test_every_named_module_exists(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    named = NAMED.findall(text)
    assert len(named) > 30
    assert [path for path in named if not (ROOT / path).exists()] == []


@pytest.mark.parametrize("page", PAGES)
def test_every_package_is_named_and_every_module_listed(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    packages = {p.name for p in (ROOT / "scripts/kb").iterdir() if (p / "__init__.py").exists()}
    assert {name.removeprefix("kb.") for name in PACKAGES.findall(text)} >= packages
    modules = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "scripts/kb").glob("*/*.py")
        if path.name != "__init__.py"
    }
    assert sorted(modules - set(NAMED.findall(text))) == []
