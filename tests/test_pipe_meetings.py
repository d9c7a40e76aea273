"""``kg_meetings`` on blank pipelines: the ``meeting`` relations it adds to
``doc._.kg_relations``, run with the components after it switched off."""

from __future__ import annotations

import pytest

from kg.pipes.view import ordered_relations


def run(nlp, text):
    """The document with every component after ``kg_meetings`` switched off."""
    names = nlp.pipe_names
    with nlp.select_pipes(disable=names[names.index("kg_meetings") + 1:]):
        return nlp(text)


def meetings(doc):
    """{frozenset of the two names: trigger} of the meeting relations."""
    names = {c.id: c.name for c in doc._.kg_people}
    return {frozenset((names[r.source], names[r.target])): r.trigger
            for r in ordered_relations(doc) if r.kind == "meeting"}


def test_strong_trigger_links_the_officials_of_its_sentence(blank_nlp):
    doc = run(blank_nlp("en"),
              "Japanese Defense Minister Kenji Sato flew to Manila on Sunday. He met Philippine "
              "Defense Secretary Ramon Cruz at Camp Aguinaldo.")
    assert meetings(doc) == {frozenset({"Kenji Sato", "Ramon Cruz"}): "met"}
    (rel,) = ordered_relations(doc)
    assert rel.sentence == "He met Philippine Defense Secretary Ramon Cruz at Camp Aguinaldo."
    assert doc.text[rel.start:rel.end] == rel.sentence
    id_doc = run(blank_nlp("id"),
                 "Menhan Korsel Park Ji-hoon menyambut Menhan Jepang Kenji Sato di Seoul.")
    assert meetings(id_doc) == {frozenset({"Park Ji-hoon", "Kenji Sato"}): "menyambut"}


def test_weak_trigger_links_only_officials_named_together(blank_nlp):
    nlp = blank_nlp("en")
    together = run(nlp, "Japanese Defense Minister Kenji Sato and Australian Defence Minister "
                        "Liam Foster visited the naval base in Darwin on Friday.")
    assert meetings(together) == {frozenset({"Kenji Sato", "Liam Foster"}): "visited"}
    apart = run(nlp, "Japanese Defense Minister Kenji Sato visited the naval base in Darwin, "
                     "and Australian Defence Minister Liam Foster spoke to reporters in "
                     "Canberra.")
    assert meetings(apart) == {}


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "U.S. Defense Secretary Mark Collins, accompanied by Japanese Defense Minister "
           "Kenji Sato, toured the Yokosuka base.", {frozenset({"Mark Collins", "Kenji Sato"})}),
    ("en", "U.S. Defense Secretary Mark Collins, accompanied by Adm. Robert Hale, toured the "
           "Yokosuka base.", set()),
    ("id", "Menteri Pertahanan AS Mark Collins didampingi Menteri Pertahanan Jepang Kenji Sato "
           "saat meninjau pangkalan Yokosuka.", {frozenset({"Mark Collins", "Kenji Sato"})}),
    ("id", "Menteri Pertahanan AS Mark Collins didampingi Laksamana Robert Hale saat meninjau "
           "pangkalan Yokosuka.", set()),
])
def test_escort_meets_only_officials_of_another_country(blank_nlp, lang, text, expected):
    doc = run(blank_nlp(lang), text)
    assert set(meetings(doc)) == expected


@pytest.mark.parametrize("lang,text", [
    ("en", "South Korean Defense Minister Park Ji-hoon did not meet Chinese Defense Minister "
           "Wang Lei during the forum."),
    ("en", "A planned meeting between South Korean Defense Minister Park Ji-hoon and Chinese "
           "Defense Minister Wang Lei was cancelled at the last minute."),
    ("id", "Menteri Pertahanan Korea Selatan Park Ji-hoon batal bertemu Menteri Pertahanan "
           "Tiongkok Wang Lei di Singapura."),
])
def test_negated_meeting_is_no_meeting(blank_nlp, lang, text):
    doc = run(blank_nlp(lang), text)
    assert len(doc._.kg_people) == 2
    assert meetings(doc) == {}


@pytest.mark.parametrize("lang,text", [
    ("en", "South Korean Defense Minister Park Ji-hoon met U.S. Defense Secretary Mark Collins "
           "in Seoul on Monday, after Japanese Defense Minister Kenji Sato held talks with "
           "Philippine Defense Secretary Ramon Cruz in Manila."),
    ("id", "Menteri Pertahanan Korea Selatan Park Ji-hoon bertemu Menteri Pertahanan AS Mark "
           "Collins di Seoul, setelah Menteri Pertahanan Jepang Kenji Sato bertemu Menteri "
           "Pertahanan Filipina Ramon Cruz di Manila."),
])
def test_clauses_split_the_meetings_of_one_sentence(blank_nlp, lang, text):
    doc = run(blank_nlp(lang), text)
    assert set(meetings(doc)) == {frozenset({"Park Ji-hoon", "Mark Collins"}),
                                  frozenset({"Kenji Sato", "Ramon Cruz"})}


