"""``kg_frames``: what each sentence says, for the relation components.

One :class:`SentenceFrame` per sentence that names an official, an agency or a
forum, or holds a trigger word (``kg/data/LANG/triggers.jsonl``): who is named
and who acts (a pronoun stands for an official named before; "on behalf of X"
names someone who is not there), whom a group reference means ("the two defense
ministers"), which forum a reference such as "the talks" means, which trigger
words it holds and whether it is negated. :class:`Forums` answers where forums
are named in the document. The meeting, attendance and co-appearance components
read these frames and add relations; none of them reads another's output.
"""

from __future__ import annotations

import re

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

from kg.pipes.view import (
    POSSESSIVE, Cluster, Component, DocState, Occurrence, is_cap, is_exercise,
)


#: the key of ``SentenceFrame.triggers`` for a meeting noun next to a forum's name: it
#: places the sentence at the forum but does not make its officials meet
NAMES_FORUM = "trig:meeting:names_forum"


@dataclass
class SentenceFrame:
    """One sentence's officials, forums, agencies, triggers and what they mean.

    ``officials`` are every official named (cluster id, start, end, possessive);
    ``mentions`` those who act; ``group`` the officials a group reference means;
    ``ids_all`` both, without repeats; ``named_forums`` the forums named in the
    sentence and ``forums`` those plus one a reference ("the meeting") means, with
    ``session`` set when the reference names another session ("its inaugural
    meeting"). ``strong`` / ``weak`` / ``escort`` / ``delegation`` hold the text of
    the sentence's first trigger of that strength; ``leaders`` lead a delegation.
    """

    index: int = 0
    officials: list[Occurrence] = field(default_factory=list)
    named_forums: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    triggers: dict[str, list[Any]] = field(default_factory=dict)
    mentions: list[Occurrence] = field(default_factory=list)
    group: list[str] = field(default_factory=list)
    ids_all: list[str] = field(default_factory=list)
    forums: list[str] = field(default_factory=list)
    session: str | None = None
    negated: bool = False
    attend_cutoff: int | None = None
    strong: str | None = None
    weak: str | None = None
    escort: str | None = None
    delegation: str | None = None
    leaders: list[str] = field(default_factory=list)


class Forums:
    """Where the document names its forums, and which forum a reference means."""

    def __init__(self, st: DocState, orgs: list[Cluster]) -> None:
        self.st = st
        #: (start token, forum id) of every forum mention, in reading order
        self.seen: list[tuple[int, str]] = sorted(
            (s, c.id) for c in orgs if c.type == "forum" for s, _e, _ in c.mentions)
        #: (end token, forum id) of every forum mention
        self.ends = [(e, c.id) for c in orgs if c.type == "forum" for _s, e, _ in c.mentions]
        self.by_id = {c.id: c for c in orgs}

    def is_exercise(self, cid: str) -> bool:
        return is_exercise(self.st, self.by_id[cid])

    def is_multilateral(self, cid: str) -> bool:
        cl = self.by_id[cid]
        return bool(cl.key and self.st.lex.gazetteer.get(cl.key, {}).get("multilateral"))

    def last(self, before: int, window: int, noun: str | None = None) -> str | None:
        """The forum a reference at ``before`` means, named in the ``window`` sentences before.

        "the forum" / "the summit" / "the round" only mean forums whose names fit
        (``anaphor_match`` in the lexicon), "the exercise" any named exercise too
        (``exercise_noun``); "the event", "kegiatan tersebut" (``event_noun``) mean the
        last forum of any kind; "the meeting" prefers a bilateral or small meeting over a
        multilateral gathering named nearby.
        """
        st = self.st
        sent = st.sent_of[before] if before < len(st.doc) else len(st.sents)
        prior = [cid for s, cid in self.seen
                 if s < before and sent - st.sent_of[s] <= window]
        noun = (noun or "").lower()
        fits = st.lex.anaphor_match.get(noun)
        if noun in st.classes("event_noun"):
            return self._last_event(before, prior)
        if noun in st.classes("exercise_noun"):
            prior = [cid for cid in prior if self.is_exercise(cid)]
        elif fits is not None:
            prior = [cid for cid in prior if not fits.isdisjoint(self._words(cid))]
        else:
            prior = [cid for cid in prior if not self.is_exercise(cid)]
            small = [cid for cid in prior if not self.is_multilateral(cid)]
            prior = small or prior
        return prior[-1] if prior else None

    def _last_event(self, before: int, prior: list[str]) -> str | None:
        """"kegiatan tersebut", "the event": the forum named last, of any kind, unless a
        meeting is told after it (then the event is that meeting: "A bertemu B ...
        Turut hadir dalam kegiatan ini, C")."""
        if not prior:
            return None
        named = max(s for s, cid in self.seen if cid == prior[-1] and s < before)
        told = any(named < sp.start < before and sp.label_.startswith("trig:meeting:")
                   and sp.start not in self.st.tok_org for sp in self.st.triggers)
        return None if told else prior[-1]

    def _words(self, cid: str) -> set[str]:
        """The words of a forum's name and aliases, split at hyphens too ("Meeting-Plus")."""
        c = self.by_id[cid]
        return {w for name in (c.name, *c.aliases) for w in re.split(r"[\s\-]+", name) if w}

    def near(self, sent_i: int, pos: int) -> list[str]:
        """The forum the trigger at ``pos`` governs: the next one named, else the last one."""
        here = [(s, cid) for s, cid in self.seen if self.st.sent_of[s] == sent_i]
        after = [cid for s, cid in here if s >= pos]
        before = [cid for s, cid in here if s < pos]
        return after[:1] or before[-1:]


