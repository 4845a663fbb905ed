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

import bisect
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

_TOKEN_SPLIT = re.compile(r"([^\W_]+|&)")  # a word token: a run of letters and digits, or "&"
# camel cuts inside a word: lower→upper ("hetInternationaal"), two capitals before a lower-case word
# ("NJIrapport"), a digit before letters ("2024Jeugd"); one scan finds the capitals and digits where a cut
# may be (it starts with a character class, so the regex engine skips to them), two small patterns tell which
_CAMEL = re.compile(r"(?<=[a-zß-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ])|(?<=[A-HK-Z][A-Z])(?=[a-z]{4,})|(?<=[0-9])(?=[A-Za-zÀ-ÿ]{2})")
_CAMEL_AT = re.compile(r"[A-ZÀ-ÖØ-Þ0-9](?:(?<=[a-zß-öø-ÿ][A-ZÀ-ÖØ-Þ])|(?<=[A-HK-Z])(?=[A-Z][a-z]{4})|(?<=[0-9])(?=[A-Za-zÀ-ÿ]{2}))")
_CAMEL_LOWER_UPPER = re.compile(r"(?<=[a-zß-öø-ÿ])[A-ZÀ-ÖØ-Þ]")  # cut before the capital
_CAMEL_CAPS_WORD = re.compile(r"[A-HK-Z](?=[A-Z][a-z]{4})")  # cut two characters on


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
    skey: str = ""  # how it is compared for ambiguity (`_surface_key`)


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
    words, starts, ends = _token_lists(text)
    return list(zip(words, starts, ends, strict=True))


def _camel_cuts(text: str) -> set[int]:
    """Positions where a glued word is split: those of `_CAMEL.finditer(text)`, found faster.

    >>> t = "hetInternationaal NJIrapport 2024Jeugd"
    >>> _camel_cuts(t) == {m.start() for m in _CAMEL.finditer(t)}
    True
    """
    cuts: set[int] = set()
    for m in _CAMEL_AT.finditer(text):
        p = m.start()
        if text[p] <= "9":  # a digit before letters: cut after it
            cuts.add(p + 1)
            continue
        if _CAMEL_LOWER_UPPER.match(text, p):
            cuts.add(p)
        if _CAMEL_CAPS_WORD.match(text, p):
            cuts.add(p + 2)
    return cuts


