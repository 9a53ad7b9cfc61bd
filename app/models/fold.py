"""What a row shows, as a pure function of its change entries (tech.md §1.3, conflict classes A–E).

Every rule here depends only on the set of entries, never on the order they arrived in: that is what makes a merge of
the same bundles in any order give the same database. The same fold serves the merge (app/sync/merge.py) and the
integrity check, so "what the row shows" has one definition.

- A. last writer wins: the entry with the greatest (hlc, device) stamp. It is always a head (an entry that replaced
  another was written after seeing it, so its stamp is greater).
- B. surfaced: the same display rule, but a cell with more than one head (two laptops changed it without seeing each
  other's change) is listed for a person; resolving writes one entry whose `pred` names all heads.
- C. frozen after signing: once a document has a SIGNED status entry, its content columns show what the signer saw;
  content entries the signer did not see (later ones, or another laptop's concurrent ones) are listed, never shown.
- D. monotone: document and inspection status only move forward; the greatest state wins whatever the stamps.
  Hazard status is not monotone in this domain (a failed recheck returns a hazard to OPEN; a verdict changed back
  revives a voided one), so it is class B.
- E. add-only: photos and signatures are rows that are only ever inserted (and tombstoned): class A covers them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

Stamp = tuple[int, str]

MONOTONE: dict[tuple[str, str], tuple[str, ...]] = {
    ("document", "status"): ("DRAFT", "SIGNED", "SERVED", "VOID"),
    ("inspection", "status"): ("IN_PROGRESS", "COMPLETED", "VOID"),
}

SURFACED: dict[str, frozenset[str]] = {
    "item_result": frozenset({"verdict"}),
    "hazard": frozenset({"description", "grade", "deadline", "measure", "status", "enterprise_id", "deleted"}),
    "enterprise": frozenset({"name", "address", "uscc", "merged_into", "deleted"}),
    "inspection_inspector": frozenset({"inspector_id"}),
    "inspector": frozenset({"name", "cert_no"}),
    "number_block": frozenset({"first", "last", "device"}),
    "enrolled_device": frozenset({"revoked", "public_key"}),
    "document": frozenset({"served_on", "served_to", "service_method", "void_reason"}),  # two laptops' records
}

# Everything a signed document carries except its life-cycle fields.
FROZEN_AFTER_SIGNING: dict[str, frozenset[str]] = {
    "document": frozenset({
        "doc_type", "doc_no", "issuer", "year", "serial", "inspection_id", "enterprise_id", "file_sha256",
        "supersedes_id", "created_at",
    }),
}

CONCURRENT = "CONCURRENT"  # class B: more than one head
NOT_IN_SIGNED = "NOT_IN_SIGNED"  # class C: an entry the signed version does not contain
DOUBLE_SIGNED = "DOUBLE_SIGNED"  # class F: signed on two devices (settled by voiding the document)


@dataclass(frozen=True)
class Entry:
    """One change entry of one cell, with value and pred kept as their JSON text until needed."""

    hlc: int
    device: str
    author: str
    value_json: str
    pred_json: str

    @property
    def stamp(self) -> Stamp:
        return (self.hlc, self.device)

    @cached_property
    def value(self) -> Any:
        return json.loads(self.value_json)

    @cached_property
    def pred(self) -> frozenset[Stamp]:
        return frozenset((int(h), str(d)) for h, d in json.loads(self.pred_json))

    def describe(self) -> dict[str, Any]:
        return {"hlc": self.hlc, "device": self.device, "author": self.author, "value": self.value}


@dataclass(frozen=True)
class Finding:
    kind: str
    column: str
    detail: dict[str, Any]


@dataclass
class RowFold:
    values: dict[str, Any] = field(default_factory=dict)  # column -> value as the entries carry it (JSON-decoded)
    findings: list[Finding] = field(default_factory=list)


def group_rows(
    rows: Iterable[tuple[str, str, int, str, str, str, str]],
) -> Iterator[tuple[str, dict[str, list[Entry]]]]:
    """(row_id, col, hlc, device, author, value, pred) tuples ordered by row_id, as (row_id, entries by column)."""
    current: str | None = None
    cells: dict[str, list[Entry]] = defaultdict(list)
    for row_id, col, hlc, device, author, value, pred in rows:
        if row_id != current:
            if current is not None:
                yield current, cells
            current, cells = row_id, defaultdict(list)
        cells[col].append(Entry(hlc, device, author, value, pred))
    if current is not None:
        yield current, cells


def heads(entries: Iterable[Entry]) -> list[Entry]:
    """The entries of one cell that no other entry of it replaced, oldest first."""
    entries = list(entries)
    replaced = {p for e in entries for p in e.pred}
    return sorted((e for e in entries if e.stamp not in replaced), key=lambda e: e.stamp)


def latest(entries: Iterable[Entry]) -> Entry:
    return max(entries, key=lambda e: e.stamp)


def winner(table: str, column: str, entries: Sequence[Entry]) -> Entry:
    order = MONOTONE.get((table, column))
    if order is None:
        return latest(entries)
    rank = {state: i for i, state in enumerate(order)}
    # Unknown states rank lowest, so a value from a newer version never overrides a known later state.
    return max(entries, key=lambda e: (rank.get(e.value, -1), e.stamp))


def fold_row(table: str, cells: Mapping[str, Sequence[Entry]]) -> RowFold:
    result = RowFold()
    frozen_columns = FROZEN_AFTER_SIGNING.get(table, frozenset())
    signing = _signing(cells) if frozen_columns else []
    if len(signing) > 1 and winner(table, "status", cells["status"]).value != "VOID":
        result.findings.append(Finding(DOUBLE_SIGNED, "status", {"entries": [e.describe() for e in signing]}))
    surfaced = SURFACED.get(table, frozenset())
    for column, entries in cells.items():
        if signing and column in frozen_columns:
            shown, unseen = _frozen(column, entries, signing[0])
            result.values[column] = shown.value
            if unseen:
                result.findings.append(Finding(
                    NOT_IN_SIGNED, column, {"signed": shown.describe(), "entries": [e.describe() for e in unseen]},
                ))
            continue
        result.values[column] = winner(table, column, entries).value
        if column in surfaced and len(entries) > 1:
            open_heads = heads(entries)
            if len(open_heads) > 1:
                result.findings.append(Finding(CONCURRENT, column, {"heads": [e.describe() for e in open_heads]}))
    return result


def _signing(cells: Mapping[str, Sequence[Entry]]) -> list[Entry]:
    """The status entries that signed the document, first signature first."""
    return sorted((e for e in cells.get("status", ()) if e.value == "SIGNED"), key=lambda e: e.stamp)


def _frozen(column: str, entries: Sequence[Entry], signed: Entry) -> tuple[Entry, list[Entry]]:
    """The entry the signed version shows for a content column, and the entries it does not contain."""
    before = [e for e in entries if e.stamp < signed.stamp]
    if column == "file_sha256":
        # The signed file is written by the signing device in the signing transaction, just before the status;
        # what the signer saw is exactly that entry and the chain of entries it replaced.
        own = [e for e in before if e.device == signed.device]
        shown = latest(own or before or entries)
        covered = _ancestry(shown, entries)
    else:
        shown = latest(before or entries)
        covered = {e.stamp for e in before}
    return shown, [e for e in entries if e.stamp not in covered and e is not shown]


def _ancestry(entry: Entry, entries: Sequence[Entry]) -> set[Stamp]:
    by_stamp = {e.stamp: e for e in entries}
    seen: set[Stamp] = set()
    todo = [entry.stamp]
    while todo:
        stamp = todo.pop()
        if stamp in seen:
            continue
        seen.add(stamp)
        found = by_stamp.get(stamp)
        if found is not None:
            todo.extend(found.pred)
    return seen


__all__ = [
    "CONCURRENT", "DOUBLE_SIGNED", "FROZEN_AFTER_SIGNING", "MONOTONE", "NOT_IN_SIGNED", "SURFACED", "Entry",
    "Finding", "RowFold", "fold_row", "group_rows", "heads", "latest", "winner",
]
