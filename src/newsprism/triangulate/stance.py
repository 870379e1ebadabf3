"""How committed each report is to a claim, and where that commitment changes between reports.

Stances, from the analyze stage, per sentence: asserted (the outlet's own voice), attributed
("according to X"), quoted (X's own words), hedged ("reportedly"), denied. A report's stance
on a claim group is the most committed of its sentences in the group. When one report asserts
what another only attributes, quotes or hedges, the claim changed stance on its way between
outlets: the dossier shows it, with each report's named sources.

``sentence_cues`` is the same reading done with word lists alone, for texts that did not pass
through analyze (the FNC-1 scorer reads raw headline/body pairs with it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Higher is more committed. "hedged" and "attributed" both keep the outlet's distance; a quote
# keeps it most (the outlet only relays words). "denied" stands apart: it is a commitment to
# the opposite, and so is handled as a contradiction, not as a weaker stance.
COMMITMENT: dict[str, int] = {"asserted": 4, "hedged": 2, "attributed": 2, "quoted": 1,
                              "denied": 0}
DISTANCED = ("attributed", "quoted", "hedged")


def report_stance(stances: Sequence[str]) -> str:
    """One report's stance on a claim group from its member sentences' stances."""
    if not stances:
        return "absent"
    if "asserted" in stances:
        return "asserted"
    if "denied" in stances:
        return "denied"
    return max(stances, key=lambda s: COMMITMENT.get(s, 0))


def stance_change(stances: Mapping[str, str], sources: Mapping[str, Sequence[str]],
                  attribution: Mapping[str, Sequence[str]],
                  order: Sequence[str]) -> dict[str, Any] | None:
    """The change of stance across the reports of one claim group, or None.

    ``stances`` maps report id to its stance, ``sources`` to the outlets/agencies it names for
    the claim, ``attribution`` to its attribution chain, ``order`` lists the reports in
    publication order (earliest first).
    """
    by: dict[str, list[str]] = {s: [] for s in COMMITMENT}
    for rid in order:
        if rid in stances and stances[rid] in by:
            by[stances[rid]].append(rid)
    # A report speaks in its own voice when it asserts the claim, or hedges it ("is expected
    # to") without naming anyone it comes from; it keeps the claim at a distance when it
    # attributes or quotes it, or hedges it on someone's authority.
    own = [rid for rid in order if stances.get(rid) == "asserted"
           or (stances.get(rid) == "hedged" and not attribution.get(rid))]
    sourced = [rid for rid in order if rid not in own and stances.get(rid) in DISTANCED]
    if by["asserted"] and by["denied"]:
        kind = "contradiction"
    elif by["asserted"] and sourced:
        kind = "attribution-dropped"
    elif by["asserted"] and by["hedged"]:
        kind = "hedge-dropped"
    elif own and sourced:
        kind = "attribution-dropped"
    elif by["denied"] and (own or sourced):
        kind = "denial-reported"
    else:
        return None
    first = next((rid for rid in order if rid in stances), None)
    return {
        "kind": kind,
        "stances": {rid: stances[rid] for rid in order if rid in stances},
        "asserted_by": by["asserted"],
        "attributed_by": by["attributed"],
        "quoted_by": by["quoted"],
        "hedged_by": by["hedged"],
        "denied_by": by["denied"],
        "own_voice_by": own,
        "sourced_by": sourced,
        "sources": {rid: list(sources.get(rid, ())) for rid in order if rid in stances},
        "attribution": {rid: list(attribution.get(rid, ())) for rid in order if rid in stances},
        "first_report_id": first,
        "first_stance": stances.get(first) if first else None,
    }


# -- cue words for raw text ------------------------------------------------------------------

# Words and phrases by which a text itself rejects a claim as false. Lower case; matched on
# word boundaries. Kept apart from DENIAL_CUES: "X denied it" reports someone's denial (a text
# that only reports it keeps its distance), "the story is a hoax" is the text's own verdict.
REFUTE_CUES: tuple[str, ...] = (
    "fake", "false", "falsely", "hoax", "hoaxes", "debunk", "debunked", "debunks", "debunking",
    "untrue", "not true", "fabricated", "fabrication", "bogus", "baseless", "satire",
    "prank", "no evidence", "not real", "never happened", "did not happen",
    "didn't happen", "doctored", "photoshopped", "unfounded", "spoof", "misinformation",
    "disinformation", "made up", "made-up", "parody", "scam", "stunt", "fraud", "fraudulent",
    "falsified", "forgery", "forged", "staged", "no proof", "urban legend", "clickbait",
    "not the case", "fictional", "erroneous", "inaccurate", "not genuine",
    "misleading", "incorrect", "misreported", "don't fall for", "do not fall for", "nope",
    "not so fast", "never existed", "not authentic", "isn't true", "wasn't true", "isn't real",
    "wasn't real", "no truth", "too good to be true", "false claim", "false claims",
    "fake news", "not actually",
    # "myth" refutes as a verdict ("the claim is a myth"), not as a topic ("a myth about").
    "is a myth", "are a myth", "was a myth", "were a myth", "just a myth", "only a myth",
    "merely a myth", "a myth that",
)
# Words by which a text reports that someone rejects a claim.
DENIAL_CUES: tuple[str, ...] = (
    "deny", "denies", "denied", "denial", "denying", "refute", "refuted", "refutes", "retract",
    "retracted", "retraction", "rejected", "rejects", "dismissed", "dismisses", "dismissing",
    "contrary to", "contradicts", "contradicted", "nonsense", "joke", "mistaken", "misquoted",
    "out of context", "never said", "did not say", "didn't say", "in fact", "actually",
    "quashed", "rebuffed", "no such", "nothing to do with",
)
# Verbs and phrases of attribution: the text relays what someone says.
ATTRIBUTION_CUES: tuple[str, ...] = (
    "said", "says", "told", "according to", "stated", "insisted", "alleged", "alleges",
    "tweeted", "wrote", "writes", "quoted",
)
# Words by which a text keeps its distance from what it reports.
HEDGE_CUES: tuple[str, ...] = (
    "reportedly", "allegedly", "apparently", "purportedly", "supposedly", "alleged",
    "claim", "claims", "claimed", "claiming", "rumor", "rumors", "rumour", "rumours",
    "rumored", "rumoured", "unconfirmed", "unverified", "may", "might", "could", "possibly",
    "perhaps", "appears", "appear", "appeared", "seems", "seem", "suggest", "suggests",
    "believed", "speculation", "speculate", "if true", "not clear", "unclear", "likely",
    "whether", "report", "reports", "reported", "according to",
)
# Words by which a text takes a claim as established.
CONFIRM_CUES: tuple[str, ...] = (
    "confirmed", "confirms", "confirm", "confirmation", "officially", "verified", "indeed",
    "announced", "revealed", "proved", "proven", "shows", "showed", "has been", "have been",
)
NEGATIONS: tuple[str, ...] = ("not", "no", "never", "n't", "none", "nobody", "nothing",
                              "neither", "nor", "without")


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
    alts = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


_REFUTE = _pattern(REFUTE_CUES)
_DENIAL = _pattern(DENIAL_CUES)
_ATTRIBUTION = _pattern(ATTRIBUTION_CUES)
_HEDGE = _pattern(HEDGE_CUES)
_CONFIRM = _pattern(CONFIRM_CUES)
_NEGATION = re.compile(r"(?<![\w])(?:not|no|never|none|nobody|nothing|neither|nor|without)"
                       r"(?![\w])|n['’]t\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Cues:
    """Counts of stance cue words in one text."""

    refute: int
    hedge: int
    confirm: int
    negation: int
    question: bool
    denial: int = 0
    attribution: int = 0

    @property
    def stance(self) -> str:
        """A sentence-level stance read from cues alone (asserted when none fire)."""
        if self.refute or self.denial:
            return "denied"
        if self.attribution:
            return "attributed"
        if self.hedge or self.question:
            return "hedged"
        return "asserted"


# A negation just before a refuting word turns it into an affirmation ("they're not fake",
# "is no hoax"): up to two words may stand between them ("not a hoax", "wasn't some hoax").
_NEGATED_BEFORE = re.compile(r"(?:(?<![\w])(?:not|no|never|hardly)|n['’]t)(?:\s+[\w'’-]+){0,2}\s*$",
                             re.IGNORECASE)
# How far before a cue (characters) a negation is looked for.
NEGATION_WINDOW = 30


def refutations(text: str) -> int:
    """Refuting cues in a text, less those a negation turns around."""
    return sum(1 for m in _REFUTE.finditer(text)
               if not _NEGATED_BEFORE.search(text[max(0, m.start() - NEGATION_WINDOW):m.start()]))


def sentence_cues(text: str) -> Cues:
    return Cues(
        refute=refutations(text),
        hedge=len(_HEDGE.findall(text)),
        confirm=len(_CONFIRM.findall(text)),
        negation=len(_NEGATION.findall(text)),
        question="?" in text,
        denial=len(_DENIAL.findall(text)),
        attribution=len(_ATTRIBUTION.findall(text)),
    )
