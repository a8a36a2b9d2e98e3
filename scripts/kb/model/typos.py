"""Slips in the report's text: kept as written, with an editorial note giving the intended word."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from kb.model.problems import Problem, UserError
from kb.model.yamlsource import LineMap, load_yaml, schema_problems

TYPOS_FILE = "_data/typos.yml"


class Typo(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    paragraph: str
    text: str
    intended: str


class _TypoFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    typos: tuple[Typo, ...]


def _entry_name(data: Any, index: int) -> str:
    raw = data.get("typos", [])[index] if isinstance(data, dict) else None
    entry = raw if isinstance(raw, dict) else {}
    return f"typo {index + 1} ({entry.get('paragraph', '?')})"


def load_typos_located(docs_dir: Path) -> tuple[tuple[Typo, ...], LineMap]:
    """The typos and the line map of their file, for messages naming an entry's line."""
    data, lines = load_yaml(docs_dir / TYPOS_FILE, f"docs/{TYPOS_FILE}")
    try:
        typos = _TypoFile.model_validate(data).typos
    except ValidationError as error:
        raise UserError(
            schema_problems(error, lines, "typos", lambda index: _entry_name(data, index))
        ) from None
    seen: dict[tuple[str, str], int] = {}
    problems = []
    for index, typo in enumerate(typos):
        line = lines.line(("typos", index))
        first = seen.setdefault((typo.paragraph, typo.text), line)
        if first != line:
            problems.append(
                lines.problem(
                    ("typos", index),
                    f"{_entry_name(data, index)}: duplicate entry (first at line {first})",
                )
            )
    if problems:
        raise UserError(problems)
    return typos, lines


def typo_problems(
    typos: tuple[Typo, ...], lines: LineMap, paragraph_text: Mapping[str, str]
) -> list[Problem]:
    """A typo entry whose paragraph or text is not in the report, at the entry's line."""
    problems = []
    for index, typo in enumerate(typos):
        text = paragraph_text.get(typo.paragraph)
        where = ("typos", index, "paragraph")
        if text is None:
            problems.append(
                lines.problem(where, f"typo {index + 1}: unknown paragraph '{typo.paragraph}'")
            )
        elif typo.text not in text:
            problems.append(
                lines.problem(
                    ("typos", index, "text"),
                    f"typo {index + 1}: '{typo.text}' is not in paragraph {typo.paragraph}",
                )
            )
    return problems
