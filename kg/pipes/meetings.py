"""``kg_meetings``: officials who meet, sentence by sentence.

A strong meeting word ("met", "bertemu") links the officials of its clause; a weak
one ("held talks") only officials named together ("A and B"); an escort word
("accompanied by") only officials of different countries; delegation leaders
("led the delegation") meet each other. A negated sentence ("cancelled", "batal")
gives no meeting, and a spokesperson reports a meeting rather than holding it.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from spacy.language import Language

from kg.pipes.frames import Frames, SentenceFrame
from kg.pipes.view import Component, DocState, Occurrence, add_relations, relation


def sentence_meetings(st: DocState, frames: Frames, f: SentenceFrame,
                      out: list[tuple[int, Any]]) -> None:
    """The meetings one sentence tells of, appended to ``out``."""
    if f.negated:
        return
    trig, i = f.triggers, f.index
    if f.delegation and len(f.leaders) >= 2:
        for a, b in combinations(f.leaders, 2):
            relation(st, "meeting", a, b, i, f.delegation, out)
    elif f.strong and len(f.ids_all) >= 2 and not _locally_negated(st, trig) \
            and _strong_meetings(st, frames, f, out):
        return
    elif f.escort and len(f.ids_all) >= 2:  # an entourage does not meet its own principal
        country = {c.id: c.country for c in frames.officials}
        for a, b in _clause_pairs(st, st.sents[i], f.mentions, f.group, trig,
                                  "trig:meeting:escort"):
            if country.get(a) and country.get(b) and country[a] != country[b]:
                relation(st, "meeting", a, b, i, f.escort, out)
    elif f.weak:
        for group_ids in _coordination_groups(st, _outside_asides(st, f)):
            for a, b in combinations(group_ids, 2):
                relation(st, "meeting", a, b, i, f.weak, out)
        for a, b, word in _weak_objects(st, f):
            relation(st, "meeting", a, b, i, word, out)


def _strong_meetings(st: DocState, frames: Frames, f: SentenceFrame,
                     out: list[tuple[int, Any]]) -> bool:
    """The pairs of the clauses of strong meeting words; False when there are none, so a
    weaker word of another clause may still tell one ("A and B toured the base, a day
    after the two held talks"), unless the sentence tells a condition ("if")."""
    entourage = _entourage(st, frames, f) | _hosts(st, frames, f)
    found = False
    for a, b in _clause_pairs(st, st.sents[f.index], f.mentions, f.group, f.triggers):
        if a not in frames.reporters and b not in frames.reporters \
                and frozenset((a, b)) not in entourage:  # spokespersons report
            relation(st, "meeting", a, b, f.index, f.strong, out)
            found = True
    return found or any(t.lower_ in st.classes("hypothetical_cue") for t in st.sents[f.index])


def _outside_asides(st: DocState, f: SentenceFrame) -> list[Occurrence]:
    """The officials not named in a relative clause ("yang", "which", ``aside_opener``)
    that follows the sentence's first weak meeting word: "A menghadiri ADMM-Plus yang akan
    melibatkan B dan C" tells nothing B and C do together."""
    doc = st.doc
    first = min(sp.start for sp in f.triggers.get("trig:meeting:weak", []))
    opener = next((t.i for t in doc[first:st.sents[f.index].end]
                   if t.lower_ in st.classes("aside_opener")), None)
    if opener is None:
        return f.mentions
    end = next((t.i for t in doc[opener:st.sents[f.index].end] if t.text == ","),
               st.sents[f.index].end)
    return [m for m in f.mentions if not opener < m[1] < end]


def _weak_objects(st: DocState, f: SentenceFrame) -> list[tuple[str, str, str]]:
    """"X visited Y", "X discussed the alliance with Y", "X membahas kerja sama dengan Y":
    a weak meeting word whose object is an official, named right after it (past titles)
    or after a comitative word (``comitative``: "with", "dengan") a few words on, with no
    comma between, and no negator just before the word; the official named last before
    the word meets that one. After a ``possessed_noun`` ("kunjungan") the official named
    right after is the visitor, not the one visited."""
    doc, out = st.doc, []
    ordered = sorted(f.mentions, key=lambda m: m[1])
    w = st.lex.windows["negation_tokens"]
    for sp in f.triggers.get("trig:meeting:weak", []):
        if any(t.lower_ in st.words["negator"] for t in doc[max(sp.sent.start, sp.start - w):
                                                              sp.start]):
            continue  # "tidak akan menghadiri pertemuan dengan Y", "did not visit Y"
        before = [m for m in ordered if m[2] <= sp.start]
        after = [m for m in ordered if m[1] >= sp.end]
        if not before or not after or before[-1][0] == after[0][0]:
            continue
        k = after[0][1] - 1
        while k >= sp.end and _in_title_chain(st, k):
            k -= 1  # back over "U.S. Defense Secretary"
        gap = doc[sp.end:k + 1]
        if k < sp.end and sp[-1].lower_ in st.classes("possessed_noun"):
            continue  # "rencana kunjungan Menhan Y": Y's visit, not a visit to Y
        if k < sp.end or (doc[k].lower_ in st.classes("comitative") and len(gap) <= st.lex.windows[
                "comitative_tokens"] and not any(t.text in {",", ";"} for t in gap)):
            out.append((before[-1][0], after[0][0], sp.text))
    return out


def _in_title_chain(st: DocState, k: int) -> bool:
    """Token ``k`` belongs to a title chain: a title, country, agency, role word or "his"
    (not "of": "the visit of Y" makes Y the visitor, not the one visited)."""
    t = st.doc[k]
    return k in st.tok_title or k in st.tok_country or k in st.tok_org \
        or (t.text in st.role_words and t.is_title) or t.lower_ in st.words["possessive_determiner"]


def _entourage(st: DocState, frames: Frames, f: SentenceFrame) -> set[frozenset[str]]:
    """Pairs of one country across an escort word ("Jokowi didampingi Menhan Ryamizard"),
    and the two officials either side of a relative clause's escort word when a country
    is not known ("Defense Minister Kim, who accompanied Yoon, held talks with ...";
    not "Trump met Kim, accompanied by Moon": Moon came with Trump, and met Kim).

    Whoever accompanies an official does not meet that official, even in a sentence
    that tells of a meeting ("Dalam pertemuan ..., Jokowi didampingi ...").
    """
    spans = f.triggers.get("trig:meeting:escort", [])
    if not spans:
        return set()
    at = spans[0].start
    # an official the press names with no country is of the press's own (Indonesian news)
    country = {c.id: c.country or st.home for c in frames.officials}
    before = {m[0] for m in f.mentions if m[1] < at}
    after = {m[0] for m in f.mentions if m[1] > at}
    pairs = {frozenset((a, b)) for a in before for b in after
             if a != b and country.get(a) and country.get(a) == country.get(b)}
    near = ([m[0] for m in sorted(f.mentions, key=lambda m: m[1]) if m[1] < at][-1:]
            + [m[0] for m in sorted(f.mentions, key=lambda m: m[1]) if m[1] > at][:1])
    relative = at > 0 and st.doc[at - 1].lower_ in st.classes("relative_pronoun")
    if relative and len(set(near)) == 2 and not (country.get(near[0]) and country.get(near[1])):
        pairs.add(frozenset(near))  # "Kim, who accompanied Yoon": the two either side
    return pairs | _companions(st, f, at)


def _companions(st: DocState, f: SentenceFrame, at: int) -> set[frozenset[str]]:
    """"A, who was accompanied by B, met C", "A yang didampingi B bertemu C": B, named
    between an escort word after A and the first strong meeting word, came with A; B
    meets neither A nor C (the heads meet)."""
    first = min(sp.start for sp in f.triggers["trig:meeting:strong"])
    esc_end = next(sp.end for sp in f.triggers["trig:meeting:escort"] if sp.start == at)
    if not (any(m[2] <= at for m in f.mentions) and esc_end < first):
        return set()
    ids = {m[0] for m in f.mentions}
    came = {m[0] for m in f.mentions if esc_end <= m[1] < first}
    return {frozenset((c, other)) for c in came for other in ids - came}


def _hosts(st: DocState, frames: Frames, f: SentenceFrame) -> set[frozenset[str]]:
    """Pairs of one side among those one subject meets: "Austin met Defense Minister
    Prabowo and TNI commander Andika" (Prabowo-Andika is no meeting), unlike "Hagel
    met Onodera and Kim" (two countries: a trilateral meeting).

    With one official named before the sentence's first strong meeting word, two of
    those named after it in its clause meet each other only when both countries are
    known and differ; an escort of the subject ("..., accompanied by Moon") is not
    among them.
    """
    first = min(sp.start for sp in f.triggers["trig:meeting:strong"])
    subjects = {m[0] for m in f.mentions if m[2] <= first}
    if f.group or len(subjects) != 1:
        return set()
    escorts = [sp.start for sp in f.triggers.get("trig:meeting:escort", []) if sp.start > first]
    sent = st.sents[f.index]
    breaks = st.classes("clause_break")
    stop = next((t.i for t in st.doc[first:sent.end] if t.lower_ in breaks), sent.end)
    objects = {m[0] for m in f.mentions if first < m[1] < stop and m[0] not in subjects
               and not any(e < m[1] for e in escorts)}
    country = {c.id: c.country or st.home for c in frames.officials}
    return {frozenset((a, b)) for a, b in combinations(sorted(objects), 2)
            if not (country.get(a) and country.get(b) and country[a] != country[b])}


def _bracketed(doc: Any, lo: int, hi: int) -> set[int]:
    """The tokens inside round brackets between ``lo`` and ``hi``: an aside ("(L)")."""
    inside, depth = set(), 0
    for t in doc[lo:hi]:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif depth:
            inside.add(t.i)
    return inside


def _coordinated(st: DocState, a: Occurrence, b: Occurrence) -> bool:
    """True when only punctuation, fillers and one coordinator stand between two mentions."""
    first, second = (a, b) if a[1] < b[1] else (b, a)
    aside = _bracketed(st.doc, first[2], second[1])  # "Teodoro (2nd from L) and Austin"
    between = [t for t in st.doc[first[2]:second[1]]
               if t.lower_ not in st.words["filler"] and not t.is_punct and t.i not in aside
               and t.i not in st.tok_country
               and t.i not in st.tok_title and t.i not in st.tok_org and not t.is_space
               and t.i not in st.former_toks and not _in_chain(st, t)
               and (t.lower_ in st.words["coordinator"] or t.text not in st.role_words)]
    if not between:  # "Shin, Kihara and Austin": a comma list
        gap = st.doc[first[2]:second[1]]
        return any(t.text == "," for t in gap) \
            and len(gap) <= st.lex.windows["comma_list_max_tokens"]
    return len(between) <= 2 and all(t.lower_ in st.words["coordinator"] for t in between)


def _in_chain(st: DocState, t: Any) -> bool:
    """A preposition inside a title chain: "to" in "Ambassador to Seoul"."""
    return t.lower_ in st.words["chain_preposition"] and t.i - 1 in st.tok_title \
        and (t.i + 1 in st.tok_country or t.i + 1 in st.tok_org)


def _clause_pairs(st: DocState, sent: Any, mentions: list[Occurrence], group: list[str],
                  trig: dict[str, list[Any]], label: str = "trig:meeting:strong"
                  ) -> list[tuple[str, str]]:
    """Pairs of officials in the same clause as a strong meeting trigger.

    "A and B met on Sunday, after C and D held talks": clauses split at "after",
    "before", "while", "setelah", "sementara" ... (``clause_break`` words), so A-B and
    C-D are meetings but A-C is not. Group references count in their own clause.
    """
    breaks = _clause_words(st)
    bounds = [t.i for t in sent if t.lower_ in breaks and t.i > sent.start
              and not _addressed(st, t.i, mentions)]
    opening = _opening_clause_end(st, sent, breaks)
    bounds = sorted({*bounds, opening} - {None})
    edges = [sent.start, *bounds, sent.end]

    def clause(i: int) -> int:
        return max(k for k, b in enumerate(edges[:-1]) if b <= i)

    strong_at = {clause(t.start) for t in trig.get(label, [])} - _hypothetical(st, edges)
    members: dict[int, list[str]] = defaultdict(list)
    for cid, start, _end, _poss in sorted(mentions, key=lambda m: m[1]):
        members[clause(start)].append(cid)
    for name, spans in trig.items():
        if name.startswith("trig:group:") and group:
            members[clause(spans[0].start)].extend(group)
    for k in strong_at - {0}:
        carried = _carried_subject(st, edges[k], mentions, trig.get(label, []), edges[k + 1])
        if carried is not None:
            members[k].insert(0, carried)
    if opening is not None and 0 in strong_at:  # "Sebelum bertemu Ahn, Sjafrie ...": Sjafrie
        main = [m[0] for m in sorted(mentions, key=lambda m: m[1]) if m[1] >= opening]
        members[0][:0] = main[:1]
    separate = _separate(st, sent)
    pairs: list[tuple[str, str]] = []
    between = st.lex.word_class("any", "between_word")
    for k in strong_at:
        ids = list(dict.fromkeys(members.get(k, [])))
        named = [sp.end for sp in trig.get(label, []) if clause(sp.start) == k
                 and sp[-1].lower_ in between]
        after = list(dict.fromkeys(
            cid for cid, start, _e, _p in sorted(mentions, key=lambda m: m[1])
            if named and clause(start) == k and start >= named[0]))
        if len(after) >= 2:  # "the summit between Biden and Moon": those two, not the subject
            ids = after
        if separate and ids:  # "A held separate talks with B and with C": not B-C
            first_trigger = min(t.start for t in trig.get(label, []))
            subject_first = any(cid == ids[0] and start < first_trigger
                                for cid, start, _e, _p in mentions)
            if subject_first:
                pairs.extend((ids[0], other) for other in ids[1:])
        else:
            pairs.extend(combinations(ids, 2))
    return pairs


def _separate(st: DocState, sent: Any) -> bool:
    """The sentence tells of meetings held apart: a ``separate_cue`` word ("separately",
    "masing-masing"), a ``separate_phrase`` ("in recent months", "dalam beberapa bulan
    terakhir"), or two different days of the week ("met A on Monday and, on Wednesday, B")."""
    if any(t.lower_ in st.words["separate_cue"] for t in sent):
        return True
    text = " " + " ".join(t.lower_ for t in sent) + " "
    if any(f" {p} " in text for p in st.classes("separate_phrase")):
        return True
    return len({t.lower_ for t in sent if t.lower_ in st.classes("weekday")}) >= 2


def _clause_words(st: DocState) -> set[str]:
    """The words that open a clause: ``clause_break`` ("after", "setelah"), ``speech_verb``
    ("said", "recalling", "mengatakan": "Kim said Lee had met Ito" does not put Kim at the
    meeting) and ``hypothetical_cue`` ("if", "jika")."""
    return st.classes("clause_break") | st.classes("speech_verb") | st.classes("hypothetical_cue")


def _addressed(st: DocState, i: int, mentions: list[Occurrence]) -> bool:
    """The speech verb at ``i`` (an ``address_verb``: "told", not "said") has an official
    as its object ("Ahn told Defense Secretary Hegseth during their meeting ..."): the two
    speak together, the verb opens no clause."""
    if st.doc[i].lower_ not in st.classes("address_verb"):
        return False
    nxt = min((m[1] for m in mentions if m[1] > i), default=None)
    return nxt is not None and all(_in_title_chain(st, k) for k in range(i + 1, nxt))


def _hypothetical(st: DocState, edges: list[int]) -> set[int]:
    """The clauses a ``hypothetical_cue`` opens: "If Trump meets Kim, ...", "jika Prabowo
    bertemu Trump": a condition, not a meeting (also "whether" in "unclear whether")."""
    words = st.classes("hypothetical_cue")
    out = set()
    for k, b in enumerate(edges[:-1]):
        first = next((t for t in st.doc[b:edges[k + 1]] if not (t.is_punct or t.is_space)), None)
        if first is not None and first.lower_ in words:
            out.add(k)
    return out


def _opening_clause_end(st: DocState, sent: Any, breaks: set[str]) -> int | None:
    """The comma that ends a clause opening the sentence with a clause word ("Before
    meeting Ahn, Sjafrie called on ...", "Sebelum bertemu Ahn, Sjafrie ..."), if any."""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words or words[0].lower_ not in breaks:
        return None
    return next((t.i for t in sent if t.text == "," and t.i > words[0].i), None)


def _carried_subject(st: DocState, b: int, mentions: list[Occurrence], spans: list[Any],
                     end: int) -> str | None:
    """The official a clause opened at token ``b`` speaks of without naming again.

    "Minister Kim, who will meet Y": a relative pronoun (``relative_pronoun`` in the
    lexicon) right after the official. "kata Hagel setelah bertemu Y", "X said after
    meeting Y": the meeting word follows the clause word, so the clause has no
    subject of its own and takes the last official named before it.
    """
    words = st.classes("relative_pronoun")
    before = [m for m in mentions if m[2] <= b and st.sent_of[m[1]] == st.sent_of[b]]
    if not before:
        return None
    last = max(before, key=lambda m: m[1])
    if st.doc[b].lower_ in words:
        gap = st.doc[last[2]:b]
        return last[0] if all(t.is_punct for t in gap) else None
    elided = any(b < sp.start <= b + 2 and sp.start < end for sp in spans)
    return last[0] if elided else None


def _locally_negated(st: DocState, trig: dict[str, list[Any]]) -> bool:
    """Every strong meeting trigger of the sentence has a negator within four words.

    "did not pay a courtesy call", "No separate talks were planned",
    "pertemuan bilateral ... belum dijadwalkan".
    """
    spans = trig.get("trig:meeting:strong", [])
    negators = st.words["negator"]
    doc = st.doc

    def negated(span: Any) -> bool:
        w = st.lex.windows["negation_tokens"]
        lo, hi = max(span.sent.start, span.start - w), min(span.sent.end, span.end + w)
        return any(doc[k].lower_ in negators for k in range(lo, hi))

    return bool(spans) and all(negated(sp) for sp in spans)


def _coordination_groups(st: DocState, mentions: list[Occurrence]) -> list[list[str]]:
    """Officials joined into lists ("Yoon, Biden and Kishida") by adjacent coordination."""
    ordered = sorted(mentions, key=lambda m: m[1])
    if not ordered:
        return []
    groups: list[list[str]] = []
    current: list[str] = []
    for prev, cur in zip([None, *ordered[:-1]], ordered, strict=True):
        if prev is not None and prev[0] != cur[0] and _coordinated(st, prev, cur):
            current.append(cur[0])
        else:
            if len(set(current)) > 1:
                groups.append(list(dict.fromkeys(current)))
            current = [cur[0]]
    if len(set(current)) > 1:
        groups.append(list(dict.fromkeys(current)))
    return groups


class MeetingFinder(Component):
    """``kg_meetings``: reads ``doc._.kg_frames``; adds ``meeting`` relations to
    ``doc._.kg_relations``."""

    def match(self, doc: Any) -> list[tuple[int, Any]]:
        st, frames = self.state(doc), doc._.kg_frames
        out: list[tuple[int, Any]] = []
        for frame in frames.sentences.values():
            sentence_meetings(st, frames, frame, out)
        return out

    def set_annotations(self, doc: Any, found: list[tuple[int, Any]]) -> None:
        add_relations(doc, 0, 0, found)


@Language.factory("kg_meetings", default_config={"lang": "en"})
def make_meeting_finder(nlp: Language, name: str, lang: str) -> MeetingFinder:
    """Factory for :class:`MeetingFinder`."""
    return MeetingFinder(nlp, name, lang)
