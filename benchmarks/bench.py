"""Benchmark the built-site checker on synthetic two-language sites, against pinned peers.

The peers are installed by `make bench` from benchmarks/package-lock.json (linkinator) and
benchmarks/linkchecker.lock (LinkChecker, with hashes) into .cache/bench/.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kb.checks.sitecheck import check_site
from kb.tools.localserver import serve

HERE = Path(__file__).resolve().parent
PEERS = HERE.parent / ".cache" / "bench"
LINKINATOR = PEERS / "node_modules" / ".bin" / "linkinator"
LINKCHECKER = PEERS / "linkchecker" / "bin" / "linkchecker"
SITE_URL = "https://example.org/kb/"  # as in template/mkdocs.yml
# Pruned navigation lists a page's group, section and documents: pages keep their size as N grows.
SECTION_SIZE, GROUP_SIZE = 50, 500
PEER_TIMEOUT, LINKCHECKER_CAP = 600.0, 120.0  # LinkChecker takes minutes where others take seconds
NAMES = {"vi": ("Trang chủ", "Tài liệu", "Mục"), "en": ("Home", "Document", "Section")}
FIRST = "g00/s00"  # the folder of the documents that carry planted defects
LANG_SWITCH = re.compile(r'<a href="([^"]*)" hreflang="en" class="md-select__link">')


def _section(i: int) -> str:
    return f"g{i // GROUP_SIZE:02d}/s{i // SECTION_SIZE:02d}"


def _path(i: int) -> str:
    return f"../../{_section(i)}/d{i:04d}.md"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(root: Path, n: int, *, plant: bool = False) -> None:
    """A MkDocs project of n documents in two languages (every fourth one untranslated), each
    citing two others by section, with backlinks to the paragraphs citing it."""
    shutil.copytree(HERE / "template", root)
    docs = root / "docs"
    sections = sorted({_section(i) for i in range(n)})
    groups = sorted({s.split("/")[0] for s in sections})
    cited_by: dict[int, list[tuple[int, int]]] = {i: [] for i in range(n)}
    for i in range(n):
        for paragraph, cited in enumerate(((i + 1) % n, (i * 7 + 3) % n), 1):
            cited_by[cited].append((i, paragraph))
    for locale, suffix in (("vi", ""), ("en", ".en")):
        home, word, section = NAMES[locale]
        document = (HERE / f"document.{locale}.md").read_text(encoding="utf-8")
        links = "".join(f"- [{g}]({g}/index.md)\n" for g in groups)
        _write(docs / f"index{suffix}.md", f"# {home}\n\n{links}")
        for g in groups:
            parts = [s.split("/")[1] for s in sections if s.startswith(g + "/")]
            links = "".join(f"- [{section} {part}]({part}/index.md)\n" for part in parts)
            _write(docs / g / f"index{suffix}.md", f"# {g}\n\n{links}")
        for s in sections:
            items = "".join(f"- [{word} {i}](d{i:04d}.md)\n" for i in range(n) if _section(i) == s)
            _write(docs / s / f"index{suffix}.md", f"# {section} {s}\n\n{items}")
        for i in range(n):
            if locale == "vi" or i % 4 != 3:
                j, k = (i + 1) % n, (i * 7 + 3) % n  # as in cited_by
                links = (f"- [{word} {c}, ¶ {p}]({_path(c)}#cite-{p})" for c, p in cited_by[i])
                text = document.format(
                    i=i, j=j, k=k, path_j=_path(j), path_k=_path(k), backlinks="\n".join(links)
                )
                _write(docs / _section(i) / f"d{i:04d}{suffix}.md", text)
    if plant:  # raw HTML: MkDocs does not validate it
        with (docs / FIRST / "d0001.md").open("a", encoding="utf-8") as page:
            page.write((HERE / "planted.html").read_text(encoding="utf-8"))
        _edit(docs / "assets" / "extra.css", re.compile("fonts/body"), "fonts/missing")


def _edit(path: Path, old: re.Pattern[str], new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(old.sub(lambda m: new.format(m.group(0)), text, count=1), encoding="utf-8")


def build(root: Path) -> float:
    """Build the project with MkDocs; seconds taken."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    subprocess.run(command, cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True)
    return time.perf_counter() - started


def make_site(root: Path, n: int, *, plant: bool = False) -> Path:
    """Generate and build a project; with plant, also defects Markdown cannot produce."""
    shutil.rmtree(root, ignore_errors=True)
    generate(root, n, plant=plant)
    build(root)
    if plant:
        site = root / "site" / FIRST
        backref = re.compile(r'<a class="footnote-backref" href="#fnref:2"[^>]*>.*?</a>', re.S)
        _edit(site / "d0002" / "index.html", backref, "")
        switch = re.compile(r'd0003/(?=" hreflang="en" class)')  # the language switch
        _edit(site / "d0003" / "index.html", switch, "d0404/")
        extra = f"<url><loc>{SITE_URL}{FIRST}/d0777/</loc></url>{{}}"
        _edit(root / "site" / "sitemap.xml", re.compile("</urlset>"), extra)
        (root / "site" / "en" / "404.html").unlink()
    return root


def check(root: Path) -> list[str]:
    # Material's sitemap.xml fetch beside per-page alternates is one known site-wide problem
    # of every static-i18n site (the real site reports it); the benchmark measures the rest.
    return [str(p) for p in check_site(root / "site", root / "docs", alternate_sitemaps=False)]


