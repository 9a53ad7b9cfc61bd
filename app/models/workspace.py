"""One open data folder: the database, this device's identity and clock, the blob store and the services.

The GUI and the CLI hold a Workspace and call its services; nothing outside app/models touches SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.models.assessments import Assessments
from app.models.authority import is_office
from app.models.blobs import BlobStore
from app.models.campaigns import Campaigns
from app.models.clock import HybridLogicalClock
from app.models.comparison import Comparisons
from app.models.db import open_database
from app.models.device import Device, load_or_create_device
from app.models.drafts import Drafts
from app.models.hazard_board import HazardBoard
from app.models.hazard_flow import HazardFlow
from app.models.inspections import Inspections
from app.models.registry import Registry
from app.models.reinspection import Reinspections
from app.models.risk import RiskGrading
from app.models.roster import Roster
from app.models.signatures import Signatures
from app.models.stars import Stars
from app.models.store import Changes, Store
from app.paths import DB_NAME


class Workspace:
    def __init__(self, data_dir: Path, author: str = "local") -> None:
        self.data_dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self.device: Device = load_or_create_device(data_dir / "keys")
        self.db = open_database(data_dir / DB_NAME)
        self.clock = HybridLogicalClock(self._last_stamp())
        self.store = Store(self.db, self.device.id, self.clock, author, is_office=lambda: is_office(data_dir))
        self.blobs = BlobStore(data_dir / "blobs")
        self.registry = Registry(self.store)
        self.roster = Roster(self.store)
        self.inspections = Inspections(self.store, self.blobs)
        self.assessments = Assessments(self.inspections)
        # the inspection's clock, so a test (or the demo) that sets inspections.now dates signatures the same way
        self.signatures = Signatures(self.store, self.blobs, lambda: self.inspections.now())
        self.drafts = Drafts(self.store)
        self.hazard_flow = HazardFlow(self.store, today=lambda: self.inspections.now().date())
        self.hazard_board = HazardBoard(self.store)
        self.reinspections = Reinspections(self.inspections, self.hazard_flow)
        self.risk = RiskGrading(self.store)
        self.comparisons = Comparisons(self.inspections)
        self.stars = Stars(self.inspections, self.assessments, self.comparisons)
        self.campaigns = Campaigns(self.inspections, self.risk)
        self._on_close: list[Callable[[], None]] = []

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

    def _last_stamp(self) -> int:
        """The clock as last saved; the Store also moves it past the log's newest stamp at every transaction."""
        saved = self.db.conn.execute("SELECT value FROM meta WHERE key = 'hlc'").fetchone()
        return int(saved[0]) if saved else 0

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
