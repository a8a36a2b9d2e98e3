"""The report's paragraphs as the original text gives them, with page-break splits rejoined."""

from __future__ import annotations

import re
from pathlib import Path

SOURCE = Path(__file__).parent / "data" / "report-source.txt"
_FOOTNOTE = re.compile(r"^([¹²³⁴⁵⁶⁷⁸⁹])\s")


def source_paragraphs(path: Path = SOURCE) -> list[str]:
    """Paragraphs in reading order, footnotes last (where a web page renders them).

    The original was extracted from a paged PDF: a footnote block can sit between the two halves
    of a sentence, and a page break can split a sentence with no footnote at all. A block that
    starts with a lower-case letter continues the previous paragraph.
    """
    blocks = [b.strip() for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
    body: list[str] = []
    footnotes: list[str] = []
    for block in filter(None, blocks):
        if _FOOTNOTE.match(block):
            footnotes.append(block[2:])
        elif block[0].islower() and body:
            body[-1] += " " + block
        elif block.startswith("**") and block.endswith("**"):
            body.append(block.strip("*"))  # bold signature block: the asterisks are markup
        elif "\n- " in block:
            body.extend(line.removeprefix("- ") for line in block.splitlines())
        else:
            body.append(block.removeprefix("- "))
    return body + footnotes
