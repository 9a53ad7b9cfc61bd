from __future__ import annotations

import json
import random
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.errors import ContentError, ValidationError, set_language
from app.models import content
from app.models.content import (
    AwarenessRules,
    InterviewRules,
    QuizRules,
    awareness_passed,
    awareness_rate,
    content_digest,
    draw_interview,
    draw_quiz,
    load_checklist,
    load_content,
    load_question_bank,
    score_interview,
    score_quiz,
    to_dict,
)
from app.resources import resource_path

Data = dict[str, Any]


# ---------------------------------------------------------------------------------------------------- helpers


def _key(key: str) -> str:
    return json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value))


def _toml(data: Data) -> str:
    """Enough of a TOML writer for content files: scalars and inline tables first, then arrays of tables."""
    lines: list[str] = []
    sections: list[tuple[str, list[Data]]] = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            sections.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, rows in sections:
        for row in rows:
            lines.append(f"\n[[{key}]]")
            lines.extend(f"{_key(k)} = {_value(v)}" for k, v in row.items())
    return "\n".join(lines) + "\n"


def _shipped(*parts: str) -> Data:
    return tomllib.loads(resource_path(*parts).read_text(encoding="utf-8"))


def _checklist_data() -> Data:
    return _shipped("checklists", content.SHIPPED_CHECKLIST)


def _bank_data(kind: str) -> Data:
    return _shipped("questions", f"{kind}.toml")


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("zh")


@pytest.fixture(autouse=True)
def _chinese() -> Iterator[None]:
    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture(scope="module")
def shipped() -> content.Content:
    return load_content()


# ---------------------------------------------------------------------------------------------------- shipped content


def test_shipped_checklist_has_four_aspects_and_22_items(shipped: content.Content) -> None:
    checklist = shipped.checklist
    assert checklist.code == "4plus22"
    assert checklist.version == 1
    assert checklist.status == "CONSTRUCTED"
    assert "非铜山区官方" in checklist.notice_zh
    assert [a.code for a in checklist.aspects] == ["RESP", "KEY", "SITE", "EMER"]
    assert [a.title_zh for a in checklist.aspects] == ["责任制度", "重点领域", "现场管理", "应急处置"]
    assert [len(checklist.items_of(a.code)) for a in checklist.aspects] == [7, 6, 6, 3]
    assert len(checklist.items) == 22
    assert len({i.code for i in checklist.items}) == 22
    assert checklist.items[0].code == "RESP-01"
    assert checklist.items[-1].code == "EMER-03"


def test_shipped_items_follow_the_domain_brief(shipped: content.Content) -> None:
    checklist = shipped.checklist
    majors = {i.code for i in checklist.items if i.major == "YES"}
    assert majors == {"RESP-02", "KEY-01", "KEY-02", "KEY-03"}
    assert "第三条第（一）项" in checklist.item("RESP-02").major_basis
    for item in checklist.items:
        assert item.checks and item.basis and item.guidance_zh and item.default_measure_zh
        assert 0 < item.default_deadline_days.general <= item.default_deadline_days.major <= 365
        assert set(item.applies_to) <= {"landlord", "tenant", "operator"}
        if item.major == "CONDITIONAL":
            assert item.major_hint_zh
    assert checklist.item("RESP-01").applies_to == ("landlord", "operator")
    assert checklist.item("KEY-02").applies_to == ("tenant",)
    assert checklist.item("SITE-02").default_deadline_days.for_grade("MAJOR") == 30
    assert checklist.item("SITE-02").applies("tenant")
    with pytest.raises(KeyError):
        checklist.item("NOPE-01")


def test_shipped_question_banks(shipped: content.Content) -> None:
    principal = shipped.bank("principal")
    assert isinstance(principal.rules, QuizRules)
    assert (principal.rules.draw, principal.rules.points_per_question, principal.rules.pass_mark) == (10, 10, 80)
    assert len(principal.questions) >= 30
    assert {q.type for q in principal.questions} == {"SINGLE", "MULTI", "JUDGE"}
    assert isinstance(shipped.bank("landlord").rules, QuizRules)

    officer = shipped.bank("safety_officer")
    assert isinstance(officer.rules, InterviewRules)
    assert (officer.rules.oral_count, officer.rules.task_count, officer.rules.pass_total) == (5, 1, 8)
    assert officer.rules.max_total == 12
    critical = [q for q in officer.questions if q.critical]
    assert [q.id for q in critical] == ["Q-SO-0002"]
    assert "hazard_mgmt" in critical[0].topics
    assert all(len(q.scoring_zh) == 3 for q in officer.questions)

    worker = shipped.bank("worker")
    assert isinstance(worker.rules, AwarenessRules)
    assert worker.rules.target == 0.98
    assert (worker.rules.workers, worker.rules.questions_per_worker) == (3, 3)


def test_load_question_bank_rejects_an_unknown_kind() -> None:
    with pytest.raises(ValueError):
        load_question_bank("mayor")


# -------------------------------------------------------------------------------------------- digest, round trip


def test_digest_is_stable(shipped: content.Content) -> None:
    again = load_checklist()
    assert again.digest == shipped.checklist.digest == content_digest(again)
    assert len(again.digest) == 64
    assert load_question_bank("principal").digest == shipped.bank("principal").digest


