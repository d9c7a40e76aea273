"""The ``kg`` command line: a thin layer over the library API.

Every command turns a :class:`kg.errors.KGError` into a one-line message on
stderr and its exit code (0 success, 1 no result, 2 user error). Data goes to
stdout, progress and summaries to stderr.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import click

from kg.cli_common import quiet_option, setup_logging
from kg.errors import KGError

log = logging.getLogger("kg")

DEFAULT_OUTPUT = Path("kg-out") / "graph.json"


class OneLineUsageError(click.UsageError):
    """A usage error shown as one ``kg: error: ...`` line (no usage block, no hint line)."""

    def show(self, file: Any = None) -> None:
        click.echo(f"kg: error: {self.format_message()}", file=file, err=file is None)


def _one_line(exc: click.UsageError) -> OneLineUsageError:
    """``exc`` as a :class:`OneLineUsageError` that points at the command's help.

    Examples
    --------
    >>> _one_line(click.UsageError("No such command 'frob'.")).format_message()
    "No such command 'frob'."
    """
    message = exc.format_message().rstrip(".")
    if exc.ctx is not None:
        message += f" (see '{exc.ctx.command_path} --help')"
    elif not message.endswith("."):
        message += "."
    return OneLineUsageError(message, exc.ctx)


class KGGroup(click.Group):
    """A click group that reports :class:`KGError` and usage errors on one line, no traceback."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            if isinstance(exc, OneLineUsageError):
                raise
            raise _one_line(exc) from None
        except KGError as exc:
            click.echo(f"kg: error: {exc.message}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("kg: interrupted; outputs were left as they were", err=True)
            ctx.exit(130)


@click.group(name="kg", cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg", prog_name="kg")
def main() -> None:
    """Build and query a knowledge graph of defence diplomacy from news articles.

    Officials, agencies and forums become nodes; meetings, forum attendance,
    affiliation and co-appearance become edges, each with its evidence
    sentences, documents and dates.

    \b
    Start with:
      kg build                      # the bundled seed articles -> kg-out/
      kg build ARTICLES/ -o out.json
      kg path kg-out/graph.json "Gen Nakatani" "Pete Hegseth"
    """


def default_seeds() -> Path:
    """The bundled demo corpus (the repository's ``seeds/`` folder)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "seeds", Path.cwd() / "seeds"):
        if candidate.is_dir():
            return candidate
    raise KGError("no PATHS given and the bundled seeds/ folder was not found")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), default=str(DEFAULT_OUTPUT),
    show_default=True, help="Graph JSON to write; the HTML page goes beside it.",
)
@click.option("--html/--no-html", default=True, show_default=True,
              help="Also write the interactive page (OUTPUT with .html).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=5_000_000, show_default=True,
              help="Skip input files larger than this.")
@click.option("-w", "--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extraction processes (or local Dask workers with --engine dask).")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Extraction cache folder [default: $KG_CACHE_DIR, else "
                   "$XDG_CACHE_HOME/kg, else ~/.cache/kg].")
@click.option("--no-cache", is_flag=True,
              help="Read every document again; neither use nor update the cache.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default=None,
              help="Where extraction runs [default: local; dask with --scheduler].")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Dask scheduler (tcp://host:8786); without it --engine dask starts a "
                   "local cluster of --workers processes.")
@click.option("--corrections", "corrections_path", type=click.Path(dir_okay=False), default=None,
              help="Analyst's corrections to apply [default: kg-corrections.yaml in the "
                   "one input folder, if there].")
@click.option("--no-offices", is_flag=True,
              help="Do not use the bundled office-holder data (also KG_NO_OFFICES=1).")
@click.option("--lang", type=click.Choice(["en", "id"]), default=None,
              help="Read every document in this language [default: a JSONL 'lang', else "
                   "the more likely language of its words].")
@quiet_option
@click.option("-v", "--verbose", is_flag=True, help="Debug messages on stderr.")
def build(paths: tuple[str, ...], output: str, html: bool, max_bytes: int, workers: int,
          cache_dir: str | None, no_cache: bool, engine: str | None, scheduler: str | None,
          corrections_path: str | None, no_offices: bool, lang: str | None, quiet: bool,
          verbose: bool) -> None:
    """Read articles in PATHS (files or folders) and write the graph.

    With no PATHS, builds the bundled seed articles. Reads .txt, .md, .html/.htm,
    .jsonl (one article a line), .pdf and .docx files, recursively in folders;
    every input not read is listed with its reason. Writes OUTPUT (networkx
    node-link JSON) and, unless --no-html, an interactive HTML page beside it,
    both atomically.

    Extraction results are cached per document (see --cache-dir), so a rebuild
    after adding articles only reads the new ones.
    """
    setup_logging(quiet, verbose)
    from kg.pipeline import build as build_graph

    if no_cache and cache_dir:
        raise click.UsageError("--no-cache and --cache-dir cannot be used together")
    if engine == "local" and scheduler:
        raise click.UsageError("--scheduler needs --engine dask")
    inputs = list(paths) or [str(default_seeds())]
    _check_writable(Path(output))
    if no_offices:
        os.environ["KG_NO_OFFICES"] = "1"
    graph = build_graph(inputs, max_bytes=max_bytes, progress=not quiet, workers=workers,
                        cache=False if no_cache else cache_dir or True,
                        engine=engine or ("dask" if scheduler else "local"),
                        scheduler=scheduler, lang=lang, corrections=corrections_path)
    page = None
    if html:  # render before writing anything, so graph and page never disagree
        from kg.render import render_html

        page = render_html(graph)
    from kg.fileio import atomic_write_text, output_lock

    try:
        with output_lock(output):  # a concurrent build writing OUTPUT waits: one build's pair
            out = graph.save(output)
            html_path = None
            if page is not None:
                html_path = atomic_write_text(Path(output).with_suffix(".html"), page)
    except OSError as exc:
        raise KGError(f"cannot write {output}: {exc.strerror or exc}") from None
    if not quiet:
        _print_summary(graph, out, html_path)


def _check_writable(output: Path) -> None:
    """Fail before the build, not after it, when OUTPUT cannot be written."""
    folder = output.parent
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if output.is_dir():
        raise KGError(f"cannot write {output}: it is a folder")
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        raise KGError(f"cannot write {output}: {probe} is not a writable folder")


def _documents_line(n_docs: int, documents: list[dict], skipped: list[dict]) -> str:
    """``documents read: N``, then how many failed extraction and how many were skipped.

    Examples
    --------
    >>> _documents_line(3, [{"notes": ["extraction failed: IndexError: x"]}],
    ...                 [{"reason": "not a supported type (.pdf)"}, {"reason": "empty file"}])
    'documents read: 3, extraction failed: 1, skipped: 2 (1 not a supported type)'
    """
    failed = sum(any(str(n).startswith("extraction failed") for n in d.get("notes") or [])
                 for d in documents)
    other_types = sum(str(s.get("reason", "")).startswith("not a supported type")
                      for s in skipped)
    line = f"documents read: {n_docs}"
    if failed:
        line += f", extraction failed: {failed}"
    if skipped:
        line += f", skipped: {len(skipped)}"
        if other_types:
            line += f" ({other_types} not a supported type)"
    return line


def _print_summary(graph: Any, out: Path, html_path: Path | None) -> None:
    stats = graph.stats()
    skipped = graph.meta.get("skipped", [])
    nodes = stats["nodes"]
    edges = ", ".join(f"{k} {v}" for k, v in stats["edges"].items()) or "none"
    lines = [
        _documents_line(stats["documents"], graph.meta.get("documents", []), skipped),
        *(f"  skipped {s['path']}: {s['reason']}" for s in skipped),
        *(f"  note {d['id']}: {note}" for d in graph.meta.get("documents", [])
          for note in d.get("notes") or []),
        f"officials: {nodes.get('official', 0)}, agencies: {nodes.get('agency', 0)}, "
        f"forums: {nodes.get('forum', 0)}",
        f"edges: {edges}",
        f"graph: {out}",
    ]
    if html_path is not None:
        lines.append(f"open in a browser: {html_path}")
    click.echo("\n".join(lines), err=True)


# Query, export and render commands live in their own modules.
from kg.cli_offices import register as _register_offices  # noqa: E402
from kg.cli_query import register as _register_query  # noqa: E402
from kg.cli_render import register as _register_render  # noqa: E402

_register_query(main)
_register_render(main)
_register_offices(main)
