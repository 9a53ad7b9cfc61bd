"""Schema 15: the statistics' counts kept per enterprise and month, and per township and month, as rows change.

A year of a city is 42,000 visits, 200,000 hazards and 170,000 documents; counting them at every opening of the
statistics page took 1.3 s. Triggers keep the counts instead, for every writer alike (services, merges, restores of
single rows), in two levels:

- `stat_month`, per enterprise and month: what each hazard, visit, visit target and document adds, by the rules of
  app.models.statistics (a row counts while not deleted and not VOID; a visit counts for its landlord and for
  each of its targets, in the month it started; a hazard where it was found, closed and first overdue).
- `stat_township`, per township and month, the sums of its enterprises' rows, and the enterprises with a visit
  (`inspected`) or a work stop ordered (`stopped`) in the month: an enterprise that moves to another township takes
  its counts along, as the statistics have always counted by the enterprise's township of today.

The days of a month a period cuts are counted from the rows; the indexes on the hazards' three dates and on the
documents' date hold every column those counts read.

Neither table is synced: every installation derives them from its own rows. The SQL below is this version's and stays
as it is; a later change of rules is a later migration.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

COLUMNS = ("visits", "found", "major", "closed", "overdue", "documents", "orders", "decisions", "stops")
TOWNSHIP_COLUMNS = ("inspected", "found", "major", "closed", "overdue", "documents", "orders", "decisions", "stopped")

# A source's rows: what one row `r` (NEW or OLD in a trigger; a table alias when counting what is there) adds, with
# `sign` -1 to take it away. `source` names the tables a SELECT reads besides the trigger's row.
Rows = Callable[[str, int, str], str]


def _contrib(enterprise: str, month: str, sign: int, where: str, source: str = "", **counts: str) -> str:
    values = ", ".join(f"{sign} * ({counts[c]}) AS c{n}" if c in counts else f"0 AS c{n}"
                       for n, c in enumerate(COLUMNS))
    return f"SELECT {enterprise} AS e, substr({month}, 1, 7) AS m, {values}{source} WHERE {where}"


def _also(source: str, table: str) -> str:
    """`source` with one more table read."""
    return f"{source}, {table}" if source else f" FROM {table}"


def hazard_rows(r: str, sign: int, source: str = "") -> str:
    live = f"{r}.deleted = 0 AND {r}.status != 'VOID'"
    return " UNION ALL ".join((
        _contrib(f"{r}.enterprise_id", f"{r}.created_at", sign, live, source,
                 found="1", major=f"coalesce({r}.grade = 'MAJOR', 0)"),
        _contrib(f"{r}.enterprise_id", f"{r}.closed_on", sign, live, source, closed="1"),
        _contrib(f"{r}.enterprise_id", f"{r}.overdue_since", sign, live, source, overdue="1"),
    ))


def inspection_rows(r: str, sign: int, source: str = "") -> str:
    live = f"{r}.deleted = 0 AND {r}.status != 'VOID'"
    return " UNION ALL ".join((
        _contrib(f"{r}.enterprise_id", f"{r}.started_at", sign, live, source, visits="1"),
        _contrib("t.enterprise_id", f"{r}.started_at", sign, f"t.inspection_id = {r}.id AND t.deleted = 0 AND {live}",
                 _also(source, "inspection_target t"), visits="1"),
    ))


def target_rows(r: str, sign: int, source: str = "") -> str:
    return _contrib(f"{r}.enterprise_id", "i.started_at", sign,
                    f"i.id = {r}.inspection_id AND {r}.deleted = 0 AND i.deleted = 0 AND i.status != 'VOID'",
                    _also(source, "inspection i"), visits="1")


def document_rows(r: str, sign: int, source: str = "") -> str:
    return _contrib(f"{r}.enterprise_id", f"{r}.created_at", sign, f"{r}.deleted = 0 AND {r}.status != 'VOID'", source,
                    documents="1", orders=f"coalesce({r}.doc_type = 'ORDER', 0)",
                    decisions=f"coalesce({r}.doc_type = 'DECISION', 0)",
                    stops=f"coalesce({r}.stop_ordered, 0) != 0")


def _summed(rows: str) -> str:
    """The rows' counts per enterprise and month (the SELECT has a WHERE: SQLite's upsert needs one to parse)."""
    sums = ", ".join(f"sum(c{n})" for n in range(len(COLUMNS)))
    return f"SELECT e, m, {sums} FROM ({rows}) WHERE e IS NOT NULL AND m IS NOT NULL GROUP BY e, m"


def add_to_month(rows: str) -> str:
    """Add the rows' counts into stat_month."""
    return (f"INSERT INTO stat_month (enterprise_id, month, {', '.join(COLUMNS)}) {_summed(rows)} "
            "ON CONFLICT (enterprise_id, month) DO UPDATE SET "
            + ", ".join(f"{c} = {c} + excluded.{c}" for c in COLUMNS))


def _month_triggers(table: str, rows: Rows, columns: tuple[str, ...]) -> str:
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    return f"""
CREATE TRIGGER stat_{table}_ins AFTER INSERT ON {table} BEGIN
    {add_to_month(rows("NEW", 1, ""))};
END;
CREATE TRIGGER stat_{table}_del AFTER DELETE ON {table} BEGIN
    {add_to_month(rows("OLD", -1, ""))};
END;
CREATE TRIGGER stat_{table}_upd AFTER UPDATE OF {", ".join(columns)} ON {table} WHEN {changed} BEGIN
    {add_to_month(rows("OLD", -1, "") + " UNION ALL " + rows("NEW", 1, ""))};
END;
"""


