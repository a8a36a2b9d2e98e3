"""Classroom material: the question bank, its check and prints, slide decks, QR codes on prints."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from collections import defaultdict
from io import BytesIO
from pathlib import Path

import pytest
import segno
from pptx import Presentation
from pptx.util import Pt

from kb.checks.fidelity import source_paragraphs
from kb.model.i18n import LOCALES, localized_name
from kb.model.problems import Problem
from kb.model.questions import check_questions, load_bank, render_quiz
from kb.model.report import paragraph_texts
from kb.render import printmarks
from kb.tools.classroom import draw, quiz_html
from kb.tools.slides import (
    ANSWER,
    BODY_H,
    BODY_PT,
    SLIDE_H,
    SLIDE_W,
    body_height,
    build_decks,
    fit,
    sentences,
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FIXTURE = Path(__file__).parent / "fixtures" / "questions"
BANK = "docs/_data/questions.yml"


def test_the_bank_passes_its_check() -> None:
    assert check_questions(ROOT) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "bao-cao/i.md#i-p1",
            "bao-cao/i.md#i-p9",
            [(4, "no paragraph bao-cao/i.md#i-p9 in the report")],
        ),
        (
            "bao-cao/i.md#fn:1",
            "bao-cao/x.md#fn:1",
            [(5, "no paragraph bao-cao/x.md#fn:1 in the report")],
        ),
        ("    answer: Answered.\n", "", [(10, "en: answer is missing")]),
        ("    answer: Đáp.\n", "    answer: ' '\n", [(8, "vi: answer is missing")]),
        (
            "  en:\n    question: Asked?\n    answer: Answered.\n    explanation: Explained.\n",
            "",
            [(3, "question has no 'en' text")],
        ),
        ("bai-1:", "bai-9:", [(2, "no lesson tap-huan/bai-9.md")]),
    ],
)
def test_check_names_the_line(
    tmp_path: Path, old: str, new: str, expected: list[tuple[int, str]]
) -> None:
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    bank = tmp_path / BANK
    text = bank.read_text(encoding="utf-8")
    assert old in text
    bank.write_text(text.replace(old, new), encoding="utf-8")
    assert check_questions(tmp_path) == [Problem(BANK, line, message) for line, message in expected]


def test_clean_fixture_bank_passes() -> None:
    assert check_questions(FIXTURE) == []


def test_lesson_quiz_renders_from_the_bank() -> None:
    bank = load_bank(FIXTURE / "docs")
    assert render_quiz(bank, "bai-1", "en") == (
        '??? question "Question 1. Asked?"\n\n    **Answer:** Answered.\n\n    Explained.\n'
    )


def test_lessons_hold_only_the_quiz_marker() -> None:
    for lesson in sorted((DOCS / "tap-huan").glob("bai-*.md")):
        text = lesson.read_text(encoding="utf-8")
        assert "??? question" not in text, lesson.name
        assert text.count("<!-- quiz -->") == 1, lesson.name


def test_editorial_pairings_are_labelled() -> None:
    bank = load_bank(DOCS)
    editorial = [(q.lesson, q.number) for q in bank if q.editorial]
    assert editorial == [
        ("bai-4-de-xuat-kien-nghi", 5),
        ("bai-5-toan-bo-bao-cao", 3),
        ("bai-5-toan-bo-bao-cao", 4),
        ("bai-5-toan-bo-bao-cao", 6),
    ]
    for lesson in {lesson for lesson, _ in editorial}:
        for locale, label in (("vi", "*Ghép nối biên tập:*"), ("en", "*Editorial pairing:*")):
            quiz = render_quiz(bank, lesson, locale)
            blocks = quiz.split("??? question")[1:]
            for question, block in zip(
                (q for q in bank if q.lesson == lesson), blocks, strict=True
            ):
                assert (label in block) is question.editorial, (lesson, question.number, locale)


def test_every_question_links_its_deciding_paragraph() -> None:
    for question in load_bank(DOCS):
        page, anchor = question.deciding
        for locale in LOCALES:
            target = f"(../{page}#{anchor})"
            assert target in question.texts[locale].explanation, (question.lesson, question.number)


def test_seeded_draw_is_repeatable() -> None:
    bank = load_bank(DOCS)
    first = [(q.lesson, q.number) for q in draw(bank, 1, 10)]
    assert first == [(q.lesson, q.number) for q in draw(bank, 1, 10)]
    assert first != [(q.lesson, q.number) for q in draw(bank, 2, 10)]
    assert len(set(first)) == 10


@pytest.mark.parametrize("locale", LOCALES)
def test_learner_copy_holds_no_answer(locale: str) -> None:
    bank = load_bank(DOCS)
    chosen = draw(bank, 1, None)
    learner = quiz_html(chosen, locale, answers=False, seed=1)
    key = quiz_html(chosen, locale, answers=True, seed=1)
    for question in chosen:
        text = question.texts[locale]
        assert html.escape(text.question) in learner
        assert html.escape(text.answer) in key
        if len(text.answer) > 6:  # "a." or "Sai." also occur as ordinary words
            assert html.escape(text.answer) not in learner, (question.lesson, question.number)


# ---- Slide decks -----------------------------------------------------------------------------

DECK_SLIDES = {
    "bai-1-tinh-hinh": {"vi": 30, "en": 32},
    "bai-2-nguyen-nhan": {"vi": 30, "en": 31},
    "bai-3-nhiem-vu-giai-phap": {"vi": 36, "en": 38},
    "bai-4-de-xuat-kien-nghi": {"vi": 32, "en": 33},
    "bai-5-toan-bo-bao-cao": {"vi": 50, "en": 52},
}


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    out = tmp_path_factory.mktemp("slides")
    built = {}
    for target, _ in build_decks(DOCS, out):
        slug, locale, _ext = target.name.split(".")
        built[(slug, locale)] = target
    return built


def test_five_decks_per_language_with_their_slide_counts(
    decks: dict[tuple[str, str], Path],
) -> None:
    counts = {
        slug: {locale: len(Presentation(str(decks[(slug, locale)])).slides) for locale in LOCALES}
        for slug in DECK_SLIDES
    }
    assert sorted(decks) == sorted((slug, locale) for slug in DECK_SLIDES for locale in LOCALES)
    assert counts == DECK_SLIDES


def _body(slide: object) -> list[str]:
    shape = next(s for s in slide.shapes if s.name == "Body")  # type: ignore[attr-defined]
    return [p.text for p in shape.text_frame.paragraphs]


def test_quotations_are_the_report_verbatim(decks: dict[tuple[str, str], Path]) -> None:
    # The original marks footnotes with superscript digits; the pages make them links.
    source = {
        re.sub(r"\s+", " ", re.sub("[¹²³⁴⁵⁶⁷⁸⁹]", "", p))
        for p in source_paragraphs(ROOT / "tests/data/report-source.txt")
    }
    checked = 0
    for (slug, locale), path in decks.items():
        report: dict[str, str] = {}
        for page in (DOCS / "bao-cao").glob("*.md"):
            if page.name.count(".") == 1 and page.stem != "toan-van":
                twin = DOCS / localized_name(f"bao-cao/{page.name}", locale)
                report.update(paragraph_texts(twin.read_text(encoding="utf-8")))
        quoted: dict[str, list[str]] = defaultdict(list)
        for slide in Presentation(str(path)).slides:
            name = slide._element.cSld.get("name")
            if name.startswith("point "):
                anchor = name.split()[-1]
                quoted[f"{name}"].extend(_body(slide)[:-1])  # the last line is code · address
        for name, chunks in quoted.items():
            anchor = name.split()[-1]
            whole = " ".join(chunks)
            assert whole == report[anchor], (slug, locale, name)
            if locale == "vi" and not anchor.startswith("fn:"):
                assert re.sub(r"\s+", " ", whole) in source, (slug, name)
            checked += 1
    assert checked == 154


def test_text_fits_its_box_and_is_large_enough(decks: dict[tuple[str, str], Path]) -> None:
    for (slug, locale), path in decks.items():
        deck = Presentation(str(path))
        assert (deck.slide_width, deck.slide_height) == (Pt(SLIDE_W), Pt(SLIDE_H))
        for number, slide in enumerate(deck.slides, 1):
            for shape in slide.shapes:
                assert shape.left + shape.width <= deck.slide_width
                assert shape.top + shape.height <= deck.slide_height
                runs = [r for p in shape.text_frame.paragraphs for r in p.runs]
                sizes = {r.font.size.pt for r in runs}
                assert min(sizes) >= BODY_PT, (slug, locale, number)
                assert {r.font.name for r in runs} == {"Arial"}
                texts = [p.text for p in shape.text_frame.paragraphs]
                height = body_height(texts, max(sizes)) if shape.name == "Body" else 0
                assert height <= shape.height / 12700, (slug, locale, number, shape.name)


def test_answer_slides_are_marked_and_questions_hold_no_answer(
    decks: dict[tuple[str, str], Path],
) -> None:
    bank = load_bank(DOCS)
    for (slug, locale), path in decks.items():
        questions = [q for q in bank if q.lesson == slug]
        slides = list(Presentation(str(path)).slides)
        answers = [s for s in slides if s._element.cSld.get("name").startswith(ANSWER)]
        names = {s._element.cSld.get("name") for s in answers}
        assert names == {f"{ANSWER} {q.number}" for q in questions}
        for slide in answers:
            assert slide.notes_slide.notes_text_frame.text.startswith(f"{ANSWER}: ")
        for slide, question in zip(
            (s for s in slides if s._element.cSld.get("name").startswith("question ")),
            questions,
            strict=True,
        ):
            assert question.texts[locale].answer not in " ".join(_body(slide))


@pytest.mark.parametrize("end", [".", ";"])
def test_a_long_paragraph_is_cut_at_sentence_ends_only(end: str) -> None:
    text = " ".join(f"Câu số {n} của một đoạn rất dài nói về trách nhiệm{end}" for n in range(40))
    pages = fit([text], ["I.1 b · http://127.0.0.1:8000/bao-cao/i-tinh-hinh/#i-1-b"])
    chunks = [chunk for page in pages for chunk in page]
    assert len(chunks) > 1
    assert " ".join(chunks) == text
    assert all(chunk.endswith(end) for chunk in chunks)
    assert all(body_height(page) <= BODY_H for page in pages)
    assert sentences("A b. C d; e: f.") == ["A b.", "C d;", "e:", "f."]


NO_LIBREOFFICE = "LibreOffice (soffice) is not installed: apt-get install -y libreoffice-impress"


@pytest.mark.skipif(shutil.which("soffice") is None, reason=NO_LIBREOFFICE)
def test_libreoffice_opens_a_deck(decks: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    from pypdf import PdfReader

    deck = decks[("bai-1-tinh-hinh", "vi")]
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "bai-1-tinh-hinh.vi.pdf"
    assert len(PdfReader(BytesIO(pdf.read_bytes())).pages) == DECK_SLIDES["bai-1-tinh-hinh"]["vi"]


# ---- QR codes and page marks on prints -----------------------------------------------------


def qr_modules(svg: str) -> set[tuple[int, int]]:
    """Dark modules of segno's inline SVG (one path of horizontal runs), as (x, y)."""
    path = re.search(r' d="([^"]+)"', svg).group(1)  # type: ignore[union-attr]
    x = y = 0.0
    dark: set[tuple[int, int]] = set()
    for command, number, rest in re.findall(r"([MmHh])(-?[\d.]+)(?:\s*(-?[\d.]+))?", path):
        if command == "M":
            x, y = float(number), float(rest)
        elif command == "m":
            x, y = x + float(number), y + float(rest)
        else:
            length = float(number)
            dark.update((int(x + i), int(y - 0.5)) for i in range(int(length)))
            x += length
    return dark


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1:8000/bao-cao/i-tinh-hinh/",
        "https://example.org/kb/en/tap-huan/bai-1-tinh-hinh/",
    ],
)
def test_qr_code_encodes_the_page_address(address: str) -> None:
    block = printmarks.qr_block(address, "Site", "2026-01-01", "vi", published=False)
    svg = re.search(r"<svg.*?</svg>", block, re.S).group(0)  # type: ignore[union-attr]
    expected = segno.make(address, error="m")
    border = 2
    want = {
        (x + border, y + border)
        for y, row in enumerate(expected.matrix)
        for x, bit in enumerate(row)
        if bit
    }
    assert qr_modules(svg) == want
    assert 'hidden data-address="' + address + '"' in block
    assert "SITE_URL chưa đặt" in block


