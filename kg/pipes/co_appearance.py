"""``kg_co_appearance``: every pair of entities named in the same sentence.

The weakest link of the graph: officials (possessives included), forums and
agencies named together, with the sentence as evidence and no trigger.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from spacy.language import Language

from kg.pipes.view import Component, add_relations, relation


class CoAppearanceFinder(Component):
    """``kg_co_appearance``: reads ``doc._.kg_frames``; adds ``co_appearance`` relations to
    ``doc._.kg_relations``."""

    def match(self, doc: Any) -> list[tuple[int, Any]]:
        st, frames = self.state(doc), doc._.kg_frames
        out: list[tuple[int, Any]] = []
        for f in frames.sentences.values():
            named = list(dict.fromkeys([m[0] for m in f.officials] + f.named_forums
                                       + f.agencies))
            for a, b in combinations(named, 2):
                relation(st, "co_appearance", a, b, f.index, None, out)
        return out

    def set_annotations(self, doc: Any, found: list[tuple[int, Any]]) -> None:
        add_relations(doc, 0, 2, found)


@Language.factory("kg_co_appearance", default_config={"lang": "en"})
def make_co_appearance_finder(nlp: Language, name: str, lang: str) -> CoAppearanceFinder:
    """Factory for :class:`CoAppearanceFinder`."""
    return CoAppearanceFinder(nlp, name, lang)
