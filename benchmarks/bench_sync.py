"""Benchmark (not a timed test): a supervisor merging many inspectors' sync bundles (issue 5, point 7).

Setup (not timed in the merge numbers): a supervisor with a demo registry exports it; N laptops each import that
registry bundle, record one inspector-month (inspections through the demo generator, hazards from its verdicts,
photos attached through Inspections.attach_photo) and export a bundle for the supervisor. Then, on a fresh copy of
the supervisor's data folder:

* floor:     read and SHA-256 every bundle's bytes, the second time (warm in the page cache, as the merge reads them);
* merge:     Sync.import_files of all N bundles, every device enrolled on the way;
* re-import: the same N bundles again (each must come back ALREADY);
* integrity: app.models.integrity.check of the merged folder (SQLite, rows against the change log, every blob hash).

With --into DATA_DIR the supervisor is a copy of that folder instead (the city data set of benchmarks/city.py, a
supervisor's year), which takes in the laptops' registry bundle before the measured merge; no integrity check.

    python benchmarks/bench_sync.py            # < 1 min: 2 bundles x (20 inspections, ~100 hazards, 300 photos)
    python benchmarks/bench_sync.py --full     # 20 bundles x (200 inspections, ~1,000 hazards, 3,000 photos)
    python benchmarks/bench_sync.py --bundles 4 --inspections 200 --photos 3000 --profile

Photos: each is a distinct JPEG (a 1024x768 noisy gradient, ~190 KB, plus its 1600-px copy, ~190 KB, and its
thumbnail, ~9 KB: three blobs per photo). Decoding and re-encoding every photo would make the setup of --full take
far longer than the merge it prepares, so a small pool of photos goes through the real process_photo once and each
attached photo is a pool photo with a unique JPEG comment segment stamped into its original, print copy and
thumbnail; the rest of attach_photo (blob store, photo row, change log) runs unchanged. Bundle sizes and blob
counts are therefore those of real, distinct photos. Hazards come from the generator's verdicts (about 5 per
inspection), so their number is close to, not exactly, 5 x inspections; --photos are spread over them.

The laptops are built in parallel (--workers); the measurements run in this process alone, so its peak RSS
(resource.getrusage) is that of the floor, merge, re-import and check. Prints plain numbers; no assertions.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import os
import pstats
import random
import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageDraw  # noqa: E402

from app.models import images as images_module  # noqa: E402
from app.models.demo import generate_demo  # noqa: E402
from app.models.demo.inspections import generate_inspections  # noqa: E402
from app.models.images import ProcessedPhoto, process_photo  # noqa: E402
from app.models.integrity import check  # noqa: E402
from app.models.workspace import Workspace  # noqa: E402
from app.sync.exchange import ALREADY, IMPORTED, Sync  # noqa: E402
from benchmarks.table import Row, add_rows_argument, report  # noqa: E402

TODAY = date(2026, 11, 20)
POOL = 8  # distinct base photos; every attached photo is one of them with a unique stamp
MB = 1e6


@dataclass(frozen=True)
class Size:
    bundles: int
    inspections: int  # per bundle (one inspector-month)
    photos: int  # per bundle
    landlords: int
    tenants: int


QUICK = Size(bundles=2, inspections=20, photos=300, landlords=100, tenants=400)
FULL = Size(bundles=20, inspections=200, photos=3000, landlords=400, tenants=1600)


@dataclass
class Bundle:
    path: Path
    entries: int
    blobs: int
    size: int
    inspections: int
    hazards: int
    photos: int
    seconds: float


# --- photos ----------------------------------------------------------------------------------------------------


def base_photo(n: int) -> bytes:
    """A 1024x768 camera-like JPEG: gradient + noise + a shape, so it does not compress to nothing."""
    img = Image.linear_gradient("L").resize((1024, 768)).convert("RGB")
    img = Image.blend(img, Image.effect_noise((1024, 768), 24).convert("RGB"), 0.5)
    draw = ImageDraw.Draw(img)
    draw.rectangle((50 + 37 * n, 100, 600, 600), fill=(120, (n * 67) % 255, 60))
    draw.text((20, 20), f"FieldSafe bench photo {n}", fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def stamp(jpeg: bytes, tag: bytes) -> bytes:
    """The same JPEG with a comment segment (FF FE) right after SOI: still a valid image, different bytes."""
    assert jpeg[:2] == b"\xff\xd8"
    return jpeg[:2] + b"\xff\xfe" + (len(tag) + 2).to_bytes(2, "big") + tag + jpeg[2:]


def photo_pool() -> list[tuple[bytes, ProcessedPhoto]]:
    pool = []
    for n in range(POOL):
        original = base_photo(n)
        pool.append((original, process_photo(original, name=f"base{n}.jpg")))
    return pool


# --- setup (child processes) -----------------------------------------------------------------------------------


def make_supervisor(folder: Path, size: Size) -> tuple[Path, int, float]:
    """The supervisor's data folder with a demo registry, and its registry bundle in folder/usb."""
    start = time.perf_counter()
    with Workspace(folder / "supervisor", author="supervisor") as ws:
        generate_demo(ws, landlords=size.landlords, tenants=size.tenants, seed=1, today=TODAY)
        (folder / "usb").mkdir()
        result = Sync(ws).export(folder / "usb", everything=True, label="supervisor")
    return result.path, result.entries, time.perf_counter() - start


