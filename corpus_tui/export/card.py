"""The dataset card (``README.md``): YAML metadata the hub and ``datasets`` read, and a page people read.

The YAML declares every config with its data files and features, so loading does not
depend on guessing from file names, and the split sizes, which ``datasets`` checks on
load. The prose says what was annotated and how, with label counts per split, because a
dataset without its guidelines cannot be trusted or extended.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus_tui.core.model import KINDS
from corpus_tui.core.project import GOLD
from corpus_tui.core.text import terminal_safe
from corpus_tui.export.hf import shard_path
from corpus_tui.export.options import ExportStatus
from corpus_tui.export.rows import NO_STANCE, TABLES, ExportConfig, stance_names
from corpus_tui.export.select import Item

MARKER = "Exported by corpus-tui"


@dataclass
class SplitTally:
    documents: int = 0
    quotes: int = 0
    mentions: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    stances: Counter[str] = field(default_factory=Counter)
    doc_stances: Counter[str] = field(default_factory=Counter)
    speakers: set[str] = field(default_factory=set)
    with_speaker: int = 0


@dataclass
class Tally:
    """Label statistics per split, gathered while the export streams."""

    splits: dict[str, SplitTally] = field(default_factory=dict)

    @property
    def documents(self) -> int:
        return sum(t.documents for t in self.splits.values())

    def add(self, split: str, item: Item) -> None:
        t = self.splits.setdefault(split, SplitTally())
        ann = item.annotation
        t.documents += 1
        t.quotes += len(ann.quotes)
        t.mentions += len(ann.mentions)
        for q in ann.quotes:
            t.kinds[q.kind] += 1
            t.stances[q.stance or NO_STANCE] += 1
            speaker = ann.speaker_of(q)
            if speaker:
                t.with_speaker += 1
        t.speakers.update(m.entity for m in ann.mentions)
        if ann.doc_stance is not None:
            t.doc_stances[ann.doc_stance.stance] += 1


@dataclass
class CardInfo:
    name: str
    license: str
    language: str
    annotator: str
    annotators: list[str]
    status: str
    stance_labels: tuple[str, ...]
    targets: tuple[str, ...]
    splits: list[str]
    rows: dict[str, dict[str, int]]
    features: dict[str, Any]
    tally: Tally
    alignment_note: str = ""


def size_category(n: int) -> str:
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < limit:
            return name
    return "1M<n<10M"


def metadata(info: CardInfo, out_dir: Path) -> dict[str, Any]:
    from datasets import DatasetInfo

    configs, infos = [], []
    for config, split_rows in info.rows.items():
        splits = [s for s in info.splits if s in split_rows]
        entry: dict[str, Any] = {
            "config_name": config,
            "data_files": [{"split": s, "path": shard_path(config, s)} for s in splits],
        }
        if config == ExportConfig.QUOTES:
            entry["default"] = True
        configs.append(entry)
        yaml_info = DatasetInfo(features=info.features[config])._to_yaml_dict()
        infos.append(
            {
                "config_name": config,
                "features": yaml_info["features"],
                "splits": [
                    {
                        "name": s,
                        "num_bytes": (out_dir / shard_path(config, s)).stat().st_size,
                        "num_examples": split_rows[s],
                    }
                    for s in splits
                ],
            }
        )
    return {
        "license": info.license,
        "language": [info.language],
        "task_categories": ["token-classification", "text-classification"],
        "size_categories": [size_category(info.tally.documents)],
        "pretty_name": info.name,
        "tags": ["quotation-attribution", "stance-detection", "news", "corpus-tui"],
        "configs": configs,
        "dataset_info": infos,
    }


def render(info: CardInfo, out_dir: Path) -> str:
    """The card, with no raw control, bidi or zero-width character in it: the YAML keeps
    every value exact (``datasets`` checks label names against the data) by escaping them,
    and the page shows them visibly (``terminal_safe``), as the terminal does."""
    page = terminal_safe(body(info), keep="\n")
    return f"---\n{_yaml(metadata(info, out_dir))}---\n\n{page}"


def _yaml(data: dict[str, Any]) -> str:
    """YAML with non-ASCII text as it is, unless a value holds a character that ``terminal_safe``
    replaces: then every non-ASCII character is escaped (PyYAML writes bidi characters raw)."""
    import yaml

    head = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    if terminal_safe(head, keep="\n") != head:
        head = yaml.safe_dump(data, sort_keys=False, allow_unicode=False, width=1000)
    return head


def _table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def body(info: CardInfo) -> str:
    """The page people read: what was annotated and how, the configs, counts, how to load it."""
    splits = [s for s in info.splits if s in info.tally.splits]
    return f"""# {info.name}

