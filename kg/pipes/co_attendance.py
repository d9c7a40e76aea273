"""``kg_co_attendance``: officials who attend the same bilateral or small forum meet there.

Reads the ``attended`` relations of ``kg_attendance`` and its sessions; a summit,
a multilateral gathering (``"multilateral": true`` in the gazetteer, or named so:
"Jakarta International Defense Dialogue") and an exercise are left out, and so is a
pair where one attended another session ("then JCS Chairman X", "its inaugural
meeting").
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations
from typing import Any

from spacy.language import Language

from kg.pipes.organisations import ordinal_of
from kg.pipes.view import (
    Cluster, Component, DocState, add_relations, is_exercise, named_as, ordered_relations,
)
from kg.records import Relation


def co_attendance(st: DocState, rels: list[Relation], orgs: dict[str, Cluster],
                   people: list[Cluster], sessions: dict[tuple[str, str], str | None]
                   ) -> list[Relation]:
    """Officials who attend the same bilateral or small forum meet there.

    Multilateral gatherings (``"multilateral": true`` in the gazetteer, e.g. the
    Shangri-La Dialogue) are left out: attending one does not mean meeting everyone.
    """
    former = {c.id: c.former for c in people}
    attendees: dict[str, dict[str, Relation]] = defaultdict(dict)
    for rel in rels:
        if rel.kind == "attended":
            attendees[rel.target].setdefault(rel.source, rel)
    out = []
    for fid, people in attendees.items():
        cl = orgs[fid]
        if cl.key and st.lex.gazetteer.get(cl.key, {}).get("multilateral"):
            continue
        if named_as(st, cl, "summit") or named_as(st, cl, "multilateral") or is_exercise(st, cl):
            continue  # a summit, an "International ... Dialogue", an exercise: many take part
        for (a, ra), (b, rb) in combinations(people.items(), 2):
            if former.get(a) != former.get(b) or sessions.get((a, fid)) != sessions.get((b, fid)):
                continue  # "then JCS Chairman X", "its inaugural meeting": another session
            if _at_the_margins(st, ra) or _at_the_margins(st, rb):
                continue  # "Cho met Noh on the sidelines of the KIDD": Noh met Cho, no one else
            numbers = {_session_number(st, cl, ra), _session_number(st, cl, rb)}
            if None not in numbers and len(numbers) == 2:
                continue  # "the 56th SCM" and "the 57th SCM": two sessions
            ev = rb if rb.start >= ra.start else ra
            out.append(Relation(kind="meeting", source=a, target=b, sentence=ev.sentence,
                                start=ev.start, end=ev.end, trigger=f"both attended {cl.name}"))
    return out


def _at_the_margins(st: DocState, rel: Relation) -> bool:
    """The attendance was read from a meeting held at the forum's margins (``sideline_cue``:
    "on the sidelines of", "di sela-sela"): its officials met each other, not every
    attendee."""
    return (rel.trigger or "").lower() in st.classes("sideline_cue")


def _session_number(st: DocState, forum: Cluster, rel: Relation) -> str | None:
    """The ordinal written with the forum in the attendance's sentence ("57th", "ke-57",
    "the second 2+2", "Pertemuan 2+2 kedua", "... yang ketiga")."""
    doc = st.doc
    for s, e, _sent in forum.mentions:
        if rel.start <= doc[s].idx < rel.end:
            number = ordinal_of(st, s, e) or _word_ordinal(st, s, e)
            if number:
                return re.sub(r"\D", "", number)
    return None


def _word_ordinal(st: DocState, s: int, e: int) -> str | None:
    """A session number written as a word (``session_ordinal``: "second=2", "kedua=2")
    right before the forum's name, right after it, or after "yang" following it."""
    numbers = dict(w.split("=") for w in st.classes("session_ordinal"))
    doc = st.doc
    after = e + 1 if e < len(doc) and doc[e].lower_ in st.classes("aside_opener") else e
    for k in (s - 1, after):
        if 0 <= k < len(doc) and doc[k].lower_ in numbers:
            return numbers[doc[k].lower_]
    return None


class CoAttendanceFinder(Component):
    """``kg_co_attendance``: reads ``doc._.kg_relations`` (attendance), ``doc._.kg_sessions``,
    ``doc._.kg_people`` and ``doc._.kg_orgs``; adds ``meeting`` relations."""

    def match(self, doc: Any) -> list[Relation]:
        orgs = {c.id: c for c in doc._.kg_orgs or []}
        return co_attendance(self.state(doc), ordered_relations(doc), orgs,
                             doc._.kg_people or [], doc._.kg_sessions or {})

    def set_annotations(self, doc: Any, found: list[Relation]) -> None:
        add_relations(doc, 1, 0, [(0, rel) for rel in found])


@Language.factory("kg_co_attendance", default_config={"lang": "en"})
def make_co_attendance_finder(nlp: Language, name: str, lang: str) -> CoAttendanceFinder:
    """Factory for :class:`CoAttendanceFinder`."""
    return CoAttendanceFinder(nlp, name, lang)
