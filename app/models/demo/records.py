"""Demo evidence and documents: a visit's photos and handwritten signatures before it is completed, then its signed
documents (现场检查记录 and 责令限期整改指令书), some of them served — so that a new user sees every tab with real
content. All of it goes through the services; the pictures are drawn here (no photo or pen is at hand).

The demo inspectors sign with personal certificates made on this installation, all with DEMO_PASSPHRASE.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw

if TYPE_CHECKING:
    from app.documents.issuing import Documents
    from app.models.workspace import Workspace

DEMO_PASSPHRASE = "demo-passphrase"  # printed by `python -m app demo` and in the README
PHOTOS_PER_VISIT = 2
PAD = (480, 160)  # the signature pad's size in pixels


def add_evidence(ws: Workspace, rng: random.Random, inspection_id: str) -> None:
    """Before completion: a photo of the first hazards found, and every required signature of the record."""
    for hazard in ws.inspections.hazards(inspection_id)[:PHOTOS_PER_VISIT]:
        ws.inspections.attach_photo(_photo(rng, hazard["description"] or ""), hazard_id=hazard["id"],
                                    name="现场照片.jpg", caption="现场照片")
    for signer in ws.signatures.required(inspection_id):
        if not signer.name:
            continue
        png, strokes = _signature(rng)
        if signer.inspector_id:
            ws.signatures.sign(inspection_id, "inspector", signer.name, image_png=png, strokes=strokes,
                               inspector_id=signer.inspector_id, canvas_size=PAD)
        else:
            ws.signatures.sign(inspection_id, "principal", signer.name, image_png=png, strokes=strokes,
                               person_id=signer.person_id, enterprise_id=signer.enterprise_id, canvas_size=PAD)


def issue_documents(ws: Workspace, rng: random.Random, inspection_ids: Sequence[str]) -> int:
    """For each completed visit: its record, and an order for each enterprise with hazards to rectify; signed by
    the team's first inspector, most orders served. Returns how many documents were issued."""
    from app.documents.batch_issue import pending_orders
    from app.documents.issuing import Documents

    docs = Documents(ws)
    ready: set[str] = set()
    pending = {(p.inspection_id, p.enterprise_id) for p in pending_orders(ws)}
    issued = 0
    saved_now = ws.inspections.now
    try:
        for inspection_id in inspection_ids:
            issued += _visit_documents(ws, docs, rng, inspection_id, pending, ready)
    finally:
        ws.inspections.now = saved_now
    return issued


def _visit_documents(ws: Workspace, docs: Documents, rng: random.Random, inspection_id: str,
                     pending: set[tuple[str, str]], ready: set[str]) -> int:
    """The documents of one visit, made at the end of its day; most orders handed over there and then."""
    inspection = ws.inspections.get(inspection_id)
    if inspection["status"] != "COMPLETED":
        return 0
    signer = ws.inspections.inspector_ids(inspection_id)[0]
    if signer not in ready:
        docs.setup_standalone(signer, DEMO_PASSPHRASE)
        ready.add(signer)
    day = date.fromisoformat(inspection["started_at"][:10])
    evening = datetime.combine(day, time(16, 30))
    ws.inspections.now = lambda: evening
    made = [docs.issue("RECORD", inspection_id, issued_on=day)]
    for enterprise_id in ws.inspections.target_ids(inspection_id):
        if (inspection_id, enterprise_id) in pending:
            made.append(docs.issue("ORDER", inspection_id, enterprise_id, issued_on=day))
    for document_id in made:
        docs.sign(document_id, signer, DEMO_PASSPHRASE)
        row = docs.get(document_id)
        if row["doc_type"] == "ORDER" and rng.random() < 0.7:
            principal = ws.registry.person(row["enterprise_id"], "principal")
            docs.serve(document_id, served_on=day, served_to=principal["name"] if principal else "现场负责人",
                       method="DIRECT")
    return len(made)


def _photo(rng: random.Random, caption: str) -> bytes:
    """A plausible site picture: a wall, a floor, a door and something in the way."""
    image = Image.new("RGB", (800, 600), (190 + rng.randrange(40), 190 + rng.randrange(30), 180))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 420, 800, 600), fill=(120, 120, 115))
    draw.rectangle((520, 140, 680, 420), fill=(60, 110, 70))  # a door
    draw.text((540, 160), "安全出口", fill=(255, 255, 255))
    for _ in range(rng.randint(3, 6)):  # boxes stacked before it
        x, y = rng.randrange(380, 640), rng.randrange(300, 400)
        draw.rectangle((x, y, x + rng.randrange(60, 120), 430), fill=(160 + rng.randrange(60), 120, 60),
                       outline=(90, 60, 30), width=3)
    draw.text((20, 20), caption[:30], fill=(40, 40, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _signature(rng: random.Random) -> tuple[bytes, list[list[tuple[float, float, float]]]]:
    """Three pen strokes that look written, as points (x, y, pressure), and their PNG."""
    width, height = PAD
    strokes = []
    x = 40.0
    for _ in range(3):
        points = []
        span = rng.uniform(80, 120)
        for i in range(24):
            t = i / 23
            points.append((round(x + span * t, 2),
                           round(height / 2 + 35 * math.sin(t * math.pi * rng.uniform(2, 4)) * (1 - t / 2), 2),
                           round(0.4 + 0.5 * math.sin(t * math.pi), 3)))
        strokes.append(points)
        x += span + 20
    image = Image.new("RGBA", PAD, (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    for points in strokes:
        draw.line([(px, py) for px, py, _ in points], fill=(10, 20, 60, 255), width=4, joint="curve")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue(), strokes


__all__ = ["DEMO_PASSPHRASE", "add_evidence", "issue_documents"]
