"""Entity resolution across documents, and the graph built from the results.

No spaCy here: this reads :class:`kg.records.DocExtraction` records only.

Officials are merged when nothing in their countries contradicts it and their names
agree after normalisation ("Kim Jong Un" = "Kim Jong-un", "Min-Koo" = "Min-koo"), or
differ only by initials and suffixes ("Lloyd J. Austin III" = "Lloyd Austin"), by the
place of the family name ("Kyeong Doo Jeong" = "Jeong Kyeong-doo", "Kihara Minoru" =
"Minoru Kihara"), or by a romanisation of the given name after the same family name
("Ahn Gyu-back" ~ "Ahn Gyu-baek"). When role or country also agree, they merge on a
nickname ("Jim Mattis" ~ "James Mattis"), a middle name ("Margaret Hale Lindqvist"), a
one-letter slip in a long word ("Suryadrma" ~ "Suryadarma"), Indonesian old spelling
("Soeharto" ~ "Suharto") or a Korean family name spelt two ways ("Pak" ~ "Park",
kg/data/surnames.jsonl). A known one-word short form ("Jokowi", kg/data/nicknames.jsonl)
counts as its full name; a country read off a "counterparts" list does not contradict.
A cut-off name ("Kang Min") joins the one longer name it can be when the office agrees;
a surname-only entity ("Austin") joins the one full name it can mean; one-word
names that no full name explains join each other when office and country agree. Names
that one document gives no office ("person") become officials only by joining an
official. Agencies and forums merge by gazetteer id (also found from an acronym or a
label equal to a gazetteer name), else by type, normalised label and country, else by
a shared acronym.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from kg import holders
from kg.graph import KnowledgeGraph
from kg.lexicon import get_lexicon, norm_key, read_jsonl
from kg.officepass import apply_offices
from kg.records import DocExtraction, Entity
from kg.store import no_gc

__all__ = ["GraphBuilder", "build_graph", "resolve"]


@dataclass(slots=True)
class _Ent:
    """An entity as resolution and the graph read it: a record's entity with its
    document id and without its mentions (their number, and how many extraction found
    in a sentence, which vote for the role, are all the graph keeps of them)."""

    doc: str
    id: str
    type: str
    name: str
    key: str = ""
    aliases: tuple[str, ...] = ()
    role: str | None = None
    role_text: str | None = None
    category: str | None = None
    country: str | None = None
    former: bool = False
    ordinals: tuple[str, ...] = ()
    n_mentions: int = 0
    n_voting: int = 0  # mentions in a sentence (the office pass adds some at sentence -1)


class _Strings(dict):
    """One copy of each string (``strings[s]`` is the first ``s`` seen): names, roles
    and countries recur in every document, sentences in every relation of one."""

    def __missing__(self, key: Any) -> Any:
        self[key] = key
        return key


def _compact(doc_id: str, e: Entity, one: _Strings) -> _Ent:
    """``e`` of document ``doc_id`` as an :class:`_Ent`, its strings shared through ``one``."""
    mentions = e.mentions
    return _Ent(doc_id, one[e.id], one[e.type], one[e.name], one[e.key],
                tuple([one[a] for a in e.aliases]) if e.aliases else (), one[e.role],
                one[e.role_text], one[e.category], one[e.country], e.former,
                tuple([one[o] for o in e.ordinals]) if e.ordinals else (), len(mentions),
                len([m for m in mentions if m.sentence >= 0]))


def _changed(e: _Ent, name: str, country: str | None, key: str) -> _Ent:
    """``e`` with another name, country and gazetteer key (``dataclasses.replace``, faster)."""
    return _Ent(e.doc, e.id, e.type, name, key, e.aliases, e.role, e.role_text, e.category,
                country, e.former, e.ordinals, e.n_mentions, e.n_voting)


@dataclass(slots=True)
class _Node:
    type: str
    members: list[_Ent] = field(default_factory=list)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@lru_cache(maxsize=1 << 18)
def _norm(text: str) -> str:
    """:func:`kg.lexicon.norm_key`, remembered: the same names recur in many documents."""
    return norm_key(text)


def _parts(name: str) -> list[str]:
    """The name's words, normalised ("Ahn Gyu-Back" -> ["ahn", "gyuback"])."""
    return list(_cached_parts(name))


@lru_cache(maxsize=65536)
def _cached_parts(name: str) -> tuple[str, ...]:
    return tuple(k for k in map(norm_key, name.split()) if k)


def _compatible(a: Entity, b: Entity) -> bool:
    """Nothing in role or country contradicts two entities being one person."""
    return not (a.country and b.country and a.country != b.country)


def _agree(a: Entity, b: Entity) -> bool:
    """Role or country positively agree."""
    return bool((a.country and a.country == b.country) or (a.category and a.category == b.category))


@lru_cache(maxsize=1)
def _suffixes() -> frozenset[str]:
    return frozenset(norm_key(w) for w in get_lexicon().word_class("en", "name_suffix"))


def _core(parts: list[str]) -> tuple[list[str], list[str]]:
    """Name parts without generational suffixes ("Jr.", "III"), split into (words, initials)."""
    words, initials = _cached_core(tuple(parts))
    return list(words), list(initials)


def _words(name: str) -> tuple[str, ...]:
    """The name's words without suffixes and initials (:func:`_core`, as a tuple)."""
    return _cached_core(_cached_parts(name))[0]


@lru_cache(maxsize=65536)
def _cached_core(parts: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    suffixes = _suffixes()
    parts = tuple(p for p in parts if p not in suffixes)
    return tuple(p for p in parts if len(p) > 1), tuple(p for p in parts if len(p) == 1)


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter added, dropped, changed or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        swapped = a[i + 2:] == b[i + 2:] and a[i:i + 2] == b[i:i + 2][::-1]
        return swapped or a[i + 1:] == b[i + 1:]
    return a[i + 1:] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1:]


