"""Records stream from extraction into resolution: same graph, nothing held.

``kg.build`` hands each record to a :class:`kg.resolve.GraphBuilder` as soon as it is
made (from the cache, a worker chunk or this process) and drops the document's text
then; the graph must be the one the list path gives (``extract_documents`` then
``build_graph`` of all records at once), whatever order the records come in.
"""

from __future__ import annotations

import copy
import gc
import json
import pickle
import random
import sys
import weakref
from dataclasses import replace

import pytest

import kg
import kg.nlp
from kg import pipeline
from kg.documents import Document
from kg.pipeline import build_documents, extract_documents
from kg.records import DocExtraction, Entity, Mention, Relation
from kg.resolve import GraphBuilder, build_graph
from kg.roles import english_roles

ARTICLES = [
    ("2024-06-02", None,
     "Singapore, June 2 -- South Korean Defense Minister Shin Won-sik met Japanese Defense "
     "Minister Minoru Kihara on the sidelines of the Shangri-La Dialogue on Sunday. The "
     "two ministers agreed to resume military exchanges."),
    ("2024-06-03", None,
     "U.S. Defense Secretary Lloyd Austin held talks with Shin Won-sik in Singapore. "
     "Austin said the Nuclear Consultative Group would meet again in the summer."),
    ("2024-06-04", "id",
     "Menteri Pertahanan Prabowo Subianto bertemu Menteri Pertahanan Korea Selatan Shin "
     "Won-sik di Jakarta pada Selasa. Keduanya membahas kerja sama industri pertahanan."),
    ("2024-06-05", None,
     "The defense ministers of Japan and the United States met in Tokyo on Wednesday to "
     "discuss missile warning data. Kihara later briefed reporters."),
    ("2024-06-06", "id",
     "Menhan Korsel menghadiri pertemuan di Seoul. Shin mengatakan latihan gabungan akan "
     "diperluas tahun depan."),
    ("2024-06-07", None,
     "Philippine Defense Secretary Gilberto Teodoro visited Seoul, where he met Defense "
     "Minister Shin Won-sik at the Ministry of National Defense."),
]


def documents(n: int = len(ARTICLES) * 3) -> list[Document]:
    out = []
    for i in range(n):
        date, lang, text = ARTICLES[i % len(ARTICLES)]
        out.append(Document(id=f"{i:03d}.txt", text=f"{text} ({i})", date=date, lang=lang))
    return out


@pytest.fixture
def fake_models(monkeypatch, blank_nlp):
    monkeypatch.setattr(kg.nlp, "load_pipeline", blank_nlp)


def canonical(graph) -> str:
    data = graph.to_dict()
    data["graph"].pop("built", None)
    return json.dumps(data, ensure_ascii=False, indent=1)


def list_path(docs: list[Document]):
    """The graph as built before streaming: every record, then every text, at once."""
    records = extract_documents(docs, batch_size=2)
    graph = build_graph(records, meta={"kg_version": kg.__version__},
                        texts={d.id: d.text for d in docs})
    pipeline._note_date_sources(graph, docs)
    english_roles(graph.graph)
    return graph


def test_streamed_build_is_the_list_build(fake_models):
    docs = documents()
    expected = canonical(list_path(docs))
    assert json.loads(expected)["edges"], "the articles should give edges"
    assert canonical(build_documents(docs, batch_size=2)) == expected


def test_records_in_any_order_give_the_same_graph(fake_models, monkeypatch, tmp_path):
    docs = documents()
    expected = canonical(list_path(docs))

    def reversed_pool(chunks, payload, workers, batch_size):
        done = [(k, pipeline._extract_chunk(lang, payload((lang, idxs)), batch_size))
                for k, (lang, idxs) in enumerate(chunks)]
        yield from reversed(done)

    monkeypatch.setattr(pipeline, "_run_pool", reversed_pool)
    # half of the documents cached: those come first, then the chunks, last one first
    extract_documents(docs[::2], cache=tmp_path)
    got = build_documents(list(docs), release_texts=True, workers=2,
                          batch_size=2, cache=tmp_path)
    assert canonical(got) == expected


