"""End-to-end and per-stage throughput on Reuters-21578, against baselines in the same run.

    python benchmarks/bench_pipeline.py [--limit N] [--workers 2] [--sizes 10000,50000]

- end to end: ``newsprism ingest --workers N`` of JSONL files into a fresh store (ingest,
  normalize, analyze, store, cluster, resolve, triangulate) vs bare spaCy ``nlp.pipe`` with
  ``n_process=N`` over the same texts;
- analyze: newsprism's analyze stage vs bare ``nlp.pipe`` on one process, same texts;
- normalize: newsprism's normalize vs bare ``trafilatura.extract`` on the same HTML pages
  (the Reuters stories rendered as simple article pages);
- scaling: end to end at each of ``--sizes`` reports (derived from Reuters with small edits).
Results go to docs/benchmarks.md (sections "Pipeline" and "Scaling").
"""

from __future__ import annotations

import argparse
import html
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import derived, reuters_available, reuters_docs, write_jsonl
from benchmarks.report import write_section
from newsprism.config import DEFAULT_MODEL, Settings
from newsprism.pipeline import IngestSummary, ingest
from newsprism.store import Store
from newsprism.timings import PhaseTime, Stopwatch

# The target: the whole pipeline in at most this many times bare nlp.pipe's time.
TARGET_RATIO = 1.5
# The phases of an ingest, as IngestSummary.timings names them.
PHASES = ("per-report", "cluster", "resolve", "triangulate")


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def bare_pipe(texts: list[str], n_process: int) -> PhaseTime:
    """Bare ``nlp.pipe``: wall seconds, and the CPU seconds of this process and of the
    ``n_process`` workers spaCy starts (and waits for)."""
    import spacy

    nlp = spacy.load(DEFAULT_MODEL)
    clock = Stopwatch()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=64):
        pass
    # spaCy terminates its workers without waiting for them; their CPU time reaches
    # os.times() only once they are reaped.
    while multiprocessing.active_children():
        time.sleep(0.01)
    return clock.lap()


def end_to_end(docs: list[dict[str, str]], workers: int, tmp: Path,
               encoder: str | None = None) -> IngestSummary:
    """Ingest ``docs`` into a fresh store; ``encoder`` overrides the claim encoder for the
    run (NEWSPRISM_CLAIM_ENCODER, which the worker processes inherit)."""
    files = write_jsonl(docs, tmp / "in")
    db = tmp / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    saved = os.environ.get("NEWSPRISM_CLAIM_ENCODER")
    if encoder:
        os.environ["NEWSPRISM_CLAIM_ENCODER"] = encoder
    try:
        with Store(db) as store:
            summary = ingest([str(f) for f in files], store, Settings(workers=workers))
    finally:
        if saved is None:
            os.environ.pop("NEWSPRISM_CLAIM_ENCODER", None)
        else:
            os.environ["NEWSPRISM_CLAIM_ENCODER"] = saved
    # A few Reuters records are not articles (a bare list of names); refusing them is right.
    for error in summary.errors[:5]:
        print(f"refused: {error}", file=sys.stderr)
    return summary


def total(summary: IngestSummary) -> PhaseTime:
    """The whole run: the phases one after the other."""
    return PhaseTime(sum(t.wall_s for t in summary.timings.values()),
                     sum(t.cpu_s for t in summary.timings.values()))


def analyze_vs_pipe(texts: list[str]) -> tuple[float, PhaseTime]:
    from newsprism.analyze import Analyzer
    from newsprism.types import Report

    reports = [Report(id=f"r{i}", source="bench", text=t, published_at="1987-03-01")
               for i, t in enumerate(texts)]
    analyzer = Analyzer(DEFAULT_MODEL)
    list(analyzer.analyze_many(reports[:50]))  # warm up: load the model before timing
    start = time.perf_counter()
    for _ in analyzer.analyze_many(reports):
        pass
    ours = time.perf_counter() - start
    return ours, bare_pipe(texts, 1)


def _page(doc: dict[str, str]) -> bytes:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in doc["text"].split("\n\n"))
    return (f"<!doctype html><html><head><title>{html.escape(doc['title'])}</title>"
            f"<meta property='og:site_name' content='Reuters'></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/markets'>Markets</a></nav>"
            f"<article><h1>{html.escape(doc['title'])}</h1>{paras}</article>"
            f"<footer>Copyright. All rights reserved. <a href='/terms'>Terms</a></footer>"
            f"</body></html>").encode()


