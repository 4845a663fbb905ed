"""Gazetteers: hand-written tables of well-known names (kg/data/gazetteer_*.tsv) and a token trie to find them.

The trie is built once, lazily. Organisation names from an imported reference index are added when there
is one (see `kg.extract.refdata`).

>>> g = default_gazetteer()
>>> [(m.label, m.key) for m in g.find("Samen met de VNG en het NJi.")]
[('Vereniging van Nederlandse Gemeenten', 'org:vng'), ('Nederlands Jeugdinstituut', 'org:nji')]
>>> g.entry("org:nos").outlet
True
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.extract.base import Mention, word_end_ok, word_start_ok
from kg.model import EntityType

__all__ = ["Entry", "Gazetteer", "default_gazetteer", "tokens"]

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = ("gazetteer_organisations.tsv", "gazetteer_laws.tsv", "gazetteer_treaties.tsv", "gazetteer_misc.tsv")

_TOKEN = re.compile(r"[^\W_]+|&")
_CAMEL = re.compile(r"(?<=[a-zß-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ])|(?<=[A-HK-Z][A-Z])(?=[a-z]{4,})|(?<=[0-9])(?=[A-Za-zÀ-ÿ]{2})")


_GLUE_PREFIXES = ("het", "de", "van", "een", "in", "op", "uit", "aan", "met", "voor", "naar", "over", "bij", "dat", "die", "en")
_GLUE_HEADS = frozenset(g[:2] for g in _GLUE_PREFIXES)


@dataclass(slots=True)
class Entry:
    """One gazetteer record: canonical label, type, key and flags."""

    key: str
    type: EntityType
    label: str
    flags: frozenset[str] = frozenset()
    source: str = "gazetteer"

    @property
    def outlet(self) -> bool:
        return "outlet" in self.flags

    @property
    def party(self) -> bool:
        return "party" in self.flags

    def valid_in(self, year: int | None) -> bool:
        """Whether the name existed in that year ("since:2006" on the PVV: no "PVV" in a 1993 text).

        >>> Entry("k", EntityType.ORGANISATION, "X", frozenset({"since:2006"})).valid_in(1993)
        False
        """
        if year is None:
            return True
        for f in self.flags:
            if f.startswith("since:") and year < int(f[6:]):
                return False
            if f.startswith("until:") and year > int(f[6:]):
                return False
        return True


@dataclass(slots=True)
class _Alias:
    entry: Entry
    surface: tuple[str, ...]  # tokens as written in the table
    gaps: tuple[str, ...]  # normalised separators between the tokens
    policy: str  # "exact" | "title" | "ci"
    is_label: bool


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    aliases: list[_Alias] = field(default_factory=list)


_FOLD_CACHE: dict[str, str] = {}


def _fold_token(tok: str) -> str:
    """Lower case without accents (cached: the same words come back in every document)."""
    got = _FOLD_CACHE.get(tok)
    if got is None:
        low = tok.lower()
        got = low if low.isascii() else "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
        if len(_FOLD_CACHE) < 200_000:
            _FOLD_CACHE[tok] = got
    return got


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Word tokens with offsets; words glued by PDF extraction are split at a lower→upper change.

    >>> [t for t, _, _ in tokens("hetInternationaal Gerechtshof, NOS.nl")]
    ['het', 'Internationaal', 'Gerechtshof', 'NOS', 'nl']
    """
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    cuts = {m.start() for m in _CAMEL.finditer(text)}
    if not cuts:
        return toks
    out: list[tuple[str, int, int]] = []
    for word, start, end in toks:
        inner = sorted(c for c in cuts if start < c < end) if len(word) > 2 else ()
        if not inner:
            out.append((word, start, end))
            continue
        prev = start
        for c in [*inner, end]:
            out.append((text[prev:c], prev, c))
            prev = c
    return out


_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})


def _norm_gap(gap: str) -> str:
    if gap == " ":
        return ""
    return "".join(gap.split()).translate(_DASHES)


def _surface_key(alias: _Alias) -> str:
    """How two aliases are compared for ambiguity: exactly for abbreviations, folded otherwise."""
    if alias.policy == "exact":
        return "=" + " ".join(alias.surface)
    return " ".join(_fold_token(t) for t in alias.surface)


def _policy(alias: str, flags: frozenset[str]) -> str:
    if "ci" in flags:
        return "ci"
    compact = " " not in alias
    capitals = sum(1 for c in alias if c.isupper())
    if compact and (capitals >= 2 or alias.isupper() or (len(alias) <= 4 and capitals >= 1)):
        return "exact"
    return "title"


