"""Property: any sequence of saves, reopens, compactions and torn writes reopens to the state
of the last completed saves (1,000 random edit sequences per run)."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_tui.core.journal_reader import read_journal
from corpus_tui.core.model import DocAnnotation, DocStance, Mention, Quote, Rejected
from corpus_tui.core.store import Journal

DOC_IDS = ("a", "b", "doc-3", "x.4")
MAINTENANCE = (None, None, None, None, "reopen", "compact", "torn")
# free text goes into JSON strings: include what could confuse a line-based reader
ALPHABET = 'ab "{}[]\\\n\r\u2028—“”Ким😀,:'


def build(seed: int) -> DocAnnotation:
    """A random annotation from a drawn seed: hypothesis drawing every field separately made
    generation, not the journal, the cost of this test."""
    rng = random.Random(seed)

    def text() -> str:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(12)))

    mentions = tuple(
        Mention(f"m{i}", s, s + rng.randint(1, 9), text() or "X", rng.choice(("manual", "accepted")))
        for i, s in enumerate(rng.sample(range(500), rng.randrange(4)))
    )
    quotes = tuple(
        Quote(
            f"q{i}",
            s,
            s + rng.randint(1, 50),
            rng.choice(("direct", "indirect", "mixed")),
            rng.choice([None, *(m.id for m in mentions)]),
            rng.choice((None, (rng.randrange(10), rng.randint(11, 20)))),
            rng.choice((None, "favor", "against", "neutral")),
            rng.choice((None, text())),
            rng.choice(("manual", "suggested", "accepted")),
        )
        for i, s in enumerate(rng.sample(range(500), rng.randrange(5)))
    )
    return DocAnnotation(
        doc_id=rng.choice(DOC_IDS),
        text_sha256=rng.choice(("0" * 64, "f" * 64)),
        annotator="whoever",
        status=rng.choice(("todo", "in_progress", "done", "flagged")),
        mentions=mentions,
        quotes=quotes,
        doc_stance=rng.choice((None, DocStance(rng.choice(("favor", "neutral")), rng.choice((None, text()))))),
        note=text(),
        rejected=tuple(Rejected("quote", rng.randrange(10), rng.randint(10, 20)) for _ in range(rng.randrange(3))),
    )


EDITS = st.lists(st.tuples(st.integers(0, 2**32).map(build), st.sampled_from(MAINTENANCE)), min_size=5, max_size=30)


def test_random_edit_sequences_reopen_to_the_same_state() -> None:
    edits_run = [0]
    sequences_run = [0]

    @settings(
        max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
    )
    @given(EDITS)
    def run(edits: list[tuple[DocAnnotation, str | None]]) -> None:
        sequences_run[0] += 1
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "alice.jsonl"
            expected: dict[str, DocAnnotation] = {}
            journal = Journal.open(path, "alice")
            try:
                for ann, action in edits:
                    saved = journal.save(ann)
                    previous = expected.get(ann.doc_id)
                    assert saved.rev == (previous.rev + 1 if previous else 1)
                    expected[ann.doc_id] = saved
                    edits_run[0] += 1
                    if action == "compact":
                        journal.compact()
                    elif action in ("reopen", "torn"):
                        journal.close()
                        if action == "torn":  # a crash while writing the next save
                            torn = saved.to_dict() | {"rev": saved.rev + 1}
                            with path.open("ab") as handle:
                                handle.write(repr(torn).encode()[: len(repr(torn)) // 2])
                        journal = Journal.open(path, "alice")
                        assert journal.latest == expected
                        assert len(journal.warnings) == (1 if action == "torn" else 0)
                    assert journal.latest == expected
            finally:
                journal.close()
            assert read_journal(path, strict=True).latest == expected
            with Journal.open(path, "alice") as reopened:
                assert reopened.latest == expected
                assert reopened.warnings == []

    run()
    assert sequences_run[0] >= 1000 and edits_run[0] >= 5000
