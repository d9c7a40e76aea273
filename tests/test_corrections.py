"""The analyst's corrections file: reading, applying, ``kg fix`` and rebuilds.

The graphs are built from records written here (no spaCy, no evaluation text).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import corrections
from kg.cli import main
from kg.records import DocExtraction, Entity, Mention, Relation
from kg.resolve import build_graph


def _ent(eid: str, name: str, country: str, type_: str = "official") -> Entity:
    return Entity(id=eid, type=type_, name=name, role="Defense Minister" if type_ == "official"
                  else None, country=country, mentions=[Mention(name, 0, len(name), 0)])


def _records() -> list[DocExtraction]:
    rel = Relation("meeting", "e1", "e2", "Ana Berg met Karl Dorn and Lee Min-ho.", 0, 40, "met")
    rel2 = Relation("meeting", "e1", "e3", "Ana Berg met Karl Dorn and Lee Min-ho.", 0, 40, "met")
    a = DocExtraction("a.txt", "en", date="2031-05-01", entities=[
        _ent("e1", "Ana Berg", "SE"), _ent("e2", "Karl Dorn", "NO"),
        _ent("e3", "Lee Min-ho", "KR")], relations=[rel, rel2])
    b = DocExtraction("b.txt", "en", date="2031-05-02", entities=[
        _ent("e1", "Kalle Dornsson", "NO"), _ent("e2", "Office Camp", "NO", "agency")],
        relations=[Relation("affiliated", "e1", "e2", "Kalle Dornsson of Office Camp spoke.",
                            0, 30, None)])
    return [a, b]


FILE = """\
# corrections
- merge: ["Karl Dorn", "Kalle Dornsson"]
  note: one person, two spellings
