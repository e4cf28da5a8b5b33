"""One module per command: plain, typed arguments in, a report on stdout/stderr, an exit status out.

The CLI parses the command line and calls these; the TUI's palette calls the library
functions they call. Nothing here parses ``argv`` or imports Textual, and the heavy
libraries (spaCy, datasets) load only inside the command that needs them.
"""
