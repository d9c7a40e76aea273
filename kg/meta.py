"""Document metadata without spaCy: language, title, publication date, byline.

>>> detect_language("Menteri Pertahanan AS bertemu dengan mitranya di Seoul pada hari Selasa.")
'id'
>>> detect_language("The defense ministers met in Seoul on Tuesday and agreed to expand drills.")
'en'
>>> find_date("Jumat 07 Apr 2023 17:27 WIB")
'2023-04-07'
"""

from __future__ import annotations

import re

__all__ = ["detect_language", "find_byline", "find_date", "find_title"]

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


def detect_language(text: str) -> str:
    """``'en'``, ``'id'`` or ``'unknown'`` from function-word frequencies."""
    words = re.findall(r"[a-zA-Z]+", text[:20000].lower())
    if not words:
        return "unknown"
    en = sum(w in _EN for w in words)
    idn = sum(w in _ID for w in words)
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
_DMY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?\s+(\d{{4}})\b", re.I)
_MDY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")
_NUMERIC = re.compile(r"\((\d{1,2})/(\d{1,2})/(\d{4})\)")
_MD = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})\b(?!\s*,?\s*\d{{4}})", re.I)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def _iso(y: int, m: int, d: int) -> str | None:
    if 1 <= m <= 12 and 1 <= d <= 31 and 1900 < y < 2100:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def find_date(text: str) -> str | None:
    """The publication date the text states, as ISO ``YYYY-MM-DD``.

    Looks at the first lines for a full date ("1 Februari 2023", "Nov. 3, 2025",
    "Jumat 07 Apr 2023 17:27 WIB", "2023-04-07"); otherwise takes the first
    full date anywhere, then a month and day ("Nov. 3") with the latest year the
    text mentions.

    >>> find_date("1 Februari 2023\\nSEOUL - ...")
    '2023-02-01'
    >>> find_date("Visit on Nov. 3. Talks began in October 2024.")
    '2024-11-03'
    """
    head = "\n".join(text.strip().splitlines()[:6])
    for chunk in (head, text):
        for regex, order in ((_ISO, "ymd"), (_DMY, "dmy"), (_MDY, "mdy"), (_NUMERIC, "dmyn")):
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
                    return iso
    years = [int(y) for y in _YEAR.findall(text)]
    for m in _MD.finditer(text):
        if years:
            iso = _iso(max(years), _MONTHS[m.group(1).lower()], int(m.group(2)))
            if iso:
                return iso
    return None


def find_title(text: str) -> str | None:
    """The first line that reads like a headline (not a date, not a byline)."""
    for line in text.strip().splitlines()[:8]:
        line = line.strip(" -\t")
        if len(line) < 12 or len(line) > 250:
            continue
        if find_date(line) and len(line) < 40:
            continue
        if re.match(r"(?i)^(by|oleh|penulis|reporter|foto|photo)\b", line):
            continue
        return line
    return None


_BYLINE = re.compile(
    r"(?im)^\s*[-–—]?\s*(?:by|oleh|penulis|reporter|pewarta|editor|redaktur|foto|fotografer|"
    r"photo(?:graph)?(?:[ \t]+by)?|written by|reporting by|kontributor|wartawan)[ \t]*[:\-–]?[ \t]+"
    r"([A-Z][\w'.-]+(?:[ \t]+[A-Z][\w'.-]+){0,3})"
)
_CAPS_LINE = re.compile(r"(?m)^\s*[-–—]\s+([A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+){1,3})\s*$")


def find_byline(text: str) -> list[str]:
    """Names of authors and photographers ("BY SARAH KIM", "Penulis: ...").

    >>> find_byline("Title\\n- JANE DOE\\nBody\\nBY JANE DOE [jane@x.com]")
    ['JANE DOE']
    """
    names: list[str] = []
    for regex in (_BYLINE, _CAPS_LINE):
        for m in regex.finditer(text):
            name = m.group(1).strip(" .")
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
    return names
