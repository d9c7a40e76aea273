"""``kg_orgs`` on blank pipelines: one ``Cluster`` per agency or forum in ``doc._.kg_orgs``,
with gazetteer keys, country-dependent names, acronyms and session numbers."""

from __future__ import annotations

import pytest

from kg.lexicon import get_lexicon
from kg.pipes import EXTRACTION_PIPES

GAZETTEER = get_lexicon().gazetteer  # kg/data/gazetteer.jsonl by id


def orgs(doc):
    return {c.name: c for c in doc._.kg_orgs}


def by_key(doc):
    return {c.key: c for c in doc._.kg_orgs if c.key}


def mention_texts(doc, cluster):
    return [doc[s:e].text for s, e, _sent in cluster.mentions]


def test_country_dependent_ministry_gets_the_countrys_gazetteer_key(blank_nlp):
    assert GAZETTEER["jp-mod"]["country"] == "JP"
    doc = blank_nlp("en")(
        "Japan's Defense Ministry said on Thursday that two Chinese warships passed near "
        "Yonaguni. The Defense Ministry said the Maritime Self-Defense Force tracked them.")
    keys = by_key(doc)
    assert set(keys) == {"jp-mod", "jp-msdf"}  # not China's ministry, named in between
    mod = keys["jp-mod"]
    assert (mod.type, mod.name, mod.country) == ("agency", GAZETTEER["jp-mod"]["label"], "JP")
    assert mention_texts(doc, mod) == ["Japan's Defense Ministry", "Defense Ministry"]
    assert [c.id for c in doc._.kg_orgs] == ["o0", "o1"]


def test_ministry_placed_by_a_city_and_the_home_ministry_in_indonesian(blank_nlp):
    en = blank_nlp("en")("A U.S. delegation visited the Defense Ministry in Seoul on Wednesday.")
    assert set(by_key(en)) == {"kr-mnd"}
    id_doc = blank_nlp("id")(
        "Menteri Pertahanan Sjafrie Sjamsoeddin menerima kunjungan Menhan Jepang Kenji Sato di "
        "kantor Kemhan, Jakarta. Sato juga mengunjungi Kementerian Luar Negeri Jepang di Tokyo.")
    keys = by_key(id_doc)
    assert set(keys) == {"id-kemhan", "jp-mofa"}
    assert keys["id-kemhan"].name == GAZETTEER["id-kemhan"]["label"]  # the English name
    assert mention_texts(id_doc, keys["id-kemhan"]) == ["Kemhan"]


def test_an_acronym_defined_in_brackets_joins_its_later_uses(blank_nlp):
    doc = blank_nlp("en")(
        "The Korea-Japan Defense Policy Dialogue (KJDPD) resumed in Tokyo on Monday after a "
        "five-year pause. Officials said the KJDPD would meet annually.")
    found = orgs(doc)
    assert list(found) == ["Korea-Japan Defense Policy Dialogue"]
    dialogue = found["Korea-Japan Defense Policy Dialogue"]
    assert dialogue.type == "forum"
    assert mention_texts(doc, dialogue) == ["Korea-Japan Defense Policy Dialogue", "KJDPD",
                                            "KJDPD"]
    assert [sent for _s, _e, sent in dialogue.mentions] == [0, 0, 1]
    id_doc = blank_nlp("id")("Forum Kerja Sama Maritim Indonesia-Filipina (FKMIF) digelar di "
                             "Manado. FKMIF membahas patroli bersama.")
    (forum,) = id_doc._.kg_orgs
    assert forum.aliases["FKMIF"] == 2
    assert len(forum.mentions) == 3


