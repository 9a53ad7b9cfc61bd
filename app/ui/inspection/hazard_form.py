"""The form of one hazard: its fields, laid out, and how stored values are shown in them (no saving: that is
HazardEditor's, app/ui/inspection/hazard_editor.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QFocusEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
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

from app.models import content, vocab
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.widgets.photo_strip import PhotoStrip

ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "color: #b3261e; background: #fdecea; padding: 3px 6px; border-radius: 3px;"
NO_DATE = QDate(2000, 1, 1)  # the date edit's minimum, shown as its special "none" text


class TextBox(QPlainTextEdit):
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


class HazardForm(QWidget):
    """The fields of one hazard, each with a red line under it for a refused value (`errors`)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hazardForm")
        # Fields
        self.status_label = QLabel()
        self.status_label.setObjectName("hazardStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet(WARNING_STYLE)
        self.status_label.hide()

        self.description = TextBox(3)
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
        self.interim_controls = TextBox(2)
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

        self.measure = TextBox(2)
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
        self.layout_form = form

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


    def show_values(self, row: Mapping[str, Any], fields: Iterable[str]) -> None:
        """Put the stored values of `fields` on screen; the caller keeps its loading flag set meanwhile, so the
        widgets' change signals save nothing back."""
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

    def apply_state(self, row: Mapping[str, Any], item: content.ChecklistItem | None, editable: bool,
                    today: date) -> None:
        """Enable, show and word what depends on the stored values (grade, on-site, status); `row` is empty when
        no hazard is shown."""
        loaded = bool(row)
        closed = loaded and row["status"] in ("CLOSED", "VOID")
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
        self.layout_form.setRowVisible(self.interim_cell, interim_shown)
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
        self._update_deadline_note(row, today)

    def _update_deadline_note(self, row: Mapping[str, Any], today: date) -> None:
        text = ""
        if row and row["rectified_on_site"]:
            text = self.tr("no deadline")
        elif row and row["deadline"]:
            days = (date.fromisoformat(row["deadline"]) - today).days
            if days > 0:
                text = self.tr("%n day(s) left", "", days)
            elif days == 0:
                text = self.tr("due today")
            else:
                text = self.tr("%n day(s) overdue", "", -days)
        self.deadline_note.setText(text)

    def set_responsible_choices(self, target: tuple[str, str], landlords: Iterable[tuple[str, str]],
                                current: tuple[str, str] | None) -> None:
        """The enterprise the hazard was found at, its landlords (common areas), and the one now responsible when
        it is neither; each an (id, name)."""
        landlords = list(landlords)
        target_id, target_name = target
        choices = [(target_id, fill(self.tr("{name} (tenant, own premises)"), name=target_name)
                    if landlords else target_name)]
        choices += [(landlord_id, fill(self.tr("{name} (landlord, common areas)"), name=name))
                    for landlord_id, name in landlords]
        if current is not None and current[0] not in [c[0] for c in choices]:
            choices.append(current)
        self.responsible.clear()
        for enterprise_id, label in choices:
            self.responsible.addItem(label, enterprise_id)