def _misspelt(wa: list[str], wb: list[str]) -> bool:
    """All words but one are equal and that one is a one-letter slip of a long word
    ("Suryadrma" / "Suryadarma")."""
    if len(wa) != len(wb) or len(wa) < 2:
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    return len(diff) == 1 and min(map(len, diff[0])) >= 5 and _one_edit(*diff[0])


def _reordered(pa: list[str], pb: list[str]) -> bool:
    """Family name last in one, first in the other: "Kyeong Doo Jeong" = "Jeong Kyeong-doo",
    "Kihara Minoru" = "Minoru Kihara"."""
    return "".join(pa[-1:] + pa[:-1]) == "".join(pb) or "".join(pb[-1:] + pb[:-1]) == "".join(pa)


def _more_names(wa: list[str], wb: list[str]) -> bool:
    """One name adds middle names to the other, keeping its first and its last word:
    "Margaret Hale Lindqvist" ~ "Margaret Lindqvist", "Susilo Bambang Yudhoyono" ~ "Susilo
    Yudhoyono". (A name cut off at the end is left to :func:`_join_truncated`.)"""
    longer, shorter = (wa, wb) if len(wa) > len(wb) else (wb, wa)
    if not 2 <= len(shorter) < len(longer) <= 5 or longer[0] != shorter[0]:
        return False
    rest = iter(longer)
    return longer[-1] == shorter[-1] and all(word in rest for word in shorter)


_OLD_SPELLING = re.compile(r"oe|dj|tj|sj|nj|j")
_NEW_SPELLING = {"oe": "u", "dj": "y", "tj": "c", "sj": "sy", "nj": "ny", "j": "y"}


def _respelt(parts: list[str]) -> list[str]:
    """Indonesian name parts in one spelling for the old and the new orthography
    ("Soeharto" = "Suharto", "Djoko" = "Joko", "Sjamsul" = "Syamsul"; j and y fall together)."""
    return [_OLD_SPELLING.sub(lambda m: _NEW_SPELLING[m.group()], p) for p in parts]


def _from(a: Entity, b: Entity, countries: set[str]) -> bool:
    """One of the two is from ``countries`` and the other from there or unknown."""
    found = {a.country, b.country} - {None}
    return bool(found) and found <= countries


@lru_cache(maxsize=1)
def _surnames() -> dict[str, str]:
    """Spelling of a Korean family name -> one spelling of it ("pak" -> "park")."""
    return {r["spelling"]: r["surname"] for r in read_jsonl("surnames.jsonl")}


def _given_variant(wa: list[str], wb: list[str]) -> bool:
    """The given names (after a family name in front) are one name, maybe romanised
    differently ("Gyu-back" / "Gyu-baek"; after a Korean family name also "Kyu-baek",
    :func:`_korean_key`)."""
    ga, gb = "".join(wa[1:]), "".join(wb[1:])
    if ga == gb or (ga[:2] == gb[:2] and _similar(ga, gb)):
        return True
    spell = _surnames()
    return (wa[0] in spell or wa[0] in spell.values()) and _korean_key(ga) == _korean_key(gb)


_KOREAN_SPELLINGS = (("ck", "k"), ("eo", "u"), ("ou", "u"), ("oo", "u"), ("ae", "a"),
                     ("ai", "a"), ("ee", "i"), ("ch", "j"), ("k", "g"), ("p", "b"),
                     ("t", "d"))


@lru_cache(maxsize=1 << 16)
def _korean_key(given: str) -> str:
    """A Korean given name in one romanisation: the letters that the official, the
    McCune-Reischauer and the popular spellings write differently made one
    ("Kyu-baek", "Gyu-back", "Gyu-baek" -> "gyubak"; "Jong-seop", "Jong-sup" -> "jongsub")."""
    for old, new in _KOREAN_SPELLINGS:
        given = given.replace(old, new)
    return given


@lru_cache(maxsize=1 << 16)
def _similar(ga: str, gb: str) -> bool:
    """Two given names are alike (difflib ratio at least 0.8), remembered: the same
    pairs of given names recur under many family names ("Min-jun" / "Min-seo")."""
    return SequenceMatcher(None, ga, gb).ratio() >= 0.8


def _surname_variant(wa: list[str], wb: list[str]) -> bool:
    """Family name first and spelt two ways: "Pak Jong Chon" ~ "Park Jong-chon",
    "Ri Son Gwon" ~ "Lee Son-gwon" (kg/data/surnames.jsonl)."""
    spell = _surnames()
    return (len(wa) >= 2 and len(wb) >= 2 and wa[0] != wb[0]
            and spell.get(wa[0], wa[0]) == spell.get(wb[0], wb[0]) and _given_variant(wa, wb))


def _spelling_variant(a: Entity, b: Entity, wa: list[str], wb: list[str]) -> bool:
    """The names differ only by a known spelling of the family name or by Indonesian
    old spelling, and role or country agree."""
    respelt = _from(a, b, {"ID"}) and _respelt(wa) == _respelt(wb)
    korean = _from(a, b, {"KR", "KP"}) and _surname_variant(wa, wb)
    return (respelt or korean) and _agree(a, b)


def _same_person(a: Entity, b: Entity, nicknames: dict[str, str]) -> bool:
    """Two multi-word names can be one person (see the module docstring for the rules)."""
    if not _compatible(a, b):
        return False
    pa, pb = _parts(a.name), _parts(b.name)
    if len(pa) < 2 or len(pb) < 2:
        return False
    if "".join(pa) == "".join(pb):
        return True
    (wa, ia), (wb, ib) = _core(pa), _core(pb)
    if ia and ib and ia != ib:
        return False  # "George H. Walker" is not "George W. Walker"
    if len(wa) >= 2 and wa == wb:
        return True  # "Lloyd J. Austin III" = "Lloyd Austin"; "Charles Q. Brown Jr."
    if _reordered(wa, wb):
        return True
    more = _more_names(wa, wb) and not _from(a, b, {"KR", "KP"})  # "Kim Jong": see _truncated
    if (more or _misspelt(wa, wb)) and _agree(a, b):
        return True
    if _spelling_variant(a, b, wa, wb):
        return True
    pa, pb = wa or pa, wb or pb
    # same surname (first token for Korean-style names, last for Western)
    if pa[0] == pb[0] and pa[-1] != pb[-1] and _given_variant(pa, pb):
        return True
    if pa[-1] == pb[-1] and len(pa) == len(pb) == 2:
        fa, fb = pa[0], pb[0]
        if nicknames.get(fa, fa) == nicknames.get(fb, fb) and _agree(a, b):
            return True
    return False


