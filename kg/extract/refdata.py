"""Optional reference data at run time: organisation names and law titles from the linking index.

When a reference index has been imported (`kg refdata import PATH…`; found through $KG_REFDATA or the
user's data folder, see `kg.link.refdata.index_dir_from`), its national organisations (agencies,
inspectorates, High Colleges of State, police and judiciary, advisory bodies, ZBOs) join the
gazetteer and its BWB citeertitels bound law names. Without an index this adds nothing.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.model import EntityType

if TYPE_CHECKING:
    from kg.extract.gazetteer import Gazetteer

__all__ = ["ORG_KINDS", "extend", "index_file", "law_titles"]

# kinds of organisation (as the index records them) whose names are national bodies worth recognising
ORG_KINDS = frozenset({
    "agentschap", "inspectie", "Rijksinspectie", "hoge-college", "Hoog College van Staat", "politie", "Politiekorps",
    "rechterlijke-instantie", "Rechterlijke macht", "adviescollege", "Adviescollege", "zbo", "Zelfstandig bestuursorgaan",
})  # fmt: skip
ABBR_KINDS = frozenset({"agentschap", "inspectie", "Rijksinspectie", "hoge-college", "Hoog College van Staat", "politie", "Politiekorps", "rechterlijke-instantie", "Rechterlijke macht", "ministerie", "Ministerie"})
_SKIP = re.compile(r"\b(?:ex art|art\.|B\.V\.|N\.V\.|Aangewezen|instanties|instellingen|houders|[Ee]rkenninghouders|Kamer der Staten-Generaal|\d)|[()/:;]")


def index_file() -> Path | None:
    """The linking index's SQLite file ($KG_REFDATA or the user's data folder); None when absent."""
    from kg.link.refdata import INDEX_FILE, index_dir_from

    folder = index_dir_from(None)
    file = folder if folder.suffix == ".sqlite" else folder / INDEX_FILE
    return file if file.is_file() else None


def _rows(sql: str) -> Iterator[tuple[str, ...]]:
    file = index_file()
    if file is None:
        return
    try:
        con = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        try:
            yield from con.execute(sql)
        finally:
            con.close()
    except sqlite3.Error:
        return


def extend(g: Gazetteer) -> int:
    """Add organisation names (and a few abbreviations) from the reference index; returns how many entries."""
    from kg.extract.base import fold
    from kg.extract.gazetteer import Entry

    known = {fold(" ".join(k.split())) for k in g.surface_keys}
    added = 0
    for name, abbr, kind, until in _rows("SELECT name, COALESCE(abbr, ''), COALESCE(kind, ''), valid_until FROM orgs"):
        name = (name or "").strip()
        if kind not in ORG_KINDS or until:
            continue
        words = name.split()
        if not (2 <= len(words) <= 8) or _SKIP.search(name) or not name[:1].isupper() or fold(name) in known:
            continue
        aliases: list[str] = []
        abbr = abbr.strip()
        if kind in ABBR_KINDS and 3 <= len(abbr) <= 8 and " " not in abbr and sum(c.isupper() for c in abbr) >= 2 and fold(abbr) not in known:
            aliases.append(abbr)
        g.add(Entry(f"org:{fold(name)}", EntityType.ORGANISATION, name, frozenset(), "refdata"), aliases)
        known.add(fold(name))
        added += 1
    return added


_LAW_KINDS = frozenset({"wet", "AMvB", "rijkswet", "ministeriele-regeling", "KB", "zbo", "beleidsregel", "circulaire", "reglement"})


@lru_cache(maxsize=1)
def law_titles() -> frozenset[str]:
    """Folded citeertitels from the index's BWB laws ("(Wet publieke gezondheid)" at the end of a title); empty without one."""
    from kg.extract.base import fold

    titles: set[str] = set()
    for kind, heading in _rows("SELECT COALESCE(kind, ''), COALESCE(title, '') FROM laws"):
        if kind not in _LAW_KINDS:
            continue
        heading = heading.strip()
        m = re.search(r"\(([^()]{4,120})\)$", heading)
        if m and not re.search(r"\d{4}/\d|PbEU|Stb\.|Trb\.", m.group(1)):
            titles.add(fold(m.group(1)))
        elif len(heading.split()) <= 8 and not re.match(r"(?:Wet|Besluit|Regeling) van \d", heading):
            titles.add(fold(heading))
    return frozenset(titles)
