"""Issuing enforcement documents: number, render, store, sign, void and supersede (no Qt).

Life of a document row (table `document`):

* ``issue`` → DRAFT. In one Store transaction: reserve the next serial of this device's number block (taking a
  self-assigned block first when the device has none, see below), gather the data, render the PDF with the number
  and the QR code (number + content hash) on every page, store the PDF as a blob and insert the row. Any failure
  (photos or signature images missing, block used up …) rolls the whole transaction back: no row, no number used,
  no block taken. A PDF blob already written is unreferenced and harmless (blobs are content-addressed).
* ``update_draft`` re-renders a DRAFT with the same number (the data changed before signing).
* ``sign`` → SIGNED: the stored PDF is signed (PAdES, pyHanko) with the inspector's key; the signed file replaces it.
  From then on the content is frozen: ``update_draft`` is refused with the reason; a correction is ``supersede``,
  which voids the old document (its number and the reason stay with it) and issues a new one that references it.
* ``serve`` → SERVED (送达), only from SIGNED, with the service record (domain.md §4.5): the date it was served
  (``served_on``: today by default, or an earlier day when it is recorded later, never in the future nor before the
  document was issued), who received it (``served_to``: required when handed over or left with a recipient who
  refused, then with the witness) and how (``service_method``, vocabulary ``service_methods``). ``service`` reads it
  back; a document served before these columns existed has its date from the change log's status entry.
* ``void`` → VOID with its reason; the number is never handed out again.

Numbers without a supervisor: a standalone laptop that has no block for (type, issuer, year) takes one itself from
the self-assignment range (Numbering.self_assign_block), so issuing works offline from day one, and takes the next
one when its self-assigned blocks are used up; supervisor-assigned blocks live in a separate range, and the
merge-time duplicate check catches the rare clash of two laptops. A device that holds a supervisor's block never
self-assigns: when that block is used up, issuing is refused with Numbering's "ask for a new block" message.
"""

from __future__ import annotations

import builtins
import dataclasses
import hashlib
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from app.documents import data as d
from app.documents.config import DocumentConfig, shipped_config
from app.documents.numbering import DOC_TYPES, SELF_BASE, Numbering, format_number
from app.documents.qr import make_payload
from app.documents.render import render
from app.documents.signing import content_sha256
from app.errors import UserError, ValidationError
from app.models import vocab
from app.models.authority import is_office
from app.models.clock import unpack
from app.models.fold import FROZEN_AFTER_SIGNING
from app.models.ids import uuid7
from app.models.workspace import Workspace

# The configured number code (应急 + 检记 …) goes in {word}: （鄞）应急责改〔2026〕5号.
NUMBER_TEMPLATE = "（{prefix}）{word}〔{year}〕{serial}号"
STATUSES = ("DRAFT", "SIGNED", "SERVED", "VOID")
# What a signature attests besides the signed file (app/models/fold.py, class C).
ATTESTED = tuple(sorted(FROZEN_AFTER_SIGNING["document"] - {"file_sha256"}))
STATUS_ZH = {"DRAFT": "草稿", "SIGNED": "已签名", "SERVED": "已送达", "VOID": "已作废"}

# Methods of service (vocabulary service_methods) that need the name of the person the document was given to.
RECIPIENT_REQUIRED = ("DIRECT", "LEFT")


@dataclasses.dataclass(frozen=True)
class Service:
    """How a document was served: the date, who received it ("" if not recorded) and the method code (None for a
    document served before methods were recorded)."""

    served_on: date
    served_to: str
    method: str | None

    @property
    def method_label(self) -> str:
        """The method in the UI language ("" if not recorded)."""
        return vocab.label("service_methods", self.method)

    def summary(self) -> str:
        """2026-11-20 直接送达 张三"""
        return " ".join(part for part in (self.served_on.isoformat(), self.method_label, self.served_to) if part)


_GATHER: dict[str, Callable[..., d.DocumentData]] = {
    "RECORD": d.gather_record,
    "ORDER": d.gather_order,
    "DECISION": d.gather_decision,
    "RECHECK": d.gather_recheck,
}


def canonical(value: Any) -> Any:
    """DocumentData (or any part of it) as plain JSON-able data for the content hash: images by their SHA-256, dates
    in ISO form, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, bytes):
        return "sha256:" + hashlib.sha256(value).hexdigest()
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    return value


def document_hash(data: d.DocumentData) -> str:
    """The content hash printed in the QR code: SHA-256 of the canonical JSON of the document's data."""
    return content_sha256(canonical(data))


