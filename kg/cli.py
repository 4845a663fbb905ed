"""The `kg` command: a thin layer over the library.

Each command parses its options, makes one library call, prints the result and turns `kg.errors`
into a one-line message and a documented exit code (see `kg --help` and the README):

0 success · 1 some inputs failed · 2 usage · 3 parse error · 4 store · 5 query · 6 SHACL violations
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from kg import __version__
from kg.errors import EXIT_CODES, KgError, UsageError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="kg: Dutch written parliamentary questions (Kamervragen) → a queryable knowledge graph.\n\n"
    + "Exit codes: " + "; ".join(f"{k} {v}" for k, v in EXIT_CODES.items()),
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

StoreOpt = Annotated[Path, typer.Option("--store", "-s", help="Store directory.", envvar="KG_STORE")]
DEFAULT_STORE = Path("kg-store")
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress, only the summary and errors.")]
RefdataOpt = Annotated[
    Path | None,
    typer.Option("--refdata", envvar="KG_REFDATA", help="Reference index folder for linking (default: $XDG_DATA_HOME/kg/refdata)."),
]


def _say(message: str) -> None:
    """One line on stderr, never wrapped or styled (messages are for people and for scripts)."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False) -> None:
    """kg: parse written questions into a knowledge graph, store it, query it, export it."""
    if version:
        typer.echo(__version__)
        raise typer.Exit(0)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn kg errors into a message on stderr and the error's exit code."""
    try:
        yield
    except KgError as exc:
        _say(f"kg: {exc}")
        raise typer.Exit(exc.exit_code) from None


def _open_store(path: Path, *, read_only: bool = False, create: bool = False):
    from kg.store import KgStore

    return KgStore.open(path, read_only=read_only, create=create)


# --- parse ------------------------------------------------------------------------------------


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Files, folders or globs to parse.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the contract record(s) as JSON (the default).")] = True,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first file that fails.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say per file which reader took it.")] = False,
    refdata: RefdataOpt = None,
) -> None:
    """Parse written-question documents and print their records (one object per file; a list for several)."""
    from kg.build import expand_paths
    from kg.pipeline import parse_file

    with _errors():
        paths = expand_paths(files)
    records, failed = [], 0
    for f in paths:
        try:
            doc = parse_file(f, refdata=refdata)
        except KgError as exc:
            _say(f"kg: {exc}")
            failed += 1
            if strict:
                raise typer.Exit(exc.exit_code) from None
            continue
        for w in doc.warnings:
            _say(f"kg: warning: {f}: {w}")
        if verbose:
            _say(f"{f}: read as {doc.reader}")
        records.append(doc.to_record())
    single = len(files) == 1 and len(paths) == 1 and not any(ch in str(files[0]) for ch in "*?[") and not files[0].is_dir()
    if records or not single:
        json.dump(records[0] if single else records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    if failed:
        raise typer.Exit(3 if failed == len(paths) else 1)


# --- build ------------------------------------------------------------------------------------


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders or globs to build.", show_default=False)],
    store: StoreOpt = DEFAULT_STORE,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first file that fails.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild files even when unchanged.")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Remove graphs of files that are no longer given.")] = False,
    replace_store: Annotated[bool, typer.Option("--replace-store", help="Start from an empty store.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")] = 0,
    refdata: RefdataOpt = None,
    endpoint: Annotated[str | None, typer.Option("--endpoint", help="Build into a SPARQL 1.1 Graph Store server at this URL (e.g. http://localhost:7878/store) instead of --store.")] = None,
    query_endpoint: Annotated[str | None, typer.Option("--query-endpoint", help="The server's SPARQL query URL (default for …/store: …/query).")] = None,
    optimize: Annotated[
        bool | None,
        typer.Option("--optimize/--no-optimize", help="Compact the store at the end (default: when the build made a new store of 20,000 documents or more)."),
    ] = None,
    text_index: Annotated[
        bool,
        typer.Option("--text-index/--no-text-index", help="Keep the text index `kg search` reads (about 1 CPU-ms a document: a minute of a 19-minute build of 100,000); without it, the next build with it makes it again."),
    ] = True,
    quiet: QuietOpt = False,
) -> None:
    """Build documents into the store; rebuilding a file replaces its document's graph."""
    from kg.build import build as run_build

    if endpoint and replace_store:
        _say("kg: --replace-store is for the local store; with --endpoint, empty the server yourself")
        raise typer.Exit(2)
    if endpoint and optimize:
        _say("kg: --optimize is for the local store; a server compacts its own")
        raise typer.Exit(2)
    if replace_store and store.exists():
        if not ((store / "db").exists() or (store / "CURRENT").exists()) and any(store.iterdir()):
            _say(f"kg: {store} is not a kg store; not removing it")
            raise typer.Exit(2)
        shutil.rmtree(store, ignore_errors=True)  # files may vanish meanwhile: the store's trash is deleted in the background
        if store.exists():
            shutil.rmtree(store)  # what is left, with its error
    with _errors(), _build_target(store, endpoint, query_endpoint) as kg_store:
        progress, finish = _progress(quiet)
        stage, end_stage = _stages(quiet, finish)
        try:
            report = run_build(
                paths, kg_store, strict=strict, force=force, prune=prune, jobs=jobs or None, refdata=refdata,
                progress=progress, stage=stage, optimize=optimize, text_index=text_index,
            )  # fmt: skip
        finally:
            finish()
            end_stage()
    for r in report.results:
        for w in r.warnings:
            _say(f"kg: warning: {r.path}: {w}")
        if r.status == "failed":
            _say(f"kg: {r.message}")
        elif r.message and not quiet:
            _say(f"kg: {r.path}: {r.message}")
    for w in report.warnings:
        _say(f"kg: warning: {w}")
    _say(f"{report.summary()} → {endpoint or store}")
    if report.failed:
        raise typer.Exit(1)


