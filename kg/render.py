"""The interactive HTML page: one self-contained, offline, script-safe file.

The page shows the graph with vis-network (the copy bundled with pyvis, inlined
at render time, so the file opens from disk with no network at all). pyvis'
:class:`~pyvis.network.Network` assembles the node and edge option dicts; the
page itself comes from the package's own template ``kg/templates/graph.html``.

Safety
    Article text is data, never markup. Every text-derived string reaches the
    page either through Jinja's autoescaping (heading, legend, path steps) or
    inside one ``<script type="application/json">`` block whose ``<``, ``>``,
    ``&`` and U+2028/U+2029 are ``\\uXXXX``-escaped. Tooltips are built in the
    browser as DOM elements with ``textContent``; node ids in the page are
    opaque integers. A Content-Security-Policy forbids every network request.

Size
    Graphs larger than ``max_nodes`` (default :data:`DEFAULT_MAX_NODES`) are
    trimmed to the most connected nodes (path nodes are always kept) and the
    heading says how many were left out. Up to 150 shown nodes the browser's
    physics lays the graph out (capped iterations and time, then switched
    off); bigger graphs get a community layout computed here and no physics,
    so a 2,000-node page is interactive in about a second.

>>> from kg.graph import KnowledgeGraph
>>> g = KnowledgeGraph()
>>> g.add_entity("o:a", label="Gen <A>", type="official")
>>> "Gen <A>" in render_html(g)
False
"""

from __future__ import annotations

import functools
import html
import json
import logging
import math
import os
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import InputError, KGError
from kg.fileio import atomic_write_text
from kg.model import DEFAULT_MAX_NODES, EDGE_KINDS, NODE_TYPES, reads_backward
from kg.names import name_forms, page_index

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_MAX_NODES",
    "EDGE_STYLES",
    "NODE_STYLES",
    "embed_json",
    "notebook_html",
    "render_html",
    "seed_positions",
    "select_nodes",
    "show",
    "write_html",
]

VIS_VERSION = "9.1.2"
DEFAULT_TITLE = "Defence diplomacy knowledge graph"
#: The page stops the physics layout after this long (milliseconds), whatever
#: the iteration count, so that big graphs become interactive in bounded time.
LAYOUT_BUDGET_MS = 2500

#: Colour (Okabe-Ito-like, colour-blind safe), shape and legend label per node type.
NODE_STYLES: dict[str, dict[str, str]] = {
    "official": {"color": "#2b6cb0", "border": "#1a4673", "shape": "dot", "label": "Officials",
                 "one": "Official"},
    "agency": {"color": "#1b9e77", "border": "#0f6b50", "shape": "square", "label": "Agencies",
               "one": "Agency"},
    "forum": {"color": "#e69f00", "border": "#9c6b00", "shape": "diamond", "label": "Forums",
              "one": "Forum"},
}
_OTHER_NODE = {"color": "#8a8a8a", "border": "#5a5a5a", "shape": "triangle", "label": "Other",
               "one": "Other"}

#: Colour, dash pattern and legend label per edge kind (strongest first).
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "meeting": {"color": "#c0392b", "dashes": False, "label": "Meetings"},
    "attended": {"color": "#7b5ea7", "dashes": [10, 5], "label": "Attended"},
    "affiliated": {"color": "#8c6d46", "dashes": [3, 4], "label": "Affiliated with"},
    "co_appearance": {"color": "#9a9a9a", "dashes": [1, 5], "label": "Mentioned together"},
}
_OTHER_EDGE = {"color": "#b0b0b0", "dashes": [2, 2], "label": "Other links"}

_SEED_ABOVE = 150  # bigger graphs get a Python layout (community discs) and no physics
_SPACING = 45.0  # node spacing of that layout, in vis canvas units
_MAX_LABEL = 48
_MAX_ALIASES = 8
_MAX_EVIDENCE = 3
_MAX_SENTENCE = 400
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


