"""Township office batch printing: the issued documents of one type for a township / park / date range, as one PDF or
one PDF per enterprise, assembled on all cores (no Qt).

The documents are the stored files (`Documents.issue` / `sign` made them), not re-rendered: a printed notice must be
the one that was numbered and signed. VOID documents are left out. An enterprise with a single document gets that
file byte for byte (a signed file keeps a verifiable signature); several documents, and the one-file mode, are merged
page by page with pyHanko's PDF writer (pyHanko is already a dependency; a merged file carries no signature — the
stored originals remain the verifiable copies).

Work is split into jobs (one per enterprise file, or chunks of enterprises for the merged file); with more than one
worker they run in a ProcessPoolExecutor, each worker reading the blob store on its own (blobs are immutable,
content-addressed files, so no database connection is needed in the workers). `progress(done, total)` counts
documents and is called in the calling process after each job; `cancel()` is checked between jobs — on cancel the
jobs not started are dropped, the per-enterprise files already written stay, and no merged file is written.
"""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UserError
from app.models.blobs import BlobStore

if TYPE_CHECKING:  # the render workers import this module and need no database code
    from app.models.workspace import Workspace

PRINTABLE = ("DRAFT", "SIGNED", "SERVED")
CHUNK = 25  # documents per job in one-file mode


@dataclass
class BatchResult:
    files: list[Path] = field(default_factory=list)
    documents: int = 0  # documents written out
    total: int = 0  # documents matching the filter
    enterprises: int = 0
    cancelled: bool = False
    seconds: float = 0.0


@dataclass(frozen=True)
class _Job:
    blobs_dir: str
    shas: tuple[str, ...]
    target: str | None  # a file to write; None: return the merged bytes


