"""Split a story that grew too large through weak links.

Single-link stories percolate in a dense stream of news: a wire's earnings notices, market
reports or weather bulletins share their template words, each links to a few others, and within
a week hundreds of unrelated reports form one connected story. Reports of one real event are
held together by strong links (the same names, places and figures); reports that merely look
alike are held by weak ones. So a connected set of reports larger than a story is expected to
be is cut again at rising link scores, and each part at the lowest score where it is small
enough becomes a story. The parts are a function of the links alone, so the partition still
does not depend on the order in which the reports arrived.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

# Link scores at which an oversized set of reports is cut, lowest first. They start above
# the base thresholds (stories.EDGE_THRESHOLD) and end where only near-copies stay linked.
SPLIT_LEVELS: tuple[float, ...] = tuple(round(0.25 + 0.05 * k, 2) for k in range(12))

ScoredNeighbours = Callable[[int], Iterable[tuple[int, float]]]


def split_component(nums: Sequence[int], neighbours: ScoredNeighbours, max_size: int,
                    levels: Sequence[float] = SPLIT_LEVELS) -> list[list[int]]:
    """The parts of one connected set of reports ``nums``: itself when it has at most
    ``max_size`` members, else the parts of its components over the links scoring at least
    the next level, recursively. A part still larger than ``max_size`` at the last level
    stays whole (it is strongly linked throughout). Parts come sorted, each sorted."""
    out: list[list[int]] = []
    stack: list[tuple[list[int], int]] = [(sorted(nums), 0)]
    while stack:
        part, level = stack.pop()
        if len(part) <= max_size or level >= len(levels):
            out.append(part)
            continue
        pieces = _components(part, neighbours, levels[level])
        stack.extend((piece, level + 1) for piece in pieces)
    return sorted(out)


def _components(part: list[int], neighbours: ScoredNeighbours, level: float) -> list[list[int]]:
    inside = set(part)
    parent = {n: n for n in part}

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for n in part:
        for other, score in neighbours(n):
            # Scores are rounded as the clusterer compares them, so that a link computed from
            # either side (float sums in another order) falls on the same side of a level.
            if other in inside and round(score, 6) >= level:
                ra, rb = find(n), find(other)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for n in part:
        groups.setdefault(find(n), []).append(n)
    return sorted(groups.values())
