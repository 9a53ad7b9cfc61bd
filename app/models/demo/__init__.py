"""Demo data: a plausible Ningbo-style registry of landlords, tenants, parks and inspectors.

`generate_demo(workspace)` fills a workspace with a fictional city registry laid out the way a 厂中厂 campaign sees
it: 宁波市 → districts/counties → 镇/街道 → villages; small/micro parks and village industrial zones; landlords
(village collectives, companies owning plants, a few private owners) letting space to tenants (companies, 厂,
个体工商户, unregistered workshops); principals and safety officers; leases with safety agreements; risk grades;
and a roster of certified inspectors in teams of two. The same seed gives the same names, codes and numbers (row
ids are UUIDv7 and differ from run to run).

Everything is written through the Registry/Roster services and hence through `Store`, so every field has its entry
in the change log exactly as if an officer had typed it in. Enterprises are written in transactions of about
`BATCH_SIZE`; the whole of Ningbo (6,555 landlords, 23,696 tenants; domain brief §7.1) takes under a minute
(benchmarks/bench_demo.py --full).

Names of districts and townships are real, as are the district codes (GB/T 2260); township codes are numbered in
list order, not the official statistical codes. Villages, roads, parks, enterprises, people, phone numbers, credit
codes and certificate numbers are invented. The credit codes are well-formed (GB 32100 check character, GB 11714
check character of the organisation-code part) but random, so one may equal a real enterprise's code by chance:
demo data is for demonstrations, training and tests only.

With `inspections=N`, N visits of the last two months follow (app/models/demo/inspections.py), dated relative to
`today`.
"""

from __future__ import annotations

from app.models.demo.drawing import LANDLORD_KIND_WEIGHTS, LANDLORD_KINDS, landlord_weight, tenant_counts
from app.models.demo.generate import generate_demo
from app.models.demo.names import CITY, DISTRICTS, INDUSTRIES, PROVINCE, RENTAL_INDUSTRY, RISK_GRADES
from app.models.demo.results import DemoSummary, RegistryResult, RosterResult
from app.models.demo.settings import BATCH_SIZE, REFERENCE_DATE, Progress

__all__ = [
    "BATCH_SIZE",
    "CITY",
    "DISTRICTS",
    "DemoSummary",
    "INDUSTRIES",
    "LANDLORD_KINDS",
    "LANDLORD_KIND_WEIGHTS",
    "PROVINCE",
    "Progress",
    "REFERENCE_DATE",
    "RENTAL_INDUSTRY",
    "RISK_GRADES",
    "RegistryResult",
    "RosterResult",
    "generate_demo",
    "landlord_weight",
    "tenant_counts",
]
