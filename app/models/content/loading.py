"""Loading shipped or stored content, its canonical form and digest."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.models.content.checklists import build_checklist, checklist_dict
from app.models.content.model import KINDS, SHIPPED_CHECKLIST, Checklist, Content, QuestionBank, digest_of
from app.models.content.question_banks import bank_dict, build_bank
from app.models.datafile import read_toml
from app.resources import resource_path

# ---------------------------------------------------------------------------------------------------- loading


def load_checklist(path: Path | None = None) -> Checklist:
    path = path or resource_path("checklists", SHIPPED_CHECKLIST)
    return build_checklist(read_toml(path), path.name)


def load_question_bank(kind: str, path: Path | None = None) -> QuestionBank:
    if kind not in KINDS:
        raise ValueError(f"unknown question bank kind {kind!r}")
    path = path or resource_path("questions", f"{kind}.toml")
    return build_bank(read_toml(path), path.name, expected_kind=kind)


def load_content(checklist_path: Path | None = None, questions_dir: Path | None = None) -> Content:
    """The checklist and every question bank, from the shipped resources unless told otherwise."""
    banks = {
        kind: load_question_bank(kind, questions_dir / f"{kind}.toml" if questions_dir else None) for kind in KINDS
    }
    return Content(checklist=load_checklist(checklist_path), banks=banks)


def checklist_from_dict(data: Mapping[str, Any], source: str = "<database>") -> Checklist:
    return build_checklist(data, source)


def bank_from_dict(data: Mapping[str, Any], source: str = "<database>") -> QuestionBank:
    return build_bank(data, source)


def from_dict(data: Mapping[str, Any], source: str = "<database>") -> Checklist | QuestionBank:
    """Rebuild whichever content `data` holds (the output of `to_dict`, e.g. from the database)."""
    if isinstance(data, Mapping) and "questions" in data:
        return bank_from_dict(data, source)
    return checklist_from_dict(data, source)


# ---------------------------------------------------------------------------------------------------- canonical form


def to_dict(obj: Checklist | QuestionBank) -> dict[str, Any]:
    """The canonical plain-data form: what the database stores and what the digest covers (not the digest)."""
    if isinstance(obj, Checklist):
        return checklist_dict(obj)
    if isinstance(obj, QuestionBank):
        return bank_dict(obj)
    raise TypeError(f"not content: {type(obj).__name__}")


def content_digest(obj: Checklist | QuestionBank) -> str:
    return digest_of(to_dict(obj))
