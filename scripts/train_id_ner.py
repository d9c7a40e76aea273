#!/usr/bin/env python
"""Train the small Indonesian NER model shipped in ``kg/models/id_ner``.

The model is a plain spaCy pipeline (tokenizer + ``tok2vec`` + ``ner``) with the
labels ``PER``, ``ORG`` and ``LOC``.  It is trained on two public corpora (read
from ``--data``, never copied into the repository):

* ``nergrit/`` -- the NERGrit corpus (Grit-ID, github.com/grit-id/nergrit-corpus)
  as redistributed by IndoNLU (github.com/IndoNLP/indonlu, Apache-2.0).
  Format ``token<TAB>IOB``; tags PERSON / PLACE / ORGANISATION.
* ``idner-news-2k/`` -- idner-news-2k (github.com/khairunnisaor/idner-news-2k,
  MIT; Khairunnisa, Imankulova & Komachi 2020).  Format ``token POS IOB``;
  tags PER / ORG / LOC.

Steps:

1. read train / dev (``valid``) / test of both corpora, map labels to
   PER / ORG / LOC and build ``Doc`` objects directly from the given tokens;
2. drop training sentences that also occur in a dev or test set;
3. optionally (``--augment N``) add N synthetic defence-diplomacy sentences in
   Indonesian news style, built from templates and randomly generated names
   (Korean, Japanese, Western, Indonesian, Chinese, Malay).  Titles and ranks
   are tagged O, only the name is PER.  Names that occur in the evaluation seed
   texts (``--exclude-names-from``) are never generated.  The sentences are
   tokenised with spaCy's Indonesian tokenizer, exactly as at run time
   (``Min-ho`` becomes ``Min - ho``), and the entities are set by character
   offsets;
4. write ``DocBin`` files and a config equivalent to
   ``spacy init config --lang id --pipeline ner --optimize efficiency`` (CPU, no
   vectors) to a temporary directory and train with a step budget;
5. evaluate ``model-best`` on both test sets (re-tokenised with the run-time
   tokenizer), log per-label P / R / F, and save the pipeline with its
   metadata (name, version, sources, performance) to ``--output``.

Run from anywhere::

    python scripts/train_id_ner.py                    # defaults
    python scripts/train_id_ner.py --max-steps 500    # quick smoke run

With the defaults (3000 steps) training takes about 5 to 8 minutes on 2 CPU
cores, depending on the load; the development score levels off after about
2000 steps.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.cli.init_config import init_config
from spacy.cli.train import train as spacy_train
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example

LOG = logging.getLogger("train_id_ner")

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT / ".." / "shared" / "data" / "id-ner"
DEFAULT_OUTPUT = REPO_ROOT / "kg" / "models" / "id_ner"
DEFAULT_EXCLUDE = [REPO_ROOT / "seeds", REPO_ROOT / ".." / "shared" / "seeds"]

LABELS = ("PER", "ORG", "LOC")
LABEL_MAP = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "ORGANISATION": "ORG",
    "ORGANIZATION": "ORG",
    "LOC": "LOC",
    "PLACE": "LOC",
    "LOCATION": "LOC",
}

MODEL_NAME = "id_ner"
MODEL_VERSION = "0.1.0"

SOURCES = [
    {
        "name": "NERGrit corpus (via IndoNLU)",
        "url": "https://github.com/grit-id/nergrit-corpus",
        "license": "NERGrit licence (credit contributors); redistributed by IndoNLU "
        "(https://github.com/IndoNLP/indonlu) under Apache-2.0",
        "author": "Grit-ID contributors; IndoNLU (Wilie et al. 2020)",
    },
    {
        "name": "idner-news-2k",
        "url": "https://github.com/khairunnisaor/idner-news-2k",
        "license": "MIT",
        "author": "Siti Oryza Khairunnisa, Aizhan Imankulova, Mamoru Komachi (2020); "
        "re-annotation of Syaifudin & Nurwidyantoro (2016)",
    },
]


# --------------------------------------------------------------------------
# Corpora
# --------------------------------------------------------------------------

# (corpus name, folder, {split: file name}) -- dev is called "valid" in NERGrit.
CORPORA = [
    ("nergrit", "nergrit", {"train": "train.txt", "dev": "valid.txt", "test": "test.txt"}),
    (
        "idner-news-2k",
        "idner-news-2k",
        {"train": "train.txt", "dev": "dev.txt", "test": "test.txt"},
    ),
]

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%"}
NO_SPACE_AFTER = {"(", "[", "{"}


@dataclass
class Sentence:
    """One gold sentence: tokens plus (start_token, end_token, label) spans."""

    words: list[str]
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def key(self) -> str:
        """Normalised form used to find the same sentence in different splits."""
        return " ".join(w.lower() for w in self.words)


def read_conll(path: Path) -> list[Sentence]:
    """Read a whitespace/TAB separated CoNLL file (token first, IOB tag last).

    Labels are mapped to PER / ORG / LOC.  An ``I-`` tag that does not continue
    an entity of the same label opens a new entity (IOB1 style).
    """
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if words:
            sentences.append(Sentence(list(words), iob_to_spans(tags, path)))
        words.clear()
        tags.clear()

    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                continue
            parts = line.split("\t") if "\t" in line else line.split()
            if len(parts) < 2:
                LOG.warning("%s:%d: cannot parse %r, skipped", path, lineno, line)
                continue
            words.append(parts[0].strip())
            tags.append(parts[-1].strip())
    flush()
    return sentences


def iob_to_spans(tags: list[str], path: Path) -> list[tuple[int, int, str]]:
    """Convert IOB tags to token spans with mapped labels."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O" or "-" not in tag:
            prefix, raw = "O", None
        else:
            prefix, raw = tag.split("-", 1)
        new_label = LABEL_MAP.get(raw) if raw else None
        if raw and new_label is None:
            raise ValueError(f"{path}: unknown label {raw!r}")
        continues = prefix == "I" and label == new_label and start is not None
        if start is not None and not continues:
            spans.append((start, i, label))
            start, label = None, None
        if new_label and not continues:
            start, label = i, new_label
    return spans


