"""The bundled demo corpus: four fictional stories told by nine fictional outlets.

``corpus_path()`` finds the files inside the installed package. ``EXPECTED`` records what a
correct run should find in them: which reports form which story, who republished or copied
whom, which spellings name one person, and where each hard case sits. Tests of later stages
compare their output with it; ``corpus/README.md`` says the same for people.

Reports are named by *locators*, the way ingest names its sources relative to the corpus
folder: a file name for a text or HTML page, ``FEED#LINK`` for a feed item (the item's
``<link>``) and ``JSONL#N`` for the N-th line (1-based) of the JSONL export. Every report that
carries a URL also lists it, so callers may match on the URL instead.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Final

from newsprism.errors import ConfigError

CORPUS_DIR: Final = "corpus"
FEED: Final = "harbour-gazette-eskaria-feed.xml"
JSONL: Final = "newsdesk-export.jsonl"
README: Final = "README.md"

_MP = "https://www.meridian-post.example"
_ET = "https://eskariatoday.example"
_HG = "https://www.harbourgazette.example/world/europe"
_CM = "https://continentalmonitor.example/europe"


def corpus_path() -> Path:
    """The folder holding the demo corpus files, as a real directory on disk."""
    root = resources.files(__name__).joinpath(CORPUS_DIR)
    if not isinstance(root, Path):
        raise ConfigError(
            f"the demo corpus of {__name__} is not a directory on disk ({root!r}); newsprism "
            "seems to be installed inside a zip archive: reinstall it unpacked "
            "(pip install --no-binary newsprism newsprism, or an editable install)"
        )
    if not root.is_dir():
        raise ConfigError(
            f"the demo corpus folder {root} is missing; the installation is incomplete: "
            "reinstall newsprism so that its package data is included"
        )
    return root


def corpus_files() -> list[Path]:
    """The report files of the demo corpus, sorted; the folder's README is not a report."""
    return sorted(p for p in corpus_path().iterdir()
                  if p.is_file() and p.name != README and not p.name.startswith("."))


def _report(story: str, outlet: str, fmt: str, title: str, published: str | None,
            url: str | None = None, byline: str | None = None) -> dict[str, Any]:
    return {"story": story, "outlet": outlet, "format": fmt, "title": title,
            "published": published, "url": url, "byline": byline}


FLOOD_MAR: Final = "mirovka-flood-2025-03"
FLOOD_APR: Final = "mirovka-flood-2025-04"
BORDER: Final = "border-agreement-2025-05"
RAIL: Final = "rail-cyberattack-2025-06"

COURIER_MAR: Final = "kesma-courier-river-bursts-banks-mirovka.txt"
LEDGER_MAR: Final = "northbridge-ledger-thousands-flee-mirovka-flood.txt"
MERIDIAN_MAR: Final = "meridian-post-deadly-flood-eskarian-river-town.html"
ET_MAR: Final = "eskaria-today-government-pledges-aid-mirovka.html"
GAZETTE_MAR: Final = f"{FEED}#{_HG}/eskaria-mirovka-flood-evacuation-2025-03-04"
MONITOR_MAR: Final = f"{JSONL}#1"

COURIER_APR: Final = "kesma-courier-mirovka-flooded-again-spillway.txt"
MERIDIAN_APR: Final = "meridian-post-eskarian-town-flooded-second-time.html"
ET_APR: Final = "eskaria-today-kesmenergo-denies-failing-to-warn.html"
ORBIS_APR: Final = "orbis-digest-again-flood-mirovka.txt"
GAZETTE_APR: Final = f"{FEED}#{_HG}/mirovka-second-flood-2025-04-15"

ET_MAY: Final = "eskaria-today-eskaria-dravonia-border-agreement.html"
MERIDIAN_MAY: Final = "meridian-post-eskaria-dravonia-border-pact.html"
ORBIS_MAY: Final = "orbis-digest-eskaria-dravonia-border-treaty.txt"
GAZETTE_MAY: Final = f"{FEED}#{_HG}/eskaria-dravonia-border-pact-2025-05-21"
OBSERVER_MAY: Final = f"{JSONL}#2"

MERIDIAN_JUN: Final = "meridian-post-cyberattack-cripples-railway-ticketing.html"
ET_JUN: Final = "eskaria-today-railways-deny-data-stolen.html"
TRANSIT_JUN: Final = "rail-transit-watch-eskarian-railways-ransomware.txt"
GAZETTE_JUN: Final = f"{FEED}#{_HG}/eskaria-rail-hackers-claim-data-theft-2025-06-11"
MONITOR_JUN: Final = f"{JSONL}#3"