def test_a_spokesperson_reports_a_meeting_without_holding_it(blank_nlp):
    doc = run(blank_nlp("en"),
              "Jeon Ha-na, spokesperson for the Ministry of National Defense, said Defense "
              "Minister Park Ji-hoon met U.S. Defense Secretary Mark Collins on Monday.")
    assert meetings(doc) == {frozenset({"Park Ji-hoon", "Mark Collins"}): "met"}


def test_a_meeting_noun_that_names_a_forum_is_no_meeting_of_the_sentences_officials(blank_nlp):
    doc = run(blank_nlp("id"),
              "Pertemuan 2+2 RI-Jepang merupakan gagasan Perdana Menteri Jepang Taro Suzuki dan "
              "Presiden Indonesia Budi Hartono.")
    assert meetings(doc) == {}


def test_a_meeting_noun_before_people_still_makes_them_meet(blank_nlp):
    doc = run(blank_nlp("id"),
              "Pertemuan Menteri Pertahanan Jepang Kenji Sato dan Menteri Pertahanan Korea "
              "Selatan Park Ji-hoon berlangsung di Tokyo.")
    assert set(meetings(doc)) == {frozenset({"Kenji Sato", "Park Ji-hoon"})}


def test_officials_named_together_with_a_title_chain_between_them_meet(blank_nlp):
    doc = run(blank_nlp("en"),
              "Defense Minister Park Ji-hoon and Japanese Ambassador to Seoul Kenji Sato signed a "
              "military information pact in Seoul on Wednesday.")
    assert meetings(doc) == {frozenset({"Park Ji-hoon", "Kenji Sato"}): "signed"}


def test_whoever_accompanies_an_official_in_a_meeting_sentence_does_not_meet_them(blank_nlp):
    doc = run(blank_nlp("id"),
              "Dalam pertemuan yang berlangsung di Istana Bogor, Presiden Budi Hartono "
              "didampingi Menteri Pertahanan Agus Wijaya.")
    assert meetings(doc) == {}


def test_a_meeting_told_before_that_dates_a_statement_is_no_new_meeting(blank_nlp):
    doc = run(blank_nlp("id"),
              "Menteri Pertahanan Agus Wijaya bertemu Menteri Pertahanan Jepang Kenji Sato di "
              "Tokyo. Usai pertemuan, Agus mengatakan Presiden Budi Hartono mendukung kerja sama "
              "itu.")
    assert set(meetings(doc)) == {frozenset({"Agus Wijaya", "Kenji Sato"})}


def test_after_meeting_someone_is_still_a_meeting(blank_nlp):
    doc = run(blank_nlp("en"),
              "After meeting Japanese Defense Minister Kenji Sato, U.S. Defense Secretary John "
              "Miller flew to Seoul.")
    assert set(meetings(doc)) == {frozenset({"Kenji Sato", "John Miller"})}


def test_officials_listed_as_attending_by_passive_do_not_meet_each_other(blank_nlp):
    doc = run(blank_nlp("en"),
              "The talks were also attended by U.S. Forces Korea Commander Gen. Daniel Brooks "
              "and U.S. Forces Japan Commander Lt. Gen. Mark Ellis.")
    assert meetings(doc) == {}


def test_officials_who_attended_together_still_meet(blank_nlp):
    doc = run(blank_nlp("en"),
              "Gen. Daniel Brooks and Japanese Defense Minister Kenji Sato attended a ceremony "
              "in Yokosuka.")
    assert set(meetings(doc)) == {frozenset({"Daniel Brooks", "Kenji Sato"})}


@pytest.mark.parametrize("text,trigger", [
    ("Presiden Budi Santoso menerima Perdana Menteri Jepang Kenji Sato di Istana Bogor, "
     "Senin.", "menerima"),
    ("Perdana Menteri Jepang Kenji Sato diterima Presiden Budi Santoso di Istana Bogor.",
     "diterima"),
    ("Perdana Menteri Jepang Kenji Sato dijamu Presiden Budi Santoso di Istana Bogor.",
     "dijamu"),
])
def test_receiving_a_visitor_in_indonesian_is_a_meeting(blank_nlp, text, trigger):
    doc = run(blank_nlp("id"), text)
    assert meetings(doc) == {frozenset({"Budi Santoso", "Kenji Sato"}): trigger}


