"""Sync bundles between laptops and the supervisor's database (no Qt)."""
