"""Name lookup, explainable paths, neighbours and rankings on hand-built graphs."""

from __future__ import annotations

import dataclasses
import doctest

import networkx as nx
import pytest
from _graphs import (
    AHN,
    AUSTIN,
    CHOE,
    D_JSA,
    D_SEOUL,
    D_TOKYO,
    HEGSETH,
    KIM,
    LEE_JM,
    LEE_JS,
    MND,
    NAKATANI,
    SCM,
    chain_graph,
    diplomacy_graph,
    ev,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg.query
from kg.errors import AmbiguousNameError, InputError, NoPathError, UnknownNameError
from kg.graph import EDGE_KINDS, KnowledgeGraph
from kg.query import (
    find_path,
    find_paths,
    neighbors,
    normalize_name,
    path_view,
    resolve_name,
    top,
)


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return diplomacy_graph()


def test_docstring_examples_run():
    result = doctest.testmod(kg.query, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 10
    assert result.failed == 0


# ---------------------------------------------------------------------- names
@pytest.mark.parametrize(("query", "expected"), [
    ("Gen Nakatani", NAKATANI),
    ("gen nakatani", NAKATANI),
    ("GEN NAKATANI", NAKATANI),
    ("Ahn Gyu-bäck", AHN),                 # diacritics
    ("ahn gyu back", AHN),                 # hyphen-insensitive
    ("Ahn Gyu-baek", AHN),                 # alias
    ("AHN GYU BAEK", AHN),
    ("Minister Ahn", AHN),                 # alias with title
    ("Ahn Gyuback", AHN),                  # spacing
    ("ahn", AHN),                          # Korean: surname first
    ("nakatani", NAKATANI),                # surname last
    ("hegseth", HEGSETH),
    ("Hegseth.", HEGSETH),                 # punctuation
    ("Lee Jaemyung", LEE_JM),
    ("official:pete-hegseth", HEGSETH),    # node id
    ("Pete Hegsteh", HEGSETH),             # typo
    ("nakatnai", NAKATANI),                # typo in a surname
    ("scm", SCM),
    ("Kementerian Pertahanan Nasional", MND),
])
def test_resolve_name(graph, query, expected):
    assert resolve_name(graph, query) == expected


def test_normalize_name_folds_case_diacritics_and_punctuation():
    assert normalize_name("Ahn Gyu-bäck") == normalize_name("ahn gyu back") == "ahn gyu back"
    assert normalize_name("Søren  O'Brien") == "soren o brien"


def test_ambiguous_surname_lists_candidates_with_type_and_role(graph):
    with pytest.raises(AmbiguousNameError) as info:
        resolve_name(graph, "lee")
    err = info.value
    assert err.exit_code == 2
    assert {c["id"] for c in err.details["candidates"]} == {LEE_JS, LEE_JM}
    assert "Lee Jong-sup (official, Defense Minister (former)" in err.message
    assert "Lee Jae Myung (official, President" in err.message


def test_unknown_name_lists_closest_candidates(graph):
    with pytest.raises(UnknownNameError) as info:
        resolve_name(graph, "Lloyd Austen Smith")
    err = info.value
    assert not isinstance(err, AmbiguousNameError)
    assert err.exit_code == 2
    assert err.details["candidates"][0]["id"] == AUSTIN
    assert "Lloyd Austin (official, Secretary of Defense (former)" in err.message


def test_unknown_name_with_nothing_close(graph):
    with pytest.raises(UnknownNameError, match="unknown name 'zzzz'"):
        resolve_name(graph, "zzzz")
    with pytest.raises(UnknownNameError):
        resolve_name(graph, " -- ")


def test_type_restricts_lookup(graph):
    with pytest.raises(UnknownNameError, match="unknown forum name"):
        resolve_name(graph, "hegseth", type="forum")
    assert resolve_name(graph, "Security Consultative Meeting", type="forum") == SCM
    with pytest.raises(InputError, match="unknown type"):
        resolve_name(graph, "hegseth", type="person")


def _austin_graph() -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.add_entity("official:austin", label="Lloyd Austin", type="official",
                  aliases=["Lloyd Austin", "Austin"])
    kg.add_entity("agency:austin", label="Austin Command", type="agency",
                  aliases=["Austin Command", "Austin"])
    return kg


def test_officials_preferred_only_without_type():
    kg = _austin_graph()
    assert resolve_name(kg, "austin") == "official:austin"
    assert resolve_name(kg, "austin", type="agency") == "agency:austin"
    kg.add_entity("official:austin2", label="Austin Miller", type="official", aliases=["Austin"])
    with pytest.raises(AmbiguousNameError) as info:
        resolve_name(kg, "austin")
    assert {c["id"] for c in info.value.details["candidates"]} == {
        "official:austin", "official:austin2"}


def test_exact_label_beats_alias_and_surname():
    kg = KnowledgeGraph()
    kg.add_entity("a", label="Kim", type="official")
    kg.add_entity("b", label="Kim Jong-un", type="official", aliases=["Kim"])
    kg.add_entity("c", label="Kim Yo-jong", type="official")
    assert resolve_name(kg, "kim") == "a"
    assert resolve_name(kg, "b") == "b"


# ---------------------------------------------------------------------- paths
def test_nakatani_to_hegseth_goes_through_ahn_with_evidence(graph):
    result = find_path(graph, "Gen Nakatani", "Pete Hegseth")
    assert result.nodes == (NAKATANI, AHN, HEGSETH)
    assert result.labels == ("Gen Nakatani", "Ahn Gyu-back", "Pete Hegseth")
    assert [h.kind for h in result.hops] == ["meeting", "meeting"]
    assert result.length == pytest.approx(1.0 + 0.75)
    first, second = result.hops
    assert (first.source, first.target) == (NAKATANI, AHN)
    assert first.docs == (D_TOKYO,)
    assert first.dates == ("2025-09-08",)
    assert "Gen Nakatani held official talks" in first.evidence[0].sentence
    assert second.docs == (D_JSA, D_SEOUL)
    assert len(second.evidence) == 2
    assert find_path(graph, "nakatani", "hegseth") == result


def test_path_result_is_frozen_and_serialises_to_the_contract(graph):
    result = find_path(graph, "nakatani", "hegseth")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.length = 0  # type: ignore[misc]
    data = result.to_dict()
    assert set(data) == {"path", "hops", "length"}
    assert data["path"] == ["Gen Nakatani", "Ahn Gyu-back", "Pete Hegseth"]
    hop = data["hops"][1]
    assert set(hop) == {"source", "target", "source_id", "target_id", "kind", "direction",
                        "dates", "docs", "evidence"}
    assert hop["source"] == "Ahn Gyu-back" and hop["target"] == "Pete Hegseth"
    assert hop["target_id"] == "official:pete-hegseth"
    assert hop["dates"] == ["2024-11-03", "2025-11-03"]
    assert hop["evidence"][0] == {
        "doc": D_JSA, "date": "2024-11-03", "start": 116, "end": 226,
        "sentence": "South Korean Defense Minister Ahn Gyu-back shakes hands with U.S. Defense "
                    "Secretary Pete Hegseth at Panmunjom.",
    }


def test_path_text_shows_arrows_first_sentence_and_count(graph):
    text = find_path(graph, "nakatani", "hegseth").to_text()
    lines = text.splitlines()
    assert lines[0] == "Gen Nakatani → Ahn Gyu-back → Pete Hegseth"
    assert lines[1] == "  Gen Nakatani —meeting→ Ahn Gyu-back  (2025-09-08)"
    assert lines[2].startswith('      "Ahn Gyu-Back and Japanese Defense Minister')
    assert "004_nakatani_ahn.txt, 2025-09-08 (+1 more sentence)" in lines[2]
    assert lines[3] == "  Ahn Gyu-back —meeting→ Pete Hegseth  (2024-11-03, 2025-11-03)"
    assert lines[-1] == "  2 hops, length 1.75"


def test_path_hops_are_oriented_along_the_path(graph):
    result = find_path(graph, "hegseth", "nakatani")
    assert result.labels == ("Pete Hegseth", "Ahn Gyu-back", "Gen Nakatani")
    assert [(h.source, h.target) for h in result.hops] == [(HEGSETH, AHN), (AHN, NAKATANI)]


def test_same_node_is_an_empty_path(graph):
    result = find_path(graph, "hegseth", "Pete Hegseth")
    assert result.nodes == (HEGSETH,) and result.hops == () and result.length == 0


def test_two_meetings_beat_one_co_appearance_exact_figures():
    kg = chain_graph([("a", "b", "meeting", 1), ("b", "c", "meeting", 1),
                      ("a", "c", "co_appearance", 1)])
    result = find_path(kg, "a", "c")
    assert result.nodes == ("a", "b", "c")
    assert result.length == 2.0
    assert find_path(kg, "a", "c", via="co_appearance").length == 4.0


def test_well_supported_co_appearance_beats_three_meetings_exact_figures():
    # three single-document meetings: 3 * 1.0 = 3.0
    pairs = [("a", "b", "meeting", 1), ("b", "c", "meeting", 1), ("c", "d", "meeting", 1)]
    kg = chain_graph([*pairs, ("a", "d", "co_appearance", 1)])
    assert find_path(kg, "a", "d").nodes == ("a", "b", "c", "d")   # 3.0 < 4.0
    kg = chain_graph([*pairs, ("a", "d", "co_appearance", 4)])
    result = find_path(kg, "a", "d")                                # 4 * (0.5 + 0.5/4) = 2.5
    assert result.nodes == ("a", "d")
    assert result.length == 2.5
    assert result.hops[0].kind == "co_appearance"


def test_pair_uses_its_best_kind():
    kg = chain_graph([("a", "b", "co_appearance", 1), ("a", "b", "attended", 1)])
    hop = find_path(kg, "a", "b").hops[0]
    assert (hop.kind, hop.distance) == ("attended", 2.0)


def test_via_restricts_kinds_and_reports_components(graph):
    assert find_path(graph, "nakatani", "hegseth", via="meeting").length == 1.75
    result = find_path(graph, "nakatani", "hegseth", via=["co_appearance"])
    assert result.nodes == (NAKATANI, HEGSETH)
    with pytest.raises(NoPathError) as info:
        find_path(graph, "nakatani", "lloyd austin", via="meeting")
    message = info.value.message
    assert info.value.exit_code == 1
    assert message.startswith(
        "no path between Gen Nakatani and Lloyd Austin using only meeting edges: "
        "Gen Nakatani is in a component of 3 nodes (with Ahn Gyu-back, Pete Hegseth), "
        "Lloyd Austin in one of 2 nodes (with Lee Jong-sup)")
    assert message.endswith("they are connected without the filter")


def test_no_path_between_components(graph):
    with pytest.raises(NoPathError) as info:
        find_path(graph, "nakatani", "kim jong un")
    message = info.value.message
    assert "Gen Nakatani is in a component of 8 nodes" in message
    assert "Kim Jong-un in one of 2 nodes (with Choe Son-hui)" in message
    assert "without the filter" not in message
    assert set(info.value.details["components"][1]) == {KIM, CHOE}


def test_no_path_names_an_isolated_node():
    kg = chain_graph([("a", "b", "co_appearance", 1)])
    with pytest.raises(NoPathError, match="A has no such links, B has no such links"):
        find_path(kg, "a", "b", via="meeting")


def test_unknown_kind_is_an_input_error(graph):
    with pytest.raises(InputError, match="unknown edge kind 'meetings'"):
        find_path(graph, "nakatani", "hegseth", via="meetings")


def test_since_until_filter_edges_and_their_evidence(graph):
    result = find_path(graph, "nakatani", "hegseth", since="2025")
    assert result.nodes == (NAKATANI, AHN, HEGSETH)
    last = result.hops[1]
    assert last.docs == (D_SEOUL,) and last.dates == ("2025-11-03",)
    assert [e.date for e in last.evidence] == ["2025-11-03"]
    assert last.distance == 1.0            # one document left in the window
    assert result.length == 2.0
    # before Nakatani met Ahn, only the summit co-appearance joins them
    early = find_path(graph, "nakatani", "hegseth", until="2024-12")
    assert early.nodes == (NAKATANI, HEGSETH)
    assert early.hops[0].kind == "co_appearance"
    assert find_path(graph, "nakatani", "hegseth", since="2024-06", until="2024-06-01").nodes \
        == (NAKATANI, HEGSETH)
    with pytest.raises(NoPathError, match="with evidence dated from 2024-07 to 2024-12"):
        find_path(graph, "nakatani", "hegseth", since="2024-07", until="2024-12")


def test_window_excludes_undated_evidence(graph):
    # Ahn's SCM attendance has no date: with any window the forum only reaches Austin and Lee
    assert find_path(graph, "ahn", "scm").hops[0].kind == "attended"
    with pytest.raises(NoPathError):
        find_path(graph, "ahn", "scm", since="1900", via="attended")


@pytest.mark.parametrize(("since", "until"), [("2023-13", None), ("yesterday", None),
                                              (None, "2023-02-30"), ("2024", "2023")])
def test_bad_dates_are_input_errors(graph, since, until):
    with pytest.raises(InputError):
        find_path(graph, "nakatani", "hegseth", since=since, until=until)


def test_k_paths_are_distinct_sorted_and_start_with_the_shortest(graph):
    paths = find_paths(graph, "nakatani", "hegseth", 5)
    assert paths[0] == find_path(graph, "nakatani", "hegseth")
    assert [(p.nodes, p.length) for p in paths] == [
        ((NAKATANI, AHN, HEGSETH), 1.75),
        ((NAKATANI, HEGSETH), 4.0),
    ]
    assert find_paths(graph, "nakatani", "hegseth", 1) == paths[:1]
    longer = find_paths(graph, "nakatani", "lloyd austin", 2)
    assert [p.nodes for p in longer] == [
        (NAKATANI, AHN, SCM, AUSTIN),
        (NAKATANI, AHN, SCM, LEE_JS, AUSTIN),
    ]
    assert longer[0].length < longer[1].length


def test_k_paths_exact_on_a_diamond():
    kg = chain_graph([("a", "b", "meeting", 1), ("b", "d", "meeting", 1),
                      ("a", "c", "attended", 1), ("c", "d", "affiliated", 1),
                      ("a", "d", "co_appearance", 1)])
    paths = find_paths(kg, "a", "d", 10)
    assert [(p.nodes, p.length) for p in paths] == [
        (("a", "b", "d"), 2.0), (("a", "d"), 4.0), (("a", "c", "d"), 5.0),
    ]
    with pytest.raises(InputError):
        find_paths(kg, "a", "d", 0)
    with pytest.raises(NoPathError):
        find_paths(kg, "a", "d", 3, via="affiliated")


def test_path_view_keeps_min_distance_edge_per_pair(graph):
    view = path_view(graph)
    assert isinstance(view, nx.Graph) and not view.is_multigraph()
    assert view.number_of_nodes() == graph.graph.number_of_nodes()
    assert view.edges[NAKATANI, HEGSETH]["kind"] == "co_appearance"
    assert view.edges[AHN, HEGSETH]["distance"] == 0.75


# ---------------------------------------------------------------------- property tests
@st.composite
def random_graphs(draw):
    n = draw(st.integers(min_value=2, max_value=7))
    nodes = [f"n{i}" for i in range(n)]
    pairs = draw(st.lists(
        st.tuples(st.sampled_from(nodes), st.sampled_from(nodes), st.sampled_from(EDGE_KINDS),
                  st.integers(min_value=1, max_value=4),
                  st.sampled_from(["2022-05-01", "2023-02-01", "2024-12-31", None])),
        max_size=14,
    ))
    kg = KnowledgeGraph()
    for node in nodes:
        kg.add_entity(node, label=node.upper(), type="official")
    for a, b, kind, n_docs, date in pairs:
        if a != b:
            kg.add_relation(a, b, kind, evidence=[
                ev(f"d{i}", f"{a} {kind} {b}", date, start=i) for i in range(n_docs)])
    a, b = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
    return kg, a, b


def _check_walk(kg: KnowledgeGraph, result, a: str, b: str) -> None:
    assert result.nodes[0] == a and result.nodes[-1] == b
    assert len(set(result.nodes)) == len(result.nodes)
    assert len(result.hops) == len(result.nodes) - 1
    for i, hop in enumerate(result.hops):
        assert (hop.source, hop.target) == result.nodes[i: i + 2]
        if i:
            assert hop.source == result.hops[i - 1].target
        assert kg.graph.has_edge(hop.source, hop.target, key=hop.kind)
    assert result.length == pytest.approx(sum(h.distance for h in result.hops))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_graphs())
def test_paths_are_shortest_walks_in_the_graph(case):
    kg, a, b = case
    if not nx.has_path(kg.graph, a, b):
        with pytest.raises(NoPathError):
            find_path(kg, a, b)
        return
    result = find_path(kg, a, b)
    _check_walk(kg, result, a, b)
    for hop in result.hops:
        assert hop.distance == kg.graph.edges[hop.source, hop.target, hop.kind]["distance"]
    best = nx.shortest_path_length(kg.graph, a, b, weight="distance")
    assert result.length == pytest.approx(best)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_graphs(), st.integers(min_value=1, max_value=4))
