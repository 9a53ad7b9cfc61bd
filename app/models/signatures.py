"""Handwritten signatures and recorded refusals to sign (签名 / 拒绝签字).

Who must sign the on-site record (domain.md §1.4, §4.5): every inspector on the team (≥ 2 certified officers) and,
for each enterprise covered by the visit, its person in charge (负责人). The on-site person in charge (现场负责人)
signs instead when the principal is absent, and either may refuse: the refusal is then recorded with its time, the
officers' statement of what happened (the reason) and an optional witness — it settles the requirement, because
the law asks for the refusal to be noted, not for a signature to be forced (安全生产法 Art. 68). Witnesses and
experts may co-sign; nobody requires them.

A signature keeps two blobs: the PNG that goes on paper and the pen strokes (x, y, pressure per point) as canonical
JSON, the richer evidence should a signature ever be disputed. Signing again in the same role replaces the earlier
signature of that signer: the old row gets a tombstone, so both stay in the change log.

When signing is allowed:

- Signatures on the inspection record itself (no ``document_id``) are collected at the end of the visit, before
  completion, and completion requires them. So they are accepted only while the inspection is IN_PROGRESS: once
  COMPLETED the record is closed and a signature added or replaced afterwards would change what was closed.
- Signatures on an enforcement document (``document_id``: an order, a decision, a re-inspection opinion) can come
  after the visit — documents are drafted at the end of it or later and served within days (§4.5). They are
  accepted while the inspection is IN_PROGRESS or COMPLETED, provided the document belongs to the inspection and is
  not void. A VOID inspection takes no signatures at all.
"""

from __future__ import annotations

import io
import json
import math
import struct
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, overload

from PIL import Image, UnidentifiedImageError

from app.errors import ValidationError, language
from app.models import vocab
from app.models.blobs import BlobStore
from app.models.store import Store

ROLES: tuple[str, ...] = ("inspector", "principal", "onsite_lead", "witness", "expert", "examinee")
# Roles that sign for an enterprise: either one settles that enterprise's requirement.
ENTERPRISE_ROLES: tuple[str, ...] = ("principal", "onsite_lead")
# Officers never "refuse": the refusal the law records is the inspected party's.
REFUSABLE_ROLES: tuple[str, ...] = ("principal", "onsite_lead", "examinee")

STROKES_VERSION = 1
MAX_NAME_CHARS = 50
MAX_REASON_CHARS = 500
MAX_POINTS = 50_000
MAX_PNG_BYTES = 5 * 1024 * 1024
MAX_PNG_SIDE = 4000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_DECODE_ERRORS = (
    OSError, SyntaxError, ValueError, EOFError, UnidentifiedImageError, struct.error, zlib.error, IndexError, TypeError
)

Point = tuple[float, float, float]


# One signature per slot (inspection or document, role, signer) is shown: when two laptops signed the same slot
# without seeing each other (listed as DUPLICATE_RECORD, app/sync/merge.py), the later row on every installation.
LATEST_IN_SLOT = """NOT EXISTS (SELECT 1 FROM signature t WHERE t.deleted = 0 AND t.id > s.id
    AND t.inspection_id IS s.inspection_id AND t.document_id IS s.document_id AND t.role = s.role
    AND coalesce(t.inspector_id, t.person_id, t.signer_name) = coalesce(s.inspector_id, s.person_id, s.signer_name))"""

def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def role_label(role: str) -> str:
    return vocab.label("signer_roles", role)


@dataclass(frozen=True)
class RequiredSigner:
    """One signature the inspection record needs, and the live row that settles it (if any).

    For an enterprise, ``role`` is "principal"; ``name`` is the principal on file ("" when none is registered) and
    ``settled_by`` may be a principal's or an on-site lead's signature or refusal.
    """

    role: str
    name: str
    inspector_id: str | None = None
    person_id: str | None = None
    enterprise_id: str | None = None
    enterprise_name: str | None = None
    settled_by: dict[str, Any] | None = None

    @property
    def done(self) -> bool:
        return self.settled_by is not None

    @property
    def description(self) -> str:
        """E.g. "执法人员 张明", "负责人 王建国（宁波恒达五金制品厂）", in the active language."""
        text = role_label(self.role)
        if self.name:
            text += " " + self.name
        if self.enterprise_name:
            text += f"（{self.enterprise_name}）" if language() != "en" else f" ({self.enterprise_name})"
        return text


