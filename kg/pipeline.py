"""The build: files -> documents -> spaCy -> extraction records -> resolution -> graph.

Only per-document extraction (spaCy plus :func:`kg.extract.extract_document`)
is expensive, and it is independent per document, so it is what gets cached and
parallelised; resolution and graph building always run in this process, on the
records in input order, so the graph never depends on how extraction ran.

Cache
    With ``cache=...`` every document whose ``(content hash, extraction
    version)`` is in the :class:`kg.cache.ExtractionCache` is not read again,
    and spaCy is not even imported when all of them are (see :mod:`kg.cache`).
Workers
    ``workers=N`` runs extraction in N processes (``spawn``: each loads the
    models once, the first time it meets a language), on chunks of documents
    of one language that are whole multiples of ``batch_size``, so every spaCy
    batch holds exactly the documents it holds in a one-process build.
    Scripts that call :func:`build` with ``workers > 1`` need the usual
    ``if __name__ == "__main__":`` guard.
Dask
    ``engine="dask"`` submits the same chunks to a Dask cluster
    (``scheduler="tcp://host:8786"``, or a temporary local cluster of
    ``workers`` processes when no address is given) and merges on the client.
    Every Dask worker needs kg and its models installed; each worker process
    loads the pipelines once and keeps them.

>>> import kg
>>> graph = kg.build(["seeds/"])                      # doctest: +SKIP
>>> graph.stats()["nodes"]                             # doctest: +SKIP
{'agency': 9, 'forum': 8, 'official': 19}
>>> graph = kg.build(["articles/"], cache=True, workers=2)   # doctest: +SKIP
"""

from __future__ import annotations

import contextvars
import itertools
import logging
import math
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.documents import DEFAULT_MAX_BYTES, Document, read_inputs
from kg.errors import InputError
from kg.meta import detect_language
from kg.model import __version__
from kg.records import DocExtraction
from kg.roles import english_roles

if TYPE_CHECKING:  # imported where used: a worker process never loads the graph modules
    from kg.graph import KnowledgeGraph

log = logging.getLogger(__name__)

__all__ = ["ENGINES", "build", "build_documents", "document_language", "each_extraction",
           "extract_documents"]

#: Where per-document extraction runs: this machine (one or more processes) or Dask.
ENGINES = ("local", "dask")

#: One document as shipped to a worker: (id, text, title, date, notes).
_Item = tuple[str, str, str | None, str | None, tuple[str, ...]]
#: One unit of work: the pipeline language and the indexes of its documents.
_Chunk = tuple[str, list[int]]
#: Most batches per chunk (bigger chunks: less overhead; smaller: better balance).
_MAX_BATCHES_PER_CHUNK = 4
#: Chunks per worker to aim for, so a slow chunk does not leave the others idle.
_CHUNKS_PER_WORKER = 8


def document_language(doc: Document) -> tuple[str, list[str]]:
    """The pipeline language for ``doc`` and any note about it.

    Examples
    --------
    >>> document_language(Document(id="a", text="x", lang="id-ID"))
    ('id', [])
    >>> document_language(Document(id="b", text="x", lang="fr"))[0]
    'en'
    """
    lang = (doc.lang or "").lower()[:2] or detect_language(doc.text)
    if lang in ("en", "id"):
        return lang, []
    return "en", [f"unsupported language ({lang or 'unknown'}): read with the English pipeline"]


# ---------------------------------------------------------------------- worker side
_PIPELINE_LOCK = threading.Lock()


def _failed(item: _Item, lang: str, exc: BaseException) -> DocExtraction:
    """The record of a document whose extraction raised: its text-level facts and the error.

    Title, date, byline and size come from the text without spaCy, so the
    document is still listed in the graph (with the error in its notes).
    """
    from kg.meta import find_byline, find_date, find_title

    doc_id, text, title, date, notes = item
    error = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    log.error("extraction failed for %s (%s); it adds no entities to the graph", doc_id, error)
    head = text[:20_000]
    return DocExtraction(doc_id=doc_id, lang=lang, title=title or find_title(head),
                         date=date or find_date(head), byline=find_byline(head),
                         notes=[*notes, f"extraction failed: {error}"], n_chars=len(text),
                         n_words=len(text.split()))


def _extract_one(sdoc: Any, item: _Item, lang: str) -> DocExtraction:
    """Extraction of one processed document; a failure becomes a :func:`_failed` record."""
    from kg.extract import extract_document

    doc_id, _, title, date, notes = item
    try:
        return extract_document(sdoc, doc_id=doc_id, lang=lang if not notes else "unknown",
                                title=title, date=date, notes=list(notes))
    except Exception as exc:  # one bad document must not stop a build
        return _failed(item, lang, exc)