def test_session_numbers_and_pair_named_forums(blank_nlp):
    doc = blank_nlp("en")(
        "South Korean Defense Minister Park Ji-hoon and U.S. Defense Secretary Mark Collins "
        "held the 57th Security Consultative Meeting on Friday. Japanese Defense Minister "
        "Kenji Sato and Collins held a 2+2 in Tokyo with their foreign ministers.")
    keys = by_key(doc)
    assert keys["scm"].ordinals == ["57th"]
    assert keys["scm"].aliases["57th Security Consultative Meeting"] == 1
    assert keys["us-jp-scc"].type == "forum"  # a U.S.-Japan 2+2 has a name of its own
    assert mention_texts(doc, keys["us-jp-scc"]) == ["2+2"]
    id_doc = blank_nlp("id")("Menhan Korsel Park Ji-hoon dan Menhan AS Mark Collins menggelar "
                             "SCM ke-57 di Seoul.")
    assert by_key(id_doc)["scm"].ordinals == ["ke-57"]
    manila = blank_nlp("en")("Japanese Foreign Minister Aiko Tanaka and Japanese Defense "
                             "Minister Kenji Sato are in Manila for the 2+2.")
    assert list(orgs(manila)) == ["Japan-Philippines Foreign and Defense Ministers' Meeting"]


def test_needs_only_the_people(blank_nlp):
    nlp = blank_nlp("en")
    with nlp.select_pipes(disable=list(EXTRACTION_PIPES[3:])):
        doc = nlp("Japanese Defense Minister Kenji Sato said the Defense Ministry would "
                  "send more ships.")
    assert doc._.kg_frames is None  # nothing after kg_orgs ran
    # the ministry of the official named next to it
    assert set(by_key(doc)) == {"jp-mod"}


def test_an_indonesian_bureau_ends_where_its_ministry_or_a_title_begins(blank_nlp):
    doc = blank_nlp("id")(
        "Acara itu dihadiri Kepala Biro Hubungan Masyarakat Kementerian Pertahanan Korea "
        "Selatan, Kolonel Park Min-soo, dan Atase Pertahanan KBRI Seoul Kolonel Budi Santoso.")
    names = {c.name: c.type for c in doc._.kg_orgs}
    # "Kepala Biro ...": the title names the bureau's head, so its words are a name
    assert names["Biro Hubungan Masyarakat"] == "agency"
    assert names["Embassy of Indonesia in Seoul"] == "agency"  # "KBRI Seoul"; the rank starts the next
    assert not any("Kementerian" in n or "Kolonel" in n for n in names if n.startswith(("Biro", "KBRI")))


def test_an_embassy_named_with_its_city_is_an_agency(blank_nlp):
    doc = blank_nlp("id")("Diskusi digelar di Kedutaan Besar Jepang di Jakarta pada Selasa.")
    assert {c.name: c.type for c in doc._.kg_orgs}.get(
        "Kedutaan Besar Jepang di Jakarta") == "agency"


def test_a_description_after_a_head_word_is_still_no_name(blank_nlp):
    doc = blank_nlp("id")("Pasukan Perdamaian dari beberapa negara ikut Latihan Bersama itu.")
    assert not any(c.name in ("Pasukan Perdamaian", "Latihan Bersama") for c in doc._.kg_orgs)


def test_an_acronym_that_is_also_a_news_agency_is_the_agency_only_when_named_in_full(blank_nlp):
    credit = "Some information for this report was provided by AP, AFP and Reuters."
    doc = blank_nlp("en")("Philippine troops held drills near Manila on Monday. " + credit)
    assert "ph-afp" not in by_key(doc)
    doc = blank_nlp("en")("The Armed Forces of the Philippines held drills on Monday. An AFP "
                          "spokesperson said the drills were routine. " + credit)
    assert "ph-afp" in by_key(doc)


def test_a_parliament_is_an_agency_only_with_its_country_written(blank_nlp):
    doc = blank_nlp("id")("Penolakan parlemen Belanda menunda penjualan tank itu. "
                          "Menhan Budi Santoso menghadiri rapat dengan parlemen pekan lalu.")
    found = {c.name: c for c in doc._.kg_orgs}
    assert found["parlemen Belanda"].country == "NL" and found["parlemen Belanda"].type == "agency"
    assert "Parliament" not in found  # the bare word names no body
    en = blank_nlp("en")("The South Korean parliament voted to lift martial law.")
    assert by_key(en).get("kr-assembly") is not None