{_intro(info, splits)}

## What was annotated (guidelines)

{_guidelines(info)}

## Configs

{_configs(info)}

Splits are fixed by a hash of the document id: adding documents never moves old ones.

### Rows

{_table(["config", *splits], [[config, *(info.rows[config].get(s, 0) for s in splits)] for config in info.rows])}

### Label counts

{_label_counts(info, splits)}

## How to load it

```python
from datasets import load_dataset

quotes = load_dataset("{LOAD_PLACEHOLDER}", "quotes")
print(quotes["{splits[0] if splits else "train"}"][0])
```

{LOAD_HINT.format(slug=_slug(info.name))}

## License

{info.license}
"""


def _intro(info: CardInfo, splits: list[str]) -> str:
    t = info.tally.splits
    total_docs = sum(t[s].documents for s in splits)
    total_quotes = sum(t[s].quotes for s in splits)
    speakers = set().union(*(t[s].speakers for s in splits)) if splits else set()
    status = "documents marked *done* only" if info.status == ExportStatus.DONE else "documents in any status"
    adjudicated = " (adjudicated from the annotators' work)" if info.annotator == GOLD else ""
    return f"""News articles annotated for **who speaks, what they say, and what stance they take**:
speaker mentions grouped into entities, quotes (direct, indirect, mixed) with their cue
verb, and the stance of each quote toward a target. {_count(total_docs, "document")},
{_count(total_quotes, "quote")}, {_count(len(speakers), "distinct speaker")}.

The annotations are those of **{info.annotator}**{adjudicated},
{status}. Annotators in the project: {", ".join(info.annotators)}. {MARKER}."""


def _guidelines(info: CardInfo) -> str:
    targets = ", ".join(f"“{x}”" for x in info.targets) if info.targets else "set per quote by the annotators"
    return f"""- **Quote**: the reported content. For a *direct* quote the span is the text inside the
  quotation marks (without them); an *indirect* quote is a paraphrase (the clause after
  "said that…"); a *mixed* quote is a paraphrase containing a quoted fragment. A quote may
  lie wholly inside another (a nested attribution: `nested_in`, `nested_quote_tags`) but
  never overlaps one in part.
- **Cue**: the speech verb that introduces the quote (said, told, added, warned…).
- **Speaker**: the mention that says it ("John Kirby", "Kirby", "he"), linked to an
  entity: the canonical full name, shared across articles.
- **Stance**: of the quote toward a target, one of {", ".join(info.stance_labels)}; `{NO_STANCE}`
  when not annotated. Targets: {targets}.
- Spans are character offsets into `text` (Python string indices, end exclusive) and
  were made by people; suggestions from a spaCy pre-annotator are included only once a
  person accepted or edited them."""


def _configs(info: CardInfo) -> str:
    """One line per config, as its column table describes it (``rows.TABLES``)."""
    return "\n".join(f"- `{table.name}` — {table.card}" for table in TABLES.values()) + info.alignment_note


def _label_counts(info: CardInfo, splits: list[str]) -> str:
    t = info.tally.splits
    counts = [
        ["documents", *(t[s].documents for s in splits)],
        ["quotes", *(t[s].quotes for s in splits)],
        *([f"kind: {k}", *(t[s].kinds[k] for s in splits)] for k in KINDS),
        *([f"stance: {label}", *(t[s].stances[label] for s in splits)] for label in stance_names(info.stance_labels)),
        ["quotes with a speaker", *(t[s].with_speaker for s in splits)],
        ["speaker mentions", *(t[s].mentions for s in splits)],
        ["distinct speakers", *(len(t[s].speakers) for s in splits)],
        *(
            [f"document stance: {label}", *(t[s].doc_stances[label] for s in splits)]
            for label in info.stance_labels
            if any(t[s].doc_stances[label] for s in splits)
        ),
    ]
    return _table(["", *splits], counts)


LOAD_PLACEHOLDER = "REPO_OR_FOLDER"
LOAD_HINT = "Replace `REPO_OR_FOLDER` with the hub id (`user/{slug}`) or the exported folder."


def card_for_repo(card: str, repo_id: str) -> str:
    """The card as pushed to ``repo_id``: its loading example names the repository."""
    hint = LOAD_HINT.split("(", 1)[0]
    card = "\n".join(line for line in card.split("\n") if not line.startswith(hint))
    card = card.replace("```\n\n\n", "```\n\n")
    return card.replace(f'load_dataset("{LOAD_PLACEHOLDER}"', f'load_dataset("{repo_id}"')


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in name).strip("-") or "dataset"
