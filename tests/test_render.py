"""The HTML page: self-contained, escaped, trimmed, path-highlighting (no browser needed).

The graph builders here are shared with ``test_browser.py``.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from kg.cli import main
from kg.errors import InputError, KGError
from kg.graph import KnowledgeGraph
from kg.render import (
    DEFAULT_MAX_NODES,
    embed_json,
    notebook_html,
    render_html,
    seed_positions,
    select_nodes,
    show,
    write_html,
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(1)">x</a>'
HOSTILE = (SCRIPT, IMG, LINK)


# ---------------------------------------------------------------------------- graphs
def _ev(doc: str, sentence: str, start: int = 0, date: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"doc": doc, "sentence": sentence, "start": start,
                            "end": start + len(sentence)}
    if date:
        item["date"] = date
    return item


def realistic_graph() -> KnowledgeGraph:
    """A small defence-diplomacy graph: 8 officials, 4 agencies, 3 forums, every edge kind."""
    g = KnowledgeGraph()
    g.meta["documents"] = [
        {"id": "d1", "title": "Nakatani and Hegseth meet in Tokyo", "date": "2025-03-30",
         "lang": "en"},
        {"id": "d2", "title": "Shangri-La Dialogue opens in Singapore", "date": "2025-05-30",
         "lang": "en"},
        {"id": "d3", "title": "Sjafrie terima Menhan Prancis", "date": "2025-06-12", "lang": "id"},
    ]
    g.meta["built"] = "2025-06-20T08:15:00+00:00"
    officials = [
        ("gen-nakatani", "Gen Nakatani", "Defense Minister", "JP", ["Nakatani"]),
        ("pete-hegseth", "Pete Hegseth", "Secretary of Defense", "US", ["Hegseth"]),
        ("sjafrie", "Sjafrie Sjamsoeddin", "Menteri Pertahanan", "ID",
         ["Sjafrie", "Menhan Sjafrie"]),
        ("lecornu", "Minister Lecornu", "Minister of the Armed Forces", "FR",
         ["Sébastien Lecornu", "Lecornu"]),
        ("marles", "Richard Marles", "Deputy Prime Minister", "AU", ["Marles"]),
        ("teodoro", "Gilberto Teodoro", "Secretary of National Defense", "PH", ["Teodoro"]),
        ("ng-eng-hen", "Ng Eng Hen", "Minister for Defence", "SG", ["Dr Ng"]),
        ("dong-jun", "Dong Jun", "Defence Minister", "CN", ["Admiral Dong"]),
    ]
    for key, label, role, country, aliases in officials:
        g.add_entity(f"official:{key}", label=label, type="official", role=role,
                     country=country, aliases=[label, *aliases], docs=["d1", "d2"], mentions=3)
    agencies = [
        ("jmod", "Japan Ministry of Defense", "JP"),
        ("dod", "U.S. Department of Defense", "US"),
        ("kemhan", "Kementerian Pertahanan", "ID"),
        ("tni", "Tentara Nasional Indonesia", "ID"),
    ]
    for key, label, country in agencies:
        g.add_entity(f"agency:{key}", label=label, type="agency", country=country,
                     aliases=[label], docs=["d1"], mentions=2)
    for key, label in [("sld", "Shangri-La Dialogue"), ("admm", "ADMM-Plus"),
                       ("rimpac", "RIMPAC")]:
        g.add_entity(f"forum:{key}", label=label, type="forum", aliases=[label], docs=["d2"],
                     mentions=2)
    rel = g.add_relation
    rel("official:gen-nakatani", "official:pete-hegseth", "meeting", evidence=[
        _ev("d1", "Gen Nakatani met Pete Hegseth in Tokyo on Sunday.", 0, "2025-03-30"),
        _ev("d2", "Nakatani and Hegseth met again on the sidelines.", 10, "2025-05-31"),
    ])
    rel("official:sjafrie", "official:lecornu", "meeting",
        evidence=[_ev("d3", "Menhan Sjafrie menerima Sébastien Lecornu di Jakarta.", 0)])
    rel("official:marles", "official:pete-hegseth", "meeting",
        evidence=[_ev("d2", "Marles held talks with Hegseth.", 40)])
    rel("official:teodoro", "official:gen-nakatani", "meeting",
        evidence=[_ev("d2", "Teodoro and Nakatani met in Singapore.", 80)])
    for who in ("gen-nakatani", "pete-hegseth", "marles", "teodoro", "ng-eng-hen", "dong-jun",
                "sjafrie"):
        rel(f"official:{who}", "forum:sld", "attended",
            evidence=[_ev("d2", f"{who} attended the Shangri-La Dialogue.", 200)])
    rel("official:sjafrie", "forum:admm", "attended",
        evidence=[_ev("d3", "Sjafrie attended ADMM-Plus.", 50)])
    rel("official:marles", "forum:rimpac", "attended",
        evidence=[_ev("d2", "Marles visited RIMPAC.", 300)])
    rel("official:gen-nakatani", "agency:jmod", "affiliated",
        evidence=[_ev("d1", "Japan's Defense Ministry said Nakatani...", 100)])
    rel("official:pete-hegseth", "agency:dod", "affiliated",
        evidence=[_ev("d1", "The Pentagon said Hegseth...", 120)])
    rel("official:sjafrie", "agency:kemhan", "affiliated",
        evidence=[_ev("d3", "Kementerian Pertahanan menyatakan...", 90)])
    rel("agency:kemhan", "agency:tni", "co_appearance",
        evidence=[_ev("d3", "Kemhan dan TNI hadir.", 120)])
    # a second kind between the same pair (pyvis would merge these if undirected)
    rel("official:gen-nakatani", "official:pete-hegseth", "co_appearance",
        evidence=[_ev("d2", "Nakatani, Hegseth and others posed for a photo.", 400)])
    rel("official:ng-eng-hen", "official:dong-jun", "co_appearance",
        evidence=[_ev("d2", "Ng and Dong were both present.", 500)])
    return g


def hostile_graph() -> KnowledgeGraph:
    """A graph whose every text field carries markup that would run script if injected."""
    g = KnowledgeGraph()
    g.meta["documents"] = [
        {"id": "doc<1>", "title": f"Title {SCRIPT}", "date": "2025-01-01", "lang": "en"},
    ]
    g.meta["built"] = f"2025-01-01 {SCRIPT}"
    ids = [f"official:{SCRIPT}", f"agency:{IMG}", f"forum:{LINK}", "official:</script>"]
    labels = [f"Gen {SCRIPT}", f"Agency {IMG}", f"Forum {LINK}", "</script><b>bold</b>"]
    types = ["official", "agency", "forum", "official"]
    for node, label, kind in zip(ids, labels, types, strict=True):
        g.add_entity(node, label=label, type=kind, role=f"Role {IMG}", country=LINK,
                     aliases=[label, f"alias {SCRIPT}", f"alias {LINK}", "\u2028line\u2029"],
                     docs=["doc<1>"], mentions=1)
    evidence = [_ev("doc<1>", f"{SCRIPT} met {IMG} and {LINK}.", 0, "2025-01-01")]
    g.add_relation(ids[0], ids[1], "meeting", evidence=evidence)
    g.add_relation(ids[0], ids[2], "attended", evidence=evidence)
    g.add_relation(ids[1], ids[3], "co_appearance", evidence=evidence)
    return g


@dataclass(frozen=True)
class FakeHop:
    source: str
    target: str
    kind: str


@dataclass(frozen=True)
class FakePath:
    """Duck-typed like kg.query.PathResult: ``.nodes`` and ``.hops`` only."""

    nodes: tuple[str, ...]
    hops: tuple[FakeHop, ...]


def fake_path(*steps: str) -> FakePath:
    """``fake_path("a", "meeting", "b", "attended", "c")``."""
    nodes = steps[::2]
    hops = tuple(FakeHop(nodes[i], nodes[i + 1], steps[2 * i + 1]) for i in range(len(nodes) - 1))
    return FakePath(nodes=tuple(nodes), hops=hops)


NAKATANI_TO_SJAFRIE = (
    "official:gen-nakatani", "attended", "forum:sld", "attended", "official:sjafrie",
)


# ---------------------------------------------------------------------------- page parsing
class _Tags(HTMLParser):
    """Start tags with their attributes, and the text of every element by id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "input", "br", "img", "link", "line"}:
            self._open.append(dict(attrs).get("id"))

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for ident in self._open:
            if ident:
                self.text[ident] = self.text.get(ident, "") + data


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def payload(page: str) -> dict[str, Any]:
    """The JSON data block of a page."""
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match, "no JSON data block"
    return json.loads(match.group(1))


