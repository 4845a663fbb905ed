"""The local reference index: compile public reference data into one versioned SQLite file, and load it.

`import_sources(paths, index_dir)` reads every file it is given (directories recursively), detects each
format by content (see `kg.link.formats`), merges persons across sources on their identifiers (TK Persoon
GUID, Wikidata QID, parlement.com id, source record ids) and writes `<index_dir>/refdata.sqlite`: persons
with dated mandates, parties, organisations with TOOI/Wikidata/OWMS ids, laws and treaties with BWB ids, and
the list of sources used (path, checksum, repository and commit, licence, retrieval date) for provenance.

`load_index()` finds the index in an explicit folder, else `$KG_REFDATA`, else the per-user data folder
(`$XDG_DATA_HOME/kg/refdata`, default `~/.local/share/kg/refdata`), and returns None when there is none.

>>> idx = RefIndex.from_facts()
>>> [p.label for p in idx.persons.values()][:2]
['Loes Ypma', 'Marith Rebel-Volp']
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import os
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import RefdataError
from kg.link.facts import FACTS_SOURCE, Ministries, PartyTable, fact_parties, fact_persons, ministries, party_table
from kg.link.formats import FORMATS, Collector, LawRecord, PersonRecord, detect_text, read_text
from kg.link.names import NameParts, compact, loose_org_key, name_key, reference_keys
from kg.link.records import GOVERNMENT, Mandate, OrgRecord, Party, Person, SourceInfo, parse_day

__all__ = [
    "INDEX_FILE",
    "SCHEMA_VERSION",
    "ImportSummary",
    "RefIndex",
    "RefdataError",
    "default_index_dir",
    "import_sources",
    "index_dir_from",
    "load_index",
]

INDEX_FILE = "refdata.sqlite"
SCHEMA_VERSION = "1"
ENV_VAR = "KG_REFDATA"

# licences of sources that carry none in a manifest
DEFAULT_LICENCE = {"tk-odata": "CC0-1.0 (Tweede Kamer Open Data)", "wikidata-sparql": "CC0-1.0 (Wikidata)"}
_SKIP_NAMES = {"MANIFEST.tsv", "REPORT.md", "README.md", "_source.json"}
_SKIP_SUFFIXES = {".md", ".ttl", ".xml", ".xsd", ".pdf", ".docx", ".zip", ".gz", ".sqlite", ".db"}


# --- locations ------------------------------------------------------------------------------------


def default_index_dir() -> Path:
    """The per-user index folder: `$XDG_DATA_HOME/kg/refdata`, default `~/.local/share/kg/refdata`.

    >>> default_index_dir().parts[-2:]
    ('kg', 'refdata')
    """
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kg" / "refdata"


def index_dir_from(path: str | Path | None = None) -> Path:
    """The index folder to use: `path` when given, else `$KG_REFDATA`, else `default_index_dir()`."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else default_index_dir()


def _index_file(path: Path) -> Path:
    return path if path.suffix == ".sqlite" else path / INDEX_FILE


# --- summary --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import produced: counts, the sources used and what was skipped or conflicting."""

    index_path: Path
    sources: tuple[SourceInfo, ...]
    persons: int
    mandates: int
    parties: int
    organisations: int
    laws: int
    skipped: tuple[tuple[str, str], ...] = ()
    conflicts: tuple[str, ...] = ()
    seconds: float = 0.0
    size_bytes: int = 0

    def lines(self) -> list[str]:
        """A short human-readable account (for the CLI)."""
        out = [
            f"index {self.index_path} ({self.size_bytes / 1e6:.1f} MB, {self.seconds:.1f} s)",
            f"persons {self.persons}, mandates {self.mandates}, parties {self.parties}, organisations {self.organisations}, laws {self.laws}",
        ]
        out += [f"  {s.format:<22} {s.rows:>7}  {s.path}" for s in self.sources]
        out += [f"  skipped {p}: {why}" for p, why in self.skipped]
        if self.conflicts:
            out.append(f"  {len(self.conflicts)} identifier conflicts (not merged), e.g. {self.conflicts[0]}")
        return out


# --- import ---------------------------------------------------------------------------------------


def _files(paths: Iterable[Path]) -> Iterator[Path]:
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f
        else:
            yield p


