from __future__ import annotations

import json
import random
import re
import statistics
from pathlib import Path

import pytest

from app.models.demo import (
    LANDLORD_KIND_WEIGHTS,
    LANDLORD_KINDS,
    DemoSummary,
    generate_demo,
    landlord_weight,
    tenant_counts,
)
from app.models.demo import registry as demo_registry
from app.models.uscc import validate_uscc
from app.models.workspace import Workspace

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def _make(path: Path, landlords: int = 40, tenants: int = 160, seed: int = 1) -> tuple[Workspace, DemoSummary]:
    ws = Workspace(path)
    return ws, generate_demo(ws, landlords=landlords, tenants=tenants, seed=seed)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    ws, summary = _make(tmp_path_factory.mktemp("small"), landlords=10, tenants=30, seed=7)
    yield ws, summary
    ws.close()


@pytest.fixture(scope="module")
def default(tmp_path_factory: pytest.TempPathFactory):
    ws, summary = _make(tmp_path_factory.mktemp("default"))
    yield ws, summary
    ws.close()


def _scalar(ws: Workspace, sql: str, params: tuple[object, ...] = ()) -> int:
    return int(ws.db.conn.execute(sql, params).fetchone()[0])


def _names(ws: Workspace) -> list[tuple[str, str | None]]:
    return sorted(ws.db.conn.execute("SELECT name, uscc FROM enterprise").fetchall())


def test_creates_the_numbers_asked(small: tuple[Workspace, DemoSummary]) -> None:
    ws, s = small
    assert (s.landlords, s.tenants) == (10, 30)
    assert _scalar(ws, "SELECT count(*) FROM enterprise WHERE is_landlord = 1") == 10
    assert _scalar(ws, "SELECT count(*) FROM enterprise WHERE is_tenant = 1") == 30
    assert _scalar(ws, "SELECT count(*) FROM enterprise WHERE is_operator = 1") == s.operators
    assert ws.registry.count() == s.enterprises == 40 + s.operators
    assert s.leases == _scalar(ws, "SELECT count(*) FROM lease") == 30
    assert s.people == _scalar(ws, "SELECT count(*) FROM person")
    assert s.parks == _scalar(ws, "SELECT count(*) FROM park")
    assert s.sites == _scalar(ws, "SELECT count(*) FROM site") == 10
    assert s.townships == len(ws.registry.townships()) >= 3
    assert _scalar(ws, "SELECT count(*) FROM org_unit WHERE level = 'village'") == s.villages > 0
    assert 6 <= s.inspectors == len(ws.roster.inspectors()) <= 10
    assert s.teams >= 2
    assert (s.inspections, s.hazards) == (0, 0)  # the inspections step is not written yet


def test_every_credit_code_validates_and_some_tenants_have_none(default: tuple[Workspace, DemoSummary]) -> None:
    ws, s = default
    codes = [r[0] for r in ws.db.conn.execute("SELECT uscc FROM enterprise WHERE uscc IS NOT NULL")]
    assert codes and all(validate_uscc(code) == code for code in codes)
    assert len(set(codes)) == len(codes)
    without = _scalar(ws, "SELECT count(*) FROM enterprise WHERE uscc IS NULL AND is_tenant = 1")
    assert 0 < without < s.tenants * 0.3
    assert s.without_uscc == _scalar(ws, "SELECT count(*) FROM enterprise WHERE uscc IS NULL")


