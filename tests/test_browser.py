"""The page in headless Chromium with every network request blocked.

Skipped when /usr/bin/chromium or Playwright is missing. Each test opens a
page built from a hand-made graph (see ``test_render.py``) and waits for the
page's own ready signal (layout stabilised, physics off).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from test_render import (
    HOSTILE,
    IMG,
    LINK,
    NAKATANI_TO_SJAFRIE,
    SCRIPT,
    chain_of_cliques,
    fake_path,
    hostile_graph,
    realistic_graph,
)

from kg.render import notebook_html, write_html

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing"),
]


@dataclass
class Opened:
    """A loaded page and everything it tried to do."""

    page: Any
    url: str
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, code: str, arg: Any = None) -> Any:
        return self.page.evaluate(code, arg)

    def assert_clean(self) -> None:
        assert self.blocked == [], f"network requests: {self.blocked}"
        assert self.console_errors == [], self.console_errors
        assert self.page_errors == [], self.page_errors
        assert self.dialogs == [], self.dialogs


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if shutil.which(CHROMIUM) is None:
        pytest.skip(f"{CHROMIUM} is not executable")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def open_page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    pages: list[Any] = []

    def run(graph: Any, **kwargs: Any) -> Opened:
        out = write_html(graph, tmp_path / f"page{len(pages)}.html", **kwargs)
        url = out.resolve().as_uri()
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        pages.append(page)
        opened = Opened(page=page, url=url)

        def route(r: Any) -> None:
            if r.request.url == url:
                r.continue_()
            else:
                opened.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: opened.console_errors.append(m.text)
                if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.page_errors.append(str(e)))

        def on_dialog(d: Any) -> None:
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(url)
        # a function, not a string: the page's CSP forbids eval
        page.wait_for_function("() => window.kgReady === true", timeout=20_000)
        return opened

    yield run
    for page in pages:
        page.close()


def dom_position(opened: Opened, canvas_xy: dict[str, float]) -> tuple[float, float]:
    """Page coordinates of a point given in network (canvas) coordinates."""
    return tuple(opened.js(
        """(p) => { const d = kgNetwork.canvasToDOM(p);
                    const r = document.getElementById('kg-graph').getBoundingClientRect();
                    return [r.left + d.x, r.top + d.y]; }""", canvas_xy))


def hover_text(opened: Opened, xy: tuple[float, float]) -> str:
    """Move the mouse away, then to ``xy``; the visible tooltip's text ('' if none)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    opened.page.mouse.move(2, 2)
    opened.page.mouse.move(*xy, steps=2)
    try:
        opened.page.wait_for_function(
            "() => { const t = document.querySelector('div.vis-tooltip');"
            " return t && t.style.visibility === 'visible'; }", timeout=1500)
    except PlaywrightTimeout:  # nothing with a tooltip under the mouse
        return ""
    return opened.js("() => document.querySelector('div.vis-tooltip').textContent")


def node_positions(opened: Opened) -> dict[str, dict[str, float]]:
    return opened.js("() => kgNetwork.getPositions()")


# ---------------------------------------------------------------------------- tests
def test_every_node_is_drawn_offline_without_errors(open_page):
    graph = realistic_graph()
    opened = open_page(graph)
    assert opened.js("() => kgNetwork.body.data.nodes.length") == len(graph)
    assert opened.js("() => kgNetwork.body.data.edges.length") == graph.graph.number_of_edges()
    positions = node_positions(opened)
    assert len(positions) == len(graph)
    assert all(isinstance(p["x"], (int, float)) and isinstance(p["y"], (int, float))
               for p in positions.values())
    # all nodes are inside the visible canvas after the fit
    box = opened.js("() => document.getElementById('kg-graph').getBoundingClientRect().toJSON()")
    for p in positions.values():
        x, y = dom_position(opened, p)
        assert box["left"] <= x <= box["right"] and box["top"] <= y <= box["bottom"]
    assert opened.js("() => kgNetwork.physics.physicsEnabled") is False
    opened.assert_clean()


def test_a_big_graph_arrives_laid_out_and_is_interactive_at_once(open_page):
    graph = chain_of_cliques(60, 6)  # 360 nodes, above the in-browser physics limit
    opened = open_page(graph)
    assert opened.js("() => kgNetwork.body.data.nodes.length") == len(graph)
    assert opened.js("() => window.kgReadyMs") < 3000
    positions = node_positions(opened)
    assert len(positions) == len(graph)
    assert len({(round(p["x"]), round(p["y"])) for p in positions.values()}) == len(graph)
    opened.page.fill("#kg-search", "official 59-5")
    opened.page.press("#kg-search", "Enter")
    assert opened.js("() => kgNetwork.getSelectedNodes().length") == 1
    opened.assert_clean()


