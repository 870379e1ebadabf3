"""Score newsprism's claim matching and stance reading on FNC-1 (competition test set).

    .venv/bin/python scripts/score_stance.py [--data ../shared/datasets/fnc1_stance]
        [--encoder static|minilm|hybrid|minilm-onnx] [--cache FILE.npz] [--limit N] [--json FILE]
        [--calibration-only]

No FNC-1 label is used for learning. The rule's thresholds are set by grid search on a fixed
20% calibration split (seed newsprism.eval.fnc1.CALIBRATION_SEED) and scores are reported on
the other 80%; the same is done for the baseline (embedding relatedness of headline and whole
body plus cue words over the whole body). Scores with the rule's default thresholds (no
labels at all) are reported too. Embeddings of the ~18k body sentences take a few minutes on
two cores; ``--cache`` keeps them between runs.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import numpy as np

from newsprism.config import CLAIM_ENCODERS, DEFAULT_CLAIM_ENCODER, claim_encoder_from_env
from newsprism.eval import fnc1
from newsprism.triangulate import similarity
from newsprism.triangulate.stance import sentence_cues

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "datasets" / "fnc1_stance"

def embed_cached(texts: list[str], cache: Path | None, encoder: str = "minilm") -> np.ndarray:
    """The claim encoder's vectors of texts, kept in ``cache`` (MiniLM takes minutes)."""
    enc = similarity.claim_encoder(encoder)
    if enc.name != "minilm":
        return similarity.encode_claims(texts, enc)  # a table lookup: not worth a cache
    # Vectors encoded in bfloat16 (similarity.embed_bf16) differ slightly from float32 ones:
    # the key keeps the two apart.
    mode = "bf16\x00" if similarity.embed_bf16() else ""
    key = hashlib.sha256((mode + "\x00".join(texts)).encode()).hexdigest()
    if cache is not None and cache.is_file():
        data = np.load(cache)
        if str(data["key"]) == key:
            return np.asarray(data["vecs"])
    vecs = similarity.embed(texts)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(cache, key=np.array(key), vecs=vecs)
    return vecs


def features(pairs: Sequence[fnc1.Pair], bodies: dict[str, str], cache: Path | None,
             use_embeddings: bool, encoder: str = "minilm") -> list[fnc1.PairFeatures]:
    body_ids = sorted({p.body_id for p in pairs})
    sentences = {b: fnc1.split_sentences(bodies[b]) for b in body_ids}
    headlines = sorted({p.headline for p in pairs})
    texts = headlines + [s for b in body_ids for s in sentences[b]]
    vecs = (embed_cached(texts, cache, "minilm" if encoder == "hybrid" else encoder)
            if use_embeddings else None)
    head_vec = {h: (vecs[i] if vecs is not None else None) for i, h in enumerate(headlines)}
    body_vecs: dict[str, np.ndarray | None] = {}
    pos = len(headlines)
    for b in body_ids:
        n = len(sentences[b])
        body_vecs[b] = vecs[pos:pos + n] if vecs is not None else None
        pos += n
    sent_terms = {b: [similarity.content_terms(s) for s in sentences[b]] for b in body_ids}
    weights = {b: similarity.TermWeights(sent_terms[b]) for b in body_ids}
    head_terms = {h: similarity.content_terms(h) for h in headlines}
    cues = {b: [sentence_cues(s) for s in sentences[b]] for b in body_ids}
    pair_vecs = [body_vecs[p.body_id] for p in pairs]
    if encoder == "hybrid" and vecs is not None:
        pair_vecs = hybrid_vectors(pairs, texts, sentences, weights, sent_terms, head_terms,
                                   body_vecs)
    return [fnc1.pair_features(head_terms[p.headline], head_vec[p.headline], p.headline,
                               sent_terms[p.body_id], v, sentences[p.body_id],
                               weights[p.body_id], cues[p.body_id])
            for p, v in zip(pairs, pair_vecs, strict=True)]