def _manifest_row(path: Path) -> dict[str, str]:
    """The MANIFEST.tsv row describing `path`, looked up in the folders above it."""
    for parent in list(path.parents)[:4]:
        manifest = parent / "MANIFEST.tsv"
        if manifest.is_file():
            rel = path.relative_to(parent).as_posix()
            lines = manifest.read_text(encoding="utf-8", errors="replace").splitlines()
            if not lines:
                continue
            header = lines[0].split("\t")
            for line in lines[1:]:
                cells = line.split("\t")
                if cells and cells[0] == rel:
                    return dict(zip(header, cells, strict=False))
    return {}


def _sidecar(path: Path) -> dict[str, Any]:
    """Provenance written by `sync` beside downloaded files (`_source.json`)."""
    for candidate in (
        path.with_name(path.name + ".source.json"),
        path.parent / "_source.json",
        path.parent.parent / "_source.json",
    ):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except ValueError:
                continue
            files = data.get("files") or {}
            entry = (
                files.get(path.name) or files.get(path.relative_to(candidate.parent).as_posix())
                if isinstance(files, dict)
                else None
            )
            return {**{k: v for k, v in data.items() if k != "files"}, **(entry or {})}
    return {}


def _read_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RefdataError(f"cannot read {path}: {exc.strerror}", hint="check the path") from exc
    if b"\x00" in data[:4096]:
        return ""
    return data.decode("utf-8", errors="replace")


def import_sources(
    paths: list[Path], index_dir: Path, *, include_facts: bool = True, progress: Callable[[int, int], None] | None = None
) -> ImportSummary:
    """Compile the given files and folders into `<index_dir>/refdata.sqlite` (replacing an older index).

    Every file is recognised by its content; files of no known format are listed in `skipped`.
    `progress(done, total)` is called after each file.
    Raises `RefdataError` when a path does not exist, a recognised file is malformed, or nothing usable was found.
    """
    t0 = time.monotonic()
    col = Collector(ministries(), PartyTable(fact_parties()))
    sources: list[SourceInfo] = []
    skipped: list[tuple[str, str]] = []
    for p in paths:
        if not Path(p).exists():
            raise RefdataError(f"no such file or folder: {p}", hint="give files or folders of reference data")
    files = list(_files(paths))
    for done, f in enumerate(files, 1):
        if progress:
            progress(done - 1, len(files))
        if f.name in _SKIP_NAMES or f.name.endswith(".source.json") or f.suffix.lower() in _SKIP_SUFFIXES:
            continue
        text = _read_file(f)
        fmt = detect_text(text, f.name) if text.strip() else None
        if fmt is None:
            skipped.append((str(f), "format not recognised"))
            continue
        sid = f"src{len(sources) + 1}"
        try:
            rows = read_text(fmt, text, sid, col, f.name)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise RefdataError(f"{f}: malformed {FORMATS[fmt]}: {exc}", hint="re-download the file or leave it out") from exc
        man, side = _manifest_row(f), _sidecar(f)
        sources.append(
            SourceInfo(
                id=sid,
                path=str(f.resolve()),
                format=fmt,
                rows=rows,
                sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                repo=man.get("source_repo", "") or str(side.get("repo", "")),
                commit=man.get("source_commit", "") or str(side.get("commit", "")),
                licence=man.get("licence", "") or str(side.get("licence", "")) or DEFAULT_LICENCE.get(fmt, ""),
                retrieved=str(side.get("retrieved", "")),
                url=str(side.get("url", "")),
                note=(man.get("notes", "") or "")[:300],
            )
        )
    if progress:
        progress(len(files), len(files))
    if not sources:
        raise RefdataError(
            "no reference data recognised in " + ", ".join(str(p) for p in paths),
            hint="see `kg refdata import --help` for the formats",
        )
    col.finish()
    if include_facts:
        col.persons += _fact_records()
    priority = {s.id: _PRIORITY.get(s.format, 5) for s in sources}
    persons, conflicts = merge_persons(col.persons, priority)
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    target = _index_file(index_dir)
    fd, tmp = tempfile.mkstemp(prefix=".refdata-", suffix=".sqlite", dir=index_dir)
    os.close(fd)
    try:
        _write(Path(tmp), sources, persons, col.parties, col.orgs, col.laws, conflicts)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        Path(tmp).unlink(missing_ok=True)
        raise RefdataError(f"cannot write {target}: {exc}", hint="check that the folder is writable") from exc
    return ImportSummary(
        index_path=target,
        sources=tuple(sources),
        persons=len(persons),
        mandates=sum(len(p.mandates) for p in persons),
        parties=len(col.parties.parties),
        organisations=len({o.oid for o, _ in col.orgs}),
        laws=len({law.bwb for law in col.laws}),
        skipped=tuple(skipped),
        conflicts=tuple(conflicts),
        seconds=time.monotonic() - t0,
        size_bytes=target.stat().st_size,
    )


