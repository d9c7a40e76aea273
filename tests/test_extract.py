"""Extraction mechanisms, one by one, on blank pipelines (rules only, no statistical NER)."""

from __future__ import annotations


def by_name(ex, type_=None):
    return {e.name: e for e in ex.entities if type_ is None or e.type == type_}


def pairs(ex, kind):
    names = {e.id: e.name for e in ex.entities}
    return {frozenset((names[r.source], names[r.target])) for r in ex.relations if r.kind == kind}


# ---------------------------------------------------------------- officials from titles
def test_title_chain_gives_role_and_country(extract):
    ex = extract("Japanese Defense Minister Minoru Kihara arrived in Manila on Sunday.")
    kihara = by_name(ex, "official")["Minoru Kihara"]
    assert kihara.role == "Defense Minister"
    assert kihara.country == "JP"
    assert not kihara.former


def test_then_and_former_are_kept(extract):
    ex = extract("In 2019, then Defense Secretary Mark Esper visited Seoul with former "
                 "Defense Minister Jeong Kyeong-doo.")
    officials = by_name(ex, "official")
    assert officials["Mark Esper"].former
    assert officials["Jeong Kyeong-doo"].former


def test_hyphenated_korean_given_name_is_one_name(extract):
    ex = extract("South Korean Defense Minister Shin Won-sik said the drills would continue.")
    assert "Shin Won-sik" in by_name(ex, "official")


def test_surname_mentions_join_the_full_name(extract):
    ex = extract("U.S. Defense Secretary Lloyd Austin met reporters in Tokyo.\n"
                 "Austin said the alliance was strong. Secretary Austin then left.")
    austin = by_name(ex, "official")["Lloyd Austin"]
    assert len(austin.mentions) == 3
    assert "Austin" in austin.aliases


def test_abbreviation_before_single_name_is_a_given_name(extract):
    ex = extract("Japan's Defense Minister, Gen Yamada, visited the base.", lang="en")
    assert "Gen Yamada" in by_name(ex, "official")


def test_rank_with_period_is_a_title(extract):
    ex = extract("Gen. Paul LaCamera spoke on Monday.")
    assert by_name(ex, "official")["Paul LaCamera"].role == "General"


def test_appositive_office_completes_a_rank(extract):
    ex = extract("Gen. Paul LaCamera, commander of U.S. Forces Korea, spoke on Monday.")
    officer = by_name(ex, "official")["Paul LaCamera"]
    assert officer.role == "Commander"
    assert officer.country == "US"
    assert pairs(ex, "affiliated") == {frozenset({"Paul LaCamera", "U.S. Forces Korea"})}


def test_counterpart_takes_the_office_of_the_other_official(extract):
    ex = extract("South Korean Defense Minister Shin Won-sik held talks with his Japanese "
                 "counterpart Minoru Kihara in Singapore.")
    kihara = by_name(ex, "official")["Minoru Kihara"]
    assert (kihara.role, kihara.country) == ("Defense Minister", "JP")
    assert pairs(ex, "meeting") == {frozenset({"Shin Won-sik", "Minoru Kihara"})}


def test_title_then_agency_then_name(extract):
    ex = extract("Juru bicara Kementerian Pertahanan Korsel, Jeon Ha-kyu, mengatakan hal itu.",
                 lang="id")
    assert by_name(ex, "official")["Jeon Ha-kyu"].role == "Spokesperson"
    assert pairs(ex, "affiliated") == {frozenset({"Jeon Ha-kyu", "Ministry of National Defense"})}


def test_appositive_title_after_the_name(extract):
    ex = extract("Kurt Campbell, deputy secretary of state, joined the talks.\n"
                 "Analyst Jane Roe said nothing.", lang="en")
    officials = by_name(ex, "official")
    assert "Kurt Campbell" in officials
    assert "Jane Roe" not in officials


def test_byline_names_are_not_officials(extract):
    ex = extract("Allies hold drills\nBY JOHN PARK [park.john@example.com]\n"
                 "Defense Minister Shin Won-sik inspected the unit.\nBY JOHN PARK")
    assert "JOHN PARK" in ex.byline
    assert set(by_name(ex, "official")) == {"Shin Won-sik"}


def test_indonesian_titles_and_country_after_title(extract):
    ex = extract("Menteri Pertahanan Jepang Minoru Kihara tiba di Jakarta pada Senin.", lang="id")
    kihara = by_name(ex, "official")["Minoru Kihara"]
    assert kihara.country == "JP"
    assert kihara.role == "Defense Minister"


def test_indonesian_role_words_are_not_part_of_the_name(extract):
    ex = extract("Wakil Menteri Kebijakan Pertahanan Kim Seon-ho akan memimpin delegasi.",
                 lang="id")
    assert "Kim Seon-ho" in by_name(ex, "official")


