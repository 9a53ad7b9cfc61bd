from __future__ import annotations

import uuid

from app.models.ids import uuid7, uuid7_time_ms


def test_ids_are_version_7_and_strictly_increasing_within_a_process():
    ids = [uuid7() for _ in range(10_000)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    parsed = uuid.UUID(ids[0])
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122


def test_the_timestamp_is_readable_back():
    assert uuid7_time_ms(uuid7(ms=1_700_000_000_000 + 10**9)) >= 1_700_000_000_000 + 10**9
