#!/usr/bin/env python
"""Resolution + graph building at archive scale: 1k to 100k extraction records.

Synthetic :class:`kg.records.DocExtraction` records (no spaCy, no text) drawn from a
realistic cast: the cast of :mod:`generate_corpus` (Korean, American, Japanese,
Indonesian, Philippine and Australian officials with syllable-built names), grown with
the archive (an archive of ten years names more people than one of a month: at least
240 officials, one per 20 records). Each record is one article, English or Indonesian
(30 %), with what extraction gives for it:

* 3-5 officials, named as extraction sees them: the full name with a role, category
  and country, or a variant of it (hyphen and case: "Min-Jun" / "Minjun", family name
  first or last, a middle initial, a cut-off given name "Kang Min", Indonesian old
  spelling "Soe-"), a surname alone (an official, or a ``person`` without a role), the
  same people recurring across articles;
* 1-2 agencies and a forum, named in the article's language: a gazetteer key when the
  name is known (English and Indonesian names of one agency share it), else a label,
  an acronym alias and a country;
* meetings, attendance, affiliation and co-appearance between them, with an evidence
  sentence each.

Every size runs in a fresh child process (records are generated there, untimed), so
peak memory (``ru_maxrss``) is that size's alone; the table gives the time of
:func:`kg.resolve.build_graph` (office pass, resolution, labels, edges), of
:func:`kg.resolve.resolve` alone (wall clock, and the process's CPU time in brackets:
on a machine shared with other jobs the wall clock moves with their load), peak RSS, and
the growth exponent fitted on
log(time) against log(records) from 10k records up::

    .venv/bin/python benchmarks/bench_scale.py                      # 1k 10k 50k 100k
    .venv/bin/python benchmarks/bench_scale.py --sizes 10000 --profile 25
    .venv/bin/python benchmarks/bench_scale.py --sizes 10000,100000 --repeat 3

``--repeat N`` runs each size N times and reports the run of median CPU time (one
1-second run at 10k moves the fitted exponent by a few hundredths on a shared machine).
``--stream`` makes each record as ``build_graph`` reads it (as ``kg build`` hands them
over) and gives the peak RSS of that (records not held). ``--profile N`` prints the N
most expensive functions (cumulative) of ``build_graph``;
``--graphs DIR`` writes each size's graph (``DIR/scaleN.json``, without the build-time
metadata) to compare two versions of the code (``scripts/same_graph.py``); with a
copy of an older ``kg`` first on ``PYTHONPATH`` that version is measured.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import math
import platform
import pstats
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.append(str(HERE.parent))  # after PYTHONPATH: an older kg there is measured instead

from generate_corpus import CorpusGenerator, Official  # noqa: E402

#: role title -> (category as titles.jsonl says it)
_CATEGORY = {"Defense Minister": "defense", "Defense Secretary": "defense",
             "Foreign Minister": "foreign", "Secretary of State": "foreign",
             "Vice Defense Minister": "defense", "Deputy Secretary of Defense": "defense",
             "Ambassador": "diplomat", "National Security Adviser": "security",
             "Defense Ministry spokesperson": "spokesperson",
             "Joint Chiefs of Staff spokesperson": "spokesperson"}
#: (gazetteer key or "", type, English name, Indonesian name, country, acronym)
_ORGS = [
    ("kr-mnd", "agency", "Ministry of National Defense", "Kementerian Pertahanan Nasional",
     "KR", ""),
    ("kr-jcs", "agency", "South Korean Joint Chiefs of Staff", "Kepala Staf Gabungan Korsel",
     "KR", ""),
    ("us-dod", "agency", "U.S. Department of Defense", "Departemen Pertahanan AS", "US", "DoD"),
    ("us-state", "agency", "U.S. Department of State", "Departemen Luar Negeri AS", "US", ""),
    ("us-fk", "agency", "U.S. Forces Korea", "Pasukan AS di Korea", "US", "USFK"),
    ("jp-mod", "agency", "Japan Ministry of Defense", "Kementerian Pertahanan Jepang", "JP", ""),
    ("id-tni", "agency", "Indonesian National Armed Forces", "Tentara Nasional Indonesia",
     "ID", "TNI"),
    ("", "agency", "Agency for Defense Development", "Badan Pengembangan Pertahanan", "KR",
     "ADD"),
    ("", "agency", "Philippine Navy", "Angkatan Laut Filipina", "PH", ""),
    ("", "agency", "Australian Defence Force", "Angkatan Bersenjata Australia", "AU", "ADF"),
    ("scm", "forum", "Security Consultative Meeting", "Pertemuan Konsultatif Keamanan", None,
     "SCM"),
    ("kidd", "forum", "Korea-U.S. Integrated Defense Dialogue", "Dialog Pertahanan Terpadu",
     None, "KIDD"),
    ("ncg", "forum", "Nuclear Consultative Group", "Kelompok Konsultatif Nuklir", None, "NCG"),
    ("sld", "forum", "Shangri-La Dialogue", "Dialog Shangri-La", None, ""),
    ("", "forum", "Jakarta International Defence Dialogue",
     "Jakarta International Defence Dialogue", "ID", "JIDD"),
    ("", "forum", "Seoul Defense Dialogue", "Dialog Pertahanan Seoul", "KR", "SDD"),
]


def _variant(o: Official, rng: random.Random) -> tuple[str, str]:
    """A name extraction may give for ``o``, and the entity type it would have."""
    name, parts, r = o.name, o.name.split(), rng.random()
    if r < 0.55:
        return name, "official"
    if r < 0.65:  # hyphen and case: "Min-jun" / "Minjun", "HARSON"
        return (name.replace("-", "") if "-" in name
                else name.replace(o.surname, o.surname.upper())), "official"
    if r < 0.72 and len(parts) == 2:  # family name first or last
        return f"{parts[1]} {parts[0]}", "official"
    if r < 0.77 and o.country.code in ("US", "AU", "PH"):
        return f"{parts[0]} {rng.choice('ABCDEJMRW')}. {parts[-1]}", "official"
    if r < 0.80 and "-" in name:  # cut off: "Kang Min"
        return name.split("-")[0], "official"
    if r < 0.83 and o.country.code == "ID":
        return name.replace("u", "oe", 1).replace("j", "dj", 1), "official"
    if r < 0.93:
        return o.surname, "official"
    return (o.surname if rng.random() < 0.5 else name), "person"


def _official(o: Official, i: int, lang: str, rng: random.Random) -> dict[str, Any]:
    from kg.records import Entity, Mention

    name, kind = _variant(o, rng)
    title_en, title_id, _, _ = o.role
    n = rng.randint(1, 4)
    mentions = [Mention(name, 40 * k, 40 * k + len(name), k) for k in range(n)]
    if kind == "person":
        return Entity(f"e{i}", "person", name, mentions=mentions)
    return Entity(f"e{i}", "official", name, role=title_en,
                  role_text=title_en if lang == "en" else title_id,
                  category=_CATEGORY.get(title_en, "military"), country=o.country.code,
                  aliases=[o.surname] if name != o.surname and rng.random() < 0.5 else [],
                  mentions=mentions)


def _org(row: tuple, i: int, lang: str) -> Any:
    from kg.records import Entity, Mention

    key, kind, en, ind, country, acronym = row
    name = en if lang == "en" else ind
    return Entity(f"e{i}", kind, name, key=key, aliases=[acronym] if acronym else [],
                  country=country, mentions=[Mention(name, 0, len(name), 0)])


def _relations(people: list[Any], orgs: list[Any], rng: random.Random) -> list[Any]:
    from kg.records import Relation

    out, officials = [], [e for e in people if e.type == "official"]

    def rel(kind: str, a: Any, b: Any) -> None:
        s = rng.randrange(20)
        out.append(Relation(kind, a.id, b.id, f"{a.name} and {b.name} ({kind}).", 40 * s,
                            40 * s + 30, kind))
    if len(officials) >= 2:
        rel("meeting", officials[0], officials[1])
    for o in officials[:2]:
        for org in orgs:
            rel("attended" if org.type == "forum" else "affiliated", o, org)
    for x, a in enumerate(people):
        for b in people[x + 1:]:
            rel("co_appearance", a, b)
    return out


def make_records(n: int, seed: int = 0) -> list[Any]:
    """``n`` synthetic extraction records (see the module docstring)."""
    return list(iter_records(n, seed))


def iter_records(n: int, seed: int = 0) -> Any:
    """:func:`make_records` one record at a time."""
    from kg.records import DocExtraction

    cast_per_country = max(40, n // 20 // 6)
    cast = CorpusGenerator(seed=seed, cast_per_country=cast_per_country).cast
    weights = [{"KR": 5, "US": 5, "JP": 3, "ID": 3, "PH": 1, "AU": 1}[o.country.code]
               for o in cast]
    rng = random.Random(f"records-{seed}-{n}")
    for d in range(n):
        lang = "id" if rng.random() < 0.3 else "en"
        chosen: list[Official] = []
        k = rng.randint(3, 5)
        while len(chosen) < k:
            o = rng.choices(cast, weights)[0]
            if o not in chosen:
                chosen.append(o)
        people = [_official(o, i, lang, rng) for i, o in enumerate(chosen)]
        rows = [*rng.sample(_ORGS[:10], rng.randint(1, 2)), rng.choice(_ORGS[10:])]
        orgs = [_org(row, len(people) + j, lang) for j, row in enumerate(rows)]
        year = 2016 + d * 10 // n
        yield DocExtraction(
            doc_id=f"{d:06d}_{lang}.txt", lang=lang, title=f"Article {d}",
            date=f"{year}-{1 + d % 12:02d}-{1 + d % 28:02d}", entities=people + orgs,
            relations=_relations(people, orgs, rng), n_chars=3000, n_words=500)


def run_streamed(n: int, seed: int) -> dict[str, Any]:
    """Child side of ``--stream``: ``build_graph`` of records made one at a time as it
    reads them (as ``kg build`` hands them over), so the peak RSS is what resolution
    and the graph hold; the times include making the records."""
    from kg.resolve import build_graph

    started, cpu = time.perf_counter(), time.process_time()
    graph = build_graph(iter_records(n, seed))
    return {"records": n, "wall_s": time.perf_counter() - started,
            "cpu_s": time.process_time() - cpu,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "nodes": graph.graph.number_of_nodes(), "edges": graph.graph.number_of_edges()}


def run_size(n: int, seed: int, profile: int, graphs: str | None = None) -> dict[str, Any]:
    """Child side: generate ``n`` records, time build_graph and resolve, peak RSS."""
    from kg.resolve import build_graph, resolve

    records = make_records(n, seed)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    prof = cProfile.Profile() if profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if prof:
        prof.enable()
    graph = build_graph(records)
    if prof:
        prof.disable()
    build_s, build_cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, cpu = time.perf_counter(), time.process_time()
    resolve(records)
    resolve_s, resolve_cpu = time.perf_counter() - started, time.process_time() - cpu
    if graphs:
        graph.save(Path(graphs) / f"scale{n}.json")
    if prof:
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(profile)
    return {"records": n, "build_graph_s": build_s, "resolve_s": resolve_s,
            "build_graph_cpu_s": build_cpu, "resolve_cpu_s": resolve_cpu,
            "peak_rss_mb": peak, "rss_with_records_mb": rss_before,
            "entities": sum(len(r.entities) for r in records),
            "relations": sum(len(r.relations) for r in records),
            "nodes": graph.graph.number_of_nodes(), "edges": graph.graph.number_of_edges()}


def exponent(rows: list[dict[str, Any]], key: str, low: int = 10_000) -> float | None:
    """Least-squares slope of log(time) on log(records) over the sizes >= ``low``."""
    pts = [(math.log(r["records"]), math.log(r[key])) for r in rows if r["records"] >= low]
    if len(pts) < 2:
        return None
    mx, my = (sum(p[i] for p in pts) / len(pts) for i in (0, 1))
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def table(rows: list[dict[str, Any]]) -> str:
    lines = ["| records | entities | relations | nodes | edges | `build_graph` (CPU) "
             "| `resolve` alone (CPU) | peak RSS (records held) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r['records']:,} | {r['entities']:,} | {r['relations']:,} | "
                     f"{r['nodes']:,} | {r['edges']:,} | {r['build_graph_s']:.2f} s "
                     f"({r['build_graph_cpu_s']:.2f} s) | {r['resolve_s']:.2f} s "
                     f"({r['resolve_cpu_s']:.2f} s) | {r['peak_rss_mb']:,.0f} MB "
                     f"({r['rss_with_records_mb']:,.0f} MB) |")
    for key in ("build_graph", "resolve"):
        e, c = exponent(rows, key + "_s"), exponent(rows, key + "_cpu_s")
        if e is not None and c is not None:
            lines.append(f"\nGrowth exponent of `{key}` (10k records and up): **{e:.2f}** "
                         f"(CPU time: {c:.2f})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,50000,100000")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--profile", type=int, default=0, metavar="N")
    ap.add_argument("--json", metavar="PATH", help="also write the raw numbers here")
    ap.add_argument("--graphs", metavar="DIR", help="write each size's graph into DIR")
    ap.add_argument("--stream", action="store_true",
                    help="records made as build_graph reads them: its peak memory only")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="run each size N times (fresh processes): the run of median "
                         "build_graph CPU time is reported")
    ap.add_argument("--_child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--_streamed", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._streamed:
        print(json.dumps(run_streamed(args._streamed, args.seed)))
        return 0
    if args.stream:
        return _stream_table([int(s) for s in args.sizes.split(",")], args.seed)
    if args._child:
        print(json.dumps(run_size(args._child, args.seed, args.profile, args.graphs)))
        return 0
    rows = [_median_run(n, args) for n in (int(s) for s in args.sizes.split(","))]
    print(table(rows))
    if args.repeat > 1:
        print(f"\n(each size: the run of median `build_graph` CPU time of {args.repeat})")
    print(f"\nPython {platform.python_version()}, {platform.platform()}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    return 0


def _median_run(n: int, args: argparse.Namespace) -> dict[str, Any]:
    """Run size ``n`` ``args.repeat`` times, each in a fresh process; the run of median
    ``build_graph`` CPU time, with every run's CPU time under ``cpu_runs``."""
    runs = []
    for _ in range(max(1, args.repeat)):
        out = subprocess.run([sys.executable, __file__, "--_child", str(n), "--seed",
                              str(args.seed), "--profile", str(args.profile),
                              *(["--graphs", args.graphs] if args.graphs else [])],
                             stdout=subprocess.PIPE, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"{n:>7} records: build_graph {runs[-1]['build_graph_s']:.2f} s "
              f"(CPU {runs[-1]['build_graph_cpu_s']:.2f} s), "
              f"peak {runs[-1]['peak_rss_mb']:.0f} MB", file=sys.stderr)
    runs.sort(key=lambda r: r["build_graph_cpu_s"])
    return {**runs[(len(runs) - 1) // 2], "cpu_runs": [r["build_graph_cpu_s"] for r in runs]}


def _stream_table(sizes: list[int], seed: int) -> int:
    print("| records | nodes | edges | peak RSS | wall (CPU), making the records included |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--_streamed", str(n), "--seed",
                              str(seed)], stdout=subprocess.PIPE, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"| {n:,} | {r['nodes']:,} | {r['edges']:,} | {r['peak_rss_mb']:,.0f} MB | "
              f"{r['wall_s']:.2f} s ({r['cpu_s']:.2f} s) |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
