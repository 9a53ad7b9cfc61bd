"""The work of the sync page done on the op thread: plain functions of the Workspace they are given."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.models.workspace import Workspace
from app.sync.exchange import REFUSED, ExportResult, ImportReport, Sync
from app.sync.trust import UNKNOWN
from app.ui.ops import Cancelled, OpFn, Progress
from app.ui.sync.enrol_dialog import Enrolment, UnknownDevice


@dataclass
class ImportOutcome:
    reports: list[ImportReport]
    unknown: dict[str, UnknownDevice] = field(default_factory=dict)
    cancelled: bool = False


def import_job(paths: Sequence[Path], accept_future: bool, enrolments: Sequence[Enrolment] = ()) -> OpFn[Any]:
    """Import the files one by one (Cancel is honoured between files), enrolling the devices a person approved in
    the same transaction as their bundle. Bundles from devices still unknown are refused and their signers collected
    for the next question."""
    approved = {e.public_key: {"label": e.label, "role": e.role} for e in enrolments}

    def job(ws: Workspace, progress: Progress, cancelled: Cancelled) -> ImportOutcome:
        sync = Sync(ws)
        outcome = ImportOutcome([])
        for index, path in enumerate(paths):
            if cancelled():
                outcome.cancelled = True
                break
            [report] = sync.import_files([Path(path)], enrol=lambda m: approved.get(m.public_key, False),
                                         accept_future=accept_future)
            if report.status == REFUSED and report.trust == UNKNOWN:
                found = outcome.unknown.setdefault(
                    report.device, UnknownDevice(report.device, report.public_key, report.label))
                found.files.append(Path(path))
            outcome.reports.append(report)
            progress(index + 1, len(paths))
        return outcome

    return job


def export_job(folder: Path, everything: bool, label: str | None) -> OpFn[Any]:
    def job(ws: Workspace, _progress: Progress, _cancelled: Cancelled) -> ExportResult:
        return Sync(ws).export(folder, everything=everything, label=label)

    return job


def receipt_job(folder: Path, device: str) -> OpFn[Any]:
    def job(ws: Workspace, _progress: Progress, _cancelled: Cancelled) -> Path:
        return Sync(ws).receipt(folder, device)

    return job