# ---------------------------------------------------------------- agencies and forums
def test_country_dependent_agency_resolved_from_the_text(extract):
    ex = extract("Japan's Defense Ministry said on Friday that the drills ended.\n"
                 "The Defense Ministry added that more were planned.")
    agencies = by_name(ex, "agency")
    assert set(agencies) == {"Japan Ministry of Defense"}
    assert agencies["Japan Ministry of Defense"].key == "jp-mod"
    assert len(agencies["Japan Ministry of Defense"].mentions) == 2


def test_indonesian_agency_gets_the_english_canonical_name(extract):
    ex = extract("Kepala Staf Gabungan Korea Selatan mengatakan latihan berlanjut.", lang="id")
    assert "Republic of Korea Joint Chiefs of Staff" in by_name(ex, "agency")


def test_ordinal_is_an_attribute_of_one_forum(extract):
    ex = extract("The 55th Security Consultative Meeting (SCM) opened in Seoul. "
                 "The SCM is held every year.")
    forums = by_name(ex, "forum")
    assert set(forums) == {"Security Consultative Meeting"}
    assert forums["Security Consultative Meeting"].ordinals == ["55th"]
    assert {m.sentence for m in forums["Security Consultative Meeting"].mentions} == {0, 1}


def test_acronym_definition_links_later_uses(extract):
    ex = extract("Officials met at the Trilateral Maritime Committee (TMC) in Busan. "
                 "The TMC will meet again in May.")
    forum = by_name(ex, "forum")["Trilateral Maritime Committee"]
    assert "TMC" in forum.aliases
    assert [m.text for m in forum.mentions if m.sentence == 1] == ["TMC"]


def test_head_noun_pattern_finds_unlisted_agencies(extract):
    ex = extract("The Capital Defense Command said the 1st Marine Battalion moved north.")
    assert "Capital Defense Command" in by_name(ex, "agency")


def test_indonesian_summit_is_translated(extract):
    ex = extract("Para pemimpin bertemu pada KTT Jakarta bulan lalu.", lang="id")
    assert "Jakarta summit" in by_name(ex, "forum")


def test_news_outlets_are_not_agencies(extract):
    ex = extract("Yonhap News Agency reported that the Korea Herald was wrong.")
    assert not by_name(ex, "agency")


# ---------------------------------------------------------------- relations
def test_strong_trigger_links_every_official_in_the_sentence(extract):
    ex = extract("Defense Minister Shin Won-sik held talks with U.S. Defense Secretary "
                 "Lloyd Austin in Seoul.")
    assert pairs(ex, "meeting") == {frozenset({"Shin Won-sik", "Lloyd Austin"})}


def test_weak_trigger_needs_coordination(extract):
    coordinated = extract("Defense Minister Shin Won-sik and Defense Secretary Lloyd Austin "
                          "visited the base.")
    assert pairs(coordinated, "meeting") == {frozenset({"Shin Won-sik", "Lloyd Austin"})}
    apart = extract("Defense Minister Shin Won-sik visited the base, while Defense Secretary "
                    "Lloyd Austin stayed in Washington to brief lawmakers.")
    assert not pairs(apart, "meeting")


def test_cancelled_meeting_is_not_a_meeting(extract):
    ex = extract("The summit between President Joe Biden and President Yoon Suk Yeol was "
                 "called off.")
    assert not pairs(ex, "meeting")


def test_possessive_mention_is_not_a_participant(extract):
    ex = extract("Defense Minister Shin Won-sik and Gen. Kim Myung-soo, President Yoon Suk "
                 "Yeol's pick for the post, visited the unit.")
    assert frozenset({"Shin Won-sik", "Kim Myung-soo"}) in pairs(ex, "meeting")
    assert not any("Yoon Suk Yeol" in p for p in pairs(ex, "meeting"))


def test_attended_needs_a_forum_and_a_trigger(extract):
    ex = extract("Defense Minister Shin Won-sik will attend the Shangri-La Dialogue in "
                 "Singapore.")
    assert pairs(ex, "attended") == {frozenset({"Shin Won-sik", "Shangri-La Dialogue"})}


def test_agreed_to_hold_is_not_attendance(extract):
    ex = extract("Defense Minister Shin Won-sik and Defense Secretary Lloyd Austin agreed to "
                 "hold the Nuclear Consultative Group next year.")
    assert not pairs(ex, "attended")


def test_delegation_leaders_meet_at_the_last_named_forum(extract):
    ex = extract("Menteri Pertahanan Korsel dan AS akan menggelar Dialog Pertahanan Terpadu.\n"
                 "Wakil Menteri Pertahanan Kim Seon-ho akan memimpin delegasi Korsel, sementara "
                 "Mira Rapp, asisten menteri pertahanan AS, akan memimpin delegasi AS.",
                 lang="id")
    assert pairs(ex, "meeting") == {frozenset({"Kim Seon-ho", "Mira Rapp"})}
    assert pairs(ex, "attended") == {
        frozenset({"Kim Seon-ho", "Korea-U.S. Integrated Defense Dialogue"}),
        frozenset({"Mira Rapp", "Korea-U.S. Integrated Defense Dialogue"}),
    }