def _township_values(r: str, sign: int) -> str:
    """One stat_month row's share of its township's row."""
    values = {c: f"{r}.{c}" for c in COLUMNS}
    values["visits"] = f"({r}.visits > 0)"
    values["stops"] = f"({r}.stops > 0)"
    return ", ".join(f"{sign} * {values[c]}" for c in COLUMNS)


def _add_to_township(select: str) -> str:
    return (f"INSERT INTO stat_township (township_id, month, {', '.join(TOWNSHIP_COLUMNS)}) {select} "
            "ON CONFLICT (township_id, month) DO UPDATE SET "
            + ", ".join(f"{c} = {c} + excluded.{c}" for c in TOWNSHIP_COLUMNS))


def _month_row(r: str, sign: int) -> str:
    return _add_to_township(f"SELECT coalesce(e.township_id, ''), {r}.month, {_township_values(r, sign)} "
                            f"FROM enterprise e WHERE e.id = {r}.enterprise_id")


def _enterprise_rows(r: str, sign: int) -> str:
    return _add_to_township(f"SELECT coalesce({r}.township_id, ''), s.month, {_township_values('s', sign)} "
                            f"FROM stat_month s WHERE s.enterprise_id = {r}.id")


# What the rows in the database add up to, counted once (the migration's starting point, and the tests' reference).
EVERYTHING = " UNION ALL ".join((
    hazard_rows("h", 1, " FROM hazard h"),
    inspection_rows("i0", 1, " FROM inspection i0"),
    document_rows("d", 1, " FROM document d"),
))


V15 = f"""
CREATE TABLE stat_month (
    enterprise_id TEXT NOT NULL,
    month TEXT NOT NULL,
    {", ".join(f"{c} INTEGER NOT NULL DEFAULT 0" for c in COLUMNS)},
    PRIMARY KEY (enterprise_id, month)
) STRICT, WITHOUT ROWID;
CREATE TABLE stat_township (
    township_id TEXT NOT NULL,
    month TEXT NOT NULL,
    {", ".join(f"{c} INTEGER NOT NULL DEFAULT 0" for c in TOWNSHIP_COLUMNS)},
    PRIMARY KEY (township_id, month)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER stat_month_ins AFTER INSERT ON stat_month BEGIN
    {_month_row("NEW", 1)};
END;
CREATE TRIGGER stat_month_del AFTER DELETE ON stat_month BEGIN
    {_month_row("OLD", -1)};
END;
CREATE TRIGGER stat_month_upd AFTER UPDATE ON stat_month BEGIN
    {_month_row("OLD", -1)};
    {_month_row("NEW", 1)};
END;
CREATE TRIGGER stat_enterprise_ins AFTER INSERT ON enterprise BEGIN
    {_enterprise_rows("NEW", 1)};
END;
CREATE TRIGGER stat_enterprise_del AFTER DELETE ON enterprise BEGIN
    {_enterprise_rows("OLD", -1)};
END;
CREATE TRIGGER stat_enterprise_upd AFTER UPDATE OF id, township_id ON enterprise
    WHEN OLD.id IS NOT NEW.id OR OLD.township_id IS NOT NEW.township_id BEGIN
    {_enterprise_rows("OLD", -1)};
    {_enterprise_rows("NEW", 1)};
END;
{add_to_month(EVERYTHING)};
{_month_triggers("hazard", hazard_rows,
                 ("enterprise_id", "deleted", "status", "grade", "created_at", "closed_on", "overdue_since"))}
{_month_triggers("inspection", inspection_rows, ("id", "enterprise_id", "deleted", "status", "started_at"))}
{_month_triggers("inspection_target", target_rows, ("inspection_id", "enterprise_id", "deleted"))}
{_month_triggers("document", document_rows,
                 ("enterprise_id", "deleted", "status", "doc_type", "stop_ordered", "created_at"))}
CREATE INDEX hazard_created ON hazard (created_at, deleted, status, grade, enterprise_id);
CREATE INDEX hazard_closed ON hazard (closed_on, deleted, status, enterprise_id);
CREATE INDEX hazard_overdue ON hazard (overdue_since, deleted, status, enterprise_id);
DROP INDEX document_created;
CREATE INDEX document_created ON document (created_at, id, deleted, status, doc_type, stop_ordered, enterprise_id);
"""


def drift(conn: Any) -> list[str]:
    """Where the kept counts differ from the rows counted afresh (empty when they agree): for the integrity check
    and the tests. Rows of zeros count as absent."""
    zero = [0] * len(COLUMNS)
    fresh = {(e, m): list(v) for e, m, *v in conn.execute(_summed(EVERYTHING))}
    kept = {(e, m): list(v) for e, m, *v in conn.execute(
        f"SELECT enterprise_id, month, {', '.join(COLUMNS)} FROM stat_month")}
    problems = [f"stat_month {key}: kept {kept.get(key)}, counted {fresh.get(key)}"
                for key in sorted(set(fresh) | set(kept)) if fresh.get(key, zero) != kept.get(key, zero)]
    towns = dict(conn.execute("SELECT id, coalesce(township_id, '') FROM enterprise"))
    by_town: dict[tuple[str, str], list[int]] = {}
    for (enterprise, month), values in fresh.items():
        if enterprise in towns:
            total = by_town.setdefault((towns[enterprise], month), [0] * len(COLUMNS))
            shares = (int(values[0] > 0), *values[1:-1], int(values[-1] > 0))
            for n, value in enumerate(shares):
                total[n] += value
    kept_towns = {(t, m): list(v) for t, m, *v in conn.execute(
        f"SELECT township_id, month, {', '.join(TOWNSHIP_COLUMNS)} FROM stat_township")}
    problems += [f"stat_township {key}: kept {kept_towns.get(key)}, counted {by_town.get(key)}"
                 for key in sorted(set(by_town) | set(kept_towns))
                 if by_town.get(key, zero) != kept_towns.get(key, zero)]
    return problems
