"""spaCy DocBin and Prodigy exports keep every annotation; import reads Prodigy and HF datasets back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.project import Project, init_project
from corpus_tui.export.dataset import export_dataset
from corpus_tui.export.options import ExportOptions
from corpus_tui.ingest.importers import import_any

from .helpers import ARTICLE, annotate, comparable, make_project, save


@pytest.fixture
def project(seed_project: Project, tmp_path: Path) -> Project:
    """The seed gold when it exists, plus two small articles of our own (one with a note and doc stance)."""
    extra = {"extra-1": ARTICLE, "extra-2": ARTICLE.replace("Monday", "Friday")}
    (seed_project.root / "corpus").mkdir()
    for doc_id, text in extra.items():
        (seed_project.root / "corpus" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    config = seed_project.root / "corpus-tui.toml"
    config.write_text(
        config.read_text().replace('documents = ["seeds/*.txt"]', 'documents = ["seeds/*.txt", "corpus/*.txt"]')
    )
    loaded = Project.load(seed_project.root)
    docs = loaded.document_map()
    save(loaded, [annotate(docs["extra-1"]), annotate(docs["extra-2"], note="", doc_stance=None)])
    return Project.load(seed_project.root)


def _expected(project: Project) -> dict[str, dict]:
    return {doc_id: comparable(a) for doc_id, a in project.read_annotations("gold").items() if a.status == "done"}


def test_prodigy_export_import_round_trip_is_lossless(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "prodigy"
    export_dataset(project, out, ExportOptions(format="prodigy"))
    files = sorted(out.glob("*.jsonl"))
    task = json.loads(files[0].read_text(encoding="utf-8").splitlines()[0])
    assert {"text", "spans", "relations", "meta", "tokens"} <= set(task)
    assert {s["label"] for s in task["spans"]} <= {"QUOTE", "SPEAKER", "CUE"}
    for s in task["spans"]:
        assert task["text"][s["start"] : s["end"]]
        assert task["tokens"][s["token_start"]]["start"] <= s["start"]
        assert task["tokens"][s["token_end"]]["end"] >= s["end"]
    assert any(r["label"] == "SPEAKER" for r in task["relations"])

    fresh = init_project(tmp_path / "fresh")
    result = subprocess.run(
        [sys.executable, "-m", "corpus_tui", "import", *map(str, files), "--project", str(fresh.root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    expected = _expected(project)
    assert f"Imported {len(expected)} annotation(s) into the journal of gold." in result.stdout
    fresh = Project.load(fresh.root)
    imported = {doc_id: comparable(a) for doc_id, a in fresh.read_annotations("gold").items()}
    assert imported == expected
    texts = {d.id: d.text for d in fresh.documents()}
    assert texts == {d.id: d.text for d in project.documents() if d.id in expected}


def test_hf_export_imports_back_with_annotations(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "hf"
    export_dataset(project, out)
    fresh = init_project(tmp_path / "fresh")
    result = import_any(fresh, [out], annotator="reviewer")
    expected = _expected(project)
    assert result.annotations == {"reviewer": len(expected)}
    imported = {doc_id: comparable(a) for doc_id, a in fresh.read_annotations("reviewer").items()}
    assert imported == expected


def test_docbin_keeps_spans_and_quote_attributes(project: Project, tmp_path: Path) -> None:
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    out = tmp_path / "spacy"
    summary = export_dataset(project, out, ExportOptions(format="spacy"))
    gold = project.read_annotations("gold")
    texts = {d.id: d.text for d in project.documents()}
    seen = 0
    for path in sorted(out.glob("*.spacy")):
        assert path.stem in summary.splits
        for doc in DocBin().from_disk(path).get_docs(Vocab()):
            record = doc.user_data["corpus_tui"]
            ann = gold[record["id"]]
            assert doc.text == texts[ann.doc_id]
            assert len(doc.spans["quotes"]) == len(ann.quotes)
            assert len(doc.spans["speakers"]) == len(ann.mentions)
            assert len(doc.spans["cues"]) == len({q.cue for q in ann.quotes if q.cue})
            for span, quote in zip(doc.spans["quotes"], sorted(ann.quotes, key=lambda q: q.start)):
                assert span.label_ == quote.kind
                assert span.kb_id_ == (ann.speaker_of(quote) or "")
                assert span.start_char <= quote.start and span.end_char >= quote.end
            stored = {q["id"]: q for q in record["quotes"]}
            for quote in ann.quotes:
                assert stored[quote.id]["stance"] == quote.stance
                assert stored[quote.id]["speaker"] == ann.speaker_of(quote)
                assert (stored[quote.id]["start"], stored[quote.id]["end"]) == (quote.start, quote.end)
            if ann.doc_stance is not None:
                assert doc.cats[ann.doc_stance.stance] == 1.0
            seen += 1
    assert seen == summary.documents == len(_expected(project))


def test_import_plain_parquet_and_save_to_disk(tmp_path: Path) -> None:
    import datasets

    rows = [
        {"id": "p1", "text": "One.\r\nTwo.", "outlet": "Daily", "label": 1},
        {"id": "p2", "text": "Three.", "outlet": "Weekly", "label": 0},
    ]
    ds = datasets.Dataset.from_list(rows)
    ds.to_parquet(str(tmp_path / "news.parquet"))
    datasets.DatasetDict({"train": ds.select([0]), "test": ds.select([1])}).save_to_disk(str(tmp_path / "saved"))
    nameless = datasets.Dataset.from_list([{"text": "No id here."}])
    nameless.to_parquet(str(tmp_path / "bare.parquet"))

    project = make_project(tmp_path / "p", {})
    result = import_any(project, [tmp_path / "news.parquet", tmp_path / "bare.parquet"])
    assert result.documents == 3 and result.annotations == {}
    docs = project.document_map()
    assert docs["p1"].text == "One.\nTwo." and docs["p1"].meta["outlet"] == "Daily"
    assert docs["bare-000000"].text == "No id here."

    other = make_project(tmp_path / "q", {})
    assert import_any(other, [tmp_path / "saved"]).documents == 2
    assert sorted(d.id for d in other.documents()) == ["p1", "p2"]

    datasets.Dataset.from_list([{"body": "x"}]).to_parquet(str(tmp_path / "notext.parquet"))
    result = subprocess.run(
        [sys.executable, "-m", "corpus_tui", "import", str(tmp_path / "notext.parquet"), "--project", str(other.root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "has no 'text' column (columns: body)" in result.stderr
    assert "Traceback" not in result.stderr


def test_import_checks_everything_before_writing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"a": ARTICLE})
    save(project, [annotate(project.documents()[0])])
    export_dataset(project, tmp_path / "prodigy", ExportOptions(format="prodigy", split=(1.0,)))
    task = json.loads((tmp_path / "prodigy" / "train.jsonl").read_text())
    task["corpus_tui"]["doc_id"] = task["meta"]["id"] = "b"
    task["spans"][0]["end"] = 10_000
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(task) + "\n")
    good = tmp_path / "good.txt"
    good.write_text("A fine article.")
    target = make_project(tmp_path / "t", {})
    with pytest.raises(Exception, match="annotation of document 'b' is invalid"):
        import_any(target, [good, bad])
    assert list((target.root / "corpus").iterdir()) == []
    assert target.annotators() == []


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        (
            "rejected",
            [{"type": "speaker", "start": 0, "end": 1}],
            "Invalid enum value 'speaker' - at `$.corpus_tui.rejected[0].type`",
        ),
        ("doc_stance", {"target": "t"}, "Object missing required field `stance` - at `$.corpus_tui.doc_stance`"),
    ],
)
def test_import_names_the_line_of_bad_corpus_tui_fields(tmp_path: Path, field: str, value: object, why: str) -> None:
    project = make_project(tmp_path / "p", {"a": ARTICLE})
    save(project, [annotate(project.documents()[0])])
    export_dataset(project, tmp_path / "prodigy", ExportOptions(format="prodigy", split=(1.0,)))
    task = json.loads((tmp_path / "prodigy" / "train.jsonl").read_text())
    task["corpus_tui"]["doc_id"] = task["meta"]["id"] = "b"
    task["corpus_tui"][field] = value
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(task) + "\n")
    target = make_project(tmp_path / "t", {})
    message = f"{bad}:1: the task does not have the types corpus-tui reads ({why})."
    with pytest.raises(CorpusError) as info:
        import_any(target, [bad])
    assert str(info.value) == message
    assert list((target.root / "corpus").iterdir()) == []


def test_import_a_prodigy_file_made_by_prodigy(tmp_path: Path) -> None:
    """No corpus-tui extras: labels in any case, relations by span offsets, other labels ignored."""
    text = '"We will win," Jane Roe said. The PM visited Paris.'
    task = {
        "text": text,
        "_input_hash": 123456,
        "_task_hash": -42,
        "meta": {"source": "wire"},
        "spans": [
            {"start": 1, "end": 12, "label": "quote", "token_start": 1, "token_end": 3},
            {"start": 15, "end": 23, "label": "SPEAKER", "token_start": 6, "token_end": 7},
            {"start": 24, "end": 28, "label": "Cue", "token_start": 8, "token_end": 8},
            {"start": 45, "end": 50, "label": "GPE", "token_start": 13, "token_end": 13},
        ],
        "relations": [
            {
                "head": 1,
                "child": 6,
                "label": "SPEAKER",
                "head_span": {"start": 1, "end": 12},
                "child_span": {"start": 15, "end": 23},
            },
            {
                "head": 1,
                "child": 8,
                "label": "CUE",
                "head_span": {"start": 1, "end": 12},
                "child_span": {"start": 24, "end": 28},
            },
        ],
        "answer": "accept",
    }
    rejected = {**task, "text": "Nothing here.", "_input_hash": 7, "spans": [], "relations": [], "answer": "reject"}
    path = tmp_path / "from_prodigy.jsonl"
    path.write_text(json.dumps(task) + "\n" + json.dumps(rejected) + "\n")
    project = make_project(tmp_path / "p", {})
    result = import_any(project, [path])
    assert result.documents == 2 and result.annotations == {"prodigy": 1} and result.ignored_spans == 1
    (ann,) = project.read_annotations("prodigy").values()
    assert ann.doc_id == "prodigy-123456" and ann.status == "done"
    (quote,) = ann.quotes
    assert (quote.start, quote.end, quote.kind, quote.cue) == (1, 12, "direct", (24, 28))
    assert ann.speaker_of(quote) == "Jane Roe"
    assert project.document_map()["prodigy-123456"].meta["source"].endswith("from_prodigy.jsonl")


def test_large_spacy_splits_are_written_in_shards(tmp_path: Path, monkeypatch) -> None:
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    import corpus_tui.export.spacy_docbin as spacy_docbin

    monkeypatch.setattr(spacy_docbin, "SHARD_DOCS", 3)
    project = make_project(tmp_path / "p", {f"d{i:02d}": ARTICLE for i in range(10)})
    save(project, [annotate(d) for d in project.documents()])
    out = tmp_path / "spacy"
    export_dataset(project, out, ExportOptions(format="spacy", split=(1.0,)))
    shards = sorted((out / "train").glob("*.spacy"))
    assert [p.name for p in shards] == ["00000.spacy", "00001.spacy", "00002.spacy", "00003.spacy"]
    docs = [doc for shard in shards for doc in DocBin().from_disk(shard).get_docs(Vocab())]
    assert sorted(doc.user_data["corpus_tui"]["id"] for doc in docs) == [f"d{i:02d}" for i in range(10)]
    export_dataset(
        project, out, ExportOptions(format="spacy", split=(1.0,))
    )  # a sharded export is recognised and replaced
