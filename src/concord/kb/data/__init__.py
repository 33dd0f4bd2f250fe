"""Curated CSV tables of the evidence base (each row with its source)."""
