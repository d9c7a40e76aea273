"""Per-document extraction records: plain dataclasses, JSON-serialisable, cacheable.

These are what spaCy processing produces and what entity resolution consumes;
nothing downstream of them imports spaCy. The classes have ``__slots__`` (no
per-object ``__dict__``): a record's mentions and entities take about a third of
the memory (they pickle, copy and ``replace`` as before).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["SCHEMA_VERSION", "DocExtraction", "Entity", "Mention", "Relation"]

#: Bumped whenever the shape or the meaning of these records changes (invalidates caches).
SCHEMA_VERSION = 1


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity: surface text and character offsets in the document."""

    text: str
    start: int
    end: int
    sentence: int


@dataclass(slots=True)
class Entity:
    """An entity as one document sees it (all its mentions resolved within the document).

    ``type`` is ``official``, ``agency``, ``forum`` or ``person`` (a name the document
    gives no office; it becomes an official only if another document gives it one).
    ``key`` is the gazetteer id for known agencies and forums ("kr-mnd"), else empty.
    """

    id: str
    type: str
    name: str
    key: str = ""
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    role_text: str | None = None
    category: str | None = None
    country: str | None = None
    former: bool = False
    ordinals: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        data = dict(data)
        data["mentions"] = [Mention(**m) for m in data.get("mentions", [])]
        return cls(**data)


@dataclass(slots=True)
class Relation:
    """A typed link between two entities of the same document, with its evidence sentence."""

    kind: str
    source: str
    target: str
    sentence: str
    start: int
    end: int
    trigger: str | None = None


@dataclass(slots=True, weakref_slot=True)
class DocExtraction:
    """Everything extracted from one document."""

    doc_id: str
    lang: str
    title: str | None = None
    date: str | None = None
    byline: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    n_chars: int = 0
    n_words: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocExtraction:
        data = dict(data)
        data["entities"] = [Entity.from_dict(e) for e in data.get("entities", [])]
        data["relations"] = [Relation(**r) for r in data.get("relations", [])]
        return cls(**data)
