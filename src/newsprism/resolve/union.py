"""Union-find over mentions that refuses merges the evidence forbids.

A merge is refused when the two groups hold a cannot-link pair (two actors of one event, two
names in one coordination, names an alias file keeps apart), two full person names that cannot
be one person, specific roles of different countries, or kinds of referent that cannot be one
entity. Checks are on whole groups, so a chain of plausible merges cannot join two people that
one direct merge could not. A group a pronoun or noun calls a man cannot join one called a
woman.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.resolve.features import Node, families_compatible
from newsprism.resolve.names import person_names_conflict


class Groups:
    def __init__(self, nodes: Sequence[Node]) -> None:
        n = len(nodes)
        self.nodes = nodes
        self.parent = list(range(n))
        self.members: list[list[int]] = [[i] for i in range(n)]
        self.cannot: list[set[int]] = [set() for _ in range(n)]
        self.fams: list[set[str]] = [{node.fam} for node in nodes]
        self.full_names: list[set[tuple[str, ...]]] = [
            {node.tokens} if node.form == "name" and node.fam == "per" and node.multi else set()
            for node in nodes
        ]
        self.countries: list[set[str]] = [
            {k.country for k in node.role_keys if k.specific and k.country}
            if node.fam in ("per", "hum") else set()
            for node in nodes
        ]
        self.genders: list[set[str]] = [{node.gender} if node.gender else set()
                                        for node in nodes]
        # Full names (two words or more) of people and organisations in the group: a person
        # and an organisation are one referent only under one name (the tagger's two labels
        # for one name); a one-word name may be either ("Lohan" tagged an organisation).
        self.named: list[dict[str, set[str]]] = [
            {node.fam: {node.key}} if node.form == "name" and node.fam in ("per", "org")
            and node.multi else {} for node in nodes]
        # alias "different" group -> name keys of it found in this group
        self.kept_apart: list[dict[int, set[str]]] = [{} for _ in range(n)]

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def same(self, a: int, b: int) -> bool:
        return self.find(a) == self.find(b)

    def cannot_link(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        self.cannot[ra].add(b)
        self.cannot[rb].add(a)

    def keep_apart(self, i: int, group: int, key: str) -> None:
        self.kept_apart[self.find(i)].setdefault(group, set()).add(key)

    def conflict(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        small, big = (ra, rb) if len(self.cannot[ra]) <= len(self.cannot[rb]) else (rb, ra)
        if any(self.find(x) == big for x in self.cannot[small]):
            return True
        if not all(families_compatible(x, y) for x in self.fams[ra] for y in self.fams[rb]):
            return True
        if len(self.genders[ra] | self.genders[rb]) > 1 or self._person_and_body(ra, rb):
            return True
        ca, cb = self.countries[ra], self.countries[rb]
        if ca and cb and not ca & cb:
            return True
        for g, keys in self.kept_apart[ra].items():
            other = self.kept_apart[rb].get(g)
            if other and (len(keys | other) > 1):
                return True
        return any(person_names_conflict(x, y)
                   for x in self.full_names[ra] for y in self.full_names[rb])

    def _person_and_body(self, ra: int, rb: int) -> bool:
        """A group named as a person and one named as an organisation, sharing no name."""
        na, nb = self.named[ra], self.named[rb]
        for x, y in (("per", "org"), ("org", "per")):
            if x in na and y in nb and not (na[x] | na.get(y, set())) & (nb[y] | nb.get(x, set())):
                return True
        return False

    def union(self, a: int, b: int, *, force: bool = False) -> bool:
        """Merge the groups of ``a`` and ``b`` unless that is forbidden (``force`` skips the
        checks: an alias file's "same"). Returns whether they are now one group."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force and self.conflict(ra, rb):
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] += self.members[rb]
        self.cannot[ra] |= self.cannot[rb]
        self.fams[ra] |= self.fams[rb]
        self.full_names[ra] |= self.full_names[rb]
        self.countries[ra] |= self.countries[rb]
        self.genders[ra] |= self.genders[rb]
        for fam, keys in self.named[rb].items():
            self.named[ra].setdefault(fam, set()).update(keys)
        self.named[rb] = {}
        for g, keys in self.kept_apart[rb].items():
            self.kept_apart[ra].setdefault(g, set()).update(keys)
        self.members[rb] = []
        self.cannot[rb] = set()
        self.full_names[rb] = set()
        self.kept_apart[rb] = {}
        return True

    def groups(self) -> list[list[int]]:
        return [m for i, m in enumerate(self.members) if m and self.parent[i] == i]