- rename: {node: "Ana Berg", to: "Ana M. Berg"}
- set: {node: "Lee Min-ho", role: "Vice Defense Minister"}
- drop-edge: {a: "Ana M. Berg", b: "Lee Min-ho", kind: meeting}
- add-edge: {a: "Lee Min-ho", b: "Karl Dorn", kind: meeting, note: "seen at the summit"}
- drop-node: "Office Camp"
- merge: ["Nobody Here", "Karl Dorn"]
"""


def _graph_file(tmp_path: Path) -> Path:
    graph = build_graph(_records(), meta={"built": "x"})
    corrections.apply(graph, [], str(tmp_path / corrections.FILENAME))
    path = tmp_path / "graph.json"
    graph.save(path)
    return path


def _labels(graph) -> set[str]:
    return {d["label"] for _, d in graph.graph.nodes(data=True)}


def test_a_file_is_applied_in_order_and_recorded(tmp_path):
    path = tmp_path / corrections.FILENAME
    path.write_text(FILE, encoding="utf-8")
    graph = build_graph(_records())
    record = corrections.apply_file(graph, path)
    assert _labels(graph) == {"Ana M. Berg", "Karl Dorn", "Lee Min-ho"}
    nodes = {d["label"]: (n, d) for n, d in graph.graph.nodes(data=True)}
    dorn_id, dorn = nodes["Karl Dorn"]
    assert "Kalle Dornsson" in dorn["aliases"] and dorn["docs"] == ["a.txt", "b.txt"]
    assert any("merged with 'Kalle Dornsson'" in c for c in dorn["corrected"])
    assert nodes["Lee Min-ho"][1]["role"] == "Vice Defense Minister"
    lee = nodes["Lee Min-ho"][0]
    assert not graph.graph.has_edge(nodes["Ana M. Berg"][0], lee)
    added = graph.graph.edges[lee, dorn_id, "meeting"]
    assert added["corrected"] == ["added: seen at the summit (corrections line 7)"]
    assert [c["line"] for c in record["applied"]] == [2, 4, 5, 6, 7, 8]
    (unmatched,) = record["unmatched"]
    assert unmatched["line"] == 9 and "no node named 'Nobody Here'" in unmatched["reason"]
    assert graph.meta["corrections"] is record


def test_kg_fix_then_rebuild_equals_applying_the_file_by_hand(tmp_path):
    graph_path = _graph_file(tmp_path)
    runner = CliRunner()
    for args in (["merge", str(graph_path), "Karl Dorn", "Kalle Dornsson", "--note", "same"],
                 ["drop-edge", str(graph_path), "Ana Berg", "Lee Min-ho", "--kind", "meeting"],
                 ["set", str(graph_path), "Lee Min-ho", "--country", "KP"],
                 ["split", str(graph_path), "Karl Dorn", "Kalle Dornsson"],
                 ["add-edge", str(graph_path), "Ana Berg", "Lee Min-ho", "--kind", "meeting"]):
        done = runner.invoke(main, ["fix", *args])
        assert done.exit_code == 0, done.output
    fixed = json.loads(graph_path.read_text(encoding="utf-8"))
    # what a rebuild does: resolve again, apply the file
    again = build_graph(_records(), meta={"built": "x"})
    corrections.apply_file(again, tmp_path / corrections.FILENAME)
    assert again.to_dict() == fixed
    lines = (tmp_path / corrections.FILENAME).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and lines[1].startswith("- merge:")


def test_kg_fix_refuses_a_name_that_matches_nothing(tmp_path):
    graph_path = _graph_file(tmp_path)
    done = CliRunner().invoke(main, ["fix", "drop-node", str(graph_path), "Nobody Here"])
    assert done.exit_code == 1
    assert "no node named 'Nobody Here'" in done.output
    assert not (tmp_path / corrections.FILENAME).exists()


@pytest.mark.parametrize(("text", "line", "message"), [
    ("- merge: [A, B]\n- merge: [A\n", 3, "not valid YAML"),
    ("- merge: [A, B]\n- frobnicate: A\n", 2, "one action per item"),
    ("- merge: [A, B]\n\n- merge: [A]\n", 3, "merge takes a list of two names"),
    ("- set: {node: A}\n", 1, "set needs type, role or country"),
    ("- add-edge: {a: A, b: B, kind: friendship}\n", 1, "kind must be one of"),
    ("merge: [A, B]\n", 1, "the file is a list of corrections"),
])
def test_a_bad_file_is_one_error_line_with_its_line_number(tmp_path, text, line, message):
    path = tmp_path / "fixes.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(corrections.CorrectionsError) as info:
        corrections.load(path)
    assert info.value.message.startswith(f"{path}:{line}: ")
    assert message in info.value.message
    done = CliRunner().invoke(main, ["build", str(tmp_path / "none.txt"), "--corrections",
                                     str(path), "-o", str(tmp_path / "g.json")])
    assert done.exit_code == 2
    assert done.output.strip().splitlines() == [f"kg: error: {info.value.message}"]


def test_a_corrections_file_given_but_missing_is_an_error(tmp_path):
    done = CliRunner().invoke(main, ["build", str(tmp_path), "--corrections",
                                     str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "g.json")])
    assert done.exit_code == 2
    assert done.output.strip() == f"kg: error: no corrections file {tmp_path / 'nope.yaml'}"


def test_the_page_says_what_was_corrected(tmp_path):
    from kg.render import render_html

    graph = build_graph(_records())
    path = tmp_path / corrections.FILENAME
    path.write_text('- rename: {node: "Ana Berg", to: "Ana M. Berg"}\n', encoding="utf-8")
    corrections.apply_file(graph, path)
    assert "renamed from 'Ana Berg' (corrections line 1)" in render_html(graph)


def test_the_library_build_finds_applies_or_skips_the_corrections_file(tmp_path):
    from kg.errors import InputError
    from kg.pipeline import _corrections_for

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    assert _corrections_for([corpus], None) == (corpus / corrections.FILENAME, [])
    (corpus / corrections.FILENAME).write_text('- rename: {node: "A B", to: "A C"}\n')
    path, found = _corrections_for([corpus], None)
    assert path == corpus / corrections.FILENAME and len(found) == 1
    assert _corrections_for([corpus], False) == (None, [])
    with pytest.raises(InputError, match="no corrections file"):
        _corrections_for([corpus], tmp_path / "missing.yaml")


@pytest.mark.slow
def test_kg_build_in_python_applies_the_corrections_beside_the_corpus(tmp_path):
    import kg

    (tmp_path / "a.txt").write_text("South Korean Defense Minister Kim Tae-ho met U.S. Defense "
                                    "Secretary John Miller in Seoul on Monday.\n")
    (tmp_path / corrections.FILENAME).write_text('- rename: {node: "John Miller", to: '
                                                 '"John Q. Miller"}\n')
    graph = kg.build([tmp_path])
    assert "John Q. Miller" in {e.label for e in graph.entities(type="official")}
    assert graph.meta["corrections"]["applied"]
