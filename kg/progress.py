"""Telling a progress bar how far a long writer has got: `progress(done, total)`, now and then.

>>> seen = []
>>> ticks = Ticks(lambda done, total: seen.append((done, total)), 5, every=2)
>>> list(ticks(range(3))) + list(ticks("ab"))  # counted across several iterables
[0, 1, 2, 'a', 'b']
>>> ticks.end()
>>> seen
[(2, 5), (4, 5), (5, 5)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

__all__ = ["Progress", "Ticks"]

T = TypeVar("T")
Progress = Callable[[int, int], None]  # (done, total)


class Ticks:
    """Counts the items written, calling `progress(done, total)` every `every` items and once at the end."""

    def __init__(self, progress: Progress | None, total: int, every: int) -> None:
        self.progress, self.total, self.every, self.done = progress, total, every, 0

    def __call__(self, items: Iterable[T]) -> Iterator[T]:
        """The items, each counted once the caller has written it."""
        for item in items:
            yield item
            self.done += 1
            if self.progress is not None and self.done % self.every == 0:
                self.progress(self.done, self.total)

    def end(self) -> None:
        """All is written (the total, or more when it was an estimate)."""
        if self.progress is not None:
            self.progress(max(self.done, self.total), self.total)
