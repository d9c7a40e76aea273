"""Shared fixtures: blank pipelines with the domain components, paths to the seeds.

Which tests run: a plain ``pytest`` (what developers run locally) skips the tests
marked ``slow`` (they load the real spaCy models) and ``browser`` (they drive
headless Chromium). ``pytest --all`` runs them too, and so does any run with the
``CI`` environment variable set (``CI=true``, as CI services set it); ``.ci/run``
passes ``--all``. An explicit marker expression (``pytest -m slow``) decides on
its own.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def blank_nlp():
    """``spacy.blank(lang)`` + sentence splitting + kg's components (no statistical NER)."""
    import spacy

    from kg.pipes import add_kg_pipes

    cache = {}

    def make(lang: str):
        if lang not in cache:
            nlp = spacy.blank(lang)
            nlp.add_pipe("sentencizer")
            cache[lang] = add_kg_pipes(nlp, lang)
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


# ---------------------------------------------------------------------- which tests run
EXPENSIVE = ("slow", "browser")


def pytest_addoption(parser):
    parser.addoption("--all", action="store_true", dest="kg_all",
                     help="also run the tests marked slow (real spaCy models) and browser "
                          "(headless Chromium); the default when $CI is set")


def run_everything(config) -> bool:
    """``--all`` given, or a CI environment (``CI`` set to anything but false/0/no)."""
    ci = os.environ.get("CI", "").strip().lower()
    return bool(config.getoption("kg_all")) or ci not in {"", "0", "false", "no"}


def pytest_report_header(config):
    if run_everything(config):
        return "kg: running every test, slow and browser included"
    return "kg: skipping slow and browser tests (pytest --all or CI=true runs them)"


def pytest_collection_modifyitems(config, items):
    if run_everything(config) or config.getoption("markexpr"):
        return
    for item in items:
        marks = [m for m in EXPENSIVE if m in item.keywords]
        if marks:
            item.add_marker(pytest.mark.skip(
                reason=f"{marks[0]} test: run with --all (or CI=true)"))
