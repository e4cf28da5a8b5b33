"""``commands.suggest`` in-process (the model is already loaded by the session fixtures)."""

from __future__ import annotations

from corpus_tui.commands.suggest import suggest
from corpus_tui.core import editing
from corpus_tui.core.model import DocAnnotation


def run_suggest(project, *doc_ids: str, annotator: str = "ann") -> int:
    return suggest(project.root, annotator, doc_ids, model=None, n_process=1, batch_size=4)


def test_done_documents_are_left_alone_unless_named(seed_project, parser_model, capsys):
    first, second = seed_project.documents()
    with seed_project.open_journal("ann") as journal:
        journal.save(editing.set_status(DocAnnotation.empty(first, "ann"), "done"))
    assert run_suggest(seed_project) == 0
    out = capsys.readouterr().out
    assert "1 done/skipped left alone" in out
    latest = seed_project.read_annotations("ann")
    assert latest[first.id].quotes == () and latest[first.id].rev == 1
    assert latest[second.id].quotes
    assert run_suggest(seed_project, first.id) == 0
    latest = seed_project.read_annotations("ann")
    assert latest[first.id].quotes and latest[first.id].status == "done"


def test_resuggest_after_accept_and_reject_in_the_journal(seed_project, parser_model, capsys):
    doc = seed_project.documents()[0]
    assert run_suggest(seed_project, doc.id) == 0
    ann = seed_project.read_annotations("ann")[doc.id]
    accepted = editing.accept(ann, ann.quotes[0].id)
    edited = editing.reject(accepted, ann.quotes[1].id)
    with seed_project.open_journal("ann") as journal:
        journal.save(edited)
    capsys.readouterr()
    assert run_suggest(seed_project, doc.id) == 0
    assert "0 updated, 1 unchanged" in capsys.readouterr().out
    after = seed_project.read_annotations("ann")[doc.id]
    assert after == seed_project.read_annotations("ann")[doc.id]
    assert after.rev == 2
    assert after.quotes[0].origin == "accepted"
    assert (ann.quotes[1].start, ann.quotes[1].end) not in {(q.start, q.end) for q in after.quotes}


def test_config_model_is_used_when_no_model_is_given(seed_project, blank_model, capsys):
    config = seed_project.root / "corpus-tui.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('"en_core_web_sm"', '"blank:en"'), encoding="utf-8")
    assert run_suggest(seed_project, annotator="cfg") == 0
    captured = capsys.readouterr()
    assert "with blank:en" in captured.out
    assert "no spaCy pipeline with a parser is installed" in captured.err
