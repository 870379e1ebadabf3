"""Direct and indirect quotes with cue, speaker and channel.

Direct quotes come from pairing quotation marks (``quotemarks``); each is then tied to a cue
verb that governs it in the parse, or that stands in the sentence right after or right before
it. A quote with no cue that opens a sentence carries on the previous speaker's words.
Indirect quotes are the clausal complements of cue verbs ("X said (that) ...") and the clauses
"according to X" is attached to. Speakers are mentions where a name is given, otherwise the
describing noun phrase ("a senior official"); "he"/"she" take the nearest earlier person.

The steps live in ``direct_quotes``, ``indirect_quotes`` and ``quote_speakers``; the draft
they share and the document lookups are in ``quote_draft``.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from newsprism.analyze.direct_quotes import direct_drafts
from newsprism.analyze.indirect_quotes import colon_drafts, indirect_drafts
from newsprism.analyze.quote_draft import Draft, QuoteContext, source_chars
from newsprism.analyze.quote_speakers import continue_speakers, resolve_speakers
from newsprism.analyze.quotemarks import find_quote_spans
from newsprism.types import Mention, Quote

# A direct quote with no speaker and fewer words than this is a scare quote or a term.
MIN_UNATTRIBUTED_WORDS = 5


def extract_quotes(doc: Doc, report_id: str, mentions: Sequence[Mention]) -> list[Quote]:
    """Direct and indirect quotes in ``doc`` in text order, ids ``{report_id}:q{index}``."""
    ctx = QuoteContext(doc, mentions)
    spans = find_quote_spans(ctx.text)
    directs = direct_drafts(ctx, spans)
    ctx.set_direct([s for s, _ in directs])
    drafts = [d for _, d in directs if d is not None]
    drafts += indirect_drafts(ctx, drafts)
    drafts += colon_drafts(ctx)
    drafts.sort(key=lambda d: (d.start, d.end))
    continue_speakers(ctx, drafts)
    resolve_speakers(ctx, drafts)
    return _to_quotes(ctx.text, report_id, drafts)


def _to_quotes(text: str, report_id: str, drafts: list[Draft]) -> list[Quote]:
    quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for draft in drafts:
        if (draft.start, draft.end) in seen:
            continue
        if draft.speaker is None and len(text[draft.start : draft.end].split()) < (
            MIN_UNATTRIBUTED_WORDS
        ):
            continue
        seen.add((draft.start, draft.end))
        origin = draft.inherited or draft
        source = origin.source
        source_span = source_chars(source) if source is not None else (-1, -1)
        speaker = draft.speaker
        quotes.append(
            Quote(
                id=f"{report_id}:q{len(quotes)}",
                report_id=report_id,
                start=draft.start,
                end=draft.end,
                text=text[draft.start : draft.end],
                kind=draft.kind,
                cue=origin.cue,
                speaker_text=speaker[2] if speaker else None,
                speaker_start=speaker[0] if speaker else -1,
                speaker_end=speaker[1] if speaker else -1,
                via=origin.via,
                source_start=source_span[0],
                source_end=source_span[1],
                cue_start=origin.cue_span[0],
                cue_end=origin.cue_span[1],
            )
        )
    return quotes
