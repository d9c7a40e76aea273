"""The document reader: formats, encodings, folders and every kind of bad input."""

from __future__ import annotations

import codecs
import json
import logging
import os
import tempfile
from pathlib import Path

import pytest
from _messy import (
    EXPECTED_SKIPS,
    HTML_TITLE,
    HTML_VISIBLE,
    JSONL_TEXT,
    LATIN1_SENTENCE,
    MESSY_MAX_BYTES,
    SCRIPT_TEXT,
    SEEDS,
    UTF16_SENTENCE,
    make_messy_corpus,
)
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kg.documents import (
    Document,
    Skipped,
    clean_text,
    decode_bytes,
    html_to_text,
    read_inputs,
)
from kg.errors import InputError

SENTENCE = "Defense Minister Ahn Gyu-back met Pete Hegseth in Seoul."


def one(tmp_path: Path, name: str, data: bytes | str, **kwargs) -> Document:
    """Write one file and read it, expecting exactly one document and no skips."""
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    result = read_inputs([path], **kwargs)
    assert result.skipped == []
    assert len(result.documents) == 1
    return result.documents[0]


def skip_reason(tmp_path: Path, name: str, data: bytes, **kwargs) -> str:
    """Write one file and read it, expecting it to be skipped; returns the reason."""
    path = tmp_path / name
    path.write_bytes(data)
    result = read_inputs([path], **kwargs)
    assert result.documents == []
    assert [s.path for s in result.skipped] == [str(path)]
    return result.skipped[0].reason


# ---------------------------------------------------------------------- the messy corpus
def test_messy_corpus_reads_every_good_file_and_names_every_bad_one(tmp_path, caplog):
    root = make_messy_corpus(tmp_path)
    with caplog.at_level(logging.DEBUG, logger="kg.documents"):
        result = read_inputs([root], max_bytes=MESSY_MAX_BYTES)

    ids = [d.id for d in result.documents]
    seed_names = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert ids == sorted(ids)
    assert ids == [  # ids are relative to the folder given
        "feed.jsonl#good-1",
        "latin1.txt",
        *(f"news/{name}" for name in seed_names),
        "page.html",
        "utf16.txt",
    ]
    docs = {d.id: d for d in result.documents}
    for name in seed_names:
        expected = (SEEDS / name).read_text(encoding="utf-8").replace("\r\n", "\n")
        assert docs[f"news/{name}"].text == expected
        assert docs[f"news/{name}"].path == f"{root}/news/{name}"

    assert docs["latin1.txt"].text == (
        f"Seoul talks\n{LATIN1_SENTENCE}\nThe ministers discussed the alliance.\n"
    )
    assert docs["utf16.txt"].text == UTF16_SENTENCE + "\n"
    page = docs["page.html"]
    # the article's headline (trafilatura: one <h1> before <title>); <title> in the fallback
    assert page.title == "Talks in Manila" and HTML_TITLE in html_to_text(
        (root / "page.html").read_text(encoding="utf-8"))
    assert HTML_VISIBLE in page.text
    assert "Talks in Manila" in page.text.splitlines()
    assert SCRIPT_TEXT not in page.text and "color" not in page.text
    feed = docs["feed.jsonl#good-1"]
    assert (feed.text, feed.title, feed.date, feed.lang) == (
        JSONL_TEXT, "Ahn at the Pentagon", "2025-11-04", "en")

    reasons = {s.path: s.reason for s in result.skipped}
    assert len(reasons) == len(result.skipped), "every input is skipped at most once"
    assert set(reasons) == {f"{root}/{name}" for name in EXPECTED_SKIPS}
    for name, start in EXPECTED_SKIPS.items():
        assert reasons[f"{root}/{name}"].startswith(start), (name, reasons[f"{root}/{name}"])
        assert "\n" not in reasons[f"{root}/{name}"]


def test_messy_corpus_big_file_is_read_with_a_larger_limit(tmp_path):
    root = make_messy_corpus(tmp_path)
    result = read_inputs([root], max_bytes=10 * MESSY_MAX_BYTES)
    assert "big.txt" in {d.id for d in result.documents}
    assert f"{root}/big.txt" not in {s.path for s in result.skipped}


