"""Input documents: files and folders -> :class:`Document` records.

A document id is the file path as given on the command line (or joined below a
given folder), so ``score.py`` and users can trace every edge back to its file.
A JSON Lines file holds one article a line; its documents are
``f"{path}#{id or line number}"``.

Bad input never stops a read: every file that cannot be used becomes a
:class:`Skipped` record with a one-line reason, and :func:`read_inputs` always
returns. Deciding that *nothing* readable is an error is the caller's job
(:func:`kg.pipeline.build` raises :class:`kg.errors.InputError`).

Supported inputs
    ``.txt`` and ``.md`` (plain text), ``.html`` / ``.htm`` (visible text only;
    ``<title>`` becomes :attr:`Document.title`), ``.jsonl`` (one JSON object a
    line with ``text`` and optionally ``id``, ``title``, ``date``, ``url``,
    ``lang``; a BOM at the start of a line is dropped), ``.pdf`` (the pages'
    text layer, with pypdf) and ``.docx`` (paragraphs, with python-docx).
    Folders are read recursively, following symbolic links that stay inside the
    folder but never a folder twice; a link leading outside is skipped with a
    reason (give its target as a path to read it). Hidden files and folders
    (name starting with ``.``) are ignored; files of other types inside folders
    are skipped as "not a supported type".

Encodings
    UTF-8 (with or without BOM), UTF-16 and UTF-32 with a BOM, UTF-16 without a BOM
    when it is unambiguous, and otherwise Windows-1252 (then Latin-1, which
    decodes any byte). Newlines become ``\\n``; NULs and other control characters
    except ``\\n`` and ``\\t`` are removed.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import json
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.meta import find_date_source, normalise_date

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "Document",
    "ReadResult",
    "Skipped",
    "decode_bytes",
    "html_to_text",
    "read_inputs",
]

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
PDF_SUFFIXES = frozenset({".pdf"})
DOCX_SUFFIXES = frozenset({".docx"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES
#: The start of the skip reason of a file of another type found inside a folder.
UNSUPPORTED_REASON = "not a supported type"
#: kg's own files that live beside a corpus: not documents, and not worth a warning
CORRECTIONS_FILE = "kg-corrections.yaml"
OWN_FILES = frozenset({CORRECTIONS_FILE})
DEFAULT_MAX_BYTES = 5_000_000

#: How much of a file is inspected to tell text from binary data.
SNIFF_BYTES = 8192
#: Share of control bytes (other than tab, newlines, form feed, escape) above
#: which a file counts as binary.
BINARY_CONTROL_RATIO = 0.05

_BINARY_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | {0x0B} | frozenset(range(0x0E, 0x1B)) | {
    0x1C, 0x1D, 0x1E, 0x1F, 0x7F,
}
#: The same bytes, for ``bytes.translate(None, ...)``: counting them in C.
_BINARY_CONTROL_TABLE = bytes(sorted(_BINARY_CONTROL_BYTES))
# C0 controls except \t and \n, DEL, C1 controls, and lone surrogates (which
# JSON escapes can produce and UTF-8 cannot encode).
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class Document:
    """One article: its text plus whatever metadata the input carried."""

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    lang: str | None = None
    #: Where :attr:`date` came from: ``"input"`` (a JSON Lines ``date``), ``"metadata"``
    #: (the page's), ``"dateline"`` or ``"text"`` (:func:`kg.meta.find_date_source`).
    date_source: str | None = None

    @property
    def content_hash(self) -> str:
        """Hash of everything extraction reads (text and given metadata)."""
        h = hashlib.sha256()
        for part in (self.id, self.text, self.title or "", self.date or "", self.lang or ""):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class Skipped:
    """An input that was not read, and why (one line, for the build summary)."""

    path: str
    reason: str


@dataclass
class ReadResult:
    """What :func:`read_inputs` found: documents in a stable order, and skipped inputs."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


