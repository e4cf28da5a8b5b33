"""Small real projects with several annotators' journals, built on disk in tmp dirs."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from msgspec.structs import replace

from corpus_tui.core.model import DocAnnotation, Document, Mention, Quote, text_sha256
from corpus_tui.core.project import Project

#: one short article with four quotes by four speakers (offsets found by substring below)
TEXT = (
    'Kirby said that Russia is a threat. "We will act," Putin said. '
    'Kim noted that talks went well. "No comment," Biden added.'
)
DOC_ID = "doc1"
SPEAKERS = {"Kirby": "John Kirby", "Putin": "Vladimir Putin", "Kim": "Kim Jong Un", "Biden": "Joe Biden"}
#: quote content, kind, speaker mention text, cue (the n-th occurrence of the verb), default stance
QUOTES = [
    ("Russia is a threat", "indirect", "Kirby", ("said", 0), "against"),
    ("We will act,", "direct", "Putin", ("said", 1), "favor"),
    ("talks went well", "indirect", "Kim", ("noted", 0), "favor"),
    ("No comment,", "direct", "Biden", ("added", 0), "neutral"),
]


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def make_project(root: Path, texts: dict[str, str] | None = None) -> Project:
    texts = texts or {DOC_ID: TEXT}
    (root / "docs").mkdir(parents=True)
    (root / "annotations").mkdir()
    for doc_id, text in texts.items():
        (root / "docs" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    (root / "corpus-tui.toml").write_text(
        '[project]\nname = "agree-test"\ndocuments = ["docs/*.txt"]\nannotations = "annotations"\n'
        '[labels]\nstance = ["favor", "against", "neutral"]\ntargets = ["cooperation"]\n',
        encoding="utf-8",
    )
    return Project.load(root)


def annotation(
    annotator: str,
    quotes: Sequence[dict] | None = None,
    text: str = TEXT,
    doc_id: str = DOC_ID,
    status: str = "done",
) -> DocAnnotation:
    """An annotation of TEXT: ``quotes`` are overrides of the QUOTES defaults, by position
    (``{"part": ..., "stance": ..., "entity": ..., "skip": True}``); None: the defaults."""
    overrides = list(quotes) if quotes is not None else [{} for _ in QUOTES]
    mentions: list[Mention] = []
    made: list[Quote] = []
    for i, (base, over) in enumerate(zip(QUOTES, overrides)):
        if over.get("skip"):
            continue
        part, kind, speaker, (verb, nth), stance = base
        start, end = span(text, over.get("part", part))
        m_start, m_end = span(text, speaker)
        mention = Mention(f"m{i + 1}", m_start, m_end, over.get("entity", SPEAKERS[speaker]))
        mentions.append(mention)
        made.append(
            Quote(
                id=f"q{i + 1}",
                start=start,
                end=end,
                kind=over.get("kind", kind),
                source=mention.id,
                cue=over.get("cue", span(text, verb, nth)),
                stance=over.get("stance", stance),
                target="cooperation" if over.get("stance", stance) else None,
                origin=over.get("origin", "manual"),
            )
        )
    return DocAnnotation(
        doc_id=doc_id,
        text_sha256=text_sha256(text),
        annotator=annotator,
        rev=1,
        status=status,
        mentions=tuple(mentions),
        quotes=tuple(made),
    )


def write_journal(project: Project, name: str, anns: Sequence[DocAnnotation]) -> Path:
    path = project.journal_path(name)
    with path.open("w", encoding="utf-8") as handle:
        for ann in anns:
            handle.write(json.dumps(replace(ann, annotator=name).to_dict()) + "\n")
    return path


def read_gold(project: Project) -> list[dict]:
    return [json.loads(line) for line in project.journal_path("gold").read_text(encoding="utf-8").splitlines()]


def seed_variant(project: Project) -> None:
    """alice = the bundled seed gold; bob = the same with five deliberate differences in
    the first article (the second is identical), so the figures can be counted by hand:
    q2 stance against→neutral; q3 cue one character earlier; q4 span 8 characters
    shorter (still ≥50% tokens); q8 left out; q11's speaker mention named 'US officials'."""
    gold = [json.loads(line) for line in project.journal_path("gold").read_text(encoding="utf-8").splitlines()]
    anns = [DocAnnotation.from_dict(d) for d in gold]
    write_journal(project, "alice", anns)
    first = anns[0]
    quotes = list(first.quotes)
    quotes[1] = replace(quotes[1], stance="neutral")
    quotes[2] = replace(quotes[2], cue=(quotes[2].cue[0] - 1, quotes[2].cue[1]))
    quotes[3] = replace(quotes[3], end=quotes[3].end - 8)
    del quotes[7]
    mentions = list(first.mentions)
    assert mentions[8].id == quotes[9].source  # q11 (index 9 after the deletion) uses m9
    mentions[8] = replace(mentions[8], entity="US officials")
    write_journal(project, "bob", [replace(first, quotes=tuple(quotes), mentions=tuple(mentions)), anns[1]])


def document(project: Project, doc_id: str = DOC_ID) -> Document:
    return project.document_map()[doc_id]


def independent_kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa from the confusion matrix (Cohen 1960, eq. 1), written apart from ours."""
    labels = sorted(set(a) | set(b))
    n = len(a)
    matrix = {(x, y): 0 for x in labels for y in labels}
    for x, y in zip(a, b):
        matrix[(x, y)] += 1
    diag = sum(matrix[(x, x)] for x in labels)
    marg = sum(sum(matrix[(x, y)] for y in labels) * sum(matrix[(y, x)] for y in labels) for x in labels)
    return (n * diag - marg) / (n * n - marg)


def independent_alpha(units: list[list[str]]) -> float:
    """Krippendorff's alpha (nominal) from the coincidence matrix (Krippendorff 2011, §B)."""
    o: Counter[tuple[str, str]] = Counter()
    for values in units:
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    o[(c, k)] += 1 / (m - 1)
    n_c: Counter[str] = Counter()
    for (c, _), v in o.items():
        n_c[c] += v
    n = sum(n_c.values())
    disagree = sum(v for (c, k), v in o.items() if c != k)
    expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k)
    return 1 - (n - 1) * disagree / expected
