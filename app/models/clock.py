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
MAX_DRIFT_MS = 24 * 3600 * 1000


def pack(ms: int, counter: int) -> int:
    return (ms << COUNTER_BITS) | counter


def unpack(stamp: int) -> tuple[int, int]:
    return stamp >> COUNTER_BITS, stamp & COUNTER_MASK


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridLogicalClock:
    def __init__(self, last: int = 0, now: Callable[[], int] = wall_ms) -> None:
        self.last = last
        self._now = now

    def tick(self) -> int:
        """A new stamp for a local event, greater than every stamp issued or received before."""
        last_ms, counter = unpack(self.last)
        now_ms = self._now()
        if now_ms > last_ms:
            self.last = pack(now_ms, 0)
        elif counter < COUNTER_MASK:
            self.last = pack(last_ms, counter + 1)
        else:
            # 65,536 events in one millisecond: borrow the next millisecond rather than wrap.
            self.last = pack(last_ms + 1, 0)
        return self.last

    def receive(self, remote: int) -> int:
        """Merge a stamp seen in imported data; the clock is never behind it afterwards."""
        if remote > self.last:
            self.last = remote
        return self.tick()

    def is_far_future(self, stamp: int) -> bool:
        """Stamps more than a day ahead of this machine's wall clock come from a wrong clock and get flagged."""
        return unpack(stamp)[0] > self._now() + MAX_DRIFT_MS
