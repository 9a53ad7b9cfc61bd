"""A hazard followed from found to 销号: the transitions of domain brief §5.3, with the rules in
resources/hazards/lifecycle.toml.

Every transition is one transaction through the Store, so the change log says who made it, when and on which device,
and two laptops' transitions of the same hazard merge by the sync rules (a status changed on both surfaces as a
conflict). A transition the rules do not allow is refused with a `ValidationError` saying why, and writes nothing.

OVERDUE is derived, never stored as the status: a hazard is overdue the day after its deadline while it is in one of
the configured states; `note_overdue` records the first day it was seen so, for statistics.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.errors import ContentError, ValidationError
from app.models import vocab
from app.models.datafile import read_toml
from app.models.store import Store
from app.resources import resource_path

REQUIREMENTS = frozenset({
    "officer", "reason", "evidence", "recheck_doc", "on_site_record", "after_photo", "new_deadline", "major",
    "listing", "plan", "department", "feedback",
})
CLOSURES = ("ON_SITE", "RECHECK", "DELISTED", "TRANSFER")
LISTING_LEVELS = ("TOWNSHIP", "DISTRICT", "CITY", "PROVINCE")
SIGNED_STATES = ("SIGNED", "SERVED")  # a document that is in force (signed, and maybe served)


@dataclass(frozen=True)
class Action:
    name: str
    sources: tuple[str, ...]
    target: str
    requires: tuple[str, ...]  # checked in this order: the first unmet one is the reason given
    closure: str | None = None


@dataclass(frozen=True)
class Step:
    """What a user gives with a transition; each action reads what it needs (HazardFlow.perform)."""

    officer: str = ""
    text: str = ""  # the reason, evidence, plan or feedback
    document: str | None = None
    deadline: date | None = None
    listing: Listing | None = None
    department: str = ""


@dataclass(frozen=True)
class Lifecycle:
    actions: Mapping[str, Action]
    after_photo: bool
    recheck_within_days: int
    overdue_states: frozenset[str]
    max_extension_days: int

    def allowed(self, status: str) -> list[str]:
        """The actions that may start from `status`, in file order."""
        return [a.name for a in self.actions.values() if status in a.sources]

    def is_overdue(self, status: str, deadline: str | None, on: date) -> bool:
        """Past its (inclusive) deadline while still to be fixed: the one definition of overdue."""
        return bool(deadline) and status in self.overdue_states and str(deadline) < on.isoformat()

    def still_to_fix_sql(self, alias: str = "h") -> tuple[str, list[str]]:
        """SQL for "in a state where the deadline runs" on hazard `alias`, with its parameters."""
        states = sorted(self.overdue_states)
        return f"{alias}.status IN ({', '.join('?' * len(states))})", states

    def overdue_sql(self, on: date, alias: str = "h") -> tuple[str, list[str]]:
        """SQL for is_overdue on hazard `alias`, with its parameters."""
        to_fix, params = self.still_to_fix_sql(alias)
        return f"{alias}.deadline < ? AND {to_fix}", [on.isoformat(), *params]


def load_lifecycle(path: Path | None = None) -> Lifecycle:
    path = path or resource_path("hazards", "lifecycle.toml")
    data = read_toml(path)
    statuses = set(vocab.codes("hazard_statuses"))

    def fail(field: str, zh: str, en: str) -> ContentError:
        return ContentError(path.name, field, zh, en)

    actions: dict[str, Action] = {}
    for name, raw in (data.get("actions") or {}).items():
        sources, target = raw.get("from"), raw.get("to")
        requires = raw.get("requires", [])
        if not (isinstance(sources, list) and sources and set(sources) <= statuses):
            raise fail(f"actions.{name}.from", "须为隐患状态的列表", "must be a list of hazard statuses")
        if target not in statuses:
            raise fail(f"actions.{name}.to", "须为隐患状态", "must be a hazard status")
        if not (isinstance(requires, list) and set(requires) <= REQUIREMENTS):
            raise fail(f"actions.{name}.requires", f"未知的条件（可用：{'、'.join(sorted(REQUIREMENTS))}）",
                       f"unknown requirement (known: {', '.join(sorted(REQUIREMENTS))})")
        closure = raw.get("closure")
        if (target == "CLOSED") != (closure in CLOSURES):
            raise fail(f"actions.{name}.closure", "销号的动作须注明销号方式，其他动作不得注明",
                       "an action that closes names its closure type, and only such an action")
        actions[name] = Action(name, tuple(sources), str(target), tuple(requires), closure)
    if not actions:
        raise fail("actions", "缺少或为空", "missing or empty")
    closure, overdue, extension = data.get("closure", {}), data.get("overdue", {}), data.get("extension", {})
    within, max_days = closure.get("recheck_within_days"), extension.get("max_days")
    if not (type(within) is int and within > 0):
        raise fail("closure.recheck_within_days", "须为正整数", "must be a positive whole number")
    if not (type(max_days) is int and max_days > 0):
        raise fail("extension.max_days", "须为正整数", "must be a positive whole number")
    states = overdue.get("states")
    if not (isinstance(states, list) and set(states) <= statuses):
        raise fail("overdue.states", "须为隐患状态的列表", "must be a list of hazard statuses")
    return Lifecycle(actions, bool(closure.get("after_photo", True)), within, frozenset(states), max_days)


@lru_cache(maxsize=1)
def shipped_lifecycle() -> Lifecycle:
    return load_lifecycle()


@dataclass(frozen=True)
class Listing:
    """挂牌督办: who lists the hazard, at which level, with which notice, on which day."""

    level: str
    body: str
    notice_no: str
    listed_on: date


def _refused(code: str, zh: str, en: str, **params: object) -> ValidationError:
    return ValidationError(f"hazard_flow.{code}", zh, en, **params)


def _text(value: str | None) -> str | None:
    return " ".join((value or "").split()) or None


class HazardFlow:
    """The transitions of one installation's hazards (a Workspace service)."""

    def __init__(self, store: Store, today: Callable[[], date] = date.today,
                 lifecycle: Lifecycle | None = None) -> None:
        self.store = store
        self.today = today
        self.lifecycle = lifecycle or shipped_lifecycle()

    # What may be done

    def allowed(self, hazard_id: str) -> list[str]:
        return self.lifecycle.allowed(str(self.store.require("hazard", hazard_id)["status"]))

    def is_overdue(self, hazard: Mapping[str, Any], on: date | None = None) -> bool:
        return self.lifecycle.is_overdue(hazard["status"], hazard.get("deadline"), on or self.today())

    def recheck_due(self, hazard: Mapping[str, Any]) -> date | None:
        """When the re-inspection is due: within the configured days of the completion report, else of the
        deadline; None when nothing waits for one."""
        if hazard["status"] == "SUBMITTED" and hazard.get("submitted_on"):
            start = date.fromisoformat(str(hazard["submitted_on"])[:10])
        elif hazard["status"] in self.lifecycle.overdue_states and hazard.get("deadline"):
            start = date.fromisoformat(str(hazard["deadline"]))
        else:
            return None
        return start + timedelta(days=self.lifecycle.recheck_within_days)

    # Transitions

    def confirm(self, hazard_id: str, officer_id: str) -> None:
        self._apply("confirm", hazard_id, officer_id=officer_id)

    def void(self, hazard_id: str, reason: str) -> None:
        self._apply("void", hazard_id, reason=reason, fields={"void_reason": _text(reason)})

    def submit(self, hazard_id: str, evidence: str, on: date | None = None) -> None:
        """The enterprise reports the hazard rectified (what was done; after-photos go with attach_photo)."""
        self._apply("submit", hazard_id, evidence=evidence,
                    fields={"evidence_note": _text(evidence), "submitted_on": (on or self.today()).isoformat()})

    def close_on_site(self, hazard_id: str, officer_id: str) -> None:
        self._apply("close_on_site", hazard_id, officer_id=officer_id)

    def recheck(self, hazard_id: str, officer_id: str, *, passed: bool, document_id: str | None = None,
                new_deadline: date | None = None, reason: str | None = None) -> None:
        """The officers' re-check: passed closes the hazard (with the signed 整改复查意见书 `document_id`); not passed
        sends it back to OPEN with a new deadline and one more re-check counted."""
        if passed:
            self._apply("recheck_pass", hazard_id, officer_id=officer_id, document_id=document_id)
            return
        hazard = self.store.require("hazard", hazard_id)
        self._apply("recheck_fail", hazard_id, officer_id=officer_id, new_deadline=new_deadline, fields={
            "deadline": new_deadline.isoformat() if new_deadline else None,
            "recheck_count": int(hazard["recheck_count"] or 0) + 1,
            "status_reason": _text(reason), "submitted_on": None, "overdue_since": None,
        })

    def escalate(self, hazard_id: str, officer_id: str, reason: str) -> None:
        self._apply("escalate", hazard_id, officer_id=officer_id, reason=reason,
                    fields={"status_reason": _text(reason)})

    def list_for_supervision(self, hazard_id: str, officer_id: str, listing: Listing) -> None:
        self._apply("list", hazard_id, officer_id=officer_id, listing=listing, fields={
            "listing_level": listing.level, "listing_body": _text(listing.body),
            "listing_notice_no": _text(listing.notice_no), "listed_on": listing.listed_on.isoformat(),
        })

    def approve_plan(self, hazard_id: str, officer_id: str, plan: str) -> None:
        self._apply("approve_plan", hazard_id, officer_id=officer_id, plan=plan, fields={"plan_text": _text(plan)})

    def apply_delisting(self, hazard_id: str, evidence: str, on: date | None = None) -> None:
        self._apply("apply_delisting", hazard_id, evidence=evidence,
                    fields={"evidence_note": _text(evidence), "submitted_on": (on or self.today()).isoformat()})

    def review_delisting(self, hazard_id: str, officer_id: str, *, passed: bool, document_id: str | None = None,
                         reason: str | None = None) -> None:
        if passed:
            self._apply("delist_pass", hazard_id, officer_id=officer_id, document_id=document_id)
        else:
            self._apply("delist_fail", hazard_id, officer_id=officer_id, reason=reason,
                        fields={"status_reason": _text(reason)})

    def transfer(self, hazard_id: str, officer_id: str, department: str, on: date | None = None) -> None:
        self._apply("transfer", hazard_id, officer_id=officer_id, department=department, fields={
            "transfer_department": _text(department), "transferred_on": (on or self.today()).isoformat(),
        })

    def transfer_feedback(self, hazard_id: str, officer_id: str, feedback: str, *, closed: bool) -> None:
        """The receiving department answered: it dealt with the hazard (closed) or gave it back (open again)."""
        self._apply("transfer_closed" if closed else "transfer_returned", hazard_id, officer_id=officer_id,
                    feedback=feedback, fields={"transfer_feedback": _text(feedback)})

    def perform(self, action: str, hazard_id: str, step: Step) -> None:
        """The lifecycle action `action` (a name of resources/hazards/lifecycle.toml) with what the user gave: the
        one dispatch the board's dialog and the command line share."""
        calls: dict[str, Callable[[], None]] = {
            "confirm": lambda: self.confirm(hazard_id, step.officer),
            "void": lambda: self.void(hazard_id, step.text),
            "submit": lambda: self.submit(hazard_id, step.text),
            "close_on_site": lambda: self.close_on_site(hazard_id, step.officer),
            "recheck_pass": lambda: self.recheck(hazard_id, step.officer, passed=True, document_id=step.document),
            "recheck_fail": lambda: self.recheck(hazard_id, step.officer, passed=False, new_deadline=step.deadline,
                                                 reason=step.text),
            "escalate": lambda: self.escalate(hazard_id, step.officer, step.text),
            # without a listing, an empty one: refused by the "listing" requirement with its reason
            "list": lambda: self.list_for_supervision(hazard_id, step.officer,
                                                      step.listing or Listing("", "", "", self.today())),
            "approve_plan": lambda: self.approve_plan(hazard_id, step.officer, step.text),
            "apply_delisting": lambda: self.apply_delisting(hazard_id, step.text),
            "delist_pass": lambda: self.review_delisting(hazard_id, step.officer, passed=True,
                                                         document_id=step.document),
            "delist_fail": lambda: self.review_delisting(hazard_id, step.officer, passed=False, reason=step.text),
            "transfer": lambda: self.transfer(hazard_id, step.officer, step.department),
            "transfer_closed": lambda: self.transfer_feedback(hazard_id, step.officer, step.text, closed=True),
            "transfer_returned": lambda: self.transfer_feedback(hazard_id, step.officer, step.text, closed=False),
        }
        if action not in calls:
            raise ValueError(f"unknown hazard action: {action}")
        calls[action]()

    # Extensions

    def request_extension(self, hazard_id: str, new_deadline: date, reason: str, on: date | None = None) -> str:
        on = on or self.today()
        with self.store.transaction():
            hazard = self.store.require("hazard", hazard_id)
            if hazard["status"] not in self.lifecycle.overdue_states or not hazard["deadline"]:
                raise _refused("extension_state", "只有未整改且有整改期限的隐患可以申请延期",
                               "Only a hazard still to be fixed, with a deadline, can have its deadline extended")
            old = date.fromisoformat(hazard["deadline"])
            if on > old:
                raise _refused("extension_late", "整改期限 {deadline} 已过，不能再申请延期",
                               "The deadline {deadline} has passed; an extension can no longer be asked",
                               deadline=old.isoformat())
            if not old < new_deadline <= old + timedelta(days=self.lifecycle.max_extension_days):
                raise _refused("extension_date", "延期后的期限须晚于 {deadline}，且不超过 {days} 天",
                               "The new deadline must be after {deadline} and at most {days} days later",
                               deadline=old.isoformat(), days=self.lifecycle.max_extension_days)
            if not _text(reason):
                raise _refused("extension_reason", "请填写延期理由", "Give the reason for the extension")
            if self.pending_extension(hazard_id) is not None:
                raise _refused("extension_pending", "已有一项延期申请待审批", "An extension request is already waiting")
            return self.store.insert("hazard_extension", {
                "hazard_id": hazard_id, "requested_on": on.isoformat(), "old_deadline": old.isoformat(),
                "new_deadline": new_deadline.isoformat(), "reason": _text(reason),
            })

    def pending_extension(self, hazard_id: str) -> dict[str, Any] | None:
        rows = self.store.query(
            "SELECT * FROM hazard_extension WHERE hazard_id = ? AND decision IS NULL AND deleted = 0 ORDER BY id",
            (hazard_id,),
        )
        return rows[0] if rows else None

    def extensions(self, hazard_id: str) -> list[dict[str, Any]]:
        return self.store.query(
            "SELECT * FROM hazard_extension WHERE hazard_id = ? AND deleted = 0 ORDER BY id", (hazard_id,)
        )

    def decide_extension(self, extension_id: str, officer_id: str, *, approved: bool, on: date | None = None) -> None:
        """The deadline changes only when the request is approved."""
        with self.store.transaction():
            request = self.store.require("hazard_extension", extension_id)
            if request["decision"] is not None:
                raise _refused("extension_decided", "该延期申请已审批", "This extension request was already decided")
            self._require_officer(officer_id)
            self.store.update("hazard_extension", extension_id, {
                "decision": "APPROVED" if approved else "REJECTED", "decided_by": officer_id,
                "decided_on": (on or self.today()).isoformat(),
            })
            if approved:
                self.store.update("hazard", request["hazard_id"], {"deadline": request["new_deadline"]})

    # Overdue

    def overdue(self, on: date | None = None, limit: int = 100_000) -> list[dict[str, Any]]:
        """Hazards past their deadline while still to be fixed, the longest overdue first."""
        overdue, params = self.lifecycle.overdue_sql(on or self.today())
        return self.store.query(
            f"SELECT * FROM hazard h WHERE h.deleted = 0 AND {overdue} ORDER BY h.deadline, h.id LIMIT ?",
            (*params, limit),
        )

    def note_overdue(self, on: date | None = None) -> int:
        """Record the first day each overdue hazard was seen overdue (statistics); the number newly recorded."""
        overdue, params = self.lifecycle.overdue_sql(on or self.today())
        noted = 0
        with self.store.transaction():
            for hazard_id, deadline in self.store.db.conn.execute(
                f"SELECT h.id, h.deadline FROM hazard h WHERE h.deleted = 0 AND h.overdue_since IS NULL AND {overdue}",
                params,
            ).fetchall():
                try:
                    first = date.fromisoformat(deadline) + timedelta(days=1)
                except ValueError:  # a deadline a bundle garbled: nothing to date the first day by
                    continue
                self.store.update("hazard", hazard_id, {"overdue_since": first.isoformat()})
                noted += 1
        return noted

    # The rules

    def _apply(self, name: str, hazard_id: str, *, fields: Mapping[str, Any] | None = None,
               **given: Any) -> None:
        action = self.lifecycle.actions.get(name)
        if action is None:
            raise _refused(
                "no_action",
                "未配置的隐患处理动作：{action}",
                "No such hazard action is configured: {action}",
                action=name,
            )
        with self.store.transaction():
            hazard = self.store.require("hazard", hazard_id)
            if hazard["deleted"] or hazard["status"] not in action.sources:
                raise _refused(
                    "not_now",
                    "隐患当前为“{status}”，不能{action}",
                    "The hazard is {status_en}; it cannot be {action_en}",
                    status=vocab.label("hazard_statuses", hazard["status"]),
                    status_en=hazard["status"],
                    action=_ACTION_WORDS.get(name, (name, name))[0],
                    action_en=_ACTION_WORDS.get(name, (name, name))[1],
                )
            for requirement in action.requires:
                self._check(requirement, hazard, given)
            values: dict[str, Any] = {"status": action.target, **(fields or {})}
            if action.target == "CLOSED":  # who did the rest is in the change log
                values.update(
                    closure_type=action.closure,
                    closed_on=self.today().isoformat(),
                    closure_doc_id=given.get("document_id"),
                    verified_by=given.get("officer_id"),
                )
            self.store.update("hazard", hazard_id, values)

    def _check(self, requirement: str, hazard: Mapping[str, Any], given: Mapping[str, Any]) -> None:
        if requirement == "officer":
            self._require_officer(given.get("officer_id"))
        elif requirement in ("reason", "evidence", "plan", "department", "feedback"):
            if not _text(given.get(requirement)):
                zh, en = _MISSING_TEXT[requirement]
                raise _refused(f"{requirement}_missing", zh, en)
        elif requirement == "new_deadline":
            new = given.get("new_deadline")
            if not isinstance(new, date) or new <= self.today():
                raise _refused(
                    "new_deadline",
                    "未通过复查须给出晚于今天的新整改期限",
                    "A failed re-check needs a new deadline after today",
                )
        elif requirement == "major":
            if hazard["grade"] != "MAJOR":
                raise _refused(
                    "not_major", "只有重大事故隐患可以挂牌督办", "Only a major hazard is listed for supervision"
                )
        elif requirement == "listing":
            listing = given.get("listing")
            if not (
                isinstance(listing, Listing)
                and listing.level in LISTING_LEVELS
                and _text(listing.body)
                and _text(listing.notice_no)
            ):
                raise _refused(
                    "listing",
                    "挂牌督办须写明层级、督办单位和通知书编号",
                    "A listing names its level, the listing body and the notice number",
                )
        elif requirement == "recheck_doc":
            self._require_recheck_doc(hazard, given.get("document_id"))
        elif requirement == "on_site_record":
            self._require_on_site_record(hazard)
        elif requirement == "after_photo":
            if self.lifecycle.after_photo and not self._has_after_photo(str(hazard["id"])):
                raise _refused("after_photo", "销号须附整改后的照片", "Closing needs a photo taken after rectification")

    def _require_officer(self, officer_id: str | None) -> None:
        row = self.store.get("inspector", officer_id) if officer_id else None
        if row is None or row["deleted"] or not row["active"]:
            raise _refused(
                "officer",
                "须由在册的执法人员确认（不能是企业或网格员）",
                "An enrolled officer must confirm this (not the enterprise, not a grid worker)",
            )

    def _require_recheck_doc(self, hazard: Mapping[str, Any], document_id: str | None) -> None:
        document = self.store.get("document", document_id) if document_id else None
        if (
            document is None
            or document["deleted"]
            or document["doc_type"] != "RECHECK"
            or document["status"] not in SIGNED_STATES
            or document["enterprise_id"] != hazard["enterprise_id"]
        ):
            raise _refused(
                "recheck_doc",
                "销号须有该企业已签名的整改复查意见书",
                "Closing needs the enterprise's signed rectification re-check opinion",
            )

    def _require_on_site_record(self, hazard: Mapping[str, Any]) -> None:
        if not hazard["rectified_on_site"]:
            raise _refused("not_on_site", "该隐患未当场整改", "This hazard was not rectified on site")
        signed = self.store.db.conn.execute(
            f"SELECT 1 FROM document WHERE inspection_id = ? AND doc_type = 'RECORD' AND deleted = 0 "
            f"AND status IN ({', '.join('?' * len(SIGNED_STATES))}) LIMIT 1",
            (hazard["inspection_id"], *SIGNED_STATES),
        ).fetchone()
        if signed is None:
            raise _refused(
                "on_site_record",
                "当场整改的隐患须在已签名的现场检查记录中载明后才能销号",
                "A hazard fixed on site is closed once the signed on-site inspection record states it",
            )

    def _has_after_photo(self, hazard_id: str) -> bool:
        return (
            self.store.db.conn.execute(
                "SELECT 1 FROM photo WHERE hazard_id = ? AND stage = 'AFTER' AND deleted = 0 LIMIT 1", (hazard_id,)
            ).fetchone()
            is not None
        )


