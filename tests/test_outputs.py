"""Output files: permissions, atomic writes, leftovers of killed writers, concurrent builds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.pipeline as pipeline
from kg.cli import main
from kg.export import export_graph
from kg.fileio import atomic_write_text, make_temp_dir, output_lock, remove_stale_temps
from kg.graph import KnowledgeGraph

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def umask022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _graph(label: str = "A") -> KnowledgeGraph:
    kg = KnowledgeGraph()
    kg.add_entity("official:a", label=label, type="official", docs=["d"])
    kg.meta["documents"] = [{"id": "d"}]
    return kg


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_build_outputs_are_0644_under_umask_022(tmp_path, monkeypatch, umask022):
    monkeypatch.setattr(pipeline, "build_documents", lambda docs, **kw: _graph())
    out = tmp_path / "new" / "graph.json"
    result = CliRunner().invoke(main, ["build", str(SEEDS), "-o", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert (_mode(out), _mode(out.with_suffix(".html"))) == (0o644, 0o644)
    assert _mode(out.parent) == 0o755


def test_file_mode_follows_the_umask(tmp_path):
    old = os.umask(0o077)
    try:
        atomic_write_text(tmp_path / "private.json", "x")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "private.json") == 0o600


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cypher", "csv"])
def test_exports_are_0644_files_and_0755_folders(tmp_path, fmt, umask022):
    out = export_graph(_graph(), fmt, tmp_path / f"g.{fmt}")
    files = sorted(out.iterdir()) if out.is_dir() else [out]
    assert {_mode(f) for f in files} == {0o644}
    if out.is_dir():
        assert _mode(out) == 0o755


def test_leftovers_of_a_killed_writer_are_removed_on_the_next_write(tmp_path):
    target = tmp_path / "graph.json"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftovers = [tmp_path / f".graph.json.{dead.pid}-abcd1234.tmp",   # a killed writer
                 tmp_path / ".graph.json.k3j2h1g0.tmp"]               # an older version's
    for path in leftovers:
        path.write_text("half a graph")
    old = time.time() - 3600
    os.utime(leftovers[1], (old, old))
    folder = tmp_path / f".tables.{dead.pid}-x1.tmp"
    folder.mkdir()
    (folder / "nodes.csv").write_text("half")
    atomic_write_text(target, "new")
    make_temp_dir(tmp_path / "tables").rmdir()
    assert sorted(os.listdir(tmp_path)) == ["graph.json"]


def test_temporaries_of_a_live_writer_are_kept(tmp_path):
    live = tmp_path / f".graph.json.{os.getppid()}-abcd1234.tmp"
    fresh = tmp_path / ".graph.json.k3j2h1g0.tmp"
    live.write_text("being written")
    fresh.write_text("being written by an older version")
    assert remove_stale_temps(tmp_path / "graph.json") == 0
    assert live.exists() and fresh.exists()


_KILL_DURING_WRITE = """
import os, sys
from kg.fileio import atomic_write_text
real_fsync = os.fsync
def stop(fd):
    print("writing", flush=True)
    sys.stdin.read()          # wait here to be killed
os.fsync = stop
atomic_write_text(sys.argv[1], "x" * 1_000_000)
"""


def test_kill_9_during_a_write_leaves_the_old_file_and_the_next_write_cleans_up(tmp_path):
    target = tmp_path / "graph.json"
    target.write_text("old")
    proc = subprocess.Popen([sys.executable, "-c", _KILL_DURING_WRITE, str(target)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert target.read_text() == "old"
    assert len(os.listdir(tmp_path)) == 2, "the killed writer left its temporary file"
    atomic_write_text(target, "new")
    assert os.listdir(tmp_path) == ["graph.json"]


def test_output_lock_makes_concurrent_writers_take_turns(tmp_path):
    target = tmp_path / "graph.json"
    script = ("import sys, time\nfrom kg.fileio import output_lock\n"
              "with output_lock(sys.argv[1]):\n    print('in', flush=True)\n"
              "    time.sleep(0.5)\n    print('out', flush=True)\n")
    with output_lock(target):
        proc = subprocess.Popen([sys.executable, "-c", script, str(target)],
                                stdout=subprocess.PIPE, text=True)
        time.sleep(1.0)
        assert proc.poll() is None, "the second writer waits for the lock"
        held_since = time.monotonic()
    assert proc.stdout.readline() == "in\n"
    assert time.monotonic() - held_since < 30
    proc.wait()


_BUILD_AS = """
import sys, time
import kg.pipeline as pipeline
from kg.cli import main
from kg.graph import KnowledgeGraph
seeds, out, label, pause = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])

def build_documents(docs, **kwargs):
    kg = KnowledgeGraph()
    kg.add_entity("official:a", label=label, type="official", docs=["d"])
    kg.meta["documents"] = [{"id": "d"}]
    return kg

real_save = KnowledgeGraph.save

def save(self, path):
    written = real_save(self, path)
    print("saved", flush=True)
    time.sleep(pause)          # between writing the graph and writing the page
    return written

pipeline.build_documents = build_documents
KnowledgeGraph.save = save
main(["build", seeds, "-o", out, "--no-cache", "-q"])
"""


def test_concurrent_builds_write_graph_and_page_from_the_same_build(tmp_path):
    out = tmp_path / "graph.json"

    def start(label: str, pause: float) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", _BUILD_AS, str(SEEDS), str(out), label,
                                 str(pause)], stdout=subprocess.PIPE, text=True)

    first = start("FirstBuild", 1.5)
    assert first.stdout.readline() == "saved\n"
    second = start("SecondBuild", 0.0)
    assert (first.wait(60), second.wait(60)) == (0, 0)
    label = KnowledgeGraph.load(out).entity("official:a").label
    assert label in out.with_suffix(".html").read_text(encoding="utf-8")


def test_an_unreadable_output_folder_is_written_without_the_lock(tmp_path, monkeypatch):
    real_open = os.open

    def no_dirs(path, flags, *args):
        if Path(path).is_dir():
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr("kg.fileio.os.open", no_dirs)
    with output_lock(tmp_path / "graph.json"):
        atomic_write_text(tmp_path / "graph.json", "x")
    assert (tmp_path / "graph.json").read_text() == "x"