@pytest.mark.parametrize("lang,text", [
    ("en", "Vice Defense Minister Park Ji-hoon met Japan's Vice Minister Kenji Sato on the "
           "sidelines of the talks to discuss defense exchanges, including a possible visit to "
           "Seoul by Japanese Defense Minister Taro Mori."),
    ("id", "Wamenhan Korsel Park Ji-hoon bertemu Wamenhan Jepang Kenji Sato untuk membahas "
           "rencana kunjungan Menteri Pertahanan Jepang Taro Mori ke Seoul."),
])
def test_an_official_named_in_what_was_discussed_does_not_meet(blank_nlp, lang, text):
    doc = run(blank_nlp(lang), text)
    assert set(meetings(doc)) == {frozenset({"Park Ji-hoon", "Kenji Sato"})}


def test_a_topic_word_before_the_second_official_cuts_nobody(blank_nlp):
    doc = run(blank_nlp("en"), "Defense Minister Park Ji-hoon discussed the alliance with U.S. "
                               "Defense Secretary Mark Collins when they met in Seoul.")
    assert set(meetings(doc)) == {frozenset({"Park Ji-hoon", "Mark Collins"})}


@pytest.mark.parametrize("lang,text,trigger", [
    ("en", "Philippine Defense Secretary Ramon Cruz (2nd from L) and Japanese Defense Minister "
           "Kenji Sato (C) pose for a photo in Manila on Friday.", "pose for a photo"),
    ("id", "Menhan Filipina Ramon Cruz dan Menhan Jepang Kenji Sato berfoto bersama di Manila.",
     "berfoto bersama"),
])
def test_officials_posing_together_met(blank_nlp, lang, text, trigger):
    doc = run(blank_nlp(lang), text)
    assert meetings(doc) == {frozenset({"Ramon Cruz", "Kenji Sato"}): trigger}


def test_a_photo_of_one_official_is_no_meeting(blank_nlp):
    doc = run(blank_nlp("en"), "Japanese Defense Minister Kenji Sato poses for a photo in Manila "
                               "on Friday, a day before Philippine Defense Secretary Ramon Cruz "
                               "arrives.")
    assert meetings(doc) == {}


@pytest.mark.parametrize("lang,text,trigger", [
    ("en", "U.S. Defense Secretary Mark Collins telephoned Japanese Defense Minister Kenji Sato "
           "on Friday.", "telephoned"),
    ("en", "U.S. Defense Secretary Mark Collins had dinner with Japanese Defense Minister Kenji "
           "Sato in Tokyo.", "had dinner with"),
    ("id", "Menhan AS Mark Collins berbincang dengan Menhan Jepang Kenji Sato di sela acara.",
     "berbincang dengan"),
    ("id", "Menhan AS Mark Collins dan Menhan Jepang Kenji Sato makan malam bersama di Tokyo.",
     "makan malam bersama"),
])
def test_calls_and_meals_are_meetings(blank_nlp, lang, text, trigger):
    doc = run(blank_nlp(lang), text)
    assert meetings(doc) == {frozenset({"Mark Collins", "Kenji Sato"}): trigger}


def test_officials_in_a_clause_about_the_forum_do_not_join_the_talks(blank_nlp):
    doc = run(blank_nlp("en"),
              "Japanese Defense Minister Kenji Sato and Philippine Defense Secretary Ramon Cruz "
              "held talks on the margins of the ADMM-Plus, which was also attended by U.S. "
              "Defense Secretary Mark Collins and Chinese Defense Minister Li Wei.")
    assert meetings(doc) == {frozenset({"Kenji Sato", "Ramon Cruz"}): "held talks"}


def test_whoever_accompanied_a_leader_does_not_meet_that_leader(blank_nlp):
    doc = run(blank_nlp("en"),
              "President Lee Min-su held summit talks with Philippine President Ramon Cruz. "
              "Defense Minister Kim Dong-su, who accompanied Lee, separately held talks with "
              "his Philippine counterpart Jose Reyes.")
    pairs = set(meetings(doc))
    assert frozenset({"Kim Dong-su", "Jose Reyes"}) in pairs
    assert frozenset({"Kim Dong-su", "Lee Min-su"}) not in pairs


def test_an_escort_of_the_subject_meets_whom_the_subject_met(blank_nlp):
    doc = run(blank_nlp("en"),
              "President Mark Collins had a brief encounter with leader Kim Il-sung at "
              "Panmunjom in June 2019, accompanied by then President Moon Jae-in.")
    assert frozenset({"Kim Il-sung", "Moon Jae-in"}) in set(meetings(doc))


