"""The enterprise registry: the searchable list, the enterprise form, the dossier, merging two records."""
