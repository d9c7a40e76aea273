"""Tests for the shipped Indonesian NER model (``kg/models/id_ner``).

The model is trained by ``scripts/train_id_ner.py``.  These tests load it from
the package directory and check its metadata and a few predictions on
hand-written Indonesian news sentences.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

pytestmark = pytest.mark.slow  # loads the shipped model


def _model_path() -> Path:
    try:
        import kg

        path = Path(kg.__file__).parent / "models" / "id_ner"
        if path.is_dir():
            return path
    except Exception:  # fall back to the source tree
        pass
    return Path(__file__).parents[1] / "kg" / "models" / "id_ner"


MODEL_PATH = _model_path()


@pytest.fixture(scope="module")
def nlp():
    if not (MODEL_PATH / "meta.json").exists():
        pytest.fail(f"shipped model missing at {MODEL_PATH}; run scripts/train_id_ner.py")
    return spacy.load(MODEL_PATH)


def _ents(nlp, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_pipeline_metadata(nlp):
    assert nlp.lang == "id"
    assert "ner" in nlp.pipe_names
    assert set(nlp.pipe_names) <= {"tok2vec", "ner"}
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    meta = json.loads((MODEL_PATH / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "id_ner"
    assert meta["version"]
    urls = " ".join(s.get("url", "") for s in meta.get("sources", []))
    assert "nergrit" in urls and "idner-news-2k" in urls
    per = meta["performance"]["ents_per_type"]["PER"]
    assert per["f"] > 0.6


def test_model_is_small_and_has_no_corpus_files():
    files = [p for p in MODEL_PATH.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 10_000_000
    names = {p.name for p in files}
    assert not names & {"train.txt", "dev.txt", "valid.txt", "test.txt", "train.spacy", "dev.spacy"}


# Hand-written sentences; the names are not in the synthetic name lists of the
# training script (a Korean surname and syllables outside its lists, etc.).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Presiden Joko Widodo bertemu dengan Perdana Menteri Fumio Kishida di Jakarta.",
            ["Widodo"],
        ),
        (
            "Menteri Pertahanan Korea Selatan Bang Geon-woo mengunjungi pangkalan militer "
            "di Surabaya pada Senin.",
            ["Geon"],
        ),
        (
            "Juru bicara Kementerian Luar Negeri, Arif Budiman, mengatakan pertemuan itu "
            "berjalan lancar.",
            ["Budiman"],
        ),
        (
            "Kepala Staf Angkatan Darat Jenderal Hendro Sasongko memimpin upacara di Bandung.",
            ["Sasongko"],
        ),
        (
            "Duta Besar Jepang untuk Indonesia Masaki Kurosawa menghadiri upacara peringatan "
            "di Jakarta.",
            ["Kurosawa"],
        ),
        (
            "Menteri Luar Negeri Australia Helen Carmody mengatakan kedua negara akan "
            "memperkuat kerja sama maritim.",
            ["Carmody"],
        ),
    ],
)
def test_finds_person_names(nlp, text, expected):
    ents = _ents(nlp, text)
    persons = [t for t, label in ents if label == "PER"]
    for name in expected:
        assert any(name in p for p in persons), (name, ents)
    # titles and ranks are not part of the name
    titles = ("Presiden", "Perdana", "Menteri", "Jenderal", "Juru", "Duta", "Kepala")
    for p in persons:
        assert not p.startswith(titles), ents


def test_hyphenated_korean_name_is_one_span(nlp):
    # spaCy's Indonesian tokenizer splits "Geon-woo" into "Geon", "-", "woo"
    doc = nlp("Menteri Pertahanan Korea Selatan Bang Geon-woo mengunjungi Surabaya.")
    assert [t.text for t in doc[5:8]] == ["Geon", "-", "woo"]
    persons = [e.text for e in doc.ents if e.label_ == "PER"]
    assert "Bang Geon-woo" in persons, persons


def test_finds_places(nlp):
    ents = _ents(nlp, "Latihan bersama itu digelar di Natuna dan Surabaya sejak pekan lalu.")
    assert ("Surabaya", "LOC") in ents or ("Natuna", "LOC") in ents, ents


def test_function_words_are_not_entities(nlp):
    texts = [
        "Hubungan kedua negara yang semakin erat dinilai lebih penting daripada sebelumnya.",
        "Hal yang sama juga disampaikan oleh pemerintah, yang menilai situasi lebih stabil.",
        "Mereka sama-sama sepakat bahwa kerja sama yang lebih luas perlu dibangun.",
    ]
    function_words = {"yang", "lebih", "sama", "dan", "di", "dengan", "bahwa", "oleh"}
    for text in texts:
        for ent in nlp(text).ents:
            assert not any(tok.lower_ in function_words for tok in ent), (
                text,
                ent.text,
                ent.label_,
            )
