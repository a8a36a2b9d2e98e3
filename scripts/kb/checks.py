"""Content checks over the Markdown sources and data files: each returns the problems found."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from kb.citations import extract
from kb.citeindex import default_path, markdown_pages, page_locale, split_blocks
from kb.docpages import DOCUMENTS_DIR
from kb.i18n import DEFAULT_LOCALE, LOCALES, localized_name
from kb.problems import Problem, UserError
from kb.questions import BANK, check_questions
from kb.redirects import check_redirects
from kb.registry import REGISTRY_FILE, load_registry
from kb.report import OVERVIEW, PARTS
from kb.typos import TYPOS_FILE, load_typos

Check = Callable[[Path], list[Problem]]

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_ID_ATTR = re.compile(r"\{:\s*#([a-z0-9][a-z0-9-]*)\s*\}|<h1 id=\"([^\"]+)\"")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
_CODE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]+`", re.S | re.M)


def _docs(root: Path) -> Path:
    return root / "docs"


def _rel(path: str) -> str:
    return f"docs/{path}"


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _mask_code(text: str) -> str:
    """Blank out code (examples in guides) keeping offsets, so lines stay right."""
    return _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def front_matter(markdown: str) -> dict[str, object]:
    match = _FRONT_MATTER.match(markdown)
    if not match:
        return {}
    data = yaml.safe_load(match.group(1))
    return data if isinstance(data, dict) else {}


def check_front_matter(root: Path) -> list[Problem]:
    """MkDocs silently shows invalid front matter as page text: make it an error."""
    problems = []
    for path in markdown_pages(_docs(root)):
        text = (_docs(root) / path).read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue
        match = _FRONT_MATTER.match(text)
        if not match:
            problems.append(Problem(_rel(path), 1, "front matter is not closed by a '---' line"))
            continue
        try:
            data = yaml.safe_load(match.group(1))
        except yaml.MarkedYAMLError as error:
            line = error.problem_mark.line + 2 if error.problem_mark else 1
            problems.append(Problem(_rel(path), line, f"invalid front matter: {error.problem}"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(_rel(path), 2, "front matter is not a mapping of keys"))
    return problems


def check_citations(root: Path) -> list[Problem]:
    """Every cited number is registered, cited, paged in every language, and agrees on facts."""
    docs = _docs(root)
    registry = load_registry(docs)
    problems: list[Problem] = []
    cited_in_report: set[str] = set()
    report_paths = {OVERVIEW, *PARTS}
    for path in markdown_pages(docs):
        text = (docs / path).read_text(encoding="utf-8")
        masked = _mask_code(text)
        for citation in extract(masked):
            line = _line_of(masked, citation.start)
            doc = registry.get(citation.key)
            if doc is None:
                problems.append(
                    Problem(
                        _rel(path),
                        line,
                        f"'{citation.span}' cites {citation.key}, which has no entry in "
                        f"docs/{REGISTRY_FILE}",
                    )
                )
                continue
            if path not in report_paths:
                continue
            cited_in_report.add(doc.number)
            if citation.date and citation.date != doc.date.isoformat():
                problems.append(
                    Problem(
                        _rel(path),
                        line,
                        f"{doc.number}: the report gives the date {citation.date}, the registry "
                        f"{doc.date.isoformat()}",
                    )
                )
            if citation.issuer_name and citation.issuer_name != doc.issuer:
                problems.append(
                    Problem(
                        _rel(path),
                        line,
                        f"{doc.number}: the report gives the issuer '{citation.issuer_name}', "
                        f"the registry '{doc.issuer}'",
                    )
                )
        problems.extend(_footnote_pairs(path, text))
    # Quiz explanations live in the question bank, not in a page: their citations count too.
    bank = docs / BANK
    if bank.exists():
        masked = _mask_code(bank.read_text(encoding="utf-8"))
        for citation in extract(masked):
            if registry.get(citation.key) is None:
                problems.append(
                    Problem(
                        f"docs/{BANK}",
                        _line_of(masked, citation.start),
                        f"'{citation.span}' cites {citation.key}, which has no entry in "
                        f"docs/{REGISTRY_FILE}",
                    )
                )
    for doc in registry:
        entry_line = registry.entry_line(doc.number)
        if doc.number not in cited_in_report:
            problems.append(
                Problem(
                    f"docs/{REGISTRY_FILE}",
                    entry_line,
                    f"document {doc.number} is cited nowhere in the report",
                )
            )
        for locale in LOCALES:
            page = localized_name(f"{DOCUMENTS_DIR}/{doc.slug}.md", locale)
            if not (docs / page).exists():
                problems.append(
                    Problem(
                        f"docs/{REGISTRY_FILE}",
                        entry_line,
                        f"document {doc.number} has no page {_rel(page)} ({locale}); "
                        f"run: python scripts/docs.py add-document --pages-only '{doc.number}'",
                    )
                )
    for path in markdown_pages(docs):
        if not path.startswith(f"{DOCUMENTS_DIR}/"):
            continue
        number = front_matter((docs / path).read_text(encoding="utf-8")).get("document")
        if number is not None and registry.get(str(number)) is None:
            problems.append(
                Problem(_rel(path), 2, f"document '{number}' is not in docs/{REGISTRY_FILE}")
            )
    return problems


def _footnote_pairs(path: str, text: str) -> Iterator[Problem]:
    masked = _mask_code(text)
    definitions = {m.group(1): m for m in _FOOTNOTE_DEF.finditer(masked)}
    references: dict[str, re.Match[str]] = {}
    for match in _FOOTNOTE_REF.finditer(masked):
        references.setdefault(match.group(1), match)
        if match.group(1) not in definitions:
            yield Problem(
                _rel(path),
                _line_of(masked, match.start()),
                f"footnote [^{match.group(1)}] has no definition",
            )
    for label, match in definitions.items():
        if label not in references:
            yield Problem(
                _rel(path),
                _line_of(masked, match.start()),
                f"footnote definition [^{label}] is never referenced",
            )


def check_typos(root: Path) -> list[Problem]:
    docs = _docs(root)
    typos = load_typos(docs)
    text_by_anchor: dict[str, str] = {}
    for page in (OVERVIEW, *PARTS):
        for block in split_blocks(page, (docs / page).read_text(encoding="utf-8")):
            if block.anchor:
                text_by_anchor[block.anchor] = block.text
    raw = (docs / TYPOS_FILE).read_text(encoding="utf-8")
    entry_lines = [_line_of(raw, m.start()) for m in re.finditer(r"^  - paragraph:", raw, re.M)]
    problems = []
    for typo, line in zip(typos, entry_lines, strict=False):
        text = text_by_anchor.get(typo.paragraph)
        if text is None:
            problems.append(
                Problem(f"docs/{TYPOS_FILE}", line, f"unknown paragraph '{typo.paragraph}'")
            )
        elif typo.text not in text:
            problems.append(
                Problem(
                    f"docs/{TYPOS_FILE}",
                    line,
                    f"'{typo.text}' is not in paragraph {typo.paragraph}",
                )
            )
    return problems


_VI_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]|[\u0300-\u0323]")


def _vietnamese_share(text: str) -> float:
    words = re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text))
    if len(words) < 20:
        return 0.0
    marked = sum(1 for w in words if _VI_LETTERS.search(unicodedata.normalize("NFD", w)))
    return marked / len(words)


def _body(markdown: str) -> str:
    body = _FRONT_MATTER.sub("", markdown)
    body = _mask_code(body)
    body = re.sub(r"\]\([^)]*\)", "]", body)  # link targets are file names, not prose
    return body


def check_translations(root: Path) -> list[Problem]:
    """Every page has its twin in every language, with the same permalinks, and is translated."""
    docs = _docs(root)
    pages = set(markdown_pages(docs))
    problems = []
    for path in sorted(pages):
        locale = page_locale(path)
        base = default_path(path)
        for other in LOCALES:
            twin = localized_name(base, other)
            if twin not in pages:
                problems.append(Problem(_rel(path), 1, f"no {other} twin: create {_rel(twin)}"))
        if locale == DEFAULT_LOCALE:
            continue
        text = (docs / path).read_text(encoding="utf-8")
        share = _vietnamese_share(_body(text))
        if share > 0.3:
            problems.append(
                Problem(
                    _rel(path),
                    1,
                    f"page reads as Vietnamese ({share:.0%} of words have Vietnamese letters): "
                    "untranslated copy?",
                )
            )
        if base in pages:
            source = (docs / base).read_text(encoding="utf-8")
            ids_here = _ids(text)
            ids_there = _ids(source)
            for anchor in sorted(set(ids_there) - set(ids_here)):
                problems.append(
                    Problem(
                        _rel(path),
                        1,
                        f"paragraph id '{anchor}' of {_rel(base)}:{ids_there[anchor]} is missing",
                    )
                )
            for anchor in sorted(set(ids_here) - set(ids_there)):
                problems.append(
                    Problem(
                        _rel(path),
                        ids_here[anchor],
                        f"paragraph id '{anchor}' does not exist in {_rel(base)}",
                    )
                )
    return problems


def _ids(markdown: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for match in _ID_ATTR.finditer(markdown):
        found.setdefault(match.group(1) or match.group(2), _line_of(markdown, match.start()))
    return found


CONTENT_CHECKS: dict[str, Check] = {
    "redirects": check_redirects,
    "front-matter": check_front_matter,
    "citations": check_citations,
    "typos": check_typos,
    "translations": check_translations,
    "questions": check_questions,
}


def run_check(check: Check, root: Path) -> list[Problem]:
    """Run a check; a data file the check cannot even load is reported, not raised."""
    try:
        return sorted(set(check(root)))
    except UserError as error:
        return error.problems