def test_qr_block_says_nothing_of_local_when_published() -> None:
    block = printmarks.qr_block("https://x.org/", "Site", "2026-01-01", "en", published=True)
    assert "SITE_URL" not in block


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "answer_word", "qr_note"),
    [
        ("tap-huan/bai-1-tinh-hinh/", "Đáp án:", "SITE_URL chưa đặt"),
        ("en/tap-huan/bai-1-tinh-hinh/", "Answer:", "SITE_URL not set"),
    ],
)
def test_printed_lesson_learner_copy_has_no_answers(
    browser: object, base_url: str, path: str, answer_word: str, qr_note: str
) -> None:
    from pypdf import PdfReader

    from kb.tools.classroom import print_lesson

    page = browser.new_page()  # type: ignore[attr-defined]
    texts = {}
    for learner in (False, True):
        data = print_lesson(page, base_url + path, learner=learner)
        reader = PdfReader(BytesIO(data))
        texts[learner] = [p.extract_text() for p in reader.pages]
    page.close()
    trainer, learner_pages = "\n".join(texts[False]), "\n".join(texts[True])
    assert trainer.count(answer_word) == 7
    assert answer_word not in learner_pages
    address = "http://127.0.0.1:8000/" + path  # site_url of the build, not the test server
    flat = [re.sub(r"\s+", "", t) for t in texts[True]]
    assert all(re.sub(r"\s+", "", address) in t for t in flat)  # every sheet names its page
    assert qr_note.replace(" ", "") in flat[0]


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    # NFKC undoes the ligatures (ﬀ, ﬁ) a PDF's text layer can hold.
    pages = (unicodedata.normalize("NFKC", p.extract_text()) for p in PdfReader(path).pages)
    return " ".join(" ".join(text.split()) for text in pages)


