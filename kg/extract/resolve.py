"""Resolution: overlaps within a place, abbreviations across the document, one entity per thing.

>>> from kg.model import EntityType as T
>>> a = Mention(T.ORGANISATION, "Raad van State", 10, 24, "org:rvs", priority=80)
>>> b = Mention(T.ORGANISATION, "State", 19, 24, "org:x", priority=50)
>>> [m.label for m in resolve_overlaps([a, b])]
['Raad van State']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from kg.extract.abbreviations import Definition
from kg.extract.base import Mention, fold, make_key
from kg.model import EntityType

__all__ = ["Found", "merge_entities", "resolve_overlaps"]

_CONTAINERS = frozenset({"treaty-article", "quoted", "citation-title", "motie", "motie-cited", "kamerstuk", "title-phrase"})


def _is_container(m: Mention) -> bool:
    if m.rule == "quoted" and m.type is not EntityType.MEDIA_ITEM:
        return False  # «Regioaanpak Veilig Thuis» is one name; a news headline names things inside it
    return m.rule in _CONTAINERS or m.type is EntityType.TREATY_ARTICLE


def _holds_name(outer: Mention, inner: Mention) -> bool:
    """An organisation name that holds another one after "van (de)": both are names."""
    return (
        outer.rule == "org-shape"
        and inner.type is EntityType.ORGANISATION
        and inner.rule in ("gazetteer", "org-shape")
        and len(outer.label.split()) >= len(inner.label.split()) + 2
        and outer.start < inner.start
    )


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the best of overlapping mentions (priority, then length); mentions inside a container (a quoted
    title, a treaty article, a motie) are kept next to it."""
    order = sorted(mentions, key=lambda m: (-m.priority, -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in order:
        ok = True
        for k in kept:
            if m.end <= k.start or m.start >= k.end:
                continue
            if m.start == k.start and m.end == k.end and m.key == k.key:
                ok = False
                break
            inside_k = k.start <= m.start and m.end <= k.end
            holds_k = m.start <= k.start and k.end <= m.end
            if (inside_k and _is_container(k) and m.type is not k.type) or (holds_k and _is_container(m) and m.type is not k.type):
                continue
            # a longer organisation name that holds a known one ("Bureau van de Hoge Commissaris van de Verenigde Naties …")
            if (inside_k and _holds_name(k, m)) or (holds_k and _holds_name(m, k)):
                continue
            ok = False
            break
        if ok:
            kept.append(m)
    kept.sort(key=lambda m: (m.start, -m.end))
    return kept


@dataclass(slots=True)
class Found:
    """A resolved mention with its place."""

    where: str
    mention: Mention
    order: int


def apply_definitions(
    found: list[Found], definitions: list[tuple[str, Definition]], texts: dict[str, str], classify: Callable[[str, str, int], EntityType | None]
) -> list[Found]:
    """Give every use of a defined abbreviation the entity of its long form (and add the long form when no
    rule found it). `classify(long, where, start)` types an unknown long form or returns None."""
    by_short: dict[str, Mention] = {}
    for where, d in definitions:
        if d.short in by_short:
            continue
        # a mention that covers the long form (or the abbreviation itself, from the gazetteer)
        long_m = next(
            (
                f.mention
                for f in found
                if f.where == where and f.mention.start <= d.long_start + 2 and f.mention.end >= d.long_end - 2 and f.mention.end - f.mention.start <= (d.long_end - d.long_start) + 30
            ),
            None,
        )
        short_m = next((f.mention for f in found if f.where == where and f.mention.start == d.short_start and f.mention.end == d.short_end), None)
        target: Mention | None = None
        if short_m is not None and short_m.rule == "gazetteer" and (long_m is None or long_m.rule != "gazetteer"):
            # the abbreviation is well known ("NJI"): its entity wins over a shape-found long form
            target = short_m
            if long_m is not None:
                found = [f for f in found if f.mention is not long_m]
                found.append(Found(where, replace(short_m, start=long_m.start, end=long_m.end, rule="definition"), -1))
                long_m = None
        elif long_m is not None:
            target = long_m
        else:
            etype = classify(d.long, where, d.long_start)
            if etype is not None:
                target = Mention(etype, d.long, d.long_start, d.long_end, make_key(etype, d.long), (("abbreviation", d.short),), 58, "definition")
        if target is None:
            continue
        by_short[d.short] = target
        if long_m is None and not any(f.where == where and f.mention.key == target.key for f in found):
            found.append(Found(where, replace(target, start=d.long_start, end=d.long_end), -1))
    if not by_short:
        return found
    # re-type every occurrence of each short form
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in sorted(by_short, key=len, reverse=True)) + r")(?![\w])")
    out = [f for f in found if not (f.mention.end - f.mention.start <= 12 and texts[f.where][f.mention.start : f.mention.end] in by_short)]
    for where, text in texts.items():
        for m in pattern.finditer(text):
            t = by_short[m.group(1)]
            if any(f.where == where and f.mention.start <= m.start() < f.mention.end and not _is_container(f.mention) for f in out):
                continue
            attrs = (*tuple(a for a in t.attrs if a[0] != "abbreviation"), ("abbreviation", m.group(1)))
            out.append(Found(where, Mention(t.type, t.label, m.start(), m.end(), t.key, attrs, t.priority, "abbreviation"), -1))
    return out


