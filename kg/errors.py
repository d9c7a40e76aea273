"""The one error type the library raises for user-facing problems.

The CLI turns a :class:`KGError` into a one-line message on stderr and its
``exit_code``; anything else is a bug and keeps its traceback.

Exit codes: 0 success, 1 no result (e.g. no path), 2 user error (bad input,
unknown or ambiguous name, unreadable graph file).
"""

from __future__ import annotations

__all__ = [
    "AmbiguousNameError",
    "GraphFileError",
    "InputError",
    "KGError",
    "NoPathError",
    "UnknownNameError",
]


class KGError(Exception):
    """Base class for errors a user can act on. ``exit_code`` is what the CLI returns."""

    exit_code = 2

    def __init__(self, message: str, *, details: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class InputError(KGError):
    """Input paths or options that cannot be used (nothing readable, bad option value)."""


class GraphFileError(KGError):
    """A graph file that is missing, truncated, or not written by ``kg``."""


class UnknownNameError(KGError):
    """A name that matches no node; ``details['candidates']`` lists the closest ones."""


class AmbiguousNameError(UnknownNameError):
    """A name that matches several nodes equally well; ``details['candidates']`` lists them."""


class NoPathError(KGError):
    """Two nodes exist but no path joins them under the given constraints."""

    exit_code = 1
