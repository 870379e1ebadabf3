"""B-cubed on a hand-computed example."""

from __future__ import annotations

import pytest

from newsprism.errors import ConfigError
from newsprism.eval.bcubed import bcubed


def test_hand_computed_example() -> None:
    # gold: {a, b, c} {d, e}; predicted: {a, b} {c, d, e}
    gold = {"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y"}
    pred = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"}
    result = bcubed(pred, gold)
    # precision per item: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 -> (1 + 1 + 1/3 + 2/3 + 2/3) / 5
    assert result.precision == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    # recall per item: a 2/3, b 2/3, c 1/3, d 2/2, e 2/2 -> (2/3 + 2/3 + 1/3 + 1 + 1) / 5
    assert result.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    p, r = result.precision, result.recall
    assert result.f1 == pytest.approx(2 * p * r / (p + r))
    assert result.items == 5


def test_perfect_and_all_in_one() -> None:
    gold = {"a": "X", "b": "X", "c": "Y"}
    assert bcubed({"a": "p", "b": "p", "c": "q"}, gold).f1 == pytest.approx(1.0)
    lumped = bcubed({"a": "p", "b": "p", "c": "p"}, gold)
    assert lumped.recall == pytest.approx(1.0)
    assert lumped.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_subset_counts_clusters_within_the_subset() -> None:
    gold = {"a": "X", "b": "X", "c": "Y", "d": "Y"}
    pred = {"a": "1", "b": "1", "c": "1", "d": "2"}
    # within {a, b}, the predicted cluster holds only a and b: perfect
    assert bcubed(pred, gold, ["a", "b"]).f1 == pytest.approx(1.0)


def test_missing_prediction_is_an_error() -> None:
    with pytest.raises(ConfigError, match="lack a predicted"):
        bcubed({"a": "1"}, {"a": "X", "b": "X"})
