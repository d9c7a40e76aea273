"""The graph store: a networkx ``MultiGraph`` with one edge per (pair, kind).

This module never imports spaCy. It defines the on-disk contract (networkx
node-link JSON, see ``../shared/eval/README.md``) and :class:`GraphStore`, the
store that query, render and export read. :class:`kg.graph.KnowledgeGraph`, the
convenience API the CLI and the notebooks use, adds the query methods on top.

Node attributes
    ``label`` (canonical display name), ``type`` (``official`` | ``agency`` |
    ``forum``), ``docs`` (document ids), ``aliases`` (every surface form seen),
    ``role``, ``country`` (ISO-like code), ``mentions`` (count), and for forums
    ``ordinals`` ("57th" ...); for officials in ``kg/data/offices.jsonl`` ``offices``
    (the terms held while the corpus was written: ``office``, ``role``, ``country``,
    ``start``, ``end``, ``source``, ``note``); ``corrected`` (what the analyst's
    corrections changed, also on edges).

Edge attributes (key = kind; on disk ``source`` is the official end of
``attended`` and ``affiliated`` links)
    ``kind``, ``docs``, ``dates``, ``evidence`` (list of ``{doc, sentence, start, end}``),
    ``count`` (number of supporting sentences) and ``distance`` (what shortest
    path queries minimise; smaller is a stronger link).
"""

from __future__ import annotations

import codecs
import gc
import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import networkx as nx

from kg.errors import GraphFileError
from kg.fileio import atomic_write_text
from kg.model import EDGE_KINDS, FORMAT, NODE_TYPES, edge_distance

__all__ = ["EntityInfo", "GraphStore"]


def _type_problem(obj: dict[str, Any], fields: dict[str, tuple[type, ...]],
                  lists: Iterable[str] = ()) -> str | None:
    """The first field of ``obj`` whose value has the wrong JSON type, described."""
    for name, types in fields.items():
        value = obj.get(name)
        if name in obj and (isinstance(value, bool) or not isinstance(value, types)):
            kinds = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            return f"{name!r} must be {kinds}, not {type(value).__name__}"
    for name in lists:
        value = obj.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"{name!r} must be a list of strings"
    return None


def _distance_problem(edge: dict[str, Any]) -> str | None:
    """Why an edge's ``distance`` cannot be used by shortest-path queries, or None.

    Examples
    --------
    >>> _distance_problem({"distance": -1.0})
    "'distance' must be a finite number of at least 0, not -1.0"
    >>> _distance_problem({"distance": 2}) is None, _distance_problem({}) is None
    (True, True)
    """
    value = edge.get("distance", 0)
    if isinstance(value, int | float) and not (math.isfinite(value) and value >= 0):
        return f"'distance' must be a finite number of at least 0, not {value!r}"
    return None


#: In the raw JSON: escapes of surrogates (lone ones cannot be encoded or printed).
_SURROGATE_ESCAPE_RE = re.compile(r"\\u[dD][89a-fA-F]")
#: ... and escapes of control characters, or raw C1 controls.
_CONTROL_ESCAPE_RE = re.compile(r"\\u(?:00[01][0-9a-fA-F]|007[fF]|00[89][0-9a-fA-F])"
                                "|[\x7f-\x9f]")