@dataclass
class Frames:
    """``doc._.kg_frames``: the frames by sentence index (in order) and the forum index.

    ``officials`` are the document's official clusters, ``reporters`` the ids of its
    spokespersons (who report meetings, they do not hold them), ``meeting_toks`` the
    tokens of strong meeting triggers and forum references.
    """

    sentences: dict[int, SentenceFrame]
    forums: Forums
    officials: list[Cluster]
    reporters: set[str]
    meeting_toks: set[int]


def build_frames(st: DocState, people: list[Cluster], orgs: list[Cluster]) -> Frames:
    """The frames of a document from its people and organisations."""
    officials = [c for c in people if c.type == "official"]
    by_sent, meeting_toks = _sentence_views(st, officials, orgs)
    forums = Forums(st, orgs)
    for sent_i in sorted(by_sent):
        by_sent[sent_i].index = sent_i
        _read_sentence(st, by_sent[sent_i], by_sent, officials, forums)
    reporters = {c.id for c in officials if c.category == "spokesperson"}
    return Frames(dict(sorted(by_sent.items())), forums, officials, reporters, meeting_toks)


def _sentence_views(st: DocState, officials: list[Cluster], orgs: list[Cluster]
                    ) -> tuple[dict[int, SentenceFrame], set[int]]:
    """Officials, forums, agencies and triggers by sentence; the meeting-word tokens."""
    doc = st.doc
    by_sent: dict[int, SentenceFrame] = defaultdict(SentenceFrame)
    for cl in officials:
        for s, e, sent in cl.mentions:
            poss = e < len(doc) and doc[e].text in POSSESSIVE
            by_sent[sent].officials.append((cl.id, s, e, poss))
    for cl in orgs:
        for _s, _e, sent in cl.mentions:
            frame = by_sent[sent]
            target = frame.named_forums if cl.type == "forum" else frame.agencies
            if cl.id not in target:
                target.append(cl.id)
    entity_toks = {t for c in orgs for s, e, _ in c.mentions for t in range(s, e)}
    forum_edges = {t for c in orgs if c.type == "forum" for s, e, _ in c.mentions
                   for t in (s - 1, e)}
    nouns = st.classes("meeting_noun")
    anaphor_toks = {t for sp in st.triggers if sp.label_ == "trig:forum_anaphor:"
                    for t in range(sp.start, sp.end)}
    meeting_toks = anaphor_toks | {t for sp in st.triggers if sp.label_ == "trig:meeting:strong"
                                   for t in range(sp.start, sp.end)}
    for trig in st.triggers:
        if any(t in entity_toks for t in range(trig.start, trig.end)):
            continue  # "Meeting" inside "Security Consultative Meeting" is a name, not a trigger
        if trig.label_.startswith("trig:meeting:") and all(
                t in anaphor_toks for t in range(trig.start, trig.end)):
            continue  # "pada pertemuan tersebut": a meeting told before, not who meets now
        label = trig.label_
        if label == "trig:meeting:weak" and any(
                sp.label_.startswith("trig:attended:") and sp.start <= trig.start
                and trig.end <= sp.end and _passive(st, sp) for sp in st.triggers):
            continue  # "was also attended by A, B and C": a list of attendees, not a meeting
        if label.startswith("trig:meeting:") and _told_before(st, trig, nouns):
            continue  # "Usai pertemuan, ...", "After the talks, ...": a meeting told before
        if label.startswith("trig:meeting:") and len(trig) == 1 \
                and trig.start in forum_edges and trig[0].lower_ in nouns:
            label = NAMES_FORUM  # "Pertemuan 2+2", "the SCM meeting": it names the forum
        by_sent[st.sent_of[trig.start]].triggers.setdefault(label, []).append(trig)
    return dict(by_sent), meeting_toks


