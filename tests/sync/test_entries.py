from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.models.store import ChangeEntry
from app.sync.entries import entries_after, from_line, to_line

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@given(
    st.integers(0, 2**63 - 1),
    st.text(min_size=1, max_size=16),
    st.text(max_size=10),
    json_values,
    st.lists(st.tuples(st.integers(0, 2**63 - 1), st.text(min_size=1, max_size=16)), max_size=3),
)
def test_wire_form_round_trips_and_is_canonical(hlc, device, author, value, pred):
    entry = ChangeEntry(hlc, device, author, "hazard", "row-1", "description", value, tuple(pred))
    line = to_line(entry)
    assert "\n" not in line
    assert from_line(line) == entry
    assert to_line(from_line(line)) == line


def test_entries_after_a_watermark_come_in_stamp_order(ws):
    first = ws.store.insert("org_unit", {"level": "township", "name": "甲镇"})
    mark = ws.clock.last
    ws.store.update("org_unit", first, {"name": "乙镇"})
    later = list(entries_after(ws.db.conn, ws.device.id, mark))
    assert [(e.column, e.value) for e in later] == [("name", "乙镇")]
    everything = list(entries_after(ws.db.conn))
    assert [e.hlc for e in everything] == sorted(e.hlc for e in everything)
