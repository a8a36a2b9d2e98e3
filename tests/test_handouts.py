"""Printed handouts (PDF of the full text) and the offline copy: content, errors, file:// use."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from kb.checks.fidelity import source_paragraphs
from kb.checks.reporthtml import report_blocks, squash
from kb.tools.handouts import (
    human_size,
    make_offline_zip,
    print_page,
    write_search_scripts,
    zip_tree,
)
from kb.tools.localserver import INSTALL_HINT
from kb.tools.offlinelinks import broken_links, make_links_local

ROOT = Path(__file__).resolve().parent.parent
SHIM = ROOT / "docs" / "assets" / "vendor" / "iframe-worker-shim.js"
A4 = (595, 842)  # points

SITE_TITLE = {
    "vi": "Báo cáo chấn chỉnh tình trạng né tránh, sợ trách nhiệm",
    "en": "Report on ending evasion and fear of responsibility",
}
PARTS = {
    "vi": ["I. TÌNH HÌNH", "II. NGUYÊN NHÂN", "III. NHIỆM VỤ, GIẢI PHÁP", "IV. ĐỀ XUẤT, KIẾN NGHỊ"],
    "en": [
        "I. SITUATION",
        "II. CAUSES",
        "III. TASKS AND SOLUTIONS",
        "IV. PROPOSALS AND RECOMMENDATIONS",
    ],
}
# The opening words of footnotes 1 and 2, which come after the signature.
FOOTNOTES = {
    "vi": ["Quy định số 101-QĐ/TW", "Thay thế cho Quyết định số 306-QĐ/TU"],
    "en": ["Regulation No. 101-QĐ/TW", "Replacing Decision No. 306-QĐ/TU"],
}
SIGNER = "Đặng Ngọc Huy"
# Interface text that must not be printed: search box, skip link, back-to-top button, and
# the paragraph-permalink and footnote-return signs.
CHROME = {
    "vi": ["Tìm kiếm", "Bỏ qua", "Trở lại mục lục", "¶", "↩"],
    "en": ["Search", "Skip to content", "Back to top", "¶", "↩"],
}
FULL_TEXT = {"vi": "bao-cao/toan-van/", "en": "en/bao-cao/toan-van/"}
# Page 1 (title, preamble): the English notice, and a document number whose title is just the
# number (not repeated), then the text where a cited document's title follows its number.
PAGE_ONE = {
    "vi": ["BÁO CÁO", "Thực hiện Kế hoạch số 01-KH/BCĐ ngày 10/8/2023"],
    "en": ["Unofficial translation.", "REPORT", "Implementing Plan No. 01-KH/BCĐ dated 10/8/2023"],
}
# A cited document prints as the report wrote it: no subject in brackets after its number.
CITE_AS_WRITTEN = {
    "vi": "Quy định số 1167-QĐ/TU ngày 11/8/2023 về trách nhiệm",
    "en": "Regulation No. 1167-QĐ/TU dated 11/8/2023 on responsibility",
}
LESSON = {
    "vi": ("tap-huan/bai-1-tinh-hinh/", ["Tư liệu biên tập", "Câu 1. ", "Đáp án:"]),
    "en": ("en/tap-huan/bai-1-tinh-hinh/", ["Editorial material", "Question 1. ", "Answer:"]),
}


def page_texts(data: bytes) -> list[str]:
    # NFKC: Chromium embeds ligatures (ﬃ) and may decompose Vietnamese marks.
    reader = PdfReader(io.BytesIO(data))
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]


def test_human_size() -> None:
    assert [human_size(n) for n in (0, 1023, 1024, 1536, 5 * 1024 * 1024)] == [
        "0 B",
        "1023 B",
        "1.0 KiB",
        "1.5 KiB",
        "5.0 MiB",
    ]


def test_shim_is_vendored_with_its_licence() -> None:
    head = SHIM.read_text(encoding="utf-8").splitlines()[:4]
    assert head[0].startswith('/*! iframe-worker 1.0.4 (npm package "iframe-worker"')
    assert "MIT License" in head[1]
    assert "https://unpkg.com" not in SHIM.read_text(encoding="utf-8").split("*/", 1)[1]


def _config(base: str) -> str:
    return f'<script id="__config" type="application/json">{{"base": "{base}"}}</script>'


def test_search_scripts_when_english_pages_read_the_root(tmp_path: Path) -> None:
    """Material's base on English pages is the site root: the root script serves both."""
    (tmp_path / "search").mkdir()
    (tmp_path / "en" / "search").mkdir(parents=True)
    (tmp_path / "index.html").write_text(_config("."), encoding="utf-8")
    (tmp_path / "en" / "index.html").write_text(_config(".."), encoding="utf-8")
    (tmp_path / "search" / "search_index.json").write_text('{"docs": ["vi"]}', encoding="utf-8")
    (tmp_path / "en" / "search" / "search_index.json").write_text(
        '{"docs": ["en"]}', encoding="utf-8"
    )
    written = write_search_scripts(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "search/search_index.js",
        "en/search/search_index.js",
    ]
    assert (tmp_path / "search" / "search_index.js").read_text(encoding="utf-8") == (
        "// Pages of several languages load this file; each gets its own language's index.\n"
        "var __index = (function (indexes) {\n"
        '  var lang = (document.documentElement.lang || "").split("-")[0];\n'
        '  return indexes[lang] || indexes["vi"];\n'
        "})({\n"
        '"en": {"docs": ["en"]},\n'
        '"vi": {"docs": ["vi"]}\n'
        "});\n"
    )
    assert (tmp_path / "en" / "search" / "search_index.js").read_text(encoding="utf-8") == (
        'var __index = {"docs": ["en"]}'
    )


