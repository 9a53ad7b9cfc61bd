"""Enforcement documents: issuing, correcting, signing, serving, printing, batches."""
