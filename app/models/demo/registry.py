"""The registry of the demo: townships, parks, landlords with their tenants and leases, people."""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from app.models.demo.drawing import (
    LANDLORD_KIND_WEIGHTS,
    LANDLORD_KINDS,
    Drawer,
    landlord_weight,
    operator_name,
    tenant_counts,
)
from app.models.demo.names import (
    CITY,
    DISTRICTS,
    INDUSTRIES,
    INDUSTRY_CUM,
    LANDLORD_COMPANY_WORDS,
    OPERATOR_WORDS,
    PARK_BRAND_WORDS,
    PROVINCE,
    RENTAL_INDUSTRY,
    RISK_GRADES,
    ROAD_SUFFIXES,
    ROAD_WORDS,
    VILLAGE_FIRST,
    VILLAGE_SECOND,
    DistrictInfo,
)
from app.models.demo.results import RegistryResult
from app.models.demo.settings import BATCH_SIZE, REFERENCE_DATE, Progress

if TYPE_CHECKING:  # only its db, store, registry and roster are used
    from app.models.workspace import Workspace


@dataclass
class _Township:
    id: str
    name: str
    short: str
    district: DistrictInfo
    code: str
    weight: float
    villages: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    roads: list[str] = field(default_factory=list)
    parks: list[_Park] = field(default_factory=list)
    park_cum: list[float] = field(default_factory=list)
    landlords: int = 0
    collectives: set[str] = field(default_factory=set)  # villages whose collective is already a landlord

    @property
    def full(self) -> str:
        return self.district.address_prefix + self.name

    def address(self, rng: random.Random) -> str:
        return f"{self.full}{rng.choice(self.roads)}{rng.randrange(1, 1200)}号"


@dataclass
class _Park:
    id: str
    name: str
    kind: str  # zone (镇工业园区), micro (小微企业园), village (村工业区), brand (XX智造园)
    village: tuple[str, str] | None
    address: str
    weight: float


def _pick_townships(landlords: int) -> list[tuple[DistrictInfo, list[str]]]:
    """How much of the city the demo covers: one district and three townships for a small demo, all of Ningbo
    (10 districts/counties, ~150 townships) at full size."""
    n_districts = max(1, min(len(DISTRICTS), round(landlords / 650)))
    chosen = DISTRICTS[:n_districts]
    total_weight = sum(d.weight for d in chosen)
    plan = []
    for district in chosen:
        share = landlords * district.weight / total_weight
        available = len(district.townships)
        n = max(min(3, available), min(available, math.ceil(share / 40)))
        towns = [t for t in district.townships if not t.endswith("街道")]
        streets = [t for t in district.townships if t.endswith("街道")]
        # Towns first: that is where the factories are; central streets only join for bigger demos.
        plan.append((district, (towns + streets)[:n] if n < available else list(district.townships)))
    return plan


def _generate_territory(workspace: Workspace, rng: random.Random, landlords: int) -> tuple[list[_Township], int]:
    registry = workspace.registry
    province = registry.ensure_org_unit(PROVINCE[0], "province", None, PROVINCE[1])
    city = registry.ensure_org_unit(CITY[0], "city", province, CITY[1])
    townships: list[_Township] = []
    villages = 0
    for district, names in _pick_townships(landlords):
        district_id = registry.ensure_org_unit(district.name, "district", city, district.code)
        serial = {"街道": 0, "镇": 100, "乡": 200}
        for name in district.townships:  # codes follow the district's full list so they do not depend on the size
            suffix = "街道" if name.endswith("街道") else name[-1]
            serial[suffix] += 1
            if name not in names:
                continue
            code = f"{district.code}{serial[suffix]:03d}"
            township_id = registry.ensure_org_unit(name, "township", district_id, code)
            weight = rng.lognormvariate(0.3 if suffix == "街道" else 1.0, 0.5) * (0.4 if suffix == "乡" else 1.0)
            short = name[: -len(suffix)]
            township = _Township(township_id, name, short, district, code, weight)
            village_names: list[str] = []
            while len(village_names) < rng.randint(4, 9):
                candidate = rng.choice(VILLAGE_FIRST) + rng.choice(VILLAGE_SECOND) + "村"
                if candidate not in village_names:
                    village_names.append(candidate)
            for v, village in enumerate(village_names, 1):
                village_id = registry.ensure_org_unit(village, "village", township_id, f"{code}{200 + v:03d}")
                township.villages.append((village_id, village))
                villages += 1
            roads = {rng.choice(ROAD_WORDS) + rng.choice(ROAD_SUFFIXES) for _ in range(rng.randint(6, 12))}
            township.roads = sorted(roads)
            townships.append(township)
    return townships, villages


