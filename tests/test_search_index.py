"""Table-driven tests for kb.render.search: the per-language search indexes, written after build."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from kb.render import search
from kb.render.search import (
    Paragraph,
    Term,
    finish_search,
    language_index,
    page_file,
    paragraphs,
    split_location,
    terms,
    without_paragraphs,
    without_terms,
)

FIXTURES = Path(__file__).parent / "fixtures" / "search"
SITE = Path(__file__).resolve().parent.parent / "site"
BUDGET_GZIP = 40_000  # bytes, per language


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _fixture_reader(locale: str) -> Any:
    root = FIXTURES / "pages" if locale == "vi" else FIXTURES / "pages" / locale

    def read(url: str) -> str | None:
        page = page_file(root, url)
        return page.read_text(encoding="utf-8") if page.is_file() else None

    return read


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("", ("vi", "")),
        ("bao-cao/ii-nguyen-nhan/#ii-2-1-b", ("vi", "bao-cao/ii-nguyen-nhan/#ii-2-1-b")),
        ("en/", ("en", "")),
        ("en/bao-cao/ii-nguyen-nhan/#ii-2-1-b", ("en", "bao-cao/ii-nguyen-nhan/#ii-2-1-b")),
        ("en/index.html#start", ("en", "index.html#start")),
        ("vi/x/", ("vi", "vi/x/")),  # the default language has no folder of its own
        ("end/", ("vi", "end/")),
    ],
)
def test_split_location(location: str, expected: tuple[str, str]) -> None:
    assert split_location(location) == expected


def test_paragraphs_of_a_report_page() -> None:
    page = (FIXTURES / "pages" / "bao-cao" / "ii-nguyen-nhan" / "index.html").read_text("utf-8")
    assert paragraphs(page) == [
        Paragraph("ii-p1", "Tình trạng né tránh, đùn đẩy & sợ trách nhiệm do các nguyên nhân sau:"),
        Paragraph("ii-2-1-a", "Một số cán bộ lãnh đạo có tư tưởng sợ “mất phiếu”, né tránh."),
        Paragraph(
            "ii-2-2-a",
            "Để cán bộ sơ trách nhiệm[Ghi chú biên tập: nguyên văn; có lẽ là “sợ trách nhiệm”] "
            "là do Quy định số 114-QĐ/TW.",
        ),
        Paragraph("chuc-vu-ky", "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ"),
    ]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("<p>No permalinks here.</p>", []),
        ('<li id="fn:1"><p>A footnote</p></li>', []),  # footnotes stay in their section
        ('<h2 id="i-1">1. Heading</h2>', []),
        ('<p id="a-p1">One.</p><p id="a-p2">Two.</p>', [("a-p1", "One."), ("a-p2", "Two.")]),
        ('<li id="noi-nhan-a" class="x">Ban Nội chính,</li>', [("noi-nhan-a", "Ban Nội chính,")]),
        ('<p id="a">sợ “<a class="cite" href="#">mất phiếu</a>”</p>', [("a", "sợ “mất phiếu”")]),
        ('<p id="a">QĐ/TW<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.</p>',
         [("a", "QĐ/TW.")]),
        ("<p id='a'><strong>T/M BAN<br>\nPHÓ BÍ THƯ</strong></p>", [("a", "T/M BAN PHÓ BÍ THƯ")]),
        ('<p id="a">a &amp; b &lt;c&gt;</p>', [("a", "a & b <c>")]),
        ('<li id="a">  many \n  spaces\t</li>', [("a", "many spaces")]),
        ('<li id="a">Own words.<details class="analysis-links no-annotate"><summary>Links</summary>'
         '<ul><li id="b">Not these.</li></ul></details> More.</li>', [("a", "Own words. More.")]),
        ('<li id="a">Own<div data-search-exclude>not this</div></li>', [("a", "Own")]),
        ('<nav><li id="x">Outside</li></nav><article><p id="a">Inside</p></article>',
         [("a", "Inside")]),
        ('<li id="a"><a class="para-link" href="#a">¶</a>Text<br/>x</li>', [("a", "Text x")]),
    ],
)  # fmt: skip
def test_paragraphs(page: str, expected: list[tuple[str, str]]) -> None:
    assert paragraphs(page) == [Paragraph(anchor, text) for anchor, text in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("<p>¶Only a permalinked paragraph.</p>", ""),
        ("<ul> <li>¶One</li> <li>¶Two</li> </ul>", ""),
        ("<p>Note</p> <ul> <li>¶One</li> </ul> <ol> <li> <p>Footnote</p> </li> </ol>",
         "<p>Note</p> <ol> <li> <p>Footnote</p> </li> </ol>"),
        ("Mục Thông tin Loại văn bản Báo cáo", "Mục Thông tin Loại văn bản Báo cáo"),
        ("<ul> <li>Kept</li> <li>¶Gone</li> </ul>", "<ul> <li>Kept</li> </ul>"),
        ("<ul> <li>¶Own<p>analysis</p><ul><li>nested</li></ul> tail</li> <li>Kept</li> </ul>",
         "<ul> <li>Kept</li> </ul>"),
        ("<p>¶Unclosed", ""),
        ("<p>Dấu ¶ nằm giữa câu.</p>", "<p>Dấu ¶ nằm giữa câu.</p>"),
    ],
)  # fmt: skip
def test_without_paragraphs(text: str, expected: str) -> None:
    assert without_paragraphs(text) == expected


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("<dl><dt>No id</dt><dd>Not a term</dd></dl>", []),
        ('<dl><dt id="bcd"><strong>BCĐ</strong></dt><dd><strong>Ban Chỉ đạo</strong> — Cơ quan'
         ' ban hành <a href="x/">Kế hoạch số <span>01-KH/BCĐ</span></a>.</dd></dl>',
         [("bcd", "BCĐ", "Ban Chỉ đạo — Cơ quan ban hành Kế hoạch số 01-KH/BCĐ.")]),
        ('<dl><dt id="a">A</dt><dd>one</dd><dd>two</dd><dt id="b">B &amp; C</dt><dd>x</dd></dl>',
         [("a", "A", "one two"), ("b", "B & C", "x")]),
        ('<dl><dt id="a">A</dt><dd><p>One.</p><p>Two.</p></dd></dl><p>After the list.</p>',
         [("a", "A", "One. Two.")]),
        ('<dl><dt id="a">A</dt><dd>kept<span data-search-exclude>left out</span></dd></dl>',
         [("a", "A", "kept")]),
        ('<nav><dl><dt id="x">Outside</dt><dd>x</dd></dl></nav><article><dl><dt id="a">A</dt>'
         '<dd>in</dd></dl></article>', [("a", "A", "in")]),
    ],
)  # fmt: skip
def test_terms(page: str, expected: list[tuple[str, str, str]]) -> None:
    assert terms(page) == [Term(*term) for term in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BCĐ Ban Chỉ đạo — Cơ quan. KH Kế hoạch — Loại", ""),
        ("Intro.  BCĐ   Ban Chỉ đạo — Cơ quan. Outro.", "Intro. Outro."),
        ("B &amp; C x", ""),
        ("Không có thuật ngữ nào.", "Không có thuật ngữ nào."),
    ],
)
def test_without_terms(text: str, expected: str) -> None:
    found = [Term("bcd", "BCĐ", "Ban Chỉ đạo — Cơ quan."), Term("kh", "KH", "Kế hoạch — Loại")]
    assert without_terms(text, [*found, Term("b", "B & C", "x")]) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [("", "index.html"), ("bao-cao/", "bao-cao/index.html"), ("bao-cao.html", "bao-cao.html")],
)
def test_page_file(url: str, expected: str) -> None:
    assert page_file(Path("site"), url) == Path("site") / expected


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_language_index(locale: str) -> None:
    merged = _json(FIXTURES / "merged.json")
    expected = _json(FIXTURES / f"expected-{locale}.json")
    assert language_index(merged, locale, _fixture_reader(locale)) == expected


@pytest.mark.parametrize("offline", [False, True])
def test_finish_search_writes_one_index_per_language(tmp_path: Path, offline: bool) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "pages", site)
    (site / "search").mkdir()
    shutil.copy(FIXTURES / "merged.json", site / "search" / "search_index.json")
    if offline:  # Material's offline plugin has inlined the merged index into a script
        (site / "search" / "search_index.js").write_text("var __index = {}", encoding="utf-8")
    finish_search(site)
    written = sorted(p.relative_to(site).as_posix() for p in site.rglob("search_index.*"))
    names = ["search_index.js", "search_index.json"] if offline else ["search_index.json"]
    assert written == [f"{folder}search/{name}" for folder in ("en/", "") for name in names]
    for locale, folder in (("vi", site), ("en", site / "en")):
        data = (folder / "search" / "search_index.json").read_bytes()
        assert json.loads(data) == _json(FIXTURES / f"expected-{locale}.json")
        if offline:
            script = (folder / "search" / "search_index.js").read_bytes()
            assert script == b"var __index = " + data


def test_finish_search_without_an_index_does_nothing(tmp_path: Path) -> None:
    finish_search(tmp_path)
    assert list(tmp_path.iterdir()) == []


# -- the built site ------------------------------------------------------------------------------


def _built_index(locale: str) -> tuple[bytes, dict[str, Any]]:
    path = SITE / search.INDEX if locale == "vi" else SITE / locale / search.INDEX
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make build`")
    data = path.read_bytes()
    return data, json.loads(data)


@pytest.mark.site
@pytest.mark.parametrize("locale", ["vi", "en"])
def test_built_index_is_one_language_within_budget(locale: str) -> None:
    data, index = _built_index(locale)
    assert len(gzip.compress(data, compresslevel=9)) < BUDGET_GZIP
    assert index["config"]["lang"] == (["vi"] if locale == "vi" else [locale, "vi"])
    root = SITE if locale == "vi" else SITE / locale
    html_lang = re.compile(r'<html lang="([a-z]+)"')
    for entry in index["docs"]:
        page = page_file(root, entry["location"].split("#", 1)[0])
        assert page.is_file(), entry["location"]
        found = html_lang.search(page.read_text(encoding="utf-8"))
        assert found is not None and found.group(1) == locale, entry["location"]


@pytest.mark.site
@pytest.mark.parametrize("locale", ["vi", "en"])
def test_built_index_links_report_paragraphs(locale: str) -> None:
    _, index = _built_index(locale)
    root = SITE if locale == "vi" else SITE / locale
    linked = [e["location"] for e in index["docs"] if e["location"].startswith("bao-cao/ii-")]
    assert "bao-cao/ii-nguyen-nhan/#ii-2-1-b" in linked
    for location in linked:
        url, _, anchor = location.partition("#")
        if anchor:
            assert f'id="{anchor}"' in page_file(root, url).read_text(encoding="utf-8")
    assert not [e["location"] for e in index["docs"] if ">¶" in e["text"]]  # no block kept twice


@pytest.mark.site
@pytest.mark.parametrize("locale", ["vi", "en"])
def test_built_index_has_one_entry_per_glossary_term(locale: str) -> None:
    """Each term is an entry of its own (leading to its id); the sections no longer hold them."""
    _, index = _built_index(locale)
    root = SITE if locale == "vi" else SITE / locale
    page = page_file(root, "thuat-ngu/").read_text(encoding="utf-8")
    entries = {e["location"]: e for e in index["docs"] if e["location"].startswith("thuat-ngu/")}
    rows = {loc: e for loc, e in entries.items() if e.get("unit") == "row"}
    assert [loc.partition("#")[2] for loc in rows] == re.findall(r'<dt id="([^"]+)"', page)
    assert rows["thuat-ngu/#bcd"]["title"] == "BCĐ"
    assert entries["thuat-ngu/#chu-viet-tat"]["text"] == ""
    assert entries["thuat-ngu/#thuat-ngu"]["text"] == ""
    assert {e.get("unit") for e in index["docs"]} == {None, "p", "row"}
