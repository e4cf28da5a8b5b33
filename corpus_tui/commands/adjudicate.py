"""``corpus-tui adjudicate``: agreed items straight into gold, then a review of the disputes.

The review itself is a screen; the CLI passes it in as ``review`` (``tui.launch``), so this
command stays free of Textual and a script or a test can run the agreed-items part alone.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from corpus_tui.commands.output import warn
from corpus_tui.core.model import Status

if TYPE_CHECKING:
    from corpus_tui.core.project import Project
    from corpus_tui.core.store import Journal
    from corpus_tui.review.adjudication import DocReview

#: opens the review of ``disputed`` on the locked gold journal; returns the exit status
Reviewer = Callable[["Project", "Journal", "list[DocReview]", "list[str]"], int]
#: checks, before the gold journal is locked, that a review can be shown (a terminal)
Precheck = Callable[[], None]


def adjudicate(
    project_dir: Path,
    annotators: Sequence[str] | None,
    review: Reviewer,
    can_review: Precheck = lambda: None,
) -> int:
    """Write agreed items to gold, then ``review`` the disputes (if any)."""
    from corpus_tui.core.project import GOLD, Project
    from corpus_tui.review.adjudication import find_reviews, write_auto_gold

    project = Project.load(project_dir)
    reviews, warnings = find_reviews(project, list(annotators) if annotators is not None else None)
    warn(warnings)
    if not reviews:
        print("Nothing to adjudicate: no document is annotated by two of these annotators yet.")
        return 0
    disputed = [r for r in reviews if r.disputed]
    if disputed:
        can_review()
    journal = project.open_journal(GOLD)
    try:
        written = write_auto_gold(journal, reviews)
        if written:
            print(f"Wrote the agreed items of {len(written)} document(s) to the gold journal.", file=sys.stderr)
        if not disputed:
            print(f"No disagreements: {len(reviews)} document(s) agree, and gold has them.")
            return 0
        result = review(project, journal, disputed, [*warnings, *journal.warnings])
        done = sum(1 for r in disputed if (g := journal.get(r.doc_id)) is not None and g.status == Status.DONE)
        print(f"Gold: {done} of {len(disputed)} disputed document(s) done ({journal.path}).")
    finally:
        journal.close()
    return result
