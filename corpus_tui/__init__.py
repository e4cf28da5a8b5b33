"""corpus-tui: keyboard-only annotation of quotes, speakers and stance in news corpora."""

__version__ = "0.1.0"
