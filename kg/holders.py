"""Who held which office when (``kg/data/offices.jsonl``).

No spaCy here. The data lists heads of state and government, defence and foreign
ministers and their first deputies, chiefs of defence and the U.S. commanders in
Korea, Japan and the Indo-Pacific, from 2000 on, one term a line. Extraction stays
as it is; after it, :func:`kg.officepass.apply_offices` adds to one document's records what the
data says, as one more signal, never the only one:

* a name the document gives no office ("person") that is a spelling of a holder in
  office on the document's date becomes an official with that office's role and
  country; a lone surname only when exactly one holder in office then has it; in a
  document without a date, a full name of a holder only;
* the full name of a holder in office on the date, spelt as the data has it, where
  extraction found no one, is that official;
* a role reference without a name ("the defense ministers of Japan and the United
  States", "Menhan Korsel", "the Pentagon chief") becomes the holder of that office
  on the document's date, as a new official or one more mention of the official the
  document already names; officials named together by such references in a sentence
  with a meeting word (and no negation) met.

Role references need the document's date. Resolution (:mod:`kg.resolve`) joins the
spellings of one holder (:func:`holder_key`); the graph's official nodes carry the
terms their person held while the corpus was written (:func:`terms_of`).
"""

from __future__ import annotations

import os
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicon import norm_key, read_jsonl

__all__ = [
    "FROM_DATA",
    "KINDS",
    "Term",
    "countries_of",
    "enabled",
    "holder_key",
    "holders_on",
    "period_of",
    "period_start",
    "terms",
    "terms_by_name",
    "terms_of",
    "who",
]

#: Office classes: the words that name one in a question (``kg who``) and the role
#: category an official of it gets (as in ``titles.jsonl``).
KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "head_of_state": (("president", "head of state", "leader", "supreme leader", "presiden"),
                      "leader"),
    "head_of_government": (("prime minister", "premier", "head of government", "pm",
                            "perdana menteri"), "leader"),
    "defense_minister": (("defense minister", "defence minister", "minister of defense",
                          "minister of national defense", "secretary of defense",
                          "defense secretary", "menteri pertahanan", "menhan"), "defense"),
    "foreign_minister": (("foreign minister", "minister of foreign affairs", "secretary of state",
                          "foreign secretary", "menteri luar negeri", "menlu"), "foreign"),
    "vice_defense_minister": (("vice defense minister", "deputy defense minister",
                               "deputy secretary of defense", "wakil menteri pertahanan",
                               "wamenhan"), "defense"),
    "vice_foreign_minister": (("vice foreign minister", "first vice foreign minister",
                               "deputy foreign minister", "deputy secretary of state",
                               "wakil menteri luar negeri", "wamenlu"), "foreign"),
    "chief_of_defense": (("chief of defense", "chief of defence", "chief of the defence force",
                          "chairman of the joint chiefs of staff", "jcs chairman",
                          "chief of staff joint staff", "panglima tni", "tni commander"),
                         "military"),
    "usfk_commander": (("usfk commander", "commander of usfk", "commander of u.s. forces korea",
                        "cfc commander", "unc commander"), "military"),
    "indopacom_commander": (("indopacom commander", "pacom commander",
                             "commander of u.s. indo-pacific command",
                             "commander of u.s. pacific command"), "military"),
    "usfj_commander": (("usfj commander", "commander of u.s. forces japan"), "military"),
}


#: ``Entity.role_text`` of an entity whose office comes from the data, not from its text
FROM_DATA = "[offices.jsonl]"


