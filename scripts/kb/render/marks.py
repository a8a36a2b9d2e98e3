"""What the build adds to the words of a rendered page: glossary marks and typo notes.

Both are text transforms for `kb.render.htmltext.rewrite_text` (headings are never marked), or
insertions at a paragraph's end; the report's own words around them stay as they are.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from kb.model.docnumber import NUMBER_RE
from kb.model.glossary import Entry, Glossary
from kb.model.i18n import DEFAULT_LOCALE, UI
from kb.model.typos import Typo
from kb.render.htmltext import TextContext, element_end, rewrite_text

# --- glossary marks ------------------------------------------------------------------------------


def _phrase(text: str) -> str:
    return r"\s+".join(map(re.escape, text.split()))


def _english_forms(headword: str) -> str:
    """A pattern for an English headword and its plural ("deputy" -> deputy or deputies).

    >>> re.fullmatch(_english_forms("deputy"), "deputies") is not None
    True
    >>> [bool(re.fullmatch(_english_forms("head"), w)) for w in ("head", "heads", "header")]
    [True, True, False]
    """
    phrase = _phrase(headword)
    if headword.endswith("y") and headword[-2:-1] not in "aeiou":
        return rf"(?:{phrase}|{_phrase(headword[:-1])}ies)"
    if headword[-1:].isalpha() and not headword.endswith("s"):
        return rf"{phrase}s?"
    return phrase


def abbr_transform(glossary: Glossary, locale: str) -> Callable[[str, TextContext], str]:
    """A text transform for `kb.render.htmltext.rewrite_text`, with fresh state: one per page.

    The first occurrence on the page of each abbreviation becomes `<abbr title="expansion —
    definition" tabindex="0">`; the first occurrence on the page of each key term (English pages:
    its `en_term`) becomes `<abbr class="term" title="definition" tabindex="0">`, at most one key
    term per permalinked paragraph (a later one is marked where it next occurs). Headings are
    never marked (kb.render.htmltext skips them). Document numbers are left alone.
    """
    abbreviations = sorted(glossary.of_kind("abbreviation"), key=lambda e: -len(e.term))
    by_term = {entry.term: entry for entry in abbreviations}
    abbr_re = (
        re.compile(
            r"(?<![\w/])(?:" + "|".join(re.escape(e.term) for e in abbreviations) + r")(?![\w/])"
        )
        if abbreviations
        else None
    )
    terms = []
    for entry in glossary.of_kind("term"):
        if locale == DEFAULT_LOCALE:
            pattern = _phrase(entry.term)
        else:  # English headwords are singular; the text may use the plural
            pattern = _english_forms(entry.en_term or "")
            if entry.en_followed_by:
                pattern += rf"(?=\s+{_phrase(entry.en_followed_by)})"
        terms.append((entry, re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)))
    terms.sort(key=lambda pair: -len(pair[1].pattern))
    seen: set[str] = set()  # terms and abbreviations already marked on this page
    blocks: set[str] = set()  # permalinked blocks that already have a key term marked

    def transform(text: str, context: TextContext) -> str:
        taken = [m.span() for m in NUMBER_RE.finditer(text)]  # numbers: links, not words
        spans: list[tuple[int, int, Entry]] = []

        def free(start: int, end: int) -> bool:
            return all(end <= a or start >= b for a, b in taken)

        if abbr_re is not None:
            for match in abbr_re.finditer(text):
                if match.group(0) not in seen and free(*match.span()):
                    seen.add(match.group(0))
                    taken.append(match.span())
                    spans.append((*match.span(), by_term[match.group(0)]))
        candidates: list[tuple[int, int, Entry]] = []  # the first free match of each term
        if context.anchor is None or context.anchor not in blocks:
            for entry, pattern in terms:  # longest first: "kiểm tra đột xuất" before "kiểm tra"
                if entry.term in seen:
                    continue
                for match in pattern.finditer(text):
                    if free(*match.span()):
                        taken.append(match.span())
                        candidates.append((*match.span(), entry))
                        break
        if context.anchor is not None and candidates:
            candidates = [min(candidates, key=lambda span: span[0])]  # one per paragraph
            blocks.add(context.anchor)
        for candidate in candidates:
            seen.add(candidate[2].term)
        spans.extend(candidates)
        out, pos = [], 0
        for start, end, entry in sorted(spans, key=lambda span: span[0]):
            title = html.escape(entry.title(locale), quote=True)
            css = ' class="term"' if entry.kind == "term" else ""
            out.append(html.escape(text[pos:start], quote=False))
            out.append(
                f'<abbr{css} title="{title}" tabindex="0">'
                f"{html.escape(text[start:end], quote=False)}</abbr>"
            )
            pos = end
        out.append(html.escape(text[pos:], quote=False))
        return "".join(out)

    return transform


# --- typo notes -------------------------------------------------------------------------------


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