def _ends(name: str) -> tuple[str, str]:
    """The first and the last name part (where a family name stands)."""
    parts = _parts(name)
    return parts[0], parts[-1]


def _full_form(name: str, nicknames: dict[str, str]) -> str | None:
    """The full name a one-word short form stands for ("Jokowi" -> "Joko Widodo"), if known."""
    full = nicknames.get(_norm(name)) if len(_cached_parts(name)) == 1 else None
    return full if full and len(_cached_parts(full)) >= 2 else None


@lru_cache(maxsize=1)
def _counterpart_words() -> frozenset[str]:
    """Title words that only say "the other side's" ("counterparts", "mitranya")."""
    return frozenset(norm_key(t["text"]) for t in get_lexicon().titles
                     if t.get("cat") == "counterpart")


def _matching_entities(people: list[_Ent],
                       nicknames: dict[str, str]) -> list[Entity]:
    """The entities as resolution compares them: a known one-word short form ("Jokowi")
    replaced by its full name, a weak country dropped (one inferred from a counterpart
    word: in "his American and Japanese counterparts A and B" the countries are easily
    handed to the wrong name)."""
    names: dict[str, str] = {}  # name -> as compared (names recur: worked out once)
    weak: dict[str, bool] = {}  # role text -> a counterpart word
    out = []
    for e in people:
        name = names.get(e.name)
        if name is None:
            name = names[e.name] = _full_form(e.name, nicknames) or e.name
        strip = bool(e.country and e.role_text)
        if strip:
            if e.role_text not in weak:
                weak[e.role_text] = norm_key(e.role_text) in _counterpart_words()
            strip = weak[e.role_text]
        if name != e.name or strip:  # else the entity itself: nothing here changes it
            e = _changed(e, name, None if strip else e.country, e.key)
        out.append(e)
    return out


def _join_equal_keys(ents: list[Entity], uf: _UnionFind) -> dict[str, int]:
    """Union multi-word names with one key when their countries do not contradict the
    first one's; returns key -> representative (first) index."""
    by_key: dict[str, int] = {}
    country_of: dict[str, str | None] = {}  # key -> its representative's country
    keys: dict[str, str | None] = {}  # name -> its key (None: one word)
    for i, e in enumerate(ents):
        if e.name not in keys:
            parts = _cached_parts(e.name)
            keys[e.name] = "".join(parts) if len(parts) >= 2 else None
        key = keys[e.name]
        if key is None:
            continue
        j = by_key.get(key)
        if j is None:
            by_key[key], country_of[key] = i, e.country
        elif not (e.country and country_of[key] and e.country != country_of[key]):
            uf.union(j, i)  # _compatible, without reading the representative again
    return by_key


def _surname_buckets(ents: list[Entity], reps: list[int]) -> dict[str, list[int]]:
    """Representatives by their first and by their last name part, also as spelt the
    other way ("Soeharto" also under "suharto", "Pak" also under "park")."""
    by_surname: dict[str, list[int]] = defaultdict(list)
    for i in reps:
        for key in _surname_keys(_cached_parts(ents[i].name)):
            by_surname[key].append(i)
    return by_surname


def _surname_keys(parts: Sequence[str]) -> set[str]:
    """The surname buckets a name is in: its first and its last part, also as spelt the
    other way."""
    first, last = parts[0], parts[-1]
    return {first, last, _surnames().get(first, first), *_respelt([first, last])}


@dataclass
class _Group:
    """What the entities joined so far say together."""
    official: bool = False
    countries: set[str] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)


def _groups(ents: list[Entity], uf: _UnionFind) -> dict[int, _Group]:
    """Root index -> what its group says."""
    groups: dict[int, _Group] = defaultdict(_Group)
    for i, e in enumerate(ents):
        g = groups[uf.find(i)]
        g.official |= e.type == "official"
        if e.country:
            g.countries.add(e.country)
        if e.category:
            g.categories.add(e.category)
    return groups


def _fits(ent: Entity, group: _Group) -> bool:
    """Nothing ``group`` says contradicts ``ent``'s country."""
    return not (ent.country and group.countries and ent.country not in group.countries)


def _same_office(ent: Entity, group: _Group) -> bool:
    """Role category agrees, or country agrees and no role category contradicts."""
    if ent.category and group.categories:
        return ent.category in group.categories
    return bool(ent.country and ent.country in group.countries)


def _truncated(short: Sequence[str], full: Sequence[str]) -> bool:
    """``short`` is ``full`` with the end of the given name cut off: "Kang Min" of
    "Kang Min-jae" / "Kang Min Jae"."""
    given, rest = "".join(short[1:]), "".join(full[1:])
    return (len(short) == 2 and short[0] == full[0] and len(given) >= 2
            and len(rest) > len(given) and rest.startswith(given))


def _join_truncated(ents: list[Entity], reps: list[int], uf: _UnionFind) -> None:
    """Join a cut-off name ("Kang Min", "Dwi Santoso") to the one longer name it can
    be, when countries do not contradict and the office agrees. (The longer names are
    looked up by family name and the given name's start, not read bucket by bucket.)"""
    groups = _groups(ents, uf)
    longer = _longer_names(ents, reps)
    for i in reps:
        e, parts = ents[i], _words(ents[i].name)
        if not (e.country or e.category) or len(parts) != 2:
            continue
        cands = {uf.find(j) for j in longer.get((parts[0], parts[1]), ())}
        cands = {c for c in cands if _fits(e, groups[c]) and _same_office(e, groups[c])}
        if len(cands) == 1:
            uf.union(cands.pop(), i)


