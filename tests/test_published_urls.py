"""Every published URL still leads to a page in its language, directly or by a redirect."""

from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = Path(__file__).parent / "data" / "published-urls.txt"
# The page kb.model.redirects writes in place of a moved page (a meta refresh).
_REFRESH = re.compile(r'<meta http-equiv="refresh" content="\d+;\s*url=([^"]+)"', re.I)
_LANG = re.compile(r'<html\b[^>]*\blang="([^"]+)"')
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
MAX_HOPS = 5


def published() -> list[str]:
    lines = PUBLISHED.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _file(site: Path, url: str) -> Path:
    return site / url / "index.html" if url == "" or url.endswith("/") else site / url


def site_base(site: Path) -> str:
    """The address the site was built for (its home page's canonical link), for absolute
    redirect targets."""
    match = _CANONICAL.search((site / "index.html").read_text(encoding="utf-8"))
    return match.group(1) if match else ""


def resolve(site: Path, url: str, base: str = "") -> str:
    """The site URL `url` finally shows, following redirect pages; AssertionError says why not."""
    current = "" if url == "./" else url
    for _ in range(MAX_HOPS):
        page = _file(site, current)
        assert page.is_file(), f"{url}: {page.relative_to(site).as_posix()} does not exist"
        refresh = _REFRESH.search(page.read_text(encoding="utf-8"))
        if refresh is None:
            return current
        target = refresh.group(1).split("#", 1)[0]
        if re.match(r"https?://", target):
            assert base and target.startswith(base), f"{url}: redirects off the site to {target}"
            current = target.removeprefix(base)
            continue
        joined = posixpath.normpath(posixpath.join(current or ".", target))
        current = "" if joined == "." else joined + ("/" if target.endswith("/") else "")
        assert not current.startswith(".."), f"{url}: redirects above the site root to {target}"
    raise AssertionError(f"{url}: more than {MAX_HOPS} redirects")


def language(site: Path, url: str) -> str:
    match = _LANG.search(_file(site, url).read_text(encoding="utf-8"))
    return match.group(1) if match else ""


def expected_language(url: str) -> str:
    return "en" if url.startswith("en/") else "vi"


def test_list_is_well_formed() -> None:
    urls = published()
    assert len(urls) == len(set(urls)), "duplicate URLs"
    assert [u for u in urls if not u.endswith("/") or u.startswith("/")] == []


@pytest.mark.site
@pytest.mark.parametrize("url", published())
def test_published_url_resolves(built_site: Path, url: str) -> None:
    final = resolve(built_site, url, site_base(built_site))
    assert language(built_site, final) == expected_language(url), (
        f"{url} leads to {final or './'}, a page not in its language"
    )


# --- the resolver itself, on a small site --------------------------------------------------------


def _page(lang: str) -> str:
    return f'<!doctype html><html lang="{lang}" class="no-js"><head></head><body></body></html>'


def _redirect(target: str) -> str:
    # A redirect page (meta refresh), as kb.model.redirects writes it, reduced to what matters.
    return (
        f'<!doctype html><html lang="en"><head><link rel="canonical" href="{target}">'
        f'<meta http-equiv="refresh" content="0; url={target}"></head></html>'
    )


FAKE_SITE = {
    "index.html": _page("vi"),
    "bao-cao/i-tinh-hinh/index.html": _page("vi"),
    "en/index.html": _page("en"),
    "en/bao-cao/i-tinh-hinh/index.html": _page("en"),
    "bao-cao/tinh-hinh/index.html": _redirect("../i-tinh-hinh/"),
    "cu/index.html": _redirect("../bao-cao/tinh-hinh/#i-1"),
    "en/bao-cao/tinh-hinh/index.html": _redirect("https://example.org/kb/en/bao-cao/i-tinh-hinh/"),
    "en/cu/index.html": _redirect("../../bao-cao/i-tinh-hinh/"),
    "mat/index.html": _redirect("../khong-co/"),
    "ra-ngoai/index.html": _redirect("https://example.com/"),
    "vong/index.html": _redirect("../vong/"),
}


@pytest.fixture
def fake_site(tmp_path: Path) -> Path:
    for name, text in FAKE_SITE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("url", "final", "lang"),
    [
        ("./", "", "vi"),
        ("en/", "en/", "en"),
        ("bao-cao/i-tinh-hinh/", "bao-cao/i-tinh-hinh/", "vi"),
        ("bao-cao/tinh-hinh/", "bao-cao/i-tinh-hinh/", "vi"),
        ("cu/", "bao-cao/i-tinh-hinh/", "vi"),  # two hops, fragment dropped
        ("en/bao-cao/tinh-hinh/", "en/bao-cao/i-tinh-hinh/", "en"),  # absolute, on the site
        ("en/cu/", "bao-cao/i-tinh-hinh/", "vi"),  # resolves, but to the wrong language
    ],
)
def test_resolve(fake_site: Path, url: str, final: str, lang: str) -> None:
    assert resolve(fake_site, url, "https://example.org/kb/") == final
    assert language(fake_site, final) == lang


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("bao-cao/khong-co/", "bao-cao/khong-co/: bao-cao/khong-co/index.html does not exist"),
        ("mat/", "mat/: khong-co/index.html does not exist"),
        ("ra-ngoai/", "ra-ngoai/: redirects off the site to https://example.com/"),
        ("vong/", "vong/: more than 5 redirects"),
    ],
)
def test_resolve_failures(fake_site: Path, url: str, message: str) -> None:
    with pytest.raises(AssertionError) as error:
        resolve(fake_site, url, "https://example.org/kb/")
    assert str(error.value).splitlines()[0] == message


if __name__ == "__main__":
    # The page URLs of the built site/, to append the newly published ones to the list.
    site = ROOT / "site"
    pages = [
        index.parent.relative_to(site).as_posix() + "/"
        for index in site.rglob("index.html")
        if _REFRESH.search(index.read_text(encoding="utf-8")) is None
    ]
    print("\n".join(sorted(pages)))
    sys.exit(0)
