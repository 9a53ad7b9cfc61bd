"""Starting a re-inspection (复查) of one enterprise: the team and the hazards to re-check (every one due, ticked)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.errors import UserError
from app.models import vocab
from app.models.inspections import MIN_INSPECTORS
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.widgets.check_list import check_list, checked
from app.ui.widgets.dialogs import show_error
from app.ui.widgets.text import elide


class StartRecheckDialog(QDialog):
    def __init__(self, workspace: Workspace, enterprise_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startRecheckDialog")
        self.workspace, self.enterprise_id = workspace, enterprise_id
        self.inspection_id: str | None = None
        self.setWindowTitle(self.tr("Start re-inspection"))
        self.setMinimumWidth(640)
        name = workspace.registry.get_enterprise(enterprise_id)["name"]
        self.team = check_list(
            [(f"{i['name']}　{i['agency']}　{self.tr('Certificate')} {i['cert_no']}", i["id"], False)
             for i in workspace.roster.inspectors()]
        )
        self.team.setObjectName("team")
        self.hazards = check_list([
            (self._hazard_text(h), h["id"], True) for h in workspace.reinspections.due(enterprise_id)
        ])
        self.hazards.setObjectName("hazards")
        self.reason = QLabel()
        self.reason.setObjectName("reason")
        self.reason.setStyleSheet("color: #b3261e;")
        form = QFormLayout()
        form.addRow(self.tr("Enterprise"), QLabel(f"<b>{name}</b>"))
        form.addRow(self.tr("Inspectors"), self.team)
        form.addRow(self.tr("Hazards to re-check"), self.hazards)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Start"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.team.itemChanged.connect(self._update)
        self.hazards.itemChanged.connect(self._update)
        self._update()

    def _hazard_text(self, hazard: dict) -> str:
        parts = [vocab.label("hazard_grades", hazard["grade"]), vocab.label("hazard_statuses", hazard["status"]),
                 fill(self.tr("deadline {date}"), date=hazard["deadline"] or "—"), elide(hazard["description"], 40)]
        return "　".join(parts)

    def _update(self) -> None:
        team, hazards = len(checked(self.team)), len(checked(self.hazards))
        if not self.hazards.count():
            reason = self.tr("The enterprise has no hazard to re-check.")
        elif team < MIN_INSPECTORS:
            reason = fill(self.tr("Choose at least {minimum} inspectors ({chosen} chosen)."),
                          minimum=MIN_INSPECTORS, chosen=team)
        elif not hazards:
            reason = self.tr("Tick the hazards to re-check.")
        else:
            reason = ""
        self.reason.setText(reason)
        self.ok_button.setEnabled(not reason)

    def start(self) -> None:
        """A short write on the GUI thread, as starting an inspection is."""
        try:
            self.inspection_id = self.workspace.reinspections.start(
                self.enterprise_id, checked(self.team), checked(self.hazards))
        except UserError as exc:
            show_error(self, exc)
            return
        self.accept()
