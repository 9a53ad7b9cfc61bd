"""Benchmark (not a timed test): enforcement documents.

* ms per 现场检查记录 (RECORD) with 6 photos: render only, and render + PAdES signature;
* a township batch of ORDER notices on all cores: issuing them with the batch (app/documents/batch_issue.py:
  numbered a chunk per transaction, rendered on every core), then printing them as one file per enterprise and as
  one merged file, with the total seconds; and, for reference, ms per notice issued one at a time.

    python benchmarks/bench_documents.py           # ~1–2 min: 10 records, a 100-notice batch
    python benchmarks/bench_documents.py --full    # a 1,000-notice batch
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageDraw  # noqa: E402

from app.documents.batch import print_batch  # noqa: E402
from app.documents.batch_issue import issue_orders, pending_orders  # noqa: E402
from app.documents.certs import setup_standalone_inspector  # noqa: E402
from app.documents.data import gather_record  # noqa: E402
from app.documents.issuing import Documents  # noqa: E402
from app.documents.render import render  # noqa: E402
from app.documents.signing import sign_pdf  # noqa: E402
from app.models.demo import generate_demo  # noqa: E402
from app.models.workspace import Workspace  # noqa: E402
from benchmarks.table import Row, add_rows_argument, median, report  # noqa: E402

TODAY = date(2026, 11, 20)
PASS = "bench-passphrase"


def photo(folder: Path, n: int) -> Path:
    """A 4000x3000-ish camera-like JPEG (noise + shapes, so it does not compress to nothing)."""
    img = Image.effect_noise((1600, 1200), 40).convert("RGB")
    draw = ImageDraw.Draw(img)
    draw.rectangle((100 + 40 * n, 300, 900, 1100), fill=(120, 90, 60))
    path = folder / f"p{n}.jpg"
    img.save(path, "JPEG", quality=85)
    return path


def bench_record(folder: Path, rounds: int) -> list[Row]:
    with Workspace(folder / "rec") as ws:
        ws.inspections.now = lambda: datetime(2026, 11, 20, 9, 30)
        town = ws.registry.ensure_org_unit("集士港镇", "township")
        tenant = ws.registry.create_enterprise(name="宁波恒达五金制品厂", township_id=town)
        a = ws.roster.add_inspector("张明", "ZJ-0123", "集士港镇应急管理办公室")
        b = ws.roster.add_inspector("李华", "ZJ-0456", "集士港镇应急管理办公室")
        inspection = ws.inspections.start(tenant, [a, b], purpose="专项检查")
        items = [i for i in ws.inspections.applicable_items(inspection, tenant)][:3]
        n = 0
        for item in items:
            outcome = ws.inspections.record_verdict(inspection, tenant, item.code, "NONCOMPLIANT", "问题描述")
            for _ in range(2):
                ws.inspections.attach_photo(photo(folder, n), item_result_id=outcome.item_result_id, caption=f"照片{n}")
                n += 1
        creds = setup_standalone_inspector(folder / "rec", "bench", "张明", "ZJ-0123", "集士港镇", PASS)
        data = gather_record(ws, inspection, tenant, doc_no="（鄞）应急检记〔2026〕1号", issued_on=TODAY)
        photos = sum(len(g.photos) for s in data.sections for g in s.photo_groups)
        render(data)  # warm-up: fonts
        renders, both = [], []
        for _ in range(rounds):
            t = time.perf_counter()
            pdf = render(data)
            renders.append((time.perf_counter() - t) * 1000)
        for _ in range(rounds):
            t = time.perf_counter()
            signed = sign_pdf(render(data), creds.key_pem, creds.cert_pem, PASS, reason="bench", location="",
                              name="张明", chain=creds.chain)
            both.append((time.perf_counter() - t) * 1000)
        print(f"RECORD with {photos} photos: render {median(renders):.0f} ms, render+sign {median(both):.0f} ms "
              f"({len(pdf) / 1e6:.2f} MB, signed {len(signed) / 1e6:.2f} MB; {rounds} rounds)")
    return [Row(f"现场检查记录 with {photos} photos, render + sign", median(both), "ms", 100,
                note=f"render alone {median(renders):.0f} ms; {len(signed) / 1e6:.2f} MB signed")]


def bench_batch(folder: Path, notices: int) -> list[Row]:
    data_dir = folder / "batch"
    with Workspace(data_dir) as ws:
        generate_demo(ws, landlords=20, tenants=80, inspections=30, seed=1, today=TODAY)
        docs = Documents(ws)
        pending = pending_orders(ws)
        # the demo's visits need fewer orders than the batch: a visit may be ordered again, so they are repeated
        batch = [pending[i % len(pending)] for i in range(notices)]
        cores = os.cpu_count() or 1
        t = time.perf_counter()
        issue_orders(docs, batch, issued_on=TODAY, workers=cores)
        issuing = time.perf_counter() - t
    print(f"issue {notices} ORDER notices (batch, {cores} cores): {issuing:.1f} s, {issuing / notices * 1000:.0f} ms "
          "each")
    printing = {}
    for one_file in (False, True):
        with Workspace(data_dir) as ws:
            result = print_batch(ws, out=folder / ("one" if one_file else "per"), one_file=one_file, workers=cores)
        kind = "one merged file" if one_file else f"{len(result.files)} enterprise files"
        print(f"batch {result.documents} notices -> {kind} on {cores} cores: {result.seconds:.1f} s")
        printing[one_file] = result.seconds
    with Workspace(data_dir) as ws:  # after the prints, which these would join
        one = []
        for p in pending[:20]:
            t = time.perf_counter()
            Documents(ws).issue("ORDER", p.inspection_id, p.enterprise_id, issued_on=TODAY)
            one.append((time.perf_counter() - t) * 1000)
    print(f"one notice issued at a time: {median(one):.0f} ms")
    total = issuing + printing[False]
    print(f"batch total (issue + per-enterprise print): {total:.1f} s")
    return [Row(f"{notices:,} rectification notices issued and printed, {cores} cores", total, "s",
                30 * notices / 1000, note=f"issued by the batch {issuing:.1f} s (one at a time {median(one):.0f} ms "
                f"each); printed one file per enterprise "
                f"{printing[False]:.1f} s (as one merged file {printing[True]:.1f} s)")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="a 1,000-notice batch")
    parser.add_argument("--rounds", type=int, default=10)
    add_rows_argument(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = bench_record(folder, args.rounds) + bench_batch(folder, 1000 if args.full else 100)
    report(rows, args.rows)


if __name__ == "__main__":
    main()