def _bar(quiet: bool, what: str, unit: str = "files"):
    """A progress callback (done, total) and its finisher: a bar with rate and ETA on a terminal,
    nothing when stderr is not a terminal or with --quiet."""
    if quiet or not sys.stderr.isatty():
        return None, lambda: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
        console=err, transient=True,
    )  # fmt: skip
    task = bar.add_task(what, total=None, rate="")
    bar.start()

    def step(done: int, total: int) -> None:
        speed = bar.tasks[0].speed
        bar.update(task, completed=done, total=total, rate=f"{speed:,.0f} {unit}/s" if speed else "")

    return step, bar.stop


_STAGES = {"deriving": "deriving the cases and summaries", "optimizing": "compacting the store", "indexing texts": "indexing the texts for kg search"}


def _stages(quiet: bool, before: Callable[[], None]) -> tuple[Callable[[str], None] | None, Callable[[], None]]:
    """A callback naming the step a command has gone on to after its bar (`before` stops the bar), shown
    with a spinner, and its finisher; nothing when stderr is not a terminal or with --quiet."""
    if quiet or not sys.stderr.isatty():
        return None, lambda: None
    shown: list[Any] = []

    def stage(what: str) -> None:
        text = _STAGES.get(what, what)
        if shown:
            shown[0].update(text)
            return
        before()
        shown.append(err.status(text))
        shown[0].start()

    return stage, lambda: shown[0].stop() if shown else None


def _progress(quiet: bool, what: str = "building"):
    """Like `_bar`, for callbacks that also get the file's result: (result, done, total)."""
    step, stop = _bar(quiet, what)
    if step is None:
        return None, stop
    return (lambda result, done, total: step(done, total)), stop


# --- query ------------------------------------------------------------------------------------


def _params(values: list[str]) -> dict[str, str]:
    out = {}
    for v in values:
        key, sep, val = v.partition("=")
        if not sep or not key:
            raise UsageError(f"--param {v!r} is not NAME=VALUE")
        out[key.strip()] = val
    return out


