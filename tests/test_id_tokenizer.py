"""The Indonesian pipeline loads its tokenizer from the model's serialized file
(without first building spaCy's Indonesian defaults): it must tokenize exactly as
``spacy.load`` of the model did before.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

SENTENCES = [
    "Menteri Pertahanan Korea Selatan Lee Jong-sup bertemu Menhan Prabowo Subianto di "
    "Jakarta, Senin (12/9/2022).",
    "Wakil Menteri Luar Negeri Jepang, Yamada Kenji, tiba pukul 10.00 WIB di Bandara "
    "Soekarno-Hatta.",
    "Kantor Kemhan di Jl. Medan Merdeka Barat No. 13-14, Jakarta Pusat, dijaga ketat.",
    "Dr. rer. pol. Andi Widjajanto dan dr. Terawan Agus Putranto hadir dalam rapat itu.",
    "Dana hibah a.n. Kementerian Pertahanan sebesar Rp 10.000 dan Rp10.000.000,00 "
    "dicairkan pada 1 Januari 2023.",
    "Sebanyak 1.500 prajurit TNI AD ikut latihan Garuda Shield ke-16 pada 1-14 Agustus 2022.",
    "Informasi lengkap di https://www.kemhan.go.id/berita/2022/09/12/kunjungan.html atau "
    "email humas@kemhan.go.id.",
    "Negara-negara ASEAN, masing-masing diwakili menteri-menterinya, membahas isu Laut "
    "China Selatan (LCS) secara bersama-sama.",
    "Jenderal TNI (Purn.) Moeldoko, S.IP., mengatakan kerja sama RI-Korsel \"sangat erat\".",
    "Panglima TNI Laksamana Yudo Margono berkata: 'Kita siap!' — lalu pergi.",
    "Pukul 14.30 WITA, KRI Bung Tomo-357 berlabuh; suhu 31,5°C, kecepatan 12 knot.",
    "Kim Jong-un dan Moon Jae-in; Yoon Suk-yeol (윤석열) serta Park Geun-hye.",
    "Ia menyebut U.S.-ROK alliance, AS–Korsel, dan Korea-Jepang dalam pidato 20/10/2023 "
    "pk. 09.15.",
    "Dirjen Strahan Kemhan Mayjen TNI Dr. Rodon Pedrason, M.A., Ph.D. menerima delegasi.",
    "Anggaran pertahanan naik 12,3% menjadi Rp 134,3 triliun (sekitar US$8,7 miliar) tahun ini.",
    "BERITA TERKINI: JAKARTA, KOMPAS.com -- Presiden Joko Widodo alias Jokowi...\n\n"
    "Baca juga: Prabowo Terima Kunjungan Menhan AS di Kantor Kemhan",
    "Tel. (021) 382-8500; faks +62-21-3828500, dll. dsb. a.l. s.d. 31 Des.",
    "Kel. Gambir, Kec. Gambir, Kab. Bogor, Prov. Jawa Barat; lih. hlm. 5 dst.",
]


@pytest.fixture(scope="module")
def pipelines():
    import spacy

    from kg.nlp import ID_MODEL_DIR, _load_indonesian

    if not (ID_MODEL_DIR / "tokenizer").is_file():
        pytest.skip("Indonesian model not shipped")
    return spacy.load(ID_MODEL_DIR), _load_indonesian()


def _pattern(regex):
    return None if regex is None else regex.__self__.pattern


def test_same_tokenizer_settings(pipelines):
    before, after = pipelines
    b, a = before.tokenizer, after.tokenizer
    assert a.rules == b.rules and len(a.rules) > 10_000
    for attr in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        assert _pattern(getattr(a, attr)) == _pattern(getattr(b, attr)), attr
    assert a.faster_heuristics == b.faster_heuristics
    assert a.max_cache_size == b.max_cache_size
    assert after.pipe_names[-2:] == ["tok2vec", "ner"]


@pytest.mark.parametrize("text", SENTENCES)
def test_same_tokens(pipelines, text):
    before, after = pipelines
    b, a = before.make_doc(text), after.make_doc(text)
    assert [(t.text, t.whitespace_, t.norm_, t.idx) for t in a] == \
        [(t.text, t.whitespace_, t.norm_, t.idx) for t in b]


def test_same_tokens_and_entities_in_batches(pipelines):
    before, after = pipelines
    text = "\n".join(SENTENCES)
    for b, a in zip(before.pipe([text, *SENTENCES]), after.pipe([text, *SENTENCES]), strict=True):
        assert [t.text for t in a] == [t.text for t in b]
        assert [(e.start, e.end, e.label_) for e in a.ents] == \
            [(e.start, e.end, e.label_) for e in b.ents]


def test_sentences_exercise_the_special_cases(pipelines):
    """Without the model's special cases ("a.n.", "dr.", "masing-masing") several of the
    sentences tokenize differently, so the comparisons above test the rules."""
    from spacy.tokenizer import Tokenizer

    _, after = pipelines
    t = after.tokenizer
    bare = Tokenizer(after.vocab, prefix_search=t.prefix_search, suffix_search=t.suffix_search,
                     infix_finditer=t.infix_finditer, token_match=t.token_match,
                     url_match=t.url_match)
    changed = [s for s in SENTENCES if [x.text for x in bare(s)] != [x.text for x in t(s)]]
    assert len(changed) >= 5
