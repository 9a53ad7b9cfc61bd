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

from app.models.content.draws import draw_interview, draw_quiz
from app.models.content.loading import (
    bank_from_dict,
    checklist_from_dict,
    content_digest,
    from_dict,
    load_checklist,
    load_content,
    load_question_bank,
    to_dict,
)
from app.models.content.model import (
    AWARENESS_KINDS,
    EVIDENCE_VALUES,
    GRADES,
    INTERVIEW_KINDS,
    INTERVIEW_SCORES,
    KINDS,
    LENIENT_VALUES,
    MAJOR_VALUES,
    MAX_DEADLINE_DAYS,
    OPTION_KEYS,
    QUESTION_TYPES,
    QUIZ_KINDS,
    REGIONS,
    SHIPPED_CHECKLIST,
    STATUSES,
    TEMPLATE_SHAPES,
    TOPICS,
    Answer,
    Aspect,
    AwarenessRules,
    Checklist,
    ChecklistItem,
    Content,
    DeadlineDays,
    InterviewRules,
    InterviewScore,
    Option,
    Question,
    QuestionBank,
    QuizRules,
    QuizScore,
    Rules,
    ScoreReason,
)
from app.models.content.scoring import awareness_passed, awareness_rate, is_correct, score_interview, score_quiz

__all__ = [
    "AWARENESS_KINDS",
    "Answer",
    "Aspect",
    "AwarenessRules",
    "Checklist",
    "ChecklistItem",
    "Content",
    "DeadlineDays",
    "EVIDENCE_VALUES",
    "GRADES",
    "INTERVIEW_KINDS",
    "INTERVIEW_SCORES",
    "InterviewRules",
    "InterviewScore",
    "KINDS",
    "LENIENT_VALUES",
    "MAJOR_VALUES",
    "MAX_DEADLINE_DAYS",
    "OPTION_KEYS",
    "Option",
    "QUESTION_TYPES",
    "QUIZ_KINDS",
    "Question",
    "QuestionBank",
    "QuizRules",
    "QuizScore",
    "REGIONS",
    "Rules",
    "SHIPPED_CHECKLIST",
    "STATUSES",
    "ScoreReason",
    "TEMPLATE_SHAPES",
    "TOPICS",
    "awareness_passed",
    "awareness_rate",
    "bank_from_dict",
    "checklist_from_dict",
    "content_digest",
    "draw_interview",
    "draw_quiz",
    "from_dict",
    "is_correct",
    "load_checklist",
    "load_content",
    "load_question_bank",
    "score_interview",
    "score_quiz",
    "to_dict",
]
