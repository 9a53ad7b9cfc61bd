"""Hybrid logical clock: every change entry gets a stamp that is unique on this device and never goes back.

A stamp is a 64-bit integer: the high 48 bits are wall-clock milliseconds, the low 16 bits a counter. Comparing
stamps as integers orders events; `receive` moves the clock past stamps seen in imported data, so a local edit made
after an import always sorts after what was imported, even when this laptop's clock is behind.
"""

from __future__ import annotations

import time
from collections.abc import Callable

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1


def pack(ms: int, counter: int) -> int:
    return (ms << COUNTER_BITS) | counter


def unpack(stamp: int) -> tuple[int, int]:
    return stamp >> COUNTER_BITS, stamp & COUNTER_MASK


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridLogicalClock:
    def __init__(self, last: int = 0, now: Callable[[], int] = wall_ms) -> None:
        self.last = last
        self.wall = now  # the wall clock in ms; replaceable (a test sets a laptop whose clock is wrong)

    def tick(self) -> int:
        """A new stamp for a local event, greater than every stamp issued or received before."""
        last_ms, counter = unpack(self.last)
        now_ms = self.wall()
        if now_ms > last_ms:
            self.last = pack(now_ms, 0)
        elif counter < COUNTER_MASK:
            self.last = pack(last_ms, counter + 1)
        else:
            # 65,536 events in one millisecond: borrow the next millisecond rather than wrap.
            self.last = pack(last_ms + 1, 0)
        return self.last

    def receive(self, remote: int, max_ahead_ms: int | None = None) -> int:
        """Merge a stamp seen in imported data; the clock is never behind it afterwards — except that with
        `max_ahead_ms` it never moves further ahead of the wall clock than that, so one bundle from a machine whose
        clock reads 2099 cannot drag this one there (its entries then win against later local edits until the wall
        clock catches up; a person accepted that when importing them)."""
        if max_ahead_ms is not None:
            remote = min(remote, pack(self.wall() + max_ahead_ms, 0))
        if remote > self.last:
            self.last = remote
        return self.tick()

    def now_ms(self) -> int:
        return self.wall()

    def is_far_future(self, stamp: int, max_ahead_ms: int) -> bool:
        """Stamps further ahead of this machine's wall clock than allowed come from a wrong clock."""
        return unpack(stamp)[0] > self.wall() + max_ahead_ms
