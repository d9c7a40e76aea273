"""Roles as the English title of the office (issue 15, item 12), whatever the text's language."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.roles import english_roles, english_title


@pytest.mark.parametrize(("role", "country", "title"), [
    ("Defense Minister", "US", "Secretary of Defense"),  # "Menteri Pertahanan AS"
    ("Secretary of Defense", "US", "Secretary of Defense"),
    ("Foreign Minister", "US", "Secretary of State"),
    ("Defense Minister (former)", "US", "Secretary of Defense (former)"),
    ("Defense Minister", "KR", "Defense Minister"),
    ("Secretary of Defense", "JP", "Defense Minister"),
    ("Minister of National Defense", "KR", "Defense Minister"),
    ("Defense Minister", "PH", "Defense Secretary"),
    ("Defense Minister", None, "Defense Minister"),
    ("Spokesperson", "US", "Spokesperson"),
])
def test_english_title_of_an_office(role, country, title):
    assert english_title(role, country) == title


def test_officials_of_a_graph_get_their_office_title():
    g = nx.MultiGraph()
    g.add_node("official:austin", type="official", role="Defense Minister", country="US")
    g.add_node("official:hegseth", type="official", role="Secretary of Defense", country="US")
    g.add_node("agency:x", type="agency", role="Defense Minister", country="US")
    assert english_roles(g) == 1
    assert g.nodes["official:austin"]["role"] == g.nodes["official:hegseth"]["role"]
    assert g.nodes["agency:x"]["role"] == "Defense Minister"


@pytest.mark.slow
def test_an_indonesian_article_gives_the_us_title(tmp_path):
    import kg

    (tmp_path / "a.txt").write_text(
        "Jakarta, 4 November 2025\nMenteri Pertahanan AS Lloyd Austin bertemu dengan Menteri "
        "Pertahanan Jepang Gen Nakatani di Jakarta pada hari Selasa untuk membahas kerja sama "
        "pertahanan kedua negara.")
    roles = {e.label: e.role for e in kg.build([tmp_path]).entities(type="official")}
    assert roles["Lloyd Austin"] == "Secretary of Defense"
    assert roles["Gen Nakatani"] == "Defense Minister"
