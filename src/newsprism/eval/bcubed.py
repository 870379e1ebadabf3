"""B-cubed precision, recall and F1 for comparing a clustering with a gold clustering.

For each item, precision is the share of its predicted cluster that is in its gold cluster, and
recall the share of its gold cluster that is in its predicted cluster (Bagga & Baldwin 1998);
both are averaged over items. Only items present in the gold map are scored, so a prediction
may hold extra items (they count for nothing) but every gold item must be predicted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsprism.errors import ConfigError


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float
    f1: float
    items: int


def bcubed(
    predicted: Mapping[str, str],
    gold: Mapping[str, str],
    items: Iterable[str] | None = None,
) -> BCubed:
    """Score ``predicted`` (item -> cluster label) against ``gold`` over ``items``.

    ``items`` defaults to every gold item; cluster sizes are counted within ``items`` only, so
    scoring a subset (say, the test topics) judges the clustering restricted to that subset.
    """
    scored = sorted(set(gold) if items is None else set(items))
    missing = [item for item in scored if item not in predicted or item not in gold]
    if missing:
        raise ConfigError(
            f"B-cubed: {len(missing)} item(s) lack a predicted or gold label "
            f"(first: {missing[0]!r}); give both labels for every scored item"
        )
    if not scored:
        raise ConfigError("B-cubed: no items to score; pass a non-empty gold map")
    pred_sizes = Counter(predicted[i] for i in scored)
    gold_sizes = Counter(gold[i] for i in scored)
    both = Counter((predicted[i], gold[i]) for i in scored)
    precision = sum(both[(predicted[i], gold[i])] / pred_sizes[predicted[i]] for i in scored)
    recall = sum(both[(predicted[i], gold[i])] / gold_sizes[gold[i]] for i in scored)
    p, r = precision / len(scored), recall / len(scored)
    f1 = 0.0 if p + r == 0 else 2 * p * r / (p + r)
    return BCubed(precision=p, recall=r, f1=f1, items=len(scored))