def test_a_numbered_session_written_in_lower_case_is_a_forum(blank_nlp):
    doc = blank_nlp("id")("Ketiga negara akan mengadakan konferensi keamanan ke-9 pada Rabu.")
    assert {c.name: c.type for c in doc._.kg_orgs}.get("konferensi keamanan ke-9") == "forum"
    doc = blank_nlp("en")("The three allies will hold the 9th trilateral security talks in Tokyo.")
    assert {c.name: c.type for c in doc._.kg_orgs}.get("9th trilateral security talks") == "forum"
    plain = blank_nlp("id")("Ini adalah pertemuan ke-2 mereka tahun ini.")
    assert not plain._.kg_orgs  # a number alone names no forum


def test_a_military_academy_is_an_agency(blank_nlp):
    doc = blank_nlp("id")("Menhan mengunjungi Akademi Militer Magelang pada Kamis.")
    assert {c.name: c.type for c in doc._.kg_orgs}.get("Akademi Militer Magelang") == "agency"
    doc = blank_nlp("en")("Cadets of the Korea Military Academy marched in Seoul.")
    assert {c.name: c.type for c in doc._.kg_orgs}.get("Korea Military Academy") == "agency"


def test_an_embassy_is_its_countrys_agency_named_with_its_place(blank_nlp):
    doc = blank_nlp("en")(
        "A spokesperson for the South Korean Embassy in Washington said on Tuesday the visit "
        "was postponed. The U.S. Embassy in Seoul declined to comment, and the Embassy of "
        "Indonesia in Tokyo issued a statement. The Japanese Consulate General in Busan was "
        "closed on Monday.")
    found = {c.name: (c.type, c.country) for c in doc._.kg_orgs}
    assert found == {
        "South Korean Embassy in Washington": ("agency", "KR"),  # the owner, not the place
        "U.S. Embassy in Seoul": ("agency", "US"),
        "Embassy of Indonesia in Tokyo": ("agency", "ID"),
        "Japanese Consulate General in Busan": ("agency", "JP"),  # not "... Busan was"
    }
    assert not doc._.kg_people  # "Embassy" after "spokesperson for the" is no name
    bare = blank_nlp("en")("The U.S. Embassy said on Monday it would stay open.")
    assert {c.name: c.country for c in bare._.kg_orgs} == {"U.S. Embassy": "US"}
    ministry = blank_nlp("en")("Japan's Defense Ministry in Tokyo said so on Monday.")
    assert {c.name for c in ministry._.kg_orgs} == {GAZETTEER["jp-mod"]["label"]}


def test_a_numbered_unit_is_an_agency_of_its_own(blank_nlp):
    doc = blank_nlp("en")(
        "Lt. Gen. Mark Dalton, commander of the Third U.S. Army, said the U.S. 3rd Fleet and "
        "the 5th Air Force would join the drill with the Second Infantry Division.")
    found = {c.name: (c.type, c.country, c.key) for c in doc._.kg_orgs}
    assert found == {  # units the gazetteer does not know
        "Third U.S. Army": ("agency", "US", ""),  # not the U.S. Army it belongs to
        "U.S. 3rd Fleet": ("agency", "US", ""),
        "5th Air Force": ("agency", None, ""),
        "Second Infantry Division": ("agency", None, ""),
    }
    plain = blank_nlp("en")("The U.S. Army and the 57th Security Consultative Meeting.")
    assert {c.name: c.key for c in plain._.kg_orgs} == {
        GAZETTEER["us-army"]["label"]: "us-army", GAZETTEER["scm"]["label"]: "scm"}


def test_english_forum_names_in_indonesian_text_and_the_longest_name_wins(blank_nlp):
    doc = blank_nlp("id")("Menhan menghadiri Bali International Defense Dialogue di Bali, "
                          "lalu membuka ASEAN Regional Forum Maritime Security Exercise di "
                          "Surabaya.")
    assert {c.name: c.type for c in doc._.kg_orgs} == {
        "Bali International Defense Dialogue": "forum",  # the city is part of the name
        "ASEAN Regional Forum Maritime Security Exercise": "forum",  # not "... Forum" alone
    }


def test_an_event_named_after_a_known_forum_is_a_forum_of_its_own(blank_nlp):
    doc = blank_nlp("en")("Navies joined the ADMM-Plus Maritime Security Exercise off Brunei, "
                          "a week after the ADMM-Plus met in Vientiane.")
    found = {c.name: c.key for c in doc._.kg_orgs}
    assert found == {"ADMM-Plus Maritime Security Exercise": "",
                     GAZETTEER["admm-plus"]["label"]: "admm-plus"}