def _longer_names(ents: list[Entity], reps: list[int]) -> dict[tuple[str, str], list[int]]:
    """(family name, cut-off given name) -> the representatives in that family name's
    bucket whose name it can cut off (:func:`_truncated`), for the cut-off names
    :func:`_join_truncated` asks about."""
    asked: set[tuple[str, str]] = set()
    for i in reps:
        parts = _words(ents[i].name)
        if (ents[i].country or ents[i].category) and len(parts) == 2 and len(parts[1]) >= 2:
            asked.add((parts[0], parts[1]))
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j in reps:
        full = _words(ents[j].name)
        if not full or full[0] not in _surname_keys(_cached_parts(ents[j].name)):
            continue
        rest = "".join(full[1:])
        for k in range(2, len(rest)):
            if (full[0], rest[:k]) in asked:
                found[(full[0], rest[:k])].append(j)
    return found


def _join_surnames(ents: list[Entity], by_surname: dict[str, list[int]],
                   uf: _UnionFind) -> None:
    """Join a lone surname ("Austin") to the one official it can mean."""
    lone = _LoneSurnames(ents, by_surname, uf)
    alone: dict[str, list[int]] = defaultdict(list)
    for i, ent in enumerate(ents):
        if len(_cached_parts(ent.name)) >= 2:
            continue
        key = _norm(ent.name)
        named, choice = lone.choice(key, ent)
        if not named:
            alone[key].append(i)
        if choice is not None:
            lone.join(choice, i)
    for key, members in alone.items():
        _join_single_names(ents, key, members, uf)


class _LoneSurnames:
    """The official a lone surname joins: among the groups of the full names that begin
    or end with it (``by_surname``), the officials whose countries do not contradict
    it, and of several those of its role category; one or none. What a group says
    includes the lone surnames it has taken in. The answer is remembered per (surname,
    country, category) until a join changes what one of that surname's groups says or
    gives it a new root."""

    def __init__(self, ents: list[Entity], by_surname: dict[str, list[int]],
                 uf: _UnionFind) -> None:
        self.ents, self.by_surname, self.uf = ents, by_surname, uf
        self.groups = _groups(ents, uf)
        self.roots: dict[str, list[int]] = {}  # surname -> its full names' roots, as seen
        self.keys_of: dict[int, set[str]] = defaultdict(set)  # root -> surnames it holds
        self.memo: dict[str, dict[tuple, int | None]] = defaultdict(dict)

    def _roots(self, key: str) -> list[int]:
        if key not in self.roots:
            roots = dict.fromkeys(self.uf.find(j) for j in self.by_surname.get(key, [])
                                  if key in _ends(self.ents[j].name))
            self.roots[key] = list(roots)
            for root in roots:
                self.keys_of[root].add(key)
        return self.roots[key]

    def choice(self, key: str, ent: Entity) -> tuple[bool, int | None]:
        """Whether any full name has the surname ``key``, and the root ``ent`` joins."""
        roots = self._roots(key)
        memo = self.memo[key]
        asked = (ent.country, ent.category)
        if asked not in memo:
            groups = self.groups
            cands = {self.uf.find(r) for r in roots}
            cands = {c for c in cands if groups[c].official and _fits(ent, groups[c])}
            if len(cands) > 1:
                cands = {c for c in cands if ent.category in groups[c].categories} or cands
            memo[asked] = cands.pop() if len(cands) == 1 else None
        return bool(roots), memo[asked]

    def join(self, root: int, i: int) -> None:
        """Join ``i`` to the group whose root is ``root`` (what the group says, under its
        root, now includes ``i``); forget the answers about the group's surnames if
        that changes what it says or its root."""
        old, lone = self.groups[root], self.groups[i]
        self.uf.union(root, i)
        new = self.uf.find(root)
        merged = _Group(official=old.official or lone.official,
                        countries=old.countries | lone.countries,
                        categories=old.categories | lone.categories)
        self.groups[new] = merged
        if new != root or merged != old:
            keys = self.keys_of.pop(root, set())
            self.keys_of[new] |= keys
            for key in keys:
                self.memo.pop(key, None)


def _join_single_names(ents: list[Entity], key: str, members: list[int],
                       uf: _UnionFind) -> None:
    """One-word names that no full name explains ("Sutarjo" in two articles) are one
    official when office, role category and country agree (a name given no country joins
    the one country's official of its category); never a bare Korean family name, which
    many officials share."""
    spell = _surnames()
    if len(key) < 4 or key in spell or key in spell.values():
        return
    first: dict[tuple[str, str], int] = {}
    for i in members:
        e = ents[i]
        if e.type == "official" and e.country and e.category:
            uf.union(first.setdefault((e.country, e.category), i), i)
    for i in members:  # no country given: the one group of that office, if only one
        e = ents[i]
        if e.type == "official" and not e.country and e.category:
            same = [g for (_c, cat), g in first.items() if cat == e.category]
            if len(same) == 1:
                uf.union(same[0], i)