#: Lone surrogates (which cannot be printed or encoded) and control characters but \n, \t.
_UNPRINTABLE_RE = re.compile("[\ud800-\udfff]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _printable(value: Any, pattern: re.Pattern[str] = _UNPRINTABLE_RE) -> Any:
    """``value`` with every string (keys too) cleaned of what ``pattern`` matches.

    By default control characters (but newline and tab) and lone surrogates:
    terminal escape sequences in a label lose their ESC, so printing the label
    cannot drive the terminal; lone surrogates become U+FFFD.

    Examples
    --------
    >>> _printable({"label\\x1b": ["\\x1b]0;title\\x07A", "\\ud800b"]}) == {
    ...     "label": ["]0;titleA", "\\ufffdb"]}
    True
    """
    if isinstance(value, str):
        return pattern.sub(lambda m: "\ufffd" if m.group() >= "\ud800" else "", value)
    if isinstance(value, list):
        return [_printable(v, pattern) for v in value]
    if isinstance(value, dict):
        return {_printable(k, pattern): _printable(v, pattern) for k, v in value.items()}
    return value


#: In the raw UTF-8 bytes: a C1 control character (U+007F-U+009F).
_RAW_CONTROL_RE = re.compile(rb"\x7f|\xc2[\x80-\x9f]")


def _halve_indent(raw: bytes) -> bytes:
    """orjson's two-space indentation as one space a level. A line break is always one
    (orjson escapes those in strings), so only indentation follows one; each depth is
    marked with a NUL (escaped in strings too) and its depth, deepest first, then spelt."""
    depth = 0
    while b"\n" + b"  " * (depth + 1) in raw:
        depth += 1
    for k in range(depth, 0, -1):
        raw = raw.replace(b"\n" + b"  " * k, b"\n\x00" + bytes([k]))
    for k in range(1, depth + 1):
        raw = raw.replace(b"\n\x00" + bytes([k]), b"\n" + b" " * k)
    return raw


def dumps_json(data: Any, indent: int | None = 1) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=indent)``, written by orjson when that
    gives the same text.

    ``json`` indents in Python, orjson in Rust (about ten times faster on a big graph).
    The two agree whenever their compact forms do (the same strings, numbers and
    structure; only the whitespace between items differs), which is checked with json's
    compact writer (in C): a float orjson spells otherwise (``1e-05``), ``NaN``, a type
    only one of them takes, all go to ``json``. orjson indents by two spaces: halved for
    ``indent=1``, by one pass when no string holds two spaces in a row (then every pair of
    spaces is indentation), else depth by depth.
    """
    if indent in (1, 2):
        try:
            import orjson

            compact = orjson.dumps(data)
        except (ImportError, TypeError):
            compact = None
        if compact is not None and compact == json.dumps(
                data, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"):
            raw = orjson.dumps(data, option=orjson.OPT_INDENT_2)
            if indent == 1:
                raw = raw.replace(b"  ", b" ") if b"  " not in compact else _halve_indent(raw)
            return raw.decode("utf-8")
    return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=False)


@contextmanager
def no_gc() -> Iterator[None]:
    """No garbage collection inside (restored after) for work that makes millions of
    objects and no garbage: reading a big graph (the collections would cost a fifth of
    the time), resolution and graph building (build_graph of 20,000 synthetic records:
    8.8 s with, 6.2 s without; benchmarks/bench_scale.py).

    When the collector comes back, what the block made is moved to the oldest
    generation (``gc.freeze()`` then ``gc.unfreeze()``: two list splices): otherwise
    the first collection of the youngest generation walks every object the block made
    (1.5-2.5 s for the 100,000-record graph), and that of the middle one again. Those
    objects are still collected, by the next full collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _fast_json(raw: bytes) -> Any:
    """The file's JSON read by orjson (about 3x faster than ``json``) when nothing in
    it needs the careful path: no ``\\u`` escape (surrogates, control characters) and
    no raw control character; None otherwise, or when orjson is missing or rejects the
    text (then ``json`` reads it again and words the error)."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency
        return None
    raw = raw.removeprefix(codecs.BOM_UTF8)
    if b"\\u" in raw or ((b"\xc2" in raw or b"\x7f" in raw) and _RAW_CONTROL_RE.search(raw)):
        return None
    try:
        with no_gc():
            data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    return data if isinstance(data, dict) else None


_STR, _DICT = frozenset({str}), frozenset({dict})
_NODE_LISTS = ("docs", "aliases", "ordinals")


#: The types of a node's fields :func:`_plain_nodes` accepts, absent ones as their default.
_NODE_TYPES = {(str, str, str, r, c, int, list, list, list)
               for r in (str, type(None)) for c in (str, type(None))}


def _plain_nodes(nodes: list[Any]) -> bool:
    """Every node is what :func:`_nodes_problem` accepts, in the plain JSON types (a
    cheaper test that may say False where that one finds no problem; ids are checked
    for uniqueness while the graph is built). One set of field types over all the
    nodes: far cheaper than node by node."""
    if not {type(n) for n in nodes} <= _DICT:
        return False
    types = {(type(n.get("id")), type(n.get("type")), type(n.get("label", "")),
              type(n.get("role")), type(n.get("country")), type(n.get("mentions", 0)),
              type(n.get("docs", [])), type(n.get("aliases", [])), type(n.get("ordinals", [])))
             for n in nodes}
    return types <= _NODE_TYPES and {
        type(x) for n in nodes for name in _NODE_LISTS for x in n.get(name, ())} <= _STR


#: The types of an edge's fields :func:`_plain_edges` accepts, absent ones as their default.
_EDGE_TYPES = {(str, str, str, str, int, list, list, list)}
_EVIDENCE_TYPES = {(str, int, int, str, type(None)), (str, int, int, str, str)}


def _plain_edges(edges: list[Any]) -> bool:
    """Every edge has the attributes :func:`_edges_problem` accepts, in the plain JSON
    types (ends and uniqueness are checked while the graph is built); a few passes over
    all the edges, one set of field types each, far cheaper than edge by edge."""
    if not {type(e) for e in edges} <= _DICT:
        return False
    types = {(type(e.get("source")), type(e.get("target")), type(e.get("kind", "")),
              type(e.get("key", "")), type(e.get("count", 0)), type(e.get("docs", [])),
              type(e.get("dates", [])), type(e.get("evidence", []))) for e in edges}
    if not types <= _EDGE_TYPES:
        return False
    distances = [e["distance"] for e in edges if "distance" in e]
    if not ({type(d) for d in distances} <= {int, float}
            and all(0 <= d < math.inf for d in distances)):  # NaN fails too
        return False
    if not {type(x) for e in edges for name in ("docs", "dates") for x in e.get(name, ())
            } <= _STR:
        return False
    items = [x for e in edges for x in e.get("evidence", ())]
    return {type(x) for x in items} <= _DICT and {
        (type(x.get("doc")), type(x.get("start")), type(x.get("end")),
         type(x.get("sentence", "")), type(x.get("date"))) for x in items} <= _EVIDENCE_TYPES


def _fast_graph(data: dict[str, Any], edges_key: str, *, owned: bool = False
                ) -> nx.MultiGraph | None:
    """The graph ``nx.node_link_graph`` builds from node-link ``data``, built straight
    into networkx's adjacency dicts after one check of all of it; None when anything
    is unusual (then the careful check finds and words the problem, or the slow path
    builds it). Same nodes, edges, attribute order and adjacency order as the slow path.
    ``owned``: ``data`` is nobody else's, its node and edge dicts become the attribute
    dicts (their ids and ends taken out), and after None it is not usable any more.
    """
    nodes_in, edges_in = data["nodes"], data[edges_key]
    if not (_plain_nodes(nodes_in) and _plain_edges(edges_in)):
        return None
    graph = nx.MultiGraph()
    graph.graph = data.get("graph", {})
    nodes, adj = graph._node, graph._adj
    for node in nodes_in:
        nid = node["id"]
        if nid in nodes:
            return None
        if owned:
            del node["id"]
            nodes[nid] = node
        else:
            nodes[nid] = {k: v for k, v in node.items() if k != "id"}
        adj[nid] = {}
    for edge in edges_in:
        if owned:  # the edge's dict becomes its attributes
            u, v, key = edge.pop("source"), edge.pop("target"), edge.pop("key", None)
            attrs = edge
        else:
            u, v, key = edge["source"], edge["target"], edge.get("key")
            attrs = {k: x for k, x in edge.items() if k not in ("source", "target", "key")}
        if key is None:
            key = edge.get("kind", "link")
        around = adj.get(u)
        if around is None or v not in adj:
            return None
        keydict = around.get(v)
        if keydict is None:
            keydict = around[v] = adj[v][u] = {}
        elif key in keydict:
            return None
        keydict[key] = attrs
    return graph


def _edges_key(data: Any, source: str) -> str:
    """Which key of node-link ``data`` holds the edges (``edges``, or networkx's older
    ``links``); a :class:`GraphFileError` when it has no node or edge list."""
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise GraphFileError(f"{source}: not a kg graph file (no 'nodes' list)")
    edges_key = "edges" if "edges" in data else "links" if "links" in data else None
    if edges_key is None or not isinstance(data[edges_key], list):
        raise GraphFileError(f"{source}: not a kg graph file (no 'edges' list)")
    return edges_key


def _check_json_object(path: Path) -> None:
    """Reject at once a file that does not start like a JSON object (no reading it whole)."""
    with open(path, "rb") as handle:
        head = handle.read(4096).removeprefix(codecs.BOM_UTF8).lstrip()
    if head and not head.startswith(b"{"):
        raise GraphFileError(f"{path}: not a kg graph file (not a JSON object)")


def _node_link_problem(data: dict[str, Any], edges_key: str) -> str | None:
    """Why node-link ``data`` cannot be a kg graph (first problem found), or None.

    Checks what the library relies on: node ids are unique strings, every edge
    joins two nodes once per kind, and the attributes that :class:`GraphStore`
    and the CLI read have the right JSON types.
    """
    problem = _meta_problem(data.get("graph", {}))
    if problem:
        return problem
    problem, ids = _nodes_problem(data["nodes"])
    return problem or _edges_problem(data[edges_key], ids)


def _meta_problem(meta: Any) -> str | None:
    """Why the graph metadata (``format``, ``documents``) is unusable, or None."""
    if not isinstance(meta, dict):
        return "not a kg graph file ('graph' is not an object)"
    if "format" in meta and not str(meta["format"]).startswith("kg-graph/"):
        return f"not a kg graph file (format {meta['format']!r})"
    documents = meta.get("documents", [])
    if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
        return "'graph.documents' must be a list of objects"
    for i, doc in enumerate(documents):
        problem = _type_problem(doc, {k: (str, type(None))
                                      for k in ("id", "title", "date", "url", "lang")})
        if problem:
            return f"document #{i}: {problem}"
    return None


def _nodes_problem(nodes: list[Any]) -> tuple[str | None, set[str]]:
    """The first unusable node described (or None), and the node ids read until then."""
    ids: set[str] = set()
    for i, node in enumerate(nodes):
        if not isinstance(node, dict):
            return f"node #{i} is not an object", ids
        for name in ("id", "type"):
            if name not in node:
                return f"node #{i} has no {name!r}", ids
        problem = _type_problem(
            node,
            {"id": (str,), "type": (str,), "label": (str,), "role": (str, type(None)),
             "country": (str, type(None)), "mentions": (int,)},
            lists=("docs", "aliases", "ordinals"),
        )
        if problem:
            return f"node #{i}: {problem}", ids
        if node["id"] in ids:
            return f"node #{i}: duplicate id {node['id']!r}", ids
        ids.add(node["id"])
    return None, ids


def _edges_problem(edges: list[Any], ids: set[str]) -> str | None:
    """The first edge that does not join two of the nodes ``ids`` once per kind, or None."""
    links: set[tuple[frozenset[str], str]] = set()
    for i, edge in enumerate(edges):
        if not isinstance(edge, dict) or not {"source", "target"} <= edge.keys():
            return f"edge #{i} has no 'source' or 'target'"
        for end in ("source", "target"):
            if not isinstance(edge[end], str) or edge[end] not in ids:
                return f"edge #{i}: {end!r} {edge[end]!r} is not a node"
        problem = _type_problem(
            edge, {"kind": (str,), "key": (str,), "count": (int,), "distance": (int, float)},
            lists=("docs", "dates"),
        ) or _distance_problem(edge) or _evidence_problem(edge.get("evidence", []))
        if problem:
            return f"edge #{i}: {problem}"
        link = (frozenset((edge["source"], edge["target"])),
                edge.get("key", edge.get("kind", "link")))
        if link in links:
            return f"edge #{i}: a second {link[1]!r} edge between the same nodes"
        links.add(link)
    return None


def _evidence_problem(evidence: Any) -> str | None:
    """Why an edge's ``evidence`` is not a list of usable sentence records, or None."""
    if not isinstance(evidence, list) or not all(
        isinstance(e, dict) and isinstance(e.get("doc"), str)
        and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
        and isinstance(e.get("sentence", ""), str)
        and isinstance(e.get("date"), str | None)
        for e in evidence
    ):
        return "'evidence' must be a list of objects with 'doc', 'sentence', 'start' and 'end'"
    return None


