"""Cases 10 and 11: input that is not what the model can hold (a lone surrogate, a wrong
type in a Prodigy task or an HF dataset) is one sentence naming file and line (or row),
exit 1, and nothing is written; the journal never gets a line it cannot read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import ARTICLE, cli, new_project, one_sentence, outside, prodigy_task, tree, write_jsonl

SURROGATE = "\ud800"


def _refused(tmp_path: Path, project, *args: str) -> str:
    before, around = tree(project.root), outside(tmp_path, project)
    message = one_sentence(cli(*args, "--project", str(project.root)))
    assert tree(project.root) == before and outside(tmp_path, project) == around
    return message


def test_a_lone_surrogate_in_an_imported_jsonl(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"id": "ok", "text": "Fine."}, {"id": "x", "text": f"ab{SURROGATE}c"}])
    message = _refused(tmp_path, project, "import", str(feed))
    assert message.startswith(f"{feed}:2: $.text holds a lone surrogate (\\ud800) at character 2")


def test_a_lone_surrogate_in_a_prodigy_span(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    task = prodigy_task(ARTICLE, "n1")
    task["spans"][1]["entity"] = f"Jane{SURROGATE}"
    feed = write_jsonl(tmp_path / "feed.jsonl", [task])
    message = _refused(tmp_path, project, "import", str(feed), "--annotator", "alice")
    assert message.startswith(f"{feed}:1: $.spans[1].entity holds a lone surrogate (\\ud800) at character 4")


def test_a_lone_surrogate_in_the_corpus_stops_every_command_with_one_sentence(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p", {})
    good = write_jsonl(tmp_path / "good.jsonl", [prodigy_task(ARTICLE, "n1")])
    assert cli("import", str(good), "--annotator", "gold", "--project", str(project.root)).returncode == 0
    feed = write_jsonl(project.root / "corpus" / "feed.jsonl", [{"id": "x", "text": "a", "meta": {SURROGATE: 1}}])
    for command in ([], ["stats"], ["export", str(tmp_path / "out")], ["suggest", "--model", "blank:en"]):
        message = _refused(tmp_path, project, *command)
        assert message.startswith(f"{feed}:1: a key of $.meta holds a lone surrogate"), (command, message)


BROKEN = {
    "relations are not objects": (
        lambda t: t.update(relations=["x"]),
        "Expected `object`, got `str` - at `$.relations[0]`",
    ),
    "a stance that is a number": (
        lambda t: t["spans"][0].update(stance=3),
        "Expected `str | null`, got `int` - at `$.spans[0].stance`",
    ),
    "spans that are not a list": (lambda t: t.update(spans="QUOTE"), "Expected `array`, got `str` - at `$.spans`"),
    "an unknown kind": (lambda t: t["spans"][0].update(kind="rumour"), "Invalid enum value 'rumour'"),
    "an entity that is a number": (lambda t: t["spans"][1].update(entity=7), "at `$.spans[1].entity`"),
    "an offset that is text": (lambda t: t["spans"][1].update(start="4"), "at `$.spans[1].start`"),
    "an unknown status": (lambda t: t["corpus_tui"].update(status="finished"), "at `$.corpus_tui.status`"),
    "a note that is a list": (lambda t: t["corpus_tui"].update(note=["x"]), "at `$.corpus_tui.note`"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_prodigy_records_of_the_wrong_type(tmp_path: Path, case: str) -> None:
    project = new_project(tmp_path / "p")
    task = prodigy_task(ARTICLE, "n1")
    change, why = BROKEN[case]
    change(task)
    feed = write_jsonl(tmp_path / "feed.jsonl", [prodigy_task(ARTICLE.replace("Monday", "May"), "n0"), task])
    message = _refused(tmp_path, project, "import", str(feed), "--annotator", "alice")
    assert message.startswith(f"{feed}:2: the task does not have the types corpus-tui reads (")
    assert why in message


def test_an_imported_annotator_name_must_be_a_file_name(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    feed = write_jsonl(tmp_path / "feed.jsonl", [prodigy_task(ARTICLE, "n1", annotator="alice\n")])
    message = _refused(tmp_path, project, "import", str(feed))
    assert message.startswith(f"{feed}: annotator 'alice\\n' is not a valid annotator name")


def test_a_stance_label_the_project_does_not_have(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    task = prodigy_task(ARTICLE, "n1")
    task["spans"][0]["stance"] = "sceptical"
    feed = write_jsonl(tmp_path / "feed.jsonl", [task])
    message = _refused(tmp_path, project, "import", str(feed), "--annotator", "alice")
    assert message == (
        f"{feed}: the annotation of document 'n1' is invalid: quote 'q1' has unknown stance label 'sceptical'."
    )


def test_an_hf_dataset_with_a_stance_that_is_a_number(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    quote = {"id": "q1", "start": 1, "end": 5, "kind": "direct", "stance": 2}
    table = pa.Table.from_pylist([{"id": "h1", "text": ARTICLE, "mentions": [], "quotes": [quote]}])
    pq.write_table(table, tmp_path / "news.parquet")
    project = new_project(tmp_path / "p")
    message = _refused(tmp_path, project, "import", str(tmp_path / "news.parquet"))
    assert message.startswith(f"{tmp_path / 'news.parquet'} (row 1): the annotation columns do not have the types")
    assert "Expected `str | null`, got `int` - at `$.quotes[0].stance`" in message
