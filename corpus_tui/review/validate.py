"""``corpus-tui validate``: every journal checked against the documents it annotates, and
for records of one document that two writers saved."""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus_tui.core.errors import CorpusError
from corpus_tui.core.journal_reader import read_journal
from corpus_tui.core.model import validation_errors
from corpus_tui.core.project import Project
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


def validate_project(project: Project) -> ValidationReport:
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
        report.problems.extend(
            f"{rel}:{c.line}: {c.describe()}; check that document, save the right version again, "
            "then 'corpus-tui compact' removes the older lines."
            for c in contents.conflicts
        )
        for doc_id, ann in contents.latest.items():
            report.checked += 1
            doc = documents.get(doc_id)
            if doc is None:
                report.problem(f"{rel}: document {doc_id!r} is not in the project.")
                continue
            if ann.annotator != name:
                report.problem(f"{rel}: {doc_id}: annotator is {ann.annotator!r}, expected {name!r}.")
            for reason in validation_errors(ann, doc, labels):
                report.problem(f"{rel}: {doc_id}: {reason}.")
    return report