def hybrid_vectors(pairs: Sequence[fnc1.Pair], texts: list[str],
                   sentences: dict[str, list[str]], weights: dict[str, similarity.TermWeights],
                   sent_terms: dict[str, list[list[str]]], head_terms: dict[str, list[str]],
                   body_vecs: dict[str, np.ndarray | None]) -> list[np.ndarray | None]:
    """Each pair's body-sentence vectors as the hybrid encoder has them: MiniLM's where the
    sentence's static score with the headline reaches similarity.HYBRID_FLOOR, else zero
    (cosine 0). Prints the share of body sentences that needed MiniLM at all."""
    enc = similarity.static_encoder()
    static = dict(zip(texts, similarity.encode_claims(texts, enc), strict=True))
    out: list[np.ndarray | None] = []
    needed: set[tuple[str, int]] = set()
    for p in pairs:
        vecs = body_vecs[p.body_id]
        if vecs is None or not len(vecs):
            out.append(vecs)
            continue
        head = set(head_terms[p.headline])
        lexical = np.array([similarity.weighted_overlap(head, set(t), weights[p.body_id])
                            for t in sent_terms[p.body_id]])
        cosine = np.stack([static[t] for t in sentences[p.body_id]]) @ static[p.headline]
        keep = similarity.combine(cosine, lexical, enc) >= similarity.HYBRID_FLOOR
        needed.update((p.body_id, int(k)) for k in np.flatnonzero(keep))
        out.append(vecs * keep[:, None])
    total = sum(len(sentences[b]) for b in {p.body_id for p in pairs})
    print(f"hybrid: {len(needed):,} of {total:,} body sentences need MiniLM "
          f"({len(needed) / max(1, total):.1%})")
    return out


# Grids searched on the calibration split.
RELATED_GRID = [round(x, 3) for x in np.arange(0.15, 0.6, 0.01)]
CUE_GRID = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5,
            0.6, 0.8, 1.0]
GRID: dict[str, list[float]] = {
    "disagree": CUE_GRID,
    "refute_body_weight": [0.0, 0.5, 1.0, 2.0],
    "discuss": [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0, 1.2],
    "hedge_body_weight": [0.5, 1.0],
    "headline_weight": [0.0, 0.25, 0.5, 1.0],
    "attribution_weight": [0.0, 0.25, 0.5],
    "denial_weight": [0.0, 0.5, 1.0],
}
_INDEX = {label: i for i, label in enumerate(fnc1.LABELS)}


def _macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    f1 = []
    for c in range(len(fnc1.LABELS)):
        tp = int(((gold == c) & (pred == c)).sum())
        wrong = int(((gold != c) & (pred == c)).sum()) + int(((gold == c) & (pred != c)).sum())
        f1.append(2 * tp / (2 * tp + wrong) if tp else 0.0)
    return float(np.mean(f1))


def _arrays(feats: Sequence[fnc1.PairFeatures]) -> dict[str, np.ndarray]:
    return {k: np.array([float(getattr(f, k)) for f in feats])
            for k in fnc1.PairFeatures.__dataclass_fields__}


def _rule(a: dict[str, np.ndarray], t: fnc1.Thresholds) -> np.ndarray:
    """fnc1.decide over arrays (checked against it after the search)."""
    distance = (a["hedge_w"] + t.hedge_body_weight * a["hedge_body"]
                + t.headline_weight * a["headline_hedged"]
                + t.attribution_weight * a["attribution_w"])
    refuting = (a["refute_w"] + t.refute_body_weight * a["refute_body"]
                + t.denial_weight * a["denial_w"]) >= t.disagree
    refuted = np.where(a["headline_refutes"] > 0, _INDEX["agree"],
                       np.where(a["headline_hedged"] > 0, _INDEX["discuss"], _INDEX["disagree"]))
    return np.where(a["related"] < t.related, _INDEX["unrelated"],
                    np.where(refuting, refuted,
                             np.where(distance >= t.discuss, _INDEX["discuss"],
                                      np.where(a["headline_refutes"] > 0, _INDEX["disagree"],
                                               _INDEX["agree"]))))


def _baseline(a: dict[str, np.ndarray], t: fnc1.Thresholds) -> np.ndarray:
    return np.where(a["body_cosine"] < t.related, _INDEX["unrelated"],
                    np.where(a["refute_any_body"] >= t.disagree, _INDEX["disagree"],
                             np.where(a["hedge_body"] >= t.discuss, _INDEX["discuss"],
                                      _INDEX["agree"])))