def guess_spaces(words: list[str]) -> list[bool]:
    """Whitespace after each token, so that ``doc.text`` reads like news text."""
    spaces = []
    for i, word in enumerate(words):
        last = i == len(words) - 1
        spaces.append(not (last or word in NO_SPACE_AFTER or words[i + 1] in NO_SPACE_BEFORE))
    return spaces


def sentence_to_doc(vocab, sent: Sentence) -> Doc:
    doc = Doc(vocab, words=sent.words, spaces=guess_spaces(sent.words))
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in sent.spans]
    return doc


def load_corpora(data_dir: Path) -> dict[str, dict[str, list[Sentence]]]:
    """Return ``{corpus: {split: [Sentence]}}`` for both corpora."""
    out: dict[str, dict[str, list[Sentence]]] = {}
    for name, folder, files in CORPORA:
        out[name] = {}
        for split, fname in files.items():
            path = data_dir / folder / fname
            if not path.exists():
                raise FileNotFoundError(f"missing corpus file {path}")
            out[name][split] = read_conll(path)
            counts = Counter(lab for s in out[name][split] for *_, lab in s.spans)
            LOG.info(
                "%-14s %-5s %5d sentences, entities %s",
                name,
                split,
                len(out[name][split]),
                dict(sorted(counts.items())),
            )
    return out


# --------------------------------------------------------------------------
# Synthetic defence-diplomacy sentences
# --------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


KR_SURNAMES = _words(
    "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang "
    "Yoo Hong Jeon Ko Yang Son Bae Baek Nam Noh Ha Kwak Sung Cha Joo Woo Min Ryu Na"
)
KR_SYLLABLES_1 = _words(
    "Min Ji Seo Jae Hyun Sung Young Dong Sang Tae Kyung Eun Hye Soo Jung Won Chang "
    "Hee Ki Byung Chul Joon Woo Ho Seung In Kwang Il Su Yeon Da Ha Si Ye Do Sun "
    "Kyu Hae Myung Bo Hyo"
)
KR_SYLLABLES_2 = _words(
    "ho jun woo min soo hyun jin hee young sung seok hoon won bin yeon kyu chul sik "
    "su ae ji ah hwan gyu tae sub jae mo keun bok hak il gil nam yun rok hun seon"
)

JP_GIVEN = _words(
    "Hiroshi Takeshi Kenji Yuki Haruto Daisuke Akira Makoto Satoshi Yoko Naoko Kazuo "
    "Shinji Taro Ichiro Masato Ryota Keiko Emi Sho Kenta Tomohiro Yusuke Takumi Koji "
    "Hideki Noriko Mariko Hiroki Kei Yasuhiro Tetsuya Osamu Shigeru Akiko Minoru"
)
JP_SURNAMES = _words(
    "Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Kobayashi Kato Yoshida Yamada "
    "Sasaki Matsumoto Inoue Kimura Hayashi Shimizu Mori Ikeda Hashimoto Ishikawa "
    "Ogawa Okada Hasegawa Fujita Goto Kondo Murakami Endo Aoki Sakamoto Nishimura "
    "Miura Okamoto Matsuda Nakamura Harada Takeda Kubo Nomura Sugiyama"
)

WEST_FIRST = _words(
    "James Michael Robert David Mark Thomas Daniel Sarah Emily Laura Kevin Brian "
    "Richard Susan Andrew Paul Steven Jennifer Karen Matthew Christopher Anthony "
    "Joshua Rachel Rebecca Patrick Gregory Charles Elizabeth Catherine Victoria "
    "Jonathan Benjamin Samuel Nathan Oliver Henry Claire Sophie Julia Helen Martin "
    "Stephen Philip Simon Lucas Eric Amanda Natalie Frank Raymond"
)
WEST_LAST = _words(
    "Miller Johnson Brown Davis Wilson Anderson Clark Walker Hall Young Allen Wright "
    "Green Baker Adams Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker "
    "Evans Edwards Collins Stewart Morris Murphy Cook Rogers Reed Bailey Cooper "
    "Howard Ward Richardson Wood Watson Brooks Bennett Gray Hughes Price Sanders "
    "Myers Ross Foster Fischer Dubois Lambert Harrison Fletcher Sullivan Donovan"
)

