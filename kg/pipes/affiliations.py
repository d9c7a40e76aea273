"""``kg_affiliations``: an official's agency, from the title chain that names both.

"Japan Joint Staff Chief Gen. X", "X, chairman of the Joint Chiefs of Staff": the
agencies of the official's chain (``Official.agencies``) become ``affiliated``
relations, with the sentence as evidence.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from kg.pipes.view import (
    Cluster, Component, DocState, Official, add_relations, evidence_text,
)
from kg.records import Relation


def affiliations(st: DocState, officials: list[Official], people: list[Cluster],
                  orgs: list[Cluster]) -> list[Relation]:
    rels = []
    org_at = {}
    for cl in orgs:
        for s, _e, _ in cl.mentions:
            org_at[s] = cl
    person_at = {}
    for cl in people:
        for s, _e, _ in cl.mentions:
            person_at[s] = cl
    for off in officials:
        cl = person_at.get(off.start)
        if cl is None or cl.type != "official":
            continue
        for n in off.agencies:
            org = org_at.get(st.orgs[n].start)
            if org is None or org.type != "agency":
                continue
            text, offset = evidence_text(st.sents[st.sent_of[off.start]])
            rels.append(Relation(kind="affiliated", source=cl.id, target=org.id, sentence=text,
                                 start=offset, end=offset + len(text), trigger=org.name))
    return rels


class AffiliationFinder(Component):
    """``kg_affiliations``: reads ``doc._.kg_officials``, ``doc._.kg_people`` and
    ``doc._.kg_orgs``; adds ``affiliated`` relations to ``doc._.kg_relations``."""

    def match(self, doc: Any) -> list[Relation]:
        return affiliations(self.state(doc), doc._.kg_officials or [], doc._.kg_people or [],
                            doc._.kg_orgs or [])

    def set_annotations(self, doc: Any, found: list[Relation]) -> None:
        add_relations(doc, 2, 0, [(0, rel) for rel in found])


@Language.factory("kg_affiliations", default_config={"lang": "en"})
def make_affiliation_finder(nlp: Language, name: str, lang: str) -> AffiliationFinder:
    """Factory for :class:`AffiliationFinder`."""
    return AffiliationFinder(nlp, name, lang)
