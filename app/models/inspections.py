"""Running an inspection: team, targets, a verdict on every checklist item, hazards, photos, completion.

Every public call is one transaction, so an answer is on disk when the call returns ("事项条条看": each item gets an
explicit verdict, and nothing typed is lost by a crash).
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import NotFoundError, ValidationError, localized
from app.models import vocab
from app.models.store import Store
from app.models.workdays import deadline_for

if TYPE_CHECKING:
    from app.models import content
    from app.models.blobs import BlobStore
    from app.models.templates import Templates

MIN_INSPECTORS = 2
# A re-inspection (app/models/reinspection.py) re-checks hazards, not the checklist: it has no items to answer and
# is finished there, not by `complete`.
RECHECK_MODE = "RECHECK"

# Hazard fields an inspector may edit after the verdict created the hazard.
HAZARD_EDITABLE = (
    "description",
    "location",
    "grade",
    "major_basis",
    "measure",
    "interim_controls",
    "deadline",
    "rectified_on_site",
    "responsible_person",
    "responsible_phone",
    "enterprise_id",
    "related_enterprise_id",
)


@dataclass(frozen=True)
class VerdictOutcome:
    item_result_id: str
    hazard_id: str | None  # the item's live hazard, when the verdict is NONCOMPLIANT


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _role_of(enterprise: dict[str, Any]) -> set[str]:
    roles = {r for r, flag in (("landlord", "is_landlord"), ("tenant", "is_tenant"), ("operator", "is_operator"))
             if enterprise[flag]}
    return roles or {"tenant"}  # a registered enterprise with no lease yet is checked as an occupant


def applicable_items_for(checklist: content.Checklist, enterprise: dict[str, Any]) -> list[content.ChecklistItem]:
    """The checklist's items that apply to the enterprise's roles."""
    roles = _role_of(enterprise)
    return [i for i in checklist.items if roles & set(i.applies_to)]


class Inspections:
    def __init__(self, store: Store, blobs: BlobStore, now: Callable[[], datetime] = _now) -> None:
        self.store = store
        self.blobs = blobs
        self.now = now

    @cached_property
    def templates(self) -> Templates:
        # imported on first use, with the content model: listing the unfinished visits at start needs neither
        from app.models.templates import Templates

        return Templates(self.store)

    # Starting

    def start(
        self,
        enterprise_id: str,
        inspector_ids: Sequence[str],
        *,
        mode: str = "CAMPAIGN",
        purpose: str = "",
        tenant_ids: Iterable[str] = (),
        checklist: content.Checklist | None = None,
        bodycam: str = "",
    ) -> str:
        """Open an inspection of an enterprise (and, for a landlord, the tenants visited on the same trip), with the
        body camera's reference when one is typed."""
        vocab.require_code("inspection_modes", mode, "mode")
        inspector_ids = list(dict.fromkeys(inspector_ids))
        if not inspector_ids:
            raise ValidationError(
                "inspection.no_inspector", "请至少选择一名执法人员", "Choose at least one inspector"
            )
        with self.store.transaction():
            self.store.require("enterprise", enterprise_id)
            for inspector_id in inspector_ids:
                self.store.require("inspector", inspector_id)
            template_id = (
                self.templates.install_checklist(checklist) if checklist else self.templates.current_checklist_id()
            )
            inspection_id = self.store.insert(
                "inspection",
                {
                    "enterprise_id": enterprise_id,
                    "template_id": template_id,
                    "mode": mode,
                    "purpose": purpose.strip() or vocab.label("inspection_modes", mode),
                    "status": "IN_PROGRESS",
                    "started_at": self.now().isoformat(),
                },
            )
            for n, inspector_id in enumerate(inspector_ids):
                self.store.insert(
                    "inspection_inspector",
                    {
                        "inspection_id": inspection_id,
                        "inspector_id": inspector_id,
                        "role": "lead" if n == 0 else "member",
                    },
                )
            for target in dict.fromkeys([enterprise_id, *tenant_ids]):
                self.add_target(inspection_id, target)
            if bodycam.strip():
                self.set_bodycam(inspection_id, bodycam)
        return inspection_id

    def add_target(self, inspection_id: str, enterprise_id: str) -> str:
        with self.store.transaction():
            self._open(inspection_id)
            self.store.require("enterprise", enterprise_id)
            existing = self.store.db.conn.execute(
                "SELECT id FROM inspection_target WHERE inspection_id = ? AND enterprise_id = ? AND deleted = 0",
                (inspection_id, enterprise_id),
            ).fetchone()
            if existing:
                return str(existing[0])
            return self.store.insert(
                "inspection_target", {"inspection_id": inspection_id, "enterprise_id": enterprise_id}
            )

    def add_inspector(self, inspection_id: str, inspector_id: str) -> None:
        with self.store.transaction():
            self._open(inspection_id)
            self.store.require("inspector", inspector_id)
            if inspector_id not in self.inspector_ids(inspection_id):
                self.store.insert(
                    "inspection_inspector", {"inspection_id": inspection_id, "inspector_id": inspector_id}
                )

    def set_position(self, inspection_id: str, enterprise_id: str, item_code: str) -> None:
        """Remember the item on screen, so a restart resumes there (local to this laptop: a cursor, not a fact)."""
        with self.store.transaction():
            self._open(inspection_id)
            self._put_position(inspection_id, enterprise_id, item_code)

    def _put_position(self, inspection_id: str, enterprise_id: str, item_code: str) -> None:
        self.store.db.conn.execute(
            "INSERT INTO inspection_position (inspection_id, enterprise_id, item_code) VALUES (?, ?, ?) "
            "ON CONFLICT (inspection_id) DO UPDATE SET enterprise_id = excluded.enterprise_id, "
            "item_code = excluded.item_code",
            (inspection_id, enterprise_id, item_code),
        )

    def position(self, inspection_id: str) -> tuple[str, str] | None:
        row = self.store.db.conn.execute(
            "SELECT enterprise_id, item_code FROM inspection_position WHERE inspection_id = ?", (inspection_id,)
        ).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def set_bodycam(
        self, inspection_id: str, ref: str | None, start: str | None = None, end: str | None = None
    ) -> None:
        """执法记录仪: the body camera's file or device id and the recorded time span (HH:MM or ISO times)."""
        with self.store.transaction():
            self._open(inspection_id)
            self.store.update(
                "inspection",
                inspection_id,
                {"bodycam_ref": (ref or "").strip() or None, "bodycam_from": start or None, "bodycam_to": end or None},
            )

    def unfinished(self) -> list[dict[str, Any]]:
        """Inspections still in progress on this laptop, newest first: offered for resuming at start-up."""
        return self.list(status="IN_PROGRESS", limit=-1)

    # Reading

    def get(self, inspection_id: str) -> dict[str, Any]:
        return self.store.require("inspection", inspection_id)

    def resolve(self, ref: str) -> str:
        """An inspection id from a full id or a unique prefix of one (ids are long to type)."""
        ref = ref.strip()
        rows = (
            self.store.db.conn.execute(
                "SELECT id FROM inspection WHERE substr(id, 1, ?) = ? AND deleted = 0 LIMIT 2", (len(ref), ref)
            ).fetchall()
            if ref
            else []
        )
        if not rows:
            raise NotFoundError("inspection.not_found", "找不到检查：{ref}", "No such inspection: {ref}", ref=ref)
        if len(rows) > 1:
            raise NotFoundError(
                "inspection.ambiguous",
                "有多个检查以 {ref} 开头，请多写几位",
                "Several inspections start with {ref}; type more of the id",
                ref=ref,
            )
        return str(rows[0][0])

    def checklist(self, inspection_id: str) -> content.Checklist:
        return self.templates.checklist(self.get(inspection_id)["template_id"])

    def inspector_ids(self, inspection_id: str) -> list[str]:
        rows = self.store.db.conn.execute(
            "SELECT inspector_id FROM inspection_inspector WHERE inspection_id = ? AND deleted = 0 ORDER BY id",
            (inspection_id,),
        )
        return [r[0] for r in rows]

    def inspectors(self, inspection_id: str) -> list[dict[str, Any]]:
        return self.store.query(
            """SELECT i.*, ii.role AS team_role FROM inspection_inspector ii JOIN inspector i ON i.id = ii.inspector_id
               WHERE ii.inspection_id = ? AND ii.deleted = 0 ORDER BY ii.id""",
            (inspection_id,),
        )

    def target_ids(self, inspection_id: str) -> list[str]:
        rows = self.store.db.conn.execute(
            "SELECT enterprise_id FROM inspection_target WHERE inspection_id = ? AND deleted = 0 ORDER BY id",
            (inspection_id,),
        )
        return [r[0] for r in rows]

    def applicable_items(self, inspection_id: str, enterprise_id: str) -> list[content.ChecklistItem]:
        return applicable_items_for(self.checklist(inspection_id), self.store.require("enterprise", enterprise_id))

    def results(self, inspection_id: str, enterprise_id: str | None = None) -> dict[tuple[str, str], dict[str, Any]]:
        """Item results keyed by (enterprise id, item code)."""
        sql = "SELECT * FROM item_result WHERE inspection_id = ? AND deleted = 0"
        params: tuple[Any, ...] = (inspection_id,)
        if enterprise_id:
            sql += " AND enterprise_id = ?"
            params += (enterprise_id,)
        return {(r["enterprise_id"], r["item_code"]): r for r in self.store.query(sql, params)}

    def hazards(self, inspection_id: str, include_void: bool = False) -> list[dict[str, Any]]:
        sql = "SELECT * FROM hazard WHERE inspection_id = ? AND deleted = 0"
        if not include_void:
            sql += " AND status != 'VOID'"
        return self.store.query(sql + " ORDER BY id", (inspection_id,))

    def hazard(self, hazard_id: str) -> dict[str, Any]:
        return self.store.require("hazard", hazard_id)

    def found_at(self, hazard: Mapping[str, Any]) -> str:
        """The enterprise whose item the hazard was found on (the one responsible may be its landlord instead)."""
        result = self.store.get("item_result", hazard["item_result_id"]) if hazard["item_result_id"] else None
        return str(result["enterprise_id"] if result else hazard["enterprise_id"])

    def hazard_list(self, *, open_only: bool = True, limit: int = 2000) -> list[dict[str, Any]]:
        """Hazards of every inspection with the responsible enterprise's name: major first, then by deadline."""
        where = "h.deleted = 0 AND h.status != 'VOID'" + (" AND h.status NOT IN ('CLOSED')" if open_only else "")
        return self.store.query(
            f"""SELECT h.*, e.name AS enterprise_name FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id
                WHERE {where} ORDER BY h.grade = 'MAJOR' DESC, coalesce(h.deadline, '9999'), h.id LIMIT ?""",
            (limit,),
        )

    def photos(self, *, item_result_id: str | None = None, hazard_id: str | None = None,
               stage: str | None = None) -> list[dict[str, Any]]:
        """The live photos of an item result or a hazard, of one stage (BEFORE / AFTER) or both."""
        column, value = ("item_result_id", item_result_id) if item_result_id else ("hazard_id", hazard_id)
        if stage:
            return self.store.query(
                f"SELECT * FROM photo WHERE {column} = ? AND stage = ? AND deleted = 0 ORDER BY id", (value, stage)
            )
        return self.store.query(f"SELECT * FROM photo WHERE {column} = ? AND deleted = 0 ORDER BY id", (value,))

    def list(
        self, enterprise_id: str | None = None, limit: int = 200, status: str | None = None
    ) -> list[dict[str, Any]]:
        """The newest `limit` inspections (-1: all), of one enterprise and in one status when given."""
        # last_hlc / last_device: the newest entry of the inspection row, which says whether it has been sent
        sql = """SELECT i.*, e.name AS enterprise_name,
                        (SELECT hlc FROM change WHERE tbl = 'inspection' AND row_id = i.id
                         ORDER BY hlc DESC LIMIT 1) AS last_hlc,
                        (SELECT device FROM change WHERE tbl = 'inspection' AND row_id = i.id
                         ORDER BY hlc DESC LIMIT 1) AS last_device
                 FROM inspection i JOIN enterprise e ON e.id = i.enterprise_id
                 WHERE i.deleted = 0"""
        params: tuple[Any, ...] = ()
        if enterprise_id:
            sql += " AND i.id IN (SELECT inspection_id FROM inspection_target WHERE enterprise_id = ? AND deleted = 0)"
            params = (enterprise_id,)
        if status:
            sql += " AND i.status = ?"
            params = (*params, status)
        return self.store.query(sql + " ORDER BY i.started_at DESC, i.id DESC LIMIT ?", (*params, limit))

    # Verdicts and hazards

    def record_verdict(
        self, inspection_id: str, enterprise_id: str, item_code: str, verdict: str, note: str | None = None
    ) -> VerdictOutcome:
        """Give one item its verdict. NONCOMPLIANT creates (or revives) the item's hazard, prefilled from the
        checklist; moving away from NONCOMPLIANT voids it, keeping its photos for the record."""
        vocab.require_code("verdicts", verdict, "verdict")
        note = (note or "").strip() or None
        if verdict in ("NONCOMPLIANT", "NOT_APPLICABLE") and not note:
            raise ValidationError(
                "verdict.note_required",
                "“{verdict}”须填写说明",
                "A “{verdict}” verdict needs a note",
                verdict=vocab.label("verdicts", verdict),
            )
        with self.store.transaction():
            self.require_open_target(inspection_id, enterprise_id)
            item = self._item(inspection_id, enterprise_id, item_code)
            current = self.results(inspection_id, enterprise_id).get((enterprise_id, item_code))
            values = {"verdict": verdict, "note": note}
            if current:
                result_id = current["id"]
                self.store.update("item_result", result_id, values)
            else:
                result_id = self.store.put_natural(
                    "item_result",
                    (inspection_id, enterprise_id, item_code),
                    {"inspection_id": inspection_id, "enterprise_id": enterprise_id, "item_code": item_code, **values},
                )
            self._put_position(inspection_id, enterprise_id, item_code)
            hazard = self.item_hazard(result_id)
            if verdict == "NONCOMPLIANT":
                if hazard is None:
                    hazard_id = self._create_hazard(inspection_id, enterprise_id, item, result_id, note or "")
                else:
                    hazard_id = hazard["id"]
                    if hazard["status"] == "VOID":
                        self.store.update("hazard", hazard_id, {"status": "OPEN", "void_reason": None})
                return VerdictOutcome(result_id, hazard_id)
            if hazard is not None and hazard["status"] != "VOID":
                self.store.update(
                    "hazard",
                    hazard["id"],
                    {"status": "VOID", "void_reason": f"检查结论改为“{vocab.label('verdicts', verdict)}”"},
                )
            return VerdictOutcome(result_id, None)

    def save_note(self, inspection_id: str, enterprise_id: str, item_code: str, note: str) -> str:
        """Keep a note typed before (or without changing) the verdict; the item stays unanswered until it has one.

        A NONCOMPLIANT or NOT_APPLICABLE verdict keeps needing its note, so clearing it there is refused."""
        note = note.strip()
        with self.store.transaction():
            self._open(inspection_id)
            self._item(inspection_id, enterprise_id, item_code)
            current = self.results(inspection_id, enterprise_id).get((enterprise_id, item_code))
            if current and current["verdict"]:
                return self.record_verdict(
                    inspection_id, enterprise_id, item_code, current["verdict"], note
                ).item_result_id
            if current:
                self.store.update("item_result", current["id"], {"note": note or None})
                return str(current["id"])
            return self.store.insert(
                "item_result",
                {
                    "inspection_id": inspection_id,
                    "enterprise_id": enterprise_id,
                    "item_code": item_code,
                    "note": note or None,
                },
            )

    def _item(self, inspection_id: str, enterprise_id: str, item_code: str) -> content.ChecklistItem:
        for item in self.applicable_items(inspection_id, enterprise_id):
            if item.code == item_code:
                return item
        raise NotFoundError(
            "verdict.unknown_item",
            "检查表中没有适用于该企业的事项 {item}",
            "The checklist has no item {item} for this enterprise",
            item=item_code,
        )

    def item_hazard(self, item_result_id: str) -> dict[str, Any] | None:
        """The hazard an item result created (one per result: a void one is revived, not duplicated)."""
        rows = self.store.query(
            "SELECT * FROM hazard WHERE item_result_id = ? AND deleted = 0 ORDER BY id LIMIT 1", (item_result_id,)
        )
        return rows[0] if rows else None

    def _create_hazard(
        self, inspection_id: str, enterprise_id: str, item: content.ChecklistItem, result_id: str, note: str
    ) -> str:
        grade = "MAJOR" if item.major == "YES" else "GENERAL"
        today = self.now().date()
        checklist_working_days = self.checklist(inspection_id).deadline_working_days
        principal = self.store.query(
            "SELECT name, phone FROM person WHERE enterprise_id = ? AND role = 'principal' AND deleted = 0 LIMIT 1",
            (enterprise_id,),
        )
        return self.store.insert(
            "hazard",
            {
                "inspection_id": inspection_id,
                "item_result_id": result_id,
                "item_code": item.code,
                "source": "ENFORCEMENT",
                "enterprise_id": enterprise_id,
                "description": note,
                "grade": grade,
                "major_basis": item.major_basis or None if grade == "MAJOR" else None,
                "legal_refs": list(item.basis),
                "measure": item.default_measure_zh,
                "deadline": deadline_for(
                    today, item.default_deadline_days.for_grade(grade), checklist_working_days
                ).date.isoformat(),
                "responsible_person": principal[0]["name"] if principal else None,
                "responsible_phone": principal[0]["phone"] if principal else None,
                "status": "OPEN",
                "created_at": self.now().isoformat(),
            },
        )

    def update_hazard(self, hazard_id: str, **fields: Any) -> dict[str, Any]:
        unknown = set(fields) - set(HAZARD_EDITABLE)
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        with self.store.transaction():
            hazard = self.store.require("hazard", hazard_id)
            if hazard["status"] in ("CLOSED", "VOID"):
                raise ValidationError(
                    "hazard.closed",
                    "隐患已{status}，不能再修改",
                    "The hazard is {status} and can no longer be edited",
                    status=vocab.label("hazard_statuses", hazard["status"]),
                )
            if "grade" in fields:
                vocab.require_code("hazard_grades", fields["grade"], "grade")
            if "description" in fields and not (fields["description"] or "").strip():
                raise ValidationError("hazard.description", "隐患描述不能为空", "The hazard needs a description")
            if fields.get("deadline") is not None:
                fields["deadline"] = _iso_date(fields["deadline"])
                if fields["deadline"] < self.now().date().isoformat():
                    raise ValidationError(
                        "hazard.deadline_past",
                        "整改期限 {deadline} 早于今天",
                        "The deadline {deadline} is before today",
                        deadline=fields["deadline"],
                    )
            if fields.get("rectified_on_site"):
                fields["deadline"] = None
            return self.store.update("hazard", hazard_id, fields)

    # Photos

    def attach_photo(
        self,
        source: Path | bytes,
        *,
        item_result_id: str | None = None,
        hazard_id: str | None = None,
        caption: str | None = None,
        name: str | None = None,
        stage: str = "BEFORE",
    ) -> str:
        """Store a photo as evidence for an item result or a hazard (original, print-size JPEG and thumbnail).

        `source` is a file, or the bytes of an image pasted from the clipboard (then `name` labels it). `stage` AFTER
        marks a hazard's photo taken after rectification (what 销号 may require)."""
        if (item_result_id is None) == (hazard_id is None):
            raise ValueError("attach to exactly one of item_result_id / hazard_id")
        if stage not in ("BEFORE", "AFTER") or (stage == "AFTER" and hazard_id is None):
            raise ValueError(f"bad photo stage {stage!r}")
        owner_id = item_result_id or hazard_id
        assert owner_id is not None
        owner = self.store.require("item_result" if item_result_id else "hazard", owner_id)
        inspection_id = owner["inspection_id"]
        if item_result_id:
            self._open(inspection_id)
        if isinstance(source, bytes):
            data, name = source, name or "clipboard.png"
        else:
            name = name or source.name
            try:
                data = source.read_bytes()
            except OSError as exc:
                raise NotFoundError(
                    "photo.unreadable",
                    "无法读取照片 {file}：{reason}",
                    "Cannot read photo {file}: {reason}",
                    file=source.name,
                    reason=exc.strerror or exc,
                ) from exc
        from app.models.images import process_photo  # PIL, imported with the first photo

        processed = process_photo(data, name=name)
        # Blobs first: an orphan blob after a crash is harmless, a row pointing at a missing blob is not.
        original = self.blobs.put(data)
        image = self.blobs.put(processed.image)
        thumb = self.blobs.put(processed.thumbnail)
        return self.store.insert(
            "photo",
            {
                "inspection_id": inspection_id,
                "item_result_id": item_result_id,
                "hazard_id": hazard_id,
                "sha256": image,
                "thumb_sha256": thumb,
                "original_sha256": original,
                "original_name": name,
                "mime": processed.mime,
                "width": processed.width,
                "height": processed.height,
                "taken_at": processed.taken_at,
                "caption": (caption or "").strip() or None,
                "added_at": self.now().isoformat(),
                **({"stage": stage} if stage != "BEFORE" else {}),
            },
        )

    def remove_photo(self, photo_id: str) -> None:
        """A tombstone: the photo leaves the record but stays in the log and the blob store (evidence is never
        destroyed)."""
        with self.store.transaction():
            photo = self.store.require("photo", photo_id)
            if photo["item_result_id"]:
                self._open(photo["inspection_id"])
            self.store.delete("photo", photo_id)

    # Completion

    def missing_items(self, inspection_id: str) -> builtins.list[tuple[str, str]]:
        """(enterprise id, item code) of every applicable item still without a verdict, in checklist order."""
        if self.get(inspection_id)["mode"] == RECHECK_MODE:
            return []
        results = self.results(inspection_id)
        missing = []
        for enterprise_id in self.target_ids(inspection_id):
            for item in self.applicable_items(inspection_id, enterprise_id):
                result = results.get((enterprise_id, item.code))
                if result is None or result["verdict"] is None:
                    missing.append((enterprise_id, item.code))
        return missing

    def completion_problems(self, inspection_id: str) -> builtins.list[str]:
        problems = []
        team = len(self.inspector_ids(inspection_id))
        if team < MIN_INSPECTORS:
            problems.append(
                localized(
                    "执法人员只有 {n} 名，至少需要 {min} 名",
                    "Only {n} inspector(s) on the team; at least {min} are required",
                ).format(n=team, min=MIN_INSPECTORS)
            )
        missing = self.missing_items(inspection_id)
        if missing:
            codes = "、".join(code for _, code in missing[:8]) + ("…" if len(missing) > 8 else "")
            problems.append(
                localized(
                    "还有 {n} 项未给出检查结论：{codes}",
                    "{n} item(s) still have no verdict: {codes}",
                ).format(n=len(missing), codes=codes)
            )
        return problems

    def complete(self, inspection_id: str) -> None:
        with self.store.transaction():
            if self._open(inspection_id)["mode"] == RECHECK_MODE:
                raise ValidationError(
                    "inspection.is_recheck",
                    "复查在复查页面中完成（签署整改复查意见书后）",
                    "A re-inspection is finished on its own page, once the re-check opinion is signed",
                )
            problems = self.completion_problems(inspection_id)
            if problems:
                raise ValidationError(
                    "inspection.incomplete",
                    "检查尚不能结束：{reasons}",
                    "The inspection cannot be completed yet: {reasons}",
                    reasons="；".join(problems),
                )
            self.store.update("inspection", inspection_id, {"status": "COMPLETED", "ended_at": self.now().isoformat()})

    def require_open_target(self, inspection_id: str, enterprise_id: str) -> None:
        """The inspection is still in progress and the enterprise is one of its targets."""
        self._open(inspection_id)
        if enterprise_id not in self.target_ids(inspection_id):
            raise ValidationError(
                "verdict.not_target", "该企业不在本次检查对象中", "That enterprise is not a target of this inspection"
            )

    def _open(self, inspection_id: str) -> dict[str, Any]:
        inspection = self.get(inspection_id)
        if inspection["status"] != "IN_PROGRESS":
            raise ValidationError(
                "inspection.closed",
                "该检查已结束，不能再修改",
                "This inspection is finished and can no longer be changed",
            )
        return inspection


def _iso_date(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValidationError(
            "date.invalid",
            "日期格式不正确：{value}（应为 YYYY-MM-DD）",
            "Invalid date: {value} (use YYYY-MM-DD)",
            value=value,
        ) from None
