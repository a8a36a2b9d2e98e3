"""The built-site checker: a clean fixture site, and one planted defect per case."""

from __future__ import annotations

import json
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kb.checks import outbound, sitecheck
from kb.checks.outbound import external_links
from kb.checks.sitecheck import check_site
from kb.model.problems import Problem

CLEAN = Path(__file__).resolve().parent / "fixtures" / "sitecheck" / "clean"
NO_SITEMAP_FETCH: dict[str, Any] = {"alternate_sitemaps": False}


@dataclass(frozen=True)
class Edit:
    """Replace `old` (it must occur once) by `new`; without `old`, write `new` as the file;
    `new=None` deletes the file."""

    path: str
    old: str = ""
    new: str | None = ""

    def apply(self, root: Path) -> None:
        target = root / self.path
        if self.new is None:
            target.unlink()
            return
        if not self.old:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.new, encoding="utf-8")
            return
        text = target.read_text(encoding="utf-8")
        assert text.count(self.old) == 1, f"{self.old!r} is not unique in {self.path}"
        target.write_text(text.replace(self.old, self.new), encoding="utf-8")


VI_HOME = "site/index.html"
EN_HOME = "site/en/index.html"
VI_INTRO = "site/guide/intro/index.html"
EN_INTRO = "site/en/guide/intro/index.html"
VI_NOTES = "site/guide/notes/index.html"
EN_NOTES = "site/en/guide/notes/index.html"
CSS = ("site/assets/site.css", "docs/assets/site.css")
ARTICLE_END = "</article>"
# A list item whose one link leads to the same page from en/ and is outside the site from /.
SHARED_ITEM = '<li><a href="../guide/intro/">Giới thiệu</a></li>'

