"""``kg_co_appearance`` on blank pipelines: a ``co_appearance`` relation for every pair of
officials, agencies and forums named in one sentence."""

from __future__ import annotations

from kg.pipes.view import ordered_relations


def run(nlp, text, *, skip=()):
    """The document with every component after ``kg_co_appearance`` (and ``skip``) off."""
    names = nlp.pipe_names
    with nlp.select_pipes(disable=[*names[names.index("kg_co_appearance") + 1:], *skip]):
        return nlp(text)


def co_appearances(doc):
    names = {c.id: c.name for c in doc._.kg_people + doc._.kg_orgs}
    return [(frozenset((names[r.source], names[r.target])), r)
            for r in ordered_relations(doc) if r.kind == "co_appearance"]


def pairs(doc):
    return {pair for pair, _rel in co_appearances(doc)}


TEXT = ("South Korean Defense Minister Park Ji-hoon met U.S. Defense Secretary Mark Collins at "
        "the Pentagon ahead of the 57th SCM. Japanese Defense Minister Kenji Sato arrived in "
        "Washington a day later.")


def test_every_pair_named_in_a_sentence_and_none_across_sentences(blank_nlp):
    doc = run(blank_nlp("en"), TEXT)
    names = ["Park Ji-hoon", "Mark Collins", "U.S. Department of Defense",
             "Security Consultative Meeting"]
    assert pairs(doc) == {frozenset((a, b)) for i, a in enumerate(names) for b in names[i + 1:]}
    first = doc.text[:doc.text.index(" Japanese")]
    for _pair, rel in co_appearances(doc):
        assert rel.trigger is None
        assert rel.sentence == first
        assert doc.text[rel.start:rel.end] == first
    assert not any("Kenji Sato" in pair for pair in pairs(doc))


def test_possessives_and_proxies_are_named_too(blank_nlp):
    nlp = blank_nlp("en")
    doc = run(nlp, "Defense Minister Park Ji-hoon's remarks came as U.S. Defense Secretary Mark "
                   "Collins arrived at the Pentagon.")
    assert frozenset({"Park Ji-hoon", "Mark Collins"}) in pairs(doc)
    proxy = run(nlp, "Vice Defense Minister Lee Joon-ho met Japanese Defense Minister Kenji "
                     "Sato on behalf of Defense Minister Park Ji-hoon.")
    assert pairs(proxy) == {frozenset({"Lee Joon-ho", "Kenji Sato"}),
                            frozenset({"Lee Joon-ho", "Park Ji-hoon"}),
                            frozenset({"Kenji Sato", "Park Ji-hoon"})}


def test_indonesian_sentence(blank_nlp):
    doc = run(blank_nlp("id"), "Panglima TNI Jenderal Budi Santoso menerima kunjungan Kepala "
                               "Staf Gabungan Korea Selatan Jenderal Lee Min-ho di Jakarta.")
    assert len(pairs(doc)) == 6  # two officials and two agencies
    assert frozenset({"Budi Santoso", "Republic of Korea Joint Chiefs of Staff"}) in pairs(doc)


def test_needs_only_the_frames(blank_nlp):
    nlp = blank_nlp("en")
    full = pairs(run(nlp, TEXT))
    alone = run(nlp, TEXT, skip=("kg_meetings", "kg_attendance"))
    assert all(r.kind == "co_appearance" for r in ordered_relations(alone))
    assert pairs(alone) == full
