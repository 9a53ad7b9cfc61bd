"""Controlled vocabularies (inspection modes, verdicts, grades …) loaded from resources/vocab/vocab.toml."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from app.errors import ContentError, ValidationError, language
from app.resources import resource_path

REQUIRED = (
    "inspection_modes",
    "hazard_sources",
    "verdicts",
    "hazard_grades",
    "hazard_statuses",
    "person_roles",
    "enterprise_roles",
    "risk_grades",
    "service_methods",
    "document_types",
    "document_statuses",
    "signer_roles",
    "device_roles",
    "import_outcomes",
    "conflict_kinds",
    "record_kinds",
    "hazard_closures",
    "listing_levels",
    "extension_decisions",
    "hazard_actions",
    "risk_reasons",
    "recheck_results",
    "recheck_followups",
    "visit_rules",
)


def load_vocab(path: Path) -> dict[str, dict[str, dict[str, str]]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(path.name, "-", f"TOML 语法错误：{exc}", f"TOML syntax error: {exc}") from exc
    for kind in REQUIRED:
        entries = data.get(kind)
        if not isinstance(entries, dict) or not entries:
            raise ContentError(path.name, kind, "缺少或为空", "missing or empty")
        for code, labels in entries.items():
            if not isinstance(labels, dict) or not all(isinstance(labels.get(k), str) for k in ("zh", "en")):
                raise ContentError(path.name, f"{kind}.{code}", "需要 zh 和 en 两个标签", "needs zh and en labels")
    return data


@lru_cache(maxsize=1)
def vocab() -> dict[str, dict[str, dict[str, str]]]:
    return load_vocab(resource_path("vocab", "vocab.toml"))


def codes(kind: str) -> tuple[str, ...]:
    return tuple(vocab()[kind])


def label(kind: str, code: str | None) -> str:
    if code is None:
        return ""
    entry = vocab()[kind].get(code)
    return entry["en" if language() == "en" else "zh"] if entry else code


def require_code(kind: str, code: str, field: str) -> str:
    if code not in vocab()[kind]:
        raise ValidationError(
            "vocab.unknown",
            "{field} 的取值“{value}”无效，可选：{allowed}",
            "Invalid value '{value}' for {field}; allowed: {allowed}",
            field=field,
            value=code,
            allowed=", ".join(codes(kind)),
        )
    return code
