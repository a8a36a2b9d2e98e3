"""Links and anchors in the Markdown sources, each occurrence named at its line.

MkDocs' strict build reports a broken link once per page and without a line; this check runs
before the build and names every occurrence. MkDocs' own validation stays as a second net.
"""

from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path

from pymdownx.slugs import slugify  # type: ignore[import-untyped]

from kb.checks.content import _mask_code
from kb.model.citeindex import front_matter, markdown_pages
from kb.model.i18n import localized_path, page_locale
from kb.model.problems import Problem
from kb.model.report import OVERVIEW, PARTS

_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\((?P<url><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_ATTR_ID = re.compile(r"\{:?[^}\n]*#([A-Za-z0-9_:-]+)[^}\n]*\}")
_HTML_ID = re.compile(r"\sid=\"([^\"]+)\"")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*(?:\{[^}]*\})?\s*#*\s*$", re.M)
_FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
# Front-matter keys of pages whose body the build makes from data: their anchors are not in
# the Markdown, so links into them are checked for the page only.
_GENERATED = ("document", "glossary_page", "documents_index", "analysis_map", "analysis_list")
_SLUG = slugify(case="lower")


def anchors(docs: Path, path: str) -> set[str] | None:
    """Ids a page's HTML will have, or None when the build generates its body."""
    text = (docs / path).read_text(encoding="utf-8")
    meta = front_matter(text)
    if any(meta.get(key) for key in _GENERATED):
        return None
    found: set[str] = set()
    if meta.get("report_full_text"):
        for part in (OVERVIEW, *PARTS):
            found |= anchors(docs, localized_path(docs, part, page_locale(path))) or set()
    masked = _mask_code(text)
    found.update(_ATTR_ID.findall(masked))
    found.update(_HTML_ID.findall(masked))
    found.update(f"fn:{label}" for label in _FOOTNOTE.findall(masked))
    for heading in _HEADING.findall(masked):
        plain = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", heading)
        found.add(_SLUG(plain, "-"))
    return found


def check_links(root: Path) -> list[Problem]:
    docs = root / "docs"
    pages = set(markdown_pages(docs))
    anchors_of = functools.cache(functools.partial(anchors, docs))
    problems = []
    for path in sorted(pages):
        text = _mask_code((docs / path).read_text(encoding="utf-8"))
        for match in _LINK.finditer(text):
            url = match.group("url").strip("<>")
            if _SCHEME.match(url) or url.startswith("//"):
                continue
            target, _, anchor = url.partition("#")
            line = text.count("\n", 0, match.start()) + 1
            where = f"docs/{path}"
            if target:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
                if target.endswith("/"):
                    resolved = posixpath.join(resolved, "index.md")
                if resolved.startswith("../") or not (docs / resolved).exists():
                    message = f"link to '{url}': no file docs/{resolved}"
                    problems.append(Problem(where, line, message))
                    continue
                if not resolved.endswith(".md"):
                    continue
                resolved = localized_path(docs, resolved, page_locale(path))
            else:
                resolved = path
            if not anchor:
                continue
            known = anchors_of(resolved)
            if known is not None and anchor not in known:
                message = f"link to '{url}': docs/{resolved} has no anchor '#{anchor}'"
                problems.append(Problem(where, line, message))
    return problems
