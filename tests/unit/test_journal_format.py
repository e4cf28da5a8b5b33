"""The journal's bytes: msgspec writes exactly what the hand-written ``to_dict`` + ``json``
writer did, so journals written before and after mix in one file and diff cleanly in git.

``journal_lines_before_msgspec.jsonl`` was written by that old writer (jsonlines, compact,
``ensure_ascii=False``) for the two records below: keys in field order, compact separators,
null for an absent cue, source or document stance, every list written even when empty, and
strings with quotes, backslashes, control characters, U+2028 and non-BMP characters. If a
test here fails, the key order or the escaping of the writer changed: old journals would
still read, but every new line would differ from the old ones.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from corpus_tui.core.journal_reader import journal_line, read_journal
from corpus_tui.core.model import DocAnnotation, DocStance, Mention, Quote, Rejected
from corpus_tui.core.store import Journal

HERE = Path(__file__).parent
REPO = HERE.parent.parent
NOTE = 'he said "}{" \\ back\n\ttab\r\x00\x01\x1f\x7f \u2028\u2029 — “Ким” 😀 {'


def records() -> list[DocAnnotation]:
    """The records the stored lines were written for, built the way the editor builds them
    (plain strings for the vocabularies)."""
    full = DocAnnotation(
        doc_id="doc-1",
        text_sha256="ab" * 32,
        annotator="alice",
        rev=7,
        updated="2024-01-01T00:00:00.000Z",
        status="done",
        mentions=(Mention("m1", 0, 5, "Ким Чен Ын", "accepted"), Mention("m2", 6, 9, 'A "B" \\ C')),
        quotes=(
            Quote("q1", 10, 20, "direct", "m1", (3, 5), "favor", "Russia–North Korea", "suggested"),
            Quote("q2", 21, 30),
        ),
        doc_stance=DocStance("against", None),
        note=NOTE,
        rejected=(Rejected("quote", 1, 2), Rejected("doc_stance", 0, 0)),
    )
    empty = DocAnnotation(doc_id="d", text_sha256="0" * 64, annotator="bob")
    return [full, empty]


def stored_lines() -> list[bytes]:
    return (HERE / "journal_lines_before_msgspec.jsonl").read_bytes().splitlines(keepends=True)


def old_writer(ann: DocAnnotation) -> bytes:
    """What jsonlines.Writer(compact=True) wrote for ``to_dict()``."""
    return json.dumps(ann.to_dict(), ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def test_new_lines_are_the_bytes_the_old_writer_wrote() -> None:
    lines = stored_lines()
    assert len(lines) == 2 and lines[0].count(b"\n") == 1  # the newline in the note is escaped
    assert [journal_line(ann) for ann in records()] == lines


def test_old_lines_read_back_to_the_records_and_encode_to_the_same_bytes(tmp_path: Path) -> None:
    path = tmp_path / "alice.jsonl"
    path.write_bytes(b"".join(stored_lines()))
    latest = read_journal(path, strict=True).latest
    assert list(latest.values()) == records()
    assert latest["doc-1"].note == NOTE and latest["doc-1"].quotes[0].cue == (3, 5)
    assert b"".join(journal_line(ann) for ann in latest.values()) == path.read_bytes()


def test_a_save_appends_the_old_bytes(tmp_path: Path) -> None:
    """The writer itself, not only the encoder: revision, annotator and time are the
    journal's, everything else is the record's."""
    path = tmp_path / "alice.jsonl"
    full = records()[0]
    with Journal.open(path, "alice") as journal:
        saved = journal.save(full)
    stored = stored_lines()[0].replace(b'"rev":7', b'"rev":1')
    stored = stored.replace(b"2024-01-01T00:00:00.000Z", saved.updated.encode())
    assert path.read_bytes() == stored


def test_the_seed_gold_round_trips_byte_for_byte() -> None:
    path = REPO / "annotations" / "gold.jsonl"
    latest = read_journal(path, strict=True).latest
    assert len(latest) == 2 and sum(len(ann.quotes) for ann in latest.values()) > 10
    assert b"".join(journal_line(ann) for ann in latest.values()) == path.read_bytes()
    assert b"".join(old_writer(ann) for ann in latest.values()) == path.read_bytes()


TEXT = st.text(max_size=20)


@given(
    note=TEXT,
    entity=TEXT,
    target=st.none() | TEXT,
    ids=st.tuples(TEXT, TEXT),
    cue=st.none() | st.tuples(st.integers(-(2**63), 2**63 - 1), st.integers(0, 10**6)),
)
def test_any_strings_encode_as_the_old_writer_wrote_them(
    note: str, entity: str, target: str | None, ids: tuple[str, str], cue: tuple[int, int] | None
) -> None:
    ann = DocAnnotation(
        doc_id=ids[0],
        text_sha256="f" * 64,
        annotator=ids[1],
        note=note,
        mentions=(Mention(ids[1], 0, 1, entity),),
        quotes=(Quote(ids[0], 2, 3, "mixed", ids[1], cue, target, target),),
        doc_stance=DocStance(entity, target),
    )
    assert journal_line(ann) == old_writer(ann)
    assert DocAnnotation.from_dict(json.loads(journal_line(ann))) == ann
