"""Run the OCR reader over a JSONL file of Staten-Generaal Digitaal pages and report what it made of them.

    python benchmarks/ocr_bulk.py [PATH] [--show-refused] [--show-crashed]

PATH defaults to ../shared/corpus/bulk/sgd-aanhangsel.jsonl (one JSON object a line with url, source, text).
Prints how many pages parsed, how many were refused (by reason), how many crashed (must be 0), and per field
how often a parsed record fills it. Exit status 1 when anything crashed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import traceback
from collections import Counter
from pathlib import Path

from kg.errors import ParseError
from kg.readers.ocr import looks_like_ocr, read

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "bulk" / "sgd-aanhangsel.jsonl"
SCALARS = ("id", "chamber", "session", "number", "title", "date_submitted", "date_answered")
LISTS = ("askers", "addressees", "answerers", "on_behalf_of", "see_also", "questions", "answers", "footnotes")


def reason(exc: ParseError) -> str:
    """A short name for why a page was refused (the message without its variable parts)."""
    text = exc.message
    text = re.sub(r"\(\d+ spaces for \d+ letters\)", "(…)", text)
    return f"{type(exc).__name__}: {text[:110]}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--show-refused", action="store_true", help="list every refused record with its message")
    ap.add_argument("--show-crashed", action="store_true", help="print the traceback of every crash")
    args = ap.parse_args(argv)

    parsed = 0
    refused: Counter[str] = Counter()
    crashed: list[tuple[str, str]] = []
    filled: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    detected = 0
    total = 0
    with args.path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            total += 1
            rec = json.loads(line)
            text, url = rec.get("text") or "", rec.get("url") or rec.get("source") or f"line {total}"
            detected += looks_like_ocr(text)
            try:
                doc = read(text.encode("utf-8"), url)
            except ParseError as exc:
                refused[reason(exc)] += 1
                if args.show_refused:
                    print(f"refused {exc}")
                continue
            except Exception:  # the benchmark counts crashes instead of stopping
                crashed.append((url, traceback.format_exc()))
                continue
            parsed += 1
            record = doc.to_record()
            kinds[record["kind"]] += 1
            for key in SCALARS:
                filled[key] += record[key] is not None
            for key in LISTS:
                filled[key] += bool(record[key])

    print(f"records   {total}")
    print(f"detected  {detected} (looks_like_ocr)")
    print(f"parsed    {parsed}  ({', '.join(f'{k} {v}' for k, v in kinds.most_common())})")
    print(f"refused   {sum(refused.values())}")
    for why, n in refused.most_common():
        print(f"  {n:>4}  {why}")
    print(f"crashed   {len(crashed)}")
    for url, tb in crashed:
        print(f"  {url}: {tb.strip().splitlines()[-1]}")
        if args.show_crashed:
            print(tb)
    if parsed:
        print("\nfield fill rate (of parsed records)")
        for key in SCALARS + LISTS:
            print(f"  {key:<15} {filled[key] / parsed:6.1%}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
