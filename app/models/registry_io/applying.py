"""Applying a checked plan in one transaction, writing only the fields that differ."""

from __future__ import annotations

from typing import Any

from app.models.registry_io.cells import Row, note
from app.models.registry_io.planning import Plan
from app.models.registry_io.report import ImportReport

# Writing


def write(plan: Plan) -> ImportReport:
    registry, store = plan.registry, plan.registry.store
    report = ImportReport()
    with store.transaction():
        township_ids = _ensure_townships(plan)
        park_ids = _ensure_parks(plan, township_ids)
        changed: list[bool] = []
        for row in plan.rows:
            changed.append(_write_enterprise(plan, row, township_ids, park_ids))
        for target_id in {t[1] for r in plan.rows for t in r.landlords if t[0] == "db"}:
            registry.update_enterprise(target_id, is_landlord=True)
        for index, row in enumerate(plan.rows):
            assert row.enterprise_id is not None
            people = _write_people(plan, row)
            leases = _write_leases(plan, row)
            changed[index] = changed[index] or people or leases
    for row, did_change in zip(plan.rows, changed, strict=True):
        if row.match is None:
            report.created += 1
        elif did_change:
            report.updated += 1
        else:
            report.unchanged += 1
    report.warnings = [w.text() for w in plan.warnings]
    return report

def _ensure_townships(plan: Plan) -> dict[str, str]:
    ids = dict(plan.townships)
    for row in plan.rows:
        if row.township and row.township not in ids:
            ids[row.township] = plan.registry.ensure_org_unit(row.township, "township")
            plan.warnings.append(
                note(
                    row.number, plan.column("township"),
                    f"新建镇街“{row.township}”", f"new township '{row.township}' created", "registry.new_township",
                )
            )
    return ids

def _ensure_parks(plan: Plan, township_ids: dict[str, str]) -> dict[str, str]:
    ids = dict(plan.parks)
    for row in plan.rows:
        if row.park and row.park not in ids:
            township_id = township_ids.get(row.township) if row.township else None
            ids[row.park] = plan.registry.ensure_park(row.park, township_id)
            column = plan.column("park" if "park" in plan.headers else "park_or_landlord")
            plan.warnings.append(
                note(
                    row.number, column,
                    f"新建园区“{row.park}”", f"new park '{row.park}' created", "registry.new_park",
                )
            )
    return ids

def _write_enterprise(plan: Plan, row: Row, township_ids: dict[str, str], park_ids: dict[str, str]) -> bool:
    assert row.name is not None
    values: dict[str, Any] = {"name": row.name}
    for key in ("uscc", "address", "industry", "employees", "risk_grade"):
        if getattr(row, key) is not None:
            values[key] = getattr(row, key)
    if row.township:
        values["township_id"] = township_ids[row.township]
    if row.park:
        values["park_id"] = park_ids[row.park]
    existing_id = row.match["id"] if row.match else None
    has_principal = row.principal is not None or (existing_id, "principal") in plan.people
    if row.principal_phone is not None and not has_principal:
        values["phone"] = row.principal_phone
    derived_landlord = row.referenced_as_landlord or existing_id in plan.lease_landlords
    derived_tenant = bool(row.landlords) or existing_id in plan.lease_tenants
    if row.roles is not None:
        values["is_landlord"] = "landlord" in row.roles or derived_landlord
        values["is_tenant"] = "tenant" in row.roles or derived_tenant
        values["is_operator"] = "operator" in row.roles
    else:
        if derived_landlord:
            values["is_landlord"] = True
        if derived_tenant:
            values["is_tenant"] = True
    if existing_id is None:
        # False flags are the column default: leaving them out saves a change entry each.
        values = {k: v for k, v in values.items() if v is not False}
        row.enterprise_id = plan.registry.create_enterprise(**values)
        return True
    row.enterprise_id = existing_id
    return bool(plan.registry.update_enterprise(existing_id, **values))

def _write_people(plan: Plan, row: Row) -> bool:
    store = plan.registry.store
    eid = row.enterprise_id
    assert eid is not None
    changed = False
    for role, name, phone, column in (
        ("principal", row.principal, row.principal_phone, "principal_phone"),
        ("safety_officer", row.safety_officer, row.safety_officer_phone, "safety_officer_phone"),
    ):
        current = plan.people.get((eid, role))
        if name is None:
            if phone is None:
                continue
            if current is not None:
                changed = bool(store.update("person", current["id"], {"phone": phone})) or changed
            elif role == "safety_officer":
                plan.warnings.append(
                    note(
                        row.number, plan.column(column),
                        "没有填写安全员姓名，电话已忽略", "no safety officer name given, so the phone is ignored",
                        "registry.phone_without_person",
                    )
                )
            continue
        if current is None:
            store.insert("person", {"enterprise_id": eid, "role": role, "name": name, "phone": phone})
            changed = True
            continue
        update: dict[str, Any] = {"name": name}
        if phone is not None or current["name"] != name:
            update["phone"] = phone  # a different person does not inherit the previous one's phone
        changed = bool(store.update("person", current["id"], update)) or changed
    return changed

def _write_leases(plan: Plan, row: Row) -> bool:
    store = plan.registry.store
    tenant_id = row.enterprise_id
    assert tenant_id is not None
    changed = False
    for (kind, ref), (signed, date) in zip(row.landlords, row.terms, strict=False):
        landlord_id = plan.rows[ref].enterprise_id if kind == "row" else ref
        assert landlord_id is not None
        current = plan.leases.get((landlord_id, tenant_id))
        if current is None:
            lease_id = store.insert(
                "lease",
                {
                    "landlord_id": landlord_id,
                    "tenant_id": tenant_id,
                    "agreement_signed": True if signed else None,  # False is the column default
                    "agreement_date": date,
                },
            )
            plan.leases[(landlord_id, tenant_id)] = {"id": lease_id}
            changed = True
            continue
        update: dict[str, Any] = {}
        if signed is not None:
            update["agreement_signed"] = signed
        if date is not None:
            update["agreement_date"] = date
        if update:
            changed = bool(store.update("lease", current["id"], update)) or changed
    return changed
