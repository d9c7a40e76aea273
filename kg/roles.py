"""The English title of an office as the country names it (``kg/data/office_titles.jsonl``).

Titles in the text give generic roles ("Defense Minister", also from the Indonesian
"Menteri Pertahanan AS"); the United States calls that office "Secretary of Defense".
:func:`english_title` gives the one title the graph shows for an office, whatever the
language of the article; :func:`english_roles` applies it to a graph's officials.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kg.lexicon import read_jsonl

__all__ = ["english_roles", "english_title"]

_SUFFIX = re.compile(r"^(?P<role>.*?)(?P<suffix>\s*\((?:former|acting)\))?$")


@lru_cache(maxsize=1)
def _titles() -> dict[tuple[str, str], str]:
    return {(r["role"].casefold(), r["country"]): r["title"]
            for r in read_jsonl("office_titles.jsonl")}


def english_title(role: str | None, country: str | None) -> str | None:
    """``role`` as the English title of that office in ``country``.

    A "(former)" or "(acting)" after the role is kept; a role or country the data
    does not list is returned unchanged.

    Examples
    --------
    >>> english_title("Defense Minister", "US"), english_title("Defense Minister", "JP")
    ('Secretary of Defense', 'Defense Minister')
    >>> english_title("Secretary of Defense", "KR")
    'Defense Minister'
    >>> english_title("Foreign Minister (former)", "US")
    'Secretary of State (former)'
    >>> english_title("Secretary of Defense", "US"), english_title("Spokesperson", "US")
    ('Secretary of Defense', 'Spokesperson')
    """
    if not role:
        return role
    match = _SUFFIX.match(role)
    base, suffix = match.group("role"), match.group("suffix") or ""
    titles = _titles()
    key = base.casefold()
    if not country:
        return role
    if (key, country) in titles:
        return titles[key, country] + suffix
    own = {t.casefold() for (_, c), t in titles.items() if c == country}
    if (key, "*") in titles and key not in own:  # the country has no office of that name
        return titles[key, "*"] + suffix
    return role


def english_roles(graph: Any) -> int:
    """Give every official of ``graph`` (a networkx graph) its office's English title.

    Returns the number of roles changed.
    """
    changed = 0
    for _, data in graph.nodes(data=True):
        if data.get("type") != "official" or not data.get("role"):
            continue
        title = english_title(data["role"], data.get("country"))
        if title != data["role"]:
            data["role"] = title
            changed += 1
    return changed
