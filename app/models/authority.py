"""Who may change trust (docs/bundle-format.md §11).

On an importing installation the authorities are its own key and the supervisors a person enrolled here (after
checking the key fingerprint). Their bundles may enrol or revoke devices, assign number blocks, issue templates and
relay other devices' entries; the supervisors they enrol are authorities in turn. Everyone else's bundles may not.

On an exporting installation the question is whether it is a supervisor office: one that holds an issuing authority
(the CA that certifies its inspectors, app/documents/certs.py). Only an office sends its trust decisions, its
certificates and other devices' entries; any other installation speaks only for itself and keeps its enrolments
(of its supervisor, of a colleague's laptop) local, where they were made.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from app.models.fold import Context
from app.paths import AUTHORITY_CERT, authority_dir

TRUST_TABLES = frozenset({"enrolled_device", "number_block"})
TEMPLATE_TABLES = frozenset({"checklist_template", "question_bank"})
LOCAL_UNLESS_OFFICE = ("enrolled_device",)


def authorities(conn: sqlite3.Connection, own_device: str) -> frozenset[str]:
    rows = conn.execute(
        "SELECT device_id FROM enrolled_device WHERE role = 'SUPERVISOR' AND revoked = 0 AND deleted = 0"
    ).fetchall()
    return frozenset({own_device, *(r[0] for r in rows)})


def signing_context(conn: sqlite3.Connection, own_device: str, office: bool) -> Context:
    """Who may sign or void which document, from the number blocks and supervisors held (app/models/fold.py). This
    installation counts as an authority only when it is an office: a laptop's own void of another laptop's signed
    document must not count here either, or the laptops would disagree once they have the same entries."""
    owners: dict[tuple[Any, Any, Any], list[tuple[int, int, str]]] = {}
    for doc_type, issuer, year, device, first, last in conn.execute(
        "SELECT doc_type, issuer, year, device, first, last FROM number_block WHERE deleted = 0"
    ):
        owners.setdefault((doc_type, issuer, year), []).append((first, last, device))

    def block_owner(doc_type: Any, issuer: Any, year: Any, serial: Any) -> str | None:
        if type(serial) is not int:
            return None
        found = {d for first, last, d in owners.get((doc_type, issuer, year), ()) if first <= serial <= last}
        return found.pop() if len(found) == 1 else None

    supervisors = authorities(conn, own_device) - ({own_device} if not office else set())
    return Context(frozenset(supervisors), block_owner)


def is_office(data_dir: Path) -> bool:
    return (authority_dir(data_dir) / AUTHORITY_CERT).exists()


def local_only_tables(data_dir: Path) -> tuple[str, ...]:
    """Tables whose entries written here never leave this installation."""
    return () if is_office(data_dir) else LOCAL_UNLESS_OFFICE


__all__ = ["TEMPLATE_TABLES", "TRUST_TABLES", "authorities", "is_office", "local_only_tables", "signing_context"]