ID_FIRST = _words(
    "Agus Budi Dedi Eko Hendra Rudi Yudi Arief Bambang Wahyu Teguh Iwan Dimas Fajar "
    "Rizky Yusuf Hadi Slamet Sugeng Suryo Rahmat Dewi Sri Siti Rina Wulan Ratna "
    "Indah Putri Ayu Nurul Fitri Bayu Gilang Taufik Hasan Irfan Imam Nanang Heru "
    "Aditya Anton Danu Edy Gatot Haryo Kukuh Mulyadi Purwanto Wisnu Yanuar"
)
ID_LAST = _words(
    "Santoso Wibowo Saputra Pratama Hidayat Nugroho Setiawan Kurniawan Susanto "
    "Gunawan Hartono Purnomo Siregar Nasution Simanjuntak Harahap Lubis Wijaya Halim "
    "Sitompul Prasetyo Wicaksono Permana Ramadhan Firmansyah Maulana Syahputra "
    "Utomo Kusuma Hakim Rahman Pangaribuan Tambunan Manurung Sembiring Ginting "
    "Tarigan Sinaga Panjaitan Lestari Anggraini Rahayu Handayani Suryadi Wardhana"
)

CN_SURNAMES = _words(
    "Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Zhu Hu Guo Lin Luo Gao "
    "Zheng Liang Xie Tang Feng Deng Cao Peng Zeng Xiao"
)
CN_SYLLABLES = _words(
    "Wei Jun Hao Ming Lei Qiang Yong Jie Tao Bin Hui Hong Xin Jian Ping Gang Hua "
    "Fang Yan Chao Feng Zhi Dong Kai Rui Peng Shan"
)

MY_FIRST = _words(
    "Ahmad Mohd Azman Faizal Hafiz Hisham Kamal Nazri Rosli Shahrul Zainal Azlina "
    "Norazah Rashid Syed Khairul Amir"
)
MY_LAST = _words(
    "Ismail Ibrahim Abdullah Hamid Yusof Osman Razak Salleh Hassan Rahim Aziz "
    "Mansor Omar Ariffin Bakar"
)

# nationality code -> (country written in a title, name style)
NATIONS = {
    "KR": (["Korea Selatan", "Korsel"], "kr"),
    "JP": (["Jepang"], "jp"),
    "US": (["Amerika Serikat", "AS"], "west"),
    "AU": (["Australia"], "west"),
    "GB": (["Inggris"], "west"),
    "FR": (["Prancis"], "west"),
    "ID": (["Indonesia", "RI"], "id"),
    "CN": (["Tiongkok", "China"], "cn"),
    "MY": (["Malaysia"], "my"),
    "SG": (["Singapura"], "cn"),
    "PH": (["Filipina"], "west"),
}
NATION_WEIGHTS = {
    "KR": 30,
    "JP": 12,
    "US": 14,
    "AU": 5,
    "GB": 3,
    "FR": 2,
    "ID": 20,
    "CN": 6,
    "MY": 3,
    "SG": 2,
    "PH": 3,
}

CIVIL_TITLES = [
    "Menteri Pertahanan",
    "Menteri Luar Negeri",
    "Wakil Menteri Pertahanan",
    "Menhan",
    "Menlu",
    "Presiden",
    "Perdana Menteri",
    "Wakil Presiden",
    "Duta Besar",
    "Penasihat Keamanan Nasional",
    "Wakil Menteri Luar Negeri",
    "Direktur Jenderal Strategi Pertahanan",
    "Kepala Badan Intelijen",
]
MILITARY_TITLES = [
    "Panglima Angkatan Bersenjata",
    "Kepala Staf Angkatan Darat",
    "Kepala Staf Angkatan Laut",
    "Kepala Staf Angkatan Udara",
    "Komandan Armada",
    "Komandan Pasukan Gabungan",
]
RANKS = [
    "Jenderal",
    "Letnan Jenderal",
    "Letjen",
    "Mayor Jenderal",
    "Mayjen",
    "Brigadir Jenderal",
    "Laksamana",
    "Laksamana Madya",
    "Laksamana Muda",
    "Marsekal",
    "Marsekal Madya",
    "Kolonel",
    "Letnan Kolonel",
    "Mayor",
    "Kapten",
]

