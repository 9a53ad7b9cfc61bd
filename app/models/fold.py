"""What a row shows, as a pure function of its change entries (tech.md §1.3, conflict classes A–E).

Every rule here depends only on the set of entries, never on the order they arrived in: that is what makes a merge of
the same bundles in any order give the same database. The same fold serves the merge (app/sync/merge.py) and the
integrity check, so "what the row shows" has one definition.

- A. last writer wins: the entry with the greatest (hlc, device) stamp. It is always a head (an entry that replaced
  another was written after seeing it, so its stamp is greater).
- B. surfaced: the same display rule, but a cell with more than one head (two laptops changed it without seeing each
  other's change) is listed for a person; resolving writes one entry whose `pred` names all heads.
- C. frozen after signing: once a document has a SIGNED status entry, its content columns show what the signer saw,
  decided by the signer's own entries (never by the stamps another device chose); content entries the signer did
  not see (later ones, backdated ones, another laptop's concurrent ones) are listed, never shown. A signature by a
  device that does not own the document's number, or a void of a signed document by a device that is neither its
  signer nor an authority, does not count and is listed (the Context gives those facts from other rows).
- D. monotone: document and inspection status only move forward; the greatest state wins whatever the stamps.
  Hazard status is not monotone in this domain (a failed recheck returns a hazard to OPEN; a verdict changed back
  revives a voided one), so it is class B.
- E. add-only: photos and signatures are rows that are only ever inserted (and tombstoned): class A covers them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
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
    "hazard_extension": frozenset({"decision", "deleted"}),  # approved on one laptop, rejected on another
    "recheck_line": frozenset({"result", "followup", "new_deadline"}),  # two officers' laptops judged it apart
}

# Everything a signed document carries except its life-cycle fields.
FROZEN_AFTER_SIGNING: dict[str, frozenset[str]] = {
    "document": frozenset({
        "doc_type", "doc_no", "issuer", "year", "serial", "inspection_id", "enterprise_id", "file_sha256",
        "supersedes_id", "created_at", "stop_ordered",
    }),
}

CONCURRENT = "CONCURRENT"  # class B: more than one head
NOT_IN_SIGNED = "NOT_IN_SIGNED"  # class C: an entry the signed version does not contain
DOUBLE_SIGNED = "DOUBLE_SIGNED"  # class F: signed on two devices (settled by voiding the document)
UNAUTHORISED = "UNAUTHORISED"  # class C: a signature or void by a device without the right to it (never applied)


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

    # Decoded once, on first use, into the instance's __dict__: functools.cached_property takes a lock on every read
    # (Python 3.11), which a merge of a million entries pays a million times.
    @property
    def value(self) -> Any:
        cache = self.__dict__
        if "_value" not in cache:
            cache["_value"] = json.loads(self.value_json)
        return cache["_value"]

    @property
    def pred(self) -> frozenset[Stamp]:
        cache = self.__dict__
        if "_pred" not in cache:
            cache["_pred"] = frozenset((int(h), str(d)) for h, d in json.loads(self.pred_json))
        return cache["_pred"]

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


@dataclass(frozen=True)
class Context:
    """Facts held in other rows that decide which of a document's signatures and voids count (docs/bundle-format.md
    §10, class C): the devices with authority here, and who owns a document number (its number block's device).
    `authorities=None` counts every signature and void: the view of entries this installation wrote or trusts."""

    authorities: frozenset[str] | None = None
    block_owner: Callable[[Any, Any, Any, Any], str | None] = field(default=lambda *_: None)

    def may_sign(self, entry: Entry, cells: Mapping[str, Sequence[Entry]]) -> bool:
        """A signature counts when its device owns the number it signed, by the number block holding it; where no
        block held here holds it, when the device took the number itself (wrote the serial, as the device that
        drafts a document does). Authorities may sign any document."""
        if self.authorities is None or entry.device in self.authorities:
            return True
        key = [_seen_before(cells.get(c, ()), entry) for c in ("doc_type", "issuer", "year", "serial")]
        owner = self.block_owner(*(k.value if k else None for k in key))
        if owner is not None:
            return owner == entry.device
        return _own_before(cells.get("serial", ()), entry) is not None or key[3] is None

    def may_void(self, entry: Entry, signer: str | None) -> bool:
        """Voiding a signed document is for the device that signed it or an authority."""
        return self.authorities is None or signer is None or entry.device in self.authorities or \
            entry.device == signer


OPEN = Context()


def fold_row(table: str, cells: Mapping[str, Sequence[Entry]], context: Context = OPEN) -> RowFold:
    result = RowFold()
    frozen_columns = FROZEN_AFTER_SIGNING.get(table, frozenset())
    signing: list[Entry] = []
    if frozen_columns:
        cells, signing = _judge_document(cells, context, result)
    if len(signing) > 1 and winner(table, "status", cells["status"]).value != "VOID":
        result.findings.append(Finding(DOUBLE_SIGNED, "status", {"entries": [e.describe() for e in signing]}))
    surfaced = SURFACED.get(table, frozenset())
    for column, entries in cells.items():
        if signing and column in frozen_columns:
            shown, unseen = _frozen(entries, signing[0])
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


def _judge_document(
    cells: Mapping[str, Sequence[Entry]], context: Context, result: RowFold,
) -> tuple[Mapping[str, Sequence[Entry]], list[Entry]]:
    """The document's cells without the signatures and voids that do not count (listed as UNAUTHORISED), and the
    signatures that do, first first."""
    statuses = cells.get("status", ())
    signing = sorted((e for e in statuses if e.value == "SIGNED"), key=lambda e: e.stamp)
    valid = [e for e in signing if context.may_sign(e, cells)]
    signer = valid[0].device if valid else None
    refused = [e for e in statuses if (e.value == "SIGNED" and e not in valid)
               or (e.value == "VOID" and not context.may_void(e, signer))]
    if not refused:
        return cells, valid
    result.findings.append(Finding(UNAUTHORISED, "status", {"entries": [e.describe() for e in refused]}))
    kept = [e for e in statuses if e not in refused]
    return {**cells, "status": kept or list(statuses)}, valid


def _seen_before(entries: Sequence[Entry], signed: Entry) -> Entry | None:
    """The value of a column as a signature signed it: the signer's own entry before it, else the row's."""
    before = [e for e in entries if e.stamp < signed.stamp]
    return _own_before(before, signed) or (latest(before) if before else None)


def _own_before(entries: Iterable[Entry], signed: Entry) -> Entry | None:
    own = [e for e in entries if e.device == signed.device and e.stamp < signed.stamp]
    return latest(own) if own else None


def _frozen(entries: Sequence[Entry], signed: Entry) -> tuple[Entry, list[Entry]]:
    """The entry the signed version shows for a content column, and the entries it does not contain.

    The signer's view is decided by the signer's own entries: its latest entry of the column stamped before its
    signature (signing writes every content column again, app/documents/issuing.py, so that entry names what it saw
    in its `pred`) and the chain of entries it replaced. Anything else — later, concurrent, or stamped earlier by
    another device that the signer never saw — is listed and never shown."""
    shown = _own_before(entries, signed)
    if shown is None:
        before = [e for e in entries if e.stamp < signed.stamp]
        shown = latest(before or entries)
    covered = _ancestry(shown, entries)
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
    "CONCURRENT", "DOUBLE_SIGNED", "FROZEN_AFTER_SIGNING", "MONOTONE", "NOT_IN_SIGNED", "OPEN", "SURFACED",
    "UNAUTHORISED", "Context", "Entry",
    "Finding", "RowFold", "fold_row", "group_rows", "heads", "latest", "winner",
]