@app.command()
def query(
    query_arg: Annotated[str, typer.Argument(metavar="QUERY", help="A named query, a .rq file, or - for standard input.")],
    param: Annotated[list[str], typer.Option("--param", "-p", help="NAME=VALUE for a named query's parameter.")] = [],  # noqa: B006
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv, json, xml; ttl/nt/jsonld for CONSTRUCT.")] = "table",
    limit: Annotated[int | None, typer.Option("--limit", min=0, help="At most this many rows (a page).")] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows first (with --limit: the page after them).")] = 0,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Run a SPARQL query (by name from the library, from a file, or from stdin) against the store.

    With --limit/--offset one page of the rows; a named query that marks its page (`# page`) looks up
    only that page's rows, so a page of a long list comes as fast as a short list."""
    from kg.query import bind, named_query, parse_named_query, run_sparql

    with _errors():
        if query_arg == "-":
            nq = parse_named_query("stdin", sys.stdin.read())
        elif query_arg.endswith(".rq") or Path(query_arg).is_file():
            p = Path(query_arg)
            if not p.is_file():
                raise UsageError(f"no query file {p}")
            nq = parse_named_query(p.stem, p.read_text(encoding="utf-8"), p)
        else:
            nq = named_query(query_arg)
        bindings = bind(nq, _params(param)) if nq.params or param else None
        with _open_store(store, read_only=True) as kg_store:
            result = run_sparql(kg_store, nq.sparql, bindings, limit=limit, offset=offset)
        _print_result(result, fmt, nq.title if query_arg != "-" else None)
        if result.truncated and result.rows and fmt == "table":
            out.print(f"more rows follow: --offset {offset + len(result.rows)}", style="dim")


@app.command()
def search(
    terms: Annotated[list[str], typer.Argument(metavar="TEXT...", help="Words or parts of words; several: documents holding all of them.")],
    part: Annotated[list[str], typer.Option("--in", help="Search only titel, vraag, antwoord or voetnoot; repeatable.")] = [],  # noqa: B006
    date_from: Annotated[str | None, typer.Option("--from", help="Only documents dated on or after this day (YYYY-MM-DD; answered, else submitted).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Only documents dated on or before this day (YYYY-MM-DD).")] = None,
    count: Annotated[bool, typer.Option("--count", help="Only how many documents and parts hold them.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv, json, xml.")] = "table",
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many documents (a page).")] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many documents first.")] = 0,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Find the documents whose text holds every TEXT, newest first (the store's full-text index).

    A TEXT may be any part of a word ("stikstof" finds "stikstofuitstoot") or several words in quotes;
    case does not matter. Each row: the document, its date and title, where in it
    the text is (vraag 2, antwoord 2, ...) and a fragment of the first place (other formats than the
    table add the document's IRI and its page at officielebekendmakingen.nl)."""
    from kg.results import FORMATS
    from kg.textindex import search as run_search

    with _errors():
        if fmt not in FORMATS:
            raise UsageError(f"no format {fmt!r} for search results", hint=f"one of {', '.join(FORMATS)}")
        result = run_search(store, terms, parts=part, date_from=date_from, date_to=date_to, limit=limit, offset=offset, count=count)
    if fmt != "table" or count:
        _print_result(result, fmt, None)
        return
    table = Table(show_lines=False)  # the identifier stands for the IRIs here; the fragment gets the room
    widths = {"id": None, "datum": None, "titel": 2, "waar": 1, "fragment": 4}
    shown = [i for i, v in enumerate(result.variables) if v in widths]
    for i in shown:
        width = widths[result.variables[i]]
        table.add_column(result.variables[i], no_wrap=width is None, ratio=width, overflow="fold")
    for row in result.rows:
        table.add_row(*("" if row[i] is None else row[i].value for i in shown))
    out.print(table)
    n = len(result.rows)
    out.print(f"{n} document{'' if n == 1 else 's'}" + (f"; more follow: --offset {offset + n}" if result.truncated else ""), style="dim")


def _print_result(result, fmt: str, title: str | None) -> None:
    from kg.results import render

    if fmt == "table" and result.form == "SELECT":
        table = Table(title=title, show_lines=False)
        for v in result.variables:
            table.add_column(v, overflow="fold", min_width=min(len(v), 14))
        for row in result.rows:
            table.add_row(*("" if t is None else t.value for t in row))
        out.print(table)
        out.print(f"{len(result.rows)} rows", style="dim")
    elif fmt == "table" and result.form == "ASK":
        out.print("true" if result.boolean else "false")
    else:
        sys.stdout.write(render(result, fmt))
        if not render(result, fmt).endswith("\n"):
            sys.stdout.write("\n")


@app.command("queries")
def list_queries() -> None:
    """List the named queries with their parameters."""
    from kg.query import load_named_queries

    table = Table(show_lines=False)
    table.add_column("name")
    table.add_column("title")
    table.add_column("parameters")
    for name, q in load_named_queries().items():
        params = ", ".join(f"{p.name}{'' if p.required else '?'}:{p.type}" for p in q.params)
        table.add_row(name, q.title, params)
    out.print(table)


# --- export, validate --------------------------------------------------------------------------


export_app = typer.Typer(help="Export the graph: as RDF (kg export --format ttl), or a projection as a network file (kg export graph).")
app.add_typer(export_app, name="export")


@export_app.callback(invoke_without_command=True)
def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="ttl, nt, nq, trig, jsonld, rdfxml.")] = "trig",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    dcat: Annotated[bool, typer.Option("--dcat", help="Write a DCAT-AP(-NL) description of the graph instead of the graph.")] = False,
    base_url: Annotated[str, typer.Option("--base-url", help="With --dcat: where the distributions will be published.")] = "https://example.org/kamervragen/",
    publisher: Annotated[str, typer.Option("--publisher", help="With --dcat: the publisher's IRI.")] = "https://w3id.org/kg-kamervragen/",
    store: StoreOpt = DEFAULT_STORE,
    quiet: QuietOpt = False,
) -> None:
    """Export the whole graph as RDF (or, with --dcat, its DCAT-AP description)."""
    if ctx.invoked_subcommand is not None:
        return
    from kg.export import export_rdf

    step, finish = _bar(quiet or output is None, "exporting", "quads")
    with _errors(), _open_store(store, read_only=True) as kg_store:
        if dcat:
            from kg.dcat import describe

            text = describe(kg_store, base_url=base_url, publisher=publisher).encode()
            data = None if output else text
            if output:
                output.write_bytes(text)
        else:
            try:
                data = export_rdf(kg_store, fmt, str(output) if output else None, progress=step)
            finally:
                finish()
    if output is None and data is not None:
        sys.stdout.buffer.write(data)
    elif output is not None:
        _say(f"wrote {output}")


