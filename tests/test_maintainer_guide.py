"""The maintainer guide's error messages are real: each is re-created in a copy and compared.

Every ```text block in docs/bao-tri/index.md marked `<!-- error: NAME -->` is what the check prints
when the step the guide describes is forgotten. Each NAME has a recipe here that plants that
defect in a copy of docs/. When a message or a line number changes, the test fails and prints the
block to paste; `python tests/test_maintainer_guide.py` prints every block afresh.
"""

from __future__ import annotations

import importlib.util
import io
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDES = {"vi": ROOT / "docs/bao-tri/index.md", "en": ROOT / "docs/bao-tri/index.en.md"}
BLOCK = re.compile(
    r"^<!-- (?P<kind>error|output): (?P<name>[\w/-]+) -->\n```text\n(?P<body>.*?)\n```$",
    re.M | re.S,
)
CC_XIII = "Ban Chấp hành Trung ương Đảng khóa XIII"
LESSON = "---\ntitle: Ôn tập\n---\n\n# Ôn tập\n\n"
GLOSSARY_TERM = """\
  - term: "dám nghĩ, dám làm"
    kind: term
    definition:
      vi: "Dám đề xuất cách làm mới và dám chịu trách nhiệm về việc mình làm."
      en: "Daring to propose new ways of working and to take responsibility for them."
"""
ADD_27 = ["add-document", "27-NQ/TW", "--type", "Nghị quyết", "--issuer", CC_XIII,
          "--date", "2022-11-09"]  # fmt: skip


