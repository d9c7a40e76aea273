#!/usr/bin/env python3
"""Are two graph files from ``kg build`` byte-identical apart from the build timestamp?

    scripts/same_graph.py A.json B.json

Exit status 0 when they are (prints ``same``), 1 when they differ (prints the first
differing line and which nodes and edges differ), 2 when a file cannot be read.
Only the value of ``graph.built`` is ignored; key order, indentation and every
other byte count, so this shows that a restructuring changed nothing:

    .venv/bin/kg build seeds -o /tmp/before.json --no-cache     # before the change
    .venv/bin/kg build seeds -o /tmp/after.json --no-cache      # after it
    .venv/bin/python scripts/same_graph.py /tmp/before.json /tmp/after.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["compare", "differences", "main", "masked"]

_MASK = '"built": "<build time>"'


def masked(text: str) -> str:
    """``text`` with the value of the graph's ``built`` timestamp replaced by a mask.

    The timestamp is found through the parsed JSON (``graph.built``) and replaced at
    its first occurrence, which is where ``kg build`` writes it (the graph's
    metadata comes before the nodes). A file without one is returned unchanged.
    """
    data = json.loads(text)
    meta = data.get("graph") if isinstance(data, dict) else None
    if not isinstance(meta, dict) or "built" not in meta:
        return text
    written = f'"built": {json.dumps(meta["built"], ensure_ascii=False)}'
    if written not in text:
        raise ValueError("the build timestamp is not written the way kg build writes it")
    return text.replace(written, _MASK, 1)


def _edge_key(edge: dict[str, Any]) -> tuple[str, ...]:
    ends = sorted((str(edge.get("source")), str(edge.get("target"))))
    return (*ends, str(edge.get("key", edge.get("kind"))))


def differences(a: str, b: str, limit: int = 10) -> list[str]:
    """What differs between two graph texts: nodes and edges, then metadata and layout."""
    da, db = json.loads(a), json.loads(b)
    out: list[str] = []
    for what, key in (("node", lambda n: n.get("id")), ("edge", _edge_key)):
        items_a = {key(x): x for x in da.get(f"{what}s", [])}
        items_b = {key(x): x for x in db.get(f"{what}s", [])}
        out += [f"{what} only in A: {k}" for k in sorted(items_a.keys() - items_b.keys(), key=str)]
        out += [f"{what} only in B: {k}" for k in sorted(items_b.keys() - items_a.keys(), key=str)]
        for k in sorted(items_a.keys() & items_b.keys(), key=str):
            x, y = items_a[k], items_b[k]
            out += [f"{what} {k}: {f!r} differs" for f in sorted(x.keys() | y.keys())
                    if x.get(f) != y.get(f)]
    meta_a, meta_b = dict(da.get("graph", {})), dict(db.get("graph", {}))
    meta_a.pop("built", None)
    meta_b.pop("built", None)
    out += [f"graph metadata {f!r} differs" for f in sorted(meta_a.keys() | meta_b.keys())
            if meta_a.get(f) != meta_b.get(f)]
    if not out:
        out.append("same content, written differently (order or formatting)")
    return out[:limit] + ([f"... and {len(out) - limit} more"] if len(out) > limit else [])


def compare(path_a: str | Path, path_b: str | Path) -> tuple[bool, list[str]]:
    """``(same, report lines)`` for two graph files."""
    text_a = Path(path_a).read_text(encoding="utf-8")
    text_b = Path(path_b).read_text(encoding="utf-8")
    masked_a, masked_b = masked(text_a), masked(text_b)
    if masked_a == masked_b:
        return True, ["same"]
    lines_a, lines_b = masked_a.splitlines(), masked_b.splitlines()
    n = next((i for i, (x, y) in enumerate(zip(lines_a, lines_b, strict=False)) if x != y),
             min(len(lines_a), len(lines_b)))
    first = [f"first difference at line {n + 1}:",
             f"  A: {lines_a[n][:200] if n < len(lines_a) else '(end of file)'}",
             f"  B: {lines_b[n][:200] if n < len(lines_b) else '(end of file)'}"]
    return False, first + differences(text_a, text_b)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] in {"-h", "--help"}:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        same, report = compare(args[0], args[1])
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"same_graph: error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(report))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
