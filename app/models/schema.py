"""Database schema and its forward migrations.

`PRAGMA user_version` holds the schema version. Each step runs in its own transaction together with the version
bump, so a failed upgrade leaves the file as it was. A file written by a newer version is refused.

Synced tables (listed in SYNCED_TABLES) are materialised views of the change log: every write to them goes through
`app.models.store.Store`, which appends one change entry per field in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from app.models.schema_stats import V15
from app.models.schema_visits import V16

# Every synced table has `id TEXT PRIMARY KEY` (a UUIDv7) and `deleted` (tombstone flag, itself a logged field).
SYNCED_TABLES: tuple[str, ...] = (
    "org_unit",
    "park",
    "site",
    "enterprise",
    "lease",
    "person",
    "inspector",
    "team",
    "team_member",
    "checklist_template",
    "question_bank",
    "inspection",
    "inspection_inspector",
    "inspection_target",
    "item_result",
    "hazard",
    "photo",
    "interview_answer",
    "quiz_attempt",
    "awareness_sample",
    "signature",
    "document",
    "number_block",
    "enrolled_device",
    "hazard_extension",
    "recheck_line",
    "self_check",
    "self_check_line",
    "campaign",
)

# Columns holding an ISO date (YYYY-MM-DD): a bundle's entry for one must be a real date (app/sync/rules.py), so a
# garbled deadline from another laptop never reaches the code that computes with it.
DATE_COLUMNS: dict[str, frozenset[str]] = {
    "lease": frozenset({"start_date", "end_date", "agreement_date"}),
    "hazard": frozenset({"deadline", "submitted_on", "closed_on", "overdue_since", "listed_on", "transferred_on"}),
    "hazard_extension": frozenset({"requested_on", "old_deadline", "new_deadline", "decided_on"}),
    "recheck_line": frozenset({"new_deadline"}),
    "document": frozenset({"served_on"}),
    "self_check": frozenset({"period_from", "period_to"}),
    "self_check_line": frozenset({"found_on"}),
    "campaign": frozenset({"period_from", "period_to"}),
}

# Columns computed locally (by triggers) from logged ones: never written through the Store, never in the log.
DERIVED_COLUMNS: dict[str, frozenset[str]] = {"enterprise": frozenset({"search_text"})}

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

-- The change log: the audit trail and the unit of sync. Primary key is the (stamp, device) pair.
CREATE TABLE change (
    hlc INTEGER NOT NULL,
    device TEXT NOT NULL,
    author TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    col TEXT NOT NULL,
    value TEXT,             -- JSON of the new value
    pred TEXT NOT NULL,     -- JSON list of [hlc, device] stamps this entry replaced
    PRIMARY KEY (hlc, device)
) STRICT, WITHOUT ROWID;
CREATE INDEX change_cell ON change (tbl, row_id, col);

CREATE TABLE org_unit (
    id TEXT PRIMARY KEY,
    parent_id TEXT REFERENCES org_unit(id),
    level TEXT NOT NULL CHECK (level IN ('province','city','district','township','village','grid')),
    name TEXT NOT NULL,
    division_code TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX org_unit_parent ON org_unit (parent_id);

CREATE TABLE park (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    township_id TEXT REFERENCES org_unit(id),
    address TEXT,
    operator_id TEXT,       -- enterprise operating the park, when there is one
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE site (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    park_id TEXT REFERENCES park(id),
    landlord_id TEXT,
    address TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE enterprise (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    uscc TEXT,
    address TEXT,
    township_id TEXT REFERENCES org_unit(id),
    park_id TEXT REFERENCES park(id),
    site_id TEXT REFERENCES site(id),
    industry TEXT,
    employees INTEGER,
    is_landlord INTEGER NOT NULL DEFAULT 0,
    is_tenant INTEGER NOT NULL DEFAULT 0,
    is_operator INTEGER NOT NULL DEFAULT 0,
    phone TEXT,
    risk_grade TEXT CHECK (risk_grade IN ('RED','ORANGE','YELLOW','BLUE')),
    profile TEXT,           -- JSON: dust, confined_space, chemicals … (drives checklist hints and quiz draw)
    notes TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX enterprise_uscc ON enterprise (uscc);
CREATE INDEX enterprise_township ON enterprise (township_id);
CREATE INDEX enterprise_park ON enterprise (park_id);

CREATE TABLE lease (
    id TEXT PRIMARY KEY,
    landlord_id TEXT NOT NULL REFERENCES enterprise(id),
    tenant_id TEXT NOT NULL REFERENCES enterprise(id),
    site_id TEXT REFERENCES site(id),
    unit TEXT,
    area_m2 REAL,
    start_date TEXT,
    end_date TEXT,
    agreement_signed INTEGER NOT NULL DEFAULT 0,
    agreement_date TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX lease_landlord ON lease (landlord_id);

CREATE TABLE person (
    id TEXT PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
    role TEXT NOT NULL CHECK (role IN ('principal','safety_officer','onsite_lead','worker','witness','other')),
    name TEXT NOT NULL,
    phone TEXT,
    position TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX person_enterprise ON person (enterprise_id);

CREATE TABLE inspector (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    cert_no TEXT NOT NULL,
    cert_issuer TEXT,
    agency TEXT NOT NULL,
    phone TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE team (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    agency TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE team_member (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES team(id),
    inspector_id TEXT NOT NULL REFERENCES inspector(id),
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;

-- A template in use is never edited: a change is a new row with a new version.
CREATE TABLE checklist_template (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    version TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('CONSTRUCTED','OFFICIAL')),
    title TEXT NOT NULL,
    content TEXT NOT NULL,  -- JSON of the validated checklist
    digest TEXT NOT NULL,   -- sha256 of the canonical content
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE question_bank (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    version TEXT NOT NULL,
    content TEXT NOT NULL,
    digest TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE inspection (
    id TEXT PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
    site_id TEXT REFERENCES site(id),
    template_id TEXT NOT NULL REFERENCES checklist_template(id),
    mode TEXT NOT NULL,
    purpose TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('IN_PROGRESS','COMPLETED','VOID')),
    started_at TEXT NOT NULL,
    ended_at TEXT,
    bodycam_ref TEXT,
    bodycam_from TEXT,
    bodycam_to TEXT,
    resume_item TEXT,       -- retired in version 7 (see there); kept so entries of older laptops still apply
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX inspection_enterprise ON inspection (enterprise_id);

CREATE TABLE inspection_inspector (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspection(id),
    inspector_id TEXT NOT NULL REFERENCES inspector(id),
    role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('lead','member')),
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX inspection_inspector_insp ON inspection_inspector (inspection_id);

-- Enterprises covered by one visit: the landlord's site and the tenants visited on the same trip.
CREATE TABLE inspection_target (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspection(id),
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX inspection_target_insp ON inspection_target (inspection_id);

CREATE TABLE item_result (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspection(id),
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
    item_code TEXT NOT NULL,
    verdict TEXT CHECK (verdict IN ('COMPLIANT','NONCOMPLIANT','NOT_APPLICABLE')),
    note TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX item_result_insp ON item_result (inspection_id, enterprise_id, item_code);

CREATE TABLE hazard (
    id TEXT PRIMARY KEY,
    inspection_id TEXT REFERENCES inspection(id),
    item_result_id TEXT REFERENCES item_result(id),
    item_code TEXT,
    source TEXT NOT NULL,
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),  -- party responsible for rectification
    related_enterprise_id TEXT REFERENCES enterprise(id),
    location TEXT,
    description TEXT NOT NULL,
    grade TEXT NOT NULL CHECK (grade IN ('GENERAL','MAJOR')),
    major_basis TEXT,
    legal_refs TEXT,        -- JSON list
    measure TEXT,
    interim_controls TEXT,
    deadline TEXT,          -- ISO date, inclusive
    rectified_on_site INTEGER NOT NULL DEFAULT 0,
    responsible_person TEXT,
    responsible_phone TEXT,
    status TEXT NOT NULL CHECK (status IN
        ('DRAFT','OPEN','SUBMITTED','CLOSED','VOID','ESCALATED','LISTED','IN_REMEDIATION','UNDER_REVIEW','TRANSFERRED')),
    closure_type TEXT,
    void_reason TEXT,
    created_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX hazard_enterprise ON hazard (enterprise_id);
CREATE INDEX hazard_inspection ON hazard (inspection_id);
CREATE INDEX hazard_item_result ON hazard (item_result_id);

-- Photos only accumulate; the bytes live in the blob store under their sha256.
CREATE TABLE photo (
    id TEXT PRIMARY KEY,
    inspection_id TEXT REFERENCES inspection(id),
    item_result_id TEXT REFERENCES item_result(id),
    hazard_id TEXT REFERENCES hazard(id),
    sha256 TEXT NOT NULL,
    thumb_sha256 TEXT NOT NULL,
    original_sha256 TEXT NOT NULL,
    original_name TEXT,
    mime TEXT,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    taken_at TEXT,
    caption TEXT,
    added_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX photo_item_result ON photo (item_result_id);
CREATE INDEX photo_inspection ON photo (inspection_id);

CREATE TABLE interview_answer (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspection(id),
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
    person_id TEXT REFERENCES person(id),
    question_id TEXT NOT NULL,
    answer TEXT,
    rating INTEGER CHECK (rating IN (0,1,2)),
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX interview_answer_insp ON interview_answer (inspection_id);

CREATE TABLE quiz_attempt (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspection(id),
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
    person_id TEXT REFERENCES person(id),
    examinee_name TEXT,
    audience TEXT NOT NULL,
    bank_id TEXT NOT NULL REFERENCES question_bank(id),
    question_ids TEXT NOT NULL,  -- JSON list, in the order drawn
    seed INTEGER NOT NULL,
    answers TEXT NOT NULL DEFAULT '{}',  -- JSON object question id -> answer
    score INTEGER,
    max_score INTEGER,
    passed INTEGER,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX quiz_attempt_insp ON quiz_attempt (inspection_id);

CREATE TABLE awareness_sample (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspection(id),
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
    worker TEXT,
    asked INTEGER NOT NULL CHECK (asked >= 0),
    correct INTEGER NOT NULL CHECK (correct >= 0 AND correct <= asked),
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX awareness_sample_insp ON awareness_sample (inspection_id);

CREATE TABLE signature (
    id TEXT PRIMARY KEY,
    inspection_id TEXT REFERENCES inspection(id),
    document_id TEXT,
    role TEXT NOT NULL CHECK (role IN ('inspector','principal','onsite_lead','witness','expert','examinee')),
    signer_name TEXT NOT NULL,
    inspector_id TEXT REFERENCES inspector(id),
    person_id TEXT REFERENCES person(id),
    image_sha256 TEXT,
    strokes_sha256 TEXT,
    refused INTEGER NOT NULL DEFAULT 0,
    refusal_reason TEXT,
    witness_name TEXT,
    signed_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX signature_inspection ON signature (inspection_id);

CREATE TABLE document (
    id TEXT PRIMARY KEY,
    doc_type TEXT NOT NULL CHECK (doc_type IN ('RECORD','ORDER','DECISION','RECHECK')),
    doc_no TEXT,
    issuer TEXT,
    year INTEGER,
    serial INTEGER,
    inspection_id TEXT REFERENCES inspection(id),
    enterprise_id TEXT REFERENCES enterprise(id),
    status TEXT NOT NULL CHECK (status IN ('DRAFT','SIGNED','SERVED','VOID')),
    file_sha256 TEXT,
    void_reason TEXT,
    supersedes_id TEXT REFERENCES document(id),
    created_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX document_inspection ON document (inspection_id);
"""

