"""Question banks: built from TOML (validated) and written back in canonical form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from app.errors import ContentError
from app.models.content.draws import eligible
from app.models.content.model import (
    FLAG_RE,
    INTERVIEW_KINDS,
    INTERVIEW_SCORES,
    JUDGE,
    KINDS,
    MULTI,
    OPTION_KEYS,
    ORAL,
    QUESTION_ID_RE,
    QUESTION_TYPES,
    QUIZ_KINDS,
    REGIONS,
    SINGLE,
    STATUSES,
    TASK,
    TOPICS,
    Answer,
    AwarenessRules,
    InterviewRules,
    Option,
    Question,
    QuestionBank,
    QuizRules,
    Rules,
    digest_of,
)
from app.models.content.validation import MISSING, Table, notice, read_revised, unique


def build_bank(data: object, file: str, expected_kind: str | None = None) -> QuestionBank:
    root = Table(file, "", data)
    kind = root.choice("kind", KINDS)
    if expected_kind is not None and kind != expected_kind:
        root.fail(
            "kind", f"应为“{expected_kind}”题库，实际为“{kind}”", f"expected a '{expected_kind}' bank, got '{kind}'"
        )
    version = root.integer("version", minimum=1)
    status = root.choice("status", STATUSES)
    revised = read_revised(root)
    title_zh = root.text("title_zh")
    title_en = root.text("title_en")
    notice_zh = notice(root, status)
    rules_table = root.table("rules")
    rules = _build_rules(rules_table, kind)
    question_tables = root.tables("questions")
    questions = [_build_question(t, kind, rules, status) for t in question_tables]
    unique(question_tables, [q.id for q in questions], "id")
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
    return replace(bank, digest=digest_of(bank_dict(bank)))


def _topic_groups(t: Table, key: str) -> tuple[tuple[str, ...], ...]:
    value = t.raw(key, required=False)
    if value is MISSING:
        return ()
    field = t.where(key)
    if not isinstance(value, list):
        t.type_error(field, value, "数组的数组", "an array of arrays")
    return tuple(_topic_group(t, f"{field}[{index}]", group) for index, group in enumerate(value))


def _topic_group(t: Table, field: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        t.type_error(field, value, "主题数组", "an array of topics")
    if not value:
        raise ContentError(t.file, field, "不能为空数组", "must not be an empty array")
    for index, element in enumerate(value):
        t.check_choice(f"{field}[{index}]", element, TOPICS)
    return tuple(value)


def _build_rules(t: Table, kind: str) -> Rules:
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
            t.fail(
                "target", "知晓率目标应在 0 与 1 之间（如 0.98）", "target must be above 0 and at most 1 (e.g. 0.98)"
            )
        if len(rules.required_topics) > rules.questions_per_worker:
            t.fail(
                "required_topics", "必抽主题组多于每人抽问数", "more required topic groups than questions per worker"
            )
    t.done()
    return rules


def _build_question(t: Table, kind: str, rules: Rules, status: str) -> Question:
    qid = t.code("id", QUESTION_ID_RE)
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
        t.forbid(
            "answer",
            f"{qtype} 题不设标准答案，请写在 key_points_zh",
            f"{qtype} questions take key_points_zh, not answer",
        )

    open_ended = qtype in (ORAL, TASK)
    key_points = t.texts("key_points_zh", required=open_ended, min_items=1 if open_ended else 0)
    scoring: tuple[str, ...] = ()
    if isinstance(rules, InterviewRules):
        scoring = t.texts("scoring_zh", min_items=len(INTERVIEW_SCORES))
        if len(scoring) != len(INTERVIEW_SCORES):
            t.fail(
                "scoring_zh",
                "应恰好有 3 项（0、1、2 分的评分说明）",
                "needs exactly 3 entries (guidance for 0, 1 and 2 points)",
            )
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
        t.fail(
            "critical",
            "关键题必须是适用于所有企业和地区的问答题（ORAL）",
            "a critical question must be ORAL and apply everywhere",
        )
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


def _options(t: Table, minimum: int) -> tuple[Option, ...]:
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


def _applies_if(t: Table) -> tuple[tuple[str, bool], ...]:
    if not t.has("applies_if"):
        return ()
    flags = t.table("applies_if")
    pairs = []
    for key in flags.data:
        if not FLAG_RE.match(key):
            flags.fail(
                key,
                f"“{key}”不是有效的企业特征名（小写字母、数字和下划线）",
                f"'{key}' is not a valid profile flag name",
            )
        pairs.append((key, flags.boolean(key)))
    flags.done()
    return tuple(sorted(pairs))


def _baseline(question: Question) -> bool:
    """Whether a question can be drawn for any enterprise anywhere: what the rules must be satisfiable with."""
    return eligible(question, {}, None)


def _check_bank(t: Table, rules: Rules, questions: Sequence[Question]) -> None:
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


def bank_dict(bank: QuestionBank) -> dict[str, Any]:
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