# ---------------------------------------------------------------------- encodings
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32"])
def test_unicode_encodings_with_or_without_bom(tmp_path, encoding):
    text = "Menteri Pertahanan Sjafrie Sjamsoeddin — “José Álvarez” 국방부\n"
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # explicit BOM for the endian variants
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    assert one(tmp_path, "a.txt", data).text == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(tmp_path, encoding):
    assert one(tmp_path, "a.txt", SENTENCE.encode(encoding)).text == SENTENCE


def test_legacy_single_byte_text(tmp_path):
    text = "Hélène Leclère said: “Défense” – 5 €\n"
    assert one(tmp_path, "a.txt", text.encode("cp1252")).text == text
    assert one(tmp_path, "b.txt", LATIN1_SENTENCE.encode("latin-1")).text == LATIN1_SENTENCE
    # 0x81 is undefined in cp1252: Latin-1 still decodes it (and the C1 control is dropped)
    assert one(tmp_path, "c.txt", b"Jos\xe9 \x81ok").text == "José ok"


def test_decode_bytes_reports_the_codec():
    assert decode_bytes("José".encode())[1] == "utf-8"
    assert decode_bytes("José".encode("cp1252"))[1] == "cp1252"
    assert decode_bytes(codecs.BOM_UTF16_BE + "José".encode("utf-16-be")) == ("José", "utf-16")
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(b"PK\x03\x04\x00\x00binary")


def test_newlines_and_control_characters_are_normalised(tmp_path):
    data = b"one\r\ntwo\rthree\n\tfour\x07\x1b\x7f five\x0c\x0b " + SENTENCE.encode()
    assert one(tmp_path, "a.txt", data).text == "one\ntwo\nthree\n\tfour five " + SENTENCE
    assert clean_text("a\ud800b\u0085c") == "a\ufffdbc"


# ---------------------------------------------------------------------- bad files
def test_empty_whitespace_binary_files_are_skipped_with_reasons(tmp_path):
    assert skip_reason(tmp_path, "a.txt", b"") == "empty file"
    assert skip_reason(tmp_path, "b.md", b" \n\t\r\n") == "empty (whitespace only)"
    assert skip_reason(tmp_path, "c.txt", "\ufeff \u3000\n".encode()) == "empty (whitespace only)"
    assert skip_reason(tmp_path, "d.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00") == (
        "binary file (NUL bytes)")
    assert skip_reason(tmp_path, "e.txt", bytes(range(1, 32)) * 4 + b"text") == (
        "binary file (control bytes)")


def test_oversized_file_is_skipped_at_the_limit(tmp_path):
    assert one(tmp_path, "a.txt", b"x" * 100, max_bytes=100).text == "x" * 100
    reason = skip_reason(tmp_path, "b.txt", b"x" * 101, max_bytes=100)
    assert reason == "too large (101 bytes; limit 100, see --max-bytes)"


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    import kg.documents

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(kg.documents, "open", deny, raising=False)
    assert skip_reason(tmp_path, "a.txt", b"text") == "unreadable (Permission denied)"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions and a non-root user")
def test_unreadable_file_by_permissions(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(SENTENCE)
    path.chmod(0)
    try:
        assert read_inputs([path]).skipped == [Skipped(str(path), "unreadable (Permission denied)")]
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_special_file_is_skipped_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert read_inputs([fifo]).skipped == [Skipped(str(fifo), "not a regular file")]


def test_missing_paths_and_explicit_unsupported_files(tmp_path):
    (tmp_path / "report.odt").write_bytes(b"%PDF-1.4")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "ping.txt").symlink_to(tmp_path / "pong.txt")
    (tmp_path / "pong.txt").symlink_to(tmp_path / "ping.txt")
    result = read_inputs([tmp_path / "nope", tmp_path / "report.odt", tmp_path / "broken.txt",
                          tmp_path / "ping.txt"])
    assert result.documents == []
    assert result.skipped == [
        Skipped(str(tmp_path / "broken.txt"), "broken symbolic link"),
        Skipped(str(tmp_path / "nope"), "no such file or folder"),
        Skipped(str(tmp_path / "ping.txt"), "symlink loop"),
        Skipped(str(tmp_path / "report.odt"),
                "unsupported file type '.odt' "
                "(supported: .docx, .htm, .html, .jsonl, .md, .pdf, .txt)"),
    ]