def make_laptop(folder: Path, index: int, registry: Path, size: Size, pool: list[tuple[bytes, ProcessedPhoto]],
                keep: bool) -> Bundle:
    """One inspector's laptop: import the registry, record a month, export a bundle for the supervisor."""
    start = time.perf_counter()
    data_dir = folder / f"laptop{index:02d}"
    rng = random.Random(1000 + index)
    with Workspace(data_dir, author=f"inspector{index}") as ws:
        [report] = Sync(ws).import_files([registry], enrol=lambda _m: True)
        if report.status != IMPORTED:
            raise RuntimeError(f"laptop {index}: registry import {report.status} {report.message}")
        landlords = [r["id"] for r in ws.store.query("SELECT id FROM enterprise WHERE is_landlord = 1")]
        inspectors = [r["id"] for r in ws.store.query("SELECT id FROM inspector ORDER BY id")]
        pair = [inspectors[(2 * index) % len(inspectors)], inspectors[(2 * index + 1) % len(inspectors)]]
        with ws.store.transaction():  # one commit instead of one per answer: setup time only
            month = generate_inspections(ws, rng, count=size.inspections, landlord_ids=landlords,
                                         inspector_ids=pair, today=TODAY)
        hazards = [r["id"] for r in ws.store.query("SELECT id FROM hazard ORDER BY id")]
        attached = _attach_photos(ws, index, hazards, size.photos, pool)
        result = Sync(ws).export(folder / "bundles")
    if not keep:
        shutil.rmtree(data_dir)
    return Bundle(result.path, result.entries, result.blobs, result.size, len(month.inspection_ids), len(hazards),
                  attached, time.perf_counter() - start)


def _attach_photos(ws: Workspace, index: int, hazards: list[str], count: int,
                   pool: list[tuple[bytes, ProcessedPhoto]]) -> int:
    if not hazards:
        return 0
    real = images_module.process_photo
    current: list[ProcessedPhoto] = []
    images_module.process_photo = lambda _data, **_kw: current.pop()
    try:
        for first in range(0, count, 100):
            with ws.store.transaction():  # 100 photos per commit: setup time only
                for n in range(first, min(count, first + 100)):
                    original, processed = pool[n % len(pool)]
                    tag = f"bench laptop {index} photo {n}".encode()
                    data = stamp(original, tag)
                    current.append(ProcessedPhoto(
                        image=stamp(processed.image, tag), thumbnail=stamp(processed.thumbnail, tag),
                        width=processed.width, height=processed.height, original_width=processed.original_width,
                        original_height=processed.original_height, taken_at=processed.taken_at,
                        original_sha256=hashlib.sha256(data).hexdigest(), original_size=len(data),
                        mime=processed.mime,
                    ))
                    ws.inspections.attach_photo(data, hazard_id=hazards[n % len(hazards)], name=f"IMG_{n:05d}.jpg",
                                                caption=f"隐患照片 {n + 1}")
    finally:
        images_module.process_photo = real
    return count


