"""The headless command line, run the way a user runs it.

Each `python -m app` subprocess costs about half a second, so the subprocess tests cover what only a real process
shows (exit codes through `sys.exit`, the environment variable, no traceback on stderr, --help) and the many small
cases call `app.cli.main([...])` in-process with capsys instead.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from app.errors import set_language
from app.models import vocab
from app.models.registry_io import HEADERS
from app.models.workspace import Workspace
from app.paths import DB_NAME, ENV_VAR
from tests.support import cli_call as call

REPO = Path(__file__).resolve().parents[2]
COMMANDS = ("init", "demo", "import-registry", "export-registry", "list", "inspections", "show-inspection", "check",
            "gui")
DEMO_ARGS = ("--landlords", "5", "--tenants", "20")
DEMO_TOTAL = 25  # 5 landlords + 20 tenants, no park operators at this size (checked in test_demo_then_list)


# Helpers


def run(
    *args: str | Path, data: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m app [--data-dir DATA] ARGS…` in the repository root, Chinese messages, offscreen Qt."""
    environ = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    environ.update(FIELDSAFE_LANG="zh", QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    environ.update(env or {})
    argv = [sys.executable, "-m", "app", *(["--data-dir", str(data)] if data is not None else []), *map(str, args)]
    return subprocess.run(argv, cwd=REPO, env=environ, capture_output=True, text=True, encoding="utf-8", timeout=120)


def table_rows(out: str) -> list[list[str]]:
    """The body of a table printed by `list` / `inspections`: the lines between the header and the count line."""
    lines = [line for line in out.splitlines() if line.strip()]
    body = [line for line in lines[1:] if not re.match(r"^(显示 \d+ 家|\d+ shown)", line)]
    return [re.split(r"\s{2,}", line.strip()) for line in body]


def shown_and_total(out: str) -> tuple[int, int]:
    match = re.search(r"显示 (\d+) 家（共 (\d+) 家）", out)
    assert match, out
    return int(match[1]), int(match[2])


def enterprise_count(data: Path) -> int:
    with Workspace(data) as ws:
        return ws.registry.count()


def assert_clean_failure(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test may touch the real per-user data folder, and `--lang en` in one in-process call must not leak."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the 5 + 20 demo registry, made through the CLI; tests that change it work on a copy."""
    data = tmp_path_factory.mktemp("demo") / "data"
    result = run("demo", *DEMO_ARGS, data=data)
    assert result.returncode == 0, result.stderr
    assert "已生成演示数据" in result.stdout
    return data


@pytest.fixture
def demo_copy(demo_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo-copy"
    shutil.copytree(demo_dir, copy)
    return copy


# Usage


def test_help_lists_every_command_and_an_unknown_command_is_a_usage_error():
    result = run("--help")
    assert result.returncode == 0, result.stderr
    for command in COMMANDS:
        assert re.search(rf"^\s+{re.escape(command)}\s", result.stdout, re.MULTILINE), command
    assert "--data-dir" in result.stdout and "--lang" in result.stdout

    result = run("frobnicate")
    assert result.returncode == 2
    assert "frobnicate" in result.stderr and "Traceback" not in result.stderr


def test_bad_arguments_are_usage_errors(capsys, tmp_path):
    data = tmp_path / "data"
    for args in (("demo", "--landlords", "-1"), ("demo", "--tenants", "many"), ("list", "--role", "owner"),
                 ("show-inspection",), ("--lang", "fr", "list")):
        status, _out, err = call(capsys, "--data-dir", data, *args)
        assert status == 2, args
        assert "usage:" in err
    assert not (data / DB_NAME).exists()  # nothing was opened for a usage error


# init and the data folder


def test_init_creates_database_and_keys_in_the_data_dir_option(tmp_path):
    data = tmp_path / "via-option"
    result = run("init", data=data)
    assert result.returncode == 0, result.stderr
    assert (data / DB_NAME).is_file()
    assert (data / "keys").is_dir() and any((data / "keys").iterdir())
    with Workspace(data) as ws:
        device_id, fingerprint = ws.device.id, ws.device.fingerprint()
    assert f"本机标识：{device_id}" in result.stdout
    assert f"公钥指纹：{fingerprint}" in result.stdout
    assert str(data) in result.stdout

    again = run("init", data=data)  # idempotent: same device
    assert again.returncode == 0 and f"本机标识：{device_id}" in again.stdout


def test_init_uses_the_environment_variable_and_the_option_wins_over_it(tmp_path):
    from_env, from_option = tmp_path / "from-env", tmp_path / "from-option"
    result = run("init", env={ENV_VAR: str(from_env)})
    assert result.returncode == 0, result.stderr
    assert (from_env / DB_NAME).is_file()
    assert str(from_env) in result.stdout

    result = run("init", data=from_option, env={ENV_VAR: str(tmp_path / "ignored")})
    assert result.returncode == 0, result.stderr
    assert (from_option / DB_NAME).is_file()
    assert not (tmp_path / "ignored").exists()


def test_a_data_dir_that_is_a_file_is_a_clean_error(capsys, tmp_path):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("hello", encoding="utf-8")
    status, _out, err = call(capsys, "--data-dir", not_a_folder, "init")
    assert status == 1
    assert err.startswith("错误：") and "notes.txt" in err


# demo and list


def test_demo_then_list(demo_dir):
    result = run("list", data=demo_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == ["名称", "统一社会信用代码", "角色", "镇街", "地址"]
    assert shown_and_total(result.stdout) == (DEMO_TOTAL, DEMO_TOTAL)
    rows = table_rows(result.stdout)
    assert len(rows) == DEMO_TOTAL
    assert sum("出租方" in r for r in rows) == 5 and sum("承租方" in r for r in rows) == 20


def test_demo_refuses_a_non_empty_database_without_force(demo_dir):
    result = run("demo", *DEMO_ARGS, data=demo_dir)
    assert_clean_failure(result, "错误：", "--force", str(DEMO_TOTAL))
    assert "已有" in result.stderr
    assert enterprise_count(demo_dir) == DEMO_TOTAL


def test_demo_with_force_adds_to_a_non_empty_database(capsys, demo_copy):
    status, out, err = call(capsys, "--data-dir", demo_copy, "demo", "--landlords", "1", "--tenants", "2", "--force",
                            "--seed", "7")
    assert status == 0, err
    assert "已生成演示数据" in out
    assert enterprise_count(demo_copy) >= DEMO_TOTAL + 3


def test_list_searches_text_and_role(capsys, demo_dir):
    status, out, err = call(capsys, "--data-dir", demo_dir, "list", "五金", "--role", "tenant")
    assert status == 0, err
    rows = table_rows(out)
    assert rows, out
    for row in rows:
        assert "五金" in " ".join(row) and "承租方" in row
    assert shown_and_total(out) == (len(rows), DEMO_TOTAL)

    status, out, _err = call(capsys, "--data-dir", demo_dir, "list", "--role", "landlord")
    assert status == 0 and len(table_rows(out)) == 5

    status, out, _err = call(capsys, "--data-dir", demo_dir, "list", "--limit", "3")
    assert status == 0 and shown_and_total(out) == (3, DEMO_TOTAL)

    status, out, _err = call(capsys, "--data-dir", demo_dir, "list", "没有这种企业")
    assert status == 0 and shown_and_total(out) == (0, DEMO_TOTAL)


def test_list_landlord_shows_only_its_tenants(capsys, demo_dir):
    with Workspace(demo_dir) as ws:
        landlords = ws.registry.search_ids(role="landlord")
        landlord = max(landlords, key=lambda e: len(ws.registry.tenant_ids(e)))
        name = ws.registry.get_enterprise(landlord)["name"]
        uscc = ws.registry.get_enterprise(landlord)["uscc"]
        expected = sorted(ws.registry.get_enterprise(t)["name"] for t in ws.registry.tenant_ids(landlord))
    assert len(expected) >= 2

    status, out, err = call(capsys, "--data-dir", demo_dir, "list", "--landlord", name)
    assert status == 0, err
    assert sorted(row[0] for row in table_rows(out)) == expected
    assert shown_and_total(out) == (len(expected), DEMO_TOTAL)

    if uscc:  # the credit code selects the same landlord
        status, out_by_code, _err = call(capsys, "--data-dir", demo_dir, "list", "--landlord", uscc)
        assert status == 0 and out_by_code == out

    status, _out, err = call(capsys, "--data-dir", demo_dir, "list", "--landlord", "不存在的出租方")
    assert status == 1
    assert err.strip() == "错误：找不到企业：不存在的出租方"


# export and import


def test_export_xlsx_and_import_into_a_fresh_data_dir(demo_dir, tmp_path):
    exported = tmp_path / "企业名录.xlsx"
    result = run("export-registry", exported, data=demo_dir)
    assert result.returncode == 0, result.stderr
    assert exported.is_file() and f"已导出 {DEMO_TOTAL} 家企业" in result.stdout

    fresh = tmp_path / "fresh"
    result = run("import-registry", exported, data=fresh)
    assert result.returncode == 0, result.stderr
    assert f"已导入 {DEMO_TOTAL} 行：新增 {DEMO_TOTAL}，更新 0，未变 0" in result.stdout
    assert enterprise_count(fresh) == DEMO_TOTAL


def test_export_csv_import_and_reimport_changes_nothing(capsys, demo_dir, tmp_path):
    exported = tmp_path / "名录.csv"
    status, out, err = call(capsys, "--data-dir", demo_dir, "export-registry", exported)
    assert status == 0, err
    assert f"已导出 {DEMO_TOTAL} 家企业" in out
    header = exported.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",") == list(HEADERS)

    fresh = tmp_path / "fresh"
    status, out, err = call(capsys, "--data-dir", fresh, "import-registry", exported)
    assert status == 0, err
    assert f"新增 {DEMO_TOTAL}" in out
    assert enterprise_count(fresh) == DEMO_TOTAL

    status, out, err = call(capsys, "--data-dir", fresh, "import-registry", exported)
    assert status == 0, err
    assert f"已导入 {DEMO_TOTAL} 行：新增 0，更新 0，未变 {DEMO_TOTAL}" in out
    assert enterprise_count(fresh) == DEMO_TOTAL

    # Re-importing the export into the folder it came from is a no-op as well.
    status, out, err = call(capsys, "--data-dir", demo_dir, "import-registry", exported)
    assert status == 0, err
    assert f"新增 0，更新 0，未变 {DEMO_TOTAL}" in out


def test_export_to_a_bad_name_or_folder_is_a_clean_error(capsys, demo_dir, tmp_path):
    status, _out, err = call(capsys, "--data-dir", demo_dir, "export-registry", tmp_path / "名录.txt")
    assert status == 1 and "名录.txt" in err and ".xlsx" in err
    status, _out, err = call(capsys, "--data-dir", demo_dir, "export-registry", tmp_path / "no" / "such" / "x.csv")
    assert status == 1 and "x.csv" in err


BAD_CSV = (
    "名称,统一社会信用代码,镇街\n"
    "宁波好好五金有限公司,91330212MA2A120M00,五乡镇\n"  # valid (check character 0)
    "宁波坏码机械有限公司,91330212MA2A120M0W,五乡镇\n"  # row 3: wrong check character
    "宁波无码塑料制品厂,,五乡镇\n"
)


def test_import_of_a_csv_with_a_bad_row_imports_nothing(demo_copy, tmp_path):
    bad = tmp_path / "有错.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    result = run("import-registry", bad, data=demo_copy)
    assert_clean_failure(result, "有错.csv", "第 3 行", "统一社会信用代码", "未导入任何数据")
    assert "第 2 行" not in result.stderr and "第 4 行" not in result.stderr
    assert result.stderr.count("91330212MA2A120M0W") == 1  # every error listed once
    assert result.stdout == ""
    assert enterprise_count(demo_copy) == DEMO_TOTAL


def test_import_lists_every_bad_row(capsys, tmp_path):
    rows = [f"宁波第{i}号五金厂,91330212MA2A120M0W,五乡镇" for i in range(60)]  # more than the message lists
    bad = tmp_path / "many.csv"
    bad.write_text("名称,统一社会信用代码,镇街\n" + "\n".join(rows) + "\n", encoding="utf-8")
    data = tmp_path / "data"
    status, out, err = call(capsys, "--data-dir", data, "import-registry", bad)
    assert status == 1 and out == ""
    for row in (2, 31, 61):
        assert f"第 {row} 行" in err
    assert enterprise_count(data) == 0


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("不存在.csv", None, "无法读取文件 不存在.csv"),
        ("老格式.xls", b"\xd0\xcf\x11\xe0 old excel", "不支持的文件类型：老格式.xls"),
        ("空.csv", b"", "空.csv 是空的"),
        ("坏的.xlsx", b"PK not really a zip", "坏的.xlsx"),
    ],
)
def test_import_of_an_unreadable_file_is_a_clean_error(capsys, tmp_path, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    data = tmp_path / "data"
    status, out, err = call(capsys, "--data-dir", data, "import-registry", path)
    assert status == 1 and out == ""
    assert err.startswith("错误：") and expected in err
    assert enterprise_count(data) == 0


# check


def test_check_passes_then_finds_a_row_changed_behind_the_stores_back(demo_dir, demo_copy):
    result = run("check", data=demo_dir)
    assert result.returncode == 0, result.stderr
    assert "完整性检查通过" in result.stdout

    # Plain sqlite3: the app's authorizer is installed on its own connection only.
    with sqlite3.connect(demo_copy / DB_NAME) as conn:
        (row_id,) = conn.execute("SELECT id FROM enterprise ORDER BY id LIMIT 1").fetchone()
        conn.execute("UPDATE enterprise SET name = 'x' WHERE id = ?", (row_id,))
    conn.close()
    result = run("check", data=demo_copy)
    assert_clean_failure(result, f"enterprise {row_id}.name", "'x'", "发现 1 个问题")
    assert "完整性检查通过" not in result.stdout


def test_check_finds_damaged_and_missing_photo_files(capsys, tmp_path):
    data = tmp_path / "data"
    photo = tmp_path / "现场.jpg"
    Image.new("RGB", (640, 480), (200, 120, 40)).save(photo, quality=90)
    with Workspace(data) as ws:
        landlord = ws.registry.create_enterprise(name="集士港村股份经济合作社")
        tenant = ws.registry.create_enterprise(name="宁波恒达五金制品厂")
        ws.registry.add_lease(landlord, tenant)
        inspector = ws.roster.add_inspector("张明", "浙应执 0123", "集士港镇应急管理办公室")
        inspection = ws.inspections.start(landlord, [inspector], tenant_ids=[tenant])
        outcome = ws.inspections.record_verdict(inspection, tenant, "RESP-04", "NONCOMPLIANT", "无制度")
        photo_id = ws.inspections.attach_photo(photo, hazard_id=outcome.hazard_id)
        row = ws.store.require("photo", photo_id)
        damaged, missing = ws.blobs.path(row["sha256"]), ws.blobs.path(row["thumb_sha256"])

    status, out, err = call(capsys, "--data-dir", data, "check")
    assert status == 0, err
    assert "完整性检查通过" in out and "3 个文件" in out

    damaged.chmod(0o644)
    damaged.write_bytes(damaged.read_bytes()[:-1] + b"\0")
    missing.unlink()
    status, out, err = call(capsys, "--data-dir", data, "check")
    assert status == 1
    assert f"blob damaged: photo.sha256 {row['sha256']}" in err
    assert f"blob missing: photo.thumb_sha256 {row['thumb_sha256']}" in err
    assert "发现 2 个问题" in err


# inspections


def test_demo_with_inspections_then_list_and_show_them(tmp_path):
    data = tmp_path / "data"
    result = run("demo", *DEMO_ARGS, "--inspections", "3", data=data)
    assert result.returncode == 0, result.stderr
    assert "检查 3 次" in result.stdout

    result = run("inspections", data=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == ["ID", "企业", "开始", "方式", "状态"]
    rows = table_rows(result.stdout)
    assert len(rows) == 3
    ids = [row[0] for row in rows]
    assert all(re.fullmatch(r"[0-9a-f-]{36}", i) for i in ids), ids

    result = run("show-inspection", ids[0][:13], data=data)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith(f"检查 {ids[0]}")
    for heading in ("对象：", "方式：", "检查表：", "执法人员：", "【责任制度】", "== ", "隐患（"):
        assert heading in text, heading
    verdicts = [vocab.label("verdicts", code) for code in ("COMPLIANT", "NONCOMPLIANT", "NOT_APPLICABLE")]
    assert any(f"：{v}" in text for v in verdicts + ["未检查"]), text
    assert re.search(r"^  RESP-\d\d ", text, re.MULTILINE)


def test_show_inspection_refuses_unknown_and_ambiguous_ids(capsys, tmp_path):
    data = tmp_path / "data"
    with Workspace(data) as ws:
        enterprise = ws.registry.create_enterprise(name="宁波恒达五金制品厂")
        inspector = ws.roster.add_inspector("张明", "浙应执 0123", "集士港镇应急管理办公室")
        ids = [ws.inspections.start(enterprise, [inspector]) for _ in range(2)]
    common = os.path.commonprefix(ids)
    assert common  # UUIDv7: made a moment apart, they share the timestamp's leading digits

    status, out, err = call(capsys, "--data-dir", data, "show-inspection", "ffffffff")
    assert status == 1 and out == ""
    assert err.strip() == "错误：找不到检查：ffffffff"

    status, _out, err = call(capsys, "--data-dir", data, "show-inspection", common)
    assert status == 1 and "有多个检查以" in err

    status, out, err = call(capsys, "--data-dir", data, "show-inspection", ids[1])
    assert status == 0, err
    assert out.startswith(f"检查 {ids[1]}") and "宁波恒达五金制品厂" in out

    status, out, err = call(capsys, "--data-dir", data, "inspections")
    assert status == 0, err
    assert sorted(row[0] for row in table_rows(out)) == sorted(ids)


def test_inspections_on_an_empty_database_prints_only_the_header(capsys, tmp_path):
    status, out, err = call(capsys, "--data-dir", tmp_path / "data", "inspections")
    assert status == 0, err
    assert table_rows(out) == []


# Damaged databases


def test_a_file_that_is_not_sqlite_is_refused_without_a_traceback(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_NAME).write_bytes(b"This is a shopping list, not a database.\n" * 200)
    result = run("list", data=data)
    assert_clean_failure(result, "错误：无法打开数据库", DB_NAME)


@pytest.mark.parametrize(
    "command",
    [("init",), ("demo",), ("list",), ("inspections",), ("show-inspection", "abc"), ("check",),
     ("export-registry", "out.csv"), ("import-registry", "in.csv")],
    ids=lambda c: c[0],
)
def test_every_command_refuses_a_damaged_database(capsys, tmp_path, command):
    data = tmp_path / "data"
    data.mkdir()
    original = os.urandom(4096)
    (data / DB_NAME).write_bytes(original)
    args = [str(tmp_path / a) if a.endswith(".csv") else a for a in command]
    if command[0] == "import-registry":
        Path(args[1]).write_text("名称\n宁波恒达五金制品厂\n", encoding="utf-8")
    status, out, err = call(capsys, "--data-dir", data, *args)
    assert status == 1 and out == ""
    assert err.startswith("错误：无法打开数据库") and DB_NAME in err
    assert (data / DB_NAME).read_bytes() == original  # left untouched


def test_a_sqlite_file_of_another_program_is_refused(capsys, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    with sqlite3.connect(data / DB_NAME) as conn:
        conn.execute("CREATE TABLE enterprise (whatever TEXT)")
    conn.close()
    status, out, err = call(capsys, "--data-dir", data, "list")
    assert status == 1 and out == ""
    assert err.startswith("错误：") and DB_NAME in err and "不是 FieldSafe 数据库" in err


def test_a_database_from_a_newer_version_is_refused(capsys, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    with sqlite3.connect(data / DB_NAME) as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    status, out, err = call(capsys, "--data-dir", data, "check")
    assert status == 1 and out == ""
    assert err.startswith("错误：") and "999" in err


# English


def test_lang_en_gives_english_messages(demo_dir, tmp_path):
    result = run("--lang", "en", "import-registry", tmp_path / "missing.csv", data=demo_dir)
    assert_clean_failure(result, "Error: Cannot read file missing.csv")
    assert not re.search(r"[\u4e00-\u9fff]", result.stderr), result.stderr


def test_lang_en_in_process(capsys, demo_dir, tmp_path):
    status, out, err = call(capsys, "--lang", "en", "--data-dir", demo_dir, "list", "--role", "landlord")
    assert status == 0, err
    assert out.splitlines()[0].split("  ")[0] == "Name"
    assert f"5 shown ({DEMO_TOTAL} in the registry)" in out

    status, _out, err = call(capsys, "--lang=en", "--data-dir", demo_dir, "demo", *DEMO_ARGS)
    assert status == 1
    assert err.strip() == (
        f"Error: The database already holds {DEMO_TOTAL} enterprises; add --force to add demo data anyway"
    )

    status, out, err = call(capsys, "--lang", "en", "--data-dir", demo_dir, "check")
    assert status == 0, err
    assert "Integrity check passed" in out

    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    status, _out, err = call(capsys, "--lang", "en", "--data-dir", demo_dir, "import-registry", bad)
    assert status == 1
    assert "Error: File bad.csv has 1 error(s); nothing was imported" in err
    assert "Row 3, column 统一社会信用代码" in err
