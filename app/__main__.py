"""`python -m app` starts the GUI; `python -m app <command>` runs the headless CLI (see app/cli.py)."""

from __future__ import annotations

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
