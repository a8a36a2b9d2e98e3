"""Slips in the report's text: kept as written, with an editorial note giving the intended word."""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from kb.model.i18n import DEFAULT_LOCALE, UI
from kb.model.problems import Problem, UserError
from kb.model.yamlsource import LineMap, load_yaml, schema_problems
from kb.render.htmltext import TextContext, element_end, rewrite_text

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


def load_typos(docs_dir: Path) -> tuple[Typo, ...]:
    return load_typos_located(docs_dir)[0]


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


def note_html(typo: Typo, locale: str) -> str:
    ui = UI[locale]
    body = ui["typo_note"].format(text=typo.text, intended=typo.intended)
    # The space is inside the note: the report's text around it stays as it is (fidelity).
    return (
        f'<span class="editorial-note" role="note"> [{html.escape(ui["editorial"])}: '
        f"{html.escape(body)}]</span>"
    )


def annotate_typos(page_html: str, typos: tuple[Typo, ...], locale: str) -> str:
    """Mark each typo in its paragraph and add the note (English: at the paragraph's end)."""
    for typo in typos:
        marker = f'id="{typo.paragraph}"'
        if marker not in page_html:
            continue
        if locale == DEFAULT_LOCALE:  # the report's own words: mark the typo where it stands
            page_html = _mark_in_text(page_html, typo)
        else:
            page_html = _note_at_end(page_html, typo, locale)
    return page_html


def _mark_in_text(page_html: str, typo: Typo) -> str:
    done = False

    def transform(text: str, context: TextContext) -> str:
        nonlocal done
        if done or context.anchor != typo.paragraph or typo.text not in text:
            return html.escape(text, quote=False)
        done = True
        before, _, after = text.partition(typo.text)
        return (
            f'{html.escape(before, quote=False)}<mark class="typo">'
            f"{html.escape(typo.text, quote=False)}</mark>{note_html(typo, DEFAULT_LOCALE)}"
            f"{html.escape(after, quote=False)}"
        )

    return rewrite_text(page_html, transform)


def _note_at_end(page_html: str, typo: Typo, locale: str) -> str:
    tag, start, end = element_end(page_html, typo.paragraph)
    # Footnotes end with a back-reference link inside their <p>: put the note before it.
    if tag == "li":
        backref = page_html.rfind('<a class="footnote-backref"', start, end)
        para_end = page_html.rfind("</p>", start, end)
        end = backref if backref != -1 else para_end if para_end != -1 else end
    return page_html[:end] + " " + note_html(typo, locale) + page_html[end:]
