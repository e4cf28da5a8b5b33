"""Turning a project's annotations into datasets: Hugging Face (hub layout), JSONL, spaCy, Prodigy.

Where things live: ``dataset.export_dataset`` runs an export (``select`` chooses the
annotations, ``splits`` the split of each document); ``writers`` says what a format's
writer does and maps each ``options.ExportFormat`` to one (``hf``, ``jsonl``,
``spacy_docbin``, ``prodigy``); ``rows`` holds the column tables of the Hugging Face
configs (built with ``columns``); ``tokens`` aligns spans to tokens; ``card`` writes the
dataset card; ``hub`` pushes an export.

``datasets``, ``pyarrow`` and spaCy are imported inside the functions that need them, so
importing this package (e.g. from the TUI palette) stays cheap.
"""
