"""Cross-document entity resolution on hand-made extraction records."""

from __future__ import annotations

from kg.records import DocExtraction, Entity, Mention, Relation
from kg.resolve import build_graph


def official(eid, name, *, role=None, country=None, category=None, type_="official",
             aliases=None):
    return Entity(id=eid, type=type_, name=name, role=role, country=country,
                  category=category, aliases=aliases or [name],
                  mentions=[Mention(text=name, start=0, end=len(name), sentence=0)])


def doc(doc_id, *entities, relations=(), lang="en"):
    return DocExtraction(doc_id=doc_id, lang=lang, entities=list(entities),
                         relations=list(relations), date="2025-01-02")


def labels(graph, type_="official"):
    return sorted(e.label for e in graph.entities(type=type_))


def test_spacing_and_hyphens_do_not_split_a_person():
    g = build_graph([doc("a", official("p0", "Kim Jong Un", country="KP")),
                     doc("b", official("p0", "Kim Jong-un", country="KP"))])
    assert len(labels(g)) == 1
    assert g.entities("official")[0].docs == ("a", "b")


def test_romanisation_variants_merge():
    g = build_graph([doc("a", official("p0", "Shin Won-sik", country="KR")),
                     doc("b", official("p0", "Shin Won-shik")),
                     doc("c", official("p0", "Shin Won-Sik", country="KR"))])
    assert len(labels(g)) == 1


def test_different_given_names_with_one_surname_stay_apart():
    g = build_graph([doc("a", official("p0", "Lee Jong-sup", country="KR")),
                     doc("b", official("p0", "Lee Sung-jun", country="KR"))])
    assert labels(g) == ["Lee Jong-sup", "Lee Sung-jun"]


def test_nickname_merges_only_when_role_or_country_agrees():
    merged = build_graph([doc("a", official("p0", "Jim Mattis", country="US")),
                          doc("b", official("p0", "James Mattis", country="US"))])
    assert len(labels(merged)) == 1
    unrelated = build_graph([doc("a", official("p0", "Jim Mattis")),
                             doc("b", official("p0", "James Mattis"))])
    assert len(labels(unrelated)) == 2


def test_conflicting_countries_never_merge():
    g = build_graph([doc("a", official("p0", "Kim Min-su", country="KR")),
                     doc("b", official("p0", "Kim Min-su", country="KP"))])
    assert len(labels(g)) == 2


def test_surname_only_joins_the_single_full_name():
    g = build_graph([doc("a", official("p0", "Lloyd Austin", country="US")),
                     doc("b", official("p0", "Austin", country="US"))])
    assert labels(g) == ["Lloyd Austin"]
    assert g.entities("official")[0].docs == ("a", "b")


def test_untitled_person_becomes_official_only_through_an_official():
    g = build_graph([doc("a", official("p0", "Yoon Suk Yeol", role="President", country="KR")),
                     doc("b", official("p0", "Yoon Suk-yeol", type_="person"),
                         official("p1", "Jane Roe", type_="person"))])
    assert labels(g) == ["Yoon Suk Yeol"]
    assert g.entities("official")[0].docs == ("a", "b")


def test_agencies_merge_by_gazetteer_key_across_languages():
    mnd_en = Entity(id="o0", type="agency", name="Ministry of National Defense", key="kr-mnd",
                    aliases=["Defense Ministry"], country="KR")
    mnd_id = Entity(id="o0", type="agency", name="Ministry of National Defense", key="kr-mnd",
                    aliases=["Kementerian Pertahanan Nasional"], country="KR")
    g = build_graph([doc("a", mnd_en), doc("b", mnd_id, lang="id")])
    [node] = g.entities("agency")
    assert node.label == "Ministry of National Defense"
    assert {"Defense Ministry", "Kementerian Pertahanan Nasional"} <= set(node.aliases)


def test_relations_carry_evidence_and_dates():
    rel = Relation(kind="meeting", source="p0", target="p1", sentence="A met B.", start=0, end=8)
    g = build_graph([doc("a", official("p0", "Shin Won-sik"), official("p1", "Lloyd Austin"),
                         relations=[rel])])
    [edge] = list(g.relations("meeting"))
    assert edge["evidence"] == [{"doc": "a", "sentence": "A met B.", "start": 0, "end": 8,
                                 "date": "2025-01-02"}]
    assert edge["dates"] == ["2025-01-02"]
    assert edge["docs"] == ["a"]


def test_node_ids_are_stable_and_distinct():
    a = build_graph([doc("a", official("p0", "Lloyd Austin"), official("p1", "Shin Won-sik"))])
    b = build_graph([doc("a", official("p1", "Shin Won-sik"), official("p0", "Lloyd Austin"))])
    assert sorted(a.graph.nodes) == sorted(b.graph.nodes) == [
        "official:lloyd-austin", "official:shin-won-sik"]


def test_suffixes_initials_and_name_order_do_not_split_a_person():
    g = build_graph([doc("a", official("p0", "Lloyd J. Austin III", country="US")),
                     doc("b", official("p0", "Lloyd Austin", country="US")),
                     doc("c", official("p0", "Kihara Minoru", country="JP")),
                     doc("d", official("p0", "Minoru Kihara", country="JP"))])
    assert len(labels(g)) == 2