def test_build_graph_takes_a_generator_and_positions():
    records = [_record(i) for i in range(12)]
    expected = canonical(build_graph(records))
    assert canonical(build_graph(r for r in records)) == expected
    builder = GraphBuilder()
    order = list(range(12))
    random.Random(3).shuffle(order)
    for i in order:
        builder.add(records[i], at=i)
    assert canonical(builder.graph()) == expected


def test_builder_keeps_neither_the_record_nor_the_text():
    text = "".join(["Defense Minister Shin Won-sik met Lloyd Austin in Seoul. "] * 3)
    record = _record(0)
    alive = weakref.ref(record)
    refs = sys.getrefcount(text)
    builder = GraphBuilder()
    builder.add(record, text)
    del record
    gc.collect()
    assert alive() is None
    assert sys.getrefcount(text) == refs
    assert builder.graph().meta["documents"][0]["id"] == "000.txt"


def test_a_released_build_drops_each_text_and_gives_the_same_graph(fake_models):
    docs = documents(8)
    kept = canonical(build_documents(list(docs), batch_size=2))
    owned = list(docs)
    graph = build_documents(owned, release_texts=True, batch_size=2)
    assert [d.text for d in owned] == [""] * 8
    assert [d.id for d in owned] == [d.id for d in docs]
    assert canonical(graph) == kept


def test_slotted_records_pickle_copy_and_round_trip():
    record = _record(5)
    assert not hasattr(record.entities[0], "__dict__")
    assert pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)) == record
    assert copy.deepcopy(record) == record
    assert DocExtraction.from_dict(json.loads(json.dumps(record.to_dict()))) == record
    moved = replace(record.entities[0], country="JP")
    assert moved.country == "JP" and record.entities[0].country == "KR"


def _record(i: int) -> DocExtraction:
    """An English article's record: two ministers who met, and the forum they attended."""
    sentence = "South Korean Defense Minister Shin Won-sik met Japanese Defense Minister " \
               "Minoru Kihara at the Shangri-La Dialogue."
    shin = Entity("e1", "official", "Shin Won-sik", role="Defense Minister",
                  role_text="Defense Minister", category="defense", country="KR",
                  mentions=[Mention("Shin Won-sik", 30, 42, 0)])
    kihara = Entity("e2", "official", "Minoru Kihara" if i % 2 else "Kihara",
                    role="Defense Minister", role_text="Defense Minister",
                    category="defense", country="JP",
                    mentions=[Mention("Minoru Kihara", 73, 86, 0), Mention("Kihara", 0, 6, -1)])
    forum = Entity("e3", "forum", "Shangri-La Dialogue", key="sld",
                   mentions=[Mention("Shangri-La Dialogue", 94, 113, 0)])
    relations = [Relation("meeting", "e1", "e2", sentence, 0, len(sentence), "met"),
                 Relation("attended", "e1", "e3", sentence, 0, len(sentence), "at"),
                 Relation("co_appearance", "e2", "e3", sentence, 0, len(sentence))]
    return DocExtraction(f"{i:03d}.txt", "en", title=f"Ministers meet ({i})",
                         date=f"2024-06-{1 + i % 28:02d}", entities=[shin, kihara, forum],
                         relations=relations, n_chars=200, n_words=30)


def test_resolve_alone_gives_the_graph_nodes():
    from kg.resolve import resolve

    records = [_record(i) for i in range(6)]
    nodes, index = resolve(records)
    assert len(nodes) == build_graph(records, texts={}).graph.number_of_nodes()
    assert {index[("000.txt", "e1")], index[("001.txt", "e1")]} == {index[("002.txt", "e1")]}
