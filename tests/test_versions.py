"""The extraction cache key follows the package itself: its code, data files and models."""

from __future__ import annotations

import shutil

import pytest

import kg.cache as kgcache
import kg.versions as versions

CACHED = (versions.code_version, versions.data_digest, versions.id_model_digest,
          versions.pipeline_version)


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    """A copy of the package's code and data that kg.versions hashes instead of the real one."""
    root = tmp_path / "kg"
    shutil.copytree(versions.PACKAGE_DIR, root,
                    ignore=shutil.ignore_patterns("__pycache__", "models"))
    monkeypatch.setattr(versions, "PACKAGE_DIR", root)
    monkeypatch.setattr(versions, "DATA_DIR", root / "data")
    for cached in CACHED:
        cached.cache_clear()
    yield root
    for cached in CACHED:
        cached.cache_clear()


def key(lang: str = "en") -> str:
    for cached in CACHED:
        cached.cache_clear()
    return kgcache.extraction_version(lang)


def test_a_new_module_dropped_into_the_package_changes_the_key(package_copy):
    before = key()
    (package_copy / "coref.py").write_text('"""A new extraction step."""\n', encoding="utf-8")
    assert key() != before


def test_a_module_in_a_sub_package_counts(package_copy):
    before = key()
    (package_copy / "components").mkdir()
    (package_copy / "components" / "meetings.py").write_text("RULES = []\n", encoding="utf-8")
    assert key() != before


def test_an_edited_or_renamed_module_changes_the_key(package_copy):
    before = key()
    path = package_copy / "meta.py"
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited = key()
    assert edited != before
    path.rename(package_copy / "metadata.py")
    assert key() != edited


def test_a_data_file_in_any_folder_changes_the_pipeline_version(package_copy):
    before = key("id")
    (package_copy / "data" / "xx").mkdir()
    (package_copy / "data" / "xx" / "forums.json").write_text("[]", encoding="utf-8")
    assert key("id") != before


def test_bytecode_and_non_python_files_outside_data_do_not_count(package_copy):
    before = key()
    (package_copy / "__pycache__").mkdir()
    (package_copy / "__pycache__" / "graph.cpython-311.pyc").write_bytes(b"\0")
    (package_copy / "notes.txt").write_text("scratch", encoding="utf-8")
    assert key() == before


def test_the_shipped_model_counts(tmp_path, monkeypatch):
    model = tmp_path / "id_ner"
    (model / "ner").mkdir(parents=True)
    (model / "meta.json").write_text("{}", encoding="utf-8")
    (model / "ner" / "model").write_bytes(b"weights 1")
    monkeypatch.setattr(versions, "ID_MODEL_DIR", model)
    first = key("id")
    (model / "ner" / "model").write_bytes(b"weights 2")
    assert key("id") != first
    for cached in CACHED:
        cached.cache_clear()


def test_the_real_key_hashes_every_module():
    modules = {p.name for p in versions.PACKAGE_DIR.glob("*.py")}
    assert {"graph.py", "store.py", "extract.py", "versions.py"} <= modules
    for cached in CACHED:
        cached.cache_clear()
    assert versions.code_version() == versions.tree_digest(versions.PACKAGE_DIR, "*.py")
    assert "code:" + versions.code_version() in kgcache.extraction_version("en")
