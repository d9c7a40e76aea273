"""Exports: GraphML and GEXF read back by networkx, CSV tables, a safe Cypher script."""

from __future__ import annotations

import csv
import doctest
import json
import re

import networkx as nx
import pytest
from _graphs import AHN, HEGSETH, NAKATANI, SCM, diplomacy_graph, ev

import kg.export
from kg.errors import InputError
from kg.export import FORMATS, cypher_string, export_graph, to_cypher
from kg.graph import KnowledgeGraph

NASTY = 'Minister "Jack" O\'Brien \\ the\nsecond\r\tone\x00 }) DETACH DELETE n //'


def xml_form(text: str) -> str:
    """What GraphML/GEXF can carry: CR as LF, NUL and other control characters as U+FFFD."""
    return text.replace("\r", "\n").replace("\x00", "\ufffd")


@pytest.fixture()
def graph() -> KnowledgeGraph:
    return diplomacy_graph()


def nasty_graph() -> KnowledgeGraph:
    """Labels and evidence full of quotes, backslashes, newlines and Cypher syntax."""
    kg = KnowledgeGraph()
    kg.add_entity("official:nasty", label=NASTY, type="official", aliases=[NASTY, "O'Brien"],
                  role="Spokes`person", docs=["d'1"], mentions=1)
    kg.add_entity("forum:x", label="Forum } // x", type="forum", docs=["d'1"])
    kg.add_entity("place:seoul", label="Seoul", type="place")
    kg.add_relation("official:nasty", "forum:x", "attended",
                    evidence=[ev("d'1", NASTY + " attended.", "2024-01-02")])
    kg.add_relation("official:nasty", "place:seoul", "visited-place",
                    evidence=[ev("d'1", "He went to Seoul.", None)])
    return kg