class _Skip(Exception):
    """Raised inside the reader to skip one file with a reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------------- text cleaning
def clean_text(text: str) -> str:
    """Normalise newlines and drop characters that are never article text.

    ``\\r\\n`` and ``\\r`` become ``\\n``; a leading BOM, NULs and other control
    characters (except ``\\n`` and ``\\t``) are removed; lone surrogates become
    U+FFFD so the text always encodes as UTF-8.

    Examples
    --------
    >>> clean_text("\\ufeffa\\r\\nb\\rc\\x00d\\x1b")
    'a\\nb\\ncd'
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_RE.sub("", text)
    return _SURROGATE_RE.sub("\ufffd", text)


def _clean_field(value: Any) -> str | None:
    """A metadata value as one clean line, or None when missing or not a string."""
    if value is None or isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = " ".join(clean_text(str(value)).split())
    return text or None


# ---------------------------------------------------------------------- decoding
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _bom_encoding(data: bytes) -> str | None:
    """The encoding a BOM at the start of ``data`` names, if the rest decodes in it: FF FE
    00 00 is also a UTF-16 LE BOM followed by a NUL character, and "þÿ" or "ÿþ" opening a
    cp1252 text of an odd number of bytes is no UTF-16."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` when ``sample`` is clearly BOM-less UTF-16 text."""
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    # Latin-script UTF-16: nearly every high byte is NUL, nearly no low byte is.
    if odd >= 0.6 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.6 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def _looks_binary(sample: bytes) -> str | None:
    """Why ``sample`` (raw bytes, no BOM) looks like binary data, or None."""
    if not sample:
        return None
    if 0 in sample:
        return "binary file (NUL bytes)"
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROL_TABLE))
    if controls / len(sample) > BINARY_CONTROL_RATIO:
        return "binary file (control bytes)"
    return None


def decode_bytes(data: bytes, *, hint: str | None = None) -> tuple[str, str]:
    """Decode a text file's bytes, guessing the encoding; never raises on odd bytes.

    Parameters
    ----------
    data : bytes
        The whole file.
    hint : str, optional
        An encoding declared by the file itself (an HTML ``<meta charset>``);
        tried after a BOM and strict UTF-8.

    Returns
    -------
    text, encoding : tuple of str
        The decoded text (not yet cleaned) and the codec that decoded it.

    Raises
    ------
    ValueError
        The bytes look like binary data (NUL bytes that are not UTF-16, or many
        control bytes); the message is the skip reason.

    Examples
    --------
    >>> decode_bytes("José".encode("cp1252"))
    ('José', 'cp1252')
    >>> decode_bytes("\\ufeffJosé".encode("utf-16-le"))[0]
    'José'
    """
    encoding = _bom_encoding(data)
    if encoding is not None:
        return data.decode(encoding, errors="replace"), encoding
    sample = data[:SNIFF_BYTES]
    encoding = _utf16_without_bom(sample)
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: judge it as bytes below
    reason = _looks_binary(sample)
    if reason is not None:
        raise ValueError(reason)
    candidates = ["utf-8"]
    if hint:
        try:
            declared = codecs.lookup(hint).name
        except LookupError:
            log.debug("unknown declared encoding %r", hint)
        else:
            # a declaration readable as ASCII rules out UTF-16/32 (as in HTML5)
            if not declared.startswith(("utf-16", "utf-32")):
                candidates.append(declared)
    candidates.append("cp1252")
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


# ---------------------------------------------------------------------- HTML
_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object",
    "canvas", "select", "datalist",
})
_VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})


