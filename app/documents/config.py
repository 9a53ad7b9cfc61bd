"""Place-dependent wording of the enforcement documents, loaded from resources/documents/config.toml.

The file is edited by hand (another district, a township office issuing in its own name, a new remedy body), so
every field is checked on load and a problem raises `ContentError` naming the file, the field and the reason.
Texts carry `{placeholders}`; each text may use only the placeholders the renderer fills for it, so a typo is
caught when the file is loaded, not when a document is printed on site.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.errors import ContentError
from app.models.datafile import read_toml
from app.resources import resource_path

DOC_TYPES: tuple[str, ...] = ("RECORD", "ORDER", "DECISION", "RECHECK")

REMEDY_FIELDS = frozenset({"doc_kind", "reconsideration_days", "reconsideration_body", "litigation_months", "court"})
# Per document type: the texts it must have and the placeholders each may use.
TEXTS: Mapping[str, Mapping[str, frozenset[str]]] = {
    "RECORD": {"notice": frozenset({"issuer"}), "confirm": frozenset()},
    "ORDER": {
        "findings": frozenset({"date"}),
        "order": frozenset({"count"}),
        "during": frozenset(),
        "basis": frozenset({"basis"}),
    },
    "DECISION": {"facts": frozenset({"date"}), "basis": frozenset({"basis"}), "during": frozenset()},
    "RECHECK": {
        "reference": frozenset({"ref_date", "ref_title", "ref_no"}),
        "all_fixed": frozenset(),
        "not_fixed": frozenset(),
    },
}


@dataclass(frozen=True)
class Remedy:
    reconsideration_body: str
    court: str
    reconsideration_days: int
    litigation_months: int
    text: str

    def clause(self, doc_kind: str) -> str:
        """The 复议 / 诉讼 sentence for one document kind (决定, 指令书 …)."""
        return self.text.format(
            doc_kind=doc_kind,
            reconsideration_days=self.reconsideration_days,
            reconsideration_body=self.reconsideration_body,
            litigation_months=self.litigation_months,
            court=self.court,
        )


@dataclass(frozen=True)
class DocTypeConfig:
    doc_type: str
    title: str
    number_word: str  # 检记 / 责改 / 现决 / 复查
    doc_kind: str  # how the remedy clause names the document: 本决定, 本指令书 …
    seal: bool  # whether a seal area is printed
    texts: Mapping[str, str]

    def text(self, key: str, **values: Any) -> str:
        return self.texts[key].format(**values)


@dataclass(frozen=True)
class DocumentConfig:
    issuer_name: str
    issuer_short: str
    number_prefix: str
    remedy: Remedy
    types: Mapping[str, DocTypeConfig]
    source: str

    def type(self, doc_type: str) -> DocTypeConfig:
        return self.types[doc_type]

    def number_code(self, doc_type: str) -> str:
        """The number word with its prefix, e.g. 应急检记."""
        return self.number_prefix + self.types[doc_type].number_word


def _fail(file: str, field: str, zh: str, en: str) -> ContentError:
    return ContentError(file, field, zh, en)


def _text(file: str, table: Mapping[str, Any], key: str, path: str, allowed: frozenset[str] | None = None) -> str:
    field = f"{path}.{key}" if path else key
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(file, field, "缺少文字或不是文字", "missing or not a non-empty string")
    if allowed is not None:
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError as exc:
            raise _fail(file, field, f"花括号不成对：{exc}", f"unbalanced braces: {exc}") from exc
        unknown = sorted(n for n in names if n not in allowed)
        if unknown:
            ok = "、".join(sorted(allowed)) or "无"
            raise _fail(
                file,
                field,
                f"未知的占位符 {{{unknown[0]}}}（可用：{ok}）",
                f"unknown placeholder {{{unknown[0]}}} (allowed: {', '.join(sorted(allowed)) or 'none'})",
            )
    return value.strip()


def _table(file: str, data: Mapping[str, Any], key: str, path: str = "") -> Mapping[str, Any]:
    value = data.get(key)
    field = f"{path}.{key}" if path else key
    if not isinstance(value, Mapping):
        raise _fail(file, field, "缺少该表", "missing table")
    return value


def _int(file: str, table: Mapping[str, Any], key: str, path: str, low: int, high: int) -> int:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _fail(file, f"{path}.{key}", f"须为 {low} 到 {high} 之间的整数", f"must be an integer from {low} to "
                                                                       f"{high}")
    return value


def config_from_dict(data: Mapping[str, Any], file: str = "<config>") -> DocumentConfig:
    issuer = _table(file, data, "issuer")
    remedy_t = _table(file, data, "remedy")
    remedy = Remedy(
        reconsideration_body=_text(file, remedy_t, "reconsideration_body", "remedy"),
        court=_text(file, remedy_t, "court", "remedy"),
        reconsideration_days=_int(file, remedy_t, "reconsideration_days", "remedy", 1, 365),
        litigation_months=_int(file, remedy_t, "litigation_months", "remedy", 1, 60),
        text=_text(file, remedy_t, "text", "remedy", REMEDY_FIELDS),
    )
    documents = _table(file, data, "documents")
    unknown = sorted(set(documents) - set(DOC_TYPES))
    if unknown:
        raise _fail(
            file,
            f"documents.{unknown[0]}",
            f"未知的文书类型（可用：{'、'.join(DOC_TYPES)}）",
            f"unknown document type (known: {', '.join(DOC_TYPES)})",
        )
    types: dict[str, DocTypeConfig] = {}
    for doc_type in DOC_TYPES:
        path = f"documents.{doc_type}"
        t = _table(file, documents, doc_type, "documents")
        seal = t.get("seal")
        if not isinstance(seal, bool):
            raise _fail(file, f"{path}.seal", "须为 true 或 false", "must be true or false")
        types[doc_type] = DocTypeConfig(
            doc_type=doc_type,
            title=_text(file, t, "title", path),
            number_word=_text(file, t, "number_word", path),
            doc_kind=_text(file, t, "doc_kind", path),
            seal=seal,
            texts={key: _text(file, t, key, path, allowed) for key, allowed in TEXTS[doc_type].items()},
        )
    return DocumentConfig(
        issuer_name=_text(file, issuer, "name", "issuer"),
        issuer_short=_text(file, issuer, "short", "issuer"),
        number_prefix=_text(file, issuer, "number_prefix", "issuer"),
        remedy=remedy,
        types=types,
        source=file,
    )


def load_document_config(path: Path | None = None) -> DocumentConfig:
    """Load and validate the configuration (the shipped file by default)."""
    path = path or resource_path("documents", "config.toml")
    data = read_toml(path)
    return config_from_dict(data, path.name)


@lru_cache(maxsize=1)
def shipped_config() -> DocumentConfig:
    return load_document_config()