def _generate_parks(
    workspace: Workspace, rng: random.Random, drawer: Drawer, township: _Township, counters: dict[str, int]
) -> list[str]:
    """Parks of one township (about one per 15 landlords); returns the operators' enterprise ids."""
    registry, store = workspace.registry, workspace.store
    n = 0 if township.landlords < 3 else max(1, min(8, round(township.landlords / 15 + rng.uniform(-0.5, 0.5))))
    kinds = ["zone", "micro", "village", "village", "brand", "micro", "village", "brand"][:n]
    operators: list[str] = []
    used_villages: set[str] = set()
    for kind in kinds:
        village = None
        if kind == "zone":
            name = f"{township.name}工业园区"
            weight = 3.0
        elif kind == "micro":
            phase = sum(1 for p in township.parks if p.kind == "micro")
            name = f"{township.district.name}{township.name}小微企业园" + (
                f"（{'一二三四'[phase]}期）" if phase else ""
            )
            weight = 2.5
        elif kind == "village":
            free = [v for v in township.villages if v[1] not in used_villages] or township.villages
            village = rng.choice(free)
            used_villages.add(village[1])
            name = f"{township.name}{village[1]}工业区"
            weight = 1.5
        else:
            name = f"宁波{drawer.brand()}{rng.choice(PARK_BRAND_WORDS)}"
            weight = 2.0
        if name in drawer.names:
            name = f"{name}（{township.short}）"
        drawer.names.add(name)
        address = township.address(rng)
        park_id = registry.ensure_park(name, township.id, address)
        township.parks.append(_Park(park_id, name, kind, village, address, weight))
        if kind in ("micro", "brand") and rng.random() < 0.7:
            prefixes, word = township.district.prefixes, rng.choice(OPERATOR_WORDS)
            op_name = drawer.unique(partial(operator_name, rng, drawer, prefixes, word))
            operator_id = registry.create_enterprise(
                name=op_name,
                uscc=drawer.uscc("9", "1", township.district.code, True),
                address=address,
                township_id=township.id,
                park_id=park_id,
                industry="园区运营管理",
                employees=drawer.employees(8, 3, 40),
                is_operator=True,
                phone=drawer.landline(),
            )
            counters["people"] += _write_people(workspace, drawer, operator_id, safety_officer=True)
            store.update("park", park_id, {"operator_id": operator_id})
            operators.append(operator_id)
    township.park_cum = list(itertools.accumulate(p.weight for p in township.parks))
    return operators


def _write_people(workspace: Workspace, drawer: Drawer, enterprise_id: str, *, safety_officer: bool) -> int:
    """Principal always; safety officer when asked. Returns how many people were written."""
    workspace.registry.set_person(enterprise_id, "principal", drawer.person(), drawer.mobile())
    if safety_officer:
        workspace.registry.set_person(enterprise_id, "safety_officer", drawer.person(), drawer.mobile())
        return 2
    return 1


def _risk_grade(rng: random.Random, profile: tuple[str, ...], tenants: int = 0) -> str | None:
    if rng.random() < 0.35:
        return None  # not graded yet
    if profile:
        weights = (10, 35, 45, 10)
    elif tenants >= 10:
        weights = (4, 30, 56, 10)
    else:
        weights = (1, 10, 54, 35)
    return rng.choices(RISK_GRADES, weights=weights)[0]


