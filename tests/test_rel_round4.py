"""Meetings and attendance on news phrasings of round 4 (sentences written for these tests):
reported speech, conditions, denials, asides, visits named by their visitor, group
references, passive chairs, plans to hold a forum, and time clauses."""

from __future__ import annotations

import pytest


def meetings(ex):
    names = {e.id: e.name for e in ex.entities}
    return {frozenset((names[r.source], names[r.target]))
            for r in ex.relations if r.kind == "meeting"}


def attended(ex):
    names = {e.id: e.name for e in ex.entities}
    return {(names[r.source], names[r.target]) for r in ex.relations if r.kind == "attended"}


@pytest.mark.parametrize("lang,text,pair", [
    ("en", "Japanese Defense Minister Kenji Sato said the alliance was strong, recalling that "
           "Prime Minister Taro Ando had met U.S. President Mark Collins in March.",
     {"Taro Ando", "Mark Collins"}),
    ("en", "Philippine Defense Secretary Ramon Cruz said U.S. Defense Secretary Mark Collins "
           "would meet Japanese Defense Minister Kenji Sato in Manila.",
     {"Mark Collins", "Kenji Sato"}),
    ("id", "Menhan Budi Santoso mengatakan Presiden Adi Wibowo telah bertemu Presiden Korea "
           "Selatan Park Ji-hoon pada Oktober lalu.", {"Adi Wibowo", "Park Ji-hoon"}),
])
def test_the_speaker_is_not_at_the_meeting_he_reports(extract, lang, text, pair):
    assert meetings(extract(text, lang)) == {frozenset(pair)}


def test_a_speaker_who_says_he_met_someone_met_him(extract):
    ex = extract("Japanese Defense Minister Kenji Sato said he met Philippine Defense Secretary "
                 "Ramon Cruz on Monday.")
    assert meetings(ex) == {frozenset({"Kenji Sato", "Ramon Cruz"})}


@pytest.mark.parametrize("lang,text", [
    ("en", "If U.S. President Mark Collins meets North Korean leader Kim Yong-chol, South "
           "Korean President Park Ji-hoon would welcome it, his office said."),
    ("en", "It remains unclear whether Japanese Defense Minister Kenji Sato will meet Chinese "
           "Defense Minister Li Wei in Singapore."),
    ("id", "Jika Presiden Adi Wibowo bertemu Presiden AS Mark Collins, Menlu Budi Santoso "
           "mengatakan isu tarif akan dibahas."),
    ("en", "The ministry denied reports that Defense Minister Park Ji-hoon had met U.S. "
           "Ambassador Mark Collins last week."),
    ("id", "Kemhan membantah kabar bahwa Menhan Budi Santoso telah bertemu Duta Besar China "
           "Li Wei secara tertutup."),
])
def test_conditions_and_denials_are_no_meetings(extract, lang, text):
    assert meetings(extract(text, lang)) == set()


def test_a_negation_in_an_aside_leaves_the_sentence_alone(extract):
    ex = extract("U.S. Defense Secretary Mark Collins, who skipped last year's forum, is "
                 "expected to meet Malaysian Defense Minister Ahmad Razak on Saturday.")
    assert meetings(ex) == {frozenset({"Mark Collins", "Ahmad Razak"})}


def test_a_visit_named_by_its_visitor_is_no_meeting_with_the_speaker(extract):
    ex = extract("Dubes Jepang Taro Ando menyampaikan rencana kunjungan Menteri Pertahanan "
                 "Jepang Kenji Sato ke Jakarta.", "id")
    assert meetings(ex) == set()


def test_the_ministers_means_the_two_named_before(extract):
    ex = extract("South Korean Defense Minister Park Ji-hoon held talks with Philippine Defense "
                 "Secretary Ramon Cruz in Seoul on Friday. The ministers last met in June on "
                 "the sidelines of the Shangri-La Dialogue in Singapore.")
    assert attended(ex) == {("Park Ji-hoon", "Shangri-La Dialogue"),
                            ("Ramon Cruz", "Shangri-La Dialogue")}


