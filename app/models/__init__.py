"""Domain model and SQLite storage. Never imports Qt."""
