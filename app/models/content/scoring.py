"""Scoring quizzes, interviews and worker awareness."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from app.errors import ValidationError
from app.models.content.model import (
    INTERVIEW_SCORES,
    JUDGE,
    MULTI,
    ORAL,
    SINGLE,
    TASK,
    InterviewRules,
    InterviewScore,
    Question,
    QuestionBank,
    QuizRules,
    QuizScore,
    ScoreReason,
)


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
