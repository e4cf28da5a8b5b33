"""Nested attributions ("X said that Y claimed ..."): a quote wholly inside another survives
validate, every export format and the importers that read them back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import datasets
import pytest

from corpus_tui.core.model import DocAnnotation, Mention, Quote
from corpus_tui.core.project import Project, init_project
from corpus_tui.export.dataset import export_dataset
from corpus_tui.export.options import ExportOptions
from corpus_tui.ingest.importers import import_any

from .helpers import comparable, make_project, save

TEXT = (
    "The mayor said on Monday that the contractor had claimed the bridge was safe, "
    "a claim the inspectors rejected.\nNobody else spoke."
)


def nested(project: Project) -> DocAnnotation:
    document = project.document_map()["bridge"]
    t = document.text
    outer = (t.index("the contractor"), t.index(", a claim"))
    inner = (t.index("the bridge"), t.index(", a claim"))
    said, claimed = t.index("said"), t.index("claimed")
    return DocAnnotation(
        doc_id="bridge",
        text_sha256=document.text_sha256,
        annotator="gold",
        status="done",
        mentions=(
            Mention("m1", t.index("mayor"), t.index("mayor") + 5, "Mayor"),
            Mention("m2", t.index("contractor"), t.index("contractor") + 10, "Contractor"),
        ),
        quotes=(
            Quote("q1", *outer, "indirect", "m1", (said, said + 4), "neutral", "the bridge"),
            Quote("q2", *inner, "indirect", "m2", (claimed, claimed + 7), "favor", "the bridge"),
        ),
    )


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = make_project(tmp_path / "p", {"bridge": TEXT})
    save(project, [nested(project)])
    return Project.load(project.root)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "corpus_tui", *args], capture_output=True, text=True, timeout=120)


def test_validate_accepts_nesting_and_names_a_crossing(project: Project) -> None:
    ok = cli("validate", "--project", str(project.root))
    assert ok.returncode == 0, ok.stderr
    crossing = nested(project)
    q1, q2 = crossing.quotes
    from msgspec.structs import replace

    bad = replace(crossing, quotes=(q1, replace(q2, end=len(TEXT) - 3)))  # past the outer quote's end
    save(project, [bad])
    result = cli("validate", "--project", str(project.root))
    assert result.returncode == 1 and "quotes 'q1' and 'q2' overlap without one lying inside the other" in result.stderr


def test_hf_export_marks_the_inner_quote(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "hf"
    summary = export_dataset(project, out, ExportOptions(split=(1.0,)))
    assert "overlapping" not in str(summary)  # nothing left out of the tags
    quotes = datasets.load_dataset(str(out), "quotes", split="train")
    by_id = {row["id"]: row for row in quotes}
    assert by_id["bridge/q1"]["nested_in"] == "" and by_id["bridge/q2"]["nested_in"] == "bridge/q1"
    tokens = datasets.load_dataset(str(out), "tokens", split="train")[0]
    names = datasets.load_dataset(str(out), "tokens", split="train").features["quote_tags"].feature.names
    words = tokens["tokens"]
    outer = [w for w, tag in zip(words, tokens["quote_tags"], strict=True) if names[tag] != "O"]
    inner = [w for w, tag in zip(words, tokens["nested_quote_tags"], strict=True) if names[tag] != "O"]
    assert " ".join(outer).startswith("the contractor had claimed") and " ".join(inner) == "the bridge was safe"
    assert names[tokens["nested_quote_tags"][words.index("bridge") - 1]] == "B-QUOTE"
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "nested_quote_tags" in card and "nested_in" in card


@pytest.mark.parametrize("fmt", ["prodigy", "hf"])
def test_nested_quotes_import_back(project: Project, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / fmt
    export_dataset(project, out, ExportOptions(format=fmt, split=(1.0,)))
    fresh = init_project(tmp_path / "fresh")
    sources = sorted(out.glob("*.jsonl")) if fmt == "prodigy" else [out]
    import_any(fresh, sources, annotator="gold")
    (imported,) = Project.load(fresh.root).read_annotations("gold").values()
    assert comparable(imported) == comparable(nested(project))


def test_docbin_keeps_both_quotes(project: Project, tmp_path: Path) -> None:
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    out = tmp_path / "spacy"
    export_dataset(project, out, ExportOptions(format="spacy", split=(1.0,)))
    (doc,) = DocBin().from_disk(next(out.rglob("*.spacy"))).get_docs(Vocab())
    assert sorted(span.text for span in doc.spans["quotes"]) == [
        "the bridge was safe",
        "the contractor had claimed the bridge was safe",
    ]


def test_evaluate_and_agree_count_nested_quotes(project: Project) -> None:
    save(project, [nested(project)], annotator="bob")
    result = cli("evaluate", "--gold", "gold", "--pred", "bob", "--json", "--project", str(project.root))
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)["scores"]
    assert scores["exact"]["all"]["tp"] == 2 and scores["exact"]["all"]["f1"] == 1.0