def test_group_reference_resolves_to_the_two_current_officials(extract):
    ex = extract("Defense Minister Shin Won-sik welcomed Defense Secretary Lloyd Austin.\n"
                 "Former Defense Minister Suh Wook also spoke.\n"
                 "This meeting was the first face-to-face talks between the two defense chiefs.")
    assert pairs(ex, "meeting") == {frozenset({"Shin Won-sik", "Lloyd Austin"})}


def test_affiliation_from_the_title_chain(extract):
    ex = extract("Juru bicara Kepala Staf Gabungan Korea Selatan Kolonel Park Min-soo "
                 "memberikan keterangan.", lang="id")
    assert pairs(ex, "affiliated") == {
        frozenset({"Park Min-soo", "Republic of Korea Joint Chiefs of Staff"})
    }


def test_co_appearance_and_evidence_offsets(extract):
    text = "Intro line.\nDefense Minister Shin Won-sik spoke at the Defense Ministry in Seoul."
    ex = extract(text)
    rel = next(r for r in ex.relations if r.kind == "co_appearance")
    assert text[rel.start:rel.end] == rel.sentence
    assert rel.sentence.startswith("Defense Minister Shin Won-sik")


def test_records_round_trip_through_dicts(extract):
    from kg.records import DocExtraction

    ex = extract("Defense Minister Shin Won-sik held talks with Defense Secretary Lloyd Austin.")
    assert DocExtraction.from_dict(ex.to_dict()) == ex


def test_comma_lists_are_coordinated(extract):
    ex = extract("President Yoon Suk Yeol, President Joe Biden and Prime Minister Fumio Kishida "
                 "agreed to hold drills.")
    assert len(pairs(ex, "meeting")) == 3


def test_separate_talks_keep_the_subject(extract):
    ex = extract("Defense Minister Shin Won-sik held separate talks with Defense Secretary Lloyd "
                 "Austin and with Defence Minister Richard Marles.")
    assert pairs(ex, "meeting") == {frozenset({"Shin Won-sik", "Lloyd Austin"}),
                                    frozenset({"Shin Won-sik", "Richard Marles"})}


def test_meetings_stay_within_their_clause(extract):
    ex = extract("Defense Minister Lee Jong-sup met Defense Minister Yasukazu Hamada in Singapore "
                 "after President Yoon Suk Yeol and Prime Minister Fumio Kishida held talks.")
    assert pairs(ex, "meeting") == {frozenset({"Lee Jong-sup", "Yasukazu Hamada"}),
                                    frozenset({"Yoon Suk Yeol", "Fumio Kishida"})}


def test_co_attendance_of_a_small_forum_is_a_meeting(extract):
    ex = extract("Gen. Kim Myung-soo attended the Military Committee Meeting in Seoul.\n"
                 "Gen. Charles Q. Brown also attended the Military Committee Meeting.")
    assert pairs(ex, "meeting") == {frozenset({"Kim Myung-soo", "Charles Q. Brown"})}


def test_co_attendance_of_a_multilateral_forum_is_not(extract):
    ex = extract("Defense Minister Shin Won-sik attended the Shangri-La Dialogue.\n"
                 "Defense Minister Dong Jun also attended the Shangri-La Dialogue.")
    assert len(pairs(ex, "attended")) == 2
    assert not pairs(ex, "meeting")


def test_numbered_group_reference(extract):
    ex = extract("Defense Secretary Lloyd Austin, Defence Minister Richard Marles and Defense "
                 "Minister Minoru Kihara arrived on Sunday.\n"
                 "The three ministers met with Adm. John Aquilino.")
    assert len(pairs(ex, "meeting")) >= 6


def test_headline_words_are_not_names(extract):
    ex = extract("US and Japan Defense Chiefs Gather in Hawaii\n"
                 "Defense Secretary Lloyd Austin hosted the talks.")
    assert set(by_name(ex, "official")) == {"Lloyd Austin"}


def test_company_groups_are_not_forums(extract):
    ex = extract("Hanwha Group and the Nuclear Planning Group were both mentioned.")
    assert set(by_name(ex, "forum")) == {"Nuclear Planning Group"}


def test_role_reference_without_a_name(extract):
    ex = extract("U.S. Defense Secretary Mark Esper arrived in Bangkok on Saturday.\n"
                 "The Pentagon chief is scheduled to meet Chinese Defense Minister Wei Fenghe.")
    assert pairs(ex, "meeting") == {frozenset({"Mark Esper", "Wei Fenghe"})}


def test_indonesian_role_reference_needs_a_country(extract):
    ex = extract("Menhan Jepang Minoru Kihara tiba di Seoul.\n"
                 "Menhan Jepang kemudian bertemu dengan Menteri Pertahanan Korsel Shin Won-sik.\n"
                 "Pertemuan menteri pertahanan ketiga negara biasanya digelar di Singapura.",
                 lang="id")
    assert pairs(ex, "meeting") == {frozenset({"Minoru Kihara", "Shin Won-sik"})}