def merge_pdfs(pdfs: Sequence[bytes]) -> bytes:
    """The pages of every PDF in order, in one new file (annotations, e.g. signature widgets, are not carried)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import PdfFileWriter, _ObjectImporter

    writer = PdfFileWriter()
    for data in pdfs:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        # One importer per source file, so resources shared by its pages (fonts, images) are copied once.
        importer = _ObjectImporter(source=reader, target=writer, obj_stream=None, reference_map={})
        for i in range(int(reader.root["/Pages"]["/Count"])):
            page_ref, _ = reader.find_page_for_modification(i)
            page = page_ref.get_object()
            # Inherited attributes first, then the page's own (reportlab writes them on the page itself).
            copy = generic.DictionaryObject()
            for key in ("/Resources", "/MediaBox", "/CropBox", "/Rotate"):
                value = _inherited(page, key)
                if value is not None:
                    copy[generic.pdf_name(key)] = value
            for key in page:
                if key not in ("/Parent", "/Annots"):
                    copy[generic.pdf_name(key)] = page.raw_get(key)
            writer.insert_page(importer.import_object(copy))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _inherited(page: Any, key: str) -> Any:
    node = page
    while node is not None:
        if key in node:
            return node.raw_get(key)
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return None


def _run(job: _Job) -> tuple[int, bytes | None]:
    blobs = BlobStore(Path(job.blobs_dir))
    pdfs = [blobs.read(sha) for sha in job.shas]
    data = pdfs[0] if len(pdfs) == 1 and job.target else merge_pdfs(pdfs)
    if job.target is None:
        return len(pdfs), data
    tmp = Path(job.target + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, job.target)
    return len(pdfs), None


def _safe_name(name: str) -> str:
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .") or "企业"
    return name[:80]


def select_documents(ws: Any, *, doc_type: str = "ORDER", township_id: str | None = None,
                     park_id: str | None = None, date_from: date | None = None,
                     date_to: date | None = None) -> list[dict[str, Any]]:
    """Printable (not VOID) documents of the type whose enterprise is in the township / park and whose issue date
    (created_at) is in the range, by enterprise name then number."""
    where = ["d.deleted = 0", "d.doc_type = ?", f"d.status IN ({', '.join('?' * len(PRINTABLE))})",
             "d.file_sha256 IS NOT NULL"]
    params: list[Any] = [doc_type, *PRINTABLE]
    if township_id:
        where.append("e.township_id = ?")
        params.append(township_id)
    if park_id:
        where.append("e.park_id = ?")
        params.append(park_id)
    if date_from:
        where.append("substr(d.created_at, 1, 10) >= ?")
        params.append(date_from.isoformat())
    if date_to:
        where.append("substr(d.created_at, 1, 10) <= ?")
        params.append(date_to.isoformat())
    return ws.store.query(
        f"""SELECT d.id, d.doc_no, d.file_sha256, d.enterprise_id, d.created_at, e.name AS enterprise_name
            FROM document d JOIN enterprise e ON e.id = d.enterprise_id
            WHERE {' AND '.join(where)} ORDER BY e.name, d.enterprise_id, d.year, d.serial""",
        tuple(params),
    )


def resolve_place(ws: Any, table: str, text: str) -> str:
    """An org_unit (township) or park id from its id or exact name; a clear error otherwise."""
    rows = ws.store.query(f"SELECT id FROM {table} WHERE deleted = 0 AND (id = ? OR name = ?)", (text, text))
    if len(rows) != 1:
        kind_zh, kind_en = ("镇街", "township") if table == "org_unit" else ("园区", "park")
        raise UserError("batch.place", "找不到{kind}：{text}" if not rows else "{kind}名称不唯一：{text}",
                        f"No such {kind_en}: {{text}}" if not rows else f"Ambiguous {kind_en} name: {{text}}",
                        kind=kind_zh, text=text)
    return rows[0]["id"]


def print_batch(
    ws: Workspace,
    *,
    township_id: str | None = None,
    park_id: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    doc_type: str = "ORDER",
    out: Path,
    one_file: bool,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> BatchResult:
    """Write the matching documents to the folder `out` (see the module docstring); return what was written."""
    from app.documents.config import shipped_config

    started = time.perf_counter()
    workers = max(1, workers or os.cpu_count() or 1)
    rows = select_documents(ws, doc_type=doc_type, township_id=township_id, park_id=park_id,
                            date_from=date_from, date_to=date_to)
    blobs_dir = str(ws.blobs.root)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["enterprise_id"], []).append(row)
    result = BatchResult(total=len(rows), enterprises=len(groups))
    if not rows:
        result.seconds = time.perf_counter() - started
        return result

    jobs: list[_Job] = []
    if one_file:
        shas = [r["file_sha256"] for r in rows]
        jobs = [_Job(blobs_dir, tuple(shas[i:i + CHUNK]), None) for i in range(0, len(shas), CHUNK)]
    else:
        used: set[str] = set()
        for enterprise_id, docs in groups.items():
            name = _safe_name(docs[0]["enterprise_name"])
            if name in used:
                name = f"{name}_{enterprise_id[-6:]}"
            used.add(name)
            jobs.append(_Job(blobs_dir, tuple(d["file_sha256"] for d in docs), str(out / f"{name}.pdf")))

    parts: dict[int, bytes] = {}

    def finished(index: int, count: int, data: bytes | None) -> None:
        result.documents += count
        if data is not None:
            parts[index] = data
        elif (target := jobs[index].target) is not None:
            result.files.append(Path(target))
        if progress:
            progress(result.documents, result.total)

    if workers == 1 or len(jobs) == 1:
        for index, job in enumerate(jobs):
            if cancel and cancel():
                result.cancelled = True
                break
            finished(index, *_run(job))
    else:
        import multiprocessing

        # spawn, not fork: the caller may be the GUI (threads, Qt) or hold an open database.
        pool_size = min(workers, len(jobs))
        with ProcessPoolExecutor(max_workers=pool_size,
                                 mp_context=multiprocessing.get_context("spawn")) as pool:
            pending_jobs = list(enumerate(jobs))
            running: dict[Future[tuple[int, bytes | None]], int] = {}
            try:
                while pending_jobs or running:
                    if cancel and cancel():
                        result.cancelled = True
                        break
                    # Keep only a few jobs queued per worker, so a cancel takes effect soon.
                    while pending_jobs and len(running) < 2 * pool_size:
                        index, job = pending_jobs.pop(0)
                        running[pool.submit(_run, job)] = index
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        finished(running.pop(future), *future.result())
            finally:
                for future in running:
                    future.cancel()
                if result.cancelled:
                    pool.shutdown(wait=True, cancel_futures=True)
                    # Jobs already running when the cancel came finish; count the files they wrote.
                    for future, index in running.items():
                        if not future.cancelled() and future.exception() is None:
                            count, data = future.result()
                            if data is None:
                                result.files.append(Path(jobs[index].target or ""))
                                result.documents += count

    if one_file and not result.cancelled:
        ordered = [parts[i] for i in range(len(jobs))]
        merged = ordered[0] if len(ordered) == 1 else merge_pdfs(ordered)
        target = out / f"{shipped_config().type(doc_type).title}汇总.pdf"
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(merged)
        os.replace(tmp, target)
        result.files.append(target)
    result.seconds = time.perf_counter() - started
    return result


__all__ = ["BatchResult", "merge_pdfs", "print_batch", "resolve_place", "select_documents"]
