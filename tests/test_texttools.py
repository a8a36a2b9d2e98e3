"""The text toolkit: one walker, one region scanner, one id pattern, one front-matter reader, one
fold/slug, each in the module that owns the concept."""

from __future__ import annotations

import pytest

from kb.model.citeindex import front_matter
from kb.model.docnumber import fold, slugify
from kb.model.report import paragraph_ids, report_lines, report_regions
from kb.render.htmltext import element_end, tags


@pytest.mark.parametrize(
    ("page", "ident", "expected"),
    [
        ('<p id="i-p1">a <em>b</em></p>', "i-p1", ("p", 0, 25)),
        ('<ol><li id="fn:1"><p>x</p><ul><li>y</li></ul></li></ol>', "fn:1", ("li", 4, 45)),
        ('<div><li id="a">x<LI>y</li></li></div>', "a", ("li", 5, 27)),
    ],
)
def test_element_end(page: str, ident: str, expected: tuple[str, int, int]) -> None:
    assert element_end(page, ident) == expected
    assert page[expected[2] :].startswith(f"</{expected[0]}>")


def test_element_end_of_an_unclosed_element() -> None:
    with pytest.raises(ValueError, match='id="x"'):
        element_end('<p id="x">open', "x")


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ('<script src="a.js"></script>', [("script", {"src": "a.js"})]),
        ("<link rel='icon' href=b.png>", [("link", {"rel": "icon", "href": "b.png"})]),
        ('<img alt="" src="c.svg"/>', [("img", {"alt": "", "src": "c.svg"})]),
        ("<!-- <img src=x> --><br>", [("br", {})]),
    ],
)
def test_tags_read_attributes(page: str, expected: list[tuple[str, dict[str, str]]]) -> None:
    assert [(t.name, t.attrs) for t in tags(page) if not t.closing] == expected


REGIONS = "a\n<!-- report:start -->\nB\nC\n<!-- report:end -->\nd\n<!-- report:start -->\nE\n"


def test_one_region_scanner() -> None:
    assert report_regions(REGIONS) == ["B\nC\n"]  # a region must be closed
    assert report_lines(REGIONS) == {3, 4}


def test_permalink_ids_in_order() -> None:
    page = 'A {: #mo-dau }\n<h1 id="bao-cao">T</h1>\nB\n{: #i-p1 }\n{: #Not-an-id }'
    assert paragraph_ids(page) == ["mo-dau", "bao-cao", "i-p1"]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ('---\ndocument: "114-QĐ/TW"\n---\nx', {"document": "114-QĐ/TW"}),
        ("---\n- a list\n---\nx", {}),
        ("no front matter\n", {}),
        ("---\ntitle: x\n", {}),  # not closed: check_front_matter reports it
    ],
)
def test_front_matter(page: str, expected: dict[str, object]) -> None:
    assert front_matter(page) == expected


@pytest.mark.parametrize(
    ("text", "folded", "slug"),
    [
        ("114-QĐ/TW", "114-QD/TW", "114-qd-tw"),
        ("né tránh", "ne tranh", "ne-tranh"),
        ("Ðiều", "Dieu", "dieu"),  # the Icelandic look-alike of Đ
        ("b/c", "b/c", "b-c"),
    ],
)
def test_fold_and_slug(text: str, folded: str, slug: str) -> None:
    assert (fold(text), slugify(text)) == (folded, slug)
