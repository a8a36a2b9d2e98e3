"""Slide decks of the lessons (PowerPoint, python-pptx), built from the lessons, report and bank.

Nothing is written twice: a deck takes its headings, objectives, discussion questions and case
from the lesson's Markdown, its quotations from the report's Markdown (verbatim, split only at
sentence boundaries), and its quiz from the question bank.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kb.model.citeindex import FRONT_MATTER, front_matter
from kb.model.i18n import LOCALES, localized_name, page_url, ui
from kb.model.labels import anchor_label
from kb.model.questions import Question, explanation, load_bank, plain
from kb.model.report import OVERVIEW, PARTS, paragraph_texts

if TYPE_CHECKING:
    from pptx.text.text import TextFrame

# A font with Vietnamese letters on Windows and macOS; LibreOffice substitutes the
# metric-compatible Liberation Sans, which has them too. No font is embedded.
FONT = "Arial"
BODY_PT = 24  # the smallest type on any slide
TITLE_PT = 32
SLIDE_W, SLIDE_H = 960, 540  # points (13.333 x 7.5 in, 16:9)
MARGIN = 40
TITLE_TOP, TITLE_H = 24, 80
BODY_TOP = TITLE_TOP + TITLE_H + 8
BODY_W, BODY_H = SLIDE_W - 2 * MARGIN, SLIDE_H - BODY_TOP - 24
# Average advance of a letter relative to the font size for Arial in mixed Vietnamese text
# (measured high, so estimates err on the side of a shorter slide).
CHAR_WIDTH = 0.55
LINE_HEIGHT = 1.2
ANSWER = "ANSWER"  # slide name prefix and notes line of every answer slide

_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\(\.\./(?P<page>bao-cao/[^)#]*\.md)#(?P<id>[^)]+)\)")
_SENTENCE_END = re.compile(r"(?<=[.!?…;:])\s+")


@dataclass
class Slide:
    """What one slide says."""

    name: str
    title: str
    body: list[str]
    notes: str = ""


def site_url() -> str:
    """The published address (SITE_URL), or the local one `make serve` uses."""
    return (os.environ.get("SITE_URL") or "http://127.0.0.1:8000/").rstrip("/") + "/"


def page_address(page: str, locale: str, anchor: str = "") -> str:
    """Published address of a page: ``bao-cao/i-tinh-hinh.md`` -> ``…/bao-cao/i-tinh-hinh/``."""
    return site_url() + page_url(page, locale) + (f"#{anchor}" if anchor else "")


def lines_needed(text: str, size: float) -> int:
    """Lines a paragraph takes at `size` pt in the body's width, wrapping at words."""
    per_line = max(1, int(BODY_W / (size * CHAR_WIDTH)))
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > per_line:
            lines, used = lines + 1, 0
        used += (1 if used else 0) + len(word)
        lines += max(0, math.ceil(len(word) / per_line) - 1)
    return lines


def body_height(paragraphs: list[str], size: float = BODY_PT) -> float:
    """Estimated height (pt) of paragraphs at `size` pt, with a half line between them."""
    lines = sum(lines_needed(p, size) for p in paragraphs)
    return (lines + 0.5 * max(0, len(paragraphs) - 1)) * size * LINE_HEIGHT


def sentences(text: str) -> list[str]:
    """A paragraph cut at sentence (and clause) ends; joined with spaces, they give it back.

    >>> sentences("A b. C d; e: f.")
    ['A b.', 'C d;', 'e:', 'f.']
    """
    return _SENTENCE_END.split(text)


def fit(paragraphs: list[str], reserved: list[str]) -> list[list[str]]:
    """Group paragraphs onto slides so each slide's body fits beside the `reserved` lines;
    a paragraph too long for one slide is cut at sentence ends into consecutive chunks."""
    room = BODY_H - (body_height(reserved) + BODY_PT * LINE_HEIGHT * 0.5 if reserved else 0)
    pages: list[list[str]] = [[]]
    for paragraph in paragraphs:
        pieces = [paragraph] if body_height([paragraph]) <= room else _cut(paragraph, room)
        for piece in pieces:
            if pages[-1] and body_height([*pages[-1], piece]) > room:
                pages.append([])
            pages[-1].append(piece)
    return pages


def _cut(paragraph: str, room: float) -> list[str]:
    chunks: list[str] = []
    for sentence in sentences(paragraph):
        if chunks and body_height([chunks[-1] + " " + sentence]) <= room:
            chunks[-1] += " " + sentence
        else:
            chunks.append(sentence)
    return chunks


@dataclass(frozen=True)
class Lesson:
    """A lesson's parts as its Markdown gives them (one language)."""

    slug: str
    title: str
    objectives: list[str]
    key_points: list[tuple[str, str, list[tuple[str, str]]]]  # head, summary, (page, id)
    discussion: list[str]
    case: list[str]


def _items(section: str, marker: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(rf"^{marker}\s+(.*)$", section, re.M)]


