"""Export of a large generated project: wall time and peak memory (RSS) of ``corpus-tui export``.

Budget (DESIGN.md): exporting 100,000 documents stays under 1 GB peak RSS, and time grows
linearly with the corpus. The export runs as a child process (exactly the CLI a user
runs); its peak RSS comes from ``os.wait4``'s rusage for that child alone.

Documents are news-like (~2,000 characters, 6 quotes with cue/speaker/stance, 5 speaker
mentions each), written as one JSONL corpus file plus a ``gold`` journal.

    .venv/bin/python bench/bench_export.py            # 10,000 and 100,000 documents
    .venv/bin/python bench/bench_export.py --quick    # 1,000 and 10,000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUDGET_RSS_MB = 1024

SENTENCES = [
    "Officials met on {day} to discuss the agreement between the two governments.",
    "The talks followed months of tension over trade, security and energy supplies.",
    "Analysts said the meeting could reshape relations across the region for years.",
    "Markets reacted cautiously, with shares of defence companies rising slightly.",
    "Protesters gathered outside the ministry, holding signs and chanting slogans.",
    "The report, published by an independent institute, has not been verified.",
]
SPEAKERS = ["Jane Roe", "John Kirby", "Anatoly Antonov", "Maria Silva", "Chen Wei", "Amina Yusuf"]
CUES = ["said", "told reporters", "added", "warned", "noted", "insisted"]
STANCES = ["favor", "against", "neutral", None]


def make_document(i: int, rng: random.Random) -> tuple[dict, dict]:
    """One article and its gold annotation (offsets computed while the text is built)."""
    parts: list[str] = []
    pos = 0
    mentions, quotes = [], []

    def add(text: str) -> tuple[int, int]:
        nonlocal pos
        start = pos
        parts.append(text)
        pos += len(text)
        return start, pos

    for k in range(6):
        add(rng.choice(SENTENCES).format(day=f"day {i % 28 + 1}") + " ")
        add(rng.choice(SENTENCES).format(day="Monday") + "\n")
        speaker = rng.choice(SPEAKERS)
        add("“")
        q = add(f"We {rng.choice(['will', 'will not', 'may'])} accept the terms of deal number {i}-{k}")
        add(",” ")
        m = add(speaker)
        add(" ")
        c = add(rng.choice(CUES))
        add(".\n")
        mid = f"m{k + 1}"
        if k < 5:
            mentions.append({"id": mid, "start": m[0], "end": m[1], "entity": speaker, "origin": "manual"})
        stance = rng.choice(STANCES)
        quotes.append(
            {
                "id": f"q{k + 1}",
                "start": q[0],
                "end": q[1],
                "kind": "direct",
                "source": mid if k < 5 else None,
                "cue": [c[0], c[1]],
                "stance": stance,
                "target": "the deal" if stance else None,
                "origin": "manual",
            }
        )
    text = "".join(parts)
    doc_id = f"doc-{i:07d}"
    doc = {"id": doc_id, "text": text, "meta": {"outlet": f"outlet-{i % 17}"}}
    ann = {
        "doc_id": doc_id,
        "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "annotator": "gold",
        "rev": 1,
        "updated": "2026-01-01T00:00:00.000Z",
        "status": "done",
        "mentions": mentions,
        "quotes": quotes,
        "doc_stance": {"stance": "against", "target": "the deal"},
        "note": "",
        "rejected": [],
    }
    return doc, ann


def make_project(root: Path, n: int) -> None:
    rng = random.Random(n)
    (root / "corpus").mkdir(parents=True)
    (root / "annotations").mkdir()
    (root / "corpus-tui.toml").write_text(
        '[project]\nname = "bench"\ndocuments = ["corpus/*.jsonl"]\n\n'
        '[labels]\nstance = ["favor", "against", "neutral"]\n'
    )
    with (root / "corpus" / "news.jsonl").open("w") as docs, (root / "annotations" / "gold.jsonl").open("w") as gold:
        for i in range(n):
            doc, ann = make_document(i, rng)
            docs.write(json.dumps(doc, ensure_ascii=False) + "\n")
            gold.write(json.dumps(ann, ensure_ascii=False, separators=(",", ":")) + "\n")


def run_export(root: Path, out: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one ``corpus-tui export`` child process."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "corpus_tui", "export", str(out), "--project", str(root)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=REPO)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    output = proc.stdout.read().decode() if proc.stdout else ""
    if proc.returncode != 0:
        raise SystemExit(f"export failed ({proc.returncode}):\n{output}")
    return elapsed, usage.ru_maxrss / 1024  # Linux reports KB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 documents")
    parser.add_argument("--runs", type=int, default=0, help="runs per size (default: 3 quick, 1 full)")
    args = parser.parse_args()
    sizes = (1_000, 10_000) if args.quick else (10_000, 100_000)
    runs = args.runs or (3 if args.quick else 1)
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        for n in sizes:
            root = Path(tmp) / f"p{n}"
            t0 = time.perf_counter()
            make_project(root, n)
            print(f"generated {n:,} documents in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
            times, rss = [], []
            for _ in range(runs):
                seconds, peak = run_export(root, Path(tmp) / f"out{n}")
                times.append(seconds)
                rss.append(peak)
                print(f"  export {n:,}: {seconds:.1f} s, peak RSS {peak:.0f} MB", file=sys.stderr, flush=True)
            size_mb = sum(p.stat().st_size for p in (Path(tmp) / f"out{n}").rglob("*") if p.is_file()) / 2**20
            results[n] = (statistics.median(times), max(rss), size_mb)
            shutil.rmtree(root)
    small, large = sizes
    ratio = results[large][0] / results[small][0]
    print()
    print(f"{'documents':>10} | {'wall time (median)':>18} | {'docs/s':>7} | {'peak RSS':>9} | {'budget':>8} | dataset")
    print("-" * 78)
    for n, (seconds, peak, size_mb) in results.items():
        ok = "ok" if peak <= BUDGET_RSS_MB else "OVER"
        print(
            f"{n:>10,} | {seconds:>16.1f} s | {n / seconds:>7.0f} | {peak:>6.0f} MB | "
            f"{BUDGET_RSS_MB} MB {ok} | {size_mb:.0f} MB"
        )
    print(
        f"time ratio {large:,}/{small:,}: {ratio:.1f}x for {large // small}x the documents "
        f"({'linear' if ratio <= (large / small) * 1.3 else 'super-linear'})"
    )
    return 0 if all(peak <= BUDGET_RSS_MB for _, peak, _ in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
