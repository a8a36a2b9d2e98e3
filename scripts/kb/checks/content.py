"""Content checks over the Markdown sources and data files: each returns the problems found."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kb.checks.termcheck import check_terms
from kb.model.citations import extract
from kb.model.citeindex import (
    FRONT_MATTER,
    default_path,
    front_matter,
    markdown_pages,
    page_locale,
    plain_text,
    split_blocks,
)
from kb.model.i18n import DEFAULT_LOCALE, LOCALES, localized_name
from kb.model.problems import Problem, UserError
from kb.model.questions import BANK, check_questions
from kb.model.redirects import check_redirects
from kb.model.registry import REGISTRY_FILE, Registry, load_registry
from kb.model.relations import RELATIONS_FILE
from kb.model.report import OVERVIEW, PARTS, permalink_ids
from kb.model.typos import load_typos_located, typo_problems
from kb.model.yamlsource import parse_yaml, schema_problems
from kb.render.docpages import DOCUMENTS_DIR

Check = Callable[[Path], list[Problem]]

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


class FrontMatter(BaseModel):
    """The keys a page's front matter may have: ours, and the Material ones the site uses.

    A key not listed here is a slip (MkDocs would ignore it silently); to add a key, add it here.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str | None = Field(default=None, min_length=1)  # document pages: from the registry
    description: str | None = Field(default=None, min_length=1)
    document: str | None = None
    search: dict[str, bool | float] | None = None
    glossary_page: bool = False
    documents_index: bool = False
    report_full_text: bool = False
    analysis_list: bool = False
    analysis_map: bool = False
    quiz: str | None = None  # lessons: the lesson whose questions docs/_data/questions.yml holds
    # Material for MkDocs' own page keys.
    hide: list[str] | None = None
    template: str | None = None
    icon: str | None = None
    status: str | None = None
    tags: list[str] | None = None


def check_front_matter(root: Path) -> list[Problem]:
    """MkDocs silently shows invalid front matter as page text: make it an error."""
    problems = []
    for path in markdown_pages(_docs(root)):
        text = (_docs(root) / path).read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue
        match = FRONT_MATTER.match(text)
        if not match:
            problems.append(Problem(_rel(path), 1, "front matter is not closed by a '---' line"))
            continue
        try:
            data, lines = parse_yaml(match.group(1), _rel(path), 2, "front matter")
        except UserError as error:
            problems.extend(error.problems)
            continue
        if not isinstance(data, dict):
            problems.append(Problem(_rel(path), 2, "front matter is not a mapping of keys"))
            continue
        try:
            FrontMatter.model_validate(data)
        except ValidationError as error:
            problems.extend(schema_problems(error, lines, "", str))
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
        problems.extend(footnote_problems(path, text))
    problems.extend(registry.paragraph_problems(report_paragraphs(docs)))
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
    problems.extend(_subjects_in_report_words(docs, registry, cited_in_report))
    problems.extend(_rationale_mentions(docs, registry))
    for path in markdown_pages(docs):
        if not path.startswith(f"{DOCUMENTS_DIR}/"):
            continue
        number = front_matter((docs / path).read_text(encoding="utf-8")).get("document")
        if number is not None and registry.get(str(number)) is None:
            problems.append(
                Problem(_rel(path), 2, f"document '{number}' is not in docs/{REGISTRY_FILE}")
            )
    return problems


def _rationale_mentions(docs: Path, registry: Registry) -> Iterator[Problem]:
    """Analysis rationales link every document they name: so each must be registered."""
    path = docs / RELATIONS_FILE
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    for citation in extract(text):
        if registry.get(citation.key) is None:
            yield Problem(
                f"docs/{RELATIONS_FILE}",
                _line_of(text, citation.start),
                f"'{citation.span}' cites {citation.key}, which has no entry in "
                f"docs/{REGISTRY_FILE}",
            )


def _report_words(docs: Path, locale: str) -> dict[str, tuple[str, str]]:
    """The page and words of each paragraph of the report in a language, by permalink."""
    found: dict[str, tuple[str, str]] = {}
    for page in (OVERVIEW, *PARTS):
        path = localized_name(page, locale)
        for block in split_blocks(path, (docs / path).read_text(encoding="utf-8")):
            if block.anchor:
                found.setdefault(block.anchor, (path, plain_text(block.text)))
    return found


