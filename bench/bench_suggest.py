"""Benchmark: `suggest` throughput against bare `nlp.pipe` on the same texts.

Budget (DESIGN.md): the rules, merging and journal writes of `suggest` add at most 15 %
to the time spaCy itself takes. Both sides run in this process with the same loaded
pipeline and batch size, alternating (bare, suggest, bare, suggest, ...) so that noise
from other processes hits both; the ratio is of the medians. Scaling is reported for
``--n-process 1`` and ``2`` (spaCy's own multiprocessing, which `suggest` uses).

Run: .venv/bin/python bench/bench_suggest.py [--quick] [--docs N] [--runs R]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from corpus_tui.core.model import DocAnnotation, Document  # noqa: E402
from corpus_tui.core.store import Journal  # noqa: E402
from corpus_tui.suggest.names import NameSpellings  # noqa: E402
from corpus_tui.suggest.pipeline import load_model  # noqa: E402
from corpus_tui.suggest.runner import suggest_into_journal  # noqa: E402

BUDGET = 0.15

PEOPLE = [
    "Ellen Marsh",
    "Daniel Ortega",
    "Tom Reyes",
    "Maria Delgado",
    "Anatoly Antonov",
    "John Kirby",
    "Anne Whitfield",
]
ROLES = ["Mayor", "Fire Chief", "Health Secretary", "spokesman", "Governor", "Foreign Minister"]
SENTENCES = [
    '"{q1}," {last} told reporters on {day}. "{q2}"',
    "{role} {name} said that {claim}.",
    "{name}, the {role2} of the agency, warned that {claim}, adding that {claim2}.",
    "“{q1},” added {name}.",
    '{last} described the plan as "{frag}" and said {claim2}.',
    "{claim_cap}, officials said on {day}.",
    "The city council met on {day} to discuss the budget for the next year.",
    "Residents lined up outside the shelter before dawn, many carrying their children.",
    '"{q1}.\n"{q2}," {last} said.',
    "{name} is seen at a press conference in the capital on {day}. (Reuters)",
]
CLAIMS = [
    "the schools would reopen next week",
    "the river would crest again on Thursday",
    "the damage could exceed $20 million",
    "the state would seek federal aid",
    "repairs on the levee would take months",
]
QUOTES = [
    "We are doing everything we can",
    "Nobody expected a storm like this",
    "Our crews have been working around the clock",
    "It was designed for a 100-year flood",
    "We will rebuild, and we will do it together",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def generate_articles(n: int, seed: int = 13) -> list[str]:
    """``n`` news-like articles of 8-14 paragraphs, mixing every kind of quote, plus the seeds."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    articles = []
    for i in range(n):
        if seeds and i % 20 == 0:
            articles.append(seeds[(i // 20) % len(seeds)])
            continue
        paragraphs = []
        for _ in range(rng.randint(8, 14)):
            name = rng.choice(PEOPLE)
            claim = rng.choice(CLAIMS)
            paragraphs.append(
                rng.choice(SENTENCES).format(
                    q1=rng.choice(QUOTES),
                    q2=rng.choice(QUOTES) + ".",
                    name=name,
                    last=name.split()[-1],
                    role=rng.choice(ROLES),
                    role2=rng.choice(["head", "director", "spokeswoman"]),
                    claim=claim,
                    claim2=rng.choice(CLAIMS),
                    claim_cap=claim[0].upper() + claim[1:],
                    frag=rng.choice(["slow but steady", "a gimmick", "productive"]),
                    day=rng.choice(DAYS),
                )
            )
        articles.append("\n".join(paragraphs) + "\n")
    return articles


def time_bare(nlp, texts: list[str], batch_size: int, n_process: int) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - start


def time_suggest(model, documents: list[Document], batch_size: int, n_process: int) -> float:
    """The command's own loop (rules, merge, chunked journal saves) into a fresh journal."""
    with tempfile.TemporaryDirectory() as tmp:
        journal = Journal.open(Path(tmp) / "bench.jsonl", "bench")
        try:
            todo = [(d, DocAnnotation.empty(d, "bench")) for d in documents]
            start = time.perf_counter()
            spellings = NameSpellings.from_texts(d.text for d in documents)  # as run_suggest does
            counts = suggest_into_journal(
                journal,
                todo,
                model,
                batch_size=batch_size,
                n_process=n_process,
                spellings=spellings,
            )
            elapsed = time.perf_counter() - start
        finally:
            journal.close()
    assert counts.changed == len(documents)
    return elapsed


def time_rules(model, documents: list[Document], parsed: list) -> float:
    """Only what `suggest` adds after parsing: rules, merge and chunked saves (no spaCy).

    Immune to noise in the parse itself, so it pins the overhead down when the
    end-to-end ratio wobbles on a busy machine.
    """
    from corpus_tui.suggest.merge import merge_suggestions
    from corpus_tui.suggest.pipeline import suggestions_for_doc
    from corpus_tui.suggest.runner import SAVE_CHUNK

    with tempfile.TemporaryDirectory() as tmp:
        journal = Journal.open(Path(tmp) / "rules.jsonl", "bench")
        try:
            start = time.perf_counter()
            spellings = NameSpellings.from_texts(d.text for d in documents)
            pending = []
            for document, doc in zip(documents, parsed, strict=True):
                found = suggestions_for_doc(doc, model, spellings)
                pending.append(merge_suggestions(DocAnnotation.empty(document, "bench"), found))
                if len(pending) >= SAVE_CHUNK:
                    journal.save_many(pending)
                    pending = []
            if pending:
                journal.save_many(pending)
            return time.perf_counter() - start
        finally:
            journal.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer documents and runs")
    parser.add_argument("--docs", type=int, help="number of articles (default 2000, quick 300)")
    parser.add_argument("--runs", type=int, help="alternating runs per side (default 3, quick 3)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    n_docs = args.docs or (300 if args.quick else 2000)
    runs = args.runs or 3
    model = load_model(args.model)
    texts = generate_articles(n_docs)
    documents = [Document(id=f"doc{i:05d}", text=t) for i, t in enumerate(texts)]
    words = sum(len(t.split()) for t in texts)
    print(f"model {model.name}; {n_docs} articles, {words:,} words; batch size {args.batch_size}; {runs} runs")
    time_bare(model.nlp, texts[:20], args.batch_size, 1)  # warm-up
    rows = []
    # n_process 1: bare and suggest alternate chunk by chunk, so a burst of load from other
    # processes hits both sides alike; the ratio is the median over runs
    chunk = 50
    bare_runs, sugg_runs = [], []
    for run in range(runs):
        bare_total = sugg_total = 0.0
        for index, first in enumerate(range(0, n_docs, chunk)):
            part = slice(first, first + chunk)
            if (index + run) % 2:
                sugg_total += time_suggest(model, documents[part], args.batch_size, 1)
                bare_total += time_bare(model.nlp, texts[part], args.batch_size, 1)
            else:
                bare_total += time_bare(model.nlp, texts[part], args.batch_size, 1)
                sugg_total += time_suggest(model, documents[part], args.batch_size, 1)
        bare_runs.append(bare_total)
        sugg_runs.append(sugg_total)
    ratios = [s_ / b_ - 1 for b_, s_ in zip(bare_runs, sugg_runs, strict=True)]
    rows.append((1, statistics.median(bare_runs), statistics.median(sugg_runs), statistics.median(ratios)))
    # n_process 2: whole runs (each nlp.pipe starts its worker processes)
    bare, sugg = [], []
    for _ in range(runs):
        bare.append(time_bare(model.nlp, texts, args.batch_size, 2))
        sugg.append(time_suggest(model, documents, args.batch_size, 2))
    b, s = statistics.median(bare), statistics.median(sugg)
    rows.append((2, b, s, s / b - 1))
    print()
    print(f"{'n_process':>9} {'nlp.pipe s':>10} {'suggest s':>10} {'docs/s':>8} {'overhead':>9} {'budget':>7} ok")
    for n_process, b, s, overhead in rows:
        ok = "yes" if overhead <= BUDGET else "NO"
        print(f"{n_process:>9} {b:>10.2f} {s:>10.2f} {n_docs / s:>8.1f} {overhead:>8.1%} {BUDGET:>7.0%} {ok}")
    parsed = list(model.nlp.pipe(texts, batch_size=args.batch_size))
    rules = statistics.median(time_rules(model, documents, parsed) for _ in range(runs))
    share = rules / rows[0][1]
    print(
        f"\nrules + merge + saves alone: {rules:.2f} s = {share:.1%} of bare nlp.pipe (n_process 1) "
        f"-> {'within' if share <= BUDGET else 'OVER'} the {BUDGET:.0%} budget"
    )
    scaling = rows[0][2] / rows[1][2]
    print(f"\nscaling of suggest from --n-process 1 to 2: {scaling:.2f}x (2 cores shared with other work)")
    return 0 if share <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
