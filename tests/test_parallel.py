"""Parallel and distributed extraction: same records, same order, same graph as one process.

The slow tests load the real models in worker processes (a ``spawn`` pool, or
the processes of a ``dask.distributed.LocalCluster``) and compare the seed
graph, bit for bit apart from the build time, with the one-process build.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.extract
import kg.nlp
from kg import pipeline
from kg.cli import main
from kg.documents import Document, read_inputs
from kg.errors import InputError
from kg.pipeline import _chunk_size, _plan, build, build_documents, extract_documents

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

EN = "U.S. Defense Secretary Pete Hegseth met South Korean Defense Minister Ahn Gyu-back."
ID = "Menteri Pertahanan Korea Selatan Ahn Gyu-back bertemu Menteri Pertahanan AS Pete Hegseth."


def canonical(graph) -> str:
    """The graph JSON without the build time."""
    data = graph.to_dict()
    data["graph"].pop("built", None)
    return json.dumps(data, ensure_ascii=False, indent=1)


@pytest.fixture
def fake_models(monkeypatch, blank_nlp):
    monkeypatch.setattr(kg.nlp, "load_pipeline", blank_nlp)


def corpus(n: int) -> list[Document]:
    return [Document(id=f"{i:03d}.txt", text=(ID if i % 3 == 0 else EN) + f" ({i})",
                     lang="id" if i % 3 == 0 else None) for i in range(n)]


# ---------------------------------------------------------------------- planning
def test_chunks_hold_whole_batches_of_one_language():
    langs = ["en", "id"] * 50
    chunks = _plan(list(range(100)), langs, 8)
    assert [len(idxs) for _, idxs in chunks] == [8] * 6 + [2] + [8] * 6 + [2]
    assert all(len({langs[i] for i in idxs}) == 1 for _, idxs in chunks)
    # concatenated per language, the chunks are the language's documents in input order
    assert [i for lang, idxs in chunks if lang == "en" for i in idxs] == list(range(0, 100, 2))
    for workers in (1, 2, 8):
        for n in (1, 33, 1000, 10**6):
            assert _chunk_size(n, workers, 32) % 32 == 0


def test_results_keep_input_order_whatever_the_completion_order(fake_models, monkeypatch):
    docs = corpus(40)

    def reversed_pool(chunks, payload, workers, batch_size):
        done = [(k, pipeline._extract_chunk(lang, payload((lang, idxs)), batch_size))
                for k, (lang, idxs) in enumerate(chunks)]
        assert len(done) > 2
        yield from reversed(done)

    monkeypatch.setattr(pipeline, "_run_pool", reversed_pool)
    parallel = extract_documents(docs, workers=2, batch_size=4)
    serial = extract_documents(docs, batch_size=4)
    assert [r.doc_id for r in parallel] == [d.id for d in docs]
    assert parallel == serial


def test_pool_results_are_cached(fake_models, monkeypatch, tmp_path):
    def inline_pool(chunks, payload, workers, batch_size):
        for k, (lang, idxs) in enumerate(chunks):
            yield k, pipeline._extract_chunk(lang, payload((lang, idxs)), batch_size)

    monkeypatch.setattr(pipeline, "_run_pool", inline_pool)
    docs = corpus(20)
    first = extract_documents(docs, workers=2, batch_size=2, cache=tmp_path)
    calls = []
    monkeypatch.setattr(kg.extract, "extract_document",
                        lambda *a, **k: calls.append(1))  # would break the records
    assert extract_documents(docs, workers=2, batch_size=2, cache=tmp_path) == first
    assert calls == []


def test_few_documents_run_in_this_process(fake_models, monkeypatch):
    def no_pool(*args):
        raise AssertionError("a pool for one chunk")

    monkeypatch.setattr(pipeline, "_run_pool", no_pool)
    assert len(extract_documents(corpus(3)[1:], workers=4)) == 2


def test_options_are_checked(fake_models):
    docs = corpus(2)
    with pytest.raises(InputError, match="unknown engine"):
        extract_documents(docs, engine="spark")
    with pytest.raises(InputError, match="at least 1"):
        extract_documents(docs, workers=0)
    with pytest.raises(InputError, match="needs the dask engine"):
        extract_documents(docs, scheduler="tcp://127.0.0.1:1")


def test_missing_dask_is_a_user_error(fake_models, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails
    with pytest.raises(InputError, match="pip install"):
        extract_documents(corpus(2), engine="dask")


def test_cli_scheduler_needs_dask_engine(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--engine", "local",
                                       "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.output


# ---------------------------------------------------------------------- progress
def test_progress_reports_rate_eta_and_cache(fake_models, tmp_path, caplog):
    docs = corpus(6)
    with caplog.at_level(logging.INFO, logger="kg"):
        build_documents(docs, progress=True, cache=tmp_path)
        build_documents(docs + corpus(8)[6:], progress=True, cache=tmp_path)
    lines = [r.getMessage() for r in caplog.records]
    assert any(line.startswith("extracting: 6/6 documents (100%)") and "docs/s" in line
               for line in lines), lines
    assert "extraction cache: 6 of 8 documents cached, 2 to read" in lines
    assert any(line.startswith("extracted 2 documents in ") and
               line.endswith(" (6 from the cache)") for line in lines), lines


def test_quiet_build_prints_nothing(fake_models, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(EN, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-q", "--no-html",
                                       "--no-cache", "-o", str(tmp_path / "g.json")])
    assert result.exit_code == 0
    assert result.output == ""
    loud = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "--no-html",
                                     "--no-cache", "-o", str(tmp_path / "g.json")])
    assert "extracting: 1/1 documents (100%)" in loud.output


# ---------------------------------------------------------------------- real models
@pytest.mark.slow
def test_two_workers_build_the_same_seed_graph(seed_graph):
    graph, _ = seed_graph
    docs = read_inputs([SEEDS]).documents
    assert len(_plan(list(range(len(docs))),
                     [pipeline.document_language(d)[0] for d in docs], 32)) > 1  # a real pool
    assert canonical(build([SEEDS], workers=2)) == canonical(graph)


@pytest.mark.slow
def test_dask_engine_builds_the_same_seed_graph(seed_graph):
    distributed = pytest.importorskip("dask.distributed")
    graph, _ = seed_graph
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        on_dask = build([SEEDS], engine="dask", scheduler=cluster.scheduler_address)
        again = build([SEEDS], engine="dask", scheduler=cluster.scheduler_address)
        with distributed.Client(cluster) as client:
            loads = client.run(_pipeline_loads)
    assert canonical(on_dask) == canonical(graph)
    assert canonical(again) == canonical(graph)
    # each worker process loaded each pipeline at most once, over both builds
    assert all(misses <= 2 for misses in loads.values()), loads
    assert sum(misses for misses in loads.values()) >= 2


def _pipeline_loads() -> int:
    """In a Dask worker: how many pipelines this process has loaded."""
    return kg.nlp.load_pipeline.cache_info().misses
