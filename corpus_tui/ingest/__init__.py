"""Input: documents and annotations brought into a project (plain files, Prodigy JSONL, HF datasets).

Importers check everything they read before they write anything, and they read the formats that
``export`` writes, so an export -> import round trip loses nothing.
"""
