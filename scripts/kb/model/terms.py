"""The Vietnamese -> English term list (`docs/_data/terms.yml`): loaded and validated.

The file is a list of entries `{vi, en, note?}`. Every mistake is reported as
`docs/_data/terms.yml:line: term N 'vi': what is wrong`, like the other data files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kb.model.problems import UserError
from kb.model.yamlsource import load_yaml, schema_problems

TERMS_FILE = "_data/terms.yml"
_DISPLAY = f"docs/{TERMS_FILE}"


class Term(BaseModel):
    """One term as the report uses it (`vi`) and its rendering in the English pages (`en`)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)
    # Other accepted English forms (plural, verb form), where the rendering changes with grammar.
    en_forms: tuple[str, ...] = ()
    note: str | None = None
    # The exceptions list: paragraph ids where the term is rendered by meaning, not by `en`.
    by_meaning: tuple[str, ...] = ()
    # Terms too common or too varied to check word for word (the list still guides translators).
    checked: bool = True


class _TermsFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    terms: tuple[Term, ...]


def _entry_name(data: Any, index: int) -> str:
    raw = data[index] if isinstance(data, list) and index < len(data) else None
    entry = raw if isinstance(raw, dict) else {}
    return f"term {index + 1} '{entry.get('vi', '?')}'"


def load_terms(docs_dir: Path) -> tuple[Term, ...]:
    """The terms in file order; a UserError names the line of each mistake."""
    return tuple(term for term, _ in load_located_terms(docs_dir))


def load_located_terms(docs_dir: Path) -> list[tuple[Term, int]]:
    """The terms in file order, each with the line its entry starts on."""
    data, lines = load_yaml(docs_dir / TERMS_FILE, _DISPLAY)
    if not isinstance(data, list):
        raise UserError([lines.problem((), "the file must be a list of '- vi: ... en: ...'")])
    # Validate as {terms: [...]} and map pydantic's locations back onto the top-level list.
    lines.lines.update({("terms", *loc): line for loc, line in list(lines.lines.items())})
    try:
        terms = _TermsFile.model_validate({"terms": data}).terms
    except ValidationError as error:
        raise UserError(
            schema_problems(error, lines, "terms", lambda index: _entry_name(data, index))
        ) from None
    seen: dict[str, int] = {}
    problems = []
    for index, term in enumerate(terms):
        line = lines.line((index,))
        first = seen.setdefault(term.vi, line)
        if first != line:
            problems.append(
                lines.problem(
                    (index, "vi"),
                    f"{_entry_name(data, index)}: duplicate term (first at line {first})",
                )
            )
    if problems:
        raise UserError(problems)
    return [(term, lines.line((index,))) for index, term in enumerate(terms)]
