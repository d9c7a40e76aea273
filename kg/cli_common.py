"""Options, arguments and output helpers shared by every ``kg`` command.

Kept free of heavy imports so ``kg --help`` stays fast.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from typing import Any

import click

__all__ = [
    "echo_json",
    "graph_argument",
    "json_option",
    "load_graph",
    "quiet_option",
    "setup_logging",
]


def graph_argument(func: Callable[..., Any]) -> Callable[..., Any]:
    """The GRAPH argument: a graph file written by ``kg build``."""
    return click.argument("graph", metavar="GRAPH", type=click.Path(dir_okay=False))(func)


def json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--json``: print machine-readable JSON on stdout instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")(func)


def quiet_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--quiet``: no progress or summary on stderr."""
    return click.option("-q", "--quiet", is_flag=True, help="No progress messages on stderr.")(
        func
    )


def setup_logging(quiet: bool = False, verbose: bool = False) -> None:
    """Log to stderr: warnings when quiet, info normally, debug when verbose."""
    level = logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO
    root = logging.getLogger("kg")
    root.setLevel(level)
    if not any(getattr(h, "_kg", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler._kg = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    for h in root.handlers:
        if getattr(h, "_kg", False):
            h.setStream(sys.stderr)  # click's CliRunner swaps sys.stderr per invocation
    root.propagate = False


def load_graph(path: str) -> Any:
    """Load GRAPH, letting :class:`kg.errors.GraphFileError` reach the CLI's handler.

    Control characters in its text are dropped: nothing printed can drive the terminal.
    """
    from kg.graph import KnowledgeGraph

    return KnowledgeGraph.load(path, printable=True)


def echo_json(obj: Any) -> None:
    """Print ``obj`` as indented JSON on stdout."""
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))
