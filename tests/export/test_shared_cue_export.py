"""One cue shared by the two parts of an interrupted quote survives every export format."""

from __future__ import annotations

import json
from pathlib import Path

from corpus_tui.core.model import DEFAULT_STANCE_LABELS, DocAnnotation, Mention, Quote
from corpus_tui.export.dataset import export_dataset
from corpus_tui.export.options import ExportOptions
from corpus_tui.export.rows import quote_rows, token_row
from corpus_tui.export.select import Item
from corpus_tui.export.tokens import AlignmentStats, Tokenizer
from corpus_tui.ingest.prodigy import read_prodigy

from .helpers import make_project, save

TEXT = '"Later start times sound simple," said Beth Amory, a parent of two, "and that pushes every practice past dark."'


def _annotation(doc_sha: str) -> DocAnnotation:
    said = TEXT.index("said")
    first, second = TEXT.index("Later"), TEXT.index("and that")
    return DocAnnotation(
        "amory",
        doc_sha,
        "gold",
        status="done",
        mentions=(Mention("m1", TEXT.index("Beth"), TEXT.index(", a parent"), "Beth Amory"),),
        quotes=(
            Quote("q1", first, TEXT.index('," said'), "direct", "m1", (said, said + 4), "against", "start times"),
            Quote("q2", second, len(TEXT) - 1, "direct", "m1", (said, said + 4), "against", "start times"),
        ),
    )


def test_a_shared_cue_in_rows_tokens_docbin_and_prodigy(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"amory": TEXT})
    document = project.document_map()["amory"]
    ann = _annotation(document.text_sha256)
    save(project, [ann])
    item = Item(document, ann)

    rows = quote_rows(item, DEFAULT_STANCE_LABELS)
    assert [(r["id"], r["cue"], r["speaker"]) for r in rows] == [
        ("amory/q1", "said", "Beth Amory"),
        ("amory/q2", "said", "Beth Amory"),
    ]

    stats = AlignmentStats()
    tags = token_row(item, Tokenizer(), stats)["cue_tags"]
    assert tags.count(1) == 1 and tags.count(2) == 0  # one B-cue token, "said"
    assert not stats.overlapping  # the shared cue is not counted as a clash

    summary = export_dataset(project, tmp_path / "spacy", ExportOptions(format="spacy", split=(1.0, 0.0, 0.0)))
    assert summary.documents == 1 and not summary.alignment.overlapping

    out = tmp_path / "prodigy"
    export_dataset(project, out, ExportOptions(format="prodigy", split=(1.0, 0.0, 0.0)))
    (task_file,) = sorted(out.glob("*.jsonl"))
    task = json.loads(task_file.read_text(encoding="utf-8"))
    assert sum(r["label"] == "CUE" for r in task["relations"]) == 2
    (back,) = [record.annotation for record in read_prodigy(task_file, None)]
    assert [q.cue for q in back.quotes] == [q.cue for q in ann.quotes]