class Signatures:
    """Signing and refusing on an inspection (and, later, on its documents); who still has to sign.

    Every write is one transaction; invalid input raises ValidationError (zh + en) before anything is written.
    """

    def __init__(self, store: Store, blobs: BlobStore, now: Callable[[], datetime] = _now) -> None:
        self.store = store
        self.blobs = blobs
        self.now = now

    # Writing

    def sign(
        self,
        inspection_id: str,
        role: str,
        signer_name: str,
        *,
        image_png: bytes,
        strokes: Sequence[Sequence[Sequence[float]]],
        inspector_id: str | None = None,
        person_id: str | None = None,
        enterprise_id: str | None = None,
        document_id: str | None = None,
        canvas_size: tuple[float, float] | None = None,
    ) -> str:
        """Store a handwritten signature (PNG + strokes) and return its id.

        ``strokes``: one list of (x, y, pressure) points per pen-down, in pad pixels, pressure 0..1; at least one
        stroke needs two points (an empty pad is refused). ``canvas_size`` is the pad's size, kept with the
        strokes. An inspector signs with ``inspector_id`` (a member of the team); an enterprise's principal or
        on-site lead with ``person_id``, or with ``enterprise_id`` and the name, which finds or registers the person.
        """
        name = _name(signer_name)
        _check_role(role)
        points = _check_strokes(strokes)
        _check_canvas(canvas_size)
        _check_png(image_png)
        strokes_json = _strokes_json(points, canvas_size)
        with self.store.transaction():
            person_id = self._check_signer(
                inspection_id, role, name, inspector_id, person_id, enterprise_id, document_id
            )
            # Blobs before the row: an orphan blob after a crash is harmless, a row pointing nowhere is not.
            image_sha = self.blobs.put(image_png)
            strokes_sha = self.blobs.put(strokes_json)
            return self._replace(
                inspection_id,
                {
                    "inspection_id": inspection_id,
                    "document_id": document_id,
                    "role": role,
                    "signer_name": name,
                    "inspector_id": inspector_id,
                    "person_id": person_id,
                    "image_sha256": image_sha,
                    "strokes_sha256": strokes_sha,
                    "refused": 0,
                    "signed_at": self.now().isoformat(),
                },
            )

    def refuse(
        self,
        inspection_id: str,
        role: str,
        signer_name: str,
        reason: str,
        witness_name: str | None = None,
        person_id: str | None = None,
        *,
        enterprise_id: str | None = None,
        document_id: str | None = None,
    ) -> str:
        """Record that the signer refused to sign (拒绝签字): the reason (the officers' statement) is required; the
        time is stamped; a witness who saw the refusal is optional. Returns the signature row's id."""
        name = _name(signer_name)
        _check_role(role)
        if role not in REFUSABLE_ROLES:
            raise ValidationError(
                "signature.not_refusable",
                "“{role}”不能记录为拒绝签名",
                "A refusal cannot be recorded for the role “{role}”",
                role=role_label(role),
            )
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(
                "signature.reason_required",
                "请填写拒绝签名的情况说明",
                "Describe the refusal to sign (a reason is required)",
            )
        if len(reason) > MAX_REASON_CHARS:
            raise ValidationError(
                "signature.reason_too_long",
                "拒签说明过长（最多 {max} 字）",
                "The refusal note is too long (at most {max} characters)",
                max=MAX_REASON_CHARS,
            )
        witness = _name(witness_name, required=False)
        with self.store.transaction():
            person_id = self._check_signer(inspection_id, role, name, None, person_id, enterprise_id, document_id)
            return self._replace(
                inspection_id,
                {
                    "inspection_id": inspection_id,
                    "document_id": document_id,
                    "role": role,
                    "signer_name": name,
                    "person_id": person_id,
                    "refused": 1,
                    "refusal_reason": reason,
                    "witness_name": witness,
                    "signed_at": self.now().isoformat(),
                },
            )

    def _replace(self, inspection_id: str, values: dict[str, Any]) -> str:
        """Tombstone the signer's earlier signature(s) in the same role and place, then insert the new one."""
        if values.get("inspector_id"):
            who, key = "inspector_id = ?", values["inspector_id"]
        elif values.get("person_id"):
            who, key = "person_id = ?", values["person_id"]
        else:
            who, key = "inspector_id IS NULL AND person_id IS NULL AND signer_name = ?", values["signer_name"]
        earlier = self.store.db.conn.execute(
            f"""SELECT id FROM signature WHERE inspection_id = ? AND document_id IS ? AND role = ? AND deleted = 0
                AND {who}""",
            (inspection_id, values["document_id"], values["role"], key),
        ).fetchall()
        for (row_id,) in earlier:
            self.store.delete("signature", row_id)
        return self.store.insert("signature", values)

    def _check_signer(
        self,
        inspection_id: str,
        role: str,
        name: str,
        inspector_id: str | None,
        person_id: str | None,
        enterprise_id: str | None,
        document_id: str | None,
    ) -> str | None:
        """Check the inspection, the document and who signs; returns the person id to store."""
        self._check_open(inspection_id, document_id)
        if role == "inspector":
            if not inspector_id or person_id or enterprise_id:
                raise ValidationError(
                    "signature.inspector_required",
                    "执法人员签名须选择检查组中的执法人员",
                    "An inspector's signature must name an inspector of the team",
                )
            self.store.require("inspector", inspector_id)
            if inspector_id not in self._team(inspection_id):
                raise ValidationError(
                    "signature.not_on_team",
                    "该执法人员不在本次检查组中",
                    "That inspector is not on this inspection's team",
                )
            return None
        if inspector_id:
            raise ValidationError(
                "signature.inspector_role",
                "只有“执法人员”签名可以关联执法人员",
                "Only an inspector's signature can name an inspector",
            )
        targets = self._targets(inspection_id)
        if person_id:
            person = self.store.require("person", person_id)
            if enterprise_id and person["enterprise_id"] != enterprise_id:
                raise ValidationError(
                    "signature.person_enterprise",
                    "该人员不属于所选企业",
                    "That person does not belong to the enterprise",
                )
            enterprise_id = person["enterprise_id"]
        if enterprise_id and enterprise_id not in targets:
            raise ValidationError(
                "signature.not_target", "该企业不在本次检查对象中", "That enterprise is not a target of this inspection"
            )
        if role in ENTERPRISE_ROLES and not enterprise_id:
            raise ValidationError(
                "signature.enterprise_required",
                "“{role}”签名须指明所属企业",
                "A “{role}” signature must name the enterprise",
                role=role_label(role),
            )
        if enterprise_id and not person_id:
            person_id = self._person(enterprise_id, role, name)
        return person_id

    def _person(self, enterprise_id: str, role: str, name: str) -> str:
        """The enterprise's person with this role and name, registered now if not on file yet (the registry only
        gains: a principal already on file under another name stays the registered principal)."""
        person_role = role if role in ENTERPRISE_ROLES else "other"
        row = self.store.db.conn.execute(
            "SELECT id FROM person WHERE enterprise_id = ? AND name = ? AND deleted = 0 ORDER BY role != ?, id LIMIT 1",
            (enterprise_id, name, person_role),
        ).fetchone()
        if row:
            return str(row[0])
        return self.store.insert("person", {"enterprise_id": enterprise_id, "role": person_role, "name": name})

    def _check_open(self, inspection_id: str, document_id: str | None) -> None:
        inspection = self.store.require("inspection", inspection_id)
        status = inspection["status"]
        if document_id is None:
            if status != "IN_PROGRESS":
                raise ValidationError(
                    "inspection.closed",
                    "该检查已结束，不能再修改签名",
                    "This inspection is finished; its signatures can no longer be changed",
                )
            return
        if status == "VOID":
            raise ValidationError(
                "inspection.void", "该检查已作废，不能签名", "This inspection is void; nothing can be signed"
            )
        document = self.store.require("document", document_id)
        if document["inspection_id"] != inspection_id:
            raise ValidationError(
                "signature.document_mismatch",
                "该文书不属于本次检查",
                "That document does not belong to this inspection",
            )
        if document["status"] == "VOID":
            raise ValidationError(
                "signature.document_void", "该文书已作废，不能签名", "That document is void and cannot be signed"
            )

    # Reading

    def get(self, signature_id: str) -> dict[str, Any]:
        return self.store.require("signature", signature_id)

    def for_inspection(self, inspection_id: str) -> list[dict[str, Any]]:
        """Live signatures and refusals on the inspection record (not on documents), oldest first, each with the
        ``enterprise_id`` of its person (None for officers, witnesses and experts)."""
        return self.store.query(
            f"""SELECT s.*, p.enterprise_id AS enterprise_id FROM signature s LEFT JOIN person p ON p.id = s.person_id
               WHERE s.inspection_id = ? AND s.document_id IS NULL AND s.deleted = 0 AND {LATEST_IN_SLOT}
               ORDER BY s.signed_at, s.id""",
            (inspection_id,),
        )

    def for_document(self, document_id: str) -> list[dict[str, Any]]:
        return self.store.query(
            f"""SELECT s.*, p.enterprise_id AS enterprise_id FROM signature s LEFT JOIN person p ON p.id = s.person_id
               WHERE s.document_id = ? AND s.deleted = 0 AND {LATEST_IN_SLOT} ORDER BY s.signed_at, s.id""",
            (document_id,),
        )

    def image(self, signature_id: str) -> bytes | None:
        """The signature's PNG, or None for a refusal."""
        sha = self.get(signature_id)["image_sha256"]
        return self.blobs.read(sha) if sha else None

    def strokes(self, signature_id: str) -> dict[str, Any] | None:
        """The stored strokes document ({"version", "width", "height", "strokes"}), or None for a refusal."""
        sha = self.get(signature_id)["strokes_sha256"]
        return json.loads(self.blobs.read(sha)) if sha else None

    def required(self, inspection_id: str) -> list[RequiredSigner]:
        """Everyone who must sign the inspection record: each inspector of the team, then the principal of each
        target enterprise; each with the live signature or refusal that settles it, if any."""
        signed = self.for_inspection(inspection_id)
        needed = []
        for inspector in self.store.query(
            """SELECT i.id, i.name FROM inspection_inspector ii JOIN inspector i ON i.id = ii.inspector_id
               WHERE ii.inspection_id = ? AND ii.deleted = 0 ORDER BY ii.id""",
            (inspection_id,),
        ):
            row = next((s for s in signed if s["role"] == "inspector" and s["inspector_id"] == inspector["id"]), None)
            needed.append(RequiredSigner("inspector", inspector["name"], inspector_id=inspector["id"], settled_by=row))
        for target in self.store.query(
            """SELECT e.id, e.name FROM inspection_target t JOIN enterprise e ON e.id = t.enterprise_id
               WHERE t.inspection_id = ? AND t.deleted = 0 ORDER BY t.id""",
            (inspection_id,),
        ):
            principal = self.store.query(
                """SELECT id, name FROM person WHERE enterprise_id = ? AND role = 'principal' AND deleted = 0
                   ORDER BY id LIMIT 1""",
                (target["id"],),
            )
            # A principal's own signature settles it before an on-site lead's; the latest wins within a role.
            rows = [s for s in signed if s["role"] in ENTERPRISE_ROLES and s["enterprise_id"] == target["id"]]
            rows.sort(key=lambda s: (s["role"] == "principal", s["signed_at"], s["id"]))
            needed.append(
                RequiredSigner(
                    "principal",
                    principal[0]["name"] if principal else "",
                    person_id=principal[0]["id"] if principal else None,
                    enterprise_id=target["id"],
                    enterprise_name=target["name"],
                    settled_by=rows[-1] if rows else None,
                )
            )
        return needed

    def missing(self, inspection_id: str) -> list[str]:
        """Who still has to sign the inspection record (a recorded refusal counts as done), in the UI language."""
        return [signer.description for signer in self.required(inspection_id) if not signer.done]

    def _team(self, inspection_id: str) -> set[str]:
        rows = self.store.db.conn.execute(
            "SELECT inspector_id FROM inspection_inspector WHERE inspection_id = ? AND deleted = 0", (inspection_id,)
        )
        return {r[0] for r in rows}

    def _targets(self, inspection_id: str) -> set[str]:
        rows = self.store.db.conn.execute(
            "SELECT enterprise_id FROM inspection_target WHERE inspection_id = ? AND deleted = 0", (inspection_id,)
        )
        return {r[0] for r in rows}