def data_block(page: str) -> str:
    return re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1)


# ---------------------------------------------------------------------------- self-contained
def test_page_is_self_contained_with_vis_inlined():
    page = render_html(realistic_graph())
    tags = parse(page).tags
    names = [t for t, _ in tags]
    assert "link" not in names and "img" not in names and "iframe" not in names
    for tag, attrs in tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
    assert "bootstrap" not in page.lower() and "cdnjs" not in page and "jsdelivr" not in page
    assert "@import" not in page and "fonts.googleapis" not in page
    # the vis-network library itself is inside the page, read from pyvis' bundle
    import pyvis

    vis = (Path(pyvis.__file__).parent / "lib/vis-9.1.2/vis-network.min.js").read_text()
    assert vis[:2000] in page
    assert len(page) > len(vis)
    csp = [a for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]


def test_exactly_three_scripts_data_library_and_page_code():
    tags = parse(render_html(hostile_graph())).tags
    scripts = [a for t, a in tags if t == "script"]
    assert [a.get("type") for a in scripts] == ["application/json", None, None]


# ---------------------------------------------------------------------------- escaping
def test_hostile_text_never_reaches_the_page_as_markup():
    page = render_html(hostile_graph(), title=f"Report {SCRIPT}")
    for bad in HOSTILE:
        assert bad not in page
    parsed = parse(page)
    names = {t for t, _ in parsed.tags}
    assert not names & {"img", "a", "b", "iframe", "object", "embed"}
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    # the heading shows the text literally
    assert parsed.text["kg-title"] == f"Report {SCRIPT}"