# ---------------------------------------------------------------------------- helpers
def embed_json(obj: Any) -> str:
    """JSON for a ``<script type="application/json">`` block.

    ``<``, ``>``, ``&`` and the JavaScript line terminators U+2028/U+2029 become
    ``\\uXXXX`` escapes, so no string in ``obj`` can close the script element,
    open a comment or break a parser; ``JSON.parse`` restores them unchanged.

    Examples
    --------
    >>> embed_json({"s": "</script><b>&"})
    '{"s":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def _text(value: Any, limit: int | None = None) -> str:
    """``value`` as a clean display string (lone surrogates replaced, shortened)."""
    if value is None:
        return ""
    text = str(value)
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def _texts(value: Any) -> list[str]:
    """A list attribute (``docs``, ``aliases``, ``dates``) as clean strings."""
    if value is None:
        return []
    if isinstance(value, (str, bytes)):
        value = [value]
    try:
        items = list(value)
    except TypeError:
        items = [value]
    return [t for t in (_text(v) for v in items) if t]


def _inline(code: str, tag: str) -> str:
    """Library code made safe to inline in a ``<script>`` or ``<style>`` element."""
    code = re.sub(rf"</({tag})", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """The vis-network JavaScript and CSS bundled with pyvis, ready to inline."""
    import pyvis

    folder = Path(pyvis.__file__).resolve().parent / "lib" / f"vis-{VIS_VERSION}"
    try:
        js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        css = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise KGError(f"pyvis' bundled vis-network {VIS_VERSION} is missing ({exc})") from None
    return _inline(js, "script"), _inline(css, "style")


@functools.lru_cache(maxsize=1)
def _template() -> Any:
    """The Jinja template ``kg/templates/graph.html`` (autoescaping on)."""
    import jinja2

    source = resources.files("kg").joinpath("templates/graph.html").read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    return env.from_string(source)


def _nx_graph(graph: Any) -> nx.Graph:
    """The networkx graph inside a :class:`~kg.graph.KnowledgeGraph` (or ``graph`` itself)."""
    inner = getattr(graph, "graph", graph)
    if not isinstance(inner, nx.Graph):
        raise InputError(f"cannot render {type(graph).__name__}: expected a KnowledgeGraph")
    return inner


def _format_built(value: Any) -> str:
    """The build timestamp for the heading, e.g. ``2025-06-01 14:03 UTC``."""
    text = _text(value)
    if not text:
        return ""
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        return text
    out = stamp.strftime("%Y-%m-%d %H:%M")
    if stamp.utcoffset() is not None:
        out += " UTC" if not stamp.utcoffset() else stamp.strftime(" %z")
    return out


@dataclass(frozen=True)
class _Path:
    """The part of a path result the page uses: node ids and (source, target, kind) hops."""

    nodes: tuple[Any, ...]
    hops: tuple[tuple[Any, Any, str], ...]


def _read_path(path_result: Any, g: nx.Graph) -> _Path | None:
    """Duck-type ``path_result`` (``.nodes`` and ``.hops`` with source/target/kind)."""
    if path_result is None:
        return None
    try:
        nodes = tuple(path_result.nodes)
        hops = tuple((h.source, h.target, str(h.kind)) for h in getattr(path_result, "hops", ()))
    except (AttributeError, TypeError) as exc:
        raise InputError(f"path_result is not a path ({exc})") from None
    missing = [n for n in nodes + tuple(x for h in hops for x in h[:2]) if n not in g]
    if missing:
        raise InputError(f"path node {missing[0]!r} is not in the graph")
    return _Path(nodes=nodes, hops=hops)


def select_nodes(g: nx.Graph, max_nodes: int | None, keep: Iterable[Any] = ()) -> list[Any]:
    """The nodes a page shows: all, or the ``max_nodes`` most connected plus ``keep``.

    Nodes are ranked by number of distinct neighbours, then documents, then
    mentions, then label, so the choice is deterministic. Nodes in ``keep``
    (a path) are always shown and count towards the limit.
    """
    nodes = list(g.nodes)
    if max_nodes is None or len(nodes) <= max_nodes:
        return nodes
    kept = list(dict.fromkeys(n for n in keep if n in g))

    def rank(n: Any) -> tuple[Any, ...]:
        d = g.nodes[n]
        label = _text(d.get("label", n)).casefold()
        return (-len(g.adj[n]), -len(_texts(d.get("docs"))), -_int(d.get("mentions")),
                label, str(n))

    kept_set = set(kept)
    rest = sorted((n for n in nodes if n not in kept_set), key=rank)
    return kept + rest[: max(0, max_nodes - len(kept))]


def _physics(n_nodes: int) -> dict[str, Any]:
    """Physics options: a capped force-directed stabilisation, or none for big graphs.

    Up to :data:`_SEED_ABOVE` nodes the browser lays the graph out (at most 400
    iterations, stopped after :data:`LAYOUT_BUDGET_MS` in any case) and the page
    turns physics off once done. Bigger graphs arrive with positions computed
    by :func:`seed_positions` and no physics, so they are interactive as soon
    as they are drawn.
    """
    if n_nodes > _SEED_ABOVE:
        return {"enabled": False, "stabilization": {"enabled": False}}
    return {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -60,
            "centralGravity": 0.008,
            "springLength": 110,
            "springConstant": 0.06,
            "damping": 0.5,
            "avoidOverlap": 0.4,
        },
        "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 25,
                          "fit": True},
        "maxVelocity": 60,
        "minVelocity": 1.0,
        "timestep": 0.5,
    }


def seed_positions(g: nx.Graph, nodes: Sequence[Any], *,
                   seed: int = 7) -> dict[Any, tuple[float, float]]:
    """A layout computed in Python: each community in its own disc.

    Communities (Louvain, deterministic) become discs on a sunflower spiral,
    biggest in the middle, unconnected nodes together last. Inside a disc the
    nodes are placed by networkx's spring layout (communities under 500 nodes)
    or on a sunflower with the best connected in the centre. Cost is about a
    second for 2,000 nodes; the browser then needs no physics at all.

    Examples
    --------
    >>> g = nx.barbell_graph(5, 0)
    >>> pos = seed_positions(g, list(g))
    >>> len(pos) == len(g)
    True
    """
    # integer nodes: string hashing varies between runs, and with it Louvain's result
    order = list(dict.fromkeys(nodes))
    index = {n: i for i, n in enumerate(order)}
    sub = nx.Graph()
    sub.add_nodes_from(range(len(order)))
    sub.add_edges_from((index[u], index[v]) for u, v in g.subgraph(order).edges() if u != v)
    if sub.number_of_nodes() == 0:
        return {}
    found = nx.community.louvain_communities(sub, seed=seed)
    groups = [c for c in found if len(c) > 1]
    groups.sort(key=lambda c: (-len(c), min(c)))
    lonely = set().union(*(c for c in found if len(c) == 1))
    if lonely:
        groups.append(lonely)
    golden = math.pi * (3 - math.sqrt(5))
    out: dict[Any, tuple[float, float]] = {}
    area = 0.0
    for i, group in enumerate(groups):
        radius = _SPACING * math.sqrt(len(group))
        if i:
            centre_r = math.sqrt(area / math.pi) + radius
            cx, cy = centre_r * math.cos(i * golden), centre_r * math.sin(i * golden)
        else:
            cx = cy = 0.0
        area += math.pi * (radius + _SPACING) ** 2 * 1.3
        for i_node, (x, y) in _disc(sub.subgraph(sorted(group)), radius, seed, golden).items():
            out[order[i_node]] = (round(cx + x, 1), round(cy + y, 1))
    return out


def _disc(group: nx.Graph, radius: float, seed: int,
          golden: float) -> dict[Any, tuple[float, float]]:
    """Positions of one community inside a disc of ``radius`` centred on 0."""
    n = group.number_of_nodes()
    if 2 < n < 500 and group.number_of_edges():
        pos = nx.spring_layout(group, seed=seed, iterations=60)
        reach = max(math.hypot(float(x), float(y)) for x, y in pos.values()) or 1.0
        return {k: (float(x) * radius / reach, float(y) * radius / reach)
                for k, (x, y) in pos.items()}
    members = sorted(group, key=lambda k: (-group.degree(k), k))
    out = {}
    for j, k in enumerate(members):
        r = radius * math.sqrt((j + 0.5) / n) if n > 1 else 0.0
        out[k] = (r * math.cos(j * golden), r * math.sin(j * golden))
    return out


# ---------------------------------------------------------------------------- the page
def _node_style(ntype: str) -> dict[str, str]:
    """Colour, shape and labels of a node type (unknown types: grey triangles)."""
    if ntype in NODE_STYLES:
        return NODE_STYLES[ntype]
    name = _text(ntype, 40).replace("_", " ").capitalize() or "Other"
    return {**_OTHER_NODE, "label": name, "one": name}


def _edge_style(kind: str) -> dict[str, Any]:
    """Colour, dash pattern and label of an edge kind (unknown kinds: grey, dashed)."""
    if kind in EDGE_STYLES:
        return EDGE_STYLES[kind]
    return {**_OTHER_EDGE, "label": _text(kind, 40).replace("_", " ").capitalize() or "Link"}


def _int(value: Any, default: int = 0) -> int:
    """``value`` as an int, ``default`` when it is missing or not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _office(o: dict[str, Any]) -> str:
    """One term of office as a line: "Defense Minister (JP) 2018-10-02 – 2019-09-11"."""
    role, country = _text(o.get("role"), 80), _text(o.get("country"), 8)
    return f"{role} ({country}) {_text(o.get('start'))} – {_text(o.get('end')) or 'now'}"


