"""Case 7: ``push --from DIR`` uploads exactly the files the export wrote (its manifest),
each a regular file reached without a link; anything else in DIR never reaches the hub.

The hub is the loopback server of tests/hub_server.py (the ``hub`` fixture); the pushes
run through the real CLI in a subprocess.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from corpus_tui.export.manifest import MANIFEST_NAME

from .helpers import ARTICLE, cli, new_project, one_sentence, prodigy_task, write_jsonl

pytestmark = pytest.mark.filterwarnings("ignore:Use 'content=<...>':DeprecationWarning")
SHARD = "quotes/train-00000-of-00001.parquet"


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """An HF export of a small annotated project, everything in train."""
    project = new_project(tmp_path / "p", {})
    tasks = [prodigy_task(ARTICLE.replace("Monday", f"day {n}"), f"n{n}") for n in range(3)]
    feed = write_jsonl(tmp_path / "feed.jsonl", tasks)
    assert cli("import", str(feed), "--annotator", "gold", "--project", str(project.root)).returncode == 0
    out = tmp_path / "out"
    result = cli("export", str(out), "--split", "1,0,0", "--project", str(project.root))
    assert result.returncode == 0, result.stderr
    return out


def _push(hub, out: Path, repo: str):
    return cli("push", f"{hub.user}/{repo}", "--from", str(out), env={"HF_ENDPOINT": hub.url, "HF_TOKEN": hub.token})


def test_the_manifest_lists_what_the_export_wrote(export: Path) -> None:
    manifest = json.loads((export / MANIFEST_NAME).read_text())
    listed = {f["path"]: f for f in manifest["files"]}
    on_disk = {p.relative_to(export).as_posix() for p in export.rglob("*") if p.is_file()} - {MANIFEST_NAME}
    assert set(listed) == on_disk and "README.md" in listed and SHARD in listed
    assert listed[SHARD]["size"] == (export / SHARD).stat().st_size
    assert manifest["format"] == "hf" and manifest["rows"]["documents"] == {"train": 3}


def test_links_and_strays_in_the_folder_are_never_uploaded(hub, export: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    shutil.copy(export / SHARD, secret / "train-00000-of-00001.parquet")
    (export / "stolen").symlink_to(secret)  # a linked folder that looks like a config
    (export / "quotes" / "validation-00000-of-00001.parquet").symlink_to(secret / "train-00000-of-00001.parquet")
    shutil.copy(export / SHARD, export / "quotes" / "test-00000-of-00001.parquet")  # a stray the export did not write
    result = _push(hub, export, "strays")
    assert result.returncode == 0, result.stderr
    manifest = json.loads((export / MANIFEST_NAME).read_text())
    uploaded = set(hub.files(f"{hub.user}/strays")) - {".gitattributes"}  # the hub's own file
    assert uploaded == {f["path"] for f in manifest["files"]}


@pytest.mark.parametrize("swap", ["file-link", "folder-link", "not-parquet", "changed"])
def test_a_listed_file_that_is_not_what_the_export_wrote_is_refused(
    hub, export: Path, tmp_path: Path, swap: str
) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(export / "quotes", elsewhere)
    if swap == "file-link":
        (export / SHARD).unlink()
        (export / SHARD).symlink_to(elsewhere / "train-00000-of-00001.parquet")
        expected = f"{export / SHARD} is a symbolic link"
    elif swap == "folder-link":
        shutil.rmtree(export / "quotes")
        (export / "quotes").symlink_to(elsewhere)
        expected = f"{export / 'quotes'} is a symbolic link"
    elif swap == "not-parquet":
        (export / SHARD).write_text("name,stance\nRoe,against\n")
        expected = f"{export / SHARD} is not a parquet file"
    else:
        shutil.copy(export / "documents" / "train-00000-of-00001.parquet", export / SHARD)
        expected = f"{export / SHARD} changed after the export wrote it"
    message = one_sentence(_push(hub, export, f"swap-{swap}"))
    assert message.startswith(expected), message
    assert f"{hub.user}/swap-{swap}" not in hub.state.repos  # refused before the repository was created


def test_a_folder_without_a_manifest_is_refused(hub, export: Path) -> None:
    (export / MANIFEST_NAME).unlink()
    assert "is not a corpus-tui export" in one_sentence(_push(hub, export, "old"))
