"""One processed spaCy ``Doc`` -> one :class:`kg.records.DocExtraction`.

Stages, all driven by the spans that ``kg_domain`` marks and by the lexicon:

1. **Officials**: a name run after a chain of titles, countries and agencies
   ("South Korean Defense Minister Ahn Gyu-back", "Juru bicara Kepala Staf
   Gabungan Korea Selatan Kolonel Lee Sung-jun"), or before an appositive title
   ("Ely Ratner, asisten menteri pertahanan ..."). Later surname mentions
   ("Ahn", "Secretary Hegseth") join the full name. Names the models find but the
   document gives no office are kept as ``person`` (resolution may promote them).
2. **Agencies and forums**: gazetteer names, country-dependent names resolved
   with the country the text gives ("Japan's Defense Ministry", "kementerian
   pertahanan di Seoul") and general head-noun patterns ("... Command",
   "Komite ..."); acronym definitions ("Long Form (ACR)") add aliases.
3. **Relations** per sentence from trigger words: ``meeting``, ``attended``,
   ``affiliated`` (from the title chain) and ``co_appearance``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from kg.lexicon import Lexicon, get_lexicon, norm_key
from kg.meta import find_byline, find_date, find_title
from kg.records import DocExtraction, Entity, Mention, Relation

__all__ = ["extract_document"]

_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.I)
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&-]{1,9}$")
_POSSESSIVE = {"'s", "’s", "'", "’"}


def _is_cap(text: str) -> bool:
    return bool(text) and text[0].isupper()


@dataclass
class _Official:
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
class _Cluster:
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


class _DocState:
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
        self.words = list(doc.spans["kg_word"])
        self.triggers = list(doc.spans["kg_trigger"])
        self.tok_title = self._index(self.titles)
        self.verb_toks = {t for s in self.triggers if s.label_.startswith(("trig:meeting:",
                                                                             "trig:attended:"))
                          for t in range(s.start, s.end)}
        self.tok_org = self._index(self.orgs)
        self.tok_country = self._index(self.countries)
        self.former_toks = {t for s in self.words if s.label_ == "word:former"
                            for t in range(s.start, s.end)}
        self._classes: dict[str, set[str]] = {}
        #: the press's own country ("language" in countries.jsonl: Indonesia for "id")
        homes = [code for code, e in lex.countries.items() if e.get("language") == lang]
        self.home = homes[0] if len(homes) == 1 else None
        self.role_words = lex.word_class(lang, "role_word") | lex.word_class("en", "role_word")
        self.name_stop = lex.word_class(lang, "name_stop") | lex.word_class("en", "name_stop")
        #: capitalised common nouns and numerals that are never part of a person's name
        self.person_stop = self.name_stop | lex.word_class(lang, "person_stop") \
            | lex.word_class("en", "person_stop") | lex.word_class("en", "outlet_word") \
            | lex.word_class(lang, "outlet_word")
        self.outlets = {norm_key(o) for o in lex.word_class(lang, "outlet")
                        | lex.word_class("en", "outlet")}
        self.outlet_words = (lex.word_class("en", "outlet_word")
                             | lex.word_class(lang, "outlet_word"))
        #: closed-class words the rules read ("and", "the", "left" ...), from the lexicon
        self.words = {cls: lex.word_class("any", cls) for cls in (
            "coordinator", "filler", "chain_connector", "session_word", "separate_cue",
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
            if (
                "@" in line
                or re.match(r"(?i)^(by|oleh|penulis|reporter|pewarta|editor|redaktur|foto|"
                            r"fotografer|photo|sumber|source)\b", stripped)
                or (stripped.isupper() and len(stripped.split()) <= 4)
            ):
                marked.add(pos)
            pos += len(line) + 1
        return marked

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


# ---------------------------------------------------------------------------- officials
def _given_name_like_a_word(st: _DocState, j: int) -> bool:
    """"bersama Dan Cain": a coordinator capitalised inside a sentence starts a name."""
    doc = st.doc
    tok = doc[j]
    if tok.lower_ not in st.words["coordinator"] or tok.text == tok.lower_:
        return False
    if j == tok.sent.start or not doc[j - 1].is_alpha or j + 1 >= len(doc):
        return False  # "Dan Menteri ...": a sentence may open with the word
    nxt = doc[j + 1]
    return _is_cap(nxt.text) and nxt.is_alpha and st.free(j + 1) \
        and nxt.text not in st.person_stop and nxt.text not in st.role_words


def _name_run(st: _DocState, i: int) -> int:
    """End (exclusive) of the capitalised name starting at token ``i`` (``i`` if none)."""
    doc = st.doc
    j = i
    words = 0
    while j < len(doc) and words < st.lex.windows["name_max_tokens"]:
        tok = doc[j]
        text = tok.text
        hyphenated = _hyphen_follows(doc, j)
        if j > i and text in st.name_suffixes:
            j += 1  # "Ferdinand Marcos Jr.", "Lloyd J. Austin III"
            break
        if j > i and (st.sent_of[j] != st.sent_of[i]
                      or (doc[j - 1].text.endswith(".") and len(doc[j - 1].text) > 2)):
            break  # "Dong Jun. Rencana ...": the name ended with the sentence
        if (
            tok.is_alpha or re.match(r"^[A-Z][\w'’.]*$", text)
        ) and _is_cap(text) and st.free(j) and (
            text not in st.person_stop or (j > i and hyphenated)  # "Yeo In-hyung"
            or (j == i and _given_name_like_a_word(st, j))
        ) and (
            text not in st.role_words
        ) and not (text.isupper() and len(text) <= 2 and j == i):
            words += 1
            j += 1
            # hyphenated given names: "Gyu" "-" "back"
            while _hyphen_follows(doc, j - 1):
                j += 2
            if hyphenated:
                break  # a hyphenated given name ends a Korean-style name
            continue
        break
    # a run of role words only is not a name ("Kebijakan Pertahanan")
    if j > i and all(doc[k].text in st.role_words or not doc[k].is_alpha for k in range(i, j)):
        return i
    return j


def _hyphen_follows(doc: Any, j: int) -> bool:
    """Token ``j`` is joined by a hyphen to the next word ("Gyu" in "Gyu-back")."""
    return (
        j + 2 < len(doc) and doc[j + 1].text in {"-", "‐"} and not doc[j].whitespace_
        and not doc[j + 1].whitespace_ and doc[j + 2].is_alpha
    )


def _chain_left(st: _DocState, start: int) -> tuple[int, list[int], list[int], list[int], bool]:
    """Walk left from a name over titles, countries, agencies and connectors.

    Returns the chain start, title indexes, country indexes, org indexes (nearest
    first) and whether a "then"/"former" cue precedes the chain.
    """
    doc = st.doc
    i = start - 1
    titles: list[int] = []
    countries: list[int] = []
    orgs: list[int] = []
    chain_start = start
    commas = 0
    role_skips = 0
    sent = st.sent_of[start] if start < len(doc) else 0
    while i >= 0 and st.sent_of[i] == sent:
        text = doc[i].text
        if i in st.tok_title:
            n = st.tok_title[i]
            titles.append(n)
            i = st.titles[n].start - 1
            chain_start = i + 1
        elif i in st.tok_country:
            n = st.tok_country[i]
            countries.append(n)
            i = st.countries[n].start - 1
            chain_start = i + 1
        elif i in st.tok_org:
            n = st.tok_org[i]
            orgs.append(n)
            i = st.orgs[n].start - 1
            chain_start = i + 1
        elif text == "," and commas == 0 and not titles and not countries and not orgs:
            commas += 1
            i -= 1
        elif text == "," and (titles or orgs) and commas == 0:
            # "Menteri Pertahanan Jepang, Gen Nakatani" — only one comma inside a chain
            commas += 1
            i -= 1
        elif text.lower() in st.words["coordinator"] and i > 0 and doc[i - 1].text == ",":
            break  # "X, chairman of the JCS, and Gen. Y": a list, not one chain
        elif (text.lower() in st.words["chain_connector"]
              or (text in st.role_words
                  and (titles or orgs or (st.lang == "id" and role_skips < 4)))
              or i in st.former_toks):
            role_skips += text in st.role_words
            i -= 1
        elif re.match(r"^[A-Z]{2,6}$", text) and i - 1 >= 0 and doc[i - 1].text == "(":
            i -= 2  # "(JCS)"
        elif text == ")" and i >= 2 and doc[i - 2].text == "(" \
                and _ACRONYM.match(doc[i - 1].text):
            i -= 3  # "Menteri Defence Acquisition Program Administration (DAPA), Kang ..."
        else:
            break
    former = any(k in st.former_toks for k in range(max(0, chain_start - 3), start))
    if not titles:
        chain_start = start
    return chain_start, titles, countries, orgs, former


def _title_info(st: _DocState, title_ids: list[int]) -> tuple[dict | None, bool]:
    """The defining title of a chain (an office beats a rank) and whether it is rank only."""
    infos = [st.lex.title(st.titles[n].label_) for n in title_ids]
    offices = [t for t in infos if not t.get("rank")]
    if offices:
        # the most specific office: defense/foreign/... over generic minister/head
        order = st.lex.category_specificity
        return min(offices, key=lambda t: order.get(t["cat"], len(order))), False
    return (infos[0], True) if infos else (None, False)


def _country_of_org(st: _DocState, n: int) -> str | None:
    label = st.orgs[n].label_
    if label.startswith("gaz:"):
        return st.lex.gazetteer[label[4:]].get("country")
    return None


def _paren_aside(st: _DocState, j: int) -> bool:
    """``( ACR )`` or ``( Country )`` right after a title or country."""
    doc = st.doc
    return (j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")"
            and (j + 1 in st.tok_country or j + 1 in st.tok_title or doc[j + 1].text.isupper()))


def _given_name_abbr(st: _DocState, title: Any) -> bool:
    """A bare rank abbreviation before a single name reads as a given name ("Gen Yamada")."""
    info = st.lex.title(title.label_)
    return bool(info.get("abbr")) and _name_run(st, title.end) - title.end == 1


def _skip_to_title(st: _DocState, k: int) -> int:
    """Skip articles, countries, agencies and a few words before an appositive title.

    ", the acting U.S. assistant secretary of defense", ", then the White House National
    Security Council's coordinator", ", who was named martial law commander".
    """
    doc = st.doc
    skipped = 0
    limit = st.lex.windows["appositive_skip_words"]
    while k < len(doc) and k not in st.tok_title and skipped <= limit:
        if k in st.tok_country:
            k = st.countries[st.tok_country[k]].end
        elif k in st.org_titles:
            break  # ", Kepala Staf Gabungan Jepang": an office named like its agency
        elif k in st.tok_org:
            k = st.orgs[st.tok_org[k]].end
        elif (doc[k].is_punct and doc[k].text not in {"'s", "’s"}) or doc[k].is_space \
                or k in st.verb_toks:
            break  # "X, dan hari ini bertemu dengan Menteri ...": another clause's title
        else:
            k += 1
            skipped += 1
    return k


def _governs_agency(st: _DocState, title: Any) -> bool:
    """A generic head title ("director", "chairman") followed by a government body."""
    for k in range(title.end, min(len(st.doc), title.end + 10)):
        if k in st.tok_org:
            return st.orgs[st.tok_org[k]].label_.startswith(("gaz:", "gen:"))
        if st.doc[k].text in {",", ".", ";"}:
            break
    return False


def _enrich_from_appositive(st: _DocState, off: _Official) -> None:
    """", chairman of the U.S. Joint Chiefs of Staff," after a name completes a rank-only role."""
    doc = st.doc
    k = off.end
    if k >= len(doc) - 1 or doc[k].text != ",":
        return
    k = _skip_to_title(st, k + 1)
    if k not in st.tok_title:
        return
    title = st.titles[st.tok_title[k]]
    info = st.lex.title(title.label_)
    if info.get("rank") or info["cat"] == "counterpart":
        return
    j = title.end
    inside = [st.tok_org[t] for t in range(title.start, title.end) if t in st.tok_org]
    org = inside[0] if inside else None  # "chairman of the Joint Chiefs of Staff"
    if org is None and j + 1 < len(doc) and doc[j].lower_ in st.words["office_preposition"]:
        j += 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        if j in st.tok_org:
            org = st.tok_org[j]
    if off.rank_only or off.role is None:
        off.role, off.category, off.rank_only = info["role"], info["cat"], False
        off.role_text = doc[title.start:(st.orgs[org].end if org is not None else title.end)].text
    if org is not None:
        off.agencies.append(org)
        off.country = off.country or _country_of_org(st, org)
        if info["cat"] == "head":
            off.role = f"{info['role']}, {_org_label(st, org)}"


def _org_label(st: _DocState, n: int) -> str:
    label = st.orgs[n].label_
    if label.startswith("gaz:"):
        return st.lex.gazetteer[label[4:]]["label"]
    if label.startswith("gen:"):
        return st.lex.generic[label[4:]]["label"]
    return st.orgs[n].text


def _line_is(st: _DocState, start: int, end: int) -> bool:
    """Tokens ``start:end`` make up their whole line: "Lt. Gen. Thomas Vandal" signing off."""
    doc = st.doc
    if end <= start:
        return False
    line_start = st.line_start(doc[start].idx)
    line_end = st.text.find("\n", line_start)
    line = st.text[line_start:line_end if line_end >= 0 else None].strip()
    return line == doc[start:end].text.strip()


def _find_officials(st: _DocState, ner_people: list[tuple[int, int]]) -> list[_Official]:
    doc = st.doc
    found: list[_Official] = []
    taken: set[int] = set()

    def add(off: _Official) -> None:
        if any(k in taken for k in range(off.start, off.end)) or (
                st.in_headline(off.start) and not _line_is(st, off.chain_start, off.end)):
            return
        if st.is_byline(off.start) or norm_key(off.name) in st.outlets:
            return
        taken.update(range(off.start, off.end))
        found.append(off)

    # 1. a name right after a title chain
    for title in st.titles:
        j = title.end
        if j < len(doc) and doc[j].text == ",":
            j += 1
        if j + 1 < len(doc) and doc[j].lower_ in st.words["chain_preposition"]:
            k = j + 1 + (doc[j + 1].lower_ == "the" and j + 2 < len(doc))
            if k in st.tok_country or k in st.tok_org:
                j = k  # "Ambassador to Korea Philip Goldberg", "to the Philippines"
        while j < len(doc) and (j in st.tok_country or j in st.tok_title or j in st.tok_org
                                or _paren_aside(st, j) or j in st.former_toks):
            if j in st.former_toks:  # "Menhan AS saat itu, Mark Esper"
                j += 1
                if j < len(doc) and doc[j].text == ",":
                    j += 1
                continue
            if j in st.tok_title and _given_name_abbr(st, st.titles[st.tok_title[j]]):
                break
            if _paren_aside(st, j):
                j += 3  # "Menteri Pertahanan Korea Selatan (Korsel) Shin Won-sik"
                continue
            if j in st.tok_org:
                j = st.orgs[st.tok_org[j]].end
            elif j in st.tok_country:
                j = st.countries[st.tok_country[j]].end
            else:
                j = st.titles[st.tok_title[j]].end
            if j < len(doc) and doc[j].lower_ in st.words["chain_link_preposition"] \
                    and j + 1 < len(doc) and (j + 1 in st.tok_country or j + 1 in st.tok_org):
                j += 1  # "Duta Besar AS untuk Indonesia Kamala ..."
            if j < len(doc) and doc[j].text == ",":
                j += 1
        while j < len(doc) and (doc[j].text in st.role_words or j in st.tok_country) and (
            _is_cap(doc[j].text)
            or (j + 1 < len(doc) and (doc[j + 1].text in st.role_words
                                      or j + 1 in st.tok_country or j + 1 in st.tok_org))
        ):
            j += 1  # "Deputy Minister for National Defense Policy Cho Chang-rae"
        if j < len(doc) and doc[j].text == ",":
            j += 1
        if j < len(doc) and j in st.tok_title:
            nxt = st.titles[st.tok_title[j]]
            if not _given_name_abbr(st, nxt):
                continue  # the chain goes on: the later title will take the name
            end = _name_run(st, nxt.end)  # "Defense Minister, Gen Yamada": Gen is a given name
        else:
            end = _name_run(st, j)
        if end == j:
            continue
        info_t = st.lex.title(title.label_)
        start = j
        if end - j == 1 and ((title.text.lower().endswith("s") and title.text.lower().endswith(
                ("chiefs", "ministers", "secretaries", "leaders", "generals")))
                or st.in_headline(j)):
            continue  # "Defense Chiefs Gather in Hawaii": a headline verb, not a name
        if end - j == 1 and end < len(doc) and doc[end].text == ")":
            continue  # "(Karo Infohan)": an abbreviation in brackets, not a name
        # a bare abbreviation before a single name is a given name: "Gen Nakatani"
        if info_t.get("abbr") and title.end == j and end - j == 1:
            continue
        _, t_ids, c_ids, o_ids, former = _chain_left(st, start)
        info, rank_only = _title_info(st, t_ids)
        if info is None:
            continue
        country = None
        home = [c for c in c_ids if st.countries[c].start == 0 or doc[
            st.countries[c].start - 1].lower_ not in st.words["posting_preposition"]]
        if home or c_ids:
            first = min(home or c_ids, key=lambda c: st.countries[c].start)
            country = st.countries[first].label_.split(":")[1]
        for o in o_ids:
            country = country or _country_of_org(st, o)
        if country is None and end + 1 < len(doc) \
                and doc[end].lower_ in st.words["origin_preposition"] \
                and end + 1 in st.tok_country:  # "Defense Minister X of South Korea"
            country = st.countries[st.tok_country[end + 1]].label_.split(":")[1]
        country = country or info.get("implies")
        if info["cat"] == "counterpart":
            peers = [o for o in found if st.sent_of[o.start] == st.sent_of[start]
                     and o.category not in (None, "counterpart")]
            if peers:
                info = {"role": peers[-1].role, "cat": peers[-1].category}
        chain_start = min([st.titles[t].start for t in t_ids] + [start])
        add(_Official(
            start=start, end=end, name=doc[start:end].text, titled=True,
            role=info["role"], role_text=doc[chain_start:title.end].text, category=info["cat"],
            country=country, former=former, agencies=o_ids, chain_start=chain_start,
            rank_only=rank_only,
        ))
        if info_t.get("plural"):  # "the chief negotiators, Jeong Eun-bo and Donna Welton"
            k = end
            while k + 1 < len(doc) and (doc[k].lower_ in st.words["list_coordinator"]
                                        or doc[k].text == ","):
                k += 1 + (doc[k + 1].lower_ in st.words["list_coordinator"])
                nxt = _name_run(st, k)
                if nxt - k < 2:
                    break
                add(_Official(start=k, end=nxt, name=doc[k:nxt].text, titled=True,
                              role=info["role"], role_text=title.text, category=info["cat"],
                              chain_start=k))
                k = nxt

    for off in found:
        _enrich_from_appositive(st, off)

    # 2. a name followed by an appositive title: "Ely Ratner, asisten menteri pertahanan ..."
    for tok in doc:
        i = tok.i
        if i in taken or not _is_cap(tok.text) or not st.free(i):
            continue
        if i > 0 and _is_cap(doc[i - 1].text) and st.free(i - 1) and doc[i - 1].text not in \
                st.name_stop and doc[i - 1].is_alpha:
            continue  # not the start of a run
        end = _name_run(st, i)
        if end - i < 1 or end >= len(doc) - 1 or doc[end].text != ",":
            continue
        k = _skip_to_title(st, end + 1)
        if (k in st.tok_title or k in st.org_titles) and len(doc[i:end].text.split()) >= 2:
            title = st.titles[st.tok_title[k]] if k in st.tok_title else st.org_titles[k]
            info = st.lex.title(title.label_)
            if info.get("rank"):
                continue
            if info["cat"] == "head" and not _governs_agency(st, title):
                continue  # "director of security strategy at the Korea Institute ..."
            country = None
            j = title.end
            while j < min(len(doc), title.end + 8) and doc[j].text not in {",", "."}:
                if j in st.tok_country:
                    country = st.countries[st.tok_country[j]].label_.split(":")[1]
                    break
                j += 1
            add(_Official(start=i, end=end, name=doc[i:end].text, titled=True, role=info["role"],
                          role_text=title.text, category=info["cat"], country=country,
                          chain_start=i))

    # 3. names the statistical model finds, with no office given here
    for start, end in ner_people:
        while end > start and doc[end - 1].text in _POSSESSIVE:
            end -= 1
        if any(k in taken for k in range(start, end)) or not all(
            st.free(k) for k in range(start, end)
        ):
            continue
        text = doc[start:end].text
        words = [w for w in re.split(r"\s+", text) if w]
        if len(words) < 2 or not all(_is_cap(w) for w in words) or text.isupper():
            continue
        if any(w in st.person_stop or w in st.role_words for w in words):
            continue
        add(_Official(start=start, end=end, name=text, titled=False, chain_start=start))
    return sorted(found, key=lambda o: o.start)


def _name_parts(name: str) -> list[str]:
    return [p for p in re.split(r"\s+", name.strip()) if p]


def _surname_keys(name: str) -> set[str]:
    parts = _name_parts(name)
    keys = {norm_key(parts[0]), norm_key(parts[-1])} if parts else set()
    return {k for k in keys if len(k) >= 2}


def _cluster_officials(st: _DocState, officials: list[_Official]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}
    full = [o for o in officials if len(_name_parts(o.name)) >= 2]
    short = [o for o in officials if len(_name_parts(o.name)) < 2]

    def absorb(cl: _Cluster, o: _Official) -> None:
        cl.mentions.append((o.start, o.end, st.sent_of[o.start]))
        cl.aliases[o.name] += 1
        if o.titled:
            cl.titled = True
            if o.role and (
                cl.role is None
                or (not o.rank_only and cl.category in (None, "military"))
                or (cl.category in ("minister", "head")
                    and o.category not in ("minister", "head"))
            ):
                cl.role, cl.role_text, cl.category = o.role, o.role_text, o.category
            cl.former = cl.former or o.former
        cl.country = cl.country or o.country

    def cluster_for(o: _Official) -> _Cluster:
        key = norm_key(o.name)
        if key not in by_key:
            by_key[key] = _Cluster(id=f"p{len(clusters)}", type="official", name=o.name)
            clusters.append(by_key[key])
        return by_key[key]

    for o in full:
        absorb(cluster_for(o), o)
    for o in short:
        key = norm_key(o.name)
        matches = [c for c in clusters if key in _surname_keys(c.name)]
        if len(matches) > 1:
            matches = [c for c in matches if c.category == o.category] or matches
        if matches:
            # the most recently mentioned candidate
            best = max(matches, key=lambda c: max((m[0] for m in c.mentions if m[0] < o.start),
                                                  default=-1))
            absorb(best, o)
            continue
        absorb(cluster_for(o), o)
    # untitled surname mentions: "Ahn said", "Austin dan Lee", "Lee-Trump summit"
    surname_index: dict[str, list[_Cluster]] = defaultdict(list)
    for cl in clusters:
        for k in _surname_keys(cl.name) if len(_name_parts(cl.name)) >= 2 else {norm_key(cl.name)}:
            surname_index[k].append(cl)
    covered = {t for cl in clusters for s, e, _ in cl.mentions for t in range(s, e)}
    for tok in st.doc:
        if tok.i in covered or not _is_cap(tok.text) or not st.free(tok.i) or tok.is_upper:
            continue
        cands = surname_index.get(norm_key(tok.text))
        if not cands or st.is_byline(tok.i):
            continue
        # not part of a longer capitalised name ("Lee Sung-jun" vs "Lee Jong-sup")
        nxt = st.doc[tok.i + 1] if tok.i + 1 < len(st.doc) else None
        if nxt is not None and _is_cap(nxt.text) and nxt.is_alpha and st.free(nxt.i) \
                and nxt.text not in st.name_stop:
            continue
        cands = [c for c in cands if any(m[0] < tok.i for m in c.mentions)]
        if not cands:
            continue  # only names already introduced are referred to by surname
        # the official named more often so far; on a tie the one introduced first, whom
        # a report is about ("Kim" after "Minister Kim Yong-hyun ... Gen. Kim Myung-soo")
        best = max(cands, key=lambda c: (sum(1 for m in c.mentions if m[0] < tok.i),
                                         -min(m[0] for m in c.mentions)))
        best.mentions.append((tok.i, tok.i + 1, st.sent_of[tok.i]))
        best.aliases[tok.text] += 1
    for cl in clusters:
        if not cl.titled:
            cl.type = "person"
        cl.mentions.sort()
    return clusters


def _meeting_partners(st: _DocState, people: list[_Cluster]) -> None:
    """A named person an official meets is an official too ("Hagel met his ally, X").

    Defence diplomacy news names the counterpart of a meeting without a title when
    the office is clear from context. A person named in the same sentence as an
    official and a strong meeting word, with no negation, becomes an official.
    """
    meeting = {st.sent_of[t.start] for t in st.triggers if t.label_ == "trig:meeting:strong"}
    negated = {st.sent_of[t.start] for t in st.triggers if t.label_ == "trig:negation:all"}
    official_at = {sent for c in people if c.type == "official" for _s, _e, sent in c.mentions}
    for cl in people:
        if cl.type == "person" and any(
            sent in meeting and sent in official_at and sent not in negated
            for _s, _e, sent in cl.mentions
        ):
            cl.type = "official"


def _role_references(st: _DocState, officials: list[_Official], people: list[_Cluster]) -> None:
    """A title used without a name refers back to the official who holds it.

    "The Pentagon chief", "the Japanese defense minister", "Menhan Jepang": the
    most recently named current official of that office (and country, when the
    text gives one) gains the mention, so it takes part in the sentence's links.
    """
    doc = st.doc
    chained = {t for o in officials for t in range(o.chain_start, o.end)}
    current = [c for c in people if c.type == "official" and not c.former and c.category]
    if not current:
        return
    head_words = {h["text"].split()[0] for h in st.lex.heads if h["position"] == "start"}
    for title in st.titles:
        if any(t in chained for t in range(title.start, title.end)):
            continue
        info = st.lex.title(title.label_)
        before = doc[title.start - 1] if title.start > 0 else None
        if info.get("rank") or info["cat"] in ("head", "politician", "counterpart", "minister"):
            _generic_reference(st, title, before, current)
            continue
        if title.text.lower().endswith("s") and not title.text.lower().endswith("ss"):
            continue  # plural: a group, handled by group references
        country = None
        if title.start - 1 in st.tok_country:
            country = st.countries[st.tok_country[title.start - 1]].label_.split(":")[1]
        elif title.end in st.tok_country:
            country = st.countries[st.tok_country[title.end]].label_.split(":")[1]
        elif title.end < len(doc) and doc[title.end].text == "'s":
            continue
        definite = before is not None and before.lower_ in st.words["definite"]
        if country is None and (not definite or st.lang == "id"):
            continue
        if before is not None and before.text in head_words:
            continue  # "Pertemuan Menteri Pertahanan ...": part of a forum's name
        if title.end < len(doc) and _is_cap(doc[title.end].text) and st.free(title.end) \
                and doc[title.end].text not in st.name_stop:
            continue  # a name follows that the rules did not take: do not guess
        cands = [c for c in current if c.category == info["cat"]
                 and (country is None or c.country == country)
                 and any(m[0] < title.start for m in c.mentions)]
        if not cands:
            continue
        best = max(cands, key=lambda c: max(m[0] for m in c.mentions if m[0] < title.start))
        best.mentions.append((title.start, title.end, st.sent_of[title.start]))
    for c in people:
        c.mentions.sort()


def _generic_reference(st: _DocState, title: Any, before: Any, current: list[_Cluster]) -> None:
    """"the secretary", "the general": the one official named before with that word in office.

    A bare generic title after a definite article, in lower case and with no name
    after it, refers back only when exactly one current official named earlier in
    the document holds an office spelled with that word.
    """
    doc = st.doc
    if before is None or before.lower_ not in st.words["definite"] or len(title) != 1 \
            or not title.text.islower():
        return
    if title.end < len(doc) and _is_cap(doc[title.end].text):
        return
    word = title.text.casefold()
    cands = [c for c in current if c.role_text and word in c.role_text.casefold().split()
             and any(m[0] < title.start for m in c.mentions)]
    if len(cands) == 1:
        cands[0].mentions.append((title.start, title.end, st.sent_of[title.start]))


# ---------------------------------------------------------------------------- agencies, forums
def _home_agency(st: _DocState, officials: list[_Cluster]) -> str | None:
    """The press's own country for an unqualified ministry ("Kemenhan" in Indonesian news).

    Indonesian reporters qualify foreign offices ("Kemenhan Korsel", "Menhan AS") and
    leave their own unqualified; when the article has an official of the home
    country (``language`` in countries.jsonl), or one titled with no country at
    all, an unqualified ministry (``home_default`` in generic_agencies.jsonl) is
    the home country's.
    """
    if st.home and any(c.country == st.home or (c.titled and c.country is None)
                       for c in officials if c.type == "official"):
        return st.home
    return None


def _adjacent_country(st: _DocState, span: Any) -> str | None:
    """A country named right before ("Japan's Defense Ministry") or after ("... di Seoul")."""
    doc = st.doc
    i = span.start - 1
    if i >= 0 and i in st.tok_country:
        return st.countries[st.tok_country[i]].label_.split(":")[1]
    j = span.end
    if j < len(doc) and doc[j].text == "(":  # "Joint Chiefs of Staff (JCS)"
        while j < len(doc) and doc[j].text != ")" \
                and j < span.end + st.lex.windows["acronym_bracket_tokens"]:
            j += 1
        j += 1
    if j < len(doc) and j in st.tok_country:  # "Kementerian Luar Negeri Korut"
        return st.countries[st.tok_country[j]].label_.split(":")[1]
    if j < len(doc) and doc[j].lower_ in st.words["location_preposition"]:
        # "at the Defense Ministry in Yongsan District, central Seoul"
        for k in range(j + 1, min(len(doc), j + 7)):
            if k in st.tok_country:
                return st.countries[st.tok_country[k]].label_.split(":")[1]
            if doc[k].text in {".", ";", "("} or k in st.tok_title or k in st.tok_org:
                break
    return None


def _text_at(doc: Any, i: int) -> str:
    """The text of token ``i``, or "" past either end of ``doc`` (a span may end the text)."""
    return doc[i].text if 0 <= i < len(doc) else ""


def _head_phrases(st: _DocState) -> list[tuple[int, int, str, dict]]:
    """Capitalised phrases around an agency/forum head word ("JSA Security Battalion")."""
    doc = st.doc
    by_first: dict[str, list[dict]] = defaultdict(list)
    for h in st.lex.heads:
        if h["lang"] == st.lang:
            by_first[h["text"].split()[0]].append(h)
    out = []
    for tok in doc:
        for h in by_first.get(tok.text, ()):
            htoks = h["text"].split()
            n = len(htoks)
            i = tok.i
            if [t.text for t in doc[i:i + n]] != htoks:
                continue
            if h["position"] == "end":
                j = i - 1
                while j >= 0 and (
                    (_is_cap(doc[j].text) and doc[j].text not in st.name_stop
                     and (j not in st.tok_title
                          or _text_at(doc, st.titles[st.tok_title[j]].end) in {"'", "’"}))
                    or doc[j].lower_ in st.words["org_name_connector"]
                    or (doc[j].text in {"'", "’"} and j > 0 and doc[j - 1].text.endswith("s"))
                ) and st.sent_of[j] == st.sent_of[i]:
                    j -= 1
                start = j + 1
                while start < i and doc[start].lower_ in st.words["org_name_connector"]:
                    start += 1
                if start >= i:
                    continue
                if all(doc[k].lower_ in st.words["org_name_connector"] or k in st.tok_country
                       for k in range(start, i)):
                    continue
                out.append((start, i + n, h["type"], h))
            else:
                j = i + n
                links = st.words["agency_name_link"] if h["type"] == "agency" \
                    else st.words["forum_name_link"]
                while j < len(doc) and (
                    (_is_cap(doc[j].text) and (doc[j].text not in st.name_stop
                                               or j in st.tok_country))
                    or re.match(r"^\d+\+\d+$", doc[j].text)
                    or (doc[j].text == "+" and j > i + n - 1 and doc[j - 1].is_digit
                        and j + 1 < len(doc) and doc[j + 1].is_digit)
                    or (doc[j].is_digit and j + 1 < len(doc) and doc[j + 1].text == "+")
                    or (doc[j].is_digit and doc[j - 1].text == "+")
                    or (doc[j].lower_ in links and j + 1 < len(doc)
                        and _is_cap(doc[j + 1].text))
                ) and st.sent_of[j] == st.sent_of[i]:
                    j += 1
                if j == i + n:
                    continue
                out.append((i, j, h["type"], h))
    return out


def _cluster_orgs(st: _DocState, officials: list[_Cluster]) -> list[_Cluster]:
    doc = st.doc
    lex = st.lex
    clusters: dict[str, _Cluster] = {}
    last_generic: dict[str, str] = {}
    country_counts = Counter(c.country for c in officials if c.country and c.type == "official")

    def get(key: str, type_: str, label: str, country: str | None) -> _Cluster:
        cl = clusters.get(key)
        if cl is None:
            cl = _Cluster(id=f"o{len(clusters)}", type=type_, name=label, country=country,
                          key=key if not key.startswith("label:") else "")
            clusters[key] = cl
        return cl

    # the official named just before a country-dependent name in the same sentence
    # ("Joint Chiefs of Staff Chairman Gen. X", "Gen. X, chairman of the Joint Chiefs")
    starts = sorted(((s, cl) for cl in officials if cl.type == "official"
                     for s, _e, _ in cl.mentions), key=lambda item: item[0])

    def near_official_country(i: int) -> str | None:
        before = [(s, cl) for s, cl in starts
                  if s < i and i - s <= st.lex.windows["near_official_before_tokens"]
                  and st.sent_of[s] == st.sent_of[i]]
        after = [(s, cl) for s, cl in starts
                 if s > i and s - i <= st.lex.windows["near_official_after_tokens"]
                 and st.sent_of[s] == st.sent_of[i]]
        nearest = (before[-1:] or after[:1])
        return nearest[0][1].country if nearest else None

    mentioned = Counter()
    first_seen: dict[str, int] = {}
    for c in st.countries:
        code = c.label_.split(":")[1]
        mentioned[code] += 1
        first_seen.setdefault(code, c.start)
    dominant = sorted(mentioned, key=lambda c: (-mentioned[c], first_seen[c]))[:1]

    spans = list(st.orgs)

    def kept(span: Any) -> bool:  # names of other kinds (ASEAN, news agencies) may sit inside
        return not span.label_.startswith("gaz:") or lex.gazetteer[span.label_[4:]]["type"] in (
            "agency", "forum")

    spans = [s for s in spans if not _rank_service(st, s)]
    occupied = {t for s in spans if kept(s) for t in range(s.start, s.end)}
    other_kind = [(s.start, s.end) for s in spans if not kept(s)]
    occupied |= {t for cl in officials for s, e, _ in cl.mentions for t in range(s, e)}
    generic = st.lex.word_class(st.lang, "generic_modifier") | (
        st.role_words if st.lang == "id" else set())
    group_words = st.lex.word_class("en", "group_forum_word")
    extra = []
    for start, end, type_, head in _head_phrases(st):
        if any(t in occupied for t in range(start, end)) or any(
                lo <= start and end <= hi for lo, hi in other_kind):
            continue  # "U.N. Security Council" is a body of another kind, not an agency
        if any(t in st.tok_title for t in range(start, end)) and type_ == "agency" and \
                head["position"] == "end" and doc[end - 1].text in {"Staff"}:
            continue
        rest = [t.text for t in doc[start:end] if t.text not in head["text"].split()]
        if rest and all(w in generic or not w[:1].isalnum() for w in rest):
            continue  # "Latihan Bersama", "Pasukan Perdamaian": a description, not a name
        if head["text"] in {"Group", "Grup"} and not any(w in group_words for w in rest):
            continue  # "Hanwha Group" is a company, "Nuclear Consultative Group" a forum
        occupied.update(range(start, end))
        extra.append((start, end, type_, head))

    def ordinal_of(start: int, end: int) -> str | None:
        if start > 0 and _ORDINAL.match(doc[start - 1].text):
            return doc[start - 1].text
        if end < len(doc) and re.match(r"^ke-?\d+$", doc[end].text):
            return doc[end].text
        if end + 2 < len(doc) and doc[end].text == "ke" and doc[end + 1].text == "-":
            return "ke-" + doc[end + 2].text
        return None

    short_names: dict[str, _Cluster | None] = {}
    inside = {t for s, e, _t, _h in extra for t in range(s, e)}
    items: list[tuple[int, int, str]] = [(s.start, s.end, s.label_) for s in spans
                                         if kept(s) or s.start not in inside]
    items += [(s, e, f"head:{t}:{n}") for n, (s, e, t, _h) in enumerate(extra)]
    for start, end, label in sorted(items):
        span = doc[start:end]
        if label.startswith("gaz:"):
            gid = label[4:]
            entry = lex.gazetteer[gid]
            if entry["type"] not in ("agency", "forum"):
                continue
            cl = get(gid, entry["type"], entry["label"], entry.get("country"))
            if gid in lex.generic_of:
                last_generic[lex.generic_of[gid]] = gid
        elif label.startswith("gen:") and lex.generic[label[4:]].get("pair_label"):
            cl = _named_just_before(st, span, clusters.values()) or short_names.get(label) \
                or _pair_forum(st, span, lex.generic[label[4:]], officials, get)
            if doc[start - 1:start].text == "(":
                short_names[label] = cl  # later "2+2" mentions mean the same forum
            if cl is None:
                continue
        elif label.startswith("gen:"):
            key = label[4:]
            entry = lex.generic[key]
            country = _adjacent_country(st, span) or (
                _home_agency(st, officials) if entry.get("home_default") else None
            ) or near_official_country(start)
            if country is None and start > 0 \
                    and doc[start - 1].lower_ in st.words["possessive_determiner"]:
                prior = [c for c in st.countries if c.end <= start]
                country = prior[-1].label_.split(":")[1] if prior else None
            gid = lex.resolve_generic(key, country)
            if gid is None and country is None and key in last_generic:
                gid = last_generic[key]
            if gid is None and country is None and not entry.get("needs_country"):
                top = dominant or [c for c, _ in country_counts.most_common(1)]
                gid = lex.resolve_generic(key, top[0]) if top else None
            if gid is None:
                if entry.get("needs_country"):
                    continue
                label = entry["label"]
                if country is not None:  # "Chinese foreign ministry", "... Luar Negeri Korut"
                    before = start - 1 in st.tok_country
                    lo = st.countries[st.tok_country[start - 1]].start if before else start
                    hi = end
                    if not before and end in st.tok_country:
                        hi = st.countries[st.tok_country[end]].end
                    if before or hi > end:
                        label = doc[lo:hi].text
                cl = get(f"label:{key}:{country}", entry["type"], label, country)
            else:
                g = lex.gazetteer[gid]
                cl = get(gid, g["type"], g["label"], g.get("country"))
                last_generic[key] = gid
        else:
            _, type_, n = label.split(":")
            _start_h, _end_h, _t, head = extra[int(n)]
            text = re.sub(r"\s*-\s*", "-", doc[start:end].text).strip()
            if norm_key(text) in st.outlets or any(
                t.text in st.outlet_words for t in doc[start:end]
            ):
                continue
            if head.get("translate"):
                rest = doc[start + len(head["text"].split()):end].text
                text = head["translate"].format(rest=rest)
            country = _adjacent_country(st, span)
            if any(t.text in st.classes("legislature_word") for t in span):
                type_ = "agency"  # a legislature's committee is a body, not a forum
            cl = get(f"label:{type_}:{norm_key(text)}", type_, text, country)
        cl.mentions.append((start, end, st.sent_of[start]))
        cl.aliases[span.text] += 1
        ordinal = ordinal_of(start, end)
        if ordinal and ordinal not in cl.ordinals:
            cl.ordinals.append(ordinal)
            cl.aliases[f"{ordinal} {span.text}" if not ordinal.startswith("ke") else
                       f"{span.text} {ordinal}"] += 1
    _merge_prefix_names(clusters, lex)
    by_id = {c.id: c for c in clusters.values()}
    _acronyms(st, list(by_id.values()))
    return list(by_id.values())


def _named_just_before(st: _DocState, span: Any, clusters: Any) -> _Cluster | None:
    """The forum a bracketed short name follows: "... Ministerial Meeting (2+2)"."""
    if span.start < 1 or st.doc[span.start - 1].text != "(":
        return None
    return next((c for c in clusters if c.type == "forum"
                 and any(e == span.start - 1 for _s, e, _ in c.mentions)), None)


def _pair_forum(st: _DocState, span: Any, entry: dict[str, Any], officials: list[_Cluster],
                get: Any) -> _Cluster | None:
    """A forum named by the two countries whose ministers meet ("2+2", "dua plus dua").

    The pair comes from countries written next to the mention ("RI-Jepang", "with
    Japan"), then from the officials of the sentence, then of the document. A pair
    with a name of its own (``by_pair`` in the data) takes it; otherwise the label
    is ``pair_label`` with the two short country names, the press's own country
    first, one marked ``pair_last`` (the U.S.) last, else the country the article's
    officials mostly serve first. ``None`` with no pair.
    """
    codes = _pair_countries(st, span, officials)
    if len(codes) < 2:
        return None
    gid = entry.get("by_pair", {}).get("+".join(sorted(codes)))
    if gid:
        g = st.lex.gazetteer[gid]
        return get(gid, g["type"], g["label"], g.get("country"))
    names = [st.lex.countries[c].get("short") or st.lex.countries[c]["name"] for c in codes]
    label = entry["pair_label"].format(a=names[0], b=names[1])
    return get(f"label:{entry['type']}:{norm_key(label)}", entry["type"], label, None)


def _pair_countries(st: _DocState, span: Any, officials: list[_Cluster]) -> list[str]:
    """The two country codes a pair-named forum mention stands for, in label order."""
    doc = st.doc
    sent = doc[span.start].sent
    by_distance = sorted((i for i in range(sent.start, sent.end) if i in st.tok_country),
                         key=lambda i: min(abs(i - span.start), abs(i - span.end)))
    near = list(dict.fromkeys(st.countries[st.tok_country[i]].label_.split(":")[1]
                              for i in by_distance))
    named = Counter(c.label_.split(":")[1] for c in st.countries)
    serving = Counter(c.country for c in officials if c.type == "official" and c.country)
    in_sentence = [c.country for c in officials if c.type == "official" and c.country
                   and any(st.sent_of[s] == st.sent_of[span.start] for s, _e, _ in c.mentions)]
    ranked = [code for code, _n in serving.most_common()]
    home = [st.home] if st.home else []
    codes = list(dict.fromkeys(near + in_sentence + ranked + [c for c, _n in named.most_common()]
                               + home))  # the press's own country comes last
    codes = [c for c in codes if c in st.lex.countries][:2]
    last = {c for c in codes if st.lex.countries[c].get("pair_last")}  # "Korea-U.S."
    return sorted(codes, key=lambda c: (c not in home, c in last, -serving[c], c))


def _rank_service(st: _DocState, span: Any) -> bool:
    """An acronym that belongs to the rank before it: "Brigjen TNI", "Laksda TNI"."""
    k = span.start - 1
    if k < 0 or k not in st.tok_title or not span.text.isupper():
        return False
    title = st.titles[st.tok_title[k]]
    return bool(st.lex.title(title.label_).get("rank"))


def _merge_prefix_names(clusters: dict[str, _Cluster], lex: Lexicon) -> None:
    """"Pertemuan 2+2" joins "Pertemuan 2+2 Indonesia-Jepang" named in the same document.

    So does a name after its countries: "Extended Deterrence Dialogue" joins
    "Japan-U.S. Extended Deterrence Dialogue".
    """
    names = {n.casefold() for c in lex.countries.values() for n in c["en"] + c["id"]}
    plain = [(k, c) for k, c in clusters.items() if k.startswith("label:")]

    def qualified(long: str, short: str) -> bool:
        prefix = long[: -len(short)] if long.endswith(" " + short) else ""
        parts = [p for p in re.split(r"[-–\s]+", prefix.casefold()) if p]
        return bool(parts) and all(p in names for p in parts)

    for key, short in plain:
        longer = [c for k, c in plain if c is not short and c.type == short.type
                  and (c.name.startswith(short.name + " ") or qualified(c.name, short.name))]
        if len(longer) == 1:
            target = longer[0]
            target.mentions.extend(short.mentions)
            target.aliases.update(short.aliases)
            del clusters[key]


def _acronyms(st: _DocState, clusters: list[_Cluster]) -> None:
    """"Long Form (ACR)" and "long form, atau ACR": later uses of ACR join the entity."""
    doc = st.doc
    covered = {t for c in clusters for s, e, _ in c.mentions for t in range(s, e)}
    defined: dict[str, _Cluster] = {}
    for cl in clusters:
        for _s, e, _ in list(cl.mentions):
            acr = None
            if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")" \
                    and _ACRONYM.match(doc[e + 1].text) and doc[e + 1].text.isupper():
                acr = doc[e + 1].text
            elif e + 2 < len(doc) and doc[e].text == "," \
                    and doc[e + 1].lower_ in st.words["alternative_cue"] \
                    and doc[e + 2].text.isupper() and _ACRONYM.match(doc[e + 2].text):
                acr = doc[e + 2].text
            if acr:
                defined[acr] = cl
                cl.aliases[acr] += 0
    if not defined:
        return
    for tok in doc:
        cl = defined.get(tok.text)
        if cl is not None and tok.i not in covered:
            cl.mentions.append((tok.i, tok.i + 1, st.sent_of[tok.i]))
            cl.aliases[tok.text] += 1


# ---------------------------------------------------------------------------- relations
@dataclass
class _SentenceView:
    officials: list[tuple[str, int, int, bool]]  # cluster id, start, end (chain), possessive
    forums: list[str]
    agencies: list[str]
    triggers: dict[str, list[Any]]


def _group_members(st: _DocState, cat: str, officials: list[_Cluster], before: int,
                   count: int = 2) -> list[str]:
    cands = [c for c in officials if c.type == "official" and not c.former
             and any(m[0] < before for m in c.mentions)]
    if cat == "defense":
        cands = [c for c in cands if c.category == "defense"]
    elif cat == "military":
        cands = [c for c in cands if c.category == "military"]
    elif cat == "leader":
        cands = [c for c in cands if c.category == "leader"]
    elif cat == "minister":
        cands = [c for c in cands if c.category in ("defense", "foreign", "minister")]
    if len(cands) < count:
        return []
    ranked = sorted(cands, key=lambda c: (-len(c.mentions),
                                          -max(m[0] for m in c.mentions if m[0] < before)))
    return [c.id for c in ranked[:count]]


_Occurrence = tuple[str, int, int, bool]  # cluster id, start, end, possessive


def _coordinated(st: _DocState, a: _Occurrence, b: _Occurrence) -> bool:
    """True when only punctuation, fillers and one coordinator stand between two mentions."""
    first, second = (a, b) if a[1] < b[1] else (b, a)
    between = [t for t in st.doc[first[2]:second[1]]
               if t.lower_ not in st.words["filler"] and not t.is_punct
               and t.i not in st.tok_country
               and t.i not in st.tok_title and t.i not in st.tok_org and not t.is_space
               and t.i not in st.former_toks
               and (t.lower_ in st.words["coordinator"] or t.text not in st.role_words)]
    if not between:  # "Shin, Kihara and Austin": a comma list
        gap = st.doc[first[2]:second[1]]
        return any(t.text == "," for t in gap) \
            and len(gap) <= st.lex.windows["comma_list_max_tokens"]
    return len(between) <= 2 and all(t.lower_ in st.words["coordinator"] for t in between)


def _clause_pairs(st: _DocState, sent: Any, mentions: list[_Occurrence], group: list[str],
                  trig: dict[str, list[Any]], label: str = "trig:meeting:strong"
                  ) -> list[tuple[str, str]]:
    """Pairs of officials in the same clause as a strong meeting trigger.

    "A and B met on Sunday, after C and D held talks": clauses split at "after",
    "before", "while", "setelah", "sementara" ... (``clause_break`` words), so A-B and
    C-D are meetings but A-C is not. Group references count in their own clause.
    """
    breaks = st.lex.word_class(st.lang, "clause_break") | st.lex.word_class("en", "clause_break")
    bounds = [t.i for t in sent if t.lower_ in breaks and t.i > sent.start]
    edges = [sent.start, *bounds, sent.end]

    def clause(i: int) -> int:
        return max(k for k, b in enumerate(edges[:-1]) if b <= i)

    strong_at = {clause(t.start) for t in trig.get(label, [])}
    members: dict[int, list[str]] = defaultdict(list)
    for cid, start, _end, _poss in sorted(mentions, key=lambda m: m[1]):
        members[clause(start)].append(cid)
    for name, spans in trig.items():
        if name.startswith("trig:group:") and group:
            members[clause(spans[0].start)].extend(group)
    for k in strong_at - {0}:
        carried = _carried_subject(st, edges[k], mentions, trig.get(label, []), edges[k + 1])
        if carried is not None:
            members[k].insert(0, carried)
    separate = any(t.lower_ in st.words["separate_cue"] for t in sent)
    pairs: list[tuple[str, str]] = []
    between = st.lex.word_class("any", "between_word")
    for k in strong_at:
        ids = list(dict.fromkeys(members.get(k, [])))
        named = [sp.end for sp in trig.get(label, []) if clause(sp.start) == k
                 and sp[-1].lower_ in between]
        after = list(dict.fromkeys(
            cid for cid, start, _e, _p in sorted(mentions, key=lambda m: m[1])
            if named and clause(start) == k and start >= named[0]))
        if len(after) >= 2:  # "the summit between Biden and Moon": those two, not the subject
            ids = after
        if separate and ids:  # "A held separate talks with B and with C": not B-C
            first_trigger = min(t.start for t in trig.get(label, []))
            subject_first = any(cid == ids[0] and start < first_trigger
                                for cid, start, _e, _p in mentions)
            if subject_first:
                pairs.extend((ids[0], other) for other in ids[1:])
        else:
            pairs.extend(combinations(ids, 2))
    return pairs


def _carried_subject(st: _DocState, b: int, mentions: list[_Occurrence], spans: list[Any],
                     end: int) -> str | None:
    """The official a clause opened at token ``b`` speaks of without naming again.

    "Minister Kim, who will meet Y": a relative pronoun (``relative_pronoun`` in the
    lexicon) right after the official. "kata Hagel setelah bertemu Y", "X said after
    meeting Y": the meeting word follows the clause word, so the clause has no
    subject of its own and takes the last official named before it.
    """
    words = st.classes("relative_pronoun")
    before = [m for m in mentions if m[2] <= b and st.sent_of[m[1]] == st.sent_of[b]]
    if not before:
        return None
    last = max(before, key=lambda m: m[1])
    if st.doc[b].lower_ in words:
        gap = st.doc[last[2]:b]
        return last[0] if all(t.is_punct for t in gap) else None
    elided = any(b < sp.start <= b + 2 and sp.start < end for sp in spans)
    return last[0] if elided else None


def _pronoun_subject(st: _DocState, sent_i: int, trig: dict[str, list[Any]],
                     mentions: list[_Occurrence], by_sent: dict[int, Any]) -> _Occurrence | None:
    """"..., where he held talks with X": the pronoun before a meeting verb stands for an official.

    Only a subject pronoun with no name between it and the first strong meeting
    trigger counts. It means the first official named earlier in the same sentence,
    else the first one named in the previous sentence.
    """
    spans = trig.get("trig:meeting:strong", [])
    if not spans:
        return None
    sent = st.sents[sent_i]
    pronouns = [t.i for t in sent if t.lower_ in st.words["subject_pronoun"]]
    after = [(p, min((sp.start for sp in spans if sp.start > p), default=None)) for p in pronouns]
    after = [(p, trigger) for p, trigger in after if trigger is not None
             and not any(p < m[1] < trigger for m in mentions)]
    if not after:
        return None
    p = after[0][0]
    earlier = sorted(m for m in mentions if m[1] < p)
    if earlier:
        antecedent = earlier[0][0]
    else:
        named = []
        for back in (1, 2):  # the previous sentence (a bare line break counts as none)
            prev = by_sent.get(sent_i - back)
            if prev is not None and prev.officials:
                named = sorted((m for m in prev.officials if not m[3]), key=lambda m: m[1])
                break
            if prev is not None and st.sents[sent_i - back].text.strip():
                break
        if not named:
            return None
        antecedent = named[0][0]
    return (antecedent, p, p + 1, False)


def _locally_negated(st: _DocState, trig: dict[str, list[Any]]) -> bool:
    """Every strong meeting trigger of the sentence has a negator within four words.

    "did not pay a courtesy call", "No separate talks were planned",
    "pertemuan bilateral ... belum dijadwalkan".
    """
    spans = trig.get("trig:meeting:strong", [])
    negators = st.words["negator"]
    doc = st.doc

    def negated(span: Any) -> bool:
        w = st.lex.windows["negation_tokens"]
        lo, hi = max(span.sent.start, span.start - w), min(span.sent.end, span.end + w)
        return any(doc[k].lower_ in negators for k in range(lo, hi))

    return bool(spans) and all(negated(sp) for sp in spans)


def _is_proxy(st: _DocState, start: int) -> bool:
    """An official named as the one represented: "on behalf of X", "mewakili X"."""
    doc = st.doc
    k = start  # look before the title chain: "mewakili Menteri Pertahanan ... Kim Yong Hyun"
    chain = st.tok_title.keys() | st.tok_country.keys() | st.tok_org.keys()
    while k > doc[start].sent.start and (k - 1 in chain or doc[k - 1].text in st.role_words):
        k -= 1
    window = doc[max(doc[start].sent.start, k - st.lex.windows["proxy_cue_tokens"]):start]
    return any(t.lower_ in st.words["proxy_cue"] for t in window)


def _delegation_leaders(st: _DocState, mentions: list[_Occurrence],
                        trig: dict[str, list[Any]]) -> list[str]:
    """Who leads a delegation: the official (or coordinated list) right before each trigger.

    "Lee sent adviser Wi to lead the delegation": Wi leads, Lee does not.
    """
    ordered = sorted(mentions, key=lambda m: m[1])
    doc = st.doc
    leaders: list[str] = []
    previous = None
    for span in sorted(trig.get("trig:attended:delegation", []), key=lambda sp: sp.start):
        lo = previous if previous is not None else span.sent.start
        senders = [k for k in range(lo, span.start) if doc[k].lower_ in st.words["sender_cue"]]
        if senders:
            lo = senders[-1]  # officials before "sent"/"mengutus" send, they do not lead
        segment = [m[0] for m in ordered if lo <= m[1] < span.start]
        if not segment and previous is None:
            after = [m[0] for m in ordered if m[1] > span.start]
            # "represented by A and B, and the U.S. side by C": every name after a passive
            segment = after if _passive(st, span) else after[:1]  # "led by X"
        leaders.extend(segment)
        previous = span.end
    return list(dict.fromkeys(leaders))


def _passive(st: _DocState, span: Any) -> bool:
    """The trigger names its agents after it: "represented by", "dipimpin oleh"."""
    agents = st.lex.word_class("any", "passive_agent")
    last = span[-1].lower_
    nxt = st.doc[span.end].lower_ if span.end < len(st.doc) else ""
    return last in agents or nxt in agents


def _coordination_groups(st: _DocState, mentions: list[_Occurrence]) -> list[list[str]]:
    """Officials joined into lists ("Yoon, Biden and Kishida") by adjacent coordination."""
    ordered = sorted(mentions, key=lambda m: m[1])
    if not ordered:
        return []
    groups: list[list[str]] = []
    current: list[str] = []
    for prev, cur in zip([None, *ordered[:-1]], ordered, strict=True):
        if prev is not None and prev[0] != cur[0] and _coordinated(st, prev, cur):
            current.append(cur[0])
        else:
            if len(set(current)) > 1:
                groups.append(list(dict.fromkeys(current)))
            current = [cur[0]]
    if len(set(current)) > 1:
        groups.append(list(dict.fromkeys(current)))
    return groups


def _evidence_text(sent: Any) -> tuple[str, int]:
    """A sentence's text without surrounding space or a dangling opening bracket."""
    raw = sent.text
    text = raw.strip().rstrip("([{ \t")
    return text, sent.start_char + (len(raw) - len(raw.lstrip()))


def _first(triggers: dict[str, list[Any]], label: str) -> str | None:
    """Text of the first trigger with ``label`` in a sentence, if any."""
    spans = triggers.get(label)
    return spans[0].text if spans else None


def _relations(st: _DocState, people: list[_Cluster], orgs: list[_Cluster]) -> list[Relation]:
    doc = st.doc
    rels: list[Relation] = []
    officials = [c for c in people if c.type == "official"]
    by_sent: dict[int, _SentenceView] = defaultdict(lambda: _SentenceView([], [], [], {}))
    chain_of: dict[int, int] = {}
    for cl in officials:
        for s, e, sent in cl.mentions:
            poss = e < len(doc) and doc[e].text in _POSSESSIVE
            chain_of[s] = s
            by_sent[sent].officials.append((cl.id, s, e, poss))
    for cl in orgs:
        for _s, _e, sent in cl.mentions:
            target = by_sent[sent].forums if cl.type == "forum" else by_sent[sent].agencies
            if cl.id not in target:
                target.append(cl.id)
    entity_toks = {t for c in orgs for s, e, _ in c.mentions for t in range(s, e)}
    anaphor_toks = {t for sp in st.triggers if sp.label_ == "trig:forum_anaphor:"
                    for t in range(sp.start, sp.end)}
    meeting_toks = anaphor_toks | {t for sp in st.triggers if sp.label_ == "trig:meeting:strong"
                                   for t in range(sp.start, sp.end)}
    for trig in st.triggers:
        if any(t in entity_toks for t in range(trig.start, trig.end)):
            continue  # "Meeting" inside "Security Consultative Meeting" is a name, not a trigger
        if trig.label_.startswith("trig:meeting:") and all(
                t in anaphor_toks for t in range(trig.start, trig.end)):
            continue  # "pada pertemuan tersebut": a meeting told before, not who meets now
        by_sent[st.sent_of[trig.start]].triggers.setdefault(trig.label_, []).append(trig)

    forum_seen: list[tuple[int, str]] = sorted(
        (s, c.id) for c in orgs if c.type == "forum" for s, _e, _ in c.mentions
    )

    forum_end = [(e, c.id) for c in orgs if c.type == "forum" for _s, e, _ in c.mentions]
    org_by_id = {c.id: c for c in orgs}
    sessions: dict[tuple[str, str], str | None] = {}

    def is_exercise(cid: str) -> bool:
        cl = org_by_id[cid]
        if cl.key:
            return bool(st.lex.gazetteer.get(cl.key, {}).get("exercise"))
        return _named_as(st, cl, "exercise")

    def is_multilateral(cid: str) -> bool:
        cl = org_by_id[cid]
        return bool(cl.key and st.lex.gazetteer.get(cl.key, {}).get("multilateral"))

    def last_forum(before: int, window: int, noun: str | None = None) -> str | None:
        """The forum a reference at ``before`` means, named in the ``window`` sentences before.

        "the forum" / "the summit" / "the round" only mean forums whose names fit
        (``anaphor_match`` in the lexicon); "the meeting" prefers a bilateral or small
        meeting over a multilateral gathering named nearby.
        """
        sent = st.sent_of[before] if before < len(doc) else len(st.sents)
        prior = [cid for s, cid in forum_seen
                 if s < before and sent - st.sent_of[s] <= window]
        fits = st.lex.anaphor_match.get((noun or "").lower())
        if fits is not None:
            prior = [cid for cid in prior
                     if any(w in fits for w in org_by_id[cid].name.split())
                     or any(w in fits for a in org_by_id[cid].aliases for w in a.split())]
        else:
            prior = [cid for cid in prior if not is_exercise(cid)]
            small = [cid for cid in prior if not is_multilateral(cid)]
            prior = small or prior
        return prior[-1] if prior else None

    def forum_near(sent_i: int, pos: int) -> list[str]:
        """The forum the trigger at ``pos`` governs: the next one named, else the last one."""
        here = [(s, cid) for s, cid in forum_seen if st.sent_of[s] == sent_i]
        after = [cid for s, cid in here if s >= pos]
        before = [cid for s, cid in here if s < pos]
        return after[:1] or before[-1:]

    def add(kind: str, a: str, b: str, sent_i: int, trigger: str | None) -> None:
        if a == b:
            return
        text, offset = _evidence_text(st.sents[sent_i])
        rels.append(Relation(kind=kind, source=a, target=b, sentence=text, start=offset,
                             end=offset + len(text), trigger=trigger))

    for sent_i in sorted(by_sent):
        view = by_sent[sent_i]
        trig = view.triggers
        sent = st.sents[sent_i]
        negated = "trig:negation:all" in trig
        no_attend = negated
        attend_cutoff = trig["trig:negation:attended"][0].start \
            if "trig:negation:attended" in trig else None
        mentions = [m for m in view.officials if not m[3] and not _is_proxy(st, m[1])]
        pronoun = _pronoun_subject(st, sent_i, trig, mentions, by_sent)
        if pronoun is not None:
            mentions.append(pronoun)
        reporters = {c.id for c in officials if c.category == "spokesperson"}
        ids = list(dict.fromkeys(m[0] for m in mentions))
        group: list[str] = []
        for label, spans in trig.items():
            if label.startswith("trig:group:"):
                parts = label.split(":")
                count = int(parts[3]) if len(parts) > 3 else 2
                group = _group_members(st, parts[2], officials, spans[0].start, count) or group
        ids_all = list(dict.fromkeys(ids + group))
        forums = list(view.forums)
        session = None
        if not forums and "trig:forum_anaphor:" in trig and (
                group or not _opens_sentence(st, trig["trig:forum_anaphor:"][0])):
            anaphor = trig["trig:forum_anaphor:"][0]
            noun = next((t.text for t in anaphor if t.lower_ in st.lex.anaphor_match), None)
            f = last_forum(anaphor.start, window=st.lex.windows["forum_reference_sentences"],
                           noun=noun)
            if f:
                forums.append(f)
                if len(anaphor) > 2 or anaphor.text.split()[-1].lower() in st.words["session_word"]:
                    session = anaphor.text.lower()  # "its inaugural meeting": another session

        strong = _first(trig, "trig:meeting:strong")
        delegation = _first(trig, "trig:attended:delegation")
        weak = _first(trig, "trig:meeting:weak")
        escort = _first(trig, "trig:meeting:escort")
        if not negated:
            leaders = _delegation_leaders(st, mentions, trig) if delegation else []
            if delegation and len(leaders) >= 2:
                for a, b in combinations(leaders, 2):
                    add("meeting", a, b, sent_i, delegation)
            elif strong and len(ids_all) >= 2 and not _locally_negated(st, trig):
                for a, b in _clause_pairs(st, sent, mentions, group, trig):
                    if a not in reporters and b not in reporters:  # spokespersons report
                        add("meeting", a, b, sent_i, strong)
            elif escort and len(ids_all) >= 2:  # an entourage does not meet its own principal
                country = {c.id: c.country for c in officials}
                for a, b in _clause_pairs(st, sent, mentions, group, trig, "trig:meeting:escort"):
                    if country.get(a) and country.get(b) and country[a] != country[b]:
                        add("meeting", a, b, sent_i, escort)
            elif weak:
                for group_ids in _coordination_groups(st, mentions):
                    for a, b in combinations(group_ids, 2):
                        add("meeting", a, b, sent_i, weak)
        deleg_toks = {t for sp in trig.get("trig:attended:delegation", [])
                      for t in range(sp.start, sp.end)}
        attend_spans = [sp for sp in trig.get("trig:attended:strong", [])
                        if not any(t in deleg_toks for t in range(sp.start, sp.end))]
        attend = attend_spans[0].text if attend_spans else None  # "memimpin" in "memimpin delegasi"
        held_spans = [sp for sp in trig.get("trig:attended:object", [])
                      if not any(t in deleg_toks for t in range(sp.start, sp.end))]
        held = _held_forums(st, held_spans, forum_seen)
        after = trig.get("trig:attended:after_forum", [])
        held += [f for f in _forums_just_before(st, after, forum_end) if f not in held]
        if not view.forums and any(sp.start - 1 in meeting_toks for sp in after):
            held += [f for f in forums if f not in held]  # "this meeting ... summit between"
        held_spans += after
        if held and not attend:
            attend = held_spans[0].text
        if not no_attend and ids_all:
            targets = forums
            if view.forums and (attend_spans or delegation):
                anchor = attend_spans[0] if attend_spans else trig["trig:attended:delegation"][0]
                targets = forum_near(sent_i, anchor.start)
            if held and not attend_spans:
                targets = held
            elif not (attend or delegation) and strong:
                targets = _forums_near(st, trig.get("trig:meeting:strong", []), targets,
                                       forum_seen)
            if not targets and delegation:
                f = last_forum(sent.start, window=st.lex.windows["delegation_forum_sentences"])
                targets = [f] if f else []
            if attend_cutoff is not None:  # "agreed to hold the NCG": a plan, not attendance
                targets = [f for f in targets
                           if all(s < attend_cutoff for s, cid in forum_seen
                                  if cid == f and st.sent_of[s] == sent_i)]
            if delegation and not attend:
                ids_all = leaders or ids_all
            if (attend and forums) or (delegation and targets) or (
                strong and forums and len(ids_all) >= 2
                and (group or "trig:forum_anaphor:" in trig
                     or _located(st, trig.get("trig:meeting:strong", []), targets, forum_seen))
            ):
                for oid in ids_all:
                    for fid in targets:
                        add("attended", oid, fid, sent_i, attend or delegation or strong)
                        sessions.setdefault((oid, fid), session)
            elif not (attend or delegation or strong):
                for oid, fid, cue in _present_at(st, mentions, forum_seen, sent_i):
                    add("attended", oid, fid, sent_i, cue)
        # co-appearance: every pair of entities named in the sentence
        named = list(dict.fromkeys([m[0] for m in view.officials] + view.forums + view.agencies))
        for a, b in combinations(named, 2):
            add("co_appearance", a, b, sent_i, None)
    return rels + _co_attendance(st, rels, org_by_id, people, sessions)




def _held_forums(st: _DocState, spans: list[Any], forum_seen: list[tuple[int, str]]
                 ) -> list[str]:
    """Forums named as the object of "held", "co-chaired", "menggelar" ... (just after it).

    "held the 55th SCM" holds the SCM; "held talks ... before the SCM" and
    "menyelenggarakan kursus" hold no forum.
    """
    out = []
    for span in spans:
        for s, cid in forum_seen:
            if span.end <= s and st.sent_of[s] == st.sent_of[span.start] and sum(
                1 for t in st.doc[span.end:s] if not (
                    t.is_punct or t.i in st.tok_country or t.like_num or _ORDINAL.match(t.text)
                    or t.lower_ in st.words["definite"] or t.lower_ in st.words["filler"])
            ) <= st.lex.windows["held_forum_words"]:
                out.append(cid)
    return list(dict.fromkeys(out))


def _forums_just_before(st: _DocState, spans: list[Any], forum_end: list[tuple[int, str]]
                        ) -> list[str]:
    """Forums named right before "between", "where", "di mana": "the SCM between A and B"."""
    doc = st.doc
    nouns = st.classes("meeting_noun")
    out = []
    for span in spans:
        for e, cid in forum_end:
            gap = doc[e:span.start] if e <= span.start else None
            if gap is not None and len(gap) <= 4 and st.sent_of[e - 1] == st.sent_of[span.start] \
                    and all(t.is_punct or t.text.isupper() or t.like_num
                            or t.lower_ in nouns for t in gap):
                out.append(cid)
    return list(dict.fromkeys(out))


def _forums_near(st: _DocState, spans: list[Any], forums: list[str],
                 forum_seen: list[tuple[int, str]]) -> list[str]:
    """The ``forums`` named within a few tokens of a meeting word of the same sentence."""
    return [f for f in forums if any(
        cid == f and st.sent_of[s] == st.sent_of[sp.start]
        and abs(s - sp.start) <= st.lex.windows["meeting_word_to_forum_tokens"]
        for s, cid in forum_seen for sp in spans)]


def _present_at(st: _DocState, mentions: list[_Occurrence], forum_seen: list[tuple[int, str]],
                sent_i: int) -> list[tuple[str, str, str]]:
    """"Kamikawa and Kihara are in Manila for the 2+2": the subjects are at the forum.

    Officials named before a place word (``forum_locative``) that stands right
    before a forum's name, in a sentence with no other relation word.
    """
    out = []
    for s, fid in forum_seen:
        k = _place_word_before(st, s)
        if st.sent_of[s] == sent_i and k is not None:
            out += [(m[0], fid, st.doc[k].text) for m in mentions if m[2] <= k]
    return out


def _place_word_before(st: _DocState, i: int) -> int | None:
    """The ``forum_locative`` word before token ``i`` past articles and ordinals, if any."""
    doc = st.doc
    k = i - 1
    while k >= 0 and (doc[k].lower_ in st.words["definite"] or _ORDINAL.match(doc[k].text)):
        k -= 1
    return k if k >= 0 and doc[k].lower_ in st.classes("forum_locative") else None


def _located(st: _DocState, spans: list[Any], forums: list[str],
             forum_seen: list[tuple[int, str]]) -> bool:
    """The meeting is placed at one of ``forums``: "during the SCM", "dalam pertemuan 2+2".

    A place word (``forum_locative`` in the lexicon) stands right before the forum's
    name or before the meeting word that names it.
    """
    starts = [s for s, cid in forum_seen if cid in forums] + [sp.start for sp in spans]
    return any(_place_word_before(st, i) is not None for i in starts)


def _opens_sentence(st: _DocState, span: Any) -> bool:
    """"The meeting preceded ...", "Pertemuan ini menunjukkan ...": the reference is the subject.

    Such a sentence tells what the meeting was, not who took part, unless it names
    the participants as a group ("This meeting will be the first ... between the two
    defense ministers").
    """
    return all(t.is_punct or t.is_space for t in st.doc[span.sent.start:span.start])


def _named_as(st: _DocState, cl: _Cluster, noun: str) -> bool:
    """The forum's name has a word of kind ``noun`` ("summit", "exercise"; lexicon data)."""
    words = {w.casefold() for w in st.lex.anaphor_match.get(noun, ())}
    return any(w.casefold() in words for w in re.findall(r"[\w']+", cl.name))


def _co_attendance(st: _DocState, rels: list[Relation], orgs: dict[str, _Cluster],
                   people: list[_Cluster], sessions: dict[tuple[str, str], str | None]
                   ) -> list[Relation]:
    """Officials who attend the same bilateral or small forum meet there.

    Multilateral gatherings (``"multilateral": true`` in the gazetteer, e.g. the
    Shangri-La Dialogue) are left out: attending one does not mean meeting everyone.
    """
    former = {c.id: c.former for c in people}
    attendees: dict[str, dict[str, Relation]] = defaultdict(dict)
    for rel in rels:
        if rel.kind == "attended":
            attendees[rel.target].setdefault(rel.source, rel)
    out = []
    for fid, people in attendees.items():
        cl = orgs[fid]
        if cl.key and st.lex.gazetteer.get(cl.key, {}).get("multilateral"):
            continue
        if _named_as(st, cl, "summit"):
            continue  # a summit gathers many delegations
        for (a, ra), (b, rb) in combinations(people.items(), 2):
            if former.get(a) != former.get(b) or sessions.get((a, fid)) != sessions.get((b, fid)):
                continue  # "then JCS Chairman X", "its inaugural meeting": another session
            ev = rb if rb.start >= ra.start else ra
            out.append(Relation(kind="meeting", source=a, target=b, sentence=ev.sentence,
                                start=ev.start, end=ev.end, trigger=f"both attended {cl.name}"))
    return out


def _affiliations(st: _DocState, officials: list[_Official], people: list[_Cluster],
                  orgs: list[_Cluster]) -> list[Relation]:
    rels = []
    org_at = {}
    for cl in orgs:
        for s, _e, _ in cl.mentions:
            org_at[s] = cl
    person_at = {}
    for cl in people:
        for s, _e, _ in cl.mentions:
            person_at[s] = cl
    for off in officials:
        cl = person_at.get(off.start)
        if cl is None or cl.type != "official":
            continue
        for n in off.agencies:
            org = org_at.get(st.orgs[n].start)
            if org is None or org.type != "agency":
                continue
            text, offset = _evidence_text(st.sents[st.sent_of[off.start]])
            rels.append(Relation(kind="affiliated", source=cl.id, target=org.id, sentence=text,
                                 start=offset, end=offset + len(text), trigger=org.name))
    return rels


# ---------------------------------------------------------------------------- entry point
def _to_entity(st: _DocState, cl: _Cluster) -> Entity:
    doc = st.doc
    mentions = [
        Mention(text=doc[s:e].text, start=doc[s].idx, end=doc[e - 1].idx + len(doc[e - 1]),
                sentence=sent)
        for s, e, sent in cl.mentions
    ]
    name = cl.name
    if cl.type in ("official", "person"):
        fulls = [a for a in cl.aliases if len(_name_parts(a)) >= 2]
        if fulls:
            name = max(fulls, key=lambda a: (cl.aliases[a], not a.isupper(), len(a)))
    return Entity(
        id=cl.id, type=cl.type, name=name, key=cl.key,
        aliases=sorted(cl.aliases), role=cl.role, role_text=cl.role_text,
        category=cl.category, country=cl.country, former=cl.former,
        ordinals=cl.ordinals, mentions=mentions,
    )


def extract_document(doc: Any, *, doc_id: str, lang: str, title: str | None = None,
                     date: str | None = None, notes: list[str] | None = None,
                     lexicon: Lexicon | None = None) -> DocExtraction:
    """Extract entities and relations from a ``Doc`` processed by a ``kg`` pipeline.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        Processed by :func:`kg.nlp.load_pipeline` (needs the ``kg_domain`` spans).
    doc_id, lang : str
        Document id (kept on every record) and its language ("en" / "id").
    title, date : str, optional
        Metadata given with the input; otherwise found in the text.
    """
    lex = lexicon or get_lexicon()
    text_lang = lang if lang in ("en", "id") else "en"
    st = _DocState(doc, text_lang, lex)
    ner_people = [(e.start, e.end) for e in doc.ents if e.label_ in ("PERSON", "PER")]
    officials = _find_officials(st, ner_people)
    byline = find_byline(st.text)
    bykeys = {norm_key(b) for b in byline}
    officials = [o for o in officials if norm_key(o.name) not in bykeys]
    people = _cluster_officials(st, officials)
    _role_references(st, officials, people)
    _meeting_partners(st, people)
    orgs = _cluster_orgs(st, people)
    relations = _relations(st, people, orgs) + _affiliations(st, officials, people, orgs)
    entities = [_to_entity(st, c) for c in people + orgs]
    return DocExtraction(
        doc_id=doc_id, lang=lang, title=title or find_title(st.text),
        date=date or find_date(st.text), byline=byline, entities=entities,
        relations=relations, notes=list(notes or []), n_chars=len(st.text),
        n_words=sum(1 for t in doc if not t.is_space and not t.is_punct),
    )
