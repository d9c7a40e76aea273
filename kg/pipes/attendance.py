"""``kg_attendance``: officials who attend a forum, sentence by sentence.

"attended", "menghadiri" (strong): the sentence's officials attend the forum it
names or the one a reference means; "held", "menggelar" (object): the forum named
just after it; "between", "where", "yang melibatkan" (after_forum): the forum named
just before it; delegation words: the leaders attend. A meeting placed at a forum
("during the SCM") or told of a group at it is attendance too, and so is being
"in Manila for the 2+2". "agreed to hold the NCG" (negation / attended) is a
plan, not attendance. Also records, per official and forum, the session a
reference names (``doc._.kg_sessions``), read by ``kg_co_attendance``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.language import Language

from kg.pipes.frames import NAMES_FORUM, Frames, SentenceFrame
from kg.pipes.view import ORDINAL, Component, DocState, Occurrence, add_relations, relation


#: the attendance words that put their own clause's officials at a forum
ATTENDING = ("trig:attended:strong", "trig:attended:present", "trig:attended:delegation")


def _cues(st: DocState, frames: Frames, f: SentenceFrame
          ) -> tuple[list[Any], str | None, list[str]]:
    """The sentence's attendance words (not inside a delegation phrase), the text of the
    first, and the forums "held" or named before "between"."""
    trig = f.triggers
    deleg_toks = {t for sp in trig.get("trig:attended:delegation", [])
                  for t in range(sp.start, sp.end)}
    attend_spans = [sp for sp in trig.get("trig:attended:strong", [])
                    + trig.get("trig:attended:present", [])
                    if not any(t in deleg_toks for t in range(sp.start, sp.end))]
    attend = attend_spans[0].text if attend_spans else None  # "memimpin" in "memimpin delegasi"
    held_spans = [sp for sp in trig.get("trig:attended:object", [])
                  if not any(t in deleg_toks for t in range(sp.start, sp.end))]
    held = _held_forums(st, held_spans, frames.forums.seen) + _held_reference(st, f, held_spans)
    after = trig.get("trig:attended:after_forum", [])
    held += [x for x in _forums_just_before(st, after, frames.forums.ends) if x not in held]
    if not f.named_forums and any(sp.start - 1 in frames.meeting_toks for sp in after):
        held += [x for x in f.forums if x not in held]  # "this meeting ... summit between"
    held_spans += after
    if held and not attend:
        attend = held_spans[0].text
    return attend_spans, attend, held


def _meeting_words(trig: dict[str, list[Any]]) -> list[Any]:
    """The strong meeting words of a sentence and the meeting nouns naming its forums."""
    return trig.get("trig:meeting:strong", []) + trig.get(NAMES_FORUM, [])


def _targets(st: DocState, frames: Frames, f: SentenceFrame, attend_spans: list[Any],
             attend: str | None, held: list[str]) -> list[str]:
    """The forums the sentence's officials attend."""
    trig, forums = f.triggers, frames.forums
    targets = f.forums
    if f.named_forums and (attend_spans or f.delegation):
        anchor = attend_spans[0] if attend_spans else trig["trig:attended:delegation"][0]
        targets = forums.near(f.index, anchor.start)
    if held and not attend_spans:
        targets = held
    elif not (attend or f.delegation) and f.strong:
        targets = list(dict.fromkeys(
            _forums_near(st, _meeting_words(trig), targets, forums.seen)
            + _placed_forums(st, f, forums.seen)))
    if not targets and f.delegation:
        last = forums.last(st.sents[f.index].start,
                           window=st.lex.windows["delegation_forum_sentences"])
        targets = [last] if last else []
    if f.attend_cutoff is not None:  # "agreed to hold the NCG": a plan, not attendance
        targets = [x for x in targets
                   if all(s < f.attend_cutoff for s, cid in forums.seen
                          if cid == x and st.sent_of[s] == f.index)]
    return targets


