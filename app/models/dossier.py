"""一企一档: everything the app knows about one enterprise, gathered for its dossier page (read-only).

The registry owns the enterprise, its people and leases; inspections own visits and hazards; this module only
reads them and puts them together the way the dossier shows them: the profile with its township and park names,
the leases seen from this enterprise's side, the inspections that covered it (as the site or as a tenant visited on
the same trip) with the hazards attributed to *this* enterprise, the hazards still open with their overdue flag, and
its documents. No Qt, no writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from app.errors import NotFoundError, language
from app.models import content, vocab
from app.models.registry import SAME_FIRM
from app.models.store import Store
from app.models.templates import Templates

if TYPE_CHECKING:
    from app.models.workspace import Workspace

# Hazard statuses that are no longer waiting for rectification.
FINISHED_HAZARD_STATUSES = ("CLOSED", "VOID")
_FINISHED_SQL = "('CLOSED', 'VOID')"


@dataclass(frozen=True)
class Person:
    id: str
    role: str
    name: str
    phone: str | None
    position: str | None

    @property
    def role_label(self) -> str:
        return vocab.label("person_roles", self.role)


@dataclass(frozen=True)
class Profile:
    """The enterprise row with the names of what it points at (the dossier's 基本信息 and header)."""

    id: str
    name: str
    uscc: str | None
    roles: tuple[str, ...]  # landlord / tenant / operator, in that order
    township_id: str | None
    township: str | None
    park_id: str | None
    park: str | None
    address: str | None
    industry: str | None
    employees: int | None
    phone: str | None
    risk_grade: str | None
    notes: str | None
    principal: Person | None
    safety_officer: Person | None

    @property
    def roles_label(self) -> str:
        return "、".join(vocab.label("enterprise_roles", r) for r in self.roles)

    @property
    def risk_label(self) -> str:
        """The grade's label, or '' when the enterprise has not been graded (未评定)."""
        return vocab.label("risk_grades", self.risk_grade)


@dataclass(frozen=True)
class Relation:
    """One lease seen from the dossier's enterprise: `other_*` is the party on the other side."""

    lease_id: str
    landlord_id: str
    landlord_name: str
    tenant_id: str
    tenant_name: str
    other_id: str
    other_name: str
    other_role: str  # "landlord" when the dossier's enterprise is the tenant, else "tenant"
    unit: str | None
    area_m2: float | None
    agreement_signed: bool
    agreement_date: str | None
    other_open_hazards: int

    @property
    def other_role_label(self) -> str:
        return vocab.label("enterprise_roles", self.other_role)


@dataclass(frozen=True)
class InspectionSummary:
    """One inspection that covered the enterprise, with the hazards attributed to that enterprise only."""

    id: str
    site_enterprise_id: str  # the enterprise the visit was opened for (the landlord's site, or the enterprise itself)
    site_enterprise_name: str
    mode: str
    purpose: str
    status: str  # IN_PROGRESS / COMPLETED / VOID
    started_at: str
    ended_at: str | None
    inspectors: str  # names, "、"-separated, lead first
    hazards: int  # not void
    open_hazards: int  # neither closed nor void
    major_hazards: int  # not void, graded 重大隐患

    @property
    def mode_label(self) -> str:
        return vocab.label("inspection_modes", self.mode)


@dataclass(frozen=True)
class OpenHazard:
    id: str
    inspection_id: str | None
    item_code: str | None
    item_title: str | None  # from the checklist the inspection was run on
    description: str
    location: str | None
    grade: str
    status: str
    deadline: str | None  # ISO date, inclusive
    overdue: bool
    days_left: int | None  # days until the deadline (0 = due today, negative = overdue); None without deadline
    rectified_on_site: bool
    created_at: str

    @property
    def grade_label(self) -> str:
        return vocab.label("hazard_grades", self.grade)

    @property
    def status_label(self) -> str:
        return vocab.label("hazard_statuses", self.status)

    @property
    def is_major(self) -> bool:
        return self.grade == "MAJOR"


@dataclass(frozen=True)
class DocumentRow:
    id: str
    doc_type: str  # RECORD / ORDER / DECISION / RECHECK
    doc_no: str | None
    status: str  # DRAFT / SIGNED / SERVED / VOID
    inspection_id: str | None
    created_at: str


@dataclass(frozen=True)
class Counts:
    """The numbers the dossier header shows."""

    inspections: int
    open_hazards: int
    overdue_hazards: int
    major_open_hazards: int
    tenants: int
    landlords: int


class Dossier:
    """Read-only queries behind the 一企一档 page.

    `today` gives the date that overdue flags are computed against (a callable so tests can pin it); every method
    that depends on it also takes an explicit `today`.
    """

    def __init__(self, source: Workspace | Store, today: Callable[[], date] = date.today) -> None:
        self.store: Store = source if isinstance(source, Store) else source.store
        self.today = today
        self.templates = Templates(self.store)

    # The enterprise itself

    def profile(self, enterprise_id: str) -> Profile:
        rows = self.store.query(
            """SELECT e.*, t.name AS township_name, p.name AS park_name
               FROM enterprise e LEFT JOIN org_unit t ON t.id = e.township_id LEFT JOIN park p ON p.id = e.park_id
               WHERE e.id = ? AND e.deleted = 0""",
            (enterprise_id,),
        )
        if not rows:
            raise NotFoundError(
                "enterprise.not_found", "找不到企业：{ref}", "No such enterprise: {ref}", ref=enterprise_id
            )
        e = rows[0]
        roles = tuple(r for r in ("landlord", "tenant", "operator") if e[f"is_{r}"])
        people = self.people(enterprise_id)
        return Profile(
            id=e["id"],
            name=e["name"],
            uscc=e["uscc"],
            roles=roles,
            township_id=e["township_id"],
            township=e["township_name"],
            park_id=e["park_id"],
            park=e["park_name"],
            address=e["address"],
            industry=e["industry"],
            employees=e["employees"],
            phone=e["phone"],
            risk_grade=e["risk_grade"],
            notes=e["notes"],
            principal=next((p for p in people if p.role == "principal"), None),
            safety_officer=next((p for p in people if p.role == "safety_officer"), None),
        )

    def people(self, enterprise_id: str) -> list[Person]:
        """Current people, principal first, then safety officer, then the others by role and name."""
        order = {code: n for n, code in enumerate(vocab.codes("person_roles"))}
        rows = self.store.query(
            "SELECT id, role, name, phone, position FROM person WHERE enterprise_id = ? AND deleted = 0 ORDER BY id",
            (enterprise_id,),
        )
        people = [Person(r["id"], r["role"], r["name"], r["phone"], r["position"]) for r in rows]
        return sorted(people, key=lambda p: (order.get(p.role, len(order)), p.name))

    def parks(self, township_id: str | None = None) -> list[dict[str, Any]]:
        """Parks (id, name, township_id) by name; with a township, that township's parks first."""
        return self.store.query(
            "SELECT id, name, township_id FROM park WHERE deleted = 0 "
            "ORDER BY coalesce(township_id IS NOT :t AND :t IS NOT NULL, 0), name, id",
            {"t": township_id},
        )

    # Leases

    def relations(self, enterprise_id: str) -> list[Relation]:
        """Leases in which the enterprise is the tenant (its landlords first), then those in which it is the landlord
        (its tenants by name); each with the other party's count of open hazards."""
        rows = self.store.query(
            f"""SELECT l.id, l.landlord_id, lo.name AS landlord_name, l.tenant_id, te.name AS tenant_name,
                       l.unit, l.area_m2, l.agreement_signed, l.agreement_date,
                       (SELECT count(*) FROM hazard h WHERE h.deleted = 0 AND h.status NOT IN {_FINISHED_SQL}
                        AND h.enterprise_id = CASE WHEN l.tenant_id = :e THEN l.landlord_id ELSE l.tenant_id END)
                        AS other_open
                FROM lease l JOIN enterprise lo ON lo.id = l.landlord_id JOIN enterprise te ON te.id = l.tenant_id
                WHERE l.deleted = 0 AND lo.deleted = 0 AND te.deleted = 0 AND (l.landlord_id = :e OR l.tenant_id = :e)
                ORDER BY (l.tenant_id = :e) DESC, lo.name, te.name, l.id""",
            {"e": enterprise_id},
        )
        relations = []
        for r in rows:
            as_tenant = r["tenant_id"] == enterprise_id
            relations.append(
                Relation(
                    lease_id=r["id"],
                    landlord_id=r["landlord_id"],
                    landlord_name=r["landlord_name"],
                    tenant_id=r["tenant_id"],
                    tenant_name=r["tenant_name"],
                    other_id=r["landlord_id"] if as_tenant else r["tenant_id"],
                    other_name=r["landlord_name"] if as_tenant else r["tenant_name"],
                    other_role="landlord" if as_tenant else "tenant",
                    unit=r["unit"],
                    area_m2=r["area_m2"],
                    agreement_signed=bool(r["agreement_signed"]),
                    agreement_date=r["agreement_date"],
                    other_open_hazards=int(r["other_open"]),
                )
            )
        return relations

    # Inspections and hazards

    def inspections(self, enterprise_id: str) -> list[InspectionSummary]:
        """Inspections in which the enterprise is a target, newest first, with the hazards attributed to it."""
        rows = self.store.query(
            f"""SELECT i.id, i.enterprise_id, s.name AS site_name, i.mode, i.purpose, i.status, i.started_at,
                       i.ended_at,
                       (SELECT group_concat(name, '、') FROM (
                            SELECT x.name FROM inspection_inspector ii JOIN inspector x ON x.id = ii.inspector_id
                            WHERE ii.inspection_id = i.id AND ii.deleted = 0
                            ORDER BY ii.role = 'lead' DESC, ii.id)) AS inspectors,
                       (SELECT count(*) FROM hazard h WHERE h.inspection_id = i.id AND h.enterprise_id IN {SAME_FIRM}
                        AND h.deleted = 0 AND h.status != 'VOID') AS hazards,
                       (SELECT count(*) FROM hazard h WHERE h.inspection_id = i.id AND h.enterprise_id IN {SAME_FIRM}
                        AND h.deleted = 0 AND h.status NOT IN {_FINISHED_SQL}) AS open_hazards,
                       (SELECT count(*) FROM hazard h WHERE h.inspection_id = i.id AND h.enterprise_id IN {SAME_FIRM}
                        AND h.deleted = 0 AND h.status != 'VOID' AND h.grade = 'MAJOR') AS major_hazards
                FROM inspection i JOIN enterprise s ON s.id = i.enterprise_id
                WHERE i.deleted = 0 AND i.id IN
                      (SELECT inspection_id FROM inspection_target WHERE enterprise_id IN {SAME_FIRM}
                       AND deleted = 0)
                ORDER BY i.started_at DESC, i.id DESC""",
            {"e": enterprise_id},
        )
        return [
            InspectionSummary(
                id=r["id"],
                site_enterprise_id=r["enterprise_id"],
                site_enterprise_name=r["site_name"],
                mode=r["mode"],
                purpose=r["purpose"],
                status=r["status"],
                started_at=r["started_at"],
                ended_at=r["ended_at"],
                inspectors=r["inspectors"] or "",
                hazards=int(r["hazards"]),
                open_hazards=int(r["open_hazards"]),
                major_hazards=int(r["major_hazards"]),
            )
            for r in rows
        ]

    def open_hazards(self, enterprise_id: str, today: date | None = None) -> list[OpenHazard]:
        """Hazards the enterprise must still rectify (status neither CLOSED nor VOID), most urgent first.

        A hazard is overdue when `today` is after its deadline; the deadline day itself is still in time. Hazards
        without a deadline (rectified on site, or not yet given one) are never overdue and come last.
        """
        today = today or self.today()
        rows = self.store.query(
            f"""SELECT h.*, i.template_id FROM hazard h LEFT JOIN inspection i ON i.id = h.inspection_id
                WHERE h.enterprise_id IN {SAME_FIRM} AND h.deleted = 0 AND h.status NOT IN {_FINISHED_SQL}
                ORDER BY h.deadline IS NULL, h.deadline, h.grade = 'MAJOR' DESC, h.created_at, h.id""",
            {"e": enterprise_id},
        )
        hazards = []
        for r in rows:
            deadline = r["deadline"]
            days_left = (date.fromisoformat(deadline) - today).days if deadline else None
            hazards.append(
                OpenHazard(
                    id=r["id"],
                    inspection_id=r["inspection_id"],
                    item_code=r["item_code"],
                    item_title=self._item_title(r["template_id"], r["item_code"]),
                    description=r["description"],
                    location=r["location"],
                    grade=r["grade"],
                    status=r["status"],
                    deadline=deadline,
                    overdue=days_left is not None and days_left < 0,
                    days_left=days_left,
                    rectified_on_site=bool(r["rectified_on_site"]),
                    created_at=r["created_at"],
                )
            )
        return hazards

    def _item_title(self, template_id: str | None, item_code: str | None) -> str | None:
        if not template_id or not item_code:
            return None
        checklist: content.Checklist = self.templates.checklist(template_id)
        item = next((i for i in checklist.items if i.code == item_code), None)
        if item is None:
            return None
        return item.title_en if language() == "en" else item.title_zh

    # Documents

    def documents(self, enterprise_id: str) -> list[DocumentRow]:
        """Documents issued to the enterprise, newest first (none until documents are produced)."""
        rows = self.store.query(
            f"""SELECT id, doc_type, doc_no, status, inspection_id, created_at FROM document
               WHERE enterprise_id IN {SAME_FIRM} AND deleted = 0 ORDER BY created_at DESC, id DESC""",
            {"e": enterprise_id},
        )
        return [
            DocumentRow(r["id"], r["doc_type"], r["doc_no"], r["status"], r["inspection_id"], r["created_at"])
            for r in rows
        ]

    # Header

    def counts(self, enterprise_id: str, today: date | None = None) -> Counts:
        hazards = self.open_hazards(enterprise_id, today)
        relations = self.relations(enterprise_id)
        inspections = self.store.db.conn.execute(
            f"""SELECT count(*) FROM inspection WHERE deleted = 0 AND id IN
               (SELECT inspection_id FROM inspection_target WHERE enterprise_id IN {SAME_FIRM} AND deleted = 0)""",
            {"e": enterprise_id},
        ).fetchone()[0]
        return Counts(
            inspections=int(inspections),
            open_hazards=len(hazards),
            overdue_hazards=sum(h.overdue for h in hazards),
            major_open_hazards=sum(h.is_major for h in hazards),
            tenants=sum(r.other_role == "tenant" for r in relations),
            landlords=sum(r.other_role == "landlord" for r in relations),
        )
