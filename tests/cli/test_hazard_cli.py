"""`hazards` and `hazard …`: following a hazard to 销号 from the command line."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.models.workspace import Workspace
from tests.support import build_site, cli_call


def test_a_hazard_is_reported_rechecked_and_refused_closure_without_the_document(tmp_path, capsys):
    data = tmp_path / "data"
    with Workspace(data) as ws:
        site = build_site(ws, now=datetime(2026, 11, 23, 9, 30))
        item = ws.inspections.applicable_items(site.inspection, site.tenant)[0].code
        hazard = ws.inspections.record_verdict(site.inspection, site.tenant, item, "NONCOMPLIANT", "通道堵塞").hazard_id
    assert hazard is not None
    status, out, _ = cli_call(capsys, "--data-dir", data, "--lang", "zh", "hazards")
    assert status == 0 and hazard in out and "整改中" in out
    status, out, _ = cli_call(capsys, "--data-dir", data, "--lang", "zh", "hazard", "submit", hazard,
                              "--evidence", "货物已清理")
    assert status == 0 and "待复查" in out
    status, _, err = cli_call(capsys, "--data-dir", data, "--lang", "zh", "hazard", "recheck", hazard,
                              "--officer", "张明", "--pass")
    assert status == 1 and "整改复查意见书" in err
    later = (datetime.now() + timedelta(days=10)).date().isoformat()
    status, out, _ = cli_call(capsys, "--data-dir", data, "--lang", "zh", "hazard", "recheck", hazard,
                              "--officer", "浙应执 0123", "--fail", "--deadline", later)
    assert status == 0 and f"整改中（期限 {later}）" in out
    status, _, err = cli_call(capsys, "--data-dir", data, "--lang", "zh", "hazard", "recheck", hazard,
                              "--officer", "无此人", "--fail", "--deadline", later)
    assert status == 1 and "执法人员" in err


def test_coverage_lists_each_township_and_who_is_not_yet_visited(tmp_path, capsys):
    data = tmp_path / "data"
    with Workspace(data) as ws:
        build_site(ws, now=datetime(2026, 11, 23, 9, 30))
    status, out, _ = cli_call(capsys, "--data-dir", data, "--lang", "zh", "coverage", "2026-11-01", "2026-11-30",
                              "--list")
    assert status == 0
    assert "集士港镇  2     0     0%" in out  # the visit is still in progress: it does not count yet
    assert "集士港镇\t宁波恒达五金制品厂" in out
    status, out, _ = cli_call(capsys, "--data-dir", data, "--lang", "zh", "coverage", "2026-11-01", "2026-11-30",
                              "--visits")
    missed = "未完成，有事项未检查，安全员未问，负责人未考"
    assert status == 0 and f"2026-11-23\t宁波恒达五金制品厂\t张明、李华\t{missed}" in out
    status, _, err = cli_call(capsys, "--data-dir", data, "coverage", "2026-13-01", "2026-11-30")
    assert status == 2 and "YYYY-MM-DD" in err


def test_statistics_prints_the_figures_and_saves_them_as_excel(tmp_path, capsys):
    data = tmp_path / "data"
    with Workspace(data) as ws:
        site = build_site(ws, now=datetime(2026, 11, 23, 9, 30))
        item = ws.inspections.applicable_items(site.inspection, site.tenant)[0].code
        ws.inspections.record_verdict(site.inspection, site.tenant, item, "NONCOMPLIANT", "通道堵塞")
    target, report = tmp_path / "统计.xlsx", tmp_path / "统计.pdf"
    status, out, _ = cli_call(capsys, "--data-dir", data, "--lang", "zh", "statistics", "2026-11-01", "2026-11-30",
                              "--excel", target, "--pdf", report)
    assert status == 0 and "集士港镇  2026-11  2" in out and "合计" in out and target.is_file()
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(report.read_bytes())
    text = "".join(pdf[0].get_textpage().get_text_range().split())
    pdf.close()
    assert "检查统计" in text and "集士港镇" in text and "发现隐患" in text and "销号隐患" in text


def test_a_campaign_is_created_listed_and_shown_with_who_is_still_to_visit(tmp_path, capsys):
    data = tmp_path / "data"
    with Workspace(data) as ws:
        build_site(ws, now=datetime(2026, 11, 23, 9, 30))
        far = ws.registry.ensure_org_unit("高桥镇", "township")
        ws.registry.create_enterprise(name="宁波高桥塑料厂", township_id=far)
    status, out, _ = cli_call(capsys, "--data-dir", data, "--lang", "zh", "campaign", "create", "高桥专项",
                              "2026-11-01", "2026-11-30", "--townships", "高桥镇")
    assert status == 0
    status, out, _ = cli_call(capsys, "--data-dir", data, "--lang", "zh", "campaign", "list")
    assert status == 0 and "高桥专项" in out and "TOWNSHIPS" in out
    status, out, _ = cli_call(capsys, "--data-dir", data, "--lang", "zh", "campaign", "show", "高桥专项")
    assert status == 0 and "高桥镇" in out and "一般风险（黄）\t现在\t高桥镇\t宁波高桥塑料厂" in out
    status, _, err = cli_call(capsys, "--data-dir", data, "--lang", "zh", "campaign", "create", "坏", "2026-11-30",
                              "2026-11-01")
    assert status == 1 and "结束日期早于开始日期" in err
    status, _, err = cli_call(capsys, "--data-dir", data, "--lang", "zh", "campaign", "create", "坏", "2026-11-01",
                              "2026-11-30", "--parks", "无此园区")
    assert status == 1 and "园区" in err


def test_a_listed_major_hazard_goes_through_plan_delisting_and_review_on_the_command_line(tmp_path, capsys):
    data = tmp_path / "data"
    with Workspace(data) as ws:
        site = build_site(ws, now=datetime(2026, 11, 23, 9, 30))
        item = ws.inspections.applicable_items(site.inspection, site.tenant)[0].code
        hazard = ws.inspections.record_verdict(site.inspection, site.tenant, item, "NONCOMPLIANT", "除尘失效").hazard_id
        ws.inspections.update_hazard(hazard, grade="MAJOR", major_basis="判定标准第三条", interim_controls="停用")
    steps = [
        ("list", "--officer", "张明", "--level", "DISTRICT", "--body", "区安委办", "--notice", "督〔2026〕3号",
         "--date", "2026-11-24"),
        ("plan", "--officer", "张明", "--plan", "三十日内完成改造"),
        ("apply-delisting", "--evidence", "改造完成"),
        ("delist", "--officer", "张明", "--fail", "--reason", "检测报告未提交"),
    ]
    for verb, *rest in steps:
        status, out, err = cli_call(capsys, "--data-dir", data, "--lang", "zh", "hazard", verb, hazard, *rest)
        assert status == 0, err
    assert "隐患状态：治理中" in out  # the review sent it back to remediation
    status, _, err = cli_call(capsys, "--data-dir", data, "--lang", "zh", "hazard", "delist", hazard, "--officer",
                              "张明", "--pass")
    assert status == 1 and err  # not applied for again, and no signed opinion: refused with the rule's reason