def _contained_label(a: str, b: str) -> bool:
    """`a` is part of the longer label `b` — but not as the owner in "B van (de) A", which is a name of its own."""
    fa, fb = fold(a), fold(b)
    if len(fa) < 5 or fa == fb or fa not in fb:
        return False
    return not re.search(r"\s+van\s+(?:de\s+|het\s+|der\s+)?" + re.escape(a) + r"$", b)


_TITLE_TYPES = frozenset({EntityType.REPORT, EntityType.MEDIA_ITEM, EntityType.PROGRAMME})


def _similar(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if not fa or not fb or fa[0] != fb[0]:
        return False
    sm = SequenceMatcher(None, fa, fb)
    return sm.real_quick_ratio() >= 0.9 and sm.quick_ratio() >= 0.9 and sm.ratio() >= 0.9


def merge_entities(found: list[Found]) -> tuple[list[Found], dict[str, str]]:
    """One entry per thing: the first mention of each key. Within a document, a title typed two ways
    (Report here, MediaItem there) is one thing; near-identical labels of one type ("Raad voor
    Rechtsbijstand" / "Raad voor de Rechtsbijstand") are one thing; and a shape-found label contained in
    a longer label of the same type ("Kwaliteitskader" in "Landelijk Kwaliteitskader …") joins it.
    Returns the entries and a map from every merged-away key to the key that stands for it."""
    first: dict[str, Found] = {}
    remap: dict[str, str] = {}
    for f in found:
        m = f.mention
        key = m.key or make_key(m.type, m.label)
        if m.type in _TITLE_TYPES:
            key = "title:" + fold(m.label)
        if key not in first:
            first[key] = f
        elif first[key].mention.key != m.key:
            remap[m.key] = first[key].mention.key
    items = list(first.values())
    drop: set[int] = set()
    for i, a in enumerate(items):
        ma = a.mention
        if ma.type in (EntityType.PARLIAMENTARY_DOCUMENT, EntityType.TREATY_ARTICLE):
            continue
        for j, b in enumerate(items):
            mb = b.mention
            if i == j or j in drop or i in drop:
                continue
            same_type = ma.type is mb.type or (ma.type in _TITLE_TYPES and mb.type in _TITLE_TYPES)
            if not same_type or (ma.rule == "gazetteer" and mb.rule == "gazetteer"):
                continue
            if ma.rule != "gazetteer" and (_contained_label(ma.label, mb.label) or (j < i and _similar(ma.label, mb.label))):
                drop.add(i)
                remap[ma.key] = mb.key
    return [f for i, f in enumerate(items) if i not in drop], remap