def test_an_indonesian_numbered_unit_ends_where_the_next_title_begins(blank_nlp):
    doc = blank_nlp("id")("Laksamana TNI Budi Santoso menerima Komandan Armada ke-3 AS Wakil "
                          "Laksamana Mark Collins di Jakarta.")
    assert {c.name: (c.type, c.country) for c in doc._.kg_orgs} == {
        "Armada ke-3 AS": ("agency", "US")}
    session = blank_nlp("id")("Menhan Korsel menghadiri SCM ke-55 di Seoul.")
    assert {c.key: c.ordinals for c in session._.kg_orgs} == {"scm": ["ke-55"]}


@pytest.mark.parametrize("dateline,key", [
    ("WASHINGTON, March 30, 2025 -- ", "us-jcs"),
    ("SEOUL, March 30 (Yonhap) -- ", "kr-jcs"),
])
def test_an_unqualified_joint_chiefs_is_the_datelines_countrys(blank_nlp, dateline, key):
    doc = blank_nlp("en")(
        "Allies vow closer defense ties\n\n" + dateline + "Japanese Defense Minister Kenji Sato "
        "met Japan's ambassador in Tokyo, and Japan's navy chief joined them. Gen. Mark Collins, "
        "chairman of the Joint Chiefs of Staff, did not travel.")
    assert "jcs" not in {c.key for c in doc._.kg_orgs} and key in by_key(doc)


@pytest.mark.parametrize("lang,text,keys", [
    ("en", "Vice Adm. Fred Hale, commander of the U.S. Seventh Fleet, said the 7th Fleet and the "
           "Royal Australian Navy would sail with the Philippine Coast Guard.",
     {"us-7fleet", "au-navy", "ph-pcg"}),
    ("id", "Wakil Komandan Angkatan Darat AS Wilayah Pasifik (USARPAC) Mayjen Mark Hale dan "
           "Kepala Badan Keamanan Laut (Bakamla) Laksdya TNI Budi Santoso hadir.",
     {"us-usarpac", "id-bakamla"}),
])
def test_partner_services_and_commands_are_known_agencies(blank_nlp, lang, text, keys):
    assert set(by_key(blank_nlp(lang)(text))) == keys


@pytest.mark.parametrize("lang,text,found", [
    ("en", "Kihara hoped to observe the Talisman Sabre exercise and the Cope North drills.",
     {"Talisman Sabre": "talisman-sabre", "Cope North": "cope-north"}),
    ("en", "Troops of both nations joined the Iron Wolf exercise, which opened on Monday.",
     {"Iron Wolf": ""}),
    ("id", "Latihan bersama Cobra Gold dan ASEAN Regional Forum Disaster Relief Exercise "
           "(ARF-DIREx) berakhir.",
     {"Cobra Gold": "cobra-gold", "ASEAN Regional Forum Disaster Relief Exercise": ""}),
])
def test_named_exercises(blank_nlp, lang, text, found):
    assert {c.name: c.key for c in blank_nlp(lang)(text)._.kg_orgs} == found


def test_a_joint_staff_named_with_its_forces_takes_their_country(blank_nlp):
    doc = blank_nlp("id")("Ketua Kepala Staf Gabungan AS Jenderal Mark Hale dan Kepala Staf "
                          "Gabungan Pasukan Bela Diri Jepang Jenderal Kenji Sato bertemu.")
    assert {"us-jcs", "jp-joint-staff"} <= set(by_key(doc))


def test_an_unqualified_name_of_another_form_is_not_the_body_named_before(blank_nlp):
    doc = blank_nlp("en")(
        "Talks\n\nSEOUL, Sept. 2 (Yonhap) -- Gen. Kenji Sato, chief of staff of Japan's Joint "
        "Staff, arrived in Seoul on Monday for talks with his South Korean counterpart, the Joint "
        "Chiefs of Staff (JCS) said. The Defense Ministry said Japan's Defense Ministry agreed.")
    assert {"jp-joint-staff", "kr-jcs"} <= set(by_key(doc))
