"""Nothing lost on real text: failed extractions keep their facts, long texts are read in pieces.

Runs on blank spaCy pipelines with the kg components (no statistical models),
so it is fast; the fuzz slice is in ``test_fuzz.py``.
"""

from __future__ import annotations

import time

import pytest
import spacy

import kg.extract
import kg.nlp
from kg import pipeline
from kg.longtext import split_text
from kg.pipeline import _iter_items, build

EN = "U.S. Defense Secretary Pete Hegseth met South Korean Defense Minister Ahn Gyu-back."
LAST = ("Philippine Defense Secretary Gilberto Teodoro met Australian Deputy Prime Minister "
        "Richard Marles in Manila on Friday.")
FILLER = ("The planning staff reviewed the exercise schedule, the shipping routes and the "
          "budget for the coming year in detail. ")


@pytest.fixture
def fake_models(monkeypatch, blank_nlp):
    monkeypatch.setattr(kg.nlp, "load_pipeline", blank_nlp)


def _item(doc_id: str, text: str) -> tuple:
    return (doc_id, text, None, None, ())


# ---------------------------------------------------------------------- failed extraction
def test_failed_extraction_keeps_title_date_byline_and_names_the_error(fake_models, monkeypatch):
    def broken(sdoc, **kwargs):
        raise IndexError("[E040] Attempt to access token at 9, max length 9.")

    monkeypatch.setattr(kg.extract, "extract_document", broken)
    text = "Allies meet at the border truce village\nBy Jane Roe\nNov. 3, 2025\n" + EN
    [record] = list(_iter_items("en", [_item("a.txt", text)], 32))
    assert (record.title, record.date, record.byline) == (
        "Allies meet at the border truce village", "2025-11-03", ["Jane Roe"])
    assert record.notes == ["extraction failed: IndexError: [E040] Attempt to access token "
                            "at 9, max length 9."]
    assert record.n_chars == len(text) and record.entities == []


def test_build_summary_counts_failed_extractions(fake_models, monkeypatch, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    real = kg.extract.extract_document

    def flaky(sdoc, *, doc_id, **kwargs):
        if doc_id.endswith("bad.txt"):
            raise RuntimeError("boom")
        return real(sdoc, doc_id=doc_id, **kwargs)

    monkeypatch.setattr(kg.extract, "extract_document", flaky)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.txt").write_text("Talks in Seoul\n" + EN)
    (tmp_path / "in" / "good.txt").write_text(EN)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "-o",
                                       str(tmp_path / "g.json"), "--no-cache", "--no-html"])
    assert result.exit_code == 0, result.output
    assert "documents read: 2, extraction failed: 1" in result.output
    assert "extraction failed: RuntimeError: boom" in result.output


def test_spacy_failing_on_a_batch_costs_only_the_bad_document(blank_nlp, monkeypatch):
    nlp = blank_nlp("en")

    class Picky:
        """A pipeline that raises on one text, in a batch and alone."""

        max_length = nlp.max_length

        def __call__(self, text):
            if "poison" in text:
                raise ValueError("bad text")
            return nlp(text)

        def pipe(self, texts, batch_size):
            return (self(t) for t in texts)

    monkeypatch.setattr(kg.nlp, "load_pipeline", lambda lang: Picky())
    items = [_item("1", EN), _item("2", "poison " + EN), _item("3", EN)]
    records = list(_iter_items("en", items, 32))
    assert [r.doc_id for r in records] == ["1", "2", "3"]
    assert [bool(r.entities) for r in records] == [True, False, True]
    assert records[1].notes == ["extraction failed: ValueError: bad text"]


# ---------------------------------------------------------------------- long texts
@pytest.mark.parametrize("limit", [7, 50, 1000])
def test_pieces_join_back_to_the_text_and_respect_the_limit(limit):
    text = ("Para one. Still one.\n\nPara two " + "x" * 120 + " end.\nLine.  " * 5) * 3
    pieces = split_text(text, limit)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= limit for _, p in pieces)
    assert [s for s, _ in pieces] == [sum(len(p) for _, p in pieces[:k])
                                      for k in range(len(pieces))]


