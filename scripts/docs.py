"""The project's one CLI for build scripts and checks: python scripts/docs.py COMMAND."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb.checks import CONTENT_CHECKS, Check, run_check
from kb.problems import Problem, UserError

ROOT = Path(__file__).resolve().parent.parent


def _site_checks() -> dict[str, Check]:
    """Checks of the built site (site/ must exist): links, anchors, assets, weight."""
    checks: dict[str, Check] = {}
    try:
        from kb.sitecheck import check_site
    except ImportError:  # pragma: no cover - during bootstrap only
        return checks

    def site(root: Path) -> list[Problem]:
        site_dir = root / "site"
        if not (site_dir / "index.html").exists():
            return [Problem("site/index.html", 1, "site is not built: run `make build`")]
        return check_site(site_dir, root / "docs")

    checks["site"] = site
    try:
        from kb.weight import check_weight
    except ImportError:
        return checks
    checks["weight"] = lambda root: check_weight(root / "site")
    return checks


def all_checks() -> dict[str, Check]:
    checks = dict(CONTENT_CHECKS)
    for name, extra in _extra_checks().items():
        checks[name] = extra
    checks.update(_site_checks())
    return checks


def _extra_checks() -> dict[str, Check]:
    """Checks owned by other modules (relations, glossary), registered when present."""
    found: dict[str, Check] = {}
    try:
        from kb.relations import check_relations

        found["relations"] = check_relations
    except ImportError:
        pass
    try:
        from kb.glossary import check_glossary

        found["glossary"] = check_glossary
    except ImportError:
        pass
    return found


def cmd_check(args: argparse.Namespace) -> int:
    checks = all_checks()
    names = args.only or list(checks)
    unknown = [n for n in names if n not in checks]
    if unknown:
        print(f"unknown check(s): {', '.join(unknown)}; known: {', '.join(checks)}")
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
    return 1 if failed else 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"check": cmd_check}

# Modules that add subcommands: each has `register(sub) -> dict[name, handler]`.
SUBCOMMAND_MODULES = ("kb.scaffold", "kb.handouts", "kb.lighthouse")


def cmd_bench(args: argparse.Namespace) -> int:
    from kb.bench import main as bench_main

    return bench_main(args.bench_args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/docs.py", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="run every content check (or --only NAME ...)")
    check.add_argument("--only", nargs="+", metavar="NAME")
    check.add_argument("--root", default=str(ROOT), help="project root (default: this repo)")
    bench = sub.add_parser("bench", help="benchmark the site checker against peers")
    bench.add_argument("bench_args", nargs=argparse.REMAINDER)
    COMMANDS["bench"] = cmd_bench
    for module_name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        COMMANDS.update(module.register(sub))
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UserError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
