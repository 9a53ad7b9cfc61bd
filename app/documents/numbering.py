"""Document numbers (文书编号) drawn offline from per-device number blocks (domain.md §4.3, tech.md §1.3).

A number is （{prefix}）应急{word}〔{year}〕{serial}号: one running serial per document type, issuer and year. Laptops
print numbers on site without a server, so each device draws serials only from the blocks (`number_block` rows)
assigned to it. Blocks travel by sync like any other row; numbers are natural keys, checked for duplicates at merge
(`duplicates`), never used as keys and never renumbered.

Where blocks come from:
- a supervisor installation assigns a block to a device (`assign_block(..., device=that_device)`), from serials
  1 … SELF_BASE (below the self-assignment range, so supervisor blocks never meet self-assigned ones);
- a standalone laptop that has no block may take one itself (`self_assign_block`): a block of SELF_SIZE serials in
  SELF_BASE+1 … SELF_BASE+SELF_SLOTS*SELF_SIZE, starting at the slot derived from its device id and moving on past any
  slot that overlaps a block it knows of or a serial already used. Two laptops that never synced pick the same slot
  with probability 1/SELF_SLOTS; that case is what the merge-time duplicate check is for.

A serial is taken by the document row that carries it: `reserve` must run inside the same Store transaction (which
is BEGIN IMMEDIATE, so writers are serialised) that inserts the document row. A voided document keeps its number.
"""

from __future__ import annotations

import string
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from app.errors import UserError, ValidationError
from app.models.store import Store

DOC_TYPES: tuple[str, ...] = ("RECORD", "ORDER", "DECISION", "RECHECK")
# Number code (代字) after "应急", per document type (domain.md §4.2); the template may override the wording.
DOC_WORDS: dict[str, str] = {"RECORD": "检记", "ORDER": "责改", "DECISION": "现决", "RECHECK": "复查"}
DEFAULT_TEMPLATE = "（{prefix}）应急{word}〔{year}〕{serial}号"

SELF_BASE = 10_000  # supervisor-assigned serials are 1 … SELF_BASE; self-assigned ones are above
SELF_SIZE = 50  # serials per self-assigned block
SELF_SLOTS = 1_800  # self-assigned range: SELF_BASE+1 … SELF_BASE+SELF_SLOTS*SELF_SIZE (= 100,000)

_PLACEHOLDERS = frozenset({"prefix", "word", "year", "serial"})


@dataclass(frozen=True)
class Block:
    id: str
    doc_type: str
    issuer: str
    year: int
    device: str
    first: int
    last: int

    @property
    def size(self) -> int:
        return self.last - self.first + 1

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Block:
        return cls(row["id"], row["doc_type"], row["issuer"], int(row["year"]), row["device"], int(row["first"]),
                   int(row["last"]))


@dataclass(frozen=True)
class Duplicate:
    """One number carried by more than one document (after a merge, or a block handed out twice)."""

    doc_type: str
    issuer: str
    year: int
    serial: int
    document_ids: tuple[str, ...]


def _invalid(code: str, zh: str, en: str, **params: object) -> ValidationError:
    return ValidationError(f"numbering.{code}", zh, en, **params)


def _check_key(doc_type: str, issuer: str, year: int) -> None:
    if doc_type not in DOC_TYPES:
        raise _invalid("doc_type", "未知的文书类型：{doc_type}", "Unknown document type: {doc_type}", doc_type=doc_type)
    if not isinstance(issuer, str) or not issuer.strip():
        raise _invalid("issuer", "发文机关不能为空", "The issuer must not be empty")
    if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
        raise _invalid("year", "年份应为四位数字：{year}", "The year must have four digits: {year}", year=year)


def format_number(template: str, prefix: str, word: str, year: int, serial: int) -> str:
    """The printed number, e.g. （鄞）应急检记〔2026〕37号, from the configured template.

    GB/T 9704-2012: the year in full inside 〔〕, the serial without padding zeros and without 第.
    """
    if isinstance(serial, bool) or not isinstance(serial, int) or serial < 1:
        raise _invalid("serial", "文书序号应为正整数：{serial}", "The serial must be a positive integer: {serial}",
                       serial=serial)
    if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
        raise _invalid("year", "年份应为四位数字：{year}", "The year must have four digits: {year}", year=year)
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise _invalid("template", "文书编号格式有误：{template}（{reason}）",
                       "Bad document number template: {template} ({reason})", template=template,
                       reason=str(exc)) from exc
    missing = {"year", "serial"} - names
    unknown = names - _PLACEHOLDERS
    if missing or unknown:
        raise _invalid(
            "template",
            "文书编号格式有误：{template}（须含 {{year}} 与 {{serial}}，只可用 prefix、word、year、serial）",
            "Bad document number template: {template} (needs {{year}} and {{serial}}; only prefix, word, year, serial)",
            template=template,
        )
    return template.format(prefix=prefix, word=word, year=year, serial=serial)