# Version 2: one normalised search column for search-as-you-type over name, credit code and address, kept by
# triggers so no writer has to remember it.
_V2 = """
ALTER TABLE enterprise ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE enterprise SET search_text = lower(name || ' ' || coalesce(uscc, '') || ' ' || coalesce(address, ''));
CREATE TRIGGER enterprise_search_ins AFTER INSERT ON enterprise BEGIN
    UPDATE enterprise SET search_text =
        lower(NEW.name || ' ' || coalesce(NEW.uscc, '') || ' ' || coalesce(NEW.address, '')) WHERE id = NEW.id;
END;
CREATE TRIGGER enterprise_search_upd AFTER UPDATE OF name, uscc, address ON enterprise BEGIN
    UPDATE enterprise SET search_text =
        lower(NEW.name || ' ' || coalesce(NEW.uscc, '') || ' ' || coalesce(NEW.address, '')) WHERE id = NEW.id;
END;
CREATE INDEX lease_tenant ON lease (tenant_id);
CREATE INDEX enterprise_name ON enterprise (name);
"""

# Version 3: number blocks. A block is a range of serials of one document type, issuer and year that one device may
# print offline (domain.md §4.3); a supervisor assigns them, a standalone laptop may take one from the range reserved
# for self-assignment (app/documents/numbering.py). Rules that span columns (first <= last, no overlap) are checked by
# the code that writes blocks, not by CHECK constraints, so a merge applying fields one at a time is never refused.
_V3 = """
CREATE TABLE number_block (
    id TEXT PRIMARY KEY,
    doc_type TEXT NOT NULL CHECK (doc_type IN ('RECORD','ORDER','DECISION','RECHECK')),
    issuer TEXT NOT NULL,
    year INTEGER NOT NULL,
    device TEXT NOT NULL,   -- the device that may print these serials
    first INTEGER NOT NULL,
    last INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX number_block_key ON number_block (doc_type, issuer, year);
-- Numbers are natural keys, checked (not enforced: merges may bring duplicates to list) by this index's users.
CREATE INDEX document_number ON document (doc_type, issuer, year, serial);
"""


