"""Build the example documents into a temporary store and read named queries into pandas.

    python examples/query_to_pandas.py [OUTPUT_FOLDER]     (default: ./out)

Needs pandas (pip install 'kg[analysis]'). The same works for any folder of documents: give
`build` the folder, files or glob patterns.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyoxigraph as ox

from kg.build import build
from kg.query import QueryResult, load_named_queries, run_named
from kg.store import KgStore

EXAMPLES = Path(__file__).resolve().parent
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out")
XSD = "http://www.w3.org/2001/XMLSchema#"


def value(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> object:
    """A Python value for an RDF term: numbers, dates and booleans typed, everything else text."""
    if not isinstance(term, ox.Literal):
        return None if term is None else term.value
    kind = term.datatype.value.removeprefix(XSD)
    if kind in ("integer", "int", "long", "nonNegativeInteger"):
        return int(term.value)
    if kind in ("decimal", "double", "float"):
        return float(Decimal(term.value))
    if kind == "date":
        return dt.date.fromisoformat(term.value)
    if kind == "boolean":
        return term.value == "true"
    return term.value


def to_frame(result: QueryResult) -> pd.DataFrame:
    """The rows of a SELECT query as a DataFrame with typed columns."""
    return pd.DataFrame([[value(t) for t in row] for row in result.rows], columns=result.variables)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, KgStore.open(Path(tmp) / "store") as store:
        report = build([EXAMPLES / "*.txt"], store)
        print(report.summary())

        print("\nNamed queries:")
        for name, q in load_named_queries().items():
            print(f"  {name:28} {q.title}")

        members = to_frame(run_named(store, "questions-per-member"))
        print("\nQuestions per member:\n", members.to_string(index=False))

        whom = to_frame(run_named(store, "who-asks-whom", {"mp": "Nispen"}))
        print("\nWho Van Nispen asks:\n", whom.to_string(index=False))

        times = to_frame(run_named(store, "response-times"))
        print("\nResponse times:\n", times.to_string(index=False))
        members.to_csv(OUT / "questions-per-member.csv", index=False)
    print(f"\nwrote {OUT / 'questions-per-member.csv'}")


if __name__ == "__main__":
    main()
