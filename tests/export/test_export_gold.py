"""Export the bundled seeds' gold annotations and load them back with ``datasets``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "annotations" / "gold.jsonl"

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="annotations/gold.jsonl not written yet")


def _gold_records() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def gold_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(project root, export folder), exported once through the real CLI."""
    root = tmp_path_factory.mktemp("gold") / "seed-project"
    root.mkdir()
    shutil.copy(REPO / "corpus-tui.toml", root / "corpus-tui.toml")
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "annotations").mkdir()
    shutil.copy(GOLD, root / "annotations" / "gold.jsonl")
    out = root.parent / "dataset"
    result = subprocess.run(
        [sys.executable, "-m", "corpus_tui", "export", str(out), "--project", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "annotated by gold" in result.stdout
    assert f'datasets.load_dataset("{out}", "quotes")' in result.stdout
    return root, out


def _load_all(out: Path, config: str) -> list[dict]:
    import datasets

    dd = datasets.load_dataset(str(out), config)
    return [row for split in dd.values() for row in split]


def test_every_config_loads_with_declared_features(gold_export: tuple[Path, Path]) -> None:
    import datasets

    _, out = gold_export
    records = _gold_records()
    n_quotes = sum(len(r["quotes"]) for r in records if r["status"] == "done")
    n_docs = sum(1 for r in records if r["status"] == "done")

    quotes = datasets.load_dataset(str(out), "quotes")
    split = next(iter(quotes.values()))
    feats = split.features
    assert isinstance(feats["kind"], datasets.ClassLabel)
    assert feats["kind"].names == ["direct", "indirect", "mixed"]
    assert feats["stance"].names == ["favor", "against", "neutral", "none"]
    assert sum(len(s) for s in quotes.values()) == n_quotes

    documents = datasets.load_dataset(str(out), "documents")
    assert sum(len(s) for s in documents.values()) == n_docs
    assert set(documents.keys()) == set(quotes.keys())

    tokens = datasets.load_dataset(str(out), "tokens")
    tfeats = next(iter(tokens.values())).features
    for name, tag in (("quote_tags", "QUOTE"), ("speaker_tags", "SPEAKER"), ("cue_tags", "CUE")):
        assert tfeats[name].feature.names == ["O", f"B-{tag}", f"I-{tag}"]
    rows = [row for s in tokens.values() for row in s]
    assert len(rows) == n_docs
    # quotes never overlap, so every gold quote starts exactly one B-QUOTE
    assert sum(row["quote_tags"].count(1) for row in rows) == n_quotes
    for row in rows:
        assert len(row["tokens"]) == len(row["quote_tags"]) == len(row["speaker_tags"]) == len(row["cue_tags"])


def test_a_known_gold_quote_keeps_speaker_and_stance(gold_export: tuple[Path, Path]) -> None:
    root, out = gold_export
    record = next(r for r in _gold_records() if r["status"] == "done")
    quote = next(q for q in record["quotes"] if q["source"] and q["stance"])
    mention = next(m for m in record["mentions"] if m["id"] == quote["source"])
    text = next(p for p in (root / "seeds").glob(f"{record['doc_id']}.txt")).read_text(encoding="utf-8")

    import datasets

    dd = datasets.load_dataset(str(out), "quotes")
    split = next(iter(dd.values()))
    rows = {row["id"]: (row, s) for s in dd.values() for row in s}
    row, s = rows[f"{record['doc_id']}/{quote['id']}"]
    feats = s.features
    assert row["text"] == text[quote["start"] : quote["end"]]
    assert row["speaker"] == mention["entity"]
    assert (row["speaker_start"], row["speaker_end"]) == (mention["start"], mention["end"])
    assert feats["stance"].int2str(row["stance"]) == quote["stance"]
    assert feats["kind"].int2str(row["kind"]) == quote["kind"]
    assert row["target"] == (quote["target"] or "")
    assert row["cue"] == text[quote["cue"][0] : quote["cue"][1]]
    assert row["context"][row["start"] - row["context_start"] :].startswith(row["text"])
    assert "\n" not in row["context"] or "\n" in row["text"]
    assert split.features == feats


def test_documents_config_round_trips_the_annotation(gold_export: tuple[Path, Path]) -> None:
    _, out = gold_export
    rows = {row["id"]: row for row in _load_all(out, "documents")}
    for record in _gold_records():
        if record["status"] != "done":
            continue
        row = rows[record["doc_id"]]
        assert row["status"] == "done"
        assert sorted((m["id"], m["start"], m["end"], m["entity"]) for m in row["mentions"]) == sorted(
            (m["id"], m["start"], m["end"], m["entity"]) for m in record["mentions"]
        )
        assert sorted((q["id"], q["stance"], q["source"]) for q in row["quotes"]) == sorted(
            (q["id"], q["stance"], q["source"]) for q in record["quotes"]
        )
        assert json.loads(row["meta"])["source"].endswith(".txt")


def test_card_has_metadata_and_readable_statistics(gold_export: tuple[Path, Path]) -> None:
    import yaml

    _, out = gold_export
    card = (out / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n")
    meta = yaml.safe_load(card.split("---\n")[1])
    assert meta["license"] == "cc-by-4.0"
    assert meta["language"] == ["en"]
    assert set(meta["task_categories"]) == {"token-classification", "text-classification"}
    assert {c["config_name"] for c in meta["configs"]} == {"quotes", "documents", "tokens"}
    for config in meta["configs"]:
        for data_file in config["data_files"]:
            assert (out / data_file["path"]).is_file()
    infos = {i["config_name"]: i for i in meta["dataset_info"]}
    assert any(f["name"] == "stance" for f in infos["quotes"]["features"])
    n_quotes = sum(len(r["quotes"]) for r in _gold_records() if r["status"] == "done")
    assert sum(s["num_examples"] for s in infos["quotes"]["splits"]) == n_quotes
    body = card.split("---\n", 2)[2]
    assert "## How to load it" in body and 'load_dataset("REPO_OR_FOLDER", "quotes")' in body
    assert "Russia–North Korea defense cooperation" in body  # the target from the config
    rows_line = next(line for line in body.splitlines() if line.startswith("| quotes |"))
    assert sum(int(c) for c in rows_line.strip("|").split("|")[1:]) == n_quotes
    assert "stance: against" in body and "Annotators in the project: gold" in body