def test_docstring_examples_run():
    result = doctest.testmod(kg.export, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 5
    assert result.failed == 0


# ---------------------------------------------------------------------- GraphML / GEXF
@pytest.mark.parametrize("make", [diplomacy_graph, nasty_graph])
def test_graphml_reads_back_with_same_counts_and_attributes(tmp_path, make):
    source = make()
    out = export_graph(source, "graphml", tmp_path / "g.graphml")
    back = nx.read_graphml(out, force_multigraph=True)
    assert back.number_of_nodes() == source.graph.number_of_nodes()
    assert back.number_of_edges() == source.graph.number_of_edges()
    for node, data in source.graph.nodes(data=True):
        assert back.nodes[node]["label"] == xml_form(data["label"])
        assert back.nodes[node]["type"] == xml_form(data["type"])
    for u, v, key, data in source.graph.edges(keys=True, data=True):
        edge = back.get_edge_data(u, v, key=key)
        assert edge is not None and edge["kind"] == data["kind"]
        assert json.loads(edge["evidence"]) == data["evidence"]
        assert edge["distance"] == data["distance"]


def test_graphml_flattens_lists(tmp_path, graph):
    back = nx.read_graphml(export_graph(graph, "graphml", tmp_path / "g.graphml"))
    assert back.is_multigraph()                  # Ahn and Hegseth: meeting + co_appearance
    assert back.nodes[AHN]["aliases"] == "Ahn Gyu-back | Ahn Gyu-baek | Ahn Gyu-Back | Minister Ahn"
    edge = back.get_edge_data(AHN, HEGSETH, key="meeting")
    assert edge["dates"] == "2024-11-03 | 2025-11-03"
    assert json.loads(back.graph["documents"])[0]["date"] == "2024-11-03"


@pytest.mark.parametrize("make", [diplomacy_graph, nasty_graph])
def test_gexf_reads_back_with_same_counts(tmp_path, make):
    source = make()
    out = export_graph(source, "gexf", tmp_path / "g.gexf")
    back = nx.read_gexf(out)
    assert back.number_of_nodes() == source.graph.number_of_nodes()
    assert back.number_of_edges() == source.graph.number_of_edges()
    for node, data in source.graph.nodes(data=True):
        assert back.nodes[node]["label"] == xml_form(data["label"])
    kinds = sorted(d["kind"] for _, _, d in back.edges(data=True))
    assert kinds == sorted(k for _, _, k in source.graph.edges(keys=True))


def test_gexf_keeps_parallel_edges_of_one_pair(tmp_path):
    kg = KnowledgeGraph()
    for n in "ab":
        kg.add_entity(n, label=n.upper(), type="official")
    for kind in ("meeting", "co_appearance", "attended"):
        kg.add_relation("a", "b", kind, evidence=[ev("d1", "A and B.", None)])
    back = nx.read_gexf(export_graph(kg, "gexf", tmp_path / "g.gexf"))
    assert back.is_multigraph()
    assert back.number_of_edges("a", "b") == 3


# ---------------------------------------------------------------------- CSV
def _rows(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_csv_folder_has_nodes_and_edges(tmp_path, graph):
    folder = export_graph(graph, "csv", tmp_path / "tables")
    assert sorted(p.name for p in folder.iterdir()) == ["documents.csv", "edges.csv", "nodes.csv"]
    nodes = {r["id"]: r for r in _rows(folder / "nodes.csv")}
    edges = _rows(folder / "edges.csv")
    assert len(nodes) == graph.graph.number_of_nodes()
    assert len(edges) == graph.graph.number_of_edges()
    assert nodes[NAKATANI]["label"] == "Gen Nakatani"
    assert nodes[NAKATANI]["country"] == "JP"
    assert nodes[SCM]["role"] == ""
    attended = [e for e in edges if e["kind"] == "attended" and e["target"] == SCM]
    assert {e["source"] for e in attended} >= {AHN}   # the official end comes first
    meeting = next(e for e in edges if {e["source"], e["target"]} == {AHN, HEGSETH})
    assert meeting["count"] == "2" and meeting["distance"] == "0.75"
    assert [e["date"] for e in json.loads(meeting["evidence"])] == ["2024-11-03", "2025-11-03"]


def test_csv_round_trips_nasty_text(tmp_path):
    folder = export_graph(nasty_graph(), "csv", tmp_path / "tables")
    nodes = {r["id"]: r for r in _rows(folder / "nodes.csv")}
    assert nodes["official:nasty"]["label"] == NASTY
    edges = _rows(folder / "edges.csv")
    attended = next(e for e in edges if e["kind"] == "attended")
    assert json.loads(attended["evidence"])[0]["sentence"] == NASTY + " attended."


def test_csv_export_replaces_files_in_an_existing_folder(tmp_path, graph):
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "nodes.csv").write_text("old")
    (folder / "keep.txt").write_text("mine")
    export_graph(graph, "csv", folder)
    assert (folder / "nodes.csv").read_text().startswith("id,label,type")
    assert (folder / "keep.txt").read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["tables"]     # no temporary leftovers


def test_csv_export_onto_a_file_is_an_input_error(tmp_path, graph):
    target = tmp_path / "out.csv"
    target.write_text("x")
    with pytest.raises(InputError, match="writes a folder"):
        export_graph(graph, "csv", target)


# ---------------------------------------------------------------------- Cypher
def parse_cypher_strings(line: str) -> tuple[str, list[str]]:
    """Split a Cypher statement into its code (strings replaced by '?') and decoded strings.

    Follows the Cypher rules for single-quoted literals; fails on an unterminated one.
    """
    escapes = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b",
               "f": "\f"}
    code, strings, i = [], [], 0
    while i < len(line):
        char = line[i]
        if char != "'":
            code.append(char)
            i += 1
            continue
        i += 1
        value = []
        while True:
            assert i < len(line), f"unterminated string in {line!r}"
            char = line[i]
            if char == "\\":
                nxt = line[i + 1]
                if nxt == "u":
                    value.append(chr(int(line[i + 2: i + 6], 16)))
                    i += 6
                else:
                    value.append(escapes[nxt])
                    i += 2
            elif char == "'":
                i += 1
                break
            else:
                value.append(char)
                i += 1
        strings.append("".join(value))
        code.append("?")
    return "".join(code), strings


