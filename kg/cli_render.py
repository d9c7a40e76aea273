"""The render command: a graph file -> the interactive, self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli_common import graph_argument, load_graph, quiet_option, setup_logging
from kg.model import DEFAULT_MAX_NODES


def register(group: click.Group) -> None:
    """Add the render command to ``group``."""
    group.add_command(render)


@click.command()
@graph_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="HTML file to write.  [default: GRAPH with .html]")
@click.option("--path", "ends", nargs=2, metavar="A B", default=None,
              help="Highlight the shortest path between names A and B and dim the rest.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=DEFAULT_MAX_NODES,
              show_default=True,
              help="Show at most this many nodes, the most connected first (path nodes always).")
@click.option("--around", metavar="NAME", default=None,
              help="Only the part of the graph around NAME (within --depth links).")
@click.option("--depth", type=click.IntRange(min=0), default=2, show_default=True,
              help="With --around: how many links away from NAME.")
@click.option("--title", default=None, help="Page heading.  [default: a generic title, "
              "or the path's two ends]")
@quiet_option
def render(graph: str, output: str | None, ends: tuple[str, str] | None, max_nodes: int,
           around: str | None, depth: int, title: str | None, quiet: bool) -> None:
    """Write the interactive HTML page for GRAPH (a file from 'kg build').

    The page is one file that opens from disk with no network: nodes coloured
    and shaped by type with a legend, links by kind, tooltips with evidence
    sentences, filters and a search box. Graphs larger than --max-nodes keep
    their most connected nodes and say which and how many were left out;
    --around NAME shows the part of the graph within --depth links of NAME.

    \b
    Examples:
      kg render kg-out/graph.json
      kg render kg-out/graph.json --path "Nakatani" "Hegseth" -o path.html
      kg render kg-out/graph.json --around "Hegseth" --depth 2 -o hegseth.html
    """
    setup_logging(quiet)
    from kg.errors import InputError
    from kg.render import write_html

    out = Path(output) if output else Path(graph).with_suffix(".html")
    if out.resolve() == Path(graph).resolve():
        raise InputError(f"{out}: the page would overwrite the graph file; choose another -o")
    kg_graph = load_graph(graph)
    result = None
    focus = None
    if around:
        from kg.query import resolve_name

        focus = resolve_name(kg_graph, around)
    if ends:
        from kg.query import find_path

        result = find_path(kg_graph, ends[0], ends[1])
    written = write_html(kg_graph, out, path_result=result, max_nodes=max_nodes, title=title,
                         around=focus, depth=depth)
    if not quiet:
        click.echo(str(written), err=True)
