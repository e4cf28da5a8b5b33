"""What a training run may be told: the split, time, seed and the size of the network.

The defaults are what ``corpus-tui train`` uses; README's "Training a model" gives the
figures they were chosen by (``bench/bench_train.py``). ``TINY`` is a network small
enough to train in seconds, for tests and for trying the command on a handful of
documents; it learns little.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus_tui.core.errors import CorpusError

#: how the span networks start: from the installed pipeline's token encoder, or random
STARTS: tuple[str, ...] = ("sm", "scratch")


@dataclass(frozen=True)
class TrainSettings:
    """One training run's settings (``--eval-split``, ``--max-minutes``, ``--seed``, ``--n-process``)."""

    #: share of documents held out to tune (epoch, stance threshold), and as much again to score
    eval_split: float = 0.2
    #: stop after this long (None: only ``max_epochs`` and ``patience`` stop it)
    max_minutes: float | None = 30.0
    seed: int = 0
    #: processes parsing the held-out documents for the scores
    n_process: int = 1
    #: "sm": copy the installed pipeline's token encoder into the new components; "scratch": random
    start: str = "sm"
    max_epochs: int = 30
    #: epochs without a better score on the tuning documents before stopping
    patience: int = 6
    batch_size: int = 4
    dropout: float = 0.1
    #: the token encoder of the span components when starting from scratch
    width: int = 96
    depth: int = 4
    rows: tuple[int, ...] = (5000, 1000, 2500, 2500, 50, 50)
    #: the span finder proposes a boundary at this probability (low: more candidates to label)
    finder_threshold: float = 0.3
    #: a stance is suggested when stances this sure were right this often on the tuning documents
    stance_precision: float = 0.8
    #: a quote only the model finds is suggested when such quotes this sure were right this
    #: often (lower than for stance: a wrong quote costs one key to reject, a missed one 20-30 to mark)
    quote_precision: float = 0.5

    def checked(self) -> TrainSettings:
        """The settings, or one sentence about the first value a user cannot mean."""
        if not 0 < self.eval_split < 0.5:
            raise CorpusError(
                f"--eval-split {self.eval_split:g} must be between 0 and 0.5: that share of the documents is "
                "held out to tune the model and as much again to score it."
            )
        if self.max_minutes is not None and self.max_minutes <= 0:
            raise CorpusError("--max-minutes must be a positive number of minutes.")
        if self.n_process < 1:
            raise CorpusError("--n-process must be at least 1.")
        if self.start not in STARTS:
            raise CorpusError(f"start must be one of {', '.join(STARTS)}, not {self.start!r}.")
        return self


#: seconds, not minutes: for tests and a first look (an encoder of width 32, one layer, 3 epochs)
TINY = TrainSettings(start="scratch", width=32, depth=1, rows=(500, 100, 250, 250, 10, 10), max_epochs=3, patience=3)
