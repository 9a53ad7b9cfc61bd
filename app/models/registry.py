"""Enterprise registry: territorial tree, parks, enterprises (landlords, tenants, operators), people and leases."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.errors import NotFoundError, ValidationError
from app.models import vocab
from app.models.store import Store
from app.models.uscc import validate_uscc
from app.models.vocab import require_code

# The enterprise named :e and every record merged into it (Registry.merge_enterprises): one firm, in SQL.
SAME_FIRM = "(SELECT id FROM enterprise WHERE id = :e OR merged_into = :e)"

ENTERPRISE_FIELDS = (
    "name",
    "uscc",
    "address",
    "township_id",
    "park_id",
    "site_id",
    "industry",
    "employees",
    "is_landlord",
    "is_tenant",
    "is_operator",
    "phone",
    "risk_grade",
    "profile",
    "notes",
)


@dataclass(frozen=True)
class EnterpriseRow:
    """One line of the registry table: the enterprise with the names it is shown with."""

    id: str
    name: str
    uscc: str | None
    roles: tuple[str, ...]
    township: str | None
    park: str | None
    landlords: str | None
    address: str | None
    industry: str | None
    employees: int | None
    principal: str | None
    phone: str | None
    tenant_count: int

    @property
    def roles_label(self) -> str:
        return "、".join(vocab.label("enterprise_roles", r) for r in self.roles)


@dataclass(frozen=True)
class Place:
    """A township or park as chosen in a form: an existing id, or the name of a new one (created on save)."""

    id: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class LeaseTerms:
    landlord_id: str
    unit: str | None = None
    agreement_signed: bool = False
    agreement_date: str | None = None


@dataclass(frozen=True)
class EnterpriseEdit:
    """What an enterprise form holds on Save.

    `original` is what the form loaded (empty for a new enterprise), for the fields, people and lease alike: only
    what differs from it is written, so the change log shows what the inspector changed and a value a sync brought
    in meanwhile is not overwritten with the one the form happened to show.
    """

    fields: Mapping[str, Any]
    township: Place = Place()
    park: Place = Place()
    people: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)
    original: Mapping[str, Any] = field(default_factory=dict)
    original_people: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)
    # The lease the form showed (id, terms); `lease` is the one it holds now (None: not a tenant of anyone).
    original_lease: tuple[str, LeaseTerms] | None = None
    lease: LeaseTerms | None = None


def _required_text(value: Any, field: str, zh: str) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value)
    if not text:
        raise ValidationError(
            "field.required", "{label}不能为空", "{field} is required", label=zh, field=field
        )
    return text


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


class Registry:
    def __init__(self, store: Store) -> None:
        self.store = store

    # Territorial tree and parks

    def ensure_org_unit(
        self, name: str, level: str, parent_id: str | None = None, division_code: str | None = None
    ) -> str:
        name = _required_text(name, "name", "名称")
        found = self.store.db.conn.execute(
            "SELECT id FROM org_unit WHERE name = ? AND level = ? AND parent_id IS ? AND deleted = 0",
            (name, level, parent_id),
        ).fetchone()
        if found:
            return str(found[0])
        return self.store.insert(
            "org_unit", {"name": name, "level": level, "parent_id": parent_id, "division_code": division_code}
        )

    def find_township(self, name: str) -> str | None:
        row = self.store.db.conn.execute(
            "SELECT id FROM org_unit WHERE name = ? AND level = 'township' AND deleted = 0 ORDER BY id LIMIT 1",
            (name.strip(),),
        ).fetchone()
        return str(row[0]) if row else None

    def townships(self) -> list[dict[str, Any]]:
        return self.store.query(
            "SELECT id, name, parent_id FROM org_unit WHERE level = 'township' AND deleted = 0 ORDER BY name"
        )

    def ensure_park(self, name: str, township_id: str | None = None, address: str | None = None) -> str:
        name = _required_text(name, "park", "园区名称")
        found = self.store.db.conn.execute(
            "SELECT id FROM park WHERE name = ? AND deleted = 0 ORDER BY id LIMIT 1", (name,)
        ).fetchone()
        if found:
            return str(found[0])
        return self.store.insert("park", {"name": name, "township_id": township_id, "address": address})

    def parks(self, township_id: str | None = None) -> list[dict[str, Any]]:
        """Live parks by name, optionally only those of one township."""
        where, params = "deleted = 0", tuple[str, ...]()
        if township_id:
            where, params = "deleted = 0 AND township_id = ?", (township_id,)
        return self.store.query(f"SELECT id, name, township_id FROM park WHERE {where} ORDER BY name", params)

    # Enterprises

    def _validated(self, fields: Mapping[str, Any], *, creating: bool, own_id: str | None = None) -> dict[str, Any]:
        unknown = set(fields) - set(ENTERPRISE_FIELDS)
        if unknown:
            raise ValueError(f"unknown enterprise fields: {sorted(unknown)}")
        values = {k: _clean(v) for k, v in fields.items()}
        if creating or "name" in values:
            values["name"] = _required_text(values.get("name"), "name", "企业名称")
        if "uscc" in values:
            values["uscc"] = validate_uscc(values["uscc"])
            if values["uscc"]:
                self._refuse_duplicate_uscc(values["uscc"], own_id)
        if values.get("employees") is not None:
            try:
                employees = int(values["employees"])
            except (TypeError, ValueError):
                employees = -1
            if employees < 0:
                raise ValidationError(
                    "enterprise.employees",
                    "从业人数应为不小于0的整数，而不是“{value}”",
                    "Headcount must be a whole number of at least 0, not '{value}'",
                    value=fields["employees"],
                )
            values["employees"] = employees
        if values.get("risk_grade") is not None:
            require_code("risk_grades", values["risk_grade"], "risk_grade")
        for flag in ("is_landlord", "is_tenant", "is_operator"):
            if flag in values:
                values[flag] = bool(values[flag])
        return values

    def _refuse_duplicate_uscc(self, uscc: str, own_id: str | None) -> None:
        other = self.store.db.conn.execute(
            "SELECT id, name FROM enterprise WHERE uscc = ? AND deleted = 0 AND id IS NOT ?", (uscc, own_id)
        ).fetchone()
        if other:
            raise ValidationError(
                "enterprise.duplicate_uscc",
                "统一社会信用代码 {uscc} 已属于“{name}”",
                "Credit code {uscc} already belongs to '{name}'",
                uscc=uscc,
                name=other[1],
            )

    def create_enterprise(self, **fields: Any) -> str:
        values = self._validated(fields, creating=True)
        return self.store.insert("enterprise", values)

    def update_enterprise(self, enterprise_id: str, **fields: Any) -> dict[str, Any]:
        self.store.require("enterprise", enterprise_id)
        values = self._validated(fields, creating=False, own_id=enterprise_id)
        return self.store.update("enterprise", enterprise_id, values)

    def get_enterprise(self, enterprise_id: str) -> dict[str, Any]:
        return self.store.require("enterprise", enterprise_id)

    def township_ids(self, enterprise_ids: Iterable[str]) -> dict[str, str | None]:
        """Each enterprise's township, in one query (a township's list of documents to serve)."""
        return dict(self.store.db.conn.execute(
            "SELECT id, township_id FROM enterprise WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(enterprise_ids))),)))

    def find_by_uscc(self, uscc: str) -> str | None:
        row = self.store.db.conn.execute(
            "SELECT id FROM enterprise WHERE uscc = ? AND deleted = 0 ORDER BY id LIMIT 1", (uscc,)
        ).fetchone()
        return str(row[0]) if row else None

    def find_by_name(self, name: str) -> str | None:
        row = self.store.db.conn.execute(
            "SELECT id FROM enterprise WHERE name = ? AND deleted = 0 ORDER BY id LIMIT 1", (name.strip(),)
        ).fetchone()
        return str(row[0]) if row else None

    # People

    def set_person(self, enterprise_id: str, role: str, name: str | None, phone: str | None = None) -> str | None:
        """Keep one current person per role (principal, safety officer): update in place, or add."""
        require_code("person_roles", role, "role")
        self.store.require("enterprise", enterprise_id)
        name, phone = _clean(name), _clean(phone)
        current = self.store.db.conn.execute(
            "SELECT id FROM person WHERE enterprise_id = ? AND role = ? AND deleted = 0 ORDER BY id LIMIT 1",
            (enterprise_id, role),
        ).fetchone()
        if current:
            if name is None:
                self.store.delete("person", current[0])
                return None
            self.store.update("person", current[0], {"name": name, "phone": phone})
            return str(current[0])
        if name is None:
            return None
        return self.store.insert("person", {"enterprise_id": enterprise_id, "role": role, "name": name, "phone": phone})

    def people(self, enterprise_id: str) -> list[dict[str, Any]]:
        return self.store.query(
            "SELECT * FROM person WHERE enterprise_id = ? AND deleted = 0 ORDER BY role, name", (enterprise_id,)
        )

    def person(self, enterprise_id: str, role: str) -> dict[str, Any] | None:
        rows = self.store.query(
            "SELECT * FROM person WHERE enterprise_id = ? AND role = ? AND deleted = 0 ORDER BY id LIMIT 1",
            (enterprise_id, role),
        )
        return rows[0] if rows else None

    # Leases

    def add_lease(
        self,
        landlord_id: str,
        tenant_id: str,
        *,
        site_id: str | None = None,
        unit: str | None = None,
        area_m2: float | None = None,
        agreement_signed: bool = False,
        agreement_date: str | None = None,
    ) -> str:
        if landlord_id == tenant_id:
            raise ValidationError(
                "lease.self", "出租方和承租方不能是同一家企业", "Landlord and tenant cannot be the same enterprise"
            )
        with self.store.transaction():
            self.store.require("enterprise", landlord_id)
            self.store.require("enterprise", tenant_id)
            existing = self.store.db.conn.execute(
                "SELECT id FROM lease WHERE landlord_id = ? AND tenant_id = ? AND deleted = 0", (landlord_id, tenant_id)
            ).fetchone()
            values = {
                "site_id": site_id,
                "unit": _clean(unit),
                "area_m2": area_m2,
                "agreement_signed": agreement_signed,
                "agreement_date": _clean(agreement_date),
            }
            if existing:
                self.store.update("lease", existing[0], {k: v for k, v in values.items() if v is not None})
                lease_id = str(existing[0])
            else:
                lease_id = self.store.insert("lease", {"landlord_id": landlord_id, "tenant_id": tenant_id, **values})
            self.store.update("enterprise", landlord_id, {"is_landlord": True})
            self.store.update("enterprise", tenant_id, {"is_tenant": True})
        return lease_id

    def end_lease(self, lease_id: str) -> None:
        """The tenant moved out (or the link was wrong): a tombstone, so the history keeps the lease."""
        self.store.delete("lease", lease_id)

    def leases(self, enterprise_id: str) -> list[dict[str, Any]]:
        """Leases where the enterprise is landlord or tenant, with the other party's name."""
        return self.store.query(
            """SELECT l.*, lo.name AS landlord_name, te.name AS tenant_name
               FROM lease l JOIN enterprise lo ON lo.id = l.landlord_id JOIN enterprise te ON te.id = l.tenant_id
               WHERE l.deleted = 0 AND (l.landlord_id = :e OR l.tenant_id = :e) ORDER BY te.name""",
            {"e": enterprise_id},
        )

    def tenant_ids(self, landlord_id: str) -> list[str]:
        return [
            r[0]
            for r in self.store.db.conn.execute(
                """SELECT l.tenant_id FROM lease l JOIN enterprise e ON e.id = l.tenant_id
                   WHERE l.landlord_id = ? AND l.deleted = 0 AND e.deleted = 0 ORDER BY e.name""",
                (landlord_id,),
            )
        ]

    def landlord_ids(self, tenant_id: str) -> list[str]:
        return [
            r[0]
            for r in self.store.db.conn.execute(
                "SELECT landlord_id FROM lease WHERE tenant_id = ? AND deleted = 0 ORDER BY id", (tenant_id,)
            )
        ]

    def save_enterprise(self, enterprise_id: str | None, edit: EnterpriseEdit) -> str:
        """Create (`enterprise_id` None) or update an enterprise with its people and lease, all or nothing: a refused
        value leaves the database as it was, a township or park typed in as new included. Returns the id."""
        with self.store.transaction():
            fields = dict(edit.fields)
            fields["township_id"] = self._place(edit.township, lambda name: self.ensure_org_unit(name, "township"))
            fields["park_id"] = self._place(edit.park, lambda name: self.ensure_park(name, fields["township_id"]))
            if enterprise_id is None:
                enterprise_id = self.create_enterprise(**fields)
            else:
                changed = {k: v for k, v in fields.items() if v != edit.original.get(k)}
                if changed:
                    self.update_enterprise(enterprise_id, **changed)
            for role, person in edit.people.items():
                if person != edit.original_people.get(role, (None, None)):
                    self.set_person(enterprise_id, role, *person)
            self._save_lease(enterprise_id, edit.original_lease, edit.lease)
        return enterprise_id

    @staticmethod
    def _place(place: Place, create: Any) -> str | None:
        if place.id is not None:
            return place.id
        name = _clean(place.name)
        return None if name is None else str(create(name))

    def _save_lease(self, tenant_id: str, old: tuple[str, LeaseTerms] | None, new: LeaseTerms | None) -> None:
        if old is not None and (new is None or old[1].landlord_id != new.landlord_id):
            self.end_lease(old[0])
        if new is None:
            return
        signed_date = new.agreement_date if new.agreement_signed else None
        new = LeaseTerms(new.landlord_id, _clean(new.unit), new.agreement_signed, signed_date)
        if old is not None and old[1] == new:
            return
        self.add_lease(
            new.landlord_id,
            tenant_id,
            unit=new.unit,
            agreement_signed=new.agreement_signed,
            agreement_date=new.agreement_date,
        )

    def merge_enterprises(self, keep_id: str, merged_id: str) -> None:
        """Record that two records (typically created offline on two laptops) are one firm: `merged_id` points at
        `keep_id` and leaves the lists. Ids are never rewritten, so inspections, hazards and documents that name the
        merged record stay as they were signed; the dossier of the surviving record includes them."""
        if keep_id == merged_id:
            raise ValidationError(
                "enterprise.merge_self", "不能把企业合并到它自己", "An enterprise cannot be merged into itself"
            )
        with self.store.transaction():
            keep = self.store.require("enterprise", keep_id)
            self.store.require("enterprise", merged_id)
            if keep["merged_into"]:
                raise ValidationError(
                    "enterprise.merge_target_merged",
                    "“{name}”已合并到其他企业，请选择保留的那条记录",
                    "{name} has itself been merged into another record; choose the surviving one",
                    name=keep["name"],
                )
            for other in self.store.query("SELECT id FROM enterprise WHERE merged_into = ?", (merged_id,)):
                self.store.update("enterprise", other["id"], {"merged_into": keep_id})
            self.store.update("enterprise", merged_id, {"merged_into": keep_id})

    def merge_all(self, keep_id: str, merged_ids: Iterable[str]) -> None:
        """merge_enterprises for each of `merged_ids`, all or none."""
        with self.store.transaction():
            for merged_id in merged_ids:
                if merged_id != keep_id:
                    self.merge_enterprises(keep_id, merged_id)

    # Queries for lists

    def count(self) -> int:
        return int(
            self.store.db.conn.execute(
                "SELECT count(*) FROM enterprise WHERE deleted = 0 AND merged_into IS NULL"
            ).fetchone()[0]
        )

    def resolve(self, ref: str) -> str:
        """An enterprise id from what a user types on a command line: an id, a credit code or the exact name."""
        ref = ref.strip()
        if self.store.get("enterprise", ref):
            return ref
        found = self.find_by_uscc(ref) if len(ref) == 18 else None
        found = found or self.find_by_name(ref)
        if found is None:
            raise NotFoundError("enterprise.not_found", "找不到企业：{ref}", "No such enterprise: {ref}", ref=ref)
        return found

    def search_ids(
        self,
        text: str = "",
        *,
        role: str | None = None,
        landlord_id: str | None = None,
        township_id: str | None = None,
        limit: int | None = None,
    ) -> list[str]:
        """Ids in display order; every whitespace-separated word must occur in the name, credit code or address.
        A record merged into another (merge_enterprises) is not listed: the surviving record stands for both."""
        where = ["e.deleted = 0", "e.merged_into IS NULL"]
        params: list[Any] = []
        for word in text.lower().split():
            where.append("e.search_text LIKE ? ESCAPE '\\'")
            params.append("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        if role in ("landlord", "tenant", "operator"):
            where.append(f"e.is_{role} = 1")
        if township_id:
            where.append("e.township_id = ?")
            params.append(township_id)
        if landlord_id:
            where.append("e.id IN (SELECT tenant_id FROM lease WHERE landlord_id = ? AND deleted = 0)")
            params.append(landlord_id)
        # A text search reads every row anyway: walking enterprise_search, which holds every column filtered on in
        # display order, reads no table row and sorts nothing (docs/performance.md). A landlord's tenants are few
        # and found by primary key, so that query keeps the planner's choice.
        hint = "INDEXED BY enterprise_search" if text.split() and not landlord_id else ""
        sql = f"SELECT e.id FROM enterprise e {hint} WHERE {' AND '.join(where)} ORDER BY e.name, e.id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [r[0] for r in self.store.db.conn.execute(sql, params)]

    def rows(self, ids: Sequence[str]) -> list[EnterpriseRow]:
        """Display rows for the given ids, in the same order (ids that vanished are skipped)."""
        if not ids:
            return []
        found: dict[str, EnterpriseRow] = {}
        for chunk_start in range(0, len(ids), 500):
            chunk = list(ids[chunk_start : chunk_start + 500])
            marks = ",".join("?" * len(chunk))
            for r in self.store.db.conn.execute(
                f"""SELECT e.id, e.name, e.uscc, e.is_landlord, e.is_tenant, e.is_operator,
                       t.name, p.name,
                       (SELECT group_concat(lo.name, '、') FROM lease l JOIN enterprise lo ON lo.id = l.landlord_id
                        WHERE l.tenant_id = e.id AND l.deleted = 0),
                       e.address, e.industry, e.employees,
                       (SELECT name FROM person WHERE enterprise_id = e.id AND role = 'principal' AND deleted = 0
                        ORDER BY id LIMIT 1),
                       coalesce(e.phone, (SELECT phone FROM person WHERE enterprise_id = e.id
                        AND role = 'principal' AND deleted = 0 ORDER BY id LIMIT 1)),
                       (SELECT count(*) FROM lease WHERE landlord_id = e.id AND deleted = 0)
                   FROM enterprise e LEFT JOIN org_unit t ON t.id = e.township_id
                   LEFT JOIN park p ON p.id = e.park_id WHERE e.id IN ({marks})""",
                chunk,
            ):
                roles = tuple(
                    name for name, flag in zip(("landlord", "tenant", "operator"), r[3:6], strict=True) if flag
                )
                found[r[0]] = EnterpriseRow(
                    r[0], r[1], r[2], roles, r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14]
                )
        return [found[i] for i in ids if i in found]

    def iter_export_rows(self) -> Iterable[dict[str, Any]]:
        """Every enterprise with the fields a township office keeps, for registry export."""
        yield from self.store.db.query(
            """SELECT e.id, e.name, e.uscc, e.address, t.name AS township, p.name AS park,
                      (SELECT group_concat(lo.name, '、') FROM lease l JOIN enterprise lo ON lo.id = l.landlord_id
                       WHERE l.tenant_id = e.id AND l.deleted = 0) AS landlords,
                      e.is_landlord, e.is_tenant, e.is_operator, e.industry, e.employees, e.phone, e.risk_grade,
                      pr.name AS principal, pr.phone AS principal_phone,
                      so.name AS safety_officer, so.phone AS safety_officer_phone
               FROM enterprise e
               LEFT JOIN org_unit t ON t.id = e.township_id
               LEFT JOIN park p ON p.id = e.park_id
               LEFT JOIN person pr ON pr.id = (SELECT id FROM person WHERE enterprise_id = e.id
                    AND role = 'principal' AND deleted = 0 ORDER BY id LIMIT 1)
               LEFT JOIN person so ON so.id = (SELECT id FROM person WHERE enterprise_id = e.id
                    AND role = 'safety_officer' AND deleted = 0 ORDER BY id LIMIT 1)
               WHERE e.deleted = 0 ORDER BY t.name, p.name, e.is_landlord DESC, e.name"""
        )
