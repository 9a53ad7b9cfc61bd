"""The end of the visit: what was found, what is still missing (each a link back), signatures, completion, and the
documents that follow from it.

The complete button is disabled while anything is missing and the label under it says what. The document buttons
issue drafts through app.documents (DocumentButtons) and announce them with `document_issued`, so the main window
can show the new document in the 文书 tab.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models import vocab
from app.models.workspace import Workspace
from app.ui.documents.document_buttons import DocumentButtons
from app.ui.i18n import fill
from app.ui.inspection.signatures_panel import SignaturesPanel
from app.ui.widgets.dialogs import show_error


class SummaryPanel(QWidget):
    go_to_item = Signal(str, str)
    completed = Signal()
    document_issued = Signal(str)

    def __init__(self, workspace: Workspace, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.inspection_id = inspection_id
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.assessments = QLabel()
        self.assessments.setWordWrap(True)
        self.hazards = QListWidget()
        self.hazards.setObjectName("hazardList")
        self.missing = QListWidget()
        self.missing.setObjectName("missingList")
        self.missing.itemActivated.connect(self._open_missing)  # double-click or Enter
        self.signatures = SignaturesPanel(workspace, inspection_id, self)
        self.signatures.changed.connect(self.refresh)
        self.complete_button = QPushButton(self.tr("Complete inspection"))
        self.complete_button.setObjectName("completeButton")
        self.complete_button.setMinimumHeight(36)
        self.complete_button.clicked.connect(self.complete)
        self.reasons = QLabel()
        self.reasons.setObjectName("completionReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet("color: #b3261e;")
        self.documents = DocumentButtons(workspace, inspection_id, self)
        self.documents.issued.connect(self.document_issued)

        def box(title: str, widget: QWidget) -> QGroupBox:
            group = QGroupBox(title)
            QVBoxLayout(group).addWidget(widget)
            return group

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.counts)
        layout.addWidget(self.assessments)
        lists = QHBoxLayout()
        lists.addWidget(box(self.tr("Hazards found"), self.hazards), 3)
        lists.addWidget(box(self.tr("Items without a verdict (double-click to open)"), self.missing), 2)
        layout.addLayout(lists)
        layout.addWidget(box(self.tr("Signatures"), self.signatures))
        bottom = QHBoxLayout()
        bottom.addWidget(self.reasons, 1)
        bottom.addWidget(self.complete_button)
        layout.addLayout(bottom)
        layout.addWidget(box(self.tr("Documents"), self.documents))
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh()

    def problems(self) -> list[str]:
        problems = self.workspace.inspections.completion_problems(self.inspection_id)
        unsigned = self.workspace.signatures.missing(self.inspection_id)
        if unsigned:
            problems.append(fill(self.tr("Not yet signed: {names}"), names="、".join(unsigned)))
        return problems

    def refresh(self) -> None:
        ws, inspection_id = self.workspace, self.inspection_id
        inspections = ws.inspections
        results = inspections.results(inspection_id)
        verdicts = [r["verdict"] for r in results.values() if r["verdict"]]
        missing = inspections.missing_items(inspection_id)
        total = len(verdicts) + len(missing)
        self.counts.setText(
            fill(
                self.tr(
                    "Items judged: {judged} of {total} — compliant {compliant}, non-compliant {noncompliant}, not "
                    "applicable {not_applicable}."
                ),
                judged=len(verdicts),
                total=total,
                compliant=verdicts.count("COMPLIANT"),
                noncompliant=verdicts.count("NONCOMPLIANT"),
                not_applicable=verdicts.count("NOT_APPLICABLE"),
            )
        )
        names = {e: ws.registry.get_enterprise(e)["name"] for e in inspections.target_ids(inspection_id)}
        lines = []
        for enterprise_id, name in names.items():
            interview = ws.assessments.interview_score(inspection_id, enterprise_id)
            quizzes = [
                q
                for q in ws.assessments.quizzes(inspection_id)
                if q["enterprise_id"] == enterprise_id and q["finished_at"]
            ]
            awareness = ws.assessments.awareness(inspection_id, enterprise_id)
            parts = [
                self.tr("interview not finished")
                if interview is None
                else fill(
                    self.tr("interview {total}/{max_total} {verdict}"),
                    total=interview.total,
                    max_total=interview.max_total,
                    verdict=self.tr("passed") if interview.passed else self.tr("failed"),
                ),
                self.tr("no quiz yet")
                if not quizzes
                else fill(
                    self.tr("quiz {score} {verdict}"),
                    score=quizzes[-1]["score"],
                    verdict=self.tr("passed") if quizzes[-1]["passed"] else self.tr("failed"),
                ),
                self.tr("no workers asked")
                if awareness.rate is None
                else fill(self.tr("awareness {rate}%"), rate=f"{awareness.rate * 100:.0f}"),
            ]
            lines.append(f"<b>{name}</b>：{'；'.join(parts)}")
        self.assessments.setText("<br>".join(lines))

        self.hazards.clear()
        for h in inspections.hazards(inspection_id):
            deadline = h["deadline"] or self.tr("fixed on site")
            self.hazards.addItem(
                f"[{vocab.label('hazard_grades', h['grade'])}] {names.get(h['enterprise_id'], '')} "
                f"{h['item_code'] or ''}："
                f"{h['description']}（{self.tr('deadline')} {deadline}）"
            )
        checklist = inspections.checklist(inspection_id)
        self.missing.clear()
        for enterprise_id, code in missing:
            item = QListWidgetItem(f"{names[enterprise_id]}　{code} {checklist.item(code).title_zh}")
            item.setData(Qt.ItemDataRole.UserRole, (enterprise_id, code))
            self.missing.addItem(item)
        self.signatures.refresh()

        status = inspections.get(inspection_id)["status"]
        problems = self.problems() if status == "IN_PROGRESS" else []
        self.complete_button.setEnabled(status == "IN_PROGRESS" and not problems)
        if status != "IN_PROGRESS":
            self.reasons.setText(self.tr("This inspection is completed."))
            self.reasons.setStyleSheet("color: #1e7d32;")
        else:
            self.reasons.setText("\n".join(f"• {p}" for p in problems))
        self.complete_button.setToolTip(self.reasons.text())
        self.documents.refresh()

    def _open_missing(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        # after the list's own signal returns: going to the item refreshes (and so rebuilds) this list
        QTimer.singleShot(0, lambda: self.go_to_item.emit(*key))

    def complete(self) -> None:
        problems = self.problems()
        try:
            if problems:  # the button is disabled then; this guards a stale screen
                raise UserError("inspection.incomplete", "；".join(problems), "; ".join(problems))
            self.workspace.inspections.complete(self.inspection_id)
        except UserError as exc:
            show_error(self, exc)
        self.refresh()
        if self.workspace.inspections.get(self.inspection_id)["status"] == "COMPLETED":
            self.completed.emit()
