"""The export's manifest: every file an export wrote, with its size and sha256.

Why: ``push --from OUT`` used to upload whatever ``*/*.parquet`` it found under OUT,
following links, so a file or folder linked into the export from elsewhere went to the
hub. Now ``export`` lists what it wrote in ``corpus-tui-manifest.json`` (written last, into
the fresh folder the export builds) and ``push`` uploads exactly those files: each opened
without following a link (``safefs.open_regular_in``), a ``.parquet`` checked to be one
(its ``PAR1`` magic), and every file checked against its size and hash, so a file changed
or swapped after the export is named instead of uploaded. The manifest also carries the
rows per table and split, which ``push`` reports without opening a parquet file.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import IO

import msgspec

from corpus_tui.core import safefs
from corpus_tui.core.errors import CorpusError

MANIFEST_NAME = "corpus-tui-manifest.json"
_PARQUET_MAGIC = b"PAR1"


class ManifestFile(msgspec.Struct, frozen=True):
    path: str  # relative to the export folder, with "/"
    size: int
    sha256: str


class Manifest(msgspec.Struct, frozen=True):
    format: str
    files: tuple[ManifestFile, ...]
    #: rows per table (a config, or the format's one kind of record) and split
    rows: dict[str, dict[str, int]]
    version: int = 1


def write_manifest(folder: Path, format: str, rows: dict[str, dict[str, int]]) -> Manifest:
    """List every file in ``folder`` (an export being built: all of it written by us)."""
    files = []
    for directory, _, names in os.walk(folder):
        for name in names:
            path = Path(directory) / name
            with path.open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
            files.append(ManifestFile(path.relative_to(folder).as_posix(), path.stat().st_size, digest))
    manifest = Manifest(format, tuple(sorted(files, key=lambda f: f.path)), rows)
    safefs.write_new(folder / MANIFEST_NAME, [msgspec.json.format(msgspec.json.encode(manifest)) + b"\n"])
    return manifest


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the export in ``folder``; one sentence when there is none or it is damaged."""
    if not (folder / MANIFEST_NAME).exists() and not (folder / MANIFEST_NAME).is_symlink():
        raise CorpusError(
            f"{folder} is not a corpus-tui export (it has no {MANIFEST_NAME}; exports made before manifests "
            f"have none): run 'corpus-tui export {folder}' first."
        )
    with safefs.open_regular_in(folder, MANIFEST_NAME) as handle:
        data = handle.read()
    try:
        return msgspec.json.decode(data, type=Manifest)
    except msgspec.DecodeError as exc:
        raise CorpusError(f"{folder / MANIFEST_NAME} is damaged ({exc}): run 'corpus-tui export' again.") from None


def open_listed(folder: Path, entry: ManifestFile) -> IO[bytes]:
    """A file the manifest lists, opened for reading (positioned at its start) once it is
    checked to be exactly what the export wrote."""
    handle = safefs.open_regular_in(folder, entry.path)
    try:
        where = folder / entry.path
        if entry.path.endswith(".parquet") and not _is_parquet(handle):
            raise CorpusError(f"{where} is not a parquet file (it does not start and end with PAR1).")
        size = os.fstat(handle.fileno()).st_size
        if size != entry.size or hashlib.file_digest(handle, "sha256").hexdigest() != entry.sha256:
            raise CorpusError(
                f"{where} changed after the export wrote it ({MANIFEST_NAME} has another size or sha256): "
                "run 'corpus-tui export' again."
            )
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    return handle


def _is_parquet(handle: IO[bytes]) -> bool:
    """Does the file start and end with parquet's magic bytes? (Leaves it at its start.)"""
    if os.fstat(handle.fileno()).st_size < 2 * len(_PARQUET_MAGIC):
        return False
    head = handle.read(len(_PARQUET_MAGIC))
    handle.seek(-len(_PARQUET_MAGIC), os.SEEK_END)
    tail = handle.read(len(_PARQUET_MAGIC))
    handle.seek(0)
    return head == tail == _PARQUET_MAGIC
