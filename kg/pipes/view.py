"""What every extraction component reads: one document's tokens, spans and records.

:class:`DocState` indexes the marker span groups of a ``Doc`` (``kg_title``,
``kg_org``, ``kg_country``, ``kg_trigger``, ``kg_word``) by token, with the word
classes of the text's language; it is built once per document
(:func:`doc_state`) and cached on the ``Doc``. The records the components pass on
are small dataclasses: :class:`Official` (a name with what its title chain says)
and :class:`Cluster` (one person, agency or forum of the document, with its
mentions). Where each component puts its records is listed in :mod:`kg.pipes`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from spacy.tokens import Doc

from kg.lexicon import Lexicon, get_lexicon, languages, norm_key
from kg.meta import credit_line
from kg.records import Relation

ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.I)
ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&-]{1,9}$")
POSSESSIVE = {"'s", "’s", "'", "’"}
DASHES = {"-", "--", "–", "—"}

#: an official named in a sentence: cluster id, token start, token end, possessive ("X's")
Occurrence = tuple[str, int, int, bool]

#: ``Doc`` extension attributes set by the components (see :mod:`kg.pipes`)
EXTENSIONS = ("kg_state", "kg_byline", "kg_officials", "kg_people", "kg_orgs", "kg_frames",
              "kg_relations", "kg_sessions")


def register_extensions() -> None:
    """Declare the ``Doc._.kg_*`` attributes (once per process; default ``None``)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def doc_state(doc: Any, lang: str) -> DocState:
    """The document's :class:`DocState`, built on first use and kept on ``doc._.kg_state``."""
    state = doc._.kg_state
    if state is None or state.doc is not doc:
        state = DocState(doc, lang, get_lexicon())
        doc._.kg_state = state
    return state


def add_relations(doc: Any, phase: int, rank: int, relations: list[tuple[int, Any]]) -> None:
    """Add ``(sentence index, Relation)`` pairs to ``doc._.kg_relations`` in record order.

    A document's relations are listed sentence by sentence (``phase`` 0; within a
    sentence by ``rank``: meetings 0, attendance 1, co-appearance 2), then meetings
    at a forum both officials attended (phase 1), then affiliations (phase 2);
    :func:`ordered_relations` reads them in that order.
    """
    if doc._.kg_relations is None:
        doc._.kg_relations = []
    doc._.kg_relations.extend((phase, sent, rank, rel) for sent, rel in relations)


def relation(st: DocState, kind: str, a: str, b: str, sent_i: int, trigger: str | None,
             out: list[tuple[int, Relation]]) -> None:
    """Append a ``kind`` relation between ``a`` and ``b`` (never one with itself) to ``out``,
    with sentence ``sent_i`` as its evidence."""
    if a == b:
        return
    text, offset = evidence_text(st.sents[sent_i])
    out.append((sent_i, Relation(kind=kind, source=a, target=b, sentence=text, start=offset,
                                 end=offset + len(text), trigger=trigger)))


def ordered_relations(doc: Any) -> list[Any]:
    """The relations the components added, in record order (see :func:`add_relations`)."""
    rows = doc._.kg_relations or []
    return [row[3] for row in sorted(rows, key=lambda row: row[:3])]


class Component:
    """The shape of every extraction component, after spaCy's ``span_ruler``.

    ``match(doc)`` reads the annotations of the components before it and returns
    what it found, changing nothing; ``set_annotations(doc, found)`` writes that onto
    the ``Doc`` (a span group or a ``Doc._.kg_*`` attribute). ``lang`` (the pipeline's
    language, from the component config) selects the word classes.
    """

    def __init__(self, nlp: Any, name: str, lang: str) -> None:
        register_extensions()
        self.name = name
        self.lang = lang if lang in languages() else "en"

    def __call__(self, doc: Any) -> Any:
        self.set_annotations(doc, self.match(doc))
        return doc

    def state(self, doc: Any) -> DocState:
        return doc_state(doc, self.lang)

    def match(self, doc: Any) -> Any:  # pragma: no cover - every component defines it
        raise NotImplementedError

    def set_annotations(self, doc: Any, found: Any) -> None:  # pragma: no cover
        raise NotImplementedError


def is_cap(text: str) -> bool:
    return bool(text) and text[0].isupper()


def head_words(lex: Lexicon, langs: tuple[str, ...], position: str | None = None) -> set[str]:
    """The first word of the agency and forum heads of ``langs`` ("Embassy", "Kedutaan"),
    of one ``position`` ("start": the word opens the body's name) or of any."""
    return {h["text"].split()[0] for h in lex.heads
            if h["lang"] in langs and position in (None, h["position"])}


@dataclass
class Official:
    """A name run with what its title chain says."""

    start: int
    end: int
    name: str
    titled: bool
    role: str | None = None
    role_text: str | None = None
    category: str | None = None
    country: str | None = None
    former: bool = False
    agencies: list[int] = field(default_factory=list)  # indexes into org spans
    chain_start: int = 0
    rank_only: bool = False


