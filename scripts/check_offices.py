#!/usr/bin/env python3
"""Validate the office-holder data (``kg/data/offices.jsonl`` by default).

    scripts/check_offices.py [FILE]

Checks every line: valid JSON with the fields ``name``, ``spellings`` (a list),
``office``, ``kind`` (one of ``kg.holders.KINDS``), ``role``, ``country`` (a code in
``countries.jsonl``), ``start`` and ``end`` (ISO dates; ``end`` null while in office),
``source`` (not empty) and an optional ``note``; start before end; one ``kind`` per
office name; and no two terms of one office (office, country) that
overlap (an end equal to the next start is a hand-over, not an overlap). Prints one
line per problem, ``FILE:LINE: message``, and exits 1 when there is any, else prints
``ok: N terms`` and exits 0.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from datetime import date
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.holders import KINDS
from kg.lexicon import DATA_DIR, get_lexicon

__all__ = ["check", "main"]

FIELDS = {"name": str, "spellings": list, "office": str, "kind": str, "role": str,
          "country": str, "start": str, "source": str}
OPTIONAL = {"end", "note"}


def _iso(value: object) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return len(str(value)) == 10


def _line_problems(rec: dict, countries: set[str]) -> list[str]:
    problems = [f"missing or not a {t.__name__}: {k}" for k, t in FIELDS.items()
                if not isinstance(rec.get(k), t)]
    problems += [f"unknown field: {k}" for k in rec if k not in FIELDS and k not in OPTIONAL]
    if problems:
        return problems
    if not rec["source"].strip():
        problems.append("no source")
    if rec["kind"] not in KINDS:
        problems.append(f"unknown office kind {rec['kind']!r}")
    if rec["country"] not in countries:
        problems.append(f"unknown country {rec['country']!r}")
    if not _iso(rec["start"]):
        problems.append(f"start is not an ISO date: {rec['start']!r}")
    end = rec.get("end")
    if end is not None and not _iso(end):
        problems.append(f"end is not an ISO date: {end!r}")
    elif end is not None and _iso(rec["start"]) and end <= rec["start"]:
        problems.append(f"end {end} is not after start {rec['start']}")
    return problems


def _overlaps(terms: dict[tuple[str, str], list[tuple[str, str | None, str, int]]]) -> list[str]:
    problems = []
    for (office, country), rows in terms.items():
        rows.sort()
        for (_s1, e1, n1, l1), (s2, _e2, n2, l2) in pairwise(rows):
            if e1 is None or e1 > s2:
                problems.append(f"{l2}: {n2} ({office}, {country}) starts {s2}, before "
                                f"{n1} (line {l1}) leaves ({e1 or 'still in office'})")
    return problems


def check(path: Path) -> list[str]:
    """The problems in ``path``, as ``LINE: message`` strings."""
    countries = set(get_lexicon().countries)
    problems: list[str] = []
    terms: dict[tuple[str, str], list] = defaultdict(list)
    kinds: dict[str, dict[str, int]] = defaultdict(dict)
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{lineno}: not JSON: {exc.msg}")
            continue
        if not isinstance(rec, dict):
            problems.append(f"{lineno}: not an object")
            continue
        found = _line_problems(rec, countries)
        problems += [f"{lineno}: {p}" for p in found]
        if not found:
            terms[(rec["office"], rec["country"])].append(
                (rec["start"], rec.get("end"), rec["name"], lineno))
            kinds[rec["office"]].setdefault(rec["kind"], lineno)
    problems += _overlaps(terms)
    for office, seen in kinds.items():
        if len(seen) > 1:
            line = max(seen.values())
            problems.append(f"{line}: office {office!r} has more than one kind: "
                            f"{', '.join(sorted(seen))}")
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DATA_DIR / "offices.jsonl"
    problems = check(path)
    for p in problems:
        print(f"{path}:{p}")
    if problems:
        return 1
    n = sum(1 for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("//"))
    print(f"ok: {n} terms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
