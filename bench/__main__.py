"""Run every ``bench/bench_*.py`` in turn with the same flags (``make bench``).

``python -m bench --quick`` passes ``--quick`` to each script; ``--only foundation,tui``
picks scripts by the part of their name after ``bench_``. Each script runs in its own
process so one benchmark's imports and caches do not colour the next one's numbers.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    only: set[str] | None = None
    passed: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--only":
            only = set(next(args, "").split(","))
        elif arg.startswith("--only="):
            only = set(arg.removeprefix("--only=").split(","))
        else:
            passed.append(arg)
    scripts = sorted(HERE.glob("bench_*.py"))
    if only is not None:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in only]
    if not scripts:
        print("no benchmark matched", file=sys.stderr)
        return 2
    failed: list[str] = []
    for script in scripts:
        print(f"\n=== {script.name} {' '.join(passed)}".rstrip(), flush=True)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(script), *passed], cwd=HERE.parent)
        print(f"--- {script.name}: exit {result.returncode} in {time.perf_counter() - start:.1f} s", flush=True)
        if result.returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
