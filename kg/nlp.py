"""The spaCy pipelines: a language's model plus kg's components (:mod:`kg.pipes`).

Pipelines are loaded lazily by :func:`load_pipeline`, never at import time.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import spacy
import srsly
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


#: Characters a lazily ruled tokenizer reads adding only the special cases each text
#: needs (a few dozen articles; the gazetteer's short entries count little); past them
#: it adds all the others at once (a big build pays for them once).
LAZY_RULES_CHARS = 100_000
_ANCHOR = 5  # characters a special case is indexed by


class LazyRules:
    """A spaCy tokenizer that adds its special cases when a text could use them.

    A special case (a string and its tokens) can only change how a text is split when
    its string, spaces aside, occurs in the text, spaces aside: spaCy looks special
    cases up by the exact string of a chunk or of what is left of one after splitting
    off prefixes and suffixes, and its phrase matcher finds a special case's tokens
    only where they are consecutive tokens, with at most a space between two. So
    before each text the tokenizer gets the cases whose string (spaces aside) the text
    holds (spaces aside), and it splits every text exactly as with all of them; after
    :data:`LAZY_RULES_CHARS` characters of text it takes all the others at once. Building all
    15,963 Indonesian special cases takes 2-3 s, which a rebuild that reads one
    article should not pay. Every other attribute is the wrapped tokenizer's;
    :attr:`rules` are all the rules, added or not.
    """

    def __init__(self, tokenizer: Tokenizer, rules: dict[str, Any]) -> None:
        self.__dict__.update(tokenizer=tokenizer, pending=dict(rules), read=0)
        index: dict[str, list[tuple[str, str]]] = {}  # first _ANCHOR characters -> cases
        short: dict[str, list[str]] = {}  # a shorter string (spaces aside) -> cases
        for key in rules:
            bare = "".join(key.split())
            if len(bare) < _ANCHOR:
                short.setdefault(bare, []).append(key)
            else:
                index.setdefault(bare[:_ANCHOR], []).append((bare, key))
        self.__dict__.update(index=index, short=short)

    @property
    def rules(self) -> dict[str, Any]:
        return {**self.tokenizer.rules, **self.pending}

    def _needed(self, text: str) -> list[str]:
        """The pending special cases whose string (spaces aside) ``text`` holds."""
        bare = "".join(text.split())
        if len(bare) < 256:  # a gazetteer entry: its pieces up to the anchor's length
            pieces = {bare[i:i + n] for n in range(_ANCHOR + 1) for i in range(len(bare) - n + 1)}
            shorts = list(pieces & self.short.keys())
        else:  # an article: its anchors, and the few short strings looked for
            pieces = {bare[i:i + _ANCHOR] for i in range(len(bare) - _ANCHOR + 1)}
            shorts = [b for b in self.short if b in bare]
        found = [key for b in shorts for key in self.short[b]]
        found += [key for piece in pieces & self.index.keys() for b, key in self.index[piece]
                  if b in bare]
        return [key for key in found if key in self.pending]

    def __call__(self, text: str) -> Any:
        if self.pending:
            self.__dict__["read"] = self.read + len(text)
            keys = list(self.pending) if self.read > LAZY_RULES_CHARS else self._needed(text)
            for key in sorted(keys):
                self.tokenizer.add_special_case(key, self.pending.pop(key))
        return self.tokenizer(text)

    def pipe(self, texts: Any, batch_size: int = 1000) -> Any:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "rules":
            self.pending.clear()
        setattr(self.tokenizer, name, value)


def _serialized_tokenizer(nlp: Language) -> LazyRules:
    """The model's tokenizer file: every setting now, its special cases lazily."""
    data = srsly.msgpack_loads((ID_MODEL_DIR / "tokenizer").read_bytes())
    rules = data.pop("exceptions", None) or {}
    tokenizer = Tokenizer(nlp.vocab)
    tokenizer.from_bytes(srsly.msgpack_dumps(data), exclude=["vocab"])
    return LazyRules(tokenizer, rules)


def _load_indonesian() -> Language:
    if (ID_MODEL_DIR / "meta.json").exists():
        if (ID_MODEL_DIR / "tokenizer").is_file():
            # The model's tokenizer file holds every rule, affix pattern and setting of the
            # tokenizer. spaCy would first build the language defaults (15,963 special cases,
            # ~3 s) and then replace them all from that file: start from an empty Tokenizer
            # and read the file ourselves, its special cases as texts need them (LazyRules).
            @spacy.registry.tokenizers("kg.serialized_tokenizer.v1")
            def serialized_tokenizer() -> Any:
                return lambda nlp: Tokenizer(nlp.vocab)

            overrides = {"nlp": {"tokenizer": {"@tokenizers": "kg.serialized_tokenizer.v1"}}}
            nlp = spacy.load(ID_MODEL_DIR, config=overrides, exclude=["tokenizer"])
            nlp.tokenizer = _serialized_tokenizer(nlp)
        else:
            nlp = spacy.load(ID_MODEL_DIR)
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