def _add_nodes(net: Any, g: nx.Graph, shown: Sequence[Any], index: dict[Any, int],
               positions: dict[Any, tuple[float, float]]) -> list[dict[str, Any]]:
    """Add the shown nodes to the pyvis network; return their tooltip and search data."""
    info: list[dict[str, Any]] = []
    for n in shown:
        d = g.nodes[n]
        ntype = _text(d.get("type")) or "other"
        style = _node_style(ntype)
        name = _label(g, n)
        degree = len(g.adj[n])
        docs = _texts(d.get("docs"))
        aliases = [a for a in dict.fromkeys(_texts(d.get("aliases"))) if a != name]
        xy = {"x": positions[n][0], "y": positions[n][1]} if n in positions else {}
        net.add_node(
            index[n],
            label=_text(name, _MAX_LABEL),
            shape=style["shape"],
            color={"background": style["color"], "border": style["border"],
                   "highlight": {"background": style["color"], "border": "#111111"},
                   "hover": {"background": style["color"], "border": "#111111"}},
            value=degree + len(docs),
            borderWidth=1,
            **xy,
        )
        info.append({
            "name": name,
            "type": ntype,
            "typeLabel": style["one"],
            "role": _text(d.get("role"), 200),
            "country": _text(d.get("country"), 60),
            "aliases": [_text(a, 120) for a in aliases[:_MAX_ALIASES]],
            "moreAliases": max(0, len(aliases) - _MAX_ALIASES),
            "search": [name, *aliases],
            "forms": name_forms({"label": name, "aliases": aliases}, str(n)),
            "docs": len(docs),
            "degree": degree,
            "offices": [_office(o) for o in d.get("offices") or [] if isinstance(o, dict)],
            "corrected": [_text(c, 200) for c in _texts(d.get("corrected"))],
        })
    return info