COUNTRIES = [
    "Korea Selatan",
    "Korea Utara",
    "Jepang",
    "Amerika Serikat",
    "AS",
    "Indonesia",
    "Australia",
    "Tiongkok",
    "China",
    "Filipina",
    "Singapura",
    "Malaysia",
    "Vietnam",
    "Thailand",
    "India",
    "Inggris",
    "Prancis",
    "Jerman",
    "Rusia",
    "Kanada",
    "Selandia Baru",
    "Brunei Darussalam",
    "Kamboja",
]
PLACES = [
    "Jakarta",
    "Seoul",
    "Tokyo",
    "Washington",
    "Canberra",
    "Kuala Lumpur",
    "Manila",
    "Bangkok",
    "Hanoi",
    "Beijing",
    "Busan",
    "Incheon",
    "Pyeongtaek",
    "Yokosuka",
    "Okinawa",
    "Surabaya",
    "Bandung",
    "Natuna",
    "Bali",
    "Makassar",
    "Darwin",
    "Hawaii",
    "Guam",
    "Honolulu",
    "Vientiane",
    "London",
    "Paris",
    "Brussel",
    "New Delhi",
    "Batam",
    "Medan",
    "Biak",
    "Kupang",
    "Ambon",
    "Manado",
    "Yogyakarta",
    "Laut China Selatan",
    "Selat Malaka",
    "Semenanjung Korea",
    "Laut Natuna Utara",
    "Selat Taiwan",
    "Laut Jepang",
    "Pyongyang",
    "Sapporo",
    "Nusa Dua",
    "Bogor",
]
ORGS = [
    "Kementerian Pertahanan",
    "Kementerian Luar Negeri",
    "Kemhan",
    "Kemenhan",
    "Kemlu",
    "TNI",
    "TNI AL",
    "TNI AU",
    "TNI AD",
    "Mabes TNI",
    "Bakamla",
    "Badan Intelijen Negara",
    "BIN",
    "Polri",
    "ASEAN",
    "NATO",
    "PBB",
    "Dewan Keamanan PBB",
    "Komando PBB",
    "Pentagon",
    "Gedung Putih",
    "DPR",
    "Komisi I DPR",
    "Lemhannas",
    "Universitas Pertahanan",
    "PT Pindad",
    "PT PAL Indonesia",
    "PT Dirgantara Indonesia",
    "Hanwha Aerospace",
    "Korea Aerospace Industries",
    "Mitsubishi Heavy Industries",
    "Lockheed Martin",
    "Komando Indo-Pasifik AS",
    "Pasukan Bela Diri Jepang",
    "Angkatan Laut AS",
    "Kepala Staf Gabungan",
    "Kantor Staf Presiden",
    "Kementerian Unifikasi",
    "Badan Pengembangan Pertahanan",
    "Pasukan AS di Korea",
    "USFK",
    "JCS",
    "Kementerian Pertahanan Nasional",
    "Badan Keamanan Laut",
]
ORG_WITH_COUNTRY = [
    "Kementerian Pertahanan {}",
    "Kementerian Luar Negeri {}",
    "Kedutaan Besar {}",
    "Angkatan Laut {}",
    "Angkatan Udara {}",
    "Angkatan Darat {}",
    "Kepala Staf Gabungan {}",
    "Militer {}",
]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
TOPICS = [
    "kerja sama pertahanan",
    "keamanan maritim",
    "latihan militer gabungan",
    "industri pertahanan",
    "pertukaran informasi intelijen",
    "pengendalian senjata",
    "stabilitas kawasan",
    "denuklirisasi",
    "pengadaan alutsista",
    "keamanan siber",
    "operasi penjaga perdamaian",
    "penanggulangan terorisme",
    "bantuan kemanusiaan",
]

# Templates.  Entity slots: P1/P2/P3 (a person, nationality chosen at random),
# OFF1/OFF2 (title + country + person), MIL1 (military title / rank + person),
# PID1 (an Indonesian person), S1/S2 (second mention of P1/P2: surname),
# ORG/ORG2, TNI (ORG), LOC/LOC2, C/C2 (country, LOC).
# Plain slots (tagged O): DAY, DATE, NUM, TOPIC, RANK, TITLE, YEAR.
TEMPLATES = [
    "{OFF1} bertemu dengan {OFF2} di {LOC} pada {DAY} ({DATE}).",
    "Juru bicara {ORG} {RANK} {P1} mengatakan latihan gabungan itu akan digelar di "
    "{LOC} pekan depan.",
    "{OFF1} dan {OFF2} sepakat memperkuat {TOPIC} kedua negara.",
    "Dalam pertemuan itu, {S1} menegaskan pentingnya {TOPIC} di kawasan.",
    "{OFF1} tiba di {LOC} pada {DAY} malam untuk menghadiri pertemuan tingkat menteri.",
    "Kunjungan {S1} ke {C} merupakan yang pertama sejak {YEAR}, kata {ORG} dalam "
    "pernyataan tertulis.",
    "{P1}, yang menjabat sebagai {TITLE} sejak tahun lalu, mengatakan hubungan "
    "dengan {C} semakin erat.",
    "Menurut {P1}, {ORG} telah mengirimkan {NUM} personel ke {LOC}.",
    '"Kami berkomitmen menjaga perdamaian di kawasan," ujar {S1} kepada wartawan di {LOC}, {DAY}.',
    "{MIL1} dari {ORG} memimpin delegasi ke {LOC}.",
    "{OFF1} menerima kunjungan kehormatan {OFF2} di kantor {ORG}, {LOC}.",
    "Pertemuan antara {S1} dan {S2} berlangsung selama sekitar satu jam.",
    "{ORG} menyatakan akan menambah anggaran pertahanan sebesar {NUM} persen tahun depan.",
    "Sebelumnya, {OFF1} telah berbicara melalui telepon dengan {OFF2}.",
    "Delegasi {C} dipimpin oleh {OFF1}.",
    "{P1} menggantikan {P2} yang mengundurkan diri pada bulan lalu.",
    "Hal yang sama juga disampaikan oleh {OFF1}, yang menilai situasi keamanan di "
    "{LOC} lebih stabil.",
    "{S1} menambahkan bahwa pihaknya akan terus berkoordinasi dengan {ORG}.",
    "Kedua menteri, {P1} dan {P2}, juga meninjau pangkalan militer di {LOC}.",
    "{OFF1} menunjuk {P2} sebagai menteri pertahanan yang baru.",
    "{OFF1} (kiri) berjabat tangan dengan {OFF2} (kanan) di {LOC}, {DAY} ({DATE}).",
    "Latihan militer gabungan antara {ORG} dan {ORG2} dijadwalkan berlangsung di perairan {LOC}.",
    "Mantan {TITLE} {P1} juga hadir dalam acara tersebut.",
    "{MIL1} mengatakan kepada {ORG} bahwa situasi di perbatasan tetap terkendali.",
    "{OFF1} dan {OFF2} membahas {TOPIC} dalam pertemuan di {LOC}.",
    "{S1} juga mengundang {S2} untuk berkunjung ke {C} tahun depan.",
    "Panglima {TNI} {RANK} {PID1} menerima kunjungan {OFF2} di {LOC}.",
    "{ORG} dan {ORG2} menandatangani nota kesepahaman tentang {TOPIC} di {LOC}.",
    "Sementara itu, {OFF1} menyebut bahwa {C} akan mengirim kapal perang ke {LOC}.",
    "{P1} adalah {TITLE} pertama yang mengunjungi {LOC} dalam lima tahun terakhir.",
    "Dalam konferensi pers bersama, {S1} dan {S2} menyatakan dukungan terhadap {TOPIC}.",
    "Rombongan {OFF1} disambut oleh {MIL2} setibanya di {LOC}.",
    "{ORG} mengatakan pesawat itu terdeteksi di atas {LOC} pada {DAY} pagi.",
    "{OFF1} menyampaikan belasungkawa kepada keluarga korban dalam kecelakaan di {LOC}.",
    "Menurut {ORG}, {RANK} {P1} akan menjabat sebagai komandan yang baru mulai bulan depan.",
    "Pernyataan itu disampaikan {S1} setelah bertemu dengan {P2} dari {ORG}.",
    "{C} dan {C2} sepakat menggelar dialog {TOPIC} secara rutin, kata {OFF1}.",
    "Sebanyak {NUM} tentara dari {C} ikut serta dalam latihan yang dipimpin {MIL1}.",
    "{OFF1} mengatakan hal itu lebih penting daripada isu lainnya.",
    "Hubungan {C} dengan {C2} sama pentingnya, ujar {P1} di {LOC}.",
]

