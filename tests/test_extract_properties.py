"""Arbitrary Unicode text never crashes extraction (hypothesis, blank pipelines)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FRAGMENTS = [
    "Defense Minister ", "Menteri Pertahanan ", "Gen. ", "Kolonel ", "Shin Won-sik", " met ",
    " bertemu dengan ", "Security Consultative Meeting", " (SCM)", ", atau TTX", "Lee-Trump ",
    "'s ", "\n", "the two defense chiefs", "KTT ", "Juru bicara ", "(", ")", ", ", "-", "AS ",
    "Japan's Defense Ministry", "then ", "called off", "<script>alert(1)</script>",
]

text_strategy = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map(
        "".join
    ),
    st.text(alphabet=st.characters(categories=["Cc", "Zs", "Lo", "Po", "Mn"]), max_size=200),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=text_strategy, lang=st.sampled_from(["en", "id"]))
def test_extraction_never_crashes_and_offsets_hold(blank_nlp, text, lang):
    from kg.extract import extract_document

    ex = extract_document(blank_nlp(lang)(text), doc_id="d", lang=lang)
    for entity in ex.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text
    for rel in ex.relations:
        assert text[rel.start:rel.end] == rel.sentence
        assert {rel.source, rel.target} <= {e.id for e in ex.entities}


@settings(max_examples=20, deadline=None)
@given(st.text(max_size=300, alphabet="Ab -\n"), st.integers(min_value=1, max_value=50))
def test_very_long_tokens_and_lines(blank_nlp, text, repeat):
    from kg.extract import extract_document

    long_text = "X" * 20000 + " Defense Minister " + text * repeat
    ex = extract_document(blank_nlp("en")(long_text), doc_id="d", lang="en")
    assert ex.n_chars == len(long_text)
