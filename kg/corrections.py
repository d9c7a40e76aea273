"""Corrections an analyst owns: a YAML file applied to the graph after resolution.

The file (``kg-corrections.yaml`` beside the corpus, or ``--corrections PATH``) is a
list; each item is one correction, applied in file order, with an optional ``note``::

    - merge: ["Jeong Kyeong-doo", "Jung Kyung-doo"]      # the second joins the first
    - split: {node: "Kim Min-seok", alias: "Kim Min"}     # the alias becomes its own node
    - rename: {node: "Gen Nakatani", to: "Gen Nakatani (JDA)"}
    - set: {node: "Jane Doe", type: official, role: "Deputy Minister", country: KR}
    - drop-node: "Camp Humphreys"
    - drop-edge: {a: "A B", b: "C D", kind: meeting}      # kind optional: every kind
    - add-edge: {a: "A B", b: "C D", kind: meeting, note: "confirmed by the ministry"}

Names are node ids, labels or aliases (case, accents and punctuation ignored). A
correction whose names match nothing, or match several nodes, is not applied and is
reported (``graph.meta["corrections"]["unmatched"]``; ``kg build`` prints it); the
others are recorded in ``graph.meta["corrections"]["applied"]`` and on the nodes and
edges they changed (``corrected``: what was done, with the line of the file). A file
that cannot be read as such a list raises :class:`CorrectionsError`, one line with the
file's line number. ``kg fix`` appends to the file (:func:`append`) and applies the new
item to a built graph, the same as the next build does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.documents import CORRECTIONS_FILE
from kg.errors import KGError
from kg.graph import KnowledgeGraph
from kg.lexicon import norm_key
from kg.model import EDGE_KINDS

__all__ = ["ACTIONS", "FILENAME", "Correction", "CorrectionsError", "append", "apply",
           "apply_file", "apply_one", "default_path", "load"]

FILENAME = CORRECTIONS_FILE
#: action -> (fields it needs, fields it may have); a scalar or list value also works
ACTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "merge": (("nodes",), ()),
    "split": (("node", "alias"), ()),
    "rename": (("node", "to"), ()),
    "set": (("node",), ("type", "role", "country")),
    "drop-node": (("node",), ()),
    "drop-edge": (("a", "b"), ("kind",)),
    "add-edge": (("a", "b", "kind"), ()),
}
_TYPES = ("official", "agency", "forum")


class CorrectionsError(KGError):
    """A corrections file that cannot be read: ``PATH:LINE: message``."""


@dataclass
class Correction:
    """One item of the file."""

    action: str
    args: dict[str, Any]
    line: int
    note: str = ""
    where: str = field(default="", compare=False)

    def describe(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.args.items())
        return f"{self.action} {shown}" + (f" ({self.note})" if self.note else "")

    def to_dict(self) -> dict[str, Any]:
        out = {"line": self.line, "action": self.action, **self.args}
        if self.note:
            out["note"] = self.note
        return out


# ------------------------------------------------------------------------ reading
def default_path(inputs: list[str]) -> Path | None:
    """``kg-corrections.yaml`` in the one input folder (or the one input file's folder)."""
    if len(inputs) != 1:
        return None
    path = Path(inputs[0])
    return (path if path.is_dir() else path.parent) / FILENAME


def _args(action: str, value: Any, where: str) -> dict[str, Any]:
    need, may = ACTIONS[action]
    if action == "merge":
        if not (isinstance(value, list) and len(value) == 2
                and all(isinstance(v, str) for v in value)):
            raise CorrectionsError(f"{where}: merge takes a list of two names")
        return {"nodes": list(value)}
    if isinstance(value, str) and len(need) == 1:
        value = {need[0]: value}
    if not isinstance(value, dict):
        raise CorrectionsError(f"{where}: {action} takes a mapping with {', '.join(need)}")
    missing = [k for k in need if not isinstance(value.get(k), str) or not value.get(k)]
    unknown = [k for k in value if k not in need and k not in may and k != "note"]
    if missing or unknown:
        what = f"needs {', '.join(missing)}" if missing else f"unknown field {unknown[0]!r}"
        raise CorrectionsError(f"{where}: {action} {what}")
    if value.get("kind") and value["kind"] not in EDGE_KINDS:
        raise CorrectionsError(f"{where}: kind must be one of {', '.join(EDGE_KINDS)}")
    if action == "set" and not any(value.get(k) for k in may):
        raise CorrectionsError(f"{where}: set needs type, role or country")
    if action == "set" and value.get("type") and value["type"] not in _TYPES:
        raise CorrectionsError(f"{where}: type must be one of {', '.join(_TYPES)}")
    return {k: str(v) for k, v in value.items() if k != "note" and v is not None}


def _item(node: Any, data: Any, path: Path) -> Correction:
    line = node.start_mark.line + 1
    where = f"{path}:{line}"
    if not isinstance(data, dict):
        raise CorrectionsError(f"{where}: a correction is a mapping such as 'merge: [A, B]'")
    actions = [k for k in data if k != "note"]
    if len(actions) != 1 or actions[0] not in ACTIONS:
        known = ", ".join(ACTIONS)
        raise CorrectionsError(f"{where}: one action per item, one of {known}"
                               f" (found {', '.join(map(str, actions)) or 'none'})")
    action = actions[0]
    value = data[action]
    note = data.get("note") or (value.get("note") if isinstance(value, dict) else None) or ""
    return Correction(action, _args(action, value, where), line, str(note), where)


def load(path: str | Path) -> list[Correction]:
    """The corrections in ``path`` (none when it does not exist)."""
    import yaml

    path = Path(path)
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"{path}: cannot read: {exc}") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise CorrectionsError(f"{path}:{line}: not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise CorrectionsError(f"{path}:1: not valid YAML: {exc}") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise CorrectionsError(f"{path}:{root.start_mark.line + 1}: the file is a list of "
                               "corrections ('- merge: [A, B]')")
    return [_item(node, item, path) for node, item in zip(root.value, data, strict=True)]


