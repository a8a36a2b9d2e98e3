"""Read YAML data files keeping the line of every mapping and key, for `path:line` messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kb.model.problems import Problem, UserError

Loc = tuple[str | int, ...]


@dataclass
class LineMap:
    """Lines (1-based) of YAML nodes by their path of keys and indexes."""

    path: str
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc) -> int:
        """The line of the deepest known node on `loc`, so an unknown field names its entry."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.path, self.line(loc), message)


def _walk(
    node: yaml.Node, loc: Loc, lines: dict[Loc, int], duplicates: list[tuple[int, str, int]]
) -> None:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*loc, str(key.value))
            if child in lines:  # YAML would silently keep the last one
                duplicates.append((key.start_mark.line + 1, str(key.value), lines[child]))
                continue
            lines[child] = key.start_mark.line + 1
            _walk(value, child, lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), lines, duplicates)


def load_yaml(path: Path, display: str | None = None) -> tuple[Any, LineMap]:
    """Parse a YAML file; a syntax error is the maintainer's mistake, reported with its line."""
    shown = display or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError([Problem(shown, 1, "file not found")]) from None
    return parse_yaml(text, shown)


def parse_yaml(
    text: str, shown: str, first_line: int = 1, what: str = "YAML"
) -> tuple[Any, LineMap]:
    """Parse YAML text that starts at `first_line` of file `shown` (front matter: line 2)."""
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 + offset if mark else first_line
        raise UserError([Problem(shown, line, f"invalid {what}: {error.problem}")]) from None
    lines: dict[Loc, int] = {}
    duplicates: list[tuple[int, str, int]] = []
    if node is not None:
        _walk(node, (), lines, duplicates)
    if duplicates:
        raise UserError(
            [
                Problem(
                    shown, line + offset, f"duplicate key '{key}' (first at line {first + offset})"
                )
                for line, key, first in duplicates
            ]
        )
    return data, LineMap(shown, {loc: line + offset for loc, line in lines.items()})


_MESSAGES = {"missing": "is missing", "string_too_short": "is empty"}


def schema_problems(
    error: ValidationError, lines: LineMap, list_key: str, entry_name: Callable[[int], str]
) -> list[Problem]:
    """Pydantic's errors as `path:line: <entry>: <what>`, each at the line of its field.

    `list_key` names the list of entries in the file; `entry_name(index)` says how a maintainer
    recognises an entry ("entry 3 'BTV'", "relation 7 (i-1-a -> ii-1-b)").
    """
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        entry_loc = loc[:2] if len(loc) >= 2 and loc[0] == list_key else ()
        prefix = f"{entry_name(int(loc[1]))}: " if entry_loc else ""
        field = ".".join(str(part) for part in loc[len(entry_loc) :])
        if item["type"] == "extra_forbidden":
            message = f"unknown field '{field}'"
        elif item["type"] in _MESSAGES:
            message = f"field '{field}' {_MESSAGES[item['type']]}"
        elif not field:
            message = item["msg"].removeprefix("Value error, ")
        else:
            message = f"field '{field}': {item['msg']}"
        problems.append(lines.problem(loc, prefix + message))
    return sorted(set(problems))