def test_k_paths_are_distinct_sorted_walks(case, k):
    kg, a, b = case
    if not nx.has_path(kg.graph, a, b):
        return
    paths = find_paths(kg, a, b, k)
    assert 1 <= len(paths) <= k
    assert len({p.nodes for p in paths}) == len(paths)
    assert [p.length for p in paths] == sorted(p.length for p in paths)
    assert paths[0].length == pytest.approx(find_path(kg, a, b).length)
    for p in paths:
        _check_walk(kg, p, a, b)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_graphs(), st.sampled_from(["2023", "2023-02", "2024-12-31"]),
       st.sampled_from(EDGE_KINDS))
def test_windowed_and_filtered_paths_respect_constraints(case, since, kind):
    kg, a, b = case
    try:
        result = find_path(kg, a, b, since=since, via=[kind, "meeting"])
    except NoPathError:
        return
    for hop in result.hops:
        assert hop.kind in (kind, "meeting")
        assert hop.evidence and all(e.date and e.date[: len(since)] >= since for e in hop.evidence)
        assert hop.docs == tuple(sorted({e.doc for e in hop.evidence}))


# ---------------------------------------------------------------------- neighbours and top
def test_neighbors_depth_one(graph):
    found = neighbors(graph, "ahn")
    assert [n.id for n in found] == [HEGSETH, NAKATANI, SCM, MND]
    assert found[0].kinds == ("meeting", "co_appearance") and found[0].distance == 0.75
    assert found[0].docs == (D_JSA, D_SEOUL)
    assert all(n.depth == 1 and n.through == AHN for n in found)


