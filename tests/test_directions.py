"""Directed kinds read their way (issue 15, item 11): 'APEC summit ←attended— Donald Trump'."""

from __future__ import annotations

from kg.graph import KnowledgeGraph
from kg.render import render_html


def forum_graph() -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.add_entity("official:nakatani", label="Gen Nakatani", type="official")
    kg.add_entity("official:trump", label="Donald Trump", type="official")
    kg.add_entity("forum:apec", label="APEC summit", type="forum")
    for who in ("official:nakatani", "official:trump"):
        # the store keeps one edge per pair: give the forum end first on purpose
        kg.add_relation("forum:apec", who, "attended", evidence=[
            {"doc": "a.txt", "sentence": "Both attended APEC.", "start": 0, "end": 19}])
    return kg


def test_path_text_prints_directed_kinds_in_their_direction():
    text = forum_graph().path("nakatani", "trump").to_text()
    assert "Gen Nakatani —attended→ APEC summit" in text
    assert "APEC summit ←attended— Donald Trump" in text
    assert "—attended→ Donald Trump" not in text


def test_path_json_says_how_each_hop_reads():
    hops = forum_graph().path("nakatani", "trump").to_dict()["hops"]
    assert [h["direction"] for h in hops] == ["forward", "backward"]


def test_the_page_path_panel_reads_attended_by():
    kg = forum_graph()
    page = render_html(kg, path_result=kg.path("nakatani", "trump"))
    assert "Attended by →" in page