def planted_problems(root: Path) -> list[str]:
    """Exactly what the checker must report for a project made with plant=True (planted.txt)."""

    def line(path: str, text: str) -> int:
        lines = (root / "docs" / path).read_text(encoding="utf-8").splitlines()
        return next(number for number, line in enumerate(lines, 1) if text in line)

    switch = LANG_SWITCH.search((root / "site" / FIRST / "d0003" / "index.html").read_text())
    assert switch is not None
    planted = (HERE / "planted.html").read_text(encoding="utf-8").splitlines()
    tags = [tag for tag in planted if tag.startswith(("<a", "<i"))]
    expected = (HERE / "planted.txt").read_text(encoding="utf-8")
    return sorted(
        expected.format(
            **{f"l{i}": line(f"{FIRST}/d0001.md", tag) for i, tag in enumerate(tags)},
            css=line("assets/extra.css", "missing.woff2"),
            note=line(f"{FIRST}/d0002.md", "[^2]:"),
            switch=switch.group(1),
        ).splitlines()
    )


def timed(
    command: list[str], cwd: Path, ok: tuple[int, ...] = (0, 1), cap: float = PEER_TIMEOUT
) -> float | str:
    """Wall time of a command (a peer's exit 1 means "found broken links"), or why none."""
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, timeout=cap, check=False)
    except subprocess.TimeoutExpired:
        return f">{cap:.0f} (cap)"
    if done.returncode not in ok:
        return f"failed (exit {done.returncode})"
    return time.perf_counter() - started


def run_ours(root: Path) -> float | str:
    """Our checker as a command, start-up and imports included; its sites are clean: exit 0."""
    return timed(
        [sys.executable, "-m", "kb.checks.sitecheck", "--no-alternate-sitemaps"], root, (0,)
    )


def run_linkinator(site: Path) -> float | str:
    # Only the local server's URLs are followed: the tool is measured, not the network.
    skip = ["--server-root", ".", "--skip", "^(?!http://localhost)"]
    return timed([str(LINKINATOR), ".", "--recurse", "--check-fragments", *skip], site)


def run_linkchecker(site: Path) -> float | str:
    """Over HTTP (on file:// it cannot check anchors of folder URLs); the "LinkChecker" header
    lifts its limit of 10 requests a second to one host: its speed is measured, not its manners."""
    config = site.parent / "linkcheckerrc"
    config.write_text("[filtering]\nignore=^https?://(?!127\\.0\\.0\\.1)\n[AnchorCheck]\n", "utf-8")
    with serve(site, headers={"LinkChecker": "unthrottled"}) as url:
        command = [str(LINKCHECKER), "--no-status", "-f", str(config), url]
        return timed(command, site, cap=LINKCHECKER_CAP)


def _median(times: list[float | str]) -> float | str:
    reasons = [t for t in times if isinstance(t, str)]
    return reasons[0] if reasons else statistics.median(t for t in times if not isinstance(t, str))


def _shown(value: float | str) -> str:
    return value if isinstance(value, str) else f"{value:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="500,1000", help="document counts, e.g. 100,1000")
    parser.add_argument("--no-peers", action="store_true", help="skip linkinator and LinkChecker")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command per size")
    parser.add_argument("--keep", type=Path, help="build in this directory and keep it")
    args = parser.parse_args(argv)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="kb-bench-"))
    lk_ok = not args.no_peers and LINKINATOR.exists()
    lc_ok = not args.no_peers and LINKCHECKER.exists()
    planted = make_site(workdir / "planted", 5, plant=True)
    found, expected = check(planted), planted_problems(planted)
    print(
        f"planted defects: {len(set(found) & set(expected))} of {len(expected)} found,"
        f" {len(set(found) - set(expected))} false positive(s)"
    )
    ok = found == expected
    print(f"On {os.cpu_count()} processors; medians of {args.runs} runs. check s: check_site in")
    print(
        "  this process; cmd s: python -m kb.checks.sitecheck; linkinator s: its own command,"
        " its runs"
    )
    print("  alternating with ours; ÷ ours: linkinator s / cmd s; LinkChecker: one run, capped")
    print(
        f"{'N':>6} {'pages':>6} {'build s':>8} {'check s':>8} {'cmd s':>6} {'chk/bld':>8}"
        f" {'linkinator s':>13} {'÷ ours':>7} {'linkchecker s':>14} {'problems':>8}"
    )
    times: dict[int, float] = {}
    try:
        for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
            root = workdir / f"n{n}"
            shutil.rmtree(root, ignore_errors=True)
            generate(root, n)
            build_s = build(root)
            problems = check(root)  # (also warms the file cache for every tool)
            checks: list[float] = []
            cpu: list[float] = []
            commands: list[float | str] = []
            lk: list[float | str] = []
            for _ in range(args.runs):
                started, used = time.perf_counter(), time.process_time()
                check(root)
                checks.append(time.perf_counter() - started)
                cpu.append(time.process_time() - used)
                commands.append(run_ours(root))
                lk.append(run_linkinator(root / "site") if lk_ok else "-")
            check_s, times[n] = statistics.median(checks), min(cpu)
            cmd, lk_s = _median(commands), _median(lk)
            lc = run_linkchecker(root / "site") if lc_ok else "-"
            ratio = "-" if isinstance(lk_s, str) or isinstance(cmd, str) else f"{lk_s / cmd:.1f}x"
            pages = sum(1 for _ in (root / "site").rglob("*.html"))
            print(
                f"{n:>6} {pages:>6} {build_s:>8.2f} {check_s:>8.2f} {_shown(cmd):>6}"
                f" {check_s / build_s:>8.3f} {_shown(lk_s):>13} {ratio:>7} {_shown(lc):>14}"
                f" {len(problems):>8}",
                flush=True,
            )
            ok = ok and not problems
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    for small, large in itertools.pairwise(sorted(times)):
        growth = times[large] / times[small]
        print(f"growth: check({large})/check({small}) = {growth:.2f} (linear: {large / small:.0f};")
        print("  processor time of the fastest runs: on a shared machine the least disturbed)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
