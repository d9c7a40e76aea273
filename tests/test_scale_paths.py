"""The paths that keep resolution and graph building near-linear at archive scale
(benchmarks/bench_scale.py): behaviour only, never timing."""

from __future__ import annotations

import gc
import weakref

from kg.store import no_gc


class _Cell:
    """A container a cycle can be made of (and a weak reference taken to)."""

    def __init__(self) -> None:
        self.other: _Cell | None = None


def test_no_gc_restores_the_collector_and_leaves_nothing_frozen():
    was = gc.isenabled()
    gc.enable()
    try:
        with no_gc():
            assert not gc.isenabled()
            made = [[i] for i in range(2000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0
        assert gc.get_count()[0] < 2000  # the block's objects are not the youngest
        assert len(made) == 2000
    finally:
        if not was:
            gc.disable()


def test_a_cycle_made_in_a_no_gc_block_is_still_collected():
    with no_gc():
        a, b = _Cell(), _Cell()
        a.other, b.other = b, a
        gone = weakref.ref(a)
    del a, b
    gc.collect()
    assert gone() is None


def test_nested_no_gc_blocks_keep_the_collector_off_until_the_outer_one_ends():
    was = gc.isenabled()
    gc.enable()
    try:
        with no_gc():
            with no_gc():
                pass
            assert not gc.isenabled()
        assert gc.isenabled()
    finally:
        if not was:
            gc.disable()


def _official(doc: str, ent: str, name: str, country: str | None = "KR", **kw):
    from kg.records import Entity, Mention

    return Entity(ent, "official", name, role="Defense Minister", category="defense",
                  country=country, mentions=[Mention(name, 0, len(name), 0)], **kw)


def test_a_node_with_one_name_form_is_labelled_by_it():
    from kg.resolve import _compact, _label, _Node, _Strings

    one = _Strings()
    node = _Node("official", [_compact("d1", _official("d1", "e1", "Kim"), one),
                              _compact("d2", _official("d2", "e1", "Kim"), one)])
    assert _label(node) == "Kim"


def test_the_label_is_the_form_most_documents_use_whatever_the_members_order():
    from kg.resolve import _compact, _label, _Node, _Strings

    one = _Strings()
    names = [("d1", "Lee Min-jun"), ("d2", "Lee Minjun"), ("d3", "Lee Minjun"),
             ("d3", "Lee Minjun")]
    members = [_compact(d, _official(d, f"e{k}", n), one) for k, (d, n) in enumerate(names)]
    assert _label(_Node("official", members)) == "Lee Minjun"
    assert _label(_Node("official", members[::-1])) == "Lee Minjun"


def test_the_country_of_a_node_is_the_most_given_one_the_first_of_equals():
    from kg.resolve import _compact, _most_common, _Strings, _tally

    one = _Strings()
    members = [_compact(f"d{k}", _official(f"d{k}", "e1", "Kim", c), one)
               for k, c in enumerate(["US", "KR", None, "KR", "US", "JP"])]
    tally = _tally(members)
    assert tally.countries == {"US": 2, "KR": 2, "JP": 1}
    assert _most_common(tally.countries) == "US"
    assert tally.docs == {f"d{k}" for k in range(6)} and tally.mentions == 6


def test_resolve_still_maps_document_and_entity_ids_to_nodes():
    from kg.records import DocExtraction
    from kg.resolve import resolve

    records = [DocExtraction(f"{k}.txt", "en", entities=[_official(f"{k}.txt", "e1",
                                                                   "Lee Min-jun")])
               for k in range(3)]
    nodes, index = resolve(records)
    assert len(nodes) == 1
    assert index == {(f"{k}.txt", "e1"): 0 for k in range(3)}
