"""The question bank: every lesson's quiz in both languages, each question tied to its paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.model.i18n import LOCALES, ui
from kb.model.problems import Problem, UserError
from kb.model.report import footnote_ids, paragraph_ids
from kb.model.yamlsource import LineMap, load_yaml

BANK = "_data/questions.yml"
# Where a lesson's quiz goes: the lesson's Markdown holds this line under its quiz heading.
MARKER = "<!-- quiz -->"
FIELDS = ("question", "answer", "explanation")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)]+)\)")


@dataclass(frozen=True)
class QuizText:
    """A question in one language: what is asked, the answer, the (editorial) explanation."""

    question: str
    answer: str
    explanation: str


@dataclass(frozen=True)
class Question:
    """One question of a lesson's quiz; `decided_by` holds `page#id` of the deciding paragraphs."""

    lesson: str
    number: int
    decided_by: tuple[str, ...]
    editorial: bool
    texts: dict[str, QuizText]
    line: int

    @property
    def deciding(self) -> tuple[str, str]:
        """(report page, paragraph id) of the first paragraph that decides the answer."""
        page, _, anchor = self.decided_by[0].partition("#")
        return page, anchor


def _problems(data: Any, lines: LineMap, docs: Path) -> list[Problem]:
    if not isinstance(data, dict):
        return [lines.problem((), "expected a mapping of lesson -> list of questions")]
    found: list[Problem] = []
    known: dict[str, set[str]] = {}
    for lesson, items in data.items():
        if not (docs / "tap-huan" / f"{lesson}.md").exists():
            found.append(lines.problem((lesson,), f"no lesson tap-huan/{lesson}.md"))
        if not isinstance(items, list):
            found.append(lines.problem((lesson,), "expected a list of questions"))
            continue
        for index, item in enumerate(items):
            loc = (lesson, index)
            if not isinstance(item, dict):
                found.append(lines.problem(loc, "expected a mapping"))
                continue
            targets = item.get("decided_by")
            if not isinstance(targets, list) or not targets:
                found.append(lines.problem(loc, "decided_by: list the paragraph(s) that decide it"))
                targets = []
            for at, target in enumerate(targets):
                page, _, anchor = str(target).partition("#")
                if page not in known:
                    source = docs / page
                    known[page] = set()
                    if source.exists():
                        text = source.read_text(encoding="utf-8")
                        known[page] = set(paragraph_ids(text)) | set(footnote_ids(text))
                if anchor not in known[page]:
                    found.append(
                        lines.problem(
                            (*loc, "decided_by", at), f"no paragraph {target} in the report"
                        )
                    )
            for locale in LOCALES:
                localized = item.get(locale)
                if not isinstance(localized, dict):
                    found.append(lines.problem(loc, f"question has no '{locale}' text"))
                    continue
                for name in FIELDS:
                    value = localized.get(name)
                    if not isinstance(value, str) or not value.strip():
                        found.append(
                            lines.problem((*loc, locale, name), f"{locale}: {name} is missing")
                        )
            if not isinstance(item.get("editorial", False), bool):
                found.append(lines.problem((*loc, "editorial"), "editorial: true or false"))
    return found


def check_questions(root: Path) -> list[Problem]:
    """Each question names real paragraphs; has question, answer, explanation per language."""
    docs = root / "docs"
    data, lines = load_yaml(docs / BANK, f"docs/{BANK}")
    return _problems(data, lines, docs)


def load_bank(docs: Path) -> list[Question]:
    """All questions, in lesson and quiz order; a bad bank fails with `path:line` problems."""
    data, lines = load_yaml(docs / BANK, f"docs/{BANK}")
    problems = _problems(data, lines, docs)
    if problems:
        raise UserError(problems)
    return [
        Question(
            lesson=lesson,
            number=index + 1,
            decided_by=tuple(item["decided_by"]),
            editorial=bool(item.get("editorial", False)),
            texts={locale: QuizText(**{f: item[locale][f] for f in FIELDS}) for locale in LOCALES},
            line=lines.line((lesson, index)),
        )
        for lesson, items in data.items()
        for index, item in enumerate(items)
    ]


def explanation(question: Question, locale: str) -> str:
    """The explanation as shown, with the editorial-pairing label when the question is one."""
    text = question.texts[locale].explanation
    if question.editorial:
        words = ui(locale)["quiz"]
        return f"*{words['editorial']}:* {words['editorial_note']} {text}"
    return text


def render_quiz(bank: list[Question], lesson: str, locale: str) -> str:
    """A lesson's quiz as Material's collapsible question blocks."""
    words = ui(locale)["quiz"]
    blocks = []
    for question in (q for q in bank if q.lesson == lesson):
        text = question.texts[locale]
        blocks.append(
            f'??? question "{words["question"]} {question.number}. {text.question}"\n\n'
            f"    **{words['answer']}:** {text.answer}\n\n"
            f"    {explanation(question, locale)}\n"
        )
    return "\n".join(blocks)


def fill_quiz(markdown: str, lesson: str, locale: str, bank: list[Question]) -> str:
    """Put the lesson's quiz where its Markdown holds the marker."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, render_quiz(bank, lesson, locale).rstrip("\n"))


def plain(markdown: str) -> str:
    """Inline Markdown as plain text: links keep their text, emphasis marks go.

    >>> plain("**Đáp án:** a ([xem đoạn I.1 b](../bao-cao/i-tinh-hinh.md#i-1-b))")
    'Đáp án: a (xem đoạn I.1 b)'
    """
    text = _LINK.sub(lambda m: m.group("text"), markdown)
    return re.sub(r"\*\*?([^*]+)\*\*?", r"\1", text)