@pytest.mark.parametrize("lang,text,forum", [
    ("en", "The 20th Korea-U.S. Integrated Defense Dialogue was co-chaired by Vice Defense "
           "Minister Park Ji-hoon and U.S. Assistant Secretary of Defense Mark Collins.",
     "Korea-U.S. Integrated Defense Dialogue"),
])
def test_a_forum_chaired_by_its_chairs_is_attended_by_them(extract, lang, text, forum):
    ex = extract(text, lang)
    assert attended(ex) == {("Park Ji-hoon", forum), ("Mark Collins", forum)}
    assert meetings(ex) == {frozenset({"Park Ji-hoon", "Mark Collins"})}


def test_a_view_to_hold_a_forum_is_a_plan(extract):
    ex = extract("Defense Minister Kenji Sato held a meeting with Indonesian Defense Minister "
                 "Budi Santoso in Tokyo. Both ministers shared the view to hold the "
                 "Japan-Indonesia Foreign and Defense Ministerial Meeting at an early date.")
    assert attended(ex) == set()


def test_officials_of_a_time_clause_do_not_attend_the_forum_of_the_sentence(extract):
    ex = extract("U.S. Defense Secretary Mark Collins met Chinese Defense Minister Li Wei in "
                 "Kuala Lumpur on Friday. The meeting on the sidelines of the ASEAN Defence "
                 "Ministers' Meeting-Plus came a day after U.S. President Tom Baker and "
                 "Chinese President Wang Hai held a summit in Busan.")
    forum = "ASEAN Defence Ministers' Meeting-Plus"
    assert attended(ex) == {("Mark Collins", forum), ("Li Wei", forum)}
    assert frozenset({"Tom Baker", "Wang Hai"}) in meetings(ex)


def test_word_ordinals_keep_two_sessions_of_a_forum_apart(extract):
    ex = extract("Menlu Budi Santoso dan Menhan Adi Wibowo menghadiri Pertemuan 2+2 kedua "
                 "Indonesia-Jepang di Tokyo pada 2025. Pertemuan 2+2 pertama digelar di Jakarta "
                 "pada 2015 dan dihadiri Menlu Dewi Lestari serta Menhan Joko Prasetyo.", "id")
    found = meetings(ex)
    assert frozenset({"Budi Santoso", "Adi Wibowo"}) in found
    assert frozenset({"Dewi Lestari", "Joko Prasetyo"}) in found
    assert not any(pair & {"Budi Santoso", "Adi Wibowo"} and pair & {"Dewi Lestari",
                                                                       "Joko Prasetyo"}
                   for pair in found)


@pytest.mark.parametrize("text", [
    "Menhan Adi Wibowo tiba di Canberra pada Rabu. Menhan kemudian bertemu Menhan Australia "
    "Tom Baker di Gedung Parlemen.",
    "Panglima TNI Jenderal Joko Prasetyo tiba di Tokyo. Tidak hanya dengan Jepang, Panglima "
    "TNI juga melakukan kunjungan kehormatan kepada Komandan Armada Ketujuh AS Laksamana "
    "Tom Baker.",
])
def test_a_bare_title_as_subject_stands_for_its_holder(extract, text):
    found = meetings(extract(text, "id"))
    assert len(found) == 1 and "Tom Baker" in next(iter(found))


def test_a_meeting_attended_by_someone_is_the_forum_named_before(extract):
    ex = extract("South Korea and the United States held the third session of the Nuclear "
                 "Consultative Group in Seoul on Friday. Its inaugural meeting was held in "
                 "Washington in 2023 and was attended by Deputy National Security Adviser "
                 "Kim Tae-sung.")
    assert attended(ex) == {("Kim Tae-sung", "Nuclear Consultative Group")}


def test_the_chair_of_a_forum_in_an_aside_does_not_meet_the_subject(extract):
    ex = extract("Menhan Adi Wibowo menghadiri Shangri-La Dialogue di Singapura. Dalam forum "
                 "yang dipimpin Menteri Pertahanan Singapura Tan Wei Ming itu, Adi menyampaikan "
                 "pandangan Indonesia.", "id")
    assert frozenset({"Adi Wibowo", "Tan Wei Ming"}) not in meetings(ex)


