"""What the office data adds to one document's records: :func:`apply_offices`.

No spaCy here: a pass over the document's text and its extraction records, run after
extraction and before resolution. A name the document gives no office that spells a
holder in office on the document's date becomes an official of that office (a lone
surname only when one holder in office then has it, never a Korean or Chinese family
name); in a document without a date, a full name that spells a holder becomes an
official, with role and country only where all the holder's terms agree. The full name
of a holder in office on the date, spelt as the data has it where extraction found no
one, is that official (a name and a term on the date: two signals). Role references
without a name are resolved to the holder on the date. The pass finds them by
regular expressions built from ``countries.jsonl`` and the office words below:

* English "COUNTRY ROLE" ("Japanese Defense Minister", "South Korea's defense minister",
  "Japanese and U.S. defense ministers") and "ROLE of COUNTRY [and COUNTRY]" ("the
  defense ministers of Japan and the United States"), and "the Pentagon chief";
* Indonesian "ROLE COUNTRY [dan COUNTRY]" ("Menhan Korsel", "Menteri Pertahanan Jepang
  dan AS").

A reference followed by a capitalised word is a title before a name (extraction's
business) and is skipped, as is one after "former", "vice", "deputy", "mantan",
"wakil", or one inside a name extraction already found. A plural role needs two or
more countries, a singular one exactly one. Each reference becomes the holder of that
office in that country on the document's date: one more mention of the official the
document already names (same holder), else a new official, unless the document names
another official of the same office class and country (then the text wins and the
reference is left alone). The holders that references (or names found here) in one
sentence with a meeting word and no negation name ("the defense ministers of Japan and
the United States met"), from two countries, met; other officials of the sentence are
extraction's business.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import combinations

from kg.holders import (
    FROM_DATA,
    KINDS,
    Term,
    holder_key,
    holders_on,
    period_of,
    period_start,
    terms,
    terms_by_name,
)
from kg.lexicon import get_lexicon, norm_key
from kg.records import DocExtraction, Entity, Mention, Relation

__all__ = ["add_role_references", "apply_offices", "role_references"]

#: (lang, office class, regex of the role words; plural forms end in ``s`` groups)
_ROLES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("defense_minister", r"(?:defen[cs]e|pentagon) (?:minister|secretar(?:y|ie)|chief)s?"
                             r"|ministers? (?:of|for) (?:national )?defen[cs]e"
                             r"|secretar(?:y|ies) of (?:national )?defen[cs]e"),
        ("foreign_minister", r"foreign (?:minister|secretar(?:y|ie))s?"
                             r"|ministers? (?:of|for) foreign affairs|secretar(?:y|ies) of state"),
        ("head_of_government", r"prime ministers?|premiers?"),
        ("head_of_state", r"presidents?"),
        ("chief_of_defense", r"(?:joint chiefs|JCS) chairm[ae]n"
                             r"|chairm[ae]n of the joint chiefs(?: of staff)?"),
    ],
    "id": [
        ("vice_defense_minister", r"wakil menteri pertahanan|wamenhan|wakil menhan"),
        ("defense_minister", r"menteri pertahanan(?: nasional)?|menhan"),
        ("foreign_minister", r"menteri luar negeri|menlu"),
        ("head_of_government", r"perdana menteri"),
        ("head_of_state", r"presiden"),
    ],
}
_PLURAL = re.compile(r"(?i)\b(?:ministers|secretaries|chiefs|chairmen|presidents|premiers)\b")
_FAMILY_NAME_FIRST = {"KR", "KP", "CN"}
_BLOCK = {"former", "vice", "deputy", "then-", "ex-", "mantan", "wakil", "eks", "acting"}
_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "on", "in", "at"}
_ABBREV = re.compile(r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Adm|Sen|Rep|St|Jr|Sr|No|"
                     r"Maj|Capt|Brig|Vol|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec)\.)$")


@lru_cache(maxsize=2)
def _country_names(lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """A regex of the country names of ``lang`` (as written, optional "'s"), and name -> code."""
    codes = {t.country for t in terms()}
    names: dict[str, str] = {}
    for code, c in get_lexicon().countries.items():
        if code in codes:
            for name in c.get(lang if lang == "id" else "en", []):
                if not name.endswith("'s"):
                    names.setdefault(name, code)
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?:the )?(?<![\w.])(?:{alt})(?:'s)?(?![\w])"), names


@lru_cache(maxsize=2)
def _patterns(lang: str) -> list[tuple[str, re.Pattern[str], str]]:
    """(office class, regex, shape) for ``lang``; shape "CR" (country first) or "RC"."""
    country = _country_names(lang)[0].pattern
    countries = rf"(?P<cs>{country}(?:(?:, | and | dan ){country})*)"
    out = []
    for kind, role in _ROLES[lang]:
        r = rf"(?P<role>(?i:{role}))"
        if lang == "en":
            out.append((kind, re.compile(rf"{countries} {r}\b"), "CR"))
            out.append((kind, re.compile(rf"{r} of {countries}"), "RC"))
        else:
            out.append((kind, re.compile(rf"{r} {countries}"), "RC"))
    if lang == "en":
        pentagon = re.compile(r"(?P<role>(?i:the) Pentagon (?:chief|head))\b")
        out.append(("defense_minister", pentagon, "US"))
    return out


def _codes(lang: str, text: str) -> list[str]:
    regex, names = _country_names(lang)
    out = []
    for m in regex.finditer(text):
        name = re.sub(r"^the |'s$", "", m.group(0))
        if names.get(name) and names[name] not in out:
            out.append(names[name])
    return out


def _blocked(text: str, start: int, end: int) -> bool:
    """A title before a name, a former / deputy office, a possessive ("the president's
    office"): not a reference to the holder."""
    before = text[max(0, start - 20):start].lower().split()
    if before and (before[-1] in _BLOCK or before[-1].rstrip("-") + "-" in _BLOCK):
        return True
    if re.match(r"['’]s\b", text[end:end + 3]):
        return True  # "the South Korean president's office"
    after = re.match(r"[ \t]+([A-Z][\w'.-]*)", text[end:end + 40])
    return bool(after and after.group(1).lower().strip(".") not in _TIME_WORDS)


#: Characters whose case folding in a case-insensitive regex differs from ``str.lower``
#: (dotted and dotless i, long s, the Kelvin sign): a text with one is scanned as is.
_UNFOLDABLE = "\u0130\u0131\u017f\u212a"


def _lowered(text: str) -> str | None:
    """``text.lower()`` when it lines up character for character with what a
    case-insensitive regex compares (then an ASCII lower-case regex finds in it exactly
    where the ``(?i)`` one matches in ``text``), else None."""
    if any(ch in text for ch in _UNFOLDABLE):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


def _trie(words: set[str] | dict[str, str]) -> re.Pattern[str]:
    """A regex that matches where one of ``words`` starts (a prefix tree: Python's regex
    engine tries the branches of a flat alternation of hundreds of words one by one)."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(emit(root) if root else "(?!)")  # no words: never matches


def _all_starts(regex: re.Pattern[str], text: str) -> list[int]:
    """Every offset where a match of ``regex`` can start, overlapping ones included."""
    out, m = [], regex.search(text)
    while m:
        out.append(m.start())
        m = regex.search(text, m.start() + 1)
    return out


@lru_cache(maxsize=2)
def _starts(lang: str) -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    """Where a reference can start: a regex of the country names, and per office class
    a regex of its role words for the lower-cased text (no backslash in ``_ROLES``, so
    lower-casing a role regex keeps its meaning)."""
    return _trie(_country_names(lang)[1]), {kind: re.compile(role.lower())
                                              for kind, role in _ROLES[lang]}


class _Places:
    """The places in one text where each pattern of :func:`_patterns` can start (a
    superset, in order), or None where the pattern must scan the whole text."""

    def __init__(self, text: str, lang: str) -> None:
        self.text, self.lang, self.low = text, lang, _lowered(text)
        self._countries: list[int] | None = None

    def countries(self) -> list[int]:
        """Where a country name, or "the " before one, starts."""
        if self._countries is None:
            text, found = self.text, set()
            for p in _all_starts(_starts(self.lang)[0], text):
                found.add(p)
                if p >= 4 and text.startswith("the ", p - 4):
                    found.add(p - 4)
            self._countries = sorted(found)
        return self._countries

    def of(self, kind: str, shape: str) -> list[int] | None:
        if shape == "US":
            return None if "Pentagon" in self.text else []
        if self.low is None:
            return None
        roles = _all_starts(_starts(self.lang)[1][kind], self.low)
        if not roles or shape == "RC":
            return roles
        return [p for p in self.countries() if p < roles[-1]]


def _finditer(regex: re.Pattern[str], text: str, places: list[int] | None
              ) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``, trying only ``places`` (every place a match can start)."""
    if places is None:
        yield from regex.finditer(text)
        return
    pos = 0
    for p in places:
        if p >= pos and (m := regex.match(text, p)):
            yield m
            pos = m.end()


def role_references(text: str, lang: str) -> list[tuple[str, str, int, int, str]]:
    """(office class, country, start, end, text) for every role reference in ``text``.

    >>> [r[:2] for r in role_references("The defense ministers of Japan and the United "
    ...                                 "States met in Tokyo.", "en")]
    [('defense_minister', 'JP'), ('defense_minister', 'US')]
    >>> [r[:2] for r in role_references("Menhan Korsel tiba di Jakarta.", "id")]
    [('defense_minister', 'KR')]
    """
    lang = "id" if lang == "id" else "en"
    found: list[tuple[str, str, int, int, str]] = []
    taken: list[tuple[int, int]] = []
    places = _Places(text, lang)
    for kind, regex, shape in _patterns(lang):
        for m in _finditer(regex, text, places.of(kind, shape)):
            start, end = m.start(), m.end()
            if any(s < end and start < e for s, e in taken) or _blocked(text, start, end):
                continue
            codes = [shape] if shape == "US" else _codes(lang, m.group("cs"))
            plural = lang == "en" and bool(_PLURAL.search(m.group("role")))
            if (lang == "en" and (plural != (len(codes) > 1))) or not codes:
                continue
            taken.append((start, end))
            found.extend((kind, code, start, end, m.group(0)) for code in codes)
    return sorted(found, key=lambda r: (r[2], r[1]))


# ----------------------------------------------------------------- adding to records
def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: at line breaks and at ". X" unless the period ends an abbreviation."""
    spans, start = [], 0
    for m in re.finditer(r"\n+|(?<=[.!?])[\"”']?\s+(?=[\"“'A-Z])", text):
        if m.group(0).startswith("\n") or not _ABBREV.search(text[max(0, m.start() - 8):m.start()]):
            spans.append((start, m.start()))
            start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


_norm = lru_cache(maxsize=1 << 16)(norm_key)  # the same names recur in many documents


def _same_holder(ent: Entity, term: Term) -> bool:
    return any(holder_key(n) == term.name or _norm(n) == _norm(term.name)
               for n in (ent.name, *ent.aliases))


def _target(ex: DocExtraction, term: Term, made: dict[str, Entity]) -> Entity | None:
    """The entity a reference to ``term`` joins: the holder the document names, one made
    for an earlier reference, a new one; None when the document names someone else."""
    for ent in ex.entities:
        if _same_holder(ent, term):
            return ent
    if term.name in made:
        return made[term.name]
    category = KINDS[term.kind][1]
    if any(e.type == "official" and e.country == term.country and e.category == category
           and not e.former for e in ex.entities):
        return None
    ent = Entity(id=f"office{len(made) + 1}", type="official", name=term.name, role=term.role,
                 role_text=FROM_DATA, category=category, country=term.country)
    made[term.name] = ent
    ex.entities.append(ent)
    return ent


@lru_cache(maxsize=4)
def _trigger_regex(lang: str, relation: str) -> re.Pattern[str] | None:
    words = [t["text"] for t in get_lexicon().triggers
             if t["relation"] == relation and t["lang"] in (lang, "any")
             and (relation != "negation" or t.get("strength") == "all")]
    if not words:
        return None
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?i)(?<!\w)(?:{alt})(?!\w)")


def _meetings(ex: DocExtraction, text: str, refs: dict[str, list[int]]) -> None:
    """Meeting relations among the holders that the references of one sentence name."""
    meet, negation = _trigger_regex(ex.lang, "meeting"), _trigger_regex(ex.lang, "negation")
    have = {(r.kind, *sorted((r.source, r.target))) for r in ex.relations}
    for s, e in _sentences(text):
        made = {eid for eid, starts in refs.items() if any(s <= p < e for p in starts)}
        sentence = text[s:e]
        if not made or not meet or not meet.search(sentence):
            continue
        if negation and negation.search(sentence):
            continue
        people = [ent for ent in ex.entities if ent.type == "official" and ent.id in made]
        for a, b in combinations(people, 2):
            if not a.country or a.country == b.country:
                continue
            key = ("meeting", *sorted((a.id, b.id)))
            if key not in have:
                have.add(key)
                trigger = meet.search(sentence).group(0)
                ex.relations.append(Relation("meeting", a.id, b.id, sentence.strip(), s, e,
                                             trigger))


def _full_name(form: str, term: Term) -> bool:
    """Whether ``form`` names ``term``'s holder on its own: two words or more, or one
    word for a holder known by one name (``name`` of one word in the data: "Sugiono")."""
    return len(form.split()) >= 2 or len(term.name.split()) == 1


@lru_cache(maxsize=1)
def _any_name() -> re.Pattern[str]:
    """A regex of every place where the full-name spelling of some holder (of any date)
    starts."""
    return _trie({form for t in terms() for form in (t.name, *t.spellings)
                  if _full_name(form, t)})


def _names_on(date: str) -> tuple[dict[str, Term], tuple[int, ...]]:
    """The full-name spellings (as written) of the holders in office on ``date``, each
    to the first such term in file order, and their lengths, longest first."""
    return _names_in(period_of(date))


@lru_cache(maxsize=4096)
def _names_in(period: int) -> tuple[dict[str, Term], tuple[int, ...]]:
    forms: dict[str, Term] = {}
    for t in holders_on(period_start(period)):
        for form in (t.name, *t.spellings):
            if _full_name(form, t):
                forms.setdefault(form, t)
    return forms, tuple(sorted({len(f) for f in forms}, reverse=True))


_NAME_CHAR = re.compile(r"[\w-]")


def _holder_names(text: str, date: str) -> Iterator[tuple[int, int, str, Term]]:
    """(start, end, spelling, term) of each full name of a holder in office on ``date``
    in ``text``: left to right, the longest spelling at a place, not overlapping, and
    neither preceded nor followed by a letter, digit or hyphen (what one regex of the
    date's spellings would find; the places come from one regex of all spellings)."""
    forms, lengths = _names_on(date)
    if not forms:
        return
    pos = 0
    for p in _all_starts(_any_name(), text):
        if p < pos or (p and _NAME_CHAR.match(text, p - 1)):
            continue
        for n in lengths:
            form = text[p:p + n]
            if (len(form) == n and form in forms
                    and not _NAME_CHAR.match(text, p + n)):
                yield p, p + n, form, forms[form]
                pos = p + n
                break


def add_named_holders(ex: DocExtraction, text: str) -> dict[str, list[int]]:
    """Holders in office on ``ex.date`` whose full name the text spells where extraction
    found no one (a name and a term on the date: two signals): officials (in place).
    Returns entity id -> the offsets of the names found."""
    found: dict[str, list[int]] = {}
    if not ex.date:
        return found
    spans = [(m.start, m.end) for e in ex.entities for m in e.mentions]
    made: dict[str, Entity] = {}
    for start, end, form, term in _holder_names(text, ex.date):
        if any(s < end and start < e for s, e in spans):
            continue
        ent = next((e for e in ex.entities if _same_holder(e, term)), None) or made.get(term.name)
        if ent is None:
            ent = Entity(id=f"holder{len(made) + 1}", type="official", name=term.name,
                         role=term.role, role_text=FROM_DATA, category=KINDS[term.kind][1],
                         country=term.country)
            made[term.name] = ent
            ex.entities.append(ent)
        ent.mentions.append(Mention(text=form, start=start, end=end, sentence=-1))
        found.setdefault(ent.id, []).append(start)
        if ent.type == "person":
            replaced = _official(ent, term)
            ent.type, ent.role, ent.role_text = "official", replaced.role, FROM_DATA
            ent.category, ent.country = replaced.category, replaced.country
    return found


def add_role_references(ex: DocExtraction, text: str,
                        named: dict[str, list[int]] | None = None) -> None:
    """Add the holders that role references in ``text`` name on ``ex.date`` (in place);
    they, and the holders in ``named`` (:func:`add_named_holders`), met when a sentence
    names two of them with a meeting word."""
    if not ex.date:
        return
    spans = [(m.start, m.end) for e in ex.entities for m in e.mentions]
    made: dict[str, Entity] = {}
    refs: dict[str, list[int]] = {k: list(v) for k, v in (named or {}).items()}
    for kind, country, start, end, words in role_references(text, ex.lang):
        if any(s <= start < e or start <= s < end for s, e in spans):
            continue
        holders = holders_on(ex.date, kind, country)
        if len(holders) != 1:
            continue
        ent = _target(ex, holders[0], made)
        if ent is None:
            continue
        ent.mentions.append(Mention(text=words, start=start, end=end, sentence=-1))
        if ent.type == "person":
            ent.type, ent.role = "official", ent.role or holders[0].role
            ent.role_text = FROM_DATA
            ent.category = ent.category or KINDS[kind][1]
            ent.country = ent.country or country
        refs.setdefault(ent.id, []).append(start)
    if refs:
        _meetings(ex, text, refs)


# ------------------------------------------------------------ names without a title
def _official(ent: Entity, term: Term) -> Entity:
    return replace(ent, type="official", role=ent.role or term.role, role_text=FROM_DATA,
                   category=ent.category or KINDS[term.kind][1],
                   country=ent.country or term.country)


def _surname_term(name: str, date: str) -> Term | None:
    """The one holder in office on ``date`` whose family name is the one word ``name``:
    the last word of the name, never a Korean or Chinese family name ("Kim", "Li": many
    people have them); or a one-word form the data lists ("Jokowi", "Prabowo")."""
    key = _norm(name)
    found = {t.name: t for t in holders_on(date)
             if key in {_norm(s) for s in t.spellings if len(s.split()) == 1}
             or (t.country not in _FAMILY_NAME_FIRST and _norm(t.name.split()[-1]) == key)}
    return next(iter(found.values())) if len(found) == 1 else None


def _undated(ent: Entity) -> Entity:
    """A person, in a document without a date, whose full name spells a holder: an
    official, with the role and country only when all the holder's terms agree."""
    key = holder_key(ent.name)
    held = list(terms_by_name().get(key, ())) if key else []
    if not held:
        return ent
    roles, countries = {t.role for t in held}, {t.country for t in held}
    kinds = {KINDS[t.kind][1] for t in held}
    return replace(ent, type="official", role_text=FROM_DATA,
                   role=ent.role or (roles.pop() if len(roles) == 1 else None),
                   category=ent.category or (kinds.pop() if len(kinds) == 1 else None),
                   country=ent.country or (countries.pop() if len(countries) == 1 else None))


def _untitled(ent: Entity, date: str | None) -> Entity:
    """A person the document gives no office, as the holder it names if one is in office."""
    if ent.type != "person":
        return ent
    if date is None:
        return _undated(ent)
    key = holder_key(ent.name)
    if key:
        active = [t for t in terms_by_name().get(key, ()) if t.active(date)]
        return _official(ent, active[0]) if active else ent
    if len(ent.name.split()) == 1:
        term = _surname_term(ent.name, date)
        if term:
            return _official(replace(ent, name=term.name, aliases=sorted({*ent.aliases, ent.name})),
                             term)
    return ent


def apply_offices(ex: DocExtraction, text: str | None = None) -> DocExtraction:
    """``ex`` with what the office data adds on its date (see the module docstring)."""
    if not any(e.type == "person" for e in ex.entities) and not (ex.date and text):
        return ex
    # the records extraction (or the cache) gave stay as they were: entities are copied
    # with their mention lists, since the pass adds mentions and relations
    out = replace(ex, entities=[_untitled(replace(e, mentions=list(e.mentions)), ex.date)
                                for e in ex.entities], relations=list(ex.relations))
    if text and ex.date:
        add_role_references(out, text, add_named_holders(out, text))
    return out
