"""Print the document citations in a text as JSON lines: python scripts/citations.py [FILE|-]."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kb.model.citations import extract
from kb.model.docnumber import KEY_HELP

FIELDS_HELP = """\
Each line is one citation with the fields span, start, end, key, kind, doc_type, number,
year, type_code, issuer_code, date (YYYY-MM-DD), issuer_name, article and clause. The span
is the citation as written, without the footnote digit that the key leaves out.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__,
        epilog=FIELDS_HELP + "\n" + KEY_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", default="-", help="text file to read; - for stdin")
    args = parser.parse_args(argv)
    # Bytes in and out, decoded as UTF-8 explicitly: the locale may be C or POSIX in CI.
    if args.file == "-":
        text = sys.stdin.buffer.read().decode("utf-8")
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except OSError as error:
            reason = "file not found" if isinstance(error, FileNotFoundError) else error.strerror
            print(f"{args.file}: {reason}", file=sys.stderr)
            return 2
    out = "".join(json.dumps(c.as_dict(), ensure_ascii=False) + "\n" for c in extract(text))
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
