"""What gets exported: annotator choice, status filter, stale/invalid reports, suggestions, splits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DocAnnotation, Quote
from corpus_tui.core.project import Project
from corpus_tui.export.dataset import export_dataset
from corpus_tui.export.options import ExportOptions
from corpus_tui.export.splits import Splitter, parse_split

from .helpers import ARTICLE, annotate, make_project, save, write_raw


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "corpus_tui", *args], capture_output=True, text=True, timeout=120)


def _jsonl_rows(out: Path) -> dict[str, list[dict]]:
    return {
        p.stem: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()]
        for p in sorted(out.glob("*.jsonl"))
    }


@pytest.fixture
def mixed_project(tmp_path: Path) -> Project:
    """done, in-progress, stale, invalid and unannotated documents side by side."""
    texts = {f"doc{i}": ARTICLE.replace("Monday", f"day {i}") for i in range(5)}
    project = make_project(tmp_path / "p", texts)
    docs = project.document_map()
    done = annotate(docs["doc0"])
    suggested = annotate(
        docs["doc1"],
        quotes=(*annotate(docs["doc1"]).quotes, Quote("q9", 0, 9, "indirect", origin="suggested")),
    )
    in_progress = annotate(docs["doc2"], status="in_progress")
    save(project, [done, suggested, in_progress])
    stale = annotate(docs["doc3"]).to_dict()
    write_raw(project, "gold", {**stale, "rev": 1, "text_sha256": "0" * 64})
    invalid = annotate(docs["doc4"]).to_dict()
    invalid["quotes"][0]["end"] = 10_000
    write_raw(project, "gold", {**invalid, "rev": 1})
    return Project.load(project.root)


def test_status_filter_and_skipped_reasons_are_reported(mixed_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _cli("export", str(out), "--format", "jsonl", "--project", str(mixed_project.root))
    assert result.returncode == 0, result.stderr
    exported = {row["id"] for rows in _jsonl_rows(out).values() for row in rows}
    assert exported == {"doc0", "doc1"}
    text = result.stdout
    assert "Exported 2 document(s) annotated by gold" in text
    assert "Skipped 3 document(s):" in text
    assert "1 status in_progress (not done): doc2" in text
    assert "1 stale (the text changed after it was annotated): doc3" in text
    assert "1 invalid: doc4 (quote 'q1' ends at 10000, past the end of the text" in text
    assert "Left out 1 suggested span(s) never accepted" in text

    everything = export_dataset(
        mixed_project, tmp_path / "all", ExportOptions(format="jsonl", status="all", include_suggestions=True)
    )
    rows = {row["id"]: row for rows in _jsonl_rows(tmp_path / "all").values() for row in rows}
    assert set(rows) == {"doc0", "doc1", "doc2"}  # stale and invalid are never exported
    assert {q["id"] for q in rows["doc1"]["quotes"]} == {"q1", "q2", "q9"}
    assert everything.skipped.counts == {
        "stale (the text changed after it was annotated)": 1,
        "invalid": 1,
    }


def test_suggested_speaker_is_dropped_with_its_link(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"a": ARTICLE})
    doc = project.documents()[0]
    ann = annotate(doc)
    mentions = tuple(m if m.id != "m1" else type(m)(m.id, m.start, m.end, m.entity, "suggested") for m in ann.mentions)
    save(project, [annotate(doc, mentions=mentions)])
    export_dataset(project, tmp_path / "out", ExportOptions(format="jsonl"))
    (row,) = _jsonl_rows(tmp_path / "out")[next(iter(_jsonl_rows(tmp_path / "out")))]
    assert [m["id"] for m in row["mentions"]] == ["m2"]
    q1 = next(q for q in row["quotes"] if q["id"] == "q1")
    assert q1["source"] is None and q1["speaker"] is None


def test_annotator_choice(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"a": ARTICLE})
    doc = project.documents()[0]
    with pytest.raises(CorpusError, match="has no annotation journals"):
        export_dataset(project, tmp_path / "o0")
    save(project, [annotate(doc, annotator="ann1")], "ann1")
    assert export_dataset(project, tmp_path / "o1", ExportOptions(format="jsonl")).annotator == "ann1"  # the only one
    save(project, [annotate(doc, annotator="ann2")], "ann2")
    result = _cli("export", str(tmp_path / "o2"), "--project", str(project.root))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "several annotators (ann1, ann2): choose one with --annotator NAME" in result.stderr
    save(project, [annotate(doc)], "gold")
    assert export_dataset(project, tmp_path / "o3", ExportOptions(format="jsonl")).annotator == "gold"
    with pytest.raises(CorpusError, match=r"no journal for annotator 'bob' \(annotators: ann1, ann2, gold\)"):
        export_dataset(project, tmp_path / "o4", ExportOptions(annotator="bob"))


def test_nothing_to_export_and_unsafe_targets_are_clear_errors(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"a": ARTICLE})
    save(project, [annotate(project.documents()[0], status="todo")])
    result = _cli("export", str(tmp_path / "out"), "--project", str(project.root))
    assert result.returncode == 1
    assert "Nothing to export for annotator 'gold': 1 status todo (not done)" in result.stderr
    assert "--status all" in result.stderr
    assert not (tmp_path / "out").exists()
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "thesis.tex").write_text("precious")
    with pytest.raises(CorpusError, match="not empty and is not a corpus-tui export"):
        export_dataset(project, busy, ExportOptions(status="all"))
    assert (busy / "thesis.tex").read_text() == "precious"
    with pytest.raises(CorpusError, match="must add up to 1"):
        export_dataset(project, tmp_path / "o", ExportOptions.parse(split="0.5,0.2", status="all"))
    bad = _cli("export", str(tmp_path / "o"), "--split", "a,b", "--project", str(project.root))
    assert bad.returncode == 1 and "comma-separated numbers" in bad.stderr
    (tmp_path / "afile").write_text("not a folder")
    under_file = _cli("export", str(tmp_path / "afile" / "out"), "--status", "all", "--project", str(project.root))
    assert under_file.returncode == 1 and "Traceback" not in under_file.stderr
    assert (
        under_file.stderr.strip()
        == f"corpus-tui: Cannot create {tmp_path / 'afile' / 'out'}: File exists ({tmp_path / 'afile'})."
    )


def test_re_export_replaces_the_previous_one(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"a": ARTICLE})
    save(project, [annotate(project.documents()[0])])
    out = tmp_path / "out"
    export_dataset(project, out, ExportOptions(split=(1.0,)))
    assert (out / "quotes" / "train-00000-of-00001.parquet").is_file()
    export_dataset(project, out, ExportOptions(split=(0.0, 1.0)))
    assert not (out / "quotes" / "train-00000-of-00001.parquet").exists()
    assert (out / "quotes" / "test-00000-of-00001.parquet").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "p"]  # no temp folders left behind


def test_splits_are_stable_when_documents_are_added() -> None:
    splitter = Splitter(parse_split("0.8,0.1,0.1"), seed=0)
    before = {f"article-{i}": splitter.split_of(f"article-{i}") for i in range(3000)}
    counts = {name: list(before.values()).count(name) for name in ("train", "validation", "test")}
    assert 2250 < counts["train"] < 2550 and 200 < counts["validation"] < 400 and 200 < counts["test"] < 400
    after = Splitter(parse_split("0.8,0.1,0.1"), seed=0)
    for i in range(3000, 4000):
        after.split_of(f"article-{i}")
    assert all(after.split_of(doc_id) == name for doc_id, name in before.items())
    reseeded = Splitter(parse_split("0.8,0.1,0.1"), seed=1)
    assert sum(reseeded.split_of(d) != s for d, s in before.items()) > 300  # the seed reshuffles


def test_adding_documents_never_moves_exported_ones(tmp_path: Path) -> None:
    texts = {f"d{i:03d}": ARTICLE for i in range(40)}
    project = make_project(tmp_path / "p", texts)
    save(project, [annotate(d) for d in project.documents()])
    export_dataset(project, tmp_path / "v1", ExportOptions(format="jsonl"))
    first = {row["id"]: split for split, rows in _jsonl_rows(tmp_path / "v1").items() for row in rows}
    for i in range(40, 80):
        (project.root / "corpus" / f"d{i:03d}.txt").write_text(ARTICLE, encoding="utf-8")
    project = Project.load(project.root)
    save(project, [annotate(d) for d in project.documents() if d.id not in first])
    export_dataset(project, tmp_path / "v2", ExportOptions(format="jsonl"))
    second = {row["id"]: split for split, rows in _jsonl_rows(tmp_path / "v2").items() for row in rows}
    assert len(second) == 80
    assert all(second[doc_id] == split for doc_id, split in first.items())
    assert set(second.values()) == {"train", "validation", "test"}


def test_tiny_corpus_exports_and_loads(tmp_path: Path) -> None:
    import datasets

    project = make_project(tmp_path / "p", {"only": "Short.\n“Yes,” she said."})
    doc = project.documents()[0]
    start = doc.text.index("Yes")
    ann = DocAnnotation(
        doc.id, doc.text_sha256, "gold", status="done", quotes=(Quote("q1", start, start + 3, "direct"),)
    )
    save(project, [ann])
    summary = export_dataset(project, tmp_path / "out")
    assert len(summary.splits) == 1  # the empty splits are left out
    (split,) = summary.splits
    assert summary.rows == {"quotes": {split: 1}, "documents": {split: 1}, "tokens": {split: 1}}
    quotes = datasets.load_dataset(str(tmp_path / "out"), "quotes")
    assert list(quotes.keys()) == [split]
    row = quotes[split][0]
    assert row["text"] == "Yes" and row["speaker"] == "" and row["speaker_start"] is None
    assert quotes[split].features["stance"].int2str(row["stance"]) == "none"
    assert f"  quotes     {split} 1" in str(summary)
    assert ("--split 1,0,0" in str(summary)) == (split != "train")


def test_spans_off_token_boundaries_are_expanded_and_counted(tmp_path: Path) -> None:
    import datasets

    project = make_project(tmp_path / "p", {"a": ARTICLE})
    doc = project.documents()[0]
    start = doc.text.index("will not")
    # "ill not acc": starts and ends inside words
    quote = Quote("q1", start + 1, start + len("will not acc"), "indirect")
    save(project, [annotate(doc, mentions=(), quotes=(quote,), doc_stance=None)])
    summary = export_dataset(project, tmp_path / "out", ExportOptions(split=(1.0,)))
    assert summary.alignment.expanded == {"quote": 1}
    assert "Spans expanded to token boundaries: 1 quote(s)." in str(summary)
    row = datasets.load_dataset(str(tmp_path / "out"), "tokens")["train"][0]
    tagged = [tok for tok, tag in zip(row["tokens"], row["quote_tags"]) if tag]
    assert tagged == ["will", "not", "accept"]
    assert "expanded to whole tokens (1 quote(s))" in (tmp_path / "out" / "README.md").read_text()


def test_streamed_reading_agrees_with_the_foundation_readers(tmp_path: Path) -> None:
    from corpus_tui.export.stream import JournalIndex, count_documents, iter_documents

    project = make_project(tmp_path / "p", {"a": ARTICLE, "b": ARTICLE + "\nMore."})
    records = [{"id": f"j{i}", "text": f"Line {i}.\r\nSecond.", "meta": {"n": i}} for i in range(3)]
    jsonl = "\r\n".join(json.dumps(r) for r in records) + "\n\n"
    (project.root / "corpus" / "batch.jsonl").write_bytes(b"\xef\xbb\xbf" + jsonl.encode())
    project = Project.load(project.root)
    streamed = list(iter_documents(project))
    assert [(d.id, d.text, d.meta) for d in streamed] == [(d.id, d.text, d.meta) for d in project.documents()]
    assert count_documents(project) == len(project.documents()) == 5
    docs = project.document_map()
    save(project, [annotate(docs["a"]), annotate(docs["b"], status="in_progress")])
    save(project, [annotate(docs["b"], note="second")])
    with project.journal_path("gold").open("a") as handle:
        handle.write('{"doc_id": "a", "rev": 9, "quotes": [')  # a crash mid-write
    index = JournalIndex(project.journal_path("gold"))
    latest = project.read_annotations("gold")
    assert {k: index.get(k) for k in index.offsets} == latest
    assert index.get("b").note == "second" and len(index.warnings) == 1
    index.close()