def _variant_keys(name: str, nicknames: dict[str, str]) -> set[tuple]:
    """Keys that any two names :func:`_same_person` accepts share (at least one): each
    of its rules compares words that must be equal, or one-letter slips of a word, or
    given names that agree on their first two letters. A name's keys: its words joined
    (also with the last word moved to the front), respelt, first and last word, every
    word but one with that word or it less one letter (long words), the family name
    (spelt one way) or first word with the given names' first two letters, and the
    family name with the first name as a nickname means it."""
    parts = _parts(name)
    words = _core(parts)[0]
    keys: set[tuple] = {("p", "".join(parts)), ("j", "".join(words)),
                        ("j", "".join(words[-1:] + words[:-1])), ("r", *_respelt(words))}
    if len(words) >= 2:
        keys.add(("fl", words[0], words[-1]))
        keys.add(("k", _surnames().get(words[0], words[0]), "".join(words[1:])[:2]))
        keys.add(("kr", _surnames().get(words[0], words[0]), _korean_key("".join(words[1:]))))
        for k, word in enumerate(words):
            if len(word) >= 5:
                rest = (*words[:k], *words[k + 1:])
                keys.update(("m", k, word[:d] + word[d + 1:], *rest)
                            for d in range(len(word) + 1))
    p = words or parts
    keys.add(("g", p[0], "".join(p[1:])[:2]))
    if len(p) == 2:
        keys.add(("n", p[1], nicknames.get(p[0], p[0])))
    return keys


def _join_variants(ents: list[Entity], by_surname: dict[str, list[int]], uf: _UnionFind,
                   nicknames: dict[str, str]) -> None:
    """Union the representatives of one surname bucket that :func:`_same_person` says
    are one person. Only pairs that share one of :func:`_variant_keys` are compared
    (the pairs it accepts always do), each pair once, the earlier one first; the
    groups are those of comparing every pair of a bucket."""
    keys: dict[int, set[tuple]] = {}
    checked: set[tuple[int, int]] = set()
    for bucket in by_surname.values():
        blocks: dict[tuple, list[int]] = defaultdict(list)
        for i in bucket:
            if i not in keys:
                keys[i] = _variant_keys(ents[i].name, nicknames)
            for key in keys[i]:
                blocks[key].append(i)
        for block in blocks.values():
            for x, a in enumerate(block):
                for b in block[x + 1:]:
                    if (a, b) in checked or uf.find(a) == uf.find(b):
                        continue
                    checked.add((a, b))
                    if _same_person(ents[a], ents[b], nicknames):
                        uf.union(a, b)


def _group_people(people: list[_Ent], nicknames: dict[str, str]) -> _UnionFind:
    """Union the people entities that are one person: equal keys, then name variants
    within a surname bucket, then cut-off names, then a lone surname with the one full
    name it can mean."""
    ents = _matching_entities(people, nicknames)
    uf = _UnionFind(len(ents))
    reps = sorted(set(_join_equal_keys(ents, uf).values()))
    by_surname = _surname_buckets(ents, reps)
    _join_variants(ents, by_surname, uf, nicknames)
    _join_truncated(ents, reps, uf)
    _join_surnames(ents, by_surname, uf)
    if holders.enabled():
        _join_holders(ents, uf)
    return uf


def _join_holders(ents: list[Entity], uf: _UnionFind) -> None:
    """Union the spellings of one office holder (kg/data/offices.jsonl: "Jeong Kyeong-doo",
    "Jung Kyung-doo") when their countries do not contradict and one of them says the
    holder's country: the data is one more signal, never the only one."""
    first: dict[str, int] = {}
    key_of: dict[str, str | None] = {}  # name -> holder (names recur: looked up once)
    countries_of: dict[str, frozenset[str]] = {}
    for i, e in enumerate(ents):
        if e.name not in key_of:
            key_of[e.name] = holders.holder_key(e.name)
        key = key_of[e.name]
        if key is None:
            continue
        j = first.setdefault(key, i)
        if key not in countries_of:
            countries_of[key] = holders.countries_of(key)
        countries = countries_of[key]
        if j != i and _compatible(ents[j], e) and (ents[j].country in countries
                                                   or e.country in countries):
            uf.union(j, i)


def resolve(extractions: Iterable[DocExtraction]
            ) -> tuple[list[_Node], dict[tuple[str, str], int]]:
    """Group the documents' entities into nodes (no office pass: see :func:`build_graph`).

    Returns the nodes and a map from (document id, entity id) to node index.
    """
    nodes, index = _resolve_records(extractions)
    return nodes, {(doc, ent): n for doc, ids in index.items() for ent, n in ids.items()}


def _resolve_records(extractions: Iterable[DocExtraction]
                     ) -> tuple[list[_Node], dict[str, dict[str, int]]]:
    """:func:`resolve`, the map as document id -> entity id -> node index."""
    with no_gc():
        strings = _Strings()
        people: list[_Ent] = []
        orgs: list[_Ent] = []
        for ex in extractions:
            for ent in ex.entities:
                (people if ent.type in _PEOPLE else orgs).append(
                    _compact(ex.doc_id, ent, strings))
        return _resolve(people, orgs)


_PEOPLE = ("official", "person")


def _resolve(people: list[_Ent], orgs: list[_Ent]
             ) -> tuple[list[_Node], dict[str, dict[str, int]]]:
    """Nodes of ``people`` (officials and persons) and ``orgs`` (agencies, forums), in
    the documents' order, and document id -> entity id -> node index (one small map
    per document: the graph's edges read one document's at a time)."""
    uf = _group_people(people, get_lexicon().nicknames)
    nodes: list[_Node] = []
    index: dict[str, dict[str, int]] = {}
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(people)):
        groups[uf.find(i)].append(i)
    for members in groups.values():
        ents = [people[i] for i in members]
        if not any(e.type == "official" for e in ents):
            continue  # nobody gave this person an office
        node = _Node(type="official", members=ents)
        for e in ents:
            _index(index, e)[e.id] = len(nodes)
        nodes.append(node)

    orgs = [_keyed(e) for e in orgs]
    ouf = _group_orgs(orgs)
    org_nodes: dict[int, int] = {}
    for i, e in enumerate(orgs):
        root = ouf.find(i)
        if root not in org_nodes:
            org_nodes[root] = len(nodes)
            nodes.append(_Node(type=e.type))
        n = org_nodes[root]
        nodes[n].members.append(e)
        _index(index, e)[e.id] = n
    return nodes, index