def test_every_tenant_leases_from_a_landlord(default: tuple[Workspace, DemoSummary]) -> None:
    ws, s = default
    orphans = _scalar(
        ws,
        """SELECT count(*) FROM enterprise t WHERE t.is_tenant = 1 AND NOT EXISTS (
               SELECT 1 FROM lease l JOIN enterprise lo ON lo.id = l.landlord_id
               WHERE l.tenant_id = t.id AND l.deleted = 0 AND lo.is_landlord = 1)""",
    )
    assert orphans == 0
    assert all(ws.registry.landlord_ids(t) for t in s.tenant_ids[:20])
    # Tenants sit on their landlord's site, in the same township.
    assert _scalar(
        ws,
        """SELECT count(*) FROM lease l
           JOIN enterprise t ON t.id = l.tenant_id JOIN enterprise lo ON lo.id = l.landlord_id
           WHERE t.site_id IS NOT l.site_id OR t.township_id IS NOT lo.township_id""",
    ) == 0
    signed = s.agreements_signed / s.leases
    assert 0.5 < signed < 0.9
    assert _scalar(ws, "SELECT count(*) FROM lease WHERE agreement_signed = 1 AND agreement_date IS NULL") == 0
    assert _scalar(ws, "SELECT count(*) FROM lease WHERE start_date IS NULL OR end_date <= start_date") == 0


def test_plausible_people_sizes_and_grades(default: tuple[Workspace, DemoSummary]) -> None:
    ws, s = default
    phones = [r[0] for r in ws.db.conn.execute("SELECT phone FROM person")]
    assert phones and all(MOBILE.match(p) for p in phones)
    without_principal = (
        "SELECT count(*) FROM enterprise WHERE id NOT IN (SELECT enterprise_id FROM person WHERE role = ?)"
    )
    assert _scalar(ws, without_principal, ("principal",)) == 0
    assert _scalar(ws, "SELECT count(*) FROM person WHERE role = 'safety_officer'") > 0
    employees = [r[0] for r in ws.db.conn.execute("SELECT employees FROM enterprise WHERE is_tenant = 1")]
    assert 5 <= statistics.median(employees) <= 50
    assert sum(1 for e in employees if e <= 50) > 0.8 * len(employees)
    grades = {r[0] for r in ws.db.conn.execute("SELECT DISTINCT risk_grade FROM enterprise")}
    assert None in grades and {"YELLOW", "BLUE"} <= grades
    profiles = [json.loads(r[0]) for r in ws.db.conn.execute("SELECT profile FROM enterprise WHERE profile NOTNULL")]
    assert profiles and all(set(p) <= {"dust", "confined_space", "chemicals"} for p in profiles)
    names = [r[0] for r in ws.db.conn.execute("SELECT name FROM enterprise")]
    assert any(n.endswith("股份经济合作社") for n in names)
    assert any(n.endswith("有限公司") for n in names)
    assert len(set(names)) == len(names)
    # Parks with an operator point at an enterprise flagged as operator.
    assert _scalar(
        ws,
        "SELECT count(*) FROM park p JOIN enterprise e ON e.id = p.operator_id WHERE e.is_operator = 1",
    ) == s.operators
    assert ws.registry.search_ids("有限公司", limit=5)
    assert ws.registry.rows(list(s.landlord_ids[:5]))[0].tenant_count >= 1


def test_roster_has_certified_inspectors_in_teams_of_two(small: tuple[Workspace, DemoSummary]) -> None:
    ws, s = small
    inspectors = ws.roster.inspectors()
    assert len({i["cert_no"] for i in inspectors}) == len(inspectors)
    assert all(i["name"] and i["agency"] and MOBILE.match(i["phone"]) for i in inspectors)
    assert any(i["agency"].endswith("应急管理局") for i in inspectors)
    for team_id in s.team_ids:
        assert len(ws.roster.team_members(team_id)) == 2


def test_everything_went_through_the_change_log(small: tuple[Workspace, DemoSummary]) -> None:
    ws, s = small
    assert s.change_entries == _scalar(ws, "SELECT count(*) FROM change") > 0
    for table in ("org_unit", "park", "site", "enterprise", "person", "lease", "inspector", "team", "team_member"):
        sql = f"SELECT count(*) FROM {table} WHERE id NOT IN (SELECT row_id FROM change WHERE tbl = ?)"
        unlogged = _scalar(ws, sql, (table,))
        assert unlogged == 0, table
    # Every stored field of every enterprise has its entry, with the value the row holds.
    for row in ws.db.query("SELECT * FROM enterprise"):
        logged = {
            col: json.loads(value)
            for col, value in ws.db.conn.execute(
                "SELECT col, value FROM change WHERE tbl = 'enterprise' AND row_id = ? ORDER BY hlc", (row["id"],)
            )
        }
        for col, value in row.items():
            if col in ("id", "search_text") or value is None or (col == "deleted" and value == 0):
                continue
            if col.startswith("is_") and value == 0:
                continue
            assert logged.get(col) == value, (row["name"], col)