# Version 4: sync. `enrolled_device` (synced: the supervisor's list travels to its laptops) says whose bundles this
# installation accepts; `enterprise.merged_into` records that two offline records are one firm (ids are never
# rewritten). The other tables are local bookkeeping, never synced: bundles seen and written, what each peer is known
# to hold (acks) and what this installation holds without gaps (have), the conflict queue derived from the log, and
# rows whose entries arrived before the rows they need (pending).
# Also the service record of a document (送达, domain.md §4.5): the date it was served (ISO, may be earlier than the
# day it was recorded), who received it and how (vocabulary `service_methods`). Ordinary logged columns, not frozen
# by the signature. Documents served before this version have them NULL; their date is the change log's
# (Documents.service).
_V4 = """
ALTER TABLE document ADD COLUMN served_on TEXT;
ALTER TABLE document ADD COLUMN served_to TEXT;
ALTER TABLE document ADD COLUMN service_method TEXT;
CREATE TABLE enrolled_device (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    public_key TEXT NOT NULL,   -- raw Ed25519 public key, hex
    label TEXT,
    role TEXT NOT NULL DEFAULT 'INSPECTOR' CHECK (role IN ('INSPECTOR','SUPERVISOR','TOWNSHIP')),
    inspector_id TEXT REFERENCES inspector(id),
    township_id TEXT REFERENCES org_unit(id),
    revoked INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX enrolled_device_key ON enrolled_device (device_id);
ALTER TABLE enterprise ADD COLUMN merged_into TEXT REFERENCES enterprise(id);
CREATE INDEX enterprise_merged ON enterprise (merged_into);

CREATE TABLE sync_bundle (
    bundle_id TEXT PRIMARY KEY,
    direction TEXT NOT NULL CHECK (direction IN ('IN','OUT')),
    kind TEXT NOT NULL,
    device TEXT NOT NULL,       -- the device that signed it
    peer TEXT,                  -- OUT: the destination device, when known
    file_sha256 TEXT,
    covers TEXT NOT NULL,       -- JSON {origin: [after, last]}
    stats TEXT NOT NULL,        -- JSON
    at TEXT NOT NULL,
    acked INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE sync_ack (
    peer TEXT NOT NULL,
    origin TEXT NOT NULL,
    hlc INTEGER NOT NULL,
    PRIMARY KEY (peer, origin)
) STRICT, WITHOUT ROWID;
CREATE TABLE sync_have (origin TEXT PRIMARY KEY, hlc INTEGER NOT NULL) STRICT, WITHOUT ROWID;
CREATE TABLE conflict (
    kind TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    col TEXT NOT NULL,
    detail TEXT NOT NULL,       -- JSON
    PRIMARY KEY (kind, tbl, row_id, col)
) STRICT, WITHOUT ROWID;
CREATE TABLE pending_row (tbl TEXT NOT NULL, row_id TEXT NOT NULL, PRIMARY KEY (tbl, row_id)) STRICT, WITHOUT ROWID;
-- a supervisor holds every laptop's photos: a hazard's photos are found by index, not by scanning them all
CREATE INDEX photo_hazard ON photo (hazard_id);
-- what this device wrote and no peer acknowledged yet (the status bar, every export) without reading the whole log
CREATE INDEX change_device ON change (device, hlc);
"""