SLOT_RE = re.compile(r"\{([A-Z]+)(\d?)\}")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


@dataclass
class Person:
    full: str
    short: str  # form used for a second mention


class NameFactory:
    """Random names from syllable and first/last-name lists.

    ``banned_words`` (lower-case words from the evaluation seed texts) is used
    to make sure that no real person of the seed texts is generated: a
    candidate is rejected if its given name (Korean / Chinese) or any of its
    name parts other than a common surname occurs in the seeds.
    """

    def __init__(self, rng: random.Random, banned_text: str = "") -> None:
        self.rng = rng
        self.banned_text = banned_text.lower()
        self.banned_words = set(re.findall(r"[a-z][a-z'\-]*", self.banned_text))
        surnames = {s.lower() for s in KR_SURNAMES + CN_SURNAMES}
        self.pools = {}
        removed = 0
        for key, pool in {
            "jp_given": JP_GIVEN,
            "jp_last": JP_SURNAMES,
            "west_first": WEST_FIRST,
            "west_last": WEST_LAST,
            "id_first": ID_FIRST,
            "id_last": ID_LAST,
            "my_first": MY_FIRST,
            "my_last": MY_LAST,
        }.items():
            kept = [n for n in pool if n.lower() in surnames or n.lower() not in self.banned_words]
            removed += len(pool) - len(kept)
            self.pools[key] = kept
        self.removed_pool_entries = removed
        self.rejected = 0

    def _given_is_banned(self, parts: list[str]) -> bool:
        forms = {"-".join(parts), "".join(parts), " ".join(parts)}
        return any(
            re.search(r"(?<![a-z])" + re.escape(f.lower()) + r"(?![a-z])", self.banned_text)
            for f in forms
        )

    def person(self, style: str) -> Person:
        for _ in range(100):
            p = self._person(style)
            if p is not None:
                return p
            self.rejected += 1
        raise RuntimeError("could not generate an unbanned name")

    def _person(self, style: str) -> Person | None:
        r, pools = self.rng, self.pools
        if style == "kr":
            sur = r.choice(KR_SURNAMES)
            parts = [r.choice(KR_SYLLABLES_1), r.choice(KR_SYLLABLES_2)]
            if self._given_is_banned(parts):
                return None
            x = r.random()
            if x < 0.75:
                given = f"{parts[0]}-{parts[1]}"
            elif x < 0.88:
                given = parts[0] + parts[1]
            else:
                given = f"{parts[0]} {_cap(parts[1])}"
            return Person(f"{sur} {given}", sur)
        if style == "cn":
            sur = r.choice(CN_SURNAMES)
            parts = [r.choice(CN_SYLLABLES)]
            if r.random() < 0.6:
                parts.append(r.choice(CN_SYLLABLES).lower())
            if self._given_is_banned(parts):
                return None
            return Person(f"{sur} {''.join(parts)}", sur)
        if style == "jp":
            given, last = r.choice(pools["jp_given"]), r.choice(pools["jp_last"])
            return Person(f"{given} {last}", last)
        if style == "west":
            first, last = r.choice(pools["west_first"]), r.choice(pools["west_last"])
            if r.random() < 0.1:
                first += f" {r.choice('ABCDEFGHJKLMNPRSTW')}."
            return Person(f"{first} {last}", last)
        if style == "my":
            first, last = r.choice(pools["my_first"]), r.choice(pools["my_last"])
            return Person(f"{first} {last}", first if r.random() < 0.5 else last)
        # Indonesian: one, two or three name parts
        x = r.random()
        first = r.choice(pools["id_first"])
        if x < 0.15:
            return Person(first, first)
        last = r.choice(pools["id_last"])
        if x < 0.85:
            return Person(f"{first} {last}", r.choice([first, last]))
        middle = r.choice([n for n in pools["id_first"] if n != first])
        return Person(f"{first} {middle} {last}", last)