def _told_before(st: DocState, trig: Any, nouns: set[str]) -> bool:
    """A bare meeting noun after a time word, closing its phrase: "Usai pertemuan, ...".

    It dates what follows by a meeting the article told of already; it is not a new
    meeting of the sentence's officials ("After meeting Kim, Austin ..." is).
    """
    doc = st.doc
    k = trig.start - 1
    while k >= 0 and doc[k].lower_ in st.words["definite"]:
        k -= 1
    return len(trig) == 1 and trig[0].lower_ in nouns and k >= 0 \
        and doc[k].lower_ in st.classes("time_preposition") \
        and trig.end < len(doc) and doc[trig.end].is_punct


def _read_sentence(st: DocState, frame: SentenceFrame, by_sent: dict[int, SentenceFrame],
                   officials: list[Cluster], forums: Forums) -> None:
    """Fill in who acts in the sentence, whom a group means, and the triggers' texts."""
    trig = frame.triggers
    frame.negated = any(not _in_aside(st, sp) for sp in trig.get("trig:negation:all", []))
    frame.attend_cutoff = trig["trig:negation:attended"][0].start \
        if "trig:negation:attended" in trig else None
    mentions = [m for m in frame.officials if (not m[3] or _owns_meeting(st, m, trig))
                and not _is_proxy(st, m[1])]
    mentions = _before_topic(trig, mentions)
    pronoun = _pronoun_subject(st, frame.index, trig, mentions, by_sent) \
        or _title_subject(st, frame.index, trig, mentions, officials)
    if pronoun is not None:
        mentions.append(pronoun)
    frame.mentions = mentions
    ids = list(dict.fromkeys(m[0] for m in mentions))
    for label, spans in trig.items():
        if label.startswith("trig:group:"):
            parts = label.split(":")
            count = int(parts[3]) if len(parts) > 3 else 2
            frame.group = _group_members(st, parts[2], officials, spans[0].start,
                                         count) or frame.group
    frame.ids_all = list(dict.fromkeys(ids + frame.group))
    frame.forums = list(frame.named_forums)
    _forum_reference(st, frame, forums)
    frame.strong = _first(trig, "trig:meeting:strong")
    frame.delegation = _first(trig, "trig:attended:delegation")
    frame.weak = _first(trig, "trig:meeting:weak")
    frame.escort = _first(trig, "trig:meeting:escort")
    frame.leaders = _delegation_leaders(st, mentions, trig) if frame.delegation else []


def _owns_meeting(st: DocState, m: Occurrence, trig: dict[str, list[Any]]) -> bool:
    """"Hegseth's meeting with Teodoro", "X's first talks with Y": a possessive official
    right before a strong meeting word (at most two lower-case words between) takes part."""
    doc, after = st.doc, m[2] + 1
    for sp in trig.get("trig:meeting:strong", []):
        gap = doc[after:sp.start]
        if 0 <= len(gap) <= 2 and sp.start >= after \
                and all(t.is_lower and t.is_alpha for t in gap):
            return True
    return False


