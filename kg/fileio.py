"""Writing output files: the bottom layer every writer (graph, page, exports) shares.

Outputs get the permissions any other tool gives them (``0666`` for files and
``0777`` for folders, less the umask: ``0644`` / ``0755`` under umask 022), and
are written atomically: a temporary file beside the target, then a rename.
Temporary names carry the writer's process id (``.graph.json.1234-k3j2.tmp``),
so the next write removes what a killed writer left behind without touching
the temporary file of a build still running.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_write_text", "make_temp_dir", "output_lock", "remove_stale_temps"]

#: Temporary files without a process id (older versions) are removed after this long.
STALE_SECONDS = 600.0
_PID_RE = re.compile(r"^(\d+)-")


def _umask() -> int:
    """The process umask (read without changing it for good)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_stale(entry: Path, middle: str) -> bool:
    """Whether temporary ``entry`` (``middle``: its name between prefix and suffix) is orphaned."""
    match = _PID_RE.match(middle)
    if match:
        return int(match.group(1)) != os.getpid() and not _alive(int(match.group(1)))
    try:
        return time.time() - entry.lstat().st_mtime > STALE_SECONDS
    except OSError:
        return False


def remove_stale_temps(target: str | os.PathLike[str]) -> int:
    """Remove temporary files and folders that interrupted writes of ``target`` left.

    Returns
    -------
    int
        How many were removed.
    """
    target = Path(target)
    prefix, removed = f".{target.name}.", 0
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        if not _is_stale(entry, name[len(prefix):-len(".tmp")]):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed += 1
    return removed


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.{os.getpid()}-"


def make_temp_dir(target: str | os.PathLike[str]) -> Path:
    """A new folder beside ``target`` to build it in, with the usual folder permissions."""
    target = Path(target)
    remove_stale_temps(target)
    tmp = Path(tempfile.mkdtemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent))
    os.chmod(tmp, 0o777 & ~_umask())
    return tmp


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    A crash or an interrupt leaves either the old file or the new one, never a
    half-written file; the file gets mode ``0666`` less the umask.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target)
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            os.fchmod(handle.fileno(), 0o666 & ~_umask())
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return target


@contextlib.contextmanager
def output_lock(target: str | os.PathLike[str]) -> Iterator[None]:
    """Hold an exclusive lock on ``target``'s folder while outputs are written there.

    Two builds writing the same graph and page take turns, so the pair on disk
    always comes from one build. The lock is on the folder itself (no lock file).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(target.parent, os.O_RDONLY)
    except OSError:  # a folder we may write but not read: write without the lock
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
