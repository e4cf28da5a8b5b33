"""``corpus-tui evaluate``: precision, recall and F1 of one journal against another, or of
what a model (``--model models/NAME``) or the rules (``--model rules``) would suggest."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from corpus_tui.commands.output import json_text, warn

if TYPE_CHECKING:
    from corpus_tui.core.project import Project
    from corpus_tui.review.evaluation import Evaluation

#: ``--model rules``: the rules alone, on the project's parser pipeline
RULES = "rules"


def evaluate(
    project_dir: Path, gold: str, pred: str | None = None, *, as_json: bool = False, model: str | None = None
) -> int:
    from corpus_tui.core.project import Project
    from corpus_tui.review.evaluation import evaluate_project, format_evaluation

    project = Project.load(project_dir)
    if model is not None:
        ev, name = evaluate_model(project, gold, model)
    else:
        assert pred is not None  # the parser requires --pred or --model
        ev, name = evaluate_project(project, gold, pred), pred
    if ev.documents == 0:
        warn([f"{gold} and {name} have no (non-stale) document in common."])
    if as_json:
        print(json_text({"gold": gold, "pred": name, **ev.to_dict()}))
    else:
        print(format_evaluation(ev, gold, name))
    return 0


def evaluate_model(project: Project, gold_name: str, model: str) -> tuple[Evaluation, str]:
    """What ``suggest --model`` would write, scored on ``gold_name``'s done documents; a
    trained model is not scored on the documents it was trained or tuned on."""
    from corpus_tui.core.errors import CorpusError
    from corpus_tui.core.model import DocAnnotation, Status
    from corpus_tui.review.evaluation import evaluate_triples
    from corpus_tui.suggest.merge import merge_suggestions
    from corpus_tui.suggest.names import NameSpellings
    from corpus_tui.suggest.pipeline import document_target, load_model, suggestions_for_doc

    if gold_name not in project.annotators():
        raise CorpusError(f"No journal for annotator {gold_name!r} in {project.annotations_dir}.")
    loaded = load_model(project.config.model if model == RULES else model, root=project.root)
    warn(loaded.warnings)
    if model == RULES:
        loaded.trained = None
    seen = set(loaded.trained.trained_on) if loaded.trained is not None else set()
    documents = project.document_map()
    gold = {i: a for i, a in project.read_annotations(gold_name).items() if a.status == Status.DONE and i in documents}
    left_out = sorted(seen & set(gold))
    if left_out:
        warn([f"left out {len(left_out)} document(s) {loaded.name} was trained or tuned on."])
    todo = [(documents[i], gold[i]) for i in sorted(gold) if i not in seen]
    spellings = NameSpellings.from_texts(d.text for d in project.documents())
    parsed = loaded.nlp.pipe(d.text for d, _ in todo)
    triples = []
    for (document, ann), doc in zip(todo, parsed, strict=True):
        found = suggestions_for_doc(doc, loaded, spellings, document_target(ann, project.config.default_target))
        triples.append((document, ann, merge_suggestions(DocAnnotation.empty(document, loaded.name), found)))
    return evaluate_triples(triples), (RULES if model == RULES else loaded.name)
