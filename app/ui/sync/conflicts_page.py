"""冲突: what a merge could not settle alone (app/sync/conflicts.py), grouped by kind, with the values each laptop
wrote (author, device, time) and the action each kind asks for:

- 同时修改 CONCURRENT: keep one of the values (Conflicts.resolve; the choice travels with the next bundle);
- 统一社会信用代码重复 DUPLICATE_USCC: merge the records into one (Registry.merge_enterprises);
- 文书编号重复 DUPLICATE_NUMBER, 重复签名 DOUBLE_SIGNED: void one document with a reason (Documents.void);
- 签名后修改（未生效） NOT_IN_SIGNED: information only — the signed version stands, a correction is a new document.

The duplicate lists are derived at import time, so a merge or a void made here settles its row at once only in this
page (open_conflicts); the stored row goes with the next import.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.documents.issuing import Documents
from app.errors import UserError
from app.models import vocab
from app.models.workspace import Workspace
from app.sync.conflicts import KINDS, Conflict
from app.sync.exchange import Sync
from app.ui.documents.document_dialogs import VoidDialog
from app.ui.i18n import fill
from app.ui.pages import Reloads
from app.ui.registry.merge_dialog import MergeEnterprisesDialog
from app.ui.sync.words import author_name, device_name, iso_text, stamp_text
from app.ui.widgets.dialogs import show_error
from app.ui.widgets.tables import record_table

# Called by this name so that lupdate finds the strings (it does not follow helper functions).
translate = QCoreApplication.translate

KEY_ROLE = Qt.ItemDataRole.UserRole




def kind_help(kind: str) -> str:
    return {
        "CONCURRENT": translate(
            "ConflictsPage", "Two devices changed this field without seeing each other's change. Choose the value "
            "to keep; the choice travels to the other devices with the next bundle."),
        "NOT_IN_SIGNED": translate(
            "ConflictsPage", "This change was made to a document its signer never saw. The signed version stands; "
            "the change is kept aside. A correction is made by issuing a new document."),
        "DOUBLE_SIGNED": translate(
            "ConflictsPage", "The same document was signed on two devices. Void it with a reason and issue a "
            "corrected document if needed."),
        "UNAUTHORISED": translate(
            "ConflictsPage", "A device signed a document whose number is not its own, or voided a document another "
            "device signed, without a supervisor's authority. It was not applied; check that device."),
        "DUPLICATE_NUMBER": translate(
            "ConflictsPage", "Two documents carry the same number. Void one of them with a reason; its number "
            "stays with it."),
        "DUPLICATE_USCC": translate(
            "ConflictsPage", "Two enterprise records have the same credit code: probably one firm entered twice. "
            "Merge them and choose the record to keep."),
        "DUPLICATE_RECORD": translate(
            "ConflictsPage", "One verdict, answer or signature was recorded twice on two devices. The later one is "
            "shown; record it again (or sign again) on the visit to settle it."),
    }.get(kind, "")


def field_label(column: str) -> str:
    return {
        "name": translate("ConflictsPage", "Name"),
        "address": translate("ConflictsPage", "Address"),
        "uscc": translate("ConflictsPage", "Credit code"),
        "merged_into": translate("ConflictsPage", "Merged into"),
        "deleted": translate("ConflictsPage", "Deleted"),
        "verdict": translate("ConflictsPage", "Verdict"),
        "description": translate("ConflictsPage", "Description"),
        "grade": translate("ConflictsPage", "Grade"),
        "deadline": translate("ConflictsPage", "Deadline"),
        "measure": translate("ConflictsPage", "Measure"),
        "status": translate("ConflictsPage", "Status"),
        "enterprise_id": translate("ConflictsPage", "Enterprise"),
        "inspector_id": translate("ConflictsPage", "Inspector"),
        "cert_no": translate("ConflictsPage", "Certificate no."),
        "revoked": translate("ConflictsPage", "Revoked"),
        "public_key": translate("ConflictsPage", "Public key"),
        "file_sha256": translate("ConflictsPage", "Document file"),
        "doc_no": translate("ConflictsPage", "Document number"),
        "first": translate("ConflictsPage", "First number"),
        "last": translate("ConflictsPage", "Last number"),
        "device": translate("ConflictsPage", "Device"),
    }.get(column, column)


def value_text(ws: Workspace, column: str, value: Any) -> str:
    if value is None or value == "":
        return translate("ConflictsPage", "(empty)")
    if column in ("deleted", "revoked") and value in (0, 1, True, False):
        return translate("ConflictsPage", "Yes") if value else translate("ConflictsPage", "No")
    if column in ("enterprise_id", "merged_into"):
        return Sync(ws).conflicts.title("enterprise", str(value))
    if column == "inspector_id":
        return ws.roster.name_of(str(value)) or str(value)
    if column == "file_sha256":
        return str(value)[:12] + "…"
    return str(value)


def _key(conflict: Conflict) -> tuple[str, str, str, str]:
    return conflict.kind, conflict.table, conflict.row_id, conflict.column


def open_conflicts(ws: Workspace) -> list[Conflict]:
    return Sync(ws).conflicts.list()


class ConflictsPage(Reloads, QWidget):
    count_changed = Signal(int)
    # A local void or merge can settle a conflict without writing the queue: reading it refreshes the queue.
    WATCHES = frozenset({"conflict", "document", "enterprise"})
    RELOAD_HIDDEN = True  # the count shows in the tab title and the status bar

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsPage")
        self.workspace = workspace
        self.documents = Documents(workspace)  # VoidDialog calls page.documents.void and page.reload
        self.conflicts: list[Conflict] = []
        self.current: Conflict | None = None
        self._row_ids: list[str] = []  # the records listed for a duplicate, in table order

        self.tree = QTreeWidget()
        self.tree.setObjectName("conflictTree")
        self.tree.setHeaderLabels([self.tr("Conflict"), self.tr("Field")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        tree_header = self.tree.header()
        tree_header.setStretchLastSection(False)
        tree_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda current, _previous: self._show(current))
        self.count_label = QLabel()
        self.count_label.setObjectName("conflictCount")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.tree, 1)

        self.heading = QLabel()
        self.heading.setObjectName("conflictHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subheading = QLabel()
        self.subheading.setObjectName("conflictWhere")
        self.explain = QLabel()
        self.explain.setObjectName("conflictHelp")
        self.explain.setWordWrap(True)
        self.values = record_table([""])
        self.values.setObjectName("conflictValues")
        self.values.setWordWrap(True)
        self.values.itemSelectionChanged.connect(self._update_buttons)
        self.values.doubleClicked.connect(lambda _index: self.act())
        self.keep_button = QPushButton(self.tr("Keep the selected value"))
        self.keep_button.setObjectName("keepValue")
        self.merge_button = QPushButton(self.tr("Merge into one enterprise…"))
        self.merge_button.setObjectName("mergeDuplicates")
        self.void_button = QPushButton(self.tr("Void the selected document…"))
        self.void_button.setObjectName("voidDuplicate")
        self.keep_button.clicked.connect(lambda: self.keep_selected())
        self.merge_button.clicked.connect(lambda: self.merge())
        self.void_button.clicked.connect(lambda: self.void_selected())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.keep_button, self.merge_button, self.void_button):
            buttons.addWidget(button)
        self.empty = QLabel(self.tr("No conflicts: everything imported so far merged cleanly."))
        self.empty.setObjectName("noConflicts")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QWidget()
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self.subheading)
        detail_layout.addWidget(self.explain)
        detail_layout.addWidget(self.values, 1)
        detail_layout.addLayout(buttons)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addWidget(self.empty, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.reload()
        self.watch(workspace)

    # The queue

    def count(self) -> int:
        return len(self.conflicts)

    def reload(self) -> None:
        keep = _key(self.current) if self.current else None
        self.conflicts = open_conflicts(self.workspace)
        self.tree.blockSignals(True)
        self.tree.clear()
        first: QTreeWidgetItem | None = None
        match: QTreeWidgetItem | None = None
        for kind in KINDS:
            group = [(i, c) for i, c in enumerate(self.conflicts) if c.kind == kind]
            if not group:
                continue
            parent = QTreeWidgetItem([f"{vocab.label('conflict_kinds', kind)} ({len(group)})", ""])
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            parent.setFlags(parent.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(parent)
            parent.setFirstColumnSpanned(True)
            for index, conflict in group:
                child = QTreeWidgetItem([f"{vocab.label('record_kinds', conflict.table)}：{conflict.title}",
                                         field_label(conflict.column)])
                child.setData(0, KEY_ROLE, index)
                child.setToolTip(0, conflict.title)
                parent.addChild(child)
                first = first or child
                if _key(conflict) == keep:
                    match = child
            parent.setExpanded(True)
        self.tree.blockSignals(False)
        select = match or first
        total = len(self.conflicts)
        self.count_label.setText(self.tr("%n conflict(s) to settle", "", total))
        self.empty.setVisible(total == 0)
        self.detail.setVisible(total > 0)
        if select is not None:
            self.tree.setCurrentItem(select)
        self._show(select)
        self.count_changed.emit(total)

    def select(self, kind: str, row_id: str, column: str | None = None) -> bool:
        for top in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(top)
            for n in range(parent.childCount()):
                child = parent.child(n)
                if child is None:
                    continue
                conflict = self.conflicts[child.data(0, KEY_ROLE)]
                if conflict.kind == kind and conflict.row_id == row_id and column in (None, conflict.column):
                    self.tree.setCurrentItem(child)
                    return True
        return False

    # One conflict

    def _show(self, item: QTreeWidgetItem | None) -> None:
        index = item.data(0, KEY_ROLE) if item is not None else None
        self.current = self.conflicts[index] if index is not None else None
        conflict = self.current
        for button in (self.keep_button, self.merge_button, self.void_button):
            button.hide()
        self.values.clearSelection()
        if conflict is None:
            self.heading.setText("")
            self.subheading.setText("")
            self.explain.setText("")
            self.values.setRowCount(0)
            return
        self.heading.setText(conflict.title)
        self.subheading.setText(fill(self.tr("{kind} · {table} · {column}"),
                                     kind=vocab.label("conflict_kinds", conflict.kind),
                                     table=vocab.label("record_kinds", conflict.table),
                                     column=field_label(conflict.column)))
        self.explain.setText(kind_help(conflict.kind))
        if conflict.kind == "DUPLICATE_USCC":
            self._fill_enterprises(conflict)
            self.merge_button.show()
        elif conflict.kind == "DUPLICATE_NUMBER":
            self._fill_documents(conflict.ids)
            self.void_button.show()
        else:
            self._fill_choices(conflict)
            if conflict.kind == "CONCURRENT":
                self.keep_button.show()
            elif conflict.kind == "DOUBLE_SIGNED":
                self.void_button.show()
        self.values.resizeRowsToContents()
        self._update_buttons()

    def _set_rows(self, headers: list[str], rows: list[list[str]], stretch: int) -> None:
        table = self.values
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        for c in range(len(headers)):
            header.setSectionResizeMode(
                c, QHeaderView.ResizeMode.Stretch if c == stretch else QHeaderView.ResizeMode.ResizeToContents
            )
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(value))

    def _fill_choices(self, conflict: Conflict) -> None:
        ws = self.workspace
        rows = []
        signed = conflict.detail.get("signed") if conflict.kind == "NOT_IN_SIGNED" else None
        if signed:
            rows.append(
                [
                    fill(
                        self.tr("{value} (signed version, shown)"),
                        value=value_text(ws, conflict.column, signed["value"]),
                    ),
                    author_name(ws, signed["author"]),
                    device_name(ws, signed["device"]),
                    stamp_text(signed["hlc"]),
                ]
            )
        for choice in conflict.choices:
            rows.append(
                [
                    value_text(ws, conflict.column, choice.value),
                    author_name(ws, choice.author),
                    device_name(ws, choice.device),
                    stamp_text(choice.hlc),
                ]
            )
        self._set_rows([self.tr("Value"), self.tr("Author"), self.tr("Device"), self.tr("Time")], rows, 0)
        if conflict.kind == "CONCURRENT":
            shown = Sync(ws).conflicts.shown_value(conflict)
            if shown is not None:
                for r, choice in enumerate(conflict.choices):
                    if choice.value == shown:
                        item = self.values.item(r, 0)
                        item.setText(fill(self.tr("{value} (shown now)"), value=item.text()))

    def _fill_enterprises(self, conflict: Conflict) -> None:
        rows = {row.id: row for row in self.workspace.registry.rows(conflict.ids)}
        self._set_rows(
            [self.tr("Name"), self.tr("Credit code"), self.tr("Address"), self.tr("Township"), self.tr("Role")],
            [
                [r.name, r.uscc or "—", r.address or "—", r.township or "—", r.roles_label or "—"]
                for i in conflict.ids
                if (r := rows.get(i))
            ],
            2,
        )
        self._row_ids = [i for i in conflict.ids if i in rows]

    def _fill_documents(self, ids: list[str]) -> None:
        rows, kept = [], []
        conflicts = Sync(self.workspace).conflicts
        for document_id in ids:
            row = conflicts.live_row("document", document_id)
            if row is None:
                continue
            first = conflicts.first_change("document", document_id)  # who numbered it, on which laptop
            rows.append(
                [
                    row["doc_no"] or "—",
                    vocab.label("document_types", row["doc_type"]),
                    conflicts.title("enterprise", row["enterprise_id"]) if row["enterprise_id"] else "—",
                    vocab.label("document_statuses", row["status"]),
                    iso_text(row.get("created_at")),
                    author_name(self.workspace, first.author) if first else "—",
                    device_name(self.workspace, first.device) if first else "—",
                ]
            )
            kept.append(document_id)
        self._set_rows(
            [
                self.tr("Document number"),
                self.tr("Type"),
                self.tr("Enterprise"),
                self.tr("Status"),
                self.tr("Created"),
                self.tr("Author"),
                self.tr("Device"),
            ],
            rows,
            2,
        )
        self._row_ids = kept

    def selected_row(self) -> int | None:
        rows = self.values.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self) -> None:
        conflict = self.current
        selected = self.selected_row()
        self.keep_button.setEnabled(conflict is not None and selected is not None)
        if conflict is not None and conflict.kind == "DUPLICATE_NUMBER":
            row = self._document_row(selected)
            self.void_button.setEnabled(row is not None and row["status"] != "VOID")
        elif conflict is not None and conflict.kind == "DOUBLE_SIGNED":
            self.void_button.setEnabled(True)
        self.merge_button.setEnabled(conflict is not None and len(self._row_ids) > 1)

    def _document_row(self, selected: int | None) -> dict[str, Any] | None:
        if selected is None or selected >= len(self._row_ids):
            return None
        return Sync(self.workspace).conflicts.live_row("document", self._row_ids[selected])

    # Acting on it

    def act(self) -> Any:
        if self.current is not None and self.current.kind == "CONCURRENT":
            return self.keep_selected()
        return None

    def keep_selected(self) -> bool:
        conflict, selected = self.current, self.selected_row()
        if conflict is None or conflict.kind != "CONCURRENT" or selected is None:
            return False
        try:
            Sync(self.workspace).conflicts.resolve(conflict, conflict.choices[selected].value)
        except UserError as exc:
            show_error(self, exc)
            return False
        return True

    def merge(self) -> MergeEnterprisesDialog | None:
        conflict = self.current
        if conflict is None or conflict.kind != "DUPLICATE_USCC" or len(self._row_ids) < 2:
            return None
        dialog = MergeEnterprisesDialog(self.workspace, self._row_ids, self)
        selected = self.selected_row()
        if selected is not None:
            dialog.choose_keep(self._row_ids[selected])
        dialog.open()
        return dialog

    def void_selected(self) -> VoidDialog | None:
        conflict = self.current
        if conflict is None:
            return None
        if conflict.kind == "DOUBLE_SIGNED":
            document_id = conflict.row_id
        elif conflict.kind == "DUPLICATE_NUMBER":
            row = self._document_row(self.selected_row())
            if row is None or row["status"] == "VOID":
                return None
            document_id = row["id"]
        else:
            return None
        dialog = VoidDialog(self, document_id)
        dialog.open()
        return dialog
