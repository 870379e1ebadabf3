"""HTML safety checks and HTML-fragment-to-text, without trusting the markup."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from newsprism.config import Settings
from newsprism.errors import MalformedInput, UnsafeInput


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SKIPPED = re.compile(
    r"<!--.*?(?:-->|$)|<(script|style|textarea|template)\b[^>]*>.*?(?:</\1\s*>|$)",
    re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:.-]*)\b[^>]*?(/?)>")
# Elements that never hold children, and elements whose end tag HTML parsers infer: neither
# adds to the real nesting depth, so counting them would refuse ordinary pages.
_NO_DEPTH = _words(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd option optgroup tr td th thead tbody tfoot colgroup rp rt")
_BLOCKS = _words(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header "
    "footer aside figure figcaption dl dt dd hr address main nav")
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "form")


def html_depth(markup: str) -> int:
    """The deepest nesting of elements, counted from tags (no tree is built)."""
    stripped = _SKIPPED.sub(" ", markup)
    depth = deepest = 0
    for match in _TAG.finditer(stripped):
        closing, name, selfclosing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _NO_DEPTH or selfclosing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def check_html(markup: str, source: str, settings: Settings) -> None:
    depth = html_depth(markup)
    if depth > settings.max_html_depth:
        raise UnsafeInput(source, f"HTML nested {depth} elements deep, over the "
                                  f"{settings.max_html_depth} limit (settings.max_html_depth)")


def fragment_to_text(markup: str, source: str) -> str:
    """Readable text of an HTML fragment (a feed item's content): one line per block."""
    if "<" not in markup:
        return markup
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError) as exc:
        raise MalformedInput(source, f"unreadable HTML fragment ({exc})") from exc
    for element in list(root.iter(*_DROP)):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + (element.text or "")
    text = root.text_content()
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