def _placed_forums(st: DocState, f: SentenceFrame, forum_seen: list[tuple[int, str]]
                   ) -> list[str]:
    """The forums of the sentence a narrow place word puts the meeting at, however far from
    the meeting word: "held talks with A and B in Tokyo on Friday, during the 15th DTT"."""
    return [cid for s, cid in forum_seen if st.sent_of[s] == f.index and cid in f.forums
            and _place_word_before(st, s, "meeting_place") is not None]


def sentence_attendance(st: DocState, frames: Frames, f: SentenceFrame,
                        out: list[tuple[int, Any]], sessions: dict) -> None:
    """The attendance one sentence tells of, appended to ``out``."""
    attend_spans, attend, held = _cues(st, frames, f)
    if f.negated:
        return
    f = _without_time_clauses(st, f)
    if not f.ids_all:
        _meeting_placed(st, frames, f, attend_spans, out)
        return
    if not f.forums and _present_at_last(st, frames, f, out):
        return
    targets = _targets(st, frames, f, attend_spans, attend, held)
    ids_all = f.ids_all
    if f.delegation and not attend:
        ids_all = f.leaders or ids_all
    trig, strong = f.triggers, f.strong
    if (attend and f.forums) or (f.delegation and targets) or (
        strong and f.forums and len(ids_all) >= 2
        and (f.group or "trig:forum_anaphor:" in trig
             or _located(st, _meeting_words(trig), targets, frames.forums.seen))
    ):
        for oid in ids_all:
            for fid in targets:
                relation(st, "attended", oid, fid, f.index, attend or f.delegation or strong, out)
                sessions.setdefault((oid, fid), f.session)
    elif not (attend or f.delegation or strong):
        for oid, fid, cue in _present_at(st, f.mentions, frames.forums.seen, f.index):
            relation(st, "attended", oid, fid, f.index, cue, out)


def _without_time_clauses(st: DocState, f: SentenceFrame) -> SentenceFrame:
    """The frame without the officials named only in a clause a ``time_clause`` word
    opens ("after", "setelah") that names no forum and holds no attendance word: "The
    meeting on the sidelines of the ADMM-Plus came a day after A and B held a summit",
    "After meeting B, A attended the SCM": B is not said to be at the forum (the clause
    runs to the sentence's end, or to the comma closing an opening clause)."""
    doc, sent = st.doc, st.sents[f.index]
    cues = {sp.start for label, spans in f.triggers.items()
            if label in ATTENDING for sp in spans}
    forum_toks = {s for s, _cid in st.doc._.kg_frames.forums.seen}
    drop = set()
    for t in sent:
        if t.lower_ not in st.classes("time_clause"):
            continue
        end = _time_clause_end(st, t.i, sent)
        if any(t.i <= k < end for k in cues | forum_toks):
            continue
        drop |= {m[1] for m in f.mentions if t.i < m[1] < end}
    if not drop:
        return f
    mentions = [m for m in f.mentions if m[1] not in drop]
    kept = {m[0] for m in mentions}
    gone = {m[0] for m in f.mentions} - kept
    return replace(f, mentions=mentions, ids_all=[x for x in f.ids_all if x not in gone])


def _time_clause_end(st: DocState, i: int, sent: Any) -> int:
    """Where the clause the time word at ``i`` opens ends: at the first comma when it
    opens the sentence ("After meeting B, A ..."), else at the sentence's end."""
    doc = st.doc
    opens = all(t.is_punct or t.is_space for t in doc[sent.start:i])
    if not opens:
        return sent.end
    return next((k.i for k in doc[i + 1:sent.end] if k.text in {",", ";"}), sent.end)


