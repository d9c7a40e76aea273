"""The date patterns of ``kg.meta`` look at a name's first letter before trying the
names (a lookahead): the same matches as the plain alternation, on the seeds, the
bench generator's articles and case-folding corner cases (long s, Kelvin sign)."""

from __future__ import annotations

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
