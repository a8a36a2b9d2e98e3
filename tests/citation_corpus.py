"""Score the citation extractor on the real sentences of tests/data/citations-corpus.jsonl."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).parent / "data" / "citations-corpus.jsonl"

# What the scorer needs of each citation found: its key and its date (as the CLI prints them).
Found = list[tuple[str, str | None]]


@dataclass
class Score:
    """Counts for one kind of sentence (or all): keys found, expected and right, dates right."""

    found: int = 0
    expected: int = 0
    right: int = 0
    dates_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def date_accuracy(self) -> float:
        """Expected citations found with the right date (None included), over all expected."""
        return self.dates_right / self.expected if self.expected else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name:<22} keys P={self.precision:.3f} R={self.recall:.3f} "
            f"dates={self.date_accuracy:.3f} (expected {self.expected}, found {self.found})"
        )


def load() -> list[dict[str, object]]:
    """The corpus rows, one JSON object a line."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score(rows: Iterable[dict[str, object]], run: Callable[[str], Found]) -> dict[str, Score]:
    """Score `run` on each row; the result has one Score per kind and one named 'ALL'."""
    scores: dict[str, Score] = {}
    for number, row in enumerate(rows, 1):
        text = str(row["text"])
        expected = [(str(e["key"]), e["date"]) for e in row["expected"]]  # type: ignore[attr-defined]
        found = run(text)
        right = sum((Counter(k for k, _ in expected) & Counter(k for k, _ in found)).values())
        # A date is right when the citation with that key, taken in order, carries it.
        unused = list(found)
        dates_right = 0
        for key, date in expected:
            match = next((f for f in unused if f[0] == key), None)
            if match is not None:
                unused.remove(match)
                dates_right += match[1] == date
        misses = []
        if right != len(expected) or right != len(found) or dates_right != len(expected):
            misses.append(f"row {number}: expected {expected}, found {found}: {text!r}")
        for kind in [*row["kinds"], "ALL"]:  # type: ignore[misc]
            s = scores.setdefault(str(kind), Score())
            s.found += len(found)
            s.expected += len(expected)
            s.right += right
            s.dates_right += dates_right
            s.misses.extend(misses)
    return scores