def test_different_middle_initials_stay_apart():
    g = build_graph([doc("a", official("p0", "George H. Walker", country="US")),
                     doc("b", official("p0", "George W. Walker", country="US"))])
    assert len(labels(g)) == 2


def test_middle_name_joins_when_role_agrees():
    g = build_graph([doc("a", official("p0", "Margaret Hale Lindqvist", role="Secretary of State",
                                       category="foreign")),
                     doc("b", official("p0", "Margaret Lindqvist", role="Foreign Minister",
                                       category="foreign", country="US"))])
    assert len(labels(g)) == 1
    unrelated = build_graph([doc("a", official("p0", "Margaret Hale Lindqvist")),
                             doc("b", official("p0", "Margaret Lindqvist"))])
    assert len(labels(unrelated)) == 2


def test_one_letter_slip_merges_when_role_agrees():
    g = build_graph([doc("a", official("p0", "Suryadarma Wicaksono", role="Defense Minister",
                                       category="defense", country="ID")),
                     doc("b", official("p0", "Suryadrma Wicaksono", role="Defense Minister",
                                       category="defense")),
                     doc("c", official("p0", "Suryadarma Wicaksnoo", category="defense"))])
    assert labels(g) == ["Suryadarma Wicaksono"]
    apart = build_graph([doc("a", official("p0", "Suryadarma Wicaksono", category="defense")),
                         doc("b", official("p0", "Suryadrma Wicaksono", category="foreign")),
                         doc("c", official("p0", "John Park", country="US")),
                         doc("d", official("p0", "Joan Park", country="US"))])
    assert len(labels(apart)) == 4


def test_western_order_of_a_korean_name():
    g = build_graph([doc("a", official("p0", "Seong Min Baek", country="KR")),
                     doc("b", official("p0", "Baek Seong-Min", country="KR")),
                     doc("c", official("p0", "Baek Seong-min")),
                     doc("d", official("p0", "Baek Seong Min"))])
    assert len(labels(g)) == 1


def test_known_short_form_stands_for_the_full_name():
    g = build_graph([doc("a", official("p0", "Jokowi", role="President", country="ID")),
                     doc("b", official("p0", "Joko Widodo", role="President")),
                     doc("c", official("p0", "Jokowi", role="President"))])
    assert labels(g) == ["Joko Widodo"]
    assert g.entities("official")[0].docs == ("a", "b", "c")
    alone = build_graph([doc("a", official("p0", "Jokowi", role="President"))])
    assert labels(alone) == ["Joko Widodo"]


def test_country_taken_from_a_counterparts_list_does_not_split_a_person():
    secretary = official("p0", "Mark Delaney", role="Defense Secretary", country="US",
                         category="defense")
    listed = official("p1", "Mark Delaney", role="Defense Minister", country="JP",
                      category="defense")
    listed.role_text = "counterparts"
    g = build_graph([doc("a", secretary), doc("b", listed)])
    assert labels(g) == ["Mark Delaney"]
    assert g.entities("official")[0].country == "US"


def test_lone_surname_joins_a_name_first_seen_without_an_office():
    g = build_graph([doc("a", official("p0", "Choi Dong-hyun", type_="person")),
                     doc("b", official("p0", "Choi Dong-hyun", role="President", country="KR",
                                       category="leader")),
                     doc("c", official("p0", "Choi", role="President", category="leader"))])
    assert labels(g) == ["Choi Dong-hyun"]
    assert g.entities("official")[0].docs == ("a", "b", "c")


def test_cut_off_given_name_joins_the_one_full_name_that_agrees():
    president = {"role": "President", "country": "KR", "category": "leader"}
    g = build_graph([doc("a", official("p0", "Kang Min-jae", **president)),
                     doc("b", official("p0", "Kang Min", **president))])
    assert labels(g) == ["Kang Min-jae"]
    leader = {"role": "Supreme Leader", "country": "KP", "category": "leader"}
    ambiguous = build_graph([doc("a", official("p0", "Ri Song Chol", **leader)),
                             doc("b", official("p0", "Ri Song Gun", **leader)),
                             doc("c", official("p0", "Ri Song", **leader))])
    assert len(labels(ambiguous)) == 3
    unsure = build_graph([doc("a", official("p0", "Kang Min-jae", **president)),
                          doc("b", official("p0", "Kang Min", role="Minister", country="KR",
                                            category="minister"))])
    assert len(labels(unsure)) == 2


def test_a_cut_off_name_is_never_the_label():
    president = {"role": "President", "country": "KR", "category": "leader"}
    g = build_graph([doc("a", official("p0", "Kang Min", **president)),
                     doc("b", official("p0", "Kang Min", **president)),
                     doc("c", official("p0", "Kang Min-jae", **president))])
    assert labels(g) == ["Kang Min-jae"]