def _index(index: dict[str, dict[str, int]], e: _Ent) -> dict[str, int]:
    """The entity id -> node index map of ``e``'s document (a new one if none yet)."""
    ids = index.get(e.doc)
    if ids is None:
        ids = index[e.doc] = {}
    return ids


def _acronyms(ent: Entity) -> set[str]:
    """The entity's names that are acronyms ("JSDF", "NCG"): the same in every language."""
    return {a for a in [ent.name, *ent.aliases]
            if len(a) >= 2 and " " not in a and a.isupper() and a.isalpha()}


@lru_cache(maxsize=1)
def _gazetteer_names() -> dict[tuple[str, str], frozenset[str]]:
    """(type, acronym or normalised name) -> the gazetteer ids it names."""
    table: dict[tuple[str, str], set[str]] = defaultdict(set)
    for gid, g in get_lexicon().gazetteer.items():
        for name in g.get("acronyms", []):
            table[(g["type"], name)].add(gid)
        for name in [g["label"], *g.get("en", []), *g.get("id_aliases", [])]:
            table[(g["type"], norm_key(name))].add(gid)
    return {k: frozenset(v) for k, v in table.items()}


def _keyed(ent: _Ent) -> _Ent:
    """``ent`` with the gazetteer id its name or one of its acronyms names, when that
    id is the only one and its country does not contradict the entity's."""
    if ent.key:
        return ent
    key = _gazetteer_key(ent.type, ent.name, ent.aliases, ent.country)
    return _changed(ent, ent.name, ent.country, key) if key else ent


@lru_cache(maxsize=1 << 16)
def _gazetteer_key(type_: str, name: str, aliases: tuple[str, ...], country: str | None) -> str:
    """:func:`_keyed` for one (type, name, aliases, country): the same in every document."""
    gaz, table = get_lexicon().gazetteer, _gazetteer_names()
    names = [_norm(name), *sorted(_acronyms(_Ent("", "", type_, name, aliases=aliases)))]
    ids = {gid for n in names for gid in table.get((type_, n), ())
           if not (country and gaz[gid].get("country") not in (None, country))}
    return ids.pop() if len(ids) == 1 else ""


def _group_orgs(ents: list[Entity]) -> _UnionFind:
    """Agencies and forums that are one: one gazetteer id, else one type, normalised
    label and country, else one acronym that no two countries share."""
    uf = _UnionFind(len(ents))
    first: dict[tuple, int] = {}
    by_acronym: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, e in enumerate(ents):
        key = ("gaz", e.key) if e.key else (e.type, _norm(e.name), e.country)
        uf.union(first.setdefault(key, i), i)
        for acronym in _acronyms(e) if not e.key else ():
            by_acronym[(e.type, acronym)].append(i)
    for members in by_acronym.values():
        if len({ents[i].country for i in members} - {None}) <= 1:
            for i in members[1:]:
                uf.union(members[0], i)
    return uf


@lru_cache(maxsize=1 << 16)
def _slug(text: str) -> str:
    """``text`` as a node id's part (remembered: a big archive's labels repeat, 32,410 of
    37,931 nodes at 100,000 synthetic records share one with another node)."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def _label(node: _Node, english: frozenset[str] = frozenset(),
           tally: _Tally | None = None) -> str:
    """The node's display name: its gazetteer label, else its most used full form, for
    agencies and forums one seen in an English document (ids in ``english``) first.
    ``tally``: the node's :func:`_tally`, if made already."""
    lex = get_lexicon()
    tally = tally or _tally(node.members)
    if tally.keys:
        key = min(tally.keys)
        if key in lex.gazetteer:
            return lex.gazetteer[key]["label"]
    naming = tally.naming()
    counts, docs_of = _form_counts(naming, node.type)
    multi = [f for f in counts if len(_cached_parts(f)) >= 2] or list(counts)
    # one candidate (most nodes of a big archive: a lone surname no one full name explains)
    best = multi[0] if len(multi) == 1 else _best_form(node.type, naming, multi, counts,
                                                         docs_of, english)
    if node.type == "official":
        return _full_form(best, lex.nicknames) or best  # "Jokowi" alone is "Joko Widodo"
    return best


def _form_counts(naming: dict[tuple[str, tuple[str, ...]], list[str]], node_type: str
                 ) -> tuple[Counter, dict[str, set[str]]]:
    """How often each name form is used (in the order first used), and the documents of
    each normalised form (an official's one-word aliases are not forms), of ``naming``
    ((name, aliases) -> the document of each member so named)."""
    counts: Counter = Counter()
    docs_of: dict[str, set[str]] = defaultdict(set)
    for (name, aliases), docs in naming.items():
        forms = [name] + [a for a in aliases
                          if len(_cached_parts(a)) >= 2 or node_type != "official"]
        for form in forms:
            docs_of[_norm(form)].update(docs)
            counts[form] += len(docs)
    return counts, docs_of


def _best_form(node_type: str, naming: dict[tuple[str, tuple[str, ...]], list[str]],
               multi: list[str], counts: Counter, docs_of: dict[str, set[str]],
               english: frozenset[str]) -> str:
    """Of several candidate forms the one not cut off from another, for agencies and
    forums seen in English, in the most documents, most used, not in capitals, with a
    hyphen, longest; the first of equals."""
    cores = {f: _words(f) for f in multi}
    cut = {f for f in multi if any(_truncated(cores[f], c) for c in cores.values())}

    in_english = {f for (name, aliases), docs in naming.items()
                  if any(d in english for d in docs) for f in [name, *aliases]}

    def rank(form: str) -> tuple:
        return (form not in cut, node_type == "official" or form in in_english,
                len(docs_of[_norm(form)]), counts[form], not _in_capitals(form, node_type),
                "-" in form, len(form))

    return max(multi, key=rank)


