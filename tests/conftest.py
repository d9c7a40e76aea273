"""Shared fixtures: blank pipelines with the domain components, paths to the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def blank_nlp():
    """``spacy.blank(lang)`` + sentence splitting + the kg domain tagger (no statistical NER)."""
    import spacy

    import kg.nlp  # noqa: F401  (registers the factories)

    cache = {}

    def make(lang: str):
        if lang not in cache:
            nlp = spacy.blank(lang)
            nlp.add_pipe("sentencizer")
            nlp.add_pipe("kg_line_sentences")
            nlp.add_pipe("kg_domain", config={"lang": lang})
            cache[lang] = nlp
        return cache[lang]

    return make


@pytest.fixture(scope="session")
def extract(blank_nlp):
    """Extract from a text with a blank pipeline: returns the DocExtraction."""
    from kg.extract import extract_document

    def run(text: str, lang: str = "en", doc_id: str = "doc.txt"):
        return extract_document(blank_nlp(lang)(text), doc_id=doc_id, lang=lang)

    return run


@pytest.fixture(scope="session")
def seed_graph(tmp_path_factory):
    """The seed corpus built with the real models (slow: loads spaCy models once)."""
    import kg

    graph = kg.build([SEEDS])
    path = tmp_path_factory.mktemp("seeds") / "graph.json"
    graph.save(path)
    return graph, path
