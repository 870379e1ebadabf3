"""Benchmark: triangulating one story of 50 reports (target: under 10 s on this machine).

Usage: .venv/bin/python benchmarks/bench_triangulate.py [--reports N] [--no-write]
       .venv/bin/python benchmarks/bench_triangulate.py --agreement N [--db FILE]

The story is synthetic and made here: a pool of facts about an invented event (each with
three wordings, a number and a date), from which every report draws 20 sentences in its own
wording (no two reports share a fact sentence) and a random stance, plus quotes of a few
invented speakers. Timed: the whole triangulation of the story (claim groups with embeddings,
omissions, quote groups) with the embedding model loaded and an empty embedding cache; the
same story again after one more report joins; the model load; and several small stories
encoded one by one against the stage's one batched call. The baseline, timed in the same run,
groups the same claims by word overlap alone (no embeddings).

``--agreement N`` instead compares the MiniLM encoders on the multi-report stories of the first
N Reuters-21578 texts (ingested into a temporary store, or read from ``--db``, a store the
pipeline filled from them): CPU per 1,000 claim parts on one thread, cosine to the float32
torch model, and how many claim and quote groups differ from the default path's. Printed, not
written to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.report import write_section
from newsprism.store import Store
from newsprism.triangulate import onnx_encoder, similarity, static_vectors
from newsprism.triangulate.claims import cluster
from newsprism.triangulate.stage import triangulate_reports
from newsprism.triangulate.vectors import encode_stories, texts_to_embed
from newsprism.types import Analysis, ClaimUnit, NumberExpr, Quote, Report, TimeExpr

TARGET_S = 10.0
SENTENCES_PER_REPORT = 20
_SUBJECTS = ("the harbour authority", "the rail union", "the river council", "the grain board",
             "the coast guard", "the mining ministry", "the airport operator", "the tax office")
_VERBS = (("closed", "shut down", "ordered the closure of"),
          ("inspected", "carried out checks at", "sent inspectors to"),
          ("fined", "imposed a penalty on", "ordered a fine for"),
          ("reopened", "allowed the reopening of", "lifted the closure of"))
_OBJECTS = ("the northern docks", "two grain silos", "the old ferry terminal", "the copper mine",
            "the east runway", "a fuel depot", "the fish market", "the customs warehouse")
_SPEAKERS = ("Ilse Varga", "Tomas Orrin", "Mira Castell", "Jon Peltonen")
_REMARKS = ("we will not accept any delay in the repairs",
            "the safety of the workers comes before every schedule",
            "nobody will lose their job because of this closure",
            "the budget for the port was cut three years in a row")


# Each report words a fact its own way: one of three verbs, an opening and a closing phrase,
# drawn without repeats so that no two reports share a sentence (the worst case for the
# per-process cache: every sentence must be encoded).
_LEADS = ("", "Earlier, ", "In a surprise move, ", "As expected, ", "Meanwhile, ",
          "Late last night, ")
_TAILS = ("", " in the morning", " despite protests", " without warning",
          " after a long debate", " for the second time", " amid heavy rain",
          " under police watch", " with little notice", " as workers looked on",
          " in a brief statement", " before the holiday")


def _facts(rng: random.Random, n: int) -> list[tuple[list[str], float, str]]:
    """Facts as (three base wordings, number, date); each wording has a {lead} and {tail}."""
    facts = []
    for i in range(n):
        subj, obj = rng.choice(_SUBJECTS), rng.choice(_OBJECTS)
        verbs = rng.choice(_VERBS)
        count = rng.randrange(2, 900)
        day = 1 + i % 28
        wordings = [f"{{lead}}on {day} May {subj} {verb} {obj}{{tail}} after {count} complaints"
                    for verb in verbs]
        wordings[1] = (f"{{lead}}{subj} {verbs[1]} {obj} on {day} May{{tail}} following "
                       f"{count} complaints")
        facts.append((wordings, float(count), f"2031-05-{day:02d}"))
    return facts


def _wording(rng: random.Random, fact: tuple[list[str], float, str], used: set[str]) -> str:
    while True:
        text = rng.choice(fact[0]).format(lead=rng.choice(_LEADS), tail=rng.choice(_TAILS))
        text = text[0].upper() + text[1:]
        if text not in used:
            used.add(text)
            return text


def synthetic_story(n_reports: int, seed: int = 2031, prefix: str = "r"
                    ) -> tuple[list[Report], dict[str, Analysis | None]]:
    rng = random.Random(seed)
    facts = _facts(rng, 60)
    used: set[str] = set()
    reports: list[Report] = []
    analyses: dict[str, Analysis | None] = {}
    for r in range(n_reports):
        rid = f"{prefix}{r:03d}"
        text, claims, numbers, times, quotes = "", [], [], [], []
        for k, f in enumerate(rng.sample(facts, SENTENCES_PER_REPORT)):
            wording = _wording(rng, f, used)
            stance = rng.choice(("asserted", "asserted", "attributed", "hedged"))
            sentence = wording + (", officials said." if stance == "attributed" else ".")
            start = len(text)
            text += sentence + " "
            claims.append(ClaimUnit(f"{rid}-c{k}", rid, start, start + len(sentence), sentence,
                                    stance))  # type: ignore[arg-type]
            num = str(int(f[1]))
            i = sentence.index(" " + num + " ") + 1
            numbers.append(NumberExpr(rid, start + i, start + i + len(num), num, f[1],
                                      "complaints"))
            day = str(int(f[2][-2:]))
            j = sentence.lower().index(f"on {day} may") + 3
            times.append(TimeExpr(rid, start + j, start + j + len(day) + 4,
                                  sentence[j:j + len(day) + 4], f[2], "day"))
        for k in range(3):
            speaker = rng.choice(_SPEAKERS)
            remark = _REMARKS[_SPEAKERS.index(speaker)]
            sentence = f"“{remark.capitalize()},” {speaker} said."
            start = len(text)
            text += sentence + " "
            quotes.append(Quote(f"{rid}-q{k}", rid, start + 1, start + 1 + len(remark), remark,
                                "direct", "said", speaker))
            claims.append(ClaimUnit(f"{rid}-qc{k}", rid, start, start + len(sentence), sentence,
                                    "quoted", (speaker,)))
        reports.append(Report(id=rid, source=f"bench://{rid}", text=text,
                              outlet=f"Outlet {r % 17}", published_at=f"2031-05-{1 + r % 28:02d}"))
        analyses[rid] = Analysis(rid, quotes=tuple(quotes), numbers=tuple(numbers),
                                 times=tuple(times), claims=tuple(claims))
    return reports, analyses


class _Clock:
    """Wall and CPU seconds of one step."""

    def __enter__(self) -> _Clock:
        self.t, self.c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.t
        self.cpu = time.process_time() - self.c

    def __str__(self) -> str:
        return f"{self.wall:.2f} (CPU {self.cpu:.2f})"


def _stories(n: int, size: int) -> list[tuple[str, list[Report], dict[str, Analysis | None]]]:
    out = []
    for k in range(n):
        reports, analyses = synthetic_story(size, seed=7000 + k, prefix=f"s{k}r")
        out.append((f"s{k}", reports, analyses))
    return out


def _many_stories(n: int, size: int) -> tuple[_Clock, _Clock]:
    """Triangulating n small stories one by one (one encoding call each) against the
    stage's way (one batched call for all of them), each from a cold cache."""
    stories = _stories(n, size)
    similarity.clear_cache()
    with _Clock() as one_by_one:
        for sid, reports, analyses in stories:
            triangulate_reports(sid, reports, analyses)
    similarity.clear_cache()
    with _Clock() as batched:
        vectors = encode_stories((r, a) for _, r, a in stories)
        for sid, reports, analyses in stories:
            triangulate_reports(sid, reports, analyses, vectors)
    return one_by_one, batched


@contextlib.contextmanager
def _encoder(name: str) -> Iterator[None]:
    """NEWSPRISM_CLAIM_ENCODER set to ``name`` for the block."""
    previous = os.environ.get("NEWSPRISM_CLAIM_ENCODER")
    os.environ["NEWSPRISM_CLAIM_ENCODER"] = name
    try:
        yield
    finally:
        if previous is None:
            del os.environ["NEWSPRISM_CLAIM_ENCODER"]
        else:
            os.environ["NEWSPRISM_CLAIM_ENCODER"] = previous


def _onnx(reports: list[Report], analyses: dict[str, Analysis | None],
          texts: list[str]) -> tuple[_Clock, _Clock, int]:
    """The ONNX encoder's load (built first if the cache lacks it), its encoding of ``texts``
    after a warm-up call, and the multi-report claim groups of the story with it."""
    with _Clock() as load:
        onnx_encoder.model()
    onnx_encoder.encode(texts[:8])
    with _Clock() as enc:
        onnx_encoder.encode(texts)
    with _encoder("minilm-onnx"):
        groups, _ = triangulate_reports("bench", reports, analyses)
    return load, enc, sum(1 for g in groups if len(g["report_ids"]) > 1)


def _encoders(reports: list[Report], analyses: dict[str, Analysis | None],
              texts: list[str]) -> tuple[_Clock, _Clock, _Clock, _Clock, int, int]:
    """The static table's load (built first if the cache lacks it), the static encoding of
    ``texts`` (timed after a warm-up call, like MiniLM's), the MiniLM encoding of them, the
    whole story triangulated with static vectors (and its multi-report claim groups), and
    how many texts the hybrid encoder still gives MiniLM."""
    with _Clock() as load:
        static_vectors.table()
    static_vectors.encode(texts[:8])
    with _Clock() as static:
        static_vectors.encode(texts)
    with _encoder("minilm"):  # torch, whatever the default
        similarity.embed(texts[:8])  # loads the model
        similarity.clear_cache()
        with _Clock() as minilm:
            similarity.embed(texts)
    similarity.clear_cache()
    with _encoder("static"), _Clock() as story:
        groups, _ = triangulate_reports("bench", reports, analyses)
    with _encoder("hybrid"):
        hybrid = len(set(texts_to_embed(reports, analyses)))
    multi = sum(1 for g in groups if len(g["report_ids"]) > 1)
    return load, static, minilm, story, multi, hybrid


