"""The city data set the benchmarks run on: a supervisor's database after one campaign year (domain brief §7).

Full size: Ningbo's 30,251 enterprises (6,555 landlords, 23,696 tenants), about 40,000 inspections with 200,000
hazards, 600,000 photos and 120,000 documents. Built in three steps, in a few minutes on 2 cores:

1. the registry, the roster and `TEMPLATES` real visits through the services (app/models/demo), and a few real
   documents issued on them, so every template row is what an officer's laptop writes;
2. the template visits copied, row by row in SQL, until the hazards reach the target: each copy is moved to another
   landlord and its tenants, to another day of the year, with its hazards spread over the lifecycle's states;
3. photos: every hazard gets three photo rows. Their bytes are a pool of small synthetic JPEGs in the blob store
   (one blob serves many rows), so the rows, the joins and the blob lookups are those of a real year, not the disk.

Copied rows have no change-log entries (a merged database would have about 20 per row); the benchmarks that time
sync build their own bundles through the services (bench_sync.py).
"""

from __future__ import annotations

import random
import sqlite3
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from app.models.demo import generate_demo
from app.models.ids import uuid7
from app.models.store import Store
from app.models.workspace import Workspace

TODAY = date(2026, 11, 20)
TEMPLATES = 200
DOCUMENT_TEMPLATES = 6
PHOTOS_PER_HAZARD = 3
PHOTO_POOL = 24


@dataclass(frozen=True)
class CitySize:
    name: str
    landlords: int
    tenants: int
    hazards: int


FULL = CitySize("full", 6555, 23696, 200_000)
QUICK = CitySize("quick", 650, 2400, 20_000)

# Tables holding one visit's rows, parents before children; `inspection_position` only marks unfinished visits.
VISIT_TABLES = (
    "inspection", "inspection_inspector", "inspection_target", "item_result", "hazard",
    "interview_answer", "quiz_attempt", "awareness_sample",
)
MAPPED = {"inspection_id": "inspection", "item_result_id": "item_result", "hazard_id": "hazard",
          "supersedes_id": "document", "closure_doc_id": "document"}
DATE_COLUMNS = {"started_at", "ended_at", "created_at", "deadline", "added_at", "taken_at", "finished_at",
                "submitted_on", "closed_on", "overdue_since", "served_on"}
# The lifecycle a year's hazards are spread over (weights), and what each state needs beside its status.
STATES = (("CLOSED", 55), ("OPEN", 22), ("SUBMITTED", 10), ("IN_REMEDIATION", 4), ("ESCALATED", 3),
          ("LISTED", 2), ("VOID", 2), ("DRAFT", 2))


@dataclass
class City:
    folder: Path
    size: CitySize
    enterprises: int
    inspections: int
    hazards: int
    photos: int
    documents: int
    seconds: float


