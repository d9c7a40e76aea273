#!/usr/bin/env python
"""End to end: one generated corpus built three ways, timed, memory watched, graphs compared.

On ``-n`` articles from ``generate_corpus.py`` (30 % Indonesian by default) it runs,
as whole processes and without the extraction cache (``--no-cache --no-html``):

* ``w2``: ``kg build --workers 2`` (two spawned extraction processes);
* ``dask``: ``kg build --engine dask --workers 2`` (a temporary local Dask cluster of
  two worker processes, one thread each);
* ``w1``: ``kg build`` in one process.

For each: wall time, CPU time of the process tree, and memory sampled every
``--interval`` seconds from ``/proc`` (through psutil): the peak RSS of the main
process (documents, records, resolution, the graph), the peak of the largest
other process (an extraction worker: spaCy models plus one chunk) and the peak of
the sum over the whole tree (pages shared between processes counted in each).
Then ``scripts/same_graph.py`` compares the graphs (byte-identical apart from the
build time). Run it at two sizes to see what memory grows with: the workers' peak
should not (spaCy ``Doc``s are dropped batch by batch), nor should the main
process's but for the graph itself (records stream into resolution, each reduced to
what the graph keeps, and each text is dropped once its record is made)::

    .venv/bin/python benchmarks/bench_e2e.py -n 20000 --workdir /tmp/kg-e2e
    .venv/bin/python benchmarks/bench_e2e.py -n 500 --modes w1,w2     # a quick check

The corpus is generated once per ``WORKDIR`` (kept for a rerun with the same ``-n``,
``--seed`` and ``--id-share``). The Markdown table goes to stdout (and ``--output``),
raw numbers to ``WORKDIR/e2e.json``, progress to stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

log = logging.getLogger("bench_e2e")

MODES = {
    "w2": ("`kg build --workers 2`", ["--workers", "2"]),
    "dask": ("`kg build --engine dask --workers 2` (local cluster)",
             ["--engine", "dask", "--workers", "2"]),
    "w1": ("`kg build` (one process)", []),
}


class TreeMemory:
    """Samples the RSS of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.interval = interval
        self.main = self.other = self.total = 0
        self.processes = 1
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        import psutil

        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        rss: dict[int, int] = {}
        for proc in procs:
            try:
                rss[proc.pid] = proc.memory_info().rss
            except psutil.Error:
                continue
        if not rss:
            return
        self.processes = max(self.processes, len(rss))
        self.main = max(self.main, rss.get(self.root.pid, 0))
        others = [v for pid, v in rss.items() if pid != self.root.pid]
        self.other = max([self.other, *others])
        self.total = max(self.total, sum(rss.values()))

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        mb = 1024 * 1024
        return {"main_mb": self.main / mb, "largest_other_mb": self.other / mb,
                "tree_mb": self.total / mb, "processes": self.processes}


def run_build(corpus: Path, out: Path, extra: list[str], interval: float) -> dict[str, Any]:
    """One ``kg build`` as a child process: wall time, CPU of the tree, memory."""
    cmd = [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--no-cache",
           "--no-html", "-q", *extra]
    before = os.times()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watch = TreeMemory(proc.pid, interval)
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    mem = watch.stop()
    after = os.times()
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{stderr[-3000:]}")
    cpu = (after.children_user - before.children_user
           + after.children_system - before.children_system)
    return {"cmd": cmd, "wall_s": wall, "cpu_s": cpu, **mem, "stderr": stderr[-2000:],
            "stdout": stdout[-500:]}


def graph_size(graph: Path) -> dict[str, Any]:
    """Nodes, edges and documents of a built graph, and the graph file's size."""
    data = json.loads(graph.read_text(encoding="utf-8"))
    return {"nodes": len(data["nodes"]), "edges": len(data.get("links", data.get("edges", []))),
            "documents": len(data["graph"].get("documents", [])),
            "file_mb": graph.stat().st_size / 1e6}


def same_graph(a: Path, b: Path) -> tuple[bool, str]:
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "same_graph.py"), str(a),
                          str(b)], capture_output=True, text=True)
    return out.returncode == 0, (out.stdout + out.stderr).strip()[:1500]