def _in_capitals(form: str, node_type: str) -> bool:
    """The form is written in capitals: all of it, or for an official a family name
    ("NAKATANI Gen", not "Lloyd Austin III")."""
    return form.isupper() or node_type == "official" and any(
        w.isupper() and w.isalpha() and len(w) > 2 and not _ROMAN.fullmatch(w)
        for w in form.split())


_ROMAN = re.compile(r"[IVXL]+")


@dataclass(slots=True)
class _Tally:
    """What a node's label and attributes read of all its members, in one pass over
    them: gazetteer keys, documents, mentions, (role, former) votes, countries (in the
    order first given), ordinals, and (name, aliases) -> the document of each member so
    named, apart for members with an office from the text, with one from the office
    data only, and persons (a label is chosen from the first of these that has any)."""

    keys: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    mentions: int = 0
    roles: Counter = field(default_factory=Counter)
    countries: dict[str, int] = field(default_factory=dict)
    ordinals: set[str] = field(default_factory=set)
    by_names: tuple[dict, dict, dict] = field(default_factory=lambda: ({}, {}, {}))

    def naming(self) -> dict[tuple[str, tuple[str, ...]], list[str]]:
        """The names a label is chosen from: the first class of members that has any."""
        return next((d for d in self.by_names if d), self.by_names[0])

    def names(self) -> set[tuple[str, tuple[str, ...]]]:
        """Every member's (name, aliases)."""
        return {k for d in self.by_names for k in d}


def _tally(members: list[_Ent]) -> _Tally:
    """The :class:`_Tally` of ``members``."""
    t = _Tally()
    docs, roles, countries, by_names = t.docs, t.roles, t.countries, t.by_names
    mentions = 0
    for e in members:
        if e.key:
            t.keys.add(e.key)
        named = by_names[0 if e.type != "person" and e.role_text != holders.FROM_DATA
                         else 1 if e.type != "person" else 2]
        found = named.get((e.name, e.aliases))
        if found is None:
            named[(e.name, e.aliases)] = [e.doc]
        else:
            found.append(e.doc)
        docs.add(e.doc)
        mentions += e.n_mentions
        if e.role:  # mentions the office pass added (sentence -1) do not vote
            roles[(e.role, e.former)] += e.n_voting or 1
        if e.country:
            countries[e.country] = countries.get(e.country, 0) + 1
        if e.ordinals:
            t.ordinals.update(e.ordinals)
    t.mentions = mentions
    return t


def _most_common(counts: dict[str, int]) -> str:
    """The most frequent key, the first given of equals (``Counter.most_common(1)``)."""
    return max(counts, key=counts.__getitem__)


def _role(roles: Counter) -> str | None:
    """The role most (role, former) votes give, current roles before former ones."""
    if not roles:
        return None
    current = [r for r in roles if not r[1]]
    role, former = max(current or roles, key=lambda r: (roles[r], r[0]))
    return f"{role} (former)" if former and not current else role


def _offices(tally: _Tally, period: tuple[str | None, str | None]) -> list[dict[str, Any]]:
    """The terms the node's person held in the corpus period (kg/data/offices.jsonl)."""
    names = sorted({n for name, aliases in tally.names() for n in (name, *aliases)
                    if len(_cached_parts(n)) >= 2})
    return [t.as_dict() for t in holders.terms_of(names, *period)] if names else []


def _attrs(node: _Node, label: str, tally: _Tally,
           period: tuple[str | None, str | None] | None) -> dict[str, Any]:
    """A node's attributes; ``period`` (None: no office data) for the offices it held."""
    names = tally.names()
    forms = {a for _, aliases in names for a in aliases} | {name for name, _ in names} - {
        label}
    attrs: dict[str, Any] = {
        "label": label,
        "type": node.type,
        "docs": sorted(tally.docs),
        "aliases": sorted(forms, key=lambda a: (a.casefold(), a)),
        "mentions": tally.mentions,
    }
    role = _role(tally.roles) if node.type == "official" else None
    if role:
        attrs["role"] = role
    if tally.countries:
        attrs["country"] = _most_common(tally.countries)
    if tally.ordinals:
        attrs["ordinals"] = sorted(tally.ordinals)
    offices = _offices(tally, period) if period and node.type == "official" else []
    if offices:
        attrs["offices"] = offices
    return attrs


@dataclass(slots=True)
class _Doc:
    """What the graph keeps of one document's record: its entry in
    ``meta["documents"]``, its entities (:class:`_Ent`) and its relations as
    (kind, source id, target id, sentence, start, end)."""

    id: str
    lang: str
    date: str | None
    entry: dict[str, Any]
    entities: list[_Ent]
    relations: list[tuple[str, str, str, str, int, int]]


