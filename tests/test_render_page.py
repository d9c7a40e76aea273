"""The page's period filter and details (issue 15, item 13) without a browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from _graphs import diplomacy_graph

from kg.render import render_html


def test_the_page_has_a_period_filter_and_grouped_details():
    page = render_html(diplomacy_graph())
    assert 'id="kg-from"' in page and 'id="kg-to"' in page
    assert "function nodeDetails(id)" in page
    assert "mouseleave" in page  # the tooltip goes when the mouse leaves the graph


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_period_window_reads_dates_as_kg_path_does():
    code = re.search(r"/\* kg-window:start.*?\*/(.*)/\* kg-window:end \*/",
                     render_html(diplomacy_graph()), re.S).group(1)
    cases = [(["2025-11-03"], "2025", ""), (["2025-11-03"], "2025-12", ""),
             (["2024-11-03", "2025-11-03"], "", "2024-12"),
             (["2025-11-03"], "2025-11-03", "2025-11"), ([], "2025", ""), (["2025-11-03"], "", "")]
    script = (f"{code}\nconsole.log(JSON.stringify({json.dumps(cases)}.map("
              "c => edgeInWindow(c[0], c[1], c[2]))));")
    run = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60,
                         check=True)
    assert json.loads(run.stdout) == [True, False, True, True, False, True]
