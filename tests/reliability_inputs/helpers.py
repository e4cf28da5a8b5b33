"""Real projects, the real CLI in a subprocess, and a fingerprint of everything outside the project.

Every test here runs ``corpus-tui`` as a user would and then checks two things besides its
output: what the project holds (nothing half-imported), and that nothing outside the project
changed (``outside``: every file, folder and link under the test's tmp dir but outside the
project, with its bytes, size and link target).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from corpus_tui.core.project import Project, init_project

TIMEOUT = 120

ARTICLE = (
    "Officials met on Monday.\n"
    '"We will not accept this deal," Minister Jane Roe told reporters.\n'
    "Analysts were not surprised."
)


def cli(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess[str]:
    """``corpus-tui ARGS`` in a subprocess without a terminal; stdout/stderr captured."""
    return subprocess.run(
        [sys.executable, "-m", "corpus_tui", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        **kwargs,
    )


def one_sentence(result: subprocess.CompletedProcess[str]) -> str:
    """The single ``corpus-tui: ...`` error line of a failed run (exit 1, no traceback)."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("corpus-tui: ")]
    errors = [line for line in errors if not line.startswith("corpus-tui: warning:")]
    assert len(errors) == 1, result.stderr
    return errors[0].removeprefix("corpus-tui: ")


def new_project(root: Path, texts: dict[str, str] | None = None) -> Project:
    init_project(root, "inputs")
    for doc_id, text in (texts if texts is not None else {"a": ARTICLE}).items():
        (root / "corpus" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return Project.load(root)


def tree(root: Path, skip: Path | None = None) -> dict[str, tuple]:
    """Every entry under ``root`` (not following links; ``skip`` and what is below it left
    out) with what identifies its content."""
    state: dict[str, tuple] = {}
    for directory, folders, files in os.walk(root):
        here = Path(directory)
        folders[:] = [f for f in folders if skip is None or here / f != skip]
        for name in [*folders, *files]:
            path = here / name
            if skip is not None and path == skip:
                continue
            info = path.lstat()
            rel = str(path.relative_to(root))
            if path.is_symlink():
                state[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                state[rel] = ("dir",)
            else:
                state[rel] = ("file", info.st_size, hashlib.sha256(path.read_bytes()).hexdigest())
    return state


def outside(tmp_path: Path, project: Project | Path) -> dict[str, tuple]:
    """What lies in the test's tmp dir outside the project (compare before and after)."""
    root = project.root if isinstance(project, Project) else project
    return tree(tmp_path, skip=root)


def prodigy_task(text: str, doc_id: str, **extra) -> dict:
    """A Prodigy task as corpus-tui exports it: one quote with its speaker."""
    q0, q1 = text.index("We will"), text.index("deal") + len("deal")
    m0 = text.index("Minister Jane Roe")
    m1 = m0 + len("Minister Jane Roe")
    return {
        "text": text,
        "meta": {"id": doc_id},
        "spans": [
            {"start": q0, "end": q1, "label": "QUOTE", "id": "q1", "kind": "direct", "stance": "against"},
            {"start": m0, "end": m1, "label": "SPEAKER", "id": "m1", "entity": "Jane Roe"},
        ],
        "relations": [
            {"head_span": {"start": q0, "end": q1}, "child_span": {"start": m0, "end": m1}, "label": "SPEAKER"}
        ],
        "answer": "accept",
        "corpus_tui": {"doc_id": doc_id, "status": "done", **extra},
    }


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=True) + "\n" for r in records), encoding="utf-8")
    return path
