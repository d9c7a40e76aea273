"""Office holders (kg/data/offices.jsonl): the data, the office pass, resolution, ``kg who``.

Every article here is written for the test; none is taken from the evaluation set.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import holders
from kg.officepass import apply_offices, role_references
from kg.records import DocExtraction, Entity, Mention
from kg.resolve import build_graph

ROOT = Path(__file__).resolve().parent.parent

EN = ("Defense chiefs meet in Tokyo\n{date}\n\nTOKYO - The defense ministers of Japan and the "
      "United States met in Tokyo on Wednesday to discuss missile defense.\n")
ID = ("Menhan Jepang dan AS bertemu di Tokyo\n{date}\n\nTOKYO - Menteri Pertahanan Jepang dan "
      "Amerika Serikat bertemu di Tokyo pada Selasa untuk membahas keamanan kawasan.\n")


def _graph(text: str, lang: str, date: str, extract):
    ex = extract(text, lang, doc_id=f"{lang}-{date}.txt")
    ex.date = date
    return build_graph([ex], texts={ex.doc_id: text})


def _officials(graph) -> dict[str, dict]:
    return {a["label"]: a for _, a in graph.graph.nodes(data=True) if a["type"] == "official"}


def _met(graph, a: str, b: str) -> bool:
    ids = {attrs["label"]: n for n, attrs in graph.graph.nodes(data=True)}
    edges = graph.graph.get_edge_data(ids[a], ids[b], default={})
    return any(d["kind"] == "meeting" for d in edges.values())


def test_the_office_data_is_valid():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_offices.py")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith("ok: ")


def test_the_check_reports_overlaps_unsourced_and_unordered_terms(tmp_path):
    bad = tmp_path / "offices.jsonl"
    row = {"name": "A B", "spellings": [], "office": "Minister of Defense", "kind":
           "defense_minister", "role": "Defense Minister", "country": "JP",
           "start": "2020-01-01", "end": "2021-01-01", "source": "A list"}
    rows = [row, {**row, "name": "C D", "start": "2020-06-01", "end": "2022-01-01"},
            {**row, "name": "E F", "start": "2023-01-01", "end": "2022-01-01", "source": ""},
            {**row, "name": "G H", "kind": "astronaut", "start": "2030-01-01", "end": None},
            {**row, "name": "I J", "kind": "foreign_minister", "country": "KR"}]
    bad.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import check_offices
    finally:
        sys.path.pop(0)
    problems = "\n".join(check_offices.check(bad))
    assert "2: C D" in problems and "before A B" in problems
    assert "3: no source" in problems and "3: end 2022-01-01 is not after" in problems
    assert "4: unknown office kind 'astronaut'" in problems
    assert "5: office 'Minister of Defense' has more than one kind" in problems


@pytest.mark.parametrize(("date", "japan", "us"), [("2019-08-07", "Takeshi Iwaya", "Mark Esper"),
                                                   ("2021-03-16", "Nobuo Kishi", "Lloyd Austin")])
@pytest.mark.parametrize("lang", ["en", "id"])
def test_role_references_become_the_holders_on_the_date(extract, lang, date, japan, us):
    text = (EN if lang == "en" else ID).format(date=date)
    graph = _graph(text, lang, date, extract)
    officials = _officials(graph)
    assert set(officials) == {japan, us}
    assert officials[japan]["country"] == "JP" and officials[us]["country"] == "US"
    assert officials[us]["role"] == "Secretary of Defense"
    assert _met(graph, japan, us)
    assert [o["start"] for o in officials[japan]["offices"]]


def test_without_a_date_or_with_the_switch_off_nothing_is_added(extract, monkeypatch):
    text = EN.format(date="")
    ex = extract(text, "en")
    ex.date = None
    assert not _officials(build_graph([ex], texts={ex.doc_id: text}))
    monkeypatch.setenv("KG_NO_OFFICES", "1")
    graph = _graph(EN.format(date="2019-08-07"), "en", "2019-08-07", extract)
    assert not _officials(graph) and graph.meta["offices"]["used"] is False


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Menhan Korsel tiba di Jakarta.", "id", [("defense_minister", "KR")]),
    ("The Pentagon chief arrived.", "en", [("defense_minister", "US")]),
    ("Japanese and U.S. defense ministers spoke.", "en",
     [("defense_minister", "JP"), ("defense_minister", "US")]),
    ("Japanese Defense Minister Taro Kono spoke.", "en", []),  # a title before a name
    ("The former Japanese defense minister spoke.", "en", []),
    ("U.S. Vice President spoke.", "en", []),
    ("The Japanese defense ministers spoke.", "en", []),  # plural, one country
    ("The ministers of defense of Japan and Australia spoke.", "en",
     [("defense_minister", "AU"), ("defense_minister", "JP")]),
    ("The minister of defense of Japan and Australia spoke.", "en", []),
    ("The South Korean president's office said.", "en", []),
    ("Wakil Menteri Pertahanan Indonesia hadir.", "id", [("vice_defense_minister", "ID")]),
])
def test_role_reference_shapes(text, lang, expected):
    assert [r[:2] for r in role_references(text, lang)] == expected


def _person(name: str, eid: str = "e1") -> Entity:
    return Entity(id=eid, type="person", name=name, mentions=[Mention(name, 0, len(name), 0)])


@pytest.mark.parametrize(("name", "date", "label", "country"), [
    ("Esper", "2019-08-07", "Mark Esper", "US"),
    ("Kishi", "2021-03-16", "Nobuo Kishi", "JP"),
    ("Takeshi Iwaya", "2019-08-07", "Takeshi Iwaya", "JP"),
    ("Jung Kyung-doo", "2019-08-07", "Jung Kyung-doo", "KR"),
])
def test_an_untitled_name_of_a_holder_in_office_is_an_official(name, date, label, country):
    ex = apply_offices(DocExtraction("d.txt", "en", date=date, entities=[_person(name)]))
    (ent,) = ex.entities
    assert (ent.type, ent.name, ent.country) == ("official", label, country)


@pytest.mark.parametrize(("name", "date"), [
    ("Esper", "2015-01-01"),          # not in office then
    ("Kim", "2019-08-07"),            # a surname many holders share
    ("Iwaya", None),                  # no date: a lone surname says too little
    ("Somebody Unknown", "2019-08-07"),
])
def test_other_untitled_names_stay_people(name, date):
    ex = apply_offices(DocExtraction("d.txt", "en", date=date, entities=[_person(name)]))
    assert ex.entities[0].type == "person"


def test_an_undated_document_names_a_holder_by_full_name_only():
    ex = apply_offices(DocExtraction("d.txt", "id", entities=[_person("Lee Jae Myung"),
                                                               _person("Fumio Kishida", "e2")]))
    lee, kishida = ex.entities
    assert (lee.type, lee.role, lee.country) == ("official", "President", "KR")
    assert (kishida.type, kishida.role, kishida.country) == ("official", None, "JP")


def test_spellings_of_one_holder_are_one_node():
    a = DocExtraction("a.txt", "en", date="2019-01-10", entities=[
        Entity(id="e1", type="official", name="Jeong Kyeong-doo", role="Defense Minister",
               country="KR", mentions=[Mention("Jeong Kyeong-doo", 0, 16, 0)])])
    b = DocExtraction("b.txt", "id", date="2019-03-01", entities=[
        Entity(id="e1", type="official", name="Jung Kyung-doo", role="Defense Minister",
               mentions=[Mention("Jung Kyung-doo", 0, 14, 0)])])
    officials = _officials(build_graph([a, b]))
    assert len(officials) == 1
    (node,) = officials.values()
    assert node["docs"] == ["a.txt", "b.txt"]
    assert [(o["role"], o["start"]) for o in node["offices"]] == [("Defense Minister",
                                                                  "2018-09-21")]


def test_who_answers_from_the_data():
    assert [t.name for t in holders.who("defense minister", "KR", "2019-08-07")] == [
        "Jeong Kyeong-doo"]
    assert [t.name for t in holders.who("menhan", "ID", "2021-01-01")] == ["Prabowo Subianto"]
    assert "Lloyd Austin" in [t.name for t in holders.who("Secretary of Defense")]


def test_kg_who_command():
    from kg.cli import main

    runner = CliRunner()
    done = runner.invoke(main, ["who", "defense minister", "--country", "JP", "--on",
                                "2019-08-07"])
    assert done.exit_code == 0, done.output
    assert "Takeshi Iwaya" in done.output and "2018-10-02" in done.output
    done = runner.invoke(main, ["who", "astronaut"])
    assert done.exit_code == 1
    done = runner.invoke(main, ["who", "president", "--on", "August 2019"])
    assert done.exit_code == 2


@pytest.mark.slow
def test_kg_build_with_the_real_models_and_a_corrections_round_trip(tmp_path):
    """The Done-when articles through ``kg build``; then ``kg fix`` and a rebuild agree."""
    from kg.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "en.txt").write_text(EN.format(date="August 7, 2019"), encoding="utf-8")
    (corpus / "id.txt").write_text(ID.format(date="16 Maret 2021"), encoding="utf-8")
    out = tmp_path / "out" / "graph.json"
    runner = CliRunner()
    done = runner.invoke(main, ["build", str(corpus), "-o", str(out), "-q", "--no-cache"])
    assert done.exit_code == 0, done.output
    data = json.loads(out.read_text(encoding="utf-8"))
    labels = {n["label"] for n in data["nodes"] if n["type"] == "official"}
    assert labels == {"Takeshi Iwaya", "Mark Esper", "Nobuo Kishi", "Lloyd Austin"}
    assert len([e for e in data["edges"] if e["kind"] == "meeting"]) == 2
    done = runner.invoke(main, ["fix", "drop-edge", str(out), "Takeshi Iwaya", "Mark Esper"])
    assert done.exit_code == 0, done.output
    fixed = out.read_text(encoding="utf-8")
    rebuilt = tmp_path / "out" / "again.json"
    done = runner.invoke(main, ["build", str(corpus), "-o", str(rebuilt), "-q", "--no-cache"])
    assert done.exit_code == 0, done.output
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import same_graph
    finally:
        sys.path.pop(0)
    assert same_graph.masked(fixed) == same_graph.masked(rebuilt.read_text(encoding="utf-8"))


def test_a_holder_named_where_extraction_found_no_one_is_found_with_their_meeting():
    text = ("Jakarta, 1 Maret 2024\nPanglima Jenderal Agus Subiyanto bertemu dengan "
            "Jenderal Yoshihide Yoshida di Tokyo. Joko Widodo tidak hadir.")
    ex = apply_offices(DocExtraction("d.txt", "id", date="2024-03-01"), text)
    assert {(e.name, e.country) for e in ex.entities} == {
        ("Agus Subiyanto", "ID"), ("Yoshihide Yoshida", "JP"), ("Joko Widodo", "ID")}
    names = {e.id: e.name for e in ex.entities}
    assert [(names[r.source], names[r.target], r.kind) for r in ex.relations] == [
        ("Agus Subiyanto", "Yoshihide Yoshida", "meeting")]
    # not in office on the date: nobody
    assert not apply_offices(DocExtraction("d.txt", "id", date="2012-03-01"), text).entities


def test_the_page_and_kg_entities_show_the_offices(extract, tmp_path):
    from kg.cli import main
    from kg.render import render_html

    graph = _graph(EN.format(date="2019-08-07"), "en", "2019-08-07", extract)
    assert "Defense Minister (JP) 2018-10-02 – 2019-09-11" in render_html(graph)
    graph.save(tmp_path / "g.json")
    done = CliRunner().invoke(main, ["entities", str(tmp_path / "g.json")])
    assert "offices" in done.output.splitlines()[0]
    assert "Secretary of Defense 2019-06-24–2020-11-09" in done.output


def test_a_holder_known_by_one_name_is_found_by_that_name():
    text = ("Tokyo, 20 Februari 2025\nMenteri Pertahanan Jepang akan bertemu dengan "
            "Sjafrie Sjamsoeddin dan Sugiono di Tokyo pekan depan.")
    ex = apply_offices(DocExtraction("d.txt", "id", date="2025-02-20"), text)
    assert {(e.name, e.role) for e in ex.entities} >= {
        ("Sugiono", "Foreign Minister"), ("Sjafrie Sjamsoeddin", "Defense Minister")}
    # a one-word name of a holder known by two names is not enough ("Sjafrie" alone)
    alone = apply_offices(DocExtraction("d.txt", "id", date="2025-02-20"),
                          "Tokyo, 20 Februari 2025\nSjafrie tiba di Tokyo.")
    assert not alone.entities
