"""Registry of cited documents: load `docs/_data/documents.yml` into validated, frozen models."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
)

from kb.model.docnumber import slugify
from kb.model.i18n import DEFAULT_LOCALE, LOCALES, ui
from kb.model.problems import Problem, UserError
from kb.model.yamlsource import LineMap, load_yaml

REGISTRY_FILE = "_data/documents.yml"

# Vietnamese document types (the domain's own words) with their English gloss and the type codes
# that may appear in a number of that type: "QĐ" is used by both Quy định and Quyết định.
DOC_TYPES: dict[str, tuple[str, frozenset[str]]] = {
    "Quy định": ("Regulation", frozenset({"QĐ", "QĐi"})),
    "Quyết định": ("Decision", frozenset({"QĐ"})),
    "Nghị quyết": ("Resolution", frozenset({"NQ"})),
    "Kết luận": ("Conclusion", frozenset({"KL"})),
    "Chỉ thị": ("Directive", frozenset({"CT"})),
    "Kế hoạch": ("Plan", frozenset({"KH"})),
}
DocType = Literal["Quy định", "Quyết định", "Nghị quyết", "Kết luận", "Chỉ thị", "Kế hoạch"]
Level = Literal["central", "provincial", "unstated"]
# How each language names a level ("Trung ương" / "Central"): kb/model/locales/*/registry.yml.
LEVEL_NAMES = {locale: ui(locale)["registry"]["levels"] for locale in LOCALES}

# A Party document number: {number}-{type code}/{issuer code}, e.g. 114-QĐ/TW, 01-KH/BCĐ.
PARTY_NUMBER = re.compile(
    r"""^(?P<n>\d+)          # running number
        -(?P<type>[A-ZĐ][A-Za-zĐđ]*)   # type code: QĐ, NQ, KL, CT, KH, QĐi
        /(?P<issuer>[A-ZĐ]+)$          # issuer code: TW, TU, BCĐ
    """,
    re.VERBOSE,
)


def slugify_number(number: str) -> str:
    """URL slug of a document number.

    >>> slugify_number("114-QĐ/TW")
    '114-qd-tw'
    >>> slugify_number("01-KH/BCĐ")
    '01-kh-bcd'
    """
    return slugify(number)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Issuer(_Model):
    name: str
    en: str
    level: Level


class Relation(_Model):
    """A relation between documents that the report itself states."""

    kind: Literal["replaces", "continues"]
    target: str


class Provision(_Model):
    """A provision of a document that the report points at, and the paragraph that does."""

    article: str
    clause: str | None = None
    paragraph: str


class CitedDocument(_Model):
    number: str
    doc_type: DocType
    issuer: str
    date: dt.date
    subject: str | None = None
    subject_en: str | None = None
    note: str | None = None
    note_en: str | None = None
    relations: tuple[Relation, ...] = ()
    provisions: tuple[Provision, ...] = ()
    implemented_by_report: bool = False
    source: str = Field(pattern=r"^(report|https?://\S+)$")
    source_paragraph: str | None = None

    @field_validator("number")
    @classmethod
    def _number_is_party_form(cls, value: str) -> str:
        if not PARTY_NUMBER.match(value):
            raise ValueError(f"'{value}' is not a document number like 114-QĐ/TW")
        return value

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(f"'{value}' is not an ISO date (YYYY-MM-DD)")
        return value

    @property
    def key(self) -> str:
        return self.number

    @property
    def slug(self) -> str:
        return slugify_number(self.number)

    @property
    def type_code(self) -> str:
        match = PARTY_NUMBER.match(self.number)
        assert match  # validated on load
        return match.group("type")

    def title(self, locale: str = DEFAULT_LOCALE) -> str:
        """How the report names it: "Quy định số 114-QĐ/TW" / "Regulation No. 114-QĐ/TW"."""
        strings = ui(locale)["registry"]
        doc_type = strings["doc_types"][self.doc_type]
        return str(strings["title"]).format(type=doc_type, number=self.number)

    def subject_in(self, locale: str) -> str | None:
        return self.subject if locale == DEFAULT_LOCALE else self.subject_en


class Registry(_Model):
    issuers: tuple[Issuer, ...]
    documents: tuple[CitedDocument, ...]
    # Line of each entry's `number:` in the data file, set by load_registry, for messages and
    # for the `data-origin` of generated links.
    _entry_lines: dict[str, int] = PrivateAttr(default_factory=dict)
    _lines: LineMap | None = PrivateAttr(default=None)

    def entry_line(self, number: str) -> int:
        return self._entry_lines.get(number, 1)

    def __iter__(self) -> Iterator[CitedDocument]:  # type: ignore[override]
        return iter(self.documents)

    def get(self, number: str) -> CitedDocument | None:
        return next((d for d in self.documents if d.number == number), None)

    def issuer(self, name: str) -> Issuer:
        return next(i for i in self.issuers if i.name == name)

    def paragraph_problems(self, anchors: Collection[str]) -> list[Problem]:
        """A `source_paragraph` or provision `paragraph` the report does not have."""
        lines = self._lines or LineMap(f"docs/{REGISTRY_FILE}")
        problems = []
        for index, doc in enumerate(self.documents):
            loc: tuple[str | int, ...] = ("documents", index)
            if doc.source_paragraph and doc.source_paragraph not in anchors:
                problems.append(
                    lines.problem(
                        (*loc, "source_paragraph"),
                        f"document {doc.number}: field 'source_paragraph': the report has no "
                        f"paragraph '{doc.source_paragraph}'",
                    )
                )
            for p_index, provision in enumerate(doc.provisions):
                if provision.paragraph not in anchors:
                    problems.append(
                        lines.problem(
                            (*loc, "provisions", p_index, "paragraph"),
                            f"document {doc.number}: field 'provisions.{p_index}.paragraph': "
                            f"the report has no paragraph '{provision.paragraph}'",
                        )
                    )
        return problems

    def replaced_by(self, number: str) -> list[CitedDocument]:
        return [
            d
            for d in self.documents
            if any(r.kind == "replaces" and r.target == number for r in d.relations)
        ]


def _format_loc(loc: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in loc)


def load_registry(docs_dir: Path) -> Registry:
    """Load and validate the registry; every mistake is reported with file, entry and field."""
    display = f"docs/{REGISTRY_FILE}"
    data, lines = load_yaml(docs_dir / REGISTRY_FILE, display)
    try:
        registry = Registry.model_validate(data)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            loc = tuple(item["loc"])
            entry = ""
            if len(loc) >= 2 and loc[0] == "documents" and isinstance(loc[1], int):
                number = (data["documents"][loc[1]] or {}).get("number", f"#{loc[1] + 1}")
                entry = f"document {number}: "
            field = _format_loc(loc[2:]) if entry else _format_loc(loc)
            message = item["msg"].removeprefix("Value error, ")
            problems.append(lines.problem(loc, f"{entry}field '{field}': {message}"))
        raise UserError(sorted(set(problems))) from None
    problems = list(_cross_check(registry, lines))
    if problems:
        raise UserError(problems)
    registry._lines = lines
    for index, doc in enumerate(registry.documents):
        registry._entry_lines.setdefault(doc.number, lines.line(("documents", index, "number")))
    return registry


def _cross_check(registry: Registry, lines: LineMap) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    issuers = {i.name for i in registry.issuers}
    numbers = {d.number for d in registry.documents}
    for index, doc in enumerate(registry.documents):
        loc: tuple[str | int, ...] = ("documents", index)
        if doc.number in seen:
            yield lines.problem(
                (*loc, "number"),
                f"document {doc.number}: duplicate entry (first at line {seen[doc.number]})",
            )
        seen.setdefault(doc.number, lines.line((*loc, "number")))
        if doc.issuer not in issuers:
            yield lines.problem(
                (*loc, "issuer"),
                f"document {doc.number}: field 'issuer': unknown issuer '{doc.issuer}' "
                "(add it under 'issuers:')",
            )
        codes = DOC_TYPES[doc.doc_type][1]
        if doc.type_code not in codes:
            yield lines.problem(
                (*loc, "doc_type"),
                f"document {doc.number}: field 'doc_type': '{doc.doc_type}' does not match "
                f"type code '{doc.type_code}' of the number",
            )
        for r_index, relation in enumerate(doc.relations):
            if relation.target not in numbers:
                yield lines.problem(
                    (*loc, "relations", r_index, "target"),
                    f"document {doc.number}: field 'relations.{r_index}.target': "
                    f"'{relation.target}' is not in the registry",
                )