@dataclass
class _LandlordPlan:
    kind: str  # village, rental, maker, private
    township: _Township
    park: _Park | None
    village: tuple[str, str] | None
    tenants: int


def _plan_landlords(
    rng: random.Random, townships: list[_Township], landlords: int, tenants: int
) -> list[_LandlordPlan]:
    """Where each landlord is, what kind it is and how many tenants it has (village collectives and rental
    companies tend to have more)."""
    cum = list(itertools.accumulate(t.weight * t.district.weight for t in townships))
    plans: list[_LandlordPlan] = []
    weights: list[float] = []
    for township in rng.choices(townships, cum_weights=cum, k=landlords) if townships else []:
        kind = rng.choices(LANDLORD_KINDS, weights=LANDLORD_KIND_WEIGHTS)[0]
        plans.append(_LandlordPlan(kind, township, None, None, 0))
        township.landlords += 1
        weights.append(landlord_weight(rng, kind))
    for plan, count in zip(plans, tenant_counts(rng, weights, tenants), strict=False):
        plan.tenants = count
    return plans


def generate_registry(
    workspace: Workspace,
    rng: random.Random,
    *,
    landlords: int,
    tenants: int,
    progress: Progress | None = None,
) -> RegistryResult:
    store = workspace.store
    taken = {r[0] for r in store.db.conn.execute("SELECT uscc FROM enterprise WHERE uscc IS NOT NULL")}
    drawer = Drawer(rng, taken)
    counters = {"people": 0, "leases": 0, "signed": 0, "no_uscc": 0, "sites": 0}

    with store.transaction():
        townships, villages = _generate_territory(workspace, rng, landlords)
    plans = _plan_landlords(rng, townships, landlords, tenants)

    operator_ids: list[str] = []
    with store.transaction():
        for township in townships:
            operator_ids.extend(_generate_parks(workspace, rng, drawer, township, counters))
    parks = sum(len(t.parks) for t in townships)
    total = landlords + tenants + len(operator_ids)
    done = len(operator_ids)
    if progress and operator_ids:
        progress(done, total)

    landlord_ids: list[str] = []
    tenant_ids: list[str] = []
    index = 0
    while index < len(plans):
        batch_done = 0
        with store.transaction():
            while index < len(plans) and batch_done < BATCH_SIZE:
                plan = plans[index]
                index += 1
                landlord_id, written = _write_landlord(workspace, rng, drawer, plan, counters)
                landlord_ids.append(landlord_id)
                tenant_ids.extend(written)
                batch_done += 1 + len(written)
        done += batch_done
        if progress:
            progress(done, total)

    main = max(
        {t.district.name: t.district for t in townships}.values(),
        key=lambda d: sum(t.landlords for t in townships if t.district is d),
        default=DISTRICTS[0],
    )
    busiest = sorted((t for t in townships if t.district is main), key=lambda t: -t.landlords)
    return RegistryResult(
        districts=len({t.district.name for t in townships}),
        townships=len(townships),
        villages=villages,
        parks=parks,
        sites=counters["sites"],
        people=counters["people"],
        leases=counters["leases"],
        agreements_signed=counters["signed"],
        without_uscc=counters["no_uscc"],
        landlord_ids=tuple(landlord_ids),
        tenant_ids=tuple(tenant_ids),
        operator_ids=tuple(operator_ids),
        township_ids=tuple(t.id for t in townships),
        main_district=main.name,
        main_townships=tuple(t.name for t in busiest),
    )