def normalize_vs_trafilatura(docs: list[dict[str, str]]) -> tuple[float, float]:
    import trafilatura

    from newsprism.normalize import normalize
    from newsprism.types import RawDocument

    pages = [_page(d) for d in docs]
    settings = Settings()
    start = time.perf_counter()
    for i, page in enumerate(pages):
        normalize(RawDocument(source=f"page{i}.html", data=page, kind="html"), settings)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page.decode())
    return ours, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=0, help="Use only the first N stories.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sizes", default="", help="Comma-separated scaling sizes.")
    parser.add_argument("--no-write", action="store_true", help="Print only.")
    parser.add_argument("--scaling-only", action="store_true",
                        help="Skip the end-to-end, analyze and normalize comparisons.")
    parser.add_argument("--compare-encoder", default="", metavar="NAME",
                        help="Also run end to end with this claim encoder (e.g. static).")
    parser.add_argument("--one-size", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--bare-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not reuters_available():
        raise SystemExit("Reuters-21578 not found in ../shared/datasets; nothing to measure")
    docs = reuters_docs()
    if args.limit:
        docs = docs[: args.limit]
    if args.one_size:
        print(json.dumps(one_size(docs, args.one_size, args.workers)))
        return
    if args.bare_only:
        print(json.dumps(bare_pipe([d["text"] for d in docs], args.workers).as_dict()))
        return
    if not args.scaling_only:
        pipeline(docs, args)
    if args.sizes:
        scaling([int(s) for s in args.sizes.split(",")], args)


def pipeline(docs: list[dict[str, str]], args: argparse.Namespace) -> None:
    texts = [d["text"] for d in docs]
    words = sum(len(t.split()) for t in texts)
    lines = [f"Corpus: {len(docs):,} Reuters-21578 stories with a body ({words:,} words).", ""]

    pipe = bare_in_own_process(args)
    with tempfile.TemporaryDirectory() as tmp:
        run = end_to_end(docs, args.workers, Path(tmp) / "default")
        alt = None
        if args.compare_encoder:
            _ready(args.compare_encoder)
            alt = end_to_end(docs, args.workers, Path(tmp) / "alt", args.compare_encoder)
    e2e = total(run)
    lines += [
        "| stage | newsprism | baseline (same run) | ratio |",
        "|---|---|---|---|",
        f"| end to end, {args.workers} workers (ingest → dossier-ready store) | "
        f"{e2e.wall_s:.1f} s, {run.stored / e2e.wall_s:.1f} reports/s | bare `nlp.pipe("
        f"n_process={args.workers})`: {pipe.wall_s:.1f} s, {len(texts) / pipe.wall_s:.1f} "
        f"texts/s | **{e2e.wall_s / pipe.wall_s:.2f}×** |",
    ]
    if run.failed:
        lines.insert(1, f"{run.failed} records were refused as non-articles (no text left).")
    print("\n".join(lines), flush=True)
    printed = len(lines)
    sample = texts[: min(len(texts), 4000)]
    ours, base = analyze_vs_pipe(sample)
    lines.append(f"| analyze, 1 process ({len(sample):,} texts) | {ours:.1f} s | bare "
                 f"`nlp.pipe`: {base.wall_s:.1f} s | **{ours / base.wall_s:.2f}×** |")
    page_docs = docs[: min(len(docs), 1000)]
    ours, traf = normalize_vs_trafilatura(page_docs)
    lines.append(f"| normalize, HTML pages ({len(page_docs):,}) | {ours:.1f} s | bare "
                 f"`trafilatura.extract`: {traf:.1f} s | **{ours / traf:.2f}×** |")
    lines += ["", *breakdown(run, pipe, args.workers, "")]
    if alt is not None:
        lines += ["", *breakdown(alt, pipe, args.workers,
                                 f" with `NEWSPRISM_CLAIM_ENCODER={args.compare_encoder}`")]
    lines += ["", f"Peak memory (largest process): {peak_rss_mb():,.0f} MB.",
              f"Reproduce: `python benchmarks/bench_pipeline.py --workers {args.workers}"
              + (f" --limit {args.limit}" if args.limit else "")
              + (f" --compare-encoder {args.compare_encoder}" if args.compare_encoder else "")
              + "`."]
    print("\n".join(lines[printed:]))
    if not args.no_write:
        # `make bench` measures the first 1,500 texts; a run over every text (~40 min here)
        # keeps its own section.
        write_section("Pipeline" if args.limit else "Pipeline, whole corpus", "\n".join(lines))


def bare_in_own_process(args: argparse.Namespace) -> PhaseTime:
    """The bare baseline, first and in a process of its own, so that nothing the pipeline
    runs left behind (memory, encoder threads) weighs on it. Run after the pipeline in the
    same process, it took 23-33 s across idle runs on the first 1,500 texts."""
    limit = [f"--limit={args.limit}"] if args.limit else []
    cmd = [sys.executable, __file__, f"--workers={args.workers}", "--bare-only", *limit]
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    got = json.loads(out.strip().splitlines()[-1])
    return PhaseTime(got["wall_s"], got["cpu_s"])


def breakdown(run: IngestSummary, pipe: PhaseTime, workers: int, label: str) -> list[str]:
    """Each phase's wall and CPU time beside the bare parse, and the CPU test of the 1.5x
    target: the run's CPU against what ``workers`` cores give in 1.5x the bare wall time."""
    e2e = total(run)
    rows = [f"End to end{label}: {e2e.wall_s:.1f} s, **{e2e.wall_s / pipe.wall_s:.2f}×** the "
            "bare parse. Where the time went (`IngestSummary.timings`; CPU of this process "
            "and of the worker processes):", "",
            "| phase | wall s | CPU s | reports/s (wall) |", "|---|---|---|---|"]
    for name, t in run.timings.items():
        rows.append(f"| {name} | {t.wall_s:.1f} | {t.cpu_s:.1f} | "
                    f"{run.stored / t.wall_s:,.0f} |" if t.wall_s else f"| {name} | 0 | 0 | |")
    rows.append(f"| *bare `nlp.pipe(n_process={workers})`* | {pipe.wall_s:.1f} | "
                f"{pipe.cpu_s:.1f} | {run.stored / pipe.wall_s:,.0f} |")
    budget = workers * TARGET_RATIO * pipe.wall_s
    rows += ["", f"CPU used: {e2e.cpu_s:.1f} s; {workers} cores running flat out for "
             f"{TARGET_RATIO}× the bare wall time give {budget:.1f} s, so "
             + ("no schedule of this work can meet the target ratio."
                if e2e.cpu_s > budget else "the target ratio is within reach of this work.")]
    return rows


def _ready(encoder: str) -> None:
    """Load (or build, once per machine) what ``encoder`` needs before it is timed."""
    from newsprism.triangulate.similarity import claim_encoder_available

    if not claim_encoder_available(encoder):
        raise SystemExit(f"claim encoder {encoder!r} is not available here")


def one_size(docs: list[dict[str, str]], n: int, workers: int) -> dict[str, float]:
    """End to end on ``n`` derived reports; run in a process of its own so that its peak
    memory is its own."""
    with tempfile.TemporaryDirectory() as tmp:
        run = end_to_end(list(derived(docs, n)), workers, Path(tmp))
    return {"elapsed": total(run).wall_s, "stored": run.stored, "peak_mb": peak_rss_mb(),
            **{f"wall:{name}": t.wall_s for name, t in run.timings.items()}}


def scaling(sizes: list[int], args: argparse.Namespace) -> None:
    rows = ["| reports | end to end | per report | " + " | ".join(PHASES) + " | peak memory |",
            "|---|---|---|" + "---|" * len(PHASES) + "---|"]
    per: list[float] = []
    limit = [f"--limit={args.limit}"] if args.limit else []
    for n in sizes:
        cmd = [sys.executable, __file__, f"--workers={args.workers}", f"--one-size={n}", *limit]
        out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
        got = json.loads(out.strip().splitlines()[-1])
        per.append(got["elapsed"] / got["stored"])
        phases = " | ".join(f"{1000 * got.get(f'wall:{name}', 0.0) / got['stored']:.1f} ms"
                            for name in PHASES)
        rows.append(f"| {int(got['stored']):,} | {got['elapsed']:.0f} s | "
                    f"{1000 * per[-1]:.1f} ms | {phases} | {got['peak_mb']:,.0f} MB |")
        print(rows[-1], flush=True)
    rows += ["", f"Per-report time at {sizes[-1]:,} is {per[-1] / per[0]:.2f}× that at "
             f"{sizes[0]:,}. Phase columns: wall time per report of each phase "
             "(`IngestSummary.timings`). Peak memory is that of the largest process of each "
             "run (each size runs in a process of its own).",
             f"Reproduce: `python benchmarks/bench_pipeline.py --workers {args.workers} "
             + (f"--limit {args.limit} " if args.limit else "")
             + f"--scaling-only --sizes {','.join(map(str, sizes))}`."]
    if not args.no_write:
        write_section("Scaling", "\n".join(rows))


if __name__ == "__main__":
    main()
