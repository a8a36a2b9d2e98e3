"""A problem found by a check, reported as `path:line: message` for editors and CI logs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, located in a file a maintainer edits (never in generated HTML)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class UserError(Exception):
    """A maintainer's mistake (bad data file, bad argument): print the problems, no traceback."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems
