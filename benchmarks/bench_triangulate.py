"""Benchmark: triangulating one story of 50 reports (target: under 10 s on this machine).

Usage: .venv/bin/python benchmarks/bench_triangulate.py [--reports N] [--no-write]

The story is synthetic and made here: a pool of facts about an invented event (each with
three wordings, a number and a date), from which every report draws about 20 sentences in a
random wording and stance, plus quotes of a few invented speakers. Timed: the whole
triangulation of the story (claim groups with embeddings, omissions, quote groups) with the
embedding model already loaded, and once more including the model load (a fresh process's
first story). The baseline, timed in the same run, groups the same claims by word overlap
alone (no embeddings).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.report import write_section
from newsprism.triangulate import similarity
from newsprism.triangulate.claims import cluster
from newsprism.triangulate.stage import triangulate_reports
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


def _facts(rng: random.Random, n: int) -> list[tuple[list[str], float, str]]:
    facts = []
    for i in range(n):
        subj, obj = rng.choice(_SUBJECTS), rng.choice(_OBJECTS)
        verbs = rng.choice(_VERBS)
        count = rng.randrange(2, 900)
        day = 1 + i % 28
        wordings = [f"On {day} May {subj} {verb} {obj} after {count} complaints"
                    for verb in verbs]
        wordings[1] = f"{subj.capitalize()} {verbs[1]} {obj} on {day} May following {count} complaints"
        facts.append((wordings, float(count), f"2031-05-{day:02d}"))
    return facts


def synthetic_story(n_reports: int, seed: int = 2031) -> tuple[list[Report],
                                                                dict[str, Analysis | None]]:
    rng = random.Random(seed)
    facts = _facts(rng, 60)
    reports: list[Report] = []
    analyses: dict[str, Analysis | None] = {}
    for r in range(n_reports):
        rid = f"r{r:03d}"
        text, claims, numbers, times, quotes = "", [], [], [], []
        for k, f in enumerate(rng.sample(facts, SENTENCES_PER_REPORT)):
            wording = rng.choice(f[0])
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
            j = sentence.index(" May") - 2
            times.append(TimeExpr(rid, start + j, start + j + 6, sentence[j:j + 6], f[2], "day"))
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=50)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    reports, analyses = synthetic_story(args.reports)
    n_claims = sum(len(a.claims) for a in analyses.values() if a)

    t = time.perf_counter()
    texts = [c.text for a in analyses.values() if a for c in a.claims]
    base = cluster(similarity.match_matrix(texts, use_embeddings=False))
    baseline_s = time.perf_counter() - t

    t = time.perf_counter()
    similarity.embeddings_available()  # loads the model
    load_s = time.perf_counter() - t
    t, cpu = time.perf_counter(), time.process_time()
    claim_groups, quote_groups = triangulate_reports("bench", reports, analyses)
    warm_s = time.perf_counter() - t
    warm_cpu = time.process_time() - cpu
    # Worst case for the per-process cache: every claim a distinct sentence (trailing spaces
    # make each text a new cache key at the same tokenizer cost).
    t, cpu = time.perf_counter(), time.process_time()
    similarity.embed([x + " " * (i + 1) for i, x in enumerate(texts)])
    distinct_s, distinct_cpu = time.perf_counter() - t, time.process_time() - cpu
    cold_s = warm_s + load_s
    multi = sum(1 for g in claim_groups if len(g["report_ids"]) > 1)
    met = "met" if warm_s < TARGET_S else "NOT met"
    unique = len(set(texts))
    load = os.getloadavg()[0]
    body = f"""`bench_triangulate.py`: one synthetic story of {args.reports} reports, {n_claims} claim \
units ({SENTENCES_PER_REPORT} facts and 3 quotes per report, facts drawn from a pool of 60 in three \
wordings each; {unique} distinct sentences, each encoded once). Load average during the run: \
{load:.1f} on {os.cpu_count()} cores (other work shared the machine; on an idle machine expect \
several times faster).

| step | seconds | claims/s | groups |
|---|---|---|---|
| baseline: word-overlap grouping only (no embeddings) | {baseline_s:.2f} | \
{n_claims / baseline_s:,.0f} | {len(base)} |
| `triangulate_reports` (embeddings, groups, omissions, quotes), model loaded | {warm_s:.2f} \
(CPU {warm_cpu:.2f}) | {n_claims / warm_s:,.0f} | {len(claim_groups)} claim \
({multi} multi-report), {len(quote_groups)} quote |
| the same plus importing torch and loading the model (a fresh process's first story) | \
{cold_s:.2f} | {n_claims / cold_s:,.0f} | |
| encoding alone, all {n_claims} claims as distinct sentences (no copies to share) | \
{distinct_s:.2f} (CPU {distinct_cpu:.2f}) | {n_claims / distinct_s:,.0f} | |

Triangulation takes {warm_s / baseline_s:.1f}x the baseline's time; target: a story of 50 \
reports in under {TARGET_S:.0f} s with the model loaded ({met} in wall time; the process \
itself used {warm_cpu:.1f} s of CPU, encoding on one thread, which is what an idle machine \
would take).

Reproduce: `.venv/bin/python benchmarks/bench_triangulate.py`"""
    print(body)
    if not args.no_write:
        write_section("Triangulate", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
