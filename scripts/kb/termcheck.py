"""Check that English paragraphs render the Vietnamese terms as docs/_data/terms.yml says."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kb.citeindex import plain_text, split_blocks
from kb.i18n import localized_name
from kb.problems import Problem, UserError
from kb.report import OVERVIEW, PARTS
from kb.yamlsource import load_yaml

TERMS_FILE = "_data/terms.yml"


class Term(BaseModel):
    """One line of the term list: a Vietnamese term and its English rendering."""

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


@dataclass(frozen=True)
class LoadedTerm:
    term: Term
    line: int


def load_terms(docs_dir: Path) -> list[LoadedTerm]:
    data, lines = load_yaml(docs_dir / TERMS_FILE, f"docs/{TERMS_FILE}")
    if not isinstance(data, list):
        raise UserError([lines.problem((), "expected a list of terms")])
    loaded, problems = [], []
    for index, entry in enumerate(data):
        try:
            loaded.append(LoadedTerm(Term.model_validate(entry), lines.line((index,))))
        except ValidationError as error:
            problems += [
                lines.problem(
                    (index, *e["loc"]), f"field '{'.'.join(map(str, e['loc']))}': {e['msg']}"
                )
                for e in error.errors()
            ]
    if problems:
        raise UserError(problems)
    return loaded


_QUOTES = str.maketrans("“”‘’", "\"\"''")


def _fold(text: str) -> str:
    """English text compared ignoring case and curly/straight quotes."""
    return unicodedata.normalize("NFC", text).lower().translate(_QUOTES)


def _contains(text: str, phrase: str) -> bool:
    """English: any case. (Text and phrase are folded by the caller.)"""
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    return re.search(rf"(?<!\w){words}(?!\w)", text) is not None


def _vietnamese_pattern(term: str) -> re.Pattern[str]:
    """Vietnamese: case matters ("Đảng" is the Party, "đảng viên" a Party member), except that
    a term in lower case may open a sentence."""
    term = unicodedata.normalize("NFC", term).translate(_QUOTES)
    first = re.escape(term[:1])
    if term[:1].islower():
        first = f"[{re.escape(term[:1])}{re.escape(term[:1].upper())}]"
    rest = r"\s+".join(re.escape(w) for w in term[1:].split(" "))
    return re.compile(rf"(?<!\w){first}{rest}(?!\w)")


def check_terms(root: Path) -> list[Problem]:
    """For each checked term in a paragraph of the report, the English twin paragraph (same id)
    holds its rendering, unless the paragraph is listed as rendered by meaning.

    A term inside a longer listed term ("Tỉnh ủy" in "Ban Thường vụ Tỉnh ủy") is checked as
    part of the longer one only.
    """
    docs = root / "docs"
    terms = sorted((t for t in load_terms(docs) if t.term.checked), key=lambda t: -len(t.term.vi))
    patterns = [_vietnamese_pattern(t.term.vi) for t in terms]
    problems: list[Problem] = []
    for path in (OVERVIEW, *PARTS):
        twin = localized_name(path, "en")
        if not (docs / twin).exists():
            continue  # the translations check reports a missing twin
        english = {
            b.anchor: b
            for b in split_blocks(twin, (docs / twin).read_text(encoding="utf-8"))
            if b.anchor
        }
        for block in split_blocks(path, (docs / path).read_text(encoding="utf-8")):
            other = english.get(block.anchor or "")
            if other is None:
                continue
            vi_text = unicodedata.normalize("NFC", plain_text(block.text)).translate(_QUOTES)
            en_text = _fold(plain_text(other.text))
            for loaded, pattern in zip(terms, patterns, strict=True):
                term = loaded.term
                if pattern.search(vi_text) is None:
                    continue
                vi_text = pattern.sub(lambda m: " " * len(m.group(0)), vi_text)
                if block.anchor in term.by_meaning:
                    continue
                forms = (term.en, *term.en_forms)
                if any(_contains(en_text, _fold(form)) for form in forms):
                    continue
                problems.append(
                    Problem(
                        f"docs/{twin}",
                        other.line,
                        f"#{block.anchor}: '{term.vi}' is not rendered '{term.en}' "
                        f"(docs/{TERMS_FILE}:{loaded.line}; if rendered by meaning, add "
                        f"{block.anchor} to its by_meaning)",
                    )
                )
    return problems
