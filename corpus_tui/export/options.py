"""What an export takes: one value object shared by ``export``, ``push`` and the TUI palette.

The CLI parses strings into it once; the exporter, the pusher and the palette pass it on
whole, so a new option is one field here and one flag in the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus_tui.export.splits import parse_split

#: the formats ``export --format`` writes (the registry in ``export.writers`` has one writer each)
FORMATS: tuple[str, ...] = ("hf", "jsonl", "spacy", "prodigy")
#: which documents: those marked done, or every annotated one
STATUS_CHOICES: tuple[str, ...] = ("done", "all")
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
