"""Query and export commands: path, neighbors, top, stats, entities, export.

Kept light at import time (``kg --help`` must be fast): networkx and the query
code load inside the command bodies. Data goes to stdout, notes to stderr.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath
from typing import Any

import click

from kg.cli_common import (
    echo_json,
    echo_rows,
    graph_argument,
    load_graph,
    output_options,
    setup_logging,
)
from kg.model import EDGE_KINDS, EXPORT_FORMATS, NODE_TYPES, RANKINGS

log = logging.getLogger("kg.cli")

KINDS_HELP = ", ".join(EDGE_KINDS)


def register(group: click.Group) -> None:
    """Add the query and export commands to ``group``."""
    for command in (path_command, neighbors_command, top_command, stats_command,
                    entities_command, export_command):
        group.add_command(command)


# ---------------------------------------------------------------------- text helpers
def _cell(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]],
           widths: Sequence[int] | None = None) -> str:
    """Left-aligned columns, never cut (``widths`` is accepted for old callers and ignored)."""
    cells = [[_cell(v) for v in row] for row in rows]
    sizes = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(s) for h, s in zip(headers, sizes, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(s) for c, s in zip(r, sizes, strict=True)).rstrip()
              for r in cells]
    return "\n".join(lines)


def _kinds_option(help_text: str) -> Callable[..., Any]:
    return click.option("--kind", "--via", "kinds", metavar="KINDS", default=None,
                        help=help_text)


def _describe(data: dict[str, Any], node: str) -> str:
    extra = ", ".join(str(x) for x in (data.get("type"), data.get("role")) if x)
    return f"{data.get('label', node)} ({extra})" if extra else str(data.get("label", node))


# ---------------------------------------------------------------------- path
@click.command("path")
@graph_argument
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option("--via", "--kind", "via", metavar="KINDS", default=None,
              help=f"Only use these edge kinds, comma-separated ({KINDS_HELP}).")
@click.option("-k", "k", type=click.IntRange(min=1), default=None, metavar="N",
              help="Show the N shortest distinct paths instead of one.")
@click.option("--since", metavar="DATE", default=None,
              help="Only use links with evidence dated on or after DATE "
                   "(YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", default=None,
              help="Only use links with evidence dated on or before DATE.")
@output_options
@click.option("--html", "html_out", type=click.Path(dir_okay=False), default=None,
              metavar="OUT.html", help="Also write the interactive page with the path highlighted.")
def path_command(graph: str, a: str, b: str, via: str | None, k: int | None, since: str | None,
                 until: str | None, out_format: str, html_out: str | None) -> None:
    """How are A and B connected? The shortest chain of links, with evidence.

    A and B are names as users type them: full names in any word order, with or
    without a title ("Minister Ahn", "Nakatani Gen"), surnames ("hegseth"),
    acronyms ("SCM"), node ids; case, accents and hyphens do not matter and small
    typos are forgiven. The path
    minimises link distance: meetings are shortest, then forum attendance,
    affiliation, and co-appearance in an article; links backed by more
    documents are shorter.

    Prints the names joined by arrows, then each hop with its kind, dates and
    first evidence sentence. Exit status 1 when no path exists (the message
    says which part of the graph each name is in), 2 for an unknown or
    ambiguous name (the message lists candidates).

    \b
    Examples:
      kg path kg-out/graph.json "Gen Nakatani" "Pete Hegseth"
      kg path kg-out/graph.json nakatani hegseth --via meeting,attended
      kg path kg-out/graph.json nakatani hegseth -k 3 --since 2024 --json
      kg path kg-out/graph.json nakatani hegseth --html path.html
    """
    setup_logging()
    from kg.store import no_gc

    with no_gc():
        _path(graph, a, b, via, k, since, until, out_format, html_out)


def _path(graph: str, a: str, b: str, via: str | None, k: int | None, since: str | None,
          until: str | None, out_format: str, html_out: str | None) -> None:
    import gc

    from kg.query import find_path, find_paths

    kg_graph = load_graph(graph)
    # a big graph is millions of objects and the command makes no garbage: no collection
    # walks them, now (collector off) or when the process ends (frozen)
    gc.freeze()
    if k is None:
        results = [find_path(kg_graph, a, b, via=via, since=since, until=until)]
    else:
        results = find_paths(kg_graph, a, b, k, via=via, since=since, until=until)
    if out_format == "json":  # one shape with or without -k: the first path, and all of them
        echo_json({**results[0].to_dict(), "paths": [r.to_dict() for r in results]})
    elif out_format != "table":
        echo_rows(_hop_rows(results), out_format)
    elif k is None:
        click.echo(results[0].to_text())
    else:
        blocks = [f"Path {i} of {len(results)}:\n{r.to_text()}"
                  for i, r in enumerate(results, start=1)]
        click.echo("\n\n".join(blocks))
    if html_out:
        from kg.render import write_html

        written = write_html(kg_graph, Path(html_out), path_result=results[0])
        click.echo(f"open in a browser: {written}", err=True)


# ---------------------------------------------------------------------- neighbors
@click.command("neighbors")
@graph_argument
@click.argument("name", metavar="NAME")
@_kinds_option(f"Only follow these edge kinds, comma-separated ({KINDS_HELP}).")
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many links away to look.")
@click.option("--since", metavar="DATE", default=None,
              help="Only follow links with evidence dated on or after DATE.")
@click.option("--until", metavar="DATE", default=None,
              help="Only follow links with evidence dated on or before DATE.")
@click.option("--type", "node_type", type=click.Choice(NODE_TYPES), default=None,
              help="Only list neighbours of this type.")
@click.option("-n", "n", type=click.IntRange(min=1), default=None, help="At most N.")
@output_options
def neighbors_command(graph: str, name: str, kinds: str | None, depth: int, since: str | None,
                      until: str | None, node_type: str | None, n: int | None,
                      out_format: str) -> None:
    """Who is directly linked to NAME (or within --depth links)?

    Lists each neighbour with its type and role, the kinds of link, how many
    documents support it and, beyond depth 1, whom it was reached through.
    Nearest first (fewest links, then strongest link).

    \b
    Examples:
      kg neighbors kg-out/graph.json "Ahn Gyu-back"
      kg neighbors kg-out/graph.json hegseth --kind meeting --depth 2 --json
    """
    setup_logging()
    from kg.query import neighbors, resolve_name

    kg_graph = load_graph(graph)
    origin = resolve_name(kg_graph, name)
    found = neighbors(kg_graph, origin, kinds=kinds, depth=depth, since=since, until=until,
                      type=node_type, n=n)
    data = kg_graph.graph.nodes[origin]
    if out_format == "json":
        echo_json({"id": origin, "label": data.get("label", origin),
                   "neighbors": [n.to_dict() for n in found]})
        return
    if out_format != "table":
        echo_rows([n.to_dict() for n in found], out_format)
        return
    what = f"within {depth} links" if depth > 1 else "linked"
    if not found:
        click.echo(f"{_describe(data, origin)}: nothing {what}"
                   + (f" by {kinds}" if kinds else ""))
        return
    click.echo(f"{_describe(data, origin)}: {len(found)} {what}")
    labels = {n.id: n.label for n in found} | {origin: data.get("label", origin)}
    headers = ["depth", "label", "type", "role", "link", "docs"] + (["via"] if depth > 1 else [])
    widths = [5, 40, 8, 36, 30, 4] + ([40] if depth > 1 else [])
    rows = [[n.depth, n.label, n.type, n.role, ", ".join(n.kinds), len(n.docs)]
            + ([labels.get(n.through, n.through)] if depth > 1 else []) for n in found]
    click.echo(_table(headers, rows, widths))


# ---------------------------------------------------------------------- top
@click.command("top")
@graph_argument
@click.option("--by", type=click.Choice(RANKINGS), default="degree", show_default=True,
              help="degree: distinct neighbours; betweenness: share of shortest paths "
                   "through the node (by link distance); pagerank: weighted by the number "
                   "of evidence sentences.")
@click.option("--type", "node_type", type=click.Choice(NODE_TYPES), default=None,
              help="Only rank nodes of this type.")
@click.option("-n", "n", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many to show.")
@click.option("--sample", type=click.IntRange(min=1), default=None, metavar="K",
              help="Betweenness: estimate from K source nodes [default: exact up to 1,000 "
                   "nodes, else 200].")
@output_options
def top_command(graph: str, by: str, node_type: str | None, n: int, sample: int | None,
                out_format: str) -> None:
    """The most central officials, agencies and forums.

    Scores are computed on the whole graph, then filtered by --type. On graphs
    over 1,000 nodes betweenness is estimated from a sample of source nodes
    (fixed seed) with progress on stderr; the output states the method.

    \b
    Examples:
      kg top kg-out/graph.json
      kg top kg-out/graph.json --by betweenness --type official -n 5 --json
    """
    setup_logging()
    from kg.query import top

    ranked = top(load_graph(graph), by=by, type=node_type, n=n, sample=sample,
                 progress=_Progress("betweenness") if by == "betweenness" else None)
    if out_format == "json":
        echo_json([r.to_dict() for r in ranked])
        return
    if out_format != "table":
        echo_rows([{"rank": i, **r.to_dict()} for i, r in enumerate(ranked, start=1)], out_format)
        return
    fmt = "{:.0f}" if by == "degree" else "{:.4f}"
    rows = [[i, r.label, r.type, r.role, fmt.format(r.score)]
            for i, r in enumerate(ranked, start=1)]
    click.echo(_table(["#", "label", "type", "role", by], rows, [3, 40, 8, 40, 12]))
    if ranked:
        click.echo(f"method: {ranked[0].method}")


class _Progress:
    """``done/total`` of a long computation on stderr, at most every two seconds."""

    def __init__(self, what: str, interval: float = 2.0) -> None:
        import time

        self.what, self.interval, self.clock = what, interval, time.monotonic
        self.last = self.clock()

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.last >= self.interval and done < total:
            self.last = now
            log.info("%s: %d of %d sources (%d%%)", self.what, done, total, 100 * done // total)


# ---------------------------------------------------------------------- stats
@click.command("stats")
@graph_argument
@output_options
def stats_command(graph: str, out_format: str) -> None:
    """What is in GRAPH: documents, nodes by type, edges by kind, components, dates.

    \b
    Examples:
      kg stats kg-out/graph.json
      kg stats kg-out/graph.json --json
    """
    setup_logging()
    stats = load_graph(graph).stats()
    if out_format == "json":
        echo_json(stats)
        return
    if out_format != "table":
        echo_rows(_stat_rows(stats), out_format)
        return
    nodes, edges = stats["nodes"], stats["edges"]
    dates = stats.get("date_range")
    lines = [
        f"documents:  {stats['documents']}",
        f"nodes:      {sum(nodes.values())}"
        + (f" ({', '.join(f'{k} {v}' for k, v in nodes.items())})" if nodes else ""),
        f"edges:      {sum(edges.values())}"
        + (f" ({', '.join(f'{k} {v}' for k, v in edges.items())})" if edges else ""),
        f"components: {stats['components']}",
        f"dates:      {dates[0]} … {dates[1]}" if dates else "dates:      none",
    ]
    click.echo("\n".join(lines))


# ---------------------------------------------------------------------- entities
@click.command("entities")
@graph_argument
@click.option("--type", "node_type", type=click.Choice(NODE_TYPES), default=None,
              help="Only list nodes of this type.")
@click.option("-n", "n", type=click.IntRange(min=1), default=None, help="At most N.")
@output_options
def entities_command(graph: str, node_type: str | None, n: int | None, out_format: str) -> None:
    """List the officials, agencies and forums in GRAPH, most documented first.

    Columns: label, type, role, country, number of documents, other spellings
    seen in the articles (aliases), and the offices an official held while the
    articles were written (from the bundled office-holder data). A label marked
    with * was changed by the analyst's corrections.

    \b
    Examples:
      kg entities kg-out/graph.json --type official
      kg entities kg-out/graph.json --json
    """
    setup_logging()
    items = load_graph(graph).entities(node_type)[:n]
    if out_format == "json":
        echo_json([e.to_dict() for e in items])
        return
    if out_format != "table":
        echo_rows([e.to_dict() for e in items], out_format)
        return
    if not items:
        click.echo(f"no {node_type + 's' if node_type else 'entities'}")
        return
    rows = [[e.label + (" *" if e.corrected else ""), e.type, e.role, e.country, len(e.docs),
             ", ".join(a for a in e.aliases if a != e.label)] for e in items]
    headers, widths = ["label", "type", "role", "country", "docs", "aliases"], [40, 8, 36, 7, 4, 60]
    if any(e.offices for e in items):  # kg/data/offices.jsonl: terms held in the corpus period
        headers, widths = [*headers, "offices"], [*widths, 90]
        for row, e in zip(rows, items, strict=True):
            row.append("; ".join(f"{o.get('role')} {o.get('start')}–{o.get('end') or 'now'}"
                                 for o in e.offices))
    click.echo(_table(headers, rows, widths))
    if any(e.corrected for e in items):
        click.echo("* changed by a correction (kg-corrections.yaml)")


# ---------------------------------------------------------------------- rows
def _hop_rows(results: Sequence[Any]) -> list[dict[str, Any]]:
    """One row per hop of every path (``--csv``, ``--tsv``, ``--nl`` of ``kg path``)."""
    rows = []
    for number, result in enumerate(results, start=1):
        for step, hop in enumerate(result.hops, start=1):
            data = hop.to_dict()
            first = data["evidence"][0] if data["evidence"] else {}
            rows.append({"path": number, "step": step, "source_id": data["source_id"],
                         "source": data["source"], "kind": data["kind"],
                         "direction": data["direction"], "target_id": data["target_id"],
                         "target": data["target"], "dates": data["dates"], "docs": data["docs"],
                         "sentence": first.get("sentence"), "doc": first.get("doc"),
                         "start": first.get("start"), "end": first.get("end"),
                         "length": result.length})
    return rows


def _stat_rows(stats: dict[str, Any]) -> list[dict[str, Any]]:
    """``kg stats`` as (key, value) rows: ``nodes.official``, ``edges.meeting``..."""
    rows: list[dict[str, Any]] = []
    for key, value in stats.items():
        if isinstance(value, dict):
            rows += [{"key": f"{key}.{k}", "value": v} for k, v in value.items()]
        elif isinstance(value, list | tuple):
            rows.append({"key": key, "value": " … ".join(str(v) for v in value)})
        else:
            rows.append({"key": key, "value": value})
    return rows


# ---------------------------------------------------------------------- export
@click.command("export")
@graph_argument
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="graphml / gexf: for networkx, Gephi, Cytoscape, yEd; csv: a folder with "
                   "nodes.csv, edges.csv and documents.csv (also neo4j-admin import headers); "
                   "cypher: a script for Neo4j (cypher-shell -f). Default: from the "
                   "extension of OUTPUT (.graphml, .gexf, .cypher/.cql; none: csv).")
@click.option("-o", "--output", type=click.Path(), required=True,
              help="File to write (a folder for csv; - for stdout, with --format); its "
                   "folder must exist.")
def export_command(graph: str, fmt: str | None, output: str) -> None:
    """Export GRAPH for other tools, with all attributes and evidence.

    Lists (documents, dates, aliases) are joined with " | " in GraphML, GEXF
    and CSV; evidence is a JSON string. GraphML and GEXF edges carry a weight
    (their number of evidence sentences). In Cypher, nodes are labelled by type
    (:Official, :Agency, :Forum) and relationships by kind (:MEETING,
    :ATTENDED, ...), loaded in UNWIND batches, with dates as date(). Files are
    written atomically.

    \b
    Examples:
      kg export kg-out/graph.json -o graph.gexf
      kg export kg-out/graph.json --format csv -o tables/
      kg export kg-out/graph.json --format cypher -o - | cypher-shell
    """
    setup_logging()
    from kg.export import export_format, export_graph, export_text

    kg_graph = load_graph(graph)
    fmt = export_format(output, fmt)
    if output == "-":
        click.echo(export_text(kg_graph, fmt), nl=False)
        return
    written = export_graph(kg_graph, fmt, output)
    counts = (f"{kg_graph.graph.number_of_nodes()} nodes, "
              f"{kg_graph.graph.number_of_edges()} edges")
    log.info("wrote %s (%s): %s", fmt, counts, PurePath(written))