# Version 5: bundle ids are scoped by their signer (a bundle id is the signer's own name for it: another device
# reusing it must not make the real bundle look already imported).
_V5 = """
CREATE TABLE sync_bundle_v5 (
    bundle_id TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('IN','OUT')),
    kind TEXT NOT NULL,
    device TEXT NOT NULL,       -- the device that signed it
    peer TEXT,                  -- OUT: the destination device, when known
    file_sha256 TEXT,
    covers TEXT NOT NULL,       -- JSON {origin: [after, last]}, as verified against the entries carried
    stats TEXT NOT NULL,        -- JSON
    at TEXT NOT NULL,
    acked INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (device, bundle_id)
) STRICT;
INSERT INTO sync_bundle_v5 SELECT bundle_id, direction, kind, device, peer, file_sha256, covers, stats, at, acked
    FROM sync_bundle;
DROP TABLE sync_bundle;
ALTER TABLE sync_bundle_v5 RENAME TO sync_bundle;
"""


# Version 6: drafts — text typed for a record that does not exist yet (app/models/drafts.py). Local, never synced.
_V6 = """
CREATE TABLE draft (key TEXT PRIMARY KEY, value TEXT NOT NULL, at TEXT NOT NULL) STRICT;
"""


# Version 7: where the inspector was in an inspection (so a restart resumes there) is a cursor of this laptop, not a
# fact of the inspection: it leaves the synced `inspection.resume_item` (no longer written) for a local table. Every
# move was a change entry that travelled to the supervisor and counted as unsynced work.
_V7 = """
CREATE TABLE inspection_position (
    inspection_id TEXT PRIMARY KEY,
    enterprise_id TEXT NOT NULL,
    item_code TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO inspection_position (inspection_id, enterprise_id, item_code)
    SELECT id, substr(resume_item, 1, instr(resume_item, '/') - 1), substr(resume_item, instr(resume_item, '/') + 1)
    FROM inspection WHERE instr(resume_item, '/') > 1;
"""


