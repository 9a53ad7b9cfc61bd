"""The content's types and constants: checklists, question banks, scores."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, TypeAlias

from app.errors import language

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

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
QUESTION_ID_RE = re.compile(r"^Q-[A-Z]+-[0-9]{4}$")
FLAG_RE = re.compile(r"^[a-z][a-z0-9_]*$")

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


def digest_of(canonical: Mapping[str, Any]) -> str:
    """sha256 of the canonical form (to_dict): how the database recognises content it already holds."""
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
