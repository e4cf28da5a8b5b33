"""``corpus-tui validate``: every journal checked against the documents it annotates, and
for records of one document that two writers saved.

``--strict`` also holds every document an annotator marked done to the guidelines'
definition of done (CONTRIBUTING "Status"): every quote has its speaker, its stance and,
where a speech verb stands, its cue, and no suggestion is left undecided — the same test
``d`` makes in the TUI (``core.review_queue.completeness``). Documents not marked done
are work in progress and not held to it; nor is the suggester's journal, which is all
undecided suggestions by design.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.journal_reader import is_stale, read_journal
from corpus_tui.core.model import DocAnnotation, Document, Status, validation_errors
from corpus_tui.core.project import Project
from corpus_tui.core.review_queue import Need, completeness
from corpus_tui.core.text import terminal_safe


@dataclass
class ValidationReport:
    checked: int = 0
    journals: int = 0
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def problem(self, message: str) -> None:
        """One problem, one line: ids and reasons quote journal files, so ``terminal_safe``."""
        self.problems.append(terminal_safe(message))


def validate_project(project: Project, strict: bool = False) -> ValidationReport:
    report = ValidationReport()
    documents = project.document_map()
    labels = project.config.stance_labels
    for name in project.annotators():
        path = project.journal_path(name)
        rel = path.relative_to(project.root) if path.is_relative_to(project.root) else path
        try:
            contents = read_journal(path, strict=True)
        except CorpusError as exc:
            report.problem(str(exc))
            continue
        report.journals += 1
        report.warnings.extend(contents.warnings)
        # two writers on one journal (a lock bypassed, two clones merged): one may have lost edits
        for c in contents.conflicts:
            report.problem(
                f"{rel}:{c.line}: {c.describe()}; check that document, save the right version again, "
                "then 'corpus-tui compact' removes the older lines."
            )
        for doc_id, ann in contents.latest.items():
            report.checked += 1
            doc = documents.get(doc_id)
            if doc is None:
                report.problem(f"{rel}: document {doc_id!r} is not in the project.")
                continue
            if ann.annotator != name:
                report.problem(f"{rel}: {doc_id}: annotator is {ann.annotator!r}, expected {name!r}.")
            reasons = validation_errors(ann, doc, labels)
            if strict and name != project.config.suggest_annotator and not reasons:
                reasons = incompleteness(ann, doc)
            for reason in reasons:
                report.problem(f"{rel}: {doc_id}: {reason}.")
    return report


def incompleteness(ann: DocAnnotation, document: Document) -> list[str]:
    """Why a document marked done is not complete, one reason per quote (none when it is
    not marked done, or its text changed since)."""
    if ann.status != Status.DONE or is_stale(ann, document):
        return []
    state = completeness(ann, document.text)
    reasons = [
        f"marked done, but quote {item.id} ({item.start}-{item.end}) lacks {_and(item.needs)}"
        for item in state.incomplete
    ]
    if state.undecided:
        reasons.append(f"marked done, but {state.undecided_clause()}")
    return reasons


def _and(needs: tuple[Need, ...]) -> str:
    words = [f"its {need}" for need in needs]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
