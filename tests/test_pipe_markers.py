"""The marker components (kg.pipes.markers) on blank pipelines: the span groups they set,
and their patterns saved with ``to_disk`` and read back with ``from_disk``."""

from __future__ import annotations

from functools import cache

import pytest
import spacy

from kg.pipes import MARKER_PIPES, add_kg_pipes

GROUPS = ("kg_title", "kg_org", "kg_country", "kg_trigger", "kg_word")

EN_TEXT = ("Former South Korean Defense Minister Choi Dong-su met U.S. Defense Secretary "
           "Mark Collins at the Pentagon on Tuesday, a day before the 57th Security "
           "Consultative Meeting.")
ID_TEXT = ("Mantan Menhan AS Mark Esperanza bertemu Menhan Korsel Park Ji-hoon di Seoul pada "
           "Selasa.\nPewarta: Rina Wulandari")


def _build(lang: str):
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return add_kg_pipes(nlp, lang, extraction=False)


@cache
def markers_nlp(lang: str):
    """``spacy.blank(lang)`` + sentences + the markers only (no extraction components)."""
    return _build(lang)


def spans(doc, group):
    return [(s.text, s.label_) for s in doc.spans[group]]


def offsets(doc):
    """Every group's spans; overlapping triggers with the same offsets come in no set order."""
    return {g: sorted((s.start, s.end, s.label_) for s in doc.spans[g]) for g in GROUPS}


def test_markers_need_only_sentences():
    nlp = markers_nlp("en")
    assert nlp.pipe_names[-len(MARKER_PIPES):] == list(MARKER_PIPES)
    assert "kg_officials" not in nlp.pipe_names
    doc = nlp(EN_TEXT)
    assert all(doc.spans[g] is not None for g in GROUPS)
    assert doc._.kg_officials is None  # nothing past the markers ran


def test_english_span_groups():
    doc = markers_nlp("en")(EN_TEXT)
    assert spans(doc, "kg_title") == [("Defense Minister", "title:en:defense minister"),
                                      ("Defense Secretary", "title:en:defense secretary")]
    assert spans(doc, "kg_country") == [("South Korean", "country:KR"), ("U.S.", "country:US")]
    assert spans(doc, "kg_org") == [("Pentagon", "gaz:us-dod"),
                                    ("Security Consultative Meeting", "gaz:scm")]
    assert ("met", "trig:meeting:strong") in spans(doc, "kg_trigger")
    assert spans(doc, "kg_word") == [("Former", "word:former")]


def test_indonesian_span_groups():
    doc = markers_nlp("id")(ID_TEXT)
    assert spans(doc, "kg_title") == [("Menhan", "title:id:menhan")] * 2
    assert spans(doc, "kg_country") == [("AS", "country:US"), ("Korsel", "country:KR"),
                                        ("Seoul", "country:KR")]
    assert spans(doc, "kg_trigger") == [("bertemu", "trig:meeting:strong")]
    assert spans(doc, "kg_word") == [("Mantan", "word:former")]  # "Pewarta" is no span: no rule reads one


def test_longest_org_wins_but_overlapping_triggers_are_all_kept():
    doc = markers_nlp("en")(
        "Gen. Lee Min-ho, chairman of South Korea's Joint Chiefs of Staff, held talks with "
        "his Japanese counterpart in Tokyo.")
    # "Joint Chiefs of Staff" (gen:jcs) lies inside the longer gazetteer name
    assert spans(doc, "kg_org") == [("South Korea's Joint Chiefs of Staff", "gaz:kr-jcs")]
    triggers = spans(doc, "kg_trigger")
    assert ("held talks", "trig:meeting:strong") in triggers
    assert ("held", "trig:meeting:weak") in triggers
    assert ("talks", "trig:meeting:strong") in triggers


def test_a_line_break_starts_a_sentence():
    doc = markers_nlp("en")("Seoul and Tokyo agree to share radar data\n"
                            "Defense Minister Park Ji-hoon said so on Monday.")
    starts = [s.start for s in doc.sents]
    assert doc[starts[1]].text == "Defense"


@pytest.mark.parametrize("lang,text", [("en", EN_TEXT), ("id", ID_TEXT)])
def test_marker_patterns_round_trip_through_disk(tmp_path, lang, text):
    source = markers_nlp(lang)
    fresh = _build(lang)
    for name in MARKER_PIPES:
        source.get_pipe(name).to_disk(tmp_path / name)
        fresh.get_pipe(name).set_patterns([])
    assert offsets(fresh(text)) == {g: [] for g in GROUPS}
    for name in MARKER_PIPES:
        assert (tmp_path / name / "patterns.jsonl").exists()
        fresh.get_pipe(name).from_disk(tmp_path / name)
        assert fresh.get_pipe(name).patterns == source.get_pipe(name).patterns
    assert offsets(fresh(text)) == offsets(source(text))


def test_saved_pipeline_loads_with_the_same_spans(tmp_path):
    nlp = _build("en")
    country = nlp.get_pipe("kg_country_marker")
    # a pattern not in the data: only a pipeline loaded from disk can know it
    country.set_patterns([*country.patterns, ("country:VN", "Cam Ranh", True)])
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    text = EN_TEXT + "\nA delegation later flew to Cam Ranh."
    assert offsets(loaded(text)) == offsets(nlp(text))
    assert ("Cam Ranh", "country:VN") in spans(loaded(text), "kg_country")


def test_line_sentences_start_at_line_breaks_and_never_after_a_word_mid_line():
    nlp = spacy.blank("en")
    line_sentences = nlp.add_pipe("kg_line_sentences")
    doc = nlp.make_doc("Talks end\nDirector of the Agency (DAPA) Seok Min-ho met him. He left.")
    for t in doc:  # what a statistical splitter may give: a cut after "(DAPA)"
        t.is_sent_start = t.i == 0 or t.text in ("Seok", "He")
    doc = line_sentences(doc)
    assert [s.text.strip() for s in doc.sents] == [
        "Talks end", "Director of the Agency (DAPA) Seok Min-ho met him.", "He left."]