def _fact_records() -> list[PersonRecord]:
    """The hand-written persons as person records (one per mandate row; rows of one person share their own key)."""
    out = []
    for ids, name, mandate in fact_persons():
        own = f"facts:{ids.get('tk') or ids.get('wikidata') or compact(name.given + name.surname)}"
        keys = [own] + [f"{s}:{ids[k]}" for s, k in (("tk", "tk"), ("wd", "wikidata"), ("pc", "parlement")) if k in ids]
        out.append(PersonRecord(keys, [name], [name.given] if name.given else [], name.initials, None, [mandate], FACTS_SOURCE))
    return out


# --- merging persons ------------------------------------------------------------------------------

_ID_SCHEMES = {"tk": "tk", "wd": "wikidata", "pc": "parlement"}
_OWN_KEYS = {"polder", "openkamer", "ep", "facts"}
# sources merged first win when others disagree: TK Open Data and polder (from TK Open Data) before the rest
_PRIORITY = {
    "tk-odata": 0,
    "polder-persons": 1,
    "polder-persons-index": 1,
    "polder-mandates": 1,
    "wikidata-sparql": 2,
    "openkamer-fixture": 3,
    "crosswalk": 4,
    "everypolitician": 4,
}


def _drop_shared_ids(records: list[PersonRecord]) -> None:
    """Within one source, an identifier claimed by two different records (two openkamer persons with one TK GUID)
    is wrong for at least one of them: drop it from all of them."""
    claims: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rec in records:
        own = next((k for k in rec.keys if k.partition(":")[0] in _OWN_KEYS), None)
        if own:
            for k in rec.keys:
                if k.partition(":")[0] in _ID_SCHEMES:
                    claims[(rec.source, k)].add(own)
    bad = {key for key, owners in claims.items() if len(owners) > 1}
    if bad:
        for rec in records:
            if any((rec.source, k) in bad for k in rec.keys):
                rec.keys = [k for k in rec.keys if (rec.source, k) not in bad]


