"""Content checks over the Markdown sources and data files: each returns the problems found."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kb.checks.termcheck import check_terms
from kb.model.citations import Citation, extract
from kb.model.citeindex import (
    FRONT_MATTER,
    front_matter,
    markdown_pages,
    plain_text,
    report_markdown,
    report_texts,
    split_blocks,
)
from kb.model.i18n import DEFAULT_LOCALE, LOCALES, default_path, localized_name, page_locale
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


def _rel(path: str) -> str:
    return f"docs/{path}"


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _unregistered(file: str, text: str, citation: Citation) -> Problem:
    """A citation of a number the registry does not have."""
    message = f"'{citation.span}' cites {citation.key}, which has no entry in docs/{REGISTRY_FILE}"
    return Problem(file, _line_of(text, citation.start), message)


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
    docs = root / "docs"
    problems = []
    for path in markdown_pages(docs):
        text = (docs / path).read_text(encoding="utf-8")
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
    docs = root / "docs"
    registry = load_registry(docs)
    problems: list[Problem] = []
    cited_in_report: set[str] = set()
    report_paths = {OVERVIEW, *PARTS}
    for path in markdown_pages(docs):
        text = (docs / path).read_text(encoding="utf-8")
        masked = _mask_code(text)
        for citation in extract(masked):
            doc = registry.get(citation.key)
            if doc is None:
                problems.append(_unregistered(_rel(path), masked, citation))
                continue
            if path not in report_paths:
                continue
            cited_in_report.add(doc.number)
            line = _line_of(masked, citation.start)
            date, issuer = citation.date, citation.issuer_name
            if date and date != doc.date.isoformat():
                message = f"the report gives the date {date}, the registry {doc.date.isoformat()}"
                problems.append(Problem(_rel(path), line, f"{doc.number}: {message}"))
            if issuer and issuer != doc.issuer:
                message = f"the report gives the issuer '{issuer}', the registry '{doc.issuer}'"
                problems.append(Problem(_rel(path), line, f"{doc.number}: {message}"))
        problems.extend(footnote_problems(path, text))
    problems.extend(registry.paragraph_problems(report_texts(docs)))
    # Quiz explanations live in the question bank, and analysis rationales link every document
    # they name: their citations count too.
    for file, mask in ((BANK, True), (RELATIONS_FILE, False)):
        if (docs / file).exists():
            text = (docs / file).read_text(encoding="utf-8")
            text = _mask_code(text) if mask else text
            unknown = [c for c in extract(text) if registry.get(c.key) is None]
            problems.extend(_unregistered(_rel(file), text, c) for c in unknown)
    for doc in registry:
        entry = _rel(REGISTRY_FILE), registry.entry_line(doc.number)
        if doc.number not in cited_in_report:
            problems.append(
                Problem(*entry, f"document {doc.number} is cited nowhere in the report")
            )
        for locale in LOCALES:
            page = localized_name(f"{DOCUMENTS_DIR}/{doc.slug}.md", locale)
            if not (docs / page).exists():
                run = f"python scripts/docs.py add-document --pages-only '{doc.number}'"
                message = f"document {doc.number} has no page {_rel(page)} ({locale}); run: {run}"
                problems.append(Problem(*entry, message))
    problems.extend(_subjects_in_report_words(docs, registry, cited_in_report))
    for path in markdown_pages(docs):
        if not path.startswith(f"{DOCUMENTS_DIR}/"):
            continue
        number = front_matter((docs / path).read_text(encoding="utf-8")).get("document")
        if number is not None and registry.get(str(number)) is None:
            problems.append(
                Problem(_rel(path), 2, f"document '{number}' is not in docs/{REGISTRY_FILE}")
            )
    return problems


def _subjects_in_report_words(docs: Path, registry: Registry, cited: set[str]) -> Iterator[Problem]:
    """A subject shown as "in the report's words" is the report's words, in each language
    (a document cited nowhere is reported as such, not once more here)."""
    for locale in LOCALES:
        paragraphs = report_markdown(docs, locale)
        for doc in registry:
            subject = doc.subject_in(locale)
            source = paragraphs.get(doc.source_paragraph or "")
            if not subject or doc.source != "report" or source is None or doc.number not in cited:
                continue  # a missing paragraph is reported by the footnote and id checks
            if " ".join(subject.split()) not in " ".join(plain_text(source.text).split()):
                field = "subject" if locale == DEFAULT_LOCALE else f"subject_{locale}"
                where = f"{_rel(source.path)}#{doc.source_paragraph}"
                message = f"{doc.number}: {field} is not the report's words in {where}"
                yield Problem(_rel(REGISTRY_FILE), registry.entry_line(doc.number), message)


def footnote_problems(path: str, text: str) -> Iterator[Problem]:
    """A footnote reference without its definition, and the reverse."""
    masked = _mask_code(text)
    definitions = {m.group(1): m for m in _FOOTNOTE_DEF.finditer(masked)}
    references = set()
    for match in _FOOTNOTE_REF.finditer(masked):
        references.add(label := match.group(1))
        if label not in definitions:
            message = f"footnote [^{label}] has no definition"
            yield Problem(_rel(path), _line_of(masked, match.start()), message)
    for label, match in definitions.items():
        if label not in references:
            message = f"footnote definition [^{label}] is never referenced"
            yield Problem(_rel(path), _line_of(masked, match.start()), message)


def check_typos(root: Path) -> list[Problem]:
    docs = root / "docs"
    typos, lines = load_typos_located(docs)
    return typo_problems(typos, lines, report_texts(docs))


_VI_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]|[\u0300-\u0323]")


def _vietnamese_share(markdown: str) -> float:
    """The share of a page's prose words that have Vietnamese letters (0 for under 20 words)."""
    body = _mask_code(FRONT_MATTER.sub("", markdown))
    body = re.sub(r"\]\([^)]*\)", "]", body)  # link targets are file names, not prose
    words = re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", body))
    if len(words) < 20:
        return 0.0
    marked = sum(1 for w in words if _VI_LETTERS.search(unicodedata.normalize("NFD", w)))
    return marked / len(words)


def check_translations(root: Path) -> list[Problem]:
    """Every page has its twin in every language, with the same permalinks, and is translated."""
    docs = root / "docs"
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
        share = _vietnamese_share(text)
        if share > 0.3:
            why = f"{share:.0%} of words have Vietnamese letters"
            problems.append(
                Problem(_rel(path), 1, f"page reads as Vietnamese ({why}): untranslated copy?")
            )
        if base in pages:
            source = (docs / base).read_text(encoding="utf-8")
            problems.extend(figure_problems(base, source, path, text))
            here, there = _ids(text), _ids(source)
            for anchor in sorted(there.keys() - here.keys()):
                message = f"paragraph id '{anchor}' of {_rel(base)}:{there[anchor]} is missing"
                problems.append(Problem(_rel(path), 1, message))
            for anchor in sorted(here.keys() - there.keys()):
                message = f"paragraph id '{anchor}' does not exist in {_rel(base)}"
                problems.append(Problem(_rel(path), here[anchor], message))
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
        twin = f"{_rel(vi_path)}:{vi_line}"
        message = f"does not keep the figures of {twin}: lacks {missing}; adds {extra}"
        problems.append(Problem(_rel(en_path), line, f"paragraph '{anchor}' {message}"))
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
