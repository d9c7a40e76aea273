"""One ``Doc`` processed by kg's components -> one :class:`kg.records.DocExtraction`.

The rules live in the spaCy components of :mod:`kg.pipes` (one phenomenon each);
this module only reads what they left on the ``Doc``: the people
(``doc._.kg_people``), agencies and forums (``doc._.kg_orgs``), the relations
(``doc._.kg_relations``) and the byline (``doc._.kg_byline``), plus the title and
date the text gives when the input did not.
"""

from __future__ import annotations

from typing import Any

from kg.errors import KGError
from kg.meta import find_date, find_title
from kg.records import DocExtraction, Entity, Mention

__all__ = ["extract_document"]


def _full_name(cl: Any) -> str:
    """The name a person's record shows: the full form written most often."""
    from kg.pipes.view import name_parts

    fulls = [a for a in cl.aliases if len(name_parts(a)) >= 2]
    if not fulls:
        return cl.name
    return max(fulls, key=lambda a: (cl.aliases[a], not a.isupper(), len(a)))


def _to_entity(doc: Any, cl: Any) -> Entity:
    mentions = [
        Mention(text=doc[s:e].text, start=doc[s].idx, end=doc[e - 1].idx + len(doc[e - 1]),
                sentence=sent)
        for s, e, sent in cl.mentions
    ]
    name = _full_name(cl) if cl.type in ("official", "person") else cl.name
    return Entity(
        id=cl.id, type=cl.type, name=name, key=cl.key,
        aliases=sorted(cl.aliases), role=cl.role, role_text=cl.role_text,
        category=cl.category, country=cl.country, former=cl.former,
        ordinals=cl.ordinals, mentions=mentions,
    )


def extract_document(doc: Any, *, doc_id: str, lang: str, title: str | None = None,
                     date: str | None = None, notes: list[str] | None = None) -> DocExtraction:
    """The record of a ``Doc`` processed by a pipeline with kg's components.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        Processed by :func:`kg.nlp.load_pipeline` (or a pipeline given
        :func:`kg.pipes.add_kg_pipes`).
    doc_id, lang : str
        Document id (kept on every record) and its language ("en" / "id" / "unknown").
    title, date : str, optional
        Metadata given with the input; otherwise found in the text.

    Raises
    ------
    KGError
        If ``doc`` was not processed by kg's components.
    """
    from kg.pipes.view import ordered_relations

    if not doc.has_extension("kg_people") or doc._.kg_people is None \
            or doc._.kg_orgs is None:
        raise KGError("the document was not processed by kg's spaCy components "
                      "(kg.nlp.load_pipeline or kg.pipes.add_kg_pipes)")
    text = doc.text
    entities = [_to_entity(doc, c) for c in doc._.kg_people + doc._.kg_orgs]
    return DocExtraction(
        doc_id=doc_id, lang=lang, title=title or find_title(text),
        date=date or find_date(text), byline=list(doc._.kg_byline or []), entities=entities,
        relations=ordered_relations(doc), notes=list(notes or []), n_chars=len(text),
        n_words=sum(1 for t in doc if not t.is_space and not t.is_punct),
    )
