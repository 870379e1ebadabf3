"""What each report leaves out: the claim groups of its story it carries no sentence of.

A report is only said to omit a claim when none of its sentences comes near it: a sentence that
scores above MENTION_THRESHOLD against the group's members but was not grouped (it touches the
claim without stating the same thing) is recorded as a weak match instead, so that a report
that says the thing differently is not accused of leaving it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from newsprism.triangulate.claims import StoryClaims

# Below the grouping threshold (claims.GROUP_THRESHOLD = 0.55) but above the score of two
# unrelated sentences of one story (~0.2-0.3): the band in which a sentence is about the
# claim without stating it. Set by inspection of the fixtures' score matrices.
MENTION_THRESHOLD = 0.42


def add_omissions(sc: StoryClaims, groups: Sequence[dict[str, Any]],
                  analysed: Sequence[str]) -> None:
    """Fill each group's ``omitted_by`` and ``weak_matches`` (in place).

    ``analysed`` lists the story's reports that have an analysis: a report without one is
    not known to omit anything.
    """
    index_of = {it.claim.id: i for i, it in enumerate(sc.items)}
    by_report: dict[str, list[int]] = {}
    for i, it in enumerate(sc.items):
        by_report.setdefault(it.claim.report_id, []).append(i)
    for g in groups:
        members = [index_of[m["claim_id"]] for m in g["members"] if m["claim_id"] in index_of]
        carried = set(g["report_ids"])
        omitted: list[str] = []
        weak: dict[str, dict[str, Any]] = {}
        for rid in analysed:
            if rid in carried:
                continue
            candidates = by_report.get(rid, [])
            if candidates and members:
                block = sc.scores[np.ix_(members, candidates)]
                mean = block.mean(axis=0)
                best = int(np.argmax(mean))
                if mean[best] >= MENTION_THRESHOLD:
                    item = sc.items[candidates[best]]
                    weak[rid] = {"claim_id": item.claim.id, "score": round(float(mean[best]), 3),
                                 "text": item.claim.text}
                    continue
            omitted.append(rid)
        g["omitted_by"] = omitted
        g["weak_matches"] = weak


def omissions_by_report(groups: Sequence[dict[str, Any]], report_ids: Sequence[str],
                        outlets: dict[str, str | None]) -> list[dict[str, Any]]:
    """Per report, the claims it omits, those carried by the most outlets first."""
    out = []
    for rid in report_ids:
        missing = []
        for g in groups:
            if rid not in g.get("omitted_by", []):
                continue
            carriers = list(g.get("report_ids", []))
            carrier_outlets = sorted({outlets.get(r) or r for r in carriers})
            missing.append({"group_id": g["id"], "summary": g["summary"],
                            "carried_by": len(carriers), "outlets": carrier_outlets,
                            "report_ids": carriers, "status": g.get("status")})
        missing.sort(key=lambda m: (-len(m["outlets"]), -m["carried_by"]))
        out.append({"report_id": rid, "outlet": outlets.get(rid), "missing": missing})
    return out
