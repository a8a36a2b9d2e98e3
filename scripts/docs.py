"""The project's one CLI for build scripts and checks: python scripts/docs.py COMMAND."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from kb.checks.content import CONTENT_CHECKS, Check, run_check
from kb.checks.fidelity import check_fidelity
from kb.checks.mdlinks import check_links
from kb.checks.outbound import external_links
from kb.checks.sitecheck import check_site
from kb.checks.weight import check_weight
from kb.model.glossary import check_glossary
from kb.model.problems import Problem, UserError
from kb.model.relations import check_relations
from kb.tools import classroom, handouts, scaffold

ROOT = Path(__file__).resolve().parent.parent


def _needs_site(check: Callable[[Path], list[Problem]]) -> Check:
    """A check of the built site (given site/), which says so when the site is not built."""

    def run(root: Path) -> list[Problem]:
        if not (root / "site" / "index.html").exists():
            return [Problem("site/index.html", 1, "site is not built: run `make build`")]
        return check(root / "site")

    return run


def all_checks() -> dict[str, Check]:
    """Content checks first (sources and data), then checks of the built site."""
    return {
        **CONTENT_CHECKS,
        "relations": check_relations,
        "glossary": check_glossary,
        "links": check_links,
        "fidelity": check_fidelity,
        # Links, anchors, assets, footnotes, language switch, sitemaps, origins. Material's
        # per-alternate sitemap.xml requests are failed locally by the shim in
        # overrides/main.html (docs/bao-tri/khac-phuc.md, row 2): those files need not exist.
        "site": _needs_site(
            lambda site: check_site(site, site.parent / "docs", alternate_sitemaps=False)
        ),
        "weight": _needs_site(check_weight),
    }


# Group names for --only: what needs the built site, and what can run before the build.
BUILT_CHECKS = ("fidelity", "site", "weight")


def cmd_check(args: argparse.Namespace) -> int:
    checks = all_checks()
    groups = {"content": [n for n in checks if n not in BUILT_CHECKS], "built": list(BUILT_CHECKS)}
    names: list[str] = []
    for name in args.only or list(checks):
        names.extend(groups.get(name, [name]))
    unknown = [n for n in names if n not in checks]
    if unknown:
        known = ", ".join([*checks, *groups])
        print(f"unknown check(s): {', '.join(unknown)}; known: {known}")
        return 2
    failed = 0
    root = Path(args.root).resolve()
    for name in names:
        problems = run_check(checks[name], root)
        if problems:
            failed += 1
            for problem in problems:
                print(problem)
            print(f"✗ {name}: {len(problems)} problem(s)")
        else:
            print(f"✓ {name}: ok")
    if args.external:
        first_seen: dict[str, Problem] = {}
        for url, where in external_links(root / "site", root / "docs"):
            first_seen.setdefault(url, where)
        for url, where in sorted(first_seen.items()):
            print(f"{where.path}:{where.line}: outbound link {url}")
        print(f"  {len(first_seen)} outbound URL(s); to fetch them (cached in .cache/):")
        print("  .venv/bin/python -m kb.checks.sitecheck --check-external")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/docs.py", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="run every content check (or --only NAME ...)")
    check.add_argument("--only", nargs="+", metavar="NAME")
    check.add_argument("--root", default=str(ROOT), help="project root (default: this repo)")
    check.add_argument(
        "--external",
        action="store_true",
        help="also list outbound links to other sites, and where they are (no network)",
    )
    commands: dict[str, Callable[[argparse.Namespace], int]] = {"check": cmd_check}
    # Each tool module adds its subcommands: `register(sub) -> {name: handler}`.
    for module in (scaffold, handouts, classroom):
        commands.update(module.register(sub))
    args, extra = parser.parse_known_args(argv)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return commands[args.command](args)
    except UserError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
