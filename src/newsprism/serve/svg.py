"""Inline SVG charts drawn by the project (no chart library, no script, no CDN).

Every text that reaches an SVG comes from articles or the store and is escaped here; links are
built by the caller from ids and passed through ``_attr``. Charts use presentation attributes,
never ``style=`` attributes, so they render under a CSP without 'unsafe-inline'.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

# Colour-blind safe qualitative palette (Okabe–Ito, then Tableau's muted tones).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#4E79A7", "#59A14F", "#B07AA1", "#9C755F", "#76B7B2")
INK = "#1f2933"
MUTED = "#7b8794"
GRID = "#e4e7eb"
FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif"

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _attr(value: str) -> str:
    """An href for an SVG link: only site-relative paths and fragments are allowed."""
    if not value.startswith(("/", "#")) or value.startswith("//"):
        raise ValueError(f"chart links must be site-relative paths, got {value!r}")
    return _esc(value)


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def parse_day(value: str | None) -> date | None:
    """The day an ISO-ish value starts on ("2022-04-27T10:00", "2022-04", "2022"), else None."""
    if not value:
        return None
    m = _ISO_DATE.match(value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


def _svg(width: int, height: int, body: list[str], label: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_esc(label)}" '
        f'font-family="{_esc(FONT)}" font-size="12">' + "".join(body) + "</svg>"
    )


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# -- outlets per story ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryBar:
    href: str
    title: str
    outlets: tuple[tuple[str, int], ...]  # (outlet, reports) in a stable order


def outlets_per_story(bars: Sequence[StoryBar], outlet_order: Sequence[str]) -> Markup:
    """Horizontal stacked bars: one per story, one segment per outlet (reports it ran)."""
    if not bars:
        return Markup("")
    index = {o: i for i, o in enumerate(outlet_order)}
    label_w, row_h, bar_w = 260, 22, 420
    most = max(sum(n for _, n in b.outlets) for b in bars) or 1
    legend_rows = (len(outlet_order) + 3) // 4
    height = len(bars) * row_h + 16 + legend_rows * 18 + 8
    width = label_w + bar_w + 90
    body: list[str] = []
    for row, bar in enumerate(bars):
        y = row * row_h + 4
        total = sum(n for _, n in bar.outlets)
        body.append(f'<a href="{_attr(bar.href)}"><title>{_esc(bar.title)}</title>'
                    f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end" fill="{INK}">'
                    f"{_esc(_clip(bar.title, 36))}</text>")
        x = float(label_w)
        for outlet, n in bar.outlets:
            w = bar_w * n / most
            body.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{max(w - 1, 1):.1f}" '
                        f'height="{row_h - 8}" rx="2" fill="{colour(index.get(outlet, 0))}">'
                        f"<title>{_esc(outlet)}: {n} report{'s' if n != 1 else ''}</title>"
                        "</rect>")
            x += w
        body.append(f'<text x="{x + 6:.1f}" y="{y + 14}" fill="{MUTED}">{total} · '
                    f"{len(bar.outlets)} outlet{'s' if len(bar.outlets) != 1 else ''}</text></a>")
    y0 = len(bars) * row_h + 16
    for i, outlet in enumerate(outlet_order):
        x, y = 8 + (i % 4) * 190, y0 + (i // 4) * 18
        body.append(f'<rect x="{x}" y="{y}" width="10" height="10" rx="2" fill="{colour(i)}"/>'
                    f'<text x="{x + 15}" y="{y + 9}" fill="{INK}">{_esc(_clip(outlet, 24))}'
                    "</text>")
    return _svg(width, height, body, "Reports per story, by outlet")


# -- timeline ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    lane: str  # an outlet ("published") or "mentioned" dates
    when: str  # ISO-ish value
    label: str
    href: str | None = None


def _ticks(lo: date, hi: date, count: int = 5) -> list[date]:
    span = (hi - lo).days
    if span <= 0:
        return [lo]
    step = max(span // (count - 1), 1)
    days = list(range(0, span + 1, step))
    if days[-1] != span and span - days[-1] > step // 2:
        days.append(span)
    return [date.fromordinal(lo.toordinal() + d) for d in days]


def timeline(points: Sequence[TimelinePoint], lanes: Sequence[str]) -> Markup:
    """Dated points on one horizontal axis, one lane per outlet (or kind of date)."""
    dated = [(p, d) for p in points if (d := parse_day(p.when)) is not None]
    if not dated:
        return Markup("")
    lo = min(d for _, d in dated)
    hi = max(d for _, d in dated)
    label_w, lane_h, plot_w = 170, 26, 900
    width, height = label_w + plot_w + 50, len(lanes) * lane_h + 40
    span = max((hi - lo).days, 1)

    def x_of(d: date) -> float:
        if lo == hi:
            return label_w + plot_w / 2
        return label_w + plot_w * (d - lo).days / span

    body: list[str] = []
    for t in _ticks(lo, hi):
        x = x_of(t)
        body.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 28}" '
                    f'stroke="{GRID}"/><text x="{x:.1f}" y="{height - 12}" text-anchor="middle" '
                    f'fill="{MUTED}">{t.isoformat()}</text>')
    lane_of = {name: i for i, name in enumerate(lanes)}
    for i, name in enumerate(lanes):
        y = i * lane_h + 16
        body.append(f'<text x="{label_w - 10}" y="{y + 4}" text-anchor="end" fill="{INK}">'
                    f"{_esc(_clip(name, 24))}</text>"
                    f'<line x1="{label_w}" y1="{y}" x2="{label_w + plot_w}" y2="{y}" '
                    f'stroke="{GRID}" stroke-dasharray="2 3"/>')
    for p, d in dated:
        lane = lane_of.get(p.lane, 0)
        y, x = lane * lane_h + 16, x_of(d)
        dot = (f'<circle cx="{x:.1f}" cy="{y}" r="5" fill="{colour(lane)}" stroke="#fff" '
               f'stroke-width="1.5"><title>{_esc(p.when)}: {_esc(p.label)}</title></circle>')
        body.append(f'<a href="{_attr(p.href)}">{dot}</a>' if p.href else dot)
    return _svg(width, height, body, "Timeline of the story")


# -- who copied whom -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReuseNode:
    id: str
    label: str
    href: str


@dataclass(frozen=True, slots=True)
class ReuseArc:
    source: str
    target: str
    share: float  # share of the copy that came from the source, 0..1
    label: str


def reuse_arcs(nodes: Sequence[ReuseNode], arcs: Sequence[ReuseArc]) -> Markup:
    """An arc diagram: reports in publication order on a line, an arrowed arc from each
    presumed original to its copy, thicker for a larger shared share."""
    if not nodes or not arcs:
        return Markup("")
    gap = 150
    width = max(len(nodes) * gap, 300)
    pos = {n.id: gap / 2 + i * gap for i, n in enumerate(nodes)}
    max_dist = max((abs(pos[a.source] - pos[a.target]) for a in arcs
                    if a.source in pos and a.target in pos), default=gap)
    top = max_dist / 2 + 14
    base = top + 4
    height = int(base + 44)
    body = ['<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
            'markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" '
            f'orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="{INK}"/>'
            "</marker></defs>"]
    for a in arcs:
        if a.source not in pos or a.target not in pos:
            continue
        x1, x2 = pos[a.source], pos[a.target]
        r = abs(x2 - x1) / 2
        sweep = 1 if x2 > x1 else 0
        stroke = 1.2 + 5 * max(0.0, min(a.share, 1.0))
        y = base - 8  # arcs land above the node dots so the arrowheads stay visible
        body.append(f'<path d="M{x1:.1f} {y:.1f} A{r:.1f} {r:.1f} 0 0 {sweep} {x2:.1f} '
                    f'{y:.1f}" fill="none" stroke="{colour(0)}" stroke-opacity="0.55" '
                    f'stroke-width="{stroke:.1f}" marker-end="url(#arrow)">'
                    f"<title>{_esc(a.label)}</title></path>")
    for i, n in enumerate(nodes):
        x = pos[n.id]
        body.append(f'<a href="{_attr(n.href)}"><circle cx="{x:.1f}" cy="{base:.1f}" r="6" '
                    f'fill="{colour(i)}"/><text x="{x:.1f}" y="{base + 22:.1f}" '
                    f'text-anchor="middle" fill="{INK}">{_esc(_clip(n.label, 22))}</text>'
                    f"<title>{_esc(n.label)}</title></a>")
    return _svg(int(width), height, body, "Who copied whom")
