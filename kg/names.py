"""Looking up what users type: node names in any word order, with or without titles.

The same rules serve ``kg`` commands (:func:`kg.query.resolve_name`) and the HTML
page's search box (:func:`page_index` gives the page the keys and title words it
matches with), so both find the same node, or both say a name is ambiguous.

Rules, strongest first (each on the label and every alias; case, accents,
punctuation and hyphens ignored):

1. the label; 2. an alias; 3. the same without spaces ("Gyu back" = "Gyuback");
4. the same words in any order ("Nakatani Gen", "Hegseth, Pete", "Jae-myung Lee");
5. an acronym of an agency or forum name ("SCM", "JCS");
6. every word of the query in one name ("kepala staf gabungan");
7. for a one-word query, the first or last word of a name (a surname).

A title in the query ("Defense Minister Ahn", "Menhan Sjafrie") means a person:
the words after the title are looked up among officials first, and a query with a
title never silently becomes an agency that shares its words. Otherwise, when a
name fits nodes of several types, the type its words imply wins (a "ministry" is an
agency, a "meeting" a forum), else officials. Finally a close spelling (rapidfuzz
token-sort ratio) is accepted; unknown names list the closest nodes by token
similarity.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

__all__ = [
    "TIERS",
    "implied_type",
    "match_tiers",
    "name_forms",
    "normalize_name",
    "page_index",
    "similarity",
    "strip_titles",
]

# letters NFKD does not decompose
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"})
#: Words left out of acronyms ("Joint Chiefs of Staff" -> JCS).
_ACRONYM_SKIP = frozenset({"of", "the", "for", "and", "on", "in", "dan", "di", "ke", "untuk",
                           "dari", "pada", "yang"})
#: Head words that make a name an agency or a forum.
_TYPE_WORDS = {
    "agency": frozenset({"ministry", "department", "kementerian", "command", "forces", "agency",
                         "office", "bureau", "chiefs", "battalion", "army", "navy", "corps",
                         "kemenhan", "pasukan", "angkatan", "komando", "markas", "badan"}),
    "forum": frozenset({"meeting", "dialogue", "summit", "talks", "group", "committee", "forum",
                        "exercise", "conference", "pertemuan", "dialog", "ktt", "konferensi",
                        "latihan", "pembicaraan", "komite", "sidang"}),
}
#: Honorifics and ranks that are titles too, besides the titles data file.
_EXTRA_TITLES = ("mr", "mrs", "ms", "dr", "pak", "bapak", "ibu", "gen", "general", "minister",
                 "secretary", "president", "admiral", "menteri", "presiden", "jenderal")
#: The tiers of :func:`match_tiers`, strongest first.
TIERS = ("label", "alias", "spelling", "word order", "acronym", "all words", "first or last name")


def normalize_name(text: str) -> str:
    """Case-, diacritics-, punctuation- and hyphen-insensitive form of a name.

    Examples
    --------
    >>> normalize_name("Ahn Gyu-bäck")
    'ahn gyu back'
    >>> normalize_name("  U.S. Forces—Korea ")
    'u s forces korea'
    """
    return _normalized(str(text))


@lru_cache(maxsize=1 << 18)  # every name of a big graph, looked up once per query name
def _normalized(text: str) -> str:
    if text.isascii():  # nothing to decompose (most names): the same, much faster
        bare = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = bare.casefold().translate(_FOLD)
    return " ".join(filter(None, _NON_WORD.split(folded)))


_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1)
def title_phrases() -> tuple[tuple[str, ...], ...]:
    """Every title of the data files (and common honorifics) as word tuples, longest first."""
    from kg.lexicon import get_lexicon

    lex = get_lexicon()
    phrases = {tuple(normalize_name(t).split()) for t in _EXTRA_TITLES}
    for title in lex.titles:
        for field in ("text", "role"):
            words = tuple(normalize_name(title.get(field) or "").split())
            if words:
                phrases.add(words)
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


@lru_cache(maxsize=1)
def _country_words() -> frozenset[tuple[str, ...]]:
    from kg.lexicon import get_lexicon

    out: set[tuple[str, ...]] = set()
    for entry in get_lexicon().countries.values():
        for name in [entry.get("name"), *entry.get("en", []), *entry.get("id", [])]:
            words = tuple(normalize_name(name or "").split())
            if words:
                out.add(words)
    return frozenset(out)


def strip_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """``words`` without title phrases (and, after a title, country words); the titles.

    >>> strip_titles("south korean defense minister ahn".split())
    (['ahn'], ['defense minister'])
    >>> strip_titles(["hegseth"])
    (['hegseth'], [])
    """
    phrases = title_phrases()
    countries = _country_words()
    kept: list[str] = []
    titles: list[str] = []
    i = 0
    while i < len(words):
        for phrase in phrases:
            if tuple(words[i:i + len(phrase)]) == phrase:
                titles.append(" ".join(phrase))
                i += len(phrase)
                break
        else:
            kept.append(words[i])
            i += 1
    if titles:
        for phrase in sorted(countries, key=len, reverse=True):
            n = len(phrase)
            for j in range(len(kept) - n + 1):
                if tuple(kept[j:j + n]) == phrase and len(kept) > n:
                    kept = kept[:j] + kept[j + n:]
                    break
    return kept, titles


def implied_type(words: Iterable[str]) -> str | None:
    """``agency`` or ``forum`` when the query's words name one ("ministry", "summit")."""
    found = {t for t, heads in _TYPE_WORDS.items() if heads.intersection(words)}
    return found.pop() if len(found) == 1 else None