def test_neighbors_kinds_and_depth(graph):
    meetings = neighbors(graph, "nakatani", kinds="meeting", depth=2)
    assert [(n.id, n.depth, n.through) for n in meetings] == [
        (AHN, 1, NAKATANI), (HEGSETH, 2, AHN)]
    far = neighbors(graph, "nakatani", depth=3)
    by_id = {n.id: n for n in far}
    assert by_id[HEGSETH].depth == 1 and by_id[HEGSETH].kinds == ("co_appearance",)
    assert by_id[LEE_JM].depth == 2 and by_id[LEE_JM].through == HEGSETH
    assert by_id[LEE_JS].depth == 3 and by_id[LEE_JS].through == SCM
    assert KIM not in by_id
    with pytest.raises(InputError):
        neighbors(graph, "ahn", depth=0)
    with pytest.raises(UnknownNameError):
        neighbors(graph, "nobody at all")


def test_top_by_degree(graph):
    ranked = top(graph, n=3)
    assert [(r.id, r.score) for r in ranked] == [(AHN, 4.0), (HEGSETH, 3.0), (SCM, 3.0)]
    officials = top(graph, type="official", n=2)
    assert [r.id for r in officials] == [AHN, HEGSETH]


def test_top_by_betweenness_and_pagerank(graph):
    between = top(graph, by="betweenness", n=1)[0]
    assert between.id == AHN
    ranks = top(graph, by="pagerank", n=100)
    assert sum(r.score for r in ranks) == pytest.approx(1.0)
    assert ranks[0].id == AHN
    with pytest.raises(InputError):
        top(graph, by="fame")


