"""安全员必问、负责人必考、员工抽问: the safety-officer interview, the principal's quiz and worker sampling.

Scoring rules live in the question banks (resources/questions); this module stores what was asked and answered,
and the scores computed from the bank the attempt was drawn from.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from typing import Any

from app.errors import ValidationError
from app.models import content
from app.models.inspections import Inspections


@dataclass(frozen=True)
class AwarenessResult:
    asked: int
    correct: int
    rate: float | None  # None while nobody was asked
    target: float
    passed: bool | None


class Assessments:
    def __init__(self, inspections: Inspections) -> None:
        self.inspections = inspections
        self.store = inspections.store
        self.templates = inspections.templates

    # 安全员必问

    def interview_bank(self) -> content.QuestionBank:
        return self.templates.bank(self.templates.current_bank_id("safety_officer"))

    def record_interview(
        self,
        inspection_id: str,
        enterprise_id: str,
        question_id: str,
        rating: int,
        answer: str | None = None,
        person_id: str | None = None,
    ) -> str:
        self._require_question(question_id)
        if rating not in (0, 1, 2):
            raise ValidationError(
                "interview.rating", "评分只能是 0、1 或 2（收到 {rating}）", "A rating is 0, 1 or 2 (got {rating})",
                rating=rating,
            )
        values = {"rating": rating, "answer": (answer or "").strip() or None, "person_id": person_id}
        return self._save_answer(inspection_id, enterprise_id, question_id, values)

    def record_interview_note(
        self,
        inspection_id: str,
        enterprise_id: str,
        question_id: str,
        answer: str | None,
        person_id: str | None = None,
    ) -> str:
        """Save what the safety officer said (the inspector's note) without touching the rating.

        A note may come before the rating: the row is then stored unrated and does not count as rated.
        """
        self._require_question(question_id)
        values: dict[str, Any] = {"answer": (answer or "").strip() or None}
        if person_id is not None:
            values["person_id"] = person_id
        return self._save_answer(inspection_id, enterprise_id, question_id, values)

    def _require_question(self, question_id: str) -> None:
        if question_id not in {q.id for q in self.interview_bank().questions}:
            raise ValidationError(
                "interview.unknown_question", "题库中没有问题 {qid}", "No question {qid} in the bank", qid=question_id
            )

    def _save_answer(self, inspection_id: str, enterprise_id: str, question_id: str, values: dict[str, Any]) -> str:
        """One row per question of an interview: update it, or add it the first time."""
        with self.store.transaction():
            self.inspections.require_open_target(inspection_id, enterprise_id)
            existing = self.store.query(
                """SELECT id FROM interview_answer WHERE inspection_id = ? AND enterprise_id = ? AND question_id = ?
                   AND deleted = 0""",
                (inspection_id, enterprise_id, question_id),
            )
            if existing:
                self.store.update("interview_answer", existing[0]["id"], values)
                return str(existing[0]["id"])
            return self.store.put_natural(
                "interview_answer", (inspection_id, enterprise_id, question_id),
                {"inspection_id": inspection_id, "enterprise_id": enterprise_id, "question_id": question_id, **values},
            )

    def interview_ratings(self, inspection_id: str, enterprise_id: str) -> dict[str, int]:
        rows = self.store.query(
            """SELECT question_id, rating FROM interview_answer WHERE inspection_id = ? AND enterprise_id = ?
               AND deleted = 0 AND rating IS NOT NULL""",
            (inspection_id, enterprise_id),
        )
        return {r["question_id"]: r["rating"] for r in rows}

    def interview_answers(self, inspection_id: str, enterprise_id: str) -> dict[str, dict[str, Any]]:
        """Question id -> {"rating": 0/1/2 or None, "answer": note or None} for every question noted or rated."""
        rows = self.store.query(
            """SELECT question_id, rating, answer FROM interview_answer WHERE inspection_id = ? AND enterprise_id = ?
               AND deleted = 0 ORDER BY id""",
            (inspection_id, enterprise_id),
        )
        return {r["question_id"]: {"rating": r["rating"], "answer": r["answer"]} for r in rows}

    def interview_questions(self, inspection_id: str, enterprise_id: str) -> list[content.Question]:
        """The questions put to this enterprise's safety officer in this inspection, the same on every call.

        A draw seeded from the inspection and enterprise ids (so a restart, or another device, shows the same
        questions), with any question already noted or rated taking the place of an unrated drawn one of its type
        (e.g. after the bank changed, or when rated through another path).
        """
        bank = self.interview_bank()
        by_id = {q.id: q for q in bank.questions}
        seed = int.from_bytes(hashlib.sha256(f"{inspection_id}|{enterprise_id}".encode()).digest()[:8], "big")
        chosen = content.draw_interview(bank, random.Random(seed))
        asked = [qid for qid in self.interview_answers(inspection_id, enterprise_id) if qid in by_id]
        for qid in asked:
            if qid in chosen:
                continue
            for i in reversed(range(len(chosen))):
                other = by_id[chosen[i]]
                if other.type == by_id[qid].type and not other.critical and other.id not in asked:
                    chosen[i] = qid
                    break
            else:
                chosen.append(qid)
        return [by_id[qid] for qid in chosen]

    def interview_score(self, inspection_id: str, enterprise_id: str) -> content.InterviewScore | None:
        """The interview's score once the bank's full set of questions is rated; None while it is under way."""
        bank = self.interview_bank()
        ratings = self.interview_ratings(inspection_id, enterprise_id)
        assert isinstance(bank.rules, content.InterviewRules)
        if len(ratings) < bank.rules.count:
            return None
        return content.score_interview(bank, ratings)

    # 负责人必考

    def quiz_audience(self, enterprise_id: str) -> str:
        """Which quiz bank the enterprise's principal gets: a landlord's or park operator's gets the landlord bank."""
        enterprise = self.store.require("enterprise", enterprise_id)
        return "landlord" if enterprise["is_landlord"] or enterprise["is_operator"] else "principal"

    def quiz_bank(self, enterprise_id: str) -> content.QuestionBank:
        """The bank `start_quiz` would draw this enterprise's paper from (for showing its rules before the start)."""
        return self.templates.bank(self.templates.current_bank_id(self.quiz_audience(enterprise_id)))

    def start_quiz(
        self,
        inspection_id: str,
        enterprise_id: str,
        examinee_name: str,
        *,
        person_id: str | None = None,
        audience: str | None = None,
        seed: int | None = None,
    ) -> str:
        """Draw a paper for the enterprise's principal (a landlord's or park operator's gets the landlord bank)."""
        examinee_name = (examinee_name or "").strip()
        if not examinee_name:
            raise ValidationError("quiz.examinee", "请填写应考人姓名", "Enter the examinee's name")
        with self.store.transaction():
            self.inspections.require_open_target(inspection_id, enterprise_id)
            if audience is None:
                audience = self.quiz_audience(enterprise_id)
            bank_id = self.templates.current_bank_id(audience)
            bank = self.templates.bank(bank_id)
            seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
            question_ids = content.draw_quiz(bank, random.Random(seed))
            return self.store.insert(
                "quiz_attempt",
                {
                    "inspection_id": inspection_id,
                    "enterprise_id": enterprise_id,
                    "person_id": person_id,
                    "examinee_name": examinee_name,
                    "audience": audience,
                    "bank_id": bank_id,
                    "question_ids": question_ids,
                    "seed": seed,
                    "answers": {},
                    "started_at": self.inspections.now().isoformat(),
                },
            )

    def quiz(self, attempt_id: str) -> dict[str, Any]:
        row = self.store.require("quiz_attempt", attempt_id)
        row["question_ids"] = json.loads(row["question_ids"])
        row["answers"] = json.loads(row["answers"])
        return row

    def quiz_questions(self, attempt_id: str) -> list[content.Question]:
        attempt = self.quiz(attempt_id)
        by_id = {q.id: q for q in self.templates.bank(attempt["bank_id"]).questions}
        return [by_id[qid] for qid in attempt["question_ids"]]

    def answer_quiz(self, attempt_id: str, question_id: str, answer: Any) -> None:
        with self.store.transaction():
            attempt = self.quiz(attempt_id)
            if attempt["finished_at"]:
                raise ValidationError("quiz.finished", "本次考试已交卷", "This quiz has already been handed in")
            if question_id not in attempt["question_ids"]:
                raise ValidationError(
                    "quiz.unknown_question", "试卷中没有题目 {qid}", "Question {qid} is not on this quiz",
                    qid=question_id,
                )
            answers = dict(attempt["answers"])
            answers[question_id] = sorted(answer) if isinstance(answer, (list, set, tuple)) else answer
            self.store.update("quiz_attempt", attempt_id, {"answers": answers})

    def finish_quiz(self, attempt_id: str) -> content.QuizScore:
        with self.store.transaction():
            attempt = self.quiz(attempt_id)
            if attempt["finished_at"]:
                raise ValidationError("quiz.finished", "本次考试已交卷", "This quiz has already been handed in")
            bank = self.templates.bank(attempt["bank_id"])
            result = content.score_quiz(bank, attempt["question_ids"], attempt["answers"])
            self.store.update(
                "quiz_attempt",
                attempt_id,
                {
                    "score": result.score,
                    "max_score": result.max_score,
                    "passed": result.passed,
                    "finished_at": self.inspections.now().isoformat(),
                },
            )
        return result

    def quizzes(self, inspection_id: str) -> list[dict[str, Any]]:
        return self.store.query(
            "SELECT * FROM quiz_attempt WHERE inspection_id = ? AND deleted = 0 ORDER BY id", (inspection_id,)
        )

    def quiz_attempts(self, inspection_id: str, enterprise_id: str) -> list[dict[str, Any]]:
        """This enterprise's attempts in this inspection, oldest first (raw rows, as `quizzes`)."""
        return self.store.query(
            "SELECT * FROM quiz_attempt WHERE inspection_id = ? AND enterprise_id = ? AND deleted = 0 ORDER BY id",
            (inspection_id, enterprise_id),
        )

    def open_quiz(self, inspection_id: str, enterprise_id: str) -> str | None:
        """The latest attempt not yet handed in, to resume after a restart; None when there is none."""
        rows = self.store.query(
            """SELECT id FROM quiz_attempt WHERE inspection_id = ? AND enterprise_id = ? AND deleted = 0
               AND finished_at IS NULL ORDER BY id DESC LIMIT 1""",
            (inspection_id, enterprise_id),
        )
        return str(rows[0]["id"]) if rows else None

    def quiz_score(self, attempt_id: str) -> content.QuizScore:
        """The score of the answers stored so far (for a handed-in attempt: its final score, with the wrong ids)."""
        attempt = self.quiz(attempt_id)
        bank = self.templates.bank(attempt["bank_id"])
        return content.score_quiz(bank, attempt["question_ids"], attempt["answers"])

    # 员工抽问

    def add_awareness_sample(
        self, inspection_id: str, enterprise_id: str, worker: str | None, asked: int, correct: int
    ) -> str:
        if not (isinstance(asked, int) and isinstance(correct, int)) or asked < 1 or not 0 <= correct <= asked:
            raise ValidationError(
                "awareness.counts",
                "抽问题数须至少 1 题，答对题数须在 0 到 {asked} 之间",
                "At least one question must be asked and the correct count must be between 0 and {asked}",
                asked=asked,
            )
        with self.store.transaction():
            self.inspections.require_open_target(inspection_id, enterprise_id)
            return self.store.insert(
                "awareness_sample",
                {
                    "inspection_id": inspection_id,
                    "enterprise_id": enterprise_id,
                    "worker": (worker or "").strip() or None,
                    "asked": asked,
                    "correct": correct,
                },
            )

    def awareness_samples(self, inspection_id: str, enterprise_id: str) -> list[dict[str, Any]]:
        return self.store.query(
            """SELECT * FROM awareness_sample WHERE inspection_id = ? AND enterprise_id = ? AND deleted = 0
               ORDER BY id""",
            (inspection_id, enterprise_id),
        )

    def delete_awareness_sample(self, sample_id: str) -> None:
        with self.store.transaction():
            sample = self.store.require("awareness_sample", sample_id)
            self.inspections._open(sample["inspection_id"])
            self.store.delete("awareness_sample", sample_id)

    def awareness_bank(self) -> content.QuestionBank:
        """The worker questions (十必须十不准十必会) the inspector picks from when sampling workers."""
        return self.templates.bank(self.templates.current_bank_id("worker"))

    def awareness_rules(self) -> content.AwarenessRules:
        rules = self.awareness_bank().rules
        assert isinstance(rules, content.AwarenessRules)
        return rules

    def awareness(self, inspection_id: str, enterprise_id: str) -> AwarenessResult:
        asked, correct = self.store.db.conn.execute(
            """SELECT coalesce(sum(asked), 0), coalesce(sum(correct), 0) FROM awareness_sample
               WHERE inspection_id = ? AND enterprise_id = ? AND deleted = 0""",
            (inspection_id, enterprise_id),
        ).fetchone()
        rules = self.templates.bank(self.templates.current_bank_id("worker")).rules
        assert isinstance(rules, content.AwarenessRules)
        rate = correct / asked if asked else None
        passed = None if rate is None else content.awareness_passed(rate, rules.target)
        return AwarenessResult(asked, correct, rate, rules.target, passed)
