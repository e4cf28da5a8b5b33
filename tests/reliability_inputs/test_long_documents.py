"""Case 12: a document longer than spaCy's ``max_length`` (1,000,000 characters) exports,
with its tokens and the spans near its end (the tokenizer-only pipeline has no limit)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from .helpers import ARTICLE, cli, new_project, prodigy_task, write_jsonl

FILLER = "The committee met again and discussed the budget at length.\n"


@pytest.fixture(scope="module")
def long_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("long")
    text = FILLER * (1_100_000 // len(FILLER)) + ARTICLE  # the quote sits past character 1,000,000
    assert len(text) > 1_100_000
    project = new_project(tmp / "p", {})
    feed = write_jsonl(tmp / "long.jsonl", [prodigy_task(text, "long")])
    assert cli("import", str(feed), "--annotator", "gold", "--project", str(project.root)).returncode == 0
    return project.root


@pytest.mark.parametrize("format", ["hf", "spacy"])
def test_a_document_over_a_million_characters_exports(long_export: Path, format: str) -> None:
    root = long_export
    out = root.parent / f"out-{format}"
    result = cli("export", str(out), "--format", format, "--split", "1,0,0", "--project", str(root))
    assert result.returncode == 0, result.stderr
    assert "Exported 1 document(s)" in result.stdout
    if format == "hf":
        tokens = pq.read_table(out / "tokens" / "train-00000-of-00001.parquet").to_pylist()[0]
        assert len(tokens["tokens"]) > 150_000 and tokens["quote_tags"].count(1) == 1
        (quote,) = pq.read_table(out / "quotes" / "train-00000-of-00001.parquet").to_pylist()
        assert quote["start"] > 1_000_000 and quote["text"] == "We will not accept this deal"
    else:
        assert (out / "train.spacy").stat().st_size > 0
        assert json.loads((out / "corpus-tui-manifest.json").read_text())["rows"] == {"docs": {"train": 1}}