def _present_at_last(st: DocState, frames: Frames, f: SentenceFrame,
                     out: list[tuple[int, Any]]) -> bool:
    """"Among those attending were A and B", "Turut hadir A": the forum just named.

    A presence word (``attended`` / ``present`` in triggers.jsonl), or an attendance word
    after an event as subject (:func:`_event_subject`), in a sentence that names no forum: its officials attend the forum named last, at most
    ``present_forum_sentences`` sentences before. True when it applied.
    """
    spans, noun = f.triggers.get("trig:attended:present", []), None
    if not spans:
        spans, noun = _event_subject(st, f)
    if not spans:
        spans = _after_forum_topic(st, frames, f)
    if not spans:
        return False
    last = frames.forums.last(st.sents[f.index].start,
                              window=st.lex.windows["present_forum_sentences"], noun=noun)
    if last is None:
        return False
    for oid in f.ids_all:
        relation(st, "attended", oid, last, f.index, spans[0].text, out)
    return True


def _after_forum_topic(st: DocState, frames: Frames, f: SentenceFrame) -> list[Any]:
    """"The 22nd SLD opened on Friday. On Saturday, A delivered a speech", "ADMM-Plus digelar
    di Kuala Lumpur. A dan B turut berpartisipasi": the attendance words of a sentence that
    names no forum, when the sentence before (or the one before it) opens with a forum's
    name, and no indefinite or named object follows the word ("spoke at a university", "at
    the Ministry of Defense")."""
    doc = st.doc
    spans = [sp for sp in f.triggers.get("trig:attended:strong", [])
             if not any(t.lower_ in st.classes("indefinite") or t.text[:1].isupper()
                        for t in doc[sp.end:sp.end + 2])]
    if not spans or f.triggers.get("trig:forum_anaphor:"):
        return []
    window = st.lex.windows["present_forum_sentences"]
    for s, _cid in frames.forums.seen:
        back = f.index - st.sent_of[s]
        if 0 < back <= window and _opens_with(st, s):
            return spans
    return []


def _opens_with(st: DocState, i: int) -> bool:
    """Only punctuation, articles and ordinals stand before token ``i`` in its sentence."""
    sent = st.sents[st.sent_of[i]]
    return all(t.is_punct or t.is_space or t.lower_ in st.words["definite"]
               or ORDINAL.match(t.text) for t in st.doc[sent.start:i])


def _event_subject(st: DocState, f: SentenceFrame) -> tuple[list[Any], str | None]:
    """"The opening ceremony was attended by A", "Upacara pembukaan turut dihadiri A",
    "Forum tahunan ini dihadiri A": the attendance words of a sentence whose subject,
    before them, is an event, an exercise, a forum or a part of one (``event_noun``,
    ``exercise_noun``, ``forum_noun``, ``event_part``) and names no official; and that
    noun."""
    spans = f.triggers.get("trig:attended:strong", [])
    if not spans:
        return [], None
    start, first = st.sents[f.index].start, spans[0].start
    if any(start <= m[1] < first for m in f.mentions):
        return [], None
    words = [t.lower_ for t in st.doc[start:first]]
    for kind in ("event_noun", "exercise_noun", "forum_noun", "event_part"):
        noun = next((w for w in words if w in st.classes(kind)), None)
        if noun:
            return spans, noun
    return [], None


def _meeting_placed(st: DocState, frames: Frames, f: SentenceFrame, attend_spans: list[Any],
                    out: list[tuple[int, Any]]) -> None:
    """"The meeting took place on the sidelines of the ADMM-Plus": its officials attend it.

    A sentence that names no official, opens with a reference to a meeting ("The
    talks", "Pertemuan tersebut") and places it at a forum it names (an attendance
    word or a place word before the forum's name): the officials of the meetings
    told in the nearest sentence before it, at most ``meeting_reference_sentences``
    back, attend that forum. The place words are the narrow ``meeting_place`` class
    ("during", "at"): "The talks came ahead of the SCM" places nothing.
    """
    if not f.named_forums or not (attend_spans or _placed_forums(st, f, frames.forums.seen)):
        return
    start = st.sents[f.index].start
    opening = [sp for sp in f.triggers.get("trig:forum_anaphor:", [])
               if all(t.is_punct for t in st.doc[start:sp.start])]
    if not opening:
        return
    met = _meetings_before(st, f.index)
    cue = attend_spans[0].text if attend_spans else opening[0].text
    for oid in met:
        for fid in f.named_forums:
            relation(st, "attended", oid, fid, f.index, cue, out)


