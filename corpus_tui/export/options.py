"""What an export takes: one value object shared by ``export``, ``push`` and the TUI palette.

The CLI parses strings into it once; the exporter, the pusher and the palette pass it on
whole, so a new option is one field here and one flag in the CLI. The vocabularies
(format, status) are StrEnums: code compares with their members, while the CLI and the
options keep plain strings, so ``--format`` choices and messages read as before. This
module imports nothing heavy: the CLI reads the choices from it at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from corpus_tui.export.splits import parse_split


class ExportFormat(StrEnum):
    """What ``export --format`` writes; ``export.writers.WRITERS`` has one writer each."""

    HF = "hf"
    JSONL = "jsonl"
    SPACY = "spacy"
    PRODIGY = "prodigy"


class ExportStatus(StrEnum):
    """Which documents: those marked done, or every annotated one."""

    DONE = "done"
    ALL = "all"


#: the choices of ``--format`` (plain strings: argparse shows them in its messages)
FORMATS: tuple[str, ...] = tuple(f.value for f in ExportFormat)
#: the choices of ``--status``
STATUS_CHOICES: tuple[str, ...] = tuple(s.value for s in ExportStatus)
DEFAULT_SPLIT: tuple[float, ...] = (0.8, 0.1, 0.1)


@dataclass(frozen=True)
class ExportOptions:
    """Which annotations, how split, in which format."""

    format: str = "hf"
    #: whose annotations (None: gold if present, else the only annotator)
    annotator: str | None = None
    status: str = "done"
    split: tuple[float, ...] = DEFAULT_SPLIT
    seed: int = 0
    include_suggestions: bool = False

    @classmethod
    def parse(
        cls,
        *,
        format: str = "hf",
        annotator: str | None = None,
        status: str = "done",
        split: str = "0.8,0.1,0.1",
        seed: int = 0,
        include_suggestions: bool = False,
    ) -> ExportOptions:
        """Options from the command line's strings; a bad ``--split`` is one sentence."""
        return cls(format, annotator, status, parse_split(split), seed, include_suggestions)
