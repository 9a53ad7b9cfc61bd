"""Small text helpers for labels and tab titles."""

from __future__ import annotations


def elide(text: str, limit: int = 12) -> str:
    """Shorten a long enterprise name for a tab title (the full name is in the page)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
