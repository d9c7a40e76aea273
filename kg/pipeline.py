"""The build: files -> documents -> spaCy -> extraction records -> resolution -> graph.

>>> import kg
>>> graph = kg.build(["seeds/"])                      # doctest: +SKIP
>>> graph.stats()["nodes"]                             # doctest: +SKIP
{'agency': 9, 'forum': 8, 'official': 19}
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from kg import __version__
from kg.documents import DEFAULT_MAX_BYTES, Document, read_inputs
from kg.errors import InputError
from kg.graph import KnowledgeGraph
from kg.meta import detect_language
from kg.records import DocExtraction
from kg.resolve import build_graph

log = logging.getLogger(__name__)

__all__ = ["build", "build_documents", "document_language", "extract_documents"]


def document_language(doc: Document) -> tuple[str, list[str]]:
    """The pipeline language for ``doc`` and any note about it."""
    lang = (doc.lang or "").lower()[:2] or detect_language(doc.text)
    if lang in ("en", "id"):
        return lang, []
    return "en", [f"unsupported language ({lang or 'unknown'}): read with the English pipeline"]


def extract_documents(
    docs: Sequence[Document],
    *,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 32,
) -> list[DocExtraction]:
    """Run the spaCy pipelines and the extraction over ``docs`` (in input order)."""
    from kg.extract import extract_document
    from kg.nlp import load_pipeline

    by_lang: dict[str, list[int]] = {}
    notes: dict[int, list[str]] = {}
    for i, doc in enumerate(docs):
        lang, note = document_language(doc)
        by_lang.setdefault(lang, []).append(i)
        notes[i] = note
    results: dict[int, DocExtraction] = {}
    for lang, idxs in by_lang.items():
        nlp = load_pipeline(lang)
        texts = (docs[i].text for i in idxs)
        for i, sdoc in zip(idxs, nlp.pipe(texts, batch_size=batch_size), strict=True):
            d = docs[i]
            results[i] = extract_document(
                sdoc, doc_id=d.id, lang=lang if not notes[i] else "unknown",
                title=d.title, date=d.date, notes=notes[i],
            )
            if progress:
                progress(1)
    return [results[i] for i in range(len(docs))]


class _Progress:
    """Documents done, rate and ETA on stderr, at most every half second."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.done, self.enabled = total, 0, enabled
        self.start = self.last = time.monotonic()

    def __call__(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.5 and self.done < self.total):
            return
        self.last = now
        rate = self.done / max(now - self.start, 1e-9)
        eta = (self.total - self.done) / rate if rate else 0
        log.info("extracting: %d/%d documents, %.1f docs/s, ETA %.0fs",
                 self.done, self.total, rate, eta)


def build_documents(docs: Sequence[Document], *, progress: bool = False) -> KnowledgeGraph:
    """Build a graph from :class:`Document` records already in memory."""
    bar = _Progress(len(docs), progress)
    extractions = extract_documents(docs, progress=bar)
    return build_graph(extractions, meta={
        "built": datetime.now(UTC).isoformat(timespec="seconds"),
        "kg_version": __version__,
    })


def build(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool = False,
) -> KnowledgeGraph:
    """Read ``paths`` (files or folders) and build the knowledge graph.

    Parameters
    ----------
    paths : iterable of str or Path
        Files and folders (read recursively).
    max_bytes : int
        Larger input files are skipped.
    progress : bool
        Log progress on stderr.

    Raises
    ------
    InputError
        Nothing readable was found.
    """
    read = read_inputs(list(paths), max_bytes=max_bytes)
    for skip in read.skipped:
        log.warning("skipped %s: %s", skip.path, skip.reason)
    if not read.documents:
        raise InputError("no readable documents in the given paths"
                         + (f" ({len(read.skipped)} skipped)" if read.skipped else ""))
    if progress:
        log.info("read %d documents", len(read.documents))
    graph = build_documents(read.documents, progress=progress)
    graph.meta["skipped"] = [{"path": s.path, "reason": s.reason} for s in read.skipped]
    return graph