class SyntheticGenerator:
    """Fill :data:`TEMPLATES` with random entities; returns (text, char spans)."""

    def __init__(self, rng: random.Random, names: NameFactory) -> None:
        self.rng = rng
        self.names = names

    def nation(self, exclude: str | None = None) -> str:
        codes = [c for c in NATION_WEIGHTS if c != exclude]
        return self.rng.choices(codes, weights=[NATION_WEIGHTS[c] for c in codes])[0]

    def org(self) -> str:
        r = self.rng
        if r.random() < 0.3:
            return r.choice(ORG_WITH_COUNTRY).format(r.choice(NATIONS[self.nation()][0]))
        return r.choice(ORGS)

    def sentence(self) -> tuple[str, list[tuple[int, int, str]]]:
        r = self.rng
        template = r.choice(TEMPLATES)
        people: dict[str, Person] = {}
        used_nations: dict[str, str] = {}
        pieces: list[tuple[str, str | None]] = []  # (text, label or None)
        pos = 0

        def person_for(idx: str, code: str | None = None) -> Person:
            if idx not in people:
                other = next(iter(used_nations.values()), None)
                code = code or self.nation(exclude=other if r.random() < 0.8 else None)
                used_nations[idx] = code
                people[idx] = self.names.person(NATIONS[code][1])
            return people[idx]

        for m in SLOT_RE.finditer(template):
            if m.start() > pos:
                pieces.append((template[pos : m.start()], None))
            pos = m.end()
            kind, idx = m.group(1), m.group(2) or "1"
            if kind == "P":
                pieces.append((person_for(idx).full, "PER"))
            elif kind == "PID":
                pieces.append((person_for(idx, "ID").full, "PER"))
            elif kind == "S":
                pieces.append((person_for(idx).short, "PER"))
            elif kind == "OFF":
                person = person_for(idx)
                code = used_nations[idx]
                title = r.choice(CIVIL_TITLES + MILITARY_TITLES[:2])
                if r.random() < 0.8:
                    # the country inside a title is part of the title (O), as in
                    # idner-news-2k ("Menteri Pertahanan Amerika Serikat ...")
                    title += " " + r.choice(NATIONS[code][0])
                if r.random() < 0.2:
                    title += " " + r.choice(RANKS[:9])
                pieces.append((title + " ", None))
                pieces.append((person.full, "PER"))
            elif kind == "MIL":
                person = person_for(idx)
                if r.random() < 0.5:
                    title = r.choice(MILITARY_TITLES) + " " + r.choice(RANKS)
                else:
                    title = r.choice(RANKS)
                pieces.append((title + " ", None))
                pieces.append((person.full, "PER"))
            elif kind == "TNI":
                pieces.append(("TNI", "ORG"))
            elif kind == "ORG":
                pieces.append((self.org(), "ORG"))
            elif kind == "LOC":
                pieces.append((r.choice(PLACES), "LOC"))
            elif kind == "C":
                pieces.append((r.choice(COUNTRIES), "LOC"))
            elif kind == "DAY":
                pieces.append((r.choice(DAYS), None))
            elif kind == "DATE":
                pieces.append((f"{r.randint(1, 28)}/{r.randint(1, 12)}", None))
            elif kind == "YEAR":
                pieces.append((str(r.randint(2005, 2023)), None))
            elif kind == "NUM":
                pieces.append((str(r.choice([3, 5, 12, 40, 150, 300, 1200])), None))
            elif kind == "TOPIC":
                pieces.append((r.choice(TOPICS), None))
            elif kind == "RANK":
                pieces.append((r.choice(RANKS), None))
            elif kind == "TITLE":
                pieces.append((r.choice(CIVIL_TITLES), None))
            else:
                raise ValueError(f"unknown slot {m.group(0)} in {template!r}")
        pieces.append((template[pos:], None))

        text, spans = "", []
        for piece, label in pieces:
            if label:
                spans.append((len(text), len(text) + len(piece), label))
            text += piece
        if text[:1].islower():
            text = _cap(text)
        return text, spans


def synthetic_docs(nlp, n: int, seed: int, banned_text: str) -> list[Doc]:
    """``n`` synthetic sentences, tokenised with the run-time tokenizer."""
    rng = random.Random(seed)
    names = NameFactory(rng, banned_text)
    gen = SyntheticGenerator(rng, names)
    docs, misaligned = [], 0
    while len(docs) < n:
        text, spans = gen.sentence()
        doc = nlp.make_doc(text)
        ents = [doc.char_span(s, e, label=lab, alignment_mode="strict") for s, e, lab in spans]
        if any(ent is None for ent in ents):
            misaligned += 1
            continue
        doc.ents = ents
        docs.append(doc)
    LOG.info(
        "synthetic: %d sentences (%d misaligned skipped); %d name-list entries and "
        "%d generated names excluded because they occur in the seed texts",
        len(docs),
        misaligned,
        names.removed_pool_entries,
        names.rejected,
    )
    return docs


def read_banned_text(dirs: list[Path]) -> str:
    """Concatenated text of the seed documents whose names must not be generated."""
    texts = []
    for d in dirs:
        if d.is_dir():
            files = sorted(
                p
                for p in d.rglob("*")
                if p.is_file() and p.suffix in {".txt", ".md", ".json", ".jsonl"}
            )
            for p in files:
                texts.append(p.read_text(encoding="utf-8", errors="replace"))
            LOG.info("name exclusion: read %d files from %s", len(files), d.resolve())
    if not texts:
        LOG.warning("name exclusion: no seed texts found in %s", [str(d) for d in dirs])
    return "\n".join(texts)