def counts(ws: Workspace, folder: Path, size: CitySize, seconds: float) -> City:
    def n(table: str) -> int:
        return int(ws.db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    return City(folder, size, ws.registry.count(), n("inspection"), n("hazard"), n("photo"), n("document"), seconds)


def build_city(folder: Path, size: CitySize, *, log=print) -> City:
    """Build the data set into `folder` (or reuse the one a previous run left there)."""
    started = time.perf_counter()
    with Workspace(folder) as ws:
        if ws.registry.count():
            _judge_visits(ws)  # a data set built by an older version is migrated when opened
            return counts(ws, folder, size, 0.0)
        summary = generate_demo(ws, landlords=size.landlords, tenants=size.tenants, inspections=TEMPLATES,
                                today=TODAY)
        log(f"  registry and {TEMPLATES} template visits: {time.perf_counter() - started:.0f} s")
        _issue_template_documents(ws)
        rng = random.Random(7)
        _copy_visits(ws.store, rng, size.hazards, summary.landlord_ids)
        log(f"  visits copied: {time.perf_counter() - started:.0f} s")
        _add_photos(ws, rng)
        log(f"  photos: {time.perf_counter() - started:.0f} s")
        _judge_visits(ws)
        ws.db.conn.execute("ANALYZE")
        return counts(ws, folder, size, time.perf_counter() - started)


def _judge_visits(ws: Workspace) -> None:
    """The visits' coverage facts judged, as the first coverage reading leaves them (app/models/visit_facts.py): the
    benchmarks time the readings after it."""
    from app.models.visit_facts import refresh

    refresh(ws.store, ws.inspections.templates)


def _issue_template_documents(ws: Workspace) -> None:
    from app.documents.issuing import Documents

    docs = Documents(ws)
    pairs = ws.store.query(
        "SELECT DISTINCT h.inspection_id, h.enterprise_id FROM hazard h JOIN inspection i ON i.id = h.inspection_id "
        "WHERE i.status = 'COMPLETED' ORDER BY h.inspection_id LIMIT ?", (DOCUMENT_TEMPLATES,))
    for pair in pairs:
        docs.issue("RECORD", pair["inspection_id"], issued_on=TODAY)
        docs.issue("ORDER", pair["inspection_id"], pair["enterprise_id"], issued_on=TODAY)


def _copy_visits(store: Store, rng: random.Random, hazards: int, landlord_ids: list[str]) -> None:
    conn = store.db.conn
    templates = [r[0] for r in conn.execute("SELECT id FROM inspection WHERE status = 'COMPLETED' ORDER BY id")]
    rows = {t: _rows_by_visit(conn, t) for t in (*VISIT_TABLES, "document")}
    columns = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in (*VISIT_TABLES, "document")}
    documents = list(rows["document"].values())  # each visit copy gets the documents of one of these visits
    tenants_of: dict[str, list[str]] = {}
    for landlord, tenant in conn.execute("SELECT landlord_id, tenant_id FROM lease WHERE deleted = 0"):
        tenants_of.setdefault(landlord, []).append(tenant)
    all_tenants = [t for ts in tenants_of.values() for t in ts]
    sites = dict(conn.execute("SELECT landlord_id, id FROM site WHERE deleted = 0"))
    total = int(conn.execute("SELECT count(*) FROM hazard").fetchone()[0])
    out: dict[str, list[tuple]] = {t: [] for t in (*VISIT_TABLES, "document")}
    landlords = list(landlord_ids)
    rng.shuffle(landlords)
    serial = 100_000
    copy = 0
    while total < hazards:
        template = templates[copy % len(templates)]
        landlord = landlords[copy % len(landlords)]
        copy += 1
        old_landlord = rows["inspection"][template][0][columns["inspection"].index("enterprise_id")]
        targets = {r[columns["inspection_target"].index("enterprise_id")] for r in rows["inspection_target"][template]}
        old_tenants = sorted(targets - {old_landlord})
        pool = tenants_of.get(landlord, [])
        new_tenants = rng.sample(pool, len(old_tenants)) if len(pool) >= len(old_tenants) else \
            rng.sample(all_tenants, len(old_tenants))
        people = {old_landlord: landlord, **dict(zip(old_tenants, new_tenants, strict=True))}
        shift = timedelta(days=-rng.randrange(0, 330))
        ids: dict[str, dict[str, str]] = {t: {} for t in (*VISIT_TABLES, "document")}
        for table in VISIT_TABLES:
            for row in rows[table].get(template, ()):
                new = _moved(row, table, columns[table], ids, people, sites.get(landlord), shift)
                if table == "hazard":
                    _lifecycle(new, columns[table], rng)
                    total += 1
                out[table].append(tuple(new))
        # The documents of another visit, issued to this one's landlord and tenants.
        paperwork = rng.choice(documents)
        cols = columns["document"]
        visit = paperwork[0][cols.index("inspection_id")]
        ids["inspection"][visit] = ids["inspection"][template]
        receivers = {r[cols.index("enterprise_id")] for r in paperwork}
        to = {e: rng.choice([landlord, *new_tenants]) for e in receivers}
        for row in paperwork:
            new = _moved(row, "document", cols, ids, to, None, shift)
            serial += 1
            new[cols.index("serial")] = serial
            _paperwork_state(new, cols, rng)
            out["document"].append(tuple(new))
        if copy % 2000 == 0:
            _flush(store, out, columns)
    _flush(store, out, columns)