def read_lesson(path: Path, slug: str) -> Lesson:
    """Objectives, key points (with the paragraphs they link), discussion and case of a lesson."""
    markdown = path.read_text(encoding="utf-8")
    # Objectives, key points, discussion, case: the ## sections in order.
    sections = re.split(r"^## .*$", FRONT_MATTER.sub("", markdown, count=1), flags=re.M)[1:]
    key_points = []
    for item in _items(sections[1], "-"):
        match = re.match(r"\*\*(?P<head>[^*]+)\*\*\s*(?P<rest>.*)", item)
        head, rest = (match.group("head"), match.group("rest")) if match else ("", item)
        links = [(m.group("page"), m.group("id")) for m in _LINK.finditer(rest)]
        summary = re.sub(r"\s*\((?:\[[^\]]*\]\([^)]*\)(?:;\s*)?)+\)\s*$", "", rest)
        key_points.append((head.rstrip(". ").strip(), plain(summary), links))
    case = [
        plain(" ".join(line.strip() for line in block.splitlines()))
        for block in re.split(r"\n\s*\n", sections[3])
        if block.startswith("    ") and not block.lstrip().startswith("!!!")
    ]
    tasks = [plain(re.sub(r"^\d+\.\s+", "", c)) for c in case if re.match(r"^\d+\.", c)]
    prose = [c for c in case if not re.match(r"^\d+\.", c)]
    numbered = [f"{n}. {t}" for n, t in enumerate(tasks, 1)]
    return Lesson(
        slug=slug,
        title=str(front_matter(markdown)["title"]),
        objectives=[plain(o) for o in _items(sections[0], "-")],
        key_points=key_points,
        discussion=[f"{n}. {plain(q)}" for n, q in enumerate(_items(sections[2], r"\d+\."), 1)],
        case=prose + numbered,
    )


def _report_texts(docs: Path, locale: str) -> dict[str, dict[str, str]]:
    """The report's words in `locale`, by page and paragraph id."""
    return {
        page: paragraph_texts((docs / localized_name(page, locale)).read_text(encoding="utf-8"))
        for page in (OVERVIEW, *PARTS)
    }


def lesson_slides(lesson: Lesson, locale: str, bank: list[Question], docs: Path) -> list[Slide]:
    """The slides of a lesson, in teaching order."""
    words = ui(locale)["slides"]
    report = _report_texts(docs, locale)

    def paged(
        name: str, title: str, paragraphs: list[str], source: str = "", notes: str = ""
    ) -> list[Slide]:
        """As many slides as the paragraphs need, each closed by the `source` line if given."""
        reserved = [source] if source else []
        return [
            Slide(name, title if i == 0 else f"{title} {words['cont']}", chunk + reserved, notes)
            for i, chunk in enumerate(fit(paragraphs, reserved))
        ]

    slides = [Slide("title", lesson.title, [words["editorial"]])]
    slides += paged("objectives", words["objectives"], lesson.objectives)
    for number, (head, summary, links) in enumerate(lesson.key_points, 1):
        for page, anchor in links:
            source = f"{anchor_label(anchor, locale)} · {page_address(page, locale, anchor)}"
            quote = [report[page][anchor]]
            slides += paged(f"point {number} {anchor}", head, quote, source, notes=summary)
    slides += paged("discussion", words["discussion"], lesson.discussion)
    slides += paged("case", words["case"], lesson.case)
    for question in (q for q in bank if q.lesson == lesson.slug):
        text = question.texts[locale]
        label = f"{words['question']} {question.number}"
        slides += paged(f"question {question.number}", label, [text.question])
        page, anchor = question.deciding
        decided = f"{words['decided']}: {anchor_label(anchor, locale)} · " + page_address(
            page, locale, anchor
        )
        answer = [text.answer, plain(explanation(question, locale)), decided]
        title = f"{words['answer']} – {label}"
        slides += paged(f"{ANSWER} {question.number}", title, answer, notes=f"{ANSWER}: {label}")
    return slides


def write_deck(slides: list[Slide], target: Path) -> None:
    """Save slides as a .pptx: title and body text boxes, answer slides named ANSWER …."""
    from pptx import Presentation
    from pptx.util import Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
    blank = deck.slide_layouts[6]
    for spec in slides:
        slide = deck.slides.add_slide(blank)
        slide._element.cSld.set("name", spec.name)
        title = slide.shapes.add_textbox(Pt(MARGIN), Pt(TITLE_TOP), Pt(BODY_W), Pt(TITLE_H))
        title.name = "Title"
        _set_text(title.text_frame, [spec.title], TITLE_PT, bold=True)
        body = slide.shapes.add_textbox(Pt(MARGIN), Pt(BODY_TOP), Pt(BODY_W), Pt(BODY_H))
        body.name = "Body"
        _set_text(body.text_frame, spec.body, BODY_PT)
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes
    target.parent.mkdir(parents=True, exist_ok=True)
    deck.save(str(target))


def _set_text(frame: TextFrame, paragraphs: list[str], size: int, *, bold: bool = False) -> None:
    from pptx.util import Pt

    frame.word_wrap = True
    for index, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()  # type: ignore[no-untyped-call]
        paragraph.space_after = Pt(size * 0.5)
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.name = FONT
        run.font.bold = bold


def lesson_slugs(docs: Path) -> list[str]:
    """The lessons, in order: tap-huan/bai-*.md (Vietnamese sources)."""
    return sorted(
        p.name.split(".")[0] for p in (docs / "tap-huan").glob("bai-*.md") if p.name.count(".") == 1
    )


def build_decks(docs: Path, out: Path) -> Iterator[tuple[Path, int]]:
    """Write one deck per lesson and language; yields (file, slide count)."""
    bank = load_bank(docs)
    for slug in lesson_slugs(docs):
        for locale in LOCALES:
            source = docs / localized_name(f"tap-huan/{slug}.md", locale)
            slides = lesson_slides(read_lesson(source, slug), locale, bank, docs)
            target = out / f"{slug}.{locale}.pptx"
            write_deck(slides, target)
            yield target, len(slides)
