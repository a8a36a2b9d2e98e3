"""Table-driven tests for the editorial analysis links: checks, the item rule and rendering."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from golden import assert_golden
from kb.model.citations import extract
from kb.model.relations import Relations, check_relations, load_relations, report_items
from kb.render.analysis import (
    analysis_html,
    chain_columns,
    crossings,
    inject_analysis,
    render_list,
    render_map,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "relations"

# Each fixture plants one kind of defect; the rest of the file links every item, so the check
# must report exactly these problems and nothing else.
CASES = [
    (
        "broken-anchor",
        [
            "docs/_data/relations.yml:4: relation 1 (i-1-a -> ii-9-z): field 'to': "
            "anchor 'ii-9-z' is not in the report pages"
        ],
    ),
    (
        "not-an-item",
        [
            "docs/_data/relations.yml:3: relation 1 (i-1-p1 -> ii-1-a): field 'from': "
            "'i-1-p1' is not an item of a part (list item or numbered paragraph)"
        ],
    ),
    (
        "missing-rationale",
        [
            "docs/_data/relations.yml:6: relation 1 (i-1-a -> ii-1-c): "
            "field 'rationale.en' is missing"
        ],
    ),
    (
        "empty-rationale",
        ["docs/_data/relations.yml:7: relation 1 (i-1-a -> ii-1-c): field 'rationale.vi' is empty"],
    ),
    (
        "self-link",
        ["docs/_data/relations.yml:4: relation 1 (ii-1-a -> ii-1-a): links an item to itself"],
    ),
    (
        "wrong-kind",
        [
            "docs/_data/relations.yml:6: relation 1 (ii-1-a -> i-1-a): kind 'explained_by' "
            "links Part I to Part II, not Part II to Part I",
            "docs/_data/relations.yml:10: relation 2 (iv-1 -> i-1-b): kind 'follows_from' "
            "links Part IV to Part II or III, not Part IV to Part I",
            "docs/_data/relations.yml:14: relation 3 (iii-1-a -> ii-1-a): kind 'rests_on' "
            "links an item to a document, not to 'ii-1-a'",
        ],
    ),
    (
        "uncovered-item",
        ["docs/bao-cao/ii-nguyen-nhan.md:16: item ii-1-b takes part in no analysis link"],
    ),
    (
        "duplicate",
        [
            "docs/_data/relations.yml:8: relation 2 (i-1-a -> ii-1-a): "
            "duplicate of relation 1 (line 3)"
        ],
    ),
    (
        "unknown-document",
        [
            "docs/_data/relations.yml:4: relation 1 (iii-4-c -> 99-KL/TW): field 'to': "
            "document '99-KL/TW' is not in docs/_data/documents.yml"
        ],
    ),
    (
        "invalid-yaml",
        ["docs/_data/relations.yml:4: invalid YAML: expected ',' or '}', but got '-'"],
    ),
    (
        "unknown-field",
        ["docs/_data/relations.yml:7: relation 1 (i-1-a -> ii-1-c): unknown field 'weight'"],
    ),
]


def make_project(tmp_path: Path, relations: Path) -> Path:
    """A project root with the real report pages and registry, and the given links file."""
    docs = tmp_path / "docs"
    (docs / "bao-cao").mkdir(parents=True)
    (docs / "_data").mkdir()
    for page in (ROOT / "docs" / "bao-cao").glob("*.md"):
        shutil.copy(page, docs / "bao-cao" / page.name)
    shutil.copy(ROOT / "docs" / "_data" / "documents.yml", docs / "_data" / "documents.yml")
    shutil.copy(relations, docs / "_data" / "relations.yml")
    return tmp_path


def test_every_fixture_has_a_case() -> None:
    fixtures = {p.stem for p in FIXTURES.glob("*.yml")} - {"golden"}
    assert fixtures == {name for name, _ in CASES}


@pytest.mark.parametrize(("fixture", "expected"), CASES, ids=[name for name, _ in CASES])
def test_check_reports_the_planted_defect(
    tmp_path: Path, fixture: str, expected: list[str]
) -> None:
    root = make_project(tmp_path, FIXTURES / f"{fixture}.yml")
    assert [str(p) for p in check_relations(root)] == expected


def test_real_relations_pass() -> None:
    assert [str(p) for p in check_relations(ROOT)] == []


def test_item_rule_on_the_real_pages() -> None:
    items = report_items(ROOT / "docs")
    assert [item.anchor for item in items] == [
        "i-1-a", "i-1-b", "i-1-c", "i-1-d", "i-2-p1",
        "ii-1-a", "ii-1-b", "ii-1-c",
        "ii-2-1-a", "ii-2-1-b", "ii-2-1-c", "ii-2-1-d",
        "ii-2-2-a", "ii-2-2-b", "ii-2-2-c", "ii-2-2-d",
        "iii-1-a", "iii-1-b", "iii-1-c", "iii-2-p1",
        "iii-3-a", "iii-3-b", "iii-3-c", "iii-3-d",
        "iii-4-a", "iii-4-b", "iii-4-c",
        "iii-5-a", "iii-5-b", "iii-5-c", "iii-5-d",
        "iv-1", "iv-2", "iv-3", "iv-4",
    ]  # fmt: skip
    first = items[0]
    assert (first.path, first.line) == ("bao-cao/i-tinh-hinh.md", 20)


# --- rendering ---------------------------------------------------------------------------------


def href(anchor: str) -> str:
    return f"../page/#{anchor}"


def doc_href(number: str) -> str:
    return f"../../van-ban/{number}/?from=analysis&x=1"


@pytest.fixture
def golden(tmp_path: Path) -> Relations:
    return load_relations(make_project(tmp_path, FIXTURES / "golden.yml") / "docs")


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_analysis_html_golden(golden: Relations, locale: str) -> None:
    block = analysis_html("ii-1-b", golden, locale, href, doc_href)
    assert block is not None
    assert_golden(block + "\n", FIXTURES / f"analysis-ii-1-b.{locale}.html")


def test_analysis_html_none_without_links(golden: Relations) -> None:
    assert analysis_html("iii-5-d", golden, "vi", href, doc_href) is None


def test_inject_analysis_places_blocks(golden: Relations) -> None:
    page = (
        '<ul>\n<li id="ii-1-b"><a class="para-link" href="#ii-1-b">¶</a>Nguyên nhân '
        "<ul><li>lồng</li></ul> cuối</li>\n"
        '<li id="ii-1-c">Không có liên kết</li>\n</ul>\n'
        '<p id="iv-4">Kiến nghị 4</p>\n<p id="iv-3">Không có</p>'
    )
    ii_1_b = analysis_html("ii-1-b", golden, "vi", href, doc_href)
    iv_4 = analysis_html("iv-4", golden, "vi", href, doc_href)
    assert ii_1_b is not None
    assert iv_4 is not None
    assert inject_analysis(page, golden, "vi", href, doc_href) == (
        '<ul>\n<li id="ii-1-b"><a class="para-link" href="#ii-1-b">¶</a>Nguyên nhân '
        f"<ul><li>lồng</li></ul> cuối{ii_1_b}</li>\n"
        '<li id="ii-1-c">Không có liên kết</li>\n</ul>\n'
        f'<p id="iv-4">Kiến nghị 4</p>\n{iv_4}\n<p id="iv-3">Không có</p>'
    )


class _Balance(HTMLParser):
    """Fails on a closing tag that does not match the open one: generated HTML must nest."""

    VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack[-5:], tag)
        self.stack.pop()


def _balanced(page: str) -> bool:
    parser = _Balance()
    parser.feed("\n".join(line for line in page.splitlines() if line.startswith("<")))
    return parser.stack == []


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_render_map_on_the_real_data(locale: str) -> None:
    relations = load_relations(ROOT / "docs")
    page = render_map(relations, locale, href)
    assert _balanced(page)
    addressed = [r for r in relations.links if r.kind == "addressed_by"]
    assert page.count(">●</a></td>") == len(addressed)
    chain = [r for r in relations.links if r.kind != "rests_on"]
    assert page.count('<path class="edge') == len(chain)
    assert page.count('<a class="node"') == len(relations.items)
    assert '<svg viewBox="0 0 420 ' in page
    assert "{: #ma-tran }" in page
    assert "{: #so-do }" in page
    editorial = "Phân tích biên tập" if locale == "vi" else "Editorial analysis"
    assert page.startswith(f'!!! note "{editorial}"')
    title = "Chuỗi phân tích dạng danh sách" if locale == "vi" else "The analysis chain as a list"
    assert page.endswith(f"[{title}](danh-sach.md).\n")
    assert "<script" not in page
    # Styles live in docs/assets/site.css, not in the markup.
    assert (page.count(" style="), page.count("<style")) == (0, 0)
    assert page.count('<th scope="row" class="sticky">') == len(
        [i for i in relations.items if i.part == "ii"]
    )


STATED = {
    "vi": ("(báo cáo nêu)", "(biên tập; báo cáo không nêu)"),
    "en": ("(stated in the report)", "(editorial; not stated in the report)"),
}


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_unstated_document_links_are_rationales_with_their_mentions_linked(locale: str) -> None:
    """Every document a rationale names links to its page (four mentions of 14-KL/TW did not)."""
    relations = load_relations(ROOT / "docs")
    page = render_list(relations, locale, href, doc_href)
    mentions = sum(1 for link in relations.links for _ in extract(link.rationale.text(locale)))
    assert mentions >= 6
    assert page.count('<a href="../../van-ban/') == mentions + sum(
        link.kind == "rests_on" for link in relations.links
    )


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_render_list_on_the_real_data(locale: str) -> None:
    relations = load_relations(ROOT / "docs")
    page = render_list(relations, locale, href, doc_href)
    assert _balanced(page)
    editorial = "Phân tích biên tập" if locale == "vi" else "Editorial analysis"
    assert page.startswith(f'!!! note "{editorial}"')
    title = "bản đồ phân tích" if locale == "vi" else "analysis map"
    assert f"[{title}](index.md)" in page
    headings = [line for line in page.splitlines() if line.startswith("#")]
    assert [h.rpartition("{: #")[2] for h in headings] == [
        "bieu-hien }",
        "nguyen-nhan }",
        "kien-nghi }",
        "van-ban }",
        "van-ban-lien-quan }",
    ]
    assert all(h.startswith("## ") for h in headings)
    # One entry per link, each with its rationale and whether the report states it.
    assert page.count("<small>") == len(relations.links)
    stated, unstated = STATED[locale]
    assert page.count(f"<small>{stated} ") == sum(link.stated for link in relations.links)
    assert page.count(f"<small>{unstated} ") == sum(not link.stated for link in relations.links)
    # Under the heading that asserts a basis, only links the report states.
    basis = page.split("{: #van-ban }")[1].split("{: #van-ban-lien-quan }")[0]
    assert basis.count("<small>") == basis.count(f"<small>{stated} ") == 2
    assert "<script" not in page


def test_diagram_columns_are_ordered_to_cut_crossings() -> None:
    """Reading order drew 268 crossing pairs of lines; the barycentre order draws 136."""
    relations = load_relations(ROOT / "docs")
    reading = [[i for i in relations.items if i.part == part] for part in ("i", "ii", "iii", "iv")]
    ordered = chain_columns(relations)
    assert (crossings(relations, reading), crossings(relations, ordered)) == (268, 136)
    assert [item.anchor for item in ordered[0]] == [item.anchor for item in reading[0]]
    assert sorted(i.anchor for c in ordered for i in c) == sorted(
        i.anchor for c in reading for i in c
    )