def merge_persons(records: list[PersonRecord], priority: dict[str, int] | None = None) -> tuple[list[Person], list[str]]:
    """Merge person records sharing an identifier; never merge two different TK GUIDs, QIDs or parlement ids.

    Records are taken in `priority` order of their source (lower first); a record whose identifiers would join
    persons that other sources keep apart stays on its own, with the identifiers nobody else claims.
    """
    _drop_shared_ids(records)
    order = sorted(range(len(records)), key=lambda i: (priority or {}).get(records[i].source, 5))
    parent: dict[str, str] = {}
    ids: dict[str, dict[str, set[str]]] = {}
    conflicts: list[str] = []

    def node(k: str) -> str:
        if k not in parent:
            parent[k] = k
            scheme, _, value = k.partition(":")
            ids[k] = {scheme: {value}} if scheme in _ID_SCHEMES else {}
        return k

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(node(a)), find(node(b))
        if ra != rb:
            parent[rb] = ra
            for scheme, values in ids.pop(rb).items():
                ids[ra].setdefault(scheme, set()).update(values)

    home: dict[int, str] = {}
    for i in order:
        rec = records[i]
        keys = list(dict.fromkeys(rec.keys))
        if not keys:
            continue
        combined: dict[str, set[str]] = defaultdict(set)
        for k in keys:
            scheme, _, value = k.partition(":")
            if k in parent:
                for s, vals in ids[find(k)].items():
                    combined[s] |= vals
            elif scheme in _ID_SCHEMES:
                combined[scheme].add(value)
        if all(len(v) <= 1 for v in combined.values()):
            node(keys[0])
            for k in keys[1:]:
                union(keys[0], k)
            home[i] = keys[0]
            continue
        clash = sorted(s for s, v in combined.items() if len(v) > 1)
        conflicts.append(f"{rec.source}: {', '.join(keys)} would join persons with different {'/'.join(clash)}; kept apart")
        iso = node(f"rec:{i}")
        for k in keys:
            if k not in parent:
                union(iso, k)
        home[i] = iso
    clusters: dict[str, list[PersonRecord]] = defaultdict(list)
    for i, k in home.items():
        clusters[find(k)].append(records[i])
    persons: list[Person] = []
    for root, recs in clusters.items():
        mandates: dict[tuple[Any, ...], Mandate] = {}
        for r in recs:
            for m in r.mandates:
                mandates.setdefault((m.kind, m.start, m.end, m.party_key, m.body, m.post), m)
        if not mandates:
            continue
        names: list[NameParts] = []
        for r in recs:
            for n in r.names:
                if n.surname and n not in names:
                    names.append(n)
        if not names:
            continue
        given = list(dict.fromkeys(g for r in recs for g in r.given_names if g))
        initials = max((r.initials for r in recs), key=len, default="")
        births = Counter(r.birth for r in recs if r.birth)
        idset = ids.get(root, {})
        id_sources: dict[str, str] = {}
        for r in recs:
            for k in r.keys:
                scheme = _ID_SCHEMES.get(k.partition(":")[0])
                if scheme and scheme not in id_sources and k.partition(":")[2] in idset.get(k.partition(":")[0], set()):
                    id_sources[scheme] = r.source
        one = {s: (sorted(v)[0] if len(v) == 1 else None) for s, v in idset.items()}
        persons.append(
            Person(
                pid=len(persons) + 1,
                tk=one.get("tk"),
                wikidata=one.get("wd"),
                parlement=one.get("pc"),
                names=tuple(names),
                given_names=tuple(given),
                initials=initials,
                birth=births.most_common(1)[0][0] if births else None,
                mandates=tuple(sorted(mandates.values(), key=lambda m: (m.start or dt.date.min, m.kind))),
                id_sources=id_sources,
            )
        )
    return persons, conflicts


# --- writing --------------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE sources (id TEXT PRIMARY KEY, path TEXT, format TEXT, rows INTEGER, sha256 TEXT, repo TEXT,
    commit_id TEXT, licence TEXT, retrieved TEXT, url TEXT, note TEXT);
CREATE TABLE persons (pid INTEGER PRIMARY KEY, tk TEXT, wikidata TEXT, parlement TEXT, birth INTEGER,
    initials TEXT, given_names TEXT, names TEXT, id_sources TEXT);
CREATE TABLE mandates (pid INTEGER, kind TEXT, start TEXT, end_date TEXT, party TEXT, party_key TEXT, body TEXT,
    post TEXT, label TEXT, source TEXT);
CREATE TABLE parties (key TEXT PRIMARY KEY, name TEXT, short TEXT, aliases TEXT, wikidata TEXT, tk_fractie TEXT, source TEXT);
CREATE TABLE orgs (oid TEXT PRIMARY KEY, name TEXT, abbr TEXT, tooi TEXT, wikidata TEXT, owms TEXT, kind TEXT,
    valid_from TEXT, valid_until TEXT, source TEXT);
