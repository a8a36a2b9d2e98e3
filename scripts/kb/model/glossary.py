"""Glossary of the report's abbreviations and key terms (docs/_data/glossary.yml): check, mark."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kb.model.docnumber import NUMBER_RE, fold, slugify
from kb.model.i18n import Bilingual
from kb.model.problems import Problem, UserError
from kb.model.report import OVERVIEW, PARTS, report_lines
from kb.model.yamlsource import LineMap, load_yaml, schema_problems

GLOSSARY_FILE = "_data/glossary.yml"
_DISPLAY = f"docs/{GLOSSARY_FILE}"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Entry(_Model):
    term: str = Field(min_length=1)
    kind: Literal["abbreviation", "term"]
    expansion: Bilingual | None = None
    en_term: str | None = Field(default=None, min_length=1)
    # Where en_term alone would also mark other words ("review" also renders "rà soát"): the
    # English words that follow it wherever it renders this term ("and handle").
    en_followed_by: str | None = Field(default=None, min_length=1)
    definition: Bilingual

    @model_validator(mode="after")
    def _complete_for_its_kind(self) -> Entry:
        if self.kind == "abbreviation" and self.expansion is None:
            raise ValueError("field 'expansion' is missing (an abbreviation needs it in vi and en)")
        if self.kind == "term" and self.en_term is None:
            raise ValueError("field 'en_term' is missing (English pages mark the term by it)")
        return self

    @property
    def slug(self) -> str:
        return slugify(self.term)

    def title(self, locale: str) -> str:
        """The tooltip: "expansion — definition" for an abbreviation, the definition for a term."""
        definition = self.definition.in_(locale)
        if self.expansion is None:
            return definition
        return f"{self.expansion.in_(locale)} — {definition}"


class Glossary(_Model):
    entries: tuple[Entry, ...]

    def of_kind(self, kind: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind == kind]


def sort_key(text: str) -> tuple[str, str]:
    """A simple Vietnamese collation: base letters, đ after d; marks only break ties.

    >>> sorted(["đùn đẩy", "dám nghĩ", "điều động", "BTV", "b/c"], key=sort_key)
    ['b/c', 'BTV', 'dám nghĩ', 'điều động', 'đùn đẩy']
    """
    # "{" sorts after "z", so "đ" as "d{" comes after every "d" word and before "e".
    base = re.sub(r"[^\w\s{]", "", fold(text.lower().replace("đ", "d{")))
    return base, unicodedata.normalize("NFD", text)


# --- loading and checking ------------------------------------------------------------------------


def _entry_name(data: Any, index: int) -> str:
    raw = data["entries"][index] if isinstance(data, dict) else None
    term = raw.get("term", "?") if isinstance(raw, dict) else "?"
    return f"entry {index + 1} '{term}'"


def _duplicates(glossary: Glossary, lines: LineMap) -> Iterator[Problem]:
    """Two entries for one term, or two terms with one anchor id on the glossary page."""
    terms: dict[str, int] = {}
    slugs: dict[str, int] = {}
    for index, entry in enumerate(glossary.entries):
        loc: tuple[str | int, ...] = ("entries", index, "term")
        name = f"entry {index + 1} '{entry.term}'"
        if entry.term in terms:
            first = terms[entry.term]
            yield lines.problem(
                loc, f"{name}: duplicate term (first at line {lines.line(('entries', first))})"
            )
            continue
        terms[entry.term] = index
        if entry.slug in slugs:
            other = glossary.entries[slugs[entry.slug]].term
            yield lines.problem(
                loc, f"{name}: anchor '#{entry.slug}' is also the anchor of '{other}'"
            )
        slugs.setdefault(entry.slug, index)


def load_glossary(docs_dir: Path) -> Glossary:
    """Load and validate the glossary; every mistake is reported with file, line, entry, field."""
    data, lines = load_yaml(docs_dir / GLOSSARY_FILE, _DISPLAY)
    try:
        glossary = Glossary.model_validate(data)
    except ValidationError as error:
        raise UserError(
            schema_problems(error, lines, "entries", lambda index: _entry_name(data, index))
        ) from None
    problems = list(_duplicates(glossary, lines))
    if problems:
        raise UserError(problems)
    return glossary


# --- abbreviations in the report -----------------------------------------------------------------

_MARKUP = re.compile(
    r"<!--.*?-->"  # comments, report markers included
    r"|<[^>\n]+>"  # HTML tags and their attributes
    r"|\{:[^}\n]*\}"  # attribute lists
    r"|\[\^[^\]\n]+\]:?"  # footnote references and definitions
    r"|\]\([^)\n]*\)",  # link targets
    re.S,
)
_SLASH_FORM = re.compile(r"(?<![\w/])[^\W\d_]/[^\W\d_](?![\w/])")
# One-letter abbreviations look like initials or Roman numerals, so they are listed, not found.
LISTED = ("P.",)
_LISTED = re.compile(r"(?<![\w/])(?:" + "|".join(map(re.escape, LISTED)) + r")(?=\s)")
_WORD = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile(
    r"^(?=[IVXLCDM]+$)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$"
)
_CODE_SPLIT = re.compile(r"[-\u2010-\u2014\u2212]")


@dataclass(frozen=True)
class Found:
    """An abbreviation written in a page of the report."""

    path: str  # docs-relative, e.g. "bao-cao/iv-de-xuat-kien-nghi.md"
    line: int
    token: str


def _is_caps(word: str) -> bool:
    return word.upper() == word != word.lower()


def _has_vowel_mark(word: str) -> bool:
    """Ă, Â, Ê, Ô, Ơ, Ư and tone marks decompose to a combining mark; Đ does not."""
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", word))


def _report_only(markdown: str) -> str:
    """The page with everything but the report's words blanked, offsets and lines kept."""
    inside = report_lines(markdown)
    text = "".join(
        line if number in inside else _blank(line)
        for number, line in enumerate(markdown.splitlines(keepends=True), start=1)
    )
    return _MARKUP.sub(lambda m: _blank(m.group(0)), text)


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def find_abbreviations(path: str, markdown: str) -> list[Found]:
    """Every abbreviation in the report's words on a page, in order.

    An abbreviation is: a code inside a document number (01-KH/BCĐ gives KH and BCĐ); a
    letter/letter form (b/c, T/M); a listed one-letter form (P.); or a word of two or more
    capitals that is not a Roman numeral, has no Vietnamese vowel mark, and does not stand in a
    run of capitalised words one of which has a mark (an all-caps heading: BAN THƯỜNG VỤ).
    """
    text = _report_only(markdown)
    found: list[tuple[int, str]] = []

    def blank(match: re.Match[str]) -> str:
        return " " * len(match.group(0))

    for number in NUMBER_RE.finditer(text):
        for group in ("p_type", "p_issuer", "s_codes_year", "s_codes"):
            if number.group(group):
                offset = number.start(group)
                for code in _CODE_SPLIT.split(number.group(group)):
                    found.append((offset, code.strip()))
                    offset += len(code) + 1
    text = NUMBER_RE.sub(blank, text)
    for pattern in (_SLASH_FORM, _LISTED):
        found.extend((m.start(), m.group(0)) for m in pattern.finditer(text))
        text = pattern.sub(blank, text)
    words = list(_WORD.finditer(text))
    heading = [False] * len(words)
    start = 0
    while start < len(words):  # runs of capitalised words separated by white space only
        end = start
        while (
            _is_caps(words[end].group(0))
            and end + 1 < len(words)
            and _is_caps(words[end + 1].group(0))
            and not text[words[end].end() : words[end + 1].start()].strip()
        ):
            end += 1
        run = words[start : end + 1]
        if len(run) > 1 and any(_has_vowel_mark(w.group(0)) for w in run):
            heading[start : end + 1] = [True] * len(run)
        start = end + 1
    for index, word in enumerate(words):
        token = word.group(0)
        if (
            len(token) >= 2
            and _is_caps(token)
            and not _ROMAN.match(token)
            and not _has_vowel_mark(token)
            and not heading[index]
        ):
            found.append((word.start(), token))
    return [Found(path, text.count("\n", 0, offset) + 1, token) for offset, token in sorted(found)]


def check_glossary(root: Path) -> list[Problem]:
    """Problems of the glossary file, and abbreviations the report uses that it lacks."""
    docs_dir = root / "docs"
    try:
        glossary = load_glossary(docs_dir)
    except UserError as error:
        return error.problems
    known = {entry.term for entry in glossary.of_kind("abbreviation")}
    problems = []
    for path in (OVERVIEW, *PARTS):
        reported: set[str] = set()
        for found in find_abbreviations(path, (docs_dir / path).read_text(encoding="utf-8")):
            if found.token in known or found.token in reported:
                continue
            reported.add(found.token)  # once per page: the first place is enough to act on
            problems.append(
                Problem(
                    f"docs/{path}",
                    found.line,
                    f"abbreviation '{found.token}' is not in {_DISPLAY}",
                )
            )
    return sorted(problems)


# --- marking up pages ----------------------------------------------------------------------------
