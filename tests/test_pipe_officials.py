"""``kg_officials`` on blank pipelines: ``doc._.kg_officials``, ``doc._.kg_byline`` and the
``kg_official`` span group."""

from __future__ import annotations

from functools import cache

import pytest
import spacy

from kg.pipes import EXTRACTION_PIPES, add_kg_pipes


def officials(doc):
    return {o.name: o for o in doc._.kg_officials}


@cache
def nlp_with_people(*names: str, lang: str = "en"):
    """A blank pipeline whose entity ruler stands in for a statistical NER model."""
    nlp = spacy.blank(lang)
    ruler = nlp.add_pipe("entity_ruler")
    label = "PER" if lang == "id" else "PERSON"  # as the Indonesian model labels people
    ruler.add_patterns([{"label": label, "pattern": name} for name in names])
    nlp.add_pipe("sentencizer")
    return add_kg_pipes(nlp, lang)


def test_title_chain_gives_name_role_category_and_country(blank_nlp):
    doc = blank_nlp("en")(
        "Japanese Defense Minister Kenji Sato arrived in Manila on Sunday, a day after "
        "Philippine Defense Secretary Ramon Cruz returned from Canberra.")
    found = officials(doc)
    assert list(found) == ["Kenji Sato", "Ramon Cruz"]
    sato, cruz = found["Kenji Sato"], found["Ramon Cruz"]
    assert (sato.role, sato.category, sato.country, sato.titled, sato.former) == (
        "Defense Minister", "defense", "JP", True, False)
    assert (cruz.role, cruz.category, cruz.country) == ("Secretary of Defense", "defense", "PH")
    assert [(s.text, s.label_) for s in doc.spans["kg_official"]] == [
        ("Kenji Sato", "defense"), ("Ramon Cruz", "defense")]


def test_former_official_and_appositive_office(blank_nlp):
    doc = blank_nlp("en")(
        "Former Defense Minister Choi Dong-su joined Gen. Lee Min-ho, chairman of South "
        "Korea's Joint Chiefs of Staff, at the ceremony on Friday.")
    found = officials(doc)
    assert found["Choi Dong-su"].former
    lee = found["Lee Min-ho"]
    assert not lee.former
    assert lee.category == "head"  # the appositive office replaces the bare rank
    assert lee.role == "Chairman, Republic of Korea Joint Chiefs of Staff"
    assert lee.country == "KR"
    assert [doc.spans["kg_org"][n].text for n in lee.agencies] == [
        "South Korea's Joint Chiefs of Staff"]


def test_indonesian_chains_and_byline(blank_nlp):
    doc = blank_nlp("id")(
        "Menhan Korsel Park Ji-hoon menyambut Menteri Pertahanan Jepang Kenji Sato di Seoul "
        "pada Selasa. Juru bicara Kementerian Pertahanan Korsel, Kim Soo-jin, mengatakan "
        "pertemuan berlangsung hangat.\nPewarta: Rina Wulandari\nEditor: Budi Hartono")
    found = officials(doc)
    assert list(found) == ["Park Ji-hoon", "Kenji Sato", "Kim Soo-jin"]
    assert (found["Park Ji-hoon"].role, found["Park Ji-hoon"].country) == (
        "Defense Minister", "KR")
    assert (found["Kenji Sato"].role, found["Kenji Sato"].country) == ("Defense Minister", "JP")
    assert (found["Kim Soo-jin"].category, found["Kim Soo-jin"].country) == (
        "spokesperson", "KR")
    assert doc._.kg_byline == ["Rina Wulandari", "Budi Hartono"]


