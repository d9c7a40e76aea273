"""Marker components: sentence starts at line breaks, and phrase spans from the data files.

``kg_line_sentences`` starts a sentence after every line break, so headlines,
captions and bylines never merge with body text. The phrase markers, one per kind
of phrase, each mark one span group from the rules in ``kg/data`` (patterns are
made with the pipeline's own tokenizer, so a multi-word entry matches token by
token; entries match ignoring case unless they are matched as written):

========================  =====================  =====================================
component                 span group             labels (pointing back into the data)
========================  =====================  =====================================
``kg_title_marker``       ``kg_title``           ``title:LANG:TEXT`` (``LANG/titles.jsonl``)
``kg_org_marker``         ``kg_org``             ``gaz:ID`` (gazetteer), ``gen:KEY``
                                                 (``generic_agencies.jsonl``)
``kg_country_marker``     ``kg_country``         ``country:CODE`` (``countries.jsonl``)
``kg_trigger_marker``     ``kg_trigger``         ``trig:RELATION:STRENGTH[:COUNT]``
                                                 (``LANG/triggers.jsonl``; overlaps kept)
``kg_word_marker``        ``kg_word``            ``word:former`` (``lexicon.jsonl``)
========================  =====================  =====================================

Each marker follows spaCy's ``span_ruler``: ``match()`` finds the spans, changing
nothing, then ``set_annotations()`` writes the group (longest match wins where
spans overlap, except for triggers). ``to_disk`` / ``from_disk`` save and load
its patterns (``patterns.jsonl``: ``label``, ``text``, ``exact``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.lexicon import Lexicon, get_lexicon, title_label

#: one pattern: span label, text, matched as written (else ignoring case)
Pattern = tuple[str, str, bool]


@Language.factory("kg_line_sentences")
def make_line_sentences(nlp: Language, name: str) -> Any:
    """Factory for the line-break sentence splitter."""

    def line_sentences(doc: Doc) -> Doc:
        for token in doc[:-1]:
            nxt = doc[token.i + 1]
            if "\n" in token.text or "\n" in token.whitespace_:
                nxt.is_sent_start = True
            elif nxt.is_sent_start and _runs_on(token):
                nxt.is_sent_start = False  # "... Administration (DAPA) | Seok Jong-gun met"
        return doc

    return line_sentences


def _runs_on(token: Any) -> bool:
    """No sentence ends after ``token`` in the middle of a line: a word or number, or a
    closing bracket, with no full stop, question mark or quote (the statistical
    sentence splitter sometimes cuts "Director of DAPA (DAPA) | Seok Jong-gun met ...")."""
    return token.text == ")" or (token.is_alpha and not token.is_punct) or token.like_num


def local_names(entry: dict[str, Any], lang: str, suffix: str = "") -> list[str]:
    """An entry's English names, matched in every language, plus those of ``lang``.

    A language's own names sit in the field named after it (``id`` in
    ``countries.jsonl`` and ``generic_agencies.jsonl``, ``id_aliases`` in the
    gazetteer: ``suffix="_aliases"``), so a new language adds its field.
    """
    return entry["en"] + (entry.get(lang + suffix, []) if lang != "en" else [])


def title_patterns(lex: Lexicon, lang: str) -> Iterator[Pattern]:
    """Titles and ranks; bare abbreviations ("Gen", "Col") only as written."""
    for title in lex.titles:
        if title["lang"] == lang:
            yield title_label(title), title["text"], bool(title.get("abbr"))


def org_patterns(lex: Lexicon, lang: str) -> Iterator[Pattern]:
    """Gazetteer names (acronyms as written) and country-dependent names."""
    for gid, entry in lex.gazetteer.items():
        for name in local_names(entry, lang, "_aliases"):
            yield f"gaz:{gid}", name, False
        for name in entry["acronyms"]:
            yield f"gaz:{gid}", name, True
    for key, entry in lex.generic.items():
        names = local_names(entry, lang)
        upper = [n for n in names if n.isupper() and len(n) <= 5]
        for name in [n for n in names if n not in upper] + upper:
            yield f"gen:{key}", name, name in upper


def country_patterns(lex: Lexicon, lang: str) -> Iterator[Pattern]:
    """Country names, adjectives and capitals as written, and their possessives."""
    for code, entry in lex.countries.items():
        names = local_names(entry, lang)
        for name in names + [n + "'s" for n in names] + [n + "’s" for n in names]:
            yield f"country:{code}", name, True


def trigger_patterns(lex: Lexicon, lang: str) -> Iterator[Pattern]:
    """Relation trigger words; an all-capitals one as written."""
    for trig in lex.triggers:
        if trig["lang"] == lang:
            label = f"trig:{trig['relation']}:{trig['strength']}"
            if "count" in trig:
                label += f":{trig['count']}"
            yield label, trig["text"], trig["text"].isupper()


def word_patterns(lex: Lexicon, lang: str) -> Iterator[Pattern]:
    """Word classes the rules read as phrases: "former", "mantan saat itu" (ignoring case)."""
    for text in sorted(lex.word_class(lang, "former")):
        yield "word:former", text, False


class PhraseMarker:
    """Marks one span group with the phrases of one kind (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, group: str, patterns: list[Pattern],
                 keep_overlaps: bool = False) -> None:
        self.name = name
        self.group = group
        self.keep_overlaps = keep_overlaps
        self._make_doc = nlp.make_doc
        self._vocab = nlp.vocab
        self.set_patterns(patterns)

    def set_patterns(self, patterns: list[Pattern]) -> None:
        """Replace the patterns (as read from the data, or from ``from_disk``)."""
        self.patterns = list(patterns)
        self.lower = PhraseMatcher(self._vocab, attr="LOWER")
        self.orth = PhraseMatcher(self._vocab, attr="ORTH")
        for label, text, exact in self.patterns:
            if text.strip():
                (self.orth if exact else self.lower).add(label, [self._make_doc(text)])

    def match(self, doc: Doc) -> list[Span]:
        """The spans of this group, longest first where they overlap (triggers: all)."""
        spans = [Span(doc, start, end, label=doc.vocab.strings[match_id])
                 for matcher in (self.lower, self.orth) for match_id, start, end in matcher(doc)]
        if self.keep_overlaps:  # overlapping triggers are all useful
            return sorted(set(spans), key=lambda s: (s.start, s.end))
        return sorted(filter_spans(spans), key=lambda s: s.start)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        doc.spans[self.group] = spans

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        rows = [json.dumps({"label": lb, "text": t, "exact": e}, ensure_ascii=False)
                for lb, t, e in self.patterns]
        (path / "patterns.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> PhraseMarker:
        lines = (Path(path) / "patterns.jsonl").read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
        self.set_patterns([(r["label"], r["text"], bool(r["exact"])) for r in rows])
        return self


MARKERS = {
    "kg_title_marker": ("kg_title", title_patterns),
    "kg_org_marker": ("kg_org", org_patterns),
    "kg_country_marker": ("kg_country", country_patterns),
    "kg_trigger_marker": ("kg_trigger", trigger_patterns),
    "kg_word_marker": ("kg_word", word_patterns),
}


def _register(factory: str) -> None:
    group, patterns = MARKERS[factory]

    def make(nlp: Language, name: str, lang: str) -> PhraseMarker:
        return PhraseMarker(nlp, name, group, list(patterns(get_lexicon(), lang)),
                            keep_overlaps=group == "kg_trigger")

    make.__doc__ = f"Factory for the ``{group}`` :class:`PhraseMarker`."
    Language.factory(factory, default_config={"lang": "en"})(make)


for _factory in MARKERS:
    _register(_factory)
