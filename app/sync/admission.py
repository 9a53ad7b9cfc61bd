"""Who may write what (docs/bundle-format.md §11), checked on a bundle's entries before they join the log.

A bundle speaks for the device that signed it: its entries must carry that device as their origin, unless the signer
is an authority here (a supervisor enrolled by a person on this installation, or this installation itself), which
relays other devices' entries it has checked the same way. The trust tables — enrolled devices and number blocks —
change only through entries whose origin is an authority, relayed by an authority; the one exception is a laptop's
own self-assigned number block (app/documents/numbering.py). Templates are content-addressed: a laptop may bring a
template row only whole and self-consistent (its id follows from its digest, the digest from its content), and only
an authority's template becomes the current one (app/models/templates.py). A refusal refuses the whole bundle.

The checks run over `temp.incoming`, the bundle's entries as the merge loaded them (app/sync/merge.py).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from app.errors import UserError
from app.models.authority import TEMPLATE_TABLES, TRUST_TABLES


@dataclass(frozen=True)
class Sender:
    device: str  # the bundle's signer
    authorities: frozenset[str]  # devices whose trust decisions this installation follows

    @property
    def is_authority(self) -> bool:
        return self.device in self.authorities


def _refuse(code: str, zh: str, en: str, **fields: object) -> UserError:
    return UserError(code, zh + "，整个同步包未导入", en + "; the bundle was not imported", **fields)


def admit(conn: sqlite3.Connection, sender: Sender) -> None:
    """Refuse the bundle (UserError) when it writes what its signer may not write."""
    trust = tuple(sorted(TRUST_TABLES))
    marks = ", ".join("?" * len(trust))
    if not sender.is_authority:
        foreign = conn.execute("SELECT device FROM temp.incoming WHERE device != ? LIMIT 1",
                               (sender.device,)).fetchone()
        if foreign:
            raise _refuse(
                "sync.foreign_origin",
                "同步包由设备 {signer} 签名，却带有声称来自设备 {device} 的变更；只有上级（监管）"
                "设备可以转交其他设备的记录",
                "The bundle is signed by device {signer} but holds changes claiming to come from device {device}; "
                "only a supervisor may relay other devices' records",
                signer=sender.device,
                device=foreign[0],
            )
        touched = conn.execute(
            f"SELECT DISTINCT tbl FROM temp.incoming WHERE tbl IN ({marks}) AND tbl != 'number_block'", trust
        ).fetchone()
        if touched:
            raise _trust_refusal(sender, touched[0])
        _own_blocks_only(conn, sender)
        _whole_templates(conn, sender)
        return
    outsider = conn.execute(
        f"SELECT tbl, device FROM temp.incoming WHERE tbl IN ({marks}) AND device NOT IN "
        f"({', '.join('?' * len(sender.authorities))}) LIMIT 1",
        (*trust, *sorted(sender.authorities)),
    ).fetchone()
    if outsider:
        raise _refuse(
            "sync.trust_relay",
            "同步包转交了非上级设备 {device} 对信任数据（{table}）的修改",
            "The bundle relays a change to trust data ({table}) made by device {device}, which is not a supervisor",
            table=outsider[0],
            device=outsider[1],
        )


def _trust_refusal(sender: Sender, table: str) -> UserError:
    return _refuse(
        "sync.trust_table",
        "同步包来自检查终端 {signer}，却修改了只有上级（监管）设备才能修改的信任数据（{table}）；"
        "请核实该设备是否被篡改",
        "The bundle comes from device {signer}, which is not a supervisor here, but changes trust data ({table}) "
        "that only a supervisor may change; check whether that device was tampered with",
        signer=sender.device,
        table=table,
    )


def _own_blocks_only(conn: sqlite3.Connection, sender: Sender) -> None:
    """A laptop may write only number blocks it took for itself from the self-assignment range."""
    from app.documents.numbering import SELF_BASE, SELF_SIZE, SELF_SLOTS

    top = SELF_BASE + SELF_SLOTS * SELF_SIZE
    for _row_id, col, value in conn.execute(
        "SELECT row_id, col, value FROM temp.incoming WHERE tbl = 'number_block' AND col IN ('device', 'first', 'last')"
    ):
        parsed = json.loads(value)
        ok = parsed == sender.device if col == "device" else type(parsed) is int and SELF_BASE < parsed <= top
        if not ok:
            raise _trust_refusal(sender, "number_block")
    others = conn.execute(
        "SELECT 1 FROM change c JOIN temp.incoming i ON c.tbl = i.tbl AND c.row_id = i.row_id "
        "WHERE i.tbl = 'number_block' AND c.device != ? LIMIT 1",
        (sender.device,),
    ).fetchone()
    if others:
        raise _trust_refusal(sender, "number_block")


def _whole_templates(conn: sqlite3.Connection, sender: Sender) -> None:
    from app.models.templates import expected_row

    tables = tuple(sorted(TEMPLATE_TABLES))
    rows: dict[tuple[str, str], dict[str, object]] = {}
    for table, row_id, col, value in conn.execute(
        f"SELECT tbl, row_id, col, value FROM temp.incoming WHERE tbl IN ({', '.join('?' * len(tables))})", tables
    ):
        rows.setdefault((table, row_id), {})[col] = json.loads(value)
    for (table, row_id), cells in rows.items():
        try:
            expected = expected_row(table, str(cells.get("content")))
        except Exception:  # noqa: BLE001 - any failure to read the content means it is not a valid template
            expected = {}
        consistent = (
            expected.get("id") == row_id
            and cells.get("deleted", 0) == 0
            and all(cells.get(k) == v for k, v in expected.items() if k != "id")
        )
        if not consistent:
            raise _refuse(
                "sync.bad_template",
                "同步包中的检查表或题库（{table} {row}）不完整或与其内容摘要不符；只有上级（监管）"
                "设备可以下发或修改模板",
                "A checklist or question bank in the bundle ({table} {row}) is incomplete or does not match its "
                "digest; only a supervisor may issue or change templates",
                table=table,
                row=row_id,
            )


__all__ = ["Sender", "admit"]
