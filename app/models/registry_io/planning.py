"""Planning an import: every row checked and matched against the registry, before anything is written."""

from __future__ import annotations

import unicodedata
from dataclasses import fields
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.models.registry import Registry
from app.models.registry_io.cells import Row, find_header, is_blank, note, parse_row
from app.models.registry_io.columns import COLUMNS, SPLIT_LANDLORDS
from app.models.registry_io.files import file_error
from app.models.registry_io.report import RowError, problem, row_error
from app.models.uscc import normalize_uscc

# Import


class Plan:
    """Everything decided from the file and a preload of the database, before anything is written."""

    def __init__(self, registry: Registry, path: Path) -> None:
        self.registry = registry
        self.path = path
        self.errors: list[RowError] = []
        self.warnings: list[RowError] = []
        conn = registry.store.db.conn
        self.enterprises: dict[str, dict[str, Any]] = {}
        self.by_uscc: dict[str, dict[str, Any]] = {}
        self.by_name: dict[str, list[dict[str, Any]]] = {}
        for eid, name, uscc, township_id, is_landlord in conn.execute(
            "SELECT id, name, uscc, township_id, is_landlord FROM enterprise WHERE deleted = 0 ORDER BY id"
        ):
            rec = {"id": eid, "name": name, "uscc": uscc, "township_id": township_id, "is_landlord": bool(is_landlord)}
            self.enterprises[eid] = rec
            if uscc:
                self.by_uscc.setdefault(uscc, rec)
            self.by_name.setdefault(name, []).append(rec)
        self.townships: dict[str, str] = {}
        for tid, name in conn.execute(
            "SELECT id, name FROM org_unit WHERE level = 'township' AND deleted = 0 ORDER BY id"
        ):
            self.townships.setdefault(name, tid)
        self.parks: dict[str, str] = {}
        for pid, name in conn.execute("SELECT id, name FROM park WHERE deleted = 0 ORDER BY id"):
            self.parks.setdefault(name, pid)
        self.lease_landlords: set[str] = set()
        self.lease_tenants: set[str] = set()
        self.leases: dict[tuple[str, str], dict[str, Any]] = {}
        for lid, landlord_id, tenant_id, signed, date in conn.execute(
            "SELECT id, landlord_id, tenant_id, agreement_signed, agreement_date FROM lease WHERE deleted = 0 ORDER "
            "BY id"
        ):
            self.lease_landlords.add(landlord_id)
            self.lease_tenants.add(tenant_id)
            self.leases.setdefault(
                (landlord_id, tenant_id), {"id": lid, "agreement_signed": signed, "agreement_date": date}
            )
        self.people: dict[tuple[str, str], dict[str, Any]] = {}
        for pid, eid, role, name, phone in conn.execute(
            "SELECT id, enterprise_id, role, name, phone FROM person WHERE deleted = 0 "
            "AND role IN ('principal', 'safety_officer') ORDER BY id"
        ):
            self.people.setdefault((eid, role), {"id": pid, "name": name, "phone": phone})
        self.rows: list[Row] = []
        self.headers: dict[str, str] = {}

    def error(self, row: int, column: str | None, exc: UserError) -> None:
        self.errors.append(row_error(row, column, exc))

    def column(self, fld: str) -> str:
        return self.headers.get(fld, dict((f, h) for h, f in COLUMNS).get(fld, fld))

    # Reading

    def read(self, table: list[tuple[int, list[Any]]]) -> None:
        columns, position = find_header(self.path, table)
        self.headers = columns.headers
        self.warnings.extend(columns.warnings)
        for number, cells in table[position + 1 :]:
            values = {fld: cells[i] for i, fld in columns.fields.items() if i < len(cells)}
            if all(is_blank(v) for v in values.values()):
                continue
            self.rows.append(parse_row(number, values, self.headers, self.errors))
        if not self.rows:
            raise file_error(
                "registry.no_rows",
                self.path,
                "文件 {file} 只有表头，没有企业数据",
                "File {file} has a header but no enterprise rows",
            )

    # Checks across rows and against the database

    def collapse_identical(self) -> None:
        """A row that says exactly what an earlier row says (after the cells were normalised: spaces, full-width
        characters, credit codes, dates) is the same enterprise written twice, as real township sheets do: it is
        dropped with a warning naming both rows. Rows that differ in anything are left to check_duplicates."""
        first: dict[tuple[Any, ...], Row] = {}
        kept = []
        for row in self.rows:
            other = first.setdefault(_content(row), row)
            if other is row:
                kept.append(row)
                continue
            self.warnings.append(note(
                row.number, None,
                f"与第 {other.number} 行内容相同，只导入一次（{row.name}）",
                f"identical to row {other.number}; imported once ({row.name})",
                "registry.identical_rows",
            ))
        self.rows = kept

    def check_duplicates(self) -> None:
        first_uscc: dict[str, Row] = {}
        first_name: dict[str, Row] = {}
        for row in self.rows:
            if row.uscc:
                other = first_uscc.setdefault(row.uscc, row)
                if other is not row:
                    self.error(
                        row.number,
                        self.column("uscc"),
                        problem(
                            "registry.duplicate_uscc",
                            "统一社会信用代码 {uscc} 与第 {other} 行重复",
                            "Credit code {uscc} repeats row {other}",
                            uscc=row.uscc,
                            other=other.number,
                        ),
                    )
            if row.name:
                other = first_name.setdefault(row.name, row)
                if other is not row:
                    self.error(
                        row.number,
                        self.column("name"),
                        problem(
                            "registry.duplicate_name",
                            "企业名称“{name}”与第 {other} 行重复",
                            "Enterprise name '{name}' repeats row {other}",
                            name=row.name,
                            other=other.number,
                        ),
                    )

    def match_existing(self) -> None:
        claimed: dict[str, Row] = {}
        for row in self.rows:
            if not row.name:
                continue
            match = self.by_uscc.get(row.uscc) if row.uscc else None
            if match is None:
                candidates = [e for e in self.by_name.get(row.name, []) if not (row.uscc and e["uscc"])]
                if row.township:
                    tid = self.townships.get(row.township)
                    exact = [e for e in candidates if tid is not None and e["township_id"] == tid]
                    loose = exact or [e for e in candidates if e["township_id"] is None]
                else:
                    loose = candidates
                if len(loose) == 1:
                    match = loose[0]
                elif len(loose) > 1:
                    self.error(
                        row.number,
                        self.column("name"),
                        problem(
                            "registry.ambiguous_name",
                            "名录中已有 {n} 家名为“{name}”的企业，请填写统一社会信用代码或镇街以区分",
                            "The registry already has {n} enterprises named '{name}'; "
                            "fill in the credit code or township to tell them apart",
                            n=len(loose),
                            name=row.name,
                        ),
                    )
                    continue
            if match is not None:
                other = claimed.setdefault(match["id"], row)
                if other is not row:
                    self.error(
                        row.number,
                        self.column("name"),
                        problem(
                            "registry.same_enterprise",
                            "与第 {other} 行是名录中的同一家企业（{name}）",
                            "Refers to the same registry enterprise as row {other} ({name})",
                            other=other.number,
                            name=match["name"],
                        ),
                    )
                    continue
                row.match = match

    def resolve_landlords(self) -> None:
        file_by_uscc = {r.uscc: i for i, r in enumerate(self.rows) if r.uscc}
        file_by_name: dict[str, int] = {}
        for i, r in enumerate(self.rows):
            if r.name:
                file_by_name.setdefault(r.name, i)
        file_by_match = {r.match["id"]: i for i, r in enumerate(self.rows) if r.match}

        def lookup(text: str) -> tuple[str, Any] | None | str:
            """("row", i) / ("db", id); None when unknown; "ambiguous" when several registry enterprises fit."""
            code = normalize_uscc(unicodedata.normalize("NFKC", text))
            if code and len(code) == 18:
                if code in file_by_uscc:
                    return ("row", file_by_uscc[code])
                if code in self.by_uscc:
                    eid = self.by_uscc[code]["id"]
                    return ("row", file_by_match[eid]) if eid in file_by_match else ("db", eid)
            if text in file_by_name:
                return ("row", file_by_name[text])
            found = self.by_name.get(text, [])
            if len(found) > 1:
                return "ambiguous"
            if found:
                eid = found[0]["id"]
                return ("row", file_by_match[eid]) if eid in file_by_match else ("db", eid)
            return None

        def resolve(text: str) -> tuple[list[tuple[str, Any]], str | None, bool]:
            """Targets for a cell naming one or several landlords; the part that failed; whether it was ambiguous."""
            whole = lookup(text)
            if isinstance(whole, tuple):
                return [whole], None, False
            parts = [p.strip() for p in SPLIT_LANDLORDS.split(text) if p.strip()]
            if len(parts) < 2:
                return [], text, whole == "ambiguous"
            targets: list[tuple[str, Any]] = []
            for part in parts:
                found = lookup(part)
                if not isinstance(found, tuple):
                    return [], part, found == "ambiguous"
                if found not in targets:
                    targets.append(found)
            return targets, None, False

        def accept(index: int, row: Row, targets: list[tuple[str, Any]], column: str) -> None:
            for target in targets:
                if target == ("row", index) or (row.match and target == ("db", row.match["id"])):
                    self.error(
                        row.number,
                        column,
                        problem(
                            "lease.self",
                            "出租方和承租方不能是同一家企业",
                            "Landlord and tenant cannot be the same enterprise",
                        ),
                    )
                    return
            for target in targets:
                if target not in row.landlords:
                    row.landlords.append(target)
                if target[0] == "row":
                    self.rows[target[1]].referenced_as_landlord = True

        # Explicit landlord columns first: they decide who "is a landlord" for the combined column.
        for index, row in enumerate(self.rows):
            if not row.landlord_text:
                continue
            targets, failed, ambiguous = resolve(row.landlord_text)
            if failed is not None:
                self.error(row.number, self.column("landlord"), self._unknown_landlord(failed, ambiguous))
                continue
            accept(index, row, targets, self.column("landlord"))
        # The combined 所属园区/出租方 column: a value naming enterprises (rows of this file or of the registry) is a
        # lease to them, whatever their role so far; anything else is the park's name.
        for index, row in enumerate(self.rows):
            if not row.park_or_landlord:
                continue
            targets, failed, _ambiguous = resolve(row.park_or_landlord)
            if failed is None and targets:
                accept(index, row, targets, self.column("park_or_landlord"))
            elif row.park is None:
                row.park = row.park_or_landlord

    def _spread(self, row: Row, fld: str, values: list[Any] | None, count: int) -> list[Any] | None:
        if values is None:
            return [None] * count
        if len(values) == 1:
            return values * count
        if len(values) == count:
            return values
        self.error(
            row.number,
            self.column(fld),
            problem(
                "registry.agreement_count",
                "有 {landlords} 个出租方，却填写了 {values} 个值；请只填一个值，或按出租方顺序每个出租方填一个（用“、"
                "”分隔）",
                "There are {landlords} landlords but {values} values; give one value, or one per landlord in the "
                "order of the landlord column (separated by '、')",
                landlords=count,
                values=len(values),
            ),
        )
        return None

    @staticmethod
    def _unknown_landlord(text: str, ambiguous: bool) -> UserError:
        if ambiguous:
            return problem(
                "registry.ambiguous_landlord",
                "名录中有多家名为“{name}”的企业，请改填出租方的统一社会信用代码",
                "Several enterprises are named '{name}'; give the landlord's credit code instead",
                name=text,
            )
        return problem(
            "registry.unknown_landlord",
            "出租方“{name}”既不在本文件中，也不在企业名录中；请先为出租方添加一行",
            "Landlord '{name}' is neither in this file nor in the registry; add a row for the landlord",
            name=text,
        )

    def check_agreements(self) -> None:
        """Pair agreement values with landlords; a row without a landlord gets a warning instead."""
        for row in self.rows:
            if row.landlords:
                count = len(row.landlords)
                signed = self._spread(row, "agreement_signed", row.agreement_signed, count)
                dates = self._spread(row, "agreement_date", row.agreement_date, count)
                if signed is not None and dates is not None:
                    row.terms = [
                        (s if s is not None or d is None else True, d) for s, d in zip(signed, dates, strict=False)
                    ]
                continue
            if row.agreement_signed is None and row.agreement_date is None:
                continue
            column = self.column("agreement_signed" if "agreement_signed" in self.headers else "agreement_date")
            self.warnings.append(
                note(
                    row.number,
                    column,
                    "没有填写出租方，安全协议信息已忽略",
                    "no landlord given, so the safety agreement is ignored",
                    "registry.agreement_without_landlord",
                )
            )


_NOT_CONTENT = frozenset({"number", "cells", "terms", "match", "landlords", "referenced_as_landlord", "enterprise_id"})


def _content(row: Row) -> tuple[Any, ...]:
    """What a row says, comparable across rows: sets and lists as tuples, texts without their spaces (a phone
    written 138 0000 0000 is the same number)."""
    values = []
    for f in fields(row):
        if f.name not in _NOT_CONTENT:
            value = getattr(row, f.name)
            values.append(tuple(sorted(value)) if isinstance(value, set) else
                          tuple(value) if isinstance(value, list) else
                          "".join(value.split()) if isinstance(value, str) else value)
    return tuple(values)