def test_long_text_is_read_in_pieces_with_offsets_of_the_whole_text(fake_models, monkeypatch):
    monkeypatch.setattr("kg.longtext.PIECE_CHARS", 2_000)
    text = EN + "\n\n" + (FILLER * 12 + "\n\n") * 10 + LAST
    [record] = list(_iter_items("en", [_item("long.txt", text)], 32))
    assert any("read in" in n and "pieces" in n for n in record.notes)
    names = {e.name for e in record.entities}
    assert {"Pete Hegseth", "Gilberto Teodoro", "Richard Marles"} <= names
    assert len({e.id for e in record.entities}) == len(record.entities)
    for entity in record.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text
    assert record.relations
    for rel in record.relations:
        assert text[rel.start:rel.end] == rel.sentence
    assert record.n_chars == len(text)


def test_text_over_spacys_max_length_is_not_fatal(monkeypatch):
    from kg.pipes import add_kg_pipes

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_kg_pipes(nlp, "en")
    nlp.max_length = 3_000
    monkeypatch.setattr(kg.nlp, "load_pipeline", lambda lang: nlp)
    text = FILLER * 60 + LAST  # one line over max_length
    [record] = list(_iter_items("en", [_item("one-line.txt", text)], 32))
    assert "Gilberto Teodoro" in {e.name for e in record.entities}


def test_seeds_plus_a_3_mb_article_build_with_the_officials_at_its_end(fake_models, tmp_path):
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    (tmp_path / "long.txt").write_text(
        "Archive of exercise reports\n\n" + (FILLER * 20 + "\n\n") * 1_400 + LAST,
        encoding="utf-8")
    assert (tmp_path / "long.txt").stat().st_size > 3_000_000
    graph = build([seeds, tmp_path], cache=False)
    labels = {e.label for e in graph.entities("official")}
    assert {"Gilberto Teodoro", "Richard Marles", "Pete Hegseth"} <= labels
    assert graph.stats()["documents"] == 6


def test_pieces_of_a_long_text_are_read_one_at_a_time(fake_models, monkeypatch):
    monkeypatch.setattr("kg.longtext.PIECE_CHARS", 1_000)
    seen: list[int] = []
    real_one = pipeline._extract_one

    def spy(sdoc, item, lang):
        seen.append(len(sdoc.text))
        return real_one(sdoc, item, lang)

    monkeypatch.setattr(pipeline, "_extract_one", spy)
    list(_iter_items("en", [_item("l.txt", FILLER * 100)], 32))
    assert len(seen) > 5 and max(seen) <= 1_000


# ---------------------------------------------------------------------- worker processes
def test_an_error_while_the_pool_runs_is_raised_as_itself_and_the_workers_stop():
    import multiprocessing

    calls = []

    def payload(chunk):
        calls.append(chunk)
        if len(calls) == 2:
            raise RuntimeError("the real error")
        return []

    chunks = [("en", [0]), ("en", [1]), ("en", [2])]
    with pytest.raises(RuntimeError, match="the real error"):
        list(pipeline._run_pool(chunks, payload, 2, 32))
    deadline = time.monotonic() + 10  # stopped workers are reaped asynchronously under load
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert multiprocessing.active_children() == []


def _children(pid: int) -> set[int]:
    """Process ids whose parent is ``pid`` (from /proc)."""
    from pathlib import Path

    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    from pathlib import Path

    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not __import__("os").path.isdir("/proc"), reason="needs /proc")
def test_killing_only_the_parent_of_a_two_worker_build_ends_its_workers(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    (tmp_path / "in").mkdir()
    for i in range(80):
        (tmp_path / "in" / f"{i:03d}.txt").write_text(f"{EN} ({i})\n" + FILLER * 20)
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(tmp_path / "in"), "-w", "2",
                             "--no-cache", "-q", "-o", str(tmp_path / "g.json")])
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the build started its workers"
    proc.send_signal(signal.SIGTERM)
    proc.wait(10)
    deadline = time.monotonic() + 15
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers)


@pytest.mark.slow
@pytest.mark.skipif(not __import__("os").path.isdir("/proc"), reason="needs /proc")
def test_ctrl_c_during_a_two_worker_build_exits_130_without_a_traceback(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    (tmp_path / "in").mkdir()
    for i in range(80):
        (tmp_path / "in" / f"{i:03d}.txt").write_text(f"{EN} ({i})\n" + FILLER * 20)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(tmp_path / "in"), "-w", "2", "--no-cache",
         "-o", str(tmp_path / "g.json")], stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.default_int_handler))
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        workers = _children(proc.pid)
    time.sleep(1.5)  # the workers are loading their models or extracting
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    assert not (tmp_path / "g.json").exists()
    time.sleep(1)
    assert not any(_alive(w) for w in workers)
