#!/usr/bin/env python
"""What the domain layer costs on English text, against plain ``nlp.pipe``.

Three timings over the same generated English articles, in one process, each
repeated and the best kept (so model loading and warm-up are excluded):

1. ``plain``: the stock English pipeline (``en_core_web_sm``, all components), ``nlp.pipe``.
2. ``kg pipeline``: kg's English pipeline (sentences from the statistical
   ``senter`` instead of the parser, plus ``kg_line_sentences`` and the phrase
   markers of :mod:`kg.pipes.markers`), ``nlp.pipe`` only.
3. ``kg pipeline + extraction``: the same plus :func:`kg.extract.extract_document`
   for every document: everything ``kg build`` does per document.

The issue's bar: the domain layer adds at most 30 % to plain ``nlp.pipe`` time,
i.e. ratio (3) / (1) <= 1.30.

Usage::

    python benchmarks/bench_domain_layer.py -n 300
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

log = logging.getLogger("bench_domain_layer")


def _best(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=300, help="number of English articles")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    import spacy
    from generate_corpus import CorpusGenerator

    from kg.extract import extract_document
    from kg.nlp import EN_MODELS, load_pipeline
    from kg.pipes import EXTRACTION_PIPES

    gen = CorpusGenerator(seed=11)
    texts = [gen.article(i, "en") for i in range(args.n)]
    words = sum(len(t.split()) for t in texts)
    plain = None
    for name in EN_MODELS:
        try:
            plain = spacy.load(name)
            break
        except OSError:
            continue
    if plain is None:
        log.error("no English model installed")
        return 1
    ours = load_pipeline("en")

    def run_plain() -> None:
        for _ in plain.pipe(texts, batch_size=32):
            pass

    def run_ours() -> None:
        with ours.select_pipes(disable=list(EXTRACTION_PIPES)):
            for _ in ours.pipe(texts, batch_size=32):
                pass

    def run_full() -> None:
        for i, doc in enumerate(ours.pipe(texts, batch_size=32)):
            extract_document(doc, doc_id=str(i), lang="en")

    run_full()  # warm-up: lexicon, matchers, caches
    t_plain = _best(run_plain, args.repeat)
    t_ours = _best(run_ours, args.repeat)
    t_full = _best(run_full, args.repeat)
    print(f"{args.n} English articles, {words} words (best of {args.repeat})")
    print(f"{'':28}{'seconds':>9}{'words/s':>10}{'ratio':>8}")
    for label, t in (("plain nlp.pipe", t_plain), ("kg pipeline", t_ours),
                     ("kg pipeline + extraction", t_full)):
        print(f"{label:28}{t:9.2f}{words / t:10.0f}{t / t_plain:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