class _HTMLText(HTMLParser):
    """Collects the visible text and the ``<title>`` of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.skip: dict[str, int] = {}
        self.in_title = False
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.skip.pop("head", None)  # an unclosed <head> ends where <body> starts
        if tag == "title":
            self.in_title = True
        elif tag in _SKIP_TAGS and tag not in _VOID_TAGS:
            self.skip[tag] = self.skip.get(tag, 0) + 1
        elif tag == "pre":
            self.pre += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif self.skip.get(tag):
            self.skip[tag] -= 1
            if not self.skip[tag]:
                del self.skip[tag]
        elif tag == "pre" and self.pre:
            self.pre -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip:
            # whitespace collapses, except that line breaks inside <pre> are kept
            self.parts.append(re.sub(r"[^\S\n]+" if self.pre else r"\s+", " ", data))

    def result(self) -> tuple[str, str | None]:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
        title = " ".join("".join(self.title_parts).split()) or None
        return text, title


def html_to_text(markup: str) -> tuple[str, str | None]:
    """The visible text of an HTML page and its ``<title>``.

    Scripts, styles, ``noscript``, ``template`` and the ``<head>`` are dropped,
    block elements become line breaks (a blank line between blocks), runs of
    spaces collapse (``<pre>`` keeps its line breaks) and entities are unescaped.

    Examples
    --------
    >>> html_to_text("<title>T &amp; U</title><p>A<script>x()</script> b</p><p>C&eacute;</p>")
    ('A b\\n\\nCé', 'T & U')
    """
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    return parser.result()


# ---------------------------------------------------------------------- dates
def _dated(doc: Document, source: str = "input") -> Document:
    """``doc`` with its publication date and where it came from.

    A date the input states (``source``) wins when it reads as a date; otherwise
    the text's dateline or a date in the text (:func:`kg.meta.find_date_source`).

    Examples
    --------
    >>> d = _dated(Document(id="a", text="SEOUL, 04.11.2025 -- Talks.", date="soon"))
    >>> d.date, d.date_source
    ('2025-11-04', 'dateline')
    """
    given = normalise_date(doc.date)
    if given:
        return replace(doc, date=given, date_source=source)
    found, where = find_date_source(doc.text)
    return replace(doc, date=found, date_source=where)


# ---------------------------------------------------------------------- files
def _read_bytes(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file of at most ``max_bytes`` bytes, or :class:`_Skip`."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _Skip(_os_reason(path, exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise _Skip("not a regular file")
    if info.st_size > max_bytes:
        raise _Skip(f"too large ({info.st_size} bytes; limit {max_bytes}, see --max-bytes)")
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _Skip(_os_reason(path, exc)) from None
    if len(data) > max_bytes:  # grew since stat
        raise _Skip(f"too large (over {max_bytes} bytes, see --max-bytes)")
    return data, info


def _os_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if isinstance(exc, FileNotFoundError) and path.is_symlink():
        return "broken symbolic link"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    return f"unreadable ({exc.strerror or exc})"


def _decode(data: bytes, path: Path, hint: str | None = None) -> str:
    if not data:
        raise _Skip("empty file")
    try:
        text, encoding = decode_bytes(data, hint=hint)
    except ValueError as exc:
        raise _Skip(str(exc)) from None
    if encoding not in ("utf-8", "ascii"):
        log.debug("%s: decoded as %s", path, encoding)
    return clean_text(text)


def _read_text_file(path: Path, data: bytes, doc_id: str) -> list[Document]:
    text = _decode(data, path)
    if not text.strip():
        raise _Skip("empty (whitespace only)")
    return [_dated(Document(id=doc_id, text=text, path=str(path)))]


@dataclass(frozen=True)
class PageArticle:
    """What :func:`extract_article` found in a saved page: the article and its metadata."""

    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None


def extract_article(markup: str) -> PageArticle | None:
    """The article of a saved news page, read by trafilatura (dates by htmldate).

    Navigation, "most read" boxes, related headlines, comments and footers are
    left out; the title, author, canonical URL and publication date come from the
    page's metadata (htmldate prefers the original publication date to an
    "Updated ..." line and never returns a date after today). Offline: nothing
    is fetched. None when trafilatura is missing, fails or finds no article.

    Examples
    --------
    >>> page = ("<html><head><meta property='article:published_time' content='2025-10-29'>"
    ...         "</head><body><nav><a href='/'>Home</a></nav><article><p>"
    ...         + "Talks were held. " * 20 + "</p></article><footer>Contact us</footer>")
    >>> art = extract_article(page)
    >>> art.date, "Home" in art.text, "Contact" in art.text
    ('2025-10-29', False, False)
    """
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a dependency, but the fallback still works
        return None
    quiet = [logging.getLogger(name) for name in ("trafilatura", "htmldate", "courlan")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.CRITICAL)
    try:
        tree = trafilatura.load_html(markup)
        if tree is None:
            return None
        for hidden in list(tree.iter("noscript", "template")):  # never shown with scripts on
            hidden.drop_tree()
        found = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False,
                                            include_images=False, include_links=False)
    except Exception as exc:  # a parser failure on odd markup: the plain reader takes over
        log.debug("trafilatura failed (%s: %s)", type(exc).__name__, exc)
        return None
    finally:
        for logger, level in zip(quiet, levels, strict=True):
            logger.setLevel(level)
    if found is None:
        return None
    fields = found if isinstance(found, dict) else found.as_dict()
    text = clean_text(fields.get("text") or "").strip("\n")
    if not text.strip():
        return None
    date = _clean_field(fields.get("date"))
    return PageArticle(text=text, title=_clean_field(fields.get("title")),
                       date=date if date and _ISO_DAY_RE.fullmatch(date) else None,
                       author=_clean_field(fields.get("author")),
                       url=_clean_field(fields.get("url")))


_ISO_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _read_html_file(path: Path, data: bytes, doc_id: str) -> list[Document]:
    """The article of a page (:func:`extract_article`), else its visible text."""
    match = _META_CHARSET_RE.search(data[:4096])
    hint = match.group(1).decode("ascii", "replace") if match else None
    markup = _decode(data, path, hint=hint)
    article = extract_article(markup)
    if article is not None:
        text = article.text
        if article.author and article.author.casefold() not in text[:500].casefold():
            text = f"By {article.author}\n{text}"  # the byline, so no author becomes an official
        return [_dated(Document(id=doc_id, text=text, path=str(path), title=article.title,
                                date=article.date, url=article.url), "metadata")]
    text, title = html_to_text(markup)
    text, title = clean_text(text), _clean_field(title)
    if not text.strip():
        raise _Skip("no visible text")
    return [_dated(Document(id=doc_id, text=text, path=str(path), title=title))]


def _read_jsonl_file(
    path: Path, data: bytes, skipped: list[Skipped], doc_id: str
) -> list[Document]:
    # JSON escapes can carry control characters, so clean each text, not the file
    if not data:
        raise _Skip("empty file")
    try:
        raw, encoding = decode_bytes(data)
    except ValueError as exc:
        raise _Skip(str(exc)) from None
    if not clean_text(raw).strip():
        raise _Skip("empty (whitespace only)")
    raw = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    docs: list[Document] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(raw.split("\n"), start=1):
        line = line.removeprefix("\ufeff")  # concatenated files keep their BOMs
        if not line.strip():
            continue

        def skip(reason: str, number: int = number) -> None:
            skipped.append(Skipped(str(path), f"line {number}: {reason}"))

        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            at = " " if exc.msg.endswith(" at") else " at "
            skip(f"not valid JSON ({exc.msg}{at}column {exc.colno})")
            continue
        except ValueError:  # the only other ValueError: an integer too long to convert
            skip("not valid JSON (number too long)")
            continue
        except RecursionError:
            skip("not valid JSON (nested too deeply)")
            continue
        if not isinstance(record, dict):
            skip("not a JSON object")
            continue
        body = record.get("text")
        if body is None:
            skip("no 'text' field")
            continue
        if not isinstance(body, str):
            skip("'text' is not a string")
            continue
        body = clean_text(body)
        if not body.strip():
            skip("empty text")
            continue
        key = _clean_field(record.get("id")) or str(number)
        if key in first_line:
            skip(f"duplicate id {key!r} (first on line {first_line[key]})")
            continue
        first_line[key] = number
        docs.append(_dated(Document(
            id=f"{doc_id}#{key}", text=body, path=str(path),
            title=_clean_field(record.get("title")), date=_clean_field(record.get("date")),
            url=_clean_field(record.get("url")), lang=_clean_field(record.get("lang")),
        )))
    if encoding not in ("utf-8", "ascii"):
        log.debug("%s: decoded as %s", path, encoding)
    return docs


def _office_document(path: Path, text: str, title: Any, doc_id: str) -> list[Document]:
    """The one document of a PDF or DOCX file, or :class:`_Skip` when it has no text."""
    text = clean_text(text).strip("\n")
    if not text.strip():
        raise _Skip("no text (a scanned image without a text layer?)")
    return [_dated(Document(id=doc_id, text=text, path=str(path), title=_clean_field(title)))]


_LINE_END = ('.', '!', '?', ':', ';', '"', '”', '’', ')', ']')


def unwrap_lines(page: str, *, full: float = 0.7) -> str:
    """Join the lines a PDF page wraps inside its paragraphs.

    A line as wide as the page's text (at least ``full`` of its longest line)
    that does not end a sentence continues on the next line; a word broken
    with a hyphen at the end of a line is joined back. Short lines (headlines,
    datelines, a paragraph's last line) keep their line break.

    Examples
    --------
    >>> print(unwrap_lines("Talks in Manila\\nSecretary Teodoro met the Deputy\\n"
    ...                    "Prime Minister on Friday, the depart-\\nment said.\\nShort."))
    Talks in Manila
    Secretary Teodoro met the Deputy Prime Minister on Friday, the department said.
    Short.
    """
    lines = page.split("\n")
    width = max((len(line.rstrip()) for line in lines), default=0)
    out: list[str] = []
    joined = False
    for line in lines:
        line = line.rstrip()
        if joined and out:
            broken = out[-1].endswith("-") and line[:1].islower()
            out[-1] = out[-1][:-1] + line.lstrip() if broken else f"{out[-1]} {line.lstrip()}"
        else:
            out.append(line)
        joined = bool(line) and len(line) >= full * width and not line.endswith(_LINE_END)
    return "\n".join(out)


def _read_pdf_file(path: Path, data: bytes, doc_id: str) -> list[Document]:
    """The text of a PDF's pages (pypdf), lines unwrapped, a blank line between pages."""
    try:
        from pypdf import PdfReader
    except ImportError:
        raise _Skip("PDF support needs pypdf (pip install pypdf)") from None
    import io

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _Skip("encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata or {}).get("/Title")
    except _Skip:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise _Skip(f"unreadable PDF ({type(exc).__name__})") from None
    return _office_document(path, "\n\n".join(unwrap_lines(p.strip("\n")) for p in pages),
                            title, doc_id)


#: Most bytes a DOCX (a zip) may expand to: a small file must not unpack to gigabytes.
DOCX_MAX_EXPANDED = 200_000_000


def _check_docx_size(data: bytes) -> None:
    """:class:`_Skip` a DOCX whose parts would expand past :data:`DOCX_MAX_EXPANDED`.

    The sizes the zip declares bind: :mod:`zipfile` never returns more than them.
    """
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _Skip("unreadable DOCX (not a zip file)") from None
    if expanded > DOCX_MAX_EXPANDED:
        raise _Skip(f"DOCX expands to {expanded} bytes (limit {DOCX_MAX_EXPANDED})")


def _read_docx_file(path: Path, data: bytes, doc_id: str) -> list[Document]:
    """The paragraphs of a Word document (python-docx), one line each."""
    try:
        import docx
    except ImportError:
        raise _Skip("DOCX support needs python-docx (pip install python-docx)") from None
    import io

    _check_docx_size(data)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = [p.text for p in document.paragraphs]
        title = document.core_properties.title
    except Exception as exc:  # a zip that is not a Word document, damaged XML, ...
        raise _Skip(f"unreadable DOCX ({type(exc).__name__})") from None
    return _office_document(path, "\n".join(lines), title, doc_id)


def _read_file(path: Path, max_bytes: int, skipped: list[Skipped],
               seen: dict[tuple[int, int], str], doc_id: str) -> list[Document]:
    """Documents in one supported file; problems with the whole file raise :class:`_Skip`."""
    data, info = _read_bytes(path, max_bytes)
    ident = (info.st_dev, info.st_ino)
    if ident in seen:
        raise _Skip(f"same file as {seen[ident]}")
    seen[ident] = str(path)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return _read_html_file(path, data, doc_id)
    if suffix in JSONL_SUFFIXES:
        return _read_jsonl_file(path, data, skipped, doc_id)
    if suffix in PDF_SUFFIXES:
        return _read_pdf_file(path, data, doc_id)
    if suffix in DOCX_SUFFIXES:
        return _read_docx_file(path, data, doc_id)
    return _read_text_file(path, data, doc_id)


# ---------------------------------------------------------------------- folders
def _dir_key(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _encloses(outer: str, inner: str) -> bool:
    """Whether real path ``outer`` is ``inner`` or one of its ancestors."""
    return inner == outer or inner.startswith(outer.rstrip(os.sep) + os.sep)


def _outside(path: Path, real_root: str, skipped: list[Skipped]) -> bool:
    """Whether ``path`` leads outside ``real_root`` (then it is noted in ``skipped``)."""
    real = os.path.realpath(path)
    if _encloses(real_root, real):
        return False
    skipped.append(Skipped(str(path), f"symbolic link to {real}, outside the input folder "
                                      "(not followed; give it as a path to read it)"))
    return True


def _unsupported(here: Path, name: str, skipped: list[Skipped]) -> bool:
    """Whether file ``name`` in ``here`` is of a type not read (then noted in ``skipped``)."""
    suffix = Path(name).suffix.lower()
    if suffix in SUPPORTED_SUFFIXES:
        return False
    skipped.append(Skipped(str(here / name), f"{UNSUPPORTED_REASON} ({suffix or 'no extension'})"))
    return True


def _walk(root: Path, skipped: list[Skipped], visited: dict[tuple[int, int], str]
          ) -> Iterator[Path]:
    """Supported files below ``root`` in sorted order, each folder once.

    Symbolic links are followed inside ``root``; a link that leads outside it,
    or to a folder already walked (a loop, or a second way into the same
    folder), is reported in ``skipped`` and not followed. Files of other types
    are reported as "not a supported type"; hidden files are ignored.
    """
    key = _dir_key(str(root))
    if key is not None:
        if key in visited:
            skipped.append(Skipped(str(root), f"folder already read as {visited[key]}"))
            return
        visited[key] = str(root)
    real_root = os.path.realpath(root)
    ignored = 0

    def onerror(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        skipped.append(Skipped(str(where), f"unreadable folder ({exc.strerror or exc})"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=True):
        here = Path(dirpath)
        real_here = os.path.realpath(here)
        keep: list[str] = []
        for name in sorted(dirnames):
            if name.startswith("."):
                ignored += 1
                continue
            sub = here / name
            sub_key = _dir_key(str(sub))
            if sub_key is None:
                skipped.append(Skipped(str(sub), "unreadable folder"))
                continue
            real_sub = os.path.realpath(sub)
            if _encloses(real_sub, real_here):
                target = os.readlink(sub) if sub.is_symlink() else real_sub
                skipped.append(Skipped(str(sub), f"symlink loop (links to {target}, "
                                                  "a folder that encloses it)"))
            elif _outside(sub, real_root, skipped):
                continue
            elif sub_key in visited:
                skipped.append(Skipped(str(sub), f"folder already read as {visited[sub_key]}"))
            else:
                visited[sub_key] = str(sub)
                keep.append(name)
        dirnames[:] = keep
        for name in sorted(filenames):
            if name.startswith(".") or name in OWN_FILES:
                ignored += 1
            elif not _unsupported(here, name, skipped) and not _outside(here / name, real_root,
                                                                           skipped):
                yield here / name
    if ignored:
        log.debug("%s: ignored %d hidden files and folders", root, ignored)


# ---------------------------------------------------------------------- entry point
def _document_id(file: Path, root: Path, taken: dict[str, str]) -> str:
    """A stable id for ``file``: its path relative to the folder given (``/`` separated),
    or its name when it was given itself; however the path was typed, a graph built
    on another machine gives the same ids. A second file with the same id (two folders
    holding ``a.txt``) is told apart by the name of its folder, then by its path.

    Examples
    --------
    >>> taken = {}
    >>> _document_id(Path("/data/news/en/a.txt"), Path("/data/news"), taken)
    'en/a.txt'
    >>> _document_id(Path("other/en/a.txt"), Path("other"), taken)
    'other/en/a.txt'
    """
    real = os.path.realpath(file)
    relative = Path(os.path.relpath(file, root)).as_posix() if file != root else file.name
    candidates = (relative, f"{Path(os.path.abspath(root)).name}/{relative}", file.as_posix())
    for candidate in candidates:
        if taken.setdefault(candidate, real) == real:
            return candidate
    return file.as_posix()


def _doc_sort_key(item: tuple[str, int, Document]) -> tuple[str, int]:
    return item[0], item[1]


def read_inputs(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *,
                max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read every supported file in ``paths``; anything unusable goes to ``skipped``.

    Parameters
    ----------
    paths : iterable of str or Path
        Files and folders (folders are read recursively). A single path is
        accepted too.
    max_bytes : int
        Files larger than this are skipped.

    Returns
    -------
    ReadResult
        ``documents`` sorted by path (then line, for JSON Lines files) and
        ``skipped`` inputs with a one-line reason each, sorted by path. Never
        raises for bad input: an empty ``documents`` list means nothing was
        readable.

    Raises
    ------
    InputError
        ``max_bytes`` is not a positive number.

    Examples
    --------
    >>> read_inputs(["no/such/file.txt"]).skipped
    [Skipped(path='no/such/file.txt', reason='no such file or folder')]
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    if max_bytes < 1:
        raise InputError(f"max_bytes must be at least 1, not {max_bytes}")
    found: list[tuple[str, int, Document]] = []
    skipped: list[Skipped] = []
    seen_files: dict[tuple[int, int], str] = {}
    visited_dirs: dict[tuple[int, int], str] = {}
    ids: dict[str, str] = {}
    for given in paths:
        root = Path(given)
        if os.path.isdir(root):
            files: Iterable[Path] = _walk(root, skipped, visited_dirs)
        elif not os.path.lexists(root):
            skipped.append(Skipped(str(given), "no such file or folder"))
            continue
        elif root.suffix.lower() not in SUPPORTED_SUFFIXES:
            kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
            skipped.append(Skipped(
                str(root), f"unsupported file type {root.suffix or '(none)'!r} "
                           f"(supported: {kinds})"))
            continue
        else:
            files = [root]
        for file in files:
            doc_id = _document_id(file, root, ids)
            try:
                docs = _read_file(file, max_bytes, skipped, seen_files, doc_id)
            except _Skip as exc:
                skipped.append(Skipped(str(file), exc.reason))
                continue
            found.extend((str(file), i, doc) for i, doc in enumerate(docs))
    found.sort(key=_doc_sort_key)
    skipped.sort(key=lambda s: s.path)
    return ReadResult(documents=[doc for _, _, doc in found], skipped=skipped)
