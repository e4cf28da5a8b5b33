"""The annotation journal on real files: saves, crashes, damage, locking, compaction, staleness."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from msgspec.structs import replace

from corpus_tui.core.errors import CorpusError, JournalLockedError
from corpus_tui.core.journal_reader import is_stale, journal_line, read_journal
from corpus_tui.core.model import DocAnnotation, DocStance, Document, Mention, Quote
from corpus_tui.core.store import MIN_LINES_FOR_COMPACTION, Journal

TEXT = "Kirby said the talks would go on. Antonov said nothing."


def ann(doc_id: str, n: int = 1, note: str = "") -> DocAnnotation:
    """An annotation whose content depends on ``n``, so every save is distinguishable."""
    return DocAnnotation(
        doc_id=doc_id,
        text_sha256="0" * 64,
        annotator="someone-else",
        status="in_progress",
        mentions=(Mention("m1", 0, 5, "John Kirby"),),
        quotes=(Quote("q1", 11, 11 + n, "indirect", "m1", (6, 10), "neutral", "t"),),
        doc_stance=DocStance("neutral", "t"),
        note=note,
    )


def lines_of(path: Path) -> list[bytes]:
    data = path.read_bytes()
    assert data.endswith(b"\n"), "a journal always ends with a newline"
    return data.split(b"\n")[:-1]


def state(latest: dict[str, DocAnnotation]) -> dict[str, dict]:
    return {doc_id: a.to_dict() for doc_id, a in latest.items()}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "annotations" / "alice.jsonl"


def test_save_appends_one_line_per_save_and_reopens_to_the_latest(path: Path) -> None:
    with Journal.open(path, "alice") as journal:
        first = journal.save(ann("d1", 1))
        second = journal.save(ann("d1", 2))
        other = journal.save(ann("d2", 3))
        assert (first.rev, second.rev, other.rev) == (1, 2, 1)
        assert second.annotator == "alice" and second.updated.endswith("Z")
        assert journal.get("d1") == second and journal.lines == 3
    assert len(lines_of(path)) == 3
    assert [json.loads(line)["rev"] for line in lines_of(path)] == [1, 2, 1]
    with Journal.open(path, "alice") as journal:
        assert journal.latest == {"d1": second, "d2": other}
        assert journal.warnings == []
        assert journal.save(ann("d1", 4)).rev == 3  # revs continue after a reopen
    assert read_journal(path).latest["d1"].quotes[0].end == 15


def test_save_many_appends_a_batch(path: Path) -> None:
    with Journal.open(path, "alice") as journal:
        journal.save(ann("d1"))
        saved = journal.save_many([ann("d1", 2), ann("d2", 2), ann("d3", 2)])
    assert [(a.doc_id, a.rev) for a in saved] == [("d1", 2), ("d2", 1), ("d3", 1)]
    assert state(read_journal(path).latest) == state({a.doc_id: a for a in saved})


def test_missing_or_empty_journal_reads_as_nothing(path: Path) -> None:
    assert read_journal(path).latest == {}
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    contents = read_journal(path)
    assert (contents.latest, contents.lines, contents.warnings) == ({}, 0, [])


def test_get_or_empty_gives_a_fresh_annotation_for_the_document(path: Path) -> None:
    doc = Document("d9", TEXT)
    with Journal.open(path, "alice") as journal:
        fresh = journal.get_or_empty(doc)
    assert (fresh.doc_id, fresh.annotator, fresh.rev, fresh.text_sha256) == ("d9", "alice", 0, doc.text_sha256)


def test_the_highest_rev_wins_whatever_the_line_order(path: Path) -> None:
    path.parent.mkdir(parents=True)
    records = [replace(ann("d1", n), rev=rev, annotator="alice").to_dict() for n, rev in ((1, 5), (2, 3), (3, 4))]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert read_journal(path).latest["d1"].rev == 5


# --------------------------------------------------------------------------- crashes


@pytest.mark.parametrize("cut", [1, 2, 17, 60, -40, -2])
def test_crash_mid_write_loses_only_the_torn_save(path: Path, cut: int) -> None:
    with Journal.open(path, "alice") as journal:
        kept = {a.doc_id: a for a in (journal.save(ann("d1", 1)), journal.save(ann("d2", 2)))}
        kept["d1"] = journal.save(ann("d1", 3))
        journal.save(ann("d2", 9))  # the save that the "crash" tears
    data = path.read_bytes()
    last_line_start = data.rstrip(b"\n").rfind(b"\n") + 1
    cut_at = last_line_start + cut if cut > 0 else len(data) - 1 + cut
    path.write_bytes(data[:cut_at])  # what a crash mid-write leaves

    with Journal.open(path, "alice") as journal:
        assert state(journal.latest) == state(kept)  # every earlier rev intact
        assert len(journal.warnings) == 1
        warning = journal.warnings[0]
        assert f"{path}:4:" in warning and "incomplete" in warning and "alice.jsonl.corrupt" in warning
        after = journal.save(ann("d2", 5))
    assert after.rev == 2  # the torn rev 2 of d2 never happened
    assert state(read_journal(path, strict=True).latest) == state({**kept, "d2": after})


def test_crash_recovery_keeps_the_torn_line_and_leaves_a_valid_file(path: Path) -> None:
    with Journal.open(path, "alice") as journal:
        journal.save(ann("d1", 1))
        d2 = journal.save(ann("d2", 2))
        journal.save(ann("d1", 3))
    data = path.read_bytes()
    torn = data[:-25]
    path.write_bytes(torn)
    torn_line = torn[torn.rfind(b"\n") + 1 :]

    with Journal.open(path, "alice") as journal:
        assert journal.latest["d1"].rev == 1 and journal.latest["d2"] == d2
        assert journal.lines == 2
        new = journal.save(ann("d1", 7))
    assert new.rev == 2
    corrupt = path.with_name("alice.jsonl.corrupt")
    assert corrupt.read_bytes() == torn_line + b"\n"
    strict = read_journal(path, strict=True)  # every line parses: the next save produced a valid file
    assert strict.warnings == [] and strict.lines == 3
    assert [json.loads(line)["rev"] for line in lines_of(path)] == [1, 1, 2]
    assert strict.latest["d1"] == new

    # a second crash appends to .corrupt rather than overwriting the first
    path.write_bytes(path.read_bytes()[:-10])
    with Journal.open(path, "alice") as journal:
        assert journal.latest["d1"].rev == 1
    assert corrupt.read_bytes().count(b"\n") == 2


def test_reading_a_torn_journal_without_the_lock_only_warns(path: Path) -> None:
    with Journal.open(path, "alice") as journal:
        journal.save(ann("d1", 1))
        journal.save(ann("d1", 2))
    data = path.read_bytes()
    path.write_bytes(data[:-30])
    contents = read_journal(path)
    assert contents.latest["d1"].rev == 1 and len(contents.warnings) == 1
    assert path.read_bytes() == data[:-30]  # readers never modify the file
    assert not path.with_name("alice.jsonl.corrupt").exists()


def test_a_complete_last_line_without_newline_is_kept_and_repaired(path: Path) -> None:
    with Journal.open(path, "alice") as journal:
        journal.save(ann("d1", 1))
        last = journal.save(ann("d1", 2))
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    with Journal.open(path, "alice") as journal:
        assert journal.latest["d1"] == last and journal.warnings == []
        journal.save(ann("d2"))
    assert len(lines_of(path)) == 3
    assert read_journal(path, strict=True).lines == 3


# --------------------------------------------------------------------------- damage


@pytest.mark.parametrize(
    "bad",
    [
        b"this is not json",
        b"<<<<<<< HEAD",
        b'{"doc_id": "d1", "rev": ',
        b"[1, 2]",
        b"null",
        b'{"rev": 3}',
        b'{"doc_id": 5, "rev": 1}',
        b"\xff\xfe garbage",
    ],
)
def test_an_invalid_line_in_the_middle_is_an_error_naming_file_and_line(path: Path, bad: bytes) -> None:
    with Journal.open(path, "alice") as journal:
        for n in range(4):
            journal.save(ann(f"d{n % 2}", n + 1))
    lines = lines_of(path)
    lines[1] = bad
    path.write_bytes(b"\n".join(lines) + b"\n")
    for strict in (False, True):
        with pytest.raises(CorpusError, match=rf"^{path}:2: invalid journal line \(.+\)\.$"):
            read_journal(path, strict=strict)
    with pytest.raises(CorpusError, match=rf"{path}:2: "):
        Journal.open(path, "alice")
    # the failed open released the lock and did not touch the file
    assert lines_of(path)[1] == bad
    lines[1] = lines[0]
    path.write_bytes(b"\n".join(lines) + b"\n")
    with Journal.open(path, "alice") as journal:
        assert journal.lines == 4


def test_two_records_run_together_are_an_error_even_when_superseded(path: Path) -> None:
    with Journal.open(path, "alice") as journal:
        for n in range(4):
            journal.save(ann("d1", n + 1))
    lines = lines_of(path)
    lines[1] = lines[1][:40] + lines[2]  # a torn write that someone appended after without recovery
    path.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(CorpusError, match=rf"{path}:2: invalid journal line"):
        read_journal(path)


def test_a_cut_off_superseded_line_is_an_error(path: Path) -> None:
    with Journal.open(path, "alice") as journal:
        for n in range(4):
            journal.save(ann("d1", n + 1))
    lines = lines_of(path)
    cut = lines[1].rfind(b"}", 0, len(lines[1]) - 1) + 1  # ends in "}", but inside the record
    lines[1] = lines[1][:cut]
    path.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(CorpusError, match=rf"{path}:2: invalid journal line"):
        read_journal(path)


def test_damage_in_a_superseded_line_is_found_on_opening(path: Path) -> None:
    """Every line is parsed on opening (for its doc_id and rev), so a hand edit that broke a
    line nobody reads any more is reported, not compacted away."""
    with Journal.open(path, "alice") as journal:
        for n in range(3):
            journal.save(ann("d1", n + 1))
    lines = lines_of(path)
    lines[0] = lines[0].replace(b'"status":"in_progress"', b'"status":in_progress')
    path.write_bytes(b"\n".join(lines) + b"\n")
    for strict in (False, True):
        with pytest.raises(CorpusError, match=rf"^{path}:1: invalid journal line \(JSON is malformed: .+\)\.$"):
            read_journal(path, strict=strict)
    with pytest.raises(CorpusError, match=rf"^{path}:1: invalid journal line"):
        Journal.open(path, "alice")
    assert lines_of(path)[0] == lines[0]


def test_a_winning_line_with_a_bad_annotation_names_the_line(path: Path) -> None:
    with Journal.open(path, "alice") as journal:
        journal.save(ann("d1"))
        journal.save(ann("d1", 2))
        journal.save(ann("d2"))  # the damaged line is not the last (tests/reliability: the last is set aside)
    lines = lines_of(path)
    record = json.loads(lines[1])
    record["quotes"][0]["start"] = "eleven"
    lines[1] = json.dumps(record).encode()
    path.write_bytes(b"\n".join(lines) + b"\n")
    where = r"invalid annotation \(Expected `int`, got `str` - at `\$.quotes\[0\].start`\)"
    with pytest.raises(CorpusError, match=rf"^{path}:2: {where}\.$"):
        read_journal(path).latest["d1"]  # records are built on first use (tests/unit/test_journal_lazy.py)


def test_blank_lines_and_crlf_from_hand_edits_are_tolerated(path: Path) -> None:
    with Journal.open(path, "alice") as journal:
        journal.save(ann("d1"))
        last = journal.save(ann("d2"))
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n\n"))
    contents = read_journal(path, strict=True)
    assert contents.lines == 2 and contents.warnings == [] and contents.latest["d2"] == last


def test_notes_with_braces_newlines_and_unicode_survive(path: Path) -> None:
    note = 'he said "}{" \n\u2028 — “Ким” {'
    with Journal.open(path, "alice") as journal:
        journal.save(ann("d1", note=note))
        journal.save(ann("d2"))
        journal.save(ann("d2", 3))
    assert len(lines_of(path)) == 3
    assert read_journal(path).latest["d1"].note == note


# --------------------------------------------------------------------------- locking


def test_a_second_writer_in_the_same_process_is_refused(path: Path) -> None:
    journal = Journal.open(path, "alice")
    try:
        with pytest.raises(JournalLockedError) as info:
            Journal.open(path, "alice")
        message = str(info.value)
        assert "'alice' already has this project open" in message and f"(process {os.getpid()})" in message
        with Journal.open(path.with_name("bob.jsonl"), "bob") as other:  # other annotators work side by side
            other.save(ann("d1"))
        journal.save(ann("d1"))
    finally:
        journal.close()
    with Journal.open(path, "alice") as again:  # closing released the lock
        assert again.get("d1").rev == 1  # type: ignore[union-attr]


def test_saving_after_close_is_refused(path: Path) -> None:
    journal = Journal.open(path, "alice")
    journal.save(ann("d1"))
    journal.close()
    with pytest.raises(CorpusError, match="closed"):
        journal.save(ann("d1", 2))
    with pytest.raises(CorpusError, match="closed"):
        journal.compact()
    assert len(lines_of(path)) == 1


HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from corpus_tui.core.store import Journal
    journal = Journal.open(Path(sys.argv[1]), "alice")
    print("locked", flush=True)
    sys.stdin.readline()
    journal.close()
    """
)