def test_digest_is_sha256_of_canonical_json(shipped: content.Content) -> None:
    import hashlib

    canonical = json.dumps(to_dict(shipped.checklist), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert shipped.checklist.digest == hashlib.sha256(canonical.encode()).hexdigest()
    assert "digest" not in to_dict(shipped.checklist)


def test_digest_changes_when_content_changes(tmp_path: Path, shipped: content.Content) -> None:
    data = _checklist_data()
    data["items"][3]["default_deadline_days"]["MAJOR"] += 1
    path = tmp_path / "changed.toml"
    path.write_text(_toml(data), encoding="utf-8")
    assert load_checklist(path).digest != shipped.checklist.digest

    bank = _bank_data("worker")
    bank["questions"][0]["text_zh"] += "？"
    bank_path = tmp_path / "worker.toml"
    bank_path.write_text(_toml(bank), encoding="utf-8")
    assert load_question_bank("worker", bank_path).digest != shipped.bank("worker").digest


def test_digest_ignores_file_order_and_formatting(tmp_path: Path, shipped: content.Content) -> None:
    data = _checklist_data()
    data["items"].reverse()
    data["aspects"].reverse()
    path = tmp_path / "reordered.toml"
    path.write_text(_toml(data), encoding="utf-8")
    reloaded = load_checklist(path)
    assert reloaded == shipped.checklist
    assert [i.code for i in reloaded.items][:2] == ["RESP-01", "RESP-02"]


def test_round_trip_through_dict_and_json(shipped: content.Content) -> None:
    checklist = shipped.checklist
    assert content.from_dict(to_dict(checklist)) == checklist
    # The database stores canonical JSON (sorted keys); rebuilding from it must give the same object.
    stored = json.dumps(to_dict(checklist), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert content.checklist_from_dict(json.loads(stored)) == checklist
    for bank in shipped.banks.values():
        stored = json.dumps(to_dict(bank), ensure_ascii=False, sort_keys=True)
        rebuilt = content.bank_from_dict(json.loads(stored))
        assert rebuilt == bank
        assert rebuilt.digest == bank.digest
        assert content.from_dict(to_dict(bank)) == bank


def test_canonical_form_is_itself_a_valid_content_file(tmp_path: Path, shipped: content.Content) -> None:
    path = tmp_path / "exported.toml"
    path.write_text(_toml(to_dict(shipped.checklist)), encoding="utf-8")
    assert load_checklist(path) == shipped.checklist
    bank_path = tmp_path / "safety_officer.toml"
    bank_path.write_text(_toml(to_dict(shipped.bank("safety_officer"))), encoding="utf-8")
    assert load_question_bank("safety_officer", bank_path) == shipped.bank("safety_officer")


def test_damaged_stored_content_is_reported_as_content_error(shipped: content.Content) -> None:
    data = to_dict(shipped.checklist)
    del data["items"][0]["checks"]
    with pytest.raises(ContentError) as info:
        content.checklist_from_dict(data)
    assert info.value.file == "<database>"
    assert info.value.field == "items[0].checks"
    with pytest.raises(TypeError):
        to_dict("not content")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------- malformed files

Mutation = Callable[[Data], None]


def _set(path: str, value: Any) -> Mutation:
    """A mutation setting `a.b[2].c` to `value`."""

    def apply(data: Data) -> None:
        parts = path.replace("]", "").replace("[", ".").split(".")
        target: Any = data
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last = parts[-1]
        if last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value

    return apply


def _delete(path: str) -> Mutation:
    def apply(data: Data) -> None:
        parts = path.replace("]", "").replace("[", ".").split(".")
        target: Any = data
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[parts[-1]]

    return apply


def _do(fn: Callable[[Data], object]) -> Mutation:
    def apply(data: Data) -> None:
        fn(data)

    return apply


def _add_fifth_aspect(data: Data) -> None:
    data["aspects"].append({"code": "MORE", "order": 5, "title_zh": "其他", "title_en": "Other"})
    data["items"][21]["aspect"] = "MORE"


CHECKLIST_CASES: list[tuple[str, Mutation, str, str, str]] = [
    ("missing field", _delete("items[3].title_zh"), "items[3].title_zh", "缺少必填字段", "required field is missing"),
    (
        "deadline as text",
        _set("items[3].default_deadline_days.MAJOR", "30"),
        "items[3].default_deadline_days.MAJOR",
        "应为整数，实际为字符串",
        "expected an integer, got string",
    ),
    (
        "deadline zero",
        _set("items[3].default_deadline_days.GENERAL", 0),
        "items[3].default_deadline_days.GENERAL",
        "不能小于 1",
        "must be at least 1",
    ),
    (
        "deadline negative",
        _set("items[0].default_deadline_days.MAJOR", -5),
        "items[0].default_deadline_days.MAJOR",
        "不能小于 1",
        "must be at least 1",
    ),
    (
        "deadline over a year",
        _set("items[0].default_deadline_days.MAJOR", 400),
        "items[0].default_deadline_days.MAJOR",
        "不能大于 365",
        "must be at most 365",
    ),
    (
        "deadline missing grade",
        _delete("items[2].default_deadline_days.MAJOR"),
        "items[2].default_deadline_days.MAJOR",
        "缺少必填字段",
        "required field is missing",
    ),
    (
        "deadline float",
        _set("items[2].default_deadline_days.GENERAL", 1.5),
        "items[2].default_deadline_days.GENERAL",
        "应为整数",
        "expected an integer",
    ),
    (
        "deadline not a table",
        _set("items[2].default_deadline_days", 15),
        "items[2].default_deadline_days",
        "应为表",
        "expected a table",
    ),
    ("boolean version", _set("version", True), "version", "应为整数，实际为布尔值", "expected an integer, got boolean"),
    ("unknown aspect", _set("items[5].aspect", "FIRE"), "items[5].aspect", "不存在的方面", "unknown aspect 'FIRE'"),
    ("duplicate item code", _set("items[4].code", "RESP-04"), "items[4].code", "重复", "duplicates items[3].code"),
    ("duplicate aspect code", _set("aspects[1].code", "RESP"), "aspects[1].code", "重复", "duplicates aspects[0].code"),
    ("duplicate order", _set("items[1].order", 1), "items[1].order", "重复", "duplicates items[0].order"),
    ("bad major", _set("items[0].major", "MAYBE"), "items[0].major", "取值“MAYBE”无效", "invalid value 'MAYBE'"),
    (
        "conditional without hint",
        _set("items[2].major_hint_zh", ""),
        "items[2].major_hint_zh",
        "CONDITIONAL",
        "required when major is CONDITIONAL",
    ),
    (
        "yes without basis",
        _delete("items[1].major_basis"),
        "items[1].major_basis",
        "重大隐患判定依据",
        "required when major is YES",
    ),
    (
        "unknown role",
        _set("items[0].applies_to", ["landlord", "owner"]),
        "items[0].applies_to[1]",
        "取值“owner”无效",
        "invalid value 'owner'",
    ),
    ("empty checks", _set("items[0].checks", []), "items[0].checks", "至少需要 1 项", "needs at least 1 entries"),
    ("blank check", _set("items[0].checks[1]", "  "), "items[0].checks[1]", "不能为空", "must not be empty"),
    ("checks not a list", _set("items[0].checks", "看一看"), "items[0].checks", "应为字符串数组", "expected an array"),
    ("bad evidence", _set("items[0].evidence", ["video"]), "items[0].evidence[0]", "无效", "invalid value 'video'"),
    ("bad lenient", _set("items[0].lenient", "MAYBE"), "items[0].lenient", "无效", "invalid value"),
    (
        "misspelt field",
        _set("items[0].defualt_measure_zh", "x"),
        "items[0].defualt_measure_zh",
        "未知字段",
        "unknown field",
    ),
    ("unknown top-level field", _set("titel_zh", "x"), "titel_zh", "未知字段", "unknown field"),
    ("21 items", _do(lambda d: d["items"].pop()), "items", "应有 22 项，实际 21 项", "exactly 22 entries, got 21"),
    ("5 aspects", _add_fifth_aspect, "aspects", "应有 4 项，实际 5 项", "exactly 4 entries, got 5"),
    ("bad status", _set("status", "DRAFT"), "status", "无效", "allowed: CONSTRUCTED, OFFICIAL"),
    ("constructed without notice", _delete("notice_zh"), "notice_zh", "缺少必填字段", "required field is missing"),
    ("bad revised date", _set("revised", "2026-13-01"), "revised", "YYYY-MM-DD", "YYYY-MM-DD"),
    ("items not an array", _set("items", "none"), "items", "应为表数组", "expected an array of tables"),
    (
        "item not a table",
        _set("items[0]", "RESP-01"),
        "items[0]",
        "应为表，实际为字符串",
        "expected a table, got string",
    ),
    ("bad code", _set("items[0].code", "RESP 01"), "items[0].code", "不是有效的编号", "not a valid code"),
    ("order zero", _set("aspects[0].order", 0), "aspects[0].order", "不能小于 1", "must be at least 1"),
]


def _assert_content_error(err: ContentError, file: str, field: str, zh: str, en: str) -> None:
    assert err.file == file
    assert err.field == field
    assert file in err.message and field in err.message and zh in err.message, err.message
    set_language("en")
    try:
        assert err.message.startswith(f"Data file {file} is invalid: field {field}:"), err.message
        assert en in err.message, err.message
    finally:
        set_language("zh")


@pytest.mark.parametrize(("name", "mutate", "field", "zh", "en"), CHECKLIST_CASES, ids=[c[0] for c in CHECKLIST_CASES])
def test_malformed_checklist_names_file_field_and_reason(
    tmp_path: Path, name: str, mutate: Mutation, field: str, zh: str, en: str
) -> None:
    data = _checklist_data()
    mutate(data)
    path = tmp_path / "bad_checklist.toml"
    path.write_text(_toml(data), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_checklist(path)
    _assert_content_error(info.value, "bad_checklist.toml", field, zh, en)


def test_aspect_without_items_is_rejected() -> None:
    data = _checklist_data()
    data["items"] = [i for i in data["items"] if i["aspect"] != "EMER"]
    with pytest.raises(ContentError) as info:
        content.checklist_from_dict(data, "x.toml")
    _assert_content_error(info.value, "x.toml", "aspects[3].code", "没有检查事项", "has no items")


def test_toml_syntax_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('code = "4plus22"\nversion = \n', encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_checklist(path)
    _assert_content_error(info.value, "broken.toml", "-", "TOML 语法错误", "TOML syntax error")
    assert "line 2" in info.value.en


def test_missing_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        load_checklist(tmp_path / "absent.toml")
    _assert_content_error(info.value, "absent.toml", "-", "文件不存在", "file not found")
    path = tmp_path / "gbk.toml"
    path.write_bytes('title_zh = "检查"'.encode("gbk"))
    with pytest.raises(ContentError) as info:
        load_checklist(path)
    _assert_content_error(info.value, "gbk.toml", "-", "UTF-8", "UTF-8")


def _first(kind: str, qtype: str) -> int:
    return next(i for i, q in enumerate(_bank_data(kind)["questions"]) if q["type"] == qtype)


def _first_where(kind: str, test: Callable[[Data], bool]) -> int:
    return next(i for i, q in enumerate(_bank_data(kind)["questions"]) if test(q))


SINGLE_I = _first("principal", "SINGLE")
MULTI_I = _first("principal", "MULTI")
JUDGE_I = _first("principal", "JUDGE")
TASK_I = _first("safety_officer", "TASK")
CRITICAL_I = _first_where("safety_officer", lambda q: q.get("critical", False))

BANK_CASES: list[tuple[str, str, Mutation, str, str, str]] = [
    (
        "answer not an option",
        "principal",
        _set(f"questions[{SINGLE_I}].answer", "E"),
        f"questions[{SINGLE_I}].answer",
        "不是已有选项",
        "answer 'E' is not an option",
    ),
    (
        "multi answer not an option",
        "principal",
        _set(f"questions[{MULTI_I}].answer", ["A", "E"]),
        f"questions[{MULTI_I}].answer[1]",
        "取值“E”无效",
        "invalid value 'E'",
    ),
    (
        "multi answer single key",
        "principal",
        _set(f"questions[{MULTI_I}].answer", ["A"]),
        f"questions[{MULTI_I}].answer",
        "至少需要 2 项",
        "needs at least 2 entries",
    ),
    (
        "multi answer duplicate key",
        "principal",
        _set(f"questions[{MULTI_I}].answer", ["A", "A"]),
        f"questions[{MULTI_I}].answer[1]",
        "重复",
        "duplicates",
    ),
    (
        "options out of order",
        "principal",
        _set(f"questions[{SINGLE_I}].options", {"A": "甲", "C": "丙"}),
        f"questions[{SINGLE_I}].options.C",
        "应为 B",
        "expected B here",
    ),
    (
        "too few options",
        "principal",
        _set(f"questions[{SINGLE_I}].options", {"A": "甲"}),
        f"questions[{SINGLE_I}].options",
        "至少需要 2 个选项",
        "needs at least 2 options",
    ),
    (
        "missing answer",
        "principal",
        _delete(f"questions[{SINGLE_I}].answer"),
        f"questions[{SINGLE_I}].answer",
        "缺少必填字段",
        "required field is missing",
    ),
    (
        "judge answer as text",
        "principal",
        _set(f"questions[{JUDGE_I}].answer", "true"),
        f"questions[{JUDGE_I}].answer",
        "应为布尔值",
        "expected a boolean",
    ),
    (
        "judge with options",
        "principal",
        _set(f"questions[{JUDGE_I}].options", {"A": "对", "B": "错"}),
        f"questions[{JUDGE_I}].options",
        "不应有选项",
        "take no options",
    ),
    (
        "oral type in a quiz",
        "principal",
        _set(f"questions[{SINGLE_I}].type", "ORAL"),
        f"questions[{SINGLE_I}].type",
        "取值“ORAL”无效",
        "allowed: SINGLE, MULTI, JUDGE",
    ),
    (
        "pass mark above total",
        "principal",
        _set("rules.pass_mark", 120),
        "rules.pass_mark",
        "高于满分 100 分",
        "exceeds the total of 100",
    ),
    ("draw larger than bank", "principal", _set("rules.draw", 60), "rules.draw", "不足 60 道", "60 are needed"),
    ("draw zero", "principal", _set("rules.draw", 0), "rules.draw", "不能小于 1", "must be at least 1"),
    ("missing rules", "principal", _delete("rules"), "rules", "缺少必填字段", "required field is missing"),
    (
        "duplicate id",
        "principal",
        _set("questions[2].id", "Q-OWN-0001"),
        "questions[2].id",
        "重复",
        "duplicates questions[0].id",
    ),
    ("bad id", "principal", _set("questions[0].id", "Q1"), "questions[0].id", "不是有效的编号", "not a valid code"),
    (
        "unknown topic",
        "principal",
        _set("questions[0].topics", ["money"]),
        "questions[0].topics[0]",
        "取值“money”无效",
        "invalid value 'money'",
    ),
    (
        "required topic only conditional",
        "principal",
        _set("rules.required_topics", [["dust"]]),
        "rules.required_topics[0]",
        "没有适用于所有企业的该主题题目",
        "no question of this topic",
    ),
    (
        "required topics not nested",
        "principal",
        _set("rules.required_topics", ["duties"]),
        "rules.required_topics[0]",
        "应为主题数组",
        "expected an array of topics",
    ),
    ("wrong kind", "principal", _set("kind", "landlord"), "kind", "应为“principal”题库", "expected a 'principal' bank"),
    ("unknown kind", "principal", _set("kind", "mayor"), "kind", "取值“mayor”无效", "invalid value 'mayor'"),
    (
        "critical in a quiz",
        "principal",
        _set("questions[0].critical", True),
        "questions[0].critical",
        "只有安全员必问",
        "only interview questions can be critical",
    ),
    (
        "scoring in a quiz",
        "principal",
        _set("questions[0].scoring_zh", ["a", "b", "c"]),
        "questions[0].scoring_zh",
        "只有安全员必问",
        "only interview questions",
    ),
    (
        "region ALL and JS",
        "principal",
        _set("questions[0].region", ["ALL", "JS"]),
        "questions[0].region",
        "ALL 不能",
        "ALL cannot be combined",
    ),
    (
        "unknown region",
        "principal",
        _set("questions[0].region", ["SH"]),
        "questions[0].region[0]",
        "取值“SH”无效",
        "invalid value 'SH'",
    ),
    (
        "profile flag not boolean",
        "principal",
        _set("questions[0].applies_if", {"dust": "yes"}),
        "questions[0].applies_if.dust",
        "应为布尔值",
        "expected a boolean",
    ),
    (
        "profile flag bad name",
        "principal",
        _set("questions[0].applies_if", {"Dust Area": True}),
        "questions[0].applies_if.Dust Area",
        "不是有效的企业特征名",
        "not a valid profile flag name",
    ),
    (
        "difficulty out of range",
        "principal",
        _set("questions[0].difficulty", 5),
        "questions[0].difficulty",
        "不能大于 3",
        "must be at most 3",
    ),
    (
        "enabled as text",
        "principal",
        _set("questions[0].enabled", "yes"),
        "questions[0].enabled",
        "应为布尔值",
        "expected a boolean",
    ),
    (
        "interview scoring two lines",
        "safety_officer",
        _set("questions[0].scoring_zh", ["不会", "会"]),
        "questions[0].scoring_zh",
        "至少需要 3 项",
        "needs at least 3 entries",
    ),
    (
        "interview scoring four lines",
        "safety_officer",
        _set("questions[0].scoring_zh", ["a", "b", "c", "d"]),
        "questions[0].scoring_zh",
        "应恰好有 3 项",
        "needs exactly 3 entries",
    ),
    (
        "interview missing key points",
        "safety_officer",
        _delete("questions[0].key_points_zh"),
        "questions[0].key_points_zh",
        "缺少必填字段",
        "required field is missing",
    ),
    (
        "interview pass above total",
        "safety_officer",
        _set("rules.pass_total", 13),
        "rules.pass_total",
        "高于满分 12 分",
        "exceeds the total of 12",
    ),
    (
        "critical task",
        "safety_officer",
        _set(f"questions[{TASK_I}].critical", True),
        f"questions[{TASK_I}].critical",
        "关键题必须是",
        "must be ORAL",
    ),
    (
        "critical only for landlords",
        "safety_officer",
        _set(f"questions[{CRITICAL_I}].applies_if", {"is_landlord": True}),
        f"questions[{CRITICAL_I}].critical",
        "关键题必须是",
        "apply everywhere",
    ),
    (
        "interview answer key",
        "safety_officer",
        _set("questions[0].answer", "A"),
        "questions[0].answer",
        "不设标准答案",
        "take key_points_zh, not answer",
    ),
    ("too few tasks", "safety_officer", _set("rules.task_count", 9), "rules.task_count", "不足 9 道", "9 are needed"),
    (
        "scale missing",
        "safety_officer",
        _delete("rules.scale_zh"),
        "rules.scale_zh",
        "缺少必填字段",
        "required field is missing",
    ),
    ("target above one", "worker", _set("rules.target", 1.5), "rules.target", "0 与 1 之间", "at most 1"),
    ("target as text", "worker", _set("rules.target", "98%"), "rules.target", "应为数字", "expected a number"),
    ("unknown rule", "worker", _set("rules.pass_mark", 80), "rules.pass_mark", "未知字段", "unknown field"),
    (
        "worker judge type",
        "worker",
        _set("questions[0].type", "JUDGE"),
        "questions[0].type",
        "取值“JUDGE”无效",
        "allowed: ORAL",
    ),
]


@pytest.mark.parametrize(("name", "kind", "mutate", "field", "zh", "en"), BANK_CASES, ids=[c[0] for c in BANK_CASES])
def test_malformed_question_bank_names_file_field_and_reason(
    tmp_path: Path, name: str, kind: str, mutate: Mutation, field: str, zh: str, en: str
) -> None:
    data = _bank_data(kind)
    mutate(data)
    path = tmp_path / f"{kind}.toml"
    path.write_text(_toml(data), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_question_bank(kind, path)
    _assert_content_error(info.value, f"{kind}.toml", field, zh, en)


def test_error_message_follows_the_language(english: None) -> None:
    data = _checklist_data()
    data["items"][3]["default_deadline_days"]["MAJOR"] = 0
    with pytest.raises(ContentError) as info:
        content.checklist_from_dict(data, "c.toml")
    assert str(info.value) == (
        "Data file c.toml is invalid: field items[3].default_deadline_days.MAJOR: must be at least 1 (got 0)"
    )
    set_language("zh")
    assert str(info.value) == "数据文件 c.toml 有误：字段 items[3].default_deadline_days.MAJOR：不能小于 1（实际为 0）"


def test_load_content_from_another_directory(tmp_path: Path, shipped: content.Content) -> None:
    for kind in content.KINDS:
        (tmp_path / f"{kind}.toml").write_text(_toml(_bank_data(kind)), encoding="utf-8")
    loaded = load_content(questions_dir=tmp_path)
    assert loaded == shipped
    (tmp_path / "worker.toml").unlink()
    with pytest.raises(ContentError) as info:
        load_content(questions_dir=tmp_path)
    assert info.value.file == "worker.toml"


# ---------------------------------------------------------------------------------------------------- quiz draw


def test_quiz_draw_is_deterministic_and_without_duplicates(shipped: content.Content) -> None:
    bank = shipped.bank("principal")
    first = draw_quiz(bank, random.Random(42))
    assert first == draw_quiz(bank, random.Random(42))
    assert len(first) == 10
    assert len(set(first)) == 10
    papers = {tuple(draw_quiz(bank, random.Random(seed))) for seed in range(20)}
    assert len(papers) == 20
    assert len({qid for paper in papers for qid in paper}) > 25


def test_quiz_draw_covers_required_topics_and_respects_filters(shipped: content.Content) -> None:
    bank = shipped.bank("principal")
    for seed in range(50):
        drawn = [bank.question(qid) for qid in draw_quiz(bank, random.Random(seed))]
        topics = {t for q in drawn for t in q.topics}
        assert "duties" in topics and "hazard_mgmt" in topics and topics & {"fire", "evacuation"}
        assert all(q.region == ("ALL",) and not q.applies_if for q in drawn)


def test_quiz_draw_uses_profile_and_region(shipped: content.Content) -> None:
    bank = shipped.bank("principal")
    for seed in range(20):
        drawn = [bank.question(qid) for qid in draw_quiz(bank, random.Random(seed), profile={"dust": True})]
        assert any("dust" in q.topics for q in drawn)
        assert not any(dict(q.applies_if).get("confined_space") for q in drawn)
    jiangsu = {qid for seed in range(60) for qid in draw_quiz(bank, random.Random(seed), region="JS")}
    assert "Q-OWN-0007" in jiangsu
    zhejiang = {qid for seed in range(60) for qid in draw_quiz(bank, random.Random(seed), region="ZJ")}
    assert "Q-OWN-0007" not in zhejiang


def test_quiz_draw_avoids_recent_questions_while_it_can(shipped: content.Content) -> None:
    bank = shipped.bank("landlord")
    baseline = [q.id for q in bank.questions if q.region == ("ALL",)]
    recent = baseline[:8]
    for seed in range(20):
        assert not set(draw_quiz(bank, random.Random(seed), exclude=recent)) & set(recent)
    # Only 20 questions apply everywhere: excluding 15 leaves 5, so 5 recent ones must come back.
    drawn = draw_quiz(bank, random.Random(1), exclude=baseline[:15])
    assert len(set(drawn)) == 10
    assert len(set(drawn) & set(baseline[:15])) == 5


def test_quiz_draw_n_and_errors(shipped: content.Content) -> None:
    bank = shipped.bank("principal")
    assert len(draw_quiz(bank, random.Random(3), n=4)) == 4
    assert len(draw_quiz(bank, random.Random(3), n=2)) == 2
    with pytest.raises(ValidationError) as info:
        draw_quiz(bank, random.Random(3), n=100)
    assert info.value.code == "quiz.too_few_questions"
    with pytest.raises(ValueError):
        draw_quiz(bank, random.Random(3), n=0)
    with pytest.raises(ValueError):
        draw_quiz(shipped.bank("safety_officer"), random.Random(3))


def test_worker_draw_includes_a_must_know_question(shipped: content.Content) -> None:
    bank = shipped.bank("worker")
    for seed in range(30):
        drawn = [bank.question(qid) for qid in draw_quiz(bank, random.Random(seed))]
        assert len(drawn) == 3
        assert any("ten_know" in q.topics for q in drawn)


def test_interview_draw(shipped: content.Content) -> None:
    bank = shipped.bank("safety_officer")
    ids = draw_interview(bank, random.Random(5))
    assert ids == draw_interview(bank, random.Random(5))
    questions = [bank.question(qid) for qid in ids]
    assert [q.type for q in questions] == ["ORAL"] * 5 + ["TASK"]
    assert len(set(ids)) == 6
    for seed in range(20):
        drawn = draw_interview(bank, random.Random(seed))
        assert "Q-SO-0002" in drawn
        assert "Q-SO-0005" not in drawn  # landlord-only
    profile = {"is_landlord": True}
    landlord = {qid for seed in range(40) for qid in draw_interview(bank, random.Random(seed), profile=profile)}
    assert "Q-SO-0005" in landlord
    with pytest.raises(ValueError):
        draw_interview(shipped.bank("principal"), random.Random(1))


# ---------------------------------------------------------------------------------------------------- quiz scoring


def _paper(bank: content.QuestionBank) -> tuple[list[str], dict[str, object]]:
    """A fixed 10-question paper with one SINGLE, MULTI and JUDGE question at least, and its right answers."""
    by_type: dict[str, list[content.Question]] = {}
    for q in bank.questions:
        if q.region == ("ALL",) and not q.applies_if:
            by_type.setdefault(q.type, []).append(q)
    chosen = by_type["MULTI"][:2] + by_type["JUDGE"][:2] + by_type["SINGLE"][:6]
    answers: dict[str, object] = {q.id: list(q.answer) if isinstance(q.answer, tuple) else q.answer for q in chosen}
    return [q.id for q in chosen], answers


def _wrong(question: content.Question) -> object:
    if question.type == "JUDGE":
        return not question.answer
    if question.type == "MULTI":
        return ["D"] if "D" not in question.answer else ["A"]  # type: ignore[operator]
    return next(o.key for o in question.options if o.key != question.answer)


def test_all_correct_scores_full_marks(shipped: content.Content) -> None:
    bank = shipped.bank("principal")
    ids, answers = _paper(bank)
    result = score_quiz(bank, ids, answers)
    assert (result.score, result.max_score, result.pass_mark, result.passed) == (100, 100, 80, True)
    assert result.wrong_ids == ()


def test_multiple_choice_is_compared_as_a_set(shipped: content.Content) -> None:
    bank = shipped.bank("principal")
    ids, answers = _paper(bank)
    multi = bank.question(ids[0])
    assert multi.type == "MULTI" and multi.answer == ("A", "B", "C")
    for given in (["C", "A", "B"], ("B", "C", "A"), {"A", "B", "C"}, "CBA", "a,b,c", ["a ", "B", "c"]):
        assert score_quiz(bank, ids, {**answers, multi.id: given}).score == 100, given
    for given in (["A", "B"], ["A", "B", "C", "D"], "AB", [], "", None, 3, [1, 2]):
        result = score_quiz(bank, ids, {**answers, multi.id: given})
        assert result.score == 90 and result.wrong_ids == (multi.id,), given


def test_single_and_judge_answers(shipped: content.Content) -> None:
    bank = shipped.bank("principal")
    ids, answers = _paper(bank)
    single = next(bank.question(i) for i in ids if bank.question(i).type == "SINGLE")
    judge = next(bank.question(i) for i in ids if bank.question(i).type == "JUDGE")
    assert score_quiz(bank, ids, {**answers, single.id: f" {str(single.answer).lower()} "}).score == 100
    assert score_quiz(bank, ids, {**answers, judge.id: str(judge.answer).lower()}).wrong_ids == (judge.id,)
    assert score_quiz(bank, ids, {**answers, judge.id: int(bool(judge.answer))}).wrong_ids == (judge.id,)


def test_unanswered_questions_are_wrong(shipped: content.Content) -> None:
    bank = shipped.bank("principal")
    ids, answers = _paper(bank)
    del answers[ids[3]]
    answers[ids[4]] = None
    result = score_quiz(bank, ids, answers)
    assert result.score == 80
    assert result.wrong_ids == (ids[3], ids[4])
    assert score_quiz(bank, ids, {}).score == 0


@pytest.mark.parametrize(("wrong", "score", "passed"), [(0, 100, True), (2, 80, True), (3, 70, False), (10, 0, False)])
def test_pass_boundary(shipped: content.Content, wrong: int, score: int, passed: bool) -> None:
    bank = shipped.bank("principal")
    ids, answers = _paper(bank)
    for qid in ids[:wrong]:
        answers[qid] = _wrong(bank.question(qid))
    result = score_quiz(bank, ids, answers)
    assert (result.score, result.passed) == (score, passed)
    assert list(result.wrong_ids) == ids[:wrong]


def test_short_paper_is_held_to_the_same_proportion(shipped: content.Content) -> None:
    bank = shipped.bank("principal")
    ids, answers = _paper(bank)
    ids = ids[:5]
    answers = {qid: answers[qid] for qid in ids}
    assert score_quiz(bank, ids, answers).pass_mark == 40
    answers[ids[0]] = _wrong(bank.question(ids[0]))
    assert score_quiz(bank, ids, answers).passed  # 40 / 50 = 80 %
    answers[ids[1]] = _wrong(bank.question(ids[1]))
    assert not score_quiz(bank, ids, answers).passed  # 30 / 50


def test_score_quiz_rejects_bad_papers(shipped: content.Content) -> None:
    bank = shipped.bank("principal")
    ids, answers = _paper(bank)
    with pytest.raises(ValidationError) as info:
        score_quiz(bank, [*ids[:9], "Q-OWN-9999"], answers)
    assert info.value.code == "content.unknown_question"
    with pytest.raises(ValidationError) as info:
        score_quiz(bank, [*ids[:9], ids[0]], answers)
    assert info.value.code == "quiz.duplicate"
    with pytest.raises(ValidationError) as info:
        score_quiz(bank, ids[:9], answers)
    assert info.value.code == "quiz.stray_answer"
    with pytest.raises(ValidationError):
        score_quiz(bank, [], {})
    with pytest.raises(ValueError):
        score_quiz(shipped.bank("safety_officer"), ids, answers)


# ---------------------------------------------------------------------------------------------------- interview


def _interview(bank: content.QuestionBank, ratings: list[int]) -> dict[str, int]:
    """Ratings for a fixed interview: the critical question first, four other oral questions, one task."""
    oral = [q.id for q in bank.questions if q.type == "ORAL" and not q.critical and not q.applies_if][:4]
    task = next(q.id for q in bank.questions if q.type == "TASK")
    ids = ["Q-SO-0002", *oral, task]
    return dict(zip(ids, ratings, strict=True))


@pytest.mark.parametrize(
    ("ratings", "total", "passed", "reasons"),
    [
        ([2, 2, 2, 2, 2, 2], 12, True, []),
        ([1, 2, 2, 1, 1, 1], 8, True, []),
        ([1, 0, 0, 2, 2, 2], 7, False, ["total_below_pass"]),
        ([0, 2, 2, 2, 2, 2], 10, False, ["critical_zero"]),
        ([0, 1, 1, 1, 1, 1], 5, False, ["total_below_pass", "critical_zero"]),
        ([2, 0, 0, 2, 2, 2], 8, True, []),
    ],
)
def test_interview_scoring(
    shipped: content.Content, ratings: list[int], total: int, passed: bool, reasons: list[str]
) -> None:
    bank = shipped.bank("safety_officer")
    result = score_interview(bank, _interview(bank, ratings))
    assert (result.total, result.max_total, result.pass_total, result.passed) == (total, 12, 8, passed)
    assert [r.code for r in result.reasons] == reasons


def test_interview_failure_reasons_are_bilingual(shipped: content.Content) -> None:
    bank = shipped.bank("safety_officer")
    reason = score_interview(bank, _interview(bank, [0, 2, 2, 2, 2, 2])).reasons[0]
    assert "Q-SO-0002" in reason.message and "0 分" in reason.message
    set_language("en")
    assert reason.message == "critical question Q-SO-0002 scored 0"


@pytest.mark.parametrize("bad", [3, -1, True, 1.5, "2", None])
def test_interview_rejects_invalid_ratings(shipped: content.Content, bad: object) -> None:
    bank = shipped.bank("safety_officer")
    ratings = _interview(bank, [2, 2, 2, 2, 2, 2])
    ratings[next(iter(ratings))] = bad  # type: ignore[assignment]
    with pytest.raises(ValidationError) as info:
        score_interview(bank, ratings)
    assert info.value.code == "interview.invalid_score"
    assert "0、1 或 2" in info.value.message


def test_interview_needs_the_full_set(shipped: content.Content) -> None:
    bank = shipped.bank("safety_officer")
    ratings = _interview(bank, [2, 2, 2, 2, 2, 2])
    fewer = dict(list(ratings.items())[:5])
    with pytest.raises(ValidationError) as info:
        score_interview(bank, fewer)
    assert info.value.code == "interview.count"
    without_critical = {k: v for k, v in ratings.items() if k != "Q-SO-0002"}
    spare = next(q.id for q in bank.questions if q.type == "ORAL" and q.id not in ratings and not q.applies_if)
    with pytest.raises(ValidationError) as info:
        score_interview(bank, {**without_critical, spare: 2})
    assert info.value.code == "interview.critical_missing"
    with pytest.raises(ValidationError) as info:
        score_interview(bank, {**ratings, "Q-SO-9999": 2})
    assert info.value.code == "content.unknown_question"
    with pytest.raises(ValueError):
        score_interview(shipped.bank("principal"), ratings)


# ---------------------------------------------------------------------------------------------------- awareness


def test_awareness_rate_and_target(shipped: content.Content) -> None:
    target = shipped.bank("worker").rules.target  # type: ignore[union-attr]
    assert awareness_rate([True, True, False, True]) == 0.75
    rate = awareness_rate([True] * 49 + [False])
    assert rate == pytest.approx(0.98)
    assert awareness_passed(rate, target)
    assert not awareness_passed(awareness_rate([True] * 48 + [False] * 2), target)
    # The brief's sampling (3 workers × 3 questions) leaves no room for a single wrong answer at 98 %.
    assert not awareness_passed(awareness_rate([True] * 8 + [False]), target)
    assert awareness_passed(awareness_rate([True] * 9), target)
    assert awareness_passed(0.98, 0.98) and not awareness_passed(0.9799, 0.98)


def test_awareness_rejects_bad_input() -> None:
    with pytest.raises(ValidationError) as info:
        awareness_rate([])
    assert info.value.code == "awareness.empty"
    with pytest.raises(TypeError):
        awareness_rate([1, 0])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        awareness_passed(1.2, 0.98)
    with pytest.raises(ValueError):
        awareness_passed(0.5, 0)
