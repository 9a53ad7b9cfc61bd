"""Checklist templates and question banks: loading, validation, canonical form, quiz draws and scoring. No Qt.

Content ships as TOML under resources/checklists and resources/questions so that a domain owner can replace the
constructed "4+22" list or a question bank without touching code. Because those files are edited by hand, every field
is validated on load and every problem raises `ContentError` naming the file, the field path
(e.g. `items[3].default_deadline_days.MAJOR`) and the reason. The same validation runs when a template is rebuilt from
the JSON copy stored in the database, so a damaged row is reported the same way as a damaged file.

`to_dict` gives the canonical form (the TOML structure with every optional field filled in, items in display order);
`content_digest` hashes it, which is how the database recognises content it already holds.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Final, NoReturn, TypeAlias

from app.errors import ContentError, ValidationError, language
from app.models.datafile import read_toml
from app.models.vocab import codes
from app.resources import resource_path

# ---------------------------------------------------------------------------------------------------- constants

STATUSES: Final = ("CONSTRUCTED", "OFFICIAL")
MAJOR_VALUES: Final = ("YES", "CONDITIONAL", "NO")
LENIENT_VALUES: Final = ("YES", "POSSIBLE", "NO", "NA")
EVIDENCE_VALUES: Final = ("document", "photo", "interview", "measurement", "test")
GRADES: Final = ("GENERAL", "MAJOR")
# A default deadline beyond a year is a typing error: even government-listed major hazards get at most one year
# (brief §5.4).
MAX_DEADLINE_DAYS: Final = 365

SHIPPED_CHECKLIST: Final = "4plus22_v1.toml"
# Templates whose name promises a shape: the "4+22" method is 4 aspects and 22 items by definition.
TEMPLATE_SHAPES: Final[Mapping[str, tuple[int, int]]] = {"4plus22": (4, 22)}

QUIZ_KINDS: Final = ("principal", "landlord")
INTERVIEW_KINDS: Final = ("safety_officer",)
AWARENESS_KINDS: Final = ("worker",)
KINDS: Final = QUIZ_KINDS + INTERVIEW_KINDS + AWARENESS_KINDS

SINGLE, MULTI, JUDGE, ORAL, TASK = "SINGLE", "MULTI", "JUDGE", "ORAL", "TASK"
QUESTION_TYPES: Final[Mapping[str, tuple[str, ...]]] = {
    **{kind: (SINGLE, MULTI, JUDGE) for kind in QUIZ_KINDS},
    **{kind: (ORAL, TASK) for kind in INTERVIEW_KINDS},
    **{kind: (ORAL,) for kind in AWARENESS_KINDS},
}
TOPICS: Final = (
    "duties",
    "lease",
    "hazard_mgmt",
    "fire",
    "evacuation",
    "special_ops",
    "special_equipment",
    "dust",
    "confined_space",
    "chemicals",
    "electrical",
    "hot_work",
    "emergency",
    "accident_report",
    "training",
    "rights",
    "ten_must",
    "ten_forbid",
    "ten_know",
)
REGIONS: Final = ("ALL", "ZJ", "JS")
INTERVIEW_SCORES: Final = (0, 1, 2)
OPTION_KEYS: Final = "ABCDEFGH"

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_QUESTION_ID = re.compile(r"^Q-[A-Z]+-[0-9]{4}$")
_FLAG = re.compile(r"^[a-z][a-z0-9_]*$")

Answer: TypeAlias = "str | tuple[str, ...] | bool | None"
Rules: TypeAlias = "QuizRules | InterviewRules | AwarenessRules"

# ---------------------------------------------------------------------------------------------------- checklist


@dataclass(frozen=True)
class Aspect:
    code: str
    order: int
    title_zh: str
    title_en: str


@dataclass(frozen=True)
class DeadlineDays:
    general: int
    major: int

    def for_grade(self, grade: str) -> int:
        if grade not in GRADES:
            raise ValueError(f"unknown hazard grade {grade!r}")
        return self.major if grade == "MAJOR" else self.general


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    aspect: str
    order: int
    title_zh: str
    title_en: str
    applies_to: tuple[str, ...]
    checks: tuple[str, ...]
    guidance_zh: str
    evidence: tuple[str, ...]
    basis: tuple[str, ...]
    penalty: str
    major: str  # YES | CONDITIONAL | NO: whether a failure can be graded 重大隐患
    major_basis: str
    major_hint_zh: str  # for CONDITIONAL: the condition that makes a failure major
    lenient: str  # YES | POSSIBLE | NO | NA: whether 首违不罚 lists may cover it
    lenient_note: str
    default_measure_zh: str
    default_deadline_days: DeadlineDays

    def applies(self, role: str) -> bool:
        return role in self.applies_to


@dataclass(frozen=True)
class Checklist:
    code: str
    version: int
    status: str
    revised: str
    title_zh: str
    title_en: str
    source_ref: str
    notice_zh: str
    notice_en: str
    basis: tuple[str, ...]
    deadline_working_days: bool  # default deadlines count working days (holiday calendar), not calendar days
    aspects: tuple[Aspect, ...]
    items: tuple[ChecklistItem, ...]  # in display order: by aspect order, then item order
    digest: str

    def item(self, code: str) -> ChecklistItem:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    def items_of(self, aspect: str) -> tuple[ChecklistItem, ...]:
        return tuple(item for item in self.items if item.aspect == aspect)


# ---------------------------------------------------------------------------------------------------- questions


@dataclass(frozen=True)
class Option:
    key: str
    text_zh: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # SINGLE | MULTI | JUDGE | ORAL | TASK
    topics: tuple[str, ...]
    text_zh: str
    text_en: str
    options: tuple[Option, ...]
    answer: Answer  # SINGLE: key; MULTI: sorted keys; JUDGE: bool; ORAL/TASK: None
    key_points_zh: tuple[str, ...]
    scoring_zh: tuple[str, ...]  # interview only: what earns 0, 1 and 2 points
    explanation_zh: str
    basis: tuple[str, ...]
    difficulty: int
    source: str
    region: tuple[str, ...]
    applies_if: tuple[tuple[str, bool], ...]  # enterprise-profile flags, sorted by name
    critical: bool
    enabled: bool
    points: int  # from the bank's rules, so every question of a bank weighs the same


@dataclass(frozen=True)
class QuizRules:
    draw: int
    points_per_question: int
    pass_mark: int
    required_topics: tuple[tuple[str, ...], ...]  # one question from each group

    @property
    def max_score(self) -> int:
        return self.draw * self.points_per_question


@dataclass(frozen=True)
class InterviewRules:
    oral_count: int
    task_count: int
    pass_total: int
    scale_zh: tuple[str, ...]

    @property
    def count(self) -> int:
        return self.oral_count + self.task_count

    @property
    def max_total(self) -> int:
        return self.count * max(INTERVIEW_SCORES)


@dataclass(frozen=True)
class AwarenessRules:
    workers: int
    questions_per_worker: int
    required_topics: tuple[tuple[str, ...], ...]
    target: float


@dataclass(frozen=True)
class QuestionBank:
    kind: str
    version: int
    status: str
    revised: str
    title_zh: str
    title_en: str
    notice_zh: str
    rules: Rules
    questions: tuple[Question, ...]
    digest: str

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


@dataclass(frozen=True)
class Content:
    checklist: Checklist
    banks: Mapping[str, QuestionBank]

    def bank(self, kind: str) -> QuestionBank:
        return self.banks[kind]


# ---------------------------------------------------------------------------------------------------- scores


@dataclass(frozen=True)
class ScoreReason:
    code: str
    zh: str
    en: str

    @property
    def message(self) -> str:
        return self.en if language() == "en" else self.zh


@dataclass(frozen=True)
class QuizScore:
    score: int
    max_score: int
    pass_mark: int
    passed: bool
    wrong_ids: tuple[str, ...]  # unanswered questions included


@dataclass(frozen=True)
class InterviewScore:
    total: int
    max_total: int
    pass_total: int
    passed: bool
    reasons: tuple[ScoreReason, ...]  # why it failed; empty when passed


# ---------------------------------------------------------------------------------------------------- loading


def load_checklist(path: Path | None = None) -> Checklist:
    path = path or resource_path("checklists", SHIPPED_CHECKLIST)
    return _build_checklist(read_toml(path), path.name)


def load_question_bank(kind: str, path: Path | None = None) -> QuestionBank:
    if kind not in KINDS:
        raise ValueError(f"unknown question bank kind {kind!r}")
    path = path or resource_path("questions", f"{kind}.toml")
    return _build_bank(read_toml(path), path.name, expected_kind=kind)


def load_content(checklist_path: Path | None = None, questions_dir: Path | None = None) -> Content:
    """The checklist and every question bank, from the shipped resources unless told otherwise."""
    banks = {
        kind: load_question_bank(kind, questions_dir / f"{kind}.toml" if questions_dir else None) for kind in KINDS
    }
    return Content(checklist=load_checklist(checklist_path), banks=banks)


def checklist_from_dict(data: Mapping[str, Any], source: str = "<database>") -> Checklist:
    return _build_checklist(data, source)


def bank_from_dict(data: Mapping[str, Any], source: str = "<database>") -> QuestionBank:
    return _build_bank(data, source)


def from_dict(data: Mapping[str, Any], source: str = "<database>") -> Checklist | QuestionBank:
    """Rebuild whichever content `data` holds (the output of `to_dict`, e.g. from the database)."""
    if isinstance(data, Mapping) and "questions" in data:
        return bank_from_dict(data, source)
    return checklist_from_dict(data, source)


# ---------------------------------------------------------------------------------------------------- canonical form


def to_dict(obj: Checklist | QuestionBank) -> dict[str, Any]:
    """The canonical plain-data form: what the database stores and what the digest covers (not the digest)."""
    if isinstance(obj, Checklist):
        return _checklist_dict(obj)
    if isinstance(obj, QuestionBank):
        return _bank_dict(obj)
    raise TypeError(f"not content: {type(obj).__name__}")


def content_digest(obj: Checklist | QuestionBank) -> str:
    canonical = json.dumps(to_dict(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _checklist_dict(checklist: Checklist) -> dict[str, Any]:
    return {
        "code": checklist.code,
        "version": checklist.version,
        "status": checklist.status,
        "revised": checklist.revised,
        "title_zh": checklist.title_zh,
        "title_en": checklist.title_en,
        "source_ref": checklist.source_ref,
        "notice_zh": checklist.notice_zh,
        "notice_en": checklist.notice_en,
        "basis": list(checklist.basis),
        "deadline_working_days": checklist.deadline_working_days,
        "aspects": [
            {"code": a.code, "order": a.order, "title_zh": a.title_zh, "title_en": a.title_en}
            for a in checklist.aspects
        ],
        "items": [
            {
                "code": i.code,
                "aspect": i.aspect,
                "order": i.order,
                "title_zh": i.title_zh,
                "title_en": i.title_en,
                "applies_to": list(i.applies_to),
                "checks": list(i.checks),
                "guidance_zh": i.guidance_zh,
                "evidence": list(i.evidence),
                "basis": list(i.basis),
                "penalty": i.penalty,
                "major": i.major,
                "major_basis": i.major_basis,
                "major_hint_zh": i.major_hint_zh,
                "lenient": i.lenient,
                "lenient_note": i.lenient_note,
                "default_measure_zh": i.default_measure_zh,
                "default_deadline_days": {
                    "GENERAL": i.default_deadline_days.general,
                    "MAJOR": i.default_deadline_days.major,
                },
            }
            for i in checklist.items
        ],
    }


def _bank_dict(bank: QuestionBank) -> dict[str, Any]:
    rules = bank.rules
    rules_dict: dict[str, Any]
    if isinstance(rules, QuizRules):
        rules_dict = {
            "draw": rules.draw,
            "points_per_question": rules.points_per_question,
            "pass_mark": rules.pass_mark,
            "required_topics": [list(group) for group in rules.required_topics],
        }
    elif isinstance(rules, InterviewRules):
        rules_dict = {
            "oral_count": rules.oral_count,
            "task_count": rules.task_count,
            "pass_total": rules.pass_total,
            "scale_zh": list(rules.scale_zh),
        }
    else:
        rules_dict = {
            "workers": rules.workers,
            "questions_per_worker": rules.questions_per_worker,
            "required_topics": [list(group) for group in rules.required_topics],
            "target": rules.target,
        }
    return {
        "kind": bank.kind,
        "version": bank.version,
        "status": bank.status,
        "revised": bank.revised,
        "title_zh": bank.title_zh,
        "title_en": bank.title_en,
        "notice_zh": bank.notice_zh,
        "rules": rules_dict,
        "questions": [_question_dict(q) for q in bank.questions],
    }


def _question_dict(q: Question) -> dict[str, Any]:
    out: dict[str, Any] = {"id": q.id, "type": q.type, "topics": list(q.topics), "text_zh": q.text_zh}
    out["text_en"] = q.text_en
    # Fields that are forbidden for some question types are left out rather than written empty, so the output
    # passes the same validation as a hand-written file.
    if q.options:
        out["options"] = {o.key: o.text_zh for o in q.options}
    if q.answer is not None:
        out["answer"] = list(q.answer) if isinstance(q.answer, tuple) else q.answer
    if q.scoring_zh:
        out["scoring_zh"] = list(q.scoring_zh)
    out.update(
        {
            "key_points_zh": list(q.key_points_zh),
            "explanation_zh": q.explanation_zh,
            "basis": list(q.basis),
            "difficulty": q.difficulty,
            "source": q.source,
            "region": list(q.region),
            "applies_if": dict(q.applies_if),
            "critical": q.critical,
            "enabled": q.enabled,
        }
    )
    return out


# ---------------------------------------------------------------------------------------------------- validation

_MISSING: Final = object()


def _type_name(value: object) -> tuple[str, str]:
    if isinstance(value, bool):
        return "布尔值", "boolean"
    if isinstance(value, int):
        return "整数", "integer"
    if isinstance(value, float):
        return "小数", "float"
    if isinstance(value, str):
        return "字符串", "string"
    if isinstance(value, list):
        return "数组", "array"
    if isinstance(value, Mapping):
        return "表", "table"
    if isinstance(value, date):
        return "日期", "date"
    return type(value).__name__, type(value).__name__


class _Table:
    """One table of a content file, read field by field.

    Remembers its path so that any error can name the exact field, and which keys were read so that `done()` can
    reject the rest: an unknown key is nearly always a misspelt optional field that would otherwise vanish silently.
    """

    def __init__(self, file: str, path: str, data: object) -> None:
        self.file = file
        self.path = path
        if not isinstance(data, Mapping):
            zh, en = _type_name(data)
            raise ContentError(file, path or "-", f"应为表，实际为{zh}", f"expected a table, got {en}")
        self.data: Mapping[str, Any] = data
        self._read: set[str] = set()

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, zh: str, en: str) -> NoReturn:
        raise ContentError(self.file, self.where(key), zh, en)

    def has(self, key: str) -> bool:
        return key in self.data

    def _get(self, key: str, required: bool) -> Any:
        self._read.add(key)
        if key not in self.data:
            if required:
                self.fail(key, "缺少必填字段", "required field is missing")
            return _MISSING
        return self.data[key]

    def type_error(self, field: str, value: object, expected_zh: str, expected_en: str) -> NoReturn:
        zh, en = _type_name(value)
        raise ContentError(self.file, field, f"应为{expected_zh}，实际为{zh}", f"expected {expected_en}, got {en}")

    def check_text(self, field: str, value: object, *, required: bool) -> str:
        if not isinstance(value, str):
            self.type_error(field, value, "字符串", "a string")
        # An optional text may be left empty; a required one may not be filled with blanks to pass the check.
        if required and not value.strip():
            raise ContentError(self.file, field, "不能为空", "must not be empty")
        return value

    def text(self, key: str, *, required: bool = True) -> str:
        value = self._get(key, required)
        if value is _MISSING:
            return ""
        return self.check_text(self.where(key), value, required=required)

    def code(self, key: str, pattern: re.Pattern[str] = _CODE) -> str:
        value = self.text(key)
        if not pattern.match(value):
            self.fail(key, f"“{value}”不是有效的编号", f"'{value}' is not a valid code")
        return value

    def integer(
        self, key: str, *, minimum: int | None = None, maximum: int | None = None, default: int | None = None
    ) -> int:
        value = self._get(key, default is None)
        if value is _MISSING:
            assert default is not None
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.type_error(self.where(key), value, "整数", "an integer")
        if minimum is not None and value < minimum:
            self.fail(key, f"不能小于 {minimum}（实际为 {value}）", f"must be at least {minimum} (got {value})")
        if maximum is not None and value > maximum:
            self.fail(key, f"不能大于 {maximum}（实际为 {value}）", f"must be at most {maximum} (got {value})")
        return value

    def number(self, key: str) -> float:
        value = self._get(key, True)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.type_error(self.where(key), value, "数字", "a number")
        return float(value)

    def boolean(self, key: str, *, default: bool | None = None) -> bool:
        value = self._get(key, default is None)
        if value is _MISSING:
            assert default is not None
            return default
        if not isinstance(value, bool):
            self.type_error(self.where(key), value, "布尔值（true/false）", "a boolean (true/false)")
        return value

    def choice(self, key: str, allowed: Sequence[str], *, default: str | None = None) -> str:
        value = self._get(key, default is None)
        if value is _MISSING:
            assert default is not None
            return default
        return self.check_choice(self.where(key), value, allowed)

    def check_choice(self, field: str, value: object, allowed: Sequence[str]) -> str:
        if not isinstance(value, str):
            self.type_error(field, value, "字符串", "a string")
        if value not in allowed:
            options = ", ".join(allowed)
            raise ContentError(
                self.file,
                field,
                f"取值“{value}”无效，可选：{options}",
                f"invalid value '{value}'; allowed: {options}",
            )
        return value

    def texts(
        self,
        key: str,
        *,
        required: bool = True,
        min_items: int = 1,
        allowed: Sequence[str] | None = None,
        default: Sequence[str] = (),
    ) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is _MISSING:
            return tuple(default)
        field = self.where(key)
        if not isinstance(value, list):
            self.type_error(field, value, "字符串数组", "an array of strings")
        if len(value) < min_items:
            raise ContentError(
                self.file,
                field,
                f"至少需要 {min_items} 项（实际 {len(value)} 项）",
                f"needs at least {min_items} entries (got {len(value)})",
            )
        seen: dict[str, int] = {}
        for index, element in enumerate(value):
            element_field = f"{field}[{index}]"
            if allowed is None:
                self.check_text(element_field, element, required=True)
            else:
                self.check_choice(element_field, element, allowed)
            if element in seen:
                other = f"{field}[{seen[element]}]"
                raise ContentError(self.file, element_field, f"与 {other} 重复", f"duplicates {other}")
            seen[element] = index
        return tuple(value)

    def table(self, key: str) -> _Table:
        return _Table(self.file, self.where(key), self._get(key, True))

    def tables(self, key: str) -> list[_Table]:
        value = self._get(key, True)
        if not isinstance(value, list):
            self.type_error(self.where(key), value, "表数组", "an array of tables")
        return [_Table(self.file, f"{self.where(key)}[{index}]", element) for index, element in enumerate(value)]

    def raw(self, key: str, *, required: bool = True) -> Any:
        return self._get(key, required)

    def forbid(self, key: str, zh: str, en: str) -> None:
        self._read.add(key)
        if key in self.data:
            self.fail(key, zh, en)

    def done(self) -> None:
        for key in self.data:
            if key not in self._read:
                self.fail(key, "未知字段（是否拼写错误？）", "unknown field (misspelt?)")


def _unique(tables: Sequence[_Table], values: Sequence[object], key: str) -> None:
    first: dict[object, int] = {}
    for index, value in enumerate(values):
        if value in first:
            other = tables[first[value]].where(key)
            tables[index].fail(key, f"“{value}”与 {other} 重复", f"'{value}' duplicates {other}")
        first[value] = index


def _revised(table: _Table) -> str:
    value = table.text("revised", required=False)
    if value:
        try:
            date.fromisoformat(value)
        except ValueError:
            table.fail("revised", f"“{value}”不是 YYYY-MM-DD 格式的日期", f"'{value}' is not a YYYY-MM-DD date")
    return value


def _notice(table: _Table, status: str) -> str:
    # The brief requires constructed content to say so wherever it is shown, so the notice is mandatory for it.
    return table.text("notice_zh", required=status == "CONSTRUCTED")


# ---------------------------------------------------------------------------------------------------- checklist build


def _build_checklist(data: object, file: str) -> Checklist:
    root = _Table(file, "", data)
    code = root.code("code")
    version = root.integer("version", minimum=1)
    status = root.choice("status", STATUSES)
    revised = _revised(root)
    title_zh = root.text("title_zh")
    title_en = root.text("title_en")
    source_ref = root.text("source_ref", required=False)
    notice_zh = _notice(root, status)
    notice_en = root.text("notice_en", required=False)
    basis = root.texts("basis", required=False, min_items=0)
    working_days = root.boolean("deadline_working_days", default=False)

    aspect_tables = root.tables("aspects")
    aspects = [_build_aspect(t) for t in aspect_tables]
    _unique(aspect_tables, [a.code for a in aspects], "code")
    _unique(aspect_tables, [a.order for a in aspects], "order")
    aspect_order = {a.code: a.order for a in aspects}

    item_tables = root.tables("items")
    items = [_build_item(t, aspect_order) for t in item_tables]
    _unique(item_tables, [i.code for i in items], "code")
    _unique(item_tables, [(i.aspect, i.order) for i in items], "order")
    root.done()

    for table, aspect in zip(aspect_tables, aspects):
        if not any(item.aspect == aspect.code for item in items):
            table.fail("code", f"方面 {aspect.code} 下没有检查事项", f"aspect {aspect.code} has no items")
    shape = TEMPLATE_SHAPES.get(code)
    if shape is not None:
        for key, expected, actual in (("aspects", shape[0], len(aspects)), ("items", shape[1], len(items))):
            if actual != expected:
                root.fail(
                    key,
                    f"“{code}”模板应有 {expected} 项，实际 {actual} 项",
                    f"the '{code}' template needs exactly {expected} entries, got {actual}",
                )

    checklist = Checklist(
        code=code,
        version=version,
        status=status,
        revised=revised,
        title_zh=title_zh,
        title_en=title_en,
        source_ref=source_ref,
        notice_zh=notice_zh,
        notice_en=notice_en,
        basis=basis,
        deadline_working_days=working_days,
        aspects=tuple(sorted(aspects, key=lambda a: a.order)),
        # Display order, whatever the file order, so that reordering entries in a file leaves the digest unchanged.
        items=tuple(sorted(items, key=lambda i: (aspect_order[i.aspect], i.order))),
        digest="",
    )
    return replace(checklist, digest=content_digest(checklist))


def _build_aspect(t: _Table) -> Aspect:
    aspect = Aspect(
        code=t.code("code"),
        order=t.integer("order", minimum=1),
        title_zh=t.text("title_zh"),
        title_en=t.text("title_en"),
    )
    t.done()
    return aspect


def _build_item(t: _Table, aspect_order: Mapping[str, int]) -> ChecklistItem:
    code = t.code("code")
    aspect = t.text("aspect")
    if aspect not in aspect_order:
        known = ", ".join(aspect_order)
        t.fail("aspect", f"引用了不存在的方面“{aspect}”（已有：{known}）", f"unknown aspect '{aspect}' (known: {known})")
    order = t.integer("order", minimum=1)
    title_zh = t.text("title_zh")
    title_en = t.text("title_en")
    applies_to = t.texts("applies_to", allowed=codes("enterprise_roles"))
    checks = t.texts("checks")
    guidance_zh = t.text("guidance_zh")
    evidence = t.texts("evidence", allowed=EVIDENCE_VALUES)
    basis = t.texts("basis")
    penalty = t.text("penalty", required=False)
    major = t.choice("major", MAJOR_VALUES)
    major_basis = t.text("major_basis", required=False)
    major_hint_zh = t.text("major_hint_zh", required=False)
    if major == "YES" and not major_basis.strip():
        t.fail("major_basis", "major 为 YES 时必须写明重大隐患判定依据", "required when major is YES")
    if major == "CONDITIONAL" and not major_hint_zh.strip():
        t.fail("major_hint_zh", "major 为 CONDITIONAL 时必须写明构成重大隐患的条件", "required when major is CONDITIONAL")
    lenient = t.choice("lenient", LENIENT_VALUES)
    lenient_note = t.text("lenient_note", required=False)
    default_measure_zh = t.text("default_measure_zh")
    days = t.table("default_deadline_days")
    deadline = DeadlineDays(
        general=days.integer("GENERAL", minimum=1, maximum=MAX_DEADLINE_DAYS),
        major=days.integer("MAJOR", minimum=1, maximum=MAX_DEADLINE_DAYS),
    )
    days.done()
    t.done()
    return ChecklistItem(
        code=code,
        aspect=aspect,
        order=order,
        title_zh=title_zh,
        title_en=title_en,
        applies_to=applies_to,
        checks=checks,
        guidance_zh=guidance_zh,
        evidence=evidence,
        basis=basis,
        penalty=penalty,
        major=major,
        major_basis=major_basis,
        major_hint_zh=major_hint_zh,
        lenient=lenient,
        lenient_note=lenient_note,
        default_measure_zh=default_measure_zh,
        default_deadline_days=deadline,
    )


# ---------------------------------------------------------------------------------------------------- bank build


def _build_bank(data: object, file: str, expected_kind: str | None = None) -> QuestionBank:
    root = _Table(file, "", data)
    kind = root.choice("kind", KINDS)
    if expected_kind is not None and kind != expected_kind:
        root.fail("kind", f"应为“{expected_kind}”题库，实际为“{kind}”", f"expected a '{expected_kind}' bank, got '{kind}'")
    version = root.integer("version", minimum=1)
    status = root.choice("status", STATUSES)
    revised = _revised(root)
    title_zh = root.text("title_zh")
    title_en = root.text("title_en")
    notice_zh = _notice(root, status)
    rules_table = root.table("rules")
    rules = _build_rules(rules_table, kind)
    question_tables = root.tables("questions")
    questions = [_build_question(t, kind, rules, status) for t in question_tables]
    _unique(question_tables, [q.id for q in questions], "id")
    root.done()
    _check_bank(rules_table, rules, questions)
    bank = QuestionBank(
        kind=kind,
        version=version,
        status=status,
        revised=revised,
        title_zh=title_zh,
        title_en=title_en,
        notice_zh=notice_zh,
        rules=rules,
        questions=tuple(questions),
        digest="",
    )
    return replace(bank, digest=content_digest(bank))


def _topic_groups(t: _Table, key: str) -> tuple[tuple[str, ...], ...]:
    value = t.raw(key, required=False)
    if value is _MISSING:
        return ()
    field = t.where(key)
    if not isinstance(value, list):
        t.type_error(field, value, "数组的数组", "an array of arrays")
    return tuple(_topic_group(t, f"{field}[{index}]", group) for index, group in enumerate(value))


def _topic_group(t: _Table, field: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        t.type_error(field, value, "主题数组", "an array of topics")
    if not value:
        raise ContentError(t.file, field, "不能为空数组", "must not be an empty array")
    for index, element in enumerate(value):
        t.check_choice(f"{field}[{index}]", element, TOPICS)
    return tuple(value)


def _build_rules(t: _Table, kind: str) -> Rules:
    rules: Rules
    if kind in QUIZ_KINDS:
        rules = QuizRules(
            draw=t.integer("draw", minimum=1),
            points_per_question=t.integer("points_per_question", minimum=1),
            pass_mark=t.integer("pass_mark", minimum=1),
            required_topics=_topic_groups(t, "required_topics"),
        )
        if rules.pass_mark > rules.max_score:
            t.fail(
                "pass_mark",
                f"合格线 {rules.pass_mark} 分高于满分 {rules.max_score} 分",
                f"pass mark {rules.pass_mark} exceeds the total of {rules.max_score}",
            )
        if len(rules.required_topics) > rules.draw:
            t.fail("required_topics", "必抽主题组多于抽题数", "more required topic groups than questions drawn")
    elif kind in INTERVIEW_KINDS:
        rules = InterviewRules(
            oral_count=t.integer("oral_count", minimum=1),
            task_count=t.integer("task_count", minimum=0),
            pass_total=t.integer("pass_total", minimum=1),
            scale_zh=t.texts("scale_zh", min_items=len(INTERVIEW_SCORES)),
        )
        if len(rules.scale_zh) != len(INTERVIEW_SCORES):
            t.fail("scale_zh", "应恰好有 3 项（0、1、2 分）", "needs exactly 3 entries (0, 1 and 2 points)")
        if rules.pass_total > rules.max_total:
            t.fail(
                "pass_total",
                f"合格线 {rules.pass_total} 分高于满分 {rules.max_total} 分",
                f"pass mark {rules.pass_total} exceeds the total of {rules.max_total}",
            )
    else:
        rules = AwarenessRules(
            workers=t.integer("workers", minimum=1),
            questions_per_worker=t.integer("questions_per_worker", minimum=1),
            required_topics=_topic_groups(t, "required_topics"),
            target=t.number("target"),
        )
        if not 0 < rules.target <= 1:
            t.fail("target", "知晓率目标应在 0 与 1 之间（如 0.98）", "target must be above 0 and at most 1 (e.g. 0.98)")
        if len(rules.required_topics) > rules.questions_per_worker:
            t.fail("required_topics", "必抽主题组多于每人抽问数", "more required topic groups than questions per worker")
    t.done()
    return rules


def _build_question(t: _Table, kind: str, rules: Rules, status: str) -> Question:
    qid = t.code("id", _QUESTION_ID)
    qtype = t.choice("type", QUESTION_TYPES[kind])
    topics = t.texts("topics", allowed=TOPICS)
    text_zh = t.text("text_zh")
    text_en = t.text("text_en", required=False)

    options: tuple[Option, ...] = ()
    if qtype in (SINGLE, MULTI):
        options = _options(t.table("options"), minimum=2 if qtype == SINGLE else 3)
    else:
        t.forbid("options", f"{qtype} 题不应有选项", f"{qtype} questions take no options")
    keys = [o.key for o in options]

    answer: Answer = None
    if qtype == SINGLE:
        answer = t.text("answer")
        if answer not in keys:
            t.fail(
                "answer",
                f"答案“{answer}”不是已有选项（{'、'.join(keys)}）",
                f"answer '{answer}' is not an option ({', '.join(keys)})",
            )
    elif qtype == MULTI:
        chosen = t.texts("answer", min_items=2, allowed=keys)
        answer = tuple(sorted(chosen))
    elif qtype == JUDGE:
        answer = t.boolean("answer")
    else:
        t.forbid("answer", f"{qtype} 题不设标准答案，请写在 key_points_zh", f"{qtype} questions take key_points_zh, not answer")

    open_ended = qtype in (ORAL, TASK)
    key_points = t.texts("key_points_zh", required=open_ended, min_items=1 if open_ended else 0)
    scoring: tuple[str, ...] = ()
    if isinstance(rules, InterviewRules):
        scoring = t.texts("scoring_zh", min_items=len(INTERVIEW_SCORES))
        if len(scoring) != len(INTERVIEW_SCORES):
            t.fail("scoring_zh", "应恰好有 3 项（0、1、2 分的评分说明）", "needs exactly 3 entries (guidance for 0, 1 and 2 points)")
    else:
        t.forbid("scoring_zh", "只有安全员必问题目需要评分说明", "only interview questions take scoring guidance")
    explanation = t.text("explanation_zh", required=False)
    basis = t.texts("basis")
    difficulty = t.integer("difficulty", minimum=1, maximum=3, default=1)
    source = t.choice("source", STATUSES, default=status)
    region = t.texts("region", required=False, allowed=REGIONS, default=("ALL",))
    if "ALL" in region and len(region) > 1:
        t.fail("region", "ALL 不能与具体地区同时出现", "ALL cannot be combined with specific regions")
    applies_if = _applies_if(t)
    critical = t.boolean("critical", default=False)
    if critical and not isinstance(rules, InterviewRules):
        t.fail("critical", "只有安全员必问题目可以设为关键题", "only interview questions can be critical")
    if critical and (qtype != ORAL or applies_if or region != ("ALL",)):
        # A critical question decides the result, so it must be one that is asked at every interview.
        t.fail("critical", "关键题必须是适用于所有企业和地区的问答题（ORAL）", "a critical question must be ORAL and apply everywhere")
    enabled = t.boolean("enabled", default=True)
    t.done()

    if isinstance(rules, QuizRules):
        points = rules.points_per_question
    elif isinstance(rules, InterviewRules):
        points = max(INTERVIEW_SCORES)
    else:
        points = 1
    return Question(
        id=qid,
        type=qtype,
        topics=topics,
        text_zh=text_zh,
        text_en=text_en,
        options=options,
        answer=answer,
        key_points_zh=key_points,
        scoring_zh=scoring,
        explanation_zh=explanation,
        basis=basis,
        difficulty=difficulty,
        source=source,
        region=region,
        applies_if=applies_if,
        critical=critical,
        enabled=enabled,
        points=points,
    )


def _options(t: _Table, minimum: int) -> tuple[Option, ...]:
    options = []
    # Keys must run A, B, C … in order: a gap or a shuffle is a typo, and a fixed order keeps the canonical form
    # (and so the digest) independent of how the database orders JSON keys.
    for index, key in enumerate(t.data):
        expected = OPTION_KEYS[index] if index < len(OPTION_KEYS) else None
        if key != expected:
            if expected is None:
                t.fail(key, f"选项最多 {len(OPTION_KEYS)} 个", f"at most {len(OPTION_KEYS)} options")
            t.fail(
                key,
                f"选项应按 A、B、C… 顺序编号，此处应为 {expected}",
                f"options must be keyed A, B, C … in order; expected {expected} here",
            )
        options.append(Option(key=key, text_zh=t.text(key)))
    if len(options) < minimum:
        raise ContentError(
            t.file,
            t.path,
            f"至少需要 {minimum} 个选项（实际 {len(options)} 个）",
            f"needs at least {minimum} options (got {len(options)})",
        )
    return tuple(options)


def _applies_if(t: _Table) -> tuple[tuple[str, bool], ...]:
    if not t.has("applies_if"):
        return ()
    flags = t.table("applies_if")
    pairs = []
    for key in flags.data:
        if not _FLAG.match(key):
            flags.fail(key, f"“{key}”不是有效的企业特征名（小写字母、数字和下划线）", f"'{key}' is not a valid profile flag name")
        pairs.append((key, flags.boolean(key)))
    flags.done()
    return tuple(sorted(pairs))


def _baseline(question: Question) -> bool:
    """Whether a question can be drawn for any enterprise anywhere: what the rules must be satisfiable with."""
    return _eligible(question, {}, None)


def _check_bank(t: _Table, rules: Rules, questions: Sequence[Question]) -> None:
    baseline = [q for q in questions if _baseline(q)]
    if isinstance(rules, (QuizRules, AwarenessRules)):
        if isinstance(rules, QuizRules):
            needed, key = rules.draw, "draw"
        else:
            needed, key = rules.questions_per_worker, "questions_per_worker"
        if len(baseline) < needed:
            t.fail(
                key,
                f"适用于所有企业的启用题目只有 {len(baseline)} 道，不足 {needed} 道",
                f"only {len(baseline)} enabled questions apply to every enterprise; {needed} are needed",
            )
        for index, group in enumerate(rules.required_topics):
            if not any(set(group) & set(q.topics) for q in baseline):
                raise ContentError(
                    t.file,
                    f"{t.where('required_topics')}[{index}]",
                    "题库中没有适用于所有企业的该主题题目",
                    "no question of this topic applies to every enterprise",
                )
    else:
        critical = [q for q in questions if q.critical and q.enabled]
        oral = [q for q in baseline if q.type == ORAL]
        tasks = [q for q in baseline if q.type == TASK]
        if len(critical) > rules.oral_count:
            t.fail("oral_count", "关键题多于问答题数", "more critical questions than oral questions asked")
        if len(oral) < rules.oral_count:
            t.fail(
                "oral_count",
                f"适用于所有企业的问答题只有 {len(oral)} 道，不足 {rules.oral_count} 道",
                f"only {len(oral)} oral questions apply to every enterprise; {rules.oral_count} are needed",
            )
        if len(tasks) < rules.task_count:
            t.fail(
                "task_count",
                f"适用于所有企业的现场出示题只有 {len(tasks)} 道，不足 {rules.task_count} 道",
                f"only {len(tasks)} show-me tasks apply to every enterprise; {rules.task_count} are needed",
            )


# ---------------------------------------------------------------------------------------------------- draws


def _eligible(question: Question, profile: Mapping[str, bool], region: str | None) -> bool:
    if not question.enabled:
        return False
    if "ALL" not in question.region and region not in question.region:
        return False
    return all(bool(profile.get(flag, False)) == wanted for flag, wanted in question.applies_if)


def _pool(bank: QuestionBank, profile: Mapping[str, bool] | None, region: str | None) -> list[Question]:
    return [q for q in bank.questions if _eligible(q, profile or {}, region)]


def draw_quiz(
    bank: QuestionBank,
    rng: random.Random,
    n: int | None = None,
    *,
    profile: Mapping[str, bool] | None = None,
    region: str | None = None,
    exclude: Collection[str] = (),
) -> list[str]:
    """Question ids for one paper (or one worker's questions), in the order to ask them.

    Deterministic for a seeded `rng`, which is how a paper is reprinted from the stored seed. Questions limited by
    `applies_if` are drawn only when `profile` has those flags, region-only ones only for that `region`. One
    question comes from each required topic group and, when the profile unlocks targeted questions (dust, confined
    space …), one of those; the rest are random. Ids in `exclude` (asked of the same person lately) are avoided
    while enough others remain.
    """
    rules = bank.rules
    if isinstance(rules, QuizRules):
        n = rules.draw if n is None else n
    elif isinstance(rules, AwarenessRules):
        n = rules.questions_per_worker if n is None else n
    else:
        raise ValueError(f"bank {bank.kind!r} is not drawn as a quiz")
    if n < 1:
        raise ValueError("n must be at least 1")
    pool = _pool(bank, profile, region)
    if len(pool) < n:
        raise ValidationError(
            "quiz.too_few_questions",
            "题库中可抽取的题目只有 {available} 道，不足 {n} 道",
            "Only {available} questions can be drawn from the bank; {n} are needed",
            available=len(pool),
            n=n,
        )
    recent = frozenset(exclude)
    fresh = [q for q in pool if q.id not in recent]
    chosen: list[Question] = []
    taken: set[str] = set()

    def take_one(matches: Iterable[Question]) -> None:
        candidates = [q for q in matches if q.id not in taken]
        preferred = [q for q in candidates if q.id not in recent] or candidates
        if preferred and len(chosen) < n:
            pick = rng.choice(preferred)
            chosen.append(pick)
            taken.add(pick.id)

    for group in rules.required_topics:
        take_one(q for q in pool if set(group) & set(q.topics))
    if profile:
        take_one(q for q in pool if any(wanted for _, wanted in q.applies_if))
    unseen = [q for q in fresh if q.id not in taken]
    if len(unseen) >= n - len(chosen):
        chosen += rng.sample(unseen, n - len(chosen))
    else:
        # Too few questions this person has not seen lately: repeat some rather than refuse to draw a paper.
        chosen += unseen
        taken.update(q.id for q in unseen)
        repeats = [q for q in pool if q.id not in taken]
        chosen += rng.sample(repeats, n - len(chosen))
    rng.shuffle(chosen)
    return [q.id for q in chosen]


def draw_interview(
    bank: QuestionBank,
    rng: random.Random,
    *,
    profile: Mapping[str, bool] | None = None,
    region: str | None = None,
) -> list[str]:
    """Question ids for one safety-officer interview: the oral questions (critical ones always), then the tasks."""
    rules = bank.rules
    if not isinstance(rules, InterviewRules):
        raise ValueError(f"bank {bank.kind!r} is not an interview bank")
    pool = _pool(bank, profile, region)
    critical = [q for q in pool if q.critical]
    oral = [q for q in pool if q.type == ORAL and not q.critical]
    tasks = [q for q in pool if q.type == TASK]
    need_oral = rules.oral_count - len(critical)
    if len(oral) < need_oral or len(tasks) < rules.task_count:
        raise ValidationError(
            "interview.too_few_questions",
            "题库中适用的问答题或现场出示题不足",
            "Not enough applicable oral questions or tasks in the bank",
        )
    asked = critical + rng.sample(oral, need_oral)
    rng.shuffle(asked)
    return [q.id for q in asked + rng.sample(tasks, rules.task_count)]


# ---------------------------------------------------------------------------------------------------- scoring


def _questions_of(bank: QuestionBank, ids: Iterable[str]) -> list[Question]:
    by_id = {q.id: q for q in bank.questions}
    out = []
    for qid in ids:
        if qid not in by_id:
            raise ValidationError(
                "content.unknown_question",
                "题目 {qid} 不在题库“{bank}”中",
                "Question {qid} is not in the '{bank}' bank",
                qid=qid,
                bank=bank.kind,
            )
        out.append(by_id[qid])
    return out


def _normalise(question: Question, given: object) -> object:
    """The answer in the form of the key, or None when it cannot be one (blank or of the wrong kind)."""
    if question.type == SINGLE:
        return given.strip().upper() if isinstance(given, str) and given.strip() else None
    if question.type == MULTI:
        if isinstance(given, str):
            keys = {c for c in given.upper() if c.isalpha()}
        elif isinstance(given, (list, tuple, set, frozenset)) and all(isinstance(k, str) for k in given):
            keys = {k.strip().upper() for k in given if k.strip()}
        else:
            return None
        return tuple(sorted(keys)) or None
    if question.type == JUDGE:
        return given if isinstance(given, bool) else None
    return None


def is_correct(question: Question, given: object) -> bool:
    """Whether `given` answers an objective question; multiple choice must match as a set, no more, no less."""
    answer = _normalise(question, given)
    return answer is not None and answer == question.answer


def score_quiz(bank: QuestionBank, question_ids: Sequence[str], answers: Mapping[str, object]) -> QuizScore:
    rules = bank.rules
    if not isinstance(rules, QuizRules):
        raise ValueError(f"bank {bank.kind!r} is not a quiz bank")
    if not question_ids:
        raise ValidationError("quiz.empty", "试卷没有题目", "The paper has no questions")
    if len(set(question_ids)) != len(question_ids):
        raise ValidationError("quiz.duplicate", "试卷中有重复的题目", "The paper lists a question twice")
    questions = _questions_of(bank, question_ids)
    stray = sorted(set(answers) - set(question_ids))
    if stray:
        raise ValidationError(
            "quiz.stray_answer",
            "答案对应的题目不在本试卷中：{ids}",
            "Answers given for questions not on this paper: {ids}",
            ids=", ".join(stray),
        )
    wrong = tuple(q.id for q in questions if not is_correct(q, answers.get(q.id)))
    score = sum(q.points for q in questions if q.id not in wrong)
    max_score = sum(q.points for q in questions)
    # The pass mark is set for a full paper; a paper of another length is held to the same proportion.
    passed = score * rules.max_score >= rules.pass_mark * max_score
    pass_mark = -(-rules.pass_mark * max_score // rules.max_score)
    return QuizScore(score=score, max_score=max_score, pass_mark=pass_mark, passed=passed, wrong_ids=wrong)


def score_interview(bank: QuestionBank, scores: Mapping[str, int]) -> InterviewScore:
    """Total the 0/1/2 ratings of one interview; pass needs the pass total and no 0 on a critical question."""
    rules = bank.rules
    if not isinstance(rules, InterviewRules):
        raise ValueError(f"bank {bank.kind!r} is not an interview bank")
    questions = _questions_of(bank, scores)
    for qid, value in scores.items():
        if isinstance(value, bool) or value not in INTERVIEW_SCORES:
            raise ValidationError(
                "interview.invalid_score",
                "题目 {qid} 的评分“{value}”无效，只能是 0、1 或 2",
                "Invalid rating '{value}' for question {qid}; only 0, 1 or 2",
                qid=qid,
                value=value,
            )
    oral = sum(1 for q in questions if q.type == ORAL)
    tasks = sum(1 for q in questions if q.type == TASK)
    if oral != rules.oral_count or tasks != rules.task_count:
        raise ValidationError(
            "interview.count",
            "安全员必问应对 {want_oral} 道问答题和 {want_task} 道现场出示题评分，实际为 {oral} 道和 {tasks} 道",
            "The interview needs ratings for {want_oral} oral questions and {want_task} tasks; got {oral} and {tasks}",
            want_oral=rules.oral_count,
            want_task=rules.task_count,
            oral=oral,
            tasks=tasks,
        )
    for q in bank.questions:
        if q.critical and q.enabled and q.id not in scores:
            raise ValidationError(
                "interview.critical_missing",
                "关键题 {qid} 必须提问并评分",
                "Critical question {qid} must be asked and rated",
                qid=q.id,
            )
    total = sum(scores.values())
    max_total = max(INTERVIEW_SCORES) * len(questions)
    reasons: list[ScoreReason] = []
    if total < rules.pass_total:
        reasons.append(
            ScoreReason(
                "total_below_pass",
                f"总分 {total} 分，低于合格线 {rules.pass_total} 分",
                f"total {total} is below the pass mark of {rules.pass_total}",
            )
        )
    for q in questions:
        if q.critical and scores[q.id] == 0:
            reasons.append(
                ScoreReason(
                    "critical_zero",
                    f"关键题 {q.id}（{q.text_zh}）得 0 分",
                    f"critical question {q.id} scored 0",
                )
            )
    return InterviewScore(
        total=total, max_total=max_total, pass_total=rules.pass_total, passed=not reasons, reasons=tuple(reasons)
    )


def awareness_rate(samples: Sequence[bool]) -> float:
    """Share of sampled worker answers that were correct (知晓率)."""
    if not samples:
        raise ValidationError(
            "awareness.empty",
            "没有员工抽问记录，无法计算知晓率",
            "No worker answers were sampled; the awareness rate cannot be computed",
        )
    if not all(isinstance(s, bool) for s in samples):
        raise TypeError("awareness samples must be booleans")
    return sum(samples) / len(samples)


def awareness_passed(rate: float, target: float) -> bool:
    if not 0 <= rate <= 1 or not 0 < target <= 1:
        raise ValueError(f"rate {rate} or target {target} outside 0..1")
    # 49/50 must meet a 0.98 target although the two floats are computed differently.
    return rate >= target - 1e-9