def _add_edges(net: Any, g: nx.Graph, index: dict[Any, int], documents: dict[str, dict[str, Any]]
               ) -> tuple[list[dict[str, Any]], dict[tuple[Any, Any, str], int]]:
    """Add the edges between shown nodes; return their tooltip data and ids by (u, v, kind).

    Edges are ordered strongest kind first; a second kind between the same
    pair is curved so that both stay visible.
    """

    def doc_name(doc_id: str) -> str:
        return _text((documents.get(doc_id) or {}).get("title"), 160) or doc_id

    def doc_date(doc_id: str) -> str:
        return _text((documents.get(doc_id) or {}).get("date"))

    rank = {k: i for i, k in enumerate(EDGE_KINDS)}
    edges = [(u, v, k, d) for u, v, k, d in _edges(g) if u in index and v in index]
    edges.sort(key=lambda e: (rank.get(e[2], 99), index[e[0]], index[e[1]]))
    info: list[dict[str, Any]] = []
    ids: dict[tuple[Any, Any, str], int] = {}
    per_pair: dict[frozenset[Any], int] = {}
    for u, v, kind, d in edges:
        style = _edge_style(kind)
        evidence = [e for e in d.get("evidence") or [] if isinstance(e, dict)]
        count = max(1, _int(d.get("count"), len(evidence)))
        eid = len(info)
        parallel = per_pair.get(frozenset((u, v)), 0)
        per_pair[frozenset((u, v))] = parallel + 1
        smooth: dict[str, Any] | bool = False
        if parallel:
            smooth = {"enabled": True, "type": "curvedCW" if parallel % 2 else "curvedCCW",
                      "roundness": 0.18 * ((parallel + 1) // 2)}
        net.add_edge(
            index[u], index[v],
            id=eid,
            color={"color": style["color"], "highlight": style["color"],
                   "hover": style["color"], "opacity": 0.85},
            dashes=style["dashes"],
            width=round(min(8.0, 1.0 + 1.5 * math.log2(count)), 2),
            smooth=smooth,
            arrows={"to": {"enabled": False}},
        )
        ids[(u, v, kind)] = ids[(v, u, kind)] = eid
        docs = _texts(d.get("docs")) or sorted({_text(e.get("doc")) for e in evidence})
        info.append({
            "kind": kind,
            "kindLabel": style["label"],
            "ends": [_label(g, u), _label(g, v)],
            "dates": _texts(d.get("dates")),
            "count": count,
            "docs": len(docs),
            "evidence": [
                {"sentence": _text(e.get("sentence"), _MAX_SENTENCE),
                 "doc": doc_name(_text(e.get("doc"))),
                 "date": _text(e.get("date")) or doc_date(_text(e.get("doc")))}
                for e in evidence[:_MAX_EVIDENCE]
            ],
            "moreEvidence": max(0, len(evidence) - _MAX_EVIDENCE),
            "corrected": [_text(c, 200) for c in _texts(d.get("corrected"))],
        })
    return info, ids


def _path_data(g: nx.Graph, path: _Path, index: dict[Any, int],
               edge_ids: dict[tuple[Any, Any, str], int]
               ) -> tuple[dict[str, list[int]], list[dict[str, str]]]:
    """The path's node and edge ids for the page, and its steps for the side panel."""
    edges: list[int] = []
    steps: list[dict[str, str]] = []
    for a, b, kind in path.hops:
        eid = edge_ids.get((a, b, kind))
        if eid is None:  # a kind the graph does not have: any link of the pair
            eid = next((i for (x, y, _), i in edge_ids.items() if (x, y) == (a, b)), None)
        if eid is not None and eid not in edges:
            edges.append(eid)
        by = " by" if reads_backward(kind, g.nodes[a].get("type"), g.nodes[b].get("type")) else ""
        steps.append({"kind": _edge_style(kind)["label"] + by, "to": _label(g, b)})
    return {"nodes": [index[n] for n in path.nodes], "edges": edges}, steps


def _options(net: Any, n_nodes: int) -> dict[str, Any]:
    """vis-network options: pyvis' defaults with ours on top."""
    options = json.loads(net.options.to_json())
    options.update({
        "autoResize": True,
        "configure": {"enabled": False},
        "nodes": {
            "scaling": {"min": 10, "max": 42,
                        "label": {"enabled": True, "min": 13, "max": 24,
                                  "drawThreshold": 6, "maxVisible": 28}},
            "font": {"face": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
                     "color": "#1f2328", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "widthConstraint": {"maximum": 170},
        },
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1.5},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_nodes > 300,
                        "navigationButtons": False, "keyboard": False, "multiselect": False,
                        "dragNodes": True},
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= _SEED_ABOVE},
        "physics": _physics(n_nodes),
    })
    return options


