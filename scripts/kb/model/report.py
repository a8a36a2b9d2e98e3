"""The report's structure: which pages hold its words, and how the full-text page is assembled."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

# Pages that hold the report's own words, in reading order. The overview holds the title and
# the preamble; each part page holds one part (Part IV also holds recipients and signature).
OVERVIEW = "bao-cao/index.md"
PARTS: tuple[str, ...] = (
    "bao-cao/i-tinh-hinh.md",
    "bao-cao/ii-nguyen-nhan.md",
    "bao-cao/iii-nhiem-vu-giai-phap.md",
    "bao-cao/iv-de-xuat-kien-nghi.md",
)
FULL_TEXT = "bao-cao/toan-van.md"

# The report's own words on a page stand between these two lines (a page also has editorial text).
REPORT_START = "<!-- report:start -->"
REPORT_END = "<!-- report:end -->"
_FENCE = re.compile(r"^(```|~~~)")
# A permalink id (ii-2-p1), and how a page declares it after a paragraph or item: {: #ii-2-p1 }.
PERMALINK = re.compile(r"[a-z0-9][a-z0-9-]*")
ID_ATTR = re.compile(rf"\{{:\s*#(?P<id>{PERMALINK.pattern})\s*\}}")
# The report's title carries its id in HTML: <h1 id="bao-cao">.
_H1_ID = re.compile(r'<h1 id="(?P<id>[^"]+)"')


def _report_spans(markdown: str) -> Iterator[list[tuple[int, str]]]:
    """Each region of the report's words, as (1-based line number, line) pairs."""
    region: list[tuple[int, str]] | None = None
    for number, line in enumerate(markdown.splitlines(keepends=True), start=1):
        if REPORT_START in line:
            region = []
        elif REPORT_END in line:
            if region is not None:
                yield region
            region = None
        elif region is not None:
            region.append((number, line))


def report_regions(markdown: str) -> list[str]:
    """Return the report's own words on a page: the text between report markers.

    >>> report_regions("x\\n<!-- report:start -->\\nA\\n<!-- report:end -->\\ny")
    ['A\\n']
    """
    return ["".join(line for _, line in region) for region in _report_spans(markdown)]


def report_lines(markdown: str) -> set[int]:
    """1-based lines of the report's own words on a page (between the markers).

    >>> sorted(report_lines("x\\n<!-- report:start -->\\nA\\nB\\n<!-- report:end -->\\ny"))
    [3, 4]
    """
    return {number for region in _report_spans(markdown) for number, _ in region}


def shift_headings(markdown: str, levels: int = 1) -> str:
    """Demote ATX headings (outside code fences) so a part's H1 becomes an H2 of the full text."""
    out: list[str] = []
    in_fence = False
    for line in markdown.splitlines(keepends=True):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        out.append("#" * levels + line if not in_fence and line.startswith("#") else line)
    return "".join(out)


def assemble_full_text(read_page: Callable[[str], str]) -> str:
    """Markdown of the whole report on one page, from the overview and the part pages.

    `read_page` maps a page path (e.g. ``bao-cao/i-tinh-hinh.md``) to its Markdown in the
    language being built, so the same code assembles both languages.
    """
    chunks = report_regions(read_page(OVERVIEW))
    for part in PARTS:
        chunks.extend(shift_headings(region) for region in report_regions(read_page(part)))
    return "\n".join(chunks)


def permalink_ids(markdown: str) -> list[tuple[str, int]]:
    """Permalink ids declared on a page with their offsets, in order of appearance.

    >>> permalink_ids('<h1 id="bao-cao">X</h1>\\n\\nA.\\n{: #mo-dau }')
    [('bao-cao', 0), ('mo-dau', 28)]
    """
    found = [*ID_ATTR.finditer(markdown), *_H1_ID.finditer(markdown)]
    return [(m.group("id"), m.start()) for m in sorted(found, key=lambda m: m.start())]


def paragraph_ids(markdown: str) -> list[str]:
    """Permalink ids declared on a page, in order of appearance."""
    return [anchor for anchor, _ in permalink_ids(markdown)]


_BLOCK_WITH_ID = re.compile(r'<(?P<tag>p|li) id="(?P<id>[a-z0-9][a-z0-9-]*)"(?P<attrs>[^>]*)>')


