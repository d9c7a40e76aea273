"""kg: a knowledge graph of defence diplomacy, built from English and Indonesian news.

>>> import kg
>>> graph = kg.build(["seeds/"])            # doctest: +SKIP
>>> graph.path("nakatani", "hegseth")        # doctest: +SKIP

Heavy modules (spaCy) load only when a build runs, never at import time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.model import __version__

__all__ = ["KGError", "KnowledgeGraph", "__version__", "build", "load"]

if TYPE_CHECKING:  # pragma: no cover
    from kg.errors import KGError
    from kg.graph import KnowledgeGraph
    from kg.pipeline import build


def load(path: Any) -> Any:
    """Load a graph file written by ``kg build`` (see :meth:`KnowledgeGraph.load`)."""
    from kg.graph import KnowledgeGraph

    return KnowledgeGraph.load(path)


def __getattr__(name: str) -> Any:
    if name == "build":
        from kg.pipeline import build

        return build
    if name == "KnowledgeGraph":
        from kg.graph import KnowledgeGraph

        return KnowledgeGraph
    if name == "KGError":
        from kg.errors import KGError

        return KGError
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
