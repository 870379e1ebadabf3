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
from newsprism.pipeline import ingest
from newsprism.store import Store


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def bare_pipe(texts: list[str], n_process: int) -> float:
    import spacy

    nlp = spacy.load(DEFAULT_MODEL)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=64):
        pass
    return time.perf_counter() - start


def end_to_end(docs: list[dict[str, str]], workers: int, tmp: Path) -> tuple[float, int, int]:
    files = write_jsonl(docs, tmp / "in")
    db = tmp / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    with Store(db) as store:
        summary = ingest([str(f) for f in files], store, Settings(workers=workers))
    elapsed = time.perf_counter() - start
    # A few Reuters records are not articles (a bare list of names); refusing them is right.
    for error in summary.errors[:5]:
        print(f"refused: {error}", file=sys.stderr)
    return elapsed, summary.stored, summary.failed


def analyze_vs_pipe(texts: list[str]) -> tuple[float, float]:
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
    parser.add_argument("--one-size", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not reuters_available():
        raise SystemExit("Reuters-21578 not found in ../shared/datasets; nothing to measure")
    docs = reuters_docs()
    if args.limit:
        docs = docs[: args.limit]
    if args.one_size:
        print(json.dumps(one_size(docs, args.one_size, args.workers)))
        return
    if not args.scaling_only:
        pipeline(docs, args)
    if args.sizes:
        scaling([int(s) for s in args.sizes.split(",")], args)


def pipeline(docs: list[dict[str, str]], args: argparse.Namespace) -> None:
    texts = [d["text"] for d in docs]
    words = sum(len(t.split()) for t in texts)
    lines = [f"Corpus: {len(docs):,} Reuters-21578 stories with a body ({words:,} words).", ""]

    with tempfile.TemporaryDirectory() as tmp:
        e2e, stored, refused = end_to_end(docs, args.workers, Path(tmp))
    pipe = bare_pipe(texts, args.workers)
    lines += [
        "| stage | newsprism | baseline (same run) | ratio |",
        "|---|---|---|---|",
        f"| end to end, {args.workers} workers (ingest → dossier-ready store) | "
        f"{e2e:.1f} s, {stored / e2e:.1f} reports/s | bare `nlp.pipe(n_process="
        f"{args.workers})`: {pipe:.1f} s, {len(texts) / pipe:.1f} texts/s | "
        f"**{e2e / pipe:.2f}×** |",
    ]
    if refused:
        lines.insert(1, f"{refused} records were refused as non-articles (no text left).")
    print("\n".join(lines), flush=True)
    sample = texts[: min(len(texts), 4000)]
    ours, base = analyze_vs_pipe(sample)
    lines.append(f"| analyze, 1 process ({len(sample):,} texts) | {ours:.1f} s | bare "
                 f"`nlp.pipe`: {base:.1f} s | **{ours / base:.2f}×** |")
    page_docs = docs[: min(len(docs), 1000)]
    ours, base = normalize_vs_trafilatura(page_docs)
    lines.append(f"| normalize, HTML pages ({len(page_docs):,}) | {ours:.1f} s | bare "
                 f"`trafilatura.extract`: {base:.1f} s | **{ours / base:.2f}×** |")
    lines += ["", f"Peak memory (largest process): {peak_rss_mb():,.0f} MB.",
              f"Reproduce: `python benchmarks/bench_pipeline.py --workers {args.workers}"
              + (f" --limit {args.limit}" if args.limit else "") + "`."]
    print("\n".join(lines[-4:]))
    if not args.no_write:
        write_section("Pipeline", "\n".join(lines))


def one_size(docs: list[dict[str, str]], n: int, workers: int) -> dict[str, float]:
    """End to end on ``n`` derived reports; run in a process of its own so that its peak
    memory is its own."""
    with tempfile.TemporaryDirectory() as tmp:
        elapsed, stored, _ = end_to_end(list(derived(docs, n)), workers, Path(tmp))
    return {"elapsed": elapsed, "stored": stored, "peak_mb": peak_rss_mb()}


def scaling(sizes: list[int], args: argparse.Namespace) -> None:
    rows = ["| reports | end to end | per report | peak memory |", "|---|---|---|---|"]
    per: list[float] = []
    limit = [f"--limit={args.limit}"] if args.limit else []
    for n in sizes:
        cmd = [sys.executable, __file__, f"--workers={args.workers}", f"--one-size={n}", *limit]
        out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
        got = json.loads(out.strip().splitlines()[-1])
        per.append(got["elapsed"] / got["stored"])
        rows.append(f"| {int(got['stored']):,} | {got['elapsed']:.0f} s | "
                    f"{1000 * per[-1]:.1f} ms | {got['peak_mb']:,.0f} MB |")
        print(rows[-1], flush=True)
    rows += ["", f"Per-report time at {sizes[-1]:,} is {per[-1] / per[0]:.2f}× that at "
             f"{sizes[0]:,}. Peak memory is that of the largest process of each run (each "
             "size runs in a process of its own).",
             f"Reproduce: `python benchmarks/bench_pipeline.py --workers {args.workers} "
             + (f"--limit {args.limit} " if args.limit else "")
             + f"--scaling-only --sizes {','.join(map(str, sizes))}`."]
    if not args.no_write:
        write_section("Scaling", "\n".join(rows))


if __name__ == "__main__":
    main()
