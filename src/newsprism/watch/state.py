"""What the watcher remembers per source, kept in the store so a restart resumes.

One stage-state record per source URL under ``watch:source:<url>``: the validators of the last
good response (ETag, Last-Modified) for conditional requests, the hash of the last body read,
when the source was last polled, how many polls in a row failed and when to retry, and the
item links whose pages were already fetched (so a changed feed does not refetch them).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields

from newsprism.errors import StoreError
from newsprism.store import Store

STATE_PREFIX = "watch:source:"
# Feeds list their last 10-100 items; remembering 2,000 followed links per source covers any
# feed's window many times over while keeping the state record small.
MAX_SEEN_LINKS = 2000


@dataclass(slots=True)
class SourceState:
    etag: str | None = None
    last_modified: str | None = None
    content_sha: str | None = None
    last_polled: float | None = None  # epoch seconds of the last poll, whatever its outcome
    failures: int = 0  # polls in a row that failed
    retry_at: float | None = None  # while failing: when to try again (epoch seconds)
    last_error: str | None = None
    seen_links: list[str] = field(default_factory=list)

    def remember_links(self, links: list[str]) -> None:
        known = set(self.seen_links)
        self.seen_links += [link for link in dict.fromkeys(links) if link not in known]
        del self.seen_links[:-MAX_SEEN_LINKS]


def state_key(url: str) -> str:
    return STATE_PREFIX + url


def load_state(store: Store, url: str) -> SourceState:
    raw = store.get_state(state_key(url))
    if raw is None:
        return SourceState()
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{store.path}: watch state of {url} is corrupt ({exc}); delete the "
                         f"stage_state row {state_key(url)!r} to start that source afresh"
                         ) from exc
    if not isinstance(data, dict):
        raise StoreError(f"{store.path}: watch state of {url} is not a JSON object")
    # Keys written by a later version are ignored rather than refused.
    known = {f.name for f in fields(SourceState)}
    return SourceState(**{k: v for k, v in data.items() if k in known})


def save_state(store: Store, url: str, state: SourceState) -> None:
    store.set_state(state_key(url), json.dumps(asdict(state), sort_keys=True).encode())