@pytest.mark.parametrize("lang,text,expected", [
    ("id", "Sebelum bertemu Menhan Korsel Park Ji-hoon, Menhan Budi Santoso melakukan kunjungan "
           "kehormatan kepada Perdana Menteri Korsel Kim Min-su.",
     {frozenset({"Budi Santoso", "Park Ji-hoon"}), frozenset({"Budi Santoso", "Kim Min-su"})}),
    ("en", "Chinese Defense Minister Li Wei and Defense Minister Park Ji-hoon last met at the "
           "Shangri-La Dialogue in May, where Park also held talks with U.S. Defense Secretary "
           "Mark Collins.",
     {frozenset({"Li Wei", "Park Ji-hoon"}), frozenset({"Park Ji-hoon", "Mark Collins"})}),
])
def test_an_opening_or_a_where_clause_keeps_its_meeting_apart(blank_nlp, lang, text, expected):
    assert set(meetings(run(blank_nlp(lang), text))) == expected


def test_the_generals_are_the_two_named_before(blank_nlp):
    doc = run(blank_nlp("en"),
              "Gen. Mark Collins, chairman of the U.S. Joint Chiefs of Staff, and his South "
              "Korean counterpart, Gen. Park Ji-hoon, held talks. The generals also visited the "
              "border together, accompanied by Gen. John Hale, commander of U.S. Forces Korea.")
    assert frozenset({"Park Ji-hoon", "John Hale"}) in set(meetings(doc))


@pytest.mark.parametrize("lang,text", [
    ("en", "Defense Minister Kim Min-su visited U.S. Defense Secretary Mark Collins at the "
           "Pentagon on Monday."),
    ("en", "Defense Minister Kim Min-su discussed the alliance with U.S. Defense Secretary Mark "
           "Collins on Monday."),
    ("id", "Menhan Korsel Kim Min-su membahas kerja sama dengan Menhan AS Mark Collins di "
           "Jakarta, Senin."),
    ("id", "Menhan Korsel Kim Min-su bertatap muka dengan Menhan AS Mark Collins, Senin."),
    ("en", "Defense Minister Kim Min-su will sit down with U.S. Defense Secretary Mark Collins."),
])
def test_an_official_as_the_object_of_a_visit_or_a_discussion_meets(blank_nlp, lang, text):
    assert set(meetings(run(blank_nlp(lang), text))) == {
        frozenset({"Kim Min-su", "Mark Collins"})}


def test_a_discussion_with_reporters_names_no_partner(blank_nlp):
    doc = run(blank_nlp("en"), "Defense Minister Kim Min-su discussed the visit of U.S. Defense "
                               "Secretary Mark Collins with reporters, he said.")
    assert meetings(doc) == {}


@pytest.mark.parametrize("lang,text,expected", [
    ("id", "Menhan AS Mark Collins mengakhiri kunjungannya setelah bertemu dengan Menteri "
           "Pertahanan Budi Santoso dan Panglima TNI Jenderal TNI Andi Wijaya.",
     {frozenset({"Mark Collins", "Budi Santoso"}), frozenset({"Mark Collins", "Andi Wijaya"})}),
    ("en", "U.S. Defense Secretary Mark Collins met with Japanese Defense Minister Kenji Sato and "
           "South Korean Defense Minister Park Ji-hoon in Singapore.",
     {frozenset({"Mark Collins", "Kenji Sato"}), frozenset({"Mark Collins", "Park Ji-hoon"}),
      frozenset({"Kenji Sato", "Park Ji-hoon"})}),
    ("en", "Defense Minister Park Ji-hoon and his American and Japanese counterparts Mark Collins "
           "and Kenji Sato met in Singapore.",
     {frozenset({"Mark Collins", "Kenji Sato"}), frozenset({"Mark Collins", "Park Ji-hoon"}),
      frozenset({"Kenji Sato", "Park Ji-hoon"})}),
])
def test_hosts_of_one_side_do_not_meet_each_other(blank_nlp, lang, text, expected):
    assert set(meetings(run(blank_nlp(lang), text))) == expected


@pytest.mark.parametrize("lang,text", [
    ("id", "Menhan Korsel Kim Min-su tidak akan menghadiri pertemuan dengan Menhan AS Mark "
           "Collins pada Senin."),
    ("en", "Defense Minister Kim Min-su did not visit U.S. Defense Secretary Mark Collins."),
])
def test_a_negated_weak_word_makes_no_meeting_with_its_object(blank_nlp, lang, text):
    assert meetings(run(blank_nlp(lang), text)) == {}


@pytest.mark.parametrize("text", [
    "Menhan Korsel Kim Min-su melakukan courtesy call kepada Menhan AS Mark Collins, Senin.",
    "Menhan Korsel Kim Min-su menyambangi Menhan AS Mark Collins di kantornya, Senin.",
    "Menhan Korsel Kim Min-su dan Menhan AS Mark Collins saling bertukar cendera mata.",
])
def test_more_indonesian_ways_of_meeting(blank_nlp, text):
    assert set(meetings(run(blank_nlp("id"), text))) == {frozenset({"Kim Min-su", "Mark Collins"})}
