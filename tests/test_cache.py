"""The extraction cache: hits, misses, invalidation, broken or locked databases, --no-cache.

Most tests run the build with blank spaCy pipelines (the ``blank_nlp`` fixture)
swapped in for the real models, so they are fast; extraction itself is the real
:func:`kg.extract.extract_document`, counted to see which documents were read.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.extract
import kg.nlp
from kg import cache as kgcache
from kg.cache import CACHE_FILE, ExtractionCache, default_cache_dir, extraction_version
from kg.cli import main
from kg.documents import Document
from kg.pipeline import build_documents, extract_documents
from kg.records import DocExtraction, Entity, Mention, Relation

ROOT = Path(__file__).resolve().parents[1]

EN = ("South Korean Defense Minister Ahn Gyu-back met U.S. Defense Secretary Pete Hegseth "
      "in Seoul on Monday to discuss extended deterrence.")
ID = ("Menteri Pertahanan Korea Selatan Ahn Gyu-back bertemu dengan Menteri Pertahanan AS "
      "Pete Hegseth di Seoul pada hari Senin untuk membahas kerja sama pertahanan.")
DOCS = [
    Document(id="a.txt", text=EN),
    Document(id="b.txt", text=ID, lang="id"),
    Document(id="c.txt", text=EN.replace("Monday", "Tuesday"), date="2025-11-04"),
]


@pytest.fixture
def fake_models(monkeypatch, blank_nlp):
    """Blank pipelines instead of the real models; returns the ids of extracted documents."""
    extracted: list[str] = []
    real = kg.extract.extract_document

    def counting(doc, **kwargs):
        extracted.append(kwargs["doc_id"])
        return real(doc, **kwargs)

    monkeypatch.setattr(kg.nlp, "load_pipeline", blank_nlp)
    monkeypatch.setattr(kg.extract, "extract_document", counting)
    return extracted


def canonical(graph) -> str:
    """The graph JSON without the build time."""
    data = graph.to_dict()
    data["graph"].pop("built", None)
    return json.dumps(data, sort_keys=True)


def sample_record() -> DocExtraction:
    return DocExtraction(
        doc_id="x.txt", lang="en", title="T", date="2025-01-02", byline=["Sarah Kim"],
        entities=[Entity(id="e1", type="official", name="Ahn Gyu-back", aliases=["Ahn"],
                         role="Defense Minister", country="KR",
                         mentions=[Mention("Ahn Gyu-back", 3, 15, 0)])],
        relations=[Relation(kind="meeting", source="e1", target="e1", sentence="Ahn met.",
                            start=0, end=8, trigger="met")],
        notes=["n"], n_chars=100, n_words=20,
    )


# ---------------------------------------------------------------------- keys and location
def test_pipeline_version_is_computed_without_spacy():
    """The key comes from kg.versions, which kg.nlp re-exports and which never imports spaCy."""
    import subprocess
    import sys

    assert kg.nlp.pipeline_version is kgcache.pipeline_version
    code = ("import sys; from kg.versions import pipeline_version; pipeline_version('id'); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_extraction_version_names_language_schema_and_code():
    en, id_ = extraction_version("en"), extraction_version("id")
    assert en.startswith("en:") and id_.startswith("id:")
    assert "schema" in en and "code:" in en and ":id_ner-" in id_


def test_default_cache_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("KG_CACHE_DIR")
    assert default_cache_dir() == tmp_path / "xdg" / "kg"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "kg"


# ---------------------------------------------------------------------- the store itself
def test_records_round_trip_as_json(tmp_path):
    record = sample_record()
    with ExtractionCache(tmp_path) as cache:
        assert cache.put_many([("h1", "v1", record)]) == 1
        assert cache.get_many([("h1", "v1")]) == {("h1", "v1"): record}
        assert cache.get_many([("h1", "v2"), ("h2", "v1")]) == {}
        assert len(cache) == 1
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        (data,) = conn.execute("SELECT data FROM extractions").fetchone()
    assert json.loads(data) == record.to_dict()  # plain JSON, not pickle


def test_unreadable_row_is_a_miss(tmp_path):
    with ExtractionCache(tmp_path) as cache:
        cache.put_many([("h1", "v1", sample_record()), ("h2", "v1", sample_record())])
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        conn.execute("UPDATE extractions SET data = '{\"doc_id\": 1, \"bogus\": 2}' "
                     "WHERE hash = 'h1'")
    with ExtractionCache(tmp_path) as cache:
        assert list(cache.get_many([("h1", "v1"), ("h2", "v1")])) == [("h2", "v1")]
        assert cache.enabled


@pytest.mark.parametrize("data", ["[" * 100_000 + "]" * 100_000, "[1, 2]", "42",
                                  '{"doc_id": "a", "lang": "en", "entities": [7]}'])
def test_damaged_row_of_any_shape_is_a_miss(tmp_path, data):
    with ExtractionCache(tmp_path) as cache:
        cache.put_many([("h1", "v1", sample_record()), ("h2", "v1", sample_record())])
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        conn.execute("UPDATE extractions SET data = ? WHERE hash = 'h1'", [data])
    with ExtractionCache(tmp_path) as cache:
        assert list(cache.get_many([("h1", "v1"), ("h2", "v1")])) == [("h2", "v1")]


def test_prune_drops_only_old_rows_of_superseded_versions(tmp_path):
    with ExtractionCache(tmp_path) as cache:
        cache.put_many([("h1", "en:old", sample_record()), ("h2", "en:new", sample_record()),
                        ("h3", "id:old", sample_record()), ("h4", "en:old2", sample_record()),
                        ("h5", "en:new|offices", sample_record()),
                        ("h6", "en:old|offices", sample_record())])
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        conn.execute("UPDATE extractions SET created = ? WHERE hash != 'h4'",
                     (time.time() - 30 * 86400,))
    with ExtractionCache(tmp_path) as cache:
        # h1 and h6 go; h4 is recent, h3 another language, h5 derived from the current version
        assert cache.prune({"en": "en:new"}) == 2
        assert set(cache.get_many([("h1", "en:old"), ("h2", "en:new"), ("h3", "id:old"),
                                   ("h4", "en:old2"), ("h5", "en:new|offices"),
                                   ("h6", "en:old|offices")])) == {
            ("h2", "en:new"), ("h3", "id:old"), ("h4", "en:old2"), ("h5", "en:new|offices")}


def _write_rows(directory: str, start: int, n: int) -> None:
    cache = ExtractionCache(directory, timeout=30)
    for i in range(start, start + n):
        cache.put_many([(f"h{i}", "v", DocExtraction(doc_id=f"d{i}", lang="en"))])
    assert cache.enabled
    cache.close()


def test_concurrent_writers_do_not_corrupt_the_cache(tmp_path):
    ExtractionCache(tmp_path).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_rows, args=(str(tmp_path), k * 1000, 150))
             for k in range(3)]
    for p in procs:
        p.start()
    _write_rows(str(tmp_path), 9000, 150)
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM extractions").fetchone() == (600,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


# ---------------------------------------------------------------------- hits and misses in a build
def test_second_build_reads_nothing_and_gives_the_same_graph(tmp_path, fake_models):
    first = build_documents(DOCS, cache=tmp_path)
    assert sorted(fake_models) == ["a.txt", "b.txt", "c.txt"]
    fake_models.clear()
    second = build_documents(DOCS, cache=tmp_path)
    assert fake_models == []
    assert canonical(second) == canonical(first)
    assert canonical(build_documents(DOCS)) == canonical(first)  # and equal to no cache at all


#: Two dated articles whose meetings only the office data names (the holders on the date).
OFFICE_DOCS = [
    Document(id="o1.txt", date="2025-11-04",
             text="The defense ministers of South Korea and the United States met in Seoul on "
                  "Tuesday to discuss the alliance."),
    Document(id="o2.txt", date="2025-11-04", lang="id",
             text="Menhan Korsel dan Menhan AS bertemu di Seoul pada hari Selasa."),
]


@pytest.fixture
def office_passes(monkeypatch):
    """Counts the office passes a build runs (by document id)."""
    import kg.officepass

    ran: list[str] = []
    real = kg.officepass.apply_offices

    def counting(ex, text=None):
        ran.append(ex.doc_id)
        return real(ex, text)

    monkeypatch.setattr(kg.officepass, "apply_offices", counting)
    return ran


def test_rebuild_takes_the_office_pass_from_the_cache(tmp_path, fake_models, office_passes):
    first = build_documents(OFFICE_DOCS, cache=tmp_path)
    assert sorted(office_passes) == ["o1.txt", "o2.txt"]
    names = {d["label"] for _, d in first.graph.nodes(data=True)}
    assert {"Ahn Gyu-back", "Pete Hegseth"} <= names  # the office data named them
    office_passes.clear()
    fake_models.clear()
    second = build_documents(OFFICE_DOCS, cache=tmp_path)
    assert (fake_models, office_passes) == ([], [])
    assert canonical(second) == canonical(first) == canonical(build_documents(OFFICE_DOCS))


def test_cache_without_office_forms_gets_them_back(tmp_path, fake_models, office_passes):
    reference = canonical(build_documents(OFFICE_DOCS, cache=tmp_path))
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:  # a cache an older kg filled
        conn.execute("DELETE FROM extractions WHERE version LIKE '%|offices'")
    office_passes.clear()
    fake_models.clear()
    assert canonical(build_documents(OFFICE_DOCS, cache=tmp_path)) == reference
    assert fake_models == [] and sorted(office_passes) == ["o1.txt", "o2.txt"]
    office_passes.clear()
    assert canonical(build_documents(OFFICE_DOCS, cache=tmp_path)) == reference
    assert office_passes == []


def test_build_without_offices_reads_the_plain_records(tmp_path, fake_models, monkeypatch):
    build_documents(OFFICE_DOCS, cache=tmp_path)
    monkeypatch.setenv("KG_NO_OFFICES", "1")
    fake_models.clear()
    plain = build_documents(OFFICE_DOCS, cache=tmp_path)
    assert fake_models == []
    assert canonical(plain) == canonical(build_documents(OFFICE_DOCS))
    names = {d["label"] for _, d in plain.graph.nodes(data=True)}
    assert "Pete Hegseth" not in names


def test_changed_or_added_document_is_the_only_one_read(tmp_path, fake_models):
    build_documents(DOCS, cache=tmp_path)
    fake_models.clear()
    changed = [DOCS[0], Document(id="b.txt", text=ID + " Tambahan.", lang="id"), DOCS[2],
               Document(id="d.txt", text=EN.replace("Seoul", "Busan"))]
    records = extract_documents(changed, cache=tmp_path)
    assert sorted(fake_models) == ["b.txt", "d.txt"]
    assert [r.doc_id for r in records] == ["a.txt", "b.txt", "c.txt", "d.txt"]


def test_metadata_is_part_of_the_key(tmp_path, fake_models):
    build_documents(DOCS, cache=tmp_path)
    fake_models.clear()
    extract_documents([Document(id="a.txt", text=EN, date="2020-01-01")], cache=tmp_path)
    assert fake_models == ["a.txt"]


def test_pipeline_version_change_invalidates(tmp_path, fake_models, monkeypatch):
    build_documents(DOCS, cache=tmp_path)
    fake_models.clear()
    real = kgcache.pipeline_version
    monkeypatch.setattr(kgcache, "pipeline_version",
                        lambda lang: real(lang) + ("-new-model" if lang == "en" else ""))
    build_documents(DOCS, cache=tmp_path)
    assert sorted(fake_models) == ["a.txt", "c.txt"]  # the Indonesian pipeline did not change


def test_schema_version_change_invalidates(tmp_path, fake_models, monkeypatch):
    build_documents(DOCS, cache=tmp_path)
    fake_models.clear()
    monkeypatch.setattr(kgcache, "SCHEMA_VERSION", kgcache.SCHEMA_VERSION + 1)
    build_documents(DOCS, cache=tmp_path)
    assert len(fake_models) == 3


@pytest.mark.parametrize("garbage", [b"this is not a database" * 100, b"SQLite format 3\x00" +
                                     b"\xff" * 4000])
def test_corrupted_cache_file_is_tolerated(tmp_path, fake_models, caplog, garbage):
    (tmp_path / CACHE_FILE).write_bytes(garbage)
    with caplog.at_level(logging.WARNING, logger="kg"):
        graph = build_documents(DOCS, cache=tmp_path)
    warnings = [r for r in caplog.records if "extraction cache" in r.getMessage()]
    assert len(warnings) == 1, [r.getMessage() for r in caplog.records]
    assert "building without the cache" in warnings[0].getMessage()
    assert len(fake_models) == 3
    assert canonical(graph) == canonical(build_documents(DOCS))


def test_cache_locked_by_another_writer_is_tolerated(tmp_path, fake_models, caplog):
    ExtractionCache(tmp_path).close()  # a WAL database: readers are never blocked
    holder = sqlite3.connect(tmp_path / CACHE_FILE, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        cache = ExtractionCache(tmp_path, timeout=0.2)
        with caplog.at_level(logging.WARNING, logger="kg"):
            graph = build_documents(DOCS, cache=cache)
        cache.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    warnings = [r.getMessage() for r in caplog.records if "extraction cache" in r.getMessage()]
    assert len(warnings) == 1 and "cannot be written" in warnings[0]
    assert canonical(graph) == canonical(build_documents(DOCS))


def test_cache_locked_before_wal_is_tolerated(tmp_path, fake_models, caplog):
    path = tmp_path / CACHE_FILE
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE other (x)")
    holder.execute("BEGIN EXCLUSIVE")  # rollback-journal mode: nobody else may even read
    try:
        with caplog.at_level(logging.WARNING, logger="kg"):
            cache = ExtractionCache(tmp_path, timeout=0.2)
            assert not cache.enabled
            records = extract_documents(DOCS, cache=cache)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(records) == 3
    assert sum("cannot be opened" in r.getMessage() for r in caplog.records) == 1


def test_unwritable_cache_folder_is_tolerated(tmp_path, fake_models, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with caplog.at_level(logging.WARNING, logger="kg"):
        records = extract_documents(DOCS, cache=blocker / "cache")
    assert len(records) == 3
    assert sum("building without the cache" in r.getMessage() for r in caplog.records) == 1


# ---------------------------------------------------------------------- the command line
def test_cli_caches_by_default_and_no_cache_bypasses(tmp_path, fake_models, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "default"))
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(EN, encoding="utf-8")
    (corpus / "b.txt").write_text(ID, encoding="utf-8")
    out = tmp_path / "g.json"
    runner = CliRunner()

    result = runner.invoke(main, ["build", str(corpus), "-o", str(out), "--no-html",
                                  "--no-cache"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "default").exists()
    assert len(fake_models) == 2

    result = runner.invoke(main, ["build", str(corpus), "-o", str(out), "--no-html"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "default" / CACHE_FILE).exists()
    assert len(fake_models) == 4

    result = runner.invoke(main, ["build", str(corpus), "-o", str(out), "--no-html"])
    assert result.exit_code == 0, result.output
    assert len(fake_models) == 4  # all cached
    assert "2 of 2 documents cached" in result.output

    result = runner.invoke(main, ["build", str(corpus), "-o", str(out), "--no-html",
                                  "--no-cache"])
    assert len(fake_models) == 6  # cached, but --no-cache reads everything again

    result = runner.invoke(main, ["build", str(corpus), "-o", str(out), "--no-html", "-q",
                                  "--cache-dir", str(tmp_path / "mine")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mine" / CACHE_FILE).exists()
    assert result.output == ""


def test_cli_rejects_no_cache_with_cache_dir(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--no-cache", "--cache-dir",
                                       str(tmp_path)])
    assert result.exit_code == 2
    assert "cannot be used together" in result.output


def test_fully_cached_build_does_not_import_spacy(tmp_path):
    """Keys computed here (kg.nlp imported) must match keys computed without spaCy."""
    from kg.documents import read_inputs
    # files may have changed since this session hashed them
    from kg.versions import data_digest, id_model_digest, pipeline_version

    for cached in (kgcache.code_version, id_model_digest, pipeline_version, data_digest):
        cached.cache_clear()

    docs = read_inputs([ROOT / "seeds"]).documents
    from kg.pipeline import document_language

    with ExtractionCache(tmp_path) as cache:
        cache.put_many([(d.content_hash, extraction_version(document_language(d)[0]),
                         DocExtraction(doc_id=d.id, lang=document_language(d)[0]))
                        for d in docs])
    code = ("import sys, kg; g = kg.build([sys.argv[1]], cache=sys.argv[2]); "
            "print(len(g.meta['documents']), 'spacy' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, str(ROOT / "seeds"), str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(len(docs)), "False"]