def test_indonesian_old_and_new_spelling_are_one_person():
    minister = {"role": "Defense Minister", "category": "defense"}
    g = build_graph([doc("a", official("p0", "Djoko Soetrisno", country="ID", **minister)),
                     doc("b", official("p0", "Joko Sutrisno", **minister), lang="id"),
                     doc("c", official("p0", "Sjamsul Tjahjadi", country="ID", **minister)),
                     doc("d", official("p0", "Syamsul Cahyadi", country="ID", **minister))])
    assert len(labels(g)) == 2
    elsewhere = build_graph([doc("a", official("p0", "Jan de Wit", country="NL", **minister)),
                             doc("b", official("p0", "Yan de Wit", country="NL", **minister))])
    assert len(labels(elsewhere)) == 2


def test_korean_family_name_spelt_two_ways():
    general = {"role": "General", "category": "military"}
    g = build_graph([doc("a", official("p0", "Pak Jong Chon", country="KP", **general)),
                     doc("b", official("p0", "Park Jong-chon", country="KP", **general)),
                     doc("c", official("p0", "Choe Yong-nam", country="KP", **general)),
                     doc("d", official("p0", "Choi Yong Nam", **general))])
    assert len(labels(g)) == 2
    western = build_graph([doc("a", official("p0", "Jon Tanner", country="US", **general)),
                           doc("b", official("p0", "Chun Tanner", country="US", **general))])
    assert len(labels(western)) == 2


def test_well_known_initials_of_a_president():
    g = build_graph([doc("a", official("p0", "SBY", role="President", country="ID")),
                     doc("b", official("p0", "Susilo Bambang Yudhoyono", role="President"))])
    assert labels(g) == ["Susilo Bambang Yudhoyono"]


def agency(eid, name, *, aliases=(), country=None, key="", type_="agency"):
    return Entity(id=eid, type=type_, name=name, key=key, aliases=[name, *aliases],
                  country=country)


def test_an_acronym_names_the_same_agency_in_both_languages():
    g = build_graph([doc("a", agency("o0", "National Intelligence Service", key="kr-nis",
                                     country="KR")),
                     doc("b", agency("o0", "Dinas Intelijen Nasional Korea", aliases=["NIS"]),
                         lang="id")])
    [node] = g.entities("agency")
    assert node.label == "National Intelligence Service"
    assert node.docs == ("a", "b")


def test_unknown_agencies_sharing_an_acronym_are_one_unless_countries_differ():
    g = build_graph([doc("a", agency("o0", "Komando Kontraintelijen Pertahanan Korea Selatan",
                                     aliases=["DCC"]), lang="id"),
                     doc("b", agency("o0", "Defense Counterintelligence Command",
                                     aliases=["DCC"], country="KR")),
                     doc("c", agency("o0", "Komando Kontraintelijen Pertahanan Korea Selatan",
                                     aliases=["DCC"]), lang="id")])
    [node] = g.entities("agency")
    assert node.label == "Defense Counterintelligence Command"
    apart = build_graph([doc("a", agency("o0", "Defense Cyber Command", aliases=["DCC"],
                                         country="KR")),
                         doc("b", agency("o0", "Digital Crimes Center", aliases=["DCC"],
                                         country="US"))])
    assert len(labels(apart, "agency")) == 2


def test_a_label_equal_to_a_gazetteer_name_joins_that_entry():
    g = build_graph([doc("a", agency("o0", "Defense Acquisition Program Administration",
                                     key="kr-dapa", country="KR")),
                     doc("b", agency("o0", "Defense Acquisition Program Administration"))])
    [node] = g.entities("agency")
    assert node.docs == ("a", "b")


def test_one_word_names_join_when_office_and_country_agree():
    minister = {"role": "Foreign Minister", "country": "ID", "category": "foreign"}
    g = build_graph([doc("a", official("p0", "Sutarjo", **minister), lang="id"),
                     doc("b", official("p0", "Sutarjo", **minister), lang="id"),
                     doc("c", official("p0", "Sutarjo", role="Governor", country="ID",
                                       category="regional"), lang="id")])
    assert len(labels(g)) == 2
    general = {"role": "General", "country": "KR", "category": "military"}
    korean = build_graph([doc("a", official("p0", "Hwang", **general)),
                          doc("b", official("p0", "Hwang", **general))])
    assert len(labels(korean)) == 2


def test_a_name_with_more_given_names_joins_when_role_agrees():
    commander = {"role": "Commander", "category": "military"}
    g = build_graph([doc("a", official("p0", "Dwi Santoso Prakoso", country="ID", **commander),
                         lang="id"),
                     doc("b", official("p0", "Dwi Santoso", **commander), lang="id")])
    assert labels(g) == ["Dwi Santoso Prakoso"]
    other_job = build_graph([doc("a", official("p0", "Dwi Santoso Prakoso", category="military")),
                             doc("b", official("p0", "Dwi Santoso", category="regional"))])
    assert len(labels(other_job)) == 2
    two_longer = build_graph([
        doc("a", official("p0", "Dwi Santoso Prakoso", country="ID", **commander)),
        doc("b", official("p0", "Dwi Santoso Wibowo", country="ID", **commander)),
        doc("c", official("p0", "Dwi Santoso", country="ID", **commander))])
    assert len(labels(two_longer)) == 3
