"""The spaCy pipelines: a language's model plus kg's components (:mod:`kg.pipes`).

Pipelines are loaded lazily by :func:`load_pipeline`, never at import time.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from kg.pipes import add_kg_pipes
from kg.versions import EN_MODELS, ID_MODEL_DIR, pipeline_version

log = logging.getLogger(__name__)

__all__ = ["ID_MODEL_DIR", "load_pipeline", "pipeline_version"]


def _load_english() -> Language:
    for name in EN_MODELS:
        try:
            nlp = spacy.load(name, exclude=["lemmatizer"])
        except OSError:
            continue
        if "senter" in nlp.disabled and "parser" in nlp.pipe_names:
            nlp.enable_pipe("senter")
            nlp.disable_pipe("parser")
        return nlp
    log.warning("no English spaCy model installed (en_core_web_sm); names come from rules only")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _load_indonesian() -> Language:
    if (ID_MODEL_DIR / "meta.json").exists():
        overrides: dict[str, Any] = {}
        if (ID_MODEL_DIR / "tokenizer").is_file():
            # The model's tokenizer file holds every rule, affix pattern and setting of the
            # tokenizer. spaCy would first build the language defaults (15,963 special cases,
            # ~3 s) and then replace them all from that file: start from an empty Tokenizer
            # instead, so the file's rules are built once. Same tokenizer, same tokens.
            @spacy.registry.tokenizers("kg.serialized_tokenizer.v1")
            def serialized_tokenizer() -> Any:
                return lambda nlp: Tokenizer(nlp.vocab)

            overrides = {"nlp": {"tokenizer": {"@tokenizers": "kg.serialized_tokenizer.v1"}}}
        nlp = spacy.load(ID_MODEL_DIR, config=overrides)
    else:
        log.warning("Indonesian NER model missing at %s; names come from rules only", ID_MODEL_DIR)
        nlp = spacy.blank("id")
    if "sentencizer" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(lang: str) -> Language:
    """The spaCy pipeline for ``lang`` ('en' or 'id') with kg's components added."""
    nlp = _load_indonesian() if lang == "id" else _load_english()
    return add_kg_pipes(nlp, "id" if lang == "id" else "en")