class Numbering:
    def __init__(self, store: Store, device_id: str) -> None:
        self.store = store
        self.device_id = device_id

    # Blocks

    def blocks(
        self, doc_type: str | None = None, issuer: str | None = None, year: int | None = None, device: str | None = None
    ) -> list[Block]:
        """Live blocks matching the given filters, in serial order."""
        where, params = ["deleted = 0"], []
        for column, value in (("doc_type", doc_type), ("issuer", issuer), ("year", year), ("device", device)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        rows = self.store.query(
            f"SELECT * FROM number_block WHERE {' AND '.join(where)} ORDER BY doc_type, issuer, year, first",
            tuple(params),
        )
        return [Block.from_row(r) for r in rows]

    def assign_block(
        self, doc_type: str, issuer: str, year: int, first: int, last: int, device: str | None = None
    ) -> str:
        """Give serials first … last of (type, issuer, year) to `device` (default: this one); return the block id.

        Refused when the range is empty or not positive, reaches into the self-assignment range, or overlaps any
        other block of the same type, issuer and year.
        """
        _check_key(doc_type, issuer, year)
        for value in (first, last):
            if isinstance(value, bool) or not isinstance(value, int):
                raise _invalid("range", "编号段起止应为整数", "Block bounds must be integers")
        if first < 1 or first > last:
            raise _invalid(
                "range",
                "编号段 {first}–{last} 无效：起号应为正整数且不大于止号",
                "Block {first}–{last} is invalid: it must start at a positive number and not end before it",
                first=first,
                last=last,
            )
        if last > SELF_BASE:
            raise _invalid(
                "reserved",
                "编号段 {first}–{last} 超出上级分配范围 1–{base}（{base} 以上留给各机自取）",
                "Block {first}–{last} leaves the assignable range 1–{base} (above is for self-assignment)",
                first=first,
                last=last,
                base=SELF_BASE,
            )
        return self._insert_block(doc_type, issuer, year, first, last, device or self.device_id)

    def self_assign_block(self, doc_type: str, issuer: str, year: int) -> Block:
        """Take a block for this device in the self-assignment range (see the module docstring)."""
        _check_key(doc_type, issuer, year)
        start = int(self.device_id[:8], 16) % SELF_SLOTS if _is_hex(self.device_id[:8]) else 0
        with self.store.transaction():
            taken = [(b.first, b.last) for b in self.blocks(doc_type, issuer, year)]
            used = self._used(doc_type, issuer, year, SELF_BASE + 1, SELF_BASE + SELF_SLOTS * SELF_SIZE)
            for step in range(SELF_SLOTS):
                slot = (start + step) % SELF_SLOTS
                first = SELF_BASE + slot * SELF_SIZE + 1
                last = first + SELF_SIZE - 1
                if any(lo <= last and first <= hi for lo, hi in taken) or any(first <= s <= last for s in used):
                    continue
                block_id = self._insert_block(doc_type, issuer, year, first, last, self.device_id)
                return Block(block_id, doc_type, issuer, year, self.device_id, first, last)
        raise UserError(
            "numbering.self_range_full",
            "本机自取编号段已无空位：请向上级申请编号段",
            "No free self-assigned block is left: ask your supervisor for a block",
        )

    def withdraw_block(self, block_id: str) -> None:
        """Take back a block none of whose serials has been used (a used number must stay accounted for)."""
        with self.store.transaction():
            row = self.store.require("number_block", block_id)
            block = Block.from_row(row)
            if self._used(block.doc_type, block.issuer, block.year, block.first, block.last):
                raise UserError(
                    "numbering.block_in_use",
                    "编号段 {first}–{last} 已有号码被使用，不能收回",
                    "Block {first}–{last} has numbers in use and cannot be withdrawn",
                    first=block.first,
                    last=block.last,
                )
            self.store.delete("number_block", block_id)

    def _insert_block(self, doc_type: str, issuer: str, year: int, first: int, last: int, device: str) -> str:
        with self.store.transaction():
            for other in self.blocks(doc_type, issuer, year):
                if other.first <= last and first <= other.last:
                    raise _invalid(
                        "overlap",
                        "编号段 {first}–{last} 与已分配的编号段 {ofirst}–{olast}（设备 {odevice}）重叠",
                        "Block {first}–{last} overlaps block {ofirst}–{olast} (device {odevice})",
                        first=first,
                        last=last,
                        ofirst=other.first,
                        olast=other.last,
                        odevice=other.device,
                    )
            return self.store.insert(
                "number_block",
                {"doc_type": doc_type, "issuer": issuer, "year": year, "device": device, "first": first, "last": last},
            )

    # Serials

    def _used(self, doc_type: str, issuer: str, year: int, first: int, last: int,
              taken: Collection[int] = ()) -> set[int]:
        """Serials in first … last carried by any document row, whatever its status (a VOID one keeps its number)
        and even when tombstoned (a number that may have been printed is never handed out again), and those of
        `taken` (reserved in this transaction for rows not inserted yet)."""
        rows = self.store.db.conn.execute(
            "SELECT DISTINCT serial FROM document WHERE doc_type = ? AND issuer = ? AND year = ? "
            "AND serial BETWEEN ? AND ?",
            (doc_type, issuer, year, first, last),
        )
        return {int(r[0]) for r in rows} | {t for t in taken if first <= t <= last}

    def next_number(self, doc_type: str, issuer: str, year: int, taken: Collection[int] = ()) -> tuple[int, str]:
        """The lowest unused serial in this device's blocks, and its block id. Read-only: see `reserve`."""
        _check_key(doc_type, issuer, year)
        for block in self.blocks(doc_type, issuer, year, device=self.device_id):
            used = self._used(doc_type, issuer, year, block.first, block.last, taken)
            if len(used) < block.size:
                serial = next(s for s in range(block.first, block.last + 1) if s not in used)
                return serial, block.id
        raise UserError(
            "numbering.exhausted",
            "本机文书编号已用完：请向上级申请新的编号段（{word}，{issuer}，{year} 年）",
            "This device has used up its document numbers: ask your supervisor for a new block "
            "({doc_type}, {issuer}, {year})",
            word=DOC_WORDS[doc_type],
            doc_type=doc_type,
            issuer=issuer,
            year=year,
        )

    def remaining(self, doc_type: str, issuer: str, year: int, taken: Collection[int] = ()) -> int:
        """Serials still free in this device's blocks (for a 'running low' warning)."""
        total = 0
        for block in self.blocks(doc_type, issuer, year, device=self.device_id):
            total += block.size - len(self._used(doc_type, issuer, year, block.first, block.last, taken))
        return total

    def reserve(self, doc_type: str, issuer: str, year: int, taken: Collection[int] = ()) -> int:
        """The serial for the document row the caller inserts next, in the same Store transaction; `taken` holds
        the serials already reserved in it for rows not inserted yet (a batch renders before it inserts).

        The Store's transaction holds SQLite's write lock (BEGIN IMMEDIATE), so no other connection can take the
        serial between this read and the insert. Outside a transaction this is a programming error.
        """
        conn = self.store.db.conn
        if not conn.in_transaction:
            raise RuntimeError(
                "Numbering.reserve must be called inside store.transaction(), before inserting the "
                "document row that carries the serial"
            )
        serial, _block = self.next_number(doc_type, issuer, year, taken)
        return serial

    # Voiding

    def void(self, document_id: str, reason: str) -> None:
        """Mark a document VOID with its reason; its number stays with it and is never handed out again."""
        if not isinstance(reason, str) or not reason.strip():
            raise _invalid("void_reason", "作废文书须填写作废原因", "Voiding a document needs a reason")
        with self.store.transaction():
            row = self.store.require("document", document_id)
            if row["status"] == "VOID":
                raise UserError(
                    "numbering.already_void",
                    "该文书已作废：{doc_no}",
                    "This document is already void: {doc_no}",
                    doc_no=row["doc_no"] or document_id,
                )
            self.store.update("document", document_id, {"status": "VOID", "void_reason": reason.strip()})

    # Merge check

    def duplicates(self) -> list[Duplicate]:
        """Numbers carried by more than one live document; listed for a person to resolve, never renumbered."""
        rows = self.store.db.conn.execute(
            "SELECT doc_type, issuer, year, serial, group_concat(id, ' ') FROM document "
            "WHERE deleted = 0 AND serial IS NOT NULL GROUP BY doc_type, issuer, year, serial HAVING count(*) > 1 "
            "ORDER BY doc_type, issuer, year, serial"
        )
        return [Duplicate(t, i, int(y), int(s), tuple(sorted(ids.split(" ")))) for t, i, y, s, ids in rows]


def _is_hex(text: str) -> bool:
    return bool(text) and all(c in string.hexdigits for c in text)


__all__ = [
    "DEFAULT_TEMPLATE",
    "DOC_TYPES",
    "DOC_WORDS",
    "SELF_BASE",
    "SELF_SIZE",
    "SELF_SLOTS",
    "Block",
    "Duplicate",
    "Numbering",
    "format_number",
]
