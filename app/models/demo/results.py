"""What a demo run made, for the caller to print or show."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.errors import language
from app.models.demo.records import DEMO_PASSPHRASE


@dataclass(frozen=True)
class RegistryResult:
    """What `generate_registry` created; the ids are what a later inspections step draws from."""

    districts: int
    townships: int
    villages: int
    parks: int
    sites: int
    people: int
    leases: int
    agreements_signed: int
    without_uscc: int
    landlord_ids: tuple[str, ...]
    tenant_ids: tuple[str, ...]
    operator_ids: tuple[str, ...]
    township_ids: tuple[str, ...]
    main_district: str
    main_townships: tuple[str, ...]  # the busiest townships of the busiest district, busiest first


@dataclass(frozen=True)
class RosterResult:
    inspector_ids: tuple[str, ...]
    team_ids: tuple[str, ...]


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    districts: int
    townships: int
    villages: int
    parks: int
    sites: int
    landlords: int
    tenants: int
    operators: int
    people: int
    leases: int
    agreements_signed: int
    without_uscc: int
    inspectors: int
    teams: int
    change_entries: int
    seconds: float
    landlord_ids: tuple[str, ...] = field(repr=False)
    tenant_ids: tuple[str, ...] = field(repr=False)
    operator_ids: tuple[str, ...] = field(repr=False)
    inspector_ids: tuple[str, ...] = field(repr=False)
    team_ids: tuple[str, ...] = field(repr=False)
    inspections: int = 0
    hazards: int = 0
    documents: int = 0  # signed documents, with generate_demo(documents=True)

    @property
    def enterprises(self) -> int:
        return self.landlords + self.tenants + self.operators

    def describe(self) -> str:
        template = (
            "{landlords} landlords, {tenants} tenants, {operators} park operators in {townships} townships; "
            "{inspectors} inspectors; {inspections} inspections with {hazards} hazards ({seconds:.1f} s)"
            if language() == "en"
            else "出租方 {landlords} 家、承租方 {tenants} 家、园区运营方 {operators} 家，分布于 {townships} 个镇街；"
            "执法人员 {inspectors} 名；检查 {inspections} 次，隐患 {hazards} 条（用时 {seconds:.1f} 秒）"
        )
        if self.documents:
            template += (f"; {self.documents} signed documents (signing passphrase {DEMO_PASSPHRASE})"
                         if language() == "en" else f"；已签名文书 {self.documents} 份（签名口令 {DEMO_PASSPHRASE}）")
        return template.format(
            **{
                k: getattr(self, k)
                for k in (
                    "landlords",
                    "tenants",
                    "operators",
                    "townships",
                    "inspectors",
                    "inspections",
                    "hazards",
                    "seconds",
                )
            }
        )