def test_a_second_writer_in_another_process_is_refused(path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(JournalLockedError, match=rf"already has this project open \(process {holder.pid}\)"):
            Journal.open(path, "alice")
        assert read_journal(path).latest == {}  # readers are never blocked
    finally:
        holder.communicate("\n", timeout=30)
    with Journal.open(path, "alice") as journal:  # the lock died with the other writer
        journal.save(ann("d1"))


def test_the_lock_is_released_when_the_holder_is_killed(path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline().strip() == b"locked"
    holder.kill()
    holder.wait(timeout=30)
    with Journal.open(path, "alice") as journal:
        journal.save(ann("d1"))


# --------------------------------------------------------------------------- compaction


def test_compaction_keeps_exactly_the_latest_revs(path: Path) -> None:
    with Journal.open(path, "alice") as journal:
        for n in range(12):
            journal.save(ann(f"d{n % 3}", n + 1))
        before = state(journal.latest)
        removed = journal.compact()
        assert removed == 9 and journal.lines == 3
        after_compact = journal.save(ann("d0", 40))  # appending after the rename goes to the new file
    assert after_compact.rev == 5
    lines = lines_of(path)
    assert len(lines) == 4
    assert [json.loads(line)["doc_id"] for line in lines] == ["d0", "d1", "d2", "d0"]
    reread = state(read_journal(path, strict=True).latest)
    assert reread == {**before, "d0": after_compact.to_dict()}
    assert not path.with_name("alice.jsonl.tmp").exists()


def test_open_compacts_when_more_than_half_is_stale(path: Path) -> None:
    n = MIN_LINES_FOR_COMPACTION
    with Journal.open(path, "alice") as journal:
        for i in range(n):
            journal.save(ann(f"d{i % 2}", i + 1))  # 2 documents, n lines: n - 2 stale
        expected = state(journal.latest)
    assert len(lines_of(path)) == n
    with Journal.open(path, "alice") as journal:
        assert journal.lines == 2 and state(journal.latest) == expected
    assert len(lines_of(path)) == 2


def test_open_leaves_small_or_mostly_current_journals_alone(path: Path) -> None:
    with Journal.open(path, "alice") as journal:
        for i in range(MIN_LINES_FOR_COMPACTION - 1):
            journal.save(ann("d1", i + 1))  # almost all stale, but short
    with Journal.open(path, "alice"):
        pass
    assert len(lines_of(path)) == MIN_LINES_FOR_COMPACTION - 1
    with Journal.open(path, "alice") as journal:
        for i in range(40):
            journal.save(ann(f"x{i}"))  # now 59 lines, 18 stale: under half
    with Journal.open(path, "alice"):
        pass
    assert len(lines_of(path)) == MIN_LINES_FOR_COMPACTION - 1 + 40


# --------------------------------------------------------------------------- staleness


def test_stale_detection_by_text_hash() -> None:
    doc = Document("d1", TEXT)
    fresh = DocAnnotation.empty(doc, "alice")
    assert not is_stale(fresh, doc)
    assert is_stale(fresh, Document("d1", TEXT.replace("Kirby", "Kirbie")))
    assert is_stale(fresh, Document("d1", TEXT + "\n"))


def test_a_journal_that_cannot_be_created_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "annotations").write_text("a file where the folder should be")
    with pytest.raises(CorpusError, match=r"^Cannot open the journal .*alice.jsonl: "):
        Journal.open(tmp_path / "annotations" / "alice.jsonl", "alice")


def test_compaction_copies_lines_that_are_the_bytes_the_records_encode_to(path: Path) -> None:
    with Journal.open(path, "alice") as journal:
        for i in range(MIN_LINES_FOR_COMPACTION + 5):
            journal.save(ann(f"d{i % 3}", i + 1, note="“Ким” {said}\n"))
    winners = lines_of(path)[-3:]
    with Journal.open(path, "alice") as journal:  # compacts on open, copying the winning lines
        assert journal.lines == 3
    assert lines_of(path) == [winners[2], winners[0], winners[1]]  # d0, d1, d2: the order documents first appeared
    assert path.read_bytes() == b"".join(journal_line(a) for a in read_journal(path, strict=True).latest.values())