# --------------------------------------------------------------------------
# Training and evaluation
# --------------------------------------------------------------------------


def write_config(path: Path, train: Path, dev: Path, args: argparse.Namespace) -> None:
    """Efficiency NER config for Indonesian (CPU, no vectors) with our budget."""
    config = init_config(lang="id", pipeline=["ner"], optimize="efficiency", gpu=False)
    config["paths"]["train"] = str(train)
    config["paths"]["dev"] = str(dev)
    config["system"]["seed"] = args.seed
    config["training"]["max_steps"] = args.max_steps
    config["training"]["max_epochs"] = 0
    config["training"]["patience"] = args.patience
    config["training"]["eval_frequency"] = args.eval_frequency
    config.to_disk(path)


def evaluate(nlp, docs: list[Doc]) -> dict:
    """Entity P/R/F, with the text re-tokenised by the pipeline's own tokenizer."""
    examples = [Example(nlp.make_doc(d.text), d) for d in docs]
    scores = nlp.evaluate(examples)
    per_type = {
        lab: {k: round(float(v), 4) for k, v in vals.items()}
        for lab, vals in sorted((scores.get("ents_per_type") or {}).items())
    }
    return {
        "ents_p": round(float(scores["ents_p"]), 4),
        "ents_r": round(float(scores["ents_r"]), 4),
        "ents_f": round(float(scores["ents_f"]), 4),
        "ents_per_type": per_type,
    }


def log_scores(name: str, scores: dict) -> None:
    LOG.info(
        "%-30s ALL  P %.3f  R %.3f  F %.3f",
        name,
        scores["ents_p"],
        scores["ents_r"],
        scores["ents_f"],
    )
    for lab, s in scores["ents_per_type"].items():
        LOG.info("%-30s %-4s P %.3f  R %.3f  F %.3f", name, lab, s["p"], s["r"], s["f"])


