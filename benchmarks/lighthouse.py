"""Lighthouse scores of key pages with the Debian Chromium (`make lighthouse`; not in tests)."""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from kb.model.i18n import TRANSLATIONS
from kb.tools.localserver import CHROMIUM, CHROMIUM_ARGS, QuietHandler, serve

LIGHTHOUSE = "lighthouse@12.2.3"  # 13 needs Node 22
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 0.95
CHROME_FLAGS = " ".join(CHROMIUM_ARGS)
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(QuietHandler):
    """Serves text files gzipped, as GitHub Pages does: Lighthouse measures real transfers."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in _COMPRESSIBLE):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


def longest_page(site_dir: Path) -> str:
    pages = [
        p
        for p in site_dir.rglob("index.html")
        if not set(TRANSLATIONS) & set(p.relative_to(site_dir).parts)
    ]
    biggest = max(pages, key=lambda p: p.stat().st_size)
    return biggest.parent.relative_to(site_dir).as_posix() + "/"


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    site_dir = root / "site"
    if not (site_dir / "index.html").exists():
        print("site/index.html:1: site is not built: run `make build`")
        return 1
    if shutil.which("npm") is None:
        print("npm not found: install Node.js (apt-get install -y nodejs npm)")
        return 1
    tool_dir = root / ".cache" / "lighthouse"
    binary = tool_dir / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        tool_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", "-E", LIGHTHOUSE],
            cwd=tool_dir,
            check=True,
        )
    pages = args.page or ["", longest_page(site_dir), "en/"]
    print(
        f"median of {args.runs} runs per page (Lighthouse's docs: the median of 5 runs is twice"
        " as stable as one run); performance: lowest-highest in brackets"
    )
    print(f"{'page':28} " + " ".join(f"{c:>20}" for c in CATEGORIES))
    failed = False
    with serve(site_dir, handler=GzipHandler) as base:
        for page in pages:
            runs = [_scores(binary, base + page, tool_dir, args) for _ in range(args.runs)]
            medians = [statistics.median(run[c] for run in runs) for c in CATEGORIES]
            perf = sorted(run["performance"] for run in runs)
            failed |= any(m < TARGET for m in medians)
            shown = [f"{m:.2f}" for m in medians]
            shown[0] += f" ({perf[0]:.2f}-{perf[-1]:.2f})"
            print(f"{'/' + page:28} " + " ".join(f"{s:>20}" for s in shown), flush=True)
    if failed:
        print(f"✗ lighthouse: a median score is below {TARGET}")
        return 1
    print(f"✓ lighthouse: every median score ≥ {TARGET}")
    return 0


def _scores(binary: Path, url: str, tool_dir: Path, args: argparse.Namespace) -> dict[str, float]:
    """One Lighthouse run: each category's score."""
    out = tool_dir / "report.json"
    subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=" + ",".join(CATEGORIES),
            *(["--preset=desktop"] if args.desktop else []),
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": args.chromium},
    )
    categories = json.loads(out.read_text(encoding="utf-8"))["categories"]
    return {c: float(categories[c]["score"] or 0.0) for c in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--chromium", default=CHROMIUM)
    parser.add_argument(
        "--page",
        action="append",
        help="a page to score instead, e.g. phan-tich/ (repeatable; default: the home page, the"
        " longest page, the English home)",
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per page (median reported)")
    parser.add_argument("--desktop", action="store_true", help="desktop preset (default: mobile)")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