def test_nothing_readable_still_returns(tmp_path):
    assert read_inputs([]) == read_inputs([]).__class__()
    assert read_inputs([tmp_path]).documents == []
    assert read_inputs([tmp_path]).skipped == []


def test_invalid_limit_is_a_user_error():
    with pytest.raises(InputError, match="max_bytes"):
        read_inputs(["x.txt"], max_bytes=0)


# ---------------------------------------------------------------------- folders
def test_folders_are_recursive_sorted_and_ids_are_paths_below_them(tmp_path, monkeypatch):
    for rel in ["b/2.txt", "b/1.md", "a.txt", "c/d/e.htm", ".hidden/x.txt", ".x.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f"<p>{rel}</p>" if rel.endswith("htm") else rel)
    monkeypatch.chdir(tmp_path)
    result = read_inputs(["c/", "."])
    # ids are relative to the folder given: c/d/e.htm was read through "c/"
    assert [d.id for d in result.documents] == ["a.txt", "b/1.md", "b/2.txt", "d/e.htm"]
    assert [d.text for d in result.documents] == ["a.txt", "b/1.md", "b/2.txt", "c/d/e.htm"]
    # c/ was given first, so "." reaches it a second time
    assert result.skipped == [Skipped("c", "folder already read as c")]
    assert read_inputs(["b", "a.txt"]).documents == read_inputs(["a.txt", "b"]).documents


def test_symlink_loop_is_reported_once_and_not_an_error(tmp_path):
    root = tmp_path / "corpus"
    (root / "x" / "y").mkdir(parents=True)
    (root / "x" / "y" / "doc.txt").write_text(SENTENCE)
    (root / "x" / "y" / "up").symlink_to("../..", target_is_directory=True)
    (root / "x" / "self").symlink_to(".", target_is_directory=True)
    result = read_inputs([root])
    assert [d.id for d in result.documents] == ["x/y/doc.txt"]
    assert [(s.path, s.reason.split(" (")[0]) for s in result.skipped] == [
        (f"{root}/x/self", "symlink loop"),
        (f"{root}/x/y/up", "symlink loop"),
    ]


def test_links_inside_the_folder_are_followed_once(tmp_path):
    root = tmp_path / "corpus"
    (root / "real").mkdir(parents=True)
    (root / "real" / "doc.txt").write_text(SENTENCE)
    (root / "link1").symlink_to(root / "real", target_is_directory=True)
    (root / "same.txt").symlink_to(root / "real" / "doc.txt")
    result = read_inputs([root])
    # files of a folder are read before its subfolders
    assert [d.id for d in result.documents] == ["same.txt"]
    assert result.skipped == [
        Skipped(f"{root}/link1/doc.txt", f"same file as {root}/same.txt"),
        Skipped(f"{root}/real", f"folder already read as {root}/link1"),
    ]


def test_links_leading_outside_the_folder_are_named_and_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd.txt").write_text("root:x:0:0:root:/root:/bin/bash\n")
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "ok.txt").write_text(SENTENCE)
    (root / "p.txt").symlink_to(outside / "passwd.txt")
    (root / "dir").symlink_to(outside, target_is_directory=True)
    result = read_inputs([root])
    assert [d.id for d in result.documents] == ["ok.txt"]
    assert [(s.path, s.reason.split(",")[0]) for s in result.skipped] == [
        (f"{root}/dir", f"symbolic link to {outside}"),
        (f"{root}/p.txt", f"symbolic link to {outside}/passwd.txt"),
    ]
    assert all("outside the input folder" in s.reason for s in result.skipped)
    # given explicitly, the link is read
    assert [d.text for d in read_inputs([root / "p.txt"]).documents] == [
        "root:x:0:0:root:/root:/bin/bash\n"]


