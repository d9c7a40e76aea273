"""One schema test per rules file in kg/data: the fields the code reads, with the values it knows.

A newcomer who adds a trigger word, a title or an alias by editing a data file learns
here, not from a wrong graph, that a field is missing or a category does not exist.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kg.lexicon import DATA_DIR, languages, read_jsonl, read_language_jsonl, title_label

LANGS = {"en", "id"}
TITLE_CATEGORIES = {"counterpart", "defense", "diplomat", "foreign", "head", "leader", "military",
                    "minister", "politician", "security", "spokesperson"}
TRIGGER_KINDS = {
    "meeting": {"strong", "weak", "escort"},
    "attended": {"strong", "object", "after_forum", "delegation", "present"},
    "negation": {"all", "attended"},
    "group": {"any", "defense", "leader", "military", "minister"},
    "forum_anaphor": {""},
    "topic": {""},
}
ENTRY_TYPES = {"agency", "forum", "organization", "outlet"}


def _extract_source() -> str:
    """The code of the package (extraction rules may live in any module)."""
    return "\n".join(p.read_text(encoding="utf-8")
                     for p in sorted(Path(DATA_DIR).parent.rglob("*.py")))


def test_every_language_folder_has_the_rules_files():
    assert set(languages()) == LANGS
    for lang in languages():
        for name in ("titles.jsonl", "triggers.jsonl", "heads.jsonl", "lexicon.jsonl"):
            rows = read_jsonl(f"{lang}/{name}")
            assert rows and all("lang" not in r for r in rows), (lang, name)  # the folder says


def test_titles():
    allowed = {"lang", "text", "role", "cat", "rank", "abbr", "plural", "implies"}
    labels = set()
    for t in read_language_jsonl("titles.jsonl"):
        assert title_label(t) not in labels, f"two titles match as {title_label(t)!r}: keep one"
        labels.add(title_label(t))
        assert set(t) <= allowed and {"lang", "text", "role", "cat"} <= set(t), t
        assert t["lang"] in LANGS and t["text"].strip() and t["cat"] in TITLE_CATEGORIES, t


def test_triggers():
    for t in read_language_jsonl("triggers.jsonl"):
        assert t["lang"] in LANGS and t["text"].strip(), t
        assert t["strength"] in TRIGGER_KINDS[t["relation"]], t
        assert isinstance(t.get("count", 2), int), t


def test_gazetteer():
    entries = read_jsonl("gazetteer.jsonl")
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids))
    for e in entries:
        assert e["type"] in ENTRY_TYPES and e["label"].strip(), e
        assert all(isinstance(e[k], list) for k in ("en", "id_aliases", "acronyms")), e
        assert e.get("country") is None or isinstance(e["country"], str), e


def test_generic_agencies_point_into_the_gazetteer():
    gazetteer = {e["id"] for e in read_jsonl("gazetteer.jsonl")}
    keys = set()
    for g in read_jsonl("generic_agencies.jsonl"):
        assert g["key"] not in keys and g["type"] in ENTRY_TYPES and g["label"].strip(), g
        keys.add(g["key"])
        assert set(g["by_country"].values()) | set(g.get("by_pair", {}).values()) <= gazetteer, g
        if "pair_label" in g:
            assert "{a}" in g["pair_label"] and "{b}" in g["pair_label"], g


def test_countries():
    codes = set()
    for c in read_jsonl("countries.jsonl"):
        assert re.fullmatch(r"[A-Z]{2,4}", c["code"]) and c["code"] not in codes, c
        codes.add(c["code"])
        assert c["name"].strip() and isinstance(c["en"], list) and isinstance(c["id"], list), c
        assert c.get("language") in (None, *LANGS), c
        assert c.get("pair_last", False) in (True, False), c


def test_lexicon_word_classes_are_ones_the_code_reads():
    source = _extract_source()
    shared = [{"lang": "any", **r} for r in read_jsonl("lexicon.jsonl")]
    for rec in shared + read_language_jsonl("lexicon.jsonl"):
        assert rec["lang"] in LANGS | {"any"} and rec["text"].strip(), rec
        assert f'"{rec["class"]}"' in source, f"no code reads word class {rec['class']!r}"
        if rec["class"] == "anaphor_match":
            assert rec["noun"].strip(), rec


def test_heads():
    for h in read_language_jsonl("heads.jsonl"):
        assert h["lang"] in LANGS and h["position"] in {"start", "end"}, h
        assert h["type"] in {"agency", "forum"} and h["text"].strip(), h
        assert "{rest}" in h.get("translate", "{rest}"), h


def test_nicknames():
    for n in read_jsonl("nicknames.jsonl"):
        assert n["short"].strip() and n["full"].strip(), n


def test_windows_cover_every_window_the_rules_read():
    windows = json.loads((Path(DATA_DIR) / "windows.json").read_text(encoding="utf-8"))
    values = {k: v for k, v in windows.items() if not k.startswith("_")}
    assert all(isinstance(v, int) and v > 0 for v in values.values()), values
    read = set(re.findall(r'windows\["(\w+)"\]', _extract_source()))
    assert read and read <= set(values), read - set(values)


def test_every_title_category_has_a_specificity():
    ranks = json.loads((Path(DATA_DIR) / "title_categories.json").read_text(encoding="utf-8"))
    specificity = ranks["specificity"]
    assert all(isinstance(v, int) and v >= 0 for v in specificity.values())
    assert {t["cat"] for t in read_language_jsonl("titles.jsonl")} <= set(specificity) | {"counterpart"}


def test_group_references_mean_known_title_categories():
    ranks = json.loads((Path(DATA_DIR) / "title_categories.json").read_text(encoding="utf-8"))
    groups = ranks["groups"]
    assert set(groups) <= TRIGGER_KINDS["group"] - {"any"}, groups
    assert all(set(cats) <= TITLE_CATEGORIES for cats in groups.values()), groups


def test_a_title_that_names_a_country_implies_it():
    countries = {n: c["code"] for c in read_jsonl("countries.jsonl") for n in c["en"] + c["id"]}
    for t in read_language_jsonl("titles.jsonl"):
        named = {code for name, code in countries.items() if f" {name} " in f" {t['text']} "}
        assert not named or t.get("implies") in named, f"give {t['text']!r} implies: {named}"
