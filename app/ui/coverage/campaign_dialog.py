"""A campaign's name, period and scope (the whole district, or ticked townships, parks or enterprises); saved as an
op, a refusal shown over the dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.campaigns import Campaign
from app.models.risk import add_months
from app.models.workspace import Workspace
from app.ui.ops import Op
from app.ui.widgets.check_list import check_list, checked
from app.ui.widgets.dates import date_edit, from_qdate, to_qdate


class CampaignDialog(QDialog):
    """`saved(str)` carries the campaign's id once it was written."""

    saved = Signal(str)

    def __init__(self, workspace: Workspace, today: date, campaign: Campaign | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignDialog")
        self.workspace, self.campaign = workspace, campaign
        self.setWindowTitle(self.tr("Edit the campaign") if campaign else self.tr("New campaign"))
        self.name = QLineEdit(campaign.name if campaign else "")
        self.name.setObjectName("campaignName")
        self.start = date_edit(campaign.start if campaign else today, "campaignFrom")
        self.end = date_edit(campaign.end if campaign else add_months(today, 3), "campaignTo")
        self.kind = QComboBox()
        self.kind.setObjectName("campaignScope")
        for code, label in (("ALL", self.tr("Every enterprise")), ("TOWNSHIPS", self.tr("Townships")),
                            ("PARKS", self.tr("Parks")), ("ENTERPRISES", self.tr("Enterprises"))):
            self.kind.addItem(label, code)
        self.choices = QListWidget()
        self.choices.setObjectName("campaignChoices")
        self.kind.currentIndexChanged.connect(self._fill)
        if campaign:
            self.kind.setCurrentIndex(self.kind.findData(campaign.scope_kind))
        self._fill()
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        form.addRow(self.tr("Scope"), self.kind)
        form.addRow("", self.choices)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _fill(self) -> None:
        kind = self.kind.currentData()
        chosen = set(self.campaign.scope) if self.campaign and self.campaign.scope_kind == kind else set()
        registry = self.workspace.registry
        rows = (registry.townships() if kind == "TOWNSHIPS" else registry.parks() if kind == "PARKS"
                else self.workspace.store.query(
                    "SELECT id, name FROM enterprise WHERE deleted = 0 AND merged_into IS NULL ORDER BY name")
                if kind == "ENTERPRISES" else [])
        check_list([(row["name"], row["id"], row["id"] in chosen) for row in rows], self.choices)
        self.choices.setVisible(kind != "ALL")

    def check(self, name: str) -> None:
        """Tick the choice called `name` (tests; a user clicks the box)."""
        for item in self.choices.findItems(name, Qt.MatchFlag.MatchExactly):
            item.setCheckState(Qt.CheckState.Checked)

    def scope(self) -> list[str]:
        return checked(self.choices)

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(to_qdate(start))
        self.end.setDate(to_qdate(end))

    def save(self) -> Op[str]:
        name, kind, scope = self.name.text(), str(self.kind.currentData()), self.scope()
        start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
        existing = self.campaign.id if self.campaign else None

        def write(ws: Workspace, _p: object, _c: object) -> str:
            if existing is None:
                return ws.campaigns.create(name, start, end, kind, scope)
            ws.campaigns.update(existing, name, start, end, kind, scope)
            return existing

        return Op(self, self.workspace, write).success(self._saved).run_in_background()

    def _saved(self, campaign_id: str) -> None:
        self.saved.emit(campaign_id)
        self.accept()
