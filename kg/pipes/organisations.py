"""``kg_orgs``: the agencies and forums of a document, one cluster each.

Gazetteer names; country-dependent names resolved with the country the text gives
("Japan's Defense Ministry", "kementerian pertahanan di Seoul"); forums named by a
pair of countries ("2+2"); capitalised phrases around a head word ("... Command",
"Komite ..."; ``kg/data/LANG/heads.jsonl``). An acronym defined in the text
("Long Form (ACR)") joins its later uses to the name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from spacy.language import Language

from kg.lexicon import Lexicon, languages, norm_key
from kg.pipes.view import ACRONYM, ORDINAL, Cluster, Component, DocState, is_cap, text_at


def _home_agency(st: DocState, officials: list[Cluster]) -> str | None:
    """The press's own country for an unqualified ministry ("Kemenhan" in Indonesian news).

    Indonesian reporters qualify foreign offices ("Kemenhan Korsel", "Menhan AS") and
    leave their own unqualified; when the article has an official of the home
    country (``language`` in countries.jsonl), or one titled with no country at
    all, an unqualified ministry (``home_default`` in generic_agencies.jsonl) is
    the home country's.
    """
    if st.home and any(c.country == st.home or (c.titled and c.country is None)
                       for c in officials if c.type == "official"):
        return st.home
    return None


def _adjacent_country(st: DocState, span: Any) -> str | None:
    """A country named right before ("Japan's Defense Ministry") or after ("... di Seoul"),
    or the country of a known body right after ("... Pasukan Bela Diri Jepang")."""
    doc = st.doc
    i = span.start - 1
    if i >= 0 and i in st.tok_country:
        return st.countries[st.tok_country[i]].label_.split(":")[1]
    j = span.end
    if j < len(doc) and doc[j].text == "(":  # "Joint Chiefs of Staff (JCS)"
        while j < len(doc) and doc[j].text != ")" \
                and j < span.end + st.lex.windows["acronym_bracket_tokens"]:
            j += 1
        j += 1
    if j < len(doc) and j in st.tok_country:  # "Kementerian Luar Negeri Korut"
        return st.countries[st.tok_country[j]].label_.split(":")[1]
    owner = st.orgs[st.tok_org[j]].label_ if j < len(doc) and j in st.tok_org else ""
    if owner.startswith("gaz:") and st.lex.gazetteer[owner[4:]].get("country"):
        # "Kepala Staf Gabungan Pasukan Bela Diri Jepang": the Joint Staff of Japan's SDF
        return st.lex.gazetteer[owner[4:]]["country"]
    if j < len(doc) and doc[j].lower_ in st.words["location_preposition"]:
        # "at the Defense Ministry in Yongsan District, central Seoul"
        for k in range(j + 1, min(len(doc), j + st.lex.windows["location_country_tokens"])):
            if k in st.tok_country:
                return st.countries[st.tok_country[k]].label_.split(":")[1]
            if doc[k].text in {".", ";", "("} or k in st.tok_title or k in st.tok_org:
                break
    return None


def _head_phrases(st: DocState) -> list[tuple[int, int, str, dict]]:
    """Capitalised phrases around an agency/forum head word ("JSA Security Battalion")."""
    doc = st.doc
    by_first: dict[str, list[dict]] = defaultdict(list)
    for h in st.lex.heads:
        # Indonesian news keeps English names of forums: "Jakarta International Defense Dialogue"
        if h["lang"] == st.lang or (h["lang"] == "en" and h["type"] == "forum"
                                    and h["position"] == "end"):
            by_first[h["text"].split()[0]].append(h)
    out = []
    for tok in doc:
        for h in by_first.get(tok.text, ()):
            htoks = h["text"].split()
            n = len(htoks)
            i = tok.i
            if [t.text for t in doc[i:i + n]] != htoks:
                continue
            if h["position"] == "end":
                j = i - 1
                while j >= 0 and (
                    (is_cap(doc[j].text) and doc[j].text not in st.name_stop
                     and (j not in st.tok_title
                          or text_at(doc, st.titles[st.tok_title[j]].end) in {"'", "’"}))
                    or (h["type"] == "agency" and _unit_number(st, j))  # "the 7th Fleet"
                    or (h["type"] == "forum" and j in st.tok_country and j < i - 1
                        and is_cap(doc[j].text))  # "Jakarta International Defense Dialogue"
                    or doc[j].lower_ in st.words["org_name_connector"]
                    or _plural_possessive(st, j) or _comma_in_name(st, j, i)
                ) and st.sent_of[j] == st.sent_of[i]:
                    j -= 1
                start = j + 1
                while start < i and doc[start].lower_ in st.words["org_name_connector"]:
                    start += 1
                if start >= i:
                    continue
                if not h.get("country_prefix") and all(
                        doc[k].lower_ in st.words["org_name_connector"] or k in st.tok_country
                        for k in range(start, i)):
                    continue  # "Japanese Ministry": a country-dependent name's business
                out.append((start, _place_end(st, i + n, h), h["type"], h))
            else:
                j = i + n
                while j < len(doc) and _name_goes_on(st, h, i + n, j) \
                        and st.sent_of[j] == st.sent_of[i]:
                    j += (_unit_tokens(st, j) if h["type"] == "agency" else 0) or 1
                if j == i + n:
                    continue
                out.append((i, _place_end(st, j, h), h["type"], h))
    return out


def _name_goes_on(st: DocState, h: dict, after: int, j: int) -> bool:
    """Token ``j`` continues the name that head word ``h`` opens (its words end before
    ``after``): a capitalised word, a "2+2", a link word before another capital that
    opens no other body, a unit ("Armada ke-7 AS"), a comma inside the name."""
    doc = st.doc
    links = st.words["agency_name_link"] if h["type"] == "agency" \
        else st.words["forum_name_link"]
    return bool(
        (is_cap(doc[j].text) and (doc[j].text not in st.name_stop or j in st.tok_country))
        or re.match(r"^\d+\+\d+$", doc[j].text)
        or (doc[j].text == "+" and j > after - 1 and doc[j - 1].is_digit
            and j + 1 < len(doc) and doc[j + 1].is_digit)
        or (doc[j].is_digit and j + 1 < len(doc) and doc[j + 1].text == "+")
        or (doc[j].is_digit and doc[j - 1].text == "+")
        or (doc[j].lower_ in links and j + 1 < len(doc)
            and is_cap(doc[j + 1].text)  # not "X dan Komando Y": another body
            and doc[j + 1].text not in st.opening_heads)
        or (h["type"] == "agency" and _unit_tokens(st, j))  # "Armada ke-7 AS"
        or _comma_ahead(st, j))


def _plural_possessive(st: DocState, j: int) -> bool:
    """An apostrophe inside a name ("Defence Ministers' Meeting"), not one after its
    owner, a country or a known body ("the Philippines' Western Command")."""
    doc = st.doc
    return doc[j].text in {"'", "’"} and j > 0 and doc[j - 1].text.endswith("s") \
        and not _owner_at(st, j - 1)


def _comma_in_name(st: DocState, j: int, head: int) -> bool:
    """A comma inside a name that lists its fields ("Acquisition, Technology and
    Logistics Agency"): between capitalised words that are no country, with "and" or
    "&" still to come before the head word and only capitalised words or connectors."""
    doc = st.doc
    if doc[j].text != "," or j == 0 or not is_cap(doc[j - 1].text) or j - 1 in st.tok_country:
        return False
    between = doc[j + 1:head]
    return any(t.lower_ in st.words["name_field_and"] for t in between) and all(
        is_cap(t.text) or t.lower_ in st.words["org_name_connector"] or t.text == "&"
        for t in between)


def _comma_ahead(st: DocState, j: int) -> bool:
    """A comma inside a name opened by its head word ("Ministry of Economy, Trade and
    Industry"): capitalised words before it, then capitalised words that are no
    known name or country, "and" or "&", and a capitalised word."""
    doc = st.doc
    if doc[j].lower_ in st.words["name_field_and"]:  # the "and" of such a list
        c = j - 1
        while c > 0 and is_cap(doc[c].text):
            c -= 1
        return c < j - 1 and doc[c].text == "," and _comma_ahead(st, c)
    if doc[j].text != "," or not is_cap(doc[j - 1].text) or j - 1 in st.tok_country:
        return False
    k = j + 1
    while k < len(doc) and is_cap(doc[k].text) and k not in st.tok_org \
            and k not in st.tok_country and k not in st.tok_title:
        k += 1
    return k > j + 1 and k + 1 < len(doc) and doc[k].lower_ in st.words["name_field_and"] \
        and is_cap(doc[k + 1].text) and k + 1 not in st.tok_org


def _unit_tokens(st: DocState, j: int) -> int:
    """How many tokens a unit number at ``j`` takes: "7th", "ke-7" one, "ke - 7" three."""
    if _unit_number(st, j):
        return 1
    found = _prefixed_number(st, j)
    return 3 if found and found[1] == 3 and st.doc[j + 2].is_digit else 0


def _place_end(st: DocState, end: int, head: dict) -> int:
    """Where a name that includes its place ends ("U.S. Embassy in Seoul").

    Only heads marked ``place`` in heads.jsonl: a place link ("in", "di") and up to
    ``place_tokens`` capitalised words of the same sentence (a country or city, not
    a weekday or a month).
    """
    doc = st.doc
    if not head.get("place") or end + 1 >= len(doc) \
            or doc[end].lower_ not in st.classes("place_link"):
        return end
    k = end + 1
    while k < len(doc) and k - end <= st.lex.windows["place_tokens"] \
            and is_cap(doc[k].text) and st.sent_of[k] == st.sent_of[end] \
            and (k in st.tok_country or doc[k].text not in st.name_stop):
        k += 1
    return k if k > end + 1 else end


class _Orgs:
    """The organisations of one document while they are being found, and what they read."""

    def __init__(self, st: DocState, officials: list[Cluster]) -> None:
        self.st = st
        self.officials = officials
        self.clusters: dict[str, Cluster] = {}
        self.last_generic: dict[str, str] = {}
        self.short_names: dict[str, Cluster | None] = {}
        self.country_counts = Counter(c.country for c in officials
                                      if c.country and c.type == "official")
        # the official named just before a country-dependent name in the same sentence
        # ("Joint Chiefs of Staff Chairman Gen. X", "Gen. X, chairman of the Joint Chiefs")
        self.starts = sorted(((s, cl) for cl in officials if cl.type == "official"
                              for s, _e, _ in cl.mentions), key=lambda item: item[0])
        mentioned: Counter = Counter()
        first_seen: dict[str, int] = {}
        for c in st.countries:
            code = c.label_.split(":")[1]
            mentioned[code] += 1
            first_seen.setdefault(code, c.start)
        self.dominant = sorted(mentioned, key=lambda c: (-mentioned[c], first_seen[c]))[:1]

    def get(self, key: str, type_: str, label: str, country: str | None) -> Cluster:
        cl = self.clusters.get(key)
        if cl is None:
            cl = Cluster(id=f"o{len(self.clusters)}", type=type_, name=label, country=country,
                         key=key if not key.startswith("label:") else "")
            self.clusters[key] = cl
        return cl

    def near_official_country(self, i: int, end: int | None = None) -> str | None:
        """The country of the official named nearest before ``i`` (else after) in its
        sentence; of the one after when the name (ending at ``end``) opens that official's
        title ("JCS Chairman Gen. X"), or if that official has none, the dateline's."""
        st = self.st
        before = [(s, cl) for s, cl in self.starts
                  if s < i and i - s <= st.lex.windows["near_official_before_tokens"]
                  and st.sent_of[s] == st.sent_of[i]]
        after = [(s, cl) for s, cl in self.starts
                 if s > i and s - i <= st.lex.windows["near_official_after_tokens"]
                 and st.sent_of[s] == st.sent_of[i]]
        if end is not None and end in st.tok_title and after \
                and (after[0][1].country or st.dateline_country):
            return after[0][1].country or st.dateline_country
        nearest = (before[-1:] or after[:1])
        return nearest[0][1].country if nearest else None


def _kept(lex: Any, span: Any) -> bool:
    """Names of other kinds (ASEAN, news agencies) may sit inside an agency's or forum's."""
    return not span.label_.startswith("gaz:") or lex.gazetteer[span.label_[4:]]["type"] in (
        "agency", "forum")


def _unit_number(st: DocState, i: int) -> bool:
    """Token ``i`` numbers a military unit: "7th", "Eighth" (word class ``ordinal_word``),
    "ke-7" (an ``ordinal_prefix`` word joined to the number)."""
    text = st.doc[i].text
    found = _prefixed_number(st, i)
    return bool(ORDINAL.match(text)) or text in st.classes("ordinal_word") \
        or (found is not None and found[1] == 1)


def _prefixed_number(st: DocState, j: int) -> tuple[str, int] | None:
    """A number written after an ``ordinal_prefix`` word at token ``j``, and its tokens:
    "ke-55" (one token), "ke - 55" (three)."""
    doc = st.doc
    if j >= len(doc):
        return None
    for prefix in sorted(st.classes("ordinal_prefix")):
        if re.match(rf"^{re.escape(prefix)}-?\d+$", doc[j].text):
            return doc[j].text, 1
        if j + 2 < len(doc) and doc[j].text == prefix and doc[j + 1].text == "-":
            return f"{prefix}-{doc[j + 2].text}", 3
    return None


def _numbered(st: DocState, start: int, end: int, type_: str) -> int | None:
    """Where an agency name numbers a unit ("U.S. 7th Fleet", "Eighth U.S. Army"), if it does."""
    return next((k for k in range(start, end) if _unit_tokens(st, k)), None) \
        if type_ == "agency" else None


def _numbered_unit(st: DocState, start: int, end: int, type_: str, spans: list[Any]) -> bool:
    """"Eighth U.S. Army", "7th Air Force": a numbered unit of a named force is an agency
    of its own; the name inside it ("U.S. Army", "Air Force") is not named there."""
    k = _numbered(st, start, end, type_)
    return k is not None and any(k < s.start and s.end == end for s in spans)


def _names_a_part(st: DocState, start: int, end: int, type_: str, head: dict,
                  spans: list[Any]) -> bool:
    """"ASEAN Regional Forum Disaster Relief Exercise": a forum's name followed by more
    capitalised words and a forum head word of its own names an event of that forum, not
    the forum itself (the longer name wins, the inner one is not named there)."""
    if type_ != "forum" or head["position"] != "end":
        return False
    head_start = end - len(head["text"].split())
    return any(start <= s.start and s.end < head_start and s.label_.startswith("gaz:")
               and st.lex.gazetteer[s.label_[4:]]["type"] == "forum" for s in spans)


def _head_names(st: DocState, spans: list[Any], officials: list[Cluster]) -> list[tuple]:
    """Agency and forum names built around a head word that no other name covers.

    A name ending in its head word may start with one that means a body only with its
    country ("Army Special Warfare Command")."""
    occupied = {t for s in spans if _kept(st.lex, s) for t in range(s.start, s.end)}
    soft = {t for s in spans if _needs_country(st, s) for t in range(s.start, s.end)}
    people = {t for cl in officials for s, e, _ in cl.mentions for t in range(s, e)}
    other_kind = [(s.start, s.end) for s in spans if not _kept(st.lex, s)]
    occupied |= people
    extra = []
    phrases = sorted(_head_phrases(st) + _numbered_meetings(st) + _named_exercises(st),
                     key=lambda p: p[0] - p[1])  # the longest name first
    opened = {s for s, _e, _t, h in phrases if h["position"] == "start"}
    for start, end, type_, head in phrases:
        if head["position"] == "start" and _headline_only(st, start, end):
            continue
        if (_numbered_unit(st, start, end, type_, spans)
                or _names_a_part(st, start, end, type_, head, spans)) \
                and not any(t in people for t in range(start, end)):
            occupied.update(range(start, end))
            extra.append((start, end, type_, {**head, "unit": True}))
            continue
        end = _before_other_name(st, start, end, head, occupied | (opened - {start}))
        taken = occupied - soft if head["position"] == "end" else occupied
        if any(t in taken for t in range(start, end)) or any(
                lo <= start and end <= hi for lo, hi in other_kind):
            continue  # "U.N. Security Council" is a body of another kind, not an agency
        if _no_name(st, start, end, type_, head):
            continue
        occupied.update(range(start, end))
        numbered = _numbered(st, start, end, type_) is not None
        extra.append((start, end, type_, {**head, "unit": True} if numbered else head))
    return extra


def _no_name(st: DocState, start: int, end: int, type_: str, head: dict) -> bool:
    """Words around a head word that name nothing: a title's own head ("Chief of Staff"),
    a description ("Latihan Bersama", "Pasukan Perdamaian"), a company ("Hanwha Group")."""
    doc = st.doc
    if any(t in st.tok_title for t in range(start, end)) and type_ == "agency" and \
            head["position"] == "end" and doc[end - 1].text in st.classes("title_only_head"):
        return True
    lang = head.get("lang", st.lang)
    generic = st.lex.word_class(lang, "generic_modifier") | (
        st.role_words if lang == "id" else set())
    rest = [t.text for t in doc[start:end] if t.text not in head["text"].split()]
    titled = (head["position"] == "start" and start in st.tok_title) \
        or head.get("numbered")  # "Kepala Biro ...", "konferensi keamanan ke-12"
    if rest and not titled and all(w in generic or not w[:1].isalnum() for w in rest):
        return True
    group_words = st.lex.word_class("en", "group_forum_word")
    return head["text"] in st.classes("group_head") and not any(w in group_words for w in rest)


def _headline_only(st: DocState, start: int, end: int) -> bool:
    """A name opened by a head word in a title-cased headline that the text never writes
    again: every word there is capitalised, so where it ends is a guess ("Pasukan
    Khusus AS Gelar Latihan ..." runs into the verb)."""
    if not st.in_headline(start):
        return False
    text = st.doc[start:end].text
    line = st.line_start(st.doc[start].idx)
    rest = st.text[:line] + st.text[st.doc[end - 1].idx + len(st.doc[end - 1]):]
    return text not in rest


def _needs_country(st: DocState, span: Any) -> bool:
    """A name that means a body only with its country ("Army"): a longer name around a
    head word may start with it ("Army Special Warfare Command")."""
    return span.label_.startswith("gen:") \
        and bool(st.lex.generic[span.label_[4:]].get("needs_country"))


def _named_exercises(st: DocState) -> list[tuple[int, int, str, dict]]:
    """An exercise named before a lower-case exercise word: "the Talisman Sabre exercise",
    "the Cope North drills" (the name, one to four capitalised words the markers leave
    free, without the word)."""
    doc = st.doc
    out = []
    for tok in doc:
        if not tok.is_lower or tok.lower_ not in st.classes("exercise_noun"):
            continue
        j = tok.i - 1
        while j >= 0 and tok.i - j <= 4 and is_cap(doc[j].text) and st.free(j) \
                and doc[j].text not in st.person_stop and st.sent_of[j] == st.sent_of[tok.i]:
            j -= 1
        if j + 1 < tok.i and not (j + 1 == st.sents[st.sent_of[tok.i]].start
                                  and j + 2 == tok.i):  # "Drills began": a capital, no name
            out.append((j + 1, tok.i, "forum", {"type": "forum", "position": "end",
                                                 "text": tok.text, "lang": st.lang}))
    return out


def _numbered_meetings(st: DocState) -> list[tuple[int, int, str, dict]]:
    """A numbered session written in lower case: "konferensi keamanan ke-12", "the 12th
    trilateral security talks" (a meeting noun, one to three words, and the number)."""
    doc = st.doc
    nouns = st.classes("meeting_noun")
    prefixes = st.classes("ordinal_prefix")
    out = []
    for tok in doc:
        if tok.lower_ not in nouns or not tok.is_lower:
            continue
        if st.lang == "id":  # noun, words, "ke-12"
            j = tok.i + 1
            while j < len(doc) and j - tok.i <= 3 and doc[j].is_lower and doc[j].is_alpha \
                    and doc[j].text not in prefixes:
                j += 1
            number = ordinal_of(st, tok.i, j)
            if j > tok.i + 1 and number and not ORDINAL.match(number):
                end = j + (1 if doc[j].text not in prefixes else 3)
                out.append((tok.i, end, "forum", {"text": tok.text, "position": "start",
                                                  "type": "forum", "numbered": True}))
        else:  # "12th", words, noun
            k = tok.i - 1
            while k >= 0 and tok.i - k <= 3 and doc[k].is_lower and doc[k].is_alpha:
                k -= 1
            if k >= 0 and k < tok.i - 1 and ORDINAL.match(doc[k].text):
                out.append((k, tok.i + 1, "forum", {"text": tok.text, "position": "end",
                                                    "type": "forum", "numbered": True}))
    return out


def _before_other_name(st: DocState, start: int, end: int, head: dict, occupied: set[int]
                       ) -> int:
    """Where a name opened by its head word ends when another name follows inside it.

    Indonesian names put what qualifies them after the head: "Biro Kebijakan
    Pertahanan Kementerian Pertahanan Jepang" is the bureau of the ministry that
    follows it, so the bureau's name ends where the ministry's, a title (with a role word
    that opens it: "Wakil | Laksamana") or an official's begins, past any link word
    ("dan", "di"). A name with nothing after its head
    is left unchanged (and later dropped as overlapping).
    """
    n = len(head["text"].split())
    if head["position"] != "start" or any(t in occupied for t in range(start, start + n)):
        return end
    cut = next((t for t in range(start + n, end) if t in occupied or t in st.tok_title
                or (st.doc[t].text in st.role_words and t + 1 in st.tok_title)), end)
    links = st.words["agency_name_link"] | st.words["forum_name_link"]
    while cut > start + n and st.doc[cut - 1].lower_ in links:
        cut -= 1
    return cut if cut > start + n else end


def ordinal_of(st: DocState, start: int, end: int) -> str | None:
    """"55th SCM", "SCM ke-55": the session number written with a forum's name.

    A number written after the name starts with an ``ordinal_prefix`` word ("ke").
    """
    doc = st.doc
    if start > 0 and ORDINAL.match(doc[start - 1].text):
        return doc[start - 1].text
    found = _prefixed_number(st, end)
    return found[0] if found else None


def cluster_orgs(st: DocState, officials: list[Cluster]) -> list[Cluster]:
    """The agencies and forums of a document, one cluster each (ids ``o0``, ``o1``, ...)."""
    doc = st.doc
    orgs = _Orgs(st, officials)
    spans = [s for s in st.orgs if not _rank_service(st, s) and not _compound_part(st, s)]
    # "AP, AFP and Reuters": an agency's acronym that is also an outlet's name means the
    # agency only where the document also writes the agency's name in another form
    other_form = {s.label_ for s in spans if norm_key(s.text) not in st.outlets}
    spans = [s for s in spans if s.label_ in other_form or norm_key(s.text) not in st.outlets]
    extra = _head_names(st, spans, officials)
    inside = {t for s, e, _t, _h in extra for t in range(s, e)}
    units = [(s, e) for s, e, _t, h in extra if h.get("unit")]
    spans = [s for s in spans if not any(lo <= s.start and s.end <= hi for lo, hi in units)]
    items: list[tuple[int, int, str]] = [(s.start, s.end, s.label_) for s in spans
                                         if _kept(st.lex, s) or s.start not in inside]
    items += [(s, e, f"head:{t}:{n}") for n, (s, e, t, _h) in enumerate(extra)]
    for start, end, label in sorted(items):
        span = doc[start:end]
        if label.startswith("gaz:"):
            cl = _gazetteer_org(orgs, label[4:], span)
        elif label.startswith("gen:") and st.lex.generic[label[4:]].get("pair_label"):
            cl = _pair_named(orgs, label, span)
        elif label.startswith("gen:"):
            cl = _generic_org(orgs, label[4:], span)
        else:
            cl = _head_org(orgs, extra[int(label.split(":")[2])], span)
        if cl is not None:
            _add_mention(st, cl, span)
    _merge_prefix_names(orgs.clusters, st.lex)
    _merge_known_acronym(st, orgs.clusters)
    _owner_by_possessive(st, orgs.clusters.values())
    by_id = {c.id: c for c in orgs.clusters.values()}
    _acronyms(st, list(by_id.values()))
    return list(by_id.values())


def _add_mention(st: DocState, cl: Cluster, span: Any) -> None:
    cl.mentions.append((span.start, span.end, st.sent_of[span.start]))
    cl.aliases[span.text] += 1
    ordinal = ordinal_of(st, span.start, span.end)
    if ordinal and ordinal not in cl.ordinals:
        cl.ordinals.append(ordinal)
        cl.aliases[f"{ordinal} {span.text}" if ORDINAL.match(ordinal) else
                   f"{span.text} {ordinal}"] += 1


def _gazetteer_org(orgs: _Orgs, gid: str, span: Any) -> Cluster | None:
    """A known body; a later unqualified name of its kind means it when this mention
    used that name ("Japan's Defense Ministry ... the Defense Ministry"), not when it
    used another ("Japan's Joint Staff ... the Joint Chiefs of Staff (JCS) said")."""
    lex = orgs.st.lex
    entry = lex.gazetteer[gid]
    if entry["type"] not in ("agency", "forum"):
        return None
    other = _another_countrys(orgs, entry, span)
    if other is not None:
        return other
    cl = orgs.get(gid, entry["type"], entry["label"], entry.get("country"))
    key = lex.generic_of.get(gid)
    if key is not None and any(
            name.casefold() in span.text.casefold()
            for lang in ("en", "id") for name in lex.generic[key].get(lang, ())):
        orgs.last_generic[key] = gid
    return cl


def _owner_written_before(st: DocState, span: Any) -> str | None:
    """The country whose body a name is, written right before it as a possessive or an
    adjective ("Cambodia's", "Thai"), not as a pair ("South Korea-U.S.") or a bare name."""
    k = span.start - 1
    if k < 0 or k not in st.tok_country:
        return None
    country = st.countries[st.tok_country[k]]
    text = country.text
    if "-" in text or (country.start > 0 and st.doc[country.start - 1].text in {"-", "–"}):
        return None
    if not (text.endswith(("'s", "’s")) or re.search(r"(an|ese|ish|i)$", text)):
        return None
    return country.label_.split(":")[1]


def _owner_written_after(st: DocState, span: Any) -> str | None:
    """The country written right after an Indonesian name, its owner there
    ("Kementerian Pertahanan Nasional Tiongkok"), not the first of a pair ("Korea-AS")."""
    k = span.end
    if st.lang == "en" or k not in st.tok_country:
        return None
    country = st.countries[st.tok_country[k]]
    if "-" in country.text or st.doc[country.end:country.end + 1].text in {"-", "–"}:
        return None
    return country.label_.split(":")[1]


def _another_countrys(orgs: _Orgs, entry: dict, span: Any) -> Cluster | None:
    """"Cambodia's Ministry of National Defense", "Thai National Security Council",
    "Kementerian Pertahanan Nasional Tiongkok": a known body's name with another
    country written as its owner names that country's body of the same kind (the
    country-dependent name the known body is one of) or of the same name, else the
    name as written, with that country."""
    st = orgs.st
    before = _owner_written_before(st, span)
    code = before or _owner_written_after(st, span)
    if code is None or code == entry.get("country") or entry.get("country") not in st.lex.countries \
            or any(span.start <= c.start and c.end <= span.end  # "United Nations Command"
                   and c.label_ == f"country:{entry['country']}" for c in st.doc.spans["kg_country"]):
        return None
    gid = _same_body_of(st, entry, span.text, code)
    if gid is not None:
        return orgs.get(gid, entry["type"], st.lex.gazetteer[gid]["label"], code)
    text = span.text if before else st.doc[span.start:st.countries[st.tok_country[span.end]].end].text
    return orgs.get(f"label:{entry['type']}:{norm_key(text)}:{code}", entry["type"], text, code)


def _same_body_of(st: DocState, entry: dict, written: str, code: str) -> str | None:
    """The gazetteer id of country ``code``'s body of the kind or the name of ``entry``."""
    key = st.lex.generic_of.get(entry["id"])
    gid = st.lex.resolve_generic(key, code) if key else None
    if gid is not None:
        return gid
    bare = written.casefold()
    return next((g for g, e in st.lex.gazetteer.items() if e.get("country") == code
                 and e["type"] == entry["type"] and (e["label"].casefold() == bare or any(
                     n.casefold() == bare or n.casefold().endswith(" " + bare)
                     for n in e["en"]))), None)


def _pair_named(orgs: _Orgs, label: str, span: Any) -> Cluster | None:
    """"2+2", "dua plus dua": the forum just named, named so before, or of the two countries."""
    st = orgs.st
    cl = _named_just_before(st, span, orgs.clusters.values()) or orgs.short_names.get(label) \
        or _pair_forum(st, span, st.lex.generic[label[4:]], orgs.officials, orgs.get)
    if st.doc[span.start - 1:span.start].text == "(":
        orgs.short_names[label] = cl  # later "2+2" mentions mean the same forum
    return cl


def _generic_org(orgs: _Orgs, key: str, span: Any) -> Cluster | None:
    """A country-dependent name ("the Defense Ministry") with the country the text gives."""
    st, lex = orgs.st, orgs.st.lex
    doc, start = st.doc, span.start
    entry = lex.generic[key]
    if entry.get("place_label"):
        return _placed_generic(orgs, entry, span)
    if entry.get("country_written") and _adjacent_country(st, span) is None:
        return None  # "parlemen Belanda", "the Dutch parliament": only with its country
    bracketed = _bracketed_acronym_of(st, span, entry)
    if bracketed is not None:  # "the Ministry of Defence (Mindef)": Singapore's
        g = lex.gazetteer[bracketed]
        return orgs.get(bracketed, g["type"], g["label"], g.get("country"))
    country = _adjacent_country(st, span) or _unit_before(st, span) or (
        _home_agency(st, orgs.officials) if entry.get("home_default") else None
    ) or orgs.near_official_country(start, span.end)
    if country is None and start > 0 \
            and doc[start - 1].lower_ in st.words["possessive_determiner"]:
        prior = [c for c in st.countries if c.end <= start]
        country = prior[-1].label_.split(":")[1] if prior else None
    gid = lex.resolve_generic(key, country)
    if gid is None and country is None and key in orgs.last_generic:
        gid = orgs.last_generic[key]
    if gid is None and country is None and not entry.get("needs_country"):
        dateline = st.dateline_country
        top = ([dateline] if dateline and lex.resolve_generic(key, dateline) else []) \
            or orgs.dominant or [c for c, _ in orgs.country_counts.most_common(1)]
        gid = lex.resolve_generic(key, top[0]) if top else None
    if gid is not None:
        g = lex.gazetteer[gid]
        orgs.last_generic[key] = gid
        return orgs.get(gid, g["type"], g["label"], g.get("country"))
    if entry.get("needs_country"):
        return None
    return orgs.get(f"label:{key}:{country}", entry["type"],
                    _qualified_label(st, entry["label"], span, country), country)


def _bracketed_acronym_of(st: DocState, span: Any, entry: dict[str, Any]) -> str | None:
    """The one country's body of a country-dependent name that the acronym in brackets
    after it names ("Ministry of Defence (Mindef)", "Joint Chiefs of Staff (JCS)" names
    none: every country's is the JCS)."""
    doc, end = st.doc, span.end
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return None
    acr = doc[end + 1].text.casefold()
    ids = {g for g in entry.get("by_country", {}).values()
           if acr in {a.casefold() for a in st.lex.gazetteer[g].get("acronyms", [])}}
    return ids.pop() if len(ids) == 1 else None


def _unit_before(st: DocState, span: Any) -> str | None:
    """"Baranahan Kemhan", "Ditjen Strahan Kemhan": a ministry written right after a
    known body of its own is that body's country's."""
    return _known_agency_country(st, span.start - 1)


def _known_agency_country(st: DocState, k: int) -> str | None:
    """The country of the gazetteer agency whose name covers token ``k``, if any."""
    label = st.orgs[st.tok_org[k]].label_ if k >= 0 and k in st.tok_org else ""
    entry = st.lex.gazetteer.get(label[4:]) if label.startswith("gaz:") else None
    return entry.get("country") if entry and entry["type"] == "agency" else None


def _placed_generic(orgs: _Orgs, entry: dict, span: Any) -> Cluster | None:
    """"KBRI Seoul", "Kedubes AS di Jakarta": an embassy written short, with its owner
    (``owner`` in generic_agencies.jsonl, else the country written right after it) and
    its place, labelled by ``place_label`` ({place}; {written}: the words as written).
    The mention is added here, over the owner and the place; ``None`` is returned."""
    st = orgs.st
    country, owner_end = entry.get("owner"), span.end
    if country is None:
        if span.end not in st.tok_country:
            return None
        owner = st.countries[st.tok_country[span.end]]
        country, owner_end = owner.label_.split(":")[1], owner.end
    start, end = _place_words(st, owner_end)
    if end == start:
        label = entry["label"] if entry.get("owner") else st.doc[span.start:owner_end].text
    else:
        label = entry["place_label"].format(place=st.doc[start:end].text,
                                            written=st.doc[span.start:end].text)
    cl = orgs.get(f"label:agency:{norm_key(label)}", entry["type"], label, country)
    _add_mention(st, cl, st.doc[span.start:max(end, owner_end)])  # with its owner and place
    return None  # named here already


def _place_words(st: DocState, k: int) -> tuple[int, int]:
    """The capitalised place words right after token ``k`` (past a ``place_link`` word):
    up to ``place_tokens`` of them in the same sentence, no title, weekday or month."""
    doc = st.doc
    if k < len(doc) and doc[k].lower_ in st.classes("place_link"):
        k += 1
    j = k
    while j < len(doc) and j - k < st.lex.windows["place_tokens"] and is_cap(doc[j].text) \
            and st.sent_of[j] == st.sent_of[k] and j not in st.tok_title \
            and (j in st.tok_country or doc[j].text not in st.name_stop):
        j += 1
    country_end = next((i for i in range(j, k, -1) if i - 1 in st.tok_country), None)
    return k, country_end or j  # "KBRI Tokyo Maria, ...": the place ends with its city


def _qualified_label(st: DocState, label: str, span: Any, country: str | None) -> str:
    """"Chinese foreign ministry", "... Luar Negeri Korut": the name with its country."""
    if country is None:
        return label
    start, end = span.start, span.end
    before = start - 1 in st.tok_country
    if before and st.countries[st.tok_country[start - 1]].text.endswith(("'s", "’s")):
        return span.text if is_cap(span.text) else label  # "Cambodia's Defence Ministry"
    lo = st.countries[st.tok_country[start - 1]].start if before else start
    hi = end
    if not before and end in st.tok_country:
        hi = st.countries[st.tok_country[end]].end
    if before or hi > end:
        return st.doc[lo:hi].text
    return span.text if st.lang == "en" and is_cap(span.text) else label  # as written


def _head_org(orgs: _Orgs, found: tuple, span: Any) -> Cluster | None:
    """An agency or forum named around a head word ("JSA Security Battalion", "KTT ...")."""
    st = orgs.st
    _start, _end, type_, head = found
    text = re.sub(r"\s*-\s*", "-", span.text).strip()
    if norm_key(text) in st.outlets or any(t.text in st.outlet_words for t in span):
        return None
    if head.get("translate"):
        rest = st.doc[span.start + len(head["text"].split()):span.end].text
        text = head["translate"].format(rest=rest)
    # "Kedutaan Besar Republik Indonesia di Seoul": the country it names, not its place
    country = _owner_country(st, span, head) or _adjacent_country(st, span) \
        or _possessive_owner(st, span) or _owner_last(st, span, head, type_)
    if any(t.text in st.classes("legislature_word") for t in span):
        type_ = "agency"  # a legislature's committee is a body, not a forum
    return orgs.get(f"label:{type_}:{norm_key(text)}", type_, text, country)


def _owner_at(st: DocState, i: int) -> bool:
    """Token ``i`` ends a country's or a known body's name ("the Philippines'")."""
    return i in st.tok_org or i in st.tok_country


def _owner_last(st: DocState, span: Any, head: dict, type_: str) -> str | None:
    """"Angkatan Pertahanan Australia": an Indonesian body's name opened by its head
    word ends with its owner's country (not a pair of them: "Korea-AS")."""
    last = span.end - 1
    if head["position"] != "start" or type_ != "agency" or last not in st.tok_country:
        return None
    country = st.countries[st.tok_country[last]]
    if country.start > 0 and st.doc[country.start - 1].text in {"-", "–"}:
        return None
    return country.label_.split(":")[1]


def _possessive_owner(st: DocState, span: Any) -> str | None:
    """"the U.S. Army's 2nd Infantry Division", "the Philippines' Western Command": a body
    after a known body's or a country's possessive is of that country."""
    k = span.start - 1
    if k < 1 or st.doc[k].text not in {"'s", "’s", "'", "’"} or not _owner_at(st, k - 1):
        return None
    if k - 1 in st.tok_country:
        return st.countries[st.tok_country[k - 1]].label_.split(":")[1]
    return _known_agency_country(st, k - 1)


def _owner_country(st: DocState, span: Any, head: dict) -> str | None:
    """The country a name with its place belongs to: the first one it names.

    "U.S. Embassy in Seoul" is the United States', "Embassy of Indonesia in Tokyo"
    Indonesia's, the "Eighth U.S. Army" too (heads marked ``place`` and numbered
    units only; for the others a country inside is a place: "JSA Security Battalion").
    """
    if not (head.get("place") or head.get("unit")):
        return None
    inside = [c for c in st.doc.spans["kg_country"]  # also those inside "U.S. Army"
              if span.start <= c.start and c.end <= span.end]
    return min(inside, key=lambda c: c.start).label_.split(":")[1] if inside else None


def _named_just_before(st: DocState, span: Any, clusters: Any) -> Cluster | None:
    """The forum a bracketed short name follows: "... Ministerial Meeting (2+2)"."""
    if span.start < 1 or st.doc[span.start - 1].text != "(":
        return None
    return next((c for c in clusters if c.type == "forum"
                 and any(e == span.start - 1 for _s, e, _ in c.mentions)), None)


def _pair_forum(st: DocState, span: Any, entry: dict[str, Any], officials: list[Cluster],
                get: Any) -> Cluster | None:
    """A forum named by the two countries whose ministers meet ("2+2", "dua plus dua").

    The pair comes from countries written next to the mention ("RI-Jepang", "with
    Japan"), then from the officials of the sentence, then of the document. A pair
    with a name of its own (``by_pair`` in the data) takes it; otherwise the label
    is ``pair_label`` with the two short country names, the press's own country
    first, one marked ``pair_last`` (the U.S.) last, else the country the article's
    officials mostly serve first. ``None`` with no pair.
    """
    codes = _pair_countries(st, span, officials)
    if len(codes) < 2:
        return None
    gid = entry.get("by_pair", {}).get("+".join(sorted(codes)))
    if gid:
        g = st.lex.gazetteer[gid]
        return get(gid, g["type"], g["label"], g.get("country"))
    names = [st.lex.countries[c].get("short") or st.lex.countries[c]["name"] for c in codes]
    label = entry["pair_label"].format(a=names[0], b=names[1])
    return get(f"label:{entry['type']}:{norm_key(label)}", entry["type"], label, None)


def _pair_countries(st: DocState, span: Any, officials: list[Cluster]) -> list[str]:
    """The two country codes a pair-named forum mention stands for, in label order."""
    doc = st.doc
    sent = doc[span.start].sent
    by_distance = sorted((i for i in range(sent.start, sent.end) if i in st.tok_country),
                         key=lambda i: min(abs(i - span.start), abs(i - span.end)))
    near = list(dict.fromkeys(st.countries[st.tok_country[i]].label_.split(":")[1]
                              for i in by_distance))
    named = Counter(c.label_.split(":")[1] for c in st.countries)
    serving = Counter(c.country for c in officials if c.type == "official" and c.country)
    in_sentence = [c.country for c in officials if c.type == "official" and c.country
                   and any(st.sent_of[s] == st.sent_of[span.start] for s, _e, _ in c.mentions)]
    ranked = [code for code, _n in serving.most_common()]
    home = [st.home] if st.home else []
    codes = list(dict.fromkeys(near + in_sentence + ranked + [c for c, _n in named.most_common()]
                               + home))  # the press's own country comes last
    codes = [c for c in codes if c in st.lex.countries][:2]
    last = {c for c in codes if st.lex.countries[c].get("pair_last")}  # "Korea-U.S."
    return sorted(codes, key=lambda c: (c not in home, c in last, -serving[c], c))


def _rank_service(st: DocState, span: Any) -> bool:
    """An acronym that belongs to the rank before it: "Brigjen TNI", "Laksda TNI"."""
    k = span.start - 1
    if k < 0 or k not in st.tok_title or not span.text.isupper():
        return False
    title = st.titles[st.tok_title[k]]
    return bool(st.lex.title(title.label_).get("rank"))


def _compound_part(st: DocState, span: Any) -> bool:
    """An acronym that only starts a hyphenated name: "ARF" in "(ARF-DIREx)" is the
    exercise's acronym, not the forum's ("USFK-led" still names USFK)."""
    doc, end = st.doc, span.end
    return len(span) == 1 and span.text.isupper() and end + 1 < len(doc) \
        and doc[end].text == "-" and not span[-1].whitespace_ \
        and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper()


def _merge_prefix_names(clusters: dict[str, Cluster], lex: Lexicon) -> None:
    """"Pertemuan 2+2" joins "Pertemuan 2+2 Indonesia-Jepang" named in the same document.

    So does a name after its countries: "Extended Deterrence Dialogue" joins
    "Japan-U.S. Extended Deterrence Dialogue".
    """
    names = {n.casefold() for c in lex.countries.values()
             for lang in languages() for n in c.get(lang, [])}
    plain = [(k, c) for k, c in clusters.items() if k.startswith("label:")]

    def qualified(long: str, short: str) -> bool:
        prefix = long[: -len(short)] if long.endswith(" " + short) else ""
        parts = [p for p in re.split(r"[-–\s]+", prefix.casefold()) if p]
        return bool(parts) and all(p in names for p in parts)

    for key, short in list(plain):  # "Komisi I DPR" is "Komisi I Dewan Perwakilan Rakyat"
        spelled = [c for _k, c in plain if c is not short and _acronym_tail(c.name, short.name)]
        if len(spelled) == 1:
            _join_into(spelled[0], short)
            del clusters[key]
            plain.remove((key, short))
    for key, short in plain:
        longer = [c for k, c in plain if c is not short and c.type == short.type
                  and (c.name.startswith(short.name + " ") or qualified(c.name, short.name))]
        if len(longer) == 1:
            _join_into(longer[0], short)
            del clusters[key]


def _join_into(target: Cluster, other: Cluster) -> None:
    target.mentions.extend(other.mentions)
    target.aliases.update(other.aliases)


def _acronym_tail(long: str, short: str) -> bool:
    """``short`` is ``long`` with its last words written as their acronym: "Komisi I DPR"
    of "Komisi I Dewan Perwakilan Rakyat" (the same first words, at least one)."""
    lw, sw = long.split(), short.split()
    n = len(sw) - 1
    if n < 1 or len(lw) <= len(sw) or lw[:n] != sw[:n] or not ACRONYM.match(sw[-1]) \
            or not sw[-1].isupper():
        return False
    tail = [w for w in lw[n:] if w[:1].isupper()]
    return "".join(w[0] for w in tail) == sw[-1]


def _merge_known_acronym(st: DocState, clusters: dict[str, Cluster]) -> None:
    """"Latihan Multilateral Komodo (MNEK)": a name found around a head word, followed by
    a known body's acronym in brackets, is that body (of the same type)."""
    doc = st.doc
    by_key = {c.key: c for c in clusters.values() if c.key}
    for key, cl in list(clusters.items()):
        if not key.startswith("label:"):
            continue
        for _s, e, _ in cl.mentions:
            if e + 2 >= len(doc) or doc[e].text != "(" or doc[e + 2].text != ")" \
                    or e + 1 not in st.tok_org:
                continue
            label = st.orgs[st.tok_org[e + 1]].label_
            target = by_key.get(label[4:]) if label.startswith("gaz:") else None
            if target is not None and target.type == cl.type and target is not cl:
                target.mentions.extend(cl.mentions)
                target.aliases.update(cl.aliases)
                for k in [k for k, c in clusters.items() if c is cl]:
                    del clusters[k]
                break


def _owner_by_possessive(st: DocState, clusters: Any) -> None:
    """"the Defense Ministry's Defense Policy Office": a body with no country, written
    after another body's possessive, is of that body's country (known once the
    country-dependent name before it is resolved)."""
    ends = {e: c for c in clusters for _s, e, _ in c.mentions if c.country}
    for cl in clusters:
        if cl.country is None and cl.type == "agency":
            cl.country = next((ends[s - 1].country for s, _e, _ in cl.mentions
                               if s > 1 and st.doc[s - 1].text in {"'s", "’s"}
                               and s - 1 in ends), None)


def _acronyms(st: DocState, clusters: list[Cluster]) -> None:
    """"Long Form (ACR)" and "long form, atau ACR": later uses of ACR join the entity."""
    doc = st.doc
    covered = {t for c in clusters for s, e, _ in c.mentions for t in range(s, e)}
    defined: dict[str, Cluster] = {}
    for cl in clusters:
        for _s, e, _ in list(cl.mentions):
            acr = None
            if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")" \
                    and ACRONYM.match(doc[e + 1].text) and doc[e + 1].text.isupper():
                acr = doc[e + 1].text
            elif e + 2 < len(doc) and doc[e].text == "," \
                    and doc[e + 1].lower_ in st.words["alternative_cue"] \
                    and doc[e + 2].text.isupper() and ACRONYM.match(doc[e + 2].text):
                acr = doc[e + 2].text
            if acr:
                defined[acr] = cl
                cl.aliases[acr] += 0
    if not defined:
        return
    for tok in doc:
        cl = defined.get(tok.text)
        if cl is not None and tok.i not in covered:
            cl.mentions.append((tok.i, tok.i + 1, st.sent_of[tok.i]))
            cl.aliases[tok.text] += 1


class OrgClusterer(Component):
    """``kg_orgs``: reads the ``kg_org`` spans and ``doc._.kg_people``; sets ``doc._.kg_orgs``.

    A list of :class:`~kg.pipes.view.Cluster` of type ``agency`` or ``forum`` (ids
    ``o0``, ``o1``, ...; ``key`` is the gazetteer id when there is one), with
    mentions, aliases (acronyms and "55th SCM" included) and ordinals.
    """

    def match(self, doc: Any) -> list[Cluster]:
        return cluster_orgs(self.state(doc), doc._.kg_people or [])

    def set_annotations(self, doc: Any, orgs: list[Cluster]) -> None:
        doc._.kg_orgs = orgs


@Language.factory("kg_orgs", default_config={"lang": "en"})
def make_org_clusterer(nlp: Language, name: str, lang: str) -> OrgClusterer:
    """Factory for :class:`OrgClusterer`."""
    return OrgClusterer(nlp, name, lang)