# Version 8: the closed loop (domain brief §5.3-§5.4, app/models/hazard_flow.py). A hazard keeps how far it got —
# the enterprise's report, the re-checks, who verified and closed it with which document, the first day it was seen
# overdue, its listing (挂牌督办) and plan, a transfer (移送) and its feedback; a photo says whether it shows the hazard
# or its rectification; extension requests are rows of their own, decided once.
_V8 = """
ALTER TABLE hazard ADD COLUMN recheck_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hazard ADD COLUMN evidence_note TEXT;
ALTER TABLE hazard ADD COLUMN submitted_on TEXT;
ALTER TABLE hazard ADD COLUMN verified_by TEXT REFERENCES inspector(id);
ALTER TABLE hazard ADD COLUMN closed_on TEXT;
ALTER TABLE hazard ADD COLUMN closure_doc_id TEXT REFERENCES document(id);
ALTER TABLE hazard ADD COLUMN status_reason TEXT;
ALTER TABLE hazard ADD COLUMN overdue_since TEXT;
ALTER TABLE hazard ADD COLUMN listing_level TEXT;
ALTER TABLE hazard ADD COLUMN listing_body TEXT;
ALTER TABLE hazard ADD COLUMN listing_notice_no TEXT;
ALTER TABLE hazard ADD COLUMN listed_on TEXT;
ALTER TABLE hazard ADD COLUMN plan_text TEXT;
ALTER TABLE hazard ADD COLUMN transfer_department TEXT;
ALTER TABLE hazard ADD COLUMN transferred_on TEXT;
ALTER TABLE hazard ADD COLUMN transfer_feedback TEXT;
CREATE INDEX hazard_status ON hazard (status, deadline);
ALTER TABLE photo ADD COLUMN stage TEXT NOT NULL DEFAULT 'BEFORE' CHECK (stage IN ('BEFORE','AFTER'));
CREATE TABLE hazard_extension (
    id TEXT PRIMARY KEY,
    hazard_id TEXT NOT NULL REFERENCES hazard(id),
    requested_on TEXT NOT NULL,
    old_deadline TEXT,
    new_deadline TEXT NOT NULL,
    reason TEXT NOT NULL,
    decision TEXT CHECK (decision IN ('APPROVED','REJECTED')),
    decided_by TEXT REFERENCES inspector(id),
    decided_on TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX hazard_extension_hazard ON hazard_extension (hazard_id);
"""


# Version 9: the re-inspection (复查, app/models/reinspection.py) — an inspection of mode RECHECK holds one line per
# hazard re-checked: what the officers found (已整改 / 部分整改 / 未整改), their note, and for a hazard not fixed
# what follows (a new deadline, or escalation). The lines are typed on site and saved as typed; finishing the
# re-inspection turns them into the hazards' transitions.
_V9 = """
CREATE TABLE recheck_line (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspection(id),
    hazard_id TEXT NOT NULL REFERENCES hazard(id),
    result TEXT CHECK (result IN ('FIXED','PARTLY','NOT_FIXED')),
    note TEXT,
    followup TEXT CHECK (followup IN ('NEW_DEADLINE','ESCALATE')),
    new_deadline TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX recheck_line_inspection ON recheck_line (inspection_id);
CREATE INDEX recheck_line_hazard ON recheck_line (hazard_id);
"""


