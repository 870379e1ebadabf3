"""A small fictional store for the serve tests: one story told by three outlets (with
claim groups, quote groups, entities and reuse), and one report made of hostile markup."""

from __future__ import annotations

from pathlib import Path

from newsprism.store import Store, StoredItem
from newsprism.types import (
    Analysis,
    ClaimUnit,
    Entity,
    Mention,
    NumberExpr,
    Quote,
    Report,
    Reuse,
    Story,
    TimeExpr,
)

STORY = "s-bridge"
HOSTILE_STORY = "s-hostile"
A, B, C, H = "rep-a-courier", "rep-b-ledger", "rep-c-wire", "rep-h-hostile"
VARGA, VELLAN = "ent-varga", "ent-vellan"
HOSTILE_ENTITY = "ent-hostile"
TOKEN = "test-token-0123456789abcdef"

TEXT_A = ("Port Vellan closed the Ostra bridge on Tuesday after inspectors found 14 cracked "
          "cables, Mayor Ilse Varga said.\n\n\"We will not reopen it until every cable is "
          "replaced,\" Varga told reporters. Repairs will cost 3 million euros, according to "
          "the city engineering office.")
TEXT_B = ("The Ostra bridge in Port Vellan was reportedly closed on Tuesday after inspectors "
          "found 12 cracked cables.\n\nMayor Ilse Varga said the bridge would stay shut until "
          "all cables were replaced. Repairs will cost 3 million euros.")
TEXT_C = ("Port Vellan closed the Ostra bridge on Tuesday after inspectors found 14 cracked "
          "cables, Mayor Ilse Varga said.\n\nThe city denied that the bridge had been unsafe "
          "for months.")

# Markup that would run script, load from elsewhere or break out of an element if any page
# put it into HTML unescaped.
PAYLOAD = ("<script>window.__pwned=1;document.title='pwned'</script>"
           "<img src=x onerror=\"window.__pwned=2;document.title='pwned'\">"
           "</textarea></title></style><svg onload=\"window.__pwned=3\"></svg>"
           "<a href=\"javascript:window.__pwned=4\">click</a>\"'><iframe src=//evil.example>")
HOSTILE_TEXT = f"Officials said {PAYLOAD} before the meeting. Mayor {PAYLOAD} spoke."
HOSTILE_OUTLET = "=HYPERLINK(\"http://evil.example\")<b onmouseover=alert(1)>Wire</b>"


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _report(rid: str, text: str, outlet: str, day: str, title: str,
            url: str | None = None) -> Report:
    return Report(id=rid, source=f"/fixtures/{rid}.txt", text=text, outlet=outlet,
                  title=title, published_at=day, published_precision="day",
                  published_source="metadata", language="en",
                  url=url or f"https://{outlet.split()[0].lower()}.example/{rid}")


def _mention(rid: str, text: str, part: str, type_: str, eid: str | None,
             role: str | None = None, after: int = 0) -> Mention:
    s, e = _span(text, part, after)
    return Mention(rid, s, e, part, type_, role=role, entity_id=eid)


def _claim(cid: str, rid: str, text: str, part: str, stance: str, **kw: object) -> ClaimUnit:
    s, e = _span(text, part)
    return ClaimUnit(cid, rid, s, e, part, stance, **kw)  # type: ignore[arg-type]


