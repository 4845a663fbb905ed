"""The linking stage: give persons, offices, organisations, laws and documents their external identifiers.

    import_sources(paths, index_dir)   compile public reference data into a local index (SQLite, versioned)
    sync(index_dir)                    fetch the live sources (TK Open Data, Wikidata) and rebuild the index
    load_index(path | None)            the installed index (explicit path, $KG_REFDATA, XDG data dir), or None
    link(doc, index)                   time-aware resolution of one document (the built-in facts without index)
    report(docs)                       what was linked, what stayed unlinked or ambiguous, and why

>>> from kg.readers.layout import parse_text, SAMPLE
>>> doc = link(parse_text(SAMPLE), None)
>>> [m.ids.wikidata for m in doc.askers], doc.answerers[0].ids.wikidata
(['Q1194971', 'Q15076137'], 'Q800091')
>>> report([doc]).counts()["asker"]
{'linked': 2, 'ambiguous': 0, 'unlinked': 0}
"""

from __future__ import annotations

from kg.link.refdata import ImportSummary, RefdataError, RefIndex, default_index_dir, import_sources, load_index
from kg.link.report import LinkReport, report
from kg.link.resolve import UNRESOLVED, is_resolved, link
from kg.link.sync import SyncSummary, sync

__all__ = [
    "UNRESOLVED",
    "ImportSummary",
    "LinkReport",
    "RefIndex",
    "RefdataError",
    "SyncSummary",
    "default_index_dir",
    "import_sources",
    "is_resolved",
    "link",
    "load_index",
    "report",
    "sync",
]