@dataclass
class Cluster:
    id: str
    type: str
    name: str
    key: str = ""
    country: str | None = None
    role: str | None = None
    role_text: str | None = None
    category: str | None = None
    former: bool = False
    titled: bool = False
    aliases: Counter = field(default_factory=Counter)
    ordinals: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # token start, end, sent


class DocState:
    """Token-level bookkeeping for one document."""

    def __init__(self, doc: Any, lang: str, lex: Lexicon) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self.lang = lang
        self.lex = lex
        self.sent_of = [0] * len(doc)
        self.sents = list(doc.sents)
        for i, sent in enumerate(self.sents):
            for tok in sent:
                self.sent_of[tok.i] = i
        self.orgs = list(doc.spans["kg_org"])
        self.titles = [t for t in doc.spans["kg_title"] if not self._in_org(t.start, t.end)]
        #: titles that open an organisation's name ("Kepala Staf Gabungan"), by first token
        self.org_titles = {t.start: t for t in doc.spans["kg_title"]
                           if self._in_org(t.start, t.end) and t.start in {
                               o.start for o in doc.spans["kg_org"]}}
        self.countries = [c for c in doc.spans["kg_country"] if not self._in_org(c.start, c.end)]
        self.triggers = list(doc.spans["kg_trigger"])
        self.tok_title = self._index(self.titles)
        self.verb_toks = {t for s in self.triggers if s.label_.startswith(("trig:meeting:",
                                                                             "trig:attended:"))
                          for t in range(s.start, s.end)}
        self.tok_org = self._index(self.orgs)
        self.tok_country = self._index(self.countries)
        self.former_toks = {t for s in doc.spans["kg_word"] if s.label_ == "word:former"
                            for t in range(s.start, s.end)}
        self._classes: dict[str, set[str]] = {}
        #: the press's own country ("language" in countries.jsonl: Indonesia for "id")
        homes = [code for code, e in lex.countries.items() if e.get("language") == lang]
        self.home = homes[0] if len(homes) == 1 else None
        self.role_words = lex.word_class(lang, "role_word") | lex.word_class("en", "role_word")
        self.name_stop = lex.word_class(lang, "name_stop") | lex.word_class("en", "name_stop")
        #: capitalised common nouns, numerals, ordinals ("Seventh") and company words
        #: ("Industries") never in a person's name
        self.person_stop = self.name_stop | lex.word_class(lang, "person_stop") \
            | lex.word_class("en", "person_stop") | lex.word_class("en", "outlet_word") \
            | lex.word_class(lang, "outlet_word") | head_words(lex, (lang, "en")) \
            | lex.word_class(lang, "ordinal_word") | lex.word_class("en", "ordinal_word") \
            | lex.word_class("any", "company_word")
        #: words that open a body's name in the text's language ("Badan", "Biro")
        self.opening_heads = head_words(lex, (lang,), "start")
        self.outlets = {norm_key(o) for o in lex.word_class(lang, "outlet")
                        | lex.word_class("en", "outlet")}
        self.outlet_words = (lex.word_class("en", "outlet_word")
                             | lex.word_class(lang, "outlet_word"))
        #: closed-class words the rules read ("and", "the", "left" ...), from the lexicon
        self.words = {cls: lex.word_class("any", cls) for cls in (
            "coordinator", "name_field_and", "filler", "chain_connector", "session_word",
            "separate_cue", "chain_article", "plural_title_ending",
            "definite", "possessive_determiner", "negator", "proxy_cue", "sender_cue",
            "subject_pronoun", "office_preposition", "chain_preposition",
            "chain_link_preposition", "posting_preposition", "origin_preposition",
            "location_preposition", "org_name_connector", "alternative_cue",
            "list_coordinator", "agency_name_link", "forum_name_link")}
        self.name_suffixes = lex.word_class("en", "name_suffix")
        self.appositive_skip = (lex.word_class("en", "appositive_skip")
                                | lex.word_class(lang, "appositive_skip"))
        self.byline_lines = self._byline_lines()

    def classes(self, name: str) -> set[str]:
        """Words of class ``name`` in the text's language and in English (read once)."""
        if name not in self._classes:
            self._classes[name] = (self.lex.word_class(self.lang, name)
                                   | self.lex.word_class("en", name))
        return self._classes[name]

    def _in_org(self, start: int, end: int) -> bool:
        return any(o.start <= start and end <= o.end for o in self.doc.spans["kg_org"])

    @staticmethod
    def _index(spans: list[Any]) -> dict[int, int]:
        index = {}
        for n, span in enumerate(spans):
            for t in range(span.start, span.end):
                index[t] = n
        return index

    def _byline_lines(self) -> set[int]:
        """Character offsets of line starts that hold bylines, credits or e-mail addresses."""
        text = self.text
        marked = set()
        pos = 0
        for line in text.split("\n"):
            stripped = line.strip(" -–—\t")
            if "@" in line or credit_line(stripped) \
                    or (stripped.isupper() and len(stripped.split()) <= 4):
                marked.add(pos)
            pos += len(line) + 1
        return marked

    @cached_property
    def dateline_country(self) -> str | None:
        """The country of the dateline's city ("WASHINGTON, March 30 --", "Tokyo (ANTARA) -",
        "Jakarta, CNN Indonesia --"), None without one."""
        return dateline_country(self.text, self.lex)

    def in_headline(self, token_i: int) -> bool:
        """The token's line is title-cased like a headline ("Defense Chiefs Gather In ...")."""
        start = self.line_start(self.doc[token_i].idx)
        end = self.text.find("\n", start)
        line = self.text[start:end if end >= 0 else None].strip()
        if not line or line[-1] in ".!?\"”’)]:,;":
            return False  # headlines carry no closing punctuation, and do not break off
        words = re.findall(r"[A-Za-z][\w'-]*", line)
        caps = sum(1 for w in words if w[0].isupper())
        return 4 <= len(words) <= self.lex.windows["headline_max_words"] \
            and caps >= 0.7 * len(words)

    def line_start(self, char: int) -> int:
        return self.text.rfind("\n", 0, char) + 1

    def is_byline(self, token_i: int) -> bool:
        return self.line_start(self.doc[token_i].idx) in self.byline_lines

    def free(self, i: int) -> bool:
        return i not in self.tok_title and i not in self.tok_org and i not in self.tok_country