# Version 10: 比对检查 (app/models/comparison.py) — an enterprise's own self-inspection list for a period, imported from
# its file, one line per item it judged (and per hazard it found), kept to set against the officers' findings.
_V10 = """
CREATE TABLE self_check (
    id TEXT PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    source_name TEXT,
    source_sha256 TEXT,
    imported_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX self_check_enterprise ON self_check (enterprise_id);
CREATE TABLE self_check_line (
    id TEXT PRIMARY KEY,
    self_check_id TEXT NOT NULL REFERENCES self_check(id),
    item_code TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('COMPLIANT','NONCOMPLIANT','NOT_APPLICABLE')),
    description TEXT,
    found_on TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX self_check_line_check ON self_check_line (self_check_id);
"""


# Version 11: campaigns (专项行动, app/models/campaigns.py) — a period and a scope whose coverage 所有企业必到 counts.
# The scope is a JSON list of township, park or enterprise ids in one field: a campaign's scope is set as a whole.
_V11 = """
CREATE TABLE campaign (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    scope_kind TEXT NOT NULL CHECK (scope_kind IN ('ALL','TOWNSHIPS','PARKS','ENTERPRISES')),
    scope TEXT NOT NULL DEFAULT '[]',
    deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
"""


# Version 12: a 现场处理措施决定书 says whether its measures stop work (责令暂时停产停业、停止使用设施设备), ticked by
# the officer when issuing it and frozen with it once signed: the statistics count the enterprises ordered to stop.
_V12 = """
ALTER TABLE document ADD COLUMN stop_ordered INTEGER NOT NULL DEFAULT 0;
"""

# Version 13: indexes a supervisor's city-size database needs (docs/performance.md): the visits of one enterprise as a
# target (risk grading of every enterprise a campaign has not reached), the hazard board in its own order and its
# counts by status read from an index alone, a document list newest first, the documents of an enterprise, the
# signed ones still to serve, this device's entries not yet acknowledged counted from an index alone (the status
# bar counts them after every commit, leaving out local tables by name), the statistics' hazards of each enterprise
# counted from an index alone (it replaces hazard_enterprise, whose lookups it serves as well), and search as you
# type read from an index in display order, with every column it filters on.
_V13 = """
CREATE INDEX inspection_target_enterprise ON inspection_target (enterprise_id);
DROP INDEX change_device;
CREATE INDEX change_device ON change (device, hlc, tbl);
CREATE INDEX document_status ON document (status, created_at, id);
CREATE INDEX hazard_board ON hazard
    (grade = 'MAJOR' DESC, coalesce(deadline, '9999'), id, status, deleted, enterprise_id, grade, deadline);
CREATE INDEX hazard_count ON hazard (status, deleted, enterprise_id);
CREATE INDEX document_created ON document (created_at, id);
CREATE INDEX document_enterprise ON document (enterprise_id);
DROP INDEX hazard_enterprise;
CREATE INDEX hazard_stats ON hazard (enterprise_id, deleted, status, grade, created_at, closed_on, overdue_since);
CREATE INDEX enterprise_search ON enterprise
    (name, id, deleted, merged_into, is_landlord, is_tenant, is_operator, township_id, search_text);
"""

# Version 14: the visits still in progress, offered for resuming at every start, and the visit list newest first,
# read from an index instead of sorting every inspection.
_V14 = """
CREATE INDEX inspection_status ON inspection (status, started_at, id);
CREATE INDEX inspection_started ON inspection (started_at, id);
"""


# Version 15: the statistics' counts kept by triggers as rows change (app/models/schema_stats.py).
# Version 16: each visit's facts for coverage and the risk grade, kept as rows change (app/models/schema_visits.py).


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def step(conn: sqlite3.Connection) -> None:
        # executescript() would COMMIT first; run statement by statement to stay inside the step's transaction.
        for statement in _split(sql):
            conn.execute(statement)

    return step


def _split(sql: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (which contain semicolons) whole."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _script(_V1), _script(_V2), _script(_V3), _script(_V4), _script(_V5), _script(_V6),
    _script(_V7), _script(_V8), _script(_V9), _script(_V10), _script(_V11), _script(_V12),
    _script(_V13), _script(_V14), _script(V15), _script(V16),
)
SCHEMA_VERSION = len(MIGRATIONS)
