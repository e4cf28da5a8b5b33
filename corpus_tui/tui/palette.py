"""The command palette (ctrl+p): stats, suggest, export, push, agreement.

The heavy features live in other packages (spaCy in suggest/, datasets in export/ and
hub) and are imported only when a command runs, so the app starts fast. Long work runs in
a thread worker; its result is saved (suggest) or reported (export, push) when it ends.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider

from corpus_tui.core.errors import CorpusError
from corpus_tui.tui.session import Session


class CorpusTuiApp(Protocol):
    """What the palette needs of the app: the Textual App API and the shared session.
    (A protocol, not ``tui.app``: the app imports this module, and no cycle is wanted.)"""

    session: Session

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...

    def push_screen(self, screen: Any, callback: Any = None) -> Any: ...

    def call_from_thread(self, callback: Any, *args: Any, **kwargs: Any) -> Any: ...

    def run_worker(self, work: Any, **kwargs: Any) -> Any: ...

    @property
    def screen(self) -> Any: ...


def _available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def show_stats(app: CorpusTuiApp) -> None:
    from corpus_tui.review.stats import compute_stats, format_stats
    from corpus_tui.tui.screens.pickers import TextScreen

    try:
        text = format_stats(compute_stats(app.session.project))
    except CorpusError as exc:
        app.notify(str(exc), severity="error", markup=False)
        return
    app.push_screen(TextScreen("Stats", text))


def suggest_document(app: CorpusTuiApp) -> None:
    from corpus_tui.tui.screens.annotate import AnnotateScreen

    screen = app.screen
    if not isinstance(screen, AnnotateScreen):
        app.notify("Open a document first: suggestions are made for the document on screen.", severity="warning")
        return
    document, ann = screen.document, screen.ann
    model = app.session.project.config.model
    if screen.stale:
        app.notify("This annotation is stale; discard it (x) before asking for suggestions.", severity="warning")
        return

    def work() -> object:
        from corpus_tui.suggest.pipeline import suggest_for_annotation

        config = app.session.project.config
        root = app.session.project.root
        return suggest_for_annotation(document, ann, model=model, root=root, target=config.default_target)

    def finished(result: object) -> None:
        if screen.is_attached and screen.document is document:
            screen.apply_external(result)  # type: ignore[arg-type]
            new = screen.ann
            app.notify(f"Suggestions added: {len(new.quotes)} quote(s), {len(new.mentions)} speaker(s) in total.")

    app.notify("Suggesting (spaCy)…", timeout=3)
    _run(app, work, finished, "Suggest")


def export_dataset(app: CorpusTuiApp) -> None:
    from corpus_tui.tui.screens.pickers import PromptScreen

    project = app.session.project

    def chosen(folder: str | None) -> None:
        if not folder:
            return
        out = Path(folder).expanduser()
        if not out.is_absolute():
            out = project.root / out

        def work() -> object:
            from corpus_tui.export.dataset import export_dataset as export

            return export(project, out)

        _run(app, work, lambda summary: app.notify(str(summary), title="Export", timeout=15, markup=False), "Export")
        app.notify(f"Exporting to {out}…", timeout=3, markup=False)

    app.push_screen(PromptScreen("Export the dataset (Hugging Face layout) to folder", "export"), chosen)


def push_dataset(app: CorpusTuiApp) -> None:
    from corpus_tui.tui.screens.pickers import PromptScreen

    project = app.session.project

    def chosen(repo_id: str | None) -> None:
        if not repo_id or not repo_id.strip():
            return

        def work() -> object:
            import io

            from corpus_tui.export.hub import push_dataset as push

            # progress lines would scribble over the screen: collect them instead
            return push(project, repo_id.strip(), stream=io.StringIO())

        _run(app, work, lambda result: app.notify(str(result), title="Push", timeout=15, markup=False), "Push")
        app.notify(f"Pushing to {repo_id.strip()}…", timeout=3, markup=False)

    app.push_screen(PromptScreen("Push the dataset to the hub repository (owner/name)", "", "owner/name"), chosen)


def show_agreement(app: CorpusTuiApp) -> None:
    from corpus_tui.tui.screens.agreement import AgreementScreen

    def work() -> object:
        from corpus_tui.review.agreement import compute_agreement

        return compute_agreement(app.session.project)

    _run(app, work, lambda report: app.push_screen(AgreementScreen(report)), "Agreement")  # type: ignore[arg-type]


def _run(app: CorpusTuiApp, work: Callable[[], object], done: Callable[[object], None], what: str) -> None:
    """Run ``work`` in a thread; report its result (or its one-sentence error) on the UI thread."""

    def runner() -> None:
        try:
            result = work()
        except CorpusError as exc:
            app.call_from_thread(app.notify, f"{what}: {exc}", severity="error", timeout=15, markup=False)
            return
        except Exception as exc:  # a bug in a feature must not take the annotator's session down
            app.call_from_thread(
                app.notify, f"{what} failed: {type(exc).__name__}: {exc}", severity="error", timeout=15, markup=False
            )
            return
        app.call_from_thread(done, result)

    app.run_worker(runner, thread=True, exclusive=False, group=what)


#: (name, help, module that must exist, function)
COMMANDS: list[tuple[str, str, str | None, Callable[[CorpusTuiApp], None]]] = [
    ("Stats", "progress per annotator and status, counts of quotes, speakers, stances", None, show_stats),
    (
        "Suggest this document",
        "spaCy pre-annotation of the open document (suggested spans)",
        "corpus_tui.suggest.pipeline",
        suggest_document,
    ),
    ("Export dataset", "write the Hugging Face dataset folder", "corpus_tui.export.dataset", export_dataset),
    ("Push to hub", "export and push the dataset to a hub repository", "corpus_tui.export.hub", push_dataset),
    ("Agreement", "inter-annotator agreement between journals", "corpus_tui.review.agreement", show_agreement),
]


class CorpusCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        app = self.app
        return [
            (name, help_text, partial(fn, app))  # type: ignore[arg-type]
            for name, help_text, module, fn in COMMANDS
            if module is None or _available(module)
        ]

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
