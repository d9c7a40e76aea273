"""On-disk cache of per-document extraction results, so rebuilds only read new articles.

Each row is one :class:`kg.records.DocExtraction` as JSON (never pickle), keyed
by the document's :attr:`kg.documents.Document.content_hash` (its id, text,
title, date and language) and an *extraction version*
(:func:`extraction_version`): the spaCy pipeline version of the document's
language (:func:`kg.versions.pipeline_version`: spaCy, the model and every data
file), :data:`kg.records.SCHEMA_VERSION` and a hash of every module of the
package (:func:`kg.versions.code_version`). A new model, data file, record schema,
module or extraction rule therefore never serves an old result: the key changes, the
old rows are simply no longer read, and rows of superseded versions are pruned
after :data:`PRUNE_AFTER_DAYS` days.

Location
    ``--cache-dir DIR`` on ``kg build``, else ``$KG_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``; the database is the file
    :data:`CACHE_FILE` in that folder. Deleting the folder is always safe.

Robustness
    The database runs in SQLite's WAL mode and every write is one transaction,
    so concurrent builds sharing a cache neither corrupt it nor block each
    other's reads. A cache that cannot be used (corrupted file, read-only or
    missing folder, a lock held too long by another process) never breaks a
    build: :class:`ExtractionCache` logs one warning and from then on behaves
    as an empty cache that stores nothing.

Computing the key never imports spaCy (:mod:`kg.versions` reads package metadata
and file hashes), so a build whose
documents are all cached does not load spaCy at all.

Examples
--------
>>> import tempfile
>>> from kg.records import DocExtraction
>>> with tempfile.TemporaryDirectory() as tmp, ExtractionCache(tmp) as cache:
...     cache.put_many([("hash1", "v1", DocExtraction(doc_id="a.txt", lang="en"))])
...     hit = cache.get_many([("hash1", "v1"), ("hash1", "v2")])
1
>>> list(hit), hit["hash1", "v1"].doc_id
([('hash1', 'v1')], 'a.txt')
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson

from kg.records import SCHEMA_VERSION, DocExtraction
from kg.versions import code_version, pipeline_version

log = logging.getLogger(__name__)

__all__ = [
    "CACHE_FILE",
    "PRUNE_AFTER_DAYS",
    "WITH_OFFICES",
    "ExtractionCache",
    "code_version",
    "default_cache_dir",
    "extraction_version",
    "open_cache",
    "pipeline_version",
]

#: The database file inside the cache folder.
CACHE_FILE = "extractions.sqlite3"
#: An empty file in the cache folder touched at the end of every build that used it.
LAST_BUILD_FILE = "last-build"
#: Layout of the database (SQLite ``user_version``); another layout is rebuilt empty.
DB_FORMAT = 1
#: Rows of superseded extraction versions older than this are deleted after a build.
PRUNE_AFTER_DAYS = 7.0
#: Appended to an extraction version, the key of a record with the office data applied
#: (:func:`kg.officepass.apply_offices`: a function of the record, its text and the
#: bundled data, all of which the extraction version and content hash cover).
WITH_OFFICES = "|offices"
#: Seconds a statement waits for another process's write lock before giving up.
DEFAULT_TIMEOUT = 10.0

_CHUNK = 500  # keys per SELECT (well below SQLite's variable limit)


#: ASCII digits to ``0`` (other bytes kept): a run of 19 ``0`` is then a run of 19 digits.
_DIGITS_TO_ZERO = bytes.maketrans(b"0123456789", b"0" * 10)
_LONG_NUMBER = b"0" * 19


def _loads(data: str) -> Any:
    """A row's JSON: read by orjson (a few times faster), by ``json`` when orjson refuses
    it (``NaN``, a lone surrogate) or could read it otherwise (an integer of 19 digits or
    more, which orjson may turn into a float): the same values either way.

    The long integers are looked for as runs of 19 ASCII digits in the bytes (a JSON
    number has no other digits), by ``bytes.translate`` and a substring search: ten
    times faster than a regular expression over the text.

    Examples
    --------
    >>> _loads('{"n": 12345678901234567890, "s": "x"}')["n"]
    12345678901234567890
    >>> _loads('{"n": 12, "s": "x"}')
    {'n': 12, 's': 'x'}
    """
    try:
        raw = data.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return json.loads(data)
    if _LONG_NUMBER not in raw.translate(_DIGITS_TO_ZERO):
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass
    return json.loads(data)


def default_cache_dir() -> Path:
    """``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``.

    Examples
    --------
    >>> import os
    >>> os.environ["KG_CACHE_DIR"] = "/tmp/kg-cache"
    >>> str(default_cache_dir())
    '/tmp/kg-cache'
    >>> del os.environ["KG_CACHE_DIR"]
    """
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"]).expanduser()
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]).expanduser() / "kg"
    return Path.home() / ".cache" / "kg"


# ---------------------------------------------------------------------- versions
def extraction_version(lang: str) -> str:
    """The version part of the cache key for documents read with ``lang``'s pipeline.

    Examples
    --------
    >>> extraction_version("en").startswith("en:")
    True
    """
    parts = [pipeline_version(lang), f"schema{SCHEMA_VERSION}", f"code:{code_version()}"]
    return "|".join(parts)


# ---------------------------------------------------------------------- the cache
def _chunks_by_version(keys: Sequence[tuple[str, str]]) -> Iterator[tuple[str, list[str]]]:
    """``(version, content hashes)`` for the distinct ``keys``, at most ``_CHUNK`` hashes a
    time (one SQL query each)."""
    by_version: dict[str, list[str]] = defaultdict(list)
    for content_hash, version in dict.fromkeys(keys):
        by_version[version].append(content_hash)
    for version, hashes in by_version.items():
        for start in range(0, len(hashes), _CHUNK):
            yield version, hashes[start:start + _CHUNK]


class ExtractionCache:
    """A SQLite table of extraction results; never raises on a broken database.

    Parameters
    ----------
    directory : str or Path, optional
        The cache folder (created if missing); :func:`default_cache_dir` if omitted.
    timeout : float
        Seconds to wait for another process's lock before giving up on the cache.

    Attributes
    ----------
    path : Path
        The database file.
    enabled : bool
        False once the cache has failed (see the module docstring); it then
        returns no hits and stores nothing.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     cache = ExtractionCache(tmp)
    ...     cache.enabled, cache.path.name
    ...     cache.close()
    (True, 'extractions.sqlite3')
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.path = self.directory / CACHE_FILE
        self.timeout = timeout
        self._conn: sqlite3.Connection | None = None
        self._failed = False
        self.hits = 0
        self.writes = 0
        try:
            self._conn = self._connect()
        except (sqlite3.Error, OSError) as exc:
            self._fail("cannot be opened", exc)

    # ------------------------------------------------------------------ plumbing
    def _connect(self) -> sqlite3.Connection:
        self.directory.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        try:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.debug("extraction cache %s: journal mode %s", self.path, mode)
            conn.execute("PRAGMA synchronous=NORMAL")
            fmt = conn.execute("PRAGMA user_version").fetchone()[0]
            if fmt == DB_FORMAT:
                return conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                if fmt not in (0, DB_FORMAT):
                    log.info("extraction cache %s has an older layout: starting it afresh",
                             self.path)
                    conn.execute("DROP TABLE IF EXISTS extractions")
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS extractions ("
                    " hash TEXT NOT NULL, version TEXT NOT NULL, data TEXT NOT NULL,"
                    " created REAL NOT NULL, PRIMARY KEY (hash, version)) WITHOUT ROWID"
                )
                conn.execute(f"PRAGMA user_version={DB_FORMAT}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except BaseException:
            conn.close()
            raise
        return conn

    def _fail(self, what: str, exc: BaseException) -> None:
        """Warn once, close the database and behave as an empty cache from now on."""
        if not self._failed:
            log.warning("extraction cache %s %s (%s): building without the cache; "
                        "delete the file or pass --cache-dir/--no-cache if this persists",
                        self.path, what, exc)
        self._failed = True
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    @property
    def enabled(self) -> bool:
        return self._conn is not None and not self._failed

    # ------------------------------------------------------------------ reading
    def get_many(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], DocExtraction]:
        """The cached records among ``keys`` (``(content hash, extraction version)`` pairs).

        Rows that no longer decode are treated as misses (and overwritten later).
        """
        found: dict[tuple[str, str], DocExtraction] = {}
        if not self.enabled or not keys:
            return found
        assert self._conn is not None
        try:
            for version, part in _chunks_by_version(keys):
                marks = ",".join("?" * len(part))
                rows = self._conn.execute(
                    "SELECT hash, data FROM extractions"
                    f" WHERE version = ? AND hash IN ({marks})",
                    [version, *part],
                ).fetchall()
                for content_hash, data in rows:
                    try:
                        found[content_hash, version] = DocExtraction.from_dict(_loads(data))
                    except (ValueError, TypeError, KeyError, AttributeError,
                            RecursionError) as exc:  # nested too deeply, wrong shape
                        log.debug("extraction cache: unreadable row %s (%s)", content_hash,
                                  type(exc).__name__)
        except sqlite3.Error as exc:
            self._fail("cannot be read", exc)
            return {}
        self.hits += len(found)
        return found

    def present(self, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
        """The keys among ``keys`` that have a row, without reading the rows.

        Cheap (the primary key's index only): a build asks it to start extracting
        the missing documents before it reads the cached records. A row that no
        longer decodes still counts as present here (:meth:`get_many` misses it).
        """
        found: set[tuple[str, str]] = set()
        if not self.enabled or not keys:
            return found
        assert self._conn is not None
        try:
            for version, part in _chunks_by_version(keys):
                rows = self._conn.execute(
                    "SELECT hash FROM extractions"
                    f" WHERE version = ? AND hash IN ({','.join('?' * len(part))})",
                    [version, *part],
                ).fetchall()
                found.update((content_hash, version) for (content_hash,) in rows)
        except sqlite3.Error as exc:
            self._fail("cannot be read", exc)
            return set()
        return found

    # ------------------------------------------------------------------ writing
    def put_many(self, items: Iterable[tuple[str, str, DocExtraction]]) -> int:
        """Store ``(content hash, extraction version, record)`` triples in one transaction.

        Returns the number of rows written (0 when the cache is disabled or fails).
        """
        if not self.enabled:
            return 0
        now = time.time()
        rows = [(h, v, json.dumps(rec.to_dict(), ensure_ascii=False, separators=(",", ":")), now)
                for h, v, rec in items]
        if not rows:
            return 0
        assert self._conn is not None
        try:
            with self._transaction():
                self._conn.executemany(
                    "INSERT OR REPLACE INTO extractions (hash, version, data, created) "
                    "VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            self._fail("cannot be written", exc)
            return 0
        self.writes += len(rows)
        return len(rows)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction, rolled back on any error (or interrupt)."""
        assert self._conn is not None
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def prune(self, current: Mapping[str, str], *, older_than_days: float = PRUNE_AFTER_DAYS
              ) -> int:
        """Delete rows of superseded versions of the languages in ``current`` (a current
        version's rows, and those of records derived from them, such as
        :data:`WITH_OFFICES`, stay).

        Parameters
        ----------
        current : mapping of str to str
            Language code -> its current :func:`extraction_version`.
        older_than_days : float
            Only rows stored at least this long ago go (another installation of
            kg sharing the cache keeps its fresh rows).

        Returns
        -------
        int
            Rows deleted.
        """
        if not self.enabled or not current:
            return 0
        assert self._conn is not None
        cutoff = time.time() - older_than_days * 86400
        deleted = 0
        try:
            with self._transaction():
                for lang, version in current.items():
                    cur = self._conn.execute(
                        "DELETE FROM extractions WHERE substr(version, 1, ?) = ? "
                        "AND substr(version, 1, ?) != ? AND created <= ?",
                        (len(lang) + 1, f"{lang}:", len(version), version, cutoff))
                    deleted += max(cur.rowcount, 0)
        except sqlite3.Error as exc:
            self._fail("cannot be pruned", exc)
            return 0
        if deleted:
            log.debug("extraction cache: pruned %d superseded rows", deleted)
        return deleted

    # ------------------------------------------------------------------ the last build
    def mark_build(self) -> None:
        """Note that a build used the cache now (:meth:`last_build`); never raises."""
        if not self.enabled:
            return
        try:
            (self.directory / LAST_BUILD_FILE).touch()
        except OSError as exc:
            log.debug("extraction cache: cannot mark the build (%s)", exc)

    def last_build(self) -> int | None:
        """When a build last used the cache (nanoseconds since the epoch), or None.

        Input files changed since then are likely not in the cache yet: a build
        starts spaCy for them before it has read them (a hint, never a promise).
        """
        if not self.enabled:
            return None
        try:
            return (self.directory / LAST_BUILD_FILE).stat().st_mtime_ns
        except OSError:
            return None

    def __len__(self) -> int:
        if not self.enabled:
            return 0
        assert self._conn is not None
        try:
            return int(self._conn.execute("SELECT count(*) FROM extractions").fetchone()[0])
        except sqlite3.Error as exc:
            self._fail("cannot be read", exc)
            return 0

    # ------------------------------------------------------------------ lifetime
    def close(self) -> None:
        """Close the database (the cache is disabled afterwards)."""
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "enabled" if self.enabled else "disabled"
        return f"ExtractionCache({str(self.path)!r}, {state})"


def open_cache(cache: Any) -> ExtractionCache | None:
    """Interpret the ``cache`` argument of :func:`kg.pipeline.build`.

    ``None`` or ``False``: no cache; ``True``: the default folder; a path: that
    folder; an :class:`ExtractionCache`: itself.

    Examples
    --------
    >>> open_cache(None) is None and open_cache(False) is None
    True
    """
    if cache is None or cache is False:
        return None
    if isinstance(cache, ExtractionCache):
        return cache
    if cache is True:
        return ExtractionCache()
    if isinstance(cache, str | os.PathLike):
        return ExtractionCache(cache)
    raise TypeError(f"cache must be a bool, a folder or an ExtractionCache, not {cache!r}")
