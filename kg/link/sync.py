"""Fetch the live reference sources and rebuild the index: TK Open Data (OData v4) and the Wikidata SPARQL endpoint.

Polite by default: one request per second at most, a User-Agent naming kg, retries with exponential backoff
on timeouts, 429 and 5xx (honouring Retry-After), and the standard library only (urllib). Every response is kept
under `<index_dir>/downloads/<UTC time>/` with a `_source.json` recording URLs, retrieval time and licences, and
then imported together with the files of the previous import, so the index records what it was built from.

>>> sorted(TK_SETS)
['Fractie', 'FractieZetel', 'FractieZetelPersoon', 'Persoon']
>>> "Q18887908" in SPARQL_QUERIES["tk-members"]
True
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.link.refdata import ImportSummary, RefdataError, import_sources, index_dir_from, load_index

__all__ = ["DEFAULT_BASE_URLS", "SPARQL_QUERIES", "TK_SETS", "SyncSummary", "sync"]

DEFAULT_BASE_URLS: dict[str, str] = {
    "tk": "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0",
    "wikidata": "https://query.wikidata.org/sparql",
}
USER_AGENT = "kg/0.1 (knowledge graph of Dutch written parliamentary questions; reference-data sync; python-urllib)"

# entity sets of the TK Open Data Portal and the query options for each (deleted records left out)
TK_SETS: dict[str, str] = {
    "Persoon": "$filter=Verwijderd eq false",
    "Fractie": "$filter=Verwijderd eq false",
    "FractieZetel": "$filter=Verwijderd eq false",
    "FractieZetelPersoon": "$filter=Verwijderd eq false",
}

# Wikidata: members of the Tweede Kamer (P39 = Q18887908 with start/end and parliamentary group qualifiers),
# and holders of Dutch government posts (positions with jurisdiction the Netherlands whose Dutch label starts
# with minister / staatssecretaris); P1749 = parlement.com id.
SPARQL_QUERIES: dict[str, str] = {
    "tk-members": """SELECT ?person ?personLabel ?familyLabel ?parlement ?position ?start ?end ?party ?partyLabel WHERE {
  BIND(wd:Q18887908 AS ?position)
  ?person p:P39 ?st . ?st ps:P39 ?position .
  OPTIONAL { ?st pq:P580 ?start } OPTIONAL { ?st pq:P582 ?end } OPTIONAL { ?st pq:P4100 ?party }
  OPTIONAL { ?person wdt:P1749 ?parlement } OPTIONAL { ?person wdt:P734 ?family }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "nl,en". }
}""",
    "government": """SELECT ?person ?personLabel ?familyLabel ?parlement ?position ?positionLabel ?start ?end WHERE {
  ?position wdt:P1001 wd:Q55 ; rdfs:label ?label .
  FILTER(LANG(?label) = "nl" && REGEX(?label, "^(minister|staatssecretaris)", "i") && !CONTAINS(LCASE(?label), "minister van staat"))
  ?person p:P39 ?st . ?st ps:P39 ?position .
  OPTIONAL { ?st pq:P580 ?start } OPTIONAL { ?st pq:P582 ?end }
  OPTIONAL { ?person wdt:P1749 ?parlement } OPTIONAL { ?person wdt:P734 ?family }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "nl,en". }
}""",
}

LICENCES = {"tk": "CC0-1.0 (Tweede Kamer Open Data)", "wikidata": "CC0-1.0 (Wikidata)"}
_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """What a sync fetched and the import it made."""

    download_dir: Path
    requests: int
    retries: int
    records: dict[str, int] = field(default_factory=dict)
    files: tuple[Path, ...] = ()
    imported: ImportSummary | None = None

    def lines(self) -> list[str]:
        out = [
            f"fetched {sum(self.records.values())} records in {self.requests} requests ({self.retries} retries) into {self.download_dir}"
        ]
        out += [f"  {name:<22} {n:>7}" for name, n in self.records.items()]
        if self.imported:
            out += self.imported.lines()
        return out


class _Fetcher:
    """urllib with a User-Agent, a minimum interval between requests, and retries with backoff."""

    def __init__(
        self, min_interval: float, retries: int, backoff: float, timeout: float, sleep: Callable[[float], None] = time.sleep
    ):
        self.min_interval, self.retries, self.backoff, self.timeout, self.sleep = min_interval, retries, backoff, timeout, sleep
        self.requests = 0
        self.retried = 0
        self._last = 0.0

    def get(self, url: str, accept: str) -> bytes:
        for attempt in range(self.retries + 1):
            wait = self.min_interval - (time.monotonic() - self._last)
            if wait > 0:
                self.sleep(wait)
            self._last = time.monotonic()
            self.requests += 1
            req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    return resp.read()
            except urllib.error.HTTPError as exc:
                if exc.code not in _RETRY_STATUS or attempt == self.retries:
                    raise RefdataError(
                        f"{url}: HTTP {exc.code} {exc.reason}", hint="the index is unchanged; try again later"
                    ) from exc
                delay = _retry_after(exc.headers.get("Retry-After")) if exc.headers else None
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                if attempt == self.retries:
                    raise RefdataError(
                        f"{url}: {getattr(exc, 'reason', exc)}", hint="check the network; the index is unchanged"
                    ) from exc
                delay = None
            self.retried += 1
            self.sleep(delay if delay is not None else self.backoff * (2**attempt))
        raise RefdataError(f"{url}: no response", hint="try again later")  # pragma: no cover - loop always returns or raises


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return min(float(value), 300.0)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min((when - dt.datetime.now(dt.UTC)).total_seconds(), 300.0))


def _tk_url(base: str, entity: str, options: str) -> str:
    return f"{base.rstrip('/')}/{entity}?{urllib.parse.quote(options, safe='$=&')}" if options else f"{base.rstrip('/')}/{entity}"


def sync(
    index_dir: Path | str | None = None,
    *,
    base_urls: Mapping[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
    sources: tuple[str, ...] = ("tk", "wikidata"),
    min_interval: float = 1.0,
    retries: int = 4,
    backoff: float = 2.0,
    timeout: float = 120.0,
    max_pages: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> SyncSummary:
    """Download the live sources into the index folder and rebuild the index with them.

    `base_urls` overrides the TK OData root ("tk") and the SPARQL endpoint ("wikidata"); `progress` receives one
    line per page or query. Files of the previous import that still exist are imported again alongside, so a sync
    adds to locally imported data instead of replacing it. Raises `RefdataError` (index unchanged) when a source
    cannot be fetched.
    """
    folder = index_dir_from(index_dir)
    urls = {**DEFAULT_BASE_URLS, **(base_urls or {})}
    say = progress or (lambda _msg: None)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    downloads = folder / "downloads"
    target = downloads / stamp
    tmp = downloads / f".{stamp}.partial"
    fetch = _Fetcher(min_interval, retries, backoff, timeout, sleep)
    records: dict[str, int] = {}
    files: dict[str, dict[str, str]] = {}
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        if "tk" in sources:
            for entity, options in TK_SETS.items():
                url: str | None = _tk_url(urls["tk"], entity, options)
                page = 0
                while url and (max_pages is None or page < max_pages):
                    page += 1
                    body = fetch.get(url, "application/json")
                    try:
                        data = json.loads(body)
                    except ValueError as exc:
                        raise RefdataError(
                            f"{url}: not JSON ({exc})", hint="the TK Open Data Portal answered something else; try again later"
                        ) from exc
                    rel = f"tk/{entity}-{page:04d}.json"
                    (tmp / "tk").mkdir(exist_ok=True)
                    (tmp / rel).write_bytes(body)
                    files[rel] = {"url": url, "licence": LICENCES["tk"]}
                    n = len(data.get("value") or []) if isinstance(data, dict) else 0
                    records[f"tk {entity}"] = records.get(f"tk {entity}", 0) + n
                    say(f"tk {entity} page {page}: {n} records")
                    url = data.get("@odata.nextLink") if isinstance(data, dict) else None
        if "wikidata" in sources:
            (tmp / "wikidata").mkdir(exist_ok=True)
            for name, query in SPARQL_QUERIES.items():
                url = f"{urls['wikidata']}?{urllib.parse.urlencode({'query': query, 'format': 'json'})}"
                body = fetch.get(url, "application/sparql-results+json")
                try:
                    data = json.loads(body)
                except ValueError as exc:
                    raise RefdataError(
                        f"{urls['wikidata']}: query {name!r} did not return JSON ({exc})", hint="try again later"
                    ) from exc
                rel = f"wikidata/{name}.json"
                (tmp / rel).write_bytes(body)
                files[rel] = {"url": urls["wikidata"], "query": query, "licence": LICENCES["wikidata"]}
                n = len(((data.get("results") or {}).get("bindings")) or [])
                records[f"wikidata {name}"] = n
                say(f"wikidata {name}: {n} rows")
        retrieved = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        (tmp / "_source.json").write_text(json.dumps({"retrieved": retrieved, "files": files}, indent=1), encoding="utf-8")
        tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    previous = load_index(folder)
    keep = [
        Path(s.path)
        for s in (previous.sources if previous else ())
        if Path(s.path).exists() and downloads.resolve() not in Path(s.path).resolve().parents
    ]
    say(f"importing {len(keep)} earlier files and {len(files)} downloads")
    summary = import_sources([*keep, target], folder)
    for old in downloads.iterdir():
        if old.is_dir() and old.name != stamp and not old.name.startswith("."):
            shutil.rmtree(old, ignore_errors=True)
    return SyncSummary(target, fetch.requests, fetch.retried, records, tuple(target / f for f in files), summary)
