"""``kg_affiliations`` on blank pipelines: an ``affiliated`` relation between an official and
the agency the title chain names."""

from __future__ import annotations

import pytest

from kg.pipes import EXTRACTION_PIPES
from kg.pipes.view import ordered_relations


def affiliated(doc):
    """{(official name, agency gazetteer key or name)} of the affiliation relations."""
    people = {c.id: c.name for c in doc._.kg_people}
    orgs = {c.id: c.key or c.name for c in doc._.kg_orgs}
    return {(people[r.source], orgs[r.target]) for r in ordered_relations(doc)
            if r.kind == "affiliated"}


@pytest.mark.parametrize("text,agency", [
    ("Gen. Lee Min-ho, chairman of South Korea's Joint Chiefs of Staff, briefed lawmakers on "
     "Friday.", "kr-jcs"),
    ("Gen. Lee Min-ho, chairman of the Joint Chiefs of Staff, briefed lawmakers on Friday.",
     "Joint Chiefs of Staff"),  # no country given: the generic name, no gazetteer key
], ids=["with-country", "without-country"])
def test_rank_then_appositive_chairman_of_the_jcs(blank_nlp, text, agency):
    doc = blank_nlp("en")(text)
    assert affiliated(doc) == {("Lee Min-ho", agency)}
    (rel,) = [r for r in ordered_relations(doc) if r.kind == "affiliated"]
    assert rel.sentence == text
    assert rel.trigger == doc._.kg_orgs[0].name


def test_agencies_in_title_chains(blank_nlp):
    doc = blank_nlp("en")(
        "Japan Joint Staff Chief Gen. Hiroshi Nakamura met Gen. Daniel Brooks, commander of U.S. "
        "Forces Korea, in Tokyo.")
    assert affiliated(doc) == {("Hiroshi Nakamura", "jp-joint-staff"),
                               ("Daniel Brooks", "us-fk")}
    id_doc = blank_nlp("id")("Juru bicara Kementerian Pertahanan Korsel, Kim Soo-jin, mengatakan "
                             "latihan akan berlanjut.")
    assert affiliated(id_doc) == {("Kim Soo-jin", "kr-mnd")}


def test_visiting_or_naming_an_agency_is_no_affiliation(blank_nlp):
    doc = blank_nlp("en")(
        "South Korean Defense Minister Park Ji-hoon visited U.S. Forces Korea headquarters in "
        "Pyeongtaek on Friday, the Ministry of National Defense said.")
    assert {c.key for c in doc._.kg_orgs} == {"us-fk", "kr-mnd"}
    assert affiliated(doc) == set()


@pytest.mark.parametrize("lang,text,agency", [
    ("en", "Lee Min-ho, chairman of the Joint Chiefs of Staff, told lawmakers the border was "
           "calm.", "Joint Chiefs of Staff"),
    ("en", "Jeon Ha-na, spokesperson for the Ministry of National Defense, told reporters the "
           "drills would continue.", "kr-mnd"),
    ("id", "Kim Soo-jin, juru bicara Kementerian Pertahanan Korsel, mengatakan latihan akan "
           "berlanjut.", "kr-mnd"),
], ids=["chairman-en", "spokesperson-en", "juru-bicara-id"])
def test_appositive_office_after_a_plain_name(blank_nlp, lang, text, agency):
    doc = blank_nlp(lang)(text)
    person = doc._.kg_people[0].name
    assert affiliated(doc) == {(person, agency)}


@pytest.mark.xfail(strict=True, reason="the id title 'Panglima TNI' covers the TNI org span, so "
                   "the chain walk never records the agency (nor its country)")
def test_tni_commander_is_affiliated_with_the_tni(blank_nlp):
    doc = blank_nlp("id")("Panglima TNI Jenderal Budi Santoso menerima kunjungan Kepala Staf "
                          "Gabungan Korea Selatan Jenderal Lee Min-ho di Jakarta.")
    assert ("Budi Santoso", "id-tni") in affiliated(doc)


def test_needs_only_officials_people_and_orgs(blank_nlp):
    nlp = blank_nlp("en")
    text = "Gen. Daniel Brooks, commander of U.S. Forces Korea, inspected the border on Friday."
    with nlp.select_pipes(disable=list(EXTRACTION_PIPES[3:-1])):  # frames ... co_attendance
        doc = nlp(text)
    assert doc._.kg_frames is None
    assert [r.kind for r in ordered_relations(doc)] == ["affiliated"]
    assert affiliated(doc) == {("Daniel Brooks", "us-fk")}