def _extract_long(nlp: Any, item: _Item, lang: str, limit: int) -> DocExtraction:
    """A text over ``limit`` characters, read piece by piece (:mod:`kg.longtext`)."""
    from kg.longtext import merge_pieces, split_text

    doc_id, text, title, date, notes = item
    parts = []
    try:
        for offset, piece in split_text(text, limit):
            sdoc = nlp(piece)
            record = _extract_one(sdoc, (doc_id, piece, title, date, notes), lang)
            if any(n.startswith("extraction failed") for n in record.notes[len(notes):]):
                log.warning("%s: a piece at character %d failed; the others are kept",
                            doc_id, offset)
            parts.append((offset, sum(1 for _ in sdoc.sents), record))
            del sdoc  # one piece in memory at a time
    except Exception as exc:
        return _failed(item, lang, exc)
    return merge_pieces(parts, len(text))


def _pipe(nlp: Any, run: Sequence[_Item], lang: str, batch_size: int) -> Iterator[DocExtraction]:
    """Short documents through ``nlp.pipe``; if spaCy itself raises, the rest one by one."""
    done = 0
    try:
        for item, sdoc in zip(run, nlp.pipe((it[1] for it in run), batch_size=batch_size),
                              strict=True):
            yield _extract_one(sdoc, item, lang)
            done += 1
        return
    except Exception as exc:
        log.warning("spaCy failed on a batch (%s: %s); reading its documents one by one",
                    type(exc).__name__, exc)
    for item in run[done:]:
        try:
            sdoc = nlp(item[1])
        except Exception as exc:
            yield _failed(item, lang, exc)
        else:
            yield _extract_one(sdoc, item, lang)


def _iter_items(lang: str, items: Sequence[_Item], batch_size: int) -> Iterator[DocExtraction]:
    """Run ``lang``'s pipeline and the extraction over ``items``, in order.

    Texts longer than :data:`kg.longtext.PIECE_CHARS` (or the pipeline's
    ``max_length``) are read in pieces; the others in batches.
    """
    from kg.longtext import PIECE_CHARS
    from kg.nlp import load_pipeline

    nlp = load_pipeline(lang)  # cached: loaded once per process
    limit = min(PIECE_CHARS, getattr(nlp, "max_length", 1_000_000) - 1)
    k = 0
    while k < len(items):
        if len(items[k][1]) > limit:
            yield _extract_long(nlp, items[k], lang, limit)
            k += 1
            continue
        j = k
        while j < len(items) and len(items[j][1]) <= limit:
            j += 1
        yield from _pipe(nlp, items[k:j], lang, batch_size)
        k = j


def _extract_chunk(lang: str, items: Sequence[_Item], batch_size: int) -> list[DocExtraction]:
    """Extraction of one chunk: the task that worker processes and Dask workers run.

    A module-level function of plain arguments, so it pickles by reference.
    Threads of one process (a multi-threaded Dask worker) take turns, so the
    pipelines are loaded once and never used by two threads at the same time.
    """
    with _PIPELINE_LOCK:
        return list(_iter_items(lang, items, batch_size))


def _exit_with_parent(parent: int, interval: float = 1.0) -> None:
    """Stop this worker process when its parent is gone (killed without cleaning up)."""
    import os

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()


def _init_worker(level: int, parent: int | None = None) -> None:
    """Pool worker start-up: the parent's log level for kg, Ctrl-C left to the parent.

    With ``parent`` (the parent's process id) the worker also exits when the
    parent dies, so ``kill`` on a build never leaves its workers behind.
    """
    import signal
    import sys

    if parent is not None:
        _exit_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    root = logging.getLogger("kg")
    root.setLevel(level)
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        root.addHandler(handler)
    root.propagate = False


# ---------------------------------------------------------------------- planning
def _plan(todo: Sequence[int], langs: Sequence[str], chunk_size: int) -> list[_Chunk]:
    """Group ``todo`` by language (first-seen order) and cut each group into chunks.

    Examples
    --------
    >>> _plan([0, 1, 2, 3, 4], ["en", "id", "en", "en", "id"], 2)
    [('en', [0, 2]), ('en', [3]), ('id', [1, 4])]
    """
    groups: dict[str, list[int]] = {}
    for i in todo:
        groups.setdefault(langs[i], []).append(i)
    return [(lang, idxs[k:k + chunk_size])
            for lang, idxs in groups.items() for k in range(0, len(idxs), chunk_size)]


def _chunk_size(n_todo: int, workers: int, batch_size: int) -> int:
    """Documents per chunk: a whole number of batches, at least a few chunks per worker.

    Examples
    --------
    >>> _chunk_size(1000, 2, 32), _chunk_size(100_000, 4, 32), _chunk_size(5, 2, 1)
    (32, 128, 1)
    """
    batches = n_todo // max(1, batch_size * workers * _CHUNKS_PER_WORKER)
    return batch_size * min(_MAX_BATCHES_PER_CHUNK, max(1, batches))


