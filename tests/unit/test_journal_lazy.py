"""Journal records are built on first use: the mapping still behaves like the dict it
replaced, and a record that is JSON but not an annotation is still reported with its
file:line, whether a command reads it, validates it, or compacts around it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from msgspec.structs import replace

from corpus_tui.cli import main
from corpus_tui.core.errors import CorpusError
from corpus_tui.core.journal_reader import Annotations, read_journal
from corpus_tui.core.model import DocAnnotation, DocStance, Document, Mention, Quote, Rejected
from corpus_tui.core.project import init_project
from corpus_tui.core.store import Journal

TEXT = "Kirby said the talks would go on. Antonov said nothing."


def ann(doc_id: str, n: int = 1) -> DocAnnotation:
    return DocAnnotation(
        doc_id=doc_id,
        text_sha256=Document(doc_id, TEXT).text_sha256,
        annotator="alice",
        status="in_progress",
        mentions=(Mention("m1", 0, 5, "John Kirby"),),
        quotes=(Quote("q1", 11, 11 + n, "indirect", "m1", (6, 10), "neutral", "t"),),
        doc_stance=DocStance("neutral", "t"),
    )


def write_journal(path: Path, saves: list[DocAnnotation]) -> dict[str, DocAnnotation]:
    with Journal.open(path, "alice") as journal:
        return {saved.doc_id: saved for saved in (journal.save(a) for a in saves)}


def break_line(path: Path, lineno: int, compact: bool) -> None:
    """Make line ``lineno`` valid JSON with a ``doc_id`` and ``rev`` that is not an annotation
    (a hand edit): in our compact form or, with ``compact`` False, with spaces."""
    lines = path.read_bytes().split(b"\n")
    record = json.loads(lines[lineno - 1])
    record["quotes"][0]["start"] = "eleven"
    separators = (",", ":") if compact else (", ", ": ")
    lines[lineno - 1] = json.dumps(record, ensure_ascii=False, separators=separators).encode()
    path.write_bytes(b"\n".join(lines))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "annotations" / "alice.jsonl"


def test_the_lazy_mapping_behaves_like_a_dict(path: Path) -> None:
    saved = write_journal(path, [ann("d2"), ann("d1"), ann("d3"), ann("d1", 2)])
    latest = read_journal(path).latest
    assert isinstance(latest, Annotations)
    assert list(latest) == ["d2", "d1", "d3"]  # journal order, as the dict kept it
    assert len(latest) == 3 and "d1" in latest and "nope" not in latest
    assert latest.get("nope") is None and latest.get("nope", 7) == 7
    with pytest.raises(KeyError):
        latest["nope"]
    assert latest["d3"] == saved["d3"]
    assert latest["d3"] is latest["d3"]  # built once, then kept
    assert list(latest) == ["d2", "d1", "d3"]  # converting one did not move it
    assert latest == saved and saved == latest and dict(latest) == saved
    assert latest != {"d1": saved["d1"]}
    assert [a.rev for a in latest.values()] == [1, 2, 1]
    assert [(k, v.quotes[0].end) for k, v in latest.items()] == [("d2", 12), ("d1", 13), ("d3", 12)]
    latest["d0"] = saved["d1"]
    del latest["d2"]
    assert list(latest) == ["d1", "d3", "d0"] and latest["d0"] is saved["d1"]
    assert Annotations() == {} and len(read_journal(path.with_name("nobody.jsonl")).latest) == 0


def test_journal_latest_takes_each_save(path: Path) -> None:
    write_journal(path, [ann("d1"), ann("d2")])
    with Journal.open(path, "alice") as journal:
        saved = journal.save(ann("d1", 5))
        assert journal.latest["d1"] is saved and journal.get("d1") is saved
        assert list(journal.latest) == ["d1", "d2"] and [a.rev for a in journal] == [2, 1]
    assert read_journal(path).latest == {"d1": saved, "d2": journal.latest["d2"]}


@pytest.mark.parametrize("compact", [True, False])
def test_an_invalid_winning_record_names_file_and_line_when_used(path: Path, compact: bool) -> None:
    saved = write_journal(path, [ann("d1"), ann("d2"), ann("d1", 2), ann("d3")])
    break_line(path, 3, compact)
    message = rf"^{path}:3: invalid annotation \(Expected `int`, got `str` - at `\$.quotes\[0\].start`\)\.$"

    contents = read_journal(path)  # opening does not build records ...
    assert contents.lines == 4 and list(contents.latest) == ["d1", "d2", "d3"]
    assert contents.latest["d2"] == saved["d2"]  # ... the good ones work ...
    for use in (
        lambda: contents.latest["d1"],  # ... and the bad one fails with its file:line, each time
        lambda: contents.latest.get("d1"),
        lambda: list(contents.latest.values()),
        lambda: dict(contents.latest.items()),
        lambda: contents.latest.convert_all(),
    ):
        with pytest.raises(CorpusError, match=message):
            use()
    with pytest.raises(CorpusError, match=message):
        read_journal(path, strict=True)  # validate builds every record while reading

    with Journal.open(path, "alice") as journal:  # the writer opens too: the file is not rewritten ...
        assert journal.get("d2") == saved["d2"]
        with pytest.raises(CorpusError, match=message):
            journal.get("d1")
        before = path.read_bytes()
        assert journal.compact() == 1  # ... compaction copies lines without building them
    lines = before.split(b"\n")  # d1 keeps its place (first), its bad line copied as is
    assert path.read_bytes() == b"\n".join([lines[2], lines[1], lines[3], b""])


def test_damage_only_a_parser_sees_in_a_winning_line_is_found_on_opening(path: Path) -> None:
    write_journal(path, [ann("d1"), ann("d2"), ann("d1", 2), ann("d3")])
    lines = path.read_bytes().split(b"\n")
    # balanced braces and a closing "}": only a JSON parser sees the damage
    lines[2] = lines[2].replace(b'"status":"in_progress"', b'"status":in_progress')
    path.write_bytes(b"\n".join(lines))
    message = rf"^{path}:3: invalid journal line \(JSON is malformed: invalid character \(byte \d+\)\)\.$"
    for strict in (False, True):
        with pytest.raises(CorpusError, match=message):
            read_journal(path, strict=strict)


def test_structural_damage_is_still_an_error_on_opening(path: Path) -> None:
    """What a crash or a bad merge leaves (cut-off lines, records run together) is found by
    the first pass, winning line or not, before anything is used."""
    write_journal(path, [ann("d1"), ann("d2"), ann("d1", 2), ann("d3")])
    lines = path.read_bytes().split(b"\n")
    for damaged in (lines[2][:-30], lines[2][:60] + lines[1], lines[1][:-1]):
        path.write_bytes(b"\n".join([lines[0], lines[1], damaged, lines[3], b""]))
        with pytest.raises(CorpusError, match=rf"^{path}:3: invalid journal line"):
            read_journal(path)
        with pytest.raises(CorpusError, match=rf"^{path}:3: invalid journal line"):
            Journal.open(path, "alice")


def test_commands_report_an_invalid_winning_record_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = init_project(tmp_path / "p", "p")
    (project.root / "corpus" / "d1.txt").write_text(TEXT, encoding="utf-8")
    (project.root / "corpus" / "d2.txt").write_text(TEXT, encoding="utf-8")
    path = project.journal_path("alice")
    write_journal(path, [ann("d1"), ann("d2"), ann("d1", 2), ann("d2", 2)])
    break_line(path, 3, compact=True)
    where = f"{path}:3: invalid annotation (Expected `int`, got `str` - at `$.quotes[0].start`)."

    for command in ("stats", "validate"):
        assert main([command, "--project", str(project.root)]) == 1
        err = capsys.readouterr().err
        assert where in err and "Traceback" not in err
    assert main(["stats", "--project", str(project.root)]) == 1
    assert capsys.readouterr().err == f"corpus-tui: {where}\n"


def test_a_superseded_line_with_braces_in_its_text_is_not_damage(path: Path) -> None:
    """The structural check of superseded lines counts braces; one inside a string sends the
    line to the full parser, which accepts it."""
    with Journal.open(path, "alice") as journal:
        journal.save(replace(ann("d1"), note='unbalanced {{ "}" {'))
        journal.save(ann("d2"))
        last = journal.save(ann("d1", 3))
    contents = read_journal(path)
    assert contents.lines == 3 and contents.latest["d1"] == last


def test_records_read_back_are_the_frozen_records_that_were_saved(path: Path) -> None:
    """Reading decodes straight into the records (vocabularies as enum members): they must
    still be equal, hashable and immutable like the ones the editor makes."""
    saved = write_journal(path, [replace(ann("d1"), rejected=(Rejected("quote", 1, 4),)), ann("d2", 3)])
    for doc_id, read in read_journal(path).latest.items():
        assert read == saved[doc_id] and hash(read) == hash(saved[doc_id])
        assert read.to_dict() == saved[doc_id].to_dict()
        for record, name in (
            (read, "rev"),
            (read.quotes[0], "start"),
            (read.mentions[0], "end"),
            (read.doc_stance, "stance"),
        ):
            with pytest.raises(AttributeError):
                setattr(record, name, 0)
