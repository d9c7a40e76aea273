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
    "EDGE_KINDS",
    "EXPORT_FORMATS",
    "FORMAT",
    "NODE_TYPES",
    "RANKINGS",
    "__version__",
    "edge_distance",
]

#: The package's version (``kg.__version__``), written into every graph file's metadata.
__version__ = "0.1.0"

#: The ``format`` written into every graph file's metadata.
FORMAT = "kg-graph/1"
NODE_TYPES = ("official", "agency", "forum")
#: Edge kinds from strongest to weakest; the base distance grows in this order.
EDGE_KINDS = ("meeting", "attended", "affiliated", "co_appearance")
_BASE_DISTANCE = {"meeting": 1.0, "attended": 2.0, "affiliated": 3.0, "co_appearance": 4.0}

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
