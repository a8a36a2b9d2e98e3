"""Print the document citations in a text as JSON lines: python scripts/citations.py [FILE|-]."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kb.model.citations import extract

KEY_HELP = """\
Each line is one citation with the fields span, start, end, key, kind, doc_type, number,
year, type_code, issuer_code, date (YYYY-MM-DD), issuer_name, article and clause.

The key is the document number in one canonical spelling, so one document gets one key
however the text writes it:
  Party number   {n}-{type}/{issuer}          114-QĐ/TW   (also from "114 - qđ / tw",
                                                           "114-QD/TW", "114-QĐ-TW")
  State number   {n}/{year}/{type}-{issuer}   73/2023/NĐ-CP (also from "73/2023/ND - CP")
                 {n}/{type}-{issuer}          1847/QĐ-TTg (also from "1847/QD-TTG")
  Law            {n}/{year}/{legislature}     59/2020/QH14
Separators lose their spaces and line breaks; any dash becomes "-". Known codes take
their usual spelling (QD and qđ are QĐ, TTG is TTg, bcđ is BCĐ, "HD" stays HD); other
codes are written in capitals. A footnote digit glued to the code ("NQ/TW1") is left out
of the key and of the span; span is otherwise the citation as written.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__,
        epilog=KEY_HELP,
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
