"""The writer registry and the column tables: one place for a format, one entry for a column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.model import DEFAULT_STANCE_LABELS
from corpus_tui.export.dataset import export_dataset
from corpus_tui.export.options import FORMATS, ExportFormat, ExportOptions
from corpus_tui.export.rows import TABLES, ExportConfig, document_row, quote_rows, token_row
from corpus_tui.export.select import Item
from corpus_tui.export.tokens import AlignmentStats, Tokenizer
from corpus_tui.export.writers import WRITERS

from .helpers import ARTICLE, annotate, make_project, save


def test_every_format_has_one_writer_and_the_cli_offers_exactly_those() -> None:
    assert set(WRITERS) == set(ExportFormat)
    assert tuple(f.value for f in WRITERS) == FORMATS
    assert all(type(f) is str for f in FORMATS)  # argparse prints the choices


def test_an_unknown_format_is_one_sentence(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"a": ARTICLE})
    with pytest.raises(CorpusError, match=r"Unknown export format 'xml': use one of hf, jsonl, spacy, prodigy\."):
        export_dataset(project, tmp_path / "out", ExportOptions(format="xml"))


@pytest.fixture
def item(tmp_path: Path) -> Item:
    project = make_project(tmp_path / "p", {"a": ARTICLE})
    document = project.document_map()["a"]
    ann = annotate(document)
    save(project, [ann])
    return Item(document, ann)


def test_rows_have_exactly_the_declared_features(item: Item) -> None:
    """Each config's rows encode under its features: a column declared is a column written."""
    labels = DEFAULT_STANCE_LABELS
    rows = {
        ExportConfig.QUOTES: quote_rows(item, labels),
        ExportConfig.DOCUMENTS: [document_row(item)],
        ExportConfig.TOKENS: [token_row(item, Tokenizer(), AlignmentStats())],
    }
    assert set(rows) == set(TABLES)
    for config, config_rows in rows.items():
        features = TABLES[config].features(labels)
        assert config_rows
        for row in config_rows:
            assert list(row) == list(features)
            features.encode_example(row)  # raises on a value that does not fit its type


def test_the_card_describes_every_column_of_its_config() -> None:
    """The card's line per config names each column but the row's own id ("`cue` with
    offsets" names ``cue_start`` and ``cue_end``)."""
    for config, table in TABLES.items():
        named = set(re.findall(r"`(\w+)`", table.card)) | {config.value}
        for span in re.findall(r"`(\w+)` with offsets", table.card):
            named |= {f"{span}_start", f"{span}_end"}
        missing = [n for n in table.names if n not in named and n not in {"id", "doc_id"}]
        assert not missing, f"the card's description of {config} does not name {missing}"
