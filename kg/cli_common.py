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
    "OUTPUT_FORMATS",
    "echo_json",
    "echo_rows",
    "graph_argument",
    "json_option",
    "load_graph",
    "output_options",
    "quiet_option",
    "setup_logging",
]

#: What every query command can print: a table (the default), JSON, CSV, TSV, JSON lines.
OUTPUT_FORMATS = ("table", "json", "csv", "tsv", "nl")


def graph_argument(func: Callable[..., Any]) -> Callable[..., Any]:
    """The GRAPH argument: a graph file written by ``kg build``."""
    return click.argument("graph", metavar="GRAPH", type=click.Path(dir_okay=False))(func)


def json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--json``: print machine-readable JSON on stdout instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")(func)


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--json``, ``--csv``, ``--tsv``, ``--nl`` (JSON lines): the command's ``out_format``.

    The default is a table; the formats other than ``--json`` print the command's rows.
    """
    helps = {
        "json": "Print JSON on stdout.",
        "csv": "Print the rows as CSV (with a header).",
        "tsv": "Print the rows as tab-separated values (with a header).",
        "nl": "Print the rows as JSON lines (one object a line).",
    }
    for fmt in reversed(list(helps)):
        func = click.option(f"--{fmt}", "out_format", flag_value=fmt, help=helps[fmt])(func)
    return click.option("--table", "out_format", flag_value="table", default=True,
                        hidden=True)(func)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return " | ".join(json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v)
                          for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def echo_rows(rows: list[dict[str, Any]], out_format: str) -> None:
    """Print ``rows`` (one dict each, the same keys) as CSV, TSV or JSON lines.

    In CSV and TSV, lists are joined with " | " and objects written as JSON.
    """
    import csv
    import io

    if out_format == "nl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    fields = list(dict.fromkeys(k for row in rows for k in row))
    buffer = io.StringIO()
    delimiter = "\t" if out_format == "tsv" else ","
    writer = csv.DictWriter(buffer, fieldnames=fields, delimiter=delimiter, lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_cell(row.get(k)) for k in fields})
    click.echo(buffer.getvalue(), nl=False)


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