@app.command()
def validate(store: StoreOpt = DEFAULT_STORE) -> None:
    """Check the store against the SHACL shapes (ontology/shapes.ttl)."""
    from kg.validate import validate_store

    with _errors(), _open_store(store, read_only=True) as kg_store:
        report = validate_store(kg_store)
    for v in report.violations:
        out.print(f"{v.severity}: {v.focus} {v.path}: {v.message}")
    if not report.conforms:
        _say(f"kg: {len(report.violations)} SHACL violations")
        raise typer.Exit(6)
    _say("conforms to ontology/shapes.ttl")


@app.command()
def optimize(store: StoreOpt = DEFAULT_STORE, quiet: QuietOpt = False) -> None:
    """Compact the store on disk (the content does not change): after a large build or many changes,
    later builds do not wait for what the loads left to merge, and queries read fewer files."""
    with _errors():
        if not store.is_dir():
            raise UsageError(f"no store at {store}", hint="give --store DIR, a folder made by kg build")
        with _open_store(store) as kg_store:
            before, started = kg_store.db_bytes(), time.monotonic()
            stage, end = _stages(quiet, lambda: None)
            try:
                if stage:
                    stage("optimizing")
                kg_store.optimize()
            finally:
                end()
            after = kg_store.db_bytes()
    _say(f"optimized {store}: {_mb(before)} → {_mb(after)} in {time.monotonic() - started:.1f} s")


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