def _in_aside(st: DocState, span: Any) -> bool:
    """The span stands in a relative clause set off by commas ("Hegseth, who skipped last
    year's meeting, is expected to meet ..."; ``aside_opener``: "who", "which", "yang"):
    what it negates is the aside, not the sentence."""
    doc, sent = st.doc, span.sent
    opening = next((k for k in range(span.start - 1, sent.start, -1) if doc[k].text == ","),
                   None)
    if opening is None or doc[opening + 1].lower_ not in st.classes("aside_opener"):
        return False
    return any(t.text == "," for t in doc[span.end:sent.end])


def _forum_reference(st: DocState, frame: SentenceFrame, forums: Forums) -> None:
    """"the meeting", "pertemuan itu": the forum named before, when the sentence names none."""
    trig = frame.triggers
    if frame.forums or "trig:forum_anaphor:" not in trig:
        return
    anaphor = trig["trig:forum_anaphor:"][0]
    introduces = any(sp.start == anaphor.end for sp in trig.get("trig:attended:after_forum", []))
    if not (frame.group or introduces or not _opens_sentence(st, anaphor)):
        return  # "The meeting preceded ...": what it was, not who took part
    if _placed_before(st, anaphor.start):
        return  # "Before the session, Cho called on Hicks": not at the session
    nouns = st.lex.anaphor_match.keys() | st.classes("event_noun") | st.classes("exercise_noun")
    noun = next((t.text for t in anaphor if t.lower_ in nouns), None)
    f = forums.last(anaphor.start, window=st.lex.windows["forum_reference_sentences"], noun=noun)
    if f:
        frame.forums.append(f)
        if any(t.lower_ in st.words["session_word"] for t in anaphor):
            frame.session = anaphor.text.lower()  # "its inaugural meeting": another session


def _group_members(st: DocState, cat: str, officials: list[Cluster], before: int,
                   count: int = 2) -> list[str]:
    cands = [c for c in officials if c.type == "official" and not c.former
             and any(m[0] < before for m in c.mentions)]
    if cat in st.lex.group_categories:  # "the two defense ministers": defense only
        kept = [c for c in cands if c.category in st.lex.group_categories[cat]]
        cands = kept + _met_partners(st, kept, cands, count - len(kept))
    if len(cands) < count:
        return []
    ranked = sorted(cands, key=lambda c: (-len(c.mentions),
                                          -max(m[0] for m in c.mentions if m[0] < before)))
    return [c.id for c in ranked[:count]]


def _met_partners(st: DocState, kept: list[Cluster], cands: list[Cluster], need: int
                  ) -> list[Cluster]:
    """Officials of another office who met one of ``kept`` (named in one sentence with a
    strong meeting word): "Nakatani and Deputy Prime Minister Marles held talks ... The two
    defense chiefs last met in June" (Marles is also defense minister). Only ``need`` of
    them, the last named first, when ``kept`` falls short of the group's count."""
    if need <= 0 or not kept:
        return []
    strong = {st.sent_of[sp.start] for sp in st.triggers if sp.label_ == "trig:meeting:strong"}
    with_kept = {sent for c in kept for _s, _e, sent in c.mentions} & strong
    partners = [c for c in cands if c not in kept
                and any(sent in with_kept for _s, _e, sent in c.mentions)]
    partners.sort(key=lambda c: -max(m[0] for m in c.mentions))
    return partners[:need]


def _pronoun_subject(st: DocState, sent_i: int, trig: dict[str, list[Any]],
                     mentions: list[Occurrence], by_sent: dict[int, Any]) -> Occurrence | None:
    """"..., where he held talks with X": the pronoun before a meeting verb stands for an official.

    Only a subject pronoun with no name between it and the first strong meeting (or
    attendance: "He will deliver a keynote speech at the SLD") trigger counts. It means the first official named earlier in the same sentence,
    else the first one named in the previous sentence.
    """
    spans = trig.get("trig:meeting:strong", []) + trig.get("trig:attended:strong", [])
    if not spans:
        return None
    sent = st.sents[sent_i]
    pronouns = [t.i for t in sent if t.lower_ in st.words["subject_pronoun"]]
    after = [(p, min((sp.start for sp in spans if sp.start > p), default=None)) for p in pronouns]
    after = [(p, trigger) for p, trigger in after if trigger is not None
             and not any(p < m[1] < trigger for m in mentions)]
    if not after:
        return None
    p = after[0][0]
    earlier = sorted(m for m in mentions if m[1] < p)
    if earlier:
        antecedent = earlier[0][0]
    else:
        named = []
        for back in (1, 2):  # the previous sentence (a bare line break counts as none)
            prev = by_sent.get(sent_i - back)
            if prev is not None and prev.officials:
                named = sorted((m for m in prev.officials if not m[3]), key=lambda m: m[1])
                break
            if prev is not None and st.sents[sent_i - back].text.strip():
                break
        if not named:
            return None
        antecedent = named[0][0]
    return (antecedent, p, p + 1, False)


