"""一企一档: one enterprise's dossier: profile, people, leases, inspection history, open hazards and documents."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFoundError
from app.models import vocab
from app.models.dossier import Dossier, InspectionSummary, OpenHazard, Person, Profile, Relation
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.pages import Reloads
from app.ui.registry.comparison_tab import ComparisonTab
from app.ui.registry.enterprise_dialog import EnterpriseDialog
from app.ui.registry.stars_tab import StarsTab
from app.ui.widgets.tables import record_table

RED = QColor("#c62828")
RED_BACKGROUND = QColor("#fdecea")
LINK = QColor("#1d4ed8")
MUTED = "color: #6b7280;"

# Chip colours for the four risk grades (the colours of the grades themselves) and for "not graded".
RISK_CHIP = {
    "RED": ("#c62828", "#ffffff"),
    "ORANGE": ("#ef6c00", "#ffffff"),
    "YELLOW": ("#f9c80e", "#3b2f00"),
    "BLUE": ("#1565c0", "#ffffff"),
    None: ("#e5e7eb", "#374151"),
}
ROLE_CHIP = ("#e0e7ff", "#1e3a8a")

_ID_ROLE = Qt.ItemDataRole.UserRole


def _chip(text: str, colors: tuple[str, str]) -> QLabel:
    label = QLabel(text)
    background, foreground = colors
    label.setStyleSheet(
        f"background: {background}; color: {foreground}; border-radius: 9px; padding: 2px 10px;"
    )
    return label


def _red(text: str, bold: bool = False) -> str:
    weight = " font-weight: bold;" if bold else ""
    return f'<span style="color: #c62828;{weight}">{html.escape(text)}</span>'


def _when(iso: str | None) -> str:
    return (iso or "")[:16].replace("T", " ")


class _Section(QStackedWidget):
    """A read-only table, or a grey line saying there is nothing to show."""

    def __init__(self, headers: Sequence[str], empty_text: str, stretch: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = record_table(headers, stretch)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.empty = QLabel(empty_text)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(MUTED)
        self.addWidget(self.table)
        self.addWidget(self.empty)

    def set_rows(self, rows: Sequence[Sequence[QTableWidgetItem]]) -> None:
        self.table.clearContents()
        self.table.setRowCount(len(rows))
        for r, items in enumerate(rows):
            for c, item in enumerate(items):
                self.table.setItem(r, c, item)
        self.setCurrentWidget(self.table if rows else self.empty)

    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty


def _item(text: object, *, row_id: str | None = None, tip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    if row_id is not None:
        item.setData(_ID_ROLE, row_id)
    item.setToolTip(tip if tip is not None else item.text())
    return item


class DossierPage(Reloads, QWidget):
    """一企一档 of one enterprise.

    Signals:
        open_enterprise(str): a related enterprise (landlord or tenant) was clicked.
        open_inspection(str): an inspection (or an open hazard's inspection) was double-clicked.
        start_inspection(str): 开始检查 was pressed for the shown enterprise.
    """

    open_enterprise = Signal(str)
    open_inspection = Signal(str)
    start_inspection = Signal(str)
    start_recheck = Signal(str)

    LEASE_NAME_COLUMN = 1
    WATCHES = frozenset({"enterprise", "lease", "park", "site", "person", "inspection", "inspection_target",
                         "hazard", "document", "interview_answer", "quiz_attempt", "item_result", "signature",
                         "awareness_sample", "recheck_line", "self_check", "self_check_line"})

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, *, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.dossier = Dossier(workspace, today=today)
        self.enterprise_id: str | None = None
        self.profile: Profile | None = None
        self.edit_dialog: EnterpriseDialog | None = None
        self.watch(workspace)

        self.tabs = QTabWidget()
        self.info = QWidget()
        self.info_grid = QGridLayout(self.info)
        self.info_grid.setHorizontalSpacing(16)
        self.info_grid.setVerticalSpacing(10)
        self.info_grid.setColumnStretch(1, 1)
        self.info_grid.setColumnStretch(3, 1)
        self.people = _Section([self.tr("Role", "of a person"), self.tr("Name"), self.tr("Phone"), self.tr("Position")],
                               self.tr("No people recorded"), 3)
        self.leases = _Section(
            [self.tr("Relation"), self.tr("Enterprise"), self.tr("Leased space"), self.tr("Area (m²)"),
             self.tr("Safety agreement"), self.tr("Signed on"), self.tr("Its open hazards")],
            self.tr("No leases recorded"), self.LEASE_NAME_COLUMN)
        self.history = _Section(
            [self.tr("Started"), self.tr("Mode"), self.tr("Site inspected"), self.tr("Inspectors"),
             self.tr("Status"), self.tr("Hazards"), self.tr("Still open")],
            self.tr("Not inspected yet"), 2)
        self.hazards = _Section(
            [self.tr("Item"), self.tr("Hazard"), self.tr("Grade"), self.tr("Status"), self.tr("Deadline"),
             self.tr("Time left")],
            self.tr("No open hazards"), 1)
        self.documents = _Section(
            [self.tr("Document"), self.tr("Number"), self.tr("Status"), self.tr("Created")],
            self.tr("No documents yet"), 1)
        self.stars = StarsTab(workspace, today)
        self.comparison = ComparisonTab(workspace, today)
        for widget in (self.info, self.people, self.leases, self.history, self.hazards, self.documents, self.stars,
                       self.comparison):
            self.tabs.addTab(widget, "")

        self.leases.table.cellClicked.connect(self._lease_clicked)
        self.leases.table.cellDoubleClicked.connect(lambda row, _c: self._lease_clicked(row, self.LEASE_NAME_COLUMN))
        self.history.table.cellDoubleClicked.connect(lambda row, _c: self._emit_row(self.history, row,
                                                                                     self.open_inspection))
        self.hazards.table.cellDoubleClicked.connect(lambda row, _c: self._emit_row(self.hazards, row,
                                                                                     self.open_inspection))

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header())
        layout.addWidget(self.tabs, 1)
        self.set_enterprise(None)

    def _build_header(self) -> QHBoxLayout:
        self.name_label = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chips = QHBoxLayout()
        self.chips.setSpacing(6)
        self.risk_chip = QLabel()
        self.meta_label = QLabel()
        self.meta_label.setStyleSheet(MUTED)
        self.meta_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)

        title = QHBoxLayout()
        title.setSpacing(12)
        title.addWidget(self.name_label)
        title.addLayout(self.chips)
        title.addStretch(1)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addLayout(title)
        text.addWidget(self.meta_label)
        self.rule_grade_label = QLabel()
        self.rule_grade_label.setObjectName("ruleGrade")
        text.addWidget(self.rule_grade_label)
        text.addWidget(self.summary_label)

        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.clicked.connect(self.edit)
        self.start_button = QPushButton(self.tr("Start inspection"))
        self.start_button.setDefault(True)
        self.start_button.setStyleSheet(
            "QPushButton { background: #1d4ed8; color: white; border-radius: 4px; padding: 6px 16px; }"
            "QPushButton:disabled { background: #9ca3af; }"
        )
        self.start_button.clicked.connect(self._start)
        self.recheck_button = QPushButton(self.tr("Re-inspect"))
        self.recheck_button.setObjectName("startRecheck")
        self.recheck_button.clicked.connect(self._recheck)
        buttons = QHBoxLayout()
        buttons.setAlignment(Qt.AlignmentFlag.AlignTop)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.recheck_button)
        buttons.addWidget(self.start_button)

        header = QHBoxLayout()
        header.addLayout(text, 1)
        header.addLayout(buttons)
        return header

    # Switching and refreshing

    def set_enterprise(self, enterprise_id: str | None) -> None:
        self.enterprise_id = enterprise_id
        self.refresh()

    def reload(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read everything again (after an edit, an inspection, a sync)."""
        profile = None
        if self.enterprise_id is not None:
            try:
                profile = self.dossier.profile(self.enterprise_id)
            except NotFoundError:  # deleted meanwhile (or by a sync)
                self.enterprise_id = None
        self.profile = profile
        self.edit_button.setEnabled(profile is not None)
        self.start_button.setEnabled(profile is not None)
        due = bool(profile is not None and self.enterprise_id and self.workspace.reinspections.due(self.enterprise_id))
        self.recheck_button.setEnabled(due)
        self.recheck_button.setToolTip("" if due else self.tr("No hazard of this enterprise waits for a re-check"))
        self.tabs.setEnabled(profile is not None)
        self._show_header(profile)
        if profile is None:
            self._clear_tabs()
            return
        relations = self.dossier.relations(profile.id)
        inspections = self.dossier.inspections(profile.id)
        hazards = self.dossier.open_hazards(profile.id)
        documents = self.dossier.documents(profile.id)
        people = self.dossier.people(profile.id)
        self._show_summary(len(inspections), hazards, relations)
        self._show_info(profile, relations)
        self.people.set_rows([
            [_item(p.role_label), _item(p.name), _item(p.phone or "—"), _item(p.position or "")] for p in people
        ])
        self.leases.set_rows([self._lease_row(r) for r in relations])
        self.history.set_rows([self._inspection_row(i) for i in inspections])
        self.hazards.set_rows([self._hazard_row(h) for h in hazards])
        self.documents.set_rows([
            [_item(self._doc_type(d.doc_type), row_id=d.inspection_id), _item(d.doc_no or "—"),
             _item(self._doc_status(d.status)), _item(_when(d.created_at))]
            for d in documents
        ])
        self.stars.set_enterprise(profile.id)
        self.comparison.set_enterprise(profile.id)
        self._title_tabs(len(people), len(relations), len(inspections), len(hazards), len(documents),
                         overdue=any(h.overdue for h in hazards))

    def _clear_tabs(self) -> None:
        for section in (self.people, self.leases, self.history, self.hazards, self.documents):
            section.set_rows([])
        self.stars.set_enterprise(None)
        self.comparison.set_enterprise(None)
        self._show_info(None, [])
        self._title_tabs(0, 0, 0, 0, 0, overdue=False)

    def _title_tabs(
        self, people: int, leases: int, inspections: int, hazards: int, documents: int, *, overdue: bool
    ) -> None:
        titles = [
            self.tr("Basic information"),
            self.tr("People (%n)", "", people),
            self.tr("Leases (%n)", "", leases),
            self.tr("Inspections (%n)", "", inspections),
            self.tr("Open hazards (%n)", "", hazards),
            self.tr("Documents (%n)", "", documents),
            fill(self.tr("Stars ({lit})"), lit=self.stars.lit_count()),
            self.tr("Comparison (%n)", "", self.comparison.count()),
        ]
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        bar = self.tabs.tabBar()
        bar.setTabTextColor(self.tabs.indexOf(self.hazards), RED if overdue else bar.tabTextColor(0))

    # Header

    def _show_header(self, profile: Profile | None) -> None:
        while self.chips.count():
            widget = self.chips.takeAt(0).widget()
            if widget is not None and widget is not self.risk_chip:
                widget.deleteLater()
        if profile is None:
            self.name_label.setText(self.tr("No enterprise selected"))
            self.meta_label.setText("")
            self.rule_grade_label.setText("")
            self.summary_label.setText("")
            self.risk_chip.hide()
            return
        self.name_label.setText(profile.name)
        for role in profile.roles:
            self.chips.addWidget(_chip(vocab.label("enterprise_roles", role), ROLE_CHIP))
        risk = profile.risk_label or self.tr("Risk not graded")
        self.risk_chip.setText(risk)
        background, foreground = RISK_CHIP.get(profile.risk_grade, RISK_CHIP[None])
        self.risk_chip.setStyleSheet(
            f"background: {background}; color: {foreground}; border-radius: 9px; padding: 2px 10px;"
        )
        self.risk_chip.setObjectName("riskChip")
        self.chips.addWidget(self.risk_chip)
        self.risk_chip.show()
        meta = [
            fill(self.tr("Credit code {uscc}"), uscc=profile.uscc) if profile.uscc else self.tr("No credit code"),
            " · ".join(x for x in (profile.township, profile.park) if x),
            profile.address or "",
        ]
        self.meta_label.setText("　|　".join(x for x in meta if x))
        graded = self.workspace.risk.grade(profile.id, self.workspace.inspections.now().date())
        due = (fill(self.tr("next visit due by {date}"), date=graded.next_visit_due.isoformat())
               if graded.next_visit_due else self.tr("no visit due by grade (sampled)") if graded.last_visit
               else self.tr("no completed visit yet"))
        self.rule_grade_label.setText(fill(self.tr("By the rules: {grade} — {reason}; {due}"),
                                           grade=vocab.label("risk_grades", graded.grade),
                                           reason=vocab.label("risk_reasons", graded.reason), due=due))

    def _show_summary(
        self, inspections: int, hazards: Sequence[OpenHazard], relations: Sequence[Relation]
    ) -> None:
        """One line of numbers; what needs action (major, overdue, no safety agreement) in red."""
        overdue = sum(h.overdue for h in hazards)
        major = sum(h.is_major for h in hazards)
        tenants = [r for r in relations if r.other_role == "tenant"]
        unsigned = sum(not r.agreement_signed for r in tenants)
        parts = [
            html.escape(self.tr("Inspected %n time(s)", "", inspections)),
            html.escape(self.tr("%n open hazard(s)", "", len(hazards))),
        ]
        if major:
            parts.append(_red(self.tr("%n major", "", major)))
        if overdue:
            parts.append(_red(self.tr("%n overdue", "", overdue), bold=True))
        if tenants:
            parts.append(html.escape(self.tr("%n tenant(s)", "", len(tenants))))
        if unsigned:
            parts.append(_red(self.tr("%n without safety agreement", "", unsigned)))
        self.summary_label.setText("　·　".join(parts))

    # Tabs

    def _show_info(self, profile: Profile | None, relations: Sequence[Relation]) -> None:
        while self.info_grid.count():
            widget = self.info_grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        if profile is None:
            return

        def person(p: Person | None) -> str:
            return f"{p.name}　{p.phone or ''}".strip() if p is not None else "—"

        landlords = "、".join(r.other_name for r in relations if r.other_role == "landlord")
        tenants = sum(r.other_role == "tenant" for r in relations)
        left = [
            (self.tr("Enterprise name"), profile.name),
            (self.tr("Credit code"), profile.uscc or self.tr("None")),
            (self.tr("Role"), profile.roles_label or "—"),
            (self.tr("Risk grade"), profile.risk_label or self.tr("Not graded")),
            (self.tr("Industry"), profile.industry or "—"),
            (self.tr("Employees"), "—" if profile.employees is None else str(profile.employees)),
            (vocab.label("person_roles", "principal"), person(profile.principal)),
        ]
        right = [
            (self.tr("Township"), profile.township or "—"),
            (self.tr("Park"), profile.park or "—"),
            (self.tr("Address"), profile.address or "—"),
            (self.tr("Landlord"), landlords or "—"),
            (self.tr("Tenants"), self.tr("%n tenant(s)", "", tenants) if tenants else "—"),
            (self.tr("Company phone"), profile.phone or "—"),
            (vocab.label("person_roles", "safety_officer"), person(profile.safety_officer)),
        ]
        for column, pairs in ((0, left), (2, right)):
            for row, (label, value) in enumerate(pairs):
                name = QLabel(label)
                name.setStyleSheet(MUTED)
                text = QLabel(value)
                text.setWordWrap(True)
                text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.info_grid.addWidget(name, row, column, Qt.AlignmentFlag.AlignTop)
                self.info_grid.addWidget(text, row, column + 1, Qt.AlignmentFlag.AlignTop)
        notes = QLabel(profile.notes or "")
        notes.setWordWrap(True)
        if profile.notes:
            caption = QLabel(self.tr("Notes"))
            caption.setStyleSheet(MUTED)
            self.info_grid.addWidget(caption, len(left), 0, Qt.AlignmentFlag.AlignTop)
            self.info_grid.addWidget(notes, len(left), 1, 1, 3)
        self.info_grid.setRowStretch(len(left) + 1, 1)

    def _lease_row(self, r: Relation) -> list[QTableWidgetItem]:
        name = _item(r.other_name, row_id=r.other_id, tip=fill(self.tr("Open the dossier of {name}"),
                                                               name=r.other_name))
        name.setForeground(QBrush(LINK))
        font = name.font()
        font.setUnderline(True)
        name.setFont(font)
        signed = _item(self.tr("Signed") if r.agreement_signed else self.tr("Not signed"))
        if not r.agreement_signed:
            signed.setForeground(QBrush(RED))
        area = "" if r.area_m2 is None else f"{r.area_m2:g}"
        open_hazards = _item(r.other_open_hazards or "")
        if r.other_open_hazards:
            open_hazards.setForeground(QBrush(RED))
        return [
            _item(r.other_role_label, row_id=r.other_id), name, _item(r.unit or ""), _item(area), signed,
            _item(r.agreement_date if r.agreement_signed and r.agreement_date else ""), open_hazards,
        ]

    def _inspection_row(self, i: InspectionSummary) -> list[QTableWidgetItem]:
        site = self.tr("This enterprise") if i.site_enterprise_id == self.enterprise_id else i.site_enterprise_name
        hazards = str(i.hazards) if not i.major_hazards else fill(self.tr("{count} ({major} major)"),
                                                                  count=i.hazards, major=i.major_hazards)
        still_open = _item(i.open_hazards or "")
        if i.open_hazards:
            still_open.setForeground(QBrush(RED))
        return [
            _item(_when(i.started_at), row_id=i.id), _item(i.mode_label, tip=i.purpose), _item(site),
            _item(i.inspectors), _item(self._inspection_status(i.status)), _item(hazards), still_open,
        ]

    def _hazard_row(self, h: OpenHazard) -> list[QTableWidgetItem]:
        item = " ".join(x for x in (h.item_code, h.item_title) if x) or "—"
        if h.rectified_on_site:
            left = self.tr("Rectified on site")
        elif h.days_left is None:
            left = self.tr("No deadline")
        elif h.days_left < 0:
            left = self.tr("%n day(s) overdue", "", -h.days_left)
        elif h.days_left == 0:
            left = self.tr("Due today")
        else:
            left = self.tr("%n day(s) left", "", h.days_left)
        row = [
            _item(item, row_id=h.inspection_id), _item(h.description), _item(h.grade_label),
            _item(h.status_label), _item(h.deadline or "—"), _item(left),
        ]
        if h.is_major:
            font = row[2].font()
            font.setBold(True)
            row[2].setFont(font)
            row[2].setForeground(QBrush(RED))
        if h.overdue:
            for cell in row:
                cell.setForeground(QBrush(RED))
                cell.setBackground(QBrush(RED_BACKGROUND))
        return row

    def _inspection_status(self, status: str) -> str:
        return {"IN_PROGRESS": self.tr("In progress"), "COMPLETED": self.tr("Completed"),
                "VOID": self.tr("Void")}.get(status, status)

    def _doc_type(self, doc_type: str) -> str:
        return {"RECORD": self.tr("On-site inspection record"), "ORDER": self.tr("Rectification order"),
                "DECISION": self.tr("On-site measures decision"), "RECHECK": self.tr("Recheck opinion")}.get(
            doc_type, doc_type)

    def _doc_status(self, status: str) -> str:
        return {"DRAFT": self.tr("Draft"), "SIGNED": self.tr("Signed"), "SERVED": self.tr("Served"),
                "VOID": self.tr("Void")}.get(status, status)

    # Actions

    def _lease_clicked(self, row: int, column: int) -> None:
        if column != self.LEASE_NAME_COLUMN:
            return
        self._emit_row(self.leases, row, self.open_enterprise, column)

    @staticmethod
    def _emit_row(section: _Section, row: int, signal: SignalInstance, column: int = 0) -> None:
        item = section.table.item(row, column)
        row_id = item.data(_ID_ROLE) if item is not None else None
        if row_id:
            signal.emit(str(row_id))

    def _start(self) -> None:
        if self.enterprise_id is not None:
            self.start_inspection.emit(self.enterprise_id)

    def _recheck(self) -> None:
        if self.enterprise_id is not None:
            self.start_recheck.emit(self.enterprise_id)

    def edit(self) -> EnterpriseDialog | None:
        """Open the edit dialog (window-modal, non-blocking); the page refreshes when it is saved."""
        if self.enterprise_id is None:
            return None
        dialog = EnterpriseDialog(self.workspace, self.enterprise_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "edit_dialog", None))
        self.edit_dialog = dialog
        dialog.open()
        return dialog
