#!/usr/bin/env python
"""Generate a realistic synthetic corpus of defence-diplomacy news articles.

English and Indonesian articles in the style of the seed articles: a headline,
a byline or dateline, a lead sentence naming two officials, then shuffled
sentences about meetings, forums, agencies, quotes and background. Officials
come from a fixed *cast* (per country, each with a role and a name built from
syllable lists), so the same people recur across articles and the graph is
connected the way a real news corpus is. Every text is unique (checked by hash).

Usage::

    python benchmarks/generate_corpus.py OUT_DIR -n 1000            # 30 % Indonesian
    python benchmarks/generate_corpus.py OUT_DIR -n 200 --id-share 0 --seed 7

Writes ``OUT_DIR/000000_en.txt`` ... and nothing else. The same ``--seed`` and
``-n`` always give the same files; ``--start`` numbers the files from another
index (to add articles to an existing corpus with a different seed).

Examples
--------
>>> gen = CorpusGenerator(seed=1)
>>> text = gen.article(0, "en")
>>> len(text.split()) > 150
True
>>> gen.article(1, "id") != gen.article(2, "id")
True
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import random
import sys
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("generate_corpus")

# ---------------------------------------------------------------------- names
_KO_SURNAMES = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim",
                "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong",
                "Jeon", "Ko", "Moon", "Yang", "Son", "Bae", "Baek", "Heo", "Nam", "Noh"]
_KO_SYLLABLES = ["min", "seo", "ji", "hyun", "jun", "woo", "young", "sung", "jae", "hoon",
                 "kyu", "tae", "dong", "sang", "won", "chul", "ho", "jin", "soo", "hee",
                 "seok", "gyu", "baek", "yeon", "kwang", "il", "myung", "keun", "hwan", "yong"]
_JA_SYLLABLES = ["ka", "ki", "ta", "na", "ha", "ma", "ya", "mo", "to", "shi", "ro", "ri",
                 "su", "ko", "no", "mi", "sa", "hi", "ku", "fu", "chi", "se"]
_JA_SUFFIXES = ["da", "ta", "moto", "mura", "kawa", "yama", "shima", "hara", "no", "zaki",
                "gawa", "uchi"]
_JA_GIVEN_END = ["shi", "ru", "ya", "ki", "o", "ta", "ji", "hiro", "kazu", "nori", "taka"]
_WEST_FIRST = ["James", "John", "Robert", "Michael", "William", "David", "Richard", "Thomas",
               "Mark", "Paul", "Steven", "Andrew", "Kenneth", "Brian", "Kevin", "Jason",
               "Laura", "Susan", "Karen", "Lisa", "Nancy", "Sarah", "Emily", "Rebecca",
               "Christine", "Kathleen", "Lloyd", "Antony", "Elbridge", "Ely", "Samuel"]
_WEST_ROOTS = ["Har", "Mor", "Wil", "Ben", "Carl", "Dal", "Fos", "Gar", "Hol", "Jen", "Kel",
               "Lan", "Mar", "Nor", "Pen", "Ram", "Stan", "Tal", "Wes", "Brad", "Crom",
               "Ash", "Whit", "Fair", "Pres"]
_WEST_ENDS = ["son", "ton", "ley", "ford", "man", "well", "ner", "ing", "by", "wood",
              "ham", "field", "more", "wick", "stone", "ridge"]
_ID_ROOTS = ["Bu", "Har", "Sur", "Pra", "Jo", "Wi", "Su", "Ag", "Sjaf", "Bam", "Dar", "Ri",
             "Yu", "Her", "Ku", "Mul", "Sis", "Tri", "Wah", "And"]
_ID_ENDS = ["di", "to", "yo", "bowo", "ko", "no", "man", "rie", "sono", "wan", "yanto",
            "hadi", "yadi", "santo", "wibowo", "jaya"]
_PH_FIRST = ["Gilberto", "Eduardo", "Romeo", "Andres", "Jose", "Delfin", "Carlito",
             "Teodoro", "Ramon", "Enrique"]
_PH_ROOTS = ["Te", "Ano", "Bri", "Sant", "Ver", "Cas", "Del", "Mar", "Lo", "Galv"]
_PH_ENDS = ["odoro", "no", "ones", "iago", "gara", "tillo", "rosa", "quez", "renzana", "ez"]


def _korean(rng: random.Random) -> tuple[str, str]:
    given = rng.choice(_KO_SYLLABLES).capitalize() + "-" + rng.choice(_KO_SYLLABLES)
    surname = rng.choice(_KO_SURNAMES)
    return f"{surname} {given}", surname


def _japanese(rng: random.Random) -> tuple[str, str]:
    surname = "".join(rng.choice(_JA_SYLLABLES) for _ in range(rng.randint(1, 2)))
    surname = (surname + rng.choice(_JA_SUFFIXES)).capitalize()
    given = (rng.choice(_JA_SYLLABLES) + rng.choice(_JA_GIVEN_END)).capitalize()
    return f"{given} {surname}", surname


def _western(rng: random.Random) -> tuple[str, str]:
    surname = rng.choice(_WEST_ROOTS) + rng.choice(_WEST_ENDS)
    return f"{rng.choice(_WEST_FIRST)} {surname}", surname


def _indonesian(rng: random.Random) -> tuple[str, str]:
    first = rng.choice(_ID_ROOTS) + rng.choice(_ID_ENDS)
    last = rng.choice(_ID_ROOTS) + rng.choice(_ID_ENDS)
    return f"{first} {last}", last


def _filipino(rng: random.Random) -> tuple[str, str]:
    surname = rng.choice(_PH_ROOTS) + rng.choice(_PH_ENDS)
    return f"{rng.choice(_PH_FIRST)} {surname}", surname


# ---------------------------------------------------------------------- countries, roles
@dataclass(frozen=True)
class Country:
    """How each language names a country, and how its people are named."""

    code: str
    en_adj: str
    en_name: str
    id_name: str
    capital: str
    names: object  # callable(rng) -> (full name, surname)


COUNTRIES = [
    Country("KR", "South Korean", "South Korea", "Korea Selatan", "Seoul", _korean),
    Country("US", "U.S.", "the United States", "Amerika Serikat", "Washington", _western),
    Country("JP", "Japanese", "Japan", "Jepang", "Tokyo", _japanese),
    Country("ID", "Indonesian", "Indonesia", "Indonesia", "Jakarta", _indonesian),
    Country("PH", "Philippine", "the Philippines", "Filipina", "Manila", _filipino),
    Country("AU", "Australian", "Australia", "Australia", "Canberra", _western),
]
_WEIGHTS = {"KR": 5, "US": 5, "JP": 3, "ID": 3, "PH": 1, "AU": 1}

#: (English title before the name, Indonesian title before the name, rank, countries)
ROLES = [
    ("Defense Minister", "Menteri Pertahanan", "", "KR JP ID PH AU"),
    ("Defense Secretary", "Menteri Pertahanan", "", "US"),
    ("Foreign Minister", "Menteri Luar Negeri", "", "KR JP ID PH AU"),
    ("Secretary of State", "Menteri Luar Negeri", "", "US"),
    ("Vice Defense Minister", "Wakil Menteri Pertahanan", "", "KR JP ID"),
    ("Deputy Secretary of Defense", "Wakil Menteri Pertahanan", "", "US"),
    ("Joint Chiefs of Staff Chairman", "Ketua Kepala Staf Gabungan", "Gen.", "KR US"),
    ("Navy Chief of Staff", "Kepala Staf Angkatan Laut", "Adm.", "KR ID JP"),
    ("Army Chief of Staff", "Kepala Staf Angkatan Darat", "Gen.", "KR ID US"),
    ("Defense Ministry spokesperson", "juru bicara Kementerian Pertahanan", "", "KR JP ID"),
    ("Joint Chiefs of Staff spokesperson", "juru bicara Kepala Staf Gabungan", "Col.", "KR"),
    ("Ambassador", "Duta Besar", "", "KR US JP ID AU PH"),
    ("National Security Adviser", "Penasihat Keamanan Nasional", "", "KR US JP"),
]
_ID_RANK = {"Gen.": "Jenderal", "Adm.": "Laksamana", "Col.": "Kolonel"}

FORUMS_EN = [
    "Security Consultative Meeting (SCM)", "Korea-U.S. Integrated Defense Dialogue (KIDD)",
    "Nuclear Consultative Group (NCG)", "Shangri-La Dialogue",
    "ASEAN Defence Ministers' Meeting-Plus (ADMM-Plus)", "Military Committee Meeting",
    "Trilateral Chiefs of Defense Meeting", "Jakarta International Defence Dialogue",
    "Extended Deterrence Strategy and Consultation Group", "Seoul Defense Dialogue",
]
FORUMS_ID = [
    "Pertemuan Konsultatif Keamanan (SCM)", "Dialog Pertahanan Terpadu (KIDD)",
    "Kelompok Konsultatif Nuklir (NCG)", "Dialog Shangri-La",
    "Pertemuan Menteri Pertahanan ASEAN Plus (ADMM-Plus)", "Jakarta International Defence Dialogue",
    "Dialog Pertahanan Seoul", "Pertemuan Komite Militer",
]
AGENCIES_EN = [
    "Ministry of National Defense", "Joint Chiefs of Staff", "Pentagon", "State Department",
    "U.S. Forces Korea", "Indo-Pacific Command", "Japan Ministry of Defense",
    "Indonesian National Armed Forces (TNI)", "Defense Acquisition Program Administration",
    "Agency for Defense Development",
]
AGENCIES_ID = [
    "Kementerian Pertahanan", "Kepala Staf Gabungan", "Pentagon", "Kementerian Luar Negeri",
    "Pasukan AS di Korea", "Komando Indo-Pasifik", "Tentara Nasional Indonesia (TNI)",
    "Badan Program Akuisisi Pertahanan", "Markas Besar TNI",
]
TOPICS_EN = [
    "North Korea's nuclear and missile threats", "extended deterrence",
    "joint military exercises", "defense industry cooperation", "maritime security",
    "cyber and space cooperation", "the transfer of wartime operational control",
    "trilateral security cooperation", "supply chains for munitions",
    "the security situation on the Korean Peninsula",
]
TOPICS_ID = [
    "ancaman nuklir dan rudal Korea Utara", "penangkalan yang diperluas",
    "latihan militer gabungan", "kerja sama industri pertahanan", "keamanan maritim",
    "kerja sama siber dan antariksa", "kerja sama keamanan trilateral",
    "situasi keamanan di Semenanjung Korea", "modernisasi alutsista",
]
CITIES = ["Seoul", "Washington", "Tokyo", "Jakarta", "Singapore", "Manila", "Canberra",
          "Busan", "Honolulu", "Kuala Lumpur", "Hanoi", "Bangkok", "Pyeongtaek", "Bali"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS_EN = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
             "Oct.", "Nov.", "Dec."]
MONTHS_ID = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
OUTLETS = ["Yonhap", "Korea JoongAng Daily", "The Korea Herald", "Kyodo", "Reuters", "AP"]
OUTLETS_ID = ["Antara", "REPUBLIKA.CO.ID", "Kompas", "CNN Indonesia", "Tempo"]


@dataclass(frozen=True)
class Official:
    """A member of the cast."""

    name: str
    surname: str
    country: Country
    role: tuple[str, str, str, str]

    def en(self, *, full: bool = True) -> str:
        """How an English article introduces this official."""
        title, _, rank, _ = self.role
        if not full:
            return self.surname
        if rank:
            return f"{self.country.en_adj} {title} {rank} {self.name}"
        return f"{self.country.en_adj} {title} {self.name}"

    def id(self, *, full: bool = True) -> str:
        """How an Indonesian article introduces this official."""
        _, title, rank, _ = self.role
        if not full:
            return self.surname
        rank_id = f" {_ID_RANK[rank]}" if rank else ""
        return f"{title} {self.country.id_name}{rank_id} {self.name}"


# ---------------------------------------------------------------------- templates
LEAD_EN = [
    "{a} met {b} in {city} on {day} to discuss {topic}, the {agency} said.",
    "{a} and {b} held talks on the sidelines of the {forum} in {city} on {day}.",
    "{a} hosted {b} in {city} on {day} for talks on {topic}.",
    "{a} will meet {b} in {city} next week to discuss {topic}, officials said on {day}.",
]
BODY_EN = [
    "{A} told reporters that the two sides agreed to expand cooperation on {topic}.",
    "The meeting came {n} weeks after {c} visited {city2} for talks on {topic2}.",
    "{c} attended the {forum}, which brought together defense chiefs from {n} countries.",
    "\"We will continue to work closely with our partners on {topic},\" {A} said.",
    "The {agency} said in a statement that the talks were constructive.",
    "{B} said the allies would hold the {forum} in {city2} later this year.",
    "The allies have stepped up joint exercises in response to {topic2}.",
    "Analysts said the talks reflected growing concern over {topic2}.",
    "{c} and {d} also spoke by phone on {day2} about {topic2}.",
    "{A} and {B} agreed to hold the next round of talks in {city2}.",
    "According to the {agency}, {n} senior officials took part in the session.",
    "Officials from both sides declined to give further details on {topic2}.",
    "The {forum} was launched in {year} to coordinate policy on {topic}.",
    "{D} was also present at the meeting, the {agency2} said.",
    "{B} thanked {A} for the support of {country} on {topic2}.",
    "Military officials said the drills involved about {k} troops and {n} warships.",
    "The two ministers also discussed {topic2} during a working lunch.",
    "The ministry plans to release a joint statement after the talks in {city}.",
]
LEAD_ID = [
    "{a} bertemu dengan {b} di {city} pada {day} untuk membahas {topic}, kata {agency}.",
    "{a} dan {b} mengadakan pembicaraan di sela-sela {forum} di {city}, {day}.",
    "{a} menerima kunjungan {b} di {city} pada {day} untuk membahas {topic}.",
    "{a} akan bertemu {b} di {city} pekan depan untuk membahas {topic}.",
]
BODY_ID = [
    "{A} mengatakan kepada wartawan bahwa kedua pihak sepakat memperluas kerja sama {topic}.",
    "Pertemuan itu berlangsung {n} pekan setelah {c} berkunjung ke {city2}.",
    "{c} menghadiri {forum} yang mempertemukan para menteri pertahanan dari {n} negara.",
    "\"Kami akan terus bekerja sama dengan mitra kami dalam {topic},\" kata {A}.",
    "{agency} menyatakan bahwa pembicaraan tersebut berjalan konstruktif.",
    "{B} mengatakan kedua sekutu akan menggelar {forum} di {city2} akhir tahun ini.",
    "Kedua negara meningkatkan latihan gabungan untuk menanggapi {topic2}.",
    "Para analis menilai pembicaraan itu mencerminkan kekhawatiran atas {topic2}.",
    "{c} dan {d} juga berbicara melalui telepon pada {day2} mengenai {topic2}.",
    "{A} dan {B} sepakat menggelar putaran berikutnya di {city2}.",
    "Menurut {agency}, sebanyak {n} pejabat senior ikut serta dalam pertemuan tersebut.",
    "{forum} diluncurkan pada {year} untuk mengoordinasikan kebijakan {topic}.",
    "{D} juga hadir dalam pertemuan tersebut, kata {agency2}.",
    "Latihan itu melibatkan sekitar {k} personel dan {n} kapal perang.",
    "Kedua menteri juga membahas {topic2} dalam jamuan makan siang.",
    "Pejabat kedua negara menolak memberikan rincian lebih lanjut soal {topic2}.",
]
HEADLINES_EN = [
    "{sa}, {sb} agree to deepen cooperation on {topic}",
    "{ca} and {cb} defense chiefs meet in {city} amid concern over {topic}",
    "{sa} meets {sb}, vows stronger alliance",
    "Allies to discuss {topic} at {forum_short} talks",
]
HEADLINES_ID = [
    "{ca} dan {cb} Sepakat Perkuat Kerja Sama {topic_title}",
    "{sa} Bertemu {sb} di {city}",
    "Menhan {ca} dan {cb} Bahas {topic_title}",
]


class CorpusGenerator:
    """Articles built from a fixed cast of officials; deterministic for a seed.

    Parameters
    ----------
    seed : int
        Seeds the cast and every article.
    cast_per_country : int
        Officials per country (roles are spread over them).

    Examples
    --------
    >>> CorpusGenerator(seed=3).article(5, "en") == CorpusGenerator(seed=3).article(5, "en")
    True
    """

    def __init__(self, seed: int = 0, cast_per_country: int = 40) -> None:
        self.seed = seed
        rng = random.Random(f"cast-{seed}")
        self.cast: list[Official] = []
        seen: set[str] = set()
        for country in COUNTRIES:
            roles = [r for r in ROLES if country.code in r[3].split()]
            for i in range(cast_per_country):
                for _ in range(20):
                    name, surname = country.names(rng)  # type: ignore[operator]
                    if name not in seen:
                        break
                seen.add(name)
                self.cast.append(Official(name, surname, country, roles[i % len(roles)]))
        self._weights = [_WEIGHTS[o.country.code] for o in self.cast]

    def _pick(self, rng: random.Random, k: int) -> list[Official]:
        chosen: list[Official] = []
        while len(chosen) < k:
            o = rng.choices(self.cast, weights=self._weights)[0]
            if o not in chosen:
                chosen.append(o)
        return chosen

    def article(self, index: int, lang: str) -> str:
        """The text of article ``index`` in ``lang`` ('en' or 'id')."""
        rng = random.Random(f"article-{self.seed}-{index}-{lang}")
        a, b, c, d = self._pick(rng, 4)
        # the two leads come from two countries most of the time
        if a.country == b.country and rng.random() < 0.8:
            b = next((o for o in self._pick(rng, 6) if o.country != a.country), b)
        en = lang == "en"
        fill = {
            "city": rng.choice(CITIES), "city2": rng.choice(CITIES),
            "day": rng.choice(WEEKDAYS_EN if en else WEEKDAYS_ID),
            "day2": rng.choice(WEEKDAYS_EN if en else WEEKDAYS_ID),
            "topic": rng.choice(TOPICS_EN if en else TOPICS_ID),
            "topic2": rng.choice(TOPICS_EN if en else TOPICS_ID),
            "forum": rng.choice(FORUMS_EN if en else FORUMS_ID),
            "agency": rng.choice(AGENCIES_EN if en else AGENCIES_ID),
            "agency2": rng.choice(AGENCIES_EN if en else AGENCIES_ID),
            "n": rng.randint(2, 40), "k": rng.randint(3, 90) * 100,
            "year": rng.randint(1995, 2024),
            "country": a.country.en_name,
            "ca": a.country.en_adj if en else a.country.id_name,
            "cb": b.country.en_adj if en else b.country.id_name,
        }
        fill["forum_short"] = fill["forum"].split(" (")[0]
        fill["topic_title"] = fill["topic"].title()
        intro = (lambda o: o.en()) if en else (lambda o: o.id())
        people = {"a": intro(a), "b": intro(b), "c": intro(c), "d": intro(d),
                  "A": a.surname, "B": b.surname, "C": c.surname, "D": intro(d),
                  "sa": a.surname, "sb": b.surname}
        fill.update(people)
        headline = rng.choice(HEADLINES_EN if en else HEADLINES_ID).format(**fill)
        headline = headline[0].upper() + headline[1:]
        lead = rng.choice(LEAD_EN if en else LEAD_ID).format(**fill)
        body_templates = list(BODY_EN if en else BODY_ID)
        rng.shuffle(body_templates)
        sentences = [t.format(**fill) for t in body_templates]
        # more sentences with fresh details, so that no two articles share a body
        for _ in range(rng.randint(8, 24)):
            fill.update(city2=rng.choice(CITIES), n=rng.randint(2, 40),
                        day2=rng.choice(WEEKDAYS_EN if en else WEEKDAYS_ID),
                        topic2=rng.choice(TOPICS_EN if en else TOPICS_ID))
            sentences.insert(rng.randrange(len(sentences) + 1),
                             rng.choice(body_templates).format(**fill))
        paragraphs: list[str] = [lead]
        i = 0
        while i < len(sentences):
            step = rng.randint(1, 3)
            paragraphs.append(" ".join(sentences[i:i + step]))
            i += step
        month = rng.randrange(12)
        day, year = rng.randint(1, 28), rng.randint(2019, 2025)
        reporter = _western(rng)[0] if en else _indonesian(rng)[0]
        if en:
            header = [headline, "", f"By {reporter}",
                      f"Published: {MONTHS_EN[month]} {day}, {year}", ""]
            paragraphs[0] = f"{fill['city'].upper()}, {MONTHS_EN[month]} {day} " \
                            f"({rng.choice(OUTLETS)}) -- " + paragraphs[0]
            footer = ["", f"{reporter.split()[0].lower()}.{reporter.split()[1].lower()}"
                          f"@example.com"]
        else:
            header = [f"{rng.choice(WEEKDAYS_ID)} {day:02d} {MONTHS_ID[month]} {year} "
                      f"{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d} WIB", "", headline, ""]
            paragraphs[0] = f"{rng.choice(OUTLETS_ID)}, {fill['city'].upper()} -- " \
                            + paragraphs[0]
            footer = ["", "Baca Juga", "", f"sumber : {rng.choice(OUTLETS_ID)}",
                      f"Pewarta: {reporter}"]
        return "\n".join([*header, "\n\n".join(paragraphs), *footer]) + "\n"


def generate(out_dir: str | Path, n: int, *, id_share: float = 0.3, seed: int = 0,
             start: int = 0) -> list[Path]:
    """Write ``n`` unique articles to ``out_dir``; return their paths.

    Parameters
    ----------
    out_dir : str or Path
        Created if missing; existing files with the same names are overwritten.
    n : int
        Number of articles.
    id_share : float
        Share of Indonesian articles (0 to 1), spread evenly through the numbering.
    seed : int
        Seeds the cast and the articles.
    start : int
        Number of the first file.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in generate(tmp, 3, id_share=0.5, seed=1)]
    ['000000_en.txt', '000001_id.txt', '000002_en.txt']
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    gen = CorpusGenerator(seed=seed)
    seen: set[str] = set()
    paths: list[Path] = []
    acc = 0.0
    for i in range(start, start + n):
        acc += id_share
        lang = "id" if acc >= 1 - 1e-9 else "en"
        if lang == "id":
            acc -= 1
        text, attempt = gen.article(i, lang), 0
        while hashlib.sha256(text.encode()).hexdigest() in seen:  # pragma: no cover - rare
            attempt += 1
            text = gen.article(i + 10_000_000 * attempt, lang)
        seen.add(hashlib.sha256(text.encode()).hexdigest())
        path = out / f"{i:06d}_{lang}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--id-share", type=float, default=0.3,
                        help="share of Indonesian articles (default 0.3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="number of the first file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    paths = generate(args.out_dir, args.n, id_share=args.id_share, seed=args.seed,
                     start=args.start)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    log.info("wrote %d articles (%d words) to %s", len(paths), words, args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