def save_model(model_best: Path, output: Path, meta_extra: dict) -> None:
    """Copy ``model-best`` to ``output`` and write our metadata into meta.json."""
    if output.exists():
        if any(output.iterdir()) and not (output / "meta.json").exists():
            raise SystemExit(f"{output} exists and is not a spaCy model; refusing to overwrite")
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(model_best, output)

    # Training-time paths (temporary directory) are irrelevant once trained.
    cfg_path = output / "config.cfg"
    cfg = spacy.util.load_config(cfg_path, interpolate=False)
    cfg["paths"]["train"] = None
    cfg["paths"]["dev"] = None
    cfg.to_disk(cfg_path)

    meta_path = output / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(meta_extra)
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def prune_strings(output: Path, check_docs: list[Doc]) -> None:
    """Drop the training vocabulary from ``vocab/strings.json``.

    spaCy saves every string seen during training (all corpus words, their
    prefixes, suffixes and shapes).  The model does not need them: the
    embeddings hash the attributes of the text at run time and the tokenizer
    and NER labels are restored from their own files.  We keep only the strings
    of a blank Indonesian pipeline plus the labels, and check that the
    predictions on ``check_docs`` are unchanged; otherwise the full list is
    restored.
    """
    strings_path = output / "vocab" / "strings.json"
    before = spacy.load(output)
    expected = [
        [(e.start_char, e.end_char, e.label_) for e in d.ents]
        for d in before.pipe(d.text for d in check_docs)
    ]
    original = strings_path.read_text(encoding="utf-8")
    keep = sorted(set(spacy.blank("id").vocab.strings) | set(LABELS))
    strings_path.write_text(json.dumps(keep, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    after = spacy.load(output)
    got = [
        [(e.start_char, e.end_char, e.label_) for e in d.ents]
        for d in after.pipe(d.text for d in check_docs)
    ]
    if got != expected:
        strings_path.write_text(original, encoding="utf-8")
        LOG.warning("pruning vocab/strings.json changed predictions; kept the full string store")
        return
    LOG.info(
        "vocab/strings.json pruned from %d to %d strings (predictions unchanged on %d sentences)",
        len(json.loads(original)),
        len(keep),
        len(check_docs),
    )


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="folder with nergrit/ and idner-news-2k/ (default: %(default)s)",
    )
    p.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="where the trained pipeline is written (default: %(default)s)",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=0,
        help="random seed for training and synthetic data (default: %(default)s)",
    )
    p.add_argument(
        "--max-steps", type=int, default=3000, help="training step budget (default: %(default)s)"
    )
    p.add_argument(
        "--patience",
        type=int,
        default=1000,
        help="stop after this many steps without dev improvement (default: %(default)s)",
    )
    p.add_argument(
        "--eval-frequency",
        type=int,
        default=250,
        help="steps between dev evaluations (default: %(default)s)",
    )
    p.add_argument(
        "--augment",
        type=int,
        default=1500,
        help="number of synthetic defence-diplomacy sentences, 0 to disable (default: %(default)s)",
    )
    p.add_argument(
        "--exclude-names-from",
        type=Path,
        action="append",
        default=None,
        help="folder of texts whose person names must never be generated (repeatable; "
        "default: seeds/ and ../shared/seeds/ when present)",
    )
    p.add_argument(
        "--keep-workdir",
        action="store_true",
        help="keep the temporary training folder and log its path",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("spacy").propagate = False  # spaCy has its own handler
    # turn SIGTERM into SystemExit so that the temporary folder is removed
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    data_dir = args.data.resolve()
    output = args.output.resolve()
    LOG.info("data %s -> model %s (spaCy %s)", data_dir, output, spacy.__version__)

    nlp = spacy.blank("id")
    corpora = load_corpora(data_dir)

    held_out = {s.key() for c in corpora.values() for split in ("dev", "test") for s in c[split]}
    train_sents: list[Sentence] = []
    for name, splits in corpora.items():
        kept = [s for s in splits["train"] if s.key() not in held_out]
        LOG.info(
            "%s: dropped %d training sentences that occur in dev/test",
            name,
            len(splits["train"]) - len(kept),
        )
        train_sents.extend(kept)

    train_docs = [sentence_to_doc(nlp.vocab, s) for s in train_sents]
    dev_docs = [sentence_to_doc(nlp.vocab, s) for c in corpora.values() for s in c["dev"]]
    test_docs = {
        name: [sentence_to_doc(nlp.vocab, s) for s in c["test"]] for name, c in corpora.items()
    }

    synth_eval_docs: list[Doc] = []
    if args.augment > 0:
        dirs = args.exclude_names_from or [d for d in DEFAULT_EXCLUDE if d.is_dir()]
        banned = read_banned_text(dirs)
        synth = synthetic_docs(nlp, args.augment, args.seed, banned)
        real_tokens = sum(len(d) for d in train_docs)
        synth_tokens = sum(len(d) for d in synth)
        LOG.info(
            "synthetic data: %d sentences / %d tokens = %.0f%% of training tokens",
            len(synth),
            synth_tokens,
            100 * synth_tokens / (real_tokens + synth_tokens),
        )
        train_docs.extend(synth)
        # a small held-out synthetic set (other seed) as a domain sanity check
        synth_eval_docs = synthetic_docs(nlp, 300, args.seed + 10_000, banned)
    random.Random(args.seed).shuffle(train_docs)
    LOG.info("training on %d sentences, dev %d sentences", len(train_docs), len(dev_docs))

    workdir = Path(tempfile.mkdtemp(prefix="id_ner_"))
    try:
        train_path, dev_path = workdir / "train.spacy", workdir / "dev.spacy"
        DocBin(docs=train_docs, store_user_data=False).to_disk(train_path)
        DocBin(docs=dev_docs, store_user_data=False).to_disk(dev_path)
        config_path = workdir / "config.cfg"
        write_config(config_path, train_path, dev_path, args)

        LOG.info("training: max %d steps, eval every %d steps", args.max_steps, args.eval_frequency)
        t0 = time.monotonic()
        spacy_train(config_path, workdir / "out", use_gpu=-1)
        train_seconds = time.monotonic() - t0
        LOG.info("training took %.1f minutes", train_seconds / 60)

        model_best = workdir / "out" / "model-best"
        best = spacy.load(model_best)
        performance: dict = {}
        performance["dev"] = evaluate(best, dev_docs)
        log_scores("dev (nergrit + idner-news-2k)", performance["dev"])
        all_test: list[Doc] = []
        performance["test"] = {}
        for name, docs in test_docs.items():
            performance["test"][name] = evaluate(best, docs)
            log_scores(f"test {name}", performance["test"][name])
            all_test.extend(docs)
        combined = evaluate(best, all_test)
        log_scores("test (both corpora)", combined)
        if synth_eval_docs:
            performance["synthetic_heldout"] = evaluate(best, synth_eval_docs)
            log_scores("synthetic held-out (sanity)", performance["synthetic_heldout"])
        # spaCy's standard keys: the combined test scores
        performance = {**combined, **performance}

        meta_extra = {
            "lang": "id",
            "name": MODEL_NAME,
            "version": MODEL_VERSION,
            "description": (
                "Small Indonesian NER pipeline (PER, ORG, LOC) for the kg defence-news "
                "knowledge-graph builder. Trained on NERGrit (via IndoNLU) and "
                "idner-news-2k plus synthetic defence-diplomacy sentences; "
                "scores in 'performance' are on the held-out test sets."
            ),
            "author": "kg project",
            "license": "MIT (trained weights); see 'sources' for training-data licences",
            "sources": SOURCES,
            "performance": performance,
            "kg_training": {
                "script": "scripts/train_id_ner.py",
                "seed": args.seed,
                "max_steps": args.max_steps,
                "augment": args.augment,
                "train_sentences": len(train_docs),
                "dev_sentences": len(dev_docs),
                "training_seconds": round(train_seconds),
                "evaluation": "gold text re-tokenised with the pipeline tokenizer",
            },
        }
        save_model(model_best, output, meta_extra)
        prune_strings(output, dev_docs + all_test + synth_eval_docs)
    finally:
        if args.keep_workdir:
            LOG.info("kept work dir %s", workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    loaded = spacy.load(output)
    assert loaded.lang == "id" and set(loaded.get_pipe("ner").labels) == set(LABELS), (
        loaded.pipe_names
    )
    LOG.info(
        "saved %s: pipeline %s, labels %s, %.1f MB",
        output,
        loaded.pipe_names,
        sorted(loaded.get_pipe("ner").labels),
        dir_size(output) / 1e6,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