def _legend(g: nx.Graph, node_info: list[dict[str, Any]], edge_info: list[dict[str, Any]]
            ) -> tuple[list[dict[str, str]], list[dict[str, str]], dict[str, int], int]:
    """Legend rows (with shown / total counts), node totals by type and the edge total."""
    types: dict[str, int] = dict.fromkeys(NODE_TYPES, 0)
    for _, d in g.nodes(data=True):
        t = _text(d.get("type")) or "other"
        types[t] = types.get(t, 0) + 1
    kinds: dict[str, int] = dict.fromkeys(EDGE_KINDS, 0)
    for _u, _v, k, _d in _edges(g):
        kinds[k] = kinds.get(k, 0) + 1
    shown_types = Counter(i["type"] for i in node_info)
    shown_kinds = Counter(i["kind"] for i in edge_info)
    node_rows = [
        {"key": t, "label": _node_style(t)["label"], "color": _node_style(t)["color"],
         "shape": _node_style(t)["shape"], "count": _count(shown_types[t], n)}
        for t, n in types.items() if n or t in NODE_STYLES
    ]
    edge_rows = [
        {"key": k, "label": _edge_style(k)["label"], "color": _edge_style(k)["color"],
         "dash": " ".join(str(x) for x in _edge_style(k)["dashes"] or []),
         "count": _count(shown_kinds[k], n)}
        for k, n in kinds.items() if n or k in EDGE_STYLES
    ]
    return node_rows, edge_rows, types, sum(kinds.values())


