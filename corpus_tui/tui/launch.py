"""Starting the app from the command line: checks that must happen before any screen.

The journal is opened (and locked) here, before Textual takes over the terminal, so a
second ``corpus-tui`` for the same annotator prints the store's one-sentence message and
exits 1 instead of flashing a screen; torn-line warnings travel into the app as a notice.
"""

from __future__ import annotations

import sys

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.project import Project


def _require_terminal() -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CorpusError(
            "the annotation TUI needs an interactive terminal (stdin and stdout are not a terminal); "
            "use 'corpus-tui stats', 'export' or 'validate' in scripts."
        )


def run_tui(project: Project, annotator: str) -> int:
    """Open the annotation app on ``project`` as ``annotator``; returns the exit status."""
    documents = project.documents()
    if not documents:
        raise CorpusError(
            f"The project in {project.root} has no documents yet: add some with 'corpus-tui import FILE...' "
            f"(globs in corpus-tui.toml: {', '.join(project.config.documents)})."
        )
    journal = project.open_journal(annotator)
    try:
        # Build every record now: a damaged line is then one sentence here, not a traceback
        # inside Textual (the Corpus screen needs all of them for its counts anyway).
        journal.latest.convert_all()
        _require_terminal()
        from corpus_tui.tui.app import CorpusTuiApp

        app = CorpusTuiApp(project, journal, documents, warnings=journal.warnings)
        try:
            result = app.run()
        finally:
            app.session.flush()  # anything the last frame showed but the loop did not write yet
    finally:
        journal.close()
    return result if isinstance(result, int) else 0


def run_demo(annotator: str | None) -> int:
    """Open the app on a fresh temporary copy of the bundled seed articles."""
    from corpus_tui.demo import create_demo_project

    _require_terminal()
    root = create_demo_project()
    project = Project.load(root)
    status = run_tui(project, project.default_annotator(annotator))
    print(f"corpus-tui: the demo project (with your annotations) is in {root}", file=sys.stderr)
    return status