ProjectionOpt = Annotated[
    str,
    typer.Option("--projection", help="entities, co-asking, member-office, document-entity, co-mention, ministry-organisation."),
]
FromOpt = Annotated[str | None, typer.Option("--from", help="Only publications dated on or after this day (YYYY-MM-DD; submitted, else received).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Only publications dated on or before this day (YYYY-MM-DD).")]
PartyOpt = Annotated[str | None, typer.Option("--party", help="Only publications asked by a member of this party (e.g. SP, GL-PvdA).")]
MinistryOpt = Annotated[
    str | None, typer.Option("--ministry", help="Only publications addressed to or answered by an office of a ministry whose name contains this.")
]
EntityTypeOpt = Annotated[list[str], typer.Option("--entity-type", help="Only entities of this type (Organisation, Law, Report …); repeatable.")]
MinWeightOpt = Annotated[int, typer.Option("--min-weight", help="Only edges behind at least this many publications.")]
ColorByOpt = Annotated[str, typer.Option("--color-by", help="Colour nodes by type, party or ministry.")]
TitleOpt = Annotated[str | None, typer.Option("--title", help="Title of the page or figure.")]


@export_app.command("graph")
def export_graph(
    projection: ProjectionOpt = "entities",
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="graphml, gexf, cytoscape, d3, dot, csv (default: from the -o suffix).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here (csv: NAME.nodes.csv and NAME.edges.csv).")] = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    party: PartyOpt = None,
    ministry: MinistryOpt = None,
    entity_type: EntityTypeOpt = [],  # noqa: B006
    min_weight: MinWeightOpt = 1,
    store: StoreOpt = DEFAULT_STORE,
    quiet: QuietOpt = False,
) -> None:
    """Export a projection of the graph as a network file (Gephi, Cytoscape, D3, Graphviz, CSV).

    With -o, a bar on a terminal: the projection first (no total yet), then the nodes and edges written."""
    from kg.graphs import export_graph as run_export

    with _errors():
        filters = _filters(date_from, date_to, party, ministry, entity_type, min_weight)
        step, finish = _bar(quiet or output is None, f"exporting {projection}", "nodes+edges")
        with _open_store(store, read_only=True) as kg_store:
            try:
                result = run_export(kg_store, projection, fmt, output, filters, progress=step)
            finally:
                finish()
    if isinstance(result, str):
        sys.stdout.write(result)
    else:
        _say("wrote " + ", ".join(str(p) for p in result))


def _filters(date_from: str | None, date_to: str | None, party: str | None, ministry: str | None, entity_types: list[str], min_weight: int):
    """The projection filters of `export graph`, `viz` and `figure` (raises `UsageError` on a bad value)."""
    from kg.graphs import Filters

    return Filters.parse(date_from=date_from, date_to=date_to, party=party, ministry=ministry, entity_types=entity_types, min_weight=min_weight)


@app.command()
def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("graph.html"),
    projection: ProjectionOpt = "entities",
    color_by: ColorByOpt = "type",
    max_nodes: Annotated[int, typer.Option("--max-nodes", help="Draw at most this many nodes (those with the most connections).")] = 500,
    title: TitleOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    party: PartyOpt = None,
    ministry: MinistryOpt = None,
    entity_type: EntityTypeOpt = [],  # noqa: B006
    min_weight: MinWeightOpt = 1,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Write an interactive view of a projection: one HTML file that works offline."""
    from kg.viz import write_html

    with _errors():
        filters = _filters(date_from, date_to, party, ministry, entity_type, min_weight)
        with _open_store(store, read_only=True) as kg_store:
            path = write_html(kg_store, output, projection=projection, filters=filters, color_by=color_by, max_nodes=max_nodes, title=title)
    _say(f"wrote {path} (open it in a browser; it needs no network)")


@app.command()
def figure(
    what: Annotated[str, typer.Argument(help="graph (a projection, spring layout) or response-times (days to answer, 21-day norm).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The figure file: .png, .svg or .pdf.")],
    projection: ProjectionOpt = "entities",
    color_by: ColorByOpt = "type",
    max_nodes: Annotated[int, typer.Option("--max-nodes", help="Draw at most this many nodes (those with the most connections).")] = 150,
    title: TitleOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    party: PartyOpt = None,
    ministry: MinistryOpt = None,
    entity_type: EntityTypeOpt = [],  # noqa: B006
    min_weight: MinWeightOpt = 1,
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Draw a static figure (needs matplotlib, the 'figures' extra of kg)."""
    from kg.figures import figure as draw

    with _errors():
        filters = _filters(date_from, date_to, party, ministry, entity_type, min_weight)
        with _open_store(store, read_only=True) as kg_store:
            path = draw(kg_store, what, output, projection=projection, filters=filters, color_by=color_by, max_nodes=max_nodes, title=title)
    _say(f"wrote {path}")


