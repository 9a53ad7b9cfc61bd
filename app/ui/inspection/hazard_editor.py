"""Editing one hazard (事故隐患) as it is found: description, grade, measure, deadline, who must fix it, photos.

Every field is saved the moment it is finished (a line on Enter or leaving it, a text box also a moment after
typing stops, a choice when it is made) through `Inspections.update_hazard`, so a crash loses nothing. When the
service refuses a value (an empty description, a deadline before today, a closed hazard) the field shows the
reason in red right under it and goes back to the stored value, so the screen never shows what is not stored.

Rules from domain.md §5.2 shown here: a major hazard (重大事故隐患) names its basis and needs interim controls
(临时管控) until it is removed; "rectified on site" (当场整改) has no deadline; the responsible party is the tenant
for its own premises and the landlord for common areas (exits, fire lanes, hydrants).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QDate, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models import content, vocab
from app.models.store import to_db
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.widgets.autosave import AutoSave, text_of
from app.ui.widgets.photo_strip import PhotoStrip

_TEXT_FIELDS = ("description", "location", "major_basis", "interim_controls", "measure", "responsible_person",
                "responsible_phone")
ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "color: #b3261e; background: #fdecea; padding: 3px 6px; border-radius: 3px;"
NO_DATE = QDate(2000, 1, 1)  # the date edit's minimum, shown as its special "none" text


class _TextBox(QPlainTextEdit):
    """A multi-line field that reports, like QLineEdit, when the user leaves it; Tab moves on."""

    editingFinished = Signal()

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setFixedHeight(height)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # its own context menu is not leaving it
            self.editingFinished.emit()


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class HazardEditor(QWidget):
    """The fields of one hazard. `changed` is emitted after anything about the hazard (or its photos) was saved."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hazardEditor")
        self.workspace = workspace
        self.hazard_id: str | None = None
        self.row: dict[str, Any] = {}
        self.item: content.ChecklistItem | None = None
        self.target_id: str | None = None  # the inspected enterprise the hazard was found at
        self._loading = False
        self._read_only = False

        # Fields
        self.status_label = QLabel()
        self.status_label.setObjectName("hazardStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet(WARNING_STYLE)
        self.status_label.hide()

        self.description = _TextBox(3)
        self.description.setObjectName("hazardDescription")
        self.description.setPlaceholderText(self.tr("What was seen, in objective words"))
        self.location = QLineEdit()
        self.location.setObjectName("hazardLocation")
        self.location.setPlaceholderText(self.tr("e.g. 2F east, near exit B"))

        self.grade_general = QRadioButton(self.tr("General hazard"))
        self.grade_general.setObjectName("gradeGeneral")
        self.grade_major = QRadioButton(self.tr("Major hazard"))
        self.grade_major.setObjectName("gradeMajor")
        self.grade_group = QButtonGroup(self)
        self.grade_group.addButton(self.grade_general)
        self.grade_group.addButton(self.grade_major)
        self.major_hint = QLabel()
        self.major_hint.setObjectName("majorHint")
        self.major_hint.setWordWrap(True)
        self.major_hint.setStyleSheet("color: #b3261e;")
        self.major_hint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.major_basis = QLineEdit()
        self.major_basis.setObjectName("majorBasis")
        self.interim_controls = _TextBox(2)
        self.interim_controls.setObjectName("interimControls")
        self.interim_controls.setPlaceholderText(
            self.tr("e.g. area cordoned off, equipment out of use, a person on watch")
        )
        self.interim_warning = QLabel(
            self.tr("A major hazard needs interim controls until it is removed: fill them in.")
        )
        self.interim_warning.setObjectName("interimWarning")
        self.interim_warning.setWordWrap(True)
        self.interim_warning.setStyleSheet(WARNING_STYLE)

        self.measure = _TextBox(2)
        self.measure.setObjectName("hazardMeasure")

        self.deadline = QDateEdit()
        self.deadline.setObjectName("hazardDeadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline.setMinimumDate(NO_DATE)
        self.deadline.setSpecialValueText(self.tr("none"))
        self.deadline.setMinimumWidth(130)
        self.deadline_note = QLabel()
        self.deadline_note.setObjectName("deadlineNote")
        self.deadline_note.setStyleSheet("color: #555;")
        self.on_site = QCheckBox(self.tr("Rectified on site"))
        self.on_site.setObjectName("rectifiedOnSite")
        self.on_site.setToolTip(self.tr("Fixed while the inspectors watched: no deadline is set"))

        self.responsible = QComboBox()
        self.responsible.setObjectName("responsibleEnterprise")
        self.responsible.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.responsible.setMinimumContentsLength(16)
        self.responsible.setToolTip(
            self.tr("The tenant answers for its own premises; the landlord for common areas such as exits, fire "
                    "lanes and hydrants.")
        )
        self.person = QLineEdit()
        self.person.setObjectName("responsiblePerson")
        self.phone = QLineEdit()
        self.phone.setObjectName("responsiblePhone")
        self.phone.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9+\-() ]{0,24}"), self.phone))
        self.person.setMinimumWidth(80)
        self.phone.setMinimumWidth(120)

        self.photos = PhotoStrip(workspace, self)
        self.photos.set_empty_text(
            self.tr("No photo of the hazard yet: add at least one (button, drop image files here, or Ctrl+V)."),
            warn=True,
        )

        # One red line under each field for a refused value.
        self.errors: dict[str, QLabel] = {}

        # Layout
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(4)
        self.form = form

        def row(label: str, field: QWidget, key: str, *extra: QWidget) -> QWidget:
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(field)
            for widget in extra:
                box.addWidget(widget)
            error = QLabel()
            error.setObjectName(f"error_{key}")
            error.setWordWrap(True)
            error.setStyleSheet(ERROR_STYLE)
            error.hide()
            box.addWidget(error)
            self.errors[key] = error
            caption = QLabel(label)
            if field.focusPolicy() != Qt.FocusPolicy.NoFocus:
                caption.setBuddy(field)
            form.addRow(caption, cell)
            return cell

        grades = QWidget()
        grades_row = QHBoxLayout(grades)
        grades_row.setContentsMargins(0, 0, 0, 0)
        grades_row.addWidget(self.grade_general)
        grades_row.addSpacing(12)
        grades_row.addWidget(self.grade_major)
        grades_row.addSpacing(16)
        grades_row.addWidget(self.major_hint, 1)
        deadline = QWidget()
        deadline_row = QHBoxLayout(deadline)
        deadline_row.setContentsMargins(0, 0, 0, 0)
        deadline_row.addWidget(self.deadline)
        deadline_row.addWidget(self.deadline_note)
        deadline_row.addSpacing(16)
        deadline_row.addWidget(self.on_site)
        deadline_row.addStretch(1)
        responsible = QWidget()
        responsible_row = QHBoxLayout(responsible)
        responsible_row.setContentsMargins(0, 0, 0, 0)
        responsible_row.addWidget(self.responsible, 3)
        person_label = QLabel(self.tr("Person"))
        person_label.setBuddy(self.person)
        phone_label = QLabel(self.tr("Phone"))
        phone_label.setBuddy(self.phone)
        responsible_row.addSpacing(12)
        responsible_row.addWidget(person_label)
        responsible_row.addWidget(self.person, 1)
        responsible_row.addSpacing(8)
        responsible_row.addWidget(phone_label)
        responsible_row.addWidget(self.phone, 1)

        row(self.tr("Description"), self.description, "description")
        row(self.tr("Location"), self.location, "location")
        row(self.tr("Grade"), grades, "grade")
        self.major_basis_cell = row(self.tr("Major hazard basis"), self.major_basis, "major_basis")
        self.interim_cell = row(self.tr("Interim controls"), self.interim_controls, "interim_controls",
                                self.interim_warning)
        row(self.tr("Measure required"), self.measure, "measure")
        row(self.tr("Deadline"), deadline, "deadline")
        row(self.tr("Responsible party"), responsible, "enterprise_id")
        row(self.tr("Hazard photos"), self.photos, "photos")
        # Person and phone share the responsible party's row.
        self.errors["responsible_person"] = self.errors["responsible_phone"] = self.errors["enterprise_id"]

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_label)
        layout.addLayout(form)

        order = [self.description, self.location, self.grade_general, self.grade_major, self.major_basis,
                 self.interim_controls, self.measure, self.deadline, self.on_site, self.responsible, self.person,
                 self.phone, self.photos.view, self.photos.add_button, self.photos.paste_button]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        # Saving
        # Each text field saves on its own pause in typing (a shared timer would wait while the user moves on to
        # the next field without a pause).
        self._savers = [AutoSave(self._widget(field), self._saver(field))
                        for field in _TEXT_FIELDS]
        self.description.editingFinished.connect(lambda: self._save_text("description"))
        self.interim_controls.editingFinished.connect(lambda: self._save_text("interim_controls"))
        self.measure.editingFinished.connect(lambda: self._save_text("measure"))
        self.location.editingFinished.connect(lambda: self._save_text("location"))
        self.major_basis.editingFinished.connect(lambda: self._save_text("major_basis"))
        self.person.editingFinished.connect(lambda: self._save_text("responsible_person"))
        self.phone.editingFinished.connect(lambda: self._save_text("responsible_phone"))
        self.grade_group.buttonToggled.connect(self._grade_toggled)
        self.deadline.dateChanged.connect(self._date_changed)
        self.deadline.editingFinished.connect(self._save_deadline)
        self.deadline.calendarWidget().clicked.connect(lambda _d: QTimer.singleShot(0, self._save_deadline))
        self.on_site.toggled.connect(self._on_site_toggled)
        self.responsible.currentIndexChanged.connect(self._save_responsible)
        self.photos.changed.connect(self.changed)

        self.clear()

    # Which hazard

    def set_hazard(self, hazard_id: str) -> None:
        self.flush()
        self.hazard_id = hazard_id
        self.row = self.workspace.inspections.hazard(hazard_id)
        self.item = self._checklist_item(self.row)
        self.target_id = self.workspace.inspections.found_at(self.row)
        self._fill_responsible()
        for label in self.errors.values():
            label.hide()
        self._show(*self._FIELDS)
        self.photos.set_owner(hazard_id=hazard_id)
        self._apply_state()

    def clear(self) -> None:
        """Show no hazard (all fields empty and disabled)."""
        self.flush()
        self.hazard_id, self.row, self.item, self.target_id = None, {}, None, None
        self._loading = True
        try:
            for box in (self.description, self.interim_controls, self.measure):
                box.clear()
            for line in (self.location, self.major_basis, self.person, self.phone):
                line.clear()
            self.grade_general.setChecked(True)  # an exclusive group cannot go back to none checked
            self.deadline.setDate(NO_DATE)
            self.on_site.setChecked(False)
            self.responsible.clear()
        finally:
            self._loading = False
        for label in self.errors.values():
            label.hide()
        self.major_hint.clear()
        self.photos.set_owner()
        self._apply_state()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._apply_state()

    def heading(self) -> str:
        """'SITE-02 安全出口和疏散通道', for a dialog's title."""
        return f"{self.item.code} {self.item.title_zh}" if self.item else ""

    def flush(self) -> None:
        """Save whatever is typed but not yet saved (before showing another hazard or closing)."""
        if self.hazard_id is None or self._loading:
            return
        for saver in self._savers:
            saver.cancel()
        for key in _TEXT_FIELDS:
            self._save_text(key)
        if self.deadline.date() != NO_DATE:
            self._save_deadline()

    # Reading

    _FIELDS = ("description", "location", "grade", "major_basis", "interim_controls", "measure", "deadline",
               "rectified_on_site", "enterprise_id", "responsible_person", "responsible_phone")

    def _checklist_item(self, row: dict[str, Any]) -> content.ChecklistItem | None:
        if not (row["inspection_id"] and row["item_code"]):
            return None
        try:
            return self.workspace.inspections.checklist(row["inspection_id"]).item(row["item_code"])
        except (KeyError, UserError):
            return None

    def _fill_responsible(self) -> None:
        registry = self.workspace.registry
        assert self.target_id is not None
        landlords = registry.landlord_ids(self.target_id)
        choices: list[tuple[str, str]] = []
        target_name = registry.get_enterprise(self.target_id)["name"]
        choices.append((self.target_id, fill(self.tr("{name} (tenant, own premises)"), name=target_name)
                        if landlords else target_name))
        for landlord in landlords:
            name = registry.get_enterprise(landlord)["name"]
            choices.append((landlord, fill(self.tr("{name} (landlord, common areas)"), name=name)))
        current = self.row["enterprise_id"]
        if current not in [c[0] for c in choices]:
            choices.append((current, registry.get_enterprise(current)["name"]))
        self._loading = True
        try:
            self.responsible.clear()
            for enterprise_id, label in choices:
                self.responsible.addItem(label, enterprise_id)
        finally:
            self._loading = False

    def _show(self, *fields: str) -> None:
        """Put the stored values of `fields` on screen (without saving them back)."""
        row = self.row
        self._loading = True
        try:
            for field in fields:
                if field in ("description", "interim_controls", "measure"):
                    box: QPlainTextEdit = getattr(self, field)
                    if box.toPlainText() != _text(row[field]):
                        box.setPlainText(_text(row[field]))
                elif field in ("location", "major_basis"):
                    getattr(self, field).setText(_text(row[field]))
                elif field == "responsible_person":
                    self.person.setText(_text(row[field]))
                elif field == "responsible_phone":
                    self.phone.setText(_text(row[field]))
                elif field == "grade":
                    checked, other = ((self.grade_major, self.grade_general) if row["grade"] == "MAJOR"
                                      else (self.grade_general, self.grade_major))
                    checked.setChecked(True)
                    # Tab enters the group at the checked button (Qt would keep the first or last focused one).
                    checked.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                    other.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
                elif field == "deadline":
                    self.deadline.setDate(QDate.fromString(row["deadline"], "yyyy-MM-dd") if row["deadline"]
                                          else NO_DATE)
                elif field == "rectified_on_site":
                    self.on_site.setChecked(bool(row["rectified_on_site"]))
                elif field == "enterprise_id":
                    self.responsible.setCurrentIndex(max(0, self.responsible.findData(row["enterprise_id"])))
        finally:
            self._loading = False
        self._apply_state()

    def _editable(self) -> bool:
        return self.hazard_id is not None and self.row["status"] not in ("CLOSED", "VOID") and not self._read_only

    def _apply_state(self) -> None:
        """Enable, show and word what depends on the stored values (grade, on-site, status)."""
        row, item = self.row, self.item
        loaded = self.hazard_id is not None
        closed = loaded and row["status"] in ("CLOSED", "VOID")
        editable = self._editable()
        if closed:
            self.status_label.setText(
                fill(self.tr("This hazard is {status} and can no longer be changed."),
                     status=vocab.label("hazard_statuses", row["status"]))
            )
        self.status_label.setVisible(closed)
        major = loaded and row["grade"] == "MAJOR"
        for widget in (self.description, self.interim_controls, self.measure):
            widget.setReadOnly(not editable)
        for line in (self.location, self.major_basis, self.person, self.phone):
            line.setReadOnly(not editable)
        for choice in (self.grade_general, self.grade_major, self.on_site, self.responsible):
            choice.setEnabled(editable)
        self.responsible.setEnabled(editable and self.responsible.count() > 1)
        self.major_basis.setEnabled(editable and major)
        self.major_basis.setPlaceholderText(
            (item.major_basis if item and item.major_basis else self.tr("Clause of the standard that makes it major"))
            if major else ""
        )
        self.deadline.setEnabled(editable and not (loaded and row["rectified_on_site"]))
        self.photos.set_read_only(not editable)

        # Interim controls: for major hazards, and for any hazard that already has them.
        interim_shown = major or bool(loaded and row["interim_controls"])
        self.form.setRowVisible(self.interim_cell, interim_shown)
        self.interim_warning.setVisible(major and not (row.get("interim_controls") or "").strip())

        hint = ""
        if item is not None and item.major == "YES":
            hint = self.tr("A failure of this item is a major accident hazard")
            if item.major_basis:
                hint += fill(self.tr(" (basis: {major_basis})"), major_basis=item.major_basis)
        elif item is not None and item.major == "CONDITIONAL":
            hint = item.major_hint_zh
        self.major_hint.setText(hint)
        self.major_hint.setVisible(bool(hint))
        self._update_deadline_note()

    def _update_deadline_note(self) -> None:
        text = ""
        if self.hazard_id is not None and self.row["rectified_on_site"]:
            text = self.tr("no deadline")
        elif self.hazard_id is not None and self.row["deadline"]:
            days = (date.fromisoformat(self.row["deadline"]) - self._today()).days
            if days > 0:
                text = self.tr("%n day(s) left", "", days)
            elif days == 0:
                text = self.tr("due today")
            else:
                text = self.tr("%n day(s) overdue", "", -days)
        self.deadline_note.setText(text)

    def _today(self) -> date:
        return self.workspace.inspections.now().date()

    # Saving

    def _update(self, key: str, fields: dict[str, Any], keep: str | None = None, typing: bool = False) -> bool:
        """Save `fields`; on refusal show why under the field `key` and put the stored values back (not while
        `typing`: the user is still at it).

        `keep` names a field whose widget the user may still be typing in, so it is not rewritten on success."""
        if self.hazard_id is None or self._loading or not self._editable():
            return False
        if all(to_db(value) == self.row[name] for name, value in fields.items()):
            self.errors[key].hide()
            return True
        try:
            changed = self.workspace.inspections.update_hazard(self.hazard_id, **fields)
        except UserError as exc:
            if typing:
                self.errors[key].setText(exc.message)
                self.errors[key].show()
                return False
            self.row = self.workspace.inspections.hazard(self.hazard_id)
            self.errors[key].setText(fill(self.tr("{message} (the saved value was restored)"), message=exc.message))
            self.errors[key].show()
            self._show(*fields)
            return False
        self.errors[key].hide()
        self.row = self.workspace.inspections.hazard(self.hazard_id)
        self._show(*(name for name in changed if name in self._FIELDS and name != keep))
        if changed:
            self.changed.emit()
        return True

    def _widget(self, field: str) -> QLineEdit | QPlainTextEdit:
        widget = {"responsible_person": self.person, "responsible_phone": self.phone}.get(field)
        return widget if widget is not None else getattr(self, field)

    def _widget_text(self, field: str) -> str | None:
        return text_of(self._widget(field)).strip() or None

    def _save_text(self, field: str, keep: bool = False) -> None:
        if self.hazard_id is None or self._loading:
            return
        self._update(field, {field: self._widget_text(field)}, keep=field if keep else None)

    def _saver(self, field: str) -> Callable[[str], None]:
        return lambda _text: self._save_typed(field)

    def _save_typed(self, field: str) -> None:
        """A pause in typing: save the field, except an empty description (that waits for leaving the box). A value
        the service refuses mid-typing (half a phone number) is not put back: the field says why and the text stays
        for the user to finish."""
        if self.hazard_id is None or self._loading:
            return
        if field == "description" and self._widget_text(field) is None:
            return
        self._update(field, {field: self._widget_text(field)}, keep=field, typing=True)

    def _grade_toggled(self, button: QAbstractButton, checked: bool) -> None:
        if self._loading or not checked or self.hazard_id is None:
            return
        grade = "MAJOR" if button is self.grade_major else "GENERAL"
        if grade == self.row["grade"]:
            return
        fields: dict[str, Any] = {"grade": grade}
        if grade == "MAJOR" and not self.row["major_basis"] and self.item and self.item.major_basis:
            fields["major_basis"] = self.item.major_basis
        new_deadline = self._default_deadline_after_regrade(grade)
        if new_deadline:
            fields["deadline"] = new_deadline
        self._update("grade", fields)

    def _default_deadline_after_regrade(self, grade: str) -> str | None:
        """The checklist's deadline for the new grade, while the deadline is still the old grade's default."""
        row, item = self.row, self.item
        if item is None or not row["deadline"] or row["rectified_on_site"] or not row["created_at"]:
            return None
        found = date.fromisoformat(row["created_at"][:10])
        if row["deadline"] != (found + timedelta(days=item.default_deadline_days.for_grade(row["grade"]))).isoformat():
            return None  # set by hand: keep it
        new = found + timedelta(days=item.default_deadline_days.for_grade(grade))
        return new.isoformat() if new >= self._today() else None

    def _date_changed(self, _date: QDate) -> None:
        # Typing a date changes it digit by digit: wait for Enter or leaving the field. Picks in the calendar and
        # programmatic changes save at once.
        if self._loading or self.deadline.hasFocus():
            return
        self._save_deadline()

    def _save_deadline(self) -> None:
        if self.hazard_id is None or self._loading or self.row["rectified_on_site"]:
            return
        picked = self.deadline.date()
        value = None if picked == NO_DATE else picked.toString("yyyy-MM-dd")
        if value is None:
            self._show("deadline")  # "none" is only for on-site fixes
            return
        self._update("deadline", {"deadline": value})

    def _on_site_toggled(self, checked: bool) -> None:
        if self._loading or self.hazard_id is None:
            return
        if checked:
            self._update("deadline", {"rectified_on_site": True})
            return
        days = self.item.default_deadline_days.for_grade(self.row["grade"]) if self.item else 15
        deadline = (self._today() + timedelta(days=days)).isoformat()
        self._update("deadline", {"rectified_on_site": False, "deadline": deadline})

    def _save_responsible(self, _index: int) -> None:
        if self._loading or self.hazard_id is None:
            return
        new = self.responsible.currentData()
        old = self.row["enterprise_id"]
        if not new or new == old:
            return
        fields: dict[str, Any] = {"enterprise_id": new}
        # The person to contact follows the enterprise while it is still the prefilled principal (or empty).
        registry = self.workspace.registry
        old_principal = registry.person(old, "principal") or {}
        name, phone = self.row["responsible_person"], self.row["responsible_phone"]
        if name in (None, old_principal.get("name")) and phone in (None, old_principal.get("phone")):
            new_principal = registry.person(new, "principal") or {}
            fields["responsible_person"] = new_principal.get("name")
            fields["responsible_phone"] = new_principal.get("phone")
        self._update("enterprise_id", fields)