def _build_page(g: nx.Graph, meta: dict[str, Any], *, path: _Path | None, max_nodes: int | None,
                title: str | None, focus: str = "", keep: Iterable[Any] = ()) -> dict[str, Any]:
    """Everything the template needs: heading, figures, legend, path steps and the data."""
    from pyvis.network import Network

    shown = select_nodes(g, max_nodes, keep=[*(path.nodes if path else ()), *keep])
    index = {n: i for i, n in enumerate(shown)}
    documents = {_text(d.get("id")): d for d in meta.get("documents") or [] if isinstance(d, dict)}
    positions = seed_positions(g, shown) if len(shown) > _SEED_ABOVE else {}

    net = Network(directed=True)  # directed: pyvis would merge parallel undirected edges
    node_info = _add_nodes(net, g, shown, index, positions)
    edge_info, edge_ids = _add_edges(net, g, index, documents)
    path_data, steps = _path_data(g, path, index, edge_ids) if path else (None, [])
    node_rows, edge_rows, types, n_edges = _legend(g, node_info, edge_info)

    if title:
        heading = _text(title)
    elif path and path.nodes:
        heading = f"Path: {_label(g, path.nodes[0])} → {_label(g, path.nodes[-1])}"
    else:
        heading = DEFAULT_TITLE
    figures = [
        (len(meta.get("documents") or []), "documents"),
        (types.get("official", 0), "officials"),
        (types.get("agency", 0), "agencies"),
        (types.get("forum", 0), "forums"),
        (n_edges, "edges"),
    ]
    return {
        "title": heading,
        "figures": [f"{n:,} {what}" for n, what in figures],
        "built": _format_built(meta.get("built")),
        "left_out": g.number_of_nodes() - len(shown),
        "most_connected": ", ".join(_label(g, n) for n in shown[:5]),
        "focus": focus,
        "shown": len(shown),
        "total": g.number_of_nodes(),
        "edges_left_out": n_edges - len(edge_info),
        "node_types": node_rows,
        "edge_kinds": edge_rows,
        "path_start": _label(g, path.nodes[0]) if path and path.nodes else "",
        "path_steps": steps,
        "payload": {
            "nodes": net.nodes,
            "edges": net.edges,
            "options": _options(net, len(shown)),
            "nodeInfo": node_info,
            "names": page_index({}),
            "edgeInfo": edge_info,
            "path": path_data,
            "layoutBudgetMs": LAYOUT_BUDGET_MS,
            "dim": {"node": "#e3e6ea", "border": "#cfd4da", "font": "#aab1b9",
                    "edge": "#dde1e5"},
        },
    }


def _around(g: nx.Graph, node: Any, depth: int) -> tuple[nx.Graph, str]:
    """The part of ``g`` within ``depth`` links of ``node``, and the page's note on it."""
    if node not in g:
        raise InputError(f"node {node!r} is not in the graph")
    if depth < 0:
        raise InputError(f"depth must be at least 0 (got {depth})")
    near = nx.single_source_shortest_path_length(g, node, cutoff=depth)
    sub = g.subgraph(near).copy()
    links = "link" if depth == 1 else "links"
    return sub, (f"Around {_label(g, node)}: the {len(near):,} of {g.number_of_nodes():,} "
                 f"nodes within {depth} {links}.")


def _label(g: nx.Graph, n: Any) -> str:
    """The display name of node ``n``."""
    return _text(g.nodes[n].get("label")) or _text(n)


def _count(shown: int, total: int) -> str:
    """A legend count: ``12`` or, when trimmed, ``12 / 40``."""
    return f"{total:,}" if shown == total else f"{shown:,} / {total:,}"


