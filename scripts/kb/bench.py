"""Benchmark the built-site checker on synthetic two-language knowledge bases, against peers."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kb import sitecheck
from kb.localserver import serve
from kb.sitecheck import check_site

SITE_URL = "https://example.org/kb/"
SECTION_SIZE = 50  # documents per navigation section, so that pruned pages stay small
# Sections per group: with the navigation pruned a page lists the groups, its group's sections
# and its section's documents, so pages keep their size as N grows and the site grows linearly.
# (With flat sections each page listed every section: 55 KB per page at N = 1,000, 81 KB at
# N = 2,000, and the site's HTML grew 2.9 times when N doubled.)
GROUP_SIZE = 10 * SECTION_SIZE
PEER_TIMEOUT = 600.0
LINKINATOR = "linkinator@6"
LINKCHECKER = "linkchecker==10.6.0"
ROOT = Path(__file__).resolve().parents[2]

MKDOCS_YML = f"""\
site_name: Synthetic knowledge base
site_url: {SITE_URL}
theme:
  name: material
  language: vi
  font: false
  # No navigation.sections: it keeps every section open, so that each page would list every
  # document and the site would grow with the square of its size.
  features:
    - navigation.indexes
    - navigation.prune
    - navigation.footer
extra_css:
  - assets/extra.css
hooks:
  - hooks.py
plugins:
  - search
  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      reconfigure_material: true
      reconfigure_search: true
      languages:
        - locale: vi
          default: true
          name: Tiếng Việt
          build: true
        - locale: en
          name: English
          build: true
markdown_extensions:
  - attr_list
  - footnotes
  - toc:
      permalink: true
"""

# static-i18n builds every language into one site_dir, so the last build's 404.html would
# replace the default language's: keep each language's not-found page in its own root.
HOOKS_PY = '''\
"""Give each language its own 404.html (static-i18n writes them all to the site root)."""

import shutil
from pathlib import Path

_default_404: list[bytes] = []


def on_post_build(config):
    plugin = config.plugins["i18n"]
    site = Path(config.site_dir)
    page = site / "404.html"
    if plugin.current_language == plugin.default_language:
        _default_404[:] = [page.read_bytes()]
    elif _default_404:
        (site / plugin.current_language).mkdir(exist_ok=True)
        shutil.move(page, site / plugin.current_language / "404.html")
        page.write_bytes(_default_404[0])
'''

EXTRA_CSS = """\
/* Body font, served with the site. */
@font-face { font-family: Body; src: url("fonts/body.woff2") format("woff2"); }
body { font-family: Body, system-ui, sans-serif; }
"""
DIAGRAM = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>\n'
)

WORDS = {
    "vi": (
        "Tài liệu",
        "Mục",
        "Xem tiếp",
        "Liên quan",
        "Chú thích",
        "Sơ đồ",
        "Được trích dẫn tại",
        "Trang chủ",
    ),
    "en": ("Document", "Section", "Next", "Related", "Footnote", "Diagram", "Cited in", "Home"),
}

# Defects planted in the Markdown of g00/s00/d0001.md (raw HTML: MkDocs does not validate it).
PLANTED_HTML = [
    ('<a href="../d0999/">missing document</a>', "../d0999/"),
    ('<a href="../d0002/#no-such-section">missing section</a>', "../d0002/#no-such-section"),
    (
        '<img src="../../../assets/missing.png" alt="missing picture">',
        "../../../assets/missing.png",
    ),
    (
        '<img src="https://cdn.example.com/logo.png" alt="remote">',
        "https://cdn.example.com/logo.png",
    ),
]
FIRST = "g00/s00"  # the folder of the documents that carry planted defects
LANG_SWITCH = re.compile(r'<a href="([^"]*)" hreflang="en" class="md-select__link">')


def _doc(i: int) -> str:
    return f"d{i:04d}"


def _section(i: int) -> str:
    """The folder of document i: its group and section."""
    return f"g{i // GROUP_SIZE:02d}/s{i // SECTION_SIZE:02d}"


def _path(i: int) -> str:
    """Document i's Markdown file, from another document's folder."""
    return f"../../{_section(i)}/{_doc(i)}.md"


def _has_twin(i: int) -> bool:
    return i % 4 != 3  # every fourth document is untranslated: English falls back to it


def _cited(i: int, n: int) -> tuple[int, int]:
    """The documents document i cites: the next one, and one further away."""
    return (i + 1) % n, (i * 7 + 3) % n


def _document(i: int, n: int, locale: str, cited_by: list[tuple[int, int]]) -> str:
    """A document citing two others by section, with backlinks to the paragraphs citing it."""
    word, section, nxt, related, note, diagram, cited_in, _ = WORDS[locale]
    j, k = _cited(i, n)
    backlinks = "\n".join(f"- [{word} {c}, ¶ {p}]({_path(c)}#cite-{p})" for c, p in cited_by)
    return f"""\