# Validation of the inputs (no database needed)


@overload
def _name(value: str | None, required: Literal[True] = True) -> str: ...


@overload
def _name(value: str | None, required: bool) -> str | None: ...


def _name(value: str | None, required: bool = True) -> str | None:
    name = " ".join((value or "").split())
    if not name:
        if required:
            raise ValidationError("signature.name_required", "请填写签名人姓名", "Enter the signer's name")
        return None
    if len(name) > MAX_NAME_CHARS:
        raise ValidationError(
            "signature.name_too_long",
            "姓名过长（最多 {max} 字）",
            "The name is too long (at most {max} characters)",
            max=MAX_NAME_CHARS,
        )
    return name


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValidationError(
            "signature.role",
            "签名角色“{role}”无效，可选：{allowed}",
            "Invalid signer role “{role}”; allowed: {allowed}",
            role=role,
            allowed=", ".join(ROLES),
        )


def _check_strokes(strokes: Any) -> list[list[Point]]:
    """Normalised strokes: finite numbers, x/y rounded to 0.01 px, pressure clamped to 0..1 and rounded to 0.001."""
    bad = ValidationError(
        "signature.bad_strokes",
        "签名笔迹数据无效",
        "The signature's stroke data is invalid",
    )
    if not isinstance(strokes, (list, tuple)):
        raise bad
    cleaned: list[list[Point]] = []
    total = 0
    for stroke in strokes:
        if not isinstance(stroke, (list, tuple)):
            raise bad
        points: list[Point] = []
        for point in stroke:
            if not isinstance(point, (list, tuple)) or len(point) != 3:
                raise bad
            try:
                x, y, p = (float(v) for v in point)
            except (TypeError, ValueError):
                raise bad from None
            if not all(math.isfinite(v) for v in (x, y, p)):
                raise bad
            points.append((round(x, 2), round(y, 2), round(min(max(p, 0.0), 1.0), 3)))
        total += len(points)
        if points:
            cleaned.append(points)
    if total > MAX_POINTS:
        raise ValidationError(
            "signature.too_many_points",
            "签名笔迹点数过多（{n}，最多 {max}）",
            "The signature has too many points ({n}, at most {max})",
            n=total,
            max=MAX_POINTS,
        )
    if not any(len(s) >= 2 for s in cleaned):
        raise ValidationError(
            "signature.empty",
            "签名为空，请先在签名区内签名",
            "The signature is empty; sign in the signature area first",
        )
    return cleaned


