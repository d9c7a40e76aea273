#!/usr/bin/env python
"""Realistic fuzzing of extraction: variants of real-looking news, never random Unicode.

Random text never looks like news, so property tests with arbitrary Unicode
missed a crash that real articles hit (a title phrase ending at the document's
last token). This harness derives *variants* from whole articles, the way real
inputs differ from clean ones:

- truncations after every sentence end and right after every title ("... Army
  Chief of Staff"), and one word later (a cut-off name);
- texts ending on a title, an acronym, an open bracket, a quote, an apostrophe;
- headline-only texts, and headlines that are only a title;
- shuffled paragraphs, all paragraphs joined on one line, the text doubled, all
  capitals, smart/straight quote swaps, inserted HTML/Markdown markup;
- zero-width, right-to-left, line/paragraph-separator and no-break characters;
- long lists of titled names.

Each variant goes through the language's spaCy pipeline and
:func:`kg.extract.extract_document` (or the blank pipelines the tests use);
a variant *fails* when extraction raises, takes longer than the time limit,
or returns offsets that do not point at their text. Failures are shrunk to a
minimal reproducing text. At the end the records of every variant are resolved
into one graph, which is saved and loaded again, and a sample of the variants is
built from files with :func:`kg.build` (no document may be lost).

Usage::

    python benchmarks/fuzz.py seeds/                         # >= 1,800 seed variants
    python benchmarks/fuzz.py benchmarks/fuzz_articles/
    python benchmarks/fuzz.py seeds/ --blank --limit 300     # fast, no models

Exit status 0 when nothing failed, 1 otherwise; the summary goes to stdout
(``--json`` for JSON).

Examples
--------
>>> kinds = {v.kind for v in article_variants("Defense Minister Ahn met reporters.\\nEnd.",
...                                           "en", rounds=1)}
>>> {"cut-sentence", "cut-title", "end-title", "upper", "doubled"} <= kinds
True
"""

from __future__ import annotations

import argparse
import json
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Variant", "article_variants", "check_record", "corpus_variants", "run"]

#: Characters that real pages carry invisibly.
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
RTL = ("\u200f", "\u202b", "\u202e", "\u2067", "\u202c")
SEPARATORS = ("\u2028", "\u2029", "\u0085", "\u00a0", "\u3000", "\t")
MARKUP = ("<b>", "</b>", "<p>", "</p>", "<br/>", "&amp;", "&nbsp;", "**", "_", "[1]",
          "<a href=\"x\">", "</a>", "## ", "> ")
ENDINGS = {
    "en": [" Defense Minister", " Army Chief of Staff", " Gen.", " (JSA", " \"", " '",
           " the Pentagon's", " JCS", " ROK-U.S.", " Secretary", " (", " —", " Lt. Col."],
    "id": [" Menteri Pertahanan", " Kepala Staf Angkatan Darat", " Jenderal", " (KIDD",
           " \"", " '", " Kemhan", " TNI", " Juru bicara", " (", " —", " Kolonel"],
}
NAMES = ["Ahn Gyu-back", "Kim Min-jun", "Lee Seo-yeon", "Park Ji-hoon", "Choi Yu-na",
         "John Miller", "Sarah Lopez", "Haruto Sato", "Budi Santoso", "Siti Rahma",
         "Nguyen Van An", "Maria Santos"]
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|$)|\n")


@dataclass(frozen=True)
class Variant:
    """One text to extract: where it comes from, how it was made, and the text."""

    source: str
    lang: str
    kind: str
    text: str


# ---------------------------------------------------------------------- variants
def _titles(lang: str) -> list[str]:
    """The lexicon's title phrases of ``lang``, longest first."""
    from kg.lexicon import get_lexicon

    texts = {t["text"] for t in get_lexicon().titles if t["lang"] == lang}
    return sorted(texts, key=lambda t: (-len(t), t))


def _title_ends(text: str, lang: str) -> list[int]:
    """Character offsets right after each title phrase in ``text``."""
    ends: set[int] = set()
    for title in _titles(lang):
        for m in re.finditer(rf"(?<!\w){re.escape(title)}(?!\w)", text):
            ends.add(m.end())
    return sorted(ends)


