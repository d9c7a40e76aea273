"""Export the graph for other tools: GraphML, GEXF (Gephi), CSV tables, Cypher (Neo4j).

GraphML and GEXF cannot hold lists or dicts, so list attributes (``docs``,
``aliases``, ``dates``) become strings joined with ``" | "`` and ``evidence``
(a list of dicts) becomes a JSON string. XML cannot hold most control
characters: they become U+FFFD there (carriage returns become newlines). Edges
keep their kind as the MultiGraph key, so networkx reads the files back with the
same node and edge counts. Every output is written atomically: a reader never sees half a file.

Examples
--------
>>> import tempfile, networkx as nx
>>> from pathlib import Path
>>> from kg.graph import KnowledgeGraph
>>> kg = KnowledgeGraph()
>>> kg.add_entity("official:a", label="A", type="official", aliases=["A", "Mr A"])
>>> kg.add_entity("forum:f", label="F", type="forum")
>>> kg.add_relation("official:a", "forum:f", "attended",
...                 evidence=[{"doc": "d1", "sentence": "A attended F.", "start": 0, "end": 13}])
>>> out = export_graph(kg, "graphml", Path(tempfile.mkdtemp()) / "g.graphml")
>>> back = nx.read_graphml(out, force_multigraph=True)
>>> back.number_of_nodes(), back.number_of_edges(), back.nodes["official:a"]["aliases"]
(2, 1, 'A | Mr A')
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import os
import re
import shutil
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.errors import InputError
from kg.fileio import atomic_write_text, make_temp_dir
from kg.model import EXPORT_FORMATS

if TYPE_CHECKING:  # pragma: no cover
    from kg.store import GraphStore

__all__ = [
    "EXTENSIONS", "FORMATS", "LIST_SEPARATOR", "cypher_string", "export_format", "export_graph",
    "export_text", "to_cypher",
]

log = logging.getLogger(__name__)

#: Formats :func:`export_graph` writes.
FORMATS = EXPORT_FORMATS
#: How list attributes are joined in GraphML, GEXF and CSV.
LIST_SEPARATOR = " | "

_NODE_COLUMNS = ("id", "label", "type", "role", "country", "mentions", "docs", "aliases")
_EDGE_COLUMNS = ("source", "target", "kind", "count", "distance", "docs", "dates", "evidence")
# attribute names that networkx's GEXF writer interprets instead of storing
_GEXF_RESERVED_NODE = {"id", "pid", "start", "end", "viz", "parents", "slices", "spells"}
_GEXF_RESERVED_EDGE = {"id", "label", "weight", "type", "start", "end", "viz", "slices", "spells"}
# characters XML 1.0 cannot carry at all
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# ---------------------------------------------------------------------- flattening
def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _flat(value: Any) -> str | int | float | bool | None:
    """A value GraphML/GEXF/CSV can hold: scalars as they are, lists joined, the rest JSON."""
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if _is_scalar(value):
        return value
    if isinstance(value, list | tuple | set | frozenset) and all(
        _is_scalar(x) and not isinstance(x, bool) for x in value
    ):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return LIST_SEPARATOR.join(str(x) for x in items)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _xml_text(text: str) -> str:
    """``text`` as XML can store it: line breaks as ``\\n``, other control characters as U+FFFD.

    XML parsers turn carriage returns into newlines anyway; doing it here makes
    what is written what is read back.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_ILLEGAL.sub("\ufffd", text)


def _flat_attrs(data: Mapping[str, Any], *, xml: bool = False) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        if key == "evidence":
            flat: Any = json.dumps(list(value or ()), ensure_ascii=False, sort_keys=True,
                                   default=str)
        else:
            flat = _flat(value)
        if flat is None:
            continue
        if xml and isinstance(flat, str):
            flat = _xml_text(flat)
        out[_xml_text(str(key)) if xml else str(key)] = flat
    return out


def _unify_types(rows: Iterable[dict[str, Any]]) -> None:
    """Make every attribute one type across rows (GraphML declares one type per key)."""
    rows = list(rows)
    types: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            types.setdefault(key, set()).add(type(value))
    mixed = {k for k, ts in types.items() if len(ts) > 1}
    for row in rows:
        for key in mixed & row.keys():
            row[key] = str(row[key])


