"""Registry text is data, never markup: `<script>` and `&` render as those characters."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kb.render.docpages import json_ld_text, md_text

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "<script>alert(1)</script> & *co* [x](y) `z`"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A & B", "A &#38; B"),
        ("<b>", "&#60;b&#62;"),
        ("*x* _y_ [l](u)", "&#42;x&#42; &#95;y&#95; &#91;l&#93;&#40;u&#41;"),
        ("Quy định số 114-QĐ/TW", "Quy định số 114-QĐ/TW"),
    ],
)
def test_md_text_makes_markup_literal(text: str, expected: str) -> None:
    assert md_text(text) == expected


def test_json_ld_text_cannot_close_its_script() -> None:
    assert json_ld_text({"name": "</script>&"}) == '{"name": "\\u003c/script\\u003e\\u0026"}'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project whose registry gives 114-QĐ/TW a hostile subject, built."""
    root = tmp_path_factory.mktemp("hostile")
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    registry = root / "docs" / "_data" / "documents.yml"
    text = registry.read_text(encoding="utf-8")
    old = (
        "subject: về kiểm soát quyền lực và phòng, chống tham nhũng, tiêu cực trong công tác cán bộ"
    )
    assert old in text
    registry.write_text(text.replace(old, f"subject: {json.dumps(HOSTILE)}"), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run([mkdocs, "build", "--strict", "-q"], cwd=root, env=env, check=True)
    return root / "site"


@pytest.mark.site
def test_document_page_shows_the_characters(hostile_site: Path) -> None:
    page = (hostile_site / "van-ban/114-qd-tw/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    shown = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *co* [x](y) `z`"
    assert page.count(shown) == 2  # the subject line and the facts table


@pytest.mark.site
def test_json_ld_escapes_the_subject(hostile_site: Path) -> None:
    page = (hostile_site / "van-ban/114-qd-tw/index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert block is not None
    assert json.loads(block.group(1))["abstract"] == HOSTILE
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026" in block.group(1)


@pytest.mark.site
def test_citation_tooltip_is_an_escaped_attribute(hostile_site: Path) -> None:
    page = (hostile_site / "bao-cao/iii-nhiem-vu-giai-phap/index.html").read_text(encoding="utf-8")
    title = re.search(r'<a class="cite" href="[^"]*114-qd-tw/" title="([^"]*)"', page)
    assert title is not None
    assert title.group(1) == (
        "Quy định số 114-QĐ/TW: &lt;script&gt;alert(1)&lt;/script&gt; &amp; *co* [x](y) `z`"
    )
