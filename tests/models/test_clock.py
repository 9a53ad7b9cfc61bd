from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.models.clock import COUNTER_MASK, HybridLogicalClock, pack, unpack

stamps = st.integers(min_value=0, max_value=(1 << 63) - 1)
# A script of events: ("tick", wall clock) or ("recv", wall clock, remote stamp). Wall clocks jump both ways.
events = st.lists(
    st.one_of(
        st.tuples(st.just("tick"), st.integers(0, 2**47)),
        st.tuples(st.just("recv"), st.integers(0, 2**47), stamps),
    ),
    max_size=200,
)


@given(events)
def test_stamps_strictly_increase_and_never_fall_behind_a_received_stamp(script):
    wall = [0]
    clock = HybridLogicalClock(0, now=lambda: wall[0])
    previous = -1
    for event in script:
        wall[0] = event[1]
        if event[0] == "tick":
            stamp = clock.tick()
        else:
            stamp = clock.receive(event[2])
            assert stamp > event[2]
        assert stamp > previous
        previous = stamp


@given(st.integers(0, 2**47), st.integers(0, COUNTER_MASK))
def test_pack_round_trips(ms, counter):
    assert unpack(pack(ms, counter)) == (ms, counter)


def test_counter_overflow_borrows_the_next_millisecond():
    clock = HybridLogicalClock(pack(1000, COUNTER_MASK), now=lambda: 1000)
    assert unpack(clock.tick()) == (1001, 0)


def test_wall_clock_moving_forward_resets_the_counter():
    wall = [5]
    clock = HybridLogicalClock(0, now=lambda: wall[0])
    clock.tick()
    clock.tick()
    wall[0] = 9
    assert unpack(clock.tick()) == (9, 0)


def test_far_future_stamps_are_flagged():
    clock = HybridLogicalClock(0, now=lambda: 10_000)
    assert clock.is_far_future(pack(10_000 + 25 * 3600 * 1000, 0), 24 * 3600 * 1000)
    assert not clock.is_far_future(pack(10_000 + 3600 * 1000, 0), 24 * 3600 * 1000)
