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
from typing import Any

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models import content
from app.models.store import to_db
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.inspection.hazard_form import NO_DATE, HazardForm
from app.ui.widgets.autosave import AutoSave, text_of

_TEXT_FIELDS = ("description", "location", "major_basis", "interim_controls", "measure", "responsible_person",
                "responsible_phone")


class HazardEditor(QWidget):
    """Loads one hazard into its form (`form`, app/ui/inspection/hazard_form.py) and saves what is changed there.
    `changed` is emitted after anything about the hazard (or its photos) was saved."""

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

        self.form = HazardForm(workspace, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)

        # Saving
        # Each text field saves on its own pause in typing (a shared timer would wait while the user moves on to
        # the next field without a pause).
        self._savers = [AutoSave(self._widget(field), self._saver(field))
                        for field in _TEXT_FIELDS]
        self.form.description.editingFinished.connect(lambda: self._save_text("description"))
        self.form.interim_controls.editingFinished.connect(lambda: self._save_text("interim_controls"))
        self.form.measure.editingFinished.connect(lambda: self._save_text("measure"))
        self.form.location.editingFinished.connect(lambda: self._save_text("location"))
        self.form.major_basis.editingFinished.connect(lambda: self._save_text("major_basis"))
        self.form.person.editingFinished.connect(lambda: self._save_text("responsible_person"))
        self.form.phone.editingFinished.connect(lambda: self._save_text("responsible_phone"))
        self.form.grade_group.buttonToggled.connect(self._grade_toggled)
        self.form.deadline.dateChanged.connect(self._date_changed)
        self.form.deadline.editingFinished.connect(self._save_deadline)
        self.form.deadline.calendarWidget().clicked.connect(lambda _d: QTimer.singleShot(0, self._save_deadline))
        self.form.on_site.toggled.connect(self._on_site_toggled)
        self.form.responsible.currentIndexChanged.connect(self._save_responsible)
        self.form.photos.changed.connect(self.changed)

        self.clear()

    # Which hazard

    def set_hazard(self, hazard_id: str) -> None:
        self.flush()
        self.hazard_id = hazard_id
        self.row = self.workspace.inspections.hazard(hazard_id)
        self.item = self._checklist_item(self.row)
        self.target_id = self.workspace.inspections.found_at(self.row)
        self._fill_responsible()
        for label in self.form.errors.values():
            label.hide()
        self._show(*self._FIELDS)
        self.form.photos.set_owner(hazard_id=hazard_id)
        self._apply_state()

    def clear(self) -> None:
        """Show no hazard (all fields empty and disabled)."""
        self.flush()
        self.hazard_id, self.row, self.item, self.target_id = None, {}, None, None
        self._loading = True
        try:
            for box in (self.form.description, self.form.interim_controls, self.form.measure):
                box.clear()
            for line in (self.form.location, self.form.major_basis, self.form.person, self.form.phone):
                line.clear()
            self.form.grade_general.setChecked(True)  # an exclusive group cannot go back to none checked
            self.form.deadline.setDate(NO_DATE)
            self.form.on_site.setChecked(False)
            self.form.responsible.clear()
        finally:
            self._loading = False
        for label in self.form.errors.values():
            label.hide()
        self.form.major_hint.clear()
        self.form.photos.set_owner()
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
        if self.form.deadline.date() != NO_DATE:
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

        def named(enterprise_id: str) -> tuple[str, str]:
            return enterprise_id, str(registry.get_enterprise(enterprise_id)["name"])

        current = self.row["enterprise_id"]
        self._loading = True
        try:
            self.form.set_responsible_choices(named(self.target_id),
                                              [named(i) for i in registry.landlord_ids(self.target_id)],
                                              named(current) if current != self.target_id else None)
        finally:
            self._loading = False

    def _show(self, *fields: str) -> None:
        """Put the stored values of `fields` on screen (without saving them back)."""
        self._loading = True
        try:
            self.form.show_values(self.row, fields)
        finally:
            self._loading = False
        self._apply_state()

    def _editable(self) -> bool:
        return self.hazard_id is not None and self.row["status"] not in ("CLOSED", "VOID") and not self._read_only

    def _apply_state(self) -> None:
        self.form.apply_state(self.row, self.item, self._editable(), self._today())

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
            self.form.errors[key].hide()
            return True
        try:
            changed = self.workspace.inspections.update_hazard(self.hazard_id, **fields)
        except UserError as exc:
            if typing:
                self.form.errors[key].setText(exc.message)
                self.form.errors[key].show()
                return False
            self.row = self.workspace.inspections.hazard(self.hazard_id)
            restored = fill(self.tr("{message} (the saved value was restored)"), message=exc.message)
            self.form.errors[key].setText(restored)
            self.form.errors[key].show()
            self._show(*fields)
            return False
        self.form.errors[key].hide()
        self.row = self.workspace.inspections.hazard(self.hazard_id)
        self._show(*(name for name in changed if name in self._FIELDS and name != keep))
        if changed:
            self.changed.emit()
        return True

    def _widget(self, field: str) -> QLineEdit | QPlainTextEdit:
        widget = {"responsible_person": self.form.person, "responsible_phone": self.form.phone}.get(field)
        return widget if widget is not None else getattr(self.form, field)

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
        grade = "MAJOR" if button is self.form.grade_major else "GENERAL"
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
        if self._loading or self.form.deadline.hasFocus():
            return
        self._save_deadline()

    def _save_deadline(self) -> None:
        if self.hazard_id is None or self._loading or self.row["rectified_on_site"]:
            return
        picked = self.form.deadline.date()
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
        new = self.form.responsible.currentData()
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