def test_byline_names_are_never_officials_but_untitled_people_are_kept():
    nlp = nlp_with_people("Jane Kim", "Choi Yoon-seo")
    doc = nlp("Seoul, Tokyo vow closer ties\nBy Jane Kim\n"
              "South Korean Defense Minister Park Ji-hoon met Japanese Defense Minister Kenji "
              "Sato in Tokyo on Monday. Choi Yoon-seo, a researcher at the Asan Institute, said "
              "the talks were overdue. Jane Kim contributed to this report.")
    assert "Jane Kim" in [e.text for e in doc.ents]  # the model found her in the body
    assert doc._.kg_byline == ["Jane Kim"]
    found = officials(doc)
    assert "Jane Kim" not in found
    assert not found["Choi Yoon-seo"].titled
    assert [(s.text, s.label_) for s in doc.spans["kg_official"]] == [
        ("Park Ji-hoon", "defense"), ("Kenji Sato", "defense"), ("Choi Yoon-seo", "person")]


def test_indonesian_title_naming_the_country_gives_the_country(blank_nlp):
    doc = blank_nlp("id")("Menteri Pertahanan Filipina Ramon Cruz tiba di Tokyo pada Senin.")
    assert officials(doc)["Ramon Cruz"].country == "PH"


def test_needs_only_the_markers(blank_nlp):
    nlp = blank_nlp("en")
    text = "U.S. Defense Secretary Mark Collins met troops at Camp Humphreys on Friday."
    with nlp.select_pipes(disable=list(EXTRACTION_PIPES[1:])):
        doc = nlp(text)
    assert doc._.kg_people is None  # nothing after kg_officials ran
    collins = officials(doc)["Mark Collins"]
    assert (collins.role, collins.country) == ("Secretary of Defense", "US")
    assert [s.text for s in doc.spans["kg_official"]] == ["Mark Collins"]


def test_a_single_name_listed_with_a_full_name_is_a_person():
    nlp = nlp_with_people("Budi Hartono", "Wiranto", "Suparno", lang="id")
    doc = nlp("Menhan Jepang akan bertemu rekannya, Budi Hartono dan Wiranto, di Tokyo. "
              "Suparno tidak hadir.")
    assert {"Budi Hartono", "Wiranto"} <= set(officials(doc))
    assert "Suparno" not in officials(doc)  # a single name alone stays out


def test_a_service_in_brackets_after_a_rank_does_not_stop_the_chain(blank_nlp):
    doc = blank_nlp("id")("Sekretaris Pers Pentagon Brigjen (Udara) Mark Ellis memberikan "
                          "keterangan kepada wartawan.")
    assert officials(doc)["Mark Ellis"].role == "Spokesperson"


def test_a_balinese_name_opened_by_a_particle_is_a_name(blank_nlp):
    doc = blank_nlp("id")("Juru Bicara Kementerian Pertahanan RI Brigjen TNI I Made Sudarsa "
                          "mengatakan kerja sama itu akan diperluas.")
    assert officials(doc)["I Made Sudarsa"].category == "spokesperson"


def test_officials_named_after_a_countrys_side_are_of_that_country(blank_nlp):
    doc = blank_nlp("en")(
        "The Japanese side is represented by Director General Kenji Sato (Defense Policy "
        "Bureau, MOD) and the U.S. side by Deputy Assistant Secretary Mark Ellis.")
    found = officials(doc)
    assert (found["Kenji Sato"].country, found["Mark Ellis"].country) == ("JP", "US")
    # the ministry in brackets is then Japan's
    assert "jp-mod" in {c.key for c in doc._.kg_orgs}
    doc = blank_nlp("id")("Delegasi pihak Jepang dipimpin Direktur Jenderal Kenji Sato.")
    assert officials(doc)["Kenji Sato"].country == "JP"


def test_a_name_opened_by_an_initial_is_a_name(blank_nlp):
    doc = blank_nlp("id")("Wakil Menteri Pertahanan M Harjanto dan Wamenlu A. Sugiarto hadir "
                          "dalam rapat itu.")
    found = officials(doc)
    assert set(found) == {"M Harjanto", "A. Sugiarto"}
    assert found["M Harjanto"].titled and found["M Harjanto"].category == "defense"
    en = blank_nlp("en")("Defense Secretary Mark Collins met Gen. C. Q. Ward in Seoul.")
    assert officials(en)["C. Q. Ward"].role == "General"
    not_names = blank_nlp("id")("Menhan AS Mark Collins tiba di Jakarta.")
    assert set(officials(not_names)) == {"Mark Collins"}  # "AS" is the country


