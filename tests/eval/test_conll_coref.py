"""The coreference scorer: hand-computed small cases for each metric, and the ECB+ key file
scored against itself (read from ../shared when present)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.errors import ConfigError
from newsprism.eval.conll_coref import (
    bcubed,
    ceafe,
    clusters_from_labels,
    muc,
    read_conll_clusters,
    score,
    write_conll_clusters,
)

# Key {a b c d} {e f g}; response {a b} {c d} {f g h i}: the example of Pradhan et al. (2014)
# in spirit, worked by hand below.
KEY = [frozenset("abcd"), frozenset("efg")]
RESPONSE = [frozenset("ab"), frozenset("cd"), frozenset("fghi")]


def test_muc_by_hand() -> None:
    # Recall: {a b c d} is cut in 2 parts (3 - 1 = 2 of 3 links kept); {e f g}: e is missing,
    # so parts {e} {f g}: 1 of 2 links. (2 + 1) / (3 + 2) = 0.6.
    # Precision: {a b} 1/1, {c d} 1/1, {f g h i}: parts {f g} {h} {i} -> 1 of 3. 3 / 5 = 0.6.
    m = muc(KEY, RESPONSE)
    assert m.recall == pytest.approx(0.6)
    assert m.precision == pytest.approx(0.6)


def test_bcubed_by_hand() -> None:
    # Recall: a, b, c, d each 2/4 -> 4 * 0.5 = 2; e 0; f, g 2/3 each -> 4/3. Sum 10/3 over 7.
    # Precision: a b c d each 2/2 -> 4; f g each 2/4 -> 1; h i 0. Sum 5 over 8.
    b = bcubed(KEY, RESPONSE)
    assert b.recall == pytest.approx((10 / 3) / 7)
    assert b.precision == pytest.approx(5 / 8)


def test_ceafe_by_hand() -> None:
    # phi4: {abcd}-{ab} = 2*2/6, {abcd}-{cd} = 2*2/6, {efg}-{fghi} = 2*2/7. Best alignment:
    # 2/3 + 4/7 = 26/21. Recall over 2 key entities, precision over 3 response entities.
    c = ceafe(KEY, RESPONSE)
    assert c.recall == pytest.approx((26 / 21) / 2)
    assert c.precision == pytest.approx((26 / 21) / 3)


def test_perfect_and_conll_mean() -> None:
    s = score(KEY, KEY)
    assert s.conll_f1 == pytest.approx(1.0)
    s = score(KEY, RESPONSE)
    assert s.conll_f1 == pytest.approx((s.muc.f1 + s.bcubed.f1 + s.ceafe.f1) / 3)


def test_singletons_dropped_from_both_sides() -> None:
    key = [frozenset("ab"), frozenset("c")]
    response = [frozenset("ab"), frozenset("d")]
    assert score(key, response, singletons=False).conll_f1 == pytest.approx(1.0)
    assert score(key, response).conll_f1 < 1.0


def test_all_singletons_have_no_muc_links() -> None:
    key = [frozenset("a"), frozenset("b")]
    assert muc(key, key).recall == 0.0
    assert bcubed(key, key).f1 == pytest.approx(1.0)


def test_mention_in_two_clusters_is_an_error() -> None:
    with pytest.raises(ConfigError):
        score([frozenset("ab"), frozenset("bc")], [frozenset("abc")])


def test_conll_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "r.conll"
    write_conll_clusters(path, ["x", "y", "x", "z"])
    labels = read_conll_clusters(path)
    assert labels == ["1", "2", "1", "3"]
    bad = tmp_path / "bad.conll"
    bad.write_text("#begin document (d); part 000\nd\t(1|2)\n#end document\n")
    with pytest.raises(ConfigError, match="line 2"):
        read_conll_clusters(bad)


def test_ecb_key_scored_against_itself_and_json_order(shared_dir: Path) -> None:
    from newsprism.eval.ecb_entities import key_order, read_split

    root = shared_dir / "datasets" / "ecbplus" / "cybulska_setup_barhom2019"
    key_file = root / "CD_test_entity_mention_based.key_conll"
    if not key_file.is_file():
        pytest.skip(f"ECB+ key file not found at {key_file}")
    labels = read_conll_clusters(key_file)
    key = clusters_from_labels(enumerate(labels))
    assert score(key, key).conll_f1 == pytest.approx(1.0)
    # The gold chains of the JSON mentions, in key order, are the key's partition.
    _, gold = read_split(root, "Test")
    ordered = key_order(gold)
    assert len(ordered) == len(labels)
    from_json = clusters_from_labels((n, g.chain) for n, g in enumerate(ordered))
    assert score(key, from_json).conll_f1 == pytest.approx(1.0)
