"""``kg_attendance`` on blank pipelines: the ``attended`` relations it adds to
``doc._.kg_relations`` and the sessions in ``doc._.kg_sessions``, run with the components
after it switched off."""

from __future__ import annotations

import pytest

from kg.pipes.view import ordered_relations


def run(nlp, text):
    """The document with every component after ``kg_attendance`` switched off."""
    names = nlp.pipe_names
    with nlp.select_pipes(disable=names[names.index("kg_attendance") + 1:]):
        return nlp(text)


def attended(doc):
    """{(official, forum): trigger} of the attendance relations."""
    names = {c.id: c.name for c in doc._.kg_people + doc._.kg_orgs}
    return {(names[r.source], names[r.target]): r.trigger
            for r in ordered_relations(doc) if r.kind == "attended"}


SCM = "Security Consultative Meeting"


def test_attended_the_numbered_session(blank_nlp):
    doc = run(blank_nlp("en"), "U.S. Defense Secretary Mark Collins attended the 57th SCM in "
                               "Washington on Friday.")
    assert attended(doc) == {("Mark Collins", SCM): "attended"}
    assert list(doc._.kg_sessions.values()) == [None]
    id_doc = run(blank_nlp("id"), "Menteri Pertahanan Jepang Kenji Sato menghadiri Shangri-La "
                                  "Dialogue di Singapura pada Sabtu.")
    assert attended(id_doc) == {("Kenji Sato", "Shangri-La Dialogue"): "menghadiri"}


@pytest.mark.parametrize("lang,text,trigger", [
    ("en", "South Korean Defense Minister Park Ji-hoon and U.S. Defense Secretary Mark Collins "
           "held the 57th Security Consultative Meeting on Friday.", "held"),
    ("id", "Menteri Pertahanan Korea Selatan Park Ji-hoon dan Menteri Pertahanan AS Mark "
           "Collins menggelar SCM ke-57 di Seoul.", "menggelar"),
])
def test_those_who_hold_a_forum_attend_it(blank_nlp, lang, text, trigger):
    doc = run(blank_nlp(lang), text)
    assert attended(doc) == {("Park Ji-hoon", SCM): trigger, ("Mark Collins", SCM): trigger}


def test_in_a_city_for_a_forum_is_attendance(blank_nlp):
    doc = run(blank_nlp("en"), "Japanese Foreign Minister Aiko Tanaka and Japanese Defense "
                               "Minister Kenji Sato are in Manila for the 2+2.")
    forum = "Japan-Philippines Foreign and Defense Ministers' Meeting"
    assert attended(doc) == {("Aiko Tanaka", forum): "for", ("Kenji Sato", forum): "for"}


@pytest.mark.parametrize("lang,text", [
    ("en", "South Korean Defense Minister Park Ji-hoon and U.S. Defense Secretary Mark Collins "
           "agreed to hold the Nuclear Consultative Group in Seoul next year."),
    ("id", "Menteri Pertahanan Korea Selatan Park Ji-hoon dan Menteri Pertahanan AS Mark "
           "Collins sepakat menggelar Kelompok Konsultatif Nuklir di Seoul tahun depan."),
    ("en", "South Korean Defense Minister Park Ji-hoon did not attend the Shangri-La Dialogue "
           "this year."),
])
def test_plans_and_negations_are_not_attendance(blank_nlp, lang, text):
    doc = run(blank_nlp(lang), text)
    assert len(doc._.kg_orgs) == 1
    assert attended(doc) == {}
    assert doc._.kg_sessions == {}


