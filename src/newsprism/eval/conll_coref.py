"""Coreference scores as the CoNLL-2012 reference scorer (v8.01) defines them.

A clustering is a collection of clusters, each a set of hashable mention ids. Key (gold) and
response (system) may hold different mentions: a mention in only one of them ("twinless")
counts against the side that lacks it, as in the reference scorer.

    MUC     link-based (Vilain et al. 1995): the links a response must add or cut
    B-cubed mention-based (Bagga & Baldwin 1998)
    CEAF-e  entity-based (Luo 2005) with phi4 similarity and an optimal alignment
    CoNLL   the mean of the three F1s (Pradhan et al. 2012)

``read_conll_clusters`` reads the mention-based key files of the ECB+ setup of Barhom et al.
(2019): one line per mention in a fixed order, with the mention's chain as ``(N)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from newsprism.errors import ConfigError

Cluster = frozenset[Hashable]


@dataclass(frozen=True, slots=True)
class Metric:
    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 0.0 if total == 0 else 2 * self.recall * self.precision / total


@dataclass(frozen=True, slots=True)
class CorefScores:
    muc: Metric
    bcubed: Metric
    ceafe: Metric

    @property
    def conll_f1(self) -> float:
        return (self.muc.f1 + self.bcubed.f1 + self.ceafe.f1) / 3

    def as_dict(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for name in ("muc", "bcubed", "ceafe"):
            m: Metric = getattr(self, name)
            out |= {f"{name}_r": m.recall, f"{name}_p": m.precision, f"{name}_f1": m.f1}
        out["conll_f1"] = self.conll_f1
        return out


def as_clusters(clusters: Iterable[Iterable[Hashable]]) -> list[Cluster]:
    """Clusters as frozensets, empty ones dropped; a mention in two clusters is an error."""
    out: list[Cluster] = []
    seen: set[Hashable] = set()
    for c in clusters:
        cluster = frozenset(c)
        if not cluster:
            continue
        twice = cluster & seen
        if twice:
            raise ConfigError(f"mention {next(iter(twice))!r} is in two clusters; a clustering "
                              "must put each mention in one cluster")
        seen |= cluster
        out.append(cluster)
    return out


def clusters_from_labels(labels: Iterable[tuple[Hashable, Hashable]]) -> list[Cluster]:
    """(mention, chain label) pairs as clusters."""
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, label in labels:
        groups[label].add(mention)
    return [frozenset(g) for g in groups.values()]


def without_singletons(clusters: Iterable[Cluster]) -> list[Cluster]:
    return [c for c in clusters if len(c) > 1]


def _where(clusters: Sequence[Cluster]) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def muc(key: Sequence[Cluster], response: Sequence[Cluster]) -> Metric:
    return Metric(_muc_side(key, response), _muc_side(response, key))


def _muc_side(clusters: Sequence[Cluster], other: Sequence[Cluster]) -> float:
    where = _where(other)
    num = den = 0
    for c in clusters:
        # A mention the other side lacks is a partition of its own.
        parts = {where.get(m, ("missing", m)) for m in c}
        num += len(c) - len(parts)
        den += len(c) - 1
    return 0.0 if den == 0 else num / den


def bcubed(key: Sequence[Cluster], response: Sequence[Cluster]) -> Metric:
    return Metric(_b3_side(key, response), _b3_side(response, key))


def _b3_side(clusters: Sequence[Cluster], other: Sequence[Cluster]) -> float:
    where = _where(other)
    num = 0.0
    den = 0
    for c in clusters:
        overlaps: dict[int, int] = defaultdict(int)
        for m in c:
            if m in where:
                overlaps[where[m]] += 1
        num += sum(n * n for n in overlaps.values()) / len(c)
        den += len(c)
    return 0.0 if den == 0 else num / den


def ceafe(key: Sequence[Cluster], response: Sequence[Cluster]) -> Metric:
    if not key or not response:
        return Metric(0.0, 0.0)
    where = _where(response)
    sim = np.zeros((len(key), len(response)))
    for i, k in enumerate(key):
        overlaps: dict[int, int] = defaultdict(int)
        for m in k:
            if m in where:
                overlaps[where[m]] += 1
        for j, n in overlaps.items():
            sim[i, j] = 2 * n / (len(k) + len(response[j]))
    rows, cols = linear_sum_assignment(sim, maximize=True)
    total = float(sim[rows, cols].sum())
    return Metric(total / len(key), total / len(response))


def score(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]], *,
          singletons: bool = True) -> CorefScores:
    """MUC, B-cubed and CEAF-e of ``response`` against ``key``; with ``singletons=False`` the
    clusters of one mention are dropped from both sides first."""
    k, r = as_clusters(key), as_clusters(response)
    if not singletons:
        k, r = without_singletons(k), without_singletons(r)
    return CorefScores(muc(k, r), bcubed(k, r), ceafe(k, r))


def read_conll_clusters(path: Path) -> list[str]:
    """The chain label of each mention line of a mention-based CoNLL key/response file, in
    file order. Lines carry one mention each, its chain written ``(N)``."""
    labels: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read CoNLL file {path}: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cell = line.rsplit("\t", 1)[-1].strip()
        if not (cell.startswith("(") and cell.endswith(")")) or "|" in cell:
            raise ConfigError(f"{path} line {number}: expected one mention as '(N)', "
                              f"found {cell!r}")
        labels.append(cell[1:-1])
    return labels


def write_conll_clusters(path: Path, labels: Sequence[Hashable],
                         document: str = "ECB+/ecbplus_all") -> None:
    """Write labels (one per mention, in key order) as a mention-based CoNLL file that the
    reference scorer reads against the key."""
    ids: dict[Hashable, int] = {}
    lines = [f"#begin document ({document}); part 000"]
    for label in labels:
        n = ids.setdefault(label, len(ids) + 1)
        lines.append(f"{document}\t({n})")
    lines.append("#end document")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