def test_hostile_text_fires_no_dialog_and_shows_literally(open_page):
    graph = hostile_graph()
    opened = open_page(graph)
    seen: list[str] = []
    for p in node_positions(opened).values():
        text = hover_text(opened, dom_position(opened, p))
        assert text, "no tooltip over a node"
        seen.append(text)
    edge_ids = opened.js("() => kgData.edges.getIds()")
    for eid in edge_ids:
        text = ""
        for t in (0.5, 0.4, 0.6, 0.3, 0.7):  # a node may sit on the midpoint
            point = opened.js("([id, t]) => kgNetwork.body.edges[id].edgeType.getPoint(t)",
                              [eid, t])
            text = hover_text(opened, dom_position(opened, point))
            if "Evidence" in text:
                break
        assert "Evidence" in text, f"no tooltip over edge {eid}"
        assert f"{SCRIPT} met {IMG} and {LINK}." in text
        assert f"Title {SCRIPT}" in text
        seen.append(text)
    everything = "\n".join(seen)
    for bad in HOSTILE:
        assert bad in everything  # shown as text...
    # ...and never turned into elements
    assert opened.js("() => document.querySelectorAll("
                     "'img, a, iframe, .vis-tooltip script, .vis-tooltip b').length") == 0
    assert opened.js("() => document.getElementById('kg-title').textContent").startswith(
        "Defence diplomacy")
    opened.assert_clean()


def test_search_focuses_a_node_by_accentless_alias(open_page):
    opened = open_page(realistic_graph())
    target = opened.js("() => kgData.nodeInfo.findIndex(i => i.name === 'Minister Lecornu')")
    assert target >= 0
    opened.page.fill("#kg-search", "  SEBASTIEN lecornu ")
    opened.page.press("#kg-search", "Enter")
    opened.page.wait_for_timeout(600)  # the focus animation
    assert opened.js("() => kgNetwork.getSelectedNodes()") == [target]
    centre = opened.js("() => kgNetwork.getViewPosition()")
    pos = opened.js("(id) => kgNetwork.getPositions([id])[id]", target)
    assert abs(centre["x"] - pos["x"]) < 5 and abs(centre["y"] - pos["y"]) < 5
    assert "Minister Lecornu" in opened.js(
        "() => document.getElementById('kg-search-status').textContent")
    # a node whose type is filtered out is shown again when found
    opened.page.uncheck('input[data-node-type="forum"]')
    opened.page.fill("#kg-search", "shangri la")
    opened.page.press("#kg-search", "Enter")
    forum = opened.js("() => kgData.nodeInfo.findIndex(i => i.name === 'Shangri-La Dialogue')")
    assert opened.js("() => kgNetwork.getSelectedNodes()") == [forum]
    assert opened.js("(id) => kgData.nodes.get(id).hidden", forum) is False
    assert opened.page.is_checked('input[data-node-type="forum"]')
    opened.page.fill("#kg-search", "no such person")
    opened.page.press("#kg-search", "Enter")
    assert "No node matches" in opened.js(
        "() => document.getElementById('kg-search-status').textContent")
    opened.assert_clean()


def test_type_checkboxes_hide_nodes_and_their_edges(open_page):
    opened = open_page(realistic_graph())
    hidden = """() => ({
        nodes: kgData.nodes.get({filter: n => n.hidden}).map(n => kgData.nodeInfo[n.id].type),
        edges: kgData.edges.get({filter: e => e.hidden}).length })"""
    assert opened.js(hidden) == {"nodes": [], "edges": 0}
    opened.page.uncheck('input[data-node-type="agency"]')
    state = opened.js(hidden)
    assert state["nodes"] == ["agency"] * 4
    assert state["edges"] == 4  # three affiliations and one co-appearance touch agencies
    opened.page.uncheck('input[data-edge-kind="attended"]')
    assert opened.js(hidden)["edges"] == 4 + 9
    opened.page.check('input[data-node-type="agency"]')
    opened.page.check('input[data-edge-kind="attended"]')
    assert opened.js(hidden) == {"nodes": [], "edges": 0}
    opened.assert_clean()


def test_path_page_highlights_the_path_and_dims_the_rest(open_page):
    opened = open_page(realistic_graph(), path_result=fake_path(*NAKATANI_TO_SJAFRIE))
    state = """() => {
        const dim = kgData.nodes.get().filter(n => n.color.background === '#e3e6ea')
                                      .map(n => n.id);
        const wide = kgData.edges.get().filter(e => e.width >= 5).map(e => e.id);
        return {dim, wide, path: kgData.path};
    }"""
    s = opened.js(state)
    assert sorted(s["wide"]) == sorted(s["path"]["edges"]) and len(s["wide"]) == 2
    assert len(s["dim"]) == 15 - 3 and not set(s["dim"]) & set(s["path"]["nodes"])
    opened.page.uncheck("#kg-dim")
    s = opened.js(state)
    assert s["dim"] == [] and s["wide"] == []
    opened.assert_clean()