def analyses() -> list[Analysis]:
    a1 = _claim("a:c0", A, TEXT_A, TEXT_A.split("\n")[0], "asserted",
                values={"numbers": [14]})
    a2 = _claim("a:c1", A, TEXT_A, "Repairs will cost 3 million euros, according to the city "
                "engineering office.", "attributed",
                attribution=("the city engineering office",), values={"money": [3e6]})
    b1 = _claim("b:c0", B, TEXT_B, TEXT_B.split("\n")[0], "hedged", hedges=("reportedly",),
                values={"numbers": [12]})
    b2 = _claim("b:c1", B, TEXT_B, "Repairs will cost 3 million euros.", "asserted",
                values={"money": [3e6]})
    c1 = _claim("c:c0", C, TEXT_C, TEXT_C.split("\n")[0], "asserted",
                values={"numbers": [14]})
    c2 = _claim("c:c1", C, TEXT_C, "The city denied that the bridge had been unsafe for "
                "months.", "denied")
    qa = _span(TEXT_A, "We will not reopen it until every cable is replaced,")
    qb = _span(TEXT_B, "the bridge would stay shut until all cables were replaced")
    out = [
        Analysis(A, mentions=(
            _mention(A, TEXT_A, "Port Vellan", "GPE", VELLAN),
            _mention(A, TEXT_A, "Ilse Varga", "PERSON", VARGA, role="Mayor"),
            _mention(A, TEXT_A, "Varga", "PERSON", VARGA, after=TEXT_A.index("told") - 7)),
            quotes=(Quote("a:q0", A, qa[0], qa[1], TEXT_A[qa[0]:qa[1]], "direct", cue="told",
                          speaker_text="Varga", speaker_entity_id=VARGA, group_id="qg-1"),),
            numbers=(NumberExpr(A, *_span(TEXT_A, "14"), "14", 14.0, unit="cables"),
                     NumberExpr(A, *_span(TEXT_A, "3 million euros"), "3 million euros",
                                3e6, unit="EUR", kind="money")),
            times=(TimeExpr(A, *_span(TEXT_A, "Tuesday"), "Tuesday", "2024-04-30", "day",
                            "publication"),),
            claims=(a1, a2)),
        Analysis(B, mentions=(
            _mention(B, TEXT_B, "Port Vellan", "GPE", VELLAN),
            _mention(B, TEXT_B, "Ilse Varga", "PERSON", VARGA, role="Mayor")),
            quotes=(Quote("b:q0", B, qb[0], qb[1], TEXT_B[qb[0]:qb[1]], "indirect",
                          cue="said", speaker_text="Mayor Ilse Varga",
                          speaker_entity_id=VARGA, group_id="qg-1"),),
            numbers=(NumberExpr(B, *_span(TEXT_B, "12"), "12", 12.0, unit="cables"),),
            claims=(b1, b2)),
        Analysis(C, mentions=(
            _mention(C, TEXT_C, "Port Vellan", "GPE", VELLAN),
            _mention(C, TEXT_C, "Ilse Varga", "PERSON", VARGA)),
            claims=(c1, c2)),
        Analysis(H, mentions=(
            _mention(H, HOSTILE_TEXT, PAYLOAD, "PERSON", HOSTILE_ENTITY),),
            quotes=(Quote("h:q0", H, *_span(HOSTILE_TEXT, PAYLOAD), PAYLOAD, "direct",
                          speaker_text=PAYLOAD, speaker_entity_id=HOSTILE_ENTITY,
                          via=PAYLOAD, group_id="qg-h"),),
            claims=(_claim("h:c0", H, HOSTILE_TEXT, HOSTILE_TEXT, "asserted",
                           attribution=(PAYLOAD,), hedges=(PAYLOAD,)),)),
    ]
    return out


def _group(gid: str, summary: str, status: str, members: list[tuple[ClaimUnit, str]],
           **extra: object) -> dict[str, object]:
    """A claim group in the stored shape the triangulate stage writes."""
    by_report: dict[str, dict[str, object]] = {}
    for c, _outlet in members:
        by_report.setdefault(c.report_id, {
            "stance": c.stance, "attribution": list(c.attribution), "hedges": list(c.hedges),
            "sources": [], "claim_ids": [c.id], "values": c.values, "published_at": None})
    group: dict[str, object] = {
        "id": gid, "story_id": STORY, "summary": summary, "status": status,
        "members": [{"claim_id": c.id, "report_id": c.report_id, "outlet": outlet,
                     "start": c.start, "end": c.end, "text": c.text, "stance": c.stance,
                     "attribution": list(c.attribution), "hedges": list(c.hedges),
                     "sources": [], "values": c.values} for c, outlet in members],
        "report_ids": list(by_report), "outlets": list(dict.fromkeys(o for _, o in members)),
        "by_report": by_report, "omitted_by": [], "weak_matches": {}, "disagreements": [],
        "stance_change": None, "date": None, "date_precision": None}
    group.update(extra)
    return group


def claim_groups() -> list[dict[str, object]]:
    claims = {c.id: c for a in analyses() for c in a.claims}
    return [
        _group("cg-1", "Bridge closed after inspectors found cracked cables", "disputed",
               [(claims["a:c0"], "Lakeside Courier"), (claims["b:c0"], "Northern Ledger"),
                (claims["c:c0"], "Valley Wire")],
               date="2024-04-30", date_precision="day",
               disagreements=[{"field": "number", "unit": "cables", "kind": "count",
                               "values": {A: "14", B: "12", C: "14"}}],
               stance_change={"kind": "hedge-dropped"}),
        _group("cg-2", "Repairs will cost 3 million euros", "consistent",
               [(claims["a:c1"], "Lakeside Courier"), (claims["b:c1"], "Northern Ledger")],
               omitted_by=[C]),
        _group("cg-3", "The bridge had been unsafe for months", "single-source",
               [(claims["c:c1"], "Valley Wire")]),
    ]


