"""The words the sync and conflict pages show for stamps, devices, authors and bundles."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtGui import QFont

from app.models.workspace import Workspace
from app.sync.exchange import ALREADY, RECEIPT_APPLIED, REFUSED, ImportReport, Sync
from app.ui.i18n import fill

# Called by this name so that lupdate finds the strings (it does not follow helper functions).
translate = QCoreApplication.translate

SKEW_NOTE_MS = 10 * 60 * 1000  # a sender's clock this far off is worth a note in the report




def stamp_text(hlc: int) -> str:
    """A hybrid-logical-clock stamp as local date and time (its upper bits are milliseconds since the epoch)."""
    if not hlc:
        return "—"
    return QDateTime.fromMSecsSinceEpoch(int(hlc) >> 16).toString("yyyy-MM-dd HH:mm:ss")


def iso_text(value: str | None) -> str:
    if not value:
        return "—"
    try:
        return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value


def device_name(ws: Workspace, device_id: str | None) -> str:
    if not device_id:
        return "—"
    if device_id == ws.device.id:
        return translate("SyncPage", "This device")
    label = Sync(ws).devices.label(device_id)
    return label if label == device_id else f"{label} ({device_id})"


def author_name(ws: Workspace, author: str) -> str:
    """The change log's author is an inspector id when one was chosen in the settings, else a free name."""
    return (ws.roster.name_of(author) if author else None) or author or "—"


def mono_font() -> QFont:
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font





def report_message(report: ImportReport) -> str:
    if report.status == REFUSED:
        return report.message
    if report.status == ALREADY:
        return translate("SyncPage", "Imported before; nothing changed")
    if report.status == RECEIPT_APPLIED:
        confirmed = report.acknowledged  # a plain name: lupdate skips a call whose count is an attribute
        return translate("SyncPage", "The receiver confirmed %n bundle(s) of this device", "", confirmed)
    notes = []
    stats = report.stats
    if stats and stats.conflicts_after > stats.conflicts_before:
        new_conflicts = stats.conflicts_after - stats.conflicts_before
        notes.append(translate("SyncPage", "%n new conflict(s)", "", new_conflicts))
    if report.certs_new:
        roots = report.certs_new
        notes.append(translate("SyncPage", "%n certificate root(s) installed", "", roots))
    if abs(report.skew_ms) > SKEW_NOTE_MS:
        hours = f"{report.skew_ms / 3_600_000:+.1f}"
        notes.append(fill(translate("SyncPage", "sender's clock is off by about {hours} h"), hours=hours))
    return translate("SyncPage", "; ").join(notes)


def bundle_contents(row: dict[str, Any]) -> str:
    try:
        stats = json.loads(row.get("stats") or "{}")
    except ValueError:
        stats = {}
    if row["kind"] == "receipt":
        if row["direction"] == "OUT":
            receipted = int(stats.get("accepted", 0))
            return translate("SyncPage", "Receipt for %n bundle(s)", "", receipted)
        accepted = int(stats.get("acknowledged", 0))
        return translate("SyncPage", "Receipt: %n bundle(s) of this device accepted", "", accepted)
    if row["direction"] == "OUT":
        return (fill(translate("SyncPage", "{changes} change(s), {files} file(s)"),
                     changes=stats.get("entries", 0), files=stats.get("blobs", 0)))
    return (fill(translate("SyncPage", "{new} new, {known} known, {conflicts} conflict(s)"),
                 new=stats.get("new", 0), known=stats.get("known", 0), conflicts=stats.get("conflicts_after", 0)))


