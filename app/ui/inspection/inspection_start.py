"""Starting an inspection: the team (≥ 2 certified inspectors), mode, purpose, the enterprise and, for a landlord's
site, the tenants visited on the same trip."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models import vocab
from app.models.inspections import MIN_INSPECTORS
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.widgets.autosave import DraftField
from app.ui.widgets.check_list import check_list, checked
from app.ui.widgets.dialogs import show_error

# The modes an on-site team picks from; re-inspection (复查) starts from a hazard, not from here.
START_MODES = ("CAMPAIGN", "UNANNOUNCED", "ANNOUNCED", "RANDOM", "ROUTINE", "COMPLAINT", "JOINT", "GUIDANCE")


class StartInspectionDialog(QDialog):
    def __init__(self, workspace: Workspace, enterprise_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.enterprise_id = enterprise_id
        self.inspection_id: str | None = None
        registry = workspace.registry
        enterprise = registry.rows([enterprise_id])[0]
        self.setWindowTitle(self.tr("Start inspection"))
        self.setMinimumWidth(620)

        self.team = check_list(
            [(f"{i['name']}　{i['agency']}　{self.tr('Certificate')} {i['cert_no']}", i["id"], False)
             for i in workspace.roster.inspectors()]
        )
        self.team.setObjectName("team")
        self.mode = QComboBox()
        for code in START_MODES:
            self.mode.addItem(vocab.label("inspection_modes", code), code)
        self.purpose = QLineEdit()
        self.purpose.setObjectName("purpose")
        self.purpose.setPlaceholderText(self.tr("e.g. campaign against hazards in multi-tenant factories"))
        self.bodycam = QLineEdit()
        self.bodycam.setObjectName("bodycam")
        self.bodycam.setPlaceholderText(self.tr("Body camera file or device number (optional)"))
        self.drafts = [DraftField(self.purpose, workspace.drafts, f"start/{enterprise_id}/purpose"),
                       DraftField(self.bodycam, workspace.drafts, f"start/{enterprise_id}/bodycam")]
        tenants = registry.rows(registry.tenant_ids(enterprise_id))
        self.tenants = check_list([(f"{t.name}　{t.industry or ''}", t.id, False) for t in tenants])
        self.tenants.setObjectName("tenants")
        self.reason = QLabel()
        self.reason.setObjectName("reason")
        self.reason.setStyleSheet("color: #b3261e;")

        form = QFormLayout()
        form.addRow(self.tr("Enterprise"), QLabel(f"<b>{enterprise.name}</b>　{enterprise.roles_label}"))
        form.addRow(self.tr("Inspectors"), self.team)
        form.addRow(self.tr("Mode"), self.mode)
        form.addRow(self.tr("Purpose"), self.purpose)
        form.addRow(self.tr("Body camera"), self.bodycam)
        if tenants:
            form.addRow(self.tr("Tenants visited on this trip"), self.tenants)
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
        self._update()

    def _update(self) -> None:
        chosen = len(checked(self.team))
        ready = chosen >= MIN_INSPECTORS
        self.ok_button.setEnabled(ready)
        self.reason.setText(
            ""
            if ready
            else fill(
                self.tr(
                    "Choose at least {minimum} inspectors ({chosen} chosen): inspections are made by two officers."
                ),
                minimum=MIN_INSPECTORS,
                chosen=chosen,
            )
        )

    def reject(self) -> None:
        # Cancel throws the typed text away; only a crash leaves it for the next time the dialog opens.
        for draft in self.drafts:
            draft.done()
        super().reject()

    def start(self) -> None:
        inspections = self.workspace.inspections
        try:
            self.inspection_id = inspections.start(
                self.enterprise_id,
                checked(self.team),
                mode=self.mode.currentData(),
                purpose=self.purpose.text(),
                tenant_ids=checked(self.tenants),
                bodycam=self.bodycam.text(),
            )
        except UserError as exc:
            self.inspection_id = None
            show_error(self, exc)
            return
        for draft in self.drafts:
            draft.done()
        self.accept()
