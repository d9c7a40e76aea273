"""A realistic messy input folder: the seed articles plus every kind of bad input.

Used by the document reader tests and by end-to-end tests that build a graph
from it. Everything is generated (seeded randomness), nothing is downloaded.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

__all__ = [
    "EXPECTED_SKIPS",
    "HTML_TITLE",
    "HTML_VISIBLE",
    "JSONL_TEXT",
    "LATIN1_SENTENCE",
    "MESSY_MAX_BYTES",
    "SCRIPT_TEXT",
    "SEEDS",
    "UTF16_SENTENCE",
    "make_messy_corpus",
]

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

#: The ``max_bytes`` to read the corpus with: ``big.txt`` is over it, the rest under.
MESSY_MAX_BYTES = 200_000

LATIN1_SENTENCE = (
    "Defense Minister José Álvarez met U.S. Defense Secretary Pete Hegseth in Seoul."
)
UTF16_SENTENCE = (
    "Indonesian Defense Minister Sjafrie Sjamsoeddin met Japanese Defense Minister "
    "Gen Nakatani in Jakarta on Tuesday."
)
HTML_TITLE = "Marles & Teodoro meet in Manila"
HTML_VISIBLE = (
    "Australian Deputy Prime Minister Richard Marles met Philippine Defense Secretary "
    "Gilberto Teodoro in Manila on Friday."
)
SCRIPT_TEXT = "Secretary Scripty McScriptface"
JSONL_TEXT = "South Korean Defense Minister Ahn Gyu-back met Pete Hegseth at the Pentagon."

#: Relative path below the corpus -> the start of its skip reason.
EXPECTED_SKIPS = {
    "empty.txt": "empty file",
    "blank.md": "empty (whitespace only)",
    "noise.txt": "binary file",
    "feed.jsonl": "line 2: not valid JSON",
    "nested/loop": "symlink loop",
    "big.txt": "too large",
    "scripts-only.html": "no visible text",
    "photo.png": "not a supported type (.png)",
}


def make_messy_corpus(tmp_path: Path, *, max_bytes: int = MESSY_MAX_BYTES) -> Path:
    """Create ``tmp_path / "messy"`` and return it.

    It holds the five seed articles (under ``news/``, names unchanged) and:
    an empty file, a whitespace-only file, random bytes, a UTF-16 file with a
    BOM, a Latin-1 file with Windows newlines, an HTML page with a script, a
    style and entities, a page with no visible text, a JSON Lines file with one
    good and one broken line, a symlink loop (``nested/loop -> ..``), a text
    file larger than ``max_bytes``, and an image (not a supported type, skipped).

    Parameters
    ----------
    tmp_path : Path
        A fresh temporary folder (pytest's ``tmp_path``).
    max_bytes : int
        ``big.txt`` is made larger than this.
    """
    root = tmp_path / "messy"
    news = root / "news"
    news.mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(seed, news / seed.name)

    (root / "empty.txt").write_bytes(b"")
    (root / "blank.md").write_bytes(b"  \n\t\r\n   \n")
    (root / "noise.txt").write_bytes(random.Random(8).randbytes(4096))
    (root / "utf16.txt").write_text(UTF16_SENTENCE + "\n", encoding="utf-16")
    (root / "latin1.txt").write_bytes(
        (f"Seoul talks\r\n{LATIN1_SENTENCE}\r\nThe ministers discussed the alliance.\r\n")
        .encode("latin-1")
    )
    (root / "page.html").write_text(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        "<title>Marles &amp; Teodoro meet in Manila</title>"
        "<style>p { color: red; }</style>"
        f"<script>document.write('<p>{SCRIPT_TEXT}</p>');</script></head>\n"
        "<body><nav><a href=\"/\">Home</a></nav>\n<article><h1>Talks&nbsp;in Manila</h1>\n"
        "<p>Australian Deputy Prime Minister   Richard Marles met\n Philippine Defense "
        "Secretary Gilberto Teodoro in Manila on Friday.</p>"
        f"<noscript>{SCRIPT_TEXT}</noscript></article></body></html>\n",
        encoding="utf-8",
    )
    (root / "scripts-only.html").write_text(
        f"<html><head><title>Nothing</title></head><body><script>{SCRIPT_TEXT}</script>"
        "</body></html>", encoding="utf-8",
    )
    good = {"id": "good-1", "title": "Ahn at the Pentagon", "date": "2025-11-04",
            "url": "https://example.invalid/a", "lang": "en", "text": JSONL_TEXT}
    (root / "feed.jsonl").write_text(
        json.dumps(good, ensure_ascii=False) + "\n" + '{"id": "bad-2", "text": "unterminated\n',
        encoding="utf-8",
    )
    nested = root / "nested"
    nested.mkdir()
    (nested / "loop").symlink_to("..", target_is_directory=True)
    line = "Filler sentence about nothing in particular, repeated to make a big file.\n"
    (root / "big.txt").write_text(line * (max_bytes // len(line) + 2), encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return root
