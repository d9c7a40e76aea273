"""Input documents: files and folders -> :class:`Document` records.

A document id is the file path as given on the command line (or joined below a
given folder), so ``score.py`` and users can trace every edge back to its file.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

__all__ = ["Document", "ReadResult", "Skipped", "read_inputs"]

TEXT_SUFFIXES = {".txt", ".md"}
DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class Document:
    """One article: its text plus whatever metadata the input carried."""

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    lang: str | None = None

    @property
    def content_hash(self) -> str:
        """Hash of everything extraction reads (text and given metadata)."""
        h = hashlib.sha256()
        for part in (self.id, self.text, self.title or "", self.date or "", self.lang or ""):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class Skipped:
    """An input that was not read, and why."""

    path: str
    reason: str


@dataclass
class ReadResult:
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _iter_files(path: Path) -> Iterable[Path]:
    if path.is_dir():
        yield from sorted(p for p in path.rglob("*") if p.is_file())
    else:
        yield path


def read_inputs(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read every supported file below ``paths``; unreadable ones go to ``skipped``."""
    result = ReadResult()
    for given in paths:
        root = Path(given)
        if not root.exists():
            result.skipped.append(Skipped(str(given), "no such file or folder"))
            continue
        for file in _iter_files(root):
            if file.suffix.lower() not in TEXT_SUFFIXES:
                if not root.is_dir():
                    result.skipped.append(Skipped(str(file), f"unsupported type {file.suffix!r}"))
                continue
            try:
                data = file.read_bytes()
            except OSError as exc:
                result.skipped.append(Skipped(str(file), f"unreadable ({exc.strerror})"))
                continue
            if len(data) > max_bytes:
                result.skipped.append(Skipped(str(file), f"larger than {max_bytes} bytes"))
                continue
            text = data.decode("utf-8-sig", errors="replace")
            if not text.strip():
                result.skipped.append(Skipped(str(file), "empty"))
                continue
            result.documents.append(Document(id=str(file), text=text, path=str(file)))
    return result
