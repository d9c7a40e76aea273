"""Bad input never breaks a build or loses work.

Graph files survive save/load unchanged, damaged graph files are rejected with
one clear :class:`GraphFileError` (exit code 2 on the command line, no
traceback), and an interrupted or failed build leaves the previous graph as it
was, with no temporary files behind.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from _messy import EXPECTED_SKIPS, MESSY_MAX_BYTES, make_messy_corpus
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.pipeline as pipeline
from kg.cli import main
from kg.errors import GraphFileError
from kg.graph import EDGE_KINDS, NODE_TYPES, KnowledgeGraph, atomic_write_text

# ---------------------------------------------------------------------- strategies
_TEXT = st.text(max_size=30)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=10,
)


@st.composite
def graphs(draw: st.DrawFn) -> KnowledgeGraph:
    """Small graphs with arbitrary Unicode ids, labels, aliases and evidence."""
    kg = KnowledgeGraph()
    ids = draw(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=6, unique=True))
    for node_id in ids:
        kg.add_entity(
            node_id,
            label=draw(_TEXT),
            type=draw(st.sampled_from(NODE_TYPES)),
            docs=draw(st.lists(_TEXT, max_size=3)),
            aliases=draw(st.lists(_TEXT, max_size=3)),
            role=draw(st.none() | _TEXT),
            country=draw(st.none() | st.text(max_size=3)),
            mentions=draw(st.integers(0, 10**6)),
        )
    for _ in range(draw(st.integers(0, 8))):
        source, target = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        evidence = draw(st.lists(st.fixed_dictionaries(
            {"doc": _TEXT, "sentence": st.text(max_size=80),
             "start": st.integers(0, 10**6), "end": st.integers(0, 10**6)},
            optional={"date": st.none() | _TEXT},
        ), min_size=1, max_size=3))
        kg.add_relation(source, target, draw(st.sampled_from(EDGE_KINDS)), evidence=evidence,
                        dates=draw(st.lists(_TEXT, max_size=2)))
    kg.meta["documents"] = draw(st.lists(st.fixed_dictionaries(
        {"id": _TEXT}, optional={"title": st.none() | _TEXT, "date": st.none() | _TEXT}),
        max_size=3))
    kg.meta["skipped"] = draw(st.lists(st.fixed_dictionaries({"path": _TEXT, "reason": _TEXT}),
                                       max_size=2))
    return kg


def exercise(kg: KnowledgeGraph) -> None:
    """Everything the library does with a loaded graph must work on it."""
    kg.stats()
    for info in kg.entities():
        info.to_dict()
        assert kg.entity(info.id) == info
    for rel in kg.relations():
        assert rel["source"] in kg and rel["target"] in kg
    again = KnowledgeGraph.from_dict(json.loads(kg.to_json()))
    assert again.to_dict() == kg.to_dict()


def _sample_graph() -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.add_entity("official:ahn", label="Ahn Gyu-back", type="official", docs=["a.txt"],
                  aliases=["Ahn Gyu-back", "Minister Ahn"], role="Defense Minister",
                  country="KR", mentions=3)
    kg.add_entity("official:hegseth", label="Pete Hegseth", type="official", docs=["a.txt"],
                  mentions=2)
    kg.add_entity("forum:scm", label="Security Consultative Meeting", type="forum",
                  docs=["a.txt"], ordinals=["57th"])
    kg.add_relation("official:ahn", "official:hegseth", "meeting", evidence=[
        {"doc": "a.txt", "sentence": "Ahn met Hegseth.", "start": 0, "end": 16,
         "date": "2025-11-04"}])
    kg.add_relation("forum:scm", "official:ahn", "attended", evidence=[
        {"doc": "a.txt", "sentence": "Ahn attended the SCM.", "start": 17, "end": 38}])
    kg.meta["documents"] = [{"id": "a.txt", "date": "2025-11-04"}]
    return kg


SAMPLE_JSON = _sample_graph().to_json()


# ---------------------------------------------------------------------- round trip
@settings(max_examples=100, deadline=None)
@given(kg=graphs())
def test_any_graph_survives_save_and_load_unchanged(kg):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.json"
        kg.save(path)
        loaded = KnowledgeGraph.load(path)
        assert loaded.to_dict() == kg.to_dict()
        assert loaded.stats() == kg.stats()
        assert os.listdir(tmp) == ["graph.json"]
    exercise(loaded)


def test_sample_graph_round_trip_keeps_direction_and_evidence(tmp_path):
    path = _sample_graph().save(tmp_path / "g.json")
    loaded = KnowledgeGraph.load(path)
    attended = next(loaded.relations("attended"))
    assert (attended["source"], attended["target"]) == ("official:ahn", "forum:scm")
    assert loaded.graph.nodes["forum:scm"]["ordinals"] == ["57th"]
    assert loaded.to_dict() == _sample_graph().to_dict()


# ---------------------------------------------------------------------- damaged files
def test_missing_empty_folder_and_foreign_files_have_clear_messages(tmp_path):
    cases = {
        "missing.json": (None, "no such graph file"),
        "empty.json": (b"", "empty graph file"),
        "truncated.json": (SAMPLE_JSON[: len(SAMPLE_JSON) // 2].encode(), "truncated"),
        "cut-string.json": (b'{"nodes": [{"id": "a", "ty', "(truncated?): Unterminated string "
                            "starting at line 1 column 24"),
        "list.json": (b"[1, 2, 3]", "not a kg graph file"),
        "package.json": (b'{"name": "x", "version": "1.0"}', "not a kg graph file"),
        "latin1.json": ('{"nodes": "é"}'.encode("latin-1"), "not UTF-8"),
        "deep.json": (b'{"nodes": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                      "nested too deeply"),
        "bigint.json": (b'{"nodes": [' + b"1" * 5000 + b"]}", "not valid JSON"),
    }
    (tmp_path / "folder.json").mkdir()
    cases["folder.json"] = (None, "is a folder")
    for name, (data, expected) in cases.items():
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        with pytest.raises(GraphFileError) as info:
            KnowledgeGraph.load(path)
        message = info.value.message
        assert message.startswith(f"{path}: "), message
        assert expected in message, (name, message)
        assert "\n" not in message and "Traceback" not in message


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "g.json"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE_JSON.encode())
    assert KnowledgeGraph.load(path).to_dict() == _sample_graph().to_dict()


@pytest.mark.parametrize(("data", "expected"), [
    ({"nodes": {}, "edges": []}, "no 'nodes' list"),
    ({"nodes": [], "edges": {}}, "no 'edges' list"),
    ({"nodes": [{"type": "official"}], "edges": []}, "node #0 has no 'id'"),
    ({"nodes": ["x"], "edges": []}, "node #0 is not an object"),
    ({"nodes": [{"id": ["x"], "type": "official"}], "edges": []}, "node #0: 'id'"),
    ({"nodes": [{"id": "a", "type": "official", "label": 3}], "edges": []}, "node #0: 'label'"),
    ({"nodes": [{"id": "a", "type": "official", "docs": "a.txt"}], "edges": []},
     "node #0: 'docs'"),
    ({"nodes": [{"id": "a", "type": "official"}, {"id": "a", "type": "agency"}], "edges": []},
     "node #1: duplicate id 'a'"),
    ({"nodes": [{"id": "a", "type": "official"}],
      "edges": [{"source": "a", "target": "b", "kind": "meeting"}]},
     "edge #0: 'target' 'b' is not a node"),
    ({"nodes": [{"id": "a", "type": "official"}], "edges": [{"source": "a"}]},
     "edge #0 has no 'source' or 'target'"),
    ({"nodes": [{"id": "a", "type": "official"}, {"id": "b", "type": "official"}],
      "edges": [{"source": "a", "target": "b", "kind": "meeting", "evidence": [{"doc": 1}]}]},
     "edge #0: 'evidence'"),
    ({"nodes": [], "edges": [], "graph": [1]}, "'graph'"),
])
def test_malformed_node_link_data_is_rejected(data, expected):
    with pytest.raises(GraphFileError, match=r"^test: ") as info:
        KnowledgeGraph.from_dict(data, source="test")
    assert expected in info.value.message


def test_from_dict_does_not_change_its_argument():
    data = json.loads(SAMPLE_JSON)
    for edge in data["edges"]:
        edge.pop("key", None)
    before = copy.deepcopy(data)
    KnowledgeGraph.from_dict(data)
    assert data == before


@settings(max_examples=200, deadline=None)
@given(cut=st.integers(0, len(SAMPLE_JSON.encode()) - 1))
def test_truncated_graph_files_are_rejected(cut):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.json"
        path.write_bytes(SAMPLE_JSON.encode()[:cut])
        with pytest.raises(GraphFileError):
            KnowledgeGraph.load(path)


@settings(max_examples=300, deadline=None)
@given(flips=st.lists(st.tuples(st.integers(0, len(SAMPLE_JSON.encode()) - 1),
                                st.integers(0, 255)), min_size=1, max_size=4))
def test_graph_files_with_flipped_bytes_load_cleanly_or_are_rejected(flips):
    data = bytearray(SAMPLE_JSON.encode())
    for position, value in flips:
        data[position] = value
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.json"
        path.write_bytes(bytes(data))
        try:
            kg = KnowledgeGraph.load(path)
        except GraphFileError:
            return
    exercise(kg)


@settings(max_examples=300, deadline=None)
@given(value=_JSON | st.fixed_dictionaries({}, optional={
    "nodes": _JSON, "edges": _JSON, "links": _JSON, "graph": _JSON, "directed": _JSON,
    "multigraph": _JSON}))
def test_random_json_values_are_rejected_or_usable(value):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.json"
        path.write_text(json.dumps(value), encoding="utf-8")
        try:
            kg = KnowledgeGraph.load(path)
        except GraphFileError as exc:
            assert exc.message.startswith(str(path))
            return
    exercise(kg)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside nested dicts and lists."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*prefix, i))
    return found


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_graph_data_with_any_field_replaced_is_rejected_or_usable(data):
    """The nastiest damage: valid JSON, kg's own layout, one field of the wrong type."""
    doc = json.loads(SAMPLE_JSON)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        where = data.draw(st.sampled_from(paths))
        parent = doc
        for step in where[:-1]:
            parent = parent[step]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[where[-1]]
        else:
            parent[where[-1]] = data.draw(_JSON)
    try:
        kg = KnowledgeGraph.from_dict(doc, source="mutated")
    except GraphFileError as exc:
        assert exc.message.startswith("mutated: ")
        return
    exercise(kg)


