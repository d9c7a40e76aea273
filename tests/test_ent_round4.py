"""Round 4 of entity finding and one-node resolution: phrasings of outlets the earlier
rounds had not seen (Japanese government style names, Indonesian unit names after a
title, quoted nicknames, hyphenated vice-ministers). Sentences written for these tests."""

from __future__ import annotations

from kg.records import DocExtraction, Entity, Mention
from kg.resolve import build_graph


def names(doc):
    return {o.name: o for o in doc._.kg_officials}


def people(extraction):
    return {e.name: e for e in extraction.entities if e.type in ("official", "person")}


# ------------------------------------------------------------ family name in capitals

def test_capitals_family_name_before_a_given_name_that_is_a_rank(blank_nlp):
    doc = blank_nlp("en")(
        "Defense Minister Park Dong-il held talks with Japanese Defense Minister "
        "HAYASHI Gen in Tokyo on Friday.")
    found = names(doc)
    assert "HAYASHI Gen" in found
    assert (found["HAYASHI Gen"].role, found["HAYASHI Gen"].country) == (
        "Defense Minister", "JP")


def test_capitals_family_name_after_a_counterpart_apposition(extract):
    rec = extract("Minister Park Dong-il held talks with his Japanese counterpart, "
                  "HAYASHI Gen, in Tokyo. Park and Hayashi then met reporters.")
    found = people(rec)
    assert found["HAYASHI Gen"].type == "official"
    assert "Hayashi" in found["HAYASHI Gen"].aliases


def test_a_rank_before_a_capitals_acronym_is_still_a_rank(blank_nlp):
    doc = blank_nlp("en")("The chief, Gen. Robert Hale, spoke to NATO Gen Staff officers.")
    assert "Robert Hale" in names(doc)
    assert not any("NATO" in n for n in names(doc))


def test_capitals_family_name_is_not_the_label_when_another_spelling_exists():
    def off(name, doc_id):
        ent = Entity(id="p0", type="official", name=name, role="Defense Minister",
                     country="JP", category="defense", aliases=[name],
                     mentions=[Mention(text=name, start=0, end=len(name), sentence=0)])
        return DocExtraction(doc_id=doc_id, lang="en", entities=[ent], relations=[],
                             date="2026-01-02")

    g = build_graph([off("HAYASHI Gen", "a"), off("Gen Hayashi", "b")])
    [node] = g.entities("official")
    assert node.label == "Gen Hayashi"


# ------------------------------------------------- Indonesian units after a title

def test_directorate_general_remit_is_not_a_name(blank_nlp):
    doc = blank_nlp("id")(
        "Turut mendampingi, Direktur Jenderal Strategi Pertahanan (Dirjen Strahan) Mayjen "
        "TNI Budi Prasetyo serta Kepala Bagian Kerja Sama Internasional Kolonel Inf "
        "Rahmat Hidayat.")
    found = names(doc)
    assert set(found) == {"Budi Prasetyo", "Rahmat Hidayat"}


def test_unit_abbreviation_after_dirjen_is_not_a_name(blank_nlp):
    doc = blank_nlp("id")(
        "Sebelumnya, Dirjen Strahan juga menerima Atase Pertahanan Jepang Kolonel "
        "Sato Kenji. Direktur Kerja Sama Internasional Ditjen Strahan Kemhan Brigjen TNI "
        "Agus Wibowo hadir.")
    found = names(doc)
    assert "Strahan" not in found and "Ditjen Strahan" not in found
    assert {"Sato Kenji", "Agus Wibowo"} <= set(found)


def test_director_general_chain_gives_the_office_over_the_rank(blank_nlp):
    doc = blank_nlp("id")("Delegasi dipimpin Dirjen Strahan Kemhan Mayjen TNI Budi Prasetyo.")
    assert names(doc)["Budi Prasetyo"].role == "Director General"


# ------------------------------------------------------------ nicknames, vice-ministers

