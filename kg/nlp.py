"""spaCy pipelines and the domain components (the only module that imports spaCy).

Two components, registered with ``@Language.factory`` and driven by the data
files in ``kg/data`` (patterns are built with each language's own tokenizer):

``kg_line_sentences``
    Starts a sentence after every line break, so headlines, captions and bylines
    never merge with body text.
``kg_domain``
    Marks titles, known agencies and forums (gazetteer and country-dependent
    names), countries, relation triggers and word classes as span groups:
    ``doc.spans["kg_title" | "kg_org" | "kg_country" | "kg_trigger" | "kg_word"]``.
    Span labels point back into the lexicon (``"title:12"``, ``"gaz:kr-mnd"``,
    ``"gen:jcs"``, ``"country:KR"``, ``"trig:meeting:strong"``, ``"word:former"``).

Pipelines are loaded lazily by :func:`load_pipeline`, never at import time.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.lexicon import Lexicon, get_lexicon
from kg.versions import EN_MODELS, ID_MODEL_DIR, pipeline_version

log = logging.getLogger(__name__)

__all__ = ["ID_MODEL_DIR", "DomainTagger", "load_pipeline", "pipeline_version"]



@Language.factory("kg_line_sentences")
def make_line_sentences(nlp: Language, name: str) -> Any:
    """Factory for the line-break sentence splitter."""

    def line_sentences(doc: Doc) -> Doc:
        for token in doc[:-1]:
            if "\n" in token.text or "\n" in token.whitespace_:
                doc[token.i + 1].is_sent_start = True
        return doc

    return line_sentences


class DomainTagger:
    """Marks domain spans from the lexicon; see the module docstring."""

    def __init__(self, nlp: Language, name: str, lang: str) -> None:
        self.name = name
        self.lang = lang
        lex = get_lexicon()
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._add_patterns(nlp, lex)

    def _add(self, nlp: Language, label: str, texts: list[str], *, exact: bool = False) -> None:
        docs = [nlp.make_doc(t) for t in texts if t.strip()]
        if docs:
            (self.orth if exact else self.lower).add(label, docs)

    def _add_patterns(self, nlp: Language, lex: Lexicon) -> None:
        lang = self.lang
        for i, title in enumerate(lex.titles):
            if title["lang"] == lang:
                # bare abbreviations ("Gen", "Col") only as written, and never lower-cased
                self._add(nlp, f"title:{i}", [title["text"]], exact=bool(title.get("abbr")))
        for gid, entry in lex.gazetteer.items():
            names = entry["en"] + (entry["id_aliases"] if lang == "id" else [])
            self._add(nlp, f"gaz:{gid}", names)
            self._add(nlp, f"gaz:{gid}", entry["acronyms"], exact=True)
        for key, entry in lex.generic.items():
            names = entry["en"] + (entry["id"] if lang == "id" else [])
            upper = [n for n in names if n.isupper() and len(n) <= 5]
            self._add(nlp, f"gen:{key}", [n for n in names if n not in upper])
            self._add(nlp, f"gen:{key}", upper, exact=True)
        for code, entry in lex.countries.items():
            names = entry["en"] + (entry["id"] if lang == "id" else [])
            self._add(nlp, f"country:{code}", names, exact=True)
            self._add(nlp, f"country:{code}", [n + "'s" for n in names] + [n + "’s" for n in names],
                      exact=True)
        for trig in lex.triggers:
            if trig["lang"] == lang:
                label = f"trig:{trig['relation']}:{trig['strength']}"
                if "count" in trig:
                    label += f":{trig['count']}"
                self._add(nlp, label, [trig["text"]], exact=trig["text"].isupper())
        for (wlang, cls), texts in lex.words.items():
            if wlang == lang and cls in ("former", "byline", "outlet"):
                self._add(nlp, f"word:{cls}", sorted(texts), exact=cls != "former")

    def __call__(self, doc: Doc) -> Doc:
        groups: dict[str, list[Span]] = {
            "kg_title": [], "kg_org": [], "kg_country": [], "kg_trigger": [], "kg_word": [],
        }
        prefix_group = {"title": "kg_title", "gaz": "kg_org", "gen": "kg_org",
                        "country": "kg_country", "trig": "kg_trigger", "word": "kg_word"}
        for matcher in (self.lower, self.orth):
            for match_id, start, end in matcher(doc):
                label = doc.vocab.strings[match_id]
                groups[prefix_group[label.split(":", 1)[0]]].append(
                    Span(doc, start, end, label=label)
                )
        for name, spans in groups.items():
            if name == "kg_trigger":  # overlapping triggers are all useful
                doc.spans[name] = sorted(set(spans), key=lambda s: (s.start, s.end))
            else:
                doc.spans[name] = sorted(filter_spans(spans), key=lambda s: s.start)
        return doc


@Language.factory("kg_domain", default_config={"lang": "en"})
def make_domain_tagger(nlp: Language, name: str, lang: str) -> DomainTagger:
    """Factory for :class:`DomainTagger` (``lang`` selects the lexicon's language)."""
    return DomainTagger(nlp, name, lang)


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
    """The spaCy pipeline for ``lang`` ('en' or 'id') with the domain components added."""
    nlp = _load_indonesian() if lang == "id" else _load_english()
    nlp.add_pipe("kg_line_sentences", name="kg_line_sentences", last=True)
    nlp.add_pipe("kg_domain", config={"lang": "id" if lang == "id" else "en"}, last=True)
    return nlp
