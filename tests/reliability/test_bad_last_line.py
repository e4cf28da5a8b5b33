"""Case 15: a last line that is JSON but not an annotation is set aside saying what is
wrong with it (msgspec's reason), not as "incomplete"; a torn last line still says that."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_tui.core.journal_reader import read_journal
from corpus_tui.core.project import Project

from .conftest import ANNOTATOR, quote_annotation

CLI = Path(sys.executable).with_name("corpus-tui")


def wrong_types() -> bytes:
    record = quote_annotation("alpha", "favor", rev=2).to_dict()
    record["quotes"][0]["start"] = "one"
    return json.dumps(record).encode()


CASES = {
    "wrong type deep inside": (
        wrong_types(),
        "not a valid annotation (Expected `int`, got `str` - at `$.quotes[0].start`)",
    ),
    "wrong type of the revision": (
        b'{"doc_id": "alpha", "rev": "2"}',
        "not a valid annotation (Expected `int`, got `str` - at `$.rev`)",
    ),
    "torn": (
        json.dumps(quote_annotation("alpha", "favor", rev=2).to_dict()).encode()[:40],
        "incomplete (probably a crash while saving)",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_last_line_is_set_aside_with_what_is_wrong(project: Project, case: str) -> None:
    line, reason = CASES[case]
    journal = project.journal_path(ANNOTATOR)
    with journal.open("ab") as out:
        out.write(line + b"\n")
    said = f"{journal}:3: the last line is {reason}"
    # readers (validate) skip it and say why
    result = subprocess.run([str(CLI), "validate", "--project", str(project.root)], capture_output=True, text=True)
    assert said in result.stderr and result.returncode == 0, result.stderr
    assert ("incomplete" in said) == (case == "torn")
    # the writer (compact opens the journal as the TUI does) moves it to .corrupt
    result = subprocess.run(
        [str(CLI), "compact", "--project", str(project.root), "--annotator", ANNOTATOR], capture_output=True, text=True
    )
    assert said in result.stderr and f"{ANNOTATOR}.jsonl.corrupt" in result.stderr, result.stderr
    assert journal.with_name(f"{ANNOTATOR}.jsonl.corrupt").read_bytes() == line + b"\n"
    contents = read_journal(journal, strict=True)
    assert contents.warnings == [] and contents.latest["alpha"].rev == 1
