"""A readable API reference rendered on the server from FastAPI's OpenAPI schema (the
stock Swagger page loads scripts from a CDN, which the CSP and offline use both rule out)."""

from __future__ import annotations

from typing import Any


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"])
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    kind = str(schema.get("type", "any"))
    limits = [f"{k}={schema[k]}" for k in ("minimum", "maximum") if k in schema]
    return kind + (f" ({', '.join(limits)})" if limits else "")


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "where": p.get("in", ""),
                       "required": bool(p.get("required")),
                       "type": _type(p.get("schema", {})),
                       "description": p.get("description") or p.get("schema", {}).get(
                           "description", "")}
                      for p in op.get("parameters", [])]
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                params.append({"name": "JSON body", "where": "body", "required": True,
                               "type": _type(body.get("schema", {})),
                               "description": ""})
            out.append({"method": method.upper(), "path": path,
                        "summary": op.get("description") or op.get("summary", ""),
                        "params": params, "statuses": sorted(op.get("responses", {}))})
    return out