CREATE TABLE org_names (key TEXT, oid TEXT, valid_from TEXT, valid_until TEXT);
CREATE TABLE laws (bwb TEXT PRIMARY KEY, kind TEXT, title TEXT, source TEXT);
CREATE TABLE law_names (key TEXT, bwb TEXT);
CREATE TABLE conflicts (text TEXT);
"""


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _write(
    path: Path,
    sources: list[SourceInfo],
    persons: list[Person],
    parties: PartyTable,
    orgs: list[tuple[OrgRecord, tuple[tuple[str, Any, Any], ...]]],
    laws: list[LawRecord],
    conflicts: list[str],
) -> None:
    con = sqlite3.connect(path)
    try:
        con.executescript(_SCHEMA)
        from kg import __version__

        meta = {
            "schema_version": SCHEMA_VERSION,
            "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "kg_version": __version__,
        }
        con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        con.executemany(
            "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (s.id, s.path, s.format, s.rows, s.sha256, s.repo, s.commit, s.licence, s.retrieved, s.url, s.note)
                for s in sources
            ],
        )
        con.executemany(
            "INSERT INTO persons VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (
                    p.pid,
                    p.tk,
                    p.wikidata,
                    p.parlement,
                    p.birth,
                    p.initials,
                    json.dumps(p.given_names, ensure_ascii=False),
                    json.dumps([[n.given, n.prefix, n.surname, n.initials] for n in p.names], ensure_ascii=False),
                    json.dumps(p.id_sources),
                )
                for p in persons
            ],
        )
        con.executemany(
            "INSERT INTO mandates VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (p.pid, m.kind, _iso(m.start), _iso(m.end), m.party, m.party_key, m.body, m.post, m.label, m.source)
                for p in persons
                for m in p.mandates
            ],
        )
        con.executemany(
            "INSERT INTO parties VALUES (?,?,?,?,?,?,?)",
            [
                (k, p.name, p.short, json.dumps(p.aliases, ensure_ascii=False), p.wikidata, p.tk_fractie, p.source)
                for k, p in parties.parties.items()
            ],
        )
        seen: dict[str, OrgRecord] = {}
        names: set[tuple[str, str, str | None, str | None]] = set()
        for org, org_names in orgs:
            old = seen.get(org.oid)
            seen[org.oid] = org if old is None else _merge_org(old, org)
            for name, start, end in ((org.name, None, None), (org.abbr, None, None), *org_names):
                key = name_key(name) if name else ""
                if len(key) >= 2:
                    names.add((key, org.oid, _iso(start), _iso(end)))
                loose = loose_org_key(name) if name and len(name) > 6 else ""
                if len(loose) >= 4 and loose != key:
                    names.add(("~" + loose, org.oid, _iso(start), _iso(end)))
        con.executemany(
            "INSERT INTO orgs VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (o.oid, o.name, o.abbr, o.tooi, o.wikidata, o.owms, o.kind, _iso(o.valid_from), _iso(o.valid_until), o.source)
                for o in seen.values()
            ],
        )
        con.executemany(
            "INSERT INTO org_names VALUES (?,?,?,?)", sorted(names, key=lambda r: (r[0], r[1], r[2] or "", r[3] or ""))
        )
        law_seen: dict[str, LawRecord] = {}
        law_keys: set[tuple[str, str]] = set()
        for law in laws:
            law_seen.setdefault(law.bwb, law)
            for n in law.names:
                k = name_key(n)
                if len(k) >= 3:
                    law_keys.add((k, law.bwb))
        con.executemany("INSERT INTO laws VALUES (?,?,?,?)", [(b, x.kind, x.title, x.source) for b, x in law_seen.items()])
        con.executemany("INSERT INTO law_names VALUES (?,?)", sorted(law_keys))
        con.executemany("INSERT INTO conflicts VALUES (?)", [(c,) for c in conflicts])
        con.executescript("CREATE INDEX org_names_key ON org_names(key); CREATE INDEX law_names_key ON law_names(key);")
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()


def _merge_org(a: OrgRecord, b: OrgRecord) -> OrgRecord:
    """One organisation described by two files (the polder index and its full records): fill the gaps."""
    return OrgRecord(
        a.oid,
        a.name or b.name,
        a.abbr or b.abbr,
        a.tooi or b.tooi,
        a.wikidata or b.wikidata,
        a.owms or b.owms,
        a.kind or b.kind,
        a.valid_from or b.valid_from,
        a.valid_until or b.valid_until,
        a.source or b.source,
    )


# --- the loaded index -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LawRow:
    """A law or treaty found by name."""

    bwb: str
    kind: str
    title: str
    source: str


class RefIndex:
    """Reference data in memory (persons, mandates, parties, ministries); organisations and laws on demand."""

    def __init__(
        self,
        persons: Iterable[Person],
        parties: PartyTable,
        sources: Iterable[SourceInfo] = (),
        meta: dict[str, str] | None = None,
        path: Path | None = None,
        ministry_table: Ministries | None = None,
    ):
        self.persons: dict[int, Person] = {p.pid: p for p in persons}
        self.parties = parties
        self.sources: tuple[SourceInfo, ...] = tuple(sources)
        self.meta = dict(meta or {})
        self.path = path
        self.ministries = ministry_table or ministries()
        self._keys: dict[str, dict[int, int]] = defaultdict(dict)
        for p in self.persons.values():
            for n in p.names:
                for key, strength in reference_keys(n):
                    if strength > self._keys[key].get(p.pid, 0):
                        self._keys[key][p.pid] = strength
        # cabinet formations: days on which many government posts start (a post held since an earlier
        # cabinet and not confirmed by another record is weaker evidence than one of the sitting cabinet)
        starts: Counter[dt.date] = Counter()
        for p in self.persons.values():
            starts.update({m.start for m in p.mandates if m.kind in GOVERNMENT and m.start})
        self.formations: tuple[dt.date, ...] = tuple(sorted(d for d, c in starts.items() if c >= 6))
        self.government: tuple[tuple[Person, Mandate], ...] = tuple(
            (p, m) for p in self.persons.values() for m in p.mandates if m.kind in GOVERNMENT
        )
        self.seats: dict[str, tuple[tuple[Person, Mandate], ...]] = {
            chamber: tuple((p, m) for p in self.persons.values() for m in p.mandates if m.kind == chamber)
            for chamber in ("tk", "ek")
        }
        self._coverage: dict[tuple[str, dt.date], float] = {}
        # share of the seats the index must know on a day before a surname and a date alone identify a member
        self.min_coverage = 0.9
        self._con: sqlite3.Connection | None = None
        self._source_names = {s.id: _source_label(s) for s in self.sources}
        self._source_names[FACTS_SOURCE] = FACTS_SOURCE

    # persons ---------------------------------------------------------------------------------------

    def candidates(self, key: str) -> dict[int, int]:
        """Persons whose name gives `key`, with the strength of that key (3 whole surname … 1 part)."""
        return self._keys.get(key, {})

    def coverage(self, chamber: str, day: dt.date) -> float:
        """The share of the seats of `chamber` ("tk"/"ek") on `day` whose holder the index knows (0..1).

        Where the reference data is sparse (before about 2002), a surname alone does not single out a member.
        """
        key = (chamber, day)
        if key not in self._coverage:
            seated = {p.pid for p, m in self.seats.get(chamber, ()) if m.covers(day)}
            seats = (
                (150 if day >= dt.date(1956, 7, 3) else 100) if chamber == "tk" else (75 if day >= dt.date(1956, 7, 3) else 50)
            )
            self._coverage[key] = min(1.0, len(seated) / seats)
        return self._coverage[key]

    def cabinet_start(self, day: dt.date) -> dt.date | None:
        """The last cabinet formation on or before `day` (None when unknown)."""
        i = bisect.bisect_right(self.formations, day)
        return self.formations[i - 1] if i else None

    def source_name(self, source_id: str) -> str:
        """A short name of a source ('polder', 'openkamer', 'tk-odata', 'wikidata', 'kg-facts')."""
        return self._source_names.get(source_id, source_id)

    # organisations and laws (SQLite, on demand) ----------------------------------------------------

    def _db(self) -> sqlite3.Connection | None:
        if self._con is None and self.path is not None:
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        return self._con

    def organisations(self, name: str, day: dt.date | None = None) -> list[OrgRecord]:
        """Organisations known by `name` (any of their names or abbreviations), valid on `day` when names are dated."""
        con = self._db()
        key = name_key(name)
        if con is None or len(key) < 2:
            return []
        found = self._organisations(con, key, day)
        if not found:
            loose = loose_org_key(name)
            found = self._organisations(con, "~" + loose, day) if len(loose) >= 4 else []
        return found

    def _organisations(self, con: sqlite3.Connection, key: str, day: dt.date | None) -> list[OrgRecord]:
        rows = con.execute(
            "SELECT DISTINCT o.oid, o.name, o.abbr, o.tooi, o.wikidata, o.owms, o.kind, o.valid_from, o.valid_until, o.source, "
            "n.valid_from, n.valid_until FROM org_names n JOIN orgs o ON o.oid = n.oid WHERE n.key = ?",
            (key,),
        ).fetchall()
        out: dict[str, OrgRecord] = {}
        for r in rows:
            start, end = parse_day(r[10]), parse_day(r[11])
            if day and ((start and day < start) or (end and day > end)):
                continue
            out.setdefault(r[0], OrgRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6], parse_day(r[7]), parse_day(r[8]), r[9]))
        return list(out.values())

    def laws(self, name: str) -> list[LawRow]:
        """Laws and treaties cited by `name` (citeertitel, title or short name)."""
        con = self._db()
        key = name_key(name)
        if con is None or len(key) < 3:
            return []
        rows = con.execute(
            "SELECT DISTINCT l.bwb, l.kind, l.title, l.source FROM law_names n JOIN laws l ON l.bwb = n.bwb WHERE n.key = ?",
            (key,),
        ).fetchall()
        return [LawRow(*r) for r in rows]

    # construction ----------------------------------------------------------------------------------

    @classmethod
    def from_facts(cls) -> RefIndex:
        """An index of the hand-written facts only (ministries, parties, the persons of the examples)."""
        persons, _ = merge_persons(_fact_records())
        return cls(persons, party_table(), meta={"schema_version": SCHEMA_VERSION, "facts_only": "1"})

    @classmethod
    def open(cls, file: Path) -> RefIndex:
        """Load an index file; raises `RefdataError` when it is not a kg reference index of this version."""
        try:
            con = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
            try:
                meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
                if meta.get("schema_version") != SCHEMA_VERSION:
                    raise RefdataError(
                        f"{file}: index version {meta.get('schema_version')!r}, this kg reads version {SCHEMA_VERSION}",
                        hint="run `kg refdata import` again",
                    )
                sources = [
                    SourceInfo(*r)
                    for r in con.execute(
                        "SELECT id, path, format, rows, sha256, repo, commit_id, licence, retrieved, url, note FROM sources"
                    )
                ]
                mandates: dict[int, list[Mandate]] = defaultdict(list)
                for r in con.execute(
                    "SELECT pid, kind, start, end_date, party, party_key, body, post, label, source FROM mandates"
                ):
                    mandates[r[0]].append(Mandate(r[1], _day(r[2]), _day(r[3]), r[4], r[5], r[6], r[7], r[8], r[9]))
                persons = [
                    Person(
                        pid=r[0],
                        tk=r[1],
                        wikidata=r[2],
                        parlement=r[3],
                        birth=r[4],
                        initials=r[5] or "",
                        given_names=tuple(json.loads(r[6])),
                        names=tuple(NameParts(*n) for n in json.loads(r[7])),
                        mandates=tuple(mandates.get(r[0], ())),
                        id_sources=json.loads(r[8]),
                    )
                    for r in con.execute(
                        "SELECT pid, tk, wikidata, parlement, birth, initials, given_names, names, id_sources FROM persons"
                    )
                ]
                parties = PartyTable(fact_parties())
                for r in con.execute("SELECT key, name, short, aliases, wikidata, tk_fractie, source FROM parties"):
                    parties.add(Party(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], r[5], r[6]))
            finally:
                con.close()
        except sqlite3.Error as exc:
            raise RefdataError(f"{file}: not a readable reference index ({exc})", hint="run `kg refdata import` again") from exc
        return cls(persons, parties, sources, meta, file)


_DAY_CACHE: dict[str, dt.date] = {}


def _day(s: str | None) -> dt.date | None:
    if not s:
        return None
    d = _DAY_CACHE.get(s)
    if d is None:
        d = _DAY_CACHE[s] = dt.date.fromisoformat(s)
    return d


def _source_label(s: SourceInfo) -> str:
    if s.format.startswith("polder"):
        return "polder"
    if s.format.startswith("openkamer"):
        return "openkamer"
    if s.format == "everypolitician":
        return "everypolitician"
    return s.format


def load_index(path: str | Path | None = None) -> RefIndex | None:
    """The reference index in `path` (a folder or the .sqlite file), `$KG_REFDATA` or the user folder; None when absent."""
    folder = index_dir_from(path)
    file = _index_file(folder)
    if not file.is_file():
        return None
    return RefIndex.open(file)