class GraphBuilder:
    """Builds the graph from records given one at a time, in any order.

    :meth:`add` runs the office pass on a record (with its text) and keeps only what
    resolution and the graph read (:class:`_Doc`): neither the record nor the text
    is kept, so a build holds its documents' texts and records one at a time (or a
    chunk at a time), not all at once. :meth:`graph` resolves and builds the graph
    with the documents in the order of their positions, so the graph is the one
    :func:`build_graph` makes of the records in that order.

    Examples
    --------
    >>> from kg.records import DocExtraction, Entity
    >>> builder = GraphBuilder()
    >>> builder.add(DocExtraction("b.txt", "en", entities=[Entity("e1", "agency", "NATO")]),
    ...             at=1)
    >>> builder.add(DocExtraction("a.txt", "en"), at=0)
    >>> [d["id"] for d in builder.graph().meta["documents"]]
    ['a.txt', 'b.txt']
    """

    def __init__(self) -> None:
        self.use_offices = holders.enabled()
        self.docs: dict[int, _Doc] = {}
        self.strings = _Strings()  # one copy of each name, role, country, sentence

    def add(self, ex: DocExtraction, text: str | None = None, *, at: int | None = None,
            offices_applied: bool = False) -> None:
        """Take document ``ex`` (its text, if given, for the office pass) as the
        ``at``-th document (default: after the last one); ``offices_applied``: the
        office pass has run on ``ex`` already (or must not run: :attr:`use_offices`
        decides which)."""
        if self.use_offices and not offices_applied:
            ex = apply_offices(ex, text)
        one = self.strings
        entities = [_compact(ex.doc_id, e, one) for e in ex.entities]
        relations = [(one[r.kind], r.source, r.target, one[r.sentence], r.start, r.end)
                     for r in ex.relations]
        entry = {"id": ex.doc_id, "title": ex.title, "date": ex.date, "lang": ex.lang,
                 "byline": ex.byline, "notes": ex.notes}
        position = len(self.docs) if at is None else at
        self.docs[position] = _Doc(ex.doc_id, ex.lang, ex.date, entry, entities, relations)

    def graph(self, meta: dict[str, Any] | None = None) -> KnowledgeGraph:
        """Resolve the documents' entities and build the graph (``meta`` into its metadata)."""
        with no_gc():
            # what the graph does not take is freed when _graph_of returns (neither kept
            # by the builder nor walked by the collection that follows the block)
            return _graph_of(self._take(), self.use_offices, meta)

    def _take(self) -> list[_Doc]:
        """The documents in order, forgotten here."""
        docs, self.docs, self.strings = self.docs, {}, _Strings()
        return [docs[k] for k in sorted(docs)]


def _graph_of(docs: list[_Doc], use_offices: bool, meta: dict[str, Any] | None
              ) -> KnowledgeGraph:
    dated = [d.date for d in docs if d.date]
    period = (min(dated), max(dated)) if dated else (None, None)
    people = [e for d in docs for e in d.entities if e.type in _PEOPLE]
    orgs = [e for d in docs for e in d.entities if e.type not in _PEOPLE]
    for d in docs:
        d.entities = []  # each entity is freed once its node has its attributes
    nodes, index = _resolve(people, orgs)
    del people, orgs
    english = frozenset(d.id for d in docs if d.lang == "en")
    kg = KnowledgeGraph()
    id_of = _add_nodes(kg, nodes, english, period if use_offices else None)
    del nodes
    # all of an edge's evidence at once: adding it sentence by sentence re-sorts it
    kg.add_relations(_links(docs, index, id_of), copy=False)
    kg.meta.update(meta or {})
    kg.meta["offices"] = {"used": use_offices, "terms": len(holders.terms()) if use_offices else 0}
    kg.meta["documents"] = [d.entry for d in docs]
    return kg


def _add_nodes(kg: KnowledgeGraph, nodes: list[_Node], english: frozenset[str],
               period: tuple[str | None, str | None] | None) -> dict[int, str]:
    """Add the nodes in the order of their type and label; node index -> node id."""
    tallies = [_tally(node.members) for node in nodes]
    labels = [_label(node, english, tally) for node, tally in zip(nodes, tallies, strict=True)]
    order = sorted(range(len(nodes)), key=lambda n: (nodes[n].type, labels[n].casefold()))
    used: set[str] = set()
    tried: dict[str, int] = {}  # base -> the number to try first
    id_of: dict[int, str] = {}
    for n in order:
        node = nodes[n]
        label = labels[n]
        base = f"{node.type}:{_slug(label)}"
        tally = tallies[n]
        node_id = base
        if node_id in used:
            country = _most_common(tally.countries).lower() if tally.countries else "x"
            node_id = f"{base}-{country}"
            k = tried.get(base, 2)  # the numbers below it are taken (ids are never freed)
            while node_id in used:
                node_id = f"{base}-{k}"
                k += 1
            tried[base] = k
        used.add(node_id)
        id_of[n] = node_id
        kg.add_entity(node_id, **_attrs(node, label, tally, period))
    return id_of


def _links(docs: list[_Doc], index: dict[str, dict[str, int]],
           id_of: dict[int, str]) -> Iterator[tuple[str, str, str, list[dict[str, Any]]]]:
    """One (kind, end, other end, evidence) per pair of nodes and kind, in the order the
    relations first name them; the ends as the first relation gives them."""
    dates = {d.id: d.date for d in docs}  # of the last document with an id
    links: dict[tuple[int, int, str], tuple[int, int, list[dict[str, Any]]]] = {}
    for d in docs:
        doc_id = d.id
        date = dates.get(doc_id)
        ids = index.get(doc_id, {})
        relations, d.relations = d.relations, []  # freed as the evidence is made
        for kind, source, target, sentence, start, end in relations:
            a = ids.get(source)
            b = ids.get(target)
            if a is None or b is None or a == b:
                continue
            evidence = {"doc": doc_id, "sentence": sentence, "start": start, "end": end}
            if date:
                evidence["date"] = date
            key = (a, b, kind) if a < b else (b, a, kind)
            found = links.get(key)
            if found is None:
                found = links[key] = (a, b, [])
            found[2].append(evidence)
    for (_, _, kind), (a, b, evidence_list) in links.items():
        yield kind, id_of[a], id_of[b], evidence_list


def build_graph(extractions: Iterable[DocExtraction], *, meta: dict[str, Any] | None = None,
                texts: Mapping[str, str] | None = None) -> KnowledgeGraph:
    """Resolve entities across ``extractions`` and build the :class:`KnowledgeGraph`.

    Unless the office data is turned off (``KG_NO_OFFICES=1``), each document's records
    first gain what the office data says on its date (:func:`kg.officepass.apply_offices`;
    ``texts``, document id -> text, lets it read role references without a name).
    ``extractions`` may be any iterable (a generator: each record is reduced to what
    the graph needs as it comes, see :class:`GraphBuilder`).
    """
    builder = GraphBuilder()
    with no_gc():  # one block: each end of one is a collection over all the new objects
        for ex in extractions:
            builder.add(ex, (texts or {}).get(ex.doc_id))
        return builder.graph(meta)