def _new_evidence(evidence: Iterable[dict[str, Any]], copy: bool) -> list[dict[str, Any]]:
    """A new edge's evidence as :meth:`GraphStore.add_relation` keeps it: once per
    (doc, start, end), by date, document and offset; copies unless ``copy`` is False."""
    if type(evidence) is list and len(evidence) == 1:  # most edges: nothing to sort
        item = evidence[0]
        (item["doc"], item["start"], item["end"])  # noqa: B018 - the same KeyError
        return [dict(item) if copy else item]
    found, seen = [], set()
    for item in evidence:
        ident = (item["doc"], item["start"], item["end"])
        if ident not in seen:
            seen.add(ident)
            found.append(dict(item) if copy else item)
    found.sort(key=_evidence_order)
    return found


def _evidence_order(e: dict[str, Any]) -> tuple[str, str, int]:
    """Evidence on an edge: by date (undated first), document, offset."""
    return (str(e.get("date") or ""), e["doc"], e["start"])


@dataclass(frozen=True)
class EntityInfo:
    """One node of the graph, as the API returns it."""

    id: str
    label: str
    type: str
    role: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    mentions: int = 0
    offices: tuple[dict[str, Any], ...] = ()
    corrected: tuple[str, ...] = ()

    @classmethod
    def from_node(cls, node_id: str, data: dict[str, Any]) -> EntityInfo:
        return cls(
            id=node_id,
            label=data.get("label", node_id),
            type=data.get("type", "unknown"),
            role=data.get("role"),
            country=data.get("country"),
            aliases=tuple(data.get("aliases", ())),
            docs=tuple(data.get("docs", ())),
            mentions=int(data.get("mentions", 0)),
            offices=tuple(o for o in data.get("offices", ()) if isinstance(o, dict)),
            corrected=tuple(str(c) for c in data.get("corrected", ())),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "role": self.role,
            "country": self.country,
            "aliases": list(self.aliases),
            "docs": list(self.docs),
            "mentions": self.mentions,
            **({"offices": [dict(o) for o in self.offices]} if self.offices else {}),
            **({"corrected": list(self.corrected)} if self.corrected else {}),
        }


