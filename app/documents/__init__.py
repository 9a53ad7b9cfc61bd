"""Enforcement documents (执法文书): configuration, data gathering and PDF rendering. No Qt."""
