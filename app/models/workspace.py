"""One open data folder: the database, this device's identity and clock, the blob store and the services.

The GUI and the CLI hold a Workspace and call its services; nothing outside app/models touches SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError
from app.models.authority import is_office
from app.models.clock import HybridLogicalClock
from app.models.db import open_database
from app.models.device import Device, load_or_create_device
from app.models.store import Changes, Store
from app.paths import DB_NAME

if TYPE_CHECKING:
    from app.models.assessments import Assessments
    from app.models.blobs import BlobStore
    from app.models.campaigns import Campaigns
    from app.models.comparison import Comparisons
    from app.models.drafts import Drafts
    from app.models.hazard_board import HazardBoard
    from app.models.hazard_flow import HazardFlow
    from app.models.inspections import Inspections
    from app.models.registry import Registry
    from app.models.reinspection import Reinspections
    from app.models.risk import RiskGrading
    from app.models.roster import Roster
    from app.models.signatures import Signatures
    from app.models.sqlite_lib import Database
    from app.models.stars import Stars


class Workspace:
    """The services are made, and their modules imported, on first use: a start that shows the registry needs few
    of them, and importing them all cost about a third of the window's start."""

    def __init__(self, data_dir: Path, author: str = "local") -> None:
        self.data_dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self.device: Device = load_or_create_device(data_dir / "keys")
        db = None
        try:
            db = open_database(data_dir / DB_NAME)
            stamp = _last_stamp(db)
        except sqlite3.DatabaseError as exc:
            if db is not None:
                db.close()  # a restore may replace the file next: nothing may hold it open
            if isinstance(exc, sqlite3.OperationalError):
                raise  # locked, busy, read-only: not damage
            raise UserError(  # a page SQLite cannot read: the window offers a backup
                "db.damaged",
                "数据库文件已损坏：{path}（{reason}）",
                "The database file is damaged: {path} ({reason})",
                path=str(data_dir / DB_NAME),
                reason=str(exc),
            ) from exc
        self.db = db
        self.clock = HybridLogicalClock(stamp)
        self.store = Store(self.db, self.device.id, self.clock, author, is_office=lambda: is_office(data_dir))
        self._on_close: list[Callable[[], None]] = []

    @cached_property
    def blobs(self) -> BlobStore:
        from app.models.blobs import BlobStore

        return BlobStore(self.data_dir / "blobs")

    @cached_property
    def registry(self) -> Registry:
        from app.models.registry import Registry

        return Registry(self.store)

    @cached_property
    def roster(self) -> Roster:
        from app.models.roster import Roster

        return Roster(self.store)

    @cached_property
    def inspections(self) -> Inspections:
        from app.models.inspections import Inspections

        return Inspections(self.store, self.blobs)

    @cached_property
    def assessments(self) -> Assessments:
        from app.models.assessments import Assessments

        return Assessments(self.inspections)

    @cached_property
    def signatures(self) -> Signatures:
        from app.models.signatures import Signatures

        # the inspection's clock, so a test (or the demo) that sets inspections.now dates signatures the same way
        return Signatures(self.store, self.blobs, lambda: self.inspections.now())

    @cached_property
    def drafts(self) -> Drafts:
        from app.models.drafts import Drafts

        return Drafts(self.store)

    @cached_property
    def hazard_flow(self) -> HazardFlow:
        from app.models.hazard_flow import HazardFlow

        return HazardFlow(self.store, today=lambda: self.inspections.now().date())

    @cached_property
    def hazard_board(self) -> HazardBoard:
        from app.models.hazard_board import HazardBoard

        return HazardBoard(self.store)

    @cached_property
    def reinspections(self) -> Reinspections:
        from app.models.reinspection import Reinspections

        return Reinspections(self.inspections, self.hazard_flow)

    @cached_property
    def risk(self) -> RiskGrading:
        from app.models.risk import RiskGrading

        return RiskGrading(self.store, self.inspections.templates)

    @cached_property
    def comparisons(self) -> Comparisons:
        from app.models.comparison import Comparisons

        return Comparisons(self.inspections)

    @cached_property
    def stars(self) -> Stars:
        from app.models.stars import Stars

        return Stars(self.inspections, self.assessments, self.comparisons)

    @cached_property
    def campaigns(self) -> Campaigns:
        from app.models.campaigns import Campaigns

        return Campaigns(self.inspections, self.risk)

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def author(self) -> str:
        """Whose changes this session writes: an inspector id, or "local" before one is chosen."""
        return self.store.author

    def act_as(self, inspector_id: str) -> bool:
        """Stamp this session's changes with this inspector; False (nothing changed) when no such inspector exists."""
        if not self.store.get("inspector", inspector_id):
            return False
        self.store.author = inspector_id
        return True

    def on_commit(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Call `listener` with what every committed transaction changed; returns the unsubscriber."""
        return self.store.on_commit(listener)

    def trace_sql(self, callback: Callable[[str], None] | None) -> None:
        """Call `callback` with every statement the connection runs (None stops): the GUI's guard against SQL on
        its own thread while an op holds the connection."""
        self.db.conn.set_trace_callback(callback)

    def on_close(self, callback: Callable[[], None]) -> None:
        """Call `callback` before the database closes (the GUI's op thread finishes its work there)."""
        self._on_close.append(callback)

    def close(self) -> None:
        for callback in reversed(self._on_close):
            callback()
        self._on_close.clear()
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _last_stamp(db: Database) -> int:
    """The clock as last saved; the Store also moves it past the log's newest stamp at every transaction."""
    saved = db.conn.execute("SELECT value FROM meta WHERE key = 'hlc'").fetchone()
    return int(saved[0]) if saved else 0
