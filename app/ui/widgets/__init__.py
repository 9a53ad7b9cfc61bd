"""Widgets the pages share: autosaving text, dialogs, tables, elision, the signature pad, photo strip, PDF preview."""
