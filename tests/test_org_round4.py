"""Agencies and forums of defence-diplomacy news (round 4): bodies of the partners named in
English and Indonesian, names with commas, another country's body of a known name,
possessive country prefixes, and embassies written short ("KBRI Seoul", "Kedubes AS")."""

from __future__ import annotations

import pytest

from kg.lexicon import get_lexicon

GAZETTEER = get_lexicon().gazetteer


def found(doc):
    return {c.name: (c.type, c.country) for c in doc._.kg_orgs}


@pytest.mark.parametrize("lang,text,gid", [
    ("en", "Engineers of the Agency for Defense Development tested the missile on Friday.",
     "kr-add"),
    ("en", "Japan's Acquisition, Technology and Logistics Agency signed the contract.", "jp-atla"),
    ("en", "Officials of Indonesia's National Resilience Institute (Lemhannas) visited Seoul.",
     "id-lemhannas"),
    ("id", "Gubernur Lemhannas menerima delegasi Korea Selatan di Jakarta, Senin.",
     "id-lemhannas"),
    ("id", "Kemenko Polhukam menggelar rapat koordinasi pada Selasa.", "id-polhukam"),
    ("id", "Kepala Bais TNI hadir dalam pertemuan tersebut.", "id-bais"),
    ("id", "Prajurit Kopassus mengikuti latihan bersama di Sangatta.", "id-kopassus"),
    ("id", "Panglima Kogabwilhan II memimpin upacara pembukaan.", "id-kogabwilhan2"),
    ("id", "Puspen TNI menyampaikan keterangan tertulis kepada wartawan.", "id-puspen"),
    ("id", "Komisi I DPR RI menggelar rapat kerja dengan Menteri Pertahanan.", "id-dpr-k1"),
    ("id", "BSSN menandatangani nota kesepahaman pada Rabu.", "id-bssn"),
    ("en", "The Royal Malaysian Navy will send a frigate, Malaysia's Ministry of Defence said.",
     "my-mod"),
    ("en", "The Ministry of National Defence of Vietnam welcomed the visit.", "vn-mnd"),
    ("en", "France's Ministry of the Armed Forces said the frigate would call at Jakarta.",
     "fr-mod"),
    ("id", "Latihan Keris Woomera digelar di Jawa Timur pada November.", "keris-woomera"),
    ("en", "Marines from both countries took part in Sea Dragon off Guam.", "sea-dragon"),
])
def test_bodies_and_exercises_of_the_partners_are_known(blank_nlp, lang, text, gid):
    doc = blank_nlp(lang)(text)
    entry = GAZETTEER[gid]
    assert found(doc).get(entry["label"]) == (entry["type"], entry["country"])


def test_a_comma_inside_a_name_that_lists_its_fields(blank_nlp):
    doc = blank_nlp("en")("The Research, Development and Evaluation Agency released the report.")
    assert found(doc) == {"Research, Development and Evaluation Agency": ("agency", None)}
    listed = blank_nlp("en")("Officials from Japan, Australia and the Defense Ministry met.")
    assert not any("," in name for name in found(listed))


def test_a_known_name_after_another_countrys_possessive_is_that_countrys_body(blank_nlp):
    doc = blank_nlp("en")("Cambodia's Ministry of National Defense said the drill would go on.")
    assert found(doc) == {"Ministry of National Defense": ("agency", "KH")}
    thai = blank_nlp("en")("The Thai National Security Council met on Tuesday.")
    assert found(thai) == {"National Security Council": ("agency", "TH")}
    pair = blank_nlp("en")("The South Korea-U.S. Combined Forces Command held the drill.")
    assert found(pair) == {"Combined Forces Command": ("agency", "KR")}  # a pair, no owner
    own = blank_nlp("en")("The U.S. National Security Council said so on Monday.")
    assert set(found(own)) == {GAZETTEER["us-nsc"]["label"]}


def test_a_ministry_after_a_possessive_is_labelled_without_it(blank_nlp):
    doc = blank_nlp("en")("Brunei's Defence Ministry said the patrol ship would join.")
    assert found(doc) == {"Defence Ministry": ("agency", "BN")}


def test_an_indonesian_embassy_written_short_is_named_in_english(blank_nlp):
    doc = blank_nlp("id")("Duta Besar RI menyampaikan hal itu di KBRI Seoul, Senin.")
    assert found(doc) == {"Embassy of Indonesia in Seoul": ("agency", "ID")}
    full = blank_nlp("id")("Acara digelar di Kedutaan Besar Republik Indonesia di Tokyo.")
    [cl] = full._.kg_orgs
    assert (cl.name, cl.country) == ("Embassy of Indonesia in Tokyo", "ID")
    assert list(cl.aliases) == ["Kedutaan Besar Republik Indonesia di Tokyo"]
    foreign = blank_nlp("id")("Kedubes AS di Jakarta menyampaikan ucapan selamat, Jumat.")
    assert found(foreign) == {"Kedubes AS di Jakarta": ("agency", "US")}


def test_a_ministry_right_after_its_own_unit_is_that_units_countrys(blank_nlp):
    doc = blank_nlp("id")("Kepala Baranahan Kemhan menandatangani kontrak pengadaan pesawat.")
    assert found(doc) == {GAZETTEER["id-baranahan"]["label"]: ("agency", "ID"),
                          GAZETTEER["id-kemhan"]["label"]: ("agency", "ID")}


def test_a_head_name_only_in_a_title_cased_headline_is_dropped(blank_nlp):
    doc = blank_nlp("id")("Kopassus dan Pasukan Khusus AS Gelar Latihan Gabungan di Bandung\n"
                          "Bandung - Kopassus menggelar latihan selama dua pekan, Senin.")
    assert found(doc) == {GAZETTEER["id-kopassus"]["label"]: ("agency", "ID")}


