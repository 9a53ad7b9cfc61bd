from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.models.store import ChangeEntry
from app.sync.entries import entries_after, from_line, to_line

ROW = "01932a6e-5b1c-7a01-9d2e-3f4a5b6c7d8e"
devices = st.text("0123456789abcdef", min_size=16, max_size=16)
stamps = st.integers(1, 2**63 - 1)
values = st.none() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False) | st.text()


@given(stamps, devices, st.text(max_size=10), values, st.lists(st.tuples(stamps, devices), max_size=3))
def test_wire_form_round_trips_and_is_canonical(hlc, device, author, value, pred):
    entry = ChangeEntry(hlc, device, author, "hazard", ROW, "description", value, tuple(pred))
    line = to_line(entry)
    assert "\n" not in line
    assert from_line(line) == entry
    assert to_line(from_line(line)) == line


GOOD = {"hlc": 5, "device": "0123456789abcdef", "author": "甲", "table": "hazard", "row": ROW,
        "col": "description", "value": "x", "pred": []}


@pytest.mark.parametrize("change, reason", [
    ({"hlc": 0}, "stamp"), ({"hlc": 2**63}, "stamp"), ({"hlc": 2**64}, "stamp"), ({"hlc": 1.5}, "stamp"),
    ({"hlc": True}, "stamp"), ({"hlc": "5"}, "stamp"), ({"device": "../../etc"}, "device"),
    ({"device": "0123456789ABCDEF"}, "device"), ({"row": "row-1"}, "row id"), ({"value": [1, 2]}, "value"),
    ({"value": {"a": 1}}, "value"), ({"value": True}, "value"), ({"author": "x" * 201}, "author"),
    ({"pred": [[5]]}, "pred"), ({"pred": [[1.0, "0123456789abcdef"]]}, "pred"), ({"extra": 1}, "extra"),
])
def test_a_line_that_is_not_a_well_formed_entry_is_refused_with_the_reason(change, reason):
    line = json.dumps({**GOOD, **change})
    with pytest.raises(ValueError, match=reason):
        from_line(line)


@pytest.mark.parametrize("line", ['{"hlc": NaN}', '{"value": Infinity}', "[" * 100_000 + "]" * 100_000, "[]"])
def test_nan_and_deep_nesting_are_refused_as_bad_lines(line):
    with pytest.raises(ValueError):
        from_line(line)


def test_entries_after_a_watermark_come_in_stamp_order(ws):
    first = ws.store.insert("org_unit", {"level": "township", "name": "甲镇"})
    mark = ws.clock.last
    ws.store.update("org_unit", first, {"name": "乙镇"})
    later = list(entries_after(ws.db.conn, ws.device.id, mark))
    assert [(e.column, e.value) for e in later] == [("name", "乙镇")]
    everything = list(entries_after(ws.db.conn))
    assert [e.hlc for e in everything] == sorted(e.hlc for e in everything)
