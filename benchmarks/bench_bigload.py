#!/usr/bin/env python
"""A big graph file: ``kg path`` (load + first query, a whole process) against a bare
``json.load`` of the same file, side by side in one run.

The graph is the synthetic one of ``bench_build.py`` (preferential attachment,
``--nodes`` nodes and about twice as many edges, one evidence sentence each), written
once to ``WORKDIR/big.json``. Each round runs, in rotating order, as fresh processes:

* ``python -c "json.load(open(FILE))"`` (interpreter start included);
* ``kg path FILE "Node 5" "Node 77777"`` (interpreter start, imports, load, name
  look-up, the path view, Dijkstra, printing).

The table gives the medians, the ratio of the medians and each round's ratio, for the
wall clock and for the processes' CPU time (user + system: steadier on a machine shared
with other jobs)::

    .venv/bin/python benchmarks/bench_bigload.py --nodes 100000 --rounds 3 --workdir /tmp/kg-big
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

JSON_LOAD = "import json, sys; json.load(open(sys.argv[1], encoding='utf-8'))"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall clock and CPU time (user + system) of one process."""
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started, _children_cpu() - cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workdir", default="/tmp/kg-big")
    ap.add_argument("--pair", nargs=2, default=["Node 5", "Node 77777"])
    args = ap.parse_args(argv)
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    graph = work / f"big{args.nodes}.json"
    if not graph.exists():
        from bench_build import _big_graph

        print(json.dumps(_big_graph(str(graph), args.nodes, 0)), file=sys.stderr)
    cmds = {"json.load": [sys.executable, "-c", JSON_LOAD, str(graph)],
            "kg path": [sys.executable, "-m", "kg", "path", str(graph), *args.pair]}
    times: dict[str, list[float]] = {k: [] for k in cmds}
    cpus: dict[str, list[float]] = {k: [] for k in cmds}
    for r in range(args.rounds):
        for name in list(cmds)[r % 2:] + list(cmds)[:r % 2]:
            wall, cpu = timed(cmds[name])
            times[name].append(wall)
            cpus[name].append(cpu)
        print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()),
              file=sys.stderr)
    size = graph.stat().st_size / 1e6
    print(f"| {graph.name} ({size:.0f} MB) | median | rounds |\n| --- | ---: | --- |")
    for what, table in (("", times), (" CPU time", cpus)):
        med = {k: statistics.median(v) for k, v in table.items()}
        for k, v in table.items():
            print(f"| `{k}` (whole process){what} | {med[k]:.2f} s | "
                  + " / ".join(f"{x:.2f}" for x in v) + " |")
        ratios = [p / j for p, j in zip(table["kg path"], table["json.load"], strict=True)]
        print(f"| ratio `kg path` / `json.load`{what} | "
              f"**{med['kg path'] / med['json.load']:.2f}x** | "
              + " / ".join(f"{x:.2f}" for x in ratios) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
