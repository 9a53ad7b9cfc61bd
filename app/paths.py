"""Where the data folder is: `--data-dir`, else `FIELDSAFE_DATA_DIR`, else the per-user folder."""

from __future__ import annotations

import os
from pathlib import Path

from app import APP_NAME

ENV_VAR = "FIELDSAFE_DATA_DIR"
DB_NAME = "fieldsafe.sqlite"
# An office's signing authority (app/documents/certs.py); whether it exists decides what the folder may send.
AUTHORITY_DIR = ("keys", "authority")
AUTHORITY_CERT = "authority.cert.pem"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs  # 4 ms of a start: imported only when the per-user folder is the one used

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def authority_dir(data: Path) -> Path:
    return Path(data).joinpath(*AUTHORITY_DIR)
