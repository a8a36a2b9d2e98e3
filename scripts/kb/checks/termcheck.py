"""Check that English paragraphs render the Vietnamese terms as docs/_data/terms.yml says."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from kb.model.citeindex import plain_text, split_blocks
from kb.model.i18n import localized_name
from kb.model.problems import Problem
from kb.model.report import OVERVIEW, PARTS
from kb.model.terms import TERMS_FILE, load_located_terms

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
    terms = sorted(
        (t for t in load_located_terms(docs) if t[0].checked), key=lambda t: -len(t[0].vi)
    )
    patterns = [_vietnamese_pattern(t.vi) for t, _ in terms]
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
            for (term, term_line), pattern in zip(terms, patterns, strict=True):
                if pattern.search(vi_text) is None:
                    continue
                vi_text = pattern.sub(lambda m: " " * len(m.group(0)), vi_text)
                if block.anchor in term.by_meaning:
                    continue
                forms = (term.en, *term.en_forms)
                if any(_contains(en_text, _fold(form)) for form in forms):
                    continue
                hint = f"if rendered by meaning, add {block.anchor} to its by_meaning"
                entry = f"docs/{TERMS_FILE}:{term_line}"
                message = f"'{term.vi}' is not rendered '{term.en}' ({entry}; {hint})"
                problems.append(Problem(f"docs/{twin}", other.line, f"#{block.anchor}: {message}"))
    return problems
