"""合并为同一企业: two (or more) enterprise records that are one firm — typically created offline on two laptops, or
listed as a duplicate credit code after a sync — become one. The person names the record to keep; the others point
at it (Registry.merge_enterprises) and leave the lists, while their inspections, hazards and documents stay as they
were signed and show in the kept record's dossier."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.widgets.dialogs import show_error


class MergeEnterprisesDialog(QDialog):
    merged = Signal(str)  # the kept enterprise id

    def __init__(self, workspace: Workspace, enterprise_ids: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeEnterprisesDialog")
        self.setWindowTitle(self.tr("Merge into one enterprise"))
        self.workspace = workspace
        self.ids = list(enterprise_ids)
        registry = workspace.registry
        rows = {row.id: row for row in registry.rows(self.ids)}
        self.names = {i: (rows[i].name if i in rows else registry.get_enterprise(i)["name"]) for i in self.ids}
        named = fill(self.tr("“{first}” and “{second}”"),
                     first=self.names[self.ids[0]], second="”、“".join(self.names[i] for i in self.ids[1:]))
        self.heading = QLabel(fill(self.tr("Are {named} the same firm? Choose the record to keep."), named=named))
        self.heading.setObjectName("mergeHeading")
        self.heading.setWordWrap(True)
        explain = QLabel(self.tr(
            "The other record leaves the enterprise lists and points to the one kept. Its inspections, hazards and "
            "documents are not changed (signed documents stay as signed) and show in the kept record's dossier."))
        explain.setWordWrap(True)

        self.table = QTableWidget(len(self.ids), 5)
        self.table.setHorizontalHeaderLabels([self.tr("Keep"), self.tr("Name"), self.tr("Credit code"),
                                              self.tr("Address"), self.tr("Role")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.group = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        for r, enterprise_id in enumerate(self.ids):
            row = rows.get(enterprise_id)
            radio = QRadioButton()
            self.group.addButton(radio, r)
            self.radios.append(radio)
            self.table.setCellWidget(r, 0, radio)
            values = [self.names[enterprise_id], row.uscc if row else "", row.address if row else "",
                      row.roles_label if row else ""]
            for c, value in enumerate(values, start=1):
                self.table.setItem(r, c, QTableWidgetItem(value or "—"))
        self.radios[0].setChecked(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText(self.tr("Merge"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 180 + 36 * len(self.ids))

    def keep_id(self) -> str:
        return self.ids[max(self.group.checkedId(), 0)]

    def choose_keep(self, enterprise_id: str) -> None:
        self.radios[self.ids.index(enterprise_id)].setChecked(True)

    def accept(self) -> None:
        keep = self.keep_id()
        try:
            self.workspace.registry.merge_all(keep, self.ids)
        except UserError as exc:
            show_error(self, exc)
            return
        self.merged.emit(keep)
        super().accept()