def name_forms(data: Mapping[str, Any], node_id: str) -> list[str]:
    """A node's normalised label, then its normalised aliases."""
    label = normalize_name(data.get("label") or node_id)
    aliases = data.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = [aliases]
    return [label, *(f for f in (normalize_name(a) for a in aliases) if f)]


def _acronym(form: str) -> str | None:
    words = [w for w in form.split() if w not in _ACRONYM_SKIP and not w.isdigit()]
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def match_tiers(query: str, nodes: Mapping[str, Mapping[str, Any]]
                ) -> Iterable[tuple[str, set[str]]]:
    """``(tier, nodes)`` for each of :data:`TIERS` in turn (``query`` normalised)."""
    # labels first: a query that names a label stops here, before any alias is read
    yield "label", {n for n, d in nodes.items() if normalize_name(d.get("label") or n) == query}
    forms = {n: name_forms(d, n) for n, d in nodes.items()}
    words = query.split()
    yield "alias", {n for n, f in forms.items() if query in f[1:]}
    compact = query.replace(" ", "")
    yield "spelling", {n for n, f in forms.items() if any(x.replace(" ", "") == compact for x in f)}
    order = sorted(words)
    yield "word order", {n for n, f in forms.items() if any(sorted(x.split()) == order for x in f)}
    if len(words) == 1 and 2 <= len(query) <= 8:
        yield "acronym", {n for n, f in forms.items() if nodes[n].get("type") != "official"
                          and any(_acronym(x) == query for x in f)}
    if len(words) > 1:
        wanted = set(words)
        yield "all words", {n for n, f in forms.items() if any(wanted <= set(x.split()) for x in f)}
    else:
        yield "first or last name", {
            n for n, f in forms.items()
            if any(len(x.split()) > 1 and query in (x.split()[0], x.split()[-1]) for x in f)}


def similarity(query: str, nodes: Mapping[str, Mapping[str, Any]], *, suggest: bool = False
               ) -> dict[str, float]:
    """Best token similarity (0-1) of ``query`` with each node's label and aliases.

    rapidfuzz's ratio and token-sort ratio (word order ignored); for suggestions
    (``suggest``) also its token-set ratio (a query whose words are part of a name).
    For a one-word query the first and last words of each name count as names.
    """
    from rapidfuzz import fuzz

    scorers = [fuzz.ratio, fuzz.token_sort_ratio] + ([fuzz.token_set_ratio] if suggest else [])
    scores: dict[str, float] = {}
    for node, data in nodes.items():
        forms = set(name_forms(data, node))
        if " " not in query:
            forms |= {t for f in list(forms) for t in (f.split()[:1] + f.split()[-1:])}
        best = 0.0
        for form in forms:
            for scorer in scorers:
                best = max(best, scorer(query, form, score_cutoff=best * 100) / 100)
        scores[node] = best
    return scores


def page_index(nodes: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """What the page's search box needs to match as :func:`kg.query.resolve_name` does.

    ``titles``: title phrases (normalised words); ``countries``: country names;
    ``typeWords``: head words of agencies and forums; ``acronymSkip``: words left
    out of acronyms; per node of ``nodes`` (``forms``) its normalised label and aliases.
    """
    return {
        "titles": [" ".join(p) for p in title_phrases()],
        "countries": sorted(" ".join(p) for p in _country_words()),
        "typeWords": {t: sorted(w) for t, w in _TYPE_WORDS.items()},
        "acronymSkip": sorted(_ACRONYM_SKIP),
        "forms": {n: name_forms(d, n) for n, d in nodes.items()},
    }