@dataclass(frozen=True)
class Term:
    """One person's term in one office (a line of ``offices.jsonl``)."""

    name: str
    spellings: tuple[str, ...]
    office: str
    kind: str
    role: str
    country: str
    start: str
    end: str | None
    source: str
    note: str = ""

    def active(self, date: str) -> bool:
        """In office on ``date`` (ISO): from the start day until the day before the end."""
        return self.start <= date and (self.end is None or date < self.end)

    def as_dict(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {"office": self.office, "role": self.role,
                                      "country": self.country, "start": self.start,
                                      "end": self.end, "source": self.source}
        if self.note:
            out["note"] = self.note
        return out


def enabled() -> bool:
    """Whether builds use the office data (``KG_NO_OFFICES=1`` or ``--no-offices`` turn it off)."""
    return os.environ.get("KG_NO_OFFICES", "") in ("", "0")


@lru_cache(maxsize=1)
def terms() -> tuple[Term, ...]:
    """Every term in the data file, in file order."""
    return tuple(Term(name=r["name"], spellings=tuple(r.get("spellings", [])), office=r["office"],
                      kind=r["kind"], role=r["role"], country=r["country"], start=r["start"],
                      end=r.get("end"), source=r["source"], note=r.get("note", ""))
                 for r in read_jsonl("offices.jsonl"))


@lru_cache(maxsize=1)
def _by_spelling() -> dict[str, frozenset[str]]:
    """Normalised spelling (also with the name parts reversed) -> canonical names."""
    table: dict[str, set[str]] = {}
    for t in terms():
        for form in (t.name, *t.spellings):
            parts = form.replace("-", " ").split()
            for variant in {form, " ".join(reversed(parts))}:
                table.setdefault(norm_key(variant), set()).add(t.name)
    return {k: frozenset(v) for k, v in table.items()}


@lru_cache(maxsize=1 << 16)
def holder_key(name: str) -> str | None:
    """The canonical name of the one holder ``name`` spells, else None.

    >>> holder_key("Jeong Kyung-doo"), holder_key("Iwaya Takeshi"), holder_key("Nobody Here")
    ('Jeong Kyeong-doo', 'Takeshi Iwaya', None)
    """
    if len(name.split()) < 2:
        return None
    names = _by_spelling().get(norm_key(name), frozenset())
    return next(iter(names)) if len(names) == 1 else None


def countries_of(name: str) -> frozenset[str]:
    """The countries whose offices the holder ``name`` (canonical) held."""
    return frozenset(t.country for t in terms() if t.name == name)


@lru_cache(maxsize=1)
def _boundaries() -> list[str]:
    """Every first and last day of a term, sorted: between two of them (and on the first
    of the two) the same terms are in force."""
    return sorted({t.start for t in terms()} | {t.end for t in terms() if t.end is not None})


@lru_cache(maxsize=4096)
def _in_force(period: int, kind: str | None, country: str | None) -> tuple[Term, ...]:
    """The terms of :func:`holders_on` for the dates of ``period`` (after as many
    boundaries, :func:`_boundaries`)."""
    if not _boundaries():
        return ()
    date = period_start(period)
    return tuple(t for t in terms() if t.active(date) and (kind is None or t.kind == kind)
                 and (country is None or t.country == country))


def period_of(date: str) -> int:
    """The stretch of dates ``date`` is in: dates of one stretch have the same terms in
    force (:func:`holders_on`), and ``period_of(period_start(n)) == n``."""
    return bisect_right(_boundaries(), date)


def period_start(period: int) -> str:
    """A date of stretch ``period`` (:func:`period_of`): its first day, or "" before all."""
    return _boundaries()[period - 1] if period else ""


def holders_on(date: str, kind: str | None = None, country: str | None = None) -> list[Term]:
    """Terms in force on ``date``, of one office class and country if given.

    Computed once per stretch of dates with the same terms in force.
    """
    return list(_in_force(period_of(date), kind, country))


@lru_cache(maxsize=1)
def terms_by_name() -> dict[str, tuple[Term, ...]]:
    """Canonical name -> that person's terms, in file order."""
    table: dict[str, list[Term]] = {}
    for t in terms():
        table.setdefault(t.name, []).append(t)
    return {name: tuple(ts) for name, ts in table.items()}


def _kind_of(office: str) -> str | None:
    key = norm_key(office)
    for kind, (words, _) in KINDS.items():
        if key == norm_key(kind) or any(norm_key(w) == key for w in words):
            return kind
    return None


def who(office: str, country: str | None = None, on: str | None = None) -> list[Term]:
    """Terms of ``office`` (a class name, a word of one, or an office's own name), in
    ``country`` if given, in force on ``on`` if given; in date order.

    >>> [t.name for t in who("defense minister", "JP", "2019-08-07")]
    ['Takeshi Iwaya']
    >>> [t.name for t in who("Secretary of Defense", on="2021-03-16")]
    ['Lloyd Austin']
    """
    key = norm_key(office)
    exact = [t for t in terms() if key in (norm_key(t.office), norm_key(t.role))]
    if len({t.country for t in exact}) == 1:  # "Secretary of Defense": one country's office
        chosen = exact
    else:  # a word for a class of offices: "defense minister", "menhan"
        kind = _kind_of(office)
        chosen = [t for t in terms() if t.kind == kind] if kind else exact
    found = [t for t in chosen if (country is None or t.country == country.upper())
             and (on is None or t.active(on))]
    return sorted(found, key=lambda t: (t.country, t.start))


def terms_of(names: list[str], first: str | None = None, last: str | None = None) -> list[Term]:
    """The terms of the holder that ``names`` spell (one holder only), overlapping the
    period ``first`` .. ``last`` when given."""
    keys = {k for k in map(holder_key, names) if k}
    if len(keys) != 1:
        return []
    (key,) = keys
    return [t for t in terms() if t.name == key
            and (first is None or t.end is None or t.end > first)
            and (last is None or t.start <= last)]