def test_a_reference_to_the_forum_and_to_another_session(blank_nlp):
    doc = run(blank_nlp("en"),
              "South Korean Defense Minister Park Ji-hoon and U.S. Defense Secretary Mark Collins "
              "arrived in Seoul on Monday. During the Nuclear Consultative Group, the two "
              "ministers held talks on nuclear planning. Former Defense Minister Choi Dong-su "
              "had attended its inaugural meeting in 2023.")
    ncg = "Nuclear Consultative Group"
    assert attended(doc) == {("Park Ji-hoon", ncg): "held talks",
                             ("Mark Collins", ncg): "held talks",
                             ("Choi Dong-su", ncg): "attended"}
    ids = {c.name: c.id for c in doc._.kg_people + doc._.kg_orgs}
    sessions = {(oid, fid): s for (oid, fid), s in doc._.kg_sessions.items()}
    assert sessions[(ids["Park Ji-hoon"], ids[ncg])] is None
    assert sessions[(ids["Choi Dong-su"], ids[ncg])] == "its inaugural meeting"


def test_talks_during_a_named_forum_are_attendance(blank_nlp):
    doc = run(blank_nlp("en"),
              "South Korean Defense Minister Park Ji-hoon and U.S. Defense Secretary Mark Collins "
              "arrived in Seoul on Monday. During the 57th SCM, Park and Collins discussed "
              "nuclear planning.")
    assert set(attended(doc)) == {("Park Ji-hoon", SCM), ("Mark Collins", SCM)}


def test_chairing_a_forum_named_paragraphs_before_is_attendance(blank_nlp):
    filler = "Officials discussed maritime security and disaster relief in detail. " * 8
    doc = run(blank_nlp("en"),
              "The Shangri-La Dialogue opened in Singapore on Friday. " + filler
              + "Singapore's Defence Minister Ng Eng Hen, who chairs the meeting, said the "
              "agenda was full.")
    assert attended(doc) == {("Ng Eng Hen", "Shangri-La Dialogue"): "chairs"}


def test_a_meeting_that_brings_officials_together_is_attended_by_them(blank_nlp):
    doc = run(blank_nlp("id"),
              "Korea Selatan dan Jepang akan mengadakan konferensi keamanan ke-9 pada Rabu. "
              "Pertemuan tersebut menghadirkan Direktur Kim Min-ho dari Korea Selatan dan "
              "Direktur Kenji Sato dari Jepang.")
    assert set(attended(doc)) == {("Kim Min-ho", "konferensi keamanan ke-9"),
                                  ("Kenji Sato", "konferensi keamanan ke-9")}


@pytest.mark.parametrize("lang,text,trigger", [
    ("en", "Japanese Defense Minister Kenji Sato met his Philippine counterpart Ramon Cruz "
           "in Vientiane on Thursday. The meeting took place on the sidelines of the "
           "Shangri-La Dialogue.", "on the sidelines of"),
    ("en", "Japanese Defense Minister Kenji Sato held talks with Philippine Defense Secretary "
           "Ramon Cruz on Thursday. The talks were held during the Shangri-La Dialogue in "
           "Singapore.", "The talks"),
    ("id", "Menteri Pertahanan Jepang Kenji Sato bertemu Menteri Pertahanan Filipina Ramon Cruz "
           "di Singapura, Sabtu. Pertemuan tersebut berlangsung di sela-sela Shangri-La "
           "Dialogue.", "di sela-sela"),
])
def test_a_meeting_told_before_and_placed_at_a_forum_is_attendance(blank_nlp, lang, text,
                                                                   trigger):
    doc = run(blank_nlp(lang), text)
    assert attended(doc) == {("Kenji Sato", "Shangri-La Dialogue"): trigger,
                             ("Ramon Cruz", "Shangri-La Dialogue"): trigger}


def test_a_meeting_ahead_of_a_forum_or_long_before_is_not_attendance(blank_nlp):
    ahead = run(blank_nlp("en"),
                "Japanese Defense Minister Kenji Sato met his Philippine counterpart Ramon Cruz "
                "on Thursday. The talks came two weeks ahead of the Shangri-La Dialogue.")
    assert attended(ahead) == {}
    filler = "Officials discussed maritime security and disaster relief in detail. " * 3
    far = run(blank_nlp("en"),
              "Japanese Defense Minister Kenji Sato met his Philippine counterpart Ramon Cruz "
              "on Thursday. " + filler + "The meeting took place on the sidelines of the "
              "Shangri-La Dialogue.")
    assert attended(far) == {}


