"""Sync bundles, enrolled devices and the conflict queue."""
