"""kg's spaCy components: one phenomenon each, in pipeline order.

Importing this package registers the factories (``@Language.factory``);
:func:`add_kg_pipes` adds them to a pipeline. Every component is configured with
the pipeline's language (``lang``), which selects its rules in ``kg/data/LANG/``.

=====================  ==========================  ==========================================
component              module                      sets
=====================  ==========================  ==========================================
kg_line_sentences      :mod:`kg.pipes.markers`     a sentence start after each line break, none mid-line after a word
kg_title_marker        :mod:`kg.pipes.markers`     ``doc.spans["kg_title"]``
kg_org_marker          :mod:`kg.pipes.markers`     ``doc.spans["kg_org"]``
kg_country_marker      :mod:`kg.pipes.markers`     ``doc.spans["kg_country"]``
kg_trigger_marker      :mod:`kg.pipes.markers`     ``doc.spans["kg_trigger"]``
kg_word_marker         :mod:`kg.pipes.markers`     ``doc.spans["kg_word"]``
kg_officials           :mod:`kg.pipes.officials`   ``doc._.kg_officials``, ``doc._.kg_byline``,
                                                   ``doc.spans["kg_official"]``
kg_people              :mod:`kg.pipes.people`      ``doc._.kg_people``
kg_orgs                :mod:`kg.pipes.organisations`  ``doc._.kg_orgs``
kg_frames              :mod:`kg.pipes.frames`      ``doc._.kg_frames``
kg_meetings            :mod:`kg.pipes.meetings`    ``meeting`` in ``doc._.kg_relations``
kg_attendance          :mod:`kg.pipes.attendance`  ``attended`` in ``doc._.kg_relations``,
                                                   ``doc._.kg_sessions``
kg_co_appearance       :mod:`kg.pipes.co_appearance`  ``co_appearance`` relations
kg_co_attendance       :mod:`kg.pipes.co_attendance`  ``meeting`` at a forum both attended
kg_affiliations        :mod:`kg.pipes.affiliations`   ``affiliated`` relations
=====================  ==========================  ==========================================

:func:`kg.extract.extract_document` reads these annotations into a
:class:`kg.records.DocExtraction`.
"""

from __future__ import annotations

from typing import Any

from kg.pipes import (  # noqa: F401  (importing a module registers its factories)
    affiliations, attendance, co_appearance, co_attendance, frames, markers, meetings,
    officials, organisations, people,
)
from kg.pipes.view import register_extensions

#: the components kg adds after a language's own pipeline, in order
MARKER_PIPES = ("kg_title_marker", "kg_org_marker", "kg_country_marker", "kg_trigger_marker",
                "kg_word_marker")
EXTRACTION_PIPES = ("kg_officials", "kg_people", "kg_orgs", "kg_frames", "kg_meetings",
                    "kg_attendance", "kg_co_appearance", "kg_co_attendance", "kg_affiliations")

__all__ = ["EXTRACTION_PIPES", "MARKER_PIPES", "add_kg_pipes"]


def add_kg_pipes(nlp: Any, lang: str, *, extraction: bool = True) -> Any:
    """Add kg's components to ``nlp`` (after its own), configured for ``lang``.

    ``extraction=False`` adds only the sentence splitter and the markers.

    >>> import spacy
    >>> nlp = add_kg_pipes(spacy.blank("en"), "en")
    >>> nlp.pipe_names[:2], nlp.pipe_names[-1]
    (['kg_line_sentences', 'kg_title_marker'], 'kg_affiliations')
    """
    register_extensions()
    nlp.add_pipe("kg_line_sentences", last=True)
    for name in MARKER_PIPES + (EXTRACTION_PIPES if extraction else ()):
        nlp.add_pipe(name, config={"lang": lang}, last=True)
    return nlp
