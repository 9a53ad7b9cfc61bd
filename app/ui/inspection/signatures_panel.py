"""The panel of who must sign an inspection record, each with a button that opens the signing dialog.

The pad and the dialog themselves are in app/ui/widgets/signature_pad.py.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from app.errors import UserError
from app.models.signatures import RequiredSigner, Signatures
from app.models.workspace import Workspace
from app.ui.i18n import fill
from app.ui.widgets.dialogs import show_error
from app.ui.widgets.signature_pad import SignatureDialog, SignatureOutcome, role_text


class _SignerRow(QFrame):
    """One line of the panel: role, name (and enterprise), the signature or refusal, and the action button.

    The signature slot has a fixed size in every row, so the columns line up."""

    THUMB = QSize(160, 44)

    def __init__(self, role: str, name: str, context: str, unnamed: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signerRow")
        self.role = role
        self.signer: RequiredSigner | None = None
        self.sign_button: QToolButton | None = None
        self.setStyleSheet(
            "#signerRow { background: #ffffff; border: 1px solid #e1e4e8; border-radius: 6px; }"
            "#signerRow QLabel { border: none; background: transparent; }"
            "#signerRow QLabel#roleChip { background: #eef2f8; color: #2c3e5c; border-radius: 4px; padding: 3px 6px; }"
        )
        chip = QLabel(role_text(role))
        chip.setObjectName("roleChip")
        chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        chip.setFixedWidth(96)
        lines = [
            f"<b>{html.escape(name)}</b>" if name else f"<span style='color:#8a5a00;'>{html.escape(unnamed)}</span>"
        ]
        if context:
            lines.append(f"<span style='color:#5f6368;'>{html.escape(context)}</span>")
        self.who = QLabel("<br>".join(lines))
        self.who.setTextFormat(Qt.TextFormat.RichText)
        self.who.setWordWrap(True)
        self.who.setMinimumWidth(200)
        self.thumbnail = QLabel()
        self.thumbnail.setObjectName("signatureThumbnail")
        self.thumbnail.setFixedSize(self.THUMB.width() + 8, self.THUMB.height() + 8)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel()
        self.status.setObjectName("signerStatus")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setWordWrap(True)
        self.buttons = QHBoxLayout()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(14)
        layout.addWidget(chip, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.who, 2)
        layout.addWidget(self.thumbnail)
        layout.addWidget(self.status, 3)
        layout.addLayout(self.buttons)

    def show_slot(self, text: str, colour: str, background: str, border: str) -> None:
        self.thumbnail.setText(text)
        self.thumbnail.setStyleSheet(
            f"#signatureThumbnail {{ color: {colour}; background: {background}; border: 1px {border}; "
            "border-radius: 4px; }"
        )


class SignaturesPanel(QWidget):
    """Who must sign the inspection record (each inspector, each enterprise's principal), each with a button that
    opens the signing dialog; done signatures show as thumbnails, refusals as "Refused: reason".

    Signals:
        changed: a signature or refusal was saved.
    """

    changed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        inspection_id: str,
        parent: QWidget | None = None,
        *,
        signatures: Signatures | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.inspection_id = inspection_id
        # The Workspace owns the service; tests and previews may pass their own.
        self.service: Signatures = signatures or workspace.signatures
        self.dialog: SignatureDialog | None = None
        self.rows: list[_SignerRow] = []
        self.list_layout = QVBoxLayout()
        self.list_layout.setSpacing(6)
        self.summary = QLabel()
        self.summary.setObjectName("signaturesSummary")
        self.summary.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add witness or expert…"))
        self.add_button.setObjectName("addSignerButton")
        menu = QMenu(self.add_button)
        menu.addAction(self.tr("Witness signature…"), lambda: self.open_extra("witness"))
        menu.addAction(self.tr("Expert signature…"), lambda: self.open_extra("expert"))
        self.add_button.setMenu(menu)
        footer = QHBoxLayout()
        footer.addWidget(self.summary, 1)
        footer.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.list_layout)
        layout.addLayout(footer)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        for row in self.rows:
            self.list_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        required = self.service.required(self.inspection_id)
        settled = {r.settled_by["id"] for r in required if r.settled_by}
        editable = self.workspace.inspections.get(self.inspection_id)["status"] == "IN_PROGRESS"
        for signer in required:
            self._add_required(signer, editable)
        for extra in self.service.for_inspection(self.inspection_id):
            if extra["id"] not in settled:
                row = _SignerRow(extra["role"], extra["signer_name"], self._enterprise_name(extra["enterprise_id"]))
                self._show(row, extra)
                self._add(row)
        done, total = sum(1 for r in required if r.done), len(required)
        self.add_button.setEnabled(editable)
        if not editable:
            self._say(self.tr("The inspection is completed; its signatures are locked."), "#5f6368")
        elif done == total:
            self._say(self.tr("Everyone required has signed (or refused)."), "#1e7d32")
        else:
            self._say(
                fill(self.tr("{done} of {total} required signatures collected."), done=done, total=total), "#8a5a00"
            )

    def _say(self, text: str, colour: str) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {colour};")

    def _add(self, row: _SignerRow) -> None:
        self.rows.append(row)
        self.list_layout.addWidget(row)

    def _add_required(self, signer: RequiredSigner, editable: bool) -> None:
        row = _SignerRow(signer.role, signer.name, signer.enterprise_name or "", self.tr("Name not on file"))
        row.signer = signer
        self._show(row, signer.settled_by)
        button = QToolButton()
        button.setObjectName("signButton")
        button.setText(self.tr("Sign again") if signer.done else self.tr("Sign"))
        button.setMinimumWidth(96)
        button.setMinimumHeight(30)
        button.setEnabled(editable)
        button.clicked.connect(lambda _=False, s=signer: self.open_required(s))
        if signer.role == "principal":
            menu = QMenu(button)
            instead = self.tr("On-site lead signs instead…")
            menu.addAction(instead, partial(self.open_required, signer, "onsite_lead"))
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        row.buttons.addWidget(button)
        row.sign_button = button
        self._add(row)

    def _show(self, row: _SignerRow, signature: dict[str, Any] | None) -> None:
        if signature is None:
            row.show_slot(self.tr("Not signed yet"), "#8a5a00", "#fffaf0", "dashed #e0c48a")
            return
        when = signature["signed_at"][11:16]
        # Someone other than the row's signer settled it (an on-site lead for the principal): say who.
        by = [] if signature["role"] == row.role else [f"{role_text(signature['role'])} {signature['signer_name']}"]
        footnote = f"<br><span style='color:#5f6368;'>{html.escape(' · '.join([*by, when]))}</span>"
        if signature["refused"]:
            row.show_slot(self.tr("Refused to sign"), "#b3261e", "#fdecea", "solid #f1c4bf")
            text = fill(self.tr("Refused: {reason}"), reason=signature["refusal_reason"])
            if signature["witness_name"]:
                text += fill(self.tr("(witness: {witness})"), witness=signature["witness_name"])
            row.status.setText(f"<span style='color:#b3261e;'>{html.escape(text)}</span>{footnote}")
            return
        pixmap = QPixmap()
        data = self.service.image(signature["id"])
        if data and pixmap.loadFromData(data, "PNG"):
            ratio = self.devicePixelRatioF()
            scaled = pixmap.scaled(
                row.THUMB * ratio, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            scaled.setDevicePixelRatio(ratio)
            row.show_slot("", "#000000", "#ffffff", "solid #e1e4e8")
            row.thumbnail.setPixmap(scaled)
            row.thumbnail.setToolTip(signature["signed_at"].replace("T", " "))
        signed = "✓ " + fill(self.tr("Signed {when}"), when=when)
        row.status.setText(
            f"<span style='color:#1e7d32;'>{html.escape(signed)}</span>"
            + (f"<br><span style='color:#5f6368;'>{html.escape(by[0])}</span>" if by else "")
        )

    def _enterprise_name(self, enterprise_id: str | None) -> str:
        return self.workspace.registry.get_enterprise(enterprise_id)["name"] if enterprise_id else ""

    # Opening the dialog

    def open_required(self, signer: RequiredSigner, role: str | None = None) -> SignatureDialog:
        """Open the signing dialog for a required signer (for an enterprise, the principal or the on-site lead)."""
        role = role or signer.role
        name = signer.name if role == signer.role else ""
        if role == "onsite_lead" and signer.enterprise_id:
            lead = self.workspace.registry.person(signer.enterprise_id, "onsite_lead")
            name = lead["name"] if lead else ""

        def submit(outcome: SignatureOutcome) -> None:
            ids: dict[str, Any] = {}
            if role == "inspector":
                ids["inspector_id"] = signer.inspector_id
            elif signer.person_id and role == signer.role and outcome.signer_name == signer.name:
                ids["person_id"] = signer.person_id
            else:
                ids["enterprise_id"] = signer.enterprise_id
            self._save(role, outcome, ids)

        refusable = role in ("principal", "onsite_lead")
        return self._open(role, name, signer.enterprise_name or "", role != "inspector", refusable, submit)

    def open_extra(self, role: str) -> SignatureDialog:
        """Open the signing dialog for a co-signer nobody requires (a witness or an expert)."""
        return self._open(role, "", "", True, False, lambda outcome: self._save(role, outcome, {}))

    def _open(
        self,
        role: str,
        name: str,
        context: str,
        name_editable: bool,
        allow_refusal: bool,
        submit: Callable[[SignatureOutcome], None],
    ) -> SignatureDialog:
        dialog = SignatureDialog(
            role, name, self, context=context, name_editable=name_editable, allow_refusal=allow_refusal, submit=submit
        )
        dialog.keep_drafts(self.workspace.drafts, f"signature/{self.inspection_id}/{role}/{name}")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._saved)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save(self, role: str, outcome: SignatureOutcome, ids: dict[str, Any]) -> None:
        if outcome.refused:
            self.service.refuse(
                self.inspection_id,
                role,
                outcome.signer_name,
                outcome.reason or "",
                outcome.witness_name,
                ids.get("person_id"),
                enterprise_id=ids.get("enterprise_id"),
            )
        else:
            self.service.sign(
                self.inspection_id,
                role,
                outcome.signer_name,
                image_png=outcome.png or b"",
                strokes=outcome.strokes,
                canvas_size=outcome.canvas_size,
                **ids,
            )

    def _saved(self) -> None:
        try:
            self.refresh()
        except UserError as exc:
            show_error(self, exc)
        self.changed.emit()

    def _closed(self) -> None:
        self.dialog = None