def _flat_graph(kg: GraphStore, *, graph_attrs: bool = True) -> nx.MultiGraph:
    """An XML-safe MultiGraph copy with scalar attributes; edges official-first, key=kind."""
    flat = nx.MultiGraph()
    if graph_attrs:
        flat.graph.update(_flat_attrs(kg.meta, xml=True))
    for node, data in kg.graph.nodes(data=True):
        flat.add_node(_xml_text(str(node)), **_flat_attrs(data, xml=True))
    for rel in kg.relations():
        data = {k: v for k, v in rel.items() if k not in ("source", "target")}
        kind = _xml_text(str(data.get("kind", "link")))
        flat.add_edge(_xml_text(str(rel["source"])), _xml_text(str(rel["target"])), key=kind,
                      **_flat_attrs(data, xml=True))
    _unify_types(d for _, d in flat.nodes(data=True))
    _unify_types(d for _, _, d in flat.edges(data=True))
    return flat


# ---------------------------------------------------------------------- GraphML / GEXF
def _weight(data: Mapping[str, Any]) -> float:
    """An edge's ``weight`` for Gephi and friends: its number of evidence sentences (at least 1)."""
    count = data.get("count")
    return float(count) if isinstance(count, int | float) and count > 0 else 1.0


def _graphml_text(kg: GraphStore) -> str:
    flat = _flat_graph(kg)
    for _, _, data in flat.edges(data=True):
        data["weight"] = _weight(data)
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def _gexf_text(kg: GraphStore) -> str:
    flat = _flat_graph(kg, graph_attrs=False)
    for _, data in flat.nodes(data=True):
        for key in _GEXF_RESERVED_NODE & data.keys():
            data[f"kg_{key}"] = data.pop(key)
    for _, _, data in flat.edges(data=True):
        for key in _GEXF_RESERVED_EDGE & data.keys():
            data[f"kg_{key}"] = data.pop(key)
        data["label"] = data.get("kind", "")  # what Gephi shows on the edge
        data["weight"] = _weight(data)  # the GEXF edge weight (kg_count keeps the count)
    _unify_types(d for _, _, d in flat.edges(data=True))
    buffer = io.BytesIO()
    nx.write_gexf(flat, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


# ---------------------------------------------------------------------- CSV
def _csv_text(rows: list[dict[str, Any]], first: tuple[str, ...]) -> str:
    extra = sorted({k for row in rows for k in row} - set(first))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*first, *extra], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


_DOCUMENT_COLUMNS = ("id", "title", "date", "date_source", "lang", "byline", "notes")


def _csv_tables(kg: GraphStore) -> dict[str, str]:
    """``nodes.csv``, ``edges.csv`` and ``documents.csv``.

    Nodes and edges also carry the columns ``neo4j-admin database import`` reads
    (``:ID`` and ``:LABEL``; ``:START_ID``, ``:END_ID`` and ``:TYPE``), so the two
    files load into Neo4j as they are.
    """
    nodes = [{"id": n, **_flat_attrs(d), ":ID": n,
              ":LABEL": f"Entity;{_cypher_name(d.get('type') or 'unknown', upper=False)}"}
             for n, d in kg.graph.nodes(data=True)]
    edges = []
    for rel in kg.relations():
        row = _flat_attrs(rel)
        row.update({":START_ID": rel["source"], ":END_ID": rel["target"],
                    ":TYPE": _cypher_name(rel.get("kind") or "link", upper=True)})
        edges.append(row)
    documents = [_flat_attrs(d) for d in kg.meta.get("documents") or [] if isinstance(d, dict)]
    return {"nodes.csv": _csv_text(nodes, _NODE_COLUMNS),
            "edges.csv": _csv_text(edges, _EDGE_COLUMNS),
            "documents.csv": _csv_text(documents, _DOCUMENT_COLUMNS)}


