"""Hazards followed after the visit."""