def test_other_file_types_in_a_folder_are_named_as_not_supported(tmp_path):
    (tmp_path / "a.txt").write_text(SENTENCE)
    (tmp_path / "c.bin").write_bytes(b"\x00\x01")
    (tmp_path / "README").write_text("x")
    (tmp_path / ".hidden.bin").write_bytes(b"x")
    result = read_inputs([tmp_path])
    assert [d.text for d in result.documents] == [SENTENCE]
    assert result.skipped == [
        Skipped(str(tmp_path / "README"), "not a supported type (no extension)"),
        Skipped(str(tmp_path / "c.bin"), "not a supported type (.bin)"),
    ]


def test_a_single_path_is_accepted(tmp_path):
    (tmp_path / "a.txt").write_text(SENTENCE)
    assert [d.text for d in read_inputs(tmp_path / "a.txt").documents] == [SENTENCE]
    assert [d.text for d in read_inputs(str(tmp_path)).documents] == [SENTENCE]


# ---------------------------------------------------------------------- HTML
def test_html_keeps_visible_text_only():
    text, title = html_to_text(
        "<html><head><title> The &ldquo;Title&rdquo; </title><meta name='x' content='meta'>"
        "<style>.a{}</style></head><body><script>var s = '</p>';</script>"
        "<noscript>enable js</noscript><template><p>tpl</p></template>"
        "<h1>Head&amp;line</h1><p>First   para<br>second line</p>"
        "<ul><li>one</li><li>two</li></ul><!-- comment --><p>caf&eacute; &#8212; &#x41;</p>"
        "<pre>  keep\n    spacing</pre></body></html>"
    )
    assert title == "The “Title”"
    assert text == (
        "Head&line\n\nFirst para\nsecond line\n\none\n\ntwo\n\ncafé — A\n\nkeep\nspacing"
    )


def test_html_unclosed_head_ends_at_body_and_bad_markup_does_not_crash():
    text, title = html_to_text("<head><title>T</title><body><p>Visible</body>")
    assert (text, title) == ("Visible", "T")
    text, _ = html_to_text("<p>a</div></span><<>><![CDATA[x]]><!x><?pi?><p>b &bogus; &#99999999;")
    assert "a" in text and "b &bogus;" in text


def test_html_file_honours_declared_charset(tmp_path):
    page = "<meta charset='windows-1252'><p>Hélène – Défense</p>".encode("cp1252")
    doc = one(tmp_path, "a.html", page)
    assert doc.text == "Hélène – Défense"
    assert doc.title is None


def test_html_without_visible_text_is_skipped(tmp_path):
    assert skip_reason(tmp_path, "a.html", b"<script>x()</script><style></style>") == (
        "no visible text")


# ---------------------------------------------------------------------- JSON Lines
def test_jsonl_lines_become_documents_and_bad_lines_are_skipped_by_number(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "First.", "title": "T", "date": "2025-11-04",
                    "url": "u", "lang": "id"}),
        "",
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"id": "x"}),
        json.dumps({"text": 42}),
        json.dumps({"text": " \u0000 "}),
        json.dumps({"id": "a1", "text": "Duplicate."}),
        json.dumps({"id": 7, "text": "Seventh\r\nline\u0007.", "title": ["not", "a", "string"]}),
        json.dumps({"text": "No id."}),
        '{"text": 1' + "2" * 5000 + "}",
        '{"text": "unterminated',
    ]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    result = read_inputs([path])
    assert [(d.id, d.text, d.title, d.date, d.url, d.lang) for d in result.documents] == [
        ("feed.jsonl#a1", "First.", "T", "2025-11-04", "u", "id"),
        ("feed.jsonl#7", "Seventh\nline.", None, None, None, None),
        ("feed.jsonl#10", "No id.", None, None, None, None),
    ]
    assert all(d.path == str(path) for d in result.documents)
    assert [s.reason for s in result.skipped] == [
        "line 3: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        "line 4: not a JSON object",
        "line 5: no 'text' field",
        "line 6: 'text' is not a string",
        "line 7: empty text",
        "line 8: duplicate id 'a1' (first on line 1)",
        "line 11: not valid JSON (number too long)",
        "line 12: not valid JSON (Unterminated string starting at column 10)",
    ]
    assert {s.path for s in result.skipped} == {str(path)}


