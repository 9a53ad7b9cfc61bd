"""Drawing a quiz or an interview from a bank for one enterprise."""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Mapping

from app.errors import ValidationError
from app.models.content.model import (
    ORAL,
    TASK,
    AwarenessRules,
    InterviewRules,
    Question,
    QuestionBank,
    QuizRules,
)


def eligible(question: Question, profile: Mapping[str, bool], region: str | None) -> bool:
    if not question.enabled:
        return False
    if "ALL" not in question.region and region not in question.region:
        return False
    return all(bool(profile.get(flag, False)) == wanted for flag, wanted in question.applies_if)


def _pool(bank: QuestionBank, profile: Mapping[str, bool] | None, region: str | None) -> list[Question]:
    return [q for q in bank.questions if eligible(q, profile or {}, region)]


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
