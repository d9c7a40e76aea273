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
