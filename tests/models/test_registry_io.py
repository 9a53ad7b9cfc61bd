from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app.errors import UserError, ValidationError, set_language
from app.models.registry import Registry
from app.models.registry_io import (
    HEADERS,
    RegistryImportError,
    export_registry,
    import_registry,
)
from app.models.uscc import check_character
from app.models.workspace import Workspace


def uscc(n: int) -> str:
    body = f"91330212MA{n:07d}"
    return body + check_character(body)


def bad_check(code: str) -> str:
    return code[:-1] + ("1" if code[-1] != "1" else "2")


LANDLORD = uscc(1)
TENANT = uscc(2)
OTHER = uscc(3)

FULL_HEADER = list(HEADERS)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace(tmp_path / "data")
    yield workspace
    workspace.close()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace(tmp_path / "other")
    yield workspace
    workspace.close()


def changes(ws: Workspace) -> int:
    return int(ws.db.conn.execute("SELECT count(*) FROM change").fetchone()[0])


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], title: str = "Sheet1", before: str | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    if before:
        sheet.title = before
        sheet.append(["这一页不是名录"])
        sheet = book.create_sheet(title)
    else:
        sheet.title = title
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def basic_rows() -> list[list[Any]]:
    """Tenant first, its landlord later: references must not depend on row order."""
    return [
        FULL_HEADER,
        ["乙承租公司", TENANT, "承租方", "龙山镇某路2号", "龙山镇", "龙山小微园", "甲出租公司", "机械制造", 12,
         "黄", "李四", "13900000000", "王五", "13700000000", "是", "2024-03-01"],
        ["甲出租公司", LANDLORD, "出租方", "龙山镇某路1号", "龙山镇", "龙山小微园", "", "", 5,
         "", "张三", "13800000000", "", "", "", ""],
    ]


def snapshot(registry: Registry) -> dict[str, dict[str, Any]]:
    """Everything the register carries, keyed by enterprise name, with names instead of ids."""
    db = registry.store.db
    out: dict[str, dict[str, Any]] = {}
    for e in db.query(
        """SELECT e.*, t.name AS township, p.name AS park FROM enterprise e
           LEFT JOIN org_unit t ON t.id = e.township_id LEFT JOIN park p ON p.id = e.park_id WHERE e.deleted = 0"""
    ):
        people = {
            p["role"]: (p["name"], p["phone"])
            for p in db.query("SELECT role, name, phone FROM person WHERE enterprise_id = ? AND deleted = 0", [e["id"]])
        }
        leases = sorted(
            (r["landlord"], r["agreement_signed"], r["agreement_date"])
            for r in db.query(
                """SELECT lo.name AS landlord, l.agreement_signed, l.agreement_date FROM lease l
                   JOIN enterprise lo ON lo.id = l.landlord_id WHERE l.tenant_id = ? AND l.deleted = 0""",
                [e["id"]],
            )
        )
        out[e["name"]] = {
            k: e[k]
            for k in (
                "uscc", "address", "township", "park", "industry", "employees", "is_landlord", "is_tenant",
                "is_operator", "phone", "risk_grade",
            )
        } | {"people": people, "leases": leases}
    return out


# Reading formats


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings(ws: Workspace, tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "名录.csv", basic_rows(), encoding)
    report = import_registry(ws, path)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    snap = snapshot(ws.registry)
    tenant = snap["乙承租公司"]
    assert tenant["uscc"] == TENANT
    assert tenant["township"] == "龙山镇" and tenant["park"] == "龙山小微园"
    assert tenant["employees"] == 12 and tenant["risk_grade"] == "YELLOW"
    assert tenant["is_tenant"] == 1 and tenant["is_landlord"] == 0
    assert tenant["people"] == {"principal": ("李四", "13900000000"), "safety_officer": ("王五", "13700000000")}
    assert tenant["leases"] == [("甲出租公司", 1, "2024-03-01")]
    landlord = snap["甲出租公司"]
    assert landlord["is_landlord"] == 1 and landlord["is_tenant"] == 0
    assert landlord["people"] == {"principal": ("张三", "13800000000")}