# --- serve, push ------------------------------------------------------------------------------


def _endpoint_auth() -> tuple[str, str] | str | None:
    """Credentials for a remote store from $KG_ENDPOINT_AUTH: "user:password" (basic auth) or a whole
    Authorization header value such as "Bearer …" (kept out of the command line and the shell history)."""
    value = os.environ.get("KG_ENDPOINT_AUTH", "").strip()
    if not value:
        return None
    if " " in value:
        return value
    user, sep, password = value.partition(":")
    return (user, password) if sep else value


def _build_target(store: Path, endpoint: str | None, query_endpoint: str | None):
    """What a build writes to: the local store, or a SPARQL 1.1 Graph Store server (--endpoint)."""
    if not endpoint:
        return _open_store(store, create=True)
    from kg.remote import RemoteStore

    base = endpoint.rstrip("/")
    query_url = query_endpoint or (base[: -len("/store")] + "/query" if base.endswith("/store") else None)
    if query_url is None:
        raise UsageError(
            "--endpoint needs --query-endpoint too",
            hint="the build reads back what is there (unchanged files, the cases graph); Oxigraph's …/store is paired with …/query",
        )
    return RemoteStore(endpoint, query_url=query_url, auth=_endpoint_auth())


@app.command()
def serve(
    store: StoreOpt = DEFAULT_STORE,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on (127.0.0.1: this machine only; 0.0.0.0: all).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 7878,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run before the client gets 503.")] = 30.0,
    max_results: Annotated[int, typer.Option("--max-results", help="Rows (or triples) returned at most; longer results are truncated and say so (X-KG-Truncated).")] = 10_000,
    max_request_bytes: Annotated[int, typer.Option("--max-request-bytes", help="Largest request accepted (413/414 beyond).")] = 1_048_576,
    cors: Annotated[list[str], typer.Option("--cors", help="An origin allowed to query from a browser page (repeatable; '*' for any).")] = [],  # noqa: B006
    allow_service: Annotated[bool, typer.Option("--allow-service", help="Allow SERVICE clauses (queries that make the server fetch other endpoints).")] = False,
    workers: Annotated[int, typer.Option("--workers", help="Queries evaluated at once; more get 503 at once.")] = 4,
) -> None:
    """Serve the store read-only over HTTP: SPARQL 1.1 Protocol at /sparql, the named queries at /queries/NAME, a query page at /."""
    from kg.serve import serve as run_server

    with _errors():
        run_server(
            store, host=host, port=port, timeout_s=timeout, max_results=max_results, max_request_bytes=max_request_bytes,
            cors_origins=cors, allow_service=allow_service, workers=workers,
        )  # fmt: skip


@app.command()
def push(
    url: Annotated[str, typer.Argument(help="Graph Store HTTP Protocol URL: http://HOST:7878/store (Oxigraph), http://HOST:3030/DATASET/data (Fuseki) …", show_default=False)],
    store: StoreOpt = DEFAULT_STORE,
    batch: Annotated[int, typer.Option("--batch", help="Document graphs per batch.")] = 200,
    retries: Annotated[int, typer.Option("--retries", help="Retries per request on transient failures, with exponential backoff.")] = 4,
    workers: Annotated[int, typer.Option("--workers", help="Requests in parallel.")] = 4,
    quiet: QuietOpt = False,
) -> None:
    """Copy every graph of the store to a SPARQL 1.1 Graph Store server; each graph is replaced (PUT).

    Credentials, when the server needs them: $KG_ENDPOINT_AUTH="user:password" or "Bearer TOKEN".
    """
    from kg.remote import push as run_push

    with _errors(), _open_store(store, read_only=True) as kg_store:
        step, finish = _progress(quiet, "pushing")
        try:
            report = run_push(
                kg_store, url, batch_docs=batch, retries=retries, auth=_endpoint_auth(), workers=workers,
                progress=(lambda done, total: step(None, done, total)) if step else None,
            )  # fmt: skip
        finally:
            finish()
    for graph, message in report.failed:
        _say(f"kg: {graph}: {message}")
    _say(f"{report.summary()} → {url}")
    if report.failed:
        raise typer.Exit(1)


