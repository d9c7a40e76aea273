"""Document metadata without spaCy: language, title, publication date, byline.

>>> detect_language("Menteri Pertahanan AS bertemu dengan mitranya di Seoul pada hari Selasa.")
'id'
>>> detect_language("The defense ministers met in Seoul on Tuesday and agreed to expand drills.")
'en'
>>> find_date("Jumat 07 Apr 2023 17:27 WIB")
'2023-04-07'
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import cached_property, lru_cache

__all__ = [
    "DATE_SOURCES", "detect_language", "find_byline", "find_date", "find_date_source",
    "find_title", "normalise_date",
]

_EN = set(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "by",
        "at",
        "from",
        "his",
        "it",
        "an",
        "were",
        "are",
        "which",
        "be",
        "this",
        "has",
        "have",
        "said",
        "will",
        "not",
        "their",
        "but",
        "its",
        "after",
        "about",
        "also",
        "they",
        "had",
        "who",
        "been",
        "would",
        "more",
        "than",
        "two",
        "first",
        "over",
    ]
)
_ID = set(
    [
        "yang",
        "dan",
        "di",
        "dengan",
        "untuk",
        "dari",
        "pada",
        "ini",
        "itu",
        "dalam",
        "tidak",
        "akan",
        "ke",
        "juga",
        "telah",
        "oleh",
        "sebagai",
        "adalah",
        "karena",
        "kata",
        "mereka",
        "bahwa",
        "para",
        "sudah",
        "atau",
        "kedua",
        "tersebut",
        "antara",
        "lebih",
        "menurut",
        "serta",
        "bagi",
        "saat",
        "hari",
        "dapat",
        "namun",
    ]
)

SUPPORTED = ("en", "id")


#: Below this many words a text is read as the more likely supported language.
SHORT_TEXT_WORDS = 60
#: Indonesian word shapes (prefixes and suffixes of verbs and nouns) that English words rarely have.
_ID_SHAPE = re.compile(r"^(?:me[mnr]|meng|meny|ber|ter|di\w{3,}kan$|pe[mnr]|peng|ke\w+an$)\w{3,}|"
                       r"\w{3,}(?:nya|kan|lah)$")


_EN_BYTES = frozenset(w.encode("ascii") for w in _EN)
_ID_BYTES = frozenset(w.encode("ascii") for w in _ID)
#: Bytes a-z kept, every other byte a space.
_LETTERS_ONLY = bytes(b if 97 <= b <= 122 else 32 for b in range(256))


def _ascii_words(lowered: str) -> list[bytes]:
    """The runs of ASCII letters in a lower-cased text (``re.findall("[a-z]+")``, as
    bytes, three times faster): other characters become ``?``, then spaces.

    >>> _ascii_words("naïve e-mail, 2 ok")
    [b'na', b've', b'e', b'mail', b'ok']
    """
    return lowered.encode("ascii", "replace").translate(_LETTERS_ONLY).split()


def detect_language(text: str) -> str:
    """``'en'``, ``'id'`` or ``'unknown'`` from function-word frequencies.

    A long text with few function words of either language is ``'unknown'``; a
    short one (under :data:`SHORT_TEXT_WORDS` words, a two-sentence brief) is read
    as the more likely of the two (Indonesian word shapes count as cues) when it
    has two cues or one word in ten.

    >>> detect_language("Menhan Sjafrie menerima kunjungan Menhan Jepang Gen Nakatani.")
    'id'
    """
    words = _ascii_words(text[:20000].lower())
    if not words:
        return "unknown"
    en = sum(map(_EN_BYTES.__contains__, words))
    idn = sum(map(_ID_BYTES.__contains__, words))
    if len(words) < SHORT_TEXT_WORDS:
        words = [w.decode("ascii") for w in words]
        # a short text is read as the language with more evidence, when there is some:
        # two cues, or one word in ten (a German brief with one "in" stays unknown)
        idn += sum(bool(_ID_SHAPE.match(w)) for w in words if w not in _EN | _ID)
        best, lang = max((en, "en"), (idn, "id"))
        if en != idn and (best >= 2 or best >= 0.1 * len(words)):
            return lang
        return "unknown"
    if max(en, idn) < max(3, len(words) * 0.05):
        return "unknown"
    return "en" if en >= idn else "id"


_MONTHS = {
    "january": 1,
    "jan": 1,
    "januari": 1,
    "february": 2,
    "feb": 2,
    "februari": 2,
    "pebruari": 2,
    "march": 3,
    "mar": 3,
    "maret": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "mei": 5,
    "june": 6,
    "jun": 6,
    "juni": 6,
    "july": 7,
    "jul": 7,
    "juli": 7,
    "august": 8,
    "aug": 8,
    "agustus": 8,
    "agu": 8,
    "ags": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "december": 12,
    "dec": 12,
    "desember": 12,
    "des": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
#: Before a month name: its first letter, looked at first (a lookahead, so the same
#: matches): the alternation of 40 names is then tried at a few positions, not at
#: every word start (three times faster over a text).
_MONTH_FIRST = "(?=[" + "".join(sorted({name[0] for name in _MONTHS})) + "])"
_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?\s+(\d{{4}})\b", re.I)
_MDY = re.compile(rf"\b{_MONTH_FIRST}({_MONTH_RE})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")
_NUMERIC = re.compile(r"\((\d{1,2})/(\d{1,2})/(\d{4})\)")
#: "04.11.2025": day, month, year (the Indonesian and European order).
_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d]|\.\d)")
_MD = re.compile(rf"\b{_MONTH_FIRST}({_MONTH_RE})\.?\s+(\d{{1,2}})\b(?!\s*,?\s*\d{{4}})", re.I)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6,
}
_WEEKDAY_RE = re.compile(r"\b(?=[" + "".join(sorted({w[0] for w in _WEEKDAYS})) + "])("
                         + "|".join(_WEEKDAYS) + r")\b", re.I)
#: How a document's date was found (``meta["documents"][i]["date_source"]`` in the graph).
DATE_SOURCES = ("input", "metadata", "dateline", "text")


def _iso(y: int, m: int, d: int) -> str | None:
    if 1 <= m <= 12 and 1 <= d <= 31 and 1900 < y < 2100:
        try:
            return _dt.date(y, m, d).isoformat()
        except ValueError:  # 31 June
            return None
    return None


def _full_dates(chunk: str) -> list[tuple[int, str]]:
    """Every full date in ``chunk`` (ISO, "3 Nov 2025", "Nov. 3, 2025", "(3/11/2025)",
    "03.11.2025") with its offset, in the order they appear."""
    found: list[tuple[int, str]] = []
    for regex, order in ((_ISO, "ymd"), (_DMY, "dmy"), (_MDY, "mdy"), (_NUMERIC, "dmyn"),
                         (_DOTTED, "dmyn")):
        for m in regex.finditer(chunk):
            a, b, c = m.groups()
            if order == "ymd":
                iso = _iso(int(a), int(b), int(c))
            elif order == "dmy":
                iso = _iso(int(c), _MONTHS[b.lower()], int(a))
            elif order == "mdy":
                iso = _iso(int(c), _MONTHS[a.lower()], int(b))
            else:
                iso = _iso(int(c), int(b), int(a))
            if iso:
                found.append((m.start(), iso))
    return sorted(found)


class _Mentioned:
    """The years (up to ``today``'s) and weekdays a text mentions, found when first asked for.

    Most texts have a full date in their dateline, and then neither is needed.
    """

    def __init__(self, text: str, today: _dt.date) -> None:
        self.text, self.today = text, today

    @cached_property
    def years(self) -> list[int]:
        return [y for y in map(int, _YEAR.findall(self.text)) if y <= self.today.year]

    @cached_property
    def weekdays(self) -> set[int]:
        return {_WEEKDAYS[w.lower()] for w in _WEEKDAY_RE.findall(self.text)}


def _month_day(chunk: str, mentioned: _Mentioned, until: int | None = None
               ) -> tuple[int, str] | None:
    """A month and day ("Nov. 3") dated with the latest year the text mentions, or the
    year after it when only that year puts the day on a weekday the text names; only
    one that starts at or before offset ``until`` when given (a later one loses anyway)."""
    today = mentioned.today
    for m in _MD.finditer(chunk):
        if until is not None and m.start() > until:
            return None
        if not mentioned.years:
            return None
        latest = max(mentioned.years)
        month, day = _MONTHS[m.group(1).lower()], int(m.group(2))
        options = [iso for y in (latest, latest + 1)
                   if (iso := _iso(y, month, day)) and iso <= today.isoformat()]
        if not options:
            continue
        named = [iso for iso in options
                 if _dt.date.fromisoformat(iso).weekday() in mentioned.weekdays]
        return m.start(), named[0] if len(named) == 1 else options[0]
    return None


def find_date_source(text: str, *, today: _dt.date | None = None
                     ) -> tuple[str | None, str | None]:
    """The publication date the text states and where it was found.

    A full date in the first lines is the dateline; otherwise a month and day
    there ("SEOUL, Nov. 4 (Yonhap) --"), then a full date in the body, then a
    month and day in the body. A date after ``today`` (the build) is never the
    publication date, nor a body date more than a year away from the median year
    the text mentions (history, not news); a month and day takes the latest year the
    text mentions (not a future one), or the next year when only that one puts the
    day on a weekday the text names.

    Returns
    -------
    date, source : tuple
        ISO ``YYYY-MM-DD`` and ``"dateline"`` or ``"text"``; ``(None, None)``.

    >>> find_date_source("SEOUL, Nov. 4 (Yonhap) -- Talks on Tuesday in 2025.\\n"
    ...                  "An accord was signed on June 12, 2018.", today=_dt.date(2026, 1, 1))
    ('2025-11-04', 'dateline')
    """
    today = today or _dt.date.today()
    limit = today.isoformat()
    mentioned = _Mentioned(text, today)  # years and weekdays, read only when needed
    head = "\n".join(text.strip().splitlines()[:6])
    first = [(at, iso) for at, iso in _full_dates(head) if iso <= limit]
    # the earlier of the two wins: a month and day after the first full date cannot
    month_day = _month_day(head, mentioned, min(first)[0] if first else None)
    if first or month_day:
        return min([*first, month_day] if month_day else first)[1], "dateline"
    years = mentioned.years
    usual = sorted(years)[len(years) // 2] if years else None
    for _, iso in _full_dates(text):
        if iso <= limit and (usual is None or abs(int(iso[:4]) - usual) <= 1):
            return iso, "text"
    month_day = _month_day(text, mentioned)
    return (month_day[1], "text") if month_day else (None, None)


def find_date(text: str, *, today: _dt.date | None = None) -> str | None:
    """The publication date the text states, as ISO ``YYYY-MM-DD`` (see :func:`find_date_source`).

    >>> find_date("1 Februari 2023\\nSEOUL - ...")
    '2023-02-01'
    >>> find_date("Visit on Nov. 3. Talks began in October 2024.", today=_dt.date(2026, 1, 1))
    '2024-11-03'
    >>> find_date("Jakarta, 04.11.2025 - Menteri bertemu.")
    '2025-11-04'
    """
    return find_date_source(text, today=today)[0]


def normalise_date(value: str | None) -> str | None:
    """A date given with the input ("2025-11-04T09:00:00Z", "4 November 2025") as ISO.

    >>> normalise_date("2025-11-04T09:00:00+09:00"), normalise_date("Nov. 4, 2025")
    ('2025-11-04', '2025-11-04')
    >>> normalise_date("soon") is None
    True
    """
    if not value:
        return None
    dates = _full_dates(value.strip()[:100])
    return dates[0][1] if dates else None


def find_title(text: str) -> str | None:
    """The first line that reads like a headline (not a date, not a byline)."""
    for line in text.strip().splitlines()[:8]:
        line = line.strip(" -\t")
        if len(line) < 12 or len(line) > 250:
            continue
        if find_date(line) and len(line) < 40:
            continue
        if credit_line(line):
            continue
        return line
    return None


@lru_cache(maxsize=2)
def _cues(classes: tuple[str, ...]) -> str:
    """A regex alternation of the words of the lexicon classes ``classes``, every language.

    ``byline`` words introduce authors and photographers ("By", "Penulis", "Written
    by"); ``credit`` words other lines that are not the story ("Source", "Baca Juga").
    """
    from kg.lexicon import get_lexicon, languages

    lex = get_lexicon()
    words = {w.lower() for cls in classes for lang in ("any", *languages())
             for w in lex.word_class(lang, cls)}
    alternatives = sorted((re.escape(w).replace(r"\ ", r"[ \t]+") for w in words),
                          key=lambda w: (-len(w), w))
    return "(?:" + "|".join(alternatives) + ")"


def credit_line(line: str) -> bool:
    """The line starts with a byline or credit word ("By ...", "Foto: ...", "Sumber: ...").

    >>> credit_line("Penulis: Rina Wulandari"), credit_line("Ministers meet in Seoul")
    (True, False)
    """
    cues = _cues(("byline", "credit"))
    return re.match(rf"(?i){cues}\b", line.strip(" -–—\t")) is not None


@lru_cache(maxsize=1)
def _byline_regex() -> re.Pattern[str]:
    cues = _cues(("byline",))
    return re.compile(
        rf"(?im)^\s*[-–—]?\s*{cues}[ \t]*[:\-–]?[ \t]+"
        r"([A-Z][\w'.-]+(?:[ \t]+[A-Z][\w'.-]+){0,3})"
    )


_CAPS_LINE = re.compile(r"(?m)^\s*[-–—]\s+([A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+){1,3})\s*$")


def find_byline(text: str) -> list[str]:
    """Names of authors and photographers ("BY SARAH KIM", "Penulis: ...").

    >>> find_byline("Title\\n- JANE DOE\\nBody\\nBY JANE DOE [jane@x.com]")
    ['JANE DOE']
    """
    names: list[str] = []
    for regex in (_byline_regex(), _CAPS_LINE):
        for m in regex.finditer(text):
            name = m.group(1).strip(" .")
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
    return names