def test_jsonl_with_only_blank_lines_is_empty(tmp_path):
    assert skip_reason(tmp_path, "a.jsonl", b"\n  \n\r\n") == "empty (whitespace only)"
    assert skip_reason(tmp_path, "b.jsonl", b"") == "empty file"


# ---------------------------------------------------------------------- properties
SUFFIXES = [".txt", ".md", ".html", ".htm", ".jsonl"]
_TEXT_CHARS = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t\r")


def _check_result(result, path: Path) -> None:
    for doc in result.documents:
        assert doc.text.strip()
        assert "\r" not in doc.text and "\x00" not in doc.text
        assert not any(ord(c) < 32 and c not in "\n\t" for c in doc.text)
        doc.text.encode("utf-8")  # no lone surrogates
        assert doc.content_hash
        assert doc.id.startswith(path.name) and doc.path == str(path)
    for skip in result.skipped:
        assert skip.path == str(path)
        assert skip.reason and "\n" not in skip.reason


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_crash_the_reader(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"file{suffix}"
        path.write_bytes(data)
        result = read_inputs([path], max_bytes=2000)
        assert result.documents or result.skipped
        _check_result(result, path)


@settings(max_examples=150, deadline=None)
@given(text=st.text(), suffix=st.sampled_from(SUFFIXES),
       encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1"]))
def test_arbitrary_unicode_files_never_crash_the_reader(text, suffix, encoding):
    data = text.encode(encoding, errors="replace") if encoding != "utf-8" else (
        text.encode("utf-8", "surrogatepass"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"file{suffix}"
        path.write_bytes(data)
        _check_result(read_inputs([path]), path)


@settings(max_examples=150, deadline=None)
@given(text=st.text(_TEXT_CHARS, min_size=1),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_text_round_trips_through_a_file(text, encoding):
    assume(not text.startswith("\ufeff") and clean_text(text).strip())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        path.write_bytes(text.encode(encoding))
        result = read_inputs([path])
        assert [d.text for d in result.documents] == [clean_text(text)]


def test_a_utf16_bom_that_the_rest_does_not_follow_is_cp1252_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("þÿ Menteri bertemu.".encode("cp1252"))  # odd length: no UTF-16
    assert [d.text for d in read_inputs([path]).documents] == ["þÿ Menteri bertemu."]


@settings(max_examples=100, deadline=None)
@given(text=st.text(st.characters(codec="cp1252", blacklist_categories=("Cc",))
                    | st.sampled_from("\n\t"), min_size=1))
def test_cp1252_text_is_read_back_unless_it_is_also_valid_utf8(text):
    data = text.encode("cp1252")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        assume(False)
    assume(text.strip())
    # "þÿ" / "ÿþ" are the UTF-16 BOMs: such a file is UTF-16 when the rest decodes in it
    assume(not (text.startswith(("þÿ", "ÿþ")) and len(data) % 2 == 0))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.txt"
        path.write_bytes(data)
        assert [d.text for d in read_inputs([path]).documents] == [text]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=3),
    max_leaves=8,
)
_RECORD = st.fixed_dictionaries({}, optional={
    "id": _JSON, "text": st.text() | _JSON, "title": _JSON, "date": _JSON, "url": _JSON,
    "lang": _JSON,
})


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(_RECORD | _JSON, max_size=6))
def test_arbitrary_json_lines_never_crash_the_reader(lines):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
        result = read_inputs([path])
        _check_result(result, path)
        assert len({d.id for d in result.documents}) == len(result.documents)
        for doc in result.documents:
            for value in (doc.title, doc.date, doc.url, doc.lang):
                assert value is None or (isinstance(value, str) and "\n" not in value)


@settings(max_examples=150, deadline=None)
@given(markup=st.lists(st.sampled_from(list("<>/!-?&;#=\"' abpxtlei\n"))
                      | st.sampled_from(["<script>", "</script>", "<head>", "<title>",
                                         "</title>", "<body>", "<pre>", "</pre>", "<br/>",
                                         "&amp;", "&#x", "<![CDATA[", "<!--", "-->",
                                         "<noscript>", "<template>", "</p>", "<![if x]>"])
                      | st.text(max_size=3)).map("".join))
def test_arbitrary_markup_never_crashes_html_to_text(markup):
    text, title = html_to_text(markup)
    assert isinstance(text, str)
    assert title is None or (title and "\n" not in title)


# ---------------------------------------------------------------------- PDF, DOCX, JSONL BOMs
PRESS_RELEASE = [
    "Defense Ministers meet in Jakarta",
    "Indonesian Defense Minister Sjafrie Sjamsoeddin met Japanese Defense Minister "
    "Gen Nakatani in Jakarta on Tuesday.",
]


def test_pdf_press_release_text_layer_is_read(tmp_path):
    from _office import write_pdf

    path = write_pdf(tmp_path / "a.pdf", [PRESS_RELEASE[:1], PRESS_RELEASE[1:]],
                     title="Press release")
    doc = one(tmp_path, "a.pdf", path.read_bytes())
    assert doc.title == "Press release"
    assert doc.text.split("\n\n") == PRESS_RELEASE


def test_docx_press_release_paragraphs_are_read(tmp_path):
    from _office import write_docx

    path = write_docx(tmp_path / "b.docx", PRESS_RELEASE, title="Release")
    doc = one(tmp_path, "b.docx", path.read_bytes())
    assert (doc.text, doc.title) == ("\n".join(PRESS_RELEASE), "Release")


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("bad.pdf", b"%PDF-1.4\nnot really", "unreadable PDF"),
    ("bad.docx", b"PK\x03\x04 not a zip", "unreadable DOCX"),
    ("blank.pdf", None, "no text"),
])
def test_damaged_or_empty_office_files_are_skipped_with_a_reason(tmp_path, name, data, reason):
    from _office import write_pdf

    if data is None:
        data = write_pdf(tmp_path / "src.pdf", [[]]).read_bytes()
    assert skip_reason(tmp_path, name, data).startswith(reason)


