"""Jinja2 environment (autoescaped everywhere) and the report-text highlighter."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from newsprism.serve.views import SPAN_KINDS, Span, path_id

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


def http_url(value: str | None) -> str | None:
    """A link target from article data only when it is an absolute http(s) URL; anything
    else (javascript:, data:, relative paths) is shown as text, never linked."""
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return value.strip()
    return None


def day(value: str | None) -> str:
    return (value or "")[:10]


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def multi_report(members: Any) -> bool:
    """A quote group's members come from more than one report."""
    return len({m.get("report_id") for m in members or [] if isinstance(m, dict)}) > 1


def make_env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(pid=path_id, http_url=http_url, day=day, plural=plural)
    env.globals.update(nav="", query="")
    env.tests["multi_report"] = multi_report
    return env


# -- highlighting --------------------------------------------------------------------------

_ORDER = {k: i for i, k in enumerate(SPAN_KINDS)}


def _open_tag(span: Span, first: bool) -> str:
    cls = f"hl hl-{span.kind}"
    if span.variant:
        cls += f" v-{_css_word(span.variant)}"
    attrs = f' class="{cls}" title="{escape(span.label)}"'
    if first and span.anchor:
        attrs += f' id="{escape(span.anchor)}"'
    if span.kind == "mention" and span.href:
        return f'<a href="{escape(span.href)}"{attrs}>'
    return f"<span{attrs}>"


def _close_tag(span: Span) -> str:
    return "</a>" if span.kind == "mention" and span.href else "</span>"


def _css_word(value: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in value.lower())[:24]


def _ref_marker(span: Span) -> str:
    """A small link after a claim or quote to its group on the story page. Emitted where no
    element is open, so links are never nested."""
    sign = "§" if span.kind == "claim" else "❝"
    return (f'<a class="ref ref-{span.kind}" href="{escape(span.href or "")}" '
            f'title="{escape("open the " + span.kind + " group")}">{sign}</a>')


def highlight(text: str, spans: Sequence[Span]) -> Markup:
    """The text with every span wrapped in an element, nested outer-to-inner in the order
    claim, quote, mention, number, time. Where spans cross, elements are closed and
    reopened at the boundary, so the markup is always well formed."""
    if not spans:
        return escape(text)
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    ordered = sorted(spans, key=lambda s: (_ORDER.get(s.kind, 9), s.start, -s.end))
    out: list[str] = []
    opened: set[int] = set()
    for a, b in pairwise(cuts):
        active = [s for s in ordered if s.start <= a and s.end >= b]
        for s in active:
            out.append(_open_tag(s, id(s) not in opened))
            opened.add(id(s))
        out.append(str(escape(text[a:b])))
        for s in reversed(active):
            out.append(_close_tag(s))
        out += [_ref_marker(s) for s in ordered if s.end == b and s.href
                and s.kind in ("claim", "quote")]
    return Markup("".join(out))


def render(env: Environment, template: str, **context: Any) -> bytes:
    return env.get_template(template).render(**context).encode("utf-8")
