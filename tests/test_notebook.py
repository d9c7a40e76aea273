"""notebooks/explore.ipynb: committed without outputs, and runs top to bottom on a fresh kernel.

The notebook is executed in memory with nbclient (kernel ``python3``, working
directory ``notebooks/``); its outputs are never written back to the file.
Skipped when the ``notebook`` extra is not installed.
"""

from __future__ import annotations

import json
import time

import pytest
from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"

#: The tour must stay quick on a fresh kernel (spaCy model loading included).
TIME_LIMIT_S = 60


def test_committed_notebook_has_no_outputs():
    data = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code_cells = [c for c in data["cells"] if c["cell_type"] == "code"]
    assert code_cells
    for i, cell in enumerate(code_cells):
        assert cell.get("outputs") == [], f"code cell #{i} has outputs: strip them first"
        assert cell.get("execution_count") is None, f"code cell #{i} has an execution count"


def _outputs(nb) -> list[dict]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


@pytest.mark.slow
def test_notebook_runs_and_shows_graph_and_chart():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    for module in ("ipykernel", "matplotlib", "pandas"):
        pytest.importorskip(module, reason=f"{module} missing: pip install -e '.[notebook]'")
    from jupyter_client.kernelspec import NoSuchKernel

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=TIME_LIMIT_S * 2,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    started = time.monotonic()
    try:
        client.execute()
    except NoSuchKernel:
        pytest.skip("no 'python3' Jupyter kernel: pip install ipykernel")
    elapsed = time.monotonic() - started

    outputs = _outputs(nb)
    errors = [o for o in outputs if o.output_type == "error"]
    assert not errors, errors
    html = [o.data["text/html"] for o in outputs
            if o.output_type in ("execute_result", "display_data") and "text/html" in o.data]
    graphs = [h for h in html if "<iframe" in h and "srcdoc=" in h]
    assert len(graphs) >= 1, "no inline graph (iframe) among the HTML outputs"
    assert any("vis" in g for g in graphs)
    pngs = [o for o in outputs
            if o.output_type in ("execute_result", "display_data") and "image/png" in o.data]
    assert pngs, "no PNG output (the meetings chart)"
    assert elapsed < TIME_LIMIT_S, f"notebook took {elapsed:.0f} s (limit {TIME_LIMIT_S} s)"

    # executed in memory only: the file on disk still has no outputs
    test_committed_notebook_has_no_outputs()
