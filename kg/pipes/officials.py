"""``kg_officials``: officials named in a document, with what their title chains say.

A name run after a chain of titles, countries and agencies ("South Korean Defense
Minister Ahn Gyu-back", "Juru bicara Kepala Staf Gabungan Korea Selatan Kolonel
Lee Sung-jun"), or before an appositive title ("Ely Ratner, asisten menteri
pertahanan ..."); names the statistical model finds with no office given are kept
untitled (``person``). Reads the marker span groups; the words it reads are word
classes in ``kg/data/LANG/lexicon.jsonl`` and the windows in ``kg/data/windows.json``.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Span

from kg.lexicon import norm_key
from kg.meta import find_byline
from kg.pipes.view import (
    ACRONYM, DASHES, POSSESSIVE, Component, DocState, Official, head_words, is_cap, text_at,
)


def _given_name_like_a_word(st: DocState, j: int) -> bool:
    """"bersama Dan Cain": a coordinator capitalised inside a sentence starts a name."""
    doc = st.doc
    tok = doc[j]
    if tok.lower_ not in st.words["coordinator"] or tok.text == tok.lower_:
        return False
    if j == tok.sent.start or not doc[j - 1].is_alpha or j + 1 >= len(doc):
        return False  # "Dan Menteri ...": a sentence may open with the word
    nxt = doc[j + 1]
    return is_cap(nxt.text) and nxt.is_alpha and st.free(j + 1) \
        and nxt.text not in st.person_stop and nxt.text not in st.role_words


def _name_run(st: DocState, i: int) -> int:
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
        if j > i and _quoted_nickname(st, j):
            j += 3  # 'Gilberto "Gibo" Teodoro': the nickname is left out of the name
            continue
        if j == i + 1 and _caps_family_given(st, i):
            j += 1  # "NAKATANI Gen": a given name that is also a rank's abbreviation
            break
        if (
            tok.is_alpha or re.match(r"^[A-Z][\w'’.]*$", text)
        ) and is_cap(text) and st.free(j) and (
            text not in st.person_stop or (j > i and hyphenated)  # "Yeo In-hyung"
            or (j == i and _given_name_like_a_word(st, j))
            or (j == i and is_cap(text_at(doc, j + 1)) and _hyphen_follows(doc, j + 1))
            # "Laksamana Yang Yong-mo": a family name that is also a word, before a
            # hyphenated given name
        ) and (
            text not in st.role_words
        ) and not (text.isupper() and len(text) <= 2 and j == i
                   and not _name_particle(st, j) and not _initial(st, j)):
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


def _quoted_nickname(st: DocState, j: int) -> bool:
    """A one-word nickname in quotes between a given name and a family name, from token
    ``j``: 'Gilberto "Gibo" Teodoro', "Ronald 'Bato' dela Rosa" (the words are free)."""
    doc = st.doc
    if j + 3 >= len(doc) or doc[j].text not in _QUOTES or doc[j + 2].text not in _QUOTES:
        return False
    nick, after = doc[j + 1], doc[j + 3]
    return is_cap(nick.text) and nick.is_alpha and not doc[j + 1].whitespace_ \
        and is_cap(after.text) and after.is_alpha and st.free(j + 3) \
        and st.sent_of[j + 3] == st.sent_of[j]


_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})
#: a quoted nickname inside a name (:func:`_quoted_nickname`), removed from it
_NICKNAME = re.compile(r"\s*[\"“”'‘’][A-Z][\w-]*[\"“”'‘’](?=\s)")


def _caps_family_given(st: DocState, i: int, any_case: bool = False) -> bool:
    """A family name in capitals before a given name that reads as a title's abbreviation,
    the Japanese government's style ("NAKATANI Gen"): the capitals word is free, and the
    abbreviation has no full stop and ends the name. ``any_case``: the family name may
    be written "Nakatani" (when the statistical model says the two words are a person)."""
    doc = st.doc
    j = i + 1
    if j >= len(doc) or j not in st.tok_title or not st.free(i) or not doc[i].is_alpha \
            or len(doc[i].text) < 3 or not doc[i].whitespace_ \
            or not (doc[i].text.isupper() or any_case and doc[i].text.istitle()):
        return False
    title = st.titles[st.tok_title[j]]
    nxt = doc[j + 1].text if j + 1 < len(doc) else ""
    return len(title) == 1 and bool(st.lex.title(title.label_).get("abbr")) \
        and doc[j].is_alpha and doc[j].text.istitle() \
        and not (is_cap(nxt) and doc[j + 1].is_alpha)


def _name_particle(st: DocState, j: int) -> bool:
    """A particle that opens a name before a capitalised word: Balinese "I Wayan", "Ni Luh"."""
    doc = st.doc
    return doc[j].text in st.classes("name_particle") and j + 1 < len(doc) \
        and is_cap(doc[j + 1].text) and doc[j + 1].is_alpha


def _initial(st: DocState, j: int) -> bool:
    """A one-letter initial opening a name before a capitalised word: "M Herindra", "M. Yusuf"."""
    doc = st.doc
    text = doc[j].text.rstrip(".")
    if len(text) != 1 or not text.isalpha() or j + 1 >= len(doc):
        return False
    nxt = doc[j + 1].text
    if re.match(r"^[A-Z]\.$", nxt):  # "C. Q. Brown"
        return _initial(st, j + 1)
    return is_cap(nxt) and doc[j + 1].is_alpha and nxt not in st.person_stop \
        and nxt not in st.role_words


def _hyphen_follows(doc: Any, j: int) -> bool:
    """Token ``j`` is joined by a hyphen to the next word ("Gyu" in "Gyu-back")."""
    return (
        j + 2 < len(doc) and doc[j + 1].text in {"-", "‐"} and not doc[j].whitespace_
        and not doc[j + 1].whitespace_ and doc[j + 2].is_alpha
    )


def _chain_left(st: DocState, start: int) -> tuple[int, list[int], list[int], list[int], bool]:
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
        if _chain_stop(st, i):
            break
        if i in st.tok_title:
            n = st.tok_title[i]
            titles.append(n)
            i = st.titles[n].start - 1
            chain_start = i + 1
        elif i in st.tok_country:
            n = st.tok_country[i]
            if commas and _of_a_name_before(st, st.countries[n].start):
                break  # "Gen. X of Japan, JCS Chairman Gen. Y": Japan is X's
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
        elif _list_break(st, i, bool(titles), bool(countries)):
            break
        elif _aside_before(st, i):
            i -= _aside_before(st, i)
        elif (text.lower() in st.words["chain_connector"]
              or (text in st.role_words
                  and (titles or orgs or role_skips < st.lex.windows["chain_role_words"]))
              or i in st.former_toks):
            role_skips += text in st.role_words
            i -= 1
        elif re.match(r"^[A-Z]{2,6}$", text) and i - 1 >= 0 and doc[i - 1].text == "(":
            i -= 2  # "(JCS)"
        elif text == ")" and i >= 2 and doc[i - 2].text == "(" \
                and ACRONYM.match(doc[i - 1].text):
            i -= 3  # "Menteri Defence Acquisition Program Administration (DAPA), Kang ..."
        else:
            break
    former = any(k in st.former_toks for k in range(max(0, chain_start - 3), start))
    if not titles:
        chain_start = start
    return chain_start, titles, countries, orgs, former


def _list_break(st: DocState, i: int, titled: bool, with_country: bool) -> bool:
    """A coordinator at ``i`` ends a chain: after a comma ("X, chairman of the JCS, and
    Gen. Y": a list), or once a title is read, after a country ("Gen. X of the U.S. and
    Gen. Y"), or after a name when the chain read has its own country ("Minister X and
    former Japanese Defense Minister Y"), unless countries are listed ("American and
    Japanese counterparts"). A country before the first name may serve both ("Indonesian
    Minister of Defense X and Army Chief of Staff Y")."""
    doc = st.doc
    if doc[i].lower_ not in st.words["coordinator"] or i == 0:
        return False
    if doc[i - 1].text == ",":
        return True
    return titled and i + 1 not in st.tok_country and (
        i - 1 in st.tok_country
        or (with_country and i - 1 not in st.tok_title
            and doc[i - 1].text not in st.role_words))


def _aside_before(st: DocState, i: int) -> int:
    """Tokens up to ``i`` a chain walks over to its left: an honorific ("Mayjen TNI Dr. X"),
    a retired rank's qualifier ("Letjen TNI (Purn.) X"), a body's number ("Ketua Komisi I
    DPR X"); their length, else 0."""
    if _honorific_before(st, i):
        return _honorific_before(st, i)
    if st.doc[i].text == ")" and _retired_aside(st, i):
        return _retired_aside(st, i)
    return 1 if _body_number(st, i) else 0


def _chain_stop(st: DocState, i: int) -> bool:
    """Token ``i`` ends a dateline, not part of a title chain: a dash with spaces on both
    sides ("Tokyo (ANTARA) - Menteri ...", "SEOUL -- Gen. ...") or a news outlet's name
    ("(ANTARA)", "(Yonhap)"): the dateline's city is not the official's country."""
    doc = st.doc
    t = doc[i]
    if t.text in DASHES and t.whitespace_ and i > 0 and doc[i - 1].whitespace_:
        return True
    return norm_key(t.text) in st.outlets


def _title_info(st: DocState, title_ids: list[int]) -> tuple[dict | None, bool]:
    """The defining title of a chain (an office beats a rank) and whether it is rank only."""
    infos = [st.lex.title(st.titles[n].label_) for n in title_ids]
    offices = [t for t in infos if not t.get("rank")]
    if offices:
        # the most specific office: defense/foreign/... over generic minister/head
        order = st.lex.category_specificity
        return min(offices, key=lambda t: order.get(t["cat"], len(order))), False
    return (infos[0], True) if infos else (None, False)


def _country_of_org(st: DocState, n: int) -> str | None:
    label = st.orgs[n].label_
    if label.startswith("gaz:"):
        return st.lex.gazetteer[label[4:]].get("country")
    return None


def _paren_aside(st: DocState, j: int) -> int:
    """``( ACR )``, ``( Country )`` or a rank's service ``( Udara )``, ``( Purn. )`` after a
    title or country: its length in tokens (0: none)."""
    doc = st.doc
    if j + 2 >= len(doc) or doc[j].text != "(":
        return 0
    inner = doc[j + 1].text
    if doc[j + 2].text == ")" and (j + 1 in st.tok_country or j + 1 in st.tok_title
                                   or inner.isupper() or inner in st.classes("rank_qualifier")):
        return 3
    if j + 3 < len(doc) and doc[j + 2].text == "." and doc[j + 3].text == ")" \
            and inner in st.classes("rank_qualifier"):
        return 4  # "Marsdya TNI (Purn.) X"
    return 0


def _of_a_name_before(st: DocState, k: int) -> bool:
    """The country starting at ``k`` follows a name and an origin preposition ("X of")."""
    doc = st.doc
    return k >= 2 and doc[k - 1].lower_ in st.words["origin_preposition"] \
        and is_cap(doc[k - 2].text) and k - 2 not in st.tok_title and k - 2 not in st.tok_org


def _honorific_before(st: DocState, i: int) -> int:
    """The length of an honorific ending at token ``i`` ("Dr." or "Dr" "."), else 0."""
    for n in (1, 2):
        if i - n + 1 >= 0 and _honorific(st, i - n + 1) == n:
            return n
    return 0


def _retired_aside(st: DocState, i: int) -> int:
    """The length of a rank's bracketed qualifier ending at ``i`` ("(Purn)", "(Purn.)")."""
    for n in (3, 4):
        if i >= n - 1 and _paren_aside(st, i - n + 1) == n \
                and st.doc[i - n + 2].text in st.classes("rank_qualifier"):
            return n
    return 0


def _opens_a_body(st: DocState, start: int, j: int) -> bool:
    """A head word that opens a body's name stands between a title and ``j``: the words
    after it name the body, not a person ("Kepala Badan Sarana Pertahanan ...", also
    when the title ends with it: "Kepala Biro | Humas Setjen ..."). A body the markers
    know ("Kementerian Luar Negeri") is part of the chain instead."""
    return any(st.doc[k].text in st.opening_heads and k not in st.tok_org
               and not _body_number(st, k + 1)  # "Ketua Komisi I DPR X": a remit
               for k in range(start, j))


def _past_named_body(st: DocState, j: int) -> int | None:
    """Past a body named after a title up to its acronym in brackets: "Kepala | Badan
    Intelijen Negara (BIN) | Muhammad Herindra", "Director of the | Defense Acquisition
    Program Administration (DAPA) | X". None unless a head word opens it and its
    capitalised words (and connectors) end at the brackets within a few words."""
    doc = st.doc
    if j < len(doc) and doc[j].lower_ in st.words["chain_article"]:
        j += 1
    if j >= len(doc) or doc[j].text not in st.opening_heads:
        return None
    for k in range(j + 1, min(len(doc) - 2, j + st.lex.windows["body_name_tokens"])):
        if doc[k].text == "(" and ACRONYM.match(doc[k + 1].text) and doc[k + 2].text == ")":
            return k + 3
        if not (is_cap(doc[k].text) or doc[k].lower_ in st.words["org_name_connector"]):
            return None
    return None


def _given_name_abbr(st: DocState, title: Any) -> bool:
    """A bare rank abbreviation before a single name reads as a given name ("Gen Yamada")."""
    info = st.lex.title(title.label_)
    return bool(info.get("abbr")) and _name_run(st, title.end) - title.end == 1


def _skip_to_title(st: DocState, k: int) -> int:
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


def _governs_agency(st: DocState, title: Any) -> bool:
    """A generic head title ("director", "chairman") followed by a government body."""
    limit = title.end + st.lex.windows["governs_agency_tokens"]
    for k in range(title.end, min(len(st.doc), limit)):
        if k in st.tok_org:
            return st.orgs[st.tok_org[k]].label_.startswith(("gaz:", "gen:"))
        if st.doc[k].text in st.classes("government_word") and k + 1 < len(st.doc) \
                and st.doc[k + 1].text in POSSESSIVE:
            return True  # "director general of the ministry's International Policy Bureau"
        if st.doc[k].text in {",", ".", ";"}:
            break
    return False


def _enrich_from_appositive(st: DocState, off: Official) -> None:
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
        if j < len(doc) and doc[j].lower_ in st.words["chain_article"]:
            j += 1
        if j in st.tok_org:
            org = st.tok_org[j]
    elif org is None and j in st.tok_org:  # "juru bicara Kementerian Pertahanan Korsel"
        org = st.tok_org[j]
    if off.rank_only or off.role is None:
        off.role, off.category, off.rank_only = info["role"], info["cat"], False
        off.role_text = doc[title.start:(st.orgs[org].end if org is not None else title.end)].text
    if org is not None:
        off.agencies.append(org)
        off.country = off.country or _country_of_org(st, org)
        if info["cat"] == "head":
            off.role = f"{info['role']}, {_org_label(st, org)}"


def _org_label(st: DocState, n: int) -> str:
    label = st.orgs[n].label_
    if label.startswith("gaz:"):
        return st.lex.gazetteer[label[4:]]["label"]
    if label.startswith("gen:"):
        return st.lex.generic[label[4:]]["label"]
    return st.orgs[n].text


def _line_is(st: DocState, start: int, end: int) -> bool:
    """Tokens ``start:end`` make up their whole line: "Lt. Gen. Thomas Vandal" signing off."""
    doc = st.doc
    if end <= start:
        return False
    line_start = st.line_start(doc[start].idx)
    line_end = st.text.find("\n", line_start)
    line = st.text[line_start:line_end if line_end >= 0 else None].strip()
    return line == doc[start:end].text.strip()


class _Found:
    """Officials found so far: a new one may not overlap them, nor stand in a headline,
    a byline or an outlet's name."""

    def __init__(self, st: DocState) -> None:
        self.st = st
        self.officials: list[Official] = []
        self.taken: set[int] = set()

    def add(self, off: Official) -> None:
        st = self.st
        if any(k in self.taken for k in range(off.start, off.end)) or (
                st.in_headline(off.start) and not _line_is(st, off.chain_start, off.end)):
            return
        if st.is_byline(off.start) or norm_key(off.name) in st.outlets:
            return
        self.taken.update(range(off.start, off.end))
        off.name = _NICKNAME.sub("", _without_full_stop(st, off))
        self.officials.append(off)


def _without_full_stop(st: DocState, off: Official) -> str:
    """The name without the full stop of its sentence: "Defense Minister Dong Jun." keeps
    "Jun." whole (the tokenizer reads it as June), but the stop ends the sentence.

    Kept: an initial ("Kim J."), a suffix ("Jr.", ``name_suffix``) and a stop that a
    lower-case word follows (an abbreviation inside the sentence).
    """
    doc = st.doc
    last = doc[off.end - 1]
    word = last.text[:-1]
    if not (last.text.endswith(".") and len(word) >= 2 and word.isalpha()) \
            or last.text in st.classes("name_suffix") or not off.name.endswith("."):
        return off.name
    nxt = doc[off.end] if off.end < len(doc) else None
    if nxt is not None and not (nxt.is_space or nxt.is_punct or nxt.text[:1].isupper()):
        return off.name
    return off.name[:-1]


def find_officials(st: DocState, ner_people: list[tuple[int, int]]) -> list[Official]:
    """Officials in reading order: named after a title chain, before an appositive title,
    or found by the statistical model (``ner_people``) with no office given."""
    found = _Found(st)
    for title in st.titles:  # 1. a name right after a title chain
        _after_title(st, title, found)
    for off in found.officials:
        _enrich_from_appositive(st, off)
    titled = len(found.officials)
    for tok in st.doc:  # 2. "Ely Ratner, asisten menteri pertahanan ..."
        _before_appositive(st, tok.i, found)
    for off in found.officials[titled:]:  # "..., chairman of the JCS": the agency too
        _enrich_from_appositive(st, off)
    for start, end in ner_people:  # 3. names the model finds, with no office given here
        _model_name(st, start, end, found)
    officials = sorted(found.officials, key=lambda o: o.start)
    _sides(st, officials)
    return officials


def _sides(st: DocState, officials: list[Official]) -> None:
    """"The Japanese side is represented by A and B, and the U.S. side by C": officials
    named after a country's side (``side_word``: "side", "pihak") up to the next side
    of the sentence are of that country, unless their own title says otherwise."""
    doc = st.doc
    words = st.classes("side_word")
    marks = []  # (token, sentence, country) of every "<country> side" / "pihak <country>"
    for c in st.countries:
        after = doc[c.end].lower_ if c.end < len(doc) else ""
        before = doc[c.start - 1].lower_ if c.start > 0 else ""
        if after in words or before in words:
            marks.append((c.start, st.sent_of[c.start], c.label_.split(":")[1]))
    for off in officials:
        sent = st.sent_of[off.start]
        prior = [m for m in marks if m[1] == sent and m[0] < off.start]
        if prior and off.country is None:
            off.country = prior[-1][2]


def _name_start(st: DocState, title: Any) -> int:
    """Where the name after ``title`` starts: past the rest of the chain.

    "Ambassador to Korea Philip Goldberg", "Menteri Pertahanan Korea Selatan (Korsel)
    Shin Won-sik", "Deputy Minister for National Defense Policy Cho Chang-rae".
    """
    doc = st.doc
    j = title.end
    if j < len(doc) and doc[j].text == ",":
        j += 1
    if j + 1 < len(doc) and doc[j].lower_ in st.words["chain_preposition"]:
        k = j + 1 + (doc[j + 1].lower_ in st.words["chain_article"] and j + 2 < len(doc))
        if k in st.tok_country or k in st.tok_org:
            j = k  # "Ambassador to Korea Philip Goldberg", "to the Philippines"
    j = _past_chain_items(st, j)
    while j < len(doc) and _remit_word(st, j):
        j += 1  # "Deputy Minister for National Defense Policy Cho Chang-rae"
    if j < len(doc) and doc[j].text == ",":
        j += 1
    while _honorific(st, j):
        j += _honorific(st, j)  # "Mayjen TNI Dr. X", "Wakil Menteri ..., Mr. X"
    return j


def _honorific(st: DocState, j: int) -> int:
    """The length in tokens of an honorific ("Mr.", "Dr", "Prof.", "H.") at ``j`` that a
    capitalised word follows; 0 if none."""
    doc = st.doc
    if j >= len(doc) or doc[j].text.rstrip(".") not in st.classes("honorific"):
        return 0
    n = 2 if not doc[j].text.endswith(".") and j + 1 < len(doc) and doc[j + 1].text == "." \
        and not doc[j].whitespace_ else 1
    nxt = doc[j + n] if j + n < len(doc) else None
    return n if nxt is not None and is_cap(nxt.text) and nxt.is_alpha or (
        nxt is not None and _honorific(st, j + n)) else 0


def _remit_word(st: DocState, j: int) -> bool:
    """Token ``j`` is part of a title's remit: a role word or country ("for National Defense
    Policy"), or a connector before a capitalised role word that starts no new title
    ("Asisten Menteri Pertahanan AS untuk Urusan Keamanan Indo-Pasifik X")."""
    doc = st.doc
    nxt = j + 1 < len(doc) and (doc[j + 1].text in st.role_words
                                or j + 1 in st.tok_country or j + 1 in st.tok_org)
    if _body_number(st, j):
        return True
    if doc[j].text in st.role_words or j in st.tok_country:
        return is_cap(doc[j].text) or nxt
    return nxt and doc[j].lower_ in st.words["chain_connector"] \
        and j + 1 not in st.tok_title and is_cap(doc[j + 1].text)


def _body_number(st: DocState, k: int) -> bool:
    """A roman numeral that numbers the body before it ("Komisi I", "Committee II")."""
    doc = st.doc
    return k > 0 and re.fullmatch(r"[IVX]{1,4}", doc[k].text) is not None \
        and doc[k - 1].text in st.lex.word_class("any", "numbered_body")


def _past_chain_items(st: DocState, j: int) -> int:
    """Past the countries, titles, agencies, bracketed asides and "former" of a chain."""
    doc = st.doc
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
            j += _paren_aside(st, j)  # "Menteri Pertahanan Korea Selatan (Korsel) Shin Won-sik"
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
    return j


def _name_end(st: DocState, j: int) -> int:
    """End of the name starting at ``j`` (``j`` if none, or if the chain goes on there)."""
    if j < len(st.doc) and j in st.tok_title:
        nxt = st.titles[st.tok_title[j]]
        if not _given_name_abbr(st, nxt):
            return j  # the chain goes on: the later title will take the name
        return _name_run(st, nxt.end)  # "Defense Minister, Gen Yamada": Gen is a given name
    return _name_run(st, j)


def _not_a_name(st: DocState, title: Any, info_t: dict, j: int, end: int) -> bool:
    """A one-word "name" that is a headline verb, a bracketed abbreviation or a given name."""
    doc = st.doc
    if end - j != 1:
        return False
    if end < len(doc) and doc[end].text in head_words(st.lex, (st.lang, "en"), "end"):
        return True  # "commander of the ROK Special Warfare Command": a body's name
    lower = title.text.lower()
    if lower.endswith(tuple(st.words["plural_title_ending"])) or st.in_headline(j):
        return True  # "Defense Chiefs Gather in Hawaii": a headline verb, not a name
    if end < len(doc) and doc[end].text == ")":
        return True  # "(Karo Infohan)": an abbreviation in brackets, not a name
    if _title_follows(st, end):
        return True  # "Komandan Kodiklatad Letjen TNI X": the unit, another title follows
    # a bare abbreviation before a single name is a given name: "Gen Nakatani"
    return bool(info_t.get("abbr")) and title.end == j


def _title_follows(st: DocState, k: int) -> bool:
    """A title starts at ``k``, or after role words, countries and agencies from there
    ("Direktur Jenderal Strategi | Pertahanan Kemhan | Mayjen TNI X")."""
    doc = st.doc
    while k < len(doc) and k not in st.tok_title and doc[k].lower_ not in st.words[
            "coordinator"] and (doc[k].text in st.role_words or k in st.tok_country
                                or k in st.tok_org):
        k += 1
    return k in st.tok_title


def _after_title(st: DocState, title: Any, found: _Found) -> None:
    """The official named right after ``title`` (and, for a plural title, the others)."""
    doc = st.doc
    j = _name_start(st, title)
    end = _name_end(st, j)
    chain_from = j
    if end == j or _opens_a_body(st, title.end - 1, j):
        j = _past_named_body(st, title.end)  # "Kepala Badan Intelijen Negara (BIN) X"
        end = _name_end(st, j) if j is not None else None
        if j is None or end == j:
            return
        chain_from = title.end
    info_t = st.lex.title(title.label_)
    start = j
    if _not_a_name(st, title, info_t, j, end):
        return
    while _honorific_before(st, chain_from - 1):  # "Mr. X": a sentence may end at "Mr."
        chain_from -= _honorific_before(st, chain_from - 1)
    _, t_ids, c_ids, o_ids, former = _chain_left(st, chain_from)
    info, rank_only = _title_info(st, t_ids)
    if info is None:
        return
    country = _chain_country(st, c_ids, o_ids, end) or info.get("implies")
    if info["cat"] == "counterpart":
        peers = [o for o in found.officials if st.sent_of[o.start] == st.sent_of[start]
                 and o.category not in (None, "counterpart")]
        if peers:
            info = {"role": peers[-1].role, "cat": peers[-1].category}
    chain_start = min([st.titles[t].start for t in t_ids] + [start])
    found.add(Official(
        start=start, end=end, name=doc[start:end].text, titled=True,
        role=info["role"], role_text=doc[chain_start:title.end].text, category=info["cat"],
        country=country, former=former, agencies=o_ids, chain_start=chain_start,
        rank_only=rank_only,
    ))
    if info_t.get("plural"):  # "the chief negotiators, Jeong Eun-bo and Donna Welton"
        _listed_after_plural(st, title, info, end, found, _listed_countries(st, c_ids))


def _chain_country(st: DocState, c_ids: list[int], o_ids: list[int], end: int) -> str | None:
    """The country a title chain gives: its first home country, an agency's, "of Korea"."""
    doc = st.doc
    country = None
    home = [c for c in c_ids if st.countries[c].start == 0 or doc[
        st.countries[c].start - 1].lower_ not in st.words["posting_preposition"]]
    if home or c_ids:
        first = min(home or c_ids, key=lambda c: st.countries[c].start)
        country = st.countries[first].label_.split(":")[1]
    for o in o_ids:
        country = country or _country_of_org(st, o)
    k = end + 1
    if k < len(doc) and doc[k].lower_ in st.words["chain_article"]:
        k += 1  # "Gen. X of the U.S."
    if country is None and k < len(doc) \
            and doc[end].lower_ in st.words["origin_preposition"] \
            and k in st.tok_country:  # "Defense Minister X of South Korea"
        country = st.countries[st.tok_country[k]].label_.split(":")[1]
    return country


def _listed_countries(st: DocState, c_ids: list[int]) -> list[str]:
    """The countries of a plural title's chain in reading order: "his American and Japanese
    counterparts" -> US, JP."""
    ordered = sorted(c_ids, key=lambda c: st.countries[c].start)
    return [st.countries[c].label_.split(":")[1] for c in ordered]


def _listed_after_plural(st: DocState, title: Any, info: dict, end: int, found: _Found,
                         countries: list[str]) -> None:
    """"the chief negotiators, Jeong Eun-bo and Donna Welton": every listed name; the n-th
    of them takes the chain's n-th country when it names several ("his American and
    Japanese counterparts Lloyd Austin and Yasukazu Hamada")."""
    doc = st.doc
    k = end
    n = 1
    while k + 1 < len(doc) and (doc[k].lower_ in st.words["list_coordinator"]
                                or doc[k].text == ","):
        k += 1 + (doc[k + 1].lower_ in st.words["list_coordinator"])
        nxt = _name_run(st, k)
        if nxt - k < 2:
            break
        found.add(Official(start=k, end=nxt, name=doc[k:nxt].text, titled=True,
                           role=info["role"], role_text=title.text, category=info["cat"],
                           chain_start=k,
                           country=countries[n] if len(countries) > n else None))
        k, n = nxt, n + 1


def _before_appositive(st: DocState, i: int, found: _Found) -> None:
    """A name followed by an appositive title: "Ely Ratner, asisten menteri pertahanan ..."."""
    doc = st.doc
    tok = doc[i]
    if i in found.taken or not is_cap(tok.text) or not st.free(i):
        return
    if i > 0 and is_cap(doc[i - 1].text) and st.free(i - 1) and doc[i - 1].text not in \
            st.name_stop and doc[i - 1].is_alpha:
        return  # not the start of a run
    end, name = _name_run(st, i), None
    if _comma_split_name(st, i):  # "NAKATANI, Gen, Minister of Defense"
        end, name = i + 3, f"{doc[i].text} {doc[i + 2].text}"
    if end - i < 1 or end >= len(doc) - 1 or doc[end].text not in {",", "("}:
        return
    k = _skip_to_title(st, end + 1)
    if not ((k in st.tok_title or k in st.org_titles) and len((name or doc[i:end].text).split())
            >= 2):
        return
    title = st.titles[st.tok_title[k]] if k in st.tok_title else st.org_titles[k]
    info = st.lex.title(title.label_)
    if info.get("rank"):
        return
    if (info["cat"] == "head" and not _governs_agency(st, title)) or _civil_body(st, title.end):
        return  # "director of security strategy at the Korea Institute ..."
    country = next((st.countries[st.tok_country[c]].label_.split(":")[1]
                    for c in range(end + 1, title.start) if c in st.tok_country), None)
    country = country or _appositive_country(st, title.end, doc[end].text == "(")
    found.add(Official(start=i, end=end, name=name or doc[i:end].text, titled=True,
                       role=info["role"], role_text=title.text, category=info["cat"],
                       country=country, chain_start=i))


def _appositive_country(st: DocState, j: int, bracketed: bool) -> str | None:
    """The country named after an appositive title from ``j``: ", minister of ... of
    Japan", up to its comma, or in brackets up to the closing one ("(Minister of
    Defense, Japan)"); not one the office deals with."""
    doc = st.doc
    limit = j + st.lex.windows["appositive_country_tokens"]
    ends = {")", "."} if bracketed else {",", "."}
    while j < min(len(doc), limit) and doc[j].text not in ends:
        if j in st.tok_country and not _remit_country(st, j):
            return st.countries[st.tok_country[j]].label_.split(":")[1]
        j += 1
    return None


def _comma_split_name(st: DocState, i: int) -> bool:
    """A family name in capitals and the given name, each followed by a comma, before a
    title: "NAKATANI, Gen, Minister of Defense"."""
    doc = st.doc
    if i + 4 >= len(doc) or doc[i + 1].text != "," or doc[i + 3].text != ",":
        return False
    fam, given = doc[i], doc[i + 2]
    return fam.is_alpha and fam.text.isupper() and len(fam.text) >= 3 and given.is_alpha \
        and given.text.istitle() and (st.free(i + 2) or i + 2 in st.tok_title) \
        and _skip_to_title(st, i + 4) in st.tok_title


def _remit_country(st: DocState, j: int) -> bool:
    """The country at ``j`` is what an office deals with, not its own: a role word in
    lower case follows ("director of the ministry's North Korea policy division")."""
    end = st.countries[st.tok_country[j]].end
    nxt = st.doc[end].text if end < len(st.doc) else ""
    return nxt.islower() and nxt.capitalize() in st.role_words


def _civil_body(st: DocState, j: int) -> bool:
    """The appositive from token ``j`` to its comma names a body outside government
    ("a senior vice president at the Center for ...", "... of the Rand Corp."): word
    class ``civil_body_word`` (Institute, University, Corp., Universitas ...), read as
    far as an appositive's country (``appositive_country_tokens``)."""
    doc = st.doc
    words = st.classes("civil_body_word")
    k = j
    while k < len(doc) and k < j + st.lex.windows["appositive_country_tokens"] \
            and doc[k].text not in {",", ".", ";"}:
        if doc[k].text in words:
            return True
        k += 1
    return False


def _model_name(st: DocState, start: int, end: int, found: _Found) -> None:
    """A person the statistical model finds, kept untitled if it reads as a full name,
    or as a single name listed with a full one ("Sjafrie Sjamsoeddin dan Sugiono")."""
    doc = st.doc
    while end > start and doc[end - 1].text in POSSESSIVE:
        end -= 1
    while start < end and _honorific(st, start):
        start += _honorific(st, start)  # "Dr Park": not part of the name
    given = end - start == 2 and _caps_family_given(st, start, any_case=True)
    if any(k in found.taken for k in range(start, end)) or not all(
        st.free(k) for k in range(start, end - given)  # "Nakatani Gen": Gen is a given name
    ):
        return
    text = doc[start:end].text
    words = [w for w in re.split(r"\s+", text) if w]
    if not all(is_cap(w) for w in words) or text.isupper() \
            or (len(words) < 2 and not _listed_with_a_name(st, start, found)):
        return
    if any(w in st.person_stop or w in st.role_words for w in words):
        return
    found.add(Official(start=start, end=end, name=text, titled=False, chain_start=start))


def _listed_with_a_name(st: DocState, start: int, found: _Found) -> bool:
    """Token ``start`` follows "FULL NAME and" / "FULL NAME," of an official found before."""
    doc = st.doc
    k = start - 1
    if k < 1 or not (doc[k].lower_ in st.words["coordinator"] or doc[k].text == ","):
        return False
    return any(o.end == k and len(o.name.split()) >= 2 for o in found.officials)


class OfficialFinder(Component):
    """``kg_officials``: people named with an office, and full names the model finds.

    Sets ``doc._.kg_officials`` (a list of :class:`~kg.pipes.view.Official`, in
    reading order), ``doc._.kg_byline`` (the names the byline gives: never officials)
    and the span group ``doc.spans["kg_official"]`` (one span per name, labelled with
    its title category, or ``person`` when no office is given).
    """

    def match(self, doc: Any) -> tuple[list[Official], list[str]]:
        st = self.state(doc)
        people = [(e.start, e.end) for e in doc.ents if e.label_ in ("PERSON", "PER")]
        byline = find_byline(st.text)
        bykeys = {norm_key(b) for b in byline}
        return [o for o in find_officials(st, people) if norm_key(o.name) not in bykeys], byline

    def set_annotations(self, doc: Any, found: tuple[list[Official], list[str]]) -> None:
        officials, byline = found
        doc._.kg_officials = officials
        doc._.kg_byline = byline
        doc.spans["kg_official"] = [Span(doc, o.start, o.end, label=o.category or "person")
                                    for o in officials]


@Language.factory("kg_officials", default_config={"lang": "en"})
def make_official_finder(nlp: Language, name: str, lang: str) -> OfficialFinder:
    """Factory for :class:`OfficialFinder`."""
    return OfficialFinder(nlp, name, lang)
