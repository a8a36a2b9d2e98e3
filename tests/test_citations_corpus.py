"""The extractor scored on real sentences from Vietnamese State and Party documents; its speed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from citation_corpus import load, score
from kb.model.citations import extract

REPORT_SOURCE = Path(__file__).parent / "data" / "report-source.txt"


def _run(text: str) -> list[tuple[str, str | None]]:
    return [(c.key, c.date) for c in extract(text)]


def test_corpus_is_large_and_sourced() -> None:
    rows = load()
    assert len(rows) >= 200
    assert sum(1 for r in rows if not r["expected"]) >= 40  # sentences with no citation
    for row in rows:
        source = row["source"]
        assert isinstance(source, dict) and source["title"] and source["repository"], row
        assert source["path"] and source["commit"], row


def test_corpus_scores(capsys: pytest.CaptureFixture[str]) -> None:
    scores = score(load(), _run)
    total = scores.pop("ALL")
    with capsys.disabled():
        print()
        for kind in sorted(scores):
            print(scores[kind].line(kind))
        print(total.line("ALL"))
        for miss in total.misses:
            print("  miss:", miss)
    assert total.precision >= 0.98
    assert total.recall >= 0.97
    assert total.date_accuracy >= 0.95


def test_speed_on_a_whole_document(capsys: pytest.CaptureFixture[str]) -> None:
    report = REPORT_SOURCE.read_text(encoding="utf-8")
    corpus = "\n".join(str(r["text"]) for r in load())
    text = ((report + "\n" + corpus) * 20)[:100_000]
    started = time.perf_counter()
    found = extract(text)
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(
            f"\nbenchmark: {len(text):,} characters, {len(found)} citations, "
            f"{elapsed:.3f} s, {len(text) / elapsed:,.0f} characters/second"
        )
    assert found
    assert elapsed < 2.0  # generous: a bound that a loaded CI machine still meets
