"""The fast paths of ``kg.meta`` give what the plain code gave.

The date patterns look at a name's first letter before trying the names (a
lookahead): the same matches as the plain alternation. Language detection reads
words as bytes: the same words as ``re.findall("[a-zA-Z]+")`` of the lower-cased
text, hence the same languages. Checked on the seeds, the bench generator's
articles, case-folding corner cases (long s, Kelvin sign, dotted I) and random
strings of such characters.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from kg import meta

ROOT = Path(__file__).resolve().parents[1]
M = meta._MONTH_RE
PLAIN = {
    "_MDY": re.compile(rf"\b({M})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I),
    "_MD": re.compile(rf"\b({M})\.?\s+(\d{{1,2}})\b(?!\s*,?\s*\d{{4}})", re.I),
    "_WEEKDAY_RE": re.compile(r"\b(" + "|".join(meta._WEEKDAYS) + r")\b", re.I),
}
CORNERS = [
    "ſept. 4, 2024 and SEPT 4, 2024; ſeptember 3 2020, Sept 9 and sept. 10",
    "Kamis, \u212aamis, ſenin, SENIN, Jum'at, Minggu 3 Des 2023, des. 4",
    "xJan 3, 2024 Jan3 2024 MEI 12, 1999 Nopember 30 agu 2 Ags. 17, 1945",
    "JANUARI 1 2020 januari 1, 2020 pebruari 29 2024 Pebruari 29, 2023 Mar. 1",
]


def texts() -> list[str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_corpus import CorpusGenerator

    gen = CorpusGenerator(seed=3)
    found = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    found += [gen.article(k, "id" if k % 3 else "en") for k in range(60)]
    return found + CORNERS


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_first_letter_lookahead_gives_the_same_matches(name):
    ours, plain = getattr(meta, name), PLAIN[name]
    for text in texts():
        assert ([(m.span(), m.groups()) for m in ours.finditer(text)]
                == [(m.span(), m.groups()) for m in plain.finditer(text)]), text[:80]


def plain_detect_language(text: str) -> str:
    """``detect_language`` as it was, with ``re.findall``."""
    words = re.findall(r"[a-zA-Z]+", text[:20000].lower())
    if not words:
        return "unknown"
    en = sum(map(meta._EN.__contains__, words))
    idn = sum(map(meta._ID.__contains__, words))
    if len(words) < meta.SHORT_TEXT_WORDS:
        idn += sum(bool(meta._ID_SHAPE.match(w)) for w in words if w not in meta._EN | meta._ID)
        best, lang = max((en, "en"), (idn, "id"))
        if en != idn and (best >= 2 or best >= 0.1 * len(words)):
            return lang
        return "unknown"
    if max(en, idn) < max(3, len(words) * 0.05):
        return "unknown"
    return "en" if en >= idn else "id"


def odd_strings(n: int) -> list[str]:
    rnd = random.Random(5)
    alphabet = "aZ yang the \u0130\u212a\u017f\u00df\u01c4\ufb01\u00e9\u0307\ud800 1-\n"
    return [''.join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) for _ in range(n)]


def test_words_as_bytes_are_the_regex_words():
    for text in texts() + odd_strings(3000):
        lowered = text.lower()
        assert ([w.decode() for w in meta._ascii_words(lowered)]
                == re.findall(r"[a-zA-Z]+", lowered)), text


def test_languages_are_those_of_the_plain_detection():
    short = [" ".join(t.split()[:k]) for t in texts() for k in (3, 12, 40, 59)]
    for text in texts() + short + odd_strings(500):
        assert meta.detect_language(text) == plain_detect_language(text), text[:80]
