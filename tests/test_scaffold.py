"""`docs.py add-document` on a copy of the project: exact output, exit code, files left behind."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from kb.tools.scaffold import NewDocument, entry_text

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = Path("docs/_data/documents.yml")
CC_XIII = "Ban Chấp hành Trung ương Đảng khóa XIII"


def docs_py(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI as a maintainer runs it (a traceback would show on stderr)."""
    command = [sys.executable, str(ROOT / "scripts" / "docs.py"), *args, "--root", str(root)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _load_cli() -> Callable[[list[str]], int]:
    spec = importlib.util.spec_from_file_location("docs_cli", ROOT / "scripts" / "docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    main: Callable[[list[str]], int] = module.main
    return main


CLI_MAIN = _load_cli()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path


def line_of(root: Path, needle: str) -> int:
    """Independent of the code under test: the line where `needle` first appears."""
    lines = (root / REGISTRY).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


def last_line(root: Path) -> int:
    return len((root / REGISTRY).read_text(encoding="utf-8").rstrip("\n").splitlines())


def issuers(root: Path) -> str:
    data = yaml.safe_load((root / REGISTRY).read_text(encoding="utf-8"))
    return ", ".join(issuer["name"] for issuer in data["issuers"])


def facts(root: Path) -> dict[str, str]:
    """Values the expected outputs depend on, read from the copied registry."""
    text = (root / REGISTRY).read_text(encoding="utf-8")
    levels = [issuer["level"] for issuer in yaml.safe_load(text)["issuers"]]
    return {
        "line_21_nq": str(line_of(root, "number: 21-NQ/TW")),
        "new_doc_type_line": str(last_line(root) + 3),  # blank line, number, then doc_type
        "issuers": issuers(root),
        "bad_level": str(levels.index("x")) if "x" in levels else "",
        "bad_level_line": str(line_of(root, "level: x")) if "level: x" in text else "",
    }


def add(
    number: str,
    *extra: str,
    doc_type: str = "Nghị quyết",
    issuer: str = CC_XIII,
    date: str = "2022-11-09",
) -> list[str]:
    return ["add-document", number, "--type", doc_type, "--issuer", issuer, "--date", date, *extra]


def break_registry(root: Path) -> None:
    path = root / REGISTRY
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: unstated", "level: x"), "utf-8"
    )


def foreign_page(root: Path) -> None:
    (root / "docs/van-ban/27-nq-tw.md").write_text('---\ndocument: "27-NQ/T"\n---\n', "utf-8")


def drop_english_page(root: Path) -> None:
    (root / "docs/van-ban/21-nq-tw.en.md").unlink()


@dataclass(frozen=True)
class Case:
    id: str
    args: list[str]
    code: int
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    setup: Callable[[Path], None] | None = None


CASES = [
    Case(
        "malformed-number",
        add("21-NQTW"),
        1,
        stderr=["'21-NQTW' is not a document number like 114-QĐ/TW"],
    ),
    Case(
        "duplicate",
        add("21-NQ/TW"),
        1,
        stderr=["21-NQ/TW is already in docs/_data/documents.yml:{line_21_nq}"],
    ),
    Case(
        "unknown-type",
        add("27-NQ/TW", doc_type="Nghi quyet"),
        1,
        stderr=[
            "unknown type 'Nghi quyet'; known types: Quy định, Quyết định, Nghị quyết, Kết luận,"
            " Chỉ thị, Kế hoạch"
        ],
    ),
    Case(
        "unknown-issuer",
        add("27-NQ/TW", issuer="Trung ương"),
        1,
        stderr=[
            "unknown issuer 'Trung ương'; known issuers: {issuers}; to add one, add it under"
            " 'issuers:' in docs/_data/documents.yml"
        ],
    ),
    Case(
        "impossible-date",
        add("27-NQ/TW", date="2022-02-30"),
        1,
        stderr=["'2022-02-30' is not a date like 2022-06-16 (YYYY-MM-DD)"],
    ),
    Case(
        "vietnamese-date-order",
        add("27-NQ/TW", date="09/11/2022"),
        1,
        stderr=["'09/11/2022' is not a date like 2022-06-16 (YYYY-MM-DD)"],
    ),
    Case(
        "missing-options",
        ["add-document", "27-NQ/TW", "--type", "Nghị quyết"],
        1,
        stderr=["missing --issuer, --date (needed to add 27-NQ/TW to the registry)"],
    ),
    Case(
        "bad-source",
        add("27-NQ/TW", "--source", "the report"),
        1,
        stderr=["--source must be 'report' or an http(s) URL, not 'the report'"],
    ),
    Case(
        "unknown-paragraph",
        add("27-NQ/TW", "--source-paragraph", "i-9-p9"),
        1,
        stderr=[
            "'i-9-p9' is not a paragraph id of the report (an {{: #id }} in docs/bao-cao/*.md,"
            " or fn:N for footnote N)"
        ],
    ),
    Case(
        "paragraph-of-a-url",
        add("27-NQ/TW", "--source", "https://example.org/nq27", "--source-paragraph", "fn:1"),
        1,
        stderr=["--source-paragraph names a paragraph of the report: use --source report"],
    ),
    Case(
        "type-code-mismatch-rolls-back",
        add("27-QĐ/TW"),
        1,
        stderr=[
            "docs/_data/documents.yml:{new_doc_type_line}: document 27-QĐ/TW: field 'doc_type':"
            " 'Nghị quyết' does not match type code 'QĐ' of the number",
            "27-QĐ/TW not added: docs/_data/documents.yml is unchanged",
        ],
    ),
    Case(
        "broken-registry",
        add("27-NQ/TW"),
        1,
        stderr=[
            "docs/_data/documents.yml:{bad_level_line}: field 'issuers.{bad_level}.level':"
            " Input should be 'central',"
            " 'provincial' or 'unstated'",
            "docs/_data/documents.yml has problems already: fix them first",
        ],
        setup=break_registry,
    ),
    Case(
        "page-of-another-document",
        add("27-NQ/TW"),
        1,
        stderr=["docs/van-ban/27-nq-tw.md exists and is not the page of 27-NQ/TW: move it first"],
        setup=foreign_page,
    ),
    Case(
        "pages-only-unregistered",
        ["add-document", "--pages-only", "27-NQ/TW"],
        1,
        stderr=[
            "27-NQ/TW is not in docs/_data/documents.yml; add it with: python scripts/docs.py"
            " add-document '27-NQ/TW' --type TYPE --issuer ISSUER --date YYYY-MM-DD"
        ],
    ),
    Case(
        "pages-only-with-facts",
        ["add-document", "--pages-only", "21-NQ/TW", "--date", "2022-06-16"],
        1,
        stderr=["--pages-only creates the pages of an existing entry: drop --date"],
    ),
    Case(
        "pages-only-nothing-missing",
        ["add-document", "--pages-only", "21-NQ/TW"],
        0,
        stdout=["nothing to do: every page of 21-NQ/TW exists"],
    ),
    Case(
        "pages-only-creates-the-missing-page",
        ["add-document", "--pages-only", "21-NQ/TW"],
        0,
        stdout=["created docs/van-ban/21-nq-tw.en.md"],
        setup=drop_english_page,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_add_document(project: Path, case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    if case.setup:
        case.setup(project)
    values = facts(project)
    before = (project / REGISTRY).read_bytes()
    code = CLI_MAIN([*case.args, "--root", str(project)])  # in-process: the table is long
    out, err = capsys.readouterr()
    assert (code, out.splitlines(), err.splitlines()) == (
        case.code,
        [line.format(**values) for line in case.stdout],
        [line.format(**values) for line in case.stderr],
    )
    assert (project / REGISTRY).read_bytes() == before  # refusals and --pages-only: untouched


def test_pages_only_writes_the_stub(project: Path) -> None:
    drop_english_page(project)
    docs_py(project, "add-document", "--pages-only", "21-NQ/TW")
    text = (project / "docs/van-ban/21-nq-tw.en.md").read_text(encoding="utf-8")
    assert text == '---\ndocument: "21-NQ/TW"\n---\n'


def test_add_then_check_tells_the_next_step(project: Path) -> None:
    """End to end: the entry lands as text, the pages exist, and the check's verdict is the one
    the scaffold announced (the report does not cite this number, so it must fail)."""
    before = (project / REGISTRY).read_text(encoding="utf-8")
    first = last_line(project) + 2
    result = docs_py(
        project,
        *add(
            "22-NQ/TW",
            "--subject",
            "về tiếp tục đổi mới, hoàn thiện và nâng cao chất lượng hệ thống chính trị",
            "--subject-en",
            "on further renewing and improving the political system",
            "--source-paragraph",
            "fn:1",
            date="2022-06-16",
        ),
    )
    next_step = (
        "next: run `make check`; if the report's text (docs/bao-cao/) does not cite 22-NQ/TW"
        ' exactly so, it reports "document 22-NQ/TW is cited nowhere in the report"'
    )
    assert (result.returncode, result.stdout.splitlines(), result.stderr) == (
        0,
        [
            f"added 22-NQ/TW to docs/_data/documents.yml:{first}",
            "created docs/van-ban/22-nq-tw.md",
            "created docs/van-ban/22-nq-tw.en.md",
            next_step,
        ],
        "",
    )
    assert (project / REGISTRY).read_text(encoding="utf-8") == before + (
        "\n"
        "  - number: 22-NQ/TW\n"
        "    doc_type: Nghị quyết\n"
        "    issuer: Ban Chấp hành Trung ương Đảng khóa XIII\n"
        "    date: 2022-06-16\n"
        "    subject: về tiếp tục đổi mới, hoàn thiện và nâng cao chất lượng hệ thống chính trị\n"
        "    subject_en: on further renewing and improving the political system\n"
        "    source: report\n"
        "    source_paragraph: fn:1\n"
    )
    for page in ("22-nq-tw.md", "22-nq-tw.en.md"):
        stub = (project / "docs/van-ban" / page).read_text(encoding="utf-8")
        assert stub == '---\ndocument: "22-NQ/TW"\n---\n'

    check = docs_py(project, "check", "--only", "citations")
    problem = f"docs/_data/documents.yml:{first}: document 22-NQ/TW is cited nowhere in the report"
    assert (check.returncode, check.stdout.splitlines()) == (
        1,
        [problem, "✗ citations: 1 problem(s)"],
    )
    announced = re.search(r'"(.*?)"', next_step)
    assert announced and problem.endswith(announced.group(1))


def test_entry_goes_before_a_later_top_level_key(project: Path) -> None:
    """Entries go at the end of `documents:`, not the end of the file (comments stay put)."""
    path = project / REGISTRY
    text = path.read_text(encoding="utf-8")
    head, issuers_block = text.split("documents:\n")[0].split("issuers:\n")
    documents = text.split("documents:\n")[1]
    reordered = f"{head}documents:\n{documents}\n# Who issues them.\nissuers:\n{issuers_block}"
    path.write_text(reordered, encoding="utf-8")
    result = docs_py(project, *add("27-NQ/TW"))
    assert result.returncode == 0, result.stderr
    entry = (
        "\n  - number: 27-NQ/TW\n    doc_type: Nghị quyết\n"
        f"    issuer: {CC_XIII}\n    date: 2022-11-09\n    source: report\n"
    )
    assert path.read_text(encoding="utf-8") == reordered.replace(
        "\n\n# Who issues them.\n", f"\n{entry}\n# Who issues them.\n"
    )


LONG_VI = (
    "về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên "
    "trong giai đoạn mới"
)


@pytest.mark.parametrize(
    ("subject", "lines"),
    [
        ("on things", ["    subject: on things"]),
        ('on "quoted" things', ['    subject: on "quoted" things']),
        ('"Quoted" first', ['    subject: "\\"Quoted\\" first"']),
        ("a: b", ['    subject: "a: b"']),
        ("x # y", ['    subject: "x # y"']),
        ("yes", ['    subject: "yes"']),
        ("2022-06-16", ['    subject: "2022-06-16"']),
        (
            LONG_VI,
            [
                "    subject: >-",
                "      về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng"
                " đội ngũ đảng viên",
                "      trong giai đoạn mới",
            ],
        ),
    ],
)
def test_entry_text_quotes_only_when_needed(subject: str, lines: list[str]) -> None:
    date = dt.date(2022, 11, 9)
    new = NewDocument("27-NQ/TW", "Nghị quyết", CC_XIII, date, subject, None, "report", None)
    written = entry_text(new, "  ")
    assert written[4:-1] == lines
    assert yaml.safe_load("\n".join(written))[0]["subject"] == subject