def test_telling_the_forum_or_reporters_at_it_is_attendance(blank_nlp):
    doc = run(blank_nlp("en"),
              "Defense ministers from 18 countries gathered for the ASEAN Defence Ministers' "
              "Meeting-Plus in Vientiane on Saturday. Australian Defence Minister Tom Riley told "
              "the forum that freedom of navigation was not negotiable.")
    assert attended(doc) == {("Tom Riley", "ASEAN Defence Ministers' Meeting-Plus"): "told"}
    at = run(blank_nlp("en"), "Philippine Defense Secretary Ramon Cruz told reporters at the "
                              "Shangri-La Dialogue that the talks had been useful.")
    assert set(attended(at)) == {("Ramon Cruz", "Shangri-La Dialogue")}
    before = run(blank_nlp("en"), "Philippine Defense Secretary Ramon Cruz told a radio station "
                                  "in Manila on Friday, a week before the Shangri-La Dialogue, "
                                  "that he would raise the issue.")
    assert attended(before) == {}


def test_an_official_named_in_what_was_discussed_does_not_attend(blank_nlp):
    doc = run(blank_nlp("en"),
              "Vice Defense Minister Park Ji-hoon met Japan's Vice Minister Kenji Sato on the "
              "sidelines of the Shangri-La Dialogue to discuss a possible visit to Seoul by "
              "Japanese Defense Minister Taro Mori.")
    assert set(attended(doc)) == {("Park Ji-hoon", "Shangri-La Dialogue"),
                                  ("Kenji Sato", "Shangri-La Dialogue")}


def test_talks_placed_at_a_forum_far_from_the_meeting_word_are_attendance(blank_nlp):
    during = run(blank_nlp("en"),
                 "Vice Defense Minister Park Ji-hoon held talks with U.S. Assistant Secretary "
                 "Mark Collins and Japanese Vice Defense Minister Kenji Sato in Tokyo on Friday, "
                 "during the 15th Defense Trilateral Talks.")
    dtt = "Defense Trilateral Talks"
    assert set(attended(during)) == {("Park Ji-hoon", dtt), ("Mark Collins", dtt),
                                     ("Kenji Sato", dtt)}
    before = run(blank_nlp("en"),
                 "Vice Defense Minister Park Ji-hoon held talks with U.S. Assistant Secretary "
                 "Mark Collins in Tokyo on Friday, a week before the 15th Defense Trilateral "
                 "Talks.")
    assert attended(before) == {}


@pytest.mark.parametrize("lang,text,trigger", [
    ("en", "Defense Minister Park Ji-hoon opened the Seoul Defense Dialogue on Wednesday.",
     "opened"),
    ("id", "Menhan Park Ji-hoon membuka Seoul Defense Dialogue di Seoul, Rabu.", "membuka"),
    ("id", "Menhan Park Ji-hoon memberikan sambutan pada pembukaan Seoul Defense Dialogue.",
     "memberikan sambutan"),
])
def test_opening_a_forum_or_speaking_at_its_opening_is_attendance(blank_nlp, lang, text,
                                                                  trigger):
    doc = run(blank_nlp(lang), text)
    assert attended(doc) == {("Park Ji-hoon", "Seoul Defense Dialogue"): trigger}


def test_ahead_of_a_forum_is_no_attendance_but_on_a_day_of_it_is(blank_nlp):
    ahead = run(blank_nlp("en"), "Defense Minister Park Ji-hoon criticised the plan ahead of "
                                 "the Seoul Defense Dialogue.")
    assert attended(ahead) == {}
    day = run(blank_nlp("en"), "Defense Minister Park Ji-hoon spoke to reporters on the second "
                               "day of the Seoul Defense Dialogue.")
    assert set(attended(day)) == {("Park Ji-hoon", "Seoul Defense Dialogue")}