def _cuts(text: str, lang: str) -> Iterator[tuple[str, str]]:
    """Truncations: after every sentence end (as is, and then ending on a title, bracket,
    quote ...), after every title (in the text, on one line, in capitals), one word later."""
    endings = ENDINGS[lang]
    for k, m in enumerate(_SENTENCE_END.finditer(text)):
        if 0 < m.end() < len(text.rstrip()):
            yield "cut-sentence", text[:m.end()]
            yield "cut-sentence-ending", text[:m.end()].rstrip() + endings[k % len(endings)]
    joined, upper = text.replace("\n", " "), text.upper()
    for end in _title_ends(text, lang):
        yield "cut-title", text[:end]
        yield "cut-title-joined", joined[:end]
        yield "cut-title-upper", upper[:end]
        nxt = re.match(r"\s+\S+", text[end:])
        if nxt:
            yield "cut-title-word", text[:end + nxt.end()]


def _endings(text: str, lang: str) -> Iterator[tuple[str, str]]:
    """The text, and its first sentence, ending on a title, acronym, bracket, quote, apostrophe."""
    first = _SENTENCE_END.search(text)
    lead = text[:first.end()] if first else text
    for ending in ENDINGS[lang]:
        yield "end-title", text.rstrip() + ending
        yield "end-title-lead", lead + ending
    head = text.split("\n", 1)[0]
    yield "headline-only", head
    for title in _titles(lang)[:: max(1, len(_titles(lang)) // 12)]:
        yield "headline-title", title


def _insert(text: str, rng: random.Random, chars: Iterable[str], n: int) -> str:
    """``text`` with ``n`` of ``chars`` inserted at random positions (inside words too)."""
    pool = list(chars)
    out = list(text)
    for _ in range(n):
        out.insert(rng.randrange(len(out) + 1), rng.choice(pool))
    return "".join(out)


def _at_spaces(text: str, rng: random.Random, chars: Iterable[str], share: float) -> str:
    """``text`` with a share of its spaces and newlines replaced by ``chars``."""
    pool = list(chars)
    return re.sub(r"[ \n]", lambda m: rng.choice(pool) if rng.random() < share else m.group(),
                  text)


def _swap_quotes(text: str, smart: bool) -> str:
    if smart:
        text = re.sub(r'"(\w)', "“\\1", text)
        text = text.replace('"', "”").replace("'", "’")
        return text
    return (text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'"))


def _titled_list(lang: str, rng: random.Random, n: int = 60) -> str:
    """A sentence listing ``n`` titled names (a delegation or an attendance list)."""
    titles = [t for t in _titles(lang) if t[:1].isupper()]
    people = [f"{rng.choice(titles)} {rng.choice(NAMES)}" for _ in range(n)]
    joiner = " dan " if lang == "id" else " and "
    verb = "Hadir dalam pertemuan itu: " if lang == "id" else "Attending were "
    return verb + ", ".join(people[:-1]) + joiner + people[-1] + "."


def _random_kinds(text: str, lang: str, rng: random.Random) -> Iterator[tuple[str, str]]:
    """One round of the randomised variants."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    shuffled = lines[:]
    rng.shuffle(shuffled)
    yield "shuffled", "\n".join(shuffled)
    yield "shuffled-paragraphs", "\n\n".join(shuffled)
    yield "joined", " ".join(lines)
    n = max(3, len(text) // 200)
    yield "markup", _insert(text, rng, MARKUP, n)
    yield "zero-width", _insert(text, rng, ZERO_WIDTH, n)
    yield "rtl", _insert(text, rng, RTL, n)
    yield "separators", _at_spaces(text, rng, SEPARATORS, 0.2)
    yield "titled-list", text.rstrip() + "\n" + _titled_list(lang, rng)
    yield "titled-list-only", _titled_list(lang, rng, n=rng.randrange(20, 120))
    cut = rng.randrange(1, len(text))
    yield "cut-anywhere", text[:cut]


def article_variants(text: str, lang: str, *, rounds: int = 1, seed: int = 0,
                     source: str = "") -> list[Variant]:
    """Every variant of one article.

    Parameters
    ----------
    text : str
        The article.
    lang : {"en", "id"}
        Its language (selects titles and endings).
    rounds : int
        How many times the randomised kinds are drawn (with different seeds).
    seed : int
        Seed of the random draws (the same seed gives the same variants).
    source : str
        Where ``text`` came from (kept on each variant).

    Returns
    -------
    list of Variant
        Deterministic for a given ``text``, ``rounds`` and ``seed``; empty texts dropped.
    """
    made: list[tuple[str, str]] = [*_cuts(text, lang), *_endings(text, lang)]
    made += [("doubled", text + "\n" + text), ("upper", text.upper()),
             ("quotes-smart", _swap_quotes(text, True)),
             ("quotes-straight", _swap_quotes(text, False)),
             ("crlf-tabs", text.replace("\n", "\n\t").replace(" ", "  "))]
    for r in range(rounds):
        made += list(_random_kinds(text, lang, random.Random(f"{seed}:{r}:{source}")))
    return [Variant(source, lang, kind, body) for kind, body in made if body.strip()]


def corpus_variants(paths: Iterable[Path], *, rounds: int = 1, seed: int = 0) -> list[Variant]:
    """The variants of every ``.txt`` article under ``paths`` (language detected)."""
    from kg.meta import detect_language

    out: list[Variant] = []
    for path in sorted(_articles(paths)):
        text = path.read_text(encoding="utf-8")
        lang = detect_language(text)
        out += article_variants(text, "id" if lang == "id" else "en", rounds=rounds, seed=seed,
                                source=path.name)
    return out


def _articles(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        path = Path(path)
        yield from (sorted(path.glob("*.txt")) if path.is_dir() else [path])


# ---------------------------------------------------------------------- checking
def check_record(text: str, record: Any) -> list[str]:
    """Problems with an extraction record of ``text``: offsets that miss their text.

    Examples
    --------
    >>> from kg.records import DocExtraction, Relation
    >>> rec = DocExtraction("d", "en", relations=[Relation("meeting", "a", "b", "A met B.", 0, 8)])
    >>> check_record("A met B.", rec), check_record("A met C.", rec)
    ([], ["relation offsets 0-8 do not give its sentence 'A met B.'"])
    """
    problems = []
    for entity in record.entities:
        for m in entity.mentions:
            if text[m.start:m.end] != m.text:
                problems.append(f"mention offsets {m.start}-{m.end} do not give {m.text!r}")
    for rel in record.relations:
        if text[rel.start:rel.end] != rel.sentence:
            problems.append(f"relation offsets {rel.start}-{rel.end} do not give its sentence "
                            f"{rel.sentence[:60]!r}")
    return problems[:3]


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def _extract(nlp_for: Callable[[str], Any], v: Variant, timeout: float) -> tuple[Any, float]:
    """Extract one variant under a time limit; returns the record and the seconds taken."""
    from kg.extract import extract_document

    started = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        record = extract_document(nlp_for(v.lang)(v.text), doc_id=f"{v.source}:{v.kind}",
                                  lang=v.lang)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return record, time.perf_counter() - started


def _fails(nlp_for: Callable[[str], Any], text: str, lang: str, error: str,
           timeout: float) -> bool:
    """Whether extracting ``text`` still raises an error of type ``error``."""
    try:
        _extract(nlp_for, Variant("", lang, "", text), timeout)
    except Exception as exc:
        return type(exc).__name__ == error
    return False


def shrink(nlp_for: Callable[[str], Any], text: str, lang: str, error: str,
           timeout: float = 30.0, budget: int = 200) -> str:
    """A shorter text that raises the same error: lines, then words, dropped while it does."""
    for unit in ("\n", " "):
        parts = text.split(unit)
        i = 0
        while i < len(parts) and budget > 0:
            trial = unit.join(parts[:i] + parts[i + 1:])
            budget -= 1
            if trial.strip() and _fails(nlp_for, trial, lang, error, timeout):
                parts = parts[:i] + parts[i + 1:]
            else:
                i += 1
        text = unit.join(parts)
    return text


@dataclass
class Report:
    """What a fuzz run found."""

    variants: int = 0
    by_kind: Counter = field(default_factory=Counter)
    by_lang: Counter = field(default_factory=Counter)
    failures: list[dict[str, Any]] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")
    seconds: float = 0.0
    graph: dict[str, Any] = field(default_factory=dict)
    build: dict[str, Any] = field(default_factory=dict)

    def ok(self) -> bool:
        return (not self.failures and self.graph.get("ok", False)
                and self.build.get("ok", True))

    def to_dict(self) -> dict[str, Any]:
        return {"variants": self.variants, "languages": dict(self.by_lang),
                "kinds": dict(sorted(self.by_kind.items())), "failures": self.failures,
                "slowest_seconds": round(self.slowest[0], 3), "slowest": self.slowest[1],
                "seconds": round(self.seconds, 1), "graph": self.graph, "build": self.build,
                "ok": self.ok()}


def _failure(nlp_for: Callable[[str], Any], v: Variant, exc: BaseException,
             timeout: float) -> dict[str, Any]:
    error = type(exc).__name__
    if isinstance(exc, _Timeout):
        return {"source": v.source, "kind": v.kind, "error": f"took over {timeout}s (hang)",
                "chars": len(v.text)}
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f"{Path('kg')}/" in f.filename and "fuzz" not in f.filename]
    last = (ours or frames)[-1]
    return {"source": v.source, "kind": v.kind, "error": f"{error}: {exc}",
            "where": f"{Path(last.filename).name}:{last.lineno} {last.name}",
            "minimal": shrink(nlp_for, v.text, v.lang, error, timeout)}


def run(variants: list[Variant], nlp_for: Callable[[str], Any], *, timeout: float = 30.0,
        progress: Callable[[int, int], None] | None = None) -> tuple[Report, list[Any]]:
    """Extract every variant; returns the report and the records of those that succeeded.

    Parameters
    ----------
    variants : list of Variant
        What to extract.
    nlp_for : callable
        ``nlp_for(lang)`` gives the spaCy pipeline of a language.
    timeout : float
        Seconds one variant may take before it counts as a hang.
    progress : callable, optional
        Called with (done, total) every 100 variants.
    """
    report, records = Report(), []
    for lang in sorted({v.lang for v in variants}):
        nlp_for(lang)  # models load before the clock starts
    started = time.perf_counter()
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for k, v in enumerate(variants, start=1):
            report.variants += 1
            report.by_kind[v.kind] += 1
            report.by_lang[v.lang] += 1
            try:
                record, took = _extract(nlp_for, v, timeout)
            except (Exception, _Timeout) as exc:
                report.failures.append(_failure(nlp_for, v, exc, timeout))
                continue
            problems = check_record(v.text, record)
            if problems:
                report.failures.append({"source": v.source, "kind": v.kind,
                                        "error": "; ".join(problems)})
            report.slowest = max(report.slowest, (took, f"{v.source}:{v.kind}"))
            records.append(record)
            if progress and k % 100 == 0:
                progress(k, len(variants))
    finally:
        signal.signal(signal.SIGALRM, previous)
    report.seconds = time.perf_counter() - started
    return report, records


# ---------------------------------------------------------------------- graph and build checks
def check_graph(records: list[Any]) -> dict[str, Any]:
    """Resolve all records into one graph, save it and load it back."""
    from kg.graph import KnowledgeGraph
    from kg.resolve import build_graph

    try:
        graph = build_graph(records)
        with tempfile.TemporaryDirectory() as tmp:
            graph.save(Path(tmp) / "g.json")
            loaded = KnowledgeGraph.load(Path(tmp) / "g.json")
        stats = loaded.stats()
    except Exception as exc:  # reported, not raised: the run goes on
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    ok = stats["documents"] == len(records)
    return {"ok": ok, "documents": stats["documents"], "nodes": sum(stats["nodes"].values()),
            "edges": sum(stats["edges"].values())}


def check_build(variants: list[Variant], n: int, seed: int = 0) -> dict[str, Any]:
    """Write ``n`` variants as .txt, .html and .jsonl files and build them: none may be lost."""
    import kg

    sample = random.Random(seed).sample(variants, min(n, len(variants)))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        expected = _write_sample(folder, sample)
        try:
            graph = kg.build([folder], cache=False)
        except Exception as exc:
            return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        docs = graph.meta.get("documents", [])
        failed = [d["id"] for d in docs if any("extraction failed" in n for n in d["notes"])]
        skipped = graph.meta.get("skipped", [])
    ok = len(docs) == expected and not failed and not skipped
    return {"ok": ok, "files": len(sample), "documents": len(docs), "expected": expected,
            "failed": failed, "skipped": skipped}


def _write_sample(folder: Path, sample: list[Variant]) -> int:
    """Write the sample; returns how many documents it holds (blank ones are not documents)."""
    lines = []
    expected = 0
    for i, v in enumerate(sample):
        visible = v.text.strip(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029\ufeff\u200b")
        if i % 3 == 0:
            lines.append("\ufeff" + json.dumps({"id": str(i), "text": v.text, "lang": v.lang}))
            expected += bool(visible)
            continue
        name = f"{i:04d}.{'html' if i % 3 == 1 else 'txt'}"
        body = (f"<html><body><p>{_html_escape(v.text)}</p></body></html>" if name.endswith("html")
                else v.text)
        (folder / name).write_text(body, encoding="utf-8")
        expected += bool(visible)
    (folder / "variants.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return expected


def _html_escape(text: str) -> str:
    import html

    return html.escape(text).replace("\n", "<br>\n")


# ---------------------------------------------------------------------- command line
def _pipelines(blank: bool) -> Callable[[str], Any]:
    if not blank:
        from kg.nlp import load_pipeline

        return load_pipeline
    import spacy

    from kg.pipes import add_kg_pipes

    cache: dict[str, Any] = {}

    def make(lang: str) -> Any:
        if lang not in cache:
            nlp = spacy.blank(lang)
            nlp.add_pipe("sentencizer")
            cache[lang] = add_kg_pipes(nlp, lang)
        return cache[lang]

    return make


def _print_report(report: Report, as_json: bool) -> None:
    data = report.to_dict()
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return
    langs = ", ".join(f"{k} {v}" for k, v in data["languages"].items())
    print(f"variants: {data['variants']} ({langs}) in {data['seconds']}s; "
          f"slowest {data['slowest_seconds']}s ({data['slowest']})")
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in data["kinds"].items()))
    print(f"failures: {len(report.failures)}")
    for f in report.failures:
        print(f"  {f['source']} [{f['kind']}]: {f['error']} {f.get('where', '')}")
        if f.get("minimal"):
            print(f"    minimal text: {f['minimal']!r}")
    print(f"graph of all records: {data['graph']}")
    if data["build"]:
        print(f"build of a sample from files: {data['build']}")
    print("OK" if data["ok"] else "PROBLEMS FOUND")


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="articles (.txt) or folders of them")
    parser.add_argument("--rounds", type=int, default=15, help="draws of the random kinds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=0, help="at most this many variants")
    parser.add_argument("--blank", action="store_true", help="blank pipelines (no models)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a hang")
    parser.add_argument("--build-sample", type=int, default=60,
                        help="variants written to files and built with kg.build (0: none)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    variants = corpus_variants(args.paths, rounds=args.rounds, seed=args.seed)
    if args.limit:
        variants = random.Random(args.seed).sample(variants, min(args.limit, len(variants)))
    report, records = run(variants, _pipelines(args.blank), timeout=args.timeout,
                          progress=lambda k, n: print(f"{k}/{n}", file=sys.stderr, flush=True))
    report.graph = check_graph(records)
    if args.build_sample and not args.blank:
        report.build = check_build(variants, args.build_sample, args.seed)
    _print_report(report, args.json)
    return 0 if report.ok() else 1


if __name__ == "__main__":
    sys.exit(main())