def _write_landlord(
    workspace: Workspace, rng: random.Random, drawer: Drawer, plan: _LandlordPlan, counters: dict[str, int]
) -> tuple[str, list[str]]:
    """One landlord, its site and its tenants with their people and leases; returns (landlord id, tenant ids)."""
    registry, store = workspace.registry, workspace.store
    township, district = plan.township, plan.township.district
    area = district.code

    if plan.kind == "village":
        free = [v for v in township.villages if v[1] not in township.collectives]
        if free:  # one 股份经济合作社 per village; when all are taken, the landlord is a rental company
            plan.village = rng.choice(free)
            township.collectives.add(plan.village[1])
        else:
            plan.kind = "rental"
    if plan.kind == "village" and plan.village is not None:
        village_parks = [p for p in township.parks if p.village == plan.village]
        plan.park = village_parks[0] if village_parks else None
    elif township.parks and rng.random() < (0.7 if plan.kind == "rental" else 0.55):
        plan.park = rng.choices(township.parks, cum_weights=township.park_cum)[0]
    park = plan.park

    if park is not None and park.kind == "village":
        address = f"{township.full}{park.village[1] if park.village else ''}工业区{rng.randrange(1, 300)}号"
    elif plan.kind == "village" and plan.village is not None:
        address = f"{township.full}{plan.village[1]}{rng.randrange(1, 400)}号"
    else:
        address = township.address(rng)

    profile: tuple[str, ...] = ()
    phone = None
    if plan.kind == "village":
        village = plan.village[1] if plan.village else ""
        name = drawer.unique(lambda: f"{township.full}{village}股份经济合作社")
        uscc: str | None = drawer.uscc("N", "2", area, False)
        industry, employees = RENTAL_INDUSTRY, rng.randint(3, 12)
        site_name = f"{village}标准厂房"
    elif plan.kind == "private":
        name = drawer.unique(lambda: f"{drawer.person()}（个人出租）")
        uscc, industry, employees = None, RENTAL_INDUSTRY, None
        site_name = f"{name.split('（')[0]}出租厂房"
    else:
        if plan.kind == "maker":
            industry_info = rng.choices(INDUSTRIES, cum_weights=INDUSTRY_CUM)[0]
            word = rng.choice(industry_info.company_words + ("实业", "科技"))
            industry, employees = industry_info.label, drawer.employees(industry_info.median_employees * 4, 10, 2000)
            profile = industry_info.profile
        else:
            word = rng.choice(LANDLORD_COMPANY_WORDS)
            industry, employees = RENTAL_INDUSTRY, drawer.employees(6, 2, 30)
        name = drawer.unique(partial(operator_name, rng, drawer, district.prefixes, word))
        uscc = drawer.uscc("9", "1", area, rng.random() < 0.35)
        phone = drawer.landline() if rng.random() < 0.5 else None
        site_name = f"{name.replace('有限公司', '')}厂区"
    if uscc is None:
        counters["no_uscc"] += 1

    park_id = park.id if park else None
    landlord_id = registry.create_enterprise(
        name=name,
        uscc=uscc,
        address=address,
        township_id=township.id,
        park_id=park_id,
        industry=industry,
        employees=employees,
        is_landlord=True,
        phone=phone,
        risk_grade=_risk_grade(rng, profile, plan.tenants),
        profile={flag: True for flag in profile} or None,
    )
    site_id = store.insert(
        "site", {"name": site_name, "park_id": park_id, "landlord_id": landlord_id, "address": address}
    )
    counters["sites"] += 1
    registry.update_enterprise(landlord_id, site_id=site_id)
    counters["people"] += _write_people(
        workspace, drawer, landlord_id, safety_officer=plan.kind != "private" and rng.random() < 0.85
    )

    buildings = max(1, min(12, math.ceil(plan.tenants / 3)))
    units: set[str] = set()
    tenant_ids = []
    for _ in range(plan.tenants):
        tenant_ids.append(
            _write_tenant(workspace, rng, drawer, plan, landlord_id, site_id, address, buildings, units, counters)
        )
    return landlord_id, tenant_ids


