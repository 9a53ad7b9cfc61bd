"""新增/编辑企业: create or edit one enterprise on site, with its people and (for a tenant) its landlord.

Save is one `Registry.save_enterprise`, all or nothing, so a refused value (a bad credit code, a missing name)
leaves the database exactly as it was, including any township or park typed in as new. When editing, only the
fields that differ from what was loaded are written, so the change log shows what the inspector changed.

Phone numbers are checked but not refused: a number that is neither a mainland mobile (1[3-9] + 9 digits) nor a
landline with its area code gets an amber warning under the field and is saved as typed. Contact numbers met on
site include extensions, short company numbers (短号) and 400 numbers; a number that looks odd is more useful in
the record than none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError, ValidationError
from app.models import vocab
from app.models.dossier import Dossier
from app.models.registry import EnterpriseEdit, LeaseTerms, Place
from app.models.uscc import ALPHABET, normalize_uscc, validate_uscc
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.registry.form_fields import (
    HINT_STYLE,
    OK_STYLE,
    WARNING_STYLE,
    field_text,
    message_label,
    phone_looks_valid,
    show_message,
    stacked,
)
from app.ui.registry.landlord_picker import LandlordPicker
from app.ui.widgets.dates import date_edit
from app.ui.widgets.dialogs import show_error


@dataclass(frozen=True)
class _Lease:
    id: str
    landlord_id: str
    landlord_name: str
    unit: str | None
    agreement_signed: bool
    agreement_date: str | None


class EnterpriseDialog(QDialog):
    """Create (enterprise_id None) or edit an enterprise.

    After a successful `save()` the dialog is accepted, `enterprise_id` holds the id and `saved` is emitted.

    Signals:
        saved(str): the enterprise id, after its changes were committed.
    """

    saved = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        enterprise_id: str | None = None,
        parent: QWidget | None = None,
        *,
        landlord_id: str | None = None,
    ) -> None:
        """`landlord_id`: for a new enterprise, start it as a tenant of that landlord."""
        super().__init__(parent)
        self.workspace = workspace
        self.registry = workspace.registry
        self.dossier = Dossier(workspace)
        self.enterprise_id = enterprise_id
        self._original: dict[str, Any] = {}
        self._original_people: dict[str, tuple[str | None, str | None]] = {}
        self._original_lease: _Lease | None = None
        self._tenant_count = 0
        self.setObjectName("enterpriseDialog")
        self.setWindowTitle(self.tr("New enterprise") if enterprise_id is None else self.tr("Edit enterprise"))

        body = QHBoxLayout()
        body.addWidget(self._build_enterprise_box(), 5)
        right = QVBoxLayout()
        right.addWidget(self._build_people_box())
        right.addWidget(self._build_landlord_box())
        right.addStretch(1)
        body.addLayout(right, 4)

        self.required_note = QLabel(self.tr("* required"))
        self.required_note.setStyleSheet(HINT_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.required_note)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.setMinimumWidth(900)

        self._fill_choices()
        if enterprise_id is not None:
            self._load(enterprise_id)
        elif landlord_id is not None:
            self.role_checks["tenant"].setChecked(True)
            self.landlord_picker.set_landlord(landlord_id, self.registry.get_enterprise(landlord_id)["name"])
        self._roles_changed()
        self.name_edit.setFocus()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit_height()
        return handled

    def _fit_height(self) -> None:
        """Grow (never shrink) to the height the form needs at this width: Qt does not grow a window for a message
        label that wraps onto more lines, and would squeeze the message instead."""
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            need = layout.totalHeightForWidth(self.width())
            if need > self.height():
                self.resize(self.width(), need)

    # Building

    def _build_enterprise_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Enterprise"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Full registered name, or the sign over the door"))
        self.name_error = message_label()
        self.name_edit.textChanged.connect(lambda _t: show_message(self.name_error, None))
        form.addRow(self.tr("Name *"), stacked(self.name_edit, self.name_error))

        self.uscc_edit = QLineEdit()
        self.uscc_edit.setPlaceholderText(self.tr("18 characters, or leave empty"))
        self.uscc_message = message_label()
        self.uscc_edit.textChanged.connect(lambda _t: self._check_uscc(final=False))
        self.uscc_edit.editingFinished.connect(lambda: self._check_uscc(final=True))
        form.addRow(self.tr("Credit code"), stacked(self.uscc_edit, self.uscc_message))

        roles = QHBoxLayout()
        self.role_checks: dict[str, QCheckBox] = {}
        for code in vocab.codes("enterprise_roles"):
            check = QCheckBox(vocab.label("enterprise_roles", code))
            check.toggled.connect(self._roles_changed)
            self.role_checks[code] = check
            roles.addWidget(check)
        roles.addStretch(1)
        form.addRow(self.tr("Role"), roles)

        self.township_combo = QComboBox()
        self.township_combo.setEditable(True)
        self.township_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.township_combo.lineEdit().setPlaceholderText(self.tr("Choose, or type a new name"))
        self.township_combo.currentIndexChanged.connect(self._fill_parks)
        form.addRow(self.tr("Township"), self.township_combo)

        self.park_combo = QComboBox()
        self.park_combo.setEditable(True)
        self.park_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.park_combo.lineEdit().setPlaceholderText(self.tr("Optional; choose, or type a new name"))
        form.addRow(self.tr("Park"), self.park_combo)

        self.address_edit = QLineEdit()
        form.addRow(self.tr("Address"), self.address_edit)
        self.industry_edit = QLineEdit()
        self.industry_edit.setPlaceholderText(self.tr("e.g. hardware, plastics, textiles"))
        form.addRow(self.tr("Industry"), self.industry_edit)

        self.employees_spin = QSpinBox()
        self.employees_spin.setRange(-1, 1_000_000)
        self.employees_spin.setSpecialValueText(self.tr("Not recorded"))
        self.employees_spin.setValue(-1)
        self.employees_spin.setMinimumWidth(120)
        employees = QHBoxLayout()
        employees.addWidget(self.employees_spin)
        employees.addStretch(1)
        form.addRow(self.tr("Employees"), employees)

        self.risk_combo = QComboBox()
        self.risk_combo.addItem(self.tr("Not graded"), None)
        for code in vocab.codes("risk_grades"):
            self.risk_combo.addItem(vocab.label("risk_grades", code), code)
        risk = QHBoxLayout()
        risk.addWidget(self.risk_combo)
        risk.addStretch(1)
        form.addRow(self.tr("Risk grade"), risk)
        return box

    def _person_row(self, form: QFormLayout, label: str) -> tuple[QLineEdit, QLineEdit, QLabel]:
        name = QLineEdit()
        name.setPlaceholderText(self.tr("Name"))
        phone = QLineEdit()
        phone.setPlaceholderText(self.tr("Phone"))
        phone.setToolTip(self.tr("Mobile, or landline with area code"))
        message = message_label()
        row = QHBoxLayout()
        row.addWidget(name, 2)
        row.addWidget(phone, 3)

        def check() -> None:
            self._check_person(name, phone, message, final=False)

        name.textChanged.connect(lambda _t: check())
        phone.textChanged.connect(lambda _t: check())
        form.addRow(label, stacked(row, message))
        return name, phone, message

    def _build_people_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("People"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.principal_name, self.principal_phone, self.principal_message = self._person_row(
            form, vocab.label("person_roles", "principal")
        )
        self.officer_name, self.officer_phone, self.officer_message = self._person_row(
            form, vocab.label("person_roles", "safety_officer")
        )
        return box

    def _build_landlord_box(self) -> QGroupBox:
        self.landlord_box = QGroupBox(self.tr("Lease (tenants only)"))
        form = QFormLayout(self.landlord_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.landlord_picker = LandlordPicker(self.workspace, exclude_id=self.enterprise_id)
        self.landlord_picker.changed.connect(self._update_lease_note)
        self.landlord_picker.edit.textChanged.connect(lambda _t: self._update_lease_note())
        self.lease_note = message_label()
        form.addRow(self.tr("Landlord"), stacked(self.landlord_picker, self.lease_note))
        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText(self.tr("e.g. building 3, floor 2"))
        form.addRow(self.tr("Leased space"), self.unit_edit)
        self.agreement_check = QCheckBox(self.tr("Signed"))
        self.agreement_date = date_edit()
        self.agreement_date.setEnabled(False)
        self.agreement_check.toggled.connect(self.agreement_date.setEnabled)
        agreement = QHBoxLayout()
        agreement.addWidget(self.agreement_check)
        agreement.addWidget(QLabel(self.tr("on")))
        agreement.addWidget(self.agreement_date)
        agreement.addStretch(1)
        form.addRow(self.tr("Safety agreement"), agreement)
        self.other_leases = message_label()
        form.addRow(self.other_leases)
        return self.landlord_box

    def _fill_choices(self) -> None:
        self.township_combo.addItem("", None)
        for town in self.registry.townships():
            self.township_combo.addItem(town["name"], town["id"])
        self._fill_parks()

    def _fill_parks(self) -> None:
        current = self.park_combo.currentText()
        self.park_combo.blockSignals(True)
        self.park_combo.clear()
        self.park_combo.addItem("", None)
        for park in self.dossier.parks(self.township_combo.currentData()):
            self.park_combo.addItem(park["name"], park["id"])
        self.park_combo.setCurrentIndex(max(self.park_combo.findText(current), 0) if current else 0)
        if current and self.park_combo.findText(current) < 0:
            self.park_combo.setEditText(current)
        self.park_combo.blockSignals(False)

    # Loading

    def _load(self, enterprise_id: str) -> None:
        profile = self.dossier.profile(enterprise_id)
        relations = self.dossier.relations(enterprise_id)
        self.setWindowTitle(fill(self.tr("Edit enterprise: {name}"), name=profile.name))
        self._original = {
            "name": profile.name,
            "uscc": profile.uscc,
            "address": profile.address,
            "township_id": profile.township_id,
            "park_id": profile.park_id,
            "industry": profile.industry,
            "employees": profile.employees,
            "is_landlord": "landlord" in profile.roles,
            "is_tenant": "tenant" in profile.roles,
            "is_operator": "operator" in profile.roles,
            "risk_grade": profile.risk_grade,
        }
        self.name_edit.setText(profile.name)
        self.uscc_edit.setText(profile.uscc or "")
        for code, check in self.role_checks.items():
            check.setChecked(code in profile.roles)
        _select(self.township_combo, profile.township_id, profile.township)
        self._fill_parks()
        _select(self.park_combo, profile.park_id, profile.park)
        self.address_edit.setText(profile.address or "")
        self.industry_edit.setText(profile.industry or "")
        self.employees_spin.setValue(-1 if profile.employees is None else profile.employees)
        self.risk_combo.setCurrentIndex(max(self.risk_combo.findData(profile.risk_grade), 0))
        for role, person, name_edit, phone_edit in (
            ("principal", profile.principal, self.principal_name, self.principal_phone),
            ("safety_officer", profile.safety_officer, self.officer_name, self.officer_phone),
        ):
            self._original_people[role] = (person.name, person.phone) if person else (None, None)
            name_edit.setText(person.name if person else "")
            phone_edit.setText((person.phone or "") if person else "")
        self._tenant_count = sum(r.other_role == "tenant" for r in relations)
        # The dialog edits the oldest lease (ids are time-ordered), as registry.landlord_ids() lists it first.
        landlord_leases = sorted((r for r in relations if r.other_role == "landlord"), key=lambda r: r.lease_id)
        lease = landlord_leases[0] if landlord_leases else None
        if lease is not None:
            self._original_lease = _Lease(lease.lease_id, lease.landlord_id, lease.landlord_name, lease.unit,
                                          lease.agreement_signed, lease.agreement_date)
            self.landlord_picker.set_landlord(lease.landlord_id, lease.landlord_name)
            self.unit_edit.setText(lease.unit or "")
            self.agreement_check.setChecked(lease.agreement_signed)
            if lease.agreement_date:
                self.agreement_date.setDate(QDate.fromString(lease.agreement_date, "yyyy-MM-dd"))
            others = [r.other_name for r in landlord_leases[1:]]
            if others:
                show_message(self.other_leases, fill(self.tr("Also leases from: {others}"),
                                              others="、".join(others)), HINT_STYLE)

    # Reacting

    def _roles_changed(self) -> None:
        landlord = self.role_checks["landlord"]
        if self._tenant_count:
            # A landlord with tenants stays a landlord: the role follows from its leases.
            landlord.setChecked(True)
            landlord.setEnabled(False)
            landlord.setToolTip(self.tr("Has %n tenant(s); the role follows from its leases", "", self._tenant_count))
        self.landlord_box.setEnabled(self.role_checks["tenant"].isChecked())
        self._update_lease_note()

    def _update_lease_note(self) -> None:
        old = self._original_lease
        new = self._chosen_landlord()
        if old is not None and new != old.landlord_id and (new or not self.landlord_picker.text()
                                                             or not self.role_checks["tenant"].isChecked()):
            show_message(self.lease_note, fill(self.tr("Saving ends the lease with “{landlord_name}”"),
                                        landlord_name=old.landlord_name),
                  WARNING_STYLE)
        else:
            show_message(self.lease_note, None)

    def _chosen_landlord(self) -> str | None:
        return self.landlord_picker.landlord_id() if self.role_checks["tenant"].isChecked() else None

    def _check_uscc(self, final: bool) -> bool:
        """Show what is wrong with the credit code as typed; True when it is empty or valid and unused."""
        code = normalize_uscc(self.uscc_edit.text())
        if code is None:
            show_message(self.uscc_message, None)
            return True
        if len(code) < 18 and not final:
            bad = sorted({ch for ch in code if ch not in ALPHABET})
            if bad:
                show_message(
                    self.uscc_message,
                    fill(self.tr("Characters not allowed: {bad} (I, O, S, V and Z are never used)"), bad=" ".join(bad)),
                )
            else:
                show_message(self.uscc_message, fill(self.tr("{count} of 18 characters"), count=len(code)), HINT_STYLE)
            return False
        try:
            validate_uscc(code)
        except ValidationError as exc:
            show_message(self.uscc_message, exc.message)
            return False
        other = self.registry.find_by_uscc(code)
        if other and other != self.enterprise_id:
            name = self.registry.get_enterprise(other)["name"]
            show_message(self.uscc_message, fill(self.tr("This credit code already belongs to “{name}”"), name=name))
            return False
        show_message(self.uscc_message, self.tr("Check character correct"), OK_STYLE)
        return True

    def _check_person(self, name: QLineEdit, phone: QLineEdit, message: QLabel, final: bool) -> bool:
        """Warn about an unusual phone number; a phone without a name is an error (only shown on Save)."""
        if final and field_text(phone.text()) and not field_text(name.text()):
            show_message(message, self.tr("Enter the name that goes with this phone number"))
            return False
        if not phone_looks_valid(phone.text()):
            show_message(
                message,
                self.tr(
                    "Unusual number: a mobile has 11 digits starting 13–19, a landline needs its "
                    "area code (e.g. 0574-87654321). It will be saved as typed."
                ),
                WARNING_STYLE,
            )
        else:
            show_message(message, None)
        return True

    # Saving

    def save(self) -> str | None:
        """Write the form (all or nothing); the enterprise id, or None when something was refused."""
        ok = all(
            [
                self._check_person(self.principal_name, self.principal_phone, self.principal_message, final=True),
                self._check_person(self.officer_name, self.officer_phone, self.officer_message, final=True),
                self._check_landlord(),
            ]
        )
        if not ok:
            return None
        try:
            enterprise_id = self.registry.save_enterprise(self.enterprise_id, self._edit())
        except ValidationError as exc:
            self._show_refusal(exc)
            return None
        except UserError as exc:
            show_error(self, exc)
            return None
        self.enterprise_id = enterprise_id
        self.saved.emit(enterprise_id)
        self.accept()
        return enterprise_id

    def _check_landlord(self) -> bool:
        picker = self.landlord_picker
        if self.role_checks["tenant"].isChecked() and picker.text() and picker.landlord_id() is None:
            show_message(
                picker.status,
                fill(
                    self.tr(
                        "No registered landlord is called “{name}”. Choose one from the list, or "
                        "register the landlord first."
                    ),
                    name=picker.text(),
                ),
            )
            picker.edit.setFocus()
            return False
        return True

    def _show_refusal(self, exc: ValidationError) -> None:
        """Put the registry's refusal under the field it concerns, or in a box when it concerns none."""
        if exc.code == "field.required" and exc.params.get("field") == "name":
            show_message(self.name_error, exc.message)
            self.name_edit.setFocus()
        elif exc.code.startswith("uscc.") or exc.code == "enterprise.duplicate_uscc":
            show_message(self.uscc_message, exc.message)
            self.uscc_edit.setFocus()
        elif exc.code.startswith("lease."):
            show_message(self.landlord_picker.status, exc.message)
        else:
            show_error(self, exc)

    def _fields(self) -> dict[str, Any]:
        employees = self.employees_spin.value()
        return {
            "name": field_text(self.name_edit.text()),
            "uscc": normalize_uscc(self.uscc_edit.text()),
            "address": field_text(self.address_edit.text()),
            "industry": field_text(self.industry_edit.text()),
            "employees": None if employees < 0 else employees,
            "is_landlord": self.role_checks["landlord"].isChecked(),
            "is_tenant": self.role_checks["tenant"].isChecked(),
            "is_operator": self.role_checks["operator"].isChecked(),
            "risk_grade": self.risk_combo.currentData(),
        }

    def _edit(self) -> EnterpriseEdit:
        old = self._original_lease
        landlord_id = self._chosen_landlord()
        lease = None
        if landlord_id is not None:
            signed = self.agreement_check.isChecked()
            lease = LeaseTerms(
                landlord_id,
                field_text(self.unit_edit.text()),
                signed,
                self.agreement_date.date().toString("yyyy-MM-dd") if signed else None,
            )
        return EnterpriseEdit(
            fields=self._fields(),
            township=_place(self.township_combo),
            park=_place(self.park_combo),
            people={
                "principal": (field_text(self.principal_name.text()), field_text(self.principal_phone.text())),
                "safety_officer": (field_text(self.officer_name.text()), field_text(self.officer_phone.text())),
            },
            original=self._original,
            original_people=self._original_people,
            original_lease=None
            if old is None
            else (
                old.id,
                LeaseTerms(
                    old.landlord_id,
                    old.unit,
                    old.agreement_signed,
                    old.agreement_date if old.agreement_signed else None,
                ),
            ),
            lease=lease,
        )

    # Convenience

    @classmethod
    def run(cls, workspace: Workspace, enterprise_id: str | None = None, parent: QWidget | None = None) -> str | None:
        """Show the dialog modally (blocking) and return the saved enterprise id, or None when cancelled."""
        dialog = cls(workspace, enterprise_id, parent)
        return dialog.enterprise_id if dialog.exec() == QDialog.DialogCode.Accepted else None


def _select(combo: QComboBox, row_id: str | None, name: str | None) -> None:
    """Select the entry with id `row_id`, adding it when the list does not offer it (so saving keeps the id)."""
    if not row_id:
        combo.setCurrentIndex(0)
        return
    index = combo.findData(row_id)
    if index < 0:
        combo.addItem(name or "", row_id)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def _place(combo: QComboBox) -> Place:
    """The entry whose text is typed in an editable combo: its id, or the new name to create on save."""
    text = field_text(combo.currentText())
    if text is None:
        return Place()
    index = combo.currentIndex()
    if index < 0 or combo.itemText(index) != text:
        index = combo.findText(text, Qt.MatchFlag.MatchExactly)
    if index >= 0 and combo.itemData(index):
        return Place(id=combo.itemData(index))
    return Place(name=text)