_REPORTS: Final[dict[str, dict[str, Any]]] = {
    COURIER_MAR: _report(
        FLOOD_MAR, "Kesma Valley Courier", "text",
        "Kesma bursts its banks in Mirovka as thousands flee Zarichna", "2025-03-04",
        byline="Marko Petryk"),
    LEDGER_MAR: _report(
        FLOOD_MAR, "Northbridge Ledger", "text",
        "Thousands flee as the Kesma floods Mirovka", "2025-03-05", byline="Marko Petryk"),
    MERIDIAN_MAR: _report(
        FLOOD_MAR, "Meridian Post", "html",
        "Deadly flood forces thousands from their homes in Eskarian river town", "2025-03-05",
        f"{_MP}/world/europe/2025/mar/05/eskaria-mirovka-flood-kesma-embankment",
        "Helen Ashworth"),
    ET_MAR: _report(
        FLOOD_MAR, "Eskaria Today", "html",
        "Government pledges aid as Mirovka counts flood damage", "2025-03-05",
        f"{_ET}/news/regions/88231-government-pledges-aid-mirovka-flood", "Taras Bilyk"),
    GAZETTE_MAR: _report(
        FLOOD_MAR, "Harbour Gazette", "rss",
        "Thousands evacuated as river floods town in Eskaria", "2025-03-04",
        f"{_HG}/eskaria-mirovka-flood-evacuation-2025-03-04", "Harbour Gazette staff"),
    MONITOR_MAR: _report(
        FLOOD_MAR, "Continental Monitor", "jsonl",
        "Eskaria: Mirovka flood evacuees begin returning as river recedes", "2025-03-06",
        f"{_CM}/2025/03/06/eskaria-mirovka-evacuees-return", "Continental Monitor staff"),
    COURIER_APR: _report(
        FLOOD_APR, "Kesma Valley Courier", "text",
        "Mirovka flooded again after Dolna reservoir opens spillway", "2025-04-15",
        byline="Dana Kovtun"),
    MERIDIAN_APR: _report(
        FLOOD_APR, "Meridian Post", "html",
        "Eskarian river town flooded for second time in six weeks", "2025-04-16",
        f"{_MP}/world/europe/2025/apr/16/mirovka-second-flood-reservoir-release",
        "Helen Ashworth"),
    ET_APR: _report(
        FLOOD_APR, "Eskaria Today", "html",
        "Kesmenergo denies it failed to warn Mirovka before spillway release", "2025-04-16",
        f"{_ET}/news/regions/89604-kesmenergo-denies-failing-to-warn-mirovka", "Taras Bilyk"),
    ORBIS_APR: _report(
        FLOOD_APR, "Orbis Daily Digest", "text",
        "Again flood in Mirovka: inhabitants make reproaches to energy company", None),
    GAZETTE_APR: _report(
        FLOOD_APR, "Harbour Gazette", "rss",
        "Second flood in six weeks hits Eskarian town", "2025-04-15",
        f"{_HG}/mirovka-second-flood-2025-04-15", "Harbour Gazette staff"),
    ET_MAY: _report(
        BORDER, "Eskaria Today", "html",
        "Eskaria and Dravonia sign 10-year border security agreement", "2025-05-21",
        f"{_ET}/news/politics/90877-eskaria-dravonia-sign-border-security-agreement",
        "Iryna Lozynska"),
    MERIDIAN_MAY: _report(
        BORDER, "Meridian Post", "html",
        "Opposition says Eskaria border pact lets Dravonian police patrol its territory",
        "2025-05-22", f"{_MP}/world/europe/2025/may/22/eskaria-dravonia-border-agreement-patrols",
        "Helen Ashworth"),
    ORBIS_MAY: _report(
        BORDER, "Orbis Daily Digest", "text",
        "Eskaria and Dravonia close border treaty for ten years", "2025-05-22"),
    GAZETTE_MAY: _report(
        BORDER, "Harbour Gazette", "rss",
        "Eskaria and Dravonia sign border pact allowing joint patrols", "2025-05-21",
        f"{_HG}/eskaria-dravonia-border-pact-2025-05-21", "Rachel Dunmore"),
    OBSERVER_MAY: _report(
        BORDER, "Dravonian Observer", "jsonl",
        "Reinvald returns from Varnhold with border deal, faces questions at home", "2025-05-22",
        "https://www.dravonian-observer.example/politics/2025-05-22/reinvald-border-deal-"
        "questions", "Liis Karro"),
    MERIDIAN_JUN: _report(
        RAIL, "Meridian Post", "html",
        "Cyberattack cripples ticketing on Eskaria's national railway", "2025-06-10",
        f"{_MP}/technology/2025/jun/10/eskarian-railways-ransomware-attack", "Tom Keller"),
    ET_JUN: _report(
        RAIL, "Eskaria Today", "html",
        "Railways deny passenger data was stolen as online ticket sales resume", "2025-06-11",
        f"{_ET}/news/economy/91952-railways-deny-passenger-data-stolen", "Iryna Lozynska"),
    TRANSIT_JUN: _report(
        RAIL, "Rail & Transit Watch", "text",
        "Eskarian Railways ransomware: what we know, and why the ticketing platform was always "
        "the weak link", "2025-06-11", byline="Gareth Mills"),
    GAZETTE_JUN: _report(
        RAIL, "Harbour Gazette", "rss",
        "Hackers claim passenger data theft in Eskarian rail attack", "2025-06-11",
        f"{_HG}/eskaria-rail-hackers-claim-data-theft-2025-06-11", "Rachel Dunmore"),
    MONITOR_JUN: _report(
        RAIL, "Continental Monitor", "jsonl",
        "Eskaria: railway says online sales back, rejects data theft claim", "2025-06-11",
        f"{_CM}/2025/06/11/eskaria-railway-online-sales-data-claim", "Continental Monitor staff"),
}