def _subjects_in_report_words(docs: Path, registry: Registry, cited: set[str]) -> Iterator[Problem]:
    """A subject shown as "in the report's words" is the report's words, in each language
    (a document cited nowhere is reported as such, not once more here)."""
    for locale in LOCALES:
        paragraphs = _report_words(docs, locale)
        for doc in registry:
            subject = doc.subject_in(locale)
            source = paragraphs.get(doc.source_paragraph or "")
            if not subject or doc.source != "report" or source is None or doc.number not in cited:
                continue  # a missing paragraph is reported by the footnote and id checks
            page, words = source
            if " ".join(subject.split()) not in " ".join(words.split()):
                field = "subject" if locale == DEFAULT_LOCALE else f"subject_{locale}"
                yield Problem(
                    f"docs/{REGISTRY_FILE}",
                    registry.entry_line(doc.number),
                    f"{doc.number}: {field} is not the report's words in "
                    f"{_rel(page)}#{doc.source_paragraph}",
                )


def footnote_problems(path: str, text: str) -> Iterator[Problem]:
    """A footnote reference without its definition, and the reverse."""
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


def report_paragraphs(docs: Path) -> dict[str, str]:
    """The Markdown text of each paragraph of the report pages, by its id."""
    text_by_anchor: dict[str, str] = {}
    for page in (OVERVIEW, *PARTS):
        for block in split_blocks(page, (docs / page).read_text(encoding="utf-8")):
            if block.anchor:
                text_by_anchor.setdefault(block.anchor, block.text)
    return text_by_anchor


def check_typos(root: Path) -> list[Problem]:
    docs = _docs(root)
    typos, lines = load_typos_located(docs)
    return typo_problems(typos, lines, report_paragraphs(docs))


_VI_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]|[\u0300-\u0323]")


def _vietnamese_share(text: str) -> float:
    words = re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text))
    if len(words) < 20:
        return 0.0
    marked = sum(1 for w in words if _VI_LETTERS.search(unicodedata.normalize("NFD", w)))
    return marked / len(words)


def _body(markdown: str) -> str:
    body = FRONT_MATTER.sub("", markdown)
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
            problems.extend(figure_problems(base, source, path, text))
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


# What must read the same in a paragraph and its translation: document numbers, dates and the
# article/clause numbers of provisions (Vietnamese "Điều 6", "khoản 5"; English "Article 6",
# "Clause 5").
_FIGURES = (
    ("number", re.compile(r"\b\d+[-/][A-ZĐ]+(?:-[A-ZĐ]+)*(?:/[A-ZĐ]+)*")),
    ("date", re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")),
    ("article", re.compile(r"\b(?:Điều|Article)\s+(\d+)", re.I)),
    ("clause", re.compile(r"\b(?:khoản|Clause)\s+(\d+)", re.I)),
)


def figures(text: str) -> Counter[str]:
    """The numbers a translation keeps, as 'kind value' (a date 07/6/2012 as 7/6/2012)."""
    found: Counter[str] = Counter()
    for kind, pattern in _FIGURES:
        for match in pattern.finditer(text):
            value = match.group(match.lastindex or 0)
            if kind == "date":
                value = "/".join(str(int(part)) for part in value.split("/"))
            found[f"{kind} {value}"] += 1
    return found


def _paragraphs(path: str, markdown: str) -> dict[str, tuple[int, str]]:
    return {
        b.anchor: (b.line, b.text) for b in split_blocks(path, _mask_code(markdown)) if b.anchor
    }


def figure_problems(vi_path: str, vi_text: str, en_path: str, en_text: str) -> list[Problem]:
    """A paragraph whose document numbers, dates or article/clause numbers differ from its twin."""
    theirs = _paragraphs(vi_path, vi_text)
    problems = []
    for anchor, (line, text) in _paragraphs(en_path, en_text).items():
        if anchor not in theirs:
            continue
        vi_line, vi_para = theirs[anchor]
        want, have = figures(vi_para), figures(text)
        if want == have:
            continue
        missing = ", ".join(sorted((want - have).elements())) or "nothing"
        extra = ", ".join(sorted((have - want).elements())) or "nothing"
        problems.append(
            Problem(
                _rel(en_path),
                line,
                f"paragraph '{anchor}' does not keep the figures of {_rel(vi_path)}:{vi_line}: "
                f"lacks {missing}; adds {extra}",
            )
        )
    return problems


def _ids(markdown: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for anchor, offset in permalink_ids(markdown):
        found.setdefault(anchor, _line_of(markdown, offset))
    return found


CONTENT_CHECKS: dict[str, Check] = {
    "redirects": check_redirects,
    "front-matter": check_front_matter,
    "citations": check_citations,
    "typos": check_typos,
    "translations": check_translations,
    "terms": check_terms,
    "questions": check_questions,
}


def run_check(check: Check, root: Path) -> list[Problem]:
    """Run a check; a data file the check cannot even load is reported, not raised."""
    try:
        return sorted(set(check(root)))
    except UserError as error:
        return error.problems