CASES: list[tuple[str, list[Edit], list[str]]] = [
    ("clean", [], []),
    # 1. internal links resolve to a file
    (
        "missing page, written in Markdown",
        [
            Edit(VI_HOME, '<a href="guide/intro/">phần', '<a href="guide/gioi-thieu/">phần'),
            Edit("docs/index.md", "(guide/intro.md)", "(guide/gioi-thieu.md)"),
        ],
        ["docs/index.md:3: broken link 'guide/gioi-thieu/' -> guide/gioi-thieu/ does not exist"],
    ),
    (
        "missing page in an English fallback page is reported in the Vietnamese source",
        [Edit(EN_NOTES, '<a href="../../">trang chủ', '<a href="../../missing/">trang chủ')],
        ["docs/guide/notes.md:5: broken link '../../missing/' -> en/missing/ does not exist"],
    ),
    (
        "broken link added by the template (navigation)",
        [Edit(VI_INTRO, '<a href="../notes/">Ghi chú</a>', '<a href="../note/">Ghi chú</a>')],
        [
            "docs/guide/intro.md:1: broken link '../note/' -> guide/note/ does not exist"
            " (link added by template)"
        ],
    ),
    (
        "broken link added by the template in 404.html is checked against site_url",
        [Edit("site/404.html", 'href="/kb/guide/notes/"', 'href="/kb/guide/ghi-chu/"')],
        [
            "mkdocs.yml:1: 404.html: broken link '/kb/guide/ghi-chu/' -> guide/ghi-chu/"
            " does not exist (link added by template)"
        ],
    ),
    (
        "relative links of 404.html are not judged",
        [Edit("site/404.html", ARTICLE_END, f'<a href="nowhere/">x</a>{ARTICLE_END}')],
        [],
    ),
    (
        "root-relative link outside the site's base path",
        [Edit(VI_NOTES, '<a href="./">Ghi chú</a>', '<a href="/other/">Khác</a>')],
        [
            "docs/guide/notes.md:1: broken link '/other/' -> /other/ is outside the site"
            " (link added by template)"
        ],
    ),
    (
        "relative link climbing out of the site",
        [Edit(VI_NOTES, '<a href="../../">trang chủ', '<a href="../../../">trang chủ')],
        ["docs/guide/notes.md:5: broken link '../../../' -> .. is outside the site"],
    ),
    (
        "links that are not to this site's files are ignored",
        [
            Edit(
                VI_NOTES,
                ARTICLE_END,
                '<a href="mailto:a@example.org">m</a> <a href="tel:+84">t</a>'
                ' <a href="javascript:void(0)">j</a> <img src="data:image/png;base64,AAAA" alt="">'
                ' <a href="../intro">no slash</a> <a href="?q=1">query</a>'
                ' <a href="#top">top</a> <a href="#">empty</a>' + ARTICLE_END,
            )
        ],
        [],
    ),
    # 2. fragments exist in the target page
    (
        "missing id in another page",
        [
            Edit(VI_HOME, "guide/notes/#muc-2", "guide/notes/#muc-9"),
            Edit("docs/index.md", "guide/notes.md#muc-2", "guide/notes.md#muc-9"),
        ],
        ["docs/index.md:3: broken link 'guide/notes/#muc-9' -> guide/notes/ has no id 'muc-9'"],
    ),
    (
        "missing id in the same page",
        [
            Edit(VI_INTRO, '<a href="#muc-2">mục 2</a>', '<a href="#muc-3">mục 2</a>'),
            Edit("docs/guide/intro.md", "(#muc-2)", "(#muc-3)"),
        ],
        ["docs/guide/intro.md:3: broken link '#muc-3' -> guide/intro/ has no id 'muc-3'"],
    ),
    (
        "missing id in an English fallback page, linked from content and from a hook",
        [Edit(EN_NOTES, '<h2 id="muc-1">', "<h2>")],
        [
            "docs/_data/documents.yml:3: broken link '../notes/#muc-1' -> en/guide/notes/"
            " has no id 'muc-1'",
            "docs/index.en.md:3: broken link 'guide/notes/#muc-1' -> en/guide/notes/"
            " has no id 'muc-1'",
        ],
    ),
    (
        "link generated by a hook is located by its data-origin",
        [Edit(VI_INTRO, "../notes/#muc-1", "../notes/#muc-7")],
        [
            "docs/_data/documents.yml:3: broken link '../notes/#muc-7' -> guide/notes/"
            " has no id 'muc-7'"
        ],
    ),
    (
        "content link that is not in the Markdown was added by a hook",
        [Edit(VI_INTRO, ARTICLE_END, f'<a href="#khong-co">xem</a>{ARTICLE_END}')],
        [
            "docs/guide/intro.md:1: broken link '#khong-co' -> guide/intro/ has no id"
            " 'khong-co' (link added by template)"
        ],
    ),
    # 3. assets exist
    (
        "missing image, on both home pages",
        [Edit("site/assets/diagram.svg", new=None)],
        [
            "docs/index.en.md:5: missing asset '../assets/diagram.svg' (img src)"
            " -> assets/diagram.svg does not exist",
            "docs/index.md:7: missing asset 'assets/diagram.svg' (img src)"
            " -> assets/diagram.svg does not exist",
        ],
    ),
    (
        "missing image candidate in srcset, located by the alt text",
        [
            Edit(
                VI_HOME,
                'alt="sơ đồ"',
                'srcset="assets/diagram.svg 1x, assets/diagram-2x.svg 2x" alt="sơ đồ"',
            )
        ],
        [
            "docs/index.md:7: missing asset 'assets/diagram-2x.svg' (img srcset)"
            " -> assets/diagram-2x.svg does not exist"
        ],
    ),
    (
        "missing style sheet",
        [Edit(VI_INTRO, "../../assets/site.css", "../../assets/styles.css")],
        [
            "docs/guide/intro.md:1: missing asset '../../assets/styles.css'"
            " (link rel=stylesheet) -> assets/styles.css does not exist (link added by template)"
        ],
    ),
    (
        "missing script",
        [Edit(EN_HOME, "../assets/bundle.js", "../assets/bundle.min.js")],
        [
            "docs/index.en.md:1: missing asset '../assets/bundle.min.js' (script src)"
            " -> assets/bundle.min.js does not exist (link added by template)"
        ],
    ),
    (
        "missing font referenced by a local style sheet",
        [Edit("site/assets/fonts/body.woff2", new=None)],
        [
            "docs/assets/site.css:2: missing asset 'fonts/body.woff2' (url() in assets/site.css)"
            " -> assets/fonts/body.woff2 does not exist"
        ],
    ),
    (
        "missing font of a style sheet that only one page loads (not the 404 pages)",
        [
            Edit(
                VI_NOTES,
                '<link rel="stylesheet" href="../../assets/site.css">',
                '<link rel="stylesheet" href="../../assets/site.css">'
                '<link rel="stylesheet" href="../../assets/notes.css">',
            ),
            Edit("site/assets/notes.css", new="p {\n  background: url(fonts/notes.png);\n}\n"),
        ],
        [
            # (a style sheet with no source in docs/: made by the theme or a plugin)
            "mkdocs.yml:1: assets/notes.css: missing asset 'fonts/notes.png'"
            " (url() in assets/notes.css) -> assets/fonts/notes.png does not exist"
        ],
    ),
    (
        "missing search worker named in Material's __config",
        [Edit("site/assets/worker.js", new=None)],
        [
            "docs/index.md:1: missing asset 'assets/worker.js' (search worker in __config)"
            " -> assets/worker.js does not exist (link added by template)"
        ],
    ),
    (
        "missing search index under Material's __config base",
        [Edit("site/search/search_index.json", new=None)],
        [
            "docs/index.md:1: missing asset './search/search_index.json' (search index under"
            " __config base '.') -> search/search_index.json does not exist"
            " (link added by template)"
        ],
    ),
    # 4. footnotes pair up
    (
        "footnote reference without its footnote",
        [
            Edit(
                VI_INTRO,
                '<li id="fn:ghi-chu"><p>Chú thích hai.&#160;<a class="footnote-backref"'
                ' href="#fnref:ghi-chu">&#8617;</a></p></li>',
                "",
            )
        ],
        [
            "docs/guide/intro.md:7: footnote reference '#fn:ghi-chu' -> no footnote with id"
            " 'fn:ghi-chu'"
        ],
    ),
    (
        "footnote never referenced",
        [
            Edit(
                VI_INTRO,
                '<sup id="fnref:ghi-chu"><a class="footnote-ref" href="#fn:ghi-chu">2</a></sup>',
                "",
            )
        ],
        [
            "docs/guide/intro.md:10: footnote 'fn:ghi-chu' is never referenced"
            " (no id 'fnref:ghi-chu')"
        ],
    ),
    (
        "footnote without a back-reference",
        [
            Edit(
                VI_INTRO,
                '<a class="footnote-backref" href="#fnref:ghi-chu">&#8617;</a>',
                "",
            )
        ],
        ["docs/guide/intro.md:10: footnote 'fn:ghi-chu' has no back-reference"],
    ),
    (
        "footnote back-reference to a missing reference",
        [Edit(VI_INTRO, '<sup id="fnref2:1">', "<sup>")],
        ["docs/guide/intro.md:9: footnote 'fn:1' back-reference '#fnref2:1' -> no id 'fnref2:1'"],
    ),
    # 5. language switch targets exist
    (
        "language switch to a missing page",
        [
            Edit(
                EN_INTRO,
                '<li><a href="../../../guide/intro/" hreflang="vi"',
                '<li><a href="../../../guide/intro-vi/" hreflang="vi"',
            )
        ],
        [
            "docs/guide/intro.en.md:1: broken language switch '../../../guide/intro-vi/'"
            " (hreflang 'vi') -> guide/intro-vi/ does not exist (link added by template)"
        ],
    ),
    (
        "alternate link to a missing page",
        [
            Edit(
                VI_NOTES,
                '<link rel="alternate" href="../../en/guide/notes/"',
                '<link rel="alternate" href="../../en/guide/note/"',
            )
        ],
        [
            "docs/guide/notes.md:1: broken alternate link '../../en/guide/note/'"
            " (hreflang 'en') -> en/guide/note/ does not exist (link added by template)"
        ],
    ),
    (
        "alternate link written as an absolute URL under site_url, to a missing page",
        [
            Edit(
                VI_NOTES,
                '<link rel="alternate" href="../../en/guide/notes/"',
                '<link rel="alternate" href="https://example.org/kb/en/guide/note/"',
            )
        ],
        [
            "docs/guide/notes.md:1: broken alternate link 'https://example.org/kb/en/guide/note/'"
            " (hreflang 'en') -> en/guide/note/ does not exist (link added by template)"
        ],
    ),
    (
        "absolute link to this site's site_url, to a missing id",
        [
            Edit(VI_HOME, '"guide/notes/#muc-2"', '"https://example.org/kb/guide/notes/#muc-9"'),
            Edit(
                "docs/index.md",
                "(guide/notes.md#muc-2)",
                "(https://example.org/kb/guide/notes/#muc-9)",
            ),
        ],
        [
            "docs/index.md:3: broken link 'https://example.org/kb/guide/notes/#muc-9'"
            " -> guide/notes/ has no id 'muc-9'"
        ],
    ),
    # 6. sitemap URLs exist
    (
        "sitemap lists a page that was not built",
        [
            Edit(
                "site/sitemap.xml",
                "</urlset>",
                "<url><loc>https://example.org/kb/guide/old/</loc></url></urlset>",
            )
        ],
        [
            "mkdocs.yml:1: sitemap.xml lists 'https://example.org/kb/guide/old/'"
            " -> guide/old/ does not exist"
        ],
    ),
    (
        "sitemap lists a page of a built source that is missing from the site",
        [
            Edit(
                "site/sitemap.xml",
                'href="https://example.org/kb/en/guide/notes/"',
                'href="https://example.org/kb/en/guide/intro/notes/"',
            )
        ],
        [
            "mkdocs.yml:1: sitemap.xml lists 'https://example.org/kb/en/guide/intro/notes/'"
            " -> en/guide/intro/notes/ does not exist"
        ],
    ),
    (
        "language sitemap lists a URL outside site_url",
        [
            Edit(
                "site/en/sitemap.xml",
                new='<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                "<url><loc>https://example.org/kb/en/</loc></url>"
                "<url><loc>https://example.com/kb/en/</loc></url></urlset>",
            )
        ],
        [
            "mkdocs.yml:1: en/sitemap.xml lists 'https://example.com/kb/en/' outside site_url"
            " 'https://example.org/kb/'"
        ],
    ),
    (
        "sitemap that is not XML",
        [Edit("site/sitemap.xml", "</urlset>", "")],
        ["mkdocs.yml:1: sitemap.xml is not valid XML: no element found: line 19, column 0"],
    ),
    (
        "sitemap cannot be checked without site_url (404 pages left out: they use it too)",
        [
            Edit(VI_HOME, '<link rel="canonical" href="https://example.org/kb/">\n', ""),
            Edit("site/404.html", new=None),
            Edit("site/en/404.html", new=None),
        ],
        [
            "mkdocs.yml:1: cannot check sitemap.xml: no site_url (index.html has no canonical"
            " link)",
            "mkdocs.yml:1: missing 404.html (not-found page of 'vi')",
            "mkdocs.yml:1: missing en/404.html (not-found page of 'en')",
        ],
    ),
    # 7. nothing loads from another origin
    (
        "script from another origin",
        [
            Edit(
                VI_NOTES,
                "</head>",
                '<script src="https://cdn.example.com/x.js"></script></head>',
            )
        ],
        [
            "docs/guide/notes.md:1: loads 'https://cdn.example.com/x.js' from another origin"
            " (script src) (link added by template)"
        ],
    ),
    (
        "protocol-relative image written in Markdown, in both languages, reported once",
        [
            Edit(
                VI_NOTES, "<p>Hết.</p>", '<p>Hết. <img src="//cdn.example.com/x.png" alt="ảnh"></p>'
            ),
            Edit(
                EN_NOTES, "<p>Hết.</p>", '<p>Hết. <img src="//cdn.example.com/x.png" alt="ảnh"></p>'
            ),
            Edit(
                "docs/guide/notes.md", "Hết.", 'Hết. <img src="//cdn.example.com/x.png" alt="ảnh">'
            ),
        ],
        ["docs/guide/notes.md:9: loads '//cdn.example.com/x.png' from another origin (img src)"],
    ),
    (
        "preconnect and web manifest from another origin; canonical and alternate are metadata",
        [
            Edit(
                EN_NOTES,
                "</head>",
                '<link rel="preconnect" href="https://fonts.gstatic.com">'
                '<link rel="manifest" href="https://example.net/app.webmanifest">'
                '<link rel="alternate" type="application/rss+xml" href="https://example.org/feed">'
                "</head>",
            )
        ],
        [
            "docs/guide/notes.md:1: loads 'https://example.net/app.webmanifest' from another"
            " origin (link rel=manifest) (link added by template)",
            "docs/guide/notes.md:1: loads 'https://fonts.gstatic.com' from another origin"
            " (link rel=preconnect) (link added by template)",
        ],
    ),
    (
        "inline styles from another origin",
        [
            Edit(
                VI_NOTES,
                "<p>Hết.</p>",
                '<p style="background: url(https://example.net/bg.png)">Hết.</p>'
                "<style>@import 'https://example.net/x.css'; .a { background: url(x.png) }</style>",
            )
        ],
        [
            "docs/guide/notes.md:1: loads 'https://example.net/bg.png' from another origin"
            " (url() in style attribute) (link added by template)",
            "docs/guide/notes.md:1: loads 'https://example.net/x.css' from another origin"
            " (@import in <style> element) (link added by template)",
            "docs/guide/notes.md:1: missing asset 'x.png' (url() in <style> element)"
            " -> guide/notes/x.png does not exist (link added by template)",
        ],
    ),
    (
        "style sheet importing from another origin",
        [
            Edit(
                path,
                "/* Body font",
                '@import url("https://fonts.example.com/body.css");\n/* Body font',
            )
            for path in CSS
        ],
        [
            "docs/assets/site.css:1: loads 'https://fonts.example.com/body.css' from another"
            " origin (@import in assets/site.css)"
        ],
    ),
    (
        "style sheet importing a local sheet that names a missing file",
        [
            Edit(CSS[0], "/* Body font", '@import "print.css";\n/* Body font'),
            Edit(
                "site/assets/print.css", new="@media print { body { background: url(paper.png) } }"
            ),
        ],
        [
            "mkdocs.yml:1: assets/print.css: missing asset 'paper.png' (url() in"
            " assets/print.css) -> assets/paper.png does not exist"
        ],
    ),
    # markup that is unusual but valid HTML: nothing hides from the parser
    *[
        (
            f"irregular page: {name}",
            [Edit(VI_NOTES, "<p>Hết.</p>", f"<p>Hết. {html}</p>")],
            [
                "docs/guide/notes.md:1: broken link '../missing/' -> guide/missing/"
                " does not exist (link added by template)"
            ],
        )
        for name, html in [
            ("attribute name in capitals", '<A HREF="../missing/">x</A>'),
            ("value in single quotes", "<a href='../missing/'>x</a>"),
            ("value without quotes", "<a href=../missing/>x</a>"),
            ("spaces around =", '<a href = "../missing/">x</a>'),
            # "-- >" does not end a comment (HTML5): the link after its "-->" is read
            ("comment holding '-- >'", '<!-- a -- > b --> <a href="../missing/">x</a>'),
            ("'<' in text", 'a < b <a href="../missing/">x</a>'),
        ]
    ],
    *[
        (
            f"not a link: {name}",
            [Edit(VI_NOTES, "<p>Hết.</p>", f"<p>Hết. {html}</p>")],
            [],
        )
        for name, html in [
            ("markup in a comment", '<!-- <a href="../missing/">x</a> -->'),
            ("markup in a script", "<script>var a = '<a href=\"../missing/\">';</script>"),
            ("text that looks like an attribute", 'href="../missing/"'),
        ]
    ],
    *[
        (
            f"not an id: {name}",
            [Edit(VI_NOTES, "<p>Hết.</p>", f'<p>Hết. {html} <a href="#muc-9">x</a></p>')],
            [
                "docs/guide/notes.md:1: broken link '#muc-9' -> guide/notes/ has no id 'muc-9'"
                " (link added by template)"
            ],
        )
        for name, html in [
            ("text", '<code>&lt;h2 id="muc-9"&gt;</code> id="muc-9"'),
            ("a value ending in ' id='", '<span title="x id=" class="muc-9">y</span>'),
            ("markup in a script in capitals", "<SCRIPT>var a = '<b id=\"muc-9\">';</SCRIPT>"),
            ("markup in a comment", '<!-- <b id="muc-9"> -->'),
        ]
    ],
    (
        "style sheet from another origin, tag in capitals",
        [
            Edit(
                VI_NOTES,
                "</head>",
                '<LINK rel="stylesheet" href="https://cdn.example.com/x.css"></head>',
            )
        ],
        [
            "docs/guide/notes.md:1: loads 'https://cdn.example.com/x.css' from another origin"
            " (link rel=stylesheet) (link added by template)"
        ],
    ),
    (
        "<style> element naming a missing file",
        [
            Edit(
                VI_NOTES,
                "</head>",
                "<style>.a { background: url(../../assets/a.png) }</style></head>",
            )
        ],
        [
            "docs/guide/notes.md:1: missing asset '../../assets/a.png' (url() in <style> element)"
            " -> assets/a.png does not exist (link added by template)"
        ],
    ),
    (
        "style sheet from another origin, '>' in a value of its tag",
        [
            Edit(
                VI_NOTES,
                "</head>",
                '<link title="a>b" rel="stylesheet" href="https://cdn.example.com/x.css"></head>',
            )
        ],
        [
            "docs/guide/notes.md:1: loads 'https://cdn.example.com/x.css' from another origin"
            " (link rel=stylesheet) (link added by template)"
        ],
    ),
    (
        "one stretch of markup in two folders, broken in one only",
        [
            Edit(home, "</ul></div>", f"</ul><ul>{SHARED_ITEM}<li></li></ul></div>")
            for home in (EN_HOME, VI_HOME)
        ],
        [
            "docs/index.md:1: broken link '../guide/intro/' -> ../guide/intro is outside the"
            " site (link added by template)"
        ],
    ),
    (
        "attribute name in mixed case, in a page with SVG's camelCase names",
        [
            Edit(
                VI_NOTES,
                "<p>Hết.</p>",
                '<p>Hết. <svg viewBox="0 0 1 1"><linearGradient gradientUnits="x"/></svg>'
                ' <a hRef="../missing/">x</a></p>',
            )
        ],
        [
            "docs/guide/notes.md:1: broken link '../missing/' -> guide/missing/"
            " does not exist (link added by template)"
        ],
    ),
    (
        "video poster",
        [Edit(VI_NOTES, "<p>Hết.</p>", '<p>Hết.</p><video poster="poster.png"></video>')],
        [
            "docs/guide/notes.md:1: missing asset 'poster.png' (video poster)"
            " -> guide/notes/poster.png does not exist (link added by template)"
        ],
    ),
    # not-found pages exist, in their language
    (
        "missing English 404 page",
        [Edit("site/en/404.html", new=None)],
        ["mkdocs.yml:1: missing en/404.html (not-found page of 'en')"],
    ),
    (
        "404 page in the wrong language",
        [Edit("site/404.html", '<html lang="vi">', '<html lang="en">')],
        ["mkdocs.yml:1: 404.html is in language 'en', expected 'vi'"],
    ),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(CLEAN, root)
    return root


def run(root: Path, **options: Any) -> list[str]:
    return [str(p) for p in check_site(root / "site", root / "docs", **options)]


@pytest.mark.parametrize(("edits", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_planted_defect_is_reported_exactly(
    project: Path, edits: list[Edit], expected: list[str]
) -> None:
    for edit in edits:
        edit.apply(project)
    assert run(project, **NO_SITEMAP_FETCH) == expected


def test_a_link_inside_a_comment_is_not_read(project: Path) -> None:
    """As a browser reads it: a comment ends at "-->", not at "-- >"."""
    html = '<!-- a -- > <a href="../missing/">x</a> -->'
    Edit(VI_NOTES, "<p>Hết.</p>", f"<p>Hết. {html}</p>").apply(project)
    assert run(project, **NO_SITEMAP_FETCH) == []


def test_a_page_of_only_blanks_or_comments_has_nothing_to_check(tmp_path: Path) -> None:
    for raw in (b"", b"  \n", b"<!-- x -->"):
        page = sitecheck._parse("x.html", raw)
        assert (page.ids, page.refs, page.lang) == (set(), [], None)


def test_material_sitemap_fetches_are_one_site_wide_problem(project: Path) -> None:
    assert run(project) == [
        "mkdocs.yml:1: Material fetches 'sitemap.xml' beside each <link rel=alternate>:"
        " 5 of 6 are missing, first en/guide/intro/sitemap.xml (for './' in"
        " en/guide/intro/index.html)"
    ]


def test_site_url_parameter_overrides_the_canonical_link(project: Path) -> None:
    problems = run(project, site_url="https://example.org/other", **NO_SITEMAP_FETCH)
    assert (
        "mkdocs.yml:1: sitemap.xml lists 'https://example.org/kb/' outside site_url"
        " 'https://example.org/other/'" in problems
    )


def test_external_links_lists_navigation_not_loads(project: Path) -> None:
    Edit(VI_NOTES, "</head>", '<script src="https://cdn.example.com/x.js"></script></head>').apply(
        project
    )
    assert [
        (url, str(where)) for url, where in external_links(project / "site", project / "docs")
    ] == [
        ("https://example.com/docs", "docs/index.md:5: outbound link 'https://example.com/docs'"),
        (
            "https://squidfunk.github.io/mkdocs-material/",
            "docs/index.md:1: outbound link 'https://squidfunk.github.io/mkdocs-material/'"
            " (link added by template)",
        ),
    ]


def test_external_check_uses_the_cache_and_reports_failures(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = project / ".cache" / "external-links.json"
    cache.parent.mkdir()
    now = time.time()
    cache.write_text(
        json.dumps(
            {
                "https://example.com/docs": {"status": 404, "error": "HTTP 404", "checked": now},
                "https://squidfunk.github.io/mkdocs-material/": {
                    "status": 200,
                    "error": "",
                    "checked": now - outbound.CACHE_MAX_AGE - 1,  # stale: asked again
                },
            }
        ),
        encoding="utf-8",
    )
    asked: list[str] = []

    def fake_fetch(url: str) -> tuple[int | None, str]:
        asked.append(url)
        return None, "timed out"

    monkeypatch.setattr(outbound, "FETCH", fake_fetch)
    problems = run(project, external=True, **NO_SITEMAP_FETCH)
    assert asked == ["https://squidfunk.github.io/mkdocs-material/"]
    assert problems == [
        "docs/index.md:1: outbound link 'https://squidfunk.github.io/mkdocs-material/' fails:"
        " timed out",
        "docs/index.md:5: outbound link 'https://example.com/docs' fails: HTTP 404",
    ]
    saved = json.loads(cache.read_text(encoding="utf-8"))
    assert saved["https://squidfunk.github.io/mkdocs-material/"]["error"] == "timed out"


def test_problems_are_problem_objects_sorted_and_unique(project: Path) -> None:
    Edit("site/assets/diagram.svg", new=None).apply(project)
    problems = check_site(project / "site", project / "docs", alternate_sitemaps=False)
    assert all(isinstance(p, Problem) for p in problems)
    assert problems == sorted(set(problems))


@pytest.mark.parametrize(
    ("srcset", "urls"),
    [
        ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
        ("a.png,b.png", ["a.png,b.png"]),
        ("a.png, b.png", ["a.png", "b.png"]),
        ("data:image/png;base64,AA,BB 1x, c.png 2x", ["data:image/png;base64,AA,BB", "c.png"]),
        ("  a.png  (max-width: 1px, 2px) 100w , b.png", ["a.png", "b.png"]),
        ("a.png,, b.png 2x", ["a.png", "b.png"]),  # commas that end a URL are not in it
        ("a.png (1,2 , b.png", ["a.png"]),  # an unclosed parenthesis runs to the end
        ("", []),
    ],
)
def test_srcset_candidates(srcset: str, urls: list[str]) -> None:
    assert sitecheck._srcset_urls(srcset) == urls


@pytest.mark.parametrize(
    ("css", "refs"),
    [
        ('@import "a.css"; @import url(b.css);', [("a.css", True), ("b.css", True)]),
        ("x { background: url( 'c.png' ) } /* url(d.png) */", [("c.png", False)]),
        (
            "y { mask: url(\"data:image/svg+xml,<svg a='(1)'/>\") }",
            [("data:image/svg+xml,<svg a='(1)'/>", False)],
        ),
        ("z { src: URL(e.woff2) }", [("e.woff2", False)]),
    ],
)
def test_css_references(css: str, refs: list[tuple[str, bool]]) -> None:
    assert sitecheck._css_urls(css) == refs


def test_command_line_lists_problems_and_fails(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--site", str(project / "site"), "--docs", str(project / "docs")]
    assert sitecheck.main([*args, "--no-alternate-sitemaps"]) == 0
    Edit("site/en/404.html", new=None).apply(project)
    assert sitecheck.main([*args, "--no-alternate-sitemaps"]) == 1
    assert "mkdocs.yml:1: missing en/404.html" in capsys.readouterr().out
    assert sitecheck.main([*args, "--external"]) == 0
    assert "https://example.com/docs\tdocs/index.md:5" in capsys.readouterr().out


def test_bench_generator_builds_a_clean_site_and_finds_every_planted_defect(
    tmp_path: Path,
) -> None:
    import bench  # benchmarks/ (pytest's pythonpath)

    clean = bench.make_site(tmp_path / "clean", 5)
    assert bench.check(clean) == []
    defective = bench.make_site(tmp_path / "defects", 5, plant=True)
    assert bench.check(defective) == bench.planted_problems(defective)
    assert len(bench.planted_problems(defective)) == 9
    # The bench also times it as a command, on clean sites: any other exit is no time.
    assert isinstance(bench.run_ours(clean), float)
    assert bench.run_ours(defective) == "failed (exit 1)"
    assert bench.timed([sys.executable, "-c", "raise SystemExit(2)"], tmp_path) == (
        "failed (exit 2)"
    )


def test_walk_lists_files_as_os_walk_does(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "top.css").write_text("x", encoding="utf-8")
    (tmp_path / "folder-link").symlink_to(tmp_path / "a")  # neither entered nor listed
    (tmp_path / "file-link").symlink_to(tmp_path / "top.css")
    assert sitecheck._walk(tmp_path) == {"a/b/index.html", "top.css", "file-link"}
    assert sitecheck._walk(tmp_path / "missing") == set()
