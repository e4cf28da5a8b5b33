"""``corpus-tui push REPO_ID``: export and upload the dataset to a hub (``HF_TOKEN``, ``HF_ENDPOINT``)."""

from __future__ import annotations

from pathlib import Path

from corpus_tui.export.options import ExportOptions


def push(
    project_dir: Path,
    repo_id: str,
    options: ExportOptions,
    *,
    from_dir: Path | None = None,
    private: bool = False,
    commit_message: str | None = None,
) -> int:
    from corpus_tui.commands.progress import progress
    from corpus_tui.core.project import Project
    from corpus_tui.export.hub import DEFAULT_ENDPOINT, hub_endpoint, push_dataset

    project = Project.load(project_dir) if from_dir is None else None
    push_dataset(
        project,
        repo_id,
        from_dir=from_dir,
        private=private,
        commit_message=commit_message,
        options=options,
        track=progress,
    )
    endpoint = hub_endpoint()
    where = f"  # with HF_ENDPOINT={endpoint}" if endpoint != DEFAULT_ENDPOINT else ""
    print(f'Load it: datasets.load_dataset("{repo_id}", "quotes"){where}')
    return 0