def quote_groups() -> list[dict[str, object]]:
    q = {x.id: x for a in analyses() for x in a.quotes}
    return [{"id": "qg-1", "story_id": STORY, "speaker_entity_id": VARGA,
             "speaker": "Ilse Varga", "quote_ids": ["a:q0", "b:q0"],
             "members": [{"quote_id": "a:q0", "report_id": A, "outlet": "Lakeside Courier",
                          "text": q["a:q0"].text, "kind": "direct", "via": None,
                          "match": "exact"},
                         {"quote_id": "b:q0", "report_id": B, "outlet": "Northern Ledger",
                          "text": q["b:q0"].text, "kind": "indirect", "via": None,
                          "match": "paraphrase"}]}]


def build(path: Path, *, with_hostile: bool = True) -> Path:
    reports = [
        _report(A, TEXT_A, "Lakeside Courier", "2024-05-01", "Ostra bridge shut over cracked "
                "cables"),
        _report(B, TEXT_B, "Northern Ledger", "2024-05-02", "Port Vellan bridge closed"),
        _report(C, TEXT_C, "Valley Wire", "2024-05-03", "City shuts Ostra bridge"),
    ]
    if with_hostile:
        reports.append(_report(H, HOSTILE_TEXT, HOSTILE_OUTLET, "2024-05-04", PAYLOAD,
                               url="javascript:window.__pwned=5"))
    by_id = {a.report_id: a for a in analyses()}
    with Store(path) as store:
        store.add_reports([StoredItem(r, f"raw-{r.id}", by_id[r.id]) for r in reports])
        stories = [Story(STORY, "Ostra bridge closed in Port Vellan", (A, B, C),
                         "2024-05-01", "2024-05-03")]
        if with_hostile:
            stories.append(Story(HOSTILE_STORY, PAYLOAD, (H,), "2024-05-04", "2024-05-04"))
        store.replace_stories(stories)
        entities = [Entity(VARGA, "Ilse Varga", "PERSON", aliases=("Varga", "I. Varga"),
                           roles=("Mayor",)),
                    Entity(VELLAN, "Port Vellan", "GPE")]
        if with_hostile:
            entities.append(Entity(HOSTILE_ENTITY, PAYLOAD, "PERSON", aliases=(PAYLOAD,),
                                   roles=(PAYLOAD,)))
        store.replace_entities(entities, {})
        store.replace_groups(STORY, claim_groups(), quote_groups())
        if with_hostile:
            store.replace_groups(HOSTILE_STORY, [
                {"id": "cg-h", "story_id": HOSTILE_STORY, "summary": PAYLOAD,
                 "status": PAYLOAD, "members": [{"claim_id": "h:c0", "report_id": H,
                                                 "outlet": HOSTILE_OUTLET, "text": PAYLOAD,
                                                 "stance": PAYLOAD, "attribution": [PAYLOAD],
                                                 "hedges": [PAYLOAD], "values": {},
                                                 "start": 0, "end": 10}],
                 "report_ids": [H], "outlets": [HOSTILE_OUTLET],
                 "by_report": {H: {"stance": PAYLOAD, "attribution": [PAYLOAD],
                                   "hedges": [PAYLOAD], "sources": [PAYLOAD],
                                   "claim_ids": ["h:c0"]}},
                 "omitted_by": [], "weak_matches": {}, "date": "2024-05-04",
                 "stance_change": {"kind": PAYLOAD},
                 "disagreements": [{"field": PAYLOAD, "unit": PAYLOAD,
                                    "values": {H: PAYLOAD}}]}],
                [{"id": "qg-h", "story_id": HOSTILE_STORY, "speaker_entity_id": HOSTILE_ENTITY,
                  "speaker": PAYLOAD, "quote_ids": ["h:q0"],
                  "members": [{"quote_id": "h:q0", "report_id": H, "outlet": HOSTILE_OUTLET,
                               "text": PAYLOAD, "kind": PAYLOAD, "via": PAYLOAD,
                               "match": PAYLOAD}]}])
        start, end = _span(TEXT_A, TEXT_C.split("\n")[0])
        store.put_reuse([Reuse(A, C, end - start, ((start, end, 0, end - start),),
                               share_from=0.4, share_to=0.6, kind="partial",
                               direction_basis="dates")])
    return path