# ---------------------------------------------------------------------- runners
def _run_pool(chunks: list[_Chunk], payload: Callable[[_Chunk], list[_Item]], workers: int,
              batch_size: int) -> Iterator[tuple[int, list[DocExtraction]]]:
    """Chunks on a pool of ``spawn``-ed processes; yields (chunk number, records) as done."""
    from concurrent.futures import FIRST_COMPLETED, wait

    pool = _new_pool(min(workers, len(chunks)))
    clean = False
    try:
        # at most two chunks queued per worker: texts are not all copied at once
        pending: dict[Any, int] = {}
        queue = iter(range(len(chunks)))
        for k in queue:
            pending[pool.submit(_extract_chunk, chunks[k][0], payload(chunks[k]),
                                batch_size)] = k
            if len(pending) >= 2 * workers:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=pending.__getitem__):
                k = pending.pop(fut)
                yield k, fut.result()
                nxt = next(queue, None)
                if nxt is not None:
                    pending[pool.submit(_extract_chunk, chunks[nxt][0], payload(chunks[nxt]),
                                        batch_size)] = nxt
        clean = True
    finally:
        if clean:
            pool.shutdown(wait=True)
        else:  # an error or Ctrl-C: do not wait for the other chunks
            _stop_pool(pool)


def _new_pool(workers: int) -> Any:
    """A pool of ``workers`` ``spawn``-ed processes (:func:`_init_worker` starts each)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    level = logging.getLogger("kg").getEffectiveLevel()
    return ProcessPoolExecutor(max_workers=workers,
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(level, os.getpid()))


def _stop_pool(pool: Any) -> None:
    """Shut ``pool`` down without waiting and end its processes (after an error or Ctrl-C)."""
    # shutdown() drops the pool's table of processes: take it first
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        proc.terminate()
    for proc in processes:
        proc.join(timeout=5)


def _run_dask(chunks: list[_Chunk], payload: Callable[[_Chunk], list[_Item]],
              scheduler: str | None, workers: int, batch_size: int
              ) -> Iterator[tuple[int, list[DocExtraction]]]:
    """Chunks on a Dask cluster; yields (chunk number, records) as they complete."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise InputError("the dask engine needs dask.distributed: "
                         "pip install 'kg[dask]' (or 'dask[distributed]')") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    log.info("extracting on Dask: %s", scheduler or f"local cluster of {workers} workers")
    tag = uuid.uuid4().hex[:8]
    try:
        # at most two chunks in flight per worker thread, as on the local pool: the texts
        # are not all shipped at once, and each chunk's records are released on the
        # cluster as soon as they are here (else every worker holds its records to the end)
        in_flight = 2 * max(1, sum(client.nthreads().values()) if scheduler else workers)
        queue = iter(range(len(chunks)))
        pending: dict[Any, int] = {}

        def submit(k: int) -> Any:
            fut = client.submit(_extract_chunk, chunks[k][0], payload(chunks[k]), batch_size,
                                key=f"kg-extract-{tag}-{k}", pure=False)
            pending[fut] = k
            return fut

        running = as_completed([submit(k) for k in itertools.islice(queue, in_flight)],
                               with_results=True)
        for fut, records in running:
            k = pending.pop(fut)
            fut.release()
            del fut
            yield k, records
            nxt = next(queue, None)
            if nxt is not None:
                running.add(submit(nxt))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# ---------------------------------------------------------------------- extraction
