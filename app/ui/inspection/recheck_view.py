"""The re-inspection (复查) tab: one line per hazard re-checked, then the 整改复查意见书 issued from the lines (signed
on the 文书 tab), then 完成复查, which moves every hazard — closed with the signed opinion, given a new deadline, or
escalated (app/models/reinspection.py)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.documents.issuing import Documents
from app.errors import UserError
from app.models import vocab
from app.models.hazard_flow import SIGNED_STATES
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.inspection.recheck_line import RecheckLine
from app.ui.ops import Op
from app.ui.pages import Reloads
from app.ui.widgets.autosave import flush_all
from app.ui.widgets.dialogs import show_error

SHOWN_PROBLEMS = 3  # the rest are counted: the lines stay in view


class RecheckView(Reloads, QWidget):
    completed = Signal(str)
    document_issued = Signal(str)
    WATCHES = frozenset({"recheck_line", "hazard", "photo", "document", "inspection", "inspection_inspector"})

    def __init__(self, workspace: Workspace, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recheckView")
        self.workspace, self.inspection_id = workspace, inspection_id
        self.documents = Documents(workspace)
        self.header = QLabel()
        self.header.setObjectName("recheckHeader")
        self.header.setWordWrap(True)
        self.line_widgets: list[RecheckLine] = []
        self.lines_box = QVBoxLayout()
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(self.lines_box)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.problems = QLabel()
        self.problems.setObjectName("recheckProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #a15c00;")
        self.opinion_label = QLabel()
        self.opinion_label.setObjectName("opinionStatus")
        self.issue_button = QPushButton()
        self.issue_button.setObjectName("issueOpinion")
        self.issue_button.clicked.connect(self.issue_opinion)
        self.finish_button = QPushButton(self.tr("Finish re-inspection"))
        self.finish_button.setObjectName("finishRecheck")
        self.finish_button.clicked.connect(self.finish)
        buttons = QHBoxLayout()
        buttons.addWidget(self.opinion_label, 1)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        self.reload()
        self.watch(workspace)

    def reload(self) -> None:
        ws, rechecks = self.workspace, self.workspace.reinspections
        inspection = ws.inspections.get(self.inspection_id)
        in_progress = inspection["status"] == "IN_PROGRESS"
        team = "、".join(i["name"] for i in ws.inspections.inspectors(self.inspection_id))
        self.header.setText(fill(
            self.tr("<b>Re-inspection of {enterprise}</b>　started {started}　inspectors {team}　{status}"),
            enterprise=ws.registry.get_enterprise(inspection["enterprise_id"])["name"],
            started=inspection["started_at"][:16].replace("T", " "), team=team,
            status=self._status_word(inspection["status"]),
        ))
        opinion = rechecks.opinion(self.inspection_id)
        signed = opinion is not None and opinion["status"] in SIGNED_STATES
        lines = rechecks.lines(self.inspection_id)
        if [w.line_id for w in self.line_widgets] != [line["id"] for line in lines]:
            self._build(lines)
        for widget, line in zip(self.line_widgets, lines, strict=True):
            widget.show_line(line, editable=in_progress and not signed)
        problems = rechecks.problems(self.inspection_id) if in_progress else []
        shown = problems[:SHOWN_PROBLEMS]
        if len(problems) > SHOWN_PROBLEMS:
            shown.append(fill(self.tr("… and {count} more"), count=len(problems) - SHOWN_PROBLEMS))
        self.problems.setText("\n".join(shown))
        self.problems.setVisible(bool(problems))
        if opinion is None:
            self.opinion_label.setText(self.tr("Re-check opinion: not issued yet"))
        else:
            status = vocab.label("document_statuses", opinion["status"])
            self.opinion_label.setText(
                fill(self.tr("Re-check opinion {doc_no}: {status}"), doc_no=opinion["doc_no"] or "", status=status))
        draft = opinion is not None and opinion["status"] == "DRAFT"
        self.issue_button.setText(self.tr("Update the opinion draft") if draft else self.tr("Issue re-check opinion"))
        self.issue_button.setEnabled(in_progress and not signed and not problems)
        self.finish_button.setEnabled(in_progress and signed and not problems)
        self.finish_button.setToolTip("" if signed else self.tr("Sign the re-check opinion on the Documents tab first"))

    def _status_word(self, status: str) -> str:
        return {"IN_PROGRESS": self.tr("in progress"), "COMPLETED": self.tr("completed"),
                "VOID": self.tr("void")}[status]

    def _build(self, lines: list[dict]) -> None:
        for widget in self.line_widgets:
            widget.setParent(None)
            widget.deleteLater()
        self.line_widgets = [RecheckLine(self.workspace, n, line, self) for n, line in enumerate(lines, 1)]
        for widget in self.line_widgets:
            self.lines_box.addWidget(widget)

    def flush(self) -> None:
        for widget in self.line_widgets:
            widget.note_saver.flush()

    def issue_opinion(self) -> Op[str] | None:
        """Issue the 整改复查意见书 from the lines (or re-render its draft): an op, it is rendered."""
        flush_all()
        try:
            args = self.workspace.reinspections.opinion_args(self.inspection_id)
        except UserError as exc:
            show_error(self, exc)
            return None
        documents, inspection_id = self.documents, self.inspection_id
        draft = self.workspace.reinspections.opinion(inspection_id)

        def issue(_ws: Workspace, _progress: object, _cancelled: object) -> str:
            if draft is not None and draft["status"] == "DRAFT":
                documents.update_draft(draft["id"], **{k: v for k, v in args.items() if k != "enterprise_id"})
                return str(draft["id"])
            return documents.issue("RECHECK", inspection_id, **args)

        return (Op(self, self.workspace, issue)
                .with_progress(self.tr("Issuing the document…"))
                .success(self.document_issued.emit)
                .run_in_background())

    def finish(self) -> Op[None]:
        flush_all()
        inspection_id = self.inspection_id
        return (Op(self, self.workspace, lambda ws, _p, _c: ws.reinspections.finish(inspection_id))
                .success(lambda _r: self.completed.emit(inspection_id))
                .run_in_background())
