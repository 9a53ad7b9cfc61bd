"""`python -m app` starts the GUI; `python -m app <command>` runs the headless CLI (see app/cli/)."""

from __future__ import annotations

import sys

from app.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # A frozen build (build.spec) is re-run as each batch-print worker process; this hands those runs to
        # multiprocessing instead of the CLI. Imported only then: multiprocessing costs a start about 8 ms.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