def _title_subject(st: DocState, sent_i: int, trig: dict[str, list[Any]],
                   mentions: list[Occurrence], officials: list[Cluster]) -> Occurrence | None:
    """"Menhan kemudian bertemu Menhan Australia X": a bare title with no name and no
    country, before the first strong meeting (or attendance: "Menhan kemudian menghadiri
    ...") word with no official named before it,
    stands for the official of that office named last before the sentence, of the
    press's own country or of none (a country named with the title is
    :mod:`kg.pipes.people`'s to resolve)."""
    spans = trig.get("trig:meeting:strong", []) + trig.get("trig:attended:strong", [])
    if not spans:
        return None
    first, sent, doc = min(sp.start for sp in spans), st.sents[sent_i], st.doc
    if any(m[1] < first for m in mentions):
        return None
    taken = {t for c in officials for s, e, _ in c.mentions for t in range(s, e)}
    for title in st.titles:
        if not (sent.start <= title.start and title.end <= first) or title.start in taken \
                or any(k in st.tok_country for k in (title.start - 1, title.end)) \
                or (title.end < len(doc) and is_cap(doc[title.end].text)):
            continue
        holder = _last_holder(st, st.lex.title(title.label_).get("cat"), sent.start, officials)
        if holder is not None:
            return (holder, title.start, title.end, False)
    return None


def _last_holder(st: DocState, cat: str | None, before: int, officials: list[Cluster]
                 ) -> str | None:
    """The current official of category ``cat`` and the press's country (or none) named
    last before token ``before``."""
    named = [(max(s for s, _e, _ in c.mentions if s < before), c.id) for c in officials
             if cat and c.category == cat and not c.former and c.country in (None, st.home)
             and any(s < before for s, _e, _ in c.mentions)]
    return max(named)[1] if named else None


def _before_topic(trig: dict[str, list[Any]], mentions: list[Occurrence]) -> list[Occurrence]:
    """Who acts, without those named only in what was discussed.

    "Kim met Oka on the sidelines of the DTT to discuss exchanges, including a
    visit by Defense Minister Kihara": past a topic word ("to discuss",
    "including", "membahas") that follows a meeting or attendance word and two
    officials who act, an official named there is what the meeting was about.
    """
    cues = trig.get("trig:topic:", [])
    acts = [sp.start for label, spans in trig.items()
            if label.startswith(("trig:meeting:", "trig:attended:")) for sp in spans]
    if not cues or not acts:
        return mentions
    for cue in sorted(cues, key=lambda sp: sp.start):
        before = {m[0] for m in mentions if m[2] <= cue.start}
        if cue.start > min(acts) and len(before) >= 2:
            return [m for m in mentions if m[0] in before]
    return mentions


def _is_proxy(st: DocState, start: int) -> bool:
    """An official named as the one represented: "on behalf of X", "mewakili X"."""
    doc = st.doc
    k = start  # look before the title chain: "mewakili Menteri Pertahanan ... Kim Yong Hyun"
    chain = st.tok_title.keys() | st.tok_country.keys() | st.tok_org.keys()
    while k > doc[start].sent.start and (k - 1 in chain or doc[k - 1].text in st.role_words):
        k -= 1
    window = doc[max(doc[start].sent.start, k - st.lex.windows["proxy_cue_tokens"]):start]
    return any(t.lower_ in st.words["proxy_cue"] for t in window)