def test_plural_title_before_a_list_of_names(extract):
    ex = extract("The two countries' chief negotiators, Jeong Eun-bo and Donna Welton, held "
                 "talks in Washington.")
    assert {"Jeong Eun-bo", "Donna Welton"} <= set(by_name(ex, "official"))
    assert pairs(ex, "meeting") == {frozenset({"Jeong Eun-bo", "Donna Welton"})}


def test_forum_reference_fits_the_kind_of_forum(extract):
    ex = extract("Defense Minister Shin Won-sik arrived for the Shangri-La Dialogue on Friday.\n"
                 "He will hold the Trilateral Ministerial Meeting with Japan on Sunday.\n"
                 "Defense Minister Dong Jun is attending the forum for the first time.")
    assert frozenset({"Dong Jun", "Shangri-La Dialogue"}) in pairs(ex, "attended")
    assert frozenset({"Dong Jun", "Korea-U.S.-Japan Trilateral Ministerial Meeting"}) \
        not in pairs(ex, "attended")


def test_negated_meeting_words_are_not_meetings(extract):
    ex = extract("Gen. Dan Caine did not pay a courtesy call on President Lee Jae Myung during "
                 "the trip.")
    assert not pairs(ex, "meeting")
    ex = extract("Pertemuan bilateral antara Menhan Sjafrie Sjamsoeddin dan Menhan AS Pete "
                 "Hegseth belum dijadwalkan.", lang="id")
    assert not pairs(ex, "meeting")


def test_spokesperson_reporting_a_meeting_is_not_in_it(extract):
    ex = extract("Defense Ministry spokesperson Jeon Ha-kyu said Defense Minister Shin Won-sik "
                 "held talks with Defense Secretary Lloyd Austin.")
    assert pairs(ex, "meeting") == {frozenset({"Shin Won-sik", "Lloyd Austin"})}


def test_the_sender_does_not_lead_the_delegation(extract):
    ex = extract("Presiden Lee Jae-myung mengutus Penasihat Keamanan Nasional Wi Sung-lac untuk "
                 "memimpin delegasi ke KTT NATO.", lang="id")
    assert not pairs(ex, "meeting")
    assert pairs(ex, "attended") == {frozenset({"Wi Sung-lac", "NATO summit"})}


def test_on_behalf_of_excludes_the_absent_official(extract):
    ex = extract("Vice Minister Kim Seon-ho met Defence Minister Richard Marles on behalf of "
                 "Defense Minister Kim Yong-hyun.")
    assert pairs(ex, "meeting") == {frozenset({"Kim Seon-ho", "Richard Marles"})}


def test_subject_pronoun_before_a_meeting_verb(extract):
    ex = extract("Defense Secretary Lloyd Austin arrived in Seoul on Sunday.\n"
                 "After the talks, he paid a courtesy call on President Yoon Suk Yeol.")
    assert pairs(ex, "meeting") == {frozenset({"Lloyd Austin", "Yoon Suk Yeol"})}


def test_country_right_after_a_ministry_names_it(extract):
    ex = extract("Kementerian Luar Negeri Korut mengecam latihan itu.", lang="id")
    assert set(by_name(ex, "agency")) == {"Kementerian Luar Negeri Korut"}
    assert by_name(ex, "agency")["Kementerian Luar Negeri Korut"].country == "KP"


def test_indonesian_office_words_between_title_and_name(extract):
    ex = extract("Juru bicara kepresidenan Korsel Kang Yu-jung mengatakan hal itu.\n"
                 "Rapat dipimpin Wakil Menteri Pertahanan Nasional Korsel bidang Kebijakan "
                 "Cho Chang-rae.", lang="id")
    assert {"Kang Yu-jung", "Cho Chang-rae"} <= set(by_name(ex, "official"))


def test_possessive_apostrophe_inside_a_forum_name(extract):
    ex = extract("Kim attended the ASEAN-ROK Defense Ministers' Informal Meeting on Tuesday.")
    assert "ASEAN-ROK Defense Ministers' Informal Meeting" in by_name(ex, "forum")


# ---------------------------------------------------------------- document ends
def test_text_ending_on_a_title_before_an_agency_name_does_not_crash(extract):
    # the agency head phrase looks back over a title that ends the document
    ex = extract("Talks were held with the Joint Staff Office, led by the Army Chief of Staff")
    assert ex.doc_id == "doc.txt"
    ex = extract("The statement came from the Japan Ground Self-Defense Force Chief of Staff")
    assert ex.doc_id == "doc.txt"


# ------------------------------------------------- forums named by a pair of countries
def test_two_plus_two_is_named_after_the_two_countries(extract):
    ex = extract("Indonesian Defense Minister Budi Santoso and Foreign Minister Dewi Lestari "
                 "will hold a 2+2 meeting with Australia next month.")
    forums = by_name(ex, "forum")
    assert "Indonesia-Australia Foreign and Defense Ministers' Meeting" in forums


