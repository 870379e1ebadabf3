"""Benchmark: resolving 100,000 mentions (target: under a minute on one core).

Usage: .venv/bin/python benchmarks/bench_resolve.py [--mentions N] [--no-write]

The mentions are synthetic and made here: 1 story per 100 mentions, each with a cast of
people, organisations and places whose names are made of random syllables; reports name them
in full, by surname, with titles and roles, in transliteration variants (a vowel changed, a
letter doubled, "kh" for "h"), by acronym, and by pronoun, and use descriptions ("the vessel",
"the ship") whose heads are compared by embedding, as in the resolve stage. The baseline, timed on the same
mentions in the same run, groups mentions by exact name key within each story.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.report import write_section
from newsprism.resolve.identities import resolve
from newsprism.resolve.names import name_key
from newsprism.resolve.synonyms import default_embedder
from newsprism.types import Mention

MENTIONS_PER_REPORT = 20
REPORTS_PER_STORY = 5
_SYLLABLES = ("ka", "ri", "mo", "lan", "sha", "vo", "del", "tu", "bek", "ya", "zo", "hin",
              "ora", "mel", "dza", "quo", "pri", "nes", "ul", "gar")
_TITLES = ("President", "Minister", "Gen.", "Dr.", "Mayor", "Governor")
_ORG_WORDS = ("National", "Union", "Agency", "Council", "Bank", "Party", "Workers", "Ports")
# Descriptions, some of them synonyms of each other, so that heads are compared by meaning.
_DESCRIPTIONS = (("the ship", "NON"), ("the vessel", "NON"), ("the port", "PLACE"),
                 ("the harbour", "PLACE"), ("the officials", "HUM"), ("the minister", "HUM"),
                 ("the flaw", "NON"), ("the weakness", "NON"), ("the crew", "HUM"),
                 ("the deal", "NON"), ("the agreement", "NON"), ("the strike", "NON"))


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _variant(rng: random.Random, word: str) -> str:
    """A transliteration-like variant of a word."""
    choice = rng.randrange(4)
    if choice == 0:
        return word.replace("o", "ou", 1)
    if choice == 1:
        return word.replace("h", "kh", 1) if "h" in word else word + "h"
    if choice == 2 and len(word) > 3:
        return word[:2] + word[2] * 2 + word[3:]
    return word.replace("i", "y", 1)


def synthetic(total: int, seed: int = 20310502
              ) -> tuple[dict[str, list[Mention]], dict[str, str], dict[str, str],
                         dict[str, str | None]]:
    rng = random.Random(seed)
    mentions: dict[str, list[Mention]] = {}
    story_of: dict[str, str] = {}
    texts: dict[str, str] = {}
    dates: dict[str, str | None] = {}
    reports = max(1, total // MENTIONS_PER_REPORT)
    for r in range(reports):
        story = f"s{r // REPORTS_PER_STORY}"
        srng = random.Random(f"{seed}-{story}")
        people = [(_word(srng, 1), _word(srng, 2)) for _ in range(6)]
        orgs = [f"{_word(srng, 2)} {srng.choice(_ORG_WORDS)} {srng.choice(_ORG_WORDS)}"
                for _ in range(3)]
        places = [_word(srng, 2) for _ in range(3)]
        rid = f"r{r:06d}"
        parts: list[str] = []
        found: list[Mention] = []
        offset = 0
        for _ in range(MENTIONS_PER_REPORT):
            kind = rng.random()
            role = None
            if kind < 0.55:
                given, family = rng.choice(people)
                form = rng.randrange(5)
                text = (f"{given} {family}" if form == 0 else family if form == 1 else
                        f"{rng.choice(_TITLES)} {given} {family}" if form == 2 else
                        _variant(rng, family) if form == 3 else "he")
                mtype = "PERSON"
                if form == 2:
                    role = "Kenyan Minister"
            elif kind < 0.7:
                org = rng.choice(orgs)
                text = org if rng.random() < 0.6 else "".join(w[0] for w in org.split())
                mtype = "ORG"
            elif kind < 0.88:
                text = rng.choice(places)
                mtype = "GPE"
            else:
                text, mtype = rng.choice(_DESCRIPTIONS)
            sentence = f"{text} was there, and then "
            found.append(Mention(rid, offset, offset + len(text), text, mtype, role=role))
            parts.append(sentence)
            offset += len(sentence)
        mentions[rid] = found
        story_of[rid] = story
        texts[rid] = "".join(parts)
        # Three stories a day, so that roles are compared across stories close in time.
        dates[rid] = (date(2031, 1, 1) + timedelta(days=r // REPORTS_PER_STORY // 3)).isoformat()
    return mentions, story_of, texts, dates


def baseline(mentions: dict[str, list[Mention]], story_of: dict[str, str]) -> int:
    groups: dict[tuple[str, str, str], list[tuple[str, int]]] = defaultdict(list)
    for rid, ms in mentions.items():
        for i, m in enumerate(ms):
            groups[(story_of[rid], m.type, name_key(m.text))].append((rid, i))
    return len(groups)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)
    mentions, story_of, texts, dates = synthetic(args.mentions)
    count = sum(len(ms) for ms in mentions.values())
    t0 = time.perf_counter()
    base_groups = baseline(mentions, story_of)
    t1 = time.perf_counter()
    # As the resolve stage runs it: description heads compared by embedding (the model's
    # loading is timed too).
    res = resolve(mentions, story_of, texts=texts, report_dates=dates,
                  embedder=default_embedder)
    t2 = time.perf_counter()
    base_s, ours_s = t1 - t0, t2 - t1
    body = (
        f"`{Path(__file__).name}`: {count:,} synthetic mentions in {len(mentions):,} reports "
        f"of {len(set(story_of.values())):,} stories.\n\n"
        "| step | seconds | mentions/s | groups |\n|---|---|---|---|\n"
        f"| baseline: exact name key per story | {base_s:.2f} | {count / base_s:,.0f} | "
        f"{base_groups:,} |\n"
        f"| `resolve` (all evidence, across stories) | {ours_s:.2f} | {count / ours_s:,.0f} | "
        f"{len(res.entities):,} |\n\n"
        f"`resolve` takes {ours_s / max(base_s, 1e-9):.0f}x the baseline's time; target: "
        f"100,000 mentions in under 60 s ({'met' if ours_s < 60 else 'NOT met'}).\n\n"
        f"Reproduce: `.venv/bin/python benchmarks/{Path(__file__).name}`"
    )
    print(body)
    if not args.no_write:
        write_section("Resolve", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
