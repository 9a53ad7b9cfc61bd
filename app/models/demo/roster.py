"""The inspectors and teams of the demo."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from app.models.demo.drawing import Drawer
from app.models.demo.names import DISTRICTS
from app.models.demo.results import RegistryResult, RosterResult

if TYPE_CHECKING:  # only its db, store, registry and roster are used
    from app.models.workspace import Workspace


def generate_roster(workspace: Workspace, rng: random.Random, registry: RegistryResult) -> RosterResult:
    """6–10 certified inspectors of the busiest district's bureau and township offices, and teams of two."""
    roster, store = workspace.roster, workspace.store
    district = next((d for d in DISTRICTS if d.name == registry.main_district), DISTRICTS[0])
    bureau = f"{district.address_prefix}应急管理局"
    towns = list(registry.main_townships[:2]) or [district.townships[0]]
    offices = [f"{district.name}{t}应急消防管理所" for t in towns]
    drawer = Drawer(rng, set())
    existing = {r[0] for r in store.db.conn.execute("SELECT cert_no FROM inspector")}
    count = rng.randint(6, 10)
    agencies = [bureau] * (count - 2 * len(offices)) + [o for o in offices for _ in range(2)]
    inspector_ids: list[str] = []
    by_agency: dict[str, list[str]] = {}
    with store.transaction():
        for agency in agencies:
            while True:
                year = rng.choice((2021, 2022, 2023, 2024, 2025))
                if agency == bureau:
                    cert_no, issuer = f"浙应急执法〔{year}〕{rng.randrange(1, 3000):04d}号", "浙江省应急管理厅"
                else:
                    cert_no, issuer = (
                        f"浙行政执法〔{year}〕{district.code}{rng.randrange(1, 1000):03d}号",
                        "浙江省人民政府",
                    )
                if cert_no not in existing:
                    existing.add(cert_no)
                    break
            name = drawer.unique(drawer.person)
            inspector_id = roster.add_inspector(name, cert_no, agency, cert_issuer=issuer, phone=drawer.mobile())
            inspector_ids.append(inspector_id)
            by_agency.setdefault(agency, []).append(inspector_id)
        team_ids = []
        bureau_staff = by_agency.get(bureau, [])
        for n, pair in enumerate(zip(bureau_staff[0::2], bureau_staff[1::2], strict=False), 1):
            if n > 2:
                break
            team_ids.append(roster.create_team(f"{bureau}执法{'一二'[n - 1]}组", list(pair), bureau))
        for office in offices[:1]:
            staff = by_agency[office]
            team_ids.append(roster.create_team(f"{office}检查组", staff[:2], office))
    return RosterResult(tuple(inspector_ids), tuple(team_ids))