def test_officials_in_a_relative_clause_after_a_weak_word_do_not_meet(extract):
    ex = extract("Menhan Adi Wibowo dijadwalkan menghadiri Shangri-La Dialogue yang akan "
                 "melibatkan Menteri Pertahanan AS Tom Baker dan Menteri Pertahanan China "
                 "Li Wei.", "id")
    assert meetings(ex) == set()


@pytest.mark.parametrize("text", [
    "Secretary of State Tom Baker spoke today with Indonesian Foreign Minister Adi Wibowo.",
    "Secretary of State Tom Baker had a call with Indonesian Foreign Minister Adi Wibowo.",
])
def test_a_call_with_a_named_official_is_a_meeting(extract, text):
    assert meetings(extract(text)) == {frozenset({"Tom Baker", "Adi Wibowo"})}


@pytest.mark.parametrize("lang,text", [
    ("en", "U.S. Defense Secretary Tom Baker's meeting with Philippine Defense Secretary Ramon "
           "Cruz lasted about an hour."),
    ("en", "U.S. Defense Secretary Tom Baker's first talks with Philippine Defense Secretary "
           "Ramon Cruz focused on the South China Sea."),
])
def test_the_owner_of_a_meeting_takes_part_in_it(extract, lang, text):
    assert meetings(extract(text, lang)) == {frozenset({"Tom Baker", "Ramon Cruz"})}


@pytest.mark.parametrize("lang,text,pair", [
    ("en", "Japanese Prime Minister Taro Ando, who was accompanied by Defense Minister Kenji "
           "Sato, met U.S. President Tom Baker at the White House.", {"Taro Ando", "Tom Baker"}),
    ("id", "Presiden Adi Wibowo yang didampingi Menhan Budi Santoso bertemu Presiden Prancis "
           "Jean Martin di Paris.", {"Adi Wibowo", "Jean Martin"}),
])
def test_a_companion_of_the_subject_meets_no_one(extract, lang, text, pair):
    assert meetings(extract(text, lang)) == {frozenset(pair)}


def test_seeking_a_meeting_is_no_meeting(extract):
    ex = extract("Japanese Defense Minister Kenji Sato told reporters he would seek a meeting "
                 "with Chinese Defense Minister Li Wei.")
    assert meetings(ex) == set()


def test_a_weak_word_tells_the_meeting_when_the_strong_clause_names_no_pair(extract):
    ex = extract("Defense Secretary Tom Baker and Japanese Defense Minister Kenji Sato toured "
                 "Marine Corps facilities on Sunday, a day after the two held talks in Tokyo.")
    assert meetings(ex) == {frozenset({"Tom Baker", "Kenji Sato"})}


def test_an_invitation_to_a_forum_is_no_attendance(extract):
    ex = extract("Panglima TNI Jenderal Adi Wibowo menerima kunjungan Kepala Staf Gabungan "
                 "Jepang Jenderal Kenji Sato. Jenderal Kenji Sato juga menyampaikan undangan "
                 "kepada Panglima TNI untuk menghadiri Shangri-La Dialogue di Singapura.", "id")
    assert attended(ex) == set()


@pytest.mark.parametrize("lang,text", [
    ("en", "U.S. Defense Secretary Tom Baker has held talks with Japanese Defense Minister Kenji "
           "Sato, Australian Defence Minister Liam Foster and Philippine Defense Secretary Ramon "
           "Cruz in recent months."),
    ("en", "On Monday, U.S. Defense Secretary Tom Baker met Japanese Defense Minister Kenji Sato "
           "in Tokyo and, on Wednesday, Philippine Defense Secretary Ramon Cruz in Manila."),
    ("id", "Menhan Adi Wibowo telah bertemu Menhan Australia Liam Foster, Menhan Jepang Kenji "
           "Sato, dan Menhan Filipina Ramon Cruz dalam beberapa bulan terakhir."),
])
def test_meetings_told_over_a_time_span_are_each_with_the_subject(extract, lang, text):
    found = meetings(extract(text, lang))
    subject = "Adi Wibowo" if lang == "id" else "Tom Baker"
    assert found and all(subject in pair for pair in found)