def _write_tenant(
    workspace: Workspace,
    rng: random.Random,
    drawer: Drawer,
    plan: _LandlordPlan,
    landlord_id: str,
    site_id: str,
    site_address: str,
    buildings: int,
    units: set[str],
    counters: dict[str, int],
) -> str:
    registry, store = workspace.registry, workspace.store
    township, district = plan.township, plan.township.district
    info = rng.choices(INDUSTRIES, cum_weights=INDUSTRY_CUM)[0]
    form = rng.choices(("company", "factory", "individual", "workshop"), weights=(52, 20, 22, 6))[0]
    prefix = rng.choice(district.prefixes)
    if form == "company":
        word = rng.choice(info.company_words)
        name = drawer.unique(lambda: f"{prefix}{drawer.brand()}{word}有限公司")
        uscc: str | None = drawer.uscc("9", "1", district.code, rng.random() < 0.6)
        employees = drawer.employees(info.median_employees)
    elif form == "factory":  # 个人独资企业 / old collective 厂: registered, has a code
        word = rng.choice(info.factory_words)
        name = drawer.unique(lambda: f"{prefix}{drawer.brand()}{word}厂")
        uscc = drawer.uscc("9", "1", district.code, rng.random() < 0.5)
        employees = drawer.employees(info.median_employees * 0.8)
    elif form == "individual":  # 个体工商户: code for most, some never recorded one
        word = rng.choice(info.factory_words)
        place = prefix if prefix.endswith(("市", "县")) else prefix + township.short
        name = drawer.unique(
            lambda: f"{place}{drawer.brand()}{word}{rng.choice(('加工厂', '加工厂', '加工场', '经营部'))}"
        )
        uscc = drawer.uscc("9", "2", district.code, True) if rng.random() < 0.7 else None
        employees = drawer.employees(6, 1, 30)
    else:  # unregistered workshop, known by its owner's name
        word = rng.choice(info.factory_words)
        name = drawer.unique(lambda: f"{drawer.person()}{word}加工作坊")
        uscc = None
        employees = drawer.employees(4, 1, 12)
    if uscc is None:
        counters["no_uscc"] += 1

    building = rng.randint(1, buildings)
    for _ in range(20):
        unit = f"{building}幢{rng.randint(1, 4)}楼" + rng.choice(("", "", "东侧", "西侧", "南侧", "北侧", "A区", "B区"))
        if unit not in units:
            break
        building = rng.randint(1, buildings)
    units.add(unit)
    area = round(max(40.0, employees * rng.uniform(25, 80)) / 10) * 10

    tenant_id = registry.create_enterprise(
        name=name,
        uscc=uscc,
        address=f"{site_address}{unit}",
        township_id=township.id,
        park_id=plan.park.id if plan.park else None,
        site_id=site_id,
        industry=info.label,
        employees=employees,
        is_tenant=True,
        phone=drawer.landline() if form == "company" and rng.random() < 0.25 else None,
        risk_grade=_risk_grade(rng, info.profile),
        profile={flag: True for flag in info.profile} or None,
    )
    safety_officer = rng.random() < (0.95 if employees >= 30 else 0.7 if employees >= 10 else 0.4)
    counters["people"] += _write_people(
        workspace, drawer, tenant_id, safety_officer=safety_officer and form != "workshop"
    )

    start = drawer.day(REFERENCE_DATE - timedelta(days=8 * 365), REFERENCE_DATE - timedelta(days=30))
    end = start + timedelta(days=365 * rng.choice((1, 2, 3, 3, 5, 5, 10)) - 1)
    p_signed = {"village": 0.65, "rental": 0.8, "maker": 0.7, "private": 0.4}[plan.kind]
    signed = rng.random() < p_signed
    agreed = drawer.day(start, min(REFERENCE_DATE, start + timedelta(days=400))) if signed else None
    lease_id = registry.add_lease(
        landlord_id,
        tenant_id,
        site_id=site_id,
        unit=unit,
        area_m2=float(area),
        agreement_signed=signed,
        agreement_date=agreed.isoformat() if agreed else None,
    )
    store.update("lease", lease_id, {"start_date": start.isoformat(), "end_date": end.isoformat()})
    counters["leases"] += 1
    counters["signed"] += signed
    return tenant_id