def test_quoted_nickname_inside_a_name_is_left_out(extract):
    rec = extract('MANILA - Defense Secretary Ramon "Monching" Villareal met Australian '
                  "Defence Minister Tom Bright in Canberra. Villareal said the talks went well.")
    found = people(rec)
    assert "Ramon Villareal" in found
    assert not any("Monching" in n for n in found)
    assert "Villareal" in found["Ramon Villareal"].aliases
    assert len([n for n in found if "Villareal" in n]) == 1


def test_hyphenated_vice_minister(blank_nlp):
    doc = blank_nlp("en")("He met Japan's Vice-Minister of Defense, Tanaka Hiroshi, on Monday.")
    tanaka = names(doc)["Tanaka Hiroshi"]
    assert (tanaka.role, tanaka.country) == ("Deputy Defense Minister", "JP")


# ------------------------------------------------------- retired ranks, initials, remits

def test_retired_rank_with_a_full_stop_in_brackets(blank_nlp):
    doc = blank_nlp("id")("Judul\n\nHadir pula Marsdya TNI (Purn.) Budi Santoso dan Letjen "
                          "TNI (Purn) Agus Wibowo dalam acara itu.")
    found = names(doc)
    assert found["Budi Santoso"].role == "Air Marshal"
    assert found["Agus Wibowo"].role == "Lieutenant General"


def test_a_name_ending_with_an_initial_is_the_one_that_spells_it_out(extract):
    rec = extract("Judul\n\nWamenhan Budi Santoso Wibowo menerima delegasi Filipina. "
                  "Marsdya TNI (Purn.) Budi Santoso W. juga mengajak Filipina hadir.", lang="id")
    found = people(rec)
    assert "Budi Santoso W." not in found
    assert "Budi Santoso W." in found["Budi Santoso Wibowo"].aliases


def test_appositive_office_in_a_ministry_named_by_a_possessive(blank_nlp):
    doc = blank_nlp("en")(
        "Title\n\nAlso present were Kim Dae-ho, head of the ministry's defense policy office, "
        "and Park Min-ho, director of the company's research division.")
    found = names(doc)
    assert found["Kim Dae-ho"].category == "head"
    assert "Park Min-ho" not in found  # a company's director: no office


def test_a_country_an_office_deals_with_is_not_the_officials_country(blank_nlp):
    doc = blank_nlp("en")(
        "Title\n\nKim Dae-ho, the director of the ministry's North Korea policy division, "
        "spoke, as did Park Min-ho, the director of Japan's Joint Staff.")
    found = names(doc)
    assert found["Kim Dae-ho"].country is None
    assert found["Park Min-ho"].country == "JP"


def test_family_first_name_whose_given_name_is_a_rank_abbreviation_by_the_model():
    import spacy

    from kg.pipes import add_kg_pipes

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "PERSON", "pattern": "Hayashi Gen"}])
    nlp.add_pipe("sentencizer")
    nlp = add_kg_pipes(nlp, "en")
    doc = nlp("Title\n\nIt was the first visit by a Japanese minister since Hayashi Gen "
              "came in May. Gen. Paul Hale and Gen Staff officers met.")
    found = names(doc)
    assert "Hayashi Gen" in found and "Paul Hale" in found


def _one(doc_id, name, *, country=None, category="foreign", role="Foreign Minister"):
    ent = Entity(id="p0", type="official", name=name, role=role, country=country,
                 category=category, aliases=[name],
                 mentions=[Mention(text=name, start=0, end=len(name), sentence=0)])
    return DocExtraction(doc_id=doc_id, lang="id", entities=[ent], relations=[],
                         date="2026-01-02")


def test_one_word_name_given_no_country_joins_the_one_official_of_its_office():
    g = build_graph([_one("a", "Sugianto", country="ID"), _one("b", "Sugianto")])
    assert len(g.entities("official")) == 1