@pytest.mark.parametrize("lang,text,trigger", [
    ("en", "The Seoul Defense Dialogue opened in Seoul on Wednesday. Among those attending were "
           "U.S. Defense Secretary Mark Collins and Japanese Defense Minister Kenji Sato.",
     "those attending"),
    ("id", "Seoul Defense Dialogue dibuka di Seoul, Rabu. Turut hadir Menhan AS Mark Collins "
           "dan Menhan Jepang Kenji Sato.", "Turut hadir"),
])
def test_those_present_attend_the_forum_just_named(blank_nlp, lang, text, trigger):
    doc = run(blank_nlp(lang), text)
    assert attended(doc) == {("Mark Collins", "Seoul Defense Dialogue"): trigger,
                             ("Kenji Sato", "Seoul Defense Dialogue"): trigger}


def test_presence_long_after_a_forum_is_not_attendance(blank_nlp):
    filler = "Officials discussed maritime security and disaster relief in detail. " * 3
    doc = run(blank_nlp("en"), "The Seoul Defense Dialogue opened in Seoul on Wednesday. "
              + filler + "Also present was U.S. Defense Secretary Mark Collins.")
    assert attended(doc) == {}


def test_an_opening_phrase_that_places_the_sentence_at_a_forum_is_attendance(blank_nlp):
    day = run(blank_nlp("en"), "On the second day of the 57th SCM, Defense Minister Park Ji-hoon "
                               "and U.S. Defense Secretary Mark Collins signed a joint "
                               "communique.")
    assert set(attended(day)) == {("Park Ji-hoon", SCM), ("Mark Collins", SCM)}
    ahead = run(blank_nlp("en"), "In an interview ahead of the 57th SCM, Defense Minister Park "
                                 "Ji-hoon and U.S. Defense Secretary Mark Collins signed a joint "
                                 "communique.")
    assert attended(ahead) == {}


@pytest.mark.parametrize("lang,text,expected", [
    ("id", "Latihan Super Garuda Shield 2025 resmi dibuka oleh Jenderal TNI Budi Santoso di "
           "Surabaya, Senin. Upacara pembukaan turut dihadiri Mayjen Mark Collins dari AS.",
     {("Budi Santoso", "Super Garuda Shield"): "dibuka oleh",
      ("Mark Collins", "Super Garuda Shield"): "dihadiri"}),
    ("en", "The Freedom Edge exercise began on Monday off Jeju. The opening ceremony was attended "
           "by Adm. Kim Dong-su and Vice Adm. Mark Collins.",
     {("Kim Dong-su", "Freedom Edge"): "was attended",
      ("Mark Collins", "Freedom Edge"): "was attended"}),
])
def test_an_exercise_opened_by_an_official_and_its_ceremony_attended(blank_nlp, lang, text,
                                                                     expected):
    assert attended(run(blank_nlp(lang), text)) == expected


def test_present_at_the_activity_means_the_exercise_named_before(blank_nlp):
    doc = run(blank_nlp("id"), "Latihan Super Garuda Shield 2025 digelar di Surabaya. Latihan "
                               "melibatkan 6.500 personel. Komandan Kodiklatad Letjen TNI Budi "
                               "Santoso juga hadir dalam kegiatan tersebut.")
    assert attended(doc) == {("Budi Santoso", "Super Garuda Shield"): "hadir"}


def test_the_activity_after_a_meeting_is_that_meeting_not_the_forum_before(blank_nlp):
    doc = run(blank_nlp("id"), "Kerja sama mencakup latihan Super Garuda Shield. Panglima TNI "
                               "Jenderal Budi Santoso bertemu Jenderal Kenji Sato di atas kapal. "
                               "Turut hadir dalam kegiatan ini, Laksma TNI Andi Wijaya.")
    assert attended(doc) == {}


