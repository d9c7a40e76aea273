"""The graph model's constants: node types, edge kinds, link distances, format names.

The bottom layer of the package (standard library only, no networkx): the graph
store, the query, render and export modules and the CLI all read these names
from here, so none of them keeps a copy.

>>> EDGE_KINDS[0], edge_distance("meeting", 1)
('meeting', 1.0)
"""

from __future__ import annotations

__all__ = [
    "DEFAULT_MAX_NODES",
    "DIRECTED_KINDS",
    "EDGE_KINDS",
    "EXPORT_FORMATS",
    "FORMAT",
    "NODE_TYPES",
    "RANKINGS",
    "__version__",
    "edge_distance",
    "reads_backward",
]

#: The package's version (``kg.__version__``), written into every graph file's metadata.
__version__ = "0.1.0"

#: The ``format`` written into every graph file's metadata.
FORMAT = "kg-graph/1"
NODE_TYPES = ("official", "agency", "forum")
#: Edge kinds from strongest to weakest; the base distance grows in this order.
EDGE_KINDS = ("meeting", "attended", "affiliated", "co_appearance")
_BASE_DISTANCE = {"meeting": 1.0, "attended": 2.0, "affiliated": 3.0, "co_appearance": 4.0}
#: Kinds that read one way, from the official: an official attended a forum, is affiliated
#: with an agency (the graph file stores them official first).
DIRECTED_KINDS = frozenset({"attended", "affiliated"})


def reads_backward(kind: str, source_type: str | None, target_type: str | None) -> bool:
    """Whether a ``kind`` link walked from a ``source_type`` node to a ``target_type`` node
    reads the other way (a forum to the official who attended it).

    >>> reads_backward("attended", "forum", "official")
    True
    >>> reads_backward("attended", "official", "forum")
    False
    >>> reads_backward("meeting", "official", "official")
    False
    """
    rank = {t: i for i, t in enumerate(NODE_TYPES)}
    return kind in DIRECTED_KINDS and (rank.get(target_type or "", 9)
                                       < rank.get(source_type or "", 9))


#: What :func:`kg.query.top` can rank by.
RANKINGS = ("degree", "betweenness", "pagerank")
#: What :func:`kg.export.export_graph` writes.
EXPORT_FORMATS = ("graphml", "gexf", "csv", "cypher")
#: Nodes the HTML page (:func:`kg.render.render_html`) shows before it keeps only the
#: most connected ones. Around 500 nodes a vis-network page is still readable and lays
#: out in about a second; pass a larger value (or ``None`` for no limit) for exploration.
DEFAULT_MAX_NODES = 500


def edge_distance(kind: str, n_docs: int) -> float:
    """Distance of a link for shortest-path queries.

    The kind sets the scale (meeting < attended < affiliated < co_appearance) and
    more supporting documents shorten the link, down to half its base, so a
    weaker kind is never shorter than a stronger one.

    Examples
    --------
    >>> edge_distance("meeting", 1)
    1.0
    >>> edge_distance("meeting", 3) < edge_distance("meeting", 1) < edge_distance("attended", 9)
    True
    """
    base = _BASE_DISTANCE.get(kind, 5.0)
    n = max(1, int(n_docs))
    return round(base * (0.5 + 0.5 / n), 6)
