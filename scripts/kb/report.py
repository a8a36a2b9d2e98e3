"""The report's structure: which pages hold its words, and how the full-text page is assembled."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

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
REPORT_PAGES: tuple[str, ...] = (OVERVIEW, *PARTS, FULL_TEXT)

_REGION = re.compile(r"<!-- report:start -->\n(.*?)<!-- report:end -->", re.S)
_FENCE = re.compile(r"^(```|~~~)")
# An attribute list carrying a permalink id, as written after a paragraph or list item.
_ID_ATTR = re.compile(r"\{:\s*#(?P<id>[a-z0-9][a-z0-9-]*)\s*\}")


def report_regions(markdown: str) -> list[str]:
    """Return the report's own words on a page: the text between report markers.

    >>> report_regions("x\\n<!-- report:start -->\\nA\\n<!-- report:end -->\\ny")
    ['A\\n']
    """
    return _REGION.findall(markdown)


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


def paragraph_ids(markdown: str) -> list[str]:
    """Permalink ids declared on a page, in order of appearance."""
    return [m.group("id") for m in _ID_ATTR.finditer(markdown)] + re.findall(
        r'<h1 id="([^"]+)"', markdown
    )


@dataclass(frozen=True)
class Anchor:
    """A permalinked block of the report in rendered HTML."""

    tag: str
    id: str


_BLOCK_WITH_ID = re.compile(r'<(?P<tag>p|li) id="(?P<id>[a-z0-9][a-z0-9-]*)"(?P<attrs>[^>]*)>')


def iter_anchors(page_html: str) -> Iterator[Anchor]:
    for m in _BLOCK_WITH_ID.finditer(page_html):
        yield Anchor(m.group("tag"), m.group("id"))


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
            attr = _ID_ATTR.fullmatch(line.strip())
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