def test_json_block_has_no_markup_characters_and_round_trips():
    graph = hostile_graph()
    page = render_html(graph)
    block = data_block(page)
    for ch in "<>&\u2028\u2029":
        assert ch not in block
    data = json.loads(block)
    names = {info["name"] for info in data["nodeInfo"]}
    assert names == {d["label"] for _, d in graph.graph.nodes(data=True)}
    sentences = {ev["sentence"] for info in data["edgeInfo"] for ev in info["evidence"]}
    assert sentences == {f"{SCRIPT} met {IMG} and {LINK}."}
    assert {ev["doc"] for info in data["edgeInfo"] for ev in info["evidence"]} == {
        f"Title {SCRIPT}"}
    info = data["nodeInfo"][0]
    assert info["role"] == f"Role {IMG}" and info["country"] == LINK
    assert f"alias {SCRIPT}" in info["aliases"]


@given(st.text())
def test_embed_json_escapes_everything_that_could_end_a_script(text):
    out = embed_json({"s": text, "l": [text]})
    for ch in "<>&\u2028\u2029":
        assert ch not in out
    assert json.loads(out) == {"s": text, "l": [text]}


def test_node_ids_in_the_page_are_opaque_integers():
    graph = hostile_graph()
    page = render_html(graph)
    data = payload(page)
    assert [n["id"] for n in data["nodes"]] == list(range(len(graph)))
    assert all(isinstance(e["from"], int) and isinstance(e["to"], int) for e in data["edges"])
    assert "official:" not in page and "agency:" not in page


def test_tooltips_are_built_with_text_content_only():
    page = render_html(realistic_graph())
    code = page[page.rindex("<script>"):]
    assert "innerHTML" not in code and "insertAdjacentHTML" not in code
    assert "document.write" not in code and "eval(" not in code
    assert "textContent" in code
    # every title is assigned from a DOM builder, never from a data string
    assert re.findall(r"\.title = (\w+)\(", code) == ["nodeTip", "edgeTip"]


def test_lone_surrogates_do_not_break_writing(tmp_path):
    graph = KnowledgeGraph()
    graph.add_entity("o:x", label="bad \ud800 text", type="official")
    out = write_html(graph, tmp_path / "g.html")
    assert "bad" in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- readable