def test_indonesian_two_plus_two_puts_indonesia_first(extract):
    ex = extract("Pemerintah Korea Selatan dan Indonesia akan menggelar pertemuan dua plus dua "
                 "di Jakarta pekan depan.", lang="id")
    assert "Indonesia-Korea Foreign and Defense Ministers' Meeting" in by_name(ex, "forum")


def test_a_pair_with_a_name_of_its_own_takes_it(extract):
    ex = extract("The U.S. and Japanese foreign and defense ministers met in Tokyo for "
                 "two-plus-two talks on Wednesday.")
    assert "U.S.-Japan Security Consultative Committee" in by_name(ex, "forum")


def test_bracketed_two_plus_two_is_a_short_name_of_the_forum_before_it(extract):
    ex = extract("Kamikawa and Kihara are in Manila for the Foreign and Defense Ministerial "
                 "Meeting (2+2) with the Philippines. The first 2+2 meeting was held in 2022.")
    forums = [e for e in ex.entities if e.type == "forum"]
    assert len(forums) == 1
    assert "2+2" in forums[0].aliases


# ---------------------------------------------------------------- attendance
def test_a_forum_held_is_attended_by_those_who_hold_it(extract):
    ex = extract("Joint Chiefs Chairman Gen. Mark Daniels and his South Korean counterpart "
                 "Gen. Park Sung-ho on Tuesday conducted the annual Military Committee Meeting "
                 "in Washington.")
    assert pairs(ex, "attended") == {frozenset(("Mark Daniels", "Military Committee Meeting")),
                                     frozenset(("Park Sung-ho", "Military Committee Meeting"))}


def test_holding_something_else_is_not_attending_a_forum_named_later(extract):
    ex = extract("Kedua menteri sepakat menyelenggarakan kursus pelatihan bahasa baru bagi para "
                 "perwira, selain latihan gabungan Super Garuda Shield tahun depan, kata Menteri "
                 "Pertahanan Budi Santoso dan Menteri Pertahanan AS Mark Daniels.", lang="id")
    assert not pairs(ex, "attended")


def test_a_meeting_reference_that_opens_the_sentence_is_its_subject(extract):
    ex = extract("Gen. Mark Daniels and Gen. Park Sung-ho held the Military Committee Meeting on "
                 "Monday. The meeting preceded a visit by South Korean Defense Minister Kim "
                 "Tae-ho, who will meet with U.S. Defense Secretary John Miller on Wednesday.")
    attended = pairs(ex, "attended")
    assert frozenset(("Kim Tae-ho", "Military Committee Meeting")) not in attended
    assert frozenset(("Mark Daniels", "Military Committee Meeting")) in attended


def test_talks_held_during_a_forum_mean_attending_it(extract):
    ex = extract("Dalam pertemuan 2+2 di Tokyo, Menteri Pertahanan Jepang Kenji Sato akan bertemu "
                 "dengan Menteri Pertahanan Budi Santoso.", lang="id")
    forum = "Indonesia-Japan Foreign and Defense Ministers' Meeting"
    assert pairs(ex, "attended") == {frozenset(("Kenji Sato", forum)),
                                     frozenset(("Budi Santoso", forum))}


# ---------------------------------------------------------------- meetings across clauses
def test_an_escort_from_another_country_is_a_meeting(extract):
    ex = extract("U.S. Defense Secretary John Miller, accompanied by South Korean Defense "
                 "Minister Kim Tae-ho, toured the truce village on Monday.")
    assert pairs(ex, "meeting") == {frozenset(("John Miller", "Kim Tae-ho"))}


def test_an_entourage_does_not_meet_its_own_principal(extract):
    ex = extract("South Korean President Lee Jae-hoon opened the new base on Friday, accompanied "
                 "by South Korean Defense Minister Park Sung-ho.")
    assert not pairs(ex, "meeting")


def test_a_relative_clause_meeting_belongs_to_the_official_before_it(extract):
    ex = extract("The talks preceded a visit by South Korean Defense Minister Kim Tae-ho, who "
                 "will meet with U.S. Defense Secretary John Miller on Wednesday.")
    assert pairs(ex, "meeting") == {frozenset(("John Miller", "Kim Tae-ho"))}


def test_a_clause_without_its_own_subject_takes_the_speaker(extract):
    ex = extract("\"Kerja sama ini penting,\" kata Menteri Pertahanan AS John Miller setelah "
                 "bertemu Menteri Pertahanan Indonesia, Budi Santoso.", lang="id")
    assert pairs(ex, "meeting") == {frozenset(("John Miller", "Budi Santoso"))}


def test_a_clause_with_its_own_subject_keeps_it(extract):
    ex = extract("Defense Secretary John Miller arrived in Seoul on Sunday, after Japanese "
                 "Defense Minister Kenji Sato met South Korean Defense Minister Kim Tae-ho.")
    assert pairs(ex, "meeting") == {frozenset(("Kenji Sato", "Kim Tae-ho"))}


# ---------------------------------------------------------------- not people
def test_capitalised_common_words_after_a_title_are_not_a_name(extract):
    ex = extract("Jenderal Kim Min-seok akan menggelar Pertemuan Ketua Staf Gabungan Tiga Negara "
                 "bersama mitranya dari AS.", lang="id")
    assert set(by_name(ex, "official")) == {"Kim Min-seok"}


