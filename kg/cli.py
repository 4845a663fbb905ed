"""The `kg` command: a thin layer over the library (see `kg --help`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.errors import KgError
from kg.pipeline import parse_file

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Knowledge graph of Dutch written parliamentary questions.")


@app.callback()
def _root() -> None:
    """kg: parse written questions into a knowledge graph, store it, query it, export it."""


def _fail(exc: KgError) -> None:
    typer.echo(f"kg: {exc}", err=True)


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Files to parse.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the contract record as JSON.")] = False,
) -> None:
    """Parse written-question documents and print their records."""
    records, failed = [], 0
    for f in files:
        try:
            records.append(parse_file(f).to_record())
        except KgError as exc:
            _fail(exc)
            failed += 1
    out = records[0] if len(files) == 1 and records else records
    if records or len(files) != 1:
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    if failed:
        raise typer.Exit(3 if failed == len(files) else 1)


def main() -> None:
    app()
