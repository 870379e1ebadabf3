from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.errors import ConfigError
from newsprism.eval import fnc1


def test_score_by_hand() -> None:
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated", "agree"]
    pred = ["agree", "discuss", "discuss", "unrelated", "agree", "unrelated"]
    s = fnc1.score(gold, pred)
    # 1 + 0.25 + 1 + 0.25 + 0 + 0 out of 1 + 1 + 1 + 0.25 + 0.25 + 1
    assert (s.raw, s.best) == (2.5, 4.5)
    assert s.fnc_score == pytest.approx(2.5 / 4.5)
    assert s.f1 == pytest.approx({"agree": 0.5, "disagree": 0.0, "discuss": 2 / 3,
                                  "unrelated": 0.5})
    assert s.macro_f1 == pytest.approx((0.5 + 0 + 2 / 3 + 0.5) / 4)
    assert s.confusion["disagree"]["discuss"] == 1


def test_score_rejects_bad_input() -> None:
    with pytest.raises(ConfigError):
        fnc1.score(["agree"], [])
    with pytest.raises(ConfigError):
        fnc1.score(["agree"], ["maybe"])


def test_calibration_split_is_fixed_and_disjoint() -> None:
    cal, ev = fnc1.calibration_split(1000)
    assert len(cal) == 200 and len(ev) == 800 and not set(cal) & set(ev)
    assert fnc1.calibration_split(1000) == (cal, ev)


def test_rule_on_written_pairs() -> None:
    headline = "Lighthouse keeper finds giant squid on Orvel beach"
    bodies = {
        "agree": "A lighthouse keeper found a giant squid washed up on Orvel beach on Sunday. "
                 "The animal measured nine metres.",
        "disagree": "Photos of a giant squid on Orvel beach are a hoax. The images were "
                    "doctored, and no squid was found on the beach, officials said.",
        "discuss": "A giant squid was reportedly found on Orvel beach by a lighthouse keeper, "
                   "according to unverified posts. The claim could not be confirmed.",
        "unrelated": "The city council approved a new budget for public schools on Tuesday.",
    }
    got = {label: _decide(headline, body) for label, body in bodies.items()}
    assert got == {k: k for k in bodies}


def _decide(headline: str, body: str) -> str:
    from newsprism.triangulate import similarity

    sents = fnc1.split_sentences(body)
    terms = [similarity.content_terms(s) for s in sents]
    f = fnc1.pair_features(similarity.content_terms(headline), None, headline, terms, None,
                           sents, similarity.TermWeights(terms))
    return fnc1.decide(f, fnc1.Thresholds())  # the a-priori defaults


DEBUNK = ("The photos of a giant squid on Orvel beach are a hoax. The images of the squid on "
          "the beach were doctored, the lighthouse keeper said.")
ASSERT = ("A lighthouse keeper found a giant squid washed up on Orvel beach on Sunday. The "
          "giant squid on the beach measured nine metres.")


def test_a_body_that_debunks_a_debunking_headline_agrees_with_it() -> None:
    headline = "Giant squid photos from Orvel beach are a hoax"
    assert _decide(headline, DEBUNK) == "agree"
    # And a body that states the squid was found, in its own voice, disagrees with it.
    assert _decide(headline, ASSERT) == "disagree"


def test_debunking_a_reported_or_questioned_claim_is_discussing_it() -> None:
    # The headline only reports what someone claims, or asks: the claim being false does not
    # make the headline false.
    for headline in ("Lighthouse keeper claims he found a giant squid on Orvel beach",
                     "Did a lighthouse keeper find a giant squid on Orvel beach?"):
        assert _decide(headline, DEBUNK) == "discuss"
    assert _decide("Lighthouse keeper finds giant squid on Orvel beach", DEBUNK) == "disagree"


def test_reader(tmp_path: Path) -> None:
    (tmp_path / "competition_test_bodies.csv").write_text(
        'Body ID,articleBody\n7,"Text, with comma."\n', encoding="utf-8")
    (tmp_path / "competition_test_stances.csv").write_text(
        "Headline,Body ID,Stance\nA headline,7,agree\n", encoding="utf-8")
    pairs, bodies = fnc1.read_fnc1(tmp_path)
    assert pairs == [fnc1.Pair("A headline", "7", "agree")]
    assert bodies == {"7": "Text, with comma."}
    with pytest.raises(ConfigError):
        fnc1.read_fnc1(tmp_path / "missing")