def _load_cli() -> Callable[[list[str]], int]:
    spec = importlib.util.spec_from_file_location("docs_cli", ROOT / "scripts" / "docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    main: Callable[[list[str]], int] = module.main
    return main


CLI_MAIN = _load_cli()


def cli(root: Path, *args: str) -> list[str]:
    """Run docs.py in-process; return what it printed on stdout."""
    out = io.StringIO()
    with redirect_stdout(out):
        CLI_MAIN([*args, "--root", str(root)])
    return out.getvalue().splitlines()


def write(root: Path, page: str, text: str) -> None:
    (root / "docs" / page).write_text(text, encoding="utf-8")


def edit(root: Path, page: str, old: str, new: str) -> None:
    path = root / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text, f"recipe out of date: {old!r} is not in docs/{page}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@dataclass(frozen=True)
class Recipe:
    """How to make the mistake a guide block shows, and which check catches it."""

    check: str
    plant: Callable[[Path], object]


RECIPES: dict[str, Recipe] = {
    # A new lesson page cites a document the registry lacks.
    "citations/unregistered": Recipe(
        "citations",
        lambda root: write(
            root,
            "tap-huan/on-tap.md",
            LESSON + "Đọc thêm Nghị quyết số 27-NQ/TW ngày 09/11/2022 của Ban Chấp hành Trung ương"
            " Đảng.\n",
        ),
    ),
    # A registry entry whose English stub page was deleted.
    "citations/no-page": Recipe(
        "citations", lambda root: (root / "docs/van-ban/01-kh-bcd.en.md").unlink()
    ),
    # A document registered (with the scaffold) that the report does not cite.
    "citations/cited-nowhere": Recipe("citations", lambda root: cli(root, *ADD_27)),
    # An entry edited by hand, with an issuer written differently from the `issuers:` list.
    "citations/unknown-issuer": Recipe(
        "citations",
        lambda root: edit(
            root,
            "_data/documents.yml",
            "    issuer: Ban Chỉ đạo xây dựng Đề án\n",
            "    issuer: Ban Chỉ đạo xây dựng đề án\n",
        ),
    ),
    # A footnote reference with no `[^label]:` definition on the page.
    "citations/footnote": Recipe(
        "citations",
        lambda root: write(
            root,
            "tap-huan/on-tap.md",
            LESSON + "Báo cáo dẫn chiếu nhiều văn bản của Trung ương[^nguon].\n",
        ),
    ),
    # A new Vietnamese page without its English twin.
    "translations/no-twin": Recipe(
        "translations",
        lambda root: write(root, "tap-huan/on-tap.md", LESSON + "Câu hỏi ôn tập.\n"),
    ),
    # A paragraph's permalink id lost in the English twin.
    "translations/missing-id": Recipe(
        "translations", lambda root: edit(root, "bao-cao/i-tinh-hinh.en.md", "{: #i-1-p2 }", "")
    ),
    # A title with a colon, unquoted.
    "front-matter/invalid": Recipe(
        "front-matter",
        lambda root: write(root, "tap-huan/on-tap.md", "---\ntitle: Ôn tập: bài 6\n---\n\n# Ôn\n"),
    ),
    # A typo note whose `text` was "corrected" (the report keeps its slip).
    "typos/not-found": Recipe(
        "typos", lambda root: edit(root, "_data/typos.yml", 'text: "đôi với"', 'text: "đối với"')
    ),
    # An analysis link to a paragraph id that does not exist.
    "relations/unknown-anchor": Recipe(
        "relations",
        lambda root: edit(
            root,
            "_data/relations.yml",
            "  - from: i-1-a\n    to: ii-1-c\n",
            "  - from: i-1-a\n    to: ii-1-z\n",
        ),
    ),
    # A key term without its English wording.
    "glossary/missing-en-term": Recipe(
        "glossary",
        lambda root: edit(root, "_data/glossary.yml", "entries:\n", "entries:\n" + GLOSSARY_TERM),
    ),
}


def blocks(locale: str) -> dict[str, list[str]]:
    text = GUIDES[locale].read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    for match in BLOCK.finditer(text):
        key = f"{match.group('kind')}:{match.group('name')}"
        assert key not in found, f"{key} appears twice in {GUIDES[locale].name}"
        found[key] = match.group("body").splitlines()
    return found


def copy_project(tmp: Path) -> Path:
    shutil.copytree(ROOT / "docs", tmp / "docs")
    return tmp


def _problems(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.startswith(("✓ ", "✗ "))]


def planted_output(name: str, tmp: Path) -> list[str]:
    """Problems the defect adds: the check's output on a planted copy minus that on a clean copy
    (so unrelated work in progress elsewhere in docs/ does not matter)."""
    recipe = RECIPES[name]
    clean = set(cli(copy_project(tmp / "clean"), "check", "--only", recipe.check))
    planted = copy_project(tmp / "planted")
    recipe.plant(planted)
    return [
        line
        for line in _problems(cli(planted, "check", "--only", recipe.check))
        if line not in clean
    ]


def scaffold_output(tmp: Path) -> list[str]:
    return cli(copy_project(tmp / "scaffold"), *ADD_27)


def test_every_error_block_has_a_recipe() -> None:
    errors = {key.removeprefix("error:") for key in blocks("vi") if key.startswith("error:")}
    assert sorted(errors) == sorted(RECIPES)


def test_english_guide_shows_the_same_blocks() -> None:
    assert blocks("en") == blocks("vi")


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_error_block_is_what_the_check_prints(name: str, tmp_path: Path) -> None:
    actual = planted_output(name, tmp_path)
    shown = blocks("vi")[f"error:{name}"]
    assert actual == shown, "update the guide's block:\n" + "\n".join(actual)


def test_scaffold_output_block(tmp_path: Path) -> None:
    actual = scaffold_output(tmp_path)
    assert actual == blocks("vi")["output:add-document"], "update the block:\n" + "\n".join(actual)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        for index, recipe_name in enumerate(sorted(RECIPES)):
            work = Path(scratch) / str(index)
            print(f"<!-- error: {recipe_name} -->\n```text")
            print("\n".join(planted_output(recipe_name, work)) + "\n```\n")
        print("<!-- output: add-document -->\n```text")
        print("\n".join(scaffold_output(Path(scratch) / "scaffold")) + "\n```")
    sys.exit(0)