@dataclass
class GraphStore:
    """A graph of officials, agencies and forums with evidence on every edge.

    Building, reading and (de)serialising; :class:`kg.graph.KnowledgeGraph` adds
    the query, export and notebook methods.

    Parameters
    ----------
    graph : networkx.MultiGraph, optional
        Nodes keyed by opaque id, edges keyed by kind. A new empty graph if omitted.

    Examples
    --------
    >>> kg = GraphStore()
    >>> kg.add_entity("official:a", label="A", type="official", docs=["d1"])
    >>> kg.add_entity("official:b", label="B", type="official", docs=["d1"])
    >>> kg.add_relation("official:a", "official:b", "meeting",
    ...                 evidence=[{"doc": "d1", "sentence": "A met B.", "start": 0, "end": 8}])
    >>> kg.stats()["edges"]
    {'meeting': 1}
    """

    graph: nx.MultiGraph = field(default_factory=nx.MultiGraph)

    # ------------------------------------------------------------------ building
    def add_entity(self, node_id: str, **attrs: Any) -> None:
        """Add a node (or update its attributes)."""
        self.__dict__.pop("_view_cache", None)
        self.graph.add_node(node_id, **attrs)

    def add_relation(
        self,
        source: str,
        target: str,
        kind: str,
        *,
        evidence: Iterable[dict[str, Any]] = (),
        dates: Iterable[str] = (),
    ) -> None:
        """Add evidence for a ``kind`` link between two existing nodes.

        Evidence accumulates on the one edge per (pair, kind); ``docs``, ``count``
        and ``distance`` are kept in step with it.
        """
        if source not in self.graph or target not in self.graph:
            raise KeyError(f"both ends must be nodes: {source!r}, {target!r}")
        self.__dict__.pop("_view_cache", None)
        keydict = self.graph._adj[source].get(target)
        data = keydict.get(kind) if keydict is not None else None
        if data is None:
            self.graph.add_edge(
                source, target, key=kind, kind=kind, docs=[], dates=[], evidence=[], count=0,
            )
            data = self.graph._adj[source][target][kind]
        found = data["evidence"]
        seen = {(e["doc"], e["start"], e["end"]) for e in found}
        for item in evidence:
            ident = (item["doc"], item["start"], item["end"])
            if ident in seen:
                continue
            seen.add(ident)
            found.append(dict(item))
        found.sort(key=_evidence_order)
        docs = {e["doc"] for e in found}
        data["docs"] = sorted(docs)
        data["dates"] = sorted({*data["dates"], *(d for d in dates if d),
                                *(e["date"] for e in found if e.get("date"))})
        data["count"] = len(found)
        data["distance"] = edge_distance(kind, len(docs))

    def add_relations(self, links: Iterable[tuple[str, str, str, list[dict[str, Any]]]],
                      *, copy: bool = True) -> None:
        """Add many links, each ``(kind, source, target, evidence)``: what one
        :meth:`add_relation` call per link gives, with new edges written straight into
        the adjacency (graph building adds hundreds of thousands). With ``copy=False``
        a new edge keeps the evidence dicts given (the caller made them for it)."""
        graph = self.graph
        self.__dict__.pop("_view_cache", None)
        adj, nodes, plain = graph._adj, graph._node, type(graph) is nx.MultiGraph
        distances: dict[tuple[str, int], float] = {}
        for kind, source, target, evidence in links:
            try:
                keydict = adj[source].get(target) if target in nodes and plain else False
            except (KeyError, TypeError):  # not a node, or not even hashable
                keydict = False
            if keydict is False or source == target or (keydict and kind in keydict):
                self.add_relation(source, target, kind, evidence=evidence)  # as it says
                continue
            found = _new_evidence(evidence, copy)
            docs = {e["doc"] for e in found}
            n_docs = len(docs)
            if (kind, n_docs) not in distances:
                distances[(kind, n_docs)] = edge_distance(kind, n_docs)
            if keydict is None:
                keydict = adj[source][target] = adj[target][source] = {}
            keydict[kind] = {"kind": kind, "docs": sorted(docs),
                             "dates": sorted({e["date"] for e in found if e.get("date")}),
                             "evidence": found, "count": len(found),
                             "distance": distances[(kind, n_docs)]}
        nx._clear_cache(graph)

    # ------------------------------------------------------------------ reading
    @property
    def meta(self) -> dict[str, Any]:
        """Graph-level metadata (documents, build date, skipped inputs)."""
        return self.graph.graph

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.graph

    def entity(self, node_id: str) -> EntityInfo:
        """The node ``node_id`` as an :class:`EntityInfo`."""
        return EntityInfo.from_node(node_id, self.graph.nodes[node_id])

    def entities(self, type: str | None = None) -> list[EntityInfo]:
        """Nodes, optionally of one ``type``, most mentioned first."""
        items = [
            EntityInfo.from_node(n, d)
            for n, d in self.graph.nodes(data=True)
            if type is None or d.get("type") == type
        ]
        return sorted(items, key=lambda e: (-len(e.docs), -e.mentions, e.label.casefold(), e.id))

    def relations(self, kind: str | None = None) -> Iterator[dict[str, Any]]:
        """Edges as dicts with ``source``/``target`` added, optionally of one kind."""
        rank = {t: i for i, t in enumerate(NODE_TYPES)}
        for u, v, key, data in self.graph.edges(keys=True, data=True):
            if kind is None or key == kind:
                tu = rank.get(self.graph.nodes[u].get("type"), 9)
                tv = rank.get(self.graph.nodes[v].get("type"), 9)
                source, target = (v, u) if tv < tu else (u, v)
                yield {"source": source, "target": target, **data}

    def stats(self) -> dict[str, Any]:
        """Counts of documents, nodes by type, edges by kind, components and dates."""
        node_types = Counter(d.get("type", "unknown") for _, d in self.graph.nodes(data=True))
        edge_kinds = Counter(k for _, _, k in self.graph.edges(keys=True))
        dates = sorted(
            {dt for _, _, d in self.graph.edges(data=True) for dt in d.get("dates", [])}
            | {doc.get("date") for doc in self.meta.get("documents", []) if doc.get("date")}
        )
        components = nx.number_connected_components(self.graph) if len(self.graph) else 0
        return {
            "documents": len(self.meta.get("documents", [])),
            "nodes": {t: node_types[t] for t in sorted(node_types)},
            "edges": {k: edge_kinds[k] for k in EDGE_KINDS if edge_kinds[k]}
            | {k: v for k, v in sorted(edge_kinds.items()) if k not in EDGE_KINDS},
            "components": components,
            "date_range": [dates[0], dates[-1]] if dates else None,
        }

    # ------------------------------------------------------------------ (de)serialising
    def to_dict(self) -> dict[str, Any]:
        """networkx node-link data (``edges`` key) with the graph metadata."""
        data = nx.node_link_data(self.graph, edges="edges")
        rank = {t: i for i, t in enumerate(NODE_TYPES)}
        types = {n: d.get("type") for n, d in self.graph.nodes(data=True)}
        for edge in data["edges"]:
            # directed kinds read official -> agency/forum; keep that order on disk
            if rank.get(types[edge["target"]], 9) < rank.get(types[edge["source"]], 9):
                edge["source"], edge["target"] = edge["target"], edge["source"]
        data["graph"] = dict(self.graph.graph)
        data["graph"].setdefault("format", FORMAT)
        return data

    def to_json(self, indent: int | None = 1) -> str:
        return dumps_json(self.to_dict(), indent)

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "graph data") -> Self:
        """Build from node-link data, rejecting anything that is not a kg graph."""
        edges_key = _edges_key(data, source)
        if _meta_problem(data.get("graph", {})) is None:
            graph = _fast_graph(data, edges_key)
            if graph is not None:
                return cls(graph=graph)
        problem = _node_link_problem(data, edges_key)
        if problem:
            raise GraphFileError(f"{source}: {problem}")
        payload = dict(data)
        payload["multigraph"] = True
        payload["directed"] = False
        # copies: the caller's data is left as it was
        payload[edges_key] = [{"key": e.get("kind", "link"), **e} for e in data[edges_key]]
        try:
            graph = nx.node_link_graph(payload, edges=edges_key, multigraph=True, directed=False)
        except (KeyError, TypeError, ValueError, nx.NetworkXError) as exc:
            raise GraphFileError(f"{source}: malformed graph data ({exc})") from None
        return cls(graph=graph)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the graph as node-link JSON, atomically."""
        return atomic_write_text(path, self.to_json())

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, printable: bool = False) -> Self:
        """Read a graph written by :meth:`save`.

        Lone surrogates (which no file or terminal can hold) become U+FFFD.
        With ``printable=True`` (the command line) control characters other
        than newline and tab are dropped from every string too, so printing
        the graph's text cannot send escape sequences to the terminal.

        Raises
        ------
        GraphFileError
            The file is missing, unreadable, truncated, or not a kg graph.
        """
        p = Path(path)
        try:
            _check_json_object(p)
            raw = p.read_bytes()
            data = _fast_json(raw)
            text = "" if data is not None else raw.decode("utf-8-sig")  # a BOM is fine
        except FileNotFoundError:
            raise GraphFileError(f"{p}: no such graph file (run 'kg build' first)") from None
        except IsADirectoryError:
            raise GraphFileError(f"{p}: is a folder, not a graph file") from None
        except UnicodeDecodeError as exc:
            raise GraphFileError(
                f"{p}: not UTF-8 text (bad byte at offset {exc.start}), not a kg graph file"
            ) from None
        except OSError as exc:
            raise GraphFileError(f"{p}: cannot read graph file ({exc.strerror or exc})") from None
        if data is not None:  # read by orjson, nothing to clean
            with no_gc():
                edges_key = _edges_key(data, str(p))
                if _meta_problem(data.get("graph", {})) is None:
                    # the data is this method's own: the graph takes its dicts over
                    graph = _fast_graph(data, edges_key, owned=True)
                    if graph is not None:
                        return cls(graph=graph)
                    data = _fast_json(raw)  # read again: the fast path used it up
                return cls.from_dict(data, source=str(p))
        if not text.strip():
            raise GraphFileError(f"{p}: empty graph file (run 'kg build' again)")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            truncated = (exc.pos >= len(text.rstrip()) - 1
                         or exc.msg.startswith("Unterminated string"))
            hint = " (truncated?)" if truncated else ""
            at = " " if exc.msg.endswith(" at") else " at "
            raise GraphFileError(
                f"{p}: not valid JSON{hint}: {exc.msg}{at}line {exc.lineno} column {exc.colno}"
            ) from None
        except RecursionError:
            raise GraphFileError(f"{p}: not a kg graph file (JSON nested too deeply)") from None
        except ValueError as exc:  # e.g. an integer too long to convert
            raise GraphFileError(f"{p}: not valid JSON ({exc})") from None
        if printable and (_SURROGATE_ESCAPE_RE.search(text) or _CONTROL_ESCAPE_RE.search(text)):
            data = _printable(data)  # rare: only then is every string looked at
        elif _SURROGATE_ESCAPE_RE.search(text):
            data = _printable(data, _SURROGATE_RE)
        return cls.from_dict(data, source=str(p))