def append(path: str | Path, action: str, args: dict[str, Any], note: str = "") -> Correction:
    """Append one correction to ``path`` (created if missing); return it as read back."""
    import yaml

    path = Path(path)
    value: Any = args["nodes"] if action == "merge" else dict(args)
    item: dict[str, Any] = {action: value}
    if note:
        item["note"] = note
    text = yaml.safe_dump([item], sort_keys=False, allow_unicode=True,
                          default_flow_style=None, width=1000)
    old = path.read_text(encoding="utf-8") if path.exists() else (
        "# Corrections to the knowledge graph, applied in order at every build (kg fix ...)\n")
    if old and not old.endswith("\n"):
        old += "\n"
    load(path)  # a broken file is reported before it is written to
    from kg.fileio import atomic_write_text

    atomic_write_text(path, old + text)
    return load(path)[-1]


# ------------------------------------------------------------------------ applying
def _index(kg: KnowledgeGraph) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for n, d in kg.graph.nodes(data=True):
        for form in (n, d.get("label", ""), *d.get("aliases", ())):
            if form:
                names.setdefault(norm_key(form), set()).add(n)
    return names


def _find(kg: KnowledgeGraph, name: str) -> tuple[str | None, str]:
    """The one node ``name`` names, else None and why."""
    if name in kg.graph:
        return name, ""
    key = norm_key(name)
    by_label = {n for n, d in kg.graph.nodes(data=True) if norm_key(d.get("label", "")) == key}
    found = by_label or _index(kg).get(key, set())
    if len(found) == 1:
        return next(iter(found)), ""
    if found:
        return None, f"{name!r} names {len(found)} nodes: {', '.join(sorted(found))}"
    return None, f"no node named {name!r}"


def _mark(data: dict[str, Any], c: Correction, text: str) -> None:
    data.setdefault("corrected", []).append(f"{text} (corrections line {c.line})")


def _merge(kg: KnowledgeGraph, keep: str, gone: str, c: Correction) -> None:
    g = kg.graph
    a, b = g.nodes[keep], g.nodes[gone]
    a["docs"] = sorted(set(a.get("docs", [])) | set(b.get("docs", [])))
    a["aliases"] = sorted((set(a.get("aliases", [])) | set(b.get("aliases", []))
                           | {b.get("label", gone)}) - {a.get("label")},
                          key=lambda x: (x.casefold(), x))
    a["mentions"] = a.get("mentions", 0) + b.get("mentions", 0)
    for key in ("role", "country", "offices"):
        if not a.get(key) and b.get(key):
            a[key] = b[key]
    for u, v, kind, d in list(g.edges(gone, keys=True, data=True)):
        other = v if u == gone else u
        if other == keep:
            continue
        ends = (keep, other) if u == gone else (other, keep)
        kg.add_relation(*ends, kind, evidence=d.get("evidence", []), dates=d.get("dates", []))
        for note in d.get("corrected", []):
            g.edges[ends[0], ends[1], kind].setdefault("corrected", []).append(note)
    g.remove_node(gone)
    _mark(a, c, f"merged with {b.get('label', gone)!r}")


