"""The seed corpus end to end with the real models: contract, quality bar, CLI."""

from __future__ import annotations

import importlib.util
import json

import pytest
from click.testing import CliRunner
from conftest import SEEDS, SHARED

pytestmark = pytest.mark.slow


def load_scorer():
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip("../shared/eval/score.py is not beside the checkout")
    spec = importlib.util.spec_from_file_location("kg_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_graph_file_follows_the_contract(seed_graph):
    _, path = seed_graph
    data = json.loads(path.read_text(encoding="utf-8"))
    assert {n["type"] for n in data["nodes"]} >= {"official", "agency", "forum"}
    for node in data["nodes"]:
        assert {"id", "label", "type", "docs", "aliases"} <= node.keys()
        assert node["id"].startswith(node["type"] + ":")
    kinds = {e["kind"] for e in data["edges"]}
    assert {"meeting", "attended", "affiliated", "co_appearance"} <= kinds
    for edge in data["edges"]:
        assert {"source", "target", "kind", "docs", "evidence"} <= edge.keys()
        for ev in edge["evidence"]:
            assert {"doc", "sentence", "start", "end"} <= ev.keys()
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])


def test_evidence_offsets_point_at_the_sentence(seed_graph):
    graph, _ = seed_graph
    for edge in graph.relations("meeting"):
        for ev in edge["evidence"]:
            text = (SEEDS / ev["doc"]).read_text(encoding="utf-8")  # ids: relative to seeds/
            assert text[ev["start"]:ev["end"]] == ev["sentence"]


def test_seed_scores_meet_the_bar(seed_graph):
    scorer = load_scorer()
    _, path = seed_graph
    result = scorer.score(path, SHARED / "eval" / "gold")
    assert result["entities"]["f1"] >= 0.95
    assert result["meeting"]["f1"] >= 0.90
    assert result["attended"]["f1"] >= 0.85
    assert result["resolution"]["rate"] == 1.0
    assert not result["resolution"]["wrongly_merged_nodes"]


def test_one_official_across_languages_and_spellings(seed_graph):
    graph, _ = seed_graph
    [ahn] = [e for e in graph.entities("official") if e.label.startswith("Ahn Gyu")]
    assert {"Ahn Gyu-baek", "Ahn Gyu-Back"} <= set(ahn.aliases) | {ahn.label}
    langs = {d["lang"] for d in graph.meta["documents"] if d["id"] in ahn.docs}
    assert langs == {"en", "id"}
    assert ahn.country == "KR"


def test_bylines_are_not_officials(seed_graph):
    graph, _ = seed_graph
    labels = {e.label.casefold() for e in graph.entities("official")}
    assert "sarah kim" not in labels
    assert "margareth theresia" not in labels


def test_kg_build_without_arguments_writes_json_and_html(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(__import__("kg.cli").cli.main, ["build"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kg-out" / "graph.json").is_file()
    assert (tmp_path / "kg-out" / "graph.html").is_file()
    assert "officials:" in result.stderr
    assert "graph.html" in result.stderr


def test_a_document_that_breaks_extraction_is_reported_not_fatal(tmp_path, monkeypatch):
    import kg
    import kg.extract

    real = kg.extract.extract_document

    def flaky(sdoc, *, doc_id, **kwargs):
        if doc_id.endswith("bad.txt"):
            raise RuntimeError("boom")
        return real(sdoc, doc_id=doc_id, **kwargs)

    monkeypatch.setattr(kg.extract, "extract_document", flaky)
    (tmp_path / "bad.txt").write_text("Defense Minister Shin Won-sik met reporters.")
    (tmp_path / "good.txt").write_text("Defense Secretary Lloyd Austin met reporters.")
    graph = kg.build([tmp_path], cache=False)
    assert [e.label for e in graph.entities("official")] == ["Lloyd Austin"]
    notes = {d["id"].rsplit("/", 1)[-1]: d["notes"] for d in graph.meta["documents"]}
    assert "extraction failed: RuntimeError: boom" in notes["bad.txt"]


def test_unsupported_language_is_read_with_the_english_pipeline_and_noted(tmp_path):
    import kg

    (tmp_path / "de.txt").write_text(
        "Der Verteidigungsminister Boris Pistorius traf sich am Montag in Berlin mit seinem "
        "Amtskollegen, um über die Lage zu sprechen. Die Gespräche waren nach Angaben des "
        "Ministeriums konstruktiv und sollen im Herbst fortgesetzt werden.", encoding="utf-8")
    graph = kg.build([tmp_path], cache=False)
    [doc] = graph.meta["documents"]
    assert doc["lang"] == "unknown"
    assert any("unsupported language" in note for note in doc["notes"])
