"""Row identifiers made offline: UUIDv7 (RFC 9562), time-ordered so new rows land at the end of the index.

Within one process the ids are strictly increasing (RFC 9562 §6.2 method 1: a 12-bit counter in `rand_a`,
borrowing the next millisecond on overflow), so rows created in one call sort in creation order.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last = (-1, 0)  # (ms, counter) of the previous id


def uuid7(ms: int | None = None) -> str:
    """A UUIDv7 string: 48-bit Unix milliseconds, version 7, 12-bit counter, 62 random bits."""
    global _last
    if ms is None:
        ms = time.time_ns() // 1_000_000
    with _lock:
        last_ms, counter = _last
        if ms > last_ms:
            counter = int.from_bytes(os.urandom(2), "big") & 0x3FF  # random start, room to count up
        else:
            ms, counter = last_ms, counter + 1
            if counter > 0xFFF:
                ms, counter = last_ms + 1, 0
        _last = (ms, counter)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


def uuid7_time_ms(value: str) -> int:
    return uuid.UUID(value).int >> 80


_NATURAL = uuid.UUID("0b6f4a7e-2d1c-5e8f-9a3b-6c7d8e9f0a1b")  # FieldSafe rows named by what they are about


def natural_id(table: str, *key: str) -> str:
    """The id of the one row a natural key names (an item's verdict in a visit, an answer to one question): made the
    same on every laptop, so two laptops giving the first verdict write one row and their values meet as a
    conflict (app/models/fold.py, class B) instead of living on as two rows."""
    return str(uuid.uuid5(_NATURAL, "\x1f".join((table, *key))))
