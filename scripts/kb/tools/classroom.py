"""Classroom material: slide decks (`slides`), printed tests (`quiz`), lesson copies (`lessons`)."""

from __future__ import annotations

import argparse
import html
import os
import random
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from kb.model.i18n import LOCALES, page_url, ui
from kb.model.labels import anchor_label
from kb.model.questions import Question, explanation, load_bank, plain
from kb.tools.handouts import ROOT, display, human_size, pdf_pages, print_page
from kb.tools.localserver import CHROMIUM, chromium_page, find_chromium, serve
from kb.tools.slides import build_decks, lesson_slugs, page_address, site_url

if TYPE_CHECKING:
    from playwright.sync_api import Page


def draw(bank: list[Question], seed: int, count: int | None) -> list[Question]:
    """`count` questions (all when None) in an order fixed by `seed`."""
    chosen = list(bank)
    random.Random(seed).shuffle(chosen)
    return chosen[: count or len(chosen)]


def quiz_html(questions: list[Question], locale: str, *, answers: bool, seed: int) -> str:
    """A printable test: the learner copy holds no answer, the key holds answer and paragraph."""
    words = ui(locale)["classroom"]
    items = []
    for number, question in enumerate(questions, 1):
        text = question.texts[locale]
        parts = [f"<p class=q><b>{number}.</b> {html.escape(text.question)}</p>"]
        if answers:
            page, anchor = question.deciding
            address = page_address(page, locale, anchor)
            parts += [
                f"<p class=a><b>{words['key']}:</b> {html.escape(text.answer)}</p>",
                f"<p class=e>{html.escape(plain(explanation(question, locale)))}</p>",
                f"<p class=d>{words['deciding']}: {anchor_label(anchor, locale)} · "
                f"{html.escape(address)}</p>",
            ]
        else:
            parts.append(f"<p class=blank>{words['answer']}: {'.' * 150}</p>")
        items.append(f"<li>{''.join(parts)}</li>")
    title = f"{words['test']} – {words['key'] if answers else words['learner']}"
    local = "" if os.environ.get("SITE_URL") else f"<p class=meta>{words['local']}</p>"
    stamp = f"{html.escape(words['site'])} · {html.escape(site_url())} · {date.today()}"
    return f"""<!doctype html><html lang="{locale}"><head><meta charset="utf-8">
<title>{title}</title>
<style>
@page {{ size: A4; margin: 18mm 16mm; }}
body {{ font: 11.5pt/1.45 "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #000; }}
h1 {{ font-size: 16pt; margin: 0 0 4pt; }}
.meta {{ font-size: 9pt; margin: 0 0 2pt; }}
ol {{ list-style: none; padding: 0; }}
li {{ break-inside: avoid; margin: 0 0 10pt; }}
.q {{ margin: 0 0 3pt; }} .a, .e, .d {{ margin: 0 0 2pt 14pt; }} .d {{ font-size: 9.5pt; }}
.blank {{ margin: 6pt 0 0 14pt; color: #444; word-break: break-all; }}
</style></head><body>
<h1>{title}</h1>
<p class=meta>{stamp}</p>
<p class=meta>{words["seed"].format(seed=seed, n=len(questions))}</p>
<p class=meta>{words["editorial"]}</p>{local}
{"" if answers else f"<p>{words['name']}</p>"}
<ol>{"".join(items)}</ol>
</body></html>"""


def cmd_slides(args: argparse.Namespace) -> int:
    out = ROOT / args.out
    for target, count in build_decks(ROOT / "docs", out):
        print(f"{display(target)}: {count} slides, {human_size(target.stat().st_size)}")
    return 0


def cmd_quiz(args: argparse.Namespace) -> int:
    chromium = find_chromium(args.chromium)
    if chromium is None:
        return 1
    bank = load_bank(ROOT / "docs")
    if args.n is not None and not 1 <= args.n <= len(bank):
        print(f"N={args.n}: choose 1 to {len(bank)} questions", file=sys.stderr)
        return 1
    chosen = draw(bank, args.seed, args.n)
    out = ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)
    with chromium_page(chromium) as page:
        for locale in LOCALES:
            for kind, answers in (("learner", False), ("key", True)):
                page.set_content(quiz_html(chosen, locale, answers=answers, seed=args.seed))
                data = page.pdf(prefer_css_page_size=True)
                target = out / f"quiz-{locale}-{kind}.pdf"
                target.write_bytes(data)
                print(f"{display(target)}: {len(chosen)} questions, {pdf_pages(data)} pages")
    return 0


# Added to <html> before printing a learner copy: print.css then hides the quiz answers.
LEARNER_CLASS = "learner-copy"


def cmd_lessons(args: argparse.Namespace) -> int:
    """Print each lesson twice from the built site: trainer copy, and learner copy (no answers)."""
    site = ROOT / args.site
    if not (site / "index.html").exists():
        print(f"{display(site / 'index.html')}: site is not built: run make build", file=sys.stderr)
        return 1
    chromium = find_chromium(args.chromium)
    if chromium is None:
        return 1
    out = ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as base_url, chromium_page(chromium) as page:
        for slug in lesson_slugs(ROOT / "docs"):
            for locale in LOCALES:
                url = base_url + page_url(f"tap-huan/{slug}.md", locale)
                for kind in ("trainer", "learner"):
                    data = print_lesson(page, url, learner=kind == "learner")
                    target = out / f"{slug}.{locale}.{kind}.pdf"
                    target.write_bytes(data)
                    print(f"{display(target)}: {pdf_pages(data)} pages")
    return 0


def print_lesson(page: Page, url: str, *, learner: bool) -> bytes:
    """A lesson as printed; the learner copy has the class that hides answers."""
    script = f"document.documentElement.classList.add({LEARNER_CLASS!r})"
    return print_page(page, url, script if learner else "")


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> dict[str, Callable[[argparse.Namespace], int]]:
    slides = sub.add_parser("slides", help="write a slide deck per lesson and language (.pptx)")
    slides.add_argument("--out", default="build/slides", help="folder (default: %(default)s)")
    quiz = sub.add_parser("quiz", help="print a test per language: learner copy and answer key")
    quiz.add_argument("--seed", type=int, default=1, help="order of the draw (default: 1)")
    quiz.add_argument("--n", type=int, default=None, help="number of questions (default: all)")
    quiz.add_argument("--out", default="build/quiz", help="folder (default: %(default)s)")
    quiz.add_argument("--chromium", default=CHROMIUM, help=f"Chromium binary (default: {CHROMIUM})")
    lessons = sub.add_parser("lessons", help="print each lesson: trainer and learner copy (PDF)")
    lessons.add_argument("--site", default="site", help="built site (default: site)")
    lessons.add_argument("--out", default="build/lessons", help="folder (default: %(default)s)")
    lessons.add_argument("--chromium", default=CHROMIUM, help=f"Chromium (default: {CHROMIUM})")
    return {"slides": cmd_slides, "quiz": cmd_quiz, "lessons": cmd_lessons}