def test_nodes_styled_by_type_and_sized_by_importance():
    data = payload(render_html(realistic_graph()))
    info, nodes = data["nodeInfo"], data["nodes"]
    shapes = {info[n["id"]]["type"]: n["shape"] for n in nodes}
    assert shapes == {"official": "dot", "agency": "square", "forum": "diamond"}
    colours = {info[n["id"]]["type"]: n["color"]["background"] for n in nodes}
    assert len(set(colours.values())) == 3
    value = {info[n["id"]]["name"]: n["value"] for n in nodes}
    assert value["Shangri-La Dialogue"] > value["RIMPAC"]
    assert value["Gen Nakatani"] > value["Dong Jun"]


def test_edges_styled_by_kind_and_width_by_count():
    data = payload(render_html(realistic_graph()))
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for edge in data["edges"]:
        by_kind.setdefault(data["edgeInfo"][edge["id"]]["kind"], []).append(edge)
    assert set(by_kind) == {"meeting", "attended", "affiliated", "co_appearance"}
    assert len({by_kind[k][0]["color"]["color"] for k in by_kind}) == 4
    assert by_kind["meeting"][0]["dashes"] is False
    assert all(by_kind[k][0]["dashes"] for k in ("attended", "affiliated", "co_appearance"))
    widths = {frozenset(data["edgeInfo"][e["id"]]["ends"]): e["width"] for e in by_kind["meeting"]}
    assert (widths[frozenset(("Gen Nakatani", "Pete Hegseth"))]
            > widths[frozenset(("Richard Marles", "Pete Hegseth"))])


def test_parallel_kinds_between_one_pair_stay_two_edges():
    data = payload(render_html(realistic_graph()))
    pair = [data["edgeInfo"][e["id"]]["kind"] for e in data["edges"]
            if set(data["edgeInfo"][e["id"]]["ends"]) == {"Gen Nakatani", "Pete Hegseth"}]
    assert sorted(pair) == ["co_appearance", "meeting"]
    curved = [e for e in data["edges"] if e["smooth"]]
    assert len(curved) == 1


def test_tooltip_data_has_role_country_aliases_docs_and_evidence():
    data = payload(render_html(realistic_graph()))
    lecornu = next(i for i in data["nodeInfo"] if i["name"] == "Minister Lecornu")
    assert lecornu["role"] == "Minister of the Armed Forces" and lecornu["country"] == "FR"
    assert lecornu["aliases"] == ["Sébastien Lecornu", "Lecornu"]  # label not repeated
    assert lecornu["docs"] == 2 and lecornu["typeLabel"] == "Official"
    assert {i["typeLabel"] for i in data["nodeInfo"]} == {"Official", "Agency", "Forum"}
    meeting = next(i for i in data["edgeInfo"]
                   if i["kind"] == "meeting" and "Pete Hegseth" in i["ends"]
                   and "Gen Nakatani" in i["ends"])
    assert meeting["count"] == 2 and meeting["docs"] == 2
    assert meeting["dates"] == ["2025-03-30", "2025-05-31"]
    assert [e["doc"] for e in meeting["evidence"]] == [
        "Nakatani and Hegseth meet in Tokyo", "Shangri-La Dialogue opens in Singapore"]


def test_evidence_is_capped_at_three_sentences():
    g = realistic_graph()
    g.add_relation("official:marles", "official:teodoro", "meeting",
                   evidence=[_ev("d2", f"Sentence {i}.", 1000 + 20 * i) for i in range(5)])
    data = payload(render_html(g))
    info = next(i for i in data["edgeInfo"] if set(i["ends"]) == {"Richard Marles",
                                                                   "Gilberto Teodoro"})
    assert len(info["evidence"]) == 3 and info["moreEvidence"] == 2 and info["count"] == 5


def test_heading_has_corpus_figures_legend_and_build_date():
    parsed = parse(render_html(realistic_graph()))
    figures = parsed.text["kg-figures"]
    for part in ("3 documents", "8 officials", "4 agencies", "3 forums", "19 edges",
                 "built 2025-06-20 08:15 UTC"):
        assert part in figures
    types = [a["data-node-type"] for t, a in parsed.tags if "data-node-type" in a]
    kinds = [a["data-edge-kind"] for t, a in parsed.tags if "data-edge-kind" in a]
    assert types == ["official", "agency", "forum"]
    assert kinds == ["meeting", "attended", "affiliated", "co_appearance"]
    assert parsed.text["kg-title"] == "Defence diplomacy knowledge graph"


