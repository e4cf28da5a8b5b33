"""Benchmark: `corpus-tui train` on the attribution corpus (tests/data/attribution).

Reports, on the 11 held-out test articles (never used to develop the rules or to tune a
model): P/R/F1 per kind (exact and >= 50 % overlap), cue F1, speaker F1 and accuracy on
matched quotes, and stance, for the rules, the trained model and both together; the
same for a model whose encoders start from the installed pipeline ("sm") and from
scratch, with the choice made on the validation articles; training time per 100
documents; the learning curve (F1 against 10/25/50/100 % of the 38 training articles);
and the throughput of `suggest` with the trained model next to the rules alone.

Run: .venv/bin/python bench/bench_train.py [--quick] [--seeds N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_suggest import generate_articles  # noqa: E402
from corpus_tui.core.model import KINDS, DocAnnotation, Document  # noqa: E402
from corpus_tui.core.project import Project  # noqa: E402
from corpus_tui.core.store import Journal  # noqa: E402
from corpus_tui.suggest.names import NameSpellings  # noqa: E402
from corpus_tui.suggest.pipeline import load_model  # noqa: E402
from corpus_tui.suggest.runner import suggest_into_journal  # noqa: E402
from corpus_tui.train.gold import GoldSplit, gold_split  # noqa: E402
from corpus_tui.train.run import train_split  # noqa: E402
from corpus_tui.train.settings import TrainSettings  # noqa: E402

CORPUS = REPO / "tests" / "data" / "attribution"
SOURCES = ("rules", "model", "both")


def project_copy(root: Path) -> Project:
    shutil.copytree(CORPUS, root, ignore=shutil.ignore_patterns("src", "build.py", "models"))
    return Project.load(root)


def row(name: str, cells: list[str]) -> str:
    return f"{name:<24}" + "".join(f"{c:>22}" for c in cells)


def prf(score: dict) -> str:
    return f"{score['precision']:.3f}/{score['recall']:.3f}/{score['f1']:.3f}"


def print_held_out(report) -> None:
    held = report.held_out.to_dict()
    print(row("held-out (P/R/F1)", list(SOURCES)))
    for metric in ("exact", "overlap"):
        for kind in (*KINDS, "all"):
            print(row(f"{metric} {kind}", [prf(held[s][metric][kind]) for s in SOURCES]))
    print(row("cue", [prf(held[s]["cue"]["all"]) for s in SOURCES]))
    print(row("speaker", [prf(held[s]["speaker"]["all"]) for s in SOURCES]))
    accuracy = [held[s]["speaker"]["all"]["tp"] / max(1, held[s]["overlap"]["all"]["tp"]) for s in SOURCES]
    print(row("speaker acc. (matched)", [f"{a:.3f}" for a in accuracy]))
    print(row("stance suggested", [prf(held[s]["stance"]["all"]) for s in SOURCES]))
    stance = held["stance"]
    gold = [q.stance for _, ann in report.split.test for q in ann.quotes if q.stance]
    majority = max(gold.count(label) for label in set(gold)) / len(gold) if gold else 0.0
    print(
        f"stance classifier on {stance['quotes']} held-out gold quotes: accuracy {stance['accuracy']:.3f} "
        f"(majority label {majority:.3f}); threshold {stance['threshold']}; "
        f"{stance['suggested']} suggested, {stance['suggested_right']} right"
    )


def train(project: Project, split: GoldSplit, name: str, settings: TrainSettings):
    start = time.perf_counter()
    report = train_split(project, split, f"models/{name}", settings)
    return report, time.perf_counter() - start


def compare_starts(project: Project, split: GoldSplit, settings: TrainSettings, seeds: int) -> dict:
    """sm vs scratch over ``seeds`` seeds: validation (the choice) and test span F1."""
    results = {}
    for start in ("sm", "scratch"):
        runs = []
        for seed in range(seeds):
            report, seconds = train(project, split, f"{start}-{seed}", replace(settings, start=start, seed=seed))
            held = report.held_out.to_dict()
            runs.append((report, seconds, report.loop.span_score, held["model"]["overlap"]["all"]["f1"]))
        results[start] = runs
        validation = statistics.mean(r[2] for r in runs)
        test = statistics.mean(r[3] for r in runs)
        per_epoch = statistics.mean(r[1] / r[0].loop.epochs for r in runs)
        print(
            f"start={start:<8} validation span score {validation:.3f}  test model overlap F1 {test:.3f}  "
            f"epochs {[r[0].loop.epochs for r in runs]}  {statistics.mean(r[1] for r in runs):.0f} s per run, "
            f"{per_epoch / len(split.train) * 100:.1f} s per epoch per 100 training documents"
        )
    return results


def learning_curve(project: Project, split: GoldSplit, settings: TrainSettings) -> None:
    print(row("training articles", ["model exact F1", "model overlap F1", "both overlap F1"]))
    for share in (0.10, 0.25, 0.50, 1.00):
        count = max(2, round(share * len(split.train)))
        part = replace(split, train=split.train[:count])
        report, _ = train(project, part, f"curve-{count}", settings)
        held = report.held_out.to_dict()
        cells = [
            f"{held['model']['exact']['all']['f1']:.3f}",
            f"{held['model']['overlap']['all']['f1']:.3f}",
            f"{held['both']['overlap']['all']['f1']:.3f}",
        ]
        print(row(f"{share:.0%} ({count})", cells))


def throughput(model_dir: Path, n_docs: int) -> None:
    """Documents per second of the `suggest` loop, with the trained model and with the rules alone."""
    texts = generate_articles(n_docs)
    documents = [Document(id=f"doc{i:05d}", text=t) for i, t in enumerate(texts)]
    spellings = NameSpellings.from_texts(texts)
    models = (("rules (en_core_web_sm)", load_model()), ("trained model + rules", load_model(str(model_dir))))
    for label, model in models:
        with tempfile.TemporaryDirectory() as tmp:
            journal = Journal.open(Path(tmp) / "bench.jsonl", "bench")
            try:
                todo = [(d, DocAnnotation.empty(d, "bench")) for d in documents]
                start = time.perf_counter()
                suggest_into_journal(journal, todo, model, spellings=spellings, target="the plan")
                elapsed = time.perf_counter() - start
            finally:
                journal.close()
        words = sum(len(t.split()) for t in texts)
        print(f"{label:<24} {n_docs / elapsed:>7.1f} docs/s  {words / elapsed:>8.0f} words/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one seed, 10 epochs, 100 documents for throughput")
    parser.add_argument("--seeds", type=int, help="seeds per start (default 3, quick 1)")
    args = parser.parse_args()
    seeds = args.seeds or (1 if args.quick else 3)
    settings = TrainSettings(max_epochs=10 if args.quick else 30, max_minutes=None)
    with tempfile.TemporaryDirectory() as tmp:
        project = project_copy(Path(tmp) / "attribution")
        split = gold_split(project, None, settings.eval_split)
        sizes = f"{len(split.train)} train, {len(split.validation)} validation, {len(split.test)} test"
        print(f"attribution corpus: {sizes} articles")
        print("\n== encoder start (chosen on validation)")
        results = compare_starts(project, split, settings, seeds)
        best = max(results, key=lambda s: statistics.mean(r[2] for r in results[s]))
        print(f"-> {best}")
        report = results[best][0][0]
        print(f"\n== held-out test articles, start={best}, seed 0")
        print_held_out(report)
        print("\n== learning curve (test articles)")
        learning_curve(project, split, replace(settings, start=best))
        print("\n== suggest throughput")
        throughput(report.output, 100 if args.quick else 300)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
