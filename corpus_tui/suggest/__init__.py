"""spaCy pre-annotation: suggested quotes (direct, indirect, mixed), cues and speakers.

Importing this package is cheap: spaCy is imported only when a model is loaded
(``pipeline.load_model``), so the CLI and the TUI can import the command lazily.
The rules follow the project's span guidelines (see README "Suggestions"): they are what
``evaluate`` scores against the gold journal.
"""