def test_a_unit_after_a_known_bodys_possessive_is_of_its_country(blank_nlp):
    doc = blank_nlp("en")("The U.S. Army's 2nd Infantry Division and the ROK Army's 8th "
                          "Mechanized Infantry Division trained together on Monday.")
    units = {n: c for n, (_t, c) in found(doc).items() if "Division" in n}
    assert units == {"2nd Infantry Division": "US", "8th Mechanized Infantry Division": "KR"}


def test_a_ministry_without_an_entry_keeps_its_english_spelling(blank_nlp):
    doc = blank_nlp("en")("The Ministry of Defence of the Kingdom of Cambodia said so on Monday.")
    assert [(c.name, c.country) for c in doc._.kg_orgs] == [("Ministry of Defence", "KH")]


def test_a_known_name_with_another_country_after_it_in_indonesian(blank_nlp):
    doc = blank_nlp("id")("Kementerian Pertahanan Nasional Tiongkok menyampaikan protes, Senin.")
    assert found(doc) == {GAZETTEER["cn-mnd"]["label"]: ("agency", "CN")}  # the kind, resolved
    own = blank_nlp("id")("Kepala Staf Gabungan Korea Selatan menyampaikan hal itu.")
    assert found(own) == {GAZETTEER["kr-jcs"]["label"]: ("agency", "KR")}


def test_an_embassy_in_indonesian_has_the_country_written_after_it(blank_nlp):
    doc = blank_nlp("id")("Kedutaan Besar Australia di Jakarta menyampaikan belasungkawa.")
    assert found(doc) == {"Kedutaan Besar Australia di Jakarta": ("agency", "AU")}
    assert not blank_nlp("id")("Kedutaan besar itu ditutup pada Senin.")._.kg_orgs


def test_a_name_ending_in_its_head_may_start_with_a_service_word(blank_nlp):
    doc = blank_nlp("en")("Engineers of the Air Force Materiel Command tested the engine.")
    assert found(doc) == {"Air Force Materiel Command": ("agency", None)}


def test_a_body_after_a_countrys_plural_possessive_is_of_that_country(blank_nlp):
    doc = blank_nlp("en")("The Philippines' Northern Luzon Command tracked the ships on Monday.")
    assert found(doc) == {"Northern Luzon Command": ("agency", "PH")}
    meeting = blank_nlp("en")("He attended the ASEAN Defence Ministers' Meeting in Vientiane.")
    assert set(found(meeting)) == {GAZETTEER["admm"]["label"]}


def test_an_embassy_written_short_ends_with_its_city(blank_nlp):
    doc = blank_nlp("id")("Kuasa Usaha Ad Interim KBRI Tokyo Budi, Ani Lestari, hadir di sana.")
    assert "Embassy of Indonesia in Tokyo" in found(doc)


def test_a_head_name_before_a_known_acronym_in_brackets_is_that_body(blank_nlp):
    doc = blank_nlp("id")("KRI Bung Tomo mengikuti Latihan Multilateral Komodo (MNEK) di Bali.")
    [cl] = doc._.kg_orgs
    assert (cl.key, cl.type) == ("komodo", "forum")
    assert "Latihan Multilateral Komodo" in cl.aliases


def test_a_service_word_inside_another_countrys_unit_is_no_known_body(blank_nlp):
    doc = blank_nlp("en")("Sailors of the Naval Special Warfare Command trained with divers.")
    assert found(doc) == {"Naval Special Warfare Command": ("agency", None)}


def test_an_embassy_of_the_country_in_a_place(blank_nlp):
    doc = blank_nlp("en")("The Embassy of the Republic of Korea in Indonesia said the ship "
                          "would arrive on Monday.")
    assert found(doc) == {"Embassy of the Republic of Korea in Indonesia": ("agency", "KR")}
    assert not blank_nlp("en")("He said the embassy of the future would be digital.")._.kg_orgs


def test_a_body_after_a_resolved_ministrys_possessive_takes_its_country(blank_nlp):
    doc = blank_nlp("en")("SEOUL, Oct. 1 (Yonhap) -- The Defense Ministry's Defense Policy Office "
                          "said the talks would resume.")
    assert found(doc)["Defense Policy Office"] == ("agency", "KR")


def test_a_comma_inside_a_name_opened_by_its_head_word(blank_nlp):
    doc = blank_nlp("en")("The Ministry of Trade, Industry and Energy said exports rose.")
    assert set(found(doc)) == {"Ministry of Trade, Industry and Energy"}
    listed = blank_nlp("en")("The Ministry of Defense, Foreign Ministry and Navy issued statements.")
    assert not any("," in name for name in found(listed))


def test_an_indonesian_name_opened_by_its_head_ends_with_its_owner(blank_nlp):
    doc = blank_nlp("id")("Angkatan Pertahanan Papua Nugini menyambut delegasi TNI, Senin.")
    assert found(doc)["Angkatan Pertahanan Papua Nugini"] == ("agency", "PG")
    forum = blank_nlp("id")("Dialog Pertahanan Strategis Korea-AS digelar di Seoul, Senin.")
    assert all(c.country is None for c in forum._.kg_orgs if c.type == "forum")


def test_a_known_name_that_says_its_owner_keeps_it(blank_nlp):
    doc = blank_nlp("en")("South Korea's United Nations Command liaison office said so.")
    assert found(doc) == {GAZETTEER["unc"]["label"]: ("agency", "UN")}