#: where a dateline's head ends: a dash (spaced, doubled or long) or a colon
DATELINE_END = re.compile(r"\s[-–—]\s|--|[–—]|:\s")


def dateline_country(text: str, lex: Any) -> str | None:
    r"""The country of the city a dateline names, in the first lines of ``text``.

    A dateline's head is the short start of a line before a dash or a colon ("SEOUL,
    Jan. 10 (Yonhap) --", "Tokyo (ANTARA) -", "Liputan6.com, Jakarta -", "Jakarta:");
    its first words that name a country or its capital (``countries.jsonl``) give it.

    Examples
    --------
    >>> from kg.lexicon import get_lexicon
    >>> lex = get_lexicon()
    >>> dateline_country("Talks end\n\nSEOUL, Jan. 10 (Yonhap) -- The allies ...", lex)
    'KR'
    >>> dateline_country("Tokyo (ANTARA) - Menteri ...", lex)
    'JP'
    >>> dateline_country("REPUBLIKA.CO.ID, JAKARTA--Pemerintah ...", lex)
    'ID'
    >>> print(dateline_country("Japan, US agree on troop-pact talks\n\nThe two ...", lex))
    None
    """
    for line in [ln for ln in text[:1500].splitlines() if ln.strip()][:8]:
        end = DATELINE_END.search(line)
        head = line[:end.start()] if end else ""
        words = re.findall(r"[\w.'-]+", head)
        if not words or len(words) > 7:
            continue
        for n in range(len(words)):
            for k in (3, 2, 1):
                code = _country_named(" ".join(words[n:n + k]), lex)
                if code:
                    return code
    return None


def _country_named(words: str, lex: Any) -> str | None:
    """The country whose name or capital (an alias in ``countries.jsonl``) ``words`` is."""
    return lex.country_by_name.get(words.casefold())


def name_parts(name: str) -> list[str]:
    return [p for p in re.split(r"\s+", name.strip()) if p]


def surname_keys(name: str) -> set[str]:
    parts = name_parts(name)
    keys = {norm_key(parts[0]), norm_key(parts[-1])} if parts else set()
    return {k for k in keys if len(k) >= 2}


def text_at(doc: Any, i: int) -> str:
    """The text of token ``i``, or "" past either end of ``doc`` (a span may end the text)."""
    return doc[i].text if 0 <= i < len(doc) else ""


def evidence_text(sent: Any) -> tuple[str, int]:
    """A sentence's text without surrounding space or a dangling opening bracket."""
    raw = sent.text
    text = raw.strip().rstrip("([{ \t")
    return text, sent.start_char + (len(raw) - len(raw.lstrip()))


def is_exercise(st: DocState, cl: Cluster) -> bool:
    """A military exercise: ``"exercise": true`` in the gazetteer, or named as one."""
    if cl.key:
        return bool(st.lex.gazetteer.get(cl.key, {}).get("exercise"))
    return named_as(st, cl, "exercise")


def named_as(st: DocState, cl: Cluster, noun: str) -> bool:
    """The forum's name has a word of kind ``noun`` ("summit", "exercise"; lexicon data),
    or a mention of it is followed by one ("the Talisman Sabre exercise")."""
    words = {w.casefold() for w in st.lex.anaphor_match.get(noun, ())}
    after = {text_at(st.doc, e).casefold() for _s, e, _sent in cl.mentions}
    return any(w.casefold() in words for w in re.findall(r"[\w']+", cl.name)) \
        or not words.isdisjoint(after)
