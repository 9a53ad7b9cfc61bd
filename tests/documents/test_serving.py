"""Serving (送达): only a signed document becomes SERVED, with the date, recipient and method of the service; the date
may be earlier than the day it is recorded but not in the future nor before the document was issued."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.documents.issuing import Documents, Service
from app.errors import UserError, ValidationError
from app.models import vocab
from app.models.integrity import check
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


def later(docs, days):
    """Move the inspections' clock `days` after the day the fixture issued its documents."""
    docs.ws.inspections.now = lambda: TODAY + timedelta(days=days)


def test_the_service_methods_are_a_vocabulary():
    assert vocab.codes("service_methods") == ("DIRECT", "LEFT", "POST", "ELECTRONIC", "ANNOUNCEMENT")
    assert [vocab.vocab()["service_methods"][c]["zh"] for c in vocab.codes("service_methods")] == [
        "直接送达", "留置送达", "邮寄送达", "电子送达", "公告送达"]


def test_serve_records_date_recipient_and_method(signed):
    docs, document_id = signed
    sha = docs.get(document_id)["file_sha256"]
    assert docs.service(document_id) is None
    docs.serve(document_id, served_to=" 王建国 ")
    row = docs.get(document_id)
    assert row["status"] == "SERVED" and row["file_sha256"] == sha  # the signed file is untouched
    assert (row["served_on"], row["served_to"], row["service_method"]) == ("2026-11-23", "王建国", "DIRECT")
    service = docs.service(document_id)
    assert service == Service(TODAY.date(), "王建国", "DIRECT")
    assert service.summary() in ("2026-11-23 直接送达 王建国", "2026-11-23 Handed over in person 王建国")
    logged = {e.column: e for e in docs.store.history("document", document_id) if e.column != "file_sha256"}
    assert logged["status"].value == "SERVED" and logged["status"].author == "tester"
    assert logged["served_on"].value == "2026-11-23" and logged["service_method"].value == "DIRECT"
    assert [r["id"] for r in docs.list(status="SERVED")] == [document_id]
    report = check(docs.ws)
    assert report.ok, report.problems


def test_service_recorded_days_later_keeps_the_day_it_happened(signed):
    docs, document_id = signed
    later(docs, 3)
    docs.serve(document_id, served_on=date(2026, 11, 24), served_to="王建国（拒收），见证人：周立新", method="LEFT")
    assert docs.service(document_id) == Service(date(2026, 11, 24), "王建国（拒收），见证人：周立新", "LEFT")


@pytest.mark.parametrize("method", ["POST", "ELECTRONIC", "ANNOUNCEMENT"])
def test_recipient_is_optional_when_not_handed_over(signed, method):
    docs, document_id = signed
    docs.serve(document_id, method=method)
    service = docs.service(document_id)
    assert service.method == method and service.served_to == "" and docs.get(document_id)["served_to"] is None


@pytest.mark.parametrize("served_on, text", [
    (date(2026, 11, 27), "晚于今天（2026-11-26）"),
    (date(2026, 11, 22), "早于文书"),
])
def test_a_service_date_in_the_future_or_before_issue_is_refused(signed, served_on, text):
    docs, document_id = signed
    later(docs, 3)
    before = change_count(docs.ws)
    with pytest.raises(ValidationError) as caught:
        docs.serve(document_id, served_on=served_on, served_to="王建国")
    assert caught.value.code == "document.served_on"
    assert served_on.isoformat() in caught.value.message and text in caught.value.message
    assert docs.get(document_id)["status"] == "SIGNED" and change_count(docs.ws) == before


def test_tomorrow_is_refused_on_the_day_of_issue(signed):
    docs, document_id = signed
    with pytest.raises(ValidationError) as caught:
        docs.serve(document_id, served_on=TODAY.date() + timedelta(days=1), served_to="王建国")
    assert caught.value.code == "document.served_on" and "2026-11-24" in caught.value.message


@pytest.mark.parametrize("method, served_to, text", [
    ("DIRECT", "", "直接送达须填写受送达人"),
    ("DIRECT", "   ", "直接送达须填写受送达人"),
    ("LEFT", "", "见证人"),
])
def test_handing_over_needs_the_recipient(signed, method, served_to, text):
    docs, document_id = signed
    with pytest.raises(ValidationError) as caught:
        docs.serve(document_id, served_to=served_to, method=method)
    assert caught.value.code == "document.served_to" and text in caught.value.message
    assert docs.get(document_id)["status"] == "SIGNED" and docs.service(document_id) is None


def test_an_unknown_method_is_refused(signed):
    docs, document_id = signed
    with pytest.raises(ValidationError) as caught:
        docs.serve(document_id, served_to="王建国", method="PIGEON")
    assert caught.value.code == "document.service_method" and "PIGEON" in caught.value.message
    assert "DIRECT（直接送达）" in caught.value.message
    assert docs.get(document_id)["status"] == "SIGNED"


def test_serve_is_refused_unless_signed(signed, visit):  # noqa: F811
    docs, signed_id = signed
    draft = docs.issue("ORDER", visit["inspection"], visit["tenant"], issued_on=TODAY.date())
    before = change_count(visit["ws"])
    with pytest.raises(UserError) as caught:
        docs.serve(draft, served_to="王建国")
    assert caught.value.code == "document.not_servable" and "草稿" in caught.value.message
    assert "只有已签名的文书才能登记送达" in caught.value.message
    docs.serve(signed_id, served_to="王建国")
    with pytest.raises(UserError) as caught:
        docs.serve(signed_id, served_to="王建国")
    assert "已送达" in caught.value.message
    docs.void(draft, "重复出具")
    with pytest.raises(UserError) as caught:
        docs.serve(draft, served_to="王建国")
    assert "已作废" in caught.value.message
    assert docs.get(draft)["status"] == "VOID"
    # serve: status, date, recipient, method; void: status and reason; refusals: nothing
    assert change_count(visit["ws"]) == before + 6


def test_a_document_served_before_the_service_columns_has_the_logs_date(signed):
    docs, document_id = signed
    docs.store.update("document", document_id, {"status": "SERVED"})  # what the previous version wrote
    service = docs.service(document_id)
    assert service is not None and service.method is None and service.served_to == ""
    assert service.served_on == datetime.now().astimezone().date()
    assert service.summary() == service.served_on.isoformat()


def test_a_served_document_can_still_be_superseded(signed):
    docs, document_id = signed
    docs.serve(document_id, served_to="王建国")
    new_id = docs.supersede(document_id, "送达后发现企业名称有误", issued_on=TODAY.date())
    assert docs.get(document_id)["status"] == "VOID" and docs.get(new_id)["supersedes_id"] == document_id
    assert docs.service(document_id) == Service(TODAY.date(), "王建国", "DIRECT")  # the record stays


def test_serve_from_the_command_line(signed, capsys):
    from tests.support import cli_call

    docs, document_id = signed
    doc_no = docs.get(document_id)["doc_no"]
    data = str(docs.ws.data_dir)
    code, _, err = cli_call(capsys, "--data-dir", data, "serve", doc_no, "--method", "LEFT")
    assert code == 1 and "留置送达" in err  # a refusal to receive needs the person and the witness
    code, out, _ = cli_call(capsys, "--data-dir", data, "serve", doc_no, "--to", "王建国（拒收），见证人李四",
                            "--method", "LEFT")
    assert code == 0 and "留置送达" in out and docs.get(document_id)["status"] == "SERVED"
    code, _, err = cli_call(capsys, "--data-dir", data, "serve", "（鄞）不存在的编号")
    assert code == 1 and "不存在的编号" in err