def test_notebook_snippet_runs_in_a_sandboxed_frame(browser, tmp_path):
    graph = hostile_graph()
    host = tmp_path / "notebook.html"
    host.write_text("<!DOCTYPE html><html><body><h1>notebook</h1>" + notebook_html(graph)
                    + "</body></html>", encoding="utf-8")
    url = host.resolve().as_uri()
    page = browser.new_page()
    blocked: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    page.route("**/*", lambda r: r.continue_() if r.request.url == url
               else (blocked.append(r.request.url), r.abort()))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(url)
        page.frame_locator("iframe").locator("#kg-graph canvas").wait_for(timeout=10_000)
        inner = page.frames[1]
        inner.wait_for_function("() => window.kgReady === true", timeout=10_000)
        assert inner.evaluate("() => kgNetwork.body.data.nodes.length") == len(graph)
        # the frame is sandboxed: no access to the notebook page
        reach = "() => { try { return !!parent.document; } catch (e) { return false; } }"
        assert inner.evaluate(reach) is False
        box = page.locator("iframe").bounding_box()
        assert box["height"] == pytest.approx(600, abs=4)
        assert blocked == [] and dialogs == [] and errors == []
    finally:
        page.close()


# ---------------------------------------------------------------------------- issue 15, item 13
def _busiest(opened) -> int:
    return opened.js("""() => { const deg = {};
        kgData.edges.get().forEach(e => { deg[e.from] = (deg[e.from] || 0) + 1;
                                          deg[e.to] = (deg[e.to] || 0) + 1; });
        return Number(Object.keys(deg).sort((a, b) => deg[b] - deg[a])[0]); }""")


def test_node_details_group_neighbours_by_kind_with_dates_and_evidence(open_page):
    opened = open_page(realistic_graph())
    node = _busiest(opened)
    name = opened.js("(id) => kgData.nodeInfo[id].name", node)
    opened.page.fill("#kg-search", name)
    opened.page.press("#kg-search", "Enter")
    groups = opened.js("() => Array.from(document.querySelectorAll('#kg-details .kg-tip-group'))"
                       ".map(g => g.textContent)")
    assert groups and all(g.endswith(")") for g in groups)
    assert opened.js("() => document.querySelectorAll('#kg-details .kg-tip-links li').length") > 0
    assert opened.js("() => document.querySelectorAll('#kg-details blockquote').length") > 0
    opened.assert_clean()


def test_the_tooltip_goes_when_the_mouse_leaves_the_graph(open_page):
    opened = open_page(realistic_graph())
    node = _busiest(opened)
    xy = dom_position(opened, opened.js("(id) => kgNetwork.getPositions([id])[id]", node))
    assert hover_text(opened, xy)
    box = opened.js("() => { const r = document.getElementById('kg-graph')"
                    ".getBoundingClientRect(); return [r.left, r.top]; }")
    opened.page.mouse.move(max(box[0] - 20, 1), box[1] + 40, steps=3)  # out, to the side panel
    opened.page.wait_for_function(
        "() => { const t = document.querySelector('div.vis-tooltip');"
        " return !t || t.style.visibility !== 'visible'; }", timeout=2000)
    opened.assert_clean()


def test_the_period_filter_redraws_the_graph_for_a_period(open_page):
    opened = open_page(realistic_graph())
    visible = "() => kgData.edges.get({filter: e => !e.hidden}).length"
    total = opened.js(visible)
    opened.page.fill("#kg-from", "2099")
    opened.page.dispatch_event("#kg-from", "change")
    assert opened.js(visible) == 0
    assert opened.js("() => kgData.nodes.get({filter: n => !n.hidden}).length") == 0
    opened.page.fill("#kg-from", "")
    opened.page.dispatch_event("#kg-from", "change")
    assert opened.js(visible) == total
    opened.assert_clean()


@pytest.mark.parametrize(("cliques", "size"), [(20, 4), (60, 6)])  # with and without physics
def test_the_path_view_fits_the_whole_path(open_page, cliques, size):
    graph = chain_of_cliques(cliques, size)
    path = graph.path("official 0-1", f"official {cliques - 1}-1")
    assert len(path.nodes) > cliques
    opened = open_page(graph, path_result=path)
    box = opened.js("() => document.getElementById('kg-graph').getBoundingClientRect().toJSON()")
    ids = opened.js("() => kgData.path.nodes")
    positions = opened.js("(ids) => kgNetwork.getPositions(ids)", ids)
    for p in positions.values():
        x, y = dom_position(opened, p)
        assert box["left"] <= x <= box["right"] and box["top"] <= y <= box["bottom"], (x, y, box)
    opened.assert_clean()