@pytest.mark.browser
def test_quiz_command_draws_the_same_test_and_hides_answers_from_learners(tmp_path: Path) -> None:
    import sys

    runs = []
    for name in ("a", "b"):
        out = tmp_path / name
        result = subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "docs.py"),
                "quiz",
                "--seed",
                "1",
                "--n",
                "8",
                "--out",
                str(out),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        runs.append({pdf.name: _pdf_text(pdf) for pdf in sorted(out.glob("*.pdf"))})
    assert sorted(runs[0]) == [
        "quiz-en-key.pdf",
        "quiz-en-learner.pdf",
        "quiz-vi-key.pdf",
        "quiz-vi-learner.pdf",
    ]
    assert runs[0] == runs[1]
    chosen = draw(load_bank(DOCS), 1, 8)
    for locale, word in (("vi", "Đáp án:"), ("en", "Answer key:")):
        learner, key = runs[0][f"quiz-{locale}-learner.pdf"], runs[0][f"quiz-{locale}-key.pdf"]
        assert key.count(word) == 8 and word not in learner
        for question in chosen:
            # PDF text breaks lines anywhere: compare without white space.
            answer = "".join(question.texts[locale].answer.split())[:30]
            if len(answer) > 6:
                assert answer not in "".join(learner.split()), (question.lesson, question.number)
                assert answer in "".join(key.split()), (question.lesson, question.number)