def test_a_title_in_another_clause_is_not_an_appositive(extract):
    ex = extract("Menteri Pertahanan AS John Miller mengunjungi pangkalan dekat Camp Hovey, "
                 "dan hari ini bertemu dengan Menteri Pertahanan Korea Selatan Kim Tae-ho.",
                 lang="id")
    assert set(by_name(ex, "official")) == {"John Miller", "Kim Tae-ho"}


# ---------------------------------------------------------------- what is not an agency
def test_intergovernmental_bodies_are_not_agencies(extract):
    ex = extract("The ministers discussed U.N. Security Council resolutions and NATO's role "
                 "in the region.")
    assert not by_name(ex, "agency")


def test_the_service_in_an_indonesian_rank_is_not_an_agency_mention(extract):
    ex = extract("Menhan didampingi Brigjen TNI Budi Santoso.", lang="id")
    assert "Indonesian National Armed Forces" not in by_name(ex, "agency")
    assert "Budi Santoso" in by_name(ex, "official")


def test_ministerial_meeting_plus_is_the_admm_plus(extract):
    ex = extract("Defense Secretary John Miller arrived in Hanoi for the ASEAN Defence "
                 "Ministerial Meeting Plus on Tuesday.")
    assert "ASEAN Defence Ministers' Meeting-Plus" in by_name(ex, "forum")


# ---------------------------------------------------------------- Indonesian ranks and appositives
def test_indonesian_navy_rank_with_service_before_a_name(extract):
    ex = extract("Menhan didampingi Kepala Badan Sarana Pertahanan, Laksda TNI Budi Santoso, "
                 "dalam kunjungan itu.", lang="id")
    assert by_name(ex, "official")["Budi Santoso"].role == "Rear Admiral"


def test_an_ambassador_serves_the_country_before_the_posting(extract):
    ex = extract("Menhan menerima Duta Besar AS untuk Indonesia Mary Jones di Jakarta.", lang="id")
    assert by_name(ex, "official")["Mary Jones"].country == "US"


def test_a_capitalised_coordinator_inside_a_sentence_is_a_given_name(extract):
    ex = extract("Jenderal Kim Min-seok akan bertemu dengan Dan Walker, Kepala Staf Gabungan AS, "
                 "di Seoul.", lang="id")
    assert "Dan Walker" in by_name(ex, "official")


def test_an_office_named_like_its_agency_is_an_appositive_title(extract):
    ex = extract("Jenderal Kim Min-seok akan bertemu dengan Kenji Sato, Kepala Staf Gabungan "
                 "Jepang, di Seoul.", lang="id")
    assert by_name(ex, "official")["Kenji Sato"].country == "JP"


# ---------------------------------------------------------------- untitled meeting partners
def _with_people(blank_nlp, text, names, lang="en"):
    """Extract from ``text`` with ``names`` marked as PERSON, as a statistical NER would."""
    from spacy.tokens import Span

    from kg.extract import extract_document

    nlp = blank_nlp(lang)
    doc = nlp.make_doc(text)
    for pipe_name, component in nlp.pipeline:
        if pipe_name == "kg_officials":  # the names a statistical NER would have found
            ents = [doc.char_span(text.index(n), text.index(n) + len(n)) for n in names]
            doc.ents = [Span(doc, e.start, e.end, label="PERSON") for e in ents]
        doc = component(doc)
    return extract_document(doc, doc_id="doc.txt", lang=lang)


def test_an_untitled_person_an_official_meets_is_an_official(blank_nlp):
    ex = _with_people(blank_nlp, "Menteri Pertahanan AS John Miller bertemu dengan sekutunya dari "
                      "Jepang, Kenji Sato, di Washington.", ["Kenji Sato"], lang="id")
    assert "Kenji Sato" in by_name(ex, "official")
    assert pairs(ex, "meeting") == {frozenset(("John Miller", "Kenji Sato"))}


def test_an_untitled_person_in_a_sentence_without_a_meeting_stays_a_person(blank_nlp):
    ex = _with_people(blank_nlp, "Defense Secretary John Miller said analyst Mary Jones "
                      "was right.", ["Mary Jones"])
    assert by_name(ex)["Mary Jones"].type == "person"


# ---------------------------------------------------------------- delegations in press releases
def test_delegations_represented_by_acronym_titled_officials(extract):
    ex = extract("The Government of Japan and the Government of the United States will hold the "
                 "Japan-U.S. Strategic Dialogue in Tokyo. The Japanese side is represented by DDG "
                 "Kenji Sato (Defense Policy Bureau, MOD) and the U.S. side by DASD Mary Jones "
                 "(East Asia Policy, OSD) and DAS John Miller (East Asian Affairs, DOS).")
    officials = by_name(ex, "official")
    assert officials["Mary Jones"].role == "Deputy Assistant Secretary of Defense"
    assert pairs(ex, "meeting") == {frozenset(p) for p in (
        ("Kenji Sato", "Mary Jones"), ("Kenji Sato", "John Miller"), ("Mary Jones", "John Miller"))}