def test_pagerank_matches_stationary_distribution_without_damping():
    g = nx.Graph()
    g.add_weighted_edges_from([("a", "b", 3.0), ("b", "c", 1.0), ("a", "c", 2.0), ("c", "d", 4.0)])
    ranks = kg.query._pagerank(g, alpha=1.0)
    total = 2 * sum(w for _, _, w in g.edges(data="weight"))
    for node in g:
        assert ranks[node] == pytest.approx(g.degree(node, weight="weight") / total, abs=1e-6)


def test_pagerank_star_and_dangling_node():
    g = nx.star_graph(4)
    g.add_node(99)
    ranks = kg.query._pagerank(g)
    assert max(ranks, key=ranks.get) == 0
    assert len({round(ranks[i], 9) for i in range(1, 5)}) == 1
    assert sum(ranks.values()) == pytest.approx(1.0)


def test_every_public_function_has_an_example():
    for name in kg.query.__all__:
        obj = getattr(kg.query, name)
        if callable(obj):
            assert ">>>" in (obj.__doc__ or ""), name


def test_fixture_distances():
    # the figures the tests above rely on
    g = diplomacy_graph().graph
    assert g.edges[NAKATANI, AHN, "meeting"]["distance"] == 1.0
    assert g.edges[AHN, HEGSETH, "meeting"]["distance"] == 0.75
    assert g.edges[NAKATANI, HEGSETH, "co_appearance"]["distance"] == 4.0


