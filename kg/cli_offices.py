"""Office holders and corrections on the command line: ``kg who`` and ``kg fix``.

``kg who OFFICE`` answers from ``kg/data/offices.jsonl``. ``kg fix ACTION GRAPH ...``
appends one correction to the corrections file (``--corrections``, else the one the
graph was built with, else ``kg-corrections.yaml`` beside GRAPH) and rewrites GRAPH
(and its page, when there is one) with it applied, without extracting again.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click

from kg.cli_common import echo_json, graph_argument, json_option, load_graph, setup_logging

__all__ = ["register"]


def register(group: click.Group) -> None:
    """Add ``who`` and ``fix`` to ``group``."""
    group.add_command(who_command)
    group.add_command(fix_group)


# ---------------------------------------------------------------------- who
@click.command("who")
@click.argument("office")
@click.option("--country", metavar="CODE", default=None,
              help="Only this country (KR, US, JP, AU, PH, ID, CN, KP).")
@click.option("--on", "on", metavar="YYYY-MM-DD", default=None,
              help="Only who held the office on this day.")
@json_option
def who_command(office: str, country: str | None, on: str | None, as_json: bool) -> None:
    """Who held OFFICE (and when), from the bundled office-holder data.

    OFFICE is a class of offices ("defense minister", "foreign minister",
    "president", "prime minister", "chief of defense", "usfk commander",
    "menhan", ...) or one office's own name ("Secretary of Defense"). The data
    covers South Korea, the United States, Japan, Australia, the Philippines,
    Indonesia, China and North Korea from 2000 on. Exit status 1 when nobody
    matches.

    \b
    Examples:
      kg who "defense minister" --country JP --on 2019-08-07
      kg who "Secretary of Defense"
    """
    setup_logging()
    from kg import holders

    if on is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", on):
        raise click.UsageError(f"--on takes a date as YYYY-MM-DD, not {on!r}")
    found = holders.who(office, country, on)
    if as_json:
        echo_json([{"name": t.name, **t.as_dict(), "spellings": list(t.spellings)}
                   for t in found])
    elif found:
        for t in found:
            note = f"  ({t.note})" if t.note else ""
            click.echo(f"{t.name}  {t.role}, {t.country}  {t.start} – {t.end or 'now'}{note}")
    if not found:
        click.echo(f"kg: nobody in the office data matches {office!r}"
                   + (f" in {country}" if country else "") + (f" on {on}" if on else ""),
                   err=True)
        raise SystemExit(1)


# ---------------------------------------------------------------------- fix
_corrections_option = click.option(
    "--corrections", "corrections_path", type=click.Path(dir_okay=False), default=None,
    help="Corrections file to append to [default: the one GRAPH was built with, else "
         "kg-corrections.yaml beside GRAPH].")
_note_option = click.option("--note", default="", help="Why (kept in the file and the graph).")


@click.group("fix")
def fix_group() -> None:
    """Correct a built graph: append to the corrections file and rewrite the graph.

    Every later 'kg build' applies the same file (kg-corrections.yaml beside the
    corpus, or --corrections), so a correction survives rebuilds. A correction
    whose names match no node is refused here and reported by later builds.

    \b
    Examples:
      kg fix merge kg-out/graph.json "Jeong Kyeong-doo" "Jung Kyung-doo"
      kg fix drop-edge kg-out/graph.json "A B" "C D" --kind meeting
      kg fix set kg-out/graph.json "Jane Doe" --role "Deputy Minister" --country KR
    """


def _target(graph_path: str, meta: dict[str, Any], explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    built_with = (meta.get("corrections") or {}).get("file")
    return Path(built_with) if built_with else Path(graph_path).parent / "kg-corrections.yaml"


def _run(graph_path: str, explicit: str | None, action: str, args: dict[str, Any],
         note: str) -> None:
    """Check that the correction applies, append it, apply it, write graph and page."""
    setup_logging()
    from kg import corrections
    from kg.fileio import atomic_write_text

    graph = load_graph(graph_path)
    path = _target(graph_path, graph.meta, explicit)
    trial = load_graph(graph_path)
    probe = corrections.Correction(action, args, 0, note)
    corrections.load(path)  # a broken file is reported first
    why = corrections.apply_one(trial, probe)
    if why:
        click.echo(f"kg: error: not applied: {why}", err=True)
        raise SystemExit(1)
    item = corrections.append(path, action, args, note)
    corrections.apply(graph, [item], str(path))
    graph.save(graph_path)
    page = Path(graph_path).with_suffix(".html")
    if page.exists():
        from kg.render import render_html

        atomic_write_text(page, render_html(graph))
    click.echo(f"{path}:{item.line}: {item.describe()}; {graph_path} rewritten", err=True)


@fix_group.command("merge")
@graph_argument
@click.argument("a")
@click.argument("b")
@_corrections_option
@_note_option
def fix_merge(graph: str, a: str, b: str, corrections_path: str | None, note: str) -> None:
    """B is the same as A: B's names, documents and links join A."""
    _run(graph, corrections_path, "merge", {"nodes": [a, b]}, note)