def add_paragraph_links(
    page_html: str, label: Callable[[str], str], code: Callable[[str], str | None] = lambda _: None
) -> str:
    """Give every paragraph and list item with an id a permalink sign.

    The sign goes first in the element and does not change the text a reader copies from the
    middle of a paragraph. It is named by aria-label, not title: Material mounts a tooltip for
    every [title] as a page loads. A numbered item's sign carries its code (`code(id)`, e.g.
    "II.1 a") in data-label: site.css shows the code in place of the sign, as generated content,
    so the code is editorial — never in the page's text, its copy, its search index or the
    fidelity check.
    """

    def link(m: re.Match[str]) -> str:
        anchor_id = m.group("id")
        name = html.escape(label(anchor_id), quote=True)
        item = code(anchor_id)
        data = f' data-label="{html.escape(item, quote=True)}"' if item else ""
        return (
            f'{m.group(0)}<a class="para-link" href="#{anchor_id}" aria-label="{name}"{data}>¶</a>'
        )

    return _BLOCK_WITH_ID.sub(link, page_html)


_SECTION_LINK = re.compile(r'<a class="headerlink" href="#[^"]*"(?=>)')


def name_section_links(page_html: str, label: str) -> str:
    """Name each heading's permalink (toc writes them without a title) in the page's language.

    >>> name_section_links('<h2 id="a">A<a class="headerlink" href="#a">#</a></h2>', "Link")
    '<h2 id="a">A<a class="headerlink" href="#a" aria-label="Link">#</a></h2>'
    """
    name = html.escape(label, quote=True)
    return _SECTION_LINK.sub(lambda m: f'{m.group(0)} aria-label="{name}"', page_html)


_FOOTNOTE_DEF = re.compile(r"^\[\^(?P<n>[^\]]+)\]:\s*(?P<text>.*)$", re.M)
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
# Markdown's backslash escapes ("4\." keeps a line from becoming a list): the text is "4.".
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
_HEADING = re.compile(r"^#+\s+(?P<text>.*?)\s*\{:\s*#(?P<id>[a-z0-9-]+)\s*\}\s*$")


def footnote_ids(markdown: str) -> list[str]:
    """Ids of the footnotes a page defines, as Python-Markdown names them (``fn:1``)."""
    return [f"fn:{m.group('n')}" for m in _FOOTNOTE_DEF.finditer(markdown)]


def paragraph_texts(markdown: str) -> dict[str, str]:
    """The report's words by permalink id: headings, paragraphs, list items and footnotes.

    Footnote markers are dropped (the footnote is its own entry) and Markdown's backslash
    escapes undone; nothing else is changed.

    >>> paragraph_texts("<!-- report:start -->\\n# I. A {: #i }\\n\\nB[^1] c.\\n{: #i-p1 }\\n"
    ...                 "\\n- 4\\\\. D.\\n  {: #i-a }\\n\\n[^1]: E.\\n<!-- report:end -->\\n")
    {'i': 'I. A', 'i-p1': 'B c.', 'i-a': '4. D.', 'fn:1': 'E.'}
    """
    texts: dict[str, str] = {}
    for region in report_regions(markdown):
        pending: list[str] = []
        for line in region.splitlines():
            heading = _HEADING.match(line)
            attr = ID_ATTR.fullmatch(line.strip())
            if heading:
                texts[heading.group("id")] = _ESCAPE.sub(r"\1", heading.group("text"))
                pending = []
            elif attr:
                text = " ".join(pending).removeprefix("- ").strip()
                # The signature block is set in bold with a line break: the words are the text.
                text = re.sub(r"<br>\s*", " ", text.removeprefix("**").removesuffix("**"))
                texts[attr.group("id")] = _ESCAPE.sub(r"\1", _FOOTNOTE_REF.sub("", text))
                pending = []
            elif not line.strip() or _FOOTNOTE_DEF.match(line):
                pending = []
            else:
                pending.append(line.strip())
        for m in _FOOTNOTE_DEF.finditer(region):
            texts[f"fn:{m.group('n')}"] = _ESCAPE.sub(r"\1", m.group("text").strip())
    return texts