_ACTION_WORDS: dict[str, tuple[str, str]] = {
    "confirm": ("确认", "confirmed"),
    "void": ("作废", "voided"),
    "submit": ("报告整改完成", "reported rectified"),
    "close_on_site": ("当场整改销号", "closed as fixed on site"),
    "recheck_pass": ("复查销号", "closed on re-check"),
    "recheck_fail": ("复查", "re-checked"),
    "escalate": ("升级处理", "escalated"),
    "list": ("挂牌督办", "listed"),
    "approve_plan": ("批准治理方案", "given an approved plan"),
    "apply_delisting": ("申请摘牌", "put up for delisting"),
    "delist_pass": ("摘牌销号", "delisted"),
    "delist_fail": ("退回治理", "sent back to remediation"),
    "transfer": ("移送", "transferred"),
    "transfer_closed": ("按反馈销号", "closed on feedback"),
    "transfer_returned": ("退回", "returned"),
}
_MISSING_TEXT: dict[str, tuple[str, str]] = {
    "reason": ("请填写理由", "Give the reason"),
    "evidence": ("请说明整改情况", "Describe what was done to rectify it"),
    "plan": ("请填写治理方案", "Record the remediation plan"),
    "department": ("请填写移送的部门", "Name the department it goes to"),
    "feedback": ("请填写接收部门的反馈", "Record the receiving department's feedback"),
}


__all__ = [
    "CLOSURES",
    "LISTING_LEVELS",
    "Action",
    "HazardFlow",
    "Lifecycle",
    "Listing",
    "SIGNED_STATES",
    "Step",
    "load_lifecycle",
    "shipped_lifecycle",
]