def test_a_forum_named_after_its_countries_is_one_forum(extract):
    ex = extract("Japan-U.S. Strategic Dialogue\n\nThe Strategic Dialogue is held every year. "
                 "Defense Secretary John Miller attended the Strategic Dialogue.")
    assert [e.name for e in ex.entities if e.type == "forum"] == ["Japan-U.S. Strategic Dialogue"]


# ---------------------------------------------------------------- meeting words and references
def test_the_meeting_referred_back_to_does_not_make_its_entourage_meet(extract):
    ex = extract("Menteri Pertahanan Budi Santoso bertemu dengan Menteri Pertahanan AS John Miller "
                 "di Pentagon. Pada pertemuan tersebut Budi didampingi oleh Kolonel Andi Wijaya "
                 "dan Kolonel Rudi Hartono.", lang="id")
    assert pairs(ex, "meeting") == {frozenset(("Budi Santoso", "John Miller"))}


def test_a_meeting_that_brings_officials_together_lists_its_participants(extract):
    ex = extract("Pertemuan tersebut menghadirkan Direktur Kebijakan Pertahanan Korea Selatan, "
                 "Kim Min-seok, dan Wakil Menteri Pertahanan Jepang, Kenji Sato.", lang="id")
    assert pairs(ex, "meeting") == {frozenset(("Kim Min-seok", "Kenji Sato"))}


def test_signing_in_the_presence_of_a_leader(extract):
    ex = extract("Philippine Defense Secretary Jose Reyes and Japanese Foreign Minister Kenji Sato "
                 "signed the agreement in the presence of President Maria Santos.")
    assert pairs(ex, "meeting") == {frozenset(p) for p in (
        ("Jose Reyes", "Kenji Sato"), ("Jose Reyes", "Maria Santos"),
        ("Kenji Sato", "Maria Santos"))}


# ---------------------------------------------------------------- where attendance is said
def test_between_names_the_attendees_only_right_after_the_forum(extract):
    ex = extract("The Security Consultative Meeting between Defense Minister Kim Tae-ho and "
                 "Defense Secretary John Miller opened in Seoul.")
    assert pairs(ex, "attended") == {frozenset(("Kim Tae-ho", "Security Consultative Meeting")),
                                     frozenset(("John Miller", "Security Consultative Meeting"))}


def test_a_past_summit_between_leaders_is_not_attending_a_later_forum(extract):
    ex = extract("Both ministers praised the summit between President Lee Jae-hoon and President "
                 "Mark Daniels in May and agreed to prepare the next Security Consultative "
                 "Meeting this fall.")
    assert not pairs(ex, "attended")


def test_officials_in_town_for_a_forum_attend_it(extract):
    ex = extract("Japanese Foreign Minister Kenji Sato and Defense Minister Taro Yamada are in "
                 "Singapore for the Shangri-La Dialogue.")
    assert pairs(ex, "attended") == {frozenset(("Kenji Sato", "Shangri-La Dialogue")),
                                     frozenset(("Taro Yamada", "Shangri-La Dialogue"))}


# ---------------------------------------------------------------- whose agency
def test_an_unqualified_ministry_in_indonesian_news_is_indonesian(extract):
    ex = extract("Menhan Budi Santoso menerima Menteri Pertahanan Korea Selatan Kim Tae-ho di "
                 "kantor Kemenhan, Jakarta.", lang="id")
    assert "Ministry of Defense of Indonesia" in by_name(ex, "agency")


def test_an_ambassador_of_the_first_country_named(extract):
    ex = extract("Menhan didampingi Duta Besar RI Amerika Serikat, Dewi Lestari, di Pentagon.",
                 lang="id")
    assert by_name(ex, "official")["Dewi Lestari"].country == "ID"


def test_office_acronyms_in_a_press_release(extract):
    ex = extract("The U.S. side is represented by DASD Mary Jones (Nuclear Policy, OSD) and "
                 "DAS John Miller (East Asian Affairs, DOS).")
    agencies = by_name(ex, "agency")
    assert {"Office of the Secretary of Defense", "U.S. Department of State"} <= set(agencies)


def test_a_presidential_office_takes_its_country_from_the_text(extract):
    ex = extract("South Korean President Lee Jae-hoon's office said the presidential office "
                 "would host the talks.")
    assert "Office of the President" in by_name(ex, "agency")


def test_a_legislature_committee_is_an_agency(extract):
    ex = extract("The nominee told the Senate Foreign Relations Committee that the alliance "
                 "was strong.")
    assert "Senate Foreign Relations Committee" in by_name(ex, "agency")
    assert not by_name(ex, "forum")


