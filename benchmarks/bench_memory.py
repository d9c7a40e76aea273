#!/usr/bin/env python
"""The main process's memory of a cached ``kg build``, by phase (no spaCy in it).

Builds CORPUS from the extraction cache in CACHE_DIR (every document must be in it:
fill it first with ``kg build CORPUS --cache-dir CACHE_DIR``) and writes the graph,
as ``kg build`` does, then prints one JSON line: the RSS and peak RSS after the build
and after the write, and with ``--trace`` the Python heap (``tracemalloc``: current
and peak, MB). With ``--phases`` the old way is measured instead, step by step: the
documents read, all records at once, ``build_graph`` of them with every text, the
graph alone, the write::

    .venv/bin/python benchmarks/bench_memory.py CORPUS CACHE_DIR /tmp/g.json --trace

``--any-version`` reads the cache whatever code filled it (the records of each
language's one version in it), so two versions of ``kg`` (a copy first on
``PYTHONPATH``, run from another folder) can be compared on one filled cache.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sqlite3
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any


def _rss() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


def _now(trace: bool) -> dict[str, Any]:
    heap = [x / 2**20 for x in tracemalloc.get_traced_memory()] if trace else None
    return {"rss": _rss(), "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "heap_now_peak": heap}


def _phases(corpus: str, cache_dir: str, trace: bool, res: dict[str, Any]) -> Any:
    import kg.cache
    import kg.documents
    import kg.pipeline
    import kg.resolve

    docs = kg.documents.read_inputs([corpus]).documents
    res["documents"] = _now(trace)
    store = kg.cache.open_cache(cache_dir)
    keys = [(d.content_hash, kg.cache.extraction_version(kg.pipeline.document_language(d)[0]))
            for d in docs]
    hits = store.get_many(keys)
    records = [hits[k] for k in keys]
    del hits
    res["records"] = _now(trace)
    graph = kg.resolve.build_graph(records, meta={}, texts={d.id: d.text for d in docs})
    res["build_graph"] = _now(trace)
    del records, docs
    gc.collect()
    res["graph_only"] = _now(trace)
    return graph


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("cache_dir")
    ap.add_argument("output")
    ap.add_argument("--trace", action="store_true", help="also the Python heap (slower)")
    ap.add_argument("--phases", action="store_true", help="the old way, step by step")
    ap.add_argument("--any-version", action="store_true",
                    help="use the cache whatever code version filled it")
    args = ap.parse_args(argv)
    import kg
    import kg.cache
    import kg.holders
    import kg.lexicon
    import kg.pipeline

    if args.any_version:
        db = Path(args.cache_dir) / "extractions.sqlite3"
        found = [v for (v,) in sqlite3.connect(db).execute(
            "SELECT DISTINCT version FROM extractions")]
        kg.cache.extraction_version = lambda lang: next(  # type: ignore[assignment]
            v for v in found if v.startswith(lang + ":"))
    kg.lexicon.get_lexicon()
    kg.holders.terms()
    gc.collect()
    res: dict[str, Any] = {"kg": kg.__file__, "start": _now(False)}
    if args.trace:
        tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    if args.phases:
        graph = _phases(args.corpus, args.cache_dir, args.trace, res)
    else:
        graph = kg.pipeline.build([args.corpus], cache=args.cache_dir, corrections=False)
        gc.collect()
        res["built"] = _now(args.trace)
    if args.trace:
        tracemalloc.reset_peak()
    graph.save(args.output)
    res["written"] = _now(args.trace)
    res.update(wall_s=time.perf_counter() - started, cpu_s=time.process_time() - cpu,
               nodes=graph.graph.number_of_nodes(), edges=graph.graph.number_of_edges())
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
