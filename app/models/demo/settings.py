"""What every part of the demo shares: its batch size, reference date and progress callback."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

Progress = Callable[[int, int], None]

BATCH_SIZE = 500
"""Enterprises per transaction: big enough that commits (synchronous=FULL) do not dominate, small enough that a
cancelled or failed run keeps most of what it wrote and the progress bar moves."""

REFERENCE_DATE = date(2026, 6, 30)
"""Lease and agreement dates are drawn relative to this fixed day so the demo does not depend on today's date."""