@pytest.mark.parametrize("text", [
    "Before the session, Cho paid a courtesy call on Deputy Secretary of Defense Mark Collins.",
    "Ahead of the meeting, Cho held talks with Deputy Secretary of Defense Mark Collins.",
])
def test_a_meeting_before_the_session_is_not_at_it(blank_nlp, text):
    doc = run(blank_nlp("en"), "Vice Minister Cho Min-ho and Assistant Secretary John Hale "
                               "co-chaired the fifth Nuclear Consultative Group meeting in "
                               "Washington on Friday. " + text)
    assert set(attended(doc)) == {("Cho Min-ho", "Nuclear Consultative Group"),
                                  ("John Hale", "Nuclear Consultative Group")}


def test_a_forum_as_subject_of_an_attendance_word_is_the_forum_named_before(blank_nlp):
    doc = run(blank_nlp("id"), "Wamenhan Budi Santoso membuka Jakarta International Defence "
                               "Dialogue (JIDD) 2025 di Jakarta, Rabu. Forum tahunan ini dihadiri "
                               "delegasi dari 40 negara, termasuk Wakil Menteri Pertahanan Jepang "
                               "Kenji Sato.")
    assert set(attended(doc)) == {("Budi Santoso", "Jakarta International Defence Dialogue"),
                                  ("Kenji Sato", "Jakarta International Defence Dialogue")}


@pytest.mark.parametrize("lang,text", [
    ("en", "South Korea and the United States held the 57th Security Consultative Meeting in "
           "Seoul on Tuesday. The South Korean delegation was led by Defense Minister Park "
           "Ji-hoon, while the U.S. delegation was led by Defense Secretary Mark Collins."),
    ("id", "Korea Selatan dan AS menggelar Security Consultative Meeting ke-57 di Seoul, Selasa. "
           "Delegasi Korsel dipimpin Menhan Park Ji-hoon, sementara delegasi AS dipimpin Menhan "
           "Mark Collins."),
])
def test_leaders_of_two_delegations_named_after_passive_words_attend(blank_nlp, lang, text):
    assert set(attended(run(blank_nlp(lang), text))) == {("Park Ji-hoon", SCM),
                                                         ("Mark Collins", SCM)}


@pytest.mark.parametrize("lang,text", [
    ("en", "Defense Minister Park Ji-hoon invited his Japanese counterpart Kenji Sato to attend "
           "the Seoul Defense Dialogue in September."),
    ("id", "Menhan Park Ji-hoon mengundang Menhan Jepang Kenji Sato untuk menghadiri Seoul "
           "Defense Dialogue pada September."),
])
def test_an_invitation_to_attend_is_no_attendance(blank_nlp, lang, text):
    assert attended(run(blank_nlp(lang), text)) == {}


def test_in_a_city_for_a_quoted_meeting_is_attendance(blank_nlp):
    doc = run(blank_nlp("en"), 'Japanese Defense Minister Kenji Sato and Philippine Defense '
                               'Secretary Ramon Cruz were in Manila for a "two-plus-two" meeting.')
    assert {o for o, _f in attended(doc)} == {"Kenji Sato", "Ramon Cruz"}


@pytest.mark.parametrize("lang,text", [
    ("en", "Defense Minister Park Ji-hoon presided over the Seoul Defense Dialogue on Tuesday."),
    ("id", "Menhan Korsel Park Ji-hoon berada di Seoul untuk Seoul Defense Dialogue."),
])
def test_presiding_over_or_being_in_a_city_for_a_forum(blank_nlp, lang, text):
    assert set(attended(run(blank_nlp(lang), text))) == {("Park Ji-hoon", "Seoul Defense Dialogue")}


def test_talks_on_the_sidelines_of_the_meeting_attend_the_forum_named_before(blank_nlp):
    doc = run(blank_nlp("id"), "Menhan Budi Santoso menghadiri ADMM-Plus di Kuala Lumpur, Sabtu. "
                               "Di sela-sela pertemuan, Budi melakukan pertemuan bilateral dengan "
                               "Menhan Australia Mark Hale dan Menhan Jepang Kenji Sato secara "
                               "terpisah.")
    assert {o for o, _f in attended(doc)} == {"Budi Santoso", "Mark Hale", "Kenji Sato"}
