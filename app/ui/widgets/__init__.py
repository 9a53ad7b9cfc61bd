"""Widgets the pages share: autosaving text, dialogs, tables, elision, the signature pad, the photo strip, the PDF preview."""
