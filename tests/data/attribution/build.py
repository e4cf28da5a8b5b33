"""Build the attribution test corpus from its marked-up sources: documents and gold journal.

Why a markup: the gold of 50 articles written by hand would be thousands of character
offsets typed by hand, and one slip shifts every span after it. Each source in ``src/``
is the article with its annotations written inline, so what is marked can be read (and
reviewed) in place, and this script turns it into the project's files:

- ``documents/<id>.txt``: the plain article;
- ``annotations/gold.jsonl``: one ``done`` DocAnnotation per article, annotator ``gold``;
- ``corpus-tui.toml``: the project, its targets in the order the articles first use them.

A source starts with header lines (``# target: ...``, ``# doc_stance: ...``,
``# outlet: ...``), then the text, in which

- ``{qN K S|content}`` is quote N: kind K (``d`` direct, ``i`` indirect, ``m`` mixed),
  stance S (``f`` favor, ``a`` against, ``n`` neutral); ``{qN K S t=Target|...}`` for a
  target other than the article's;
- ``{cN,M|said}`` is the cue of quotes N and M (a split quote shares its cue);
- ``{mN,M Entity Name|Kirby}`` is the speaker mention of quotes N and M.

Marks nest (a parenthetical attribution's mention and cue sit inside its quote). Every
quote gets exactly one cue and one mention, as the guidelines ask; the script refuses a
source that breaks that rule or overlaps two quotes, so the gold always validates.

Run from the repository: ``.venv/bin/python tests/data/attribution/build.py`` (``--check``
only compares with the committed files; ``tests/train/test_attribution_data.py`` does).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from corpus_tui.core.journal_reader import journal_line  # noqa: E402
from corpus_tui.core.model import DocAnnotation, DocStance, Document, Mention, Quote, validation_errors  # noqa: E402

KINDS = {"d": "direct", "i": "indirect", "m": "mixed"}
STANCES = {"f": "favor", "a": "against", "n": "neutral"}
UPDATED = "2026-01-15T12:00:00.000Z"
_HEADER = re.compile(r"^# (\w+): (.+)$")


@dataclass
class Marked:
    """One annotated source, parsed: the plain text and its spans by number."""

    doc_id: str
    text: str
    header: dict[str, str]
    quotes: dict[int, tuple[int, int, str, str, str | None]] = field(default_factory=dict)
    cues: dict[int, tuple[int, int]] = field(default_factory=dict)
    mentions: list[tuple[int, int, str, tuple[int, ...]]] = field(default_factory=list)


def parse_source(doc_id: str, source: str) -> Marked:
    lines = source.splitlines()
    header: dict[str, str] = {}
    while lines and (m := _HEADER.match(lines[0])):
        header[m.group(1)] = m.group(2).strip()
        lines.pop(0)
    body = "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"
    marked = Marked(doc_id, "", header)
    out: list[str] = []
    stack: list[tuple[str, int]] = []
    pos = 0
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "{":
            bar = body.index("|", i)
            stack.append((body[i + 1 : bar], pos))
            i = bar + 1
            continue
        if ch == "}":
            head, start = stack.pop()
            _add(marked, head, start, pos)
        else:
            out.append(ch)
            pos += 1
        i += 1
    if stack:
        raise ValueError(f"{doc_id}: unclosed mark {stack[-1][0]!r}")
    marked.text = "".join(out)
    return marked


def _numbers(word: str) -> tuple[int, ...]:
    return tuple(int(n) for n in word[1:].split(","))


def _add(marked: Marked, head: str, start: int, end: int) -> None:
    word, _, rest = head.partition(" ")
    if word[0] == "q":
        parts = rest.split(" ", 2)
        target = parts[2][2:] if len(parts) > 2 and parts[2].startswith("t=") else None
        (number,) = _numbers(word)
        if number in marked.quotes:
            raise ValueError(f"{marked.doc_id}: quote {number} marked twice")
        marked.quotes[number] = (start, end, KINDS[parts[0]], STANCES[parts[1]], target)
    elif word[0] == "c":
        for number in _numbers(word):
            if number in marked.cues:
                raise ValueError(f"{marked.doc_id}: quote {number} has two cues")
            marked.cues[number] = (start, end)
    elif word[0] == "m":
        marked.mentions.append((start, end, rest.strip(), _numbers(word)))
    else:
        raise ValueError(f"{marked.doc_id}: unknown mark {head!r}")


def annotation(marked: Marked, document: Document) -> DocAnnotation:
    """The gold DocAnnotation of one parsed source (ids in text order)."""
    target = marked.header["target"]
    mentions = sorted(marked.mentions)
    mention_ids: dict[int, str] = {}
    built_mentions = []
    for index, (start, end, entity, numbers) in enumerate(mentions, 1):
        built_mentions.append(Mention(f"m{index}", start, end, entity))
        for number in numbers:
            if number in mention_ids:
                raise ValueError(f"{marked.doc_id}: quote {number} has two mentions")
            mention_ids[number] = f"m{index}"
    quotes = []
    for index, number in enumerate(sorted(marked.quotes, key=lambda n: marked.quotes[n][:2]), 1):
        start, end, kind, stance, own_target = marked.quotes[number]
        if number not in marked.cues or number not in mention_ids:
            raise ValueError(f"{marked.doc_id}: quote {number} needs a cue and a mention")
        quotes.append(
            Quote(
                f"q{index}",
                start,
                end,
                kind,
                source=mention_ids[number],
                cue=marked.cues[number],
                stance=stance,
                target=own_target or target,
            )
        )
    unknown = (set(marked.cues) | set(mention_ids)) - set(marked.quotes)
    if unknown:
        raise ValueError(f"{marked.doc_id}: cue or mention of unknown quote(s) {sorted(unknown)}")
    doc_stance = DocStance(STANCES[marked.header["doc_stance"][0]], target)
    ann = DocAnnotation(
        doc_id=document.id,
        text_sha256=document.text_sha256,
        annotator="gold",
        rev=1,
        updated=UPDATED,
        status="done",
        mentions=tuple(built_mentions),
        quotes=tuple(quotes),
        doc_stance=doc_stance,
    )
    errors = validation_errors(ann, document)
    if errors:
        raise ValueError(f"{marked.doc_id}: {errors[0]}")
    return ann


def config_text(targets: list[str]) -> str:
    listed = ",\n".join(f'    "{t}"' for t in targets)
    return (
        "# Hand-written news-style articles with gold attributions (tests/data/attribution/build.py\n"
        "# writes this file, documents/ and annotations/ from src/; do not edit them by hand).\n"
        "[project]\n"
        'name = "attribution-test"\n'
        'documents = ["documents/*.txt"]\n'
        'annotations = "annotations"\n\n'
        "[labels]\n"
        'stance = ["favor", "against", "neutral"]\n'
        f"targets = [\n{listed},\n]\n"
    )


def build() -> dict[Path, bytes]:
    """Every file the corpus consists of, by path relative to this folder."""
    files: dict[Path, bytes] = {}
    lines: list[bytes] = []
    targets: list[str] = []
    for path in sorted((HERE / "src").glob("*.txt")):
        marked = parse_source(path.stem, path.read_text(encoding="utf-8"))
        document = Document(id=path.stem, text=marked.text)
        lines.append(journal_line(annotation(marked, document)))
        files[Path("documents") / f"{path.stem}.txt"] = marked.text.encode("utf-8")
        if marked.header["target"] not in targets:
            targets.append(marked.header["target"])
    files[Path("annotations") / "gold.jsonl"] = b"".join(lines)
    files[Path("corpus-tui.toml")] = config_text(targets).encode("utf-8")
    return files


def differences(files: dict[Path, bytes]) -> list[str]:
    """Built files that differ from the committed ones (and committed documents no source makes)."""
    stale = [str(p) for p, data in files.items() if not (HERE / p).is_file() or (HERE / p).read_bytes() != data]
    stale += [str(p.relative_to(HERE)) for p in (HERE / "documents").glob("*.txt") if p.relative_to(HERE) not in files]
    return sorted(stale)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the committed files are up to date")
    args = parser.parse_args()
    files = build()
    if args.check:
        stale = differences(files)
        print("\n".join(stale) if stale else "up to date")
        return 1 if stale else 0
    for old in (HERE / "documents").glob("*.txt"):
        old.unlink()
    for path, data in files.items():
        (HERE / path).parent.mkdir(parents=True, exist_ok=True)
        (HERE / path).write_bytes(data)
    print(f"wrote {len(files) - 2} documents, their gold and corpus-tui.toml")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