def test_xlsx_with_numbers_dates_and_named_sheet(ws: Workspace, tmp_path: Path) -> None:
    rows = basic_rows()
    rows[1][8] = 12.0  # headcount typed as a float
    rows[1][9] = "较大风险（橙）"
    rows[1][11] = 13900000000  # phone typed as a number
    rows[1][14] = True
    rows[1][15] = dt.datetime(2024, 3, 1)
    rows[2][8] = 5.0
    path = write_xlsx(tmp_path / "名录.xlsx", rows, title="企业名录", before="说明")
    report = import_registry(ws, path)
    assert report.created == 2
    tenant = snapshot(ws.registry)["乙承租公司"]
    assert tenant["employees"] == 12 and tenant["risk_grade"] == "ORANGE"
    assert tenant["people"]["principal"] == ("李四", "13900000000")
    assert tenant["leases"] == [("甲出租公司", 1, "2024-03-01")]
    assert snapshot(ws.registry)["甲出租公司"]["employees"] == 5


def test_xlsx_first_sheet_when_no_named_sheet(ws: Workspace, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", basic_rows(), title="Sheet1")
    assert import_registry(ws, path).created == 2


def test_aliases_spaces_title_row_and_unknown_columns(ws: Workspace, tmp_path: Path) -> None:
    rows = [
        ["龙山镇出租厂房企业名录（2024年）"],
        ["序号", "企业 名称", "统一社会信用代码/注册号", "角色", "镇（街道）", "所属园区/出租方", "从业人数（人）",
         "负责人", "联系电话", "安全员", "联系电话", "是否签订安全协议", "签订日期", "备注"],
        [1, "甲出租公司", LANDLORD, "出租方", "龙山镇", "龙山小微园", 5, "张三", "13800000000", "", "", "", "", "x"],
        [2, "乙承租公司", "", "承租方", "龙山镇", "甲出租公司", 12, "李四", "13900000000", "王五", "13700000000",
         "已签", "2024年3月1日", ""],
        [3, "丙承租公司", "", "承租方", "龙山镇", LANDLORD, 3, "", "", "", "", "否", "", ""],
    ]
    rows[1][1] = "企业\u3000名称 "  # a full-width space inside, a half-width one after
    path = write_csv(tmp_path / "a.csv", rows)
    report = import_registry(ws, path)
    assert report.created == 3
    assert any("备注" in w for w in report.warnings)
    assert not any("序号" in w for w in report.warnings)
    snap = snapshot(ws.registry)
    assert snap["甲出租公司"]["park"] == "龙山小微园" and snap["甲出租公司"]["is_landlord"] == 1
    tenant = snap["乙承租公司"]
    assert tenant["park"] is None
    assert tenant["leases"] == [("甲出租公司", 1, "2024-03-01")]
    assert tenant["people"] == {"principal": ("李四", "13900000000"), "safety_officer": ("王五", "13700000000")}
    assert snap["丙承租公司"]["leases"] == [("甲出租公司", 0, None)]


def test_combined_column_naming_an_enterprise_is_a_lease_and_anything_else_a_park(
    ws: Workspace, tmp_path: Path
) -> None:
    registered = ws.registry.create_enterprise(name="丁公司")  # in the registry, no landlord yet
    rows = [
        ["名称", "所属园区/出租方", "角色"],
        ["甲公司", "滨海小微园", ""],
        ["乙公司", "甲公司", ""],  # a row of this file, given no role: a lease all the same
        ["丙公司", "丁公司", ""],  # an enterprise of the registry
    ]
    import_registry(ws, write_csv(tmp_path / "a.csv", rows))
    snap = snapshot(ws.registry)
    assert snap["甲公司"]["park"] == "滨海小微园" and snap["甲公司"]["is_landlord"] == 1
    assert snap["乙公司"]["park"] is None and snap["乙公司"]["leases"] == [("甲公司", 0, None)]
    assert snap["丙公司"]["leases"] == [("丁公司", 0, None)]
    assert ws.registry.get_enterprise(registered)["is_landlord"] == 1
    assert "甲公司" not in {p["name"] for p in ws.registry.parks()}


def test_rows_identical_after_normalisation_are_one_enterprise_with_a_notice(ws: Workspace, tmp_path: Path) -> None:
    rows = [
        ["名称", "统一社会信用代码", "角色", "从业人数", "主要负责人", "联系电话"],
        ["甲出租公司", LANDLORD, "出租方", 5, "张三", "13800000000"],
        ["乙承租公司", TENANT, "承租方", 12, "李四", "13900000000"],
        [" 甲出租公司\u3000", LANDLORD.lower(), "出租方", "5", "张三", "138 0000 0000"],  # row 4: the same again
    ]
    report = import_registry(ws, write_csv(tmp_path / "a.csv", rows))
    assert report.created == 2 and ws.registry.count() == 2
    [notice] = [w for w in report.warnings if "内容相同" in w]
    assert "第 4 行" in notice and "第 2 行" in notice and "甲出租公司" in notice


def test_rows_naming_one_enterprise_but_differing_are_still_refused(ws: Workspace, tmp_path: Path) -> None:
    rows = [
        ["名称", "统一社会信用代码", "从业人数"],
        ["甲出租公司", LANDLORD, 5],
        ["甲出租公司", LANDLORD, 6],  # row 3: the same firm with another headcount is a contradiction
    ]
    with pytest.raises(RegistryImportError) as info:
        import_registry(ws, write_csv(tmp_path / "a.csv", rows))
    assert [(e.row, e.code) for e in info.value.errors] == [(3, "registry.duplicate_uscc"),
                                                           (3, "registry.duplicate_name")]
    assert ws.registry.count() == 0


def test_missing_name_column_is_a_file_error(ws: Workspace, tmp_path: Path) -> None:
    before = changes(ws)
    path = write_csv(tmp_path / "a.csv", [["统一社会信用代码", "地址"], [LANDLORD, "某路1号"]])
    with pytest.raises(RegistryImportError) as info:
        import_registry(ws, path)
    assert info.value.code == "registry.missing_column"
    assert "a.csv" in str(info.value)
    assert [(e.row, e.column) for e in info.value.errors] == [(1, "名称")]
    assert changes(ws) == before


# Landlord references


def test_landlord_by_credit_code_and_several_landlords(ws: Workspace, tmp_path: Path) -> None:
    rows = [
        ["名称", "统一社会信用代码", "角色", "出租方"],
        ["乙承租公司", TENANT, "", f"{LANDLORD}、丙出租公司"],
        ["甲出租公司", LANDLORD, "出租方", ""],
        ["丙出租公司", OTHER, "出租方", ""],
    ]
    import_registry(ws, write_csv(tmp_path / "a.csv", rows))
    tenant = snapshot(ws.registry)["乙承租公司"]
    assert [lease[0] for lease in tenant["leases"]] == ["丙出租公司", "甲出租公司"]
    assert tenant["is_tenant"] == 1  # implied by the landlord column


def test_landlord_already_in_registry(ws: Workspace, tmp_path: Path) -> None:
    landlord_id = ws.registry.create_enterprise(name="甲出租公司", uscc=LANDLORD)
    rows = [["名称", "出租方"], ["乙承租公司", "甲出租公司"]]
    import_registry(ws, write_csv(tmp_path / "a.csv", rows))
    assert ws.registry.get_enterprise(landlord_id)["is_landlord"] == 1
    assert snapshot(ws.registry)["乙承租公司"]["leases"] == [("甲出租公司", 0, None)]


def test_unknown_and_self_landlord_are_row_errors(ws: Workspace, tmp_path: Path) -> None:
    rows = [["名称", "出租方"], ["乙承租公司", "不存在公司"], ["丙公司", "丙公司"]]
    with pytest.raises(RegistryImportError) as info:
        import_registry(ws, write_csv(tmp_path / "a.csv", rows))
    assert [(e.row, e.column, e.code) for e in info.value.errors] == [
        (2, "出租方", "registry.unknown_landlord"),
        (3, "出租方", "lease.self"),
    ]
    assert ws.registry.count() == 0


# All or nothing


def test_one_bad_row_among_good_ones_writes_nothing(ws: Workspace, tmp_path: Path) -> None:
    ws.registry.create_enterprise(name="已有公司")
    before = changes(ws)
    rows = [
        ["名称", "统一社会信用代码", "角色", "从业人数", "风险等级", "安全协议签订", "协议签订日期"],
        ["好公司一", uscc(10), "出租方", 3, "", "", ""],
        ["坏校验位", bad_check(uscc(11)), "", 3, "", "", ""],  # row 3
        ["负人数", uscc(12), "", -4, "", "", ""],  # row 4
        ["坏角色", uscc(13), "房客", "", "", "", ""],  # row 5
        ["", uscc(14), "承租方", 1, "", "", ""],  # row 6
        ["重复代码", uscc(10), "", "", "", "", ""],  # row 7
        ["好公司二", uscc(15), "承租方", 2, "蓝", "是", "2024-01-02"],
        ["坏等级", "", "", "", "紫色", "也许", "明天"],  # row 9
        ["好公司一", "", "", "", "", "", ""],  # row 10: duplicate name
    ]
    path = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(RegistryImportError) as info:
        import_registry(ws, path)
    found = [(e.row, e.column, e.code) for e in info.value.errors]
    assert found == [
        (3, "统一社会信用代码", "uscc.check"),
        (4, "从业人数", "enterprise.employees"),
        (5, "角色", "registry.role"),
        (6, "名称", "field.required"),
        (7, "统一社会信用代码", "registry.duplicate_uscc"),
        (9, "风险等级", "registry.risk_grade"),
        (9, "安全协议签订", "registry.yes_no"),
        (9, "协议签订日期", "registry.date"),
        (10, "名称", "registry.duplicate_name"),
    ]
    error = info.value
    assert error.code == "registry.invalid_rows"
    assert "bad.csv" in error.zh and "第 3 行" in error.zh and "校验位" in error.zh
    assert "Row 3" in error.en and "check character" in error.en
    assert all(e.zh and e.en and e.message for e in error.errors)
    assert changes(ws) == before
    assert ws.registry.count() == 1


def test_messages_follow_language(ws: Workspace, tmp_path: Path) -> None:
    rows = [["名称", "从业人数"], ["甲", "很多"]]
    set_language("en")
    try:
        with pytest.raises(RegistryImportError) as info:
            import_registry(ws, write_csv(tmp_path / "a.csv", rows))
        assert str(info.value).startswith("File a.csv has 1 error")
        assert "Headcount" in info.value.errors[0].message
        assert str(info.value.errors[0]).startswith("Row 2, column 从业人数")
    finally:
        set_language("zh")


# Idempotence and matching


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_reimport_changes_nothing(ws: Workspace, tmp_path: Path, suffix: str) -> None:
    rows = basic_rows()
    path = write_csv(tmp_path / "a.csv", rows) if suffix == ".csv" else write_xlsx(tmp_path / "a.xlsx", rows)
    import_registry(ws, path)
    before, snap = changes(ws), snapshot(ws.registry)
    report = import_registry(ws, path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert changes(ws) == before
    assert snapshot(ws.registry) == snap


def test_changed_field_is_the_only_write(ws: Workspace, tmp_path: Path) -> None:
    rows = basic_rows()
    import_registry(ws, write_csv(tmp_path / "a.csv", rows))
    before = changes(ws)
    rows[2][3] = "龙山镇新路8号"
    report = import_registry(ws, write_csv(tmp_path / "b.csv", rows))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert changes(ws) == before + 1
    assert snapshot(ws.registry)["甲出租公司"]["address"] == "龙山镇新路8号"


def test_blank_cells_keep_stored_values(ws: Workspace, tmp_path: Path) -> None:
    import_registry(ws, write_csv(tmp_path / "a.csv", basic_rows()))
    snap = snapshot(ws.registry)
    sparse = [["名称", "统一社会信用代码", "地址", "主要负责人", "安全协议签订"], ["乙承租公司", TENANT, "", "", ""]]
    before = changes(ws)
    report = import_registry(ws, write_csv(tmp_path / "b.csv", sparse))
    assert report.unchanged == 1
    assert changes(ws) == before
    assert snapshot(ws.registry) == snap


def test_match_by_name_and_township_fills_credit_code(ws: Workspace, tmp_path: Path) -> None:
    township = ws.registry.ensure_org_unit("龙山镇", "township")
    elsewhere = ws.registry.ensure_org_unit("观海卫镇", "township")
    here = ws.registry.create_enterprise(name="同名公司", township_id=township)
    there = ws.registry.create_enterprise(name="同名公司", township_id=elsewhere)
    rows = [["名称", "统一社会信用代码", "镇街", "行业"], ["同名公司", OTHER, "龙山镇", "纺织"]]
    report = import_registry(ws, write_csv(tmp_path / "a.csv", rows))
    assert (report.created, report.updated) == (0, 1)
    assert ws.registry.get_enterprise(here)["uscc"] == OTHER
    assert ws.registry.get_enterprise(there)["uscc"] is None
    assert ws.registry.count() == 2
    # Without a township the name alone is ambiguous.
    with pytest.raises(RegistryImportError) as info:
        import_registry(ws, write_csv(tmp_path / "b.csv", [["名称", "行业"], ["同名公司", "纺织"]]))
    assert info.value.errors[0].code == "registry.ambiguous_name"


def test_match_by_credit_code_renames(ws: Workspace, tmp_path: Path) -> None:
    eid = ws.registry.create_enterprise(name="旧名称公司", uscc=LANDLORD)
    renamed = write_csv(tmp_path / "a.csv", [["名称", "统一社会信用代码"], ["新名称公司", LANDLORD]])
    report = import_registry(ws, renamed)
    assert report.updated == 1 and ws.registry.count() == 1
    assert ws.registry.get_enterprise(eid)["name"] == "新名称公司"


def test_existing_people_are_updated_not_duplicated(ws: Workspace, tmp_path: Path) -> None:
    import_registry(ws, write_csv(tmp_path / "a.csv", basic_rows()))
    rows = basic_rows()
    rows[1][10], rows[1][11] = "赵六", ""  # a new principal; the old one's phone must not stay
    import_registry(ws, write_csv(tmp_path / "b.csv", rows))
    eid = ws.registry.find_by_uscc(TENANT)
    assert eid is not None
    principals = [p for p in ws.registry.people(eid) if p["role"] == "principal"]
    assert [(p["name"], p["phone"]) for p in principals] == [("赵六", None)]


# Export and round trip


def build_registry(registry: Registry) -> None:
    longshan = registry.ensure_org_unit("龙山镇", "township")
    guanhai = registry.ensure_org_unit("观海卫镇", "township")
    park = registry.ensure_park("龙山小微园", longshan)
    landlord = registry.create_enterprise(
        name="甲出租公司",
        uscc=LANDLORD,
        address="龙山镇某路1号",
        township_id=longshan,
        park_id=park,
        is_landlord=True,
        employees=5,
        risk_grade="BLUE",
    )
    second = registry.create_enterprise(name="丙出租公司", township_id=longshan, park_id=park, is_landlord=True)
    tenant = registry.create_enterprise(
        name="乙承租公司",
        uscc=TENANT,
        address="龙山镇某路2号",
        township_id=longshan,
        park_id=park,
        industry="机械制造",
        employees=12,
        risk_grade="RED",
        is_tenant=True,
    )
    operator = registry.create_enterprise(
        name="园区运营公司", uscc=OTHER, township_id=longshan, park_id=park, is_operator=True, phone="057488888888"
    )
    registry.create_enterprise(name="独立公司=A", address="=SUM(1)", township_id=guanhai, employees=0)
    registry.set_person(landlord, "principal", "张三", "13800000000")
    registry.set_person(tenant, "principal", "李四", "13900000000")
    registry.set_person(tenant, "safety_officer", "王五", "013700000000")
    registry.set_person(operator, "safety_officer", "钱七", None)
    registry.add_lease(landlord, tenant, agreement_signed=True, agreement_date="2024-03-01")
    registry.add_lease(second, tenant, agreement_signed=True)
    registry.add_lease(landlord, operator)


@pytest.mark.parametrize("name", ["out.csv", "out.xlsx", "OUT.XLSX"])
def test_round_trip(ws: Workspace, fresh: Workspace, tmp_path: Path, name: str) -> None:
    build_registry(ws.registry)
    path = tmp_path / name
    assert export_registry(ws.registry, path) == 5
    report = import_registry(fresh, path)
    assert report.created == 5
    assert snapshot(fresh.registry) == snapshot(ws.registry)
    # Re-importing the export into the workspace it came from changes nothing.
    before = changes(ws)
    report = import_registry(ws, path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert changes(ws) == before
    # And exporting the copy gives the same table.
    again = tmp_path / f"again{path.suffix}"
    export_registry(fresh, again)
    assert read_back(again) == read_back(path)


def read_back(path: Path) -> list[list[Any]]:
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.reader(handle))
    book = openpyxl.load_workbook(path)
    try:
        return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def test_csv_export_is_excel_friendly(ws: Workspace, tmp_path: Path) -> None:
    build_registry(ws.registry)
    path = tmp_path / "out.csv"
    export_registry(ws, path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = read_back(path)
    assert rows[0] == list(HEADERS)
    by_name = {r[0]: dict(zip(HEADERS, r, strict=False)) for r in rows[1:]}
    tenant = by_name["乙承租公司"]
    assert tenant["角色"] == "承租方"
    assert tenant["出租方"] == "丙出租公司、甲出租公司"
    assert tenant["风险等级"] == "重大风险（红）"
    # Both agreements signed: one value; only one dated: one date per landlord, in the landlord column's order.
    assert tenant["安全协议签订"] == "是" and tenant["协议签订日期"] == "、2024-03-01"
    assert tenant["安全员电话"] == "\t013700000000"  # kept as text by Excel; the importer strips the tab
    assert by_name["园区运营公司"]["角色"] == "承租方、园区运营方"
    assert by_name["园区运营公司"]["负责人电话"] == "\t057488888888"
    assert by_name["甲出租公司"]["角色"] == "出租方" and by_name["甲出租公司"]["出租方"] == ""


def test_xlsx_export_layout(ws: Workspace, tmp_path: Path) -> None:
    build_registry(ws.registry)
    path = tmp_path / "out.xlsx"
    export_registry(ws.registry, path)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet.title == "企业名录"
    assert [c.value for c in sheet[1]] == list(HEADERS)
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= 10
    values = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["乙承租公司"][HEADERS.index("从业人数")] == 12
    assert values["独立公司=A"][HEADERS.index("地址")] == "=SUM(1)"  # text, not a formula
    book.close()


def test_export_refuses_unknown_suffix(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        export_registry(ws.registry, tmp_path / "out.pdf")
    assert info.value.code == "registry.export_type"
    assert not (tmp_path / "out.pdf").exists()


# Bad files


def test_bad_files(ws: Workspace, tmp_path: Path) -> None:
    cases: list[tuple[str, bytes | None, str]] = [
        ("a.pdf", b"%PDF-1.4", "registry.unsupported_type"),
        ("a.xls", b"\xd0\xcf\x11\xe0", "registry.unsupported_type"),
        ("missing.csv", None, "registry.unreadable"),
        ("empty.csv", b"", "registry.empty"),
        ("blank.csv", b"\xef\xbb\xbf \r\n,,\r\n", "registry.empty"),
        ("empty.xlsx", b"", "registry.empty"),
        ("fake.xlsx", "名称,地址\n甲,乙\n".encode(), "registry.bad_file"),
        ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 100, "registry.bad_file"),
        ("binary.csv", bytes(range(256)) * 4, "registry.bad_file"),
        ("header_only.csv", "名称,地址\n".encode(), "registry.no_rows"),
    ]
    before = changes(ws)
    for name, data, code in cases:
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        with pytest.raises(UserError) as info:
            import_registry(ws, path)
        assert info.value.code == code, name
        assert name in info.value.zh and name in info.value.en, name
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(UserError) as info:
        import_registry(ws, folder)
    assert info.value.code == "registry.unreadable"
    assert changes(ws) == before


def test_xlsx_renamed_as_csv_gets_a_hint(ws: Workspace, tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "a.xlsx", basic_rows())
    path = tmp_path / "a.csv"
    path.write_bytes(source.read_bytes())
    with pytest.raises(UserError) as info:
        import_registry(ws, path)
    assert info.value.code == "registry.bad_file" and ".xlsx" in info.value.zh


# Size


def test_a_large_register_imports_and_reimports_as_a_no_op(ws: Workspace, tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["名称", "统一社会信用代码", "角色", "镇街", "所属园区", "出租方", "从业人数", "主要负责人", "负责人电话"]
    ]
    for i in range(1500):
        if i < 300:
            rows.append(
                [f"出租{i}", uscc(1000 + i), "出租方", f"镇{i % 7}", f"园区{i % 20}", "", 3, f"张{i}", f"138{i:08d}"]
            )
        else:
            rows.append(
                [
                    f"承租{i}",
                    uscc(1000 + i),
                    "承租方",
                    f"镇{i % 7}",
                    f"园区{i % 20}",
                    f"出租{i % 300}",
                    12,
                    f"李{i}",
                    "",
                ]
            )
    path = write_csv(tmp_path / "big.csv", rows)
    assert import_registry(ws, path).created == 1500
    before = changes(ws)
    assert import_registry(ws, path).unchanged == 1500
    assert changes(ws) == before


def test_agreement_per_landlord(ws: Workspace, tmp_path: Path) -> None:
    rows = [
        ["名称", "角色", "出租方", "安全协议签订", "协议签订日期"],
        ["乙承租公司", "承租方", "甲出租公司、丙出租公司", "是、否", "2024-01-05、"],
        ["丁承租公司", "承租方", "甲出租公司", "", "2024-02-01"],  # a date alone means signed
        ["甲出租公司", "出租方", "", "", ""],
        ["丙出租公司", "出租方", "", "", ""],
    ]
    import_registry(ws, write_csv(tmp_path / "a.csv", rows))
    snap = snapshot(ws.registry)
    assert snap["乙承租公司"]["leases"] == [("丙出租公司", 0, None), ("甲出租公司", 1, "2024-01-05")]
    assert snap["丁承租公司"]["leases"] == [("甲出租公司", 1, "2024-02-01")]
    rows[1][3] = "是、否、是"
    with pytest.raises(RegistryImportError) as info:
        import_registry(ws, write_csv(tmp_path / "b.csv", rows))
    assert [(e.row, e.column, e.code) for e in info.value.errors] == [(2, "安全协议签订", "registry.agreement_count")]


def test_agreement_without_landlord_is_a_warning(ws: Workspace, tmp_path: Path) -> None:
    rows = [["名称", "安全协议签订"], ["甲公司", "是"]]
    report = import_registry(ws, write_csv(tmp_path / "a.csv", rows))
    assert report.created == 1
    assert report.warnings == ["第 2 行“安全协议签订”列：没有填写出租方，安全协议信息已忽略"]
