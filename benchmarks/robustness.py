"""Robustness tally: bad inputs tried, crashes (must be 0), documents lost (must be 0).

    python benchmarks/robustness.py [--shared ../shared] [--mutations 2000] [--seed 1]

1. Every kind of bad input in `kg.badinput` (empty, garbage, broken PDFs and Word files, XML with
   XXE / entity bombs / DOCTYPE, malformed OData, 200 MB, awkward encodings, duplicated numbers).
2. Random mutations (lines cut, shuffled, dropped; hyphens and digits inserted; characters and
   bytes replaced; truncation) of the examples, the test fixtures and, when present, the shared
   corpus and the 528 bulk OCR records: each must give a record or kg's ParseError.
3. One batch build of good and bad files together: every good document must reach the store.

Prints the tally and exits 1 if anything crashed or a document was lost.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.badinput import catalogue  # noqa: E402
from kg.build import build  # noqa: E402
from kg.errors import ParseError  # noqa: E402
from kg.pipeline import parse_bytes  # noqa: E402
from kg.store import KgStore  # noqa: E402


def _mutate_text(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 6)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        op = rng.choice(["cut", "shuffle", "hyphen", "digit", "replace", "drop", "dup"])
        line = lines[i]
        if op == "cut" and line:
            lines[i : i + 1] = [line[: len(line) // 2], line[len(line) // 2 :]]
        elif op == "shuffle":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "hyphen" and line:
            k = rng.randrange(len(line) + 1)
            lines[i] = line[:k] + "-" + line[k:]
        elif op == "digit":
            lines[i] = line + str(rng.randint(0, 99))
        elif op == "replace" and line:
            k = rng.randrange(len(line))
            lines[i] = line[:k] + chr(rng.choice([0x20, 0x2D, 0xAD, 0xFFFD, rng.randint(0x21, 0x2FFF)])) + line[k + 1 :]
        elif op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, line)
    return "\n".join(lines)


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not b:
            break
        k = rng.randrange(len(b))
        op = rng.choice(["flip", "truncate", "insert"])
        if op == "flip":
            b[k] = rng.randrange(256)
        elif op == "truncate":
            del b[k:]
        else:
            b[k:k] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(b)


def _samples(shared: Path | None) -> tuple[list[tuple[str, str]], list[tuple[str, bytes]]]:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").glob("*.txt"))]
    texts += [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))]
    binaries = [(p.name, p.read_bytes()) for ext in ("pdf", "docx", "xml", "json", "html") for p in sorted((ROOT / "tests" / "fixtures").rglob(f"*.{ext}"))]
    if shared:
        texts += [(p.name, p.read_text(encoding="utf-8")) for p in sorted((shared / "corpus" / "txt").glob("*.txt"))]
        binaries += [(p.name, p.read_bytes()) for ext in ("pdf", "docx") for p in sorted((shared / "corpus" / ext).glob(f"*.{ext}"))]
        bulk = shared / "corpus" / "bulk" / "sgd-aanhangsel.jsonl"
        if bulk.exists():
            for i, line in enumerate(bulk.read_text(encoding="utf-8").splitlines()):
                texts.append((f"bulk-{i}", json.loads(line)["text"]))
    return texts, binaries


def _try(name: str, data: bytes, tally: Counter, crashes: list[str]) -> None:
    tally["tried"] += 1
    try:
        parse_bytes(data, name)
        tally["parsed"] += 1
    except ParseError:
        tally["refused"] += 1
    except Exception:  # what this script is here to find
        tally["crashed"] += 1
        crashes.append(f"{name}: {traceback.format_exc(limit=3)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--mutations", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    shared = args.shared if (args.shared / "corpus").is_dir() else None
    rng = random.Random(args.seed)
    seed_text = (ROOT / "examples" / "ah-tk-20132014-seed-kindermishandeling.txt").read_text(encoding="utf-8")
    pdf = (ROOT / "tests" / "fixtures" / "pdf" / "ah-answer.pdf").read_bytes()
    tally: Counter = Counter()
    crashes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # 1. the catalogue
        for case in catalogue(seed_text, pdf):
            path = case.materialise(folder)
            tally["catalogue"] += 1
            data = path.read_bytes() if case.write is None else None
            if data is None:
                try:
                    from kg.pipeline import parse_file

                    parse_file(path)
                    tally["parsed"] += 1
                except ParseError:
                    tally["refused"] += 1
                except Exception:
                    tally["crashed"] += 1
                    crashes.append(f"{case.name}: {traceback.format_exc(limit=3)}")
                tally["tried"] += 1
                path.unlink()
                continue
            _try(case.name, data, tally, crashes)
            path.unlink()
        # 2. mutations
        texts, binaries = _samples(shared)
        for _ in range(args.mutations):
            if binaries and rng.random() < 0.3:
                name, data = rng.choice(binaries)
                _try(f"mutated {name}", _mutate_bytes(data, rng), tally, crashes)
            else:
                name, text = rng.choice(texts)
                _try(f"mutated {name}", _mutate_text(text, rng).encode(), tally, crashes)
        # 3. a batch of good and bad files: nothing good lost
        batch = folder / "batch"
        batch.mkdir()
        good = sorted((ROOT / "examples").glob("*.txt"))
        for p in good:
            (batch / p.name).write_bytes(p.read_bytes())
        bad = [c for c in catalogue(seed_text, pdf) if c.expect == "error"]
        for c in bad:
            c.materialise(batch)
        store = KgStore.open(folder / "store")
        report = build([batch], store, jobs=2)
        lost = len(good) - store.count_documents()
        store.close()
    print("robustness tally")
    print(f"  bad-input catalogue     {tally['catalogue']}")
    print(f"  inputs tried            {tally['tried']}  (catalogue + {args.mutations} mutations{' of examples, fixtures and the shared corpus' if shared else ' of examples and fixtures'})")
    print(f"  parsed / refused        {tally['parsed']} / {tally['refused']}")
    print(f"  crashes                 {tally['crashed']}  (must be 0)")
    print(f"  batch: built {report.built}, failed {report.failed}, documents lost {lost}  (must be 0)")
    for c in crashes[:10]:
        print("CRASH", c)
    return 1 if tally["crashed"] or lost else 0


if __name__ == "__main__":
    sys.exit(main())