# ---------------------------------------------------------------------- atomic writes
class Boom(Exception):
    """Stands in for any failure in the middle of a build."""


@pytest.mark.parametrize("failure", [KeyboardInterrupt, Boom, OSError])
@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_atomic_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch,
                                                                 failure, where):
    target = tmp_path / "graph.json"
    target.write_text("old", encoding="utf-8")

    def fail(*args, **kwargs):
        raise failure("interrupted")

    monkeypatch.setattr(f"kg.graph.os.{where}", fail)
    with pytest.raises(failure):
        atomic_write_text(target, "new" * 10_000)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["graph.json"]


def test_atomic_write_replaces_the_file(tmp_path):
    target = tmp_path / "sub" / "graph.json"
    atomic_write_text(target, "one")
    atomic_write_text(target, "two ü")
    assert target.read_text(encoding="utf-8") == "two ü"
    assert os.listdir(target.parent) == ["graph.json"]


def _old_output(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "out"
    out.mkdir()
    _sample_graph().save(out / "graph.json")
    (out / "graph.html").write_text("<html>old page</html>", encoding="utf-8")
    return out, {p.name: p.read_bytes() for p in out.iterdir()}


@pytest.mark.parametrize("failure", [KeyboardInterrupt, Boom, MemoryError])
def test_failed_build_leaves_the_previous_graph_intact(tmp_path, monkeypatch, failure):
    out, before = _old_output(tmp_path)
    calls = []

    def explode(docs, **kwargs):
        calls.append(len(docs))
        raise failure("extraction died half way")

    monkeypatch.setattr(pipeline, "build_documents", explode)
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    result = CliRunner().invoke(main, ["build", str(seeds), "-o", str(out / "graph.json")])
    assert calls == [5], "the build got as far as extraction"
    assert result.exit_code != 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_failed_save_leaves_the_previous_graph_intact(tmp_path, monkeypatch):
    out, before = _old_output(tmp_path)
    monkeypatch.setattr(pipeline, "build_documents", lambda docs, **kw: _sample_graph())

    def interrupted_fsync(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr("kg.graph.os.fsync", interrupted_fsync)
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    result = CliRunner().invoke(main, ["build", str(seeds), "-o", str(out / "graph.json")])
    assert result.exit_code != 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# ---------------------------------------------------------------------- the command line
def test_build_of_a_messy_folder_reports_every_skip(tmp_path, monkeypatch):
    root = make_messy_corpus(tmp_path)
    seen: list[str] = []

    def fake_build(docs, **kwargs):
        seen.extend(d.id for d in docs)
        return _sample_graph()

    monkeypatch.setattr(pipeline, "build_documents", fake_build)
    out = tmp_path / "graph.json"
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out), "--no-html",
                                       "--max-bytes", str(MESSY_MAX_BYTES)])
    assert result.exit_code == 0, result.output
    assert len(seen) == 9
    skipped = KnowledgeGraph.load(out).meta["skipped"]
    assert {s["path"] for s in skipped} == {f"{root}/{name}" for name in EXPECTED_SKIPS}
    for name, reason in EXPECTED_SKIPS.items():
        assert f"skipped {root}/{name}: {reason}" in result.output


