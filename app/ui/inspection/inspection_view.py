"""The on-site visit: the 4+22 items per enterprise with progress, the interview/quiz/sampling per enterprise, and
the summary with signatures and completion.

Opening an inspection puts the inspector back on the item they were at (stored with every move), so a crash or a
flat battery costs nothing but the restart.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models import vocab
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.inspection.awareness_page import AwarenessPage
from app.ui.inspection.bodycam_dialog import BodycamDialog
from app.ui.inspection.interview_page import InterviewPage
from app.ui.inspection.item_panel import ItemPanel
from app.ui.inspection.quiz_page import QuizPage
from app.ui.inspection.summary_panel import SummaryPanel
from app.ui.widgets.dialogs import show_error
from app.ui.widgets.text import elide

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # (enterprise id, item code) on item rows
UNANSWERED_MARK = ("○", "#9aa0a6")
VERDICT_KEYS = {Qt.Key.Key_1: "COMPLIANT", Qt.Key.Key_2: "NONCOMPLIANT", Qt.Key.Key_3: "NOT_APPLICABLE"}


class ItemTree(QTreeWidget):
    """The item list; 1/2/3 give the verdict of the selected item without leaving the keyboard."""

    verdict_key = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        verdict = VERDICT_KEYS.get(Qt.Key(event.key()))
        if verdict and not event.modifiers():
            self.verdict_key.emit(verdict)
            return
        super().keyPressEvent(event)


class InspectionView(QWidget):
    completed = Signal(str)
    open_enterprise = Signal(str)
    document_issued = Signal(str)

    def __init__(self, workspace: Workspace, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.inspection_id = inspection_id
        inspections = workspace.inspections
        self.checklist = inspections.checklist(inspection_id)
        self.targets = inspections.target_ids(inspection_id)
        self.names = {e: workspace.registry.get_enterprise(e)["name"] for e in self.targets}

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.progress = QLabel()
        self.progress.setObjectName("progress")
        self.progress.setStyleSheet("font-weight: bold;")

        self.tree = ItemTree()
        self.tree.setHeaderHidden(True)
        self.tree.setObjectName("itemTree")
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.verdict_key.connect(self._verdict_from_key)
        self.panel = ItemPanel(workspace, inspection_id, self)
        self.panel.changed.connect(self.refresh_marks)
        self.panel.next_requested.connect(self.next_item)
        self._build_tree()

        checklist_page = QSplitter(Qt.Orientation.Horizontal)
        checklist_page.addWidget(self.tree)
        checklist_page.addWidget(self.panel)
        checklist_page.setStretchFactor(0, 2)
        checklist_page.setStretchFactor(1, 5)
        checklist_page.setSizes([340, 860])

        self.tabs = QTabWidget()
        self.tabs.addTab(checklist_page, self.tr("Checklist"))
        self.assessment_pages: dict[str, tuple[InterviewPage, QuizPage, AwarenessPage]] = {}
        for enterprise_id in self.targets:
            pages = (
                InterviewPage(workspace, inspection_id, enterprise_id),
                QuizPage(workspace, inspection_id, enterprise_id),
                AwarenessPage(workspace, inspection_id, enterprise_id),
            )
            inner = QTabWidget()
            for page, title in zip(pages, (self.tr("Safety officer questioned"), self.tr("Principal tested"),
                                           self.tr("Workers asked")), strict=True):
                inner.addTab(page, title)
            for changed in (pages[0].changed, pages[1].changed, pages[2].changed):
                changed.connect(self.refresh_marks)
            self.assessment_pages[enterprise_id] = pages
            self.tabs.addTab(inner, fill(self.tr("Questions: {enterprise}"),
                                         enterprise=elide(self.names[enterprise_id], 10)))
        self.summary = SummaryPanel(workspace, inspection_id, self)
        self.summary.go_to_item.connect(self.go_to)
        self.summary.completed.connect(self._completed)
        self.summary.document_issued.connect(self.document_issued)
        self.tabs.addTab(self.summary, self.tr("Summary and completion"))
        self.tabs.currentChanged.connect(lambda _i: self.summary.refresh())

        self.bodycam_button = QPushButton(self.tr("Body camera…"))
        self.bodycam_button.clicked.connect(self.edit_bodycam)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.progress)
        top.addWidget(self.bodycam_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        QShortcut(QKeySequence("F8"), self, self.next_unanswered)
        self.refresh_marks()
        self._resume()

    # Building and marking the tree

    def _build_tree(self) -> None:
        inspections = self.workspace.inspections
        aspects = {a.code: a for a in self.checklist.aspects}
        self.aspect_rows: dict[tuple[str, str], QTreeWidgetItem] = {}
        self.item_rows: dict[tuple[str, str], QTreeWidgetItem] = {}
        for enterprise_id in self.targets:
            parent: QTreeWidget | QTreeWidgetItem = self.tree
            if len(self.targets) > 1:
                parent = QTreeWidgetItem(self.tree, [self.names[enterprise_id]])
                parent.setExpanded(True)
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
            for item in inspections.applicable_items(self.inspection_id, enterprise_id):
                key = (enterprise_id, item.aspect)
                if key not in self.aspect_rows:
                    row = QTreeWidgetItem(parent, [aspects[item.aspect].title_zh])
                    row.setExpanded(True)
                    row.setFlags(row.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                    self.aspect_rows[key] = row
                leaf = QTreeWidgetItem(self.aspect_rows[key], [f"{item.code} {item.title_zh}"])
                leaf.setData(0, ITEM_ROLE, (enterprise_id, item.code))
                leaf.setToolTip(0, item.title_zh)
                self.item_rows[(enterprise_id, item.code)] = leaf

    def refresh_marks(self) -> None:
        results = self.workspace.inspections.results(self.inspection_id)
        done_per_aspect: dict[tuple[str, str], list[int]] = {}
        done_total = 0
        for (enterprise_id, code), leaf in self.item_rows.items():
            result = results.get((enterprise_id, code))
            verdict = result["verdict"] if result else None
            entry = vocab.vocab()["verdicts"].get(verdict or "")
            mark, colour = (entry["mark"], entry["colour"]) if entry else UNANSWERED_MARK
            leaf.setText(0, f"{mark} {code} {self.checklist.item(code).title_zh}")
            leaf.setForeground(0, QBrush(QColor(colour)))
            counts = done_per_aspect.setdefault((enterprise_id, self.checklist.item(code).aspect), [0, 0])
            counts[1] += 1
            if verdict:
                counts[0] += 1
                done_total += 1
        aspects = {a.code: a for a in self.checklist.aspects}
        for (enterprise_id, aspect), row in self.aspect_rows.items():
            done, total = done_per_aspect[(enterprise_id, aspect)]
            row.setText(0, f"{aspects[aspect].title_zh}　{done}/{total}")
            row.setForeground(0, QBrush(QColor("#1e7d32" if done == total else "#202124")))
        self.progress.setText(fill(self.tr("{judged} of {count} items judged"),
                                   judged=done_total, count=len(self.item_rows)))
        inspection = self.workspace.inspections.get(self.inspection_id)
        team = "、".join(i["name"] for i in self.workspace.inspections.inspectors(self.inspection_id))
        status = {"IN_PROGRESS": self.tr("in progress"), "COMPLETED": self.tr("completed"), "VOID": self.tr("void")}
        self.header.setText(
            f"<b>{self.names[self.targets[0]]}</b>　{vocab.label('inspection_modes', inspection['mode'])}　"
            f"{inspection['started_at'][:16].replace('T', ' ')}　{team}　{status[inspection['status']]}"
        )
        self.panel.set_read_only(inspection["status"] != "IN_PROGRESS")
        self.bodycam_button.setEnabled(inspection["status"] == "IN_PROGRESS")
        if inspection["bodycam_ref"]:
            self.bodycam_button.setToolTip(
                f"{inspection['bodycam_ref']} {inspection['bodycam_from'] or ''}–{inspection['bodycam_to'] or ''}"
            )

    # Moving around

    def _resume(self) -> None:
        position = self.workspace.inspections.position(self.inspection_id)
        if position and position in self.item_rows:
            self.go_to(*position)
        else:
            self.next_unanswered()

    def go_to(self, enterprise_id: str, item_code: str) -> None:
        self.tabs.setCurrentIndex(0)
        leaf = self.item_rows[(enterprise_id, item_code)]
        self.tree.setCurrentItem(leaf)
        self.tree.scrollToItem(leaf)

    def current_position(self) -> tuple[str, str] | None:
        current = self.tree.currentItem()
        return current.data(0, ITEM_ROLE) if current else None

    def _on_current(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        key = current.data(0, ITEM_ROLE) if current else None
        if not key:
            return
        enterprise_id, code = key
        self.panel.show_item(enterprise_id, self.checklist.item(code))
        if self.workspace.inspections.get(self.inspection_id)["status"] == "IN_PROGRESS":
            try:
                self.workspace.inspections.set_position(self.inspection_id, enterprise_id, code)
            except UserError as exc:
                show_error(self, exc)

    def next_item(self) -> None:
        keys = list(self.item_rows)
        position = self.current_position()
        index = keys.index(position) + 1 if position in keys else 0
        if index < len(keys):
            self.go_to(*keys[index])

    def next_unanswered(self) -> None:
        self.panel.flush()
        missing = set(self.workspace.inspections.missing_items(self.inspection_id))
        if not missing:
            self.tabs.setCurrentWidget(self.summary)
            return
        keys = list(self.item_rows)
        position = self.current_position()
        start = keys.index(position) + 1 if position in keys else 0
        ordered = keys[start:] + keys[:start]
        target = next(k for k in ordered if k in missing)
        self.go_to(*target)

    def _verdict_from_key(self, verdict: str) -> None:
        self.panel.choose(verdict)
        if verdict == "COMPLIANT":
            self.next_item()

    def edit_bodycam(self) -> BodycamDialog:
        dialog = BodycamDialog(self.workspace, self.inspection_id, self)
        dialog.accepted.connect(self.refresh_marks)
        dialog.open()
        return dialog

    def _completed(self) -> None:
        self.refresh_marks()
        self.completed.emit(self.inspection_id)

    def flush(self) -> None:
        self.panel.flush()