# --- measurements (this process) -------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def measure(folder: Path, bundles: list[Bundle], profile: bool, into: Path | None, registry: Path) -> list[Row]:
    merge_dir = folder / "merge"
    if into is None:
        shutil.copytree(folder / "supervisor", merge_dir)  # a fresh copy of the supervisor
    else:
        # A copy of a supervisor's year (benchmarks/city.py) that first takes in the laptops' registry, untimed.
        shutil.copytree(into, merge_dir, ignore=shutil.ignore_patterns("backups"))
        with Workspace(merge_dir, author="supervisor") as ws:
            [taken] = Sync(ws).import_files([registry], enrol=lambda _m: True)
            if taken.status != IMPORTED:
                raise RuntimeError(f"registry into {into}: {taken.status} {taken.message}")
    paths = [b.path for b in bundles]
    total_mb = sum(b.size for b in bundles) / MB
    rss_start = peak_rss_mb()

    for path in paths:  # warm: copying the supervisor's folder may have pushed the bundles out of the page cache
        hash_file(path)
    floors = []
    for path in paths:
        start = time.perf_counter()
        hash_file(path)
        floors.append(time.perf_counter() - start)
    floor = sum(floors)

    with Workspace(merge_dir, author="supervisor") as ws:
        sync = Sync(ws)
        marks: list[float] = []
        profiler = cProfile.Profile() if profile else None
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        reports = sync.import_files(paths, enrol=lambda _m: True, progress=lambda *_: marks.append(time.perf_counter()))
        if profiler:
            profiler.disable()
        merge = time.perf_counter() - start
        merges = [b - a for a, b in zip([start, *marks], marks, strict=False)]
        rss_merge = peak_rss_mb()

        marks = []
        start = time.perf_counter()
        again = sync.import_files(paths, enrol=lambda _m: True, progress=lambda *_: marks.append(time.perf_counter()))
        reimport = time.perf_counter() - start
        reimports = [b - a for a, b in zip([start, *marks], marks, strict=False)]
        rss_reimport = peak_rss_mb()

        start = time.perf_counter()
        integrity = check(ws) if into is None else None  # a city's year would take minutes: not what is measured
        checking = time.perf_counter() - start
        counts = {t: ws.store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"]
                  for t in ("inspection", "hazard", "photo", "change", "pending_row", "conflict")}
    db_mb = sum(p.stat().st_size for p in merge_dir.glob("fieldsafe.sqlite*")) / MB
    blob_files = sum(1 for p in (merge_dir / "blobs").rglob("*") if p.is_file())

    print("\nper bundle (floor: read + SHA-256 of the file; merge: Sync.import_files; again: the same file again)")
    head = (f"{'#':>3} {'MB':>8} {'entries':>9} {'blobs':>7} {'insp':>5} {'hazards':>7} {'photos':>6} "
            f"{'floor s':>8} {'merge s':>8} {'merge MB/s':>10} {'new':>8} {'blobs new':>9} {'status':>8} "
            f"{'again s':>8} {'again':>7}")
    print(head)
    print("-" * len(head))
    for n, (b, rep, rep2) in enumerate(zip(bundles, reports, again, strict=True)):
        stats = rep.stats
        print(f"{n + 1:>3} {b.size / MB:>8.1f} {b.entries:>9,} {b.blobs:>7,} {b.inspections:>5} {b.hazards:>7,} "
              f"{b.photos:>6,} {floors[n]:>8.2f} {merges[n]:>8.2f} {b.size / MB / merges[n]:>10.1f} "
              f"{stats.new if stats else 0:>8,} {rep.blobs_new:>9,} {rep.status:>8} {reimports[n]:>8.2f} "
              f"{rep2.status:>7}")
    refused = [r for r in [*reports, *again] if r.status not in (IMPORTED, ALREADY)]
    for r in refused:
        print(f"    {r.path.name}: {r.status} {r.message}")

    print(f"\n{len(bundles)} bundles, {total_mb:,.1f} MB, {sum(b.entries for b in bundles):,} entries, "
          f"{sum(b.blobs for b in bundles):,} blobs{' (merge under cProfile: slower than usual)' if profile else ''}")
    print(f"{'step':<34} {'seconds':>9} {'MB/s':>9} {'x floor':>8}")
    for label, seconds in (("floor: read + SHA-256 every byte", floor), ("merge: import_files, enrol all", merge),
                           ("re-import: same bundles (ALREADY)", reimport),
                           *([("integrity check (all blobs)", checking)] if integrity else [])):
        print(f"{label:<34} {seconds:>9.2f} {total_mb / seconds:>9.1f} {seconds / floor:>8.1f}")
    imported = sum(r.status == IMPORTED for r in reports)
    already = sum(r.status == ALREADY for r in again)
    print(f"merge: {imported}/{len(bundles)} IMPORTED, "
          f"{sum(r.stats.new for r in reports if r.stats):,} new entries, "
          f"{sum(r.blobs_new for r in reports):,} new blobs, "
          f"{sum(r.stats.rows for r in reports if r.stats):,} rows written; "
          f"{sum(r.stats.new for r in reports if r.stats) / merge:,.0f} entries/s")
    print(f"re-import: {already}/{len(bundles)} ALREADY")
    print(f"merged supervisor: {counts['inspection']:,} inspections, {counts['hazard']:,} hazards, "
          f"{counts['photo']:,} photos, {counts['change']:,} change entries, {counts['pending_row']} pending rows, "
          f"{counts['conflict']} conflicts; database {db_mb:,.1f} MB, {blob_files:,} blob files")
    if integrity:
        print(f"integrity check: {'OK' if integrity.ok else 'PROBLEMS'} ({integrity.rows_checked:,} rows, "
              f"{integrity.entries_checked:,} entries, {integrity.blobs_checked:,} blobs)")
        for problem in integrity.problems[:10]:
            print(f"    {problem}")
    print(f"peak RSS of this process: {rss_start:,.0f} MB before, {rss_merge:,.0f} MB after merge, "
          f"{rss_reimport:,.0f} MB after re-import")
    what = f"{len(bundles)} inspector-month bundles ({bundles[0].photos:,} photos each, {total_mb:,.0f} MB)"
    if into is not None:
        return [Row(f"merge of {what} into the city's database", merge / floor, "x", 2,
                    f"merge {merge:.1f} s (its backup of the database first included), floor {floor:.1f} s")]
    rows = [
        Row(f"merge of {what}", merge / floor, "x", 2, f"merge {merge:.1f} s, read + SHA-256 floor {floor:.1f} s"),
        Row("re-import of the same bundles", reimport / merge, "x", 0.2,
            f"re-import {reimport:.1f} s, first merge {merge:.1f} s"),
        Row("peak memory of the merge and re-import", rss_reimport, "MB", 400, note="peak RSS of the process"),
    ]
    if profiler:
        print("\ncProfile of the merge, top 25 by own time:")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(25)
        print("top 25 by cumulative time:")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)
    return rows


