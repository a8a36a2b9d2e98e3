"""Table-driven tests for the glossary: abbreviations found in the report, checks, mark-up, page."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from golden import assert_golden
from kb.model.glossary import Glossary, check_glossary, find_abbreviations, load_glossary
from kb.render.docpages import render_glossary
from kb.render.htmltext import rewrite_text
from kb.render.marks import abbr_transform

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "glossary"
GLOSSARY = "docs/_data/glossary.yml"


def _report(body: str) -> str:
    return f"---\ntitle: x\n---\n<!-- report:start -->\n{body}\n<!-- report:end -->\n"


# (Markdown of the report's words, abbreviations found as (line, token)); line 5 is the body's.
FIND_CASES = [
    ("Vụ Địa phương II BNCTW,", [(5, "BNCTW")]),
    ("**T/M BAN THƯỜNG VỤ<br>\nPHÓ BÍ THƯ**\n{: #chuc-vu-ky }", [(5, "T/M")]),
    ("Ban Chấp hành Trung ương Đảng khóa XIII về", []),
    ("Kế hoạch số 01-KH/BCĐ ngày 10/8/2023", [(5, "KH"), (5, "BCĐ")]),
    ("Quy định số 1167-QĐ/TU và 114-QĐ/TW", [(5, "QĐ"), (5, "TU"), (5, "QĐ"), (5, "TW")]),
    ("- Ban Nội chính Trung ương (b/c),\n  {: #noi-nhan-a }", [(5, "b/c")]),
    ("- VPTU: CVP, PCVP, P. Tổng hợp.", [(5, "VPTU"), (5, "CVP"), (5, "PCVP"), (5, "P.")]),
    ("# I. TÌNH HÌNH {: #i }", []),
    ("# IV. ĐỀ XUẤT, KIẾN NGHỊ {: #iv }", []),
    ('<h1 id="bao-cao">BÁO CÁO<br>\n<span class="report-subtitle">thực trạng</span></h1>', []),
    ("Các đồng chí Ủy viên\nBTV Tỉnh ủy, UBND", [(6, "BTV"), (6, "UBND")]),
    ("Tham chiếu[^1] và chú thích\n\n[^1]: Xem BTV.", [(7, "BTV")]),
]


@pytest.mark.parametrize(("body", "expected"), FIND_CASES, ids=[c[0][:30] for c in FIND_CASES])
def test_find_abbreviations(body: str, expected: list[tuple[int, str]]) -> None:
    found = find_abbreviations("bao-cao/x.md", _report(body))
    assert [(f.line, f.token) for f in found] == expected


def test_words_outside_the_report_are_not_searched() -> None:
    page = "PDF và BTV\n<!-- report:start -->\nBNCTW\n<!-- report:end -->\nVPTU\n"
    assert [(f.line, f.token) for f in find_abbreviations("p.md", page)] == [(3, "BNCTW")]


def make_project(tmp_path: Path, glossary: Path, patch: tuple[str, str, str] | None) -> Path:
    """A project root with the real report pages (one optionally patched) and a glossary."""
    docs = tmp_path / "docs"
    (docs / "bao-cao").mkdir(parents=True)
    (docs / "_data").mkdir()
    for page in (ROOT / "docs" / "bao-cao").glob("*.md"):
        shutil.copy(page, docs / "bao-cao" / page.name)
    shutil.copy(glossary, docs / "_data" / "glossary.yml")
    if patch:
        path, old, new = patch
        text = (docs / path).read_text(encoding="utf-8")
        assert old in text, f"patch target not in {path}: {old!r}"
        (docs / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


CHECK_CASES = [
    ("complete", "glossary", None, []),
    (
        "unknown-abbreviation",
        "glossary",
        ("bao-cao/iv-de-xuat-kien-nghi.md", "- Lưu Văn phòng Tỉnh ủy.", "- Lưu XYZ Tỉnh ủy."),
        [f"docs/bao-cao/iv-de-xuat-kien-nghi.md:45: abbreviation 'XYZ' is not in {GLOSSARY}"],
    ),
    (
        "unknown-code-in-number",
        "glossary",
        ("bao-cao/iii-nhiem-vu-giai-phap.md", "114-QĐ/TW", "114-HD/TW"),
        [f"docs/bao-cao/iii-nhiem-vu-giai-phap.md:29: abbreviation 'HD' is not in {GLOSSARY}"],
    ),
    (
        "duplicate",
        "duplicate",
        None,
        [
            f"{GLOSSARY}:5: entry 3 'BTV': duplicate term (first at line 3)",
            f"{GLOSSARY}:6: entry 4 'BCD': anchor '#bcd' is also the anchor of 'BCĐ'",
        ],
    ),
    (
        "missing-language",
        "missing-language",
        None,
        [
            f"{GLOSSARY}:6: entry 1 'BTV': field 'definition.en' is missing",
            f"{GLOSSARY}:10: entry 2 'TW': field 'expansion.vi' is empty",
        ],
    ),
    (
        "missing-kind-field",
        "missing-kind-field",
        None,
        [
            f"{GLOSSARY}:3: entry 1 'BTV': field 'expansion' is missing "
            "(an abbreviation needs it in vi and en)",
            f"{GLOSSARY}:4: entry 2 'né tránh': field 'en_term' is missing "
            "(English pages mark the term by it)",
        ],
    ),
    (
        "unknown-field",
        "unknown-field",
        None,
        [
            f"{GLOSSARY}:7: entry 1 'BTV': unknown field 'plural'",
            f"{GLOSSARY}:8: entry 2 'đùn đẩy': field 'kind': "
            "Input should be 'abbreviation' or 'term'",
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "fixture", "patch", "expected"), CHECK_CASES, ids=[c[0] for c in CHECK_CASES]
)
def test_check_glossary(
    tmp_path: Path,
    name: str,
    fixture: str,
    patch: tuple[str, str, str] | None,
    expected: list[str],
) -> None:
    root = make_project(tmp_path, FIXTURES / f"{fixture}.yml", patch)
    assert [str(p) for p in check_glossary(root)] == expected


def test_real_glossary_passes() -> None:
    if not (ROOT / GLOSSARY).exists():
        pytest.skip(f"{GLOSSARY} is not written yet")
    assert [str(p) for p in check_glossary(ROOT)] == []


@pytest.fixture
def fixture_glossary(tmp_path: Path) -> Glossary:
    (tmp_path / "_data").mkdir()
    shutil.copy(FIXTURES / "glossary.yml", tmp_path / "_data" / "glossary.yml")
    return load_glossary(tmp_path)


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_abbr_transform_golden(fixture_glossary: Glossary, locale: str) -> None:
    page = (FIXTURES / f"sample.{locale}.html").read_text(encoding="utf-8")
    actual = rewrite_text(page, abbr_transform(fixture_glossary, locale))
    assert_golden(actual, FIXTURES / f"sample.{locale}.out.html")


def test_abbr_transform_state_is_per_page(fixture_glossary: Glossary) -> None:
    page = '<p id="a">né tránh và né tránh</p>'
    first = rewrite_text(page, abbr_transform(fixture_glossary, "vi"))
    assert first == rewrite_text(page, abbr_transform(fixture_glossary, "vi"))
    assert first.count('<abbr class="term"') == 1


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_render_glossary_golden(fixture_glossary: Glossary, locale: str) -> None:
    assert_golden(render_glossary(fixture_glossary, locale), FIXTURES / f"page.{locale}.md")


# English headwords are the English for the Vietnamese headword, and each marked word gets the
# definition of that word (not of a neighbour's: "heads and deputies" was one headword).
ENGLISH_HEADWORDS = {
    "người đứng đầu": "head",
    "cấp phó": "deputy",
    "kiểm điểm": "review",
    "vị trí việc làm": "job position",
}
MARKED = [
    ("heads and their deputies", [("heads", "người đứng đầu"), ("deputies", "cấp phó")]),
    ("the head of the lead agency", [("head", "người đứng đầu")]),
    # "review" also renders "rà soát": only "review and handle" is kiểm điểm.
    ("Review and perfect the law; review and handle the responsibility", [("review", "kiểm điểm")]),
    ("linked with the job position scheme", [("job position", "vị trí việc làm")]),
    ("a header, a headline, reviewer", []),
]


def test_english_headwords_translate_the_vietnamese_headword() -> None:
    glossary = load_glossary(ROOT / "docs")
    en_terms = {e.term: e.en_term for e in glossary.of_kind("term")}
    assert {vi: en_terms[vi] for vi in ENGLISH_HEADWORDS} == ENGLISH_HEADWORDS


@pytest.mark.parametrize(("text", "expected"), MARKED)
def test_english_tooltip_defines_the_marked_word(
    text: str, expected: list[tuple[str, str]]
) -> None:
    glossary = load_glossary(ROOT / "docs")
    definitions = {e.definition.en: e.term for e in glossary.of_kind("term")}
    marked = rewrite_text(f"<p>{text}</p>", abbr_transform(glossary, "en"))
    found = re.findall(r'<abbr class="term" title="([^"]*)" tabindex="0">([^<]*)</abbr>', marked)
    assert [(word, definitions[html.unescape(title)]) for title, word in found] == expected