def _token_lists(text: str) -> tuple[list[str], list[int], list[int]]:
    """`tokens` as three parallel lists (words, starts, ends), computed with C-level loops: one split, one
    running sum of lengths; only words with a camel cut are split in Python."""
    parts = _TOKEN_SPLIT.split(text)
    offsets = list(itertools.accumulate(map(len, parts)))
    words = parts[1::2]
    starts = offsets[0:-1:2]
    ends = offsets[1::2]
    cuts = _camel_cuts(text)
    if not cuts:
        return words, starts, ends
    # split the few words that hold a cut (words of one or two letters are never split)
    split: dict[int, list[int]] = {}
    for c in cuts:
        k = bisect.bisect_right(starts, c) - 1
        if k >= 0 and starts[k] < c < ends[k] and len(words[k]) > 2:
            split.setdefault(k, []).append(c)
    for k in sorted(split, reverse=True):
        bounds = [starts[k], *sorted(split[k]), ends[k]]
        pairs = list(itertools.pairwise(bounds))
        words[k : k + 1] = [text[a:b] for a, b in pairs]
        starts[k : k + 1] = [a for a, _ in pairs]
        ends[k : k + 1] = [b for _, b in pairs]
    return words, starts, ends


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
        self._starts: dict[str, _Node | bool] = {}  # word → where a match may start there (see `_start_node`)

    # ----- building
    def add(self, entry: Entry, aliases: Iterable[str]) -> None:
        """Add an entry under its label and each alias."""
        self.entries.setdefault(entry.key, entry)
        self._starts.clear()
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
            rec.skey = _surface_key(rec)
            if not any(a.entry.key == entry.key and a.surface == rec.surface for a in node.aliases):
                node.aliases.append(rec)
            self.surface_keys.setdefault(rec.skey, set()).add(entry.key)
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
    def _accept(alias: _Alias, words: list[str], starts: list[int], ends: list[int], i: int, j: int, text: str) -> bool:
        start, end = starts[i], ends[j - 1]
        policy = alias.policy
        if policy == "exact":
            if (words[i] != alias.surface[0]) if j - i == 1 else (tuple(words[i:j]) != alias.surface):
                return False
        elif policy == "title":
            for w, a in zip(words[i:j], alias.surface, strict=True):
                if a[:1].isupper() and not w[:1].isupper():
                    return False
            if j - i == 1 and alias.surface[0][:1].islower() and words[i][:1].isupper():
                return False
        # boundaries: whole words, except that abbreviations may head a compound ("NRC-artikel", "PVV-fractie")
        if not word_start_ok(text, start) and not (policy == "exact" and start > 0 and text[start - 1] in "-‐–"):
            return False
        if not word_end_ok(text, end) and not (j < len(starts) and starts[j] == end):
            return False
        if end < len(text) - 1 and text[end] in "-‐–" and text[end + 1].isalpha() and policy != "exact":
            return False
        # separators between the words
        for k in range(i + 1, j):
            gap = _norm_gap(text[ends[k - 1] : starts[k]])
            want = alias.gaps[k - i - 1]
            if gap != want and not (want in ("", "-") and gap in ("", "-")):
                return False
        return True

    def _start_node(self, word: str) -> _Node | bool:
        """Where a match may start at this word: the trie node of its first word, True for a long lower-case
        word that may begin with a glued function word ("hethoofdlijnenakkoord"), False for neither;
        remembered per word."""
        f = _FOLD_CACHE.get(word) or _fold_token(word)
        node = self.root.children.get(f)
        got: _Node | bool = node if node is not None else (len(f) >= 12 and f[:2] in _GLUE_HEADS and word.islower())
        if len(self._starts) < 200_000:
            self._starts[word] = got
        return got

    def find(self, text: str, toks: list[tuple[str, int, int]] | None = None) -> list[Mention]:
        """Every longest gazetteer match in `text` (overlaps between different starts are kept).

        >>> g = default_gazetteer()
        >>> t = "Volgens de Raad van State en hetNJi (zie ook de Telegraaf)"
        >>> g.find(t) == g.find(t, tokens(t))
        True
        """
        if toks is None:
            words, starts, ends = _token_lists(text)
        else:
            words, starts, ends = [t for t, _, _ in toks], [a for _, a, _ in toks], [b for _, _, b in toks]
        nodes = list(map(self._starts.get, words))
        if None in nodes:
            nodes = [x if x is not None else self._start_node(w) for w, x in zip(words, nodes, strict=True)]
        return self._matches(text, words, starts, ends, [(i, nodes[i]) for i in itertools.compress(range(len(words)), nodes)])

    def _matches(self, text: str, words: list[str], starts: list[int], ends: list[int], cands: list[tuple[int, _Node | bool]]) -> list[Mention]:
        """Walk the trie from each candidate token (its index and first-word node) and keep the longest
        accepted match (unless the previous match holds it)."""
        out: list[Mention] = []
        children = self.root.children
        accept = self._accept
        cache = _FOLD_CACHE
        n = len(words)
        for i, first in cands:
            node = first
            glue = 0
            if node is True:
                # "hethoofdlijnenakkoord": a function word glued to a name by PDF extraction
                fi = cache.get(words[i]) or _fold_token(words[i])
                node = None
                for g in _GLUE_PREFIXES:
                    if fi.startswith(g) and (node := children.get(fi[len(g) :])) is not None:
                        glue = len(g)
                        break
                if node is None:
                    continue
            assert isinstance(node, _Node)
            if not node.aliases and (i + 1 >= n or (cache.get(words[i + 1]) or _fold_token(words[i + 1])) not in node.children):
                continue  # "de", "het": the first word of some names, not followed by the rest of one
            best: tuple[int, _Alias] | None = None
            j = i + 1
            while node is not None:
                for alias in node.aliases:
                    better = best is None or j > best[0] or (j == best[0] and alias.is_label and not best[1].is_label)
                    if better and accept(alias, words, starts, ends, i, j, text):
                        best = (j, alias)
                if j >= n:
                    break
                gap_start, gap_end = ends[j - 1], starts[j]
                if gap_end - gap_start == 1:
                    if text[gap_start] == "\n":
                        break
                elif gap_end > gap_start:
                    gap = text[gap_start:gap_end]
                    if "\n" in gap or len(_norm_gap(gap)) > 2:
                        break
                node = node.children.get(cache.get(words[j]) or _fold_token(words[j]))
                j += 1
            if best is not None:
                j, alias = best
                start, end = starts[i] + glue, ends[j - 1]
                if out and out[-1].start <= start and end <= out[-1].end:
                    continue
                e = alias.entry
                prio = 80 if alias.policy != "exact" else 70
                keys = self.surface_keys.get(alias.skey, set())
                attrs: tuple[tuple[str, str], ...] = (("source", e.source),)
                if len(keys) > 1:
                    attrs += (("ambiguous", "|".join(sorted(keys))),)
                out.append(Mention(e.type, e.label, start, end, e.key, attrs, prio, "gazetteer"))
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