def test_search_scripts_when_each_language_reads_its_own(tmp_path: Path) -> None:
    for folder in (tmp_path, tmp_path / "en"):
        (folder / "search").mkdir(parents=True)
        (folder / "index.html").write_text(_config("."), encoding="utf-8")
        (folder / "search" / "search_index.json").write_text(
            f'{{"at": "{folder.name}"}}', encoding="utf-8"
        )
    write_search_scripts(tmp_path)
    assert (tmp_path / "search" / "search_index.js").read_text(encoding="utf-8") == (
        f'var __index = {{"at": "{tmp_path.name}"}}'
    )
    assert (tmp_path / "en" / "search" / "search_index.js").read_text(encoding="utf-8") == (
        'var __index = {"at": "en"}'
    )


def test_search_scripts_with_one_mixed_index(tmp_path: Path) -> None:
    """Before per-language indexes exist, the root index is inlined as Material does."""
    (tmp_path / "search").mkdir()
    (tmp_path / "index.html").write_text(_config("."), encoding="utf-8")
    (tmp_path / "search" / "search_index.json").write_text("{}", encoding="utf-8")
    assert write_search_scripts(tmp_path) == [tmp_path / "search" / "search_index.js"]
    assert (tmp_path / "search" / "search_index.js").read_text(encoding="utf-8") == (
        "var __index = {}"
    )


