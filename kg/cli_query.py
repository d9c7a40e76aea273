"""Query and export commands (path, entities, neighbors, top, stats, export)."""

import click


def register(group: click.Group) -> None:
    """Add the query commands to ``group``."""
