"""generate_demo: the registry, the roster and (optionally) inspections, in batches with progress."""

from __future__ import annotations

import random
import time
from datetime import date
from typing import TYPE_CHECKING

from app.models.demo.inspections import generate_inspections
from app.models.demo.records import issue_documents
from app.models.demo.registry import generate_registry
from app.models.demo.results import DemoSummary
from app.models.demo.roster import generate_roster
from app.models.demo.settings import Progress
from app.models.risk import add_months

if TYPE_CHECKING:  # only its db, store, registry and roster are used
    from app.models.workspace import Workspace

DEMO_CAMPAIGN = "厂中厂安全专项整治（演示）"


def generate_demo(
    workspace: Workspace,
    *,
    landlords: int = 40,
    tenants: int = 160,
    inspections: int = 0,
    seed: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
    documents: bool = False,
) -> DemoSummary:
    """Fill `workspace` with a fictional city registry and an inspector roster; see the module docstring.

    `progress(done, total)` is called after every committed batch, counting enterprises (landlords, tenants and
    park operators). Meant for an empty workspace; existing places and parks of the same name are reused.
    """
    if landlords < 0 or tenants < 0:
        raise ValueError("landlords and tenants must not be negative")
    started = time.perf_counter()
    changes_before = _change_count(workspace)
    registry = generate_registry(
        workspace, random.Random(f"{seed}:registry"), landlords=landlords, tenants=tenants, progress=progress
    )
    roster = generate_roster(workspace, random.Random(f"{seed}:roster"), registry)
    # Each step has its own RNG so that adding one does not change the names drawn by the others.
    visits = generate_inspections(
        workspace,
        random.Random(f"{seed}:inspections"),
        count=inspections,
        landlord_ids=registry.landlord_ids,
        inspector_ids=roster.inspector_ids,
        today=today or date.today(),
        evidence=documents,
    )
    issued = 0
    if documents and visits.inspection_ids:
        issued = issue_documents(workspace, random.Random(f"{seed}:documents"), visits.inspection_ids)
    if visits.inspection_ids:  # the coverage page opens on a campaign that holds the demo's visits
        day = today or date.today()
        workspace.campaigns.create(DEMO_CAMPAIGN, add_months(day, -3), add_months(day, 1))
    return DemoSummary(
        seed=seed,
        districts=registry.districts,
        townships=registry.townships,
        villages=registry.villages,
        parks=registry.parks,
        sites=registry.sites,
        landlords=len(registry.landlord_ids),
        tenants=len(registry.tenant_ids),
        operators=len(registry.operator_ids),
        people=registry.people,
        leases=registry.leases,
        agreements_signed=registry.agreements_signed,
        without_uscc=registry.without_uscc,
        inspectors=len(roster.inspector_ids),
        teams=len(roster.team_ids),
        change_entries=_change_count(workspace) - changes_before,
        seconds=time.perf_counter() - started,
        landlord_ids=registry.landlord_ids,
        tenant_ids=registry.tenant_ids,
        operator_ids=registry.operator_ids,
        inspector_ids=roster.inspector_ids,
        team_ids=roster.team_ids,
        inspections=len(visits.inspection_ids),
        hazards=visits.hazards,
        documents=issued,
    )


def _change_count(workspace: Workspace) -> int:
    return int(workspace.db.conn.execute("SELECT count(*) FROM change").fetchone()[0])
