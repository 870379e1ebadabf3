"""The evidence that two mentions name one referent, applied strongest first.

Within a report: the same name, a short form of a longer name ("Lin" of "Lin Haoran"), an
acronym and its expansion, one place under two names, a pronoun and the nearest phrase it can
stand for, a relative pronoun and the phrase just before it, an appositive. Within a story,
across reports: the same, a variant (transliteration, one typo) or a shorter form of a name,
the same specific role ("Chilean President"), the same quote attributed to both, the same
description head ("the company"). Across stories: only strong evidence (see
``link_across_stories``).

Every merge goes through ``Groups.union``, which refuses what the cannot-links and the groups'
names, roles and kinds forbid.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations, pairwise

from newsprism.resolve.acronyms import matches as acronym_matches
from newsprism.resolve.features import NUMBER_WORDS, Node, families_compatible, token_blocks
from newsprism.resolve.gazetteer import lookup_place
from newsprism.resolve.names import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    PLACE_PRONOUNS,
    RELATIVE_PRONOUNS,
    THING_PRONOUNS,
    fold,
    person_names_match,
    singular,
    word_set,
    words_match,
)
from newsprism.resolve.roles import roles_match
from newsprism.resolve.synonyms import (
    CONTEXT_CHARS,
    CONTEXT_SHARED,
    CONTEXT_SIMILARITY,
    HEAD_SIMILARITY,
    MIN_HEAD_LENGTH,
    Embedder,
    sentence_of,
    similar_pairs,
)
from newsprism.resolve.union import Groups

# A relative pronoun ("who", "which") refers to the phrase ending at most this many
# characters before it (", " or nothing between them).
RELATIVE_GAP = 3
# A personal pronoun looks back this many characters for what it stands for. ECB+ train+dev
# CoNLL F1 (scripts/score_coref.py) was the same from 300 to 1000 and lower at 200; 400 keeps
# the search to the last few sentences of a longer report.
PRONOUN_WINDOW = 400
# Two quotes attributed in two reports are one remark when this share of their content words
# (Jaccard) and at least QUOTE_MIN_SHARED words are shared. Calibrated on the quotes of the
# project's fictional fixtures and the seed reports' re-translated quotes: re-translations keep
# the rare words ("unilateralism", "like-minded") and change the common ones.
QUOTE_SIMILARITY = 0.3
QUOTE_MIN_SHARED = 4
# Organisation names end in words that say what kind of body they are; a short form may drop
# them ("Microsoft Corp." / "Microsoft") but they are never a short form themselves.
ORG_GENERIC = word_set("""
    inc corp corporation co company ltd llc plc group holdings agency ministry department
    office council committee commission party union association organization organisation
    institute university college school bank news network service services international
    national federal state government army navy force forces police court the of and
    """)
# Words that say what kind of place a name is ("Sea", "River").
GEO_GENERIC = word_set("""
    sea ocean river lake gulf bay island islands mountain mountains mount peninsula desert
    valley strait canal coast region province state county city town district
    """)
# People through whom news about someone else comes: a "lawyer" or "spokesman" in a report
# that names one person is most often someone else, speaking for or about that person.
INTERMEDIARIES = word_set("""
    lawyer attorney prosecutor judge jury spokesman spokeswoman spokesperson publicist rep
    representative official officer source witness friend neighbor neighbour relative agent
    manager doctor coroner investigator detective reporter journalist analyst expert critic
    aide adviser advisor counsel defender
    """)
# A report's main person: named at least MAIN_PERSON_MIN times and MAIN_PERSON_RATIO times as
# often as anyone else. ECB+ train/dev CoNLL F1 (scripts/score_coref.py) was the same for
# ratios 1.01 to 2 and lower at 3; a minimum of 3 scored lower than 1 or 2.
MAIN_PERSON_MIN = 2
MAIN_PERSON_RATIO = 1.5
# Heads of descriptions of a business or a team: "the company" where one is named.
BUSINESS = word_set("company firm giant maker manufacturer corporation business team club")
# Nouns for groups of people: never what "he" or "she" stands for.
COLLECTIVE = word_set("""
    police team group company government army navy force club agency ministry department
    family crew staff union party council committee board court jury panel band network
    administration authority office firm commission organization organisation public
    management leadership country nation state city town community audience crowd website
    site newspaper paper magazine station channel outlet media press side squad gang mob clan
    """)
# Words that stand for people without describing anyone ("those", "everyone").
INDEFINITE = word_set("""
    everyone everybody anyone anybody someone somebody nobody noone those these all some
    others other many few several each both either neither none one
    """)
_WEB_ADDRESS = re.compile(r"\.\s?(?:com|org|net|gov|edu)\b", re.I)
# Kinds of description compared by meaning: people, things, places and events (times and
# amounts are told apart by their words).
_SYNONYM_FAMILIES = frozenset({"hum", "thing", "loc", "event"})
WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
# Month words as written in dates, full or abbreviated ("Dec.", "Sept").
MONTHS = {name: k + 1 for k, names in enumerate((
    "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
    "august aug", "september sep sept", "october oct", "november nov", "december dec"))
    for name in names.split()}
_DAY_NUMBER = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_CLOCK = re.compile(r"\b(1[0-2]|0?[1-9])(?:[:.]\s?([0-5]\d))?\s*([ap])\.?\s?m\b", re.I)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
# Words of a time expression that place it on a day relative to the report.
RELATIVE_DAY_WORDS = word_set("""
    today yesterday tonight morning afternoon evening night overnight earlier
    """)
# A story's weekday named in this many times as many reports as any other weekday is the day
# of its event (ECB+ train/dev, scripts/score_coref.py: 2 scored best of 1, 2, 3 and never).
EVENT_DAY_RATIO = 2
_LONG_TIME = word_set("week month year years weeks months season decade century")
# Words between two phrases that make the second a modifier of the first ("flaw in ...").
_ATTACHING = re.compile(r"^\s*(?:in|of|on|for|at|from|with|inside|near)\s+(?:the\s+|a\s+|an\s+)?$",
                        re.I)
_COORDINATION = re.compile(r"^\s*(?:,|and|or|&|, and|, or|as well as|and also)\s*$", re.I)
_APPOSITION_OPEN = re.compile(r"^\s*,\s*$")
_QUOTE_WORD = re.compile(r"[a-z][a-z\-]{2,}")
_QUOTE_STOP = word_set("""
    the and that this with from have has had will would could should their there they them
    were was are for not but can our your his her its into than then also only more most
    been being which what when where who whom whose about over such some all any each other
    these those very much many just said says say
    """)


class Linker:
    """Applies the evidence to the mentions of a resolve call."""

    def __init__(self, nodes: Sequence[Node], groups: Groups,
                 texts: Mapping[str, str] | None = None,
                 embedder: Embedder | None = None) -> None:
        self.nodes = nodes
        self.groups = groups
        self.texts = texts or {}
        self.embedder = embedder
        self.by_report: dict[str, list[Node]] = defaultdict(list)
        self.by_story: dict[str, list[Node]] = defaultdict(list)
        for node in nodes:
            self.by_report[node.report].append(node)
            self.by_story[node.story].append(node)
        for members in self.by_report.values():
            members.sort(key=lambda n: (n.start, -n.end))

    def union(self, a: Node, b: Node) -> bool:
        return self.groups.union(a.i, b.i)

    # -- constraints -------------------------------------------------------------------------

    def coordination_constraints(self) -> None:
        """Names joined as "X and Y" or "X, Y" in one sentence are different referents."""
        for rid, members in self.by_report.items():
            text = self.texts.get(rid)
            if text is None:
                continue
            names = [n for n in members if n.form == "name" and n.key]
            run: list[Node] = []
            for a, b in pairwise(names):
                between = text[a.end:b.start] if a.end <= b.start else "x"
                if a.fam == b.fam and _COORDINATION.match(between) and "\n" not in between:
                    run = run or [a]
                    run.append(b)
                    continue
                self._apart(run)
                run = []
            self._apart(run)

    def _apart(self, run: list[Node]) -> None:
        for x, y in combinations(run, 2):
            if x.key != y.key:
                self.groups.cannot_link(x.i, y.i)

    def actor_constraints(self, pairs: Iterable[tuple[Node, Node]]) -> None:
        """Two actors of one event (source and target) are different referents."""
        for a, b in pairs:
            if a.key != b.key or not a.key:
                self.groups.cannot_link(a.i, b.i)

    # -- within one report -------------------------------------------------------------------

    def within_reports(self) -> None:
        for members in self.by_report.values():
            names = [n for n in members if n.form == "name" and n.key]
            self._same_key(names)
            self._places(names)
            self._short_forms(names, names)
            self._acronyms(names)
            self._appositions(members)
        for members in self.by_report.values():
            self._pronouns(members)

    def _same_key(self, names: Sequence[Node]) -> None:
        first: dict[str, list[Node]] = defaultdict(list)
        for node in names:
            for seen in first[node.base]:
                if families_compatible(seen.fam, node.fam) and self.union(seen, node):
                    break
            else:
                first[node.base].append(node)

    def _places(self, names: Sequence[Node]) -> None:
        """One place under two names ("U.S."/"United States", "Bombay"/"Mumbai")."""
        seen: dict[tuple[str, str | None], Node] = {}
        for node in names:
            if node.fam != "loc":
                continue
            place = lookup_place(node.display)
            if place is None:
                continue
            ident = (place.name, place.country)
            if ident in seen:
                self.union(seen[ident], node)
            else:
                seen[ident] = node

    def _short_forms(self, shorts: Sequence[Node], longs: Sequence[Node]) -> None:
        """A one-word name and the one longer name it is part of, when only one longer name
        (counting spelling variants as one) can be meant."""
        full: dict[str, list[Node]] = defaultdict(list)
        for node in longs:
            if node.multi and node.fam in ("per", "org", "hum", "loc"):
                full[node.fam].append(node)
        for node in shorts:
            if node.multi or node.fam not in ("per", "org", "hum", "loc") or len(node.key) < 2:
                continue
            fams = (("per", "hum") if node.fam in ("per", "hum") else ("loc",)
                    if node.fam == "loc" else ("org", "hum"))
            found = [c for fam in fams for c in full.get(fam, ())
                     if self._short_of(node, c)]
            roots = {self.groups.find(c.i) for c in found}
            if len(roots) == 1:
                self.union(found[0], node)

    @staticmethod
    def _short_of(short: Node, long: Node) -> bool:
        word = short.tokens[0]
        if long.fam == "per" or (long.fam == "hum" and short.fam == "per"):
            return person_names_match(short.tokens, long.tokens)
        if long.fam == "loc":
            # "Mediterranean" of "Mediterranean Sea": the rest says what kind of place.
            return word == long.tokens[0] and all(t in GEO_GENERIC for t in long.tokens[1:])
        if word in ORG_GENERIC or len(word) < 3:
            return False
        return word in (long.tokens[0], long.tokens[-1])

    def _acronyms(self, names: Sequence[Node], others: Sequence[Node] = ()) -> None:
        """An acronym and the one name (or capitalized description) it abbreviates."""
        longs = [n for n in (*names, *others) if n.multi and n.acronym is None
                 and (n.form == "name" or n.display.istitle())]
        for node in names:
            if node.acronym is None:
                continue
            found = [c for c in longs if families_compatible(c.fam, node.fam)
                     and acronym_matches(node.acronym, c.display)]
            roots = {self.groups.find(c.i) for c in found}
            # Several mentions of one expansion not yet linked are still one candidate.
            if len(roots) == 1 or len({c.key for c in found}) == 1:
                for c in found:
                    self.union(c, node)

    def _appositions(self, members: Sequence[Node]) -> None:
        """"NAME, a description," / "a description, NAME": one referent."""
        text = self.texts.get(members[0].report) if members else None
        if text is None:
            return
        for a, b in pairwise(members):
            if a.end > b.start or {a.form, b.form} != {"name", "nominal"}:
                continue
            nominal = a if a.form == "nominal" else b
            if not any(t.isalpha() for t in nominal.tokens):
                continue  # "the Lakers, 98-91," is a score, not another name for the team
            if not _APPOSITION_OPEN.match(text[a.end:b.start]):
                continue
            after = text[b.end:b.end + 2]
            if (after[:1] in (",", ")", ".", "") and families_compatible(a.fam, b.fam)
                    and not (a.plural or b.plural)):
                self.union(a, b)

    def _pronouns(self, members: Sequence[Node]) -> None:
        previous: list[Node] = []
        for node in members:
            if node.form == "pronoun" and node.pronoun is not None:
                target = self._antecedent(node, previous)
                if target is not None:
                    self.union(target, node)
            previous.append(node)

    def _antecedent(self, node: Node, previous: Sequence[Node]) -> Node | None:
        pronoun = node.pronoun or ""
        if pronoun in RELATIVE_PRONOUNS:
            return self._relative_antecedent(node, previous)
        found: list[Node] = []
        for cand in reversed(previous):
            if node.start - cand.end > PRONOUN_WINDOW:
                break
            if cand.end > node.start or not _agrees(pronoun, cand):
                continue
            if not self.groups.conflict(cand.i, node.i):
                found.append(cand)
        if pronoun in THING_PRONOUNS:
            # In news an "it" near a company's name is most often the company.
            orgs = [c for c in found if c.fam == "org"]
            found = orgs or found
        if len(found) > 1:
            # The referent the report has mentioned most so far, the nearest of equals:
            # a report keeps returning to its main actors (ECB+ train/dev +0.001 to +0.002
            # CoNLL F1 over the nearest alone).
            seen: dict[int, int] = defaultdict(int)
            for c in previous:
                seen[self.groups.find(c.i)] += 1
            best = max(seen[self.groups.find(c.i)] for c in found)
            found = [c for c in found if seen[self.groups.find(c.i)] == best]
        return found[0] if found else None

    def _relative_antecedent(self, node: Node, previous: Sequence[Node]) -> Node | None:
        """The phrase a relative pronoun follows; when that phrase ends a prepositional
        phrase ("a flaw in the browser that ..."), the noun the phrase attaches to."""
        before = [c for c in previous if c.end <= node.start]
        if not before or node.start - before[-1].end > RELATIVE_GAP:
            return None
        k = len(before) - 1
        text = self.texts.get(node.report)
        while text is not None and k > 0:
            gap = text[before[k - 1].end:before[k].start]
            if not _ATTACHING.match(gap):
                break
            k -= 1
        cand = before[k]
        if cand.form == "pronoun" or not _relative_agrees(node.pronoun or "", cand):
            cand = before[-1]
        return cand if cand.form != "pronoun" else None

    # -- within one story --------------------------------------------------------------------

    def within_stories(self) -> None:
        for members in self.by_story.values():
            names = [n for n in members if n.form == "name" and n.key]
            self._same_key(names)
            self._places(names)
            self._variants(names)
            self._short_forms(names, names)
            self._acronyms(names, [n for n in members if n.form == "nominal"])
            self._roles(members)

    def _variants(self, names: Sequence[Node]) -> None:
        """Spelling variants: person names that can be one person, other names whose every
        word is a variant of the other's."""
        blocks: dict[str, list[Node]] = defaultdict(list)
        for node in names:
            for block in token_blocks(node):
                blocks[block].append(node)
        tried: set[tuple[str, str]] = set()
        for members in blocks.values():
            distinct = {n.key: n for n in members}
            for a, b in combinations(distinct.values(), 2):
                pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
                if pair in tried:
                    continue
                tried.add(pair)
                if _variant(a, b):
                    self.union(a, b)

    def _roles(self, members: Sequence[Node]) -> None:
        """People given the same specific role ("Chilean President") in one story."""
        holders: dict[tuple[frozenset[str], str | None], list[Node]] = defaultdict(list)
        for node in members:
            if node.fam not in ("per", "hum") or node.form != "name":
                continue
            for key in node.role_keys:
                if key.specific:
                    holders[(key.office, key.country)].append(node)
        for nodes in holders.values():
            for other in nodes[1:]:
                if any(roles_match(x, y) for x in nodes[0].role_keys for y in other.role_keys):
                    self.union(nodes[0], other)

    def descriptions(self) -> None:
        """Descriptions in one story: the same words as a name or another description, the
        same head word ("the company" / "company"), the head word that describes exactly one
        named referent of the story ("the coach" / "coach Maurice Cheeks") or ends exactly one
        name of a place or body ("the center" / "the Betty Ford Center")."""
        for members in self.by_story.values():
            by_key: dict[str, list[Node]] = defaultdict(list)
            for node in members:
                if node.form == "pronoun" or not node.key:
                    continue
                for seen in by_key[node.key]:
                    if families_compatible(seen.fam, node.fam) and self.union(seen, node):
                        break
                else:
                    by_key[node.key].append(node)
            heads: dict[tuple[str, str, bool], Node] = {}
            for node in members:
                if node.form != "nominal" or not node.head:
                    continue
                hk = (node.fam, node.head, node.plural and node.fam != "time")
                if hk in heads:
                    self.union(heads[hk], node)
                else:
                    heads[hk] = node
            self._described(members, heads)
            self._synonyms(members, heads)
            self._name_endings(members)
            self._event_days(members)
            self._calendar_days(members)

    def _synonyms(self, members: Sequence[Node],
                  heads: Mapping[tuple[str, str, bool], Node]) -> None:
        """Descriptions of one kind and number whose heads mean the same ("the flaw" / "the
        vulnerability"): heads at least HEAD_SIMILARITY alike, or CONTEXT_SIMILARITY alike and
        used among CONTEXT_SHARED of the same words ("released a patch for the browser" /
        "released an update for the browser"); never two heads one sentence uses."""
        if self.embedder is None:
            return
        together = self._heads_in_one_sentence(members)
        by_kind: dict[tuple[str, bool], list[Node]] = defaultdict(list)
        for (fam, head, plural), node in heads.items():
            if fam in _SYNONYM_FAMILIES and len(head) >= MIN_HEAD_LENGTH and "#" not in head:
                by_kind[(fam, plural)].append(node)
        contexts = self._contexts(members)
        for nodes in by_kind.values():
            for i, j, cosine in similar_pairs([n.head for n in nodes], self.embedder,
                                              CONTEXT_SIMILARITY):
                a, b = nodes[i], nodes[j]
                if (a.head, b.head) in together:
                    continue
                shared = contexts.get(a.head, set()) & contexts.get(b.head, set())
                if cosine >= HEAD_SIMILARITY or len(shared) >= CONTEXT_SHARED:
                    self.union(a, b)

    def _contexts(self, members: Sequence[Node]) -> dict[str, set[str]]:
        """Each description head's neighbouring content words in the story (cut to six
        letters, as quotes' words are)."""
        out: dict[str, set[str]] = defaultdict(set)
        for node in members:
            text = self.texts.get(node.report)
            if node.form != "nominal" or not node.head or text is None:
                continue
            window = (text[max(0, node.start - CONTEXT_CHARS):node.start] + " "
                      + text[node.end:node.end + CONTEXT_CHARS])
            out[node.head] |= {w[:6] for w in _QUOTE_WORD.findall(fold(window))
                               if len(w) > 3 and w not in _QUOTE_STOP and w not in node.tokens}
        return out

    def _heads_in_one_sentence(self, members: Sequence[Node]) -> set[tuple[str, str]]:
        by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
        by_report: dict[str, list[Node]] = defaultdict(list)
        for node in members:
            if node.form == "nominal" and node.head:
                by_report[node.report].append(node)
        for rid, nodes in by_report.items():
            text = self.texts.get(rid)
            numbers = (sentence_of(text, [n.start for n in nodes]) if text is not None
                       else [n.start for n in nodes])
            for node, k in zip(nodes, numbers, strict=True):
                by_sentence[(rid, k)].add(node.head)
        pairs: set[tuple[str, str]] = set()
        for heads in by_sentence.values():
            for x in heads:
                for y in heads:
                    if x != y:
                        pairs.add((x, y))
        return pairs

    def _name_endings(self, members: Sequence[Node]) -> None:
        """A place or organisation named by the last words of a longer name of the story
        ("the notorious Gulf of Aden" / "Gulf of Aden", "Richmond Hill, Queens" / "Queens")."""
        names = [n for n in members if n.form == "name" and n.fam in ("loc", "org") and n.key
                 and "and" not in n.tokens]
        by_key: dict[tuple[str, ...], Node] = {}
        for n in names:
            by_key.setdefault(n.tokens, n)
        for node in names:
            for k in range(1, len(node.tokens)):
                tail = node.tokens[k:]
                other = by_key.get(tail)
                if other is not None and other.fam == node.fam and (
                        len(tail) > 1 or len(tail[0]) > 3):
                    self.union(other, node)
                    break

    def _event_days(self, members: Sequence[Node]) -> None:
        """Times that name the day of the story's event: the same weekday (alone or in a
        longer time, "early Tuesday morning"), or a day relative to
        the report ("yesterday", "this morning"): the one weekday its report names, else the
        weekday named in most of the story's reports when it is named in EVENT_DAY_RATIO
        times as many reports as any other, else, where the story names no weekday, one
        another."""
        weekdays: dict[str, Node] = {}
        reports: dict[str, set[str]] = defaultdict(set)
        in_report: dict[str, set[str]] = defaultdict(set)
        relative: list[Node] = []
        for node in members:
            if node.fam != "time" or node.form == "pronoun":
                continue
            day = _weekday(node)
            if day is not None:
                if day in weekdays:
                    self.union(weekdays[day], node)
                else:
                    weekdays[day] = node
                reports[day].add(node.report)
                in_report[node.report].add(day)
            elif set(node.tokens) & RELATIVE_DAY_WORDS and not set(node.tokens) & _LONG_TIME:
                relative.append(node)
        ranked = sorted(reports, key=lambda d: -len(reports[d]))
        main = None
        if ranked and (len(ranked) == 1 or len(reports[ranked[0]])
                       >= EVENT_DAY_RATIO * len(reports[ranked[1]])):
            main = weekdays[ranked[0]]
        rest: list[Node] = []
        for node in relative:
            own = in_report.get(node.report, set())
            if len(own) == 1:
                self.union(weekdays[next(iter(own))], node)
            elif main is not None:
                self.union(main, node)
            else:
                rest.append(node)
        if not weekdays:
            for node in rest[1:]:
                self.union(rest[0], node)

    def _calendar_days(self, members: Sequence[Node]) -> None:
        """Times that name one calendar day in a story ("July 27", "Tuesday, July 27, 2004",
        "27th July") are that day, however written, unless they name two different years;
        times naming one clock time ("2:30 a.m.", "2.30am") are that time."""
        days: dict[tuple[int, int], list[Node]] = defaultdict(list)
        clocks: dict[tuple[int, int, str], Node] = {}
        for node in members:
            if node.fam != "time" or node.form == "pronoun":
                continue
            clock = clock_time(node.display)
            if clock is not None:
                if clock in clocks:
                    self.union(clocks[clock], node)
                else:
                    clocks[clock] = node
            day = calendar_day(node.tokens)
            if day is None:
                continue
            for seen in days[day[:2]]:
                if _year_of(seen.tokens) in (None, day[2]) or day[2] is None:
                    self.union(seen, node)
                    break
            else:
                days[day[:2]].append(node)

    def _described(self, members: Sequence[Node],
                   heads: Mapping[tuple[str, str, bool], Node]) -> None:
        described: dict[str, set[int]] = defaultdict(set)
        first: dict[int, Node] = {}
        for node in members:
            if node.form == "name" and node.fam in ("per", "org"):
                root = self.groups.find(node.i)
                first.setdefault(root, node)
                for w in node.role_words:
                    described[w].add(root)
        ends: dict[str, set[int]] = defaultdict(set)
        for node in members:
            if node.form == "name" and node.fam in ("org", "loc") and node.multi:
                root = self.groups.find(node.i)
                first.setdefault(root, node)
                ends[singular(node.tokens[-1])].add(root)
        for (fam, head, plural), node in heads.items():
            if plural:
                continue
            pool = described if fam in ("hum", "per", "org") else ends
            if fam in ("hum", "loc", "org", "thing") and not pool.get(head):
                pool = ends
            roots = {self.groups.find(r) for r in pool.get(head, ())}
            if len(roots) == 1:
                self.union(first[next(iter(pool[head]))], node)

    def sole_names(self) -> None:
        """A singular description of a person in a report that names one person only is that
        person ("the accountant" where only "Anthony Smith" is named), unless it describes one
        who speaks or acts for others ("the lawyer", "a spokesman") or a group ("police")."""
        for members in self.by_report.values():
            people = {self.groups.find(n.i): n for n in members
                      if n.form == "name" and n.fam == "per"}
            orgs = {self.groups.find(n.i): n for n in members
                    if n.form == "name" and n.fam == "org"}
            for node in members:
                if node.form != "nominal" or node.fam != "hum" or node.plural:
                    continue
                if node.head in BUSINESS:
                    pool = orgs
                elif not _individual(node):
                    continue
                else:
                    pool = people
                if len(pool) == 1:
                    self.union(next(iter(pool.values())), node)
        for members in self.by_story.values():
            people = {self.groups.find(n.i): n for n in members
                      if n.form == "name" and n.fam == "per"}
            if len(people) != 1:
                continue
            person = next(iter(people.values()))
            for node in members:
                if _individual(node):
                    self.union(person, node)

    def main_people(self) -> None:
        """A singular description of an individual in a report that names several people is
        the report's main person when one person's name recurs in it far more often than any
        other's ("the actress" in a report about one actress that also names her lawyer)."""
        for members in self.by_report.values():
            counts: dict[int, int] = defaultdict(int)
            first: dict[int, Node] = {}
            for n in members:
                if n.form == "name" and n.fam == "per":
                    root = self.groups.find(n.i)
                    counts[root] += 1
                    first.setdefault(root, n)
            if len(counts) < 2:
                continue
            ranked = sorted(counts.values(), reverse=True)
            if ranked[0] < MAIN_PERSON_MIN or ranked[0] < MAIN_PERSON_RATIO * ranked[1]:
                continue
            person = first[max(counts, key=lambda r: counts[r])]
            for node in members:
                if _individual(node):
                    self.union(person, node)

    def story_main_people(self) -> None:
        """In a report that names no one, a singular description of an individual is the
        story's main person: the person named in MAIN_PERSON_RATIO times as many reports of the
        story as anyone else."""
        for members in self.by_story.values():
            reports: dict[int, set[str]] = defaultdict(set)
            first: dict[int, Node] = {}
            named: set[str] = set()
            for n in members:
                if n.form == "name" and n.fam == "per":
                    root = self.groups.find(n.i)
                    reports[root].add(n.report)
                    first.setdefault(root, n)
                    named.add(n.report)
            if not reports:
                continue
            ranked = [*sorted((len(v) for v in reports.values()), reverse=True), 0]
            if ranked[0] < MAIN_PERSON_MIN or ranked[0] < MAIN_PERSON_RATIO * ranked[1]:
                continue
            person = first[max(reports, key=lambda r: len(reports[r]))]
            for node in members:
                if node.report not in named and _individual(node):
                    self.union(person, node)

    def quotes(self, spoken: Sequence[tuple[Node, str]]) -> None:
        """Speakers of one remark, quoted in two reports of a story, are one person."""
        by_story: dict[str, list[tuple[Node, frozenset[str]]]] = defaultdict(list)
        for node, text in spoken:
            if node.fam in ("per", "hum", "org"):
                by_story[node.story].append((node, quote_words(text)))
        for items in by_story.values():
            index: dict[str, list[int]] = defaultdict(list)
            for k, (_, words) in enumerate(items):
                for w in words:
                    index[w].append(k)
            for k, (node, words) in enumerate(items):
                shared: dict[int, int] = defaultdict(int)
                for w in words:
                    for j in index[w]:
                        if j > k:
                            shared[j] += 1
                for j, n in shared.items():
                    other, owords = items[j]
                    if other.report == node.report or n < QUOTE_MIN_SHARED:
                        continue
                    # An organisation's statement is often quoted from its spokesperson
                    # too: a shared quote says one speaker only within one kind.
                    if not _same_kind(node, other):
                        continue
                    if n / len(words | owords) >= QUOTE_SIMILARITY:
                        self.union(node, other)


