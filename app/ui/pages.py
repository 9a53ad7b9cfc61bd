"""How a page keeps up with the database: it names the tables it shows and reloads when a commit changes them.

    class HazardsPage(Reloads, QWidget):
        WATCHES = frozenset({"hazard", "enterprise"})

        def __init__(self, workspace, parent=None):
            super().__init__(parent)
            ...
            self.watch(workspace)

        def reload(self) -> None: ...

A visible page reloads at once; a hidden one (another tab) is marked stale and reloads when it is shown next, so a
burst of commits while it is hidden costs one reload. The `changes` come from the Workspace's OpRunner
(app/ui/ops.py): every committed transaction, whoever made it — an op, a short write on the GUI thread, a sync merge.
Nothing else tells a page to reload; main_window wires no page to another.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent

from app.models.store import Changes
from app.models.workspace import Workspace
from app.ui.ops import changes_of

SYNC_TABLES = frozenset({"sync_have", "sync_ack", "sync_bundle"})  # local bookkeeping the sync page shows


class Reloads:
    """Mixin for a QWidget page; `reload()` reads everything the page shows."""

    WATCHES: frozenset[str] = frozenset()  # empty: every change concerns the page
    RELOAD_HIDDEN = False  # reload even while hidden (the page's count shows elsewhere, e.g. in its tab title)
    _stale = False

    def watch(self, workspace: Workspace) -> None:
        changes_of(workspace).connect(self._changed)

    def reload(self) -> None:
        raise NotImplementedError

    def concerns(self, changes: Changes) -> bool:
        return not self.WATCHES or bool(changes.tables & self.WATCHES)

    def _changed(self, changes: Changes) -> None:
        if not self.concerns(changes):
            return
        if self.RELOAD_HIDDEN or self.isVisible():  # type: ignore[attr-defined]
            self._stale = False
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[misc]
        if self._stale:
            self._stale = False
            self.reload()


__all__ = ["SYNC_TABLES", "Reloads"]