def _frozen(row: Mapping[str, Any]) -> UserError:
    return UserError(
        "document.frozen",
        "文书 {doc_no} {status}，内容已冻结，不能修改；如需更正，请作废后重新出具（更正文书）",
        "Document {doc_no} is {status_en}: its content is frozen and cannot be edited; to correct it, supersede it",
        doc_no=row["doc_no"] or row["id"], status=STATUS_ZH[row["status"]], status_en=row["status"].lower(),
    )


@dataclasses.dataclass(frozen=True)
class NumberedDraft:
    """A document numbered and gathered, not yet rendered: its id, its row without the file, what it says, and the
    QR payload printed on it."""

    id: str
    row: dict[str, Any]
    data: d.DocumentData
    qr_payload: str


@dataclasses.dataclass(frozen=True)
class ListedDocument:
    id: str
    doc_no: str
    doc_type: str
    enterprise: str
    status: str
    created_at: str
    void_reason: str | None
    supersedes: str | None  # the number (or id) of the document this one corrects
    service: Service | None


class Documents:
    def __init__(self, ws: Workspace, config: DocumentConfig | None = None) -> None:
        self.ws = ws
        self.store = ws.store
        self.config = config or shipped_config()
        self.numbering = Numbering(ws.store, ws.device.id)

    # Issuing

    def issuer(self) -> str:
        """The issuer key of number blocks: the area abbreviation printed in the number (鄞)."""
        return self.config.issuer_short

    def issue(self, doc_type: str, inspection_id: str, enterprise_id: str | None = None, *,
              issued_on: date | None = None, supersedes_id: str | None = None, stop_ordered: bool = False,
              **render_args: Any) -> str:
        """Number, render and store a new DRAFT document; return its id. See the module docstring. `stop_ordered`:
        a 现场处理措施决定书 whose measures stop work (counted by the statistics)."""
        if stop_ordered and doc_type != "DECISION":
            raise ValidationError("document.stop_not_decision", "只有现场处理措施决定书可以责令停产停业",
                                  "Only an on-site measures decision can order work stopped")
        if doc_type not in DOC_TYPES:
            raise ValidationError(
                "document.doc_type",
                "未知的文书类型：{doc_type}",
                "Unknown document type: {doc_type}",
                doc_type=doc_type,
            )
        issued_on = issued_on or self.ws.inspections.now().date()
        if enterprise_id is None:
            enterprise_id = self.ws.inspections.get(inspection_id)["enterprise_id"]
        with self.store.transaction():
            draft = self.numbered(doc_type, inspection_id, enterprise_id, issued_on, render_args,
                                  supersedes_id=supersedes_id, stop_ordered=stop_ordered)
            self.store_draft(draft, render(draft.data, self.config, qr_payload=draft.qr_payload))
        return draft.id

    def numbered(self, doc_type: str, inspection_id: str, enterprise_id: str, issued_on: date,
                 render_args: Mapping[str, Any], *, supersedes_id: str | None = None,
                 stop_ordered: bool = False, taken: set[int] | None = None) -> NumberedDraft:
        """Reserve the next number and gather what the document says, inside the caller's transaction; the PDF is
        rendered from it (here or on a render pool, app/documents/batch_issue.py) and stored by `store_draft`.
        `taken`: the serials numbered in this transaction whose rows are not stored yet; the new one is added."""
        taken = set() if taken is None else taken
        issuer, year = self.issuer(), issued_on.year
        document_id = uuid7()
        own = self.numbering.blocks(doc_type, issuer, year, device=self.numbering.device_id)
        # Standalone (every block of this device self-assigned): take the next block when one is used up.
        # A device with a supervisor's block is refused when it runs out (Numbering.next_number says so).
        if not own or (
            all(b.first > SELF_BASE for b in own) and not self.numbering.remaining(doc_type, issuer, year, taken)
        ):
            self.numbering.self_assign_block(doc_type, issuer, year)
        serial = self.numbering.reserve(doc_type, issuer, year, taken)
        taken.add(serial)
        doc_no = format_number(NUMBER_TEMPLATE, issuer, self.config.number_code(doc_type), year, serial)
        data = self._gather(doc_type, inspection_id, enterprise_id, doc_no, issued_on, document_id, render_args)
        row = {
            "doc_type": doc_type,
            "doc_no": doc_no,
            "issuer": issuer,
            "year": year,
            "serial": serial,
            "inspection_id": inspection_id,
            "enterprise_id": enterprise_id,
            "status": "DRAFT",
            "supersedes_id": supersedes_id,
            "created_at": self.ws.inspections.now().isoformat(timespec="seconds"),
            "stop_ordered": int(stop_ordered),
        }
        return NumberedDraft(document_id, row, data, make_payload(doc_no, document_hash(data)))

    def store_draft(self, draft: NumberedDraft, pdf: bytes) -> None:
        """Store the rendered PDF and insert the document row, inside the transaction that numbered it."""
        sha = self.ws.blobs.put(pdf)  # first: an orphan blob after a failure is harmless, a missing one is not
        self.store.insert("document", {**draft.row, "file_sha256": sha}, row_id=draft.id)

    def _gather(
        self,
        doc_type: str,
        inspection_id: str,
        enterprise_id: str,
        doc_no: str,
        issued_on: date,
        document_id: str,
        render_args: Mapping[str, Any],
    ) -> d.DocumentData:
        args = dict(render_args)
        if doc_type != "RECORD":
            args.setdefault("document_id", document_id)
        return _GATHER[doc_type](self.ws, inspection_id, enterprise_id, doc_no=doc_no, issued_on=issued_on, **args)

    def _render(
        self,
        doc_type: str,
        inspection_id: str,
        enterprise_id: str,
        doc_no: str,
        issued_on: date,
        document_id: str,
        render_args: Mapping[str, Any],
    ) -> bytes:
        data = self._gather(doc_type, inspection_id, enterprise_id, doc_no, issued_on, document_id, render_args)
        return render(data, self.config, qr_payload=make_payload(doc_no, document_hash(data)))

    def update_draft(self, document_id: str, *, issued_on: date | None = None, **render_args: Any) -> None:
        """Re-render a DRAFT from the current data, keeping its number. Refused once signed (frozen) or void."""
        with self.store.transaction():
            row = self.get(document_id)
            if row["status"] != "DRAFT":
                raise _frozen(row)
            issued_on = issued_on or self.ws.inspections.now().date()
            pdf = self._render(
                row["doc_type"],
                row["inspection_id"],
                row["enterprise_id"],
                row["doc_no"],
                issued_on,
                document_id,
                render_args,
            )
            self.store.update("document", document_id, {"file_sha256": self.ws.blobs.put(pdf)})

    # Signing

    def sign(
        self,
        document_id: str,
        inspector_id: str,
        passphrase: str,
        *,
        reason: str = "行政执法文书签发",
        location: str = "",
    ) -> None:
        """Sign a DRAFT with the inspector's key (PAdES); it becomes SIGNED and its content is frozen."""
        from app.documents.certs import load_inspector_credentials
        from app.documents.signing import sign_pdf

        row = self.get(document_id)
        if row["status"] != "DRAFT":
            raise _frozen(row)
        if not self._numbered_here(document_id) and not is_office(self.ws.data_dir):
            # Elsewhere the signature would not count (app/models/fold.py, class C): the number is the drafter's.
            raise UserError(
                "document.numbered_elsewhere",
                "该文书草稿由另一台设备编号，只能在起草它的设备上签名",
                "Another device numbered this draft; it can be signed only on the device that drafted it",
            )
        inspector = self.store.require("inspector", inspector_id)
        try:
            creds = load_inspector_credentials(self.ws.data_dir, inspector_id)
        except UserError as exc:
            if exc.code != "cert.no_inspector_cert":
                raise
            raise UserError(
                "document.no_signing_cert",
                "检查员“{name}”还没有签名证书，无法签名。请先由上级签发机构为其签发证书并导入本机，"
                "或在本机为其创建个人签名证书（python -m app inspector-cert --inspector {id}）",
                "Inspector {name} has no signing certificate. Have the supervisor's authority issue one, or create a "
                "personal one on this machine (python -m app inspector-cert --inspector {id})",
                name=inspector["name"],
                id=inspector_id,
            ) from exc
        pdf = self.ws.blobs.read(row["file_sha256"])
        signed = sign_pdf(
            pdf,
            creds.key_pem,
            creds.cert_pem,
            passphrase,
            reason=reason,
            location=location,
            name=inspector["name"],
            chain=creds.chain,
        )
        sha = self.ws.blobs.put(signed)
        with self.store.transaction():
            current = self.get(document_id)
            if current["status"] != "DRAFT" or current["file_sha256"] != row["file_sha256"]:
                raise UserError(
                    "document.changed",
                    "文书 {doc_no} 在签名期间被修改，请重新签名",
                    "Document {doc_no} changed while it was being signed; sign again",
                    doc_no=row["doc_no"],
                )
            self.store.attest("document", document_id, ATTESTED)
            self.store.update("document", document_id, {"file_sha256": sha, "status": "SIGNED"})

    def setup_standalone(self, inspector_id: str, passphrase: str) -> None:
        """Create a personal signing identity for an inspector with no supervisor (certs.setup_standalone_inspector),
        from the roster's name, certificate number and agency; its root joins this installation's trust store."""
        from app.documents.certs import setup_standalone_inspector

        inspector = self.store.require("inspector", inspector_id)
        setup_standalone_inspector(
            self.ws.data_dir, inspector_id, inspector["name"], inspector["cert_no"], inspector["agency"], passphrase
        )

    # Serving

    def today(self) -> date:
        """Today by the inspections' clock (what "not in the future" means for a service date)."""
        return self.ws.inspections.now().date()

    def serve(
        self, document_id: str, served_on: date | None = None, served_to: str = "", method: str = "DIRECT"
    ) -> None:
        """SIGNED → SERVED (送达) with the service record; see the module docstring for the rules."""
        today = self.today()
        if isinstance(served_on, datetime):
            served_on = served_on.date()
        served_on = served_on or today
        served_to = (served_to or "").strip()
        with self.store.transaction():
            row = self.get(document_id)
            doc_no = row["doc_no"] or document_id
            if row["status"] != "SIGNED":
                raise UserError(
                    "document.not_servable",
                    "文书 {doc_no} {status}，只有已签名的文书才能登记送达",
                    "Document {doc_no} is {status_en}; only a signed document can be recorded as served",
                    doc_no=doc_no,
                    status=STATUS_ZH[row["status"]],
                    status_en=row["status"].lower(),
                )
            if method not in vocab.codes("service_methods"):
                raise ValidationError(
                    "document.service_method",
                    "送达方式“{method}”无效，可选：{allowed}",
                    "Invalid method of service '{method}'; allowed: {allowed}",
                    method=method,
                    allowed="、".join(
                        f"{code}（{vocab.vocab()['service_methods'][code]['zh']}）"
                        for code in vocab.codes("service_methods")
                    ),
                )
            if served_on > today:
                raise ValidationError(
                    "document.served_on",
                    "送达日期 {served_on} 晚于今天（{today}），不能登记尚未发生的送达",
                    "The date of service {served_on} is after today ({today}); a service cannot be recorded ahead",
                    served_on=served_on.isoformat(),
                    today=today.isoformat(),
                )
            issued = date.fromisoformat(row["created_at"][:10])
            if served_on < issued:
                raise ValidationError(
                    "document.served_on",
                    "送达日期 {served_on} 早于文书 {doc_no} 的出具日期 {issued}",
                    "The date of service {served_on} is before document {doc_no} was issued ({issued})",
                    served_on=served_on.isoformat(),
                    doc_no=doc_no,
                    issued=issued.isoformat(),
                )
            if method == "LEFT" and not served_to:
                raise ValidationError(
                    "document.served_to",
                    "留置送达须填写拒收的受送达人和见证人姓名",
                    "Service left with a recipient who refused needs the recipient's and the witness's names",
                )
            if method in RECIPIENT_REQUIRED and not served_to:
                labels = vocab.vocab()["service_methods"][method]
                raise ValidationError(
                    "document.served_to",
                    "{method}须填写受送达人（签收人）姓名",
                    "{method_en}: the name of the person who received the document is required",
                    method=labels["zh"],
                    method_en=labels["en"],
                )
            self.store.update(
                "document",
                document_id,
                {
                    "status": "SERVED",
                    "served_on": served_on.isoformat(),
                    "served_to": served_to or None,
                    "service_method": method,
                },
            )

    def service(self, document_id: str) -> Service | None:
        """The service record of a document that was served (also once it was voided or corrected); None if it never
        was. A document served before the service columns existed has only the date, from the change log."""
        return self._service(self.get(document_id))

    def _service(self, row: Mapping[str, Any]) -> Service | None:
        if row["served_on"]:
            return Service(date.fromisoformat(row["served_on"]), row["served_to"] or "", row["service_method"])
        for entry in reversed(self.store.history("document", row["id"])):
            if entry.column == "status" and entry.value == "SERVED":
                stamp = datetime.fromtimestamp(unpack(entry.hlc)[0] / 1000).astimezone()
                return Service(stamp.date(), row["served_to"] or "", row["service_method"])
        return None

    # Voiding and corrections

    def void(self, document_id: str, reason: str) -> None:
        """VOID with its reason; the number stays with the document. A document another device signed is voided
        only by a supervisor office: elsewhere the void would not count (app/models/fold.py, class C)."""
        signer = self.signer_device(document_id)
        if signer not in (None, self.ws.device.id) and not is_office(self.ws.data_dir):
            raise UserError(
                "document.not_yours_to_void",
                "该文书由另一台设备签名，只有上级（监管）单位可以作废；请向上级说明作废原因",
                "Another device signed this document; only the supervisor's office may void it",
            )
        self.numbering.void(document_id, reason)

    def _numbered_here(self, document_id: str) -> bool:
        return (
            self.store.db.conn.execute(
                "SELECT 1 FROM change WHERE tbl = 'document' AND row_id = ? AND col = 'serial' AND device = ? LIMIT 1",
                (document_id, self.ws.device.id),
            ).fetchone()
            is not None
        )

    def signer_device(self, document_id: str) -> str | None:
        """The device whose signature the document shows (its first signature), None while it is unsigned."""
        row = self.store.db.conn.execute(
            "SELECT device FROM change WHERE tbl = 'document' AND row_id = ? AND col = 'status' AND value = ? "
            "ORDER BY hlc, device LIMIT 1",
            (document_id, '"SIGNED"'),
        ).fetchone()
        return str(row[0]) if row else None

    def supersede(self, document_id: str, reason: str, *, issued_on: date | None = None, **render_args: Any) -> str:
        """Correct a document: void it (number and reason kept) and issue a new one of the same type for the same
        inspection and enterprise that references it (supersedes_id); return the new id. Atomic."""
        with self.store.transaction():
            row = self.get(document_id)
            self.void(document_id, reason)
            return self.issue(
                row["doc_type"],
                row["inspection_id"],
                row["enterprise_id"],
                issued_on=issued_on,
                supersedes_id=document_id,
                **render_args,
            )

    # Reading

    def get(self, document_id: str) -> dict[str, Any]:
        return self.store.require("document", document_id)

    def pdf(self, document_id: str) -> bytes:
        """The stored PDF (the signed file once signed)."""
        row = self.get(document_id)
        if not row["file_sha256"]:
            raise UserError(
                "document.no_file",
                "文书 {doc_no} 没有文件",
                "Document {doc_no} has no file",
                doc_no=row["doc_no"] or document_id,
            )
        return self.ws.blobs.read(row["file_sha256"])

    def list(
        self,
        inspection_id: str | None = None,
        enterprise_id: str | None = None,
        doc_type: str | None = None,
        status: str | None = None,
    ) -> builtins.list[dict[str, Any]]:
        """Live document rows matching the filters, oldest first."""
        where, params = ["deleted = 0"], []
        for column, value in (
            ("inspection_id", inspection_id),
            ("enterprise_id", enterprise_id),
            ("doc_type", doc_type),
            ("status", status),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        return self.store.query(
            f"SELECT * FROM document WHERE {' AND '.join(where)} ORDER BY created_at, id", tuple(params)
        )

    def ids_newest_first(self) -> builtins.list[str]:
        """Every live document, newest first (the 文书 list: ids only, rows fetched as they are shown)."""
        return [r[0] for r in self.store.db.conn.execute(
            "SELECT id FROM document WHERE deleted = 0 ORDER BY created_at DESC, id DESC")]

    def listed(self, ids: Sequence[str]) -> dict[str, ListedDocument]:
        """The list's rows for `ids`: the enterprise's name and the number a correction replaces read alongside."""
        found: dict[str, ListedDocument] = {}
        for start in range(0, len(ids), 500):
            part = list(ids[start:start + 500])
            for r in self.store.query(
                f"""SELECT d.*, e.name AS enterprise, old.doc_no AS supersedes_no FROM document d
                    LEFT JOIN enterprise e ON e.id = d.enterprise_id
                    LEFT JOIN document old ON old.id = d.supersedes_id
                    WHERE d.id IN ({', '.join('?' * len(part))})""", tuple(part),
            ):
                service = self._service(r) if r["status"] == "SERVED" else None
                found[r["id"]] = ListedDocument(
                    r["id"], r["doc_no"] or "", r["doc_type"], r["enterprise"] or r["enterprise_id"] or "", r["status"],
                    r["created_at"] or "", r["void_reason"], r["supersedes_no"] or r["supersedes_id"], service)
        return found


__all__ = ["Documents", "ListedDocument", "NUMBER_TEMPLATE", "RECIPIENT_REQUIRED", "Service", "canonical",
           "document_hash"]
