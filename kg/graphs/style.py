"""Colours shared by the HTML view and the static figures, so a type looks the same in both.

>>> TYPE_COLOURS["Persoon"], len(PALETTE)
('#4e79a7', 20)
>>> colours_for(["SP", "VVD", None, "SP"])
{'SP': '#4e79a7', '(none)': '#cccccc', 'VVD': '#f28e2b'}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

__all__ = ["NONE", "NONE_COLOUR", "PALETTE", "TYPE_COLOURS", "colours_for"]

NONE = "(none)"
NONE_COLOUR = "#cccccc"
# A categorical palette (Tableau 10 plus ten more), assigned to categories by frequency.
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#2f4b7c",
    "#a05195", "#d45087", "#665191", "#008f7a", "#c9a227", "#845ec2", "#0081cf", "#b0a8b9", "#6b8e23", "#cd5c5c",
)  # fmt: skip
TYPE_COLOURS = {
    "Persoon": "#4e79a7", "Ambt": "#f28e2b", "Ministerie": "#e15759", "Fractie": "#b07aa1", "Zaak": "#9c755f",
    "Kamer": "#bab0ac", "Antwoordpublicatie": "#79706e", "Vragenpublicatie": "#a0a0a0", "Mededeling": "#c7c7c7",
    "Publicatie": "#d3d3d3", "Organisatie": "#59a14f", "Rapport": "#edc948", "Programma": "#76b7b2", "Wet": "#ff9da7",
    "Verdrag": "#d37295", "Verdragsartikel": "#fabfd2", "Kamerstuk": "#8cd17d", "Mediabericht": "#86bcb6",
    "GenoemdPersoon": "#a0cbe8",
}  # fmt: skip
_OTHER = "#8c8c8c"


def colours_for(values: Iterable[str | None], *, by_type: bool = False) -> dict[str, str]:
    """A colour per category, most frequent first; `(none)` grey; fixed colours for kg types."""
    counts = Counter(NONE if v in (None, "") else str(v) for v in values)
    out: dict[str, str] = {}
    free = iter(PALETTE)
    for cat, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if cat == NONE:
            out[cat] = NONE_COLOUR
        elif by_type and cat in TYPE_COLOURS:
            out[cat] = TYPE_COLOURS[cat]
        else:
            out[cat] = next(free, _OTHER)
    return out