def test_one_word_name_given_no_country_stays_apart_when_two_countries_fit():
    g = build_graph([_one("a", "Sugianto", country="ID"), _one("b", "Sugianto", country="MY"),
                     _one("c", "Sugianto")])
    assert len(g.entities("official")) == 3


def test_one_word_name_of_another_office_stays_apart():
    g = build_graph([_one("a", "Sugianto", country="ID"),
                     _one("b", "Sugianto", category="military", role="Major General")])
    assert len(g.entities("official")) == 2


# ------------------------------------------------------------- bodies: one node each

def orgs(extraction):
    return {e.name: e for e in extraction.entities if e.type in ("agency", "forum")}


def test_a_committee_named_with_its_house_spelt_out_and_as_an_acronym_is_one(extract):
    rec = extract("Judul\n\nKomisi I Dewan Perwakilan Rakyat (DPR) memanggil Menhan pada Rabu. "
                  "Ketua Komisi I DPR Budi Santoso memimpin rapat. Komisi I juga meminta "
                  "penjelasan.", lang="id")
    # one body, whatever its label (the gazetteer's English name, when it has one)
    komisi = [e for e in orgs(rec).values() if any("Komisi" in n for n in (e.name, *e.aliases))]
    assert len(komisi) == 1
    assert {"Komisi I DPR", "Komisi I"} <= set(komisi[0].aliases)


def test_organisation_ends_an_agency_name_and_is_no_persons_name(extract):
    rec = extract("Judul\n\nKabais TNI menerima Direktur Defence Intelligence Organisation (DIO) "
                  "Australia, Mayor Jenderal Tom Baker, di Jakarta.", lang="id")
    assert "Organisation" not in people(rec)
    assert "Tom Baker" in people(rec)
    dio = orgs(rec)["Defence Intelligence Organisation"]
    assert dio.country == "AU"


def test_intergovernmental_organisations_are_not_agencies(extract):
    rec = extract("Title\n\nOfficials of the World Health Organization and the Shanghai "
                  "Cooperation Organisation attended.")
    assert not [e for e in rec.entities if e.type == "agency"]


def test_untitled_reordered_name_joins_the_titled_one():
    import spacy

    from kg.pipes import add_kg_pipes

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "PERSON", "pattern": "Dae-ho Kim"}])
    nlp.add_pipe("sentencizer")
    nlp = add_kg_pipes(nlp, "en")
    doc = nlp("Title\n\nDefense Minister Kim Dae-ho met Japanese Defense Minister Taro Sato "
              "on Sunday. Dae-ho Kim told reporters the talks were candid.")
    [kim] = [c for c in doc._.kg_people if "Kim" in c.name]
    assert kim.name == "Kim Dae-ho" and "Dae-ho Kim" in kim.aliases


def test_a_body_opening_an_officials_title_takes_that_officials_country(extract):
    rec = extract("SEOUL, Nov. 17 (Yonhap) -- Indonesian Deputy Defense Minister Budi Santoso "
                  "paid a courtesy call on JCS Chairman Gen. Park Min-ho on Monday.")
    jcs = [e for e in rec.entities if e.type == "agency" and "Joint Chiefs" in e.name]
    assert [e.country for e in jcs] == ["KR"]


# ---------------------------------------------- honorifics and chains that end at a name

def test_honorifics_between_a_title_and_a_name(blank_nlp):
    doc = blank_nlp("id")(
        "Judul\n\nSekjen Kemhan Marsdya TNI Dr. Budi Santoso, S.E., M.Si. menerima Wakil "
        "Menteri Pertahanan Jepang, Mr. Sato Kenji, dan Dirjen Pothan Kemhan Mayjen TNI "
        "Prof. Dr. Ir. Agus Wibowo.")
    found = names(doc)
    assert set(found) == {"Budi Santoso", "Sato Kenji", "Agus Wibowo"}
    assert found["Budi Santoso"].category == "head"
    assert found["Sato Kenji"].country == "JP"
    assert found["Agus Wibowo"].role == "Director General"


