"""登记设备: bundles came from devices this installation does not know; the supervisor compares each key fingerprint
with the one the sending laptop shows (read aloud or on the phone), names the device, picks its role and enrols it.
Only then are those bundles imported (app/ui/sync/sync_page.py imports them again)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models import vocab
from app.models.device import key_fingerprint
from app.sync.trust import ROLES


@dataclass
class UnknownDevice:
    """A device whose bundles were refused because it is not enrolled, as its signed manifest describes it."""

    device: str
    public_key: bytes
    label: str
    files: list[Path] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self.public_key)


@dataclass(frozen=True)
class Enrolment:
    public_key: bytes
    label: str
    role: str


def _centered(widget: QWidget) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignCenter)
    return holder


class EnrolDialog(QDialog):
    COLUMNS = 6

    def __init__(self, unknown: Sequence[UnknownDevice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrolDialog")
        self.setWindowTitle(self.tr("Enrol devices"))
        self.unknown = list(unknown)
        intro = QLabel(self.tr(
            "These bundles come from devices that are not enrolled here. Compare each key fingerprint with the one "
            "shown on the sending laptop (Sync tab, \"This device\") before you enrol it: a bundle is trusted only "
            "from an enrolled device."
        ))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.unknown), self.COLUMNS)
        self.table.setObjectName("enrolTable")
        self.table.setHorizontalHeaderLabels([self.tr("Enrol"), self.tr("Device"), self.tr("Key fingerprint"),
                                              self.tr("Name"), self.tr("Role"), self.tr("Bundles")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.checks: list[QCheckBox] = []
        self.labels: list[QLineEdit] = []
        self.roles: list[QComboBox] = []
        for row, device in enumerate(self.unknown):
            check = QCheckBox()
            check.setChecked(True)
            check.setToolTip(self.tr("Enrol this device and import its bundles"))
            label = QLineEdit(device.label if device.label != device.device else "")
            label.setPlaceholderText(self.tr("e.g. inspector's name"))
            role = QComboBox()
            for code in ROLES:
                role.addItem(vocab.label("device_roles", code), code)
            for widget in (label, role):
                check.toggled.connect(widget.setEnabled)
            self.checks.append(check)
            self.labels.append(label)
            self.roles.append(role)
            self.table.setCellWidget(row, 0, _centered(check))
            device_item = QTableWidgetItem(device.device)
            device_item.setFont(mono)
            fingerprint = QTableWidgetItem(device.fingerprint)
            fingerprint.setFont(mono)
            self.table.setItem(row, 1, device_item)
            self.table.setItem(row, 2, fingerprint)
            self.table.setCellWidget(row, 3, label)
            self.table.setCellWidget(row, 4, role)
            files = QTableWidgetItem(str(len(device.files)))
            files.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            files.setToolTip("\n".join(p.name for p in device.files))
            self.table.setItem(row, 5, files)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(max(self.table.verticalHeader().defaultSectionSize(),
                                                              self.fontMetrics().height() + 16))
        self.table.setColumnWidth(3, 160)

        self.buttons = QDialogButtonBox()
        self.enrol_button = self.buttons.addButton(self.tr("Enrol and import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.enrol_button.setObjectName("enrolButton")
        self.buttons.addButton(self.tr("Do not enrol"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for check in self.checks:
            check.toggled.connect(self._update_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(940, 200 + 40 * min(len(self.unknown), 8))

    def _update_button(self) -> None:
        self.enrol_button.setEnabled(any(c.isChecked() for c in self.checks))

    def enrolments(self) -> list[Enrolment]:
        return [Enrolment(device.public_key, self.labels[row].text().strip() or device.device,
                          self.roles[row].currentData())
                for row, device in enumerate(self.unknown) if self.checks[row].isChecked()]

    def files(self) -> list[Path]:
        """The bundles to import again: those of the devices ticked."""
        return [path for row, device in enumerate(self.unknown) if self.checks[row].isChecked()
                for path in device.files]
