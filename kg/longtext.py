"""Long texts read in pieces: split where the text allows, extract each, merge the records.

spaCy refuses texts over ``nlp.max_length`` characters (one million by
default), and its memory grows with the length of a document (about 3 GB for
a one-million-character line with the English model), while extraction time
grows faster than the length. A text longer than :data:`PIECE_CHARS` is
therefore cut into consecutive pieces of at most that many characters, at a
paragraph break when there is one in the second half of the window, else at
a line break, a sentence end, a space, and only as a last resort anywhere.
Each piece goes through the pipeline and the extraction on its own (one at a
time, so memory stays bounded), and :func:`merge_pieces` joins the records
into one :class:`DocExtraction` whose character offsets are those of the
whole text. What a piece boundary costs: a surname mentioned in one piece is
joined to a full name only inside its piece (resolution across documents
usually joins them again), and no relation crosses the boundary.

>>> [(start, len(piece)) for start, piece in split_text("a b\\n\\nc d e f", 8)]
[(0, 5), (5, 7)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kg.records import DocExtraction, Mention, Relation

__all__ = ["PIECE_CHARS", "merge_pieces", "split_text"]

#: Longest text read in one piece (a tenth of spaCy's default ``max_length``).
PIECE_CHARS = 100_000

#: Where to cut, best first: paragraph break, line break, sentence end, space.
_BREAKS = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"),
           re.compile(r"\s+"))


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece that starts at ``start`` ends (at most ``limit`` characters on)."""
    end = start + limit
    if end >= len(text):
        return len(text)
    window = text[start:end]
    for pattern in _BREAKS:
        matches = list(pattern.finditer(window, limit // 2))
        if matches:
            return start + matches[-1].end()
    return end


def split_text(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """``text`` as consecutive pieces of at most ``limit`` characters, with their offsets.

    The pieces joined give ``text`` back exactly; a text within the limit is one piece.

    Parameters
    ----------
    text : str
        The whole document text.
    limit : int
        Longest piece, in characters (at least 2).

    Returns
    -------
    list of (int, str)
        Each piece's start offset in ``text`` and the piece.

    Examples
    --------
    >>> split_text("short")
    [(0, 'short')]
    >>> [p for _, p in split_text("One. Two. Three.", 10)]
    ['One. Two. ', 'Three.']
    """
    if limit < 2:
        raise ValueError("limit must be at least 2")
    pieces, start = [], 0
    while start < len(text) or not pieces:
        end = _cut(text, start, limit)
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _shift(ex: DocExtraction, k: int, offset: int, sentences: int) -> DocExtraction:
    """Piece ``k``'s record with ids made unique and offsets made those of the whole text."""
    prefix = f"p{k}." if k else ""
    entities = [replace(e, id=prefix + e.id, mentions=[
        Mention(m.text, m.start + offset, m.end + offset, m.sentence + sentences)
        for m in e.mentions]) for e in ex.entities]
    relations = [Relation(r.kind, prefix + r.source, prefix + r.target, r.sentence,
                          r.start + offset, r.end + offset, r.trigger) for r in ex.relations]
    return replace(ex, entities=entities, relations=relations)


def merge_pieces(parts: Sequence[tuple[int, int, DocExtraction]], n_chars: int) -> DocExtraction:
    """One record for a text read in pieces.

    Parameters
    ----------
    parts : sequence of (int, int, DocExtraction)
        Each piece's start offset, its number of sentences and its record, in
        text order.
    n_chars : int
        Length of the whole text.

    Returns
    -------
    DocExtraction
        Entities and relations of every piece (ids of later pieces prefixed
        ``p1.``, ``p2.`` ...; offsets in the whole text), the title and byline
        of the first piece, the first date any piece states, and a note.
    """
    first = parts[0][2]
    merged = replace(first, entities=[], relations=[], n_chars=n_chars, n_words=0)
    sentences = 0
    for k, (offset, n_sents, ex) in enumerate(parts):
        shifted = _shift(ex, k, offset, sentences)
        merged.entities.extend(shifted.entities)
        merged.relations.extend(shifted.relations)
        merged.n_words += ex.n_words
        merged.date = merged.date or ex.date
        sentences += n_sents
    merged.notes = [*first.notes, f"long text ({n_chars} characters) read in {len(parts)} pieces"]
    return merged