def test_cypher_string_escapes_everything_dangerous():
    literal = cypher_string(NASTY)
    assert "\n" not in literal and "\r" not in literal and "\x00" not in literal
    code, strings = parse_cypher_strings(literal)
    assert code == "?" and strings == [NASTY]
    assert cypher_string("a\\'b") == "'a\\\\\\'b'"


def test_cypher_script_structure(graph):
    script = to_cypher(graph)
    lines = script.splitlines()
    statements = [line for line in lines if not line.startswith("//")]
    assert lines[0].startswith("// kg graph for Neo4j")
    assert statements[0].startswith("CREATE CONSTRAINT")
    types = {d.get("type") for _, d in graph.graph.nodes(data=True)}
    kinds_present = {k for _, _, k in graph.graph.edges(keys=True)}
    assert len(statements) == 1 + len(types) + len(kinds_present)  # one UNWIND batch each
    assert all(s.endswith(";") for s in statements)
    officials = next(s for s in statements if "SET n:Official" in s)
    assert officials.startswith("UNWIND [") and "AS row MERGE (n:Entity {id: row.id})" in officials
    assert "{id: 'official:gen-nakatani', props: {label: 'Gen Nakatani'" in officials
    assert "aliases: ['Gen Nakatani']" in officials
    assert any("SET n:Forum" in s for s in statements)
    assert any("SET n:Agency" in s for s in statements)
    kinds = re.findall(r"-\[r:(\w+)\]->", script)
    assert sorted(set(kinds)) == ["AFFILIATED", "ATTENDED", "CO_APPEARANCE", "MEETING"]
    (attended,) = [s for s in statements if "[r:ATTENDED]" in s]
    assert re.findall(r"\{source: '(\w+):", attended) == ["official"] * attended.count("{source:")
    assert "r.dates = [d IN row.dates | date(d)]" in attended  # dates as Neo4j dates


def test_cypher_no_injection_from_article_text():
    source = nasty_graph()
    statements = [line for line in to_cypher(source).splitlines() if not line.startswith("//")]
    assert len(statements) == 1 + 3 + 2          # every value stayed on its line
    decoded = []
    for statement in statements:
        code, strings = parse_cypher_strings(statement)
        decoded.extend(strings)
        # outside string literals only the generated syntax remains
        assert "DETACH" not in code and "//" not in code
        assert code.endswith(";") and code.count(";") == 1
    assert NASTY in decoded
    evidence = [json.loads(s) for s in decoded if s.startswith("[{")]
    assert evidence[0][0]["sentence"] == NASTY + " attended."
    script = to_cypher(source)
    assert "SET n:Place" in script
    assert "[r:VISITED_PLACE]" in script
    assert "`" not in script.replace("Spokes`person", "")   # keys are plain identifiers


def test_cypher_identifiers_from_data_are_sanitised():
    kg = KnowledgeGraph()
    kg.add_entity("x", label="X", type="offi`cial) DELETE (n", **{"we`ird key": 1})
    kg.add_entity("y", label="Y", type="official")
    kg.add_relation("x", "y", "met]->(b) DELETE b //")
    script = to_cypher(kg)
    code = "".join(parse_cypher_strings(line)[0] for line in script.splitlines()[1:])
    assert "SET n:OffiCialDeleteN, n +=" in code
    assert "[r:MET_B_DELETE_B]" in code
    assert "`we``ird key`: 1" in code


# ---------------------------------------------------------------------- entry point
def test_text_exports_are_atomic_files(tmp_path, graph):
    (tmp_path / "sub").mkdir()
    for fmt in ("graphml", "gexf", "cypher"):
        out = export_graph(graph, fmt, tmp_path / "sub" / f"g.{fmt}")
        assert out.is_file() and out.stat().st_size > 100
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == [
        "g.cypher", "g.gexf", "g.graphml"]


def test_unknown_format_and_folder_target(tmp_path, graph):
    with pytest.raises(InputError, match="unknown export format"):
        export_graph(graph, "pdf", tmp_path / "g.pdf")
    with pytest.raises(InputError, match="is a folder"):
        export_graph(graph, "graphml", tmp_path)


def test_formats_list():
    assert FORMATS == ("graphml", "gexf", "csv", "cypher")
