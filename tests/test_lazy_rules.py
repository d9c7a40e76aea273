"""The Indonesian tokenizer adds its special cases as texts need them (:class:`kg.nlp.LazyRules`)
and splits every text exactly as ``spacy.load`` of the model does with all of them.
"""

from __future__ import annotations

import pytest

SENTENCES = [
    "Rapat dipimpin Dirjen Pothan a.n. Menhan, dihadiri Kasum TNI, dll. di Jl. Merdeka Barat.",
    "Latihan berlangsung s.d. 31 Agustus; lih. hlm. 12 dst. untuk jadwal Kel. Gambir.",
    "Prof. Dr. Ir. Budi Santoso, M.Sc. dan drg. Sri Wahyuni tiba pk. 09.30 WIB.",
    "Menteri-menteri ASEAN bertemu secara bersama-sama; masing-masing membawa delegasi.",
    "Kerja sama RI-Korsel ditandatangani tgl. 5 Juni 2023 (a.l. soal kapal selam KRI).",
    "DLL. S.D. A.N. ditulis dengan huruf besar, dan dll . s . d . a . n . dengan spasi.",
    "Sekjen Kemhan Marsdya TNI Donny Ermawan T. menerima Dubes Jepang, Yasushi Kanasugi.",
]


@pytest.fixture(scope="module")
def reference():
    import spacy

    from kg.nlp import ID_MODEL_DIR

    if not (ID_MODEL_DIR / "tokenizer").is_file():
        pytest.skip("Indonesian model not shipped")
    return spacy.load(ID_MODEL_DIR)


def tokens(doc):
    return [(t.text, t.whitespace_, t.norm_, t.idx) for t in doc]


def variants(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), text.replace(".", ". "), text.replace(" ", "\n")]


def test_lazy_tokenizer_splits_as_with_every_rule(reference, monkeypatch):
    import kg.nlp

    monkeypatch.setattr(kg.nlp, "LAZY_RULES_CHARS", 10**9)
    nlp = kg.nlp._load_indonesian()
    lazy = nlp.tokenizer
    assert isinstance(lazy, kg.nlp.LazyRules)
    for text in SENTENCES:
        for version in variants(text):
            assert tokens(nlp.make_doc(version)) == tokens(reference.make_doc(version))
    # only the special cases these texts could use were built
    assert len(lazy.tokenizer.rules) < 500 < len(lazy.pending)
    assert lazy.rules == reference.tokenizer.rules


def test_all_rules_once_enough_text_was_read(reference, monkeypatch):
    import kg.nlp

    monkeypatch.setattr(kg.nlp, "LAZY_RULES_CHARS", 200)
    nlp = kg.nlp._load_indonesian()
    docs = list(nlp.pipe(SENTENCES))
    assert not nlp.tokenizer.pending
    assert nlp.tokenizer.tokenizer.rules == reference.tokenizer.rules
    for doc, ref in zip(docs, reference.pipe(SENTENCES), strict=True):
        assert tokens(doc) == tokens(ref)
        assert [(e.start, e.end, e.label_) for e in doc.ents] == \
            [(e.start, e.end, e.label_) for e in ref.ents]


def test_setting_rules_replaces_the_pending_ones(monkeypatch):
    import kg.nlp

    if not (kg.nlp.ID_MODEL_DIR / "tokenizer").is_file():
        pytest.skip("Indonesian model not shipped")
    nlp = kg.nlp._load_indonesian()
    nlp.tokenizer.rules = {"dll.": [{"ORTH": "dll"}, {"ORTH": "."}]}
    assert nlp.tokenizer.rules == {"dll.": [{"ORTH": "dll"}, {"ORTH": "."}]}
    assert [t.text for t in nlp.make_doc("a.n. dll.")] == ["a.n", ".", "dll", "."]