def test_rendering_does_not_modify_the_graph():
    graph = realistic_graph()
    before = graph.to_json()
    render_html(graph, path_result=fake_path(*NAKATANI_TO_SJAFRIE), max_nodes=5)
    assert graph.to_json() == before


def test_unknown_types_and_kinds_get_their_own_legend_rows():
    g = realistic_graph()
    g.add_entity("place:jakarta", label="Jakarta", type="place", docs=["d3"])
    g.add_entity("place:tokyo", label="Tokyo", type="place", docs=["d1"])
    g.add_relation("place:jakarta", "place:tokyo", "sister_city",
                   evidence=[_ev("d3", "Jakarta and Tokyo are sister cities.", 900)])
    g.graph.nodes["official:marles"]["mentions"] = "many"  # malformed, not fatal
    page = render_html(g)
    parsed = parse(page)
    rows = {a["data-node-type"] for _, a in parsed.tags if "data-node-type" in a}
    kinds = {a["data-edge-kind"] for _, a in parsed.tags if "data-edge-kind" in a}
    assert "place" in rows and "sister_city" in kinds
    info = payload(page)
    jakarta = next(i for i in info["nodeInfo"] if i["name"] == "Jakarta")
    assert jakarta["typeLabel"] == "Place"
    assert any(i["kindLabel"] == "Sister city" for i in info["edgeInfo"])


def test_empty_graph_renders():
    page = render_html(KnowledgeGraph())
    assert payload(page)["nodes"] == [] and "0 officials" in page


# ---------------------------------------------------------------------------- max_nodes
def _star_and_chain() -> KnowledgeGraph:
    """A hub with 5 spokes (3 of them linked), and a separate chain of low-degree nodes."""
    g = KnowledgeGraph()
    for n in ["hub", "s1", "s2", "s3", "s4", "s5", "c1", "c2", "c3"]:
        g.add_entity(n, label=n.upper(), type="official", docs=["d"])
    for i in range(1, 6):
        g.add_relation("hub", f"s{i}", "meeting", evidence=[_ev("d", "x", i)])
    g.add_relation("s1", "s2", "meeting", evidence=[_ev("d", "x", 10)])
    g.add_relation("s1", "s3", "meeting", evidence=[_ev("d", "x", 11)])
    g.add_relation("s2", "s3", "meeting", evidence=[_ev("d", "x", 12)])
    g.add_relation("c1", "c2", "meeting", evidence=[_ev("d", "x", 20)])
    g.add_relation("c2", "c3", "meeting", evidence=[_ev("d", "x", 30)])
    return g


def test_default_max_nodes_is_documented_value():
    assert DEFAULT_MAX_NODES == 500


def test_max_nodes_keeps_the_most_connected_and_says_how_many_left_out():
    page = render_html(_star_and_chain(), max_nodes=3)
    data = payload(page)
    names = [i["name"] for i in data["nodeInfo"]]
    assert names == ["HUB", "S1", "S2"]
    assert {tuple(sorted(i["ends"])) for i in data["edgeInfo"]} == {
        ("HUB", "S1"), ("HUB", "S2"), ("S1", "S2")}
    note = parse(page).text["kg-trimmed"]
    assert "3 most connected of 9 nodes" in note and "6 left out" in note


def test_max_nodes_always_keeps_path_nodes():
    path = fake_path("c1", "meeting", "c2", "meeting", "c3")
    data = payload(render_html(_star_and_chain(), max_nodes=4, path_result=path))
    names = [i["name"] for i in data["nodeInfo"]]
    assert names[:3] == ["C1", "C2", "C3"] and names[3] == "HUB" and len(names) == 4


def test_no_note_when_everything_fits():
    page = render_html(_star_and_chain(), max_nodes=9)
    assert "kg-trimmed" not in page
    assert len(payload(render_html(_star_and_chain(), max_nodes=None))["nodes"]) == 9


def test_select_nodes_is_deterministic():
    g = _star_and_chain().graph
    assert select_nodes(g, 4) == select_nodes(g.copy(), 4) == ["hub", "s1", "s2", "s3"]


