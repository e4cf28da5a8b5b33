"""Case 1: an edit the title shows as saved survives a ``kill -9`` at any moment after.

The title says "saved" only once the fsync has returned (the session saves before the
frame that shows the edit). A real ``corpus-tui`` in a pty gets stance edits; after each
edit's frame we note what the title says, and a ``kill -9`` at a random moment (sometimes
with one more key on its way) must leave every edit shown as saved in the journal.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from corpus_tui.core.journal_reader import read_journal

from .conftest import ANNOTATOR, LABELS, build_project
from .terminal import SAVED, Tui

RUNS = 4


def test_every_edit_shown_as_saved_survives_kill_9(tmp_path: Path) -> None:
    rng = random.Random(11)
    for run in range(RUNS):
        project = build_project(tmp_path / f"run{run}")
        tui = Tui(project.root, ANNOTATOR)
        shown_saved: list[str] = []  # the stance of each edit whose frame said "saved"
        try:
            tui.open_first_document()
            stance_key = 0
            for _ in range(rng.randint(2, 6)):
                stance_key = stance_key % len(LABELS) + 1  # 1, 2, 3, 1, …: every key changes the stance
                mark = tui.press(str(stance_key))
                tui.wait_for(LABELS[stance_key - 1].encode(), after=mark)  # the edit's frame
                if tui.save_state() == SAVED:
                    shown_saved.append(LABELS[stance_key - 1])
            if rng.random() < 0.5:
                tui.press(str(stance_key % len(LABELS) + 1))  # one more edit, maybe not shown yet
            time.sleep(rng.uniform(0, 0.02))
            tui.kill9()
        finally:
            tui.close()
        assert shown_saved, "no edit was ever shown as saved"
        alpha = read_journal(project.journal_path(ANNOTATOR)).latest["alpha"]
        # one journal line per edit: revision 1 is the fixture's, edit n is revision n + 1
        assert alpha.rev >= 1 + len(shown_saved), (run, alpha.rev, shown_saved)
        if alpha.rev == 1 + len(shown_saved):
            assert alpha.quotes[0].stance == shown_saved[-1]