def test_virtual_and_courtesy_meetings(extract):
    ex = extract("Menhan Budi Santoso menerima audiensi Duta Besar Jepang Kenji Sato di Jakarta.",
                 lang="id")
    assert pairs(ex, "meeting") == {frozenset(("Budi Santoso", "Kenji Sato"))}
    ex = extract("Defense Secretary John Miller held a videoconference with Japanese Defense "
                 "Minister Kenji Sato on Monday.")
    assert pairs(ex, "meeting") == {frozenset(("John Miller", "Kenji Sato"))}


def test_a_meeting_between_named_officials_is_theirs_alone(extract):
    ex = extract("Both ministers welcomed the progress made at the summit between President "
                 "Lee Jae-hoon and President Mark Daniels in May. Earlier, Defense Minister Kim "
                 "Tae-ho met Defense Secretary John Miller.")
    assert frozenset(("Lee Jae-hoon", "Mark Daniels")) in pairs(ex, "meeting")
    assert frozenset(("Kim Tae-ho", "Lee Jae-hoon")) not in pairs(ex, "meeting")
    assert frozenset(("John Miller", "Mark Daniels")) not in pairs(ex, "meeting")


def test_a_long_title_cased_line_that_breaks_off_is_body_text(extract):
    ex = extract("Sebelumnya, Panglima TNI Jenderal Budi Santoso bertemu dengan Kepala Staf "
                 "Gabungan Angkatan Bersenjata Jepang (JSDF), Jenderal Kenji Sato, pada Minggu "
                 "(24/8/2025),\n"
                 "Pertemuan itu berlangsung di Jakarta.", lang="id")
    assert {"Budi Santoso", "Kenji Sato"} <= set(by_name(ex, "official"))


def test_the_secretary_refers_back_to_the_one_secretary_named(extract):
    ex = extract("Defense Secretary John Miller arrived in Tokyo today. In Seoul, the secretary "
                 "participated in the 45th Security Consultative Meeting.")
    assert pairs(ex, "attended") == {frozenset(("John Miller", "Security Consultative Meeting"))}
    ex = extract("Defense Secretary John Miller and Secretary of State Mary Jones arrived in Tokyo "
                 "today. In Seoul, the secretary participated in the 45th Security Consultative "
                 "Meeting.")
    assert not pairs(ex, "attended")  # two secretaries: the reference is not guessed


def test_british_spelling_of_a_known_agency_and_a_bracketed_acronym_in_the_chain(extract):
    ex = extract("Acara itu dihadiri Menteri Defence Acquisition Program Administration (DAPA), "
                 "Kim Min-seok.", lang="id")
    assert "Defense Acquisition Program Administration" in by_name(ex, "agency")
    assert by_name(ex, "official")["Kim Min-seok"].country == "KR"


def test_an_event_named_like_a_person_is_not_an_official(blank_nlp):
    ex = _with_people(blank_nlp, "Panglima TNI Jenderal Budi Santoso mengadakan Courtesy Call "
                      "dengan Admiral John Miller di Jakarta.", ["Courtesy Call"], lang="id")
    assert "Courtesy Call" not in by_name(ex)


def test_a_forum_involving_the_two_defense_ministers(extract):
    ex = extract("Menteri Pertahanan AS John Miller hari ini bertemu dengan Menteri Pertahanan "
                 "Korea Selatan Kim Tae-ho. Pertemuan itu menjelang sidang \"dua plus dua\", yang "
                 "melibatkan dua menteri pertahanan.", lang="id")
    forum = "Korea-U.S. Foreign and Defense Ministers' Meeting"
    assert pairs(ex, "attended") == {frozenset(("John Miller", forum)),
                                     frozenset(("Kim Tae-ho", forum))}


def test_a_line_that_is_only_a_title_and_a_name_is_an_official(extract):
    ex = extract("Remarks at the Alliance Ceremony\n\nLt. Gen. Thomas Reed\n\nThank you all.")
    assert "Thomas Reed" in by_name(ex, "official")
    ex = extract("Defense Chiefs Gather In Hawaii\n\nThe ministers met on Monday.")
    assert not by_name(ex, "official")


def test_a_shared_surname_means_the_official_the_report_is_about(extract):
    ex = extract("South Korean Defense Minister Kim Tae-ho met U.S. Defense Secretary John Miller. "
                 "Gen. Kim Min-seok, chairman of the Joint Chiefs of Staff, also attended. "
                 "Kim told reporters he would meet Japanese Defense Minister Kenji Sato.")
    assert frozenset(("Kim Tae-ho", "Kenji Sato")) in pairs(ex, "meeting")
    assert frozenset(("Kim Min-seok", "Kenji Sato")) not in pairs(ex, "meeting")


def test_an_appositive_office_does_not_carry_over_a_comma_and_into_the_next_name(extract):
    ex = extract("Gen. Kim Min-seok, chairman of the Joint Chiefs of Staff, and Gen. Paul Carter, "
                 "commander of U.S. Forces Korea, also attended the meeting.")
    officials = by_name(ex, "official")
    assert officials["Paul Carter"].role == "Commander"
    assert officials["Kim Min-seok"].role == "Chairman of the Joint Chiefs of Staff"