@pytest.mark.parametrize("bad", [0, -3])
def test_max_nodes_below_one_is_refused(bad):
    with pytest.raises(InputError):
        render_html(_star_and_chain(), max_nodes=bad)


# ---------------------------------------------------------------------------- layout
def chain_of_cliques(n_cliques: int, size: int) -> KnowledgeGraph:
    """``n_cliques`` cliques of ``size`` officials, consecutive cliques joined by one meeting."""
    g = KnowledgeGraph()
    for c in range(n_cliques):
        members = [f"official:{c}-{i}" for i in range(size)]
        for m in members:
            g.add_entity(m, label=f"Official {m[9:]}", type="official", docs=["d"])
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                g.add_relation(a, b, "meeting", evidence=[_ev("d", f"{a} met {b}.", len(g))])
        if c:
            g.add_relation(f"official:{c - 1}-0", members[0], "co_appearance",
                           evidence=[_ev("d", "Both were there.", 10_000 + c)])
    return g


def test_seed_positions_keep_communities_apart():
    g = chain_of_cliques(5, 6).graph
    pos = seed_positions(g, list(g))
    assert set(pos) == set(g)
    cliques = [[pos[f"official:{c}-{i}"] for i in range(6)] for c in range(5)]
    centres = [(sum(x for x, _ in c) / 6, sum(y for _, y in c) / 6) for c in cliques]

    def dist(a: tuple[float, float], b: tuple[float, float]) -> float:
        return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5

    spread = max(dist(p, centres[c]) for c in range(5) for p in cliques[c])
    apart = min(dist(centres[a], centres[b]) for a in range(5) for b in range(a + 1, 5))
    assert apart > 1.5 * spread


def test_seed_positions_do_not_depend_on_string_hashing():
    code = ("from test_render import chain_of_cliques; from kg.render import seed_positions; "
            "g = chain_of_cliques(5, 6).graph; print(sorted(seed_positions(g, list(g)).items()))")
    runs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       cwd=Path(__file__).parent, env={**os.environ, "PYTHONHASHSEED": seed}
                       ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1 and runs.pop().startswith("[(")


def test_small_graphs_use_browser_physics_big_ones_arrive_laid_out():
    small = payload(render_html(realistic_graph()))
    assert small["options"]["physics"]["enabled"] is True
    assert small["options"]["physics"]["stabilization"]["iterations"] <= 400
    assert not any("x" in n for n in small["nodes"])
    big = payload(render_html(chain_of_cliques(30, 6)))
    assert big["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in big["nodes"])
    assert big["layoutBudgetMs"] > 0


# ---------------------------------------------------------------------------- paths
def test_path_marks_its_nodes_and_edges_in_order():
    graph = realistic_graph()
    page = render_html(graph, path_result=fake_path(*NAKATANI_TO_SJAFRIE))
    data = payload(page)
    info = data["nodeInfo"]
    assert [info[i]["name"] for i in data["path"]["nodes"]] == [
        "Gen Nakatani", "Shangri-La Dialogue", "Sjafrie Sjamsoeddin"]
    hops = [data["edgeInfo"][i] for i in data["path"]["edges"]]
    assert [(h["kind"], sorted(h["ends"])) for h in hops] == [
        ("attended", ["Gen Nakatani", "Shangri-La Dialogue"]),
        ("attended", ["Shangri-La Dialogue", "Sjafrie Sjamsoeddin"]),
    ]
    parsed = parse(page)
    assert "Gen Nakatani" in parsed.text["kg-path"] and "Attended" in parsed.text["kg-path"]
    assert parsed.text["kg-title"] == "Path: Gen Nakatani → Sjafrie Sjamsoeddin"


def test_path_highlights_only_the_hop_kind_not_parallel_edges():
    data = payload(render_html(realistic_graph(), path_result=fake_path(
        "official:gen-nakatani", "meeting", "official:pete-hegseth")))
    assert [data["edgeInfo"][i]["kind"] for i in data["path"]["edges"]] == ["meeting"]


def test_no_path_no_path_data():
    page = render_html(realistic_graph())
    assert payload(page)["path"] is None and 'id="kg-path"' not in page


def test_path_with_a_node_outside_the_graph_is_refused():
    with pytest.raises(InputError, match="not in the graph"):
        render_html(realistic_graph(), path_result=fake_path("official:gen-nakatani", "meeting",
                                                             "official:nobody"))


def test_real_find_path_result_is_accepted():
    query = pytest.importorskip("kg.query")
    graph = realistic_graph()
    result = query.find_path(graph, "Nakatani", "Sjafrie")
    data = payload(render_html(graph, path_result=result))
    names = [data["nodeInfo"][i]["name"] for i in data["path"]["nodes"]]
    assert names[0] == "Gen Nakatani" and names[-1] == "Sjafrie Sjamsoeddin"
    assert len(data["path"]["edges"]) == len(names) - 1


# ---------------------------------------------------------------------------- files, notebooks
def test_write_html_is_atomic_and_returns_the_path(tmp_path):
    out = write_html(realistic_graph(), tmp_path / "sub" / "g.html", title="T")
    assert out == tmp_path / "sub" / "g.html"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["g.html"]


def test_notebook_html_is_one_sandboxed_iframe_holding_the_page():
    graph = hostile_graph()
    snippet = notebook_html(graph)
    parsed = parse(snippet)
    assert [t for t, _ in parsed.tags] == ["iframe"]
    attrs = parsed.tags[0][1]
    assert attrs["sandbox"] == "allow-scripts" and "100%" in attrs["style"]
    assert "600px" in attrs["style"]
    assert attrs["srcdoc"] == render_html(graph)
    assert "<script" not in snippet
    assert html.unescape(snippet[snippet.index('"') + 1:]).startswith("<!DOCTYPE html>")


def test_repr_html_uses_the_notebook_snippet():
    assert realistic_graph()._repr_html_().startswith("<iframe srcdoc=")


def test_show_returns_ipython_html():
    pytest.importorskip("IPython")
    shown = show(realistic_graph(), max_nodes=5)
    assert type(shown).__name__ == "HTML" and shown.data.startswith("<iframe")


def test_show_without_ipython_is_a_kg_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "IPython", None)
    monkeypatch.setitem(sys.modules, "IPython.display", None)
    with pytest.raises(KGError, match="IPython"):
        show(realistic_graph())


