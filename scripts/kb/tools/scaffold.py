"""`add-document`: register a cited document and create its page in every language."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import yaml

from kb.model.citeindex import front_matter, split_blocks
from kb.model.i18n import LOCALES, localized_name
from kb.model.problems import UserError
from kb.model.registry import (
    DOC_TYPES,
    PARTY_NUMBER,
    REGISTRY_FILE,
    Registry,
    load_registry,
    slugify_number,
)
from kb.model.report import OVERVIEW, PARTS
from kb.render.docpages import DOCUMENTS_DIR

ROOT = Path(__file__).resolve().parents[3]
REGISTRY_SHOWN = f"docs/{REGISTRY_FILE}"
WIDTH = 100  # the registry's own line length, so long subjects fold like the existing ones
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DOCUMENTS_KEY = re.compile(r"documents:[ \t]*(#.*)?$")
_TOP_LEVEL = re.compile(r"[^\s#]")


class Refusal(Exception):
    """The command will not do what was asked: its args are the lines to print (exit code 1)."""


@dataclasses.dataclass(frozen=True)
class NewDocument:
    """A registry entry as the maintainer asked for it, checked before any file is touched."""

    number: str
    doc_type: str
    issuer: str
    date: dt.date
    subject: str | None
    subject_en: str | None
    source: str
    source_paragraph: str | None

    def fields(self) -> list[tuple[str, str | dt.date | None]]:
        """The fields after the number, in the order the registry writes them."""
        return [(field.name, getattr(self, field.name)) for field in dataclasses.fields(self)[1:]]


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> dict[str, Callable[[argparse.Namespace], int]]:
    parser = sub.add_parser(
        "add-document",
        help="register a cited document and create its pages (or --pages-only for an entry)",
        description="Append an entry to docs/_data/documents.yml and create its stub pages.",
    )
    parser.add_argument("number", help="the number as the report writes it, e.g. 21-NQ/TW")
    parser.add_argument("--type", dest="doc_type", help=f"one of: {', '.join(DOC_TYPES)}")
    parser.add_argument("--issuer", help="an issuer listed under 'issuers:' in the registry")
    parser.add_argument("--date", help="date of issue, YYYY-MM-DD")
    parser.add_argument("--subject", help="the subject as the report gives it (Vietnamese)")
    parser.add_argument("--subject-en", help="English gloss of the subject")
    parser.add_argument("--source", help="'report' (default) or the URL the facts come from")
    parser.add_argument("--source-paragraph", help="id of the report paragraph giving the facts")
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="only create the missing pages of an entry already in the registry",
    )
    parser.add_argument("--root", default=str(ROOT), help="project root (default: this repo)")
    return {"add-document": cmd_add_document}


def cmd_add_document(args: argparse.Namespace) -> int:
    try:
        for line in run(args):
            print(line)
    except Refusal as refusal:
        for line in refusal.args:
            print(line, file=sys.stderr)
        return 1
    return 0


def run(args: argparse.Namespace) -> list[str]:
    """Do what the arguments ask; return the lines to print, or raise Refusal."""
    root = Path(args.root).resolve()
    docs = root / "docs"
    number = args.number.strip()
    if not PARTY_NUMBER.match(number):
        raise Refusal(f"'{number}' is not a document number like 114-QĐ/TW")
    try:
        registry = load_registry(docs)
    except UserError as error:
        problems = map(str, error.problems)
        raise Refusal(*problems, f"{REGISTRY_SHOWN} has problems already: fix them first") from None
    if args.pages_only:
        given = [f"--{name.replace('_', '-')}" for name in _ENTRY_OPTIONS if getattr(args, name)]
        if given:
            raise Refusal(f"--pages-only creates the pages of an existing entry: drop {given[0]}")
        if registry.get(number) is None:
            raise Refusal(
                f"{number} is not in {REGISTRY_SHOWN}; add it with: python scripts/docs.py "
                f"add-document '{number}' --type TYPE --issuer ISSUER --date YYYY-MM-DD"
            )
        created = [f"created {path}" for path in _create_pages(docs, number)]
        return created or [f"nothing to do: every page of {number} exists"]
    new = _checked(args, number, docs, registry)
    _pages_are_free(docs, number)
    line = _append(docs, new)
    lines = [f"added {number} to {REGISTRY_SHOWN}:{line}"]
    lines += [f"created {path}" for path in _create_pages(docs, number)]
    # The registry holds only what the report cites: say what the check will say if it does not.
    lines.append(
        f"next: run `make check`; if the report's text (docs/bao-cao/) does not cite {number} "
        f'exactly so, it reports "document {number} is cited nowhere in the report"'
    )
    return lines


_ENTRY_OPTIONS = ("doc_type", "issuer", "date", "subject", "subject_en", "source")


def _checked(args: argparse.Namespace, number: str, docs: Path, registry: Registry) -> NewDocument:
    needed = {"--type": args.doc_type, "--issuer": args.issuer, "--date": args.date}
    missing = [option for option, value in needed.items() if not value]
    if missing:
        raise Refusal(f"missing {', '.join(missing)} (needed to add {number} to the registry)")
    if registry.get(number) is not None:
        raise Refusal(f"{number} is already in {REGISTRY_SHOWN}:{registry.entry_line(number)}")
    if args.doc_type not in DOC_TYPES:
        raise Refusal(f"unknown type '{args.doc_type}'; known types: {', '.join(DOC_TYPES)}")
    issuers = [issuer.name for issuer in registry.issuers]
    if args.issuer not in issuers:
        raise Refusal(
            f"unknown issuer '{args.issuer}'; known issuers: {', '.join(issuers)}; "
            f"to add one, add it under 'issuers:' in {REGISTRY_SHOWN}"
        )
    date = _date(args.date)
    source = args.source or "report"
    if source != "report" and not re.fullmatch(r"https?://\S+", source):
        raise Refusal(f"--source must be 'report' or an http(s) URL, not '{source}'")
    paragraph = args.source_paragraph
    if paragraph is not None:
        if source != "report":
            raise Refusal("--source-paragraph names a paragraph of the report: use --source report")
        if paragraph not in _paragraph_ids(docs):
            raise Refusal(
                f"'{paragraph}' is not a paragraph id of the report "
                "(an {: #id } in docs/bao-cao/*.md, or fn:N for footnote N)"
            )
    return NewDocument(
        number=number,
        doc_type=args.doc_type,
        issuer=args.issuer,
        date=date,
        subject=_prose(args.subject),
        subject_en=_prose(args.subject_en),
        source=source,
        source_paragraph=paragraph,
    )


def _date(text: str) -> dt.date:
    try:
        if _ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise Refusal(f"'{text}' is not a date like 2022-06-16 (YYYY-MM-DD)")


def _prose(text: str | None) -> str | None:
    """One line, single spaces: the registry folds long prose across lines anyway."""
    if text is None:
        return None
    return " ".join(text.split()) or None


def _paragraph_ids(docs: Path) -> list[str]:
    ids: list[str] = []
    for page in (OVERVIEW, *PARTS):
        blocks = split_blocks(page, (docs / page).read_text(encoding="utf-8"))
        ids += [block.anchor for block in blocks if block.anchor]
    return ids


def _page_paths(number: str) -> list[str]:
    slug = slugify_number(number)
    return [localized_name(f"{DOCUMENTS_DIR}/{slug}.md", locale) for locale in LOCALES]


def _pages_are_free(docs: Path, number: str) -> None:
    """A page of that name may exist already: fine if it is this document's, else refuse."""
    for page in _page_paths(number):
        path = docs / page
        if (
            path.exists()
            and front_matter(path.read_text(encoding="utf-8")).get("document") != number
        ):
            raise Refusal(f"docs/{page} exists and is not the page of {number}: move it first")