@pytest.mark.parametrize("lang,text,names", [
    ("en", "The 21st Shangri-La Dialogue opened in Singapore on Friday. On Saturday, Japanese "
           "Defense Minister Kenji Sato delivered a speech calling for restraint.",
     {"Kenji Sato"}),
    ("en", "The ASEAN Defence Ministers' Meeting-Plus opened in Kuala Lumpur on Saturday. U.S. "
           "Defense Secretary Tom Baker and Chinese Defense Minister Li Wei both took part.",
     {"Tom Baker", "Li Wei"}),
    ("id", "ASEAN Defence Ministers' Meeting-Plus digelar di Kuala Lumpur, Sabtu. Menhan AS Tom "
           "Baker dan Menhan China Li Wei turut berpartisipasi.", {"Tom Baker", "Li Wei"}),
    ("en", "Japanese Defense Minister Kenji Sato arrived in Singapore on Friday. He will deliver "
           "a keynote speech on Saturday at the annual security forum, the Shangri-La Dialogue.",
     {"Kenji Sato"}),
])
def test_attendance_of_a_forum_named_in_the_sentence_before(extract, lang, text, names):
    assert {name for name, _forum in attended(extract(text, lang))} == names


def test_a_named_place_after_the_attendance_word_is_not_the_forum_before(extract):
    ex = extract("The 21st Shangri-La Dialogue opened in Singapore on Friday. Japanese Defense "
                 "Minister Kenji Sato spoke at the National University of Singapore on Monday.")
    assert attended(ex) == set()


def test_preparations_for_a_forum_are_not_attendance(extract):
    ex = extract("Defense Minister Park Ji-hoon and U.S. Ambassador Tom Baker discussed "
                 "preparations for the Security Consultative Meeting, which will involve senior "
                 "officials of both countries.")
    assert attended(ex) == set()


def test_a_group_of_an_office_takes_in_who_met_its_one_holder(extract):
    ex = extract("Japanese Defense Minister Kenji Sato and Australian Deputy Prime Minister Liam "
                 "Foster held talks in Tokyo on Friday. The two defense chiefs last met in June "
                 "on the sidelines of the Shangri-La Dialogue.")
    assert attended(ex) == {("Kenji Sato", "Shangri-La Dialogue"),
                            ("Liam Foster", "Shangri-La Dialogue")}


def test_a_bare_title_as_subject_of_an_attendance_word(extract):
    ex = extract("Menhan Adi Wibowo tiba di Singapura pada Jumat. Menhan kemudian menghadiri "
                 "Shangri-La Dialogue pada Sabtu.", "id")
    assert attended(ex) == {("Adi Wibowo", "Shangri-La Dialogue")}


@pytest.mark.parametrize("lang,text,pair", [
    ("en", "South Korean Defense Minister Park Ji-hoon told U.S. Defense Secretary Tom Baker "
           "during their meeting in Seoul that the alliance must evolve.",
     {"Park Ji-hoon", "Tom Baker"}),
    ("en", "Philippine Defense Secretary Ramon Cruz said U.S. Defense Secretary Tom Baker "
           "would meet Japanese Defense Minister Kenji Sato in Manila.",
     {"Tom Baker", "Kenji Sato"}),
])
def test_an_official_told_something_is_with_the_speaker(extract, lang, text, pair):
    assert meetings(extract(text, lang)) == {frozenset(pair)}


def test_welcoming_a_planned_visit_is_no_meeting(extract):
    ex = extract("Menhan Adi Wibowo menyambut baik rencana kunjungan Menhan Jepang Kenji Sato "
                 "ke Jakarta bulan depan, kata Kepala Biro Humas Kemhan Budi Santoso.", "id")
    assert meetings(ex) == set()


def test_a_meeting_at_the_margins_of_a_forum_pairs_only_its_own_officials(extract):
    ex = extract("The 20th Korea-U.S. Integrated Defense Dialogue was co-chaired by Vice Defense "
                 "Minister Park Ji-hoon and U.S. Assistant Secretary of Defense Mark Collins. Park "
                 "also met U.S. Deputy Assistant Secretary of Defense Tom Baker on the sidelines "
                 "of the dialogue.")
    found = meetings(ex)
    assert frozenset({"Park Ji-hoon", "Tom Baker"}) in found
    assert frozenset({"Mark Collins", "Tom Baker"}) not in found
