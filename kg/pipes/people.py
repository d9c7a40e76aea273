"""``kg_people``: the people of a document, one cluster per person.

Full names found by ``kg_officials`` start a cluster each; a one-word name joins
the full name it is the surname of, and so do later untitled surname mentions
("Ahn said"). A title used without a name ("the Japanese defense minister",
"Menhan Jepang") refers back to the official who holds it. A person met by an
official is an official too. Clusters with no title are ``person``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from spacy.language import Language

from kg.lexicon import languages, norm_key
from kg.pipes.view import (
    Cluster, Component, DocState, Official, head_words, is_cap, name_parts, surname_keys,
)


def _cluster_officials(st: DocState, officials: list[Official]) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_key: dict[str, Cluster] = {}
    full = [o for o in officials if len(name_parts(o.name)) >= 2]
    short = [o for o in officials if len(name_parts(o.name)) < 2]

    def absorb(cl: Cluster, o: Official) -> None:
        cl.mentions.append((o.start, o.end, st.sent_of[o.start]))
        cl.aliases[o.name] += 1
        if o.titled:
            cl.titled = True
            if o.role and (
                cl.role is None
                or (not o.rank_only and cl.category in (None, "military"))
                or (cl.category in ("minister", "head")
                    and o.category not in ("minister", "head"))
            ):
                cl.role, cl.role_text, cl.category = o.role, o.role_text, o.category
            cl.former = cl.former or o.former
        cl.country = cl.country or o.country

    spelled_out = _spelled_out(full)

    def cluster_for(o: Official) -> Cluster:
        key = norm_key(spelled_out.get(o.name, o.name))
        if key not in by_key:
            by_key[key] = Cluster(id=f"p{len(clusters)}", type="official",
                                  name=spelled_out.get(o.name, o.name))
            clusters.append(by_key[key])
        return by_key[key]

    for o in full:
        absorb(cluster_for(o), o)
    for o in short:
        key = norm_key(o.name)
        matches = [c for c in clusters if key in surname_keys(c.name)]
        if len(matches) > 1:
            matches = [c for c in matches if c.category == o.category] or matches
        if matches:
            # the most recently mentioned candidate
            best = max(matches, key=lambda c: max((m[0] for m in c.mentions if m[0] < o.start),
                                                  default=-1))
            absorb(best, o)
            continue
        absorb(cluster_for(o), o)
    _surname_mentions(st, clusters)
    for cl in clusters:
        if not cl.titled:
            cl.type = "person"
        cl.mentions.sort()
    return clusters


def _spelled_out(full: list[Official]) -> dict[str, str]:
    """Names that end with an initial -> the one name of the document that spells it out
    ("Donny Ermawan T." -> "Donny Ermawan Taufanto"); an untitled name with the family
    name moved to the end -> the titled name it reorders ("Gyu-back Ahn" -> "Ahn Gyu-back")."""
    out: dict[str, str] = _reordered_names(full)
    for o in full:
        words = o.name.split()
        last = words[-1].rstrip(".")
        if len(words) < 3 or len(last) != 1 or not last.isupper():
            continue
        longer = {f.name for f in full if f.name.split()[:-1] == words[:-1]
                  and len(f.name.split()) == len(words) and len(f.name.split()[-1]) > 2
                  and f.name.split()[-1].startswith(last)}
        if len(longer) == 1:
            out[o.name] = longer.pop()
    return out


def _reordered_names(full: list[Official]) -> dict[str, str]:
    """Untitled names that are a titled name of the document with its first word moved
    to the end ("Gyu-back Ahn" of "Ahn Gyu-back") -> that name."""
    titled: dict[str, str] = {}
    for o in full:
        if o.titled:
            parts = [norm_key(w) for w in o.name.split()]
            titled.setdefault("".join(parts[1:] + parts[:1]), o.name)
    out: dict[str, str] = {}
    for o in full:
        parts = [norm_key(w) for w in o.name.split()]
        name = titled.get("".join(parts))
        if not o.titled and name and norm_key(name) != norm_key(o.name):
            out[o.name] = name
    return out


def _surname_mentions(st: DocState, clusters: list[Cluster]) -> None:
    """Untitled surname mentions join the person named before: "Ahn said", "Austin dan Lee",
    "Lee-Trump summit"."""
    surname_index: dict[str, list[Cluster]] = defaultdict(list)
    for cl in clusters:
        for k in surname_keys(cl.name) if len(name_parts(cl.name)) >= 2 else {norm_key(cl.name)}:
            surname_index[k].append(cl)
    covered = {t for cl in clusters for s, e, _ in cl.mentions for t in range(s, e)}
    for tok in st.doc:
        if tok.i in covered or not is_cap(tok.text) or not st.free(tok.i) or tok.is_upper:
            continue
        cands = surname_index.get(norm_key(tok.text))
        if not cands or st.is_byline(tok.i):
            continue
        # not part of a longer capitalised name ("Lee Sung-jun" vs "Lee Jong-sup")
        nxt = st.doc[tok.i + 1] if tok.i + 1 < len(st.doc) else None
        if nxt is not None and is_cap(nxt.text) and nxt.is_alpha and st.free(nxt.i) \
                and nxt.text not in st.name_stop:
            continue
        earlier = [c for c in cands if any(m[0] < tok.i for m in c.mentions)]
        if not earlier and len(cands) == 1 and cands[0].titled:
            earlier = cands  # "Kedatangan Ryamizard ...": the one official of that name, named later
        cands = earlier
        if not cands:
            continue  # otherwise only names already introduced are referred to by surname
        # the official named more often so far; on a tie the one introduced first, whom
        # a report is about ("Kim" after "Minister Kim Yong-hyun ... Gen. Kim Myung-soo")
        best = max(cands, key=lambda c: (sum(1 for m in c.mentions if m[0] < tok.i),
                                         -min(m[0] for m in c.mentions)))
        best.mentions.append((tok.i, tok.i + 1, st.sent_of[tok.i]))
        best.aliases[tok.text] += 1


def _role_references(st: DocState, officials: list[Official], people: list[Cluster]) -> None:
    """A title used without a name refers back to the official who holds it.

    "The Pentagon chief", "the Japanese defense minister", "Menhan Jepang": the
    most recently named current official of that office (and country, when the
    text gives one) gains the mention, so it takes part in the sentence's links.
    """
    doc = st.doc
    chained = {t for o in officials for t in range(o.chain_start, o.end)}
    current = [c for c in people if c.type == "official" and not c.former and c.category]
    if not current:
        return
    opening = head_words(st.lex, tuple(languages()), "start")
    for title in st.titles:
        if any(t in chained for t in range(title.start, title.end)):
            continue
        info = st.lex.title(title.label_)
        before = doc[title.start - 1] if title.start > 0 else None
        if info.get("rank") or info["cat"] in ("head", "politician", "counterpart", "minister"):
            _generic_reference(st, title, before, current)
            continue
        if title.text.lower().endswith("s") and not title.text.lower().endswith("ss"):
            continue  # plural: a group, handled by group references
        country = None
        if title.start - 1 in st.tok_country:
            country = st.countries[st.tok_country[title.start - 1]].label_.split(":")[1]
        elif title.end in st.tok_country:
            country = st.countries[st.tok_country[title.end]].label_.split(":")[1]
        elif title.end < len(doc) and doc[title.end].text == "'s":
            continue
        definite = before is not None and before.lower_ in st.words["definite"]
        if country is None and (not definite or st.lang == "id"):
            continue
        if before is not None and before.text in opening:
            continue  # "Pertemuan Menteri Pertahanan ...": part of a forum's name
        if title.end < len(doc) and is_cap(doc[title.end].text) and st.free(title.end) \
                and doc[title.end].text not in st.name_stop:
            continue  # a name follows that the rules did not take: do not guess
        cands = [c for c in current if c.category == info["cat"]
                 and (country is None or c.country == country)
                 and any(m[0] < title.start for m in c.mentions)]
        if not cands:
            continue
        best = max(cands, key=lambda c: max(m[0] for m in c.mentions if m[0] < title.start))
        best.mentions.append((title.start, title.end, st.sent_of[title.start]))
    for c in people:
        c.mentions.sort()


def _generic_reference(st: DocState, title: Any, before: Any, current: list[Cluster]) -> None:
    """"the secretary", "the general": the one official named before with that word in office.

    A bare generic title after a definite article, in lower case and with no name
    after it, refers back when one current official named earlier in the document
    holds an office spelled with that word, or when one of several was named at
    least twice as often as any other so far (the official the article is about:
    "the secretary" in a report on Secretary Hagel's trip that also names Secretary
    Kerry).
    """
    doc = st.doc
    if before is None or before.lower_ not in st.words["definite"] or len(title) != 1 \
            or not title.text.islower():
        return
    if title.end < len(doc) and is_cap(doc[title.end].text):
        return
    word = title.text.casefold()
    cands = [c for c in current if c.role_text and word in c.role_text.casefold().split()
             and any(m[0] < title.start for m in c.mentions)]
    named = sorted(((sum(1 for m in c.mentions if m[0] < title.start), c) for c in cands),
                   key=lambda item: -item[0])
    if len(named) == 1 or (named and named[0][0] >= 2 * named[1][0]):
        # one holder, or the one the article is about: named at least twice as often
        best = named[0][1]
        best.mentions.append((title.start, title.end, st.sent_of[title.start]))


def _meeting_partners(st: DocState, people: list[Cluster]) -> None:
    """A named person an official meets is an official too ("Hagel met his ally, X").

    Defence diplomacy news names the counterpart of a meeting without a title when
    the office is clear from context. A person named in the same sentence as an
    official and a strong meeting word, with no negation, becomes an official, unless
    named as a company's (:func:`_of_a_company`).
    """
    meeting = {st.sent_of[t.start] for t in st.triggers if t.label_ == "trig:meeting:strong"}
    negated = {st.sent_of[t.start] for t in st.triggers if t.label_ == "trig:negation:all"}
    official_at = {sent for c in people if c.type == "official" for _s, _e, sent in c.mentions}
    for cl in people:
        if cl.type == "person" and not _of_a_company(st, cl) and any(
            sent in meeting and sent in official_at and sent not in negated
            for _s, _e, sent in cl.mentions
        ):
            cl.type = "official"


def _of_a_company(st: DocState, cl: Cluster) -> bool:
    """The person is named right after a company ("Presiden Direktur Korea Aerospace
    Industries (KAI) Cha ...", "Hanwha Aerospace CEO Son ..."): a company word
    (``company_word``) within a few words before a mention, in its sentence."""
    words = st.lex.word_class("any", "company_word")
    window = st.lex.windows["appositive_skip_words"]
    return any(st.doc[k].text in words for s, _e, sent in cl.mentions
               for k in range(max(st.sents[sent].start, s - window), s))


class PeopleClusterer(Component):
    """``kg_people``: reads ``doc._.kg_officials``; sets ``doc._.kg_people``.

    A list of :class:`~kg.pipes.view.Cluster` (ids ``p0``, ``p1``, ...), each with
    its mentions (token start, end, sentence index) in reading order, its aliases,
    role, category, country and type (``official`` or ``person``).
    """

    def match(self, doc: Any) -> list[Cluster]:
        st = self.state(doc)
        officials = doc._.kg_officials or []
        people = _cluster_officials(st, officials)
        _role_references(st, officials, people)
        _meeting_partners(st, people)
        return people

    def set_annotations(self, doc: Any, people: list[Cluster]) -> None:
        doc._.kg_people = people


@Language.factory("kg_people", default_config={"lang": "en"})
def make_people_clusterer(nlp: Language, name: str, lang: str) -> PeopleClusterer:
    """Factory for :class:`PeopleClusterer`."""
    return PeopleClusterer(nlp, name, lang)