def _moved(row: tuple, table: str, cols: list[str], ids: dict[str, dict[str, str]], people: dict[str, str],
           site: str | None, shift: timedelta) -> list:
    """A copy of `row` with new ids (recorded in `ids`), its parents' new ids, other enterprises and days."""
    new = list(row)
    for i, col in enumerate(cols):
        value = new[i]
        if value is None:
            continue
        if col == "id":
            new[i] = ids[table][value] = uuid7()
        elif col in MAPPED:
            new[i] = ids[MAPPED[col]].get(value)
        elif col in ("enterprise_id", "related_enterprise_id"):
            new[i] = people.get(value, value)
        elif col == "site_id":
            new[i] = site
        elif col == "person_id":
            new[i] = None
        elif col in DATE_COLUMNS:
            new[i] = (date.fromisoformat(value[:10]) + shift).isoformat() + value[10:]
    return new


def _rows_by_visit(conn: sqlite3.Connection, table: str) -> dict[str, list[tuple]]:
    key = "id" if table == "inspection" else "inspection_id"
    found: dict[str, list[tuple]] = {}
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    for row in conn.execute(f"SELECT * FROM {table} WHERE deleted = 0"):
        found.setdefault(row[cols.index(key)], []).append(row)
    return found


def _lifecycle(row: list, cols: list[str], rng: random.Random) -> None:
    status = rng.choices([s for s, _ in STATES], weights=[w for _, w in STATES])[0]
    row[cols.index("status")] = status
    deadline = row[cols.index("deadline")]
    if status == "CLOSED" and deadline:
        row[cols.index("closed_on")] = deadline
        row[cols.index("closure_type")] = "RECTIFIED"
    elif status == "SUBMITTED" and deadline:
        row[cols.index("submitted_on")] = deadline
    elif status == "VOID":
        row[cols.index("void_reason")] = "重复录入"


def _paperwork_state(row: list, cols: list[str], rng: random.Random) -> None:
    """Most of a year's documents were signed and served; a few wait to be served, were voided or are drafts."""
    status = rng.choices(["SERVED", "SIGNED", "VOID", "DRAFT"], weights=[85, 2, 3, 10])[0]
    row[cols.index("status")] = status
    if status == "SERVED":
        row[cols.index("served_on")] = row[cols.index("created_at")][:10]
    elif status == "VOID":
        row[cols.index("void_reason")] = "文书内容有误，已更正"


def _flush(store: Store, out: dict[str, list[tuple]], columns: dict[str, list[str]]) -> None:
    """Rows straight into their tables, the way a merge materialises them (no change-log entries)."""
    with store.transaction(), store.merging() as conn:
        for table, rows in out.items():
            if rows:
                marks = ", ".join("?" * len(columns[table]))
                conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            rows.clear()


def _add_photos(ws: Workspace, rng: random.Random) -> None:
    from io import BytesIO

    from PIL import Image, ImageDraw

    from app.models.images import process_photo

    pool = []
    for n in range(PHOTO_POOL):
        img = Image.effect_noise((640, 480), 30 + n).convert("RGB")
        ImageDraw.Draw(img).rectangle((20 * n, 60, 300 + 10 * n, 400), fill=(120, 90 + n, 60))
        raw = BytesIO()
        img.save(raw, "JPEG", quality=80)
        data = raw.getvalue()
        processed = process_photo(data, name=f"pool{n}.jpg")
        pool.append((ws.blobs.put(processed.image), ws.blobs.put(processed.thumbnail), ws.blobs.put(data),
                     processed.width, processed.height))
    cols = [r[1] for r in ws.db.conn.execute("PRAGMA table_info(photo)")]
    batch: list[tuple] = []
    conn, store = ws.db.conn, ws.store
    for hazard_id, inspection_id, item_result_id, created in conn.execute(
        "SELECT id, inspection_id, item_result_id, created_at FROM hazard"
    ).fetchall():
        for k in range(PHOTOS_PER_HAZARD):
            sha, thumb, original, width, height = rng.choice(pool)
            values = {"id": uuid7(), "inspection_id": inspection_id, "item_result_id": item_result_id,
                      "hazard_id": None if item_result_id else hazard_id, "sha256": sha, "thumb_sha256": thumb,
                      "original_sha256": original, "original_name": f"IMG_{k}.jpg", "mime": "image/jpeg",
                      "width": width, "height": height, "taken_at": created[:19], "caption": f"现场照片{k + 1}",
                      "added_at": created, "deleted": 0, "stage": "BEFORE"}
            batch.append(tuple(values[c] for c in cols))
        if len(batch) >= 50_000:
            _flush(store, {"photo": batch}, {"photo": cols})
    _flush(store, {"photo": batch}, {"photo": cols})