_STORY_TITLES: Final = {
    FLOOD_MAR: "The Kesma breaks through the Mill Street embankment in Mirovka (March 2025)",
    FLOOD_APR: "Mirovka flooded again after the Dolna Reservoir opens its spillway (April 2025)",
    BORDER: "Eskaria and Dravonia sign a 10-year border security agreement (May 2025)",
    RAIL: "Ransomware attack halts Eskarian Railways ticketing (June 2025)",
}


def _hard(case: str, report: str, evidence: str) -> dict[str, str]:
    return {"case": case, "report": report, "evidence": evidence}


EXPECTED: Final[dict[str, Any]] = {
    "reports": _REPORTS,
    "stories": {
        key: {
            "title": title,
            "month": key[-7:],
            "reports": tuple(loc for loc, rep in _REPORTS.items() if rep["story"] == key),
        }
        for key, title in _STORY_TITLES.items()
    },
    # Same kind of event in the same town six weeks apart: clustering must keep them apart.
    "same_kind_pairs": ((FLOOD_MAR, FLOOD_APR),),
    "outlets": tuple(sorted({rep["outlet"] for rep in _REPORTS.values()})),
    "republications": (
        {"original": COURIER_MAR, "copy": LEDGER_MAR, "original_outlet": "Kesma Valley Courier"},
    ),
    "partial_copies": (
        {"original": MERIDIAN_JUN, "copy": TRANSIT_JUN, "shared_paragraphs": 3},
    ),
    "undated": (ORBIS_APR,),
    # Canonical name -> every surface form the corpus uses for that one person.
    "people": {
        "Heorhiy Zhuravko": ("Heorhiy Zhuravko", "Georgy Zuravko", "Georg Schurawko",
                             "Zhuravko", "Zuravko", "Schurawko"),
        "Vira Solonko": ("Vira Solonko", "Wira Solonko", "Solonko"),
        "Tomas Reinvald": ("Tomas Reinvald", "Reinvald"),
        "Milena Varga": ("Milena Varga", "Varga"),
    },
    # People who appear together as different actors and must never be merged.
    "distinct_people": (("Heorhiy Zhuravko", "Tomas Reinvald"),
                        ("Heorhiy Zhuravko", "Vira Solonko")),
    "acronyms": {
        "CPD": "Civil Protection Directorate",
        "EBS": "Eskarian Border Service",
        "SCDA": "State Cyber Defence Agency",
        "ESNA": "Eskarian State News Agency",
    },
    # Globals set by the only inline script and onerror handler in the corpus; a viewer that
    # shows report text must never let either run.
    "script_markers": ("npDemoScriptRan", "npDemoOnerrorRan"),
    "script_report": MERIDIAN_MAY,
    "hard_cases": (
        _hard("name spelling: official transliteration", ET_MAY, "Heorhiy Zhuravko"),
        _hard("name spelling: second transliteration", MERIDIAN_MAY, "Georgy Zuravko"),
        _hard("name spelling: machine-translated", ORBIS_MAY, "Georg Schurawko"),
        _hard("name: title plus surname only", OBSERVER_MAY,
              "Eskarian Interior Minister Zhuravko"),
        _hard("name spelling: machine-translated first name", ORBIS_APR, "Wira Solonko"),
        _hard("acronym with expansion", COURIER_MAR, "Civil Protection Directorate (CPD)"),
        _hard("acronym alone", ET_APR, "notice to the CPD"),
        _hard("acronym with expansion", ET_MAY, "Eskarian Border Service (EBS)"),
        _hard("acronym with expansion", MERIDIAN_JUN, "State Cyber Defence Agency (SCDA)"),
        _hard("quote: direct", ET_MAY, "A border is never secure when only one side keeps "
                                       "watch over it."),
        _hard("quote: re-translated wording", MERIDIAN_MAY, "No border can be safe if it is "
                                                            "guarded from one side alone"),
        _hard("quote: indirect", ORBIS_MAY, "said at the signing that no border could be safe"),
        _hard("quote: indirect", OBSERVER_MAY, "told reporters in Varnhold that a border could "
                                               "never be secure"),
        _hard("quote: spans two paragraphs", ET_MAY,
              "back and forth across the river like a parcel."),
        _hard("quote: pronoun speaker", MERIDIAN_MAY, "ashamed of,” he said."),
        _hard("quote: pronoun speaker", ET_MAR, "in that order,” he said."),
        _hard("number: European thousands separator", ORBIS_MAY, "12.000"),
        _hard("number: English thousands separator", ET_MAY, "12,000"),
        _hard("number: European decimal comma", ORBIS_APR, "5,9 metres"),
        _hard("number: qualified", MERIDIAN_MAR, "At least 3,500"),
        _hard("number: multiplier", ET_MAY, "three times as many"),
        _hard("number: multiplier word", MERIDIAN_MAY, "roughly triple"),
        _hard("number: duration agreement", ET_MAY, "a 10-year agreement"),
        _hard("number: word", ET_MAR, "two ministries"),
        _hard("number: vague", COURIER_MAR, "Dozens of homes"),
        _hard("number: word count disagreeing with digits", ET_JUN, "Sixty-two trains"),
        _hard("number: age disagreement (71)", COURIER_MAR, "aged 71"),
        _hard("number: age disagreement (72)", MONITOR_MAR, "72-year-old"),
        _hard("claim: asserted", COURIER_APR, "opened the dam's spillway gates without warning "
                                              "the town"),
        _hard("claim: attributed", MERIDIAN_APR, "According to the mayor"),
        _hard("claim: hedged", ORBIS_APR, "reportedly opened the floodgates"),
        _hard("claim: denied", ET_APR, "denied that it had released water"),
        _hard("claim: asserted", GAZETTE_MAY, "allows Dravonian officers to join patrols"),
        _hard("claim: attributed", MERIDIAN_MAY, "according to Marta Hlynska"),
        _hard("claim: hedged", ORBIS_MAY, "reportedly be allowed to patrol"),
        _hard("claim: denied", ET_MAY, "denied reports that the agreement"),
        _hard("claim: hedged", GAZETTE_JUN, "reportedly stole personal data"),
        _hard("claim: denied", ET_JUN, "denied that personal data"),
        _hard("time: this + weekday, undated report", ORBIS_APR, "this Tuesday"),
        _hard("time: last month", COURIER_APR, "last month's breach"),
        _hard("time: on + weekday", ET_MAR, "on Wednesday"),
        _hard("time: in the coming weeks", ET_APR, "in the coming weeks"),
        _hard("time: month precision", ET_MAY, "September 2019"),
        _hard("time: next + weekday", MONITOR_JUN, "next Monday"),
        _hard("republication notice", LEDGER_MAR, "is republished here under a content-sharing "
                                                  "agreement"),
        _hard("boilerplate: repeated byline", COURIER_MAR, "Marko Petryk\nMarko Petryk\n"),
        _hard("boilerplate: glued date line", COURIER_MAR, "March 4, 2025Updated: March 4, 2025"),
        _hard("boilerplate", COURIER_MAR, "Share this article"),
        _hard("boilerplate", COURIER_MAR, "Advertisement"),
        _hard("boilerplate", COURIER_MAR, "Post a Comment"),
        _hard("boilerplate", COURIER_APR, "Read more"),
        _hard("boilerplate", COURIER_APR, "Related Topics"),
        _hard("boilerplate", TRANSIT_JUN, "Post a Comment"),
        _hard("source named: newspaper", MERIDIAN_MAR, "according to a report by the Kesma "
                                                       "Valley Courier"),
        _hard("source named: state agency", ET_MAR, "the state news agency ESNA reported"),
        _hard("source named: agency with expansion", ORBIS_MAY, "ESNA (Eskarian State News "
                                                                "Agency)"),
        _hard("source named: newspaper", MONITOR_JUN, "according to a report by the Harbour "
                                                      "Gazette"),
        _hard("same place, earlier event mentioned", MERIDIAN_APR, "last month's flood"),
    ),
}

__all__ = ["CORPUS_DIR", "EXPECTED", "FEED", "JSONL", "README", "corpus_files", "corpus_path"]