def _split(kg: KnowledgeGraph, node: str, alias: str, c: Correction) -> str | None:
    """A new node for ``alias``, with the evidence whose sentence names it."""
    g = kg.graph
    d = g.nodes[node]
    forms = [a for a in d.get("aliases", []) if norm_key(a) == norm_key(alias)]
    if not forms:
        return f"{alias!r} is not an alias of {d.get('label', node)!r}"
    new_id, k = f"{d.get('type', 'node')}:{norm_key(alias)}", 2
    while new_id in g:
        new_id, k = f"{d.get('type', 'node')}:{norm_key(alias)}-{k}", k + 1
    d["aliases"] = [a for a in d["aliases"] if norm_key(a) != norm_key(alias)]
    attrs = {"label": forms[0], "type": d.get("type"), "docs": [], "aliases": [], "mentions": 0}
    attrs.update({k: d[k] for k in ("role", "country") if d.get(k)})
    kg.add_entity(new_id, **attrs)
    docs: set[str] = set()
    for u, v, kind, e in list(g.edges(node, keys=True, data=True)):
        moved = [x for x in e.get("evidence", []) if alias.casefold() in x["sentence"].casefold()]
        if moved:
            kg.add_relation(new_id, v if u == node else u, kind, evidence=moved)
            docs |= {x["doc"] for x in moved}
    g.nodes[new_id]["docs"] = sorted(docs)
    _mark(d, c, f"{alias!r} split off")
    _mark(g.nodes[new_id], c, f"split off {d.get('label', node)!r}")
    return None


def _edge(kg: KnowledgeGraph, a: str, b: str, c: Correction) -> str | None:
    g = kg.graph
    if c.action == "add-edge":
        kind = c.args["kind"]
        kg.add_relation(a, b, kind, evidence=[{
            "doc": "corrections", "sentence": c.note or "added by a correction",
            "start": c.line, "end": c.line}])
        _mark(g.edges[a, b, kind], c, "added" + (f": {c.note}" if c.note else ""))
        return None
    kinds = [k for k in (g.get_edge_data(a, b) or {}) if k == c.args.get("kind", k)]
    if not kinds:
        return f"no {c.args.get('kind', '')} edge between {a!r} and {b!r}".replace("  ", " ")
    for kind in kinds:
        g.remove_edge(a, b, key=kind)
    for n in (a, b):
        _mark(g.nodes[n], c, f"{'/'.join(kinds)} edge with "
                             f"{g.nodes[b if n == a else a].get('label')!r} dropped")
    return None


def apply_one(kg: KnowledgeGraph, c: Correction) -> str | None:
    """Apply ``c``; the reason it could not be, else None."""
    names = c.args["nodes"] if c.action == "merge" else [
        c.args[k] for k in ("node", "a", "b") if k in c.args]
    found = []
    for name in names:
        node, why = _find(kg, name)
        if node is None:
            return why
        found.append(node)
    g = kg.graph
    if c.action == "merge":
        if found[0] == found[1]:
            return f"{names[0]!r} and {names[1]!r} are already one node"
        _merge(kg, found[0], found[1], c)
    elif c.action == "split":
        return _split(kg, found[0], c.args["alias"], c)
    elif c.action == "rename":
        d = g.nodes[found[0]]
        old = d.get("label", found[0])
        d["label"] = c.args["to"]
        d["aliases"] = sorted({*d.get("aliases", []), old} - {c.args["to"]},
                              key=lambda x: (x.casefold(), x))
        _mark(d, c, f"renamed from {old!r}")
    elif c.action == "set":
        d = g.nodes[found[0]]
        changes = {k: c.args[k] for k in ("type", "role", "country") if c.args.get(k)}
        d.update(changes)
        _mark(d, c, "set " + ", ".join(f"{k} {v!r}" for k, v in changes.items()))
    elif c.action == "drop-node":
        g.remove_node(found[0])
    else:
        return _edge(kg, found[0], found[1], c)
    return None


def apply(kg: KnowledgeGraph, corrections: list[Correction], source: str | None = None
          ) -> dict[str, Any]:
    """Apply ``corrections`` in order; record and return what happened."""
    record = kg.meta.setdefault("corrections", {"file": source, "applied": [], "unmatched": []})
    if source:
        record["file"] = source
    for c in corrections:
        why = apply_one(kg, c)
        if why:
            record["unmatched"].append({**c.to_dict(), "reason": why})
        else:
            record["applied"].append(c.to_dict())
    kg.__dict__.pop("_view_cache", None)
    return record


def apply_file(kg: KnowledgeGraph, path: str | Path | None) -> dict[str, Any]:
    """Apply the corrections in ``path`` (nothing when None or missing); see :func:`apply`."""
    corrections = load(path) if path else []
    return apply(kg, corrections, str(path) if path else None)
