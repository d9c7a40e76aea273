"""The query and export commands through click's CliRunner."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import networkx as nx
import pytest
from _graphs import AHN, HEGSETH, LEE_JM, LEE_JS, NAKATANI, diplomacy_graph, write_graph
from click.testing import CliRunner

import kg.cli_query
import kg.export
import kg.query
from kg.cli import main


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    return write_graph(tmp_path)


def run(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_clean_error(result, code: int) -> str:
    """Exit ``code``, one ``kg: error:`` line on stderr, no traceback; returns the message."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ")
    return lines[0]


# ---------------------------------------------------------------------- path
def test_path_json_nakatani_to_hegseth(graph_file):
    result = run("path", graph_file, "Gen Nakatani", "Pete Hegseth", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["path"] == ["Gen Nakatani", "Ahn Gyu-back", "Pete Hegseth"]
    assert data["length"] == 1.75
    assert [h["kind"] for h in data["hops"]] == ["meeting", "meeting"]
    for hop in data["hops"]:
        assert hop["evidence"] and all(e["sentence"] and e["doc"] for e in hop["evidence"])
        assert {"source", "target", "kind", "dates", "docs", "evidence"} <= hop.keys()
    assert "Nakatani" in data["hops"][0]["evidence"][0]["sentence"]
    assert "Hegseth" in data["hops"][1]["evidence"][0]["sentence"]


def test_path_text_with_surnames(graph_file):
    result = run("path", graph_file, "nakatani", "hegseth")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Gen Nakatani → Ahn Gyu-back → Pete Hegseth"
    assert lines[1] == "  Gen Nakatani —meeting→ Ahn Gyu-back  (2025-09-08)"
    assert lines[2].strip().startswith('"Ahn Gyu-Back and Japanese Defense Minister')
    assert "(+1 more sentence)" in lines[2]


def test_path_k_json_lists_sorted_distinct_paths(graph_file):
    result = run("path", graph_file, "nakatani", "hegseth", "-k", "3", "--json")
    assert result.exit_code == 0, result.output
    paths = json.loads(result.stdout)["paths"]
    assert [p["path"] for p in paths] == [
        ["Gen Nakatani", "Ahn Gyu-back", "Pete Hegseth"], ["Gen Nakatani", "Pete Hegseth"]]
    assert [p["length"] for p in paths] == [1.75, 4.0]


def test_path_k_text_numbers_paths(graph_file):
    result = run("path", graph_file, "nakatani", "hegseth", "-k", "2")
    assert result.exit_code == 0
    assert result.stdout.startswith("Path 1 of 2:\nGen Nakatani → Ahn Gyu-back → Pete Hegseth")
    assert "Path 2 of 2:\nGen Nakatani → Pete Hegseth" in result.stdout


def test_path_via_and_window(graph_file):
    result = run("path", graph_file, "nakatani", "hegseth", "--via", "co_appearance", "--json")
    assert json.loads(result.stdout)["path"] == ["Gen Nakatani", "Pete Hegseth"]
    result = run("path", graph_file, "nakatani", "hegseth", "--since", "2025", "--json")
    hops = json.loads(result.stdout)["hops"]
    assert hops[1]["dates"] == ["2025-11-03"]
    assert [e["date"] for e in hops[1]["evidence"]] == ["2025-11-03"]
    result = run("path", graph_file, "nakatani", "hegseth", "--until", "2024-12", "--json")
    assert json.loads(result.stdout)["path"] == ["Gen Nakatani", "Pete Hegseth"]


def test_path_no_path_with_via_exits_1_and_says_why(graph_file):
    result = run("path", graph_file, "nakatani", "lloyd austin", "--via", "meeting")
    message = assert_clean_error(result, 1)
    assert "no path between Gen Nakatani and Lloyd Austin using only meeting edges" in message
    assert "Gen Nakatani is in a component of 3 nodes (with Ahn Gyu-back, Pete Hegseth)" \
        in message
    assert result.stdout == ""


def test_path_between_components_exits_1(graph_file):
    message = assert_clean_error(run("path", graph_file, "nakatani", "kim jong-un"), 1)
    assert "Kim Jong-un in one of 2 nodes (with Choe Son-hui)" in message


def test_unknown_name_exits_2_with_candidates(graph_file):
    message = assert_clean_error(run("path", graph_file, "Lloyd Austen Smith", "hegseth"), 2)
    assert "unknown name 'Lloyd Austen Smith'" in message
    assert "Lloyd Austin (official, Secretary of Defense (former)" in message


def test_ambiguous_name_exits_2_with_candidates(graph_file):
    message = assert_clean_error(run("path", graph_file, "lee", "hegseth"), 2)
    assert "ambiguous name 'lee'" in message
    assert LEE_JS in message and LEE_JM in message


def test_typo_is_resolved_with_a_note(graph_file):
    result = run("path", graph_file, "Pete Hegsteh", "nakatani", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["path"][0] == "Pete Hegseth"
    assert "taking Pete Hegseth (closest spelling)" in result.stderr


@pytest.mark.parametrize("args", [["--via", "meetings"], ["--since", "2023-13"],
                                  ["--since", "2025", "--until", "2024"], ["-k", "0"]])
def test_bad_options_exit_2(graph_file, args):
    result = run("path", graph_file, "nakatani", "hegseth", *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_truncated_graph_file_exits_2_with_one_line(tmp_path, graph_file):
    broken = tmp_path / "broken.json"
    text = graph_file.read_text(encoding="utf-8")
    broken.write_text(text[: len(text) // 2], encoding="utf-8")
    for command in (["path", broken, "a", "b"], ["stats", broken], ["export", broken,
                                                                     "-f", "csv", "-o", "x"]):
        message = assert_clean_error(run(*command), 2)
        assert str(broken) in message and "not valid JSON" in message


def test_missing_graph_file_exits_2(tmp_path):
    message = assert_clean_error(run("stats", tmp_path / "nope.json"), 2)
    assert "no such graph file" in message


def test_path_html_passes_the_result_to_write_html(graph_file, tmp_path, monkeypatch):
    calls = []

    def write_html(graph, path, *, path_result=None, max_nodes=None, title=None):
        calls.append((graph, Path(path), path_result))
        Path(path).write_text("<html></html>")
        return Path(path)

    fake = types.ModuleType("kg.render")
    fake.write_html = write_html
    monkeypatch.setitem(sys.modules, "kg.render", fake)
    out = tmp_path / "path.html"
    result = run("path", graph_file, "nakatani", "hegseth", "--html", out)
    assert result.exit_code == 0, result.output
    (graph, written, path_result), = calls
    assert len(graph) == 10
    assert written == out and out.exists()
    assert isinstance(path_result, kg.query.PathResult)
    assert path_result.nodes == (NAKATANI, AHN, HEGSETH)
    assert str(out) in result.stderr


def test_path_html_with_the_real_renderer(graph_file, tmp_path):
    try:
        import kg.render  # noqa: F401
    except ImportError:
        pytest.skip("kg.render is not available")
    out = tmp_path / "path.html"
    result = run("path", graph_file, "nakatani", "hegseth", "--html", out)
    assert result.exit_code == 0, result.output
    assert "Pete Hegseth" in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------------- other queries
def test_neighbors_json_and_text(graph_file):
    result = run("neighbors", graph_file, "ahn", "--json")
    data = json.loads(result.stdout)
    assert data["id"] == AHN and data["label"] == "Ahn Gyu-back"
    assert [n["label"] for n in data["neighbors"]] == [
        "Pete Hegseth", "Gen Nakatani", "Security Consultative Meeting",
        "Ministry of National Defense"]
    result = run("neighbors", graph_file, "nakatani", "--kind", "meeting", "--depth", "2")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Gen Nakatani (official, Minister of Defense): 2 within 2 links"
    assert lines[1].split() == ["depth", "label", "type", "role", "link", "docs", "via"]
    assert lines[3].split()[:3] == ["2", "Pete", "Hegseth"]
    assert lines[3].rstrip().endswith("Ahn Gyu-back")
    result = run("neighbors", graph_file, "kim jong-un", "--kind", "meeting")
    assert result.stdout.strip() == "Kim Jong-un (official, Leader): nothing linked by meeting"


def test_top_json_and_text(graph_file):
    data = json.loads(run("top", graph_file, "-n", "2", "--json").stdout)
    assert [(r["label"], r["score"]) for r in data] == [("Ahn Gyu-back", 4.0),
                                                         ("Pete Hegseth", 3.0)]
    result = run("top", graph_file, "--by", "betweenness", "--type", "forum")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["#", "label", "type", "role", "betweenness"]
    assert "Security Consultative Meeting" in lines[1] and len(lines) == 3
    assert lines[2] == "method: betweenness, exact"
    data = json.loads(run("top", graph_file, "--by", "pagerank", "--json", "-n", "50").stdout)
    assert sum(r["score"] for r in data) == pytest.approx(1.0)
    assert run("top", graph_file, "--by", "fame").exit_code == 2


def test_stats_json_matches_the_api_and_text(graph_file):
    data = json.loads(run("stats", graph_file, "--json").stdout)
    assert data == diplomacy_graph().stats()
    text = run("stats", graph_file).stdout
    assert "nodes:      10 (agency 1, forum 1, official 8)" in text
    assert "components: 2" in text
    assert "dates:      2023-11-13 … 2025-11-03" in text


def test_entities_json_and_table(graph_file):
    data = json.loads(run("entities", graph_file, "--type", "forum", "--json").stdout)
    assert [e["label"] for e in data] == ["Security Consultative Meeting"]
    assert data[0]["aliases"] == ["Security Consultative Meeting", "SCM"]
    text = run("entities", graph_file, "--type", "official").stdout.splitlines()
    assert text[0].split() == ["label", "type", "role", "country", "docs", "aliases"]
    assert len(text) == 1 + 8
    ahn = next(line for line in text if line.startswith("Ahn Gyu-back"))
    assert "KR" in ahn and ahn.endswith("Ahn Gyu-baek, Ahn Gyu-Back, Minister Ahn")


@pytest.mark.parametrize("command", [
    ["path", "nakatani", "hegseth"], ["neighbors", "ahn"], ["top"], ["stats"], ["entities"]])
def test_every_query_command_prints_json(graph_file, command):
    result = run(command[0], graph_file, *command[1:], "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


# ---------------------------------------------------------------------- export
@pytest.mark.parametrize(("fmt", "reader"), [
    ("graphml", lambda p: nx.read_graphml(p, force_multigraph=True)), ("gexf", nx.read_gexf)])
def test_export_xml_formats_read_back(graph_file, tmp_path, fmt, reader):
    out = tmp_path / f"g.{fmt}"
    result = run("export", graph_file, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    back = reader(out)
    source = diplomacy_graph().graph
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        source.number_of_nodes(), source.number_of_edges())
    assert "wrote " + fmt in result.stderr


def test_export_csv_and_cypher(graph_file, tmp_path):
    result = run("export", graph_file, "-f", "csv", "-o", tmp_path / "tables")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "tables" / "nodes.csv").read_text().count("\n") == 1 + 10
    result = run("export", graph_file, "-f", "cypher", "-o", tmp_path / "g.cypher")
    assert result.exit_code == 0
    assert "[r:MEETING]" in (tmp_path / "g.cypher").read_text()


def test_export_errors(graph_file, tmp_path):
    assert run("export", graph_file, "-f", "pdf", "-o", tmp_path / "x").exit_code == 2
    assert run("export", graph_file, "-f", "gexf").exit_code == 2          # no -o
    message = assert_clean_error(run("export", graph_file, "-f", "gexf", "-o", tmp_path), 2)
    assert "is a folder" in message


# ---------------------------------------------------------------------- help
@pytest.mark.parametrize("command", ["path", "neighbors", "top", "stats", "entities", "export"])
def test_help_has_examples(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"kg {command} kg-out/graph.json" in result.stdout


def test_cli_constants_match_the_library():
    assert kg.cli_query.EXPORT_FORMATS == kg.export.FORMATS
    assert kg.cli_query.RANKINGS == kg.query.RANKINGS