def test_words_after_a_head_word_name_a_body_not_a_person(blank_nlp):
    doc = blank_nlp("id")("Menhan didampingi Kepala Badan Sarana Pertahanan Kemhan Marsda TNI "
                          "Budi Hartono dan Kepala Biro Humas Setjen Kemhan Brigjen TNI Andi "
                          "Wijaya.")
    assert set(officials(doc)) == {"Budi Hartono", "Andi Wijaya"}  # no "Sarana", no "Setjen"
    known = blank_nlp("id")("Juru Bicara Kementerian Luar Negeri Andi Wijaya mengatakan itu.")
    assert set(officials(known)) == {"Andi Wijaya"}


def test_an_appositive_office_at_a_civil_body_makes_no_official(blank_nlp):
    doc = blank_nlp("en")("Victor Lim, a senior vice president at the Center for Strategic "
                          "Studies, said the talks with Deputy Secretary of State Mark Collins "
                          "went well.")
    assert set(officials(doc)) == {"Mark Collins"}
    gov = blank_nlp("en")("Mark Collins, deputy secretary of state, said the talks went well.")
    assert set(officials(gov)) == {"Mark Collins"}


@pytest.mark.parametrize("text,name,country", [
    ("Tokyo (ANTARA) - Menteri Pertahanan RI Sjafri Samsudin bertemu Menhan Jepang Kenji Sato.",
     "Sjafri Samsudin", "ID"),
    ("Manila (ANTARA) - Presiden Joko Santoso menerima Menlu Filipina Ramon Cruz di Istana.",
     "Joko Santoso", None),
])
def test_a_dateline_city_is_not_the_country_of_the_title_after_it(blank_nlp, text, name, country):
    assert officials(blank_nlp("id")(text))[name].country == country


@pytest.mark.parametrize("lang,text,name", [
    ("en", "Japanese Defense Minister Kenji Sato also met Chinese Defense Minister Dong Jun.",
     "Dong Jun"),
    ("en", "The delegation was led by Vice Minister Park Jun.\n\nIt arrived on Friday.", "Park Jun"),
    ("id", "Menhan Kenji Sato juga bertemu Menteri Pertahanan China Dong Jun.", "Dong Jun"),
    ("en", "The talks were attended by Defense Minister Kenji Sato Jr.", "Kenji Sato Jr."),
])
def test_the_full_stop_of_the_sentence_is_not_part_of_a_name(blank_nlp, lang, text, name):
    assert name in officials(blank_nlp(lang)(text))


def test_a_unit_between_two_titles_is_no_official(blank_nlp):
    found = officials(blank_nlp("id")(
        "Komandan Kodiklatad Letjen TNI Budi Santoso juga hadir dalam kegiatan tersebut."))
    assert list(found) == ["Budi Santoso"]


@pytest.mark.parametrize("lang,text,name,role,country", [
    ("en", "Deputy Minister for National Defense Policy Cho Min-ho met reporters on Friday.",
     "Cho Min-ho", "Deputy Minister", None),
    ("en", "Assistant Secretary of Defense for Indo-Pacific Security Affairs John Hale arrived.",
     "John Hale", "Defense official (Secretary level)", None),
    ("id", "Asisten Menteri Pertahanan AS untuk Urusan Keamanan Indo-Pasifik John Hale tiba.",
     "John Hale", "Defense official (Secretary level)", "US"),
])
def test_a_title_with_its_remit_before_the_name(blank_nlp, lang, text, name, role, country):
    off = officials(blank_nlp(lang)(text))[name]
    assert (off.titled, off.role, off.country) == (True, role, country)