def _reuters_stories(n: int, db: Path | None
                     ) -> list[tuple[str, list[Report], dict[str, Analysis | None]]]:
    """The multi-report stories of the first n Reuters texts, through the whole pipeline."""
    from benchmarks.corpora import reuters_available, reuters_docs, write_jsonl
    from newsprism import pipeline
    from newsprism.config import Settings
    from newsprism.triangulate.stage import load_stories

    with tempfile.TemporaryDirectory() as tmp:
        if db is None:
            if not reuters_available():
                raise SystemExit("Reuters-21578 not found in ../shared/datasets")
            db = Path(tmp) / "t.db"
            files = write_jsonl(reuters_docs()[:n], Path(tmp) / "in")
            with Store(db) as store:
                pipeline.ingest([str(f) for f in files], store, Settings(workers=2))
        with Store(db) as store:
            return load_stories(store, [s for s in store.stories() if len(s.report_ids) > 1])


def _torch_vectors(texts: list[str], bf16: bool) -> tuple[np.ndarray, float]:
    """The torch model's vectors (bfloat16 autocast or float32) and CPU seconds, one thread."""
    import torch

    model = similarity._model()
    context = (torch.autocast("cpu", dtype=torch.bfloat16) if bf16
               else contextlib.nullcontext())
    model.encode(texts[:8])
    started = time.process_time()
    with context:
        raw = model.encode(texts, batch_size=similarity.EMBED_BATCH, normalize_embeddings=True,
                           convert_to_tensor=True, show_progress_bar=False)
    cpu = time.process_time() - started
    vecs = raw.float().numpy()
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True), cpu