@fix_group.command("split")
@graph_argument
@click.argument("node")
@click.argument("alias")
@_corrections_option
@_note_option
def fix_split(graph: str, node: str, alias: str, corrections_path: str | None,
              note: str) -> None:
    """ALIAS is someone else: a node of its own, with the evidence that names it."""
    _run(graph, corrections_path, "split", {"node": node, "alias": alias}, note)


@fix_group.command("rename")
@graph_argument
@click.argument("node")
@click.argument("new_label")
@_corrections_option
@_note_option
def fix_rename(graph: str, node: str, new_label: str, corrections_path: str | None,
               note: str) -> None:
    """Show NODE as NEW_LABEL (the old label stays an alias)."""
    _run(graph, corrections_path, "rename", {"node": node, "to": new_label}, note)


@fix_group.command("set")
@graph_argument
@click.argument("node")
@click.option("--type", "node_type", type=click.Choice(["official", "agency", "forum"]))
@click.option("--role", default=None)
@click.option("--country", default=None)
@_corrections_option
@_note_option
def fix_set(graph: str, node: str, node_type: str | None, role: str | None,
            country: str | None, corrections_path: str | None, note: str) -> None:
    """Set NODE's type, role or country."""
    args = {k: v for k, v in (("node", node), ("type", node_type), ("role", role),
                              ("country", country)) if v}
    if len(args) == 1:
        raise click.UsageError("give --type, --role or --country")
    _run(graph, corrections_path, "set", args, note)


@fix_group.command("drop-node")
@graph_argument
@click.argument("node")
@_corrections_option
@_note_option
def fix_drop_node(graph: str, node: str, corrections_path: str | None, note: str) -> None:
    """NODE is not an entity: remove it and its links."""
    _run(graph, corrections_path, "drop-node", {"node": node}, note)


@fix_group.command("drop-edge")
@graph_argument
@click.argument("a")
@click.argument("b")
@click.option("--kind", default=None, help="Only this kind of link [default: every kind].")
@_corrections_option
@_note_option
def fix_drop_edge(graph: str, a: str, b: str, kind: str | None, corrections_path: str | None,
                  note: str) -> None:
    """The link between A and B is wrong: remove it."""
    args = {"a": a, "b": b, **({"kind": kind} if kind else {})}
    _run(graph, corrections_path, "drop-edge", args, note)


@fix_group.command("add-edge")
@graph_argument
@click.argument("a")
@click.argument("b")
@click.option("--kind", required=True, help="meeting, attended, affiliated, co_mention.")
@_corrections_option
@_note_option
def fix_add_edge(graph: str, a: str, b: str, kind: str, corrections_path: str | None,
                 note: str) -> None:
    """A and B are linked though no article says so in a way kg reads: add the link."""
    _run(graph, corrections_path, "add-edge", {"a": a, "b": b, "kind": kind}, note)