def calendar_day(tokens: Sequence[str]) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) of a time naming one day: a month word next to a day
    number ("dec 6", "6th june", "july 27 2004"); None for a month alone or a range."""
    found = set()
    for k, tok in enumerate(tokens):
        month = MONTHS.get(tok)
        if month is None:
            continue
        for near in (*tokens[k + 1:k + 2], *tokens[max(k - 1, 0):k]):
            m = _DAY_NUMBER.match(near)
            if m and 1 <= int(m.group(1)) <= 31:
                found.add((month, int(m.group(1))))
                break
    if len(found) != 1:
        return None
    month, day = next(iter(found))
    return month, day, _year_of(tokens)


def clock_time(text: str) -> tuple[int, int, str] | None:
    """(hour, minute, "a"/"p") of the one clock time a time names ("at about 2:30 a.m.")."""
    found = {(int(h), int(m or 0), ap.lower()) for h, m, ap in _CLOCK.findall(text)}
    return next(iter(found)) if len(found) == 1 else None


def _year_of(tokens: Sequence[str]) -> int | None:
    years = {int(t) for t in tokens if _YEAR.match(t)}
    return next(iter(years)) if len(years) == 1 else None


def _weekday(node: Node) -> str | None:
    """The weekday a time names: its head ("Tuesday") or its one weekday word ("early Tuesday
    morning", "Tuesday, March 3"), unless it spans weeks ("the week before Tuesday")."""
    if node.head in WEEKDAYS:
        return node.head
    days = WEEKDAYS.intersection(node.tokens)
    if len(days) != 1 or _LONG_TIME.intersection(node.tokens):
        return None
    return next(iter(days))


def _individual(node: Node) -> bool:
    """A singular description of one person that may be the person a report is about: not
    one who speaks or acts for others, a group, a business, a number ("two") or a website."""
    head = node.head
    return (node.form == "nominal" and node.fam == "hum" and not node.plural
            and head not in INTERMEDIARIES and head not in COLLECTIVE and head not in BUSINESS
            and head.isalpha() and head not in NUMBER_WORDS and head not in INDEFINITE
            and not _WEB_ADDRESS.search(node.display))


def _agrees(pronoun: str, cand: Node) -> bool:
    """Whether ``cand`` can be what ``pronoun`` stands for (number and kind of referent)."""
    if cand.form == "pronoun":
        return False
    if pronoun in PERSON_PRONOUNS:
        return (cand.fam in ("per", "hum") and not cand.plural
                and not (cand.form == "nominal" and cand.head in COLLECTIVE))
    collective = cand.form == "nominal" and cand.head in COLLECTIVE
    if pronoun in THING_PRONOUNS:
        # "The navy said it ...": a body named by a collective noun is an "it".
        return (cand.fam in ("org", "thing", "event") or collective) and not cand.plural
    if pronoun in GROUP_PRONOUNS:
        return cand.plural or cand.fam == "org"
    if pronoun in PLACE_PRONOUNS:
        return cand.fam == "loc"
    return False


def _same_kind(a: Node, b: Node) -> bool:
    return a.fam == b.fam or {a.fam, b.fam} <= {"per", "hum"}


def _relative_agrees(pronoun: str, cand: Node) -> bool:
    if pronoun in ("who", "whom"):
        return cand.fam in ("per", "hum", "org")
    if pronoun == "which":
        return cand.fam not in ("per",)
    if pronoun == "where":
        return cand.fam == "loc"
    return True


def _variant(a: Node, b: Node) -> bool:
    if not families_compatible(a.fam, b.fam) or a.fam != b.fam:
        return False
    if a.fam == "per":
        if a.multi and b.multi:
            return person_names_match(a.tokens, b.tokens)
        if not a.multi and not b.multi:
            return words_match(a.tokens[0], b.tokens[0])
        return False
    if len(a.tokens) != len(b.tokens) or a.acronym or b.acronym:
        return False
    return all(words_match(x, y) for x, y in zip(a.tokens, b.tokens, strict=True)) and any(
        len(x) > 3 for x in a.tokens)


def quote_words(text: str) -> frozenset[str]:
    """Content words of a quote, cut to their first six letters so that inflections and
    derivations of one word ("cooperating", "cooperation") count as the same."""
    words = _QUOTE_WORD.findall(fold(text))
    return frozenset(w[:6] for w in words if w not in _QUOTE_STOP and len(w) > 3)
