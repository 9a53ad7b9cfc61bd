from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.errors import ContentError, ValidationError
from app.models.workdays import (
    add_days,
    add_working_days,
    deadline_for,
    default_calendar,
    load_calendar,
    load_year,
)
from app.resources import resource_path

D = dt.date


def test_shipped_calendars_load_and_match_the_notices():
    cal = default_calendar()
    assert sorted(cal.years) == [2025, 2026]
    assert all(y.status == "OFFICIAL" for y in cal.years.values())
    c25, c26 = cal.years[2025], cal.years[2026]
    assert len(c25.holidays) == 1 + 8 + 3 + 5 + 3 + 8
    assert len(c26.holidays) == 3 + 9 + 3 + 5 + 3 + 3 + 7
    assert sorted(c25.workdays) == [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)]
    assert sorted(c26.workdays) == [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20),
                                    D(2026, 10, 10)]
    assert cal.holiday_name(D(2026, 2, 17)) == "春节"
    assert not cal.is_working_day(D(2026, 10, 5))
    assert cal.is_working_day(D(2026, 2, 28))  # Saturday, adjusted working day
    assert not cal.is_working_day(D(2026, 3, 1))  # ordinary Sunday
    assert cal.is_working_day(D(2026, 3, 2))


def test_add_days_is_plain_calendar_arithmetic():
    assert add_days(D(2026, 1, 30), 3) == D(2026, 2, 2)
    assert add_days(D(2026, 1, 30), 0) == D(2026, 1, 30)
    with pytest.raises(ValidationError):
        add_days(D(2026, 1, 30), -1)


def test_working_days_skip_the_spring_festival_and_count_the_adjusted_saturdays():
    # Friday 13 Feb 2026: Sat 14 is a working day, then 15–23 is the holiday
    r = add_working_days(D(2026, 2, 13), 2)
    assert r.date == D(2026, 2, 24)
    assert r.working_days and r.certain and r.warnings == []
    # across the National Day holiday: Wed 30 Sep 2026 + 1 working day = Thu 8 Oct
    assert add_working_days(D(2026, 9, 30), 1).date == D(2026, 10, 8)
    # Sat 10 Oct 2026 is a working day
    assert add_working_days(D(2026, 10, 9), 1).date == D(2026, 10, 10)
    # an ordinary week: Monday + 5 working days = next Monday
    assert add_working_days(D(2026, 3, 2), 5).date == D(2026, 3, 9)
    assert add_working_days(D(2026, 3, 2), 0).date == D(2026, 3, 2)


def test_working_days_across_the_year_boundary_use_both_files():
    # Wed 31 Dec 2025 + 1 working day: 1–3 Jan 2026 are holidays, Sun 4 Jan is an adjusted working day
    r = add_working_days(D(2025, 12, 31), 1)
    assert r.date == D(2026, 1, 4)
    assert r.certain


def test_a_year_without_a_calendar_falls_back_to_monday_to_friday_and_says_so():
    r = add_working_days(D(2027, 9, 30), 1)  # Thursday
    assert r.date == D(2027, 10, 1)  # the National Day holiday is unknown: counted as a working day
    assert r.fallback_years == (2027,)
    assert not r.certain
    assert "2027" in r.warnings[0] and "周一至周五" in r.warnings[0]
    r = add_working_days(D(2026, 12, 30), 5)
    assert r.fallback_years == (2027,)


def test_deadline_in_calendar_days_moves_past_a_final_rest_day():
    # 15 days from 16 Sep 2026 is 1 Oct (holiday until 7 Oct): the deadline is Thursday 8 Oct
    r = deadline_for(D(2026, 9, 16), 15, working_days=False)
    assert (r.date, r.working_days) == (D(2026, 10, 8), False)
    # ending on a working day: unchanged
    assert deadline_for(D(2026, 3, 2), 7, working_days=False).date == D(2026, 3, 9)
    # working days
    assert deadline_for(D(2026, 2, 13), 2, working_days=True).date == D(2026, 2, 24)


# ------------------------------------------------------------------------------------------------------ validation

GOOD = """
year = 2030
status = "CONSTRUCTED"
source = "test"

[[holidays]]
name = "元旦"
from = 2030-01-01
to = 2030-01-01

[[workdays]]
date = 2030-01-05
name = "调休上班"
"""


def write(tmp_path: Path, text: str, name: str = "cn_2030.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_constructed_calendar_is_used_with_a_warning(tmp_path):
    cal = load_calendar([write(tmp_path, GOOD)])
    assert cal.years[2030].status == "CONSTRUCTED"
    r = add_working_days(D(2029, 12, 31), 1, cal)
    assert r.date == D(2030, 1, 2)
    assert r.constructed_years == (2030,) and r.fallback_years == (2029,)
    assert len(r.warnings) == 2


@pytest.mark.parametrize("old,new,field", [
    ('year = 2030', 'year = "2030"', "year"),
    ('status = "CONSTRUCTED"', 'status = "DRAFT"', "status"),
    ('source = "test"', 'source = ""', "source"),
    ("to = 2030-01-01", "to = 2029-12-30", "holidays[0].to"),
    ("from = 2030-01-01", 'from = "2030-01-01"', "holidays[0].from"),
    ("date = 2030-01-05", "date = 2030-01-07", "workdays[0].date"),  # a Monday cannot be an adjusted working day
    ("date = 2030-01-05", "date = 2035-01-06", "workdays[0].date"),
    ('name = "元旦"', 'name = "元旦"\nextra = 1', "holidays[0].extra"),
    ('source = "test"', 'source = "test"\nholiday = []', "holiday"),
])
def test_a_malformed_calendar_names_file_and_field(tmp_path, old, new, field):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(ContentError) as err:
        load_year(path)
    assert err.value.file == "cn_2030.toml"
    assert err.value.field == field
    assert "cn_2030.toml" in str(err.value)


def test_a_workday_that_is_also_a_holiday_is_refused(tmp_path):
    text = GOOD.replace("to = 2030-01-01", "to = 2030-01-06")
    with pytest.raises(ContentError) as err:
        load_year(write(tmp_path, text))
    assert err.value.field == "workdays[0].date"


def test_file_name_and_year_must_agree_and_a_year_is_given_once(tmp_path):
    with pytest.raises(ContentError) as err:
        load_year(write(tmp_path, GOOD, "cn_2031.toml"))
    assert err.value.field == "year"
    a = write(tmp_path, GOOD)
    b = write(tmp_path, GOOD, "extra.toml")
    with pytest.raises(ContentError):
        load_calendar([a, b])


def test_bad_toml_and_missing_files_are_content_errors(tmp_path):
    with pytest.raises(ContentError):
        load_year(write(tmp_path, "year = = 3"))
    with pytest.raises(ContentError):
        load_year(tmp_path / "cn_2099.toml")


def test_every_shipped_calendar_file_is_valid():
    for path in sorted(resource_path("calendar").glob("*.toml")):
        assert load_year(path).year == int(path.stem.split("_")[1])
