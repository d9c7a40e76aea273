"""Questions an analyst asks of the graph: who is this, how are they connected, who matters.

Every query starts from a name. :func:`resolve_name` turns what a user typed
("hegseth", "Ahn Gyu-bäck", "minister ahn", a node id, a small typo) into one
node id, or raises :class:`~kg.errors.UnknownNameError` /
:class:`~kg.errors.AmbiguousNameError` listing the closest candidates.

Paths minimise the edge attribute ``distance`` (meeting < attended < affiliated
< co_appearance; more supporting documents make a link shorter). Because the
graph is a ``MultiGraph`` with one edge per (pair, kind), path finding runs on a
simple ``nx.Graph`` view in which each pair keeps its best allowed edge.

Examples
--------
>>> from kg.graph import KnowledgeGraph
>>> kg = KnowledgeGraph()
>>> for slug, label in [("a", "Gen Nakatani"), ("b", "Ahn Gyu-back"), ("c", "Pete Hegseth")]:
...     kg.add_entity(f"official:{slug}", label=label, type="official", aliases=[label])
>>> kg.add_relation("official:a", "official:b", "meeting", evidence=[
...     {"doc": "d1", "sentence": "Nakatani met Ahn.", "start": 0, "end": 17}])
>>> kg.add_relation("official:b", "official:c", "meeting", evidence=[
...     {"doc": "d2", "sentence": "Ahn met Hegseth.", "start": 0, "end": 16}])
>>> result = find_path(kg, "nakatani", "hegseth")
>>> " → ".join(result.labels)
'Gen Nakatani → Ahn Gyu-back → Pete Hegseth'
>>> result.length
2.0
"""

from __future__ import annotations

import datetime as _dt
import itertools
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.errors import AmbiguousNameError, InputError, NoPathError, UnknownNameError
from kg.model import DIRECTED_KINDS, EDGE_KINDS, NODE_TYPES, RANKINGS, edge_distance, reads_backward
from kg.names import implied_type, match_tiers, normalize_name, similarity, strip_titles

if TYPE_CHECKING:  # pragma: no cover
    from kg.store import GraphStore

__all__ = [
    "RANKINGS",
    "Evidence",
    "Hop",
    "Neighbor",
    "PathResult",
    "Ranked",
    "find_path",
    "find_paths",
    "neighbors",
    "normalize_name",
    "parse_kinds",
    "path_view",
    "resolve_name",
    "top",
]

log = logging.getLogger(__name__)

_FUZZY_CUTOFF = 0.82
_FUZZY_TIE = 0.02
_MAX_CANDIDATES = 5
_TYPE_RANK = {t: i for i, t in enumerate(NODE_TYPES)}
_KIND_RANK = {k: i for i, k in enumerate(EDGE_KINDS)}
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# ---------------------------------------------------------------------- results
@dataclass(frozen=True)
class Evidence:
    """One sentence that supports a link.

    Examples
    --------
    >>> Evidence(doc="d1", sentence="A met B.", date="2023-02-01").to_dict()
    {'doc': 'd1', 'sentence': 'A met B.', 'date': '2023-02-01'}
    """

    doc: str
    sentence: str
    start: int | None = None
    end: int | None = None
    date: str | None = None

    @classmethod
    def from_dict(cls, item: Mapping[str, Any]) -> Evidence:
        """Build from an edge's ``evidence`` entry (``doc``, ``sentence``, ``start``...)."""
        return cls(
            doc=str(item.get("doc", "")),
            sentence=str(item.get("sentence", "")),
            start=item.get("start"),
            end=item.get("end"),
            date=str(item["date"]) if item.get("date") else None,
        )

    def to_dict(self) -> dict[str, Any]:
        """``{"doc", "sentence"}`` plus its ``start``/``end`` offsets in the document and
        ``"date"`` when known (as in the graph file's evidence)."""
        out: dict[str, Any] = {"doc": self.doc, "sentence": self.sentence}
        if self.start is not None and self.end is not None:
            out["start"], out["end"] = self.start, self.end
        if self.date:
            out["date"] = self.date
        return out