def extract_documents(
    docs: Sequence[Document],
    *,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 32,
    workers: int = 1,
    cache: Any = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> list[DocExtraction]:
    """Run the spaCy pipelines and the extraction over ``docs`` (results in input order).

    Parameters
    ----------
    docs : sequence of Document
        The documents; each is read with its language's pipeline
        (:func:`document_language`).
    progress : callable, optional
        Called with the number of documents just finished (cache hits included).
    batch_size : int
        Documents per spaCy batch.
    workers : int
        Extraction processes (``engine="local"``), or local Dask workers when
        ``engine="dask"`` has no ``scheduler``. One runs in this process.
    cache : bool, str, Path or ExtractionCache, optional
        ``None``/``False``: no cache; ``True``: the default folder
        (:func:`kg.cache.default_cache_dir`); a folder; or an open cache.
    engine : {"local", "dask"}
        Where extraction runs (see the module docstring).
    scheduler : str, optional
        Address of a Dask scheduler (``engine="dask"`` only).

    Returns
    -------
    list of DocExtraction
        One record per document, in the order of ``docs``, identical whatever
        the engine, the number of workers or the cache state.

    Raises
    ------
    InputError
        Unknown engine, ``workers < 1``, a scheduler without the dask engine,
        dask not installed, or an unreachable scheduler.

    Examples
    --------
    >>> extract_documents([])
    []
    """
    _check_options(engine, workers, batch_size, scheduler)
    results: list[DocExtraction | None] = [None] * len(docs)
    each_extraction(docs, results.__setitem__, progress=progress, batch_size=batch_size,
                    workers=workers, cache=cache, engine=engine, scheduler=scheduler)
    return results  # type: ignore[return-value]


def each_extraction(
    docs: Sequence[Document],
    sink: Callable[[int, DocExtraction], None],
    *,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 32,
    workers: int = 1,
    cache: Any = None,
    engine: str = "local",
    scheduler: str | None = None,
    offices: bool = False,
) -> None:
    """:func:`extract_documents` handing each record over as soon as it is made.

    ``sink(i, record)`` is called once per document, ``i`` its index in ``docs``, in
    the order the records come (the cached ones first, then chunk by chunk), not in
    the order of ``docs``; nothing here keeps a record after that (only a chunk's
    records until they are stored in the cache), so a caller that keeps less than
    the record holds less than the corpus. With ``offices``, each record comes with the
    office data applied (:func:`kg.officepass.apply_offices` with the document's text),
    a form the cache keeps too: a rebuild does not run the office pass again. The other
    parameters are those of :func:`extract_documents`.
    """
    _check_options(engine, workers, batch_size, scheduler)
    warm = _WARM.get()  # the process build() started, if any: this extraction takes it
    _WARM.set(None)
    if not docs:
        return
    from kg.cache import open_cache

    languages = [document_language(d) for d in docs]
    store = open_cache(cache)
    owned = store is not None and store is not cache
    try:
        keys, versions = _cache_keys(store, languages, docs)
        job = _Job(docs, languages, sink, store, keys, progress, batch_size, offices)
        early = _Early.start(job, workers, warm) if engine == "local" else None
        try:
            todo = _from_cache(job, early.idxs if early else frozenset())
            if early is not None:
                todo = sorted(todo + early.finish())
        except BaseException:
            if early is not None:
                early.stop()
            raise
        if todo:
            _extract_todo(job, todo, workers, engine, scheduler)
        if store is not None and (todo or early is not None):
            store.prune(versions)
        if store is not None:
            store.mark_build()
    finally:
        if owned and store is not None:
            store.close()


def _check_options(engine: str, workers: int, batch_size: int, scheduler: str | None) -> None:
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if workers < 1 or batch_size < 1:
        raise InputError("workers and batch_size must be at least 1")
    if scheduler and engine != "dask":
        raise InputError("a Dask scheduler address needs the dask engine (--engine dask)")


#: Documents looked up in the cache at a time (their records go to the sink before the next).
_CACHE_WINDOW = 512


def _cache_keys(store: Any, languages: list[tuple[str, Any]], docs: Sequence[Document]
                ) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The cache key of each document and the extraction version of each language
    (none without a cache)."""
    from kg.cache import extraction_version

    if store is None:
        return [], {}
    langs = [lang for lang, _ in languages]
    versions = {lang: extraction_version(lang) for lang in dict.fromkeys(langs)}
    return [(d.content_hash, versions[lang]) for d, lang in zip(docs, langs, strict=True)], versions


def _from_cache(job: _Job, skip: frozenset[int]) -> list[int]:
    """Hand the cached records to ``job.sink``, a window of documents at a time; the
    documents not in the cache, those in ``skip`` (being read elsewhere) left out."""
    store, keys, n_docs = job.store, job.keys, len(job.docs)
    if store is None:
        return list(range(n_docs))
    todo: list[int] = []
    for start in range(0, len(keys), _CACHE_WINDOW):
        window = [k for k in range(start, min(len(keys), start + _CACHE_WINDOW))
                  if k not in skip]
        if job.offices:
            window = _with_offices_from_cache(job, window)
        hits = store.get_many([keys[i] for i in window])
        found = [i for i in window if keys[i] in hits]
        todo += [i for i in window if keys[i] not in hits]
        job.done(found, [hits[keys[i]] for i in found], stored=True)
    n_hits = n_docs - len(todo) - len(skip)
    if n_hits:
        log.debug("extraction cache: %d of %d documents cached", n_hits, n_docs)
        if isinstance(job.progress, _Progress):
            job.progress.cached(n_hits)
        elif job.progress:
            job.progress(n_hits)
    return todo


def _with_offices_from_cache(job: _Job, window: list[int]) -> list[int]:
    """Hand over the documents of ``window`` whose office-applied records are cached;
    the others."""
    wanted = {i: job.offices_key(i) for i in window}
    hits = job.store.get_many(list(wanted.values()))
    for i, key in wanted.items():
        if key in hits:
            job.sink(i, hits[key])
    return [i for i, key in wanted.items() if key not in hits]


@dataclass
class _Job:
    """What the extraction of the uncached documents reads, and where its records go.

    With ``offices``, the records handed over have the office data applied
    (:func:`kg.officepass.apply_offices`), and the cache keeps both forms: the record
    under its key, the applied one under the key's version with
    :data:`kg.cache.WITH_OFFICES` appended.
    """

    docs: Sequence[Document]
    languages: list[tuple[str, Any]]
    sink: Callable[[int, DocExtraction], None]
    store: Any
    keys: list[tuple[str, str]]
    progress: Callable[[int], None] | None
    batch_size: int
    offices: bool = False

    def item(self, i: int) -> _Item:
        """Document ``i`` as extraction reads it."""
        doc = self.docs[i]
        return doc.id, doc.text, doc.title, doc.date, tuple(self.languages[i][1])

    def payload(self, chunk: _Chunk) -> list[_Item]:
        return [self.item(i) for i in chunk[1]]

    def offices_key(self, i: int) -> tuple[str, str]:
        """The cache key of document ``i``'s record with the office data applied."""
        from kg.cache import WITH_OFFICES

        return self.keys[i][0], self.keys[i][1] + WITH_OFFICES

    def done(self, idxs: Sequence[int], records: Sequence[DocExtraction], *,
             stored: bool = False) -> None:
        """Store the records of documents ``idxs`` in the cache (unless ``stored``:
        they came from it), then hand them over."""
        rows: list[tuple[str, str, DocExtraction]] = []
        if self.store is not None and not stored:
            rows = [(*self.keys[i], record) for i, record in zip(idxs, records, strict=True)]
        if self.offices:
            from kg.officepass import apply_offices

            records = [apply_offices(record, self.docs[i].text)
                       for i, record in zip(idxs, records, strict=True)]
            if self.store is not None:
                rows += [(*self.offices_key(i), record)
                         for i, record in zip(idxs, records, strict=True)]
        if rows:
            self.store.put_many(rows)
        for i, record in zip(idxs, records, strict=True):
            self.sink(i, record)


class _Items(Sequence[_Item]):
    """Documents ``idxs`` as extraction reads them, each made when it is read: a
    one-process build does not hold all of a language's texts while it reads them
    (those already handed over may be gone from ``job.docs``)."""

    def __init__(self, job: _Job, idxs: list[int]) -> None:
        self.job, self.idxs = job, idxs

    def __len__(self) -> int:
        return len(self.idxs)

    def __getitem__(self, k: Any) -> Any:
        if isinstance(k, slice):
            return _Items(self.job, self.idxs[k])
        return self.job.item(self.idxs[k])


#: The early process (:class:`_Early`) reads at most this many uncached documents ...
_EARLY_MAX_DOCS = 128
#: ... and only when at least this many are cached: its start-up (a Python process and
#: kg's imports, ~0.3 s on another core) must be covered by reading their records here.
_EARLY_MIN_CACHED = 200


class _Early:
    """The uncached documents of a mostly cached build, read in a process started
    before the cached records are: spaCy is imported and loaded there while this
    process reads the cache and runs the office pass.

    The documents go in the chunks and spaCy batches a one-process build makes of
    them (one chunk per language), so their records are the same; a process that
    fails leaves its documents to be read here (:meth:`finish`).
    """

    def __init__(self, job: _Job, idxs: list[int], workers: int, warm: Any = None) -> None:
        self.job, self.idxs = job, frozenset(idxs)
        self.chunks = _plan(idxs, [lang for lang, _ in job.languages], len(idxs))
        self.pool = warm or _new_pool(min(workers, len(self.chunks)))
        self.futures = [self.pool.submit(_extract_chunk, lang, job.payload((lang, part)),
                                         job.batch_size) for lang, part in self.chunks]

    @classmethod
    def start(cls, job: _Job, workers: int, warm: Any = None) -> _Early | None:
        """An early process for ``job`` if it pays (a few documents missing from a
        cache that holds many), else None; ``warm``, a pool :func:`_prestart` gave,
        is used for it or ended."""
        missing = cls._missing(job)
        if not missing or len(missing) > _EARLY_MAX_DOCS \
                or len(job.keys) - len(missing) < _EARLY_MIN_CACHED:
            if warm is not None:
                _stop_pool(warm)
            return None
        log.debug("extracting %d uncached documents in an early process%s", len(missing),
                  " (started before the files were read)" if warm is not None else "")
        return cls(job, missing, workers, warm)

    @staticmethod
    def _missing(job: _Job) -> list[int]:
        """The documents whose key the cache lacks (none looked up in a small build)."""
        if job.store is None or len(job.keys) < _EARLY_MIN_CACHED:
            return []
        present = job.store.present(job.keys)
        return [i for i, key in enumerate(job.keys) if key not in present]

    def finish(self) -> list[int]:
        """Wait for the records and hand them over; the documents left to read here."""
        left: list[int] = []
        started = time.perf_counter()
        try:
            for (_, idxs), fut in zip(self.chunks, self.futures, strict=True):
                try:
                    records = fut.result()
                except Exception as exc:  # the process died, or a record did not pickle
                    log.warning("extraction process failed (%s: %s); reading its %d "
                                "documents here", type(exc).__name__, exc, len(idxs))
                    left.extend(idxs)
                    continue
                self.job.done(idxs, records)
                if self.job.progress:
                    self.job.progress(len(idxs))
        except BaseException:
            self.stop()
            raise
        log.debug("early process: waited %.2fs for its records", time.perf_counter() - started)
        # its work is done: ending it now saves the wait for spaCy's clean-up at exit
        _stop_pool(self.pool)
        return left

    def stop(self) -> None:
        """End the process without waiting (an error or Ctrl-C here)."""
        _stop_pool(self.pool)


def _extract_todo(job: _Job, todo: list[int], workers: int, engine: str,
                  scheduler: str | None) -> None:
    """Extract the documents ``todo`` (in worker processes, on Dask, or here)."""
    langs = [lang for lang, _ in job.languages]
    batch_size, progress = job.batch_size, job.progress
    chunks = (_plan(todo, langs, _chunk_size(len(todo), workers, batch_size))
              if engine == "dask" or workers > 1 else [])
    if engine == "dask" or len(chunks) > 1:
        runner = (_run_dask(chunks, job.payload, scheduler, workers, batch_size)
                  if engine == "dask" else _run_pool(chunks, job.payload, workers, batch_size))
        for k, records in runner:
            job.done(chunks[k][1], records)
            if progress:
                progress(len(chunks[k][1]))
        return
    # in this process: one pass per language, storing and handing over every few batches
    for lang, idxs in _plan(todo, langs, len(todo)):
        written = 0
        made: list[DocExtraction] = []
        for done, record in enumerate(_iter_items(lang, _Items(job, idxs), batch_size),
                                      start=1):
            made.append(record)
            if progress:
                progress(1)
            if done - written >= 4 * batch_size:
                job.done(idxs[written:done], made)
                written, made = done, []
        job.done(idxs[written:], made)


class _Progress:
    """Documents done, share, rate and ETA on stderr, at most every ``interval`` seconds.

    Cached documents count as done but not in the rate (they cost nothing).

    Examples
    --------
    >>> bar = _Progress(10, enabled=False)
    >>> bar.cached(4); bar(3); bar.done, bar.from_cache
    (7, 4)
    """

    def __init__(self, total: int, enabled: bool, *, interval: float = 2.0) -> None:
        self.total, self.enabled, self.interval = total, enabled, interval
        self.done = self.from_cache = 0
        self.start = self.last = time.monotonic()

    def cached(self, n: int) -> None:
        """``n`` documents came from the cache."""
        self.done += n
        self.from_cache += n
        if self.enabled:
            log.info("extraction cache: %d of %d documents cached, %d to read",
                     n, self.total, self.total - self.done)

    def __call__(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if not self.enabled or (now - self.last < self.interval and self.done < self.total):
            return
        self.last = now
        extracted = self.done - self.from_cache
        rate = extracted / max(now - self.start, 1e-9)
        eta = (self.total - self.done) / rate if rate else math.inf
        log.info("extracting: %d/%d documents (%d%%), %.1f docs/s, ETA %s",
                 self.done, self.total, 100 * self.done // max(self.total, 1), rate,
                 _duration(eta) if self.done < self.total else "0s")

    def finish(self) -> None:
        """Log the totals."""
        if self.enabled:
            extracted = self.done - self.from_cache
            took = time.monotonic() - self.start
            log.info("extracted %d documents in %s%s", extracted, _duration(took),
                     f" ({self.from_cache} from the cache)" if self.from_cache else "")


def _duration(seconds: float) -> str:
    """``42s``, ``3m05s``, ``1h02m``; ``?`` when unknown.

    Examples
    --------
    >>> _duration(42.4), _duration(185), _duration(3720), _duration(float("inf"))
    ('42s', '3m05s', '1h02m', '?')
    """
    if not math.isfinite(seconds):
        return "?"
    s = round(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


# ---------------------------------------------------------------------- warm start
def _changed_since(paths: Sequence[Any], since_ns: int, limit: int
                   ) -> tuple[list[Path], int] | None:
    """Files of a supported type under ``paths`` changed or made after ``since_ns`` (their
    modification or status change time) and how many others there are; None when more
    than ``limit`` changed.

    A hint only: hidden names are skipped and links to folders not followed inside
    a folder, as :func:`kg.documents.read_inputs` reads them or not.
    """
    from kg.documents import SUPPORTED_SUFFIXES

    found: list[Path] = []
    same = 0
    stack = [str(p) for p in paths]
    while stack:
        path = stack.pop()
        try:
            if os.path.isdir(path):
                with os.scandir(path) as entries:
                    stack.extend(e.path for e in entries if not e.name.startswith(".")
                                 and (e.is_file() or e.is_dir(follow_symlinks=False)))
                continue
            info = os.stat(path)
        except OSError:
            continue
        if os.path.splitext(path)[1].lower() not in SUPPORTED_SUFFIXES:
            continue
        if max(info.st_mtime_ns, info.st_ctime_ns) <= since_ns:
            same += 1
            continue
        found.append(Path(path))
        if len(found) > limit:
            return None
    return found, same


def _guess_languages(files: Sequence[Path], lang: str | None) -> list[str]:
    """The pipelines the text files among ``files`` will likely need (``lang`` if given)."""
    from kg.documents import TEXT_SUFFIXES

    if lang is not None:
        return [lang]
    found: list[str] = []
    for path in files:
        if path.suffix.lower() in TEXT_SUFFIXES:
            try:
                with open(path, "rb") as handle:
                    head = handle.read(20_000).decode("utf-8", "replace")
            except OSError:
                continue
            found.append("id" if detect_language(head) == "id" else "en")
    return list(dict.fromkeys(found))


def _warm_up(langs: Sequence[str]) -> None:
    """Worker task: import spaCy and load ``langs``' pipelines (kept for the chunks after)."""
    with _PIPELINE_LOCK:
        from kg.nlp import load_pipeline

        for lang in langs:
            load_pipeline(lang)


#: The process :func:`build` started before reading its files (:func:`_prestart`), for
#: the build's extraction to take (a context variable: other threads' builds see None).
_WARM: contextvars.ContextVar[Any] = contextvars.ContextVar("kg_warm_pool", default=None)


def _prestart(paths: Sequence[Any], store: Any, engine: str, lang: str | None) -> Any:
    """A worker process already loading spaCy, before the files are read, when a few of
    them changed since a build last used the cache: likely new documents, which
    :class:`_Early` then gives it; None otherwise (as for :class:`_Early`, also when
    fewer files than :data:`_EARLY_MIN_CACHED` are unchanged)."""
    since = store.last_build() if store is not None and engine == "local" else None
    if since is None:
        return None
    seen = _changed_since(paths, since, _EARLY_MAX_DOCS)
    if seen is None or not seen[0] or seen[1] < _EARLY_MIN_CACHED:
        return None
    changed = seen[0]
    langs = _guess_languages(changed, lang)
    log.debug("files changed since the cache's last build: %d; starting spaCy (%s)",
              len(changed), ", ".join(langs) or "no pipeline yet")
    pool = _new_pool(1)
    pool.submit(_warm_up, langs)
    return pool


# ---------------------------------------------------------------------- building
def build_documents(
    docs: Sequence[Document],
    *,
    progress: bool = False,
    workers: int = 1,
    cache: Any = None,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 32,
    release_texts: bool = False,
) -> KnowledgeGraph:
    """Build a graph from :class:`Document` records already in memory.

    The keyword arguments after ``progress`` up to ``batch_size`` are those of
    :func:`extract_documents`. Each record goes to a :class:`kg.resolve.GraphBuilder`
    as soon as it is made (its office pass reads the document's text then), so
    neither all records nor all texts are held at once; with ``release_texts``
    (``docs`` a list the caller no longer needs, as in :func:`build`) each document
    in ``docs`` is replaced by a copy without its text once its record is made.

    Examples
    --------
    >>> build_documents([]).stats()["documents"]
    0
    """
    return _build_documents(docs, progress=progress, release=release_texts, workers=workers,
                            cache=cache, engine=engine, scheduler=scheduler,
                            batch_size=batch_size)


def _build_documents(docs: Sequence[Document], *, progress: bool, release: bool,
                     **options: Any) -> KnowledgeGraph:
    """:func:`build_documents` (``options``: those of :func:`each_extraction`)."""
    from kg.resolve import GraphBuilder

    bar = _Progress(len(docs), progress)
    builder = GraphBuilder()

    def take(i: int, record: DocExtraction) -> None:
        builder.add(record, at=i, offices_applied=True)
        if release:
            docs[i] = replace(docs[i], text="")  # type: ignore[index]

    each_extraction(docs, take, progress=bar, offices=builder.use_offices, **options)
    bar.finish()
    started = time.perf_counter()
    graph = builder.graph({
        "built": datetime.now(UTC).isoformat(timespec="seconds"),
        "kg_version": __version__,
    })
    log.debug("resolution and graph: %.2fs", time.perf_counter() - started)
    _note_date_sources(graph, docs)
    english_roles(graph.graph)  # one English title per office, whatever the text's language
    return graph


def _note_date_sources(graph: KnowledgeGraph, docs: Sequence[Document]) -> None:
    """Say in ``meta["documents"]`` where each document's date came from.

    ``input`` (given with the document), ``metadata`` (the page's), ``dateline`` or
    ``text`` (found in the text by :func:`kg.meta.find_date_source`); None: no date.
    """
    sources = {d.id: d.date_source or ("input" if d.date else None) for d in docs}
    for entry in graph.meta.get("documents", []):
        dated = bool(entry.get("date"))
        entry["date_source"] = (sources.get(entry.get("id")) or "text") if dated else None


def build(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool = False,
    workers: int = 1,
    cache: Any = None,
    engine: str = "local",
    scheduler: str | None = None,
    lang: str | None = None,
    corrections: str | Path | bool | None = None,
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
    workers : int
        Extraction processes (see :func:`extract_documents`).
    cache : bool, str, Path or ExtractionCache, optional
        Extraction cache: ``True`` for the default folder, a folder, or
        ``None`` (default) for none. ``kg build`` uses the default folder
        unless ``--no-cache``.
    engine : {"local", "dask"}
        Where per-document extraction runs.
    scheduler : str, optional
        Dask scheduler address (``engine="dask"``); a temporary local cluster
        of ``workers`` processes if omitted.
    lang : {"en", "id"}, optional
        Read every document in this language (default: each document's ``lang``
        field, else the language its words suggest).
    corrections : str, Path or bool, optional
        The analyst's corrections file (:mod:`kg.corrections`), applied after
        resolution: a path (which must exist), ``None`` (default) for
        ``kg-corrections.yaml`` in the one input folder when there is one, or
        ``False`` for none. What was applied is in ``graph.meta["corrections"]``.

    Raises
    ------
    InputError
        Nothing readable was found, or an option cannot be used.

    Notes
    -----
    Worker processes are started with ``spawn``: a script that calls this with
    ``workers > 1`` (or a local Dask cluster) must keep its top-level code under
    ``if __name__ == "__main__":``. Notebooks need nothing special.

    Examples
    --------
    >>> build(["no/such/folder"])
    Traceback (most recent call last):
    ...
    kg.errors.InputError: no readable documents in the given paths (1 skipped)
    """
    if lang is not None and lang not in ("en", "id"):
        raise InputError(f"unsupported language {lang!r} (choose from en, id)")
    from kg.cache import open_cache

    paths = list(paths)
    fixes_path, fixes = _corrections_for(paths, corrections)  # a bad file fails before work
    _check_options(engine, workers, 32, scheduler)
    store = open_cache(cache)
    warm = _prestart(paths, store, engine, lang)
    token = _WARM.set(warm)
    try:
        read = _read(paths, max_bytes, lang, progress)
        graph = build_documents(read.documents, progress=progress, workers=workers,
                                cache=store, engine=engine, scheduler=scheduler,
                                release_texts=True)
    finally:
        _WARM.reset(token)
        if warm is not None:
            _stop_pool(warm)  # ended already unless something failed on the way
        if store is not None and store is not cache:
            store.close()
    graph.meta["skipped"] = [{"path": s.path, "reason": s.reason} for s in read.skipped]
    if fixes_path is not None:
        _apply_corrections(graph, fixes, fixes_path)
    return graph


def _read(paths: list[Any], max_bytes: int, lang: str | None, progress: bool) -> Any:
    """:func:`read_inputs`, the skipped files logged, ``lang`` given to every document."""
    read = read_inputs(paths, max_bytes=max_bytes)
    if lang is not None:
        read.documents = [replace(d, lang=lang) for d in read.documents]
    for skip in read.skipped:
        log.warning("skipped %s: %s", skip.path, skip.reason)
    if not read.documents:
        raise InputError("no readable documents in the given paths"
                         + (f" ({len(read.skipped)} skipped)" if read.skipped else ""))
    if progress:
        log.info("read %d documents", len(read.documents))
    return read


def _corrections_for(paths: list[Any], corrections: str | Path | bool | None
                     ) -> tuple[Path | None, list[Any]]:
    """The corrections file a build applies, and its corrections (loaded and checked)."""
    from kg import corrections as fixes

    if corrections is False:
        return None, []
    if corrections is None or corrections is True:
        path = fixes.default_path([str(p) for p in paths])
    else:
        path = Path(corrections)
        if not path.is_file():
            raise InputError(f"no corrections file {corrections}")
    return path, (fixes.load(path) if path is not None else [])


def _apply_corrections(graph: KnowledgeGraph, found: list[Any], path: Path) -> None:
    """Apply the analyst's corrections after resolution; warn about those that match nothing."""
    from kg import corrections as fixes

    record = fixes.apply(graph, found, str(path))
    for item in record["unmatched"]:
        log.warning("correction not applied (%s line %s): %s", path, item["line"],
                    item["reason"])