def calibrate(feats: Sequence[fnc1.PairFeatures], gold: Sequence[str],
              baseline: bool = False) -> fnc1.Thresholds:
    """Grid search: the relatedness threshold alone (best related/unrelated accuracy), then
    the stance thresholds and weights for macro-F1 with it fixed."""
    a = _arrays(feats)
    g = np.array([_INDEX[x] for x in gold])
    rel = a["body_cosine"] if baseline else a["related"]
    best_rel = max(RELATED_GRID, key=lambda t: float(((rel >= t) == (g != _INDEX["unrelated"]))
                                                     .mean()))
    rule = _baseline if baseline else _rule
    grid: dict[str, list[float]] = (
        {"disagree": CUE_GRID, "discuss": [*CUE_GRID, 1.2, 1.5, 2.0]} if baseline else GRID)
    best_t, best_f1 = fnc1.Thresholds(related=best_rel), -1.0
    for values in itertools.product(*grid.values()):
        t = fnc1.Thresholds(related=best_rel, **dict(zip(grid, values, strict=True)))
        f1 = _macro_f1(g, rule(a, t))
        if f1 > best_f1:
            best_f1, best_t = f1, t
    decide = fnc1.baseline_decide if baseline else fnc1.decide
    check = [_INDEX[decide(f, best_t)] for f in feats]
    if check != rule(a, best_t).tolist():
        raise AssertionError("vectorized rule and fnc1.decide disagree")
    return best_t


def report(name: str, s: fnc1.FncScore) -> dict[str, object]:
    return {"system": name, "n": s.n, "macro_f1": round(s.macro_f1, 4),
            "fnc_score": round(s.fnc_score, 4),
            "f1": {k: round(v, 4) for k, v in s.f1.items()}, "confusion": s.confusion}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--cache", type=Path, default=None,
                    help="embedding cache (default ~/.cache/newsprism/fnc1_embeddings.npz, "
                         "fnc1_embeddings_bf16.npz when encoding in bfloat16)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N pairs")
    ap.add_argument("--no-embeddings", action="store_true")
    ap.add_argument("--encoder", choices=CLAIM_ENCODERS, default=None,
                    help="claim encoder (default: $NEWSPRISM_CLAIM_ENCODER, else "
                         f"{DEFAULT_CLAIM_ENCODER})")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--calibration-only", action="store_true",
                    help="development: score on the calibration split itself and never look "
                         "at the evaluation split")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"FNC-1 data not found at {args.data}", file=sys.stderr)
        return 2
    encoder = args.encoder or claim_encoder_from_env()
    # similarity.combine (through fnc1.pair_features) weighs the configured encoder's cosine.
    os.environ["NEWSPRISM_CLAIM_ENCODER"] = encoder
    t0 = time.time()
    pairs, bodies = fnc1.read_fnc1(args.data)
    if args.limit:
        pairs = pairs[: args.limit]
    default_cache = Path.home() / ".cache" / "newsprism" / (
        "fnc1_embeddings_bf16.npz" if similarity.embed_bf16() else "fnc1_embeddings.npz")
    cache = None if args.limit else (args.cache or default_cache)
    feats = features(pairs, bodies, cache, not args.no_embeddings, encoder)
    gold = [p.stance for p in pairs]
    cal, ev = fnc1.calibration_split(len(pairs))
    if args.calibration_only:
        ev = cal
    results = []
    for name, decide, is_base in (("newsprism", fnc1.decide, False),
                                  ("baseline", fnc1.baseline_decide, True)):
        t = calibrate([feats[i] for i in cal], [gold[i] for i in cal], baseline=is_base)
        s = fnc1.score([gold[i] for i in ev], [decide(feats[i], t) for i in ev])
        results.append({**report(f"{name} (thresholds on 20%)", s), "thresholds": asdict(t)})
        default = fnc1.Thresholds(related=0.3, disagree=0.05, discuss=0.5) if not is_base \
            else fnc1.Thresholds(related=0.3, disagree=0.1, discuss=0.5)
        s0 = fnc1.score([gold[i] for i in ev], [decide(feats[i], default) for i in ev])
        results.append({**report(f"{name} (default thresholds, no labels)", s0),
                        "thresholds": asdict(default)})
    out = {"encoder": "none" if args.no_embeddings else encoder, "pairs": len(pairs), "calibration_pairs": len(cal), "evaluation_pairs": len(ev),
           "seed": fnc1.CALIBRATION_SEED, "seconds": round(time.time() - t0, 1),
           "results": results}
    for r in results:
        f1 = r["f1"]
        assert isinstance(f1, dict)
        print(f"{r['system']:<42} macro-F1 {r['macro_f1']:.4f}  FNC {r['fnc_score']:.4f}  "
              + "  ".join(f"{k} {v:.3f}" for k, v in f1.items()))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
