"""``kg_frames`` on blank pipelines: one ``SentenceFrame`` per sentence in
``doc._.kg_frames.sentences`` (who acts, whom a group means, which forum a reference
means, whether it is negated)."""

from __future__ import annotations

from kg.pipes import EXTRACTION_PIPES


def ids(doc):
    """Cluster id by name, for people and organisations."""
    return {c.name: c.id for c in (doc._.kg_people or []) + (doc._.kg_orgs or [])}


def frame(doc, sent_i):
    return doc._.kg_frames.sentences[sent_i]


def test_a_pronoun_subject_stands_for_the_official_named_before(blank_nlp):
    doc = blank_nlp("en")(
        "Japanese Defense Minister Kenji Sato flew to Manila on Sunday. He met Philippine "
        "Defense Secretary Ramon Cruz at Camp Aguinaldo.")
    n = ids(doc)
    f = frame(doc, 1)
    assert f.strong == "met"
    assert [m[0] for m in f.officials] == [n["Ramon Cruz"]]  # named in the sentence
    acting = {m[0]: doc[m[1]:m[2]].text for m in f.mentions}
    assert acting == {n["Ramon Cruz"]: "Ramon Cruz", n["Kenji Sato"]: "He"}
    assert f.ids_all == [n["Ramon Cruz"], n["Kenji Sato"]]
    id_doc = blank_nlp("id")(
        "Menteri Pertahanan Jepang Kenji Sato tiba di Jakarta pada Minggu. Ia kemudian bertemu "
        "dengan Menteri Pertahanan Sjafrie Sjamsoeddin di kantor Kemhan.")
    assert ids(id_doc)["Kenji Sato"] in frame(id_doc, 1).ids_all


def test_a_group_reference_means_the_officials_named_before(blank_nlp):
    doc = blank_nlp("en")(
        "South Korean Defense Minister Park Ji-hoon welcomed Japanese Defense Minister Kenji "
        "Sato to Seoul. The two defense ministers agreed to resume regular talks.")
    n = ids(doc)
    f = frame(doc, 1)
    assert f.mentions == []
    assert set(f.group) == {n["Park Ji-hoon"], n["Kenji Sato"]}
    assert set(f.ids_all) == set(f.group)
    id_doc = blank_nlp("id")(
        "Menteri Pertahanan Korea Selatan Park Ji-hoon bertemu Menteri Pertahanan Jepang Kenji "
        "Sato di Tokyo. Kedua menteri pertahanan itu sepakat memperkuat kerja sama.")
    m = ids(id_doc)
    assert set(frame(id_doc, 1).group) == {m["Park Ji-hoon"], m["Kenji Sato"]}


def test_the_meeting_means_the_forum_named_before(blank_nlp):
    doc = blank_nlp("en")(
        "South Korean Defense Minister Park Ji-hoon and U.S. Defense Secretary Mark Collins "
        "co-chaired the Korea-U.S. Integrated Defense Dialogue on Tuesday. At the meeting, "
        "Park and Collins reviewed joint drills.")
    kidd = ids(doc)["Korea-U.S. Integrated Defense Dialogue"]
    assert frame(doc, 0).named_forums == [kidd]
    f = frame(doc, 1)
    assert f.named_forums == []
    assert f.forums == [kidd]
    assert f.session is None  # the same session, not another one
    talks = blank_nlp("en")(
        "Japanese Defense Minister Kenji Sato attended the Defense Trilateral Talks in Tokyo on "
        "Monday. Australian Defence Minister Liam Foster attended the talks by video link.")
    assert frame(talks, 1).forums == [ids(talks)["Defense Trilateral Talks"]]
    inaugural = blank_nlp("en")(
        "South Korean Defense Minister Park Ji-hoon attended the Nuclear Consultative Group in "
        "Seoul. Former Defense Minister Choi Dong-su had attended its inaugural meeting in 2023.")
    assert frame(inaugural, 1).forums == [ids(inaugural)["Nuclear Consultative Group"]]
    assert frame(inaugural, 1).session == "its inaugural meeting"


def test_negation_and_officials_named_on_someones_behalf(blank_nlp):
    nlp = blank_nlp("en")
    cancelled = nlp("A planned meeting between South Korean Defense Minister Park Ji-hoon and "
                    "Chinese Defense Minister Wang Lei was cancelled at the last minute.")
    assert frame(cancelled, 0).negated
    assert not frame(nlp("South Korean Defense Minister Park Ji-hoon met Chinese Defense "
                         "Minister Wang Lei in Singapore."), 0).negated
    assert frame(blank_nlp("id")("Menteri Pertahanan Korea Selatan Park Ji-hoon batal bertemu "
                                 "Menteri Pertahanan Tiongkok Wang Lei di Singapura."),
                 0).negated
    proxy = nlp("Vice Defense Minister Lee Joon-ho met Japanese Defense Minister Kenji Sato on "
                "behalf of Defense Minister Park Ji-hoon.")
    n = ids(proxy)
    f = frame(proxy, 0)
    assert n["Park Ji-hoon"] in [m[0] for m in f.officials]  # named ...
    assert [m[0] for m in f.mentions] == [n["Lee Joon-ho"], n["Kenji Sato"]]  # ... not there


def test_spokespersons_are_reporters(blank_nlp):
    doc = blank_nlp("en")(
        "Jeon Ha-na, spokesperson for the Ministry of National Defense, said Defense Minister "
        "Park Ji-hoon met U.S. Defense Secretary Mark Collins on Monday.")
    assert doc._.kg_frames.reporters == {ids(doc)["Jeon Ha-na"]}


def test_needs_only_people_and_orgs(blank_nlp):
    nlp = blank_nlp("en")
    with nlp.select_pipes(disable=list(EXTRACTION_PIPES[4:])):
        doc = nlp("Japanese Defense Minister Kenji Sato flew to Manila on Sunday. He met "
                  "Philippine Defense Secretary Ramon Cruz at Camp Aguinaldo.")
    assert doc._.kg_relations is None  # no relation component ran
    assert ids(doc)["Kenji Sato"] in frame(doc, 1).ids_all
