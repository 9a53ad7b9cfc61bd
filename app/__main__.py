"""`python -m app` starts the GUI; `python -m app <command>` runs the headless CLI (see app/cli/)."""

from __future__ import annotations

import multiprocessing
import sys

from app.cli import main

if __name__ == "__main__":
    # A frozen build (build.spec) is re-run as each batch-print worker process; this hands those runs to
    # multiprocessing instead of the CLI. Does nothing when not frozen.
    multiprocessing.freeze_support()
    sys.exit(main())