def test_render_module_does_not_import_spacy():
    code = "import sys, kg.render; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------- CLI
@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    path = tmp_path / "graph.json"
    realistic_graph().save(path)
    return path


def test_cli_render_writes_beside_the_graph_and_prints_the_path(graph_file):
    result = CliRunner().invoke(main, ["render", str(graph_file)])
    assert result.exit_code == 0, result.output
    out = graph_file.with_suffix(".html")
    assert out.is_file() and result.stderr.strip() == str(out)
    assert result.stdout == ""
    assert len(payload(out.read_text())["nodes"]) == 15


def test_cli_render_output_title_and_max_nodes(graph_file, tmp_path):
    out = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["render", str(graph_file), "-o", str(out), "--title",
                                       "My <b>page</b>", "--max-nodes", "4"])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert parse(page).text["kg-title"] == "My <b>page</b>"
    assert len(payload(page)["nodes"]) == 4


def test_cli_render_path(graph_file, tmp_path):
    pytest.importorskip("kg.query")
    out = tmp_path / "path.html"
    result = CliRunner().invoke(main, ["render", str(graph_file), "--path", "Nakatani",
                                       "Sjafrie", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = payload(out.read_text())
    assert data["path"] and data["nodeInfo"][data["path"]["nodes"][0]]["name"] == "Gen Nakatani"


def test_cli_render_errors_are_one_line(graph_file, tmp_path):
    runner = CliRunner()
    missing = runner.invoke(main, ["render", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    same = runner.invoke(main, ["render", str(graph_file), "-o", str(graph_file)])
    assert same.exit_code == 2 and "overwrite" in same.stderr
    assert json.loads(graph_file.read_text())["nodes"]
    zero = runner.invoke(main, ["render", str(graph_file), "--max-nodes", "0"])
    assert zero.exit_code == 2


def test_cli_render_unknown_name(graph_file):
    pytest.importorskip("kg.query")
    result = CliRunner().invoke(main, ["render", str(graph_file), "--path", "Nakatani",
                                       "Zzyzx Qwerty"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not graph_file.with_suffix(".html").exists()