# --- main ------------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="20 bundles of a full inspector-month each")
    parser.add_argument("--bundles", type=int, help="laptops / bundles (quick 2, full 20)")
    parser.add_argument("--inspections", type=int, help="inspections per bundle (quick 20, full 200)")
    parser.add_argument("--photos", type=int, help="photos per bundle (quick 300, full 3000)")
    parser.add_argument("--landlords", type=int, help="registry landlords (quick 100, full 400)")
    parser.add_argument("--tenants", type=int, help="registry tenants (quick 400, full 1600)")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1), help="laptops built at once")
    parser.add_argument("--profile", action="store_true", help="run the merge under cProfile and print the top")
    parser.add_argument("--keep", type=Path, help="build in this (empty) folder and keep it, laptops included")
    parser.add_argument("--into", type=Path, help="merge into a copy of this data folder (benchmarks/city.py)")
    add_rows_argument(parser)
    args = parser.parse_args()
    base = FULL if args.full else QUICK
    size = Size(*(getattr(args, f) if getattr(args, f) is not None else getattr(base, f)
                  for f in ("bundles", "inspections", "photos", "landlords", "tenants")))
    print(f"sync bench: {size.bundles} bundles x ({size.inspections} inspections, ~{5 * size.inspections} hazards, "
          f"{size.photos} photos); registry {size.landlords} landlords + {size.tenants} tenants; "
          f"~{size.bundles * size.photos * 0.39 / 1000:.1f} GB of bundles", flush=True)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        rows = run(args.keep, size, args)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
            rows = run(Path(tmp), size, args)
    print()
    report(rows, args.rows)


def run(folder: Path, size: Size, args: argparse.Namespace) -> list[Row]:
    (folder / "bundles").mkdir()
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.workers), mp_context=get_context("spawn")) as pool:
        registry, registry_entries, sup_seconds = pool.submit(make_supervisor, folder, size).result()
        photos = photo_pool()
        futures = [pool.submit(make_laptop, folder, i, registry, size, photos, bool(args.keep))
                   for i in range(size.bundles)]
        bundles = [f.result() for f in futures]
    print(f"setup (not measured below): supervisor + registry bundle ({registry_entries:,} entries) "
          f"{sup_seconds:.1f} s; {size.bundles} laptops on {args.workers} workers, "
          f"{sum(b.seconds for b in bundles) / len(bundles):.1f} s each; {time.perf_counter() - start:.1f} s in all",
          flush=True)
    return measure(folder, bundles, args.profile, args.into, registry)


if __name__ == "__main__":
    main()