def _meetings_before(st: DocState, sent_i: int) -> list[str]:
    """The officials of the meetings told in the nearest earlier sentence that tells one."""
    window = st.lex.windows["meeting_reference_sentences"]
    by_sent: dict[int, list[str]] = {}
    for phase, sent, _rank, rel in st.doc._.kg_relations or []:
        if phase == 0 and rel.kind == "meeting" and sent_i - window <= sent < sent_i:
            by_sent.setdefault(sent, []).extend((rel.source, rel.target))
    return list(dict.fromkeys(by_sent[max(by_sent)])) if by_sent else []


def _held_forums(st: DocState, spans: list[Any], forum_seen: list[tuple[int, str]]
                 ) -> list[str]:
    """Forums named as the object of "held", "co-chaired", "menggelar" ... (just after it).

    "held the 55th SCM" holds the SCM; "held talks ... before the SCM" and
    "menyelenggarakan kursus" hold no forum.
    """
    out = []
    for span in spans:
        for s, cid in forum_seen:
            if span.end <= s and st.sent_of[s] == st.sent_of[span.start] and sum(
                1 for t in st.doc[span.end:s] if not (
                    t.is_punct or t.i in st.tok_country or t.like_num or ORDINAL.match(t.text)
                    or t.lower_ in st.words["definite"] or t.lower_ in st.words["filler"])
            ) <= st.lex.windows["held_forum_words"]:
                out.append(cid)
    return list(dict.fromkeys(out))


def _held_reference(st: DocState, f: SentenceFrame, spans: list[Any]) -> list[str]:
    """The forum a reference right after "chairs", "hosted", "memimpin" means.

    "Vinh, who chairs the meeting": the sentence names no forum, "the meeting"
    means the one named before (``SentenceFrame.forums``), and the officials
    chairing it attend it.
    """
    referred = [x for x in f.forums if x not in f.named_forums]
    anaphors = f.triggers.get("trig:forum_anaphor:", [])
    if not referred or not anaphors:
        return []
    return referred if any(0 <= a.start - sp.end <= 1 for sp in spans for a in anaphors) else []


def _forums_just_before(st: DocState, spans: list[Any], forum_end: list[tuple[int, str]]
                        ) -> list[str]:
    """Forums named right before "between", "where", "di mana": "the SCM between A and B"."""
    doc = st.doc
    nouns = st.classes("meeting_noun")
    out = []
    for span in spans:
        for e, cid in forum_end:
            gap = doc[e:span.start] if e <= span.start else None
            if gap is not None and len(gap) <= st.lex.windows["forum_before_cue_tokens"] \
                    and st.sent_of[e - 1] == st.sent_of[span.start] \
                    and all(t.is_punct or t.text.isupper() or t.like_num
                            or t.lower_ in nouns for t in gap):
                out.append(cid)
    return list(dict.fromkeys(out))


def _forums_near(st: DocState, spans: list[Any], forums: list[str],
                 forum_seen: list[tuple[int, str]]) -> list[str]:
    """The ``forums`` named within a few tokens of a meeting word of the same sentence."""
    return [f for f in forums if any(
        cid == f and st.sent_of[s] == st.sent_of[sp.start]
        and abs(s - sp.start) <= st.lex.windows["meeting_word_to_forum_tokens"]
        for s, cid in forum_seen for sp in spans)]


