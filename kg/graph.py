"""The knowledge graph API: :class:`KnowledgeGraph`, the graph store with its queries.

The top of the library: what ``kg.build``, ``kg.load``, the CLI and the notebooks
hand out. Storage, the file format and the node and edge attributes live in
:mod:`kg.store` (see its docstring); the questions in :mod:`kg.query`, the page
in :mod:`kg.render`, the exports in :mod:`kg.export`. This module only joins them,
so none of those imports it. The names below that come from lower layers are
re-exported for existing callers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.export import export_graph
from kg.fileio import atomic_write_text
from kg.model import EDGE_KINDS, FORMAT, NODE_TYPES, edge_distance
from kg.query import (
    Neighbor,
    PathResult,
    Ranked,
    find_path,
    find_paths,
    neighbors,
    resolve_name,
    top,
)
from kg.render import notebook_html
from kg.store import EntityInfo, GraphStore

__all__ = [
    "EDGE_KINDS",
    "FORMAT",
    "NODE_TYPES",
    "EntityInfo",
    "KnowledgeGraph",
    "atomic_write_text",
    "edge_distance",
]


@dataclass
class KnowledgeGraph(GraphStore):
    """A graph of officials, agencies and forums with evidence on every edge.

    A :class:`~kg.store.GraphStore` (building, reading, saving and loading) with
    the query, export and notebook methods.

    Parameters
    ----------
    graph : networkx.MultiGraph, optional
        Nodes keyed by opaque id, edges keyed by kind. A new empty graph if omitted.

    Examples
    --------
    >>> kg = KnowledgeGraph()
    >>> kg.add_entity("official:a", label="A", type="official", docs=["d1"])
    >>> kg.add_entity("official:b", label="B", type="official", docs=["d1"])
    >>> kg.add_relation("official:a", "official:b", "meeting",
    ...                 evidence=[{"doc": "d1", "sentence": "A met B.", "start": 0, "end": 8}])
    >>> kg.stats()["edges"]
    {'meeting': 1}
    """

    # ------------------------------------------------------------------ queries (kg.query)
    def lookup(self, name: str, *, type: str | None = None) -> str:
        """The node id ``name`` designates (see :func:`kg.query.resolve_name`).

        Examples
        --------
        >>> kg = KnowledgeGraph()
        >>> kg.add_entity("official:ahn", label="Ahn Gyu-back", type="official")
        >>> kg.lookup("ahn"), kg.lookup("Ahn Gyu-bäck")
        ('official:ahn', 'official:ahn')
        """
        return resolve_name(self, name, type=type)

    def path(self, a: str, b: str, *, via: Any = None, since: Any = None,
             until: Any = None) -> PathResult:
        """The shortest explained path between two names (:func:`kg.query.find_path`).

        Examples
        --------
        >>> kg = KnowledgeGraph()
        >>> for n in "abc":
        ...     kg.add_entity(n, label=n.upper(), type="official")
        >>> ev = [{"doc": "d1", "sentence": "...", "start": 0, "end": 3}]
        >>> kg.add_relation("a", "b", "meeting", evidence=ev)
        >>> kg.add_relation("b", "c", "meeting", evidence=ev)
        >>> kg.path("a", "c").labels
        ('A', 'B', 'C')
        """
        return find_path(self, a, b, via=via, since=since, until=until)

    def paths(self, a: str, b: str, k: int = 3, *, via: Any = None, since: Any = None,
              until: Any = None) -> list[PathResult]:
        """The ``k`` shortest distinct paths, shortest first (:func:`kg.query.find_paths`).

        Examples
        --------
        >>> kg = KnowledgeGraph()
        >>> for n in "abc":
        ...     kg.add_entity(n, label=n.upper(), type="official")
        >>> ev = [{"doc": "d1", "sentence": "...", "start": 0, "end": 3}]
        >>> kg.add_relation("a", "b", "meeting", evidence=ev)
        >>> kg.add_relation("b", "c", "meeting", evidence=ev)
        >>> kg.add_relation("a", "c", "co_appearance", evidence=ev)
        >>> [p.length for p in kg.paths("a", "c", 2)]
        [2.0, 4.0]
        """
        return find_paths(self, a, b, k, via=via, since=since, until=until)

    def neighbors(self, name: str, *, kinds: Any = None, depth: int = 1, via: Any = None,
                  type: str | None = None, since: Any = None, until: Any = None,
                  n: int | None = None) -> list[Neighbor]:
        """Nodes within ``depth`` links of ``name`` (:func:`kg.query.neighbors`).

        ``via`` (or ``kinds``), ``since``, ``until``, ``type`` and ``n`` mean what
        they mean for :meth:`path` and :meth:`top`.

        Examples
        --------
        >>> kg = KnowledgeGraph()
        >>> for n in "ab":
        ...     kg.add_entity(n, label=n.upper(), type="official")
        >>> kg.add_relation("a", "b", "meeting")
        >>> [n.label for n in kg.neighbors("a")]
        ['B']
        """
        return neighbors(self, name, kinds=kinds, depth=depth, via=via, type=type, since=since,
                         until=until, n=n)

    def top(self, by: str = "degree", *, type: str | None = None,
            n: int = 10) -> list[Ranked]:
        """The ``n`` most central nodes by degree, betweenness or pagerank (:func:`kg.query.top`).

        Examples
        --------
        >>> kg = KnowledgeGraph()
        >>> for n in "abc":
        ...     kg.add_entity(n, label=n.upper(), type="official")
        >>> kg.add_relation("a", "b", "meeting")
        >>> kg.add_relation("a", "c", "meeting")
        >>> [(r.label, r.score) for r in kg.top(n=1)]
        [('A', 2.0)]
        """
        return top(self, by=by, type=type, n=n)

    def export(self, fmt: str, path: str | os.PathLike[str]) -> Path:
        """Write as graphml, gexf, csv (a folder) or cypher (:func:`kg.export.export_graph`).

        Examples
        --------
        >>> import tempfile
        >>> kg = KnowledgeGraph()
        >>> kg.add_entity("a", label="A", type="official")
        >>> kg.export("cypher", Path(tempfile.mkdtemp()) / "g.cypher").suffix
        '.cypher'
        """
        return export_graph(self, fmt, path)

    # ------------------------------------------------------------------ notebooks
    def _repr_html_(self) -> str:  # pragma: no cover - exercised in the notebook
        return notebook_html(self)

