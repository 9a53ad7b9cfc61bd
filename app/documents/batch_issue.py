"""A township office's batch of rectification orders (责令限期整改指令书): one for every enterprise and visit whose
open hazards have none yet, numbered here and rendered on every core (no Qt).

Each chunk of orders is one transaction: the numbers are reserved and the data gathered in it, the PDFs rendered on
a process pool (rendering is pure CPU from the gathered data; the workers need no database), then stored, then
committed. A failure or a kill loses at most the chunk being made, with its numbers: no row, no number used.
`cancel()` is checked between chunks, `progress(done, total)` called after each.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from app.documents.render import render

if TYPE_CHECKING:
    from app.documents.config import DocumentConfig
    from app.documents.data import DocumentData
    from app.documents.issuing import Documents
    from app.models.workspace import Workspace

CHUNK = 40  # orders per transaction
POOL_FROM = 8  # fewer orders than this are rendered here: starting a worker costs about a second


@dataclass(frozen=True)
class Pending:
    inspection_id: str
    enterprise_id: str
    enterprise_name: str
    hazards: int


def pending_orders(ws: Workspace, *, township_id: str | None = None, park_id: str | None = None,
                   date_from: date | None = None, date_to: date | None = None) -> list[Pending]:
    """Every (visit, enterprise) with open hazards (整改中, not corrected on the spot) and no order in force or in
    draft, of enterprises in the township / park, of visits started in the date range; by enterprise name."""
    where = ["h.deleted = 0", "h.status = 'OPEN'", "h.rectified_on_site = 0"]
    params: list[Any] = []
    for column, value in (("e.township_id", township_id), ("e.park_id", park_id)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    for op, day in ((">=", date_from), ("<=", date_to)):
        if day:
            where.append(f"substr(i.started_at, 1, 10) {op} ?")
            params.append(day.isoformat())
    rows = ws.store.query(
        f"""SELECT h.inspection_id, h.enterprise_id, e.name, count(*) AS hazards
            FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id JOIN inspection i ON i.id = h.inspection_id
            WHERE {' AND '.join(where)} AND NOT EXISTS (
                SELECT 1 FROM document d WHERE d.inspection_id = h.inspection_id AND d.enterprise_id = h.enterprise_id
                AND d.doc_type = 'ORDER' AND d.status != 'VOID' AND d.deleted = 0)
            GROUP BY h.inspection_id, h.enterprise_id ORDER BY e.name, h.enterprise_id, i.started_at""",
        tuple(params),
    )
    return [Pending(r["inspection_id"], r["enterprise_id"], r["name"], r["hazards"]) for r in rows]


def issue_orders(
    documents: Documents,
    pending: Sequence[Pending],
    *,
    issued_on: date | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[str]:
    """Issue a DRAFT order for each of `pending` (see the module docstring); return the new document ids."""
    issued_on = issued_on or documents.ws.inspections.now().date()
    store = documents.store
    ids: list[str] = []
    with _renderer(documents.config, workers or os.cpu_count() or 1, len(pending)) as render_all:
        for start in range(0, len(pending), CHUNK):
            if cancel and cancel():
                break
            with store.transaction():
                taken: set[int] = set()
                drafts = [documents.numbered("ORDER", p.inspection_id, p.enterprise_id, issued_on, {}, taken=taken)
                          for p in pending[start:start + CHUNK]]
                for draft, pdf in zip(drafts, render_all([(d.data, d.qr_payload) for d in drafts]), strict=True):
                    documents.store_draft(draft, pdf)
            ids += [d.id for d in drafts]
            if progress:
                progress(len(ids), len(pending))
    return ids


Job = tuple["DocumentData", str]


@contextmanager
def _renderer(config: DocumentConfig, workers: int, total: int) -> Iterator[Callable[[list[Job]], list[bytes]]]:
    if workers == 1 or total < POOL_FROM:
        yield lambda jobs: [render(data, config, qr_payload=payload) for data, payload in jobs]
        return
    # spawn, not fork: the caller may be the GUI (threads, Qt) or hold an open database (as the batch print).
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start_worker, initargs=(config,)) as pool:
        yield lambda jobs: list(pool.map(_render_job, jobs))


_config: DocumentConfig | None = None


def _start_worker(config: DocumentConfig) -> None:
    global _config
    _config = config


def _render_job(job: Job) -> bytes:
    data, payload = job
    return render(data, _config, qr_payload=payload)


__all__ = ["CHUNK", "Pending", "issue_orders", "pending_orders"]
