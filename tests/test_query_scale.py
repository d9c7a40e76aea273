"""Path queries on a big graph take shortcuts that must answer as the plain code does
(issue 16): the label tier of name look-up worked out for all labels at once."""

from __future__ import annotations

import random

import pytest

from kg.names import match_tiers, normalize_name
from kg.query import _label_matches


@pytest.mark.parametrize("alphabet", ["aB9 _-.,/()'\t", "aB9 _-.\n\t'’éøZ,/()ß"])
def test_label_tier_is_match_tiers_first_tier(alphabet: str) -> None:
    rng = random.Random(len(alphabet))
    for _ in range(1500):
        nodes = {}
        for i in range(rng.randint(1, 8)):
            label = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
            nodes[f"id {i}"] = {"label": label} if rng.random() < 0.8 else {}
        queries = {normalize_name(d.get("label") or n) for n, d in nodes.items()} | {"a b"}
        for query in queries - {""}:
            how, found = next(iter(match_tiers(query, nodes)))
            assert how == "label"
            assert _label_matches(query, nodes) == found, (query, nodes)
