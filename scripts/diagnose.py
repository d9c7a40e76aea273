#!/usr/bin/env python3
"""Show, per document, what a graph misses or adds against gold annotations.

Development aid for extraction work: ``python scripts/diagnose.py GRAPH.json GOLD_DIR
[SCORE_PY]``. Uses the matching of ``../shared/eval/score.py`` (imported from there).
"""

from __future__ import annotations

import importlib.util
import sys
from collections import defaultdict
from pathlib import Path


def main() -> None:
    graph_path, gold_dir = Path(sys.argv[1]), Path(sys.argv[2])
    default = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
    score_py = Path(sys.argv[3]) if len(sys.argv) > 3 else default
    spec = importlib.util.spec_from_file_location("score", score_py)
    sc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sc)
    golds = sc.load_gold(gold_dir)
    var = sc.variants(golds)
    nodes, edges = sc.load_graph(graph_path)
    by_doc = defaultdict(list)
    for n in nodes.values():
        for d in n.get("docs", []):
            by_doc[sc.stem(d)].append(n)
    for doc, gold in golds.items():
        mapping = sc.match_doc(doc, gold, by_doc, var)
        print(f"=== {doc}")
        for etype in sc.TYPES:
            got = {v[1] for k, v in mapping.items() if v[0] == etype}
            for ent in gold.get(sc.GOLD_KEYS[etype], []):
                if ent["name"] not in got:
                    print(f"  MISS {etype}: {ent['name']}  {ent.get('aliases')}")
            for n in by_doc.get(doc, []):
                if n.get("type") == etype and n["id"] not in mapping:
                    print(f"  EXTRA {etype}: {n['label']}  {n.get('aliases', [])[:4]}")
        for kind, key in (("meeting", "meetings"), ("attended", "attended")):
            gold_pairs = {frozenset(p) for p in gold.get(key, [])}
            pred = {}
            for e in edges:
                if kind not in sc.edge_kinds(e) or doc not in {sc.stem(d) for d in e["docs"]}:
                    continue
                a, b = mapping.get(e["source"]), mapping.get(e["target"])
                pair = frozenset((a[1] if a else "?" + e["source"],
                                  b[1] if b else "?" + e["target"]))
                ev = [x["sentence"] for x in e.get("evidence", []) if sc.stem(x["doc"]) == doc]
                pred[pair] = ev[0][:160] if ev else ""
            for p in gold_pairs - set(pred):
                print(f"  MISS {kind}: {' | '.join(sorted(p))}")
            for p in set(pred) - gold_pairs:
                print(f"  EXTRA {kind}: {' | '.join(sorted(p))}  <- {pred[p]}")


if __name__ == "__main__":
    main()
