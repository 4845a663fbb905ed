"""How long answers take against the three-week norm: a table and a chart.

    python examples/response_times.py [OUTPUT_FOLDER]     (default: ./out)

Needs pandas and matplotlib (pip install 'kg[analysis,figures]').
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from kg.build import build
from kg.figures import NORM_DAYS, response_time_chart, response_times
from kg.store import KgStore

EXAMPLES = Path(__file__).resolve().parent
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, KgStore.open(Path(tmp) / "store") as store:
        build([EXAMPLES / "*.txt"], store)
        frame = pd.DataFrame([asdict(r) | {"state": r.state} for r in response_times(store)])
        print(frame.to_string(index=False))
        answers = frame[frame["kind"] != "notice"]
        print(f"\n{(answers['days'] > NORM_DAYS).sum()} of {len(answers)} answers took longer than {NORM_DAYS} days;"
              f" median {answers['days'].median():.0f} days")  # fmt: skip
        print("wrote", response_time_chart(store, OUT / "response-times.png"))


if __name__ == "__main__":
    main()