@dataclass(frozen=True)
class Hop:
    """One link of a path, oriented along the path (``source`` comes first).

    Examples
    --------
    >>> hop = Hop("official:a", "official:b", "A", "B", "meeting", 1.0, ("2023-02-01",), ("d1",))
    >>> hop.to_dict()["kind"], hop.to_dict()["source"]
    ('meeting', 'A')
    """

    source: str
    target: str
    source_label: str
    target_label: str
    kind: str
    distance: float
    dates: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    #: The kind reads from target to source (a forum to the official who attended it).
    backward: bool = False

    @property
    def arrow(self) -> str:
        """The kind between the two labels, pointing the way it reads: ``—attended→``
        or ``←attended—``."""
        return f"←{self.kind}—" if self.backward else f"—{self.kind}→"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: labels as ``source``/``target``, plus kind, dates, docs, evidence;
        ``direction`` says how a directed kind reads (``forward``: source to target)."""
        return {
            "source": self.source_label,
            "target": self.target_label,
            "source_id": self.source,
            "target_id": self.target,
            "kind": self.kind,
            "direction": ("backward" if self.backward else "forward"
                          if self.kind in DIRECTED_KINDS else "none"),
            "dates": list(self.dates),
            "docs": list(self.docs),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class PathResult:
    """A path between two nodes with the evidence for every hop.

    ``nodes`` are node ids, ``labels`` their display names, ``length`` the sum
    of the hop distances.

    Examples
    --------
    >>> hop = Hop("x", "y", "X", "Y", "meeting", 1.0, (), ("d1",),
    ...           (Evidence("d1", "X met Y."),))
    >>> result = PathResult(nodes=("x", "y"), labels=("X", "Y"), hops=(hop,), length=1.0)
    >>> result.to_dict()["path"], result.to_dict()["length"]
    (['X', 'Y'], 1.0)
    >>> print(result.to_text())
    X → Y
      X —meeting→ Y
          "X met Y." — d1
      1 hop, length 1
    """

    nodes: tuple[str, ...]
    labels: tuple[str, ...]
    hops: tuple[Hop, ...]
    length: float

    @property
    def source(self) -> str:
        """Id of the first node."""
        return self.nodes[0]

    @property
    def target(self) -> str:
        """Id of the last node."""
        return self.nodes[-1]

    def to_dict(self) -> dict[str, Any]:
        """``{"path": [labels], "hops": [...], "length": float}`` (the CLI's ``--json``)."""
        return {
            "path": list(self.labels),
            "hops": [h.to_dict() for h in self.hops],
            "length": self.length,
        }

    def to_text(self) -> str:
        """Human-readable: the labels joined by arrows, then each hop with its first sentence."""
        lines = [" → ".join(self.labels)]
        for hop in self.hops:
            dates = _format_dates(hop.dates)
            lines.append(f"  {hop.source_label} {hop.arrow} {hop.target_label}"
                         + (f"  ({dates})" if dates else ""))
            if hop.evidence:
                first = hop.evidence[0]
                more = len(hop.evidence) - 1
                where = PurePath(first.doc).name or first.doc
                if first.date:
                    where += f", {first.date}"
                tail = f" (+{more} more sentence{'s' if more > 1 else ''})" if more else ""
                lines.append(f'      "{_one_line(first.sentence)}" — {where}{tail}')
        n = len(self.hops)
        lines.append(f"  {n} hop{'s' if n != 1 else ''}, length {self.length:g}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Neighbor:
    """A node near another one (see :func:`neighbors`).

    ``depth`` is the number of hops from the origin, ``through`` the node it was
    reached from (the origin at depth 1), ``kinds``/``docs``/``distance`` describe
    the links between ``through`` and this node.

    Examples
    --------
    >>> Neighbor("b", "B", "official", None, 1, "a", ("meeting",), 1.0, ("d1",)).to_dict()["kinds"]
    ['meeting']
    """

    id: str
    label: str
    type: str
    role: str | None
    depth: int
    through: str
    kinds: tuple[str, ...]
    distance: float
    docs: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """All fields, tuples as lists."""
        return {
            "id": self.id, "label": self.label, "type": self.type, "role": self.role,
            "depth": self.depth, "through": self.through, "kinds": list(self.kinds),
            "distance": self.distance, "docs": list(self.docs),
        }


@dataclass(frozen=True)
class Ranked:
    """A node and its score in a ranking (see :func:`top`).

    Examples
    --------
    >>> Ranked("a", "A", "official", None, 2.0).to_dict()["score"]
    2.0
    """

    id: str
    label: str
    type: str
    role: str | None
    score: float
    #: How the score was computed ("betweenness, estimated from 500 of 5,000 nodes ...").
    method: str = ""

    def to_dict(self) -> dict[str, Any]:
        """All fields."""
        return {"id": self.id, "label": self.label, "type": self.type, "role": self.role,
                "score": self.score, "method": self.method}


# ---------------------------------------------------------------------- names
def _attempts(query: str, nodes: Mapping[str, Mapping[str, Any]], core: list[str] | None
              ) -> Iterable[tuple[str, set[str]]]:
    """The look-ups of :func:`resolve_name` in turn (see :mod:`kg.names`).

    The whole query's exact forms; then, when it has a title (``core``: the words
    after it), those words among officials; then the whole query's looser tiers.
    """
    exact = ("label", "alias", "spelling", "word order")
    labelled = _label_matches(query, nodes)
    if labelled:  # the first tier, worked out here for all labels at once
        yield "label", labelled
    tiers = iter(match_tiers(query, nodes))
    next(tiers)  # its label tier: the one above
    for how, found in tiers:
        if how in exact:
            yield how, found
    if core:
        officials = {n: d for n, d in nodes.items() if d.get("type") == "official"}
        for how, found in match_tiers(" ".join(core), officials):
            yield f"{how} after a title", found
    for how, found in match_tiers(query, nodes):
        if how not in exact:
            yield how, found


#: Where an ASCII label's words end (:func:`kg.names.normalize_name`), not across lines.
_NON_WORD_IN_LINE = re.compile(r"(?:[^\w\n]|_)+")
_LINE_EDGE = re.compile(r" ?\n ?")


def _label_matches(query: str, nodes: Mapping[str, Mapping[str, Any]]) -> set[str]:
    """The nodes whose label (else id) normalises to ``query``: the label tier of
    :func:`kg.names.match_tiers`. ASCII labels (most) are normalised all at once as one
    text, lower-cased and split into words line by line (what normalize_name does to an
    ASCII name), 100,000 labels in a few hundredths of a second."""
    texts = [str(d.get("label") or n) for n, d in nodes.items()]
    joined = "\n".join(texts)
    if joined.isascii() and joined.count("\n") == len(texts) - 1:
        words = _NON_WORD_IN_LINE.sub(" ", joined.lower())
        forms = _LINE_EDGE.sub("\n", words).strip(" ").split("\n")
        return {n for n, form in zip(nodes, forms, strict=True) if form == query}
    return {n for n, text in zip(nodes, texts, strict=True) if normalize_name(text) == query}


def _describe(node: str, data: Mapping[str, Any]) -> str:
    extra = ", ".join(str(x) for x in (data.get("type"), data.get("role")) if x)
    return f"{data.get('label', node)} ({extra}; id {node})" if extra else f"{node}"


def _candidates(nodes: Iterable[str], graph: nx.MultiGraph) -> list[dict[str, Any]]:
    return [
        {"id": n, "label": graph.nodes[n].get("label", n), "type": graph.nodes[n].get("type"),
         "role": graph.nodes[n].get("role")}
        for n in nodes
    ]


def _sort_nodes(nodes: Iterable[str], graph: nx.MultiGraph) -> list[str]:
    def key(n: str) -> tuple:
        d = graph.nodes[n]
        return (_TYPE_RANK.get(d.get("type"), 9), -len(d.get("docs") or ()),
                str(d.get("label", n)).casefold(), n)

    return sorted(nodes, key=key)


def _prefer(found: set[str], graph: nx.MultiGraph, implied: str | None,
            titles: list[str]) -> set[str]:
    """Of several nodes, those of the type the words imply (else officials), and of several
    officials named with a title, those whose role has that title."""
    types = {graph.nodes[n].get("type") for n in found}
    for wanted in (implied, "official"):
        of_type = {n for n in found if graph.nodes[n].get("type") == wanted}
        if len(types) > 1 and of_type:
            found = of_type
            break
    if titles and len(found) > 1:
        titled = {n for n in found if any(
            set(t.split()) <= set(normalize_name(graph.nodes[n].get("role") or "").split())
            for t in titles)}
        found = titled or found
    return found


def _pick(name: str, found: set[str], graph: nx.MultiGraph, how: str, typed: bool,
          implied: str | None = None, titles: list[str] | None = None) -> str:
    """One node out of ``found`` (:func:`_prefer` when no type was asked), else ambiguous."""
    if len(found) > 1 and not typed:
        found = _prefer(found, graph, implied, titles or [])
    if len(found) == 1:
        node = next(iter(found))
        if how != "label":
            log.debug("%r matched %s by %s", name, node, how)
        return node
    ordered = _sort_nodes(found, graph)
    listed = "; ".join(_describe(n, graph.nodes[n]) for n in ordered[:_MAX_CANDIDATES])
    more = f" and {len(ordered) - _MAX_CANDIDATES} more" if len(ordered) > _MAX_CANDIDATES else ""
    raise AmbiguousNameError(
        f"ambiguous name {name!r} ({how} of {len(ordered)} nodes): {listed}{more}; "
        "use a fuller name or the node id",
        details={"name": name, "candidates": _candidates(ordered, graph)},
    )


def resolve_name(kg: GraphStore, name: str, *, type: str | None = None) -> str:
    """The id of the one node that ``name`` designates.

    Tries, in order: the node id; the label; any alias; the same ignoring spaces
    and hyphens; for a one-word query, the first or last word of a label or alias
    (surnames, also Korean surname-first names); finally a close spelling (typos).
    Matching ignores case, diacritics and punctuation. When a name fits nodes of
    several types and no ``type`` is given, officials win.

    Parameters
    ----------
    kg : GraphStore
        The graph to search.
    name : str
        What the user typed.
    type : str, optional
        Only consider nodes of this type (``official``, ``agency``, ``forum``).

    Returns
    -------
    str
        The node id.

    Raises
    ------
    UnknownNameError
        Nothing matches; ``details['candidates']`` lists the closest nodes.
    AmbiguousNameError
        Several nodes match equally well; ``details['candidates']`` lists them.

    Examples
    --------
    >>> from kg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph()
    >>> kg.add_entity("official:ahn", label="Ahn Gyu-back", type="official",
    ...               aliases=["Ahn Gyu-baek", "Minister Ahn"])
    >>> kg.add_entity("official:hegseth", label="Pete Hegseth", type="official")
    >>> [resolve_name(kg, q) for q in ("ahn gyu back", "Ahn Gyu-bäck", "ahn", "hegseth", "Hegsteh")]
    ['official:ahn', 'official:ahn', 'official:ahn', 'official:hegseth', 'official:hegseth']
    >>> resolve_name(kg, "Xi Jinping")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.UnknownNameError: unknown name 'Xi Jinping'; closest: ...
    """
    graph = kg.graph
    if type is not None and type not in NODE_TYPES and not any(
        d.get("type") == type for _, d in graph.nodes(data=True)
    ):
        raise InputError(f"unknown type {type!r}; use one of {', '.join(NODE_TYPES)}")
    nodes = graph._node if type is None else {  # read, never changed
        n: d for n, d in graph.nodes(data=True) if d.get("type") == type}
    if name in nodes:
        return name
    query = normalize_name(name)
    what = f"{type} name" if type else "name"
    if not query:
        raise UnknownNameError(f"empty {what} {name!r}", details={"name": name, "candidates": []})
    typed = type is not None
    words = query.split()
    core, titles = strip_titles(words)
    person = bool(titles and core) and type in (None, "official")
    implied = "official" if person else implied_type(words)
    for how, found in _attempts(query, nodes, core if person else None):
        if found:
            return _pick(name, found, graph, how, typed, implied, titles)
    # a close spelling: of the words after a title among officials (a title means a person)
    pool = {n: d for n, d in nodes.items() if d.get("type") == "official"} if person else nodes
    fuzzy_query = " ".join(core) if person else query
    scores = similarity(fuzzy_query, pool)
    best = max(scores.values(), default=0.0)
    if best >= _FUZZY_CUTOFF:
        found = {n for n, s in scores.items() if s >= best - _FUZZY_TIE}
        node = _pick(name, found, graph, "close spelling", typed, implied, titles)
        log.info("%r: taking %s (closest spelling)", name, graph.nodes[node].get("label", node))
        return node
    scores = similarity(fuzzy_query, pool, suggest=True)
    ranked = sorted(
        (n for n, s in scores.items() if s > 0.5),
        key=lambda n: (-scores[n], graph.nodes[n].get("type") != implied,
                       _TYPE_RANK.get(graph.nodes[n].get("type"), 9), n),
    )[:_MAX_CANDIDATES]
    listed = "; ".join(_describe(n, graph.nodes[n]) for n in ranked) or "none"
    raise UnknownNameError(
        f"unknown {what} {name!r}; closest: {listed}",
        details={"name": name, "candidates": _candidates(ranked, graph)},
    )


# ---------------------------------------------------------------------- filters
def parse_kinds(kinds: str | Iterable[str] | None, kg: GraphStore | None = None
                ) -> frozenset[str] | None:
    """Edge kinds from ``"meeting,attended"`` or an iterable; ``None`` means all kinds.

    Raises :class:`~kg.errors.InputError` for a kind that neither the model nor
    the graph knows.

    Examples
    --------
    >>> sorted(parse_kinds("meeting, attended"))
    ['attended', 'meeting']
    >>> parse_kinds(None) is None
    True
    >>> parse_kinds("meetings")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.InputError: unknown edge kind 'meetings'; use meeting, attended, ...
    """
    if kinds is None:
        return None
    items = kinds.split(",") if isinstance(kinds, str) else list(kinds)
    wanted = frozenset(k.strip() for k in items if k and k.strip())
    if not wanted:
        return None
    known = set(EDGE_KINDS)
    if kg is not None:
        known |= {k for _, _, k in kg.graph.edges(keys=True)}
    for kind in sorted(wanted):
        if kind not in known:
            valid = list(EDGE_KINDS) + sorted(known - set(EDGE_KINDS))
            raise InputError(f"unknown edge kind {kind!r}; use {', '.join(valid)}")
    return wanted


def _parse_date(value: Any, option: str) -> str | None:
    if value is None or value == "":
        return None
    text = value.isoformat() if isinstance(value, _dt.date) else str(value).strip()
    text = text[:10]
    match = _DATE_RE.match(text)
    try:
        if not match:
            raise ValueError(text)
        year, month, day = (int(g) if g else 1 for g in match.groups())
        _dt.date(year, month, day)
    except ValueError:
        raise InputError(
            f"{option}: {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from None
    return text


def _in_window(date: Any, since: str | None, until: str | None) -> bool:
    """Whether a (possibly partial) ISO date overlaps the window; prefixes compare as periods."""
    text = str(date or "")[:10]
    if not _DATE_RE.match(text):
        return False
    if since and text[: len(since)] < since[: len(text)]:
        return False
    return not (until and text[: len(until)] > until[: len(text)])


def _windowed(data: Mapping[str, Any], kind: str, since: str | None, until: str | None
              ) -> dict[str, Any] | None:
    """Edge data restricted to evidence dated in the window; ``None`` if nothing is left."""
    evidence = [e for e in data.get("evidence") or () if _in_window(e.get("date"), since, until)]
    if not evidence:
        return None
    docs = sorted({str(e.get("doc", "")) for e in evidence})
    dates = sorted({str(e["date"]) for e in evidence}
                   | {str(d) for d in data.get("dates") or () if _in_window(d, since, until)})
    return {**data, "evidence": evidence, "docs": docs, "dates": dates, "count": len(evidence),
            "distance": edge_distance(kind, len(docs))}


def path_view(
    kg: GraphStore,
    *,
    via: str | Iterable[str] | None = None,
    since: Any = None,
    until: Any = None,
    lazy: bool = False,
) -> nx.Graph:
    """A simple ``nx.Graph`` over all nodes where each pair keeps its shortest allowed edge.

    ``lazy``: each node's neighbours are worked out when first read (what a
    point-to-point query on a big graph wants); the same graph otherwise.

    Edge attributes: ``kind``, ``distance`` and ``data`` (the original edge data,
    restricted to evidence dated in ``[since, until]`` when a window is given;
    its ``distance`` is then recomputed from the documents left).

    Examples
    --------
    >>> from kg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph()
    >>> kg.add_entity("a", label="A", type="official")
    >>> kg.add_entity("b", label="B", type="official")
    >>> ev = [{"doc": "d1", "sentence": "A met B.", "start": 0, "end": 8}]
    >>> kg.add_relation("a", "b", "co_appearance", evidence=ev)
    >>> kg.add_relation("a", "b", "meeting", evidence=ev)
    >>> view = path_view(kg)
    >>> view.edges["a", "b"]["kind"], view.edges["a", "b"]["distance"]
    ('meeting', 1.0)
    >>> path_view(kg, via="co_appearance").edges["a", "b"]["kind"]
    'co_appearance'
    """
    allowed = parse_kinds(via, kg)
    start, end = _parse_date(since, "--since"), _parse_date(until, "--until")
    if start and end and end[: len(start)] < start[: len(end)]:
        raise InputError(f"--since {start} is after --until {end}")
    # Building the view is most of a query's time on a large graph: keep it per graph and
    # constraints. GraphStore.add_entity/add_relation drop the cache; the
    # node count (constant time, unlike the edge count) guards against direct changes.
    key = (allowed, start, end, kg.graph.number_of_nodes(), lazy)
    cache = kg.__dict__.setdefault("_view_cache", {})
    if key not in cache:
        cache.clear()
        cache[key] = (_lazy_view if lazy else _build_view)(kg, allowed, start, end)
    return cache[key]


def _build_view(kg: GraphStore, allowed: frozenset[str] | None, start: str | None,
                end: str | None) -> nx.Graph:
    windowed = bool(start or end)
    view = nx.Graph()
    view.add_nodes_from(kg.graph.nodes)
    # straight from the multigraph's adjacency, pair by pair in the order of
    # kg.graph.edges(), into the view's adjacency dicts: a 100,000-node graph's view in
    # a fraction of the time add_edge per edge takes
    vadj, seen = view._adj, set()
    for u, nbrs in kg.graph.adjacency():
        for v, keydict in nbrs.items():
            if v in seen or u == v:
                continue
            best = _best_edge(keydict, allowed, start, end, windowed)
            if best is not None:
                vadj[u][v] = vadj[v][u] = best
        seen.add(u)
    return view


def _best_edge(keydict: Mapping[str, Any], allowed: frozenset[str] | None, start: str | None,
               end: str | None, windowed: bool) -> dict[str, Any] | None:
    """The view's edge for one pair: its shortest allowed edge (kind, distance, data)."""
    best = None
    for key, data in keydict.items():
        kind = str(data.get("kind", key))
        if allowed is not None and kind not in allowed:
            continue
        if windowed:
            data = _windowed(data, kind, start, end)
            if data is None:
                continue
        distance = data.get("distance")
        if distance is None:
            distance = edge_distance(kind, len(data.get("docs") or ()))
        rank = (float(distance), _KIND_RANK.get(kind, 99), kind)
        if best is None or rank < best[0]:
            best = (rank, data)
    return None if best is None else {"kind": best[0][2], "distance": best[0][0],
                                      "data": best[1]}


class _LazyAdjacency(dict):  # type: ignore[type-arg]
    """The path view's adjacency, one node's row built when first read: a point-to-point
    query reads a few rows of a 100,000-node graph. Rows have the eager view's order
    (neighbours earlier in node order first, by that order; then the later ones in the
    graph's adjacency order), so ties break as they would; iterating or sizing it
    builds every row."""

    def __init__(self, kg: GraphStore, args: tuple[Any, ...]) -> None:
        super().__init__()
        self._graph, self._args = kg.graph, args
        self._pos = {n: i for i, n in enumerate(kg.graph)}
        self._complete = False

    def __missing__(self, node: Any) -> dict[Any, Any]:
        nbrs, pos = self._graph._adj[node], self._pos  # KeyError: not a node
        here = pos[node]
        order = sorted((w for w in nbrs if pos[w] < here), key=pos.__getitem__)
        order += [w for w in nbrs if pos[w] > here]
        row = {}
        for w in order:
            best = _best_edge(nbrs[w], *self._args)
            if best is not None:
                row[w] = best
        self[node] = row
        return row

    def _fill(self) -> None:
        if not self._complete:
            rows = {node: self[node] for node in self._pos}  # in node order, as eager
            super().clear()
            super().update(rows)
            self._complete = True

    def __len__(self) -> int:
        return len(self._pos)

    def __contains__(self, node: object) -> bool:
        return node in self._pos

    def __iter__(self) -> Iterator[Any]:
        self._fill()
        return super().__iter__()

    def keys(self) -> Any:
        self._fill()
        return super().keys()

    def items(self) -> Any:
        self._fill()
        return super().items()

    def values(self) -> Any:
        self._fill()
        return super().values()


def _lazy_view(kg: GraphStore, allowed: frozenset[str] | None, start: str | None,
               end: str | None) -> nx.Graph:
    """The view :func:`_build_view` builds, its rows built as they are read."""
    view = nx.Graph()
    view._node = {n: {} for n in kg.graph._node}  # what add_nodes_from makes, faster
    view._adj = _LazyAdjacency(kg, (allowed, start, end, bool(start or end)))
    return view


# ---------------------------------------------------------------------- paths
def _label(kg: GraphStore, node: str) -> str:
    return str(kg.graph.nodes[node].get("label", node))


def _hop(kg: GraphStore, view: nx.Graph, u: str, v: str) -> Hop:
    edge = view.edges[u, v]
    data = edge["data"]
    return Hop(
        source=u, target=v, source_label=_label(kg, u), target_label=_label(kg, v),
        kind=edge["kind"], distance=edge["distance"],
        dates=tuple(str(d) for d in data.get("dates") or ()),
        docs=tuple(str(d) for d in data.get("docs") or ()),
        evidence=tuple(Evidence.from_dict(e) for e in data.get("evidence") or ()),
        backward=reads_backward(edge["kind"], kg.graph.nodes[u].get("type"),
                                kg.graph.nodes[v].get("type")),
    )


def _result(kg: GraphStore, view: nx.Graph, nodes: list[str]) -> PathResult:
    hops = tuple(_hop(kg, view, u, v) for u, v in itertools.pairwise(nodes))
    return PathResult(
        nodes=tuple(nodes), labels=tuple(_label(kg, n) for n in nodes), hops=hops,
        length=round(sum(h.distance for h in hops), 6),
    )


def _constraints(via: frozenset[str] | None, since: str | None, until: str | None) -> str:
    parts = []
    if via is not None:
        parts.append(f"using only {', '.join(sorted(via, key=lambda k: _KIND_RANK.get(k, 99)))} "
                     "edges")
    if since or until:
        window = (f"from {since} to {until}" if since and until
                  else f"from {since}" if since else f"until {until}")
        parts.append(f"with evidence dated {window}")
    return " ".join(parts)


def _component(kg: GraphStore, view: nx.Graph, node: str, *, first: bool,
               filtered: bool) -> str:
    """Where ``node`` sits in ``view``, for the no-path message."""
    comp = nx.node_connected_component(view, node)
    label = _label(kg, node)
    if len(comp) == 1:
        return f"{label} has no {'such ' if filtered else ''}links"
    others = [_label(kg, n) for n in _sort_nodes(comp - {node}, kg.graph)]
    shown = ", ".join(others[:4]) + (", ..." if len(others) > 4 else "")
    where = "is in a component of" if first else "in one of"
    return f"{label} {where} {len(comp)} nodes (with {shown})"


def _no_path(kg: GraphStore, view: nx.Graph, source: str, target: str,
             via: frozenset[str] | None, since: str | None, until: str | None) -> NoPathError:
    constraints = _constraints(via, since, until)
    head = f"no path between {_label(kg, source)} and {_label(kg, target)}"
    if constraints:
        head += f" {constraints}"
    filtered = bool(constraints)
    first = _component(kg, view, source, first=True, filtered=filtered)
    second = _component(kg, view, target, first=" in a component" not in first,
                        filtered=filtered)
    message = f"{head}: {first}, {second}"
    if constraints and nx.has_path(kg.graph, source, target):
        message += "; they are connected without the filter"
    return NoPathError(message, details={
        "source": source, "target": target,
        "components": [sorted(nx.node_connected_component(view, n)) for n in (source, target)],
    })


def _prepare(kg: GraphStore, a: str, b: str, via: Any, since: Any, until: Any
             ) -> tuple[str, str, nx.Graph, frozenset[str] | None, str | None, str | None]:
    source, target = resolve_name(kg, a), resolve_name(kg, b)
    allowed = parse_kinds(via, kg)
    start, end = _parse_date(since, "--since"), _parse_date(until, "--until")
    view = path_view(kg, via=allowed, since=start, until=end, lazy=True)
    return source, target, view, allowed, start, end


def find_path(
    kg: GraphStore,
    a: str,
    b: str,
    *,
    via: str | Iterable[str] | None = None,
    since: Any = None,
    until: Any = None,
) -> PathResult:
    """The shortest path (least total ``distance``) between two names.

    Parameters
    ----------
    kg : GraphStore
        The graph.
    a, b : str
        Names, aliases, surnames or node ids (see :func:`resolve_name`).
    via : str or iterable of str, optional
        Only use these edge kinds (``"meeting,attended"`` or a list).
    since, until : str, optional
        Only use links with evidence dated in this window (``2023``, ``2023-04``,
        ``2023-04-26``; both ends inclusive). Evidence outside it is dropped from
        the hops, and undated links are not used.

    Returns
    -------
    PathResult

    Raises
    ------
    NoPathError
        The two nodes are in different components under the constraints.
    UnknownNameError, AmbiguousNameError
        A name does not designate one node.

    Examples
    --------
    >>> from kg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph()
    >>> for n in "abc":
    ...     kg.add_entity(n, label=n.upper(), type="official")
    >>> def ev(doc):
    ...     return [{"doc": doc, "sentence": "...", "start": 0, "end": 3, "date": "2023-02-01"}]
    >>> kg.add_relation("a", "b", "meeting", evidence=ev("d1"))
    >>> kg.add_relation("b", "c", "meeting", evidence=ev("d1"))
    >>> kg.add_relation("a", "c", "co_appearance", evidence=ev("d1"))
    >>> find_path(kg, "a", "c").labels
    ('A', 'B', 'C')
    >>> find_path(kg, "a", "c", via="co_appearance").length
    4.0
    >>> find_path(kg, "a", "c", since="2024")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.NoPathError: no path between A and C with evidence dated from 2024: ...
    """
    source, target, view, allowed, start, end = _prepare(kg, a, b, via, since, until)
    try:
        _, nodes = nx.bidirectional_dijkstra(view, source, target, weight="distance")
    except nx.NetworkXNoPath:
        raise _no_path(kg, view, source, target, allowed, start, end) from None
    return _result(kg, view, nodes)


def find_paths(
    kg: GraphStore,
    a: str,
    b: str,
    k: int = 3,
    *,
    via: str | Iterable[str] | None = None,
    since: Any = None,
    until: Any = None,
) -> list[PathResult]:
    """The ``k`` shortest distinct simple paths, shortest first.

    Same parameters as :func:`find_path`, plus ``k`` (at least 1). Fewer paths
    come back when fewer exist.

    Examples
    --------
    >>> from kg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph()
    >>> for n in "abc":
    ...     kg.add_entity(n, label=n.upper(), type="official")
    >>> ev = [{"doc": "d1", "sentence": "...", "start": 0, "end": 3}]
    >>> kg.add_relation("a", "b", "meeting", evidence=ev)
    >>> kg.add_relation("b", "c", "meeting", evidence=ev)
    >>> kg.add_relation("a", "c", "co_appearance", evidence=ev)
    >>> [(p.labels, p.length) for p in find_paths(kg, "a", "c", 5)]
    [(('A', 'B', 'C'), 2.0), (('A', 'C'), 4.0)]
    """
    if int(k) < 1:
        raise InputError(f"k must be at least 1, not {k}")
    source, target, view, allowed, start, end = _prepare(kg, a, b, via, since, until)
    if source == target:
        return [_result(kg, view, [source])]
    paths = nx.shortest_simple_paths(view, source, target, weight="distance")
    try:
        found = list(itertools.islice(paths, int(k)))
    except nx.NetworkXNoPath:
        raise _no_path(kg, view, source, target, allowed, start, end) from None
    return [_result(kg, view, nodes) for nodes in found]


# ---------------------------------------------------------------------- neighbours
def neighbors(
    kg: GraphStore,
    name: str,
    *,
    kinds: str | Iterable[str] | None = None,
    depth: int = 1,
    type: str | None = None,
    since: Any = None,
    until: Any = None,
    n: int | None = None,
    via: str | Iterable[str] | None = None,
) -> list[Neighbor]:
    """Nodes within ``depth`` hops of ``name``, nearest first.

    The options mean what they mean for :func:`find_path` and :func:`top`.

    Parameters
    ----------
    kg : GraphStore
    name : str
        Who to start from (see :func:`resolve_name`).
    kinds, via : str or iterable of str, optional
        Only follow these edge kinds (two names for one option, as ``--kind``/``--via``).
    depth : int
        How many hops to go out (default 1).
    type : str, optional
        Only list neighbours of this type (the search still goes through others).
    since, until : str or date, optional
        Only follow links with evidence dated in the window; their documents are
        those of that evidence.
    n : int, optional
        At most this many.

    Returns
    -------
    list of Neighbor
        Sorted by depth, then link distance, then label.

    Examples
    --------
    >>> from kg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph()
    >>> for n in "abc":
    ...     kg.add_entity(n, label=n.upper(), type="official")
    >>> ev = [{"doc": "d1", "sentence": "...", "start": 0, "end": 3}]
    >>> kg.add_relation("a", "b", "meeting", evidence=ev)
    >>> kg.add_relation("b", "c", "co_appearance", evidence=ev)
    >>> [(n.label, n.depth, n.kinds) for n in neighbors(kg, "a", depth=2)]
    [('B', 1, ('meeting',)), ('C', 2, ('co_appearance',))]
    >>> neighbors(kg, "a", kinds="co_appearance")
    []
    """
    if int(depth) < 1:
        raise InputError(f"depth must be at least 1, not {depth}")
    if type is not None and type not in NODE_TYPES:
        raise InputError(f"unknown type {type!r}; use one of {', '.join(NODE_TYPES)}")
    origin = resolve_name(kg, name)
    allowed = parse_kinds(kinds if kinds is not None else via, kg)
    window = _parse_date(since, "--since"), _parse_date(until, "--until")
    graph = kg.graph
    seen = {origin}
    frontier = [origin]
    found: list[Neighbor] = []
    for level in range(1, int(depth) + 1):
        reached: dict[str, tuple[float, str, tuple[str, ...], tuple[str, ...]]] = {}
        for u in frontier:
            for v, edges in graph[u].items():
                if v in seen:
                    continue
                links = _links(edges, allowed, *window)
                if not links:
                    continue
                kinds_here = tuple(sorted(links, key=lambda k: (_KIND_RANK.get(k, 99), k)))
                dist = min(float(d.get("distance", edge_distance(k, len(d.get("docs") or ()))))
                           for k, d in links.items())
                docs = tuple(sorted({doc for d in links.values() for doc in d.get("docs") or ()}))
                candidate = (dist, u, kinds_here, docs)
                if v not in reached or candidate[:2] < reached[v][:2]:
                    reached[v] = candidate
        for v, (dist, through, kinds_here, docs) in reached.items():
            data = graph.nodes[v]
            found.append(Neighbor(
                id=v, label=str(data.get("label", v)), type=str(data.get("type", "unknown")),
                role=data.get("role"), depth=level, through=through, kinds=kinds_here,
                distance=dist, docs=docs,
            ))
        seen |= reached.keys()
        frontier = sorted(reached)
        if not frontier:
            break
    found = [f for f in found if type is None or f.type == type]
    found.sort(key=lambda f: (f.depth, f.distance, f.label.casefold(), f.id))
    return found[: int(n)] if n is not None else found


def _links(edges: Mapping[str, Any], allowed: frozenset[str] | None, since: str | None,
           until: str | None) -> dict[str, Any]:
    """The edges of one pair (kind -> data) of the allowed kinds, restricted to the window."""
    links = {}
    for key, data in edges.items():
        kind = data.get("kind", key)
        if allowed is not None and kind not in allowed:
            continue
        if since or until:
            data = _windowed(data, kind, since, until)
            if data is None:
                continue
        links[key] = data
    return links


# ---------------------------------------------------------------------- rankings
def _strength_graph(kg: GraphStore) -> nx.Graph:
    """Simple graph whose edge ``weight`` is the number of supporting sentences, all kinds."""
    strong = nx.Graph()
    strong.add_nodes_from(kg.graph.nodes)
    for u, v, data in kg.graph.edges(data=True):
        if u == v:
            continue
        weight = float(data.get("count") or len(data.get("evidence") or ()) or 1)
        if strong.has_edge(u, v):
            strong.edges[u, v]["weight"] += weight
        else:
            strong.add_edge(u, v, weight=weight)
    return strong


def _pagerank(graph: nx.Graph, *, alpha: float = 0.85, weight: str = "weight",
              tol: float = 1.0e-10, max_iter: int = 500) -> dict[str, float]:
    """Weighted PageRank by power iteration (pure Python: networkx's needs SciPy).

    Dangling nodes spread their rank uniformly, as in networkx.
    """
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    strength = {u: sum(float(d.get(weight, 1.0)) for d in graph[u].values()) for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if not strength[u]) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if strength[u]:
                share = alpha * rank[u] / strength[u]
                for v, d in graph[u].items():
                    new[v] += share * float(d.get(weight, 1.0))
        delta = sum(abs(new[u] - rank[u]) for u in nodes)
        rank = new
        if delta < n * tol:
            break
    return rank


#: Above this many nodes, betweenness is estimated from a sample of source nodes.
BETWEENNESS_EXACT_MAX = 1000
#: How many source nodes the estimate uses (networkx's ``k``), with a fixed seed.
BETWEENNESS_SAMPLE = 200


def betweenness(view: nx.Graph, *, sample: int | None = None, seed: int = 0,
                progress: Any = None) -> tuple[dict[str, float], str]:
    """Betweenness centrality by link distance, and how it was computed.

    Exact up to :data:`BETWEENNESS_EXACT_MAX` nodes; above, estimated from
    ``sample`` (default :data:`BETWEENNESS_SAMPLE`) source nodes chosen with
    ``seed`` (Brandes' pivot sampling, networkx's ``k``). ``progress(done, total)``
    is called as sources are done.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> nx.set_edge_attributes(g, 1.0, "distance")
    >>> scores, method = betweenness(g)
    >>> scores["b"], method
    (1.0, 'betweenness, exact')
    >>> betweenness(g, sample=2)[1]
    'betweenness, estimated from 2 of 3 nodes as sources (seed 0)'
    """
    import random

    nodes = list(view)
    if sample is None:
        sample = BETWEENNESS_SAMPLE if len(nodes) > BETWEENNESS_EXACT_MAX else len(nodes)
    sample = max(1, min(int(sample), len(nodes))) if nodes else 0
    sources = nodes if sample >= len(nodes) else random.Random(seed).sample(nodes, sample)
    scores = dict.fromkeys(nodes, 0.0)
    step = max(1, len(sources) // 20)
    for done, source in enumerate(sources, start=1):
        part = nx.betweenness_centrality_subset(view, [source], nodes, normalized=False,
                                                weight="distance")
        for node, value in part.items():
            scores[node] += value
        if progress and (done % step == 0 or done == len(sources)):
            progress(done, len(sources))
    n = len(nodes)
    scale = (1.0 / ((n - 1) * (n - 2))) * (n / len(sources)) if n > 2 and sources else 0.0
    scores = {u: v * scale * 2 for u, v in scores.items()}  # undirected: both directions
    if len(sources) == n:
        return scores, "betweenness, exact"
    return scores, (f"betweenness, estimated from {len(sources):,} of {n:,} nodes as sources "
                    f"(seed {seed})")


def top(
    kg: GraphStore,
    *,
    by: str = "degree",
    type: str | None = None,
    n: int = 10,
    sample: int | None = None,
    progress: Any = None,
) -> list[Ranked]:
    """The ``n`` most central nodes.

    Parameters
    ----------
    kg : GraphStore
    by : {"degree", "betweenness", "pagerank"}
        ``degree``: number of distinct neighbours. ``betweenness``: share of
        shortest paths (by ``distance``) through the node. ``pagerank``: PageRank
        with links weighted by their number of supporting sentences (all kinds).
        Scores are computed on the whole graph, then filtered by ``type``.
    type : str, optional
        Only rank nodes of this type.
    n : int
        How many to return.
    sample : int, optional
        Betweenness only: source nodes of the estimate (default: exact up to
        :data:`BETWEENNESS_EXACT_MAX` nodes, else :data:`BETWEENNESS_SAMPLE`).
    progress : callable, optional
        Betweenness only: called with (sources done, sources).

    Each result's ``method`` says how the scores were computed.

    Examples
    --------
    >>> from kg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph()
    >>> for x in "abcd":
    ...     kg.add_entity(x, label=x.upper(), type="official")
    >>> ev = [{"doc": "d1", "sentence": "...", "start": 0, "end": 3}]
    >>> for x in "bcd":
    ...     kg.add_relation("a", x, "meeting", evidence=ev)
    >>> [(r.label, r.score) for r in top(kg, n=2)]
    [('A', 3.0), ('B', 1.0)]
    >>> top(kg, by="betweenness", n=1)[0].label
    'A'
    """
    if by not in RANKINGS:
        raise InputError(f"cannot rank by {by!r}; use {', '.join(RANKINGS)}")
    if int(n) < 1:
        raise InputError(f"n must be at least 1, not {n}")
    if by == "degree":
        view = path_view(kg)
        scores, method = {u: float(view.degree(u)) for u in view}, "degree: distinct neighbours"
    elif by == "betweenness":
        scores, method = betweenness(path_view(kg), sample=sample, progress=progress)
    else:
        scores = _pagerank(_strength_graph(kg))
        method = "pagerank, links weighted by their evidence sentences"
    graph = kg.graph
    ranked = [
        Ranked(id=u, label=str(d.get("label", u)), type=str(d.get("type", "unknown")),
               role=d.get("role"), score=float(scores.get(u, 0.0)), method=method)
        for u, d in graph.nodes(data=True) if type is None or d.get("type") == type
    ]
    ranked.sort(key=lambda r: (-r.score, r.label.casefold(), r.id))
    return ranked[: int(n)]


# ---------------------------------------------------------------------- text helpers
def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _format_dates(dates: tuple[str, ...]) -> str:
    if len(dates) <= 3:
        return ", ".join(dates)
    return f"{dates[0]} … {dates[-1]}, {len(dates)} dates"
