"""Property: whatever happens between them — crashes (with torn tails), the journal
replaced by an older copy or by another writer's version, compactions — every edit that
was reported saved (``Journal.save`` returned, or ``Session.apply`` flushed) is in the
journal at the end: each document's latest record is the last saved one or a newer one.

A replacement that no writer saw (the process died before its next save or check) is the
file the user chose, exactly as when corpus-tui was not running: it sets what is expected.
"""

from __future__ import annotations

import os
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from corpus_tui.core.journal_reader import journal_line, read_journal
from corpus_tui.core.model import DocAnnotation
from corpus_tui.core.project import Project
from corpus_tui.core.store import Journal
from corpus_tui.tui.session import Session

from .conftest import ANNOTATOR, TEXTS, build_project, quote_annotation

DOCS = tuple(TEXTS)
OPS = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["save", "apply"]), st.sampled_from(DOCS)),
        st.tuples(st.just("crash"), st.integers(0, 80)),  # torn bytes appended (0: none)
        st.tuples(st.sampled_from(["older copy", "other writer"]), st.integers(0, 99)),
        st.tuples(st.sampled_from(["snapshot", "compact"])),
    ),
    min_size=1,
    max_size=25,
)


def crash(journal: Journal) -> None:
    """What the kernel does for a killed process: its descriptors close, so the lock goes;
    nothing else happens (``close()`` would also remove a still-empty journal)."""
    os.close(journal._fd)


@dataclass
class World:
    project: Project
    journal: Journal
    session: Session
    #: the last reported-saved record of each document
    saved: dict[str, DocAnnotation] = field(default_factory=dict)
    snapshots: list[bytes] = field(default_factory=list)
    #: a replacement the writer has not seen yet (it follows at its next save or check)
    unseen: bytes | None = None
    edits: int = 0

    def next_note(self) -> str:
        """Every edit changes the annotation (an edit that changes nothing saves nothing)."""
        self.edits += 1
        return f"edit {self.edits}"

    @property
    def path(self) -> Path:
        return self.journal.path

    def reopen(self) -> None:
        self.journal = Journal.open(self.path, ANNOTATOR)
        self.session = Session(self.project, self.journal, self.project.documents())

    def seen(self) -> None:
        self.unseen = None

    def replace_file(self, data: bytes) -> None:
        tmp = self.path.with_name("incoming.jsonl")
        tmp.write_bytes(data)
        os.replace(tmp, self.path)
        self.unseen = data


def other_writers_version(base: bytes, seed: int) -> bytes:
    """Another clone's journal: an earlier state (``base``) and that writer's saves on top,
    whose revisions may be newer, equal to or older than ours."""
    rng = random.Random(seed)
    revs = {doc_id: ann.rev for doc_id, ann in _latest(base).items()}
    lines = [base]
    for _ in range(rng.randint(1, 4)):
        doc_id = rng.choice(DOCS)
        revs[doc_id] = revs.get(doc_id, 0) + 1
        other = replace(quote_annotation(doc_id, "against", rev=revs[doc_id]), note=f"other {rng.random()}")
        lines.append(journal_line(other))
    return b"".join(lines)


def _latest(data: bytes) -> dict[str, DocAnnotation]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "copy.jsonl"
        path.write_bytes(data)
        return dict(read_journal(path).latest.items())


def run(world: World, op: tuple) -> None:
    kind = op[0]
    if kind == "save":
        saved = world.journal.save(replace(quote_annotation(op[1]), note=world.next_note()))
        world.seen()
        world.saved[saved.doc_id] = saved
    elif kind == "apply":
        document = world.project.documents()[DOCS.index(op[1])]
        current = world.session.annotation(document)
        world.session.apply(document, replace(current, note=world.next_note()))  # flushes (no app)
        world.seen()
        world.saved[document.id] = world.session.latest(document.id)
    elif kind == "crash":
        crash(world.journal)
        if op[1]:
            torn = journal_line(replace(quote_annotation(DOCS[0]), note="torn"))
            with world.path.open("ab") as out:
                out.write(torn[: min(op[1], len(torn) - 2)])
        if world.unseen is not None:  # nobody saw it: the user's file stands
            world.saved = _latest(world.unseen)
        world.reopen()
        world.seen()
    elif kind == "snapshot":
        world.snapshots.append(world.path.read_bytes())
    elif kind == "compact":
        world.journal.compact()
        world.seen()
    elif world.snapshots:
        base = world.snapshots[op[1] % len(world.snapshots)]
        world.replace_file(base if kind == "older copy" else other_writers_version(base, op[1]))


def test_every_edit_reported_saved_is_in_the_journal() -> None:
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(OPS)
    def check(ops: list[tuple]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            project = build_project(Path(tmp) / "p")
            journal = Journal.open(project.journal_path(ANNOTATOR), ANNOTATOR)
            world = World(project, journal, Session(project, journal, project.documents()))
            world.snapshots.append(world.path.read_bytes())
            try:
                for op in ops:
                    run(world, op)
                world.session.flush()  # what the app does before it ends: follows an unseen replacement
            finally:
                world.journal.close()
            contents = read_journal(world.path, strict=True)
            assert contents.conflicts == []
            for doc_id, saved in world.saved.items():
                latest = contents.latest[doc_id]
                assert latest.rev > saved.rev or latest == saved, (doc_id, saved, latest)

    check()
