"""Benchmark: a generated 2,000-node graph page, from navigation to interactive.

Not a test. Renders a synthetic graph (2,000 nodes in 40 regional clusters,
about 3,500 edges of every kind with evidence), writes the page with
``max_nodes`` at the graph size, opens it in headless Chromium with all
network blocked and reports, over a few runs:

- the Python render time (graph -> HTML string),
- the time from navigation start to the page's ready signal (layout
  stabilised and physics switched off: the graph can be dragged, hovered and
  searched), as measured by the page's ``performance.now()``.

Usage::

    .venv/bin/python benchmarks/bench_render.py [--nodes 2000] [--runs 3] [--keep out.html]
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.graph import EDGE_KINDS, KnowledgeGraph
from kg.render import render_html, write_html

log = logging.getLogger("bench_render")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def generated_graph(n_nodes: int = 2000, seed: int = 7) -> KnowledgeGraph:
    """A synthetic corpus graph: clustered, heavy-tailed degrees, every kind of edge."""
    rnd = random.Random(seed)
    g = KnowledgeGraph()
    n_docs = max(10, n_nodes // 4)
    g.meta["documents"] = [
        {"id": f"doc{i}", "title": f"Defence talks report {i}", "date": f"2024-{i % 12 + 1:02d}-15",
         "lang": "en" if i % 3 else "id"} for i in range(n_docs)
    ]
    g.meta["built"] = "2025-01-01T00:00:00+00:00"
    clusters = max(1, n_nodes // 50)
    types = ["official"] * 6 + ["agency"] * 3 + ["forum"]
    nodes: list[str] = []
    for i in range(n_nodes):
        kind = rnd.choice(types)
        node = f"{kind}:{i}"
        g.add_entity(node, label=f"{kind.title()} {i} Sjamsoeddin", type=kind,
                     role="Defence Minister" if kind == "official" else None,
                     country=rnd.choice(["ID", "JP", "US", "AU", "SG", "KR"]),
                     aliases=[f"{kind.title()} {i}", f"Alias {i}"],
                     docs=[f"doc{rnd.randrange(n_docs)}" for _ in range(rnd.randint(1, 3))],
                     mentions=rnd.randint(1, 9))
        nodes.append(node)
    for i in range(1, n_nodes):
        cluster = i % clusters
        same = [j for j in range(cluster, i, clusters)] or [0]
        for _ in range(rnd.choice([1, 1, 1, 2, 3])):
            j = rnd.choice(same) if rnd.random() < 0.85 else rnd.randrange(i)
            if j == i:
                continue
            doc = f"doc{rnd.randrange(n_docs)}"
            g.add_relation(nodes[i], nodes[j], rnd.choice(EDGE_KINDS), evidence=[{
                "doc": doc, "sentence": f"{nodes[i]} met {nodes[j]} to discuss cooperation.",
                "start": i, "end": i + 40, "date": f"2024-{i % 12 + 1:02d}-15"}])
    return g


def measure(path: Path, runs: int) -> list[float]:
    """Milliseconds from navigation start to the page's ready signal, per run."""
    from playwright.sync_api import sync_playwright

    url = path.resolve().as_uri()
    times: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            blocked: list[str] = []

            def route(r, blocked=blocked):
                if r.request.url == url:
                    r.continue_()
                else:
                    blocked.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.goto(url)
            page.wait_for_function("() => window.kgReady === true", timeout=120_000)
            times.append(page.evaluate("() => performance.now()"))
            nodes = page.evaluate("() => kgNetwork.body.data.nodes.length")
            if blocked:
                log.warning("the page tried the network: %s", blocked)
            page.close()
        browser.close()
    log.info("nodes drawn: %d", nodes)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="also keep the page here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)

    graph = generated_graph(args.nodes)
    log.info("graph: %d nodes, %d edges", len(graph), graph.graph.number_of_edges())
    start = time.perf_counter()
    page = render_html(graph, max_nodes=args.nodes)
    render_s = time.perf_counter() - start
    log.info("render_html: %.2f s, page %.1f MB", render_s, len(page.encode()) / 1e6)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_html(graph, Path(tmp) / "bench.html", max_nodes=args.nodes)
        if args.keep:
            args.keep.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        if not Path(CHROMIUM).exists():
            log.error("%s is missing: cannot time the browser", CHROMIUM)
            return 1
        times = measure(path, args.runs)
    log.info("runs (ms): %s", ", ".join(f"{t:.0f}" for t in times))
    print(f"{args.nodes} nodes: interactive after {statistics.median(times) / 1000:.1f} s "
          f"(median of {len(times)}, navigation start to layout done, headless Chromium); "
          f"render_html {render_s:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
