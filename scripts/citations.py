"""Print the document citations in a text as JSON lines: python scripts/citations.py [FILE|-]."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kb.citations import extract


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", default="-", help="text file to read; - for stdin")
    args = parser.parse_args(argv)
    # Bytes in and out, decoded as UTF-8 explicitly: the locale may be C or POSIX in CI.
    if args.file == "-":
        text = sys.stdin.buffer.read().decode("utf-8")
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except FileNotFoundError:
            print(f"{args.file}: file not found", file=sys.stderr)
            return 2
        except OSError as error:
            print(f"{args.file}: {error.strerror}", file=sys.stderr)
            return 2
    out = "".join(json.dumps(c.as_dict(), ensure_ascii=False) + "\n" for c in extract(text))
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
