"""The re-inspection (复查) of an enterprise's hazards: an inspection of mode RECHECK whose lines say, per hazard,
已整改 / 部分整改 / 未整改, with a note, after-photos on the hazard, and for a hazard not fixed what follows — a new
deadline or escalation (domain brief §5.3).

The lines are saved as they are typed (a crash loses nothing). The officers issue and sign the 整改复查意见书 from
them (its hazards, results and the document re-checked come from `opinion_args`); `finish` then turns every line
into the hazard's transition through HazardFlow — rectified: 销号 with the signed opinion; not rectified: back to
整改中 with the new deadline, or escalated — and completes the inspection, all in one transaction: either every
hazard moved or none did.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import date
from typing import Any

from app.errors import ValidationError, localized
from app.models import vocab
from app.models.hazard_flow import SIGNED_STATES, HazardFlow
from app.models.inspections import RECHECK_MODE, Inspections
from app.models.store import Store

RESULTS = ("FIXED", "PARTLY", "NOT_FIXED")
FOLLOWUPS = ("NEW_DEADLINE", "ESCALATE")
# The documents whose hazards a re-inspection re-checks, the one it names first (the order, else the decision,
# else the record).
REFERENCED = ("ORDER", "DECISION", "RECORD")


def _refused(code: str, zh: str, en: str, **params: object) -> ValidationError:
    return ValidationError(f"reinspection.{code}", zh, en, **params)


class Reinspections:
    def __init__(self, inspections: Inspections, flow: HazardFlow) -> None:
        self.inspections = inspections
        self.flow = flow
        self.store: Store = inspections.store

    # What is due

    def recheckable_states(self) -> tuple[str, ...]:
        """The states a re-check may start from (those of the lifecycle's recheck actions)."""
        actions = self.flow.lifecycle.actions
        return tuple(sorted({s for name in ("recheck_pass", "recheck_fail") for s in actions[name].sources}))

    def due(self, enterprise_id: str) -> builtins.list[dict[str, Any]]:
        """The enterprise's hazards a re-inspection can re-check, the earliest deadline first (reported rectified
        ones before the rest on the same day)."""
        states = self.recheckable_states()
        marks = ", ".join("?" * len(states))
        return self.store.query(
            f"""SELECT * FROM hazard WHERE enterprise_id = ? AND deleted = 0 AND status IN ({marks})
                ORDER BY coalesce(deadline, '9999'), status != 'SUBMITTED', id""",
            (enterprise_id, *states),
        )

    # The visit

    def start(self, enterprise_id: str, inspector_ids: Sequence[str], hazard_ids: Sequence[str] | None = None,
              *, bodycam: str = "") -> str:
        """Open a re-inspection of the enterprise for `hazard_ids` (default: every hazard due)."""
        due = {h["id"]: h for h in self.due(enterprise_id)}
        chosen = list(dict.fromkeys(hazard_ids)) if hazard_ids is not None else list(due)
        if not chosen:
            raise _refused("nothing_due", "该企业没有待复查的隐患", "The enterprise has no hazard to re-check")
        for hazard_id in chosen:
            if hazard_id not in due:
                raise _refused("not_due", "隐患 {hazard} 不属于该企业的待复查隐患", "Hazard {hazard} is not one of the "
                               "enterprise's hazards to re-check", hazard=hazard_id[:8])
        with self.store.transaction():
            inspection_id = self.inspections.start(enterprise_id, inspector_ids, mode=RECHECK_MODE, bodycam=bodycam)
            for hazard_id in chosen:
                self.store.insert("recheck_line", {"inspection_id": inspection_id, "hazard_id": hazard_id})
        return inspection_id

    def lines(self, inspection_id: str) -> builtins.list[dict[str, Any]]:
        """The lines with their hazard (`hazard`) and its count of after-photos (`after_photos`), in start order."""
        rows = self.store.query(
            "SELECT * FROM recheck_line WHERE inspection_id = ? AND deleted = 0 ORDER BY id", (inspection_id,)
        )
        for row in rows:
            row["hazard"] = self.store.require("hazard", row["hazard_id"])
            row["after_photos"] = len(self.inspections.photos(hazard_id=row["hazard_id"], stage="AFTER"))
        return rows

    def record(self, line_id: str, *, result: str | None = None, note: str | None = None,
               followup: str | None = None, new_deadline: date | None = None) -> None:
        """Save what was typed for one line (only the arguments given; "" clears the note)."""
        values: dict[str, Any] = {}
        if result is not None:
            vocab.require_code("recheck_results", result, "result")
            values["result"] = result
            if result == "FIXED":
                values.update(followup=None, new_deadline=None)
        if followup is not None:
            vocab.require_code("recheck_followups", followup, "followup")
            values["followup"] = followup
        if new_deadline is not None:
            values["new_deadline"] = new_deadline.isoformat()
        if note is not None:
            values["note"] = " ".join(note.split()) or None
        with self.store.transaction():
            line = self.store.require("recheck_line", line_id)
            self._open(line["inspection_id"])
            signed = self.opinion(line["inspection_id"])
            if signed is not None and signed["status"] in SIGNED_STATES:
                raise _refused("signed", "整改复查意见书 {doc_no} 已签名，复查结论不能再改；如需更正，请先作废该意见书",
                               "The re-check opinion {doc_no} is signed: its results can no longer change; void it "
                               "first to correct them", doc_no=signed["doc_no"] or "")
            if values:
                self.store.update("recheck_line", line_id, values)

    # Checks before the opinion and the end

    def problems(self, inspection_id: str) -> builtins.list[str]:
        """What still stands between the lines and the end of the re-inspection, one sentence each."""
        today, recheckable = self.flow.today(), self.recheckable_states()
        problems = []
        for n, line in enumerate(self.lines(inspection_id), 1):
            result, followup = line["result"], line["followup"]
            if line["hazard"]["status"] not in recheckable:
                problems.append(_say("第 {n} 项隐患现为“{status}”，已不能复查（可能已在另一台电脑上处理）",
                                     "Hazard {n} is now {status}: it can no longer be re-checked (perhaps handled on "
                                     "another laptop)", n=n, status=vocab.label("hazard_statuses",
                                                                                 line["hazard"]["status"])))
            elif result is None:
                problems.append(_say("第 {n} 项隐患还没有复查结论", "Hazard {n} has no re-check result yet", n=n))
            elif result == "FIXED":
                if self.flow.lifecycle.after_photo and not line["after_photos"]:
                    problems.append(_say("第 {n} 项隐患已整改，须附整改后的照片",
                                         "Hazard {n} is rectified: add a photo taken after rectification", n=n))
            elif followup is None:
                problems.append(_say("第 {n} 项隐患未整改完毕，请选择重新限期整改或升级处理",
                                     "Hazard {n} is not fully rectified: choose a new deadline or escalation", n=n))
            elif followup == "NEW_DEADLINE" and not (line["new_deadline"] and line["new_deadline"] > today.isoformat()):
                problems.append(_say("第 {n} 项隐患须给出晚于今天的新整改期限",
                                     "Hazard {n} needs a new deadline after today", n=n))
            elif followup == "ESCALATE" and "escalate" not in self.flow.lifecycle.allowed(line["hazard"]["status"]):
                problems.append(_say("第 {n} 项隐患当前不能升级处理，请重新限期整改",
                                     "Hazard {n} cannot be escalated now: give it a new deadline", n=n))
            elif followup == "ESCALATE" and not line["note"]:
                problems.append(_say("第 {n} 项隐患升级处理，请在说明中写明理由",
                                     "Hazard {n} is escalated: give the reason in the note", n=n))
        return problems

    def _require_ready(self, inspection_id: str) -> None:
        problems = self.problems(inspection_id)
        if problems:
            raise _refused("not_ready", "复查尚未完成：{reasons}", "The re-inspection is not finished: {reasons}",
                           reasons="；".join(problems))

    # The 整改复查意见书

    def opinion_args(self, inspection_id: str) -> dict[str, Any]:
        """What Documents.issue("RECHECK", inspection_id, **args) needs: the enterprise, the hazards with their
        results and notes, and the document re-checked (number, date, title) — refused while a line is unfinished
        or when none of the hazards' inspections has a signed document to refer to."""
        self._require_ready(inspection_id)
        lines = self.lines(inspection_id)
        found_in = list(dict.fromkeys(line["hazard"]["inspection_id"] for line in lines))
        marks = ", ".join("?" * len(found_in))
        reference = None
        for doc_type in REFERENCED:
            rows = self.store.query(
                f"""SELECT doc_no, created_at FROM document WHERE doc_type = ? AND inspection_id IN ({marks})
                    AND enterprise_id = ? AND deleted = 0 AND status IN ({', '.join('?' * len(SIGNED_STATES))})
                    ORDER BY created_at DESC LIMIT 1""",
                (doc_type, *found_in, self.inspections.get(inspection_id)["enterprise_id"], *SIGNED_STATES),
            )
            if rows:
                reference = (doc_type, rows[0])
                break
        if reference is None:
            raise _refused("no_reference",
                           "被复查的隐患没有已签名的整改指令书、现场处理措施决定书或现场检查记录可供引用",
                           "The hazards re-checked have no signed order, decision or record to refer to")
        doc_type, row = reference
        return {
            "enterprise_id": self.inspections.get(inspection_id)["enterprise_id"],
            "hazard_ids": [line["hazard_id"] for line in lines],
            "results": {line["hazard_id"]: (line["result"], _printed_note(line)) for line in lines},
            "reference_no": row["doc_no"],
            "reference_date": date.fromisoformat(str(row["created_at"])[:10]),
            "reference_title": vocab.vocab()["document_types"][doc_type]["zh"],
        }

    def opinion(self, inspection_id: str) -> dict[str, Any] | None:
        """The re-inspection's live 整改复查意见书, the newest first (None before one is issued)."""
        rows = self.store.query(
            "SELECT * FROM document WHERE inspection_id = ? AND doc_type = 'RECHECK' AND deleted = 0 "
            "AND status != 'VOID' ORDER BY created_at DESC, id DESC LIMIT 1", (inspection_id,),
        )
        return rows[0] if rows else None

    # The end

    def finish(self, inspection_id: str) -> None:
        """Every line becomes its hazard's transition, then the inspection is completed (one transaction)."""
        with self.store.transaction():
            self._open(inspection_id)
            self._require_ready(inspection_id)
            document = self.opinion(inspection_id)
            if document is None or document["status"] not in SIGNED_STATES:
                raise _refused("unsigned", "请先出具并签署整改复查意见书", "Issue and sign the re-check opinion first")
            officer = self.inspections.inspector_ids(inspection_id)[0]
            for line in self.lines(inspection_id):
                hazard_id, note = line["hazard_id"], line["note"]
                if line["result"] == "FIXED":
                    self.flow.recheck(hazard_id, officer, passed=True, document_id=document["id"])
                elif line["followup"] == "ESCALATE":
                    self.flow.escalate(hazard_id, officer, note or "")
                else:
                    self.flow.recheck(hazard_id, officer, passed=False, reason=note,
                                      new_deadline=date.fromisoformat(line["new_deadline"]))
            self.store.update("inspection", inspection_id,
                              {"status": "COMPLETED", "ended_at": self.inspections.now().isoformat()})

    def _open(self, inspection_id: str) -> dict[str, Any]:
        inspection = self.inspections.get(inspection_id)
        if inspection["mode"] != RECHECK_MODE:
            raise _refused("not_recheck", "这不是一次复查", "This inspection is not a re-inspection")
        if inspection["status"] != "IN_PROGRESS":
            raise _refused("closed", "该复查已结束，不能再修改",
                           "This re-inspection is finished and can no longer be changed")
        return inspection


def _printed_note(line: dict[str, Any]) -> str:
    """The note as the opinion prints it: with what follows for a hazard not rectified (documents are Chinese)."""
    parts = [line["note"] or ""]
    if line["result"] != "FIXED" and line["followup"]:
        follows = vocab.vocab()["recheck_followups"][line["followup"]]["zh"]
        if line["followup"] == "NEW_DEADLINE":
            follows += f"（{line['new_deadline']} 前）"
        parts.append(follows)
    return "；".join(p for p in parts if p)


def _say(zh: str, en: str, **params: object) -> str:
    return localized(zh, en).format(**params)


__all__ = ["FOLLOWUPS", "REFERENCED", "RESULTS", "Reinspections"]
