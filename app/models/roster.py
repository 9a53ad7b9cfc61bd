"""Inspectors (name, enforcement certificate, agency) and the teams they go out in."""

from __future__ import annotations

from typing import Any

from app.errors import ValidationError
from app.models.store import Store


class Roster:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add_inspector(
        self, name: str, cert_no: str, agency: str, *, cert_issuer: str | None = None, phone: str | None = None
    ) -> str:
        name, cert_no, agency = (name or "").strip(), (cert_no or "").strip(), (agency or "").strip()
        missing = [zh for zh, v in (("姓名", name), ("执法证号", cert_no), ("所属单位", agency)) if not v]
        if missing:
            raise ValidationError(
                "inspector.required",
                "执法人员信息不完整，缺少：{missing}",
                "Inspector details incomplete; missing: {missing}",
                missing="、".join(missing),
            )
        existing = self.store.db.conn.execute(
            "SELECT id FROM inspector WHERE cert_no = ? AND deleted = 0", (cert_no,)
        ).fetchone()
        if existing:
            raise ValidationError(
                "inspector.duplicate_cert",
                "执法证号 {cert_no} 已登记",
                "Certificate number {cert_no} is already registered",
                cert_no=cert_no,
            )
        return self.store.insert(
            "inspector",
            {"name": name, "cert_no": cert_no, "agency": agency, "cert_issuer": cert_issuer, "phone": phone},
        )

    def name_of(self, inspector_id: str) -> str | None:
        """The inspector's name; None when no inspector has this id (the change log also holds free names)."""
        row = self.store.get("inspector", inspector_id)
        return str(row["name"]) if row and row.get("name") else None

    def inspectors(self, active_only: bool = True) -> list[dict[str, Any]]:
        where = "deleted = 0" + (" AND active = 1" if active_only else "")
        return self.store.query(f"SELECT * FROM inspector WHERE {where} ORDER BY name")

    def create_team(self, name: str, inspector_ids: list[str], agency: str | None = None) -> str:
        with self.store.transaction():
            team_id = self.store.insert("team", {"name": name.strip(), "agency": agency})
            for inspector_id in dict.fromkeys(inspector_ids):
                self.store.require("inspector", inspector_id)
                self.store.insert("team_member", {"team_id": team_id, "inspector_id": inspector_id})
        return team_id

    def team_members(self, team_id: str) -> list[dict[str, Any]]:
        return self.store.query(
            """SELECT i.* FROM team_member m JOIN inspector i ON i.id = m.inspector_id
               WHERE m.team_id = ? AND m.deleted = 0 AND i.deleted = 0 ORDER BY i.name""",
            (team_id,),
        )