def test_build_with_nothing_readable_is_a_user_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["build", str(tmp_path), str(tmp_path / "nope.txt"),
                                       "-o", str(tmp_path / "g.json")])
    assert result.exit_code == 2
    assert "no readable documents" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "g.json").exists()


GRAPH_COMMANDS = [
    ["stats", "{g}"], ["stats", "{g}", "--json"], ["entities", "{g}"], ["top", "{g}"],
    ["neighbors", "{g}", "Ahn"], ["path", "{g}", "Ahn", "Hegseth"],
    ["export", "{g}", "-f", "csv", "-o", "{out}/export"], ["render", "{g}", "-o", "{out}/p.html"],
]
BAD_GRAPHS = {
    "missing": None,
    "empty": b"",
    "truncated": SAMPLE_JSON[: len(SAMPLE_JSON) * 2 // 3].encode(),
    "foreign": b'{"name": "not a graph"}',
    "binary": b"\x00\x01\x02\xff",
    "dangling edge": json.dumps({"nodes": [{"id": "a", "type": "official"}],
                                 "edges": [{"source": "a", "target": "b"}]}).encode(),
    "wrong types": json.dumps({"nodes": [{"id": "a", "type": "official", "label": []}],
                               "edges": []}).encode(),
}


@pytest.mark.parametrize("args", GRAPH_COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:3]))
@pytest.mark.parametrize("bad", list(BAD_GRAPHS))
def test_commands_reading_a_bad_graph_file_exit_2_without_traceback(tmp_path, args, bad):
    if args[0] not in main.commands:
        pytest.skip(f"no '{args[0]}' command yet")
    path = tmp_path / "graph.json"
    if BAD_GRAPHS[bad] is not None:
        path.write_bytes(BAD_GRAPHS[bad])
    argv = [a.format(g=path, out=tmp_path) for a in args]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 2, (argv, result.output)
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"kg: error: {path}: "), lines[0]
    assert "Traceback" not in result.output
    assert sorted(os.listdir(tmp_path)) == (["graph.json"] if BAD_GRAPHS[bad] is not None
                                            else []), "nothing written"


def test_a_folder_as_graph_file_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["stats", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