def corpus_for(work: Path, n: int, id_share: float, seed: int) -> tuple[Path, dict[str, Any]]:
    """The corpus of ``n`` generated articles in ``work/corpus`` (made once, then reused)."""
    corpus, marker = work / "corpus", work / "corpus.json"
    want = {"n": n, "id_share": id_share, "seed": seed}
    if marker.exists() and json.loads(marker.read_text())["spec"] == want:
        return corpus, json.loads(marker.read_text())
    from generate_corpus import generate

    shutil.rmtree(corpus, ignore_errors=True)
    started = time.perf_counter()
    paths = generate(corpus, n, id_share=id_share, seed=seed)
    info = {"spec": want, "articles": len(paths),
            "indonesian": sum(p.name.endswith("_id.txt") for p in paths),
            "words": sum(len(p.read_text(encoding="utf-8").split()) for p in paths),
            "bytes": sum(p.stat().st_size for p in paths),
            "generate_s": time.perf_counter() - started}
    marker.write_text(json.dumps(info), encoding="utf-8")
    return corpus, info


def render(res: dict[str, Any]) -> str:
    c = res["corpus"]
    lines = [
        f"Corpus: {c['articles']:,} generated articles ({c['indonesian']:,} Indonesian), "
        f"{c['words']:,} words ({c['bytes'] / 1e6:.0f} MB); each build once, whole "
        f"processes, `--no-cache --no-html`.",
        "",
        "| build | wall time | docs/s | CPU (tree) | peak RSS main process | "
        "peak RSS largest worker | peak RSS sum of the tree |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for mode, r in res["builds"].items():
        worker = f"{r['largest_other_mb']:,.0f} MB" if r["processes"] > 1 else "–"
        lines.append(
            f"| {MODES[mode][0]} | {r['wall_s']:,.0f} s ({r['wall_s'] / 60:.1f} min) | "
            f"{c['articles'] / r['wall_s']:.1f} | {r['cpu_s']:,.0f} s | {r['main_mb']:,.0f} MB | "
            f"{worker} | {r['tree_mb']:,.0f} MB |")
    g = res.get("graph") or {}
    if g:
        lines += ["", f"Graph: {g['nodes']:,} nodes, {g['edges']:,} edges, "
                      f"{g['documents']:,} documents, {g['file_mb']:.0f} MB of JSON."]
    for pair, (same, text) in res["same"].items():
        lines += ["", f"`scripts/same_graph.py` {pair}: " + ("**same**" if same else
                                                             f"**DIFFERENT**\n\n```\n{text}\n```")]
    m = res["machine"]
    lines += ["", f"Machine: {m['nproc']} cores ({m['cpu']}), {m['ram']} RAM, {m['os']}; "
                  f"Python {m['python']}, spaCy {m['spacy']}, {m['en_model']}; load average "
                  f"at the start {m['loadavg']}, at the end {res['loadavg_end']}."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=20_000, help="articles (default 20000)")
    ap.add_argument("--id-share", type=float, default=0.3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--modes", default="w2,dask,w1",
                    help="builds to run, in this order (default w2,dask,w1)")
    ap.add_argument("--interval", type=float, default=0.5, help="memory sampling (s)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/kg-e2e"))
    ap.add_argument("--output", type=Path, help="also write the Markdown table here")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        ap.error(f"unknown modes {unknown} (choose from {', '.join(MODES)})")
    from bench_build import machine

    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    corpus, info = corpus_for(work, args.n, args.id_share, args.seed)
    log.info("corpus: %d articles (%d Indonesian), %d words", info["articles"],
             info["indonesian"], info["words"])
    res: dict[str, Any] = {"args": {k: str(v) for k, v in vars(args).items()},
                           "machine": machine(), "corpus": info, "builds": {}, "same": {}}
    for mode in modes:
        log.info("building: %s", MODES[mode][0])
        r = run_build(corpus, work / f"{mode}.json", MODES[mode][1], args.interval)
        res["builds"][mode] = r
        log.info("  %.0f s, main %.0f MB, largest other %.0f MB, tree %.0f MB", r["wall_s"],
                 r["main_mb"], r["largest_other_mb"], r["tree_mb"])
        (work / "e2e.json").write_text(json.dumps(res, indent=1), encoding="utf-8")
    if modes:
        res["graph"] = graph_size(work / f"{modes[0]}.json")
    for other in modes[1:]:
        res["same"][f"{modes[0]} / {other}"] = same_graph(work / f"{modes[0]}.json",
                                                        work / f"{other}.json")
    res["loadavg_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    (work / "e2e.json").write_text(json.dumps(res, indent=1), encoding="utf-8")
    table = render(res)
    print(table)
    if args.output:
        args.output.write_text(table + "\n", encoding="utf-8")
    return 0 if all(same for same, _ in res["same"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
