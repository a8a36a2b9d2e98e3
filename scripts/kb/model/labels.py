"""Human labels for the report's permalinks: `ii-2-1-b` -> "II.2.1 b", `fn:1` -> "Chú thích 1"."""

from __future__ import annotations

import re

from kb.model.i18n import DEFAULT_LOCALE, ui

_STRUCTURED = re.compile(r"^(?P<part>i{1,3}|iv)(?P<nums>(?:-\d+)*)(?:-(?P<tail>p\d+|[a-z]))?$")


def anchor_label(anchor: str, locale: str = DEFAULT_LOCALE) -> str:
    """Readable label of a permalink id.

    >>> anchor_label("ii-2-1-b")
    'II.2.1 b'
    >>> anchor_label("i-1-p2", "en")
    'I.1 para. 2'
    >>> anchor_label("iv-3")
    'IV.3'
    >>> anchor_label("fn:1", "en")
    'Footnote 1'
    >>> anchor_label("ii-p1")
    'II đoạn 1'
    """
    words = ui(locale)["labels"]
    if anchor.startswith("fn:"):
        return f"{words['footnote']} {anchor[3:]}"
    named = words["named"].get(
        anchor.rsplit("-", 1)[0] if anchor.startswith("noi-nhan-") else anchor
    )
    if named:
        return str(named)
    match = _STRUCTURED.match(anchor)
    if not match:
        return anchor
    label = match.group("part").upper() + match.group("nums").replace("-", ".")
    tail = match.group("tail")
    if tail and tail.startswith("p"):
        return f"{label} {words['para']} {tail[1:]}"
    if tail:
        return f"{label} {tail}"
    return label


def item_code(anchor: str, locale: str = DEFAULT_LOCALE) -> str | None:
    """The code shown beside a numbered item of the report, or None for other blocks.

    It is the same label lessons, quizzes and the map use (anchor_label), limited to the
    report's numbered structure: the preamble, recipients and footnotes get no code.

    >>> item_code("ii-2-1-d"), item_code("iii-2-p1", "en"), item_code("mo-dau")
    ('II.2.1 d', 'III.2 para. 1', None)
    """
    return anchor_label(anchor, locale) if _STRUCTURED.match(anchor) else None
