"""Load the domain data files in ``kg/data/`` (no spaCy here).

Titles, gazetteers, countries, triggers and word lists are data, not code; this
module reads them once and offers small lookup helpers to the spaCy components
(``kg.nlp``), extraction (``kg.extract``) and entity resolution (``kg.resolve``).

Rules written in one language live in that language's folder (``kg/data/en/``,
``kg/data/id/``: ``titles.jsonl``, ``triggers.jsonl``, ``heads.jsonl`` and the
language's word classes in ``lexicon.jsonl``); a row read from there gets the
folder's name as its ``lang``. Files shared by every language sit in ``kg/data/``
itself (the gazetteer, countries, offices, and word classes marked ``"any"``).
A folder with a ``titles.jsonl`` is a language (:func:`languages`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

__all__ = ["DATA_DIR", "Lexicon", "get_lexicon", "languages", "norm_key",
           "read_jsonl", "read_language_jsonl", "title_label"]

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_jsonl(name: str) -> list[dict[str, Any]]:
    """Records of one JSONL data file; blank lines and ``//`` comments are skipped."""
    path = DATA_DIR / name
    records = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:  # a packaging bug, not a user error
            raise ValueError(f"{path}:{lineno}: {exc}") from exc
    return records


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """The languages with a rules folder in ``kg/data`` (a folder holding ``titles.jsonl``)."""
    return tuple(sorted(p.name for p in DATA_DIR.iterdir()
                        if p.is_dir() and (p / "titles.jsonl").exists()))


def read_language_jsonl(name: str) -> list[dict[str, Any]]:
    """Rows of ``kg/data/LANG/name`` for every language, each with its ``lang``.

    Languages come in :func:`languages` order and rows in file order.
    """
    rows = []
    for lang in languages():
        if (DATA_DIR / lang / name).exists():
            rows += [{"lang": lang, **r} for r in read_jsonl(f"{lang}/{name}")]
    return rows


def title_label(title: dict[str, Any]) -> str:
    """The span label of a title row: ``title:LANG:TEXT``.

    ``TEXT`` is as written for an abbreviation (matched as written) and lower-cased
    otherwise (matched ignoring case), so one label stands for one pattern.

    >>> title_label({"lang": "en", "text": "Defense Minister"})
    'title:en:defense minister'
    """
    text = title["text"] if title.get("abbr") else title["text"].lower()
    return f"title:{title['lang']}:{text}"


def norm_key(text: str) -> str:
    """Casefolded letters and digits only, accents removed: the key names are compared by.

    >>> norm_key("Ahn Gyu-Bäck")
    'ahngyuback'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]+", "", text)


@dataclass
class Lexicon:
    """All data tables, indexed for lookups."""

    titles: list[dict[str, Any]]
    gazetteer: dict[str, dict[str, Any]]
    generic: dict[str, dict[str, Any]]
    countries: dict[str, dict[str, Any]]
    triggers: list[dict[str, Any]]
    words: dict[tuple[str, str], set[str]]
    heads: list[dict[str, Any]]
    nicknames: dict[str, str] = field(default_factory=dict)
    generic_of: dict[str, str] = field(default_factory=dict)
    #: forum-reference noun -> words of the forum names it can refer to ("the forum")
    anaphor_match: dict[str, set[str]] = field(default_factory=dict)
    #: window sizes the extraction rules read (``windows.json``)
    windows: dict[str, int] = field(default_factory=dict)
    #: title categories, most specific first (``title_categories.json``)
    category_specificity: dict[str, int] = field(default_factory=dict)
    #: group reference category -> the title categories it means (``title_categories.json``)
    group_categories: dict[str, list[str]] = field(default_factory=dict)

    @cached_property
    def title_by_label(self) -> dict[str, dict[str, Any]]:
        """Title rows by their span label (:func:`title_label`)."""
        return {title_label(t): t for t in self.titles}

    @cached_property
    def country_by_name(self) -> dict[str, str]:
        """Country codes by their names, adjectives and capitals in any language, case-folded
        (``countries.jsonl``; the first country listed wins a name two share)."""
        found: dict[str, str] = {}
        for code, entry in self.countries.items():
            for lang in ("en", "id"):
                for alias in entry.get(lang, ()):
                    found.setdefault(alias.casefold(), code)
        return found

    def title(self, label: str) -> dict[str, Any]:
        """The title row a ``kg_title`` span label stands for."""
        return self.title_by_label[label]

    def word_class(self, lang: str, cls: str) -> set[str]:
        """Words of one class ("role_word", "name_stop", "former", "byline", "outlet")."""
        return self.words.get((lang, cls), set())

    def resolve_generic(self, key: str, country: str | None) -> str | None:
        """Gazetteer id of a country-dependent name ("jcs" in "KR" -> "kr-jcs")."""
        entry = self.generic.get(key)
        if entry is None or country is None:
            return None
        return entry["by_country"].get(country)


def _with_spellings(entry: dict[str, Any], variants: list[tuple[str, ...]]) -> dict[str, Any]:
    """A gazetteer entry whose English names also come in their other spelling.

    ``spelling_variant`` words in lexicon.jsonl ("Defense|Defence") give the pairs:
    "Defence Acquisition Program Administration" is found as well as "Defense ...".
    """
    names = list(entry["en"])
    for pair in variants:
        for a, b in (pair, pair[::-1]):
            names += [n.replace(a, b) for n in entry["en"] if a in n]
    return {**entry, "en": list(dict.fromkeys(names))}


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """The lexicon, loaded once per process."""
    words: dict[tuple[str, str], set[str]] = {}
    anaphor_match: dict[str, set[str]] = {}
    for rec in [{"lang": "any", **r} for r in read_jsonl("lexicon.jsonl")] \
            + read_language_jsonl("lexicon.jsonl"):
        if rec["class"] == "anaphor_match":
            anaphor_match.setdefault(rec["noun"], set()).add(rec["text"])
            continue
        words.setdefault((rec["lang"], rec["class"]), set()).add(rec["text"])
    variants = [tuple(w.split("|")) for w in words.get(("en", "spelling_variant"), ())]
    gazetteer = {g["id"]: _with_spellings(g, variants) for g in read_jsonl("gazetteer.jsonl")}
    generic = {g["key"]: g for g in read_jsonl("generic_agencies.jsonl")}
    generic_of = {gid: key for key, g in generic.items() for gid in g["by_country"].values()}
    nicknames = {r["short"]: r["full"] for r in read_jsonl("nicknames.jsonl")}
    categories = json.loads((DATA_DIR / "title_categories.json").read_text(encoding="utf-8"))
    return Lexicon(
        titles=read_language_jsonl("titles.jsonl"),
        gazetteer=gazetteer,
        generic=generic,
        countries={c["code"]: c for c in read_jsonl("countries.jsonl")},
        triggers=read_language_jsonl("triggers.jsonl"),
        words=words,
        heads=read_language_jsonl("heads.jsonl"),
        nicknames=nicknames,
        generic_of=generic_of,
        anaphor_match=anaphor_match,
        windows=_windows(),
        category_specificity=categories["specificity"],
        group_categories=categories["groups"],
    )


def _windows() -> dict[str, int]:
    """The window sizes in ``windows.json`` (keys starting with "_" are comments)."""
    raw = json.loads((DATA_DIR / "windows.json").read_text(encoding="utf-8"))
    return {k: int(v) for k, v in raw.items() if not k.startswith("_")}