def _present_at(st: DocState, mentions: list[Occurrence], forum_seen: list[tuple[int, str]],
                sent_i: int) -> list[tuple[str, str, str]]:
    """"Kamikawa and Kihara are in Manila for the 2+2": the subjects are at the forum.

    Officials named before a place word (``forum_locative``) that stands right
    before a forum's name, in a sentence with no other relation word; when the place
    word opens the sentence ("During the 57th SCM, Park and Collins discussed ...", "On
    the second day of the SCM, ..."), the officials after it. Not after a
    ``preparation_noun`` ("preparations for the SCM", "persiapan").
    """
    out = []
    for s, fid in forum_seen:
        k = _place_word_before(st, s)
        if k is not None and k > 0 and st.doc[k - 1].lower_ in st.classes("preparation_noun"):
            continue  # "discussed preparations for the SCM": not at the SCM
        if st.sent_of[s] == sent_i and k is not None:
            opens = _opening_phrase(st, st.sents[sent_i].start, k, mentions)
            out += [(m[0], fid, st.doc[k].text) for m in mentions if m[2] <= k or opens]
    return out


def _opening_phrase(st: DocState, start: int, k: int, mentions: list[Occurrence]) -> bool:
    """The place word at ``k`` ends the sentence's opening phrase: only punctuation before
    it, or a phrase that starts with an ``intro_preposition`` ("On the second day of")
    and names no official."""
    before = st.doc[start:k]
    words = [t for t in before if not (t.is_punct or t.is_space)]
    if not words:
        return True
    return words[0].lower_ in st.classes("intro_preposition") \
        and not any(start <= m[1] < k for m in mentions)


def _place_word_before(st: DocState, i: int, words: str = "forum_locative") -> int | None:
    """The place word (class ``words``) before token ``i`` past articles, ordinals, quotes.

    "of" places only after a part of the event ("on the second day of the SCM", "at
    the opening of"; word classes ``event_part_link`` and ``event_part``), never
    alone ("ahead of the SCM").
    """
    doc = st.doc
    k = i - 1
    while k >= 0 and (doc[k].lower_ in st.words["definite"] or ORDINAL.match(doc[k].text)
                      or doc[k].lower_ in st.classes("indefinite") or doc[k].is_quote):
        k -= 1  # "for the 57th SCM", 'for a "two-plus-two" meeting'
    if k >= 1 and doc[k].lower_ in st.classes("event_part_link") \
            and doc[k - 1].lower_ in st.classes("event_part"):
        return k
    return k if k >= 0 and doc[k].lower_ in st.classes(words) else None


def _located(st: DocState, spans: list[Any], forums: list[str],
             forum_seen: list[tuple[int, str]]) -> bool:
    """The meeting is placed at one of ``forums``: "during the SCM", "dalam pertemuan 2+2".

    A place word (``forum_locative`` in the lexicon) stands right before the forum's
    name or before the meeting word that names it.
    """
    starts = [s for s, cid in forum_seen if cid in forums] + [sp.start for sp in spans]
    return any(_place_word_before(st, i) is not None for i in starts)


class AttendanceFinder(Component):
    """``kg_attendance``: reads ``doc._.kg_frames``; adds ``attended`` relations to
    ``doc._.kg_relations`` and sets ``doc._.kg_sessions``."""

    def match(self, doc: Any) -> tuple[list[tuple[int, Any]], dict]:
        st, frames = self.state(doc), doc._.kg_frames
        out: list[tuple[int, Any]] = []
        sessions: dict[tuple[str, str], str | None] = {}
        for frame in frames.sentences.values():
            sentence_attendance(st, frames, frame, out, sessions)
        return out, sessions

    def set_annotations(self, doc: Any, found: tuple[list[tuple[int, Any]], dict]) -> None:
        out, sessions = found
        add_relations(doc, 0, 1, out)
        doc._.kg_sessions = sessions


@Language.factory("kg_attendance", default_config={"lang": "en"})
def make_attendance_finder(nlp: Language, name: str, lang: str) -> AttendanceFinder:
    """Factory for :class:`AttendanceFinder`."""
    return AttendanceFinder(nlp, name, lang)
