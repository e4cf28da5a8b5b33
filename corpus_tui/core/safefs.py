"""Every file the program creates or writes goes through here: no symlinks, no partial files.

Why one module: annotators run corpus-tui inside git checkouts on shared machines, where a
symlink planted in ``annotations/`` or ``corpus/`` (or left by a careless ``ln -s``) would
make an ordinary save overwrite a file outside the project. So files are opened with
``O_NOFOLLOW`` (the last path component may not be a link) and created with ``O_EXCL``
where they must be new, and a link where we write is one sentence naming it. Whole-file
writes go to a fresh temporary file that is fsynced and renamed over the target, so a
crash leaves the old file or the new one, never half of one.

Links in the folders *above* a file are the project's business (``project.inside``
refuses folders that resolve outside the project unless the config allows it).
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import IO

from corpus_tui.core.errors import CorpusError

_NOFOLLOW = os.O_NOFOLLOW | os.O_CLOEXEC


def symlink_error(path: Path) -> CorpusError:
    return CorpusError(
        f"{path} is a symbolic link; corpus-tui never writes through links: remove it (or replace it with a real file)."
    )


def _open(path: Path, flags: int, mode: int = 0o644) -> int:
    try:
        return os.open(path, flags | _NOFOLLOW, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP or (exc.errno == errno.EEXIST and path.is_symlink()):
            raise symlink_error(path) from None
        raise


def open_append(path: Path) -> int:
    """A descriptor appending to ``path`` (created if missing), never through a link."""
    return _open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)


def open_read_write(path: Path) -> int:
    """A descriptor reading and appending ``path`` (created if missing), never through a link."""
    return _open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT)


def create_new(path: Path) -> IO[bytes]:
    """A new file at ``path`` for writing; an existing file or link there is an error."""
    return os.fdopen(_open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL), "wb")


def temp_beside(path: Path) -> tuple[Path, IO[bytes]]:
    """A new, uniquely named temporary file in ``path``'s folder (``.name.XXXX.tmp``)."""
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return tmp, create_new(tmp)
        except FileExistsError:
            continue
    raise CorpusError(f"Cannot create a temporary file next to {path}.")  # pragma: no cover - 100 collisions


def write_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    """Replace ``path`` with ``chunks`` (temp file, fsync, rename, fsync of the folder)."""
    refuse_link(path)
    tmp = _written_temp(path, chunks)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def write_new(path: Path, chunks: Iterable[bytes]) -> None:
    """Create ``path`` with ``chunks``, all or nothing: written to a temporary file, fsynced,
    then hard-linked into place, which fails if anything (a file, a dangling link) already
    has the name, so a new file never replaces another and never lands through a link."""
    tmp = _written_temp(path, chunks)
    try:
        os.link(tmp, path, follow_symlinks=False)
    except FileExistsError:
        if path.is_symlink():
            raise symlink_error(path) from None
        raise CorpusError(f"{path} already exists; corpus-tui does not overwrite it.") from None
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)


def _written_temp(path: Path, chunks: Iterable[bytes]) -> Path:
    """A temporary file beside ``path`` holding ``chunks``, fsynced (removed if that fails)."""
    tmp, handle = temp_beside(path)
    try:
        with handle:
            handle.writelines(chunks)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def open_regular_in(folder: Path, relative: str) -> IO[bytes]:
    """The regular file ``folder/relative`` opened for reading, reached without following a
    link at any step below ``folder`` (each folder is opened relative to the one above it,
    so nothing can be swapped for a link between the check and the read). A path that
    climbs out (``..``, absolute), a link, or anything but a regular file is one sentence."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or any(p in (".", "..") for p in parts):
        raise CorpusError(f"{relative!r} is not a path inside {folder}.")
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for n, part in enumerate(parts):
            last = n == len(parts) - 1
            flags = os.O_RDONLY | os.O_NONBLOCK if last else os.O_RDONLY | os.O_DIRECTORY
            try:
                inner = os.open(part, flags | _NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                reached = folder.joinpath(*parts[: n + 1])
                if reached.is_symlink():
                    raise symlink_error(reached) from None
                raise CorpusError(f"Cannot read {reached}: {exc.strerror or exc}.") from None
            os.close(fd)
            fd = inner
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise CorpusError(f"{folder / relative} is not a regular file.")
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    return handle


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until every byte is written (a write may be partial)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def refuse_link(path: Path) -> None:
    if path.is_symlink():
        raise symlink_error(path)


def same_file(path: Path, fd: int) -> bool:
    """Does ``path`` (not following a link) still name the file open as ``fd``?"""
    try:
        named = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def inside(root: Path, path: Path, what: str, allow_outside: bool = False) -> Path:
    """``path`` resolved, refused in one sentence when it leads outside ``root``."""
    resolved = path.resolve()
    if not allow_outside and not resolved.is_relative_to(root.resolve()):
        raise CorpusError(
            f"{what} {path} leads outside the project (to {resolved}); corpus-tui only reads and writes inside "
            "the project folder unless corpus-tui.toml says allow_outside = true under [project]."
        )
    return resolved