def _write_csv_folder(kg: GraphStore, folder: Path) -> Path:
    """Write ``nodes.csv``, ``edges.csv`` and ``documents.csv`` into ``folder``.

    A new folder appears complete (written beside it, then renamed); in an
    existing folder each file is replaced atomically.
    """
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: CSV export writes a folder, but this is a file")
    tables = _csv_tables(kg)
    tmp = make_temp_dir(folder)
    try:
        for name, text in tables.items():
            atomic_write_text(tmp / name, text)
        if not folder.exists():
            try:
                os.rename(tmp, folder)
                return folder
            except OSError:  # created meanwhile: fall back to per-file replacement
                pass
        for name in tables:
            os.replace(tmp / name, folder / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder


# ---------------------------------------------------------------------- Cypher
_CYPHER_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                   "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r"[\\'\x00-\x1f\x7f\u2028\u2029]")


def cypher_string(text: str) -> str:
    """``text`` as a single-quoted Cypher string literal.

    Backslashes, quotes, newlines and every other control character are
    escaped, so article text can never end the literal early.

    Examples
    --------
    >>> print(cypher_string('He said "no"\\nand left O\\'Brien\\\\'))
    'He said "no"\\nand left O\\'Brien\\\\'
    """
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _CYPHER_ESCAPES.get(char, f"\\u{ord(char):04x}")

    return "'" + _NEEDS_ESCAPE.sub(escape, str(text)) + "'"


def _cypher_name(text: str, *, upper: bool) -> str:
    """A node label (``Official``) or relationship type (``CO_APPEARANCE``) from data."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", str(text)) if w] or ["Unknown"]
    name = "_".join(w.upper() for w in words) if upper else "".join(
        w.capitalize() for w in words)
    return name if name[0].isalpha() else f"X{name}"


def _cypher_key(key: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return key
    return "`" + key.replace("`", "``") + "`"


def _cypher_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, list | tuple) and all(isinstance(x, str) for x in value):
        return "[" + ", ".join(cypher_string(x) for x in value) + "]"
    if isinstance(value, list | tuple) and all(
        isinstance(x, int | float) and not isinstance(x, bool) for x in value
    ):
        return "[" + ", ".join(repr(x) for x in value) + "]"
    return cypher_string(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))


def _cypher_map(data: Mapping[str, Any]) -> str:
    items = []
    for key, value in data.items():
        if key == "evidence":
            literal = cypher_string(json.dumps(list(value or ()), ensure_ascii=False,
                                               sort_keys=True, default=str))
        else:
            literal = _cypher_value(value)
        if literal is not None:
            items.append(f"{_cypher_key(str(key))}: {literal}")
    return "{" + ", ".join(items) + "}"


#: Rows per ``UNWIND`` statement of the Cypher script.
CYPHER_BATCH = 500
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _batches(rows: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def to_cypher(kg: GraphStore, *, batch: int = CYPHER_BATCH) -> str:
    """A Cypher script that loads the graph into Neo4j (run it with ``cypher-shell -f``).

    Every node is ``:Entity`` plus a label from its type (``:Official``,
    ``:Agency``, ``:Forum``), unique by ``id``; every edge is a relationship
    named after its kind (``:MEETING``, ``:ATTENDED``, ...). Rows go in batches of
    ``batch`` through ``UNWIND`` (one statement a line: a few statements, not one
    per node). All attributes are properties; an edge's ``dates`` are Neo4j dates
    (``date()``); ``evidence`` is a JSON string. Running the script twice updates
    instead of duplicating (``MERGE``).

    Examples
    --------
    >>> from kg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph()
    >>> kg.add_entity("official:a", label="A", type="official")
    >>> kg.add_entity("forum:f", label="F", type="forum")
    >>> kg.add_relation("official:a", "forum:f", "attended", dates=["2025-11-03"])
    >>> script = to_cypher(kg).splitlines()
    >>> print(script[2][:66])
    UNWIND [{id: 'official:a', props: {label: 'A', type: 'official'}}]
    >>> print(script[2][66:])
     AS row MERGE (n:Entity {id: row.id}) SET n:Official, n += row.props;
    >>> print(script[-1][-85:])
    MERGE (a)-[r:ATTENDED]->(b) SET r += row.props, r.dates = [d IN row.dates | date(d)];
    """
    graph = kg.graph
    lines = [
        f"// kg graph for Neo4j: {graph.number_of_nodes()} nodes, "
        f"{graph.number_of_edges()} relationships. Load with: cypher-shell -f FILE",
        "CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;",
    ]
    by_label: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
        label = _cypher_name(data.get("type") or "unknown", upper=False)
        props = _cypher_map({k: v for k, v in data.items() if k != "id"})
        by_label.setdefault(label, []).append(f"{{id: {cypher_string(node)}, props: {props}}}")
    for label, rows in by_label.items():
        for chunk in _batches(rows, batch):
            lines.append(f"UNWIND [{', '.join(chunk)}] AS row MERGE (n:Entity {{id: row.id}}) "
                         f"SET n:{label}, n += row.props;")
    by_type: dict[str, list[str]] = {}
    for rel in kg.relations():
        data = {k: v for k, v in rel.items() if k not in ("source", "target", "dates")}
        dates = [str(d) for d in rel.get("dates") or () if _ISO_DATE.fullmatch(str(d))]
        rel_type = _cypher_name(data.get("kind") or "link", upper=True)
        by_type.setdefault(rel_type, []).append(
            f"{{source: {cypher_string(rel['source'])}, target: {cypher_string(rel['target'])}, "
            f"props: {_cypher_map(data)}, dates: {_cypher_value(dates) or '[]'}}}")
    for rel_type, rows in by_type.items():
        for chunk in _batches(rows, batch):
            lines.append(
                f"UNWIND [{', '.join(chunk)}] AS row "
                "MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target}) "
                f"MERGE (a)-[r:{rel_type}]->(b) "
                "SET r += row.props, r.dates = [d IN row.dates | date(d)];")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- entry point
_TEXT_WRITERS: dict[str, Callable[[GraphStore], str]] = {
    "graphml": _graphml_text,
    "gexf": _gexf_text,
    "cypher": to_cypher,
}


#: File extensions and the export format they mean.
EXTENSIONS = {".graphml": "graphml", ".xml": "graphml", ".gexf": "gexf", ".cypher": "cypher",
              ".cql": "cypher", ".csv": "csv"}


def export_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format to write: ``fmt`` if given, else the one ``path``'s extension names.

    A path without an extension (a folder) means ``csv``; ``-`` (stdout) needs ``fmt``.

    Examples
    --------
    >>> export_format("g.gexf"), export_format("tables/"), export_format("g.txt", "cypher")
    ('gexf', 'csv', 'cypher')
    """
    if fmt:
        fmt = str(fmt).lower()
        if fmt not in FORMATS:
            raise InputError(f"unknown export format {fmt!r}; use {', '.join(FORMATS)}")
        return fmt
    if str(path) == "-":
        raise InputError("writing to stdout (-o -) needs --format")
    suffix = Path(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if not suffix:
        return "csv"
    raise InputError(f"cannot tell the export format from {suffix!r}; give --format "
                     f"({', '.join(FORMATS)})")


def export_text(kg: GraphStore, fmt: str) -> str:
    """The export as one text (``-o -``); CSV is a folder of tables and has none."""
    if fmt == "csv":
        raise InputError("the csv export is a folder of tables; give -o FOLDER")
    return _TEXT_WRITERS[export_format("-", fmt)](kg)


def export_graph(kg: GraphStore, fmt: str | None, path: str | os.PathLike[str]) -> Path:
    """Write ``kg`` to ``path`` in format ``fmt``; returns the path written.

    Parameters
    ----------
    kg : GraphStore
        The graph to export.
    fmt : {"graphml", "gexf", "csv", "cypher"} or None
        ``graphml`` and ``gexf`` are read by networkx, Gephi, Cytoscape and yEd;
        ``csv`` writes a folder ``path`` with ``nodes.csv``, ``edges.csv`` and
        ``documents.csv``; ``cypher`` writes a script for Neo4j. None: from the
        extension of ``path`` (:func:`export_format`).
    path : path-like
        Output file (a folder for ``csv``); its parent folder must exist.

    Raises
    ------
    InputError
        Unknown format, a missing parent folder, a folder for a file format or a
        file for ``csv``.

    Examples
    --------
    >>> import csv, tempfile
    >>> from pathlib import Path
    >>> from kg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph()
    >>> kg.add_entity("official:a", label="A", type="official")
    >>> kg.add_entity("official:b", label="B", type="official")
    >>> kg.add_relation("official:a", "official:b", "meeting")
    >>> folder = export_graph(kg, "csv", Path(tempfile.mkdtemp()) / "tables")
    >>> sorted(p.name for p in folder.iterdir())
    ['documents.csv', 'edges.csv', 'nodes.csv']
    >>> [row["kind"] for row in csv.DictReader((folder / "edges.csv").open())]
    ['meeting']
    """
    fmt = export_format(path, fmt)
    target = Path(path)
    parent = target.absolute().parent
    if not parent.is_dir():
        raise InputError(f"cannot write {target}: folder {parent} does not exist")
    if fmt == "csv":
        out = _write_csv_folder(kg, target)
    elif fmt in _TEXT_WRITERS:
        if target.is_dir():
            raise InputError(f"{target}: is a folder; give a file name for the {fmt} export")
        out = atomic_write_text(target, _TEXT_WRITERS[fmt](kg))
    else:
        raise InputError(f"unknown export format {fmt!r}; use {', '.join(FORMATS)}")
    log.debug("exported %s to %s", fmt, out)
    return out