def test_a_chain_stops_at_and_after_another_officials_country(blank_nlp):
    doc = blank_nlp("en")(
        "Title\n\nFormer Defense Minister Park Min-ho of South Korea and former Japanese "
        "Defense Minister Taro Sato spoke. Deputy Prime Minister and Defence Minister Tom "
        "Bright also spoke.")
    found = names(doc)
    assert (found["Park Min-ho"].country, found["Taro Sato"].country) == ("KR", "JP")
    assert found["Tom Bright"].category == "defense"


def test_a_country_list_before_a_plural_title_is_kept(extract):
    rec = extract("Title\n\nDefense Minister Park Min-ho and his American and Japanese "
                  "counterparts John Miller and Taro Sato held talks in Singapore.")
    found = people(rec)
    assert (found["John Miller"].country, found["Taro Sato"].country) == ("US", "JP")


def test_a_country_after_of_and_a_comma_belongs_to_the_name_before(blank_nlp):
    doc = blank_nlp("en")(
        "Title\n\nDuring the talks with Gen. John Miller of the U.S. and Gen. Taro Sato of "
        "Japan, JCS Chairman Gen. Park Min-ho stressed cooperation.")
    found = names(doc)
    assert (found["John Miller"].country, found["Taro Sato"].country) == ("US", "JP")
    assert found["Park Min-ho"].country != "JP"


def test_a_generic_name_with_a_bracketed_acronym_names_that_countrys_body(extract):
    rec = extract("SINGAPORE - Defence Minister Tan Wei Ming met his Indonesian counterpart, "
                  "Mr Budi Santoso, in Jakarta on Nov 24, the Ministry of Defence (Mindef) said. "
                  "Mindef added that the talks went well.")
    bodies = orgs(rec)
    assert "Singapore Ministry of Defence" in bodies
    assert not [n for n in bodies if "Indonesia" in n]


def test_singapore_armed_forces_in_indonesian(extract):
    rec = extract("Judul\n\nPanglima TNI menerima Panglima Angkatan Bersenjata Singapura (SAF) "
                  "Laksamana Madya Tan Wei Ming di Jakarta.", lang="id")
    assert orgs(rec)["Singapore Armed Forces"].country == "SG"


def test_appositive_title_with_its_country_before_it(blank_nlp):
    doc = blank_nlp("en")(
        "Title\n\nPark Min-ho, South Korea's defense minister, and John Miller, the U.S. "
        "secretary of war, met in Seoul. Sato Taro, Japan's minister of defense, joined.")
    found = names(doc)
    assert [found[n].country for n in ("Park Min-ho", "John Miller", "Sato Taro")] == [
        "KR", "US", "JP"]


def test_one_word_before_a_body_head_is_part_of_the_body(blank_nlp):
    doc = blank_nlp("en")(
        "Title\n\nLt. Gen. Park Min-ho, a former commander of the ROK Special Warfare "
        "Command, said so.")
    assert set(names(doc)) == {"Park Min-ho"}


# ------------------------------------------------------- Korean romanisations across articles

def _kr(doc_id, name, country="KR"):
    ent = Entity(id="p0", type="official", name=name, role="Defense Minister", country=country,
                 category="defense", aliases=[name],
                 mentions=[Mention(text=name, start=0, end=len(name), sentence=0)])
    return DocExtraction(doc_id=doc_id, lang="en", entities=[ent], relations=[],
                         date="2026-01-02")


def test_korean_given_names_in_other_romanisations_are_one_person():
    for a, b in [("Han Gyu-back", "Han Kyu-baek"), ("Yoon Jong-seop", "Yoon Jong-sup"),
                 ("Oh Kyeong-ho", "Oh Gyung-ho"), ("Jo Tae-young", "Jo Dae-yeong")]:
        g = build_graph([_kr("a", a), _kr("b", b)])
        assert len(g.entities("official")) == 1, (a, b)