def test_progress_is_reported_per_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_registry, "BATCH_SIZE", 10)
    calls: list[tuple[int, int]] = []
    with Workspace(tmp_path) as ws:
        s = generate_demo(ws, landlords=8, tenants=30, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) >= 3
    assert calls[-1] == (s.enterprises, s.enterprises)
    assert all(total == s.enterprises for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path, small: tuple[Workspace, DemoSummary]) -> None:
    ws, s = small
    again, s2 = _make(tmp_path / "again", landlords=10, tenants=30, seed=7)
    other, s3 = _make(tmp_path / "other", landlords=10, tenants=30, seed=8)
    try:
        assert _names(again) == _names(ws)
        assert sorted(r["name"] for r in again.roster.inspectors()) == sorted(r["name"] for r in ws.roster.inspectors())
        assert (s2.people, s2.parks, s2.change_entries) == (s.people, s.parks, s.change_entries)
        mine, theirs = {n for n, _ in _names(ws)}, {n for n, _ in _names(other)}
        assert len(mine & theirs) < 0.2 * len(mine)
    finally:
        again.close()
        other.close()


def test_tenants_per_landlord_are_skewed_at_city_scale() -> None:
    rng = random.Random(1)
    kinds = rng.choices(LANDLORD_KINDS, weights=LANDLORD_KIND_WEIGHTS, k=6555)
    weights = [landlord_weight(rng, kind) for kind in kinds]
    counts = tenant_counts(rng, weights, 23696)
    assert sum(counts) == 23696 and min(counts) >= 1
    assert sum(1 for c in counts if c <= 3) > 0.5 * len(counts)
    assert sum(1 for c in counts if c >= 20) >= 30
    assert max(counts) < 0.01 * sum(counts)
    assert tenant_counts(rng, [1.0, 1.0, 1.0], 2).count(0) >= 1  # fewer tenants than landlords
    assert tenant_counts(rng, [], 5) == []


def test_refuses_negative_sizes(tmp_path: Path) -> None:
    with Workspace(tmp_path) as ws, pytest.raises(ValueError):
        generate_demo(ws, landlords=-1)


def test_the_demo_with_documents_has_photos_signatures_and_signed_documents(tmp_path: Path) -> None:
    """What the first day shows on every tab: completed visits with their evidence, and documents that verify."""
    from app.documents.certs import trusted_roots
    from app.documents.issuing import Documents
    from app.documents.signing import verify_pdf
    from app.models.demo import generate_demo

    with Workspace(tmp_path / "data") as ws:
        summary = generate_demo(ws, landlords=6, tenants=18, inspections=4, seed=3, documents=True)
        completed = [i["id"] for i in ws.inspections.list() if i["status"] == "COMPLETED"]
        assert len(completed) == 3
        for inspection_id in completed:
            assert ws.signatures.missing(inspection_id) == []
            assert ws.inspections.photos(hazard_id=ws.inspections.hazards(inspection_id)[0]["id"])
        docs = Documents(ws)
        rows = docs.list()
        assert summary.documents == len(rows) > len(completed) and "demo-passphrase" in summary.describe()
        assert {r["doc_type"] for r in rows} == {"RECORD", "ORDER"}
        assert {r["status"] for r in rows} == {"SIGNED", "SERVED"}
        roots = trusted_roots(ws.data_dir)
        assert all(verify_pdf(docs.pdf(r["id"]), roots).ok for r in rows)
        for row in rows:  # made at the end of the visit's day, served there and then
            day = ws.inspections.get(row["inspection_id"])["started_at"][:10]
            assert row["created_at"][:10] == day
