"""Turning a project's annotations into datasets: Hugging Face (hub layout), JSONL, spaCy, Prodigy.

``datasets``, ``pyarrow`` and spaCy are imported inside the functions that need them, so
importing this package (e.g. from the TUI palette) stays cheap.
"""
