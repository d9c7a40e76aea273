"""The early process: a mostly cached build reads its few new documents in a process
started before the cached records are read (``kg.pipeline._Early``).

Most tests swap the process pool for threads of this process (``inline_pool``), so
the blank pipelines of ``blank_nlp`` apply and they are fast; one slow test runs the
real thing (a ``spawn``-ed process with the real models) on the seeds.
"""

from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

import kg.nlp
from kg import pipeline
from kg.cache import ExtractionCache
from kg.documents import Document
from kg.pipeline import build_documents, extract_documents

ROOT = Path(__file__).resolve().parents[1]

EN = ("South Korean Defense Minister Ahn Gyu-back met U.S. Defense Secretary Pete Hegseth "
      "in Seoul on Monday to discuss extended deterrence. ")
ID = ("Menteri Pertahanan Korea Selatan Ahn Gyu-back bertemu dengan Menteri Pertahanan AS "
      "Pete Hegseth di Seoul pada hari Senin untuk membahas kerja sama pertahanan. ")


def corpus(n: int) -> list[Document]:
    """``n`` small documents, every third one Indonesian, each text different."""
    return [Document(id=f"{k:03d}.txt", text=(ID if k % 3 == 2 else EN) * (1 + k % 4)
                     + f"Meeting number {k}.", lang="id" if k % 3 == 2 else None)
            for k in range(n)]


def canonical(graph) -> str:
    data = graph.to_dict()
    data["graph"].pop("built", None)
    return json.dumps(data, sort_keys=True)


@pytest.fixture
def fake_models(monkeypatch, blank_nlp):
    monkeypatch.setattr(kg.nlp, "load_pipeline", blank_nlp)


@pytest.fixture
def inline_pool(monkeypatch):
    """The early process as a thread of this one; records the pools asked for."""
    made: list[int] = []

    def new_pool(workers: int) -> ThreadPoolExecutor:
        made.append(workers)
        return ThreadPoolExecutor(workers)

    monkeypatch.setattr(pipeline, "_new_pool", new_pool)
    monkeypatch.setattr(pipeline, "_EARLY_MIN_CACHED", 5)
    monkeypatch.setattr(pipeline, "_EARLY_MAX_DOCS", 4)
    return made


def test_cache_tells_which_keys_it_holds_without_reading_rows(tmp_path):
    from kg.records import DocExtraction

    with ExtractionCache(tmp_path) as cache:
        cache.put_many([("h1", "v1", DocExtraction("a.txt", "en"))])
        assert cache.present([("h1", "v1"), ("h1", "v2"), ("h2", "v1")]) == {("h1", "v1")}
        assert cache.present([]) == set()


def test_added_documents_come_from_the_early_process(fake_models, inline_pool, tmp_path):
    docs = corpus(12)
    reference = canonical(build_documents(docs))
    build_documents(docs[:10], cache=tmp_path)  # ten cached (no early process: none cached)
    assert inline_pool == []
    arrived: list[int] = []
    records = [None] * len(docs)

    def sink(i, record):
        arrived.append(i)
        records[i] = record

    pipeline.each_extraction(docs, sink, cache=tmp_path)
    assert inline_pool == [1]  # one process for the two new documents, both English
    assert sorted(arrived) == list(range(12)) and arrived[-2:] == [10, 11]
    assert records == extract_documents(docs)
    assert canonical(build_documents(list(docs), cache=tmp_path)) == reference
    with ExtractionCache(tmp_path) as cache:  # the early process's records were stored,
        assert len(cache) == 2 * 12  # each with its office-applied form (build_documents)


def test_early_records_give_the_one_process_graph_with_two_languages(fake_models,
                                                                       inline_pool, tmp_path):
    docs = corpus(14)
    build_documents(docs[:11], cache=tmp_path)
    graph = build_documents(list(docs), cache=tmp_path, workers=2, release_texts=True)
    assert inline_pool == [2]  # an English and an Indonesian chunk, one process each
    assert canonical(graph) == canonical(build_documents(docs))


@pytest.mark.parametrize("case", ["no cache", "nothing new", "too few cached", "too many new",
                                  "dask"])
def test_early_process_only_when_it_pays(fake_models, inline_pool, tmp_path, monkeypatch,
                                         case):
    docs = corpus(12)
    build_documents(docs[:4] if case == "too few cached" else
                    docs[:7] if case == "too many new" else
                    docs if case == "nothing new" else docs[:10], cache=tmp_path)
    options = {"cache": None if case == "no cache" else tmp_path}
    if case == "dask":  # Dask reads the new documents itself: no early process
        options["engine"] = "dask"
        monkeypatch.setattr(pipeline, "_run_dask",
                            lambda chunks, payload, *a: ((k, pipeline._extract_chunk(
                                c[0], payload(c), 32)) for k, c in enumerate(chunks)))
    made_before = list(inline_pool)
    graph = build_documents(list(docs), **options)
    assert inline_pool == made_before == []
    assert canonical(graph) == canonical(build_documents(docs))


def test_a_failed_early_process_leaves_its_documents_to_this_one(fake_models, monkeypatch,
                                                                 tmp_path, caplog):
    from concurrent.futures.process import BrokenProcessPool

    class Broken:
        def submit(self, *args):
            fut: Future = Future()
            fut.set_exception(BrokenProcessPool("a worker died"))
            return fut

        def shutdown(self, wait=True, cancel_futures=False):
            pass

    monkeypatch.setattr(pipeline, "_new_pool", lambda workers: Broken())
    monkeypatch.setattr(pipeline, "_EARLY_MIN_CACHED", 5)
    docs = corpus(12)
    build_documents(docs[:10], cache=tmp_path)
    graph = build_documents(list(docs), cache=tmp_path)
    assert "extraction process failed (BrokenProcessPool" in caplog.text
    assert canonical(graph) == canonical(build_documents(docs))


