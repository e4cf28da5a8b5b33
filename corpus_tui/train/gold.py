"""Which finished documents a model learns from, is tuned on and is scored on.

The split is the export's stable hash of the document id (``export.splits``, seed 0) with
shares ``1 - 2e``, ``e``, ``e`` for ``--eval-split e``: train, validation (the epoch to
keep and the stance threshold are chosen here) and test (the scores reported, never seen
before). So the documents a model is scored on are the export's held-out ones, adding
documents never moves old ones between the parts, and ``--seed`` changes the training,
not what it is scored on. With ``e = 0.2`` this is the division of the attribution test
corpus (tests/data/attribution) the rules were developed on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.journal_reader import is_stale
from corpus_tui.core.model import DocAnnotation, Document, Status
from corpus_tui.core.project import Project
from corpus_tui.export.select import choose_annotator
from corpus_tui.export.splits import Splitter

#: what there must be to learn from: documents and quotes in the training part
MIN_TRAIN_DOCUMENTS = 8
MIN_TRAIN_QUOTES = 20

Pair = tuple[Document, DocAnnotation]


@dataclass
class GoldSplit:
    """An annotator's done, non-stale documents in the three parts."""

    annotator: str
    train: list[Pair] = field(default_factory=list)
    validation: list[Pair] = field(default_factory=list)
    test: list[Pair] = field(default_factory=list)

    def part(self, name: str) -> list[Pair]:
        return {"train": self.train, "validation": self.validation, "test": self.test}[name]


def gold_split(project: Project, annotator: str | None, eval_split: float) -> GoldSplit:
    """The annotator's gold in train/validation/test, or one sentence on why there is too little."""
    if not project.annotators():
        raise CorpusError(f"Nothing to train on: {project.annotations_dir} has no annotation journals yet.")
    who = choose_annotator(project, annotator)
    documents = project.document_map()
    splitter = Splitter((1 - 2 * eval_split, eval_split, eval_split), seed=0)
    split = GoldSplit(who)
    for doc_id, ann in sorted(project.read_annotations(who).items()):
        document = documents.get(doc_id)
        if document is None or ann.status != Status.DONE or is_stale(ann, document):
            continue
        part = {"train": split.train, "validation": split.validation, "test": split.test}[splitter.split_of(doc_id)]
        part.append((document, ann))
    _enough(split, eval_split)
    return split


def _enough(split: GoldSplit, eval_split: float) -> None:
    quotes = sum(len(ann.quotes) for _, ann in split.train)
    if len(split.train) >= MIN_TRAIN_DOCUMENTS and quotes >= MIN_TRAIN_QUOTES and split.validation and split.test:
        return
    done = len(split.train) + len(split.validation) + len(split.test)
    raise CorpusError(
        f"Too little gold to train: {split.annotator!r} has {done} done document(s), of which {len(split.train)} "
        f"({quotes} quotes) are left to learn from after holding out {eval_split:.0%} to tune "
        f"({len(split.validation)}) and {eval_split:.0%} to score ({len(split.test)}); training needs at least "
        f"{MIN_TRAIN_DOCUMENTS} documents with {MIN_TRAIN_QUOTES} quotes to learn from and one document in each "
        "held-out part."
    )