def test_other_korean_given_names_and_western_names_stay_apart():
    for a, b in [("Kim Jong-un", "Kim Jong-il"), ("Han Tae-hyun", "Han Tae-hoon"),
                 ("John Tate", "John Dade")]:
        g = build_graph([_kr("a", a, country=None), _kr("b", b, country=None)])
        assert len(g.entities("official")) == 2, (a, b)


# ------------------------------------------------- names split by commas, titles in brackets

def test_family_name_and_given_name_split_by_commas(blank_nlp):
    doc = blank_nlp("en")("Title\n\nThe Japanese side was represented by HAYASHI, Gen, "
                          "Minister of Defense.")
    found = names(doc)
    assert list(found) == ["HAYASHI Gen"]
    assert found["HAYASHI Gen"].category == "defense"


def test_title_in_brackets_after_a_name(blank_nlp):
    doc = blank_nlp("en")(
        "Title\n\nAttendees: SATO Taro (Minister of Defense, Japan); John Miller (Secretary "
        "of War, United States). Park Min-ho (right) smiled.")
    found = names(doc)
    assert (found["SATO Taro"].country, found["John Miller"].country) == ("JP", "US")
    assert "Park Min-ho" not in found


def test_an_embassy_is_the_country_it_names_not_the_city_it_is_in(extract):
    rec = extract("Judul\n\nKedutaan Besar Republik Indonesia (KBRI) di Seoul dan Kedutaan Besar "
                  "Korea Selatan di Jakarta menggelar resepsi.", lang="id")
    countries = {n: e.country for e in rec.entities if e.type == "agency"
                 for n in (e.name, *e.aliases)}  # labels may be the English names
    assert countries["Kedutaan Besar Republik Indonesia"] == "ID"
    assert countries["Kedutaan Besar Korea Selatan di Jakarta"] == "KR"


def test_two_commands_joined_by_dan_are_two_bodies(extract):
    rec = extract("Judul\n\nKomando Armada I dan Komando Armada II ikut latihan.", lang="id")
    assert {e.name for e in rec.entities if e.type == "agency"} == {
        "Komando Armada I", "Komando Armada II"}


def test_indonesian_office_abbreviations_in_mixed_case_give_officials(blank_nlp):
    doc = blank_nlp("id")(
        "Judul\n\nKasad Budi Santoso dan Kasal Agus Wibowo hadir. Kapuspen TNI Rahmat Hidayat "
        "mengatakan Athan RI di Tokyo Dedi Kurnia juga hadir.")
    found = names(doc)
    assert {n: found[n].category for n in found} == {
        "Budi Santoso": "military", "Agus Wibowo": "military",
        "Rahmat Hidayat": "spokesperson", "Dedi Kurnia": "diplomat"}
    assert found["Dedi Kurnia"].country == "ID"


def test_a_body_opening_a_title_of_an_official_with_no_country_takes_the_datelines(extract):
    rec = extract("JAKARTA, Indonesia -- Adm. John Miller met Indonesian Minister of Defense "
                  "Budi Santoso and Army Chief of Staff Gen. Agus Wibowo on Monday.")
    armies = [e for e in rec.entities if e.type == "agency" and "Army" in e.name]
    assert [e.country for e in armies] == ["ID"]


def test_unit_words_that_are_no_names_still_name_bodies(extract):
    rec = extract("Judul\n\nDirektorat Jenderal Potensi Pertahanan dan Badan Pendidikan dan "
                  "Pelatihan Kemhan serta Badan Logistik Pertahanan menggelar acara.", lang="id")
    written = {n for e in orgs(rec).values() for n in (e.name, *e.aliases)}
    assert {"Direktorat Jenderal Potensi Pertahanan", "Badan Pendidikan dan Pelatihan",
            "Badan Logistik Pertahanan"} <= written
    assert not people(rec)