def test_an_error_here_stops_the_early_process(fake_models, inline_pool, monkeypatch,
                                               tmp_path):
    stopped: list[object] = []
    monkeypatch.setattr(pipeline, "_stop_pool", stopped.append)
    docs = corpus(12)
    build_documents(docs[:10], cache=tmp_path)

    def sink(i, record):
        raise KeyboardInterrupt  # Ctrl-C while the cached records are read

    with pytest.raises(KeyboardInterrupt):
        pipeline.each_extraction(docs, sink, cache=tmp_path)
    assert len(stopped) == 1


@pytest.mark.slow
def test_spawned_early_process_builds_the_one_process_seed_graph(monkeypatch, tmp_path):
    """The real thing: the seeds cached but one, read by a spawned process, real models."""
    import kg

    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    late = sorted(seeds.glob("*.txt"))[-1]
    aside = late.rename(tmp_path / late.name)
    kg.build([seeds], cache=tmp_path / "cache")
    aside.rename(late)
    monkeypatch.setattr(pipeline, "_EARLY_MIN_CACHED", 1)
    started: list[int] = []
    real = pipeline._new_pool
    monkeypatch.setattr(pipeline, "_new_pool", lambda n: started.append(n) or real(n))
    graph = kg.build([seeds], cache=tmp_path / "cache")
    assert started == [1]
    assert canonical(graph) == canonical(kg.build([seeds]))


# ---------------------------------------------------------------------- started before reading
def write_corpus(folder: Path, docs: list[Document]) -> None:
    folder.mkdir(exist_ok=True)
    for d in docs:
        (folder / d.id).write_text(d.text, encoding="utf-8")


def test_changed_files_are_those_written_after_the_mark(tmp_path):
    import os

    old, new = tmp_path / "a.txt", tmp_path / "sub" / "b.md"
    old.write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "notes.csv").write_text("x")
    since = max(os.stat(p).st_ctime_ns for p in tmp_path.iterdir())
    new.parent.mkdir()
    new.write_text("y")
    (tmp_path / ".later.txt").write_text("y")
    assert pipeline._changed_since([tmp_path], since, 5) == ([new], 1)
    changed, same = pipeline._changed_since([tmp_path], 0, 5)
    assert (sorted(changed), same) == ([old, new], 0)
    assert pipeline._changed_since([tmp_path], 0, 1) is None  # more than the limit
    assert pipeline._changed_since([tmp_path / "gone"], 0, 5) == ([], 0)


def test_new_files_start_spacy_before_they_are_read(fake_models, inline_pool, tmp_path,
                                                   monkeypatch):
    import kg

    warmed: list[list[str]] = []
    real_warm = pipeline._warm_up
    monkeypatch.setattr(pipeline, "_warm_up", lambda langs: warmed.append(list(langs))
                        or real_warm(langs))
    docs, folder = corpus(12), tmp_path / "in"
    write_corpus(folder, docs[:10])
    kg.build([folder], cache=tmp_path / "cache")  # marks the cache's last build
    assert (tmp_path / "cache" / "last-build").exists() and warmed == []
    kg.build([folder], cache=tmp_path / "cache")  # nothing changed: nothing started
    assert warmed == [] and inline_pool == []
    write_corpus(folder, docs[10:])  # one English, one Indonesian article
    graph = kg.build([folder], cache=tmp_path / "cache")
    # started before reading, for both languages; the early process is that one
    assert [sorted(w) for w in warmed] == [["en", "id"]] and inline_pool == [1]
    assert canonical(graph) == canonical(kg.build([folder]))


def test_a_touched_cached_file_ends_the_started_process(fake_models, inline_pool, tmp_path,
                                                       monkeypatch):
    import kg

    stopped: list[object] = []
    real_stop = pipeline._stop_pool
    monkeypatch.setattr(pipeline, "_stop_pool", lambda pool: stopped.append(pool)
                        or real_stop(pool))
    folder = tmp_path / "in"
    write_corpus(folder, corpus(10))
    kg.build([folder], cache=tmp_path / "cache")
    # touched a second after the build's mark: file times follow a coarse clock, so a
    # touch within the same tick as the mark would not count as later
    later = (tmp_path / "cache" / "last-build").stat().st_mtime_ns + 10**9
    os.utime(folder / "003.txt", ns=(later, later))
    kg.build([folder], cache=tmp_path / "cache")
    assert inline_pool == [1] and stopped  # started on the hint, ended: nothing to read
    assert all(pool._shutdown for pool in stopped)


def test_nothing_starts_early_for_a_small_corpus(fake_models, inline_pool, tmp_path,
                                                 monkeypatch):
    import kg

    monkeypatch.setattr(pipeline, "_EARLY_MIN_CACHED", 12)  # as many as the corpus holds
    docs, folder = corpus(12), tmp_path / "in"
    write_corpus(folder, docs[:10])
    kg.build([folder], cache=tmp_path / "cache")
    write_corpus(folder, docs[10:])
    graph = kg.build([folder], cache=tmp_path / "cache")
    assert inline_pool == []  # ten unchanged files: the early process would not pay
    assert canonical(graph) == canonical(kg.build([folder]))
