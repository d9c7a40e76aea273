"""The render command."""

import click


def register(group: click.Group) -> None:
    """Add the render command to ``group``."""
