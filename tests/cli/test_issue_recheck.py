"""`issue RECHECK` from the command line: the re-checked order's number and date are required options."""

from __future__ import annotations

from app.documents.issuing import Documents
from tests.documents.test_render import flat, text_of, visit  # noqa: F401 - the fixture
from tests.support import cli_call


def base(visit):  # noqa: F811
    return ["--data-dir", visit["ws"].data_dir, "issue", "--type", "RECHECK", "--inspection", visit["inspection"],
            "--enterprise", visit["tenant"], "--date", "2026-12-10"]


def test_recheck_without_the_reference_is_a_clear_error(capsys, visit):  # noqa: F811
    status, out, err = cli_call(capsys, *base(visit))
    assert status == 1 and out == ""
    assert "被复查的指令书编号和日期" in err and "--reference-no --reference-date" in err
    status, _, err = cli_call(capsys, *base(visit), "--reference-no", "（鄞）应急责改〔2026〕10001号")
    assert status == 1 and "--reference-date" in err and "--reference-no" not in err
    status, _, err = cli_call(capsys, *base(visit), "--reference-no", "X", "--reference-date", "2026-13-01")
    assert status == 2 and "YYYY-MM-DD" in err
    assert Documents(visit["ws"]).list() == []


def test_recheck_with_the_reference_prints_it(capsys, visit, tmp_path):  # noqa: F811
    out_file = tmp_path / "recheck.pdf"
    hazard = visit["hazard"]["id"]
    status, out, err = cli_call(capsys, *base(visit), "--reference-no", "（鄞）应急责改〔2026〕10001号",
                                "--reference-date", "2026-11-23", "--result", f"{hazard}=partly",
                                "--opinion", "部分整改，继续跟踪", "--out", out_file)
    assert status == 0, err
    assert "（鄞）应急复查〔2026〕" in out
    text = flat(text_of(out_file.read_bytes()))
    assert "（鄞）应急责改〔2026〕10001号" in text and "部分整改，继续跟踪" in text
    [row] = Documents(visit["ws"]).list(doc_type="RECHECK")
    assert row["status"] == "DRAFT" and row["enterprise_id"] == visit["tenant"]


def test_a_malformed_result_is_refused(capsys, visit):  # noqa: F811
    status, _, err = cli_call(capsys, *base(visit), "--reference-no", "X", "--reference-date", "2026-11-23",
                              "--result", "FIXED")
    assert status == 1 and "隐患ID=FIXED|PARTLY|NOT_FIXED" in err
