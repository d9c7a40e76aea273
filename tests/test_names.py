"""Name look-up (issue 15, item 5): word order, titles, implied types, candidates, the page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from kg.errors import AmbiguousNameError, UnknownNameError
from kg.graph import KnowledgeGraph
from kg.query import resolve_name


def small_graph() -> KnowledgeGraph:
    kg = KnowledgeGraph()
    add = kg.add_entity
    add("official:ahn-gyu-back", label="Ahn Gyu-back", type="official", role="Defense Minister",
        aliases=["Ahn", "Ahn Gyu-baek"])
    add("official:gen-nakatani", label="Gen Nakatani", type="official", role="Defense Minister")
    add("official:pete-hegseth", label="Pete Hegseth", type="official",
        role="Secretary of Defense", aliases=["Hegseth"])
    add("official:lee-jae-myung", label="Lee Jae Myung", type="official", role="President",
        aliases=["Lee", "Lee Jaemyung"])
    add("official:lee-jong-sup", label="Lee Jong-sup", type="official", role="Defense Minister",
        aliases=["Lee"])
    add("agency:mnd", label="Ministry of National Defense", type="agency",
        aliases=["Defense Ministry", "Kementerian Pertahanan"])
    add("agency:jcs", label="Republic of Korea Joint Chiefs of Staff", type="agency",
        aliases=["Joint Chiefs of Staff", "Kepala Staf Gabungan Korea Selatan"])
    add("forum:scm", label="Security Consultative Meeting", type="forum",
        aliases=["57th Security Consultative Meeting"])
    add("forum:kidd", label="Korea-U.S. Integrated Defense Dialogue", type="forum")
    return kg


CASES = {
    "Defense Minister Ahn": "official:ahn-gyu-back",  # was the Ministry of National Defense
    "Minister Ahn": "official:ahn-gyu-back",  # was unknown
    "South Korean Defense Minister Ahn Gyu-back": "official:ahn-gyu-back",
    "Nakatani Gen": "official:gen-nakatani",
    "Jae-myung Lee": "official:lee-jae-myung",
    "Hegseth, Pete": "official:pete-hegseth",
    "kepala staf gabungan": "agency:jcs",
    "SCM": "forum:scm",
    "JCS": "agency:jcs",
    "President Lee": "official:lee-jae-myung",
    "Defense Minister Lee": "official:lee-jong-sup",
    "defense ministry": "agency:mnd",
}


@pytest.mark.parametrize(("query", "node"), sorted(CASES.items()))
def test_lookup_ignores_word_order_and_titles(query, node):
    assert resolve_name(small_graph(), query) == node


def test_a_title_never_silently_turns_a_person_into_an_agency():
    with pytest.raises(UnknownNameError):
        resolve_name(small_graph(), "Defense Minister Kwon")


def test_ambiguous_names_list_their_candidates():
    with pytest.raises(AmbiguousNameError) as info:
        resolve_name(small_graph(), "lee")
    assert {c["id"] for c in info.value.details["candidates"]} == {
        "official:lee-jae-myung", "official:lee-jong-sup"}


def test_suggestions_come_by_token_similarity():
    kg = small_graph()
    with pytest.raises(UnknownNameError) as info:
        resolve_name(kg, "Integrated Dialogue Seoul")
    assert [c["id"] for c in info.value.details["candidates"]] == ["forum:kidd"]
    assert resolve_name(kg, "Consultative Meeting Security Korea") == "forum:scm"
    assert resolve_name(kg, "Hegsteh") == "official:pete-hegseth"  # a typo


# ---------------------------------------------------------------------- the page agrees
def _page_find(html: str, queries: list[str]) -> dict[str, list[str]]:
    """Run the page's own find() (the part between the kg-find markers) under node."""
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>',
                                html, re.S).group(1))
    code = re.search(r"/\* kg-find:start.*?\*/(.*)/\* kg-find:end \*/", html, re.S).group(1)
    script = (f"var data = {json.dumps(data)}; var nodeInfo = data.nodeInfo;\n{code}\n"
              f"var out = {{}}; {json.dumps(queries)}.forEach(function (q) {{"
              " out[q] = find(q).map(function (id) { return nodeInfo[id].name; }); });"
              " console.log(JSON.stringify(out));")
    run = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60,
                         check=True)
    return json.loads(run.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_page_search_finds_what_the_cli_finds():
    from kg.render import render_html

    kg = small_graph()
    queries = [*CASES, "lee", "Defense Minister Kwon"]
    found = _page_find(render_html(kg), queries)
    for query in CASES:
        assert found[query] == [kg.graph.nodes[CASES[query]]["label"]], query
    assert sorted(found["lee"]) == ["Lee Jae Myung", "Lee Jong-sup"]  # ambiguous, as in the CLI
    assert found["Defense Minister Kwon"] == []
