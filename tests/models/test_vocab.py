"""Every code the program writes or shows has its labels in resources/vocab (one source of words for codes)."""

from __future__ import annotations

import pytest

from app import errors
from app.models import hazard_flow, risk, signatures, vocab
from app.sync import conflicts, exchange, trust


@pytest.mark.parametrize(("kind", "codes"), [
    ("signer_roles", signatures.ROLES),
    ("device_roles", trust.ROLES),
    ("conflict_kinds", conflicts.KINDS),
    ("import_outcomes", (exchange.IMPORTED, exchange.ALREADY, exchange.REFUSED, exchange.RECEIPT_APPLIED)),
    ("document_types", ("RECORD", "ORDER", "DECISION", "RECHECK")),
    ("document_statuses", ("DRAFT", "SIGNED", "SERVED", "VOID")),
    ("hazard_closures", hazard_flow.CLOSURES),
    ("listing_levels", hazard_flow.LISTING_LEVELS),
    ("extension_decisions", ("APPROVED", "REJECTED")),
    ("hazard_actions", tuple(hazard_flow.shipped_lifecycle().actions)),
    ("risk_reasons", (*risk.CONDITIONS, "default")),
])
def test_every_code_has_a_label(kind, codes):
    assert set(codes) <= set(vocab.codes(kind))


def test_labels_follow_the_language(monkeypatch):
    saved = errors.language()
    try:
        errors.set_language("en")
        assert vocab.label("document_types", "ORDER") == "Rectification order"
        errors.set_language("zh")
        assert vocab.label("document_types", "ORDER") == "责令限期整改指令书"
        assert vocab.label("document_types", "UNKNOWN") == "UNKNOWN"
    finally:
        errors.set_language(saved)


def test_each_verdict_has_its_mark_and_colour():
    for code in vocab.codes("verdicts"):
        entry = vocab.vocab()["verdicts"][code]
        assert entry["mark"] and entry["colour"].startswith("#")
