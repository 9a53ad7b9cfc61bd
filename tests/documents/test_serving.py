"""Serving (送达): only a signed document becomes SERVED; the date is the change log's; backdating is refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.documents.issuing import Documents
from app.errors import UserError, ValidationError
from tests.documents.test_render import TODAY, visit  # noqa: F401 - the fixture
from tests.support import change_count

PASS = "正确的口令123"


@pytest.fixture
def signed(visit):  # noqa: F811
    ws = visit["ws"]
    docs = Documents(ws)
    inspector = ws.roster.inspectors()[0]["id"]
    docs.setup_standalone(inspector, PASS)
    document_id = docs.issue("ORDER", visit["inspection"], visit["tenant"], issued_on=TODAY.date())
    docs.sign(document_id, inspector, PASS)
    return docs, document_id


def test_serve_moves_a_signed_document_to_served_and_keeps_the_time(signed):
    docs, document_id = signed
    sha = docs.get(document_id)["file_sha256"]
    assert docs.served_at(document_id) is None
    before = datetime.now().astimezone() - timedelta(seconds=5)
    docs.serve(document_id, served_on=TODAY.date())
    row = docs.get(document_id)
    assert row["status"] == "SERVED" and row["file_sha256"] == sha  # the signed file is untouched
    served = docs.served_at(document_id)
    assert served is not None and before <= served <= datetime.now().astimezone() + timedelta(seconds=5)
    entry = [e for e in docs.store.history("document", document_id) if e.column == "status"][-1]
    assert entry.value == "SERVED" and entry.author == "tester"
    assert [r["id"] for r in docs.list(status="SERVED")] == [document_id]


def test_serve_is_refused_unless_signed(signed, visit):  # noqa: F811
    docs, signed_id = signed
    draft = docs.issue("ORDER", visit["inspection"], visit["tenant"], issued_on=TODAY.date())
    before = change_count(visit["ws"])
    with pytest.raises(UserError) as caught:
        docs.serve(draft)
    assert caught.value.code == "document.not_servable" and "草稿" in caught.value.message
    assert "只有已签名的文书才能登记送达" in caught.value.message
    docs.serve(signed_id)
    with pytest.raises(UserError) as caught:
        docs.serve(signed_id)
    assert "已送达" in caught.value.message
    docs.void(draft, "重复出具")
    with pytest.raises(UserError) as caught:
        docs.serve(draft)
    assert "已作废" in caught.value.message
    assert docs.get(draft)["status"] == "VOID"
    assert change_count(visit["ws"]) == before + 3  # serve: status; void: status and reason; refusals: nothing


def test_a_backdated_service_is_refused(signed):
    docs, document_id = signed
    with pytest.raises(ValidationError) as caught:
        docs.serve(document_id, served_on=date(2026, 11, 20))
    assert caught.value.code == "document.served_on" and "2026-11-20" in caught.value.message
    assert docs.get(document_id)["status"] == "SIGNED"


def test_a_served_document_can_still_be_superseded(signed):
    docs, document_id = signed
    docs.serve(document_id)
    new_id = docs.supersede(document_id, "送达后发现企业名称有误", issued_on=TODAY.date())
    assert docs.get(document_id)["status"] == "VOID" and docs.get(new_id)["supersedes_id"] == document_id
    assert docs.served_at(document_id) is not None  # the history keeps that it had been served