def _create_pages(docs: Path, number: str) -> list[str]:
    created = []
    for page in _page_paths(number):
        path = docs / page
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f'---\ndocument: "{number}"\n---\n', encoding="utf-8")
            created.append(f"docs/{page}")
    return created


def _scalar(value: str) -> str:
    """Plain when YAML reads it back unchanged, else a double-quoted (JSON) string."""
    try:
        plain = yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        plain = False
    return value if plain else json.dumps(value, ensure_ascii=False)


def _field(pad: str, key: str, value: str | dt.date) -> list[str]:
    if isinstance(value, dt.date):
        return [f"{pad}{key}: {value.isoformat()}"]
    line = f"{pad}{key}: {_scalar(value)}"
    if len(line) <= WIDTH:
        return [line]
    wrapped = textwrap.wrap(
        value, width=WIDTH - len(pad) - 2, break_long_words=False, break_on_hyphens=False
    )
    return [f"{pad}{key}: >-", *(f"{pad}  {part}" for part in wrapped)]


def entry_text(new: NewDocument, indent: str) -> list[str]:
    """The entry as the registry's own entries are written (block style, folded long prose)."""
    lines = [f"{indent}- number: {_scalar(new.number)}"]
    for key, value in new.fields():
        if value is not None:
            lines += _field(indent + "  ", key, value)
    return lines


def _insertion_point(lines: list[str]) -> tuple[int, str]:
    """After the last entry of `documents:` (before any later top-level key and its comments)."""
    start = next((i for i, line in enumerate(lines) if _DOCUMENTS_KEY.match(line)), None)
    if start is None:
        raise Refusal(f"{REGISTRY_SHOWN} has no block 'documents:' to add to")
    end = next((i for i in range(start + 1, len(lines)) if _TOP_LEVEL.match(lines[i])), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    indent = next(
        (m.group(1) for line in lines[start + 1 : end] if (m := re.match(r"(\s*)- ", line))),
        "  ",
    )
    return end, indent


def _append(docs: Path, new: NewDocument) -> int:
    """Insert the entry as text (comments and layout stay), validate, roll back if invalid."""
    path = docs / REGISTRY_FILE
    original = path.read_bytes()
    text = original.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    end, indent = _insertion_point(lines)
    entry = entry_text(new, indent)
    # Entries are separated by a blank line, except the first one right under `documents:`.
    separator = [] if _DOCUMENTS_KEY.match(lines[end - 1]) else [""]
    updated = [*lines[:end], *separator, *entry, *lines[end:]]
    _write(path, (newline.join(updated) + newline).encode("utf-8"))
    try:
        registry = load_registry(docs)
    except UserError as error:
        _write(path, original)
        raise Refusal(
            *map(str, error.problems), f"{new.number} not added: {REGISTRY_SHOWN} is unchanged"
        ) from None
    added = registry.get(new.number)
    if added is None or [(key, getattr(added, key)) for key, _ in new.fields()] != new.fields():
        _write(path, original)
        raise Refusal(
            f"{new.number}: the entry did not read back as written; "
            f"{new.number} not added: {REGISTRY_SHOWN} is unchanged"
        )
    return end + len(separator) + 1


def _write(path: Path, data: bytes) -> None:
    """Replace the file in one step, so a reader (mkdocs serve) never sees half an entry."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