def test_shared_surname_first_is_ambiguous_and_says_why():
    kg = KnowledgeGraph()
    kg.add_entity("official:kju", label="Kim Jong-un", type="official", role="Leader")
    kg.add_entity("official:kyj", label="Kim Yo-jong", type="official", role="Vice Director")
    with pytest.raises(AmbiguousNameError, match=r"'kim' \(first or last name of 2 nodes\)"):
        resolve_name(kg, "kim")


def test_knowledge_graph_methods_delegate(graph, tmp_path):
    assert graph.lookup("minister ahn") == AHN
    assert graph.lookup("Security Consultative Meeting", type="forum") == SCM
    assert graph.path("nakatani", "hegseth") == find_path(graph, "nakatani", "hegseth")
    assert graph.path("nakatani", "hegseth", until="2024-12").nodes == (NAKATANI, HEGSETH)
    assert graph.paths("nakatani", "hegseth", 2) == find_paths(graph, "nakatani", "hegseth", 2)
    assert graph.neighbors("ahn", kinds="meeting") == neighbors(graph, "ahn", kinds="meeting")
    assert graph.top("betweenness", n=3) == top(graph, by="betweenness", n=3)
    out = graph.export("graphml", tmp_path / "g.graphml")
    assert nx.read_graphml(out).number_of_nodes() == len(graph)


def test_path_view_is_cached_and_dropped_when_the_graph_changes():
    from kg.graph import KnowledgeGraph
    from kg.query import path_view

    kg = KnowledgeGraph()
    for n in "abc":
        kg.add_entity(n, label=n.upper(), type="official")
    ev = [{"doc": "d", "sentence": "s", "start": 0, "end": 1}]
    kg.add_relation("a", "b", "meeting", evidence=ev)
    first = path_view(kg)
    assert path_view(kg) is first
    assert path_view(kg, via="meeting") is not first
    kg.add_relation("b", "c", "meeting", evidence=ev)
    assert path_view(kg).has_edge("b", "c")
