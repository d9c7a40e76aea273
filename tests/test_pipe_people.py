"""``kg_people`` on blank pipelines: one ``Cluster`` per person in ``doc._.kg_people``, with
surname mentions, title-only references and meeting partners."""

from __future__ import annotations

from functools import cache

import spacy

from kg.pipes import EXTRACTION_PIPES, add_kg_pipes


def people(doc):
    return {c.name: c for c in doc._.kg_people}


def mention_texts(doc, cluster):
    return [doc[s:e].text for s, e, _sent in cluster.mentions]


@cache
def nlp_with_people(*names: str):
    """A blank English pipeline whose entity ruler stands in for a statistical NER model."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": name} for name in names])
    nlp.add_pipe("sentencizer")
    return add_kg_pipes(nlp, "en")


def test_surname_and_title_references_join_the_right_person(blank_nlp):
    doc = blank_nlp("en")(
        "South Korean Defense Minister Park Ji-hoon met Japanese Defense Minister Kenji Sato "
        "in Tokyo on Monday. The Japanese defense minister said the two countries would share "
        "missile warning data. Park later visited Yokosuka.")
    found = people(doc)
    assert set(found) == {"Park Ji-hoon", "Kenji Sato"}
    park, sato = found["Park Ji-hoon"], found["Kenji Sato"]
    assert mention_texts(doc, park) == ["Park Ji-hoon", "Park"]
    assert park.aliases["Park"] == 1
    # "the Japanese defense minister" is Sato, not the Korean minister named first
    assert mention_texts(doc, sato) == ["Kenji Sato", "defense minister"]
    assert [sent for _s, _e, sent in sato.mentions] == [0, 1]
    assert (sato.type, sato.role, sato.country) == ("official", "Defense Minister", "JP")
    assert [c.id for c in doc._.kg_people] == ["p0", "p1"]


def test_a_surname_before_the_full_name_joins_only_the_one_official_of_that_name(blank_nlp):
    # a headline or lead may use the surname before the article names the official in full
    doc = blank_nlp("en")("Sato said the drills were routine. Japanese Defense Minister Kenji "
                          "Sato arrived in Seoul later.")
    assert mention_texts(doc, people(doc)["Kenji Sato"]) == ["Sato", "Kenji Sato"]
    # two officials share the surname: an earlier bare "Kim" stays unresolved
    doc = blank_nlp("en")("Kim said the drills were routine. Defense Minister Kim Min-jae met "
                          "Gen. Kim Tae-woo, chairman of the Joint Chiefs of Staff, later.")
    found = people(doc)
    assert mention_texts(doc, found["Kim Min-jae"]) == ["Kim Min-jae"]
    assert mention_texts(doc, found["Kim Tae-woo"]) == ["Kim Tae-woo"]


def test_the_secretary_means_the_one_current_secretary(blank_nlp):
    doc = blank_nlp("en")(
        "U.S. Defense Secretary Mark Collins arrived in Jakarta. Former Defense Secretary "
        "Lloyd Baker also visited. Collins met Indonesian officials, the secretary said.")
    found = people(doc)
    assert mention_texts(doc, found["Mark Collins"]) == ["Mark Collins", "Collins", "secretary"]
    assert found["Lloyd Baker"].former
    assert mention_texts(doc, found["Lloyd Baker"]) == ["Lloyd Baker"]


def test_indonesian_title_reference_and_surname(blank_nlp):
    doc = blank_nlp("id")(
        "Menhan Korsel Park Ji-hoon menyambut Menhan Jepang Kenji Sato di Seoul. Menhan Jepang "
        "kemudian meninjau markas Komando Pasukan Gabungan. Sato mengatakan kerja sama kedua "
        "negara semakin erat.")
    found = people(doc)
    assert mention_texts(doc, found["Kenji Sato"]) == ["Kenji Sato", "Menhan", "Sato"]
    assert mention_texts(doc, found["Park Ji-hoon"]) == ["Park Ji-hoon"]


def test_a_person_an_official_meets_is_an_official():
    nlp = nlp_with_people("Daniel Ortiz")
    met = people(nlp("U.S. Defense Secretary Mark Collins met Daniel Ortiz in Manila on "
                     "Tuesday."))
    assert met["Daniel Ortiz"].type == "official"
    assert not met["Daniel Ortiz"].titled
    not_met = people(nlp("U.S. Defense Secretary Mark Collins did not meet Daniel Ortiz in "
                         "Manila on Tuesday."))
    assert not_met["Daniel Ortiz"].type == "person"
    apart = people(nlp("U.S. Defense Secretary Mark Collins spoke in Manila on Tuesday. "
                       "Daniel Ortiz, a retired colonel, watched from the crowd."))
    assert apart["Daniel Ortiz"].type == "person"


def test_needs_only_the_officials(blank_nlp):
    nlp = blank_nlp("en")
    with nlp.select_pipes(disable=list(EXTRACTION_PIPES[2:])):
        doc = nlp("Japanese Defense Minister Kenji Sato toured the base. Sato then left.")
    assert doc._.kg_orgs is None  # nothing after kg_people ran
    assert mention_texts(doc, people(doc)["Kenji Sato"]) == ["Kenji Sato", "Sato"]


def test_the_secretary_means_the_one_the_article_is_about(blank_nlp):
    doc = blank_nlp("en")(
        "Defense Secretary Mark Collins arrived in Tokyo. Collins met Japanese officials. "
        "Collins will also meet Secretary of State Jane Wells there. In Seoul, the secretary "
        "attended the 45th Security Consultative Meeting.")
    found = people(doc)
    assert "secretary" in mention_texts(doc, found["Mark Collins"])
    assert "secretary" not in mention_texts(doc, found["Jane Wells"])
    # named as often as each other: no guess
    doc = blank_nlp("en")("Defense Secretary Mark Collins and Secretary of State Jane Wells "
                          "arrived in Tokyo. The secretary said the talks went well.")
    assert not any("secretary" in mention_texts(doc, c) for c in doc._.kg_people)


def test_a_company_executive_met_by_an_official_stays_a_person():
    nlp = nlp_with_people("Daniel Ortiz", "Son Min-jae")
    met = people(nlp("U.S. Defense Secretary Mark Collins met Daniel Ortiz and Hanwha Aerospace "
                     "CEO Son Min-jae in Seoul on Tuesday."))
    assert (met["Daniel Ortiz"].type, met["Son Min-jae"].type) == ("official", "person")


def test_company_words_end_no_official_name(blank_nlp):
    doc = blank_nlp("id")("Menhan Budi Santoso bertemu Presiden Direktur Korea Aerospace "
                          "Industries (KAI) di Sacheon.")
    assert [c.name for c in doc._.kg_people if c.type == "official"] == ["Budi Santoso"]
