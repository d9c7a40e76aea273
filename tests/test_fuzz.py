"""Realistic fuzzing in CI: a slice of the news variants ``benchmarks/fuzz.py`` makes.

Variants of the five seed articles and of the articles in ``benchmarks/fuzz_articles``
(truncations after sentences and titles, texts ending on a title, bracket or quote,
headline-only texts, shuffled and joined paragraphs, capitals, quote swaps, markup,
invisible characters, long lists of titled names) go through the blank pipelines
with the kg components (and a smaller slice, marked slow, through the real models);
extraction must not raise, hang or return offsets that miss their text. The long run
with the real models is documented in the README ("Reliability").
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location("kg_fuzz", ROOT / "benchmarks" / "fuzz.py")
fuzz = sys.modules.setdefault("kg_fuzz", importlib.util.module_from_spec(SPEC))
SPEC.loader.exec_module(fuzz)

#: Variants per corpus in the CI slice.
SLICE = 250


def _slice(folder: Path, n: int, seed: int) -> list:
    variants = fuzz.corpus_variants([folder], rounds=2, seed=seed)
    by_kind: dict[str, list] = {}
    for v in variants:
        by_kind.setdefault(v.kind, []).append(v)
    rng = random.Random(seed)
    # every kind at least a few times, the rest drawn at random
    picked = [v for group in by_kind.values() for v in rng.sample(group, min(4, len(group)))]
    rest = [v for v in variants if v not in picked]
    return picked + rng.sample(rest, max(0, min(n - len(picked), len(rest))))


@pytest.mark.parametrize(("folder", "seed"), [(ROOT / "seeds", 11),
                                              (ROOT / "benchmarks" / "fuzz_articles", 12)])
def test_extraction_survives_realistic_variants(blank_nlp, folder, seed):
    variants = _slice(folder, SLICE, seed)
    assert len(variants) >= 200
    assert {v.lang for v in variants} == {"en", "id"}
    report, records = fuzz.run(variants, blank_nlp, timeout=20)
    assert report.failures == []
    assert len(records) == len(variants)
    assert fuzz.check_graph(records)["ok"]


@pytest.mark.slow
def test_extraction_with_the_models_survives_realistic_variants():
    from kg.nlp import load_pipeline

    folders = [ROOT / "seeds", ROOT / "benchmarks" / "fuzz_articles"]
    # every lead sentence ending on a title, bracket or quote, and a random slice
    endings = [v for v in fuzz.corpus_variants(folders, rounds=0) if v.kind == "end-title-lead"]
    variants = endings + _slice(folders[0], 60, 21) + _slice(folders[1], 60, 22)
    report, records = fuzz.run(variants, load_pipeline, timeout=30)
    assert report.failures == []
    assert len(records) == len(variants) >= 200


def test_the_variants_are_the_realistic_kinds_the_issue_lists():
    text = (ROOT / "seeds" / "000_e3b3ce5373a5f8cc.txt").read_text(encoding="utf-8")
    variants = fuzz.article_variants(text, "en", rounds=1)
    kinds = {v.kind for v in variants}
    assert {"cut-sentence", "cut-title", "end-title", "headline-only", "headline-title",
            "shuffled", "joined", "doubled", "upper", "quotes-smart", "quotes-straight",
            "markup", "zero-width", "rtl", "separators", "titled-list"} <= kinds
    ends = [v.text for v in variants if v.kind == "cut-title"]
    assert any(t.endswith("Defense Minister") for t in ends)
    assert any(t.endswith(" (JSA") for t in (v.text for v in variants if v.kind == "end-title"))
    assert any("\u200b" in v.text for v in variants if v.kind == "zero-width")
    assert fuzz.article_variants(text, "en", rounds=1) == variants, "deterministic"


def test_a_failing_extraction_is_reported_with_a_minimal_text(blank_nlp, monkeypatch):
    import kg.extract

    real = kg.extract.extract_document

    def fragile(doc, **kwargs):
        if doc.text.rstrip().endswith("Chief of Staff"):
            raise IndexError("[E040] Attempt to access token at 9, max length 9.")
        return real(doc, **kwargs)

    monkeypatch.setattr(kg.extract, "extract_document", fragile)
    text = "Allies meet\nSeoul hosted the talks.\nHe thanked the Army Chief of Staff"
    variants = [fuzz.Variant("x.txt", "en", "cut-title", text),
                fuzz.Variant("x.txt", "en", "upper", "Fine text.")]
    report, records = fuzz.run(variants, blank_nlp)
    [failure] = report.failures
    assert failure["error"].startswith("IndexError: [E040]")
    assert failure["minimal"] == "Chief of Staff"
    assert len(records) == 1 and not report.ok()