def test_jsonl_line_starting_with_a_bom_is_read(tmp_path):
    first = json.dumps({"id": "a", "text": SENTENCE})
    second = "\ufeff" + json.dumps({"id": "b", "text": JSONL_TEXT})
    path = tmp_path / "cat.jsonl"
    path.write_text(f"\ufeff{first}\n{second}\n", encoding="utf-8")
    result = read_inputs([path])
    assert result.skipped == []
    assert [d.text for d in result.documents] == [SENTENCE, JSONL_TEXT]


def test_pdf_lines_wrapped_inside_a_paragraph_are_joined(tmp_path):
    from _office import write_pdf

    path = write_pdf(tmp_path / "w.pdf", [[
        "Manila talks",
        "Philippine Defense Secretary Gilberto Teodoro met Australian Deputy Prime",
        "Minister Richard Marles in Manila on Friday, the department said in a state-",
        "ment.",
        "Both ministers agreed to expand exercises.",
    ]])
    assert one(tmp_path, "w.pdf", path.read_bytes()).text.split("\n") == [
        "Manila talks",
        "Philippine Defense Secretary Gilberto Teodoro met Australian Deputy Prime Minister "
        "Richard Marles in Manila on Friday, the department said in a statement.",
        "Both ministers agreed to expand exercises.",
    ]


def test_docx_that_would_expand_too_far_is_skipped(tmp_path, monkeypatch):
    from _office import write_docx

    import kg.documents

    data = write_docx(tmp_path / "src.docx", PRESS_RELEASE * 50).read_bytes()
    monkeypatch.setattr(kg.documents, "DOCX_MAX_EXPANDED", 20_000)
    assert skip_reason(tmp_path, "bomb.docx", data).startswith("DOCX expands to ")


def test_the_corrections_file_beside_a_corpus_is_not_reported_as_skipped(tmp_path):
    from kg.documents import read_inputs

    (tmp_path / "a.txt").write_text("Defense Minister Kim Tae-ho met Secretary John Miller.")
    (tmp_path / "kg-corrections.yaml").write_text("- rename: {node: A, to: B}\n")
    result = read_inputs([tmp_path])
    assert [d.id for d in result.documents] == ["a.txt"]
    assert result.skipped == []