def _edges(g: nx.Graph) -> Iterable[tuple[Any, Any, str, dict[str, Any]]]:
    """``(u, v, kind, data)`` for every edge of a multigraph or a simple graph."""
    if g.is_multigraph():
        for u, v, k, d in g.edges(keys=True, data=True):
            yield u, v, _text(d.get("kind") or k), d
    else:
        for u, v, d in g.edges(data=True):
            yield u, v, _text(d.get("kind")) or "link", d


def render_html(graph: Any, *, path_result: Any = None, max_nodes: int | None = DEFAULT_MAX_NODES,
                title: str | None = None, around: Any = None, depth: int = 2) -> str:
    """The interactive page for ``graph`` as one self-contained HTML string.

    Parameters
    ----------
    graph : KnowledgeGraph
        The graph to draw (never modified).
    path_result : PathResult, optional
        A path from :func:`kg.query.find_path` (anything with ``.nodes`` and
        ``.hops`` of ``source``/``target``/``kind``): its nodes and edges are
        highlighted and the rest dimmed; its nodes are never trimmed.
    max_nodes : int or None, default 500
        Show at most this many nodes, the most connected first; ``None`` for all.
    title : str, optional
        The page heading (default: a generic title, or the path's two ends).
    around : node id, optional
        Only the nodes within ``depth`` links of this node (always shown itself).

    Returns
    -------
    str
        A complete HTML document with every script and style inlined.

    Raises
    ------
    InputError
        ``max_nodes`` below 1, or a path whose nodes are not in the graph.
    """
    if max_nodes is not None and max_nodes < 1:
        raise InputError(f"max_nodes must be at least 1 (got {max_nodes})")
    g = _nx_graph(graph)
    focus = ""
    if around is not None:
        g, focus = _around(g, around, depth)
    meta = g.graph if isinstance(g.graph, dict) else {}
    path = _read_path(path_result, g)
    page = _build_page(g, meta, path=path, max_nodes=max_nodes, title=title, focus=focus,
                       keep=[around] if around is not None else [])
    if page["left_out"]:
        log.info("page shows %d of %d nodes (max_nodes=%s)", page["shown"], page["total"],
                 max_nodes)
    vis_js, vis_css = _vis_assets()
    data_json = embed_json(page.pop("payload"))
    return _template().render(**page, vis_js=vis_js, vis_css=vis_css, data_json=data_json,
                              vis_version=VIS_VERSION)


def write_html(graph: Any, path: str | os.PathLike[str], *, path_result: Any = None,
               max_nodes: int | None = DEFAULT_MAX_NODES, title: str | None = None,
               around: Any = None, depth: int = 2) -> Path:
    """Write the page for ``graph`` to ``path`` atomically and return the path.

    Takes the same keyword arguments as :func:`render_html`.
    """
    page = render_html(graph, path_result=path_result, max_nodes=max_nodes, title=title,
                       around=around, depth=depth)
    return atomic_write_text(path, page)


def notebook_html(graph: Any, *, height: int = 600, **kwargs: Any) -> str:
    """The page as an embeddable ``<iframe srcdoc=...>`` snippet for Jupyter or VS Code.

    The whole page sits in the attribute-escaped ``srcdoc`` (no file, no server)
    and the frame is sandboxed to scripts only, so it cannot reach the notebook.
    ``kwargs`` go to :func:`render_html`.
    """
    page = render_html(graph, **kwargs)
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'title="kg graph" style="width:100%;height:{int(height)}px;border:1px solid #d0d7de;'
        'border-radius:4px" loading="lazy"></iframe>'
    )


def show(graph: Any, **kwargs: Any) -> Any:
    """The page as ``IPython.display.HTML``, for notebooks (see :func:`notebook_html`).

    Raises
    ------
    KGError
        IPython is not installed.
    """
    try:
        from IPython.display import HTML
    except ImportError:
        raise KGError("kg.render.show needs IPython (pip install ipython); "
                      "use kg.render.write_html to get a file instead") from None
    snippet = notebook_html(graph, **kwargs)
    with warnings.catch_warnings():  # "consider IFrame": srcdoc is deliberate (no file needed)
        warnings.simplefilter("ignore", UserWarning)
        return HTML(snippet)
