from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi_desktop.domain.hlc import Clock, Stamp


def test_stamps_increase_even_when_the_wall_clock_goes_back() -> None:
    walls = iter([1000, 1000, 900, 900, 2000])
    clock = Clock("node-a", wall=lambda: next(walls))
    stamps = [clock.now() for _ in range(5)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 5


def test_observe_moves_past_a_remote_stamp() -> None:
    clock = Clock("node-a", wall=lambda: 1000)
    clock.observe(str(Stamp(5000, 3, "node-b")))
    assert clock.now() > str(Stamp(5000, 3, "node-b"))


def test_clock_resumes_from_its_persisted_last_stamp() -> None:
    clock = Clock("node-a", last=str(Stamp(9_000_000, 7, "node-a")), wall=lambda: 10)
    assert Stamp.parse(clock.now()) == Stamp(9_000_000, 8, "node-a")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**12), st.integers(0, 99999),
                          st.sampled_from(["a", "b", "c-long-node-id"])), min_size=2, max_size=8))
def test_string_order_is_the_merge_order(stamps: list[tuple[int, int, str]]) -> None:
    as_text = sorted(str(Stamp(*s)) for s in stamps)
    as_tuple = [str(Stamp(*s)) for s in sorted(stamps)]
    assert as_text == as_tuple
    assert all(Stamp.parse(t) == Stamp(*s) for t, s in zip(as_tuple, sorted(stamps)))


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e"]),
                       st.sampled_from([str(Stamp(1, 0, "n1")), str(Stamp(2, 0, "n2")),
                                        str(Stamp(2, 1, "n1"))]), min_size=1))
def test_packed_clocks_unpack_to_the_same_stamps(clocks: dict[str, str]) -> None:
    import json

    from fazhi_desktop.domain.hlc import pack_clocks, unpack_clocks

    fields = sorted(clocks)
    text = json.dumps(clocks)
    assert json.loads(unpack_clocks(pack_clocks(text, fields), fields)) == clocks
    # a dict that does not cover the fields exactly is stored as it is
    assert pack_clocks(text, fields + ["zz"]) == text
