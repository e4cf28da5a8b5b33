"""What a training run did, for the command's summary and the model card."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corpus_tui.suggest.trained import TrainedInfo
from corpus_tui.train.gold import GoldSplit
from corpus_tui.train.loop import LoopResult
from corpus_tui.train.scores import HeldOut
from corpus_tui.train.settings import TrainSettings


@dataclass
class TrainReport:
    """What a run did: where the model is, what it learnt from, how it scored."""

    output: Path
    output_arg: str  # the folder as the user names it in the project ("models/NAME")
    project_name: str
    date: str
    split: GoldSplit
    settings: TrainSettings
    loop: LoopResult
    held_out: HeldOut
    info: TrainedInfo
