"""Starting the app from the command line: checks that must happen before any screen.

The journal is opened (and locked) here, before Textual takes over the terminal, so a
second ``corpus-tui`` for the same annotator prints the store's one-sentence message and
exits 1 instead of flashing a screen; torn-line warnings travel into the app as a notice.
Edits the app could not save by the end are one sentence and exit 1 (``run_session_app``).
``[keys]`` is checked here too: a misspelt binding id is one sentence, not a dead key.
"""

from __future__ import annotations

import os
import sys

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.project import Project


def require_terminal(
    why: str = "the annotation TUI needs an interactive terminal",
    instead: str = "use 'corpus-tui stats', 'export' or 'validate' in scripts",
) -> None:
    """Refuse, in one sentence, to draw a screen nobody can see (a pipe, CI).
    ``CORPUS_TUI_FORCE_TUI`` lets tests drive an app without a terminal."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()) and not os.environ.get("CORPUS_TUI_FORCE_TUI"):
        raise CorpusError(f"{why} (stdin and stdout are not a terminal); {instead}.")


def run_tui(project: Project, annotator: str) -> int:
    """Open the annotation app on ``project`` as ``annotator``; returns the exit status."""
    from corpus_tui.tui.keymap import user_keymap

    user_keymap(project)  # a misspelt [keys] id is one sentence, before anything else
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
        require_terminal()
        from corpus_tui.tui.app import CorpusTuiApp
        from corpus_tui.tui.session_app import run_session_app

        return run_session_app(CorpusTuiApp(project, journal, documents, warnings=journal.warnings))
    finally:
        journal.close()


def open_project(project_dir: str | os.PathLike[str], annotator: str | None) -> int:
    """The bare ``corpus-tui``: the app on the project in ``project_dir``."""
    project = Project.load(project_dir)
    return run_tui(project, project.default_annotator(annotator))


def run_demo(annotator: str | None) -> int:
    """Open the app on a fresh temporary copy of the bundled seed articles."""
    from corpus_tui.commands.demo import create_demo_project

    require_terminal()
    root = create_demo_project()
    project = Project.load(root)
    status = run_tui(project, project.default_annotator(annotator))
    print(f"corpus-tui: the demo project (with your annotations) is in {root}", file=sys.stderr)
    return status


def run_adjudicate(project_dir: str | os.PathLike[str], annotators: list[str] | None) -> int:
    """``corpus-tui adjudicate``: the command, with the review app as its reviewer."""
    from pathlib import Path

    from corpus_tui.commands.adjudicate import adjudicate
    from corpus_tui.tui.adjudicate import review_disputes

    def can_review() -> None:
        from corpus_tui.tui.keymap import user_keymap

        user_keymap(Project.load(project_dir))  # [keys] is checked before gold is written
        require_terminal(
            "adjudicate needs an interactive terminal to review disagreements",
            "'corpus-tui agree' reports them in scripts",
        )

    return adjudicate(Path(project_dir), annotators, review_disputes, can_review)