---
title: {word} {i}
---

# {word} {i} {{: #top-{i} }}

{nxt}: [{word} {j}]({_path(j)}#section-2).
{{: #cite-1 }}

{related}: [{word} {k}]({_path(k)}#section-1).
{{: #cite-2 }}

## {section} 1 {{: #section-1 }}

{word} {i}, {section.lower()} 1[^1]; [{section} 2](#section-2)[^2].

![{diagram}](../../assets/diagram.svg)

## {section} 2 {{: #section-2 }}

{word} {i}, {section.lower()} 2[^1].

## {cited_in} {{: #cited-in }}

{backlinks}

[^1]: {note} 1.
[^2]: {note} 2.
"""


def generate(root: Path, n: int, *, plant: bool = False) -> None:
    """Write a mkdocs project of n documents (in both languages) under root."""
    docs = root / "docs"
    (docs / "assets" / "fonts").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "hooks.py").write_text(HOOKS_PY, encoding="utf-8")
    css = EXTRA_CSS.replace("fonts/body.woff2", "fonts/missing.woff2") if plant else EXTRA_CSS
    (docs / "assets" / "extra.css").write_text(css, encoding="utf-8")
    (docs / "assets" / "fonts" / "body.woff2").write_bytes(b"wOF2")
    (docs / "assets" / "diagram.svg").write_text(DIAGRAM, encoding="utf-8")
    sections = sorted({_section(i) for i in range(n)})
    groups = sorted({s.split("/")[0] for s in sections})
    cited_by: dict[int, list[tuple[int, int]]] = {i: [] for i in range(n)}
    for i in range(n):
        for paragraph, cited in enumerate(_cited(i, n), 1):
            cited_by[cited].append((i, paragraph))
    for locale, suffix in (("vi", ""), ("en", ".en")):
        word, section, *_, home = WORDS[locale]
        links = "\n".join(f"- [{g}]({g}/index.md)" for g in groups)
        (docs / f"index{suffix}.md").write_text(f"# {home}\n\n{links}\n", encoding="utf-8")
        for g in groups:
            (docs / g).mkdir(exist_ok=True)
            parts = [s.split("/")[1] for s in sections if s.startswith(g + "/")]
            links = "\n".join(f"- [{section} {part}]({part}/index.md)" for part in parts)
            (docs / g / f"index{suffix}.md").write_text(f"# {g}\n\n{links}\n", encoding="utf-8")
        for s in sections:
            (docs / s).mkdir(exist_ok=True)
            docs_in = [i for i in range(n) if _section(i) == s]
            items = "\n".join(f"- [{word} {i}]({_doc(i)}.md)" for i in docs_in)
            text = f"# {section} {s}\n\n{items}\n"
            (docs / s / f"index{suffix}.md").write_text(text, encoding="utf-8")
        for i in range(n):
            if locale == "vi" or _has_twin(i):
                path = docs / _section(i) / f"{_doc(i)}{suffix}.md"
                path.write_text(_document(i, n, locale, cited_by[i]), encoding="utf-8")
    if plant:
        page = docs / FIRST / "d0001.md"
        block = "\n".join(html for html, _ in PLANTED_HTML)
        page.write_text(
            page.read_text(encoding="utf-8") + f'\n<div class="planted">\n{block}\n</div>\n',
            encoding="utf-8",
        )


def build(root: Path) -> float:
    """Build the project with MkDocs; seconds taken."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    started = time.perf_counter()
    subprocess.run(command, cwd=root, env=env, check=True)
    return time.perf_counter() - started


def plant_in_site(root: Path) -> None:
    """Defects that Markdown cannot produce, planted in the built files."""
    site = root / "site"
    page = site / FIRST / "d0002" / "index.html"
    html = page.read_text(encoding="utf-8")
    backref = re.compile(r'<a class="footnote-backref" href="#fnref:2"[^>]*>.*?</a>', re.S)
    page.write_text(backref.sub("", html, count=1), encoding="utf-8")
    page = site / FIRST / "d0003" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        LANG_SWITCH.sub(lambda m: m.group(0).replace("d0003", "d0404"), html, count=1),
        encoding="utf-8",
    )
    sitemap = site / "sitemap.xml"
    extra = f"<url><loc>{SITE_URL}{FIRST}/d0777/</loc></url></urlset>"
    sitemap.write_text(
        sitemap.read_text(encoding="utf-8").replace("</urlset>", extra), encoding="utf-8"
    )
    (site / "en" / "404.html").unlink()


def make_site(root: Path, n: int, *, plant: bool = False) -> Path:
    """Generate and build a project (with every kind of defect planted if asked)."""
    if root.exists():  # a kept working directory of an earlier run
        shutil.rmtree(root)
    generate(root, n, plant=plant)
    build(root)
    if plant:
        plant_in_site(root)
    return root


def check(root: Path) -> list[str]:
    # Material's sitemap.xml fetch beside per-page alternates is one known site-wide problem
    # of every static-i18n site (the real site reports it); the benchmark measures the rest.
    return [str(p) for p in check_site(root / "site", root / "docs", alternate_sitemaps=False)]


def _line(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def planted_problems(root: Path) -> list[str]:
    """Exactly what the checker must report for a project made with plant=True."""
    docs = root / "docs"
    page = docs / FIRST / "d0001.md"
    (missing_page, _), (missing_id, _), (missing_img, _), (remote, _) = PLANTED_HTML
    switch_html = (root / "site" / FIRST / "d0003" / "index.html").read_text(encoding="utf-8")
    switch = LANG_SWITCH.search(switch_html)
    assert switch is not None
    href = switch.group(1)

    def at(path: Path, text: str) -> str:
        return f"docs/{path.relative_to(docs).as_posix()}:{_line(path, text)}"

    expected = [
        f"{at(page, missing_page)}: broken link '../d0999/' -> {FIRST}/d0999/ does not exist",
        f"{at(page, missing_id)}: broken link '../d0002/#no-such-section' -> {FIRST}/d0002/"
        " has no id 'no-such-section'",
        f"{at(page, missing_img)}: missing asset '../../../assets/missing.png' (img src)"
        " -> assets/missing.png does not exist",
        f"{at(page, remote)}: loads 'https://cdn.example.com/logo.png' from another origin"
        " (img src)",
        f"{at(docs / 'assets' / 'extra.css', 'missing.woff2')}: missing asset"
        " 'fonts/missing.woff2' (url() in assets/extra.css) -> assets/fonts/missing.woff2"
        " does not exist",
        f"{at(docs / FIRST / 'd0002.md', '[^2]:')}: footnote 'fn:2' has no back-reference",
        f"docs/{FIRST}/d0003.md:1: broken language switch '{href}' (hreflang 'en')"
        f" -> en/{FIRST}/d0404/ does not exist (link added by template)",
        f"mkdocs.yml:1: sitemap.xml lists '{SITE_URL}{FIRST}/d0777/' -> {FIRST}/d0777/"
        " does not exist",
        "mkdocs.yml:1: missing en/404.html (not-found page of 'en')",
    ]
    return sorted(expected)


def _timed(
    command: list[str],
    cwd: Path,
    timeout: float,
    env: dict[str, str] | None = None,
    ok: tuple[int, ...] = (0, 1),  # a peer's 1 means "found broken links"
) -> float | str:
    """Wall time of a command, or why there is none."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f">{timeout:.0f} (cap)"
    if done.returncode not in ok:
        return f"failed (exit {done.returncode})"
    return time.perf_counter() - started


def linkinator_binary() -> str | None:
    """Linkinator's own command, fetched by npx once, outside the timing; None when npx cannot
    get it. Timed through npx, each run would also pay npx's own start (about 0.6 s here,
    against 0.2 s for `linkinator --version`): the tool is measured, not its package runner."""
    if shutil.which("npx") is None:
        return None
    try:
        done = subprocess.run(
            ["npx", "--yes", "-p", LINKINATOR, "-c", "command -v linkinator"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    binary = done.stdout.strip()
    return binary if done.returncode == 0 and binary else None


def run_linkinator(site: Path, binary: str) -> float | str:
    # Served from the site's own folder; only the local server's URLs are followed, since
    # outbound links would measure the network, not the tool.
    command = [binary, ".", "--recurse", "--check-fragments"]
    skip = ["--server-root", ".", "--skip", "^(?!http://localhost)"]
    return _timed([*command, *skip], site, PEER_TIMEOUT)


def run_ours(root: Path) -> float | str:
    """Our checker as a command, as the peers are run: interpreter start-up and imports
    included. The bench's sites are clean: exit 1 (problems, or no module) is a failure."""
    command = [sys.executable, "-m", "kb.sitecheck", "--site", "site", "--docs", "docs"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    return _timed([*command, "--no-alternate-sitemaps"], root, PEER_TIMEOUT, env, (0,))


def linkchecker_binary() -> Path | None:
    """LinkChecker in its own environment under .cache/ (it is a peer, not a dependency of the
    project), installed on first use; None when it cannot be installed."""
    tool = ROOT / ".cache" / "linkchecker"
    binary = tool / "bin" / "linkchecker"
    if not binary.exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", str(tool)], check=True)
            pip = [str(tool / "bin" / "python"), "-m", "pip", "install", "--quiet", LINKCHECKER]
            subprocess.run(pip, check=True, timeout=600)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            return None
    return binary


def run_linkchecker(site: Path, binary: Path, timeout: float) -> float | str:
    """LinkChecker over HTTP: on file:// it cannot check anchors of directory URLs, and as root
    it drops privileges to `nobody`, who cannot read a private temporary folder. The server
    answers with a "LinkChecker" header, LinkChecker's sign to lift its limit of 10 requests per
    second to one host (3 a second on average): the tool's speed is measured, not its manners."""
    config = site.parent / "linkcheckerrc"
    config.write_text(
        "[filtering]\nignore=^https?://(?!127\\.0\\.0\\.1)\n[AnchorCheck]\n", encoding="utf-8"
    )
    with serve(site, headers={"LinkChecker": "unthrottled"}) as url:
        return _timed([str(binary), "--no-status", "-f", str(config), url], site, timeout)


def _time_check(root: Path) -> float:
    started = time.perf_counter()
    check(root)
    return time.perf_counter() - started


def _median(times: list[float | str]) -> float | str:
    """The median time, or the first reason there is no time."""
    reasons = [t for t in times if isinstance(t, str)]
    return reasons[0] if reasons else statistics.median(_done(times))


def _spread(times: list[float | str]) -> str:
    """Fastest-slowest of the runs that gave a time."""
    done = _done(times)
    return f"{min(done):.2f}-{max(done):.2f}" if done else "-"


def _done(times: list[float | str]) -> list[float]:
    return [t for t in times if not isinstance(t, str)]


def _shown(value: float | str) -> str:
    return value if isinstance(value, str) else f"{value:.2f}"


def _ratio(peer: float | str, ours: float | str) -> str:
    if isinstance(peer, str) or isinstance(ours, str):
        return "-"
    return f"{peer / ours:.1f}x"


def verify_planted(workdir: Path) -> bool:
    """The checker finds exactly the planted defects of a small project."""
    root = make_site(workdir / "planted", 5, plant=True)
    found, expected = check(root), planted_problems(root)
    if found == expected:
        print(f"planted defects: all {len(expected)} found, no false positive")
        return True
    print("planted defects: MISMATCH")
    for line in sorted(set(expected) - set(found)):
        print(f"  missed:   {line}")
    for line in sorted(set(found) - set(expected)):
        print(f"  spurious: {line}")
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,2000", help="document counts, e.g. 100,1000")
    parser.add_argument("--no-peers", action="store_true", help="skip linkinator and LinkChecker")
    parser.add_argument(
        "--runs", type=int, default=3, help="linkinator runs per size; ours: one more, between"
    )
    parser.add_argument(
        "--cap", type=float, default=120.0, help="seconds LinkChecker may take (one run per size)"
    )
    parser.add_argument("--keep", type=Path, help="build in this directory and keep it")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="kb-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    linkinator = None if args.no_peers else linkinator_binary()
    linkchecker = None if args.no_peers else linkchecker_binary()
    ok = verify_planted(workdir)
    print(
        f"On {os.cpu_count()} processors. check s: median of {args.runs + 1} runs of check_site"
        " in this process (the checker's own work: chk/bld and growth); cmd s: median of as many"
        " runs of it as a command (python -m kb.sitecheck: start-up and imports included), range"
        " its fastest-slowest; linkinator s: median of"
        f" {args.runs} runs of its own command (not through npx); ours' runs come before and"
        " after each of them, so that both see the same load; ÷ ours: linkinator s / cmd s;"
        " parse s: html.parser on every page (no fast path); LinkChecker: one run, capped at"
        f" {args.cap:.0f} s"
    )
    header = (
        f"{'N':>6} {'pages':>6} {'build s':>8} {'check s':>8} {'cmd s':>6} {'range':>11}"
        f" {'chk/bld':>8} {'parse s':>8} {'linkinator s':>13} {'÷ ours':>7}"
        f" {'linkchecker s':>14} {'problems':>8}"
    )
    print(header)
    times: dict[int, float] = {}
    try:
        for n in sizes:
            root = workdir / f"n{n}"
            if root.exists():
                shutil.rmtree(root)
            generate(root, n)
            build_s = build(root)
            problems = check(root)  # (also warms the file cache for every tool)
            ours, commands = [_time_check(root)], [run_ours(root)]
            peers: list[float | str] = []
            for _ in range(args.runs):
                if linkinator is None:
                    peers.append("skipped" if args.no_peers else "not available")
                else:
                    peers.append(run_linkinator(root / "site", linkinator))
                ours.append(_time_check(root))
                commands.append(run_ours(root))
            check_s = times[n] = statistics.median(ours)
            sitecheck.FAST_PATH = False
            try:
                parse_s = _time_check(root)
            finally:
                sitecheck.FAST_PATH = True
            lk, cmd = _median(peers), _median(commands)
            if args.no_peers:
                lc: float | str = "skipped"
            elif linkchecker is None:
                lc = "not installed"
            else:
                lc = run_linkchecker(root / "site", linkchecker, args.cap)
            pages = sum(1 for _ in (root / "site").rglob("*.html"))
            print(
                f"{n:>6} {pages:>6} {build_s:>8.2f} {check_s:>8.2f} {_shown(cmd):>6}"
                f" {_spread(commands):>11} {check_s / build_s:>8.3f} {parse_s:>8.2f}"
                f" {_shown(lk):>13} {_ratio(lk, cmd):>7} {_shown(lc):>14} {len(problems):>8}",
                flush=True,
            )
            ok = ok and not problems
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if 1000 in times and 2000 in times:
        print(f"growth: check(2000)/check(1000) = {times[2000] / times[1000]:.2f} (linear: 2)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
