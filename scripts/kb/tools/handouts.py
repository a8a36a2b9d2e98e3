"""Printed handouts (A4 PDFs of the full text) and the offline copy of the site (a zip)."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from kb.model.i18n import LOCALES, page_url
from kb.model.report import FULL_TEXT
from kb.tools.localserver import CHROMIUM, chromium_page, find_chromium, serve
from kb.tools.offlinelinks import make_links_local

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[3]
# Fixed time stamp (the earliest a zip can hold), so that the same site gives the same zip.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
CONFIG_RE = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def human_size(size: int) -> str:
    """A byte count as people read it.

    >>> human_size(512), human_size(2048), human_size(3 * 1024 * 1024)
    ('512 B', '2.0 KiB', '3.0 MiB')
    """
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / 1024 / 1024:.1f} MiB"


def display(path: Path) -> str:
    """A path as the maintainer typed it: relative to the project root when inside it."""
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def print_page(page: Page, url: str, script: str = "") -> bytes:
    """A page as Chromium prints it: A4 from print.css, no backgrounds (as most printers do);
    `script` runs first."""
    page.goto(url, wait_until="load")
    if script:
        page.evaluate(script)
    # Glyphs must be loaded before layout is printed, or a fallback font is embedded.
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.pdf(prefer_css_page_size=True, print_background=False)


def pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(data)).pages)


def make_pdfs(site: Path, out: Path, chromium: str) -> list[str]:
    """Print the full-text page of each language to out/bao-cao-<locale>.pdf; one line each."""
    out.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    with serve(site) as base_url, chromium_page(chromium) as page:
        for locale in LOCALES:
            data = print_page(page, base_url + page_url(FULL_TEXT, locale))
            target = out / f"bao-cao-{locale}.pdf"
            target.write_bytes(data)
            lines.append(f"{display(target)}: {pdf_pages(data)} pages, {human_size(len(data))}")
    return lines


def cmd_pdf(args: argparse.Namespace) -> int:
    site = ROOT / args.site
    out = ROOT / args.out
    if not (site / "index.html").exists():
        print(f"{display(site / 'index.html')}: site is not built: run make build", file=sys.stderr)
        return 1
    missing = [
        path
        for path in (site / page_url(FULL_TEXT, locale) / "index.html" for locale in LOCALES)
        if not path.exists()
    ]
    for path in missing:
        print(f"{display(path)}: full-text page is missing: run make build", file=sys.stderr)
    if missing:
        return 1
    chromium = find_chromium(args.chromium)
    if chromium is None:
        return 1
    from playwright.sync_api import Error as PlaywrightError

    try:
        lines = make_pdfs(site, out, chromium)
    except PlaywrightError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        print(f"Chromium failed: {first}", file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    return 0


def write_search_scripts(site: Path) -> list[Path]:
    """Write search_index.js beside each language's search_index.json, for file:// pages.

    Under file://, Material loads `<base>/search/search_index.js` with a script tag and reads
    its `__index`. English pages have the site root as base, so they load the root script,
    not en/search/: when languages share a script, it picks the index by the page's lang.
    """
    indexes: dict[str, tuple[Path, str]] = {}
    for locale in LOCALES:
        folder = site / page_url("index.md", locale)
        index = folder / "search" / "search_index.json"
        if index.exists():
            indexes[locale] = (folder, index.read_text(encoding="utf-8"))
    readers: dict[Path, list[str]] = {}  # the folder whose search/ a language's pages read
    for locale, (folder, _) in indexes.items():
        home = folder / "index.html"
        config = CONFIG_RE.search(home.read_text(encoding="utf-8")) if home.exists() else None
        base = json.loads(config.group(1))["base"] if config else "."
        readers.setdefault((folder / base).resolve(), []).append(locale)
    written: list[Path] = []
    for locale, (folder, text) in indexes.items():
        target = folder / "search" / "search_index.js"
        languages = {locale, *readers.get(folder.resolve(), [])}
        if len(languages) > 1:
            write_dispatch(target, locale, {other: indexes[other][1] for other in languages})
        else:
            target.write_text(f"var __index = {text}", encoding="utf-8")
        written.append(target)
    return written


def write_dispatch(target: Path, default: str, texts: dict[str, str]) -> None:
    """One script for pages of several languages: the index of the page's language."""
    entries = ",\n".join(f"{json.dumps(locale)}: {texts[locale]}" for locale in sorted(texts))
    target.write_text(
        "// Pages of several languages load this file; each gets its own language's index.\n"
        "var __index = (function (indexes) {\n"
        '  var lang = (document.documentElement.lang || "").split("-")[0];\n'
        f"  return indexes[lang] || indexes[{json.dumps(default)}];\n"
        f"}})({{\n{entries}\n}});\n",
        encoding="utf-8",
    )


def zip_tree(folder: Path, target: Path) -> int:
    """Zip a folder's files in sorted order with fixed dates and modes; returns the file count."""
    files = sorted(
        (path for path in folder.rglob("*") if path.is_file()),
        key=lambda path: path.relative_to(folder).as_posix(),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED)
    partial.replace(target)
    return len(files)


def make_offline_zip(out: Path) -> tuple[int, list[Path]]:
    """Build the offline site in a temporary folder and zip it; (file count, search scripts)."""
    with tempfile.TemporaryDirectory(prefix="offline-site-") as tmp:
        site = Path(tmp) / "site"
        # Material's offline plugin: file:// links and a search index read by a script tag.
        env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
        if subprocess.run(command, cwd=ROOT, env=env, check=False).returncode != 0:
            raise OfflineBuildError("mkdocs build with OFFLINE=true failed (see above)")
        shim = site / "assets" / "vendor" / "iframe-worker-shim.js"
        if not shim.exists():
            raise OfflineBuildError(f"{display(ROOT / 'docs' / shim.relative_to(site))} is missing")
        scripts = [path.relative_to(site) for path in write_search_scripts(site)]
        make_links_local(site)  # folder links (documents graph, redirects, 404) name files
        count = zip_tree(site, out)
    return count, scripts


class OfflineBuildError(Exception):
    """The offline build could not be made; the message says why."""


def cmd_offline(args: argparse.Namespace) -> int:
    out = ROOT / args.out
    try:
        count, scripts = make_offline_zip(out)
    except OfflineBuildError as error:
        print(f"offline: {error}", file=sys.stderr)
        return 1
    for script in scripts:
        print(f"search index for file://: {script.as_posix()}")
    print(f"{display(out)}: {count} files, {human_size(out.stat().st_size)}")
    return 0


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> dict[str, Callable[[argparse.Namespace], int]]:
    pdf = sub.add_parser(
        "pdf",
        help="print the full text of each language to build/bao-cao-<lang>.pdf (A4)",
        description="Serve the built site locally and print its full-text pages with Chromium.",
    )
    pdf.add_argument("--site", default="site", help="built site, relative to the project root")
    pdf.add_argument("--out", default="build", help="folder for the PDFs (default: build)")
    pdf.add_argument("--chromium", default=CHROMIUM, help=f"Chromium binary (default: {CHROMIUM})")
    offline = sub.add_parser(
        "offline",
        help="build a copy of the site that works from file:// and zip it",
        description="Build with OFFLINE=true into a temporary folder, add file:// search, zip.",
    )
    offline.add_argument(
        "--out", default="build/offline-site.zip", help="zip to write (default: %(default)s)"
    )
    return {"pdf": cmd_pdf, "offline": cmd_offline}
