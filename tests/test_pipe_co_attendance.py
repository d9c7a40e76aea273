"""``kg_co_attendance`` on blank pipelines: officials who attend the same bilateral or
small forum meet there (a ``meeting`` relation with the trigger "both attended ...");
multilateral gatherings and summits are left out."""

from __future__ import annotations

import pytest

from kg.lexicon import get_lexicon
from kg.pipes.view import ordered_relations


def run(nlp, text, *, skip=()):
    """The document with the components after ``kg_co_attendance`` (and ``skip``) off."""
    names = nlp.pipe_names
    with nlp.select_pipes(disable=[*names[names.index("kg_co_attendance") + 1:], *skip]):
        return nlp(text)


def co_attended(doc):
    """{frozenset of the two names: trigger} of the meetings this component adds."""
    names = {c.id: c.name for c in doc._.kg_people}
    return {frozenset((names[r.source], names[r.target])): r.trigger
            for r in ordered_relations(doc)
            if r.kind == "meeting" and (r.trigger or "").startswith("both attended ")}


BILATERAL = ("South Korean Defense Minister Park Ji-hoon attended the Korea-U.S. Integrated "
             "Defense Dialogue in Seoul on Tuesday. U.S. Defense Secretary Mark Collins also "
             "attended the KIDD.")


def test_two_officials_at_the_same_bilateral_forum_meet(blank_nlp):
    doc = run(blank_nlp("en"), BILATERAL)
    assert co_attended(doc) == {frozenset({"Park Ji-hoon", "Mark Collins"}):
                                "both attended Korea-U.S. Integrated Defense Dialogue"}
    # the evidence is the later of the two attendance sentences
    (rel,) = [r for r in ordered_relations(doc) if (r.trigger or "").startswith("both ")]
    assert rel.sentence == "U.S. Defense Secretary Mark Collins also attended the KIDD."
    id_doc = run(blank_nlp("id"), "Menteri Pertahanan Korea Selatan Park Ji-hoon dan Menteri "
                                  "Pertahanan AS Mark Collins menggelar SCM ke-57 di Seoul.")
    assert set(co_attended(id_doc)) == {frozenset({"Park Ji-hoon", "Mark Collins"})}


@pytest.mark.parametrize("key,text", [
    ("admm-plus", "Japanese Defense Minister Kenji Sato attended the ASEAN Defense Ministers' "
                  "Meeting-Plus in Kuala Lumpur. South Korean Defense Minister Park Ji-hoon "
                  "also attended the ADMM-Plus."),
    ("shangrila", "Japanese Defense Minister Kenji Sato attended the Shangri-La Dialogue in "
                  "Singapore. Philippine Defense Secretary Ramon Cruz also attended the "
                  "Shangri-La Dialogue."),
    ("g7", "Japanese Defense Minister Kenji Sato attended the G7 summit in Italy. U.S. Defense "
           "Secretary Mark Collins also attended the G7 summit."),
])
def test_a_multilateral_gathering_is_no_meeting(blank_nlp, key, text):
    assert get_lexicon().gazetteer[key]["multilateral"] is True
    doc = run(blank_nlp("en"), text)
    assert len([r for r in ordered_relations(doc) if r.kind == "attended"]) == 2
    assert co_attended(doc) == {}


def test_a_former_official_attended_another_session(blank_nlp):
    doc = run(blank_nlp("en"), "Former Defense Minister Choi Dong-su attended the 50th SCM in "
                               "2018. Defense Minister Park Ji-hoon attended the 57th SCM this "
                               "year.")
    assert len([r for r in ordered_relations(doc) if r.kind == "attended"]) == 2
    assert co_attended(doc) == {}


def test_different_numbered_sessions_are_no_meeting(blank_nlp):
    doc = run(blank_nlp("en"), "South Korean Defense Minister Park Ji-hoon attended the 56th SCM "
                               "in Washington in 2024. U.S. Defense Secretary Mark Collins "
                               "attended the 57th SCM in Seoul in 2025.")
    assert co_attended(doc) == {}


def test_reads_the_attendance_and_nothing_else(blank_nlp):
    nlp = blank_nlp("en")
    without_co_appearance = run(nlp, BILATERAL, skip=("kg_meetings", "kg_co_appearance"))
    assert set(co_attended(without_co_appearance)) == {frozenset({"Park Ji-hoon",
                                                                  "Mark Collins"})}
    without_attendance = run(nlp, BILATERAL, skip=("kg_attendance",))
    assert co_attended(without_attendance) == {}


def test_officials_at_a_forum_named_international_do_not_meet_there(blank_nlp):
    doc = run(blank_nlp("en"), "U.S. Defense Secretary Mark Collins attended the Seoul "
              "International Defense Dialogue on Tuesday. Japanese Defense Minister Kenji Sato "
              "also attended the dialogue.")
    assert {r.kind for r in ordered_relations(doc)} >= {"attended"}
    assert co_attended(doc) == {}
    small = run(blank_nlp("en"), BILATERAL)
    assert set(co_attended(small)) == {frozenset({"Park Ji-hoon", "Mark Collins"})}


def test_officials_at_the_same_exercise_do_not_meet_there(blank_nlp):
    doc = run(blank_nlp("id"), "Latihan Super Garuda Shield 2025 resmi dibuka oleh Jenderal TNI "
                               "Budi Santoso di Surabaya. Upacara pembukaan turut dihadiri Mayjen "
                               "Mark Collins dari AS.")
    assert co_attended(doc) == {}


def test_the_annual_talks_are_the_session_named_before(blank_nlp):
    doc = run(blank_nlp("en"), "South Korea and the U.S. held the 57th Security Consultative "
                               "Meeting in Seoul. Defense Minister Park Ji-hoon and U.S. Defense "
                               "Secretary Mark Collins co-chaired the annual talks. Gen. John "
                               "Hale, chairman of the U.S. Joint Chiefs, also took part in the "
                               "meeting.")
    assert frozenset({"Park Ji-hoon", "John Hale"}) in co_attended(doc)
