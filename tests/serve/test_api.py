"""The REST API: every endpoint, pagination limits, bad parameters, unknown ids, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsprism.serve.app import create_app

from . import storefix

TOKEN = storefix.TOKEN


def error_of(response: object) -> dict[str, str]:
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    return body["error"]  # type: ignore[no-any-return]


def test_openapi_schema_documents_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/v1/reports", "/api/v1/reports/{report_id}", "/api/v1/stories",
                 "/api/v1/stories/{story_id}", "/api/v1/entities",
                 "/api/v1/entities/{entity_id}", "/api/v1/search", "/api/v1/ingest"):
        assert path in paths, path
    assert "ReportDetail" in spec["components"]["schemas"]
    for methods in paths.values():
        for op in methods.values():
            assert "422" not in op["responses"] and "400" in op["responses"]
    assert not any(p.startswith("/stories") for p in paths)  # web pages stay out of it


def test_reports_list_is_paginated_with_total(client: TestClient) -> None:
    first = client.get("/api/v1/reports", params={"limit": 2}).json()
    assert first["total"] == 4 and first["limit"] == 2 and len(first["items"]) == 2
    rest = client.get("/api/v1/reports", params={"limit": 2, "offset": 2}).json()
    ids = [r["id"] for r in first["items"] + rest["items"]]
    assert len(set(ids)) == 4
    assert first["items"][0]["id"] == storefix.A  # oldest first
    assert first["items"][0]["story_id"] == storefix.STORY


@pytest.mark.parametrize("params", [{"limit": 201}, {"limit": 0}, {"offset": -1},
                                    {"limit": "many"}, {"since": "last week"},
                                    {"until": "2024-13-99x"}, {"q": "!!!"}])
def test_bad_report_parameters_are_400_with_a_message(client: TestClient,
                                                      params: dict[str, object]) -> None:
    response = client.get("/api/v1/reports", params=params)
    assert response.status_code == 400
    err = error_of(response)
    assert err["code"] == "bad_request"
    assert next(iter(params)) in err["message"]


def test_limit_200_is_allowed(client: TestClient) -> None:
    assert client.get("/api/v1/reports", params={"limit": 200}).status_code == 200


def test_report_filters(client: TestClient) -> None:
    def ids(**params: object) -> set[str]:
        body = client.get("/api/v1/reports", params=params).json()
        assert body["total"] == len(body["items"])
        return {r["id"] for r in body["items"]}

    assert ids(outlet="Northern Ledger") == {storefix.B}
    assert ids(since="2024-05-02", until="2024-05-03") == {storefix.B, storefix.C}
    assert ids(story=storefix.STORY) == {storefix.A, storefix.B, storefix.C}
    assert ids(q="cracked cables") == {storefix.A, storefix.B, storefix.C}
    assert ids(q="denied unsafe") == {storefix.C}
    assert ids(outlet="Nobody") == set()


def test_report_detail_has_spans_and_annotations(client: TestClient) -> None:
    body = client.get(f"/api/v1/reports/{storefix.A}").json()
    assert body["text"] == storefix.TEXT_A and body["analyzed"] is True
    kinds = {s["kind"] for s in body["spans"]}
    assert kinds == {"claim", "quote", "mention", "number", "time"}
    for span in body["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(body["text"])
    mention = next(s for s in body["spans"] if s["kind"] == "mention" and
                   body["text"][s["start"]:s["end"]] == "Ilse Varga")
    assert mention["ref"] == storefix.VARGA
    claim_refs = {s["ref"] for s in body["spans"] if s["kind"] == "claim"}
    assert claim_refs == {"cg-1", "cg-2"}
    quote = next(s for s in body["spans"] if s["kind"] == "quote")
    assert quote["ref"] == "qg-1"
    assert len(body["annotations"]["claims"]) == 2
    assert body["annotations"]["quotes"][0]["speaker_entity_id"] == storefix.VARGA


def test_report_by_unique_prefix_and_unknown_id(client: TestClient) -> None:
    assert client.get("/api/v1/reports/rep-b").json()["id"] == storefix.B
    response = client.get("/api/v1/reports/no-such-report")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_stories_list_and_limits(client: TestClient) -> None:
    body = client.get("/api/v1/stories").json()
    assert body["total"] == 2
    top = body["items"][0]
    assert top["id"] == storefix.STORY and top["size"] == 3
    assert {o["outlet"] for o in top["outlets"]} == {"Lakeside Courier", "Northern Ledger",
                                                      "Valley Wire"}
    assert client.get("/api/v1/stories", params={"limit": 1, "offset": 1}).json()[
        "items"][0]["id"] == storefix.HOSTILE_STORY
    assert client.get("/api/v1/stories", params={"limit": 999}).status_code == 400


def test_story_detail_matrix(client: TestClient) -> None:
    body = client.get(f"/api/v1/stories/{storefix.STORY}").json()
    matrix = body["claim_matrix"]
    assert [c["report_id"] for c in matrix["columns"]] == [storefix.A, storefix.B, storefix.C]
    rows = {r["group_id"]: r for r in matrix["rows"]}
    cables = {c["report_id"]: c for c in rows["cg-1"]["cells"]}
    assert cables[storefix.B]["state"] == "hedged" and cables[storefix.B]["outlier"]
    assert cables[storefix.A]["state"] == "asserted" and not cables[storefix.A]["outlier"]
    assert cables[storefix.A]["differs"] and cables[storefix.B]["differs"]
    assert cables[storefix.B]["value"] == "number: 12"
    assert rows["cg-1"]["fields"] == ["number (cables)"]
    assert rows["cg-1"]["stance_change"] == "hedge-dropped"
    cost = {c["report_id"]: c for c in rows["cg-2"]["cells"]}
    assert cost[storefix.A]["state"] == "attributed"
    assert cost[storefix.C]["state"] == "absent" and cost[storefix.C]["omitted"]
    omitted = {o["report_id"]: o["missing"] for o in body["omissions"]}
    assert [m["group_id"] for m in omitted[storefix.C]] == ["cg-2"]
    assert body["quote_groups"][0]["id"] == "qg-1"
    assert body["reuse"][0]["from_report_id"] == storefix.A
    assert {e["id"] for e in body["entities"]} == {storefix.VARGA, storefix.VELLAN}
    assert [t["group_id"] for t in body["timeline"] if t["kind"] == "claim"] == ["cg-1"]
    assert body["disagreements"][0]["group_id"] == "cg-1"


def test_unknown_story_and_entity_are_404(client: TestClient) -> None:
    for path in ("/api/v1/stories/nope-nope", "/api/v1/entities/nope"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "nope" in error_of(response)["message"]


def test_entities(client: TestClient) -> None:
    body = client.get("/api/v1/entities").json()
    assert body["total"] == 3
    varga = next(e for e in body["items"] if e["id"] == storefix.VARGA)
    assert varga["mentions"] == 4 and varga["reports"] == 3 and varga["stories"] == 1
    only_places = client.get("/api/v1/entities", params={"type": "GPE"}).json()
    assert [e["id"] for e in only_places["items"]] == [storefix.VELLAN]
    detail = client.get(f"/api/v1/entities/{storefix.VARGA}").json()
    assert detail["roles"] == ["Mayor"] and "Varga" in detail["aliases"]
    assert {q["id"] for q in detail["quotes"]} == {"a:q0", "b:q0"}
    assert detail["stories"][0]["id"] == storefix.STORY
    assert {s["text"] for s in detail["spellings"]} == {"Ilse Varga", "Varga"}


def test_search(client: TestClient) -> None:
    body = client.get("/api/v1/search", params={"q": "Varga"}).json()
    assert {h["report_id"] for h in body["reports"]} == {storefix.A, storefix.B, storefix.C}
    assert [e["id"] for e in body["entities"]] == [storefix.VARGA]
    stories = client.get("/api/v1/search", params={"q": "ostra bridge"}).json()["stories"]
    assert [s["id"] for s in stories] == [storefix.STORY]
    assert client.get("/api/v1/search").status_code == 400
    assert client.get("/api/v1/search", params={"q": "  "}).status_code == 400


def test_unknown_api_path_is_json_404(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_ingest_is_off_without_a_token(client: TestClient) -> None:
    response = client.post("/api/v1/ingest", json={"text": "Some report."},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    err = error_of(response)
    assert err["code"] == "ingest_disabled" and "--token" in err["message"]


@pytest.fixture()
def token_client(tmp_path: Path) -> object:
    db = storefix.build(tmp_path / "writable.db", with_hostile=False)
    with TestClient(create_app(db, token=TOKEN), base_url="http://127.0.0.1") as c:
        yield c


def test_ingest_needs_the_right_token(token_client: TestClient) -> None:
    body = {"text": "A short fictional report."}
    missing = token_client.post("/api/v1/ingest", json=body)
    assert missing.status_code == 401 and error_of(missing)["code"] == "unauthorized"
    basic = token_client.post("/api/v1/ingest", json=body,
                              headers={"Authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 401
    wrong = token_client.post("/api/v1/ingest", json=body,
                              headers={"Authorization": "Bearer " + "x" * len(TOKEN)})
    assert wrong.status_code == 403 and error_of(wrong)["code"] == "forbidden"


@pytest.mark.parametrize("body", [{}, {"text": "a", "url": "https://example.org/a"},
                                  {"text": "a", "unknown_field": 1}, {"text": ""},
                                  {"url": "/etc/passwd"}, {"url": "file:///etc/passwd"},
                                  {"url": "../secrets/*.txt"}, {"url": "-"},
                                  {"url": "http://"}, {"url": "ftp://example.org/x"}])
def test_ingest_body_must_hold_exactly_one_input(token_client: TestClient,
                                                 body: dict[str, object]) -> None:
    response = token_client.post("/api/v1/ingest", json=body,
                                 headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"


def test_ingest_refuses_private_urls(token_client: TestClient) -> None:
    response = token_client.post("/api/v1/ingest", json={"url": "http://127.0.0.1:9/x"},
                                 headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400
    err = error_of(response)
    assert err["code"] == "input_error"
    assert "127.0.0.1" in err["message"]


def test_security_headers_on_api_and_pages(client: TestClient) -> None:
    for path in ("/api/v1/stories", "/", f"/stories/{storefix.STORY}", "/static/app.css",
                 "/api/v1/reports/none"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        for part in ("default-src 'self'", "script-src 'self'", "object-src 'none'",
                     "base-uri 'none'", "frame-ancestors 'none'"):
            assert part in csp, (path, part)
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_foreign_host_header_is_refused(client: TestClient) -> None:
    response = client.get("/api/v1/stories", headers={"Host": "attacker.example"})
    assert response.status_code == 400
    assert client.get("/api/v1/stories", headers={"Host": "localhost:8750"}).status_code == 200


def test_missing_store_without_token_says_what_to_do(tmp_path: Path) -> None:
    from newsprism.errors import NotFound

    with pytest.raises(NotFound, match="newsprism demo"):
        create_app(tmp_path / "absent.db")


def analyzer_available() -> bool:
    import newsprism.analyze

    return hasattr(newsprism.analyze, "Analyzer")


@pytest.mark.skipif(not analyzer_available(),
                    reason="the analyze stage does not expose Analyzer yet; ingest runs it")
def test_ingest_text_and_html_run_the_pipeline(token_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = ("The ferry council of Osterby voted on Monday to keep the night crossing open, "
            "chair Lena Brask said. \"We will not cut the service,\" Brask told the meeting.")
    first = token_client.post("/api/v1/ingest", headers=auth,
                              json={"text": text, "outlet": "Osterby Sentinel",
                                    "title": "Night ferry stays", "published_at": "2024-06-03"})
    assert first.status_code == 201, first.text
    [rid] = first.json()["report_ids"]
    report = token_client.get(f"/api/v1/reports/{rid}").json()
    assert report["outlet"] == "Osterby Sentinel" and "night crossing" in report["text"]
    assert report["analyzed"] and report["spans"]
    again = token_client.post("/api/v1/ingest", headers=auth,
                              json={"text": text, "outlet": "Osterby Sentinel",
                                    "title": "Night ferry stays", "published_at": "2024-06-03"})
    assert again.status_code == 200 and again.json()["duplicates"] == 1
    html = ("<html><head><title>Ferry fares rise</title></head><body><article><h1>Ferry "
            "fares rise</h1><p>Fares on the Osterby night ferry will rise by 4 percent from "
            "July, the operator said on Tuesday, citing higher fuel costs.</p><p>Passenger "
            "groups said the increase would hit commuters hardest.</p></article></body></html>")
    page = token_client.post("/api/v1/ingest", headers=auth,
                             json={"html": html, "source_url": "https://sentinel.example/f"})
    assert page.status_code == 201, page.text
    [hid] = page.json()["report_ids"]
    stored = token_client.get(f"/api/v1/reports/{hid}").json()
    assert "4 percent" in stored["text"] and "<p>" not in stored["text"]
    assert stored["url"] == "https://sentinel.example/f"