class Gazetteer:
    """A token trie over entry names and aliases; `find` returns mentions with canonical labels and keys."""

    def __init__(self) -> None:
        self.root = _Node()
        self.entries: dict[str, Entry] = {}
        self.surface_keys: dict[str, set[str]] = {}  # folded alias → keys (to see ambiguity)
        self.display_aliases: dict[str, set[str]] = {}  # alias as written → keys

    # ----- building
    def add(self, entry: Entry, aliases: Iterable[str]) -> None:
        """Add an entry under its label and each alias."""
        self.entries.setdefault(entry.key, entry)
        seen: set[str] = set()
        for i, alias in enumerate([entry.label, *aliases]):
            alias = alias.strip()
            if not alias or alias in seen:
                continue
            seen.add(alias)
            toks = tokens(alias)
            if not toks:
                continue
            gaps = tuple(_norm_gap(alias[a[2] : b[1]]) for a, b in itertools.pairwise(toks))
            node = self.root
            for t, _, _ in toks:
                node = node.children.setdefault(_fold_token(t), _Node())
            rec = _Alias(entry, tuple(t for t, _, _ in toks), gaps, _policy(alias, entry.flags), i == 0)
            if not any(a.entry.key == entry.key and a.surface == rec.surface for a in node.aliases):
                node.aliases.append(rec)
            self.surface_keys.setdefault(_surface_key(rec), set()).add(entry.key)
            self.display_aliases.setdefault(alias, set()).add(entry.key)

    def load_tsv(self, path: Path) -> None:
        """Read one table: key, type, label, aliases (|-separated), flags."""
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            cols += [""] * (5 - len(cols))
            key, etype, label, aliases, flags = (c.strip() for c in cols[:5])
            entry = Entry(key, EntityType(etype), label, frozenset(f for f in flags.split(",") if f))
            self.add(entry, [a for a in aliases.split("|") if a])

    def entry(self, key: str) -> Entry:
        return self.entries[key]

    def ambiguous(self, surface: str) -> bool:
        """True when this written form names more than one entry (e.g. "Wpg"; "Wmo" and "WMO" differ)."""
        toks = tuple(t for t, _, _ in tokens(surface))
        keys = self.surface_keys.get("=" + " ".join(toks), set()) | self.surface_keys.get(" ".join(_fold_token(t) for t in toks), set())
        return len(keys) > 1

    # ----- matching
    @staticmethod
    def _accept(alias: _Alias, toks: list[tuple[str, int, int]], i: int, j: int, text: str) -> bool:
        words = [t for t, _, _ in toks[i:j]]
        start, end = toks[i][1], toks[j - 1][2]
        if alias.policy == "exact":
            if tuple(words) != alias.surface:
                return False
        elif alias.policy == "title":
            for w, a in zip(words, alias.surface, strict=True):
                if a[:1].isupper() and not w[:1].isupper():
                    return False
            if alias.surface[0][:1].islower() and words[0][:1].isupper() and len(words) == 1:
                return False
        # boundaries: whole words, except that abbreviations may head a compound ("NRC-artikel", "PVV-fractie")
        if not word_start_ok(text, start) and not (alias.policy == "exact" and start > 0 and text[start - 1] in "-‐–"):
            return False
        if not word_end_ok(text, end) and not (j < len(toks) and toks[j][1] == end):
            return False
        if end < len(text) - 1 and text[end] in "-‐–" and text[end + 1].isalpha() and alias.policy != "exact":
            return False
        # separators between the words
        for k in range(i + 1, j):
            gap = _norm_gap(text[toks[k - 1][2] : toks[k][1]])
            want = alias.gaps[k - i - 1]
            if gap != want and not (want in ("", "-") and gap in ("", "-")):
                return False
        return True

    def find(self, text: str, toks: list[tuple[str, int, int]] | None = None) -> list[Mention]:
        """Every longest gazetteer match in `text` (overlaps between different starts are kept)."""
        toks = toks if toks is not None else tokens(text)
        out: list[Mention] = []
        n = len(toks)
        cache = _FOLD_CACHE
        folded = [cache.get(t) or _fold_token(t) for t, _, _ in toks]
        i = 0
        while i < n:
            node = self.root.children.get(folded[i])
            glue = 0
            if node is None and len(folded[i]) >= 12 and folded[i][:2] in _GLUE_HEADS and toks[i][0].islower():
                # "hethoofdlijnenakkoord": a function word glued to a name by PDF extraction
                for g in _GLUE_PREFIXES:
                    if folded[i].startswith(g) and (node := self.root.children.get(folded[i][len(g) :])) is not None:
                        glue = len(g)
                        break
            best: tuple[int, _Alias] | None = None
            j = i + 1
            while node is not None:
                for alias in node.aliases:
                    better = best is None or j > best[0] or (j == best[0] and alias.is_label and not best[1].is_label)
                    if better and self._accept(alias, toks, i, j, text):
                        best = (j, alias)
                if j >= n:
                    break
                gap = text[toks[j - 1][2] : toks[j][1]]
                if "\n" in gap or len(_norm_gap(gap)) > 2:
                    break
                node = node.children.get(folded[j])
                j += 1
            if best is not None:
                j, alias = best
                start, end = toks[i][1] + glue, toks[j - 1][2]
                e = alias.entry
                prio = 80 if alias.policy != "exact" else 70
                keys = self.surface_keys.get(_surface_key(alias), set())
                attrs: tuple[tuple[str, str], ...] = (("source", e.source),)
                if len(keys) > 1:
                    attrs += (("ambiguous", "|".join(sorted(keys))),)
                if out and out[-1].start <= start and end <= out[-1].end:
                    i += 1
                    continue
                out.append(Mention(e.type, e.label, start, end, e.key, attrs, prio, "gazetteer"))
            i += 1
        return out


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The hand-written tables plus, when present, the organisation reference data."""
    g = Gazetteer()
    for name in FILES:
        path = DATA / name
        if path.exists():
            g.load_tsv(path)
    from kg.extract import refdata

    refdata.extend(g)
    return g