def test_zip_is_sorted_and_reproducible(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in ("b.html", "a/z.js", "a/b.css", "index.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    assert zip_tree(site, tmp_path / "one.zip") == 4
    assert zip_tree(site, tmp_path / "two.zip") == 4
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        infos = archive.infolist()
    assert [(i.filename, i.date_time) for i in infos] == [
        ("a/b.css", (1980, 1, 1, 0, 0, 0)),
        ("a/z.js", (1980, 1, 1, 0, 0, 0)),
        ("b.html", (1980, 1, 1, 0, 0, 0)),
        ("index.html", (1980, 1, 1, 0, 0, 0)),
    ]


def docs_py(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI as a maintainer runs it: a traceback would show on stderr."""
    command = [sys.executable, str(ROOT / "scripts" / "docs.py"), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_pdf_without_a_built_site(tmp_path: Path) -> None:
    result = docs_py("pdf", "--site", str(tmp_path), "--out", str(tmp_path / "out"))
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        f"{tmp_path}/index.html: site is not built: run make build\n",
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.site
def test_pdf_without_chromium(built_site: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-chromium"
    result = docs_py("pdf", "--chromium", str(missing), "--out", str(tmp_path / "out"))
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        f"Chromium not found at {missing}: install it with: {INSTALL_HINT}\n",
    )


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["vi", "en"])
def test_full_text_prints_as_a4_document(browser: Any, base_url: str, locale: str) -> None:
    page = browser.new_page()
    data = print_page(page, base_url + FULL_TEXT[locale])
    page.close()
    reader = PdfReader(io.BytesIO(data))
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    }
    assert sizes == {A4}
    texts = page_texts(data)
    total = len(texts)
    # Every sheet: site title, then address and date (top margin box), then "n / total"
    # (bottom margin box), then the text.
    address = f"http://127.0.0.1:8000/{FULL_TEXT[locale]}"
    heads = [text.splitlines()[:3] for text in texts]
    assert [head[2] for head in heads] == [f"{n} / {total}" for n in range(1, total + 1)]
    assert {head[0] for head in heads} == {SITE_TITLE[locale]}
    date_line = re.compile(re.escape(address) + r" · .+ \d{4}-\d\d-\d\d")
    assert [head[1] for head in heads if not date_line.fullmatch(head[1])] == []
    # Part I follows the preamble on page 1; each later part starts a page (its heading first).
    assert PARTS[locale][0] in texts[0].splitlines()
    starts = {text.splitlines()[3]: n for n, text in enumerate(texts, start=1)}
    part_pages = [starts.get(heading, 0) for heading in PARTS[locale][1:]]
    assert part_pages[0] > 1 and part_pages == sorted(set(part_pages)), part_pages
    first = " ".join(texts[0].split())
    assert [words for words in PAGE_ONE[locale] if words not in first] == []
    whole = "\n".join(texts)
    assert CITE_AS_WRITTEN[locale] in " ".join(whole.split())
    after_signature = whole[whole.index(SIGNER) :]
    assert [words in after_signature for words in FOOTNOTES[locale]] == [True, True]
    assert [word for word in CHROME[locale] if word in whole] == []


# What print adds, labelled as editorial: page numbers, and the typo notes in brackets.
PAGE_NUMBER = re.compile(r"^\s*\d+ / \d+\s*$", re.M)
EDITORIAL_NOTE = re.compile(r"\[(?:Ghi chú biên tập|Editorial note): [^\]]*\]")
# The running header every printed page carries (kb/render/printmarks.py): site title, then
# the page's address and the build date.
RUNNING_HEADER = re.compile(
    r"^\s*(?:Báo cáo chấn chỉnh tình trạng né tránh, sợ trách nhiệm"
    r"|Report on ending evasion and fear of responsibility)\s*$"
    r"|^\s*https?://\S+ · (?:bản dựng ngày|built on) \d{4}-\d{2}-\d{2}\s*$",
    re.M,
)


def printed_text(data: bytes) -> str:
    """A PDF's words in reading order (layout mode: a page's paint order is not its reading
    order), page numbers and editorial notes left out."""
    reader = PdfReader(io.BytesIO(data))
    pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    text = unicodedata.normalize("NFKC", "\n".join(pages))
    text = PAGE_NUMBER.sub("", RUNNING_HEADER.sub("", text))
    return EDITORIAL_NOTE.sub("", " ".join(text.split()))


def missing_paragraphs(expected: list[str], printed: str) -> list[str]:
    """Paragraphs not found verbatim (white space aside), in order, in the printed text."""
    whole = squash(unicodedata.normalize("NFKC", printed))
    missing, position = [], 0
    for paragraph in expected:
        words = squash(unicodedata.normalize("NFKC", paragraph))
        found = whole.find(words, position)
        if found == -1:
            missing.append(paragraph[:80])
        else:
            position = found + len(words)
    return missing


def test_missing_paragraphs_names_what_print_changed() -> None:
    printed = "Quy định số 1 ngày 2/3/2023 (về x) về x.\nĐoạn  hai¹."
    assert missing_paragraphs(["Đoạn hai1."], printed) == []
    assert missing_paragraphs(["Quy định số 1 ngày 2/3/2023 về x.", "Đoạn hai1."], printed) == [
        "Quy định số 1 ngày 2/3/2023 về x."
    ]
    assert missing_paragraphs(["Đoạn hai1.", "Quy định"], printed) == ["Quy định"]


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["vi", "en"])
def test_printed_full_text_holds_the_report_verbatim(
    browser: Any, base_url: str, built_site: Path, locale: str
) -> None:
    """Every paragraph and footnote of the report, in order, unchanged on paper."""
    if locale == "vi":
        expected = source_paragraphs(ROOT / "tests/data/report-source.txt")
    else:
        page_html = (built_site / FULL_TEXT[locale] / "index.html").read_text(encoding="utf-8")
        expected = [block.text for block in report_blocks(page_html)]
    page = browser.new_page()
    printed = printed_text(print_page(page, base_url + FULL_TEXT[locale]))
    page.close()
    assert len(expected) > 60
    assert missing_paragraphs(expected, printed) == []


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["vi", "en"])
def test_lesson_prints_with_its_label_and_quiz(browser: Any, base_url: str, locale: str) -> None:
    path, expected = LESSON[locale]
    page = browser.new_page()
    whole = " ".join("\n".join(page_texts(print_page(page, base_url + path))).split())
    page.close()
    assert [words for words in expected if words not in whole] == []
    assert [word for word in CHROME[locale] if word in whole] == []


@pytest.mark.browser
def test_pdf_command_writes_both_languages(built_site: Path, tmp_path: Path) -> None:
    result = docs_py("pdf", "--out", str(tmp_path))
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        f"{tmp_path}/bao-cao-vi.pdf",
        f"{tmp_path}/bao-cao-en.pdf",
    ]
    for line, locale in zip(lines, ("vi", "en"), strict=True):
        data = (tmp_path / f"bao-cao-{locale}.pdf").read_bytes()
        pages = len(PdfReader(io.BytesIO(data)).pages)
        assert line == f"{tmp_path}/bao-cao-{locale}.pdf: {pages} pages, {human_size(len(data))}"


# The offline copy: built once for the session (an mkdocs build), then used from file://.
OFFLINE = {
    "vi": ("index.html", "bao-cao/i-tinh-hinh.html", "I. TÌNH HÌNH", "đùn đẩy"),
    "en": ("en/index.html", "en/bao-cao/i-tinh-hinh.html", "I. SITUATION", "buck-passing"),
}


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("offline")
    archive = folder / "offline-site.zip"
    make_offline_zip(archive)
    site = folder / "site"
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(site)
    return site


def watch(page: Any) -> list[str]:
    """Requests that leave the copy (another origin) or fail."""
    problems: list[str] = []
    page.on(
        "request",
        lambda r: (
            r.url.split(":", 1)[0] not in {"file", "data", "blob", "about"}
            and problems.append(f"other origin: {r.url}")
        ),
    )
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    return problems


def test_offline_copy_has_no_foreign_script(offline_copy: Path) -> None:
    home = (offline_copy / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in home
    assert '<script src="assets/vendor/iframe-worker-shim.js">' in home
    assert (offline_copy / "assets" / "vendor" / "iframe-worker-shim.js").read_bytes() == (
        SHIM.read_bytes()
    )


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["vi", "en"])
def test_offline_copy_browses_from_files(browser: Any, offline_copy: Path, locale: str) -> None:
    start, part, heading, _ = OFFLINE[locale]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = watch(page)
    page.goto((offline_copy / start).as_uri(), wait_until="load")
    page.locator(f'a[href$="{Path(part).name}"]:visible').first.click()
    page.wait_for_load_state("load")
    assert page.url == (offline_copy / part).as_uri()
    assert page.locator("h1").evaluate("h => h.firstChild.textContent.trim()") == heading
    page.close()
    assert problems == []


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["vi", "en"])
def test_offline_search_finds_pages_in_the_language(
    browser: Any, offline_copy: Path, locale: str
) -> None:
    start, _, _, query = OFFLINE[locale]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = watch(page)
    page.goto((offline_copy / start).as_uri(), wait_until="load")
    page.locator(".md-search__input").click()
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    links = page.eval_on_selector_all(
        ".md-search-result__item a", "links => links.map(a => a.href.split(/[?#]/)[0])"
    )
    page.close()
    english = (offline_copy / "en").as_uri() + "/"
    assert links
    in_english = [link.startswith(english) for link in links]
    assert set(in_english) == {locale == "en"}, links
    assert problems == []


def test_offline_copy_links_all_open_from_disk(offline_copy: Path) -> None:
    """Every relative link of the unzipped copy names a file (graph, redirects, 404 included)."""
    assert broken_links(offline_copy) == []
    graph = (offline_copy / "van-ban" / "index.html").read_text(encoding="utf-8")
    assert 'href="101-qd-tw.html"' in graph
    stub = (offline_copy / "bao-cao" / "toan-van-bao-cao" / "index.html").read_text("utf-8")
    assert 'url=../../bao-cao/toan-van.html"' in stub
    assert 'href="/' not in (offline_copy / "en" / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "page", "url", "expected"),
    [
        (["a/index.html", "p.html"], "p.html", "a/", "a/index.html"),
        (["a.html", "p.html"], "p.html", "a/#x", "a.html#x"),
        (["a.html", "d/p.html"], "d/p.html", "/a.html", "../a.html"),
        (["index.html", "d/p.html"], "d/p.html", "../", "../index.html"),
        (["index.html", "p.html"], "p.html", "/", "./index.html"),
        (["p.html"], "p.html", "https://example.org/", "https://example.org/"),
        (["p.html"], "p.html", "#top", "#top"),
        (["p.html"], "p.html", "missing/", "missing/"),
    ],
)
def test_folder_links_become_files(
    tmp_path: Path, files: list[str], page: str, url: str, expected: str
) -> None:
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f'<a href="{url}">x</a>' if name == page else "", "utf-8")
    make_links_local(tmp_path)
    assert (tmp_path / page).read_text(encoding="utf-8") == f'<a href="{expected}">x</a>'
    broken = ["p.html:1: missing/"] if expected == "missing/" else []
    assert broken_links(tmp_path) == broken


def test_broken_offline_links_are_named_with_page_and_line(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(
        '<p>\n<a href="gone/">x</a>\n<img src="/logo.png">\n'
        '<meta http-equiv="refresh" content="0; url=old/">',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [
        "p.html:2: gone/",
        "p.html:3: /logo.png (from disk, '/' is the disk's root)",
        "p.html:4: old/",
    ]