def _delegation_leaders(st: DocState, mentions: list[Occurrence],
                        trig: dict[str, list[Any]]) -> list[str]:
    """Who leads a delegation: the official (or coordinated list) right before each trigger,
    or after a later passive one ("A led the Korean delegation, while the U.S. delegation
    was led by B").

    "Lee sent adviser Wi to lead the delegation": Wi leads, Lee does not.
    """
    ordered = sorted(mentions, key=lambda m: m[1])
    doc = st.doc
    leaders: list[str] = []
    previous = None
    spans = sorted(trig.get("trig:attended:delegation", []), key=lambda sp: sp.start)
    for n, span in enumerate(spans):
        stop = spans[n + 1].start if n + 1 < len(spans) else span.sent.end
        if span.start > 0 and doc[span.start - 1].lower_ in st.classes("aside_opener"):
            # "Dalam forum yang dipimpin X itu, Y ...": the aside names X alone
            stop = next((t.i for t in doc[span.end:stop] if t.text == ","), stop)
        agents = [m[0] for m in ordered if span.end <= m[1] < stop]
        if _passive(st, span) and agents:
            leaders.extend(agents)  # "..., while the U.S. delegation was led by C and D"
            previous = span.end
            continue
        lo = previous if previous is not None else span.sent.start
        senders = [k for k in range(lo, span.start) if doc[k].lower_ in st.words["sender_cue"]]
        if senders:
            lo = senders[-1]  # officials before "sent"/"mengutus" send, they do not lead
        segment = [m[0] for m in ordered if lo <= m[1] < span.start]
        if not segment and previous is None:
            after = [m[0] for m in ordered if m[1] > span.start]
            # "represented by A and B, and the U.S. side by C": every name after a passive
            segment = after if _passive(st, span) else after[:1]  # "led by X"
        leaders.extend(segment)
        previous = span.end
    return list(dict.fromkeys(leaders))


def _passive(st: DocState, span: Any) -> bool:
    """The trigger names its agents after it: "represented by", "dipimpin oleh"."""
    agents = st.lex.word_class("any", "passive_agent")
    last = span[-1].lower_
    nxt = st.doc[span.end].lower_ if span.end < len(st.doc) else ""
    return last in agents or nxt in agents


def _first(triggers: dict[str, list[Any]], label: str) -> str | None:
    """Text of the first trigger with ``label`` in a sentence, if any."""
    spans = triggers.get(label)
    return spans[0].text if spans else None


def _placed_before(st: DocState, i: int) -> bool:
    """The reference at ``i`` follows a word that puts what the sentence tells before the
    event (``before_word``: "before", "ahead of", "prior to", "sebelum", "menjelang")."""
    doc, words = st.doc, st.classes("before_word")
    k = i - 1
    while k >= 0 and doc[k].lower_ in st.words["definite"]:
        k -= 1
    if k >= 1 and doc[k].lower_ in st.classes("before_word_link"):
        k -= 1  # "ahead of", "prior to"
    return k >= 0 and doc[k].lower_ in words


def _opens_sentence(st: DocState, span: Any) -> bool:
    """"The meeting preceded ...", "Pertemuan ini menunjukkan ...": the reference is the subject.

    Such a sentence tells what the meeting was, not who took part, unless it names
    the participants as a group ("This meeting will be the first ... between the two
    defense ministers").
    """
    return all(t.is_punct or t.is_space for t in st.doc[span.sent.start:span.start])


class FrameReader(Component):
    """``kg_frames``: reads ``doc._.kg_people``, ``doc._.kg_orgs`` and the ``kg_trigger``
    spans; sets ``doc._.kg_frames`` (:class:`Frames`)."""

    def match(self, doc: Any) -> Frames:
        return build_frames(self.state(doc), doc._.kg_people or [], doc._.kg_orgs or [])

    def set_annotations(self, doc: Any, frames: Frames) -> None:
        doc._.kg_frames = frames


@Language.factory("kg_frames", default_config={"lang": "en"})
def make_frame_reader(nlp: Language, name: str, lang: str) -> FrameReader:
    """Factory for :class:`FrameReader`."""
    return FrameReader(nlp, name, lang)
