"""Table-driven tests for the document citation extractor and its command-line wrapper."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from kb.model.citations import Citation, extract
from kb.model.docnumber import DocumentNumber, fold_key, normalise_key, parse_number

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "citations.yaml"
CLI = ROOT / "scripts" / "citations.py"
REPORT_SOURCE = Path(__file__).parent / "data" / "report-source.txt"

TABLE: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
FIELDS = [
    "span", "start", "end", "key", "kind", "doc_type", "number", "year", "type_code",
    "issuer_code", "date", "issuer_name", "article", "clause",
]  # fmt: skip


def _expected(text: str, rows: list[dict[str, Any]]) -> list[dict[str, object]]:
    """Complete each fixture row with start/end: the span's first place after the previous one."""
    expected: list[dict[str, object]] = []
    cursor = 0
    for row in rows:
        assert sorted(row) == sorted(f for f in FIELDS if f not in {"start", "end"}), row
        start = text.index(row["span"], cursor)
        cursor = start + len(row["span"])
        full = {**row, "start": start, "end": cursor}
        expected.append({f: full[f] for f in FIELDS})
    return expected


def _ids(rows: list[dict[str, Any]]) -> list[str]:
    return [str(row.get("id", row.get("input"))) for row in rows]


def test_table_is_large_enough() -> None:
    assert len(TABLE["positives"]) >= 40
    assert len(TABLE["negatives"]) >= 20
    ids = _ids(TABLE["positives"] + TABLE["negatives"])
    assert len(ids) == len(set(ids)), "fixture ids must be unique"


@pytest.mark.parametrize("case", TABLE["positives"], ids=_ids(TABLE["positives"]))
def test_extract(case: dict[str, Any]) -> None:
    text = case["text"]
    found = extract(text)
    assert [c.as_dict() for c in found] == _expected(text, case["citations"])
    for c in found:
        assert text[c.start : c.end] == c.span
        assert list(c.as_dict()) == FIELDS


@pytest.mark.parametrize("case", TABLE["negatives"], ids=_ids(TABLE["negatives"]))
def test_no_citation(case: dict[str, Any]) -> None:
    assert extract(case["text"]) == []


@pytest.mark.parametrize("case", TABLE["numbers"], ids=_ids(TABLE["numbers"]))
def test_parse_number(case: dict[str, Any]) -> None:
    number = parse_number(case["input"])
    assert number == DocumentNumber(
        kind=case["kind"],
        number=case["number"],
        year=case["year"],
        type_code=case["type_code"],
        issuer_code=case["issuer_code"],
    )
    assert str(number) == case["key"]
    assert normalise_key(case["input"]) == case["key"]
    assert DocumentNumber.parse(str(number)) == number  # round trip
    assert fold_key(case["input"]) == case["fold"]


@pytest.mark.parametrize("text", TABLE["not_numbers"])
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None
    with pytest.raises(ValueError, match="not a document number"):
        normalise_key(text)


@pytest.mark.parametrize("case", TABLE["folds"], ids=_ids(TABLE["folds"]))
def test_fold_key(case: dict[str, str]) -> None:
    assert fold_key(case["input"]) == case["fold"]


def test_citation_is_frozen() -> None:
    citation = extract("Quy định số 114-QĐ/TW")[0]
    assert isinstance(citation, Citation)
    with pytest.raises(AttributeError):
        citation.key = "x"  # type: ignore[misc]


def test_every_citation_in_the_report() -> None:
    keys = [c.key for c in extract(REPORT_SOURCE.read_text(encoding="utf-8"))]
    assert keys == [
        "01-KH/BCĐ",
        "101-QĐ/TW",
        "55-QĐ/TW",
        "21-NQ/TW",
        "21-KL/TW",
        "01-KL/TW",
        "05-CT/TW",
        "1167-QĐ/TU",
        "306-QĐ/TU",
        "114-QĐ/TW",
        "14-KL/TW",
    ]


def _run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, str(CLI), *args],
        input=stdin.encode("utf-8"),
        capture_output=True,
        check=False,
        timeout=60,
    )


CLI_TEXT = (
    "Thực hiện Kế hoạch số 01-KH/BCĐ ngày 10/8/2023 của Ban Chỉ đạo xây dựng Đề án; "
    "căn cứ Quyết định số 1847/QĐ-TTg.\n"
)
CLI_LINES = [
    '{"span": "Kế hoạch số 01-KH/BCĐ", "start": 10, "end": 31, "key": "01-KH/BCĐ", '
    '"kind": "party", "doc_type": "Kế hoạch", "number": "01", "year": 2023, "type_code": "KH", '
    '"issuer_code": "BCĐ", "date": "2023-08-10", "issuer_name": "Ban Chỉ đạo xây dựng Đề án", '
    '"article": null, "clause": null}',
    '{"span": "Quyết định số 1847/QĐ-TTg", "start": 86, "end": 111, "key": "1847/QĐ-TTg", '
    '"kind": "state", "doc_type": "Quyết định", "number": "1847", "year": null, '
    '"type_code": "QĐ", "issuer_code": "TTg", "date": null, "issuer_name": null, '
    '"article": null, "clause": null}',
]


def test_cli_stdin() -> None:
    result = _run_cli("-", stdin=CLI_TEXT)
    assert result.returncode == 0, result.stderr.decode("utf-8")
    assert result.stdout.decode("utf-8").splitlines() == CLI_LINES
    assert result.stderr == b""


def test_cli_defaults_to_stdin() -> None:
    result = _run_cli(stdin=CLI_TEXT)
    assert result.returncode == 0
    assert result.stdout.decode("utf-8").splitlines() == CLI_LINES


def test_cli_file(tmp_path: Path) -> None:
    path = tmp_path / "text.txt"
    path.write_text(CLI_TEXT, encoding="utf-8")
    result = _run_cli(str(path))
    assert result.returncode == 0
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines == CLI_LINES
    assert [json.loads(line) for line in lines] == [c.as_dict() for c in extract(CLI_TEXT)]


def test_cli_no_citations_prints_nothing() -> None:
    result = _run_cli("-", stdin="Ngày 10/8/2023, 3/4 chỉ tiêu.")
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


def test_cli_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = _run_cli(str(missing))
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode("utf-8") == f"{missing}: file not found\n"


KIND_NAMES = sorted({row["kind"] for row in TABLE["kinds"]})


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_every_kind_has_five_rows_and_a_must_not_match(kind: str) -> None:
    rows = [row for row in TABLE["kinds"] if row["kind"] == kind]
    assert len(rows) >= 5
    assert any(row["keys"] == [] for row in rows) or kind == "date"


@pytest.mark.parametrize("case", TABLE["kinds"], ids=_ids(TABLE["kinds"]))
def test_kind(case: dict[str, Any]) -> None:
    found = extract(case["text"])
    assert [[c.key, c.date] for c in found] == case["keys"]
    for c in found:
        assert case["text"][c.start : c.end] == c.span
        assert not c.span[-1:].isdigit() or c.key.endswith(c.span[-1])  # no footnote digit
