"""scripts/same_graph.py: graph files compared byte for byte, the build timestamp aside."""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import ROOT, SEEDS

from kg.graph import KnowledgeGraph


def load_script():
    spec = importlib.util.spec_from_file_location("same_graph", ROOT / "scripts" / "same_graph.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


same_graph = load_script()


def small_graph(built: str, sentence: str = "Ahn met Hegseth.") -> KnowledgeGraph:
    graph = KnowledgeGraph()
    graph.meta.update(built=built, kg_version="0.1.0", documents=[{"id": "d1"}], skipped=[])
    graph.add_entity("official:ahn", label="Ahn Gyu-back", type="official", docs=["d1"])
    graph.add_entity("official:hegseth", label="Pete Hegseth", type="official", docs=["d1"])
    graph.add_relation("official:ahn", "official:hegseth", "meeting",
                       evidence=[{"doc": "d1", "sentence": sentence, "start": 0, "end": 16}])
    return graph


def test_only_the_build_time_may_differ(tmp_path, capsys):
    a = small_graph("2025-01-01T00:00:00+00:00").save(tmp_path / "a.json")
    b = small_graph("2026-12-31T23:59:59+00:00").save(tmp_path / "b.json")
    assert a.read_bytes() != b.read_bytes()
    assert same_graph.main([str(a), str(b)]) == 0
    assert capsys.readouterr().out.strip() == "same"


def test_a_changed_edge_is_reported(tmp_path, capsys):
    a = small_graph("2025-01-01T00:00:00+00:00").save(tmp_path / "a.json")
    b = small_graph("2025-01-02T00:00:00+00:00", "Ahn met Hegsetx.").save(tmp_path / "b.json")
    assert same_graph.main([str(a), str(b)]) == 1
    out = capsys.readouterr().out
    assert "first difference at line" in out
    assert "edge ('official:ahn', 'official:hegseth', 'meeting'): 'evidence' differs" in out


def test_added_nodes_and_metadata_are_reported(tmp_path):
    graph = small_graph("t1")
    a = graph.save(tmp_path / "a.json")
    graph.add_entity("forum:scm", label="Security Consultative Meeting", type="forum")
    graph.meta["skipped"] = [{"path": "x.pdf", "reason": "unreadable"}]
    b = graph.save(tmp_path / "b.json")
    same, report = same_graph.compare(a, b)
    assert not same
    assert "node only in B: forum:scm" in report
    assert "graph metadata 'skipped' differs" in report


def test_formatting_counts_too(tmp_path):
    """Byte-identical means byte-identical: the same content indented otherwise differs."""
    graph = small_graph("t1")
    a = graph.save(tmp_path / "a.json")
    b = tmp_path / "b.json"
    b.write_text(json.dumps(graph.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    same, report = same_graph.compare(a, b)
    assert not same
    assert report[-1] == "same content, written differently (order or formatting)"


def test_unreadable_input_exits_2(tmp_path, capsys):
    a = small_graph("t1").save(tmp_path / "a.json")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert same_graph.main([str(a), str(tmp_path / "missing.json")]) == 2
    assert same_graph.main([str(a), str(tmp_path / "bad.json")]) == 2
    assert same_graph.main([str(a)]) == 2
    assert "same_graph: error:" in capsys.readouterr().err


@pytest.mark.slow
def test_seed_builds_are_byte_identical(tmp_path):
    """Two builds of the seeds (the second read from the cache) write the same graph file."""
    from click.testing import CliRunner

    from kg.cli import main

    runner = CliRunner()
    for name in ("a", "b"):
        result = runner.invoke(main, ["build", str(SEEDS), "-o", str(tmp_path / f"{name}.json"),
                                      "--no-html", "-q", "--cache-dir", str(tmp_path / "cache")])
        assert result.exit_code == 0, result.output
    assert same_graph.compare(tmp_path / "a.json", tmp_path / "b.json") == (True, ["same"])
