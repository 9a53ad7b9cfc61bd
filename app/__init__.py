"""FieldSafe (现场安全检查): offline-first work-safety inspection."""

__version__ = "0.1.0"
APP_NAME = "FieldSafe"