# --- linking ------------------------------------------------------------------------------------

refdata_app = typer.Typer(no_args_is_help=True, help="Reference data for linking: import files, sync live sources, show the index.")
app.add_typer(refdata_app, name="refdata")


@refdata_app.command("import")
def refdata_import(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of reference data (formats detected by content).", show_default=False)],
    refdata: RefdataOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Compile reference data (TK OData, Wikidata results, polder, openkamer, BWB) into the local index."""
    from kg.link import import_sources
    from kg.link.refdata import index_dir_from

    step, finish = _bar(quiet, "importing")
    with _errors():
        try:
            summary = import_sources(paths, index_dir_from(refdata), progress=step)
        finally:
            finish()
    out.print("\n".join(summary.lines()), markup=False)


@refdata_app.command("sync")
def refdata_sync(refdata: RefdataOpt = None, quiet: QuietOpt = False) -> None:
    """Fetch the live sources (TK Open Data, Wikidata) and rebuild the index (keeps imported files)."""
    from kg.link import sync

    with _errors():
        summary = sync(refdata, progress=None if quiet else _say)
    out.print("\n".join(summary.lines()), markup=False)


@refdata_app.command("info")
def refdata_info(refdata: RefdataOpt = None) -> None:
    """Show where the index is and which sources (dates, licences) it was built from."""
    from kg.link import load_index
    from kg.link.refdata import index_dir_from

    with _errors():
        idx = load_index(refdata)
    if idx is None:
        out.print(f"no reference index in {index_dir_from(refdata)}; linking uses the built-in facts (run `kg refdata import PATH…`)", markup=False)
        return
    out.print(f"{idx.path}  built {idx.meta.get('built')}  persons {len(idx.persons)}", markup=False)
    for src in idx.sources:
        out.print(f"  {src.format:<20} {src.rows:>7}  {src.licence or '?':<28} {src.repo or src.url or ''} {src.commit[:10]}  {src.path}", markup=False)


@app.command("link")
def link_cmd(
    files: Annotated[list[Path], typer.Argument(help="Files, folders or globs to parse and link.", show_default=False)],
    show_report: Annotated[bool, typer.Option("--report", help="Print what was linked, ambiguous or left unlinked, and why.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (records, or the report with --report).")] = False,
    refdata: RefdataOpt = None,
) -> None:
    """Parse documents and link persons, offices, organisations and laws to external identifiers."""
    from kg.build import expand_paths
    from kg.link import report
    from kg.pipeline import parse_file

    with _errors():
        paths = expand_paths(files)
    docs, failed = [], 0
    for f in paths:
        try:
            docs.append(parse_file(f, refdata=refdata))
        except KgError as exc:
            _say(f"kg: {exc}")
            failed += 1
    if show_report:
        r = report(docs)
        sys.stdout.write((json.dumps(r.to_record(), ensure_ascii=False, indent=1) if as_json else "\n".join(r.lines())) + "\n")
    else:
        records = [d.to_record() for d in docs]
        json.dump(records[0] if len(paths) == 1 and records else records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    if failed:
        raise typer.Exit(3 if failed == len(paths) else 1)


def main() -> None:
    """Console entry point: unexpected errors become one line (set KG_DEBUG=1 for the traceback)."""
    try:
        app()
    except Exception as exc:  # the last line of defence: never a traceback for a user
        if os.environ.get("KG_DEBUG"):
            raise
        _say(f"kg: internal error: {type(exc).__name__}: {exc} (please report it; KG_DEBUG=1 shows the traceback)")
        sys.exit(70)
