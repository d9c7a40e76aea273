"""The rebuild's fast paths find exactly what the plain scans they replace find.

The office pass looks for role references and holders' names only where they can start
(:mod:`kg.officepass`), the office data is looked up per stretch of dates with the same
terms in force (:mod:`kg.holders`), and date detection reads the years and weekdays of a
text only when a month and day needs them (:mod:`kg.meta`). Each is compared here with
the straightforward version on realistic text, odd cases included.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kg import holders, officepass
from kg.documents import _looks_binary
from kg.meta import find_date_source

EN_TEXTS = [
    "SEOUL, Nov. 4 (Yonhap) -- South Korean Defense Minister Ahn Gyu-back met Japanese "
    "Defense Minister Gen Nakatani in Seoul on Tuesday. The defense ministers of Japan and "
    "the United States met in Tokyo a day earlier, and the Japanese and U.S. defense "
    "ministers agreed to meet again.",
    "The Pentagon chief spoke with the South Korean defense minister by phone. Former "
    "Japanese Defense Minister Taro Kono did not attend; the Japanese defense minister's "
    "office declined to comment. Lloyd Austin and Kim Yong-hyun met in Washington.",
    "Foreign ministers of South Korea, Japan and the United States held talks. The "
    "minister of national defense of the Philippines and the secretary of defense of the "
    "United States signed an accord. Japan's prime minister and the Chinese president "
    "spoke. The chairman of the joint chiefs of staff of South Korea visited Hawaii.",
    "JAPANESE DEFENSE MINISTER GEN NAKATANI AND SOUTH KOREAN DEFENSE MINISTER AHN GYU-BACK "
    "MET IN TOKYO. the japanese defense minister met the south korean defense minister.",
    # characters a case-insensitive regex folds differently from str.lower()
    "The Japanese Defen\u017fe Minister met the South Korean DEFENSE M\u0130N\u0130STER; "
    "the Japanese defense m\u0131nister stayed home. Lloyd Austin spoke.",
    "",
    "Prime Minister",
    "the the the Japan defense minister",
]
ID_TEXTS = [
    "JAKARTA, 4 November 2024 - Menhan Korsel dan Menteri Pertahanan Jepang bertemu "
    "Menhan Sjafrie Sjamsoeddin. Wakil Menteri Pertahanan AS dan Menlu Jepang dan AS "
    "hadir. Perdana Menteri Jepang dan Presiden Korsel juga bertemu.",
    "MENHAN KORSEL tiba di Jakarta. menteri luar negeri jepang bertemu wamenhan AS.",
]


def plain_role_references(text: str, lang: str) -> list[tuple[str, str, int, int, str]]:
    """The references every pattern finds scanning the whole text (the reference)."""
    lang = "id" if lang == "id" else "en"
    found: list[tuple[str, str, int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, regex, shape in officepass._patterns(lang):
        for m in regex.finditer(text):
            start, end = m.start(), m.end()
            if any(s < end and start < e for s, e in taken) or officepass._blocked(
                    text, start, end):
                continue
            codes = [shape] if shape == "US" else officepass._codes(lang, m.group("cs"))
            plural = lang == "en" and bool(officepass._PLURAL.search(m.group("role")))
            if (lang == "en" and (plural != (len(codes) > 1))) or not codes:
                continue
            taken.append((start, end))
            found.extend((kind, code, start, end, m.group(0)) for code in codes)
    return sorted(found, key=lambda r: (r[2], r[1]))


def variants(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), text[7:], text.replace(" ", "  ", 3),
            "The " + text, text.replace("Japan", "the Japan")]


@pytest.mark.parametrize("text", EN_TEXTS)
def test_english_role_references_match_the_plain_scan(text: str) -> None:
    for version in variants(text):
        assert officepass.role_references(version, "en") == plain_role_references(version, "en")


@pytest.mark.parametrize("text", ID_TEXTS)
def test_indonesian_role_references_match_the_plain_scan(text: str) -> None:
    for version in variants(text):
        assert officepass.role_references(version, "id") == plain_role_references(version, "id")


def test_role_references_still_found() -> None:
    refs = officepass.role_references(EN_TEXTS[0], "en")
    assert [(k, c) for k, c, *_ in refs] == [("defense_minister", "JP"),
                                            ("defense_minister", "US"),
                                            ("defense_minister", "JP"),
                                            ("defense_minister", "US")]


def plain_holder_names(text: str, date: str) -> list[tuple[int, int, str, holders.Term]]:
    """One regex of the spellings in office on ``date`` over the whole text."""
    forms: dict[str, holders.Term] = {}
    for t in holders.holders_on(date):
        for form in (t.name, *t.spellings):
            if len(form.split()) >= 2 or len(t.name.split()) == 1:
                forms.setdefault(form, t)
    if not forms:
        return []
    alt = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    regex = re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])")
    return [(m.start(), m.end(), m.group(0), forms[m.group(0)]) for m in regex.finditer(text)]


def some_dates() -> list[str]:
    terms = holders.terms()
    edges = {t.start for t in terms} | {t.end for t in terms if t.end}
    near = {(dt.date.fromisoformat(d) + dt.timedelta(days=k)).isoformat()
            for d in sorted(edges)[::7] for k in (-1, 0, 1)}
    return sorted(near | {"1999-01-01", "2019-08-07", "2024-11-04", "2031-01-01"})


def test_holder_names_match_one_regex_per_date() -> None:
    names = sorted({t.name for t in holders.terms()})[:60]
    text = ". ".join(f"{n} met {n.upper()} and x{n} and {n}-x" for n in names)
    text += " Lloyd Austin III and Gen. Lloyd Austin spoke with Takeshi Iwaya."
    found = 0
    for date in some_dates():
        fast = list(officepass._holder_names(text, date))
        assert fast == plain_holder_names(text, date)
        found += len(fast)
    assert found  # the text names holders in office on some of the dates


def test_holders_on_matches_a_scan_of_all_terms() -> None:
    for date in some_dates():
        for kind, country in ((None, None), ("defense_minister", "JP"),
                              ("head_of_state", "US"), ("defense_minister", None)):
            plain = [t for t in holders.terms() if t.active(date)
                     and (kind is None or t.kind == kind)
                     and (country is None or t.country == country)]
            assert holders.holders_on(date, kind, country) == plain


def test_dateline_month_day_before_a_full_date_wins() -> None:
    text = ("Allies agree on drills\nSEOUL, Nov. 4 (Yonhap) -- Published 5 November 2024.\n"
            "Talks were held on Monday in 2024.")
    assert find_date_source(text, today=dt.date(2026, 1, 1)) == ("2024-11-04", "dateline")


def test_full_date_before_a_month_day_wins() -> None:
    text = ("Allies agree on drills\nPublished: Sept. 4, 2024\n\nHANOI, Sept. 3 (Yonhap) -- "
            "Ministers met on Tuesday.")
    assert find_date_source(text, today=dt.date(2026, 1, 1)) == ("2024-09-04", "dateline")


def test_month_day_takes_the_year_its_weekday_fits() -> None:
    text = "TOKYO, Jan. 6 (Kyodo) -- Ministers met on Monday. Plans for 2024 were set."
    # 6 January 2025 is a Monday, 6 January 2024 a Saturday
    assert find_date_source(text, today=dt.date(2026, 1, 1)) == ("2025-01-06", "dateline")


def test_binary_sniffing_counts_control_bytes() -> None:
    assert _looks_binary(b"plain text\twith a tab\n") is None
    assert _looks_binary(b"\x01\x02\x03 text") == "binary file (control bytes)"
    assert _looks_binary(b"a" * 95 + b"\x07" * 5) is None
    assert _looks_binary(b"a" * 94 + b"\x07" * 6) == "binary file (control bytes)"
    assert _looks_binary(b"a" * 50 + b"\x1b" * 50) is None  # escape codes are text (ANSI)


@pytest.mark.parametrize("row", [
    '{"doc_id":"a.txt","lang":"en","title":"Ministers meet","n_chars":1234,"n_words":210}',
    '{"doc_id":"b.txt","lang":"id","notes":["Menhan \\u00e9 \\ud83d\\ude00 \\"kutipan\\""]}',
    '{"doc_id":"c.txt","lang":"en","n_chars":123456789012345678901234567890}',
    '{"doc_id":"d.txt","lang":"en","n_chars":NaN,"x":Infinity}',
    '{"doc_id":"e.txt","lang":"en","title":"\\ud800 lone"}',
    '{"doc_id":"f.txt","lang":"en","n_words":9223372036854775807,"y":-0.0,"z":1.5e-7}',
])
def test_cache_rows_read_as_json_reads_them(row: str) -> None:
    import json

    from kg.cache import _loads

    ours, plain = _loads(row), json.loads(row)
    assert repr(ours) == repr(plain)  # repr: NaN equals itself, 1 and 1.0 differ


@pytest.mark.parametrize("data", [
    {"graph": {"built": "2026-12-04T20:00:00+00:00", "documents": [{"id": "a.txt", "notes": []}]},
     "nodes": [{"id": "official:lloyd-austin", "aliases": ["Austin", "Lloyd J. Austin III"],
                "mentions": 12, "terms": [{"start": "2021-01-22", "end": None}]}],
     "edges": [{"source": "a", "target": "b", "distance": 0.3333333333333333,
                "evidence": [{"sentence": "Austin met  Kim.", "start": 0, "end": 16}]}]},
    {"sentence": "three   spaces, a tab\t, a line\nbreak, \u2028, \x7f, \x1f, é, \\ and \"quotes\""},
    {"deep": [[[[[[[[["nine levels"]]]]]]]]], "empty": [[], {}, [{}]], "zero": -0.0},
    {"small": 1e-05, "smaller": 2.5e-07, "big": 1e16, "huge": 1.5e300},
    {"nan": float("nan"), "inf": [float("inf")]},
    {"tuple": (1, 2), 3: "an int key", None: "a None key", True: False},
    {"long": 123456789012345678901234567890},
    [], {}, "text", 7,
])
@pytest.mark.parametrize("indent", [1, 2, None, 4])
def test_graph_json_written_as_json_writes_it(data, indent) -> None:
    import json

    from kg.store import dumps_json

    assert dumps_json(data, indent) == json.dumps(data, ensure_ascii=False, indent=indent)