def test_a_remit_does_not_run_into_the_next_title(blank_nlp):
    found = officials(blank_nlp("id")("Menteri Pertahanan AS dan Menteri Luar Negeri Mark "
                                      "Collins tiba di Jakarta."))
    assert found["Mark Collins"].role == "Foreign Minister"


@pytest.mark.parametrize("text,name", [
    ("Under Secretary of Defense for Acquisition and Sustainment William Hale arrived.",
     "William Hale"),
    ("Deputy Assistant Secretary of State for Korea and Japan Mark Collins arrived.",
     "Mark Collins"),
])
def test_a_remit_of_two_parts_before_the_name(blank_nlp, text, name):
    assert officials(blank_nlp("en")(text))[name].titled


def test_an_ordinal_unit_is_no_name(blank_nlp):
    doc = blank_nlp("en")("Vice Adm. Fred Hale, commander of the U.S. Seventh Fleet, met him.")
    assert list(officials(doc)) == ["Fred Hale"]
    assert "U.S. Seventh Fleet" in {c.name for c in doc._.kg_orgs}


@pytest.mark.parametrize("text,name", [
    ("Kepala Badan Intelijen Negara (BIN) Budi Santoso hadir dalam rapat itu.", "Budi Santoso"),
    ("Kepala Badan Keamanan Laut (Bakamla) Ahmad Wijaya menerima kunjungan itu.", "Ahmad Wijaya"),
])
def test_a_body_named_with_its_acronym_between_title_and_name(blank_nlp, text, name):
    off = officials(blank_nlp("id")(text))[name]
    assert (off.titled, off.role) == (True, "Chairman")


def test_a_one_word_name_before_and_another_title_is_a_name(blank_nlp):
    found = officials(blank_nlp("id")("Menlu Sugiarto dan Menhan Sjafrudin tiba di Tokyo."))
    assert {n: o.role for n, o in found.items()} == {"Sugiarto": "Foreign Minister",
                                                     "Sjafrudin": "Defense Minister"}


@pytest.mark.parametrize("lang,text,name", [
    ("id", "KSAL menyambut Kepala Staf Angkatan Laut Korea Selatan Laksamana Yang Min-ho di "
           "Jakarta.", "Yang Min-ho"),
    ("en", "South Korean Navy chief Adm. Yang Min-ho arrived in Jakarta.", "Yang Min-ho"),
])
def test_a_family_name_that_is_also_a_word_before_a_hyphenated_given_name(blank_nlp, lang,
                                                                          text, name):
    assert name in officials(blank_nlp(lang)(text))


@pytest.mark.parametrize("lang,text,name,role", [
    ("en", "Sen. Mark Hale arrived in Seoul on Monday.", "Mark Hale", "Lawmaker"),
    ("id", "Wapres Budi Santoso tiba di Jakarta.", "Budi Santoso", "President"),
    ("id", "Menko Polkam Budi Santoso tiba di Jakarta.", "Budi Santoso", "Minister"),
    ("id", "Menteri Sekretaris Negara Budi Santoso tiba di Jakarta.", "Budi Santoso", "Minister"),
    ("id", "Ketua Komisi I DPR Budi Santoso tiba di Jakarta.", "Budi Santoso", "Chairman"),
    ("id", "Anggota Komisi I DPR Budi Santoso tiba di Jakarta.", "Budi Santoso", "Lawmaker"),
])
def test_more_titles_of_officials(blank_nlp, lang, text, name, role):
    off = officials(blank_nlp(lang)(text))[name]
    assert (off.titled, off.role) == (True, role)


def test_a_title_abbreviation_opens_an_indonesian_name(blank_nlp):
    found = officials(blank_nlp("id")("Anggota Komisi I DPR TB Hasan Wijaya bertemu Menhan."))
    assert "TB Hasan Wijaya" in found