def agreement(n: int, db: Path | None) -> str:
    """Claim parts of Reuters stories encoded by torch (float32, bfloat16) and ONNX int8:
    CPU, cosines to float32, and the claim/quote groups that differ from bfloat16's."""
    import torch

    stories = _reuters_stories(n, db)
    texts = list(dict.fromkeys(t for _, r, a in stories for t in texts_to_embed(r, a)))
    torch.set_num_threads(1)
    os.environ["NEWSPRISM_EMBED_THREADS"] = "1"
    ref, fp32_cpu = _torch_vectors(texts, bf16=False)
    bf16, bf16_cpu = _torch_vectors(texts, bf16=True)
    onnx_encoder.encode(texts[:8])
    started = time.process_time()
    int8 = onnx_encoder.encode(texts)
    int8_cpu = time.process_time() - started

    def groups(vecs: np.ndarray) -> tuple[set[str], set[str]]:
        vm = dict(zip(texts, vecs, strict=True))
        claims: set[str] = set()
        quotes: set[str] = set()
        for sid, reports, analyses in stories:
            cg, qg = triangulate_reports(sid, reports, analyses, vm)
            claims |= {g["id"] for g in cg}
            quotes |= {g["id"] for g in qg}
        return claims, quotes

    base = groups(bf16)
    per_k = 1000 / max(1, len(texts))
    rows = [f"{len(stories)} multi-report stories of the first {n} Reuters texts, "
            f"{len(texts)} distinct claim parts and quotes to encode; one thread",
            "| encoder | CPU s per 1,000 | cosine to float32 mean / min / 1st pct | claim groups "
            "(differing from bf16) | quote groups (differing) |", "|---|---|---|---|---|"]
    for name, vecs, cpu in (("torch float32", ref, fp32_cpu), ("torch bf16 (minilm)", bf16,
                            bf16_cpu), ("onnx int8 (minilm-onnx)", int8, int8_cpu)):
        cos = (vecs * ref).sum(axis=1)
        claims, quotes = groups(vecs)
        rows.append(f"| {name} | {per_k * cpu:.2f} | {cos.mean():.4f} / {cos.min():.4f} / "
                    f"{np.percentile(cos, 1):.4f} | {len(claims)} ({len(claims - base[0])}) | "
                    f"{len(quotes)} ({len(quotes - base[1])}) |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=50)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--agreement", type=int, metavar="N",
                    help="compare the MiniLM encoders on the first N Reuters texts instead")
    ap.add_argument("--db", type=Path, help="with --agreement: a store already holding them")
    args = ap.parse_args(argv)
    if args.agreement:
        print(agreement(args.agreement, args.db))
        return 0
    reports, analyses = synthetic_story(args.reports)
    texts = [c.text for a in analyses.values() if a for c in a.claims]
    n_claims = len(texts)

    with _Clock() as baseline:
        base = cluster(similarity.match_matrix(texts, use_embeddings=False))
    with _Clock() as load:
        similarity.claim_encoder_available()  # loads the default claim encoder's model
    with _Clock() as prefilter:
        to_embed = list(dict.fromkeys(texts_to_embed(reports, analyses)))
    n_parts = len(similarity.story_parts(texts)[0])
    similarity.clear_cache()
    with _Clock() as cold:
        claim_groups, quote_groups = triangulate_reports("bench", reports, analyses)
    # One more report joins: the story is triangulated again; only its sentences are new.
    more, more_analyses = synthetic_story(args.reports + 1)
    with _Clock() as again:
        triangulate_reports("bench", more, more_analyses)
    with _Clock() as encode:
        similarity.clear_cache()
        similarity.encode_claims(to_embed)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        similarity.embed_map(to_embed, store)
        similarity.clear_cache()  # a new process: only the store has the vectors
        with _Clock() as stored:
            vectors = encode_stories([(reports, analyses)], store)
            triangulate_reports("bench", reports, analyses, vectors)
    one_by_one, batched = _many_stories(8, 3)
    static_load, static_enc, minilm_enc, static_story, static_multi, n_hybrid = _encoders(
        reports, analyses, to_embed)
    onnx_load, onnx_enc, onnx_multi = _onnx(reports, analyses, to_embed)
    per_k = 1000 / max(1, len(to_embed))
    multi = sum(1 for g in claim_groups if len(g["report_ids"]) > 1)
    met = "met" if cold.wall < TARGET_S else "NOT met"
    loadavg = os.getloadavg()[0]
    body = f"""`bench_triangulate.py`: one synthetic story of {args.reports} reports, {n_claims} \
claim units ({SENTENCES_PER_REPORT} facts and 3 quotes per report, facts drawn from a pool of \
60, each report wording its facts its own way so that no two fact sentences are alike: \
{len(set(texts))} distinct claim texts, {n_parts} with the segments of long sentences). \
Load average during the run: {loadavg:.1f} on {os.cpu_count()} cores (other work shared the \
machine); encoding runs on {similarity.embed_threads()} thread(s) at this load, in \
{"bfloat16" if similarity.embed_bf16() else "float32"} for `minilm` (`similarity.embed_bf16`). \
The first table runs the default claim encoder (`{similarity.claim_encoder().name}`).

| step | wall s (CPU s) | claims/s | note |
|---|---|---|---|
| baseline: word-overlap grouping only (no embeddings) | {baseline} | \
{n_claims / baseline.wall:,.0f} | {len(base)} groups |
| lexical prefilter: which sentences and parts need an embedding | {prefilter} | | \
{len(to_embed)} distinct texts to encode |
| `triangulate_reports`, model loaded, empty embedding cache | {cold} | \
{n_claims / cold.wall:,.0f} | {len(claim_groups)} claim groups ({multi} multi-report), \
{len(quote_groups)} quote groups |
| of which encoding the {len(to_embed)} texts | {encode} | | \
{1000 * encode.cpu / max(1, len(to_embed)):.1f} ms CPU per text |
| the same story again after a report joins (cached sentences not re-encoded) | {again} | \
{(n_claims + 23) / again.wall:,.0f} | |
| the same story in a new process, its embeddings read from the store | {stored} | \
{n_claims / stored.wall:,.0f} | |
| loading the default encoder's model (a fresh process's first story) | {load} | | |
| 8 stories of 3 reports, encoded story by story | {one_by_one} | | one call each |
| the same 8 stories as the stage does it (one batched call) | {batched} | | |

Claim encoders (`NEWSPRISM_CLAIM_ENCODER`, default `{similarity.claim_encoder().name}`) \
on the same {len(to_embed)} texts; CPU seconds per 1,000 texts in the last column:

| encoder | wall s (CPU s) | CPU s per 1,000 texts |
|---|---|---|
| `minilm`: all-MiniLM-L6-v2 by torch, model loaded, empty cache | {minilm_enc} | \
{per_k * minilm_enc.cpu:.2f} |
| `static`: distilled word-piece table (`static_vectors.py`) | {static_enc} | \
{per_k * static_enc.cpu:.3f} |
| `static`: loading its table from the cache (or building it once) | {static_load} | |
| `static`: the whole `triangulate_reports` of the story, empty cache | {static_story} | \
({static_multi} multi-report claim groups against MiniLM's {multi}) |
| `minilm-onnx`: the same model by ONNX Runtime, int8 (`onnx_encoder.py`) | {onnx_enc} | \
{per_k * onnx_enc.cpu:.2f} |
| `minilm-onnx`: loading its session (or exporting and quantizing the model once) \
| {onnx_load} | ({onnx_multi} multi-report claim groups in the whole story) |
| `hybrid`: MiniLM for the {n_hybrid} of the {len(to_embed)} texts that static vectors \
leave possible | | ~{per_k * minilm_enc.cpu * n_hybrid / max(1, len(to_embed)):.2f} |

Target: a story of 50 reports in under {TARGET_S:.0f} s with the model loaded: **{met}** \
({cold.wall:.1f} s wall with every sentence distinct; the process itself used {cold.cpu:.1f} s \
of CPU, nearly all of it encoding, which is what it takes on an idle core). Once its sentences \
are encoded, re-triangulating a story takes {again.wall:.1f} s. Wall times on this shared \
machine follow the load: the CPU column is the stable figure (at a load average of 5 on the two \
cores, wall time ran to about twice the CPU time in earlier runs, which puts this story over \
the target).

Reproduce: `.venv/bin/python benchmarks/bench_triangulate.py`"""
    print(body)
    if not args.no_write:
        write_section("Triangulate", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