def _check_canvas(size: Any) -> None:
    if size is None:
        return
    try:
        width, height = (float(v) for v in size)
    except (TypeError, ValueError):
        width = height = math.nan
    if not (math.isfinite(width) and math.isfinite(height) and 0 < width <= 100_000 and 0 < height <= 100_000):
        raise ValidationError("signature.bad_canvas", "签名区尺寸无效", "The signature area's size is invalid")


def _check_png(data: Any) -> None:
    bad = ValidationError(
        "signature.bad_image", "签名图像无效（应为 PNG 图片）", "The signature image is invalid (expected a PNG)"
    )
    if not isinstance(data, (bytes, bytearray)) or not bytes(data).startswith(PNG_MAGIC):
        raise bad
    if len(data) > MAX_PNG_BYTES:
        raise ValidationError(
            "signature.image_too_large",
            "签名图像过大（最多 {mb} MB）",
            "The signature image is too large (at most {mb} MB)",
            mb=MAX_PNG_BYTES // (1024 * 1024),
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG" or max(image.size) > MAX_PNG_SIDE or min(image.size) < 1:
                raise bad
            image.verify()
    except _DECODE_ERRORS:
        raise bad from None


def _strokes_json(strokes: list[list[Point]], canvas_size: tuple[float, float] | None) -> bytes:
    if canvas_size is not None:
        width, height = (float(v) for v in canvas_size)
    else:
        width = max(0.0, *(x for s in strokes for x, _, _ in s))
        height = max(0.0, *(y for s in strokes for _, y, _ in s))
    document = {
        "version": STROKES_VERSION,
        "width": math.ceil(width),
        "height": math.ceil(height),
        "strokes": [[list(p) for p in s] for s in strokes],
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":")).encode("ascii")
